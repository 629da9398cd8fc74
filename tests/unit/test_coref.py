"""Reference resolution: pronouns and role nouns to the most salient earlier entity."""

from __future__ import annotations

import pytest

from dateline.coref import resolve_reference
from dateline.records import Entity, Span

from .helpers import parsed_doc

# "Smith met Jones . He left . The minister spoke ."   (Smith is the subject of sentence 1)
ROWS = [("Smith", 1, "nsubj", "PROPN"), ("met", 1, "ROOT", "VERB"), ("Jones", 1, "dobj", "PROPN"),
        (".", 1, "punct", "PUNCT"),
        ("He", 5, "nsubj", "PRON"), ("left", 5, "ROOT", "VERB"), (".", 5, "punct", "PUNCT"),
        ("The", 8, "det", "DET"), ("minister", 9, "nsubj", "NOUN"), ("spoke", 9, "ROOT", "VERB"),
        (".", 9, "punct", "PUNCT"),
        ("They", 12, "nsubj", "PRON"), ("agreed", 12, "ROOT", "VERB")]


def _entities(doc) -> list[Entity]:  # type: ignore[no-untyped-def]
    def ent(name: str, i: int, type_: str, role: str | None = None) -> Entity:
        tok = doc[i]
        return Entity(id=name, name=name, type=type_, role=role,
                      mentions=(Span(tok.text, tok.idx, tok.idx + len(tok)),))
    return [ent("Smith", 0, "PERSON"), ent("Jones", 2, "PERSON", role="Foreign Minister")]


@pytest.fixture()
def doc():  # type: ignore[no-untyped-def]
    return parsed_doc(ROWS, sent_starts=[0, 4, 7, 11])


def test_pronoun_goes_to_the_subject_of_the_nearest_sentence(doc) -> None:  # type: ignore[no-untyped-def]
    assert resolve_reference(doc, doc[4], _entities(doc)).name == "Smith"  # type: ignore[union-attr]


def test_role_noun_goes_to_the_person_with_that_role(doc) -> None:  # type: ignore[no-untyped-def]
    assert resolve_reference(doc, doc[8], _entities(doc)).name == "Jones"  # type: ignore[union-attr]


def test_nothing_fitting_gives_none(doc) -> None:  # type: ignore[no-untyped-def]
    assert resolve_reference(doc, doc[11], _entities(doc)) is None
    assert resolve_reference(doc, doc[1], _entities(doc)) is None


def test_no_antecedent_before_the_first_mention(doc) -> None:  # type: ignore[no-untyped-def]
    assert resolve_reference(doc, doc[0], _entities(doc)) is None
