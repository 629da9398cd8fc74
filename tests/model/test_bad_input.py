"""Bad input in one batch: each bad item becomes a clear error record, the good ones come through in order."""

from __future__ import annotations

import gzip
import http.server
import io
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from dateline.api import process_many
from dateline.intake.read import read_inputs
from dateline.records import ErrorRecord, Record
from dateline.settings import DEFAULT

GOOD = ("Officials in the capital said on Monday that the new bridge would open next spring, after two years "
        "of delays. \"We are confident the work will be finished on time,\" the transport minister told "
        "reporters at a news conference.\n")
GERMAN = ("Die Bundesregierung hat am Dienstag beschlossen, die Hilfen für die betroffenen Regionen deutlich "
          "aufzustocken. Der Minister sagte, man werde die Menschen nicht im Stich lassen.\n")
PAGE = ("<html><head><title>Bridge to open</title></head><body><nav>Home | World</nav><article><h1>Bridge to "
        "open</h1><p>{}</p><p>{}</p></article><footer>Contact us</footer></body></html>")


class _Slow(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802
        time.sleep(1.5)
        try:
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"late")
        except OSError:
            pass

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def slow_url() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Slow)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/story.html"
    server.shutdown()
    server.server_close()
    thread.join(5)


def _warc(tmp: Path) -> Path:
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=False)
    for i in range(2):
        body = PAGE.format(GOOD, GOOD).encode("utf-8")
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(f"http://news.example/{i}", "response",
                                                      payload=io.BytesIO(body), length=len(body),
                                                      http_headers=headers))
    data = buf.getvalue()
    path = tmp / "crawl.warc"
    path.write_bytes(data[: len(data) * 3 // 4])
    return path


FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>News</title>
<item><title>Good one</title><description>{good}</description><guid>g1</guid></item>
<item><title>Broken</title></item>
<item><title>Good two</title><description>{good}</description><guid>g2</guid></item>
</channel></rss>"""


def _inputs(tmp: Path, slow_url: str) -> list[tuple[str, str]]:
    """(path or URL, expected: 'ok' or an error kind), in batch order."""
    files = {
        "good.txt": GOOD.encode("utf-8"),
        "empty.txt": b"",
        "binary.bin": bytes(range(256)) * 40,
        "invalid-utf8.txt": GOOD.encode("utf-8").replace(b"bridge", b"br\xffdge") + "Zoë".encode(),
        "latin1.txt": (GOOD + "The mayor, François Dupré, agreed.\n").encode("latin-1"),
        "german.txt": (GERMAN * 3).encode("utf-8"),
        "malformed.html": b"<html><body><div><p>unclosed <b>tags <i>only</div></span>",
        "page.html": PAGE.format(GOOD, GOOD).encode("utf-8"),
        "feed.xml": FEED.format(good=GOOD * 2).encode("utf-8"),
    }
    for name, data in files.items():
        (tmp / name).write_bytes(data)
    with (tmp / "huge.txt").open("w", encoding="utf-8") as fh:
        for _ in range(50 * 1024):
            fh.write(("x" * 1023) + "\n")
    warc = _warc(tmp)
    return [
        (str(tmp / "good.txt"), "ok"), (str(tmp / "empty.txt"), "empty"), (str(tmp / "binary.bin"), "binary"),
        (str(tmp / "huge.txt"), "too_large"), (str(tmp / "invalid-utf8.txt"), "encoding"),
        (str(tmp / "latin1.txt"), "ok"), (str(tmp / "german.txt"), "language"),
        (str(tmp / "malformed.html"), "format"), (str(warc), "ok+format"), (str(tmp / "feed.xml"), "ok+format+ok"),
        (slow_url, "fetch"), (str(tmp / "page.html"), "ok"),
    ]


def test_bad_inputs_in_one_batch(tmp_path: Path, slow_url: str) -> None:
    settings = DEFAULT.replace(fetch_timeout=0.5, fetch_retries=0, fetch_allow_private=True,
                               fetch_respect_robots=False)
    plan = _inputs(tmp_path, slow_url)
    outputs = list(process_many(read_inputs([p for p, _ in plan], settings=settings), settings=settings))
    expected = [kind for _, want in plan for kind in want.split("+")]
    got = ["ok" if isinstance(o, Record) else o.error.kind for o in outputs]
    assert got == expected
    for out in outputs:
        if isinstance(out, ErrorRecord):
            assert out.error.message and out.error.source, out
            assert "Traceback" not in out.error.message
    latin = next(o for o in outputs if isinstance(o, Record) and o.article.source_id == "latin1.txt")
    assert "François Dupré" in latin.article.text


def test_language_error_names_the_language(tmp_path: Path) -> None:
    (tmp_path / "de.txt").write_text(GERMAN * 3, encoding="utf-8")
    out = next(process_many(read_inputs([str(tmp_path / "de.txt")], settings=DEFAULT)))
    assert isinstance(out, ErrorRecord) and "'de'" in out.error.message


def test_gzip_is_not_mistaken_for_text(tmp_path: Path) -> None:
    (tmp_path / "a.txt.gz").write_bytes(gzip.compress(GOOD.encode("utf-8")))
    out = next(process_many(read_inputs([str(tmp_path / "a.txt.gz")], settings=DEFAULT)))
    assert isinstance(out, ErrorRecord) and out.error.kind == "binary"
