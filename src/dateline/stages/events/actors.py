"""Turning role tokens into :class:`~dateline.records.Actor` records linked to the entities stage.

A token inside an entity mention is that entity (its id, country and sector). A pronoun or a role noun
("the minister") is the entity :func:`dateline.coref.resolve_reference` finds. A group or role noun outside any
mention ("Syrian soldiers", "the government of Chad", "protesters") is described with
:func:`dateline.actors.describe_actor` on its phrase. An entity without a state takes the state its fullest
phrase names ("King Hassan of Morocco"); :mod:`.states` gives one named without a state the state of its
clause or of its counterpart. Anything else (a decision, a road) is no actor.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc, Token

from ... import actors, coref, lexicon
from ...records import Actor, Entity, Place
from ..mentions import entity_name, modifiers_start

ACTOR_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP", "GROUP"})
_PRONOUNS = coref.PERSON_PRONOUNS | coref.PLURAL_PRONOUNS | coref.THING_PRONOUNS
_WHERE_PREPS = frozenset({"in", "of", "from", "at", "inside", "near", "across", "throughout"})
_LEFT_DEPS = frozenset({"compound", "amod", "poss", "nmod", "det", "case", "punct", "npadvmod", "nummod"})
_NOT_ACTORS = frozenset({"that", "this", "which", "what", "there"})
# Heads that only count or group the actors named in their "of" phrase ("groups of civilians").
_QUANTITIES = frozenset({"group", "dozen", "hundred", "thousand", "million", "score", "number", "some", "many",
                         "most", "all", "part", "member", "band", "batch", "contingent", "handful", "couple",
                         "bunch", "one", "two", "three", "several", "none", "each", "majority", "rest"})
_PEOPLE_TYPES = frozenset({"NORP", "GROUP"})
_NOT_A_STATE = frozenset({"ethnic", "pro", "anti"})
_TOWNS = frozenset({"city", "admin2"})
# Entity types that own a group noun written right after them ("Hamas gunmen" are Hamas).
_OWNING_TYPES = frozenset({"ORG"})


class ActorLinker:
    """Links tokens to actors for one Doc; results are cached per token."""

    def __init__(self, doc: Doc, entities: Sequence[Entity]) -> None:
        self.doc = doc
        self.entities = tuple(entities)
        # by position only: two entities may share a mention's span, and entities do not compare
        spans = sorted(((m.start, m.end, e) for e in self.entities for m in e.mentions), key=lambda t: t[:2])
        self._starts = [s for s, _, _ in spans]
        self._spans = spans
        self._cache: dict[int, Actor | None] = {}
        self._states: dict[str, str | None] = {}

    def actor(self, token: Token) -> Actor | None:
        """The actor a token names, or None."""
        if token.i not in self._cache:
            self._cache[token.i] = self._link(token)
        return self._cache[token.i]

    def is_actor(self, token: Token) -> bool:
        return self.actor(token) is not None

    def actors(self, tokens: Sequence[Token]) -> tuple[Actor, ...]:
        """Distinct actors for tokens, in order (by entity id, else name); "Hungarian and Romanian officials"
        are two actors."""
        out: dict[str, Actor] = {}
        for token in tokens:
            single = self.actor(token)
            for found in self._coordinated(token) or ([single] if single is not None else []):
                out.setdefault(found.entity_id or found.name.lower(), found)
        return tuple(out.values())

    def _coordinated(self, token: Token) -> list[Actor]:
        """One actor per state in a coordinated modifier: "French and Egyptian warships"."""
        first = next((c for c in token.children if c.dep_ in ("amod", "compound", "nmod") and c.conjuncts), None)
        if first is None or self.actor(token) is None:
            return []
        out = []
        for modifier in (first, *first.conjuncts):
            entity = self.entity_at(modifier)
            if entity is None or entity.country is None:
                return []
            phrase = f"{modifier.text} {token.text}"
            info = actors.describe_actor(phrase)
            out.append(Actor(entity_name(phrase), None, entity.country, info.sector))
        return out

    def entity_at(self, token: Token) -> Entity | None:
        """The entity whose mention holds the token (the shortest such mention)."""
        return self._entity_at_char(token.idx)

    def _entity_at_char(self, idx: int) -> Entity | None:
        i = bisect.bisect_right(self._starts, idx)
        hits = [(e - s, ent) for s, e, ent in self._spans[max(0, i - 8):i] if s <= idx < e]
        return min(hits, key=lambda h: h[0])[1] if hits else None

    def placeable(self, actor: Actor) -> bool:
        """Whether an actor without a state may take one from its sentence: a person, a group, a people, or
        a described group phrase (not a named organisation or place)."""
        if actor.country is not None:
            return False
        if actor.entity_id is None:
            return True
        return any(e.id == actor.entity_id and e.type in ("PERSON", "GROUP", "NORP") for e in self.entities)

    def located(self, place: Place) -> Actor:
        """A place an event happens in, standing for what it is aimed at: the place's state, GOV for a state and
        CVL for a town ("a curfew in Abidjan")."""
        info = actors.describe_actor(f"in {place.mention}", label="GPE")
        country = lexicon.alpha3().get(place.country) if place.country else info.country
        sector = "GOV" if place.feature == "country" else "CVL" if place.feature in _TOWNS else info.sector
        entity = self._entity_at_char(place.start)
        return Actor(place.name or place.mention, entity.id if entity is not None else None, country, sector)

    def covered(self) -> tuple[tuple[int, int], ...]:
        """Character ranges of every actor mention."""
        return tuple((s, e) for s, e, ent in self._spans if ent.type in ACTOR_TYPES)

    def _link(self, token: Token) -> Actor | None:
        if token.lower_ in _NOT_ACTORS:
            return None
        if token.lower_ in _PRONOUNS or (token.pos_ == "NOUN" and token.dep_ != "compound" and _definite(token)):
            resolved = coref.resolve_reference(self.doc, token, self.entities)
            if resolved is not None and resolved.type in ACTOR_TYPES:
                return Actor(resolved.name, resolved.id, resolved.country or self._state(resolved), resolved.sector)
        entity = self.entity_at(token)
        if entity is not None:
            return self._from_entity(entity, token) if entity.type in ACTOR_TYPES else None
        counted = self._counted(token)
        if counted is not None:
            return counted
        owner = self._named_before(token)
        if owner is not None:  # "Hamas gunmen", "UN peacekeepers": the group's own word says what it does
            found = self._from_entity(owner, token)
            group = actors.group_noun(token.lemma_) or actors.group_noun(token.lower_)
            own = group is not None and group[1] != "generic" and found.sector not in ("REB", "OPP")
            return replace(found, sector=group[0]) if group is not None and own else found
        return self._described(token)

    def _state(self, entity: Entity) -> str | None:
        """The state of an entity the entities stage left without one, from the fullest phrase of any of its
        mentions ("King Hassan of Morocco" for a later "Hassan" or "he")."""
        if entity.id not in self._states:
            label = None if entity.type == "GROUP" else entity.type
            found = None
            for mention in entity.mentions:
                span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
                if span is not None:
                    found = actors.describe_actor(_full_phrase(span.root), label=label).country
                    if found is not None:
                        break
            self._states[entity.id] = found
        return self._states[entity.id]

    def _from_entity(self, entity: Entity, token: Token) -> Actor:
        """The entity as an actor; one with no state known takes the state its whole phrase names ("Kyrgyz
        Prime Minister X", "Israel's Cabinet", "Rebels in the Ivory Coast", "King Hassan of Morocco"). A people
        or group named with "ethnic" belongs to the state its phrase names, not to the one its name suggests."""
        label = None if entity.type == "GROUP" else entity.type
        country = entity.country
        if entity.type in _PEOPLE_TYPES:  # the phrase at hand is more specific: "ethnic Albanians in Serbia"
            country = actors.describe_actor(_full_phrase(token), label=label).country or (
                None if _ethnic(token) else country)
        if country is None:
            country = actors.describe_actor(_full_phrase(token), label=label).country or self._state(entity)
        return Actor(entity.name, entity.id, country, entity.sector)

    def _counted(self, token: Token) -> Actor | None:
        """ "groups of civilians", "hundreds of protesters": the actor is who is counted."""
        if token.lemma_.lower() not in _QUANTITIES and token.lower_ not in _QUANTITIES:
            return None
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        return self.actor(obj)
        return None

    def _named_before(self, token: Token) -> Entity | None:
        """An organisation named right before a group noun is who the group is ("Hamas gunmen")."""
        if token.i == 0 or actors.group_noun(token.lemma_) is None:
            return None
        before = token.doc[token.i - 1]
        entity = self.entity_at(before)
        return entity if entity is not None and entity.type in _OWNING_TYPES else None

    def _described(self, token: Token) -> Actor | None:
        """A group or role noun outside any mention, described from its phrase; another noun owned by a
        named actor ("Chad's warplanes") is that actor's; a name the model missed that names a state."""
        if token.pos_ == "PROPN":
            return self._unrecognised_name(token)
        if token.pos_ != "NOUN":
            return None
        group = actors.group_noun(token.lemma_) is not None or actors.group_noun(token.lower_) is not None
        owner = self._owner(token, of=group)
        if not group and owner is None and not any(_is_group(t) for t in token.lefts):
            return None
        phrase = _phrase(token)
        info = actors.describe_actor(_full_phrase(token))
        country = info.country or (owner.country if owner else None)
        sector = info.sector or (owner.sector if owner and not group else None)
        if not group and country is None and sector is None:
            return None
        return Actor(entity_name(phrase), None, country, sector)

    def _unrecognised_name(self, token: Token) -> Actor | None:
        """A proper name outside every mention that the actor lexicon knows as a state ("Uzbekistan")."""
        phrase = _phrase(token)
        info = actors.describe_actor(phrase, label="GPE")
        if info.country is None:
            return None
        return Actor(info.canonical, None, info.country, info.sector)

    def _modifier_entities(self, token: Token, *, of: bool = True) -> list[Entity]:
        found = []
        for child in token.children:
            modifier = child.dep_ in ("compound", "amod", "poss", "nmod")
            if modifier or of and child.dep_ == "prep" and child.lower_ == "of":
                for t in child.subtree:
                    entity = self.entity_at(t)
                    if entity is not None and entity.type in ACTOR_TYPES and entity not in found:
                        found.append(entity)
        return found

    def _owner(self, token: Token, *, of: bool = True) -> Entity | None:
        """The state or organisation a group noun belongs to ("Chad's government", "ambassadors of Niger")."""
        owners = self._modifier_entities(token, of=of)
        return owners[0] if owners else None


def _ethnic(token: Token) -> bool:
    return any(t.lower_ in _NOT_A_STATE for t in token.doc[_left(token):token.i])


def _is_group(token: Token) -> bool:
    return token.dep_ in ("compound", "nmod") and actors.group_noun(token.lower_) is not None


def _definite(token: Token) -> bool:
    """ "the minister": a singular role noun after "the" may refer back to a named person."""
    return token.tag_ == "NN" and any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)


def _phrase(token: Token) -> str:
    """The noun with its left modifiers and an "of" phrase: "Chad's main opposition group", "the
    government of Chad"."""
    start, end = _left(token), token.i + 1
    of = next((c for c in token.rights if c.dep_ == "prep" and c.lower_ == "of" and c.i == end), None)
    return token.doc[start:of.right_edge.i + 1 if of is not None else end].text


def _full_phrase(token: Token) -> str:
    """The noun phrase with what follows the noun about where or whose it is: "Rebels in the Ivory Coast",
    "militants loyal to Iraq's Al-Qaeda", "a group based in Trinidad", "X, the UN relief coordinator"."""
    doc = token.doc
    end = token.i + 1
    for child in token.rights:
        after = child.dep_ == "prep" and child.lower_ in _WHERE_PREPS or \
            child.dep_ in ("amod", "acl") and child.tag_ != "VBG"
        if child.dep_ == "appos" or after and not any(t.text in (",", ";", "(") for t in doc[end:child.i]):
            end = child.right_edge.i + 1
        else:
            break
    return doc[_left(token):end].text


def _left(token: Token) -> int:
    """Where a noun's contiguous left modifiers begin."""
    return modifiers_start(token, _LEFT_DEPS)
