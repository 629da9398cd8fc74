"""Queries over the store, built from parts: one ``WHERE`` clause with ``?`` parameters per filter.

Nothing the user typed is ever put into SQL text; every value travels as a parameter. Each kind (events,
quotes, places, entities, articles, stories) has one function that returns :class:`Rows`, each row with its
provenance: article id, source, URL and character offsets.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import duckdb

from ..errors import QueryError
from ..lexicon import alpha3

KINDS = ("events", "quotes", "places", "entities", "articles", "stories")
MAX_LIMIT = 100_000


@dataclass(frozen=True)
class Filters:
    """Every filter a query may take; each kind uses the ones that fit it and refuses the others."""

    type: str | None = None
    actor: str | None = None
    recipient: str | None = None
    speaker: str | None = None
    speaker_id: str | None = None  # an entity id: quotes of that speaker
    actor_id: str | None = None  # an entity id: events with that actor
    recipient_id: str | None = None  # an entity id: events with that recipient
    entity_id: str | None = None  # entities: that one entity
    modality: str | None = None
    country: str | None = None
    near: tuple[float, float] | str | None = None  # a place name is resolved by the Store to (lat, lon)
    km: float = 50.0
    since: str | None = None
    until: str | None = None
    text: str | None = None
    story: str | None = None
    raw: bool = False  # events: list every event, not clusters
    limit: int | None = 100
    offset: int = 0

    def given(self) -> set[str]:
        defaults = Filters()
        return {f.name for f in dataclasses.fields(self)
                if f.name not in ("limit", "offset", "km") and getattr(self, f.name) != getattr(defaults, f.name)}


@dataclass(frozen=True)
class Rows:
    """A query's result: column names and rows (dicts), convertible to Arrow or pandas."""

    columns: tuple[str, ...]
    rows: list[dict[str, Any]]

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def to_arrow(self) -> Any:
        import pyarrow as pa

        if not self.rows:
            return pa.table({c: pa.array([], pa.null()) for c in self.columns})
        return pa.Table.from_pylist(self.rows)

    def to_pandas(self) -> Any:
        return self.to_arrow().to_pandas()


class Where:
    """``WHERE`` clauses and their parameters, added one filter at a time."""

    def __init__(self) -> None:
        self.clauses: list[str] = []
        self.params: list[Any] = []

    def add(self, clause: str, *params: Any) -> None:
        self.clauses.append(clause)
        self.params.extend(params)

    def sql(self) -> str:
        return (" WHERE " + " AND ".join(f"({c})" for c in self.clauses)) if self.clauses else ""


def like(value: str) -> str:
    """A ``LIKE`` pattern matching ``value`` anywhere, its own ``%``, ``_`` and ``\\`` taken literally."""
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


ILIKE = "{} ILIKE ? ESCAPE '\\'"

# Haversine in SQL with a bounding-box prefilter; parameters: lat, lat, lon, km (and the box, below).
_NEAR = ("{lat} BETWEEN ? AND ? AND {lon} BETWEEN ? AND ? AND "
         "2 * 6371.0 * asin(least(1.0, sqrt(pow(sin(radians({lat} - ?) / 2), 2) + cos(radians(?)) * "
         "cos(radians({lat})) * pow(sin(radians({lon} - ?) / 2), 2)))) <= ?")


def add_near(where: Where, lat_col: str, lon_col: str, near: object, km: float) -> None:
    assert isinstance(near, tuple), "a place name is resolved to (lat, lon) before the query is built"
    lat, lon = near
    dlat = km / 111.0
    dlon = 180.0 if abs(lat) > 89 else min(180.0, km / (111.0 * max(0.01, math.cos(math.radians(lat)))))
    where.add(_NEAR.format(lat=lat_col, lon=lon_col), lat - dlat, lat + dlat, lon - dlon, lon + dlon,
              lat, lat, lon, km)


def _check(kind: str, f: Filters, allowed: set[str]) -> None:
    extra = sorted(f.given() - allowed)
    if extra:
        raise QueryError(f"{kind} cannot be filtered by {', '.join(extra)}; they take: {', '.join(sorted(allowed))}")
    if f.limit is not None and not 0 < f.limit <= MAX_LIMIT:
        raise QueryError(f"limit must be between 1 and {MAX_LIMIT:,}, not {f.limit}")
    if f.offset < 0:
        raise QueryError(f"offset must not be negative, not {f.offset}")
    if isinstance(f.near, str):
        raise QueryError(f"near={f.near!r} must be resolved to (lat, lon) first (Store.query does it)")
    if f.km <= 0:
        raise QueryError(f"km must be positive, not {f.km:g}")


def _dates(where: Where, f: Filters, column: str) -> None:
    for value, op in ((f.since, ">="), (f.until, "<=")):
        if value is not None:
            where.add(f"{column} {op} ?", _day(value))


def _day(value: str) -> str:
    try:
        return dt.date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        raise QueryError(f"not a date: {value!r} (give YYYY-MM-DD)") from None


def _story(where: Where, f: Filters, article_col: str) -> None:
    if f.story is not None:
        where.add(f"{article_col} IN (SELECT article_id FROM article_stories WHERE story_id = ?)", f.story)


def _country_codes(value: str) -> tuple[str, str]:
    """(alpha-2, alpha-3) for a country code given either way."""
    code = value.strip().upper()
    if len(code) == 2 and code in alpha3():
        return code, alpha3()[code]
    reverse = {v: k for k, v in alpha3().items()}
    if len(code) == 3 and code in reverse:
        return reverse[code], code
    raise QueryError(f"not an ISO country code: {value!r} (give e.g. KE or KEN)")


def _page(f: Filters) -> tuple[str, list[Any]]:
    if f.limit is None:
        return (" OFFSET ?", [f.offset]) if f.offset else ("", [])
    return " LIMIT ? OFFSET ?", [f.limit, f.offset]


@dataclass(frozen=True)
class Select:
    """A finished query: SQL text written by this module, and the values it takes as parameters."""

    sql: str
    params: list[Any]

    def fetch(self, con: duckdb.DuckDBPyConnection) -> Rows:
        cur = con.execute(self.sql, self.params)
        columns = tuple(d[0] for d in cur.description)
        return Rows(columns, [dict(zip(columns, r, strict=True)) for r in cur.fetchall()])

    def relation(self, con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyRelation:
        return con.sql(self.sql, params=self.params)


def select(sql: str, where: Where, order: str, f: Filters, *, group: str | None = None) -> Select:
    page, page_params = _page(f)
    grouped = f" GROUP BY {group}" if group else ""
    return Select(sql + where.sql() + grouped + " ORDER BY " + order + page, where.params + page_params)


def listed(columns: str, table: str, where: Where, order: str, f: Filters) -> Select:
    """A page of one listing table. The table is stored in the order its queries filter and sort, in small
    row groups (``connection.ROW_GROUP_SIZE``), so DuckDB's top-N skips the groups that cannot hold a row of
    the page; and DuckDB reads the wide columns of the page's rows only (``LATE_MATERIALIZATION_ROWS``)."""
    return select(f"SELECT {columns} FROM {table}", where, order, f)


_PROVENANCE = ("a.id AS article_id, a.title AS article_title, TRY_CAST(left(a.published, 10) AS DATE) AS published, "
               "a.source_id AS source, a.url")
# the same columns as the listing tables (clusters, event_rows, quote_rows) hold them, with no join
_LISTED = "article_id, article_title, published, source, url"


_CLUSTER_FILTERS = {"type", "actor", "recipient", "country", "near", "since", "until", "text", "story", "modality"}
_EVENT_FILTERS = _CLUSTER_FILTERS | {"raw", "actor_id", "recipient_id"}


_CLUSTER_COLUMNS = ("cluster_id, type, day, place, geonameid, country, lat, lon, actors, recipients, n_sources, "
                    f"n_articles, n_events, evidence, {_LISTED}")
_CLUSTER_ORDER = "n_sources DESC, day DESC NULLS LAST, cluster_id"
_EVENT_COLUMNS = ("event_id, cluster_id, type, mode, date, day, place, geonameid, lat, lon, actors, recipients, "
                  f"actor_ids, recipient_ids, modality, confidence, evidence, start, \"end\", {_LISTED}")
_EVENT_ORDER = "day DESC NULLS LAST, article_id, ord"


def clusters(f: Filters) -> Select:
    _check("event clusters", f, _CLUSTER_FILTERS)
    return listed(_CLUSTER_COLUMNS, "clusters", _cluster_where(f), _CLUSTER_ORDER, f)


# what a map marker shows; the rest of a cluster comes from ``cluster`` when the marker is opened
_CLUSTER_POINT = "cluster_id, type, day, place, lat, lon, n_sources"
_EVENT_POINT = "event_id, cluster_id, type, day, place, lat, lon"
_PLACE_POINT = "p.mention, p.name, p.geonameid, p.lat, p.lon, a.id AS article_id"


def points(kind: str, f: Filters) -> Select:
    """The rows of ``kind`` (events: clusters, or every event with ``raw``; places) as ``QUERIES[kind]`` pages
    and orders them, with only the columns a map marker needs."""
    if kind == "places":
        return places(f, columns=_PLACE_POINT)
    if f.raw:
        _check("events", f, _EVENT_FILTERS)
        return listed(_EVENT_POINT, "event_rows", _event_where(f), _EVENT_ORDER, f)
    _check("event clusters", f, _CLUSTER_FILTERS)
    return listed(_CLUSTER_POINT, "clusters", _cluster_where(f), _CLUSTER_ORDER, f)


def cluster(cluster_id: str) -> tuple[Select, Select]:
    """One cluster (as ``clusters`` lists it) and its events, each with its article: the cluster's sources."""
    w = Where()
    w.add("cluster_id = ?", cluster_id)
    one_cluster = Select(f"SELECT {_CLUSTER_COLUMNS} FROM clusters{w.sql()}", w.params)
    return one_cluster, Select(f"SELECT {_EVENT_COLUMNS} FROM event_rows{w.sql()} ORDER BY {_EVENT_ORDER}", w.params)


def _cluster_where(f: Filters) -> Where:
    w = Where()
    if f.type:
        w.add("type = ?", f.type.upper())
    if f.actor:
        w.add(ILIKE.format("array_to_string(actors, ' | ')"), like(f.actor))
    if f.recipient:
        w.add(ILIKE.format("array_to_string(recipients, ' | ')"), like(f.recipient))
    if f.country:
        a2, a3 = _country_codes(f.country)
        w.add("country = ? OR list_contains(countries, ?)", a2, a3)
    if f.near:
        add_near(w, "lat", "lon", f.near, f.km)
    _dates(w, f, "day")
    if f.text:
        w.add(ILIKE.format("evidence"), like(f.text))
    if f.modality:
        w.add("cluster_id IN (SELECT cluster_id FROM event_rows WHERE list_contains(modality, ?))", f.modality)
    if f.story is not None:
        w.add("cluster_id IN (SELECT ec.cluster_id FROM event_clusters ec JOIN article_stories st "
              "ON st.article_id = ec.article_id WHERE st.story_id = ?)", f.story)
    return w


def events(f: Filters) -> Select:
    if not f.raw:
        return clusters(f)
    _check("events", f, _EVENT_FILTERS)
    return listed(_EVENT_COLUMNS, "event_rows", _event_where(f), _EVENT_ORDER, f)


def timeline(f: Filters) -> Select:
    """Event clusters (``raw``: events) matching ``f`` counted per day, oldest first; no paging."""
    _check("timeline", f, _EVENT_FILTERS if f.raw else _CLUSTER_FILTERS)
    w = _event_where(f) if f.raw else _cluster_where(f)
    w.add("day IS NOT NULL")
    table = "event_rows" if f.raw else "clusters"
    return Select(f"SELECT day, count(*) AS n FROM {table}{w.sql()} GROUP BY day ORDER BY day", w.params)


def _event_where(f: Filters) -> Where:
    w = Where()
    if f.type:
        w.add("type = ?", f.type.upper())
    for value, field in ((f.actor, "actors"), (f.recipient, "recipients")):
        if value:
            w.add(ILIKE.format(f"array_to_string({field}, ' | ')"), like(value))
    for value, field in ((f.actor_id, "actor_ids"), (f.recipient_id, "recipient_ids")):
        if value:
            w.add(f"list_contains({field}, ?)", value)
    if f.country:
        _a2, a3 = _country_codes(f.country)
        w.add("list_contains(countries, ?)", a3)
    if f.near:
        add_near(w, "lat", "lon", f.near, f.km)
    _dates(w, f, "day")
    if f.text:
        w.add(ILIKE.format("evidence"), like(f.text))
    if f.modality:
        w.add("list_contains(modality, ?)", f.modality)
    _story(w, f, "article_id")
    return w


def quotes(f: Filters) -> Select:
    _check("quotes", f, {"speaker", "speaker_id", "text", "since", "until", "story"})
    w = Where()
    columns = f"quote_id, speaker, speaker_id, role, kind, text, cue, start, \"end\", confidence, {_LISTED}"
    if f.speaker:
        w.add(ILIKE.format("speaker"), like(f.speaker))
    if f.speaker_id:
        w.add("speaker_id = ?", f.speaker_id)
    if f.text:
        w.add(ILIKE.format("text"), like(f.text))
    _dates(w, f, "published")
    _story(w, f, "article_id")
    return listed(columns, "quote_rows", w, "published DESC NULLS LAST, article_id, start, ord", f)


_PLACE_COLUMNS = ("p.mention, p.name, p.geonameid, p.country, p.admin1, p.feature, p.lat, p.lon, p.start, "
                  f"p.\"end\", p.score, {_PROVENANCE}")


def places(f: Filters, *, columns: str = _PLACE_COLUMNS) -> Select:
    _check("places", f, {"country", "near", "text", "since", "until", "story"})
    w = Where()
    sql = f"SELECT {columns} FROM places p JOIN articles a ON a.id = p.article_id"
    if f.country:
        a2, _a3 = _country_codes(f.country)
        w.add("p.country = ?", a2)
    if f.near:
        add_near(w, "p.lat", "p.lon", f.near, f.km)
    if f.text:
        w.add(ILIKE.format("p.mention") + " OR " + ILIKE.format("p.name"), like(f.text), like(f.text))
    _dates(w, f, "left(a.published, 10)")
    _story(w, f, "a.id")
    return select(sql, w, "a.published DESC NULLS LAST, a.id, p.start", f)


def entities(f: Filters) -> Select:
    _check("entities", f, {"actor", "text", "type", "country", "since", "until", "story", "entity_id"})
    w = Where()
    sql = ("SELECT n.id AS entity_id, mode(n.name) AS name, mode(n.type) AS type, mode(n.role) AS role, "
           "mode(n.country) AS country, mode(n.sector) AS sector, count(DISTINCT n.article_id) AS n_articles, "
           "sum(len(n.mentions)) AS n_mentions, min(TRY_CAST(left(a.published, 10) AS DATE)) AS first_published "
           "FROM entities n JOIN articles a ON a.id = n.article_id")
    for value in (f.actor, f.text):
        if value:
            w.add(ILIKE.format("n.name"), like(value))
    if f.entity_id:
        w.add("n.id = ?", f.entity_id)
    if f.type:
        w.add("n.type = ?", f.type.upper())
    if f.country:
        _a2, a3 = _country_codes(f.country)
        w.add("n.country = ?", a3)
    _dates(w, f, "left(a.published, 10)")
    _story(w, f, "a.id")
    return select(sql, w, "n_articles DESC, n_mentions DESC, entity_id", f, group="n.id")


def articles(f: Filters) -> Select:
    _check("articles", f, {"text", "since", "until", "story"})
    w = Where()
    sql = ("SELECT a.id AS article_id, a.title, TRY_CAST(left(a.published, 10) AS DATE) AS published, a.language, "
           "a.source_id AS source, a.url, "
           "st.story_id, (SELECT count(*) FROM quotes q WHERE q.article_id = a.id) AS n_quotes, "
           "(SELECT count(*) FROM events e WHERE e.article_id = a.id) AS n_events, "
           "(SELECT count(*) FROM places p WHERE p.article_id = a.id) AS n_places "
           "FROM articles a LEFT JOIN article_stories st ON st.article_id = a.id")
    if f.text:
        w.add(ILIKE.format("a.title") + " OR " + ILIKE.format("a.text"), like(f.text), like(f.text))
    _dates(w, f, "left(a.published, 10)")
    _story(w, f, "a.id")
    return select(sql, w, "a.published DESC NULLS LAST, a.id", f)


def stories(f: Filters) -> Select:
    _check("stories", f, {"text", "since", "until", "story"})
    w = Where()
    if f.story is not None:
        w.add("s.story_id = ?", f.story)
    sql = "SELECT s.story_id, s.title, s.first_published, s.n_articles, s.n_outlets FROM stories s"
    if f.text:
        w.add(ILIKE.format("s.title"), like(f.text))
    _dates(w, f, "s.first_published")
    return select(sql, w, "s.n_articles DESC, s.first_published DESC NULLS LAST, s.story_id", f)


QUERIES = {"events": events, "quotes": quotes, "places": places, "entities": entities, "articles": articles,
           "stories": stories}


def overview(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """What a store holds at a glance: counts, the days it spans, its event types and modalities."""
    counts = {name: con.execute(f"SELECT count(*) FROM {name}").fetchall()[0][0] for name in (
        "articles", "events", "clusters", "quotes", "places", "stories", "errors")}
    first, last = con.execute("SELECT min(day), max(day) FROM clusters").fetchall()[0]
    types = con.execute("SELECT type, count(*) AS n FROM clusters GROUP BY type ORDER BY n DESC, type").fetchall()
    modalities = con.execute("SELECT DISTINCT unnest(modality) AS m FROM event_rows ORDER BY m").fetchall()
    return {**counts, "first_day": first, "last_day": last, "types": [{"type": t, "n": n} for t, n in types],
            "modalities": [m for (m,) in modalities]}
