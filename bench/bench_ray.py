"""The Ray engine on one machine against forked workers, and the figures docs/scaling.md's cost model uses.

    .venv/bin/python bench/bench_ray.py [--articles 120] [--per-shard 15] [--cpus 2] [--repeat 1]

Reads the same sample of BBC articles as bench/throughput.py (every 7th file of
../shared/data/corpus/bbc-fulltext) at run time and writes them, in a temporary folder, as JSON Lines shards of
``--per-shard`` articles. Then, each in a fresh process:

* ``workers``: ``dateline.process_many`` with ``--cpus`` forked workers (bench/throughput.py's extract_N: one
  timed pass after a warm-up on other articles);
* ``ray``: a local Ray of ``--cpus`` CPUs and a 200 MB object store, the engine's extraction of every shard
  (``--cpus`` actors, one CPU each) into record shards, timed from the first call (actor start and model
  load included) and by each shard's time inside its actor; then the record shards loaded into a fresh store.

Prints JSON: words/s of both; articles per actor-second (per core-second: one CPU per actor), over every shard
and per CPU-second of the actors' processes (what a shard costs whatever else shares the cores), over
every shard and over the shards after each actor's first (warm); a lone local process's articles per
CPU-second on the same texts, for comparison; peak RSS per actor; the object store's peak use while the
run went; the record shards' bytes per article; the store load's articles per second (the record shards loaded again
``--load-copies`` times under new ids, to time more articles than were extracted). Not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import BBC, interleaved, load_texts  # noqa: E402


def write_shards(folder: Path, n: int, per_shard: int) -> list[Path]:
    texts = load_texts(n)
    paths = []
    for s in range(0, n, per_shard):
        path = folder / f"shard-{s // per_shard:03d}.jsonl"
        lines = [json.dumps({"id": f"bbc-{i}", "text": t}) for i, t in enumerate(texts[s:s + per_shard], start=s)]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def measure_ray(n: int, per_shard: int, cpus: int, copies: int) -> dict[str, Any]:
    """Run in a child process: the engine's extraction on a local Ray, then the load into a store."""
    os.environ["RAY_USAGE_STATS_ENABLED"] = "0"
    import logging

    import ray.data  # binds ``ray`` too

    from dateline.scale.load import load_store
    from dateline.scale.output import Folder
    from dateline.scale.ray_engine import extract
    from dateline.scale.shards import list_shards
    from dateline.settings import DEFAULT

    settings = DEFAULT.replace(ray_cpus=cpus, ray_actors=cpus, ray_object_store_mb=200)
    with tempfile.TemporaryDirectory() as tmp:
        paths = write_shards(Path(tmp), n, per_shard)
        shards, _errors = list_shards([str(p) for p in paths])
        todo = [(s, s.name(settings)) for s in shards]
        ray.init(num_cpus=cpus, object_store_memory=200 * 2**20, include_dashboard=False,
                 logging_level=logging.ERROR, log_to_driver=False)
        peak = _ObjectStorePeak()
        start = time.perf_counter()
        results = extract(todo, str(Path(tmp) / "out"), settings=settings)
        wall = time.perf_counter() - start
        peak.stop()
        ray.shutdown()
        out = Path(tmp) / "out"
        out_bytes = sum(p.stat().st_size for p in out.glob("*.parquet"))
        names = [name for _s, name in todo] + _copies(out, copies)
        start = time.perf_counter()
        stored = load_store(Path(tmp) / "s.duckdb", Folder(str(out)), names, settings=settings)
        load_s = time.perf_counter() - start
    return {"seconds": round(wall, 3), "shards": [r.__dict__ for r in results], "object_store_peak_mib": peak.mib,
            "record_shard_bytes": out_bytes, "loaded": stored.added, "load_seconds": round(load_s, 3),
            "refresh_seconds": round(stored.refresh_seconds, 3)}


def _copies(out: Path, copies: int) -> list[str]:
    """``copies`` more of every record shard, each article under new ids (its text unchanged), so that the
    store load can be timed on more articles than were extracted."""
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    names = []
    for k in range(1, copies + 1):
        for path in sorted(out.glob("*.parquet")):
            if path.name.startswith("copy-"):
                continue
            table = pq.read_table(path)
            for column in ("json", "raw_key", "article_id", "source_id"):
                table = table.set_column(table.schema.get_field_index(column), column,
                                         _renamed(pc, table.column(column), k))
            pq.write_table(table, out / f"copy-{k}-{path.name}")
            names.append(f"copy-{k}-{path.name}")
    return names


def _renamed(pc: Any, column: Any, k: int) -> Any:
    """Every 16-hex-digit id (article ids, raw keys) and every source id made distinct for copy ``k``."""
    renamed = pc.replace_substring_regex(column, pattern=r"\b([0-9a-f]{13})[0-9a-f]{3}\b",
                                         replacement=rf"\1c{k:02x}")
    return pc.replace_substring_regex(renamed, pattern=r"bbc-(\d+)", replacement=rf"bbc-\1-copy{k}")


def measure_local(n: int) -> dict[str, Any]:
    """Run in a child process: one local process's CPU time for the same texts, after a warm-up."""
    from dateline.api import Extractor
    from dateline.intake.source import RawDocument
    from dateline.settings import DEFAULT

    extractor = Extractor(DEFAULT)
    list(extractor.run([RawDocument(source_id=f"w{i}", text=t) for i, t in enumerate(load_texts(8, offset=3))]))
    raws = [RawDocument(source_id=f"bbc-{i}", text=t) for i, t in enumerate(load_texts(n))]
    start = time.process_time()
    list(extractor.run(raws))
    return {"cpu_seconds": round(time.process_time() - start, 3)}


class _ObjectStorePeak:
    """Polls Ray's memory summary for the object store's use while a run goes."""

    def __init__(self) -> None:
        self.mib = 0.0
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._poll, daemon=True)
        self._thread.start()

    def _poll(self) -> None:
        from ray._private.internal_api import memory_summary

        while not self._done.wait(0.5):
            found = re.search(r"Plasma memory usage ([\d.]+) MiB", memory_summary(stats_only=True))
            self.mib = max(self.mib, float(found.group(1)) if found else 0.0)

    def stop(self) -> None:
        self._done.set()
        self._thread.join(timeout=10)


def summarise(ray_run: dict[str, Any], workers_run: dict[str, Any] | None, words: int, n: int,
              cpus: int) -> dict[str, Any]:
    shards = ray_run["shards"]
    warm = _after_first_per_actor(shards)
    busy = sum(s["seconds"] for s in shards)
    out: dict[str, Any] = {
        "articles": n, "words": words, "cpus": cpus, "shards": len(shards),
        "ray_words_per_s": round(words / ray_run["seconds"]),
        "ray_articles_per_actor_s": round(n / busy, 2),
        "ray_articles_per_cpu_s": round(n / sum(s["cpu_seconds"] for s in shards), 2),
        "ray_warm_articles_per_cpu_s": _rate(warm, "cpu_seconds"),
        "ray_seconds_with_actor_start": ray_run["seconds"],
        "ray_peak_rss_mb_per_actor": max(s["peak_rss_mb"] for s in shards),
        "object_store_peak_mib": ray_run["object_store_peak_mib"],
        "record_shard_bytes_per_article": round(ray_run["record_shard_bytes"] / n),
        "store_loaded_articles": ray_run["loaded"],
        "store_load_articles_per_s": round(ray_run["loaded"] / ray_run["load_seconds"], 1),
        "store_commit_articles_per_s": round(ray_run["loaded"] / (ray_run["load_seconds"]
                                                                   - ray_run["refresh_seconds"]), 1),
        "store_refresh_seconds": ray_run["refresh_seconds"],
    }
    if workers_run:
        out["workers_words_per_s"] = round(words / workers_run["seconds"])
        out["ray_vs_workers_throughput"] = round(workers_run["seconds"] / ray_run["seconds"], 3)
        out["workers_peak_rss_mb"] = workers_run["worker_peak_rss_mb"]
    return out


def _rate(shards: list[dict[str, Any]], key: str) -> float | None:
    return round(sum(s["records"] for s in shards) / sum(s[key] for s in shards), 2) if shards else None


def _after_first_per_actor(shards: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The shards after each actor's first (an actor's first shard also loads its lazy tables)."""
    seen: set[str] = set()
    warm = []
    for shard in shards:  # in the order they finished; an actor runs its shards one after the other
        if shard["actor"] in seen:
            warm.append(shard)
        seen.add(shard["actor"])
    return warm


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=120)
    ap.add_argument("--per-shard", type=int, default=15)
    ap.add_argument("--cpus", type=int, default=2)
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--load-copies", type=int, default=4, help="load the record shards this many more times, "
                                                                 "under new ids, to time the store load")
    ap.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--measure-local", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if not BBC.exists():
        sys.exit(f"skipped: the BBC corpus is not at {BBC}")
    if args.measure:
        print(json.dumps(measure_ray(args.articles, args.per_shard, args.cpus, args.load_copies)))
        return
    if args.measure_local:
        print(json.dumps(measure_local(args.articles)))
        return
    runs = []
    for _ in range(args.repeat):
        proc = subprocess.run([sys.executable, __file__, "--measure", "--articles", str(args.articles),
                               "--per-shard", str(args.per_shard), "--cpus", str(args.cpus),
                               "--load-copies", str(args.load_copies)],
                              capture_output=True, text=True, timeout=3600)
        if proc.returncode != 0:
            sys.exit(f"the Ray run failed:\n{proc.stderr[-3000:]}")
        runs.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    ray_run = min(runs, key=lambda r: r["seconds"])
    mode = f"extract_{args.cpus}"
    workers_run = min(interleaved((mode,), args.articles, args.repeat)[mode], key=lambda r: r["seconds"])
    local = json.loads(subprocess.run([sys.executable, __file__, "--measure-local", "--articles", str(args.articles)],
                                      capture_output=True, text=True, check=True, timeout=3600).stdout)
    words = sum(len(t.split()) for t in load_texts(args.articles))
    out = summarise(ray_run, workers_run, words, args.articles, args.cpus)
    out["local_articles_per_cpu_s"] = round(args.articles / local["cpu_seconds"], 2)
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
