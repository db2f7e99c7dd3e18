"""Notices have a place of their own: they never move the views, and the note that a period
is too full to draw never covers the timeline's axes."""

from __future__ import annotations

import pytest

from .pages import open_page, shot, wait_for_search

pytestmark = pytest.mark.browser

SIZES = [(1280, 800), (1920, 1080)]

BOX_JS = """(selector) => {
  const r = document.querySelector(selector).getBoundingClientRect();
  return [r.left, r.top, r.right, r.bottom];
}"""

# Every drawn tick label of the timeline's date axes, and the notices' box.
AXIS_LABELS_JS = """() => {
  const gd = document.querySelector('#timeline .js-plotly-plot');
  const box = (e) => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  return Array.from(gd.querySelectorAll('.xtick text, .x2tick text')).filter((t) => t.textContent).map(box);
}"""


def same_place(a, b) -> bool:
    """Whether two boxes start at the same place and have the same width (their height follows
    what they hold)."""
    return all(abs(x - y) < 0.5 for x, y in zip(a[:3], b[:3], strict=True))


def overlaps(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.parametrize("size", SIZES)
def test_notices_coming_and_going_never_move_the_views(page, server, size):
    page.set_viewport_size({"width": size[0], "height": size[1]})
    open_page(page, server.url)
    views, tabs = page.evaluate(BOX_JS, ".views"), page.evaluate(BOX_JS, "#view-tabs")
    page.fill("#text", "no such words anywhere")
    page.press("#text", "Enter")
    wait_for_search(page, "s.includes('q=')")
    assert "No events match" in page.inner_text("#notices")
    shot(page, f"notice-empty-{size[0]}")
    assert same_place(page.evaluate(BOX_JS, ".views"), views) and same_place(page.evaluate(BOX_JS, "#view-tabs"), tabs)
    notices = page.evaluate(BOX_JS, "#notices")
    assert notices[3] <= views[1] and notices[2] - notices[0] > 300, "the notice is above the views, and readable"


def test_many_notices_scroll_in_their_box_instead_of_pushing_the_page(page, server):
    open_page(page, server.url)
    views = page.evaluate(BOX_JS, ".views")
    open_page(page, f"{server.url}?actor=nobody&actor=noone&kind=nothing&topic=none&from=2025-13")
    assert page.inner_text("#notices").count("ignored") >= 4
    shot(page, "notices-many")
    assert same_place(page.evaluate(BOX_JS, ".views"), views)


@pytest.mark.parametrize("size", SIZES)
def test_a_period_too_full_to_draw_is_said_above_the_timeline_not_over_its_axis(page, generated_server, size):
    page.set_viewport_size({"width": size[0], "height": size[1]})
    open_page(page, generated_server.url)
    shot(page, f"dense-{size[0]}")
    assert "events in this period" in page.inner_text("#timeline-hint")
    annotations = page.evaluate(
        "Array.from(document.querySelectorAll('#timeline .annotation')).map((a) => a.textContent)"
    )
    assert not [text for text in annotations if "events in this period" in text]
    notices = page.evaluate(BOX_JS, "#timeline-hint")
    labels = page.evaluate(AXIS_LABELS_JS)
    assert labels and not [label for label in labels if overlaps(label, notices)]
    assert notices[3] <= page.evaluate(BOX_JS, "#timeline")[1]
