"""Exports: dateline/1 JSON Lines, CSV and Parquet tables, RFC 7946 GeoJSON.

CSV and Parquet are written by DuckDB from the same queries ``dateline query`` runs (dates as DATE, lists as
lists in Parquet and joined with ``; `` in CSV). GeoJSON has one Point feature per event cluster (with its
source count), per event, or per place mention, coordinates as [longitude, latitude].
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import duckdb

from ..errors import QueryError
from ..records import json_line
from . import query
from .formats import FORMATS, GEO_KINDS, KINDS
from .read import errors, iter_records
from .schema import quoted

__all__ = ["FORMATS", "GEO_KINDS", "KINDS", "export", "json_value"]
_ALL = query.Filters(limit=None)


def export(con: duckdb.DuckDBPyConnection, fmt: str, out: Path, kind: str | None = None) -> list[Path]:
    """Write the store (or one ``kind`` of it) to ``out``; returns the files written.

    Without ``kind``: JSON Lines is one file of records (one per article, then the error records); CSV,
    Parquet and GeoJSON are a folder with one file per kind.
    """
    if fmt not in FORMATS:
        raise QueryError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if kind is not None and kind not in (GEO_KINDS if fmt == "geojson" else KINDS):
        allowed = GEO_KINDS if fmt == "geojson" else KINDS
        raise QueryError(f"cannot export {kind!r} as {fmt}; choose one of {', '.join(allowed)}")
    if fmt == "jsonl" and kind is None:
        return [_records(con, out)]
    if kind is not None:
        return [_write_kind(con, fmt, kind, out)]
    out.mkdir(parents=True, exist_ok=True)
    suffix = {"csv": "csv", "parquet": "parquet", "geojson": "geojson"}[fmt]
    return [_write_kind(con, fmt, k, out / f"{k}.{suffix}") for k in (GEO_KINDS if fmt == "geojson" else KINDS)]


def _records(con: duckdb.DuckDBPyConnection, out: Path) -> Path:
    with out.open("w", encoding="utf-8") as fh:
        for rec in iter_records(con):
            fh.write(json_line(rec) + "\n")
        for err in errors(con):
            fh.write(json_line(err) + "\n")
    return out


def _select(kind: str) -> query.Select:
    if kind == "errors":
        return query.Select("SELECT source, kind, message FROM errors ORDER BY source, kind, message", [])
    if kind == "clusters":
        return query.clusters(_ALL)
    if kind == "events":
        return query.events(query.Filters(limit=None, raw=True))
    return query.QUERIES[kind](_ALL)


def _write_kind(con: duckdb.DuckDBPyConnection, fmt: str, kind: str, out: Path) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    select = _select(kind)
    if fmt == "parquet":
        select.relation(con).write_parquet(str(out))
    elif fmt == "csv":
        _flat(select.relation(con)).write_csv(str(out), header=True)
    elif fmt == "jsonl":
        _jsonl(_rows(con, select), out)
    else:
        _geojson(_rows(con, select), out)
    return out


def _flat(rel: duckdb.DuckDBPyRelation) -> duckdb.DuckDBPyRelation:
    """Lists joined with '; ' so that every CSV cell is a plain value."""
    lists = [c for c, t in zip(rel.columns, rel.types, strict=True) if str(t).endswith("[]")]
    if not lists:
        return rel
    replace = ", ".join(f"array_to_string({quoted(c)}, '; ') AS {quoted(c)}" for c in lists)
    return rel.project(f"* REPLACE ({replace})")


def _rows(con: duckdb.DuckDBPyConnection, select: query.Select) -> Iterable[dict[str, Any]]:
    cur = con.execute(select.sql, select.params)
    cols = [d[0] for d in cur.description]
    while chunk := cur.fetchmany(5000):
        for r in chunk:
            yield dict(zip(cols, r, strict=True))


def _jsonl(rows: Iterable[dict[str, Any]], out: Path) -> None:
    with out.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False, default=json_value) + "\n")


def _geojson(rows: Iterable[dict[str, Any]], out: Path) -> None:
    with out.open("w", encoding="utf-8") as fh:
        fh.write('{"type": "FeatureCollection", "features": [')
        first = True
        for row in rows:
            item = feature(row)
            if item is None:
                continue
            fh.write(("" if first else ",\n") + json.dumps(item, ensure_ascii=False, default=json_value))
            first = False
        fh.write("]}\n")


def feature_collection(con: duckdb.DuckDBPyConnection, select: query.Select) -> str:
    """The rows of ``select`` that have a position as an RFC 7946 FeatureCollection, in their order, written
    by DuckDB as one JSON text (a bounded page: the API's map layer); the columns other than ``lat`` and
    ``lon`` are each feature's properties."""
    feature_json = ("json_object('type', 'Feature', 'geometry', json_object('type', 'Point', 'coordinates', "
                    "json_array(lon, lat)), 'properties', to_json(struct_pack(*COLUMNS(* EXCLUDE (lat, lon, _n)))))")
    sql = (f"SELECT '{{\"type\": \"FeatureCollection\", \"features\": [' || "
           f"coalesce(string_agg({feature_json}::VARCHAR, ', ' ORDER BY _n), '') || ']}}' "
           f"FROM (SELECT *, row_number() OVER () AS _n FROM ({select.sql})) "
           f"WHERE lat IS NOT NULL AND lon IS NOT NULL")
    row = con.execute(sql, select.params).fetchall()
    return str(row[0][0])


def feature(row: dict[str, Any]) -> dict[str, Any] | None:
    """A row with ``lat`` and ``lon`` as a GeoJSON Point feature (the other columns its properties); None
    for a row without a position. ``row`` loses its ``lat`` and ``lon``."""
    lat, lon = row.pop("lat", None), row.pop("lon", None)
    if lat is None or lon is None:
        return None
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]}, "properties": row}


def json_value(value: Any) -> Any:
    """What JSON cannot hold as it is, as text: dates in ISO 8601, anything else by ``str``."""
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return str(value)
