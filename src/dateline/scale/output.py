"""Record shards: one Parquet file of records per input shard, written whole or not at all.

Columns: ``shard`` (the input as given), ``position`` (the article's place in it), ``source_id``,
``article_id`` (null for an error), ``kind`` (``record`` or ``error``), ``raw_key`` (the input as read, as the
store keys it) and ``json`` (the dateline/1 object, exactly what ``dateline extract --format jsonl`` prints).
A file is written under a temporary name and renamed when complete, so a killed run leaves whole files only.
The folder may be local or an object-storage URL that pyarrow understands.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from pyarrow import fs

from ..errors import EngineError
from ..intake.read import Item
from ..intake.source import RawDocument
from ..records import ErrorRecord, Output, json_line, output_from_dict
from ..store.ingest import raw_key
from .shards import Shard, is_remote

SCHEMA = pa.schema([("shard", pa.string()), ("position", pa.int64()), ("source_id", pa.string()),
                    ("article_id", pa.string()), ("kind", pa.string()), ("raw_key", pa.string()),
                    ("json", pa.string())])
TEMP_SUFFIX = ".tmp"


def records_table(shard: Shard, items: list[Item], outputs: list[Output]) -> pa.Table:
    """One row per input of the shard, in its order."""
    rows: dict[str, list[Any]] = {name: [] for name in SCHEMA.names}
    for position, (item, out) in enumerate(zip(items, outputs, strict=True)):
        record = not isinstance(out, ErrorRecord)
        rows["shard"].append(shard.source)
        rows["position"].append(position)
        rows["source_id"].append(out.article.source_id if not isinstance(out, ErrorRecord) else out.error.source)
        rows["article_id"].append(out.article.id if not isinstance(out, ErrorRecord) else None)
        rows["kind"].append("record" if record else "error")
        rows["raw_key"].append(raw_key(item) if isinstance(item, RawDocument) else None)
        rows["json"].append(json_line(out))
    return pa.table(rows, schema=SCHEMA)


class Folder:
    """The folder of record shards: a local path or an object-storage URL."""

    def __init__(self, location: str) -> None:
        self.location = location
        try:
            if is_remote(location):
                self.fs, self.path = fs.FileSystem.from_uri(location)
            else:
                self.fs, self.path = fs.LocalFileSystem(), str(Path(location).expanduser().resolve())
            self.fs.create_dir(self.path, recursive=True)
        except (OSError, pa.ArrowException) as exc:
            raise EngineError(f"cannot use {location} as the folder of record shards: {exc}") from exc

    @property
    def uri(self) -> str:
        """Where every node finds the folder: an absolute local path or the URL."""
        return self.location if is_remote(self.location) else self.path

    def file(self, name: str) -> str:
        return f"{self.path.rstrip('/')}/{name}"

    def names(self) -> set[str]:
        """The record shards done (whole files only: temporary files are left out)."""
        infos = self.fs.get_file_info(fs.FileSelector(self.path, allow_not_found=True))
        return {i.base_name for i in infos if i.type == fs.FileType.File and i.base_name.endswith(".parquet")}

    def remove_temporary(self) -> int:
        """Delete what killed runs left half-written; returns how many."""
        infos = self.fs.get_file_info(fs.FileSelector(self.path, allow_not_found=True))
        stale = [i.path for i in infos if i.base_name.startswith(".") and i.base_name.endswith(TEMP_SUFFIX)]
        for path in stale:
            self.fs.delete_file(path)
        return len(stale)

    def write(self, table: pa.Table, name: str) -> None:
        """Write ``table`` as ``name``, atomically: to a temporary name first (synced to disk), then renamed."""
        temp = self.file(f".{name}.{uuid.uuid4().hex}{TEMP_SUFFIX}")
        if isinstance(self.fs, fs.LocalFileSystem):
            with open(temp, "wb") as fh:
                pq.write_table(table, fh)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(temp, self.file(name))
        else:  # an object store: the final object appears whole when the copy completes
            pq.write_table(table, temp, filesystem=self.fs)
            self.fs.move(temp, self.file(name))

    def read(self, name: str) -> pa.Table:
        try:
            return pq.read_table(self.file(name), filesystem=self.fs).sort_by("position")
        except (OSError, pa.ArrowException) as exc:
            raise EngineError(f"record shard {self.file(name)} cannot be read ({exc}); delete it and run "
                              f"again to extract its input anew") from exc

    def outputs(self, name: str) -> Iterator[tuple[Output, str | None]]:
        """The shard's outputs back, in input order, each with its raw key."""
        table = self.read(name)
        for text, key in zip(table.column("json").to_pylist(), table.column("raw_key").to_pylist(), strict=True):
            yield output_from_dict(json.loads(text)), key


def iter_outputs(location: str) -> Iterator[Output]:
    """Every record (and error record) of a folder of record shards, shard by shard in the order of their
    inputs' names, each shard in input order."""
    folder = Folder(location)
    for _source, name in sorted((_shard_of(folder, name), name) for name in folder.names()):
        for out, _key in folder.outputs(name):
            yield out


def _shard_of(folder: Folder, name: str) -> str:
    column = pq.read_table(folder.file(name), filesystem=folder.fs, columns=["shard"]).column("shard")
    return str(column[0].as_py()) if len(column) else ""
