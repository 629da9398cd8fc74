"""The store: a corpus of records in DuckDB, with stories and event clusters (see ``docs/store.md``).

Its names are loaded on first use (DuckDB and pyarrow take a tenth of a second to import, which a plain
``dateline extract`` does not need)."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .ingest import IngestSummary
    from .query import Filters, Rows
    from .store import Store

__all__ = ["Store", "Filters", "Rows", "IngestSummary"]
_MODULES = {"Store": ".store", "Filters": ".query", "Rows": ".query", "IngestSummary": ".ingest"}


def __getattr__(name: str) -> Any:
    if name not in _MODULES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(_MODULES[name], __name__), name)
    globals()[name] = value
    return value
