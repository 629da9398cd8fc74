"""What intake hands to the pipeline, and the small interfaces intake reads through.

Every reader (text, HTML, JSONL, feed, WARC, URL, stdin) turns its input into :class:`RawDocument` items,
or into :class:`~dateline.records.ErrorRecord` items for what it could not read, so one bad input never
stops a batch.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol

from ..errors import BinaryInputError, EmptyInputError, EncodingError, TooLargeError


@dataclass(frozen=True)
class RawDocument:
    """One article as read, before normalisation.

    Exactly one of ``text`` (plain text, kept exactly as given) and ``html`` is set, unless intake
    already extracted the body from HTML, in which case ``text`` holds the body and ``from_html`` is True.
    """

    source_id: str
    text: str | None = None
    html: str | None = None
    url: str | None = None
    title: str | None = None
    published: str | None = None  # ISO 8601 as given by metadata, or None
    author: str | None = None
    sitename: str | None = None
    from_html: bool = False
    meta: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class FetchResult:
    """A fetched resource: the final URL after redirects, the status, the body and its declared type."""

    url: str
    status: int
    body: bytes
    content_type: str = ""
    encoding: str | None = None  # charset from the Content-Type header, if any


class Fetcher(Protocol):
    """Fetches a URL. The real one is :class:`dateline.intake.fetch.HttpFetcher`; tests use a fake."""

    def fetch(self, url: str) -> FetchResult:  # raises dateline.errors.FetchError
        ...


def decode_bytes(data: bytes, *, source: str, declared: str | None = None, max_bytes: int | None = None,
                 errors: str = "strict") -> str:
    """Bytes → text: UTF-8 (with or without BOM), else the declared charset, else a detected one.

    Text that is UTF-8 but holds invalid byte sequences is an :class:`~dateline.errors.EncodingError`
    naming the first bad byte, unless ``errors="replace"`` (setting ``encoding_errors``). Text with no valid
    multi-byte sequence at all is taken to be in a legacy single-byte encoding (Latin-1, cp1252) and decoded.
    Raises a clear :class:`~dateline.errors.InputError` for empty, oversized or binary input.
    """
    if max_bytes is not None and len(data) > max_bytes:
        raise TooLargeError(
            f"{len(data):,} bytes is over the limit of {max_bytes:,} (setting max_bytes)", source=source)
    if not data.strip():
        raise EmptyInputError("the input is empty", source=source)
    if _looks_binary(data):
        raise BinaryInputError("the input is binary, not text (it holds NUL or control bytes)", source=source)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        first_bad = exc
    if declared and declared.lower().replace("-", "") not in ("utf8", "utf8sig"):
        try:
            return data.decode(declared)
        except (UnicodeDecodeError, LookupError):
            pass
    if _has_utf8_multibyte(data):
        return _broken_utf8(data, first_bad, source, errors)
    return _detect(data, source)


_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _has_utf8_multibyte(data: bytes) -> bool:
    return _UTF8_MULTIBYTE.search(data) is not None


def _broken_utf8(data: bytes, exc: UnicodeDecodeError, source: str, errors: str) -> str:
    if errors == "replace":
        return data.decode("utf-8", errors="replace")
    raise EncodingError(
        f"the input is UTF-8 with an invalid byte at offset {exc.start} ({data[exc.start:exc.start + 1]!r}); "
        f"fix or re-encode the file, or set encoding_errors = \"replace\" to read it anyway", source=source)


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls > len(head) * 0.05


def _detect(data: bytes, source: str) -> str:
    """A legacy single-byte encoding: Windows-1252 (a superset of Latin-1's printable range), else Latin-1.

    Statistical detectors guess badly on short English texts (a Baltic code page for "François"); news
    in English that is not UTF-8 is in practice Windows-1252 or Latin-1.
    """
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")
