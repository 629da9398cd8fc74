"""Ingest with the model: the CLI's ingest, query and export on the bundled samples, skip and update, a bad
file in a batch, and the demo's stories and clusters."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dateline.cli import app
from dateline.settings import load_settings
from dateline.store import Store

runner = CliRunner()


def _samples() -> list[str]:
    folder = Path(str(resources.files("dateline") / "samples"))
    return [str(folder / "article.txt"), str(folder / "demo" / "articles.jsonl")]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("ingest") / "s.duckdb"
    result = runner.invoke(app, ["ingest", *_samples(), "--db", str(path)])
    assert result.exit_code == 0, result.output
    assert "9 added, 0 already stored, 0 failed, 7 stories" in result.output
    return path


def test_a_second_ingest_skips_everything(db: Path) -> None:
    before = Store(db).digest()
    result = runner.invoke(app, ["ingest", *_samples(), "--db", str(db)])
    assert result.exit_code == 0 and "0 added, 9 already stored" in result.output
    assert Store(db).digest() == before


def test_update_re_extracts_and_replaces_in_place(db: Path) -> None:
    before = Store(db).digest()
    result = runner.invoke(app, ["ingest", *_samples(), "--db", str(db), "--update"])
    assert result.exit_code == 0 and "9 updated" in result.output
    assert Store(db).digest() == before


def test_the_demo_story_and_the_two_outlet_cluster(db: Path) -> None:
    store = Store(db)
    top = store.stories(limit=1).rows[0]
    assert top["n_articles"] == 3 and top["n_outlets"] == 3
    protests = store.events(type="PROTEST", near="Nairobi", km=10).rows
    assert protests and protests[0]["n_sources"] == 2


@pytest.mark.parametrize("kind", ["events", "quotes", "places", "entities", "articles", "stories"])
@pytest.mark.parametrize("fmt", ["jsonl", "json", "csv", "table"])
def test_query_every_kind_in_every_format(db: Path, kind: str, fmt: str) -> None:
    result = runner.invoke(app, ["query", kind, "--db", str(db), "--format", fmt, "--limit", "5"])
    assert result.exit_code == 0, result.output
    if fmt == "jsonl":
        rows = [json.loads(line) for line in result.stdout.splitlines()]
        assert 1 <= len(rows) <= 5
        assert all("article_id" in r or "story_id" in r or "entity_id" in r for r in rows)


def test_a_bad_query_parameter_is_a_message(db: Path) -> None:
    result = runner.invoke(app, ["query", "events", "--db", str(db), "--since", "yesterday"])
    assert result.exit_code == 2 and "not a date" in result.output and "Traceback" not in result.output


def test_exports_open_in_pandas(db: Path, tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    for fmt in ("parquet", "csv", "geojson"):
        result = runner.invoke(app, ["export", "--format", fmt, "--out", str(tmp_path / fmt), "--db", str(db)])
        assert result.exit_code == 0, result.output
    events = pd.read_parquet(tmp_path / "parquet" / "events.parquet")
    assert len(events) == len(Store(db).events(raw=True, limit=100_000))
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pq.read_schema(tmp_path / "parquet" / "events.parquet")
    assert schema.field("day").type == pa.date32() and pa.types.is_list(schema.field("actors").type)
    assert pq.read_schema(tmp_path / "parquet" / "articles.parquet").field("published").type == pa.date32()
    clusters = pd.read_csv(tmp_path / "csv" / "clusters.csv")
    assert {"cluster_id", "n_sources", "lat", "lon", "evidence", "article_id"} <= set(clusters.columns)
    geo = json.loads((tmp_path / "geojson" / "clusters.geojson").read_text(encoding="utf-8"))
    assert geo["type"] == "FeatureCollection" and geo["features"]
    lon, lat = geo["features"][0]["geometry"]["coordinates"]
    assert -180 <= lon <= 180 and -90 <= lat <= 90 and "n_sources" in geo["features"][0]["properties"]


def test_jsonl_export_gives_back_the_records(db: Path, tmp_path: Path) -> None:
    from dateline.records import output_from_dict

    out = tmp_path / "all.jsonl"
    assert runner.invoke(app, ["export", "--format", "jsonl", "--out", str(out), "--db", str(db)]).exit_code == 0
    back = [output_from_dict(json.loads(line)) for line in out.read_text(encoding="utf-8").splitlines()]
    assert back == Store(db).records()


def test_a_bad_file_is_an_error_row_and_the_batch_goes_on(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "good.txt").write_text("Police fired tear gas at protesters in Nairobi on Tuesday, "
                                              "witnesses said, as a march against fuel prices reached parliament.",
                                              encoding="utf-8")
    (tmp_path / "in" / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "in" / "blob.txt").write_bytes(b"\x00\x01\x02binary" * 50)
    store = Store(tmp_path / "e.duckdb", settings=load_settings(store_batch_size=1))
    summary = store.ingest([str(tmp_path / "in")])
    assert (summary.added, summary.failed) == (1, 2)
    assert sorted(e.error.kind for e in store.errors()) == ["binary", "empty"]
    again = store.ingest([str(tmp_path / "in")])  # failed inputs are retried, never counted twice
    assert (again.added, again.skipped, again.failed) == (0, 1, 2) and len(store.errors()) == 2


def test_byte_identical_copies_are_one_article_with_two_sources(tmp_path: Path) -> None:
    text = "Rebels attacked a police post near the border on Monday, killing two officers, the army said."
    for name in ("one.txt", "two.txt"):
        (tmp_path / name).write_text(text, encoding="utf-8")
    store = Store(tmp_path / "d.duckdb")
    summary = store.ingest([str(tmp_path / "one.txt"), str(tmp_path / "two.txt")])
    assert (summary.added, summary.skipped, summary.new_sources) == (1, 1, 1)
    assert store.stats()["tables"]["article_sources"] == 2
