"""The timeline's shown period lives in the URL: a zoom (the 1y button, a drag) is written
there, survives a reload, and the back button undoes it."""

from __future__ import annotations

import pytest

from .pages import open_page, search, shot, wait_for_search

pytestmark = pytest.mark.browser

RANGE_JS = "document.querySelector('#timeline .js-plotly-plot')._fullLayout.xaxis.range.map(String)"


def days(bounds) -> list[str]:
    return [bound[:10] for bound in bounds]


def test_a_range_button_zoom_survives_a_reload(page, server):
    open_page(page, server.url + "?actor=kirill-dmitriev")
    page.click("#timeline .rangeselector .button:has-text('3m')")
    wait_for_search(page, "s.includes('period=')")
    zoomed = page.evaluate(RANGE_JS)
    page.reload()
    open_page(page, page.url)
    assert days(page.evaluate(RANGE_JS)) == days(zoomed)
    assert "period=" in search(page)
    shot(page, "period-restored")


def test_a_drag_zoom_is_shared_and_the_back_button_undoes_it(page, server):
    open_page(page, server.url)
    before = page.evaluate(RANGE_JS)
    box = page.locator("#timeline .nsewdrag").first.bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.3, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.5, y, steps=5)
    page.mouse.up()
    wait_for_search(page, "s.includes('period=')")
    dragged = page.evaluate(RANGE_JS)
    assert before[0] < dragged[0] < dragged[1] < before[1]
    fresh = page.context.new_page()
    open_page(fresh, server.url + search(page))
    assert days(fresh.evaluate(RANGE_JS)) == days(dragged)
    fresh.close()
    page.go_back()
    wait_for_search(page, "!s.includes('period=')")
    assert days(page.evaluate(RANGE_JS)) == days(before)


LANE_COUNTS_JS = """() => {
  const box = (node) => { const r = node.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  const counts = Array.from(document.querySelectorAll('#timeline .annotation'))
    .filter((node) => /^(◀\\d+)?( · )?(\\d+▶)?$/.test(node.textContent.trim()))
    .map((node) => [node.textContent, box(node)]);
  const names = Array.from(document.querySelectorAll('#timeline .ytick text')).map(box);
  const plot = box(document.querySelector('#timeline .nsewdrag'));
  return {counts, names, plot};
}"""


def test_lane_counts_say_what_lies_outside_and_a_click_shows_it(page, server, curated):
    _, graph = curated
    open_page(page, server.url + "?actor=kirill-dmitriev&period=2025-09-01%2F2025-09-30")
    drawn = page.evaluate(LANE_COUNTS_JS)
    assert drawn["counts"], "lanes with events outside September carry counts"
    for _, count_box in drawn["counts"]:
        assert count_box[2] <= drawn["plot"][0] + 1, "left of the plot, covering no event"
        assert not any(
            count_box[0] < name[2] and name[0] < count_box[2] and count_box[1] < name[3] and name[1] < count_box[3]
            for name in drawn["names"]
        ), "beside the lane name, not over it"
    shot(page, "lane-counts")
    page.locator("#timeline .annotation", has_text=drawn["counts"][0][0]).first.click()
    wait_for_search(page, "!s.includes('period=2025-09-01')")
    start, end = page.evaluate(RANGE_JS)
    assert start[:10] < "2025-08-01" and end[:10] >= "2025-09-30"
