"""The API's latency under a bounded local load, on a store of 100k events or more.

    .venv/bin/python bench/bench_api.py --db STORE [--rate 200] [--seconds 20] [--concurrency 64]
        [--workers 1] [--no-cache]

Needs the ``bench`` extra (aiohttp). ``STORE`` is a store of ≥ 100k events (``bench/bench_store.py queries
--events 100000 --db STORE`` builds one). The
benchmark starts ``dateline serve`` (``--workers`` processes) on 127.0.0.1 and a free port, warms it up, then sends
requests at a fixed rate (open loop: each request has a scheduled time, and its latency counts from that
time, so a slow server is not hidden by a client that waits) for ``--seconds``, at most ``--concurrency``
in flight, and only to that server. The requests cycle through the explorer's calls with parameters drawn
from what the store holds: event clusters by type, country and date range; quotes by speaker; the map's
GeoJSON of one type in a date range (``detail=map``, as the explorer asks). Parameters repeat (they are drawn
from a bounded pool), so some requests are answered from the server's response cache: the share of distinct
URLs is printed, and ``--no-cache`` serves with ``serve_cache_mb = 0`` to measure every request cold.
It prints p50/p95/max per endpoint and overall, the rate achieved, the errors, the CPU time the server (all its
processes) and the client spent per request, and the goal (p95 < 100 ms at 200 requests/s) as true or false;
then a ``summary:`` line.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_store import _latency, pools, query_plans, summary_line  # noqa: E402

CLI = [sys.executable, "-c", "from dateline.cli import main; main()"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def requests_for(db: Path, n: int, seed: int) -> list[tuple[str, str, dict[str, Any]]]:
    """(endpoint name, path, query parameters), ``n`` of them, cycling through the three endpoints."""
    plans = query_plans(pools(db))
    rng = random.Random(seed)
    out: list[tuple[str, str, dict[str, Any]]] = []
    for i in range(n):
        which = i % 3
        if which == 0:
            _kind, f = plans["events_type_country_dates"](rng)
            out.append(("events", "/api/events", f))
        elif which == 1:
            _kind, f = plans["quotes_speaker"](rng)
            out.append(("quotes", "/api/quotes", f))
        else:
            _kind, f = plans["events_type_country_dates"](rng)
            out.append(("events.geojson", "/api/events.geojson",
                        {"type": f["type"], "since": f["since"], "until": f["until"], "limit": 5000,
                         "detail": "map"}))
    return out


async def load(base: str, calls: list[tuple[str, str, dict[str, Any]]], rate: float, concurrency: int
               ) -> tuple[dict[str, list[float]], dict[str, int], float]:
    """Send ``calls`` open loop at ``rate`` per second with aiohttp (its client costs about a millisecond of
    CPU per request here; httpx's cost ten under this load, and the client shares the machine's cores)."""
    import aiohttp

    times: dict[str, list[float]] = {}
    errors: dict[str, int] = {}
    gate = asyncio.Semaphore(concurrency)
    connector = aiohttp.TCPConnector(limit=concurrency)
    async with aiohttp.ClientSession(base_url=base, connector=connector,
                                     timeout=aiohttp.ClientTimeout(total=30)) as client:
        start = time.perf_counter()

        async def one(i: int, name: str, path: str, params: dict[str, Any]) -> None:
            due = start + i / rate
            await asyncio.sleep(max(0.0, due - time.perf_counter()))
            async with gate:
                try:
                    async with client.get(path, params={k: str(v) for k, v in params.items()}) as r:
                        await r.read()
                        ok = r.status == 200
                except (TimeoutError, aiohttp.ClientError):
                    ok = False
            times.setdefault(name, []).append((time.perf_counter() - due) * 1000)
            if not ok:
                errors[name] = errors.get(name, 0) + 1

        await asyncio.gather(*(one(i, *c) for i, c in enumerate(calls)))
        elapsed = time.perf_counter() - start
    return times, errors, elapsed


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of a process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def server_cpu_seconds(pid: int) -> float:
    """CPU time of the server process and its live children (its worker processes)."""
    children = Path(f"/proc/{pid}/task/{pid}/children")
    kids = [int(c) for c in children.read_text().split()] if children.exists() else []
    total = cpu_seconds(pid)
    for kid in kids:
        try:
            total += server_cpu_seconds(kid)
        except OSError:  # a child that ended meanwhile
            pass
    return total


def wait_until_up(base: str, proc: subprocess.Popen[bytes], timeout: float = 120) -> None:
    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            sys.exit("the server stopped before it answered")
        try:
            if httpx.get(base + "/api/stats", timeout=5).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    sys.exit("the server did not answer in time")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", required=True, help="a store of 100k events or more")
    ap.add_argument("--rate", type=float, default=200.0, help="requests per second sent")
    ap.add_argument("--seconds", type=float, default=20.0, help="how long the load lasts")
    ap.add_argument("--concurrency", type=int, default=64, help="requests in flight at most")
    ap.add_argument("--warmup", type=int, default=60, help="requests sent first, not counted")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--no-cache", action="store_true", help="serve with serve_cache_mb = 0 (every request cold)")
    ap.add_argument("--workers", type=int, default=1, help="server processes (dateline serve --workers)")
    args = ap.parse_args()
    db = Path(args.db)
    if not db.exists():
        sys.exit(f"no store at {db}: build one with bench/bench_store.py queries --db {db} --keep")
    n = int(args.rate * args.seconds)
    calls = requests_for(db, n + args.warmup, args.seed)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    config = Path(tempfile.mkdtemp()) / "bench.toml"
    config.write_text(f"serve_cache_mb = {0 if args.no_cache else 64}\n", encoding="utf-8")
    proc = subprocess.Popen([*CLI, "serve", "--db", str(db), "--port", str(port), "--config", str(config),
                             "--workers", str(args.workers)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until_up(base, proc)
        asyncio.run(load(base, calls[:args.warmup], rate=args.rate, concurrency=args.concurrency))
        server_before, client_before = server_cpu_seconds(proc.pid), os.times()
        times, errors, elapsed = asyncio.run(load(base, calls[args.warmup:], rate=args.rate,
                                                  concurrency=args.concurrency))
        server_cpu, client_after = server_cpu_seconds(proc.pid) - server_before, os.times()
        client_cpu = (client_after.user + client_after.system) - (client_before.user + client_before.system)
    finally:
        proc.terminate()
        proc.wait(20)
    every = [t for ts in times.values() for t in ts]
    endpoints = {name: {**_latency(ts), "requests": len(ts), "errors": errors.get(name, 0)}
                 for name, ts in sorted(times.items())}
    worst = max(v["p95_ms"] for v in endpoints.values())
    counted = calls[args.warmup:]
    distinct = len({(path, json.dumps(p, sort_keys=True)) for _n, path, p in counted}) / max(1, len(counted))
    figures = {"db": str(db), "rate_asked": args.rate, "rate_achieved": round(len(every) / elapsed, 1),
               "requests": len(every), "seconds": round(elapsed, 1), "concurrency": args.concurrency,
               "response_cache": not args.no_cache, "distinct_urls_share": round(distinct, 3),
               "server_cpu_ms_per_request": round(1000 * server_cpu / max(1, len(every)), 2),
               "client_cpu_ms_per_request": round(1000 * client_cpu / max(1, len(every)), 2),
               "cores": os.cpu_count(), "workers": args.workers,
               "endpoints": endpoints, "overall": _latency(every), "worst_p95_ms": worst,
               "p95_under_100ms": worst < 100}
    print(json.dumps(figures, indent=1))
    print("summary: " + summary_line({"api": figures}))


if __name__ == "__main__":
    main()
