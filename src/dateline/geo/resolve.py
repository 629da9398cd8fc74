"""Resolution: which of a mention's candidates it names, from the candidate and the article around it.

Each candidate gets a score, a weighted sum of what speaks for it (:func:`features`): its population,
its kind (a bare country or continent name is that country or continent), how its name matched, the
coherence of the article's names before any is resolved (:mod:`.cohort`), the countries and first-level
divisions the other mentions resolved to, nearness to the article's other places, and an explicit
qualifier ("Athens, Georgia"). Mentions of the same name share one decision (one sense per article); the
decision is made twice, the second round reading the context the first one resolved. The weights are
fitted (:mod:`.learn`); ``share`` is the chosen candidate's softmax probability among the mention's.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from .cohort import Cohort
from .gazetteer import Candidate
from .names import name_key
from .recognize import Mention

# Fitted by dateline.geo.learn on the gold mentions of the LGL, TR-News and GeoWebNews dev halves
# (conditional logit over each mention's candidates; "qualifier" and "qualifier_miss" are set by hand).
WEIGHTS: dict[str, float] = {
    "acronym_as_name": -0.741, "admin1": 1.516, "admin2": -0.789, "admin_word": 0.015, "alt_beside_name": -1.501,
    "city": -6.097, "cohort_admin1": 2.327, "cohort_near": 1.198, "context_admin1": 2.367,
    "context_country": 2.339, "continent": 0.731, "country": 3.356, "log_population": 1.161, "match_abbr": 0.665,
    "match_alt": -1.504, "match_demonym": 0.233, "match_name": 0.592, "match_qual": 0.013, "most_populous": 0.58,
    "near": 1.41, "population_share": -0.092, "qualifier": 4.0, "qualifier_miss": -2.0, "region": 1.272,
}
NEAR_KM = 150.0
# Evidence too rare in the corpora to fit: set by hand and kept fixed when the rest is fitted.
FIXED = frozenset({"qualifier", "qualifier_miss"})
_ADMIN_WORDS = ("county", "parish", "borough", "province", "governorate", "state", "region", "district")


@dataclass(frozen=True)
class Resolution:
    """A mention's chosen candidate (None: no match), its score and how far ahead of the next it was."""

    candidate: Candidate | None
    score: float = 0.0
    margin: float = 0.0
    runner_up: Candidate | None = None
    share: float = 0.0  # the candidate's probability under the model, against the mention's other candidates


@dataclass(frozen=True)
class Fact:
    """One resolved mention, as context for the others: where it is and under which name."""

    key: str
    country: str | None
    admin1: str | None
    lat: float
    lon: float
    feature: str


Context = list[Fact]


def resolve(mentions: Sequence[Mention], *, rounds: int = 2) -> list[Resolution]:
    """One resolution per mention, in the same order."""
    context: Context = []
    cohort = Cohort(mentions)
    chosen: list[Resolution] = []
    for _ in range(rounds):
        chosen = _decide(mentions, context, cohort)
        context = _context(mentions, chosen)
    return chosen


def feature_rows(mentions: Sequence[Mention], *, rounds: int = 2) -> list[list[dict[str, float]]]:
    """For each mention, the features of each of its candidates, in the context the resolution sees last."""
    context: Context = []
    cohort = Cohort(mentions)
    for _ in range(rounds - 1):
        context = _context(mentions, _decide(mentions, context, cohort))
    return [[features(c, m, mentions, context, cohort) for c in m.candidates] for m in mentions]


def _decide(mentions: Sequence[Mention], context: Context, cohort: Cohort) -> list[Resolution]:
    groups: dict[str, list[int]] = {}
    for i, m in enumerate(mentions):
        groups.setdefault(name_key(m.text), []).append(i)
    out: list[Resolution] = [Resolution(None)] * len(mentions)
    for members in groups.values():
        totals: dict[int, tuple[float, Candidate]] = {}
        for i in members:
            for cand in mentions[i].candidates:
                s = score(cand, mentions[i], mentions, context, cohort)
                best = totals.get(cand.pid)
                if best is None or s > best[0]:
                    totals[cand.pid] = (s, cand)
        ranked = sorted(totals.values(), key=lambda sc: -sc[0])
        res = _resolution(ranked)
        for i in members:
            out[i] = res
    return out


def _resolution(ranked: list[tuple[float, Candidate]]) -> Resolution:
    if not ranked:
        return Resolution(None)
    (best, cand), rest = ranked[0], ranked[1:]
    margin = best - rest[0][0] if rest else 10.0
    share = 1.0 / sum(math.exp(max(-50.0, s - best)) for s, _ in ranked)
    return Resolution(cand, best, margin, rest[0][1] if rest else None, share)


def score(cand: Candidate, mention: Mention, mentions: Sequence[Mention], context: Context,
          cohort: Cohort) -> float:
    """The weighted evidence for ``cand`` as the place ``mention`` names."""
    feats = features(cand, mention, mentions, context, cohort)
    return sum(WEIGHTS.get(name, 0.0) * value for name, value in feats.items())


def features(cand: Candidate, mention: Mention, mentions: Sequence[Mention], context: Context,
             cohort: Cohort) -> dict[str, float]:
    """What speaks for ``cand``: its own facts, how its name matched, the article around it."""
    key = name_key(mention.text)
    feats = {"log_population": math.log10(cand.population + 1) if cand.feature == "city" else 0.0,
             cand.feature: 1.0, f"match_{cand.match}": 1.0}
    if cand.match == "alt" and any(c.match == "name" for c in mention.candidates):
        feats["alt_beside_name"] = 1.0
    if cand.match in ("name", "alt") and _is_acronym(mention.text):
        feats["acronym_as_name"] = 1.0
    cities = [c.population for c in mention.candidates if c.feature == "city"]
    if cand.feature == "city" and cities:
        feats["most_populous"] = float(cand.population == max(cities))
        feats["population_share"] = cand.population / max(1, sum(cities))
    if cand.feature in ("admin1", "admin2") and any(word in key.split() for word in _ADMIN_WORDS):
        feats["admin_word"] = 1.0
    feats.update(_context_features(cand, context, key))
    feats.update(cohort.features(cand, key))
    feats.update(_qualifier_features(cand, mention, mentions))
    return feats


def _is_acronym(text: str) -> bool:
    letters = text.replace(".", "")
    return letters.isupper() and len(letters) <= 4


def _context_features(cand: Candidate, context: Context, key: str) -> dict[str, float]:
    others = [f for f in context if f.key != key]
    if not others:
        return {}
    same = sum(f.country == cand.country for f in others) if cand.country else 0
    feats = {"context_country": same / len(others)}
    if cand.country and cand.admin1 and any(f.country == cand.country and f.admin1 == cand.admin1
                                            and f.feature != "country" for f in others):
        feats["context_admin1"] = 1.0
    near = [km(cand.lat, cand.lon, f.lat, f.lon) for f in others if f.feature == "city"]
    if near and cand.feature in ("city", "admin2"):
        feats["near"] = math.exp(-min(near) / NEAR_KM)
    return feats


def _qualifier_features(cand: Candidate, mention: Mention, mentions: Sequence[Mention]) -> dict[str, float]:
    if mention.qualifier is None:
        return {}
    if any(_inside(cand, q) for q in mentions[mention.qualifier].candidates):
        return {"qualifier": 1.0}
    return {"qualifier_miss": 1.0}


def _inside(cand: Candidate, region: Candidate) -> bool:
    if region.feature == "country":
        return cand.country == region.country
    return cand.country == region.country and region.admin1 is not None and cand.admin1 == region.admin1


def _context(mentions: Sequence[Mention], chosen: Sequence[Resolution]) -> Context:
    return [Fact(name_key(m.text), r.candidate.country, r.candidate.admin1, r.candidate.lat, r.candidate.lon,
                 r.candidate.feature)
            for m, r in zip(mentions, chosen, strict=True) if r.candidate is not None]


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))
