"""The network: actors, events and topics as nodes, edges by kind.

What is shown fills the view. With every node shown, or with the rest faded in place, the
whole graph's layout is used (computed once, see :mod:`explorer.network_layout`) and the
frame fits the nodes that match. A subset drawn on its own (a "Show N" cut, an ego network,
a filter with the rest hidden) gets a layout of its own, seeded from the whole picture.

Labels are one text trace, most important first; the browser keeps only those that fit
without overlapping (``assets/network.js``), and images are thinned here the same way.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, replace

import plotly.graph_objects as go

from ..analysis import DEFAULT_MEASURE, Measure, community_of, measure, shortest_paths
from ..graph import View, ego_nodes, split_node
from ..network_layout import network_positions, subset_positions
from .common import empty_figure, quiet_lines
from .style import (
    EDGE_STYLES,
    HIGHLIGHT,
    INK,
    LINK_LABELS,
    LINK_STYLES,
    MUTED,
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
#: Above this many shown nodes, markers are drawn with WebGL.
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
PATH_COLOR = "#EE7733"
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


def network_figure(
    view: View,
    selected: str | None = None,
    ego_hops: int = 0,
    hide_unmatched: bool = False,
    static: bool = False,
    limit: int | None = DEFAULT_NODE_LIMIT,
    options: NetworkOptions = DEFAULT_OPTIONS,
    positions: Mapping[str, tuple[float, float]] | None = None,
) -> go.Figure:
    """The network of ``view``; ``selected`` (a node id) is ringed, and with ``ego_hops`` > 0
    only it and its neighbours within that many hops are shown, laid out around it. Past
    ``limit`` nodes (None: no limit) only the most important are shown, with the selected
    node and its neighbours; ``layout.meta`` says how many were left out. ``static``
    (images) thins the labels here, for :data:`IMAGE_CANVAS`, as no script will. ``options``
    choose what sizes and colours the nodes. ``positions``, when given, place the nodes (an
    animation draws every frame on one layout, so nothing moves between frames)."""
    if view.is_empty:
        return empty_figure("No events match these filters", "Remove a filter or widen the date range.")
    if options.mode == "actors":
        from .actor_network import actor_network_figure

        return actor_network_figure(view, selected, static, limit, options)
    graph = view.full_graph
    ranking = measure(graph, options.measure)
    scores = ranking.values
    path = view_path(view, selected, options.path_to)
    shown = shown_nodes(view, selected, ego_hops, hide_unmatched, limit, scores, path)
    if positions is not None:
        shown = replace(shown, positions=positions)
    figure = go.Figure()
    _add_edges(figure, graph, shown)
    if shown.has_context:
        _add_faded(figure, graph, shown)
    groups = community_groups(graph, shown.nodes) if options.color == "community" else kind_groups(graph, shown.nodes)
    _add_nodes(figure, graph, shown, groups, ranking)
    if selected in shown.nodes:
        figure.add_trace(_selection_ring(shown.positions[selected]))
    if path:
        figure.add_trace(_path_trace(path, shown))
    named = {f"actor:{actor}" for actor in view.filters.actors} | set(path)
    figure.add_trace(label_trace(graph, shown, label_order(graph, shown.nodes, selected, scores, named)))
    meta = {"shown": len(shown.nodes), "matching": shown.matching, "nodes": graph.number_of_nodes(), "path": path}
    return finish(figure, shown, static, meta | {"measure": ranking.name, "method": ranking.method})


def finish(figure: go.Figure, shown: Shown, static: bool, meta: dict) -> go.Figure:
    """Lay out a network figure: the legend in rows below the plot, the frame fitted to the
    shown nodes, a fixed height and thinned labels for images (``static``)."""
    figure.update_layout(
        base_layout(
            # In the browser the graph's box sets the height (assets/network.css): the
            # plot grows with the window. Images get a fixed one.
            height=HEIGHT if static else None,
            margin=MARGIN,
            hovermode="closest",
            dragmode="pan",
            uirevision=f"network:{sorted(shown.nodes)[:3]}:{len(shown.nodes)}",
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
        )
    )
    x_range, y_range = frame(shown.positions[n] for n in shown.nodes)
    figure.update_xaxes(visible=False, range=x_range)
    figure.update_yaxes(visible=False, range=y_range, scaleanchor="x", scaleratio=1)
    if static:
        thin_labels(figure, IMAGE_CANVAS)
    return figure


def shown_nodes(
    view: View, selected, ego_hops: int, hide_unmatched: bool, limit, scores, pinned: list[str] = ()
) -> Shown:
    """Which nodes the figure draws, and their positions (see the module's docstring);
    ``pinned`` nodes (a path) are always drawn."""
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


def representative_nodes(graph, nodes: set[str], count: int, scores: dict[str, float]) -> set[str]:
    """``count`` of ``nodes`` that give a picture of the whole: the most important actors
    and topics, then the events that join most of them (ties by importance, then id, so
    the choice is stable). Actors and topics left with no shown neighbour make room for
    more events, so the picture is one web, not a cloud of loose dots."""

    def ranked(node_type: str) -> list[str]:
        of_type = (n for n in nodes if n.startswith(node_type + ":"))
        return sorted(of_type, key=lambda n: (-scores.get(n, 0), n))

    chosen = set(ranked("topic")[: int(count * TOPIC_SHARE)]) | set(ranked("actor")[: int(count * ACTOR_SHARE)])
    joined = {e: sum(1 for a in graph.predecessors(e) if a in chosen) for e in ranked("event")}
    events = sorted(joined, key=lambda e: (-joined[e], -scores.get(e, 0), e))
    picked = set(events[: count - len(chosen)])
    loose = {n for n in chosen if not (neighbours_of(graph, n) & picked)}
    return (chosen - loose) | set(events[: count - len(chosen) + len(loose)])


def frame(points) -> tuple[list[float], list[float]]:
    """Axis ranges that fit ``points`` with room around them (more above, for labels)."""
    xs, ys = zip(*points, strict=True)
    pad = 0.06 * max(max(xs) - min(xs), max(ys) - min(ys), 0.2)
    return [min(xs) - pad, max(xs) + pad], [min(ys) - pad, max(ys) + 1.6 * pad]


def label_order(
    graph, shown: set[str], selected: str | None, scores: dict[str, float], named: set[str] = frozenset()
) -> list[str]:
    """The shown nodes that may get a label, most deserving first: the selected node, the
    ``named`` ones (the filter's actors), the selected node's neighbours, then actors and
    topics (short names) before events (long titles), each by importance; at most
    :data:`LABEL_CANDIDATES`."""
    near = neighbours_of(graph, selected) & shown

    def priority(node: str) -> tuple:
        kind = node.startswith("event:")
        return (node != selected, node not in named, node not in near, kind, -scores.get(node, 0), node)

    return sorted(shown, key=priority)[:LABEL_CANDIDATES]


def label_trace(graph, shown: Shown, order: list[str]) -> go.Scatter:
    """The labels, as one SVG text trace in ``order`` (the browser drops those that collide)."""
    return go.Scatter(
        x=[shown.positions[n][0] for n in order],
        y=[shown.positions[n][1] for n in order],
        mode="text",
        text=[plain(shorten(graph.nodes[n]["label"], LABEL_LENGTH)) for n in order],
        textposition="top center",
        textfont={"size": LABEL_FONT, "color": INK},
        hoverinfo="skip",
        showlegend=False,
        name="labels",
        meta={"nodes": order},
    )


def thin_labels(figure: go.Figure, canvas: tuple[int, int]) -> None:
    """Blank the labels that would overlap one already kept (in trace order) when the
    figure is drawn at ``canvas`` pixels; estimates text width from its length."""
    labels = next(t for t in figure.data if t.name == "labels")
    scale = _pixels_per_unit(figure, canvas)
    kept: list[tuple[float, float, float, float]] = []
    texts = list(labels.text)
    for number, (x, y, text) in enumerate(zip(labels.x, labels.y, texts, strict=True)):
        half_width = len(text) * LABEL_FONT * 0.3 / scale
        height = LABEL_FONT * 1.3 / scale
        box = (x - half_width, y + 4 / scale, x + half_width, y + 4 / scale + height)
        if any(box[0] < k[2] and k[0] < box[2] and box[1] < k[3] and k[1] < box[3] for k in kept):
            texts[number] = ""
        else:
            kept.append(box)
    labels.text = texts


def _pixels_per_unit(figure: go.Figure, canvas: tuple[int, int]) -> float:
    width, height = canvas
    margin = figure.layout.margin
    x_range, y_range = figure.layout.xaxis.range, figure.layout.yaxis.range
    plot_width = width - (margin.l or 0) - (margin.r or 0)
    plot_height = height - (margin.t or 0) - (margin.b or 0) - 60  # the legend's rows
    return min(plot_width / (x_range[1] - x_range[0]), plot_height / (y_range[1] - y_range[0]))


def view_path(view: View, source: str | None, target: str | None) -> list[str]:
    """A shortest path from ``source`` to ``target`` within the view's graph (edge direction
    ignored), or ``[]`` when either is missing or they are not connected there."""
    if not source or not target or source not in view.graph or target not in view.graph:
        return []
    found = shortest_paths(view.graph, source, target)
    return found[0] if found else []


def _path_trace(path: list[str], shown: Shown) -> go.Scatter:
    return go.Scatter(
        x=[shown.positions[n][0] for n in path],
        y=[shown.positions[n][1] for n in path],
        mode="lines",
        line={"color": PATH_COLOR, "width": 5},
        opacity=0.8,
        hoverinfo="skip",
        name="path",
    )


def _selection_ring(position: tuple[float, float]) -> go.Scatter:
    return go.Scatter(
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


def _add_edges(figure: go.Figure, graph, shown: Shown) -> None:
    groups: dict[tuple, tuple[list, list]] = defaultdict(lambda: ([], []))
    faded_xs: list = []
    faded_ys: list = []
    positions, nodes = shown.positions, shown.nodes
    draw_faded = shown.has_context and graph.number_of_edges() <= FADED_EDGE_LIMIT
    # Without faded context, only the shown nodes' edges matter: far fewer on big graphs.
    edges = graph.edges(data=True) if draw_faded else graph.out_edges(nodes, data=True)
    for u, v, data in edges:
        if u in nodes and v in nodes:
            xs, ys = groups[_edge_style(data)]
        elif draw_faded:
            xs, ys = faded_xs, faded_ys
        else:
            continue
        (x0, y0), (x1, y1) = positions[u], positions[v]
        xs += [x0, x1, None]
        ys += [y0, y1, None]
    if faded_xs:
        figure.add_trace(quiet_lines(faded_xs, faded_ys, "rgba(180,186,194,0.18)", 0.6, "other edges"))
    ordered = sorted(groups.items(), key=lambda item: (item[0][3] > 1, item[0][0]))
    for (name, color, dash, width), (xs, ys) in ordered:
        figure.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                line={"color": color, "dash": dash, "width": width},
                hoverinfo="skip",
                visible="legendonly" if name in QUIET_EDGES else True,
                name=name,
                legendgroup="edges",
            )
        )


def _node_hover(graph, node: str, ranking: Measure) -> str:
    data = graph.nodes[node]
    kind, _ = split_node(node)
    if kind == "event":
        detail = f"{data['kind']} · {data['date'].describe()}"
    elif kind == "actor":
        detail = data["kind"]
    else:
        detail = "topic"
    return f"<b>{plain(shorten(data['label'], 70))}</b><br>{plain(detail)}<br>{plain(rank_text(ranking, node))}"


def rank_text(ranking: Measure, node: str) -> str:
    """``"3rd of 50 actors by betweenness (0.0213)"``."""
    rank, count = ranking.rank(node)
    noun = split_node(node)[0] + ("s" if count != 1 else "")
    return f"{ordinal(rank)} of {count:,} {noun} by {ranking.label} ({ranking.values[node]:.4g})"


def ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number:,}{suffix}"


def node_sizes(nodes: list[str], scores: dict[str, float], top: float) -> list[float]:
    """Marker sizes by importance: area grows with the score, from 7 to 28 pixels across."""
    return [7 + 21 * math.sqrt(max(scores.get(n, 0), 0) / top) if top > 0 else 10 for n in nodes]


def _add_faded(figure: go.Figure, graph, shown: Shown) -> None:
    faded = [n for n in graph.nodes if n not in shown.nodes]
    if not faded:
        return
    figure.add_trace(
        go.Scatter(
            x=[shown.positions[n][0] for n in faded],
            y=[shown.positions[n][1] for n in faded],
            mode="markers",
            marker={
                "symbol": [NODE_SYMBOLS[graph.nodes[n]["type"]] for n in faded],
                "size": 7,
                "color": "rgba(190,196,204,0.35)",
            },
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
    nodes: list[str]
    legend_group: str


def kind_groups(graph, nodes: set[str]) -> list[NodeGroup]:
    """Nodes grouped by type and kind (actors, then events, then topics), coloured by kind."""
    by_kind: dict[tuple[str, str], list[str]] = defaultdict(list)
    for node in sorted(nodes):
        data = graph.nodes[node]
        by_kind[(data["type"], data.get("kind", "topic") if data["type"] != "topic" else "topic")].append(node)
    order = {"actor": 0, "event": 1, "topic": 2}
    colors = {"actor": actor_color, "event": event_color}
    return [
        NodeGroup(kind, colors[node_type](kind) if node_type in colors else TOPIC_COLOR, members, node_type)
        for (node_type, kind), members in sorted(by_kind.items(), key=lambda item: (order[item[0][0]], item[0][1]))
    ]


def community_groups(graph, nodes: set[str]) -> list[NodeGroup]:
    """Nodes grouped by community of the whole graph (the largest first; past the tenth, one
    grey group)."""
    numbers = community_of(graph)
    by_number: dict[int, list[str]] = defaultdict(list)
    for node in sorted(nodes):
        by_number[min(numbers[node], len(COMMUNITY_COLORS))].append(node)
    return [
        NodeGroup(
            f"community {number + 1}" if number < len(COMMUNITY_COLORS) else "other communities",
            COMMUNITY_COLORS[number] if number < len(COMMUNITY_COLORS) else OTHER_COMMUNITY,
            members,
            "community",
        )
        for number, members in sorted(by_number.items())
    ]


def _add_nodes(figure: go.Figure, graph, shown: Shown, groups: list[NodeGroup], ranking: Measure) -> None:
    top = max((ranking.values.get(n, 0) for n in shown.nodes), default=0)
    scatter = go.Scattergl if len(shown.nodes) > WEBGL_NODES else go.Scatter
    for group in groups:
        symbols = [NODE_SYMBOLS[graph.nodes[n]["type"]] for n in group.nodes]
        figure.add_trace(
            scatter(
                x=[shown.positions[n][0] for n in group.nodes],
                y=[shown.positions[n][1] for n in group.nodes],
                mode="markers",
                marker={
                    "symbol": symbols[0] if len(set(symbols)) == 1 else symbols,
                    "size": node_sizes(group.nodes, ranking.values, top),
                    "color": group.color,
                    "line": {"width": 1, "color": "white"},
                },
                customdata=[[n, _node_hover(graph, n, ranking)] for n in group.nodes],
                hovertemplate="%{customdata[1]}<extra></extra>",
                name=group.name,
                legendgroup=group.legend_group,
            )
        )
