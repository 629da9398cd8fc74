"""Events on the seed article (../shared/fixtures/seed) and on the modality table (eval/modality.tsv)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from dateline.article import build_article
from dateline.evaluation.events import evaluate_modality, event_stages
from dateline.intake.source import RawDocument
from dateline.nlp import parse, prepare_doc
from dateline.pipeline import check_order, run_stages
from dateline.records import Event, Record
from dateline.settings import DEFAULT

REPO = Path(__file__).resolve().parents[2]
MIN_MODALITY = 0.90  # issue 6
ALPHA3 = {"IQ": "IRQ", "FR": "FRA", "US": "USA", "SY": "SYR", "RU": "RUS"}


@pytest.fixture(scope="module")
def seed(seed_dir: Path, nlp) -> tuple[Record, dict[str, Any]]:  # type: ignore[no-untyped-def]
    text = (seed_dir / "article.txt").read_text(encoding="utf-8")
    article, layout = build_article(RawDocument("seed", text=text), settings=DEFAULT)
    doc = prepare_doc(nlp, article.text, splits=layout.splits, sentence_starts=layout.sentence_starts)
    doc = next(parse(nlp, [doc], batch_size=1))
    record = run_stages(doc, article, settings=DEFAULT, stages=event_stages())
    return record, json.loads((seed_dir / "expected.json").read_text(encoding="utf-8"))["events"]


def _norm(text: str | None) -> str:
    text = (text or "").replace("\u201c", '"').replace("\u201d", '"').replace("\u2019", "'")
    return re.sub(r"\s+", " ", text).strip().strip('"').strip().lower()


def _same(a: str | None, b: str | None) -> bool:
    a, b = _norm(a), _norm(b)
    return bool(a) and bool(b) and (a in b or b in a)


def _matches(event: Event, want: dict[str, Any]) -> bool:
    """The seed checker's rules: type, evidence start, actor (name or state), recipient, place, date, modality."""
    countries = {a.country for a in event.actors}
    state = ALPHA3.get(want.get("actor_country", ""), want.get("actor_country"))
    checks = [
        event.type in (want["type"], want.get("type_also")),
        _norm(event.evidence.text).startswith(_norm(want["evidence_starts"])[:25]),
        not want.get("actor") or any(_same(a.name, want["actor"]) for a in event.actors) or state in countries,
        not want.get("recipient") or any(_same(r.name, want["recipient"]) for r in event.recipients),
        not isinstance(want.get("location"), int) or (event.location is not None
                                                      and event.location.geonameid == want["location"]),
        not want.get("date") or (event.date or "").startswith(want["date"]),
        not want.get("modality") or bool({want["modality"], "future"} & set(event.modality)),
    ]
    return all(checks)


def test_every_must_event_is_found(seed) -> None:  # type: ignore[no-untyped-def]
    record, expected = seed
    missing = [w["evidence_starts"] for w in expected["must"] if not any(_matches(e, w) for e in record.events)]
    assert missing == []


def test_the_reported_execution_names_its_reporter(seed) -> None:  # type: ignore[no-untyped-def]
    record, _ = seed
    [event] = [e for e in record.events if e.evidence.text.startswith("The UN reported")]
    quote_ids = {q.id for q in record.quotes}
    assert event.reported_by in quote_ids or event.reported_by == "United Nations"


def test_no_event_turns_an_expected_role_around(seed) -> None:  # type: ignore[no-untyped-def]
    """Where the fixture names an actor and a recipient, no event of that type in that sentence has them the
    other way round."""
    record, expected = seed
    for want in expected["must"] + expected["may"]:
        if not (want.get("actor") and want.get("recipient")):
            continue
        start = _norm(want["evidence_starts"])[:25]
        for event in record.events:
            if event.type == want["type"] and _norm(event.evidence.text).startswith(start):
                assert not any(_same(a.name, want["recipient"]) for a in event.actors), event
                assert not any(_same(r.name, want["actor"]) for r in event.recipients), event


def test_events_are_well_formed(seed) -> None:  # type: ignore[no-untyped-def]
    record, _ = seed
    text = record.article.text
    assert len({e.id for e in record.events}) == len(record.events) >= 10
    for event in record.events:
        assert text[event.evidence.start:event.evidence.end] == event.evidence.text
        assert 0.0 < event.confidence <= 1.0
        assert set(event.modality) <= {"negated", "future", "hypothetical", "historical", "reported"}


def test_the_stage_order_holds() -> None:
    check_order(event_stages())


def test_modality_table() -> None:
    result = evaluate_modality(REPO / "eval" / "modality.tsv")
    assert result["cases"] >= 60
    assert result["accuracy"] >= MIN_MODALITY, result["failures"]
