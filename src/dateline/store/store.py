"""The store: one DuckDB file holding a corpus's records, its stories and its event clusters.

:class:`Store` is the one data layer: ``dateline ingest``, ``query`` and ``export``, and the HTTP API, all
call it, and nothing else opens the database.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import duckdb

from ..errors import QueryError
from ..intake.read import read_inputs
from ..records import ErrorRecord, Output, Record, to_dict
from ..settings import DEFAULT, Settings
from .connection import Reader, connect, count, one, writer_lock
from .derive import is_stale, refresh
from .export import export as _export
from .export import feature_collection
from .ingest import IngestSummary, Item, add_outputs, ingest
from .migrations import MIGRATIONS, check_readable, pending, stored_version, upgrade
from .query import KINDS, QUERIES, Filters, Rows, cluster, overview, points, timeline
from .read import digest, errors, iter_records, load_records
from .schema import TABLES

T = TypeVar("T")
_COORDS = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$")


class Store:
    """A dateline store at ``path`` (default: the ``db`` setting, ``./dateline.duckdb``)."""

    def __init__(self, path: str | Path | None = None, *, settings: Settings | None = None) -> None:
        self.settings = settings or DEFAULT
        self.path = Path(path if path is not None else self.settings.db).expanduser()
        self._reader_conn = Reader(self.path, wait=self.settings.store_wait,
                                   check=lambda con: check_readable(con, self.path))

    def serving(self) -> Store:
        """Set the store up for a server's many small queries at once: each runs on one thread, and as many
        run together as the ``store_readers`` setting says (0: one per CPU core); the rest wait their turn.
        More at once would only share the cores, each query slower, and a burst would slow every one."""
        self._reader_conn.pace(at_once=self.settings.store_readers or os.cpu_count() or 1, threads=1)
        return self

    def close(self) -> None:
        """Let go of the file now (it is let go anyway when a writer waits, or after half a second idle)."""
        self._reader_conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({str(self.path)!r})"

    def fingerprint(self) -> str | None:
        """A text that changes whenever the store's files do (a write by any process changes the database file
        or its write-ahead log); None when there is no store. Taken before a read, it names data at least as old
        as what the read sees: the server keys its cached responses with it."""
        parts = []
        for path in (self.path, self.path.with_name(self.path.name + ".wal")):
            try:
                st = path.stat()
            except OSError:
                if path == self.path:
                    return None
                parts.append("-")
                continue
            parts.append(f"{st.st_ino}:{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}")
        return "|".join(parts)

    # ---- writing ------------------------------------------------------------------------------------------
    def ingest(self, sources: Iterable[str], *, update: bool = False, published: str | None = None,
               on_progress: Callable[[IngestSummary], None] | None = None) -> IngestSummary:
        """Extract and store every article in ``sources`` (paths, folders, URLs, ``-``), as ``extract`` reads them."""
        return self.ingest_items(read_inputs(sources, settings=self.settings), update=update, published=published,
                                 on_progress=on_progress)

    def ingest_items(self, items: Iterable[Item], *, update: bool = False, published: str | None = None,
                     on_progress: Callable[[IngestSummary], None] | None = None) -> IngestSummary:
        """Store already-read inputs (RawDocuments, or ErrorRecords from intake)."""
        self.close()
        return ingest(self.path, items, settings=self.settings, update=update, published=published,
                      on_progress=on_progress)

    def add(self, outputs: Iterable[Output], *, update: bool = False) -> IngestSummary:
        """Store Records (and ErrorRecords) that were extracted already, without extracting again."""
        self.close()
        return add_outputs(self.path, outputs, settings=self.settings, update=update)

    def refresh(self) -> tuple[int, int]:
        """Regroup stories and event clusters now (e.g. after changing the story_* or cluster_* settings);
        returns (stories, clusters)."""
        self.close()
        with writer_lock(self.path), connect(self.path, read_only=False, wait=self.settings.store_wait) as con:
            check_readable(con, self.path)
            return refresh(con, self.settings)

    def migrate(self, *, dry_run: bool = False) -> list[str]:
        """Apply the pending migrations (or, with ``dry_run``, only name them)."""
        self.close()
        if dry_run:
            with self._reader(check=False) as con:
                return [m.name for m in pending(stored_version(con, self.path), MIGRATIONS)]
        with writer_lock(self.path), connect(self.path, read_only=False, wait=self.settings.store_wait) as con:
            applied = upgrade(con, self.path)
            if is_stale(con):  # a migration that remade derived tables leaves them to be refreshed now
                refresh(con, self.settings)
            return applied

    # ---- reading ------------------------------------------------------------------------------------------
    @contextmanager
    def _reader(self, *, check: bool = True):  # type: ignore[no-untyped-def]
        if not check:  # a look at an out-of-date store: its own connection, never kept
            with connect(self.path, read_only=True, wait=self.settings.store_wait) as con:
                yield con
            return
        with self._reader_conn.connection() as con:
            yield con

    def query(self, kind: str, filters: Filters | None = None, **kwargs: Any) -> Rows:
        """Rows of ``kind`` (events, quotes, places, entities, articles, stories) matching the filters."""
        if kind not in QUERIES:
            raise QueryError(f"unknown kind {kind!r}; choose one of {', '.join(KINDS)}")
        return self._run(lambda con, f: QUERIES[kind](f).fetch(con), filters, kwargs)

    def geojson(self, kind: str, filters: Filters | None = None, *, lean: bool = False, **kwargs: Any) -> str:
        """The rows of ``kind`` (events or places) matching the filters that have a position, as an RFC 7946
        FeatureCollection (JSON text; each row's other columns are a feature's properties). ``lean``: only
        what a map marker shows (ids, type, day, place, sources), in the same order; ``cluster`` has the rest."""
        if kind not in ("events", "places"):
            raise QueryError(f"no GeoJSON of {kind!r}; choose events or places")
        select = (lambda f: points(kind, f)) if lean else QUERIES[kind]
        return self._run(lambda con, f: feature_collection(con, select(f)), filters, kwargs)

    def cluster(self, cluster_id: str) -> dict[str, Any] | None:
        """One event cluster (as ``events`` lists it) and its events, each with its article; None if unknown."""
        one_cluster, its_events = cluster(cluster_id)
        with self._reader() as con:
            found = one_cluster.fetch(con).rows
            if not found:
                return None
            return {"cluster": found[0], "events": its_events.fetch(con).rows}

    def timeline(self, filters: Filters | None = None, **kwargs: Any) -> Rows:
        """Event clusters (``raw=True``: events) matching the filters, counted per day: rows of (day, n)."""
        return self._run(lambda con, f: timeline(f).fetch(con), filters, kwargs)

    def _run(self, read: Callable[[duckdb.DuckDBPyConnection, Filters], T], filters: Filters | None,
             kwargs: dict[str, Any]) -> T:
        """``read`` on a reader connection, with the filters (``kwargs`` over ``filters``) and a place name
        in ``near`` resolved to its position."""
        f = filters or Filters()
        if kwargs:
            f = _filters(f, kwargs)
        with self._reader() as con:
            if isinstance(f.near, str):
                f = dataclasses.replace(f, near=self._place(con, f.near))
            return read(con, f)

    def events(self, **filters: Any) -> Rows:
        """Event clusters (``raw=True``: every event) — e.g. ``events(type="PROTEST", near="Nairobi", km=25)``."""
        return self.query("events", **filters)

    def quotes(self, **filters: Any) -> Rows:
        return self.query("quotes", **filters)

    def places(self, **filters: Any) -> Rows:
        return self.query("places", **filters)

    def entities(self, **filters: Any) -> Rows:
        return self.query("entities", **filters)

    def articles(self, **filters: Any) -> Rows:
        return self.query("articles", **filters)

    def stories(self, **filters: Any) -> Rows:
        return self.query("stories", **filters)

    def record(self, article_id: str) -> Record | None:
        with self._reader() as con:
            found = load_records(con, [article_id])
        return found[0] if found else None

    def article(self, article_id: str) -> dict[str, Any] | None:
        """One article with its record (every span), its story and every source it was read from."""
        with self._reader() as con:
            found = load_records(con, [article_id])
            if not found:
                return None
            story = one(con, "SELECT story_id FROM article_stories WHERE article_id = ?", [article_id])
            sources = con.execute("SELECT source_id, url FROM article_sources WHERE article_id = ? "
                                  "ORDER BY source_id, url", [article_id]).fetchall()
        return {"article": to_dict(found[0].article), "record": to_dict(found[0]),
                "story_id": story[0] if story else None,
                "sources": [{"source_id": s, "url": u} for s, u in sources]}

    def overview(self) -> dict[str, Any]:
        """Counts of articles, events, clusters, quotes, places, stories and errors; first and last day; the
        event types (with their cluster counts) and modalities the store holds."""
        with self._reader() as con:
            return overview(con)

    def records(self) -> list[Record]:
        with self._reader() as con:
            return list(iter_records(con))

    def errors(self) -> list[ErrorRecord]:
        with self._reader() as con:
            return errors(con)

    def export(self, fmt: str, out: str | Path, *, kind: str | None = None) -> list[Path]:
        with self._reader() as con:
            return _export(con, fmt, Path(out), kind)

    def stats(self) -> dict[str, Any]:
        """Rows per table, the schema version and whether stories and clusters await a refresh."""
        with self._reader() as con:
            counts = {t.name: count(con, t.name) for t in TABLES if t.name != "meta"}
            return {"path": str(self.path), "store_version": stored_version(con, self.path),
                    "stale": is_stale(con), "tables": counts}

    def digest(self) -> dict[str, str]:
        with self._reader() as con:
            return digest(con)

    def _place(self, con: duckdb.DuckDBPyConnection, near: str) -> tuple[float, float]:
        """``near`` as (lat, lon): ``LAT,LON``, else the stored place of that name mentioned most often."""
        if m := _COORDS.match(near):
            lat, lon = float(m.group(1)), float(m.group(2))
            if -90 <= lat <= 90 and -180 <= lon <= 180:
                return lat, lon
            raise QueryError(f"not a position: {near!r} (latitude -90..90, longitude -180..180)")
        row = one(con, "SELECT lat, lon FROM place_names WHERE key = lower(?) GROUP BY lat, lon "
                       "ORDER BY sum(n) DESC, lat, lon LIMIT 1", [near.strip()])
        if row is None:
            raise QueryError(f"no stored place is called {near!r}; give a place the store holds, or LAT,LON")
        return float(row[0]), float(row[1])


def _filters(base: Filters, kwargs: dict[str, Any]) -> Filters:
    try:
        return dataclasses.replace(base, **kwargs)
    except TypeError as exc:
        raise QueryError(f"unknown filter: {exc}") from None

