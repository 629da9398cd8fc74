"""The first entities stage: grouping the model's entities into Entity records."""

from __future__ import annotations

import pytest

from dateline.settings import DEFAULT
from dateline.stages.entities import entity_name, extract_entities, name_key

from .helpers import make_doc, parsed_doc


def test_same_name_is_one_entity_with_every_mention() -> None:
    doc = make_doc("[Carter](PERSON) met [Lavrov](PERSON) . Then [Carter](PERSON) left [the UN](ORG) .")
    ents = extract_entities(doc, settings=DEFAULT)
    assert [(e.name, e.type, len(e.mentions)) for e in ents] == [("Carter", "PERSON", 2), ("Lavrov", "PERSON", 1),
                                                                  ("United Nations", "ORG", 1)]
    for e in ents:
        for m in e.mentions:
            assert doc.text[m.start:m.end] == m.text


def test_dates_and_numbers_are_not_entities() -> None:
    doc = make_doc("[Tuesday](DATE) [five](CARDINAL) [Paris](GPE)")
    assert [e.name for e in extract_entities(doc, settings=DEFAULT)] == ["Paris"]


def test_ids_are_stable_and_distinct_by_type() -> None:
    a = extract_entities(make_doc("[Jordan](PERSON) and [Jordan](GPE)"), settings=DEFAULT)
    b = extract_entities(make_doc("[Jordan](GPE) again"), settings=DEFAULT)
    assert a[0].id != a[1].id and a[1].id == b[0].id


def test_spellings_with_and_without_accents_meet() -> None:
    ents = extract_entities(make_doc("[François Hollande](PERSON) , [Francois Hollande](PERSON)"), settings=DEFAULT)
    assert len(ents) == 1 and len(ents[0].mentions) == 2


@pytest.mark.parametrize("text, name", [
    ("the Middle East", "Middle East"), ("Russia's", "Russia"), ("  Ash\n Carter ", "Ash Carter"),
    ("UN’s", "UN"),
])
def test_entity_name(text: str, name: str) -> None:
    assert entity_name(text) == name


def test_name_key_folds_case_accents_punctuation() -> None:
    assert name_key("Jean-Marc Ayrault") == name_key("JEAN MARC AYRAULT") == "jean marc ayrault"


def test_surname_joins_full_name_whatever_its_type() -> None:
    doc = make_doc("[Francois Hollande](PERSON) spoke . Later [Hollande](ORG) said more .")
    ents = extract_entities(doc, settings=DEFAULT)
    assert [(e.name, e.type, [m.text for m in e.mentions]) for e in ents] == [
        ("Francois Hollande", "PERSON", ["Francois Hollande", "Hollande"])]


def test_surname_goes_to_the_nearest_earlier_namesake() -> None:
    doc = make_doc("[Ann Smith](PERSON) and [Bob Smith](PERSON) met . [Smith](PERSON) left .")
    ents = {e.name: len(e.mentions) for e in extract_entities(doc, settings=DEFAULT)}
    assert ents == {"Ann Smith": 1, "Bob Smith": 2}


def test_aliases_the_model_missed_are_one_actor() -> None:
    doc = make_doc("IS fighters fled . Daesh must go , the ISIS statement said .")
    ents = extract_entities(doc, settings=DEFAULT)
    isl = [e for e in ents if e.name == "Islamic State"]
    assert len(isl) == 1 and [m.text for m in isl[0].mentions] == ["IS", "Daesh", "ISIS"]
    assert isl[0].type == "ORG" and isl[0].sector == "REB"


def test_the_verb_is_is_not_the_group() -> None:
    assert extract_entities(make_doc("It is what it is ."), settings=DEFAULT) == []


def test_acronym_in_an_all_caps_headline_is_not_trusted() -> None:
    assert extract_entities(make_doc("WHAT IS NEXT FOR THE TALKS"), settings=DEFAULT) == []


def test_group_nouns_are_actors_with_country_and_sector() -> None:
    # "Iraqi forces advanced on the town"
    doc = parsed_doc([("Iraqi", 1, "amod", "ADJ"), ("forces", 2, "nsubj", "NOUN"), ("advanced", 2, "ROOT", "VERB"),
                      ("on", 2, "prep", "ADP"), ("the", 5, "det", "DET"), ("town", 3, "pobj", "NOUN")],
                     ents=[(0, 1, "NORP")])
    doc[1].tag_ = "NNS"
    groups = [e for e in extract_entities(doc, settings=DEFAULT) if e.type == "GROUP"]
    assert [(e.name, e.country, e.sector) for e in groups] == [("Iraqi forces", "IRQ", "MIL")]


def test_credits_line_is_not_an_actor() -> None:
    from dateline import extensions
    from dateline.records import Annotation, Article

    extensions.register()
    doc = make_doc("[Smith](PERSON) spoke . [AFP](ORG)")
    doc._.article = Article(id="a", source_id="a", text=doc.text,
                            annotations=(Annotation("credits", doc.text.index("AFP"), len(doc.text)),))
    assert [e.name for e in extract_entities(doc, settings=DEFAULT)] == ["Smith"]
    doc._.article = None
