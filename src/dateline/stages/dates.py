"""Dates: every temporal expression in the article as a :class:`~dateline.records.DateRef`.

Mentions are the model's DATE and TIME entities plus the forms it misses, found by patterns over the text
(weekdays, "last week", "earlier this month", "three days ago", "in two weeks", ISO and month-day dates,
"in March"). Touching mentions are joined ("Tuesday" + "night"; "3" + "to" + "5 May" when the whole is a
range). Each is resolved by :mod:`.dates_resolve` against ``doc._.article.published`` in the direction the
tense of its governing verb points, found through the parse: "said", "has fallen" → past; "will meet", "is
due to meet", "plans to meet", "is meeting", "is planned for" → future; other present tenses → present.
"The third week of the strike" is anchored when the text says when the strike began, else left unresolved.

Ages ("55-year-old"), pure durations ("three days", "for years") and frequencies ("annual") are not points in
time and give no record; vague references ("the past", "recent years", "the next day") give a record whose
value is None. Mentions exclude a leading "on"/"in" ("Tuesday", "March") except where it makes the meaning
("in two weeks").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from datetime import date, timedelta
from itertools import accumulate

from spacy.tokens import Doc, Span, Token

from ..extensions import doc_text
from ..records import DateRef
from ..settings import Settings
from .dates_resolve import Resolution, Tense, is_range, not_a_point, ordinal_period, resolve
from .mentions import ENTITY_LABELS

NEEDS: tuple[str, ...] = ("sentences", "deps", "ner", "article")
GIVES: tuple[str, ...] = ("dates",)

TEMPORAL_LABELS = frozenset({"DATE", "TIME"})
FUTURE_AUX = frozenset({"will", "shall", "'ll", "’ll", "wo"})
MODAL_AUX = frozenset({"would", "'d", "’d", "may", "might", "should", "must", "can", "ca", "could"})
# Words that, governing a to-infinitive in the present, put it in the future: "is due to meet", "plans to".
INTENT_LEMMAS = frozenset(
    "plan expect due set schedule intend aim go slate poise hope want seek prepare vow pledge promise threaten "
    "likely about ready agree try need propose".split())
START_LEMMAS = frozenset("begin start launch open commence kick".split())

_WD = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_MONTH = "January|February|March|April|May|June|July|August|September|October|November|December"
_MON = rf"(?:{_MONTH}|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
_NUM = r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty)"
_PART = r"(?:morning|afternoon|evening|night)"
# (pattern, group holding the mention): forms the model often leaves untagged.
_SCAN: tuple[tuple[re.Pattern[str], int], ...] = tuple((re.compile(p), g) for p, g in (
    (rf"\b(?:(?i:last|this|next|early|late) )?(?:{_WD})(?: (?i:{_PART}))?\b", 0),
    (r"(?i:\b(?:(?:earlier|later|early|late) )?(?:last|this|next|coming|past) (?:week|weekend|month|year)\b)", 0),
    (rf"(?i:\b(?:yesterday|today|tomorrow|tonight|last night|this {_PART})\b)", 0),
    (rf"(?i:\b{_NUM} (?:day|week|fortnight|month|year|decade)s? ago\b)", 0),
    (rf"(?i:\bin {_NUM} (?:day|week|month|year)s?\b(?! (?:of|since|after|before|to)\b))", 0),
    (r"\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}[/.]\d{1,2}[/.]\d{4}\b", 0),
    (rf"\b{_MON} \d{{1,2}}(?:st|nd|rd|th)?\b(?:,? \d{{4}}\b)?", 0),
    (rf"\b\d{{1,2}}(?:st|nd|rd|th)? (?:of )?(?:{_MONTH})\b(?:,? \d{{4}}\b)?", 0),
    (rf"\b(?i:in|since|until|by|through|during|early|late|mid-?|last|next) ((?:{_MONTH})(?: \d{{4}})?)\b", 1),
    (rf"\b(?i:from|between) ((?:{_MONTH})(?: \d{{4}})? (?:to|and|until|through|-) (?:{_MONTH})(?: \d{{4}})?)\b", 1),
    (r"\b(?i:in|since|until|by|through|during|from|of) ((?:19|20)\d\d)\b(?!-\d)", 1),
    (r"\b(?:(?i:between) (?:19|20)\d\d and|(?:19|20)\d\d(?: ?[-–] ?| to | until | through ))(?:19|20)?\d\d\b", 0),
    (rf"(?i:\bthe past\b(?: (?:{_NUM} )?(?:day|week|month|year)s?\b)?(?! of\b))", 0),
    (rf"(?i:\bthe (?:last|previous|next|coming) (?:{_NUM} )?(?:day|week|month|year)s?\b(?! of\b))", 0),
    (r"(?i:\bthe weekend\b)", 0),
    (r"(?i:\bthe (?:first|second|third|fourth|fifth|sixth|\d+(?:st|nd|rd|th)) (?:day|week)\b)", 0),
))
_AGE_BEFORE = re.compile(r"(?i:\bage[sd]?\s+)$")
_JOIN = re.compile(r"\s*(?:-|–|to|and|until|till|through)?\s*")
_TRIM = re.compile(r"(?:['’]s|[\s,;:]|(?<![ap]\.m)\.)+$")


def extract_dates(doc: Doc, *, settings: Settings) -> list[DateRef]:
    """Every temporal expression in the Doc, resolved against the article's publication date."""
    published = publication_date(doc)
    text = doc_text(doc)
    found: list[tuple[int, int, Span, Resolution]] = []
    for start, end in candidate_ranges(doc):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None and _is_point(text, start, end):
            found.append((start, end, span, resolve(text[start:end], published, clause_tense(span))))
    spans = [(span, res) for _, _, span, res in found]
    return [DateRef(text[start:end], start, end, *_values(doc, span, res, spans))
            for start, end, span, res in found]


def _is_point(text: str, start: int, end: int) -> bool:
    """Not an age ("55-year-old", "aged 12"), a pure duration ("three days") or a frequency ("annual")."""
    return not not_a_point(text[start:end]) and not _AGE_BEFORE.search(text[max(0, start - 8):start])


def publication_date(doc: Doc) -> date | None:
    """``doc._.article.published`` (an ISO date or datetime) as a date; None when absent or unreadable."""
    article = doc._.article if Doc.has_extension("article") else None
    published = getattr(article, "published", None)
    try:
        return date.fromisoformat(published[:10]) if published else None
    except ValueError:
        return None


def _values(doc: Doc, span: Span, res: Resolution, found: list[tuple[Span, Resolution]]) -> tuple[str | None, ...]:
    if res.value is None:
        res = _anchored(doc, span, res, found)
    return res.value, res.granularity


# ---- finding the mentions -------------------------------------------------------------------------------
def candidate_ranges(doc: Doc) -> list[tuple[int, int]]:
    """Character ranges of temporal mentions: model entities and pattern hits, joined where they touch."""
    text = doc_text(doc)
    ranges = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in TEMPORAL_LABELS]
    blocked = _Blocked([(e.start_char, e.end_char) for e in doc.ents if e.label_ in ENTITY_LABELS and _named(e.text)])
    for pattern, group in _SCAN:
        for m in pattern.finditer(text):
            hit = (m.start(group), m.end(group))
            if not blocked.overlaps(hit):
                ranges.append(hit)
    return [_trimmed(text, r) for r in _joined(text, sorted(ranges))]


class _Blocked:
    """Character ranges of named entities, sorted, for overlap questions in logarithmic time."""

    def __init__(self, ranges: list[tuple[int, int]]) -> None:
        self.ranges = sorted(ranges)
        self.starts = [a for a, _ in self.ranges]
        self.reach = list(accumulate((b for _, b in self.ranges), max))  # furthest end so far

    def overlaps(self, hit: tuple[int, int]) -> bool:
        i = bisect_left(self.starts, hit[1])  # ranges starting before the hit ends
        return i > 0 and self.reach[i - 1] > hit[0]


def _trimmed(text: str, bounds: tuple[int, int]) -> tuple[int, int]:
    """Without a trailing possessive or punctuation: "Tuesday's" → "Tuesday"."""
    start, end = bounds
    tail = _TRIM.search(text, start, end)
    return start, (tail.start() if tail and tail.start() > start else end)


def _named(text: str) -> bool:
    """A name has letters: "25/10/2016" tagged ORG by the model blocks nothing."""
    return any(c.isalpha() for c in text)


def _joined(text: str, ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in ranges:
        if out and (start <= out[-1][1] or _touch(text, out[-1], (start, end))):
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((start, end))
    return out


def _touch(text: str, left: tuple[int, int], right: tuple[int, int]) -> bool:
    """Only spaces between them, or a range word when the whole reads as a range ("3 to 5 May")."""
    gap = text[left[1]:right[0]]
    if "\n" in gap:
        return False
    return gap.isspace() or (bool(_JOIN.fullmatch(gap)) and is_range(text[left[0]:right[1]]))


# ---- tense of the governing verb ------------------------------------------------------------------------
def clause_tense(span: Span) -> Tense:
    """past | present | future, from the verb that governs the span (present when there is none)."""
    verb = _governing_verb(span.root, span)
    return _verb_tense(verb, 0) if verb is not None else "present"


def _governing_verb(token: Token, span: Span | None = None) -> Token | None:
    for _ in range(64):
        inside = span is not None and span.start <= token.i < span.end
        if token.pos_ in ("VERB", "AUX") and not inside:
            return token
        if token.head.i == token.i:
            return None
        token = token.head
    return None


def _verb_tense(verb: Token, depth: int) -> Tense:
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes} | ({verb.lower_} if verb.pos_ == "AUX" else set())
    if words & FUTURE_AUX:
        return "future"
    if words & MODAL_AUX:
        return "past" if "have" in words else "future"
    if "to" in words and verb.head.i != verb.i and depth < 8:
        return _infinitive_tense(verb.head, depth)
    if verb.dep_ == "conj" and not auxes and verb.head.i != verb.i and depth < 8:
        head = _governing_verb(verb.head)
        return _verb_tense(head, depth + 1) if head is not None else "present"
    return _morph_tense(verb, auxes, depth)


def _infinitive_tense(head: Token, depth: int) -> Tense:
    """ "is due to meet", "plans to meet" → future; "planned to meet", "decided to meet" → past."""
    verb = _governing_verb(head)
    outer = _verb_tense(verb, depth + 1) if verb is not None else "present"
    if _intent(head) or (verb is not None and _intent(verb)):
        return "past" if outer == "past" else "future"
    return outer


def _intent(token: Token) -> bool:
    """A word of intent or schedule; the present form is checked too, as lemmatizers miss some ("hopes")."""
    word = token.lower_
    return token.lemma_.lower() in INTENT_LEMMAS or word in INTENT_LEMMAS or word[:-1] in INTENT_LEMMAS


def _morph_tense(verb: Token, auxes: list[Token], depth: int) -> Tense:
    forms = [verb, *auxes]
    if any(_feat(t, "Tense") == "Past" and _feat(t, "VerbForm") != "Part" for t in forms):
        return "past"
    participle = _feat(verb, "VerbForm") == "Part" and _feat(verb, "Tense") == "Past"
    if participle and _intent(verb):  # "is planned for Saturday", "the vote, set for October, could ..."
        outer = _morph_tense(auxes[0], [], depth + 1) if auxes else _outer_tense(verb, depth)
        return "past" if outer == "past" else "future"
    if participle and not auxes and verb.dep_ == "acl" and verb.head.dep_ == "conj" and depth < 8:
        return _verb_tense(verb.head.head, depth + 1)  # gapping: "X will be counted and results announced"
    if participle and (not auxes or any(a.lemma_.lower() == "have" for a in auxes)):
        return "past"  # "has fallen", and a reduced clause: "the deal, signed on Oct. 5"
    if _feat(verb, "Aspect") == "Prog" and any(_feat(a, "Tense") == "Pres" for a in auxes):
        return "future"  # an arrangement: "is meeting his counterpart on Thursday"
    if any(_feat(t, "Tense") == "Pres" for t in forms):
        return "present"
    return _outer_tense(verb, depth)


def _outer_tense(verb: Token, depth: int) -> Tense:
    """The tense of the clause above ``verb`` (present at the top)."""
    head = _governing_verb(verb.head) if verb.head.i != verb.i else None
    return _verb_tense(head, depth + 1) if head is not None and depth < 8 else "present"


def _feat(token: Token, name: str) -> str:
    return ",".join(token.morph.get(name, []))


# ---- "the third week of the strike" ---------------------------------------------------------------------
def _anchored(doc: Doc, span: Span, res: Resolution, found: list[tuple[Span, Resolution]]) -> Resolution:
    """An ordinal period resolved from the day the thing it counts began, when the text gives that day."""
    period = ordinal_period(span.text)
    thing = _counted_noun(doc, span)
    if period is None or thing is None:
        return res
    began = _start_day(thing, found)
    if began is None:
        return res
    n, unit = period
    if unit == "day":
        return Resolution(str(began + timedelta(days=n - 1)), "day")
    first = began + timedelta(days=7 * (n - 1))
    return Resolution(f"{first}/{first + timedelta(days=6)}", "week")


def _counted_noun(doc: Doc, span: Span) -> str | None:
    """The noun after "of": "the third week of a strike" → "strike"."""
    if span.end >= len(doc) or doc[span.end].lower_ != "of":
        return None
    nouns = [t for t in doc[span.end + 1:span.end + 5] if t.pos_ in ("NOUN", "PROPN")]
    return nouns[0].lemma_.lower() if nouns else None


def _start_day(thing: str, found: list[tuple[Span, Resolution]]) -> date | None:
    """The day of a sentence that says the thing began ("the offensive was launched on Oct. 17")."""
    for span, res in found:
        sentence = span.sent
        if res.granularity != "day" or res.value is None or "/" in res.value:
            continue
        lemmas = {t.lemma_.lower() for t in sentence}
        if thing in lemmas and lemmas & START_LEMMAS:
            return date.fromisoformat(res.value)
    return None


__all__ = ["NEEDS", "GIVES", "extract_dates", "publication_date", "candidate_ranges", "clause_tense"]
