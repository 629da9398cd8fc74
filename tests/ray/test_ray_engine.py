"""The Ray engine: the same store as the local engine, resumption after SIGKILL, bad shards as error records.

One local Ray for the module (2 CPUs, a capped object store); the runs in this process use it, and the killed
run joins it from a subprocess with ``--address``.
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from dateline.cli import app
from dateline.settings import Settings, load_settings
from dateline.store import Store

from .corpus import SETTINGS, write_shards

os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")  # before Ray is imported: nothing leaves the machine
ray = pytest.importorskip("ray", reason="the Ray engine's tests need Ray: pip install -e '.[ray]'")

from dateline import scale  # noqa: E402

pytestmark = [pytest.mark.model, pytest.mark.skipif(os.name != "posix", reason="SIGKILL of a process group")]
EXE = Path(sys.executable).parent / "dateline"


@pytest.fixture(scope="module")
def local_ray() -> Iterator[str]:
    """A local Ray for this module; its address, for a run in another process to join."""
    ray.init(num_cpus=2, object_store_memory=200 * 2**20, include_dashboard=False, logging_level=logging.ERROR,
             log_to_driver=False)
    try:
        yield ray.get_runtime_context().gcs_address
    finally:
        ray.shutdown()


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The corpus (3 shards of 4 articles), its settings file, and the store of an uninterrupted Ray run
    (filled by the first test)."""
    root = tmp_path_factory.mktemp("ray")
    config = root / "settings.toml"
    config.write_text(SETTINGS, encoding="utf-8")
    return {"root": root, "shards": write_shards(root / "in"), "config": config, "whole": None}


def _settings(work: dict[str, Any]) -> Settings:
    return load_settings(work["config"])


def test_ray_ingest_gives_the_store_the_local_engine_gives(local_ray: str, work: dict[str, Any]) -> None:
    local = work["root"] / "local.duckdb"
    Store(local, settings=_settings(work)).ingest([str(work["shards"])])
    whole = work["root"] / "ray.duckdb"
    result = CliRunner().invoke(app, ["--config", str(work["config"]), "ingest", "--engine", "ray",
                                      str(work["shards"]), "--db", str(whole)])
    assert result.exit_code == 0, result.output
    assert "3 shards, 0 done before, 3 extracted, 0 failed" in result.output
    assert Store(whole).stats()["tables"]["articles"] == 12
    assert Store(whole).digest() == Store(local).digest()
    work["whole"] = whole

    again = scale.run([str(work["shards"])], db=whole, settings=_settings(work))  # all done: nothing to redo
    assert (again.done_before, again.extracted, again.store.added if again.store else -1) == (3, 0, 0)


def _shard_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.parquet")) if folder.exists() else []


def _kill_after_first_shard(proc: subprocess.Popen[str], folder: Path, timeout: float = 240) -> bool:
    """SIGKILL the run's whole process group once its first record shard exists; False if it ended first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None and not _shard_files(folder):
        time.sleep(0.02)
    alive = proc.poll() is None
    if alive:
        os.killpg(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=60)
    return alive


def test_a_killed_run_resumes_to_the_store_of_an_uninterrupted_one(local_ray: str, work: dict[str, Any]) -> None:
    import pyarrow.parquet as pq

    if not EXE.exists():
        pytest.skip("the installed dateline script is missing")
    if work["whole"] is None:
        pytest.skip("needs the uninterrupted run of the first test")
    db, folder = work["root"] / "killed.duckdb", work["root"] / "killed.duckdb.shards"
    proc = subprocess.Popen([str(EXE), "--config", str(work["config"]), "ingest", "--engine", "ray", "--address",
                             local_ray, "--actors", "1", str(work["shards"]), "--db", str(db)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True,
                            env={**os.environ, "RAY_AUTH_MODE": os.environ.get("RAY_AUTH_MODE", "token")})
    assert _kill_after_first_shard(proc, folder), f"the run ended before it could be killed: {proc.stderr}"
    time.sleep(0.5)  # an actor of the killed run may still finish the shard it was writing
    done = _shard_files(folder)
    assert done and all(pq.read_table(p).num_rows == 4 for p in done), "a record shard was left half-written"
    assert not db.exists(), "the killed run got as far as the store: the kill came too late to prove anything"

    resumed = scale.run([str(work["shards"])], db=db, settings=_settings(work))
    assert resumed.done_before == len(done) and resumed.extracted == 3 - len(done)
    assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")]
    assert Store(db).digest() == Store(work["whole"]).digest()


def test_a_bad_shard_becomes_error_records_and_the_others_go_on(local_ray: str, work: dict[str, Any]) -> None:
    folder = work["root"] / "bad"
    write_shards(folder, shards=1)
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)
    good = (folder / "shard-0.jsonl").read_text(encoding="utf-8").splitlines()
    (folder / "broken.jsonl").write_text("\n".join([good[0], '{"id": "cut", "text": "no end', good[1]]) + "\n",
                                         encoding="utf-8")
    db = work["root"] / "bad.duckdb"
    outcome = scale.run([str(folder), str(folder / "missing.jsonl")], db=db, settings=_settings(work))
    assert outcome.shards == 3 and not outcome.failed and outcome.listing_errors == 1
    kinds = sorted((e.error.kind, Path(e.error.source).name) for e in Store(db).errors())
    assert kinds == [("binary", "binary.txt"), ("format", "broken.jsonl:2"), ("io", "missing.jsonl")]
    assert Store(db).stats()["tables"]["articles"] == 4  # the broken file's two good lines are stored already
    assert sorted(o.error.kind for o in scale.iter_outputs(outcome.folder) if hasattr(o, "error")) == [
        "binary", "format"]
