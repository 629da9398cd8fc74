"""Verb patterns matched against the words around a verb.

Each side of the verb is a :class:`Side`: its words upper-cased, nearest the verb first (the words before the
verb are read backwards), and for each word the actor phrase it belongs to. A pattern side matches when its
elements are found in order; an element joined with ``_`` must come right after the one before it (the verb
for the first), another may skip words. ``+``, ``$`` and ``%`` take a whole actor phrase, ``^`` any one word,
a synset any of its phrases. Of the patterns that match, the most specific (most words) wins, then the first
in the file.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from .verbs import COMPOUND, SKIP, SOURCE, SYNSET, TARGET, WORD, Element, Pattern

BEFORE, AFTER = "before", "after"
NO_ACTOR = -1


@dataclass(frozen=True)
class Side:
    words: tuple[str, ...]  # nearest the verb first
    actors: tuple[int, ...] = ()  # per word: the actor phrase it is part of, or NO_ACTOR

    def actor(self, i: int) -> int:
        return self.actors[i] if i < len(self.actors) else NO_ACTOR


@dataclass(frozen=True)
class Found:
    pattern: Pattern
    slots: Mapping[str, tuple[str, int]] = field(default_factory=dict)  # slot → (side, position of its word)


def best_match(patterns: Sequence[Pattern], before: Side, after: Side) -> Found | None:
    """The most specific pattern that matches, with where its actor slots fell."""
    found = [f for p in patterns if (f := match(p, before, after)) is not None]
    if not found:
        return None
    return max(found, key=lambda f: (f.pattern.weight, -f.pattern.line))


def match(pattern: Pattern, before: Side, after: Side) -> Found | None:
    """The pattern's match around the verb, or None."""
    lower = next(_side(pattern.after, after, 0, 0, {}, AFTER), None)
    if lower is None:
        return None
    upper = next(_side(pattern.before, before, 0, 0, {}, BEFORE), None)
    if upper is None:
        return None
    return Found(pattern, {**lower, **upper})


def _side(elements: tuple[Element, ...], side: Side, k: int, i: int, slots: dict[str, tuple[str, int]],
          name: str) -> Iterator[dict[str, tuple[str, int]]]:
    if k == len(elements):
        yield slots
        return
    element = elements[k]
    starts = [i] if element.joined else range(i, len(side.words))
    for start in starts:
        for taken in _takes(element, side, start, name == BEFORE):
            got = {**slots, element.kind: (name, start)} if element.kind in (SOURCE, TARGET, COMPOUND) else slots
            yield from _side(elements, side, k + 1, start + taken, got, name)


def _takes(element: Element, side: Side, i: int, backwards: bool) -> Iterator[int]:
    """How many words the element can take at position ``i``."""
    if i >= len(side.words):
        return
    if element.kind == SKIP:
        yield 1
    elif element.kind in (SOURCE, TARGET, COMPOUND):
        actor = side.actor(i)
        if actor != NO_ACTOR:
            n = 1
            while side.actor(i + n) == actor:
                n += 1
            yield n
    elif element.kind in (WORD, SYNSET):
        for phrase in element.phrases:
            wanted = tuple(reversed(phrase)) if backwards else phrase
            if side.words[i:i + len(wanted)] == wanted:
                yield len(wanted)
