"""Score :func:`dateline.actors.describe_actor` on the PLOVER gold-standard records (``PLOVER_GSR_CAMEO.jsonl``).

Each record holds a sentence (``text``) and ``source``/``target`` lists of actors ``{actorText, code, sector?}``.
Every gold actor with a ``code`` is described with ``describe_actor(actorText, context=text)``:

* ``code`` is a three-letter state code (ISO alpha-3, with the few CAMEO spellings in :data:`CAMEO_TO_ISO`)
  or a code that names no state (``IGO``, ``NGO``, ``IMG``, ``ISM``, …): the gold country is then none.
  Country accuracy is the share of actors whose predicted country equals the gold one (both none counts).
* ``sector`` is CAMEO-style and may carry an ethnic or religious suffix (``CVLalb``, ``REBkur``); its first
  three letters, upper-cased, are the sector (:data:`SECTOR_SPELLINGS` maps a misspelling). ``***`` means
  "unknown" and is left out. Sector accuracy is over actors with a gold sector.

The data are read at run time; nothing from them is stored in the project.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from ..actors import describe_actor
from ..errors import InputError
from ..lexicon import alpha3

LOGGER = logging.getLogger(__name__)

GOLD_FILE = "PLOVER_GSR_CAMEO.jsonl"
# CAMEO country codes that differ from ISO 3166-1 alpha-3.
CAMEO_TO_ISO = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM", "ROM": "ROU", "ZAR": "COD", "TMP": "TLS", "GER": "DEU",
                "BAN": "BGD", "UKG": "GBR"}
SECTOR_SPELLINGS = {"CIV": "CVL"}  # CAMEO's civilian code is CVL; "CIV" appears as a slip in the gold file
UNKNOWN_SECTOR = "***"
MAX_ERRORS = 20


def evaluate_actors(path: str | Path) -> dict[str, Any]:
    """Describe every coded gold actor in ``path`` (the JSONL file or its folder); a JSON-ready summary."""
    gold = _gold_file(Path(path))
    countries = set(alpha3().values())
    n = country_hits = sector_n = sector_hits = 0
    errors: list[dict[str, Any]] = []
    for sentence, actor in _actors(gold):
        info = describe_actor(str(actor["actorText"]), context=sentence)
        want_country = gold_country(str(actor["code"]), countries)
        want_sector = gold_sector(actor.get("sector"))
        n += 1
        country_ok = info.country == want_country
        country_hits += country_ok
        sector_ok = want_sector is None or info.sector == want_sector
        if want_sector is not None:
            sector_n += 1
            sector_hits += sector_ok
        if not (country_ok and sector_ok) and len(errors) < MAX_ERRORS:
            errors.append({"actor": actor["actorText"], "gold": [want_country, want_sector],
                           "predicted": [info.country, info.sector]})
    LOGGER.info("described %d gold actors", n)
    return {"actors": n, "country_accuracy": round(country_hits / n, 4) if n else 0.0,
            "sector_accuracy": round(sector_hits / sector_n, 4) if sector_n else 0.0, "sector_n": sector_n,
            "errors": errors}


def gold_country(code: str, countries: set[str]) -> str | None:
    """A gold ``code`` as an ISO alpha-3 state, or None for a code that names no state (IGO, NGO, …)."""
    code = CAMEO_TO_ISO.get(code.upper(), code.upper())
    return code if code in countries else None


def gold_sector(sector: object) -> str | None:
    """A gold ``sector`` as a PLOVER sector: its first three letters, upper-cased; None when absent or ``***``."""
    if not isinstance(sector, str) or not sector.strip() or sector.strip() == UNKNOWN_SECTOR:
        return None
    head = sector.strip()[:3].upper()
    return SECTOR_SPELLINGS.get(head, head)


def _gold_file(path: Path) -> Path:
    gold = path / GOLD_FILE if path.is_dir() else path
    if not gold.is_file():
        raise InputError(f"gold file {str(gold)!r} does not exist; point it at {GOLD_FILE} or its folder",
                         source=str(gold))
    return gold


def _actors(gold: Path) -> Iterator[tuple[str, Mapping[str, Any]]]:
    """(sentence, actor) for every source and target actor that has a code."""
    try:
        lines = gold.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(f"cannot read {gold}: {exc}", source=str(gold)) from exc
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError as exc:
            raise InputError(f"{gold}:{number} is not JSON: {exc}", source=str(gold)) from exc
        for role in ("source", "target"):
            actors = record.get(role)
            for actor in actors if isinstance(actors, list) else ():
                if isinstance(actor, Mapping) and actor.get("code") and actor.get("actorText"):
                    yield str(record.get("text") or ""), actor
