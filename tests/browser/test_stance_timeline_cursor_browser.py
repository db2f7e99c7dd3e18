"""The time cursor on the positions view's "Stances … over time" chart, in Chromium: the day
is marked with a line and what follows veiled; a step moves both, drawn where the axis puts
the day, without Plotly drawing the chart again."""

from __future__ import annotations

from pathlib import Path

import pytest

from .pages import TIMEOUT, open_page
from .test_time_cursor import wait_for_cursor

pytestmark = pytest.mark.browser

# Whether the cursor's line and the veil's left edge are drawn where the axis puts ``day``
# (within a pixel and a half), and the veil reaches the plot's right edge; null before the
# marks are drawn.
MARKS_JS = """(day) => {
  const gd = document.querySelector('#stance-timeline .js-plotly-plot');
  const size = gd._fullLayout._size, axis = gd._fullLayout.xaxis, box = gd.getBoundingClientRect();
  const line = gd.querySelector('.asof-line'), veil = gd.querySelector('.asof-veil');
  if (!line || !veil || line.style.display === 'none') return null;
  const x = box.left + size.l + axis.d2p(day);
  const lineBox = line.getBoundingClientRect(), veilBox = veil.getBoundingClientRect();
  return {
    line: Math.abs(lineBox.left + lineBox.width / 2 - x) <= 1.5,
    veil: Math.abs(veilBox.left - x) <= 1.5,
    reachesEnd: Math.abs(veilBox.right - (box.left + size.l + size.w)) <= 1,
  };
}"""
MARKED = {"line": True, "veil": True, "reachesEnd": True}

# Count the stance chart's draws from now on (Plotly.react, as dcc.Graph draws a new figure).
COUNT_DRAWS_JS = """() => {
  window.__stanceDraws = 0;
  const gd = document.querySelector('#stance-timeline .js-plotly-plot');
  gd.on('plotly_afterplot', () => { window.__stanceDraws += 1; });
}"""


def test_the_stance_chart_marks_the_cursor_and_follows_its_steps(page, server):
    open_page(page, server.url + "?view=positions&asof=2023-06-30", "positions")
    page.wait_for_function(f"() => ({MARKS_JS})('2023-07-01') !== null", timeout=TIMEOUT)
    assert page.evaluate(MARKS_JS, "2023-07-01") == MARKED  # the end of the cursor's day
    page.evaluate(COUNT_DRAWS_JS)
    page.select_option("#asof-step", "year")
    page.click("#asof-forward")
    wait_for_cursor(page, "2024-06-30")
    page.wait_for_function(f"() => ({MARKS_JS})('2024-07-01').line", timeout=TIMEOUT)
    assert page.evaluate(MARKS_JS, "2024-07-01") == MARKED
    page.wait_for_timeout(1000)  # past the moment the cursor rests and Dash is told
    assert page.evaluate("window.__stanceDraws") == 0, "a step redrew the stance chart"
    folder = Path("/tmp/cursor-2")
    folder.mkdir(exist_ok=True)
    page.locator("#stance-timeline").screenshot(path=str(folder / "stance-timeline-as-of.png"))
