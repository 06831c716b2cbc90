"""The pages in a real browser: Debian's Chromium driven by Playwright (``executable_path``, headless, no
browser download) against uvicorn serving the test database on a free localhost port.

A reader opens the digest, follows a story to its article and an event to its evidence, and opens a
relations page whose chart must be drawn by the bundled vega-embed — with no console errors, no failed
requests and no request leaving localhost. Skips with the reason on a machine without Chromium or
Playwright; in CI (``CI`` set) their absence is a failure, since ``.ci/run`` installs Chromium.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path
from typing import Iterator
from urllib.parse import urlsplit

import pytest

from test_api_fixture import IDS, world_db  # noqa: F401  (fixture)

pytestmark = pytest.mark.browser

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]


def _chromium() -> str | None:
    for candidate in (os.environ.get("WARTA_CHROMIUM"), shutil.which("chromium"), "/usr/bin/chromium",
                      shutil.which("chromium-browser")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{reason} — CI must run the browser test (.ci/run installs chromium)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def chromium_path() -> str:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        _unavailable("needs the playwright Python package (pip install -e '.[dev]')")
    path = _chromium()
    if path is None:
        _unavailable("needs Chromium (Debian: apt-get install chromium), or WARTA_CHROMIUM=/path/to/chrome")
    return path  # type: ignore[return-value]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(world_db: Path) -> Iterator[str]:  # noqa: F811
    """uvicorn serving the test database in a thread; yields its base URL."""
    import uvicorn

    from warta.api.app import create_app

    app = create_app(world_db)
    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(10)


def test_reader_follows_digest_article_evidence_and_sees_the_chart(chromium_path: str, server: str) -> None:
    from playwright.sync_api import sync_playwright

    problems: list[str] = []
    outside: list[str] = []
    host = urlsplit(server).netloc

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.set_default_timeout(15_000)

            def route(r) -> None:  # nothing may leave this server: no CDN, no fonts, no telemetry
                if urlsplit(r.request.url).netloc == host or r.request.url.startswith(("data:", "blob:")):
                    r.continue_()
                else:
                    outside.append(r.request.url)
                    r.abort()

            page.route("**/*", route)
            page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
            page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
            page.on("requestfailed", lambda r: problems.append(f"request failed: {r.url}"))
            page.on("response", lambda r: problems.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None)

            # The digest, in the seed's shape.
            page.goto(server + "/")
            assert page.locator("h1").inner_text().startswith("Top 2 Dunia")
            assert page.locator("p.intro").inner_text().startswith("Top 2 Dunia edisi Kamis, 25 Mei 2023")
            first = page.locator("li.story").first
            assert first.locator("h2").inner_text().startswith("1.")

            # A story to its article: its analysis marked in the text.
            first.get_by_role("link", name="Baca di sini untuk berita selengkapnya.").click()
            page.wait_for_url(f"**/articles/{IDS['teken']}")
            assert page.locator("h1.article-title").inner_text().startswith("Rusia dan China Teken")
            trigger = page.locator("mark.trg#ev-0")
            assert trigger.is_visible() and trigger.inner_text() == "meneken tiga nota kesepahaman"
            entity = page.locator("mark.ent").first
            shaded = entity.evaluate("e => getComputedStyle(e).backgroundColor")
            page.locator("#show-ent").uncheck()  # the legend hides entity marks (CSS only)
            assert entity.evaluate("e => getComputedStyle(e).backgroundColor") != shaded

            # An event to its evidence: source, trigger and target highlighted, the rule named.
            page.locator("aside a.ev-link").first.click()
            page.wait_for_url(f"**/events/{IDS['teken']}/0")
            evidence = page.locator("blockquote.evidence")
            assert evidence.locator("mark.src").inner_text() == "Rusia"
            assert evidence.locator("mark.trg").inner_text() == "meneken tiga nota kesepahaman"
            assert evidence.locator("mark.tgt").inner_text() == "China"
            assert evidence.locator("mark.trg").is_visible()
            assert page.locator("code.rule").first.inner_text() == "agree.sign.active"

            # The relations page: the chart is drawn in the browser from the bundled scripts.
            page.goto(server + "/relations/RUS/CHN")
            page.wait_for_selector("#chart[data-rendered='yes']")
            chart = page.locator("#chart svg")
            assert chart.count() == 1
            assert page.locator("#chart svg .mark-line path").count() >= 1
            assert page.locator("#chart svg .mark-rect path").count() == 3  # one bar per day with events
            assert "Mei" in chart.text_content()  # Indonesian month names on the axis
            box = chart.bounding_box()
            assert box and box["width"] > 500 and box["height"] > 300
        finally:
            browser.close()

    assert outside == []
    assert problems == []
