"""The stage order: every stage's needs are given before it runs."""

from __future__ import annotations

import pytest

from dateline.pipeline import STAGES, Stage, check_order


def test_declared_order_is_consistent() -> None:
    check_order(STAGES)


def test_a_broken_order_fails() -> None:
    late = Stage("events", lambda doc, settings: [], needs=("entities", "places"), gives=("events",))
    with pytest.raises(ValueError, match="needs"):
        check_order((late, *STAGES))


def test_stage_names_are_unique() -> None:
    names = [s.name for s in STAGES]
    assert len(names) == len(set(names))


def _confidence_record(floor: float):  # type: ignore[no-untyped-def]
    import spacy

    from dateline.pipeline import run_stages
    from dateline.records import Article, Event, Quote, Span
    from dateline.settings import load_settings

    text = "Gondor attacked Arnor. Arnor protested, a spokesman said."
    doc = spacy.blank("en")(text)
    article = Article(id="a1", source_id="a1", text=text)
    quotes = (Quote(id="q-low", kind="indirect", text="Arnor protested", start=23, end=38, confidence=0.2),
              Quote(id="q-cited", kind="indirect", text="Arnor protested", start=23, end=38, confidence=0.1),
              Quote(id="q-high", kind="direct", text="Gondor attacked", start=0, end=15, confidence=0.9))
    sure = Event(id="e-high", type="ASSAULT", evidence=Span("Gondor attacked Arnor.", 0, 22), confidence=0.8)
    cited = Event(id="e-cites", type="PROTEST", evidence=Span("Arnor protested", 23, 38), confidence=0.7,
                  reported_by="q-cited")
    unsure = Event(id="e-low", type="PROTEST", evidence=Span("Arnor protested", 23, 38), confidence=0.3)
    stages = (Stage("quotes", lambda d, settings: list(quotes), (), ("quotes",)),
              Stage("events", lambda d, settings: [sure, cited, unsure], (), ("events",)))
    return run_stages(doc, article, settings=load_settings(min_confidence=floor), stages=stages)


def test_min_confidence_leaves_out_the_unsure_but_keeps_what_a_kept_event_cites() -> None:
    record = _confidence_record(0.5)
    assert [e.id for e in record.events] == ["e-high", "e-cites"]
    assert [q.id for q in record.quotes] == ["q-cited", "q-high"]


def test_no_min_confidence_keeps_everything() -> None:
    record = _confidence_record(0.0)
    assert len(record.events) == 3 and len(record.quotes) == 3
