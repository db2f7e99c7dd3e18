"""The timeline width the page sends with its render request: measured from the pane and
rounded down to a step, so readers whose windows differ a little ask for the same figure and
the shared response cache answers them all."""

from __future__ import annotations

import pytest

from explorer.web.timeline_zoom import PLOT_WIDTH_STEP

from .pages import open_page

pytestmark = pytest.mark.browser


def sent_width(browser, url: str, viewport_width: int) -> tuple[int, int]:
    """The timeline width a page of ``viewport_width`` pixels sent, and its pane's width."""
    context = browser.new_context(viewport={"width": viewport_width, "height": 800})
    try:
        page = context.new_page()
        sent: list[int] = []

        def record(request) -> None:
            if request.method != "POST" or "_dash-update-component" not in request.url:
                return
            body = request.post_data_json
            for callback in body if isinstance(body, list) else [body]:  # one request may carry several
                sent_values = [*(callback.get("inputs") or []), *(callback.get("state") or [])]
                values = [v for v in sent_values if isinstance(v, dict)]
                sent.extend(v["value"] for v in values if v.get("id") == "timeline-width" and v.get("value"))

        page.on("request", record)
        open_page(page, url)
        assert sent, "the render request carries the timeline width (as an input or a state)"
        return sent[-1], page.evaluate("document.getElementById('timeline-pane').clientWidth")
    finally:
        context.close()


def test_nearby_window_sizes_ask_for_the_same_timeline_width(browser, server):
    (narrow, narrow_pane), (wide, wide_pane) = (sent_width(browser, server.url, w) for w in (1283, 1301))
    assert wide_pane > narrow_pane, "the windows differ"
    assert narrow == wide and narrow % PLOT_WIDTH_STEP == 0
    # Rounded down: titles are placed for no more room than there is.
    assert narrow <= narrow_pane - 380 < narrow + PLOT_WIDTH_STEP
