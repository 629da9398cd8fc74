"""Opening the DuckDB file: one writer at a time, readers between the writer's batches.

DuckDB lets one process hold a database file for writing and then no other process may open it, not even
to read. So a writer holds the file only while it commits a batch, and every opener (reader or writer)
waits up to the ``store_wait`` setting for the file to be free. A second ingest is kept out for the whole
run by a lock file beside the store, and stops at once with a message saying so.

A :class:`Reader` keeps its read-only connection open between queries (opening the file costs tens of
milliseconds) and lets go of it as soon as a writer announces itself (an intent file beside the store,
holding the writer's process id) or after a moment without queries.
"""

from __future__ import annotations

import atexit
import os
import threading
import time
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb
from filelock import FileLock, Timeout

from ..errors import StoreBusyError, StoreError
from .schema import quoted


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


def missing(db: Path) -> StoreError:
    return StoreError(f"no store at {db}: create one with `dateline ingest SOURCES --db {db}`")


def count(con: duckdb.DuckDBPyConnection, table: str) -> int:
    """Rows in a table of the store (``table`` is one of the store's own names, never a user's)."""
    row = one(con, f"SELECT count(*) FROM {quoted(table)}")
    return int(row[0]) if row else 0


def intent_path(db: Path) -> Path:
    return db.with_name(db.name + ".writing")


@contextmanager
def connect(db: Path, *, read_only: bool, wait: float) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection to ``db``, waiting up to ``wait`` seconds while another process holds the file.

    A writer announces itself first, so that readers holding the file let go of it."""
    if read_only and not db.exists():
        raise missing(db)
    intent = None if read_only else intent_path(db)
    if intent is not None:
        intent.write_text(str(os.getpid()), encoding="ascii")
    try:
        con = _open(db, read_only=read_only, wait=wait)
        try:
            yield con
        finally:
            con.close()
    finally:
        if intent is not None:
            intent.unlink(missing_ok=True)


def writer_waiting(db: Path) -> bool:
    """True while a live process announces it wants to write ``db``."""
    try:
        pid = int(intent_path(db).read_text(encoding="ascii") or 0)
    except (OSError, ValueError):
        return False
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False  # left behind by a killed writer
    except PermissionError:
        return True
    return True


_READERS: weakref.WeakSet[Reader] = weakref.WeakSet()


@atexit.register
def _close_readers() -> None:
    """Connections closed before the interpreter tears DuckDB down (a kept one would crash the exit)."""
    for reader in list(_READERS):
        reader.close()


class Reader:
    """A read-only connection kept between queries; closed when a writer waits or after ``idle`` seconds.

    Each use gets its own cursor of the one connection, so that queries from several threads (the HTTP
    server's) run at once (as many as :meth:`pace` allows); the connection is closed only when no cursor is
    in use. While a writer waits, new uses wait for the ones in flight to end, the connection is closed, and
    they open it again once the writer let go of the file.
    """

    def __init__(self, db: Path, *, wait: float, idle: float = 0.5,
                 check: Callable[[duckdb.DuckDBPyConnection], None] | None = None) -> None:
        self.db, self.wait, self.idle, self.check = db, wait, idle, check
        self.threads = 0  # DuckDB's threads per query; 0: its default (every core)
        self._turns: threading.BoundedSemaphore | None = None  # None: no limit on queries at once
        self._holding = threading.local()
        self._con: duckdb.DuckDBPyConnection | None = None
        self._lock = threading.Condition(threading.RLock())
        self._in_use = 0
        self._last = 0.0
        self._closer: threading.Thread | None = None
        _READERS.add(self)

    @contextmanager
    def connection(self) -> Iterator[duckdb.DuckDBPyConnection]:
        with self._turn():
            cursor = self._acquire()
            try:
                yield cursor
            finally:
                self._release(cursor)

    def pace(self, *, at_once: int, threads: int) -> None:
        """Run ``at_once`` queries at most at a time, each on ``threads`` of DuckDB's threads (from the next
        time the file is opened)."""
        self._turns = threading.BoundedSemaphore(at_once)
        self.threads = threads
        self.close()

    @contextmanager
    def _turn(self) -> Iterator[None]:
        """One of the ``at_once`` turns that :meth:`pace` set, if it did (a thread holding one goes on)."""
        turns = self._turns
        if turns is None or getattr(self._holding, "turn", False):
            yield
            return
        turns.acquire()
        self._holding.turn = True
        try:
            yield
        finally:
            self._holding.turn = False
            turns.release()

    def _acquire(self) -> duckdb.DuckDBPyConnection:
        with self._lock:
            if self._con is not None and writer_waiting(self.db):
                self._lock.wait_for(lambda: self._in_use == 0, timeout=self.wait)
                if self._in_use == 0:
                    self._close()
            if self._con is None:
                self._con = self._opened()
                self._start_closer()
            cursor = self._con.cursor()
            self._in_use += 1
        return cursor

    def _release(self, cursor: duckdb.DuckDBPyConnection) -> None:
        cursor.close()
        with self._lock:
            self._in_use -= 1
            self._last = time.monotonic()
            self._lock.notify_all()

    def _opened(self) -> duckdb.DuckDBPyConnection:
        if not self.db.exists():
            raise missing(self.db)
        con = _open(self.db, read_only=True, wait=self.wait)
        if self.threads:
            con.execute(f"SET threads = {int(self.threads)}")
        try:
            if self.check is not None:
                self.check(con)
        except BaseException:
            con.close()
            raise
        return con

    def close(self) -> None:
        """Close the connection now, once the queries in flight (if any) have ended."""
        with self._lock:
            self._lock.wait_for(lambda: self._in_use == 0, timeout=self.wait)
            if self._in_use == 0:
                self._close()

    def _close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None

    def _start_closer(self) -> None:
        if self._closer is None or not self._closer.is_alive():
            self._closer = threading.Thread(target=self._close_when_idle, name="dateline-store-reader", daemon=True)
            self._closer.start()

    def _close_when_idle(self) -> None:
        while True:
            time.sleep(min(0.05, self.idle / 4))
            with self._lock:
                if self._con is None:
                    return
                if self._in_use == 0 and (time.monotonic() - self._last >= self.idle or writer_waiting(self.db)):
                    self._close()
                    return


# Rows per row group in what a writer writes. DuckDB skips a row group when its min/max cannot match a
# filter (or cannot beat the rows a top-N query already holds); groups this small let a page of a listing
# table, stored in the order its queries filter and sort, read a few thousand rows rather than 122,880.
# DuckDB takes it only as an option of ATTACH and does not keep it in the file, so every writer sets it.
ROW_GROUP_SIZE = 8192


# Pages up to this many rows are read in two steps by DuckDB: the rows' ids from the filter and order columns,
# then the other columns of those rows only (DuckDB's default, 50, leaves a page of 100 reading every column
# of every candidate row: a page of clusters in no particular filter took twice as long at a million events).
LATE_MATERIALIZATION_ROWS = 1001


def _open(db: Path, *, read_only: bool, wait: float) -> duckdb.DuckDBPyConnection:
    deadline = time.monotonic() + wait
    delay = 0.02
    while True:
        try:
            con = duckdb.connect(str(db), read_only=True) if read_only else _writer(db)
            con.execute("SET enable_progress_bar = false")  # the library prints nothing
            con.execute(f"SET GLOBAL late_materialization_max_rows = {LATE_MATERIALIZATION_ROWS}")
            return con
        except (duckdb.IOException, duckdb.ConnectionException, duckdb.ResourceInUseException) as exc:
            # held by another process (a lock), or by a reader or writer of this process (another
            # configuration, or the file already attached)
            if not _held(exc):
                raise StoreError(f"cannot open the store {db}: {_first_line(exc)}") from None
            if time.monotonic() >= deadline:
                raise StoreBusyError(f"the store {db} is held by another process (waited {wait:g} s, setting "
                                     f"store_wait): {_first_line(exc)}") from None
        except duckdb.Error as exc:
            raise StoreError(f"cannot open the store {db}: {_first_line(exc)}") from None
        time.sleep(delay)
        delay = min(delay * 2, 0.5)


def _writer(db: Path) -> duckdb.DuckDBPyConnection:
    """The store attached for writing, with :data:`ROW_GROUP_SIZE`, as the connection's default database."""
    con = duckdb.connect()
    try:
        path = str(db).replace("'", "''")  # ATTACH takes no parameters: the path as an SQL string literal
        con.execute(f"ATTACH '{path}' AS store (ROW_GROUP_SIZE {ROW_GROUP_SIZE})")
        con.execute("USE store")
    except BaseException:
        con.close()
        raise
    return con


def _held(exc: duckdb.Error) -> bool:
    text = str(exc)
    return "lock" in text.lower() or "different configuration" in text or "Unique file handle conflict" in text


def one(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> tuple[Any, ...] | None:
    """The first row of a query, its result read to the end (DuckDB keeps an unfinished result open)."""
    rows = con.execute(sql, params or []).fetchall()
    return rows[0] if rows else None


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """Everything inside is committed together, or not at all."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield
        con.execute("COMMIT")
    except BaseException:
        try:
            con.execute("ROLLBACK")
        except duckdb.TransactionException:
            pass  # a failed COMMIT (the disk full) has ended the transaction already: the first error tells
        raise


def insert(con: duckdb.DuckDBPyConnection, table: str, rows: Any) -> None:
    """Append an Arrow table's rows to ``table``, column by name (a migrated table may order them otherwise)."""
    con.register("_rows", rows)
    try:
        con.execute(f"INSERT INTO {quoted(table)} BY NAME SELECT * FROM _rows")
    finally:
        con.unregister("_rows")


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
