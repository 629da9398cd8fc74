"""Fetching news articles and feeds over HTTP, politely and safely.

:class:`HttpFetcher` is the real :class:`~dateline.intake.source.Fetcher`: it obeys robots.txt, waits
``fetch_rate_limit`` seconds between two requests to one host, retries time-outs, connection errors, 429
and 5xx with a short exponential backoff, refuses non-HTTP schemes and (unless ``fetch_allow_private``)
loopback, private, link-local and other non-public addresses, re-checking every redirect hop and the
address each connection reached (a name resolved anew to a private address: DNS rebinding), and caps the
body at ``max_bytes``. Every failure is a :class:`~dateline.errors.FetchError` naming the URL.
:class:`FakeFetcher` serves canned pages from a mapping, for the unit tests of other modules.
"""

from __future__ import annotations

import email.message
import email.utils
import ipaddress
import logging
import socket
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Protocol, Self
from urllib.robotparser import RobotFileParser

import httpx

from ..errors import FetchError
from ..settings import Settings
from .source import FetchResult

log = logging.getLogger(__name__)

MAX_REDIRECTS = 5
BACKOFF_BASE = 0.5  # seconds before the first retry, doubled for each further one, up to BACKOFF_CAP
BACKOFF_CAP = 8.0
RETRY_AFTER_CAP = 30.0  # a longer Retry-After is shortened to this
_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


class Clock(Protocol):
    """Time as the fetcher sees it; tests pass a fake one to check the waits without sleeping."""

    def now(self) -> float: ...

    def sleep(self, seconds: float) -> None: ...


class SystemClock:
    """The real clock: monotonic seconds and :func:`time.sleep`."""

    def now(self) -> float:
        return time.monotonic()

    def sleep(self, seconds: float) -> None:
        time.sleep(max(0.0, seconds))


@dataclass(frozen=True)
class _Reply:
    """One HTTP exchange: the status and headers, the (capped) body, and where a redirect points."""

    url: str
    status: int
    headers: httpx.Headers
    body: bytes = b""
    next_url: str | None = None


@dataclass(eq=False)
class _Retry(Exception):
    """An attempt that failed in a way worth retrying; ``delay`` is a server-requested wait, if any."""

    message: str
    delay: float | None = None


class _Closing:
    """``with fetcher:`` closes the fetcher at the end of the block."""

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Release what the fetcher holds; it cannot be used afterwards."""


class HttpFetcher(_Closing):
    """Fetches URLs with httpx; see the module docstring for the rules it follows."""

    def __init__(self, settings: Settings, *, clock: Clock | None = None,
                 transport: httpx.BaseTransport | None = None) -> None:
        self._settings = settings
        self._clock: Clock = clock or SystemClock()
        self._robots: dict[str, RobotFileParser] = {}
        self._last_request: dict[str, float] = {}
        self._client = httpx.Client(
            timeout=settings.fetch_timeout, follow_redirects=False, trust_env=False, transport=transport,
            headers={"User-Agent": settings.fetch_user_agent, "Accept": _ACCEPT})

    def close(self) -> None:
        self._client.close()

    def fetch(self, url: str) -> FetchResult:
        """GET ``url``, following up to five redirects; raises :class:`FetchError` on any failure."""
        if self._client.is_closed:
            raise FetchError(f"could not fetch {url}: the fetcher has been closed", source=url)
        url = url.strip()
        reply = self._follow(url, source=url, robots=self._settings.fetch_respect_robots)
        return _result(reply.url, reply.status, reply.body, reply.headers.get("content-type", ""), source=url)

    def _follow(self, url: str, *, source: str, robots: bool) -> _Reply:
        current = url
        for _hop in range(MAX_REDIRECTS + 1):
            self._check_target(current, source=source)
            if robots and not self._robots_allow(current):
                raise FetchError(f"robots.txt disallows fetching {current} "
                                 "(set fetch_respect_robots to false to ignore it)", source=source)
            reply = self._get(current, source=source)
            if reply.next_url is None:
                return reply
            log.debug("%s redirects (%d) to %s", current, reply.status, reply.next_url)
            current = reply.next_url
        raise FetchError(f"too many redirects (more than {MAX_REDIRECTS}) fetching {url}", source=source)

    def _check_target(self, url: str, *, source: str) -> None:
        host = _http_host(url, source)
        if self._settings.fetch_allow_private:
            return
        for address in _resolve(host, url, source):
            reason = _non_public_reason(address)
            if reason:
                subject = address if host == address else f"{host} resolves to {address}, which"
                raise FetchError(f"refused to fetch {url}: {subject} is {reason} "
                                 "(set fetch_allow_private to allow it)", source=source)

    def _robots_allow(self, url: str) -> bool:
        parsed = httpx.URL(url)
        origin = f"{parsed.scheme}://{parsed.netloc.decode('ascii')}"
        if origin not in self._robots:
            self._robots[origin] = self._load_robots(origin + "/robots.txt")
        path = "/" + parsed.raw_path.decode("ascii").lstrip("/")  # path and query, as robotparser wants
        return self._robots[origin].can_fetch(self._settings.fetch_user_agent, path)

    def _load_robots(self, robots_url: str) -> RobotFileParser:
        """404 and other 4xx: allow all; 401 and 403: disallow all; unreachable or 5xx: allow all, logged."""
        parser, lines = RobotFileParser(robots_url), []
        try:
            reply = self._follow(robots_url, source=robots_url, robots=False)
        except FetchError as exc:
            log.warning("could not read %s (%s); fetching as if it allowed everything", robots_url, exc)
            reply = _Reply(robots_url, 0, httpx.Headers())
        if reply.status in (401, 403):
            lines = ["User-agent: *", "Disallow: /"]
        elif 200 <= reply.status < 300:
            lines = reply.body.decode("utf-8", errors="replace").splitlines()
        elif reply.status >= 500:
            log.warning("%s answered HTTP %d; fetching as if it allowed everything", robots_url, reply.status)
        parser.parse(lines)
        return parser

    def _get(self, url: str, *, source: str) -> _Reply:
        retries = max(0, self._settings.fetch_retries)
        for attempt in range(retries + 1):
            try:
                return self._attempt(url, source=source, final=attempt == retries)
            except _Retry as exc:
                if attempt == retries:
                    raise FetchError(f"{exc.message} fetching {url} (gave up after {retries + 1} "
                                     f"attempt{'s' if retries else ''})", source=source) from exc
                backoff = min(BACKOFF_CAP, BACKOFF_BASE * 2**attempt)
                delay = backoff if exc.delay is None else min(exc.delay, RETRY_AFTER_CAP)
                log.info("%s fetching %s; retrying in %.1f s", exc.message, url, delay)
                self._clock.sleep(delay)
        raise AssertionError("unreachable")  # pragma: no cover

    def _attempt(self, url: str, *, source: str, final: bool) -> _Reply:
        self._throttle(httpx.URL(url).host)
        try:
            with self._client.stream("GET", url) as response:
                return self._read(response, source=source, final=final)
        except httpx.TimeoutException as exc:
            raise _Retry(f"timed out (setting fetch_timeout is {self._settings.fetch_timeout:g} s)") from exc
        except (httpx.NetworkError, httpx.RemoteProtocolError) as exc:
            raise _Retry(f"the request failed ({type(exc).__name__}: {exc})") from exc
        except (httpx.HTTPError, httpx.InvalidURL, httpx.StreamError, ValueError) as exc:
            raise FetchError(f"could not fetch {url}: {type(exc).__name__}: {exc}", source=source) from exc

    def _read(self, response: httpx.Response, *, source: str, final: bool) -> _Reply:
        status, url = response.status_code, str(response.url)
        self._check_peer(response, url, source=source)
        if (status == 429 or status >= 500) and not final:
            raise _Retry(f"HTTP {status}", _retry_after(response.headers))
        if response.next_request is not None:
            return _Reply(url, status, response.headers, next_url=str(response.next_request.url))
        body = b"".join(_capped(response, self._settings.max_bytes, source=source))
        return _Reply(url, status, response.headers, body)

    def _check_peer(self, response: httpx.Response, url: str, *, source: str) -> None:
        """The address actually connected to must be public too: a name that resolved to a public address
        for the check and to a private one for the connection (DNS rebinding) is refused before its body is
        read."""
        if self._settings.fetch_allow_private:
            return
        stream = response.extensions.get("network_stream")
        peer = stream.get_extra_info("server_addr") if stream is not None else None
        if not peer:
            return  # no socket (a transport given for tests): nothing was reached
        address = str(peer[0]).split("%")[0]
        reason = _non_public_reason(address)
        if reason:
            raise FetchError(f"refused to fetch {url}: it connected to {address}, which is {reason} "
                             "(set fetch_allow_private to allow it)", source=source)

    def _throttle(self, host: str) -> None:
        last = self._last_request.get(host)
        if last is not None:
            wait = last + self._settings.fetch_rate_limit - self._clock.now()
            if wait > 0:
                log.debug("waiting %.2f s before the next request to %s", wait, host)
                self._clock.sleep(wait)
        self._last_request[host] = self._clock.now()


class FakeFetcher(_Closing):
    """A :class:`~dateline.intake.source.Fetcher` for tests: ``pages`` maps a URL to ``(status, body,
    content_type)`` or to an exception. Like :class:`HttpFetcher`, a non-2xx status, an unknown URL or a
    mapped exception (wrapped unless a FetchError) raises FetchError. ``requests`` lists the URLs asked for.
    """

    def __init__(self, pages: Mapping[str, tuple[int, bytes, str] | BaseException]) -> None:
        self.pages = dict(pages)
        self.requests: list[str] = []

    def fetch(self, url: str) -> FetchResult:
        self.requests.append(url)
        if url not in self.pages:
            raise FetchError(f"could not fetch {url}: the fake fetcher has no page for it", source=url)
        page = self.pages[url]
        if isinstance(page, FetchError):
            raise page
        if isinstance(page, BaseException):
            raise FetchError(f"could not fetch {url}: {page}", source=url) from page
        status, body, content_type = page
        return _result(url, status, body, content_type, source=url)


def _result(url: str, status: int, body: bytes, content_type: str, *, source: str) -> FetchResult:
    """The final response as a FetchResult; a status other than 2xx is a FetchError."""
    if not 200 <= status < 300:
        reason = httpx.codes.get_reason_phrase(status) or "error"
        raise FetchError(f"HTTP {status} {reason} fetching {url}", source=source)
    header = email.message.Message()
    header["content-type"] = content_type
    media_type = header.get_content_type() if content_type.strip() else ""
    return FetchResult(url, status, body, media_type, header.get_content_charset())


def _http_host(url: str, source: str) -> str:
    """The host of an http(s) URL (IDNA-encoded); any other scheme, no host or a malformed URL is refused."""
    try:
        parsed = httpx.URL(url)
        scheme, host = parsed.scheme, parsed.raw_host.decode("ascii")
    except (httpx.InvalidURL, ValueError, TypeError) as exc:
        raise FetchError(f"refused to fetch {url}: it is not a valid URL ({exc})", source=source) from exc
    if scheme not in ("http", "https"):
        raise FetchError(f"refused to fetch {url}: only http and https URLs can be fetched, not "
                         f"{scheme + ':' if scheme else 'a URL without a scheme'}", source=source)
    if not host:
        raise FetchError(f"refused to fetch {url}: the URL has no host", source=source)
    return host


def _resolve(host: str, url: str, source: str) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        raise FetchError(f"could not fetch {url}: the host {host} could not be resolved ({exc})",
                         source=source) from exc
    return sorted({str(info[4][0]).split("%")[0] for info in infos})


def _non_public_reason(address: str) -> str | None:
    """Why ``address`` is not a public internet address (a phrase), or None if it is one."""
    ip = ipaddress.ip_address(address)
    ip = getattr(ip, "ipv4_mapped", None) or ip  # ::ffff:127.0.0.1 is 127.0.0.1
    for kind in ("loopback", "unspecified", "link_local", "multicast", "private", "reserved"):
        if getattr(ip, f"is_{kind}"):
            return f"{'an' if kind == 'unspecified' else 'a'} {kind.replace('_', '-')} address"
    return None if ip.is_global else "a special-purpose (non-global) address"


def _capped(response: httpx.Response, max_bytes: int, *, source: str) -> Iterator[bytes]:
    """The (decoded) body in chunks, stopping with a FetchError once it passes ``max_bytes``."""
    too_large = f"response larger than {max_bytes:,} bytes (setting max_bytes) fetching {response.url}"
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise FetchError(f"{too_large}: it declares {int(declared):,} bytes", source=source)
    total = 0
    for chunk in response.iter_bytes():
        total += len(chunk)
        if total > max_bytes:
            raise FetchError(too_large, source=source)
        yield chunk


def _retry_after(headers: httpx.Headers) -> float | None:
    """The wait a Retry-After header asks for (delta-seconds or an HTTP date), or None."""
    value = headers.get("retry-after", "").strip()
    if value.isdigit():
        return float(value)
    try:
        return max(0.0, email.utils.parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError, IndexError):
        return None
