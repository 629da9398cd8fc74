"""Queries, filter by filter, on a store of hand-built records; bad parameters are clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.errors import QueryError
from dateline.settings import load_settings
from dateline.store import Store

from .builders import MOMBASA, article, entity, event, place, quote, record


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    s = Store(tmp_path_factory.mktemp("q") / "q.duckdb", settings=load_settings(store_batch_size=2))
    a = article('Police fired tear gas at protesters in Nairobi. "We acted within the law," said Samuel Kiprop.',
                source="a", url="https://a.example/1", published="2025-03-11")
    b = article('Rebels attacked a post near Mombasa. "100% of the town is safe_now," Grace Otieno said.',
                source="b", published="2025-04-02")
    c = article("Ministers met in Nairobi and agreed to reopen the border.", source="c", published="2025-05-20")
    s.add([
        record(a, event(a, "COERCE", actors=("police",), recipients=("protesters",), country="KEN"),
               quotes=(quote(a, "We acted within the law,", "Samuel Kiprop"),),
               places=(place(a, "Nairobi", country="KE", lat=-1.28333, lon=36.81667, geonameid=184745),),
               entities=(entity("Samuel Kiprop", country="KEN"),)),
        record(b, event(b, "ASSAULT", actors=("rebels",), where=MOMBASA, place="Mombasa", modality=("reported",)),
               quotes=(quote(b, "100% of the town is safe_now,", "Grace Otieno"),),
               places=(place(b, "Mombasa", country="KE", lat=MOMBASA[0], lon=MOMBASA[1], geonameid=186301),),
               entities=(entity("Samuel Kiprop", country="KEN"), entity("Grace Otieno"))),
        record(c, event(c, "AGREE", actors=("ministers",))),
    ])
    return s


@pytest.mark.parametrize("filters, expected", [
    ({}, {"COERCE", "ASSAULT", "AGREE"}),
    ({"type": "assault"}, {"ASSAULT"}),
    ({"actor": "POLICE"}, {"COERCE"}),
    ({"recipient": "protest"}, {"COERCE"}),
    ({"country": "KE"}, {"COERCE"}),
    ({"country": "KEN"}, {"COERCE"}),
    ({"near": (-1.3, 36.8), "km": 30}, {"COERCE", "AGREE"}),
    ({"near": "Mombasa", "km": 30}, {"ASSAULT"}),
    ({"since": "2025-04-01"}, {"ASSAULT", "AGREE"}),
    ({"until": "2025-04-01"}, {"COERCE"}),
    ({"since": "2025-04-01", "until": "2025-04-30"}, {"ASSAULT"}),
    ({"text": "rebels"}, {"ASSAULT"}),
    ({"modality": "reported"}, {"ASSAULT"}),
])
@pytest.mark.parametrize("raw", [False, True])
def test_event_filters(store: Store, filters: dict, expected: set, raw: bool) -> None:  # type: ignore[type-arg]
    assert {r["type"] for r in store.events(raw=raw, **filters)} == expected


def test_every_row_carries_its_provenance(store: Store) -> None:
    (row,) = store.events(raw=True, type="COERCE").rows
    art = store.record(row["article_id"])
    assert art is not None and row["source"] == "a" and row["url"] == "https://a.example/1"
    assert art.article.text[row["start"]:row["end"]] == row["evidence"]
    (q,) = store.quotes(speaker="kiprop").rows
    assert art.article.text[q["start"]:q["end"]] == q["text"] and q["article_id"] == art.article.id


def test_like_wildcards_in_user_text_are_literal(store: Store) -> None:
    assert [q["speaker"] for q in store.quotes(text="100%")] == ["Grace Otieno"]
    assert [q["speaker"] for q in store.quotes(text="safe_now")] == ["Grace Otieno"]
    assert len(store.quotes(text="%")) == 1 and len(store.quotes(text="_")) == 1


def test_sql_in_a_filter_is_only_text(store: Store) -> None:
    assert len(store.quotes(speaker="x' OR '1'='1")) == 0
    assert len(store.events(type="COERCE'; DROP TABLE events; --")) == 0
    assert len(store.events(raw=True)) == 3


@pytest.mark.parametrize("kind, filters", [
    ("places", {"country": "KE"}), ("places", {"near": "Nairobi", "km": 5}), ("places", {"text": "mombasa"}),
    ("entities", {"country": "KE"}), ("articles", {"text": "border"}), ("stories", {"since": "2025-05-01"}),
])
def test_other_kinds_answer(store: Store, kind: str, filters: dict) -> None:  # type: ignore[type-arg]
    assert len(store.query(kind, **filters)) >= 1


@pytest.mark.parametrize("kind, filters, message", [
    ("events", {"since": "last tuesday"}, "not a date"),
    ("events", {"country": "Narnia"}, "not an ISO country code"),
    ("events", {"limit": 0}, "limit must be"),
    ("events", {"limit": 10**9}, "limit must be"),
    ("events", {"km": -5, "near": (0.0, 0.0)}, "km must be positive"),
    ("events", {"near": "Atlantis"}, "no stored place"),
    ("events", {"near": "95,200"}, "not a position"),
    ("quotes", {"type": "ASSAULT"}, "cannot be filtered by type"),
    ("stories", {"speaker": "x"}, "cannot be filtered by speaker"),
    ("nonsense", {}, "unknown kind"),
    ("events", {"colour": "red"}, "unknown filter"),
])
def test_bad_parameters_are_clear_errors(store: Store, kind: str, filters: dict, message: str) -> None:  # type: ignore[type-arg]
    with pytest.raises(QueryError, match=message):
        store.query(kind, **filters)


def test_results_convert_to_arrow_and_pandas(store: Store) -> None:
    pd = pytest.importorskip("pandas")
    df = store.events(raw=True).to_pandas()
    assert isinstance(df, pd.DataFrame) and len(df) == 3 and "evidence" in df.columns


def test_limit_and_offset_page_through(store: Store) -> None:
    first, second = store.events(raw=True, limit=2), store.events(raw=True, limit=2, offset=2)
    assert len(first) == 2 and len(second) == 1
    assert {r["event_id"] for r in first}.isdisjoint(r["event_id"] for r in second)


def test_reading_a_missing_store_says_how_to_make_one(tmp_path: Path) -> None:
    from dateline.errors import StoreError

    with pytest.raises(StoreError, match="dateline ingest"):
        Store(tmp_path / "none.duckdb").events()


def test_entities_are_counted_across_articles(store: Store) -> None:
    (kiprop,) = store.entities(actor="kiprop").rows
    assert kiprop["n_articles"] == 2 and kiprop["country"] == "KEN"


def test_timeline_counts_per_day_under_the_same_filters(store: Store) -> None:
    assert [(str(r["day"]), r["n"]) for r in store.timeline()] == [
        ("2025-03-11", 1), ("2025-04-02", 1), ("2025-05-20", 1)]
    assert [str(r["day"]) for r in store.timeline(near="Nairobi", km=30, raw=True)] == ["2025-03-11", "2025-05-20"]
    assert len(store.timeline(type="PROTEST")) == 0
    with pytest.raises(QueryError, match="timeline cannot be filtered by speaker"):
        store.timeline(speaker="x")


def test_quotes_and_events_of_one_entity_by_its_id(tmp_path: Path) -> None:
    from dataclasses import replace

    from dateline.records import Actor, content_id

    s = Store(tmp_path / "ids.duckdb")
    a = article('Police fired tear gas. "We acted within the law," said Samuel Kiprop.', source="a")
    police = Actor(name="police", entity_id=content_id("police", length=12))
    crowd = Actor(name="the crowd", entity_id=content_id("crowd", length=12))
    e = replace(event(a, "COERCE"), actors=(police,), recipients=(crowd,))
    s.add([record(a, e, quotes=(quote(a, "We acted within the law,", "Samuel Kiprop"),))])
    (q,) = s.quotes(speaker_id=content_id("Samuel Kiprop", length=12)).rows
    assert q["speaker"] == "Samuel Kiprop" and q["speaker_id"] == content_id("Samuel Kiprop", length=12)
    assert len(s.quotes(speaker_id="nobody")) == 0
    assert [r["type"] for r in s.events(raw=True, actor_id=police.entity_id)] == ["COERCE"]
    assert [r["type"] for r in s.events(raw=True, recipient_id=crowd.entity_id)] == ["COERCE"]
    assert len(s.events(raw=True, actor_id=crowd.entity_id)) == 0
    with pytest.raises(QueryError, match="cannot be filtered by actor_id"):
        s.events(actor_id=police.entity_id)  # clusters merge actors of several events: ids are for raw events


def test_queries_from_several_threads_at_once_answer_as_one_at_a_time(store: Store) -> None:
    from concurrent.futures import ThreadPoolExecutor

    asks = [("events", {}), ("events", {"raw": True, "near": "Nairobi"}), ("quotes", {"speaker": "grace"}),
            ("places", {"country": "KE"}), ("entities", {}), ("stories", {})] * 8
    alone = [store.query(kind, **f).rows for kind, f in asks]
    with ThreadPoolExecutor(6) as pool:
        together = list(pool.map(lambda a: store.query(a[0], **a[1]).rows, asks))
    assert together == alone
    store.close()
    assert store._reader_conn._con is None and store._reader_conn._in_use == 0
