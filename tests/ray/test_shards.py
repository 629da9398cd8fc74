"""Shards without Ray: listing and naming, Parquet input, record shard files written whole or not at all."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from dateline.intake.source import RawDocument
from dateline.records import ErrorRecord
from dateline.scale.output import Folder
from dateline.scale.shards import list_shards, read_shard
from dateline.settings import DEFAULT


def test_a_folder_lists_its_files_in_path_order_and_a_missing_source_is_an_error(tmp_path: Path) -> None:
    for name in ("b.jsonl", "a.txt", ".hidden", "sub/c.html"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    shards, errors = list_shards([str(tmp_path), str(tmp_path / "gone.jsonl")])
    assert [Path(s.source).relative_to(tmp_path).as_posix() for s in shards] == ["a.txt", "b.jsonl", "sub/c.html"]
    assert [(e.error.kind, Path(e.error.source).name) for e in errors] == [("io", "gone.jsonl")]


def test_a_shard_is_renamed_when_its_content_or_the_settings_change(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text('{"id": "1", "text": "One."}\n', encoding="utf-8")
    (first,), _ = list_shards([str(path)])
    assert first.name(DEFAULT) == list_shards([str(path)])[0][0].name(DEFAULT)
    assert first.name(DEFAULT) == first.name(DEFAULT.replace(workers=4, ray_actors=3))  # not in records
    assert first.name(DEFAULT) != first.name(DEFAULT.replace(batch_size=4))
    assert first.name(DEFAULT) != first.name(DEFAULT, published="2020-01-01")
    path.write_text('{"id": "1", "text": "One, changed."}\n', encoding="utf-8")
    os.utime(path, ns=(first.mtime_ns + 10**9, first.mtime_ns + 10**9))
    assert list_shards([str(path)])[0][0].name(DEFAULT) != first.name(DEFAULT)


def test_a_parquet_shard_gives_one_article_per_row(tmp_path: Path) -> None:
    path = tmp_path / "articles.parquet"
    pq.write_table(pa.table({"id": ["a", "b", "c"], "text": ["Police said so on Monday.", None, None],
                             "html": [None, None, "<html><body><p>Hi.</p></body></html>"],
                             "published": [dt.date(2025, 3, 1), None, None], "extra": [1, 2, 3]}), path)
    (shard,), _ = list_shards([str(path)])
    first, second, third = read_shard(shard, DEFAULT)
    assert isinstance(first, RawDocument) and (first.source_id, first.published) == ("a", "2025-03-01")
    assert isinstance(second, ErrorRecord) and second.error.source.endswith("articles.parquet:2")
    assert isinstance(third, RawDocument) and third.html and not third.text


def test_record_shards_exist_whole_or_not_at_all(tmp_path: Path) -> None:
    folder = Folder(str(tmp_path / "out"))
    (tmp_path / "out" / ".x.parquet.0123.tmp").write_bytes(b"PAR1 half")  # what a killed writer leaves
    folder.write(pa.table({"position": [1, 0], "json": ["b", "a"]}), "x.parquet")
    assert folder.names() == {"x.parquet"}
    assert folder.read("x.parquet").column("json").to_pylist() == ["a", "b"]
    assert folder.remove_temporary() == 1
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["x.parquet"]
