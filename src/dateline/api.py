"""The Python API: :func:`process` one article, :func:`process_many` a stream of them.

Every input yields exactly one output, in input order: a :class:`~dateline.records.Record`, or an
:class:`~dateline.records.ErrorRecord` saying why that input could not be processed.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import TypeVar

from spacy.tokens import Doc

from . import tables
from .article import build_article
from .cameo.load import load_dictionaries
from .deadline import time_limit
from .errors import DatelineError, ProcessingError, TimeLimitError
from .intake.read import error_record, looks_like_html
from .intake.source import RawDocument
from .layout import Layout
from .nlp import load_model, parse, prepare_doc
from .pipeline import run_stages
from .records import Article, ErrorInfo, ErrorRecord, Output, Record
from .settings import DEFAULT, Settings

log = logging.getLogger(__name__)

Input = str | RawDocument | ErrorRecord
T = TypeVar("T")


def process(text_or_html: str, *, published: str | None = None, url: str | None = None,
            settings: Settings | None = None) -> Record:
    """Process one article (plain text or HTML); raises a DatelineError when it cannot be processed."""
    raw = _raw(text_or_html, url=url)
    out = next(Extractor(settings or DEFAULT).run([raw], published=published))
    if isinstance(out, ErrorRecord):
        raise _as_error(out)
    return out


def process_many(items: Iterable[Input], *, workers: int = 1, settings: Settings | None = None,
                 published: str | None = None) -> Iterator[Output]:
    """Process a stream of inputs, one output each, in order; ``workers`` > 1 uses that many processes."""
    settings = settings or DEFAULT
    raws = (_raw(x) if isinstance(x, str) else x for x in items)
    for outputs in process_batches(chunks(raws, settings.batch_size), workers=workers, settings=settings,
                                   published=published):
        yield from outputs


def process_batches(batches: Iterable[list[RawDocument | ErrorRecord]], *, workers: int = 1,
                    settings: Settings | None = None, published: str | None = None) -> Iterator[list[Output]]:
    """Each batch parsed together, its outputs yielded as one list, batches in order.

    The spaCy parse of an article can differ in its last bits with the other articles of its batch, so a
    caller that must reproduce a result exactly (a resumed ingest) chooses the batches itself.
    """
    settings = settings or DEFAULT
    if workers <= 1:
        extractor = Extractor(settings)
        for batch in batches:
            yield extractor.run_batch(batch, published=published)
    else:
        from .workers import parallel  # the pool imports this module: imported when first used

        yield from parallel(batches, workers=workers, settings=settings, published=published)


def chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


class Extractor:
    """Holds the loaded model and turns batches of inputs into outputs."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        tables.use_cache_dir(settings.cache_dir)
        if settings.cameo_verbs:  # read (and check) the dictionaries once, before any article
            load_dictionaries(settings)
        self.nlp = load_model(settings.model)

    def run(self, items: Iterable[RawDocument | ErrorRecord], *, published: str | None = None) -> Iterator[Output]:
        for batch in chunks(items, self.settings.batch_size):
            yield from self.run_batch(batch, published=published)

    def run_batch(self, batch: list[RawDocument | ErrorRecord], *, published: str | None = None) -> list[Output]:
        outputs: list[Output | None] = [None] * len(batch)
        ready: list[_Ready] = []
        for i, item in enumerate(batch):
            if isinstance(item, ErrorRecord):
                outputs[i] = item
                continue
            try:
                with time_limit(self.settings.article_time_limit, "reading the article", source=item.source_id):
                    article, layout = build_article(item, settings=self.settings, published=published)
                ready.append(_Ready(i, article, layout))
            except DatelineError as exc:
                outputs[i] = error_record(exc, item.source_id)
        for i, out in self._analyse(ready):
            outputs[i] = out
        return [o for o in outputs if o is not None]

    def _analyse(self, ready: list[_Ready]) -> Iterator[tuple[int, Output]]:
        for r, doc in zip(ready, self._parsed(ready), strict=True):
            yield r.index, self._extracted(r, doc)

    def _extracted(self, r: _Ready, doc: Doc | TimeLimitError) -> Output:
        try:
            if isinstance(doc, TimeLimitError):
                raise doc
            with time_limit(self.settings.article_time_limit, "extracting the article", source=r.article.source_id):
                return run_stages(doc, r.article, settings=self.settings)
        except TimeLimitError as exc:
            log.warning("%s: %s", r.article.source_id, exc.message)
            return error_record(exc, r.article.source_id)
        except Exception as exc:  # one bad article never stops a batch
            log.exception("stage failure on %s", r.article.source_id)
            return ErrorRecord(error=ErrorInfo(
                kind=ProcessingError.kind, message=f"processing failed: {type(exc).__name__}: {exc}",
                source=r.article.source_id))

    def _parsed(self, ready: list[_Ready]) -> list[Doc | TimeLimitError]:
        """The batch parsed together within the time limit of all its articles; when it runs out, each article
        alone within its own, so only a runaway one is lost."""
        limit = self.settings.article_time_limit
        alone = len(ready) == 1
        try:
            with time_limit(limit * max(1, len(ready)), "parsing the article" if alone else "parsing the batch",
                            source=ready[0].article.source_id if alone else None):
                return list(parse(self.nlp, [self._prepared(r) for r in ready], batch_size=self.settings.batch_size))
        except TimeLimitError as exc:
            if alone:
                return [exc]
            log.warning("a batch of %d articles ran out of time: parsing them one by one", len(ready))
        out: list[Doc | TimeLimitError] = []
        for r in ready:
            try:
                with time_limit(limit, "parsing the article", source=r.article.source_id):
                    out.extend(parse(self.nlp, [self._prepared(r)], batch_size=1))
            except TimeLimitError as exc:
                out.append(exc)
        return out

    def _prepared(self, r: _Ready) -> Doc:
        return prepare_doc(self.nlp, r.article.text, splits=r.layout.splits, sentence_starts=r.layout.sentence_starts)


@dataclass(frozen=True)
class _Ready:
    index: int
    article: Article
    layout: Layout


def _raw(text_or_html: str, *, url: str | None = None) -> RawDocument:
    source = url or "<text>"
    if looks_like_html(text_or_html):
        return RawDocument(source_id=source, html=text_or_html, url=url)
    return RawDocument(source_id=source, text=text_or_html, url=url)


def _as_error(out: ErrorRecord) -> DatelineError:
    from . import errors

    for cls in (errors.EmptyInputError, errors.BinaryInputError, errors.EncodingError, errors.TooLargeError,
                errors.FormatError, errors.FetchError, errors.TimeLimitError, errors.ProcessingError,
                errors.ModelError):
        if cls.kind == out.error.kind:
            return cls(out.error.message, source=out.error.source)
    if out.error.kind == errors.LanguageError.kind:
        return errors.LanguageError(out.error.message, language="", source=out.error.source)
    return DatelineError(out.error.message, source=out.error.source)
