"""Interrupted quotes: one quote in several pieces, the interruption left out (model-backed)."""

from __future__ import annotations

import dateline
from dateline.records import Quote, Record
from dateline.stages.quotes.pieces import pieces


def _quotes(text: str) -> tuple[str, tuple[Quote, ...]]:
    record = dateline.process(text)
    assert isinstance(record, Record)
    return record.article.text, record.quotes


def _words(text: str, quote: Quote) -> list[str]:
    return [text[a:b] for a, b in quote.spans]


def test_a_quotation_split_by_its_cue_mid_sentence_is_one_quote_in_two_pieces() -> None:
    text, quotes = _quotes('"If the bridge holds," the engineer said, "we will open it on Monday."')
    (quote,) = quotes
    assert quote.kind == "direct" and quote.speaker is not None and quote.speaker.name == "the engineer"
    assert _words(text, quote) == ["If the bridge holds", "we will open it on Monday."]
    assert text[quote.start:quote.end] == quote.text and quote.text.startswith("If the bridge")


def test_a_cue_that_ends_its_sentence_ends_the_quote() -> None:
    text, quotes = _quotes('"The bridge held," the engineer said. "We will open it on Monday."')
    assert [_words(text, q) for q in quotes] == [["The bridge held,"], ["We will open it on Monday."]]
    assert all(q.speaker is not None and q.speaker.name == "the engineer" for q in quotes)


def test_a_cue_inside_the_clause_it_reports_is_left_out_of_it() -> None:
    text, quotes = _quotes("But to prevent flooding, the engineer said, the council must clear the drains.")
    (quote,) = quotes
    assert quote.kind == "indirect"
    assert _words(text, quote) == ["to prevent flooding", "the council must clear the drains"]  # no writer's "But"


def test_pieces_trim_only_where_the_gap_cuts() -> None:
    text = '"One, two," she said, "three."'
    assert pieces(text, 1, 29, [(9, 22)]) == ((1, 9), (23, 29))  # "One, two" and "three."
    assert pieces(text, 1, 29, []) == ((1, 29),)
    assert pieces(text, 1, 29, [(0, 5)]) == ((1, 29),)  # a gap reaching outside the quote cuts nothing
