"""The actor lexicon: the names and role words :mod:`dateline.actors` reads actor phrases with.

Names give a state: ``aliases.tsv`` (alternate names of states, regions, cities and organisations), GeoNames
countries, capitals and cities of a million people, US states, and ``demonyms.tsv``. Role words give a PLOVER
sector: ``offices.tsv`` (``pattern``, ``sector``, ``kind``: an *office* held by a person, a *group* that acts,
or a *generic* role word such as "officials" that takes its sector from what it is attached to).
:func:`matches_in` finds them in a tokenised phrase, leftmost-longest; tables are read once.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import astuple, dataclass
from functools import lru_cache
from importlib import resources

from . import tables

SECTORS = frozenset({
    "AGR", "BUS", "COP", "CRM", "CVL", "DEV", "EDU", "ELI", "ENV", "GOV", "HLH", "HRI", "IGO", "IMG", "INS",
    "JRN", "JUD", "LAB", "LEG", "MED", "MIL", "MNC", "NGO", "OPP", "PTY", "RAD", "REB", "REF", "REL", "SET",
    "SPY", "UAF"})
ALIAS_TYPES = frozenset({"GPE", "LOC", "CITY", "IGO", "ORG"})
OFFICE_KINDS = frozenset({"office", "group", "generic"})
CITY_POPULATION = 1_000_000  # cities (and capitals of states) this large count as names of their state
DISSOLVED = frozenset({"ANT", "SCG"})  # GeoNames still lists them; their parts are matched instead
_MAX_WORDS = 8
_TOKEN = re.compile(r"[^\W_]+(?:[.'’][^\W_]+)*\.?")
POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)
_PLACES = frozenset({"CITY", "CAPITAL", "STATE", "LOC"})


@dataclass(frozen=True)
class Alias:
    """One row of ``aliases.tsv``: a way news writes a state, place or organisation."""

    alias: str
    canonical: str
    type: str
    country: str | None
    sector: str | None


@dataclass(frozen=True)
class Entry:
    """A name (kind: an alias type, COUNTRY, CAPITAL, STATE, DEMONYM or PEOPLE) or a role word (an office kind)."""

    surface: str
    kind: str
    sector: str | None
    country: str | None = None
    canonical: str = ""
    exact: bool = False


@dataclass(frozen=True)
class Token:
    """A word: its surface (accents folded, no dots), lower-cased key and character offsets."""

    surface: str
    key: str
    start: int
    end: int


@dataclass(frozen=True)
class Match:
    """An entry found at tokens ``start:end``."""

    start: int
    end: int
    entry: Entry

    @property
    def role(self) -> bool:
        return self.entry.kind in OFFICE_KINDS


def tokenize(text: str) -> list[Token]:
    """Word tokens with their character offsets; "U.S." is one token (surface "US"), "al-Qaeda" two."""
    return list(_tokenized(text))


@lru_cache(maxsize=16384)
def _tokenized(text: str) -> tuple[Token, ...]:
    """:func:`tokenize`, kept for the texts seen last (names and their sentences are read again and again)."""
    found = []
    for m in _TOKEN.finditer(text):
        folded = "".join(c for c in unicodedata.normalize("NFKD", m.group()) if not unicodedata.combining(c))
        written = re.sub(r"[.'’]", "", POSSESSIVE.sub("", folded))
        if written:
            found.append(Token(written, written.casefold(), m.start(), m.end()))
    return tuple(found)


@lru_cache(maxsize=16384)
def surface(text: str) -> str:
    """A phrase as the tables compare it: accents folded, possessives, dots and apostrophes dropped."""
    return " ".join(t.surface for t in tokenize(text))


def is_short(name: str) -> bool:
    """Whether a name is short enough (4 letters or fewer) to be matched only as written."""
    return sum(c.isalnum() for c in name) <= 4


def _rows(name: str) -> list[dict[str, str]]:
    text = (resources.files("dateline") / "data" / name).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines(), delimiter="\t"))


@lru_cache(maxsize=1)
def aliases() -> tuple[Alias, ...]:
    """Every row of ``aliases.tsv``."""
    return tuple(Alias(r["alias"], r["canonical"], r["type"], r["country"] or None, r["sector"] or None)
                 for r in _rows("aliases.tsv"))


@lru_cache(maxsize=1)
def offices() -> dict[str, tuple[str, str]]:
    """``offices.tsv``: office, group or role word (as written) → (PLOVER sector, kind)."""
    return {r["pattern"]: (r["sector"], r["kind"]) for r in _rows("offices.tsv")}


@lru_cache(maxsize=1)
def _countries() -> tuple[dict, ...]:
    countries = tables.geonames_cache().get_countries().values()
    return tuple(c for c in countries if c["iso3"] not in DISSOLVED)


@lru_cache(maxsize=1)
def alpha3() -> dict[str, str]:
    """ISO 3166-1 alpha-2 → alpha-3, from GeoNames."""
    return {c["iso"]: c["iso3"] for c in _countries()}


@lru_cache(maxsize=1)
def _name_index() -> dict[str, tuple[Entry, ...]]:
    """Lower-cased surface → names, aliases first, then states, capitals, demonyms, cities and US states
    (derived once, then read from the cache folder: see :func:`tables.derived`)."""
    sources = tables.source_bytes("lexicon.py", "tables.py", "data/aliases.tsv", "data/demonyms.tsv")
    rows = tables.derived("names", sources, _name_rows)
    return {key: tuple(Entry(*fields) for fields in entries) for key, entries in rows}


def _name_rows() -> list[tuple[str, list[tuple[object, ...]]]]:
    """The name index as JSON-able rows: (key, [entry fields …])."""
    return [(key, [astuple(e) for e in entries]) for key, entries in _built_name_index().items()]


def _built_name_index() -> dict[str, list[Entry]]:
    index: dict[str, list[Entry]] = {}

    def add(form: str, kind: str, country: str | None, sector: str | None, canonical: str, exact: bool) -> None:
        written = surface(form)
        entry = Entry(written, kind, sector, country, canonical, exact or is_short(written))
        index.setdefault(written.casefold(), []).append(entry)

    capitals = {c["capital"]: c["iso3"] for c in _countries() if c["capital"] and c["population"] >= CITY_POPULATION}
    for a in aliases():
        capital = a.type == "CITY" and a.canonical in capitals
        add(a.alias, "CAPITAL" if capital else a.type, a.country, a.sector or ("GOV" if capital else None),
            a.canonical, False)
    for c in _countries():
        add(c["name"], "COUNTRY", c["iso3"], "GOV", c["name"], False)
    for capital, code in capitals.items():
        add(capital, "CAPITAL", code, "GOV", capital, False)
    codes, forms = alpha3(), tables.demonyms()
    for form, code in forms.items():
        plural = (form.endswith("s") and form[:-1] in forms) or (form.endswith("men") and form[:-3] + "man" in forms)
        add(form, "PEOPLE" if plural else "DEMONYM", codes.get(code), None, form, True)
    gc = tables.geonames_cache()
    for city in sorted(gc.get_cities().values(), key=lambda c: -c["population"]):
        if city["population"] >= CITY_POPULATION and city["countrycode"] in codes:
            add(city["name"], "CITY", codes[city["countrycode"]], None, city["name"], False)
    for state in gc.get_us_states().values():
        add(state["name"], "STATE", "USA", None, state["name"], False)
    return index


@lru_cache(maxsize=1)
def _role_index() -> dict[str, tuple[Entry, ...]]:
    index: dict[str, list[Entry]] = {}
    for pattern, (sector, kind) in offices().items():
        written = surface(pattern)
        index.setdefault(written.casefold(), []).append(Entry(written, kind, sector, exact=pattern != pattern.lower()))
    return {key: tuple(entries) for key, entries in index.items()}


@lru_cache(maxsize=1)
def alias_index() -> dict[str, tuple[Alias, ...]]:
    """Lower-cased surface of every alias → its rows."""
    index: dict[str, list[Alias]] = {}
    for alias in aliases():
        index.setdefault(surface(alias.alias).casefold(), []).append(alias)
    return {key: tuple(found) for key, found in index.items()}


def _accepts(entry: Entry, written: str) -> bool:
    """Short names and acronyms only as written; a capitalised name only where the text capitalises it."""
    if entry.exact:
        return written == entry.surface
    return not entry.surface[:1].isupper() or written[:1].isupper()


def _scan(tokens: list[Token], index: dict[str, tuple[Entry, ...]], taken: set[int]) -> Iterator[Match]:
    """Leftmost-longest matches of ``index`` over the tokens, skipping tokens in ``taken``."""
    widths = _widths(index)
    i = 0
    while i < len(tokens):
        for n in range(min(widths.get(tokens[i].surface.casefold(), 0), len(tokens) - i), 0, -1):
            written = " ".join(t.surface for t in tokens[i:i + n])
            entry = next((e for e in index.get(written.casefold(), ()) if _accepts(e, written)), None)
            if entry is not None and not taken & set(range(i, i + n)):
                yield Match(i, i + n, entry)
                i += n
                break
        else:
            i += 1


_WIDTHS: dict[int, tuple[dict[str, tuple[Entry, ...]], dict[str, int]]] = {}


def _widths(index: dict[str, tuple[Entry, ...]]) -> dict[str, int]:
    """First word of an index's keys → the most words a key beginning with it has (a word that begins no
    key is skipped at once)."""
    kept = _WIDTHS.get(id(index))
    if kept is None or kept[0] is not index:
        widths: dict[str, int] = {}
        for key in index:
            words = key.split(" ")
            widths[words[0]] = min(_MAX_WORDS, max(widths.get(words[0], 0), len(words)))
        kept = _WIDTHS[id(index)] = (index, widths)
    return kept[1]


def matches_in(tokens: list[Token], *, places: bool = True) -> list[Match]:
    """Names, then role words outside them, sorted by position; ``places=False`` leaves out city and region names."""
    names = [m for m in _scan(tokens, _name_index(), set()) if places or m.entry.kind not in _PLACES]
    taken = {i for m in names for i in range(m.start, m.end)}
    return sorted(names + list(_scan(tokens, _role_index(), taken)), key=lambda m: m.start)
