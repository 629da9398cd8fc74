"""The store's reader as a server paces it: one DuckDB thread per query, a bounded number of queries at once."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from dateline.settings import load_settings
from dateline.store import Store
from dateline.store.connection import Reader

from .builders import article, event, record


def _store(tmp_path: Path, **settings: object) -> Store:
    store = Store(tmp_path / "r.duckdb", settings=load_settings(store_wait=5, **settings))
    a = article("Police fired tear gas at protesters on Tuesday.", source="a")
    store.add([record(a, event(a, "COERCE", actors=("police",)))])
    return store


def test_a_serving_store_runs_each_query_on_one_thread_and_answers_as_before(tmp_path: Path) -> None:
    store = _store(tmp_path)
    before = store.events().rows
    with store._reader() as con:
        default_threads = con.execute("SELECT current_setting('threads')").fetchall()[0][0]
    store.serving()
    with store._reader() as con:
        assert con.execute("SELECT current_setting('threads')").fetchall()[0][0] == 1
    assert store.events().rows == before and before
    assert default_threads >= 1


def test_past_the_turns_a_query_waits_until_one_ends(tmp_path: Path) -> None:
    store = _store(tmp_path)
    reader = Reader(store.path, wait=5)
    reader.pace(at_once=1, threads=1)
    inside, release, second_in = threading.Event(), threading.Event(), threading.Event()

    def first() -> None:
        with reader.connection():
            inside.set()
            release.wait(10)

    def second() -> None:
        with reader.connection() as con:
            con.execute("SELECT count(*) FROM events").fetchall()
            second_in.set()

    a, b = threading.Thread(target=first), threading.Thread(target=second)
    a.start()
    assert inside.wait(10)
    b.start()
    time.sleep(0.3)
    assert not second_in.is_set()  # the one turn is taken
    release.set()
    a.join(10)
    b.join(10)
    assert second_in.is_set()
    reader.close()


def test_a_thread_that_holds_a_turn_may_read_again_inside_it(tmp_path: Path) -> None:
    store = _store(tmp_path, store_readers=1)
    store.serving()
    done = threading.Event()

    def nested() -> None:
        with store._reader() as outer:
            with store._reader() as inner:
                assert inner.execute("SELECT count(*) FROM events").fetchall() == [(1,)]
            assert outer.execute("SELECT count(*) FROM articles").fetchall() == [(1,)]
        done.set()

    t = threading.Thread(target=nested, daemon=True)
    t.start()
    t.join(10)
    assert done.is_set()  # no deadlock with a single turn


def test_a_writer_of_the_same_process_waits_for_the_reader_to_let_go(tmp_path: Path) -> None:
    store = _store(tmp_path)
    assert store.events().rows  # the reader now holds the file open
    b = article("Troops shelled the town on Monday.", source="b")
    summary = store.add([record(b, event(b, "ASSAULT", actors=("troops",)))])
    assert summary.added == 1 and len(store.events(raw=True).rows) == 2


def test_a_store_whose_path_has_a_quote_mark_is_written_and_read(tmp_path: Path) -> None:
    store = Store(tmp_path / "o'brien's; DROP.duckdb", settings=load_settings(store_wait=5))
    a = article("Police fired tear gas at protesters on Tuesday.", source="a")
    assert store.add([record(a, event(a, "COERCE", actors=("police",)))]).added == 1
    assert [e["type"] for e in store.events(raw=True).rows] == ["COERCE"]
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".duckdb") == ["o'brien's; DROP.duckdb"]
