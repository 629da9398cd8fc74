"""Interrupted quotes: one content in several pieces, with the interruption left out.

* Two quotations of one sentence split by their cue (``"…," she said, "…"``) are one direct quote in two
  pieces: the first has the cue, the second none, and what lies between them is the cue's clause ending in a
  comma. A cue clause ending in a full stop closes the quote: what follows is a quote of its own that
  continues the same speaker (``"…," she said. "…"``).
* A cue interposed in the clause it reports (``To prevent problems, he said, local officials …``) is
  left out of that content: the quote is the clause before it and the clause after it.

The quote's ``start`` and ``end`` still run from the first piece to the last.
"""

from __future__ import annotations

from collections.abc import Sequence

from .attach import DIRECT, Draft
from .cues import Cue
from .marks import Quoted, trim_span
from .syntax import clause_chars

Range = tuple[int, int]

MAX_GAP_WORDS = 25  # a cue clause between two pieces of one quotation has at most this many words
_EDGE = " \t\r\n,;:\"'“”‘’«»„—–-"


def pieces(text: str, start: int, end: int, gaps: Sequence[Range]) -> tuple[Range, ...]:
    """[start, end) less the gaps inside it; each piece trimmed of marks and spaces where a gap cuts it."""
    cuts = [(lo, hi) for lo, hi in sorted(gaps) if start < lo < hi < end]
    out: list[Range] = []
    pos = start
    for lo, hi in cuts:
        if lo < pos:
            continue
        out.append((pos, _rstrip(text, pos, lo)))
        pos = _lstrip(text, hi, end)
    out.append((pos, end))
    kept = tuple(p for p in out if p[1] > p[0])
    return kept or ((start, end),)


def _rstrip(text: str, start: int, end: int) -> int:
    return trim_span(text, start, end, _EDGE)[1]


def _lstrip(text: str, start: int, end: int) -> int:
    return trim_span(text, start, end, _EDGE)[0]


def cue_gap(cue: Cue, start: int, end: int) -> Range | None:
    """The characters of a cue's own clause (its subject and verb) when they stand inside [start, end)."""
    lo, hi = clause_chars(cue.verb, cue.speaker)
    return (lo, hi) if start < lo and hi < end else None


def interrupted(text: str, first: Quoted, second: Quoted, cue_at: int) -> bool:
    """Whether what stands between two quotations is their cue's clause, the sentence going on after it."""
    gap = text[first.close_end:second.open_at]
    if "\n" in gap or not first.close_end <= cue_at < second.open_at or first.unterminated:
        return False
    if text[first.end - 1:first.end] != "," and not gap.lstrip().startswith(","):
        return False
    inner = gap.strip()
    return inner.endswith(",") and len(inner.split()) <= MAX_GAP_WORDS


def find_pieces(text: str, drafts: list[Draft]) -> list[Draft]:
    """Drafts (in text order) with each interrupted quote made one draft in several pieces."""
    out: list[Draft] = []
    for d in drafts:
        if d.kind != DIRECT and d.cue is not None:
            gap = cue_gap(d.cue, d.start, d.end)
            if gap is not None:
                d.gaps.append(gap)
        last = out[-1] if out else None
        if last is not None and _continues(text, last, d):
            assert last.quoted is not None and d.quoted is not None
            last.gaps.append((last.end, d.start))
            last.end = d.end
            last.unterminated = d.unterminated
            continue
        out.append(d)
    return out


def _continues(text: str, first: Draft, second: Draft) -> bool:
    if first.kind != DIRECT or second.kind != DIRECT or first.cue is None or second.cue not in (None, first.cue):
        return False
    if first.quoted is None or second.quoted is None or first.gaps:
        return False
    cue_at = first.cue.verb.doc[first.cue.start].idx
    return interrupted(text, first.quoted, second.quoted, cue_at)
