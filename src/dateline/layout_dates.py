"""Dates for the layout stage: the date stamp printed at the top of a news text, and the date in a URL.

Recognition is by regular expressions built from the tables below (month names and abbreviations, weekdays,
labels such as "Published:", time-zone abbreviations); every date found is validated with :mod:`datetime`.
Numeric day/month forms are taken only when they cannot be read two ways (one of the numbers is above 12).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS: tuple[str, ...] = (
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "mon", "tues", "tue", "wed", "thurs", "thur", "thu", "fri", "sat", "sun",
)
# Words a site prints before its date stamp ("Published: 25 October 2016", "Updated on Oct. 25, 2016").
DATE_LABELS: tuple[str, ...] = ("last updated", "first published", "published", "posted", "updated", "dated",
                                "date")
# Time-zone abbreviations after a time; None where the abbreviation names more than one offset.
ZONE_OFFSETS: dict[str, str | None] = {
    "GMT": "+00:00", "UTC": "+00:00", "Z": "+00:00", "BST": "+01:00", "CET": "+01:00", "CEST": "+02:00",
    "EET": "+02:00", "EEST": "+03:00", "MSK": "+03:00", "EST": "-05:00", "EDT": "-04:00", "CDT": "-05:00",
    "MST": "-07:00", "MDT": "-06:00", "PST": "-08:00", "PDT": "-07:00", "JST": "+09:00", "KST": "+09:00",
    "SGT": "+08:00", "HKT": "+08:00", "AEST": "+10:00", "AEDT": "+11:00", "WIB": "+07:00",
    "CST": None, "IST": None, "ET": None, "CT": None, "PT": None, "MT": None,
}
YEARS = range(1900, 2101)
DATE_WINDOW = 160  # a date stamp is never longer: only this much of a line is examined


def _alternatives(words: Iterable[str]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


_NOT_LETTER = r"(?![^\W\d_])"
_MONTH = rf"(?i:{_alternatives(MONTHS)}){_NOT_LETTER}\.?"
WEEKDAY = rf"(?:(?i:{_alternatives(WEEKDAYS)}){_NOT_LETTER}\.?,?\s+)?"
_ORD = r"(?:st|nd|rd|th)?"
# A day and month without a year, as datelines print them ("Oct 25", "25 October", "Tuesday, Oct. 25").
DAY_MONTH = rf"{WEEKDAY}(?:{_MONTH}\s*\d{{1,2}}{_ORD}|\d{{1,2}}{_ORD}\s+{_MONTH})(?:,?\s*\d{{4}})?"
_LABEL = rf"(?:(?i:{_alternatives(DATE_LABELS)})(?:\s+on)?\s*:?\s*)?"
_DATE = (
    rf"(?P<m1>{_MONTH})\s*(?P<d1>\d{{1,2}}){_ORD}(?:,\s*|\s+)(?P<y1>\d{{4}})(?!\d)"
    rf"|(?P<d2>\d{{1,2}}){_ORD}\.?\s+(?:of\s+)?(?P<m2>{_MONTH}),?\s+(?P<y2>\d{{4}})(?!\d)"
    r"|(?P<y3>\d{4})(?P<s3>[-/.])(?P<m3>\d{1,2})(?P=s3)(?P<d3>\d{1,2})(?!\d)"
    r"|(?P<a4>\d{1,2})(?P<s4>[-/.])(?P<b4>\d{1,2})(?P=s4)(?P<y4>\d{4})(?!\d)"
)
_TIME = (
    r"(?:(?:\s*[,|/–—-]\s*|\s+(?i:at)\s+|\s+|T)"
    r"(?P<hh>\d{1,2})[:.h](?P<mi>\d{2})(?::(?P<ss>\d{2}))?(?!\d)"
    r"(?:\s*(?P<ap>(?i:[ap]\.?\s?m\.?))(?![a-z]))?"
    rf"(?:\s*\(?(?P<tz>(?:GMT|UTC)[+-]\d{{1,2}}(?::?\d{{2}})?|[+-]\d{{2}}:?\d{{2}}|{_alternatives(ZONE_OFFSETS)})"
    r"\)?(?![a-z]))?)?"
)
_TOP_DATE_RE = re.compile(rf"{_LABEL}(?P<stamp>(?P<day>{WEEKDAY}(?:{_DATE})){_TIME})")
_NUMERIC_ZONE_RE = re.compile(r"(?:GMT|UTC)?([+-])(\d{1,2}?):?(\d\d)?")
_URL_DATE_RES: tuple[re.Pattern[str], ...] = (
    re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)/(?P<m>\d{1,2}|[A-Za-z]{3,9})/(?P<d>\d{1,2})(?![\d])"),
    re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)[-_](?P<m>\d\d)[-_](?P<d>\d\d)(?!\d)"),
    re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)(?P<m>\d\d)(?P<d>\d\d)(?!\d)"),
)


@dataclass(frozen=True)
class DateMatch:
    """A date stamp found in the text: its ISO value and where it is (without any "Published:" label)."""

    iso: str
    start: int
    end: int
    labelled: bool = False  # a label such as "Published:" stood before it


def match_date(text: str, start: int, end: int) -> DateMatch | None:
    """The date stamp that begins at ``start`` (optionally after a label), within ``text[:end]``."""
    m = _TOP_DATE_RE.match(text, start, min(end, start + DATE_WINDOW))
    if m is None:
        return None
    day = _iso_day(m)
    if day is None:
        return None
    clock, labelled = _iso_time(m), m.start("stamp") > start
    if not clock:  # no time, or not a valid one: the stamp ends with the day
        return DateMatch(day, m.start("stamp"), m.end("day"), labelled)
    return DateMatch(day + clock, m.start("stamp"), m.end("stamp"), labelled)


def fills_line(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` is nothing but a date stamp (with an optional label)."""
    found = match_date(text, start, end)
    return found is not None and not text[found.end:end].strip()


def _iso_day(m: re.Match[str]) -> str | None:
    if m["y1"]:
        return _valid_day(int(m["y1"]), _month(m["m1"]), int(m["d1"]))
    if m["y2"]:
        return _valid_day(int(m["y2"]), _month(m["m2"]), int(m["d2"]))
    if m["y3"]:
        return _valid_day(int(m["y3"]), int(m["m3"]), int(m["d3"]))
    first, second = int(m["a4"]), int(m["b4"])
    if first > 12 >= second:
        return _valid_day(int(m["y4"]), second, first)
    if second > 12 >= first:
        return _valid_day(int(m["y4"]), first, second)
    return None  # 05/06/2016: day and month cannot be told apart


def _month(name: str) -> int:
    return MONTHS.get(name.lower().rstrip("."), 0)


def _valid_day(year: int, month: int, day: int) -> str | None:
    if year not in YEARS:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _iso_time(m: re.Match[str]) -> str | None:
    """'THH:MM[:SS][+HH:MM]', '' when no time was given, None when the time given is not a valid one."""
    if m["hh"] is None:
        return ""
    hour, minute, second = int(m["hh"]), int(m["mi"]), int(m["ss"] or 0)
    if m["ap"]:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if m["ap"].lower().startswith("p") else 0)
    if hour > 23 or minute > 59 or second > 59:
        return None
    clock = f"T{hour:02d}:{minute:02d}" + (f":{second:02d}" if m["ss"] else "")
    return clock + (_offset(m["tz"]) or "")


def _offset(zone: str | None) -> str | None:
    if zone is None or zone in ZONE_OFFSETS:
        return ZONE_OFFSETS.get(zone or "")
    m = _NUMERIC_ZONE_RE.fullmatch(zone)
    if m is None or int(m[2]) > 14 or int(m[3] or 0) > 59:
        return None
    return f"{m[1]}{int(m[2]):02d}:{int(m[3] or 0):02d}"


def published_from_url(url: str | None) -> str | None:
    """The date in a URL path (``/2016/10/25/``, ``/2016/oct/25/``, ``/2016-10-25/``, ``20161025``) as ISO."""
    if not url:
        return None
    try:
        path = urlsplit(url).path
    except ValueError:
        path = url
    for pattern in _URL_DATE_RES:
        for m in pattern.finditer(path):
            month = int(m["m"]) if m["m"].isdigit() else _month(m["m"])
            found = _valid_day(int(m["y"]), month, int(m["d"]))
            if found:
                return found
    return None


__all__ = ["DateMatch", "match_date", "fills_line", "published_from_url", "DAY_MONTH", "WEEKDAY"]
