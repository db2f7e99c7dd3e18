"""The timeline's time: where an event's marker stands, and which period the axis shows.

The axis opens on the densest stretch of time, or on the date filter's whole period, and
moves to a selected event that lies outside it.
"""

from __future__ import annotations

import datetime as dt
import math

from ..graph import Filters, View
from ..model import Event

ONE_DAY = dt.timedelta(days=1)


def marker_date(event: Event) -> dt.date:
    """Where an event's marker stands: its day, or the middle of a fuzzy month or year."""
    if event.date.precision == "day":
        return event.first
    return event.date.first + (event.date.last - event.date.first) / 2


def default_focus(events: tuple[Event, ...] | list[Event], filters: Filters | None = None) -> tuple[dt.date, dt.date]:
    """The stretch of time the axis opens on.

    With a date filter, the whole filtered period (from its first to the end of its last
    day) and a margin of about 2 % either side; an open end of the filter ends at the
    events. Without one: everything when the events span a few years, otherwise from the
    first quartile of dates to the last event, so a dense recent period is readable while
    the overview strip still shows the distant past."""
    firsts = sorted(event.first for event in events)
    start, end = firsts[0], max(event.last for event in events)
    if filters is not None and (filters.start or filters.end):
        return filtered_period(filters, start, end)
    if (end - start).days > 3 * 365:
        start = firsts[len(firsts) // 4]
    padding = max(dt.timedelta(days=15), (end - start) * 0.04)
    return start - padding, end + padding


def filtered_period(filters: Filters, first: dt.date, last: dt.date) -> tuple[dt.date, dt.date]:
    """The date filter's period, an open side ending at ``first`` or ``last`` (the events'
    dates), with a margin of 2 % of its length (at least a day) either side."""
    start = filters.start.first if filters.start else first
    end = (filters.end.last if filters.end else last) + ONE_DAY
    margin = max(ONE_DAY, dt.timedelta(days=math.ceil((end - start).days * 0.02)))
    return start - margin, end + margin


def focus_on(event: Event, focus: tuple[dt.date, dt.date]) -> tuple[dt.date, dt.date]:
    """``focus`` if ``event`` is inside it, else :func:`window_around` the event."""
    if focus[0] <= event.first and event.last <= focus[1]:
        return focus
    return window_around(event)


def window_around(event: Event) -> tuple[dt.date, dt.date]:
    """A period centred on ``event``: 45 days either side, or half its length if longer."""
    padding = max(dt.timedelta(days=45), (event.last - event.first) * 0.5)
    return event.first - padding, event.last + padding


def everything_focus(events: tuple[Event, ...]) -> tuple[dt.date, dt.date]:
    """From the first event to the last, with a few days' margin."""
    first, last = min(e.first for e in events), max(e.last for e in events)
    return first - dt.timedelta(days=10), last + dt.timedelta(days=10)


def opening_focus(view: View, selected_event: Event | None, is_compressed: bool) -> tuple[dt.date, dt.date]:
    """The period the timeline opens on when no period is asked for: everything on a
    compressed scale with no date filter, else :func:`default_focus`; moved to the selected
    event when that lies outside."""
    if is_compressed and not (view.filters.start or view.filters.end):
        focus = everything_focus(view.events)
    else:
        focus = default_focus(view.events, view.filters)
    return focus_on(selected_event, focus) if selected_event is not None else focus


def whole_period(events: tuple[Event, ...] | list[Event]) -> tuple[str, str]:
    """The period from the first event to the end of the last, as ISO dates."""
    first = min(event.first for event in events)
    last = max(event.last for event in events) + ONE_DAY
    return first.isoformat(), last.isoformat()


def period_text(moment: dt.datetime) -> str:
    """``2025-08-15`` at midnight, else ``2025-08-15T06:30``: a bound of a shown period."""
    return moment.date().isoformat() if moment.time() == dt.time() else moment.isoformat(timespec="minutes")


def date_text(event: Event) -> str:
    """``15 Aug 2025``, ``4 Feb 1945 – 11 Feb 1945``, ``Aug 2025 (month known)``."""
    text = event.date_span()
    precision = event.date.precision
    if precision != "day":
        text += f" ({precision} known)"
    return text
