"""Resolving one temporal expression against the publication date: pure functions over text and dates.

:func:`resolve` reads a mention ("Tuesday", "last week", "between 3 and 5 May", "25 October 2016") and gives
a :class:`Resolution`: an ISO value (day ``YYYY-MM-DD``, month ``YYYY-MM``, year ``YYYY`` or an interval
``start/end``) and its granularity. The forms are tried in order by regular expressions; dateparser reads only
the numeric dates no pattern here covers ("25/10/2016"), imported on first use and cached.

The tense of the sentence chooses the direction of an expression that does not say it: ``past`` takes the
nearest such day or month on or before publication, ``future`` on or after it; ``present`` (also: unknown)
treats weekdays as past, takes the nearest year-less day and, for a bare month, the one in the publication
year. Without a publication date, relative expressions stay unresolved (value None); absolute ones resolve.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Literal

from ..layout_dates import MONTHS

Tense = Literal["past", "present", "future"]
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8}

_M = rf"\b(?P<{{g}}>{'|'.join(sorted(MONTHS, key=len, reverse=True))})\b"
_WD = rf"(?P<wd>{'|'.join(WEEKDAYS)})\b"
_N = rf"(?P<n>\d+|{'|'.join(NUMBERS)})"
_TH = r"(?:st|nd|rd|th)?"
_TO = r"\s*(?:-|to|and|until|till|through|thru)\s*"
_UNIT = r"(?P<unit>day|week|fortnight|month|year|decade)s?"

_AGE = re.compile(rf"\b(?:\d+|{'|'.join(NUMBERS)})(?:-(?:year|month|week|day|hour|minute)s?(?:-old)?|"
                  r" (?:year|month|week)s? old)\b|\baged? \d")
_DURATION = re.compile(
    rf"(?:(?:for|about|around|nearly|almost|over|some|several|few|many|more than|less than|at least|up to|the|"
    rf"a|an|of|couple|\d+|{'|'.join(NUMBERS)})\s+)*(?:second|minute|hour|day|night|week|fortnight|month|year|"
    r"decade|centur(?:y|ie))s?")
_FREQUENCY = re.compile(r"(?:daily|weekly|monthly|annual|annually|yearly|nightly|hourly|every|each)\b")
_DAYS = {"day": 1, "week": 7, "fortnight": 14}
_GRANULARITY = {"day": "day", "week": "week", "fortnight": "week", "month": "month", "year": "year", "decade": "year"}
_HOW = {"last": "last", "past": "last", "previous": "last", "next": "next", "coming": "next"}


@dataclass(frozen=True)
class Resolution:
    value: str | None
    granularity: str | None
    forward: bool = False  # the words point after publication: "next", "tomorrow", "in two weeks"
    absolute: bool = False  # the text states the year


@dataclass(frozen=True)
class _Ctx:
    pub: date | None
    tense: Tense


def normalise(text: str) -> str:
    """Lower case, plain quotes and hyphens, no possessive, no period after a month abbreviation."""
    t = text.lower().replace("’", "'").replace("–", "-").replace("—", "-")
    t = re.sub(r"'s\b", "", t)
    t = re.sub(r"\b(jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.", r"\1", t)
    t = re.sub(r"\b(?:end|start|beginning|rest|middle|remainder) of the (week|month|year)\b", r"this \1", t)
    return re.sub(r"\s+", " ", t).strip(" .,;:")


def not_a_point(text: str) -> bool:
    """Ages ("55-year-old"), pure durations ("three days", "for years") and frequencies ("annual")."""
    t = normalise(text)
    return bool(_AGE.search(t) or _DURATION.fullmatch(t) or _FREQUENCY.match(t))


def ordinal_period(text: str) -> tuple[int, str] | None:
    """ "the second week" → (2, "week"): a period counted from the start of something the text names."""
    m = re.search(rf"\b({'|'.join(ORDINALS)}|\d+(?:st|nd|rd|th)) (day|week)\b", normalise(text))
    if m is None:
        return None
    word = m.group(1)
    return ORDINALS.get(word) or int(word[:-2]), m.group(2)


def resolve(text: str, published: date | None, tense: Tense = "present") -> Resolution:
    """The value of one temporal expression; Resolution(None, ...) when it cannot be placed."""
    ctx = _Ctx(published, tense)
    found = _first_rule(normalise(text), ctx)
    return _checked(found[1], ctx) if found else Resolution(None, None)


def is_range(text: str) -> bool:
    """True when the text reads as a range of days, months or years ("3 to 5 May", "2010-2014")."""
    found = _first_rule(normalise(text), _Ctx(None, "present"))
    return found is not None and found[0] in _RANGE_HANDLERS


def _first_rule(text: str, ctx: _Ctx) -> tuple[Handler, Resolution] | None:
    for pattern, handler in _RULES:
        m = pattern.search(text)
        if m is not None and (res := handler(m, ctx)) is not None:
            return handler, res
    return None


def start_of(value: str) -> date:
    first = value.split("/")[0]
    return date(int(first[:4]), int(first[5:7] or 1), int(first[8:10] or 1))


def end_of(value: str) -> date:
    last = value.split("/")[-1]
    if len(last) == 4:
        return date(int(last), 12, 31)
    if len(last) == 7:
        y, m = _add_months(int(last[:4]), int(last[5:7]), 1)
        return date(y, m, 1) - timedelta(days=1)
    return date.fromisoformat(last)


def _checked(res: Resolution, ctx: _Ctx) -> Resolution:
    """The guarantee: in a past-tense sentence nothing relative lands after publication."""
    if res.value is None or ctx.pub is None or res.forward or res.absolute or ctx.tense != "past":
        return res
    return res if start_of(res.value) <= ctx.pub else Resolution(None, res.granularity)


# ---- calendar arithmetic ------------------------------------------------------------------------------
def _day(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _add_months(y: int, m: int, n: int) -> tuple[int, int]:
    k = y * 12 + m - 1 + n
    return k // 12, k % 12 + 1


def _choose(options: list[date], pub: date, tense: Tense) -> date | None:
    if tense == "past":
        return max((d for d in options if d <= pub), default=None)
    if tense == "future":
        return min((d for d in options if d >= pub), default=None)
    return min(options, key=lambda d: (abs((d - pub).days), d > pub), default=None)


def _year_less(pub: date, month: int, day: int, tense: Tense) -> date | None:
    return _choose([d for y in range(pub.year - 4, pub.year + 5) if (d := _day(y, month, day))], pub, tense)


def _month_near(pub: date, month: int, tense: Tense) -> tuple[int, int]:
    if tense == "present":
        return pub.year, month
    first = date(pub.year, month, 1)
    here = date(pub.year, pub.month, 1)
    if tense == "past":
        return (pub.year if first <= here else pub.year - 1), month
    return (pub.year if first >= here else pub.year + 1), month


def _weekday(pub: date, wd: int, how: str) -> date:
    back, ahead = (pub.weekday() - wd) % 7, (wd - pub.weekday()) % 7
    if how == "last":
        return pub - timedelta(days=back or 7)
    if how == "next":
        return pub + timedelta(days=ahead or 7)
    return pub + timedelta(days=ahead) if how == "future" else pub - timedelta(days=back)


def _week(d: date) -> str:
    monday = d - timedelta(days=d.weekday())
    return f"{monday}/{monday + timedelta(days=6)}"


def _weekend(pub: date, how: str) -> str:
    saturday = pub - timedelta(days=(pub.weekday() - 5) % 7)  # on or before
    if how == "last":
        saturday -= timedelta(days=7 if pub.weekday() >= 5 else 0)
    elif how == "next" or (how == "future" and pub.weekday() < 5):
        saturday += timedelta(days=7)
    return f"{saturday}/{saturday + timedelta(days=1)}"


def _shift(pub: date, n: int, unit: str) -> Resolution:
    """The day, week, month or year ``n`` units from publication (negative: back)."""
    d = _move(pub, n, unit)
    if unit == "day":
        return Resolution(str(d), "day")
    if unit in _DAYS:
        return Resolution(_week(d), "week")
    if unit == "month":
        return Resolution(f"{d.year:04d}-{d.month:02d}", "month")
    return Resolution(f"{d.year:04d}", "year")


def _move(pub: date, n: int, unit: str) -> date:
    """``pub`` moved by ``n`` units (negative: back); a missing day of month falls back to the month's last."""
    if unit in _DAYS:
        return pub + timedelta(days=n * _DAYS[unit])
    y, m = _add_months(pub.year, pub.month, n * {"month": 1, "year": 12, "decade": 120}[unit])
    return next(d for day in range(pub.day, 27, -1) if (d := _day(y, m, day))) if pub.day > 28 else date(y, m, pub.day)


def _number(word: str) -> int:
    return int(word) if word.isdigit() else NUMBERS[word]


# ---- rules: (pattern, handler); a handler returns None to let later rules try ----------------------------
Handler = Callable[[re.Match[str], _Ctx], Resolution | None]


def _full(m: re.Match[str], ctx: _Ctx) -> Resolution | None:
    """A day with its year: "2016-10-25", "Oct. 25, 2016", "25 October 2016"."""
    month = int(m["mo"]) if m.groupdict().get("mo") else MONTHS[m["m"]]
    d = _day(int(m["y"]), month, int(m["d"]))
    return Resolution(str(d), "day", absolute=True) if d else None


def _month_year(m: re.Match[str], ctx: _Ctx) -> Resolution | None:
    return Resolution(f"{m['y']}-{MONTHS[m['m']]:02d}", "month", absolute=True)


def _day_month(m: re.Match[str], ctx: _Ctx) -> Resolution | None:
    if not 1 <= int(m["d"]) <= 31:
        return None
    d = _year_less(ctx.pub, MONTHS[m["m"]], int(m["d"]), ctx.tense) if ctx.pub else None
    return Resolution(str(d) if d else None, "day")


def _day_range(m: re.Match[str], ctx: _Ctx) -> Resolution | None:
    """A past range ends on or before publication; any other starts where a single day would."""
    m1, m2 = MONTHS[m.groupdict().get("m1") or m["m"]], MONTHS[m["m"]]
    d1, d2 = int(m["d1"]), int(m["d2"])
    if m["y"]:
        first, last = _day(int(m["y"]) - (m2 < m1), m1, d1), _day(int(m["y"]), m2, d2)
    elif ctx.pub is None:
        return Resolution(None, "day")
    elif ctx.tense == "past":
        last = _year_less(ctx.pub, m2, d2, "past")
        first = _day(last.year - (m2 < m1), m1, d1) if last else None
    else:
        first = _year_less(ctx.pub, m1, d1, ctx.tense)
        last = _day(first.year + (m2 < m1), m2, d2) if first else None
    if first is None or last is None or first > last:
        return None
    return Resolution(f"{first}/{last}", "day", absolute=bool(m["y"]))


def _month_range(m: re.Match[str], ctx: _Ctx) -> Resolution | None:
    m1, m2 = MONTHS[m["m1"]], MONTHS[m["m"]]
    y1, y2 = (int(m[g]) if m[g] else None for g in ("y1", "y"))
    if y2 is None and ctx.pub is not None:
        if ctx.tense == "past":
            y2 = _month_near(ctx.pub, m2, "past")[0]
        else:
            y1 = _month_near(ctx.pub, m1, ctx.tense)[0]
            y2 = y1 + (m2 < m1)
    if y2 is None:
        return Resolution(None, "month")
    y1 = y1 if y1 is not None else y2 - (m2 < m1)
    return Resolution(f"{y1:04d}-{m1:02d}/{y2:04d}-{m2:02d}", "month", absolute=m["y"] is not None)


def _year_range(m: re.Match[str], ctx: _Ctx) -> Resolution | None:
    y1, tail = int(m[1]), m[2]
    y2 = int(tail) if len(tail) == 4 else y1 // 100 * 100 + int(tail)
    return Resolution(f"{y1}/{y2}", "year", absolute=True) if y1 < y2 else None


def _decade(m: re.Match[str], ctx: _Ctx) -> Resolution | None:
    y = int(m[1]) * 10
    return Resolution(f"{y}/{y + 9}", "year", absolute=True)


def _relative_day(offset: int) -> Handler:
    def handler(m: re.Match[str], ctx: _Ctx) -> Resolution | None:
        value = str(ctx.pub + timedelta(days=offset)) if ctx.pub else None
        return Resolution(value, "day", forward=offset > 0)

    return handler


def _offset(sign: int) -> Handler:
    """ "three days ago" (sign -1), "in two weeks" (sign 1)."""
    def handler(m: re.Match[str], ctx: _Ctx) -> Resolution | None:
        if ctx.pub is None:
            return Resolution(None, _GRANULARITY[m["unit"]], forward=sign > 0)
        res = _shift(ctx.pub, sign * _number(m["n"]), m["unit"])
        return Resolution(res.value, res.granularity, forward=sign > 0)

    return handler


def _period(m: re.Match[str], ctx: _Ctx) -> Resolution | None:
    """ "the past two weeks" → from that far back to publication; "the next three days" → ahead."""
    n, unit, ahead = _number(m["n"] or "1"), m["unit"], m["dir"] in ("next", "coming")
    if ctx.pub is None:
        return Resolution(None, "day", forward=ahead)
    if ahead:
        return Resolution(f"{ctx.pub}/{_move(ctx.pub, n, unit)}", "day", forward=True)
    return Resolution(f"{_move(ctx.pub, -n, unit)}/{ctx.pub}", "day")


def _calendar(m: re.Match[str], ctx: _Ctx) -> Resolution | None:
    """ "last week", "this month", "next year", "this weekend", "the weekend"."""
    how = _HOW.get(m["dir"] or "")
    unit, forward = m["unit"], how == "next"
    if ctx.pub is None:
        return Resolution(None, "day" if unit == "weekend" else unit, forward=forward)
    if unit == "weekend":
        return Resolution(_weekend(ctx.pub, how or ctx.tense), "day", forward=forward)
    res = _shift(ctx.pub, {"last": -1, "next": 1}.get(how or "", 0), unit)
    return Resolution(res.value, res.granularity, forward=forward)


def _weekday_rule(m: re.Match[str], ctx: _Ctx) -> Resolution | None:
    how = _HOW.get(m["dir"] or "", ctx.tense)
    if ctx.pub is None:
        return Resolution(None, "day", forward=how == "next")
    how = "past" if how == "present" else how
    return Resolution(str(_weekday(ctx.pub, WEEKDAYS.index(m["wd"]), how)), "day", forward=how == "next")


def _month_rule(m: re.Match[str], ctx: _Ctx) -> Resolution | None:
    month, how = MONTHS[m["m"]], m.groupdict().get("dir")
    if ctx.pub is None:
        return Resolution(None, "month", forward=how in ("next", "coming"))
    if how in ("last", "next", "coming"):
        y = ctx.pub.year - (month >= ctx.pub.month) if how == "last" else ctx.pub.year + (month <= ctx.pub.month)
        return Resolution(f"{y:04d}-{month:02d}", "month", forward=how != "last")
    y, mo = _month_near(ctx.pub, month, ctx.tense)
    return Resolution(f"{y:04d}-{mo:02d}", "month")


def _ordinal(m: re.Match[str], ctx: _Ctx) -> Resolution | None:
    return Resolution(None, m[2])


def _year(m: re.Match[str], ctx: _Ctx) -> Resolution | None:
    return Resolution(m[1], "year", absolute=True)


def _numeric(m: re.Match[str], ctx: _Ctx) -> Resolution | None:
    """ "25/10/2016": read by dateparser when only one reading is possible (one number is above 12)."""
    if int(m[1]) <= 12 and int(m[2]) <= 12 and m[1] != m[2]:
        return Resolution(None, "day", absolute=True)
    found = _dateparser(m[0])
    return Resolution(found, "day", absolute=True) if found else None


@lru_cache(maxsize=1024)
def _dateparser(text: str) -> str | None:
    from dateparser.date import DateDataParser  # slow to import: only when a numeric date needs it

    parser = DateDataParser(languages=["en"], settings={"STRICT_PARSING": True, "PREFER_DATES_FROM": "past"})
    data = parser.get_date_data(text)
    return data.date_obj.date().isoformat() if data.date_obj else None


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern.replace("{M}", _M.format(g="m")).replace("{M1}", _M.format(g="m1")))


_RANGE_HANDLERS = (_day_range, _month_range, _year_range)
_RULES: tuple[tuple[re.Pattern[str], Handler], ...] = tuple((_rx(p), h) for p, h in (
    (r"\b(?P<y>\d{4})-(?P<mo>\d{1,2})-(?P<d>\d{1,2})\b", _full),
    (rf"\b(?P<d1>\d{{1,2}}){_TH}{_TO}(?P<d2>\d{{1,2}}){_TH} (?:of )?{{M}}(?:,? (?P<y>\d{{4}}))?", _day_range),
    (rf"{{M}} (?P<d1>\d{{1,2}}){_TH}{_TO}(?P<d2>\d{{1,2}}){_TH}\b(?:,? (?P<y>\d{{4}}))?", _day_range),
    (rf"{{M1}} (?P<d1>\d{{1,2}}){_TH}{_TO}{{M}} (?P<d2>\d{{1,2}}){_TH}\b(?:,? (?P<y>\d{{4}}))?", _day_range),
    (rf"\b(?P<d1>\d{{1,2}}){_TH} {{M1}}{_TO}(?P<d2>\d{{1,2}}){_TH} {{M}}(?:,? (?P<y>\d{{4}}))?", _day_range),
    (rf"{{M1}}(?: (?P<y1>\d{{4}}))?{_TO}{{M}}(?:,? (?P<y>\d{{4}}))?", _month_range),
    (rf"\b((?:1[5-9]|20)\d\d){_TO}(\d{{4}}|\d\d)\b(?![/.]\d)", _year_range),
    (r"\b(1[5-9]\d|20\d)0s\b", _decade),
    (rf"{{M}} (?P<d>\d{{1,2}}){_TH},? (?P<y>\d{{4}})\b", _full),
    (rf"\b(?P<d>\d{{1,2}}){_TH} (?:of )?{{M}},? (?P<y>\d{{4}})\b", _full),
    (r"{M},? (?:of )?(?P<y>\d{4})\b", _month_year),
    (rf"{{M}} (?P<d>\d{{1,2}}){_TH}\b", _day_month),
    (rf"\b(?P<d>\d{{1,2}}){_TH} (?:of )?{{M}}", _day_month),
    (r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b", _numeric),
    (r"\bday before yesterday\b", _relative_day(-2)),
    (r"\bday after tomorrow\b", _relative_day(2)),
    (r"\b(?:yesterday|last night)\b", _relative_day(-1)),
    (r"\b(?:today|tonight|this (?:morning|afternoon|evening))\b", _relative_day(0)),
    (r"\btomorrow\b", _relative_day(1)),
    (rf"\b{_N} {_UNIT} ago\b", _offset(-1)),
    (rf"\bin {_N} {_UNIT}(?:'? time)?$", _offset(1)),
    (rf"\bthe (?P<dir>past|last|previous|next|coming) {_N} {_UNIT}\b", _period),
    (r"\bthe (?P<dir>past|last|coming) (?P<n>)(?P<unit>day|week|fortnight|month|year)\b(?! of)", _period),
    (r"\b(?:(?P<dir>last|this|next|coming|past|previous) |the )(?P<unit>week|weekend|month|year)\b(?! of)",
     _calendar),
    (rf"\b(?:(?P<dir>last|this|next|coming|past) )?{_WD}", _weekday_rule),
    (r"\b(?P<dir>last|this|next|coming) {M}", _month_rule),
    (r"{M}", _month_rule),
    (rf"\b({'|'.join(ORDINALS)}|\d+(?:st|nd|rd|th)) (day|week)\b", _ordinal),
    (r"\b((?:1[5-9]|20)\d\d)\b", _year),
))
