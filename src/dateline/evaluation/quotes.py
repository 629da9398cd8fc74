"""Score the quotes stage on a PolNeAR split (Newell et al. 2018): who said what, against brat standoff.

A split directory holds ``text/<doc>.txt`` and ``attributions/<doc>_<annotator>.ann``; one annotator
file is used per document, the first in sorted order. Every attribution with a content is a gold quote.
The definitions are those of ``shared/tools/score.py quotes`` (the independent scorer), so both agree:

* a gold content is **found** when one predicted content covers ≥ 30 % of its characters (``recall``;
  ``recall_at_0_8`` at 80 %), the GenderGapTracker convention;
* a prediction is **correct** when ≥ 30 % of its own characters lie inside one gold content (``precision``);
* ``recall_quote_marked`` / ``recall_unmarked``: recall over gold contents with / without a double quote mark
  (``"``, ``“``, ``”``) in their text;
* ``speaker_acc_on_matched``: over found gold contents, whether the best-covering prediction's speaker span
  overlaps the gold source;
* ``recall_unmarked_at_0_8``: recall over unmarked gold contents at 80 % coverage;
* ``reliability`` and ``calibration_gap``: per confidence bin, the share of predictions that cover ≥ 30 % of
  a gold content (see :mod:`.calibration`);
* ``exact_*``: exact content spans (CofeNet reports these on token spans): a prediction and a gold content
  match when they hold the same letters and digits (spaces, quote marks and punctuation are ignored, so an
  edge comma or mark never decides); a discontinuous content is its pieces, and so is an interrupted
  prediction (its ``spans``). ``exact_*_that_aside``: the same with a gold content's opening complementizer
  left out ("said *that* …"): PolNeAR marks it as content, dateline's records do not (docs/records.md).

With ``textacy=True`` the same documents are also run through textacy's rule-based
``textacy.extract.triples.direct_quotations`` (direct quotes only); a document on which it raises counts as
predicting nothing, and the raises are counted. The data are read at run time; nothing from them is kept.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError, SettingsError
from ..settings import DEFAULT, Settings
from .calibration import reliability

LOGGER = logging.getLogger(__name__)

CORPUS = "polnear"
FOUND, FOUND_STRICT = 0.3, 0.8
_ANNOTATOR = re.compile(r"_[0-9a-f]{4}\.ann$")
_MARKS = '"“”'

Range = tuple[int, int]


@dataclass(frozen=True)
class GoldQuote:
    content: tuple[Range, ...]
    source: tuple[Range, ...] = ()


@dataclass(frozen=True)
class Prediction:
    start: int
    end: int
    speaker: Range | None = None
    confidence: float = 1.0
    spans: tuple[Range, ...] = ()  # the pieces of an interrupted quote; empty: one piece, start to end

    @property
    def pieces(self) -> tuple[Range, ...]:
        return self.spans or ((self.start, self.end),)


@dataclass(frozen=True)
class Document:
    key: str
    text: str
    gold: tuple[GoldQuote, ...]


def evaluate_quotes(split_dir: str | Path, *, limit: int | None = None, textacy: bool = False,
                    settings: Settings | None = None) -> dict[str, Any]:
    """Run the whole pipeline on a PolNeAR split and score its quotes; a JSON-ready summary."""
    if limit is not None and limit < 1:
        raise SettingsError(f"limit must be a positive whole number, got {limit}")
    documents = load_split(split_dir, limit=limit)
    result: dict[str, Any] = {"corpus": CORPUS, "split": Path(split_dir).name, "documents": len(documents)}
    started = time.perf_counter()
    predictions = dateline_predictions(documents, settings or DEFAULT)
    result["dateline"] = {**score(documents, predictions), "seconds": round(time.perf_counter() - started, 1)}
    if textacy:
        started = time.perf_counter()
        found, raises = textacy_predictions(documents, settings or DEFAULT)
        result["textacy"] = {**score(documents, found), "raises": raises,
                             "seconds": round(time.perf_counter() - started, 1)}
    return result


def load_split(split_dir: str | Path, *, limit: int | None = None) -> list[Document]:
    """The split's documents in sorted order, each with the attributions of its first annotator file."""
    root = Path(split_dir)
    if not (root / "text").is_dir() or not (root / "attributions").is_dir():
        raise InputError(f"{root} is not a PolNeAR split: it needs text/ and attributions/ folders")
    firsts: dict[str, Path] = {}
    for path in sorted((root / "attributions").glob("*.ann")):
        firsts.setdefault(_ANNOTATOR.sub("", path.name), path)
    if not firsts:
        raise InputError(f"{root / 'attributions'} holds no .ann files")
    items = sorted(firsts.items())[:limit]
    return [Document(key, (root / "text" / f"{key}.txt").read_text(encoding="utf-8"), load_attributions(path))
            for key, path in items]


def load_attributions(path: Path) -> tuple[GoldQuote, ...]:
    """The attributions of one brat file that have a content, as character ranges."""
    spans: dict[str, list[Range]] = {}
    events: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2 and " " in parts[1]:
            spans[parts[0]] = _ranges(parts[1].split(" ", 1)[1])
        elif line.startswith("E") and len(parts) >= 2:
            events.append(dict(x.split(":", 1) for x in parts[1].split(" ") if ":" in x))
    gold = (GoldQuote(tuple(spans.get(e.get("Content", ""), ())), tuple(spans.get(e.get("Source", ""), ())))
            for e in events)
    return tuple(g for g in gold if g.content)


def _ranges(text: str) -> list[Range]:
    out = []
    for segment in text.split(";"):
        start, end = segment.split()
        out.append((int(start), int(end)))
    return out


def dateline_predictions(documents: Sequence[Document], settings: Settings) -> list[list[Prediction]]:
    """The quotes the whole pipeline finds in each document (a document that fails predicts nothing)."""
    from ..api import Extractor
    from ..intake.source import RawDocument
    from ..records import Record

    raws = [RawDocument(source_id=d.key, text=d.text) for d in documents]
    out: list[list[Prediction]] = []
    for doc, record in zip(documents, Extractor(settings).run(raws), strict=True):
        if not isinstance(record, Record) or record.article.text != doc.text:
            LOGGER.warning("no usable output for %s", doc.key)
            out.append([])
            continue
        out.append([Prediction(q.start, q.end, (q.speaker.start, q.speaker.end) if q.speaker else None,
                               q.confidence, q.spans) for q in record.quotes])
    return out


def textacy_predictions(documents: Sequence[Document], settings: Settings) -> tuple[list[list[Prediction]], int]:
    """textacy's direct quotations on the same documents, parsed by the same model; and how often it raised."""
    from textacy.extract.triples import direct_quotations

    from ..nlp import load_model

    nlp = load_model(settings.model)
    out: list[list[Prediction]] = []
    raises = 0
    for parsed in nlp.pipe(d.text for d in documents):
        try:
            triples = list(direct_quotations(parsed))
        except Exception as exc:  # textacy bails out on unbalanced marks: count it, predict nothing
            LOGGER.info("textacy raised %s", exc)
            raises += 1
            triples = []
        out.append([_textacy_prediction(t) for t in triples])
    return out, raises


def _textacy_prediction(triple: Any) -> Prediction:
    speaker = sorted(triple.speaker, key=lambda t: t.i)
    span = (speaker[0].idx, speaker[-1].idx + len(speaker[-1])) if speaker else None
    return Prediction(triple.content.start_char, triple.content.end_char, span)


def score(documents: Sequence[Document], predictions: Sequence[Sequence[Prediction]]) -> dict[str, Any]:
    """Precision, recall and F1 at 30 % coverage, recall at 80 %, exact spans, speakers (see the module doc)."""
    c = _Counts()
    for doc, preds in zip(documents, predictions, strict=True):
        c.add(doc, preds)
    return c.summary()


class _Counts:
    def __init__(self) -> None:
        self.gold = self.found = self.found_strict = self.speaker = self.predicted = self.correct = 0
        self.exact_gold, self.exact_pred = [0, 0], [0, 0]  # strict, and with the complementizer aside
        self.marked = [0, 0]
        self.unmarked = [0, 0]
        self.unmarked_strict = 0
        self.scored: list[tuple[float, bool]] = []

    def add(self, doc: Document, preds: Sequence[Prediction]) -> None:
        pred_chars = [(_chars(p.pieces), _chars([p.speaker]) if p.speaker else set()) for p in preds]
        self.predicted += len(preds)
        for g in doc.gold:
            self._add_gold(doc.text, g, pred_chars)
        golds = [_chars(g.content) for g in doc.gold]
        self.correct += sum(any(len(gc & p) / max(1, len(p)) >= FOUND for gc in golds) for p, _ in pred_chars)
        self.scored += [(pred.confidence, any(len(gc & p) / max(1, len(gc)) >= FOUND for gc in golds))
                        for pred, (p, _) in zip(preds, pred_chars, strict=True)]
        exact_pred = [_exact(doc.text, p) for p, _ in pred_chars]
        for n, aside in enumerate((False, True)):
            exact_gold = {_exact(doc.text, _chars(g.content), that_aside=aside) for g in doc.gold}
            self.exact_pred[n] += sum(p in exact_gold for p in exact_pred)
            self.exact_gold[n] += len(exact_gold & set(exact_pred))

    def _add_gold(self, text: str, g: GoldQuote, preds: list[tuple[set[int], set[int]]]) -> None:
        gc = _chars(g.content)
        bucket = self.marked if any(c in "".join(text[a:b] for a, b in g.content) for c in _MARKS) else self.unmarked
        self.gold += 1
        bucket[0] += 1
        best, speaker = max(((len(gc & p) / len(gc), s) for p, s in preds), default=(0.0, set()),
                            key=lambda x: x[0])
        if best >= FOUND:
            self.found += 1
            bucket[1] += 1
            self.speaker += bool(_chars(g.source) & speaker)
        self.found_strict += best >= FOUND_STRICT
        self.unmarked_strict += bucket is self.unmarked and best >= FOUND_STRICT

    def summary(self) -> dict[str, Any]:
        precision, recall = self.correct / max(1, self.predicted), self.found / max(1, self.gold)
        return {
            "gold": self.gold, "predictions": self.predicted, "precision": round(precision, 3),
            "recall": round(recall, 3), "f1": round(_f1(precision, recall), 3),
            "recall_at_0_8": round(self.found_strict / max(1, self.gold), 3),
            "recall_quote_marked": round(self.marked[1] / max(1, self.marked[0]), 3),
            "recall_unmarked": round(self.unmarked[1] / max(1, self.unmarked[0]), 3),
            "recall_unmarked_at_0_8": round(self.unmarked_strict / max(1, self.unmarked[0]), 3),
            "speaker_acc_on_matched": round(self.speaker / max(1, self.found), 3),
            **self._exact(0, ""), **self._exact(1, "_that_aside"), **reliability(self.scored),
        }

    def _exact(self, n: int, suffix: str) -> dict[str, float]:
        p, r = self.exact_pred[n] / max(1, self.predicted), self.exact_gold[n] / max(1, self.gold)
        return {f"exact_precision{suffix}": round(p, 3), f"exact_recall{suffix}": round(r, 3),
                f"exact_f1{suffix}": round(_f1(p, r), 3)}


def _chars(ranges: Iterable[Range]) -> set[int]:
    out: set[int] = set()
    for start, end in ranges:
        out.update(range(start, end))
    return out


def _exact(text: str, chars: set[int], *, that_aside: bool = False) -> frozenset[int]:
    """The exact-match key of a span: the positions of its letters and digits (an opening "that" dropped)."""
    key = {i for i in chars if i < len(text) and text[i].isalnum()}
    first = min(key, default=0)
    if that_aside and text[first:first + 4].lower() == "that" and text[first + 4:first + 5].isspace():
        key -= set(range(first, first + 4))
    return frozenset(key)


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0
