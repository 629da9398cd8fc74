"""Event clusters: events from different articles that report one happening.

Two events may be one happening when they have the same PLOVER type, days no more than ``cluster_days``
apart and the same factuality (negated, hypothetical and future reports stay apart from factual ones),
and nothing tells them apart: two city-level places more than ``cluster_km`` apart, or named actors (or
recipients) with nothing in common. They *are* one happening only with positive evidence: a named actor
or recipient in common (entity id or name), or — at city-level places within ``cluster_km`` — an actor's
country-and-sector in common or evidence sentences that share at least ``_WORDS_SHARED`` of their words.
A country or region as an event's place is too coarse to count as the same place.

Events are taken in a fixed order (type, day, article id, position), and each joins the first cluster all
of whose events it may be one happening with and one of which it is — complete linkage, so that no chain
of look-alike events in a busy city on a busy day becomes one cluster. Events of one article never join
each other directly. A cluster's source count is the number of distinct stories among its articles, so
syndicated copies count once. The result depends only on the stored events and stories.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from ..geo.context import km
from ..records import content_id
from ..settings import Settings

COARSE_FEATURES = frozenset({"country", "continent", "region", "admin1"})
_WORDS_SHARED = 0.25
_WORD = re.compile(r"[^\W\d_]{3,}")
_STATUS = frozenset({"negated", "hypothetical", "future"})


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
    actor_keys: frozenset[str]  # entity ids or folded names
    recipient_keys: frozenset[str]
    story_id: str
    evidence: str
    status: frozenset[str] = frozenset()  # negated / hypothetical / future: never joined to a factual report
    groups: frozenset[str] = frozenset()  # the actors' country/sector pairs
    precise: bool = True  # the place is a town or a point, not a country or region
    words: frozenset[str] = frozenset()  # of the evidence sentence, folded

    @property
    def key(self) -> tuple[str, int]:
        return (self.article_id, self.ord)

    @property
    def located(self) -> bool:
        return self.lat is not None and self.lon is not None

    @property
    def placed(self) -> bool:
        """A town-level place: two placed events are comparable by distance."""
        return self.located and self.precise


def actor_keys(actors: Iterable[Mapping[str, Any]]) -> frozenset[str]:
    """What identifies an actor across articles: its entity id, else its folded name."""
    return frozenset(k for a in actors if (k := a.get("entity_id") or _name_key(a.get("name") or "")))


def actor_groups(actors: Iterable[Mapping[str, Any]]) -> frozenset[str]:
    """The kinds of actor: country and sector (``KEN/COP``), where both are known."""
    return frozenset(f"{a['country']}/{a['sector']}" for a in actors if a.get("country") and a.get("sector"))


def evidence_words(text: str) -> frozenset[str]:
    return frozenset(w.lower() for w in _WORD.findall(text))


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


def may_join(a: ClusterEvent, b: ClusterEvent, settings: Settings) -> bool:
    """Nothing tells the two apart (type and day are checked by the caller)."""
    if a.article_id == b.article_id or a.status != b.status:
        return False
    if a.placed and b.placed and km(a.lat, a.lon, b.lat, b.lon) > settings.cluster_km:  # type: ignore[arg-type]
        return False
    return _agree(a.actor_keys, b.actor_keys, a.groups, b.groups) and _agree(a.recipient_keys, b.recipient_keys)


def same_happening(a: ClusterEvent, b: ClusterEvent, settings: Settings) -> bool:
    """Positive evidence that the two report one happening (given :func:`may_join`)."""
    if a.actor_keys & b.actor_keys or a.recipient_keys & b.recipient_keys:
        return True
    if not (a.placed and b.placed):
        return False
    return bool(a.groups & b.groups) or _shared(a.words, b.words) >= _WORDS_SHARED


def _agree(x: frozenset[str], y: frozenset[str], gx: frozenset[str] = frozenset(),
           gy: frozenset[str] = frozenset()) -> bool:
    return not x or not y or bool(x & y) or bool(gx & gy)


def _shared(x: frozenset[str], y: frozenset[str]) -> float:
    return len(x & y) / len(x | y) if x and y else 0.0


def cluster_events(events: Iterable[ClusterEvent], settings: Settings) -> dict[tuple[str, int], str]:
    """(article id, event ord) → cluster id for every event (an event that joins none is a cluster of one)."""
    items = sorted(events, key=_order)
    index = _Index(settings)
    cluster_of: dict[tuple[str, int], tuple[str, int]] = {}  # event → its cluster's first event
    members: dict[tuple[str, int], list[ClusterEvent]] = {}
    for e in items:
        seed = _first_fit(e, index.candidates(e), cluster_of, members, settings) if e.day else None
        if seed is None:
            seed = e.key
            members[seed] = []
        members[seed].append(e)
        cluster_of[e.key] = seed
        index.add(e)
    return {k: "c" + content_id(*map(str, seed), length=15) for k, seed in cluster_of.items()}


def _order(e: ClusterEvent) -> tuple[Any, ...]:
    return (e.type, e.day or dt.date.max, e.key)


def _first_fit(e: ClusterEvent, candidates: Iterable[ClusterEvent], cluster_of: dict[Any, Any],
               members: dict[Any, list[ClusterEvent]], settings: Settings) -> tuple[str, int] | None:
    """The first cluster (by its first event) that ``e`` reports too: one of its events is the same
    happening, and none tells them apart."""
    seeds = sorted({cluster_of[b.key] for b in candidates if may_join(e, b, settings)
                    and same_happening(e, b, settings)})
    for seed in seeds:
        if all(may_join(e, m, settings) for m in members[seed]):
            return seed
    return None


class _Index:
    """Earlier events by (type, day) and by grid cell or shared key: where ``e``'s partners can be."""

    def __init__(self, settings: Settings) -> None:
        self.days = settings.cluster_days
        self.deg = max(settings.cluster_km / 111.0, 1e-3)
        self.by_cell: dict[tuple[Any, ...], list[ClusterEvent]] = defaultdict(list)
        self.by_key: dict[tuple[Any, ...], list[ClusterEvent]] = defaultdict(list)

    def add(self, e: ClusterEvent) -> None:
        if e.day is None:
            return
        if e.placed:
            self.by_cell[(e.type, e.day, *self._cell(e))].append(e)
        for k in self._keys(e):
            self.by_key[(e.type, e.day, k)].append(e)

    def candidates(self, e: ClusterEvent) -> Iterator[ClusterEvent]:
        assert e.day is not None
        seen: set[tuple[str, int]] = set()
        for d in range(-self.days, self.days + 1):
            day = e.day + dt.timedelta(days=d)
            pools = [self.by_key.get((e.type, day, k), ()) for k in self._keys(e)]
            if e.placed:
                pools += [self.by_cell.get((e.type, day, *c), ()) for c in self._neighbours(e)]
            for pool in pools:
                for b in pool:
                    if b.key not in seen:
                        seen.add(b.key)
                        yield b

    @staticmethod
    def _keys(e: ClusterEvent) -> Iterator[str]:
        yield from (f"a:{k}" for k in e.actor_keys)
        yield from (f"r:{k}" for k in e.recipient_keys)

    def _cell(self, e: ClusterEvent) -> tuple[int, int]:
        return math.floor(e.lat / self.deg), math.floor(e.lon / self.deg)  # type: ignore[operator]

    def _neighbours(self, e: ClusterEvent) -> Iterator[tuple[int, int]]:
        """Cells that may hold a point within ``cluster_km`` (a degree of longitude shrinks to the north)."""
        y, x = self._cell(e)
        reach = math.ceil(1 / max(math.cos(math.radians(e.lat or 0.0)), 0.01))
        for dy in (-1, 0, 1):
            for dx in range(-reach, reach + 1):
                yield y + dy, x + dx


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
