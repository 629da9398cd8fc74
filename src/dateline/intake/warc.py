"""WARC files (plain or gzipped) → :class:`~dateline.intake.source.RawDocument` items.

Every ``response`` record holding an HTML page fetched with status 200 becomes a document whose
``source_id`` and ``url`` are the record's WARC-Target-URI; the WARC-Date goes into ``meta["fetched"]``.
Every other record (request, metadata, warcinfo, revisit, non-HTML, non-200) is skipped.

warcio reads truncated files silently (a record cut short simply ends early), so this module checks for
itself: gzip is decompressed here with :mod:`gzip`, which raises on a cut or damaged stream, and every
record is checked to hold as many bytes as its Content-Length says. A truncated or corrupt file gives the
documents read up to the damage, then one error record (kind ``format``). A record whose body cannot be
used (over ``max_bytes``, binary, undecodable) gives an error record and reading goes on. An empty input
gives one error record (kind ``empty``) rather than nothing, so an empty file does not pass unnoticed.

Error records name the WARC file (``source``) as their source; the message names the record (numbered
from 1, counting every record in the file) and its URI.
"""

from __future__ import annotations

import gzip
import io
import logging
import re
import zlib
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, BinaryIO

from ..errors import DatelineError, EmptyInputError, FormatError, InputError, TooLargeError
from ..records import ErrorInfo, ErrorRecord
from ..settings import Settings
from .source import RawDocument, decode_bytes

if TYPE_CHECKING:
    from warcio.archiveiterator import ArchiveIterator

logger = logging.getLogger(__name__)

_GZIP_MAGIC = b"\x1f\x8b"
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHARSET = re.compile(r"""charset\s*=\s*["']?([^"';\s]+)""", re.I)
_CHUNK = 65536


class _CorruptError(Exception):
    """The WARC stream is cut short or damaged; reading cannot go on."""


class _Stream:
    """A forward-only reader over ``head`` then ``rest``, counting what it hands out.

    Errors from a gzip layer underneath (cut or damaged data) come out as :class:`_CorruptError`; warcio
    would take an ``EOFError`` for the normal end of the file.
    """

    def __init__(self, rest: Any, head: bytes = b"") -> None:
        self._head = head
        # GzipFile.read(n) gathers n bytes before returning and loses them when the stream breaks off on the
        # way; read1 hands over what it has, so every whole record before a cut still comes through.
        self._read = rest.read1 if isinstance(rest, gzip.GzipFile) else rest.read
        self._pos = 0

    def read(self, size: int | None = -1) -> bytes:
        size = -1 if size is None else size
        data, self._head = (self._head, b"") if size < 0 else (self._head[:size], self._head[size:])
        if size < 0 or len(data) < size:
            try:
                data += self._read(size if size < 0 else size - len(data))
            except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
                raise _CorruptError(f"the gzip stream is cut short or damaged ({exc})") from exc
        self._pos += len(data)
        return data

    def tell(self) -> int:
        return self._pos

    def seek(self, offset: int, whence: int = 0) -> int:
        raise io.UnsupportedOperation("a WARC stream is read forward only")


def looks_like_warc(head: bytes) -> bool:
    """True when ``head`` (the first few hundred bytes of a file) starts a WARC file, plain or gzipped."""
    if head.startswith(_GZIP_MAGIC):
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 64)
        except zlib.error:
            return False
    return head.startswith(b"WARC/")


def read_warc(stream: BinaryIO, *, source: str, settings: Settings) -> Iterator[RawDocument | ErrorRecord]:
    """The HTML pages archived in the WARC file ``stream`` as documents; error records for the rest."""
    head = _read_head(stream)
    if not head:
        yield _error_record(EmptyInputError("the WARC file is empty"), source)
        return
    gzipped = gzip.GzipFile(fileobj=_Stream(stream, head), mode="rb") if head == _GZIP_MAGIC else None
    try:
        yield from _read_records(_Stream(gzipped or stream, b"" if gzipped else head), source, settings)
    finally:
        if gzipped is not None:
            gzipped.close()


def _read_records(reader: _Stream, source: str, settings: Settings) -> Iterator[RawDocument | ErrorRecord]:
    from warcio.archiveiterator import ArchiveIterator  # on first use: warcio takes 30 ms to import

    records = ArchiveIterator(reader)
    complete = 0
    errors = _warc_errors()
    try:
        for record in _parsed(records, errors):
            item = _read_record(record, complete + 1, source, settings)
            complete += 1
            if item is not None:
                yield item
        if reader.tell() > records.offset:  # bytes past the last whole record: a record cut in its headers
            raise _CorruptError("the file ends inside a record's headers")
    except errors as exc:
        yield _error_record(FormatError(_corrupt_message(exc, complete)), source)


def _warc_errors() -> tuple[type[Exception], ...]:
    """What reading a damaged WARC raises: a cut gzip layer (ours), and warcio's own errors."""
    from warcio.exceptions import ArchiveLoadFailed
    from warcio.statusandheaders import StatusAndHeadersParserException

    return (_CorruptError, ArchiveLoadFailed, StatusAndHeadersParserException)


def _parsed(records: ArchiveIterator, errors: tuple[type[Exception], ...]) -> Iterator[Any]:
    """warcio's records. Its parser fails on malformed headers with whatever error the bad value causes
    (AttributeError, ValueError, ...): those come out as _CorruptError; its own errors pass unchanged."""
    while True:
        try:
            record = next(records)
        except StopIteration:
            return
        except errors:
            raise
        except Exception as exc:  # see the docstring: only warcio's parsing runs in this try
            raise _CorruptError(f"malformed record headers ({type(exc).__name__}: {exc})") from exc
        yield record


def _read_record(record: Any, number: int, source: str,
                 settings: Settings) -> RawDocument | ErrorRecord | None:
    """One record → a document, an error record, or None (skipped); raises _CorruptError when cut short."""
    if record.format != "warc":  # warcio also reads ARC, the older format, and takes stray text for it
        raise _CorruptError(f"record {number} does not start with a WARC/1.x line")
    if not (record.rec_type and record.rec_headers.get_header("Content-Length")):
        raise _CorruptError(f"record {number} has no WARC-Type or Content-Length header")
    charset = _html_charset(record)
    if charset is None:
        _drain(record, number)
        logger.debug("%s: record %d (%s) is not an HTML page fetched with status 200; skipped",
                     source, number, record.rec_type)
        return None
    body = record.content_stream().read(settings.max_bytes + 1)
    _drain(record, number)
    return _page(record, body, charset, number, source, settings)


def _page(record: Any, body: bytes, charset: str, number: int, source: str,
          settings: Settings) -> RawDocument | ErrorRecord:
    uri = record.rec_headers.get_header("WARC-Target-URI") or ""
    where = f"WARC record {number} ({uri})"
    if len(body) > settings.max_bytes:
        limit = f"the body is over the limit of {settings.max_bytes:,} bytes (setting max_bytes)"
        return _error_record(TooLargeError(limit), source, where)
    try:
        page = decode_bytes(body, source=uri, declared=charset or None)
    except InputError as exc:
        return _error_record(exc, source, where)
    fetched = record.rec_headers.get_header("WARC-Date")
    return RawDocument(source_id=uri, url=uri, html=page, meta={"fetched": fetched} if fetched else {})


def _html_charset(record: Any) -> str | None:
    """For an HTML page fetched with status 200: its declared charset, or "" if none; else None."""
    http = record.http_headers
    if record.rec_type != "response" or http is None or http.get_statuscode() != "200":
        return None
    content_type = http.get_header("Content-Type") or ""
    if content_type.split(";")[0].strip().lower() not in _HTML_TYPES:
        return None
    match = _CHARSET.search(content_type)
    return match.group(1) if match else ""


def _drain(record: Any, number: int) -> None:
    """Read the rest of the record; raise _CorruptError when it holds fewer bytes than it declares."""
    while record.raw_stream.read(_CHUNK):
        pass
    missing = getattr(record.raw_stream, "limit", 0)
    if missing > 0:
        raise _CorruptError(f"record {number} is cut short ({missing:,} bytes missing)")


def _read_head(stream: BinaryIO) -> bytes:
    """The first two bytes (fewer only at the end of the stream), enough to tell gzip from plain."""
    head = b""
    while len(head) < 2:
        chunk = stream.read(2 - len(head))
        if not chunk:
            break
        head += chunk
    return head


def _corrupt_message(exc: Exception, complete: int) -> str:
    detail = str(exc).strip() or type(exc).__name__
    if complete == 0:
        return f"the input is not a readable WARC file: {detail}"
    return f"the WARC file is truncated or corrupt after record {complete}: {detail}"


def _error_record(exc: DatelineError, source: str, where: str | None = None) -> ErrorRecord:
    message = f"{where}: {exc.message}" if where else exc.message
    return ErrorRecord(error=ErrorInfo(kind=exc.kind, message=message, source=source))
