"""Network layout: node positions computed once per graph and cached on it, so filtering
fades or hides nodes without reshuffling the picture."""

from __future__ import annotations

import threading

import networkx as nx

LAYOUT_KEY = "_layout"
SEED = 7
KAMADA_KAWAI_LIMIT = 600
EDGE_LENGTHS = {"position": 2.5, "concerns": 2.5, "affiliated": 1.5}


def network_positions(graph: nx.MultiDiGraph) -> dict[str, tuple[float, float]]:
    """Positions in [-1, 1]² for every node of ``graph``, computed on first use and cached
    as ``graph.graph["_layout"]``; the same graph always gets the same picture.

    >>> positions = network_positions(graph)  # doctest: +SKIP
    >>> positions["actor:vladimir-putin"]  # doctest: +SKIP
    (0.12, -0.4)
    """
    cached = graph.graph.get(LAYOUT_KEY)
    if cached is not None:
        return cached
    positions = compute_positions(graph)
    graph.graph[LAYOUT_KEY] = positions
    return positions


_IGRAPH_RNG_LOCK = threading.Lock()


def _grid_force_layout(simple: nx.Graph) -> dict[str, tuple[float, float]]:
    """Fruchterman–Reingold with a grid, in igraph's C code: linear per iteration, so
    10,000 nodes take under a second where networkx's layouts take minutes."""
    import random

    import igraph

    nodes = list(simple.nodes)
    index = {node: number for number, node in enumerate(nodes)}
    graph = igraph.Graph(n=len(nodes), edges=[(index[u], index[v]) for u, v in simple.edges()])
    # igraph draws from Python's shared generator unless given one: lend it a private,
    # seeded one for this call (same picture every time, the shared one left alone).
    with _IGRAPH_RNG_LOCK:
        igraph.set_random_number_generator(random.Random(SEED))
        try:
            coordinates = graph.layout_fruchterman_reingold(grid=True, niter=300).coords
        finally:
            igraph.set_random_number_generator(random)
    return {node: (x, y) for node, (x, y) in zip(nodes, coordinates, strict=True)}


def compute_positions(graph: nx.MultiDiGraph) -> dict[str, tuple[float, float]]:
    """A force-directed layout of the undirected, simple version of ``graph``.

    Isolated nodes are placed by the layout too; each connected component is laid out
    together so related nodes stay close.
    """
    if graph.number_of_nodes() == 0:
        return {}
    simple = nx.Graph()
    simple.add_nodes_from(sorted(graph.nodes))
    for u, v, data in graph.edges(data=True):
        if u != v:
            # Topic edges are longer, so topics sit around the actors and events, not among them.
            length = EDGE_LENGTHS.get(data.get("type"), 1.0)
            if not simple.has_edge(u, v) or simple[u][v]["length"] > length:
                simple.add_edge(u, v, length=length)
    count = simple.number_of_nodes()
    # Kamada–Kawai spaces small graphs evenly but is quadratic in the number of nodes.
    is_small = count <= KAMADA_KAWAI_LIMIT
    raw = nx.kamada_kawai_layout(simple, weight="length") if is_small else _grid_force_layout(simple)
    xs = [p[0] for p in raw.values()]
    ys = [p[1] for p in raw.values()]
    span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    return {node: (float((x - cx) * 2 / span), float((y - cy) * 2 / span)) for node, (x, y) in raw.items()}
