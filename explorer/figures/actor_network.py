"""The actor network: only actors, joined when they took part in the same events (the
weighted bipartite projection, see :func:`explorer.analysis.actor_network`); an edge's width
grows with the number of events shared. Each edge has a clickable midpoint that selects the
pair (``pair:first-id/second-id``), whose shared events the detail panel lists."""

from __future__ import annotations

import plotly.graph_objects as go

from ..analysis import actor_network, measure
from ..graph import View, split_node
from ..network_layout import projection_positions
from .network import (
    NetworkOptions,
    Shown,
    _add_nodes,
    _selection_ring,
    community_groups,
    finish,
    kind_groups,
    label_order,
    label_trace,
)
from .style import HIGHLIGHT, MUTED, plain

#: Edge widths by shared events: (at least this many, width, legend name).
WIDTH_STEPS = ((1, 0.8, "1 shared event"), (2, 1.8, "2–3 shared events"), (4, 3.2, "4–7"), (8, 5.0, "8 or more"))


def pair_node(first: str, second: str) -> str:
    """The id of the pair of actor nodes ``first`` and ``second``, in either order."""
    a, b = sorted((split_node(first)[1], split_node(second)[1]))
    return f"pair:{a}/{b}"


def actor_network_figure(
    view: View, selected: str | None, static: bool, limit: int | None, options: NetworkOptions
) -> go.Figure:
    """The actor network of ``view``'s events; past ``limit`` actors, the most important by
    ``options.measure`` (with the selected one)."""
    graph = view.full_graph
    ranking = measure(graph, options.measure)
    projection = actor_network(view.events)
    actors = set(projection.nodes)
    if limit is not None and len(actors) > limit:
        keep = sorted(actors, key=lambda n: (-ranking.values.get(n, 0), n))[:limit]
        projection = projection.subgraph(set(keep) | ({selected} & actors))
    shown = Shown(set(projection.nodes), projection_positions(graph, projection), len(actors), has_context=False)
    figure = go.Figure()
    _add_weighted_edges(figure, projection, shown)
    groups = (community_groups if options.color == "community" else kind_groups)(graph, shown.nodes)
    _add_nodes(figure, graph, shown, groups, ranking)
    if selected in shown.nodes:
        figure.add_trace(_selection_ring(shown.positions[selected]))
    pair = _selected_pair(selected, shown)
    if pair:
        xs, ys = zip(*(shown.positions[n] for n in pair), strict=True)
        figure.add_trace(
            go.Scatter(x=xs, y=ys, mode="lines", line={"color": HIGHLIGHT, "width": 4}, hoverinfo="skip",
                       showlegend=False, name="selected pair")
        )  # fmt: skip
    named = {f"actor:{actor}" for actor in view.filters.actors}
    figure.add_trace(label_trace(graph, shown, label_order(graph, shown.nodes, selected, ranking.values, named)))
    meta = {"shown": len(shown.nodes), "matching": len(actors), "nodes": len(actors), "mode": "actors"}
    return finish(figure, shown, static, meta | {"measure": ranking.name, "method": ranking.method})


def _selected_pair(selected: str | None, shown: Shown) -> tuple[str, str] | None:
    """The two actor nodes of a selected ``pair:a/b``, when both are shown."""
    kind, item_id = split_node(selected or "")
    first, _, second = item_id.partition("/")
    pair = (f"actor:{first}", f"actor:{second}")
    return pair if kind == "pair" and set(pair) <= shown.nodes else None


def _add_weighted_edges(figure: go.Figure, projection, shown: Shown) -> None:
    """One line trace per width step, and invisible midpoints that carry each pair."""
    steps: dict[int, tuple[list, list]] = {number: ([], []) for number in range(len(WIDTH_STEPS))}
    middles: list[tuple[float, float, list[str]]] = []
    for first, second, weight in projection.edges(data="weight"):
        step = max(number for number, (least, _, _) in enumerate(WIDTH_STEPS) if weight >= least)
        (x0, y0), (x1, y1) = shown.positions[first], shown.positions[second]
        steps[step][0].extend([x0, x1, None])
        steps[step][1].extend([y0, y1, None])
        names = f"{projection.nodes[first].get('label', first)} — {projection.nodes[second].get('label', second)}"
        hover = f"<b>{plain(names)}</b><br>{weight} shared event{'s' if weight != 1 else ''}: click to list them"
        middles.append(((x0 + x1) / 2, (y0 + y1) / 2, [pair_node(first, second), hover]))
    for number, (xs, ys) in steps.items():
        if xs:
            _, width, name = WIDTH_STEPS[number]
            figure.add_trace(
                go.Scatter(x=xs, y=ys, mode="lines", line={"color": MUTED, "width": width}, hoverinfo="skip", name=name)
            )
    if middles:
        figure.add_trace(
            go.Scatter(
                x=[m[0] for m in middles],
                y=[m[1] for m in middles],
                mode="markers",
                marker={"size": 9, "color": "rgba(0,0,0,0)"},
                customdata=[m[2] for m in middles],
                hovertemplate="%{customdata[1]}<extra></extra>",
                showlegend=False,
                name="shared events",
            )
        )
