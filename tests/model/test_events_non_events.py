"""Lexicon mode: phrases that look like events and are none (model-backed)."""

from __future__ import annotations

import pytest

from dateline.evaluation.events import extract


@pytest.mark.parametrize(("text", "types"), [
    ("China's mines are dangerous, with standards ignored in the drive to meet demand for coal.", set()),
    ("The government struggled to meet the deadline and the targets.", set()),
    ("An investigation determined that the radioactivity was less than half a microcurie.", set()),
    ("Police launched an investigation into the killing.", {"ACCUSE"}),
    ("The U.S. said it would not meet the hostage-takers' demands.", {"CONCEDE"}),
])
def test_meeting_a_demand_and_a_finding_are_no_meeting_or_inquiry(text: str, types: set[str]) -> None:
    events = next(extract([(text, "2020-01-01")]))
    assert {e.type for e in events} & {"CONSULT", "ACCUSE", "CONCEDE"} == types
