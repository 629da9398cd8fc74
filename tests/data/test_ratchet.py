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


def _events(name: str, limit: int | None = None) -> Callable[[Path], dict[str, Any]]:
    def run(data: Path) -> dict[str, Any]:
        from dateline.evaluation.events import evaluate_events

        return evaluate_events(data / "events" / name, limit=limit)
    return run


def _modality(data: Path) -> dict[str, Any]:
    from dateline.evaluation.events import evaluate_modality

    return evaluate_modality(REPO / "eval" / "modality.tsv")


def _quotes_first20(data: Path) -> dict[str, Any]:
    from dateline.evaluation.quotes import evaluate_quotes

    return evaluate_quotes(data / "quotes" / "polnear" / "dev", limit=20)["dateline"]


EVALUATIONS: dict[str, Callable[[Path], dict[str, Any]]] = {
    "quotes_first20": _quotes_first20, "extraction": _extraction, "dates": _dates, "actors": _actors,
    "modality": _modality,
    "events_plover": _events("plover_gsr_cameo/PLOVER_GSR_CAMEO.jsonl"),
    "events_petr": _events("petrarch2/PETR.UnitTest.records.jsonl"),
    "events_case": _events("case2021_task2/dev.tsv", limit=300),
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
