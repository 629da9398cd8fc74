"""Stance cues: a position taken is reported; the same verb describing a noun is not (model-backed)."""

from __future__ import annotations

import pytest

import dateline
from dateline.records import Record


def _quotes(text: str) -> list[tuple[str, str, str | None]]:
    record = dateline.process(text)
    assert isinstance(record, Record)
    return [(q.kind, q.text, q.speaker.name if q.speaker else None) for q in record.quotes]


@pytest.mark.parametrize(("text", "content", "speaker"), [
    ("The governor wants to rebuild the bridge before winter.", "to rebuild the bridge before winter", "governor"),
    ("The council plans to close the harbour next month.", "to close the harbour next month", "council"),
    ("The union opposes the new pension rules.", "the new pension rules", "union"),
    ("The senator, who endorsed the mayor in May, left the party.", "the mayor", "senator"),
])
def test_a_stated_position_is_an_indirect_quote_of_who_holds_it(text: str, content: str, speaker: str) -> None:
    (quote,) = _quotes(text)
    assert quote[0] == "indirect" and quote[1] == content
    assert quote[2] is not None and speaker in quote[2].lower()


@pytest.mark.parametrize("text", [
    "Groups that support the new pension rules marched on Monday.",
    "Residents who want a new bridge signed the letter.",
    "A group backing the mayor spent heavily on advertising.",
])
def test_a_stance_verb_that_describes_its_noun_reports_nothing(text: str) -> None:
    assert _quotes(text) == []


def test_a_clause_of_time_beside_the_object_is_no_part_of_what_is_condemned() -> None:
    (quote,) = _quotes("The council condemned the closure of the port after the ferry company cut its routes.")
    assert quote[1] == "the closure of the port" and quote[2] is not None and "council" in quote[2].lower()


def test_a_clause_opening_its_sentence_is_no_cue_that_a_trailing_attribution_reports() -> None:
    quotes = _quotes("He also talked about the costs. Those discussions are continuing, he said.")
    assert quotes[-1] == ("indirect", "Those discussions are continuing", "he")


@pytest.mark.parametrize(("text", "content"), [
    ("The committee noted the rule in its report last week.", "the rule in its report"),
    ("The senator stressed her support for the new port.", "her support for the new port"),
    ("The candidate believed the online polls.", "the online polls"),
])
def test_a_noun_phrase_a_speech_or_belief_verb_reports_is_its_content(text: str, content: str) -> None:
    assert [q[:2] for q in _quotes(text)] == [("indirect", content)]


@pytest.mark.parametrize("text", [
    "The campaign continued its tour of the state.",
    "The plan would add $84 billion to the deficit.",
    "The mayor told reporters on Monday.",
])
def test_a_noun_phrase_taken_in_another_sense_or_addressed_is_no_content(text: str) -> None:
    assert _quotes(text) == []


def test_a_passive_cue_with_its_agent_reports_its_subject_and_an_infinitive_is_what_was_told_or_expected() -> None:
    quotes = _quotes("Race update\n\nThe governor has been endorsed by the state's largest newspaper. The mayor told "
                     "his aides to find a way around the council. The minister expects the talks to resume in March. "
                     "Prices continued to rise in May.")
    assert quotes == [("indirect", "The governor", "the state's largest newspaper"),
                      ("indirect", "his aides to find a way around the council", "The mayor"),
                      ("indirect", "the talks to resume in March", "The minister")]


def test_the_writer_s_supposition_is_no_one_s_quote() -> None:
    quotes = _quotes("Let's say a degree will cost $160,000 in 18 years. Let us say the market falls.")
    assert all(q[2] not in ("'s", "us") for q in quotes)
    assert not any(q[1].startswith(("a degree will cost", "the market falls")) for q in quotes)
