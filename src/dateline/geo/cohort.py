"""Coherence among an article's mentions before any is resolved: which candidates agree with the others.

Places named in one article tend to lie together. For a candidate of one name, the *cohort* features are
the share of the article's other names (distinct names, not mentions) that have some candidate in the
same first-level division (``cohort_admin1``) or some town within ``NEAR_KM`` (``cohort_near``). "Springfield"
beside "Sangamon County" is then Springfield, Illinois: only there do both names have a candidate.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .gazetteer import Candidate
from .names import name_key
from .recognize import Mention

NEAR_KM = 50.0
_LOCAL = ("city", "admin2")


class Cohort:
    """Every name's candidates, indexed for the two questions."""

    def __init__(self, mentions: Sequence[Mention]) -> None:
        by_key: dict[str, tuple[Candidate, ...]] = {}
        for m in mentions:
            by_key.setdefault(name_key(m.text), m.candidates)
        self.keys = list(by_key)
        self.admin1s = {k: {(c.country, c.admin1) for c in cs if c.admin1 and c.feature in _LOCAL}
                        for k, cs in by_key.items()}
        self.points = {k: _radians([c for c in cs if c.feature == "city"]) for k, cs in by_key.items()}

    def features(self, cand: Candidate, key: str) -> dict[str, float]:
        others = [k for k in self.keys if k != key]
        if not others or cand.feature not in _LOCAL:
            return {}
        feats = {}
        if cand.admin1:
            same = sum((cand.country, cand.admin1) in self.admin1s[k] for k in others)
            feats["cohort_admin1"] = same / len(others)
        if cand.feature == "city":
            lat, lon = np.radians(cand.lat), np.radians(cand.lon)
            near = sum(_any_within(self.points[k], lat, lon) for k in others)
            feats["cohort_near"] = near / len(others)
        return feats


def _radians(cands: list[Candidate]) -> tuple[np.ndarray, np.ndarray]:
    return np.radians([c.lat for c in cands]), np.radians([c.lon for c in cands])


def _any_within(points: tuple[np.ndarray, np.ndarray], lat: float, lon: float) -> bool:
    plat, plon = points
    if not len(plat):
        return False
    km = 6371.0 * np.hypot((plon - lon) * np.cos((plat + lat) / 2), plat - lat)
    return bool((km <= NEAR_KM).any())
