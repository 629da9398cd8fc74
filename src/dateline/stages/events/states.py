"""The state of an actor named without one: the one state its clause names outside the other side of the
event, else the state of a domestic counterpart (rebels, opposition, courts, police, press deal mostly with
their own state's officials)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from spacy.tokens import Span, Token

from ... import actors, lexicon
from ...records import Actor
from .actors import ActorLinker

# Sectors that act within their own state: their counterpart without a state is taken to share it.
_DOMESTIC = frozenset({"REB", "OPP", "JUD", "JRN", "COP", "LAB", "EDU", "PTY", "CRM", "AGR"})
# Sectors of a state's own politics: an office holder or party without a state may take its challenger's.
_POLITICAL = frozenset({"GOV", "MIL", "ELI", "LEG", "JUD", "PTY", "OPP", "COP", "REB"})


def stated(linker: ActorLinker, found: tuple[Actor, ...], clause: Token, others: Sequence[Token],
           other_side: Sequence[Actor] = ()) -> tuple[Actor, ...]:
    """A person or group named without a state ("President X", "rebels") belongs to the one state its
    clause names outside the other side of the event ("X lifted the curfew in Abidjan"; not "X met the
    president of Armenia", nor the state of who reports it); failing that, to the state of a domestic
    other side ("Zimbabwe's opposition demanded that President X resign"): :func:`home_state`."""
    if not any(linker.placeable(a) for a in found):
        return found
    ranges = [(t.left_edge.idx, t.right_edge.idx + len(t.right_edge)) for t in others]
    outside = state_outside(clause.doc[clause.left_edge.i:clause.right_edge.i + 1], ranges)
    home = home_state(other_side)
    return tuple(replace(a, country=outside or (home if _in_politics(a) else None)) if linker.placeable(a) else a
                 for a in found)


def home_state(side: Sequence[Actor]) -> str | None:
    """The one state of a side made of domestic actors — rebels, opposition, courts, police, press, parties,
    unions — who deal mostly with their own state's officials; None when the side holds a government, an army,
    civilians (often a foreign actor's victims) or an international body, or names no state or several."""
    known = [a for a in side if a.country is not None]
    if not known or any(a.sector not in _DOMESTIC for a in known):
        return None
    states = {a.country for a in known}
    return states.pop() if len(states) == 1 else None


def _in_politics(actor: Actor) -> bool:
    """An actor of some state's politics ("President X", "General X"), not of an international body ("UN
    mediator X", "a U.N. military presence")."""
    if actor.sector not in _POLITICAL:
        return False
    return not any(m.entry.kind == "IGO" for m in lexicon.matches_in(lexicon.tokenize(actor.name)))


def state_outside(scope: Span, exclude: Sequence[tuple[int, int]]) -> str | None:
    """The one state a stretch of text names outside the given character ranges."""
    text = "".join(" " if any(a <= scope.start_char + i < b for a, b in exclude) else c
                   for i, c in enumerate(scope.text))
    return _sole_state(text)


@lru_cache(maxsize=256)
def _sole_state(sentence: str) -> str | None:
    """The state a sentence names, when it names exactly one (by name, capital, large city or demonym; not
    "ethnic Albanians", "pro-Russian", "Iranian-backed")."""
    tokens = lexicon.tokenize(sentence)
    states = {m.entry.country for m in lexicon.matches_in(tokens) if not m.role and actors.gives_country(tokens, m)}
    states.discard(None)
    return states.pop() if len(states) == 1 else None
