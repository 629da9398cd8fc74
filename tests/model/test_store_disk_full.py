"""A full disk during an ingest: a clear error, a store that still opens as its last commit left it, and a run
that resumes to the store an uninterrupted one makes once there is space.

The disk is "filled" with a file-size limit (RLIMIT_FSIZE, with SIGXFSZ ignored so that a write past it fails
with EFBIG as a full disk fails with ENOSPC), set in this process once the model is loaded, and lifted after.
"""

from __future__ import annotations

import json
import os
import resource
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

import pytest

from dateline.errors import StoreError
from dateline.settings import load_settings
from dateline.store import Store

pytestmark = pytest.mark.skipif(not hasattr(resource, "RLIMIT_FSIZE") or os.name != "posix",
                                reason="needs RLIMIT_FSIZE and SIGXFSZ (POSIX)")
SETTINGS = load_settings(store_batch_size=4, batch_size=2)


def _corpus(path: Path, rounds: int = 4) -> Path:
    lines = (resources.files("dateline") / "samples" / "demo" / "articles.jsonl").read_text(encoding="utf-8")
    base = [json.loads(line) for line in lines.splitlines() if line.strip()]
    out = [{**o, "id": f"{o['id']}-{r}", "text": o["text"] + f"\n\nUpdate {r}: no further details on day {r}."}
           for r in range(rounds) for o in base]
    path.write_text("".join(json.dumps(o) + "\n" for o in out), encoding="utf-8")
    return path


@contextmanager
def _disk_full_beyond(size: int) -> Iterator[None]:
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    previous = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (size, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, previous)


def test_a_full_disk_stops_the_ingest_cleanly_and_the_run_resumes(tmp_path: Path) -> None:
    src = _corpus(tmp_path / "in.jsonl")
    whole = Store(tmp_path / "whole.duckdb", settings=SETTINGS)
    whole.ingest([str(src)])
    articles = whole.stats()["tables"]["articles"]

    first = tmp_path / "first.jsonl"
    first.write_text("".join(src.read_text(encoding="utf-8").splitlines(keepends=True)[:4]), encoding="utf-8")
    store = Store(tmp_path / "full.duckdb", settings=SETTINGS)
    store.ingest([str(first)])  # the model and tables are loaded; the store holds one batch
    with _disk_full_beyond(64 * 1024), pytest.raises(StoreError, match=r"free some space and run the same"):
        store.ingest([str(src)])

    kept = Store(tmp_path / "full.duckdb", settings=SETTINGS).stats()["tables"]["articles"]
    assert 4 <= kept < articles  # it opens, as its last commit left it
    summary = Store(tmp_path / "full.duckdb", settings=SETTINGS).ingest([str(src)])
    assert summary.added == articles - kept and summary.failed == 0
    assert Store(tmp_path / "full.duckdb").digest() == whole.digest()


def test_the_cli_says_so_in_one_message_without_a_traceback(tmp_path: Path) -> None:
    import subprocess
    import sys

    exe = Path(sys.executable).parent / "dateline"
    if not exe.exists():
        pytest.skip("the installed dateline script is missing")

    def full() -> None:  # in the child: every file stops growing at 64 KB
        # Below the size of the store's write-ahead log (about 170 KB for these articles): DuckDB commits to
        # its log, and a checkpoint that cannot grow the database file leaves the log in place (nothing is
        # lost, and nothing is reported), so a larger limit lets this ingest succeed.
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, resource.getrlimit(resource.RLIMIT_FSIZE)[1]))

    src = _corpus(tmp_path / "in.jsonl", rounds=1)
    proc = subprocess.run([str(exe), "ingest", str(src), "--db", str(tmp_path / "s.duckdb")], preexec_fn=full,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 2, proc.stderr[-2000:]
    assert "free some" in proc.stderr and "space" in proc.stderr and "Traceback" not in proc.stderr
    assert "could not write the store" in proc.stderr  # the store's own write failed, not some other file's
