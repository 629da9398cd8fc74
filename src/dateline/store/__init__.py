"""The store: a corpus of records in DuckDB, with stories and event clusters (see ``docs/store.md``)."""

from .ingest import IngestSummary
from .query import Filters, Rows
from .store import Store

__all__ = ["Store", "Filters", "Rows", "IngestSummary"]
