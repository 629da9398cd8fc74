"""Event clusters: events from different articles that report one happening.

Two events are joined when they have the same PLOVER type, dates no more than ``cluster_days`` apart,
places within ``cluster_km`` (or, where one has no place, an actor in common), the same factuality
(negated, hypothetical and future reports stay apart from factual ones), and compatible actors and
recipients (either side unnamed, or a name, an entity or a country-and-sector in common). Events of one
article are never joined to each other directly. Connected events form a cluster; its source count is
the number of distinct stories among its articles, so syndicated copies count once. The result depends
only on the stored events and stories, never on ingest order.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from ..geo.context import km
from ..records import content_id
from ..settings import Settings
from .groups import Groups


@dataclass(frozen=True)
class ClusterEvent:
    """What clustering needs of one stored event."""

    article_id: str
    ord: int
    type: str
    day: dt.date | None
    lat: float | None
    lon: float | None
    geonameid: int | None
    place: str | None
    country: str | None  # of the place, ISO alpha-2
    countries: tuple[str, ...]  # of the actors and recipients, ISO alpha-3
    actors: tuple[str, ...]  # names
    recipients: tuple[str, ...]
    actor_keys: frozenset[str]
    recipient_keys: frozenset[str]
    story_id: str
    evidence: str
    status: frozenset[str] = frozenset()  # negated / hypothetical / future: never joined to a factual report

    @property
    def key(self) -> tuple[str, int]:
        return (self.article_id, self.ord)

    @property
    def located(self) -> bool:
        return self.lat is not None and self.lon is not None


def actor_keys(actors: Iterable[Mapping[str, Any]]) -> frozenset[str]:
    """What identifies an actor across articles: its entity id or name, and its country with its sector."""
    keys = set()
    for a in actors:
        keys.add(a.get("entity_id") or _name_key(a.get("name") or ""))
        if a.get("country") and a.get("sector"):
            keys.add(f"{a['country']}/{a['sector']}")
    return frozenset(k for k in keys if k)


_STATUS = frozenset({"negated", "hypothetical", "future"})


def event_status(modality: Iterable[str]) -> frozenset[str]:
    return frozenset(m for m in modality if m in _STATUS)


def _name_key(name: str) -> str:
    return name.lower().removeprefix("the ").strip()


def event_day(date: str | None, published: str | None) -> dt.date | None:
    """The event's own day (an interval's first day), else the article's publication day."""
    for value in (date, published):
        try:
            return dt.date.fromisoformat((value or "")[:10])
        except ValueError:
            continue
    return None


def cluster_events(events: Iterable[ClusterEvent], settings: Settings) -> dict[tuple[str, int], str]:
    """(article id, event ord) → cluster id for every event (an unjoined event is a cluster of one).

    Only candidate pairs are compared: events of the same type and nearby days that lie in nearby cells of a
    grid as wide as ``cluster_km``, or that share an actor key (the one way an unplaced event joins)."""
    items = sorted(events, key=lambda e: e.key)
    groups = Groups(e.key for e in items)
    grid = _Grid(settings.cluster_km)
    by_cell: dict[tuple[Any, ...], list[ClusterEvent]] = defaultdict(list)
    by_actor: dict[tuple[Any, ...], list[ClusterEvent]] = defaultdict(list)
    for e in items:
        if e.day is None:
            continue
        if e.located:
            by_cell[(e.type, e.day, *grid.cell(e))].append(e)
        for k in e.actor_keys:
            by_actor[(e.type, e.day, k)].append(e)
    for a in items:
        for b in _candidates(a, grid, by_cell, by_actor, settings.cluster_days):
            if a.article_id != b.article_id and _compatible(a, b, settings):
                groups.join(a.key, b.key)
    return {k: "c" + content_id(*map(str, root), length=15) for k, root in groups.representatives().items()}


class _Grid:
    """Cells of about ``km`` on a side: events within ``km`` of each other lie in neighbouring cells."""

    def __init__(self, km: float) -> None:
        self.deg = max(km / 111.0, 1e-3)

    def cell(self, e: ClusterEvent) -> tuple[int, int]:
        return math.floor(e.lat / self.deg), math.floor(e.lon / self.deg)  # type: ignore[operator]

    def neighbours(self, e: ClusterEvent) -> Iterator[tuple[int, int]]:
        y, x = self.cell(e)
        reach = math.ceil(1 / max(math.cos(math.radians(e.lat or 0.0)), 0.01))  # a degree of longitude shrinks
        for dy in (-1, 0, 1):
            for dx in range(-reach, reach + 1):
                yield y + dy, x + dx


def _candidates(a: ClusterEvent, grid: _Grid, by_cell: dict[tuple[Any, ...], list[ClusterEvent]],
                by_actor: dict[tuple[Any, ...], list[ClusterEvent]], days: int) -> Iterator[ClusterEvent]:
    """Events that may join ``a``: later days, or the same day and a later key (each pair is seen once)."""
    if a.day is None:
        return
    seen: set[tuple[str, int]] = set()
    for d in range(days + 1):
        day = a.day + dt.timedelta(days=d)
        pools = [by_actor.get((a.type, day, k), ()) for k in a.actor_keys]
        if a.located:
            pools += [by_cell.get((a.type, day, *c), ()) for c in grid.neighbours(a)]
        for pool in pools:
            for b in pool:
                if (d > 0 or b.key > a.key) and b.key not in seen:
                    seen.add(b.key)
                    yield b


def _compatible(a: ClusterEvent, b: ClusterEvent, settings: Settings) -> bool:
    if a.status != b.status:
        return False
    if not (_agree(a.actor_keys, b.actor_keys) and _agree(a.recipient_keys, b.recipient_keys)):
        return False
    if a.located and b.located:
        return km(a.lat, a.lon, b.lat, b.lon) <= settings.cluster_km  # type: ignore[arg-type]
    return bool(a.actor_keys & b.actor_keys)


def _agree(x: frozenset[str], y: frozenset[str]) -> bool:
    return not x or not y or bool(x & y)


def summarise(members: list[ClusterEvent], cluster_id: str) -> dict[str, Any]:
    """One clusters-table row: merged type, day and place, names, counts and a representative evidence."""
    first = min(members, key=lambda e: (e.day or dt.date.max, e.key))
    located = [e for e in members if e.located]
    place = _most_common(located, lambda e: e.geonameid or (e.lat, e.lon))
    day = _most_common(members, lambda e: e.day)
    return {
        "cluster_id": cluster_id, "type": first.type, "day": day.day if day else None,
        "place": place.place if place else None, "geonameid": place.geonameid if place else None,
        "country": place.country if place else None,
        "countries": sorted({c for e in members for c in e.countries}),
        "lat": place.lat if place else None, "lon": place.lon if place else None,
        "actors": _names(e.actors for e in members), "recipients": _names(e.recipients for e in members),
        "n_events": len(members), "n_articles": len({e.article_id for e in members}),
        "n_sources": len({e.story_id for e in members}), "evidence": first.evidence, "article_id": first.article_id,
    }


def _most_common(members: list[ClusterEvent], key: Any) -> ClusterEvent | None:
    """The member whose ``key`` is the most frequent (ties: the earliest such member)."""
    if not members:
        return None
    counts = Counter(key(e) for e in members)
    ordered = sorted(members, key=lambda e: (-counts[key(e)], e.day or dt.date.max, e.key))
    return ordered[0]


def _names(lists: Iterable[tuple[str, ...]]) -> list[str]:
    counts = Counter(n for names in lists for n in dict.fromkeys(names))
    return sorted(counts, key=lambda n: (-counts[n], n))
