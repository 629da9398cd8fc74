"""The store schema's version and its named, ordered migrations.

A new store gets every table as :mod:`.schema` derives it today and is recorded at :data:`STORE_VERSION`
with every migration marked applied. An older store is brought up to date by the migrations after its
version, in order, each in the writer's transaction; a reader refuses an out-of-date store and says what
to run. A store from a newer dateline is refused by both.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb

from ..errors import StoreError, StoreVersionError
from .connection import one, transaction
from .derive import mark_stale
from .schema import DERIVED_TABLES, LISTING_TABLES, META, TABLES, quoted

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Migration:
    version: int  # the store version this migration brings a store to
    name: str
    apply: Callable[[duckdb.DuckDBPyConnection], None]


def _create(con: duckdb.DuckDBPyConnection) -> None:
    for table in TABLES:
        con.execute(table.ddl())


def _listing_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Store 2: clusters carry their article's provenance, and the listing tables exist. Everything derived is
    dropped and made again empty, and the store marked stale: the writer that migrates refreshes it."""
    for table in (*DERIVED_TABLES, *LISTING_TABLES):
        con.execute(f"DROP TABLE IF EXISTS {quoted(table.name)}")
        con.execute(table.ddl())
    mark_stale(con, True)


def _quote_spans(con: duckdb.DuckDBPyConnection) -> None:
    """Store 3: quotes carry their pieces (``spans``); a quote stored before is one piece, start to end."""
    con.execute('ALTER TABLE quotes ADD COLUMN IF NOT EXISTS spans BIGINT[][]')
    con.execute('UPDATE quotes SET spans = [[start, "end"]] WHERE spans IS NULL OR len(spans) = 0')


def _small_row_groups(con: duckdb.DuckDBPyConnection) -> None:
    """Store 4: the tables that queries page through (the derived and listing tables) are written again, in
    the writer's small row groups (``connection.ROW_GROUP_SIZE``), in the order they were stored."""
    for table in (*DERIVED_TABLES, *LISTING_TABLES):
        name = quoted(table.name)
        con.execute(f"CREATE TEMP TABLE _rewrite AS SELECT * FROM {name} ORDER BY rowid")
        con.execute(f"DELETE FROM {name}")
        con.execute(f"INSERT INTO {name} SELECT * FROM _rewrite")
        con.execute("DROP TABLE _rewrite")


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "0001_create_tables", _create),
    Migration(2, "0002_listing_tables", _listing_tables),
    Migration(3, "0003_quote_spans", _quote_spans),
    Migration(4, "0004_small_row_groups", _small_row_groups),
)
STORE_VERSION = MIGRATIONS[-1].version


def stored_version(con: duckdb.DuckDBPyConnection, path: Path) -> int | None:
    """The store version recorded in the file; None for a file with no tables at all (a new store)."""
    tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    if not tables:
        return None
    if META.name not in tables:
        raise StoreError(f"{path} is a DuckDB database but not a dateline store (it has no {META.name} table); "
                         f"give another --db")
    row = one(con, f"SELECT value FROM {quoted(META.name)} WHERE key = 'store_version'")
    if row is None:
        raise StoreError(f"{path} is not a complete dateline store (no store_version); give another --db")
    return int(row[0])


def pending(version: int | None, migrations: tuple[Migration, ...] = MIGRATIONS) -> tuple[Migration, ...]:
    """The migrations a store at ``version`` still needs (all of them for a new store)."""
    return tuple(m for m in migrations if version is None or m.version > version)


def check_readable(con: duckdb.DuckDBPyConnection, path: Path,
                   migrations: tuple[Migration, ...] = MIGRATIONS) -> None:
    """Raise a clear error unless a reader can use the store as it is."""
    version = stored_version(con, path)
    if version is None:
        raise StoreError(f"{path} is an empty database, not a dateline store: fill it with `dateline ingest`")
    _refuse_newer(version, path, migrations)
    todo = pending(version, migrations)
    if todo:
        names = ", ".join(m.name for m in todo)
        raise StoreVersionError(f"{path} has store schema {version}; this dateline reads {migrations[-1].version}: "
                                f"run `dateline migrate --db {path}` (it applies {names})")


def upgrade(con: duckdb.DuckDBPyConnection, path: Path, migrations: tuple[Migration, ...] = MIGRATIONS) -> list[str]:
    """Bring the store to the current version in one transaction; returns the names of the migrations run."""
    version = stored_version(con, path)
    if version is not None:
        _refuse_newer(version, path, migrations)
    todo = pending(version, migrations)
    if not todo:
        return []
    with transaction(con):
        if version is None:  # a new store: today's tables, every migration counted as applied
            _create(con)
        else:
            for m in todo:
                log.info("store %s: migration %s", path, m.name)
                m.apply(con)
        _set_version(con, migrations[-1].version)
    return [m.name for m in todo]


def _set_version(con: duckdb.DuckDBPyConnection, version: int) -> None:
    con.execute(f"DELETE FROM {quoted(META.name)} WHERE key = 'store_version'")
    con.execute(f"INSERT INTO {quoted(META.name)} VALUES ('store_version', ?)", [str(version)])


def _refuse_newer(version: int, path: Path, migrations: tuple[Migration, ...]) -> None:
    if version > migrations[-1].version:
        raise StoreVersionError(f"{path} was written by a newer dateline (store schema {version}; this one knows up "
                                f"to {migrations[-1].version}): upgrade dateline, or give another --db")
