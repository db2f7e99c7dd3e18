"""`serve --watch`: the file is edited under a running server and the page follows."""

from __future__ import annotations

import shutil

import pytest

from explorer.web import create_app

from ..conftest import DATA
from .conftest import LiveServer
from .pages import TIMEOUT, open_page, shot

pytestmark = pytest.mark.browser


def test_an_invalid_edit_keeps_the_last_good_data_and_a_fix_clears_the_banner(page, tmp_path):
    path = tmp_path / "watched.yaml"
    shutil.copy(DATA / "small.yaml", path)
    app = create_app(path, watch=True, watch_interval=0.2)
    live = LiveServer(app)
    try:
        open_page(page, live.url)
        assert page.inner_text("#counts").startswith("4 events")
        good = path.read_text(encoding="utf-8")
        broken = good.replace("kind: sanction", "kind: sanctoin")
        path.write_text(broken, encoding="utf-8")
        page.wait_for_function(
            "() => document.querySelector('#reload-banner').innerText.includes('unknown kind')", timeout=TIMEOUT
        )
        banner = page.inner_text("#reload-banner")
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
    finally:
        page.goto("about:blank")  # stop the page's polling before the server goes away
        app.explorer_watcher.stop()
        live.stop()


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
        banner = page.inner_text("#reload-banner")
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
