"""Quotes on PolNeAR (dev half) in ../shared/data, and the scoring rules on a small split written here.

The scoring tests always run; the benchmark tests are marked ``data`` (by folder) and skip when the shared
data are absent, or while the quotes stage is not in the pipeline's tuple of stages.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from dateline import pipeline
from dateline.errors import InputError, SettingsError
from dateline.evaluation.quotes import Document, GoldQuote, Prediction, evaluate_quotes, load_split, score

SUBSET = 20  # the first documents of the dev split, in sorted order: about 15 s
FLOORS = {"precision": 0.90, "recall": 0.70, "f1": 0.80, "recall_quote_marked": 0.86, "recall_unmarked": 0.57,
          "speaker_acc_on_matched": 0.84}

TEXT = 'Officials said the bridge had collapsed. "It fell at noon," the mayor said. Nothing else.'
# Officials 0-9, said 10-14, the bridge had collapsed 15-39, "It fell at noon," 41-59, the mayor 60-69,
# Nothing 76-83, else 84-88


@pytest.fixture(scope="module")
def polnear_dev(data_dir: Path) -> Path:
    split = data_dir / "quotes" / "polnear" / "dev"
    if not split.is_dir():
        pytest.skip(f"{split} is absent from the shared data")
    if "quotes" not in {s.name for s in pipeline.STAGES}:
        pytest.skip("the quotes stage is not in pipeline.STAGES yet")
    return split


def test_quotes_on_a_polnear_subset_meet_the_floors(polnear_dev: Path) -> None:
    started = time.perf_counter()
    result = evaluate_quotes(polnear_dev, limit=SUBSET)
    elapsed = time.perf_counter() - started
    print(f"polnear dev, first {SUBSET} documents: {result} in {elapsed:.1f} s")
    row = result["dateline"]
    assert result["documents"] == SUBSET and row["gold"] > 0
    for name, floor in FLOORS.items():
        assert row[name] >= floor, (name, row)
    assert row["calibration_gap"] is not None and row["calibration_gap"] <= 0.15, row["reliability"]


def test_textacy_row_beside_dateline(polnear_dev: Path) -> None:
    pytest.importorskip("textacy")
    result = evaluate_quotes(polnear_dev, limit=3, textacy=True)
    row = result["textacy"]
    assert set(row) >= {"precision", "recall", "f1", "speaker_acc_on_matched", "raises"}
    assert 0 <= row["raises"] <= 3 and row["gold"] == result["dateline"]["gold"]


def _write_split(root: Path) -> Path:
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    (root / "text" / "doc-a.txt").write_text(TEXT, encoding="utf-8")
    ann = ("T1\tSource 0 9\tOfficials\nT2\tCue 10 14\tsaid\nT3\tContent 15 39\tthe bridge had collapsed\n"
           "E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1\n"
           "T4\tContent 41 59\t\"It fell at noon,\"\nT5\tSource 60 69\tthe mayor\n"
           "E2\tAttribution:T2 Content:T4 Source:T5\n"
           "T6\tContent 76 83;84 88\tNothing else\nE3\tAttribution-no-source:T2 Content:T6\n"
           "E4\tAttribution:T2\n")
    (root / "attributions" / "doc-a_0a1b.ann").write_text(ann, encoding="utf-8")
    (root / "attributions" / "doc-a_ffff.ann").write_text("", encoding="utf-8")  # a second annotator: unused
    return root


def test_one_annotator_file_per_document_and_only_attributions_with_content(tmp_path: Path) -> None:
    (doc,) = load_split(_write_split(tmp_path / "split"))
    assert doc.key == "doc-a" and doc.text == TEXT
    assert doc.gold == (GoldQuote(((15, 39),), ((0, 9),)), GoldQuote(((41, 59),), ((60, 69),)),
                        GoldQuote(((76, 83), (84, 88)), ()))


@pytest.mark.parametrize(("predictions", "expected"), [
    ([], {"predictions": 0, "precision": 0.0, "recall": 0.0, "f1": 0.0, "speaker_acc_on_matched": 0.0}),
    # exact spans with the right speakers (the direct quote without its marks still matches exactly)
    ([Prediction(15, 39, (0, 9)), Prediction(42, 58, (64, 69)), Prediction(76, 88)],
     {"precision": 1.0, "recall": 1.0, "recall_at_0_8": 1.0, "recall_quote_marked": 1.0, "recall_unmarked": 1.0,
      "speaker_acc_on_matched": 0.667, "exact_precision": 1.0, "exact_recall": 1.0}),
    # a third of a content is found at 30 % but not at 80 %; a prediction mostly outside any content is wrong
    ([Prediction(30, 39, (0, 3)), Prediction(0, 14)],
     {"precision": 0.5, "recall": 0.333, "recall_at_0_8": 0.0, "speaker_acc_on_matched": 1.0,
      "exact_precision": 0.0, "recall_quote_marked": 0.0, "recall_unmarked": 0.5}),
])
def test_score(tmp_path: Path, predictions: list[Prediction], expected: dict[str, float]) -> None:
    (doc,) = load_split(_write_split(tmp_path / "split"))
    result = score([doc], [predictions])
    assert result["gold"] == 3
    for name, value in expected.items():
        assert result[name] == pytest.approx(value, abs=0.001), name


def test_f1_is_the_harmonic_mean_of_precision_and_recall(tmp_path: Path) -> None:
    (doc,) = load_split(_write_split(tmp_path / "split"))
    result = score([doc], [[Prediction(15, 39), Prediction(0, 9)]])
    p, r = result["precision"], result["recall"]
    assert (p, r) == (0.5, 0.333) and result["f1"] == pytest.approx(2 * 0.5 * (1 / 3) / (0.5 + 1 / 3), abs=0.001)


@pytest.mark.parametrize(("setup", "message"), [
    (lambda root: None, "not a PolNeAR split"),
    (lambda root: ((root / "text").mkdir(parents=True), (root / "attributions").mkdir()), "no .ann files"),
])
def test_unusable_directory_raises_input_error(tmp_path: Path, setup: object, message: str) -> None:
    root = tmp_path / "split"
    setup(root)  # type: ignore[operator]
    with pytest.raises(InputError, match=message):
        load_split(root)


def test_bad_limit_raises_settings_error(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="positive"):
        evaluate_quotes(tmp_path, limit=0)


def test_exact_spans_take_an_interrupted_quote_in_pieces_and_score_the_complementizer_both_ways() -> None:
    text = '"We will rebuild," she said, "and soon." Aides said that it was late.'
    first = (text.index("We"), text.index(',"'))
    second = (text.index("and soon"), text.index('." '))
    that = (text.index("that it"), len(text) - 1)
    doc = Document("d", text, (GoldQuote((first, second)), GoldQuote((that,))))
    whole = Prediction(first[0], second[1])  # the interruption counted in: not exact
    pieces = Prediction(first[0], second[1], spans=(first, (second[0], second[1] + 1)))  # an edge mark is no matter
    bare = Prediction(that[0] + 5, that[1])  # "it was late", without its "that"
    assert score([doc], [[whole, bare]])["exact_recall"] == 0.0
    result = score([doc], [[pieces, bare]])
    assert result["exact_recall"] == 0.5 and result["exact_precision"] == 0.5
    assert result["exact_recall_that_aside"] == 1.0 and result["exact_f1_that_aside"] == 1.0
