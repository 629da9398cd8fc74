"""Store versions (new, older, newer, not a store) and the one-writer rule across processes."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

import duckdb
import pytest

from dateline.errors import StoreBusyError, StoreError, StoreVersionError
from dateline.records import Quote
from dateline.settings import load_settings
from dateline.store import Store
from dateline.store.connection import ROW_GROUP_SIZE, connect, writer_lock
from dateline.store.migrations import MIGRATIONS, STORE_VERSION, Migration, check_readable, upgrade

from .builders import article, event, quote, record


def _filled(tmp_path: Path) -> Store:
    store = Store(tmp_path / "v.duckdb", settings=load_settings(store_wait=0.5))
    a = article("Police fired tear gas at protesters on Tuesday.", source="a")
    store.add([record(a, event(a, "COERCE", actors=("police",)))])
    return store


def test_a_new_store_records_its_version(tmp_path: Path) -> None:
    store = _filled(tmp_path)
    assert store.stats()["store_version"] == STORE_VERSION
    assert store.migrate(dry_run=True) == [] and store.migrate() == []


def test_a_newer_store_is_refused_with_what_to_do(tmp_path: Path) -> None:
    store = _filled(tmp_path)
    with duckdb.connect(str(store.path)) as con:
        con.execute("UPDATE meta SET value = ? WHERE key = 'store_version'", [str(STORE_VERSION + 1)])
    with pytest.raises(StoreVersionError, match="newer dateline.*upgrade dateline"):
        store.events()
    with pytest.raises(StoreVersionError, match="newer dateline"):
        store.add([])


def test_an_older_store_is_migrated_by_a_writer_and_refused_by_a_reader(tmp_path: Path) -> None:
    store = _filled(tmp_path)
    later = (*MIGRATIONS, Migration(STORE_VERSION + 1, "0002_add_note",
                                    lambda con: con.execute("ALTER TABLE articles ADD COLUMN note VARCHAR")))
    with connect(store.path, read_only=True, wait=1) as con:
        with pytest.raises(StoreVersionError, match="dateline migrate --db .*0002_add_note"):
            check_readable(con, store.path, later)
    with connect(store.path, read_only=False, wait=1) as con:
        assert upgrade(con, store.path, later) == ["0002_add_note"]
        assert upgrade(con, store.path, later) == []
        assert "note" in [r[0] for r in con.execute("DESCRIBE articles").fetchall()]
    with connect(store.path, read_only=True, wait=1) as con:
        check_readable(con, store.path, later)


def _as_store_1(path: Path) -> None:
    """What dateline wrote as store schema 1: no listing tables, clusters without their article's provenance."""
    with duckdb.connect(str(path)) as con:
        for table in ("event_rows", "quote_rows", "place_names"):
            con.execute(f"DROP TABLE {table}")
        for column in ("article_title", "published", "source", "url"):
            con.execute(f"ALTER TABLE clusters DROP COLUMN {column}")
        con.execute("ALTER TABLE quotes DROP COLUMN spans")
        con.execute("UPDATE meta SET value = '1' WHERE key = 'store_version'")


def test_a_store_1_is_migrated_to_listing_tables_and_answers_as_a_new_one(tmp_path: Path) -> None:
    store = _filled(tmp_path)
    want = {kind: store.query(kind, raw=True).rows if kind == "events" else store.query(kind).rows
            for kind in ("events", "quotes")}
    want["clusters"] = store.events().rows
    digest = store.digest()
    store.close()
    _as_store_1(store.path)
    with pytest.raises(StoreVersionError, match="0002_listing_tables"):
        store.events()
    assert store.migrate() == ["0002_listing_tables", "0003_quote_spans", "0004_small_row_groups"]
    assert store.stats()["stale"] is False
    assert store.events(raw=True).rows == want["events"] and store.events().rows == want["clusters"]
    assert store.quotes().rows == want["quotes"] and store.digest() == digest
    assert want["events"] and want["clusters"][0]["source"] == "a"


def test_a_store_2_gives_its_quotes_one_piece_each_and_takes_new_rows_by_column_name(tmp_path: Path) -> None:
    store = Store(tmp_path / "q.duckdb", settings=load_settings(store_wait=0.5))
    a = article("The mayor said the bridge would reopen soon.", source="a")
    old = quote(a, "the bridge would reopen soon", "the mayor")
    store.add([record(a, quotes=(old,))])
    store.close()
    with duckdb.connect(str(store.path)) as con:
        con.execute("ALTER TABLE quotes DROP COLUMN spans")
        con.execute("UPDATE meta SET value = '2' WHERE key = 'store_version'")
    assert store.migrate() == ["0003_quote_spans", "0004_small_row_groups"]
    assert store.record(a.id).quotes[0].spans == ((old.start, old.end),)  # type: ignore[union-attr]
    b = article("\"We will rebuild,\" she said, \"and soon.\"", source="b")
    first, second = quote(b, "We will rebuild,", "she"), quote(b, "and soon.", "she")
    joined = Quote(id="q-b", kind="direct", text=b.text[first.start:second.end], start=first.start, end=second.end,
                   spans=((first.start, first.end - 1), (second.start, second.end)))
    store.add([record(b, quotes=(joined,))])
    assert store.record(b.id).quotes == (joined,)  # type: ignore[union-attr]
    assert store.record(a.id).quotes[0].spans == ((old.start, old.end),)  # type: ignore[union-attr]


def _row_groups(path: Path, table: str) -> int:
    with duckdb.connect(str(path), read_only=True) as con:
        return int(con.execute(f"SELECT count(DISTINCT row_group_id) FROM pragma_storage_info('{table}')")
                   .fetchall()[0][0])


def test_a_store_3_rewrites_its_listing_tables_in_small_row_groups_with_the_same_rows(tmp_path: Path) -> None:
    store = _filled(tmp_path)
    store.close()
    with duckdb.connect(str(store.path)) as con:  # written as dateline wrote store 3: DuckDB's default groups
        con.execute("INSERT INTO quote_rows (quote_id, speaker, text, start, \"end\", article_id, ord) "
                    "SELECT 'q' || i, 'speaker ' || (i % 97), 'words ' || i, 0, 5, 'a' || (i // 7), i % 7 "
                    "FROM range(30000) t(i)")
        con.execute("UPDATE meta SET value = '3' WHERE key = 'store_version'")
        before = con.execute("SELECT * FROM quote_rows ORDER BY rowid").fetchall()
    assert _row_groups(store.path, "quote_rows") == 1
    assert store.migrate() == ["0004_small_row_groups"]
    assert _row_groups(store.path, "quote_rows") >= 30000 // ROW_GROUP_SIZE
    with duckdb.connect(str(store.path), read_only=True) as con:
        assert con.execute("SELECT * FROM quote_rows ORDER BY rowid").fetchall() == before
    assert [q["speaker"] for q in store.quotes(speaker="speaker 96", limit=3).rows] == ["speaker 96"] * 3


def test_a_writer_writes_small_row_groups_that_a_later_writer_keeps(tmp_path: Path) -> None:
    store = _filled(tmp_path)
    with connect(store.path, read_only=False, wait=1) as con:
        con.execute("CREATE TABLE scratch AS SELECT range AS x FROM range(20000)")
    with connect(store.path, read_only=False, wait=1) as con:
        con.execute("INSERT INTO scratch SELECT range FROM range(20000)")
    assert _row_groups(store.path, "scratch") >= 40000 // ROW_GROUP_SIZE


def test_a_file_that_is_not_a_store_is_a_clear_error(tmp_path: Path) -> None:
    text = tmp_path / "notes.duckdb"
    text.write_text("not a database", encoding="utf-8")
    with pytest.raises(StoreError, match="cannot open the store"):
        Store(text).events()
    other = tmp_path / "other.duckdb"
    with duckdb.connect(str(other)) as con:
        con.execute("CREATE TABLE sales (x INTEGER)")
    with pytest.raises(StoreError, match="not a dateline store"):
        Store(other).add([])


def test_a_second_writer_stops_with_a_clear_message(tmp_path: Path) -> None:
    store = _filled(tmp_path)
    with writer_lock(store.path):
        with pytest.raises(StoreBusyError, match="another dateline ingest is writing"):
            store.add([])
    store.add([])  # the lock is released


def _hold(path: Path, seconds: float) -> subprocess.Popen[bytes]:
    code = textwrap.dedent(f"""
        import duckdb, sys, time
        con = duckdb.connect({str(path)!r})
        print("held", flush=True)
        time.sleep({seconds})
        con.close()
    """)
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE)
    assert proc.stdout is not None and proc.stdout.readline().strip() == b"held"
    return proc


def test_a_reader_waits_for_a_writer_to_let_go(tmp_path: Path) -> None:
    store = _filled(tmp_path)
    proc = _hold(store.path, 1.0)
    try:
        waiting = Store(store.path, settings=load_settings(store_wait=20))
        started = time.monotonic()
        assert len(waiting.events()) == 1
        assert time.monotonic() - started > 0.2
    finally:
        proc.communicate(timeout=10)


def test_a_reader_that_cannot_wait_longer_says_who_holds_the_file(tmp_path: Path) -> None:
    store = _filled(tmp_path)
    proc = _hold(store.path, 3.0)
    try:
        with pytest.raises(StoreBusyError, match="held by another process.*store_wait"):
            store.events()  # store_wait is 0.5 s here
    finally:
        proc.communicate(timeout=10)


WRITER = """
import sys
from dateline.settings import load_settings
from dateline.store import Store
sys.path.insert(0, {root!r})
from tests.store.builders import article, event, record
store = Store({path!r}, settings=load_settings(store_batch_size=5))
recs = []
for i in range(400):
    a = article(f"Report {{i}}: police fired tear gas at protesters on Tuesday in district {{i}}.", source=f"s{{i}}")
    recs.append(record(a, event(a, "COERCE", actors=("police",), place=f"district {{i}}")))
store.add(recs)
print("done", flush=True)
"""


def test_readers_keep_answering_while_an_ingest_writes(tmp_path: Path) -> None:
    store = _filled(tmp_path)
    root = str(Path(__file__).resolve().parents[2])
    proc = subprocess.Popen([sys.executable, "-c", WRITER.format(root=root, path=str(store.path))],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    reader = Store(store.path, settings=load_settings(store_wait=30))
    counts = []
    while proc.poll() is None and len(counts) < 200:
        counts.append(len(reader.articles(limit=10_000)))
    out, errs = proc.communicate(timeout=120)
    assert proc.returncode == 0, errs.decode()[-2000:]
    assert counts and counts == sorted(counts)  # every read saw whole batches, never fewer than before
    assert len(reader.articles(limit=10_000)) == 401


ADD_ONE = """
import sys
sys.path.insert(0, {root!r})
from dateline.settings import load_settings
from dateline.store import Store
from tests.store.builders import article, event, record
a = article("Soldiers arrested a journalist on Wednesday.", source="late")
Store({path!r}, settings=load_settings(store_wait=5)).add([record(a, event(a, "COERCE"))])
"""


def test_a_reader_keeping_its_connection_lets_go_when_a_writer_waits(tmp_path: Path) -> None:
    from dateline.store.connection import Reader

    store = _filled(tmp_path)
    reader = Reader(store.path, wait=5, idle=600)  # would keep the file for ten minutes if nobody asked
    with reader.connection() as con:
        assert con.execute("SELECT count(*) FROM articles").fetchall() == [(1,)]
    root = str(Path(__file__).resolve().parents[2])
    proc = subprocess.run([sys.executable, "-c", ADD_ONE.format(root=root, path=str(store.path))],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    with reader.connection() as con:  # opened again: sees the writer's batch
        assert con.execute("SELECT count(*) FROM articles").fetchall() == [(2,)]
    reader.close()
