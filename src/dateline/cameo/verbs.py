"""The PETRARCH/TABARI verb dictionary: verb blocks, verb forms, synsets and patterns.

* ``--- NAME [CODE] ---`` opens a block; CODE (default ``---``, no event) is the code of a verb matched alone.
* A verb line ``SAY {SAID SAYS SAYING} [CODE]`` adds a verb with its own optional code; without ``{...}`` the
  regular forms (-S, -ED, -ING) are made. A multi-word verb marks the verb with ``+`` and joins the words
  with ``_``: ``+CORDON_OFF {+CORDONED_OFF ...}``, ``WIRE_+TAP``.
* ``&NAME`` then ``+phrase`` lines define a synset; a member may be another synset (``+&OTHER``). Plurals of
  members are added unless the label or the member ends with ``_``.
* A pattern ``- WORDS * WORDS [CODE]``: ``*`` is the verb, ``+`` the target, ``$`` the source, ``%`` a
  compound actor, ``^`` any one word; ``&NAME`` any phrase of a synset. Words joined with ``_`` must be
  consecutive; a space lets other words come between. Braces and parentheses of PETRARCH-2 patterns are read
  as plain words.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .reader import Line, codes_in, plural, read_lines, without_codes, words

log = logging.getLogger(__name__)

WORD, SYNSET, SOURCE, TARGET, COMPOUND, SKIP = "word", "synset", "source", "target", "compound", "skip"
NULL_CODE = "---"
_SLOTS = {"+": TARGET, "$": SOURCE, "%": COMPOUND, "^": SKIP}
_PIECE = re.compile(r"[^\s_]+")
_MAX_DEPTH = 8


@dataclass(frozen=True)
class Element:
    """One element of a pattern side; ``joined``: it must touch the element nearer the verb."""

    kind: str
    phrases: tuple[tuple[str, ...], ...] = ()
    joined: bool = False


@dataclass(frozen=True)
class Pattern:
    before: tuple[Element, ...]  # nearest the verb first
    after: tuple[Element, ...]  # nearest the verb first
    code: str
    line: int

    @property
    def weight(self) -> int:
        """How specific the pattern is: its words (a synset counts its shortest phrase) and actor slots."""
        return sum(min(len(p) for p in e.phrases) if e.phrases else int(e.kind != SKIP)
                   for e in self.before + self.after)


@dataclass(frozen=True)
class VerbForm:
    """A surface form of a verb: its words, which of them is the verb, its own code and its block."""

    words: tuple[str, ...]
    verb_at: int
    code: str | None
    block: int


@dataclass(frozen=True)
class Block:
    name: str
    code: str
    patterns: tuple[Pattern, ...]


@dataclass(frozen=True)
class VerbDictionary:
    blocks: tuple[Block, ...]
    forms: Mapping[str, tuple[VerbForm, ...]] = field(default_factory=dict)  # verb word → forms, longest first

    def forms_of(self, word: str) -> tuple[VerbForm, ...]:
        return self.forms.get(word.upper(), ())


@dataclass
class _Draft:
    name: str
    code: str
    forms: list[Line] = field(default_factory=list)
    patterns: list[Line] = field(default_factory=list)


def read_verbs(path: str | Path) -> VerbDictionary:
    """Read a verb dictionary; a malformed line raises :class:`~dateline.errors.DictionaryError`."""
    drafts, synsets = _sections(read_lines(path))
    resolved = _resolve_synsets(synsets)
    blocks: list[Block] = []
    forms: dict[str, list[VerbForm]] = {}
    for index, draft in enumerate(drafts):
        patterns = tuple(p for line in draft.patterns if (p := _pattern(line, resolved)) is not None)
        blocks.append(Block(draft.name, draft.code, patterns))
        for line in draft.forms:
            for form in _verb_forms(line, index):
                forms.setdefault(form.words[form.verb_at], []).append(form)
    ordered = {k: tuple(sorted(v, key=lambda f: -len(f.words))) for k, v in forms.items()}
    return VerbDictionary(tuple(blocks), ordered)


def _sections(lines: Iterable[Line]) -> tuple[list[_Draft], dict[str, tuple[Line, list[Line]]]]:
    """Blocks (their verb and pattern lines) and synsets (their label line and member lines)."""
    drafts: list[_Draft] = []
    synsets: dict[str, tuple[Line, list[Line]]] = {}
    current: str | None = None  # the synset being defined, None inside a block
    for line in lines:
        text = line.text.strip()
        if text.startswith("---"):
            drafts.append(_block_header(line))
            current = None
        elif text.startswith("&"):
            current = text.split()[0]
            synsets[current.rstrip("_")] = (line, [])
        elif text.startswith("+") and current is not None:
            synsets[current.rstrip("_")][1].append(line)
        elif not drafts or current is not None:
            raise line.error("a verb or pattern line outside a --- VERB [code] --- block")
        elif text.startswith("-"):
            drafts[-1].patterns.append(line)
        elif text.startswith("~"):
            log.warning("%s:%d: verb transformations are not supported; line skipped", line.path, line.number)
        else:
            drafts[-1].forms.append(line)
    return drafts, synsets


def _block_header(line: Line) -> _Draft:
    body = line.text.strip().strip("-").strip()
    name = without_codes(body).split()
    if not name:
        raise line.error("a block header without a name")
    codes = codes_in(body)
    return _Draft(name[0], codes[0] if codes else NULL_CODE)


def _resolve_synsets(synsets: dict[str, tuple[Line, list[Line]]]) -> dict[str, tuple[tuple[str, ...], ...]]:
    out: dict[str, tuple[tuple[str, ...], ...]] = {}
    for name in synsets:
        out[name] = _members(name, synsets, 0)
    return out


def _members(name: str, synsets: dict[str, tuple[Line, list[Line]]], depth: int) -> tuple[tuple[str, ...], ...]:
    label, members = synsets[name]
    if depth > _MAX_DEPTH:
        raise label.error("synsets nested too deep (a synset that contains itself?)")
    no_plural = label.text.strip().split()[0].endswith("_")
    out: list[tuple[str, ...]] = []
    for line in members:
        member = line.text.strip()[1:].strip()
        if not member:
            raise line.error("an empty synset member")
        if member.startswith("&"):
            inner = member.split()[0].rstrip("_")
            if inner not in synsets:
                raise line.error(f"synset {inner} is not defined")
            out += _members(inner, synsets, depth + 1)
            continue
        out.append(words(member))
        if not (no_plural or member.endswith("_")):
            out.append(words(plural(member.rstrip("_").upper())))
    return tuple(dict.fromkeys(out))


def _pattern(line: Line, synsets: Mapping[str, tuple[tuple[str, ...], ...]]) -> Pattern | None:
    codes = codes_in(line.text)
    body = without_codes(line.text.strip()[1:])
    if len(codes) != 1 or not codes[0]:
        raise line.error("a pattern needs exactly one [code]")
    pieces = [(m.group(), body[prev.end():m.start()] if prev else "") for prev, m in _pairs(body)]
    stars = [i for i, (piece, _) in enumerate(pieces) if piece == "*"]
    if len(stars) != 1:
        raise line.error("a pattern needs exactly one * (the verb)")
    star = stars[0]
    try:
        after = tuple(_element(p, sep == "_", synsets) for p, sep in pieces[star + 1:])
        before = tuple(_element(pieces[i][0], pieces[i + 1][1] == "_", synsets) for i in range(star - 1, -1, -1))
    except KeyError as exc:
        log.warning("%s:%d: synset %s is not defined; pattern skipped", line.path, line.number, exc.args[0])
        return None
    return Pattern(before, after, codes[0], line.number)


def _pairs(body: str) -> list[tuple[re.Match[str] | None, re.Match[str]]]:
    found = list(_PIECE.finditer(body.replace("(", " ").replace(")", " ").replace("{", " ").replace("}", " ")))
    return list(zip([None, *found[:-1]], found, strict=True))


def _element(piece: str, joined: bool, synsets: Mapping[str, tuple[tuple[str, ...], ...]]) -> Element:
    if piece in _SLOTS:
        return Element(_SLOTS[piece], joined=joined)
    if piece.startswith("&"):
        return Element(SYNSET, synsets[piece.rstrip("_")], joined)
    return Element(WORD, ((piece.upper(),),), joined)


def _verb_forms(line: Line, block: int) -> list[VerbForm]:
    codes = codes_in(line.text)
    text = without_codes(line.text)
    main, _, rest = text.partition("{")
    if "{" in rest or (rest and "}" not in rest) or not main.strip():
        raise line.error("a verb line needs a verb and at most one {irregular forms}")
    code = codes[0] if codes else None
    spellings = [main.strip()] + (rest.partition("}")[0].split() if rest else _regular(main.strip()))
    return [_form(s, code, block) for s in dict.fromkeys(spellings)]


def _form(spelling: str, code: str | None, block: int) -> VerbForm:
    parts = [w for w in re.split(r"[\s_]+", spelling.upper()) if w]
    verb_at = next((i for i, w in enumerate(parts) if w.startswith("+")), 0)
    return VerbForm(tuple(w.lstrip("+") for w in parts), verb_at, code, block)


def _regular(spelling: str) -> list[str]:
    """-S, -ED and -ING forms of the verb word of a spelling (the ``+`` word, else the first)."""
    parts = re.split(r"([\s_]+)", spelling.upper())
    at = next((i for i, w in enumerate(parts) if w.startswith("+")), 0)
    verb = parts[at].lstrip("+")
    mark = "+" if parts[at].startswith("+") else ""
    out = []
    for form in (plural(verb), _past(verb), _gerund(verb)):
        out.append("".join(parts[:at] + [mark + form] + parts[at + 1:]))
    return out


def _past(verb: str) -> str:
    if verb.endswith("E"):
        return verb + "D"
    if verb.endswith("Y") and verb[-2:-1] not in ("A", "E", "O", "U"):
        return verb[:-1] + "IED"
    return verb + "ED"


def _gerund(verb: str) -> str:
    if verb.endswith("E") and not verb.endswith(("EE", "YE", "OE")) and len(verb) > 2:
        return verb[:-1] + "ING"
    return verb + "ING"
