"""The network: actors, events and topics as nodes on a fixed layout, edges by kind.

Nodes keep their place whatever the filters (the layout is computed once per graph, see
:mod:`explorer.network_layout`); nodes outside the view are faded, or hidden on request. In ego mode
only the selected node and its neighbours within N hops stand out.
"""

from __future__ import annotations

import math
from collections import defaultdict

import plotly.graph_objects as go

from ..graph import View, ego_nodes, split_node
from ..network_layout import network_positions
from .common import empty_figure, quiet_lines
from .style import (
    EDGE_STYLES,
    HIGHLIGHT,
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
GROUP_TITLES = {"actor": "Actors", "event": "Events", "topic": "Topics"}
#: Nodes shown in full by default: the most connected ones, the selection and its neighbours.
DEFAULT_NODE_LIMIT = 400
#: Faded context (the rest of the graph) is drawn only for graphs up to this size.
FADED_NODE_LIMIT = 5000
#: Above this many shown nodes, markers are drawn with WebGL.
WEBGL_NODES = 1000
EVENT_LABEL_LIMIT = 30
ACTOR_LABEL_LIMIT = 24
FADED_EDGE_LIMIT = 6000
# Edge types drawn only on request (a click on their legend entry): they tie many nodes to
# a few topics and would hide the structure of who met whom.
QUIET_EDGES = {"position", "concerns"}


def network_figure(
    view: View,
    selected: str | None = None,
    ego_hops: int = 0,
    hide_unmatched: bool = False,
    fit_to_shown: bool = False,
    limit: int | None = DEFAULT_NODE_LIMIT,
) -> go.Figure:
    """The network of ``view``; ``selected`` (a node id) is ringed, and with ``ego_hops`` > 0
    only it and its neighbours within that many hops are shown in full. The frame is the
    whole graph's, so nodes never move as filters change, unless ``fit_to_shown`` (exports)
    frames just the nodes shown. Past ``limit`` nodes (None: no limit), only the most
    connected ones are shown, with the selected node and its neighbours; ``layout.meta``
    says how many were left out."""
    if view.is_empty:
        return empty_figure("No events match these filters", "Remove a filter or widen the date range.")
    graph = view.full_graph
    positions = network_positions(graph)
    shown = set(view.graph.nodes)
    if ego_hops and selected in graph:
        shown = ego_nodes(view.graph if selected in view.graph else graph, selected, ego_hops)
    neighbours = set(graph.predecessors(selected)) | set(graph.successors(selected)) if selected in graph else set()
    matching = len(shown)
    if limit is not None and len(shown) > limit:
        shown = most_connected(graph, shown, limit) | ({selected} | neighbours if selected in shown else set())
    hide_unmatched = hide_unmatched or graph.number_of_nodes() > FADED_NODE_LIMIT
    figure = go.Figure()
    _add_edges(figure, graph, positions, shown, faded=not hide_unmatched)
    labelled = labelled_nodes(graph, shown, selected, neighbours)
    _add_nodes(figure, graph, positions, shown, labelled, faded=not hide_unmatched)
    if selected in graph and selected in positions:
        x, y = positions[selected]
        figure.add_trace(
            go.Scatter(
                x=[x],
                y=[y],
                mode="markers",
                marker={"symbol": "circle-open", "size": 30, "color": HIGHLIGHT, "line": {"width": 3}},
                hoverinfo="skip",
                showlegend=False,
                name="selected",
            )
        )
    figure.update_layout(
        base_layout(
            height=640,
            margin={"l": 10, "r": 10, "t": 10, "b": 10},
            hovermode="closest",
            dragmode="pan",
            uirevision="network",
            legend={
                "x": 1.0,
                "xanchor": "right",
                "y": 1.0,
                "bgcolor": "rgba(255,255,255,0.85)",
                "groupclick": "toggleitem",
            },
            meta={"shown": len(shown), "matching": matching, "nodes": graph.number_of_nodes()},
        )
    )
    # Room on the right for the legend, and around the edges for labels.
    x_range, y_range = [-1.12, 1.55], [-1.1, 1.12]
    if fit_to_shown and shown:
        xs = [positions[n][0] for n in shown]
        ys = [positions[n][1] for n in shown]
        pad = 0.12 * max(max(xs) - min(xs), max(ys) - min(ys), 0.2)
        x_range = [min(xs) - pad, max(xs) + pad + 0.3 * (max(xs) - min(xs) + 2 * pad)]
        y_range = [min(ys) - pad, max(ys) + pad]
    figure.update_xaxes(visible=False, range=x_range)
    figure.update_yaxes(visible=False, range=y_range, scaleanchor="x", scaleratio=1)
    return figure


def most_connected(graph, nodes: set[str], count: int) -> set[str]:
    """The ``count`` nodes of ``nodes`` with the most edges (ties by id, so it is stable)."""
    return set(sorted(nodes, key=lambda n: (-graph.degree(n), n))[:count])


def labelled_nodes(graph, shown: set[str], selected: str | None, neighbours: set[str]) -> set[str]:
    """Which shown nodes get a text label: topics, the most connected actors, every event
    when there are few, and always the selected node and its neighbours."""
    actors = sorted((n for n in shown if n.startswith("actor:")), key=lambda n: -graph.degree(n))
    events = [n for n in shown if n.startswith("event:")]
    labelled = {n for n in shown if n.startswith("topic:")} | set(actors[:ACTOR_LABEL_LIMIT])
    if len(events) <= EVENT_LABEL_LIMIT:
        labelled.update(events)
    if selected in shown:
        labelled.add(selected)
        labelled.update(neighbours & shown)
    return labelled


def _edge_style(data: dict) -> tuple[str, str, str, float]:
    """(legend name, colour, dash, width) for an edge."""
    if data["type"] == "link":
        color, dash = LINK_STYLES.get(data["kind"], (MUTED, "dot"))
        return LINK_LABELS.get(data["kind"], (data["kind"],))[0], color, dash, 1.6
    color, dash, width = EDGE_STYLES.get(data["type"], (MUTED, "solid", 0.8))
    return data["type"].replace("_", " "), color, dash, width


def _add_edges(figure: go.Figure, graph, positions, shown: set[str], faded: bool) -> None:
    groups: dict[tuple, tuple[list, list]] = defaultdict(lambda: ([], []))
    faded_xs: list = []
    faded_ys: list = []
    draw_faded = faded and graph.number_of_edges() <= FADED_EDGE_LIMIT
    # Without faded context, only the shown nodes' edges matter: far fewer on big graphs.
    edges = graph.edges(data=True) if draw_faded else graph.out_edges(shown, data=True)
    for u, v, data in edges:
        (x0, y0), (x1, y1) = positions[u], positions[v]
        if u in shown and v in shown:
            xs, ys = groups[_edge_style(data)]
            xs += [x0, x1, None]
            ys += [y0, y1, None]
        elif draw_faded:
            faded_xs += [x0, x1, None]
            faded_ys += [y0, y1, None]
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
                legendgrouptitle={"text": "Edges"},
            )
        )


def _node_hover(graph, node: str) -> str:
    data = graph.nodes[node]
    kind, _ = split_node(node)
    if kind == "event":
        detail = f"{data['kind']} · {data['date'].describe()}"
    elif kind == "actor":
        detail = data["kind"]
    else:
        detail = "topic"
    return f"<b>{plain(shorten(data['label'], 70))}</b><br>{plain(detail)}"


def _add_nodes(figure, graph, positions, shown, labelled: set[str], faded: bool) -> None:
    groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    faded_nodes: list[str] = []
    for node in sorted(shown) if not faded else graph.nodes:
        data = graph.nodes[node]
        if node in shown:
            groups[(data["type"], data.get("kind", "topic") if data["type"] != "topic" else "topic")].append(node)
        else:
            faded_nodes.append(node)
    if faded_nodes:
        figure.add_trace(
            go.Scatter(
                x=[positions[n][0] for n in faded_nodes],
                y=[positions[n][1] for n in faded_nodes],
                mode="markers",
                marker={
                    "symbol": [NODE_SYMBOLS[graph.nodes[n]["type"]] for n in faded_nodes],
                    "size": 7,
                    "color": "rgba(190,196,204,0.35)",
                },
                hoverinfo="skip",
                showlegend=False,
                name="not in view",
            )
        )
    order = {"actor": 0, "event": 1, "topic": 2}
    seen_types: set[str] = set()
    scatter = go.Scattergl if len(shown) > WEBGL_NODES else go.Scatter
    for (node_type, kind), nodes in sorted(groups.items(), key=lambda item: (order[item[0][0]], item[0][1])):
        degree = {n: graph.degree(n) for n in nodes}
        if node_type == "actor":
            color, sizes = actor_color(kind), [min(36, 10 + 3.2 * math.sqrt(degree[n])) for n in nodes]
        elif node_type == "event":
            color, sizes = event_color(kind), [13] * len(nodes)
        else:
            color, sizes = TOPIC_COLOR, [15] * len(nodes)
        labels = [plain(shorten(graph.nodes[n]["label"], 26)) if n in labelled else "" for n in nodes]
        figure.add_trace(
            scatter(
                x=[positions[n][0] for n in nodes],
                y=[positions[n][1] for n in nodes],
                mode="markers+text",
                text=labels,
                textposition="top center",
                textfont={"size": 11 if node_type != "event" else 10, "color": "#323f4b"},
                marker={
                    "symbol": NODE_SYMBOLS[node_type],
                    "size": sizes,
                    "color": color,
                    "line": {"width": 1, "color": "white"},
                },
                customdata=[[n, _node_hover(graph, n)] for n in nodes],
                hovertemplate="%{customdata[1]}<extra></extra>",
                name=f"{kind}" if node_type != "topic" else "topic",
                legendgroup=node_type,
                legendgrouptitle={"text": GROUP_TITLES[node_type]} if node_type not in seen_types else None,
            )
        )
        seen_types.add(node_type)
