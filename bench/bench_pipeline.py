"""Throughput of the whole pipeline against bare spaCy on the same texts, in the same run.

    .venv/bin/python bench/bench_pipeline.py [--articles N] [--workers W]

Reads BBC articles from ../shared/data/corpus/bbc-fulltext at run time (skips with a message when absent).
Prints JSON: seconds and words per second for bare `nlp.pipe` and for `dateline.process_many`, their
ratio (dateline time / spaCy time), and the peak resident memory of this process.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BBC = REPO.parent / "shared" / "data" / "corpus" / "bbc-fulltext" / "bbc"


def load_texts(n: int) -> list[str]:
    files = sorted(BBC.glob("*/*.txt"))[::7][:n]
    return [f.read_bytes().decode("utf-8", errors="replace") for f in files]


def timed(fn) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=100)
    ap.add_argument("--workers", type=int, default=1)
    args = ap.parse_args()
    if not BBC.exists():
        sys.exit(f"skipped: the BBC corpus is not at {BBC}")
    import dateline
    from dateline.nlp import load_stock_model
    from dateline.settings import DEFAULT

    texts = load_texts(args.articles)
    words = sum(len(t.split()) for t in texts)
    nlp = load_stock_model(DEFAULT.model)  # the bare parse: the model as shipped
    list(dateline.process_many(texts[:2]))  # warm up: tables, language model, gazetteer
    spacy_s = timed(lambda: list(nlp.pipe(texts, batch_size=DEFAULT.batch_size)))
    dateline_s = timed(lambda: list(dateline.process_many(texts, workers=args.workers)))
    print(json.dumps({
        "articles": len(texts), "words": words, "workers": args.workers,
        "spacy_seconds": round(spacy_s, 2), "dateline_seconds": round(dateline_s, 2),
        "ratio_dateline_to_spacy": round(dateline_s / spacy_s, 2),
        "spacy_words_per_s": round(words / spacy_s), "dateline_words_per_s": round(words / dateline_s),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }, indent=1))


if __name__ == "__main__":
    main()
