"""The time cursor in Chromium: play, pause, step, and a link that opens as of its day, on
the curated data and on a generated file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PIL import Image, ImageStat

from .conftest import serve_generated
from .pages import TIMEOUT, open_page, search, wait_idle

pytestmark = pytest.mark.browser

# The node ids a network or matrix draws now (points with coordinates), per trace kind.
DRAWN_JS = """(graphId) => {
  const gd = document.querySelector('#' + graphId + ' .js-plotly-plot');
  const drawn = [];
  for (const trace of gd.data) {
    if (!trace.meta || !trace.meta.asof || !trace.customdata) continue;
    trace.customdata.forEach((row, i) => { if (trace.x[i] !== null) drawn.push(row[0]); });
  }
  return drawn.sort();
}"""

# Where every drawn node is, by id (to check that nothing moves between frames).
PLACES_JS = """() => {
  const gd = document.querySelector('#network .js-plotly-plot');
  const places = {};
  for (const trace of gd.data) {
    if (!trace.meta || !trace.meta.asof || !trace.customdata) continue;
    trace.customdata.forEach((row, i) => { if (trace.x[i] !== null) places[row[0]] = [trace.x[i], trace.y[i]]; });
  }
  return places;
}"""

# Where the timeline's cursor line is drawn, as the date under it, and whether the veil
# covers the plot from there to its right edge.
CURSOR_JS = """() => {
  const gd = document.querySelector('#timeline .js-plotly-plot');
  const line = gd.querySelector('.asof-line'), veil = gd.querySelector('.asof-veil');
  if (!line || line.style.display === 'none') return null;
  const size = gd._fullLayout._size, axis = gd._fullLayout.xaxis;
  // Where the line stands, unrounded (a pixel spans two days here), read as the nearest midnight.
  const left = parseFloat(line.style.left), veilLeft = parseFloat(veil.style.left);
  const x = left + 1 - size.l;
  const veilEnds = Math.abs(veilLeft + parseFloat(veil.style.width) - (size.l + size.w)) <= 1;
  const day = new Date(Math.round(axis.p2c(x) / 864e5) * 864e5).toISOString().slice(0, 10);
  return {day: day, veil: veilEnds && Math.abs(veilLeft - (left + 1)) < 0.01};
}"""


SCREENSHOTS = Path("/tmp/time-cursor")


def shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def cursor(page) -> dict:
    return page.evaluate("window.explorerTimeCursor.state()")


def wait_for_cursor(page, day: str) -> None:
    page.wait_for_function(f"() => window.explorerTimeCursor.state().day === {day!r}", timeout=TIMEOUT)


def event_days(graph) -> dict[str, dt.date]:
    dataset = graph.graph["dataset"]
    return {f"event:{event.id}": event.first for event in dataset.events}


def test_link_with_a_cursor_opens_the_network_as_of_that_day(page, server, curated):
    open_page(page, server.url + "?view=network&asof=2025-08-15", "network")
    drawn = page.evaluate(DRAWN_JS, "network")
    events = [node for node in drawn if node.startswith("event:")]
    firsts = event_days(curated[1])
    assert events, "no event is drawn as of 15 August 2025"
    assert all(firsts[node] <= dt.date(2025, 8, 15) for node in events)
    later = [node for node, day in firsts.items() if day > dt.date(2025, 8, 15)]
    assert later and not set(later) & set(drawn)
    assert page.input_value("#asof-day") == "2025-08-15"
    shot(page, "network-as-of-2025-08-15")


def test_steps_move_the_cursor_and_the_url_without_moving_nodes(page, server, curated):
    open_page(page, server.url + "?view=network&asof=2025-01-31", "network")
    before = page.evaluate(PLACES_JS)
    page.select_option("#asof-step", "month")
    page.click("#asof-forward")
    wait_for_cursor(page, "2025-02-28")
    page.wait_for_function("() => location.search.includes('asof=2025-02-28')", timeout=TIMEOUT)
    after = page.evaluate(PLACES_JS)
    assert set(before) < set(after), "a month later the network should have grown"
    assert all(after[node] == place for node, place in before.items()), "a node moved between frames"
    page.click("#asof-back")
    wait_for_cursor(page, "2025-01-31")
    assert page.evaluate(PLACES_JS) == before
    page.select_option("#asof-step", "event")
    page.click("#asof-forward")
    firsts = sorted({day for day in event_days(curated[1]).values() if day > dt.date(2025, 1, 31)})
    wait_for_cursor(page, firsts[0].isoformat())


def test_play_advances_and_pause_stops(page, server):
    open_page(page, server.url + "?view=network&asof=2024-01-31", "network")
    page.select_option("#asof-speed", "8")
    page.select_option("#asof-step", "month")
    page.click("#asof-play")
    assert page.get_attribute("#asof-play", "aria-pressed") == "true"
    page.wait_for_function("() => window.explorerTimeCursor.state().day >= '2024-05-31'", timeout=TIMEOUT)
    page.click("#asof-play")
    assert page.get_attribute("#asof-play", "aria-pressed") == "false"
    stopped = cursor(page)["day"]
    page.wait_for_timeout(600)
    assert cursor(page)["day"] == stopped
    wait_idle(page)
    assert f"asof={stopped}" in search(page)
    page.reload()
    open_page(page, page.url, "network")
    assert cursor(page)["day"] == stopped
    assert page.input_value("#asof-day") == stopped


def test_window_shows_only_the_last_days(page, server, curated):
    open_page(page, server.url + "?view=network&asof=2025-08-15&window=30", "network")
    events = [node for node in page.evaluate(DRAWN_JS, "network") if node.startswith("event:")]
    dataset = curated[0]
    last = {f"event:{event.id}": event.last for event in dataset.events}
    assert events
    assert all(last[node] >= dt.date(2025, 7, 17) for node in events)
    page.fill("#asof-window", "")
    page.dispatch_event("#asof-window", "change")
    page.wait_for_function("() => !location.search.includes('window=')", timeout=TIMEOUT)
    assert len(page.evaluate(DRAWN_JS, "network")) > len(events)


def test_timeline_marks_the_cursor_and_follows_it(page, server):
    open_page(page, server.url + "?asof=2025-03-15&period=2024-01-01/2025-12-31")
    assert page.evaluate(CURSOR_JS) == {"day": "2025-03-16", "veil": True}
    page.select_option("#asof-step", "year")
    page.click("#asof-back")
    wait_for_cursor(page, "2024-03-15")
    assert page.evaluate(CURSOR_JS) == {"day": "2024-03-16", "veil": True}
    shot(page, "timeline-as-of")


def test_positions_show_the_stance_held_on_the_day(page, server, curated):
    open_page(page, server.url + "?view=positions&asof=2020-01-01", "positions")
    early = page.evaluate(DRAWN_JS, "positions")
    page.fill("#asof-day", "2025-12-31")
    page.dispatch_event("#asof-day", "change")
    wait_for_cursor(page, "2025-12-31")
    late = page.evaluate(DRAWN_JS, "positions")
    assert len(early) == len(late), "each cell shows exactly one stance on a day"
    stances = page.evaluate(
        """() => document.querySelector('#positions .js-plotly-plot').data
            .filter((t) => t.meta && t.meta.asof)
            .map((t) => [t.name, t.x.filter((x) => x !== null).length])"""
    )
    assert dict(stances).get("no position", 0) < len(late)
    shot(page, "positions-as-of")


@pytest.fixture(scope="module")
def generated_server(tmp_path_factory):
    live = serve_generated(tmp_path_factory.mktemp("generated"), 3000, seed=18)
    yield live
    live.stop()


def test_playback_on_a_generated_file(page, generated_server):
    open_page(page, generated_server.url + "?view=network&nodes=1500", "network")
    page.select_option("#asof-step", "month")
    page.click("#asof-forward")  # the cursor comes on at the first day: the server dates the figure
    page.wait_for_function("() => location.search.includes('asof=')", timeout=TIMEOUT)
    wait_idle(page)
    first = cursor(page)["day"]
    counts = [len(page.evaluate(DRAWN_JS, "network"))]
    for _ in range(3):
        page.click("#asof-forward")
        page.wait_for_function(
            f"() => window.explorerTimeCursor.state().day > {first!r} && location.search.includes('asof=')",
            timeout=TIMEOUT,
        )
        first = cursor(page)["day"]
        counts.append(len(page.evaluate(DRAWN_JS, "network")))
    assert counts == sorted(counts) and counts[-1] > counts[0]
    page.select_option("#asof-speed", "8")
    page.click("#asof-play")
    page.wait_for_timeout(800)
    page.click("#asof-play")
    assert cursor(page)["day"] > first
    timings = page.evaluate("window.explorerTimeCursor.timings")
    assert timings


def test_export_control_downloads_the_animation(page, server, tmp_path):
    open_page(page, server.url + "?view=network&from=2025-01&to=2025-06", "network")
    page.click("#network-pane .export-format")
    page.click(".dash-dropdown-option:has-text('a frame a month')")
    with page.expect_download(timeout=120_000) as info:
        page.click("#network-pane button:has-text('Export')")
    file = info.value
    assert file.suggested_filename.endswith("-animation.gif")
    path = tmp_path / file.suggested_filename
    file.save_as(path)
    image = Image.open(path)
    assert (image.n_frames, image.size) == (6, (1280, 720))
    image.seek(5)
    assert ImageStat.Stat(image.convert("L")).stddev[0] > 10


def test_export_control_shows_the_commands_error_for_too_many_frames(page, server):
    open_page(page, server.url + "?view=network", "network")
    page.click("#network-pane .export-format")
    page.click(".dash-dropdown-option:has-text('a frame a day')")
    page.click("#network-pane button:has-text('Export')")
    page.wait_for_selector("#export-status .notice.error", timeout=TIMEOUT)
    message = page.inner_text("#export-status")
    assert "frames of one day" in message and "more than 120" in message
    assert "Traceback" not in message


def test_play_without_a_cursor_starts_at_the_first_event(page, server, curated):
    open_page(page, server.url + "?view=network", "network")
    page.select_option("#asof-step", "year")
    page.select_option("#asof-speed", "8")
    page.click("#asof-play")
    first = min(event.first for event in curated[0].events).isoformat()
    page.wait_for_function(
        """() => { const gd = document.querySelector('#network .js-plotly-plot');
            return gd.layout.meta && gd.layout.meta.asof; }""",
        timeout=TIMEOUT,
    )
    page.wait_for_function(f"() => window.explorerTimeCursor.state().day > '{first[:4]}-12-31'", timeout=TIMEOUT)
    page.click("#asof-play")
    day = cursor(page)["day"]
    drawn = [node for node in page.evaluate(DRAWN_JS, "network") if node.startswith("event:")]
    days = event_days(curated[1])
    assert drawn and all(first <= days[node].isoformat() <= day for node in drawn)
