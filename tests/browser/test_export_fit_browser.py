"""A timeline exported at a given size (an image, an animation's frames) is made for that
size, drawn in Chromium as kaleido draws it: only the lanes that fit, link markers that do
not run into each other, and a legend inside the image (under the plot when it is too tall
to stand beside it)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from explorer import build_graph, load, query
from explorer.export import ImageSize, view_figure
from explorer.model import FuzzyDate

from ..conftest import CURATED

pytestmark = pytest.mark.browser

PLOTLY = Path(__file__).resolve().parents[2] / "assets" / "plotly-strict.min.js"

# Draws the figure at its image size; returns the drawn boxes: the figure, the legend, each
# annotation (link markers, lane counts, "+N" badges) and each lane name.
DRAW_JS = """async ([figure, width, height]) => {
  document.body.innerHTML = '<div id="plot"></div>';
  const gd = document.getElementById('plot');
  await Plotly.newPlot(gd, figure.data, {...figure.layout, width, height});
  const box = (element) => { const b = element.getBoundingClientRect(); return [b.left, b.top, b.right, b.bottom]; };
  return {
    figure: box(gd.querySelector('.main-svg')),
    legend: box(gd.querySelector('.legend')),
    annotations: Array.from(gd.querySelectorAll('.annotation'), box).filter((b) => b[2] > b[0]),
    lanes: Array.from(gd.querySelectorAll('.yaxislayer-above .ytick text'), box),
  };
}"""


def overlapping(boxes: list[list[float]]) -> list[tuple[list[float], list[float]]]:
    return [
        (a, b)
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if a[0] < b[2] - 0.5 and b[0] < a[2] - 0.5 and a[1] < b[3] - 0.5 and b[1] < a[3] - 0.5
    ]


@pytest.fixture(scope="module")
def figure_page(browser):
    page = browser.new_page()
    page.add_script_tag(path=str(PLOTLY))
    yield page
    page.close()


def drawn(page, view, size: ImageSize) -> dict:
    figure = json.loads(view_figure(view, "timeline", size=size).to_json())
    page.set_viewport_size({"width": size.width, "height": size.height})
    return page.evaluate(DRAW_JS, [figure, size.width, size.height])


@pytest.mark.parametrize("size", [ImageSize(960, 540, 1), ImageSize(1280, 720, 1)], ids=["960x540", "1280x720"])
@pytest.mark.parametrize("filters", ["everything", "2025", "kirill-dmitriev"])
def test_an_exported_timeline_fits_its_image(figure_page, size, filters):
    dataset = load(CURATED)
    graph = build_graph(dataset)
    chosen = {
        "everything": {},
        "2025": {"start": FuzzyDate.parse("2025-01"), "end": FuzzyDate.parse("2025-12")},
        "kirill-dmitriev": {"actors": ["kirill-dmitriev"]},
    }[filters]
    boxes = drawn(figure_page, query(graph, **chosen), size)
    left, top, right, bottom = boxes["figure"]
    legend = boxes["legend"]
    assert left <= legend[0] and legend[2] <= right + 1 and top <= legend[1] and legend[3] <= bottom + 1, legend
    assert not overlapping(boxes["annotations"])
    assert len(boxes["lanes"]) >= 3 and not overlapping(boxes["lanes"])
