"""What the article's resolved mentions say about a candidate: shared country and division, nearness.

:class:`Context` holds the places a resolution round chose (:class:`Fact`), indexed once — counts by country
and division, coordinates as arrays — so that each candidate's context features cost one vectorised
distance computation, not a loop over the article's places (long articles name thousands).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .gazetteer import Candidate
from .recognize import regional

NEAR_KM = 150.0  # the scale of "near": another town of the article
FAR_KM = 1000.0  # the scale of the coarse nearness ("the Gulf" beside Qatar is the Persian Gulf)
LOCAL_KM = 60.0  # a town this close to another of the article's towns is local to it
EARTH_KM = 6371.0
_LOCAL_FEATURES = ("city", "admin2")
_NOT_FAR = ("continent", "region")  # too large to say where the article is
_HOME_FEATURES = ("city", "admin1", "admin2")  # what a local outlet's names may be


@dataclass(frozen=True)
class Fact:
    """One resolved mention, as context for the others: where it is and under which name."""

    key: str
    pid: int
    country: str | None
    admin1: str | None
    lat: float
    lon: float
    feature: str


class Context:
    """The facts of one round, indexed for the questions :func:`features` and :func:`local` ask."""

    def __init__(self, facts: Sequence[Fact] = (), *, home: str | None = None) -> None:
        self.facts = list(facts)
        self.home = home  # the outlet's country (ISO alpha-2), when known
        self.key_ids: dict[str, int] = {}
        self.keys = np.array([self.key_ids.setdefault(f.key, len(self.key_ids)) for f in facts], dtype=np.int64)
        self.pids = np.array([f.pid for f in facts], dtype=np.int64)
        self.lat = np.radians([f.lat for f in facts])
        self.lon = np.radians([f.lon for f in facts])
        self.city = np.array([f.feature == "city" for f in facts], dtype=bool)
        self.towns = np.array([f.feature in _LOCAL_FEATURES and not regional(f) for f in facts], dtype=bool)
        self.far = np.array([f.feature not in _NOT_FAR for f in facts], dtype=bool)
        self.divisions = [(f.country, f.admin1) for f in facts]
        self.per_key = Counter(f.key for f in facts)
        self.countries = Counter(f.country for f in facts)
        self.key_countries = Counter((f.key, f.country) for f in facts)
        self.town_countries = Counter(f.country for f in facts if f.feature == "city")
        self.key_town_countries = Counter((f.key, f.country) for f in facts if f.feature == "city")
        self.named_countries = {f.country for f in facts if f.feature == "country"}
        self.admin1s = Counter((f.country, f.admin1) for f in facts if f.feature != "country")
        self.key_admin1s = Counter((f.key, f.country, f.admin1) for f in facts if f.feature != "country")

    def __len__(self) -> int:
        return len(self.facts)

    def distances(self, cand: Candidate) -> np.ndarray:
        """Great-circle km from ``cand`` to every fact."""
        return haversine(math.radians(cand.lat), math.radians(cand.lon), self.lat, self.lon)

    def features(self, cand: Candidate, key: str) -> dict[str, float]:
        """The outlet's country; share of the other names' places in the candidate's country; a place of the
        article in its first-level division; nearness to the article's towns and, coarsely, to any of its
        places."""
        feats: dict[str, float] = {}
        if self.home and cand.country == self.home and cand.feature in _HOME_FEATURES:
            feats["home_country"] = 1.0
        others = len(self.facts) - self.per_key[key]
        if not others:
            return feats
        same = self.countries[cand.country] - self.key_countries[(key, cand.country)] if cand.country else 0
        feats["context_country"] = same / others
        if cand.capital and cand.country in self.named_countries:
            feats["capital_country"] = 1.0  # "Japan … Tokyo": the capital of a country the article names
        if cand.country and cand.admin1:
            division = (cand.country, cand.admin1)
            if self.admin1s[division] - self.key_admin1s[(key, *division)] > 0:
                feats["context_admin1"] = 1.0
        if cand.feature == "continent":
            return feats
        km = self.distances(cand)
        other = self.keys != self.key_ids.get(key, -1)
        near = km[other & self.city]
        if near.size and cand.feature in _LOCAL_FEATURES and not regional(cand):
            feats["near"] = math.exp(-float(near.min()) / NEAR_KM)
        far = km[other & self.far]
        if far.size:
            feats["near_far"] = math.exp(-float(far.min()) / FAR_KM)
        return feats

    def names_division_of(self, country: str | None) -> bool:
        """The article names the country itself, or one of its first- or second-level divisions."""
        return country is not None and any(f.country == country and f.feature in ("country", "admin1", "admin2")
                                           for f in self.facts)

    def has_town_in(self, country: str | None, key: str) -> bool:
        """The article names a town (not under ``key``) in ``country``."""
        return self.town_countries[country] - self.key_town_countries[(key, country)] > 0

    def _other_towns(self, cand: Candidate, key: str) -> np.ndarray:
        """The article's towns other than this one, under ``key`` or another name."""
        return self.towns & (self.keys != self.key_ids.get(key, -1)) & (self.pids != cand.pid)

    def near_town(self, cand: Candidate, key: str) -> bool:
        """Another town the article names (not this one under another name) lies within ``LOCAL_KM``."""
        mask = self._other_towns(cand, key)
        return bool(mask.any() and (self.distances(cand)[mask] <= LOCAL_KM).any())

    def local(self, cand: Candidate, key: str) -> bool:
        """The article sets the town among its other towns: another place it names (not this one under
        another name) lies within ``LOCAL_KM`` or in the same first-level division ("Lebanon" beside Myerstown
        is Lebanon, Pennsylvania)."""
        mask = self._other_towns(cand, key)
        if not mask.any():
            return False
        if cand.admin1 and any(self.divisions[i] == (cand.country, cand.admin1) for i in np.flatnonzero(mask)):
            return True
        return bool((self.distances(cand)[mask] <= LOCAL_KM).any())


def haversine(lat: float, lon: float, lats: np.ndarray, lons: np.ndarray) -> np.ndarray:
    """Great-circle km from one point to many (all in radians)."""
    h = np.sin((lats - lat) / 2) ** 2 + np.cos(lat) * np.cos(lats) * np.sin((lons - lon) / 2) ** 2
    return 2 * EARTH_KM * np.arcsin(np.minimum(1.0, np.sqrt(h)))


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres between two points given in degrees."""
    return float(haversine(math.radians(lat1), math.radians(lon1), np.radians(lat2), np.radians(lon2)))
