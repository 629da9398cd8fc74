"""Reliability in one table: fuzzed hostile input, ingests killed at random points, and the API under load.

    .venv/bin/python bench/bench_reliability.py [--articles 1000] [--kills 20] [--fuzz 500]
        [--api-db STORE [--workers 2]]

* **fuzz**: runs tests/model/test_hostile_input.py with the ``fuzz`` hypothesis profile (``--fuzz`` examples per
  strategy): cases tried, crashes (an exception out of the batch, or an offset that does not slice back),
  hangs (an example over its time bound).
* **crash**: ``--articles`` BBC articles (read from ../shared/data at run time, never copied) as one JSON Lines
  file; one uninterrupted ``dateline ingest``, then the same ingest into another store SIGKILLed ``--kills``
  times at random moments and resumed after each, then run to the end: articles lost, articles duplicated (per
  table, against the uninterrupted store) and whether every table's content digest is the same.
* **load**: with ``--api-db`` (a store of ≥ 100k events; ``bench/bench_store.py queries --db STORE --keep``
  builds one), ``bench/bench_api.py`` at ``--rate`` requests/s for ``--seconds``, on 127.0.0.1 only, every request
  answered by the store (no response cache), served by ``--workers`` processes (2; ``dateline serve --workers``).

Prints the table, then a ``summary:`` line. A bench, not a test: nothing here is timed in CI.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_store import BBC, summary_line  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
EXE = Path(sys.executable).parent / "dateline"


def fuzz(examples: int) -> dict[str, Any]:
    env = {**os.environ, "HYPOTHESIS_PROFILE": "fuzz", "DATELINE_FUZZ_EXAMPLES": str(examples)}
    started = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           "tests/model/test_hostile_input.py"], cwd=ROOT, env=env, capture_output=True, text=True)
    out = proc.stdout + proc.stderr
    failed = int(m.group(1)) if (m := re.search(r"(\d+) failed", out)) else 0
    passed = int(m.group(1)) if (m := re.search(r"(\d+) passed", out)) else 0
    strategies = 5  # the @given tests; the others are single extremes
    return {"cases_tried": strategies * examples + max(0, passed + failed - strategies),
            "crashes": failed - out.count("an input hung the batch"), "hangs": out.count("an input hung the batch"),
            "seconds": round(time.monotonic() - started, 1)}


def _corpus(path: Path, n: int) -> int:
    """N BBC articles spread evenly over the sorted corpus (all 2,225 at most)."""
    files = sorted(BBC.glob("*/*.txt"))
    rows = []
    for file in files[::max(1, len(files) // max(1, n))][:n]:
        rows.append({"id": str(file.relative_to(file.parents[1])),
                     "text": file.read_text(encoding="latin-1")})
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return len(rows)


def _ingest(src: Path, db: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen([str(EXE), "ingest", str(src), "--db", str(db)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)


def crash(n: int, kills: int, seed: int) -> dict[str, Any]:
    from dateline.store import Store

    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        articles = _corpus(tmp / "in.jsonl", n)
        started = time.monotonic()
        assert _ingest(tmp / "in.jsonl", tmp / "whole.duckdb").wait() == 0
        whole_seconds = time.monotonic() - started
        killed = 0
        for _ in range(kills):
            proc = _ingest(tmp / "in.jsonl", tmp / "killed.duckdb")
            time.sleep(rng.uniform(3.0, max(4.0, whole_seconds / kills * 2)))  # past start-up, inside the run
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
                killed += 1
            proc.wait()
        assert _ingest(tmp / "in.jsonl", tmp / "killed.duckdb").wait() == 0
        whole, resumed = Store(tmp / "whole.duckdb"), Store(tmp / "killed.duckdb")
        a, b = whole.stats()["tables"], resumed.stats()["tables"]
        return {"articles": articles, "kills": killed,
                "lost": sum(max(0, a[t] - b.get(t, 0)) for t in a),
                "duplicated": sum(max(0, b.get(t, 0) - a[t]) for t in a),
                "same_digest": whole.digest() == resumed.digest(),
                "uninterrupted_seconds": round(whole_seconds, 1)}


def load(db: str, rate: float, seconds: float, workers: int) -> dict[str, Any]:
    """bench_api.py with every request answered by the store (no response cache)."""
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / "bench_api.py"), "--db", db, "--rate", str(rate),
                           "--seconds", str(seconds), "--no-cache", "--workers", str(workers)],
                          capture_output=True, text=True)
    start = proc.stdout.find("{")
    figures = json.loads(proc.stdout[start:proc.stdout.rindex("}") + 1])
    return {"requests_per_s": figures["rate_achieved"], "asked_per_s": rate, "requests": figures["requests"],
            "p50_ms": figures["overall"]["p50_ms"], "p95_ms": figures["overall"]["p95_ms"],
            "errors": sum(e["errors"] for e in figures["endpoints"].values()), "server_workers": workers}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=1000, help="BBC articles in the crash test")
    ap.add_argument("--kills", type=int, default=20, help="SIGKILLs before the run is let finish (0: no crash test)")
    ap.add_argument("--fuzz", type=int, default=500, help="hypothesis examples per strategy (0: no fuzzing)")
    ap.add_argument("--api-db", help="a store of ≥ 100k events for the load test (skipped without it)")
    ap.add_argument("--rate", type=float, default=200.0)
    ap.add_argument("--seconds", type=float, default=60.0)
    ap.add_argument("--workers", type=int, default=2, help="server processes in the load test (serve --workers)")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    figures: dict[str, Any] = {}
    if args.fuzz > 0:
        figures["fuzz"] = fuzz(args.fuzz)
    if args.kills > 0:
        figures["crash"] = crash(args.articles, args.kills, args.seed)
    if args.api_db:
        figures["load"] = load(args.api_db, args.rate, args.seconds, args.workers)
    print(f"{'part':<6} {'figure':<22} value")
    for part, values in figures.items():
        for key, value in values.items():
            print(f"{part:<6} {key:<22} {value}")
    print("summary: " + summary_line({"reliability": figures}))


if __name__ == "__main__":
    main()
