"""WARC: HTML responses → RawDocuments; other records skipped; truncated or corrupt files → one ErrorRecord.

WARC files are built in memory with warcio's own writer, plain and gzipped (one gzip member per record).
"""

from __future__ import annotations

import gzip
import io
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from dateline.intake.source import RawDocument
from dateline.intake.warc import looks_like_warc, read_warc
from dateline.records import ErrorRecord
from dateline.settings import Settings

SETTINGS = Settings()
DATE = "2024-05-06T07:08:09Z"
PAGE = "<html><body><p>Page {n}: the minister said talks would resume.</p>" + "<p>More text.</p>" * 40
GZIP = pytest.mark.parametrize("gzipped", [False, True], ids=["plain", "gzip"])

Write = Callable[[WARCWriter], object]


@dataclass(frozen=True)
class Warc:
    data: bytes
    offsets: tuple[int, ...]  # where each record starts, then the end of the file


def response(uri: str, body: bytes, content_type: str = "text/html; charset=utf-8", status: str = "200 OK",
             headers: tuple[tuple[str, str], ...] = ()) -> Write:
    def write(writer: WARCWriter) -> object:
        http = StatusAndHeaders(status, [("Content-Type", content_type), *headers], protocol="HTTP/1.1")
        return writer.create_warc_record(uri, "response", payload=io.BytesIO(body), length=len(body),
                                         http_headers=http, warc_headers_dict={"WARC-Date": DATE})
    return write


def request(uri: str) -> Write:
    def write(writer: WARCWriter) -> object:
        http = StatusAndHeaders("GET / HTTP/1.1", [("Host", "news.example")], is_http_request=True)
        return writer.create_warc_record(uri, "request", payload=io.BytesIO(b""), length=0, http_headers=http)
    return write


def metadata(uri: str) -> Write:
    def write(writer: WARCWriter) -> object:
        body = b"via: https://news.example/\n"
        return writer.create_warc_record(uri, "metadata", payload=io.BytesIO(body), length=len(body),
                                         warc_content_type="application/warc-fields")
    return write


def warcinfo(writer: WARCWriter) -> object:
    return writer.create_warcinfo_record("test.warc", {"software": "dateline tests"})


def page(n: int) -> bytes:
    return PAGE.format(n=n).encode()


def build(*records: Write, gzipped: bool) -> Warc:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzipped)
    offsets = []
    for make in records:
        offsets.append(out.tell())
        writer.write_record(make(writer))
    return Warc(out.getvalue(), (*offsets, out.tell()))


def read(data: bytes, settings: Settings = SETTINGS) -> list[RawDocument | ErrorRecord]:
    return list(read_warc(io.BytesIO(data), source="crawl.warc", settings=settings))


def mixed(gzipped: bool) -> Warc:
    """warcinfo, request, HTML response, image response, metadata, HTML response, 404 HTML response."""
    return build(warcinfo, request("https://news.example/1"), response("https://news.example/1", page(1)),
                 response("https://news.example/logo.png", b"\x89PNG\r\n\x1a\n\x00\x00", "image/png"),
                 metadata("https://news.example/1"), response("https://news.example/2", page(2)),
                 response("https://news.example/gone", b"<p>Not found</p>", status="404 Not Found"),
                 gzipped=gzipped)


@GZIP
def test_html_responses_become_documents_and_the_rest_is_skipped(gzipped: bool) -> None:
    docs = read(mixed(gzipped).data)
    assert docs == [
        RawDocument(source_id=f"https://news.example/{n}", url=f"https://news.example/{n}",
                    html=page(n).decode(), meta={"fetched": DATE})
        for n in (1, 2)
    ]


@pytest.mark.parametrize("content_type, body, html", [
    ("text/html; charset=iso-8859-1", "<p>Caf\u00e9 \u00e0</p>".encode("latin-1"), "<p>Caf\u00e9 \u00e0</p>"),
    ('text/html;charset="windows-1252"', "<p>\u201cQ\u201d</p>".encode("cp1252"), "<p>\u201cQ\u201d</p>"),
    ("TEXT/HTML", b"<p>no charset</p>", "<p>no charset</p>"),
    ("application/xhtml+xml; charset=utf-8", b"<html><p>x</p></html>", "<html><p>x</p></html>"),
], ids=["latin-1", "quoted-cp1252", "upper-no-charset", "xhtml"])
def test_body_is_decoded_with_the_http_charset(content_type: str, body: bytes, html: str) -> None:
    [doc] = read(build(response("https://news.example/c", body, content_type), gzipped=False).data)
    assert isinstance(doc, RawDocument) and doc.html == html


@pytest.mark.parametrize("headers, encode", [
    ((("Content-Encoding", "gzip"),), gzip.compress),
    ((("Transfer-Encoding", "chunked"),), lambda b: b"%x\r\n%s\r\n0\r\n\r\n" % (len(b), b)),
], ids=["content-encoding-gzip", "chunked"])
def test_http_transfer_encodings_are_undone(headers: tuple[tuple[str, str], ...],
                                            encode: Callable[[bytes], bytes]) -> None:
    warc = build(response("https://news.example/z", encode(page(7)), headers=headers), gzipped=True)
    [doc] = read(warc.data)
    assert isinstance(doc, RawDocument) and doc.html == page(7).decode()


@GZIP
@pytest.mark.parametrize("where", [0.1, 0.5, 0.9], ids=["in-headers", "mid-body", "near-end"])
def test_truncated_warc_gives_what_was_read_then_one_error(gzipped: bool, where: float) -> None:
    warc = build(response("https://news.example/1", page(1)), response("https://news.example/2", page(2)),
                 response("https://news.example/3", page(3)), gzipped=gzipped)
    start, end = warc.offsets[1], warc.offsets[2]
    first, error = read(warc.data[:start + int((end - start) * where)])
    assert isinstance(first, RawDocument) and first.source_id == "https://news.example/1"
    assert isinstance(error, ErrorRecord)
    assert (error.error.kind, error.error.source) == ("format", "crawl.warc")
    assert error.error.message.startswith("the WARC file is truncated or corrupt after record 1: ")


@GZIP
def test_every_cut_inside_the_second_record_is_caught(gzipped: bool) -> None:
    warc = build(response("https://news.example/1", page(1)), response("https://news.example/2", page(2)),
                 gzipped=gzipped)
    start, end = warc.offsets[1], warc.offsets[2]
    cut_short = [RawDocument, ErrorRecord]
    # Cut in its last bytes, record 2 may still be whole: a plain record ends in a blank line (CRLF CRLF) that
    # can go without loss; a gzip member ends in a checksum (and end marks) not needed to read the record.
    tail, whole = (4, [RawDocument] * 2) if not gzipped else (16, [RawDocument, RawDocument, ErrorRecord])
    for cut in range(start + 1, end):
        kinds = [type(x) for x in read(warc.data[:cut])]
        expected = [cut_short] if cut < end - tail else [cut_short, whole]
        assert kinds in expected, f"cut at {cut - start} bytes into record 2 ({end - start} bytes)"


def test_damaged_gzip_member_gives_the_records_before_it_then_one_error() -> None:
    warc = build(response("https://news.example/1", page(1)), response("https://news.example/2", page(2)),
                 response("https://news.example/3", page(3)), gzipped=True)
    data = bytearray(warc.data)
    middle = (warc.offsets[1] + warc.offsets[2]) // 2
    data[middle:middle + 8] = b"\xff" * 8
    first, error = read(bytes(data))
    assert isinstance(first, RawDocument) and first.source_id == "https://news.example/1"
    assert isinstance(error, ErrorRecord) and error.error.kind == "format"
    assert "after record 1" in error.error.message


def test_empty_stream_is_one_empty_error() -> None:
    """Chosen behaviour: an empty input is reported (kind "empty") rather than passing silently."""
    [error] = read(b"")
    assert isinstance(error, ErrorRecord)
    assert (error.error.kind, error.error.message, error.error.source) == (
        "empty", "the WARC file is empty", "crawl.warc")


def test_warc_without_html_responses_gives_nothing() -> None:
    assert read(build(warcinfo, request("https://news.example/"), gzipped=True).data) == []


@pytest.mark.parametrize("data", [
    b"<html><body><p>An HTML page, not a WARC file.</p></body></html>",
    gzip.compress(b"<html><body><p>Gzipped HTML.</p></body></html>"),
], ids=["html", "gzipped-html"])
def test_not_a_warc_is_one_format_error(data: bytes) -> None:
    [error] = read(data)
    assert isinstance(error, ErrorRecord) and error.error.kind == "format"
    assert error.error.message.startswith("the input is not a readable WARC file: ")


@pytest.mark.parametrize("body, kind", [
    (b"<p>" + b"x" * 2000 + b"</p>", "too_large"),
    (b"\x00\x01\x02\x03 not text", "binary"),
    (b"   ", "empty"),
], ids=["too-large", "binary", "blank"])
def test_unusable_body_is_an_error_for_that_record_only(body: bytes, kind: str) -> None:
    warc = build(response("https://news.example/bad", body),
                 response("https://news.example/ok", b"<p>ok</p>"), gzipped=True)
    error, doc = read(warc.data, Settings(max_bytes=1000))
    assert isinstance(error, ErrorRecord) and error.error.kind == kind
    assert error.error.message.startswith("WARC record 1 (https://news.example/bad): ")
    assert isinstance(doc, RawDocument) and doc.html == "<p>ok</p>"


class Pipe:
    """A stream with read() only (no seek, no tell), like a pipe; hands out at most 100 bytes a call."""

    def __init__(self, data: bytes) -> None:
        self._data = io.BytesIO(data)

    def read(self, size: int = -1) -> bytes:
        return self._data.read(100 if size < 0 else min(size, 100))


@GZIP
def test_unseekable_stream(gzipped: bool) -> None:
    docs = list(read_warc(Pipe(mixed(gzipped).data), source="-", settings=SETTINGS))  # type: ignore[arg-type]
    assert [d.source_id for d in docs if isinstance(d, RawDocument)] == [
        "https://news.example/1", "https://news.example/2"]


@pytest.mark.parametrize("head, expected", [
    (b"WARC/1.0\r\nWARC-Type: warcinfo\r\n", True),
    (b"WARC/1.1\r\n", True),
    (gzip.compress(b"WARC/1.0\r\nWARC-Type: response\r\n" + b"x" * 500)[:300], True),
    (gzip.compress(b"<html><body>not a warc</body></html>"), False),
    (b"\x1f\x8b\x08\x00garbage", False),
    (b"<html>WARC/1.0</html>", False),
    (b"", False),
])
def test_looks_like_warc(head: bytes, expected: bool) -> None:
    assert looks_like_warc(head) is expected


@GZIP
def test_looks_like_warc_on_a_written_file(gzipped: bool) -> None:
    assert looks_like_warc(mixed(gzipped).data[:512])
