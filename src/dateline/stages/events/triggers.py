"""Finding event triggers in a parsed Doc with the lexicon of :mod:`.lexicon`.

A rule matches at an anchor token whose lemma (or lower-cased form) is the rule's anchor word and whose part of
speech fits. Its other words must follow or precede the anchor contiguously (hyphens skipped), or be found
among the anchor's children and grandchildren in the parse ("called immediately for", "broke off relations").
``ACTOR`` matches an object inside an actor mention (of the anchor, or of a preposition the phrase names),
``PLACE`` a word of a place name. Overlapping
matches are resolved longest first; a ``-`` rule ("news conference") claims its words and reports nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from spacy.attrs import LEMMA, LOWER, TAG
from spacy.tokens import Doc, Token

from .lexicon import ACTOR, PLACE, PLACEHOLDERS, Rule, rules_for

_VERB_TAGS = frozenset({"VBD", "VBN", "VBG", "VBZ", "VBP", "VB"})
_OBJECT_DEPS = frozenset({"dobj", "dative", "nsubjpass", "pobj", "obj"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_SKIP = frozenset({"-", "–", "—"})


@dataclass(frozen=True)
class Trigger:
    """A matched rule: the tokens it covers and its head (the anchor word)."""

    head: Token
    tokens: tuple[int, ...]
    rule: Rule

    @property
    def type(self) -> str:
        return self.rule.type

    @property
    def start(self) -> int:
        return min(self.head.doc[i].idx for i in self.tokens)

    @property
    def end(self) -> int:
        doc = self.head.doc
        return max(doc[i].idx + len(doc[i]) for i in self.tokens)

    @property
    def verbal(self) -> bool:
        return self.head.pos_ in ("VERB", "AUX", "ADJ") or self.head.tag_ in ("VBD", "VBN", "VBG")


@dataclass(frozen=True)
class Context:
    """What placeholders match: character ranges of actor mentions and of places."""

    actor_spans: tuple[tuple[int, int], ...] = ()
    place_spans: tuple[tuple[int, int], ...] = ()

    def in_actor(self, token: Token) -> bool:
        return _inside(token, self.actor_spans)

    def in_place(self, token: Token) -> bool:
        return token.ent_type_ in _PLACE_LABELS or _inside(token, self.place_spans)


def find_triggers(doc: Doc, context: Context = Context(), *, skip: Iterable[tuple[int, int]] = ()) -> list[Trigger]:
    """Every trigger in the Doc, in text order, overlapping matches resolved longest first."""
    skipped = tuple(skip)
    anchors = (doc[i] for i in _possible_anchors(doc))
    found = [m for token in anchors if not _inside(token, skipped) for m in _matches(token, context)]
    found.sort(key=lambda t: (-len(t.tokens), t.head.i))
    taken: set[int] = set()
    out = []
    for trigger in found:
        if taken.isdisjoint(trigger.tokens):
            taken.update(trigger.tokens)
            if trigger.rule.event:
                out.append(trigger)
    return sorted(out, key=lambda t: t.head.i)


# (lemma, lower-cased form, tag) → whether any form of such a token anchors a rule; the forms depend on
# nothing else, so each combination is worked out once per process (bounded: cleared when it grows large).
_ANCHOR_FORMS: dict[tuple[int, int, int], bool] = {}
_ANCHOR_CACHE_MAX = 500_000


def _possible_anchors(doc: Doc) -> list[int]:
    """Indices of the tokens one of whose forms (:func:`_forms`) anchors a rule: a few in a hundred."""
    strings = doc.vocab.strings
    if len(_ANCHOR_FORMS) > _ANCHOR_CACHE_MAX:
        _ANCHOR_FORMS.clear()
    out = []
    for i, (lemma, lower, tag) in enumerate(doc.to_array([LEMMA, LOWER, TAG]).tolist()):
        hit = _ANCHOR_FORMS.get((lemma, lower, tag))
        if hit is None:
            forms = _word_forms(strings[lemma], strings[lower], strings[tag])
            hit = _ANCHOR_FORMS[(lemma, lower, tag)] = any(rules_for(k) for k in forms if k)
        if hit:
            out.append(i)
    return out


def _matches(token: Token, context: Context) -> list[Trigger]:
    out = []
    for key in _keys(token):
        for rule in rules_for(key):
            if _pos_fits(token, rule.pos):
                tokens = _match(token, rule, context)
                if tokens is not None:
                    out.append(Trigger(token, tokens, rule))
    return out


_TIME_LABELS = frozenset({"DATE", "TIME"})


def _keys(token: Token) -> list[str]:
    """The words a token may stand for: its lemma and its lower-cased form."""
    forms = _forms(token)
    if token.ent_type_ in _TIME_LABELS:
        return []  # "March 5", "the day of action": part of a date
    if token.pos_ == "PROPN" and not token.is_lower and not _sentence_initial(token):
        return []  # "March" the month, "Strike" in a name
    return list(dict.fromkeys(k for k in forms if k))


def _forms(token: Token) -> tuple[str, ...]:
    """Lemma, lower-cased form and the form without a plural ending ("bases": the lemmatiser says "basis")."""
    return _word_forms(token.lemma_, token.lower_, token.tag_)


def _word_forms(lemma: str, lower: str, tag: str) -> tuple[str, ...]:
    singular = lower[:-1] if lower.endswith("s") and not lower.endswith("ss") and tag in ("NNS", "NNPS") else lower
    return lemma.lower(), lower, singular


def _sentence_initial(token: Token) -> bool:
    return token.i == 0 or token.is_sent_start is True or token.doc[token.i - 1].is_punct


def _pos_fits(token: Token, pos: str) -> bool:
    """Whether the token can be the rule's anchor: verbs (and participles tagged as adjectives) for VERB,
    nouns (a lower-case or sentence-initial proper noun too) for NOUN."""
    if pos == "VERB":
        return token.pos_ == "VERB" or (token.tag_ in _VERB_TAGS and token.pos_ in ("ADJ", "NOUN"))
    if pos == "NOUN":
        return token.pos_ in ("NOUN", "PROPN") and token.tag_ not in _VERB_TAGS
    if pos == "ADJ":
        return token.pos_ in ("ADJ", "VERB")
    return token.pos_ in ("VERB", "NOUN", "ADJ", "PROPN")


def _match(anchor: Token, rule: Rule, context: Context) -> tuple[int, ...] | None:
    """The token indices the rule covers at ``anchor``, or None when it does not match there."""
    if len(rule.words) == 1:
        return (anchor.i,)
    contiguous = _contiguous(anchor, rule, context)
    if contiguous is not None:
        return contiguous
    return _through_parse(anchor, rule, context)


def _contiguous(anchor: Token, rule: Rule, context: Context) -> tuple[int, ...] | None:
    doc = anchor.doc
    before, after = rule.words[:rule.anchor], rule.words[rule.anchor + 1:]
    got = [anchor.i]
    for words, step in ((after, +1), (tuple(reversed(before)), -1)):
        i: int | None = anchor.i
        for word in words:
            i = _next_word(doc, i, step) if i is not None else None
            if i is None or not _word_fits(doc[i], word, context):
                return None
            got.append(i)
    return tuple(sorted(got))


def _next_word(doc: Doc, i: int, step: int) -> int | None:
    j = i + step
    while 0 <= j < len(doc) and doc[j].text in _SKIP:
        j += step
    if not 0 <= j < len(doc) or doc[j].is_sent_start and step > 0 or doc[i].is_sent_start and step < 0:
        return None
    return j


def _through_parse(anchor: Token, rule: Rule, context: Context) -> tuple[int, ...] | None:
    near = _neighbourhood(anchor)
    got = [anchor.i]
    for k, word in enumerate(rule.words):
        if k == rule.anchor:
            continue
        if word == ACTOR:  # an object, or the object of a preposition the phrase names ("demand for X")
            hit = next((t for t in near if t.dep_ in _OBJECT_DEPS and context.in_actor(t)
                        and (t.head.i == anchor.i or t.head.lower_ in rule.words)), None)
        else:
            hit = next((t for t in near if t.i not in got and _word_fits(t, word, context)), None)
        if hit is None:
            return None
        got.append(hit.i)
    return tuple(sorted(got))


def _neighbourhood(anchor: Token) -> list[Token]:
    """Children and grandchildren of the anchor, nearest first."""
    children = list(anchor.children)
    return children + [g for c in children for g in c.children]


def _word_fits(token: Token, word: str, context: Context) -> bool:
    if word == PLACE:
        return context.in_place(token)
    if word == ACTOR:
        return context.in_actor(token)
    return word not in PLACEHOLDERS and word in _forms(token)


def _inside(token: Token, spans: tuple[tuple[int, int], ...]) -> bool:
    return any(a <= token.idx < b for a, b in spans)
