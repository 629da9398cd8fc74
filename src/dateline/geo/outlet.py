"""The outlet's country, a hint for resolution: a local paper's "Springfield" is in its own country.

Given by the setting ``place_home_country``, else read from the article URL's country-code top-level domain
(``bbc.co.uk`` → GB, ``abc.net.au`` → AU) with GeoNames' table of domains. Generic domains (``.com``) and
country codes sold worldwide as vanity names (``.tv``, ``.io``, ``.me`` …) say nothing.
"""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import urlsplit

from .sources import geonames

# Country-code domains widely used by sites with no tie to the country.
_VANITY = frozenset({"ai", "am", "cc", "co", "fm", "gg", "io", "is", "la", "ly", "me", "nu", "sh", "so", "st", "to",
                     "tv", "ws", "gl", "im", "vc"})


def outlet_country(url: str | None, home: str | None = None) -> str | None:
    """ISO alpha-2 code of the outlet's country: ``home`` when given, else the URL's country domain."""
    if home:
        return home.upper()
    if not url:
        return None
    host = (urlsplit(url if "//" in url else f"//{url}").hostname or "").rstrip(".")
    suffix = host.rsplit(".", 1)[-1].lower() if "." in host else ""
    return None if suffix in _VANITY else _domains().get(suffix)


@lru_cache(maxsize=1)
def _domains() -> dict[str, str]:
    return {row["tld"].lstrip(".").lower(): code for code, row in geonames("countries").items() if row.get("tld")}
