"""What `dateline extract` loads at start: not the store (DuckDB, pyarrow) nor the WARC reader, which it does not
need (a tenth of a second and more of every cold start)."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("duckdb", "pyarrow", "warcio", "filelock")


def _loaded_after(statement: str) -> list[str]:
    code = f"import sys, json\n{statement}\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120)
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def test_the_cli_loads_no_store_and_no_warc_reader() -> None:
    loaded = _loaded_after("import dateline.cli")
    assert "dateline.cli_store" in loaded  # the store commands are registered
    assert not [m for m in loaded if m.split(".")[0] in HEAVY]


def test_the_store_names_load_on_first_use() -> None:
    loaded = _loaded_after("from dateline.store import Store, Filters, Rows, IngestSummary")
    assert "duckdb" in loaded and "dateline.store.ingest" in loaded
    loaded = _loaded_after("import dateline.store as s\ntry:\n    s.Nothing\nexcept AttributeError:\n    pass")
    assert "duckdb" not in loaded
