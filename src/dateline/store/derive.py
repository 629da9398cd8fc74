"""Refresh the derived tables (stories, event clusters) from what ingest stored.

Run at the end of every ingest that changed something, and again by the next ingest when a run was killed
before it finished (the ``stale`` flag in ``meta`` says so). One transaction: readers see the old
groups or the new ones, never half of each.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any
from urllib.parse import urlsplit

import duckdb

from ..settings import Settings
from .clusters import (
    COARSE_FEATURES,
    ClusterEvent,
    actor_groups,
    actor_keys,
    cluster_events,
    event_day,
    event_status,
    evidence_words,
    summarise,
)
from .connection import insert, one, transaction
from .listings import fill_listings
from .schema import ARTICLE_STORIES, CLUSTERS, DERIVED_TABLES, EVENT_CLUSTERS, META, STORIES, quoted
from .stories import Signature, group_stories


def mark_stale(con: duckdb.DuckDBPyConnection, stale: bool) -> None:
    con.execute(f"DELETE FROM {quoted(META.name)} WHERE key = 'stale'")
    con.execute(f"INSERT INTO {quoted(META.name)} VALUES ('stale', ?)", ["1" if stale else "0"])


def is_stale(con: duckdb.DuckDBPyConnection) -> bool:
    row = one(con, f"SELECT value FROM {quoted(META.name)} WHERE key = 'stale'")
    return row is not None and row[0] == "1"


def refresh(con: duckdb.DuckDBPyConnection, settings: Settings) -> tuple[int, int]:
    """Recompute stories and clusters; returns (stories, clusters)."""
    story_of = group_stories(_signatures(con), settings)
    story_rows = _story_rows(con, story_of)
    events = {e.key: e for e in _cluster_events(con, story_of)}
    members: dict[str, list[ClusterEvent]] = defaultdict(list)
    for key, cluster_id in cluster_events(events.values(), settings).items():
        members[cluster_id].append(events[key])
    provenance = _provenance(con)
    cluster_rows = [_with(summarise(sorted(m, key=lambda e: e.key), cid), provenance)
                    for cid, m in sorted(members.items())]
    # stored by type and day, so that a query for one type in a date range reads few row groups
    cluster_rows.sort(key=lambda r: (r["type"], r["day"] or dt.date.max, r["cluster_id"]))
    map_rows = [{"article_id": e.article_id, "ord": e.ord, "cluster_id": cid}
                for cid, m in members.items() for e in m]
    _replace(con, {
        STORIES.name: STORIES.arrow(story_rows),
        ARTICLE_STORIES.name: ARTICLE_STORIES.arrow([{"article_id": a, "story_id": s} for a, s in story_of.items()]),
        CLUSTERS.name: CLUSTERS.arrow(cluster_rows),
        EVENT_CLUSTERS.name: EVENT_CLUSTERS.arrow(map_rows),
    })
    return len(story_rows), len(cluster_rows)


def _provenance(con: duckdb.DuckDBPyConnection) -> dict[str, dict[str, Any]]:
    """What a cluster row says of its representative article (as listings.py's provenance columns)."""
    rows = con.execute("SELECT id, title, TRY_CAST(left(published, 10) AS DATE), source_id, url FROM articles")
    return {r[0]: {"article_title": r[1], "published": r[2], "source": r[3], "url": r[4]} for r in rows.fetchall()}


def _with(row: dict[str, Any], provenance: dict[str, dict[str, Any]]) -> dict[str, Any]:
    return {**row, **provenance[row["article_id"]]}


def _replace(con: duckdb.DuckDBPyConnection, tables: dict[str, Any]) -> None:
    with transaction(con):
        for table in DERIVED_TABLES:
            con.execute(f"DELETE FROM {quoted(table.name)}")
            insert(con, table.name, tables[table.name])
        fill_listings(con)
        mark_stale(con, False)


def _signatures(con: duckdb.DuckDBPyConnection) -> list[Signature]:
    rows = con.execute("SELECT article_id, shingles, minhash FROM signatures").fetchall()
    return [Signature(a, n, m) for a, n, m in rows]


def _story_rows(con: duckdb.DuckDBPyConnection, story_of: dict[str, str]) -> list[dict[str, Any]]:
    rows = con.execute("""
        SELECT a.id, a.title, a.published, min(coalesce(s.url, s.source_id)) AS origin
        FROM articles a LEFT JOIN article_sources s ON s.article_id = a.id GROUP BY ALL""").fetchall()
    info = {r[0]: r[1:] for r in rows}
    by_story: dict[str, list[str]] = defaultdict(list)
    for article, story in story_of.items():
        by_story[story].append(article)
    out = []
    for story, articles in sorted(by_story.items()):
        days = [d for a in articles if (d := event_day(info[a][1], None)) is not None]
        out.append({"story_id": story, "title": info[story][0], "first_published": min(days) if days else None,
                    "n_articles": len(articles), "n_outlets": len({_outlet(info[a][2]) for a in articles})})
    return out


def _outlet(origin: str | None) -> str:
    """The site an article came from: its URL's host, else its source id."""
    if origin and "://" in origin:
        return urlsplit(origin).hostname or origin
    return origin or ""


def _cluster_events(con: duckdb.DuckDBPyConnection, story_of: dict[str, str]) -> list[ClusterEvent]:
    rows = con.execute("""
        SELECT e.article_id, e.ord, e.type, e.date, a.published, e.location, e.actors, e.recipients,
               e.evidence.text, e.modality,
               p.country, p.feature
        FROM events e JOIN articles a ON a.id = e.article_id
        LEFT JOIN (SELECT article_id, geonameid, any_value(country) AS country, any_value(feature) AS feature
                   FROM places WHERE geonameid IS NOT NULL GROUP BY ALL) p
               ON p.article_id = e.article_id AND p.geonameid = e.location.geonameid
        ORDER BY e.article_id, e.ord""").fetchall()
    return [_cluster_event(r, story_of) for r in rows]


def _cluster_event(row: tuple[Any, ...], story_of: dict[str, str]) -> ClusterEvent:
    article_id, ord_, type_, date, published, location, actors, recipients, evidence, modality, country, feature = row
    loc = location or {}
    people = [*(actors or ()), *(recipients or ())]
    return ClusterEvent(
        article_id=article_id, ord=ord_, type=type_, day=event_day(date, published),
        lat=loc.get("lat"), lon=loc.get("lon"), geonameid=loc.get("geonameid"), place=loc.get("name"),
        country=country, countries=tuple(sorted({a["country"] for a in people if a.get("country")})),
        actors=tuple(a["name"] for a in actors or ()), recipients=tuple(a["name"] for a in recipients or ()),
        actor_keys=actor_keys(actors or ()), recipient_keys=actor_keys(recipients or ()),
        story_id=story_of.get(article_id, article_id), evidence=evidence or "", status=event_status(modality or ()),
        groups=actor_groups(actors or ()), precise=feature not in COARSE_FEATURES, words=evidence_words(evidence or ""),
    )

