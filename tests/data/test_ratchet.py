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


def _petr_dictionaries(data: Path) -> dict[str, Any]:
    """The PETRARCH unit tests coded with their own validation dictionaries (dictionary mode)."""
    from dateline.evaluation.events import evaluate_events
    from dateline.settings import Settings

    folder = data / "events" / "petrarch2"
    settings = Settings(cameo_verbs=str(folder / "PETR.Validate.verbs.txt"),
                        cameo_actors=(str(folder / "PETR.Validate.actors.txt"),
                                      str(folder / "PETR.Validate.agents.txt")),
                        cameo_discards=str(folder / "PETR.Validate.discards.txt"),
                        cameo_to_plover=str(data / "events" / "plover_gsr_cameo" / "CAMEO2PLOVER-2021.txt"))
    return evaluate_events(folder / "PETR.UnitTest.records.jsonl", settings=settings)


def _geo(corpus: str, limit: int, oracle: bool) -> Callable[[Path], dict[str, Any]]:
    def run(data: Path) -> dict[str, Any]:
        from dateline.evaluation.geo import evaluate_geo

        return evaluate_geo(data / "geo" / f"{corpus}.dev.xml", oracle=oracle, limit=limit)
    return run


# Geo corpora scored on a fixed prefix (documents) to keep the suite quick; full figures: `dateline eval geo`.
GEO_PREFIX = {"lgl": 60, "tr-news": 20, "geowebnews": 20, "geovirus": 30}


def _quotes_first20(data: Path) -> dict[str, Any]:
    from dateline.evaluation.quotes import evaluate_quotes

    return evaluate_quotes(data / "quotes" / "polnear" / "dev", limit=20)["dateline"]


EVALUATIONS: dict[str, Callable[[Path], dict[str, Any]]] = {
    "quotes_first20": _quotes_first20, "extraction": _extraction, "dates": _dates, "actors": _actors,
    "modality": _modality,
    "events_plover": _events("plover_gsr_cameo/PLOVER_GSR_CAMEO.jsonl"),
    "events_petr": _events("petrarch2/PETR.UnitTest.records.jsonl"),
    "events_case": _events("case2021_task2/dev.tsv", limit=300),
    "events_petr_dictionaries": _petr_dictionaries,
    **{f"geo_{c.replace('-', '')}_first{n}": _geo(c, n, False) for c, n in GEO_PREFIX.items()},
    **{f"geo_{c.replace('-', '')}_first{n}_oracle": _geo(c, n, True) for c, n in GEO_PREFIX.items()},
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
