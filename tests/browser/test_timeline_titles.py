"""Event titles drawn on the timeline, read back from Chromium: they stand where there is
room, never over another title or a marker, and a "+N" cluster zooms in on click."""

from __future__ import annotations

import pytest

from .pages import open_page, search, shot, wait_for_search

pytestmark = pytest.mark.browser

BOXES_JS = """() => {
  const box = (node) => { const r = node.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  const plot = box(document.querySelector('#timeline .nsewdrag'));
  return {
    plot,
    titles: Array.from(document.querySelectorAll('#timeline .textpoint text'))
      .map((node) => [node.textContent, box(node)]),
    markers: Array.from(document.querySelectorAll('#timeline .scatterlayer .points path.point'))
      .filter((node) => getComputedStyle(node).opacity !== '0').map(box)
      .filter((b) => b[2] > plot[0] && b[0] < plot[2]),
    badges: Array.from(document.querySelectorAll('#timeline .annotation'))
      .filter((node) => /^\\+\\d+$/.test(node.textContent.trim())).map((node) => node.textContent.trim()),
    badgeBoxes: Array.from(document.querySelectorAll('#timeline .annotation'))
      .filter((node) => /^\\+\\d+$/.test(node.textContent.trim())).map(box),
  };
}"""


def overlap(a, b) -> bool:
    return a[0] < b[2] - 0.5 and b[0] < a[2] - 0.5 and a[1] < b[3] - 0.5 and b[1] < a[3] - 0.5


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080)])
@pytest.mark.parametrize("query", ["?actor=kirill-dmitriev", "?from=2025-08-01&to=2025-08-31", ""])
def test_titles_stand_where_there_is_room_and_cover_nothing(page, server, size, query):
    page.set_viewport_size({"width": size[0], "height": size[1]})
    open_page(page, server.url + query)
    drawn = page.evaluate(BOXES_JS)
    assert drawn["titles"], "some events are named on the canvas"
    shot(page, f"titles-{size[0]}{query.replace('?', '-').replace('&', '-')}")
    assert title_problems(drawn) == []


def title_problems(drawn: dict) -> list[str]:
    """Titles (read by BOXES_JS) that leave the plot or cover another title or a marker."""
    titles, problems = drawn["titles"], []
    for i, (text, box) in enumerate(titles):
        if box[0] < drawn["plot"][0] - 1 or box[2] > drawn["plot"][2] + 1:
            problems.append(f"{text!r} leaves the plot")
        problems += [f"{text!r} covers {other!r}" for other, other_box in titles[i + 1 :] if overlap(box, other_box)]
        problems += [f"{text!r} covers a marker" for marker in drawn["markers"] if overlap(box, marker)]
    return problems


def test_a_cluster_badge_zooms_in_on_click(page, server):
    open_page(page, server.url + "?period=1940-01-01%2F2040-12-31")
    drawn = page.evaluate(BOXES_JS)
    assert drawn["badges"], "the crowded recent years gather into clusters"
    covered = [
        badge
        for badge in drawn["badgeBoxes"]
        if any(overlap(badge, marker) for marker in drawn["markers"])
        or any(overlap(badge, title) for _, title in drawn["titles"])
    ]
    assert covered == [], "a badge covers no marker and no title"
    page.locator("#timeline .annotation", has_text=drawn["badges"][0]).first.click()
    wait_for_search(page, "!s.includes('period=1940-01-01')")
    assert "period=" in search(page)
