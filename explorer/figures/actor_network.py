"""The actor network: only actors, joined when they took part in the same events (the
weighted bipartite projection, see :func:`explorer.analysis.actor_network`); an edge's width
grows with the number of events shared. Each edge has a clickable midpoint that selects the
pair (``pair:first-id/second-id``), whose shared events the detail panel lists.

Dates as in :mod:`explorer.figures.network`: actor traces carry ``[node id, ISO date]``
(the actor's first event in the view) in ``customdata``; edge traces the ISO date of each
pair's first shared event in ``meta["dates"]``, one per edge, and their actors in
``meta["ends"]``; the midpoints
``[pair id, ISO date]`` in ``customdata``."""

from __future__ import annotations

import numpy as np

from ..analysis import actor_network, measure
from ..graph import View, split_node
from ..network_arrays import graph_arrays, iso_dates, values_array
from ..network_layout import projection_positions
from .network import (
    Drawn,
    NetworkOptions,
    _add_nodes,
    _selection_ring,
    by_importance,
    community_groups,
    edges_meta,
    finish,
    kind_groups,
    label_order,
    label_trace,
    segments,
)
from .style import HIGHLIGHT, MUTED, plain

#: Edge widths by shared events: (at least this many, width, legend name).
WIDTH_STEPS = ((1, 0.8, "1 shared event"), (2, 1.8, "2–3 shared events"), (4, 3.2, "4–7"), (8, 5.0, "8 or more"))


def pair_node(first: str, second: str) -> str:
    """The id of the pair of actor nodes ``first`` and ``second``, in either order."""
    a, b = sorted((split_node(first)[1], split_node(second)[1]))
    return f"pair:{a}/{b}"


def actor_network_dict(
    view: View, selected: str | None, static: bool, limit: int | None, options: NetworkOptions
) -> dict:
    """The actor network of ``view``'s events, as a plain figure dict; past ``limit`` actors, the most important by
    ``options.measure`` (with the selected one)."""
    graph = view.full_graph
    arrays = graph_arrays(graph)
    ranking = measure(graph, options.measure)
    scores = values_array(arrays, ranking.name, ranking.values)
    projection = actor_network(view.events)
    actors = set(projection.nodes)
    if limit is not None and len(actors) > limit:
        keep = arrays.nodes[by_importance(arrays.numbers(actors), scores)[:limit]].tolist()
        projection = projection.subgraph(set(keep) | ({selected} & actors))
    drawn = Drawn.in_view(view, projection.nodes, projection_positions(graph, projection))
    groups = (
        community_groups(graph, drawn.numbers) if options.color == "community" else kind_groups(arrays, drawn.numbers)
    )
    drawn = drawn.in_groups(groups)
    figure: dict = {"data": [], "layout": {}}
    _add_weighted_edges(figure, graph, projection, drawn, static)
    _add_nodes(figure, graph, drawn, groups, ranking, static)
    shown = set(projection.nodes)
    if selected in shown:
        figure["data"].append(_selection_ring(drawn.point(selected)))
    pair = _selected_pair(selected, shown)
    if pair:
        xs, ys = zip(*(drawn.point(n) for n in pair), strict=True)
        figure["data"].append(
            dict(type="scatter", x=xs, y=ys, mode="lines", line={"color": HIGHLIGHT, "width": 4}, hoverinfo="skip",
                 showlegend=False, name="selected pair")
        )  # fmt: skip
    named = {f"actor:{actor}" for actor in view.filters.actors}
    figure["data"].append(label_trace(graph, drawn, label_order(graph, drawn.numbers, selected, scores, named)))
    meta = {"shown": len(shown), "matching": len(actors), "nodes": len(actors), "mode": "actors"}
    return finish(figure, drawn, static, meta | {"measure": ranking.name, "method": ranking.method})


def _selected_pair(selected: str | None, shown: set[str]) -> tuple[str, str] | None:
    """The two actor nodes of a selected ``pair:a/b``, when both are shown."""
    kind, item_id = split_node(selected or "")
    first, _, second = item_id.partition("/")
    pair = (f"actor:{first}", f"actor:{second}")
    return pair if kind == "pair" and set(pair) <= shown else None


def _add_weighted_edges(figure: dict, graph, projection, drawn: Drawn, static: bool) -> None:
    """One line trace per width step, and invisible midpoints that carry each pair."""
    edges = list(projection.edges(data=True))
    if not edges:
        return
    index = drawn.arrays.index
    first = np.array([index[u] for u, _, _ in edges])
    second = np.array([index[v] for _, v, _ in edges])
    weights = np.array([data["weight"] for _, _, data in edges])
    dates = np.array(iso_dates(np.array([data["first"] for _, _, data in edges])), dtype=object)
    steps = np.searchsorted([least for least, _, _ in WIDTH_STEPS], weights, side="right") - 1
    scatter = drawn.scatter(static)
    for number, (_, width, name) in enumerate(WIDTH_STEPS):
        chosen = np.flatnonzero(steps == number)
        if chosen.size:
            xs, ys = (segments(drawn.xy[first[chosen], axis], drawn.xy[second[chosen], axis]) for axis in (0, 1))
            figure["data"].append(
                dict(type=scatter, x=xs, y=ys, mode="lines", line={"color": MUTED, "width": width}, hoverinfo="skip",
                     name=name, meta=edges_meta(dates[chosen].tolist(), drawn.ends(first[chosen], second[chosen])))
            )  # fmt: skip
    middles = (drawn.xy[first] + drawn.xy[second]) / 2
    figure["data"].append(
        dict(
            type=scatter,
            x=middles[:, 0],
            y=middles[:, 1],
            mode="markers",
            marker={"size": 9, "color": "rgba(0,0,0,0)"},
            customdata=np.column_stack(([pair_node(u, v) for u, v, _ in edges], dates)).tolist(),
            hovertext=[_pair_hover(graph, u, v, data["weight"]) for u, v, data in edges],
            hovertemplate="%{hovertext}<extra></extra>",
            showlegend=False,
            name="shared events",
            meta={"role": "pairs"},
        )
    )


def _pair_hover(graph, first: str, second: str, weight: int) -> str:
    names = f"{graph.nodes[first]['label']} — {graph.nodes[second]['label']}"
    return f"<b>{plain(names)}</b><br>{weight} shared event{'s' if weight != 1 else ''}: click to list them"
