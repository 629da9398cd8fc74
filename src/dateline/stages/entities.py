"""Entities: the model's named entities grouped into :class:`~dateline.records.Entity` records.

Mentions that name the same thing (the same normalised name and type) become one entity with every
mention. Numbers, quantities and temporal expressions are not entities here: dates have their own stage.
"""

from __future__ import annotations

import re
import unicodedata

from spacy.tokens import Doc, Span

from ..records import Entity, content_id
from ..records import Span as TextSpan
from ..settings import Settings

NEEDS: tuple[str, ...] = ("ner",)
GIVES: tuple[str, ...] = ("entities",)

ENTITY_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "LAW", "WORK_OF_ART"})
_LEADING = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_TRAILING = re.compile(r"(?:'s|’s|'|’)$")


def extract_entities(doc: Doc, *, settings: Settings) -> list[Entity]:
    """Group the Doc's entities by (type, normalised name), in order of first mention."""
    groups: dict[tuple[str, str], list[Span]] = {}
    for ent in doc.ents:
        if ent.label_ not in ENTITY_LABELS:
            continue
        name = entity_name(ent.text)
        if name:
            groups.setdefault((ent.label_, name_key(name)), []).append(ent)
    return [_entity(label, spans) for (label, _key), spans in groups.items()]


def entity_name(text: str) -> str:
    """The display name of a mention: whitespace collapsed, no leading article, no possessive."""
    name = " ".join(text.split())
    name = _LEADING.sub("", name)
    return _TRAILING.sub("", name).strip()


def name_key(name: str) -> str:
    """A key under which spellings of one name meet: case, accents and punctuation folded."""
    folded = unicodedata.normalize("NFKD", name.casefold())
    letters = "".join(c for c in folded if not unicodedata.combining(c))
    return re.sub(r"[\W_]+", " ", letters).strip()


def _entity(label: str, spans: list[Span]) -> Entity:
    name = max((entity_name(s.text) for s in spans), key=len)
    mentions = tuple(TextSpan(s.text, s.start_char, s.end_char) for s in spans)
    return Entity(id=content_id(label, name_key(name), length=12), name=name, type=label, mentions=mentions)
