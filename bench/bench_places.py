"""Cost of the places stage against the spaCy parse of the same texts, in the same run.

    .venv/bin/python bench/bench_places.py [--articles N] [--build]

Reads BBC articles from ../shared/data/corpus/bbc-fulltext at run time (skips with a message when absent).
Prints JSON: the gazetteer's cold start (a fresh process: import, open the index, answer the first names)
and its resident memory, the mean spaCy parse and the mean geoparse per article, and each as a ratio to
the parse. ``--build`` also times a full index build into a temporary folder.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BBC = REPO.parent / "shared" / "data" / "corpus" / "bbc-fulltext" / "bbc"

COLD_START = """
import time, resource
t = time.perf_counter()
from dateline.geo import default_gazetteer
from dateline.settings import DEFAULT
g = default_gazetteer(DEFAULT)
for name in ("Lima", "London", "Springfield", "Washington", "U.S.", "Nairobi", "Georgia", "Asia"):
    g.candidates(name)
elapsed = time.perf_counter() - t
rss = [l for l in open("/proc/self/status") if l.startswith("VmRSS")][0].split()[1]
print(elapsed, int(rss) / 1024, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def load_texts(n: int) -> list[str]:
    files = sorted(BBC.glob("*/*.txt"))[::7][:n]
    return [f.read_bytes().decode("utf-8", errors="replace") for f in files]


def cold_start() -> tuple[float, float, float]:
    """Seconds to first answers, resident MB after them, peak MB (a fresh interpreter; the index exists)."""
    out = subprocess.run([sys.executable, "-c", COLD_START], capture_output=True, text=True, check=True)
    seconds, rss, peak = (float(x) for x in out.stdout.split())
    return seconds, rss, peak


def build_seconds() -> float:
    from dateline.geo.build import build_index

    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        build_index(Path(tmp) / "gazetteer.sqlite")
        return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=100)
    ap.add_argument("--build", action="store_true", help="also time a full index build")
    args = ap.parse_args()
    if not BBC.exists():
        sys.exit(f"skipped: the BBC corpus is not at {BBC}")
    from dateline.geo import default_gazetteer
    from dateline.geo.parser import geoparse
    from dateline.nlp import load_model, parse, prepare_doc
    from dateline.settings import DEFAULT

    gazetteer = default_gazetteer(DEFAULT)  # builds the index on a fresh machine, before any timing
    cold_s, rss_mb, peak_mb = cold_start()
    texts = load_texts(args.articles)
    nlp = load_model(DEFAULT.model)
    list(parse(nlp, [prepare_doc(nlp, t) for t in texts[:2]], batch_size=2))  # warm up
    start = time.perf_counter()
    docs = list(parse(nlp, [prepare_doc(nlp, t) for t in texts], batch_size=DEFAULT.batch_size))
    parse_s = (time.perf_counter() - start) / len(texts)
    start = time.perf_counter()
    places = sum(len(geoparse(doc, gazetteer)) for doc in docs)
    geo_s = (time.perf_counter() - start) / len(texts)
    report = {
        "articles": len(texts), "places": places,
        "spacy_parse_ms_per_article": round(parse_s * 1000, 1), "geoparse_ms_per_article": round(geo_s * 1000, 1),
        "ratio_geoparse_to_parse": round(geo_s / parse_s, 2),
        "gazetteer_cold_start_s": round(cold_s, 3), "ratio_cold_start_to_parse": round(cold_s / parse_s, 1),
        "gazetteer_process_rss_mb": round(rss_mb), "gazetteer_process_peak_rss_mb": round(peak_mb),
    }
    if args.build:
        report["index_build_s"] = round(build_seconds(), 1)
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
