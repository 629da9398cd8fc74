"""The store's commands: ``ingest``, ``query``, ``export``, ``migrate`` — thin shells over :class:`Store`."""

from __future__ import annotations

import csv
import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from .cli_common import ConfigOpt, err, guard, settings_from
from .store.formats import FORMATS
from .store.formats import KINDS as EXPORT_KINDS

if TYPE_CHECKING:  # the store (DuckDB, pyarrow) is loaded when a store command runs, not for `extract`
    from .store import IngestSummary, Rows, Store

DbOpt = Annotated[Path | None, typer.Option("--db", help="The store file (setting db; default ./dateline.duckdb).")]


class Kind(StrEnum):
    events = "events"
    quotes = "quotes"
    places = "places"
    entities = "entities"
    articles = "articles"
    stories = "stories"


class Engine(StrEnum):
    local = "local"
    ray = "ray"


class OutFormat(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


ExportFormat = StrEnum("ExportFormat", {f: f for f in FORMATS})  # type: ignore[misc]
ExportKind = StrEnum("ExportKind", {k: k for k in EXPORT_KINDS})  # type: ignore[misc]


def open_store(db: Path | None, config: Path | None, **overrides: object) -> Store:
    from .store import Store

    settings = settings_from(config, db=str(db) if db is not None else None, **overrides)
    return Store(settings=settings)


def ingest(
    sources: Annotated[list[str], typer.Argument(help="Files, folders, globs, http(s) URLs, or - for stdin.")],
    db: DbOpt = None,
    workers: Annotated[int | None, typer.Option(help="Parallel worker processes.")] = None,
    update: Annotated[bool, typer.Option("--update", help="Re-extract stored articles and replace their records.")]
    = False,
    published: Annotated[str | None, typer.Option(help="Publication date (ISO 8601) for every input.")] = None,
    model: Annotated[str | None, typer.Option(help="spaCy model to load instead of the default.")] = None,
    engine: Annotated[Engine | None, typer.Option(help="local (default) or ray: Ray Data actors, one shard per "
                                                       "input file (setting engine).")] = None,
    address: Annotated[str | None, typer.Option(help="ray: the cluster to join, HOST:PORT or auto "
                                                     "(setting ray_address; default: a local Ray).")] = None,
    actors: Annotated[int | None, typer.Option(help="ray: actors at once (setting ray_actors).")] = None,
    shards: Annotated[str | None, typer.Option(help="ray: folder or URL of the record shards "
                                                    "(setting ray_shards; default DB.shards).")] = None,
    shards_only: Annotated[bool, typer.Option("--shards-only", help="ray: write the record shards, do not load "
                                                                    "the store.")] = False,
    config: ConfigOpt = None,
) -> None:
    """Extract articles into the store: skips what is stored, resumes after a crash, groups stories and events."""
    store = open_store(db, config, workers=workers, model=model, engine=engine.value if engine else None,
                       ray_address=address, ray_actors=actors, ray_shards=shards)
    if store.settings.engine == Engine.ray:
        run_ray_ingest(store, sources, load=not shards_only, update=update, published=published)
        return
    summary = run_ingest(store, sources, update=update, published=published)
    print_summary(summary, store)
    if summary.seen and summary.failed == summary.seen:
        raise typer.Exit(1)


def run_ingest(store: Store, sources: list[str], *, update: bool = False, published: str | None = None,
               ) -> IngestSummary:
    with _ingest_progress() as progress:
        task = progress.add_task("ingesting", total=estimate_inputs(sources))

        def tick(s: IngestSummary) -> None:
            progress.update(task, completed=s.seen, failed=s.failed)

        return guard(lambda: store.ingest(sources, update=update, published=published, on_progress=tick))


def run_ray_ingest(store: Store, sources: list[str], *, load: bool, update: bool, published: str | None) -> None:
    from .scale import run

    with _ingest_progress() as progress:
        task = progress.add_task("extracting shards", total=None, failed=0)
        outcome = guard(lambda: run(sources, db=store.path, settings=store.settings, load=load, update=update,
                                    published=published, on_shard=lambda r: progress.advance(task)))
    err.print(f"{escape(outcome.folder)}: {outcome.shards} shards, {outcome.done_before} done before, "
              f"{outcome.extracted} extracted, {len(outcome.failed)} failed", soft_wrap=True)
    for result in outcome.failed:
        err.print(f"[red]shard failed:[/red] {escape(result.source)}: {escape(result.failed)}", soft_wrap=True)
    if outcome.store is not None:
        print_summary(outcome.store, store)
    if outcome.failed or (outcome.store and outcome.store.seen and outcome.store.failed == outcome.store.seen):
        raise typer.Exit(1)


class _Rate(ProgressColumn):
    def render(self, task: Task) -> Text:
        return Text(f"{task.speed or 0:.1f} articles/s")


def _ingest_progress() -> Progress:
    """A bar with count, rate and ETA on a terminal; silent in pipes, files and CI."""
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), _Rate(),
                    TextColumn("{task.fields[failed]} failed"), TimeElapsedColumn(), TimeRemainingColumn(),
                    console=err, transient=True, disable=not err.is_terminal)


def estimate_inputs(sources: list[str]) -> int | None:
    """About how many articles ``sources`` hold (files, and lines of JSON Lines files); None when unknown."""
    total = 0
    for src in sources:
        path = Path(src)
        if src == "-" or "://" in src or not path.exists():
            return None
        files = [p for p in path.rglob("*") if p.is_file()] if path.is_dir() else [path]
        total += sum(_lines(p) if p.suffix in (".jsonl", ".ndjson") else 1 for p in files)
    return total or None


def _lines(path: Path) -> int:
    with path.open("rb") as fh:
        return sum(1 for line in fh if line.strip())


def print_summary(s: IngestSummary, store: Store) -> None:
    parts = [f"{s.added} added", f"{s.skipped} already stored" + (f" ({s.new_sources} as a new source)"
                                                                  if s.new_sources else "")]
    if s.updated:
        parts.append(f"{s.updated} updated")
    parts += [f"{s.failed} failed", f"{s.stories} stories", f"{s.clusters} event clusters", f"{s.seconds:.1f} s"]
    err.print(f"{escape(str(store.path))}: " + ", ".join(parts), soft_wrap=True)
    if s.migrations:
        err.print(f"store schema brought up to date: {', '.join(s.migrations)}", soft_wrap=True)


def query(
    kind: Annotated[Kind, typer.Argument(help="events (clusters; --raw for every event), quotes, places, entities, "
                                               "articles or stories.")],
    db: DbOpt = None,
    type: Annotated[str | None, typer.Option("--type", help="PLOVER event type, or entity type.")] = None,
    actor: Annotated[str | None, typer.Option(help="Actor name contains this.")] = None,
    recipient: Annotated[str | None, typer.Option(help="Recipient name contains this.")] = None,
    speaker: Annotated[str | None, typer.Option(help="Speaker name contains this.")] = None,
    modality: Annotated[str | None, typer.Option(help="reported, negated, future, hypothetical, ...")] = None,
    country: Annotated[str | None, typer.Option(help="ISO country code, alpha-2 or alpha-3.")] = None,
    near: Annotated[str | None, typer.Option(help="A stored place's name, or LAT,LON.")] = None,
    km: Annotated[float, typer.Option(help="Distance for --near, in km.")] = 50.0,
    since: Annotated[str | None, typer.Option(help="From this date (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Up to this date (YYYY-MM-DD).")] = None,
    text: Annotated[str | None, typer.Option(help="Text contains this (evidence, quote, title, name).")] = None,
    story: Annotated[str | None, typer.Option(help="Only articles of this story id.")] = None,
    raw: Annotated[bool, typer.Option("--raw", help="events: every event, not clusters.")] = False,
    limit: Annotated[int, typer.Option(help="At most this many rows.")] = 50,
    format: Annotated[OutFormat, typer.Option("--format", "-f", help="table, json, jsonl or csv.")]
    = OutFormat.table,
    config: ConfigOpt = None,
) -> None:
    """Query the store; every row carries its article id, source, URL and character offsets."""
    from .store import Filters

    store = open_store(db, config)
    filters = Filters(type=type, actor=actor, recipient=recipient, speaker=speaker, modality=modality,
                      country=country, near=near, km=km, since=since, until=until, text=text, story=story,
                      raw=raw, limit=limit)
    rows = guard(lambda: store.query(kind.value, filters))
    write_rows(rows, format, title=kind.value)


def write_rows(rows: Rows, fmt: OutFormat, *, title: str) -> None:
    from .store.export import json_value

    if fmt is OutFormat.json:
        print(json.dumps(rows.rows, ensure_ascii=False, indent=2, default=json_value))
    elif fmt is OutFormat.jsonl:
        for row in rows:
            print(json.dumps(row, ensure_ascii=False, default=json_value))
    elif fmt is OutFormat.csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=list(rows.columns))
        writer.writeheader()
        writer.writerows({k: _cell(v) for k, v in row.items()} for row in rows)
    else:
        _table(rows, title)


# What a terminal table shows of each kind (every column is in --format json/jsonl/csv).
_TABLE_COLUMNS = {
    "cluster_id": ("type", "day", "place", "n_sources", "actors", "evidence"),
    "event_id": ("type", "day", "place", "actors", "recipients", "evidence", "source"),
    "quote_id": ("speaker", "text", "cue", "source"),
    "mention": ("mention", "name", "country", "feature", "source"),
    "entity_id": ("name", "type", "country", "sector", "n_articles"),
    "n_quotes": ("title", "published", "source", "n_quotes", "n_events"),
    "n_outlets": ("title", "first_published", "n_articles", "n_outlets"),
}


def _table(rows: Rows, title: str) -> None:
    out = Console()
    if not out.is_terminal:
        out = Console(width=160)
    if not rows.rows:
        out.print(f"no {title} match")
        return
    columns = next((cols for key, cols in _TABLE_COLUMNS.items() if key in rows.columns), rows.columns[:6])
    table = Table(title=f"{title} ({len(rows)})")
    for c in columns:
        wide = c in ("text", "evidence", "title")
        table.add_column(c, overflow="ellipsis", no_wrap=not wide, ratio=4 if wide else 1,
                         min_width=30 if wide else None)
    for row in rows:
        table.add_row(*(escape(_short(_cell(row[c]))) for c in columns))
    out.print(table)


def _short(text: str, most: int = 160) -> str:
    return text if len(text) <= most else text[:most - 1] + "…"


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return str(value)


def export(
    format: Annotated[ExportFormat, typer.Option("--format", "-f", help="jsonl, csv, parquet or geojson.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="A file (with --kind, or jsonl records), else a folder.")],
    kind: Annotated[ExportKind | None, typer.Option(help="Only this kind (events are raw; clusters, stories, ...).")]
    = None,
    db: DbOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Export the store: dateline/1 records (jsonl), tables (csv, parquet) or points on a map (geojson)."""
    store = open_store(db, config)
    written = guard(lambda: store.export(format.value, out, kind=kind.value if kind else None))
    for path in written:
        err.print(f"wrote {escape(str(path))}")


def migrate(
    db: DbOpt = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Only list the pending migrations.")] = False,
    config: ConfigOpt = None,
) -> None:
    """Bring a store written by an older dateline up to this version's schema."""
    store = open_store(db, config)
    names = guard(lambda: store.migrate(dry_run=dry_run))
    verb = "pending" if dry_run else "applied"
    err.print(f"{escape(str(store.path))}: " + (f"{verb}: {', '.join(names)}" if names else "up to date"))


def serve_store(store: Store, host: str, port: int, *, allow_ingest: bool = False, token: str | None = None,
                fall_back: bool = False, then: Any = None, workers: int = 1) -> None:
    """Print the URL (first), run ``then`` (e.g. the demo's ingest), and serve until Ctrl-C."""
    from .server.app import new_token
    from .server.serve import free_port, run, url

    port = guard(lambda: free_port(host, port, fall_back=fall_back))
    print(url(host, port), flush=True)
    if then is not None:
        then()
    if allow_ingest:
        token = token or new_token()
        err.print(f"ingest: POST {url(host, port)}api/ingest with the header 'Authorization: Bearer {token}'")
    if host not in ("127.0.0.1", "localhost", "::1"):
        err.print(f"[yellow]warning:[/yellow] listening on {host}: other machines can reach this server")
    err.print(f"Serving the explorer at {url(host, port)}   (API: {url(host, port)}docs; Ctrl-C stops it)")
    try:
        run(store, host=host, port=port, allow_ingest=allow_ingest, token=token, workers=workers)
    except KeyboardInterrupt:
        pass


def serve(
    db: DbOpt = None,
    host: Annotated[str, typer.Option(help="Address to listen on (127.0.0.1: this machine only).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
    allow_ingest: Annotated[bool, typer.Option("--allow-ingest", help="Offer POST /api/ingest (needs the token).")]
    = False,
    token: Annotated[str | None, typer.Option(envvar="DATELINE_TOKEN",
                                              help="Ingest token (default: a new random one, printed).")] = None,
    workers: Annotated[int, typer.Option(
        help="Server processes answering on the port (more use more cores and memory).", min=1, max=64)] = 1,
    config: ConfigOpt = None,
) -> None:
    """Serve the HTTP API and the web explorer over a store; prints its URL first."""
    store = open_store(db, config)
    guard(store.stats)  # a missing or unreadable store is a message, not a server answering 503s
    serve_store(store, host, port, allow_ingest=allow_ingest, token=token, workers=workers)
