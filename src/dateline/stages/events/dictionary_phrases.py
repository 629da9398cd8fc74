"""Dictionary mode: where a sentence names the actors and agents of the CAMEO actor dictionaries, and whether it
holds a discard phrase. Phrases match whole words, longest first; a dictionary word may span tokens written
together ("U.S.", "Barad-dur")."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Span, Token

from ...cameo.actors import Agent
from ...cameo.load import Dictionaries

_MAX_JOIN = 4


@dataclass(frozen=True)
class Mention:
    """An actor phrase (its codes on the article's date) or an agent phrase, as token indices [start, end)."""

    start: int
    end: int
    codes: tuple[str, ...] = ()
    agent: Agent | None = None


# --- actor and agent phrases --------------------------------------------------------------------------------


def mentions_in(sent: Span, dicts: Dictionaries, published: str | None) -> list[Mention]:
    """The actor and agent phrases of a sentence, left to right, the longest at each place."""
    actors, agents = _first_words(dicts)
    tokens = list(sent)
    out: list[Mention] = []
    i = 0
    while i < len(tokens):
        best: Mention | None = None
        for first in _joined(tokens, i):
            for phrase in actors.get(first, ()) + agents.get(first, ()):
                end = _phrase_end(tokens, i, phrase)
                if end is not None and (best is None or end > best.end - sent.start):
                    best = _mention(dicts, phrase, sent.start + i, sent.start + end, published)
        if best is not None and (best.codes or best.agent is not None):
            out.append(best)
            i = best.end - sent.start
        else:
            i += 1
    return out


def _mention(dicts: Dictionaries, phrase: tuple[str, ...], start: int, end: int, published: str | None) -> Mention:
    actor = dicts.actors.actors.get(phrase)
    if actor is not None:
        return Mention(start, end, actor.codes(published))
    return Mention(start, end, agent=dicts.actors.agents[phrase])


@lru_cache(maxsize=4)
def _first_words(dicts: Dictionaries) -> tuple[dict[str, tuple[tuple[str, ...], ...]],
                                               dict[str, tuple[tuple[str, ...], ...]]]:
    """Actor and agent phrases by their first word, longest first."""
    return _by_first(dicts.actors.actors), _by_first(dicts.actors.agents)


def _by_first(phrases: Iterable[tuple[str, ...]]) -> dict[str, tuple[tuple[str, ...], ...]]:
    out: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        out.setdefault(phrase[0], []).append(phrase)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in out.items()}


def _joined(tokens: list[Token], i: int) -> list[str]:
    """The words that may start at token i: the token, and it with the tokens written against it ("U.S.")."""
    out, text = [], ""
    for j in range(i, min(len(tokens), i + _MAX_JOIN)):
        text += tokens[j].text.upper()
        out.append(text)
        if tokens[j].whitespace_:
            break
    return out


def _phrase_end(tokens: list[Token], i: int, phrase: tuple[str, ...]) -> int | None:
    """Where the phrase ends when it starts at token i (a word may span tokens written together)."""
    j: int | None = i
    for word in phrase:
        j = _word_end(tokens, j, word) if j is not None else None
    return j


def _word_end(tokens: list[Token], j: int, word: str) -> int | None:
    text = ""
    while j < len(tokens):
        text += tokens[j].text.upper()
        j += 1
        if text == word:
            return j
        if not word.startswith(text) or tokens[j - 1].whitespace_:
            return None
    return None


def holds(span: Span, phrases: Sequence[tuple[str, ...]]) -> bool:
    if not phrases:
        return False
    text = f" {' '.join(t.text.upper() for t in span)} "
    return any(f" {' '.join(p)} " in text for p in phrases)

