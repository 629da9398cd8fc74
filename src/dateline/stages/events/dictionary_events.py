"""Dictionary mode's records: each event the CAMEO dictionaries code (:mod:`.dictionary`) as an Event,
built by the same machinery as the lexicon's (:mod:`.record`), its actors the ones the dictionaries code."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from ...cameo.load import load_dictionaries
from ...records import Actor, Event, content_id
from ...settings import Settings
from .dictionary import Party, cameo_state, code_doc
from .lexicon import Rule
from .record import Draft, EventDoc, confidence
from .roles import Roles
from .triggers import Trigger

__all__ = ["dictionary_events"]


def dictionary_events(doc: Doc, ctx: EventDoc, settings: Settings) -> list[Event]:
    """Dictionary mode: each coded verb as an Event, its actors those the dictionaries code."""
    events = []
    for coded in code_doc(doc, load_dictionaries(settings), ctx.published):
        rule = Rule(tuple(doc[i].lower_ for i in coded.tokens), "VERB", coded.type, None, f"CAMEO {coded.code}")
        trigger = Trigger(coded.verb, coded.tokens, rule)
        roles = Roles(tuple(p.head for p in coded.sources), tuple(p.head for p in coded.targets))
        event = ctx.event(Draft(trigger, coded.type, None, roles))
        actors = tuple(dict.fromkeys(_coded_actor(p, ctx) for p in coded.sources))
        recipients = tuple(dict.fromkeys(_coded_actor(p, ctx) for p in coded.targets))
        events.append(replace(
            event, id=content_id(ctx.article_id, "cameo", coded.code, str(trigger.start), actors[0].name),
            actors=actors, recipients=recipients,
            confidence=confidence(trigger, actors, recipients, event.location, derived=False)))
    return sorted(events, key=lambda e: e.evidence.start)


def _coded_actor(party: Party, ctx: EventDoc) -> Actor:
    """A dictionary-coded actor: the words that named it, the entity they belong to, the state and sector of
    its CAMEO code."""
    entity = ctx.linker.entity_at(party.head)
    country, sector = cameo_state(party.code)
    return Actor(party.text, entity.id if entity is not None else None, country, sector)
