"""Each network edge trace names its edges' end nodes (``meta["ends"]``), by index into the
node traces' ids: the readers (the time cursor, the keyboard's moves) need no coordinates."""

from __future__ import annotations

import numpy as np
import pytest

from explorer import build_graph, load
from explorer.figures.network import NetworkOptions, edge_ends, network_dict, node_ids
from explorer.generate import generate, write
from explorer.graph import Filters, query_filters

from .conftest import CURATED


@pytest.fixture(scope="module")
def generated_graph(tmp_path_factory):
    path = tmp_path_factory.mktemp("generated") / "events.yaml"
    write(generate(3000, seed=11), path)
    return build_graph(load(path))


@pytest.fixture(scope="module")
def curated_graph():
    return build_graph(load(CURATED))


def node_places(figure: dict) -> dict[str, tuple[float, float]]:
    """Node id → where its marker is drawn (float32, as the edges are sent)."""
    places = {}
    for trace in figure["data"]:
        if trace.get("meta", {}).get("role") == "nodes":
            for row, x, y in zip(trace["customdata"], trace["x"], trace["y"], strict=True):
                places[row[0]] = (np.float32(x), np.float32(y))
    return places


def edge_traces(figure: dict) -> list[dict]:
    return [t for t in figure["data"] if t.get("meta", {}).get("role") == "edges"]


def assert_ends_name_the_drawn_nodes(figure, graph, sample: int = 50) -> int:
    """Check, for up to ``sample`` edges of every edge trace, that the nodes ``meta["ends"]``
    names are joined in ``graph`` and sit where the edge's segment begins and ends."""
    ids, places = node_ids(figure), node_places(figure)
    checked = 0
    for trace in edge_traces(figure):
        ends = edge_ends(trace, ids)
        assert ends is not None, f"edge trace {trace['name']!r} names no ends"
        assert len(ends) * 3 == len(trace["x"])
        for k in np.linspace(0, len(ends) - 1, min(sample, len(ends))).astype(int).tolist():
            source, target = ends[k]
            assert graph.has_edge(source, target) or graph.has_edge(target, source), (source, target)
            assert (np.float32(trace["x"][3 * k]), np.float32(trace["y"][3 * k])) == places[source]
            assert (np.float32(trace["x"][3 * k + 1]), np.float32(trace["y"][3 * k + 1])) == places[target]
            checked += 1
    return checked


def test_edge_ends_name_the_nodes_of_the_curated_network(curated_graph):
    figure = network_dict(query_filters(curated_graph, Filters()))
    assert assert_ends_name_the_drawn_nodes(figure, curated_graph) > 20


def test_edge_ends_name_the_nodes_of_a_webgl_sized_network(generated_graph):
    figure = network_dict(query_filters(generated_graph, Filters()), limit=1500)
    assert any(t["type"] == "scattergl" for t in edge_traces(figure)), "not drawn with WebGL"
    assert len(node_ids(figure)) >= 1000
    assert assert_ends_name_the_drawn_nodes(figure, generated_graph) > 100


def test_edge_ends_follow_the_node_traces_when_coloured_by_community(curated_graph):
    figure = network_dict(query_filters(curated_graph, Filters()), options=NetworkOptions(color="community"))
    assert assert_ends_name_the_drawn_nodes(figure, curated_graph) > 20


def test_the_actor_networks_edges_name_the_two_actors(curated_graph):
    figure = network_dict(query_filters(curated_graph, Filters()), options=NetworkOptions(mode="actors"))
    ids, places = node_ids(figure), node_places(figure)
    pairs = [pair for trace in edge_traces(figure) for pair in edge_ends(trace, ids)]
    assert pairs and all(u.startswith("actor:") and v.startswith("actor:") and u != v for u, v in pairs)
    trace = edge_traces(figure)[0]
    first = edge_ends(trace, ids)[0]
    assert (np.float32(trace["x"][0]), np.float32(trace["y"][0])) == places[first[0]]


def test_edges_into_the_faded_context_name_no_ends(curated_graph):
    view = query_filters(curated_graph, Filters(actors=("vladimir-putin",)))
    figure = network_dict(view)
    faded = [t for t in edge_traces(figure) if t["name"] == "other edges"]
    assert faded and "ends" not in faded[0]["meta"]
    shown = [t for t in edge_traces(figure) if t["name"] != "other edges"]
    assert shown and all("ends" in t["meta"] for t in shown)
