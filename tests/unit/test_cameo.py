"""Dictionary mode without a model: the PETRARCH dictionary readers, pattern matching on word lists, the
settings it needs."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.cameo import read_actors, read_discards, read_mapping, read_verbs
from dateline.cameo.match import NO_ACTOR, Side, best_match
from dateline.cameo.verbs import COMPOUND, SOURCE, SYNSET, TARGET, WORD
from dateline.errors import DictionaryError, SettingsError
from dateline.settings import Settings, load_settings
from dateline.stages.events.dictionary import cameo_state

VERBS = """<!-- a tiny verb dictionary -->
&TIES_
+MILITARY
+ECONOMIC

&MONEY
+DOLLAR
+SWISS FRANC

&BOTH
+&TIES
+CLOSER

--- ABANDON  [345]  ---
ABANDON    # a comment
KLM_NOP_+RST [002]
- * NEW_&TIES_RELATIONS [903]
- * DIPLOMATIC TIES [901]
- * &MONEY [904]
- INCHING &BOTH * [083]

--- BREAK [1717] ---
BREAK { BROKE BROKEN  }
+BREAK_DOWN {+BROKE_DOWN +BROKEN_DOWN }
- + * IN $  [075]
- * OFF_  [195]

--- AGREE  [081] ---
AGREE
- * WITH % [031]
- % * [030:030]
"""

ACTORS = """ARNOR_  [ARN]
+ARNORIAN
GOLLUM  # a comment
+SMEAGOL
\t[HOB < 950601]
\t[HOBGOV 19950601 - 19990815]
\t[HOBREB > 990816]
THE_SHIRE  [FRO/BIL/SAM]
ZIMBABWE
\t[RHO <790606]
\t[ZBW]
"""

AGENTS = """!PERSON! = MAN, MEN
GOVERNMENT  [~GOV]
POLICE {} [ ~COP]
GOLDEN_GOOSE {GOLDEN_GEESE} [~GGS]
CONGRESS!PERSON! [~LEG]
MSF {}  [NGO~]
"""


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def verbs(tmp_path: Path):  # type: ignore[no-untyped-def]
    return read_verbs(_write(tmp_path, "verbs.txt", VERBS))


def test_verb_forms_regular_irregular_and_multi_word(verbs) -> None:  # type: ignore[no-untyped-def]
    assert {f.words for f in verbs.forms_of("abandoned")} == {("ABANDONED",)}
    assert {f.words for f in verbs.forms_of("ABANDONING")} == {("ABANDONING",)}
    assert [f.words for f in verbs.forms_of("BROKEN")] == [("BROKEN", "DOWN"), ("BROKEN",)]
    assert verbs.forms_of("BREAKING") == ()  # irregular forms replace the regular ones
    rst = verbs.forms_of("RST")[0]
    assert (rst.words, rst.verb_at, rst.code) == (("KLM", "NOP", "RST"), 2, "002")
    assert [b.code for b in verbs.blocks] == ["345", "1717", "081"]


def test_synsets_nest_and_make_plurals_unless_the_label_ends_with_underscore(verbs) -> None:  # type: ignore[no-untyped-def]
    inching = verbs.blocks[0].patterns[3]
    assert inching.before[0].kind == SYNSET and set(inching.before[0].phrases) == {
        ("MILITARY",), ("ECONOMIC",), ("CLOSER",), ("CLOSERS",)}
    money = verbs.blocks[0].patterns[2].after[0]
    assert ("SWISS", "FRANC") in money.phrases and ("SWISS", "FRANCS") in money.phrases


def test_pattern_elements_and_underscore_joins(verbs) -> None:  # type: ignore[no-untyped-def]
    new_ties = verbs.blocks[0].patterns[0]
    assert [(e.kind, e.joined) for e in new_ties.after] == [(WORD, False), (SYNSET, True), (WORD, True)]
    broke = verbs.blocks[1].patterns[0]
    assert [e.kind for e in broke.before] == [TARGET] and [e.kind for e in broke.after] == [WORD, SOURCE]
    assert [e.kind for e in verbs.blocks[2].patterns[0].after] == [WORD, COMPOUND]


def _side(text: str, actors: dict[int, int] | None = None) -> Side:
    words = tuple(text.upper().split())
    return Side(words, tuple((actors or {}).get(i, NO_ACTOR) for i in range(len(words))))


@pytest.mark.parametrize(("after", "code"), [
    ("full diplomatic ties with Gondor", "901"),
    ("new economic relations with Gondor", "903"),
    ("new global economic relations", None),  # NEW_&TIES_ must be consecutive
    ("a million swiss francs", "904"),
])
def test_the_most_specific_pattern_wins(verbs, after: str, code: str | None) -> None:  # type: ignore[no-untyped-def]
    found = best_match(verbs.blocks[0].patterns, _side(""), _side(after))
    assert (found.pattern.code if found else None) == code


def test_synset_phrases_match_backwards_before_the_verb(verbs) -> None:  # type: ignore[no-untyped-def]
    found = best_match(verbs.blocks[0].patterns, _side(" ".join(reversed("is inching closer to".split()))),
                       _side(""))
    assert found is not None and found.pattern.code == "083"


def test_actor_slots_take_whole_actor_phrases(verbs) -> None:  # type: ignore[no-untyped-def]
    before = _side("gollum the", {0: 7})  # "the Gollum" read backwards
    after = _side("in minas tirith", {1: 3, 2: 3})
    found = best_match(verbs.blocks[1].patterns, before, after)
    assert found is not None and found.pattern.code == "075"
    assert found.slots == {TARGET: ("before", 0), SOURCE: ("after", 1)}
    assert best_match(verbs.blocks[1].patterns, _side("gollum"), after) is None  # no actor before


def test_actors_synonyms_dates_and_compound_codes(tmp_path: Path) -> None:
    actors = read_actors(_write(tmp_path, "actors.txt", ACTORS))
    assert actors.actors[("ARNORIAN",)].codes(None) == ("ARN",)
    smeagol = actors.actors[("SMEAGOL",)]
    assert [smeagol.codes(d) for d in ("1990-01-01", "1997-05-05", "20010101")] == [("HOB",), ("HOBGOV",),
                                                                                     ("HOBREB",)]
    assert actors.actors[("THE", "SHIRE")].codes(None) == ("FRO", "BIL", "SAM")
    assert actors.actors[("ZIMBABWE",)].codes("1975-01-01") == ("RHO",)
    assert actors.actors[("ZIMBABWE",)].codes("1995-01-01") == ("ZBW",)


def test_agents_plurals_substitutions_and_prefixes(tmp_path: Path) -> None:
    agents = read_actors(_write(tmp_path, "agents.txt", AGENTS)).agents
    assert agents[("GOVERNMENTS",)].code == "GOV"
    assert ("POLICES",) not in agents and agents[("POLICE",)].code == "COP"
    assert agents[("GOLDEN", "GEESE")].code == "GGS"
    assert agents[("CONGRESSMEN",)].code == "LEG" and ("CONGRESS!PERSON!",) not in agents
    assert agents[("MSF",)].before


def test_discards_by_sentence_and_story(tmp_path: Path) -> None:
    discards = read_discards(_write(tmp_path, "discards.txt", "YEARS LATER\n+World Golf Championships # x\n"))
    assert discards.sentence == (("YEARS", "LATER"),)
    assert discards.story == (("WORLD", "GOLF", "CHAMPIONSHIPS"),)


@pytest.mark.parametrize(("name", "text", "where"), [
    ("verbs.txt", "--- MEET [031] ---\nMEET\n- * TALKS\n", "verbs.txt:3"),  # no code
    ("verbs.txt", "--- MEET [031] ---\nMEET\n- HOLD TALKS [031]\n", "verbs.txt:3"),  # no *
    ("verbs.txt", "MEET\n", "verbs.txt:1"),  # outside a block
    ("verbs.txt", "&A\n+&B\n--- MEET [031] ---\nMEET\n", "verbs.txt:2"),  # undefined nested synset
    ("actors.txt", "\t[ARN]\n", "actors.txt:1"),  # restriction before any actor
    ("actors.txt", "ARNOR\n\t[ARN 1990]\n", "actors.txt:2"),  # malformed restriction
    ("agents.txt", "X!NOPE! [~GOV]\n", "agents.txt:1"),  # undefined substitution
])
def test_malformed_lines_name_file_and_line(tmp_path: Path, name: str, text: str, where: str) -> None:
    path = _write(tmp_path, name, text)
    reader = read_verbs if name == "verbs.txt" else read_actors
    with pytest.raises(DictionaryError, match=where):
        reader(path)


def test_the_mapping_table_is_read_and_an_empty_one_refused(tmp_path: Path) -> None:
    assert read_mapping(_write(tmp_path, "map.txt", "# x\n03: AGREE\n031: AGREE, , x # y\n")) == {
        "03": "AGREE", "031": "AGREE"}
    with pytest.raises(DictionaryError):
        read_mapping(_write(tmp_path, "empty.txt", "# nothing\n"))


def test_cameo_verbs_needs_a_mapping_table() -> None:
    with pytest.raises(SettingsError, match="cameo_to_plover"):
        Settings(cameo_verbs="verbs.txt")
    assert Settings().cameo_verbs == "" and Settings().cameo_actors == ()


def test_relative_dictionary_paths_are_read_beside_the_settings_file(tmp_path: Path) -> None:
    config = _write(tmp_path, "cameo.toml", '[dateline]\ncameo_verbs = "v.txt"\ncameo_actors = ["a.txt", "/x/b.txt"]\n'
                                            'cameo_to_plover = "m.txt"\n')
    settings = load_settings(config)
    assert settings.cameo_verbs == str(tmp_path / "v.txt")
    assert settings.cameo_actors == (str(tmp_path / "a.txt"), "/x/b.txt")


@pytest.mark.parametrize(("code", "want"), [("GONGOV", ("GON", "GOV")), ("---GOV", (None, "GOV")),
                                            ("IGOCOPITP", (None, "COP")), ("USA", ("USA", None))])
def test_a_cameo_code_gives_state_and_sector(code: str, want: tuple[str | None, str | None]) -> None:
    assert cameo_state(code) == want
