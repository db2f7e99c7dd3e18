"""`serve --watch`: the file is edited under a running server and the page follows."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from explorer.web import create_app

from ..conftest import DATA
from .conftest import LiveServer
from .pages import TIMEOUT, open_page, shot

pytestmark = pytest.mark.browser


@contextmanager
def watched_small_file(page, tmp_path) -> Iterator[tuple[Path, LiveServer]]:
    """A copy of small.yaml served with live reload (polled every 0.2 s), and its server;
    the page's polling stops before the server does."""
    path = tmp_path / "watched.yaml"
    shutil.copy(DATA / "small.yaml", path)
    app = create_app(path, watch=True, watch_interval=0.2)
    live = LiveServer(app)
    try:
        yield path, live
    finally:
        page.goto("about:blank")  # stop the page's polling before the server goes away
        app.explorer_watcher.stop()
        live.stop()


def opened_banner(page) -> str:
    """The reload banner's text with its list of errors opened."""
    page.click("#reload-banner summary")
    page.locator("#reload-banner .reload-problems").wait_for(state="visible", timeout=TIMEOUT)
    return page.inner_text("#reload-banner")


def test_an_invalid_edit_keeps_the_last_good_data_and_a_fix_clears_the_banner(page, tmp_path):
    with watched_small_file(page, tmp_path) as (path, live):
        open_page(page, live.url)
        assert page.inner_text("#counts").startswith("4 events")
        good = path.read_text(encoding="utf-8")
        broken = good.replace("kind: sanction", "kind: sanctoin")
        path.write_text(broken, encoding="utf-8")
        page.wait_for_function(
            "() => document.querySelector('#reload-banner').innerText.includes('has errors')", timeout=TIMEOUT
        )
        banner = opened_banner(page)
        line = broken.splitlines().index("    kind: sanctoin") + 1
        assert f"{path}:{line}:11: error: unknown kind `sanctoin`" in banner and "did you mean `sanction`?" in banner
        assert page.inner_text("#counts").startswith("4 events"), "the last good data stays on screen"
        shot(page, "reload-error")
        fixed = good.replace(
            "positions:",
            '  - id: late-call\n    title: A late call\n    date: "2025-11-02"\n    kind: call\n'
            "    actors: [bob]\npositions:",
            1,
        )
        path.write_text(fixed, encoding="utf-8")
        page.wait_for_function(
            "() => document.querySelector('#counts').innerText.startsWith('5 events')", timeout=TIMEOUT
        )
        assert page.inner_text("#reload-banner").strip() == ""
        page.click("#kinds")
        assert page.locator(".dash-dropdown-option:has-text('call (1)')").count() == 1, "filter options follow the data"
        page.keyboard.press("Escape")
        shot(page, "reload-fixed")


def test_a_server_started_on_a_file_never_valid_says_so_and_shows_the_data_once_fixed(page, tmp_path, monkeypatch):
    monkeypatch.setenv("EXPLORER_CACHE_DIR", str(tmp_path / "cache"))  # no last good version
    path = tmp_path / "events.yaml"
    good = (DATA / "small.yaml").read_text(encoding="utf-8")
    path.write_text(good.replace("kind: sanction", "kind: sanctoin"), encoding="utf-8")
    app = create_app(path, watch=True, watch_interval=0.2, use_cache=True, keep_serving=True)
    live = LiveServer(app)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        open_page(page, live.url)
        banner = opened_banner(page)
        assert "no valid version of it has been loaded yet" in banner and "unknown kind `sanctoin`" in banner
        assert page.inner_text("#counts").startswith("0 events")
        assert "No events match" not in page.inner_text("#notices"), "the banner alone says what is wrong"
        drawn = page.evaluate("document.querySelector('#timeline .js-plotly-plot').textContent")
        assert "Nothing to show" in drawn and "filter" not in drawn
        assert page.title() == "events — explorer"
        shot(page, "never-valid")
        path.write_text(good, encoding="utf-8")
        page.wait_for_function(
            "() => document.querySelector('#counts').innerText.startsWith('4 events')", timeout=TIMEOUT
        )
        assert page.inner_text("#reload-banner").strip() == ""
        assert page.inner_text("#dataset-name") == "Small test dataset"
        page.wait_for_function("() => document.title === 'Small test dataset — explorer'", timeout=TIMEOUT)
        shot(page, "never-valid-fixed")
        assert not errors
    finally:
        page.goto("about:blank")
        app.explorer_watcher.stop()
        live.stop()


# The boxes that must not move when the banner comes: the plot, the filters, the views.
LAYOUT_BOXES_JS = """() => Object.fromEntries(['#timeline .js-plotly-plot', '.filters', '.views'].map((selector) => {
  const box = document.querySelector(selector).getBoundingClientRect();
  return [selector, [box.left, box.top, box.width, box.height]];
}))"""

# The banner's headline box, the notices box that holds it, and the plot's drawing area.
BANNER_PLACE_JS = """() => {
  const box = (element) => { const r = element.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  const gd = document.querySelector('#timeline .js-plotly-plot');
  const plot = gd.querySelector('.cartesianlayer .bg') || gd.querySelector('.main-svg');
  return {
    headline: box(document.querySelector('#reload-banner strong')),
    slot: box(document.querySelector('.header-notices')),
    plot: box(plot),
    viewport: [0, 0, window.innerWidth, window.innerHeight],
  };
}"""


def _inside(inner, outer) -> bool:
    return (
        inner[0] >= outer[0] - 0.5
        and inner[1] >= outer[1] - 0.5
        and inner[2] <= outer[2] + 0.5
        and inner[3] <= outer[3] + 0.5
    )


def _overlaps(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.parametrize("width, height", [(1280, 800), (1920, 1080)])
def test_the_reload_banner_moves_nothing_and_covers_no_axis(page, tmp_path, width, height):
    page.set_viewport_size({"width": width, "height": height})
    with watched_small_file(page, tmp_path) as (path, live):
        open_page(page, live.url)
        before = page.evaluate(LAYOUT_BOXES_JS)
        good = path.read_text(encoding="utf-8")
        path.write_text(
            good.replace("kind: sanction", "kind: sanctoin").replace("kind: meeting", "kind: meetin"), "utf-8"
        )
        page.wait_for_function(
            "() => document.querySelector('#reload-banner').innerText.includes('has errors')", timeout=TIMEOUT
        )
        page.wait_for_timeout(300)
        assert page.evaluate(LAYOUT_BOXES_JS) == before, "the banner's coming moved the page"
        place = page.evaluate(BANNER_PLACE_JS)
        assert _inside(place["headline"], place["slot"]), "the headline is shown whole in the notices slot"
        assert _inside(place["slot"], place["viewport"]) and not _overlaps(place["slot"], place["plot"])
        shot(page, f"reload-banner-{width}")
        opened_banner(page)
        problems = page.locator("#reload-banner .reload-problems")
        assert page.inner_text("#reload-banner summary").strip() == "Hide the 2 errors"
        assert "unknown kind `sanctoin`" in problems.inner_text() and "unknown kind `meetin`" in problems.inner_text()
        listed = problems.bounding_box()
        assert listed["y"] + listed["height"] <= height, "the open list of problems fits in the window"
        assert page.evaluate(LAYOUT_BOXES_JS) == before, "opening the list moved the page"
        shot(page, f"reload-banner-open-{width}")
        path.write_text(good, "utf-8")
        page.wait_for_function(
            "() => document.querySelector('#reload-banner').innerText.trim() === ''", timeout=TIMEOUT
        )
        assert page.evaluate(LAYOUT_BOXES_JS) == before, "the banner's going moved the page"
