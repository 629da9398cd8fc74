"""From a :class:`~dateline.intake.source.RawDocument` to a normalised :class:`~dateline.records.Article`.

HTML is reduced to its body (trafilatura); plain text is kept exactly as given. The layout (title, date,
dateline, credits, headings, paragraphs) is found by :mod:`dateline.layout` and recorded as fields and
annotations, never by rewriting the text.
"""

from __future__ import annotations

from dataclasses import replace

from .errors import EmptyInputError, TooLargeError
from .intake.html import extract_html
from .intake.source import RawDocument
from .language import check_language
from .layout import Layout, analyse_layout, published_from_url
from .records import Article, content_id
from .settings import Settings


def build_article(raw: RawDocument, *, settings: Settings, published: str | None = None) -> tuple[Article, Layout]:
    """Normalise one input. ``published`` overrides every date found in metadata, text or URL."""
    if raw.html is not None and not raw.from_html:
        raw = _from_html(raw)
    text = raw.text or ""
    _check_size(text, raw.source_id, settings)
    language = check_language(text, settings=settings, source=raw.source_id)
    layout = analyse_layout(text, settings=settings, title=raw.title)
    article = Article(
        id=content_id(text),
        source_id=raw.source_id,
        text=text,
        url=raw.url,
        title=raw.title or layout.title,
        published=published or raw.published or layout.published or published_from_url(raw.url),
        language=language,
        credits=layout.credits,
        byline=layout.byline or raw.author,
        headings=layout.headings,
        dateline=layout.dateline,
        annotations=layout.annotations,
    )
    return article, layout


def _from_html(raw: RawDocument) -> RawDocument:
    body = extract_html(raw.html or "", source_id=raw.source_id, url=raw.url)
    return replace(
        body,
        title=raw.title or body.title,
        published=raw.published or body.published,
        url=raw.url or body.url,
        meta={**body.meta, **raw.meta},
    )


def _check_size(text: str, source: str, settings: Settings) -> None:
    if not text.strip():
        raise EmptyInputError("the article has no text", source=source)
    if len(text) > settings.max_chars:
        raise TooLargeError(
            f"the article has {len(text):,} characters, over the limit of {settings.max_chars:,} "
            f"(setting max_chars)", source=source)
