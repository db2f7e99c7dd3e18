"""Graph exports carry each node's measures and community, read back by networkx (GraphML,
GEXF, node-link JSON), graphology (GEXF) and the csv module (the network's node table)."""

from __future__ import annotations

import csv
import json

import networkx as nx
import pytest

from explorer import build_graph, load, query
from explorer.analysis import community_of, measure
from explorer.export import export

from .conftest import CURATED
from .test_export import graphology_reader, read_with_graphology  # noqa: F401 (a fixture)

MEASURE_ATTRIBUTES = {
    "degree": "degree",
    "weighted": "weighted_degree",
    "betweenness": "betweenness",
    "pagerank": "pagerank",
}


@pytest.fixture(scope="module")
def view():
    return query(build_graph(load(CURATED)), actors=["kirill-dmitriev"], start="2025")


def assert_measures(view, node: str, read: dict) -> None:
    """``read`` (a node's attributes as a reader gave them) holds the node's measures on the
    whole dataset and its community, numbered from 1 as the browser's legend does."""
    graph = view.full_graph
    for name, attribute in MEASURE_ATTRIBUTES.items():
        assert float(read[attribute]) == pytest.approx(measure(graph, name).values[node]), attribute
    assert int(read["community"]) == community_of(graph)[node] + 1


def test_graphml_nodes_carry_their_measures(view, tmp_path):
    back = nx.read_graphml(export(view, tmp_path / "g.graphml"), force_multigraph=True)
    assert set(back.nodes) == set(view.graph.nodes)
    for node in back.nodes:
        assert_measures(view, node, back.nodes[node])


def test_gexf_nodes_carry_their_measures_in_networkx_and_graphology(view, tmp_path, graphology_reader):  # noqa: F811
    path = export(view, tmp_path / "g.gexf")
    back = nx.read_gexf(path)
    for node in back.nodes:
        assert_measures(view, node, back.nodes[node])
    assert_measures(
        view, "actor:kirill-dmitriev", read_with_graphology(graphology_reader, path, "actor:kirill-dmitriev")["node"]
    )


def test_node_link_json_carries_the_measures(view, tmp_path):
    data = json.loads(export(view, tmp_path / "g.json").read_text(encoding="utf-8"))
    back = nx.node_link_graph(data, edges="edges")
    for node in back.nodes:
        assert_measures(view, node, back.nodes[node])


def test_the_network_csv_is_a_node_table_with_measures(view, tmp_path):
    rows = list(csv.DictReader(export(view, tmp_path / "n.csv", view_name="network").open(encoding="utf-8")))
    assert [row["id"] for row in rows] == sorted(view.graph.nodes)
    for row in rows:
        assert row["label"] == view.graph.nodes[row["id"]]["label"]
        assert_measures(view, row["id"], row)
