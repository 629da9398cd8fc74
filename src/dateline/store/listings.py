"""Fill the listing tables: what queries return, one table per kind, sorted the way queries filter.

A query joining a million events to their articles and clusters spends its time on the joins, not on the
rows it keeps. Refresh therefore writes the rows of raw-event and quote queries once, with their article's
provenance, into ``event_rows`` and ``quote_rows`` (and every place name into ``place_names``), so that a
query reads one table. They are rebuilt from the record tables in refresh's transaction, in SQL.
"""

from __future__ import annotations

import duckdb

from .schema import EVENT_ROWS, LISTING_TABLES, PLACE_NAMES, QUOTE_ROWS, quoted

_PROVENANCE = ("a.title AS article_title, TRY_CAST(left(a.published, 10) AS DATE) AS published, "
               "a.source_id AS source, a.url")

_SELECTS = {
    EVENT_ROWS.name: (
        "SELECT e.id AS event_id, ec.cluster_id, e.type, e.mode, e.date, "
        "TRY_CAST(left(coalesce(e.date, a.published), 10) AS DATE) AS day, e.location.name AS place, "
        "e.location.geonameid AS geonameid, e.location.lat AS lat, e.location.lon AS lon, "
        "list_transform(e.actors, lambda x: x.name) AS actors, "
        "list_transform(e.recipients, lambda x: x.name) AS recipients, "
        "list_transform(e.actors, lambda x: x.entity_id) AS actor_ids, "
        "list_transform(e.recipients, lambda x: x.entity_id) AS recipient_ids, "
        "list_sort(list_distinct(list_transform(list_concat(e.actors, e.recipients), lambda x: x.country))) "
        "AS countries, e.modality, e.confidence, e.evidence.text AS evidence, e.evidence.start AS start, "
        f"e.evidence.\"end\" AS \"end\", e.article_id, e.ord, {_PROVENANCE} "
        "FROM events e JOIN articles a ON a.id = e.article_id "
        "LEFT JOIN event_clusters ec ON ec.article_id = e.article_id AND ec.ord = e.ord "
        "ORDER BY e.type, day NULLS LAST, e.article_id, e.ord"),
    QUOTE_ROWS.name: (
        "SELECT q.id AS quote_id, q.speaker.name AS speaker, q.speaker.entity_id AS speaker_id, "
        "q.speaker.role AS role, q.kind, q.text, "
        "q.cue.text AS cue, q.start, q.\"end\", q.confidence, q.article_id, q.ord, "
        f"{_PROVENANCE} FROM quotes q JOIN articles a ON a.id = q.article_id "
        "ORDER BY published DESC NULLS LAST, q.article_id, q.start, q.ord"),
    PLACE_NAMES.name: (
        "SELECT key, lat, lon, count(*) AS n FROM ("
        "SELECT unnest(list_distinct([lower(name), lower(mention)])) AS key, lat, lon FROM places "
        "WHERE lat IS NOT NULL AND lon IS NOT NULL) WHERE key IS NOT NULL GROUP BY ALL ORDER BY key, n DESC"),
}


def fill_listings(con: duckdb.DuckDBPyConnection) -> None:
    """Rebuild every listing table from the record tables (in the caller's transaction)."""
    for table in LISTING_TABLES:
        con.execute(f"DELETE FROM {quoted(table.name)}")
        con.execute(f"INSERT INTO {quoted(table.name)} BY NAME {_SELECTS[table.name]}")
