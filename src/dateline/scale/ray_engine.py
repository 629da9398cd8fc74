"""The Ray Data engine: the same extraction, on every core of one machine or of a Ray cluster.

Each input file is a shard. Ray Data's ``map_batches`` hands shards, one per call, to a pool of actors that
each load the model once (:class:`ShardWorker`); an actor reads its shard with dateline's intake, extracts it in
parse batches of ``batch_size`` from the shard's start, and writes the shard's records as one Parquet file
(:mod:`.output`), atomically. A shard whose record file exists is skipped, so a killed run resumes where it
stopped. Then the record shards are loaded into the store in shard order (:mod:`.load`), or left as a Parquet
dataset that DuckDB queries in place.
"""

from __future__ import annotations

import logging
import os
import resource
import socket
import time
import warnings
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..api import Extractor, chunks
from ..errors import EngineError
from ..records import ErrorRecord, Output
from ..settings import DEFAULT, Settings
from ..store.ingest import IngestSummary
from .load import load_store
from .output import Folder, records_table
from .shards import Shard, list_shards, read_shard

log = logging.getLogger(__name__)
RETRIES = 3  # restarts of an actor (a lost node, a pre-empted worker) and retries of its shard


@dataclass(frozen=True)
class ShardResult:
    """What one actor did with one shard; ``failed`` is empty, or why the shard failed as a whole."""

    source: str
    name: str
    records: int = 0
    errors: int = 0
    seconds: float = 0.0
    cpu_seconds: float = 0.0  # of the actor's process: what the shard cost, whatever else ran on its cores
    peak_rss_mb: float = 0.0
    failed: str = ""
    actor: str = ""  # host:pid of the actor that ran it


@dataclass
class RayRun:
    """What one run did: shards listed, found done, extracted and failed; records and errors written; the
    store's summary (None with ``load=False``)."""

    folder: str
    shards: int = 0
    done_before: int = 0
    results: list[ShardResult] = field(default_factory=list)
    listing_errors: int = 0
    store: IngestSummary | None = None
    seconds: float = 0.0

    @property
    def extracted(self) -> int:
        return sum(1 for r in self.results if not r.failed)

    @property
    def failed(self) -> list[ShardResult]:
        return [r for r in self.results if r.failed]


def run(sources: Iterable[str], *, db: str | Path | None = None, settings: Settings | None = None,
        folder: str | None = None, load: bool = True, update: bool = False, published: str | None = None,
        on_shard: Callable[[ShardResult], None] | None = None) -> RayRun:
    """Extract ``sources`` (files, folders, globs, object-storage URLs; each file one shard) on Ray and, with
    ``load``, store the records in ``db``. Record shards go to ``folder`` (default: setting ``ray_shards``,
    else ``DB.shards`` beside the store)."""
    start = time.monotonic()
    settings = settings or DEFAULT
    db_path = Path(db if db is not None else settings.db).expanduser()
    where = Folder(folder or settings.ray_shards or f"{db_path}.shards")
    shards, listing_errors = list_shards(sources)
    plan = [(s, s.name(settings, published)) for s in shards]
    summary = RayRun(folder=where.location, shards=len(plan), listing_errors=len(listing_errors))
    if removed := where.remove_temporary():
        log.info("removed %d half-written record shards of a killed run", removed)
    done = where.names()
    todo = list({name: (shard, name) for shard, name in plan if name not in done}.values())
    summary.done_before = len(plan) - len(todo)
    log.info("%d shards: %d done before, %d to extract", len(plan), summary.done_before, len(todo))
    if todo:
        summary.results = extract(todo, where.uri, settings=settings, published=published, on_shard=on_shard)
    if load:
        finished = where.names()
        names = [name for _shard, name in plan if name in finished]
        summary.store = load_store(db_path, where, names, settings=settings, update=update, errors=listing_errors)
    summary.seconds = time.monotonic() - start
    return summary


def extract(todo: list[tuple[Shard, str]], folder: str, *, settings: Settings, published: str | None = None,
            on_shard: Callable[[ShardResult], None] | None = None) -> list[ShardResult]:
    """Run the shards ``todo`` (each with its record file's name) on Ray; one result per shard."""
    results = []
    with ray_session(settings) as ray:
        rows = ray.data.from_items([_row(shard, name) for shard, name in todo], override_num_blocks=len(todo))
        with warnings.catch_warnings():
            # Ray Data 2.60 sets actor restarts only through ``ray_remote_args``, which it deprecates (to go in
            # 2.64); its default is to restart and retry forever, so a shard that kills its actor never ends.
            warnings.filterwarnings("ignore", message=r"`ray_remote_args` is deprecated", category=DeprecationWarning)
            mapped = rows.map_batches(
                ShardWorker, batch_size=1, num_cpus=settings.ray_cpus_per_actor,
                compute=ray.data.ActorPoolStrategy(size=_actors(ray, settings, len(todo))),
                fn_constructor_kwargs={"settings": settings, "folder": folder, "published": published},
                max_restarts=RETRIES, max_task_retries=RETRIES)
        try:
            for row in mapped.iter_rows():
                result = ShardResult(**{k: _plain(v) for k, v in row.items()})
                _report(result)
                results.append(result)
                if on_shard is not None:
                    on_shard(result)
        except ray.exceptions.RayError as exc:
            raise EngineError(f"the Ray run stopped after {len(results)} of {len(todo)} shards ({_first_line(exc)}); "
                              f"the shards it finished are kept: run again to resume") from exc
    return results


def _first_line(exc: BaseException) -> str:
    lines = [ln for ln in str(exc).splitlines() if ln.strip()]
    return lines[-1][:300] if lines else type(exc).__name__


def _row(shard: Shard, name: str) -> dict[str, Any]:
    return {"source": shard.source, "uri": shard.uri, "size": shard.size, "mtime_ns": shard.mtime_ns, "name": name}


def _plain(value: Any) -> Any:
    return value.item() if hasattr(value, "item") else value


def _report(result: ShardResult) -> None:
    if result.failed:
        log.error("shard %s failed (it is extracted again by the next run): %s", result.source, result.failed)
    else:
        log.info("shard %s: %d records, %d errors in %.1f s", result.source, result.records, result.errors,
                 result.seconds)


def _actors(ray: Any, settings: Settings, shards: int) -> int:
    """``ray_actors``, else as many as the cluster's CPUs hold; never more than there are shards."""
    wanted = settings.ray_actors
    if wanted <= 0:
        cpus = ray.cluster_resources().get("CPU", 1)
        wanted = max(1, int(cpus // settings.ray_cpus_per_actor))
    return max(1, min(wanted, shards))


class ShardWorker:
    """A Ray actor's state: the loaded model. Each call extracts the shards of its batch (one, as run)."""

    def __init__(self, settings: Settings, folder: str, published: str | None) -> None:
        self.settings = settings
        self.published = published
        self.folder = Folder(folder)
        self.extractor = Extractor(settings)

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[Any]]:
        results = [self.one(Shard(str(source), str(uri), int(size), int(mtime)), str(name))
                   for source, uri, size, mtime, name in zip(batch["source"], batch["uri"], batch["size"],
                                                              batch["mtime_ns"], batch["name"], strict=True)]
        return {key: [getattr(r, key) for r in results] for key in ShardResult.__dataclass_fields__}

    def one(self, shard: Shard, name: str) -> ShardResult:
        start, cpu = time.monotonic(), time.process_time()
        try:
            items = read_shard(shard, self.settings)
            outputs = self.extract(items)
            self.folder.write(records_table(shard, items, outputs), name)
        except Exception as exc:  # the shard is reported, not written: the next run tries it again
            log.exception("shard %s failed", shard.source)
            return self._result(shard, name, start, cpu, failed=f"{type(exc).__name__}: {exc}")
        errors = sum(isinstance(o, ErrorRecord) for o in outputs)
        return self._result(shard, name, start, cpu, records=len(outputs) - errors, errors=errors)

    @staticmethod
    def _result(shard: Shard, name: str, start: float, cpu: float, **counts: Any) -> ShardResult:
        return ShardResult(shard.source, name, seconds=round(time.monotonic() - start, 3),
                           cpu_seconds=round(time.process_time() - cpu, 3), peak_rss_mb=_peak_rss_mb(),
                           actor=_ACTOR, **counts)

    def extract(self, items: list[Any]) -> list[Output]:
        """Parse batches of ``batch_size`` from the shard's start, as the local engine's (see docs/scaling.md)."""
        outputs: list[Output] = []
        for batch in chunks(items, self.settings.batch_size):
            outputs.extend(self.extractor.run_batch(batch, published=self.published))
        return outputs


_ACTOR = f"{socket.gethostname()}:{os.getpid()}"


def _peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


# ---- Ray itself ---------------------------------------------------------------------------------------------
def import_ray() -> Any:
    """Ray, with usage statistics off (set before the import); an EngineError when it is not installed."""
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    try:
        import ray.data  # binds ``ray`` too
    except ImportError as exc:
        raise EngineError("Ray is not installed: pip install 'dateline[ray]'") from exc
    return ray


@contextmanager
def ray_session(settings: Settings) -> Iterator[Any]:
    """Ray, ready: the caller's when it already started or joined one (kept running), else a local Ray of
    ``ray_cpus`` CPUs, or the cluster at ``ray_address`` — shut down (or left) at the end."""
    ray = import_ray()
    if ray.is_initialized():
        _quiet_data(ray)
        yield ray
        return
    where = f"the Ray cluster at {settings.ray_address}" if settings.ray_address else "a local Ray"
    try:
        ray.init(**_init_args(settings))
    except (ConnectionError, RuntimeError, ValueError, TimeoutError) as exc:
        raise EngineError(f"cannot start or reach {where} (setting ray_address, option --address): {exc}"
                          f"{_AUTH_HINT if settings.ray_address else ''}") from exc
    try:
        _quiet_data(ray)
        yield ray
    finally:
        ray.shutdown()


_AUTH_HINT = ("; a cluster with token authentication (Ray's default) needs its token here: run on a cluster node "
              "with --address auto, or set RAY_AUTH_MODE=token and RAY_AUTH_TOKEN (see docs/scaling.md)")


def _init_args(settings: Settings) -> dict[str, Any]:
    verbose = log.isEnabledFor(logging.INFO)
    common = {"include_dashboard": False, "log_to_driver": verbose,
              "logging_level": logging.INFO if verbose else logging.ERROR}
    if settings.ray_address:
        return {"address": settings.ray_address, **common}
    return {"num_cpus": settings.ray_cpus or None, "object_store_memory": settings.ray_object_store_mb * 2**20,
            **common}


def _quiet_data(ray: Any) -> None:
    """No progress bars, no per-run chatter unless --verbose; Ray Data's own deprecation warnings (its
    context sets deprecated fields of itself when first made) kept out of the user's warnings."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=DeprecationWarning, module=r"ray\.data\.context")
        context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False
    verbose = log.isEnabledFor(logging.INFO)
    logging.getLogger("ray.data").setLevel(logging.INFO if verbose else logging.ERROR)
