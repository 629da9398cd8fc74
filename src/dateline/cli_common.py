"""What the command-line modules share: the error console, settings from --config, and the guard that turns a
DatelineError, or a write the disk refuses, into a message and exit status 2."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from .errors import DatelineError, disk_refused
from .settings import Settings, load_settings

err = Console(stderr=True)
ROOT: dict[str, Path | None] = {}  # the top-level options of this invocation


class Format(StrEnum):
    json = "json"
    jsonl = "jsonl"


ConfigOpt = Annotated[Path | None, typer.Option("--config", help="TOML settings file (a \\[dateline] table).")]


def settings_from(config: Path | None, **overrides: object) -> Settings:
    chosen = config if config is not None else ROOT.get("config")
    settings = guard(lambda: load_settings(chosen, **overrides))
    if settings.cameo_verbs:  # a dictionary that cannot be read stops the run before any article
        from .cameo.load import load_dictionaries

        guard(lambda: load_dictionaries(settings))
    return settings


def guard(fn):  # type: ignore[no-untyped-def]
    try:
        return fn()
    except DatelineError as exc:
        err.print(f"[red]error:[/red] {escape(exc.message)}")
        raise typer.Exit(2) from None
    except OSError as exc:
        if not disk_refused(exc):
            raise
        where = f" ({escape(str(exc.filename))})" if exc.filename else ""
        err.print(f"[red]error:[/red] the disk refused a write{where}: {escape(exc.strerror or str(exc))}. Free some "
                  "space and run the same command again; an ingest resumes after its last committed batch")
        raise typer.Exit(2) from None
