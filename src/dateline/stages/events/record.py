"""One event's record from its draft: the Doc the events stage reads (:class:`EventDoc`) and how a trigger with
its role tokens becomes an :class:`~dateline.records.Event` — actors and recipients described, the place and
date attached, modality and reporting source, evidence sentence and confidence. Shared by the lexicon coder
(:mod:`.stage`) and dictionary mode (:mod:`.dictionary_events`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ...extensions import doc_text
from ...records import Actor, Event, Location, Quote, content_id
from ...records import Span as TextSpan
from ..mentions import entity_name
from . import context as where
from . import modality as how
from .actors import ActorLinker
from .roles import Roles, noun_roles, subjects, verb_roles
from .states import stated
from .triggers import Trigger

_SKIP_ANNOTATIONS = frozenset({"credits"})

__all__ = ["Draft", "EventDoc", "clause_verb", "confidence"]


@dataclass(frozen=True)
class Draft:
    """A trigger, its type and mode and its role tokens, before it is an Event."""

    trigger: Trigger
    type: str
    mode: str | None
    roles: Roles
    derived: bool = False


class EventDoc:
    """Everything the stage reads from one Doc, looked up once."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        article = _ext(doc, "article")
        self.article_id = getattr(article, "id", None) or content_id(doc_text(doc))
        self.published = (getattr(article, "published", None) or "")[:10] or None
        dateline = getattr(article, "dateline", None)
        self.dateline = getattr(dateline, "place", None)
        self.skipped = tuple((a.start, a.end) for a in getattr(article, "annotations", ()) or ()
                             if a.kind in _SKIP_ANNOTATIONS)
        self.linker = ActorLinker(doc, _ext(doc, "entities") or ())
        self.places = where.Places(_ext(doc, "places"))
        self.dates = tuple(_ext(doc, "dates") or ())
        self.quotes: tuple[Quote, ...] = tuple(_ext(doc, "quotes") or ())
        self.heads: dict[int, Trigger] = {}
        self.order: dict[str, int] = {}

    def governing(self, trigger: Trigger) -> Trigger | None:
        """The trigger whose word governs this one in its clause ("refused to meet" → refuse)."""
        return next((self.heads[t.i] for t in how.governors(trigger.head) if t.i in self.heads), None)

    def roles(self, trigger: Trigger, type_: str, mode: str | None) -> Roles:
        """Role tokens, leaving out the trigger's own words and towns named as its place ("a Geneva meeting")."""
        if trigger.verbal:
            roles = verb_roles(trigger.head, self.linker.is_actor, type_)
        else:
            head = trigger.head
            governed = head.head.i != head.i and head.head.i in self.heads or \
                any(t.i in self.heads for t in how.governors(head)[:3])
            roles = noun_roles(trigger.head, type_, mode, self.linker.is_actor, governed=governed)
        own = set(trigger.tokens)
        actors = [t for t in roles.actors if t.i not in own and not self._venue(t)]
        return Roles(tuple(actors), tuple(t for t in roles.recipients if t.i not in own))

    def _venue(self, token: Token) -> bool:
        """A town written before an event noun is where it happens, not who acts ("a Geneva meeting")."""
        place = self.places.at(token)
        return token.dep_ in ("compound", "nmod") and place is not None and place.feature in ("city", "admin1")

    def event(self, draft: Draft) -> Event:
        trigger, head = draft.trigger, draft.trigger.head
        clause = clause_verb(head)
        named = self._actors(draft.roles.actors), self._actors(draft.roles.recipients)
        recipients = stated(self.linker, named[1], clause or head, draft.roles.actors, named[0])
        actors = stated(self.linker, named[0], clause or head, draft.roles.recipients, named[1])
        if not recipients:  # "lifted the curfew in Sudan": the place it happens in
            at = where.target_place(head, clause, self.places, actors=draft.roles.actors)
            recipients = (self.linker.located(at),) if at is not None else ()
        date_ref = where.attached_date(head, clause, self.dates)
        date = date_ref.value if date_ref is not None else None
        mood = how.modality(head, date=date, published=self.published, quotes=self.quotes, speaker=self._speaker,
                            words=[head.doc[i] for i in trigger.tokens])
        exclude = [_phrase_range(t) for t in draft.roles.actors]
        place = where.location(head, clause, draft.roles.recipients, self.places, exclude=exclude,
                               dateline=self.dateline)
        event = Event(
            id=content_id(self.article_id, draft.type, str(trigger.start), str(trigger.end), str(draft.derived)),
            type=draft.type, mode=draft.mode, evidence=_evidence(head.sent), actors=actors,
            recipients=tuple(r for r in recipients if r not in actors), location=place,
            date=date if date is not None else (None if {how.FUTURE, how.HYPOTHETICAL} & set(mood.flags)
                                                else self.published),
            modality=mood.flags, reported_by=mood.reported_by,
            confidence=confidence(trigger, actors, recipients, place, derived=draft.derived))
        self.order[event.id] = trigger.start * 2 + draft.derived
        return event

    def _actors(self, tokens: Sequence[Token]) -> tuple[Actor, ...]:
        out: list[Actor] = []
        for token in tokens:
            nested = self.heads.get(token.i)
            if nested is not None and nested.head is not token.head:  # "condemned an attack by X" → X
                out += self._actors(self.roles(nested, nested.type, nested.rule.mode).actors)
            else:
                out += self.linker.actors([token])
        return tuple(dict.fromkeys(out))

    def _speaker(self, token: Token) -> str | None:
        """The name of who reports: the subject of an attribution verb, or the named source itself."""
        candidates = subjects(token) if token.pos_ in ("VERB", "AUX") else [token]
        for candidate in candidates:
            actor = self.linker.actor(candidate)
            if actor is not None:
                return actor.name
        return entity_name(_phrase(candidates[0])) if candidates else None


def clause_verb(head: Token) -> Token | None:
    """The verb of the clause an event noun belongs to (the trigger itself for a verb)."""
    if head.pos_ in ("VERB", "AUX"):
        return head
    token = head
    for _ in range(6):
        if token.head.i == token.i:
            return None
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            return token
    return None


def _evidence(sent: Span) -> TextSpan:
    text = sent.text
    stripped = text.rstrip()
    lead = len(stripped) - len(stripped.lstrip())
    start, end = sent.start_char + lead, sent.start_char + len(stripped)
    return TextSpan(stripped[lead:], start, end)


def _phrase(token: Token) -> str:
    return token.doc[token.left_edge.i:token.i + 1].text


def _phrase_range(token: Token) -> tuple[int, int]:
    return token.left_edge.idx, token.idx + len(token)


def confidence(trigger: Trigger, actors: tuple[Actor, ...], recipients: tuple[Actor, ...],
                place: Location | None, *, derived: bool) -> float:
    """How likely the event is right, from what is known to predict it on the development data: the trigger
    is the sentence's main predicate (or what its attribution reports) — right far more often than a word in
    a side clause or phrase —, a verb or a phrase rather than a lone noun, with named actors, recipients and a
    place; an event derived from another one is less sure."""
    score = 0.15 + 0.4 * main_predicate(trigger.head) + 0.1 * (trigger.verbal or len(trigger.tokens) > 1)
    score += 0.15 * bool(actors) + 0.05 * bool(recipients) + 0.05 * (place is not None) - 0.15 * derived
    return round(min(0.95, max(0.05, score)), 2)


_MAIN_NOUN_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "attr"})


def main_predicate(head: Token) -> bool:
    """The sentence's main verb, one an attribution reports ("…, officials said"), or a noun that is the
    subject or object of one of them."""
    if head.pos_ not in ("VERB", "AUX"):
        return head.dep_ in _MAIN_NOUN_DEPS and head.head.pos_ in ("VERB", "AUX") and main_predicate(head.head)
    if head.dep_ == "ROOT":
        return True
    return head.dep_ in ("ccomp", "conj") and head.head.lemma_.lower() in how.ATTRIBUTION and \
        head.head.dep_ == "ROOT"


def _ext(doc: Doc, name: str):  # type: ignore[no-untyped-def]
    return getattr(doc._, name, None) if Doc.has_extension(name) else None
