"""Extraction on several processes: each worker holds one loaded model; a worker that dies costs one batch.

With ``fork`` (Linux by default) the model and tables are loaded once in the parent, which the workers then
share; with ``spawn`` each worker loads its own. Batches come back in input order. When a worker dies (killed,
out of memory), the pool breaks and every batch in flight fails with it; the pool is started again and those
batches are extracted one at a time, so the one that kills its worker again is known: its inputs become error
records and the run goes on.
"""

from __future__ import annotations

import gc
import logging
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_all_start_methods, get_context

from .api import Extractor
from .errors import ProcessingError
from .intake.source import RawDocument
from .records import ErrorInfo, ErrorRecord, Output
from .settings import Settings

log = logging.getLogger(__name__)

Batch = list[RawDocument | ErrorRecord]
_WORKER: Extractor | None = None

# A short article that touches every table (names, places, dates, quotes, events): run once in the parent
# before forking, so that the workers share what it loaded.
_WARM_UP = ("Officials in Geneva said on Monday that police had arrested twelve protesters. \"We will talk to "
            "everyone,\" the minister said, and the government agreed to hold talks with the union.")


def parallel(batches: Iterable[Batch], *, workers: int, settings: Settings,
             published: str | None) -> Iterator[list[Output]]:
    """Each batch's outputs, in order, extracted on ``workers`` processes."""
    pool = _Pool(workers, settings, published)
    try:
        pending: deque[tuple[Batch, Future[list[Output]]]] = deque()
        for batch in batches:
            pending.append((batch, pool.submit(batch)))
            if len(pending) >= 2 * workers:
                yield from pool.results(pending, until=len(pending) - 1)
        yield from pool.results(pending, until=0)
    finally:
        pool.close()


class _Pool:
    """A process pool that is started again when a worker dies."""

    def __init__(self, workers: int, settings: Settings, published: str | None) -> None:
        self.workers, self.settings, self.published = workers, settings, published
        self.executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        method = _start_method(self.settings)
        if method == "fork":
            _loaded_in_parent(self.settings)
            return ProcessPoolExecutor(self.workers, mp_context=get_context(method))
        return ProcessPoolExecutor(self.workers, mp_context=get_context(method), initializer=_init_worker,
                                   initargs=(self.settings,))

    def submit(self, batch: Batch) -> Future[list[Output]]:
        try:
            return self.executor.submit(_work, batch, self.published)
        except BrokenProcessPool as exc:  # a worker died before this batch was handed over: it fails alike
            failed: Future[list[Output]] = Future()
            failed.set_exception(exc)
            return failed

    def results(self, pending: deque[tuple[Batch, Future[list[Output]]]], *, until: int) -> Iterator[list[Output]]:
        """Outputs of the oldest batches until ``until`` are left; after a worker's death, one at a time."""
        while len(pending) > until:
            batch, future = pending.popleft()
            try:
                yield future.result()
                continue
            except BrokenProcessPool:
                log.warning("a worker process died (killed or out of memory): starting the pool again and "
                            "extracting the %d batches in flight one at a time", len(pending) + 1)
            suspects = [batch, *(b for b, _f in pending)]
            pending.clear()
            self._restart()
            for suspect in suspects:
                yield self._alone(suspect)

    def _alone(self, batch: Batch) -> list[Output]:
        """One batch on the fresh pool; if it kills its worker again, its inputs are error records."""
        try:
            return self.submit(batch).result()
        except BrokenProcessPool:
            self._restart()
            log.error("a batch of %d inputs killed its worker twice: recorded as errors", len(batch))
            return [_died(item) for item in batch]

    def _restart(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)
        self.executor = self._start()

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


def _died(item: RawDocument | ErrorRecord) -> ErrorRecord:
    if isinstance(item, ErrorRecord):
        return item
    return ErrorRecord(error=ErrorInfo(
        kind=ProcessingError.kind, source=item.source_id,
        message="the worker process extracting this input died twice (killed, or out of memory: try a smaller "
                "batch_size or fewer workers); the rest of the run went on"))


def _init_worker(settings: Settings) -> None:
    global _WORKER
    _WORKER = Extractor(settings)


def _start_method(settings: Settings) -> str:
    """fork where asked or (auto) on Linux, where it is safe and every start method exists; else spawn."""
    if settings.worker_start == "spawn" or "fork" not in get_all_start_methods():
        return "spawn"
    return "fork" if settings.worker_start == "fork" or sys.platform.startswith("linux") else "spawn"


def _loaded_in_parent(settings: Settings) -> None:
    """Load the model and tables here, once: forked workers inherit them (shared pages, no reload)."""
    global _WORKER
    if _WORKER is None or _WORKER.settings != settings:
        _WORKER = Extractor(settings)
        _WORKER.run_batch([RawDocument(source_id="<warm-up>", text=_WARM_UP)])
        gc.freeze()  # what is loaded now is never collected: the workers' collector leaves those pages shared


def _work(batch: Batch, published: str | None) -> list[Output]:
    assert _WORKER is not None
    return _WORKER.run_batch(batch, published=published)

