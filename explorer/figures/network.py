"""The network: actors, events and topics as nodes, edges by kind.

What is shown fills the view. With every node shown, or with the rest faded in place, the
whole graph's layout is used (computed once, see :mod:`explorer.network_layout`) and the
frame fits the nodes that match. A subset drawn on its own (a "Show N" cut, an ego network,
a filter with the rest hidden) gets a layout of its own, seeded from the whole picture.

Drawn fast at any size: in the browser nodes and edges are WebGL traces (``scattergl``), one
per kind (node kind, edge kind, community), built from the graph's arrays
(:mod:`explorer.network_arrays`) as numpy arrays, which Plotly sends as typed arrays.
Images (``static``) use SVG traces, which stay vectors in SVG and PDF files.

Labels are one SVG text trace, most important first; the browser keeps only those that fit
without overlapping (``assets/network.js``), and images are thinned here the same way.

Dates, for a view "as of a date" (a time cursor hiding what came later): every node trace's
``customdata[i]`` is ``[node id, ISO date]`` (an event's first day; an actor's or a topic's
first event or position in the view), and every edge trace's ``meta["dates"][k]`` is the
ISO date of its k-th edge (points ``3k``, ``3k+1`` and the gap ``3k+2``): the latest of its
two ends' dates, so an edge is there exactly when both its nodes are. Each such trace's
``meta["role"]`` is ``"nodes"`` or ``"edges"``.

An edge trace's ``meta["ends"]`` names its edges' end nodes: ``[sources, targets]``, two
parallel lists of indices into the figure's node ids, those of its node traces' points in
trace order (:func:`node_ids`), so ``sources[k]`` and ``targets[k]`` are the ends of the k-th
edge (:func:`edge_ends`). Edges to nodes not drawn as nodes (faded context) have none.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np
import plotly.graph_objects as go

from ..analysis import DEFAULT_MEASURE, Measure, communities, measure, path_within
from ..graph import View, ego_nodes, split_node
from ..network_arrays import (
    NODE_TYPES,
    GraphArrays,
    edge_days,
    graph_arrays,
    iso_dates,
    positions_array,
    values_array,
    view_days,
)
from ..network_layout import network_positions, subset_positions
from .common import empty_dict, meta_of
from .style import (
    EDGE_STYLES,
    HIGHLIGHT,
    INK,
    LINK_LABELS,
    LINK_STYLES,
    MUTED,
    PATH_COLOR,
    TOPIC_COLOR,
    actor_color,
    base_layout,
    event_color,
    plain,
    shorten,
)

NODE_SYMBOLS = {"actor": "circle", "event": "diamond", "topic": "square"}
#: Nodes shown in full by default: the most important ones, the selection and its neighbours.
DEFAULT_NODE_LIMIT = 400
#: Faded context (the rest of the graph) is drawn only for graphs up to this size.
FADED_NODE_LIMIT = 5000
#: From this many shown nodes, nodes and edges are drawn with WebGL (below, SVG draws sooner:
#: a WebGL context and its shaders cost more than a few hundred SVG markers).
WEBGL_NODES = 1000
FADED_EDGE_LIMIT = 6000
#: Labels offered to the browser, most important first; it draws those that fit.
LABEL_CANDIDATES = 250
LABEL_LENGTH = 28
LABEL_FONT = 11
#: The pixel size images are drawn at when no other is given (as ``export`` draws them).
IMAGE_CANVAS = (1600, 640)
# Share of a "Show N" cut given to actors and to topics; events fill the rest.
ACTOR_SHARE, TOPIC_SHARE = 0.4, 0.1
# Edge types drawn only on request (a click on their legend entry): they tie many nodes to
# a few topics and would hide the structure of who met whom.
QUIET_EDGES = {"position", "concerns"}
MARGIN = {"l": 10, "r": 10, "t": 10, "b": 10}
HEIGHT = 640


#: Colours of the largest communities (Paul Tol's "muted", colour-blind safe); the rest grey.
COMMUNITY_COLORS = [
    "#332288", "#88CCEE", "#44AA99", "#117733", "#999933",
    "#DDCC77", "#CC6677", "#882255", "#AA4499", "#6699CC",
]  # fmt: skip
OTHER_COMMUNITY = "#BBBBBB"
COLOR_BY = ("kind", "community")
MODES = ("events", "actors")


@dataclass(frozen=True)
class NetworkOptions:
    """How the network is drawn: node size by a measure (see :data:`explorer.analysis.MEASURES`),
    colour by ``"kind"`` or ``"community"``."""

    measure: str = DEFAULT_MEASURE
    color: str = "kind"
    mode: str = "events"  # "actors": only actors, joined by the events they shared
    path_to: str | None = None  # highlight a shortest path from the selected node to this one


DEFAULT_OPTIONS = NetworkOptions()


@dataclass(frozen=True)
class Shown:
    """The nodes a network figure draws, and where."""

    nodes: set[str]
    positions: dict[str, tuple[float, float]]
    matching: int
    has_context: bool  # the rest of the graph is drawn faded, in place


def network_figure(view: View, *args, **kwargs) -> go.Figure:
    """:func:`network_dict` as a Plotly figure (for images and animations); the arguments as
    for :func:`network_dict`."""
    return go.Figure(network_dict(view, *args, **kwargs))


def network_dict(
    view: View,
    selected: str | None = None,
    ego_hops: int = 0,
    hide_unmatched: bool = False,
    static: bool = False,
    limit: int | None = DEFAULT_NODE_LIMIT,
    options: NetworkOptions = DEFAULT_OPTIONS,
    positions: Mapping[str, tuple[float, float]] | None = None,
) -> dict:
    """The network of ``view`` as a plain figure dict (numeric data as numpy arrays, see
    :func:`explorer.figures.common.browser_arrays`); ``selected`` (a node id) is ringed, and with ``ego_hops`` > 0
    only it and its neighbours within that many hops are shown, laid out around it. Past
    ``limit`` nodes (None: no limit) only the most important are shown, with the selected
    node and its neighbours; ``layout.meta`` says how many were left out. ``static``
    (images) thins the labels here, for :data:`IMAGE_CANVAS`, as no script will. ``options``
    choose what sizes and colours the nodes. ``positions``, when given, place the nodes (an
    animation draws every frame on one layout, so nothing moves between frames)."""
    if view.is_empty:
        return empty_dict("No events match these filters", "Remove a filter or widen the date range.")
    if options.mode == "actors":
        from .actor_network import actor_network_dict

        return actor_network_dict(view, selected, static, limit, options)
    graph = view.full_graph
    arrays = graph_arrays(graph)
    ranking = measure(graph, options.measure)
    scores = values_array(arrays, ranking.name, ranking.values)
    path = view_path(view, selected, options.path_to)
    shown = shown_nodes(view, selected, ego_hops, hide_unmatched, limit, scores, path)
    if positions is not None:
        shown = replace(shown, positions=positions)
    drawn = Drawn.in_view(view, shown.nodes, shown.positions)
    groups = (
        community_groups(graph, drawn.numbers) if options.color == "community" else kind_groups(arrays, drawn.numbers)
    )
    drawn = drawn.in_groups(groups)
    figure: dict = {"data": [], "layout": {}}
    _add_edges(figure, arrays, drawn, shown.has_context, static)
    if shown.has_context:
        _add_faded(figure, arrays, drawn, static)
    _add_nodes(figure, graph, drawn, groups, ranking, static)
    if selected in shown.nodes:
        figure["data"].append(_selection_ring(drawn.point(selected)))
    if path:
        figure["data"].append(_path_trace(path, drawn))
    named = {f"actor:{actor}" for actor in view.filters.actors} | set(path)
    figure["data"].append(label_trace(graph, drawn, label_order(graph, drawn.numbers, selected, scores, named)))
    meta = {"shown": len(shown.nodes), "matching": shown.matching, "nodes": graph.number_of_nodes(), "path": path}
    return finish(figure, drawn, static, meta | {"measure": ranking.name, "method": ranking.method})


@dataclass(frozen=True)
class Drawn:
    """The shown nodes as arrays: their numbers (see :mod:`explorer.network_arrays`), every
    node's position (NaN for those not placed) and date in the view."""

    arrays: GraphArrays
    numbers: np.ndarray
    xy: np.ndarray
    days: np.ndarray
    #: Each node's index among the node traces' points (see :func:`node_ids`); -1 for a node
    #: not drawn as one. Set by :meth:`in_groups`.
    order: np.ndarray | None = None

    @classmethod
    def in_view(cls, view: View, nodes, positions: Mapping) -> Drawn:
        """``nodes`` of ``view`` placed at ``positions``, dated as in the view."""
        arrays = graph_arrays(view.full_graph)
        days = view_days(arrays, arrays.mask(arrays.numbers(view.graph)))
        return cls(arrays, arrays.numbers(nodes), positions_array(arrays, positions), days)

    def in_groups(self, groups: list[NodeGroup]) -> Drawn:
        """This drawing, its nodes numbered in the order the node traces of ``groups`` draw them."""
        order = np.full(len(self.arrays.nodes), -1, dtype=np.int64)
        numbers = np.concatenate([group.numbers for group in groups]) if groups else np.empty(0, dtype=np.int64)
        order[numbers] = np.arange(len(numbers))
        return replace(self, order=order)

    def ends(self, sources: np.ndarray, targets: np.ndarray) -> list[list[int]] | None:
        """An edge trace's ``meta["ends"]`` for edges from ``sources`` to ``targets`` (node
        numbers), or None when an end is not drawn as a node."""
        if self.order is None:
            return None
        first, second = self.order[sources], self.order[targets]
        if (first < 0).any() or (second < 0).any():
            return None
        return [first.tolist(), second.tolist()]

    def scatter(self, static: bool) -> str:
        """The trace type of nodes and edges: SVG for images (vector files) and small views,
        WebGL from :data:`WEBGL_NODES` shown nodes."""
        return "scattergl" if not static and len(self.numbers) >= WEBGL_NODES else "scatter"

    @property
    def mask(self) -> np.ndarray:
        return self.arrays.mask(self.numbers)

    def point(self, node: str) -> tuple[float, float]:
        x, y = self.xy[self.arrays.index[node]]
        return float(x), float(y)


def finish(figure: dict, drawn: Drawn, static: bool, meta: dict) -> dict:
    """Lay out a network figure: the legend in rows below the plot, the frame fitted to the
    shown nodes, a fixed height and thinned labels for images (``static``)."""
    first = drawn.arrays.nodes[drawn.numbers[:3]].tolist()
    x_range, y_range = frame(drawn.xy[drawn.numbers])
    figure["layout"] = base_layout(
        # In the browser the graph's box sets the height (assets/network.css): the
        # plot grows with the window. Images get a fixed one.
        height=HEIGHT if static else None,
        margin=MARGIN,
        hovermode="closest",
        dragmode="pan",
        uirevision=f"network:{first}:{len(drawn.numbers)}",
        # Below the plot, entries flowing in rows (symbols tell the node types apart): it
        # never covers a node or a label, and needs no scrollbar.
        legend={
            "orientation": "h",
            "x": 0,
            "xanchor": "left",
            "y": 0,
            "yanchor": "top",
            "traceorder": "normal",
            "groupclick": "toggleitem",
            "font": {"size": 11},
        },
        meta=meta,
        xaxis={"visible": False, "range": x_range},
        yaxis={"visible": False, "range": y_range, "scaleanchor": "x", "scaleratio": 1},
    )
    if not static:
        # The labels' SVG layer is lifted over the WebGL canvas (assets/network.css): it
        # must not paint a background over the markers (the page behind is white).
        figure["layout"].update(plot_bgcolor="rgba(0,0,0,0)", paper_bgcolor="rgba(0,0,0,0)")
    if static:
        thin_labels(figure, IMAGE_CANVAS)
    return figure


def shown_nodes(
    view: View, selected, ego_hops: int, hide_unmatched: bool, limit, scores: np.ndarray, pinned: list[str] = ()
) -> Shown:
    """Which nodes the figure draws, and their positions (see the module's docstring);
    ``scores`` rank the nodes (an array in node order); ``pinned`` nodes (a path) are
    always drawn."""
    graph = view.full_graph
    nodes = set(view.graph.nodes)
    is_ego = bool(ego_hops) and selected in graph
    if is_ego:
        nodes = ego_nodes(view.graph if selected in view.graph else graph, selected, ego_hops)
    matching = len(nodes)
    if limit is not None and len(nodes) > limit:
        keep = {selected} | neighbours_of(graph, selected) if selected in nodes else set()
        nodes = representative_nodes(graph, nodes, limit, scores) | (keep & nodes)
    nodes |= set(pinned)
    is_whole = len(nodes) == graph.number_of_nodes()
    has_context = not (is_whole or is_ego or hide_unmatched or matching > len(nodes))
    has_context = has_context and graph.number_of_nodes() <= FADED_NODE_LIMIT
    if is_whole or has_context:
        positions = network_positions(graph)
    else:
        positions = subset_positions(graph, nodes, selected if is_ego else None)
    return Shown(nodes=nodes, positions=positions, matching=matching, has_context=has_context)


def neighbours_of(graph, node: str | None) -> set[str]:
    if node not in graph:
        return set()
    return set(graph.predecessors(node)) | set(graph.successors(node))


def representative_nodes(graph, nodes: set[str], count: int, scores: np.ndarray) -> set[str]:
    """``count`` of ``nodes`` that give a picture of the whole: the most important actors
    and topics, then the events that join most of them (ties by importance, then id, so
    the choice is stable). Actors and topics left with no shown neighbour make room for
    more events, so the picture is one web, not a cloud of loose dots."""
    arrays = graph_arrays(graph)
    candidates = arrays.numbers(nodes)
    by_type = {
        name: by_importance(candidates[arrays.node_type[candidates] == code], scores)
        for code, name in enumerate(NODE_TYPES)
    }
    chosen = np.concatenate(
        (by_type["topic"][: int(count * TOPIC_SHARE)], by_type["actor"][: int(count * ACTOR_SHARE)])
    )
    source, target = _linked_pairs(arrays)
    events = by_type["event"]
    joined = np.bincount(target[arrays.mask(chosen)[source]], minlength=len(arrays.nodes))[events]
    events = events[np.lexsort((events, -scores[events], -joined))]
    picked = arrays.mask(events[: count - len(chosen)])
    has_picked_neighbour = np.zeros(len(arrays.nodes), dtype=bool)
    has_picked_neighbour[source[picked[target]]] = True
    has_picked_neighbour[target[picked[source]]] = True
    loose = int(np.count_nonzero(~has_picked_neighbour[chosen]))
    kept = np.concatenate((chosen[has_picked_neighbour[chosen]], events[: count - len(chosen) + loose]))
    return set(arrays.nodes[kept].tolist())


def by_importance(numbers: np.ndarray, scores: np.ndarray) -> np.ndarray:
    """``numbers`` from the highest score down, ties by node id."""
    return numbers[np.lexsort((numbers, -scores[numbers]))]


def _linked_pairs(arrays: GraphArrays) -> tuple[np.ndarray, np.ndarray]:
    """(sources, targets) of the graph's edges, each linked pair once."""
    cached = arrays.memo.get("pairs")
    if cached is None:
        count = len(arrays.nodes)
        pairs = np.unique(arrays.edge_source.astype(np.int64) * count + arrays.edge_target)
        cached = arrays.memo["pairs"] = (pairs // count, pairs % count)
    return cached


def frame(points: np.ndarray) -> tuple[list[float], list[float]]:
    """Axis ranges that fit ``points`` (an (n, 2) array) with room around them (more above,
    for labels)."""
    (x0, y0), (x1, y1) = np.nanmin(points, axis=0), np.nanmax(points, axis=0)
    pad = 0.06 * max(x1 - x0, y1 - y0, 0.2)
    return [float(x0 - pad), float(x1 + pad)], [float(y0 - pad), float(y1 + 1.6 * pad)]


def label_order(graph, numbers: np.ndarray, selected: str | None, scores: np.ndarray, named=frozenset()) -> list[str]:
    """The shown nodes (``numbers``) that may get a label, most deserving first: the selected
    node, the ``named`` ones (the filter's actors), the selected node's neighbours, then
    actors and topics (short names) before events (long titles), each by importance; at
    most :data:`LABEL_CANDIDATES`."""
    arrays = graph_arrays(graph)
    shown = arrays.mask(numbers)
    is_event = arrays.node_type == NODE_TYPES.index("event")
    tiers = [{selected}, set(named), neighbours_of(graph, selected)]
    order: list[np.ndarray] = []
    for tier in tiers:
        members = np.array([arrays.index[n] for n in tier if n in arrays.index], dtype=np.int64)
        order.append(members[shown[members]] if members.size else members)
    rest = numbers[np.lexsort((numbers, -scores[numbers], is_event[numbers]))]
    order = [tier[np.lexsort((tier, -scores[tier], is_event[tier]))] for tier in order] + [rest[:LABEL_CANDIDATES]]
    ordered = np.concatenate(order)
    _, first = np.unique(ordered, return_index=True)
    return arrays.nodes[ordered[np.sort(first)][:LABEL_CANDIDATES]].tolist()


def label_trace(graph, drawn: Drawn, order: list[str]) -> dict:
    """The labels, as one SVG text trace in ``order`` (the browser drops those that collide)."""
    points = [drawn.point(n) for n in order]
    return dict(
        type="scatter",
        x=[p[0] for p in points],
        y=[p[1] for p in points],
        mode="text",
        text=[plain(shorten(graph.nodes[n]["label"], LABEL_LENGTH)) for n in order],
        textposition="top center",
        textfont={"size": LABEL_FONT, "color": INK},
        hoverinfo="skip",
        showlegend=False,
        name="labels",
        meta={"nodes": order},
    )


def thin_labels(figure: dict, canvas: tuple[int, int]) -> None:
    """Blank the labels that would overlap one already kept (in trace order) when the
    figure is drawn at ``canvas`` pixels; estimates text width from its length."""
    labels = next(t for t in figure["data"] if t.get("name") == "labels")
    scale = _pixels_per_unit(figure["layout"], canvas)
    kept: list[tuple[float, float, float, float]] = []
    texts = list(labels["text"])
    for number, (x, y, text) in enumerate(zip(labels["x"], labels["y"], texts, strict=True)):
        half_width = len(text) * LABEL_FONT * 0.3 / scale
        height = LABEL_FONT * 1.3 / scale
        box = (x - half_width, y + 4 / scale, x + half_width, y + 4 / scale + height)
        if any(box[0] < k[2] and k[0] < box[2] and box[1] < k[3] and k[1] < box[3] for k in kept):
            texts[number] = ""
        else:
            kept.append(box)
    labels["text"] = texts


def _pixels_per_unit(layout: dict, canvas: tuple[int, int]) -> float:
    width, height = canvas
    margin = layout.get("margin", {})
    x_range, y_range = layout["xaxis"]["range"], layout["yaxis"]["range"]
    plot_width = width - margin.get("l", 0) - margin.get("r", 0)
    plot_height = height - margin.get("t", 0) - margin.get("b", 0) - 60  # the legend's rows
    return min(plot_width / (x_range[1] - x_range[0]), plot_height / (y_range[1] - y_range[0]))


def view_path(view: View, source: str | None, target: str | None) -> list[str]:
    """A shortest path from ``source`` to ``target`` within the view's graph (edge direction
    ignored), or ``[]`` when either is missing or they are not connected there."""
    return path_within(view.graph, source, target)


def _path_trace(path: list[str], drawn: Drawn) -> dict:
    points = [drawn.point(n) for n in path]
    return dict(
        type="scatter",
        x=[p[0] for p in points],
        y=[p[1] for p in points],
        mode="lines",
        line={"color": PATH_COLOR, "width": 5},
        opacity=0.8,
        hoverinfo="skip",
        name="path",
    )


def _selection_ring(position: tuple[float, float]) -> dict:
    return dict(
        type="scatter",
        x=[position[0]],
        y=[position[1]],
        mode="markers",
        marker={"symbol": "circle-open", "size": 30, "color": HIGHLIGHT, "line": {"width": 3}},
        hoverinfo="skip",
        showlegend=False,
        name="selected",
    )


def _edge_style(data: dict) -> tuple[str, str, str, float]:
    """(legend name, colour, dash, width) for an edge."""
    if data["type"] == "link":
        color, dash = LINK_STYLES.get(data["kind"], (MUTED, "dot"))
        return LINK_LABELS.get(data["kind"], (data["kind"],))[0], color, dash, 1.6
    color, dash, width = EDGE_STYLES.get(data["type"], (MUTED, "solid", 0.8))
    return data["type"].replace("_", " "), color, dash, width


def _add_edges(figure: dict, arrays: GraphArrays, drawn: Drawn, has_context: bool, static: bool) -> None:
    """One trace per edge style among the shown nodes; with ``has_context``, the other edges
    faded in one more (on graphs up to :data:`FADED_EDGE_LIMIT` edges)."""
    source, target = arrays.edge_source, arrays.edge_target
    shown = drawn.mask
    drawable = source != target
    inside = shown[source] & shown[target] & drawable
    if has_context and len(source) <= FADED_EDGE_LIMIT:
        faded = np.flatnonzero(~inside & drawable)
        if faded.size:
            style = {"color": "rgba(180,186,194,0.18)", "width": 0.6}
            figure["data"].append(edge_trace(drawn, faded, "other edges", style, static, showlegend=False))
    by_style: dict[tuple, list[int]] = defaultdict(list)
    for code, (edge_type, kind) in enumerate(arrays.edge_keys):
        by_style[_edge_style({"type": edge_type, "kind": kind})].append(code)
    keys = arrays.edge_key
    for (name, color, dash, width), codes in sorted(by_style.items(), key=lambda item: (item[0][3] > 1, item[0][0])):
        edges = np.flatnonzero(inside & np.isin(keys, codes))
        if edges.size:
            style = {"color": color, "dash": dash, "width": width}
            trace = edge_trace(drawn, edges, name, style, static, legendgroup="edges")
            trace["visible"] = "legendonly" if name in QUIET_EDGES else True
            figure["data"].append(trace)


def edge_trace(drawn: Drawn, edges: np.ndarray, name: str, line: dict, static: bool, **extra) -> dict:
    """``edges`` (edge numbers) as line segments: float32 points, a NaN gap after each edge,
    and the edges' dates and end nodes in ``meta`` (see the module's docstring)."""
    arrays = drawn.arrays
    ends = (arrays.edge_source[edges], arrays.edge_target[edges])
    xs, ys = (segments(drawn.xy[ends[0], axis], drawn.xy[ends[1], axis]) for axis in (0, 1))
    dates = iso_dates(edge_days(arrays, drawn.days, edges))
    return dict(
        type=drawn.scatter(static),
        x=xs,
        y=ys,
        mode="lines",
        line=line,
        hoverinfo="skip",
        name=name,
        meta=edges_meta(dates, drawn.ends(*ends)),
        **extra,
    )


def edges_meta(dates: list[str], ends: list[list[int]] | None) -> dict:
    """An edge trace's ``meta``: its role, its edges' dates and, when known, their ends."""
    meta = {"role": "edges", "dates": dates}
    return meta | {"ends": ends} if ends is not None else meta


def node_ids(figure: dict) -> list[str]:
    """The ids of the nodes a network figure draws, its node traces' points in trace order:
    what an edge trace's ``meta["ends"]`` indexes."""
    return [
        str(row[0]) for trace in figure["data"] if meta_of(trace).get("role") == "nodes" for row in trace["customdata"]
    ]


def edge_ends(trace: dict, ids: list[str]) -> list[tuple[str, str]] | None:
    """The (source, target) node ids of each edge of an edge ``trace``, or None when it does
    not name them; ``ids`` are the figure's :func:`node_ids`."""
    meta = meta_of(trace)
    if meta.get("role") != "edges" or "ends" not in meta:
        return None
    sources, targets = meta["ends"]
    return [(ids[source], ids[target]) for source, target in zip(sources, targets, strict=True)]


def segments(starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """``[start, end, NaN]`` for each pair, flat, as float32 (a line trace draws each pair
    as one segment)."""
    points = np.empty((len(starts), 3), dtype=np.float32)
    points[:, 0], points[:, 1], points[:, 2] = starts, ends, np.nan
    return points.ravel()


def _node_detail(data: dict) -> str:
    kind = data["type"]
    if kind == "event":
        return f"{data['kind']} · {_describe(data['date'])}"
    return data["kind"] if kind == "actor" else "topic"


@lru_cache(maxsize=65536)
def _describe(date) -> str:
    return date.describe()


def _hover_heads(graph, arrays: GraphArrays) -> np.ndarray:
    """Every node's hover title and kind line (``<b>Title</b><br>meeting · 3 Jan 2025``),
    in node order, built once per graph."""
    heads = arrays.memo.get("hover heads")
    if heads is None:
        nodes = graph.nodes
        texts = [
            f"<b>{plain(shorten(nodes[n]['label'], 70))}</b><br>{plain(_node_detail(nodes[n]))}" for n in arrays.nodes
        ]
        heads = arrays.memo["hover heads"] = np.array(texts, dtype=object)
    return heads


def _rank_texts(arrays: GraphArrays, ranking: Measure) -> np.ndarray:
    """Every node's :func:`rank_text` under ``ranking``, in node order, built once per measure."""
    key = ("ranks", ranking.name)
    cached = arrays.memo.get(key)
    if cached is None or cached[0] is not ranking:
        texts = np.array(
            [plain(rank_text(ranking, n)) if n in ranking.values else "" for n in arrays.nodes], dtype=object
        )
        cached = arrays.memo[key] = (ranking, texts)
    return cached[1]


def rank_text(ranking: Measure, node: str) -> str:
    """``"3rd of 50 actors by betweenness (0.0213)"``."""
    rank, count = ranking.rank(node)
    noun = split_node(node)[0] + ("s" if count != 1 else "")
    return f"{ordinal(rank)} of {count:,} {noun} by {ranking.label} ({ranking.values[node]:.4g})"


def ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number:,}{suffix}"


def node_sizes(scores: np.ndarray, top: float) -> np.ndarray:
    """Marker sizes by importance: area grows with the score, from 7 to 28 pixels across."""
    if top <= 0:
        return np.full(len(scores), 10, dtype=np.float32)
    return (7 + 21 * np.sqrt(np.clip(scores, 0, None) / top)).astype(np.float32)


def _add_faded(figure: dict, arrays: GraphArrays, drawn: Drawn, static: bool) -> None:
    faded = np.flatnonzero(~drawn.mask)
    if not faded.size:
        return
    symbols = np.array([NODE_SYMBOLS[name] for name in NODE_TYPES], dtype=object)[arrays.node_type[faded]]
    figure["data"].append(
        dict(
            type=drawn.scatter(static),
            x=drawn.xy[faded, 0],
            y=drawn.xy[faded, 1],
            mode="markers",
            marker={"symbol": symbols.tolist(), "size": 7, "color": "rgba(190,196,204,0.35)"},
            hoverinfo="skip",
            showlegend=False,
            name="not in view",
        )
    )


@dataclass(frozen=True)
class NodeGroup:
    """Shown nodes drawn as one trace: one legend entry, one colour."""

    name: str
    color: str
    numbers: np.ndarray  # node numbers, see explorer.network_arrays
    legend_group: str


def kind_groups(arrays: GraphArrays, numbers: np.ndarray) -> list[NodeGroup]:
    """Nodes grouped by type and kind (actors, then events, then topics), coloured by kind."""
    colors = {"actor": actor_color, "event": event_color}
    groups = arrays.node_group[numbers]
    found = [(arrays.groups[code], code) for code in np.unique(groups)]
    return [
        NodeGroup(
            kind, colors[node_type](kind) if node_type in colors else TOPIC_COLOR, numbers[groups == code], node_type
        )
        for (node_type, kind), code in sorted(found, key=lambda item: (NODE_TYPES.index(item[0][0]), item[0][1]))
    ]


def community_groups(graph, numbers: np.ndarray) -> list[NodeGroup]:
    """Nodes grouped by community of the whole graph (the largest first; past the tenth, one
    grey group)."""
    arrays = graph_arrays(graph)
    found = np.minimum(_community_numbers(graph, arrays)[numbers], len(COMMUNITY_COLORS))
    return [
        NodeGroup(
            f"community {number + 1}" if number < len(COMMUNITY_COLORS) else "other communities",
            COMMUNITY_COLORS[number] if number < len(COMMUNITY_COLORS) else OTHER_COMMUNITY,
            numbers[found == number],
            "community",
        )
        for number in np.unique(found).tolist()
    ]


def _community_numbers(graph, arrays: GraphArrays) -> np.ndarray:
    """Each node's community number (0 = the largest), in node order."""
    found = communities(graph)
    cached = arrays.memo.get("communities")
    if cached is None or cached[0] is not found:
        numbers = np.zeros(len(arrays.nodes), dtype=np.int32)
        for number, members in enumerate(found):
            numbers[arrays.numbers(members)] = number
        cached = arrays.memo["communities"] = (found, numbers)
    return cached[1]


def _add_nodes(figure: dict, graph, drawn: Drawn, groups: list[NodeGroup], ranking: Measure, static: bool) -> None:
    """One marker trace per group; each node's ``customdata`` is ``[node id, ISO date]``."""
    arrays = drawn.arrays
    scores = values_array(arrays, ranking.name, ranking.values)
    top = float(scores[drawn.numbers].max(initial=0))
    heads, ranks = _hover_heads(graph, arrays), _rank_texts(arrays, ranking)
    scatter = drawn.scatter(static)
    for group in groups:
        numbers = group.numbers
        symbols = np.array([NODE_SYMBOLS[name] for name in NODE_TYPES], dtype=object)[arrays.node_type[numbers]]
        uniform = bool((symbols == symbols[0]).all())
        dates = np.array(iso_dates(drawn.days[numbers]), dtype=object)
        figure["data"].append(
            dict(
                type=scatter,
                x=drawn.xy[numbers, 0],
                y=drawn.xy[numbers, 1],
                mode="markers",
                marker={
                    "symbol": symbols[0] if uniform else symbols.tolist(),
                    "size": node_sizes(scores[numbers], top),
                    "color": group.color,
                    "line": {"width": 1, "color": "white"},
                },
                customdata=np.column_stack((arrays.nodes[numbers], dates)).tolist(),
                hovertext=(heads[numbers] + "<br>" + ranks[numbers]).tolist(),
                hovertemplate="%{hovertext}<extra></extra>",
                name=group.name,
                legendgroup=group.legend_group,
                meta={"role": "nodes"},
            )
        )
