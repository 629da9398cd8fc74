"""A worker process that dies (killed, out of memory) costs at most its batch; the run goes on, in order."""

from __future__ import annotations

import os
import signal
from typing import Any

import pytest

from dateline import api
from dateline.intake.source import RawDocument
from dateline.records import ErrorRecord, Record
from dateline.settings import load_settings

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="forked workers inherit the patched stage")
TEXTS = [f"The mayor of the city said on Monday that bridge number {n} would reopen." for n in range(8)]
KILLER = "The killer article takes its worker down with it."


def _kinds(outputs: list[Any]) -> list[str]:
    return [o.error.kind if isinstance(o, ErrorRecord) else "record" for o in outputs]


@pytest.fixture
def deadly(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """A stage that kills its own process on the killer article (as the kernel's OOM killer would)."""
    real, parent = api.run_stages, {"pid": os.getpid()}

    def run_stages(doc: Any, article: Any, **kwargs: Any) -> Any:
        if "killer" in article.text and os.getpid() != parent["pid"]:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(doc, article, **kwargs)

    monkeypatch.setattr(api, "run_stages", run_stages)
    return parent


@pytest.mark.usefixtures("deadly")
def test_a_dying_worker_costs_only_its_batch_and_the_run_goes_on() -> None:
    texts = [*TEXTS[:3], KILLER, *TEXTS[3:]]  # batches of 2: the killer shares its batch with TEXTS[2]
    raws = [RawDocument(source_id=f"{n}.txt", text=t) for n, t in enumerate(texts)]
    settings = load_settings(batch_size=2, worker_start="fork")
    outputs = list(api.process_many(raws, workers=2, settings=settings))
    assert [o.error.source if isinstance(o, ErrorRecord) else o.article.source_id for o in outputs] == [
        r.source_id for r in raws]  # one output per input, in input order
    assert _kinds(outputs) == ["record", "record", "processing", "processing", *["record"] * 5]
    assert "died" in outputs[3].error.message  # type: ignore[union-attr]
    assert all(isinstance(o, Record) for o in outputs[4:])


@pytest.mark.usefixtures("deadly")
def test_a_run_without_a_killer_is_untouched_by_the_pool_restarts() -> None:
    raws = [RawDocument(source_id=f"{n}.txt", text=t) for n, t in enumerate(TEXTS)]
    settings = load_settings(batch_size=2, worker_start="fork")
    assert _kinds(list(api.process_many(raws, workers=2, settings=settings))) == ["record"] * len(TEXTS)
