"""The places stage on hand-built Docs with the in-memory gazetteer: recognition, resolution, records."""

from __future__ import annotations

import re

import pytest
from spacy.tokens import Doc

from dateline.geo import Candidate, FakeGazetteer
from dateline.geo.outlet import outlet_country
from dateline.geo.parser import geoparse
from dateline.geo.recognize import find_mentions
from dateline.pipeline import PARSE_GIVES
from dateline.records import Place
from dateline.settings import DEFAULT
from dateline.stages import places as stage

from .helpers import make_doc


def _place(pid: int, name: str, feature: str, country: str | None, lat: float, lon: float, *,
           admin1: str | None = None, population: int = 0, geonameid: int | None = None,
           capital: bool = False) -> Candidate:
    return Candidate(pid, geonameid if geonameid is not None else 1000 + pid, name, feature, country, admin1,
                     lat, lon, population, capital=capital)


GAZETTEER = FakeGazetteer([
    (_place(1, "Paris", "city", "FR", 48.85, 2.35, admin1="11", population=2_138_551), []),
    (_place(2, "Paris", "city", "US", 33.66, -95.56, admin1="TX", population=24_782), []),
    (_place(3, "Texas", "admin1", "US", 31.0, -100.0, admin1="TX"), [("Tex.", "abbr"), ("TX", "qual")]),
    (_place(4, "France", "country", "FR", 46.0, 2.0, population=67_000_000), [("French", "demonym")]),
    (_place(5, "Iraq", "country", "IQ", 33.0, 44.0, population=40_000_000), [("Iraqi", "demonym")]),
    (_place(6, "Mosul", "city", "IQ", 36.34, 43.12, admin1="15", population=1_683_000), []),
    (_place(7, "Barţalah", "city", "IQ", 36.35, 43.38, admin1="15", population=15_000), [("Bartella", "alt")]),
    (_place(8, "Europe", "continent", None, 48.7, 9.1, population=741_000_000), [("European", "demonym")]),
    (_place(9, "Middle East", "region", None, 29.0, 41.0), []),
    (_place(10, "Georgia", "country", "GE", 42.0, 43.5, population=3_700_000), []),
    (_place(11, "Georgia", "admin1", "US", 32.7, -83.4, admin1="GA"), [("Ga.", "qual")]),
    (_place(12, "Carter County", "admin2", "US", 36.0, -86.0, admin1="TN"), [("Carter", "alt")]),
    (_place(13, "Carter", "city", "US", 36.2, -86.1, admin1="TN", population=900), []),
    (_place(14, "Singapore", "city", "SG", 1.29, 103.85, population=3_500_000), []),
    (_place(15, "Singapore", "country", "SG", 1.37, 103.8, population=4_700_000), []),
    (_place(16, "Long Beach", "city", "US", 33.77, -118.19, admin1="CA", population=470_000), []),
    (_place(17, "Long Beach", "city", "US", 40.59, -73.66, admin1="NY", population=33_000), []),
    (_place(18, "California", "admin1", "US", 36.8, -119.4, admin1="CA"), [("CA", "qual"), ("Calif.", "abbr")]),
    (_place(19, "New York", "admin1", "US", 43.0, -75.5, admin1="NY"), [("NY", "qual")]),
    (_place(20, "Washington", "city", "US", 38.9, -77.04, admin1="DC", population=689_545, capital=True), []),
    (_place(21, "Mexico", "country", "MX", 23.0, -102.0, population=126_000_000), []),
    (_place(22, "Mexico City", "city", "MX", 19.43, -99.13, admin1="09", population=12_300_000, capital=True),
     [("Mexico", "alt")]),
    (_place(23, "Oaxaca", "city", "MX", 17.06, -96.73, admin1="20", population=260_000), []),
    (_place(24, "Puebla", "city", "MX", 19.04, -98.2, admin1="21", population=1_400_000), []),
    (_place(25, "Mexico", "city", "US", 39.17, -91.88, admin1="MO", population=11_500), []),
    (_place(26, "Missouri", "admin1", "US", 38.25, -92.5, admin1="MO"), [("Mo.", "qual")]),
    (_place(27, "Springfield", "city", "US", 39.8, -89.64, admin1="IL", population=116_000), []),
    (_place(28, "Decatur", "city", "US", 39.84, -88.95, admin1="IL", population=71_000), []),
    (_place(29, "Gulf", "admin1", "PG", -7.5, 144.8), []),
    (_place(30, "Persian Gulf", "region", None, 27.0, 51.0), [("Gulf", "abbr")]),
    (_place(31, "Qatar", "country", "QA", 25.5, 51.25, population=2_700_000), []),
])


def _parse(text: str) -> list[Place]:
    return geoparse(make_doc(text), GAZETTEER)


def _by_mention(places: list[Place]) -> dict[str, Place]:
    return {p.mention: p for p in places}


def test_stage_declares_what_it_needs_and_gives() -> None:
    assert set(stage.NEEDS) <= set(PARSE_GIVES) | {"entities"}
    assert stage.GIVES == ("places",)


def test_stage_takes_an_injected_gazetteer() -> None:
    doc = make_doc("Talks in [Paris](GPE) ended .")
    (place,) = stage.extract_places(doc, settings=DEFAULT, gazetteer=GAZETTEER)
    assert (place.mention, place.geonameid, place.country, place.feature) == ("Paris", 1001, "FR", "city")
    assert doc.text[place.start:place.end] == "Paris"


@pytest.mark.parametrize("text, mention, pid", [
    ("Talks in [Paris](GPE) ended .", "Paris", 1),
    ("He grew up in [Paris](GPE) , [Texas](GPE) .", "Paris", 2),
    ("He grew up in [Paris](GPE) , Tex. , in 1950 .", "Paris", 2),
    ("Rallies in [Long Beach](GPE) , CA and beyond .", "Long Beach", 16),
    ("Rallies in [Long Beach](GPE) , NY and beyond .", "Long Beach", 17),
    ("Forces neared [Mosul](GPE) .", "Mosul", 6),
])
def test_resolution_by_population_and_qualifier(text: str, mention: str, pid: int) -> None:
    place = _by_mention(_parse(text))[mention]
    assert place.geonameid == 1000 + pid


def test_qualifier_is_a_place_too() -> None:
    places = _by_mention(_parse("Rallies in [Long Beach](GPE) , CA and beyond ."))
    assert places["CA"].name == "California" and places["CA"].feature == "admin1"


@pytest.mark.parametrize("name, pid", [("Singapore", 15), ("Georgia", 10), ("France", 4), ("Europe", 8)])
def test_bare_country_or_continent_name_is_that_country_or_continent(name: str, pid: int) -> None:
    (place,) = _parse(f"They flew to [{name}](GPE) .")
    assert place.geonameid == 1000 + pid and place.feature in ("country", "continent")


def test_context_can_make_a_state_of_a_country_name() -> None:
    places = _parse("[Atlanta](GPE) and [Georgia](GPE) , said a [Ga.](GPE) official in [Texas](GPE) .")
    georgia = _by_mention(places)["Georgia"]
    assert georgia.country in ("US", "GE")  # decided by context weights; never a town


def test_every_mention_of_a_name_gets_the_same_place() -> None:
    places = _parse("In [Paris](GPE) , [Texas](GPE) , people met . Later [Paris](GPE) voted .")
    assert {p.geonameid for p in places if p.mention == "Paris"} == {1002}


def test_town_typed_person_after_a_place_word_is_a_place() -> None:
    places = _by_mention(_parse("He spoke from the Christian town of [Bartella](PERSON) near [Mosul](GPE) ."))
    assert places["Bartella"].geonameid == 1007 and places["Bartella"].country == "IQ"


def test_town_outside_any_entity_after_in_is_a_place() -> None:
    places = _by_mention(_parse("Fighting went on in Bartella , east of [Mosul](GPE) ."))
    assert places["Bartella"].geonameid == 1007


def test_person_of_two_words_is_not_a_place() -> None:
    places = _parse("[Ash Carter](PERSON) said . Then Carter spoke in [Paris](GPE) .")
    assert [p.mention for p in places] == ["Paris"]


def test_lone_surname_of_a_person_is_not_a_place() -> None:
    places = _parse("[Ash Carter](PERSON) arrived . [Carter](PERSON) said the talks went well .")
    assert places == []


def test_a_city_name_the_model_took_for_a_speaker_is_not_a_place() -> None:
    assert _parse("[Washington](PERSON) said the talks failed .") == []
    places = _by_mention(_parse("Talks moved to [Washington](GPE) ."))
    assert places["Washington"].geonameid == 1020


def test_demonyms_are_mentions_of_their_country() -> None:
    places = _by_mention(_parse("[Iraqi](NORP) forces and [French](NORP) jets hit targets ."))
    assert (places["Iraqi"].geonameid, places["French"].geonameid) == (1005, 1004)
    assert places["Iraqi"].feature == "country"


def test_region_names() -> None:
    (place,) = _parse("Attacks in [the Middle East](LOC) rose .")
    assert (place.mention, place.feature, place.country) == ("Middle East", "region", None)


def test_unknown_place_is_kept_without_coordinates_when_the_article_has_no_town() -> None:
    (place,) = _parse("Floods hit [Atlantis](GPE) .")
    assert (place.mention, place.geonameid, place.lat) == ("Atlantis", None, None)


def test_unknown_place_is_put_at_the_article_town_without_an_id() -> None:
    places = _by_mention(_parse("A fire on [Rue Nowhere](FAC) in [Mosul](GPE) , [Mosul](GPE) police said ."))
    unknown = places["Rue Nowhere"]
    assert unknown.geonameid is None and (unknown.lat, unknown.lon) == (36.34, 43.12)
    assert 0 < unknown.score < 1


def test_place_inside_an_organisation_name_needs_support() -> None:
    texts = {p.mention for p in _parse("The [Texas Department of Health](ORG) said .")}
    assert texts == {"Texas"}  # a first-level division: supported by itself
    assert _parse("The [Carter Foundation](ORG) said .") == []  # a small town far from anything: not kept


def test_scores_are_probabilities_and_min_score_drops_coordinates() -> None:
    doc = make_doc("Talks in [Paris](GPE) ended .")
    (place,) = geoparse(doc, GAZETTEER)
    assert 0.0 < place.score < 1.0
    (low,) = geoparse(doc, GAZETTEER, min_score=0.999)
    assert (low.mention, low.geonameid, low.lat, low.lon) == ("Paris", None, None, None)


def test_oracle_spans_are_resolved_as_given() -> None:
    doc = make_doc("Talks in Paris , Texas ended .")
    places = geoparse(doc, GAZETTEER, spans=[(9, 14), (17, 22)])
    assert [(p.mention, p.geonameid) for p in places] == [("Paris", 1002), ("Texas", 1003)]


def test_offsets_slice_back_to_the_mention() -> None:
    doc: Doc = make_doc("[Iraqi](NORP) troops left [Mosul](GPE) for [Paris](GPE) , [Texas](GPE) .")
    for place in geoparse(doc, GAZETTEER):
        assert doc.text[place.start:place.end] == place.mention


def test_a_country_name_never_resolves_to_a_town_of_that_name() -> None:
    places = _parse("Migrants walked from [Oaxaca](GPE) to [Puebla](GPE) and [Mexico City](GPE) , "
                    "crossing [Mexico](GPE) .")
    mexico = _by_mention(places)["Mexico"]
    assert (mexico.geonameid, mexico.feature) == (1021, "country")


def test_a_qualified_country_name_may_be_a_town() -> None:
    mexico = _by_mention(_parse("He lives in [Mexico](GPE) , Mo. , near the river ."))["Mexico"]
    assert (mexico.geonameid, mexico.country) == (1025, "US")


def test_region_beside_its_countries_wins_over_a_division_far_away() -> None:
    gulf = _by_mention(_parse("Tension in the [Gulf](LOC) rose as [Qatar](GPE) was isolated ."))["Gulf"]
    assert gulf.geonameid == 1030


def test_unknown_facility_goes_to_the_town_the_article_clusters_around() -> None:
    # Paris is named first, but Springfield and Decatur lie together: the article's town is Springfield's area.
    places = _parse("Born in [Paris](GPE) , she moved to [Springfield](GPE) near [Decatur](GPE) and works at "
                    "[Lincoln Hall](FAC) .")
    hall = _by_mention(places)["Lincoln Hall"]
    assert hall.geonameid is None and hall.country == "US" and hall.lat is not None and abs(hall.lat - 39.8) < 0.5


def test_the_outlet_country_breaks_a_tie_between_towns() -> None:
    # Two towns of one name and size: the outlet's country decides (it weighs less than population or context).
    tied = FakeGazetteer([
        (_place(1, "Springfield", "city", "US", 39.8, -89.64, admin1="IL", population=116_000), []),
        (_place(2, "Springfield", "city", "AU", -27.67, 152.92, admin1="04", population=116_000), []),
    ])
    doc = make_doc("Flooding closed roads in [Springfield](GPE) .")
    assert geoparse(doc, tied, home="AU")[0].country == "AU"
    assert geoparse(doc, tied, home="US")[0].country == "US"


@pytest.mark.parametrize("url, home, country", [
    ("https://www.bbc.co.uk/news/x", None, "GB"), ("https://www.abc.net.au/news", None, "AU"),
    ("https://www.nytimes.com/2020/x", None, None), ("https://example.tv/x", None, None),
    ("https://www.irishtimes.ie/x", None, "IE"), (None, "us", "US"), ("https://lemonde.fr", "CA", "CA"),
])
def test_outlet_country_from_the_setting_else_the_country_domain(url: str | None, home: str | None,
                                                                 country: str | None) -> None:
    assert outlet_country(url, home) == country


@pytest.mark.parametrize("text, pid", [
    ("Storms hit [Georgia](GPE) .", 10),  # a country's own name: the country
    ("Storms hit the state of [Georgia](GPE) .", 11),  # said with its kind word: the state
    ("Storms hit [Georgia](GPE) state .", 11),
    ("Storms hit [Atlanta](GPE) , the capital of [Georgia](GPE) .", 11),  # beside a town of its country
])
def test_a_kind_word_or_the_article_decides_a_name_shared_by_a_country_and_a_state(text: str, pid: int) -> None:
    extra = FakeGazetteer([
        (_place(10, "Georgia", "country", "GE", 42.0, 43.5, population=3_700_000), []),
        (_place(11, "Georgia", "admin1", "US", 32.7, -83.4, admin1="GA", population=4_800_000), []),
        (_place(40, "Atlanta", "city", "US", 33.75, -84.39, admin1="GA", population=510_000), []),
    ])
    places = _by_mention(geoparse(make_doc(text), extra))
    assert places["Georgia"].geonameid == 1000 + pid


def test_a_capital_name_is_the_capital_not_a_division_of_its_country() -> None:
    gazetteer = FakeGazetteer([
        (_place(20, "Washington", "city", "US", 38.9, -77.04, admin1="DC", population=689_545, capital=True), []),
        (_place(41, "Washington", "admin1", "US", 47.3, -120.2, admin1="WA", population=7_000_000), []),
        (_place(42, "Seattle", "city", "US", 47.6, -122.3, admin1="WA", population=740_000), []),
    ])
    assert _by_mention(geoparse(make_doc("Officials in [Washington](GPE) said so ."), gazetteer))[
        "Washington"].geonameid == 1020
    local = geoparse(make_doc("Rain fell in [Seattle](GPE) and across [Washington](GPE) ."), gazetteer)
    assert _by_mention(local)["Washington"].geonameid == 1041  # the article's town is in the state


def test_a_town_is_inside_a_county_only_when_it_lies_in_that_county() -> None:
    from dateline.geo.resolve import inside

    county = Candidate(60, 1060, "Ohio County", "admin2", "US", "KY", 37.5, -86.8, admin2="ohio county")
    state = _place(61, "Ohio", "admin1", "US", 40.3, -82.8, admin1="OH")
    there = Candidate(62, 1062, "Hartford", "city", "US", "KY", 37.45, -86.9, 2_600, admin2="ohio county")
    elsewhere = Candidate(63, 1063, "Bowling Green", "city", "US", "KY", 36.99, -86.44, 63_000,
                          admin2="warren county")
    in_ohio = Candidate(64, 1064, "Bowling Green", "city", "US", "OH", 41.37, -83.65, 31_000, admin2="wood county")
    assert inside(there, county) and not inside(elsewhere, county)
    assert inside(in_ohio, state) and not inside(elsewhere, state)
    assert not inside(there, _place(65, "Ohio", "city", "US", 39.0, -84.0, admin1="KY"))  # a town holds nothing


def test_a_region_s_own_name_is_the_region_not_a_small_town_of_that_name() -> None:
    gazetteer = FakeGazetteer([
        (_place(50, "Atlantic Ocean", "region", None, 10.0, -30.0), [("Atlantic", "abbr")]),
        (_place(51, "Atlantic", "city", "US", 41.4, -95.0, admin1="IA", population=6_800), []),
        (_place(52, "Des Moines", "city", "US", 41.6, -93.6, admin1="IA", population=214_000), []),
        (_place(53, "United States", "country", "US", 39.8, -98.5, population=327_000_000), [("US", "abbr")]),
    ])
    bare = geoparse(make_doc("Storms formed over the [Atlantic](LOC) and hit the [US](GPE) ."), gazetteer)
    assert _by_mention(bare)["Atlantic"].geonameid == 1050
    local = geoparse(make_doc("Police in [Des Moines](GPE) and [Atlantic](GPE) searched the farm ."), gazetteer)
    assert _by_mention(local)["Atlantic"].geonameid == 1051  # the article's towns are in Iowa


def test_a_bare_dateline_names_the_major_city_whatever_the_article_names() -> None:
    from dateline.extensions import register
    from dateline.records import Article, Dateline

    gazetteer = FakeGazetteer([
        (_place(40, "Atlanta", "city", "US", 33.75, -84.39, admin1="GA", population=510_000), []),
        (_place(43, "Atlanta", "city", "US", 33.11, -94.16, admin1="TX", population=5_600), []),
        (_place(3, "Texas", "admin1", "US", 31.0, -100.0, admin1="TX", population=25_000_000), []),
    ])
    register()
    doc = make_doc("ATLANTA - A charity from [Texas](GPE) opened an office .")
    doc._.article = Article(id="a", source_id="a", text=doc.text, title=None, published=None,
                            dateline=Dateline(place="ATLANTA", agency=None, start=0, end=9))
    by = _by_mention(geoparse(doc, gazetteer))
    assert by["ATLANTA"].geonameid == 1040  # not the village in Texas the article also names


def test_a_town_the_gazetteer_lacks_in_its_named_region_is_placed_at_the_region() -> None:
    # neither Paris the gazetteer knows is in Missouri: the town is somewhere in Missouri, without an id
    by = _by_mention(_parse("He grew up in [Paris](GPE) , Mo. , on a farm ."))
    assert (by["Paris"].geonameid, by["Paris"].country, by["Paris"].admin1) == (None, "US", "Missouri")
    assert (by["Paris"].lat, by["Paris"].lon) == (38.25, -92.5)
    assert _by_mention(_parse("He grew up in [Paris](GPE) , Tex. , on a farm ."))["Paris"].geonameid == 1002
    # beside a town of the article in Missouri, at that town (local stories keep to one place)
    by = _by_mention(_parse("He grew up in [Paris](GPE) , Mo. , and went to school in [Mexico](GPE) , Mo. ."))
    assert (by["Paris"].geonameid, by["Paris"].admin1, by["Paris"].lat) == (None, "Missouri", 39.17)


def test_towns_the_gazetteer_lacks_said_to_lie_in_a_known_place_are_placed_there() -> None:
    by = _by_mention(_parse("Rebels freed the villages of [Foua](GPE) and [Kfraya](GPE) in [Missouri](GPE) ."))
    for name in ("Foua", "Kfraya"):
        assert (by[name].geonameid, by[name].admin1, by[name].lat, by[name].lon) == (None, "Missouri", 38.25, -92.5)
    by = _by_mention(_parse("Rebels freed [Kfraya](GPE) on Friday in a raid ."))
    assert by["Kfraya"].lat is None


def test_a_town_the_gazetteer_lacks_that_is_a_known_place_s_part_is_placed_there() -> None:
    from .helpers import vocab

    words = ["Crews", "reached", "Missouri", "’s", "remote", "district", "of", "Kfraya", "and", "Missouri", "’s",
             "roads", "near", "Foua", "."]
    ents = ["O", "O", "B-GPE", "O", "O", "O", "O", "B-GPE", "O", "B-GPE", "O", "O", "O", "B-GPE", "O"]
    doc = Doc(vocab(), words=words, spaces=[w not in ("Missouri",) and w != "." for w in words], ents=ents)
    by = _by_mention(geoparse(doc, GAZETTEER))
    assert (by["Kfraya"].geonameid, by["Kfraya"].admin1) == (None, "Missouri")
    assert by["Foua"].lat is None  # "Missouri's roads near Foua": no part of Missouri named


def test_a_name_repeated_alike_is_scored_once_but_differences_count() -> None:
    from dateline.geo.recognize import Mention
    from dateline.geo.resolve import _distinct, resolve

    paris = (Candidate(1, 1, "Paris", "city", "FR", "11", 48.85, 2.35, 2_000_000),
             Candidate(2, 2, "Paris", "city", "US", "TX", 33.66, -95.56, 25_000))
    texas = (Candidate(3, 3, "Texas", "admin1", "US", "TX", 31.0, -100.0, 25_000_000),)
    mentions = [Mention(0, 5, "Paris", "model", candidates=paris), Mention(20, 25, "Paris", "model", candidates=paris),
                Mention(40, 45, "Paris", "model", candidates=paris, qualifier=3),
                Mention(47, 52, "Texas", "qualifier", candidates=texas),
                Mention(60, 65, "PARIS", "dateline", candidates=paris)]
    assert _distinct(mentions, [0, 1, 2, 4]) == [0, 2, 4]  # the second "Paris" scores as the first
    chosen = resolve(mentions[:4])
    assert [r.candidate.pid for r in chosen[:3] if r.candidate] == [2, 2, 2]  # the qualifier still decides


def test_given_spans_in_any_order_keep_their_qualifier() -> None:
    doc = make_doc("He lives in Mexico , Mo. , near the river .")
    places = geoparse(doc, GAZETTEER, spans=[(21, 24), (12, 18)])
    assert [(p.mention, p.geonameid) for p in places] == [("Mexico", 1025), ("Mo.", 1026)]


def test_a_name_listed_among_a_country_s_divisions_is_that_division() -> None:
    places = _parse("Recalls reached [Texas](GPE) , [Georgia](GPE) , [California](GPE) and [Missouri](GPE) .")
    georgia = _by_mention(places)["Georgia"]
    assert (georgia.geonameid, georgia.feature) == (1011, "admin1")
    alone = _by_mention(_parse("Recalls reached [Georgia](GPE) ."))["Georgia"]
    assert alone.geonameid == 1010  # named bare without the list, it is the country


def test_a_list_of_names_is_a_series_and_a_town_with_its_region_is_not() -> None:
    def series(text: str) -> dict[str, int | None]:
        doc = make_doc(text)
        return {m.text: m.series for m in find_mentions(doc, GAZETTEER)}

    listed = series("Cases in [Texas](GPE) , [Georgia](GPE) and the [Missouri](GPE) valley .")
    assert len(set(listed.values())) == 1 and None not in listed.values()
    assert set(series("[Texas](GPE) and [Georgia](GPE) voted .").values()) != {None}
    assert set(series("He grew up in [Paris](GPE) , [Texas](GPE) .").values()) == {None}
    assert set(series("[Texas](GPE) voted ; [Georgia](GPE) did not .").values()) == {None}


def test_two_names_never_trade_places_between_rounds() -> None:
    # Round one: the state for "California" (its own evidence), the Scottish village for "Redding" (two
    # villages of one Scottish council area lie together). A second round that re-read every name in the
    # other's first-round context would swap them: each name would sit in the other's country.
    rows = [
        (_place(1, "California", "admin1", "US", 36.8, -119.4, admin1="CA", population=39_000_000), []),
        (_place(2, "California", "city", "GB", 55.99, -3.75, admin1="SCT", population=830), []),
        (_place(3, "Redding", "city", "US", 40.59, -122.39, admin1="CA", population=91_000), []),
        (_place(4, "Redding", "city", "GB", 55.99, -3.74, admin1="SCT", population=2_540), []),
    ]
    places = geoparse(make_doc("A [California](GPE) woman was found near [Redding](GPE) ."), FakeGazetteer(rows))
    assert {p.country for p in places} == {"US"}  # not two Scottish villages vouching for each other
    scotland = (_place(5, "Scotland", "admin1", "GB", 56.5, -4.0, admin1="SCT", population=5_400_000), [])
    places = geoparse(make_doc("Children in [California](GPE) , near [Redding](GPE) in [Scotland](GPE) , played ."),
                      FakeGazetteer([*rows, scotland]))
    assert {p.mention: p.country for p in places}["Redding"] == "GB"  # the article names their country


def test_a_name_decided_before_another_changed_is_read_again() -> None:
    # Round one makes "Georgia" the country; the next round decides "Atlanta" (the surer name) first, beside
    # Texas and no US state of Georgia, and only then turns "Georgia" into the state: Atlanta is read again.
    gazetteer = FakeGazetteer([
        (_place(1, "Georgia", "country", "GE", 42.0, 43.5, population=3_700_000), []),
        (_place(2, "Georgia", "admin1", "US", 32.75, -83.5, admin1="GA", population=10_000_000), []),
        (_place(3, "Atlanta", "city", "US", 33.75, -84.39, admin1="GA", population=510_000), []),
        (_place(4, "Atlanta", "city", "US", 33.11, -94.16, admin1="TX", population=5_600), []),
        (_place(5, "Texas", "admin1", "US", 31.25, -99.25, admin1="TX", population=28_000_000), []),
    ])
    text = ("Needy [Georgia](GPE) residents call the line , said the head of the [Atlanta](GPE) office . Other "
            "states pay for it , among them [Texas](GPE) . In [Georgia](GPE) , the [Atlanta](GPE) agency will "
            "draft a plan .")
    found = {p.mention: p.geonameid for p in geoparse(make_doc(text), gazetteer)}
    assert found == {"Georgia": 1002, "Atlanta": 1003, "Texas": 1005}, found


SAINTS = FakeGazetteer([
    (_place(1, "Saint Michael", "admin1", "BB", 13.1, -59.6, admin1="08", population=98_000), []),
    (_place(2, "Saint Peter", "admin1", "AG", 17.1, -61.8, admin1="07", population=5_500), []),
    (_place(3, "Saint Paul", "city", "US", 44.94, -93.09, admin1="MN", population=300_000), []),
    (_place(4, "Toronto", "city", "CA", 43.7, -79.42, admin1="08", population=2_600_000), []),
    (_place(5, "Minnesota", "admin1", "US", 46.0, -94.0, admin1="MN"), [("Minn.", "qual")]),
])


def test_a_saint_s_church_or_hospital_is_a_building_not_the_town_named_after_the_saint() -> None:
    places = geoparse(make_doc("Both were taken to [St. Michael](GPE) 's Hospital in [Toronto](GPE) ."), SAINTS)
    hospital = _by_mention(places)["St. Michael 's Hospital"]
    assert hospital.geonameid is None and hospital.country == "CA"
    church = geoparse(make_doc("A bomb hit the church of [St. Peter](GPE) and [St. Paul](GPE) ."), SAINTS)
    assert church == []
    town = geoparse(make_doc("He moved to [St. Paul](GPE) , [Minn.](GPE) , in May ."), SAINTS)
    assert _by_mention(town)["St. Paul"].geonameid == 1003


def test_a_word_known_only_as_another_place_s_other_name_needs_a_place_word() -> None:
    gazetteer = FakeGazetteer([
        (_place(1, "Lakeshire", "admin1", "ZZ", 15.0, 5.0, admin1="06", population=3_000_000), [("Unite", "alt")]),
    ])
    assert geoparse(make_doc("The strike was called by the Unite union on Monday ."), gazetteer) == []
    (cued,) = geoparse(make_doc("The delegates flew to Unite on Monday ."), gazetteer)
    assert cued.geonameid == 1001


STRAYS = FakeGazetteer([
    (_place(1, "London", "city", "GB", 51.51, -0.13, admin1="ENG", population=8_900_000), []),
    (_place(2, "Heathrow", "city", "US", 28.76, -81.37, admin1="FL", population=5_900), []),
    (_place(3, "Florida", "admin1", "US", 28.0, -82.0, admin1="FL"), [("Fla.", "qual")]),
    (_place(4, "Reading", "city", "GB", 51.45, -0.97, admin1="ENG", population=230_000), []),
    (_place(5, "Orlando", "city", "US", 28.54, -81.38, admin1="FL", population=300_000), []),
])


def test_a_small_town_far_abroad_from_an_article_s_places_is_not_the_place_meant() -> None:
    stray = _by_mention(geoparse(make_doc("Strikes hit [London](GPE) , [Reading](GPE) and [Heathrow](GPE) ."),
                                 STRAYS))["Heathrow"]
    assert stray.geonameid is None and stray.lat is None
    near = _by_mention(geoparse(make_doc("Storms hit [Orlando](GPE) and [Heathrow](GPE) ."), STRAYS))
    assert near["Heathrow"].geonameid == 1002  # in the article's country: kept
    named = _by_mention(geoparse(make_doc("Strikes hit [London](GPE) and [Heathrow](GPE) , [Fla.](GPE) ."),
                                 STRAYS))
    assert named["Heathrow"].geonameid == 1002  # its region vouches for it


def test_a_dateline_s_unknown_town_sits_in_its_region_and_the_region_is_the_article_s() -> None:
    from dateline.extensions import register
    from dateline.records import Article, Dateline

    gazetteer = FakeGazetteer([
        (_place(1, "Washington", "city", "US", 38.9, -77.04, admin1="DC", population=689_545, capital=True), []),
        (_place(2, "Washington", "admin1", "US", 47.3, -120.5, admin1="WA", population=7_700_000),
         [("Wash.", "qual")]),
        (_place(3, "Guam", "country", "GU", 13.4, 144.7, population=160_000), []),
    ])
    register()
    doc = make_doc("CAMP BRIDGE , Wash. - Teams from [Washington](GPE) and [Guam](GPE) trained .")
    doc._.article = Article(id="a", source_id="a", text=doc.text, title=None, published=None,
                            dateline=Dateline(place="CAMP BRIDGE , Wash.", agency=None, start=0, end=19))
    by = _by_mention(geoparse(doc, gazetteer))
    assert (by["CAMP BRIDGE"].geonameid, by["CAMP BRIDGE"].admin1, by["CAMP BRIDGE"].lat) == (None, "Washington", 47.3)
    assert by["Washington"].geonameid == 1002  # the state the dateline names, not the capital


def test_a_dotted_state_abbreviation_the_model_typed_a_place_is_that_state() -> None:
    (state,) = _parse("Theatre sold to [Mo.](GPE) promoter .")
    assert (state.geonameid, state.feature) == (1026, "admin1")
    assert _parse("Sold to MO promoter .") == []  # the bare code names a state only after a town and a comma


def test_a_region_s_name_after_the_is_the_region_even_beside_a_town_of_that_name() -> None:
    gazetteer = FakeGazetteer([
        (_place(1, "Middle East", "region", None, 29.0, 41.0), []),
        (_place(2, "Middle East", "city", "US", 39.3, -76.58, admin1="MD", population=1_900), []),
        (_place(3, "Baltimore", "city", "US", 39.29, -76.61, admin1="MD", population=600_000), []),
    ])
    places = geoparse(make_doc("[Baltimore](GPE) scholars spoke on the [Middle East](LOC) ."), gazetteer)
    assert _by_mention(places)["Middle East"].geonameid == 1001


def test_a_stray_town_is_never_the_article_s_town() -> None:
    text = ("[Heathrow](GPE) staff struck . [Heathrow](GPE) was shut . [Heathrow](GPE) flights went to "
            "[London](GPE) and [Reading](GPE) ; talks were held at [Baker Hall](FAC) .")
    hall = _by_mention(geoparse(make_doc(text), STRAYS))["Baker Hall"]
    assert hall.country == "GB" and hall.geonameid is None


def test_a_later_story_s_dateline_on_a_page_is_a_place() -> None:
    places = _parse("[Paris](GPE) voted . WASHINGTON (AP) - The vote in [Mosul](GPE) was held .")
    washington = _by_mention(places)["WASHINGTON"]
    assert washington.geonameid == 1020  # the capital, as a bare dateline names it


def test_a_demonym_the_model_typed_nothing_is_a_mention_of_its_country() -> None:
    from .helpers import parsed_doc

    rows = [("A", 2, "det", "DET"), ("French", 2, "amod", "ADJ"), ("developer", 3, "nsubj", "NOUN"),
            ("won", 3, "ROOT", "VERB"), ("in", 3, "prep", "ADP"), ("English", 4, "pobj", "PROPN"),
            (".", 3, "punct", "PUNCT")]
    doc = parsed_doc(rows, ents=[(5, 6, "LANGUAGE")])
    assert [(p.mention, p.geonameid) for p in geoparse(doc, GAZETTEER)] == [("French", 1004)]


def test_a_demonym_in_a_body_s_name_is_its_people_not_a_small_town_of_that_name() -> None:
    gazetteer = FakeGazetteer([
        (_place(1, "Canada", "country", "CA", 60.0, -96.0, population=38_000_000), [("Canadian", "demonym")]),
        (_place(2, "Canadian", "city", "US", 35.9, -100.38, admin1="TX", population=2_600), []),
    ])
    places = geoparse(make_doc("By Jane Roe , [The Canadian Press](ORG) ."), gazetteer)
    assert [(p.mention, p.geonameid) for p in places] == [("Canadian", 1001)]


def test_peoples_and_countries_written_together() -> None:
    from .helpers import parsed_doc

    gazetteer = FakeGazetteer([
        (_place(1, "United States", "country", "US", 39.8, -98.5, population=330_000_000), [("U.S.", "abbr")]),
        (_place(2, "Bosnia and Herzegovina", "country", "BA", 44.0, 18.0, population=3_300_000),
         [("Bosnian", "demonym")]),
        (_place(3, "Serbia", "country", "RS", 44.0, 21.0, population=7_000_000), [("Serb", "demonym")]),
    ])
    rows = [("A", 3, "det", "DET"), ("Bosnian", 2, "amod", "ADJ"), ("Serb", 3, "compound", "PROPN"),
            ("man", 4, "nsubj", "NOUN"), ("joined", 4, "ROOT", "VERB"), ("the", 7, "det", "DET"),
            ("U.S.-led", 7, "amod", "PROPN"), ("coalition", 4, "dobj", "NOUN"), (".", 4, "punct", "PUNCT")]
    doc = parsed_doc(rows, ents=[(1, 3, "NORP")])
    assert [(p.mention, p.geonameid) for p in geoparse(doc, gazetteer)] == [
        ("Bosnian", 1002), ("Serb", 1003), ("U.S.", 1001)]
    typed = parsed_doc(rows, ents=[(1, 3, "NORP"), (6, 7, "ORG")])  # the model typed "U.S.-led" a body
    assert [(p.mention, p.geonameid) for p in geoparse(typed, gazetteer)] == [
        ("Bosnian", 1002), ("Serb", 1003), ("U.S.", 1001)]


def test_a_name_the_model_cut_short_and_a_people_of_two_words_in_a_body_s_name() -> None:
    gazetteer = FakeGazetteer([
        (_place(1, "United States", "country", "US", 39.8, -98.5, population=330_000_000),
         [("U.S.", "abbr"), ("American", "demonym")]),
        (_place(2, "U.S. Virgin Islands", "country", "VI", 18.5, -64.5, population=100_000), []),
        (_place(3, "North America", "continent", None, 46.1, -100.0, population=500_000_000),
         [("North American", "demonym")]),
    ])
    places = geoparse(make_doc("Sales in [U.S.](GPE) Virgin Islands rose under [the North American Free Trade "
                               "Agreement](ORG) ."), gazetteer)
    assert [(p.mention, p.geonameid) for p in places] == [("U.S. Virgin Islands", 1002), ("North American", 1003)]


def test_a_team_bears_its_city_s_name_whatever_towns_lie_around() -> None:
    gazetteer = FakeGazetteer([
        (_place(1, "Portland", "city", "US", 45.52, -122.68, admin1="OR", population=650_000), []),
        (_place(2, "Portland", "city", "US", 27.88, -97.32, admin1="TX", population=17_000), []),
        (_place(3, "Houston", "city", "US", 29.76, -95.36, admin1="TX", population=2_300_000), []),
    ])
    text = "[Houston](GPE) beat [the Portland Trail Blazers](ORG) ; fans watched [Portland](GPE) lose ."
    portland = {p.geonameid for p in geoparse(make_doc(text), gazetteer) if p.mention == "Portland"}
    assert portland == {1001}
    def given(doc: Doc) -> set[int | None]:  # gold spans: the towns alone, where the model typed the whole team
        spans = [(m.start(), m.end()) for m in re.finditer("Houston|Portland", doc.text)]
        return {p.geonameid for p in geoparse(doc, gazetteer, spans=spans) if p.mention == "Portland"}

    assert given(make_doc(text)) == {1001}
    assert given(make_doc("[Houston](GPE) read [the Portland Daily Times](ORG) ; fans watched [Portland](GPE) "
                          "lose .")) == {1002}  # a paper, not a team


def test_a_building_or_street_the_model_typed_an_organisation_sits_at_the_article_s_town() -> None:
    text = ("Crews from [Springfield](GPE) and [Decatur](GPE) met at [Holy Redeemer Church](ORG) ; "
            "[the House](ORG) and [United Way](ORG) were not there .")
    by = _by_mention(geoparse(make_doc(text), GAZETTEER))
    church = by["Holy Redeemer Church"]
    assert church.geonameid is None and church.country == "US" and church.lat is not None
    assert "House" not in by and "United Way" not in by


def test_a_legislator_s_home_after_the_party_letter_is_a_place() -> None:
    gazetteer = FakeGazetteer([
        (_place(1, "Pennsylvania", "admin1", "US", 41.0, -77.5, admin1="PA"), [("Pa.", "qual")]),
        (_place(2, "Marshall", "city", "US", 44.45, -95.79, admin1="MN", population=13_000), []),
    ])
    text = "[Bob Casey](PERSON) , D-Pa. , and [Marty Seifert](PERSON) , R-Marshall , spoke ; R-squared was high ."
    places = geoparse(make_doc(text), gazetteer)
    assert [(p.mention, p.geonameid) for p in places] == [("Pa.", 1001), ("Marshall", 1002)]


def test_a_people_typed_a_person_or_written_as_a_plural_noun_is_its_country() -> None:
    from .helpers import parsed_doc

    gazetteer = FakeGazetteer([
        (_place(1, "Sri Lanka", "country", "LK", 7.75, 80.75, population=21_000_000), [("Sri Lankan", "demonym")]),
        (_place(2, "Czechia", "country", "CZ", 49.75, 15.0, population=10_700_000), [("Czechs", "demonym")]),
    ])
    rows = [("Sri", 1, "compound", "PROPN"), ("Lankan", 2, "amod", "PROPN"), ("interests", 3, "nsubj", "NOUN"),
            ("worried", 3, "ROOT", "VERB"), ("the", 5, "det", "DET"), ("Czechs", 3, "dobj", "NOUN"),
            (".", 3, "punct", "PUNCT")]
    doc = parsed_doc(rows, ents=[(0, 2, "PERSON")])
    assert [(p.mention, p.geonameid) for p in geoparse(doc, gazetteer)] == [("Sri Lankan", 1001), ("Czechs", 1002)]


def test_names_the_model_cut_short_and_a_list_of_towns_is_no_town_and_region() -> None:
    gazetteer = FakeGazetteer([
        (_place(1, "Portugal", "country", "PT", 39.5, -8.0, population=10_000_000), []),
        (_place(2, "Little Portugal", "city", "CA", 43.65, -79.43, admin1="08", population=15_000), []),
        (_place(3, "Fort St. John", "city", "CA", 56.25, -120.85, admin1="02", population=21_000), []),
        (_place(4, "Montreal", "city", "CA", 45.5, -73.57, admin1="10", population=1_700_000), []),
        (_place(5, "Québec", "city", "CA", 46.81, -71.21, admin1="10", population=530_000), [("Quebec City", "alt")]),
        (_place(6, "Quebec", "admin1", "CA", 52.0, -72.0, admin1="10"), []),
    ])
    text = ("Shops in Little [Portugal](GPE) and near [Fort St.](GPE) [John](PERSON) shut , as in "
            "[Montreal](GPE) , [Quebec City](GPE) and beyond .")
    places = geoparse(make_doc(text), gazetteer)
    assert [(p.mention, p.geonameid) for p in places] == [
        ("Little Portugal", 1002), ("Fort St. John", 1003), ("Montreal", 1004), ("Quebec City", 1005)]


def test_the_capital_of_a_country_the_article_names_outweighs_a_namesake_among_its_towns() -> None:
    gazetteer = FakeGazetteer([
        (_place(1, "Paris", "city", "FR", 48.85, 2.35, admin1="11", population=2_138_551, capital=True), []),
        (_place(2, "Paris", "city", "US", 38.21, -84.25, admin1="KY", population=9_900), []),
        (_place(3, "France", "country", "FR", 46.0, 2.0, population=67_000_000), []),
        (_place(4, "Georgetown", "city", "US", 38.21, -84.56, admin1="KY", population=33_000), []),
        (_place(5, "Pikeville", "city", "US", 37.48, -82.52, admin1="KY", population=7_000), []),
    ])
    text = ("A [Georgetown](GPE) doctor from [Pikeville](GPE) flew to [France](GPE) ; in [Paris](GPE) he "
            "saw the attack .")
    assert _by_mention(geoparse(make_doc(text), gazetteer))["Paris"].geonameid == 1001
