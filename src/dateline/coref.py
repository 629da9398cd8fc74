"""Who "he", "they" or "the minister" is: the most likely entity mentioned before a reference.

A light salience model over the entities stage's output: the nearest earlier sentence that mentions a
fitting entity wins, its grammatical subject first. Fitting means: a person for he/she and role nouns
("the minister" → a person whose role holds "minister"), a group or organisation for they, an
organisation or state for it.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from .extensions import per_doc
from .records import Entity

PERSON_PRONOUNS = frozenset({"he", "him", "his", "she", "her", "hers", "himself", "herself"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their", "theirs", "themselves"})
THING_PRONOUNS = frozenset({"it", "its", "itself"})
# How many sentences back a reference may reach.
MAX_SENTENCES_BACK = 4
_PLURAL_TYPES = frozenset({"GROUP", "ORG", "NORP", "GPE"})
_THING_TYPES = frozenset({"ORG", "GPE", "GROUP"})


@dataclass(frozen=True)
class _Hit:
    entity: Entity
    start: int
    sentence: int
    subject: bool


def resolve_reference(doc: Doc, token: Token, entities: Sequence[Entity]) -> Entity | None:
    """The entity that ``token`` (a pronoun, or the head noun of "the minister") most likely refers to."""
    fits = _fitting(token, entities)
    if not fits:
        return None
    hits = _hits_before(doc, token, fits)
    if not hits:
        return None
    nearest = max(h.sentence for h in hits)
    if _sentence_index(doc, token) - nearest > MAX_SENTENCES_BACK:
        return None
    same = [h for h in hits if h.sentence == nearest]
    subjects = [h for h in same if h.subject]
    return max(subjects or same, key=lambda h: h.start).entity


def _fitting(token: Token, entities: Sequence[Entity]) -> list[Entity]:
    word = token.lower_
    if word in PERSON_PRONOUNS:
        return [e for e in entities if e.type == "PERSON"]
    if word in PLURAL_PRONOUNS:
        return [e for e in entities if e.type in _PLURAL_TYPES]
    if word in THING_PRONOUNS:
        return [e for e in entities if e.type in _THING_TYPES]
    if token.pos_ == "NOUN":
        return [e for e in entities if e.type == "PERSON" and e.role and _role_has(e.role, token.lemma_)]
    return []


def _role_has(role: str, lemma: str) -> bool:
    return lemma.lower() in {w.strip(",.'’s").lower() for w in role.split()}


def _hits_before(doc: Doc, token: Token, entities: Sequence[Entity]) -> list[_Hit]:
    hits = []
    for entity in entities:
        for m in entity.mentions:
            if m.end <= token.idx:
                span = doc.char_span(m.start, m.end, alignment_mode="expand")
                if span is not None:
                    hits.append(_Hit(entity, m.start, _sentence_index(doc, span.root), _is_subject(span.root)))
    return hits


def _is_subject(token: Token) -> bool:
    return token.dep_ in ("nsubj", "nsubjpass")


def _sentence_index(doc: Doc, token: Token) -> int:
    """The number of the sentence holding ``token`` (sentence starts are cached on the Doc)."""
    return bisect.bisect_right(per_doc(doc, _STARTS_KEY, lambda: _sentence_starts(doc)), token.i) - 1


def _sentence_starts(doc: Doc) -> list[int]:
    has = doc.has_annotation("SENT_START") or doc.has_annotation("DEP")
    return [s.start for s in doc.sents] if has else [0]


_STARTS_KEY = "dateline.sentence_starts"
