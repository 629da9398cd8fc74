"""Hostile input, fuzzed (hypothesis): whatever bytes arrive, each input gives records whose every offset slices
back into its text, or error records — never an exception out of the batch, never a hang.

Strategies: Unicode soup with control, zero-width, combining and right-to-left characters, quote marks and
brackets by the thousand; broken and deeply nested HTML with scripts and huge attributes; text in mixed or
wrong encodings, cut anywhere; JSON Lines with broken lines; truncated gzip, WARC and feed files. The number of
examples is bounded so the suite stays in CI's budget (``HYPOTHESIS_PROFILE=fuzz`` runs more).
"""

from __future__ import annotations

import gzip
import io
import json
import os
import tempfile
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from dateline.api import process_many
from dateline.intake.read import read_inputs
from dateline.records import ErrorRecord, Record, to_dict
from dateline.settings import load_settings

SETTINGS = load_settings(article_time_limit=8.0, batch_size=4)
settings.register_profile("ci", max_examples=25, deadline=None, derandomize=True,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("fuzz", max_examples=int(os.environ.get("DATELINE_FUZZ_EXAMPLES", "500")), deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")
MAX_SECONDS = 45.0  # one example, whatever it holds (the time limit turns a runaway article into an error)

WORDS = ["The", "minister", "said", "police", "arrested", "protesters", "in", "Kabul", "on", "Monday", "\"We",
         "will", "win,\"", "he", "added.", "according", "to", "officials", "(AP)", "—", "UN", "troops", "fired"]
STRANGE = ("\x00\x01\x07\x08\x0b\x0c\x1b\x7f\x85\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
           "\u2060\u2066\u2067\u2069\ufeff\ufffd\u0301\u0308\u0327\u05d0\u05e9\u0627\u0644\u06cc\U0001f600"
           "\U00010348\u3000\u00a0\u2028\u2029")
MARKS = "\"'“”‘’«»„‹›`()[]{}<>"
SOUP = st.text(alphabet=st.sampled_from(list(STRANGE + MARKS + " \n\t.,;:!?-abcXYZ019")), max_size=400)
TEXT = st.lists(st.one_of(st.sampled_from(WORDS), SOUP, st.sampled_from(list(STRANGE + MARKS))),
                max_size=150).map(" ".join)


@st.composite
def html(draw: st.DrawFn) -> str:
    """Broken, nested HTML: unclosed and misnested tags, scripts, comments, entities, huge attributes."""
    parts = []
    for _ in range(draw(st.integers(0, 40))):
        parts.append(draw(st.one_of(
            st.sampled_from(["<p>", "</p>", "<div>", "</div>", "<article>", "<b><i>", "</b>", "<br>", "<!--",
                             "-->", "<script>alert(1)</script>", "<style>p{}</style>", "&amp;", "&#0;", "&#x110000;",
                             "<![CDATA[", "]]>", "<table><tr><td>", "</html>", "<html><body>", "<h1>", "<title>"]),
            st.integers(1, 3000).map(lambda n: '<a href="' + "x" * n + "\" title='" + '"' * (n % 50) + "'>"),
            st.integers(1, 300).map(lambda n: "<div>" * n),
            TEXT)))
    return "".join(parts)


@st.composite
def encoded(draw: st.DrawFn) -> bytes:
    """Text in an encoding it may not declare, possibly cut inside a character, possibly mixed."""
    text = draw(TEXT)
    codec = draw(st.sampled_from(["utf-8", "utf-16", "utf-16-be", "latin-1", "cp1252", "shift_jis", "koi8-r"]))
    data = text.encode(codec, errors="replace")
    if draw(st.booleans()):
        data += draw(TEXT).encode(draw(st.sampled_from(["utf-8", "latin-1"])), errors="replace")
    cut = int(draw(st.floats(0, 1)) * len(data))
    return data[:cut] if draw(st.booleans()) else data


@st.composite
def jsonl(draw: st.DrawFn) -> bytes:
    lines = []
    for n in range(draw(st.integers(0, 6))):
        good = json.dumps({"id": f"d{n}", draw(st.sampled_from(["text", "html"])): draw(TEXT)}, ensure_ascii=False)
        lines.append(draw(st.sampled_from([good, good[: max(1, len(good) // 2)], "{", "[]", "null", '{"id": 1}',
                                           '{"text": 5}', ""])))
    return "\n".join(lines).encode("utf-8", errors="replace")


def _warc(text: str) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    body = f"<html><body><p>{text}</p></body></html>".encode("utf-8", errors="replace")
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record("http://example.com/a", "response", payload=io.BytesIO(body),
                                                  length=len(body), http_headers=headers))
    return out.getvalue()


def _feed(text: str) -> bytes:
    item = f"<item><title>{text[:50]}</title><description><![CDATA[{text}]]></description></item>"
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{item}</channel></rss>'.encode(
        "utf-8", errors="replace")


@st.composite
def truncated(draw: st.DrawFn) -> tuple[str, bytes]:
    """A gzip, WARC or feed file, possibly truncated or with a byte flipped: it may lie about what it holds."""
    text = draw(TEXT)
    name, data = draw(st.sampled_from([
        ("a.warc.gz", _warc(text)), ("a.txt.gz", gzip.compress(text.encode("utf-8", errors="replace"))),
        ("a.xml", _feed(text)), ("a.rss", _feed(text))]))
    # Where to cut and which byte to flip are drawn as shares of the length: an archive's length varies
    # (dates, record ids), and what hypothesis draws must not depend on it.
    if draw(st.booleans()):
        data = data[: int(draw(st.floats(0, 1)) * len(data))]
    if data and draw(st.booleans()):
        at = min(len(data) - 1, int(draw(st.floats(0, 1)) * len(data)))
        data = data[:at] + bytes([data[at] ^ 0xFF]) + data[at + 1:]
    return name, data


def _outputs(name: str, data: bytes) -> list[Any]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        started = time.monotonic()
        outputs = list(process_many(read_inputs([str(path)], settings=SETTINGS), settings=SETTINGS))
        assert time.monotonic() - started < MAX_SECONDS, "an input hung the batch"
    return outputs


def _slices_back(record: Record) -> None:
    """Every span in the record (quotes and their pieces, cues, speakers, places, dates, entity mentions,
    events' evidence, the dateline) lies in the text and, where it names its words, slices back to them."""
    text = record.article.text
    stack: list[Any] = [to_dict(record)]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
            continue
        if not isinstance(node, dict):
            continue
        stack.extend(v for k, v in node.items() if k != "text" or not isinstance(v, str))
        start, end = node.get("start"), node.get("end")
        if isinstance(start, int) and isinstance(end, int) and start >= 0:
            assert 0 <= start <= end <= len(text), node
            words = node.get("text", node.get("mention"))
            if isinstance(words, str):
                assert text[start:end] == words, (text[start:end], words)
        for piece in node.get("spans") or []:
            assert start is not None and start <= piece[0] <= piece[1] <= end, node


def _check(name: str, data: bytes) -> list[Any]:
    outputs = _outputs(name, data)
    for out in outputs:
        assert isinstance(out, Record | ErrorRecord)
        if isinstance(out, Record):
            _slices_back(out)
        else:
            assert out.error.kind and out.error.message and out.error.source
    return outputs


@settings(settings.get_profile(PROFILE))
@given(TEXT)
def test_unicode_soup(text: str) -> None:
    _check("a.txt", text.encode("utf-8", errors="surrogatepass").decode("utf-8", errors="replace").encode())


@settings(settings.get_profile(PROFILE))
@given(html())
def test_broken_html(page: str) -> None:
    _check("a.html", page.encode("utf-8", errors="replace"))


@settings(settings.get_profile(PROFILE))
@given(encoded())
def test_wrong_and_mixed_encodings(data: bytes) -> None:
    _check("a.txt", data)


@settings(settings.get_profile(PROFILE))
@given(jsonl())
def test_json_lines_with_broken_lines(data: bytes) -> None:
    _check("a.jsonl", data)


@settings(settings.get_profile(PROFILE))
@given(truncated())
def test_truncated_or_lying_archives_and_feeds(case: tuple[str, bytes]) -> None:
    _check(*case)


@pytest.mark.parametrize("make", [
    lambda: ("x " * 500_000).strip(),  # a 1 MB line
    lambda: "\"" * 20_000 + "word" + "(" * 20_000,  # thousands of marks and brackets
    lambda: "<div>" * 20_000 + "deep" + "</div>" * 20_000,  # deeply nested HTML
])
def test_extremes(make: Any) -> None:
    """Each is extracted, or stopped by the time limit as an error record of kind timeout: never a hang."""
    text = make()
    name = "a.html" if text.startswith("<") else "a.txt"
    kinds = [o.error.kind if isinstance(o, ErrorRecord) else "record" for o in _check(name, text.encode())]
    assert len(kinds) == 1 and kinds[0] in ("record", "timeout", "format", "too_large"), kinds
