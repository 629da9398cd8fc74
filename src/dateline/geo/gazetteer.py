"""The gazetteer behind a small interface: :class:`Gazetteer` (a Protocol), the SQLite index and a fake.

A :class:`Candidate` is one place a name may refer to, with how the name matched it (``match``):
``name`` (its own name), ``alt`` (an alternate name), ``abbr`` (a project abbreviation or other name,
usable anywhere), ``qual`` (a short form that names the place only after a comma: "Long Beach, CA") or
``demonym`` ("Kenyan" → Kenya).
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Protocol

from .names import name_key

FEATURES = ("city", "admin1", "admin2", "country", "continent", "region")
MATCHES = ("name", "alt", "abbr", "qual", "demonym")


@dataclass(frozen=True)
class Candidate:
    """One place a name may refer to."""

    pid: int
    geonameid: int | None
    name: str
    feature: str  # one of FEATURES
    country: str | None  # ISO 3166-1 alpha-2; None for continents and regions
    admin1: str | None  # GeoNames admin1 code ("CA", "15"), when known
    lat: float
    lon: float
    population: int = 0
    match: str = "name"  # one of MATCHES
    capital: bool = False  # a national capital
    admin2: str | None = None  # a US town's county (folded name), or a county's own


class Gazetteer(Protocol):
    """What the places stage asks of a gazetteer."""

    def candidates(self, name: str) -> list[Candidate]:
        """Every place ``name`` may refer to (any match kind), most populous first."""
        ...

    def admin1_name(self, country: str, code: str) -> str | None:
        """The name of first-level division ``code`` of ``country``, when known."""
        ...


class SqliteGazetteer:
    """The built index (see :mod:`dateline.geo.build`), read with one connection per thread."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._local = threading.local()
        self._cache: dict[str, list[Candidate]] = {}
        self._admin1: dict[tuple[str, str], str] | None = None

    def _db(self) -> sqlite3.Connection:
        if getattr(self._local, "pid", None) != os.getpid():  # a forked worker opens its own connection
            self._local.db, self._local.pid = None, os.getpid()
        db = self._local.db
        if db is None:
            db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            self._local.db = db
        return db

    def candidates(self, name: str) -> list[Candidate]:
        key = name_key(name)
        if key not in self._cache:
            if len(self._cache) > 50_000:
                self._cache.clear()
            self._cache[key] = self._lookup(key)
        return self._cache[key]

    def _lookup(self, key: str) -> list[Candidate]:
        rows = self._db().execute(
            "SELECT p.pid, p.geonameid, p.name, p.feature, p.country, p.admin1, p.lat, p.lon, p.population,"
            " n.match, p.capital, p.admin2 FROM names n JOIN places p ON p.pid = n.pid WHERE n.key = ?"
            " ORDER BY p.population DESC", (key,)).fetchall()
        return [Candidate(pid, gid, name, feature, country, admin1, lat, lon, population, match, bool(capital),
                          admin2)
                for pid, gid, name, feature, country, admin1, lat, lon, population, match, capital, admin2 in rows]

    def admin1_name(self, country: str, code: str) -> str | None:
        if self._admin1 is None:
            rows = self._db().execute(
                "SELECT country, admin1, name FROM places WHERE feature = 'admin1' AND admin1 IS NOT NULL"
                " ORDER BY population")  # of divisions under one code (England, its counties), the largest
            self._admin1 = {(c, a): n for c, a, n in rows}
        return self._admin1.get((country, code))


class FakeGazetteer:
    """An in-memory gazetteer for tests: places with the names each answers to."""

    def __init__(self, entries: Iterable[tuple[Candidate, Iterable[tuple[str, str]]]]) -> None:
        self._by_key: dict[str, list[Candidate]] = {}
        self._admin1: dict[tuple[str, str], str] = {}
        for place, names in entries:
            for name, match in [(place.name, "name"), *names]:
                self._by_key.setdefault(name_key(name), []).append(replace(place, match=match))
            if place.feature == "admin1" and place.country and place.admin1:
                self._admin1[(place.country, place.admin1)] = place.name

    def candidates(self, name: str) -> list[Candidate]:
        found = self._by_key.get(name_key(name), [])
        return sorted(found, key=lambda c: -c.population)

    def admin1_name(self, country: str, code: str) -> str | None:
        return self._admin1.get((country, code))
