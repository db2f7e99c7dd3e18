"""Hostile text in a data file shows as inert text: no script runs, no unsafe link exists."""

from __future__ import annotations

import pytest

from explorer import load
from explorer.web import create_app

from ..conftest import DATA
from .conftest import LiveServer
from .pages import open_page, shot

pytestmark = pytest.mark.browser

HOSTILE = DATA / "hostile" / "xss.yaml"


@pytest.fixture(scope="module")
def hostile_server():
    live = LiveServer(create_app(load(HOSTILE)))
    yield live
    live.stop()


@pytest.mark.parametrize(
    "query",
    [
        "?selected=event:attack",
        "?selected=actor:mallory",
        "?selected=topic:scripts",
        "?view=network&selected=event:attack",
        "?view=positions&selected=stance:mallory/scripts",
        "?selected=event:older",
    ],
)
def test_no_script_runs_and_no_unsafe_link_exists(page, hostile_server, query):
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    graph = "network" if "network" in query else "positions" if "positions" in query else "timeline"
    open_page(page, hostile_server.url + query, graph=graph)
    page.hover(f"#{graph} .nsewdrag")  # hover labels are drawn too
    page.wait_for_timeout(300)
    assert page.evaluate("window.__pwned") is None
    assert not dialogs
    assert page.evaluate("document.body.offsetHeight") > 300, "a <style> in a title did not hide the page"
    assert page.title() == "Hostile </title><script>window.__pwned = 'title'</script> — explorer"
    for link in page.query_selector_all("a[href]"):
        href = link.get_attribute("href")
        # Sources' links are web addresses; the page's own links (the skip link) stay in the page.
        assert href.startswith(("http://", "https://", "/")) or href in ("#results",), href
        if href.startswith("http"):
            assert link.get_attribute("rel") == "noopener noreferrer" and link.get_attribute("target") == "_blank"
    assert not page.query_selector_all("#detail script, #detail img, #detail iframe, #detail svg")
    shot(page, "hostile")


def test_hostile_text_is_shown_as_text(page, hostile_server):
    open_page(page, hostile_server.url + "?selected=event:attack")
    panel = page.inner_text("#detail")
    assert "<img src=x onerror=" in panel and "<script>window.__pwned='summary'</script>" in panel
    assert "address not shown as a link" in panel
    assert page.locator("#detail a[href^='https://example.org/report']").count() == 1
