"""The time cursor on a generated 100,000-event file in Chromium (issue 18): a link opens as
of its day, Play and Pause, a step back, and the same link again, on the network; the
positions matrix shows the stances held on two different days."""

from __future__ import annotations

import pytest

from .test_time_cursor import DRAWN_JS, PLACES_JS, cursor

pytestmark = pytest.mark.browser

# A first render of 100,000 events (its network arrays and layout) takes a while on 2 cores.
SLOW = 240_000

# The day the figure in ``graphId`` was drawn for (the browser writes it as it moves).
DRAWN_FOR_JS = """(graphId) => {
  const gd = document.querySelector('#' + graphId + ' .js-plotly-plot');
  return gd && gd.layout && gd.layout.meta && gd.layout.meta.asof ? gd.layout.meta.asof.day : null;
}"""


def open_as_of(page, url: str, graph: str, day: str) -> None:
    page.goto(url)
    page.wait_for_function(f"() => ({DRAWN_FOR_JS})({graph!r}) === {day!r}", timeout=SLOW)
    page.wait_for_function("() => !document.querySelector('[data-dash-is-loading=\"true\"]')", timeout=SLOW)


def test_playback_on_a_100k_file(page, large_server):
    start = "2024-01-31"
    open_as_of(page, f"{large_server.url}?view=network&asof={start}", "network", start)
    first = page.evaluate(DRAWN_JS, "network")
    places = page.evaluate(PLACES_JS)
    assert first and cursor(page)["day"] == start

    page.select_option("#asof-step", "month")
    page.select_option("#asof-speed", "8")
    page.click("#asof-play")
    page.wait_for_function("() => window.explorerTimeCursor.state().day >= '2024-04-30'", timeout=SLOW)
    page.click("#asof-play")
    played = cursor(page)
    assert not played["playing"]
    page.wait_for_function(f"() => location.search.includes('asof={played['day']}')", timeout=SLOW)
    later = page.evaluate(DRAWN_JS, "network")
    assert set(first) < set(later), "without a window, nodes only appear as the cursor moves on"
    moved = {node for node, place in page.evaluate(PLACES_JS).items() if node in places and places[node] != place}
    assert not moved, "nodes keep their places between frames"

    page.click("#asof-back")
    page.wait_for_function(f"() => window.explorerTimeCursor.state().day < {played['day']!r}", timeout=SLOW)
    back = cursor(page)["day"]
    page.wait_for_function(f"() => location.search.includes('asof={back}')", timeout=SLOW)
    shown = page.evaluate(DRAWN_JS, "network")
    open_as_of(page, page.url, "network", back)
    assert cursor(page)["day"] == back
    assert page.evaluate(DRAWN_JS, "network") == shown, "the link opens as the page showed it"


STANCES_JS = """() => document.querySelector('#positions .js-plotly-plot').data
  .filter((t) => t.meta && t.meta.asof)
  .map((t) => [t.name, t.x.filter((x) => x !== null).length])"""


def test_the_matrix_shows_the_stances_held_on_each_day(page, large_server):
    held = {}
    for day in ("2015-06-30", "2024-06-30"):
        open_as_of(page, f"{large_server.url}?view=positions&asof={day}", "positions", day)
        held[day] = dict(page.evaluate(STANCES_JS))
    assert held["2015-06-30"] != held["2024-06-30"]
    assert held["2015-06-30"].get("no position", 0) > held["2024-06-30"].get("no position", 0)
