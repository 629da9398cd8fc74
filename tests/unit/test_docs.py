"""The build checks the docs: every CLI command and option, every setting and every record field is documented."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import click
import pytest
import typer.main

from dateline import records
from dateline.cli import app
from dateline.settings import TABLE

DOCS = Path(__file__).resolve().parents[2] / "docs"


def _commands(group: click.Group, prefix: str = "dateline") -> list[tuple[str, click.Command]]:
    out: list[tuple[str, click.Command]] = []
    for name, cmd in group.commands.items():
        out.append((f"{prefix} {name}", cmd))
        if isinstance(cmd, click.Group):
            out.extend(_commands(cmd, f"{prefix} {name}"))
    return out


COMMANDS = _commands(typer.main.get_command(app))  # type: ignore[arg-type]


@pytest.mark.parametrize("name, cmd", COMMANDS, ids=[n for n, _ in COMMANDS])
def test_cli_command_and_options_documented(name: str, cmd: click.Command) -> None:
    text = (DOCS / "cli.md").read_text(encoding="utf-8")
    assert f"`{name}" in text, f"{name} is not in docs/cli.md"
    for param in cmd.params:
        for opt in getattr(param, "opts", []):
            if opt.startswith("--"):
                assert f"`{opt}" in text, f"{name} {opt} is not in docs/cli.md"


@pytest.mark.parametrize("setting", [s.name for s in TABLE])
def test_setting_documented(setting: str) -> None:
    assert f"`{setting}`" in (DOCS / "settings.md").read_text(encoding="utf-8")


RECORD_TYPES = [records.Article, records.Entity, records.Quote, records.Place, records.DateRef, records.Event,
                records.Speaker, records.Actor, records.Location, records.Dateline, records.ErrorInfo]


@pytest.mark.parametrize("cls", RECORD_TYPES, ids=[c.__name__ for c in RECORD_TYPES])
def test_record_fields_documented(cls: type) -> None:
    text = (DOCS / "records.md").read_text(encoding="utf-8")
    for f in dataclasses.fields(cls):
        assert f"`{f.name}`" in text, f"{cls.__name__}.{f.name} is not in docs/records.md"


def _routes() -> list[tuple[str, str, list[str]]]:
    """(method, path, query parameters) of every API route, the ingest route included."""
    from dateline.server import create_app

    spec = create_app(DOCS.parent / "no-such-store.duckdb", allow_ingest=True, token="t").openapi()
    return [(method.upper(), path, [p["name"] for p in op.get("parameters", []) if p["in"] == "query"])
            for path, ops in spec["paths"].items() for method, op in ops.items()]


ROUTES = _routes()


@pytest.mark.parametrize("method, path, parameters", ROUTES, ids=[f"{m} {p}" for m, p, _ in ROUTES])
def test_api_routes_and_parameters_documented(method: str, path: str, parameters: list[str]) -> None:
    text = (DOCS / "web.md").read_text(encoding="utf-8")
    assert f"`{method} {path}" in text, f"{method} {path} is not in docs/web.md"
    for name in parameters:
        assert f"`{name}`" in text, f"{method} {path} parameter {name} is not in docs/web.md"
