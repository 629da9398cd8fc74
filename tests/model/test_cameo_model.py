"""Dictionary mode on sentences the model parses: codes, dyads, agents, negation (tiny dictionaries)."""

from __future__ import annotations

import pytest

from dateline.evaluation.events import extract
from dateline.records import Event
from dateline.settings import Settings

VERBS = """--- ABANDON  [345]  ---
ABANDON
- * DIPLOMATIC TIES [1711]

--- AGREE  [081] ---
AGREE
- % * [030:030]

--- VISIT [042:043] ---
VISIT
"""
ACTORS = "ARNOR [ARN]\n+ARNORIAN\nGONDOR [GON]\nOSGILIATH [OSG]\n"
AGENTS = "GOVERNMENT  [~GOV]\nOFFICIAL [~GOV]\n"
MAPPING = "03: AGREE\n04: CONSULT\n17: COERCE\n34: PROTEST\n"


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    folder = tmp_path_factory.mktemp("cameo")
    for name, text in (("verbs", VERBS), ("actors", ACTORS), ("agents", AGENTS), ("map", MAPPING)):
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return Settings(cameo_verbs=str(folder / "verbs.txt"),
                    cameo_actors=(str(folder / "actors.txt"), str(folder / "agents.txt")),
                    cameo_to_plover=str(folder / "map.txt"))


def _events(text: str, settings: Settings) -> tuple[Event, ...]:
    return next(extract([(text, "2020-05-01")], settings))


def test_a_pattern_codes_source_and_target(settings: Settings) -> None:
    events = _events("Arnor will abandon full diplomatic ties with Gondor.", settings)
    assert [(e.type, [a.country for a in e.actors], [r.country for r in e.recipients]) for e in events] == [
        ("COERCE", ["ARN"], ["GON"])]
    assert events[0].evidence.text.startswith("Arnor will abandon")


def test_the_block_code_and_an_agent(settings: Settings) -> None:
    events = _events("Gondor's government abandoned Osgiliath on Monday.", settings)
    assert [(e.type, [(a.country, a.sector) for a in e.actors]) for e in events] == [("PROTEST", [("GON", "GOV")])]


def test_actors_outside_the_dictionaries_give_no_event(settings: Settings) -> None:
    assert _events("Ruritania abandoned Freedonia on Monday.", settings) == ()
    assert _events("An official abandoned Gondor on Monday.", settings) == ()  # an agent alone names nobody


def test_a_negated_verb_is_coded_and_flagged(settings: Settings) -> None:
    events = _events("Arnor will not abandon Gondor.", settings)
    assert [e.type for e in events] == ["PROTEST"] and "negated" in events[0].modality


def test_two_way_codes_and_compound_sources(settings: Settings) -> None:
    visit = _events("Arnor visited Gondor on Monday.", settings)
    assert sorted((e.type, e.actors[0].country, e.recipients[0].country) for e in visit) == [
        ("CONSULT", "ARN", "GON"), ("CONSULT", "GON", "ARN")]
    agree = _events("Gondor and Osgiliath agree.", settings)
    assert sorted(e.actors[0].country for e in agree) == ["GON", "OSG"]
    assert all(e.type == "AGREE" for e in agree)
