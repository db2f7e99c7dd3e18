"""The timeline: events on a time axis in lanes, one lane per actor.

An event with three actors stands in three lanes, joined by a thin vertical line so it reads
as one event. Ranges (``date`` + ``end``) are solid bars; a date known only to the month or
year is an open marker over a faint bar covering the whole month or year. The axis opens on
the densest stretch of time (the overview strip below shows everything), and an analogy
whose far end lies outside that stretch gets a marker at the edge naming it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

import plotly.graph_objects as go

from ..graph import Filters, View, event_node, related_events, split_node
from ..model import Event
from .common import empty_dict, quiet_lines
from .style import (
    EVENT_STYLES,
    GRID,
    HIGHLIGHT,
    INK,
    LINK_LABELS,
    LINK_STYLES,
    MUTED,
    PATH_COLOR,
    actor_color,
    base_layout,
    event_color,
    event_symbol,
    plain,
    shorten,
)
from .time_scale import PixelScale, calendar_ticks, empty_stretches
from .timeline_labels import LABEL_OFFSET_PX, Cluster, Mark, clusters_and_titles

#: Above this many events in view, the timeline shows density per lane, and single events
#: only for a focus period that holds no more than this many.
MAX_DRAWN_EVENTS = 1500
DENSE_HINT = "dense-hint"  # the name of the annotation that says a period is too full to draw
#: Above this many markers, they are drawn with WebGL.
WEBGL_MARKERS = 1000
DENSITY_BINS = 160
NO_ACTOR = "__none__"
OTHER_ACTORS = "__other__"
MAX_LANES = 30
LANE_HEIGHT = 26
# Links drawn only on request (click their legend entry): they chain many events and clutter.
QUIET_LINKS = {"follows", "related_to"}
#: Rows of the band above the lanes where links leading out of view are marked.
LINK_BAND_ROWS = 2
FILTERED_OUT_LINKS = "linked, filtered out"
TITLES = "titles"
#: An estimate of the plot's width in pixels when the page does not say (errs small).
DEFAULT_PLOT_WIDTH = 640
CLUSTER_ZOOM_MARGIN_PX = 20
# A date known only to the month or year: the kind's shape, open or open with a dot.
PRECISION_SUFFIXES = {"day": "", "month": "-open", "year": "-open-dot"}
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


def opening_focus(view: View, selected_event: Event | None, is_compressed: bool) -> tuple[dt.date, dt.date]:
    """The period the timeline opens on when no period is asked for: everything on a
    compressed scale with no date filter, else :func:`default_focus`; moved to the selected
    event when that lies outside."""
    if is_compressed and not (view.filters.start or view.filters.end):
        focus = everything_focus(view.events)
    else:
        focus = default_focus(view.events, view.filters)
    return focus_on(selected_event, focus) if selected_event is not None else focus


def data_key(
    drawn: tuple[Event, ...], lanes: list[str], band_rows: int, density_focus: tuple[dt.date, dt.date] | None
) -> str:
    """A short digest of what the timeline draws besides its titles and annotations: two
    figures with the same key differ only in those, which depend on the shown period and
    the plot's width (so the page can update them alone after a zoom or a resize)."""
    digest = hashlib.blake2b(digest_size=8)
    for part in (*sorted(event.id for event in drawn), "|", *lanes, "|", str(band_rows), str(density_focus)):
        digest.update(part.encode() + b"\0")
    return digest.hexdigest()


def whole_period(events: tuple[Event, ...] | list[Event]) -> tuple[str, str]:
    """The period from the first event to the end of the last, as ISO dates."""
    first = min(event.first for event in events)
    last = max(event.last for event in events) + ONE_DAY
    return first.isoformat(), last.isoformat()


def lanes_for(view: View, max_lanes: int = MAX_LANES, keep: tuple[str, ...] = ()) -> list[str]:
    """Lane keys top to bottom: filtered actors first, then the actors in ``keep`` (those of
    the selected event, so a jump to a far era shows its lanes at the top), then by number
    of events; past ``max_lanes`` the rest share one lane."""
    present = set(view.actor_ids())
    ordered = [a for a in (*view.filters.actors, *keep) if a in present]
    ordered = list(dict.fromkeys(ordered))
    ordered += [a for a in view.actor_ids() if a not in set(ordered)]
    lanes = ordered[:max_lanes]
    if len(ordered) > max_lanes:
        lanes += [a for a in ordered[max_lanes:] if a in keep]
        if len(lanes) < len(ordered):
            lanes.append(OTHER_ACTORS)
    if any(not event.actors for event in view.events):
        lanes.append(NO_ACTOR)
    return lanes


@dataclass
class LanePlan:
    """Where each event stands: lanes top to bottom, and a small vertical offset for
    events that share a lane and a day, so none hides another."""

    keys: list[str]
    index: dict[str, int]
    offsets: dict[tuple[str, str], float] = field(default_factory=dict)

    def lanes_of(self, event: Event) -> list[str]:
        keys = [p.actor if p.actor in self.index else OTHER_ACTORS for p in event.actors] or [NO_ACTOR]
        return list(dict.fromkeys(keys))

    def y(self, event: Event, lane: str) -> float:
        return self.index[lane] + self.offsets.get((event.id, lane), 0.0)


def lanes_to_keep(view: View, selected: str | None) -> tuple[str, ...]:
    """Actors that get a lane of their own whatever their rank: the selected actor, or the
    actors of the selected event."""
    kind, item_id = split_node(selected) if selected else ("", "")
    if kind == "event" and item_id in view.dataset.event_by_id:
        return tuple(view.dataset.event_by_id[item_id].actor_ids())
    return (item_id,) if kind == "actor" else ()


def plan_lanes(
    view: View, max_lanes: int = MAX_LANES, keep: tuple[str, ...] = (), drawn: tuple[Event, ...] | None = None
) -> LanePlan:
    """The :class:`LanePlan` of ``view``; ``keep`` as in :func:`lanes_for`; offsets are
    worked out for the ``drawn`` events (default: all of the view's)."""
    keys = lanes_for(view, max_lanes, keep)
    plan = LanePlan(keys=keys, index={key: i for i, key in enumerate(keys)})
    same_spot: dict[tuple[str, dt.date], list[Event]] = defaultdict(list)
    for event in view.events if drawn is None else drawn:
        for lane in plan.lanes_of(event):
            same_spot[(lane, marker_date(event))].append(event)
    for (lane, _), events in same_spot.items():
        if len(events) > 1:
            step = min(0.5, 0.6 / (len(events) - 1))
            for position, event in enumerate(events):
                plan.offsets[(event.id, lane)] = (position - (len(events) - 1) / 2) * step
    return plan


def timeline_figure(view: View, *args, **kwargs) -> go.Figure:
    """The timeline of ``view`` as a plotly Figure; the arguments as for :func:`timeline_dict`."""
    return go.Figure(timeline_dict(view, *args, **kwargs), _validate=False)


def timeline_dict(
    view: View,
    selected: str | None = None,
    focus: tuple[dt.date, dt.date] | None = None,
    max_lanes: int = MAX_LANES,
    max_drawn: int = MAX_DRAWN_EVENTS,
    exact_range: tuple[str, str] | None = None,
    plot_width: float = DEFAULT_PLOT_WIDTH,
    compress_gaps: bool = False,
    highlight: Sequence[str] = (),
) -> dict:
    """The timeline of ``view`` as a plain figure dict (``data``, ``layout``), which the
    browser takes as it is: building a plotly Figure copies every point, which took most
    of the time of a timeline callback. ``selected`` is a node id (``event:…`` or ``actor:…``)
    to highlight, ``focus`` the initial x range (default: :func:`default_focus`).
    ``highlight`` (event ids: a network path's, a pair's shared events) are ringed.

    With more than ``max_drawn`` events, lanes show event density, and single events only
    for a ``focus`` that holds at most ``max_drawn`` (the app re-renders on zoom).
    ``exact_range`` (ISO date or date-time strings) is the x range to show when it is more
    precise than ``focus``'s days, as after a zoom to hours. Without it, a selection
    outside the focus moves the focus to the selection. ``plot_width`` (pixels, an estimate
    that errs small) decides which event titles fit beside their markers. ``compress_gaps``
    cuts stretches with no event out of the axis (marked by breaks) and opens on everything."""
    if view.is_empty:
        return empty_dict("No events match these filters", "Remove a filter or widen the date range.")
    dataset = view.dataset
    selected_kind, selected_id = split_node(selected) if selected else ("", "")
    selected_event = dataset.event_by_id.get(selected_id) if selected_kind == "event" else None
    gaps = empty_stretches((event.first, event.last) for event in view.events) if compress_gaps else []
    home = opening_focus(view, selected_event, bool(gaps))
    if focus is None:
        focus = home
    elif selected_event is not None and exact_range is None and focus_on(selected_event, focus) != focus:
        focus, exact_range = focus_on(selected_event, focus), None
    x_range = list(exact_range) if exact_range else [focus[0].isoformat(), focus[1].isoformat()]
    is_dense = len(view.events) > max_drawn
    drawn = view.events
    in_focus: tuple[Event, ...] = ()
    if is_dense:
        in_focus = tuple(e for e in view.events if e.last >= focus[0] and e.first <= focus[1])
        drawn = in_focus if len(in_focus) <= max_drawn else ()
    plan = plan_lanes(view, max_lanes, lanes_to_keep(view, selected), drawn=drawn)
    lanes = plan.keys
    lane_set = set(lanes)

    # Plain dicts throughout: a plotly Figure validates (and copies) every property it is given.
    traces: list[dict] = []
    notes: list[dict] = []
    if is_dense:
        _add_density(traces, view, plan, focus, faint=bool(drawn))
    _add_spans(traces, drawn, plan)
    _add_connectors(traces, drawn, plan)
    _add_link_lines(traces, view, plan, drawn)
    _add_markers(traces, view, plan, drawn)
    start, end = (dt.datetime.fromisoformat(bound) for bound in x_range)
    moments = [(dt.datetime.combine(a, dt.time()), dt.datetime.combine(b, dt.time())) for a, b in gaps]
    scale = PixelScale(start, end, plot_width, moments)
    clusters = _add_titles(traces, plan, drawn, scale)
    hidden_links = filtered_out_links(view, drawn)
    band_rows = (LINK_BAND_ROWS if has_link_band(view, drawn) else 0) + bool(hidden_links)
    if hidden_links:
        _add_filtered_out_links(traces, hidden_links)
    _add_precision_legend(traces)
    actor_kinds = {dataset.actor_by_id[lane].kind for lane in plan.keys if lane in dataset.actor_by_id}
    _add_actor_legend(traces, sorted(actor_kinds))
    if is_dense and not drawn:
        notes.append(
            dict(
                text=plain(
                    f"{len(in_focus):,} events in this period: "
                    "shading shows how many per lane. Zoom in (drag across the plot) to see them one by one."
                    if in_focus
                    else "No event in this period: pan with the strip below, or choose “all”, to find some."
                ),
                xref="paper",
                yref="paper",
                x=0.5,
                y=1.0,
                yanchor="bottom",
                showarrow=False,
                bgcolor="rgba(238,244,251,0.95)",
                bordercolor="#9fc3e7",
                font={"size": 12},
                name=DENSE_HINT,  # the page shows it as a notice instead (see explorer/web/notices.py)
            )
        )
    if selected_event is not None and selected_event in drawn:
        traces.append(
            dict(
                type="scatter",
                x=[marker_date(selected_event)] * len(plan.lanes_of(selected_event)),
                y=[plan.y(selected_event, lane) for lane in plan.lanes_of(selected_event)],
                mode="markers",
                marker={"symbol": "circle-open", "size": 22, "color": HIGHLIGHT, "line": {"width": 3}},
                hoverinfo="skip",
                showlegend=False,
                name="selected",
            )
        )
    if highlight:
        traces.append(highlight_ring(plan, [e for e in drawn if e.id in set(highlight)]))
    names = {NO_ACTOR: "(no actor)", OTHER_ACTORS: "Other actors"}
    tick_text = []
    for lane in lanes:
        actor = dataset.actor_by_id.get(lane)
        label = plain(shorten(actor.name, 26) if actor is not None else names.get(lane, lane))
        if actor is not None:
            label = f"<span style='color:{actor_color(actor.kind)}'>{label}</span>"
        if selected_kind == "actor" and lane == selected_id:
            label = f"<b>▶ {label}</b>"
        tick_text.append(label)
    shapes = []
    if selected_kind == "actor" and selected_id in lane_set:
        index = lanes.index(selected_id)
        shapes.append(
            {
                "type": "rect",
                "xref": "paper",
                "x0": 0,
                "x1": 1,
                "yref": "y",
                "y0": index - 0.5,
                "y1": index + 0.5,
                "fillcolor": "rgba(255, 214, 102, 0.28)",
                "line": {"width": 0},
                "layer": "below",
            }
        )
    if band_rows:
        shapes.append(_link_band_shape(band_rows))
    hidden = hidden_in_lanes(view, plan, focus)
    legend_entries = sum(1 for trace in traces if trace.get("showlegend") is not False and trace.get("name"))
    height = max(380, 170 + LANE_HEIGHT * (len(lanes) + band_rows), 200 + 22 * legend_entries)
    layout = base_layout(
        height=height,
        margin={"l": 10, "r": 10, "t": 96, "b": 10},
        showlegend=True,
        legend={
            "x": 1.01,
            "xanchor": "left",
            "y": 1.0,
            "yanchor": "top",
            "font": {"size": 10},
            "tracegroupgap": 8,
            "itemwidth": 30,
            "grouptitlefont": {"size": 11},
        },
        hovermode="closest",
        dragmode="zoom",
        shapes=shapes,
        annotations=[
            *notes,
            *analogy_markers(view, focus, drawn),
            *_hidden_count_markers(hidden, plan),
            *clusters,
        ],
        uirevision=":".join(x_range),
        meta={
            "lanes": lanes,
            "focus": [focus[0].isoformat(), focus[1].isoformat()],
            "home": [home[0].isoformat(), home[1].isoformat()],
            "whole": list(whole_period(view.events)),
            "dense": is_dense,
            "drawn": len(drawn),
            "width": plot_width,
            "key": data_key(drawn, lanes, band_rows, focus if is_dense else None),
        },
    )
    layout["xaxis"] = dict(
        type="date",
        range=x_range,
        showgrid=True,
        gridcolor=GRID,
        rangeslider={"visible": True, "thickness": 0.07, "bgcolor": "#f5f7fa"},
        rangeselector={
            "buttons": [
                {"count": 3, "step": "month", "stepmode": "backward", "label": "3m"},
                {"count": 1, "step": "year", "stepmode": "backward", "label": "1y"},
                {"count": 5, "step": "year", "stepmode": "backward", "label": "5y"},
                {"step": "all", "label": "all"},
            ],
            "x": 0,
            "xanchor": "left",
            # Above the top date axis (two lines of labels): about 40 px, in units of the plot's height.
            "y": 1.0 + 40 / max(200, height - 100),
            "yanchor": "bottom",
            "font": {"size": 11},
        },
    )
    # A second date axis on top, tied to the first, so dates stay readable above many lanes.
    # Its ticks are worked out like the bottom axis's ("auto"): plotly.js otherwise gives an
    # overlaying axis "sync" ticks, placed by pixel and so seconds off midnight, labelled
    # with the wrong day.
    traces.append(
        dict(
            type="scatter",
            x=[home[0]],
            y=[0],
            xaxis="x2",
            mode="markers",
            marker={"opacity": 0},
            hoverinfo="skip",
            showlegend=False,
            name="top axis",
        )
    )
    layout["xaxis2"] = {
        "type": "date",
        "overlaying": "x",
        "matches": "x",
        "tickmode": "auto",
        "side": "top",
        "showgrid": False,
        "tickfont": {"size": 11, "color": MUTED},
    }
    if gaps:
        _add_breaks(layout, gaps, scale)
    layout["yaxis"] = dict(
        type="linear",
        range=[len(lanes) - 0.5, -0.5 - band_rows],
        tickvals=[band_y(0)] * bool(band_rows) + list(range(len(lanes))),
        ticktext=[f"<i style='color:{MUTED}'>links out of view</i>"] * bool(band_rows) + tick_text,
        zeroline=False,
        fixedrange=True,
        # Room between the lane names and the plot for the counts of events out of view.
        ticklabelstandoff=8 + 7 * max((len(item.text()) for item in hidden), default=0),
        showgrid=True,
        gridcolor=GRID,
        automargin=True,
    )
    return {"data": traces, "layout": layout}


@dataclass
class HiddenInLane:
    """How many of a lane's events lie before and after the shown period, and the period
    that shows them all."""

    lane: str
    before: int
    after: int
    period: tuple[dt.date, dt.date]

    def text(self) -> str:
        """``◀3 · 2▶``: three events earlier, two later."""
        parts = [f"◀{self.before}"] * bool(self.before) + [f"{self.after}▶"] * bool(self.after)
        return " · ".join(parts)


def hidden_in_lanes(view: View, plan: LanePlan, focus: tuple[dt.date, dt.date]) -> list[HiddenInLane]:
    """For each lane with events outside ``focus``: how many lie before and after it, and
    the period from the lane's first event to its last (with a small margin)."""
    start, end = focus
    found: dict[str, list] = {}
    for event in view.events:
        day = marker_date(event)
        if start <= day <= end:
            continue
        for lane in plan.lanes_of(event):
            before, after, first, last = found.get(lane, (0, 0, day, day))
            found[lane] = [before + (day < start), after + (day > end), min(first, day), max(last, day)]
    hidden = []
    for lane, (before, after, first, last) in found.items():
        first, last = min(first, start), max(last, end)
        margin = max(ONE_DAY, (last - first) * 0.02)
        hidden.append(HiddenInLane(lane, before, after, (first - margin, last + margin)))
    return hidden


def _hidden_count_markers(hidden: list[HiddenInLane], plan: LanePlan) -> list[dict]:
    """Clickable counts just left of the plot, beside each lane's name; ``name`` is
    ``period:START/END``, the period that shows the lane's hidden events."""
    return [
        {
            "x": 0,
            "xref": "paper",
            "xanchor": "right",
            "xshift": -3,
            "y": plan.index[item.lane],
            "yref": "y",
            "text": item.text(),
            "showarrow": False,
            "bgcolor": "#eef2f7",
            "borderpad": 2,
            "font": {"size": 10, "color": "#3e4c59"},
            "captureevents": True,
            "name": f"period:{item.period[0].isoformat()}/{item.period[1].isoformat()}",
        }
        for item in hidden
    ]


def _link_band_shape(rows: int) -> dict:
    """The faint background of the link band above the lanes."""
    return {
        "type": "rect",
        "xref": "paper",
        "x0": 0,
        "x1": 1,
        "yref": "y",
        "y0": -0.5 - rows,
        "y1": -0.5,
        "fillcolor": "rgba(250, 244, 236, 0.7)",
        "line": {"width": 0},
        "layer": "below",
    }


def _add_density(traces: list[dict], view: View, plan: LanePlan, focus: tuple[dt.date, dt.date], faint: bool) -> None:
    """A heatmap of how many events each lane has per period of the focus range."""
    start, end = focus
    span_days = max(1, (end - start).days)
    bins = min(DENSITY_BINS, span_days)
    counts = [[0] * bins for _ in plan.keys]
    for event in view.events:
        day = marker_date(event)
        if day < start or day > end:
            continue
        column = min(bins - 1, (day - start).days * bins // span_days)
        for lane in plan.lanes_of(event):
            counts[plan.index[lane]][column] += 1
    width = dt.timedelta(days=span_days / bins)
    traces.append(
        dict(
            type="heatmap",
            x=[start + width * (i + 0.5) for i in range(bins)],
            y=list(range(len(plan.keys))),
            z=[[count or None for count in row] for row in counts],
            colorscale=[[0, "#e8eef6"], [1, "#1f4e8c"]],
            zmin=0,
            showscale=False,
            opacity=0.45 if faint else 0.95,
            hovertemplate="%{z} events<br>around %{x|%b %Y}<extra></extra>",
            name="density",
        )
    )


def _add_spans(traces: list[dict], events: tuple[Event, ...], plan: LanePlan) -> None:
    """Bars for ranges (solid) and for dates known only to the month or year (faint)."""
    spans: dict[tuple[str, bool], tuple[list, list]] = defaultdict(lambda: ([], []))
    for event in events:
        is_range = event.is_range
        if not is_range and event.date.precision == "day":
            continue
        xs, ys = spans[(event.kind, is_range)]
        for lane in plan.lanes_of(event):
            y = plan.y(event, lane)
            xs += [event.first, event.last + ONE_DAY, None]
            ys += [y, y, None]
    for (kind, is_range), (xs, ys) in spans.items():
        traces.append(
            dict(
                type="scatter",
                x=xs,
                y=ys,
                mode="lines",
                line={"color": event_color(kind), "width": 7 if is_range else 12},
                opacity=0.65 if is_range else 0.18,
                hoverinfo="skip",
                showlegend=False,
                legendgroup=kind,
                name=f"{kind} span",
            )
        )


def _add_connectors(traces: list[dict], events: tuple[Event, ...], plan: LanePlan) -> None:
    xs: list = []
    ys: list = []
    for event in events:
        lanes = plan.lanes_of(event)
        if len(lanes) > 1:
            x = marker_date(event)
            for lane in lanes:
                xs.append(x)
                ys.append(plan.y(event, lane))
            xs.append(None)
            ys.append(None)
    if xs:
        traces.append(quiet_lines(xs, ys, "#c3c9d0", 1, "same event"))


def _add_link_lines(traces: list[dict], view: View, plan: LanePlan, drawn: tuple[Event, ...]) -> None:
    in_view = {event.id: event for event in drawn}
    lines: dict[str, tuple[list, list]] = defaultdict(lambda: ([], []))
    for event in drawn:
        for link in event.links:
            target = in_view.get(link.to)
            if target is None:
                continue
            xs, ys = lines[link.kind]
            xs += [marker_date(event), marker_date(target), None]
            ys += [plan.y(event, plan.lanes_of(event)[0]), plan.y(target, plan.lanes_of(target)[0]), None]
    for kind, (xs, ys) in sorted(lines.items()):
        color, dash = LINK_STYLES.get(kind, (MUTED, "dot"))
        traces.append(
            dict(
                type="scatter",
                x=xs,
                y=ys,
                mode="lines",
                line={"color": color, "dash": dash, "width": 1.6},
                hoverinfo="skip",
                visible="legendonly" if kind in QUIET_LINKS else True,
                name=LINK_LABELS.get(kind, (kind,))[0],
                legendgroup="links",
                legendgrouptitle={"text": "Links"},
            )
        )


def _add_markers(traces: list[dict], view: View, plan: LanePlan, drawn: tuple[Event, ...]) -> None:
    dataset = view.dataset
    by_kind: dict[str, list[Event]] = defaultdict(list)
    for event in drawn:
        by_kind[event.kind].append(event)
    marker_count = sum(len(plan.lanes_of(event)) for event in drawn)
    trace_type = "scattergl" if marker_count > WEBGL_MARKERS else "scatter"
    for kind, events in by_kind.items():
        xs, ys, symbols, custom = [], [], [], []
        for event in events:
            actors = ", ".join(
                dataset.actor_by_id[p.actor].name if p.actor in dataset.actor_by_id else p.actor for p in event.actors
            )
            hover = (
                f"<b>{plain(shorten(event.title, 70))}</b><br>{plain(date_text(event))}"
                f"<br>{plain(kind)}{' · ' + plain(shorten(actors, 80)) if actors else ''}"
            )
            for lane in plan.lanes_of(event):
                xs.append(marker_date(event))
                ys.append(plan.y(event, lane))
                symbols.append(event_symbol(kind) + PRECISION_SUFFIXES[event.date.precision])
                custom.append([event_node(event.id), hover, lane])
        traces.append(
            dict(
                type=trace_type,
                x=xs,
                y=ys,
                mode="markers",
                marker={
                    "color": event_color(kind),
                    "size": 12,
                    "symbol": symbols,
                    "line": {"width": 1.5, "color": event_color(kind)},
                },
                customdata=custom,
                hovertemplate="%{customdata[1]}<extra></extra>",
                name=kind,
                legendgroup=kind,
                showlegend=False,
            )
        )
    order = {kind: position for position, kind in enumerate(EVENT_STYLES)}
    _add_kind_legend(traces, sorted(by_kind, key=lambda kind: (order.get(kind, len(order)), kind)))


def legend_key(name: str, group: str, marker: dict, title: str | None = None) -> dict:
    """A legend entry with no points: ``marker`` as shown in the legend, in ``group``
    (clicking it toggles the group's traces), under ``title`` when it opens the group."""
    return dict(
        type="scatter",
        x=[None],
        y=[None],
        mode="markers",
        marker={"size": 10, **marker},
        name=name,
        legendgroup=group,
        legendgrouptitle={"text": title} if title else None,
        hoverinfo="skip",
    )


def _add_kind_legend(traces: list[dict], kinds: list[str]) -> None:
    """One legend entry per kind with its filled shape (a marker trace's legend shows its
    first point's symbol, which may be a fuzzy date's open one); a click toggles the kind."""
    for position, kind in enumerate(kinds):
        marker = {"symbol": event_symbol(kind), "color": event_color(kind)}
        traces.append(legend_key(kind, kind, marker, "Event kinds" if position == 0 else None))


def _add_actor_legend(traces: list[dict], actor_kinds: list[str]) -> None:
    """What the colours of the lane names mean: one entry per kind of actor shown."""
    for position, kind in enumerate(actor_kinds):
        marker = {"symbol": "square", "color": actor_color(kind)}
        traces.append(legend_key(kind, "actor kinds", marker, "Lane names" if position == 0 else None))


def _add_precision_legend(traces: list[dict]) -> None:
    for precision, label in (("day", "exact day"), ("month", "month known"), ("year", "year known")):
        marker = {"symbol": "circle" + PRECISION_SUFFIXES[precision], "color": MUTED}
        traces.append(legend_key(label, "precision", marker, "Date" if precision == "day" else None))


def everything_focus(events: tuple[Event, ...]) -> tuple[dt.date, dt.date]:
    """From the first event to the last, with a few days' margin."""
    first, last = min(e.first for e in events), max(e.last for e in events)
    return first - dt.timedelta(days=10), last + dt.timedelta(days=10)


def _add_breaks(layout: dict, gaps: list[tuple[dt.date, dt.date]], scale: PixelScale) -> None:
    """Cut ``gaps`` out of both date axes, with ticks of our own on each shown stretch, and
    mark each cut with a dotted line and how long a stretch it hides."""
    breaks = [{"bounds": [a.isoformat(), b.isoformat()]} for a, b in gaps]
    values, labels = calendar_ticks(scale)
    ticks = {"rangebreaks": breaks, "tickmode": "array", "tickvals": values, "ticktext": labels}
    layout["xaxis"].update(ticks)
    layout["xaxis2"].update(ticks)
    for a, b in gaps:
        years = (b - a).days / 365.25
        hidden = f"{years:.0f} years" if years >= 2 else f"{(b - a).days} days"
        layout["shapes"].append(
            dict(
                type="line",
                x0=a.isoformat(),
                x1=a.isoformat(),
                yref="paper",
                y0=0,
                y1=1,
                line={"color": MUTED, "width": 3, "dash": "dot"},
                layer="above",
            )
        )
        layout["annotations"].append(
            dict(
                x=a.isoformat(),
                y=1,
                yref="paper",
                yanchor="top",
                text=f"⫽ {hidden}",
                showarrow=False,
                font={"size": 10, "color": MUTED},
                bgcolor="#ffffff",
                name="break",
            )
        )


def _add_titles(traces: list[dict], plan: LanePlan, drawn: tuple[Event, ...], scale: PixelScale) -> list[dict]:
    """Event titles beside their markers where they fit (one text trace), and "+N" cluster
    markers, returned as annotations whose click zooms on the cluster (``period:…``)."""
    plot_width = scale.width

    def to_px(day: dt.date) -> float:
        return scale.to_px(dt.datetime.combine(day, dt.time()))

    marks: dict[str, list[tuple[float, Event]]] = defaultdict(list)
    for event in drawn:
        for lane in plan.lanes_of(event):
            marks[lane].append((to_px(marker_date(event)), event))
    xs, ys, texts, clusters = [], [], [], []
    by_id = {event.id: event for event in drawn}
    labelled: set[str] = set()  # an event in several lanes is named once, in the first with room
    for lane in plan.keys:
        lane_marks = [Mark(x, event.id, event.title, event.id not in labelled) for x, event in marks.get(lane, [])]
        lane_clusters, labels = clusters_and_titles(lane_marks, plot_width)
        for label in labels:
            labelled.add(label.event_id)
            event = by_id[label.event_id]
            xs.append(marker_date(event))
            ys.append(plan.y(event, lane))
            texts.append(plain(label.text))
        clusters += [_cluster_marker(cluster, plan.index[lane], scale.to_moment) for cluster in lane_clusters]
    # Always drawn (if empty), so a zoom or resize can replace the titles alone.
    traces.append(
        dict(
            type="scatter",
            x=xs,
            y=ys,
            text=texts,
            # Invisible markers of the drawn markers' size push each title clear of its
            # marker; on the top axis (tied to the bottom one), so the overview strip,
            # which draws the bottom axis's traces, stays free of text.
            mode="markers+text",
            marker={"size": 14, "opacity": 0},
            xaxis="x2",
            textposition="middle right",
            textfont={"size": 10, "color": "#3e4c59"},
            hoverinfo="skip",
            showlegend=False,
            name=TITLES,
        )
    )
    return clusters


def _cluster_marker(cluster: Cluster, y: int, to_moment) -> dict:
    """A "+N" badge right of a cluster's last marker; its click shows the cluster's stretch
    of time."""
    margin = max(CLUSTER_ZOOM_MARGIN_PX, (cluster.last_x - cluster.first_x) * 0.5)
    first, last = to_moment(cluster.first_x - margin), to_moment(cluster.last_x + margin)
    return {
        "x": to_moment(cluster.last_x).isoformat(timespec="minutes"),
        "xanchor": "left",
        "xshift": LABEL_OFFSET_PX,
        "y": y,
        "yref": "y",
        "text": f"+{cluster.count}",
        "showarrow": False,
        "bgcolor": "#ffffff",
        "bordercolor": MUTED,
        "borderwidth": 1,
        "borderpad": 1,
        "font": {"size": 9, "color": INK},
        "captureevents": True,
        "name": f"period:{period_text(first)}/{period_text(last)}",
    }


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


@dataclass
class FarLink:
    """An event linked from shown events that the timeline does not show where it stands:
    outside the shown period (``side`` ``"before"`` or ``"after"``) or filtered out
    (``is_filtered_out``; ``side`` ``"inside"`` when it falls in the shown period)."""

    event: Event
    kind: str
    direction: str
    sources: list[Event]
    side: str
    is_filtered_out: bool

    def label(self) -> str:
        """``compared to Yalta conference of Ro… (4 Feb 1945) ×2 · filtered out``: the link,
        the far event, how many shown events link to it, and whether the filters hide it."""
        labels = LINK_LABELS.get(self.kind, (self.kind, self.kind))
        title = shorten(self.event.title, 24)
        text = f"{labels[0 if self.direction == 'out' else 1]} {title} ({self.event.date.describe()})"
        if len(self.sources) > 1:
            text += f" ×{len(self.sources)}"
        if self.is_filtered_out:
            text += " · filtered out"
        return text


def far_links(view: View, focus: tuple[dt.date, dt.date], drawn: tuple[Event, ...] | None = None) -> list[FarLink]:
    """The events that ``drawn`` events in ``focus`` link to (or are linked from) and that are
    outside ``focus`` or filtered out of ``view``; quiet links (follows, related to) aside.
    Nearest first on each side."""
    start, end = focus
    in_view = {event.id for event in view.events}
    found: dict[str, FarLink] = {}
    for event in view.events if drawn is None else drawn:
        if event.last < start or event.first > end:
            continue
        for direction, kind, other in related_events(view.dataset, event.id):
            day = marker_date(other)
            side = "before" if day < start else "after" if day > end else "inside"
            is_filtered_out = other.id not in in_view
            if kind in QUIET_LINKS or (side == "inside" and not is_filtered_out):
                continue
            link = found.setdefault(other.id, FarLink(other, kind, direction, [], side, is_filtered_out))
            if event not in link.sources:
                link.sources.append(event)
    return sorted(found.values(), key=lambda link: abs((marker_date(link.event) - start).days))


def has_link_band(view: View, drawn: tuple[Event, ...]) -> bool:
    """Whether the timeline keeps a band above the lanes for links that lead out of view:
    when any drawn event has a link that is drawn there (not a quiet one)."""
    links_into = view.dataset.links_into
    return any(
        link.kind not in QUIET_LINKS
        for event in drawn
        for link in [*event.links, *(link for _, link in links_into.get(event.id, []))]
    )


def band_y(row: int) -> float:
    """The y of row ``row`` of the link band (0: next to the first lane)."""
    return -1.0 - row


def analogy_markers(view: View, focus: tuple[dt.date, dt.date], drawn: tuple[Event, ...] | None = None) -> list[dict]:
    """Edge markers for linked events outside ``focus`` (filtered out or not), in the link
    band above the lanes, so they never cover an event: earlier ones at the left edge,
    later ones at the right, nearest first, one per band row; past the band's rows one
    "N more" marker sums up the rest. Each names the far event and its date; its ``name``
    is ``goto:event:ID`` so a click can jump there."""
    links = far_links(view, focus, drawn)
    first_row = 1 if filtered_out_links(view, drawn) else 0
    markers = []
    for side in ("before", "after"):
        on_side = [link for link in links if link.side == side]
        shown = on_side if len(on_side) <= LINK_BAND_ROWS else on_side[: LINK_BAND_ROWS - 1]
        for row, link in enumerate(shown):
            markers.append(_edge_marker(link.label(), side, first_row + row, f"goto:{event_node(link.event.id)}"))
        if len(shown) < len(on_side):
            rest = on_side[len(shown) :]
            text = f"{len(rest)} more linked events {'earlier' if side == 'before' else 'later'}"
            marker = _edge_marker(text, side, first_row + len(shown), "")
            marker["hovertext"] = plain("<br>".join(link.label() for link in rest[:12]))
            markers.append(marker)
    return markers


def _edge_marker(text: str, side: str, row: int, name: str) -> dict:
    is_before = side == "before"
    return {
        "x": 0.002 if is_before else 0.998,
        "xref": "paper",
        "xanchor": "left" if is_before else "right",
        "y": band_y(row),
        "yref": "y",
        "text": plain(f"◀ {text}" if is_before else f"{text} ▶"),
        "showarrow": False,
        "bgcolor": "rgba(255, 244, 229, 0.95)",
        "bordercolor": LINK_STYLES["compares_to"][0],
        "borderwidth": 1.5 if name else 0.5,
        "borderpad": 3,
        "font": {"size": 11, "color": "#7a3100"},
        "captureevents": bool(name),
        "name": name,
    }


def filtered_out_links(view: View, drawn: tuple[Event, ...] | None = None) -> list[FarLink]:
    """The events the filters hide that ``drawn`` events (default: all of the view's) link to."""
    everything = (dt.date.min, dt.date.max)
    return [link for link in far_links(view, everything, drawn) if link.is_filtered_out]


def _add_filtered_out_links(traces: list[dict], hidden: list[FarLink]) -> None:
    """Grey diamonds in the link band's first row at the dates of linked events that the
    filters hide; hover names them, a click selects them."""
    traces.append(
        dict(
            type="scatter",
            x=[marker_date(link.event) for link in hidden],
            y=[band_y(0)] * len(hidden),
            mode="markers",
            marker={"symbol": "diamond", "size": 11, "color": "#c3c9d0", "line": {"width": 1, "color": MUTED}},
            customdata=[[event_node(link.event.id), plain(link.label()), ""] for link in hidden],
            hovertemplate="%{customdata[1]}<extra></extra>",
            showlegend=False,
            name=FILTERED_OUT_LINKS,
        )
    )


def highlight_ring(plan, events: Sequence[Event]) -> dict:
    """Rings over ``events`` in every lane they are drawn in (``name="highlighted"``)."""
    points = [(marker_date(event), plan.y(event, lane)) for event in events for lane in plan.lanes_of(event)]
    return dict(
        type="scatter",
        x=[x for x, _ in points],
        y=[y for _, y in points],
        mode="markers",
        marker={"symbol": "circle-open", "size": 20, "color": PATH_COLOR, "line": {"width": 3}},
        hoverinfo="skip",
        showlegend=False,
        name="highlighted",
    )
