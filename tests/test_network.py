"""The network figure: what is shown fills the frame, ego networks centre on their node,
"Show N" picks a connected picture, and labels for images never overlap."""

from __future__ import annotations

import pytest

from explorer import build_graph, load
from explorer.figures.network import LABEL_FONT, NetworkOptions, network_dict, network_figure, thin_labels
from explorer.generate import generate, write
from explorer.graph import query

from .conftest import CURATED
from .test_figures import network_coordinates


@pytest.fixture(scope="module")
def curated_graph():
    return build_graph(load(CURATED))


@pytest.fixture(scope="module")
def generated_graph(tmp_path_factory):
    path = tmp_path_factory.mktemp("generated") / "events.yaml"
    write(generate(3000, seed=5), path)
    return build_graph(load(path, max_bytes=2**31))


def spans(figure) -> tuple[float, float]:
    """The share of the x and y ranges that the drawn nodes cover."""
    points = network_coordinates(figure).values()
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    x_range, y_range = figure.layout.xaxis.range, figure.layout.yaxis.range
    return (max(xs) - min(xs)) / (x_range[1] - x_range[0]), (max(ys) - min(ys)) / (y_range[1] - y_range[0])


def test_a_show_n_cut_of_a_large_graph_fills_the_frame(generated_graph):
    figure = network_figure(query(generated_graph), limit=400)
    assert figure.layout.meta["shown"] == 400
    assert min(spans(figure)) > 0.8


def test_a_filter_with_the_rest_hidden_is_laid_out_for_itself_and_fills_the_frame(curated_graph):
    view = query(curated_graph, actors=["kirill-dmitriev"])
    assert min(spans(network_figure(view, hide_unmatched=True))) > 0.8
    # Faded in place, the frame still fits what matches.
    assert min(spans(network_figure(view))) > 0.8


def test_the_ego_network_is_laid_out_around_its_centre(curated_graph):
    figure = network_figure(query(curated_graph), selected="actor:kirill-dmitriev", ego_hops=2)
    x, y = network_coordinates(figure)["actor:kirill-dmitriev"]
    (x0, x1), (y0, y1) = figure.layout.xaxis.range, figure.layout.yaxis.range
    assert abs((x - x0) / (x1 - x0) - 0.5) < 0.2 and abs((y - y0) / (y1 - y0) - 0.5) < 0.2
    assert not any(trace.name == "not in view" for trace in figure.data), "an ego network draws no faded rest"


def test_subset_layouts_are_cached_and_repeatable(curated_graph):
    view = query(curated_graph, actors=["kirill-dmitriev"])
    first = network_coordinates(network_figure(view, hide_unmatched=True))
    curated_graph.graph.pop("_subset_layouts")
    assert network_coordinates(network_figure(view, hide_unmatched=True)) == first


def test_show_n_picks_events_and_leaves_no_node_without_a_shown_neighbour(generated_graph):
    figure = network_figure(query(generated_graph), limit=400)
    shown = set(network_coordinates(figure))
    assert sum(node.startswith("event:") for node in shown) > 100
    lonely = [
        n for n in shown if not (set(generated_graph.predecessors(n)) | set(generated_graph.successors(n))) & shown
    ]
    assert not lonely


def label_boxes(figure, canvas):
    labels = next(t for t in figure.data if t.name == "labels")
    figure_width, figure_height = canvas
    (x0, x1), (y0, y1) = figure.layout.xaxis.range, figure.layout.yaxis.range
    scale = min(figure_width / (x1 - x0), figure_height / (y1 - y0))
    return [
        (x * scale - len(text) * LABEL_FONT * 0.3, y * scale, x * scale + len(text) * LABEL_FONT * 0.3, y * scale + 14)
        for x, y, text in zip(labels.x, labels.y, labels.text, strict=True)
        if text
    ]


def test_images_keep_only_labels_that_do_not_overlap(curated_graph):
    figure = network_figure(query(curated_graph), static=True)
    boxes = label_boxes(figure, (1580, 560))
    assert len(boxes) >= 10
    assert not [
        (a, b)
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
    ]
    unthinned = network_dict(query(curated_graph))
    assert sum(bool(t) for t in next(t for t in unthinned["data"] if t["name"] == "labels")["text"]) > len(boxes)
    thin_labels(unthinned, (1600, 640))
    assert sum(bool(t) for t in next(t for t in unthinned["data"] if t["name"] == "labels")["text"]) == len(boxes)


def marker_sizes(figure) -> dict[str, float]:
    return {
        custom[0]: size
        for trace in figure.data
        if trace.customdata is not None
        for custom, size in zip(trace.customdata, trace.marker.size, strict=True)
    }


def test_nodes_are_sized_by_the_chosen_measure(curated_graph):
    from explorer.analysis import measure

    for name in ("betweenness", "pagerank"):
        figure = network_figure(query(curated_graph), options=NetworkOptions(measure=name))
        sizes = marker_sizes(figure)
        values = measure(curated_graph, name).values
        assert max(sizes, key=sizes.get) == max(values, key=values.get)
        assert figure.layout.meta["measure"] == name


def test_hover_and_detail_say_the_value_and_rank(curated_graph):
    from dash import html

    from explorer.analysis import measure
    from explorer.web.detail import detail_panel

    ranking = measure(curated_graph, "betweenness")
    top, _ = ranking.top("actor", 1)[0]
    actors = sum(n.startswith("actor:") for n in curated_graph)
    expected = f"1st of {actors} actors by betweenness"
    figure = network_figure(query(curated_graph), options=NetworkOptions(measure="betweenness"))
    hovers = [
        hover
        for t in figure.data
        if t.customdata is not None
        for c, hover in zip(t.customdata, t.hovertext, strict=True)
        if c[0] == top
    ]
    assert expected in hovers[0]
    panel = detail_panel(top, curated_graph.graph["dataset"], curated_graph, None, ranking)
    assert any(isinstance(p, html.P) and str(p.children).startswith(expected) for p in panel)


def test_colour_by_community_gives_one_legend_entry_per_community(curated_graph):
    from explorer.analysis import community_of

    figure = network_figure(query(curated_graph), options=NetworkOptions(color="community"))
    numbers = community_of(curated_graph)
    for trace in figure.data:
        if trace.customdata is not None and trace.name.startswith("community "):
            assert {numbers[c[0]] for c in trace.customdata} == {int(trace.name.split()[1]) - 1}
    assert sum(t.legendgroup == "community" for t in figure.data) == min(len(set(numbers.values())), 11)


def test_measure_and_colour_live_in_the_url(small_dataset):
    from explorer.web.callbacks import next_state
    from explorer.web.state import PageState, format_search, parse_search

    state = next_state(PageState(view="network"), "measure", "pagerank", (1945, 2025))
    state = next_state(state, "color", "community", (1945, 2025))
    search = format_search(state)
    assert "size=pagerank" in search and "color=community" in search
    assert parse_search(search, small_dataset) == (state, [])
    bad, warnings = parse_search("?size=closeness", small_dataset)
    assert bad.measure == "degree" and "closeness" in warnings[0]


def test_export_sizes_and_colours_the_network_as_asked(tmp_path):
    from explorer.cli import main

    out = tmp_path / "n.html"
    status = main(
        [
            "export",
            str(CURATED),
            "--no-cache",
            "-o",
            str(out),
            "--view",
            "network",
            "--size-by",
            "pagerank",
            "--color-by",
            "community",
        ]
    )
    html = out.read_text(encoding="utf-8")
    assert status == 0 and '"measure":"pagerank"' in html and '"name":"community 1"' in html


def test_the_panel_lists_communities_by_their_leading_members(curated_graph):
    from explorer.analysis import communities, measure
    from explorer.web.detail import detail_panel

    from .test_web import texts

    dataset, ranking = curated_graph.graph["dataset"], measure(curated_graph, "degree")
    found = communities(curated_graph)
    overview = texts(detail_panel(None, dataset, curated_graph, None, ranking, show_communities=True))
    assert f"Community 1 · {len(found[0])} members" in overview
    leader = max(found[0], key=lambda n: (ranking.values[n], n))
    assert curated_graph.nodes[leader]["label"] in overview
    own = texts(detail_panel(leader, dataset, curated_graph, None, ranking, show_communities=True))
    assert f"Community 1 · {len(found[0])} members" in own and "Community 2" not in " ".join(own)


def test_the_actor_network_is_networkx_weighted_projection(curated_graph):
    import networkx as nx

    from explorer.analysis import actor_network

    bipartite = nx.Graph((u, v) for u, v, data in curated_graph.edges(data=True) if data["type"] == "participated")
    actors = {n for n in bipartite if n.startswith("actor:")}
    expected = nx.bipartite.weighted_projected_graph(bipartite, actors)
    found = actor_network(curated_graph.graph["dataset"].events)
    assert {frozenset(e): w for *e, w in found.edges(data="weight")} == {
        frozenset(e): w for *e, w in expected.edges(data="weight")
    }


def test_actor_mode_draws_only_actors_with_edges_as_wide_as_shared_events(curated_graph):
    from explorer.figures.actor_network import WIDTH_STEPS

    figure = network_figure(query(curated_graph), options=NetworkOptions(mode="actors"))
    nodes = network_coordinates(figure)
    assert nodes and all(n.startswith(("actor:", "pair:")) for n in nodes)
    widths = {t.name: t.line.width for t in figure.data if t.mode == "lines"}
    assert widths["8 or more"] == WIDTH_STEPS[-1][1] > widths["1 shared event"]
    assert "pair:donald-trump/vladimir-putin" in nodes


def test_clicking_an_actor_edge_lists_the_shared_events(curated_graph):
    from explorer.web.callbacks import next_state
    from explorer.web.detail import detail_panel
    from explorer.web.state import PageState, format_search, parse_search

    from .test_web import texts

    dataset = curated_graph.graph["dataset"]
    click = {"points": [{"customdata": ["pair:donald-trump/vladimir-putin", "hover"]}]}
    state = next_state(PageState(view="network", mode="actors"), "network.click", click, (1945, 2026))
    assert parse_search(format_search(state), dataset) == (state, [])
    shared = [e for e in dataset.events if {"donald-trump", "vladimir-putin"} <= set(e.actor_ids())]
    panel = texts(detail_panel(state.selected, dataset, curated_graph))
    assert f"{len(shared)} events together, in time order." in panel
    assert all(event.title in panel for event in shared)


def test_a_path_to_another_node_is_drawn_listed_and_kept_in_the_url(curated_graph):
    import networkx as nx

    from explorer.web.callbacks import next_state
    from explorer.web.detail import detail_panel
    from explorer.web.state import PageState, format_search, parse_search

    from .test_web import texts

    dataset = curated_graph.graph["dataset"]
    state = next_state(
        PageState(view="network", selected="actor:kirill-dmitriev"), "path", "friedrich-merz", (1945, 2026)
    )
    assert "path=actor%3Afriedrich-merz" in format_search(state)
    assert parse_search(format_search(state), dataset) == (state, [])
    figure = network_figure(query(curated_graph), state.selected, options=state.network_options())
    path = figure.layout.meta["path"]
    length = nx.shortest_path_length(curated_graph.to_undirected(), "actor:kirill-dmitriev", "actor:friedrich-merz")
    assert path[0] == "actor:kirill-dmitriev" and path[-1] == "actor:friedrich-merz" and len(path) == length + 1
    line = next(t for t in figure.data if t.name == "path")
    coordinates = network_coordinates(figure)
    assert list(zip(line.x, line.y, strict=True)) == [coordinates[n] for n in path]
    panel = texts(detail_panel(state.selected, dataset, curated_graph, path=path))
    assert f"Shortest path to Friedrich Merz ({length} steps)" in panel
    assert next_state(state, "clear", 1, (1945, 2026)).path_to is None
