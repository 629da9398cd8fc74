"""Repeated reads: ETags, 304s and the cache of bodies, which a write to the store must never let go stale."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from dateline.server import create_app
from dateline.server.cache import Bodies, Stored
from dateline.settings import load_settings
from dateline.store import Store

from ..store.builders import article, event, record
from .conftest import build


@pytest.fixture()
def own_store(tmp_path: Path) -> Store:
    return build(tmp_path / "own.duckdb")


def test_a_read_carries_an_etag_and_a_repeat_with_it_is_a_304(client: TestClient) -> None:
    first = client.get("/api/events", params={"type": "COERCE"})
    assert first.status_code == 200
    etag = first.headers["etag"]
    assert first.headers["cache-control"] == "no-cache"
    again = client.get("/api/events", params={"type": "COERCE"}, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    assert again.headers["etag"] == etag
    other = client.get("/api/events", params={"type": "ASSAULT"}, headers={"If-None-Match": etag})
    assert other.status_code == 200 and other.headers["etag"] != etag
    assert [e["type"] for e in other.json()["items"]] == ["ASSAULT"]


def test_a_repeated_read_gives_the_same_body(client: TestClient) -> None:
    first = client.get("/api/events.geojson", params={"detail": "map"})
    second = client.get("/api/events.geojson", params={"detail": "map"})
    assert second.status_code == 200 and second.content == first.content
    assert second.headers["content-type"] == first.headers["content-type"]
    assert second.headers["etag"] == first.headers["etag"]


def test_errors_and_pages_are_not_tagged(client: TestClient) -> None:
    bad = client.get("/api/events", params={"limit": 0})
    assert bad.status_code == 400 and "etag" not in bad.headers
    missing = client.get("/api/articles/nothing-here")
    assert missing.status_code == 404 and "etag" not in missing.headers


@pytest.mark.parametrize("cache_mb", [64, 0])
def test_a_write_to_the_store_changes_the_answer_at_once(own_store: Store, cache_mb: int) -> None:
    store = Store(own_store.path, settings=load_settings(serve_cache_mb=cache_mb))
    client = TestClient(create_app(store), raise_server_exceptions=False)
    before = client.get("/api/events", params={"type": "PROTEST"})
    assert before.json()["items"] == []
    new = article("Thousands marched in Kisumu against the tax.", source="d", published="2025-06-01")
    writer = Store(own_store.path, settings=load_settings(store_batch_size=2))
    store.close()  # as a waiting writer makes the server's reader do
    writer.add([record(new, event(new, "PROTEST"))])
    after = client.get("/api/events", params={"type": "PROTEST"}, headers={"If-None-Match": before.headers["etag"]})
    assert after.status_code == 200
    assert [e["type"] for e in after.json()["items"]] == ["PROTEST"]
    assert after.headers["etag"] != before.headers["etag"]


@pytest.mark.model
def test_the_server_s_own_ingest_changes_the_answer(own_store: Store) -> None:
    client = TestClient(create_app(own_store, allow_ingest=True, token="t0ken"), raise_server_exceptions=False)
    before = client.get("/api/stats").json()["articles"]
    posted = client.post("/api/ingest", content=b"Protesters marched through the capital on Monday to demand "
                         b"new elections, and police arrested twelve of them near the parliament building.",
                         headers={"Authorization": "Bearer t0ken"})
    assert posted.status_code == 200, posted.text
    assert client.get("/api/stats").json()["articles"] == before + 1


def _stored(n: int) -> Stored:
    return Stored(200, [], b"x" * n)


def test_bodies_keep_at_most_their_bytes_dropping_the_least_recently_used() -> None:
    bodies = Bodies(100)
    bodies.put("a", _stored(20))
    bodies.put("b", _stored(20))
    bodies.put("c", _stored(20))
    assert bodies.get("a") is not None  # a is now the most recent
    bodies.put("d", _stored(25))
    bodies.put("e", _stored(25))  # 110 bytes: b, the least recently used, goes
    assert bodies.get("b") is None
    assert all(bodies.get(k) is not None for k in "acde")
    assert bodies.size == 90
    bodies.put("huge", _stored(26))  # more than a quarter of the whole: never kept
    assert bodies.get("huge") is None and bodies.size == 90
    bodies.put("a", _stored(5))  # a key put again replaces its body
    assert bodies.size == 75 and bodies.hits == 5 and bodies.misses == 2
