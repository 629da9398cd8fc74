"""Unit tests for dateline.intake.html: HTML → article body and metadata, with small hand-written pages."""

from __future__ import annotations

import pytest
from lxml import etree

from dateline.errors import FormatError
from dateline.intake import html as html_module
from dateline.intake.html import extract_html
from dateline.intake.source import RawDocument

PARAGRAPHS = [
    "The city council voted on Tuesday to approve a new budget for the coming year, officials said after "
    "a meeting that ran late into the night.",
    "Mayor Alice Smith said the plan would fund two new schools and repair roads across the city before "
    "the winter season begins.",
    "Opponents argued that the tax increase was too steep for residents already struggling with rising "
    "costs of food and housing.",
]
BODY = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)

NAV = "".join(f'<li><a href="/{s}">{s.title()}</a></li>' for s in ("home", "news", "sports", "opinion"))
BOILERPLATE_HEAD = f"""<header><nav><ul>{NAV}</ul></nav>
<div class="promo">Subscribe now for unlimited digital access</div></header>"""
BOILERPLATE_FOOT = """<aside class="related"><h3>Most read</h3><ul><li><a href="/x">Celebrity chef opens
restaurant</a></li></ul></aside><footer><p>Copyright 2024 Springfield Gazette. All rights reserved.</p>
<a href="/privacy">Privacy policy</a> <a href="/terms">Terms of use</a></footer>"""


def page(body: str, head: str = "<title>Council passes budget</title>") -> str:
    """A whole HTML page with the given head and body content."""
    return f"<!DOCTYPE html><html><head><meta charset='utf-8'>{head}</head><body>{body}</body></html>"


NEWS_HEAD = """<title>Council passes budget | Springfield Gazette</title>
<meta property="og:title" content="Council passes budget">
<meta property="article:published_time" content="2024-03-05T10:30:00Z">
<meta name="author" content="Jane Roe">
<meta property="og:site_name" content="Springfield Gazette">
<link rel="canonical" href="https://example.com/news/budget">"""
NEWS_PAGE = page(f"{BOILERPLATE_HEAD}<main><article><h1>Council passes budget</h1>{BODY}</article></main>"
                 f"{BOILERPLATE_FOOT}", NEWS_HEAD)


def test_news_page_keeps_only_the_body() -> None:
    doc = extract_html(NEWS_PAGE, source_id="gazette-1")
    assert isinstance(doc, RawDocument)
    assert doc.text == "\n".join(PARAGRAPHS)
    assert doc.from_html is True
    assert doc.source_id == "gazette-1"
    assert doc.html is None


@pytest.mark.parametrize("boilerplate", [
    "Subscribe now", "Copyright", "Privacy policy", "Terms of use", "Most read", "Celebrity chef", "Home",
    "<p>", "</", "Council passes budget",
])
def test_news_page_drops_boilerplate_markup_and_repeated_headline(boilerplate: str) -> None:
    assert boilerplate not in extract_html(NEWS_PAGE, source_id="gazette-1").text


@pytest.mark.parametrize(("field", "expected"), [
    ("title", "Council passes budget"),
    ("published", "2024-03-05"),
    ("author", "Jane Roe"),
    ("sitename", "Springfield Gazette"),
    ("url", "https://example.com/news/budget"),
])
def test_metadata_from_meta_tags(field: str, expected: str) -> None:
    assert getattr(extract_html(NEWS_PAGE, source_id="gazette-1"), field) == expected


@pytest.mark.parametrize(("head", "title", "published"), [
    ("<title>Bridge opens to traffic</title>"
     "<meta name='date' content='2023-11-20'>", "Bridge opens to traffic", "2023-11-20"),
    ("<title>Storm hits coast</title><script type='application/ld+json'>"
     '{"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Storm hits coast",'
     ' "datePublished": "2022-08-14T08:00:00+02:00"}</script>', "Storm hits coast", "2022-08-14"),
    ("<meta property='og:title' content='Team wins title'>"
     "<meta property='article:published_time' content='2021-06-01T18:45:00-04:00'>",
     "Team wins title", "2021-06-01"),
    ("<title>Undated notice</title>", "Undated notice", None),
])
def test_title_and_date_from_metadata(head: str, title: str, published: str | None) -> None:
    doc = extract_html(page(f"<article>{BODY}</article>", head), source_id="meta")
    assert (doc.title, doc.published) == (title, published)


def test_given_url_wins_over_canonical() -> None:
    doc = extract_html(NEWS_PAGE, source_id="gazette-1", url="https://mirror.example.org/budget")
    assert doc.url == "https://mirror.example.org/budget"


@pytest.mark.parametrize(("markup", "expected_lines"), [
    ("<p>one two three four five six</p><p>seven eight nine ten eleven twelve</p>",
     ["one two three four five six", "seven eight nine ten eleven twelve"]),
    ("<p>  spaced   out \t words here  </p><p></p><p>and   a second   paragraph follows it</p>",
     ["spaced out words here", "and a second paragraph follows it"]),
    ("<p>first line of text<br>second line of text after a break</p>",
     ["first line of text", "second line of text after a break"]),
])
def test_paragraphs_are_lines_without_markup(markup: str, expected_lines: list[str]) -> None:
    text = extract_html(page(f"<article>{markup}</article>"), source_id="p").text
    assert text.split("\n") == expected_lines


@pytest.mark.parametrize(("markup", "expected_lines"), [
    ("<table><thead><tr><th>Candidate</th><th>Votes</th></tr></thead><tbody><tr><td>Alice Smith</td>"
     "<td>1,204</td></tr><tr><td>Bob | Jones</td><td>987</td></tr></tbody></table>",
     ["Candidate\tVotes", "Alice Smith\t1,204", "Bob | Jones\t987"]),
    ("<ul><li>Two new schools in the north</li><li>Road repairs<ul><li>Main Street</li></ul></li></ul>"
     "<ol><li>first step</li><li>second step</li></ol>",
     ["Two new schools in the north", "Road repairs", "Main Street", "first step", "second step"]),
])
def test_tables_and_lists_come_out_without_markdown(markup: str, expected_lines: list[str]) -> None:
    text = extract_html(page(f"<article><p>{PARAGRAPHS[0]}</p>{markup}</article>"), source_id="t").text
    assert text.split("\n") == [PARAGRAPHS[0], *expected_lines]


def test_bare_fragment_is_read_as_a_page() -> None:
    assert extract_html(BODY, source_id="fragment").text == "\n".join(PARAGRAPHS)


@pytest.mark.parametrize("malformed", [
    "<html><body><div><p>" + PARAGRAPHS[0] + "<p>" + PARAGRAPHS[1] + " <b>unclosed bold",
    "<html><body><article><p>" + PARAGRAPHS[0] + "</div></span><p>" + PARAGRAPHS[1] + "</article>",
    "<html><head><title>x</title><body><table><tr><td><p>" + PARAGRAPHS[0] + "</p><p>" + PARAGRAPHS[1],
])
def test_malformed_html_still_yields_the_body(malformed: str) -> None:
    text = extract_html(malformed, source_id="malformed").text
    assert PARAGRAPHS[0] in text and PARAGRAPHS[1] in text
    assert "<" not in text


@pytest.mark.parametrize("truncated", [
    "<html><head><title>Council passes bu",
    "<html><body><article><p>The council vot",
    "<html><body><div class='article'><p",
])
def test_truncated_html_gives_body_or_format_error(truncated: str) -> None:
    try:
        doc = extract_html(truncated, source_id="cut")
    except FormatError as exc:
        assert exc.source == "cut"
    else:
        assert doc.text and "<" not in doc.text


@pytest.mark.parametrize(("html", "message"), [
    ("", "empty"),
    ("   \n\t ", "empty"),
    ("\x00\x01\x02\x03PNG\x89\x1a\x00binary payload", "binary"),
    ("\x89PNG\r\n\x1a\n" + "\x00\x00\x00\rIHDR\x00\x00\x01\x00" * 20, "binary"),
    ("Just a sentence of plain text, with no markup at all, long enough to be an article.", "no HTML tags"),
    (page(""), "no article body"),
    ("<html><body></body></html>", "no article body"),
    (page("<nav><a href='/'>Home</a> <a href='/about'>About</a></nav>"), "no article body"),
    (page(f"<header><nav><ul>{NAV}</ul></nav></header><main><h2>Latest headlines</h2><ul>"
          "<li><a href='/a'>Storm brings heavy rain to the coast</a></li>"
          "<li><a href='/b'>Local team wins championship</a></li></ul></main>" + BOILERPLATE_FOOT),
     "no article body"),
    (page("<div id='root'></div><noscript>Please enable JavaScript.</noscript><script>var a = 1;</script>"),
     "no article body"),
    (page("<article><p>Too short to be news.</p></article>"), "no article body"),
])
def test_unusable_input_raises_format_error(html: str, message: str) -> None:
    with pytest.raises(FormatError, match=message) as info:
        extract_html(html, source_id="bad-1")
    assert info.value.source == "bad-1"
    assert info.value.kind == "format"


def test_non_string_input_raises_format_error() -> None:
    with pytest.raises(FormatError, match="decode it first"):
        extract_html(b"<html></html>", source_id="bytes")  # type: ignore[arg-type]


@pytest.mark.parametrize("error", [
    ValueError("bad value"),
    TypeError("bad type"),
    etree.ParserError("Document is empty"),
    UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte"),
    RecursionError("maximum recursion depth exceeded"),
    KeyError("missing"),
])
def test_trafilatura_exceptions_become_format_errors(
        monkeypatch: pytest.MonkeyPatch, error: Exception) -> None:
    def explode(*_args: object, **_kwargs: object) -> None:
        raise error

    monkeypatch.setattr(html_module, "bare_extraction", explode)
    with pytest.raises(FormatError, match="could not be parsed") as info:
        extract_html(NEWS_PAGE, source_id="boom")
    assert info.value.source == "boom"
    assert info.value.__cause__ is error


def test_same_page_twice_gives_the_same_result() -> None:
    assert extract_html(NEWS_PAGE, source_id="a") == extract_html(NEWS_PAGE, source_id="a")
