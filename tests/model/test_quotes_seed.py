"""Seed acceptance for quotes: the quotes part of ../shared/fixtures/seed/expected.json, through the public API.

Matching follows the independent scorer (``shared/tools/score.py seed quotes``): a must-quote is found when a
quote's text starts with its ``text_starts``, its kind is the expected one (or ``kind_also``), and its
speaker's name and the expected name contain one another; every quote must start like a must or may entry.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

import dateline
from dateline.records import Quote, Record


def _norm(text: str | None) -> str:
    text = (text or "").replace("“", '"').replace("”", '"').replace("’", "'").replace("‘", "'")
    return re.sub(r"\s+", " ", text).strip().strip('"').strip()


def _same_name(a: str | None, b: str) -> bool:
    a, b = _norm(a).lower(), _norm(b).lower()
    return bool(a) and bool(b) and (a == b or a in b or b in a)


def _matches(quote: Quote, want: dict[str, Any]) -> bool:
    return (_norm(quote.text).startswith(_norm(want["text_starts"]))
            and quote.kind in (want["kind"], want.get("kind_also"))
            and _same_name(quote.speaker.name if quote.speaker else None, want["speaker"]))


@pytest.fixture(scope="module")
def seed(seed_dir: Path) -> tuple[str, dict[str, Any]]:
    text = (seed_dir / "article.txt").read_text(encoding="utf-8")
    return text, json.loads((seed_dir / "expected.json").read_text(encoding="utf-8"))["quotes"]


@pytest.fixture(scope="module")
def record(seed: tuple[str, dict[str, Any]], nlp: Any) -> Record:  # nlp: the model loaded once per session
    return dateline.process(seed[0])


def test_every_must_quote_with_its_kind_and_speaker(seed: tuple[str, dict[str, Any]], record: Record) -> None:
    missing = [w["text_starts"] for w in seed[1]["must"] if not any(_matches(q, w) for q in record.quotes)]
    assert missing == []


def test_no_quote_outside_must_and_may(seed: tuple[str, dict[str, Any]], record: Record) -> None:
    allowed = [*seed[1]["must"], *seed[1].get("may", [])]
    extra = [q.text for q in record.quotes
             if not any(_norm(q.text).startswith(_norm(a["text_starts"])) for a in allowed)]
    assert extra == []


def test_speakers_are_the_mentions_used_and_linked_to_entities(record: Record) -> None:
    text = record.article.text
    entities = {e.id: e for e in record.entities}
    for q in record.quotes:
        assert text[q.start:q.end] == q.text
        assert q.speaker is not None, q.text
        assert q.speaker.entity_id in entities, q.text
        assert entities[q.speaker.entity_id].name == q.speaker.name
        assert 0 <= q.speaker.start < q.speaker.end <= len(text)


def test_the_pronoun_and_the_agency_cases(record: Record) -> None:
    text = record.article.text
    by_start = {_norm(q.text)[:20]: q for q in record.quotes}
    added = by_start["Daesh must be elimin"]
    assert added.speaker is not None and text[added.speaker.start:added.speaker.end] == "he"
    assert added.cue is not None and added.cue.text == "added"
    lavrov = by_start["They are preparing a"]
    assert lavrov.cue is not None and lavrov.cue.text.startswith("quoted") and lavrov.cue.text.endswith("saying")
    assert lavrov.speaker is not None and lavrov.speaker.name == "Sergei Lavrov"


def test_the_quote_that_never_closes_runs_to_its_paragraph_end(record: Record) -> None:
    (last,) = [q for q in record.quotes if _norm(q.text).startswith("And in Aleppo")]
    assert last.unterminated and last.kind == "direct" and last.cue is None
    assert last.text.endswith("humanitarian corridors have been set up.")
