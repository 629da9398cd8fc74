"""One happening, one event: which triggers name no event of their own, and which are part of the event of
another trigger (the rules :mod:`.stage` applies before it makes records; see docs/records.md)."""

from __future__ import annotations

from spacy.tokens import Token

from .record import EventDoc, clause_verb, main_predicate
from .roles import Roles
from .triggers import Trigger

# Modals of obligation that make a statement a demand ("said Libya must hand over the suspects").
OBLIGATION = frozenset({"must", "should"})


# Actors whose violence or denunciation is their demonstration: PLOVER's PROTEST (mode riot when violent).
_PROTESTERS = frozenset({"protester", "protestor", "demonstrator", "rioter", "striker", "marcher", "picketer"})
_BY_PROTESTERS = {"ASSAULT": "riot", "COERCE": "riot", "ACCUSE": None}


def by_protesters(type_: str, mode: str | None, roles: Roles) -> tuple[str, str | None]:
    """ "Rioters clashed with police", "protesters set fire to", "demonstrators denouncing the result": what
    protesters do as protesters is a PROTEST."""
    if type_ in _BY_PROTESTERS and any(t.lemma_.lower() in _PROTESTERS or t.lower_.rstrip("s") in _PROTESTERS
                                       for t in roles.actors):
        return "PROTEST", _BY_PROTESTERS[type_]
    return type_, mode


# Nouns that take their event from the word before them ("a mediation mission", "a relief operation").
_LIGHT_NOUNS = frozenset({"mission", "effort", "campaign", "operation", "bid", "attempt", "process", "drive",
                          "initiative", "plan", "programme", "program", "action", "move", "push", "round", "incident",
                          "case", "wave", "series", "spate"})


def descriptive(trigger: Trigger) -> bool:
    """A word that names no event of its own: a participle or noun describing another noun ("the besieged
    town", "an occupying army", "peacekeeping troops", "an aid agency")."""
    head = trigger.head
    if head.dep_ in ("amod", "compound", "nmod") and head.head.pos_ in ("NOUN", "PROPN") and \
            head.head.i not in trigger.tokens and head.head.lemma_.lower() not in _LIGHT_NOUNS:
        return True
    return False


# Verbs that demand only when what follows is a demand ("insisted that they must leave", "insisted on talks");
# with a statement ("insisted the army did not attack") they only report it.
_DEMAND_WHEN_DIRECTED = frozenset({"insist"})


def asserted(trigger: Trigger) -> bool:
    head = trigger.head
    if head.lemma_.lower() not in _DEMAND_WHEN_DIRECTED or len(trigger.tokens) > 1:
        return False
    if any(c.dep_ == "prep" and c.lower_ == "on" for c in head.children):
        return False
    clauses = [c for c in head.children if c.dep_ == "ccomp"]
    return bool(clauses) and not any(_directive(c) for c in clauses)


def _directive(clause: Token) -> bool:
    """A clause that says what someone must do: an obligation modal or a bare subjunctive ("that he resign")."""
    return any(c.dep_ == "aux" and c.lower_ in OBLIGATION for c in clause.children) or \
        (clause.tag_ == "VB" and not any(c.dep_ == "aux" for c in clause.children))


# Dependencies through which an act is part of the event above it, not one of its own: the object or complement
# of another trigger ("provide support", "called for sanctions", "refused to meet", "accused them of attacking",
# "claimed that they attacked", "an operation to retake the town").
_FOLD_THROUGH = frozenset({"xcomp", "ccomp", "dobj", "pobj", "prep", "pcomp", "acl", "compound", "nsubjpass",
                           "attr", "oprd", "appos", "acomp", "agent", "dative", "npadvmod"})
# An adverbial clause with one of these marks is a condition or a time still to come ("unless the president
# agrees", "before they demobilize"), not a separate event that happened.
_UNREAL_MARKS = frozenset({"if", "unless", "until", "before", "whether", "lest", "once"})
# Prepositions that introduce what an act is about ("called for", "accused of", "agreed on"); others introduce
# its time, place or circumstances ("detained during protests", "after the attack"): a separate event.
_ARGUMENT_PREPOSITIONS = frozenset({"for", "of", "to", "on", "in", "against", "with", "from", "into", "over", "about",
                                    "as", "toward", "towards", "upon"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "expl", "csubj"})


# An event noun more than this many prepositions below a trigger only describes something in its object
# ("welcomed memos on its role in the coming talks"): the talks are an event of their own.
_MAX_NOUN_HOPS = 2


def folded_into(trigger: Trigger, ctx: EventDoc) -> Trigger | None:
    """The trigger whose event this one is part of, if any: one reached up the parse through complements (see
    ``_FOLD_THROUGH``), through an adverbial clause with no subject of its own ("shelled the city, killing
    twenty"; "demonstrated, calling for independence") or one that is only a condition, or through a
    coordination of the same type ("donated and delivered"). A relative clause, a coordination of another
    type, or a clause of its own with a subject ("after rebels attacked") is a separate event."""
    token = trigger.head
    nouns = 0
    for _ in range(12):
        head = token.head
        nouns += token.dep_ == "pobj"
        if head.i == token.i or not _folds(token, trigger, ctx) or nouns > _MAX_NOUN_HOPS:
            return None
        above = ctx.heads.get(head.i) or _supported(head, token, ctx)
        if above is not None and above is not trigger:
            return None if _judged(trigger, above) else above
        token = head
    return None


# Types whose object is an event that happened: condemning, blaming or welcoming an attack or a deal does not
# make it any less an event ("condemned an attack by the militia"), nor does breaking up a march or a meeting.
_JUDGING = frozenset({"ACCUSE", "SUPPORT"})
_ACTING_ON = frozenset({"COERCE", "ASSAULT"})
_GATHERINGS = frozenset({"PROTEST", "CONSULT"})
_OBJECTS = frozenset({"dobj", "nsubjpass", "npadvmod"})  # npadvmod: how the parser often reads "breaking up a march"
# ... unless the act kept it from happening ("police prevented the rally", "banned the march").
_PREVENTING = frozenset({"prevent", "ban", "block", "stop", "thwart", "foil", "forbid", "prohibit", "outlaw",
                         "cancel", "halt", "avert"})


def _judged(trigger: Trigger, above: Trigger) -> bool:
    """An event noun that another act is about and that happened all the same: one with its own agent ("an
    attack by the militia", "the army's raid") judged by another, or one a hostile act was done to ("broke up
    the march") and did not prevent."""
    if trigger.verbal:
        return False
    head = trigger.head
    if above.type in _ACTING_ON:
        return trigger.type in _GATHERINGS and head.dep_ in _OBJECTS and head.head.i == above.head.i and \
            above.verbal and above.head.lemma_.lower() not in _PREVENTING
    if above.type not in _JUDGING:
        return False
    return any(c.dep_ == "poss" or (c.dep_ in ("prep", "agent") and c.lower_ == "by") for c in head.children)


def _supported(verb: Token, below: Token, ctx: EventDoc) -> Trigger | None:
    """The event noun a light verb carries ("staged rallies ... to demand", "began a hunger strike to
    protest"): the trigger that is the verb's object, when the walk comes up to the verb another way."""
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    return next((ctx.heads[c.i] for c in verb.children
                 if c.dep_ in ("dobj", "attr") and c.i != below.i and c.i in ctx.heads), None)


def _folds(token: Token, trigger: Trigger, ctx: EventDoc) -> bool:
    """Does the link from ``token`` to its head keep ``trigger`` inside the event above?"""
    dep = token.dep_
    if dep == "prep":
        return token.lower_ in _ARGUMENT_PREPOSITIONS
    if dep in _FOLD_THROUGH:
        return True
    if dep == "advcl":
        own = {c.dep_ for c in token.children}
        marks = {c.lower_ for c in token.children if c.dep_ == "mark"}
        return not own & _SUBJECTS or bool(marks & _UNREAL_MARKS)
    if dep == "conj":
        above = ctx.heads.get(token.head.i)
        return above is not None and above.type == trigger.type
    return False


# Causes with no one behind them: deaths they bring are an accident or a disaster, not an assault.
_CAUSES = frozenset({"explosion", "blast", "fire", "blaze", "flood", "flooding", "quake", "earthquake", "storm",
                     "cyclone", "typhoon", "hurricane", "tornado", "landslide", "mudslide", "avalanche", "crash",
                     "accident", "collapse", "stampede", "disease", "outbreak", "lightning", "rain", "rains",
                     "heatwave", "tsunami", "eruption", "leak", "derailment", "wave", "drought", "virus"})
# Words that put someone behind an explosion ("a bomb exploded", "an explosive device", "a suicide blast").
_WEAPONS = frozenset({"bomb", "bomber", "device", "ied", "grenade", "explosive", "explosives", "rocket", "missile",
                      "mine", "minefield", "landmine", "suicide", "attacker", "militant", "shell", "mortar", "drone",
                      "detonate", "planted", "airstrike", "strike", "gunfire", "gunman", "gunmen", "bullet",
                      "sniper", "shooting", "shelling"})
_EXPLODING = frozenset({"explosion", "explode", "blast"})


def accidental(trigger: Trigger, roles: Roles) -> bool:
    """An ASSAULT that no one did: deaths or damage whose only cause named is a disaster or an accident ("the
    blaze killed six", "floods destroyed homes", "were killed in a plane crash", "died after an earthquake
    struck"), or an explosion no one is said to have set off ("a furnace exploded") — unless something in the
    sentence makes it a weapon's ("a minefield explosion killed two")."""
    if trigger.type != "ASSAULT":
        return False
    head = trigger.head
    caused = bool(roles.actors) and all(_is(t, _CAUSES) for t in roles.actors)
    if not (caused or _no_one_behind(head, roles)):
        return False
    # "an earthquake struck": no strike; "after security forces opened fire": a weapon's fire, not a blaze
    return not any(_is(t, _WEAPONS) or _gunfire(t) for t in head.sent if t.i != head.i)


def _gunfire(token: Token) -> bool:
    """Fire opened or fired: shooting ("opened fire on protesters", "returned fire")."""
    return token.lemma_.lower() == "fire" and token.dep_ == "dobj" and token.head.lemma_.lower() in _FIRING


_FIRING = frozenset({"open", "return", "exchange", "trade"})


def _no_one_behind(head: Token, roles: Roles) -> bool:
    """No one is named as doing it: an explosion of a thing or of nothing named, or deaths told in the passive
    with a disaster or an accident as their only cause ("were killed in a crash")."""
    if head.lemma_.lower() in _EXPLODING:
        return all(_thing(t) for t in roles.actors)
    return not roles.actors and any(_is(t, _CAUSES) for t in head.subtree if t.i != head.i)


def _thing(token: Token) -> bool:
    """A common noun naming no person, group or place: "the container", "a furnace"."""
    return token.pos_ == "NOUN" and not token.ent_type_ and token.lemma_.lower() not in _PEOPLE


# Common nouns for people and groups who can set something off.
_PEOPLE = frozenset({"man", "woman", "person", "people", "group", "militant", "rebel", "soldier", "force", "troop",
                     "insurgent", "fighter", "gunman", "attacker", "terrorist", "army", "police", "militia",
                     "jihadist", "extremist", "bomber", "suspect", "assailant"})


# What is released, sought or launched when it is no act between parties: a report, a video, figures ("the
# ministry released figures", "police sought a man in a slaying", "launched a website", "sought medical
# attention").
_THINGS = frozenset({"report", "statement", "video", "footage", "figure", "data", "result", "album", "film",
                     "detail", "photo", "photograph", "image", "list", "document", "book", "record", "study",
                     "survey", "finding", "transcript", "recording", "audio", "letter", "website", "app",
                     "product", "song", "movie", "poll", "estimate", "forecast", "guideline", "version",
                     "suspect", "man", "woman", "person", "driver", "gunman", "killer",
                     "attention", "treatment", "care", "cloud", "gas", "smoke", "fume", "chemical", "radiation",
                     "toxin", "substance", "water", "oil"})
_SENSES = {"release": "RETREAT", "seek": "REQUEST"}
# What one commits as a deed, not as a pledge ("committed atrocities", "committed widespread rape").
_MISDEEDS = frozenset({"crime", "atrocity", "abuse", "violation", "offence", "offense", "fraud", "murder", "rape",
                       "massacre", "genocide", "act", "attack", "assault", "suicide", "error", "mistake", "felony",
                       "misconduct", "torture", "killing", "robbery", "theft", "violence", "sin", "perjury",
                       "treason", "foul", "blunder", "breach", "excess"})


def other_sense(trigger: Trigger) -> bool:
    """A verb in a sense that is no political event: what it takes as object is a thing or, for "seek", a
    person sought ("released a report", "is sought in a slaying"), or for "commit" a deed done, not a pledge
    ("committed atrocities": the deed is the event). A verb with a person or group as object keeps its sense
    ("released the hostages", "sought talks")."""
    head = trigger.head
    lemma = head.lemma_.lower()
    if len(trigger.tokens) > 1:
        return False
    if lemma == "commit":
        return any(c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in _MISDEEDS for c in head.children)
    if trigger.type == "ACCUSE" and lemma in _MOTION_SENSES:
        return _moving(head)
    if _SENSES.get(lemma) != trigger.type:
        return False
    objects = [c for c in head.children if c.dep_ in ("dobj", "nsubjpass")]
    return bool(objects) and all(o.lemma_.lower() in _THINGS for o in objects)


# Prepositions that set an event against another as its time or circumstance ("after the clashes", "during
# the fighting", "despite the ceasefire").
_SETTING = frozenset({"after", "following", "during", "before", "since", "amid", "amidst", "despite", "until",
                      "throughout", "ahead"})
_SETTING_CLAUSES = _SETTING | {"as", "while", "when", "once"}


def background(trigger: Trigger) -> bool:
    """What sets the scene of the event its clause reports, not news of its own: an event noun in a phrase of
    time or circumstance ("surrendered following a government offensive", "after the discovery of rockets"), a
    clause of time ("a day after the jet was shot down", "as the opposition threatened to storm …"), a relative
    clause ("the town, where six were killed"). A demonstration is news even so ("arrested during a protest": a
    protest met with force, as ACLED codes it)."""
    head = trigger.head
    if trigger.type == "PROTEST":
        return False
    if head.pos_ in ("VERB", "AUX"):
        return _setting_clause(head)
    if head.pos_ not in ("NOUN", "PROPN") or len(trigger.tokens) > 1:
        return False
    if head.dep_ in ("nsubj", "nsubjpass") and head.head.pos_ in ("VERB", "AUX") and head.head.dep_ == "advcl":
        return _setting_clause(head.head)  # "as street battles raged": the subject of a clause of time
    return _in_setting_phrase(head)


def _setting_clause(verb: Token) -> bool:
    """A relative clause, or an adverbial clause of time or circumstance ("as …", "after …")."""
    return verb.dep_ == "relcl" or marked_clause(verb, _SETTING_CLAUSES)


def marked_clause(verb: Token, marks: frozenset[str]) -> bool:
    """An adverbial clause opened by one of ``marks`` ("unless …", "as …")."""
    return verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in marks for c in verb.children)


def _in_setting_phrase(noun: Token) -> bool:
    """Whether the noun stands in a phrase of time or circumstance, directly or inside its object ("after the
    discovery *of* rockets")."""
    token = noun
    for _ in range(6):
        if token.dep_ != "pobj":
            return False
        prep = token.head
        if prep.dep_ != "prep":
            return False
        if prep.lower_ in _SETTING:
            return prep.head.pos_ in ("VERB", "AUX", "NOUN")
        token = prep.head
        if token.pos_ not in ("NOUN", "PROPN"):
            return False
    return False


# Verbs of criticism that are also verbs of impact: "slammed the decision" criticises, "slammed into the
# coast" moves.
_MOTION_SENSES = frozenset({"slam", "blast", "hammer", "lash"})
_PATHS = frozenset({"into", "onto", "against", "through", "across", "down"})


def _moving(verb: Token) -> bool:
    """The verb moves something along a path and criticises no one: no object, a path ("into", "against")."""
    children = list(verb.children)
    if any(c.dep_ in ("dobj", "nsubjpass") for c in children):
        return False
    return any(t.lower_ in _PATHS and t.dep_ in ("prep", "prt", "advmod") and _reaches(t, verb) for t in verb.subtree)


def _reaches(token: Token, verb: Token) -> bool:
    """Whether ``token`` hangs from ``verb`` through prepositional phrases only ("without warning into …")."""
    while token.head.i != verb.i:
        token = token.head
        if token.dep_ not in ("prep", "pobj", "pcomp") or token.head.i == token.i:
            return False
    return True


def _is(token: Token, words: frozenset[str]) -> bool:
    """The token's lemma or its lower-cased form is one of ``words``."""
    return token.lemma_.lower() in words or token.lower_ in words


def passing(trigger: Trigger, beside_main: bool, heads: set[int]) -> bool:
    """An event noun its sentence names only in passing, beside the event the sentence reports (``beside_main``:
    the sentence has a trigger that is its main predicate; ``heads``: the token indices of all triggers):
    in a phrase or clause around that event ("the town, the scene of *violence* last spring", "a camp known for
    *torture*", "closed the border because of *fighting*"), not its subject or object. A clause coordinated with
    the main one reports news of its own ("…, and two were wounded in an *ambush*"), and a demonstration
    is news even in passing ("detained during *protests*")."""
    head = trigger.head
    if not beside_main or trigger.verbal or trigger.type == "PROTEST" or head.pos_ not in ("NOUN", "PROPN"):
        return False
    while head.dep_ == "conj" and head.head.pos_ in ("NOUN", "PROPN"):
        head = head.head  # "decried the burning and looting": a conjunct stands where the first one does
    if main_predicate(head):
        return False
    clause = clause_verb(head)
    return clause is None or clause.i in heads or clause.dep_ != "conj"
