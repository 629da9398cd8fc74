"""Read every kind of input into RawDocuments: files, folders, JSONL, HTML, feeds, WARC, URLs, stdin.

What cannot be read becomes an :class:`~dateline.records.ErrorRecord` and reading goes on.
"""

from __future__ import annotations

import glob
import io
import json
import logging
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from ..errors import DatelineError, FormatError, TooLargeError
from ..records import ErrorInfo, ErrorRecord
from ..settings import Settings
from .feeds import looks_like_feed, read_feed
from .source import Fetcher, RawDocument, decode_bytes
from .warc import looks_like_warc, read_warc

log = logging.getLogger(__name__)

Item = RawDocument | ErrorRecord

JSONL_SUFFIXES = (".jsonl", ".ndjson")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
FEED_SUFFIXES = (".rss", ".atom", ".xml")
WARC_SUFFIXES = (".warc", ".warc.gz")
TEXT_SUFFIXES = (".txt", ".text", ".md")


def error_record(exc: DatelineError, source: str) -> ErrorRecord:
    return ErrorRecord(error=ErrorInfo(kind=exc.kind, message=exc.message, source=exc.source or source))


def read_inputs(paths: Iterable[str], *, settings: Settings, fetcher: Fetcher | None = None,
                stdin: BinaryIO | None = None) -> Iterator[Item]:
    """Every article in ``paths``: files, folders (recursively), ``-`` for stdin, http(s) URLs."""
    for path in paths:
        yield from _guarded(path, lambda p=path: _read_one(p, settings, fetcher, stdin))


def _guarded(source: str, make: object) -> Iterator[Item]:
    try:
        yield from make()  # type: ignore[operator]
    except DatelineError as exc:
        yield error_record(exc, source)
    except OSError as exc:
        yield ErrorRecord(error=ErrorInfo(kind="io", message=f"cannot read {source}: {exc.strerror or exc}",
                                          source=source))


def _read_one(path: str, settings: Settings, fetcher: Fetcher | None, stdin: BinaryIO | None) -> Iterator[Item]:
    if path == "-":
        data = (stdin or _stdin()).read(settings.max_bytes + 1)
        yield from read_bytes(data, source="<stdin>", settings=settings, fetcher=fetcher)
    elif path.startswith(("http://", "https://")):
        yield from read_url(path, settings=settings, fetcher=fetcher)
    elif not Path(path).exists() and any(c in path for c in "*?["):
        yield from _glob(path, settings, fetcher)
    elif Path(path).is_dir():
        for child in sorted(p for p in Path(path).rglob("*") if p.is_file() and not p.name.startswith(".")):
            yield from _guarded(str(child), lambda c=child: read_file(c, settings=settings, fetcher=fetcher))
    else:
        yield from read_file(Path(path), settings=settings, fetcher=fetcher)


def _glob(pattern: str, settings: Settings, fetcher: Fetcher | None) -> Iterator[Item]:
    """Every file a glob pattern matches (``**`` crosses folders), in name order."""
    matches = sorted(p for p in glob.glob(pattern, recursive=True) if Path(p).is_file())
    if not matches:
        raise FormatError(f"no file matches {pattern}", source=pattern)
    for match in matches:
        yield from _guarded(match, lambda m=match: read_file(Path(m), settings=settings, fetcher=fetcher))


def _stdin() -> BinaryIO:
    import sys

    return sys.stdin.buffer


def read_file(path: Path, *, settings: Settings, fetcher: Fetcher | None = None) -> Iterator[Item]:
    """One file, by its suffix and, failing that, by what it starts with."""
    size = path.stat().st_size
    if size > settings.max_bytes:
        raise TooLargeError(f"{path} is {size:,} bytes, over the limit of {settings.max_bytes:,} "
                            f"(setting max_bytes)", source=str(path))
    name = path.name.lower()
    if name.endswith(WARC_SUFFIXES):
        with path.open("rb") as fh:
            yield from read_warc(fh, source=str(path), settings=settings)
        return
    yield from read_bytes(path.read_bytes(), source=str(path), settings=settings, fetcher=fetcher, name=name)


def read_bytes(data: bytes, *, source: str, settings: Settings, fetcher: Fetcher | None = None,
               name: str = "", declared: str | None = None, url: str | None = None) -> Iterator[Item]:
    """Bytes of any supported kind: sniffed from the name's suffix, else from the content."""
    if len(data) > settings.max_bytes:
        raise TooLargeError(f"the input is over the limit of {settings.max_bytes:,} bytes (setting max_bytes)",
                            source=source)
    if name.endswith(WARC_SUFFIXES) or looks_like_warc(data[:512]):
        yield from read_warc(io.BytesIO(data), source=source, settings=settings)
    elif not name.endswith(HTML_SUFFIXES + TEXT_SUFFIXES) and looks_like_feed(data):
        yield from read_feed(data, source=source, fetcher=fetcher, settings=settings)
    else:
        text = decode_bytes(data, source=source, declared=declared, max_bytes=settings.max_bytes,
                            errors=settings.encoding_errors)
        yield from read_text(text, source=source, name=name, url=url)


def read_text(text: str, *, source: str, name: str = "", url: str | None = None) -> Iterator[Item]:
    """Decoded text: JSONL, HTML or plain text."""
    if name.endswith(JSONL_SUFFIXES) or (not name.endswith(HTML_SUFFIXES + TEXT_SUFFIXES) and _looks_jsonl(text)):
        yield from read_jsonl(text, source=source)
    elif name.endswith(HTML_SUFFIXES) or looks_like_html(text):
        yield RawDocument(source_id=url or Path(source).name, html=text, url=url)
    else:
        yield RawDocument(source_id=Path(source).name if source != "<stdin>" else source, text=text, url=url)


def looks_like_html(text: str) -> bool:
    head = text[:1024].lstrip().lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) or ("<body" in head and "</" in text)


def _json_lines(text: str) -> list[str]:
    """The lines of a JSON Lines text: split on ``\n`` only (JSON strings may hold U+2028, U+0085 … raw,
    which ``str.splitlines`` would also split on), a trailing ``\r`` dropped."""
    return [line.removesuffix("\r") for line in text.split("\n")]


def _looks_jsonl(text: str) -> bool:
    lines = [ln for ln in _json_lines(text)[:5] if ln.strip()]
    return bool(lines) and all(ln.lstrip().startswith("{") and ln.rstrip().endswith("}") for ln in lines)


def read_jsonl(text: str, *, source: str) -> Iterator[Item]:
    """One article per line: ``id``, ``text`` or ``html``, optional ``title``, ``published``, ``url``."""
    for number, line in enumerate(_json_lines(text), start=1):
        if line.strip():
            yield _guarded_line(line, f"{source}:{number}")


def _guarded_line(line: str, where: str) -> Item:
    try:
        return jsonl_document(json.loads(line), where)
    except json.JSONDecodeError as exc:
        return error_record(FormatError(f"line is not valid JSON: {exc.msg} at column {exc.colno}"), where)
    except DatelineError as exc:
        return error_record(exc, where)


def jsonl_document(obj: object, where: str) -> RawDocument:
    """A JSON object as a RawDocument; raises FormatError when it has no text or html."""
    if not isinstance(obj, dict):
        raise FormatError("line is not a JSON object", source=where)
    text, html = obj.get("text"), obj.get("html")
    if not isinstance(text, str) and not isinstance(html, str):
        raise FormatError("object has neither a 'text' nor an 'html' string", source=where)
    return RawDocument(
        source_id=str(obj.get("id") or obj.get("url") or where),
        text=text if isinstance(text, str) else None,
        html=html if isinstance(html, str) and not isinstance(text, str) else None,
        url=_opt_str(obj.get("url")), title=_opt_str(obj.get("title")), published=_opt_str(obj.get("published")),
    )


def _opt_str(value: object) -> str | None:
    return str(value) if value not in (None, "") else None


def read_url(url: str, *, settings: Settings, fetcher: Fetcher | None = None) -> Iterator[Item]:
    """Fetch a URL (page or feed) through ``fetcher`` (the real HTTP client by default)."""
    if fetcher is None:
        from .fetch import HttpFetcher

        with HttpFetcher(settings) as real:
            yield from read_url(url, settings=settings, fetcher=real)
        return
    result = fetcher.fetch(url)
    yield from read_bytes(result.body, source=url, settings=settings, fetcher=fetcher,
                          declared=result.encoding, url=result.url, name=_name_for(result.content_type))


def _name_for(content_type: str) -> str:
    ct = content_type.lower()
    if "html" in ct:
        return ".html"
    if "json" in ct:
        return ".jsonl"
    return ".txt" if ct.startswith("text/plain") else ""
