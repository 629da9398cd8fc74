"""Roles from the parse: titles before a name and appositions after it (hand-built parses)."""

from __future__ import annotations

from spacy.tokens import Span

from dateline.stages.roles import role_of

from .helpers import parsed_doc


def _person(doc, start: int, end: int) -> Span:  # type: ignore[no-untyped-def]
    return Span(doc, start, end, label="PERSON")


def test_title_before_name() -> None:
    doc = parsed_doc([("US", 2, "compound", "PROPN"), ("Defense", 2, "compound", "PROPN"),
                      ("Secretary", 4, "compound", "PROPN"), ("Ash", 4, "compound", "PROPN"),
                      ("Carter", 5, "nsubj", "PROPN"), ("said", 5, "ROOT", "VERB")],
                     ents=[(0, 1, "GPE"), (3, 5, "PERSON")])
    assert role_of(_person(doc, 3, 5)) == "US Defense Secretary"


def test_possessive_title() -> None:
    doc = parsed_doc([("Russia", 4, "poss", "PROPN"), ("'s", 0, "case", "PART"), ("Foreign", 3, "compound", "PROPN"),
                      ("Minister", 5, "compound", "PROPN"), ("Sergei", 5, "compound", "PROPN"),
                      ("Lavrov", 6, "nsubj", "PROPN"), ("said", 6, "ROOT", "VERB")],
                     ents=[(0, 1, "GPE"), (4, 6, "PERSON")])
    assert role_of(_person(doc, 4, 6)) == "Russia's Foreign Minister"


def test_apposition_wins_and_loses_its_article() -> None:
    rows = [("Colonel", 2, "compound", "PROPN"), ("John", 2, "compound", "PROPN"), ("Dorrian", 9, "nsubj", "PROPN"),
            (",", 2, "punct", "PUNCT"), ("a", 5, "det", "DET"), ("spokesman", 2, "appos", "NOUN"),
            ("for", 5, "prep", "ADP"), ("the", 8, "det", "DET"), ("coalition", 6, "pobj", "NOUN"),
            ("said", 9, "ROOT", "VERB")]
    doc = parsed_doc(rows, ents=[(1, 3, "PERSON")])
    assert role_of(_person(doc, 1, 3)) == "spokesman for the coalition"


def test_no_role_without_a_title_word() -> None:
    doc = parsed_doc([("Ash", 1, "compound", "PROPN"), ("Carter", 2, "nsubj", "PROPN"), ("said", 2, "ROOT", "VERB")],
                     ents=[(0, 2, "PERSON")])
    assert role_of(_person(doc, 0, 2)) is None


def test_a_named_organisation_alone_is_not_a_role() -> None:
    doc = parsed_doc([("Reuters", 2, "compound", "PROPN"), ("Jane", 2, "compound", "PROPN"),
                      ("Doe", 3, "nsubj", "PROPN"), ("wrote", 3, "ROOT", "VERB")],
                     ents=[(0, 1, "ORG"), (1, 3, "PERSON")])
    assert role_of(_person(doc, 1, 3)) is None
