"""Measures and communities checked against networkx's own results on the same graph."""

from __future__ import annotations

import networkx as nx
import pytest

from explorer import analysis, build_graph, load
from explorer.analysis import communities, measure, weighted_simple_graph
from explorer.figures.network import rank_text
from explorer.generate import generate, write

from .conftest import CURATED


@pytest.fixture(scope="module")
def curated_graph():
    return build_graph(load(CURATED))


@pytest.fixture(scope="module")
def simple(curated_graph):
    return weighted_simple_graph(curated_graph)


def test_the_simple_graph_counts_parallel_edges_as_weight(small_graph):
    simple = weighted_simple_graph(small_graph)
    multi = nx.Graph(small_graph.to_undirected())
    assert set(map(frozenset, simple.edges())) == set(map(frozenset, multi.edges()))
    assert sum(w for _, _, w in simple.edges(data="weight")) == small_graph.number_of_edges()


@pytest.mark.parametrize(
    "name, expected",
    [
        ("degree", lambda g: dict(g.degree())),
        ("weighted", lambda g: dict(g.degree(weight="weight"))),
        ("betweenness", nx.betweenness_centrality),
        ("pagerank", lambda g: nx.pagerank(g, weight="weight")),
    ],
)
def test_measures_match_networkx(curated_graph, simple, name, expected):
    found = measure(curated_graph, name)
    assert found.method == "exact"
    wanted = expected(simple)
    assert found.values == pytest.approx(wanted, rel=1e-6, abs=1e-12)


def test_measures_are_cached_per_graph(curated_graph):
    assert measure(curated_graph, "betweenness") is measure(curated_graph, "betweenness")


def test_rank_counts_among_nodes_of_the_same_type(curated_graph, simple):
    ranking = measure(curated_graph, "betweenness")
    actors = sorted((n for n in simple if n.startswith("actor:")), key=lambda n: -ranking.values[n])
    assert ranking.rank(actors[0]) == (1, len(actors))
    assert ranking.top("actor", 1) == [(actors[0], ranking.values[actors[0]])]


def test_betweenness_of_a_large_graph_is_estimated_and_says_so(tmp_path, monkeypatch):
    monkeypatch.setattr(analysis, "EXACT_BETWEENNESS_LIMIT", 100)
    path = tmp_path / "g.yaml"
    write(generate(400, seed=2), path)
    graph = build_graph(load(path))
    estimated = measure(graph, "betweenness")
    assert estimated.method.startswith("estimated from")
    exact = nx.betweenness_centrality(weighted_simple_graph(graph))
    top_exact = sorted(exact, key=lambda n: -exact[n])[:5]
    top_estimated = sorted(estimated.values, key=lambda n: -estimated.values[n])[:10]
    assert set(top_exact[:3]) <= set(top_estimated), "the sample finds the main brokers"
    # The hover text and the detail panel name the estimate as such.
    broker = estimated.top("actor", 1)[0][0]
    actors = sum(node.startswith("actor:") for node in graph)
    assert rank_text(estimated, broker).startswith(f"1st of {actors:,} actors by betweenness (estimated) (")
    assert "estimated" not in rank_text(measure(graph, "pagerank"), broker)


def test_communities_match_networkx_louvain_with_the_same_seed(curated_graph, simple):
    expected = nx.community.louvain_communities(simple, weight="weight", seed=analysis.SEED)
    found = communities(curated_graph)
    assert sorted(map(sorted, found)) == sorted(map(sorted, expected))
    assert [len(c) for c in found] == sorted((len(c) for c in found), reverse=True)
    assert set().union(*found) == set(curated_graph.nodes)


@pytest.mark.parametrize(
    "name, expected, tolerance",
    [
        ("degree", lambda g: dict(g.degree()), 1e-12),
        ("weighted", lambda g: dict(g.degree(weight="weight")), 1e-12),
        ("betweenness", nx.betweenness_centrality, 1e-9),
        # PRPACK solves exactly; networkx iterates until its total change is below 1e-6.
        ("pagerank", lambda g: nx.pagerank(g, weight="weight", tol=1e-12), 1e-6),
    ],
)
def test_the_array_path_for_large_graphs_matches_networkx(curated_graph, simple, name, expected, tolerance):
    from explorer.analysis import LinkedPairs, large_measure

    pairs = LinkedPairs.of(curated_graph)
    assert sorted(
        zip(pairs.nodes[pairs.first], pairs.nodes[pairs.second], pairs.weight.tolist(), strict=True)
    ) == sorted((*sorted((u, v)), w) for u, v, w in simple.edges(data="weight"))
    found = large_measure(pairs, name)
    assert found.values == pytest.approx(expected(simple), rel=tolerance, abs=1e-12)


def test_a_large_graph_is_measured_through_arrays(monkeypatch, curated_graph):
    monkeypatch.setattr(analysis, "NETWORKX_LOUVAIN_LIMIT", 10)
    graph = curated_graph.copy()
    graph.graph.pop("_analysis", None)
    graph.graph.pop("_arrays", None)
    assert measure(graph, "pagerank").method == "exact (igraph's PRPACK)"
    found = communities(graph)
    assert set().union(*found) == set(graph.nodes) and sum(map(len, found)) == graph.number_of_nodes()
    assert [len(c) for c in found] == sorted((len(c) for c in found), reverse=True)


def test_the_betweenness_estimate_says_how_it_was_made_and_shrinks_on_very_large_graphs():
    from explorer.analysis import betweenness_method, betweenness_samples
    from explorer.web.network_toolbar import measure_labels

    assert betweenness_method(2000) == "exact" and measure_labels(2000)["betweenness"] == "betweenness"
    assert betweenness_method(25_000, 70_000) == "estimated from 256 sampled sources"
    assert betweenness_method(125_000, 341_000) == "estimated from 52 sampled sources"
    assert betweenness_samples(10**9) == 32
    assert measure_labels(125_000)["betweenness"] == "betweenness (estimated)"
