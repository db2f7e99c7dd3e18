"""Network analysis on the graph the app builds: measures of importance, communities, the
actor network and shortest paths.

Every result is computed on the undirected simple graph of the whole dataset (parallel
edges become one edge whose ``weight`` counts them) and cached on the graph, so a measure
is computed once per dataset and then served from memory. Betweenness is exact up to
:data:`EXACT_BETWEENNESS_LIMIT` nodes and estimated above from a seeded sample of sources
(Brandes and Pich's estimator, run in igraph's C code); :class:`Measure` says which.

>>> scores = measure(graph, "pagerank")  # doctest: +SKIP
>>> scores.rank("actor:vladimir-putin")  # doctest: +SKIP
(1, 50)
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

import networkx as nx
import numpy as np

from .graph import actor_node, event_node, split_node
from .model import Event
from .network_arrays import graph_arrays
from .network_layout import seeded_igraph

MEASURES = {
    "degree": "degree",
    "weighted": "weighted degree",
    "betweenness": "betweenness",
    "pagerank": "PageRank",
}
DEFAULT_MEASURE = "degree"
EXACT_BETWEENNESS_LIMIT = 2000
NETWORKX_LOUVAIN_LIMIT = 5000
BETWEENNESS_SAMPLES = 256
#: Sources × linked pairs a betweenness estimate may walk: 256 sources on 70,000 pairs.
BETWEENNESS_BUDGET = 256 * 70_000
SEED = 7
_CACHE_KEY = "_analysis"


@dataclass(frozen=True)
class Measure:
    """A measure's value for every node of a graph."""

    name: str
    values: dict[str, float]
    method: str  # how it was computed, for the record ("exact", "estimated from 256 sources")

    @property
    def label(self) -> str:
        """The measure's name, with "(estimated)" when it was estimated (betweenness on large graphs)."""
        return MEASURES[self.name] + (" (estimated)" if self.method.startswith("estimated") else "")

    @cached_property
    def _ranks(self) -> dict[str, tuple[int, int]]:
        """Rank of each node among the nodes of its type (1 = highest; ties share a rank)."""
        by_type: dict[str, list[str]] = {}
        for node in self.values:
            by_type.setdefault(split_node(node)[0], []).append(node)
        ranks = {}
        for nodes in by_type.values():
            ordered = sorted(nodes, key=lambda n: -self.values[n])
            rank = 0
            for position, node in enumerate(ordered):
                if position == 0 or self.values[node] != self.values[ordered[position - 1]]:
                    rank = position + 1
                ranks[node] = (rank, len(nodes))
        return ranks

    def rank(self, node: str) -> tuple[int, int]:
        """(rank, count) of ``node`` among the nodes of its type: ``(3, 50)`` is 3rd of 50."""
        return self._ranks[node]

    def top(self, node_type: str, count: int) -> list[tuple[str, float]]:
        """The ``count`` highest nodes of ``node_type`` ("actor", "event", "topic"), ties by id."""
        of_type = [n for n in self.values if n.startswith(node_type + ":")]
        return [(n, self.values[n]) for n in sorted(of_type, key=lambda n: (-self.values[n], n))[:count]]


@dataclass
class _Cache:
    graph: nx.MultiDiGraph
    measures: dict[str, Measure] = field(default_factory=dict)
    communities: list[set[str]] | None = None

    @cached_property
    def simple(self) -> nx.Graph:
        return weighted_simple_graph(self.graph)

    @cached_property
    def pairs(self) -> LinkedPairs:
        return LinkedPairs.of(self.graph)


def _cache(graph: nx.MultiDiGraph) -> _Cache:
    cache = graph.graph.get(_CACHE_KEY)
    if cache is None:
        cache = graph.graph[_CACHE_KEY] = _Cache(graph)
    return cache


def weighted_simple_graph(graph: nx.MultiGraph | nx.MultiDiGraph) -> nx.Graph:
    """The undirected simple graph of ``graph``: one edge per linked pair, its ``weight``
    the number of edges between them in either direction. Self-loops are left out."""
    simple = nx.Graph()
    simple.add_nodes_from(graph.nodes)
    for u, v in graph.edges():
        if u != v:
            if simple.has_edge(u, v):
                simple[u][v]["weight"] += 1
            else:
                simple.add_edge(u, v, weight=1)
    return simple


@dataclass(frozen=True)
class LinkedPairs:
    """The :func:`weighted_simple_graph` of a large graph as arrays: each linked pair of node
    numbers (see :mod:`explorer.network_arrays`) once, with its weight. Built with numpy
    in well under a second where the networkx graph takes seconds at 100,000 events."""

    nodes: np.ndarray
    first: np.ndarray
    second: np.ndarray
    weight: np.ndarray

    @classmethod
    def of(cls, graph: nx.MultiDiGraph) -> LinkedPairs:
        arrays = graph_arrays(graph)
        source, target = arrays.edge_source.astype(np.int64), arrays.edge_target.astype(np.int64)
        drawable = source != target
        low, high = np.minimum(source, target)[drawable], np.maximum(source, target)[drawable]
        count = len(arrays.nodes)
        keys, weight = np.unique(low * count + high, return_counts=True)
        return cls(arrays.nodes, keys // count, keys % count, weight)

    def degree(self, weighted: bool) -> np.ndarray:
        weights = self.weight if weighted else None
        count = len(self.nodes)
        return np.bincount(self.first, weights, count) + np.bincount(self.second, weights, count)

    @cached_property
    def igraph(self):
        import igraph

        graph = igraph.Graph(n=len(self.nodes))
        # Straight from the arrays: a list of 340,000 pairs (at 100,000 events) woke Python's full
        # garbage collection over the whole dataset's objects, 5-7 s of a cold measure.
        graph.add_edges(np.column_stack((self.first, self.second)))
        return graph

    def by_node(self, values) -> dict[str, float]:
        return {node: float(value) for node, value in zip(self.nodes.tolist(), values, strict=True)}


def measure(graph: nx.MultiDiGraph, name: str) -> Measure:
    """The measure ``name`` (a key of :data:`MEASURES`) for every node of ``graph``, cached.
    Graphs up to :data:`NETWORKX_LOUVAIN_LIMIT` nodes are measured by networkx (igraph for
    betweenness), larger ones with numpy and igraph's C code (PageRank by PRPACK)."""
    if name not in MEASURES:
        raise ValueError(f"unknown measure {name!r}; use one of {', '.join(MEASURES)}")
    cache = _cache(graph)
    if name not in cache.measures:
        is_large = graph.number_of_nodes() > NETWORKX_LOUVAIN_LIMIT
        cache.measures[name] = large_measure(cache.pairs, name) if is_large else compute_measure(cache.simple, name)
    return cache.measures[name]


def large_measure(pairs: LinkedPairs, name: str) -> Measure:
    """The measure ``name`` on a large graph's :class:`LinkedPairs`."""
    if name in ("degree", "weighted"):
        return Measure(name, pairs.by_node(pairs.degree(weighted=name == "weighted")), "exact")
    if name == "pagerank":
        ranks = pairs.igraph.pagerank(directed=False, weights=pairs.weight.tolist())
        return Measure(name, pairs.by_node(ranks), "exact (igraph's PRPACK)")
    return _betweenness_of(pairs.igraph, pairs.nodes.tolist())


def compute_measure(simple: nx.Graph, name: str) -> Measure:
    """The measure ``name`` on ``simple`` (a :func:`weighted_simple_graph`), not cached: for
    a graph cut by filters, whose measures differ from the whole dataset's."""
    if name == "degree":
        return Measure(name, {n: float(d) for n, d in simple.degree()}, "exact")
    if name == "weighted":
        return Measure(name, {n: float(d) for n, d in simple.degree(weight="weight")}, "exact")
    if name == "pagerank":
        return Measure(
            name, nx.pagerank(simple, weight="weight") if simple.number_of_edges() else _zeros(simple), "exact"
        )
    return betweenness(simple)


def _zeros(simple: nx.Graph) -> dict[str, float]:
    return dict.fromkeys(simple.nodes, 0.0)


def betweenness(simple: nx.Graph) -> Measure:
    """Normalised betweenness centrality (as networkx's ``betweenness_centrality``): exact
    up to :data:`EXACT_BETWEENNESS_LIMIT` nodes, else estimated from shortest paths out of
    :data:`BETWEENNESS_SAMPLES` sources drawn with a fixed seed."""
    small, nodes = _to_igraph(simple)
    return _betweenness_of(small, nodes)


def _betweenness_of(small, nodes: list[str]) -> Measure:
    """:func:`betweenness` of an igraph Graph whose vertices are ``nodes``."""
    count = len(nodes)
    if count < 3:
        return Measure("betweenness", dict.fromkeys(nodes, 0.0), "exact")
    method = betweenness_method(count, small.ecount())
    if method == "exact":
        raw, scale = small.betweenness(directed=False), 1.0
    else:
        samples = betweenness_samples(small.ecount())
        sources = random.Random(SEED).sample(range(count), samples)
        # With every node as a source this is the exact value; a sample sees samples / count of it.
        raw = small.betweenness(directed=False, sources=sources)
        scale = count / samples
    norm = 2 / ((count - 1) * (count - 2))
    return Measure("betweenness", {node: raw[i] * scale * norm for i, node in enumerate(nodes)}, method)


def betweenness_method(node_count: int, edge_count: int = 0) -> str:
    """How betweenness is computed on a graph of ``node_count`` nodes and ``edge_count``
    linked pairs: ``"exact"``, or ``"estimated from 256 sampled sources"`` past
    :data:`EXACT_BETWEENNESS_LIMIT` (fewer on very large graphs, see :func:`betweenness_samples`)."""
    if node_count <= EXACT_BETWEENNESS_LIMIT:
        return "exact"
    return f"estimated from {betweenness_samples(edge_count)} sampled sources"


def betweenness_samples(edge_count: int) -> int:
    """Sources of a betweenness estimate: :data:`BETWEENNESS_SAMPLES`, fewer (down to 32) where
    that many would walk more than :data:`BETWEENNESS_BUDGET` edges, so the estimate stays
    within seconds at 100,000 events (341,000 edges: 52 sources)."""
    return max(32, min(BETWEENNESS_SAMPLES, BETWEENNESS_BUDGET // max(edge_count, 1)))


def communities(graph: nx.MultiDiGraph) -> list[set[str]]:
    """Communities of the whole graph by the Louvain method on edge weights, seeded so they
    come out the same every time; largest first (ties by smallest member id), cached.

    networkx's implementation up to :data:`NETWORKX_LOUVAIN_LIMIT` nodes; above, igraph's
    (``community_multilevel``, the same method in C: networkx takes over 30 s at 25,000)."""
    cache = _cache(graph)
    if cache.communities is None:
        if graph.number_of_nodes() > NETWORKX_LOUVAIN_LIMIT:
            pairs = cache.pairs
            cache.communities = _ordered(_louvain_in_igraph(pairs.igraph, pairs.nodes.tolist(), pairs.weight.tolist()))
        else:
            cache.communities = find_communities(cache.simple)
    return cache.communities


def find_communities(simple: nx.Graph) -> list[set[str]]:
    """:func:`communities` of a :func:`weighted_simple_graph`, not cached."""
    if simple.number_of_nodes() <= NETWORKX_LOUVAIN_LIMIT:
        return _ordered(nx.community.louvain_communities(simple, weight="weight", seed=SEED))
    small, nodes = _to_igraph(simple)
    return _ordered(_louvain_in_igraph(small, nodes, [simple[u][v]["weight"] for u, v in simple.edges()]))


def _ordered(found) -> list[set[str]]:
    return sorted(found, key=lambda c: (-len(c), min(c)))


def _louvain_in_igraph(small, nodes: list[str], weights: list[int]) -> list[set[str]]:
    with seeded_igraph():
        clusters = small.community_multilevel(weights=weights)
    return [{nodes[i] for i in members} for members in clusters]


def _to_igraph(simple: nx.Graph):
    """``simple`` as an igraph Graph (edges in ``simple.edges()`` order) and its node list."""
    import igraph

    nodes = list(simple.nodes)
    index = {node: number for number, node in enumerate(nodes)}
    return igraph.Graph(n=len(nodes), edges=[(index[u], index[v]) for u, v in simple.edges()]), nodes


def community_of(graph: nx.MultiDiGraph) -> dict[str, int]:
    """Each node's community number (0 = the largest)."""
    return {node: number for number, members in enumerate(communities(graph)) for node in members}


#: The measures' attribute names in exported graph files and tables.
EXPORT_NAMES = {"degree": "degree", "weighted": "weighted_degree", "betweenness": "betweenness", "pagerank": "pagerank"}


def node_measures(graph: nx.MultiDiGraph) -> dict[str, dict[str, float | int]]:
    """Every node's measures on the whole ``graph`` (as the browser shows them) and its
    community number (1 = the largest), keyed by :data:`EXPORT_NAMES` and ``community``.

    >>> node_measures(graph)["actor:vladimir-putin"]  # doctest: +SKIP
    {'degree': 41, 'weighted_degree': 57, 'betweenness': 0.21, 'pagerank': 0.031, 'community': 1}
    """
    values = {name: measure(graph, name).values for name in MEASURES}
    counts = {"degree", "weighted"}
    community = community_of(graph)
    return {
        node: {EXPORT_NAMES[name]: int(v[node]) if name in counts else v[node] for name, v in values.items()}
        | {"community": community[node] + 1}
        for node in graph
    }


def leading_members(members: set[str], ranking: Measure, count: int) -> list[str]:
    """The ``count`` members with the highest ``ranking`` (ties by id)."""
    return sorted(members, key=lambda n: (-ranking.values.get(n, 0), n))[:count]


class UnknownNode(ValueError):
    """A node named on the command line or in a link that the graph does not hold."""


def resolve_node(graph: nx.MultiDiGraph, text: str) -> str:
    """The node ``text`` names: a node id (``actor:vladimir-putin``) or a bare actor, event or
    topic id (``vladimir-putin``, tried in that order). Raises :class:`UnknownNode`, with the
    nearest id suggested."""
    from .load import suggest_id

    if text in graph:
        return text
    for kind in ("actor", "event", "topic"):
        if f"{kind}:{text}" in graph:
            return f"{kind}:{text}"
    bare = {split_node(node)[1]: node for node in graph.nodes}
    guess = suggest_id(split_node(text)[1] if ":" in text else text, bare)
    hint = f" — did you mean `{bare[guess]}`?" if guess else ""
    raise UnknownNode(f"unknown node `{text}`{hint}")


def shortest_paths(graph: nx.MultiDiGraph, source: str, target: str, limit: int = 1) -> list[list[str]]:
    """Up to ``limit`` shortest paths from ``source`` to ``target``, ignoring edge direction
    (in networkx's order); empty when none exists."""
    undirected = graph.to_undirected(as_view=True)
    try:
        paths = nx.all_shortest_paths(undirected, source, target)
        return [path for _, path in zip(range(limit), paths, strict=False)]
    except nx.NetworkXNoPath:
        return []


def path_within(graph: nx.MultiDiGraph, source: str | None, target: str | None) -> list[str]:
    """A shortest path from ``source`` to ``target`` within ``graph`` (edge direction
    ignored), or ``[]`` when either is missing or they are not connected there."""
    if not source or not target or source not in graph or target not in graph:
        return []
    found = shortest_paths(graph, source, target)
    return found[0] if found else []


def actor_network(events: Iterable[Event]) -> nx.Graph:
    """Actors joined when they took part in the same events: networkx's weighted bipartite
    projection of the actor–event graph of ``events``; an edge's ``weight`` is the number of
    events the two shared, its ``first`` the day number (``date.toordinal()``) of the first.

    >>> actor_network(view.events)["actor:donald-trump"]["actor:vladimir-putin"]["weight"]  # doctest: +SKIP
    9
    """
    events = tuple(events)
    bipartite = nx.Graph()
    for event in events:
        bipartite.add_edges_from((actor_node(actor_id), event_node(event.id)) for actor_id in event.actor_ids())
    actors = [node for node in bipartite if node.startswith("actor:")]
    projection = nx.bipartite.weighted_projected_graph(bipartite, actors)
    for event in sorted(events, key=lambda e: e.first, reverse=True):
        day, ids = event.first.toordinal(), sorted(set(event.actor_ids()))
        for number, first in enumerate(ids):
            for second in ids[number + 1 :]:
                projection[actor_node(first)][actor_node(second)]["first"] = day
    return projection


def shared_events(events: Iterable[Event], first: str, second: str) -> list[Event]:
    """The events of ``events`` in which both actor ids took part, in the given order."""
    return [event for event in events if {first, second} <= set(event.actor_ids())]


def highlighted_events(view, selected: str | None, path_to: str | None) -> list[str]:
    """The ids of the events to highlight on the timeline for a network selection: those
    along the shortest path from ``selected`` to ``path_to`` within ``view`` (a
    :class:`explorer.graph.View`), or, for a selected pair of actors (``pair:a/b``), the
    events they shared; in time order."""
    kind, item_id = split_node(selected or "")
    if kind == "pair":
        first, _, second = item_id.partition("/")
        return [event.id for event in shared_events(view.events, first, second)]
    on_path = {split_node(node)[1] for node in path_within(view.graph, selected, path_to) if node.startswith("event:")}
    return [event.id for event in view.events if event.id in on_path]
