"""FakeFetcher: the canned-page Fetcher other modules' unit tests use; it must behave like HttpFetcher."""

from __future__ import annotations

import pytest

from dateline.errors import FetchError
from dateline.intake.fetch import FakeFetcher
from dateline.intake.source import Fetcher, FetchResult

URL = "https://news.example/story"


def fetch_through_protocol(fetcher: Fetcher, url: str) -> FetchResult:
    return fetcher.fetch(url)


def test_serves_a_mapped_page_and_records_the_request() -> None:
    fetcher = FakeFetcher({URL: (200, b"<p>hi</p>", "text/html; charset=utf-8")})
    result = fetch_through_protocol(fetcher, URL)
    assert result == FetchResult(url=URL, status=200, body=b"<p>hi</p>", content_type="text/html",
                                 encoding="utf-8")
    assert fetcher.requests == [URL]


@pytest.mark.parametrize(("content_type", "media_type", "encoding"), [
    ("text/html; charset=ISO-8859-1", "text/html", "iso-8859-1"),
    ('text/html; charset="utf-8"', "text/html", "utf-8"),
    ("TEXT/HTML", "text/html", None),
    ("application/rss+xml", "application/rss+xml", None),
    ("", "", None),
])
def test_content_type_and_charset(content_type: str, media_type: str, encoding: str | None) -> None:
    result = FakeFetcher({URL: (200, b"x", content_type)}).fetch(URL)
    assert (result.content_type, result.encoding) == (media_type, encoding)


def test_unknown_url_is_a_fetch_error() -> None:
    fetcher = FakeFetcher({})
    with pytest.raises(FetchError, match="no page for it") as caught:
        fetcher.fetch(URL)
    assert caught.value.source == URL
    assert fetcher.requests == [URL]


@pytest.mark.parametrize(("status", "message"), [
    (404, "HTTP 404 Not Found"),
    (503, "HTTP 503 Service Unavailable"),
    (302, "HTTP 302 Found"),
])
def test_non_2xx_status_is_a_fetch_error(status: int, message: str) -> None:
    with pytest.raises(FetchError, match=message) as caught:
        FakeFetcher({URL: (status, b"", "text/html")}).fetch(URL)
    assert caught.value.source == URL


def test_mapped_fetch_error_is_raised_as_is() -> None:
    error = FetchError("timed out", source=URL)
    with pytest.raises(FetchError) as caught:
        FakeFetcher({URL: error}).fetch(URL)
    assert caught.value is error


def test_other_mapped_exceptions_are_wrapped() -> None:
    cause = TimeoutError("the server is slow")
    with pytest.raises(FetchError, match="the server is slow") as caught:
        FakeFetcher({URL: cause}).fetch(URL)
    assert caught.value.source == URL
    assert caught.value.__cause__ is cause


def test_records_every_request_in_order() -> None:
    other = "https://news.example/other"
    with FakeFetcher({URL: (200, b"a", "text/plain"), other: (200, b"b", "text/plain")}) as fetcher:
        for url in (URL, other, URL):
            fetcher.fetch(url)
    assert fetcher.requests == [URL, other, URL]
