"""Score the events stage on three benchmark corpora; the file's kind is recognised from its content.

Every text runs through the full pipeline (layout, parse, every stage) with its publication date as the shared
scorer (``tools/score.py``) gives it, and the events come back as records:

* **plover** — PLOVER gold records (``PLOVER_GSR_CAMEO.jsonl``: ``text``, ``event``, ``source``/``target``
  actors). Old category names are read as PLOVER 2 types (DEMAND → REQUEST, DISAPPROVE and INVESTIGATE →
  ACCUSE, FIGHT → ASSAULT). Type accuracy: the gold type is among the sentence's predicted types. Actor
  (recipient) country accuracy: a gold source (target) with a state code has that state among the actors
  (recipients) of the predicted events of the gold type — of all events when that type is missing; a code
  that names no state (IGO, NGO…) asks for an actor with no state. Sector accuracy likewise, over gold
  actors with a sector.
* **petr** — PETRARCH-2 unit tests (``PETR.UnitTest.records.jsonl``), scored exactly as ``score.py
  events-petr``: CAMEO codes mapped to PLOVER with ``CAMEO2PLOVER-2021.txt`` (read at run time from the
  gold file's corpus folder), type recall over mapped expected events, the actor-country recall, and the
  share of no-event sentences that come out empty.
* **case** — CASE 2021 Task 2 snippets (``dev.tsv``), scored as ``score.py events-case``: sub-types mapped
  with ``data/case_to_plover.tsv``; type recall, and the share of non-political snippets left empty. No
  publication date is given.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from ..article import build_article
from ..cameo.mapping import plover_of, read_mapping
from ..errors import InputError
from ..intake.source import RawDocument
from ..lexicon import alpha3
from ..nlp import load_model, parse, prepare_doc
from ..pipeline import STAGES, Stage, run_stages
from ..records import Event
from ..settings import DEFAULT, Settings
from ..stages import events as events_stage
from .actors import gold_country, gold_sector
from .calibration import reliability

OLD_TYPES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
CAMEO_TABLE = "CAMEO2PLOVER-2021.txt"
MAX_ERRORS = 20
KINDS = ("plover", "petr", "case")


def evaluate_events(path: str | Path, *, kind: str | None = None, limit: int | None = None,
                    settings: Settings = DEFAULT) -> dict[str, Any]:
    """Score the events of the first ``limit`` records of the gold file at ``path``; a JSON-ready summary."""
    file = Path(path)
    kind = kind or detect_kind(file)
    if kind not in KINDS:
        raise InputError(f"unknown events gold kind {kind!r}; use one of {', '.join(KINDS)}", source=str(file))
    scorer = {"plover": _score_plover, "petr": _score_petr, "case": _score_case}[kind]
    return {"kind": kind, "coder": coder(settings), **scorer(file, limit, settings)}


def coder(settings: Settings) -> dict[str, Any]:
    """Which coder made the events: the lexicon, or the CAMEO dictionaries the settings name."""
    if not settings.cameo_verbs:
        return {"name": "lexicon"}
    return {"name": "dictionaries", "verbs": settings.cameo_verbs, "actors": list(settings.cameo_actors),
            "discards": settings.cameo_discards or None, "cameo_to_plover": settings.cameo_to_plover}


def detect_kind(path: Path) -> str:
    """plover, petr or case, from the file's name and first record."""
    if not path.is_file():
        raise InputError(f"events gold file {str(path)!r} does not exist", source=str(path))
    if path.suffix == ".tsv":
        return "case"
    first = next((line for line in _lines(path) if line.strip()), "")
    try:
        record = json.loads(first)
    except ValueError as exc:
        raise InputError(f"{path} is neither a TSV nor JSON lines: {exc}", source=str(path)) from exc
    if "expected_events" in record:
        return "petr"
    if "event" in record and "text" in record:
        return "plover"
    raise InputError(f"{path}: cannot tell the kind of gold records (no 'expected_events' or 'event')",
                     source=str(path))


def extract(items: Iterable[tuple[str, str | None]], settings: Settings = DEFAULT) -> Iterator[tuple[Event, ...]]:
    """The events of each (text, published) through the full pipeline, in order."""
    nlp = load_model(settings.model)
    stages = event_stages()
    batch: list[tuple[str, str | None]] = []
    for item in items:
        batch.append(item)
        if len(batch) >= settings.batch_size:
            yield from _batch(batch, nlp, stages, settings)
            batch = []
    if batch:
        yield from _batch(batch, nlp, stages, settings)


def _batch(batch: list[tuple[str, str | None]], nlp: Any, stages: tuple[Stage, ...],
           settings: Settings) -> Iterator[tuple[Event, ...]]:
    ready = [build_article(RawDocument(f"eval-{i}", text=text), settings=settings, published=published)
             for i, (text, published) in enumerate(batch)]
    docs = [prepare_doc(nlp, a.text, splits=lay.splits, sentence_starts=lay.sentence_starts) for a, lay in ready]
    for (article, _), doc in zip(ready, parse(nlp, docs, batch_size=settings.batch_size), strict=True):
        yield run_stages(doc, article, settings=settings, stages=stages).events


def event_stages() -> tuple[Stage, ...]:
    """The pipeline's stages, with the events stage added when the pipeline does not run it yet."""
    if any(s.name == "events" for s in STAGES):
        return STAGES
    return (*STAGES, Stage("events", events_stage.extract_events, events_stage.NEEDS, events_stage.GIVES))


# --- PLOVER gold records ------------------------------------------------------------------------------------


def _score_plover(path: Path, limit: int | None, settings: Settings) -> dict[str, Any]:
    records = _jsonl(path)[:limit]
    got = extract(((r["text"], r.get("date")) for r in records), settings)
    tally = _Tally()
    emitted = _Emitted()
    errors: list[dict[str, Any]] = []
    for record, events in zip(records, got, strict=True):
        want = OLD_TYPES.get(record["event"], record["event"])
        emitted.add(events, {want})
        types = {e.type for e in events}
        tally.add("type", want in types)
        if want not in types and len(errors) < MAX_ERRORS:
            errors.append({"text": record["text"], "gold": want, "predicted": sorted(types)})
        chosen = [e for e in events if e.type == want] or list(events)
        for role, field in (("source", "actors"), ("target", "recipients")):
            _score_roles(tally, role, record.get(role), [a for e in chosen for a in getattr(e, field)])
    return {"records": len(records), **tally.summary(), **emitted.summary(), "errors": errors}


def _score_roles(tally: _Tally, role: str, gold: Any, predicted: list[Any]) -> None:
    countries = {a.country for a in predicted}
    sectors = {a.sector for a in predicted}
    for actor in gold if isinstance(gold, list) else ():
        if not isinstance(actor, dict) or not actor.get("code"):
            continue
        want = gold_country(str(actor["code"]), _states())
        tally.add(f"{role}_country", bool(predicted) and want in countries)
        sector = gold_sector(actor.get("sector"))
        if sector is not None:
            tally.add(f"{role}_sector", sector in sectors)


@lru_cache(maxsize=1)
def _states() -> set[str]:
    return set(alpha3().values())


class _Emitted:
    """What was emitted against what each sentence wants: ``type_precision`` (events whose type the sentence
    wants, over all events — as ``score.py`` counts it), ``events_per_sentence``, ``duplicate_rate`` (events
    repeating a type already emitted for the sentence) and the share of events with an actor or a recipient."""

    def __init__(self) -> None:
        self.sentences = self.events = self.right = self.repeats = self.with_actor = self.with_recipient = 0
        self.scored: list[tuple[float, bool]] = []

    def add(self, events: Iterable[Event], wanted: set[str]) -> None:
        events = list(events)
        self.sentences += 1
        self.events += len(events)
        self.right += sum(e.type in wanted for e in events)
        self.scored += [(e.confidence, e.type in wanted) for e in events]
        self.repeats += len(events) - len({e.type for e in events})
        self.with_actor += sum(bool(e.actors) for e in events)
        self.with_recipient += sum(bool(e.recipients) for e in events)

    def summary(self) -> dict[str, Any]:
        n = max(1, self.events)
        return {"events": self.events, "type_precision": round(self.right / n, 3),
                "events_per_sentence": round(self.events / max(1, self.sentences), 2),
                "duplicate_rate": round(self.repeats / n, 3), "actor_filled": round(self.with_actor / n, 3),
                "recipient_filled": round(self.with_recipient / n, 3), **reliability(self.scored)}


class _Tally:
    def __init__(self) -> None:
        self.counts: dict[str, list[int]] = {}

    def add(self, name: str, ok: bool) -> None:
        hit_n = self.counts.setdefault(name, [0, 0])
        hit_n[0] += ok
        hit_n[1] += 1

    def summary(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, (hits, n) in self.counts.items():
            out[f"{name}_accuracy"] = round(hits / n, 4) if n else 0.0
            out[f"{name}_n"] = n
        return out


# --- PETRARCH unit tests (mirrors score.py events-petr) ------------------------------------------------------


def _score_petr(path: Path, limit: int | None, settings: Settings) -> dict[str, Any]:
    records = _jsonl(path)[:limit]
    table = cameo_to_plover(_cameo_table(path))
    got = extract(((r["text"], _iso(r["date"])) for r in records), settings)
    n_ev = type_ok = actor_ok = none_n = none_ok = 0
    emitted = _Emitted()
    misses: list[dict[str, Any]] = []
    for record, events in zip(records, got, strict=True):
        types = {e.type for e in events}
        wanted = set() if record["expect_no_events"] else \
            {w for x in record["expected_events"] if (w := plover_of(x["event"], table))}
        emitted.add(events, wanted)
        codes = {str(a.country or "").upper()[:3] for e in events for a in e.actors}
        if record["expect_no_events"]:
            none_n += 1
            none_ok += not events
            continue
        for expected in record["expected_events"]:
            want = plover_of(expected["event"], table)
            if not want:
                continue
            n_ev += 1
            type_ok += want in types
            actor_ok += expected["source"][:3] in codes
            if want not in types and len(misses) < MAX_ERRORS:
                misses.append({"id": record["id"], "gold": want, "predicted": sorted(types)})
    return {"sentences": len(records), "expected_events": n_ev, "type_recall": round(type_ok / max(1, n_ev), 3),
            "actor_country_recall": round(actor_ok / max(1, n_ev), 3),
            "no_event_correct": round(none_ok / max(1, none_n), 3), "no_event_n": none_n, **emitted.summary(),
            "errors": misses}


def cameo_to_plover(path: Path) -> dict[str, str]:
    """CAMEO code → PLOVER type from the conversion table (a later line for a code wins, as in score.py)."""
    return read_mapping(path)


def _cameo_table(gold: Path) -> Path:
    for folder in (gold.parent, gold.parent.parent / "plover_gsr_cameo"):
        if (folder / CAMEO_TABLE).is_file():
            return folder / CAMEO_TABLE
    raise InputError(f"{CAMEO_TABLE} not found beside {gold} or in ../plover_gsr_cameo", source=str(gold))


def _iso(yyyymmdd: str) -> str:
    return f"{yyyymmdd[:4]}-{yyyymmdd[4:6]}-{yyyymmdd[6:]}"


# --- CASE 2021 Task 2 (mirrors score.py events-case) ---------------------------------------------------------


def _score_case(path: Path, limit: int | None, settings: Settings) -> dict[str, Any]:
    rows = list(csv.DictReader(_lines(path), delimiter="\t"))[:limit]
    mapping = case_to_plover()
    got = extract(((r["EventSnippet"], None) for r in rows), settings)
    n = ok = none_n = none_ok = 0
    emitted = _Emitted()
    per_type: dict[str, list[int]] = {}
    for row, events in zip(rows, got, strict=True):
        want = mapping.get(row["SubType"])
        emitted.add(events, {want} if want else set())
        if want is None:
            none_n += 1
            none_ok += not events
            continue
        hit = want in {e.type for e in events}
        n, ok = n + 1, ok + hit
        per_type.setdefault(row["SubType"], [0, 0])[0] += hit
        per_type[row["SubType"]][1] += 1
    return {"snippets": len(rows), "with_plover_type": n, "type_recall": round(ok / max(1, n), 3),
            "empty_when_not_political": round(none_ok / max(1, none_n), 3), **emitted.summary(),
            "recall_by_subtype": {k: round(h / t, 3) for k, (h, t) in sorted(per_type.items())}}


@lru_cache(maxsize=1)
def case_to_plover() -> dict[str, str | None]:
    """ACLED-style sub-type → PLOVER type (None: no PLOVER event), from ``data/case_to_plover.tsv``."""
    text = (resources.files("dateline") / "data" / "case_to_plover.tsv").read_text(encoding="utf-8")
    rows = csv.DictReader([line for line in text.splitlines() if line and not line.startswith("#")], delimiter="\t")
    return {r["subtype"]: (None if r["plover"] == "-" else r["plover"]) for r in rows}


# --- reading ------------------------------------------------------------------------------------------------


def _lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc}", source=str(path)) from exc


def _jsonl(path: Path) -> list[dict[str, Any]]:
    out = []
    for number, line in enumerate(_lines(path), start=1):
        if line.strip():
            try:
                out.append(json.loads(line))
            except ValueError as exc:
                raise InputError(f"{path}:{number} is not JSON: {exc}", source=str(path)) from exc
    return out


# --- modality table ------------------------------------------------------------------------------------------

MODALITY_COLUMNS = ("text", "published", "type", "expected", "note")
NO_FLAGS = "-"


def evaluate_modality(path: str | Path, *, settings: Settings = DEFAULT) -> dict[str, Any]:
    """Modality flags on a table of cases (``eval/modality.tsv``): each row's ``text`` runs through the pipeline
    with its ``published`` date; the first event of the row's ``type`` must carry exactly the ``expected`` flags
    (comma-separated; ``-`` for none). Returns cases, accuracy and the failures."""
    rows = _modality_rows(Path(path))
    got = extract(((r["text"], r["published"] or None) for r in rows), settings)
    right = 0
    failures: list[dict[str, Any]] = []
    for row, events in zip(rows, got, strict=True):
        want = set() if row["expected"].strip() == NO_FLAGS else {f.strip() for f in row["expected"].split(",")}
        found = next((e for e in events if e.type == row["type"]), None)
        flags = set(found.modality) if found is not None else None
        if flags == want:
            right += 1
        else:
            failures.append({"text": row["text"], "type": row["type"], "expected": sorted(want),
                             "got": sorted(flags) if flags is not None else None})
    return {"cases": len(rows), "accuracy": round(right / len(rows), 4) if rows else 0.0, "failures": failures}


def _modality_rows(path: Path) -> list[dict[str, str]]:
    rows = list(csv.DictReader(_lines(path), delimiter="\t", quoting=csv.QUOTE_NONE))
    if rows and set(MODALITY_COLUMNS) - set(rows[0]):
        raise InputError(f"{path}: the modality table needs the columns {', '.join(MODALITY_COLUMNS)}",
                         source=str(path))
    return rows
