"""Reading a date axis's tick labels back: does each label name the instant its gridline
stands on? Shared by the browser tests (plotly.js's computed ticks) and the export tests
(the labels drawn into an SVG)."""

from __future__ import annotations

import datetime as dt

# Plotly's date tick labels: the first line, finest unit first, and the optional second
# line ("head") that names the larger unit once.
LINE_FORMATS = ("%H:%M:%S", "%H:%M", "%b %d, %Y", "%b %d", "%b %Y", "%b", "%Y")
# The fields a format names, and, for each, the finer fields that must then be at their start.
NAMED_FIELDS = {
    "%H:%M:%S": ("hour", "minute", "second"),
    "%H:%M": ("hour", "minute"),
    "%b %d, %Y": ("year", "month", "day"),
    "%b %d": ("month", "day"),
    "%b %Y": ("year", "month"),
    "%b": ("month",),
    "%Y": ("year",),
}
FIELD_STARTS = {"month": 1, "day": 1, "hour": 0, "minute": 0, "second": 0, "microsecond": 0}
ORDER = ("year", "month", "day", "hour", "minute", "second", "microsecond")


def parse_line(line: str) -> tuple[str, dt.datetime] | None:
    for pattern in LINE_FORMATS:
        try:
            return pattern, dt.datetime.strptime(line.strip(), pattern)
        except ValueError:
            continue
    return None


def label_problem(instant: dt.datetime, text: str) -> str | None:
    """Why tick label ``text`` does not name ``instant`` (its gridline), or None if it does.

    ``text`` is plotly's tick text (lines joined by ``<br>``). Every field a line names must
    match ``instant``, and every field finer than the finest named must be at its start
    (a "Aug 3" label on 2 Aug 23:59:45 is wrong even though the day rounds up)."""
    named: set[str] = set()
    for line in (part for part in text.split("<br>") if part.strip()):
        parsed = parse_line(line)
        if parsed is None:
            return f"unreadable label line {line!r} in {text!r}"
        pattern, value = parsed
        for name in NAMED_FIELDS[pattern]:
            if getattr(value, name) != getattr(instant, name):
                return f"{text!r} stands on {instant.isoformat()} ({name} differs)"
            named.add(name)
    finest = max(ORDER.index(name) for name in named)
    for name in ORDER[finest + 1 :]:
        if getattr(instant, name) != FIELD_STARTS[name]:
            return f"{text!r} stands on {instant.isoformat()}, not at the start of what it names"
    return None
