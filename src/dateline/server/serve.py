"""Run the app with uvicorn: bound to 127.0.0.1 unless told, on a port that is free."""

from __future__ import annotations

import dataclasses
import errno
import json
import os
import socket

from fastapi import FastAPI

from ..errors import DatelineError
from ..settings import Settings
from ..store import Store
from .app import create_app

LOOPBACK = "127.0.0.1"


def free_port(host: str, wanted: int, *, fall_back: bool) -> int:
    """``wanted`` when it can be bound on ``host``; else, with ``fall_back``, any free port, or a clear error."""
    try:
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM) as s:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.bind((host, wanted))
            return int(s.getsockname()[1])
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE and fall_back:
            return free_port(host, 0, fall_back=False)
        raise DatelineError(f"cannot listen on {host}:{wanted}: {exc.strerror}; give another --port") from None


def url(host: str, port: int) -> str:
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/"


_SPEC = "DATELINE_SERVE_SPEC"  # what a worker process builds its app from (set by ``run`` for its workers)


def run(store: Store, *, host: str = LOOPBACK, port: int = 8000, allow_ingest: bool = False,
        token: str | None = None, log_level: str = "warning", workers: int = 1) -> None:
    """Serve until interrupted (Ctrl-C). With ``workers`` > 1, that many processes answer on the one port
    (uvicorn's workers), each with its own connection to the store: the interpreter lock then holds back
    no request behind another's Python work, at the cost of one app's memory per worker."""
    import uvicorn

    if workers <= 1:
        app = create_app(store, allow_ingest=allow_ingest, token=token)
        uvicorn.run(app, host=host, port=port, log_level=log_level, access_log=False)
        return
    os.environ[_SPEC] = json.dumps({"db": str(store.path), "settings": dataclasses.asdict(store.settings),
                                    "allow_ingest": allow_ingest, "token": token})
    uvicorn.run(f"{__name__}:app_from_spec", factory=True, host=host, port=port, workers=workers,
                log_level=log_level, access_log=False)


def app_from_spec() -> FastAPI:
    """The app of one worker process: its store, settings and ingest token as the serving process gave them."""
    spec = json.loads(os.environ[_SPEC])
    settings = Settings().replace(**spec["settings"])
    return create_app(Store(spec["db"], settings=settings), allow_ingest=spec["allow_ingest"], token=spec["token"])
