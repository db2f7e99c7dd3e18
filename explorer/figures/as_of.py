"""The views as of a day (the time cursor): what had happened by then, on the picture of the
whole period, so nothing moves as the day changes.

Each drawn point that has a date carries its **spans** in its trace's ``meta["asof"]``:
the days it is active, as ``[first, last]`` day numbers (days since 1970-01-01, what the
browser's ``Date.UTC / 86400000`` gives). A point is shown as of day ``D`` with a trailing
window of ``W`` days when one of its spans meets ``[D - W + 1, D]`` (no window: it began
on or before ``D``); a positions cell when its span holds ``D``. Hidden points get no
coordinates; their own are kept in ``meta["asof"]["x"]``/``["y"]``, so the browser
(``assets/time_cursor.js``) moves the cursor by changing coordinates only, without asking
the server, and the server draws a link's cursor the same way.

>>> day_number(dt.date(1970, 1, 2))
1
>>> is_shown([[10, 12]], day=11, window=None), is_shown([[10, 12]], day=20, window=5)
(True, False)
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass

from ..graph import split_node
from ..model import STANCES, FuzzyDate
from ..positions import StanceMatrix
from .common import meta_of
from .network import edge_ends, node_ids
from .positions import NO_STANCE_COLOR
from .style import STANCE_COLORS, STANCE_SYMBOLS, plain

EPOCH = dt.date(1970, 1, 1)
#: Day numbers standing for "always" at either end (JSON has no infinity).
NEVER_BEFORE, NEVER_AFTER = -(10**7), 10**7
ALWAYS = (NEVER_BEFORE, NEVER_AFTER)

Span = tuple[int, int]


@dataclass(frozen=True)
class Cursor:
    """The time cursor: the views as of ``day``; with ``window``, only its last so many days."""

    day: dt.date
    window: int | None = None

    def describe(self) -> str:
        """``as of 15 August 2025`` (``, last 30 days`` with a window)."""
        return f"as of {self.day.day} {self.day:%B %Y}" + (f", last {self.window} days" if self.window else "")


def day_number(day: dt.date) -> int:
    return (day - EPOCH).days


def span_of(first: dt.date, last: dt.date) -> Span:
    return day_number(first), day_number(last)


def is_shown(spans: Iterable, day: int, window: int | None, held: bool = False) -> bool:
    """Whether a point with ``spans`` shows as of ``day`` (see the module's docstring)."""
    if held:
        return any(first <= day <= last for first, last in spans)
    earliest = day - window + 1 if window else NEVER_BEFORE
    return any(first <= day and last >= earliest for first, last in spans)


def merged(spans: Iterable[Span]) -> list[Span]:
    """``spans`` in order, overlapping or touching ones joined (an actor's many events)."""
    out: list[list[int]] = []
    for first, last in sorted(spans):
        if out and first <= out[-1][1] + 1:
            out[-1][1] = max(out[-1][1], last)
        else:
            out.append([first, last])
    return [(first, last) for first, last in out]


# -- the network -------------------------------------------------------------------------


class NetworkDates:
    """The spans of a graph's nodes and edges, worked out as asked and remembered (a figure
    asks for each node several times: its marker, its label, the ends of its edges)."""

    def __init__(self, graph):
        self.graph = graph
        self.events = {f"event:{e.id}": span_of(e.first, e.last) for e in graph.graph["dataset"].events}
        self.nodes: dict[str, list[Span]] = {}

    def edge(self, u: str, v: str, data: dict) -> Span:
        """The days an edge is active: its event's (a participation, a topic an event
        concerns), its position's date, from the later of two linked events; affiliations
        always."""
        if data["type"] == "position":
            date = data.get("date")
            return span_of(date.first, date.last) if isinstance(date, FuzzyDate) else ALWAYS
        dated = [self.events[node] for node in (u, v) if node in self.events]
        if not dated:
            return ALWAYS
        return max(first for first, _ in dated), max(last for _, last in dated)

    def node(self, node: str) -> list[Span]:
        """An event's days; an actor's or topic's, those of its edges (it appears with its
        first event or statement); a node with no dated edge, always."""
        if node not in self.nodes:
            self.nodes[node] = [self.events[node]] if node in self.events else self._linked(node)
        return self.nodes[node]

    def _linked(self, node: str) -> list[Span]:
        edges = [*self.graph.in_edges(node, data=True), *self.graph.out_edges(node, data=True)]
        return merged(self.edge(u, v, data) for u, v, data in edges if data["type"] != "affiliated") or [ALWAYS]

    def pair(self, u: str, v: str) -> list[Span]:
        """The spans of every edge between two nodes, either way (one drawn segment)."""
        edges = [(u, v, d) for d in (self.graph.get_edge_data(u, v) or {}).values()]
        edges += [(v, u, d) for d in (self.graph.get_edge_data(v, u) or {}).values()]
        return merged(self.edge(a, b, data) for a, b, data in edges) or [ALWAYS]


def date_network(figure: dict, graph) -> dict:
    """Give the network figure's nodes, labels and edges their spans; ``graph`` is the one it
    was drawn from. Nodes are known by their ids (``customdata[0]``, the labels'
    ``meta["nodes"]``), edges by the ids of their ends (``meta["ends"]``, see
    :func:`explorer.figures.network.edge_ends`)."""
    dates = NetworkDates(graph)
    for trace in figure["data"]:
        nodes = _trace_nodes(trace)
        if nodes:
            _set_spans(trace, [dates.node(node) for node in nodes], per=1)
    ids = node_ids(figure)
    for trace in figure["data"]:
        ends = edge_ends(trace, ids)
        if ends:
            # An edge shows when it is active and both its ends show (no line into nothing).
            _set_spans(trace, [dates.pair(u, v) for u, v in ends], per=3)
    return figure


def _trace_nodes(trace) -> list[str] | None:
    """The node ids of a trace's points, when it draws nodes or their labels."""
    meta = meta_of(trace)
    if "nodes" in meta:
        return list(meta["nodes"])
    custom = trace.get("customdata")
    if custom is None or not len(custom) or trace.get("x") is None:
        return None
    ids = [row[0] if len(row) else None for row in custom]
    is_nodes = all(isinstance(n, str) and split_node(n)[0] in ("actor", "event", "topic") for n in ids)
    return ids if is_nodes else None


def _coordinates(values) -> list[float | None]:
    """Plain floats, with None for a gap (None or NaN), whatever array ``values`` came as."""
    return [None if value is None or math.isnan(value) else float(value) for value in values]


def _set_spans(trace, spans: list[list[Span]], per: int, held: bool = False) -> None:
    """Record the points' spans on ``trace``."""
    meta = dict(meta_of(trace))
    meta["asof"] = {"spans": [_lists(point) for point in spans], "per": per, "held": held}
    trace["meta"] = meta


def _record_cursor(layout: dict, day: dt.date, window: int | None) -> None:
    """Record the cursor's day and window in ``layout.meta["asof"]``."""
    layout["meta"] = meta_of(layout) | {"asof": {"day": day.isoformat(), "window": window}}


def _lists(spans: list[Span]) -> list[list[int]]:
    return [list(span) for span in spans]


# -- the cursor on a figure --------------------------------------------------------------


def apply_cursor(figure: dict, day: dt.date, window: int | None = None) -> dict:
    """Hide the points of ``figure`` (dated by :func:`date_network` or
    :func:`positions_over_time`) that do not show as of ``day``, and the edges whose ends
    are hidden; ``layout.meta["asof"]`` records the day and window shown."""
    number = day_number(day)
    dated = [t for t in figure["data"] if meta_of(t).get("asof")]
    ids = node_ids(figure)
    hidden: set[str] = set()
    # Nodes first: an edge needs to know whether its ends show.
    for trace in sorted(dated, key=lambda t: "ends" in t["meta"]):
        dates = trace["meta"]["asof"]
        ends = edge_ends(trace, ids)
        nodes = None if ends else _trace_nodes(trace)
        shown = [
            is_shown(spans, number, window, dates["held"]) and not (ends and set(ends[point]) & hidden)
            for point, spans in enumerate(dates["spans"])
        ]
        hidden |= {node for node, is_drawn in zip(nodes or (), shown, strict=False) if not is_drawn}
        _hide(trace, shown)
    _record_cursor(figure["layout"], day, window)
    return figure


def _hide(trace, shown: list[bool]) -> None:
    """Take the coordinates of the points not ``shown``; keep them all in the trace's meta."""
    dates = trace["meta"]["asof"]
    xs = dates.get("x") or _coordinates(trace["x"])
    ys = dates.get("y") or _coordinates(trace["y"])
    per = dates["per"]
    trace["meta"] = {**trace["meta"], "asof": {**dates, "x": xs, "y": ys}}
    trace["x"] = [x if shown[i // per] else None for i, x in enumerate(xs)]
    trace["y"] = [y if shown[i // per] else None for i, y in enumerate(ys)]


# -- the timeline ------------------------------------------------------------------------


def mark_cursor(figure: dict, day: dt.date, window: int | None = None) -> dict:
    """Record the cursor in ``layout.meta["asof"]`` of a figure (a dict, as the page's timeline
    is sent) whose points it does not hide (the timeline: the browser draws the cursor's line
    and veil over the plot, where a step moves them without redrawing the figure)."""
    _record_cursor(figure["layout"], day, window)
    return figure


#: The cursor's marks on a chart with a time axis, as the browser draws the timeline's.
CURSOR_COLOR, VEIL_COLOR = "#b2182b", "rgba(255,255,255,0.72)"
#: The names of the marks' shapes, by which the browser finds and moves them.
CURSOR_LINE, CURSOR_VEIL = "asof line", "asof veil"


def mark_time_axis(figure: dict, day: dt.date, window: int | None = None) -> dict:
    """Mark ``day`` on ``figure``'s date x axis as the browser marks the timeline: a line at
    the end of the day, and a veil over what comes after it up to the axis's end (its range;
    a figure with none, an empty chart, is left as it is). The shapes are named
    (:data:`CURSOR_LINE`, :data:`CURSOR_VEIL`), so the browser moves them with the cursor;
    ``layout.meta["asof"]`` records the cursor. Returns the figure, marked."""
    layout = figure["layout"]
    axis_range = (layout.get("xaxis") or {}).get("range")
    if not axis_range:
        return figure
    cursor, end = (day + dt.timedelta(days=1)).isoformat(), axis_range[1]
    plot_height = {"xref": "x", "yref": "paper", "y0": 0, "y1": 1, "layer": "above"}
    marks = [
        {"type": "rect", "name": CURSOR_VEIL, "x0": cursor, "x1": end, "fillcolor": VEIL_COLOR, "line": {"width": 0}},
        {"type": "line", "name": CURSOR_LINE, "x0": cursor, "x1": cursor, "line": {"color": CURSOR_COLOR, "width": 2}},
    ]
    layout["shapes"] = [*(layout.get("shapes") or ()), *({**mark, **plot_height} for mark in marks)]
    _record_cursor(layout, day, window)
    return figure


# -- any view ----------------------------------------------------------------------------


def figure_as_of(figure: dict, view_name: str, graph, cursor: Cursor, matrix: StanceMatrix | None = None) -> dict:
    """The figure (a dict) of ``view_name`` as of ``cursor``, as the browser draws it: the
    network (drawn from ``graph``) with what had not begun (or had ended before the window)
    hidden in place; the positions matrix of ``matrix`` with the stance each cell held on the
    day; a chart over time (``timeline``, ``stance_timeline``) with the day marked and what
    comes after veiled. A figure with nothing to date (an empty view) is returned as it is."""
    if view_name == "network":
        if not meta_of(figure["layout"]).get("shown"):
            return figure
        return apply_cursor(date_network(figure, graph), cursor.day, cursor.window)
    if view_name == "positions":
        if matrix is None or not matrix.cells:
            return figure
        return apply_cursor(positions_over_time(figure, matrix), cursor.day)
    return mark_time_axis(figure, cursor.day, cursor.window)


# -- the positions matrix ----------------------------------------------------------------


def stance_periods(cell) -> list[tuple[str | None, Span]]:
    """A cell's stances over time: none until its first position, then each stance from its
    date until the next one's (of positions with one date the last stands, as in the matrix)."""
    periods: list[tuple[str | None, Span]] = []
    start, stance = NEVER_BEFORE, None
    for position in cell.positions:  # in order (see explorer.positions)
        day = day_number(position.date.first)
        if day > start:
            periods.append((stance, (start, day - 1)))
        start, stance = day, position.stance
    return [*periods, (stance, (start, NEVER_AFTER))]


def positions_over_time(figure: dict, matrix: StanceMatrix) -> dict:
    """A copy of the stance matrix ``figure`` with every stance each cell held in the range: each
    stance's trace gets a point per cell that ever held it, with the periods it was held
    (spans ``held``), so the cursor shows the stance held on its day. The "changed in range" outlines are dropped
    (as of a day, the cell's symbol says what is held)."""
    if not matrix.cells:
        return figure
    stance_traces = {_trace_stance(t): t for t in figure["data"] if _trace_stance(t) is not False}
    template = next(iter(stance_traces.values()))
    heads = {row[0]: row[1].split("<br>")[0] for t in stance_traces.values() for row in t["customdata"]}
    by_stance: dict[str | None, dict[str, tuple]] = {}
    for (actor, topic), cell in matrix.cells.items():
        x, y = matrix.topics.index(topic), matrix.actors.index(actor)
        node = f"stance:{actor}/{topic}"
        for stance, span in stance_periods(cell):
            points = by_stance.setdefault(stance, {})
            points.setdefault(node, (x, y, [], node, heads.get(node, "")))[2].append(span)
    others = [t for t in figure["data"] if _trace_stance(t) is False and not (t.get("name") or "").startswith("⟲")]
    ordered = sorted(by_stance, key=lambda s: STANCE_ORDER.index(s) if s in STANCE_ORDER else len(STANCE_ORDER))
    traces = [_stance_trace(template, s, list(by_stance[s].values()), stance_traces.get(s)) for s in ordered]
    return {"data": [*traces, *others], "layout": figure["layout"]}


STANCE_ORDER = (*STANCES, None)


def _trace_stance(trace) -> str | None | bool:
    """The stance a matrix trace draws (None: "no position"), or False for other traces."""
    custom = trace.get("customdata")
    if custom is None or not len(custom) or not str(custom[0][0]).startswith("stance:"):
        return False
    return None if trace["name"] == "no position" else trace["name"].split(" ", 1)[-1]


def _stance_trace(template: dict, stance: str | None, points: list[tuple], drawn: dict | None) -> dict:
    """The trace of one stance: the matrix's own when it drew one, else one like it."""
    trace = dict(drawn if drawn is not None else template)
    if drawn is None:
        trace["name"] = f"{STANCE_SYMBOLS.get(stance, '')} {stance}" if stance else "no position"
        color = STANCE_COLORS.get(stance, NO_STANCE_COLOR) if stance else NO_STANCE_COLOR
        trace["marker"] = {**trace["marker"], "color": color}
        ink = "#ffffff" if stance in ("supports", "opposes") else "#1f2933"
        trace["textfont"] = {**trace["textfont"], "color": ink}
    symbol = STANCE_SYMBOLS.get(stance, "") if stance else "·"
    trace["x"] = [x for x, *_ in points]
    trace["y"] = [y for _, y, *_ in points]
    trace["text"] = [symbol] * len(points)
    trace["customdata"] = [
        [node, f"{head}<br>{plain(stance or 'no position recorded')}{_periods(spans)}"]
        for _, _, spans, node, head in points
    ]
    _set_spans(trace, [spans for _, _, spans, _, _ in points], per=1, held=True)
    return trace


def _periods(spans: list[Span]) -> str:
    """When a stance was held: ``" from 3 Mar 2022"``, or ``" (3 periods)"``."""
    if len(spans) > 1:
        return f" ({len(spans)} periods)"
    if spans[0][0] <= NEVER_BEFORE:
        return ""
    return f" from {EPOCH + dt.timedelta(days=spans[0][0]):%-d %b %Y}"
