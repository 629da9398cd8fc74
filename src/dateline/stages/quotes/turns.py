"""Lines that name their own speaker: the turns of a transcript and "Name: …" headlines.

* A transcript turn is a paragraph opening with a name in capitals and a colon (``MORALES: Well, look …``),
  quote marks around it or not; it is a direct quote of that name. One such paragraph is a label
  (``CORRECTION: …``): a text needs two or more to be a transcript.
* A headline turn is a line opening with a person's name (as the entities stage knows it, in full or by
  surname) and a colon (``Okafor: the council must act …``); it reports that person, in their words or not.

A quotation overlapping a turn belongs to the turn.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from .marks import Quoted, paragraph_spans, trim_span
from .speakers import MentionIndex

_TRANSCRIPT = re.compile(r"[\"“]?[ \t]*([A-Z][A-Z'.\-]+(?: [A-Z][A-Z'.\-]+){0,2}):[ \t]+(?=\S)")
MIN_TURNS = 2
MIN_NAME_LETTERS = 3
MAX_HEADLINE_NAME = 40  # characters of a name before the colon of "Name: what they said"
MIN_HEADLINE_WORDS = 3
_EDGE = " \t\r\n\"'“”‘’«»„"


@dataclass(frozen=True)
class Turn:
    name_start: int
    name_end: int
    start: int  # what the speaker says: the rest of the paragraph, edge marks trimmed
    end: int
    quoted: bool = True  # said in these words (a transcript), or reported (a headline "Name: …")


def find_turns(text: str, mentions: MentionIndex) -> list[Turn]:
    """The turns of a transcript when the text is one, else its "Name: …" headlines."""
    return _transcript(text) or _headlines(text, mentions)


def outside_turns(quoted: list[Quoted], turns: list[Turn]) -> list[Quoted]:
    """Quotations that overlap no turn (both lists in text order)."""
    if not turns:
        return quoted
    ends = [t.end for t in turns]
    kept = []
    for q in quoted:
        k = bisect.bisect_left(ends, q.open_at)
        if k == len(turns) or not turns[k].name_start <= q.close_end:
            kept.append(q)
    return kept


def _transcript(text: str) -> list[Turn]:
    turns = []
    for start, end in paragraph_spans(text):
        match = _TRANSCRIPT.match(text, start, end)
        if match is not None and sum(c.isalpha() for c in match.group(1)) >= MIN_NAME_LETTERS:
            lo, hi = _trim(text, match.end(), end)
            if hi > lo:
                turns.append(Turn(match.start(1), match.end(1), lo, hi))
    return turns if len(turns) >= MIN_TURNS else []


def _headlines(text: str, mentions: MentionIndex) -> list[Turn]:
    found = []
    for start, end in paragraph_spans(text):
        colon = text.find(": ", start, min(end, start + MAX_HEADLINE_NAME))
        if colon <= start or mentions.person_named(text[start:colon]) is None:
            continue
        lo, hi = _trim(text, colon + 1, end)
        if len(text[lo:hi].split()) >= MIN_HEADLINE_WORDS:
            found.append(Turn(start, colon, lo, hi, quoted=False))
    return found


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    return trim_span(text, start, end, _EDGE)
