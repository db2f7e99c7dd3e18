"""Words on screen and in exports: topic headers, counts, link names, captions, the title's room."""

from __future__ import annotations

import io

from PIL import Image

from explorer import build_graph, load
from explorer.export import ImageRenderer, ImageSize, export_bytes, figure_caption, matrix_for, view_figure
from explorer.figures.positions import TOPIC_HEADER_LENGTH, positions_figure
from explorer.graph import query
from explorer.web.detail import detail_panel

from .conftest import CURATED


def curated_view(**filters):
    return query(build_graph(load(CURATED)), **filters)


def test_topic_headers_show_whole_names():
    view = curated_view()
    figure = positions_figure(matrix_for(view), view.dataset)
    headers = set(figure.layout.xaxis.ticktext)
    names = {topic.name for topic in view.dataset.topics}
    assert max(len(name) for name in names) > 30, "the curated file has long topic names"
    assert {name for name in names if len(name) <= TOPIC_HEADER_LENGTH} <= headers, "none is cut that fits"


def test_cell_hovers_count_statements_in_words():
    view = curated_view()
    figure = positions_figure(matrix_for(view), view.dataset)
    hovers = [data[1] for trace in figure.data if trace.customdata is not None for data in trace.customdata]
    assert not any("statement(s)" in hover for hover in hovers)
    assert any("1 statement — click" in hover for hover in hovers)
    assert any("2 statements — click" in hover for hover in hovers)


def test_the_far_side_of_an_analogy_reads_as_english():
    view = curated_view()
    panel = str(detail_panel("event:yalta-conference-1945", view.dataset, view.full_graph, view.filters))
    assert "Compared to it by" in panel and "Compared with by" not in panel


def test_an_exports_caption_names_the_selection_and_its_hops():
    view = curated_view(actors=["kirill-dmitriev"], start="2025")
    caption = figure_caption(view, "actor:kirill-dmitriev", hops=2)
    assert "selected: Kirill Dmitriev (2-hop network)" in caption
    figure = view_figure(view, "network", "actor:kirill-dmitriev", hops=2)
    assert "selected: Kirill Dmitriev (2-hop network)" in figure.layout.title.text
    assert "selected" not in figure_caption(view), "nothing selected, nothing said"


def test_an_exported_title_keeps_clear_of_the_top_edge():
    view = curated_view(actors=["kirill-dmitriev"], start="2025")
    with ImageRenderer() as renderer:
        png = export_bytes(view, ".png", "timeline", ImageSize(width=900, height=600, scale=1), renderer=renderer)
    image = Image.open(io.BytesIO(png)).convert("L")
    darkest_on_top, _ = image.crop((0, 0, image.width, 12)).getextrema()
    assert darkest_on_top > 240, "the first 12 pixel rows are background"
    darkest_below, _ = image.crop((0, 12, image.width, 60)).getextrema()
    assert darkest_below < 100, "the title is drawn just below them"
