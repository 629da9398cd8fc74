"""Events: who did what to whom, where and when — PLOVER-typed records with modality.

1. Triggers — verbs, event nouns and phrases of ``data/event_triggers.tsv`` — are found in the parse
   (:mod:`.triggers`); words that only describe a noun ("the besieged town") are dropped. One happening is
   one event: a trigger governed by another of the same type is one event with it ("killed ... in an
   ambush"), and one that is the object or complement of another trigger is part of that trigger's event
   ("called for sanctions", "refused to meet", "shelled the city, killing twenty"), unless it is an event
   that happened all the same ("dispersed the march", "condemned an attack by the militia"). What only sets
   the scene of another event of its sentence ("surrendered following an offensive", "the town, where six
   were killed") is no event of its own (:func:`.happening.background`), nor is an event noun the sentence names
   only in passing beside its main event ("a camp known for torture": :func:`.happening.passing`).
2. Each trigger's actors and recipients come from the parse (:mod:`.roles`) and are linked to the
   entities stage, coreference and actor descriptions (:mod:`.actors`, :mod:`.states`); a compound
   actor is one event; with no recipient named, the place the event happens in is what it is aimed at.
3. Location and date are what the parse attaches to the trigger, else the sentence's nearest place (else the
   dateline) and the publication date — none for what is only planned or possible (:mod:`.context`);
   modality and the reporting source come from the governing words and the quotes (:mod:`.modality`).
4. A promise to do something ("vowed to attack") is a THREATEN when the promised act is hostile. An act its
   actor announces for the future ("will visit", "said they would boycott") is, in its place, an AGREE when
   cooperative (PLOVER's definition of AGREE) and a THREATEN when hostile; a cooperative act only foretold
   ("is about to restore ties") is kept, flagged "future", with an AGREE beside it; a cooperative act it says
   it will not do ("will not accept") is a REJECT.

An event is kept whatever its modality — consumers filter on ``modality`` and ``confidence`` — except an act a
sentence mentions beside its main event as only planned, possible or long past ("demanded a truce before
allowing convoys in"): no separate factual event.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Token

from ...records import Event
from ...settings import Settings
from . import modality as how
from .dictionary_events import dictionary_events
from .happening import (
    OBLIGATION,
    accidental,
    asserted,
    background,
    by_protesters,
    descriptive,
    folded_into,
    marked_clause,
    other_sense,
    passing,
)
from .lexicon import COOPERATIVE, HOSTILE, Rule
from .record import Draft, EventDoc, main_predicate
from .roles import Roles, subjects
from .triggers import Context, Trigger, find_triggers

NEEDS: tuple[str, ...] = ("sentences", "deps", "ner", "entities", "dates", "places", "quotes")
GIVES: tuple[str, ...] = ("events",)

# Words that promise what follows: hostile promises are threats ("vowed to attack").
_PROMISES = frozenset({"promise", "pledge", "vow", "offer", "commit", "agree", "swear"})
_REQUEST_MODES = {"AID": "assist", "COOPERATE": "assist", "SUPPORT": "assist", "CONSULT": "meet", "AGREE": "meet",
                  "RETREAT": "yield", "CONCEDE": "yield"}
_THREAT_MODES = {"ASSAULT": "violence", "MOBILIZE": "violence", "COERCE": "restrict", "SANCTION": "relations"}
# Verbs of which an inquiry is the subject when it reports what it found ("the investigation determined that").
_FINDINGS = frozenset({"determine", "find", "conclude", "show", "reveal", "establish", "confirm", "say", "suggest",
                       "indicate", "state", "report"})
_DECLARING = frozenset({"declare", "reiterate", "conclude", "insist", "stress", "remind", "tell", "urge"})

__all__ = ["NEEDS", "GIVES", "extract_events"]


def extract_events(doc: Doc, *, settings: Settings) -> list[Event]:
    """Every event the Doc reports, in text order (coded with the CAMEO dictionaries when the settings name
    them: :mod:`.dictionary`)."""
    ctx = EventDoc(doc)
    if settings.cameo_verbs:
        return dictionary_events(doc, ctx, settings)
    triggers = find_triggers(doc, Context(ctx.linker.covered(), ctx.places.spans()), skip=ctx.skipped)
    drafts = _drafts(triggers, ctx)
    demands = _demands(doc, ctx)  # after the drafts: a demand takes its mode from the act it asks for
    drafts = _outside_demands(drafts, demands) + demands
    made = [(d, ctx.event(d)) for d in drafts]
    made = _without_unreal_asides(made)
    events = [e for d, ev in made for e in _announced(d, ev, ctx)]
    return sorted(events, key=lambda e: (e.evidence.start, ctx.order.get(e.id, 0)))


def _drafts(triggers: list[Trigger], ctx: EventDoc) -> list[Draft]:
    triggers = [t for t in triggers if not (_finding(t) or descriptive(t) or asserted(t) or other_sense(t))]
    ctx.heads = {t.head.i: t for t in triggers}
    kept = [t for t in triggers if not _same_event(t, ctx) and folded_into(t, ctx) is None]
    kept = _without_background(kept)
    kept = _without_passing(kept)
    drafts = []
    for trigger in kept:
        type_, mode = _typed(trigger, ctx, triggers)
        roles = _with_merged(ctx.roles(trigger, type_, mode), trigger, triggers, ctx)
        type_, mode = by_protesters(type_, mode, roles)
        if accidental(trigger, roles):
            continue
        drafts.append(Draft(trigger, type_, mode, _with_governed(roles, trigger, triggers, ctx)))
    return drafts


def _without_background(triggers: list[Trigger]) -> list[Trigger]:
    """Triggers less those that only set the scene of another event of their sentence (:func:`background`)."""
    setting = [t for t in triggers if background(t)]
    if not setting:
        return triggers
    return [t for t in triggers if t not in setting or not any(o not in setting for o in _in_sentence(t, triggers))]


# What an act only hoped, planned, conditioned or long past is not news of its own beside the sentence's event.
_UNREAL = frozenset({how.FUTURE, how.HYPOTHETICAL, how.HISTORICAL})


def _without_unreal_asides(made: list[tuple[Draft, Event]]) -> list[tuple[Draft, Event]]:
    """Events less the acts a sentence mentions aside from its main event as only planned, possible or long
    past ("ready to host", "before allowing aid", "a people it expelled 18 years ago"): an act inside a
    plan, condition or background is no separate factual event (the main event keeps its own modality)."""
    main = [main_predicate(d.trigger.head) for d, _ in made]
    with_main = _sentences_with_main([d.trigger for d, _ in made], main)
    return [(d, e) for k, (d, e) in enumerate(made)
            if main[k] or not _UNREAL & set(e.modality) or d.trigger.head.sent.start not in with_main]


def _without_passing(triggers: list[Trigger]) -> list[Trigger]:
    """Triggers less the event nouns a sentence only mentions in passing (:func:`passing`)."""
    with_main = _sentences_with_main(triggers, [main_predicate(t.head) for t in triggers])
    heads = {t.head.i for t in triggers}
    return [t for t in triggers if not passing(t, t.head.sent.start in with_main, heads)]


def _sentences_with_main(triggers: list[Trigger], main: list[bool]) -> set[int]:
    """The start tokens of the sentences holding a trigger that is their main predicate (a trigger that is one
    itself is never set aside, so "another main trigger" and "a main trigger" decide alike)."""
    return {t.head.sent.start for t, m in zip(triggers, main, strict=True) if m}


def _finding(trigger: Trigger) -> bool:
    """ "An investigation determined that ...": an inquiry that finds or shows something is the source of a
    finding, not an investigation reported as news."""
    head = trigger.head
    return trigger.rule.mode == "investigate" and not trigger.verbal and head.dep_ == "nsubj" and \
        head.head.lemma_.lower() in _FINDINGS


def _with_governed(roles: Roles, trigger: Trigger, triggers: list[Trigger], ctx: EventDoc) -> Roles:
    """A threat, demand, refusal or promise with no recipient of its own is aimed at the recipients of the act
    it is about ("threatened to cut off electricity to X")."""
    if roles.recipients:
        return roles
    for other in _in_sentence(trigger, triggers):
        if other is not trigger and ctx.governing(other) is trigger:
            extra = ctx.roles(other, other.type, other.rule.mode).recipients
            if extra:
                return Roles(roles.actors, tuple(t for t in extra if t not in roles.actors))
    return roles


def _in_sentence(trigger: Trigger, triggers: list[Trigger]) -> list[Trigger]:
    """The triggers in ``trigger``'s sentence: links between events never cross a sentence."""
    sent = trigger.head.sent
    return [t for t in triggers if sent.start <= t.head.i < sent.end]


def _same_event(trigger: Trigger, ctx: EventDoc) -> bool:
    """A trigger right under another of the same type tells the same event ("killed ... in an ambush")."""
    chain = how.governors(trigger.head)[:2]
    above = next((ctx.heads[t.i] for t in chain if t.i in ctx.heads), None)
    return above is not None and above.type == trigger.type and above.head.i != trigger.head.i


def _with_merged(roles: Roles, trigger: Trigger, triggers: list[Trigger], ctx: EventDoc) -> Roles:
    """Roles a merged trigger adds where the kept one has none ("the offensive to recapture the city")."""
    merged = [t for t in _in_sentence(trigger, triggers)
              if t is not trigger and _same_event(t, ctx) and ctx.governing(t) is trigger]
    for other in merged:
        extra = ctx.roles(other, other.type, other.rule.mode)
        roles = Roles(roles.actors or extra.actors, roles.recipients or extra.recipients)
    return roles


def _typed(trigger: Trigger, ctx: EventDoc, triggers: list[Trigger]) -> tuple[str, str | None]:
    """The trigger's type and mode, adjusted by the event it governs (a hostile promise is a threat)."""
    governed = [t for t in _in_sentence(trigger, triggers) if t is not trigger and ctx.governing(t) is trigger]
    first = governed[0] if governed else None
    lemma = trigger.head.lemma_.lower()
    if trigger.type == "AGREE" and lemma in _PROMISES and first is not None and first.type in HOSTILE:
        return "THREATEN", _THREAT_MODES.get(first.type)
    if trigger.type in ("REQUEST", "REJECT") and trigger.rule.mode is None and first is not None:
        return trigger.type, _REQUEST_MODES.get(first.type, "change")
    if trigger.type == "THREATEN" and trigger.rule.mode is None and first is not None:
        return trigger.type, _THREAT_MODES.get(first.type)
    if lemma == "oppose" and (first is not None or _proposal_object(trigger.head)):
        return "REJECT", None  # "opposed French mediation", "opposed the plan": a proposal rejected
    return trigger.type, trigger.rule.mode


# What is proposed or decided, which one opposes by rejecting it.
_PROPOSALS = frozenset("""plan proposal bill deal resolution measure law move idea decision initiative policy
    offer request demand motion amendment treaty agreement accord""".split())


def _proposal_object(verb: Token) -> bool:
    """The verb's object (or, for "opposed to", the object of "to") is a proposal ("opposed the plan")."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    objects += [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "to" for g in c.children
                if g.dep_ == "pobj"]
    return any(o.lemma_.lower() in _PROPOSALS for o in objects)


def _demands(doc: Doc, ctx: EventDoc) -> list[Draft]:
    """ "X said (that) Y must do Z": a demand by X on Y, a REQUEST whatever Z is."""
    out = []
    for token in doc:
        if token.dep_ != "ccomp":
            continue
        modal = next((c for c in token.children if c.dep_ == "aux" and c.lower_ in OBLIGATION), None)
        speech = token.head
        if modal is None or speech.lemma_.lower() not in how.ATTRIBUTION | _DECLARING:
            continue
        actors, recipients = subjects(speech), subjects(token)
        if not actors or not recipients or _same_party(actors, recipients, ctx):
            continue
        governed = ctx.heads.get(token.i)
        mode = _REQUEST_MODES.get(governed.type, "change") if governed is not None else "change"
        rule = Rule((modal.lower_,), "VERB", "REQUEST", mode, "a demand reported with must/should")
        out.append(Draft(Trigger(speech, (modal.i,), rule), "REQUEST", mode, Roles(tuple(actors), tuple(recipients))))
    return out


def _outside_demands(drafts: list[Draft], demands: list[Draft]) -> list[Draft]:
    """The drafts less the acts a reported demand asks for ("said Libya must hand over the suspects"): the act is
    what the demand is about, folded into its REQUEST, not a separate event."""
    asked: set[int] = set()
    for demand in demands:
        modal = demand.trigger.head.doc[demand.trigger.tokens[0]]
        asked.update(t.i for t in modal.head.subtree)
    return [d for d in drafts if d.trigger.head.i not in asked]


def _same_party(actors: list[Token], recipients: list[Token], ctx: EventDoc) -> bool:
    """ "We must win", "he said he must go": a resolve, not a demand on someone else."""
    if any(t.lower_ in ("we", "i", "us") for t in recipients):
        return True
    mine = set(ctx.linker.actors(actors))
    return bool(mine) and mine >= set(ctx.linker.actors(recipients))


def _announced(draft: Draft, event: Event, ctx: EventDoc) -> tuple[Event, ...]:
    """An act announced for the future, as PLOVER codes it. Its actor's own stated intention ("will visit",
    "said it would allow", "said they would boycott") is one event in place of the act: an AGREE when the act
    is cooperative, a THREATEN when it is hostile, dated now. A cooperative act foretold or scheduled ("is about
    to restore ties", "left for talks") is kept, with an AGREE beside it. A cooperative act its actor says it
    will not do ("will not accept", "would not allow") is a REJECT. A forecast ("will likely"), a condition,
    any other negation or an act governed by another trigger is left as it is."""
    if how.FUTURE not in event.modality or how.HYPOTHETICAL in event.modality or ctx.governing(draft.trigger):
        return (event,)
    intent = _stated_intent(draft.trigger.head)
    if intent and _unless(draft.trigger.head):  # "will withdraw its force unless …": a threat, whatever the act
        type_, mode = "THREATEN", _THREAT_MODES.get(event.type)
    elif how.NEGATED in event.modality:
        if not (intent and event.type in COOPERATIVE):
            return (event,)
        type_, mode = "REJECT", None  # "will not accept", "would not allow": a refusal stated now
    elif event.type in COOPERATIVE - {"AGREE"}:
        type_, mode = "AGREE", _REQUEST_MODES.get(event.type)
    elif event.type in _THREATENED and intent:
        type_, mode = "THREATEN", _THREAT_MODES.get(event.type)
    else:
        return (event,)
    made = ctx.event(replace(draft, type=type_, mode=mode, derived=not intent))
    flags = tuple(f for f in made.modality if f not in (how.FUTURE, how.NEGATED))
    announced = replace(made, modality=flags, date=ctx.published)
    return (announced,) if intent else (event, announced)


_THREATENED = frozenset({"ASSAULT", "MOBILIZE", "COERCE", "SANCTION", "PROTEST"})
_WILL = frozenset({"will", "would", "shall", "'ll", "’ll", "wo"})
# Words by which an actor states its own intention to act ("plans to", "is ready to", "decided to").
_INTENT = frozenset({"plan", "intend", "decide", "ready", "willing", "prepared", "determined", "resolve",
                     "want", "wish", "mean", "aim", "seek", "try", "hope"})
_HEDGES = frozenset({"likely", "probably", "possibly", "perhaps", "maybe", "reportedly"})


def _unless(head: Token) -> bool:
    """The act is announced on a condition that someone else does not meet: an "unless" clause on its verb."""
    clause = head if head.pos_ in ("VERB", "AUX") else head.head
    return any(marked_clause(c, _UNLESS) for c in clause.children)


_UNLESS = frozenset({"unless"})


def _stated_intent(head: Token) -> bool:
    """The act is announced as its actor's own intention — "will"/"would" on its verb, or a word of intent
    governing it — not foretold ("is about to", "is expected to", "will likely")."""
    if head.pos_ in ("VERB", "AUX"):
        clause = head
    elif head.dep_ == "dobj":
        clause = head.head  # "will extend the curfew"
    else:
        return False  # "the upcoming summit will focus on trade": a forecast about the event, no one's intent
    children = list(clause.children)
    if any(c.lower_ in _HEDGES for c in children):
        return False
    if any(c.dep_ == "aux" and c.lower_ in _WILL for c in children):
        return True
    governor = clause.head
    return clause.dep_ == "xcomp" and governor.lemma_.lower() in _INTENT and \
        not any(c.lower_ in _HEDGES for c in governor.children)
