"""The dates stage with the model: the hand-written table of news cases, and the seed article."""

from __future__ import annotations

from pathlib import Path

from dateline import extensions
from dateline.article import build_article
from dateline.evaluation.dates import evaluate_dates
from dateline.intake.source import RawDocument
from dateline.nlp import parse, prepare_doc
from dateline.settings import DEFAULT
from dateline.stages.dates import extract_dates

TABLE = Path(__file__).resolve().parents[2] / "eval" / "dates.tsv"


def test_dates_table_exact_match(nlp) -> None:  # type: ignore[no-untyped-def]
    result = evaluate_dates(TABLE, nlp=nlp)
    assert result["cases"] >= 150
    assert result["exact"] >= 0.95, result["failures"]


def test_seed_tuesdays_resolve_to_the_publication_day(seed_dir: Path, nlp) -> None:  # type: ignore[no-untyped-def]
    text = (seed_dir / "article.txt").read_text(encoding="utf-8")
    article, layout = build_article(RawDocument("seed", text=text), settings=DEFAULT)
    doc = prepare_doc(nlp, article.text, splits=layout.splits, sentence_starts=layout.sentence_starts)
    doc = next(parse(nlp, [doc], batch_size=1))
    extensions.register()
    doc._.article = article
    refs = extract_dates(doc, settings=DEFAULT)
    tuesdays = [r for r in refs if r.mention.lower().endswith("tuesday")]
    assert len(tuesdays) == 3
    assert {r.value for r in tuesdays} == {"2016-10-25"}
    for ref in refs:
        assert text[ref.start:ref.end] == ref.mention
