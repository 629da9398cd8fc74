"""Actor descriptions in PLOVER terms: the state an actor belongs to (ISO alpha-3) and the sector it acts for.

``describe_actor("Japan's Foreign Minister Taro Sato")`` → country JPN, sector GOV. The phrase is read as
a noun phrase. Names give the state: ``aliases.tsv``, GeoNames countries, capitals, cities of a million people,
US states and ``demonyms.tsv``. Role words (``offices.tsv``) give the sector. Where coders differ:

* the leftmost name before the phrase's first preposition gives the state; a name after ``pro-``/``anti-``/
  ``ethnic`` or before ``-backed``/``-allied`` gives none; one before ``-led`` does ("the US-led coalition" →
  USA, sector MIL from "coalition"); an intergovernmental or transnational body (UN, al-Qaeda) has no state;
* sector: a rebel or opposition word wins ("rebel soldiers" → REB), then the rightmost office or group word,
  then an organisation's own sector, then a generic role word ("officials"), which defers to an office after
  "of"/"for" ("member of parliament" → LEG); "former" makes an office ELI. With no role word a state acting is
  GOV, a capital GOV (CVL after "in"/"at"), another city CVL, a plural demonym CVL, a bare adjective GOV.

``context`` is the surrounding text. When ``text`` occurs in it, the words attached to the text count (a title
before a name, "officials" after "Hungarian and Romanian", a title set off after a name), and a phrase with no
state takes the one named nearest to it. Otherwise a short context is read as the actor's role phrase.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .lexicon import POSSESSIVE, Alias, Match, Token, alias_index, is_short, matches_in, surface, tokenize

__all__ = ["ActorInfo", "Alias", "describe_actor", "find_aliases", "gives_country", "group_noun", "lookup_alias"]

_SPLIT = frozenset({"of", "in", "at", "from", "for", "on", "to", "with", "near", "inside", "outside", "across",
                    "throughout", "by", "against", "over", "under", "between", "among", "loyal", "based",
                    "living", "operating", "fleeing", "who", "which", "that", "ordered", "after", "during"})
_LOCATIVE = frozenset({"in", "at", "near", "inside", "throughout", "across", "around"})
_NOT_COUNTRY_BEFORE = frozenset({"pro", "anti", "non", "ethnic"})
_NOT_COUNTRY_AFTER = frozenset({"backed", "allied", "sponsored", "supported", "funded", "trained", "aligned",
                                "friendly", "occupied", "held", "controlled"})
_FORMER = frozenset({"former", "ex", "ousted", "deposed", "exiled", "toppled", "retired"})
_MODIFIERS = frozenset({
    "senior", "top", "junior", "high", "ranking", "local", "regional", "provincial", "federal", "national",
    "state", "former", "ex", "ousted", "exiled", "acting", "interim", "new", "deputy", "vice", "chief", "ethnic",
    "armed", "security", "government", "foreign", "military", "many", "some", "several", "two", "three",
    "hundreds", "thousands", "dozens", "young", "leading", "prominent", "unidentified", "unknown", "masked",
    "hardline", "moderate", "radical", "the", "a", "an"})
_MAX_ROLE_WORDS = 8
_PARENS = re.compile(r"\([^)]*(?:\)|$)")


@dataclass(frozen=True)
class ActorInfo:
    """What dateline can say about an actor: a canonical name, its state (ISO alpha-3) and PLOVER sector."""

    canonical: str
    country: str | None
    sector: str | None


@dataclass(frozen=True)
class _Reading:
    country: str | None
    found: bool  # a name decided the state (possibly as none: an IGO)
    sector: str | None
    rank: int  # 3 office or group word, 2 organisation, 1 generic role word, 0 default


# --- describing an actor -----------------------------------------------------------------------------------


def lookup_alias(name: str) -> Alias | None:
    """The ``aliases.tsv`` row for ``name``, ignoring case and dots ("U.N." = "un" = "UN"); an alias of up to
    4 letters matches only as written ("IS" is the group, "is" is not). A leading "the" is ignored."""
    written = surface(re.sub(r"^the\s+", "", name.strip(), flags=re.IGNORECASE))
    for alias in alias_index().get(written.casefold(), ()):
        if not is_short(written) or surface(alias.alias) == written:
            return alias
    return None


def describe_actor(text: str, *, label: str | None = None, context: str = "") -> ActorInfo:
    """The actor's canonical name, state (ISO alpha-3) and PLOVER sector; see the module's conventions.

    ``label`` is the spaCy label when known (PERSON: no city metonyms; NORP: a people, CVL)."""
    tokens = tokenize(_PARENS.sub(" ", text)) or tokenize(text)
    matches = matches_in(tokens, places=label != "PERSON")
    ctx = tokenize(context)
    span = _locate(tokens, ctx)
    before = ctx[span[0] - 1].key if span and span[0] else ""
    located = before in _LOCATIVE or bool(tokens and tokens[0].key in _LOCATIVE)
    reading = _read(tokens, matches, label, located=located)
    if span:
        adjective = bool(matches) and matches[-1].end == len(tokens) and matches[-1].entry.kind == "DEMONYM"
        reading = _in_context(context, ctx, span, reading, label, adjective=adjective)
    elif ctx and len(ctx) <= _MAX_ROLE_WORDS:  # a role phrase ("Russia's foreign minister")
        reading = _merge(reading, _read(ctx, matches_in(ctx), None))
    elif ctx and not reading.found:  # a text that does not hold the phrase verbatim: the state it names nearest
        reading = _merge(reading, _Reading(_nearby_country(ctx, matches_in(ctx), 0, 0), True, None, 0))
    return ActorInfo(_canonical(text, tokens, matches), reading.country, reading.sector)


def _canonical(text: str, tokens: list[Token], matches: list[Match]) -> str:
    first = 1 if tokens and tokens[0].key in ("the", "a", "an") else 0
    if len(matches) == 1 and not matches[0].role and (matches[0].start, matches[0].end) == (first, len(tokens)):
        return matches[0].entry.canonical
    name = re.sub(r"^(?:the|a|an)\s+", "", " ".join(text.split()), flags=re.IGNORECASE)
    return POSSESSIVE.sub("", name).strip()


def _read(tokens: list[Token], matches: list[Match], label: str | None, *, located: bool = False) -> _Reading:
    inside = {i for m in matches for i in range(m.start, m.end)}
    split = next((i for i, t in enumerate(tokens) if i and i not in inside and t.key in _SPLIT), len(tokens))
    names = [m for m in matches if not m.role and gives_country(tokens, m)]
    first = next(iter([m for m in names if m.start < split] or names), None)
    sector, rank = _sector(tokens, matches, split)
    if rank == 0:
        sector = _default(tokens[:split], [m for m in matches if not m.role and m.start < split], label, located)
    return _Reading(first.entry.country if first else None, first is not None, sector, rank)


def gives_country(tokens: list[Token], m: Match) -> bool:
    """Whether a name found in ``tokens`` stands for its state here: not after "pro-", "anti-", "ethnic", nor
    before "-backed", "-held"..."""
    before = tokens[m.start - 1].key if m.start else ""
    after = tokens[m.end].key if m.end < len(tokens) else ""
    return before not in _NOT_COUNTRY_BEFORE and after not in _NOT_COUNTRY_AFTER


def _sector(tokens: list[Token], matches: list[Match], split: int) -> tuple[str | None, int]:
    """(sector, rank) from role words and organisations; rank 0 when neither says anything."""
    head = [m.entry for m in matches if m.role and m.start < split]
    tail = [m.entry for m in matches if m.role and m.start >= split and m.entry.kind != "generic"]
    strong = [e for e in head if e.kind != "generic"]
    former = any(t.key in _FORMER for t in tokens[:split])
    affiliation = [e for e in strong if e.sector in ("REB", "OPP")]
    orgs = [m.entry.sector for m in matches if m.entry.kind in ("ORG", "IGO") and m.entry.sector]
    if affiliation or strong:
        return _elite((affiliation or strong[-1:])[0].sector, former), 3
    if orgs:
        return orgs[0], 2
    if head:
        return _elite((tail or head)[-1].sector, former), 1
    return None, 0


def _elite(sector: str | None, former: bool) -> str | None:
    return "ELI" if former and sector in ("GOV", "LEG", "MIL", "JUD", "PTY") else sector


def _default(head: list[Token], names: list[Match], label: str | None, located: bool) -> str | None:
    """The sector of a phrase without role words: a state or capital acting is GOV, its people CVL."""
    if not names:
        return "CVL" if label == "NORP" else None
    first = names[0].entry
    if any(m.entry.kind == "PEOPLE" for m in names):
        return "CVL"
    if first.kind == "DEMONYM":
        rest = [t for i, t in enumerate(head) if not names[0].start <= i < names[0].end]
        return "GOV" if len(names) == 1 and label != "NORP" and all(t.key in _MODIFIERS for t in rest) else None
    return "CVL" if first.kind == "CITY" or (first.kind == "CAPITAL" and located) else first.sector


# --- the phrase in its context -----------------------------------------------------------------------------


def _in_context(context: str, ctx: list[Token], span: tuple[int, int], reading: _Reading, label: str | None,
                *, adjective: bool) -> _Reading:
    matches = matches_in(ctx, places=label != "PERSON")
    cover = {i: m for m in matches for i in range(m.start, m.end)}
    start, end = span
    while start and _joined(context, ctx, start - 1) and (start - 1 in cover or ctx[start - 1].key in _MODIFIERS):
        start = cover[start - 1].start if start - 1 in cover else start - 1
    if reading.rank in (0, 2):
        end = _head_noun(context, ctx, cover, end, adjective=adjective)
    if (start, end) != span:
        reading = _merge(reading, _read(*_window(ctx, matches, start, end), label))
    if reading.rank == 0 and not any(not m.role for m in matches if span[0] <= m.start < span[1]):
        apposition = _apposition(context, ctx, cover, end)
        if apposition:
            reading = _merge(reading, _read(*_window(ctx, matches, end, apposition), label))
    if reading.found:
        return reading
    return _merge(reading, _Reading(_nearby_country(ctx, matches, start, end), True, None, 0))


def _window(ctx: list[Token], matches: list[Match], start: int, end: int) -> tuple[list[Token], list[Match]]:
    inner = [Match(m.start - start, m.end - start, m.entry) for m in matches if m.start >= start and m.end <= end]
    return ctx[start:end], inner


def _merge(own: _Reading, other: _Reading) -> _Reading:
    country, found = (own.country, True) if own.found else (other.country, other.found)
    sector, rank = (other.sector, other.rank) if other.rank > own.rank else (own.sector, own.rank)
    return _Reading(country, found, sector or own.sector, rank)


def _locate(tokens: list[Token], ctx: list[Token]) -> tuple[int, int] | None:
    keys = [t.key for t in tokens]
    for i in range(len(ctx) - len(keys) + 1):
        if keys and [t.key for t in ctx[i:i + len(keys)]] == keys:
            return i, i + len(keys)
    return None


def _joined(context: str, ctx: list[Token], i: int) -> bool:
    """Whether token ``i`` and the next are written as one phrase (a space or a hyphen between them)."""
    return context[ctx[i].end:ctx[i + 1].start] in (" ", "-")


def _head_noun(context: str, ctx: list[Token], cover: dict[int, Match], end: int, *, adjective: bool) -> int:
    """The end of the noun an attributive name modifies ("Hungarian and Romanian officials"), or ``end``."""
    k = end
    while k < len(ctx) and _joined(context, ctx, k - 1):
        m = cover.get(k)
        if m and m.role:
            while k in cover and cover[k].role and _joined(context, ctx, k - 1):
                k = cover[k].end
            return k
        if m and m.entry.kind in ("DEMONYM", "ORG", "IGO"):
            k = m.end
        elif ctx[k].key in _MODIFIERS or (adjective and ctx[k].key in ("and", "or")):
            k += 1
        else:
            break
    return end


def _apposition(context: str, ctx: list[Token], cover: dict[int, Match], end: int) -> int | None:
    """The end of a title set off after a name ("Kofi Annan, the UN secretary-general,"), or None."""
    if end >= len(ctx) or context[ctx[end - 1].end:ctx[end].start] != ", ":
        return None
    k = end
    while k < min(len(ctx), end + _MAX_ROLE_WORDS):
        m = cover.get(k)
        if m and m.role:
            while k in cover and cover[k].role:
                k = cover[k].end
            return k
        word = ctx[k].key
        if word in _SPLIT or (not m and word not in _MODIFIERS and word.endswith(("ing", "ed"))):
            return None
        if k > end and not _joined(context, ctx, k - 1):
            return None
        k = m.end if m else k + 1
    return None


def _nearby_country(ctx: list[Token], matches: list[Match], start: int, end: int) -> str | None:
    """The state named nearest to tokens ``start:end``, outside them."""
    outside = [m for m in matches if not m.role and m.entry.country and (m.end <= start or m.start >= end)
               and gives_country(ctx, m)]
    if not outside:
        return None
    return min(outside, key=lambda m: start - m.end if m.end <= start else m.start - end).entry.country


# --- finding organisations by name in running text ---------------------------------------------------------

# Alias types looked for in the text itself: organisations the model often misses or mistypes ("ISIL", "Hezbollah").
_FOUND_IN_TEXT = frozenset({"ORG", "IGO"})


def find_aliases(text: str) -> list[tuple[int, int, Alias]]:
    """(start, end, alias) for every organisation alias written in ``text``, leftmost-longest, non-overlapping.

    Short aliases (≤ 4 letters) match only as written ("IS", not "is"); longer ones ignore case. An alias
    starts where a word starts (not after a letter, digit or dot) and ends where a word ends; the text's
    words are looked up by their first word, so the cost does not grow with the number of aliases."""
    out: list[tuple[int, int, Alias]] = []
    for start, end in _leftmost_longest([_scan(text, exact=True), _scan(text, exact=False)]):
        found = lookup_alias(text[start:end])
        if found is not None and found.type in _FOUND_IN_TEXT:
            out.append((start, end, found))
    return out


def group_noun(word: str) -> tuple[str, str] | None:
    """(sector, kind) of a group or role noun from ``offices.tsv`` ("forces" → MIL, group), else None."""
    from .lexicon import offices

    return offices().get(word.lower())


def _leftmost_longest(runs: list[list[tuple[int, int]]]) -> list[tuple[int, int]]:
    found = sorted((m for run in runs for m in run), key=lambda m: (m[0], -m[1]))
    out: list[tuple[int, int]] = []
    for m in found:
        if not out or m[0] >= out[-1][1]:
            out.append(m)
    return out


_WORD = re.compile(r"\w+")


def _scan(text: str, *, exact: bool) -> list[tuple[int, int]]:
    """Left to right, the longest alias of one kind (short and as written, or long and any case) at each
    word start, the scan going on after it."""
    index = _alias_index()[0 if exact else 1]
    out: list[tuple[int, int]] = []
    resume = 0
    for word in _WORD.finditer(text):
        start = word.start()
        if start < resume or (start and text[start - 1] == "."):
            continue
        key = word.group() if exact else word.group().lower()
        for alias in index.get(key, ()):
            end = start + len(alias)
            piece = text[start:end]
            if (piece == alias if exact else piece.lower() == alias) and not (end < len(text) and _is_word(text[end])):
                out.append((start, end))
                resume = end
                break
    return out


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


@lru_cache(maxsize=1)
def _alias_index() -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """First word → the aliases that begin with it, longest first: the short ones as written, the rest
    lowercased."""
    from .lexicon import aliases

    exact: dict[str, list[str]] = {}
    folded: dict[str, list[str]] = {}
    for name in sorted({a.alias for a in aliases() if a.type in _FOUND_IN_TEXT}, key=lambda n: (-len(n), n)):
        first = _WORD.match(name)
        if first is None:  # an alias must begin with a letter or digit to be found in running text
            continue
        if is_short(name):
            exact.setdefault(first.group(), []).append(name)
        else:
            folded.setdefault(first.group().lower(), []).append(name.lower())
    return exact, folded
