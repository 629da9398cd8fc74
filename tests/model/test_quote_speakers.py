"""Speakers the parse hides: a quotation after a paragraph ending in a colon, a cue in a phrase after an
adverb, a parse that climbs into the quotation or reads the subject into a phrase (model-backed)."""

from __future__ import annotations

import dateline
from dateline.records import Quote, Record


def _quotes(text: str) -> tuple[str, tuple[Quote, ...]]:
    record = dateline.process(text)
    assert isinstance(record, Record)
    return record.article.text, record.quotes


def _speaker(text: str, quote: Quote) -> str | None:
    return text[quote.speaker.start:quote.speaker.end] if quote.speaker is not None else None


def test_a_quotation_opening_the_paragraph_after_a_colon_is_the_colon_clause_s_subject_s() -> None:
    text, quotes = _quotes("The mayor spoke after the vote. The city's largest newspaper reports:\n\n"
                           '"In an illustration of the mood, just 24 percent of the residents turned out this year."')
    (quote,) = quotes
    assert quote.kind == "direct" and quote.text.startswith("In an illustration")
    assert _speaker(text, quote) == "newspaper"


def test_a_cue_after_stopped_short_of_is_said_by_the_subject_of_the_clause() -> None:
    text, quotes = _quotes('The senator described the bill as a "disaster," but stopped short of calling the vote a '
                           "mistake.")
    called = [q for q in quotes if q.cue is not None and q.cue.text == "calling"]
    assert [(q.text, _speaker(text, q)) for q in called] == [("the vote a mistake", "The senator")]


def test_a_cue_outside_the_marks_never_takes_a_speaker_from_inside_them() -> None:
    text, quotes = _quotes("The chief spoke to reporters on Monday evening.\n\n"
                           "“I will just make this promise to you: We will achieve justice in this case,” Tulsa police "
                           "Chief Chuck Jordan said Monday. “I want to assure our community: We will achieve justice.”")
    assert len(quotes) == 2
    assert all(q.speaker is not None and q.speaker.name.endswith("Jordan") for q in quotes)


def test_a_name_read_into_the_phrase_before_a_verb_without_subject_is_its_speaker() -> None:
    text, quotes = _quotes("In a meeting with the editorial board of the Washington Post Trump said that U.S. "
                           "involvement in NATO may need to be diminished.")
    (quote,) = quotes
    assert quote.speaker is not None and _speaker(text, quote).endswith("Trump")


def test_a_dateline_the_parse_makes_a_subject_is_no_speaker() -> None:
    text, quotes = _quotes("Museum opens\n\nWASHINGTON -- President Obama, dedicating the new museum on Saturday, "
                           "said it would tell an American story.")
    (quote,) = quotes
    assert _speaker(text, quote) == "Obama"


def test_a_statement_issued_speaks_for_who_issued_it_and_a_speech_for_who_gave_it() -> None:
    text, quotes = _quotes('Test condemned\n\nAfter a meeting, the Security Council issued a statement calling the '
                           'nuclear test "a clear violation" of its resolutions.')
    assert [_speaker(text, q) for q in quotes] == ["Security Council"]
    text, quotes = _quotes("Tax plan\n\nThe goal is to curb activist investors, according to a speech Mrs. Clinton "
                           "delivered at New York University in July.")
    assert [_speaker(text, q) for q in quotes] == ["Clinton"]


def test_the_occasion_of_a_cue_is_no_speaker() -> None:
    text, quotes = _quotes('Lynch speaks\n\n"We will get there together," she said at a news conference announcing '
                           "that her department was suing the state.")
    assert [(q.cue.text if q.cue else None, _speaker(text, q)) for q in quotes] == [("said", "she"),
                                                                                      ("announcing", "she")]
