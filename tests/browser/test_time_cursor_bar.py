"""The time cursor's bar at the common window sizes: one row, "Clear" beside its controls,
and a bar whose height does not change when the cursor is set (the views stay put)."""

from __future__ import annotations

import pytest

from .pages import open_page

pytestmark = pytest.mark.browser

# Each shown control of the bar: its id (or class), its box's vertical middle and right edge.
BAR_JS = """() => {
  const bar = document.getElementById('time-cursor'), box = bar.getBoundingClientRect();
  const controls = [...bar.querySelectorAll('label, input, select, button, #asof-status')]
    .filter((element) => element.getBoundingClientRect().width > 1)
    .map((element) => { const r = element.getBoundingClientRect();
      return {name: element.id || element.textContent, middle: (r.top + r.bottom) / 2, right: r.right}; });
  return {height: box.height, right: box.right, controls: controls,
          tabs: document.getElementById('tab-timeline').getBoundingClientRect().top};
}"""


@pytest.mark.parametrize("width, height", [(1280, 800), (1920, 1080)])
def test_the_bar_is_one_row_with_clear_beside_its_controls(page, server, width, height):
    page.set_viewport_size({"width": width, "height": height})
    open_page(page, server.url)
    empty = page.evaluate(BAR_JS)
    open_page(page, server.url + "?asof=2025-08-15&window=30")
    page.wait_for_function("() => document.getElementById('asof-status').textContent.includes('2025-08-15')")
    bar = page.evaluate(BAR_JS)
    page.screenshot(
        path=str(page.screenshots / f"time-cursor-bar-{width}.png"),
        clip={"x": 0, "y": 0, "width": width, "height": 220},
    )
    middles = {control["name"]: control["middle"] for control in bar["controls"]}
    assert "asof-clear" in middles and "asof-day" in middles
    assert all(abs(middle - middles["asof-day"]) < 6 for middle in middles.values()), middles
    assert all(control["right"] <= bar["right"] + 0.5 for control in bar["controls"]), "nothing sticks out"
    assert (bar["height"], bar["tabs"]) == (empty["height"], empty["tabs"]), "setting the cursor moved the views"
    if width >= 1920:
        assert "asof-status" in middles, "where there is room, the status is shown"
