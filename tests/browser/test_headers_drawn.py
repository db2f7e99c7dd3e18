"""Headers and slider labels as drawn: whole, inside the page, at 1280×800 and 1920×1080."""

from __future__ import annotations

import pytest

from .pages import open_page

pytestmark = pytest.mark.browser

HEADER_BOXES = """() => [...document.querySelectorAll('#positions .xtick text')].map(t => {
    const r = t.getBoundingClientRect();
    return {text: t.textContent, left: r.left, right: r.right, top: r.top};
})"""
SLIDER_LABELS = """() => {
    const panel = document.querySelector('.filters').getBoundingClientRect();
    return [...document.querySelectorAll('#years-wrapper .rc-slider-mark-text, .year-slider [class*=mark] span')]
        .filter(e => e.textContent.trim()).map(e => {
            const r = e.getBoundingClientRect();
            return {text: e.textContent.trim(), left: r.left - panel.left, right: panel.right - r.right};
        });
}"""


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080)])
def test_every_topic_header_is_drawn_whole_inside_the_page(page, server, curated, size):
    dataset, _ = curated
    page.set_viewport_size({"width": size[0], "height": size[1]})
    open_page(page, f"{server.url}?view=positions", graph="positions")
    headers = page.evaluate(HEADER_BOXES)
    assert sorted(h["text"] for h in headers) == sorted(t.name for t in dataset.topics)
    assert all(h["left"] >= 0 and h["right"] <= size[0] and h["top"] >= 0 for h in headers), headers


def test_the_year_sliders_end_labels_are_not_clipped(page, server, curated):
    open_page(page, server.url)
    labels = page.evaluate(SLIDER_LABELS)
    first, last = curated[0].year_span
    assert {str(first), str(last)} <= {label["text"] for label in labels}
    # Inside the sidebar's padding, not against (or past) its edges.
    assert all(label["left"] >= 8 and label["right"] >= 8 for label in labels), labels
