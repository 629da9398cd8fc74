"""The store's tables, derived from the record types in :mod:`dateline.records`.

Each record table's columns are the fields of one record class: ``str`` → VARCHAR, ``int`` → BIGINT,
``float`` → DOUBLE, ``bool`` → BOOLEAN, a nested record → STRUCT, a tuple → LIST. Nothing here lists a
record's fields by hand, so the tables cannot drift from the records. The store's own tables (stories,
clusters, signatures, sources, meta) follow, written out because they hold what no record holds.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import dataclass
from typing import Any, Union

import pyarrow as pa

from ..records import Article, DateRef, Entity, ErrorInfo, Event, Place, Quote, Record, to_dict

_SCALARS: dict[type, tuple[str, pa.DataType]] = {
    str: ("VARCHAR", pa.string()), int: ("BIGINT", pa.int64()), float: ("DOUBLE", pa.float64()),
    bool: ("BOOLEAN", pa.bool_()),
}


def quoted(name: str) -> str:
    """A column or table name as a DuckDB identifier (``start``, ``end``, ``text`` are key words)."""
    return '"' + name.replace('"', '""') + '"'


def _inner(hint: Any) -> Any:
    """``X | None`` → ``X``."""
    if typing.get_origin(hint) in (Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return hint


def duck_type(hint: Any) -> str:
    """The DuckDB type of a record field's type hint."""
    hint = _inner(hint)
    if typing.get_origin(hint) is tuple:
        return duck_type(typing.get_args(hint)[0]) + "[]"
    if dataclasses.is_dataclass(hint):
        fields = ", ".join(f"{quoted(n)} {duck_type(h)}" for n, h in field_hints(hint))
        return f"STRUCT({fields})"
    return _SCALARS[hint][0]


def arrow_type(hint: Any) -> pa.DataType:
    """The Arrow type of a record field's type hint (rows are handed to DuckDB as Arrow tables)."""
    hint = _inner(hint)
    if typing.get_origin(hint) is tuple:
        return pa.list_(arrow_type(typing.get_args(hint)[0]))
    if dataclasses.is_dataclass(hint):
        return pa.struct([pa.field(n, arrow_type(h)) for n, h in field_hints(hint)])
    return _SCALARS[hint][1]


def field_hints(cls: Any) -> list[tuple[str, Any]]:
    hints = typing.get_type_hints(cls)
    return [(f.name, hints[f.name]) for f in dataclasses.fields(cls)]  # type: ignore[arg-type]


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # DuckDB type
    arrow: pa.DataType


@dataclass(frozen=True)
class Table:
    """One table: leading key columns, then either a record class's fields or columns of its own."""

    name: str
    record: type | None = None  # its fields are the columns after the keys
    field: str | None = None  # the Record field its rows come from (entities, quotes, ...)
    keys: tuple[Column, ...] = ()
    own: tuple[Column, ...] = ()  # columns of a store table that no record defines

    @property
    def columns(self) -> tuple[Column, ...]:
        derived = tuple(Column(n, duck_type(h), arrow_type(h)) for n, h in field_hints(self.record)) \
            if self.record is not None else ()
        return self.keys + derived + self.own

    @property
    def record_columns(self) -> tuple[str, ...]:
        return tuple(n for n, _ in field_hints(self.record)) if self.record is not None else ()

    def ddl(self) -> str:
        cols = ", ".join(f"{quoted(c.name)} {c.type}" for c in self.columns)
        return f"CREATE TABLE IF NOT EXISTS {quoted(self.name)} ({cols})"

    def arrow_schema(self) -> pa.Schema:
        return pa.schema([pa.field(c.name, c.arrow) for c in self.columns])

    def arrow(self, rows: list[dict[str, Any]]) -> pa.Table:
        return pa.Table.from_pylist(rows, schema=self.arrow_schema())


def _col(name: str, hint: type) -> Column:
    return Column(name, _SCALARS[hint][0], _SCALARS[hint][1])


def _names(name: str) -> Column:
    return Column(name, "VARCHAR[]", pa.list_(pa.string()))


ARTICLE_ID = _col("article_id", str)
ORD = _col("ord", int)

ARTICLES = Table("articles", Article)
# What every query row says of its article, copied into the listing tables so that a query reads one table.
PROVENANCE = (_col("article_title", str), Column("published", "DATE", pa.date32()), _col("source", str),
              _col("url", str))
# One table per list in a Record, each row keyed by its article and its place in the list.
CHILDREN: tuple[Table, ...] = tuple(
    Table(name, cls, field=name, keys=(ARTICLE_ID, ORD))
    for name, cls in (("entities", Entity), ("quotes", Quote), ("places", Place), ("dates", DateRef),
                      ("events", Event))
)
ERRORS = Table("errors", ErrorInfo)

# Where each stored article was read from: one row per source (two byte-identical copies are one article
# with two sources). ``raw_key`` identifies the input as read, so that a resumed ingest skips it unparsed.
SOURCES = Table("article_sources", keys=(ARTICLE_ID,), own=(
    _col("source_id", str), _col("url", str), _col("raw_key", str)))
SIGNATURES = Table("signatures", keys=(ARTICLE_ID,), own=(
    _col("shingles", int), Column("minhash", "UINTEGER[]", pa.list_(pa.uint32()))))
STORIES = Table("stories", own=(
    _col("story_id", str), _col("title", str), Column("first_published", "DATE", pa.date32()),
    _col("n_articles", int), _col("n_outlets", int)))
ARTICLE_STORIES = Table("article_stories", keys=(ARTICLE_ID,), own=(_col("story_id", str),))
CLUSTERS = Table("clusters", own=(
    _col("cluster_id", str), _col("type", str), Column("day", "DATE", pa.date32()), _col("place", str),
    _col("geonameid", int), _col("country", str), _col("lat", float), _col("lon", float),
    _names("countries"), _names("actors"), _names("recipients"),
    _col("n_events", int), _col("n_articles", int), _col("n_sources", int), _col("evidence", str),
    _col("article_id", str), *PROVENANCE))
EVENT_CLUSTERS = Table("event_clusters", keys=(ARTICLE_ID, ORD), own=(_col("cluster_id", str),))
# Listing tables: the rows that queries return, one table per kind, with the article's provenance and sorted
# the way queries filter, so that a query for 100 rows reads one table and few of its row groups. Written by
# refresh from the record tables (see .listings), never by ingest.
EVENT_ROWS = Table("event_rows", own=(
    _col("event_id", str), _col("cluster_id", str), _col("type", str), _col("mode", str), _col("date", str),
    Column("day", "DATE", pa.date32()), _col("place", str), _col("geonameid", int), _col("lat", float),
    _col("lon", float), _names("actors"), _names("recipients"), _names("actor_ids"), _names("recipient_ids"),
    _names("countries"), _names("modality"),
    _col("confidence", float), _col("evidence", str), _col("start", int), _col("end", int), ARTICLE_ID, ORD,
    *PROVENANCE))
QUOTE_ROWS = Table("quote_rows", own=(
    _col("quote_id", str), _col("speaker", str), _col("speaker_id", str), _col("role", str), _col("kind", str),
    _col("text", str),
    _col("cue", str), _col("start", int), _col("end", int), _col("confidence", float), ARTICLE_ID, ORD,
    *PROVENANCE))
# Every stored place name and mention, lower-cased, with where it points and how often: ``--near NAME``.
PLACE_NAMES = Table("place_names", own=(
    _col("key", str), _col("lat", float), _col("lon", float), _col("n", int)))
META = Table("meta", own=(_col("key", str), _col("value", str)))

# What ingest writes (and a digest compares) and what refresh derives from it.
RECORD_TABLES: tuple[Table, ...] = (ARTICLES, *CHILDREN, SOURCES, SIGNATURES, ERRORS)
DERIVED_TABLES: tuple[Table, ...] = (STORIES, ARTICLE_STORIES, CLUSTERS, EVENT_CLUSTERS)
LISTING_TABLES: tuple[Table, ...] = (EVENT_ROWS, QUOTE_ROWS, PLACE_NAMES)
TABLES: tuple[Table, ...] = (*RECORD_TABLES, *DERIVED_TABLES, *LISTING_TABLES, META)


def record_rows(record: Record) -> dict[str, list[dict[str, Any]]]:
    """One Record as rows of the record tables (articles and its children)."""
    rows: dict[str, list[dict[str, Any]]] = {ARTICLES.name: [to_dict(record.article)]}
    for table in CHILDREN:
        items = getattr(record, table.field or "")
        rows[table.name] = [{"article_id": record.article.id, "ord": i, **to_dict(x)} for i, x in enumerate(items)]
    return rows


def select_list(table: Table, alias: str = "") -> str:
    """The record columns of ``table`` for a SELECT, in field order."""
    prefix = f"{alias}." if alias else ""
    return ", ".join(prefix + quoted(n) for n in table.record_columns)
