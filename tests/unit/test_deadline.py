"""The per-article time limit (SIGALRM): it stops runaway work, and only where it can."""

from __future__ import annotations

import threading
import time

import pytest

from dateline.deadline import can_limit, time_limit
from dateline.errors import ProcessingError, TimeLimitError

pytestmark = pytest.mark.skipif(not can_limit(), reason="needs SIGALRM in the main thread (POSIX)")


def _spin(seconds: float) -> int:
    """Busy Python work (no sleep), as a runaway regular expression or loop would be."""
    end, n = time.monotonic() + seconds, 0
    while time.monotonic() < end:
        n += 1
    return n


def test_work_past_its_limit_is_stopped_with_a_clear_error() -> None:
    started = time.monotonic()
    with pytest.raises(TimeLimitError, match=r"took longer than 0.2 s \(setting article_time_limit\)") as caught:
        with time_limit(0.2, "parsing the article", source="a.txt"):
            _spin(5)
    assert time.monotonic() - started < 2
    assert caught.value.kind == "timeout" and caught.value.source == "a.txt"
    assert isinstance(caught.value, ProcessingError)


def test_work_within_its_limit_runs_and_leaves_no_timer_behind() -> None:
    with time_limit(1.0, "work"):
        assert _spin(0.05) > 0
    _spin(1.2)  # a timer left running would fire here


def test_no_limit_when_it_is_zero() -> None:
    with time_limit(0, "work"):
        _spin(0.3)


def test_outside_the_main_thread_the_work_runs_unlimited() -> None:
    done: list[bool] = []

    def work() -> None:
        with time_limit(0.05, "work"):
            _spin(0.2)
        done.append(True)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert done == [True]
