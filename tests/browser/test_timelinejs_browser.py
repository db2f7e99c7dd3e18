"""The TimelineJS export, loaded in Knight Lab's TimelineJS itself (pinned in
tests/browser/timelinejs/package-lock.json) as a newsroom would embed it: one slide per event
with its headline and its date at its precision, no console error, nothing fetched from
outside this machine."""

from __future__ import annotations

import calendar
import functools
import http.server
import json
import shutil
import subprocess
import threading
from pathlib import Path

import pytest

from explorer import build_graph, load, query
from explorer.model import FuzzyDate
from explorer.timelinejs import timelinejs_bytes

from ..conftest import CURATED

pytestmark = pytest.mark.browser

PLAYER = Path(__file__).parent / "timelinejs"


@pytest.fixture(scope="module")
def player_url():
    """A loopback server for the page that runs TimelineJS, installed from its lock file on first use."""
    if not (PLAYER / "node_modules" / "@knight-lab" / "timelinejs" / "dist" / "js" / "timeline.js").exists():
        npm = shutil.which("npm")
        assert npm, "the TimelineJS check installs TimelineJS with npm: install nodejs and npm"
        subprocess.run([npm, "ci", "--prefix", str(PLAYER), "--no-audit", "--no-fund", "--loglevel=error"], check=True)

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(PLAYER)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/page.html"
    server.shutdown()
    thread.join(timeout=10)


def shown(date: FuzzyDate) -> str:
    """How TimelineJS writes a date of this precision (English locale)."""
    if date.precision == "day":
        return f"{calendar.month_name[date.month]} {date.day}, {date.year}"
    if date.precision == "month":
        return f"{calendar.month_name[date.month]} {date.year}"
    return str(date.year)


def test_timelinejs_shows_one_slide_per_event_with_headline_and_date(browser, player_url, tmp_path):
    dataset = load(CURATED)
    story = json.loads(timelinejs_bytes(query(build_graph(dataset))))
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    errors: list[str] = []
    outside: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))

    def only_loopback(route) -> None:
        if route.request.url.startswith("http://127.0.0.1:"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", only_loopback)
    page.goto(player_url)
    assert page.evaluate("data => show(data)", story) is True
    slides = page.evaluate(
        """() => [...document.querySelectorAll('.tl-slide')].map(slide => [
            slide.querySelector('.tl-headline')?.innerText ?? '',
            slide.querySelector('.tl-headline-date')?.innerText ?? '',
            slide.classList.contains('tl-slide-titleslide')])"""
    )
    page.screenshot(path=tmp_path / "timelinejs.png")
    page.close()
    assert [headline for headline, _, is_title in slides if is_title] == [dataset.name]
    drawn = sorted((headline, date) for headline, date, is_title in slides if not is_title)
    expected = sorted(
        (event.title, shown(event.date) + (f" — {shown(event.end)}" if event.end else "")) for event in dataset.events
    )
    assert drawn == expected
    assert errors == [] and outside == []
