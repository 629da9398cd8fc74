"""A time limit on the work for one article: a runaway article becomes an error record, never a hang.

The limit is the real-time interval timer (``SIGALRM``), so it holds on POSIX systems in a process's main
thread — the CLI, each ``--workers`` process and each Ray actor run their batches there; elsewhere (Windows,
a library caller's worker thread) the work runs without a limit. The signal is handled between Python
bytecodes, so a limit is noticed as soon as the runaway code comes back to Python (spaCy, regular expressions
and the stages do so often).
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from .errors import TimeLimitError


def can_limit() -> bool:
    """Whether :func:`time_limit` can stop work here: POSIX, main thread."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_limit(seconds: float, what: str, *, source: str | None = None) -> Iterator[None]:
    """Raise :class:`TimeLimitError` in the block once it has run ``seconds`` (0 or less: no limit)."""
    if seconds <= 0 or not can_limit():
        yield
        return

    def expired(_signum: int, _frame: FrameType | None) -> None:
        raise TimeLimitError(f"{what} took longer than {seconds:g} s (setting article_time_limit); "
                             "it was stopped and the batch went on", source=source)

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
