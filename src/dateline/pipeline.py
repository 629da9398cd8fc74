"""The pipeline: the one ordered tuple of stages, and what runs them.

A stage is a pure function ``(doc, *, settings) -> list[record]``. It declares what it ``needs`` (facts
the parse or earlier stages provide) and what it ``gives``; :func:`check_order` fails when the order
breaks that. Results are attached to ``doc._.<gives>`` for later stages, then gathered into a
:class:`~dateline.records.Record`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc

from . import extensions
from .records import Article, Event, Quote, Record
from .settings import Settings
from .stages import dates, entities, events, places, quotes

# What the parse provides before any stage runs.
PARSE_GIVES: tuple[str, ...] = ("tokens", "sentences", "pos", "deps", "ner", "article")


@dataclass(frozen=True)
class Stage:
    name: str
    run: Callable[..., list[Any]]
    needs: tuple[str, ...]
    gives: tuple[str, ...]


STAGES: tuple[Stage, ...] = (
    Stage("entities", entities.extract_entities, entities.NEEDS, entities.GIVES),
    Stage("dates", dates.extract_dates, dates.NEEDS, dates.GIVES),
    Stage("places", places.extract_places, places.NEEDS, places.GIVES),
    Stage("quotes", quotes.extract_quotes, quotes.NEEDS, quotes.GIVES),
    Stage("events", events.extract_events, events.NEEDS, events.GIVES),
)


def check_order(stages: tuple[Stage, ...] = STAGES) -> None:
    """Raise ValueError when a stage needs something no earlier stage (or the parse) gives."""
    have = set(PARSE_GIVES)
    for stage in stages:
        missing = [n for n in stage.needs if n not in have]
        if missing:
            raise ValueError(f"stage {stage.name!r} needs {missing} before it runs")
        have.update(stage.gives)


def run_stages(doc: Doc, article: Article, *, settings: Settings, stages: tuple[Stage, ...] = STAGES) -> Record:
    """Run every stage over a parsed Doc and gather the results into a Record."""
    extensions.register()
    doc._.article = article
    results: dict[str, tuple[Any, ...]] = {}
    for stage in stages:
        out = tuple(stage.run(doc, settings=settings))
        for name in stage.gives:
            setattr(doc._, name, out)
            results[name] = out
    quotes, events = _confident(results.get("quotes", ()), results.get("events", ()), settings.min_confidence)
    return Record(article=article, entities=results.get("entities", ()), quotes=quotes,
                  places=results.get("places", ()), dates=results.get("dates", ()), events=events)


def _confident(quotes: tuple[Quote, ...], events: tuple[Event, ...], floor: float
               ) -> tuple[tuple[Quote, ...], tuple[Event, ...]]:
    """Quotes and events at ``floor`` confidence or more (the ``min_confidence`` setting); a quote a kept
    event says it is reported by stays, so that every id a record names is in it."""
    if floor <= 0:
        return quotes, events
    kept_events = tuple(e for e in events if e.confidence >= floor)
    cited = {e.reported_by for e in kept_events}
    return tuple(q for q in quotes if q.confidence >= floor or q.id in cited), kept_events
