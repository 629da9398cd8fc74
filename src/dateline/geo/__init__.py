"""The offline geoparser's gazetteer: GeoNames places and the project's tables in one SQLite index.

:func:`default_gazetteer` builds the index under ``settings.cache_dir`` on first use (about a minute,
once per machine and set of sources) and opens it; later calls return the same open index.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from ..settings import Settings
from .build import build_index, index_path
from .gazetteer import Candidate, FakeGazetteer, Gazetteer, SqliteGazetteer

log = logging.getLogger(__name__)

_LOCK = threading.Lock()
_OPEN: dict[Path, SqliteGazetteer] = {}


def default_gazetteer(settings: Settings) -> SqliteGazetteer:
    """The index for ``settings.cache_dir``, built first when it is missing."""
    path = index_path(settings.cache_dir)
    with _LOCK:
        if path not in _OPEN:
            if not path.exists():
                _build_once(path)
            _OPEN[path] = SqliteGazetteer(path)
        return _OPEN[path]


def _build_once(path: Path) -> None:
    """Build the index, one process at a time (parallel workers on a fresh machine wait for the first)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.parent / "gazetteer.lock", "w") as lock:
        try:
            import fcntl

            fcntl.flock(lock, fcntl.LOCK_EX)
        except ImportError:  # not POSIX: concurrent builds stay correct (atomic rename), only slower
            pass
        if not path.exists():
            log.info("building the gazetteer index at %s (first use, about half a minute)", path)
            build_index(path)


__all__ = ["Candidate", "FakeGazetteer", "Gazetteer", "SqliteGazetteer", "default_gazetteer", "build_index",
           "index_path"]
