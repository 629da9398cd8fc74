"""The records dateline produces, in one module.

Every record is a small frozen dataclass. Every ``start``/``end`` indexes ``Article.text``. The JSON
output (and later the database tables and API responses) is derived from these classes by
:func:`to_dict` / :func:`from_dict`; nothing writes the shapes again by hand.

The schema is versioned by :data:`SCHEMA`. A change to a record's fields is a new schema version with a
named migration in :data:`MIGRATIONS`.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import types
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar, Union

SCHEMA = "dateline/1"

T = TypeVar("T")


@dataclass(frozen=True)
class Span:
    """A stretch of ``Article.text``: what the text says there and where."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Annotation:
    """A layout mark on the article text (title, date, heading, paragraph, credits, dateline)."""

    kind: str
    start: int
    end: int


@dataclass(frozen=True)
class Dateline:
    """The dateline opening a wire report: ``BAGHDAD (Reuters) -`` → place and agency."""

    place: str | None
    agency: str | None
    start: int = -1
    end: int = -1


@dataclass(frozen=True)
class Article:
    """One news report, normalised. ``text`` is the input exactly (plain text) or the extracted body (HTML)."""

    id: str
    source_id: str
    text: str
    url: str | None = None
    title: str | None = None
    published: str | None = None
    language: str | None = None
    credits: tuple[str, ...] = ()
    byline: str | None = None
    headings: tuple[str, ...] = ()
    dateline: Dateline | None = None
    annotations: tuple[Annotation, ...] = ()


@dataclass(frozen=True)
class Entity:
    """One actor or thing named in the article, with every mention of it."""

    id: str
    name: str
    type: str
    mentions: tuple[Span, ...]
    role: str | None = None
    country: str | None = None
    sector: str | None = None


@dataclass(frozen=True)
class Speaker:
    entity_id: str | None
    name: str
    role: str | None = None
    start: int = -1
    end: int = -1


@dataclass(frozen=True)
class Quote:
    id: str
    kind: str  # direct | indirect | mixed
    text: str
    start: int
    end: int
    # The speaker's own words as (start, end) pieces in text order: one piece, or several when the quote is
    # interrupted ("…," she said, "…"); ``text`` is the article text from ``start`` to ``end``, interruption
    # included. Empty only in output written before this field existed: then the one piece is (start, end).
    spans: tuple[tuple[int, int], ...] = ()
    speaker: Speaker | None = None
    cue: Span | None = None
    unterminated: bool = False
    confidence: float = 0.0


@dataclass(frozen=True)
class Place:
    mention: str
    start: int
    end: int
    geonameid: int | None = None
    name: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-2
    admin1: str | None = None
    feature: str | None = None  # city | admin1 | country | continent | region
    lat: float | None = None
    lon: float | None = None
    score: float = 0.0


@dataclass(frozen=True)
class DateRef:
    mention: str
    start: int
    end: int
    value: str | None = None  # ISO 8601 date or interval start/end; None when unresolved
    granularity: str | None = None  # day | week | month | year


@dataclass(frozen=True)
class Actor:
    name: str
    entity_id: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-3 (PLOVER)
    sector: str | None = None


@dataclass(frozen=True)
class Location:
    name: str | None = None
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None


@dataclass(frozen=True)
class Event:
    id: str
    type: str  # PLOVER event type
    evidence: Span
    mode: str | None = None
    actors: tuple[Actor, ...] = ()
    recipients: tuple[Actor, ...] = ()
    location: Location | None = None
    date: str | None = None
    modality: tuple[str, ...] = ()
    reported_by: str | None = None
    confidence: float = 0.0


@dataclass(frozen=True)
class Record:
    """Everything dateline found in one article."""

    article: Article
    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    places: tuple[Place, ...] = ()
    dates: tuple[DateRef, ...] = ()
    events: tuple[Event, ...] = ()
    schema: str = SCHEMA


@dataclass(frozen=True)
class ErrorInfo:
    kind: str
    message: str
    source: str


@dataclass(frozen=True)
class ErrorRecord:
    """An article that could not be processed; the batch goes on."""

    error: ErrorInfo
    schema: str = SCHEMA


Output = Record | ErrorRecord

# Field order of the JSON objects follows the contract, not the dataclass (defaults must come last there).
_JSON_ORDER: dict[type, tuple[str, ...]] = {
    Record: ("schema", "article", "entities", "quotes", "places", "dates", "events"),
    Article: ("id", "source_id", "url", "title", "published", "language", "credits", "byline", "headings",
              "dateline", "text", "annotations"),
    Entity: ("id", "name", "type", "role", "country", "sector", "mentions"),
    Event: ("id", "type", "mode", "actors", "recipients", "location", "date", "modality", "reported_by",
            "evidence", "confidence"),
    ErrorRecord: ("schema", "error"),
}


def content_id(*parts: str, length: int = 16) -> str:
    """A stable id from content: the same parts always give the same id."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()
    return digest[:length]


def to_dict(obj: Any) -> Any:
    """A record (or any value inside one) as plain JSON-ready Python values."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        names = _JSON_ORDER.get(type(obj)) or tuple(f.name for f in dataclasses.fields(obj))
        return {name: to_dict(getattr(obj, name)) for name in names}
    if isinstance(obj, tuple | list):
        return [to_dict(x) for x in obj]
    return obj


# Characters JSON leaves raw inside strings that ``str.splitlines`` (and so many JSON Lines readers) take for
# line breaks: escaped so that one record is always one line.
_LINE_BREAKS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def json_line(obj: Any) -> str:
    """A record as one line of JSON (UTF-8 text kept readable; no character any reader splits lines on)."""
    return json.dumps(to_dict(obj), ensure_ascii=False).translate(_LINE_BREAKS)


def from_dict(cls: type[T], data: Mapping[str, Any]) -> T:
    """The inverse of :func:`to_dict` for dataclass ``cls``; unknown keys are ignored."""
    kwargs = {}
    for name, hint in _field_hints(cls):  # type: ignore[arg-type]
        if name in data:
            kwargs[name] = _convert(hint, data[name])
    return cls(**kwargs)


@functools.cache
def _field_hints(cls: type) -> tuple[tuple[str, Any], ...]:
    """Each field of dataclass ``cls`` with its resolved type, worked out once per class (it is slow)."""
    hints = typing.get_type_hints(cls)
    return tuple((f.name, hints[f.name]) for f in dataclasses.fields(cls))


def output_from_dict(data: Mapping[str, Any]) -> Output:
    """Read one JSON output object back: a :class:`Record` or an :class:`ErrorRecord`."""
    data = migrate(data)
    if "error" in data:
        return from_dict(ErrorRecord, data)
    return from_dict(Record, data)


def _convert(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(hint)
    if origin in (Union, types.UnionType):
        inner = [a for a in typing.get_args(hint) if a is not type(None)]
        return _convert(inner[0], value) if len(inner) == 1 else value
    if origin is tuple:
        (item, *_rest) = typing.get_args(hint)
        return tuple(_convert(item, v) for v in value)
    if dataclasses.is_dataclass(hint):
        return from_dict(hint, value)  # type: ignore[arg-type]
    if hint is float and isinstance(value, int):
        return float(value)
    return value


# Named, ordered schema migrations: (from_version, to_version, function). Empty while dateline/1 is the
# only version; a reader applies them in order to bring old output up to SCHEMA.
MIGRATIONS: tuple[tuple[str, str, Callable[[dict[str, Any]], dict[str, Any]]], ...] = ()


def migrate(data: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(data)
    for old, new, step in MIGRATIONS:
        if out.get("schema") == old:
            out = step(out)
            out["schema"] = new
    return out


__all__ = [
    "SCHEMA", "Span", "Annotation", "Dateline", "Article", "Entity", "Speaker", "Quote", "Place", "DateRef",
    "Actor", "Location", "Event", "Record", "ErrorInfo", "ErrorRecord", "Output", "content_id", "to_dict",
    "json_line", "from_dict", "output_from_dict", "migrate",
]
