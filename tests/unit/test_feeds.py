"""Feeds: RSS 2.0 and Atom entries → RawDocuments, with a fake fetcher; broken entries → ErrorRecords."""

from __future__ import annotations

import logging

import pytest

from dateline.errors import FetchError
from dateline.intake.feeds import MIN_FALLBACK_CHARS, looks_like_feed, read_feed
from dateline.intake.source import FetchResult, RawDocument
from dateline.records import ErrorRecord
from dateline.settings import Settings

SETTINGS = Settings()
LONG = "Officials said the talks would resume on Monday after a week of delays. " * 5
PAGE = "<html><head><title>Page</title></head><body><p>The full article.</p></body></html>"
assert len(LONG) >= MIN_FALLBACK_CHARS


class FakeFetcher:
    """Serves ``pages`` (URL → FetchResult, or a FetchError to raise) and records the URLs asked for."""

    def __init__(self, pages: dict[str, FetchResult | FetchError]) -> None:
        self.pages = pages
        self.requests: list[str] = []

    def fetch(self, url: str) -> FetchResult:
        self.requests.append(url)
        page = self.pages.get(url) or FetchError(f"no page for {url}", source=url)
        if isinstance(page, FetchError):
            raise page
        return page


def html_page(url: str, body: str = PAGE, *, encoding: str = "utf-8", final_url: str | None = None,
              status: int = 200, content_type: str = "text/html") -> FetchResult:
    return FetchResult(url=final_url or url, status=status, body=body.encode(encoding),
                       content_type=content_type, encoding=encoding)


def rss(*items: str, title: str = "Wire") -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f"<channel><title>{title}</title><link>https://wire.example/</link>{''.join(items)}</channel></rss>"
    ).encode()


def atom(*entries: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>Atom Wire</title><id>urn:feed</id><updated>2024-01-01T00:00:00Z</updated>"
        f"{''.join(entries)}</feed>"
    ).encode()


def item(*, title: str = "Talks resume", link: str | None = None, guid: str | None = None,
         description: str | None = None, content: str | None = None, date: str | None = None) -> str:
    parts = [f"<title>{title}</title>"]
    parts += [f"<link>{link}</link>"] if link else []
    parts += [f'<guid isPermaLink="false">{guid}</guid>'] if guid else []
    parts += [f"<description><![CDATA[{description}]]></description>"] if description else []
    parts += [f"<content:encoded><![CDATA[{content}]]></content:encoded>"] if content else []
    parts += [f"<pubDate>{date}</pubDate>"] if date else []
    return f"<item>{''.join(parts)}</item>"


def read(data: bytes, fetcher: FakeFetcher | None = None, settings: Settings = SETTINGS,
         ) -> list[RawDocument | ErrorRecord]:
    return list(read_feed(data, source="wire.xml", fetcher=fetcher, settings=settings))


def test_rss_item_with_content_becomes_html_document_with_metadata() -> None:
    data = rss(item(title="Talks &amp; deals", link="https://wire.example/a", guid="wire-1",
                    description="Short teaser", content="<p>Full <b>text</b></p>",
                    date="Tue, 02 Jan 2024 10:00:00 +0200")
               .replace("</item>", "<author>desk@wire.example (Jo Reporter)</author></item>"))
    [doc] = read(data)
    assert doc == RawDocument(source_id="wire-1", html="<p>Full <b>text</b></p>", url="https://wire.example/a",
                              title="Talks & deals", published="2024-01-02T08:00:00+00:00",
                              author="desk@wire.example (Jo Reporter)", sitename="Wire")


def test_atom_entry() -> None:
    data = atom('<entry><id>urn:1</id><title>Vote counted</title><link href="https://wire.example/v"/>'
                "<published>2024-03-04T05:06:07Z</published><updated>2024-03-05T00:00:00Z</updated>"
                "<author><name>Ann Lee</name></author>"
                '<content type="html">&lt;p&gt;Votes.&lt;/p&gt;</content></entry>')
    [doc] = read(data)
    assert isinstance(doc, RawDocument)
    assert (doc.source_id, doc.url, doc.title, doc.author, doc.sitename) == (
        "urn:1", "https://wire.example/v", "Vote counted", "Ann Lee", "Atom Wire")
    assert (doc.html, doc.text, doc.published) == ("<p>Votes.</p>", None, "2024-03-04T05:06:07+00:00")


@pytest.mark.parametrize("entry, html, text", [
    (item(content="<p>Body</p>", description="teaser"), "<p>Body</p>", None),
    (item(description="Plain summary only"), None, "Plain summary only"),
    (item(description="Summary with <em>markup</em>"), "Summary with <em>markup</em>", None),
    (item(description="AT&amp;T said so"), "AT&amp;T said so", None),  # entities are markup: kept as HTML
], ids=["content", "summary-plain", "summary-markup", "summary-entity"])
def test_body_without_fetcher(entry: str, html: str | None, text: str | None) -> None:
    [doc] = read(rss(entry))
    assert isinstance(doc, RawDocument)
    assert (doc.html, doc.text) == (html, text)


@pytest.mark.parametrize("date, expected", [
    ("Tue, 02 Jan 2024 10:00:00 GMT", "2024-01-02T10:00:00+00:00"),
    ("Tue, 02 Jan 2024 10:00:00 -0500", "2024-01-02T15:00:00+00:00"),
    ("2024-06-30T23:30:00+01:00", "2024-06-30T22:30:00+00:00"),
    ("sometime last week", None),
    (None, None),
])
def test_published_is_iso_utc(date: str | None, expected: str | None) -> None:
    [doc] = read(rss(item(description="body", date=date)))
    assert isinstance(doc, RawDocument) and doc.published == expected


def test_atom_updated_stands_in_for_published() -> None:
    [doc] = read(atom("<entry><id>urn:2</id><title>t</title><updated>2024-02-03T04:05:06Z</updated>"
                      "<summary>s</summary></entry>"))
    assert isinstance(doc, RawDocument) and doc.published == "2024-02-03T04:05:06+00:00"


@pytest.mark.parametrize("entry, source_id", [
    (item(guid="g-1", link="https://wire.example/a", description="x"), "g-1"),
    (item(link="https://wire.example/a", description="x"), "https://wire.example/a"),
    (item(description="x"), "wire.xml#1"),
])
def test_source_id_falls_back_to_link_then_position(entry: str, source_id: str) -> None:
    [doc] = read(rss(entry))
    assert isinstance(doc, RawDocument) and doc.source_id == source_id


def test_link_only_entry_is_fetched() -> None:
    fetcher = FakeFetcher({"https://wire.example/a": html_page(
        "https://wire.example/a", "<p>Caf\u00e9 ol\u00e9</p>", encoding="latin-1",
        final_url="https://wire.example/a?final")})
    [doc] = read(rss(item(link="https://wire.example/a", guid="g-1")), fetcher)
    assert fetcher.requests == ["https://wire.example/a"]
    assert isinstance(doc, RawDocument)
    assert (doc.source_id, doc.html, doc.text) == ("g-1", "<p>Caf\u00e9 ol\u00e9</p>", None)
    assert doc.url == "https://wire.example/a?final"


def test_fetched_page_wins_over_feed_content() -> None:
    fetcher = FakeFetcher({"https://wire.example/a": html_page("https://wire.example/a")})
    [doc] = read(rss(item(link="https://wire.example/a", content=f"<p>{LONG}</p>")), fetcher)
    assert isinstance(doc, RawDocument) and doc.html == PAGE


@pytest.mark.parametrize("reply", [
    FetchError("HTTP 503 Service Unavailable fetching https://wire.example/a"),
    html_page("https://wire.example/a", status=404),
    html_page("https://wire.example/a", content_type="application/pdf"),
    FetchResult(url="https://wire.example/a", status=200, body=b"\x00\x01\x02binary",
                content_type="text/html"),
], ids=["fetch-error", "http-404", "not-html", "binary"])
def test_failed_fetch_falls_back_to_long_feed_content(reply: FetchResult | FetchError) -> None:
    fetcher = FakeFetcher({"https://wire.example/a": reply})
    [doc] = read(rss(item(link="https://wire.example/a", content=f"<p>{LONG}</p>")), fetcher)
    assert isinstance(doc, RawDocument) and doc.html == f"<p>{LONG}</p>"


def test_failed_fetch_with_only_a_teaser_is_an_error_and_the_feed_goes_on() -> None:
    fetcher = FakeFetcher({"https://wire.example/b": html_page("https://wire.example/b")})
    out = read(rss(item(link="https://wire.example/a", description="Just a teaser."),
                   item(link="https://wire.example/b", guid="b")), fetcher)
    assert fetcher.requests == ["https://wire.example/a", "https://wire.example/b"]
    error, doc = out
    assert isinstance(error, ErrorRecord)
    assert (error.error.kind, error.error.source) == ("fetch", "wire.xml")
    assert error.error.message.startswith("feed entry 1 (https://wire.example/a): ")
    assert isinstance(doc, RawDocument) and doc.source_id == "b" and doc.html == PAGE


def test_page_over_max_bytes_is_a_too_large_error() -> None:
    fetcher = FakeFetcher({"https://wire.example/a": html_page("https://wire.example/a")})
    [error] = read(rss(item(link="https://wire.example/a")), fetcher, Settings(max_bytes=20))
    assert isinstance(error, ErrorRecord) and error.error.kind == "too_large"


def test_broken_entries_in_the_middle_do_not_stop_the_feed() -> None:
    out = read(rss(item(guid="1", description="first"), item(title="no body"), item(title="nor this"),
                   item(guid="4", content="<p>fourth</p>")))
    assert [type(x) for x in out] == [RawDocument, ErrorRecord, ErrorRecord, RawDocument]
    assert [x.source_id for x in out if isinstance(x, RawDocument)] == ["1", "4"]
    errors = [x.error for x in out if isinstance(x, ErrorRecord)]
    assert [(e.kind, e.message, e.source) for e in errors] == [
        ("format", "feed entry 2 has neither a link nor any content", "wire.xml"),
        ("format", "feed entry 3 has neither a link nor any content", "wire.xml"),
    ]


@pytest.mark.parametrize("data", [
    b"",
    b"<html><head><title>Not a feed</title></head><body><p>Hello</p></body></html>",
    b"Just some plain text, not XML at all.",
    b'{"title": "json"}',
    b"/etc/passwd",  # must never be opened as a file name (nor a URL fetched) by feedparser
    b"https://wire.example/feed.xml",
], ids=["empty", "html", "text", "json", "path", "url"])
def test_not_a_feed_is_one_format_error(data: bytes) -> None:
    [error] = read(data, FakeFetcher({}))
    assert isinstance(error, ErrorRecord)
    assert (error.error.kind, error.error.source) == ("format", "wire.xml")
    assert error.error.message.startswith("the input is not an RSS or Atom feed (")


def test_feed_without_entries_gives_nothing() -> None:
    assert read(rss()) == []


def test_malformed_feed_with_entries_is_read_and_logged(caplog: pytest.LogCaptureFixture) -> None:
    data = rss(item(guid="1", description="ok")).replace(b"</channel></rss>", b"")  # cut off at the end
    with caplog.at_level(logging.WARNING, logger="dateline.intake.feeds"):
        [doc] = read(data)
    assert isinstance(doc, RawDocument) and doc.text == "ok"
    assert "malformed" in caplog.text


@pytest.mark.parametrize("data, expected", [
    (rss(), True),
    (atom(), True),
    (b'<?xml version="1.0"?>\n<!-- made -->\n<?xml-stylesheet href="s.xsl"?>\n<rss version="2.0">', True),
    (b'\xef\xbb\xbf<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">', True),
    ('<?xml version="1.0" encoding="utf-16"?><rss version="2.0">'.encode("utf-16"), True),
    (b'<!DOCTYPE rss PUBLIC "-//Netscape//DTD RSS 0.91//EN" "x.dtd">\n<rss version="0.91">', True),
    (b'<feed xmlns="urn:not-atom"><entry/></feed>', False),
    (b"<html><body><rss>quoted</rss></body></html>", False),
    (b"<rssx/>", False),
    (b"Plain text about <rss> feeds.", False),
    (b"", False),
])
def test_looks_like_feed(data: bytes, expected: bool) -> None:
    assert looks_like_feed(data) is expected
