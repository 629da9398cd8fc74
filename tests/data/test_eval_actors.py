"""Actor descriptions scored on the PLOVER gold-standard records in ../shared/data; the scoring rules.

The gold-file test skips when the shared data are absent; the scoring tests use a small file written here.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from dateline.errors import InputError
from dateline.evaluation.actors import evaluate_actors, gold_country, gold_sector
from dateline.lexicon import alpha3

MIN_COUNTRY = 0.85  # issue 3
MIN_SECTOR = 0.75


def test_actor_accuracy_on_plover_gold(data_dir: Path) -> None:
    gold = data_dir / "events" / "plover_gsr_cameo"
    if not (gold / "PLOVER_GSR_CAMEO.jsonl").exists():
        pytest.skip(f"{gold} holds no PLOVER_GSR_CAMEO.jsonl")
    started = time.perf_counter()
    result = evaluate_actors(gold)
    elapsed = time.perf_counter() - started
    print(f"actors: { {k: v for k, v in result.items() if k != 'errors'} } in {elapsed:.1f} s")
    assert result["actors"] >= 600 and result["sector_n"] >= 300
    assert result["country_accuracy"] >= MIN_COUNTRY, result
    assert result["sector_accuracy"] >= MIN_SECTOR, result
    assert len(result["errors"]) <= 20


@pytest.mark.parametrize(("code", "expected"), [
    ("USA", "USA"), ("usa", "USA"), ("JAP", "JPN"), ("ITL", "ITA"), ("VTN", "VNM"), ("PSE", "PSE"),
    ("IGO", None), ("NGO", None), ("IMG", None), ("XYZ", None),
])
def test_gold_country(code: str, expected: str | None) -> None:
    assert gold_country(code, set(alpha3().values())) == expected


@pytest.mark.parametrize(("sector", "expected"), [
    ("GOV", "GOV"), ("CVLalb", "CVL"), ("REFKUR", "REF"), ("CIV", "CVL"), ("***", None), ("", None),
    (None, None), (3, None),
])
def test_gold_sector(sector: object, expected: str | None) -> None:
    assert gold_sector(sector) == expected


def _write(path: Path, records: list[dict]) -> Path:
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return path


def test_small_gold_file(tmp_path: Path) -> None:
    gold = _write(tmp_path / "gold.jsonl", [
        {"text": "Egyptian police arrested protesters in Cairo on Monday.",
         "source": [{"actorText": "Egyptian police", "code": "EGY", "sector": "COP"}],
         "target": [{"actorText": "protesters", "code": "EGY", "sector": "CVLkur"}]},
        {"text": "The United Nations condemned the attack.",
         "source": [{"actorText": "United Nations", "code": "IGO"}], "target": ""},
        {"text": "Rebels shelled the town.", "source": [{"actorText": "Rebels", "code": "FRA", "sector": "***"}],
         "target": [{"actorText": "town", "sector": "CVL"}]},
    ])
    result = evaluate_actors(gold)
    assert (result["actors"], result["sector_n"]) == (4, 2)
    assert (result["country_accuracy"], result["sector_accuracy"]) == (0.75, 1.0)
    assert result["errors"] == [{"actor": "Rebels", "gold": ["FRA", None], "predicted": [None, "REB"]}]


@pytest.mark.parametrize("content", [None, "not json\n"])
def test_unusable_gold_file_raises_input_error(tmp_path: Path, content: str | None) -> None:
    path = tmp_path / "PLOVER_GSR_CAMEO.jsonl"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError):
        evaluate_actors(tmp_path)
