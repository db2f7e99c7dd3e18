"""Network layout: node positions computed once per graph and cached on it, so filtering
can fade nodes without reshuffling the picture; and layouts of just the nodes shown (a
"Show N" subset, an ego network, a filter with the rest hidden), seeded from the whole
graph's picture and cached too, so a subset fills the view instead of sitting in a corner."""

from __future__ import annotations

import math
import random
import threading
from collections import OrderedDict
from contextlib import contextmanager

import networkx as nx

LAYOUT_KEY = "_layout"
SUBSET_LAYOUTS_KEY = "_subset_layouts"
#: Subset layouts kept per graph (the most recently used).
SUBSET_LAYOUTS_KEPT = 32
#: Above this many nodes a subset is laid out with the grid variant of Fruchterman–Reingold.
GRID_LAYOUT_FROM = 1000
#: Subsets up to this size get Kamada–Kawai (even spacing; quadratic, so only small ones).
KAMADA_KAWAI_SUBSET_LIMIT = 1000
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


@contextmanager
def seeded_igraph():
    """igraph draws from Python's shared generator unless given one: lend it a private,
    seeded one for the block (same picture every time, the shared one left alone)."""
    import igraph

    with _IGRAPH_RNG_LOCK:
        igraph.set_random_number_generator(random.Random(SEED))
        try:
            yield
        finally:
            igraph.set_random_number_generator(random)


def _grid_force_layout(simple: nx.Graph) -> dict[str, tuple[float, float]]:
    """Fruchterman–Reingold with a grid, in igraph's C code: linear per iteration, so
    10,000 nodes take under a second where networkx's layouts take minutes."""
    import igraph

    nodes = list(simple.nodes)
    index = {node: number for number, node in enumerate(nodes)}
    graph = igraph.Graph(n=len(nodes), edges=[(index[u], index[v]) for u, v in simple.edges()])
    with seeded_igraph():
        coordinates = graph.layout_fruchterman_reingold(grid=True, niter=300).coords
    return {node: (x, y) for node, (x, y) in zip(nodes, coordinates, strict=True)}


def compute_positions(graph: nx.MultiDiGraph) -> dict[str, tuple[float, float]]:
    """A force-directed layout of the undirected, simple version of ``graph``.

    Isolated nodes are placed by the layout too; each connected component is laid out
    together so related nodes stay close.
    """
    if graph.number_of_nodes() == 0:
        return {}
    simple = simple_graph(graph)
    # Kamada–Kawai spaces small graphs evenly but is quadratic in the number of nodes.
    is_small = simple.number_of_nodes() <= KAMADA_KAWAI_LIMIT
    raw = nx.kamada_kawai_layout(simple, weight="length") if is_small else _grid_force_layout(simple)
    return normalised(raw)


def simple_graph(graph: nx.MultiDiGraph) -> nx.Graph:
    """The undirected simple graph of ``graph``, each edge with a ``length`` by its type."""
    simple = nx.Graph()
    simple.add_nodes_from(sorted(graph.nodes))
    for u, v, data in graph.edges(data=True):
        if u != v:
            # Topic edges are longer, so topics sit around the actors and events, not among them.
            length = EDGE_LENGTHS.get(data.get("type"), 1.0)
            if not simple.has_edge(u, v) or simple[u][v]["length"] > length:
                simple.add_edge(u, v, length=length)
    return simple


def normalised(raw) -> dict[str, tuple[float, float]]:
    """``raw`` positions moved and scaled to fit [-1, 1]², keeping their proportions."""
    if not raw:
        return {}
    xs = [p[0] for p in raw.values()]
    ys = [p[1] for p in raw.values()]
    span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    return {node: (float((x - cx) * 2 / span), float((y - cy) * 2 / span)) for node, (x, y) in raw.items()}


def subset_positions(
    graph: nx.MultiDiGraph, nodes: set[str], center: str | None = None
) -> dict[str, tuple[float, float]]:
    """Positions in [-1, 1]² for a layout of just ``nodes`` (with the edges among them).

    Seeded from the whole graph's layout, so a subset keeps the broad shape it has there;
    with ``center`` (an ego network), seeded from rings by distance to it instead, so the
    centre sits in the middle. Cached on the graph: the same subset gets the same picture.
    """
    key = (frozenset(nodes), center)
    cache: OrderedDict = graph.graph.setdefault(SUBSET_LAYOUTS_KEY, OrderedDict())
    if key in cache:
        cache.move_to_end(key)
        return cache[key]
    positions = _lay_out_subset(graph, nodes, center)
    cache[key] = positions
    while len(cache) > SUBSET_LAYOUTS_KEPT:
        cache.popitem(last=False)
    return positions


def projection_positions(graph: nx.MultiDiGraph, projection: nx.Graph) -> dict[str, tuple[float, float]]:
    """Positions in [-1, 1]² for ``projection`` (a graph over some of ``graph``'s nodes, such
    as the actor network), seeded from ``graph``'s layout and cached on it like subsets."""
    key = ("projection", frozenset(projection.nodes), projection.number_of_edges())
    cache: OrderedDict = graph.graph.setdefault(SUBSET_LAYOUTS_KEY, OrderedDict())
    if key not in cache:
        simple = nx.Graph()
        simple.add_nodes_from(sorted(projection.nodes))
        simple.add_edges_from(projection.edges, length=1.0)
        whole = network_positions(graph)
        cache[key] = normalised(_seeded_layout(simple, {node: whole[node] for node in simple}))
        while len(cache) > SUBSET_LAYOUTS_KEPT:
            cache.popitem(last=False)
    cache.move_to_end(key)
    return cache[key]


def _lay_out_subset(graph: nx.MultiDiGraph, nodes: set[str], center: str | None) -> dict[str, tuple[float, float]]:
    simple = simple_graph(graph.subgraph(nodes))
    if simple.number_of_nodes() <= 2:
        return normalised({node: (float(number), 0.0) for number, node in enumerate(simple.nodes)})
    if center in simple:
        seed = _rings(simple, center)
    else:
        whole = network_positions(graph)
        seed = {node: whole[node] for node in simple.nodes}
    return normalised(_seeded_layout(simple, seed))


def _seeded_layout(simple: nx.Graph, seed: dict) -> dict[str, tuple[float, float]]:
    """A layout in igraph's C code from the ``seed`` positions: Kamada–Kawai (even spacing,
    edge lengths kept) up to :data:`KAMADA_KAWAI_SUBSET_LIMIT` nodes, Fruchterman–Reingold
    above (with a grid past :data:`GRID_LAYOUT_FROM`)."""
    import igraph

    ordered = list(simple.nodes)
    index = {node: number for number, node in enumerate(ordered)}
    small = igraph.Graph(n=len(ordered), edges=[(index[u], index[v]) for u, v in simple.edges()])
    # igraph's layouts work in units of about one edge length: spread the seed to match.
    spread = len(ordered) ** 0.5
    start = [[seed[node][0] * spread, seed[node][1] * spread] for node in ordered]
    is_large = len(ordered) > GRID_LAYOUT_FROM
    with seeded_igraph():
        if len(ordered) <= KAMADA_KAWAI_SUBSET_LIMIT:
            lengths = [simple[u][v]["length"] for u, v in simple.edges()]
            layout = small.layout_kamada_kawai(seed=start, weights=lengths)
        else:
            # igraph's grid variant is slow from a seed (tens of seconds at 5,000 nodes), fast from its own start.
            layout = small.layout_fruchterman_reingold(seed=None if is_large else start, niter=300, grid=is_large)
    return {node: (x, y) for node, (x, y) in zip(ordered, layout.coords, strict=True)}


def _rings(simple: nx.Graph, center: str) -> dict[str, tuple[float, float]]:
    """Each node on a circle whose radius is its distance from ``center``."""
    distance = nx.single_source_shortest_path_length(simple, center)
    farthest = max(distance.values(), default=0) + 1
    rings: dict[int, list[str]] = {}
    for node in simple.nodes:
        rings.setdefault(distance.get(node, farthest), []).append(node)
    return {
        node: (radius * math.cos(2 * math.pi * k / len(ring)), radius * math.sin(2 * math.pi * k / len(ring)))
        for radius, ring in rings.items()
        for k, node in enumerate(ring)
    }
