"""PETRARCH actor and agent dictionaries and the discard list.

Actors: ``PHRASE [CODE]`` (words joined by spaces or ``_``), then ``+SYNONYM`` lines, then date restrictions on
lines that start with white space: ``[CODE <DATE]``, ``[CODE >DATE]``, ``[CODE DATE-DATE]`` or ``[CODE]``
(dates YYYYMMDD or YYMMDD, limits included). A code ``A/B`` names several actors; ``---`` none.

Agents: ``PHRASE {PLURALS} [~CODE]`` — the code is added after the actor's (``[CODE~]``: before it).
Regular plurals are made unless ``{}`` is given; ``!NAME! = A, B`` defines a substitution used as ``X!NAME!``.
One file may mix both kinds: a line whose code holds ``~`` is an agent.

Discards: a phrase per line; ``+PHRASE`` discards the whole story, a bare phrase the sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .reader import Line, codes_in, plural, read_lines, without_codes, words

NULL_CODE = "---"
_RESTRICTION = re.compile(r"^(\S+)(?:\s+(?:<\s*(\d{6,8})|>\s*(\d{6,8})|(\d{6,8})\s*-\s*(\d{6,8})))?$")
_SUBSTITUTION = re.compile(r"^(![A-Z0-9_]+!)\s*=\s*(.+)$", re.IGNORECASE)


@dataclass(frozen=True)
class Restriction:
    code: str
    start: str = "00000000"
    end: str = "99999999"

    @property
    def dated(self) -> bool:
        return (self.start, self.end) != ("00000000", "99999999")


@dataclass(frozen=True)
class Actor:
    """An actor entry: its default code and its date restrictions (the first that holds wins)."""

    code: str | None
    restrictions: tuple[Restriction, ...] = ()

    def codes(self, date: str | None) -> tuple[str, ...]:
        """The actor's codes on ``date`` (ISO or YYYYMMDD; None: the default code)."""
        day = (date or "").replace("-", "")[:8]
        dated = [r for r in self.restrictions if r.dated]
        code = next((r.code for r in dated if day and r.start <= day <= r.end), None)
        if code is None:
            code = self.code or next((r.code for r in self.restrictions if not r.dated), None)
        return tuple(c for c in (code or "").split("/") if c and c != NULL_CODE)


@dataclass(frozen=True)
class Agent:
    code: str  # without the ~
    before: bool  # CODE~: written before the actor's code


@dataclass(frozen=True)
class ActorDictionary:
    actors: Mapping[tuple[str, ...], Actor] = field(default_factory=dict)
    agents: Mapping[tuple[str, ...], Agent] = field(default_factory=dict)

    def merged(self, other: ActorDictionary) -> ActorDictionary:
        """This dictionary with ``other``'s entries added (a phrase already here keeps its entry)."""
        return ActorDictionary({**other.actors, **self.actors}, {**other.agents, **self.agents})


@dataclass(frozen=True)
class Discards:
    sentence: tuple[tuple[str, ...], ...] = ()
    story: tuple[tuple[str, ...], ...] = ()


def read_actors(path: str | Path) -> ActorDictionary:
    """Read an actor or agent dictionary (or one mixing both)."""
    actors: dict[tuple[str, ...], Actor] = {}
    agents: dict[tuple[str, ...], Agent] = {}
    substitutions: dict[str, list[str]] = {}
    phrases: list[tuple[str, ...]] = []  # the phrases of the actor being read
    for line in read_lines(path):
        text = line.text
        if (sub := _SUBSTITUTION.match(text.strip())) is not None:
            substitutions[sub.group(1).upper()] = [v.strip().upper() for v in sub.group(2).split(",") if v.strip()]
        elif text[:1].isspace() and text.strip().startswith("["):
            if not phrases:
                raise line.error("a date restriction before any actor")
            _restrict(actors, phrases, _restriction(line))
        elif text.strip().startswith("+"):
            if not phrases:
                raise line.error("a synonym (+) before any actor")
            phrase = words(without_codes(text.strip()[1:]).rstrip("_"))
            if phrase:
                phrases.append(phrase)
                actors[phrase] = actors[phrases[0]]
        elif _is_agent(line):
            phrases = []
            for phrase, agent in _agents(line, substitutions):
                agents.setdefault(phrase, agent)
        else:
            phrases = [_actor_phrase(line)]
            codes = codes_in(text)
            actors[phrases[0]] = Actor(codes[0] if codes else None)
    return ActorDictionary(actors, agents)


def _actor_phrase(line: Line) -> tuple[str, ...]:
    phrase = words(without_codes(line.text).replace("{", " ").replace("}", " ").rstrip("_ "))
    if not phrase:
        raise line.error("an actor line without a phrase")
    if len(codes_in(line.text)) > 1:
        raise line.error("an actor line with more than one [code]")
    return phrase


def _restrict(actors: dict[tuple[str, ...], Actor], phrases: list[tuple[str, ...]], rule: Restriction) -> None:
    entry = actors[phrases[0]]
    updated = Actor(entry.code, entry.restrictions + (rule,))
    for phrase in phrases:
        actors[phrase] = updated


def _restriction(line: Line) -> Restriction:
    codes = codes_in(line.text)
    m = _RESTRICTION.match(codes[0]) if len(codes) == 1 else None
    if m is None:
        raise line.error("a date restriction must read [CODE], [CODE <DATE], [CODE >DATE] or [CODE DATE-DATE]")
    code, before, after, start, end = m.groups()
    if before:
        return Restriction(code, end=_day(before))
    if after:
        return Restriction(code, start=_day(after))
    if start and end:
        return Restriction(code, _day(start), _day(end))
    return Restriction(code)


def _day(date: str) -> str:
    """YYMMDD (19YY from 30 on, else 20YY) or YYYYMMDD as YYYYMMDD."""
    if len(date) == 8:
        return date
    return ("19" if int(date[:2]) >= 30 else "20") + date


def _is_agent(line: Line) -> bool:
    return any("~" in c for c in codes_in(line.text))


def _agents(line: Line, substitutions: Mapping[str, list[str]]) -> Iterable[tuple[tuple[str, ...], Agent]]:
    codes = [c.replace(" ", "") for c in codes_in(line.text)]
    if len(codes) != 1 or codes[0].strip("~") == "" or codes[0].count("~") != 1:
        raise line.error("an agent needs one [~CODE] or [CODE~]")
    agent = Agent(codes[0].strip("~"), codes[0].endswith("~"))
    text = without_codes(line.text)
    main, _, rest = text.partition("{")
    spellings = [main.strip().upper()]
    if not rest:
        spellings.append(plural(main.strip().upper().rstrip("_")))
    else:
        spellings += [s.upper() for s in rest.partition("}")[0].split()]
    for spelling in spellings:
        for expanded in _substituted(spelling.rstrip("_"), substitutions, line):
            yield words(expanded), agent


def _substituted(spelling: str, substitutions: Mapping[str, list[str]], line: Line) -> list[str]:
    marker = re.search(r"![A-Z0-9_]+!", spelling)
    if marker is None:
        return [spelling]
    if marker.group() not in substitutions:
        raise line.error(f"substitution {marker.group()} is not defined")
    return [s for value in substitutions[marker.group()]
            for s in _substituted(spelling.replace(marker.group(), value, 1), substitutions, line)]


def read_discards(path: str | Path) -> Discards:
    """Read a discard list: ``+PHRASE`` discards the story, ``PHRASE`` the sentence."""
    sentence: list[tuple[str, ...]] = []
    story: list[tuple[str, ...]] = []
    for line in read_lines(path):
        text = line.text.strip()
        target = story if text.startswith("+") else sentence
        phrase = words(text.lstrip("+").rstrip("_"))
        if phrase:
            target.append(phrase)
    return Discards(tuple(sentence), tuple(story))
