"""Shards: the unit of work and of resumption of the scaled engines.

Each input file is one shard: JSON Lines, WARC, Parquet, HTML or plain text, on a local path or at an
object-storage URL that pyarrow understands (``s3://``, ``gs://``, ``hdfs://`` ...). A shard is named by a
digest of where it is, its size and modification time, the dateline version and the settings that change
records; a shard whose record file exists already is done.

This module never imports Ray: listing and reading shards is plain pyarrow and dateline's own intake.
"""

from __future__ import annotations

import dataclasses
import glob
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import __version__
from ..errors import DatelineError, FormatError, TooLargeError
from ..intake.read import WARC_SUFFIXES, Item, error_record, jsonl_document, read_bytes, read_inputs
from ..intake.warc import read_warc
from ..records import ErrorInfo, ErrorRecord, content_id
from ..settings import Settings

PARQUET_SUFFIXES = (".parquet", ".pq")
# Settings that do not change what a shard's records are: a change of them keeps the shards already done.
_NOT_IN_RECORDS = frozenset({"workers", "worker_start", "db", "store_batch_size", "store_wait", "serve_cache_mb",
                             "engine", "ray_address", "ray_cpus", "ray_actors", "ray_cpus_per_actor",
                             "ray_object_store_mb", "ray_shards"})


@dataclass(frozen=True)
class Shard:
    """One input file. ``source`` names it as the user gave it (and as the local engine names its
    articles); ``uri`` is where any node reads it: an absolute local path or an object-storage URL."""

    source: str
    uri: str
    size: int
    mtime_ns: int

    def name(self, settings: Settings, published: str | None = None) -> str:
        """The record file's name: the same input, version and settings always give the same name."""
        return content_id(self.uri, str(self.size), str(self.mtime_ns), __version__, settings_key(settings),
                          published or "", length=24) + ".parquet"


def settings_key(settings: Settings) -> str:
    values = {k: v for k, v in dataclasses.asdict(settings).items() if k not in _NOT_IN_RECORDS}
    return json.dumps(values, sort_keys=True, default=str)


def is_remote(path: str) -> bool:
    return "://" in path and not path.startswith("file://")


# ---- listing ------------------------------------------------------------------------------------------------
def list_shards(sources: Iterable[str]) -> tuple[list[Shard], list[ErrorRecord]]:
    """The shards of ``sources`` in order (a folder's files sorted by path, hidden ones left out), and an
    error record for each source that cannot be listed (missing, unreachable)."""
    shards: list[Shard] = []
    errors: list[ErrorRecord] = []
    for source in sources:
        try:
            shards.extend(_remote_shards(source) if is_remote(source) else _local_shards(source))
        except (OSError, DatelineError) as exc:
            errors.append(_listing_error(source, exc))
    return shards, errors


def _local_shards(source: str) -> list[Shard]:
    path = Path(source)
    if not path.exists() and any(c in source for c in "*?["):
        matches = sorted(p for p in glob.glob(source, recursive=True) if Path(p).is_file())
        if not matches:
            raise FormatError(f"no file matches {source}", source=source)
        return [_local_shard(m) for m in matches]
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
        return [_local_shard(str(p)) for p in files]
    return [_local_shard(source)]


def _local_shard(source: str) -> Shard:
    path = Path(source)
    st = path.stat()
    return Shard(source=source, uri=str(path.resolve()), size=st.st_size, mtime_ns=st.st_mtime_ns)


def _remote_shards(source: str) -> list[Shard]:
    from pyarrow import fs

    filesystem, path = fs.FileSystem.from_uri(source)
    info = filesystem.get_file_info(path)
    if info.type == fs.FileType.NotFound:
        raise FileNotFoundError(f"{source} does not exist")
    if info.type == fs.FileType.Directory:
        infos = filesystem.get_file_info(fs.FileSelector(path, recursive=True))
        scheme = source.split("://", 1)[0]
        files = sorted((i for i in infos if i.type == fs.FileType.File and not i.base_name.startswith(".")),
                       key=lambda i: i.path)
        return [_remote_shard(f"{scheme}://{i.path}", i) for i in files]
    return [_remote_shard(source, info)]


def _remote_shard(uri: str, info: Any) -> Shard:
    return Shard(source=uri, uri=uri, size=int(info.size or 0), mtime_ns=int(info.mtime_ns or 0))


def _listing_error(source: str, exc: Exception) -> ErrorRecord:
    if isinstance(exc, DatelineError):
        return error_record(exc, source)
    reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    return ErrorRecord(error=ErrorInfo(kind="io", message=f"cannot read {source}: {reason}", source=source))


# ---- reading ------------------------------------------------------------------------------------------------
def read_shard(shard: Shard, settings: Settings) -> list[Item]:
    """Every article of one shard, as dateline's intake reads it; what cannot be read is an error record."""
    try:
        return list(_read(shard, settings))
    except DatelineError as exc:
        return [error_record(exc, shard.source)]
    except OSError as exc:
        return [_listing_error(shard.source, exc)]


def _read(shard: Shard, settings: Settings) -> Iterator[Item]:
    name = shard.source.lower()
    if name.endswith(PARQUET_SUFFIXES):
        yield from read_parquet(shard, settings)
    elif not is_remote(shard.uri):
        yield from _read_local(shard, settings)
    else:
        yield from _read_remote(shard, settings, name)


def _read_local(shard: Shard, settings: Settings) -> Iterator[Item]:
    """As the local engine reads the file (``read_inputs``), with the articles named after ``source``."""
    if shard.uri == str(Path(shard.source).resolve()):
        yield from read_inputs([shard.source], settings=settings)
        return
    _check_size(shard, settings)  # the source is relative to another folder (a cluster node): read the uri
    data = Path(shard.uri).read_bytes()
    yield from read_bytes(data, source=shard.source, settings=settings, name=Path(shard.source).name.lower())


def _read_remote(shard: Shard, settings: Settings, name: str) -> Iterator[Item]:
    from pyarrow import fs

    _check_size(shard, settings)
    filesystem, path = fs.FileSystem.from_uri(shard.uri)
    with filesystem.open_input_stream(path) as fh:
        if name.endswith(WARC_SUFFIXES):
            yield from read_warc(fh, source=shard.source, settings=settings)
            return
        data = fh.read()
    yield from read_bytes(data, source=shard.source, settings=settings, name=name.rsplit("/", 1)[-1])


def _check_size(shard: Shard, settings: Settings) -> None:
    if shard.size > settings.max_bytes:
        raise TooLargeError(f"{shard.source} is {shard.size:,} bytes, over the limit of {settings.max_bytes:,} "
                            f"(setting max_bytes)", source=shard.source)


PARQUET_COLUMNS = ("id", "text", "html", "url", "title", "published")


def read_parquet(shard: Shard, settings: Settings) -> Iterator[Item]:
    """A Parquet file of articles: one row each, columns ``id``, ``text`` or ``html``, optional ``url``,
    ``title``, ``published`` (other columns are ignored), read a row group at a time."""
    import pyarrow.parquet as pq

    source = shard.uri if is_remote(shard.uri) else shard.source
    parquet = pq.ParquetFile(source) if not is_remote(source) else _remote_parquet(source)
    columns = [c for c in PARQUET_COLUMNS if c in parquet.schema_arrow.names]
    if "text" not in columns and "html" not in columns:
        raise FormatError(f"{shard.source} has neither a 'text' nor an 'html' column", source=shard.source)
    number = 0
    for batch in parquet.iter_batches(columns=columns):
        for row in batch.to_pylist():
            number += 1
            yield _parquet_row(row, f"{shard.source}:{number}")


def _remote_parquet(uri: str) -> Any:
    import pyarrow.parquet as pq
    from pyarrow import fs

    filesystem, path = fs.FileSystem.from_uri(uri)
    return pq.ParquetFile(filesystem.open_input_file(path))


def _parquet_row(row: dict[str, Any], where: str) -> Item:
    """A row as a JSON Lines object would give it: a date or timestamp as ISO 8601 text."""
    obj = {k: v.isoformat() if hasattr(v, "isoformat") else v for k, v in row.items() if v is not None}
    try:
        return jsonl_document(obj, where)
    except DatelineError as exc:
        return error_record(exc, where)
