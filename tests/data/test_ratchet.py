"""The quality ratchet: every pinned score in eval/baseline.json must hold (within its noise)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
BASELINE = json.loads((REPO / "eval" / "baseline.json").read_text(encoding="utf-8"))


def _extraction(data: Path) -> dict[str, Any]:
    from dateline.evaluation.extraction import evaluate_extraction

    return evaluate_extraction(data / "corpus" / "article-extraction-benchmark")


def _dates(data: Path) -> dict[str, Any]:
    from dateline.evaluation.dates import evaluate_dates

    return evaluate_dates(REPO / "eval" / "dates.tsv")


def _actors(data: Path) -> dict[str, Any]:
    from dateline.evaluation.actors import evaluate_actors

    return evaluate_actors(data / "events" / "plover_gsr_cameo" / "PLOVER_GSR_CAMEO.jsonl")


EVALUATIONS: dict[str, Callable[[Path], dict[str, Any]]] = {
    "extraction": _extraction, "dates": _dates, "actors": _actors,
}
_cache: dict[str, dict[str, Any]] = {}


def _score(name: str, data: Path) -> dict[str, Any]:
    if name not in _cache:
        _cache[name] = EVALUATIONS[name](data)
    return _cache[name]


@pytest.mark.parametrize("key, floor", sorted(BASELINE["floors"].items()))
def test_score_holds(key: str, floor: float, data_dir: Path) -> None:
    evaluation, metric = key.split(".", 1)
    got = _score(evaluation, data_dir)[metric]
    assert got >= floor - BASELINE["noise"], f"{key} dropped to {got} (floor {floor})"


def test_every_floor_has_an_evaluation() -> None:
    assert {k.split(".")[0] for k in BASELINE["floors"]} <= set(EVALUATIONS)
