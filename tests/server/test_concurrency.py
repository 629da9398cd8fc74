"""Concurrency: the API keeps answering while an ingest in another process writes to the same store, and two
ingests started on one file never corrupt it (the second stops with a clear message, nothing is lost)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

from fastapi.testclient import TestClient

from dateline.settings import load_settings
from dateline.store import Store

from .conftest import build

ROOT = str(Path(__file__).resolve().parents[2])

WRITER = textwrap.dedent("""
    import sys, time
    sys.path.insert(0, {root!r})
    from dateline.settings import load_settings
    from dateline.store import Store
    from tests.store.builders import article, event, record

    def records():
        for i in range({n}):
            a = article(f"Report {{i}} from {tag}: police fired tear gas at protesters in district {{i}}.",
                        source=f"{tag}{{i}}", published="2025-06-01")
            if i == 0:
                print("writing", flush=True)
            time.sleep({pause})
            yield record(a, event(a, "COERCE", actors=("police",), place=f"district {{i}}"))

    summary = Store({path!r}, settings=load_settings(store_batch_size=5, store_wait=30)).add(records())
    print("stored", summary.added, flush=True)
""")


def _writer(path: Path, tag: str, n: int, pause: float) -> subprocess.Popen[str]:
    code = WRITER.format(root=ROOT, path=str(path), tag=tag, n=n, pause=pause)
    return subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_the_api_keeps_answering_while_an_ingest_writes(tmp_path: Path) -> None:
    from dateline.server import create_app

    store = build(tmp_path / "busy.duckdb")
    store = Store(store.path, settings=load_settings(store_wait=30))
    client = TestClient(create_app(store), raise_server_exceptions=False)
    proc = _writer(store.path, "w", 300, 0.005)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "writing"
    statuses, articles = [], []
    deadline = time.monotonic() + 120
    try:
        while proc.poll() is None and time.monotonic() < deadline:
            for url in ("/api/stats", "/api/events?raw=true&limit=5", "/api/articles?limit=1"):
                res = client.get(url)
                statuses.append(res.status_code)
                if url == "/api/stats" and res.status_code == 200:
                    articles.append(res.json()["articles"])
    finally:
        out, errs = proc.communicate(timeout=180)
    assert proc.returncode == 0, errs[-2000:]
    assert statuses and set(statuses) == {200}, [s for s in statuses if s != 200][:5]
    assert articles == sorted(articles)  # every answer saw whole batches, never fewer than the one before
    assert len(set(articles)) >= 3  # answers came while the batches went in, not only before or after
    assert client.get("/api/stats").json()["articles"] == 3 + 300


def test_a_second_ingest_on_the_same_file_stops_and_the_store_stays_whole(tmp_path: Path) -> None:
    path = tmp_path / "two.duckdb"
    Store(path, settings=load_settings()).add([])
    first = _writer(path, "a", 60, 0.02)  # holds the writer's lock for about a second
    assert first.stdout is not None and first.stdout.readline().strip() == "writing"
    second = _writer(path, "b", 60, 0.0)
    out2, err2 = second.communicate(timeout=180)
    out1, err1 = first.communicate(timeout=180)
    assert first.returncode == 0 and "stored 60" in out1, err1[-2000:]
    assert second.returncode != 0 and "another dateline ingest is writing" in err2, err2[-2000:]
    assert "Traceback" not in err2.split("StoreBusyError")[-1]  # the message is the error itself
    store = Store(path, settings=load_settings())
    assert store.overview()["articles"] == 60
    again = _writer(path, "b", 60, 0.0)  # run again once the first is done: it goes in whole
    out, errs = again.communicate(timeout=180)
    assert again.returncode == 0 and "stored 60" in out, errs[-2000:]
    assert store.overview()["articles"] == 120
    assert len({row["source"] for row in store.articles(limit=1000)}) == 120
