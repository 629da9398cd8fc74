"""Ingest: extract articles and write their records to the store, in committed batches.

Idempotent and resumable. An input already stored (same source and same raw content) is skipped before
it is parsed; an article whose text is already stored under another source gains that source and nothing
else. Each batch is one transaction, so a run killed at any point leaves whole batches only, and the next
run skips what they hold. ``update`` re-extracts stored inputs and replaces their records.
"""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from ..api import chunks, process_batches
from ..errors import StoreError, disk_refused
from ..intake.read import Item
from ..intake.source import RawDocument
from ..records import ErrorRecord, Output, Record, content_id, to_dict
from ..settings import Settings
from .connection import connect, count, insert, transaction, writer_lock
from .derive import is_stale, mark_stale, refresh
from .migrations import upgrade
from .schema import ARTICLES, CHILDREN, ERRORS, RECORD_TABLES, SIGNATURES, SOURCES, quoted, record_rows
from .stories import signature

log = logging.getLogger(__name__)


@dataclass
class IngestSummary:
    """What one ingest did. ``skipped`` counts inputs already stored (``new_sources`` of them were the text of
    a stored article read from another source, now listed as one more source of it)."""

    added: int = 0
    updated: int = 0
    skipped: int = 0
    new_sources: int = 0
    failed: int = 0
    stories: int = 0
    clusters: int = 0
    seconds: float = 0.0
    refresh_seconds: float = 0.0  # of ``seconds``: regrouping stories and event clusters at the end
    migrations: list[str] = field(default_factory=list)

    @property
    def seen(self) -> int:
        return self.added + self.updated + self.skipped + self.failed


@dataclass
class _Known:
    """What the store already holds, loaded once per run and kept up to date batch by batch."""

    raw: dict[str, str]  # raw key → article id
    articles: set[str]
    sources: set[tuple[str, str]]  # (article id, source id)
    updated: set[str] = field(default_factory=set)  # article ids re-extracted by this run (``update``)


def raw_key(item: RawDocument) -> str:
    """The input as read: its source and content (an HTML page's key does not wait for its extraction)."""
    return content_id(item.source_id, item.text or "", item.html or "", item.url or "")


def ingest(db: Path, items: Iterable[Item], *, settings: Settings, update: bool = False,
           published: str | None = None,
           on_progress: Callable[[IngestSummary], None] | None = None) -> IngestSummary:
    """Extract ``items`` and store what is not stored yet (everything, with ``update``).

    The inputs are taken ``store_batch_size`` at a time by their position in the stream: each such range is
    extracted in parse batches that start at the range's start, and committed in one transaction. A resumed
    run re-extracts exactly the ranges that were not committed, with the same parse batches, so it stores
    exactly what an uninterrupted run stores (the spaCy parse of an article can differ in its last bits with
    the other articles of its parse batch).
    """
    tick = on_progress or (lambda s: None)

    def ranges(known: _Known, summary: IngestSummary) -> Iterator[list[tuple[Output, str | None]]]:
        seen: set[str] = set()
        plans: deque[list[str | None]] = deque()

        def batches() -> Iterator[list[Item]]:
            for chunk in chunks(items, settings.store_batch_size):
                todo, keys = _unstored(chunk, known, seen, update, summary)
                tick(summary)
                plans.append(keys)
                yield from chunks(todo, settings.batch_size)

        outputs: list[Output] = []
        for out in process_batches(batches(), workers=settings.workers, settings=settings, published=published):
            outputs.extend(out)
            while plans and len(outputs) >= len(plans[0]):
                keys = plans.popleft()
                done, outputs = outputs[:len(keys)], outputs[len(keys):]
                yield list(zip(done, keys, strict=True))

    return _store(db, ranges, settings=settings, update=update, on_progress=tick)


def add_outputs(db: Path, outputs: Iterable[Output], *, settings: Settings, update: bool = False) -> IngestSummary:
    """Store records already extracted (e.g. read back from ``dateline extract`` output)."""
    keyed = ((out, None if isinstance(out, ErrorRecord) else content_id(out.article.source_id, out.article.text))
             for out in outputs)
    return add_keyed(db, keyed, settings=settings, update=update)


def add_keyed(db: Path, pairs: Iterable[tuple[Output, str | None]], *, settings: Settings,
              update: bool = False) -> IngestSummary:
    """Store outputs extracted elsewhere (another process, a Ray cluster), each with the key of its input as
    :func:`raw_key` gives it (None for an error record): an input stored already is skipped unless ``update``,
    so the store is what ``ingest`` makes of the same inputs, and a killed load resumes."""

    def ranges(known: _Known, summary: IngestSummary) -> Iterator[list[tuple[Output, str | None]]]:
        for chunk in chunks(pairs, settings.store_batch_size):
            todo = []
            for out, key in chunk:
                if key is not None and key in known.raw and not update:
                    summary.skipped += 1
                else:
                    todo.append((out, key))
            yield todo

    return _store(db, ranges, settings=settings, update=update)


Ranges = Callable[["_Known", IngestSummary], Iterator[list[tuple[Output, str | None]]]]


def _store(db: Path, ranges: Ranges, *, settings: Settings, update: bool,
           on_progress: Callable[[IngestSummary], None] | None = None) -> IngestSummary:
    """Commit each range of (output, raw key) pairs in one transaction, then refresh stories and clusters."""
    start = time.monotonic()
    summary = IngestSummary()
    tick = on_progress or (lambda s: None)
    with writer_lock(db), _writes_to(db):
        with connect(db, read_only=False, wait=settings.store_wait) as con:
            summary.migrations = upgrade(con, db)
            known = _load_known(con)
        for pairs in ranges(known, summary):
            _commit(db, pairs, known, update, summary, settings)
            log.info("committed: %d added, %d updated, %d failed so far", summary.added, summary.updated,
                     summary.failed)
            tick(summary)
        _refresh_if_stale(db, summary, settings)
    summary.seconds = time.monotonic() - start
    return summary


@contextmanager
def _writes_to(db: Path) -> Iterator[None]:
    """A write the disk refuses (full, over quota, a file-size limit) is a StoreError that says what to do: the
    batch being written is rolled back, the store stays as its last commit left it, and the next run resumes."""
    try:
        yield
    except (duckdb.IOException, duckdb.TransactionException) as exc:
        if isinstance(exc, duckdb.TransactionException) and "write" not in str(exc).lower():
            raise
        raise StoreError(f"could not write the store {db} ({exc}). If the disk is full, free some space and run "
                         "the same command again: it resumes after the last committed batch") from exc
    except OSError as exc:
        if not disk_refused(exc):
            raise
        raise StoreError(f"could not write while ingesting into {db} ({exc.strerror}): free some space and run "
                         "the same command again; it resumes after the last committed batch") from exc


def _unstored(chunk: list[Item], known: _Known, seen: set[str], update: bool,
              summary: IngestSummary) -> tuple[list[Item], list[str | None]]:
    """The inputs of one range still to extract, and the raw key of each (None for an intake error).

    An input stored already, or met earlier in this run, is skipped (counted as already stored)."""
    todo: list[Item] = []
    keys: list[str | None] = []
    for item in chunk:
        key = None if isinstance(item, ErrorRecord) else raw_key(item)
        if key is not None and ((key in known.raw and not update) or key in seen):
            summary.skipped += 1
            continue
        if key is not None:
            seen.add(key)
        todo.append(item)
        keys.append(key)
    return todo, keys


def _load_known(con: duckdb.DuckDBPyConnection) -> _Known:
    sources = con.execute("SELECT article_id, source_id, raw_key FROM article_sources").fetchall()
    articles = {r[0] for r in con.execute("SELECT id FROM articles").fetchall()}
    return _Known(raw={k: a for a, _s, k in sources}, articles=articles, sources={(a, s) for a, s, _k in sources})


@dataclass
class _Batch:
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: {t.name: [] for t in RECORD_TABLES})
    replaced: set[str] = field(default_factory=set)  # article ids whose records are rewritten
    cleared_sources: set[str] = field(default_factory=set)  # sources that now have an article: errors go
    errors: list[dict[str, Any]] = field(default_factory=list)


def _commit(db: Path, batch: list[tuple[Output, str | None]], known: _Known, update: bool,
            summary: IngestSummary, settings: Settings) -> None:
    if not batch:
        return
    plan = _Batch()
    added: set[str] = set()
    for out, key in batch:
        if isinstance(out, ErrorRecord):
            plan.errors.append(to_dict(out.error))
            summary.failed += 1
        else:
            _plan_record(out, key or "", plan, known, added, update, summary, settings)
    with connect(db, read_only=False, wait=settings.store_wait) as con:
        _write(con, plan)
    known.articles |= added | plan.replaced
    known.updated |= plan.replaced
    for row in plan.rows[SOURCES.name]:
        known.raw[row["raw_key"]] = row["article_id"]
        known.sources.add((row["article_id"], row["source_id"]))


def _plan_record(record: Record, key: str, plan: _Batch, known: _Known, added: set[str], update: bool,
                 summary: IngestSummary, settings: Settings) -> None:
    art = record.article
    plan.cleared_sources.add(art.source_id)
    stored = art.id in known.articles or art.id in added
    if stored and not (update and art.id in known.articles and art.id not in plan.replaced | known.updated):
        summary.skipped += 1
        if (art.id, art.source_id) not in known.sources and not _planned_source(plan, art.id, art.source_id):
            summary.new_sources += 1
            plan.rows[SOURCES.name].append(_source_row(record, key))
        return
    if stored:
        plan.replaced.add(art.id)
        summary.updated += 1
    else:
        added.add(art.id)
        summary.added += 1
    for table, rows in record_rows(record).items():
        plan.rows[table].extend(rows)
    sig = signature(art.id, art.text, settings)
    plan.rows[SIGNATURES.name].append({"article_id": art.id, "shingles": sig.shingles, "minhash": sig.minhash})
    if (art.id, art.source_id) not in known.sources:
        plan.rows[SOURCES.name].append(_source_row(record, key))


def _planned_source(plan: _Batch, article_id: str, source_id: str) -> bool:
    return any(r["article_id"] == article_id and r["source_id"] == source_id for r in plan.rows[SOURCES.name])


def _source_row(record: Record, key: str) -> dict[str, Any]:
    return {"article_id": record.article.id, "source_id": record.article.source_id, "url": record.article.url,
            "raw_key": key}


def _write(con: duckdb.DuckDBPyConnection, plan: _Batch) -> None:
    with transaction(con):
        _delete_replaced(con, sorted(plan.replaced))
        _delete_errors(con, plan)
        for table in (*RECORD_TABLES[:-1], ERRORS):
            rows = plan.errors if table is ERRORS else plan.rows[table.name]
            if rows:
                insert(con, table.name, table.arrow(rows))
        mark_stale(con, True)


def _delete_replaced(con: duckdb.DuckDBPyConnection, ids: list[str]) -> None:
    if not ids:
        return
    con.execute(f"DELETE FROM {quoted(ARTICLES.name)} WHERE id IN (SELECT unnest(?))", [ids])
    for table in (*CHILDREN, SIGNATURES):
        con.execute(f"DELETE FROM {quoted(table.name)} WHERE article_id IN (SELECT unnest(?))", [ids])


def _delete_errors(con: duckdb.DuckDBPyConnection, plan: _Batch) -> None:
    """An error is replaced by the same error from this run, and cleared when its source now has an article."""
    sources = sorted(plan.cleared_sources | {e["source"] for e in plan.errors})
    if sources:
        con.execute(f"DELETE FROM {quoted(ERRORS.name)} WHERE source IN (SELECT unnest(?))", [sources])


def _refresh_if_stale(db: Path, summary: IngestSummary, settings: Settings) -> None:
    with connect(db, read_only=False, wait=settings.store_wait) as con:
        if is_stale(con):
            start = time.monotonic()
            summary.stories, summary.clusters = refresh(con, settings)
            summary.refresh_seconds = time.monotonic() - start
        else:
            summary.stories = count(con, "stories")
            summary.clusters = count(con, "clusters")

