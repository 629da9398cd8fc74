"""Who said it: from the token the parse gives as a cue's speaker to a span of the text and an entity.

The speaker's span is the mention the text uses there — an entity mention ("Okafor", "Grace Okafor"), a
pronoun ("he") or the noun phrase ("the source", "a campaign aide"). The span is linked to an
:class:`~dateline.records.Entity` of the entities stage by overlap with its mentions; a pronoun or a role
noun ("the minister") is resolved by the quote that came just before (the same speaker goes on) or by
:func:`dateline.coref.resolve_reference`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ...coref import PERSON_PRONOUNS, PLURAL_PRONOUNS, THING_PRONOUNS, resolve_reference
from ...records import Entity
from .syntax import antecedent, clause_of, speaker_of

PRONOUNS = PERSON_PRONOUNS | PLURAL_PRONOUNS | THING_PRONOUNS | frozenset({"i", "we", "you", "one"})
MAX_PHRASE_TOKENS = 8
# Entity types that speak, best first when several mentions overlap a speaker's span.
_TYPE_RANK = {"PERSON": 0, "ORG": 1, "GROUP": 2, "NORP": 3, "GPE": 4}
# A signature after a closing mark, alone on the rest of its line: ”― Jane Doe  /  " — Jane A. Doe, a voter.
_SIGNATURE = re.compile(r"[^\S\n]*[―—–-]{1,2}[^\S\n]*"
                        r"([A-Z][\w'’.\-]*(?:[^\S\n]+(?:[A-Z][\w'’.\-]*|de|del|da|van|von|al|bin|la|le))*)"
                        r"[^\S\n]*(?:,[^\n]*)?(?=\n|$)")
MAX_SIGNATURE_WORDS = 6


@dataclass(frozen=True)
class Mentioned:
    start: int
    end: int
    entity: Entity


class MentionIndex:
    """The entities' mentions sorted by start, for overlap queries in logarithmic time."""

    def __init__(self, entities: Sequence[Entity]) -> None:
        items = sorted((Mentioned(m.start, m.end, e) for e in entities for m in e.mentions), key=lambda x: x.start)
        self.items = items
        self.starts = [m.start for m in items]
        self.longest = max((m.end - m.start for m in items), default=0)
        self.people: dict[str, Entity] = {}
        for e in entities:
            if e.type == "PERSON":
                words = e.name.casefold().split()
                self.people.setdefault(" ".join(words), e)
                self.people.setdefault(words[-1] if words else "", e)

    def person_named(self, name: str) -> Entity | None:
        """The person the text names in full or by surname ("Okafor" → Grace Okafor), if there is one."""
        return self.people.get(" ".join(name.casefold().split()))

    def overlapping(self, start: int, end: int) -> list[Mentioned]:
        hits = []
        k = bisect.bisect_left(self.starts, end) - 1
        while k >= 0 and self.items[k].start >= start - self.longest:
            item = self.items[k]
            if item.start < end and start < item.end:
                hits.append(item)
            k -= 1
        return sorted(hits, key=lambda m: (_TYPE_RANK.get(m.entity.type, 9), m.start - m.end))


@dataclass(frozen=True)
class SpeakerRef:
    start: int
    end: int
    text: str
    entity: Entity | None
    pronoun: bool
    resolved: bool = False  # linked through a pronoun or role noun rather than by name


def speaker_span(token: Token, mentions: MentionIndex) -> tuple[int, int, Entity | None]:
    """The span naming the speaker whose head is ``token``, and the entity named there (or None)."""
    own = mentions.overlapping(token.idx, token.idx + len(token))
    if own:
        return own[0].start, own[0].end, own[0].entity
    for child in token.children:
        if child.dep_ == "appos":
            named = [m for m in mentions.overlapping(child.idx, child.idx + len(child)) if m.entity.type == "PERSON"]
            if named:
                return named[0].start, named[0].end, named[0].entity
    if token.lower_ in PRONOUNS or token.pos_ == "PRON":
        return token.idx, token.idx + len(token), None
    return _phrase(token)


def _phrase(token: Token) -> tuple[int, int, Entity | None]:
    doc = token.doc
    lo = max(token.left_edge.i, token.i - MAX_PHRASE_TOKENS)
    while lo < token.i and (doc[lo].is_punct or doc[lo].is_space):
        lo += 1
    return doc[lo].idx, token.idx + len(token), None


def find_speaker(doc: Doc, text: str, token: Token, mentions: MentionIndex, entities: Sequence[Entity],
                 previous: SpeakerRef | None) -> SpeakerRef:
    """The speaker headed by ``token``, linked to an entity where the text (``doc.text``) allows."""
    start, end, entity = speaker_span(token, mentions)
    words = text[start:end]
    pronoun = token.lower_ in PRONOUNS and entity is None
    if entity is not None:
        return SpeakerRef(start, end, words, entity, False)
    noun = antecedent(token)
    if noun is not None:  # "who said": the relative pronoun is the mention, its antecedent the speaker
        lo, hi, entity = speaker_span(noun, mentions)
        return SpeakerRef(start, end, text[lo:hi], entity, True, entity is not None)
    resolved = _continuing(token, previous) if pronoun else None
    if resolved is None and (pronoun or token.pos_ == "NOUN"):
        resolved = _safe_resolve(doc, token, entities)
    return SpeakerRef(start, end, words, resolved, pronoun, resolved is not None)


def _continuing(token: Token, previous: SpeakerRef | None) -> Entity | None:
    """ "he said" right after a quote of a person: the same person goes on."""
    if previous is None or previous.entity is None:
        return None
    word = token.lower_
    if word in ("he", "she"):
        return previous.entity if previous.entity.type == "PERSON" else None
    if word in ("they", "it"):
        return previous.entity if previous.entity.type in ("ORG", "GROUP", "GPE", "NORP") else None
    return None


def _safe_resolve(doc: Doc, token: Token, entities: Sequence[Entity]) -> Entity | None:
    """Coreference needs sentences: a speaker token comes from a parse, so the Doc has them."""
    return resolve_reference(doc, token, entities) if entities else None


def signature(text: str, close_end: int) -> tuple[int, int] | None:
    """The name signed after a quotation with a dash (”― Jane Doe), alone on the rest of its line."""
    match = _SIGNATURE.match(text, close_end)
    if match is None or len(match.group(1).split()) > MAX_SIGNATURE_WORDS:
        return None
    name = match.group(1).rstrip(".")
    return match.start(1), match.start(1) + len(name)


def colon_speaker(doc: Doc, open_at: int, starts: list[int]) -> Token | None:
    """ "The mayor had one message: "We rebuild."" → the subject of the clause the colon ends (parsed Doc), also
    when the quotation opens the next paragraph ("The Times reports:" and a paragraph in quote marks)."""
    i = bisect.bisect_left(starts, open_at) - 1
    while i > 0 and doc[i].is_space:
        i -= 1
    if i < 1 or doc[i].text != ":":
        return None
    verb = clause_of(doc[i - 1])
    return speaker_of(verb) if verb is not None else None


def speaker_at(text: str, start: int, end: int, mentions: MentionIndex) -> SpeakerRef:
    """A speaker given as a stretch of ``text``: linked to the entity a mention there names."""
    named = mentions.overlapping(start, end)
    if named:
        first = named[0]
        return SpeakerRef(first.start, first.end, text[first.start:first.end], first.entity, False)
    return SpeakerRef(start, end, text[start:end], mentions.person_named(text[start:end]), False)
