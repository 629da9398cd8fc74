"""`dateline serve` as users run it: a real uvicorn process on 127.0.0.1 and a free port, stopped by the test."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from ..server.conftest import build

CLI = [sys.executable, "-c", "from dateline.cli import main; main()"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def first_line(proc: subprocess.Popen[str], timeout: float) -> str:
    line: list[str] = []
    reader = threading.Thread(target=lambda: line.append(proc.stdout.readline() if proc.stdout else ""), daemon=True)
    reader.start()
    reader.join(timeout)
    assert line, "the server printed nothing"
    return line[0].strip()


@contextmanager
def serving(*args: str, env: dict[str, str] | None = None, command: str = "serve", wait: float = 20) -> Iterator[str]:
    proc = subprocess.Popen([*CLI, command, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, **(env or {})})
    try:
        url = first_line(proc, 60)
        for _ in range(int(wait * 10)):  # the URL is printed before uvicorn binds: wait until it answers
            try:
                httpx.get(url + "api/stats", timeout=1)
                break
            except httpx.TransportError:
                if proc.poll() is not None:
                    pytest.fail(f"the server stopped: {proc.stderr.read() if proc.stderr else ''}")
                threading.Event().wait(0.1)
        yield url
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        for stream in (proc.stdout, proc.stderr):
            if stream is not None:
                stream.close()


def test_serve_prints_its_url_first_and_answers_on_loopback(tmp_path: Path) -> None:
    build(tmp_path / "s.duckdb").close()
    port = free_port()
    with serving("--db", str(tmp_path / "s.duckdb"), "--port", str(port)) as url:
        assert url == f"http://127.0.0.1:{port}/"
        assert httpx.get(url + "api/stats").json()["articles"] == 3
        assert 'id="map"' in httpx.get(url).text
        assert httpx.post(url + "api/ingest", content=b"text").status_code in (404, 405)


def test_serve_with_two_worker_processes_answers_as_one(tmp_path: Path) -> None:
    build(tmp_path / "w.duckdb").close()
    config = tmp_path / "w.toml"
    config.write_text("serve_cache_mb = 0\nstore_readers = 1\n", encoding="utf-8")
    with serving("--db", str(tmp_path / "w.duckdb"), "--port", str(free_port()), "--workers", "2",
                 "--config", str(config), wait=60) as url:
        answers = [httpx.get(url + "api/events", params={"limit": 5}, timeout=10) for _ in range(6)]
        assert {a.status_code for a in answers} == {200}
        assert len({a.content for a in answers}) == 1 and answers[0].json()["items"]
        assert httpx.post(url + "api/ingest", content=b"text").status_code in (404, 405)  # read-only in each


def test_serve_refuses_a_missing_store_with_a_message(tmp_path: Path) -> None:
    proc = subprocess.run([*CLI, "serve", "--db", str(tmp_path / "none.duckdb")], capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 2 and "dateline ingest" in proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.model
def test_ingest_over_http_needs_the_token(tmp_path: Path) -> None:
    build(tmp_path / "i.duckdb").close()
    with serving("--db", str(tmp_path / "i.duckdb"), "--port", str(free_port()), "--allow-ingest",
                 env={"DATELINE_TOKEN": "s3cret-token"}) as url:
        text = "NAIROBI, March 3 - Police fired tear gas at students protesting fee rises on Monday."
        assert httpx.post(url + "api/ingest", content=text).status_code == 401
        bad = httpx.post(url + "api/ingest", content=text, headers={"Authorization": "Bearer nope"})
        assert bad.status_code == 403 and bad.json() == {"error": "wrong token"}
        good = httpx.post(url + "api/ingest?source=wire", content=text, timeout=120,
                          headers={"Authorization": "Bearer s3cret-token"})
        assert good.status_code == 200 and good.json()["added"] == 1, good.text
        assert httpx.get(url + "api/stats").json()["articles"] == 4


@pytest.mark.model
def test_the_readme_demo_prints_its_url_first_then_serves_the_samples(tmp_path: Path) -> None:
    port = free_port()
    with serving("--db", str(tmp_path / "demo.duckdb"), "--port", str(port), command="demo", wait=180) as url:
        assert url == f"http://127.0.0.1:{port}/"
        stats = httpx.get(url + "api/stats").json()
        assert stats["articles"] == 9 and stats["clusters"] > 0 and stats["quotes"] > 0
        assert 'id="map"' in httpx.get(url).text
