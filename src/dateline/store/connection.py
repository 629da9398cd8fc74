"""Opening the DuckDB file: one writer at a time, readers between the writer's batches.

DuckDB lets one process hold a database file for writing and then no other process may open it, not even
to read. So a writer holds the file only while it commits a batch, and every opener (reader or writer)
waits up to the ``store_wait`` setting for the file to be free. A second ingest is kept out for the whole
run by a lock file beside the store, and stops at once with a message saying so.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb
from filelock import FileLock, Timeout

from ..errors import StoreBusyError, StoreError


def lock_path(db: Path) -> Path:
    return db.with_name(db.name + ".lock")


@contextmanager
def writer_lock(db: Path) -> Iterator[None]:
    """Held for a whole ingest: a second writer on the same file stops with a clear message."""
    lock = FileLock(str(lock_path(db)), timeout=0)
    try:
        lock.acquire()
    except Timeout:
        raise StoreBusyError(f"another dateline ingest is writing to {db}; wait for it to finish, "
                             f"or ingest into another --db") from None
    try:
        yield
    finally:
        lock.release()


@contextmanager
def connect(db: Path, *, read_only: bool, wait: float) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection to ``db``, waiting up to ``wait`` seconds while another process holds the file."""
    if read_only and not db.exists():
        raise StoreError(f"no store at {db}: create one with `dateline ingest SOURCES --db {db}`")
    con = _open(db, read_only=read_only, wait=wait)
    try:
        yield con
    finally:
        con.close()


def _open(db: Path, *, read_only: bool, wait: float) -> duckdb.DuckDBPyConnection:
    deadline = time.monotonic() + wait
    delay = 0.02
    while True:
        try:
            return duckdb.connect(str(db), read_only=read_only)
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower():
                raise StoreError(f"cannot open the store {db}: {_first_line(exc)}") from None
            if time.monotonic() >= deadline:
                raise StoreBusyError(f"the store {db} is held by another process (waited {wait:g} s, setting "
                                     f"store_wait): {_first_line(exc)}") from None
        except duckdb.Error as exc:
            raise StoreError(f"cannot open the store {db}: {_first_line(exc)}") from None
        time.sleep(delay)
        delay = min(delay * 2, 0.5)


def one(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> tuple[Any, ...] | None:
    """The first row of a query, its result read to the end (DuckDB keeps an unfinished result open)."""
    rows = con.execute(sql, params or []).fetchall()
    return rows[0] if rows else None


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
