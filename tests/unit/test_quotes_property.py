"""Invariants of the quotes stage whatever the quote marks: it never raises, every offset slices back to its
text, and the time it takes grows linearly with the text (no pair of marks is compared with every other)."""

from __future__ import annotations

import random
import time

import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc

from dateline import extensions
from dateline.records import Quote
from dateline.settings import DEFAULT
from dateline.stages.quotes import extract_quotes
from dateline.stages.quotes.marks import find_quoted

MARKS = "\"'“”‘’«»„‹›`"
SOUP = MARKS + "ab ,.:;!?\n-―\u00a0"
WORDS = ["he", "said", "Carter", "told", "'til", "it's", "voters'", "according", "to", "—", "''", "``", "\n", "."]

_NLP = spacy.blank("en")


def _doc(text: str) -> Doc:
    extensions.register()
    doc = _NLP.make_doc(text)
    doc._.entities = ()
    return doc


def _check(doc: Doc, quotes: list[Quote]) -> None:
    text = doc.text
    for q in quotes:
        assert text[q.start:q.end] == q.text
        assert q.kind in ("direct", "indirect", "mixed")
        assert 0.0 <= q.confidence <= 1.0
        if q.cue is not None:
            assert text[q.cue.start:q.cue.end] == q.cue.text
        if q.speaker is not None:
            assert 0 <= q.speaker.start <= q.speaker.end <= len(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=SOUP, max_size=300))
def test_quote_mark_soup_never_raises_and_slices_back(text: str) -> None:
    doc = _doc(text)
    _check(doc, extract_quotes(doc, settings=DEFAULT))
    for q in find_quoted(text):
        assert q.open_at < q.start <= q.end <= q.close_end <= len(text)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([*WORDS, *MARKS]), max_size=120))
def test_words_and_unbalanced_nested_marks(tokens: list[str]) -> None:
    doc = _doc(" ".join(tokens))
    _check(doc, extract_quotes(doc, settings=DEFAULT))


def _marks_text(marks: int, seed: int = 7) -> str:
    """About ``marks`` quote marks among words, spaces and paragraph breaks."""
    rng = random.Random(seed)
    pieces = []
    for _ in range(marks):
        pieces.append(rng.choice(MARKS))
        pieces.append(rng.choice(["", " ", "word", "he said ", ", ", ".\n", "it's "]))
    return "".join(pieces)


def test_ten_thousand_marks() -> None:
    doc = _doc(_marks_text(10_000))
    assert sum(doc.text.count(m) for m in MARKS) >= 10_000
    _check(doc, extract_quotes(doc, settings=DEFAULT))


def _seconds(text: str) -> float:
    doc = _doc(text)
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        extract_quotes(doc, settings=DEFAULT)
        best = min(best, time.perf_counter() - started)
    return best


def test_time_grows_linearly_with_the_number_of_marks() -> None:
    small, large = _seconds(_marks_text(2_500)), _seconds(_marks_text(10_000))
    # four times the marks: linear work takes about four times as long, quadratic sixteen
    assert large / small < 9, (small, large)
