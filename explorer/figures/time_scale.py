"""The timeline's x scale in pixels, linear or with empty stretches of time cut out.

The gap-compressing (nonlinear) scale hides stretches with no event, so 1945, 2014 and
2022–2026 share one readable axis; plotly draws it with ``rangebreaks``, and
:class:`PixelScale` maps dates to the same pixels, so titles are placed where plotly draws.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

#: A stretch with no event is cut when longer than this share of the whole span and than MIN_GAP.
GAP_SHARE = 0.05
MIN_GAP = dt.timedelta(days=2 * 365)
#: Time kept visible on each side of a cut, as a share of the gap (at most KEPT_MAX).
KEPT_SHARE = 0.02
KEPT_MAX = dt.timedelta(days=120)


def empty_stretches(spans: Iterable[tuple[dt.date, dt.date]]) -> list[tuple[dt.date, dt.date]]:
    """The stretches to cut: between consecutive events (``(first, last)`` day spans) with
    nothing in between, longer than MIN_GAP and GAP_SHARE of everything, less a little
    kept on each side so the events at the edges stay clear of the break.

    >>> empty_stretches([(dt.date(1945, 2, 4), dt.date(1945, 2, 11)), (dt.date(2025, 8, 15), dt.date(2025, 8, 15))])
    [(datetime.date(1945, 6, 12), datetime.date(2025, 4, 17))]
    """
    ordered = sorted(spans)
    if not ordered:
        return []
    total = max(last for _, last in ordered) - ordered[0][0]
    gaps, reached = [], ordered[0][1]
    for first, last in ordered[1:]:
        gap = first - reached
        if gap > MIN_GAP and gap > total * GAP_SHARE:
            kept = min(KEPT_MAX, gap * KEPT_SHARE)
            gaps.append((reached + dt.timedelta(days=1) + kept, first - kept))
        reached = max(reached, last)
    return [(start, end) for start, end in gaps if start < end]


@dataclass
class PixelScale:
    """Pixels across a plot ``width`` wide showing ``start``–``end`` less the ``breaks``."""

    start: dt.datetime
    end: dt.datetime
    width: float
    breaks: list[tuple[dt.datetime, dt.datetime]] = field(default_factory=list)

    def __post_init__(self) -> None:
        inside = [(max(a, self.start), min(b, self.end)) for a, b in sorted(self.breaks)]
        self.breaks = [(a, b) for a, b in inside if a < b]
        cut = sum((b - a).total_seconds() for a, b in self.breaks)
        self.shown_seconds = max(1.0, (self.end - self.start).total_seconds() - cut)

    def segments(self) -> list[tuple[dt.datetime, dt.datetime]]:
        """The stretches of time shown, between the breaks."""
        bounds = [self.start, *(moment for pair in self.breaks for moment in pair), self.end]
        return [(bounds[i], bounds[i + 1]) for i in range(0, len(bounds), 2)]

    def to_px(self, moment: dt.datetime) -> float:
        seconds = (moment - self.start).total_seconds()
        for a, b in self.breaks:
            if moment > a:
                seconds -= (min(moment, b) - a).total_seconds()
        return seconds / self.shown_seconds * self.width

    def to_moment(self, px: float) -> dt.datetime:
        remaining = px / self.width * self.shown_seconds
        moment = self.start
        for a, b in self.breaks:
            before_break = (a - moment).total_seconds()
            if remaining <= before_break:
                break
            remaining -= before_break
            moment = b
        return moment + dt.timedelta(seconds=remaining)


#: Tick steps, finest first: (months, days) per step, and the label format for it.
TICK_STEPS = (
    (0, 1, "%b %-d, %Y"),
    (0, 7, "%b %-d, %Y"),
    (1, 0, "%b %Y"),
    (3, 0, "%b %Y"),
    (6, 0, "%b %Y"),
    (12, 0, "%Y"),
    (24, 0, "%Y"),
    (60, 0, "%Y"),
    (120, 0, "%Y"),
    (240, 0, "%Y"),
    (600, 0, "%Y"),
)
MIN_TICK_PX = 90
MONTH_STEP = TICK_STEPS[2]


def calendar_ticks(scale: PixelScale) -> tuple[list[str], list[str]]:
    """Tick values (ISO dates) and labels for ``scale``, on calendar boundaries (first of a
    month, of a year, or a day), chosen per shown segment so labels stay MIN_TICK_PX apart:
    plotly's own ticks misplace labels across long range breaks."""
    values: list[str] = []
    labels: list[str] = []
    last_px = -MIN_TICK_PX
    for start, end in scale.segments():
        step = _step_for(scale, start, end)
        moments = list(_steps(start, end, step))
        if not moments:  # a stretch too short for its step still names its first month
            step = MONTH_STEP
            moments = list(_steps(start, end, step))[:1]
        for position, moment in enumerate(moments):
            px = scale.to_px(moment)
            # The first tick of a stretch may stand closer: it is the one that says where it starts.
            if px - last_px >= MIN_TICK_PX * (0.7 if position == 0 else 1):
                values.append(moment.date().isoformat())
                labels.append(moment.strftime(step[2]))
                last_px = px
    return values, labels


def _step_for(scale: PixelScale, start: dt.datetime, end: dt.datetime) -> tuple[int, int, str]:
    px_per_day = (scale.to_px(end) - scale.to_px(start)) / max(1e-9, (end - start).total_seconds() / 86400)
    for step in TICK_STEPS:
        if (step[0] * 30.4 + step[1]) * px_per_day >= MIN_TICK_PX:
            return step
    return TICK_STEPS[-1]


def _steps(start: dt.datetime, end: dt.datetime, step: tuple[int, int, str]):
    """Calendar-aligned moments from ``start`` to ``end`` every ``step``."""
    months, days, _ = step
    if days:
        moment = dt.datetime.combine(start.date(), dt.time())
        if days == 7:
            moment -= dt.timedelta(days=moment.weekday())
        while moment <= end:
            if moment >= start:
                yield moment
            moment += dt.timedelta(days=days)
        return
    year, month = start.year, 1
    if months < 12:
        month = start.month - (start.month - 1) % months
    else:
        year -= year % (months // 12)
    while dt.datetime(year, month, 1) <= end:
        if dt.datetime(year, month, 1) >= start:
            yield dt.datetime(year, month, 1)
        month += months
        year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
