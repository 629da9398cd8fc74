"""The attribute_ruler lookup sets exactly what spaCy's AttributeRuler sets, on hand-built Docs."""

from __future__ import annotations

import spacy
from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG
from spacy.tokens import Doc

from dateline import attribute_lookup

RULES = [
    {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN", "MORPH": "Number=Sing"}},
    {"patterns": [[{"TAG": "NN", "LOWER": {"IN": ["nothing", "something"]}}]], "attrs": {"POS": "PRON"}},
    {"patterns": [[{"TAG": "VBZ", "LOWER": "is"}]], "attrs": {"LEMMA": "be", "POS": "AUX"}},
    {"patterns": [[{"DEP": "expl"}, {"LOWER": {"IN": ["is", "was"]}}]], "attrs": {"POS": "VERB"}, "index": 1},
    {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "to"}, "index": -1},
    {"patterns": [[{"LOWER": {"REGEX": "^n[ou]thin'?$"}}]], "attrs": {"LEMMA": "nothing"}},
    {"patterns": [[{"IS_SPACE": True}]], "attrs": {"POS": "SPACE"}},
    {"patterns": [[{"TAG": {"NOT_IN": ["NN", ""]}, "DEP": {"IN": ["aux"]}}]], "attrs": {"POS": "AUX"}},
]
WORDS = ["There", "is", "nothing", "gon", "na", "stop", "it", "\n", "is", "nothin'", "rain"]
TAGS = ["EX", "VBZ", "NN", "VBG", "TO", "VB", "PRP", "_SP", "VBZ", "NN", "NN"]
DEPS = ["expl", "ROOT", "attr", "aux", "aux", "xcomp", "dobj", "dep", "aux", "nsubj", "appos"]
HEADS = [1, 1, 1, 5, 5, 2, 5, 5, 9, 9, 9]


def _pipeline(rules):  # type: ignore[no-untyped-def]
    nlp = spacy.blank("en")
    nlp.add_pipe("attribute_ruler").add_patterns(rules)
    return nlp


def _doc(nlp):  # type: ignore[no-untyped-def]
    return Doc(nlp.vocab, words=WORDS, tags=TAGS, deps=DEPS, heads=HEADS)


def _state(doc: Doc) -> list[list[int]]:
    return doc.to_array([POS, MORPH, LEMMA, TAG, DEP]).tolist()  # type: ignore[no-any-return]


def test_the_lookup_sets_what_the_ruler_sets() -> None:
    ruler_nlp, lookup_nlp = _pipeline(RULES), _pipeline(RULES)
    assert attribute_lookup.install(lookup_nlp)
    by_ruler = ruler_nlp.get_pipe("attribute_ruler")(_doc(ruler_nlp))
    by_lookup = lookup_nlp.get_pipe("attribute_ruler")(_doc(lookup_nlp))
    assert [t.pos_ for t in by_lookup] == [t.pos_ for t in by_ruler]
    assert [t.lemma_ for t in by_lookup] == [t.lemma_ for t in by_ruler]
    assert [str(t.morph) for t in by_lookup] == [str(t.morph) for t in by_ruler]
    # the rules did something: a later rule overrides an earlier one, a two-token rule hits its last token
    assert by_lookup[2].pos_ == "PRON" and str(by_lookup[2].morph) == "Number=Sing"
    assert by_lookup[1].pos_ == "VERB" and by_lookup[1].lemma_ == "be"
    assert by_lookup[4].lemma_ == "to" and by_lookup[7].pos_ == "SPACE" and by_lookup[9].lemma_ == "nothing"
    assert by_lookup[3].pos_ == "AUX" and by_lookup[8].pos_ == "AUX"


def test_a_second_doc_uses_the_cache_and_still_agrees() -> None:
    ruler_nlp, lookup_nlp = _pipeline(RULES), _pipeline(RULES)
    attribute_lookup.install(lookup_nlp)
    for _ in range(2):
        expected = _state(ruler_nlp.get_pipe("attribute_ruler")(_doc(ruler_nlp)))
        assert _state(lookup_nlp.get_pipe("attribute_ruler")(_doc(lookup_nlp))) == expected


def test_a_rule_with_an_operator_keeps_the_models_ruler() -> None:
    nlp = _pipeline([*RULES, {"patterns": [[{"LOWER": "very", "OP": "+"}]], "attrs": {"POS": "ADV"}}])
    assert not attribute_lookup.install(nlp)
    assert type(nlp.get_pipe("attribute_ruler")).__name__ == "AttributeRuler"


def test_a_pipeline_without_a_ruler_is_left_alone() -> None:
    nlp = spacy.blank("en")
    assert not attribute_lookup.install(nlp)
    assert nlp.pipe_names == []


def test_an_empty_doc_passes_through() -> None:
    nlp = _pipeline(RULES)
    attribute_lookup.install(nlp)
    assert len(nlp.get_pipe("attribute_ruler")(nlp.make_doc(""))) == 0


def test_words_no_rule_names_share_one_class_and_still_agree() -> None:
    ruler_nlp, lookup_nlp = _pipeline(RULES), _pipeline(RULES)
    attribute_lookup.install(lookup_nlp)
    words = ["rain", "snow", "sleet", "hail", "nuthin", "nothin'", "fog", "nothing", "is"]
    tags = ["NN"] * len(words)
    deps = ["dep"] * len(words)
    heads = [0] * len(words)
    for nlp in (ruler_nlp, lookup_nlp):
        nlp.get_pipe("attribute_ruler")(Doc(nlp.vocab, words=words, tags=tags, deps=deps, heads=heads))
    by_ruler = ruler_nlp.get_pipe("attribute_ruler")(Doc(ruler_nlp.vocab, words=words, tags=tags, deps=deps,
                                                         heads=heads))
    lookup = lookup_nlp.get_pipe("attribute_ruler")
    by_lookup = lookup(Doc(lookup_nlp.vocab, words=words, tags=tags, deps=deps, heads=heads))
    assert _state(by_lookup) == _state(by_ruler)
    assert [t.lemma_ for t in by_lookup][4:6] == ["nothing", "nothing"]  # the regex still decides
    # rain, snow, sleet, hail, fog: one combination; nuthin/nothin' (regex): another; nothing, is: their own
    assert len(lookup.lookup._cache) == 4
