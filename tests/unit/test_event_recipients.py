"""Who an event is aimed at when no object names it, and the state of a side named without one (hand-built
parses, no model)."""

from __future__ import annotations

import pytest

from dateline.records import Place
from dateline.stages.events.states import state_outside

from .test_events_docs import parse, run_events


def _country_place(doc, word: str, code: str, feature: str = "country") -> Place:  # type: ignore[no-untyped-def]
    start = doc.text.index(word)
    return Place(mention=word, start=start, end=start + len(word), geonameid=1, name=word, country=code,
                 feature=feature, lat=1.0, lon=2.0)


def _described(actors: tuple) -> list[tuple]:  # type: ignore[type-arg]
    return [(a.name, a.country, a.sector) for a in actors]


# --- the place an event happens in ------------------------------------------------------------------------


def test_an_event_with_no_recipient_is_aimed_at_the_state_it_happens_in() -> None:
    doc = parse("Gondor|NNP|nsubj|1 lifted=lift|VBD|ROOT|1 the|DT|det|3 curfew|NN|dobj|1 in|IN|prep|1 "
                "Sudan|NNP|pobj|4 .|.|punct|1", ents=[(0, 1, "GPE"), (5, 6, "GPE")])
    [event] = run_events(doc, places=[_country_place(doc, "Sudan", "SD")])
    assert event.type == "CONCEDE" and _described(event.recipients) == [("Sudan", "SDN", "GOV")]


def test_a_town_it_happens_in_stands_for_its_people() -> None:
    doc = parse("Gondor|NNP|nsubj|1 imposed=impose|VBD|ROOT|1 a|DT|det|3 curfew|NN|dobj|1 in|IN|prep|3 "
                "Abidjan|NNP|pobj|4 .|.|punct|1", ents=[(0, 1, "GPE"), (5, 6, "GPE")])
    [event] = run_events(doc, places=[_country_place(doc, "Abidjan", "CI", feature="city")])
    assert _described(event.recipients) == [("Abidjan", "CIV", "CVL")]


def test_the_actors_own_place_is_not_the_target() -> None:
    doc = parse("Rebels=rebel|NNS|nsubj|3 in|IN|prep|0 Chad|NNP|pobj|1 protested=protest|VBD|ROOT|3 .|.|punct|3",
                ents=[(2, 3, "GPE")])
    [event] = run_events(doc, places=[_country_place(doc, "Chad", "TD")])
    assert event.type == "PROTEST" and event.recipients == ()


# --- demands and threats ------------------------------------------------------------------------------------


def test_a_demand_is_aimed_at_the_subject_of_what_it_demands() -> None:
    doc = parse("Gondor|NNP|nsubj|1 demanded=demand|VBD|ROOT|1 that|IN|mark|4 Arnor|NNP|nsubj|4 "
                "withdraw|VB|ccomp|1 .|.|punct|1", ents=[(0, 1, "GPE"), (3, 4, "GPE")])
    demand = next(e for e in run_events(doc) if e.type == "REQUEST")
    assert [a.name for a in demand.recipients] == ["Arnor"]


def test_the_act_a_reported_demand_asks_for_is_the_demand_not_an_event_of_its_own() -> None:
    doc = parse("Gondor|NNP|nsubj|1 said=say|VBD|ROOT|1 Arnor|NNP|nsubj|5 must|MD|aux|5 immediately|RB|advmod|5 "
                "withdraw|VB|ccomp|1 its|PRP$|poss|7 troops=troop|NNS|dobj|5 .|.|punct|1",
                ents=[(0, 1, "GPE"), (2, 3, "GPE")])
    events = run_events(doc)
    assert [(e.type, [a.name for a in e.actors], [r.name for r in e.recipients]) for e in events] == [
        ("REQUEST", ["Gondor"], ["Arnor"])]


def test_a_threat_is_aimed_at_the_subject_of_its_condition() -> None:
    doc = parse("Gondor|NNP|nsubj|1 threatened=threaten|VBD|ROOT|1 to|TO|aux|3 attack|VB|xcomp|1 "
                "unless|IN|mark|6 Arnor|NNP|nsubj|6 withdraws=withdraw|VBZ|advcl|3 .|.|punct|1",
                ents=[(0, 1, "GPE"), (5, 6, "GPE")])
    threat = next(e for e in run_events(doc) if e.type == "THREATEN")
    assert [a.name for a in threat.recipients] == ["Arnor"]


def test_an_event_noun_object_is_aimed_by_its_verb() -> None:
    doc = parse("Gondor|NNP|nsubj|1 granted=grant|VBD|ROOT|1 asylum|NN|dobj|1 to|IN|prep|1 "
                "Arnor|NNP|pobj|3 .|.|punct|1", ents=[(0, 1, "GPE"), (4, 5, "GPE")])
    [event] = run_events(doc)
    assert (event.type, event.mode) == ("AID", "asylum") and [a.name for a in event.recipients] == ["Arnor"]


def test_the_subject_of_a_passive_clause_undergoes_its_event_noun() -> None:
    doc = parse("Carter|NNP|nsubjpass|2 was|VBD|auxpass|2 put=put|VBN|ROOT|2 under|IN|prep|2 "
                "investigation|NN|pobj|3 .|.|punct|2", ents=[(0, 1, "PERSON")])
    [event] = run_events(doc)
    assert event.type == "ACCUSE" and event.actors == () and [a.name for a in event.recipients] == ["Carter"]


# --- the state of a side named without one -------------------------------------------------------------------


@pytest.mark.parametrize(("group", "country"), [("rebels=rebel", "TCD"), ("troops=troop", None)])
def test_an_office_holder_shares_the_state_of_a_domestic_challenger(group: str, country: str | None) -> None:
    doc = parse(f"Chadian|JJ|amod|1 {group}|NNS|nsubj|2 attacked=attack|VBD|ROOT|2 President|NNP|compound|4 "
                "Tomba|NNP|dobj|2 .|.|punct|2", ents=[(0, 1, "NORP"), (3, 5, "PERSON")])
    [event] = run_events(doc)
    assert [(a.name, a.country) for a in event.recipients] == [("President Tomba", country)]


def test_a_people_named_as_ethnic_names_no_state() -> None:
    doc = parse("Forces=force|NNS|nsubj|1 killed=kill|VBD|ROOT|1 ethnic|JJ|amod|3 Albanians|NNPS|dobj|1 "
                "in|IN|prep|1 Serbia|NNP|pobj|4 .|.|punct|1")
    assert state_outside(doc[0:7], []) == "SRB"


def test_a_group_word_after_an_organisation_gives_the_sector() -> None:
    """A state's name the model tags as an organisation ("Ugandan" ORG) owns the group after it, whose own word
    says what it does."""
    doc = parse("Ugandan|NNP|compound|1 soldiers=soldier|NNS|nsubj|2 attacked=attack|VBD|ROOT|2 "
                "Arnor|NNP|dobj|2 .|.|punct|2", ents=[(0, 1, "ORG"), (3, 4, "GPE")])
    attack = next(e for e in run_events(doc) if e.type == "ASSAULT")
    assert [(a.country, a.sector) for a in attack.actors] == [("UGA", "MIL")]


def test_two_entities_on_one_span_do_not_break_the_actor_linker() -> None:
    """A span named by two entities (seen on a BBC article) once made sorting compare Entity records."""
    from dateline.records import Entity
    from dateline.records import Span as TextSpan
    from dateline.stages.events.actors import ActorLinker

    from .test_events_docs import parse

    doc = parse("Reuters|NNP|nsubj|1 reported|VBD|ROOT|1 .|.|punct|1")
    span = (TextSpan("Reuters", 0, 7),)
    first = Entity(id="a", name="Reuters", type="ORG", mentions=span)
    second = Entity(id="b", name="Reuters", type="PERSON", mentions=span)
    linker = ActorLinker(doc, [first, second])
    assert linker.entity_at(doc[0]) in (first, second)
