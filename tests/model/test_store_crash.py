"""A killed ingest resumes without loss or double counting: SIGKILL at several points, then a resumed run ends
with exactly the store an uninterrupted run makes (content digests of every table)."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from importlib import resources
from pathlib import Path

import pytest

from dateline.store import Store

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
EXE = Path(sys.executable).parent / "dateline"


def _corpus(path: Path) -> Path:
    """24 distinct articles from the demo's: each demo article, then variants with one sentence of their own."""
    lines = (resources.files("dateline") / "samples" / "demo" / "articles.jsonl").read_text(encoding="utf-8")
    base = [json.loads(line) for line in lines.splitlines() if line.strip()]
    out = []
    for round_ in range(3):
        for obj in base:
            extra = "" if round_ == 0 else f"\n\nUpdate {round_}: officials gave no further details on day {round_}."
            out.append({**obj, "id": f"{obj['id']}-{round_}", "text": obj["text"] + extra})
    path.write_text("".join(json.dumps(o) + "\n" for o in out), encoding="utf-8")
    return path


def _ingest(src: Path, db: Path, cfg: Path) -> subprocess.Popen[str]:
    return subprocess.Popen([str(EXE), "--verbose", "--config", str(cfg), "ingest", str(src), "--db", str(db)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def _kill_after_commits(proc: subprocess.Popen[str], commits: int, delay: float) -> bool:
    """SIGKILL the ingest ``delay`` seconds after its ``commits``-th committed batch; False if it ended first."""
    assert proc.stderr is not None
    seen = 0
    for line in proc.stderr:
        seen += "committed:" in line
        if seen >= commits:
            time.sleep(delay)
            killed = proc.poll() is None
            proc.send_signal(signal.SIGKILL)
            proc.communicate(timeout=60)
            return killed
    proc.communicate(timeout=60)
    return False


def test_sigkill_at_several_points_then_resume_equals_an_uninterrupted_run(tmp_path: Path) -> None:
    if not EXE.exists():
        pytest.skip("the installed dateline script is missing")
    src = _corpus(tmp_path / "in.jsonl")
    cfg = tmp_path / "s.toml"
    cfg.write_text("[dateline]\nstore_batch_size = 3\nbatch_size = 2\n", encoding="utf-8")
    whole = tmp_path / "whole.duckdb"
    proc = _ingest(src, whole, cfg)
    _out, errs = proc.communicate(timeout=600)
    assert proc.returncode == 0, errs[-2000:]

    killed = tmp_path / "killed.duckdb"
    rng = random.Random(7)
    kills = sum(_kill_after_commits(_ingest(src, killed, cfg), commits=rng.randint(1, 2), delay=rng.random() * 0.4)
                for _ in range(4))  # mid-extraction, mid-commit or between the two
    assert kills >= 3, "the runs ended before they could be killed; the test proves nothing"
    stored = Store(killed).stats()["tables"]["articles"]
    assert 0 < stored < 24
    proc = _ingest(src, killed, cfg)
    _out, errs = proc.communicate(timeout=600)
    assert proc.returncode == 0, errs[-2000:]
    assert Store(killed).digest() == Store(whole).digest()
    assert Store(killed).stats()["tables"]["articles"] == 24
