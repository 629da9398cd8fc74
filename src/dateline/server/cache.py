"""Repeated reads answered without the store: ETags, ``304 Not Modified``, and a bounded cache of bodies.

A GET under ``/api/`` is a function of its URL and of the store's data, so the pair names its response: the
ETag is a hash of the URL, the package version and :meth:`Store.fingerprint` (which changes with any write to
the store's files, by this server or by another process). A request whose ``If-None-Match`` carries that ETag
gets a 304 at once; a URL answered before, while the store is unchanged, gets the stored body. Only 200s are
kept, at most ``max_bytes`` of them, least recently used first out; a response larger than a quarter of
that is never kept.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from typing import Any

from ..store import Store

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]


@dataclass
class Stored:
    status: int
    headers: list[tuple[bytes, bytes]]
    body: bytes


@dataclass
class Bodies:
    """Responses by key, least recently used out first, ``max_bytes`` of bodies at most."""

    max_bytes: int
    _items: OrderedDict[str, Stored] = field(default_factory=OrderedDict)
    _bytes: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)
    hits: int = 0
    misses: int = 0

    def get(self, key: str) -> Stored | None:
        with self._lock:
            found = self._items.get(key)
            if found is None:
                self.misses += 1
                return None
            self._items.move_to_end(key)
            self.hits += 1
            return found

    def put(self, key: str, stored: Stored) -> None:
        size = len(stored.body)
        if size * 4 > self.max_bytes:
            return
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self._bytes -= len(old.body)
            self._items[key] = stored
            self._bytes += size
            while self._bytes > self.max_bytes:
                _key, dropped = self._items.popitem(last=False)
                self._bytes -= len(dropped.body)

    @property
    def size(self) -> int:
        return self._bytes


class CachedReads:
    """ASGI middleware in front of the app: ETags and 304s for ``GET /api/…``, and repeated ones from ``bodies``."""

    def __init__(self, app: App, store: Store, *, version: str, max_bytes: int) -> None:
        self.app, self.store, self.version = app, store, version
        self.bodies = Bodies(max_bytes) if max_bytes > 0 else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or not scope["path"].startswith("/api/"):
            await self.app(scope, receive, send)
            return
        fingerprint = self.store.fingerprint()
        if fingerprint is None:  # no store: the app says so
            await self.app(scope, receive, send)
            return
        key = f"{scope['path']}?{scope.get('query_string', b'').decode('latin-1')}"
        etag = _etag(self.version, fingerprint, key)
        wanted = _if_none_match(scope)
        if etag in wanted or b"*" in wanted:
            await _send(send, 304, [(b"etag", etag)], b"")
            return
        cache_key = f"{fingerprint} {key}"
        stored = self.bodies.get(cache_key) if self.bodies is not None else None
        if stored is not None:
            await _send(send, stored.status, stored.headers, stored.body)
            return
        await self.app(scope, receive, self._keeping(send, etag, cache_key))

    def _keeping(self, send: Send, etag: bytes, cache_key: str) -> Send:
        """``send`` that tags a 200 with the ETag and, when it is whole, keeps a copy."""
        start: dict[str, Any] = {}
        chunks: list[bytes] = []

        async def tagged(message: Message) -> None:
            if message["type"] == "http.response.start":
                start.update(status=message["status"])
                if message["status"] == 200:
                    headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"etag"]
                    headers += [(b"etag", etag), (b"cache-control", b"no-cache")]
                    message = {**message, "headers": headers}
                    start["headers"] = headers
            elif message["type"] == "http.response.body" and start.get("status") == 200:
                chunks.append(message.get("body", b""))
                if not message.get("more_body", False) and self.bodies is not None:
                    self.bodies.put(cache_key, Stored(200, start["headers"], b"".join(chunks)))
            await send(message)

        return tagged


def _etag(version: str, fingerprint: str, key: str) -> bytes:
    digest = hashlib.blake2b(f"{version}\n{fingerprint}\n{key}".encode(), digest_size=16).hexdigest()
    return f'"{digest}"'.encode()


def _if_none_match(scope: Scope) -> set[bytes]:
    for name, value in scope.get("headers", []):
        if name == b"if-none-match":
            return {v.strip().removeprefix(b"W/") for v in value.split(b",")}
    return set()


async def _send(send: Send, status: int, headers: list[tuple[bytes, bytes]], body: bytes) -> None:
    if status == 304:
        headers = [*headers, (b"cache-control", b"no-cache")]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
