"""Actor descriptions: the lexicon tables (aliases.tsv, offices.tsv) are well formed, and phrases as news
writes them get the state and PLOVER sector a coder would give them. No model is loaded."""

from __future__ import annotations

import unicodedata
from functools import cache
from importlib import resources

import pytest

from dateline import tables
from dateline.actors import ActorInfo, describe_actor, lookup_alias
from dateline.lexicon import ALIAS_TYPES, OFFICE_KINDS, SECTORS, aliases, alpha3, offices, surface


def _lines(name: str) -> list[str]:
    text = (resources.files("dateline") / "data" / name).read_text(encoding="utf-8")
    assert text.endswith("\n") and not text.endswith("\n\n"), f"{name} must end with a single newline"
    return text.split("\n")[:-1]


@cache
def _alias_rows() -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(line.split("\t")) for line in _lines("aliases.tsv")[1:])


@cache
def _office_rows() -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(line.split("\t")) for line in _lines("offices.tsv")[1:])


def _well_formed(text: str) -> bool:
    return bool(text) and text == text.strip() and "  " not in text and unicodedata.is_normalized("NFC", text)


# --- aliases.tsv -------------------------------------------------------------------------------------------


def test_aliases_header() -> None:
    assert _lines("aliases.tsv")[0] == "alias\tcanonical\ttype\tcountry\tsector"


def test_alias_rows_are_well_formed() -> None:
    states = set(alpha3().values())
    rows = _alias_rows()
    assert len(rows) >= 500
    for number, row in enumerate(rows, start=2):
        assert len(row) == 5, f"line {number}: {row!r}"
        alias, canonical, kind, country, sector = row
        assert _well_formed(alias) and _well_formed(canonical), f"line {number}: {row!r}"
        assert kind in ALIAS_TYPES, f"line {number}: unknown type {kind!r}"
        assert country == "" or country in states, f"line {number}: unknown state {country!r}"
        assert sector == "" or sector in SECTORS, f"line {number}: unknown sector {sector!r}"
        if kind in ("GPE", "CITY"):
            assert country, f"line {number}: a state or city needs its state"
        if kind == "IGO":
            assert not country and sector, f"line {number}: an IGO has no state and has a sector"


def test_aliases_are_unique() -> None:
    names = [row[0] for row in _alias_rows()]
    assert sorted({name for name in names if names.count(name) > 1}) == []


def test_spellings_of_one_alias_agree() -> None:
    """"US" and "U.S." (or "Elysee" and "Élysée") meet in lookup; they must say the same thing."""
    seen: dict[str, tuple[str, ...]] = {}
    for alias, *rest in _alias_rows():
        key = surface(alias).casefold()
        assert seen.setdefault(key, tuple(rest)) == tuple(rest), f"{alias!r} disagrees with a spelling of it"


def test_loader_reads_every_alias() -> None:
    assert len(aliases()) == len(_alias_rows())
    assert {a.alias for a in aliases()} == {row[0] for row in _alias_rows()}


# --- offices.tsv -------------------------------------------------------------------------------------------


def test_offices_header() -> None:
    assert _lines("offices.tsv")[0] == "pattern\tsector\tkind"


def test_office_rows_are_well_formed() -> None:
    rows = _office_rows()
    assert len(rows) >= 300
    for number, row in enumerate(rows, start=2):
        assert len(row) == 3, f"line {number}: {row!r}"
        pattern, sector, kind = row
        assert _well_formed(pattern), f"line {number}: {pattern!r}"
        assert sector in SECTORS, f"line {number}: unknown sector {sector!r}"
        assert kind in OFFICE_KINDS, f"line {number}: unknown kind {kind!r}"


def test_office_patterns_are_unique() -> None:
    patterns = [row[0] for row in _office_rows()]
    assert sorted({p for p in patterns if patterns.count(p) > 1}) == []
    assert len(offices()) == len(patterns)


@pytest.mark.parametrize(("pattern", "sector"), [
    ("president", "GOV"), ("prime ministers", "GOV"), ("foreign minister", "GOV"), ("ambassador", "GOV"),
    ("troops", "MIL"), ("soldiers", "MIL"), ("generals", "MIL"), ("police", "COP"), ("policemen", "COP"),
    ("judge", "JUD"), ("prosecutors", "JUD"), ("lawmakers", "LEG"), ("MPs", "LEG"), ("rebels", "REB"),
    ("militants", "REB"), ("civilians", "CVL"), ("protesters", "CVL"), ("refugees", "REF"),
    ("journalists", "JRN"), ("party", "PTY"), ("companies", "BUS"), ("clerics", "REL"), ("students", "EDU"),
    ("doctors", "MED"), ("farmers", "AGR"), ("workers", "LAB"), ("intelligence", "SPY"), ("elders", "ELI"),
    ("prisoners", "CVL"), ("detainees", "CVL"), ("inmates", "CVL"), ("landowners", "CVL"),
])
def test_known_role_words(pattern: str, sector: str) -> None:
    assert offices()[pattern][0] == sector


# --- states ------------------------------------------------------------------------------------------------


def test_alpha3_comes_from_geonames() -> None:
    codes = alpha3()
    assert len(codes) >= 240
    assert (codes["US"], codes["GB"], codes["PS"], codes["XK"]) == ("USA", "GBR", "PSE", "XKX")
    assert all(len(code) == 3 and code.isupper() for code in codes.values())


def test_every_demonym_has_an_alpha3_state() -> None:
    assert sorted({code for code in tables.demonyms().values() if code not in alpha3()}) == []


# --- lookup_alias ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "canonical"), [
    ("UN", "United Nations"), ("U.N.", "United Nations"), ("united nations", "United Nations"),
    ("IS", "Islamic State"), ("ISIS", "Islamic State"), ("ISIL", "Islamic State"), ("Daesh", "Islamic State"),
    ("Islamic State of Iraq and the Levant", "Islamic State"), ("U.S.", "United States"),
    ("the United States", "United States"), ("America", "United States"), ("Britain", "United Kingdom"),
    ("al Qaeda", "al-Qaeda"), ("Al-Qaida", "al-Qaeda"), ("Élysée", "French presidency"),
    ("Elysee", "French presidency"), ("Ivory Coast", None), ("Côte d'Ivoire", "Ivory Coast"),
    ("is", None), ("Is", None), ("who", None), ("us", None), ("WHO", "World Health Organization"),
])
def test_lookup_alias(name: str, canonical: str | None) -> None:
    found = lookup_alias(name)
    assert (found.canonical if found else None) == canonical


def test_lookup_alias_gives_the_row() -> None:
    found = lookup_alias("Kremlin")
    assert found is not None and (found.type, found.country, found.sector) == ("ORG", "RUS", "GOV")


# --- describe_actor ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "country", "sector"), [
    ("Iraqi forces", "IRQ", "MIL"),
    ("IS militants", None, "REB"),
    ("Islamic State fighters", None, "REB"),
    ("Russia's Foreign Minister Sergei Lavrov", "RUS", "GOV"),
    ("the US-led coalition", "USA", "MIL"),
    ("French President", "FRA", "GOV"),
    ("Hungarian officials", "HUN", "GOV"),
    ("the Tokyo government", "JPN", "GOV"),
    ("Asia-Pacific Economic Cooperation", None, "IGO"),
    ("police in Lagos", "NGA", "COP"),
    ("U.N. peacekeepers", None, "MIL"),
    ("NATO", None, "IGO"),
    ("the European Union", None, "IGO"),
    ("the Kremlin", "RUS", "GOV"),
    ("the Pentagon", "USA", "MIL"),
    ("White House officials", "USA", "GOV"),
    ("Downing Street", "GBR", "GOV"),
    ("the Knesset", "ISR", "LEG"),
    ("US Congress", "USA", "LEG"),
    ("the United States", "USA", "GOV"),
    ("Burma", "MMR", "GOV"),
    ("Côte d'Ivoire", "CIV", "GOV"),
    ("DRC", "COD", "GOV"),
    ("Taliban fighters", "AFG", "REB"),
    ("Hezbollah", "LBN", "REB"),
    ("al Qaeda", None, "REB"),
    ("Boko Haram militants", "NGA", "REB"),
    ("Houthi rebels", "YEM", "REB"),
    ("Afghan civilians", "AFG", "CVL"),
    ("Palestinians", "PSE", "CVL"),
    ("Israeli soldiers", "ISR", "MIL"),
    ("Egyptian police", "EGY", "COP"),
    ("a Turkish court", "TUR", "JUD"),
    ("Kenyan lawmakers", "KEN", "LEG"),
    ("German Chancellor Olaf Scholz", "DEU", "GOV"),
    ("Chinese journalists", "CHN", "JRN"),
    ("Brazilian farmers", "BRA", "AGR"),
    ("Nigerian students", "NGA", "EDU"),
    ("South African miners", "ZAF", "LAB"),
    ("the Iranian Revolutionary Guards", "IRN", "MIL"),
    ("former Pakistani prime minister Imran Khan", "PAK", "ELI"),
    ("Venezuelan opposition leader", "VEN", "OPP"),
    ("rebel soldiers", None, "REB"),
    ("Moscow", "RUS", "GOV"),
    ("Pyongyang", "PRK", "GOV"),
    ("residents of Mosul", "IRQ", "CVL"),
    ("Ukrainian refugees", "UKR", "REF"),
    ("Palestinian prisoners", "PSE", "CVL"),
    ("Doctors Without Borders", None, "NGO"),
    ("the International Monetary Fund", None, "IGO"),
    ("Saudi-backed government forces", None, "MIL"),
    ("anti-American protesters", None, "CVL"),
    ("ethnic Russians in Ukraine", "UKR", "CVL"),
    ("Mexican drug cartels", "MEX", "CRM"),
    ("Somali pirates", "SOM", "CRM"),
    ("the Vatican", "VAT", "REL"),
    ("Catholic bishops in Poland", "POL", "REL"),
    ("Israel's Supreme Court", "ISR", "JUD"),
    ("the Chinese Communist Party", "CHN", "PTY"),
    ("the BBC", "GBR", "JRN"),
    ("Japanese Defense Minister", "JPN", "MIL"),
    ("the French", "FRA", "GOV"),
    ("Shiites", None, "CVL"),
    ("is", None, None),
])
def test_describe_actor(text: str, country: str | None, sector: str | None) -> None:
    info = describe_actor(text)
    assert (info.country, info.sector) == (country, sector)


@pytest.mark.parametrize(("text", "canonical"), [
    ("U.N.", "United Nations"), ("the Kremlin", "Russian government"), ("Burma", "Myanmar"),
    ("the Tokyo government", "Tokyo government"), ("Hamas's", "Hamas"),
])
def test_canonical_name(text: str, canonical: str) -> None:
    assert describe_actor(text).canonical == canonical


@pytest.mark.parametrize(("text", "context", "expected"), [
    ("Sergei Lavrov", "Russia's foreign minister", ("RUS", "GOV")),
    ("Hungarian", "Senior Hungarian and Romanian officials agreed on Wednesday to cooperate.", ("HUN", "GOV")),
    ("President Omar Salem", "Egyptian President Omar Salem said on Monday the talks would go on.", ("EGY", "GOV")),
    ("Omar Salem", "The talks failed, Omar Salem, the Egyptian foreign minister, said.", ("EGY", "GOV")),
    ("UN", "Eighty UN peacekeepers left the town on Friday.", (None, "MIL")),
    ("Baghdad", "Fighting raged in Baghdad on Sunday.", ("IRQ", "CVL")),
    ("Baghdad", "Baghdad rejected the demand on Sunday.", ("IRQ", "GOV")),
    ("Israel", "Israel and Hamas fighters exchanged fire overnight.", ("ISR", "GOV")),
    ("rebels", "Fighting between the army and rebels in northern Mali went on.", ("MLI", "REB")),
    ("hospital staff", "Doctors said the hospital staff in Nairobi were exhausted.", ("KEN", "MED")),
])
def test_describe_actor_in_context(text: str, context: str, expected: tuple[str | None, str | None]) -> None:
    info = describe_actor(text, context=context)
    assert (info.country, info.sector) == expected


def test_label_keeps_people_apart_from_cities() -> None:
    assert describe_actor("Sofia") == ActorInfo("Sofia", "BGR", "GOV")
    assert describe_actor("Sofia", label="PERSON") == ActorInfo("Sofia", None, None)
    assert describe_actor("Kurds", label="NORP").sector == "CVL"
