"""HTML → article body and metadata, through trafilatura.

:func:`extract_html` turns one HTML page into a :class:`~dateline.intake.source.RawDocument` whose ``text``
is the article body as plain text, one paragraph a line, without navigation, footers, comments or markup.
Title, publication date, author, site name and canonical URL come from the page's metadata.

Whatever goes wrong inside trafilatura or lxml surfaces as a :class:`~dateline.errors.FormatError` with a
message a user can act on, never as a third-party exception.

The trafilatura options were chosen by measurement on the article-extraction-benchmark
(:mod:`dateline.evaluation.extraction`): ``favor_precision`` cuts more boilerplate at almost no cost in
recall; tables stay in (dropping them loses body text); ``deduplicate`` stays off, because trafilatura's
duplicate cache is process-wide and would reject a page seen before.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # trafilatura is imported on first use: plain-text runs never pay for it
    from trafilatura.settings import Document

from ..errors import FormatError
from .source import RawDocument

LOGGER = logging.getLogger(__name__)

EXTRACTION_OPTIONS: dict[str, Any] = {
    "favor_precision": True,
    "include_comments": False,
    "include_tables": True,
    "include_images": False,
    "include_links": False,
    "include_formatting": False,
    "deduplicate": False,
    "with_metadata": True,
}

# A body with fewer words than this is not an article (a nav remnant, a paywall or "enable JavaScript" stub).
MIN_BODY_WORDS = 10

_NO_BODY = ("no article body found in the HTML (the page may be empty, truncated, an index or a "
            "script-rendered page); check the page or supply the article text directly")
_TAG_RE = re.compile(r"<\s*[a-zA-Z!?/]")
_DOCUMENT_TAG_RE = re.compile(r"<\s*(?:html|body)[\s>]", re.IGNORECASE)
_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_BLANK_RUN_RE = re.compile(r"[ \t\u00a0]+")
_WORD_RE = re.compile(r"\w+")
# trafilatura writes tables and lists as Markdown even in plain-text mode; these undo it.
_TABLE_RULE_RE = re.compile(r"^\|(?:\s*:?-+:?\s*\|)+$")
_TABLE_ROW_RE = re.compile(r"^\|(.*)\|$")
_CELL_SPLIT_RE = re.compile(r"(?<!\\)\|")
_LIST_MARKER_RE = re.compile(r"^- +")


def extract_html(html: str, *, source_id: str, url: str | None = None) -> RawDocument:
    """Extract the article body and metadata of one HTML page.

    Raises :class:`FormatError` when the input is empty, is not HTML, or holds no article body.
    """
    _check_markup(html, source_id)
    document = _run_trafilatura(_as_document(html), source_id=source_id, url=url)
    title = _clean(document.title)
    return RawDocument(
        source_id=source_id,
        text=_body_text(document.text, title, source_id),
        url=url or _clean(document.url),
        title=title,
        published=_clean(document.date),
        author=_clean(document.author),
        sitename=_clean(document.sitename),
        from_html=True,
    )


def _check_markup(html: object, source_id: str) -> None:
    """Reject what cannot be an HTML page before handing it to the parser."""
    if not isinstance(html, str):
        raise FormatError(f"expected HTML as text (str), got {type(html).__name__}; decode it first",
                          source=source_id)
    if not html.strip():
        raise FormatError("the HTML input is empty; there is no page to extract an article from",
                          source=source_id)
    if _looks_binary(html):
        raise FormatError("the input holds binary data (NUL or control characters), not an HTML page; "
                          "check the file and its encoding", source=source_id)
    if not _TAG_RE.search(html[:100_000]):
        raise FormatError("the input has no HTML tags; read it as plain text instead of HTML",
                          source=source_id)


def _looks_binary(text: str) -> bool:
    """NUL, or more than 5 % control characters, in the first 8 KiB: the same rule as for bytes intake."""
    head = text[:8192]
    return "\x00" in head or len(_CONTROL_RE.findall(head)) > len(head) * 0.05


def _as_document(html: str) -> str:
    """Wrap a bare fragment (no ``<html>`` or ``<body>``) so trafilatura treats it as a page."""
    if _DOCUMENT_TAG_RE.search(html[:100_000]):
        return html
    return f"<html><body>{html}</body></html>"


def bare_extraction(html: str, **options: Any) -> Any:
    """trafilatura's ``bare_extraction``, imported on first use."""
    from trafilatura import bare_extraction as extract

    return extract(html, **options)


def _run_trafilatura(html: str, *, source_id: str, url: str | None) -> Document:
    """Call trafilatura, turning its failures (exceptions or an empty result) into :class:`FormatError`."""
    from trafilatura.settings import Document

    try:
        document = bare_extraction(html, url=url, **EXTRACTION_OPTIONS)
    except Exception as exc:  # trafilatura and lxml raise many types; none may escape
        LOGGER.debug("trafilatura failed on %s", source_id, exc_info=True)
        raise FormatError(f"the HTML could not be parsed ({type(exc).__name__}: {exc}); "
                          "check that the page is complete", source=source_id) from exc
    if not isinstance(document, Document):
        raise FormatError(_NO_BODY, source=source_id)
    return document


def _body_text(text: str | None, title: str | None, source_id: str) -> str:
    """The body as plain text: paragraphs stripped, blank ones dropped, one per line, no repeated headline."""
    plain = (_plain_line(_BLANK_RUN_RE.sub(" ", raw).strip()) for raw in (text or "").splitlines())
    lines = _drop_repeated_title([line for line in plain if line], title)
    body = "\n".join(lines)
    if len(_WORD_RE.findall(body)) < MIN_BODY_WORDS:
        LOGGER.debug("body of %s too short: %r", source_id, body[:200])
        raise FormatError(_NO_BODY, source=source_id)
    return body


def _plain_line(line: str) -> str:
    """One output line without Markdown: a table row becomes tab-separated cells, a list item loses its dash."""
    if _TABLE_RULE_RE.match(line):
        return ""
    row = _TABLE_ROW_RE.match(line)
    if row:
        cells = (cell.strip().replace("\\|", "|") for cell in _CELL_SPLIT_RE.split(row.group(1)))
        return "\t".join(cell for cell in cells if cell)
    return _LIST_MARKER_RE.sub("", line)


def _drop_repeated_title(lines: list[str], title: str | None) -> list[str]:
    """Drop a first line that repeats the headline: the title is kept apart, in ``RawDocument.title``."""
    if title and len(lines) > 1 and lines[0].casefold() == " ".join(title.split()).casefold():
        return lines[1:]
    return lines


def _clean(value: object) -> str | None:
    """A metadata value as a stripped string, or None when absent or blank."""
    if not isinstance(value, str):
        return None
    return value.strip() or None
