"""Events: who did what to whom, where and when — PLOVER-typed records with modality.

1. Triggers — verbs, event nouns and phrases of ``data/event_triggers.tsv`` — are found in the parse
   (:mod:`.event_triggers`); a trigger governed by another of the same type is one event with it ("killed
   soldiers in an ambush").
2. Each trigger's actors and recipients come from the parse (:mod:`.event_roles`) and are linked to the
   entities stage, coreference and actor descriptions (:mod:`.event_actors`, :mod:`.event_states`); a compound
   actor is one event; with no recipient named, the place the event happens in is what it is aimed at.
3. Location and date are what the parse attaches to the trigger, else the sentence's nearest place (else the
   dateline) and the publication date — none for what is only planned or possible (:mod:`.event_context`);
   modality and the reporting source come from the governing words and the quotes (:mod:`.event_modality`).
4. A promise to do something ("vowed to attack") is a THREATEN when the promised act is hostile; a cooperative
   act announced for the future ("will visit", "is about to restore ties") is also an AGREE — PLOVER's
   definition of AGREE — with the act itself kept, flagged "future".

Nothing is dropped for its modality: consumers filter on ``modality`` and ``confidence``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from ..cameo.load import load_dictionaries
from ..records import Actor, Event, Location, Quote, content_id
from ..records import Span as TextSpan
from ..settings import Settings
from . import event_context as where
from . import event_modality as how
from .event_actors import ActorLinker
from .event_dictionary import Party, cameo_state, code_doc
from .event_lexicon import COOPERATIVE, HOSTILE, Rule
from .event_roles import Roles, noun_roles, subjects, verb_roles
from .event_states import stated
from .event_triggers import Context, Trigger, find_triggers
from .mentions import entity_name

NEEDS: tuple[str, ...] = ("sentences", "deps", "ner", "entities", "dates", "places", "quotes")
GIVES: tuple[str, ...] = ("events",)

# Words that promise what follows: hostile promises are threats ("vowed to attack").
_PROMISES = frozenset({"promise", "pledge", "vow", "offer", "commit", "agree", "swear"})
_REQUEST_MODES = {"AID": "assist", "COOPERATE": "assist", "SUPPORT": "assist", "CONSULT": "meet", "AGREE": "meet",
                  "RETREAT": "yield", "CONCEDE": "yield"}
_THREAT_MODES = {"ASSAULT": "violence", "MOBILIZE": "violence", "COERCE": "restrict", "SANCTION": "relations"}
_SKIP_ANNOTATIONS = frozenset({"credits"})
# Modals of obligation that make a reported statement a demand ("said Libya must hand over the suspects").
_OBLIGATION = frozenset({"must", "should"})
# Verbs of which an inquiry is the subject when it reports what it found ("the investigation determined that").
_FINDINGS = frozenset({"determine", "find", "conclude", "show", "reveal", "establish", "confirm", "say", "suggest",
                       "indicate", "state", "report"})
_DECLARING = frozenset({"declare", "reiterate", "conclude", "insist", "stress", "remind", "tell", "urge"})

__all__ = ["NEEDS", "GIVES", "extract_events"]


@dataclass(frozen=True)
class _Draft:
    trigger: Trigger
    type: str
    mode: str | None
    roles: Roles
    derived: bool = False


def extract_events(doc: Doc, *, settings: Settings) -> list[Event]:
    """Every event the Doc reports, in text order (coded with the CAMEO dictionaries when the settings name
    them: :mod:`.event_dictionary`)."""
    ctx = _Doc(doc)
    if settings.cameo_verbs:
        return _dictionary_events(doc, ctx, settings)
    triggers = find_triggers(doc, Context(ctx.linker.covered(), ctx.places.spans()), skip=ctx.skipped)
    drafts = _drafts(triggers, ctx) + _demands(doc, ctx)
    events = [ctx.event(d) for d in drafts]
    events += [e for d, ev in zip(drafts, events, strict=True) if (e := _announced(d, ev, ctx)) is not None]
    return sorted(events, key=lambda e: (e.evidence.start, ctx.order.get(e.id, 0)))


class _Doc:
    """Everything the stage reads from one Doc, looked up once."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        article = _ext(doc, "article")
        self.article_id = getattr(article, "id", None) or content_id(doc.text)
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
            governed = any(t.i in self.heads for t in how.governors(trigger.head)[:3])
            roles = noun_roles(trigger.head, type_, mode, self.linker.is_actor, governed=governed)
        own = set(trigger.tokens)
        actors = [t for t in roles.actors if t.i not in own and not self._venue(t)]
        return Roles(tuple(actors), tuple(t for t in roles.recipients if t.i not in own))

    def _venue(self, token: Token) -> bool:
        """A town written before an event noun is where it happens, not who acts ("a Geneva meeting")."""
        place = self.places.at(token)
        return token.dep_ in ("compound", "nmod") and place is not None and place.feature in ("city", "admin1")

    def event(self, draft: _Draft) -> Event:
        trigger, head = draft.trigger, draft.trigger.head
        clause = _clause_verb(head)
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
            confidence=_confidence(trigger, actors, recipients, place, derived=draft.derived))
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


def _dictionary_events(doc: Doc, ctx: _Doc, settings: Settings) -> list[Event]:
    """Dictionary mode: each coded verb as an Event, its actors those the dictionaries code."""
    events = []
    for coded in code_doc(doc, load_dictionaries(settings), ctx.published):
        rule = Rule(tuple(doc[i].lower_ for i in coded.tokens), "VERB", coded.type, None, f"CAMEO {coded.code}")
        trigger = Trigger(coded.verb, coded.tokens, rule)
        roles = Roles(tuple(p.head for p in coded.sources), tuple(p.head for p in coded.targets))
        event = ctx.event(_Draft(trigger, coded.type, None, roles))
        actors = tuple(dict.fromkeys(_coded_actor(p, ctx) for p in coded.sources))
        recipients = tuple(dict.fromkeys(_coded_actor(p, ctx) for p in coded.targets))
        events.append(replace(
            event, id=content_id(ctx.article_id, "cameo", coded.code, str(trigger.start), actors[0].name),
            actors=actors, recipients=recipients,
            confidence=_confidence(trigger, actors, recipients, event.location, derived=False)))
    return sorted(events, key=lambda e: e.evidence.start)


def _coded_actor(party: Party, ctx: _Doc) -> Actor:
    """A dictionary-coded actor: the words that named it, the entity they belong to, the state and sector of
    its CAMEO code."""
    entity = ctx.linker.entity_at(party.head)
    country, sector = cameo_state(party.code)
    return Actor(party.text, entity.id if entity is not None else None, country, sector)


def _drafts(triggers: list[Trigger], ctx: _Doc) -> list[_Draft]:
    triggers = [t for t in triggers if not _finding(t)]
    ctx.heads = {t.head.i: t for t in triggers}
    kept = [t for t in triggers if not _same_event(t, ctx)]
    drafts = []
    for trigger in kept:
        type_, mode = _typed(trigger, ctx, triggers)
        roles = _with_merged(ctx.roles(trigger, type_, mode), trigger, triggers, ctx)
        drafts.append(_Draft(trigger, type_, mode, _with_governed(roles, trigger, triggers, ctx)))
    return drafts


def _finding(trigger: Trigger) -> bool:
    """ "An investigation determined that ...": an inquiry that finds or shows something is the source of a
    finding, not an investigation reported as news."""
    head = trigger.head
    return trigger.rule.mode == "investigate" and not trigger.verbal and head.dep_ == "nsubj" and \
        head.head.lemma_.lower() in _FINDINGS


def _with_governed(roles: Roles, trigger: Trigger, triggers: list[Trigger], ctx: _Doc) -> Roles:
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


def _same_event(trigger: Trigger, ctx: _Doc) -> bool:
    """A trigger right under another of the same type tells the same event ("killed ... in an ambush")."""
    chain = how.governors(trigger.head)[:2]
    above = next((ctx.heads[t.i] for t in chain if t.i in ctx.heads), None)
    return above is not None and above.type == trigger.type and above.head is not trigger.head


def _with_merged(roles: Roles, trigger: Trigger, triggers: list[Trigger], ctx: _Doc) -> Roles:
    """Roles a merged trigger adds where the kept one has none ("the offensive to recapture the city")."""
    merged = [t for t in _in_sentence(trigger, triggers)
              if t is not trigger and _same_event(t, ctx) and ctx.governing(t) is trigger]
    for other in merged:
        extra = ctx.roles(other, other.type, other.rule.mode)
        roles = Roles(roles.actors or extra.actors, roles.recipients or extra.recipients)
    return roles


def _typed(trigger: Trigger, ctx: _Doc, triggers: list[Trigger]) -> tuple[str, str | None]:
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
    return trigger.type, trigger.rule.mode


def _demands(doc: Doc, ctx: _Doc) -> list[_Draft]:
    """ "X said (that) Y must do Z": a demand by X on Y, a REQUEST whatever Z is."""
    out = []
    for token in doc:
        modal = next((c for c in token.children if c.dep_ == "aux" and c.lower_ in _OBLIGATION), None)
        speech = token.head
        if modal is None or token.dep_ != "ccomp" or speech.lemma_.lower() not in how.ATTRIBUTION | _DECLARING:
            continue
        actors, recipients = subjects(speech), subjects(token)
        if not actors or not recipients or _same_party(actors, recipients, ctx):
            continue
        governed = ctx.heads.get(token.i)
        mode = _REQUEST_MODES.get(governed.type, "change") if governed is not None else "change"
        rule = Rule((modal.lower_,), "VERB", "REQUEST", mode, "a demand reported with must/should")
        out.append(_Draft(Trigger(speech, (modal.i,), rule), "REQUEST", mode, Roles(tuple(actors), tuple(recipients))))
    return out


def _same_party(actors: list[Token], recipients: list[Token], ctx: _Doc) -> bool:
    """ "We must win", "he said he must go": a resolve, not a demand on someone else."""
    if any(t.lower_ in ("we", "i", "us") for t in recipients):
        return True
    mine = set(ctx.linker.actors(actors))
    return bool(mine) and mine >= set(ctx.linker.actors(recipients))


def _announced(draft: _Draft, event: Event, ctx: _Doc) -> Event | None:
    """A cooperative act announced for the future is an AGREE by its actor, dated now."""
    if event.type not in COOPERATIVE - {"AGREE"} or how.FUTURE not in event.modality:
        return None
    if how.NEGATED in event.modality or how.HYPOTHETICAL in event.modality or ctx.governing(draft.trigger):
        return None
    agree = replace(draft, type="AGREE", mode=None, derived=True)
    made = ctx.event(agree)
    flags = tuple(f for f in made.modality if f != how.FUTURE)
    return replace(made, modality=flags, date=ctx.published)


def _clause_verb(head: Token) -> Token | None:
    """The verb of the clause an event noun belongs to (the trigger itself for a verb)."""
    if head.pos_ in ("VERB", "AUX"):
        return head
    token = head
    for _ in range(6):
        if token.head is token:
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


def _confidence(trigger: Trigger, actors: tuple[Actor, ...], recipients: tuple[Actor, ...],
                place: Location | None, *, derived: bool) -> float:
    score = 0.4 + 0.15 * (trigger.verbal or len(trigger.tokens) > 1) + 0.2 * bool(actors) + 0.1 * bool(recipients)
    score += 0.05 * (place is not None) - 0.15 * derived
    return round(min(0.95, max(0.05, score)), 2)


def _ext(doc: Doc, name: str):  # type: ignore[no-untyped-def]
    return getattr(doc._, name, None) if Doc.has_extension(name) else None
