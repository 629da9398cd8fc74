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
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .cohort import Cohort
from .context import Context, Fact
from .gazetteer import Candidate
from .names import base_key, name_key
from .recognize import Mention, regional

# Fitted by dateline.geo.learn on the gold mentions of the LGL, TR-News and GeoWebNews dev corpora (conditional
# logit over each mention's candidates; "qualifier", "qualifier_miss", "dateline_city", "home_country", "kind",
# "kind_miss" and "capital_agent" are set by hand and kept fixed).
# Held out (python -m dateline.evaluation.geo fit … --half, then eval --half): fitted on the even documents, the
# odd ones score LGL 0.884, TR-News 0.895, GeoWebNews 0.866 (oracle acc@161); fitted on the odd, the even score
# 0.904 / 0.907 / 0.892.
WEIGHTS: dict[str, float] = {
    "acronym_as_name": -0.91, "admin1": -0.469, "admin1_log_population": 0.52, "admin2": 0.238, "admin_word": 0.001,
    "alt_beside_name": -1.517, "capital": 0.462, "city": -5.319, "cohort_admin1": 1.998, "cohort_admin2": 2.254,
    "cohort_near": 0.625, "context_admin1": 1.803, "context_country": 0.847, "continent": 1.009, "country": 3.312,
    "dateline_city": 4.0, "home_country": 0.5, "kind": 4.0, "kind_miss": -2.0, "log_population": 1.036,
    "match_abbr": 0.644, "match_alt": -1.517, "match_demonym": 0.412, "match_name": 0.46, "match_qual": 0.002,
    "most_populous": 0.658, "near": 0.193, "near_far": 3.495, "population_share": 0.016, "qualifier": 4.0,
    "qualifier_miss": -2.0, "region": 1.229, "capital_agent": 2.0, "series_peer": 3.0,
    "dateline_region": 3.0, "team_city": 4.0, "capital_country": 2.0
}
# A mention that names a country, continent or region by name never resolves to a smaller place of that name, unless
# the article places that town among its other places (local news: "Lebanon" beside Myerstown); see _outranking.
_WHOLE = ("country", "continent", "region")
_SMALLER = ("city", "admin2")
LISTED = 0.5  # a division this much among the divisions its list names (series evidence) is that division
LOCAL_COHORT = 0.5  # a town this much among the towns an article names (cohort evidence) is the local one
LARGE_DIVISION = 1_000_000  # a first-level division this populous, named bare, is itself ...
DIVISION_RATIO = 20  # ... rather than a town of its country with a twentieth of its people or fewer
MAJOR_CITY = 500_000  # a city this populous, and far more than its namesakes, is what a bare dateline names
# Evidence too rare in the corpora to fit: set by hand and kept fixed when the rest is fitted.
FIXED = frozenset({"qualifier", "qualifier_miss", "dateline_city", "home_country", "kind", "kind_miss",
                   "capital_agent", "series_peer", "dateline_region", "team_city",
                   "capital_country"})
_ADMIN_WORDS = ("county", "parish", "borough", "province", "governorate", "state", "region", "district")


@dataclass(frozen=True)
class Resolution:
    """A mention's chosen candidate (None: no match), its score and how far ahead of the next it was."""

    candidate: Candidate | None
    score: float = 0.0
    margin: float = 0.0
    runner_up: Candidate | None = None
    share: float = 0.0  # the candidate's probability under the model, against the mention's other candidates




def resolve(mentions: Sequence[Mention], *, rounds: int = 4, home: str | None = None) -> list[Resolution]:
    """One resolution per mention, in the same order; ``home`` is the outlet's country, when known.

    The first round decides every name on its own evidence; each later round decides the names again, the
    surest first, each in the context of the others' latest decisions — so two names never trade places
    ("California" and "Redding" both villages of Scotland, one round each, where either alone is Californian).
    Rounds go on while a round changes a decision, up to ``rounds`` in all: a name decided early in a round
    is read again once a later one has changed ("Georgia" the country became the state after "Atlanta" was
    placed by it)."""
    cohort = Cohort(mentions)
    chosen = _decide(mentions, Context(home=home), cohort)
    stale: set[str] | None = None  # every name, in the first of the later rounds
    for _ in range(rounds - 1):
        chosen, stale = _settle(mentions, chosen, cohort, home, stale)
        if not stale:
            break
    return chosen


def feature_rows(mentions: Sequence[Mention], *, rounds: int = 2) -> list[list[dict[str, float]]]:
    """For each mention, the features of each of its candidates, in the context of the first round's decisions
    (what the weights are fitted on; :func:`resolve` then re-reads each name in the latest decisions)."""
    context = Context()
    cohort = Cohort(mentions)
    for _ in range(rounds - 1):
        context = _context(mentions, _decide(mentions, context, cohort))
    return [[features(c, m, mentions, context, cohort) for c in m.candidates] for m in mentions]


def _groups(mentions: Sequence[Mention]) -> dict[str, list[int]]:
    """The mentions of each name (one sense per article)."""
    groups: dict[str, list[int]] = {}
    for i, m in enumerate(mentions):
        groups.setdefault(name_key(m.text), []).append(i)
    return groups


def _decide(mentions: Sequence[Mention], context: Context, cohort: Cohort) -> list[Resolution]:
    out: list[Resolution] = [Resolution(None)] * len(mentions)
    for key, members in _groups(mentions).items():
        res = _decide_name(key, members, mentions, context, cohort)
        for i in members:
            out[i] = res
    return out


def _settle(mentions: Sequence[Mention], chosen: list[Resolution], cohort: Cohort, home: str | None,
            names: set[str] | None) -> tuple[list[Resolution], set[str]]:
    """The names (all when ``names`` is None) decided again, the surest first, in the context of the latest
    decisions (rebuilt only when a decision changes); also the names decided before the round's last change,
    whose context has changed since."""
    out = list(chosen)
    context = _context(mentions, out, home)
    order = sorted(((k, v) for k, v in _groups(mentions).items() if names is None or k in names),
                   key=lambda kv: -out[kv[1][0]].margin)
    decided: list[str] = []
    stale: set[str] = set()
    for key, members in order:
        res = _decide_name(key, members, mentions, context, cohort)
        changed = _pid(res) != _pid(out[members[0]])
        for i in members:
            out[i] = res
        if changed:
            context = _context(mentions, out, home)
            stale.update(decided)
        decided.append(key)
    return out, stale


def _pid(res: Resolution) -> int | None:
    return res.candidate.pid if res.candidate is not None else None


def _decide_name(key: str, members: list[int], mentions: Sequence[Mention], context: Context,
                 cohort: Cohort) -> Resolution:
    totals: dict[int, tuple[float, Candidate]] = {}
    major = _major_dateline_city(mentions, members)
    outranks = _outranking(mentions, members) if len(context) else _nothing  # round one: every candidate
    divided = _division_name(mentions, members) if len(context) else _no_side
    own = base_key(key)
    whole = all(mentions[i].kind in _WHOLE for i in members)  # "the Balkans": no town of that name
    for i in _distinct(mentions, members):
        for cand in mentions[i].candidates:
            if (major is not None and cand.pid != major) or (whole and cand.feature in _SMALLER):
                continue
            if outranks(cand) and not (context.local(cand, own) or _home_division(cand, context, mentions[i])
                                       or _listed_division(cand, mentions[i], cohort)
                                       or cand.pid in cohort.dateline_regions):
                continue
            side = divided(cand)
            if (side == "home" and not context.near_town(cand, own)) or (
                    side == "abroad" and not context.names_division_of(cand.country)):
                continue
            s = score(cand, mentions[i], mentions, context, cohort)
            best = totals.get(cand.pid)
            if best is None or s > best[0]:
                totals[cand.pid] = (s, cand)
    ranked = sorted(totals.values(), key=lambda sc: -sc[0])
    return _resolution(ranked)


def _distinct(mentions: Sequence[Mention], members: list[int]) -> list[int]:
    """The members whose candidates' scores can differ: one of each spelling, source, kind word, qualifier
    and candidate list (a name repeated alike scores alike, and only a candidate's best score counts)."""
    seen: set[tuple[object, ...]] = set()
    kept = []
    for i in members:
        m = mentions[i]
        qualifier = None if m.qualifier is None else tuple(c.pid for c in mentions[m.qualifier].candidates)
        signature = (m.text, m.source, m.kind, qualifier, tuple(c.pid for c in m.candidates))
        if signature not in seen:
            seen.add(signature)
            kept.append(i)
    return kept


def _outranking(mentions: Sequence[Mention], members: list[int]) -> Callable[[Candidate], bool]:
    """Which candidates a bare name leaves aside unless the article sets them among its other places: a
    country's, continent's or region's own name is not a town, county or foreign division of that name
    ("the Atlantic" is the ocean, not Atlantic, Iowa; "Georgia" alone
    is the country; in an article about towns of the US, the state; "Lebanon" beside Myerstown is the town); a
    national capital's name is not a division of its own country, nor a smaller one abroad, of that
    name ("Washington", "Santiago"). A qualifier or a kind word ("the state of Washington") leaves every
    candidate in."""
    if not _named_bare(mentions, members):
        return _nothing
    cands = mentions[members[0]].candidates
    wholes = {c.country for c in cands if c.feature in _WHOLE and c.match in ("name", "abbr")}
    capitals = [c for c in cands if c.capital and c.match in ("name", "abbr")]
    cities = [c for c in cands if c.feature == "city" and c.match in ("name", "abbr")]

    def outranked(cand: Candidate) -> bool:
        if wholes and (cand.feature in _SMALLER or (cand.feature == "admin1" and cand.country not in wholes)):
            return True
        if cand.feature != "admin1":
            return False
        return any(c.country == cand.country or c.population > cand.population for c in capitals) or any(
            c.country == cand.country and 2 * c.population >= cand.population for c in cities)
    return outranked


def _named_bare(mentions: Sequence[Mention], members: list[int]) -> bool:
    """No mention of the name has a qualifier or a kind word ("Athens, Georgia", "the state of Washington")."""
    return all(mentions[i].qualifier is None and mentions[i].kind is None for i in members)


def _division_name(mentions: Sequence[Mention], members: list[int]) -> Callable[[Candidate], str | None]:
    """Which towns a bare name of a large first-level division leaves aside: one of its country ("home")
    unless another of the article's towns lies near it — "Florida" is the state, not Florida, New York, in an
    article that names New York City 80 km away (a national capital stays in: "Washington") — and one abroad
    ("abroad") unless the article names its country or a division of it: "California" and "Redding" are not
    the two Scottish villages that lie together."""
    if not _named_bare(mentions, members):
        return _no_side
    divisions = [c for c in mentions[members[0]].candidates
                 if c.feature == "admin1" and c.match == "name" and c.population >= LARGE_DIVISION]

    def divided(cand: Candidate) -> str | None:
        if cand.feature != "city" or cand.capital:
            return None
        small = [d for d in divisions if cand.population * DIVISION_RATIO < d.population]
        if any(d.country == cand.country for d in small):
            return "home"
        return "abroad" if small else None
    return divided


def _no_side(cand: Candidate) -> str | None:
    return None


def _major_dateline_city(mentions: Sequence[Mention], members: list[int]) -> int | None:
    """A dateline without a region names a major city when its name has one ("WASHINGTON (AP) —", "ATLANTA —"):
    a national capital (the most populous town of that name), or a city of at least ``MAJOR_CITY`` people ten
    times as populous as any other place of that name. It is not re-read from the article's other places; they
    are read from it."""
    if not any(mentions[i].source == "dateline" and mentions[i].qualifier is None
               and not any(0 <= m.start - mentions[i].end <= 3 for m in mentions) for i in members):
        return None  # "LONDON, Ky.": the region says which
    cands = mentions[members[0]].candidates
    cities = sorted((c for c in cands if c.feature == "city" and c.match == "name"), key=lambda c: -c.population)
    if not cities:
        return None
    top = cities[0]
    if top.capital or (top.population >= MAJOR_CITY
                       and all(10 * c.population <= top.population for c in cands if c.pid != top.pid)):
        return top.pid
    return None


def _nothing(cand: Candidate) -> bool:
    return False


def _home_division(cand: Candidate, context: Context, mention: Mention) -> bool:
    """A first-level division in a country where the article names a town ("Georgia" beside Atlanta)."""
    return cand.feature == "admin1" and context.has_town_in(cand.country, base_key(mention.text))


def _listed_division(cand: Candidate, mention: Mention, cohort: Cohort) -> bool:
    """A first-level division named in a list of its country's divisions ("Georgia, Idaho, Illinois")."""
    return cand.feature == "admin1" and cohort.peers(cand, mention).get("series_peer", 0.0) >= LISTED


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
    # a division named bare (an English county) weighs as a first-level one: "admin2" is fitted on US counties
    weighed_as = "admin1" if regional(cand) and cand.feature == "admin2" else cand.feature
    feats = {"log_population": math.log10(cand.population + 1) if cand.feature == "city" else 0.0,
             weighed_as: 1.0, f"match_{cand.match}": 1.0}
    if weighed_as == "admin1":
        feats["admin1_log_population"] = math.log10(cand.population + 1)  # the sum of its towns'
    if cand.capital:
        feats["capital"] = 1.0
    if mention.source == "dateline" and cand.feature == "city":
        feats["dateline_city"] = 1.0  # "WASHINGTON (AP) -": a dateline names a town
    if cand.match == "alt" and any(c.match == "name" for c in mention.candidates):
        feats["alt_beside_name"] = 1.0
    if cand.match in ("name", "alt") and _is_acronym(mention.text):
        feats["acronym_as_name"] = 1.0
    cities = [c.population for c in mention.candidates if c.feature == "city"]
    if cand.feature == "city" and cities:
        feats["most_populous"] = float(cand.population == max(cities))
        feats["population_share"] = cand.population / max(1, sum(cities))
        if cand.capital and mention.agent and feats["most_populous"] and not _local_namesake(cand, mention, context,
                                                                                              cohort):
            feats["capital_agent"] = 1.0  # "Washington has said": the seat of a government, not a namesake
    if cand.feature in ("admin1", "admin2") and any(word in key.split() for word in _ADMIN_WORDS):
        feats["admin_word"] = 1.0
    own = base_key(mention.text)  # the article's other names: not this one, nor its "City" form
    feats.update(context.features(cand, own))
    feats.update(cohort.features(cand, own))
    feats.update(cohort.peers(cand, mention))
    feats.update(cohort.dateline_region(cand))
    if cand.feature == "city" and feats.get("most_populous") and cohort.team(mention):
        feats["team_city"] = 1.0  # "the Portland Trail Blazers": a team bears its city's name
    feats.update(_qualifier_features(cand, mention, mentions))
    if mention.kind is not None:  # "the state of Georgia", "Washington state", "the city of Victoria"
        feats["kind" if cand.feature == mention.kind else "kind_miss"] = 1.0
    return feats


def _local_namesake(cand: Candidate, mention: Mention, context: Context, cohort: Cohort) -> bool:
    """Another town of the name lies among the article's towns, or in a division of the towns it names (local
    news: "London" of London, Ontario, whose council acts as "London" does)."""
    key = base_key(mention.text)
    return any(context.local(c, key) or max(cohort.features(c, key).values(), default=0.0) >= LOCAL_COHORT
               for c in mention.candidates if c.pid != cand.pid and c.feature == "city" and c.match == "name")


def _is_acronym(text: str) -> bool:
    letters = text.replace(".", "")
    return letters.isupper() and len(letters) <= 4


def _qualifier_features(cand: Candidate, mention: Mention, mentions: Sequence[Mention]) -> dict[str, float]:
    if mention.qualifier is None:
        return {}
    if any(inside(cand, q) for q in mentions[mention.qualifier].candidates):
        return {"qualifier": 1.0}
    return {"qualifier_miss": 1.0}


def inside(cand: Candidate, region: Candidate) -> bool:
    """``cand`` lies in ``region``: a country, a first-level division or a county (a town in "Ohio County,
    Kentucky" is not every town of Kentucky); a place of any other kind holds nothing."""
    if region.feature == "country":
        return cand.country == region.country
    if region.feature not in ("admin1", "admin2"):
        return False
    same_division = cand.country == region.country and region.admin1 is not None and cand.admin1 == region.admin1
    if region.feature == "admin1":
        return same_division
    return same_division and region.admin2 is not None and cand.admin2 == region.admin2


def _context(mentions: Sequence[Mention], chosen: Sequence[Resolution], home: str | None = None) -> Context:
    return Context([Fact(base_key(m.text), c.pid, c.country, c.admin1, c.lat, c.lon, c.feature)
                    for m, r in zip(mentions, chosen, strict=True) if (c := r.candidate) is not None], home=home)
