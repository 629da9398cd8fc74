"""Score :func:`dateline.intake.html.extract_html` on the article-extraction-benchmark.

The benchmark (Zyte / Scrapinghub, ``scrapinghub/article-extraction-benchmark``) pairs real news pages
(``html/<id>.html.gz``) with a human ``articleBody`` (``ground-truth.json``: ``{id: {"articleBody",
"url"}}``). Scoring follows the benchmark's own ``evaluate.py``:

* both texts are tokenized with ``\\w+`` and cut into overlapping word shingles (4 words by default; a
  text shorter than that is one shingle); ``ngram=1`` gives plain token (bag-of-words) overlap;
* per document, true/false positives and false negatives come from the multiset overlap of shingles;
* precision and recall are averaged over documents, and ``f1`` is the harmonic mean of those averages,
  as upstream computes it; ``f1_mean`` is the mean of the per-document F1 values.

Per-document values are upstream's. One deliberate difference: every document counts in every average,
so a page whose extraction failed (no text) scores P = R = F1 = 0 unless its ground truth is empty too;
upstream leaves such a page out of the precision average (and a page with empty ground truth out of the
recall average), which flatters an extractor that gives up.

The data are read at run time from the directory given; nothing from it is stored in the project.
"""

from __future__ import annotations

import gzip
import json
import logging
import re
import statistics
import time
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..errors import DatelineError, InputError, SettingsError
from ..intake.html import extract_html
from ..intake.source import decode_bytes

LOGGER = logging.getLogger(__name__)

CORPUS = "article-extraction-benchmark"
GROUND_TRUTH = "ground-truth.json"
_TOKEN_RE = re.compile(r"\w+")


@dataclass(frozen=True)
class DocumentScore:
    """Precision, recall and F1 of one extracted body against its ground truth."""

    precision: float
    recall: float

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def evaluate_extraction(directory: str | Path, *, limit: int | None = None, ngram: int = 4) -> dict:
    """Extract every page of the benchmark directory and score it; returns a JSON-ready summary.

    ``limit`` scores only the first ``limit`` pages (sorted by id); ``ngram`` is the shingle length (the
    benchmark's 4; 1 for plain token overlap). Raises :class:`InputError` when the directory, its
    ``ground-truth.json`` or its HTML files are missing, :class:`SettingsError` for a bad limit or ngram.
    """
    if (limit is not None and limit < 1) or ngram < 1:
        raise SettingsError(f"limit and ngram must be positive whole numbers, got limit={limit}, ngram={ngram}")
    root = _check_directory(directory)
    truth = load_ground_truth(root)
    started = time.perf_counter()
    scores, failures = _score_pages(_pages(root, truth)[:limit], truth, ngram)
    elapsed = time.perf_counter() - started
    LOGGER.info("scored %d pages in %.1f s (%d failures)", len(scores), elapsed, failures)
    return summarize(scores, failures=failures, ngram=ngram)


def _score_pages(pages: list[tuple[str, Path]], truth: Mapping[str, str],
                 ngram: int) -> tuple[list[DocumentScore], int]:
    """Extract and score each page; a failed extraction scores as an empty body and is counted."""
    scores: list[DocumentScore] = []
    failures = 0
    for doc_id, path in pages:
        predicted = _extract(path, doc_id)
        failures += predicted is None
        scores.append(score_document(truth[doc_id], predicted or "", ngram=ngram))
    return scores, failures


def _check_directory(directory: str | Path) -> Path:
    root = Path(directory)
    if not root.is_dir():
        raise InputError(
            f"benchmark directory {str(root)!r} does not exist; point it at the article-extraction-benchmark "
            "folder (the one holding ground-truth.json and html/)", source=str(root))
    return root


def load_ground_truth(root: Path) -> dict[str, str]:
    """``ground-truth.json`` → ``{page id: articleBody}``."""
    path = root / GROUND_TRUTH
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(f"cannot read {path}: {exc}", source=str(path)) from exc
    if not isinstance(data, Mapping):
        raise InputError(f"{path} is not a JSON object of page id → entry", source=str(path))
    return {key: str(entry.get("articleBody") or "")
            for key, entry in data.items() if isinstance(entry, Mapping)}


def _pages(root: Path, truth: Mapping[str, str]) -> list[tuple[str, Path]]:
    """(id, path) of every HTML page that has a ground-truth entry, sorted by id."""
    found = {_page_id(path): path for path in (root / "html").glob("*.htm*")}
    missing = sorted(set(found) - set(truth))
    if missing:
        LOGGER.warning("%d HTML pages have no ground truth and are skipped: %s", len(missing), missing[:5])
    pages = sorted((key, path) for key, path in found.items() if key in truth)
    if not pages:
        raise InputError(f"no HTML pages with ground truth under {root / 'html'}", source=str(root))
    return pages


def _page_id(path: Path) -> str:
    return path.name.split(".", 1)[0]


def _extract(path: Path, doc_id: str) -> str | None:
    """The extracted body of one page, or None when it could not be read or extracted."""
    try:
        return extract_html(read_page(path, doc_id), source_id=doc_id).text
    except DatelineError as exc:
        LOGGER.info("extraction failed for %s: %s", doc_id, exc.message)
        return None


def read_page(path: Path, source_id: str) -> str:
    """One benchmark page (gzip-compressed or plain) as text."""
    try:
        data = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        raise InputError(f"cannot read {path}: {exc}", source=source_id) from exc
    return decode_bytes(data, source=source_id)


def tokenize(text: str) -> list[str]:
    """Words as the benchmark counts them: runs of ``\\w`` characters."""
    return _TOKEN_RE.findall(text or "")


def shingles(text: str, n: int) -> Counter[tuple[str, ...]]:
    """Multiset of overlapping ``n``-word shingles; a text of fewer than ``n`` words is one shingle."""
    tokens = tokenize(text)
    return Counter(tuple(tokens[i:i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens)


def score_document(truth: str, predicted: str, *, ngram: int = 4) -> DocumentScore:
    """Precision and recall of ``predicted`` against ``truth`` from the multiset overlap of shingles."""
    true_counts, pred_counts = shingles(truth, ngram), shingles(predicted, ngram)
    tp = sum((true_counts & pred_counts).values())
    fp = sum(pred_counts.values()) - tp
    fn = sum(true_counts.values()) - tp
    if fp == fn == 0:
        return DocumentScore(1.0, 1.0)
    return DocumentScore(tp / (tp + fp) if tp + fp else 0.0, tp / (tp + fn) if tp + fn else 0.0)


def summarize(scores: list[DocumentScore], *, failures: int, ngram: int = 4) -> dict:
    """Average per-document scores into the JSON-ready summary."""
    precision = statistics.fmean(s.precision for s in scores) if scores else 0.0
    recall = statistics.fmean(s.recall for s in scores) if scores else 0.0
    total = precision + recall
    return {
        "corpus": CORPUS,
        "documents": len(scores),
        "ngram": ngram,
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(2 * precision * recall / total if total else 0.0, 4),
        "f1_mean": round(statistics.fmean(s.f1 for s in scores) if scores else 0.0, 4),
        "failures": failures,
    }
