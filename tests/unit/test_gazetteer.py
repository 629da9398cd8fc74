"""The gazetteer: name folding, the index file and its reader, the fake, and the project's place tables."""

from __future__ import annotations

import csv
from importlib import resources
from pathlib import Path

import pytest

from dateline.geo import Candidate, FakeGazetteer, SqliteGazetteer
from dateline.geo.build import _division_sizes, index_path, write_index
from dateline.geo.context import Context, Fact
from dateline.geo.names import base_key, is_latin, keep_alternate, name_key
from dateline.geo.sources import Entry


@pytest.mark.parametrize("a, b", [
    ("St. Louis", "Saint Louis"), ("Saint-Louis", "saint louis"), ("Ft. Worth", "Fort Worth"),
    ("Mt. Hood", "Mount Hood"), ("São Paulo", "Sao Paulo"), ("the Gambia", "Gambia"), ("U.S.", "US"),
    ("Côte d'Ivoire", "Cote dIvoire"), ("Łódź", "Lodz"), ("  New   York ", "new york"),
    ("W. Va.", "W.Va."), ("N. Y.", "N.Y."),
])
def test_spellings_of_one_name_meet(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize("a, b", [("Paris", "Parys"), ("Georgia", "Georgian"), ("US", "USA"),
                                  ("St. Louis", "StLouis")])
def test_different_names_stay_apart(a: str, b: str) -> None:
    assert name_key(a) != name_key(b)


@pytest.mark.parametrize("name, base", [
    ("Dublin City", "dublin"), ("Dublin", "dublin"), ("New York City", "new york"), ("City", "city"),
    ("Franklin County", "franklin county"), ("Carson City", "carson"), ("City of Norfolk", "norfolk"),
    ("the Town of Dover", "dover"), ("City of", "city of"),
])
def test_a_name_and_its_city_form_share_a_base_key(name: str, base: str) -> None:
    assert base_key(name) == base


def test_a_name_is_no_context_for_its_own_city_form() -> None:
    town = Candidate(1, 1001, "Dublin", "city", "IE", "L", 53.3, -6.3, 1_000_000)
    same = Fact(base_key("Dublin City"), 2, "IE", "L", 53.3, -6.2, "admin2")
    other = Fact(base_key("Cork"), 3, "IE", "M", 51.9, -8.5, "city")
    assert Context([same]).features(town, base_key("Dublin")) == {}
    assert Context([same, other]).features(town, base_key("Dublin"))["context_country"] == 1.0  # Cork


@pytest.mark.parametrize("alt, name, kept", [
    ("Bartella", "Barţalah", True), ("Ḩalab", "Aleppo", True), ("Мосул", "Mosul", False),
    ("PAR", "Paris", False), ("mosul", "Mosul", False), ("Mosul", "Mosul", False), ("", "Mosul", False),
])
def test_alternate_names_kept(alt: str, name: str, kept: bool) -> None:
    assert keep_alternate(alt, name) is kept


def test_latin_script() -> None:
    assert is_latin("Île-de-France") and is_latin("Hələb") and not is_latin("الموصل")


def _entries() -> list[Entry]:
    return [
        Entry("Paris", "city", "FR", 48.85, 2.35, geonameid=2988507, admin1="11", population=2_138_551,
              names=[("Lutetia", "alt")]),
        Entry("Paris", "city", "US", 33.66, -95.56, geonameid=4717560, admin1="TX", population=24_782),
        Entry("Texas", "admin1", "US", 31.0, -100.0, geonameid=4736286, admin1="TX", names=[("TX", "qual")]),
        Entry("France", "country", "FR", 46.0, 2.0, geonameid=3017382, names=[("French", "demonym")]),
    ]


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> SqliteGazetteer:
    path = tmp_path_factory.mktemp("gazetteer") / "index.sqlite"
    write_index(path, _entries())
    return SqliteGazetteer(path)


def test_index_answers_by_folded_name_most_populous_first(index: SqliteGazetteer) -> None:
    found = index.candidates("PARIS")
    assert [(c.geonameid, c.match) for c in found] == [(2988507, "name"), (4717560, "name")]
    assert index.candidates("lutetia")[0].geonameid == 2988507
    assert index.candidates("Atlantis") == []


@pytest.mark.parametrize("name, match, feature", [("TX", "qual", "admin1"), ("French", "demonym", "country")])
def test_index_keeps_how_a_name_matched(index: SqliteGazetteer, name: str, match: str, feature: str) -> None:
    (found,) = index.candidates(name)
    assert (found.match, found.feature) == (match, feature)


def test_index_names_first_level_divisions(index: SqliteGazetteer) -> None:
    assert index.admin1_name("US", "TX") == "Texas"
    assert index.admin1_name("US", "ZZ") is None


def test_fake_answers_like_the_index() -> None:
    paris = Candidate(1, 2988507, "Paris", "city", "FR", "11", 48.85, 2.35, 2_138_551)
    texas = Candidate(2, 4736286, "Texas", "admin1", "US", "TX", 31.0, -100.0)
    fake = FakeGazetteer([(paris, [("Lutetia", "alt")]), (texas, [("TX", "qual")])])
    assert fake.candidates("lutetia")[0].match == "alt"
    assert fake.admin1_name("US", "TX") == "Texas"


def test_index_path_is_under_the_cache_dir_with_user_expanded(tmp_path: Path) -> None:
    assert index_path(str(tmp_path)).parent == tmp_path
    assert "~" not in str(index_path("~/somewhere"))
    assert index_path(str(tmp_path)).name.startswith("gazetteer-")


def _table(name: str) -> list[dict[str, str]]:
    text = (resources.files("dateline") / "data" / name).read_text(encoding="utf-8")
    return list(csv.DictReader([line for line in text.splitlines() if not line.startswith("#")], delimiter="\t"))


def test_regions_table_is_well_formed() -> None:
    rows = _table("regions.tsv")
    assert len(rows) >= 30
    for row in rows:
        assert row["name"].strip() and -90 <= float(row["lat"]) <= 90 and -180 <= float(row["lon"]) <= 180
        assert row["aliases"] is not None, f"{row['name']}: every row has five columns (aliases may be empty)"
        assert row["country"] == "" or (len(row["country"]) == 2 and row["country"].isupper())
    names = [name_key(r["name"]) for r in rows]
    assert len(names) == len(set(names))


def test_abbreviations_table_is_well_formed() -> None:
    regions = {name_key(r["name"]) for r in _table("regions.tsv")}
    seen: dict[str, set[str]] = {}
    for row in _table("place_abbreviations.tsv"):
        assert row["match"] in ("abbr", "qual", "demonym"), row
        head, _, tail = row["target"].partition("/")
        assert (len(head) == 2 and head.isupper()) or head in ("continent", "region"), row
        if head == "region":
            assert name_key(tail) in regions, row
        targets = seen.setdefault(name_key(row["form"]), set())
        # A form may name places in different countries ("SA": South Africa, South Australia) — context
        # decides — but never two places of one country.
        others = {t.partition("/")[0] for t in targets if t != row["target"]}
        assert head not in others, f"{row['form']} has two targets in {head}"
        targets.add(row["target"])


def test_default_index_is_built_once_on_first_use(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import dateline.geo as geo
    from dateline.settings import DEFAULT

    built: list[Path] = []

    def fake_build(path: Path) -> Path:
        built.append(path)
        write_index(path, _entries())
        return path

    monkeypatch.setattr(geo, "build_index", fake_build)
    settings = DEFAULT.replace(cache_dir=str(tmp_path / "cache"))
    first = geo.default_gazetteer(settings)
    assert geo.default_gazetteer(settings) is first and len(built) == 1
    assert built[0].parent == tmp_path / "cache" and first.candidates("Texas")[0].feature == "admin1"


def _division(name: str, kind: str, lat: float, lon: float, code: str = "ENG") -> Entry:
    return Entry(name=name, feature="admin1", country="GB", lat=lat, lon=lon, admin1=code, kind=kind)


def _town(name: str, lat: float, lon: float, people: int, code: str = "ENG") -> Entry:
    return Entry(name=name, feature="city", country="GB", lat=lat, lon=lon, admin1=code, population=people)


def test_divisions_under_one_code_split_its_towns_and_the_head_has_them_all(tmp_path: Path) -> None:
    england, kent, norfolk = (_division("England", "country", 52.5, -1.5), _division("Kent", "county", 51.2, 0.7),
                              _division("Norfolk", "county", 52.6, 1.0))
    scotland, fife = _division("Scotland", "country", 56.5, -4.0, "SCT"), _division("Fife", "county", 56.2, -3.1, "SCT")
    towns = [_town("Canterbury", 51.3, 1.1, 55_000), _town("Norwich", 52.6, 1.3, 140_000),
             _town("Leeds", 53.8, -1.5, 500_000), _town("Dundee", 56.5, -3.0, 150_000, "SCT")]
    _division_sizes([england, kent, norfolk, scotland, fife], towns)
    assert (england.population, scotland.population) == (695_000, 150_000)
    assert (kent.population, norfolk.population, fife.population) == (55_000, 640_000, 150_000)
    write_index(tmp_path / "index.sqlite", [kent, england, norfolk, *towns])
    assert SqliteGazetteer(tmp_path / "index.sqlite").admin1_name("GB", "ENG") == "England"


def test_a_code_without_a_head_kind_has_no_head() -> None:
    a, b = _division("North", "district", 52.0, -1.0), _division("South", "district", 50.0, -1.0)
    _division_sizes([a, b], [_town("Upton", 52.1, -1.0, 1_000), _town("Downton", 50.1, -1.0, 2_000)])
    assert (a.population, b.population) == (1_000, 2_000)


def test_the_divisions_under_a_head_are_second_level() -> None:
    england, kent = _division("England", "country", 52.5, -1.5), _division("Kent", "county", 51.2, 0.7)
    scotland, fife = _division("Scotland", "country", 56.5, -4.0, "SCT"), _division("Fife", "county", 56.2, -3.1, "SCT")
    _division_sizes([england, kent, scotland, fife], [])
    assert [d.feature for d in (england, kent, scotland, fife)] == ["admin1", "admin2", "admin1", "admin2"]
