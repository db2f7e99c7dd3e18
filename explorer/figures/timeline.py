"""The timeline: events on a time axis in lanes, one lane per actor.

An event with three actors stands in three lanes, joined by a thin vertical line so it reads
as one event. Ranges (``date`` + ``end``) are solid bars; a date known only to the month or
year is an open marker over a faint bar covering the whole month or year. The axis opens on
the densest stretch of time (the overview strip below shows everything), and an analogy
whose far end lies outside that stretch gets a marker at the edge naming it.

This module puts the figure together; its parts live beside it: the period shown
(:mod:`.timeline_period`), the lanes (:mod:`.timeline_lanes`), links out of view
(:mod:`.timeline_links`), the traces (:mod:`.timeline_traces`) and where titles fit
(:mod:`.timeline_labels`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

import plotly.graph_objects as go

from ..graph import View, split_node
from ..model import Event
from .common import empty_dict
from .style import GRID, MUTED, base_layout, plain
from .time_scale import PixelScale, calendar_ticks, empty_stretches
from .timeline_lanes import (
    MAX_LANES,
    LanePlan,
    hidden_count_markers,
    hidden_in_lanes,
    lane_names,
    lanes_to_keep,
    plan_lanes,
    selected_lane_shape,
)
from .timeline_links import (
    EVENT_AXIS,
    FILTERED_OUT_LINKS,
    LINK_BAND_ROWS,
    FarLink,
    analogy_markers,
    band_name,
    band_y,
    filtered_out_links,
    filtered_out_trace,
    has_link_band,
    link_band_shape,
    link_line_traces,
)
from .timeline_period import (
    date_text,
    default_focus,
    focus_on,
    marker_date,
    opening_focus,
    period_text,
    whole_period,
    window_around,
)
from .timeline_traces import (
    OVERVIEW_Y,
    TITLES,
    connector_trace,
    density_trace,
    highlight_ring,
    legend_keys,
    marker_trace,
    overview_trace,
    selected_ring,
    span_trace,
    titles_and_clusters,
)

# What other modules use from the timeline, wherever it is defined.
__all__ = [
    "DENSE_HINT",
    "DEFAULT_PLOT_WIDTH",
    "FILTERED_OUT_LINKS",
    "TITLES",
    "date_text",
    "default_focus",
    "focus_on",
    "lanes_that_fit",
    "legend_across_height",
    "legend_height",
    "put_legend_below",
    "marker_date",
    "period_text",
    "timeline_dict",
    "timeline_figure",
    "window_around",
]

#: Above this many events in view, the timeline shows density per lane, and single events
#: only for a focus period that holds no more than this many.
MAX_DRAWN_EVENTS = 1500
DENSE_HINT = "dense-hint"  # the name of the annotation that says a period is too full to draw
LANE_HEIGHT = 26
#: The timeline's height besides its rows: title, both date axes, the zoom buttons, the margins.
FRAME_HEIGHT = 170
#: An estimate of the plot's width in pixels when the page does not say (errs small).
DEFAULT_PLOT_WIDTH = 640
RANGE_BUTTONS = [
    {"count": 3, "step": "month", "stepmode": "backward", "label": "3m"},
    {"count": 1, "step": "year", "stepmode": "backward", "label": "1y"},
    {"count": 5, "step": "year", "stepmode": "backward", "label": "5y"},
    {"step": "all", "label": "all"},
]


@dataclass
class ShownTimeline:
    """What a timeline shows, decided before anything is drawn: the period (``home`` is the
    one it opens on, ``focus`` the one shown, in days, ``x_range`` precisely), the events
    drawn one by one (all, or with ``is_dense`` those of a focus that holds few enough), the
    lanes, the pixel scale titles are placed on, and the links that lead out of view."""

    view: View
    selected_kind: str
    selected_id: str
    selected_event: Event | None
    gaps: list[tuple[dt.date, dt.date]]
    home: tuple[dt.date, dt.date]
    focus: tuple[dt.date, dt.date]
    x_range: list[str]
    is_dense: bool
    in_focus: tuple[Event, ...]
    drawn: tuple[Event, ...]
    plan: LanePlan
    scale: PixelScale
    hidden_links: list[FarLink]
    band_rows: int


def lanes_that_fit(height: int) -> int:
    """The most lanes a timeline drawn ``height`` pixels tall holds at LANE_HEIGHT each, beside
    the link band's rows and the shared "Other actors" lane (at least 3, at most MAX_LANES):
    squeezed into a smaller height, rows overlap their neighbours' names and link markers."""
    rows = (height - FRAME_HEIGHT) // LANE_HEIGHT - (LINK_BAND_ROWS + 1) - 1
    return max(3, min(MAX_LANES, rows))


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
    browser takes as it is. ``selected`` is a node id (``event:…`` or ``actor:…``) to
    highlight, ``focus`` the initial x range (default: :func:`default_focus`).
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
    shown = shown_timeline(view, selected, focus, max_lanes, max_drawn, exact_range, plot_width, compress_gaps)
    traces, clusters = timeline_traces(shown, highlight)
    return {"data": traces, "layout": timeline_layout(shown, traces, clusters)}


def shown_timeline(
    view: View,
    selected: str | None,
    focus: tuple[dt.date, dt.date] | None,
    max_lanes: int,
    max_drawn: int,
    exact_range: tuple[str, str] | None,
    plot_width: float,
    compress_gaps: bool,
) -> ShownTimeline:
    """The :class:`ShownTimeline` for :func:`timeline_dict`'s arguments."""
    selected_kind, selected_id = split_node(selected) if selected else ("", "")
    selected_event = view.dataset.event_by_id.get(selected_id) if selected_kind == "event" else None
    gaps = empty_stretches((event.first, event.last) for event in view.events) if compress_gaps else []
    home = opening_focus(view, selected_event, bool(gaps))
    if focus is None:
        focus = home
    elif selected_event is not None and exact_range is None:
        focus = focus_on(selected_event, focus)
    x_range = list(exact_range) if exact_range else [focus[0].isoformat(), focus[1].isoformat()]
    is_dense = len(view.events) > max_drawn
    in_focus = tuple(e for e in view.events if e.last >= focus[0] and e.first <= focus[1]) if is_dense else ()
    drawn = (in_focus if len(in_focus) <= max_drawn else ()) if is_dense else view.events
    plan = plan_lanes(view, max_lanes, lanes_to_keep(view, selected), drawn=drawn)
    hidden_links = filtered_out_links(view, drawn)
    band_rows = (LINK_BAND_ROWS if has_link_band(view, drawn) else 0) + bool(hidden_links)
    start, end = (dt.datetime.fromisoformat(bound) for bound in x_range)
    moments = [(dt.datetime.combine(a, dt.time()), dt.datetime.combine(b, dt.time())) for a, b in gaps]
    scale = PixelScale(start, end, plot_width, moments)
    return ShownTimeline(
        view, selected_kind, selected_id, selected_event, gaps, home, focus, x_range, is_dense, in_focus, drawn,
        plan, scale, hidden_links, band_rows,
    )  # fmt: skip


def timeline_traces(shown: ShownTimeline, highlight: Sequence[str]) -> tuple[list[dict], list[dict]]:
    """The traces, bottom to top, and the "+N" cluster annotations."""
    view, plan, drawn = shown.view, shown.plan, shown.drawn
    traces = [overview_trace(view, plan, whole_dates(view))]
    if shown.is_dense:
        traces.append(density_trace(view, plan, shown.focus, faint=bool(drawn)))
    traces += [span_trace(drawn, plan), connector_trace(drawn, plan), *link_line_traces(plan, drawn)]
    traces.append(marker_trace(view, plan, drawn))
    titles, clusters = titles_and_clusters(plan, drawn, shown.scale)
    traces.append(titles)
    if shown.hidden_links:
        traces.append(filtered_out_trace(shown.hidden_links))
    if shown.selected_event is not None and shown.selected_event in drawn:
        traces.append(selected_ring(plan, shown.selected_event))
    if highlight:
        traces.append(highlight_ring(plan, [event for event in drawn if event.id in set(highlight)]))
    actor_by_id = view.dataset.actor_by_id
    actor_kinds = sorted({actor_by_id[lane].kind for lane in plan.keys if lane in actor_by_id})
    traces += legend_keys(sorted({event.kind for event in drawn}), actor_kinds)
    traces.append(top_axis_trace(shown.home))
    return [trace for trace in traces if trace is not None], clusters


def whole_dates(view: View) -> tuple[dt.date, dt.date]:
    """The filtered events' whole period, as dates."""
    first, last = whole_period(view.events)
    return dt.date.fromisoformat(first), dt.date.fromisoformat(last)


def top_axis_trace(home: tuple[dt.date, dt.date]) -> dict:
    """An invisible point on the top date axis, so plotly.js works out its ticks like the
    bottom axis's ("auto") whatever else is drawn: an overlaying axis otherwise gets "sync"
    ticks, placed by pixel and so seconds off midnight, labelled with the wrong day."""
    return dict(
        type="scatter",
        x=[home[0]],
        y=[0],
        xaxis=EVENT_AXIS,
        mode="markers",
        marker={"opacity": 0},
        hoverinfo="skip",
        showlegend=False,
        name="top axis",
    )


def timeline_layout(shown: ShownTimeline, traces: list[dict], clusters: list[dict]) -> dict:
    """The layout: lanes, both date axes with the zoom buttons and the overview strip, the
    legend, the annotations (link markers, lane counts, "+N" badges) and the ``meta`` the
    page's scripts read."""
    lanes = shown.plan.keys
    hidden = hidden_in_lanes(shown.view, shown.plan, shown.focus)
    height = max(380, FRAME_HEIGHT + LANE_HEIGHT * (len(lanes) + shown.band_rows), legend_height(traces))
    annotations = [
        *dense_hint(shown),
        *analogy_markers(shown.view, shown.focus, shown.drawn, shown.scale.width),
        *hidden_count_markers(hidden, shown.plan),
        *clusters,
    ]
    layout = base_layout(
        height=height,
        margin={"l": 10, "r": 10, "t": 96, "b": 10},
        showlegend=True,
        legend=LEGEND,
        hovermode="closest",
        dragmode="zoom",
        shapes=lane_shapes(shown),
        annotations=annotations,
        uirevision=":".join(shown.x_range),
        meta=timeline_meta(shown),
        xaxis=bottom_axis(shown, height),
        xaxis2=TOP_AXIS,
        yaxis=lanes_axis(shown, max((len(item.text()) for item in hidden), default=0)),
    )
    if shown.gaps:
        add_breaks(layout, shown.gaps, shown.scale)
    return layout


def legend_entries(traces: list[dict]) -> list[dict]:
    """The traces the legend lists."""
    return [trace for trace in traces if trace.get("showlegend") is not False and trace.get("name")]


def legend_height(traces: list[dict]) -> int:
    """The figure height the legend beside the plot needs, in pixels."""
    return 200 + 22 * len(legend_entries(traces))


#: About how wide an entry of the legend, and a group's title, are when it runs across.
LEGEND_ENTRY_WIDTH, LEGEND_TITLE_WIDTH, LEGEND_ROW_HEIGHT = 95, 70, 21


def legend_across_height(traces: list[dict], width: int) -> int:
    """About how many pixels the legend takes when it runs across a figure ``width`` wide,
    under the plot (:func:`put_legend_below`)."""
    entries = legend_entries(traces)
    groups = {trace.get("legendgroup") for trace in entries}
    rows = -(-(len(entries) * LEGEND_ENTRY_WIDTH + len(groups) * LEGEND_TITLE_WIDTH) // max(1, width - 20))
    return rows * LEGEND_ROW_HEIGHT + 24


def put_legend_below(figure: dict) -> dict:
    """Run ``figure``'s legend across, under the plot, entry after entry (its groups' titles
    would stand over columns, not rows: they go): for an image too short for the legend to
    stand beside the plot (a legend taller than its figure is cut off in an image)."""
    across = {"orientation": "h", "traceorder": "normal", "x": 0, "y": -0.06, "yanchor": "top"}
    figure["layout"]["legend"] = {**LEGEND, **across}
    for trace in figure["data"]:
        trace.pop("legendgrouptitle", None)
    return figure


LEGEND = {
    "x": 1.01,
    "xanchor": "left",
    "y": 1.0,
    "yanchor": "top",
    "font": {"size": 10},
    "tracegroupgap": 8,
    "itemwidth": 30,
    "grouptitlefont": {"size": 11},
    # A click shows or hides one entry: a quiet kind of link, drawn only on request.
    "groupclick": "toggleitem",
}

# The date axis on top, tied to the bottom one, so dates stay readable above many lanes; the
# events are drawn on it (EVENT_AXIS). Its ticks are worked out like the bottom axis's.
TOP_AXIS = {
    "type": "date",
    "overlaying": "x",
    "matches": "x",
    "tickmode": "auto",
    "side": "top",
    "showgrid": False,
    "tickfont": {"size": 11, "color": MUTED},
}


def bottom_axis(shown: ShownTimeline, height: int) -> dict:
    """The bottom date axis, with the zoom buttons above the plot and the overview strip
    below it; the strip draws only the overview heatmap, whose lanes stand at OVERVIEW_Y."""
    lanes = len(shown.plan.keys)
    return {
        "type": "date",
        "range": shown.x_range,
        "showgrid": True,
        "gridcolor": GRID,
        "rangeslider": {
            "visible": True,
            "thickness": 0.07,
            "bgcolor": "#f5f7fa",
            "yaxis": {"rangemode": "fixed", "range": [OVERVIEW_Y + lanes - 0.5, OVERVIEW_Y - 0.5]},
        },
        "rangeselector": {
            "buttons": RANGE_BUTTONS,
            "x": 0,
            "xanchor": "left",
            # Above the top date axis (two lines of labels): about 40 px, in units of the plot's height.
            "y": 1.0 + 40 / max(200, height - 100),
            "yanchor": "bottom",
            "font": {"size": 11},
        },
    }


def lanes_axis(shown: ShownTimeline, count_chars: int) -> dict:
    """The y axis: the link band's rows (if any) above the lanes, named; room between the
    names and the plot for lane counts of ``count_chars`` characters."""
    lanes, band_rows = shown.plan.keys, shown.band_rows
    selected_actor = shown.selected_id if shown.selected_kind == "actor" else ""
    return {
        "type": "linear",
        "range": [len(lanes) - 0.5, -0.5 - band_rows],
        "tickvals": [band_y(0)] * bool(band_rows) + list(range(len(lanes))),
        "ticktext": [band_name()] * bool(band_rows) + lane_names(shown.view, lanes, selected_actor),
        "zeroline": False,
        "fixedrange": True,
        "ticklabelstandoff": 8 + 7 * count_chars,
        "showgrid": True,
        "gridcolor": GRID,
        "automargin": True,
    }


def lane_shapes(shown: ShownTimeline) -> list[dict]:
    """The selected actor's lane band and the link band's background."""
    shapes = []
    if shown.selected_kind == "actor" and shown.selected_id in shown.plan.index:
        shapes.append(selected_lane_shape(shown.plan.index[shown.selected_id]))
    if shown.band_rows:
        shapes.append(link_band_shape(shown.band_rows))
    return shapes


def timeline_meta(shown: ShownTimeline) -> dict:
    """What the page's scripts read: lanes, the focus and opening periods, the whole period
    (for "all"), whether lanes show density, the width titles were placed for, and the key
    of what is drawn (see :func:`data_key`)."""
    focus, home, lanes = shown.focus, shown.home, shown.plan.keys
    return {
        "lanes": lanes,
        "focus": [focus[0].isoformat(), focus[1].isoformat()],
        "home": [home[0].isoformat(), home[1].isoformat()],
        "whole": list(whole_period(shown.view.events)),
        "dense": shown.is_dense,
        "drawn": len(shown.drawn),
        "width": shown.scale.width,
        "key": data_key(shown.drawn, lanes, shown.band_rows, focus if shown.is_dense else None),
    }


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


def dense_hint(shown: ShownTimeline) -> list[dict]:
    """When lanes show density and no single event: the note that says why (the page shows
    it as a notice instead, see explorer/web/notices.py)."""
    if not shown.is_dense or shown.drawn:
        return []
    text = (
        f"{len(shown.in_focus):,} events in this period: "
        "shading shows how many per lane. Zoom in (drag across the plot) to see them one by one."
        if shown.in_focus
        else "No event in this period: pan with the strip below, or choose “all”, to find some."
    )
    return [
        {
            "text": plain(text),
            "xref": "paper",
            "yref": "paper",
            "x": 0.5,
            "y": 1.0,
            "yanchor": "bottom",
            "showarrow": False,
            "bgcolor": "rgba(238,244,251,0.95)",
            "bordercolor": "#9fc3e7",
            "font": {"size": 12},
            "name": DENSE_HINT,
        }
    ]


def add_breaks(layout: dict, gaps: list[tuple[dt.date, dt.date]], scale: PixelScale) -> None:
    """Cut ``gaps`` out of both date axes, with ticks of our own on each shown stretch, and
    mark each cut with a dotted line and how long a stretch it hides."""
    breaks = [{"bounds": [a.isoformat(), b.isoformat()]} for a, b in gaps]
    values, labels = calendar_ticks(scale)
    ticks = {"rangebreaks": breaks, "tickmode": "array", "tickvals": values, "ticktext": labels}
    layout["xaxis"] = {**layout["xaxis"], **ticks}
    layout["xaxis2"] = {**layout["xaxis2"], **ticks}
    for a, _ in gaps:
        layout["shapes"].append(break_line(a))
    layout["annotations"] += [break_label(a, b) for a, b in gaps]


def break_line(day: dt.date) -> dict:
    """The dotted line where a stretch is cut out of the axis."""
    return {
        "type": "line",
        "x0": day.isoformat(),
        "x1": day.isoformat(),
        "yref": "paper",
        "y0": 0,
        "y1": 1,
        "line": {"color": MUTED, "width": 3, "dash": "dot"},
        "layer": "above",
    }


def break_label(start: dt.date, end: dt.date) -> dict:
    """``⫽ 68 years`` at the top of a break: how long a stretch it hides."""
    years = (end - start).days / 365.25
    hidden = f"{years:.0f} years" if years >= 2 else f"{(end - start).days} days"
    return {
        "x": start.isoformat(),
        "y": 1,
        "yref": "paper",
        "yanchor": "top",
        "text": f"⫽ {hidden}",
        "showarrow": False,
        "font": {"size": 10, "color": MUTED},
        "bgcolor": "#ffffff",
        "name": "break",
    }
