"""The timeline's traces, as plain dicts: few of them, since plotly.js pays for every trace on
every draw and zoom.

All events are one marker trace (per-point colour and shape), all ranges and fuzzy dates one
bar trace, the lines joining an event's lanes one line trace. They are drawn on the top date
axis (``EVENT_AXIS``, tied to the bottom one): plotly's overview strip redraws every trace of
the bottom axis on each zoom, so the bottom axis holds only :func:`overview_trace`, a light
heatmap of where the events are, which only the strip shows (it stands far below the lanes,
at ``OVERVIEW_Y``, and the strip's y range is set to show it there).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from ..graph import View, event_node
from ..model import Event
from .style import (
    EVENT_STYLES,
    HIGHLIGHT,
    INK,
    MUTED,
    PATH_COLOR,
    actor_color,
    event_color,
    event_symbol,
    plain,
    shorten,
)
from .time_scale import PixelScale
from .timeline_labels import LABEL_OFFSET_PX, Cluster, Mark, clusters_and_titles
from .timeline_lanes import LanePlan
from .timeline_links import EVENT_AXIS, line_trace
from .timeline_period import ONE_DAY, date_text, marker_date, period_text

#: Above this many markers, they are drawn with WebGL. Below, SVG draws sooner: at 1,600
#: markers Chromium spent 1.6 s of CPU on the first draw with WebGL (in software, as on a
#: machine with no GPU) and 1.0 s with SVG; the timeline draws at most MAX_DRAWN_EVENTS
#: events one by one, so in practice always SVG.
WEBGL_MARKERS = 5000
DENSITY_BINS = 160
#: Columns of the overview strip's heatmap over the whole filtered period.
OVERVIEW_BINS = 240
TITLES = "titles"
EVENTS = "events"
SPANS = "spans"
OVERVIEW = "overview"
#: Where the overview heatmap's lanes stand on the y axis: far outside the plot's lanes.
OVERVIEW_Y = -1000
CLUSTER_ZOOM_MARGIN_PX = 20
# A date known only to the month or year: the kind's shape, open or open with a dot.
PRECISION_SUFFIXES = {"day": "", "month": "-open", "year": "-open-dot"}
# A bar's thickness in lanes, and its opacity: ranges solid, fuzzy dates' months and years faint.
RANGE_BAR = (0.27, 0.65)
FUZZY_BAR = (0.46, 0.18)
MS_PER_DAY = 86_400_000


def rgba(color: str, opacity: float) -> str:
    """``#0072B2`` at ``opacity`` as ``rgba(0,114,178,0.65)``."""
    red, green, blue = (int(color.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4))
    return f"rgba({red},{green},{blue},{opacity})"


def span_trace(events: tuple[Event, ...], plan: LanePlan) -> dict:
    """One bar trace for every range (solid) and every date known only to the month or year
    (a faint bar over the whole month or year), in each of the event's lanes."""
    bases, lengths, ys, widths, colors = [], [], [], [], []
    for event, _, y in plan.points(e for e in events if e.is_range or e.date.precision != "day"):
        width, opacity = RANGE_BAR if event.is_range else FUZZY_BAR
        bases.append(event.first)
        lengths.append(((event.last + ONE_DAY) - event.first).days * MS_PER_DAY)
        ys.append(y)
        widths.append(width)
        colors.append(rgba(event_color(event.kind), opacity))
    return dict(
        type="bar",
        orientation="h",
        base=bases,
        x=lengths,
        y=ys,
        width=widths,
        xaxis=EVENT_AXIS,
        marker={"color": colors, "line": {"width": 0}},
        hoverinfo="skip",
        showlegend=False,
        name=SPANS,
    )


def connector_trace(events: tuple[Event, ...], plan: LanePlan) -> dict | None:
    """Thin vertical lines joining an event's markers in its several lanes, or None."""
    xs: list = []
    ys: list = []
    for event in events:
        lanes = plan.lanes_of(event)
        if len(lanes) > 1:
            xs += [marker_date(event)] * len(lanes) + [None]
            ys += [plan.y(event, lane) for lane in lanes] + [None]
    return line_trace(xs, ys, "same event", {"color": "#c3c9d0", "width": 1}, showlegend=False) if xs else None


def hover_text(view: View, event: Event) -> str:
    """An event's hover text: its title, date (with its precision), kind and actors."""
    actor_by_id = view.dataset.actor_by_id
    actors = ", ".join(actor_by_id[p.actor].name if p.actor in actor_by_id else p.actor for p in event.actors)
    return (
        f"<b>{plain(shorten(event.title, 70))}</b><br>{plain(date_text(event))}"
        f"<br>{plain(event.kind)}{' · ' + plain(shorten(actors, 80)) if actors else ''}"
    )


def marker_trace(view: View, plan: LanePlan, drawn: tuple[Event, ...]) -> dict:
    """Every drawn event in each of its lanes, one trace: the kind's colour and shape (open
    for a fuzzy date); ``customdata`` is ``[node id, hover text, lane]`` per point."""
    xs, ys, symbols, colors, custom = [], [], [], [], []
    hovers = {event.id: hover_text(view, event) for event in drawn}
    # Markers drawn later stand on top, and plotly picks the last of overlapping markers on a
    # click: events with more actors (summits, talks) come last, so a crowded spot selects them.
    for event, lane, y in plan.points(sorted(drawn, key=lambda event: len(event.actors))):
        xs.append(marker_date(event))
        ys.append(y)
        symbols.append(event_symbol(event.kind) + PRECISION_SUFFIXES[event.date.precision])
        colors.append(event_color(event.kind))
        custom.append([event_node(event.id), hovers[event.id], lane])
    return dict(
        type="scattergl" if len(xs) > WEBGL_MARKERS else "scatter",
        x=xs,
        y=ys,
        xaxis=EVENT_AXIS,
        mode="markers",
        marker={"color": colors, "size": 12, "symbol": symbols, "line": {"width": 1.5, "color": colors}},
        customdata=custom,
        hovertemplate="%{customdata[1]}<extra></extra>",
        name=EVENTS,
        showlegend=False,
    )


def ring_trace(plan: LanePlan, events, name: str, color: str, size: int) -> dict:
    """Open circles over ``events`` in every lane they stand in."""
    points = plan.points(events)
    return dict(
        type="scatter",
        x=[marker_date(event) for event, _, _ in points],
        y=[y for _, _, y in points],
        xaxis=EVENT_AXIS,
        mode="markers",
        marker={"symbol": "circle-open", "size": size, "color": color, "line": {"width": 3}},
        hoverinfo="skip",
        showlegend=False,
        name=name,
    )


def selected_ring(plan: LanePlan, event: Event) -> dict:
    """The ring over the selected event (``name="selected"``)."""
    return ring_trace(plan, [event], "selected", HIGHLIGHT, 22)


def highlight_ring(plan: LanePlan, events) -> dict:
    """Rings over ``events`` (a path's, a pair's shared events; ``name="highlighted"``)."""
    return ring_trace(plan, events, "highlighted", PATH_COLOR, 20)


def density_trace(view: View, plan: LanePlan, focus: tuple[dt.date, dt.date], faint: bool) -> dict:
    """A heatmap of how many events each lane has per period of the focus range."""
    start, end = focus
    span_days = max(1, (end - start).days)
    bins = min(DENSITY_BINS, span_days)
    counts = lane_counts(view, plan, start, span_days, bins)
    width = dt.timedelta(days=span_days / bins)
    return dict(
        type="heatmap",
        x=[start + width * (i + 0.5) for i in range(bins)],
        y=list(range(len(plan.keys))),
        z=[[count or None for count in row] for row in counts],
        xaxis=EVENT_AXIS,
        colorscale=[[0, "#e8eef6"], [1, "#1f4e8c"]],
        zmin=0,
        showscale=False,
        opacity=0.45 if faint else 0.95,
        hovertemplate="%{z} events<br>around %{x|%b %Y}<extra></extra>",
        name="density",
    )


def lane_counts(view: View, plan: LanePlan, start: dt.date, span_days: int, bins: int) -> list[list[int]]:
    """How many of the view's events each lane has in each of ``bins`` equal periods of
    ``span_days`` days from ``start`` (events outside them aside)."""
    counts = [[0] * bins for _ in plan.keys]
    for event in view.events:
        offset = (marker_date(event) - start).days
        if 0 <= offset <= span_days:
            column = min(bins - 1, offset * bins // span_days)
            for lane in plan.lanes_of(event):
                counts[plan.index[lane]][column] += 1
    return counts


def overview_trace(view: View, plan: LanePlan, whole: tuple[dt.date, dt.date]) -> dict:
    """Where the events are, lane by lane over the ``whole`` period: a heatmap the overview
    strip draws under its veil (one image, however many events), at ``OVERVIEW_Y``, outside
    the plot's own range."""
    start, end = whole
    span_days = max(1, (end - start).days)
    bins = min(OVERVIEW_BINS, span_days)
    width = dt.timedelta(days=span_days / bins)
    counts = lane_counts(view, plan, start, span_days, bins)
    return dict(
        type="heatmap",
        x=[start + width * (i + 0.5) for i in range(bins)],
        y=[OVERVIEW_Y + lane for lane in range(len(plan.keys))],
        z=[[1 if count else None for count in row] for row in counts],
        colorscale=[[0, MUTED], [1, MUTED]],
        showscale=False,
        hoverinfo="skip",
        name=OVERVIEW,
    )


def titles_and_clusters(plan: LanePlan, drawn: tuple[Event, ...], scale: PixelScale) -> tuple[dict, list[dict]]:
    """Event titles beside their markers where they fit (one text trace, always drawn, if
    empty, so a zoom or resize can replace the titles alone), and "+N" cluster markers as
    annotations whose click zooms on the cluster (``period:…``)."""
    marks: dict[str, list[tuple[float, Event]]] = defaultdict(list)
    for event, lane, _ in plan.points(drawn):
        marks[lane].append((scale.to_px(dt.datetime.combine(marker_date(event), dt.time())), event))
    by_id = {event.id: event for event in drawn}
    xs, ys, texts, clusters = [], [], [], []
    labelled: set[str] = set()  # an event in several lanes is named once, in the first with room
    for lane in plan.keys:
        lane_marks = [Mark(x, event.id, event.title, event.id not in labelled) for x, event in marks.get(lane, [])]
        lane_clusters, labels = clusters_and_titles(lane_marks, scale.width)
        for label in labels:
            labelled.add(label.event_id)
            event = by_id[label.event_id]
            xs.append(marker_date(event))
            ys.append(plan.y(event, lane))
            texts.append(plain(label.text))
        clusters += [cluster_marker(cluster, plan.index[lane], scale.to_moment) for cluster in lane_clusters]
    return titles_trace(xs, ys, texts), clusters


def titles_trace(xs: list, ys: list, texts: list[str]) -> dict:
    """The titles as text right of invisible markers of the drawn markers' size, which push
    each title clear of its marker."""
    return dict(
        type="scatter",
        x=xs,
        y=ys,
        text=texts,
        mode="markers+text",
        marker={"size": 14, "opacity": 0},
        xaxis=EVENT_AXIS,
        textposition="middle right",
        textfont={"size": 10, "color": "#3e4c59"},
        hoverinfo="skip",
        showlegend=False,
        name=TITLES,
    )


def cluster_marker(cluster: Cluster, y: int, to_moment) -> dict:
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


def legend_key(name: str, group: str, marker: dict, title: str | None = None) -> dict:
    """A legend entry with no points: ``marker`` as shown in the legend, in ``group``, under
    ``title`` when it opens the group."""
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


def legend_keys(kinds: list[str], actor_kinds: list[str]) -> list[dict]:
    """What the markers' colours and shapes, the open shapes and the lane names' colours
    mean: one entry per event kind drawn (its filled shape), per date precision, and per
    kind of actor with a lane."""
    order = {kind: position for position, kind in enumerate(EVENT_STYLES)}
    ordered = sorted(kinds, key=lambda kind: (order.get(kind, len(order)), kind))
    keys = [
        legend_key(kind, "kinds", {"symbol": event_symbol(kind), "color": event_color(kind)}, "Event kinds")
        for kind in ordered
    ]
    for precision, label in (("day", "exact day"), ("month", "month known"), ("year", "year known")):
        marker = {"symbol": "circle" + PRECISION_SUFFIXES[precision], "color": MUTED}
        keys.append(legend_key(label, "precision", marker, "Date"))
    keys += [
        legend_key(kind, "actor kinds", {"symbol": "square", "color": actor_color(kind)}, "Lane names")
        for kind in actor_kinds
    ]
    return first_titles_only(keys)


def first_titles_only(keys: list[dict]) -> list[dict]:
    """``keys`` with each legend group's title on its first entry only."""
    seen: set[str] = set()
    for key in keys:
        if key["legendgroup"] in seen:
            key["legendgrouptitle"] = None
        seen.add(key["legendgroup"])
    return keys
