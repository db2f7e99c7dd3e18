"""Real-browser fixtures: the app on a live loopback server, driven by Debian's Chromium
through Playwright (never a browser Playwright downloads)."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from explorer import build_graph, load
from explorer.generate import generate, write
from explorer.web import create_app

from ..conftest import CURATED

CHROMIUM = os.environ.get("EXPLORER_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class LiveServer:
    """A Dash app served on 127.0.0.1 at a free port, in a background thread."""

    def __init__(self, app):
        self.app = app
        self.server = make_server("127.0.0.1", 0, app.server, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}/"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.thread.join(timeout=10)


def serve_generated(folder: Path, events: int, seed: int) -> LiveServer:
    """The app serving a file ``explorer.generate`` made with ``events`` events, in ``folder``."""
    from explorer.generate import generate, write

    path = folder / "events.yaml"
    write(generate(events, seed=seed), path)
    return LiveServer(create_app(load(path, max_bytes=2**31)))


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"No Chromium at {CHROMIUM}: install Debian's (apt-get install chromium) or set EXPLORER_CHROMIUM",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def curated():
    dataset = load(CURATED)
    return dataset, build_graph(dataset)


@pytest.fixture(scope="session")
def server(curated) -> Iterator[LiveServer]:
    live = LiveServer(create_app(curated[0]))
    yield live
    live.stop()


@pytest.fixture
def page(browser, tmp_path, request):
    """A fresh 1280×800 page; fails the test if the page logged an error."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, accept_downloads=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(f"page error: {error}"))
    page.on("console", lambda message: errors.append(f"console: {message.text}") if message.type == "error" else None)
    page.screenshots = tmp_path  # type: ignore[attr-defined]
    yield page
    context.close()
    assert not errors, errors


#: A generated file of the size the issues measure at (``explorer generate --events 100000``).
LARGE_EVENTS = 100_000


@pytest.fixture(scope="session")
def large_server(tmp_path_factory) -> Iterator[LiveServer]:
    """The app on a generated 100,000-event file (seed 0), for the whole session: it takes
    a minute or two to write, load and lay out."""
    live = serve_generated(tmp_path_factory.mktemp("large"), LARGE_EVENTS, seed=0)
    yield live
    live.stop()


@pytest.fixture(scope="module")
def generated_server(tmp_path_factory):
    """The app on a generated file large enough to open on the density view."""
    path = write(generate(events=4000, seed=7), tmp_path_factory.mktemp("generated") / "events.yaml")
    live = LiveServer(create_app(load(path)))
    yield live
    live.stop()
