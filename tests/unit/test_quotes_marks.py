"""Quotation marks on plain text, and the cue lexicon: tables of cases, no model."""

from __future__ import annotations

import pytest

from dateline.stages.quotes.cues import TYPES, lexicon, parse_lexicon
from dateline.stages.quotes.marks import find_quoted, paragraph_starts
from dateline.stages.quotes.speakers import MentionIndex
from dateline.stages.quotes.turns import find_turns


def _contents(text: str) -> list[str]:
    return [text[q.start:q.end] for q in find_quoted(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ('He said "Yes, it is fine," and left.', ["Yes, it is fine,"]),
    ("He said “Yes, it is fine,” and left.", ["Yes, it is fine,"]),
    ("He said ‘Yes, it is fine,’ and left.", ["Yes, it is fine,"]),
    ("He said 'Yes, it is fine,' and left.", ["Yes, it is fine,"]),
    ("Il a dit « oui » hier.", ["oui"]),
    ("«Bonjour», dit-il.", ["Bonjour"]),
    ("He said „ja“ twice.", ["ja"]),
    ("''It's anti-reform,'' he said of the ''Buffett rule.''", ["It's anti-reform,", "Buffett rule."]),
    ("``Quoted,'' typewriter style.", ["Quoted,"]),
    ("“Daesh must go. Any stronghold is a threat,” he added.", ["Daesh must go. Any stronghold is a threat,"]),
    ("“A,” he said. “B.”", ["A,", "B."]),
    ("“Nested “hell” here,” she said.", ["Nested “hell” here,"]),
    ("He said 'I read \"Ulysses\" today' loudly.", ['I read "Ulysses" today']),
    ("\"He said 'no' to me,\" she said.", ["He said 'no' to me,"]),
    ("”Wrongly curled,” he said.", ["Wrongly curled,"]),
    ("A stray ” mark and “a quote” here.", ["a quote"]),
    ("“  spaced  ”", ["spaced"]),
    ('""', []),
    ('<tweet id="7711" author="@someone">"We will win," he said.</tweet>', ["We will win,"]),
    ("<a href='/x' title='Home'>Home</a> and 'a quote' here.", ["a quote"]),
    ('He set x = "y" and said "we will win".', ["y", "we will win"]),
])
def test_pairs_of_marks(text: str, expected: list[str]) -> None:
    assert _contents(text) == expected


@pytest.mark.parametrize("text", [
    "It's Assadi's plan; don't rock'n'roll.",
    "The voters' choice, 'til the '90s, was clear.",
    "Ol' man river, 'em and 'cause.",
    "He is 5'10 and the rope is 12' long.",
    "The Smiths' house and the Joneses' car.",
])
def test_apostrophes_are_not_quote_marks(text: str) -> None:
    assert find_quoted(text) == []


def test_a_quote_spanning_paragraphs_reopens_each_and_closes_in_the_last() -> None:
    text = '"First paragraph of the quote.\n"Second paragraph.\n"Last one," she said.\nAfter.'
    (quote,) = find_quoted(text)
    assert text[quote.start:quote.end] == 'First paragraph of the quote.\n"Second paragraph.\n"Last one,'
    assert (quote.paragraph, quote.last_paragraph, quote.unterminated) == (0, 2, False)


@pytest.mark.parametrize(("text", "expected"), [
    ('"Never closes here\nNext paragraph.', [("Never closes here", True)]),
    ('"Opens.\n"Reopens but never closes.  \n\nNext.', [('Opens.\n"Reopens but never closes.', True)]),
    ('Intro. "The last words of the text', [("The last words of the text", True)]),
    ("“First opens “then another” closes.", [("First opens", True), ("then another", False)]),
])
def test_a_quote_that_never_closes_ends_with_its_paragraph(text: str, expected: list[tuple[str, bool]]) -> None:
    assert [(text[q.start:q.end], q.unterminated) for q in find_quoted(text)] == expected


def test_every_quote_slices_back_and_marks_lie_outside() -> None:
    text = "“One,” he said. 'Two' — «three» and ''four'' and \"five\"\n“six"
    for q in find_quoted(text):
        assert q.open_at < q.start <= q.end <= q.close_end
        assert text[q.start:q.end].strip() == text[q.start:q.end]


def test_paragraph_starts_skip_blank_lines() -> None:
    assert paragraph_starts("a\n\n  \nb\nc") == [0, 6, 8]


def test_transcript_turns_need_two_speakers() -> None:
    text = '"PENCE: Well, look.\n"WALLACE: Thank you."\nThe end.'
    turns = find_turns(text, MentionIndex(()))
    assert [(text[t.name_start:t.name_end], text[t.start:t.end]) for t in turns] == [
        ("PENCE", "Well, look."), ("WALLACE", "Thank you.")]
    assert find_turns("CORRECTION: An earlier version misspelled a name.\nText.", MentionIndex(())) == []
    assert find_turns("US: Raqqa in sights\nBody text here.", MentionIndex(())) == []


def test_the_lexicon_has_several_hundred_forms_of_known_types() -> None:
    entries = [e for group in lexicon().values() for e in group]
    assert len(entries) >= 500
    assert {e.type for e in entries} <= TYPES
    forms = {" ".join(e.words) for e in entries}
    for form in ("say", "said", "says", "told", "added", "warned", "claimed", "denied", "insisted", "argued",
                 "announced", "reported", "stated", "confirmed", "acknowledged", "estimated", "predicted",
                 "urged", "called for", "accused", "according to", "quoted * as saying"):
        assert form in forms, form
    assert all(e.lemma for e in entries)


def test_lexicon_lines_parse_and_comments_are_skipped() -> None:
    entries = parse_lexicon("# form\tlemma\ttype\nCalled For\tcall for\tdirective\n")
    assert [(e.words, e.lemma, e.type) for e in entries] == [(("called", "for"), "call for", "directive")]
