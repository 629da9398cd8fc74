"""Recognition rules on hand-built Docs: towns named before residents, abbreviations and demonyms inside
organisation names, surnames of people named in full, capitals standing for their government."""

from __future__ import annotations

from spacy.tokens import Doc

from dateline.geo import Candidate, FakeGazetteer
from dateline.geo.parser import geoparse

from .helpers import make_doc


def _place(pid: int, name: str, feature: str, country: str | None, lat: float, lon: float, *,
           admin1: str | None = None, population: int = 0, capital: bool = False) -> Candidate:
    return Candidate(pid, 2000 + pid, name, feature, country, admin1, lat, lon, population, capital=capital)


GAZETTEER = FakeGazetteer([
    (_place(1, "United States", "country", "US", 39.8, -98.5, population=327_000_000),
     [("U.S.", "abbr"), ("American", "demonym")]),
    (_place(2, "Georgia", "country", "GE", 42.0, 43.5, population=3_700_000), [("Georgian", "demonym")]),
    (_place(3, "Tbilisi", "city", "GE", 41.69, 44.83, admin1="TB", population=1_050_000, capital=True), []),
    (_place(4, "Winona", "city", "US", 44.05, -91.64, admin1="MN", population=27_000), []),
    (_place(5, "Jones", "city", "US", 35.86, -94.0, admin1="OK", population=3_000), []),
    (_place(6, "Gori", "city", "GE", 41.98, 44.11, admin1="SK", population=48_000), []),
    (_place(7, "Glen Allen", "city", "US", 37.67, -77.51, admin1="VA", population=15_000), []),
])


def _parse(doc: Doc) -> dict[str, str | None]:
    return {p.mention: p.country for p in geoparse(doc, GAZETTEER) if p.lat is not None}


def _nouns(doc: Doc, *words: str) -> Doc:
    for token in doc:
        if token.text in words:
            token.pos_ = "NOUN"
    return doc


def test_a_town_named_before_its_residents_is_a_place() -> None:
    text = "The body of a [Winona](ORG) man was found , [Winona](PERSON) police said ."
    doc = _nouns(make_doc(text), "man", "police")
    assert _parse(doc) == {"Winona": "US"}


def test_a_town_named_before_a_word_for_an_area_is_a_place() -> None:
    assert _parse(_nouns(make_doc("He spoke of the Winona area ."), "area")) == {"Winona": "US"}
    assert _parse(make_doc("Sales of the Winona brand rose .")) == {}


def test_a_town_the_model_typed_a_person_in_a_list_of_places_is_a_place() -> None:
    assert _parse(make_doc("Teams from [Winona](GPE) and [Glen Allen](PERSON) played .")) == {"Winona": "US",
                                                                                        "Glen Allen": "US"}
    assert _parse(make_doc("Teams met [Glen Allen](PERSON) and [Bob Jones](PERSON) .")) == {}


def test_a_town_opening_the_name_of_its_own_board_or_mayor_is_a_place() -> None:
    assert _parse(make_doc("[the Winona Board of Education](ORG) met .")) == {"Winona": "US"}
    assert _parse(make_doc("[Winona Mayor Bob Smith](PERSON) spoke .")) == {"Winona": "US"}  # typed a person
    assert _parse(make_doc("[Winona Capital Partners](ORG) met .")) == {}


def test_without_the_resident_noun_a_small_town_the_model_typed_otherwise_is_not_kept() -> None:
    assert _parse(make_doc("He thanked [Winona](PERSON) for the help .")) == {}


def test_a_dotted_abbreviation_inside_an_organisation_name_is_a_place() -> None:
    places = _parse(make_doc("Seats in [the U.S. House of Representatives](ORG) are at stake ."))
    assert places == {"U.S.": "US"}


def test_a_demonym_inside_an_organisation_name_is_its_country() -> None:
    places = _parse(make_doc("[the Georgian Interior Ministry](ORG) said on Monday ."))
    assert places == {"Georgian": "GE"}


def test_the_surname_of_a_person_named_in_full_is_no_town_even_typed_gpe() -> None:
    doc = make_doc("[Jason Terrell Jones](PERSON) , 23 , was held . Police found a gun [Jones](GPE) had hidden .")
    assert _parse(doc) == {}


def test_a_capital_typed_person_stands_for_its_government_when_the_article_names_the_country() -> None:
    doc = make_doc("Fighting near [Gori](GPE) in [Georgia](GPE) grew . [Tbilisi](PERSON) says rebels attacked .")
    assert _parse(doc).get("Tbilisi") == "GE"
    assert "Tbilisi" not in _parse(make_doc("[Tbilisi](PERSON) says rebels attacked ."))


def test_a_demonym_inside_a_street_or_quarter_name_is_not_its_country() -> None:
    assert _parse(make_doc("Bars line [the Georgian Quarter](LOC) at night .")) == {}


def _county(pid: int, name: str, state: str, lat: float, lon: float) -> Candidate:
    return Candidate(pid, 2000 + pid, name, "admin2", "US", state, lat, lon, admin2=name.lower())


def _town(pid: int, name: str, state: str, county: str, lat: float, lon: float, population: int) -> Candidate:
    return Candidate(pid, 2000 + pid, name, "city", "US", state, lat, lon, population, admin2=county.lower())


COUNTIES = FakeGazetteer([
    (_county(11, "Harvey County", "KS", 38.04, -97.43), [("Harvey", "alt")]),
    (_county(12, "Harper County", "KS", 37.19, -98.07), [("Harper", "alt")]),
    (_county(13, "Harper County", "OK", 36.79, -99.67), [("Harper", "alt")]),
    (_county(14, "Kingman County", "KS", 37.56, -98.14), [("Kingman", "alt")]),
    (_county(15, "Indiana County", "PA", 40.65, -79.09), [("Indiana", "alt")]),
    (_county(16, "Henry County", "TN", 36.33, -88.30), [("Henry", "alt")]),
    (_county(17, "Henry County", "IL", 41.35, -90.13), [("Henry", "alt")]),
    (_town(18, "Paris", "TN", "Henry County", 36.30, -88.33, 10_000), []),
    (_town(19, "Paris", "IL", "Edgar County", 39.61, -87.70, 12_000), []),  # larger: only the county decides
    (_place(20, "Kansas", "admin1", "US", 38.5, -98.0, admin1="KS"), []),
    (_place(21, "Indiana", "admin1", "US", 40.0, -86.0, admin1="IN"), []),
])


def test_each_name_of_a_list_before_counties_is_a_county() -> None:
    doc = make_doc("Collapses were reported in [Harvey](PERSON) , [Harper](PERSON) and Kingman counties in "
                   "[Kansas](GPE) .")
    places = {(p.mention, p.admin1, p.feature) for p in geoparse(doc, COUNTIES) if p.lat is not None}
    assert places == {("Harvey", "Kansas", "admin2"), ("Harper", "Kansas", "admin2"),
                      ("Kingman", "Kansas", "admin2"), ("Kansas", "Kansas", "admin1")}


def test_a_county_inside_a_name_the_model_typed_a_person_is_a_county() -> None:
    doc = make_doc("[Paris](GPE) police and [Henry County Fire](PERSON) crews searched the area .")
    places = {p.mention: p.geonameid for p in geoparse(doc, COUNTIES) if p.lat is not None}
    assert places == {"Paris": 2018, "Henry County": 2016}
    doc = make_doc("[Harvey Fire](PERSON) searched the area .")  # a bare county name in a person's is no county
    assert [p for p in geoparse(doc, COUNTIES) if p.lat is not None] == []


def test_a_county_the_model_read_into_a_number_is_a_county() -> None:
    doc = make_doc("A survey of [706 Kingman County](PERCENT) residents found support .")
    assert [(p.mention, p.geonameid) for p in geoparse(doc, COUNTIES)] == [("Kingman County", 2014)]


def test_a_town_s_street_is_the_town_and_a_street() -> None:
    doc = make_doc("He owned a shop on [Paris ’s Main Street](ORG) .")
    places = geoparse(doc, COUNTIES)
    assert [p.mention for p in places] == ["Paris", "Main Street"]
    assert places[0].geonameid in (2018, 2019) and places[1].geonameid is None


def test_one_name_before_counties_is_no_list() -> None:
    doc = make_doc("It was 42nd of the 92 [Indiana](GPE) counties .")
    assert [(p.mention, p.feature) for p in geoparse(doc, COUNTIES) if p.lat is not None] == [("Indiana", "admin1")]


def test_a_town_and_the_county_it_lies_in_agree() -> None:
    doc = make_doc("[Paris](GPE) police and the [Henry County](GPE) sheriff searched the area .")
    places = {p.mention: p.geonameid for p in geoparse(doc, COUNTIES) if p.lat is not None}
    assert places == {"Paris": 2018, "Henry County": 2016}  # both in Tennessee


def test_a_county_written_with_its_abbreviation_is_that_county() -> None:
    from dateline.geo.recognize import lookup

    assert [c.geonameid for c in lookup(COUNTIES, "Kingman Co.")] == [2014]
    assert [c.geonameid for c in lookup(COUNTIES, "KINGMAN CO")] == [2014]
    assert lookup(COUNTIES, "Paris Co.") == ()  # no county of that name


STREETS = FakeGazetteer([
    (_place(31, "Darby", "city", "US", 39.95, -75.26, admin1="PA", population=10_000), []),
    (_place(32, "Dublin", "city", "US", 40.1, -83.11, admin1="OH", population=49_000), []),
    (_place(33, "Man", "city", "CI", 7.41, -7.55, population=188_000), []),
    (_place(34, "Webb", "city", "US", 31.5, -98.4, admin1="TX", population=500), []),
])


def test_a_town_name_before_a_street_word_is_a_street() -> None:
    doc = make_doc("The council renamed [Darby Street](GPE) in [Dublin](GPE) .")  # as the model may type it
    assert {p.mention: p.geonameid for p in geoparse(doc, STREETS) if p.geonameid} == {"Dublin": 2032}
    doc = make_doc("Traffic was slow on Darby Road in [Dublin](GPE) .")
    assert "Darby" not in {p.mention for p in geoparse(doc, STREETS) if p.geonameid}


def test_a_town_name_inside_a_street_or_an_estate_name_is_no_town() -> None:
    doc = make_doc("A well was drilled at [Darby Oaks Boulevard](GPE) in [Dublin](GPE) .")
    assert {p.mention: p.geonameid for p in geoparse(doc, STREETS) if p.geonameid} == {"Dublin": 2032}
    doc = make_doc("The owner razed the [Darby Hills](GPE) apartments and [Webb Creek](FAC) in [Dublin](GPE) .")
    assert {p.mention: p.geonameid for p in geoparse(doc, STREETS) if p.geonameid} == {"Dublin": 2032}


def test_a_town_name_ending_a_longer_name_the_gazetteer_lacks_is_no_town() -> None:
    def towns(text: str) -> list[str]:
        return [p.mention for p in geoparse(_nouns(make_doc(text), "man", "Resident"), STREETS) if p.geonameid]

    assert towns("Police said a Meadow Darby man was hurt near the river .") == []
    assert towns("Police said a Darby man was hurt near the river .") == ["Darby"]
    assert towns("Police said a West Darby man was hurt near the river .") == ["Darby"]  # a direction
    assert towns("Police Say Meadow Darby Resident Hurt Near River") == ["Darby"]  # a title-case line


def test_a_name_and_a_building_word_inside_a_body_s_name_is_the_building_not_a_town_of_that_name() -> None:
    gazetteer = FakeGazetteer([
        (_place(41, "Michigan", "admin1", "US", 44.3, -85.5, admin1="MI", population=10_000_000), []),
        (_place(42, "Michigan Center", "city", "US", 42.23, -84.33, admin1="MI", population=4_600), []),
    ])
    doc = make_doc("He runs [the University of Michigan Center for Security](ORG) ; [Michigan](GPE) voted .")
    assert {p.geonameid for p in geoparse(doc, gazetteer) if p.geonameid} == {2041}


def test_names_after_the_town_of_are_places_even_where_the_gazetteer_lacks_them() -> None:
    doc = make_doc("Swans died in the villages of Maliuc and Caraorman in [Kansas](GPE) .")
    places = {p.mention: (p.geonameid, p.admin1) for p in geoparse(doc, COUNTIES) if p.lat is not None}
    assert places == {"Maliuc": (None, "Kansas"), "Caraorman": (None, "Kansas"), "Kansas": (2020, "Kansas")}
    doc = make_doc("Swans died near Maliuc and Caraorman in [Kansas](GPE) .")
    assert {p.mention for p in geoparse(doc, COUNTIES)} == {"Kansas"}


def test_a_sentence_opening_common_word_is_no_town() -> None:
    doc = make_doc("Man booked for assault . Police said the man was held .")
    assert [p for p in geoparse(doc, STREETS) if p.lat is not None] == []


def test_a_town_name_before_a_building_word_needs_support() -> None:
    doc = make_doc("Funding for [the Webb Center](GPE) was cut .")
    assert [p.mention for p in geoparse(doc, STREETS) if p.geonameid] == []


def test_the_town_of_a_street_address_is_a_place() -> None:
    assert _parse(make_doc("He was arrested at 2517 Memphis St. , [Winona](PERSON) , on Sunday .")) == {"Winona": "US"}
    assert _parse(make_doc("He was arrested on Memphis St. , [Winona](PERSON) said .")) == {}  # no number


def test_a_two_word_town_typed_person_after_a_place_word_is_a_place() -> None:
    assert _parse(make_doc("She was found at her home in [Glen Allen](PERSON) .")) == {"Glen Allen": "US"}
    assert _parse(make_doc("[Glen Allen](PERSON) thanked the crowd .")) == {}


def test_a_town_typed_fac_after_a_place_word_is_a_place() -> None:
    assert _parse(make_doc("A fire broke out at a residence in [Glen Allen](FAC) .")) == {"Glen Allen": "US"}
    assert _parse(make_doc("Crowds filled [Glen Allen](FAC) on Sunday .")) == {}


def test_a_second_level_division_abroad_is_named_bare_but_a_us_county_needs_its_word() -> None:
    gazetteer = FakeGazetteer([
        (_place(1, "Devon", "admin2", "GB", 50.7, -3.8, admin1="ENG"), []),
        (_place(2, "Harvey County", "admin2", "US", 38.0, -97.4, admin1="KS"), [("Harvey", "alt")]),
    ])
    doc = make_doc("[Devon](PERSON) was calm , [Harvey](PERSON) was not .")
    assert {p.mention for p in geoparse(doc, gazetteer) if p.lat is not None} == {"Devon"}


def test_a_town_opening_the_name_of_its_own_body_is_a_place() -> None:
    assert _parse(make_doc("[Winona Police Department](ORG) said on Monday .")) == {"Winona": "US"}
    assert _parse(make_doc("[Winona Capital Group](ORG) said on Monday .")) == {}


def _hyphened(words: list[str], ents: list[str], tags: list[str] | None = None) -> Doc:
    from .helpers import vocab

    spaces = [w not in ("-",) and (k + 1 < len(words) and words[k + 1] != "-") for k, w in enumerate(words)]
    return Doc(vocab(), words=words, spaces=spaces, ents=ents, tags=tags)


def test_each_demonym_of_a_hyphened_pair_is_its_country() -> None:
    words = ["A", "Georgian", "-", "American", "crew", "flew", "."]
    both = _hyphened(words, ["O", "B-NORP", "I-NORP", "I-NORP", "O", "O", "O"])
    assert _parse(both) == {"Georgian": "GE", "American": "US"}
    first = _hyphened(words, ["O", "B-NORP", "O", "O", "O", "O", "O"])  # the model typed only the first part
    assert _parse(first) == {"Georgian": "GE", "American": "US"}


def test_a_hyphened_people_is_no_pair_of_countries() -> None:
    words = ["Georgian", "-", "Americans", "voted", "."]
    doc = _hyphened(words, ["B-NORP", "I-NORP", "I-NORP", "O", "O"], ["NNP", "HYPH", "NNPS", "VBD", "."])
    assert _parse(doc) == {}


def test_a_surname_whose_first_name_the_model_left_out_is_no_town() -> None:
    doc = make_doc("Fighter Jason [Jones](PERSON) was held . Police found a gun [Jones](GPE) had hidden .")
    assert _parse(doc) == {"Jones": "US"}  # without the first name: a one-word name
    doc[1].pos_ = "PROPN"
    assert _parse(doc) == {}


def test_a_small_town_name_right_before_a_persons_name_is_a_title_or_first_name() -> None:
    assert _parse(make_doc("They wrote to Winona [Ryder](PERSON) on Monday .")) == {}
    assert _parse(make_doc("They drove to Winona , [Ryder](PERSON) said .")) == {"Winona": "US"}


def test_a_day_named_after_a_place_is_no_place() -> None:
    assert _parse(make_doc("Crowds marked [Winona Day](GPE) on Monday .")) == {}
    assert _parse(make_doc("Crowds marked [Winona Days](EVENT) in [Winona](GPE) .")) == {"Winona": "US"}


def test_a_word_of_an_organisations_name_the_article_writes_in_lower_case_is_no_place() -> None:
    gazetteer = FakeGazetteer([(_place(1, "Drug", "admin1", "IN", 24.0, 80.0, admin1="XX"), [])])

    def places(text: str) -> set[str]:
        return {p.mention for p in geoparse(make_doc(text), gazetteer) if p.lat is not None}

    assert places("[the Food and Drug Administration](ORG) approved it .") == {"Drug"}
    assert places("[the Food and Drug Administration](ORG) approved the drug .") == set()
