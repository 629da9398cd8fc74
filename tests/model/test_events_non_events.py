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


@pytest.mark.parametrize(("text", "types"), [
    # an event noun beside the sentence's main event, in a phrase or a clause that is not news of its own
    ("The rebels freed two aid workers who had been held in a camp known for torture.", ["RETREAT"]),
    ("The union called off the strike in the port, the scene of violence last spring.", ["CONCEDE"]),
    ("Mayor Lopez hosted the governor for a dinner aimed at improving cooperation between the two cities.",
     ["CONSULT"]),
    # ... but a clause of its own reports its own event, and a demonstration is news even in passing
    ("Police arrested six men in the market, and two soldiers were wounded in an ambush near the port.",
     ["COERCE", "ASSAULT"]),
    ("Police detained dozens of activists during protests in the capital.", ["COERCE", "PROTEST"]),
])
def test_an_event_named_in_passing_beside_the_main_one_is_no_event_of_its_own(text: str, types: list[str]) -> None:
    events = next(extract([(text, "2020-01-01")]))
    assert [e.type for e in events] == types


@pytest.mark.parametrize("text", [
    "The rebels demanded a truce before allowing relief convoys to reach the town.",
    "The council said the police must ensure order so as to allow food deliveries to reach the camps.",
])
def test_an_act_only_conditioned_or_planned_beside_the_main_event_is_no_event_of_its_own(text: str) -> None:
    events = next(extract([(text, "2020-01-01")]))
    assert [e.type for e in events] == ["REQUEST"]


def test_a_possible_act_that_is_the_sentence_s_own_news_stays_with_its_modality() -> None:
    events = next(extract([("The army may withdraw from the valley if the talks fail.", "2020-01-01")]))
    assert [(e.type, e.modality) for e in events] == [("SANCTION", ("hypothetical",))]


@pytest.mark.parametrize(("text", "types"), [
    ("Witnesses said the militia committed atrocities against villagers in the north.", ["ASSAULT"]),
    ("The rebels committed themselves to a ceasefire.", ["AGREE"]),
])
def test_a_deed_committed_is_that_deed_not_a_pledge(text: str, types: list[str]) -> None:
    events = next(extract([(text, "2020-01-01")]))
    assert [e.type for e in events if e.type in ("ASSAULT", "AGREE")] == types


def test_a_conjunct_of_the_main_event_s_object_is_an_event_of_its_own() -> None:
    events = next(extract([("The mayor decried the burning and looting of shops in the old town.", "2020-01-01")]))
    assert [e.type for e in events] == ["ACCUSE", "ASSAULT"]


@pytest.mark.parametrize(("text", "types"), [
    ("Twelve people were killed in a plane crash near the airport on Sunday.", []),
    ("At least forty people died after an earthquake struck the coast.", []),
    ("A furnace at a steel plant exploded on Thursday, injuring nine workers.", []),
    # a weapon or someone behind it keeps it an assault
    ("A car bomb exploded outside the police station, killing four.", ["ASSAULT"]),
    ("Four people were killed in an attack on a checkpoint.", ["ASSAULT"]),
    ("Warplanes struck the town overnight.", ["ASSAULT"]),
])
def test_deaths_from_a_disaster_or_an_accident_are_no_assault(text: str, types: list[str]) -> None:
    events = next(extract([(text, "2020-01-01")]))
    assert [e.type for e in events if e.type == "ASSAULT"] == types
