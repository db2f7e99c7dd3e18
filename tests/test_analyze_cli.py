"""``explorer analyze`` and ``explorer path``, checked against networkx's own results."""

from __future__ import annotations

import json

import networkx as nx
import pytest

from explorer import build_graph, load
from explorer.analysis import SEED, weighted_simple_graph
from explorer.cli import main
from explorer.graph import query

from .conftest import CURATED


@pytest.fixture(scope="module")
def curated_graph():
    return build_graph(load(CURATED))


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = main([argv[0], *argv[1:], "--no-cache"])
    out, err = capsys.readouterr()
    return status, out, err


def test_analyze_lists_the_top_actors_as_networkx_ranks_them(capsys, curated_graph):
    status, out, _ = run(capsys, "analyze", str(CURATED), "--json", "--top", "5")
    document = json.loads(out)
    simple = weighted_simple_graph(curated_graph)
    actors = [n for n in simple if n.startswith("actor:")]
    for name, expected in (
        ("betweenness", nx.betweenness_centrality(simple)),
        ("pagerank", nx.pagerank(simple, weight="weight")),
        ("degree", dict(simple.degree())),
    ):
        top = document["measures"][name]["top"]
        assert [e["value"] for e in top] == pytest.approx(sorted((expected[a] for a in actors), reverse=True)[:5])
        assert all(e["value"] == pytest.approx(expected[e["node"]]) for e in top)
    assert status == 0 and document["nodes"] == curated_graph.number_of_nodes()


def test_analyze_communities_are_networkx_louvain_with_the_seed(capsys, curated_graph):
    _, out, _ = run(capsys, "analyze", str(CURATED), "--json")
    expected = nx.community.louvain_communities(weighted_simple_graph(curated_graph), weight="weight", seed=SEED)
    found = [set(c["members"]) for c in json.loads(out)["communities"]]
    assert sorted(map(sorted, found)) == sorted(map(sorted, expected))


def test_analyze_takes_the_export_filters(capsys, curated_graph):
    status, out, _ = run(capsys, "analyze", str(CURATED), "--actor", "kirill-dmitriev", "--from", "2025")
    view = query(curated_graph, actors=["kirill-dmitriev"], start="2025")
    assert status == 0
    assert out.startswith(f"{view.graph.number_of_nodes():,} nodes") and "actors: kirill-dmitriev" in out
    assert "Top actors by betweenness (exact):\n    1. Kirill Dmitriev" in out
    status, _, err = run(capsys, "analyze", str(CURATED), "--actor", "kiril-dmitriev")
    assert status == 2 and "did you mean `kirill-dmitriev`" in err


def test_path_prints_a_shortest_chain_as_networkx_finds_it(capsys, curated_graph):
    status, out, _ = run(capsys, "path", "kirill-dmitriev", "actor:friedrich-merz", str(CURATED))
    lines = out.strip().splitlines()
    chain = [line.strip().removeprefix("→ ").split("  ")[0] for line in lines[:-1]]
    undirected = curated_graph.to_undirected()
    assert status == 0 and chain[0] == "actor:kirill-dmitriev" and chain[-1] == "actor:friedrich-merz"
    assert len(chain) - 1 == nx.shortest_path_length(undirected, chain[0], chain[-1])
    assert all(undirected.has_edge(a, b) for a, b in zip(chain, chain[1:], strict=False))
    assert lines[-1] == f"{len(chain) - 1} steps"


def test_path_suggests_the_nearest_id_for_an_unknown_one(capsys):
    status, out, err = run(capsys, "path", "kirill-dmitriv", "friedrich-merz", str(CURATED))
    assert status == 1 and not out
    assert "unknown node `kirill-dmitriv` — did you mean `actor:kirill-dmitriev`?" in err


def test_path_exits_1_when_there_is_no_path(capsys, tmp_path):
    data = tmp_path / "two.yaml"
    data.write_text(
        "name: two\nactors:\n  - {id: a, name: A, kind: person}\n  - {id: b, name: B, kind: person}\n"
        "events:\n  - {id: e1, title: One, date: '2020', kind: meeting, actors: [a]}\n"
        "  - {id: e2, title: Two, date: '2021', kind: meeting, actors: [b]}\n",
        encoding="utf-8",
    )
    status, out, err = run(capsys, "path", "a", "b", str(data))
    assert status == 1 and not out and "no path between actor:a and actor:b" in err


def test_path_says_when_a_node_is_outside_the_filters(capsys):
    status, _, err = run(capsys, "path", "vladimir-putin", "joseph-stalin", str(CURATED), "--from", "2025")
    assert status == 1 and "actor:joseph-stalin not in the view" in err
