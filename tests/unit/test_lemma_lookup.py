"""The lemma lookup sets exactly the lemmas spaCy's rule lemmatizer sets, asking it once per kind of token."""

from __future__ import annotations

import pytest
import spacy
from spacy.attrs import LEMMA
from spacy.lookups import Lookups
from spacy.tokens import Doc

from dateline import lemma_lookup

WORDS = ["The", "dogs", "ran", "and", "the", "dogs", "barked", ";", "Dogs", "ran", "faster", "than", "cats",
         "running", "John", "ran", "."]
POS = ["DET", "NOUN", "VERB", "CCONJ", "DET", "NOUN", "VERB", "PUNCT", "NOUN", "VERB", "ADV", "ADP", "NOUN",
       "VERB", "PROPN", "VERB", "PUNCT"]
MORPH = ["", "Number=Plur", "Tense=Past|VerbForm=Fin", "", "", "Number=Plur", "Tense=Past|VerbForm=Fin", "",
         "Number=Plur", "Tense=Past|VerbForm=Fin", "Degree=Cmp", "", "Number=Plur", "VerbForm=Ger", "Number=Sing",
         "Tense=Past|VerbForm=Fin", ""]


def _lemmatizer():  # type: ignore[no-untyped-def]
    nlp = spacy.blank("en")
    lemmatizer = nlp.add_pipe("lemmatizer", config={"mode": "rule"})
    lookups = Lookups()
    lookups.add_table("lemma_rules", {"noun": [["s", ""]], "verb": [["ing", ""], ["ed", ""], ["s", ""]],
                                      "adv": [["er", ""]]})
    lookups.add_table("lemma_index", {"noun": ["dog", "cat"], "verb": ["bark", "run"], "adv": ["fast"]})
    lookups.add_table("lemma_exc", {"verb": {"ran": ["run"]}})
    lemmatizer.initialize(lookups=lookups)
    return nlp, lemmatizer


def _doc(nlp, lemmas: dict[int, str] | None = None) -> Doc:  # type: ignore[no-untyped-def]
    doc = Doc(nlp.vocab, words=WORDS, pos=POS, morphs=MORPH)
    for i, lemma in (lemmas or {}).items():
        doc[i].lemma_ = lemma
    return doc


def test_the_lemmas_are_the_rule_lemmatizers() -> None:
    nlp, stock = _lemmatizer()
    expected = [t.lemma_ for t in stock(_doc(nlp))]
    assert expected[1] == "dog" and expected[2] == "run" and expected[10] == "fast"  # the rules do apply
    _, fresh = _lemmatizer()
    got = [t.lemma_ for t in lemma_lookup.LemmaLookup(fresh)(_doc(nlp))]
    assert got == expected


def test_each_kind_of_token_is_asked_once() -> None:
    nlp, lemmatizer = _lemmatizer()
    asked: list[str] = []
    rule = lemmatizer.lemmatize

    def counting(token):  # type: ignore[no-untyped-def]
        asked.append(token.text)
        return rule(token)

    lemmatizer.lemmatize = counting
    lookup = lemma_lookup.LemmaLookup(lemmatizer)
    lookup(_doc(nlp))
    kinds = {(w, p, m) for w, p, m in zip(WORDS, POS, MORPH, strict=True)}
    assert sorted(asked) == sorted(w for w, _p, _m in kinds)  # "dogs" and "ran" twice in the text, asked once
    assert len(lookup) == len(kinds)
    lookup(_doc(nlp))
    assert len(asked) == len(kinds)  # a second Doc of the same words asks nothing


def test_a_lemma_already_set_is_kept_unless_the_lemmatizer_overwrites() -> None:
    nlp, lemmatizer = _lemmatizer()
    doc = lemma_lookup.LemmaLookup(lemmatizer)(_doc(nlp, {2: "sprint"}))
    assert doc[2].lemma_ == "sprint" and doc[9].lemma_ == "run"
    nlp, lemmatizer = _lemmatizer()
    lemmatizer.overwrite = True
    doc = lemma_lookup.LemmaLookup(lemmatizer)(_doc(nlp, {2: "sprint"}))
    assert doc[2].lemma_ == "run"


def test_the_word_index_becomes_sets() -> None:
    _nlp, lemmatizer = _lemmatizer()
    lemma_lookup.LemmaLookup(lemmatizer)
    index = lemmatizer.lookups.get_table("lemma_index")
    assert all(isinstance(words, frozenset) for words in index.values())


def test_install_replaces_only_spacys_lemmatizer() -> None:
    nlp, _lemmatizer_ = _lemmatizer()
    assert lemma_lookup.install(nlp)
    assert type(nlp.get_pipe("lemmatizer")).__name__ == "LookupComponent"
    assert not lemma_lookup.install(nlp)  # already replaced: left as it is
    assert not lemma_lookup.install(spacy.blank("en"))  # no lemmatizer at all
    doc = nlp.get_pipe("lemmatizer")(_doc(nlp))
    assert doc.to_array([LEMMA]).all() and doc[1].lemma_ == "dog"


@pytest.mark.parametrize("words", [[], ["x"]])
def test_short_docs(words: list[str]) -> None:
    nlp, lemmatizer = _lemmatizer()
    doc = Doc(nlp.vocab, words=words, pos=["NOUN"] * len(words))
    assert [t.lemma_ for t in lemma_lookup.LemmaLookup(lemmatizer)(doc)] == list(words)
