"""The first entities stage: grouping the model's entities into Entity records."""

from __future__ import annotations

import pytest

from dateline.settings import DEFAULT
from dateline.stages.entities import entity_name, extract_entities, name_key

from .helpers import make_doc


def test_same_name_is_one_entity_with_every_mention() -> None:
    doc = make_doc("[Carter](PERSON) met [Lavrov](PERSON) . Then [Carter](PERSON) left [the UN](ORG) .")
    ents = extract_entities(doc, settings=DEFAULT)
    assert [(e.name, e.type, len(e.mentions)) for e in ents] == [("Carter", "PERSON", 2), ("Lavrov", "PERSON", 1),
                                                                  ("UN", "ORG", 1)]
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
