"""Seed acceptance: the article part of ../shared/fixtures/seed/expected.json, through the public API."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import dateline
from dateline.article import build_article
from dateline.intake.source import RawDocument
from dateline.nlp import parse, prepare_doc
from dateline.settings import DEFAULT


@pytest.fixture(scope="module")
def seed(seed_dir: Path) -> tuple[str, dict]:  # type: ignore[type-arg]
    text = (seed_dir / "article.txt").read_text(encoding="utf-8")
    return text, json.loads((seed_dir / "expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def record(seed):  # type: ignore[no-untyped-def]
    return dateline.process(seed[0])


def test_text_is_the_input_exactly(seed, record) -> None:  # type: ignore[no-untyped-def]
    assert record.article.text == seed[0]


def test_article_fields(seed, record) -> None:  # type: ignore[no-untyped-def]
    want = seed[1]["article"]
    art = record.article
    assert art.title == want["title"]
    assert art.published == want["published"]
    assert list(art.credits) == want["credits"]
    assert art.byline == want["byline_initials"]
    assert list(art.headings) == want["headings"]
    assert art.language == "en"


def test_first_sentence_starts_after_the_glued_date(seed, nlp) -> None:  # type: ignore[no-untyped-def]
    article, layout = build_article(RawDocument("seed", text=seed[0]), settings=DEFAULT)
    doc = prepare_doc(nlp, article.text, splits=layout.splits, sentence_starts=layout.sentence_starts)
    doc = next(parse(nlp, [doc], batch_size=1))
    sents = [s.text.strip() for s in doc.sents]
    body = [s for s in sents if s not in (article.title, "October 25, 2016")]
    assert body[0].startswith(seed[1]["article"]["first_sentence_starts"])
    for heading in article.headings:
        assert heading in sents, "a heading must be a sentence of its own"


def test_every_offset_slices_back(record) -> None:  # type: ignore[no-untyped-def]
    text = record.article.text
    for ann in record.article.annotations:
        assert 0 <= ann.start <= ann.end <= len(text)
    for ent in record.entities:
        for m in ent.mentions:
            assert text[m.start:m.end] == m.text


def test_entity_type_corrections_on_the_seed(record) -> None:  # type: ignore[no-untyped-def]
    by_name = {(e.name, e.type) for e in record.entities}
    assert ("Aleppo", "GPE") in by_name and ("Aleppo", "LANGUAGE") not in by_name
    assert ("Bartella", "GPE") in by_name and ("Bartella", "PERSON") not in by_name


def test_entities_must(seed, record) -> None:  # type: ignore[no-untyped-def]
    from dateline.stages.entities import name_key

    for want in seed[1]["entities"]["must"]:
        found = [e for e in record.entities if name_key(e.name) == name_key(want["name"]) and e.type == want["type"]]
        assert len(found) == 1, (want["name"], [(e.name, e.type) for e in record.entities])
        texts = {m.text for m in found[0].mentions}
        assert set(want.get("mentions", [])) <= texts, (want["name"], texts)


def test_speaker_roles_attached(seed, record) -> None:  # type: ignore[no-untyped-def]
    roles = {e.name: e.role for e in record.entities if e.type == "PERSON"}
    for name, role in seed[1]["quotes"]["speaker_roles"].items():
        assert roles.get(name) == role, (name, roles.get(name))


def test_tuesday_resolves_to_the_publication_day(record) -> None:  # type: ignore[no-untyped-def]
    tuesdays = [d for d in record.dates if "tuesday" in d.mention.lower()]
    assert len(tuesdays) == 3 and {d.value for d in tuesdays} == {"2016-10-25"}
