"""The layout of a news text: title, published date, dateline, headings, paragraphs and the credits line.

The text is never changed. What the layout finds is recorded as :class:`~dateline.records.Annotation` spans
(character offsets into the exact text), plus the offsets where a glued run must be split into two tokens
("…, 2016The siege") and the offsets that must begin a sentence. Every rule is a general one about how news
is laid out; the tables it uses are the constants below. Work is linear in the length of the text: every
regular expression is anchored and reads a bounded stretch of one line.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import NamedTuple

from . import tables
from .layout_dates import DAY_MONTH, DateMatch, fills_line, match_date, published_from_url
from .records import Annotation, Dateline
from .settings import Settings

logger = logging.getLogger(__name__)

SENTENCE_END = ".!?…。！？"
CLOSING_QUOTES = "\"'”’»›"
OPENING_QUOTES = "\"'“‘«‹„‚"
HEADING_FINAL = SENTENCE_END + ";,:" + CLOSING_QUOTES  # a line ending in one of these is a sentence, not a heading
PROSE_WORDS = 20  # a line of this many words is running text
PROSE_FACTOR = 2  # ... and so is a line this many times longer than the heading candidate beside it
MAX_LINE_CHECK = 400  # title, dateline and credits are looked for only in this much of a line
KNOWN_AGENCIES = frozenset(a.casefold() for a in (
    "AFP", "AP", "Reuters", "Reuter", "dpa", "EFE", "ANSA", "Xinhua", "TASS", "KNA", "epd", "AA", "UPI",
    "PTI", "IANS", "ANI", "Kyodo", "Jiji", "Yonhap", "Bernama", "Anadolu", "APA", "SDA", "Belga", "ANP",
    "PAP", "CTK", "MTI", "BTA", "Lusa", "HINA", "Tanjug", "Agerpres", "Interfax", "RIA", "RIA Novosti",
    "Sputnik", "IRNA", "KUNA", "WAM", "SPA", "MENA", "SANA", "QNA", "Petra", "Antara", "AAP", "CP",
    "NTB", "TT", "STT", "Ritzau", "Notimex", "Prensa Latina", "Europa Press", "Bloomberg", "CNN", "BBC",
    "NPR", "DW", "KCNA", "Agencies", "Associated Press", "Agence France-Presse",
    "Deutsche Presse-Agentur", "Press Trust of India", "Kyodo News", "Anadolu Agency", "Canadian Press",
    "Australian Associated Press",
))
# All-caps words that open a paragraph like a dateline place but are labels ("BREAKING: ...").
NOT_PLACES = frozenset({
    "BREAKING", "UPDATE", "UPDATED", "UPDATES", "EXCLUSIVE", "ANALYSIS", "OPINION", "EDITORIAL", "COMMENT",
    "WATCH", "VIDEO", "PHOTOS", "PHOTO", "LIVE", "CORRECTED", "CORRECTION", "FACTBOX", "REFILE", "URGENT",
    "FLASH", "ALERT", "NOTE", "EDITOR'S", "EDITORS", "WARNING", "INTERVIEW", "REVIEW", "READ", "RELATED",
    "ADVERTISEMENT", "SPONSORED", "FEATURE", "Q&A", "FAQ", "BY", "AND", "THE", "RPT",
})
# Short lines that are page furniture or bylines, not section headings.
NON_HEADING_RE = re.compile(r"(?i:by|read more|read also|see also|related|photo|image|video|watch|listen|"
                            r"advertisement|subscribe|sign up|share|follow us|click)\b")
BYLINE_RE = re.compile(r"By\s+[^\W\d_]")  # "By Jane Doe": never the title
PREAMBLE_WORDS = 12  # one line of at most this many words may stand above the date stamp or the dateline

# a dash or colon (also the C1 codes \x96 and \x97: en and em dash of text decoded as Latin-1 instead of
# Windows-1252); after an agency in brackets also nothing but a space or the line's end ("ATLANTA (AP) An aide")
_SEP = r"(?P<sep>\s*(?:--|[—–:\x96\x97])|\s+-(?=\s|$)|(?<=\))\s*-|(?<=\))(?=[ \t]+[^\W\d_a-z]|[ \t]*(?:\n|$)))"
_STRONG_SEPARATORS = ("—", "–", ":", "--", "\x96", "\x97")  # after a place not in capitals: a dateline only
# when the place is a known one (a country or a large city), never before a plain hyphen
_DATELINE_RE = re.compile(rf"(?P<head>[^()\n—–:]{{0,80}}?)(?:\s*\((?P<agency>[^()\n]{{1,40}})\))?{_SEP}")
_NAME_PREFIX = r"(?:Ma?c|D[eiu]|L[ae])"  # written in lower case in a name in capitals: "DeKALB", "McALLEN"
_CAPS = rf"{_NAME_PREFIX}?[^\W\d_a-z][^\s,a-z]*"
_REGION = r"[^\W\d_a-z][\w.'’&-]*"
_HEAD_RE = re.compile(rf"(?P<caps>{_CAPS}(?:\s+{_CAPS}){{0,3}})"
                      rf"(?:,\s*(?P<region>{_REGION}(?:\s+{_REGION}){{0,2}}))?(?:,?\s*{DAY_MONTH})?\s*")
_MIXED_HEAD_RE = re.compile(rf"(?P<caps>{_REGION}(?:\s+(?:{_REGION}|de|del|la|el|al|es|of)){{0,3}})"
                            rf"(?:,\s*(?P<region>{_REGION}(?:\s+{_REGION}){{0,2}}))?(?:,?\s*{DAY_MONTH})?\s*")
_INITIALS = r"[a-z]{1,5}(?:\s*[/,]\s*[a-z]{1,5})*"
_PAREN_CREDITS_RE = re.compile(rf"(?P<byline>{_INITIALS})?\s*\((?P<list>[^()]{{1,200}})\)")
_DASH_CREDITS_RE = re.compile(r"(?:--?|[—–])\s*(?P<list>[^()]{1,100})")
_REPORTING_RE = re.compile(r"\(?(?P<list>(?:(?i:additional\s+)?(?i:reporting|writing|editing|compiled|"
                           r"reported|research)\s+by\s+[^()]+))\)?")
_ITEM_SPLIT_RE = re.compile(r"\s*[,/;]\s*|\s+and\s+")
_ACRONYM_RE = re.compile(r"[A-Z]{2,6}\d{0,2}")  # "KUNA", a station: "ABC7", "NBC4"
_CAMEL_RE = re.compile(r"[A-Z][a-z]+(?:[A-Z][a-z]+)+")  # one word of several capitalised parts: "AsiaNews"
_PHRASE_RE = re.compile(r"[A-Z][\w.&'’-]*(?:\s+(?:of|de|du|la|der|des|[A-Z][\w.&'’-]*)){0,3}")
# The first sentence of a line with a capital after it: a title run into the body ("Fire destroys barn. SALEM —")
_RUN_IN_RE = re.compile(r"[^\n]{8,300}?[.!?][\"'”’]?[ \t]+(?=[^\W\d_a-z])")
_SENTENCE_END = tuple(SENTENCE_END)
_HEADING_FINAL = tuple(HEADING_FINAL)
_AFTER_DATE_RE = re.compile(r"\s*(?:[|:–—-]+\s*)?")
_NAME_TAIL_RE = re.compile(r"\s+(?:in|at|from|for|with)\s.*$")


@dataclass(frozen=True)
class Layout:
    """What :func:`analyse_layout` found; every offset indexes the text it was given."""

    title: str | None = None
    published: str | None = None
    dateline: Dateline | None = None
    credits: tuple[str, ...] = ()
    byline: str | None = None
    headings: tuple[str, ...] = ()
    annotations: tuple[Annotation, ...] = ()
    splits: tuple[int, ...] = ()
    sentence_starts: tuple[int, ...] = ()


class _Line(NamedTuple):
    start: int
    end: int
    text: str


def analyse_layout(text: str, *, settings: Settings, title: str | None = None) -> Layout:
    """The layout of ``text``; ``title`` is the title from HTML metadata, when there is one."""
    lines = _split_lines(text)
    found_title, title_i = _find_title(lines, title, settings)
    first = 0 if title_i is None else title_i + 1
    stamp = _find_published(text, lines, first)
    date_i, date, body_at = stamp if stamp else (None, None, None)
    own_line = date_i if body_at is None else None  # the date fills its line
    credits_i = _credits_line(lines, {title_i, own_line})
    credits, byline = _parse_credits(lines[credits_i].text) if credits_i is not None else ((), None)
    body = [i for i in range(first, len(lines)) if i not in (own_line, credits_i)]
    starts = {i: lines[i].start for i in body}  # where each body paragraph begins
    if date_i is not None and body_at is not None:
        starts[date_i] = body_at
    dateline, dateline_i = _find_dateline(text, lines, body, starts)
    skip = {title_i, own_line, credits_i, dateline_i, *body[:1]}
    heads = [i for i in body if i not in skip and _is_heading(text, lines, i, settings.heading_max_words)]
    notes = _annotations(lines, starts, title_i, date, dateline, heads, credits_i)
    splits = (date.end,) if date and body_at == date.end else ()
    layout = Layout(
        title=found_title, published=date.iso if date else None, dateline=dateline, credits=credits,
        byline=byline, headings=tuple(lines[i].text for i in heads), annotations=notes, splits=splits,
        sentence_starts=tuple(sorted({line.start for line in lines} | set(starts.values()))))
    logger.debug("layout: title=%r published=%s dateline=%s credits=%s headings=%d", layout.title,
                 layout.published, dateline, credits, len(heads))
    return layout


def _split_lines(text: str) -> list[_Line]:
    """The non-empty lines, each trimmed of surrounding whitespace (so a "\\r" before "\\n" is left out)."""
    lines: list[_Line] = []
    pos = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            lines.append(_Line(pos + lead, pos + lead + len(stripped), stripped))
        pos += len(raw) + 1
    return lines


def _find_title(lines: list[_Line], given: str | None, settings: Settings) -> tuple[str | None, int | None]:
    if given is not None and given.strip():
        norm = " ".join(given.split())
        same = bool(lines) and " ".join(lines[0].text.split()).casefold() == norm.casefold()
        return norm, (0 if same else None)
    if len(lines) < 2:
        return None, None
    first = lines[0].text
    if (len(first) > settings.title_max_chars or _ends_statement(first) or BYLINE_RE.match(first)
            or not any(c.isalpha() for c in first) or fills_line(first, 0, len(first))
            or _only_dateline(first, 0, len(first)) or _opens_with_dateline(first)):
        return None, None
    return first, 0


def _opens_with_dateline(line: str) -> bool:
    """A first line that opens with a known place in capitals and goes straight on is the body wrapped at the
    line's end ("DETROIT The U.S. Transportation Department on Wednesday issued … makers of"), not a title; a
    title may open with a place and a colon ("Sudan: Talks resume in the capital")."""
    found = _bare_dateline(line, 0, len(line))
    return found is not None and bool(line[found.end:].strip())


def _ends_sentence(line: str) -> bool:
    return line.rstrip(CLOSING_QUOTES + ")]").endswith(_SENTENCE_END)


def _ends_statement(line: str) -> bool:
    """Ends like a sentence of running text; headlines may end in "?" or "!" ("Could rivalry end?")."""
    return _ends_sentence(line) and not line.rstrip(CLOSING_QUOTES + ")]").endswith(("?", "!"))


def _is_preamble(line: str) -> bool:
    """A short line ("By Jane Doe", a kicker, a question headline) that may stand above the date or dateline."""
    return len(line.split(None, PREAMBLE_WORDS)) <= PREAMBLE_WORDS


def _find_published(text: str, lines: list[_Line], first: int) -> tuple[int, DateMatch, int | None] | None:
    """(line, date, where the body goes on after it on its line, or None when nothing of the body does)."""
    for i, line in enumerate(lines[first:first + 2], start=first):
        date = match_date(text, line.start, line.end)
        if date is not None:
            body = _body_after_date(text, date.end, line.end)
            if body is not None or date.labelled or date.end >= line.end:
                return i, date, body  # a labelled stamp ("Posted on … by admin") is taken whatever follows
        if not _is_preamble(line.text):
            break
    return None


def _body_after_date(text: str, end: int, line_end: int) -> int | None:
    """Where the body starts after a date stamp: glued to it, or after a space or a separator."""
    if end >= line_end:
        return None
    if text[end].isalpha():
        return end  # "October 25, 2016The siege": the glue the split repairs
    m = _AFTER_DATE_RE.match(text, end, line_end)
    body = m.end() if m else end
    if body == end or body >= line_end:
        return None
    return body if text[body].isupper() or text[body] in OPENING_QUOTES else None


def _find_dateline(text: str, lines: list[_Line], body: list[int],
                   starts: dict[int, int]) -> tuple[Dateline | None, int | None]:
    for i in body[:3]:
        found = _match_dateline(text, starts[i], lines[i].end) or _run_in_dateline(text, starts[i], lines[i].end) \
            or _after_byline(text, starts[i], lines[i].end) or _bare_dateline(text, starts[i], lines[i].end)
        if found is not None:
            return found, i
        line = text[starts[i]:lines[i].end]
        if not (_is_preamble(line) or _CAPTION_RE.search(line)):
            break
    return None, None


# A photo caption above the story ends with its credit: "… (AP Photo/Ron Schwane)", "(Photo: Jane Doe)".
_CAPTION_RE = re.compile(r"\((?:[^()\n]{0,40}\s)?(?i:photo|photograph|picture|image)s?\b[^()\n]{0,80}\)\s*$")


_DATE_ONLY_RE = re.compile(DAY_MONTH)


def _match_dateline(text: str, start: int, end: int) -> Dateline | None:
    """``BAGHDAD (Reuters) -``, ``BEIRUT, Oct 25 (Reuters) —``, ``LONDON —``, ``(Reuters) -`` at ``start``;
    a place not in capitals only before an agency (``Hanoi (VNA) –``, ``Washington (CNN)`` on its own line)."""
    m = _DATELINE_RE.match(text, start, min(end, start + MAX_LINE_CHECK))
    if m is None:
        return None
    agency = m["agency"].strip() if m["agency"] else None
    if agency is not None and _DATE_ONLY_RE.fullmatch(agency):
        agency = None  # "Edmonton, Ky. (November 28, 2016) –": the filing day in brackets
    level = _agency_level(agency) + (len(agency.split()) > 1) if agency is not None else 0
    if agency is not None and level < 2:
        return None  # "(file)", "(updated)": not an agency
    head = m["head"].strip()
    place = _place(head, capitals=agency is None)
    if place is None and agency is None and head and m["sep"].strip() in _STRONG_SEPARATORS:
        place = _place(head, capitals=False, known=True)  # "Kuala Lumpur: Malaysian police …"
    if place is None and (agency is None or head):
        return None
    return Dateline(place=place, agency=agency, start=start, end=m.end("sep"))


def inner_datelines(text: str) -> list[Dateline]:
    """The datelines that open later stories of a page that runs several ("… disclosure statements. SAN DIEGO
    (AP) - The U.S. …", "\nSPRINGFIELD - The city …"): a place in capitals, an agency in brackets or not, and a
    dash, at the start of a line or of a sentence. The article's own dateline is among them when it is written
    so."""
    out = []
    for m in _STORY_START_RE.finditer(text):
        window = min(len(text), m.end() + MAX_LINE_CHECK)
        line_end = text.find("\n", m.end(), window)
        found = _match_dateline(text, m.end(), line_end if line_end >= 0 else window)
        if found is None or found.place is None:
            continue
        town = found.place.split(",")[0]
        if len(town) > 2 and in_capitals(town):
            out.append(found)
    return out


# Where a later story may start: a line's start, or after a sentence's end and a space, before a capital, with an
# agency in brackets and a dash ahead, or a name in capitals and a dash.
_STORY_START_RE = re.compile(r"(?:^|(?<=\n)|(?<=[.!?\"”’)]))[ \t]*"
                             r"(?=[^\W\d_a-z]{2}[^()\n]{0,60}\([^()\n]{1,40}\)\s*[-—–]"
                             r"|[^\W\d_a-z]{2}(?:[^\W\d_a-z]|[ .'’]){0,30}(?:,[^()\n]{1,30})?[ \t]*(?:--|[—–]|-[ \t]))",
                             re.MULTILINE)


def _run_in_dateline(text: str, start: int, end: int) -> Dateline | None:
    """A dateline after a first sentence on the same line, where a title or byline was run into the body
    ("Council backs budget. SALEM — The council …"); only a place in capitals."""
    m = _RUN_IN_RE.match(text, start, min(end, start + MAX_LINE_CHECK))
    if m is None:
        return None
    found = _match_dateline(text, m.end(), end)
    return found if found is not None and found.place is not None and in_capitals(found.place.split(",")[0]) \
        else None


# "By " and names, agencies, "and", "of", commas: no sentence's words
_BYLINE_WORDS_RE = re.compile(r"By\s+(?:(?:[^\W\d_a-z][\w'’.&-]*|and|of|the|for),?\s+){0,12}")
_CAPS_WORD_RE = re.compile(r"(?<=\s)(?=[^\W\d_a-z]{2}|" + _NAME_PREFIX + r"[^\W\d_a-z]{2})")


def _after_byline(text: str, start: int, end: int) -> Dateline | None:
    """A dateline after a byline on the same line ("By JANE DOE and JOHN ROE, Associated Press WASHINGTON (AP)
    —"): the first word in capitals from which a dateline in capitals follows, whose region (if any) is a
    known one (so that a reporter's name in capitals is never its place)."""
    if not BYLINE_RE.match(text, start):
        return None
    stop = min(end, start + MAX_LINE_CHECK)
    for m in _CAPS_WORD_RE.finditer(text, start, stop):
        if not _BYLINE_WORDS_RE.fullmatch(text, start, m.start()):
            return None  # past the byline: a sentence
        found = _match_dateline(text, m.start(), stop)
        if found is None or found.place is None:
            continue
        town, _, region = found.place.partition(",")
        if in_capitals(town) and (not region or tables.is_known_region(region)):
            return found
    return None


# A place in capitals opening the body with no separator at all, the first sentence right after it; a known
# region after a comma may stand between them ("AUSTIN, Texas A white nationalist …").
_BARE_RE = re.compile(r"(?P<caps>[^\W\d_a-z][^\W\d_a-z.'’-]+(?:[ \t]+[^\W\d_a-z][^\W\d_a-z.'’-]+){0,2})"
                      r"(?:,[ \t]*(?P<region>[^\W\d_a-z][\w.'’-]*(?:[ \t]+[^\W\d_a-z][\w.'’-]*)?))?[ \t]+"
                      r"(?=[^\W\d_a-z](?:[^\W\d_A-Z]|[ \t]+[^\W\d_A-Z]))")
MIN_BARE_LETTERS = 4


def _bare_dateline(text: str, start: int, end: int) -> Dateline | None:
    """ "SAN ANTONIO Turner Sports analyst …": a known country or city of at least 100,000 people written in
    capitals, with no separator (a known region may follow after a comma), before a capitalised word that
    starts the first sentence."""
    m = _BARE_RE.match(text, start, min(end, start + MAX_LINE_CHECK))
    if m is None or sum(c.isalpha() for c in m["caps"]) < MIN_BARE_LETTERS:
        return None
    if m["region"] and not tables.is_known_region(m["region"]):
        return None
    place = _place(m["caps"], known=True)
    if place is None:
        return None
    last = m.end("region") if m["region"] else m.end("caps")
    return Dateline(place=text[start:last] if m["region"] else place, agency=None, start=start, end=last)


def _only_dateline(text: str, start: int, end: int) -> bool:
    found = _match_dateline(text, start, end)
    return found is not None and not text[found.end:end].strip()


_PREFIXED_RE = re.compile(rf"\b{_NAME_PREFIX}(?=[^\W\d_a-z]{{2}})")


def in_capitals(text: str) -> bool:
    """Written in capitals, a name's lower-case prefix allowed ("DeKALB", "McALLEN", "LaGRANGE")."""
    return _PREFIXED_RE.sub(lambda m: m[0].upper(), text).isupper()


def _place(head: str, *, capitals: bool = True, known: bool = False) -> str | None:
    """The place of a dateline head ("SAN JOSÉ, Costa Rica, Oct 25" → "SAN JOSÉ, Costa Rica"), or None;
    in capitals unless ``capitals`` is false (then capitalised words will do: "Kuala Lumpur"), and with
    ``known`` only a country, continent or city of at least 100,000 people by that name."""
    m = (_HEAD_RE if capitals else _MIXED_HEAD_RE).fullmatch(head) if head else None
    if m is None or (known and not tables.is_known_place(m["caps"])):
        return None
    caps = m["caps"]
    words = caps.split()
    if capitals and not in_capitals(caps):
        return None
    if sum(c.isalpha() for c in caps) < 2 or words[0].replace("’", "'").upper() in NOT_PLACES:
        return None
    region = m["region"]
    if region and not all(w[0].isupper() for w in region.split()):
        return None
    return head[m.start("caps"):m.end("region")] if region else caps  # as written: "SAN JOSÉ,Costa Rica"


def _credits_line(lines: list[_Line], taken: set[int | None]) -> int | None:
    last = len(lines) - 1
    if last < 0 or last in taken or len(lines[last].text) > MAX_LINE_CHECK:
        return None
    return last if _parse_credits(lines[last].text) != ((), None) else None


def _parse_credits(line: str) -> tuple[tuple[str, ...], str | None]:
    """(agencies, byline) of a wire credits line; ((), None) when the line is not one."""
    m = _PAREN_CREDITS_RE.fullmatch(line)
    if m and (items := _agencies(m["list"], minimum=1)):
        return items, m["byline"].strip() if m["byline"] else None
    m = _DASH_CREDITS_RE.fullmatch(line)
    if m and (items := _agencies(m["list"], minimum=2)):
        return items, None
    if items := _agencies(line, minimum=3):
        return items, None
    m = _REPORTING_RE.fullmatch(line)
    return ((), _reporters(m["list"])) if m else ((), None)


def _agencies(text: str, *, minimum: int) -> tuple[str, ...]:
    """The agency names of a list ("AFP, Reuters, AP, dpa") when every item is at least ``minimum``."""
    items = [item.strip() for item in _ITEM_SPLIT_RE.split(text.strip())]
    levels = [_agency_level(item) for item in items]
    if not items or min(levels) < minimum:
        return ()
    if minimum == 1 and max(levels) < 2 and any(len(item.split()) < 2 for item in items):
        return ()  # "(Updated)": one capitalised word is a credit only beside a known agency or acronym
    return tuple(items)


def _agency_level(item: str) -> int:
    """3 a known agency, 2 an acronym ("KUNA"), 1 a capitalised phrase ("Getty Images"), 0 anything else."""
    if item.casefold() in KNOWN_AGENCIES:
        return 3
    if _ACRONYM_RE.fullmatch(item) or _CAMEL_RE.fullmatch(item):
        return 2
    return 1 if len(item) <= 40 and _PHRASE_RE.fullmatch(item) else 0


def _reporters(text: str) -> str | None:
    """The names in "Reporting by A in Baghdad and B; Editing by C" → "A, B, C"."""
    names = []
    for clause in text.split(";"):
        _, _, after = clause.partition(" by ")
        for name in _ITEM_SPLIT_RE.split(after.strip()):
            name = _NAME_TAIL_RE.sub("", name).strip()
            if name[:1].isupper():
                names.append(name)
    return ", ".join(names) or None


def _is_heading(text: str, lines: list[_Line], i: int, max_words: int) -> bool:
    """A short unpunctuated line after a finished paragraph and before running text.

    Requiring running text after it (:func:`_is_prose`) keeps poems, lists and tables of short lines free of
    headings; requiring a finished sentence before it keeps out the short last line of a hard-wrapped one.
    """
    line = lines[i].text
    if i + 1 >= len(lines) or not _heading_shape(line, max_words):
        return False
    after = lines[i + 1].text
    if not (after[0].isupper() or after[0].isdigit() or after[0] in OPENING_QUOTES):
        return False  # the next line goes on with the same sentence
    if not (_is_prose(after, line) and _ends_sentence(lines[i - 1].text)):
        return False
    return not (NON_HEADING_RE.match(line) or fills_line(line, 0, len(line))
                or _only_dateline(text, lines[i].start, lines[i].end))


def _heading_shape(line: str, max_words: int) -> bool:
    """Short, starts with a capital or a digit, has letters, no quote mark first and no punctuation last."""
    if len(line) > MAX_LINE_CHECK or not 0 < len(line.split()) <= max_words or line.endswith(_HEADING_FINAL):
        return False
    first = line[0]
    return (first.isupper() or first.isdigit()) and any(c.isalpha() for c in line)


def _is_prose(other: str, line: str) -> bool:
    return len(other) >= PROSE_FACTOR * len(line) or len(other.split(None, PROSE_WORDS)) >= PROSE_WORDS


def _annotations(lines: list[_Line], starts: dict[int, int], title_i: int | None, date: DateMatch | None,
                 dateline: Dateline | None, heads: list[int], credits_i: int | None
                 ) -> tuple[Annotation, ...]:
    kinds = {title_i: "title", credits_i: "credits"} | dict.fromkeys(heads, "heading")
    notes = [Annotation(kinds.get(i, "paragraph"), starts[i] if i in starts else line.start, line.end)
             for i, line in enumerate(lines) if i in starts or i in kinds]
    if date is not None:
        notes.append(Annotation("published", date.start, date.end))
    if dateline is not None:
        notes.append(Annotation("dateline", dateline.start, dateline.end))
    return tuple(sorted(notes, key=lambda a: (a.start, -a.end, a.kind)))


__all__ = ["Layout", "analyse_layout", "published_from_url"]
