"""The geoparser: recognise place mentions in a parsed Doc, resolve them, and give :class:`Place` records.

Strong mentions are resolved first; a weak one (a name the model typed otherwise, or found by the
gazetteer alone) is kept only when the article supports it: it names a country, first-level division,
continent or region, a county by its "County" word, or a city of at least 100,000 people, or one of its
candidates lies near (``LOCAL_KM``) or in the same first-level division as a strongly mentioned place.
Then every kept mention is resolved together. :func:`geoparse` given ``spans`` resolves those stretches
only (the "oracle" evaluation: gold mentions in, places out).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

import numpy as np
from spacy.tokens import Doc

from ..extensions import doc_text
from ..records import Place
from .calibrate import probability
from .context import LOCAL_KM, haversine
from .gazetteer import Candidate, Gazetteer
from .outlet import outlet_country
from .recognize import WELL_KNOWN, Mention, annotated, find_mentions, given_qualifiers, regional, span_mention
from .resolve import Resolution, inside, resolve
from .words import GENERIC

DEMONYMS = True  # emit "Kenyan" as a mention of Kenya (see the places stage for why)
FOCUS_KM = 100.0
FOCUS_SCORE = 0.55  # how often an unknown name lies within 161 km of the article's town (dev corpora: 49/85)
REGION_SCORE = 0.5  # a town placed at the region that qualifies it
# A town this small, this far from all the article's other places, in a country none of them lies in, is not
# the place meant (dev corpora: none of such resolutions was right; most were no place at all).
STRAY_POPULATION = 20_000
STRAY_KM = 500.0
_LIST_GOES_ON = re.compile(r"\s+(?:and|or|&)\b|\s*,\s*(?:and\s+|or\s+)?[^\W\d_a-z]|\s+[^\W\d_a-z]")
_ADMIN_WORDS = ("County", "Parish", "Borough")


def geoparse(doc: Doc, gazetteer: Gazetteer, *, spans: Sequence[tuple[int, int]] | None = None,
             min_score: float = 0.0, home: str | None = None) -> list[Place]:
    """The places of ``doc`` (or of the given character ``spans``), in text order; ``home``: the outlet's
    country when the settings give it (else read from the article's URL)."""
    decisions = decide(doc, gazetteer, spans=spans, home=home)
    strays = _strays(decisions)
    focus = _focus([r for n, (_, r) in enumerate(decisions) if n not in strays])
    places, text = [], doc_text(doc)
    starts = {m.start: r for m, r in decisions}
    ends = {m.end: r for m, r in decisions}
    towns = [c for n, (_, r) in enumerate(decisions) if n not in strays and (c := r.candidate) is not None
             and c.feature == "city"]
    for n, (m, r) in enumerate(decisions):
        region = _named_region(m, r, decisions, text) or _said_to_lie_in(m, starts, ends, text)
        if region is not None:
            places.append(_in_region(m, region, gazetteer, min_score, towns))
        elif n in strays:
            places.append(_unknown(m, focus, min_score))
        else:
            places.append(_place(m, r, gazetteer, min_score, focus))
    return sorted(places, key=lambda p: (p.start, p.end))


def _named_region(mention: Mention, res: Resolution, decisions: list[tuple[Mention, Resolution]],
                  text: str) -> Candidate | None:
    """The region of "Town, Region" when the town the gazetteer offers is not in it, or it offers none (a
    village too small for GeoNames' towns: "HOLLIDAY, Mo.", "CAMP MURRAY, Wash."). Not in a list ("Sharon,
    Cornwall and Salisbury", "China, Japan"), nor when the region is the first word of a longer name ("East
    Java") or a word of direction."""
    if mention.qualifier is None or any(regional(c) for c in mention.candidates):
        return None
    qualifier, resolved = decisions[mention.qualifier]
    if qualifier.text.lower() in GENERIC or _LIST_GOES_ON.match(text, qualifier.end):
        return None
    region = resolved.candidate
    if region is None or region.feature not in ("admin1", "country"):
        return None
    if res.candidate is not None and any(inside(res.candidate, q) for q in qualifier.candidates):
        return None  # the town lies in one of the places the qualifier may name
    return region


def _strays(decisions: list[tuple[Mention, Resolution]]) -> set[int]:
    """The decisions that are small towns more than ``STRAY_KM`` from every other place of the article, in a
    country none of them lies in: what the gazetteer offered for a name it lacks ("Heathrow" in a London story
    is not Heathrow, Florida) or for a word that is no place at all (a first name, "Rock", a company's name). A
    dateline or a named region vouches for its town. Each name and town is judged once."""
    placed = [(m.text, c) for m, r in decisions
              if (c := r.candidate) is not None and c.feature not in ("continent", "region")]
    names = np.array([text for text, _ in placed], dtype=object)
    lat, lon = np.radians([c.lat for _, c in placed]), np.radians([c.lon for _, c in placed])
    judged: dict[tuple[str, int], bool] = {}
    out = set()
    for n, (mention, res) in enumerate(decisions):
        cand = res.candidate
        if cand is None or cand.feature != "city" or cand.population >= STRAY_POPULATION \
                or mention.source == "dateline" or mention.qualifier is not None:
            continue
        key = (mention.text, cand.pid)
        if key not in judged:
            others = names != mention.text
            abroad = not any(c.country == cand.country for text, c in placed if text != mention.text)
            judged[key] = bool(others.any()) and abroad and bool(
                (haversine(np.radians(cand.lat), np.radians(cand.lon), lat[others], lon[others]) > STRAY_KM).all())
        if judged[key]:
            out.add(n)
    return out


# After an unknown name: more names of a list, then "in" (optionally "the"): "Foua and Kfraya in [Idlib] province".
_IN_AFTER = re.compile(r"(?:\s*(?:,|\band\b|\bor\b)\s*(?:the\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})*"
                       r"\s+in\s+(?:the\s+)?")


# Before an unknown name: a place's possessive, alone or with a word for a part of it ("Cairo's gated suburb of ").
_OWNER_BEFORE = re.compile(r"['’]s\s+(?:(?:[a-z][a-z-]*\s+){0,2}(?:suburbs?|districts?|neighbou?rhoods?|villages?|"
                           r"towns?|areas?|quarters?|outskirts|province|county|region)\s+of\s+)?$")


def _said_to_lie_in(mention: Mention, starts: dict[int, Resolution], ends: dict[int, Resolution],
                    text: str) -> Candidate | None:
    """The known place an unknown town or district is said to lie in ("the villages of Foua and Kfraya in Idlib
    province", "the Abbassiya district in Cairo") or to be part of ("Cairo's gated suburb of Madinaty", "Giza's
    Haram district"): a division, a country or a town."""
    if mention.candidates or mention.label == "FAC":
        return None
    after = _IN_AFTER.match(text, mention.end)
    before = _OWNER_BEFORE.search(text, max(0, mention.start - 40), mention.start)
    for resolved in (starts.get(after.end()) if after else None, ends.get(before.start()) if before else None):
        region = resolved.candidate if resolved is not None else None
        if region is not None and region.feature in ("admin1", "admin2", "country", "city"):
            return region
    return None


def _in_region(mention: Mention, region: Candidate, gazetteer: Gazetteer, min_score: float,
               towns: list[Candidate]) -> Place:
    """A town placed in the region that qualifies it, without an id or a name of its own: at the article's
    town in that first-level division or country that it names most (local stories keep to one place: "CAMP
    MURRAY, Wash." beside Seattle), else at the region's point."""
    if REGION_SCORE < min_score:
        return Place(mention.text, mention.start, mention.end)
    inside = [t for t in towns if t.country == region.country
              and (region.feature == "country" or (region.feature == "admin1" and t.admin1 == region.admin1))]
    count = Counter(t.pid for t in inside)
    point = max(inside, key=lambda t: count[t.pid]) if inside else region
    return Place(mention=mention.text, start=mention.start, end=mention.end, country=region.country,
                 admin1=_admin1(region, gazetteer), lat=point.lat, lon=point.lon, score=REGION_SCORE)


def decide(doc: Doc, gazetteer: Gazetteer, *, spans: Sequence[tuple[int, int]] | None = None,
           home: str | None = None) -> list[tuple[Mention, Resolution]]:
    """Each kept mention with its resolution (what :func:`geoparse` turns into places; calibration reads it)."""
    article = doc._.article if doc.has_extension("article") else None
    home = outlet_country(getattr(article, "url", None), home)
    resolved: list[Resolution] | None = None
    if spans is None:
        found = find_mentions(doc, gazetteer, demonyms=DEMONYMS, dateline=_dateline(doc))
        mentions, resolved = _kept(found, home)
    else:
        line = _dateline(doc)
        given = [_given(span_mention(doc, start, end, gazetteer), line) for start, end in spans]
        mentions = annotated(doc, given_qualifiers(doc, given, gazetteer))
    if resolved is None:
        resolved = resolve(mentions, home=home)
    return list(zip(mentions, resolved, strict=True))


def _given(mention: Mention, line: tuple[int, int] | None) -> Mention:
    """A given span inside the dateline is the dateline's place."""
    inside = line is not None and line[0] <= mention.start and mention.end <= line[1]
    return replace(mention, source="dateline") if inside else mention


def _dateline(doc: Doc) -> tuple[int, int] | None:
    article = doc._.article if doc.has_extension("article") else None
    line = getattr(article, "dateline", None)
    if line is None or not line.place:
        return None
    start = doc_text(doc).find(line.place, line.start, line.end)
    return (start, start + len(line.place)) if start >= 0 else None


def _kept(mentions: list[Mention], home: str | None) -> tuple[list[Mention], list[Resolution] | None]:
    """Strong mentions, and weak ones the strong ones support; with the strong ones' resolutions when they are
    all that is kept (resolving the same mentions again would give the same), else None."""
    is_strong = [not m.weak for m in mentions]
    strong = _subset(mentions, is_strong)
    if all(is_strong):
        return strong, None
    first = resolve(strong, home=home)
    anchors = _Anchors([r.candidate for r in first if r.candidate is not None])
    keep = [strong_one or _supported(m, anchors) for m, strong_one in zip(mentions, is_strong, strict=True)]
    return (strong, first) if keep == is_strong else (_subset(mentions, keep), None)


def _subset(mentions: list[Mention], keep: list[bool]) -> list[Mention]:
    """The kept mentions, their qualifier indices pointing into the new list (or dropped)."""
    new_index = {old: new for new, old in enumerate(i for i, k in enumerate(keep) if k)}
    return [replace(m, qualifier=new_index.get(m.qualifier) if m.qualifier is not None else None)
            for m, k in zip(mentions, keep, strict=True) if k]


def _supported(mention: Mention, anchors: _Anchors) -> bool:
    """A weak mention names a large place, a county by that word, one near the article's places, or the
    capital of a country the article names (a one-word name the model took for a person's: a country or
    division, a town near one the article names, a capital standing for its government)."""
    person = mention.label == "PERSON"  # "Washington said": population alone does not make it a place
    for c in mention.candidates:
        if regional(c) or (c.population >= WELL_KNOWN and not person):
            return True
        if c.feature == "admin2" and mention.text.split()[-1] in _ADMIN_WORDS:
            return True
        if anchors.near(c) if person else anchors.local(c):
            return True
        if c.capital and c.country in anchors.countries:  # "Tbilisi says" in an article about Georgia
            return True
    return False


class _Anchors:
    """The strong mentions' places, indexed: their towns' points and the divisions they lie in."""

    def __init__(self, places: list[Candidate]) -> None:
        towns = [a for a in places if a.feature == "city"]
        self.lat = np.radians([a.lat for a in towns])
        self.lon = np.radians([a.lon for a in towns])
        self.divisions = {(a.country, a.admin1) for a in places if a.feature in ("admin1", "admin2") and regional(a)}
        self.any_divisions = {(a.country, a.admin1) for a in places if a.feature in ("admin1", "admin2", "city")}
        self.countries = {a.country for a in places if a.country}

    def near(self, c: Candidate) -> bool:
        """A town within ``LOCAL_KM`` of one of the article's towns."""
        if c.feature != "city" or not len(self.lat):
            return False
        return bool((haversine(np.radians(c.lat), np.radians(c.lon), self.lat, self.lon) <= LOCAL_KM).any())

    def local(self, c: Candidate) -> bool:
        """A town near the article's towns or in a division it names; a county in the division of one of
        its places."""
        if c.admin1 is None:
            return self.near(c)
        if c.feature == "city":
            return self.near(c) or (c.country, c.admin1) in self.divisions
        return c.feature == "admin2" and (c.country, c.admin1) in self.any_divisions


def _focus(resolutions: list[Resolution]) -> Candidate | None:
    """The article's town: the city with the most of the article's local mentions (towns and counties)
    within ``FOCUS_KM``, its own included; then the most mentioned; then the first mentioned. A town named
    once among many that cluster elsewhere is not the focus."""
    local = [r.candidate for r in resolutions if r.candidate is not None and r.candidate.feature in ("city", "admin2")]
    cities = [c for c in local if c.feature == "city"]
    if not cities:
        return None
    lat, lon = np.radians([o.lat for o in local]), np.radians([o.lon for o in local])
    support, count = {}, Counter(c.pid for c in cities)
    for c in cities:
        if c.pid not in support:
            support[c.pid] = int((haversine(np.radians(c.lat), np.radians(c.lon), lat, lon) <= FOCUS_KM).sum())
    return max(cities, key=lambda c: (support[c.pid], count[c.pid]))


def _place(mention: Mention, res: Resolution, gazetteer: Gazetteer, min_score: float,
           focus: Candidate | None) -> Place:
    cand = res.candidate
    if cand is None:
        return _unknown(mention, focus, min_score)
    score = probability(mention, res)
    if score < min_score:
        return Place(mention.text, mention.start, mention.end, score=round(score, 3))
    return Place(mention=mention.text, start=mention.start, end=mention.end, geonameid=cand.geonameid,
                 name=cand.name, country=cand.country, admin1=_admin1(cand, gazetteer), feature=cand.feature,
                 lat=cand.lat, lon=cand.lon, score=round(score, 3))


def _unknown(mention: Mention, focus: Candidate | None, min_score: float) -> Place:
    """A name the gazetteer lacks: a facility or street ("Royal Street", a FAC) or a given span is placed at
    the article's town, without an id; anything else (often a person the model typed GPE) is not placed."""
    words = mention.text.split()
    facility = mention.label == "FAC" or (bool(words) and words[-1].lower() in GENERIC)
    if focus is None or FOCUS_SCORE < min_score or not (facility or mention.source == "given"):
        return Place(mention.text, mention.start, mention.end)
    return Place(mention=mention.text, start=mention.start, end=mention.end, country=focus.country,
                 lat=focus.lat, lon=focus.lon, score=FOCUS_SCORE)


def _admin1(cand: Candidate, gazetteer: Gazetteer) -> str | None:
    if cand.feature == "admin1":
        return cand.name
    if cand.country and cand.admin1 and cand.feature in ("city", "admin2"):
        return gazetteer.admin1_name(cand.country, cand.admin1)
    return None
