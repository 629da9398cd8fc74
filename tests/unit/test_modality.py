"""Event modality on hand-built Docs: negated, future, hypothetical, historical, reported (and by whom)."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.tokens import Token

from dateline.records import Quote
from dateline.records import Span as TextSpan
from dateline.stages.events.context import period_end, period_start
from dateline.stages.events.modality import governors, modality

from .test_events_docs import parse

G, A = "Gondor|NNP", "Arnor|NNP"


def _speaker(token: Token) -> str | None:
    subject = [c for c in token.children if c.dep_ == "nsubj"] if token.pos_ == "VERB" else [token]
    return subject[0].text if subject else None


def _flags(annotated: str, head: int, **kwargs: object) -> tuple[tuple[str, ...], str | None]:
    doc = parse(annotated)
    options = {"date": None, "published": "2019-03-12", "quotes": (), "speaker": _speaker, **kwargs}
    mood = modality(doc[head], **options)  # type: ignore[arg-type]
    return mood.flags, mood.reported_by


@pytest.mark.parametrize(("annotated", "head", "flags"), [
    # plain
    (f"{G}|nsubj|1 attacked=attack|VBD|ROOT|1 {A}|dobj|1 .|.|punct|1", 1, ()),
    # negated
    (f"{G}|nsubj|3 did=do|VBD|aux|3 not|RB|neg|3 attack|VB|ROOT|3 {A}|dobj|3 .|.|punct|3", 3, ("negated",)),
    (f"{G}|nsubj|2 never|RB|neg|2 attacked=attack|VBD|ROOT|2 {A}|dobj|2 .|.|punct|2", 2, ("negated",)),
    (f"{G}|nsubj|1 refused=refuse|VBD|ROOT|1 to|TO|aux|3 meet|VB|xcomp|1 {A}|dobj|3 .|.|punct|1", 3, ("negated",)),
    ("No|DT|det|1 talks=talk|NNS|nsubjpass|3 were=be|VBD|auxpass|3 held=hold|VBN|ROOT|3 .|.|punct|3", 1,
     ("negated",)),
    # future
    (f"{G}|nsubj|2 will|MD|aux|2 attack|VB|ROOT|2 {A}|dobj|2 .|.|punct|2", 2, ("future",)),
    (f"{G}|nsubj|1 plans=plan|VBZ|ROOT|1 to|TO|aux|3 attack|VB|xcomp|1 {A}|dobj|3 .|.|punct|1", 3, ("future",)),
    (f"{G}|nsubj|1 is=be|VBZ:AUX|ROOT|1 about|JJ|acomp|1 to|TO|aux|4 attack|VB|xcomp|2 {A}|dobj|4 .|.|punct|1", 4,
     ("future",)),
    (f"{G}|nsubj|1 is=be|VBZ:AUX|ROOT|1 set|VBN|acomp|1 to|TO|aux|4 attack|VB|xcomp|2 {A}|dobj|4 .|.|punct|1", 4,
     ("future",)),
    ("the|DT|det|2 planned=plan|VBN:ADJ|amod|2 talks=talk|NNS|nsubj|3 failed=fail|VBD|ROOT|3 .|.|punct|3", 2,
     ("future",)),
    # hypothetical
    (f"{G}|nsubj|2 could|MD|aux|2 attack|VB|ROOT|2 {A}|dobj|2 .|.|punct|2", 2, ("hypothetical",)),
    (f"{G}|nsubj|2 would|MD|aux|2 attack|VB|ROOT|2 {A}|dobj|2 .|.|punct|2", 2, ("hypothetical",)),
    (f"{G}|nsubj|2 will|MD|aux|2 respond|VB|ROOT|2 if|IN|mark|5 {A}|nsubj|5 attacks=attack|VBZ|advcl|2 .|.|punct|2",
     5, ("hypothetical",)),
    (f"{G}|nsubj|1 called=call|VBD|ROOT|1 for|IN|prep|1 talks=talk|NNS|pobj|2 .|.|punct|1", 3, ("hypothetical",)),
    ("possible|JJ|amod|1 talks=talk|NNS|nsubj|2 failed=fail|VBD|ROOT|2 .|.|punct|2", 1, ("hypothetical",)),
    # reported
    (f"Officials=official|NNS|nsubj|1 said=say|VBD|ROOT|1 {G}|nsubj|3 attacked=attack|VBD|ccomp|1 {A}|dobj|3 "
     ".|.|punct|1", 3, ("reported",)),
    (f"{G}|nsubj|1 attacked=attack|VBD|ROOT|1 {A}|dobj|1 ,|,|punct|1 officials=official|NNS|nsubj|5 "
     "said=say|VBD|parataxis|1 .|.|punct|1", 1, ("reported",)),
    (f"Officials=official|NNS|nsubj|1 said=say|VBD|ROOT|1 {G}|nsubj|4 would|MD|aux|4 attack|VB|ccomp|1 "
     f"{A}|dobj|4 .|.|punct|1", 4, ("future", "reported")),
    (f"Officials=official|NNS|nsubj|1 said=say|VBD|ROOT|1 {G}|nsubj|4 could|MD|aux|4 attack|VB|ccomp|1 "
     f"{A}|dobj|4 .|.|punct|1", 4, ("hypothetical", "reported")),
    (f"{G}|nsubj|1 denied=deny|VBD|ROOT|1 that|IN|mark|4 it|PRP|nsubj|4 attacked=attack|VBD|ccomp|1 {A}|dobj|4 "
     ".|.|punct|1", 4, ("negated", "reported")),
])
def test_flags(annotated: str, head: int, flags: tuple[str, ...]) -> None:
    assert _flags(annotated, head)[0] == flags


def test_attribution_names_its_speaker() -> None:
    doc = (f"Officials=official|NNS|nsubj|1 said=say|VBD|ROOT|1 {G}|nsubj|3 attacked=attack|VBD|ccomp|1 "
           f"{A}|dobj|3 .|.|punct|1")
    assert _flags(doc, 3)[1] == "Officials"


def test_according_to_names_its_source() -> None:
    doc = (f"According=accord|VBG|prep|4 to|IN|prep|0 witnesses=witness|NNS|pobj|1 ,|,|punct|4 {G}|nsubj|5 "
           f"attacked=attack|VBD|ROOT|5 {A}|dobj|5 .|.|punct|5")
    assert _flags(doc, 5) == (("reported",), "witnesses")


@pytest.mark.parametrize(("value", "flags"), [
    ("1995", ("historical",)), ("2017-06", ("historical",)), ("2018-09-01", ()), ("2019-03-11", ()),
    ("2019-04-02", ("future",)), ("2010-01-04/2010-01-10", ("historical",)), ("not-a-date", ()),
])
def test_dates_make_events_historical_or_future(value: str, flags: tuple[str, ...]) -> None:
    plain = f"{G}|nsubj|1 attacked=attack|VBD|ROOT|1 {A}|dobj|1 .|.|punct|1"
    assert _flags(plain, 1, date=value)[0] == flags


def test_no_publication_date_no_history() -> None:
    plain = f"{G}|nsubj|1 attacked=attack|VBD|ROOT|1 {A}|dobj|1 .|.|punct|1"
    assert _flags(plain, 1, date="1995", published=None)[0] == ()


def test_a_quote_reports_what_it_holds() -> None:
    plain = f"{G}|nsubj|1 attacked=attack|VBD|ROOT|1 {A}|dobj|1 .|.|punct|1"
    direct = Quote(id="q7", kind="direct", text="Gondor attacked Arnor", start=0, end=21)
    outside = Quote(id="q8", kind="direct", text="x", start=21, end=22)
    assert _flags(plain, 1, quotes=(outside, direct)) == (("reported",), "q7")


@pytest.mark.parametrize(("cue", "expected"), [("said", (("reported",), "q9")), ("urged", ((), None))])
def test_an_indirect_quote_reports_only_with_a_verb_of_saying(cue: str, expected: tuple[object, ...]) -> None:
    annotated = (f"Officials=official|NNS|nsubj|1 {cue}={cue[:-1] if cue == 'urged' else 'say'}|VBD|ROOT|1 "
                 f"{G}|dobj|1 to|TO|aux|4 attack|VB|xcomp|1 .|.|punct|1")
    start = len("Officials ") + len(cue) + 1
    quote = Quote(id="q9", kind="indirect", text="Gondor to attack", start=start, end=start + 16,
                  cue=TextSpan(cue, 10, 10 + len(cue)))
    flags, by = _flags(annotated, 4, quotes=(quote,))
    assert (tuple(f for f in flags if f == "reported"), by) == expected


def test_governors_stop_at_a_reported_clause() -> None:
    doc = parse(f"Officials=official|NNS|nsubj|1 said=say|VBD|ROOT|1 {G}|nsubj|3 plans=plan|VBZ|ccomp|1 to|TO|aux|5 "
                f"attack|VB|xcomp|3 {A}|dobj|5 .|.|punct|1")
    assert [t.text for t in governors(doc[5])] == ["plans"]


@pytest.mark.parametrize(("value", "start", "end"), [
    ("2016", dt.date(2016, 1, 1), dt.date(2016, 12, 31)), ("2016-02", dt.date(2016, 2, 1), dt.date(2016, 2, 29)),
    ("2016-12", dt.date(2016, 12, 1), dt.date(2016, 12, 31)), ("2016-10-25", dt.date(2016, 10, 25),
                                                               dt.date(2016, 10, 25)),
    ("2016-10-17/2016-10-23", dt.date(2016, 10, 17), dt.date(2016, 10, 23)), ("soon", None, None),
])
def test_periods(value: str, start: dt.date | None, end: dt.date | None) -> None:
    assert (period_start(value), period_end(value)) == (start, end)
