"""The network figure: what is shown fills the frame, ego networks centre on their node,
"Show N" picks a connected picture, and labels for images never overlap."""

from __future__ import annotations

import pytest

from explorer import build_graph, load
from explorer.figures.network import LABEL_FONT, network_figure, thin_labels
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
    unthinned = network_figure(query(curated_graph))
    assert sum(bool(t) for t in next(t for t in unthinned.data if t.name == "labels").text) > len(boxes)
    thin_labels(unthinned, (1600, 640))
    assert sum(bool(t) for t in next(t for t in unthinned.data if t.name == "labels").text) == len(boxes)
