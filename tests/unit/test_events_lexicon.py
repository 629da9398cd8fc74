"""The event trigger lexicon (data/event_triggers.tsv) and the CASE 2021 mapping (data/case_to_plover.tsv)."""

from __future__ import annotations

from collections import Counter

import pytest

from dateline.evaluation.events import case_to_plover
from dateline.stages.events.lexicon import NOT_AN_EVENT, PLOVER_TYPES, Rule, parse_rows, rules, rules_for

# PLOVER modes the lexicon uses, by type (PLOVER 2 names; AGREE, SUPPORT, COOPERATE, CONCEDE and SANCTION's
# general rows carry none).
MODES = {
    "CONSULT": {"visit", "host", "phone", "third-party"},
    "AID": {"economic", "military", "humanitarian", "peacekeeping", "asylum"},
    "COOPERATE": {"military", "legal"},
    "RETREAT": {"withdraw", "release", "return", "ceasefire", "disarm", "access"},
    "REQUEST": {"meet"},
    "ACCUSE": {"allege", "disapprove", "investigate"},
    "THREATEN": {"relations", "violence"},
    "PROTEST": {"demo", "strike", "hunger", "boycott", "obstruct", "riot"},
    "SANCTION": {"withdraw", "expel", "discontinue"},
    "MOBILIZE": {"troops", "police", "weapons"},
    "COERCE": {"arrest", "detain", "restrict", "ban", "curfew", "martial-law", "censor", "deport", "seize"},
    "ASSAULT": {"beat", "sexual", "massacre", "cleansing", "assassinate", "primitive", "torture", "abduct",
                "firearms", "heavy-weapons", "aerial", "explosives", "suicide-attack", "cbrn"},
}


def test_every_plover_type_has_triggers_of_both_kinds() -> None:
    by_type = Counter((r.type, r.pos) for r in rules())
    for type_ in PLOVER_TYPES:
        assert by_type[(type_, "VERB")] >= 3, type_
        assert by_type[(type_, "NOUN")] >= 2, type_


def test_modes_are_plover_modes_of_their_type() -> None:
    for rule in rules():
        if rule.mode is not None:
            assert rule.mode in MODES.get(rule.type, set()), rule


def test_no_trigger_is_listed_twice() -> None:
    keys = Counter((r.words, r.pos) for r in rules())
    assert [k for k, n in keys.items() if n > 1] == []


@pytest.mark.parametrize(("trigger", "pos", "anchor"), [
    ("attack", "VERB", "attack"), ("air strike", "NOUN", "strike"), ("call for", "VERB", "call"),
    ("campaign against", "NOUN", "campaign"), ("state of emergency", "NOUN", "state"),
    ("welcome ACTOR", "VERB", "welcome"), ("cease-fire", "NOUN", "fire"),
])
def test_anchor_is_the_head_word(trigger: str, pos: str, anchor: str) -> None:
    [rule] = parse_rows(["trigger\tpos\ttype\tmode\tnote", f"{trigger}\t{pos}\tASSAULT\t\t"])
    assert rule.words[rule.anchor] == anchor
    assert rule.words in {r.words for r in rules_for(anchor)}  # the packaged row is indexed under it


def test_longest_phrases_come_first() -> None:
    lengths = [len(r.words) for r in rules_for("strike")]
    assert lengths == sorted(lengths, reverse=True)


@pytest.mark.parametrize("row", ["attack\tVERB\tFIGHT\t\t", "attack\tADV\tASSAULT\t\t", "\tVERB\tASSAULT\t\t"])
def test_bad_rows_are_refused(row: str) -> None:
    with pytest.raises(ValueError):
        parse_rows(["trigger\tpos\ttype\tmode\tnote", row])


def test_stop_phrases_report_nothing() -> None:
    stops = [r for r in rules() if r.type == NOT_AN_EVENT]
    assert stops and all(not r.event for r in stops)
    assert Rule(("attack",), "VERB", "ASSAULT").event


def test_case_mapping_covers_every_subtype_with_plover_types() -> None:
    mapping = case_to_plover()
    assert len(mapping) == 30
    assert {v for v in mapping.values() if v is not None} <= set(PLOVER_TYPES)
    assert mapping["AIR_STRIKE"] == "ASSAULT" and mapping["NATURAL_DISASTER"] is None
