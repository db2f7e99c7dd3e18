"""The timeline zooms in the browser: the URL takes the period at once, the server's full
render is not asked for, and the titles for the new period (or a resized window) follow."""

from __future__ import annotations

import json

import pytest

from .pages import TIMEOUT, open_page, search, shot, wait_for_search, wait_idle
from .test_timeline_titles import BOXES_JS, title_problems

pytestmark = pytest.mark.browser

RANGE_JS = "document.querySelector('#timeline .js-plotly-plot')._fullLayout.xaxis.range.map(String)"
META_JS = "document.querySelector('#timeline .js-plotly-plot').layout.meta"
ZOOM_JS = """(range) => Plotly.relayout(document.querySelector('#timeline .js-plotly-plot'), {'xaxis.range': range})"""


def callback_outputs(page) -> list[str]:
    """The outputs of every server callback the page asks for from now on."""
    outputs: list[str] = []

    def keep(request) -> None:
        if "_dash-update-component" in request.url:
            outputs.append(json.loads(request.post_data or "{}").get("output", ""))

    page.on("request", keep)
    return outputs


def title_texts(page) -> list[str]:
    return [text for text, _ in page.evaluate(BOXES_JS)["titles"]]


def test_a_zoom_is_drawn_without_the_server_and_its_titles_follow(page, server):
    open_page(page, server.url + "?actor=kirill-dmitriev")
    before = title_texts(page)
    asked = callback_outputs(page)
    page.evaluate(ZOOM_JS, ["2025-08-10", "2025-08-25"])
    wait_for_search(page, "s.includes('period=2025-08-10%2F2025-08-25')")
    assert [bound[:10] for bound in page.evaluate(RANGE_JS)] == ["2025-08-10", "2025-08-25"]
    page.wait_for_function(f"() => {META_JS}.search.includes('period=2025-08-10')", timeout=TIMEOUT)
    wait_idle(page)
    assert not [output for output in asked if "counts.children" in output or "url.search" in output], asked
    detail = ("timeline.figure", "timeline-hint.children")
    assert asked and all(output.strip(".").startswith(detail) for output in asked), "only the detail is asked for"
    after = title_texts(page)
    assert after and after != before, "the titles are placed for the new period"
    assert [bound[:10] for bound in page.evaluate(RANGE_JS)] == ["2025-08-10", "2025-08-25"], "the detail kept the view"
    shot(page, "zoomed-in-browser")


def test_the_back_button_moves_the_plot_without_the_server(page, server):
    open_page(page, server.url + "?actor=kirill-dmitriev")
    opening = page.evaluate(RANGE_JS)
    page.evaluate(ZOOM_JS, ["2025-08-10", "2025-08-25"])
    wait_for_search(page, "s.includes('period=')")
    asked = callback_outputs(page)
    page.go_back()
    wait_for_search(page, "!s.includes('period=')")
    page.wait_for_function(f"() => {RANGE_JS}[0].slice(0, 10) === {opening[0][:10]!r}", timeout=TIMEOUT)
    assert not [output for output in asked if "counts.children" in output], asked


def test_titles_are_placed_again_when_the_window_is_resized(page, server):
    page.set_viewport_size({"width": 1920, "height": 1080})
    open_page(page, server.url + "?from=2025-08-01&to=2025-08-31")
    wide = page.evaluate(f"{META_JS}.width")
    page.set_viewport_size({"width": 1024, "height": 800})
    page.wait_for_function(f"() => {META_JS}.width < {wide}", timeout=TIMEOUT)
    wait_idle(page)
    drawn = page.evaluate(BOXES_JS)
    assert drawn["titles"], "titles are still drawn in the narrower window"
    shot(page, "titles-after-resize")
    assert title_problems(drawn) == []
    assert "period=" not in search(page), "a resize is no zoom"


# Counts the timeline's draws (plotly_afterplot) from now on.
COUNT_DRAWS_JS = """() => {
  window.__timelineDraws = 0;
  document.querySelector('#timeline .js-plotly-plot').on('plotly_afterplot', () => { window.__timelineDraws += 1; });
}"""


def test_a_zoom_is_drawn_once_then_its_detail_once(page, server):
    """dcc.Graph hands the zoomed range back to its figure and would draw that figure again,
    a full redraw of what is already shown: only the zoom and the server's detail are drawn."""
    open_page(page, server.url + "?actor=kirill-dmitriev")
    wait_idle(page)
    page.evaluate(COUNT_DRAWS_JS)
    page.evaluate(ZOOM_JS, ["2025-08-10", "2025-08-25"])
    wait_for_search(page, "s.includes('period=2025-08-10%2F2025-08-25')")
    page.wait_for_function(f"() => {META_JS}.search.includes('period=2025-08-10')", timeout=TIMEOUT)
    wait_idle(page)
    page.wait_for_timeout(500)
    assert page.evaluate("window.__timelineDraws") == 2, "the zoom, then the detail"
    assert [bound[:10] for bound in page.evaluate(RANGE_JS)] == ["2025-08-10", "2025-08-25"]
