"""The graph as numpy arrays, for drawing large networks fast.

Built once per graph and cached on it (``graph.graph["_arrays"]``): every node gets a
number (nodes in id order, so ties broken by number are broken by id), with its type,
legend group and own date; every edge is a pair of node numbers with the key of its style
and its own date. A figure then selects, positions and styles thousands of nodes and edges
with array operations instead of a Python loop per node.

Dates are day numbers (``date.toordinal()``); :data:`NO_DAY` marks a node or an edge that
has no date of its own (an actor, a topic, an affiliation, a link between events).

>>> arrays = graph_arrays(graph)  # doctest: +SKIP
>>> arrays.nodes[arrays.index["actor:vladimir-putin"]]  # doctest: +SKIP
'actor:vladimir-putin'
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache

import networkx as nx
import numpy as np

ARRAYS_KEY = "_arrays"
NODE_TYPES = ("actor", "event", "topic")
NO_DAY = np.iinfo(np.int32).max


@dataclass
class GraphArrays:
    """A graph's nodes and edges as arrays (see the module's docstring)."""

    nodes: np.ndarray  # node ids (object), in id order
    index: dict[str, int]
    node_type: np.ndarray  # int8: position in NODE_TYPES
    node_group: np.ndarray  # int16: position in ``groups`` (type and kind: ("event", "meeting"))
    groups: list[tuple[str, str]]
    node_day: np.ndarray  # int32: an event's first day; NO_DAY for the others
    edge_source: np.ndarray  # int32 node numbers
    edge_target: np.ndarray
    edge_key: np.ndarray  # int16: position in ``edge_keys``
    edge_keys: list[tuple[str, str]]  # (type, kind): ("link", "follows"), ("participated", "participated")
    edge_day: np.ndarray  # int32: the date the edge itself carries (an event's, a position's)
    memo: dict = field(default_factory=dict)  # arrays derived from this graph (layouts, measures)

    def numbers(self, nodes) -> np.ndarray:
        """The numbers of ``nodes`` (any iterable of node ids), in increasing order."""
        index = self.index
        found = np.fromiter((index[node] for node in nodes), dtype=np.int64)
        found.sort()
        return found

    def mask(self, numbers: np.ndarray) -> np.ndarray:
        """A boolean array over all nodes, true at ``numbers``."""
        mask = np.zeros(len(self.nodes), dtype=bool)
        mask[numbers] = True
        return mask


def graph_arrays(graph: nx.MultiDiGraph) -> GraphArrays:
    """The arrays of ``graph``, built on first use and cached on it."""
    cached = graph.graph.get(ARRAYS_KEY)
    if cached is None:
        cached = graph.graph[ARRAYS_KEY] = _build(graph)
    return cached


def _build(graph: nx.MultiDiGraph) -> GraphArrays:
    nodes = sorted(graph.nodes)
    index = {node: number for number, node in enumerate(nodes)}
    data = graph.nodes
    groups_found: dict[tuple[str, str], int] = {}
    node_group = np.fromiter(
        (groups_found.setdefault(_group(data[n]), len(groups_found)) for n in nodes), dtype=np.int16, count=len(nodes)
    )
    node_type = np.fromiter((NODE_TYPES.index(data[n]["type"]) for n in nodes), dtype=np.int8, count=len(nodes))
    node_day = np.fromiter((_day(data[n]) for n in nodes), dtype=np.int32, count=len(nodes))
    keys_found: dict[tuple[str, str], int] = {}
    edges = [
        (
            index[u],
            index[v],
            keys_found.setdefault((d["type"], d["kind"]), len(keys_found)),
            _edge_day(d, data[u], data[v]),
        )
        for u, v, d in graph.edges(data=True)
    ]
    columns = np.array(edges, dtype=np.int64).reshape(-1, 4)
    return GraphArrays(
        nodes=np.array(nodes, dtype=object),
        index=index,
        node_type=node_type,
        node_group=node_group,
        groups=list(groups_found),
        node_day=node_day,
        edge_source=columns[:, 0].astype(np.int32),
        edge_target=columns[:, 1].astype(np.int32),
        edge_key=columns[:, 2].astype(np.int16),
        edge_keys=list(keys_found),
        edge_day=columns[:, 3].astype(np.int32),
    )


def _group(data: dict) -> tuple[str, str]:
    return (data["type"], data.get("kind", "topic") if data["type"] != "topic" else "topic")


def _day(data: dict) -> int:
    return data["date"].first.toordinal() if data["type"] == "event" else NO_DAY


def _edge_day(edge: dict, source: dict, target: dict) -> int:
    """The date an edge carries itself: a participation's or a topic's event, a position's."""
    if edge["type"] == "participated":
        return _day(target)
    if edge["type"] == "concerns":
        return _day(source)
    if edge["type"] == "position":
        return edge["date"].first.toordinal()
    return NO_DAY


def positions_array(arrays: GraphArrays, positions: Mapping[str, tuple[float, float]]) -> np.ndarray:
    """``positions`` as an (nodes, 2) float array in node order, NaN where a node has none;
    cached for a mapping seen before (the whole graph's layout is one cached dict)."""
    key = ("positions", id(positions))
    cached = arrays.memo.get(key)
    if cached is not None and cached[0] is positions:
        return cached[1]
    xy = np.full((len(arrays.nodes), 2), np.nan)
    if positions:
        numbers = np.fromiter((arrays.index[n] for n in positions), dtype=np.int64, count=len(positions))
        xy[numbers] = np.array(list(positions.values()), dtype=float).reshape(-1, 2)
    if len(positions) > 1000:  # only big mappings are worth keeping (the whole layout)
        arrays.memo[key] = (positions, xy)
    return xy


def values_array(arrays: GraphArrays, name: str, values: Mapping[str, float]) -> np.ndarray:
    """``values`` (a measure: node → float) as a float array in node order (0 where missing),
    cached under ``name`` for the same mapping."""
    key = ("values", name)
    cached = arrays.memo.get(key)
    if cached is not None and cached[0] is values:
        return cached[1]
    array = np.fromiter((values.get(node, 0.0) for node in arrays.nodes), dtype=float, count=len(arrays.nodes))
    arrays.memo[key] = (values, array)
    return array


def view_days(arrays: GraphArrays, in_view: np.ndarray) -> np.ndarray:
    """Each node's date within a view whose nodes are ``in_view`` (a boolean mask): an
    event's own; an actor's or a topic's, the first date among its edges inside the view
    (the events it took part in or that concern it, the positions it stated or was the
    subject of). NO_DAY for a node with none."""
    days = arrays.node_day.copy()
    source, target, own = arrays.edge_source, arrays.edge_target, arrays.edge_day
    inside = in_view[source] & in_view[target] & (own != NO_DAY)
    others = np.full(len(days), NO_DAY, dtype=np.int32)
    np.minimum.at(others, source[inside], own[inside])
    np.minimum.at(others, target[inside], own[inside])
    is_event = arrays.node_type == NODE_TYPES.index("event")
    return np.where(is_event, days, others)


def edge_days(arrays: GraphArrays, node_days: np.ndarray, edges: np.ndarray) -> np.ndarray:
    """The date of each of ``edges`` (edge numbers) in a view: the latest of its two ends'
    dates and its own, so an edge is there exactly when both its ends are."""
    source, target = arrays.edge_source[edges], arrays.edge_target[edges]
    ends = np.maximum(_days_or_min(node_days[source]), _days_or_min(node_days[target]))
    own = arrays.edge_day[edges]
    return np.where(own != NO_DAY, np.maximum(own, ends), ends).astype(np.int32)


def _days_or_min(days: np.ndarray) -> np.ndarray:
    return np.where(days == NO_DAY, np.iinfo(np.int32).min, days)


def iso_dates(days: np.ndarray) -> list[str]:
    """ISO 8601 dates (``"2025-08-15"``) of day numbers; ``""`` for none."""
    unique, inverse = np.unique(days, return_inverse=True)
    texts = [_iso(int(day)) for day in unique]
    return [texts[i] for i in inverse.ravel()]


@lru_cache(maxsize=65536)
def _iso(day: int) -> str:
    if day in (NO_DAY, np.iinfo(np.int32).min):
        return ""
    return dt.date.fromordinal(day).isoformat()
