"""The matrix's outlines (a change within the range, the selection) are larger than a row:
they are drawn past the plot area's edge, so the top row's are not cut."""

from __future__ import annotations

from explorer import build_graph, load, query
from explorer.export import matrix_for
from explorer.figures.positions import CELL_HEIGHT, positions_figure

from .conftest import CURATED


def test_outlines_larger_than_a_row_are_not_clipped_at_the_plot_edge():
    dataset = load(CURATED)
    matrix = matrix_for(query(build_graph(dataset)))
    top_actor, first_topic = matrix.actors[0], matrix.topics[0]
    figure = positions_figure(matrix, dataset, f"stance:{top_actor}/{first_topic}")
    outlines = [trace for trace in figure.data if trace.marker.symbol == "square-open"]
    assert {trace.name for trace in outlines} == {"⟲ changed in range", "selected"}
    for trace in outlines:
        assert trace.marker.size > CELL_HEIGHT
        assert trace.cliponaxis is False, f"the {trace.name} outline of the top row would be cut"
