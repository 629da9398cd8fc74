"""record → store → record is the identity, for every record type (hypothesis), and the tables are derived
from the records: every field of every record class is a column."""

from __future__ import annotations

import dataclasses
import types
import typing
from pathlib import Path
from typing import Any, Union

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dateline.records import Article, ErrorInfo, ErrorRecord, Record, content_id
from dateline.settings import load_settings
from dateline.store import Store
from dateline.store.schema import ARTICLES, CHILDREN, ERRORS, TABLES, field_hints

TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=30)


def _strategy(hint: Any) -> st.SearchStrategy[Any]:
    origin = typing.get_origin(hint)
    if origin in (Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        return st.none() | _strategy(args[0])
    if origin is tuple:
        return st.lists(_strategy(typing.get_args(hint)[0]), max_size=3).map(tuple)
    if dataclasses.is_dataclass(hint):
        return instances(hint)
    return {str: TEXT, int: st.integers(-1, 2**40), bool: st.booleans(),
            float: st.floats(allow_nan=False, allow_infinity=False, width=64)}[hint]


def instances(cls: type) -> st.SearchStrategy[Any]:
    """Any instance of a record class, every field drawn from its type (optional ones included)."""
    return st.builds(cls, **{name: _strategy(hint) for name, hint in field_hints(cls)})


@st.composite
def records(draw: st.DrawFn) -> Record:
    art = draw(instances(Article))
    art = dataclasses.replace(art, id=content_id(art.source_id, art.text))  # one id per article, as intake makes
    parts = {t.field: tuple(draw(st.lists(instances(t.record), max_size=3))) for t in CHILDREN}  # type: ignore[arg-type]
    return Record(article=art, **parts)  # type: ignore[arg-type]


def _store(tmp_path: Path) -> Store:
    return Store(tmp_path / "t.duckdb", settings=load_settings(store_batch_size=3))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(records(), min_size=1, max_size=4, unique_by=lambda r: r.article.id))
def test_record_store_record_is_identity(tmp_path_factory: pytest.TempPathFactory, recs: list[Record]) -> None:
    store = _store(tmp_path_factory.mktemp("rt"))
    store.add(recs)
    assert {r.article.id: r for r in store.records()} == {r.article.id: r for r in recs}


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(instances(ErrorInfo), min_size=1, max_size=4, unique_by=lambda e: e.source))
def test_error_store_error_is_identity(tmp_path_factory: pytest.TempPathFactory, infos: list[ErrorInfo]) -> None:
    store = _store(tmp_path_factory.mktemp("err"))
    store.add([ErrorRecord(error=i) for i in infos])
    assert sorted(e.error.source for e in store.errors()) == sorted(i.source for i in infos)
    assert set(store.errors()) == {ErrorRecord(error=i) for i in infos}


@pytest.mark.parametrize("table", [ARTICLES, *CHILDREN, ERRORS], ids=lambda t: t.name)
def test_every_record_field_is_a_column(table: Any) -> None:
    names = [c.name for c in table.columns]
    for field in dataclasses.fields(table.record):
        assert field.name in names


def test_table_names_are_unique() -> None:
    names = [t.name for t in TABLES]
    assert len(names) == len(set(names))
