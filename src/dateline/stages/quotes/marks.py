"""Quotation marks in plain text: which marks open and close a quotation, and what lies between them.

Works on characters alone, in one pass per paragraph (a line of the text), so it is linear in the length
of the text whatever the marks. Conventions followed:

* double marks: straight ``"``, curly ``“ ”``, low ``„``, guillemets ``« »`` and the digraphs ``''`` / `````
  (typewriter style); whether a straight mark opens or closes is read from the characters around it;
* single marks (``' ‘ ’ ‹ ›``) quote only when a closing mark is found in the same paragraph; a mark between
  two letters or digits is an apostrophe (``it's``, ``Nkosi's``), and elisions (``'til``, ``'90s``) never open;
* a quotation inside another (single inside double, or double inside single) belongs to the outer one;
* a quotation still open at the end of its paragraph continues when the next paragraph opens with a quote
  mark (each paragraph reopens it, only the last closes it); otherwise it ends at its paragraph's end and
  is flagged ``unterminated``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass

OPEN, CLOSE, EITHER = 1, 2, 3

_DOUBLE_PRIOR = {'"': EITHER, "“": OPEN, "”": CLOSE, "„": OPEN, "‟": OPEN, "«": OPEN, "»": CLOSE}
_DIGRAPHS = {"''": EITHER, "``": OPEN}
_SINGLE_PRIOR = {"'": EITHER, "‘": OPEN, "’": CLOSE, "‹": OPEN, "›": CLOSE, "`": OPEN}
_STRAIGHT = frozenset("\"'")  # straight marks toggle: inside a quotation they always close
_QUOTE_CHARS = frozenset(_DOUBLE_PRIOR) | frozenset(_SINGLE_PRIOR)
# Characters after which a mark may open, and before which it may close.
_BEFORE_OPEN = frozenset("([{—–-/:;,") | _QUOTE_CHARS
_AFTER_CLOSE = frozenset(".,;:!?)]}—–-/…") | _QUOTE_CHARS
# Words an apostrophe at their start shortens: never an opening single quote.
# An attribute of markup left in the text: a name, "=", then its value in straight quotes on one line.
_ATTRIBUTE = re.compile(r"(?<=[A-Za-z0-9_-])=(\"[^\"\n<>]*\"|'[^'\n<>]*')")
_ELISIONS = frozenset({"til", "tis", "twas", "em", "cause", "cos", "bout", "n", "round", "nuff", "ere", "ol"})


@dataclass(frozen=True)
class Mark:
    pos: int
    length: int
    single: bool
    direction: int

    @property
    def end(self) -> int:
        return self.pos + self.length


@dataclass(frozen=True)
class Quoted:
    """One quotation: ``start``/``end`` bound its content (no marks, no edge spaces); marks lie outside."""

    start: int
    end: int
    open_at: int  # where the opening mark starts
    close_end: int  # just after the closing mark (the content's end when unterminated)
    unterminated: bool = False
    single: bool = False
    paragraph: int = 0  # index of the paragraph where the quotation opens
    last_paragraph: int = 0


def find_quoted(text: str) -> list[Quoted]:
    """Every quotation in ``text``, in text order; nested quotations are left inside their outer one."""
    found: list[Quoted] = []
    pending: _Open | None = None
    markup = _markup_values(text)
    for number, (start, end) in enumerate(paragraph_spans(text)):
        marks = [m for m in _marks(text, start, end) if not _inside(markup, m.pos)]
        doubles = [m for m in marks if not m.single]
        if pending is not None:
            pending, doubles = _continue(text, pending, doubles, start, number, found)
        pairs, pending = _pair_doubles(text, doubles, pending, number)
        singles = _pair_singles(text, _outside([m for m in marks if m.single], pairs), number)
        found.extend(_without_nested(pairs, singles))
        if pending is not None:
            pending = pending.at_paragraph_end(end)
    if pending is not None:
        found.append(pending.unterminated(text))
    return sorted(found, key=lambda q: q.start)


def _markup_values(text: str) -> list[tuple[int, int]]:
    """Where markup left in the text quotes an attribute's value (``<tweet id="7711" author="@x">``): those
    marks quote no one."""
    return [m.span() for m in _ATTRIBUTE.finditer(text)] if "=" in text else []


def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    k = bisect.bisect_right(spans, (pos, pos)) - 1
    return k >= 0 and spans[k][0] <= pos < spans[k][1]


@dataclass(frozen=True)
class _Open:
    mark: Mark
    paragraph: int
    last_paragraph: int
    paragraph_end: int = -1

    def closed(self, text: str, close: Mark) -> Quoted:
        start, end = _trim(text, self.mark.end, close.pos)
        return Quoted(start, end, self.mark.pos, close.end, False, self.mark.single, self.paragraph,
                      self.last_paragraph)

    def unterminated(self, text: str, end: int | None = None) -> Quoted:
        stop = self.paragraph_end if end is None else end
        start, stop = _trim(text, self.mark.end, max(stop, self.mark.end))
        return Quoted(start, stop, self.mark.pos, stop, True, self.mark.single, self.paragraph, self.last_paragraph)

    def at_paragraph_end(self, end: int) -> _Open:
        return _Open(self.mark, self.paragraph, self.last_paragraph, end)


def paragraph_starts(text: str) -> list[int]:
    """Where each paragraph (non-blank line) starts; its index is the ``paragraph`` of :class:`Quoted`."""
    return [start for start, _ in paragraph_spans(text)]


def paragraph_spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each paragraph: each non-blank line."""
    start = 0
    while start <= len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        if text[start:end].strip():
            yield start, end
        start = end + 1


def _marks(text: str, start: int, end: int) -> Iterator[Mark]:
    i = start
    while i < end:
        c = text[i]
        if c in _QUOTE_CHARS:
            mark = _mark_at(text, i, end)
            if mark is not None:
                yield mark
                i = mark.end
                continue
        i += 1


def _mark_at(text: str, i: int, end: int) -> Mark | None:
    pair = text[i:i + 2]
    if pair in _DIGRAPHS:
        return Mark(i, 2, False, _direction(text, i, 2, end, _DIGRAPHS[pair]))
    c = text[i]
    if c in _DOUBLE_PRIOR:
        return Mark(i, 1, False, _direction(text, i, 1, end, _DOUBLE_PRIOR[c]))
    return _single_mark(text, i, end)


def _direction(text: str, i: int, length: int, end: int, prior: int) -> int:
    before = text[i - 1] if i > 0 else " "
    after = text[i + length] if i + length < end else " "
    opens = (before.isspace() or before in _BEFORE_OPEN) and not after.isspace()
    closes = (after.isspace() or after in _AFTER_CLOSE) and not before.isspace()
    if opens and not closes:
        return OPEN
    if closes and not opens:
        return CLOSE
    return prior


def _single_mark(text: str, i: int, end: int) -> Mark | None:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < end else " "
    if before.isalnum() and after.isalnum():
        return None  # it's, Nkosi's, rock'n'roll
    if not before.isalnum() and after.isalnum():
        return None if _elision(text, i + 1, end) else Mark(i, 1, True, OPEN)
    if (before.isalnum() or before in ".,!?;:…") and not after.isalnum():
        return Mark(i, 1, True, CLOSE)
    return None


def _elision(text: str, start: int, end: int) -> bool:
    if text[start].isdigit():
        return True  # '90s, '16
    stop = start
    while stop < end and stop - start < 6 and text[stop].isalpha():
        stop += 1
    return text[start:stop].lower() in _ELISIONS


def _continue(text: str, pending: _Open, doubles: list[Mark], start: int, number: int,
              found: list[Quoted]) -> tuple[_Open | None, list[Mark]]:
    """A quotation left open reopens at this paragraph's first mark, or ends with its own paragraph."""
    first = doubles[0] if doubles else None
    if first is not None and first.direction != CLOSE and not text[start:first.pos].strip():
        return _Open(pending.mark, pending.paragraph, number), doubles[1:]
    found.append(pending.unterminated(text))
    return None, doubles


def _pair_doubles(text: str, marks: list[Mark], pending: _Open | None,
                  number: int) -> tuple[list[Quoted], _Open | None]:
    nested = _pair_nested(text, marks, pending, number)
    return (nested, None) if nested is not None else _pair_flat(text, marks, pending, number)


def _pair_nested(text: str, marks: list[Mark], pending: _Open | None, number: int) -> list[Quoted] | None:
    """Curly marks that nest (“… “hell” …”) and all close: the outer pairs stand, the inner stay inside.

    None when a straight mark is present or a quotation stays open: flat pairing decides then.
    """
    if any(text[m.pos] in _STRAIGHT for m in marks):
        return None
    pairs: list[Quoted] = []
    current, depth = pending, int(pending is not None)
    for mark in marks:
        if mark.direction == OPEN:
            current = current or _Open(mark, number, number)
            depth += 1
        elif depth > 0:
            depth -= 1
            if depth == 0 and current is not None:
                pairs.append(current.closed(text, mark))
                current = None
    if depth != 0:
        return None
    return [q for q in pairs if q.end > q.start]


def _pair_flat(text: str, marks: list[Mark], pending: _Open | None,
               number: int) -> tuple[list[Quoted], _Open | None]:
    pairs: list[Quoted] = []
    current = pending
    for mark in marks:
        if current is None:
            if mark.direction != CLOSE:
                current = _Open(mark, number, number)
        elif mark.direction != OPEN or text[mark.pos] in _STRAIGHT:
            pairs.append(current.closed(text, mark))
            current = None
        else:  # a new opening mark before any close: the open quotation ends unterminated here
            pairs.append(current.unterminated(text, mark.pos))
            current = _Open(mark, number, number)
    return [q for q in pairs if q.end > q.start], current


def _pair_singles(text: str, marks: list[Mark], number: int) -> list[Quoted]:
    pairs: list[Quoted] = []
    current: _Open | None = None
    for mark in marks:
        if mark.direction == OPEN:
            current = _Open(mark, number, number)  # a later opening replaces one that never closed
        elif current is not None:
            pairs.append(current.closed(text, mark))
            current = None
    return [q for q in pairs if q.end > q.start]


def _outside(marks: list[Mark], quotes: list[Quoted]) -> list[Mark]:
    """The marks that lie outside every quotation (both lists in text order; one sweep)."""
    kept, j = [], 0
    for mark in marks:
        while j < len(quotes) and quotes[j].close_end <= mark.pos:
            j += 1
        if j == len(quotes) or not quotes[j].open_at < mark.pos:
            kept.append(mark)
    return kept


def _without_nested(doubles: list[Quoted], singles: list[Quoted]) -> list[Quoted]:
    """Doubles inside a single-quoted quotation belong to it (British style); otherwise both stand."""
    opens = [s.open_at for s in singles]
    kept = []
    for d in doubles:
        k = bisect.bisect_left(opens, d.open_at) - 1
        if k < 0 or d.close_end > singles[k].close_end:
            kept.append(d)
    return kept + singles


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def trim_span(text: str, start: int, end: int, edge: str) -> tuple[int, int]:
    """``start``/``end`` moved inwards past any characters in ``edge`` (spaces, quote marks, punctuation)."""
    while start < end and text[start] in edge:
        start += 1
    while end > start and text[end - 1] in edge:
        end -= 1
    return start, end
