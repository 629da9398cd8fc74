"""Without Ray installed, ``--engine ray`` is a one-line message naming the extra to install, not a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

# Runs the CLI with ``import ray`` failing as it does when Ray is not installed.
_WITHOUT_RAY = ("import sys; sys.modules['ray'] = None; sys.modules['ray.data'] = None; "
                "from dateline.cli import main; sys.argv = ['dateline', *sys.argv[1:]]; main()")


def test_engine_ray_without_ray_is_a_clear_error(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "a", "text": "Officials met on Monday."}\n', encoding="utf-8")
    proc = subprocess.run([sys.executable, "-c", _WITHOUT_RAY, "ingest", "--engine", "ray", str(src),
                           "--db", str(tmp_path / "s.duckdb")], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and "pip install 'dateline[ray]'" in lines[0], proc.stderr
