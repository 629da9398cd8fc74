"""The explorer in a real browser: Playwright (Python) driving Debian's chromium against the demo store.

The page is served by uvicorn on 127.0.0.1 and a free port, in this process; the test sees event markers on
the map, filters by type, brushes the timeline, opens a marker's article and finds the seed's quote of Ash
Carter highlighted with its speaker, and asserts that no request left the server. Screenshots (desktop and
phone width) go to the test's output folder.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from dateline.settings import load_settings
from dateline.store import Store

pytestmark = pytest.mark.model
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if CHROMIUM is None and not os.environ.get("DATELINE_REQUIRE_BROWSER"):
    pytest.skip("Debian's chromium is not installed (apt-get install chromium)", allow_module_level=True)
SAMPLES = Path(__file__).resolve().parents[2] / "src" / "dateline" / "samples"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    store = Store(tmp_path_factory.mktemp("web") / "demo.duckdb", settings=load_settings())
    summary = store.ingest([str(SAMPLES / "article.txt"), str(SAMPLES / "demo" / "articles.jsonl")])
    assert summary.added == 9 and summary.failed == 0
    return store


@pytest.fixture(scope="module")
def server(demo_store: Store) -> Iterator[str]:
    import uvicorn

    from dateline.server import create_app

    port = _free_port()
    config = uvicorn.Config(create_app(demo_store), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        srv.should_exit = True
        thread.join(10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    assert CHROMIUM is not None, "DATELINE_REQUIRE_BROWSER is set but chromium is missing"
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        try:
            yield b
        finally:
            b.close()


def _ready(page: object) -> None:
    page.wait_for_selector('body[data-ready="1"]', timeout=20_000)  # type: ignore[attr-defined]


def _hash_until(page: object, ok: Callable[[str], bool], timeout: float = 20.0) -> None:
    """Wait until the page's location hash passes ``ok``. Polled from here: Playwright's wait_for_function
    evaluates its predicate with eval, which the explorer's Content Security Policy rightly forbids."""
    deadline = time.monotonic() + timeout
    while not ok(page.evaluate("location.hash")):  # type: ignore[attr-defined]
        assert time.monotonic() < deadline, f"the hash never got there: {page.evaluate('location.hash')!r}"  # type: ignore[attr-defined]
        time.sleep(0.05)


def _unready(page: object) -> None:
    """Before an action that reloads a view: so that the next _ready waits for that reload, not the last one."""
    page.evaluate("document.body.dataset.ready = '0'")  # type: ignore[attr-defined]


def _markers(page: object) -> int:
    return int(page.get_attribute("#map", "data-markers") or 0)  # type: ignore[attr-defined]


def test_map_filter_timeline_marker_article(server: str, browser: object, tmp_path: Path) -> None:
    origin = urlsplit(server).netloc
    context = browser.new_context(viewport={"width": 1280, "height": 800})  # type: ignore[attr-defined]
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))

    page.goto(server)
    _ready(page)
    everything = _markers(page)
    assert everything > 0, "no event markers on the map"

    _unready(page)
    page.select_option("#filters [name=type]", "ASSAULT")  # the seed's siege and the demo's attack
    page.press("#filters [name=text]", "Enter")
    _hash_until(page, lambda h: "type=ASSAULT" in h)
    _ready(page)
    assaults = _markers(page)
    assert 0 < assaults < everything

    box = page.locator("#timeline").bounding_box()  # 2016 (the seed) is the first tenth of the days shown
    y = box["y"] + box["height"] / 2
    _unready(page)
    page.mouse.move(box["x"] + 2, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.1, y, steps=5)
    page.mouse.up()
    _hash_until(page, lambda h: "since=2016" in h and "until=" in h)
    _ready(page)
    assert 0 < _markers(page) <= assaults
    page.screenshot(path=str(tmp_path / "map-desktop.png"))

    _open_a_marker(page)
    _unready(page)
    _open_the_article(page)
    _ready(page)
    quote = page.locator('#article mark.hl-quote[data-speaker*="Carter"]').first
    assert quote.count() == 1, "the seed's quote of Ash Carter is not highlighted with its speaker"
    assert "Carter" in page.locator("#article mark.hl-speaker").all_inner_texts().__str__()
    quote.click()
    assert "Carter" in page.locator("#details").inner_text()
    page.screenshot(path=str(tmp_path / "article-desktop.png"), full_page=True)

    phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True,  # type: ignore[attr-defined]
                                has_touch=True)
    small = phone.new_page()
    small.on("request", lambda r: requested.append(r.url))
    small.goto(server)
    _ready(small)
    assert _markers(small) > 0
    small.screenshot(path=str(tmp_path / "map-phone.png"))
    phone.close()

    page.goto(server + "docs")  # the API's Swagger UI, from the package too
    page.wait_for_selector(".swagger-ui .opblock", timeout=20_000)
    assert page.locator(".swagger-ui .opblock").count() >= 10
    context.close()

    strangers = sorted({u for u in requested if urlsplit(u).netloc != origin and not u.startswith("data:")})
    assert strangers == [], f"requests to other hosts: {strangers}"
    assert errors == [], errors
    for name in ("map-desktop.png", "article-desktop.png", "map-phone.png"):
        assert (tmp_path / name).stat().st_size > 10_000
    out = os.environ.get("DATELINE_SCREENSHOTS")
    if out:  # docs/web.md's screenshots are made this way
        Path(out).mkdir(parents=True, exist_ok=True)
        for name in ("map-desktop.png", "article-desktop.png", "map-phone.png"):
            shutil.copy(tmp_path / name, Path(out) / name)


def _open_the_article(page: object) -> None:
    """Click the popup's "Open article" once the popup has its details and has been laid out again (Leaflet may
    pan the map to fit it: a click during the pan can miss); a click that still misses is made once more."""
    page.wait_for_selector(".leaflet-popup .popup:not([aria-busy])", timeout=10_000)  # type: ignore[attr-defined]
    for attempt in (1, 2):
        page.click(".leaflet-popup .open-article")  # type: ignore[attr-defined]
        try:
            _hash_until(page, lambda h: h.startswith("#/article/"), timeout=10.0 * attempt)
            return
        except AssertionError:
            if attempt == 2:
                raise


def _open_a_marker(page: object) -> None:
    """Click an event marker; where markers are grouped, click the group until they spread out."""
    for _ in range(8):
        marker = page.locator("#map path.event-marker")  # type: ignore[attr-defined]  # not a spider's legs
        if marker.count():
            marker.first.click(force=True)
            page.wait_for_selector(".leaflet-popup .open-article", timeout=5_000)  # type: ignore[attr-defined]
            return
        page.locator("#map .marker-cluster").first.click()  # type: ignore[attr-defined]
        page.wait_for_timeout(600)  # type: ignore[attr-defined]
    raise AssertionError("no marker could be clicked")
