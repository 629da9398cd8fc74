"""Coherence among an article's mentions before any is resolved: which candidates agree with the others.

Places named in one article tend to lie together. For a candidate of one name, the *cohort* features are
the share of the article's other names (distinct names, not mentions) that have some candidate in the
same first-level division (``cohort_admin1``) or some town within ``NEAR_KM`` (``cohort_near``). "Springfield"
beside "Sangamon County" is then Springfield, Illinois: only there do both names have a candidate. Where the
gazetteer knows a town's county (US towns), ``cohort_admin2`` is the share of other names that have a candidate
in the same county: the county itself, or a town in it ("Clarksville" beside "Montgomery County" is the county
seat in Tennessee, though Indiana has a Clarksville and a Montgomery County too).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np

from .context import EARTH_KM
from .gazetteer import Candidate
from .names import base_key
from .recognize import Mention, regional

NEAR_KM = 50.0
_LOCAL = ("city", "admin2")


def _local(c: Candidate) -> bool:
    """A town or a county (a division named bare abroad, such as England's counties, weighs like a state)."""
    return c.feature in _LOCAL and not regional(c)


def _sort(c: Candidate) -> tuple[str | None, ...]:
    """The sort of place a list holds: countries, or one country's divisions, or one country's towns."""
    if c.feature in ("country", "continent", "region"):
        return (c.feature,)
    return ("admin1" if regional(c) else c.feature, c.country)


def _share(sort: tuple[str | None, ...], others: list[set[tuple[str | None, ...]]]) -> float:
    """The share of the other names that may name a place of this sort."""
    return sum(sort in sorts for sorts in others) / len(others)


class Cohort:
    """Every name's candidates, indexed for the two questions: how many names have a candidate in a
    division (a count per division) and near a point (city points sorted by latitude, searched in a band)."""

    def __init__(self, mentions: Sequence[Mention]) -> None:
        by_key: dict[str, tuple[Candidate, ...]] = {}
        for m in mentions:
            if m.candidates:  # a street or building the gazetteer lacks says nothing about the others
                by_key.setdefault(base_key(m.text), m.candidates)
        self.index = {k: i for i, k in enumerate(by_key)}
        self.admin1s = {k: {(c.country, c.admin1) for c in cs if c.admin1 and _local(c)}
                        for k, cs in by_key.items()}
        self.names_in = Counter(d for divisions in self.admin1s.values() for d in divisions)
        self.admin2s = {k: {(c.country, c.admin1, c.admin2) for c in cs if c.admin2 and _local(c)}
                        for k, cs in by_key.items()}
        self.names_in_county = Counter(d for counties in self.admin2s.values() for d in counties)
        points = sorted((c.lat, c.lon, self.index[k]) for k, cs in by_key.items() for c in cs if c.feature == "city")
        self.lat = np.radians([p[0] for p in points])
        self.lon = np.radians([p[1] for p in points])
        self.owner = np.array([p[2] for p in points], dtype=np.int64)
        self._near: dict[tuple[int, int], int] = {}
        # the region a dateline names its town in ("CAMP MURRAY, Wash."): the article's own region
        self.dateline_regions = {c.pid for m in mentions if m.source == "dateline" and m.qualifier is not None
                                 for c in mentions[m.qualifier].candidates if c.feature in ("admin1", "country")}
        self.teams = {base_key(m.text) for m in mentions if m.team}
        self.series: dict[int, dict[str, set[tuple[str | None, ...]]]] = {}
        self._lists: dict[tuple[int, str], tuple[list[set[tuple[str | None, ...]]], float]] = {}
        for m in mentions:
            if m.series is not None and m.candidates:
                self.series.setdefault(m.series, {})[base_key(m.text)] = {_sort(c) for c in m.candidates}

    def team(self, mention: Mention) -> bool:
        """Some mention of the name begins a sports team's name."""
        return base_key(mention.text) in self.teams

    def dateline_region(self, cand: Candidate) -> dict[str, float]:
        """``dateline_region``: the candidate is the region the dateline names ("Washington" in a story filed
        from "CAMP MURRAY, Wash." is the state, not the capital)."""
        return {"dateline_region": 1.0} if cand.pid in self.dateline_regions else {}

    def peers(self, cand: Candidate, mention: Mention) -> dict[str, float]:
        """``series_peer``: the share of the other names in the mention's list ("Mexico, China, Japan and
        Brazil", "Georgia, Oklahoma and Texas") that may name a place of the candidate's sort: a country, or a
        division of the candidate's country. Lists of regions name regions of one sort; towns are listed across
        borders, so a town's candidates get nothing, and a region gets only what its sort outdoes the name's
        towns' ("Cornwall, Kent and Canaan" are towns of one state, not two English counties and a town)."""
        if cand.feature == "city" or mention.series is None:
            return {}  # towns are listed across borders ("New York and St. Petersburg")
        others, towns = self._listed_with(mention.series, mention)
        return {"series_peer": max(0.0, _share(_sort(cand), others) - towns)} if others else {}

    def _listed_with(self, series: int, mention: Mention) -> tuple[list[set[tuple[str | None, ...]]], float]:
        """The sorts the other names of the mention's list may name, and the share its own towns' sort has
        among them (worked out once per name and list: each candidate asks again)."""
        key = (series, base_key(mention.text))
        found = self._lists.get(key)
        if found is None:
            others = [sorts for k, sorts in self.series.get(series, {}).items() if k != key[1]]
            towns = max((_share(_sort(c), others) for c in mention.candidates if c.feature == "city"), default=0.0) \
                if others else 0.0
            found = self._lists[key] = (others, towns)
        return found

    def features(self, cand: Candidate, key: str) -> dict[str, float]:
        others = len(self.index) - (key in self.index)
        if not others or not _local(cand):
            return {}
        feats = {}
        if cand.admin1:
            division = (cand.country, cand.admin1)
            feats["cohort_admin1"] = (self.names_in[division] - (division in self.admin1s.get(key, ()))) / others
        if cand.admin2:
            county = (cand.country, cand.admin1, cand.admin2)
            shared = self.names_in_county[county] - (county in self.admin2s.get(key, ()))
            if shared:
                feats["cohort_admin2"] = shared / others
        if cand.feature == "city":
            feats["cohort_near"] = self._names_near(cand, self.index.get(key, -1)) / others
        return feats

    def _names_near(self, cand: Candidate, own: int) -> int:
        """How many other names have a town within ``NEAR_KM`` of the candidate (worked out once per
        candidate: each resolution round asks again)."""
        found = self._near.get((cand.pid, own))
        if found is None:
            found = self._near[(cand.pid, own)] = self._count_near(cand, own)
        return found

    def _count_near(self, cand: Candidate, own: int) -> int:
        lat, lon = np.radians(cand.lat), np.radians(cand.lon)
        band = NEAR_KM / EARTH_KM
        lo, hi = np.searchsorted(self.lat, [lat - band, lat + band])
        plat, plon, owner = self.lat[lo:hi], self.lon[lo:hi], self.owner[lo:hi]
        km = EARTH_KM * np.hypot((plon - lon) * np.cos((plat + lat) / 2), plat - lat)
        near = owner[(km <= NEAR_KM) & (owner != own)]
        return len(np.unique(near))
