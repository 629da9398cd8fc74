"""Derived tables kept in the cache folder: read back identical, rebuilt when unreadable or when their sources
change, and never needed (only slower) when the folder cannot be written."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from dateline import lexicon, tables


@pytest.fixture()
def cache(tmp_path: Path) -> Iterator[Path]:
    saved = tables._cache_dir
    tables.use_cache_dir(str(tmp_path))
    yield tmp_path
    tables._cache_dir = saved


def test_kept_then_read_back(cache: Path) -> None:
    calls: list[int] = []

    def build() -> list[list[object]]:
        calls.append(1)
        return [["a", 1, None, True]]

    assert tables.derived("t", [b"x"], build) == [["a", 1, None, True]]
    assert tables.derived("t", [b"x"], build) == [["a", 1, None, True]]
    assert len(calls) == 1 and len(list(cache.glob("t-*.json"))) == 1


def test_other_sources_build_anew(cache: Path) -> None:
    assert tables.derived("t", [b"x"], lambda: [1]) == [1]
    assert tables.derived("t", [b"y"], lambda: [2]) == [2]


def test_unreadable_file_is_rebuilt(cache: Path) -> None:
    tables.derived("t", [b"x"], lambda: [1])
    path = next(cache.glob("t-*.json"))
    path.write_text("{not json", encoding="utf-8")
    assert tables.derived("t", [b"x"], lambda: [1]) == [1]
    assert path.read_text(encoding="utf-8") == "[1]"


def test_unwritable_folder_only_costs_time(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    saved = tables._cache_dir
    tables.use_cache_dir(str(blocker / "below"))  # a folder under a file cannot be made
    try:
        assert tables.derived("t", [b"x"], lambda: [3]) == [3]
    finally:
        tables._cache_dir = saved


def test_name_index_from_the_cache_equals_the_built_one(cache: Path) -> None:
    built = {key: tuple(entries) for key, entries in lexicon._built_name_index().items()}
    lexicon._name_index.cache_clear()
    try:
        first = lexicon._name_index()  # builds and keeps it
        lexicon._name_index.cache_clear()
        second = lexicon._name_index()  # reads it back
    finally:
        lexicon._name_index.cache_clear()
    assert first == built and second == built and list(second) == list(built)
    assert list(cache.glob("names-*.json"))


def test_known_places_from_the_cache_are_the_same(cache: Path) -> None:
    tables.known_places.cache_clear()
    try:
        first = tables.known_places()
        tables.known_places.cache_clear()
        second = tables.known_places()
    finally:
        tables.known_places.cache_clear()
    assert first == second and "paris" in second and len(second) > 1000
