"""Throughput of the whole extraction against the bare spaCy parse, workers against one, in one run.

    .venv/bin/python bench/throughput.py [--articles N] [--repeat R]   (defaults: 240 articles, 3 repeats)

Reads a sample of BBC articles from ../shared/data/corpus/bbc-fulltext at run time (skips with a message
when absent). Each measurement runs in a fresh process, one after the other on the same texts:

* ``bare``: ``nlp.pipe`` over the texts with the model as its package ships it and its default settings;
* ``extract_1`` / ``extract_2``: ``dateline.process_many`` with one worker and with two;
* ``textacy``: textacy's ``direct_quotations`` over the same texts, parsed by the same model, as a peer
  (reported as not installed unless ``pip install dateline[compare]``);
* cold start: a fresh ``dateline extract`` of one short wire story, from process start to its first record;
* ``ray``: the Ray engine on a local Ray of two CPUs against two forked workers (``bench/bench_ray.py``).

Each measurement is one timed pass in a fresh process, after a warm-up on other articles, so that no cache
has seen the timed texts; it is repeated in ``--repeat`` rounds, each round running every mode once (so a
slow spell of the machine falls on all of them alike), and the fastest of each mode kept (the machine's
noise only ever slows a run down); how much slower its slowest repeat was is printed beside it. The cold
start is the fastest of ``--repeat`` fresh starts. Prints JSON: words per second for each, the ratios the scaling issue
asks for (extract on one worker against the bare parse, two workers against one), the peak resident memory
of every process (a worker's own, for the parallel run) and the cold start. Not a test: timings belong here, not in CI.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BBC = REPO.parent / "shared" / "data" / "corpus" / "bbc-fulltext" / "bbc"
EXE = Path(sys.executable).parent / "dateline"


def load_texts(n: int, offset: int = 0) -> list[str]:
    files = sorted(BBC.glob("*/*.txt"))[offset::7][:n]
    return [f.read_bytes().decode("utf-8", errors="replace") for f in files]


def _peak_mb(who: int) -> float:
    return round(resource.getrusage(who).ru_maxrss / 1024, 1)


def measure(mode: str, n: int) -> dict[str, object]:
    """Run in a child process: time ``mode`` over the sample once, after a warm-up on other articles (so
    that no cache has seen the timed texts, in any mode)."""
    texts = load_texts(n)
    run = _runner(mode, texts)
    run(load_texts(8, offset=3))  # warm up: model, tables, gazetteer, language id
    seconds = _timed(lambda: run(texts))
    return {"mode": mode, "seconds": round(seconds, 3), "peak_rss_mb": _peak_mb(resource.RUSAGE_SELF),
            "worker_peak_rss_mb": _peak_mb(resource.RUSAGE_CHILDREN) or None}


def _runner(mode: str, texts: list[str]):  # type: ignore[no-untyped-def]
    from dateline.nlp import load_stock_model
    from dateline.settings import DEFAULT

    if mode == "bare":
        nlp = load_stock_model(DEFAULT.model)
        return lambda batch: list(nlp.pipe(batch))
    if mode == "textacy":
        from textacy.extract import direct_quotations  # type: ignore[import-not-found]

        nlp = load_stock_model(DEFAULT.model)

        def quotes(doc):  # type: ignore[no-untyped-def]
            try:
                return list(direct_quotations(doc))
            except ValueError:  # textacy bails out of an article with an odd number of quote marks
                return []

        return lambda batch: [quotes(doc) for doc in nlp.pipe(batch)]
    import dateline

    workers = int(mode.rsplit("_", 1)[1])
    return lambda batch: list(dateline.process_many(batch, workers=workers))


def _timed(fn) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def _child(mode: str, n: int) -> dict[str, object] | None:
    """One fresh process running ``mode`` once; None when textacy is not installed."""
    proc = subprocess.run([sys.executable, __file__, "--measure", mode, "--articles", str(n)],
                          capture_output=True, text=True, timeout=3600)
    if proc.returncode != 0:
        if "No module named 'textacy'" in proc.stderr:
            return None
        sys.exit(f"{mode} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def interleaved(modes: tuple[str, ...], n: int, repeat: int) -> dict[str, list[dict[str, object]]]:
    """Every mode once per round, ``repeat`` rounds: a slow spell of the machine falls on all modes alike
    instead of on whichever ran during it."""
    runs: dict[str, list[dict[str, object]]] = {mode: [] for mode in modes}
    for _ in range(repeat):
        for mode in modes:
            if mode in runs and (run := _child(mode, n)) is not None:
                runs[mode].append(run)
            else:
                runs.pop(mode, None)
    return runs


def _seconds(run: dict[str, object]) -> float:
    return float(run["seconds"])  # type: ignore[arg-type]


# A short wire story (three sentences, 54 words): what a user's first extraction is of.
COLD_START_TEXT = (
    "Officials said on Monday that police had arrested twelve protesters in the capital after a march against "
    "new fuel prices turned violent. The interior ministry said the protesters had thrown stones at officers, "
    "and that they would be charged with public disorder. Opposition leaders called the arrests an attack on "
    "the right to protest.\n")


def cold_start() -> float:
    """Seconds from starting ``dateline extract`` to its first record (the gazetteer already built)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "short.txt"
        path.write_text(COLD_START_TEXT)
        start = time.perf_counter()
        proc = subprocess.Popen([str(EXE), "extract", "--format", "jsonl", str(path)], stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL, text=True)
        assert proc.stdout is not None
        proc.stdout.readline()
        elapsed = time.perf_counter() - start
        proc.wait(timeout=120)
    return round(elapsed, 2)


def ray_vs_workers(n: int, repeat: int) -> object:
    """The Ray engine on a local Ray against forked workers (bench/bench_ray.py), or why it was not measured."""
    proc = subprocess.run([sys.executable, str(Path(__file__).with_name("bench_ray.py")), "--articles", str(n),
                           "--repeat", str(repeat)], capture_output=True, text=True, timeout=3600)
    if proc.returncode != 0:
        lines = proc.stderr.strip().splitlines()
        return f"not measured: {lines[-1] if lines else proc.returncode} (pip install dateline[ray])"
    return json.loads(proc.stdout)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=240)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--measure", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if not BBC.exists():
        sys.exit(f"skipped: the BBC corpus is not at {BBC}")
    if args.measure:
        print(json.dumps(measure(args.measure, args.articles)))
        return
    words = sum(len(t.split()) for t in load_texts(args.articles))
    cold_start()  # the first one may build the gazetteer index and the derived tables; the figure is the next
    runs = interleaved(("bare", "extract_1", "extract_2", "textacy"), args.articles, args.repeat)
    best = {mode: min(rs, key=_seconds) for mode, rs in runs.items()}
    seconds = {mode: _seconds(r) for mode, r in best.items()}
    print(json.dumps({
        "articles": args.articles, "words": words, "repeat": args.repeat, "cpus": os.cpu_count(),
        "words_per_s": {mode: round(words / s) for mode, s in seconds.items()},
        "slowest_vs_fastest_repeat": {mode: round(max(map(_seconds, rs)) / seconds[mode], 2)
                                      for mode, rs in runs.items()},
        "extract_1_vs_bare_throughput": round(seconds["bare"] / seconds["extract_1"], 3),
        "workers_2_vs_1_throughput": round(seconds["extract_1"] / seconds["extract_2"], 3),
        "textacy_vs_bare_throughput": round(seconds["bare"] / seconds["textacy"], 3) if "textacy" in seconds
        else "textacy not installed (pip install dateline[compare])",
        "peak_rss_mb": {mode: r["peak_rss_mb"] for mode, r in best.items()},
        "worker_peak_rss_mb": best["extract_2"]["worker_peak_rss_mb"],
        "cold_start_s": min(cold_start() for _ in range(args.repeat)),
        "ray": ray_vs_workers(args.articles, args.repeat),
    }, indent=1))


if __name__ == "__main__":
    main()
