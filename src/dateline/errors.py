"""One error hierarchy. Every error dateline raises is a :class:`DatelineError` with a message a user can act on.

``kind`` is the short name written into error records (``{"error": {"kind", "message", "source"}}``).
"""

from __future__ import annotations

import errno


class DatelineError(Exception):
    """Base of every error dateline raises."""

    kind = "error"

    def __init__(self, message: str, *, source: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.source = source


class SettingsError(DatelineError):
    """A setting is unknown or has a value of the wrong kind."""

    kind = "settings"


class ModelError(DatelineError):
    """The spaCy model named in the settings cannot be loaded."""

    kind = "model"


class InputError(DatelineError):
    """An input cannot be read as an article."""

    kind = "input"


class EmptyInputError(InputError):
    kind = "empty"


class BinaryInputError(InputError):
    kind = "binary"


class EncodingError(InputError):
    kind = "encoding"


class TooLargeError(InputError):
    kind = "too_large"


class FormatError(InputError):
    """A file of a known format (HTML, JSONL, feed, WARC) is malformed or truncated."""

    kind = "format"


class LanguageError(InputError):
    """The article is not in a language the pipeline handles."""

    kind = "language"

    def __init__(self, message: str, *, language: str, source: str | None = None) -> None:
        super().__init__(message, source=source)
        self.language = language


class FetchError(DatelineError):
    """A URL could not be fetched: time-out, refused, HTTP error, robots.txt, private address."""

    kind = "fetch"


class ProcessingError(DatelineError):
    """A pipeline stage failed on an article."""

    kind = "processing"


class TimeLimitError(ProcessingError):
    """An article took longer than the setting ``article_time_limit`` allows."""

    kind = "timeout"


class DictionaryError(SettingsError):
    """A CAMEO/PETRARCH dictionary named in the settings cannot be read or has a malformed line."""

    kind = "dictionary"


class StoreError(DatelineError):
    """The store (a DuckDB file) cannot be opened, read or written."""

    kind = "store"


class StoreBusyError(StoreError):
    """Another process holds the store: a second ingest, or a writer that did not let go in time."""

    kind = "store_busy"


class StoreVersionError(StoreError):
    """The store was written by another version of the store schema."""

    kind = "store_version"


class QueryError(StoreError):
    """A query's filters cannot be used as given (a bad date, code, limit, or a filter the kind lacks)."""

    kind = "query"


class EngineError(DatelineError):
    """A scaled engine cannot run: Ray missing, a cluster unreachable, a shard folder that cannot be written."""

    kind = "engine"


def disk_refused(exc: OSError) -> bool:
    """Whether a write failed for want of room: the disk full, a quota, or a file-size limit."""
    return exc.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT)
