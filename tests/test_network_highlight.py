"""A network selection is highlighted on the timeline: the events along a shortest path, and
the events a selected pair of actors (an actor-network edge) shared, are ringed there."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest

from explorer import build_graph, load, query
from explorer.analysis import highlighted_events, path_within, shared_events
from explorer.web import AppData
from explorer.web.callbacks import render

from .conftest import CURATED


@pytest.fixture(scope="module")
def data():
    return AppData.from_dataset(load(CURATED), with_layout=False)


def ringed_events(figure) -> set[str]:
    """The ids of the events under the timeline's "highlighted" rings (by their markers)."""
    figure = go.Figure(figure)  # the page sends the timeline as a dict
    ring = next(trace for trace in figure.data if trace.name == "highlighted")
    points = set(zip(ring.x, ring.y, strict=True))
    return {
        custom[0].removeprefix("event:")
        for trace in figure.data
        if getattr(trace, "mode", None) == "markers" and trace.customdata is not None and trace.name != "highlighted"
        for custom, x, y in zip(trace.customdata, trace.x, trace.y, strict=True)
        if (x, y) in points
    }


def test_the_events_along_a_path_are_ringed_on_the_timeline(data):
    import networkx as nx

    # Two paths are equally short: the one the network draws (path_within) is the one ringed.
    path = path_within(query(data.graph).graph, "actor:kirill-dmitriev", "actor:joseph-stalin")
    undirected = data.graph.to_undirected()
    assert len(path) - 1 == nx.shortest_path_length(undirected, "actor:kirill-dmitriev", "actor:joseph-stalin")
    on_path = {node.removeprefix("event:") for node in path if node.startswith("event:")}
    assert len(on_path) == 2, "the path passes through two events, eighty years apart"
    assert set(highlighted_events(query(data.graph), "actor:kirill-dmitriev", "actor:joseph-stalin")) == on_path
    page = render("?selected=actor%3Akirill-dmitriev&path=actor%3Ajoseph-stalin", data)
    assert ringed_events(page.timeline) == on_path


def test_a_selected_pairs_shared_events_are_ringed_on_the_timeline(data):
    shared = {e.id for e in shared_events(data.dataset.events, "donald-trump", "vladimir-putin")}
    page = render("?selected=pair%3Adonald-trump%2Fvladimir-putin&from=1945", data)
    assert len(shared) > 3 and ringed_events(page.timeline) == shared


def test_nothing_is_ringed_without_a_path_or_a_pair(small_dataset):
    graph = build_graph(small_dataset)
    assert highlighted_events(query(graph), "actor:bob", None) == []
    page = render("?selected=actor%3Abob", AppData.from_dataset(small_dataset, with_layout=False))
    assert not [trace for trace in page.timeline["data"] if trace.get("name") == "highlighted"]
