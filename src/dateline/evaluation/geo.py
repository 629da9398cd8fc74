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

Beside them: ``by_kind`` (acc161_all per kind of gold place: the corpus' GeoNames feature code where it
gives one, else the kind of the gazetteer entry with the gold id, else of the nearest entry of that name
within 161 km), ``dateline`` (articles whose body opens with a gold toponym written as a dateline — in
capitals, or followed by an agency in brackets, a dash or a colon —: the share recorded as the article's
dateline place and the share resolved within 161 km) and ``errors`` (the ten gold phrases most often
missed or placed too far, with counts). ``half`` scores the even or odd documents only (fit on one half,
report the other).

The data are read at run time; nothing from them is stored in the project.
"""

from __future__ import annotations

import argparse
import logging
import re
import time
import xml.etree.ElementTree as ET
from collections import Counter
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
TOP_ERRORS = 10
# GeoNames feature codes (LGL, TR-News) as the kinds of place reported apart
_KINDS = (("PCL", "country"), ("ADM1", "admin1"), ("ADM2", "admin2"), ("ADM3", "admin2"), ("PPL", "city"),
          ("CONT", "continent"), ("RGN", "region"), ("AREA", "region"))
# After a toponym opening an article, what makes it a dateline: an agency in brackets, a dash, a colon
_CAPS_AFTER = re.compile(r"(?:,[^,\n]{1,30},?)?\s+[^\W\da-z]")  # "DETROIT The …", "AUSTIN, Texas A …"
_DATELINE_AFTER = re.compile(r"(?:,\s*[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)?\s*(?:\([^()\n]{1,40}\)|[—–:]|--?\s)")


@dataclass(frozen=True)
class Toponym:
    start: int
    end: int
    lat: float
    lon: float
    geonameid: str | None
    phrase: str | None
    fcode: str | None = None


@dataclass(frozen=True)
class GoldDoc:
    id: str
    text: str
    toponyms: tuple[Toponym, ...]
    url: str | None = None  # the article's address (LGL, TR-News, GeoWebNews give one)


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
    by_kind: dict[str, list[int]] = field(default_factory=dict)  # kind -> [gold, within 161 km]
    wrong: Counter[str] = field(default_factory=Counter)  # gold phrase -> missed or placed too far
    datelines: int = 0
    dateline_recorded: int = 0
    dateline_ok161: int = 0


def evaluate_geo(path: str | Path, *, oracle: bool = False, limit: int | None = None, half: str | None = None,
                 outlet: bool = False, settings: Settings = DEFAULT, gazetteer: Gazetteer | None = None) -> dict:
    """Geoparse the first ``limit`` documents of the corpus at ``path`` (of its ``half``, "even" or "odd",
    when given) and score them; returns the summary. ``outlet``: give each article its URL, whose country
    domain is evidence for its places (score.py gives text only, so its figures are those without)."""
    started = time.perf_counter()
    docs = halved(load_corpus(path), half)[:limit]
    gazetteer = gazetteer if gazetteer is not None else default_gazetteer(settings)
    tally = Tally()
    for gold, doc in zip(docs, parsed(docs, settings, outlet=outlet), strict=True):
        spans = [(t.start, t.end) for t in gold.toponyms] if oracle else None
        places = geoparse(doc, gazetteer, spans=spans) if doc is not None else []
        score_document(gold, places, tally, kinds=gold_kinds(gold, gazetteer))
        score_dateline(gold, doc, places, tally)
    report = summarize(tally, corpus=Path(path).name, docs=len(docs), oracle=oracle)
    if half:
        report["half"] = half
    if outlet:
        report["outlet"] = True
    report["seconds"] = round(time.perf_counter() - started, 1)
    return report


def load_corpus(path: str | Path) -> list[GoldDoc]:
    """The documents of a geo corpus file with their gold toponyms (offsets re-aligned)."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"geo corpus not found: {path}")
    root = ET.parse(path).getroot()
    return [_gold_doc(f"{path.stem}-{i}", article) for i, article in enumerate(root)]


def halved(docs: list[GoldDoc], half: str | None) -> list[GoldDoc]:
    """The even- or odd-numbered documents (all when ``half`` is None)."""
    if half is None:
        return docs
    if half not in ("even", "odd"):
        raise InputError(f"half must be 'even' or 'odd', not {half!r}")
    return docs[half == "odd"::2]


def _gold_doc(doc_id: str, article: ET.Element) -> GoldDoc:
    text = article.findtext("text") or ""
    tops = [*_lgl_or_gwn(article), *_geovirus(article)]
    url = (article.findtext("url") or article.findtext("link") or article.findtext("source") or "").strip()
    return GoldDoc(doc_id, text, tuple(_realigned(text, t) for t in tops), url or None)


def _lgl_or_gwn(article: ET.Element) -> Iterator[Toponym]:
    for t in article.iter("toponym"):
        tag = t.find("gaztag")
        if tag is not None:  # LGL, TR-News
            lat, lon, gid, phrase = tag.findtext("lat"), tag.findtext("lon"), tag.get("geonameid"), t.findtext("phrase")
            fcode = tag.findtext("fcode")
        else:  # GeoWebNews: only toponym types
            kind = t.findtext("type") or ""
            if kind.endswith("Expression") or kind == "Non_Toponym":
                continue
            lat, lon = t.findtext("latitude"), t.findtext("longitude")
            gid, phrase, fcode = t.findtext("geonamesID"), t.findtext("extractedName"), None
        if lat and lon:
            yield Toponym(int(t.findtext("start") or 0), int(t.findtext("end") or 0), float(lat), float(lon),
                          gid or None, phrase, fcode or None)


def _geovirus(article: ET.Element) -> Iterator[Toponym]:
    for loc in article.iter("location"):  # offsets one character too far right
        yield Toponym(int(loc.findtext("start") or 1) - 1, int(loc.findtext("end") or 1) - 1,
                      float(loc.findtext("lat") or 0), float(loc.findtext("lon") or 0), None, loc.findtext("name"))


def _realigned(text: str, t: Toponym) -> Toponym:
    if not t.phrase or text[t.start:t.end] == t.phrase:
        return t
    k = text.find(t.phrase, max(0, t.start - _SHIFT))
    if 0 <= k <= t.start + _SHIFT:
        return Toponym(k, k + len(t.phrase), t.lat, t.lon, t.geonameid, t.phrase, t.fcode)
    return t


def gold_kinds(gold: GoldDoc, gazetteer: Gazetteer) -> list[str]:
    """The kind of each gold place: its feature code's, else the gazetteer's for its id, else for the entry
    of that name nearest its point (within 161 km), else "other"."""
    return [_gold_kind(gold.text[t.start:t.end], t, gazetteer) for t in gold.toponyms]


def _gold_kind(phrase: str, t: Toponym, gazetteer: Gazetteer) -> str:
    if t.fcode:
        return next((kind for prefix, kind in _KINDS if t.fcode.startswith(prefix)), "other")
    candidates = gazetteer.candidates(phrase)
    same = [c for c in candidates if t.geonameid and str(c.geonameid) == t.geonameid]
    if same:
        return same[0].feature
    near = [(km(t.lat, t.lon, c.lat, c.lon), c.feature) for c in candidates]
    near = [n for n in near if n[0] <= ACCURATE_KM]
    return min(near)[1] if near else "other"


def gold_dateline(gold: GoldDoc) -> Toponym | None:
    """The gold toponym written as the article's dateline: at the start of the text, of a line, or of the
    second sentence of the first line (a title run into the body), and in capitals or followed by an agency
    in brackets, a dash or a colon."""
    first_line_end = gold.text.find("\n", len(gold.text) - len(gold.text.lstrip()))
    for t in sorted(gold.toponyms, key=lambda t: t.start):
        before = gold.text[:t.start]
        opening = not before.strip() or before.endswith("\n") or (
            (first_line_end < 0 or t.start < first_line_end) and "\n" not in before.strip()
            and re.search(r"[.!?]\s+$", before) is not None and before.count(". ") <= 1)
        if not opening:
            continue
        phrase = gold.text[t.start:t.end]
        if (phrase.isupper() and _CAPS_AFTER.match(gold.text, t.end)) or _DATELINE_AFTER.match(gold.text, t.end):
            return t
        if t.start > 300:
            break
    return None


def parsed(docs: Sequence[GoldDoc], settings: Settings, *, outlet: bool = False) -> Iterator[Doc | None]:
    """Each document through the full parse (None where the article cannot be built); with ``outlet``, the
    article carries its URL."""
    register()
    nlp = load_model(settings.model)
    for gold in docs:
        raw = RawDocument(source_id=gold.id, text=gold.text, url=gold.url if outlet else None)
        try:
            article, layout = build_article(raw, settings=settings)
        except DatelineError as exc:
            log.warning("%s: %s", gold.id, exc)
            yield None
            continue
        doc = prepare_doc(nlp, article.text, splits=layout.splits, sentence_starts=layout.sentence_starts)
        doc = next(parse(nlp, [doc], batch_size=1))
        doc._.article = article
        yield doc


def score_document(gold: GoldDoc, places: Sequence[Place], tally: Tally, *,
                   kinds: Sequence[str] | None = None) -> None:
    """Add one document's figures to ``tally`` (score.py's matching: first overlapping prediction)."""
    preds = [p for p in places if p.lat is not None and p.lon is not None]
    tally.predicted += len(preds)
    tally.predicted_matched += sum(any(_overlap(p, t) for t in gold.toponyms) for p in preds)
    for i, t in enumerate(gold.toponyms):
        tally.gold += 1
        kind = tally.by_kind.setdefault(kinds[i] if kinds else "all", [0, 0])
        kind[0] += 1
        ok = _within(t, preds, tally)
        kind[1] += ok
        if not ok:
            tally.wrong[gold.text[t.start:t.end]] += 1


def _within(t: Toponym, preds: Sequence[Place], tally: Tally) -> bool:
    hits = [p for p in preds if _overlap(p, t)]
    if not hits:
        return False
    tally.found += 1
    error = km(t.lat, t.lon, hits[0].lat or 0.0, hits[0].lon or 0.0)
    tally.errors_km.append(error)
    tally.ok161 += error <= ACCURATE_KM
    if t.geonameid:
        tally.with_id += 1
        tally.exact += str(hits[0].geonameid or "") == t.geonameid
    return error <= ACCURATE_KM


def score_dateline(gold: GoldDoc, doc: Doc | None, places: Sequence[Place], tally: Tally) -> None:
    """Whether the article's gold dateline (if it opens with one) was recorded and placed within 161 km."""
    line = gold_dateline(gold)
    if line is None:
        return
    tally.datelines += 1
    article = doc._.article if doc is not None and doc.has_extension("article") else None
    recorded = getattr(article, "dateline", None)
    place = getattr(recorded, "place", None)
    if place and recorded is not None:
        start = gold.text.find(place, recorded.start, recorded.end)
        tally.dateline_recorded += start >= 0 and start < line.end and line.start < start + len(place)
    hits = [p for p in places if p.lat is not None and p.lon is not None and _overlap(p, line)]
    tally.dateline_ok161 += bool(hits) and km(line.lat, line.lon, hits[0].lat or 0.0, hits[0].lon or 0.0) <= ACCURATE_KM


def _overlap(p: Place, t: Toponym) -> bool:
    return p.start < t.end and t.start < p.end


def summarize(tally: Tally, *, corpus: str, docs: int, oracle: bool) -> dict:
    def ratio(a: float, b: float) -> float:
        return round(a / max(1, b), 3)

    return {"corpus": corpus, "oracle": oracle, "docs": docs, "gold": tally.gold,
            "recall": ratio(tally.found, tally.gold), "precision": ratio(tally.predicted_matched, tally.predicted),
            "acc161_all": ratio(tally.ok161, tally.gold), "acc161_found": ratio(tally.ok161, tally.found),
            "exact_id": ratio(tally.exact, tally.with_id),
            "mean_km": round(sum(tally.errors_km) / max(1, len(tally.errors_km)), 1),
            "by_kind": {kind: {"gold": n, "acc161": ratio(ok, n)}
                        for kind, (n, ok) in sorted(tally.by_kind.items(), key=lambda kv: -kv[1][0])},
            "dateline": {"articles": tally.datelines, "recorded": ratio(tally.dateline_recorded, tally.datelines),
                         "acc161": ratio(tally.dateline_ok161, tally.datelines)},
            "errors": dict(tally.wrong.most_common(TOP_ERRORS))}


def fit_weights(paths: Sequence[str | Path], *, settings: Settings = DEFAULT, half: str | None = None,
                gazetteer: Gazetteer | None = None) -> dict[str, float]:
    """Refit the resolver's weights on the gold mentions of the corpora at ``paths`` (of their ``half`` when
    given; a development step: paste the printed weights into :data:`dateline.geo.resolve.WEIGHTS`)."""
    gazetteer = gazetteer if gazetteer is not None else default_gazetteer(settings)
    groups: list[Group] = []
    for path in paths:
        docs = halved(load_corpus(path), half)
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
    parser.add_argument("--half", choices=("even", "odd"), default=None, help="score one half of the documents")
    parser.add_argument("--outlet", action="store_true", help="give each article its URL (outlet country)")
    args = parser.parse_args(argv)
    if args.corpus[0] == "fit":
        fit_weights(args.corpus[1:], half=args.half)
        return
    if args.corpus[0] == "calibrate":
        fit_calibration(args.corpus[1])
        return
    for path in args.corpus:
        evaluate_geo(path, oracle=args.oracle, limit=args.limit, half=args.half, outlet=args.outlet)


if __name__ == "__main__":
    main()
