"""dateline: news reports → traceable records of who said what, who did what to whom, where and when.

The library is the product; the CLI (``dateline``) is a thin shell over it::

    import dateline
    record = dateline.process(text, published="2016-10-25")
    for out in dateline.process_many(texts, workers=2):
        ...
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "__version__", "process", "process_many", "Settings", "load_settings", "DatelineError",
    "Record", "ErrorRecord", "Article", "Entity", "Quote", "Place", "DateRef", "Event", "to_dict",
    "output_from_dict", "SCHEMA",
]

if TYPE_CHECKING:
    from .api import process, process_many
    from .errors import DatelineError
    from .records import (
        SCHEMA,
        Article,
        DateRef,
        Entity,
        ErrorRecord,
        Event,
        Place,
        Quote,
        Record,
        output_from_dict,
        to_dict,
    )
    from .settings import Settings, load_settings

_LAZY = {
    "process": "api", "process_many": "api", "Settings": "settings", "load_settings": "settings",
    "DatelineError": "errors", "Record": "records", "ErrorRecord": "records", "Article": "records",
    "Entity": "records", "Quote": "records", "Place": "records", "DateRef": "records", "Event": "records",
    "to_dict": "records", "output_from_dict": "records", "SCHEMA": "records",
}


def __getattr__(name: str) -> Any:
    """Import on first use, so ``import dateline`` and ``dateline --version`` stay fast."""
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module 'dateline' has no attribute {name!r}")
