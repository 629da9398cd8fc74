"""Finding actor mentions in a parsed Doc: the model's entities, known aliases, and group nouns.

A :class:`Mention` is a token span with a label and the canonical name it stands for. The entities stage
clusters mentions into Entity records; this module only finds them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from .. import actors
from ..extensions import doc_text

ENTITY_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "LAW", "WORK_OF_ART"})
GROUP = "GROUP"  # a group noun acting in the news: "Iraqi forces", "civilians", "the US-led coalition"
# Alias-table types as entity labels (spaCy's scheme): an intergovernmental body is an ORG, a city a GPE.
_ALIAS_LABELS = {"IGO": "ORG", "CITY": "GPE"}

_LEADING = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_TRAILING = re.compile(r"(?:'s|’s|'|’)$")
# Dependency labels of modifiers that belong to a group noun's phrase ("Iraqi forces", "IS militants").
_GROUP_MODIFIERS = frozenset({"amod", "compound", "nmod", "poss", "npadvmod"})
# Grammatical roles in which a group noun takes part in what happens (not "rebel-held", not "town of").
_PARTICIPANT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "attr", "appos", "conj", "agent",
                               "dative", "ROOT"})
# Singular nouns that name a group acting as one ("the army", "the government"), from offices.tsv's groups.
_COLLECTIVE = frozenset({"army", "government", "police", "military", "coalition", "alliance", "junta",
                         "administration", "opposition", "navy", "parliament", "cabinet", "militia", "regime"})
# Nouns the actor tables list for describing actors that do not act themselves (places, activities).
_NOT_GROUPS = frozenset({"town", "city", "village", "country", "state", "region", "area", "intelligence",
                         "movement", "movements"})
# Layout parts whose names are not actors in the story (the agencies credited at the end).
_SKIP_ANNOTATIONS = frozenset({"credits"})


@dataclass(frozen=True)
class Mention:
    span: Span
    label: str
    name: str  # canonical display name
    alias: bool = False  # named through the alias table (IS → Islamic State)

    @property
    def start(self) -> int:
        return self.span.start_char

    @property
    def end(self) -> int:
        return self.span.end_char


def entity_name(text: str) -> str:
    """The display name of a mention: whitespace collapsed, no leading article, no possessive."""
    name = " ".join(text.split())
    name = _LEADING.sub("", name)
    return _TRAILING.sub("", name).strip()


def find_mentions(doc: Doc) -> list[Mention]:
    """Every actor mention, in text order: aliases win over overlapping model entities."""
    skip = _skipped_ranges(doc)
    alias = [m for m in _alias_mentions(doc) if not _inside(m.span, skip)]
    model = [m for m in _model_mentions(doc) if not _inside(m.span, skip) and not _overlaps_any(m.span, alias)]
    found = sorted(alias + model, key=lambda m: m.start)
    groups = [m for m in _group_mentions(doc, found) if not _inside(m.span, skip)]
    return sorted(found + groups, key=lambda m: m.start)


def _model_mentions(doc: Doc) -> list[Mention]:
    out = []
    for ent in doc.ents:
        if ent.label_ in ENTITY_LABELS:
            ent = _trim(ent)
            name = entity_name(ent.text)
            if name and any(c.isalpha() for c in name):
                alias = actors.lookup_alias(name)
                out.append(Mention(ent, ent.label_, alias.canonical if alias else name, alias is not None))
    return out


def _trim(ent: Span) -> Span:
    """Drop a leading determiner and a trailing possessive from an entity span."""
    start, end = ent.start, ent.end
    if end - start > 1 and ent.doc[start].lower_ in ("the", "a", "an"):
        start += 1
    if end - start > 1 and ent.doc[end - 1].tag_ == "POS":
        end -= 1
    return ent if (start, end) == (ent.start, ent.end) else Span(ent.doc, start, end, label=ent.label_)


def _alias_mentions(doc: Doc) -> list[Mention]:
    out = []
    for start, end, alias in actors.find_aliases(doc_text(doc)):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None and not _shouting(span):
            out.append(Mention(span, _ALIAS_LABELS.get(alias.type, alias.type), alias.canonical, alias=True))
    return out


def _shouting(span: Span) -> bool:
    """An all-caps acronym inside an all-caps line is no evidence ("IS" in a headline IN CAPITALS)."""
    window = span.doc[max(0, span.start - 3):span.end + 3]
    words = [t.text for t in window if t.is_alpha and len(t) > 2 and not (span.start <= t.i < span.end)]
    return bool(words) and all(w.isupper() for w in words)


def _group_mentions(doc: Doc, named: list[Mention]) -> list[Mention]:
    """Group nouns ("forces", "civilians", "coalition") with their modifiers, unless a named actor owns them."""
    out = []
    owners = [m for m in named if m.label not in ("NORP", "GPE", "LOC")]
    for token in doc:
        if token.pos_ != "NOUN":
            continue
        span = _group_span(token)
        if not _is_group(token, span):
            continue
        if not _overlaps_any(span, owners) and not _owned(span, owners):
            out.append(Mention(span, GROUP, entity_name(span.text)))
    return out


def _is_group(noun: Token, span: Span) -> bool:
    """A group noun ("forces", "civilians"), or a generic one ("officials", "coalition") when plural or
    modified ("the US-led coalition"); a single office holder ("a spokesman") is not a group."""
    found = actors.group_noun(noun.lower_) or actors.group_noun(noun.lemma_)
    if found is None or noun.dep_ not in _PARTICIPANT_DEPS or noun.lemma_.lower() in _NOT_GROUPS:
        return False
    named = any(t.ent_type_ or "-" in t.text for t in span[:-1])
    if found[1] == "group":
        return noun.tag_ in ("NNS", "NNPS") or named or noun.lemma_.lower() in _COLLECTIVE
    return found[1] == "generic" and (noun.tag_ in ("NNS", "NNPS") or named)


def _group_span(noun: Token) -> Span:
    """The group noun with the contiguous modifiers to its left: "Iraqi forces", "the US-led coalition"."""
    return noun.doc[modifiers_start(noun, _GROUP_MODIFIERS):noun.i + 1]


def modifiers_start(noun: Token, deps: frozenset[str]) -> int:
    """Where a noun's contiguous left modifiers (children by one of ``deps``) begin."""
    start = noun.i
    for child in reversed(list(noun.lefts)):
        if child.dep_ not in deps or child.right_edge.i != start - 1:
            break
        start = child.left_edge.i
    return start


def _owned(span: Span, owners: list[Mention]) -> bool:
    """ "IS militants": a named organisation right before the group noun is who the group is."""
    return any(m.span.end == span.start for m in owners)


def _skipped_ranges(doc: Doc) -> list[tuple[int, int]]:
    article = getattr(doc._, "article", None) if Doc.has_extension("article") else None
    anns = getattr(article, "annotations", ()) or ()
    return [(a.start, a.end) for a in anns if a.kind in _SKIP_ANNOTATIONS]


def _inside(span: Span, ranges: list[tuple[int, int]]) -> bool:
    return any(a <= span.start_char and span.end_char <= b for a, b in ranges)


def _overlaps_any(span: Span, others: list) -> bool:  # type: ignore[type-arg]
    spans = [o.span if isinstance(o, Mention) else o for o in others]
    return any(span.start < o.end and o.start < span.end for o in spans)
