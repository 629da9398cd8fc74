"""The command line: a thin shell over the library. Only this module prints."""

from __future__ import annotations

import json
import logging
import sys
from contextlib import nullcontext
from importlib import resources
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated

import typer
from rich.markup import escape
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from . import __version__, cli_store
from .api import process_many
from .cli_common import ROOT, ConfigOpt, Format, err, guard, settings_from
from .intake.read import read_inputs
from .records import ErrorRecord, Output, json_line, to_dict
from .settings import TABLE, Settings

if TYPE_CHECKING:
    from .store import Store

app = typer.Typer(help="dateline: news reports → records of who said what, who did what to whom, where and when.",
                  no_args_is_help=True, add_completion=False)
eval_app = typer.Typer(help="Score dateline against benchmark data; prints JSON.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")
def _version(value: bool) -> None:
    if value:
        print(f"dateline {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log progress to stderr.")] = False,
    config: Annotated[Path | None, typer.Option(
        "--config", help="TOML settings file for every command (a command's own --config wins).")] = None,
) -> None:
    ROOT["config"] = config
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, stream=sys.stderr,
                        format="%(levelname)s %(name)s: %(message)s")


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, http(s) URLs, or - for stdin.")],
    format: Annotated[Format, typer.Option("--format", "-f", help="json: indented; jsonl: one line each.")]
    = Format.json,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")] = None,
    published: Annotated[str | None, typer.Option(help="Publication date (ISO 8601) for every input.")] = None,
    workers: Annotated[int | None, typer.Option(help="Parallel worker processes.")] = None,
    model: Annotated[str | None, typer.Option(help="spaCy model to load instead of the default.")] = None,
    config: ConfigOpt = None,
) -> None:
    """Extract records from articles: one JSON object per article, an error object for each failure."""
    settings = settings_from(config, workers=workers, model=model)
    counts = _run_extract(paths, settings, format, output, published)
    if counts["records"] == 0 and counts["errors"] > 0:
        raise typer.Exit(1)


@app.command()
def demo(
    db: Annotated[Path, typer.Option("--db", help="Where to build the demo store (replaced on each run).")]
    = Path("dateline-demo.duckdb"),
    serve: Annotated[bool, typer.Option("--serve/--no-serve", help="Serve the explorer over it afterwards.")]
    = True,
    port: Annotated[int, typer.Option(help="Port to serve on (another free one when it is taken).", min=1,
                                      max=65535)] = 8000,
) -> None:
    """Ingest the bundled sample articles into a fresh store, show its stories, event clusters and quotes,
    and serve the web explorer over it (its URL is the first line printed)."""
    from .cli_store import serve_store
    from .store import Store

    store = Store(settings=settings_from(None, db=str(db)))
    if serve:
        serve_store(store, "127.0.0.1", port, fall_back=True, then=lambda: _demo_store(store, db))
    else:
        _demo_store(store, db)


def _demo_store(store: Store, db: Path) -> None:
    from .cli_store import OutFormat, print_summary, run_ingest, write_rows

    guard(lambda: _fresh(db))
    samples = resources.files("dateline") / "samples"
    with resources.as_file(samples) as folder:
        summary = run_ingest(store, [str(folder / "article.txt"), str(folder / "demo" / "articles.jsonl")])
    print_summary(summary, store)
    write_rows(store.stories(limit=5), OutFormat.table, title="stories")
    write_rows(store.events(limit=8), OutFormat.table, title="event clusters")
    write_rows(store.quotes(limit=8), OutFormat.table, title="quotes")
    print(f"Explore it: dateline query events --db {db} --type PROTEST   (or quotes, places, entities, stories)")


def _fresh(db: Path) -> None:
    """Remove an earlier demo store; refuse to remove a file that is not one."""
    if not db.exists():
        return
    from .store import Store

    Store(db).stats()  # raises a clear error when the file is not a dateline store
    db.unlink()
    Path(str(db) + ".wal").unlink(missing_ok=True)


@app.command("settings")
def show_settings() -> None:
    """List every setting with its default and help."""
    for s in TABLE:
        print(f"{s.name} = {s.default!r}\n    {s.help}")


@eval_app.command("extraction")
def eval_extraction(
    directory: Annotated[Path, typer.Argument(help="The article-extraction-benchmark folder.")],
    limit: Annotated[int | None, typer.Option(help="Score only the first N documents.")] = None,
) -> None:
    """HTML body extraction: token precision, recall and F1 against ground-truth.json."""
    from .evaluation.extraction import evaluate_extraction

    _print_json(guard(lambda: evaluate_extraction(directory, limit=limit)))


@eval_app.command("dates")
def eval_dates(
    table: Annotated[Path, typer.Argument(help="TSV of cases: text, published, mention, expected, note.")]
    = Path("eval/dates.tsv"),
) -> None:
    """Date resolution: exact-match accuracy of resolved values on a table of cases."""
    from .evaluation.dates import evaluate_dates

    _print_json(guard(lambda: evaluate_dates(table)))


@eval_app.command("actors")
def eval_actors(
    gold: Annotated[Path, typer.Argument(help="PLOVER_GSR_CAMEO.jsonl (PLOVER gold records).")],
) -> None:
    """Actor descriptions: country and sector accuracy for the actors named in PLOVER gold records."""
    from .evaluation.actors import evaluate_actors

    _print_json(guard(lambda: evaluate_actors(gold)))


@eval_app.command("geo")
def eval_geo(
    corpus: Annotated[Path, typer.Argument(help="A geo corpus XML: LGL, TR-News, GeoWebNews or GeoVirus.")],
    oracle: Annotated[bool, typer.Option("--oracle", help="Resolve the gold spans only (no recognition).")] = False,
    limit: Annotated[int | None, typer.Option(help="Score only the first N documents.")] = None,
    half: Annotated[str | None, typer.Option(help="Score only the 'even' or 'odd' documents.")] = None,
    outlet: Annotated[bool, typer.Option("--outlet", help="Give each article its URL: the outlet's country "
                                                          "domain is evidence (score.py gives text only).")] = False,
) -> None:
    """Geoparsing: recognition P/R, accuracy within 161 km (end-to-end or oracle) overall, by kind of place and
    for datelines, exact id, mean error, and the most frequent wrong mentions."""
    from .evaluation.geo import evaluate_geo

    _print_json(guard(lambda: evaluate_geo(corpus, oracle=oracle, limit=limit, half=half, outlet=outlet)))


@eval_app.command("quotes")
def eval_quotes(
    split: Annotated[Path, typer.Argument(help="A PolNeAR split folder (text/ and attributions/).")],
    limit: Annotated[int | None, typer.Option(help="Score only the first N documents.")] = None,
    textacy: Annotated[bool, typer.Option("--textacy", help="Also score textacy's direct quotations.")] = False,
) -> None:
    """Quotes: P/R/F1 at 30 % content overlap, recall at 80 %, exact spans, speaker accuracy."""
    from .evaluation.quotes import evaluate_quotes

    _print_json(guard(lambda: evaluate_quotes(split, limit=limit, textacy=textacy)))


@eval_app.command("events")
def eval_events(
    gold: Annotated[Path, typer.Argument(help="PLOVER gold .jsonl, PETRARCH unit tests .jsonl or CASE 2021 .tsv.")],
    kind: Annotated[str | None, typer.Option(help="plover, petr or case (default: from the file).")] = None,
    limit: Annotated[int | None, typer.Option(help="Score only the first N records.")] = None,
    config: Annotated[Path | None, typer.Option(
        "--config", help="TOML settings file; with cameo_* settings the events are coded with those dictionaries.")]
    = None,
) -> None:
    """Events: PLOVER type accuracy and actor country/sector, PETRARCH type recall, CASE 2021 type recall."""
    from .evaluation.events import evaluate_events

    settings = settings_from(config)
    _print_json(guard(lambda: evaluate_events(gold, kind=kind, limit=limit, settings=settings)))


@eval_app.command("modality")
def eval_modality(
    table: Annotated[Path, typer.Argument(help="TSV of sentences with expected modality flags.")]
    = Path("eval/modality.tsv"),
) -> None:
    """Event modality (negated, future, hypothetical, reported) on the project's table of sentences."""
    from .evaluation.events import evaluate_modality

    _print_json(guard(lambda: evaluate_modality(table)))


for _command in (cli_store.ingest, cli_store.query, cli_store.export, cli_store.migrate, cli_store.serve):
    app.command()(_command)


def _run_extract(paths: list[str], settings: Settings, fmt: Format, output: Path | None,
                 published: str | None) -> dict[str, int]:
    counts = {"records": 0, "errors": 0}
    items = read_inputs(paths, settings=settings)
    with _open_output(output) as out, _progress() as progress:
        task = progress.add_task("extracting", total=None, errors=0)
        for result in process_many(items, workers=settings.workers, settings=settings, published=published):
            _count(result, counts)
            _write(out, result, fmt)
            progress.update(task, advance=1, errors=counts["errors"])
    if output is not None or counts["errors"]:
        err.print(f"{counts['records']} article(s) extracted, {counts['errors']} error(s)")
    return counts


def _progress() -> Progress:
    """A live count on stderr when it is a terminal; silent in pipes, files and CI."""
    return Progress(SpinnerColumn(), TextColumn("{task.description}: {task.completed} article(s)"),
                    TextColumn("{task.fields[errors]} error(s)"), TimeElapsedColumn(), console=err,
                    transient=True, disable=not err.is_terminal)


def _open_output(output: Path | None):  # type: ignore[no-untyped-def]
    if output is None:
        return nullcontext(sys.stdout)
    return output.open("w", encoding="utf-8")


def _count(result: Output, counts: dict[str, int]) -> None:
    if isinstance(result, ErrorRecord):
        counts["errors"] += 1
        err.print(f"[yellow]skipped[/yellow] {escape(result.error.source)}: {escape(result.error.message)}")
    else:
        counts["records"] += 1


def _write(out: IO[str], result: Output, fmt: Format) -> None:
    if fmt is Format.jsonl:
        out.write(json_line(result) + "\n")
    else:
        out.write(json.dumps(to_dict(result), ensure_ascii=False, indent=2) + "\n")
    out.flush()


def _print_json(data: object) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def main() -> None:
    app()
