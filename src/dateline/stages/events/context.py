"""Where and when an event happened: the place and the temporal expression attached to its trigger.

Location: a place named in the event's own phrase ("a Geneva meeting", "the blockade ... in Gaza"), a locative
phrase of the clause it belongs to, a recipient that is a place, the nearest place named in the sentence (a
demonym such as "Kenyan" names an actor, not a place), and last the article's dateline. Date: the resolved
temporal expression attached to the trigger or its clause in the parse ("on Tuesday").
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from ... import tables
from ...records import DateRef, Location, Place

_LOCATIVE = frozenset({"in", "at", "near", "inside", "outside", "around", "across", "throughout", "within",
                       "into", "outskirts", "on"})
_LOCAL_FEATURES = frozenset({"city", "admin1", "admin2", "region"})
_MAX_DEPTH = 4
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "agent"})


class Places:
    """The article's places, looked up by character offset."""

    def __init__(self, places: Sequence[Place] | None) -> None:
        self.places = sorted(places or (), key=lambda p: p.start)
        self._starts = [p.start for p in self.places]

    def at(self, token: Token) -> Place | None:
        i = bisect.bisect_right(self._starts, token.idx)
        for place in self.places[max(0, i - 4):i]:
            if place.start <= token.idx < place.end:
                return place
        return None

    def spans(self) -> tuple[tuple[int, int], ...]:
        return tuple((p.start, p.end) for p in self.places)

    def in_range(self, start: int, end: int) -> list[Place]:
        return [p for p in self.places if start <= p.start and p.end <= end]


def location(head: Token, clause: Token | None, recipients: Sequence[Token], places: Places, *,
             exclude: Sequence[tuple[int, int]] = (), dateline: str | None = None) -> Location | None:
    """The event's location, from the most to the least specific evidence."""
    found = (_local_modifier(head, places) or _locative(head, places) or _in_subtree(head, places)
             or (_locative(clause, places) if clause is not None and clause is not head else None)
             or next((p for t in recipients if (p := places.at(t)) and _named_place(p)), None)
             or _nearest(head, places, exclude))
    if found is not None:
        return as_location(found)
    return _dateline(dateline, places)


def as_location(place: Place) -> Location:
    return Location(place.name or place.mention, place.geonameid, place.lat, place.lon)


def _named_place(place: Place) -> bool:
    """A place named as such, not a demonym ("Kenyan") standing for its country."""
    return not tables.is_demonym(place.mention) and not place.mention[:1].islower()


def _local_modifier(head: Token, places: Places) -> Place | None:
    """A town or region named before an event noun: "a Geneva meeting", "the Kabul offensive"."""
    for child in head.children:
        if child.dep_ in ("compound", "nmod", "amod", "npadvmod"):
            place = places.at(child)
            if place is not None and _named_place(place) and place.feature in _LOCAL_FEATURES:
                return place
    return None


def target_place(head: Token, clause: Token | None, places: Places, *, actors: Sequence[Token] = ()) -> Place | None:
    """Where an event that names no recipient happens, as what it is aimed at ("lifted the curfew in Sudan",
    "troops arrived in Bosnia", "shelled positions near Kabul"): a locative phrase of the trigger, of what it
    governs or of its clause, never one inside the subject or an actor's own phrase ("rebels in Chad")."""
    exclude = [(t.left_edge.idx, t.right_edge.idx + len(t.right_edge)) for t in actors]
    found = _locative(head, places, exclude) or _in_subtree(head, places, exclude, skip=_SUBJECT_DEPS)
    if found is None and clause is not None and clause is not head:
        found = _locative(clause, places, exclude)
    return found


def _locative(token: Token, places: Places, exclude: Sequence[tuple[int, int]] = ()) -> Place | None:
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ in _LOCATIVE:
            for obj in prep.children:
                place = _place_in_phrase(obj, places)
                if place is not None and not any(a <= place.start < b for a, b in exclude):
                    return place
    return None


def _place_in_phrase(obj: Token, places: Places) -> Place | None:
    """The place an object phrase names: itself, a modifier, or an "of" phrase ("the town of Goma")."""
    for t in (obj, *obj.children, *(g for c in obj.children if c.lower_ == "of" for g in c.children)):
        place = places.at(t)
        if place is not None and _named_place(place):
            return place
    return None


def _in_subtree(head: Token, places: Places, exclude: Sequence[tuple[int, int]] = (), *,
                skip: frozenset[str] = frozenset()) -> Place | None:
    """A locative phrase anywhere under the trigger, nearest first ("a blockade against rebels in Gaza")."""
    frontier, depth = [c for c in head.children if c.dep_ not in skip], 0
    while frontier and depth < _MAX_DEPTH:
        for token in frontier:
            found = _locative(token, places, exclude)
            if found is not None:
                return found
        frontier, depth = [c for t in frontier for c in t.children if c.pos_ != "VERB"], depth + 1
    return None


def _nearest(head: Token, places: Places, exclude: Sequence[tuple[int, int]]) -> Place | None:
    sent = head.sent
    candidates = [p for p in places.in_range(sent.start_char, sent.end_char)
                  if _named_place(p) and not any(a <= p.start < b for a, b in exclude)]
    return min(candidates, key=lambda p: abs(p.start - head.idx)) if candidates else None


def _dateline(name: str | None, places: Places) -> Location | None:
    if not name:
        return None
    same = [p for p in places.places if p.mention.casefold() == name.casefold()]
    return as_location(same[0]) if same else Location(name=name)


# --- dates --------------------------------------------------------------------------------------------------


def attached_date(head: Token, clause: Token | None, dates: Sequence[DateRef]) -> DateRef | None:
    """The resolved date attached to the trigger or its clause verb in the parse, nearest first; a participle
    clause with no subject of its own shares the date of the verb it hangs from ("fired tear gas on Tuesday,
    breaking up a march")."""
    doc = head.doc
    sent = head.sent
    anchors = {head.i} | ({clause.i} if clause is not None else set())
    if clause is not None and clause.dep_ == "advcl" and \
            not any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in clause.children):
        anchors.add(clause.head.i)
    hits = []
    for ref in dates:
        if ref.value is None or not sent.start_char <= ref.start < sent.end_char:
            continue
        span = _span(doc, ref)
        if span is not None and _climbs_to(span.root, anchors):
            hits.append(ref)
    return min(hits, key=lambda r: abs(r.start - head.idx)) if hits else None


def _span(doc: Doc, ref: DateRef) -> Span | None:
    return doc.char_span(ref.start, ref.end, alignment_mode="expand")


def _climbs_to(token: Token, anchors: set[int]) -> bool:
    """Whether the date's phrase hangs from an anchor, passing through no other verb."""
    for _ in range(_MAX_DEPTH + 2):
        if token.i in anchors:
            return True
        if token.head.i == token.i or (token.pos_ in ("VERB", "AUX") and token.i not in anchors):
            return False
        token = token.head
    return False


def period_end(value: str) -> dt.date | None:
    """The last day of an ISO date, month, year or interval value ("2016", "2016-10", "2016-10-17/2016-10-23")."""
    last = value.split("/")[-1]
    parts = last.split("-")
    try:
        if len(parts) == 1:
            return dt.date(int(parts[0]), 12, 31)
        if len(parts) == 2:
            year, month = int(parts[0]), int(parts[1])
            following = dt.date(year + month // 12, month % 12 + 1, 1)
            return following - dt.timedelta(days=1)
        return dt.date.fromisoformat(last[:10])
    except ValueError:
        return None


def period_start(value: str) -> dt.date | None:
    first = value.split("/")[0]
    parts = first.split("-")
    try:
        if len(parts) == 1:
            return dt.date(int(parts[0]), 1, 1)
        if len(parts) == 2:
            return dt.date(int(parts[0]), int(parts[1]), 1)
        return dt.date.fromisoformat(first[:10])
    except ValueError:
        return None
