"""The model's ``lemmatizer`` with every outcome kept: the same lemmas, worked out once per kind of token.

spaCy's rule lemmatizer keeps the lemmas it derives from its rules, but not those of the commonest tokens: a
base form (a singular noun, an infinitive, a plain adjective), a proper noun and punctuation are worked out
again, with a Token object and its morphology read afresh, every time they occur — a tenth of the whole parse
of a news article. A token's lemma depends only on its text, its part of speech and its morphology (and on the
lemmatizer's tables, which do not change), so :class:`LemmaLookup` asks the model's own lemmatizer once per
(text, POS, morphology) and reads the rest from a table, over the Doc's arrays rather than Token objects. The
lemmatizer's word index, which it only asks "is this form a known word?", becomes a set instead of a list.

:func:`install` wraps the model's lemmatizer only when it is spaCy's (rule or lookup mode); a model-backed
test proves that the whole pipeline's output is identical either way.
"""

from __future__ import annotations

import logging

import numpy
from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc

from .attribute_lookup import LookupComponent

log = logging.getLogger(__name__)

NAME = "lemmatizer"
_FACTORY = "dateline_lemma_lookup"
_MODES = ("rule", "lookup")


def install(nlp: Language) -> bool:
    """Put the lookup in front of the pipeline's lemmatizer; False (and nothing changed) when it cannot."""
    if NAME not in nlp.pipe_names:
        return False
    lemmatizer = nlp.get_pipe(NAME)
    if not isinstance(lemmatizer, Lemmatizer) or lemmatizer.mode not in _MODES:
        log.info("keeping the model's lemmatizer as it is (%s)", type(lemmatizer).__name__)
        return False
    nlp.replace_pipe(NAME, _FACTORY)
    component: LookupComponent = nlp.get_pipe(NAME)  # type: ignore[assignment]
    component.use(LemmaLookup(lemmatizer))
    return True


class LemmaLookup:
    """Sets each token's lemma as ``lemmatizer`` would (only where none is set, unless it overwrites), asking
    it once per (text, POS, morphology)."""

    def __init__(self, lemmatizer: Lemmatizer) -> None:
        self.lemmatizer = lemmatizer
        self.strings = lemmatizer.vocab.strings
        self.overwrite = bool(lemmatizer.overwrite)
        self._lemmas: dict[tuple[int, int, int], int] = {}
        _index_as_sets(lemmatizer)

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA]).tolist()
        lemmas = [self._lemma(doc, i, orth, pos, morph) if self.overwrite or not lemma else lemma
                  for i, (orth, pos, morph, lemma) in enumerate(rows)]
        doc.from_array([LEMMA], numpy.array(lemmas, dtype=numpy.uint64).reshape(-1, 1))  # type: ignore[arg-type]
        return doc

    def _lemma(self, doc: Doc, i: int, orth: int, pos: int, morph: int) -> int:
        key = (orth, pos, morph)
        found = self._lemmas.get(key)
        if found is None:
            found = self._lemmas[key] = self.strings.add(self.lemmatizer.lemmatize(doc[i])[0])
        return found

    def __len__(self) -> int:
        """How many kinds of token it has seen."""
        return len(self._lemmas)


def _index_as_sets(lemmatizer: Lemmatizer) -> None:
    """The rule lemmatizer's index of known words (per part of speech) as sets: it only asks whether a form
    is in it, and a list of 57,000 nouns made each new word cost a tenth of a millisecond."""
    if "lemma_index" not in lemmatizer.lookups:
        return
    index = lemmatizer.lookups.get_table("lemma_index")
    for pos, words in list(index.items()):
        if isinstance(words, list):
            index[pos] = frozenset(words)


@Language.factory(_FACTORY)
def _make(nlp: Language, name: str) -> LookupComponent:
    return LookupComponent()
