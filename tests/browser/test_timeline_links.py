"""Links that lead out of the timeline's view, as drawn in Chromium: the README's Dmitriev
link keeps its Yalta markers though Yalta is filtered out, the markers cover no event, a
jump brings Yalta's lanes into view with no tooltip left behind, and a selection the filters
hide says so and offers to show it."""

from __future__ import annotations

import pytest

from .pages import detail_title, open_page, shot, timeline_events, wait_for_search

pytestmark = pytest.mark.browser

README_LINK = "?actor=kirill-dmitriev&from=2025-08-01&selected=event%3Aalaska-summit-2025"
YALTA = "yalta-conference-1945"
YALTA_ACTORS = ("franklin-roosevelt", "winston-churchill", "joseph-stalin")

# Page boxes of the link markers and of every event marker drawn.
BOXES_JS = """() => {
  const boxes = (selector) => Array.from(document.querySelectorAll(selector)).map((node) => {
    const box = node.getBoundingClientRect();
    return [box.left, box.top, box.right, box.bottom];
  });
  return {
    markers: boxes('#timeline .annotation'),
    events: boxes('#timeline .scatterlayer .points path.point'),
    plot: boxes('#timeline .nsewdrag')[0],
    links: Array.from(document.querySelectorAll('#timeline .annotation'))
      .filter((node) => /[◀▶] |  ?[◀▶]$/.test(node.textContent)).map((node) => {
        const box = node.getBoundingClientRect();
        return [box.left, box.top, box.right, box.bottom];
      }),
  };
}"""
VISIBLE_LANES_JS = """() => {
  const gd = document.querySelector('#timeline .js-plotly-plot');
  const ya = gd._fullLayout.yaxis, top = gd.getBoundingClientRect().top + ya._offset;
  return gd.layout.meta.lanes.filter((lane, i) => {
    const y = top + ya.l2p(i);
    return y >= 0 && y <= window.innerHeight;
  });
}"""


def overlaps(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080)])
def test_a_filtered_out_analogy_keeps_its_marker_and_covers_no_event(page, server, size):
    page.set_viewport_size({"width": size[0], "height": size[1]})
    open_page(page, server.url + README_LINK)
    marker = page.locator("#timeline .annotation", has_text="Yalta")
    assert marker.count() == 1
    assert "Feb 1945" in marker.text_content() and "filtered out" in marker.text_content()
    boxes = page.evaluate(BOXES_JS)
    assert boxes["events"], "events are drawn"
    covered = [(m, e) for m in boxes["markers"] for e in boxes["events"] if overlaps(m, e)]
    assert covered == []
    assert boxes["links"] and all(
        boxes["plot"][0] - 1 <= box[0] and box[2] <= boxes["plot"][2] + 1 for box in boxes["links"]
    ), "link markers stay inside the plot, clear of the legend"
    shot(page, f"dmitriev-yalta-marker-{size[0]}")


def test_jumping_to_yalta_shows_its_lanes_and_leaves_no_tooltip(page, server, curated):
    dataset, _ = curated
    open_page(page, server.url + README_LINK)
    marker = page.locator("#timeline .annotation", has_text="Yalta")
    marker.hover()
    marker.click()
    wait_for_search(page, f"s.includes('selected=event%3A{YALTA}')")
    assert detail_title(page) == dataset.event_by_id[YALTA].title
    assert f"event:{YALTA}" in timeline_events(page)
    assert set(YALTA_ACTORS) <= set(page.evaluate(VISIBLE_LANES_JS))
    assert page.locator("#timeline .hoverlayer .hovertext").count() == 0
    shot(page, "jumped-to-yalta")


def test_a_selection_hidden_by_the_filters_says_so_and_can_be_shown(page, server):
    open_page(page, server.url + README_LINK)
    assert "the filters leave this event out" in page.inner_text("#detail")
    assert "event:alaska-summit-2025" not in timeline_events(page)
    page.click("#detail button:has-text('Show it')")
    wait_for_search(page, "s.includes('actor=donald-trump') || s.includes('actor=vladimir-putin')")
    assert "event:alaska-summit-2025" in timeline_events(page)
    assert "leave this event out" not in page.inner_text("#detail")
    shot(page, "hidden-selection-shown")
