"""``update`` replaces an article's records once per run, and keeps its sources."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from dateline.settings import load_settings
from dateline.store import Store

from .builders import article, event, record


def test_update_replaces_each_article_once_and_keeps_its_sources(tmp_path: Path) -> None:
    store = Store(tmp_path / "u.duckdb", settings=load_settings(store_batch_size=1))
    a = article("Police fired tear gas at protesters in the capital on Tuesday.", source="one.txt")
    first = record(a, event(a, "COERCE", actors=("police",)))
    copy = dataclasses.replace(first, article=dataclasses.replace(a, source_id="two.txt"))
    assert store.add([first, copy]).new_sources == 1
    before = store.digest()
    again = store.add([first, copy], update=True)
    assert (again.updated, again.added, again.skipped) == (1, 0, 1)
    assert store.digest() == before and store.stats()["tables"]["article_sources"] == 2
    changed = dataclasses.replace(first, events=(event(a, "PROTEST", actors=("police",)),))
    assert store.add([changed], update=True).updated == 1
    assert [r["type"] for r in store.events(raw=True)] == ["PROTEST"]
