"""Record shards into the store, in shard order, with the store's own committer.

The store's ingest keys each input by its raw form (``raw_key``: source and content as read), which the record
shards keep; loading them through that key makes the store exactly what the local engine makes of the same
inputs, and makes loading idempotent: an input stored already is skipped, a killed load resumes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from ..records import ErrorRecord, Output
from ..settings import Settings
from ..store.ingest import IngestSummary, add_keyed
from .output import Folder


def load_store(db: Path, folder: Folder, names: list[str], *, settings: Settings, update: bool = False,
               errors: Iterable[ErrorRecord] = ()) -> IngestSummary:
    """Store the record shards ``names`` (in this order) and ``errors`` (inputs that could not be listed)."""

    def pairs() -> Iterator[tuple[Output, str | None]]:
        for error in errors:
            yield error, None
        for name in dict.fromkeys(names):  # a shard given twice is loaded once
            yield from folder.outputs(name)

    return add_keyed(db, pairs(), settings=settings, update=update)
