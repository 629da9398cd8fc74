"""Records back out of the store: the inverse of :func:`.schema.record_rows`, and table digests."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import Any

import duckdb

from ..records import Article, ErrorInfo, ErrorRecord, Record, from_dict
from .schema import (
    ARTICLES,
    CHILDREN,
    DERIVED_TABLES,
    ERRORS,
    LISTING_TABLES,
    RECORD_TABLES,
    Table,
    quoted,
    select_list,
)

CHUNK = 500


def load_records(con: duckdb.DuckDBPyConnection, ids: list[str]) -> list[Record]:
    """The stored Records of ``ids`` (in that order; ids not stored are left out)."""
    articles = {r["id"]: r for r in _rows(con, ARTICLES, "id", ids)}
    children: dict[str, dict[str, list[dict[str, Any]]]] = {t.name: defaultdict(list) for t in CHILDREN}
    for table in CHILDREN:
        for row in _rows(con, table, "article_id", ids, order="article_id, ord", keys=True):
            children[table.name][row.pop("article_id")].append(row)
    return [_record(articles[i], {t: children[t][i] for t in children}) for i in ids if i in articles]


def iter_records(con: duckdb.DuckDBPyConnection) -> Iterator[Record]:
    """Every stored Record, in article id order, read a chunk at a time."""
    ids = [r[0] for r in con.execute(f"SELECT id FROM {quoted(ARTICLES.name)} ORDER BY id").fetchall()]
    for i in range(0, len(ids), CHUNK):
        yield from load_records(con, ids[i:i + CHUNK])


def errors(con: duckdb.DuckDBPyConnection) -> list[ErrorRecord]:
    rows = con.execute(f"SELECT {select_list(ERRORS)} FROM {quoted(ERRORS.name)} ORDER BY source, kind, message")
    return [ErrorRecord(error=ErrorInfo(*r)) for r in rows.fetchall()]


def _rows(con: duckdb.DuckDBPyConnection, table: Table, key: str, ids: list[str], *, order: str | None = None,
          keys: bool = False) -> list[dict[str, Any]]:
    cols = ("article_id, " if keys else "") + select_list(table)
    cur = con.execute(f"SELECT {cols} FROM {quoted(table.name)} WHERE {quoted(key)} IN (SELECT unnest(?))"
                      + (f" ORDER BY {order}" if order else ""), [ids])
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


def _record(article: dict[str, Any], children: dict[str, list[dict[str, Any]]]) -> Record:
    parts: dict[str, tuple[Any, ...]] = {
        t.field or "": tuple(from_dict(t.record, r) for r in children[t.name]) for t in CHILDREN}  # type: ignore[arg-type]
    return Record(article=from_dict(Article, article), **parts)  # type: ignore[arg-type]


def digest(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """A content digest of every record, derived and listing table, independent of row order."""
    out = {}
    for table in (*RECORD_TABLES, *DERIVED_TABLES, *LISTING_TABLES):
        name, cols = quoted(table.name), ", ".join(quoted(c.name) for c in table.columns)
        row = con.execute(f"SELECT count(*), coalesce(md5(string_agg(h, ',' ORDER BY h)), '') "
                          f"FROM (SELECT md5(CAST(ROW({cols}) AS VARCHAR)) AS h FROM {name})").fetchone()
        out[table.name] = f"{row[0]}:{row[1]}" if row else ""
    return out
