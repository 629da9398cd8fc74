"""Lexicon mode: phrases that look like events and are none (model-backed)."""

from __future__ import annotations

import pytest

from dateline.evaluation.events import extract


@pytest.mark.parametrize(("text", "types"), [
    ("China's mines are dangerous, with standards ignored in the drive to meet demand for coal.", set()),
    ("The government struggled to meet the deadline and the targets.", set()),
    ("An investigation determined that the radioactivity was less than half a microcurie.", set()),
    ("Police launched an investigation into the killing.", {"ACCUSE"}),
    ("The U.S. said it would not meet the hostage-takers' demands.", set()),  # a refusal: REJECT (below)
])
def test_meeting_a_demand_and_a_finding_are_no_meeting_or_inquiry(text: str, types: set[str]) -> None:
    events = next(extract([(text, "2020-01-01")]))
    assert {e.type for e in events} & {"CONSULT", "ACCUSE", "CONCEDE"} == types


@pytest.mark.parametrize(("text", "types"), [
    ("A huge wave slammed into the harbour wall on Monday.", set()),
    ("The storm lashed against the coast for hours.", set()),
    ("The opposition slammed the government's new tax plan.", {"ACCUSE"}),
])
def test_a_verb_of_criticism_that_moves_along_a_path_criticises_no_one(text: str, types: set[str]) -> None:
    events = next(extract([(text, "2020-01-01")]))
    assert {e.type for e in events} & {"ACCUSE"} == types


def test_a_demand_its_addressee_says_it_will_not_meet_is_a_rejection() -> None:
    events = next(extract([("The U.S. said it would not meet the hostage-takers' demands.", "2020-01-01")]))
    assert [e.type for e in events] == ["REJECT"] and "negated" not in events[0].modality
