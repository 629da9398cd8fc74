"""RSS and Atom feeds → :class:`~dateline.intake.source.RawDocument` items, one per entry.

Each entry becomes one document. With a :class:`~dateline.intake.source.Fetcher`, the page an entry links
to is fetched and becomes the document's HTML; if that fails, the entry's own content (or summary) stands
in when it holds enough text, else the entry becomes an :class:`~dateline.records.ErrorRecord`. Without a
fetcher, the entry's content or summary is the document. One bad entry never stops the feed.

Error records name the feed (``source``) as their source; the message names the entry (numbered from 1).
"""

from __future__ import annotations

import html
import io
import logging
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import feedparser

from ..errors import DatelineError, FetchError, FormatError, InputError
from ..records import ErrorInfo, ErrorRecord
from ..settings import Settings
from .source import Fetcher, RawDocument, decode_bytes

logger = logging.getLogger(__name__)

# A feed's own content stands in for an unfetchable page only when it holds at least this much text:
# shorter content is a teaser, not the article.
MIN_FALLBACK_CHARS = 200
_SNIFF_BYTES = 1024

_TAG = re.compile(r"<[A-Za-z!/?][^>]*>")
_MARKUP = re.compile(r"<[A-Za-z!/?][^>]*>|&(?:#\d+|#x[0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);")
_PROLOG = re.compile(r"(?:\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>\[]*(?:\[.*?\])?\s*>)*", re.S)
_ROOT = re.compile(r"<(rss|feed|rdf:RDF)[\s>/]")
_ATOM_NAMESPACES = ("http://www.w3.org/2005/Atom", "http://purl.org/atom/ns#")


@dataclass(frozen=True)
class _Feed:
    """What every entry of one feed is read with."""

    source: str
    fetcher: Fetcher | None
    settings: Settings
    sitename: str | None


def looks_like_feed(data: bytes) -> bool:
    """True when the first ~1 KB of ``data`` opens an RSS, Atom or RSS 1.0 (RDF) document."""
    text = _head_text(data[:_SNIFF_BYTES])
    prolog = _PROLOG.match(text)  # matches always, if only the empty string
    match = _ROOT.match(text, prolog.end() if prolog else 0)
    if match is None:
        return False
    return match.group(1) != "feed" or any(ns in text for ns in _ATOM_NAMESPACES)


def read_feed(data: bytes, *, source: str, fetcher: Fetcher | None = None,
              settings: Settings) -> Iterator[RawDocument | ErrorRecord]:
    """The entries of the RSS/Atom feed in ``data`` as documents, or error records for those unreadable.

    Input that is not a feed at all gives one error record (kind ``format``).
    """
    parsed = _parse(data, source)
    if not parsed.entries and (parsed.bozo or not parsed.get("version")):
        complaint = parsed.get("bozo_exception") or "no RSS or Atom root element"
        yield _error_record(FormatError(f"the input is not an RSS or Atom feed ({complaint})"), source)
        return
    if parsed.bozo:
        logger.warning("%s: the feed is malformed (%s); reading its %d entries anyway",
                       source, parsed.get("bozo_exception"), len(parsed.entries))
    feed = _Feed(source, fetcher, settings, parsed.feed.get("title") or None)
    for number, entry in enumerate(parsed.entries, start=1):
        yield _read_entry(entry, number, feed)


def _parse(data: bytes, source: str) -> Any:
    # Always a stream: feedparser treats bytes/str as a file name or URL to open if it can.
    headers = {"content-location": source} if source.startswith(("http://", "https://")) else None
    return feedparser.parse(io.BytesIO(data), response_headers=headers)


def _read_entry(entry: Any, number: int, feed: _Feed) -> RawDocument | ErrorRecord:
    link = entry.get("link") or None
    body = _inline_body(entry)
    if not link and not body:
        return _error_record(
            FormatError(f"feed entry {number} has neither a link nor any content"), feed.source)
    fields = _entry_fields(entry, number, feed)
    if link and feed.fetcher is not None:
        return _fetched_entry(feed.fetcher, link, body, number, fields, feed)
    return _inline_document(body or "", fields)


def _fetched_entry(fetcher: Fetcher, link: str, body: str | None, number: int, fields: dict[str, Any],
                   feed: _Feed) -> RawDocument | ErrorRecord:
    try:
        page, final_url = _fetch_page(fetcher, link, feed.settings)
    except (FetchError, InputError) as exc:
        if body and len(_plain_text(body)) >= MIN_FALLBACK_CHARS:
            logger.info("%s: entry %d: fetching %s failed (%s); using the feed's content",
                        feed.source, number, link, exc.message)
            return _inline_document(body, fields)
        message = f"feed entry {number} ({link}): {exc.message}"
        return ErrorRecord(error=ErrorInfo(kind=exc.kind, message=message, source=feed.source))
    return RawDocument(html=page, **{**fields, "url": final_url or link})


def _fetch_page(fetcher: Fetcher, link: str, settings: Settings) -> tuple[str, str]:
    """The decoded page at ``link`` and its final URL; raises FetchError or InputError."""
    result = fetcher.fetch(link)
    if result.status >= 400:
        raise FetchError(f"HTTP status {result.status}", source=link)
    media_type = result.content_type.split(";")[0].strip().lower()
    if media_type and "html" not in media_type and not media_type.startswith("text/"):
        raise FetchError(f"the linked page is {media_type}, not HTML", source=link)
    text = decode_bytes(result.body, source=link, declared=result.encoding, max_bytes=settings.max_bytes)
    return text, result.url


def _entry_fields(entry: Any, number: int, feed: _Feed) -> dict[str, Any]:
    """RawDocument keyword arguments from the entry's metadata (everything but the body)."""
    return {
        "source_id": entry.get("id") or entry.get("link") or f"{feed.source}#{number}",
        "url": entry.get("link") or None,
        "title": entry.get("title") or None,
        "published": _iso_date(entry),
        "author": entry.get("author") or None,
        "sitename": feed.sitename,
    }


def _iso_date(entry: Any) -> str | None:
    # dict.get, not entry.get: feedparser warns (DeprecationWarning) when `updated_parsed` is read on an
    # entry that only has `published_parsed`.
    parsed = dict.get(entry, "published_parsed") or dict.get(entry, "updated_parsed")
    if not isinstance(parsed, time.struct_time):
        return None
    return time.strftime("%Y-%m-%dT%H:%M:%S+00:00", parsed)  # feedparser normalises to UTC


def _inline_body(entry: Any) -> str | None:
    """The entry's own content, else its summary; None when both are missing or blank."""
    for item in entry.get("content") or ():
        value = item.get("value")
        if value and value.strip():
            return str(value)
    summary = entry.get("summary")
    return str(summary) if summary and summary.strip() else None


def _inline_document(body: str, fields: dict[str, Any]) -> RawDocument:
    if _MARKUP.search(body):
        return RawDocument(html=body, **fields)
    return RawDocument(text=body, **fields)


def _plain_text(markup: str) -> str:
    return " ".join(html.unescape(_TAG.sub(" ", markup)).split())


def _head_text(head: bytes) -> str:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", errors="ignore")
    return head.removeprefix(b"\xef\xbb\xbf").decode("utf-8", errors="ignore")


def _error_record(exc: DatelineError, source: str) -> ErrorRecord:
    return ErrorRecord(error=ErrorInfo(kind=exc.kind, message=exc.message, source=source))
