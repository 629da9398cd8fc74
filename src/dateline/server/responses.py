"""Response bodies: JSON written with the store's date handling, pages of rows, GeoJSON and CSV."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from typing import Any

import orjson
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel

from ..store import Rows
from ..store.export import json_value


class ErrorBody(BaseModel):
    error: str


class Page(BaseModel):
    kind: str
    items: list[dict[str, Any]]
    limit: int
    offset: int
    next_offset: int | None


class Json(JSONResponse):
    """JSON with dates as ISO 8601 text, as ``dateline query --format json`` writes them."""

    def render(self, content: Any) -> bytes:
        return orjson.dumps(content, default=json_value)


def error(status: int, message: str, headers: Mapping[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status, headers=headers)


def page(kind: str, rows: Rows, limit: int, offset: int) -> Json:
    """``rows`` was asked with ``limit + 1``: the extra row only says that there is a next page."""
    more = len(rows) > limit
    return Json({"kind": kind, "items": rows.rows[:limit], "limit": limit, "offset": offset,
                 "next_offset": offset + limit if more else None})


GEOJSON = "application/geo+json"


def geojson(text: str) -> Response:
    return Response(text.encode("utf-8"), media_type=GEOJSON)


def csv_download(rows: Rows, name: str) -> Response:
    """Rows as CSV (lists joined with ``; ``, as ``dateline export --format csv`` writes them)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(rows.columns)
    for row in rows:
        writer.writerow([_cell(row[c]) for c in rows.columns])
    return Response(out.getvalue().encode("utf-8"), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}.csv"'})


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "; ".join("" if v is None else str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=json_value)
    return json_value(value) if not isinstance(value, str | int | float | bool) else value
