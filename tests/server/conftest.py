"""A small store of hand-built records (no model) and an in-process client of the API over it."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from dateline.records import Actor, Span, content_id
from dateline.settings import load_settings
from dateline.store import Store

from ..store.builders import MOMBASA, article, entity, event, place, quote, record


def actor(name: str, country: str | None = None) -> Actor:
    return Actor(name=name, entity_id=content_id(name, length=12), country=country)


def build(path: Path) -> Store:
    s = Store(path, settings=load_settings(store_batch_size=2))
    a = article('Police fired tear gas at protesters in Nairobi. "We acted within the law," said Samuel Kiprop.',
                source="a", url="https://a.example/1", published="2025-03-11", title="Tear gas in the capital")
    b = article('Rebels attacked a post near Mombasa. "100% of the town is safe_now," Grace Otieno said.',
                source="b", published="2025-04-02", title="Attack on the coast")
    c = article("Ministers met in Nairobi and agreed to reopen the border.", source="c", published="2025-05-20",
                title="Border to reopen")
    kiprop = entity("Samuel Kiprop", country="KEN")
    s.add([
        record(a, replace(event(a, "COERCE", country="KEN"), actors=(actor("police", "KEN"),),
                          recipients=(actor("protesters"),)),
               quotes=(quote(a, "We acted within the law,", "Samuel Kiprop"),),
               places=(place(a, "Nairobi", country="KE", lat=-1.28333, lon=36.81667, geonameid=184745),),
               entities=(replace(kiprop, mentions=(Span("Samuel Kiprop", a.text.index("Samuel"),
                                                        a.text.index("Samuel") + 13),)),
                         entity("police", "ORG"))),
        record(b, replace(event(b, "ASSAULT", where=MOMBASA, place="Mombasa", modality=("reported",)),
                          actors=(actor("rebels"),)),
               quotes=(quote(b, "100% of the town is safe_now,", "Grace Otieno"),),
               places=(place(b, "Mombasa", country="KE", lat=MOMBASA[0], lon=MOMBASA[1], geonameid=186301),),
               entities=(entity("Grace Otieno"),)),
        record(c, replace(event(c, "AGREE"), actors=(actor("ministers"),))),
    ])
    return s


@pytest.fixture(scope="session")
def api_store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    return build(tmp_path_factory.mktemp("api") / "api.duckdb")


@pytest.fixture(scope="session")
def client(api_store: Store) -> TestClient:
    from dateline.server import create_app

    return TestClient(create_app(api_store), raise_server_exceptions=False)
