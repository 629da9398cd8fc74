"""Preparing Docs from the layout, and entity-type corrections — on hand-built Docs, no model."""

from __future__ import annotations

import pytest
import spacy

from dateline.nlp import fix_entity_types, prepare_doc

from .helpers import make_doc


@pytest.fixture(scope="module")
def blank():  # type: ignore[no-untyped-def]
    return spacy.blank("en")


def test_glued_run_is_split_and_text_kept(blank) -> None:  # type: ignore[no-untyped-def]
    text = "Title here\nMay 3, 2020The army said so."
    cut = text.index("The army")
    doc = prepare_doc(blank, text, splits=[cut], sentence_starts=[11, cut])
    assert doc.text == text
    assert [t.text for t in doc][6:9] == ["2020", "The", "army"]
    assert doc[7].is_sent_start and doc[3].is_sent_start


def test_splits_inside_whitespace_or_at_token_edges_are_ignored(blank) -> None:  # type: ignore[no-untyped-def]
    text = "one two"
    doc = prepare_doc(blank, text, splits=[3, 4, 0, 99])
    assert [t.text for t in doc] == ["one", "two"]


@pytest.mark.parametrize("marked, expected", [
    ("fighting in [Aleppo](LANGUAGE) continued", "GPE"),
    ("people speak [Arabic](LANGUAGE) there", "LANGUAGE"),
    ("from the Christian town of [Qaraqosh](PERSON) he said", "GPE"),
    ("the village of [Smallplace](ORG) was hit", "GPE"),
    ("troops moved to [Baghdad](PERSON) today", "GPE"),
    ("[Baghdad](PERSON) said nothing", "PERSON"),
    ("talks with [Smith](PERSON) ended", "PERSON"),
    ("[Iraqi](NORP) forces advanced", "NORP"),
])
def test_entity_type_corrections(marked: str, expected: str) -> None:
    doc = fix_entity_types(make_doc(marked))
    assert [e.label_ for e in doc.ents] == [expected]


def test_an_entity_of_only_a_line_break_is_dropped_and_spaces_are_trimmed(blank) -> None:  # type: ignore[no-untyped-def]
    from spacy.tokens import Span

    doc = blank("in\n\nLondon and \n\n ...")
    tokens = [t.text for t in doc]
    nl, london, dots = tokens.index("\n\n"), tokens.index("London"), tokens.index("...")
    doc.ents = [Span(doc, nl, london + 1, label="GPE"), Span(doc, london + 3, dots + 1, label="GPE")]
    fixed = fix_entity_types(doc)
    assert [(e.text, e.label_) for e in fixed.ents] == [("London", "GPE")]
