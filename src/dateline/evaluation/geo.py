"""Score the geoparser on the geo corpora of ``../shared/data/geo`` (LGL, TR-News, GeoWebNews, GeoVirus).

The corpora are read as ``shared/tools/score.py`` reads them, traps included: GeoWebNews' ``*_Expression``
and ``Non_Toponym`` annotations are not toponyms; GeoVirus offsets are one character too far right;
TR-News offsets shifted by a few characters are re-aligned by finding the phrase near ``start``; toponyms
without coordinates are left out. Each article goes through the full parse (layout, spaCy, entity-type
fixes) and then the places stage.

Figures, as score.py reports them: ``recall`` (gold toponyms overlapped by a predicted place with
coordinates), ``precision`` (predicted places overlapping a gold toponym), ``acc161_all`` (gold toponyms
whose first overlapping prediction lies within 161 km, over all gold), ``acc161_found`` (the same over
the found ones), ``exact_id`` (GeoNames id equal, over gold with an id) and ``mean_km``. With
``oracle=True`` the gold spans are resolved instead of the recognised ones.

The data are read at run time; nothing from them is stored in the project.
"""

from __future__ import annotations

import argparse
import logging
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc

from ..article import build_article
from ..errors import DatelineError, InputError
from ..extensions import register
from ..geo import Gazetteer, default_gazetteer
from ..geo.calibrate import features as calibration_features
from ..geo.context import km
from ..geo.learn import Group, fit, fit_logistic
from ..geo.parser import decide, geoparse
from ..geo.recognize import span_mention
from ..geo.resolve import FIXED, WEIGHTS, feature_rows
from ..intake.source import RawDocument
from ..nlp import load_model, parse, prepare_doc
from ..records import Place
from ..settings import DEFAULT, Settings

log = logging.getLogger(__name__)

ACCURATE_KM = 161.0
_SHIFT = 8  # how far from ``start`` a shifted phrase is looked for


@dataclass(frozen=True)
class Toponym:
    start: int
    end: int
    lat: float
    lon: float
    geonameid: str | None
    phrase: str | None


@dataclass(frozen=True)
class GoldDoc:
    id: str
    text: str
    toponyms: tuple[Toponym, ...]


@dataclass
class Tally:
    gold: int = 0
    found: int = 0
    ok161: int = 0
    exact: int = 0
    with_id: int = 0
    predicted: int = 0
    predicted_matched: int = 0
    errors_km: list[float] = field(default_factory=list)


def evaluate_geo(path: str | Path, *, oracle: bool = False, limit: int | None = None,
                 settings: Settings = DEFAULT, gazetteer: Gazetteer | None = None) -> dict:
    """Geoparse the first ``limit`` documents of the corpus at ``path`` and score them; prints the summary."""
    started = time.perf_counter()
    docs = load_corpus(path)[:limit]
    gazetteer = gazetteer if gazetteer is not None else default_gazetteer(settings)
    tally = Tally()
    for gold, doc in zip(docs, parsed(docs, settings), strict=True):
        spans = [(t.start, t.end) for t in gold.toponyms] if oracle else None
        places = geoparse(doc, gazetteer, spans=spans) if doc is not None else []
        score_document(gold, places, tally)
    report = summarize(tally, corpus=Path(path).name, docs=len(docs), oracle=oracle)
    report["seconds"] = round(time.perf_counter() - started, 1)
    print(report)  # noqa: T201 - the evaluation's output is its report
    return report


def load_corpus(path: str | Path) -> list[GoldDoc]:
    """The documents of a geo corpus file with their gold toponyms (offsets re-aligned)."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"geo corpus not found: {path}")
    root = ET.parse(path).getroot()
    return [_gold_doc(f"{path.stem}-{i}", article) for i, article in enumerate(root)]


def _gold_doc(doc_id: str, article: ET.Element) -> GoldDoc:
    text = article.findtext("text") or ""
    tops = [*_lgl_or_gwn(article), *_geovirus(article)]
    return GoldDoc(doc_id, text, tuple(_realigned(text, t) for t in tops))


def _lgl_or_gwn(article: ET.Element) -> Iterator[Toponym]:
    for t in article.iter("toponym"):
        tag = t.find("gaztag")
        if tag is not None:  # LGL, TR-News
            lat, lon, gid, phrase = tag.findtext("lat"), tag.findtext("lon"), tag.get("geonameid"), t.findtext("phrase")
        else:  # GeoWebNews: only toponym types
            kind = t.findtext("type") or ""
            if kind.endswith("Expression") or kind == "Non_Toponym":
                continue
            lat, lon = t.findtext("latitude"), t.findtext("longitude")
            gid, phrase = t.findtext("geonamesID"), t.findtext("extractedName")
        if lat and lon:
            yield Toponym(int(t.findtext("start") or 0), int(t.findtext("end") or 0), float(lat), float(lon),
                          gid or None, phrase)


def _geovirus(article: ET.Element) -> Iterator[Toponym]:
    for loc in article.iter("location"):  # offsets one character too far right
        yield Toponym(int(loc.findtext("start") or 1) - 1, int(loc.findtext("end") or 1) - 1,
                      float(loc.findtext("lat") or 0), float(loc.findtext("lon") or 0), None, loc.findtext("name"))


def _realigned(text: str, t: Toponym) -> Toponym:
    if not t.phrase or text[t.start:t.end] == t.phrase:
        return t
    k = text.find(t.phrase, max(0, t.start - _SHIFT))
    if 0 <= k <= t.start + _SHIFT:
        return Toponym(k, k + len(t.phrase), t.lat, t.lon, t.geonameid, t.phrase)
    return t


def parsed(docs: Sequence[GoldDoc], settings: Settings) -> Iterator[Doc | None]:
    """Each document through the full parse (None where the article cannot be built)."""
    register()
    nlp = load_model(settings.model)
    for gold in docs:
        try:
            article, layout = build_article(RawDocument(source_id=gold.id, text=gold.text), settings=settings)
        except DatelineError as exc:
            log.warning("%s: %s", gold.id, exc)
            yield None
            continue
        doc = prepare_doc(nlp, article.text, splits=layout.splits, sentence_starts=layout.sentence_starts)
        doc = next(parse(nlp, [doc], batch_size=1))
        doc._.article = article
        yield doc


def score_document(gold: GoldDoc, places: Sequence[Place], tally: Tally) -> None:
    """Add one document's figures to ``tally`` (score.py's matching: first overlapping prediction)."""
    preds = [p for p in places if p.lat is not None and p.lon is not None]
    tally.predicted += len(preds)
    tally.predicted_matched += sum(any(_overlap(p, t) for t in gold.toponyms) for p in preds)
    for t in gold.toponyms:
        tally.gold += 1
        hits = [p for p in preds if _overlap(p, t)]
        if not hits:
            continue
        tally.found += 1
        error = km(t.lat, t.lon, hits[0].lat or 0.0, hits[0].lon or 0.0)
        tally.errors_km.append(error)
        tally.ok161 += error <= ACCURATE_KM
        if t.geonameid:
            tally.with_id += 1
            tally.exact += str(hits[0].geonameid or "") == t.geonameid


def _overlap(p: Place, t: Toponym) -> bool:
    return p.start < t.end and t.start < p.end


def summarize(tally: Tally, *, corpus: str, docs: int, oracle: bool) -> dict:
    def ratio(a: float, b: float) -> float:
        return round(a / max(1, b), 3)

    return {"corpus": corpus, "oracle": oracle, "docs": docs, "gold": tally.gold,
            "recall": ratio(tally.found, tally.gold), "precision": ratio(tally.predicted_matched, tally.predicted),
            "acc161_all": ratio(tally.ok161, tally.gold), "acc161_found": ratio(tally.ok161, tally.found),
            "exact_id": ratio(tally.exact, tally.with_id),
            "mean_km": round(sum(tally.errors_km) / max(1, len(tally.errors_km)), 1)}


def fit_weights(paths: Sequence[str | Path], *, settings: Settings = DEFAULT,
                gazetteer: Gazetteer | None = None) -> dict[str, float]:
    """Refit the resolver's weights on the gold mentions of the corpora at ``paths`` (a development step:
    paste the printed weights into :data:`dateline.geo.resolve.WEIGHTS`)."""
    gazetteer = gazetteer if gazetteer is not None else default_gazetteer(settings)
    groups: list[Group] = []
    for path in paths:
        docs = load_corpus(path)
        for gold, doc in zip(docs, parsed(docs, settings), strict=True):
            if doc is not None:
                groups.extend(_groups(gold, doc, gazetteer))
    weights = fit(groups, start=WEIGHTS, fixed=FIXED)
    print(weights)  # noqa: T201
    return weights


def fit_calibration(path: str | Path, *, settings: Settings = DEFAULT,
                    gazetteer: Gazetteer | None = None) -> dict[str, float]:
    """Refit the score calibration on the end-to-end decisions of one corpus that overlap a gold toponym
    (label: within 161 km); paste the printed coefficients into :data:`dateline.geo.calibrate.COEFFICIENTS`."""
    gazetteer = gazetteer if gazetteer is not None else default_gazetteer(settings)
    rows: list[dict[str, float]] = []
    labels: list[bool] = []
    docs = load_corpus(path)
    for gold, doc in zip(docs, parsed(docs, settings), strict=True):
        for mention, res in decide(doc, gazetteer) if doc is not None else []:
            hit = next((t for t in gold.toponyms if mention.start < t.end and t.start < mention.end), None)
            if hit is not None and res.candidate is not None:
                rows.append(calibration_features(mention, res))
                labels.append(km(hit.lat, hit.lon, res.candidate.lat, res.candidate.lon) <= ACCURATE_KM)
    coefficients = fit_logistic(rows, labels)
    print(coefficients)  # noqa: T201
    return coefficients


def _groups(gold: GoldDoc, doc: Doc, gazetteer: Gazetteer) -> list[Group]:
    mentions = [span_mention(doc, t.start, t.end, gazetteer) for t in gold.toponyms]
    rows = feature_rows(mentions)
    return [Group(r, [km(c.lat, c.lon, t.lat, t.lon) <= ACCURATE_KM for c in m.candidates])
            for m, t, r in zip(mentions, gold.toponyms, rows, strict=True)]


def main(argv: Sequence[str] | None = None) -> None:
    """``python -m dateline.evaluation.geo CORPUS.xml [--oracle] [--limit N]``, ``fit CORPUS.xml ...`` or
    ``calibrate CORPUS.xml``."""
    parser = argparse.ArgumentParser(prog="python -m dateline.evaluation.geo")
    parser.add_argument("corpus", nargs="+",
                        help="corpus XML file(s); first 'fit' refits the weights, 'calibrate' the score mapping")
    parser.add_argument("--oracle", action="store_true", help="resolve the gold spans only")
    parser.add_argument("--limit", type=int, default=None, help="score only the first N documents")
    args = parser.parse_args(argv)
    if args.corpus[0] == "fit":
        fit_weights(args.corpus[1:])
        return
    if args.corpus[0] == "calibrate":
        fit_calibration(args.corpus[1])
        return
    for path in args.corpus:
        evaluate_geo(path, oracle=args.oracle, limit=args.limit)


if __name__ == "__main__":
    main()
