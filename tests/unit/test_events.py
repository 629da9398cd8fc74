"""The events stage on hand-built Docs: trigger typing, argument roles, location, date and the records."""

from __future__ import annotations

import pytest

from dateline.records import Quote
from dateline.records import Span as TextSpan
from dateline.stages import events as stage

from .test_events_docs import date, parse, place, run_events

STATES = [(0, 1, "GPE"), (2, 3, "GPE")]


def _types(events: list) -> list[str]:  # type: ignore[type-arg]
    return [e.type for e in events]


def _names(actors: tuple) -> list[str]:  # type: ignore[type-arg]
    return [a.name for a in actors]


# --- typing -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("word", "lemma", "type_", "mode"), [
    ("met", "meet", "CONSULT", None), ("hosted", "host", "CONSULT", "host"), ("praised", "praise", "SUPPORT", None),
    ("backed", "back", "SUPPORT", None), ("aided", "aid", "AID", None), ("released", "release", "RETREAT", "release"),
    ("urged", "urge", "REQUEST", None), ("criticized", "criticize", "ACCUSE", "disapprove"),
    ("accused", "accuse", "ACCUSE", "allege"), ("rejected", "reject", "REJECT", None),
    ("threatened", "threaten", "THREATEN", None), ("sanctioned", "sanction", "SANCTION", None),
    ("expelled", "expel", "SANCTION", "expel"), ("mobilized", "mobilize", "MOBILIZE", "troops"),
    ("arrested", "arrest", "COERCE", "arrest"), ("shelled", "shell", "ASSAULT", "heavy-weapons"),
    ("invaded", "invade", "ASSAULT", None), ("kidnapped", "kidnap", "ASSAULT", "abduct"),
])
def test_verb_triggers_are_typed(word: str, lemma: str, type_: str, mode: str | None) -> None:
    doc = parse(f"Gondor|NNP|nsubj|1 {word}={lemma}|VBD|ROOT|1 Arnor|NNP|dobj|1 .|.|punct|1", ents=STATES)
    [event] = run_events(doc)
    assert (event.type, event.mode) == (type_, mode)
    assert _names(event.actors) == ["Gondor"] and _names(event.recipients) == ["Arnor"]


@pytest.mark.parametrize(("noun", "type_", "mode"), [
    ("agreement", "AGREE", None), ("summit", "CONSULT", None), ("support", "SUPPORT", None),
    ("concession", "CONCEDE", None), ("cooperation", "COOPERATE", None), ("aid", "AID", None),
    ("ceasefire", "RETREAT", "ceasefire"), ("request", "REQUEST", None), ("investigation", "ACCUSE", "investigate"),
    ("refusal", "REJECT", None), ("ultimatum", "THREATEN", "relations"), ("protest", "PROTEST", "demo"),
    ("strike", "PROTEST", "strike"), ("embargo", "SANCTION", None), ("mobilization", "MOBILIZE", "troops"),
    ("curfew", "COERCE", "curfew"), ("airstrike", "ASSAULT", "aerial"),
])
def test_event_nouns_are_typed_and_take_the_clause_subject(noun: str, type_: str, mode: str | None) -> None:
    doc = parse(f"Gondor|NNP|nsubj|1 announced=announce|VBD|ROOT|1 the|DT|det|3 {noun}|NN|dobj|1 .|.|punct|1",
                ents=[(0, 1, "GPE")])
    [event] = run_events(doc)
    assert (event.type, event.mode) == (type_, mode)
    assert _names(event.actors) == ["Gondor"]


def test_phrase_beats_its_words() -> None:
    doc = parse("Gondor|NNP|nsubj|1 launched=launch|VBD|ROOT|1 an|DT|det|4 air|NN|compound|4 strike|NN|dobj|1 "
                "on|IN|prep|4 Arnor|NNP|pobj|5 .|.|punct|1", ents=[(0, 1, "GPE"), (6, 7, "GPE")])
    [event] = run_events(doc)
    assert (event.type, event.mode) == ("ASSAULT", "aerial")
    assert _names(event.actors) == ["Gondor"] and _names(event.recipients) == ["Arnor"]


def test_phrase_through_the_parse() -> None:
    doc = parse("Gondor|NNP|nsubj|1 broke=break|VBD|ROOT|1 off|RP|prt|1 relations=relation|NNS|dobj|1 "
                "with|IN|prep|3 Arnor|NNP|pobj|4 .|.|punct|1", ents=[(0, 1, "GPE"), (5, 6, "GPE")])
    [event] = run_events(doc)
    assert (event.type, event.mode) == ("SANCTION", "withdraw")
    assert _names(event.recipients) == ["Arnor"]


def test_a_deal_struck_is_no_attack() -> None:
    doc = parse("Gondor|NNP|nsubj|1 struck=strike|VBD|ROOT|1 a|DT|det|3 deal|NN|dobj|1 with|IN|prep|3 "
                "Arnor|NNP|pobj|4 .|.|punct|1", ents=[(0, 1, "GPE"), (5, 6, "GPE")])
    assert _types(run_events(doc)) == ["AGREE"]


def test_a_news_conference_is_no_meeting() -> None:
    doc = parse("Gondor|NNP|nsubj|1 held=hold|VBD|ROOT|1 a|DT|det|4 news|NN|compound|4 conference|NN|dobj|1 "
                ".|.|punct|1", ents=[(0, 1, "GPE")])
    assert run_events(doc) == []


def test_what_is_called_for_is_part_of_the_request() -> None:
    doc = parse("Gondor|NNP|nsubj|1 called=call|VBD|ROOT|1 for|IN|prep|1 talks=talk|NNS|pobj|2 .|.|punct|1",
                ents=[(0, 1, "GPE")])
    [request] = run_events(doc)
    assert (request.type, request.mode) == ("REQUEST", "meet")


@pytest.mark.parametrize("mark", ["because", "after"])
def test_a_clause_with_its_own_subject_is_an_event_of_its_own(mark: str) -> None:
    doc = parse(f"Gondor|NNP|nsubj|1 attacked=attack|VBD|ROOT|1 Arnor|NNP|dobj|1 {mark}|IN|mark|5 "
                "Arnor|NNP|nsubj|5 protested=protest|VBD|advcl|1 .|.|punct|1",
                ents=[(0, 1, "GPE"), (2, 3, "GPE"), (4, 5, "GPE")])
    assert sorted(e.type for e in run_events(doc)) == ["ASSAULT", "PROTEST"]  # a demonstration is news even so


@pytest.mark.parametrize(("text", "ents", "kept"), [
    # a clause of time: the attack before the withdrawal sets its scene
    ("Gondor|NNP|nsubj|1 withdrew=withdraw|VBD|ROOT|1 after|IN|mark|4 Arnor|NNP|nsubj|4 "
     "attacked=attack|VBD|advcl|1 .|.|punct|1", [(0, 1, "GPE"), (3, 4, "GPE")], ["RETREAT"]),
    # an event noun in a phrase of time
    ("Rebels=rebel|NNS|nsubj|1 surrendered=surrender|VBD|ROOT|1 following|VBG|prep|1 an|DT|det|4 "
     "offensive|NN|pobj|2 .|.|punct|1", [], ["RETREAT"]),
    # an event noun the subject of a clause of time
    ("Gondor|NNP|nsubj|1 is=be|VBZ|ROOT|1 prepared|JJ|acomp|1 to|TO|aux|4 impose|VB|xcomp|2 martial|JJ|amod|6 "
     "law|NN|dobj|4 as|IN|mark|10 street|NN|compound|9 battles=battle|NNS|nsubj|10 raged=rage|VBD|advcl|4 "
     "in|IN|prep|10 Arnor|NNP|pobj|11 .|.|punct|1", [(0, 1, "GPE"), (12, 13, "GPE")], ["THREATEN"]),
    # a relative clause on a place
    ("Gondor|NNP|nsubj|1 lifted=lift|VBD|ROOT|1 sanctions=sanction|NNS|dobj|1 on|IN|prep|2 Arnor|NNP|pobj|3 "
     ",|,|punct|4 where|WRB|advmod|8 six|CD|nsubjpass|8 killed=kill|VBN|relcl|4 .|.|punct|1",
     [(0, 1, "GPE"), (4, 5, "GPE")], None),
])
def test_what_sets_the_scene_of_another_event_is_no_event_of_its_own(text: str, ents: list[tuple[int, int, str]],
                                                                      kept: list[str] | None) -> None:
    types = sorted(e.type for e in run_events(parse(text, ents=ents)))
    assert len(types) == 1 and (kept is None or types == kept), types


def test_a_chained_participle_is_part_of_the_act() -> None:
    doc = parse("Rebels=rebel|NNS|nsubj|1 shelled=shell|VBD|ROOT|1 Juba|NNP|dobj|1 ,|,|punct|1 "
                "killing=kill|VBG|advcl|1 twenty|CD|dobj|4 .|.|punct|1", ents=[(2, 3, "GPE")])
    [event] = run_events(doc)
    assert event.type == "ASSAULT" and _names(event.actors) == ["Rebels"]


def test_a_condition_is_no_event_of_its_own() -> None:
    doc = parse("Gondor|NNP|nsubj|2 will|MD|aux|2 withdraw|VB|ROOT|2 unless|IN|mark|5 Arnor|NNP|nsubj|5 "
                "agrees=agree|VBZ|advcl|2 .|.|punct|2", ents=[(0, 1, "GPE"), (4, 5, "GPE")])
    assert [e.type for e in run_events(doc)] == ["THREATEN"]  # one event: a withdrawal threatened on a condition


# --- roles --------------------------------------------------------------------------------------------------


def test_passive_agent_is_the_actor() -> None:
    doc = parse("Arnor|NNP|nsubjpass|2 was=be|VBD|auxpass|2 attacked=attack|VBN|ROOT|2 by|IN|agent|2 "
                "Gondor|NNP|pobj|3 .|.|punct|2", ents=[(0, 1, "GPE"), (4, 5, "GPE")])
    [event] = run_events(doc)
    assert _names(event.actors) == ["Gondor"] and _names(event.recipients) == ["Arnor"]


def test_compound_actor_is_one_event() -> None:
    doc = parse("Gondor|NNP|nsubj|3 and|CC|cc|0 Arnor|NNP|conj|0 met=meet|VBD|ROOT|3 in|IN|prep|3 "
                "Osgiliath|NNP|pobj|4 .|.|punct|3", ents=[(0, 1, "GPE"), (2, 3, "GPE"), (5, 6, "GPE")])
    [event] = run_events(doc, places=[])
    assert event.type == "CONSULT" and _names(event.actors) == ["Gondor", "Arnor"]


def test_complement_shares_the_subject_and_no_second_agree() -> None:
    doc = parse("Gondor|NNP|nsubj|1 agreed=agree|VBD|ROOT|1 to|TO|aux|3 meet|VB|xcomp|1 Arnor|NNP|dobj|3 .|.|punct|1",
                ents=[(0, 1, "GPE"), (4, 5, "GPE")])
    [agree] = run_events(doc)  # the meeting agreed to is part of the agreement, not a second event
    assert agree.type == "AGREE" and _names(agree.actors) == ["Gondor"] and _names(agree.recipients) == ["Arnor"]


def test_object_control_gives_the_complement_its_actor() -> None:
    doc = parse("Gondor|NNP|nsubj|1 urged=urge|VBD|ROOT|1 Arnor|NNP|dobj|1 to|TO|aux|4 withdraw|VB|xcomp|1 "
                ".|.|punct|1", ents=STATES)
    [request] = run_events(doc)
    assert (request.type, request.mode) == ("REQUEST", "yield")
    assert _names(request.actors) == ["Gondor"] and _names(request.recipients) == ["Arnor"]


def test_a_hostile_vow_is_a_threat_aimed_at_the_target() -> None:
    doc = parse("Gondor|NNP|nsubj|1 vowed=vow|VBD|ROOT|1 to|TO|aux|3 attack|VB|xcomp|1 Arnor|NNP|dobj|3 .|.|punct|1",
                ents=[(0, 1, "GPE"), (4, 5, "GPE")])
    [threat] = run_events(doc)
    assert (threat.type, threat.mode) == ("THREATEN", "violence") and _names(threat.recipients) == ["Arnor"]


def test_a_cooperative_act_announced_is_an_agreement_in_its_place() -> None:
    doc = parse("Gondor|NNP|nsubj|2 will|MD|aux|2 visit|VB|ROOT|2 Arnor|NNP|dobj|2 .|.|punct|2",
                ents=[(0, 1, "GPE"), (3, 4, "GPE")])
    [agree] = run_events(doc)
    assert (agree.type, agree.mode, agree.modality, agree.date) == ("AGREE", "meet", (), "2019-03-12")
    assert _names(agree.actors) == ["Gondor"] and _names(agree.recipients) == ["Arnor"]


def test_an_act_announced_unless_another_acts_is_a_threat() -> None:
    doc = parse("Gondor|NNP|nsubj|2 will|MD|aux|2 visit|VB|ROOT|2 Arnor|NNP|dobj|2 unless|IN|mark|6 "
                "Rohan|NNP|nsubj|6 pays=pay|VBZ|advcl|2 .|.|punct|2",
                ents=[(0, 1, "GPE"), (3, 4, "GPE"), (5, 6, "GPE")])
    assert [(e.type, _names(e.actors), _names(e.recipients)) for e in run_events(doc)] == [
        ("THREATEN", ["Gondor"], ["Arnor"])]


def test_sworn_to_fight_is_a_threat_and_sworn_in_no_event() -> None:
    doc = parse("Gondor|NNP|nsubj|2 has=have|VBZ|aux|2 sworn=swear|VBN|ROOT|2 to|TO|aux|4 attack|VB|xcomp|2 "
                "Arnor|NNP|dobj|4 .|.|punct|2", ents=[(0, 1, "GPE"), (5, 6, "GPE")])
    assert [(e.type, e.mode) for e in run_events(doc)] == [("THREATEN", "violence")]
    doc = parse("Aragorn|NNP|nsubjpass|2 was=be|VBD|auxpass|2 sworn=swear|VBN|ROOT|2 in|RP|prt|2 .|.|punct|2",
                ents=[(0, 1, "PERSON")])
    assert run_events(doc) == []


def test_opposing_a_proposal_is_a_rejection_and_opposing_a_side_a_disapproval() -> None:
    doc = parse("Gondor|NNP|nsubj|1 opposed=oppose|VBD|ROOT|1 the|DT|det|3 plan|NN|dobj|1 .|.|punct|1",
                ents=[(0, 1, "GPE")])
    assert [e.type for e in run_events(doc)] == ["REJECT"]
    doc = parse("Gondor|NNP|nsubj|1 opposed=oppose|VBD|ROOT|1 Arnor|NNP|dobj|1 .|.|punct|1",
                ents=[(0, 1, "GPE"), (2, 3, "GPE")])
    assert [(e.type, e.mode) for e in run_events(doc)] == [("ACCUSE", "disapprove")]


def test_a_cooperative_act_foretold_is_kept_with_an_agreement_beside_it() -> None:
    doc = parse("Gondor|NNP|nsubj|1 is=be|VBZ|ROOT|1 about|JJ|acomp|1 to|TO|aux|4 visit|VB|xcomp|2 "
                "Arnor|NNP|dobj|4 .|.|punct|1", ents=[(0, 1, "GPE"), (5, 6, "GPE")])
    visit, agree = run_events(doc)
    assert (visit.type, visit.modality) == ("CONSULT", ("future",)) and agree.type == "AGREE"


def test_same_type_trigger_under_another_is_one_event() -> None:
    doc = parse("Rebels=rebel|NNS|nsubj|1 executed=execute|VBD|ROOT|1 civilians=civilian|NNS|dobj|1 in|IN|prep|1 "
                "massacres=massacre|NNS|pobj|3 .|.|punct|1")
    [event] = run_events(doc)
    assert event.type == "ASSAULT" and _names(event.actors) == ["Rebels"] and _names(event.recipients) == ["civilians"]


def test_an_event_noun_object_points_to_its_actor() -> None:
    doc = parse("Gondor|NNP|nsubj|1 condemned=condemn|VBD|ROOT|1 an|DT|det|3 attack|NN|dobj|1 by|IN|prep|3 "
                "Arnor|NNP|pobj|4 .|.|punct|1", ents=[(0, 1, "GPE"), (5, 6, "GPE")])
    condemn, attack = run_events(doc)
    assert condemn.type == "ACCUSE" and _names(condemn.recipients) == ["Arnor"]
    assert attack.type == "ASSAULT" and _names(attack.actors) == ["Arnor"]


SIEGE = ("Iraqi|JJ|amod|1 forces=force|NNS|nsubj|2 were=be|VBD:AUX|ROOT|2 in|IN|prep|2 the|DT|det|6 "
         "second|JJ|amod|6 week|NN|pobj|3 of|IN|prep|6 a|DT|det|9 siege|NN|pobj|7 against|IN|prep|9 "
         "militants=militant|NNS|pobj|10 in|IN|prep|11 Mosul|NNP|pobj|12 on|IN|prep|2 Tuesday|NNP|pobj|14 "
         ".|.|punct|2")


def test_nominal_event_takes_the_subject_of_its_clause_its_place_and_date() -> None:
    doc = parse(SIEGE, ents=[(0, 1, "NORP"), (13, 14, "GPE"), (15, 16, "DATE")])
    [event] = run_events(doc, published="2016-10-25", places=[place(doc, "Mosul", 99072)],
                         dates=[date(doc, "Tuesday", "2016-10-25")])
    assert event.type == "ASSAULT"
    assert [(a.name, a.country, a.sector) for a in event.actors] == [("Iraqi forces", "IRQ", "MIL")]
    assert _names(event.recipients) == ["militants"]
    assert event.location is not None and event.location.geonameid == 99072
    assert event.date == "2016-10-25" and event.modality == ()


def test_pronoun_actor_and_attribution() -> None:
    doc = parse("Gondor|NNP|nsubj|1 said=say|VBD|ROOT|1 it|PRP|nsubj|4 will|MD|aux|4 attack|VB|ccomp|1 "
                "Arnor|NNP|pobj|4 .|.|punct|1", ents=[(0, 1, "GPE"), (5, 6, "GPE")])
    [event] = run_events(doc)  # a hostile act announced by its actor is a threat
    assert (event.type, event.mode) == ("THREATEN", "violence") and _names(event.actors) == ["Gondor"]
    assert event.modality == ("reported",) and event.reported_by == "Gondor"


def test_a_reported_must_is_a_demand() -> None:
    doc = parse("Gondor|NNP|nsubj|1 said=say|VBD|ROOT|1 Arnor|NNP|nsubj|4 must|MD|aux|4 withdraw|VB|ccomp|1 "
                ".|.|punct|1", ents=STATES)
    [demand] = run_events(doc)  # the withdrawal is what is demanded, folded into the demand (its mode)
    assert (demand.type, demand.mode) == ("REQUEST", "yield") and demand.modality == ()
    assert _names(demand.actors) == ["Gondor"] and _names(demand.recipients) == ["Arnor"]


# --- location, date, records ------------------------------------------------------------------------------


MEETING = ("Carter|NNP|nsubj|1 spoke=speak|VBD|ROOT|1 at|IN|prep|1 a|DT|det|5 Paris|NNP|compound|5 "
           "meeting|NN|pobj|2 .|.|punct|1")


def test_a_town_before_an_event_noun_is_its_place_not_its_actor() -> None:
    doc = parse(MEETING, ents=[(0, 1, "PERSON"), (4, 5, "GPE")])
    [event] = run_events(doc, places=[place(doc, "Paris", 2988507)])
    assert event.type == "CONSULT" and _names(event.actors) == ["Carter"]
    assert event.location is not None and (event.location.geonameid, event.location.lat) == (2988507, 1.0)


def test_a_demonym_is_no_location_and_the_dateline_is_the_last_resort() -> None:
    doc = parse("Iraqi|JJ|amod|1 forces=force|NNS|nsubj|2 attacked=attack|VBD|ROOT|2 rebels=rebel|NNS|dobj|2 "
                ".|.|punct|2", ents=[(0, 1, "NORP")])
    iraq = place(doc, "Iraqi", 99237, feature="country", name="Iraq")
    [event] = run_events(doc, places=[iraq])
    assert event.location is None
    [event] = run_events(doc, places=[iraq], dateline="BAGHDAD")
    assert event.location is not None and event.location.name == "BAGHDAD"


def test_an_old_date_makes_an_event_historical() -> None:
    doc = parse("Gondor|NNP|nsubj|1 invaded=invade|VBD|ROOT|1 Arnor|NNP|dobj|1 in|IN|prep|1 1995|CD|pobj|3 "
                ".|.|punct|1", ents=STATES + [(4, 5, "DATE")])
    [event] = run_events(doc, dates=[date(doc, "1995", "1995")])
    assert event.date == "1995" and event.modality == ("historical",)


def test_no_date_attached_means_the_publication_date() -> None:
    doc = parse("Gondor|NNP|nsubj|1 invaded=invade|VBD|ROOT|1 Arnor|NNP|dobj|1 .|.|punct|1", ents=STATES)
    assert run_events(doc, published="2019-03-12T08:00:00Z")[0].date == "2019-03-12"
    assert run_events(doc, published=None)[0].date is None


def test_an_event_inside_a_quote_is_reported_by_it() -> None:
    doc = parse("Gondor|NNP|nsubj|1 invaded=invade|VBD|ROOT|1 Arnor|NNP|dobj|1 .|.|punct|1", ents=STATES)
    direct = Quote(id="q1", kind="direct", text=doc.text, start=0, end=len(doc.text))
    [event] = run_events(doc, quotes=[direct])
    assert event.modality == ("reported",) and event.reported_by == "q1"


def test_what_is_urged_is_not_reported_by_the_urging() -> None:
    doc = parse("Gondor|NNP|nsubj|1 urged=urge|VBD|ROOT|1 Arnor|NNP|dobj|1 to|TO|aux|4 withdraw|VB|xcomp|1 "
                ".|.|punct|1", ents=STATES)
    urging = Quote(id="q2", kind="indirect", text="Arnor to withdraw", start=13, end=30,
                   cue=TextSpan("urged", 7, 12))
    [request] = run_events(doc, quotes=[urging])
    assert request.type == "REQUEST" and request.reported_by is None and "reported" not in request.modality


def test_records_slice_back_and_ids_are_stable() -> None:
    text = ("Gondor|NNP|nsubj|1 invaded=invade|VBD|ROOT|1 Arnor|NNP|dobj|1 .|.|punct|1 "
            "Arnor|NNP|nsubj|5 protested=protest|VBD|ROOT|5 .|.|punct|5")
    doc = parse(text, ents=STATES + [(4, 5, "GPE")], sent_starts=[0, 4])
    first, second = run_events(doc), run_events(parse(text, ents=STATES + [(4, 5, "GPE")], sent_starts=[0, 4]))
    assert [e.id for e in first] == [e.id for e in second] and len({e.id for e in first}) == 2
    for event in first:
        assert doc.text[event.evidence.start:event.evidence.end] == event.evidence.text
        assert 0.0 < event.confidence <= 1.0
    assert [e.evidence.text for e in first] == ["Gondor invaded Arnor.", "Arnor protested."]


def test_stage_declares_what_it_needs() -> None:
    assert stage.NEEDS == ("sentences", "deps", "ner", "entities", "dates", "places", "quotes")
    assert stage.GIVES == ("events",)


@pytest.mark.parametrize(("rest", "country"), [
    ("lifted=lift|VBD|ROOT|1 the|DT|det|3 curfew|NN|dobj|1 in|IN|prep|1 Sudan|NNP|pobj|4 .|.|punct|1", "SDN"),
    ("met=meet|VBD|ROOT|1 the|DT|det|3 president|NN|dobj|1 of|IN|prep|3 Sudan|NNP|pobj|4 .|.|punct|1", None),
])
def test_a_person_without_a_state_takes_the_one_outside_the_other_side(rest: str, country: str | None) -> None:
    doc = parse(f"Bashir|NNP|nsubj|1 {rest}", ents=[(0, 1, "PERSON"), (5, 6, "GPE")])
    [event] = run_events(doc)
    assert [(a.name, a.country) for a in event.actors] == [("Bashir", country)]


def test_a_plural_the_lemmatiser_gets_wrong_still_matches() -> None:
    doc = parse("Troops=troop|NNS|nsubj|1 set|VBD|ROOT|1 up|RP|prt|1 two|CD|nummod|4 bases=basis|NNS|dobj|1 "
                ".|.|punct|1")
    assert [(e.type, e.mode) for e in run_events(doc)] == [("MOBILIZE", "troops")]


def test_a_coordinated_modifier_makes_one_actor_per_state() -> None:
    doc = parse("French|JJ|amod|3 and|CC|cc|0 Egyptian|JJ|conj|0 warships=warship|NNS|nsubj|4 "
                "attacked=attack|VBD|ROOT|4 Arnor|NNP|dobj|4 .|.|punct|4",
                ents=[(0, 1, "NORP"), (2, 3, "NORP"), (5, 6, "GPE")])
    [event] = run_events(doc)
    assert sorted(a.country or "" for a in event.actors) == ["EGY", "FRA"]


@pytest.mark.parametrize("annotated, ents", [
    # a wire dateline: the month after the city's comma is no march
    ("NEW|NNP|compound|1 YORK|NNP|ROOT|1 ,|,|punct|1 March|NNP|appos|1 5|CD|nummod|3 -|:|punct|1",
     [(0, 2, "GPE"), (3, 5, "DATE")]),
    ("Talks|NNS|nsubj|1 resumed=resume|VBD|ROOT|1 on|IN|prep|1 Strike|NNP|compound|4 Day|NNP|pobj|2 .|.|punct|1",
     [(3, 5, "DATE")]),
])
def test_words_inside_a_date_trigger_nothing(annotated: str, ents: list) -> None:  # type: ignore[type-arg]
    assert [e.type for e in run_events(parse(annotated, ents=ents))
            if e.evidence.text and ("March" in e.evidence.text or "Strike" in e.evidence.text)
            and e.type in ("PROTEST", "ASSAULT", "COERCE")] == []


def test_a_participle_or_noun_describing_a_noun_is_no_event() -> None:
    doc = parse("Helicopters=helicopter|NNS|nsubj|1 evacuated=evacuate|VBD|ROOT|1 the|DT|det|4 "
                "besieged=besiege|VBN|amod|4 town|NN|dobj|1 .|.|punct|1")
    assert [e.type for e in run_events(doc)] == ["AID"]


def test_a_noun_before_a_light_noun_is_the_event() -> None:
    doc = parse("Gondor|NNP|nsubj|1 launched=launch|VBD|ROOT|1 a|DT|det|4 mediation|NN|compound|4 "
                "mission|NN|dobj|1 .|.|punct|1", ents=[(0, 1, "GPE")])
    assert [e.type for e in run_events(doc)] == ["CONSULT"]


def test_dispersing_a_march_leaves_the_march_an_event() -> None:
    doc = parse("Police=police|NNS|nsubj|1 dispersed=disperse|VBD|ROOT|1 the|DT|det|3 march|NN|dobj|1 .|.|punct|1")
    assert sorted(e.type for e in run_events(doc)) == ["COERCE", "PROTEST"]


def test_what_protesters_do_as_protesters_is_a_protest() -> None:
    doc = parse("Rioters=rioter|NNS|nsubj|1 attacked=attack|VBD|ROOT|1 police|NNS|dobj|1 .|.|punct|1")
    [event] = run_events(doc)
    assert (event.type, event.mode) == ("PROTEST", "riot")


def test_insisting_on_a_statement_is_no_demand() -> None:
    doc = parse("Gondor|NNP|nsubj|1 insisted=insist|VBD|ROOT|1 it|PRP|nsubj|3 won=win|VBD|ccomp|1 .|.|punct|1",
                ents=[(0, 1, "GPE")])
    assert run_events(doc) == []


def test_deaths_a_disaster_caused_are_no_assault() -> None:
    doc = parse("The|DT|det|1 blaze|NN|nsubj|2 killed=kill|VBD|ROOT|2 six|CD|dobj|2 .|.|punct|2")
    assert run_events(doc) == []


def test_an_explosion_is_an_assault_only_with_a_weapon_in_sight() -> None:
    gas = parse("An|DT|det|1 explosion|NN|nsubj|2 hit=hit|VBD|ROOT|2 the|DT|det|4 factory|NN|dobj|2 .|.|punct|2")
    assert run_events(gas) == []
    bomb = parse("A|DT|det|2 bomb|NN|compound|2 explosion|NN|nsubj|3 hit=hit|VBD|ROOT|3 the|DT|det|5 "
                 "market|NN|dobj|3 .|.|punct|3")
    assert [e.type for e in run_events(bomb)] == ["ASSAULT"]


def test_deaths_after_fire_was_opened_are_an_assault_not_a_blaze() -> None:
    shot = parse("Six|CD|nsubjpass|2 were=be|VBD|auxpass|2 killed=kill|VBN|ROOT|2 and|CC|cc|2 "
                 "dozens=dozen|NNS|nsubj|5 wounded=wound|VBD|conj|2 after|IN|mark|8 troops=troop|NNS|nsubj|8 "
                 "opened=open|VBD|advcl|5 fire|NN|dobj|8 on|IN|prep|8 protesters=protester|NNS|pobj|10 .|.|punct|2")
    assert [e.type for e in run_events(shot)] == ["ASSAULT"]
    blaze = parse("Six|CD|nsubjpass|2 were=be|VBD|auxpass|2 killed=kill|VBN|ROOT|2 in|IN|prep|2 a|DT|det|5 "
                  "fire|NN|pobj|3 .|.|punct|2")
    assert run_events(blaze) == []


def test_releasing_a_report_is_no_retreat_but_releasing_hostages_is() -> None:
    report = parse("The|DT|det|1 ministry|NN|nsubj|2 released=release|VBD|ROOT|2 figures=figure|NNS|dobj|2 "
                   ".|.|punct|2")
    assert run_events(report) == []
    hostages = parse("Rebels=rebel|NNS|nsubj|1 released=release|VBD|ROOT|1 the|DT|det|3 "
                     "hostages=hostage|NNS|dobj|1 .|.|punct|1")
    assert [e.type for e in run_events(hostages)] == ["RETREAT"]
    gas = parse("The|DT|det|1 plant|NN|nsubj|2 released=release|VBD|ROOT|2 toxic|JJ|amod|4 gas|NN|dobj|2 "
                ".|.|punct|2")
    assert run_events(gas) == []
    care = parse("Dozens=dozen|NNS|nsubj|1 sought=seek|VBD|ROOT|1 medical|JJ|amod|3 attention|NN|dobj|1 "
                 ".|.|punct|1")
    assert run_events(care) == []


def test_a_cooperative_act_its_actor_says_it_will_not_do_is_a_refusal() -> None:
    refusal = parse("Gondor|NNP|nsubj|3 will|MD|aux|3 not|RB|neg|3 accept|VB|ROOT|3 refugees=refugee|NNS|dobj|3 "
                    ".|.|punct|3", ents=[(0, 1, "GPE")])
    [event] = run_events(refusal)
    assert event.type == "REJECT" and "negated" not in event.modality and "future" not in event.modality
    past = parse("Gondor|NNP|nsubj|3 did=do|VBD|aux|3 not|RB|neg|3 accept|VB|ROOT|3 refugees=refugee|NNS|dobj|3 "
                 ".|.|punct|3", ents=[(0, 1, "GPE")])
    assert [e.type for e in run_events(past)] != ["REJECT"]  # what did not happen is no refusal stated
