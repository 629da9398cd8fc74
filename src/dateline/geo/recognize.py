"""Recognition: which stretches of the text name places.

Mentions are *strong* or *weak*. Strong: the model's GPE/LOC entities the gazetteer knows (or a known
name inside one: "Northeast Georgia"), demonyms (NORP "Kenyan", when ``demonyms`` is on; each of a hyphened
pair: "a Russian-American crew", not a people: "African-Americans"), the article's dateline place, qualifiers
after a comma ("Long Beach, CA"), and capitalised names the gazetteer knows after a place word ("in
Smithville"). Weak: names the gazetteer knows where the model saw something else
(a town typed PERSON or ORG, a place or a demonym inside an organisation's name: "the Texas Department of
Health", "the Georgian Interior Ministry", a FAC) or no entity at all; the parser keeps a weak mention only
when the article supports it (:mod:`dateline.geo.parser`). A name is cued — strong — after a place word ("in
X", "the town of X"), after a street address ("of 12 Main St., X") or before a resident noun ("an X woman", "X
police"); a whole FAC name so cued is a town ("a residence in X"), and so is a town opening the name of its
own body ("the X Police Department", "X City Council"). Guards keep people out: a PERSON of two or more tokens
is a place only when its whole name is a country, first-level division or large city, or is cued; a one-word name
that is part of a person's name elsewhere in the text ("Jordan" after "Michael Jordan") never is, nor the surname
of a person named in full (also where the model left the first name out), even typed GPE, unless it names a
country, division or large city; nor is a small town's one-word name right before a person's ("Pope Tawadros"),
nor a name before "Day" in an entity ("St. Patrick's Day"), nor one word of an organisation's name that the
article also writes in lower case ("the Food and Drug Administration" beside "the drug").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Protocol

from spacy.tokens import Doc, Span, Token

from .. import tables
from ..extensions import doc_text, per_doc
from ..layout import inner_datelines
from .gazetteer import Candidate, Gazetteer
from .names import name_key
from .sources import abbreviations
from .words import (
    AREA_NOUNS,
    BUILDING_WORDS,
    GENERIC,
    HONORIFICS,
    LOCAL_BODIES,
    NEIGHBOURHOOD_WORDS,
    PLACE_NOUNS,
    PLACE_PREPS,
    RESIDENT_NOUNS,
    STREET_WORDS,
)

PLACE_LABELS = frozenset({"GPE", "LOC"})
# Entity types inside whose names a place may be embedded ("the Ohio State Highway Patrol").
HOST_LABELS = frozenset({"ORG", "FAC", "EVENT", "WORK_OF_ART", "PRODUCT", "NORP", "PERSON", "LANGUAGE"})
MAX_WORDS = 5
WELL_KNOWN = 100_000  # a city this populous is a place wherever its name stands
PROMINENT = 50_000  # a town this populous may stand for a building or street named after it
REGIONAL = frozenset({"country", "continent", "admin1", "region"})
_PREFIXES = ("republic of ", "kingdom of ", "state of ", "city of ", "town of ", "province of ")
_SUFFIXES = (" state", " province", " city", " region", " governorate", " district")
_COUNTY_ABBREVIATIONS = (" co.", " co", " cnty.", " cnty", " cty.")
_ADMIN_NAMES = frozenset({"County", "Parish", "Borough"})
_DIVISION_PLURALS = {"counties": "County", "parishes": "Parish", "boroughs": "Borough"}
# Words beside a name that say which kind of place it is (the feature its candidate should have).
KIND_WORDS = {"state": "admin1", "province": "admin1", "county": "admin2", "parish": "admin2", "borough": "admin2",
              "city": "city", "town": "city", "village": "city"}
_KIND_AFTER = re.compile(r"[ \t]+(state|State|province|Province|county|County|parish|Parish)\b")
_THE_BEFORE = re.compile(r"\bthe[ \t]+$", re.IGNORECASE)
_KIND_BEFORE = re.compile(r"\b(state|province|city|town|village|county) of[ \t]+(?:the[ \t]+)?$", re.IGNORECASE)


class Placed(Protocol):
    """A candidate, or a resolved place of the article's context: what kind of place, in which country."""

    @property
    def feature(self) -> str: ...
    @property
    def country(self) -> str | None: ...


def regional(c: Placed) -> bool:
    """A country, continent, region or division named bare: first-level anywhere, second-level outside the US
    ("Devon", "Bulacan"); a US county is named with its word ("Harvey County": Harvey is a town and a name)."""
    return c.feature in REGIONAL or (c.feature == "admin2" and c.country != "US")


@dataclass(frozen=True)
class Mention:
    """A stretch of text that may name a place, with what it may name."""

    start: int  # character offsets into doc.text
    end: int
    text: str
    source: str  # model | embedded | gazetteer | qualifier | demonym | dateline | list | given
    label: str | None = None
    candidates: tuple[Candidate, ...] = ()
    weak: bool = False
    qualifier: int | None = None  # index (in the mention list) of the "Region" of "Town, Region"
    kind: str | None = None  # the kind of place a word beside the name says: "the state of X", "X County"
    agent: bool = False  # the name is a clause's subject, or its owner's: "Washington has said", "Moscow's reply"
    series: int | None = None  # where the list of names it is one of begins: "Georgia, Oklahoma and Texas"
    team: bool = False  # the name begins a sports team's: "the Portland Trail Blazers"


def find_mentions(doc: Doc, gazetteer: Gazetteer, *, demonyms: bool = True,
                  dateline: tuple[int, int] | None = None) -> list[Mention]:
    """Every possible place mention of the Doc, in text order, each with its gazetteer candidates."""
    found: dict[tuple[int, int], Mention] = {}
    taken: set[int] = set()
    sources = (_from_dateline(doc, gazetteer, dateline), _from_inner_datelines(doc, gazetteer),
               _from_division_lists(doc, gazetteer),
               _from_entities(doc, gazetteer, demonyms), _from_text(doc, gazetteer, _person_words(doc)),
               _party_home(doc, gazetteer), _loose_demonyms(doc, gazetteer) if demonyms else iter(()))
    for source in sources:
        for mention in source:
            if _dedicated(doc, mention):
                continue  # "the church of St. Peter": the saint
            mention = _saint_institution(doc, mention)
            if not any(i in taken for i in range(mention.start, mention.end)):
                found[(mention.start, mention.end)] = mention
                taken.update(range(mention.start, mention.end))
    return annotated(doc, _with_qualifiers(doc, sorted(found.values(), key=lambda m: m.start), gazetteer))


def annotated(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """The mentions with what the words around them say: a kind word, acting in the sentence, a list."""
    text = doc_text(doc)
    return with_series(text, with_agents(doc, with_kinds(text, mentions)))


def with_series(text: str, mentions: list[Mention]) -> list[Mention]:
    """Each mention in a list of names marked with the list's start: three or more names joined by commas,
    "and" or "or" ("Mexico, China, Japan and Brazil"), or two joined by "and"/"or" ("Georgia and Florida").
    A town and its region ("Athens, Georgia") are no list."""
    out = list(mentions)
    for run in _runs(text, mentions):
        joined = any(_SERIES_AND.search(text, mentions[a].end, mentions[b].start)
                     for a, b in zip(run, run[1:], strict=False))
        if len(run) >= 3 or (len(run) == 2 and joined):
            for i in run:
                out[i] = replace(out[i], series=mentions[run[0]].start)
    return out


def _runs(text: str, mentions: list[Mention]) -> list[list[int]]:
    """Indices of mentions in text order, grouped where only a comma, "and" or "or" lies between them; a
    town with a qualifier and its region stand alone."""
    paired = {m.qualifier for m in mentions} | {i for i, m in enumerate(mentions) if m.qualifier is not None}
    runs: list[list[int]] = []
    for i in sorted(range(len(mentions)), key=lambda i: mentions[i].start):
        last = runs[-1][-1] if runs else None
        if i not in paired and last is not None and last not in paired \
                and _SERIES_GAP.fullmatch(text, mentions[last].end, mentions[i].start):
            runs[-1].append(i)
        else:
            runs.append([i])
    return [run for run in runs if not paired.intersection(run)]


_SUBJECTS = ("nsubj", "nsubjpass")


def with_agents(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Each mention that acts in its sentence marked ``agent``: the subject of a verb ("Washington has said")
    or the owner of its subject ("Moscow's response will follow"). A place that speaks or acts stands for its
    government (see the ``capital_agent`` evidence)."""
    out = []
    for m in mentions:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        root = span.root if span is not None else None
        acting = root is not None and (
            (root.dep_ in _SUBJECTS and root.head.pos_ in ("VERB", "AUX"))
            or (root.dep_ == "poss" and root.head.dep_ in _SUBJECTS))
        out.append(replace(m, agent=True) if acting else m)
    return out


def with_kinds(text: str, mentions: list[Mention]) -> list[Mention]:
    """Each mention with the kind of place its own last word or a word beside it names: "Washington state",
    "the state of Georgia", "the city of Victoria", "Henry County" (a feature, :data:`KIND_WORDS`)."""
    out = []
    for m in mentions:
        after = _KIND_AFTER.match(text, m.end)
        before = _KIND_BEFORE.search(text, max(0, m.start - 24), m.start)
        own = m.text.rsplit(None, 1)[-1].lower() if " " in m.text.strip() else ""
        word = (after[1] if after else before[1] if before else own).lower()
        if word in KIND_WORDS:
            m = replace(m, kind=KIND_WORDS[word])
        elif _THE_BEFORE.search(text, max(0, m.start - 5), m.start):
            wholes = {c.feature for c in m.candidates if c.feature in ("region", "continent") and c.match == "name"}
            m = replace(m, kind=wholes.pop()) if len(wholes) == 1 else m  # "the Balkans": no town
        out.append(m)
    return out


def span_mention(doc: Doc, start: int, end: int, gazetteer: Gazetteer) -> Mention:
    """A given stretch of text as a mention: its own candidates, else those of a known name inside it."""
    text = doc_text(doc)[start:end]
    cands = lookup(gazetteer, text)
    span = doc.char_span(start, end, alignment_mode="expand")
    if not cands and span is not None:
        inner = next(_embedded(span, None, gazetteer, weak=False), None)
        cands = tuple(c for c in inner.candidates if _prominent(c)) if inner is not None else ()
    return Mention(start, end, text, "given", candidates=cands, team=span is not None and _team_name(span))


def _team_name(span: Span) -> bool:
    """The given name opens an organisation's name that goes on as a team's ("[Portland] Trail Blazers")."""
    first = span[0]
    if first.ent_type_ != "ORG":
        return False
    ent = next((e for e in span.doc.ents if e.start <= first.i < e.end), None)
    return ent is not None and ent.end > span.end and _team(span.doc[span.end:ent.end])


def lookup(gazetteer: Gazetteer, text: str) -> tuple[Candidate, ...]:
    """The candidates of ``text``, or of it without a kind word ("Oaxaca State", "Republic of Armenia")."""
    found = gazetteer.candidates(text)
    if found:
        return tuple(found)
    lower = text.lower()
    for prefix in _PREFIXES:
        if lower.startswith(prefix):
            return tuple(gazetteer.candidates(text[len(prefix):]))
    for suffix in _SUFFIXES:
        if lower.endswith(suffix) and len(text) > len(suffix):
            return tuple(gazetteer.candidates(text[:-len(suffix)]))
    for short in _COUNTY_ABBREVIATIONS:  # "PLYMOUTH CO." is Plymouth County
        if lower.endswith(short) and len(text) > len(short):
            return tuple(c for c in gazetteer.candidates(f"{text[:-len(short)]} County") if c.feature == "admin2")
    return ()


def _from_dateline(doc: Doc, gazetteer: Gazetteer, dateline: tuple[int, int] | None) -> Iterator[Mention]:
    """The dateline's place ("NAIROBI, Kenya (Reuters) -"): each comma-separated part the gazetteer knows, and
    a town it does not know before a region it knows."""
    if dateline is None:
        return
    start, end = dateline
    pos, text = start, doc_text(doc)
    found: list[Mention] = []
    for part in text[start:end].split(","):
        name = part.strip()
        offset = text.find(name, pos) if name else -1
        pos += len(part) + 1
        cands = tuple(c for c in lookup(gazetteer, name) if c.match != "demonym") if name else ()
        if offset >= 0 and name:
            found.append(Mention(offset, offset + len(name), name, "dateline", candidates=cands))
    if len(found) > 1 and not found[0].candidates and _is_region(found[1].candidates):
        yield found[0]  # "CAMP MURRAY, Wash.": a town the gazetteer lacks, placed in its region
    yield from (m for m in found if m.candidates)


def _from_inner_datelines(doc: Doc, gazetteer: Gazetteer) -> Iterator[Mention]:
    """The places of the datelines that open later stories on the page ("… statements. SAN DIEGO (AP) - …")."""
    text = doc_text(doc)
    for line in inner_datelines(text):
        start = text.find(line.place or "", line.start, line.end)
        if line.place and start >= 0:
            yield from _from_dateline(doc, gazetteer, (start, start + len(line.place)))


def _from_division_lists(doc: Doc, gazetteer: Gazetteer) -> Iterator[Mention]:
    """Each name of a list before a plural kind of division ("Harvey, Harper and Kingman counties"): the
    division of that name ("Harvey County"), a strong mention. One name is no list ("Indiana counties" are
    the counties of a state)."""
    for token in doc:
        kind = _DIVISION_PLURALS.get(token.lower_) if token.i else None
        names = _listed_names(doc, token.i) if kind is not None else []
        for name in names if len(names) > 1 else ():
            for start in range(name.start, name.end):  # "Small Hitchcock": the longest name it ends with
                inner = doc[start:name.end]
                cands = tuple(c for c in gazetteer.candidates(f"{inner.text} {kind}") if c.feature == "admin2")
                if cands:
                    yield Mention(inner.start_char, inner.end_char, inner.text, "list", None, cands)
                    break


def _listed_names(doc: Doc, end: int) -> list[Span]:
    """The capitalised names of a list ending before token ``end``: "X", "X and Y", "X, Y and Z"."""
    names: list[Span] = []
    i = end
    while True:
        stop = i
        while i > 0 and stop - i < MAX_WORDS - 2 and _capitalised(doc[i - 1]):
            i -= 1
        if i == stop:
            break
        names.append(doc[i:stop])
        if i > 1 and doc[i - 1].lower_ in ("and", "or") and doc[i - 2].text == ",":
            i -= 2  # "X, Y, and Z"
        elif i > 0 and (doc[i - 1].lower_ in ("and", "or") or doc[i - 1].text == ","):
            i -= 1
        else:
            break
    return names[::-1]


def _from_entities(doc: Doc, gazetteer: Gazetteer, demonyms: bool) -> Iterator[Mention]:
    surnames = _surnames(doc)
    for ent in doc.ents:
        span = _trimmed(ent, gazetteer)
        if span is None or _a_surname(span, ent.label_, surnames, gazetteer):
            continue
        people = _demonym(span, gazetteer) if demonyms and ent.label_ in ("NORP", "GPE", "PERSON") else ()
        parts = _hyphen_parts(span) if demonyms and ent.label_ == "NORP" else []
        found = [_demonym(part, gazetteer) for part in parts] if len(parts) > 1 else []
        if len(parts) == 1 and len(span) > 1 and not people:
            words = [span[k:k + 1] for k in range(len(span))]
            each = [_demonym(word, gazetteer) for word in words]
            if all(each):  # "a Bosnian Serb member": two peoples ("Central European" is no two)
                parts, found = words, each
        if any(found) and parts[-1][-1].tag_ not in ("NNPS", "NNS"):
            # "a Russian-American crew", "Israeli-Egyptian peace", "a Bosnian Serb member": each part its
            # country; not a people ("African-Americans")
            for part, known in zip(parts, found, strict=True):
                if known:
                    yield Mention(part.start_char, part.end_char, part.text, "demonym", ent.label_, known)
        elif people:  # "Kenyan", typed NORP (or GPE)
            yield Mention(span.start_char, span.end_char, span.text, "demonym", ent.label_, people)
        elif ent.label_ in PLACE_LABELS or ent.label_ == "FAC":
            yield from _place_entity(span, ent.label_, gazetteer)
        elif ent.label_ in HOST_LABELS:
            yield from _hosted(span, ent.label_, gazetteer)


def _loose_demonyms(doc: Doc, gazetteer: Gazetteer) -> Iterator[Mention]:
    """A demonym the model typed no people or place ("Danish wave energy developer", "a Salvadoran migrant",
    "8,000 Egyptian pounds"): one capitalised adjective or proper noun outside a name of a person, a place or
    a body; and a country or division written with a participle as one word ("the U.S.-led coalition")."""
    for token in doc:
        if token.pos_ not in ("ADJ", "PROPN", "NOUN") or not token.text[:1].isupper():
            continue
        head, dash, tail = token.text.partition("-")
        if dash and tail.isalpha() and tail.islower():  # "the U.S.-led coalition", one token
            cands = tuple(c for c in gazetteer.candidates(head) if regional(c) and c.match in ("name", "abbr"))
            if cands and _alone(token):
                yield Mention(token.idx, token.idx + len(head), head, "gazetteer", None, cands)
            continue
        if token.ent_type_ in _NAMED:
            continue
        known = token.lower_ in _demonym_words()
        people = _demonym(doc[token.i:token.i + 1], gazetteer) if known and _capitalised(token) else ()
        if people:
            yield Mention(token.idx, token.idx + len(token.text), token.text, "demonym", token.ent_type_ or None,
                          people)


def _alone(token: Token) -> bool:
    """Whether the token is in no entity or is a whole entity by itself (the model typed "U.S.-led" ORG)."""
    return not token.ent_type_ or (token.ent_iob_ == "B" and (token.i + 1 == len(token.doc)
                                                              or token.doc[token.i + 1].ent_iob_ != "I"))


@lru_cache(maxsize=1)
def _demonym_words() -> frozenset[str]:
    """Every one-word demonym of the tables, lower-cased: the words worth asking the gazetteer about."""
    forms = set(tables.demonyms()) | {form for form, _, match in abbreviations() if match == "demonym"}
    return frozenset(f.lower() for f in forms if " " not in f)


def _party_home(doc: Doc, gazetteer: Gazetteer) -> Iterator[Mention]:
    """A legislator's party and home after the name ("Sen. Bob Casey, D-Pa.", "Marty Seifert, R-Marshall"): the
    town or state after "R-", "D-" or "I-" is a place."""
    text = doc_text(doc)
    for m in _PARTY_HOME_RE.finditer(text):
        for name in dict.fromkeys((m["home"], m["home"].rstrip("."))):  # "D-Pa.", else "R-Marshall." at a stop
            cands = tuple(c for c in gazetteer.candidates(name) if c.match != "demonym")
            if cands:
                yield Mention(m.start("home"), m.start("home") + len(name), name, "gazetteer", None, cands)
                break


_PARTY_HOME_RE = re.compile(r"(?<![\w-])[RDI]-(?P<home>[A-Z][a-z]*\.?(?:[ \t][A-Z][a-z]+)?)"
                            r"(?=\s*[,;)]|\s+[–—-]|\s+[a-z])")


def _site(span: Span) -> bool:
    """A building's or a street's own name: two words or more, the last a word for a site ("Holy Redeemer
    Church", "Royal Street"), the first no generic word ("the House" is a chamber, "City Hall" no name)."""
    return len(span) > 1 and span[-1].lower_.rstrip(".") in _SITE_WORDS and span[0].lower_ not in GENERIC


_SITE_WORDS = (BUILDING_WORDS | STREET_WORDS | {"library", "university", "cathedral", "racecourse", "park"}) - {"way"}
_NAMED = frozenset({"PERSON", "GPE", "LOC", "ORG", "FAC", "NORP", "LANGUAGE"})  # read elsewhere, or a language


def _hyphen_parts(span: Span) -> list[Span]:
    """The parts of a name joined by hyphens, the joining read on past the entity's end ("Israeli-Egyptian"
    where the model typed only "Israeli")."""
    doc, end = span.doc, span.end
    while end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ and not doc[end].whitespace_:
        end += 2
    parts, start = [], span.start
    for k in range(span.start, end):
        if doc[k].text == "-" and not doc[k - 1].whitespace_ and not doc[k].whitespace_:
            parts.append(doc[start:k])
            start = k + 1
    parts.append(doc[start:end])
    return [p for p in parts if len(p)]


def _demonym(span: Span, gazetteer: Gazetteer) -> tuple[Candidate, ...]:
    """The places ``span`` is a demonym of, unless it is also a place's own name ("Mexico" is no adjective)."""
    cands = gazetteer.candidates(span.text)
    if any(c.match in ("name", "abbr") and regional(c) for c in cands):
        return ()
    return tuple(c for c in cands if c.match == "demonym")


def _place_entity(span: Span, label: str, gazetteer: Gazetteer) -> Iterator[Mention]:
    weak = label == "FAC"
    dotted = label == "GPE" and span.text.endswith(".") and len(span.text) > 2  # "Mass.", "Ga.": typed a place
    cands = tuple(c for c in lookup(gazetteer, span.text) if c.match != "demonym" and (dotted or c.match != "qual"))
    if cands and not _personal(span):  # a whole FAC name a place word cues is a town: "a residence in Grand Ledge"
        yield Mention(span.start_char, span.end_char, span.text, "model", label, cands, weak=weak and not _cued(span))
        return
    inner = list(_embedded(span, label, gazetteer, weak=weak))
    if inner:
        yield from inner
    else:  # unknown to the gazetteer: a street, a building, a village GeoNames lacks
        yield Mention(span.start_char, span.end_char, span.text, "model", label)


def _hosted(span: Span, label: str, gazetteer: Gazetteer) -> Iterator[Mention]:
    """A place the model typed otherwise: the whole name, else a place inside an organisation's name."""
    cands = () if _personal(span) else _known(span, gazetteer)
    cued = _cued(span) or (label == "PERSON" and _listed_with_places(span))
    if cands and (label != "PERSON" or len(span) == 1 or _notable(cands[0]) or cued):
        yield Mention(span.start_char, span.end_char, span.text, "model", label, cands, weak=not cued)
    elif label == "PERSON":  # "Rapides Parish Fire District", "Crestwood Mayor Roy Robinson" typed a person
        yield from (m for m in _embedded(span, label, gazetteer, weak=False)
                    if m.text.split()[-1] in _ADMIN_NAMES or _before_own_body(span, m.end))
    elif label not in ("NORP", "LANGUAGE"):
        inner = list(_embedded(span, label, gazetteer, weak=True))
        if inner or label != "ORG" or not _site(span):
            yield from inner
        else:  # "Holy Redeemer Church", "Royal Street" typed ORG: a building or street the gazetteer lacks
            yield Mention(span.start_char, span.end_char, span.text, "model", "FAC")


def _before_own_body(span: Span, end: int) -> bool:
    """The word of ``span`` after the name ending at character ``end`` is one of a town's own bodies or officers."""
    token = next((t for t in span if t.idx >= end), None)
    return token is not None and token.lower_ in LOCAL_BODIES


_JOINS = frozenset({",", "and", "or", "&"})
_PLACE_NOUNS_ANY = PLACE_NOUNS | {n + "s" for n in PLACE_NOUNS} | {"villages", "cities"}


def _listed_with_places(span: Span) -> bool:
    """An item of a list whose neighbour the model typed a place ("Louisville, New Haven and [Sioux Falls]")."""
    doc, i, j = span.doc, span.start, span.end
    before = i >= 2 and doc[i - 1].lower_ in _JOINS and doc[i - 2].ent_type_ in PLACE_LABELS
    after = j + 1 < len(doc) and doc[j].lower_ in _JOINS and doc[j + 1].ent_type_ in PLACE_LABELS
    return before or after


def _prominent(c: Candidate) -> bool:
    """A place big enough to stand for a building or street named after it."""
    return c.feature in REGIONAL or c.feature == "admin2" or c.population >= PROMINENT


def _known(span: Span, gazetteer: Gazetteer) -> tuple[Candidate, ...]:
    """Candidates matched by their own name or a project name, no acronyms; after a place word ("in X",
    "the town of X") also those matched by a GeoNames alternate name, else only large ones."""
    acronym = span.text.replace(".", "").isupper()
    if len(span) == 1 and _plain_word(span[0]):
        return tuple(c for c in gazetteer.candidates(span.text) if c.match == "abbr")
    cued = _cued(span)
    return tuple(c for c in gazetteer.candidates(span.text)
                 if c.match == "abbr" or (c.match == "name" and not acronym)
                 or (c.match == "alt" and (cued or c.population >= WELL_KNOWN)))


def _plain_word(token: Token) -> bool:
    """A word that is rarely a place's name on its own: short, a stop word, a kind of place, a month."""
    return len(token.text.rstrip(".")) < 3 or token.is_stop or token.lower_.rstrip(".") in GENERIC


def _personal(span: Span) -> bool:
    """A one-word name after a title: a person's ("Mr. Lincoln", "Gov. Perry")."""
    j = span.start - 1
    return len(span) == 1 and j >= 0 and span.doc[j].lower_.rstrip(".") in HONORIFICS


def _embedded(span: Span, label: str | None, gazetteer: Gazetteer, *, weak: bool) -> Iterator[Mention]:
    """The longest known names inside ``span``, left to right, not overlapping."""
    i = span.start
    street = span[-1].lower_.rstrip(".") in STREET_WORDS
    while i < span.end:
        for stop in range(min(span.end, i + MAX_WORDS), i, -1):
            inner = span.doc[i:stop]
            after = span.doc[stop].lower_.rstrip(".") if stop < span.end else ""
            if after in STREET_WORDS or after in NEIGHBOURHOOD_WORDS or (street and _named_on(span, stop)):
                continue  # "Darby Street", "Green Oaks Boulevard", "Hampton Hills": a street's or an estate's name
            if _day_of(span.doc, stop, span.end):  # "St. Patrick's Day": a feast, not a place
                continue
            if len(inner) > 1 and label == "ORG" and inner[-1].lower_ in BUILDING_WORDS:
                continue  # "University of [Michigan] Center for …": the body's building, not Michigan Center
            cands = _known(inner, gazetteer) if _embeddable(inner) and not _common_word(inner) else ()
            people = _demonym(inner, gazetteer) if label == "ORG" and _capitalised_words(inner) else ()
            if people and not any(_notable(c) for c in cands):
                cands = ()  # "The Canadian Press": a people's, not Canadian, Texas
            elif cands:
                people = ()
            if cands or people:  # a place's name, or a demonym in a body's name ("the Georgian Interior Ministry")
                site = _owned_site(span, stop) if cands else None  # "Middletown's New Road": the town's street
                own_body = bool(cands) and (after in LOCAL_BODIES or site is not None)  # "Grand Ledge Police"
                yield Mention(inner.start_char, inner.end_char, inner.text, "embedded" if cands else "demonym",
                              label, cands or people, (weak and not own_body) or after in BUILDING_WORDS,
                              team=bool(cands) and label == "ORG" and _team(span.doc[stop:span.end]))
                if site is not None:
                    yield Mention(site.start_char, site.end_char, site.text, "model", "FAC")
                    stop = span.end
                i = stop
                break
        else:
            i += 1


def _owned_site(span: Span, stop: int) -> Span | None:
    """The street or building a town's possessive names, to the end of the span ("Harare's [Third Street]",
    "Derry's [Altnagelvin Hospital]")."""
    doc = span.doc
    if stop + 1 >= span.end or doc[stop].text not in _POSSESSIVE:
        return None
    site = doc[stop + 1:span.end]
    last = site[-1].lower_.rstrip(".")
    return site if (last in STREET_WORDS or last in BUILDING_WORDS) and _capitalised_words(site) else None


def _named_on(span: Span, stop: int) -> bool:
    """The name goes on in capitalised words from ``stop`` to the span's last word ("Green [Oaks] Boulevard"),
    not through a possessive ("Middletown's New Road" is in Middletown)."""
    return stop < span.end and all(_capitalised(t) for t in span.doc[stop:span.end - 1])


# Plurals that end the names of papers, firms and public bodies, not teams.
_NOT_TEAMS = frozenset("""times news affairs services studios industries holdings airlines lines systems
    partners communications enterprises associates solutions technologies networks foods stores motors homes
    resources products laboratories labs games awards hospitals clinics colleges universities""".split())


def _team(rest: Span) -> bool:
    """The words after a town's name in an organisation's name are a team's: capitalised, the last a plural
    ("Trail Blazers", "Red Sox", "Rockets")."""
    if not len(rest) or not all(_capitalised(t) for t in rest):
        return False
    if any(t.lower_ in LOCAL_BODIES or t.lower_ in _NOT_TEAMS for t in rest):
        return False  # "Alexandria City Public Schools", "the Suffolk Times", "Delta Air Lines"
    last = rest[-1]
    return last.tag_ in ("NNPS", "NNS") or (last.lower_.endswith(("s", "x")) and not last.lower_.endswith("ss"))


def _common_word(span: Span) -> bool:
    """One word of a name that the article also writes in lower case ("the Food and Drug Administration" in a
    story about a drug): a common noun capitalised as part of the name."""
    return len(span) == 1 and span.text.istitle() and span.text.lower() in _lower_words(span.doc)


def _saint(mention: Mention) -> bool:
    return name_key(mention.text).startswith(("saint ", "sainte "))


def _dedicated(doc: Doc, mention: Mention) -> bool:
    """A saint's name after "the church of", "the Feast of" …: the saint, not a town named after the saint."""
    return _saint(mention) and bool(_DEDICATED.search(doc_text(doc), max(0, mention.start - 40), mention.start))


def _saint_institution(doc: Doc, mention: Mention) -> Mention:
    """A saint's name that begins a church's, a hospital's or a school's ("St. Michael's Hospital", "St.
    Mark's Coptic Orthodox Cathedral") as that building, a place the gazetteer does not know — not the town
    named after the saint ("St. Paul, Minn.", "St. John's, Newfoundland")."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand") if _saint(mention) else None
    if span is None:
        return mention
    end = span.end
    paired = _PAIRED_SAINT.match(doc_text(doc), mention.end)  # "Saint Peter and Saint Paul Coptic Church"
    if paired:
        through = doc.char_span(0, paired.end(), alignment_mode="expand")
        end = through.end if through is not None else len(doc)
    elif span[-1].text not in _POSSESSIVE:
        if end >= len(doc) or doc[end].text not in _POSSESSIVE:
            return mention
        end += 1
    for token in doc[end:end + 4]:  # "St. Mark's Coptic Orthodox Cathedral"
        if not _capitalised(token):
            return mention
        if token.lower_ in BUILDING_WORDS or token.lower_ in _DEDICATED_BUILDINGS:
            stop = token.idx + len(token.text)
            return Mention(mention.start, stop, doc_text(doc)[mention.start:stop], "model", "FAC")
    return mention


_POSSESSIVE = ("'s", "’s")
_PAIRED_SAINT = re.compile(r"\s+(?:and|&)\s+(?:St\.?|Saint)\s+[^\W\d_]+(?:['’]s)?")
_DEDICATED_BUILDINGS = frozenset({"cathedral", "basilica", "abbey", "university"})  # besides BUILDING_WORDS
# "the church of", "the Feast of", "the basilica of" right before a saint's name: the saint, not a place.
_DEDICATED = re.compile(r"\b(?:church|cathedral|basilica|chapel|abbey|shrine|tomb|feast|parish|order|gospel|"
                        r"monastery|convent)\s+of\s+(?:the\s+)?(?:(?:St\.?|Saint)\s+\w+\s+and\s+)?$",
                        re.IGNORECASE)


def _day_of(doc: Doc, stop: int, end: int) -> bool:
    """The name is followed, in its entity, by "Day" (after a possessive or not): a day named after it."""
    if stop < end and doc[stop].text in _POSSESSIVE:
        stop += 1
    return stop < end and doc[stop].lower_ == "day"


def _capitalised_words(span: Span) -> bool:
    """One to three capitalised words ("Georgian", "North American")."""
    return len(span) <= 3 and all(_capitalised(t) for t in span)


def _embeddable(span: Span) -> bool:
    """Capitalised at both ends and more than generic words ("Street", "West", "College")."""
    return _capitalised(span[0]) and _capitalised(span[-1]) and any(t.lower_ not in GENERIC for t in span)


def _trimmed(ent: Span, gazetteer: Gazetteer) -> Span | None:
    """The entity without a leading "the" and a trailing possessive or comma, unless a name of two or more
    words is known with its possessive ("St. John's")."""
    start, end = ent.start, ent.end
    if ent.doc[start].lower_ == "the":
        start += 1
    whole = ent.doc[start:end]
    if len(whole) > 2 and whole[-1].text in _POSSESSIVE and gazetteer.candidates(whole.text):
        return whole
    while end > start and ent.doc[end - 1].text in (*_POSSESSIVE, "'", "’", ","):
        end -= 1
    if end == ent.end and ent.label_ in PLACE_LABELS:
        start, end = _longer_name(ent.doc, start, end, gazetteer)
    return ent.doc[start:end] if end > start else None


def _longer_name(doc: Doc, start: int, end: int, gazetteer: Gazetteer) -> tuple[int, int]:
    """Where a place's name starts and ends that the model cut short: the capitalised words after it ("[U.S.]
    Virgin Islands", "[Fort St.] John") or before it in no entity ("Little [Portugal]") that make with it a longer
    name the gazetteer knows by its own name."""
    def known(lo: int, hi: int) -> bool:
        return any(c.match in ("name", "abbr") for c in gazetteer.candidates(doc[lo:hi].text))

    for stop in range(min(len(doc), end + 3), end, -1):
        if all(_capitalised(t) for t in doc[end:stop]) and known(start, stop):
            return start, stop
    for first in range(max(0, start - 2), start):
        if all(_capitalised(t) and not t.ent_type_ for t in doc[first:start]) and known(first, end):
            return first, end
    return start, end


def _surnames(doc: Doc) -> frozenset[str]:
    """Last words of the Doc's multi-word PERSON names ("Jason Terrell Jones" → Jones), also where the model
    left the first name out of the entity ("Conor [McGregor]")."""
    people = (ent for ent in doc.ents if ent.label_ == "PERSON")
    return frozenset(ent[-1].text for ent in people if len(ent) > 1 or _first_name_before(ent))


def _first_name_before(ent: Span) -> bool:
    """A capitalised proper noun in no entity right before the one-word name (a first name the model missed)."""
    if ent.start == 0:
        return False
    before = ent.doc[ent.start - 1]
    return before.ent_iob_ == "O" and before.pos_ == "PROPN" and before.is_title and not before.is_sent_start


def _a_surname(span: Span, label: str, surnames: frozenset[str], gazetteer: Gazetteer) -> bool:
    """A one-word name that is the surname of a person the article names in full ("Jones" after "Jason
    Terrell Jones", even where the model typed it GPE), unless the model typed it a place and it names a
    country, division or large city ("Washington" beside "George Washington")."""
    if len(span) != 1 or span.text not in surnames:
        return False
    if label not in PLACE_LABELS:
        return True
    return not any(_notable(c) for c in gazetteer.candidates(span.text))


def _person_words(doc: Doc) -> frozenset[str]:
    """Words of the Doc's multi-word PERSON names ("Michael Jordan" → Michael, Jordan)."""
    return frozenset(t.text for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1 for t in ent)


def _from_text(doc: Doc, gazetteer: Gazetteer, people: frozenset[str]) -> Iterator[Mention]:
    """Capitalised names outside any entity that the gazetteer knows: strong after a place word."""
    i = 0
    while i < len(doc):
        found = _longest_name(doc, i, gazetteer, people)
        if found is None:
            named = _named_after_place_noun(doc, i)
            if named is None:
                i += 1
                continue
            while named is not None:  # "the villages of Maliuc and Caraorman": places the gazetteer lacks
                yield Mention(named.start_char, named.end_char, named.text, "gazetteer", "GPE")
                i = named.end
                named = _next_in_list(doc, i)
            continue
        span, cands = found
        yield Mention(span.start_char, span.end_char, span.text, "gazetteer", None, cands, weak=not _cued(span))
        i = span.end


def _longest_name(doc: Doc, i: int, gazetteer: Gazetteer,
                  people: frozenset[str]) -> tuple[Span, tuple[Candidate, ...]] | None:
    end = i
    while end < len(doc) and end - i < MAX_WORDS and _capitalised(doc[end]) and _untyped(doc[end]):
        end += 1
    if end == i + 1 and doc[i].is_sent_start and doc[i].lower_ in _lower_words(doc):
        return None  # a sentence's first word, capitalised for that alone: "Man booked", the article's "a man"
    if i > 0 and _name_goes_back(doc, i):
        return None  # "a Meadow Grove man": the end of a longer name the gazetteer lacks, not Grove
    for stop in range(end, i, -1):
        span = doc[i:stop]
        if len(span) == 1 and (span.text in people or _personal(span)):
            continue
        if stop < len(doc) and doc[stop].lower_.rstrip(".") in STREET_WORDS:
            continue  # "Darby Street"
        cands = _known(span, gazetteer)
        if cands and (_title_of(span, cands) or _other_name_only(span, cands)):
            continue
        if cands:
            return span, cands
    return None


_NUMERIC = frozenset({"CARDINAL", "ORDINAL", "PERCENT", "QUANTITY", "MONEY"})


def _untyped(token: Token) -> bool:
    """In no entity, or a word the model read into a number ("706 [Orange County] residents" typed PERCENT)."""
    return not token.ent_type_ or (token.ent_type_ in _NUMERIC and token.is_alpha)


def _name_goes_back(doc: Doc, i: int) -> bool:
    """The capitalised word before ``i`` starts a name with it: a word inside a sentence (not its first, not in a
    title-case line), in no entity or typed a people we do not know, not a word for a kind of place or a
    direction ("Western Pennsylvania"), a title, an initialism or a demonym."""
    prev = doc[i - 1]
    if not _capitalised(prev) or prev.is_sent_start or prev.whitespace_ == "" or not prev.text[1:].islower():
        return False  # also "FrontCounter BC", "AT&T", "U.S."
    if prev.i > 0 and (doc[prev.i - 1].is_punct or doc[prev.i - 1].whitespace_ == ""):
        return False  # the first word after a quotation mark, a colon or a dash ("Overall Edmonton …"), "sub-Saharan"
    if prev.ent_type_ and prev.ent_type_ != "NORP":
        return False
    word = prev.lower_.rstrip(".")
    if word in GENERIC or word in HONORIFICS or word in _demonym_words():
        return False
    return not _title_case(prev.sent if doc.has_annotation("SENT_START") else doc[:])


def _title_case(sent: Span) -> bool:
    """Most words of the sentence are capitalised: a headline or title (worked out once per sentence)."""
    known: dict[int, bool] = per_doc(sent.doc, "dateline.title_case", dict)
    if sent.start not in known:
        words = [t for t in sent if t.is_alpha and not t.is_stop]
        known[sent.start] = len(words) > 0 and sum(t.text[:1].isupper() for t in words) >= 0.6 * len(words)
    return known[sent.start]


def _named_after_place_noun(doc: Doc, i: int) -> Span | None:
    """Capitalised words in no entity after "the town of", "the villages of" … (or later in that list): a
    place's name."""
    k, stop = i - 1, max(0, i - 4 * MAX_WORDS)
    if k >= 0 and doc[k].lower_ in _JOINS:  # "the villages of Maliuc and [Caraorman]"
        while k > stop and (doc[k].lower_ in _JOINS or _capitalised(doc[k])):
            k -= 1
    if k < 1 or doc[k].lower_ != "of" or doc[k - 1].lower_ not in _PLACE_NOUNS_ANY:
        return None
    return _bare_name(doc, i)


def _next_in_list(doc: Doc, i: int) -> Span | None:
    """The next item of a list of capitalised names in no entity from ``i`` (", Caraorman", " and Maliuc")."""
    j = i
    while j < len(doc) and doc[j].lower_ in _JOINS:
        j += 1
    return _bare_name(doc, j) if j > i else None


def _bare_name(doc: Doc, i: int) -> Span | None:
    """The capitalised words in no entity from ``i``, unless one is a word for a kind of place or a direction."""
    end = i
    while end < len(doc) and end - i < MAX_WORDS and _capitalised(doc[end]) and not doc[end].ent_type_:
        end += 1
    return doc[i:end] if end > i and not any(t.lower_ in GENERIC for t in doc[i:end]) else None


def _notable(c: Candidate) -> bool:
    """A country, division or large city: a place even where a person's name could stand."""
    return regional(c) or c.population >= WELL_KNOWN


def _other_name_only(span: Span, cands: tuple[Candidate, ...]) -> bool:
    """One word the gazetteer knows only as another place's other name, outside any entity and after no place
    word: a word of the text ("the Unite union"), not a place's usual name the model missed ("in Qaraqosh")."""
    return len(span) == 1 and all(c.match == "alt" for c in cands) and not _cued(span)


def _title_of(span: Span, cands: tuple[Candidate, ...]) -> bool:
    """One word right before a person's name, and no country, division or large city: the person's title or
    first name ("Pope Tawadros", "Whip James Clyburn"), not a town."""
    doc, stop = span.doc, span.end
    if len(span) != 1 or stop >= len(doc) or doc[stop].ent_iob_ != "B" or doc[stop].ent_type_ != "PERSON":
        return False
    return not any(_notable(c) for c in cands)


def _lower_words(doc: Doc) -> frozenset[str]:
    """The words the Doc writes in lower case (read once per Doc)."""
    return per_doc(doc, "dateline.lower_words", lambda: frozenset(t.text for t in doc if t.text.islower()))


def _capitalised(token: Token) -> bool:
    """A capitalised word or dotted abbreviation ("Smithville", "Calif.", "U.S."), not a sentence's first stop
    word."""
    return token.text[:1].isupper() and (token.is_alpha or token.text.replace(".", "").isalpha()) and not (
        token.is_stop and token.is_sent_start)


def _cued(span: Span) -> bool:
    """A place word or a street address before it ("in X", "near the X", "the town of X", "12 Main St., X"), a
    resident noun after it ("an X woman", "X police") or a word for an area ("the X area", "the X district")."""
    doc, j = span.doc, span.start - 1
    if span.end < len(doc) and doc[span.end].pos_ == "NOUN" and (doc[span.end].lower_ in RESIDENT_NOUNS
                                                                 or doc[span.end].lower_ in AREA_NOUNS):
        return True  # "an X woman", "the X area"
    if j >= 1 and doc[j].lower_ == "of" and doc[j - 1].lower_ in PLACE_NOUNS:
        return True
    if _after_address(doc, j):
        return True
    if j >= 0 and doc[j].lower_ == "the":
        j -= 1
    return j >= 0 and doc[j].lower_ in PLACE_PREPS


def _after_address(doc: Doc, comma: int) -> bool:
    """The town of a street address: "of 2517 Memphis St., X" (a number, a name, a street word, a comma)."""
    if comma < 2 or doc[comma].text != "," or doc[comma - 1].lower_.rstrip(".") not in STREET_WORDS:
        return False
    return any(t.like_num for t in doc[max(0, comma - 6):comma - 2])


def given_qualifiers(doc: Doc, mentions: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """Given mentions in text order, "Town, Region" linked among them as in :func:`find_mentions` (a region
    that is not one of them qualifies nothing: given spans are all the places there are)."""
    ordered = sorted(mentions, key=lambda m: (m.start, m.end))
    linked = _with_qualifiers(doc, ordered, gazetteer)[:len(ordered)]
    return [m if m.qualifier is None or m.qualifier < len(ordered) else replace(m, qualifier=None) for m in linked]


_COMMA_BEFORE = re.compile(r",\s*$")
_SERIES_GAP = re.compile(r"\s*,\s*(?:(?:and|or)\s+)?(?:the\s+)?|\s+(?:and|or|&)\s+(?:the\s+)?")
_SERIES_AND = re.compile(r"\b(?:and|or)\b|&")
_LIST_AFTER = re.compile(r"\.?\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)(?:the\s+)?[^\W\d_a-z]")


def _with_qualifiers(doc: Doc, mentions: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """Link "Town, Region": the region after a comma qualifies the town before it."""
    out = list(mentions)
    text = doc_text(doc)
    for idx, mention in enumerate(list(out)):
        pos = _after_comma(text, mention.end)
        if pos is None or (mention.candidates and not any(c.feature in ("city", "admin2") for c in mention.candidates)):
            continue
        if any(other.start == pos and not _is_region(other.candidates) for other in out):
            continue  # "Montreal, Quebec City": a list of towns, not a town and its region
        j = next((j for j, other in enumerate(out) if other.start == pos and _is_region(other.candidates)), None)
        if _is_region(mention.candidates) and _in_list(text, mention.start, out[j].end if j is not None else pos):
            continue  # "Mexico, China, Japan", "Alabama, Arizona, Arkansas": a list of regions
        if j is None:
            qual = _qualifier_token(text, pos, gazetteer)
            if qual is None:
                continue
            out.append(qual)
            j = len(out) - 1
        out[idx] = replace(mention, qualifier=j)
        out[j] = replace(out[j], weak=False)
    return out


def _in_list(text: str, start: int, end: int) -> bool:
    """Whether the names from ``start`` to ``end`` ("Georgia, Oklahoma") are items of a longer list: a comma
    before them, or a comma or "and" after them that goes on with a capitalised name."""
    return bool(_COMMA_BEFORE.search(text, max(0, start - 3), start) or _LIST_AFTER.match(text, end))


def _after_comma(text: str, pos: int) -> int | None:
    while pos < len(text) and text[pos] == " ":
        pos += 1
    if not text.startswith(",", pos):
        return None
    pos += 1
    while pos < len(text) and text[pos] == " ":
        pos += 1
    return pos


def _qualifier_token(whole: str, pos: int, gazetteer: Gazetteer) -> Mention | None:
    end = pos
    while end < len(whole) and (whole[end].isalnum() or whole[end] in ".'"):
        end += 1
    text = whole[pos:end]
    if not text[:1].isupper():
        return None
    for cut in (text, text.rstrip(".")):
        cands = tuple(c for c in gazetteer.candidates(cut) if c.feature in ("admin1", "country"))
        if cands:
            return Mention(pos, pos + len(cut), cut, "qualifier", None, cands)
    return None


def _is_region(cands: Iterable[Candidate]) -> bool:
    return any(c.feature in ("admin1", "country") for c in cands)
