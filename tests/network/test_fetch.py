"""HttpFetcher against a local HTTP server on 127.0.0.1 (port 0, in a thread); nothing reaches the internet.

The redirect-hop and DNS checks use httpx.MockTransport with a patched resolver instead of the server,
since a refused private address is never connected to.
"""

from __future__ import annotations

import logging
import socket
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from dateline.errors import FetchError
from dateline.intake import fetch as fetch_module
from dateline.intake.fetch import HttpFetcher
from dateline.settings import Settings

pytestmark = pytest.mark.network

ROBOTS = "User-agent: *\nDisallow: /private/\n"
PAGE = "<html><head><title>Hello</title></head><body><p>Café news</p></body></html>".encode()
Make = Callable[..., HttpFetcher]
LOCAL = Settings(fetch_allow_private=True, fetch_rate_limit=0.0, fetch_timeout=5.0, fetch_retries=2)


class LocalServer(ThreadingHTTPServer):
    """Serves the routes of :class:`Handler`; counts hits per path. server_close() joins handler threads."""

    daemon_threads = False
    block_on_close = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.hits: Counter[str] = Counter()
        self.user_agents: list[str] = []
        self.robots: tuple[int, str] | None = (200, ROBOTS)  # None: drop the connection
        self.release = threading.Event()  # set at teardown so the slow handler finishes at once
        self.lock = threading.Lock()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def record(self, path: str, user_agent: str) -> int:
        with self.lock:
            self.hits[path] += 1
            self.user_agents.append(user_agent)
            return self.hits[path]


class Handler(BaseHTTPRequestHandler):
    server: LocalServer

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        n = self.server.record(self.path, self.headers.get("User-Agent", ""))
        routes: dict[str, Callable[[], None]] = {
            "/robots.txt": self.robots,
            "/page": lambda: self.send(200, PAGE),
            "/plain": lambda: self.send(200, b"plain text", "text/plain"),
            "/private/secret": lambda: self.send(200, b"secret"),
            "/redirect": lambda: self.send(302, headers={"Location": "/page"}),
            "/redirect-loop": lambda: self.send(302, headers={"Location": "/redirect-loop"}),
            "/flaky": lambda: self.send(500 if n == 1 else 200, PAGE),
            "/always-500": lambda: self.send(500, b"down"),
            "/busy": lambda: self.send(429 if n == 1 else 200, PAGE, headers={"Retry-After": "3"}),
            "/busy-long": lambda: self.send(503 if n == 1 else 200, PAGE, headers={"Retry-After": "120"}),
            "/forbidden": lambda: self.send(403, b"no"),
            "/slow": self.slow,
            "/huge": lambda: self.send(200, b"x" * 100_000),
            "/huge-stream": lambda: self.send(200, b"x" * 100_000, length=False),
        }
        routes.get(self.path, lambda: self.send(404, b"not found"))()

    def robots(self) -> None:
        if self.server.robots is not None:  # else return without a reply: the connection just closes
            status, text = self.server.robots
            self.send(status, text.encode(), "text/plain")

    def slow(self) -> None:
        self.server.release.wait(2.0)
        self.send(200, PAGE)

    def send(self, status: int, body: bytes = b"", content_type: str = "text/html; charset=utf-8",
             headers: dict[str, str] | None = None, length: bool = True) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            if length:  # else the body ends when the connection closes (HTTP/1.0)
                self.send_header("Content-Length", str(len(body)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)
        except OSError:  # the client gave up (time-out, size cap) and closed the connection
            pass


class FakeClock:
    """Records sleeps and advances by them instead of sleeping."""

    def __init__(self) -> None:
        self.time = 1000.0
        self.sleeps: list[float] = []

    def now(self) -> float:
        return self.time

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(round(seconds, 6))
        self.time += seconds


@pytest.fixture
def server() -> Iterator[LocalServer]:
    httpd = LocalServer()
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield httpd
    finally:
        httpd.release.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def make_fetcher(clock: FakeClock) -> Iterator[Make]:
    made: list[HttpFetcher] = []

    def make(settings: Settings = LOCAL, transport: httpx.BaseTransport | None = None, **changes: object
             ) -> HttpFetcher:
        made.append(HttpFetcher(settings.replace(**changes), clock=clock, transport=transport))
        return made[-1]

    yield make
    for fetcher in made:
        fetcher.close()


def test_fetches_a_page(server: LocalServer, make_fetcher: Make) -> None:
    result = make_fetcher().fetch(server.base + "/page")
    assert (result.url, result.status, result.body) == (server.base + "/page", 200, PAGE)
    assert (result.content_type, result.encoding) == ("text/html", "utf-8")
    assert set(server.user_agents) == {LOCAL.fetch_user_agent}


def test_content_type_without_charset(server: LocalServer, make_fetcher: Make) -> None:
    result = make_fetcher().fetch(server.base + "/plain")
    assert (result.content_type, result.encoding, result.body) == ("text/plain", None, b"plain text")


def test_follows_a_redirect_to_the_final_url(server: LocalServer, make_fetcher: Make) -> None:
    result = make_fetcher().fetch(server.base + "/redirect")
    assert (result.url, result.status, result.body) == (server.base + "/page", 200, PAGE)


@pytest.mark.parametrize(("path", "changes", "message", "hits"), [
    ("/missing", {}, "HTTP 404 Not Found", 1),
    ("/forbidden", {}, "HTTP 403 Forbidden", 1),
    ("/always-500", {}, "HTTP 500 Internal Server Error", 3),
    ("/always-500", {"fetch_retries": 0}, "HTTP 500 Internal Server Error", 1),
    ("/redirect-loop", {}, "too many redirects", 6),
    ("/slow", {"fetch_timeout": 0.5, "fetch_retries": 0},
     r"timed out \(setting fetch_timeout is 0.5 s\).*after 1 attempt\)", 1),
    ("/huge", {"max_bytes": 1000}, "response larger than 1,000 bytes .*declares 100,000", 1),
    ("/huge-stream", {"max_bytes": 1000}, "response larger than 1,000 bytes", 1),
])
def test_failures_are_fetch_errors(server: LocalServer, make_fetcher: Make, path: str,
                                   changes: dict[str, object], message: str, hits: int) -> None:
    url = server.base + path
    with pytest.raises(FetchError, match=message) as caught:
        make_fetcher(**changes).fetch(url)
    assert caught.value.source == url
    assert server.hits[path] == hits


@pytest.mark.parametrize(("path", "sleeps"), [
    ("/flaky", [0.5]),  # 500, then 200 after the first backoff
    ("/busy", [3.0]),  # 429 with Retry-After: 3
    ("/busy-long", [30.0]),  # 503 with Retry-After: 120, capped
])
def test_retries_then_succeeds(server: LocalServer, make_fetcher: Make, clock: FakeClock,
                               path: str, sleeps: list[float]) -> None:
    result = make_fetcher().fetch(server.base + path)
    assert (result.status, result.body) == (200, PAGE)
    assert server.hits[path] == 2
    assert clock.sleeps == sleeps


def test_backoff_doubles_until_it_gives_up(server: LocalServer, make_fetcher: Make,
                                          clock: FakeClock) -> None:
    with pytest.raises(FetchError, match="HTTP 500"):
        make_fetcher(fetch_retries=3).fetch(server.base + "/always-500")
    assert clock.sleeps == [0.5, 1.0, 2.0]


def test_connection_refused_is_retried_then_reported(make_fetcher: Make,
                                                     clock: FakeClock) -> None:
    with socket.socket() as sock:  # a port nobody listens on once closed
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}/page"
    with pytest.raises(FetchError, match=r"request failed \(ConnectError.*after 2 attempts") as caught:
        make_fetcher(fetch_retries=1, fetch_respect_robots=False).fetch(url)
    assert caught.value.source == url
    assert clock.sleeps == [0.5]


@pytest.mark.parametrize(("robots", "path", "allowed"), [
    ((200, ROBOTS), "/private/secret", False),
    ((200, ROBOTS), "/page", True),
    ((200, "User-agent: dateline\nDisallow: /\n"), "/page", False),
    ((200, "User-agent: otherbot\nDisallow: /\n"), "/page", True),
    ((404, ""), "/private/secret", True),
    ((401, ""), "/page", False),
    ((403, ""), "/page", False),
    ((500, ""), "/page", True),
    (None, "/page", True),  # robots.txt unreachable: allowed (and logged)
])
def test_robots_txt(server: LocalServer, make_fetcher: Make,
                    robots: tuple[int, str] | None, path: str, allowed: bool) -> None:
    server.robots = robots
    fetcher = make_fetcher()
    if allowed:
        assert fetcher.fetch(server.base + path).status == 200
    else:
        with pytest.raises(FetchError, match="robots.txt disallows fetching"):
            fetcher.fetch(server.base + path)
    assert server.hits[path] == (1 if allowed else 0)


def test_robots_txt_is_fetched_once_per_host(server: LocalServer,
                                             make_fetcher: Make) -> None:
    fetcher = make_fetcher()
    for path in ("/page", "/plain", "/page"):
        fetcher.fetch(server.base + path)
    with pytest.raises(FetchError, match="robots.txt"):
        fetcher.fetch(server.base + "/private/secret")
    assert server.hits["/robots.txt"] == 1


def test_unreachable_robots_txt_is_logged(server: LocalServer, make_fetcher: Make,
                                          caplog: pytest.LogCaptureFixture) -> None:
    server.robots = None
    with caplog.at_level(logging.WARNING, logger="dateline.intake.fetch"):
        make_fetcher(fetch_retries=0).fetch(server.base + "/page")
    assert "robots.txt" in caplog.text and "allowed everything" in caplog.text


def test_robots_txt_can_be_ignored(server: LocalServer, make_fetcher: Make) -> None:
    assert make_fetcher(fetch_respect_robots=False).fetch(server.base + "/private/secret").body == b"secret"
    assert server.hits["/robots.txt"] == 0


def test_rate_limit_waits_between_requests_to_one_host(server: LocalServer, clock: FakeClock,
                                                       make_fetcher: Make) -> None:
    fetcher = make_fetcher(fetch_rate_limit=1.0)
    fetcher.fetch(server.base + "/page")  # robots.txt, then a 1 s wait, then the page
    fetcher.fetch(server.base + "/page")
    assert clock.sleeps == [1.0, 1.0]
    clock.time += 5  # enough time has passed: no wait
    fetcher.fetch(server.base + "/plain")
    assert clock.sleeps == [1.0, 1.0]


@pytest.mark.parametrize(("url", "message"), [
    ("http://127.0.0.1:{port}/page", "127.0.0.1 is a loopback address"),
    ("http://localhost:{port}/page", "localhost resolves to .*, which is a loopback address"),
    ("http://[::1]:{port}/page", "::1 is a loopback address"),
    ("http://[::ffff:127.0.0.1]/", "is a loopback address"),
    ("http://10.1.2.3/", "10.1.2.3 is a private address"),
    ("http://192.168.0.1/", "192.168.0.1 is a private address"),
    ("http://169.254.169.254/latest/meta-data/", "169.254.169.254 is a link-local address"),
    ("http://0.0.0.0/", "0.0.0.0 is an unspecified address"),
    ("http://224.0.0.1/", "224.0.0.1 is a multicast address"),
])
def test_private_addresses_are_refused_by_default(server: LocalServer, make_fetcher: Make,
                                                  url: str, message: str) -> None:
    url = url.format(port=server.server_address[1])
    with pytest.raises(FetchError, match=f"refused to fetch .*{message}.*set fetch_allow_private") as caught:
        make_fetcher(Settings()).fetch(url)
    assert caught.value.source == url
    assert sum(server.hits.values()) == 0


@pytest.mark.parametrize(("url", "message"), [
    ("file:///etc/passwd", "not file:"),
    ("ftp://example.com/pub/file.txt", "not ftp:"),
    ("javascript:alert(1)", "not javascript:"),
    ("example.com/news", "not a URL without a scheme"),
    ("http:///no-host", "the URL has no host"),
    ("http://[::1/", "not a valid URL"),
])
def test_other_schemes_and_bad_urls_are_refused(make_fetcher: Make,
                                                url: str, message: str) -> None:
    def no_requests(request: httpx.Request) -> httpx.Response:
        raise AssertionError(f"no request expected, got {request.url}")

    with pytest.raises(FetchError, match=f"refused to fetch .*{message}") as caught:
        make_fetcher(Settings(), transport=httpx.MockTransport(no_requests)).fetch(url)
    assert caught.value.source == url


@pytest.fixture
def fake_dns(monkeypatch: pytest.MonkeyPatch) -> None:
    """public.example is public, evil.example private, IPv4 literals themselves; nothing else resolves."""
    addresses = {"public.example": "93.184.215.14", "evil.example": "10.0.0.5"}

    def getaddrinfo(host: str, *args: object, **kwargs: object) -> list[tuple[object, ...]]:
        if host[0].isdigit():  # an IP address stands for itself
            addresses[host] = host
        if host not in addresses:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (addresses[host], 0))]

    monkeypatch.setattr(fetch_module.socket, "getaddrinfo", getaddrinfo)


@pytest.mark.usefixtures("fake_dns")
@pytest.mark.parametrize(("location", "message"), [
    ("http://169.254.169.254/latest/meta-data/", "169.254.169.254 is a link-local address"),
    ("http://evil.example/admin", "evil.example resolves to 10.0.0.5, which is a private address"),
    ("file:///etc/passwd", "only http and https"),
    ("http://nowhere.example/", "the host nowhere.example could not be resolved"),
])
def test_every_redirect_hop_is_checked(make_fetcher: Make, location: str,
                                       message: str) -> None:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        return httpx.Response(302, headers={"Location": location})

    fetcher = make_fetcher(Settings(fetch_rate_limit=0.0), transport=httpx.MockTransport(handler))
    with pytest.raises(FetchError, match=message) as caught:
        fetcher.fetch("http://public.example/story")
    assert caught.value.source == "http://public.example/story"
    assert seen == ["http://public.example/robots.txt", "http://public.example/story"]


@pytest.mark.usefixtures("fake_dns")
def test_a_public_host_is_fetched(make_fetcher: Make) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        headers = {"Content-Type": "text/html; charset=ISO-8859-1"}
        return httpx.Response(200, content=b"<p>ok</p>", headers=headers)

    fetcher = make_fetcher(Settings(fetch_rate_limit=0.0), transport=httpx.MockTransport(handler))
    result = fetcher.fetch("https://public.example/story")
    assert (result.url, result.body) == ("https://public.example/story", b"<p>ok</p>")
    assert (result.content_type, result.encoding) == ("text/html", "iso-8859-1")


def test_context_manager_closes_the_client(server: LocalServer) -> None:
    with HttpFetcher(LOCAL, clock=FakeClock()) as fetcher:
        assert fetcher.fetch(server.base + "/page").status == 200
    with pytest.raises(FetchError):  # a closed httpx client refuses to send; still a FetchError
        fetcher.fetch(server.base + "/page")


def test_a_name_that_rebinds_to_a_private_address_is_refused_at_connection(
        server: LocalServer, make_fetcher: Make, monkeypatch: pytest.MonkeyPatch) -> None:
    """DNS rebinding: the check's lookup says public, the connection reaches 127.0.0.1 — refused, body unread."""
    monkeypatch.setattr(fetch_module, "_resolve", lambda host, url, source: ["93.184.216.34"])
    url = f"http://localhost:{server.server_address[1]}/page"
    fetcher = make_fetcher(Settings(fetch_respect_robots=False, fetch_rate_limit=0.0, fetch_retries=0))
    with pytest.raises(FetchError, match=r"refused to fetch .*connected to 127\.0\.0\.1, which is a loopback"):
        fetcher.fetch(url)
    allowed = make_fetcher(Settings(fetch_allow_private=True, fetch_respect_robots=False, fetch_rate_limit=0.0))
    allowed.fetch(url)  # the same page, allowed when private addresses are
    assert server.hits["/page"] == 2
