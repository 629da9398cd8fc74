"""Entities: every way the text names one actor, grouped into one :class:`~dateline.records.Entity`.

Mentions (:mod:`.mentions`) are clustered by canonical name and type; a bare surname ("Smith") joins the
full name it belongs to ("Jane Smith") whatever type the model gave it; aliases meet their canonical
name (the Atlantic alliance → NATO). Each entity gets a role (:mod:`.roles`) and a PLOVER description —
country (ISO alpha-3), sector — from :mod:`dateline.actors`. Entity ids are canonical keys: the same
actor has the same id in every article.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from spacy.tokens import Doc

from .. import actors
from ..records import Entity, content_id
from ..records import Span as TextSpan
from ..settings import Settings
from .mentions import GROUP, Mention, entity_name, find_mentions
from .roles import role_of

NEEDS: tuple[str, ...] = ("sentences", "deps", "ner", "article")
GIVES: tuple[str, ...] = ("entities",)

# Labels a bare surname may carry when the model mistypes it ("Smith" as ORG).
_SURNAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "PRODUCT", "WORK_OF_ART"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})

__all__ = ["NEEDS", "GIVES", "extract_entities", "entity_name", "name_key", "entity_key"]


def extract_entities(doc: Doc, *, settings: Settings) -> list[Entity]:
    """Cluster the Doc's actor mentions into entities, in order of first mention."""
    clusters = _cluster(find_mentions(doc))
    _merge_surnames(clusters)
    _merge_bare_groups(clusters)
    return [_entity(c) for c in clusters if c]


@lru_cache(maxsize=16384)
def name_key(name: str) -> str:
    """A key under which spellings of one name meet: case, accents and punctuation folded."""
    folded = unicodedata.normalize("NFKD", name.casefold())
    letters = "".join(c for c in folded if not unicodedata.combining(c))
    return re.sub(r"[\W_]+", " ", letters).strip()


def entity_key(name: str, type_: str) -> str:
    """The cross-article id of an actor: its type family and folded canonical name."""
    return content_id(_family(type_), name_key(name), length=12)


def _family(label: str) -> str:
    return "PLACE" if label in _PLACE_LABELS else label


def _cluster(mentions: Iterable[Mention]) -> list[list[Mention]]:
    by_key: dict[tuple[str, str], list[Mention]] = {}
    for m in mentions:
        by_key.setdefault((_family(m.label), name_key(m.name)), []).append(m)
    return list(by_key.values())


def _merge_surnames(clusters: list[list[Mention]]) -> None:
    """A one-word name that is the last word of a person's full name joins that person."""
    people: dict[str, list[list[Mention]]] = {}  # by surname: a merge never changes a cluster's surname
    for c in clusters:
        words = name_key(c[0].name).split()
        if c[0].label == "PERSON" and len(words) > 1:
            people.setdefault(words[-1], []).append(c)
    for cluster in clusters:
        head = cluster[0]
        key = name_key(head.name)
        if head.label not in _SURNAME_LABELS or head.alias or len(key.split()) != 1:
            continue
        owner = _nearest_owner(head, people.get(key, []))
        if owner is not None and owner is not cluster:
            owner.extend(cluster)
            owner.sort(key=lambda m: m.start)
            cluster.clear()


def _nearest_owner(mention: Mention, people: list[list[Mention]]) -> list[Mention] | None:
    """Of the people with this surname, the last named before the mention, else the first."""
    owners = [p for p in people if p]
    if not owners:
        return None
    before = [p for p in owners if p[0].start < mention.start]
    return max(before, key=lambda p: p[0].start) if before else owners[0]


def _merge_bare_groups(clusters: list[list[Mention]]) -> None:
    """ "the coalition" joins the last "X coalition" named before it."""
    groups = [c for c in clusters if c and c[0].label == GROUP]
    for cluster in groups:
        head = cluster[0]
        if len(head.span) != 1:
            continue
        lemma = head.span.root.lemma_.lower()
        fuller = [g for g in groups if g is not cluster and g and len(g[0].span) > 1
                  and g[0].span.root.lemma_.lower() == lemma and g[0].start < head.start]
        if fuller:
            target = max(fuller, key=lambda g: g[0].start)
            target.extend(cluster)
            target.sort(key=lambda m: m.start)
            cluster.clear()


def _entity(cluster: list[Mention]) -> Entity:
    label = _label(cluster)
    name = _name(cluster)
    role = _role(cluster) if label == "PERSON" else None
    info = actors.describe_actor(name, label=label, context=role or "")
    return Entity(
        id=entity_key(name, label), name=name, type=label, role=role, country=info.country, sector=info.sector,
        mentions=tuple(TextSpan(m.span.text, m.start, m.end) for m in cluster),
    )


def _label(cluster: list[Mention]) -> str:
    labels = [m.label for m in cluster]
    return "PERSON" if "PERSON" in labels else max(dict.fromkeys(labels), key=labels.count)  # ties: first named


def _name(cluster: list[Mention]) -> str:
    aliased = [m.name for m in cluster if m.alias]
    return aliased[0] if aliased else max((m.name for m in cluster), key=len)


def _role(cluster: list[Mention]) -> str | None:
    for m in sorted(cluster, key=lambda m: -len(m.span)):
        role = role_of(m.span)
        if role:
            return role
    return None
