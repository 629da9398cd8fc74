"""A runaway article becomes an error record of kind timeout and its batch goes on, in one worker and in two."""

from __future__ import annotations

import time
from typing import Any

import pytest

from dateline import api
from dateline.deadline import can_limit
from dateline.intake.source import RawDocument
from dateline.records import ErrorRecord, Record
from dateline.settings import load_settings

pytestmark = pytest.mark.skipif(not can_limit(), reason="needs SIGALRM in the main thread (POSIX)")
RUNAWAY = "The runaway council met in the city on Monday and voted."
TEXTS = ["The mayor said the bridge would reopen on Friday.", RUNAWAY,
         "Police arrested two men after the protest in the capital."]


def _raws() -> list[RawDocument]:
    return [RawDocument(source_id=f"{n}.txt", text=t) for n, t in enumerate(TEXTS)]


def _kinds(outputs: list[Any]) -> list[str]:
    return [o.error.kind if isinstance(o, ErrorRecord) else "record" for o in outputs]


@pytest.fixture
def slow_stages(monkeypatch: pytest.MonkeyPatch) -> None:
    real = api.run_stages

    def run_stages(doc: Any, article: Any, **kwargs: Any) -> Any:
        if "runaway" in article.text:
            time.sleep(30)  # stands for a runaway stage; the limit interrupts it
        return real(doc, article, **kwargs)

    monkeypatch.setattr(api, "run_stages", run_stages)


@pytest.mark.usefixtures("slow_stages")
@pytest.mark.parametrize("workers", [1, 2])
def test_a_runaway_stage_costs_only_its_article(workers: int) -> None:
    settings = load_settings(article_time_limit=1.0, batch_size=3, worker_start="fork")
    started = time.monotonic()
    outputs = list(api.process_many(_raws(), workers=workers, settings=settings))
    assert time.monotonic() - started < 25
    assert _kinds(outputs) == ["record", "timeout", "record"]
    error = outputs[1]
    assert isinstance(error, ErrorRecord) and error.error.source == "1.txt"
    assert "article_time_limit" in error.error.message
    assert all(isinstance(o, Record) and o.article.text == t for o, t in zip(outputs[::2], TEXTS[::2], strict=True))


def test_a_runaway_parse_is_parsed_again_one_by_one(monkeypatch: pytest.MonkeyPatch) -> None:
    real = api.parse

    def parse(nlp: Any, docs: list[Any], **kwargs: Any) -> Any:
        if any("runaway" in d.text for d in docs):
            time.sleep(30)
        return real(nlp, docs, **kwargs)

    monkeypatch.setattr(api, "parse", parse)
    settings = load_settings(article_time_limit=0.5, batch_size=3)
    outputs = api.Extractor(settings).run_batch(_raws())
    assert _kinds(outputs) == ["record", "timeout", "record"]
    assert outputs[1].error.message.startswith("parsing the article took longer than 0.5 s")  # type: ignore[union-attr]
