"""Extraction quality on the article-extraction-benchmark (dev half) in ../shared/data; the scoring rules.

The benchmark tests are marked ``data`` and skip when the shared data are absent; the scoring tests use a
small benchmark-shaped directory written here and always run.
"""

from __future__ import annotations

import gzip
import json
import time
from pathlib import Path

import pytest

from dateline.errors import InputError, SettingsError
from dateline.evaluation.extraction import (
    DocumentScore,
    evaluate_extraction,
    score_document,
    shingles,
    summarize,
)

SHARED_DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
BENCHMARK = SHARED_DATA / "corpus" / "article-extraction-benchmark"
MIN_F1 = 0.90

ARTICLE = ("Rescuers searched through the night for survivors after the earthquake struck the coastal town.",
           "The quake measured 6.1 and damaged dozens of homes, the regional governor said on Monday.")


@pytest.fixture(scope="module")
def benchmark_dir() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.skip(f"shared data directory {SHARED_DATA} is absent; the benchmark cannot be scored")
    if not BENCHMARK.is_dir():
        pytest.skip(f"{BENCHMARK} is absent from the shared data")
    return BENCHMARK


@pytest.mark.data
def test_extraction_f1_on_benchmark(benchmark_dir: Path) -> None:
    started = time.perf_counter()
    result = evaluate_extraction(benchmark_dir)
    elapsed = time.perf_counter() - started
    print(f"extraction benchmark: {result} in {elapsed:.1f} s")
    assert result["corpus"] == "article-extraction-benchmark"
    assert result["documents"] > 0
    assert result["failures"] == 0
    assert result["f1"] >= MIN_F1, result


@pytest.mark.data
def test_limit_scores_fewer_documents(benchmark_dir: Path) -> None:
    result = evaluate_extraction(benchmark_dir, limit=3)
    assert result["documents"] == 3
    assert 0.0 <= result["precision"] <= 1.0 and 0.0 <= result["recall"] <= 1.0


@pytest.mark.parametrize(("truth", "predicted", "ngram", "precision", "recall"), [
    ("a b c d e", "a b c d e", 4, 1.0, 1.0),
    ("a b c d e", "a, b; c. d e!", 4, 1.0, 1.0),
    ("a b c d e", "a b c d", 1, 1.0, 0.8),
    ("a b c d e", "a b c d", 4, 1.0, 0.5),
    ("a b c d", "a b c d x y z w", 1, 0.5, 1.0),
    ("a a b", "a b b", 1, 2 / 3, 2 / 3),
    ("a b c d e", "", 4, 0.0, 0.0),
    ("", "", 4, 1.0, 1.0),
    ("short", "short", 4, 1.0, 1.0),
])
def test_score_document(truth: str, predicted: str, ngram: int, precision: float, recall: float) -> None:
    score = score_document(truth, predicted, ngram=ngram)
    assert score.precision == pytest.approx(precision)
    assert score.recall == pytest.approx(recall)


@pytest.mark.parametrize(("text", "n", "expected"), [
    ("one two three four five", 4, {("one", "two", "three", "four"): 1, ("two", "three", "four", "five"): 1}),
    ("one two", 4, {("one", "two"): 1}),
    ("", 4, {}),
    ("x x x", 1, {("x",): 3}),
])
def test_shingles(text: str, n: int, expected: dict[tuple[str, ...], int]) -> None:
    assert dict(shingles(text, n)) == expected


def test_summary_takes_f1_from_averaged_precision_and_recall() -> None:
    result = summarize([DocumentScore(1.0, 0.5), DocumentScore(0.5, 1.0)], failures=1)
    assert result == {"corpus": "article-extraction-benchmark", "documents": 2, "ngram": 4, "precision": 0.75,
                      "recall": 0.75, "f1": 0.75, "f1_mean": 0.6667, "failures": 1}


def _write_benchmark(root: Path, pages: dict[str, tuple[str, str]]) -> Path:
    """A benchmark-shaped directory: html/<id>.html.gz and ground-truth.json, from {id: (html, body)}."""
    (root / "html").mkdir(parents=True)
    for key, (html, _) in pages.items():
        (root / "html" / f"{key}.html.gz").write_bytes(gzip.compress(html.encode("utf-8")))
    truth = {key: {"articleBody": body, "url": f"https://example.com/{key}"}
             for key, (_, body) in pages.items()}
    (root / "ground-truth.json").write_text(json.dumps(truth), encoding="utf-8")
    return root


def test_small_benchmark_counts_failures_as_zero(tmp_path: Path) -> None:
    good = "<html><body><nav><a href='/'>Home</a></nav><article>" + "".join(f"<p>{p}</p>" for p in ARTICLE)
    root = _write_benchmark(tmp_path / "bench", {
        "a-good": (good + "</article></body></html>", "\n".join(ARTICLE)),
        "b-empty": ("<html><body></body></html>", "Some article text that the page does not hold."),
    })
    result = evaluate_extraction(root)
    assert result["documents"] == 2 and result["failures"] == 1
    assert (result["precision"], result["recall"], result["f1"]) == (0.5, 0.5, 0.5)
    assert evaluate_extraction(root, limit=1)["f1"] == 1.0


@pytest.mark.parametrize(("setup", "message"), [
    (lambda root: None, "does not exist"),
    (lambda root: root.mkdir(), "ground-truth.json"),
    (lambda root: (root.mkdir(), (root / "ground-truth.json").write_text("[1, 2]")), "not a JSON object"),
    (lambda root: (root.mkdir(), (root / "ground-truth.json").write_text("{}")), "no HTML pages"),
])
def test_unusable_directory_raises_input_error(tmp_path: Path, setup: object, message: str) -> None:
    root = tmp_path / "bench"
    setup(root)  # type: ignore[operator]
    with pytest.raises(InputError, match=message):
        evaluate_extraction(root)


@pytest.mark.parametrize(("limit", "ngram"), [(0, 4), (-1, 4), (None, 0)])
def test_bad_limit_or_ngram_raises_settings_error(tmp_path: Path, limit: int | None, ngram: int) -> None:
    with pytest.raises(SettingsError, match="positive"):
        evaluate_extraction(tmp_path, limit=limit, ngram=ngram)
