"""The command line, in process (Typer's runner) and as the installed script the scorers run."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dateline import __version__
from dateline.cli import app

runner = CliRunner()
REPO = Path(__file__).resolve().parents[2]


def _objects(output: str) -> list[dict]:  # type: ignore[type-arg]
    return [json.loads(line) for line in output.splitlines() if line.startswith("{")]


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and __version__ in result.output


def test_extract_jsonl_one_object_per_article(tmp_path: Path, seed_dir: Path) -> None:
    src = tmp_path / "in.jsonl"
    text = (seed_dir / "article.txt").read_text(encoding="utf-8")
    src.write_text(json.dumps({"id": "a1", "text": text}) + "\n" + json.dumps({"id": "a2", "text": text[:400]})
                   + "\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", "--format", "jsonl", str(src)])
    assert result.exit_code == 0, result.output
    objs = _objects(result.stdout)
    assert [o["article"]["source_id"] for o in objs] == ["a1", "a2"]
    assert objs[0]["schema"] == "dateline/1" and objs[0]["article"]["text"] == text


def test_output_file_and_published_override(tmp_path: Path, seed_dir: Path) -> None:
    out = tmp_path / "out.json"
    result = runner.invoke(app, ["extract", str(seed_dir / "article.txt"), "-o", str(out),
                                 "--published", "2016-10-26"])
    assert result.exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["article"]["published"] == "2016-10-26"


def test_exit_status_nonzero_only_when_nothing_processed(tmp_path: Path, seed_dir: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    result = runner.invoke(app, ["extract", "--format", "jsonl", str(empty)])
    assert result.exit_code == 1
    assert _objects(result.stdout)[0]["error"]["kind"] == "empty"
    result = runner.invoke(app, ["extract", "--format", "jsonl", str(empty), str(seed_dir / "article.txt")])
    assert result.exit_code == 0 and len(_objects(result.stdout)) == 2


def test_stdin(seed_dir: Path) -> None:
    text = (seed_dir / "article.txt").read_text(encoding="utf-8")
    result = runner.invoke(app, ["extract", "-", "--format", "jsonl"], input=text.encode("utf-8"))
    assert result.exit_code == 0, result.output
    assert _objects(result.stdout)[0]["article"]["text"] == text


def test_bad_settings_file_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    cfg = tmp_path / "s.toml"
    cfg.write_text("bogus = 1\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", "--config", str(cfg), "x.txt"])
    assert result.exit_code == 2 and "unknown setting" in result.output and "Traceback" not in result.output


def test_demo_ingests_the_samples_into_a_fresh_store(tmp_path: Path) -> None:
    db = tmp_path / "demo.duckdb"
    for _ in range(2):  # a second run starts again from a fresh store
        result = runner.invoke(app, ["demo", "--no-serve", "--db", str(db)])
        assert result.exit_code == 0, result.output
        assert "9 added, 0 already stored" in result.output
    assert "stories" in result.stdout and "event clusters" in result.stdout and "quotes" in result.stdout


def test_demo_refuses_to_replace_a_file_that_is_not_a_store(tmp_path: Path) -> None:
    precious = tmp_path / "thesis.duckdb"
    precious.write_text("my thesis", encoding="utf-8")
    result = runner.invoke(app, ["demo", "--no-serve", "--db", str(precious)])
    assert result.exit_code == 2 and precious.read_text(encoding="utf-8") == "my thesis"


def test_workers_give_the_same_output_in_order(tmp_path: Path, seed_dir: Path) -> None:
    text = (seed_dir / "article.txt").read_text(encoding="utf-8")
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": f"d{i}", "text": text[: 300 + 150 * i]}) + "\n" for i in range(6)),
                   encoding="utf-8")
    one = runner.invoke(app, ["extract", "--format", "jsonl", str(src)])
    two = runner.invoke(app, ["extract", "--format", "jsonl", "--workers", "2", str(src)])
    assert one.exit_code == two.exit_code == 0
    assert _objects(one.stdout) == _objects(two.stdout)


def test_shared_scorer_agrees_on_the_article_part(seed_dir: Path) -> None:
    scorer = seed_dir.parents[1] / "tools" / "score.py"
    exe = Path(sys.executable).parent / "dateline"
    if not scorer.exists() or not exe.exists():
        pytest.skip("the shared scorer or the installed dateline script is missing")
    proc = subprocess.run([sys.executable, str(scorer), "seed", "article", "--cli", str(exe)], cwd=REPO,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout[: proc.stdout.rindex("}") + 1])
    assert report["parts"]["article"] == "4/4", report


def test_a_bad_dictionary_stops_the_run_with_one_clear_message(tmp_path: Path) -> None:
    (tmp_path / "verbs.txt").write_text("--- ATTACK [190] ---\nATTACK\n- * [[[ broken\n", encoding="utf-8")
    (tmp_path / "map.txt").write_text("190: ASSAULT\n", encoding="utf-8")
    (tmp_path / "cameo.toml").write_text('[dateline]\ncameo_verbs = "verbs.txt"\ncameo_to_plover = "map.txt"\n',
                                         encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text("The army attacked the town on Monday, officials said.\n", encoding="utf-8")
    result = runner.invoke(app, ["--config", str(tmp_path / "cameo.toml"), "extract", str(article)])
    assert result.exit_code == 2
    assert "verbs.txt:3" in result.output and "[code]" in result.output  # brackets shown, not read as markup
    assert "Traceback" not in result.output and not _objects(result.output)
