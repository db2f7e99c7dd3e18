"""The timeline's date axes as drawn by plotly.js: every tick label, on the bottom and the
top axis, names the gridline it stands on, at every zoom from hours to eighty years."""

from __future__ import annotations

import datetime as dt

import pytest

from ..axis_labels import label_problem
from .pages import TIMEOUT, open_page, shot, wait_idle

pytestmark = pytest.mark.browser

DMITRIEV_AUGUST = "?actor=kirill-dmitriev&from=2025-08-01&to=2025-08-31"
# (what the range shows, its start, its end): hours to eighty years.
RANGES = [
    ("hours", "2025-08-15 06:00", "2025-08-15 18:00"),
    ("days", "2025-08-12", "2025-08-19"),
    ("weeks", "2025-07-22", "2025-08-28"),
    ("months", "2025-03-01", "2025-08-31"),
    ("a year", "2025-01-01", "2025-12-31"),
    ("a decade", "2014-01-01", "2026-01-01"),
    ("1945–2026", "1945-01-01", "2026-06-30"),
]
AXIS_TICKS_JS = """() => {
  const layout = document.querySelector('#timeline .js-plotly-plot')._fullLayout;
  return ['xaxis', 'xaxis2'].map((name) => layout[name]._vals.map((tick) => [tick.x, tick.text]));
}"""
ZOOM_JS = """(range) => Plotly.relayout(document.querySelector('#timeline .js-plotly-plot'), {'xaxis.range': range})"""


def wrong_labels(page) -> list[str]:
    """Every drawn tick label that does not name its gridline, and every place where the
    two axes disagree."""
    bottom, top = page.evaluate(AXIS_TICKS_JS)
    assert len(bottom) >= 2, "an axis with ticks"
    problems = []
    if [value for value, _ in bottom] != [value for value, _ in top]:
        problems.append(f"top ticks {top} stand elsewhere than bottom ticks {bottom}")
    for value, text in bottom + top:
        instant = dt.datetime(1970, 1, 1) + dt.timedelta(milliseconds=value)
        problem = label_problem(instant, text)
        if problem:
            problems.append(problem)
    return problems


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080)])
def test_every_tick_label_names_its_gridline_at_every_zoom(page, server, size):
    page.set_viewport_size({"width": size[0], "height": size[1]})
    open_page(page, server.url + DMITRIEV_AUGUST)
    problems = {"opened": wrong_labels(page)}
    for name, start, end in RANGES:
        page.evaluate(ZOOM_JS, [start, end])
        wait_idle(page)
        problems[name] = wrong_labels(page)
        shot(page, f"axis-{name}-{size[0]}")
    assert problems == {name: [] for name in problems}


@pytest.mark.parametrize("query", ["", "?from=2010-01-01&to=2010-03-31"])
def test_tick_labels_name_their_gridlines_on_a_generated_file(page, generated_server, query):
    open_page(page, generated_server.url + query)
    page.wait_for_function("() => document.querySelector('#timeline .js-plotly-plot')._fullLayout", timeout=TIMEOUT)
    assert wrong_labels(page) == []


def shown_period(page) -> tuple[str, str]:
    return tuple(page.evaluate("document.querySelector('#timeline .js-plotly-plot')._fullLayout.xaxis.range"))


def test_the_shown_period_covers_the_date_filter(page, server, generated_server):
    for url, first, after_last in (
        (server.url + DMITRIEV_AUGUST, "2025-08-01", "2025-09-01"),
        (generated_server.url + "?from=2010-01-01&to=2010-03-31", "2010-01-01", "2010-04-01"),
    ):
        open_page(page, url)
        start, end = shown_period(page)
        assert start < first and end > after_last, (url, start, end)
        shown_days = (dt.date.fromisoformat(end[:10]) - dt.date.fromisoformat(start[:10])).days
        filter_days = (dt.date.fromisoformat(after_last) - dt.date.fromisoformat(first)).days
        assert shown_days <= filter_days * 1.1 + 2, (url, start, end)


def test_the_overview_strip_is_a_light_veil(page, server):
    open_page(page, server.url + DMITRIEV_AUGUST)
    opacity = page.evaluate("getComputedStyle(document.querySelector('#timeline .rangeslider-mask-min')).fillOpacity")
    assert float(opacity) <= 0.1


def test_the_compressed_scale_has_breaks_and_right_labels_on_each_side(page, server):
    open_page(page, server.url)
    page.click("#compress")
    page.wait_for_function("() => location.search.includes('scale=compressed')", timeout=TIMEOUT)
    wait_idle(page)
    breaks = page.evaluate(
        "document.querySelector('#timeline .js-plotly-plot')._fullLayout.xaxis.rangebreaks.map((b) => b.bounds)"
    )
    assert breaks, "the empty decades are cut"
    assert wrong_labels(page) == []
    bottom, _ = page.evaluate(AXIS_TICKS_JS)
    years = [dt.datetime(1970, 1, 1) + dt.timedelta(milliseconds=value) for value, _ in bottom]
    first_break_start = dt.datetime.fromisoformat(breaks[0][0])
    first_break_end = dt.datetime.fromisoformat(breaks[0][1])
    assert any(y < first_break_start for y in years) or page.locator("#timeline .xtick").count() > 0
    assert any(y > first_break_end for y in years), "labels after the break"
    assert page.locator("#timeline .annotation", has_text="⫽").count() == len(breaks)
    shot(page, "compressed")
    page.reload()
    open_page(page, page.url)
    assert page.evaluate("document.querySelector('#timeline .js-plotly-plot')._fullLayout.xaxis.rangebreaks.length")
