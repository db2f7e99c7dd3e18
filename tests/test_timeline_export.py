"""The timeline as exported: the top date axis labels the same gridlines, with the same
dates, as the bottom axis (kaleido draws with its own copy of plotly.js)."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

import pytest

from explorer import build_graph, load, query
from explorer.export import ImageRenderer, export_bytes

from .conftest import CURATED

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def renderer():
    with ImageRenderer() as shared:
        yield shared


def tick_labels(svg_path, axis_class: str) -> dict[float, str]:
    """The first line of each tick label of one axis, keyed by the label's x position."""
    labels = {}
    for group in ET.parse(svg_path).iter(f"{SVG}g"):
        if group.get("class") != axis_class:
            continue
        text = group.find(f"{SVG}text")
        x = float(re.search(r"translate\(([-\d.]+),", text.get("transform")).group(1))
        lines = [line.text for line in text.iter(f"{SVG}tspan")] or [text.text]
        labels[x] = lines[0].strip()
    return labels


@pytest.mark.parametrize(
    "focus",
    [(dt.date(2025, 7, 22), dt.date(2025, 8, 28)), (dt.date(1945, 1, 1), dt.date(2026, 6, 30))],
    ids=["weeks", "eighty-years"],
)
def test_exported_top_axis_labels_the_bottom_axis_gridlines(renderer, tmp_path, focus):
    view = query(build_graph(load(CURATED)), actors=["kirill-dmitriev"])
    path = tmp_path / "timeline.svg"
    path.write_bytes(export_bytes(view, ".svg", renderer=renderer, focus=focus))
    bottom, top = tick_labels(path, "xtick"), tick_labels(path, "x2tick")
    assert len(bottom) >= 3
    assert top == bottom


def test_the_overview_strip_is_left_out_of_exports_unless_asked(renderer, tmp_path):
    from explorer.export import view_figure

    view = query(build_graph(load(CURATED)), actors=["kirill-dmitriev"])
    path = tmp_path / "timeline.svg"
    path.write_bytes(export_bytes(view, ".svg", renderer=renderer))
    assert "rangeslider-container" not in path.read_text()
    assert view_figure(view, overview=True).layout.xaxis.rangeslider.visible


def test_the_compressed_scale_is_exported_as_shown(renderer, tmp_path):
    view = query(build_graph(load(CURATED)))
    path = tmp_path / "timeline.svg"
    path.write_bytes(export_bytes(view, ".svg", renderer=renderer, compress_gaps=True))
    bottom, top = tick_labels(path, "xtick"), tick_labels(path, "x2tick")
    assert "⫽" in path.read_text()
    assert top == bottom and "Feb 1945" in bottom.values(), "the first end named"
    assert any(label.endswith("2026") for label in bottom.values()), "the last end named"
