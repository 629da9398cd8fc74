"""Who does what to whom in the parse: the tokens that fill an event trigger's actor and recipient roles.

A verb's actor is its subject (the ``by`` agent of a passive), or the subject it shares with the verb that
governs it (``agreed to meet``, ``is about to restore``, conjoined verbs, participles) — the object of an
object-control verb (``urged Bree to help``). Its recipients are its object, the subject of a passive and the
objects of ``against/on/with/to/at/into/from``. An event noun's actor is its possessor, its ``by``/``from``
phrase or an actor modifier ("US airstrikes"); without one, the subject of the clause it takes part in
("the army was in its third day of an offensive", "spoke to reporters at a summit"). An event noun's
recipients are its prepositional objects, else those of the verb it is the object of ("granted asylum to X"),
else the subject of a passive clause it is in ("civilians were killed in a bombing"). A demand with no object
is aimed at the subject of what it demands ("demanded that the US cancel"), a threat at the subject of its
condition ("unless Israel rescinds"). Candidate tokens are returned; :mod:`.actors` decides which name
actors.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Token

IsActor = Callable[[Token], bool]

_SUBJECTS = frozenset({"nsubj", "csubj"})
_PASSIVE_SUBJECTS = frozenset({"nsubjpass", "csubjpass"})
_OBJECTS = frozenset({"dobj", "dative", "obj", "iobj"})
VERB_RECIPIENT_PREPS = frozenset({"against", "on", "upon", "at", "with", "to", "into", "toward", "towards", "from",
                                  "for", "between", "among"})
NOUN_RECIPIENT_PREPS = frozenset({"against", "on", "upon", "at", "with", "to", "into", "toward", "towards",
                                  "between", "among", "for"})
NOUN_ACTOR_PREPS = frozenset({"by", "from"})
# Event nouns whose "of" phrase names who acts ("a meeting of ministers", "the withdrawal of troops").
INTRANSITIVE_TYPES = frozenset({"CONSULT", "MOBILIZE", "PROTEST"})
INTRANSITIVE_MODES = frozenset({"withdraw", "disarm", "ceasefire", "visit"})
_DUMMY_SUBJECTS = frozenset({"it", "this", "that", "there", "what", "which"})
_RELATIVE = frozenset({"who", "which", "that", "whom"})
_INHERIT_THROUGH = frozenset({"xcomp", "conj", "advcl", "acomp", "pcomp", "ccomp"})
# Verbs whose object does what their infinitive complement says ("urged Bree to help").
_OBJECT_CONTROL = frozenset({"urge", "ask", "call", "order", "force", "persuade", "tell", "invite", "allow",
                             "encourage", "press", "pressure", "help", "permit", "want", "request", "push",
                             "demand", "appeal", "compel", "instruct", "direct", "advise", "enable"})
# Prepositions through which a noun event's clause subject takes part in it ("at a meeting", "in talks").
_PARTICIPATION_PREPS = frozenset({"at", "in", "during", "of", "for", "into", "on"})
# Prepositions that put the clause's subject at an event ("at a meeting", "during talks").
_PRESENCE_PREPS = frozenset({"at", "during"})
MAX_CLIMB = 6
# Participles that describe a state of their subject when no agent follows ("is committed to").
_STATIVE_PASSIVES = frozenset({"commit", "oppose", "prepare", "determine", "engage", "involve", "dedicate",
                               "devote", "resolve", "opposed", "committed", "prepared", "determined"})
# Prepositions of a verb that aim its event-noun object ("granted asylum to X", "imposed sanctions on X").
_LIGHT_VERB_PREPS = frozenset({"to", "against", "on", "upon", "with", "into", "toward", "towards"})
# Clauses that say what a demand asks for ("demanded that X withdraw", "a demand that X withdraw").
_DEMANDED = frozenset({"ccomp", "acl"})
_CONDITIONS = frozenset({"unless", "if", "until"})
# Prepositions through which an object that is no actor points to one ("an offer from X", "the removal of X").
_BEHIND_PREPS = frozenset({"from", "by", "of"})


@dataclass(frozen=True)
class Roles:
    actors: tuple[Token, ...] = ()
    recipients: tuple[Token, ...] = ()


def verb_roles(verb: Token, is_actor: IsActor, type_: str = "") -> Roles:
    """Actor and recipient tokens of a verbal trigger."""
    return Roles(tuple(subjects(verb)), tuple(_verb_recipients(verb, is_actor) or addressed(verb, type_, is_actor)))


def noun_roles(noun: Token, type_: str, mode: str | None, is_actor: IsActor, *, governed: bool) -> Roles:
    """Actor and recipient tokens of a nominal trigger; ``governed``: its clause verb is another event."""
    of_actor = type_ in INTRANSITIVE_TYPES or (mode or "") in INTRANSITIVE_MODES
    actors = _noun_actors(noun, is_actor, of_actor=of_actor)
    if not actors or _attached_by(noun) in _PRESENCE_PREPS:  # "told a news conference at a meeting"
        actors += [t for t in _clause_subjects(noun, governed=governed) if t not in actors]
    recipients = [t for prep in _preps(noun, NOUN_RECIPIENT_PREPS | ({"of"} if not of_actor else set()))
                  for t in _pobjs(prep)]
    if not recipients and noun.dep_ in _OBJECTS:  # "granted asylum to X", "issued a reminder to X"
        recipients = [t for prep in _preps(noun.head, _LIGHT_VERB_PREPS) for t in _pobjs(prep)]
    recipients = recipients or addressed(noun, type_, is_actor) or _undergoers(noun)
    return Roles(tuple(actors), tuple(r for r in recipients if r not in actors))


def addressed(trigger: Token, type_: str, is_actor: IsActor) -> list[Token]:
    """Who a demand or a threat is aimed at when no object names it: the subject of what is demanded ("demanded
    that the US cancel", "its demand that Israel ease") or of the threat's condition ("threatened to strike
    unless Israel rescinds")."""
    if type_ == "REQUEST":
        clauses = [c for c in trigger.children if c.dep_ in _DEMANDED]
    elif type_ == "THREATEN":
        acts = [trigger, *(c for c in trigger.children if c.dep_ in ("xcomp", "ccomp"))]
        clauses = [c for act in acts for c in act.children if c.dep_ == "advcl" and _conditional(c)]
    else:
        return []
    return [t for clause in clauses for t in _expand([s for s in clause.children if s.dep_ in _SUBJECTS])
            if is_actor(t)]


def _conditional(clause: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in _CONDITIONS for c in clause.children)


def subjects(verb: Token, depth: int = 0) -> list[Token]:
    """The subject tokens of a verb (a passive's agent), inherited from a governing verb where it has none."""
    if _passive(verb) and not _stative(verb):
        return [t for agent in verb.children if agent.dep_ == "agent" for t in _pobjs(agent)]
    own = [t for t in verb.children if t.dep_ in _SUBJECTS or t.dep_ in _PASSIVE_SUBJECTS and _stative(verb)]
    if own:
        return [_antecedent(t) for t in _expand(own)]
    return _inherited(verb, depth) or _stranded(verb)


def _stranded(verb: Token) -> list[Token]:
    """A finite verb the parser left without a subject takes the nearest name before it that the parser hung
    in an apposition or a fragment ("Visiting Kenya, Japan's minister X called for ...")."""
    if verb.tag_ not in ("VBD", "VBZ", "VBP"):
        return []
    for token in reversed(verb.doc[verb.sent.start:verb.i]):
        if token.pos_ in ("VERB", "AUX") or token.text in (";", ":"):
            return []
        if token.pos_ in ("PROPN", "NOUN") and token.dep_ in ("appos", "dep", "npadvmod", "nsubj", "ROOT"):
            return [token]
    return []


def _inherited(verb: Token, depth: int) -> list[Token]:
    head = verb.head
    if verb.dep_ == "pcomp" and head.pos_ == "ADP" and head.head.i != head.i:  # "resorted to throwing stones"
        verb, head = head, head.head
        if verb.dep_ == "prep":
            return subjects(head, depth + 1) if head.pos_ in ("VERB", "AUX", "ADJ") else []
    if depth >= MAX_CLIMB or head.i == verb.i:
        return []
    if verb.dep_ in ("acl", "relcl"):  # a participle under a verbless root is the sentence's predicate
        return [] if verb.tag_ == "VBN" and head.dep_ != "ROOT" else [head]
    if verb.dep_ not in _INHERIT_THROUGH or verb.dep_ == "ccomp" and head.pos_ != "ADJ":
        return []
    if verb.dep_ in ("xcomp", "advcl") and head.lemma_.lower() in _OBJECT_CONTROL:
        objects = [t for t in head.children if t.dep_ in _OBJECTS or t.dep_ == "nsubjpass"]
        if objects:
            return _expand(objects)
    return subjects(head, depth + 1)


def _verb_recipients(verb: Token, is_actor: IsActor) -> list[Token]:
    passive = _passive(verb) and not _stative(verb)
    direct = [t for t in verb.children if t.dep_ in _OBJECTS or (t.dep_ in _PASSIVE_SUBJECTS and passive)]
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        direct.append(verb.head)  # "soldiers wounded in the attack"
    objects = _expand(direct) + [t for prep in _preps(verb, VERB_RECIPIENT_PREPS) for t in _pobjs(prep)]
    out: list[Token] = []
    for obj in objects:
        out += [obj] if is_actor(obj) else _behind(obj, is_actor)
    return list(dict.fromkeys(out))


def _behind(thing: Token, is_actor: IsActor) -> list[Token]:
    """The actors behind an object that is no actor: "ties with Chad", "Sweden's decision", "an appeal
    from the president", "the removal of President X"."""
    out = [t for t in thing.children if t.dep_ == "poss" and is_actor(t)]
    preps = NOUN_RECIPIENT_PREPS | _BEHIND_PREPS
    out += [t for prep in _preps(thing, preps) for t in _pobjs(prep) if is_actor(t)]
    return out


def _noun_actors(noun: Token, is_actor: IsActor, *, of_actor: bool) -> list[Token]:
    possessors = [t for t in noun.children if t.dep_ == "poss"]
    by = [t for prep in _preps(noun, NOUN_ACTOR_PREPS | ({"of"} if of_actor else set())) for t in _pobjs(prep)]
    by += [t for agent in noun.children if agent.dep_ == "agent" for t in _pobjs(agent)]
    modifiers = [_actor_within(t, is_actor) for t in noun.children if t.dep_ in ("compound", "amod", "nmod")]
    return _expand(possessors) + by + _expand([t for t in modifiers if t is not None])


def _actor_within(modifier: Token, is_actor: IsActor) -> Token | None:
    """The modifier itself when it names an actor, else an actor inside it ("US Predator attacks")."""
    if is_actor(modifier):
        return modifier
    return next((t for t in modifier.subtree if t is not modifier and is_actor(t)), None)


def _clause_subjects(noun: Token, *, governed: bool) -> list[Token]:
    """The subject of the clause a noun event takes part in, found by climbing to its verb."""
    token, prep = noun, None
    for _ in range(MAX_CLIMB):
        if token.dep_ in ("nsubj", "ROOT") or token.head.i == token.i:
            return []
        if token.dep_ == "nsubjpass":
            return [t for agent in token.head.children if agent.dep_ == "agent" for t in _pobjs(agent)]
        if token.dep_ == "pobj":
            prep = token.head.lower_
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            if governed and prep not in _PARTICIPATION_PREPS:
                return []
            return [t for t in subjects(token) if token.lemma_ != "be" or t.lower_ not in _DUMMY_SUBJECTS]
    return []


def _undergoers(noun: Token) -> list[Token]:
    """Who a noun event befalls when its clause is a passive ("civilians were killed in a bombing", "a US
    national was put under investigation")."""
    token = noun
    for _ in range(MAX_CLIMB):
        if token.dep_ in ("nsubj", "nsubjpass", "ROOT") or token.head.i == token.i:
            return []
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            passive = _passive(token) and not _stative(token)
            return _expand([t for t in token.children if t.dep_ == "nsubjpass"]) if passive else []
    return []


def _attached_by(noun: Token) -> str | None:
    return noun.head.lower_ if noun.dep_ == "pobj" and noun.head.dep_ == "prep" else None


def _stative(verb: Token) -> bool:
    """ "Vietnam is committed to", "Israel is opposed to": a state of the subject, not a passive."""
    no_agent = not any(t.dep_ == "agent" for t in verb.children)
    return no_agent and verb.lemma_.lower() in _STATIVE_PASSIVES


def _passive(verb: Token) -> bool:
    """A passive verb: a passive subject or auxiliary, and no active subject ("shortened by one hour" is not)."""
    deps = {t.dep_ for t in verb.children}
    return bool(deps & {"auxpass", "nsubjpass", "csubjpass"}) and not deps & _SUBJECTS or \
        verb.tag_ == "VBN" and "agent" in deps and not deps & _SUBJECTS and verb.dep_ in ("acl", "relcl")


def _antecedent(token: Token) -> Token:
    """A relative pronoun stands for the noun its clause modifies ("militants who attacked")."""
    if token.lower_ in _RELATIVE and token.head.dep_ == "relcl":
        return token.head.head
    return token


def _preps(token: Token, words: frozenset[str] | set[str]) -> list[Token]:
    return [t for t in token.children if t.dep_ in ("prep", "agent") and t.lower_ in words]


def _pobjs(prep: Token) -> list[Token]:
    return _expand([t for t in prep.children if t.dep_ in ("pobj", "pcomp") and t.pos_ != "VERB"])


def _expand(tokens: list[Token]) -> list[Token]:
    """Tokens with their conjuncts: a compound actor ("Chad and Mali") is each of its members."""
    out: list[Token] = []
    for t in tokens:
        for member in (t, *t.conjuncts):
            if member not in out:
                out.append(member)
    return out
