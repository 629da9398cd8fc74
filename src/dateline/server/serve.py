"""Run the app with uvicorn: bound to 127.0.0.1 unless told, on a port that is free."""

from __future__ import annotations

import errno
import socket

from ..errors import DatelineError
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


def run(store: Store, *, host: str = LOOPBACK, port: int = 8000, allow_ingest: bool = False,
        token: str | None = None, log_level: str = "warning") -> None:
    """Serve until interrupted (Ctrl-C)."""
    import uvicorn

    app = create_app(store, allow_ingest=allow_ingest, token=token)
    uvicorn.run(app, host=host, port=port, log_level=log_level, access_log=False)
