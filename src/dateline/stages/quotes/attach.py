"""Which quotation belongs to which cue: drafts of direct, mixed and indirect quotes, before speakers.

* A cue whose content holds quotations: when nothing but the quotations is left of the content (or the
  quotation closes on its own punctuation before the cue: ``"…," he said``), they are direct quotes of that
  cue; when words are left (``to build a "world-class" port``), content and quotations are one mixed quote.
* A quotation no content holds takes the cue right after it in its sentence (``"…," he said``) or right
  before it (``he said: "…"``). Without a cue of its own, a speaker may still be given: the subject of a
  clause ending in a colon, a name signed after a dash (``”― Jane Doe``), a speaker named earlier in the
  paragraph, or the speaker of the quote before (decided later, in text order).
* A short quotation with no cue, or one whose words are all capitalised, is a scare quote, a nickname or a
  title, and no quote.
* A transcript turn or a "Name: …" headline (:mod:`.turns`) is a quote of the name it opens with.
* Every other cue whose content reports something gives an indirect quote; an indirect quote that holds
  another attribution ends where that one begins; of quotes with the same content, the nearest cue keeps it.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from .cues import NOUN, Cue
from .marks import Quoted, find_quoted, paragraph_starts, trim_span
from .speakers import MentionIndex, SpeakerRef, colon_speaker, signature
from .syntax import CLAUSE_SUBJECTS, clause_chars
from .turns import Turn, find_turns, outside_turns

DIRECT, INDIRECT, MIXED = "direct", "indirect", "mixed"
WINDOW_TOKENS = 30  # how far after or before a quotation its cue may stand
HEAD_GAP_TOKENS = 10  # at most this many tokens between a cue and the quotation it opens
MIN_FREE_WORDS = 6  # a quotation without a cue must be this long, unless it opens its sentence
MIN_OPENING_WORDS = 2
MAX_TITLE_WORDS = 8
MIN_KEPT_WORDS = 3  # an outer report cut before a nested one keeps at least this many words
_ENDS = frozenset(".!?")
_CLOSING_PUNCT = frozenset(",!?.")
_SMALL_WORDS = frozenset("a an the of and or in on at to for with from by as vs".split())
_CONTRAST = frozenset({"but", "while", "whereas", "although", "though", "yet"})
_EDGE = " \t\r\n,;:\"'“”‘’«»„"


@dataclass
class Draft:
    """A quote before its record: content offsets, kind, cue, and what is known of its speaker so far."""

    start: int
    end: int
    kind: str
    paragraph: int
    cue: Cue | None = None
    quoted: Quoted | None = None
    unterminated: bool = False
    speaker_token: Token | None = None  # a speaker found without a cue of its own
    speaker_span: tuple[int, int] | None = None  # a speaker given as text: a signature, a transcript name
    speaker: SpeakerRef | None = None
    continued: bool = False
    gaps: list[tuple[int, int]] = field(default_factory=list)  # what interrupts the content (see .pieces)


@dataclass(frozen=True)
class _Context:
    doc: Doc
    text: str  # doc.text, read once: spaCy joins the tokens again on every read
    quoted: list[Quoted]
    cues: list[Cue]
    starts: list[int]  # token start offsets
    paragraphs: list[int]  # paragraph start offsets
    opens: list[int]  # where each quotation's opening mark stands
    parsed: bool  # whether the Doc has a dependency parse

    def paragraph(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.paragraphs, pos) - 1)

    def chars(self, tokens: tuple[int, int]) -> tuple[int, int]:
        lo, hi = tokens
        return self.doc[lo].idx, self.doc[hi - 1].idx + len(self.doc[hi - 1])


def attach(doc: Doc, text: str, quoted: list[Quoted], cues: list[Cue], mentions: MentionIndex) -> list[Draft]:
    """Drafts of every quote in the Doc (whose text is ``text``), in text order; speakers are not resolved yet."""
    turns = find_turns(text, mentions)
    quoted = outside_turns(quoted, turns)
    ctx = _Context(doc, text, quoted, cues, [t.idx for t in doc], paragraph_starts(text), [q.open_at for q in quoted],
                   doc.has_annotation("DEP"))
    drafts, used, taken = _by_content(ctx)
    drafts += _by_window(ctx, taken)
    drafts += [_turn(ctx, t) for t in turns]
    drafts += [_indirect(ctx, c) for n, c in enumerate(cues) if n not in used and c.reports]
    drafts.sort(key=lambda d: (d.start, d.end))
    _cut_nested(text, drafts)
    return _distinct(ctx, drafts)


def _distinct(ctx: _Context, drafts: list[Draft]) -> list[Draft]:
    """One quote per content: of cues reporting the same words, the one nearest to them keeps them."""
    best: dict[tuple[int, int, str], Draft] = {}
    for d in drafts:
        key = (d.start, d.end, d.kind)
        if key not in best or _distance(ctx, d) < _distance(ctx, best[key]):
            best[key] = d
    return sorted(best.values(), key=lambda d: (d.start, d.end))


def _distance(ctx: _Context, d: Draft) -> int:
    if d.cue is None:
        return 0
    at = ctx.doc[d.cue.start].idx
    return max(d.start - at, at - d.end, 0)


def _by_content(ctx: _Context) -> tuple[list[Draft], set[int], set[int]]:
    """Quotations inside a cue's content: direct quotes of that cue, or one mixed quote with it."""
    q_starts = [q.start for q in ctx.quoted]
    drafts: list[Draft] = []
    used: set[int] = set()
    taken: set[int] = set()
    for n, cue in enumerate(ctx.cues):
        if cue.content is None:
            continue
        lo, hi = ctx.chars(_reported(ctx.doc, cue.content))
        inside = [k for k in _overlapping(ctx.quoted, q_starts, lo, hi) if k not in taken]
        if not inside:
            continue
        used.add(n)
        taken.update(inside)
        quotes = [ctx.quoted[k] for k in inside]
        if _direct_of(ctx, lo, hi, quotes, cue):
            drafts += [_direct(q, cue) for q in quotes]
        else:
            drafts.append(_mixed(ctx, lo, hi, quotes, cue))
    return drafts, used, taken


def _direct_of(ctx: _Context, lo: int, hi: int, quotes: list[Quoted], cue: Cue) -> bool:
    """Direct when the content is only the quotations, or they close on punctuation before the cue."""
    own = clause_chars(cue.verb, cue.speaker)  # an interposed cue ("…," she says, "…") is no content
    if not _words_outside(ctx.text, lo, hi, quotes, own if lo < own[0] and own[1] < hi else (lo, lo)):
        return True
    last = quotes[-1]
    cue_at = ctx.doc[cue.start].idx
    return cue_at >= last.close_end and ctx.text[last.end - 1] in _CLOSING_PUNCT


def _by_window(ctx: _Context, taken: set[int]) -> list[Draft]:
    """Quotations no content holds: a cue beside them, else a speaker named nearby, else none (if a quote)."""
    text = ctx.text
    verbs = [c for c in ctx.cues if c.type != NOUN]  # "his message: "…"" is no cue of the quotation
    cue_starts = [c.start for c in verbs]
    drafts: list[Draft] = []
    for k, q in enumerate(ctx.quoted):
        if k in taken or _title_like(text, q):
            continue
        cue = _window_cue(ctx, q, verbs, cue_starts)
        if cue is None and not _quote_like(text, q):
            continue
        draft = _direct(q, cue)
        if cue is None:
            colon = colon_speaker(ctx.doc, q.open_at, ctx.starts) if ctx.parsed else None
            draft.speaker_token = colon or _named_before(ctx, q, verbs, cue_starts)
            draft.speaker_span = signature(ctx.text, q.close_end)
        drafts.append(draft)
    return drafts


def _direct(q: Quoted, cue: Cue | None) -> Draft:
    return Draft(q.start, q.end, DIRECT, q.paragraph, cue, q, q.unterminated)


def _mixed(ctx: _Context, lo: int, hi: int, inside: list[Quoted], cue: Cue) -> Draft:
    start, end = _strip(ctx.text, min(lo, inside[0].start), max(hi, inside[-1].end))
    return Draft(start, end, MIXED, ctx.paragraph(start), cue, None, any(q.unterminated for q in inside))


def _indirect(ctx: _Context, cue: Cue) -> Draft:
    assert cue.content is not None
    start, end = _strip(ctx.text, *ctx.chars(_reported(ctx.doc, cue.content)))
    return Draft(start, end, INDIRECT, ctx.paragraph(start), cue)


def _reported(doc: Doc, content: tuple[int, int]) -> tuple[int, int]:
    """A content's tokens without its opening complementizer: "that" is not part of what was said, in an
    indirect quote or a mixed one (docs/records.md)."""
    lo, hi = content
    return (lo + 1, hi) if hi - lo > 1 and _complementizer(doc[lo]) else (lo, hi)


def _complementizer(token: Token) -> bool:
    """ "that" opening a clause: marked so, or read as a pronoun right before its verb's subject."""
    if token.lower_ != "that":
        return False
    if token.dep_ in ("mark", ""):
        return True
    head = token.head
    return head.i > token.i and any(c.dep_ in CLAUSE_SUBJECTS and c.left_edge.i == token.i + 1 for c in head.children)


def _turn(ctx: _Context, turn: Turn) -> Draft:
    kind = DIRECT if turn.quoted else MIXED if find_quoted(ctx.text[turn.start:turn.end]) else INDIRECT
    return Draft(turn.start, turn.end, kind, ctx.paragraph(turn.start), speaker_span=(turn.name_start, turn.name_end))


def _overlapping(quoted: list[Quoted], q_starts: list[int], lo: int, hi: int) -> list[int]:
    k = bisect.bisect_left(q_starts, hi) - 1
    hits = []
    while k >= 0 and quoted[k].end > lo:
        hits.append(k)
        k -= 1
    return sorted(hits)


def _words_outside(text: str, lo: int, hi: int, inside: list[Quoted], cue: tuple[int, int]) -> bool:
    """Whether the content [lo, hi) holds letters or digits outside the quotations and the cue's own clause."""
    pos = lo
    for q in inside:
        if _has_words(text, pos, max(pos, q.open_at), cue):
            return True
        pos = max(pos, q.close_end)
    return _has_words(text, pos, hi, cue)


def _has_words(text: str, start: int, end: int, cue: tuple[int, int]) -> bool:
    return any(c.isalnum() for k, c in enumerate(text[start:end], start) if not cue[0] <= k < cue[1])


def _window_cue(ctx: _Context, q: Quoted, cues: list[Cue], cue_starts: list[int]) -> Cue | None:
    """The cue right after a quotation in its sentence ("…," he said), else the one right before it."""
    after = bisect.bisect_left(ctx.starts, q.close_end)
    stop = after if _ends_sentence(ctx, q, after) else _window_stop(ctx.doc, after, +1)
    k = bisect.bisect_left(cue_starts, after)
    if k < len(cues) and cues[k].start < stop:
        return cues[k]
    before = bisect.bisect_left(ctx.starts, q.open_at)
    limit = _window_stop(ctx.doc, before - 1, -1)
    k = bisect.bisect_left(cue_starts, before) - 1
    if k >= 0 and cues[k].start > limit and before - cues[k].end <= HEAD_GAP_TOKENS:
        return cues[k]
    return None


def _ends_sentence(ctx: _Context, q: Quoted, after: int) -> bool:
    """ "….” Next sentence": a full stop inside the marks and a capital after them end the sentence there."""
    if q.end == q.start or ctx.text[q.end - 1] != "." or after >= len(ctx.doc):
        return False
    return ctx.doc[after].text[:1].isupper()


def _window_stop(doc: Doc, i: int, step: int) -> int:
    """The first token index from ``i`` (going ``step``) where a window ends: a sentence end or a mark."""
    for _ in range(WINDOW_TOKENS):
        if i < 0 or i >= len(doc):
            return i
        token = doc[i]
        if token.text in _ENDS or "\n" in token.text or token.is_quote:
            return i
        i += step
    return i


def _named_before(ctx: _Context, q: Quoted, cues: list[Cue], cue_starts: list[int]) -> Token | None:
    """The speaker of the last cue before the quotation in its paragraph, when no quotation lies between."""
    k = bisect.bisect_left(cue_starts, bisect.bisect_left(ctx.starts, q.open_at)) - 1
    if k < 0:
        return None
    cue = cues[k]
    at = ctx.doc[cue.start].idx
    if ctx.paragraph(at) != q.paragraph or cue.speaker is None:
        return None
    j = bisect.bisect_left(ctx.opens, q.open_at) - 1
    return cue.speaker if j < 0 or ctx.quoted[j].close_end <= at else None


def _title_like(text: str, q: Quoted) -> bool:
    """ "Morning Edition", “The Long Road Home”: a few words, each capitalised but the small ones — a title."""
    if text[q.end - 1] in ",!?":
        return False  # "Make America Great Again," he said — a slogan spoken
    words = [w.strip(".,!?;:") for w in text[q.start:q.end].split()]
    words = [w for w in words if w and w.lower() not in _SMALL_WORDS]
    return 2 <= len(words) <= MAX_TITLE_WORDS and all(w[0].isupper() or w[0].isdigit() for w in words)


def _quote_like(text: str, q: Quoted) -> bool:
    """A quotation with no cue is a quote when it is long, or opens its sentence and has a few words."""
    words = len(text[q.start:q.end].split())
    if words >= MIN_FREE_WORDS:
        return True
    before = text[max(0, q.open_at - 200):q.open_at].rstrip(" \t")
    return words >= MIN_OPENING_WORDS and (not before or before[-1] in "\n.!?:\"”’")


def _cut_nested(text: str, drafts: list[Draft]) -> None:
    """A reported clause ends where a contrasting attribution begins ("X said A, while others fear B"), or
    a trailing one that reports what comes before it ("X said A; B, aides told reporters").

    Any other attribution inside it is part of what was reported ("she said an official told her that …",
    "X said A, calling it B") and is a quote of its own besides, as PolNeAR marks them."""
    points = sorted((_attribution_start(d), n) for n, d in enumerate(drafts) if d.cue is not None)
    starts = [p for p, _ in points]
    for n, d in enumerate(drafts):
        if d.kind != INDIRECT:
            continue
        k = bisect.bisect_right(starts, d.start)
        while k < len(points) and points[k][0] < d.end:
            at, other = points[k]
            cut = _joint_at(text, d.start, at) or (at if drafts[other].end <= at else None)
            if other != n and cut is not None and len(text[d.start:cut].split()) >= MIN_KEPT_WORDS:
                d.end = _strip(text, d.start, cut)[1]
                break
            k += 1


def _attribution_start(d: Draft) -> int:
    """Where an attribution begins: its speaker, or its cue when the speaker is borrowed from the clause
    before it ("…, arguing that …")."""
    assert d.cue is not None
    doc = d.cue.verb.doc
    first = doc[d.cue.start].idx
    speaker = d.cue.speaker
    if speaker is None or speaker.i >= d.cue.start:
        return first
    if speaker.head.i != d.cue.verb.i and d.cue.start > 0 and doc[d.cue.start - 1].text == ",":
        return first
    return min(first, speaker.left_edge.idx)


def _joint_at(text: str, start: int, end: int) -> int | None:
    """Where a clause of contrast opens just before ``end`` (", while" / ", but" …), else None."""
    head, _, word = text[start:end].rstrip().rpartition(" ")
    if word.lower() in _CONTRAST and head.rstrip().endswith((",", ";")):
        return start + len(head)
    return None


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim spaces, edge punctuation and quote marks: what is left is the content proper."""
    return trim_span(text, start, end, _EDGE)
