"""Score the dates stage on a table of cases: exact match of the resolved value.

The table is tab-separated with a header row and the columns ``text``, ``published``, ``mention``,
``expected`` and ``note``. Each ``text`` is parsed with the model and run through
:func:`~dateline.stages.dates.extract_dates` with ``published`` (empty: no publication date). The
DateRef that overlaps the first case-insensitive occurrence of ``mention`` most is compared with
``expected``:

* an ISO value (``2016-10-25``, ``2016-10``, ``2016``, ``2016-10-17/2016-10-23``) must equal the value;
* an empty ``expected`` asks for a DateRef whose value is None (found but unresolved);
* ``-`` asks for no DateRef at all there (ages and pure durations are not points in time).
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from .. import extensions
from ..errors import InputError
from ..nlp import load_model, parse, prepare_doc
from ..records import Article, DateRef
from ..settings import DEFAULT, Settings
from ..stages.dates import extract_dates

COLUMNS = ("text", "published", "mention", "expected", "note")
NO_RECORD = "-"
MAX_FAILURES = 20


def evaluate_dates(path: str | Path, *, nlp: Language | None = None, settings: Settings = DEFAULT) -> dict[str, Any]:
    """Run every case of the table at ``path``; returns ``{"cases", "exact", "failures"}`` (first 20)."""
    cases = read_cases(path)
    nlp = nlp or load_model(settings.model)
    extensions.register()
    docs = parse(nlp, (prepare_doc(nlp, c["text"]) for c in cases), batch_size=settings.batch_size)
    right = 0
    failures: list[dict[str, Any]] = []
    for case, doc in zip(cases, docs, strict=True):
        got = _answer(case, _dates(doc, case, settings))
        if got == (case["expected"] or None):
            right += 1
        elif len(failures) < MAX_FAILURES:
            failures.append({"text": case["text"], "mention": case["mention"], "expected": case["expected"],
                             "got": got})
    return {"cases": len(cases), "exact": right / len(cases) if cases else 0.0, "failures": failures}


def read_cases(path: str | Path) -> list[dict[str, str]]:
    """The table's rows as dicts; raises InputError when the file or a column is missing."""
    file = Path(path)
    try:
        with file.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    except OSError as exc:
        raise InputError(f"cannot read the dates table {file}: {exc}", source=str(file)) from exc
    missing = [c for c in COLUMNS if rows and c not in rows[0]]
    if missing:
        raise InputError(f"the dates table {file} lacks the columns {missing}", source=str(file))
    return [{c: (row.get(c) or "").strip() for c in COLUMNS} for row in rows]


def _dates(doc: Doc, case: dict[str, str], settings: Settings) -> list[DateRef]:
    doc._.article = Article(id="x", source_id="x", text=case["text"], published=case["published"] or None)
    return extract_dates(doc, settings=settings)


def _answer(case: dict[str, str], refs: list[DateRef]) -> str | None:
    """The value of the DateRef overlapping the mention most; ``-`` when none overlaps it."""
    at = case["text"].lower().find(case["mention"].lower())
    if at < 0:
        raise InputError(f"mention {case['mention']!r} is not in its text {case['text']!r}", source="dates table")
    end = at + len(case["mention"])
    overlaps = [(min(end, r.end) - max(at, r.start), r) for r in refs if r.start < end and at < r.end]
    if not overlaps:
        return NO_RECORD
    return max(overlaps, key=lambda pair: pair[0])[1].value
