"""The time cursor and the browser's history: each day the cursor rests on (a step, a
pause) is an entry, so Back returns to the day before (in the URL and on the drawn
figure) and Forward again; a playback adds one entry, not one per frame."""

from __future__ import annotations

import datetime as dt

import pytest

from .pages import TIMEOUT, open_page, wait_idle
from .test_time_cursor import DRAWN_JS, cursor, event_days, wait_for_cursor

pytestmark = pytest.mark.browser


def wait_for_url_day(page, day: str) -> None:
    page.wait_for_function(f"() => location.search.includes('asof={day}')", timeout=TIMEOUT)


def drawn_events(page) -> set[str]:
    return {node for node in page.evaluate(DRAWN_JS, "network") if node.startswith("event:")}


def events_by(curated, day: str) -> set[str]:
    return {node for node, first in event_days(curated[1]).items() if first <= dt.date.fromisoformat(day)}


def test_back_and_forward_walk_the_days_stepped_to(page, server, curated):
    open_page(page, server.url + "?view=network&asof=2025-01-31", "network")
    page.select_option("#asof-step", "month")
    for day in ("2025-02-28", "2025-03-31"):
        page.click("#asof-forward")
        wait_for_cursor(page, day)
        wait_for_url_day(page, day)
    wait_idle(page)
    march = drawn_events(page)
    page.evaluate("history.back()")
    wait_for_url_day(page, "2025-02-28")
    wait_for_cursor(page, "2025-02-28")
    february = drawn_events(page)
    assert february and february <= events_by(curated, "2025-02-28")
    assert march - february, "events of March should be gone a step back"
    assert page.input_value("#asof-day") == "2025-02-28"
    page.evaluate("history.back()")
    wait_for_url_day(page, "2025-01-31")
    wait_for_cursor(page, "2025-01-31")
    assert drawn_events(page) < february
    page.evaluate("history.forward()")
    wait_for_url_day(page, "2025-02-28")
    wait_for_cursor(page, "2025-02-28")
    assert drawn_events(page) == february


def test_a_playback_is_one_history_entry(page, server, curated):
    open_page(page, server.url + "?view=network&asof=2024-01-31", "network")
    entries = page.evaluate("history.length")
    page.select_option("#asof-speed", "8")
    page.select_option("#asof-step", "month")
    page.click("#asof-play")
    page.wait_for_function("() => window.explorerTimeCursor.state().day >= '2024-05-31'", timeout=TIMEOUT)
    page.click("#asof-play")
    stopped = cursor(page)["day"]
    wait_for_url_day(page, stopped)
    wait_idle(page)
    assert page.evaluate("history.length") == entries + 1
    page.evaluate("history.back()")
    wait_for_url_day(page, "2024-01-31")
    wait_for_cursor(page, "2024-01-31")
    assert drawn_events(page) <= events_by(curated, "2024-01-31")
