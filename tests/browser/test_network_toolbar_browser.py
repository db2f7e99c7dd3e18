"""The network toolbar as drawn: two rows at most at 1280×800 and 1920×1080, and every label
right above its own control (never left at the end of one row with its options on the next)."""

from __future__ import annotations

import pytest

from .pages import open_page, shot

pytestmark = pytest.mark.browser

# Each item of the toolbar: its box, and for a labelled group the label's and the control's.
TOOLBAR_JS = """() => {
  const bar = document.querySelector('#network-pane .toolbar');
  const box = (e) => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  return Array.from(bar.children).map((item) => {
    const label = item.querySelector(':scope > .toolbar-label');
    const control = label && label.nextElementSibling;
    return {box: box(item), label: label && label.textContent, labelBox: label && box(label),
            controlBox: control && box(control)};
  });
}"""


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080)], ids=["1280x800", "1920x1080"])
def test_the_toolbar_takes_two_rows_with_each_label_over_its_control(browser, server, tmp_path, size):
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    page = context.new_page()
    page.screenshots = tmp_path  # type: ignore[attr-defined]
    try:
        open_page(page, f"{server.url}?view=network", graph="network")
        items = page.evaluate(TOOLBAR_JS)
        shot(page, f"toolbar-{size[0]}")
    finally:
        context.close()
    bottoms = sorted(item["box"][3] for item in items)
    rows = 1 + sum(1 for a, b in zip(bottoms, bottoms[1:], strict=False) if b - a > 12)
    assert rows <= 2, f"{rows} rows"
    labelled = [item for item in items if item["label"]]
    assert {item["label"] for item in labelled} >= {"Ego network", "Show", "Size by", "Colour by"}
    for item in labelled:
        (left, _, _, bottom), (c_left, c_top, _, _) = item["labelBox"], item["controlBox"]
        assert bottom <= c_top + 2 and abs(left - c_left) < 4, f"{item['label']!r} is not over its control"
