"""The page's figures are plain dicts, built without plotly's graph objects (which validate
every property, and cost most of a new state's drawing), and each is a valid plotly figure:
validated here, in the test, not at run time."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import pytest
from _plotly_utils.utils import to_typed_array_spec
from plotly.basedatatypes import BaseFigure

from explorer import load
from explorer.figures.common import typed_array
from explorer.generate import generate, write
from explorer.web import AppData
from explorer.web.callbacks import render

from .conftest import CURATED

FIGURES = ("timeline", "network", "positions", "stance_timeline")
NATO = "ukraine-nato-membership"
STATES = {
    "timeline": [
        "",
        "?actor=vladimir-putin&from=2022&to=2025",
        "?selected=event:alaska-summit-2025",
        "?kind=statement&compress=1",
        "?asof=2025-03-01&window=60",
        "?q=no+such+words+anywhere",
    ],
    "network": [
        "?view=network",
        "?view=network&selected=actor:vladimir-putin&hops=1",
        "?view=network&actor=donald-trump&hide=1&color=community",
        "?view=network&mode=actors&selected=pair:donald-trump/vladimir-putin",
        "?view=network&selected=actor:kirill-dmitriev&path=actor:joseph-stalin",
        "?view=network&asof=2025-03-01&window=60",
        "?view=network&nodes=all&measure=betweenness",
    ],
    "positions": [
        "?view=positions",
        f"?view=positions&selected=stance:united-states/{NATO}",
        "?view=positions&actor=vladimir-putin&from=2022",
        "?view=positions&asof=2022-03-01",
        "?view=positions&q=no+such+words+anywhere",
    ],
    "list": ["?view=list", "?view=list&actor=vladimir-putin"],
}


@pytest.fixture(scope="module")
def curated_data():
    return AppData.from_dataset(load(CURATED))


@pytest.fixture(scope="module")
def generated_data(tmp_path_factory):
    """Enough events for the WebGL network and the timeline's density view."""
    path = tmp_path_factory.mktemp("generated") / "events.yaml"
    write(generate(2500, seed=3), path)
    return AppData.from_dataset(load(path))


def drawn(search: str, data) -> dict[str, dict]:
    """The figures the page draws for ``search`` (the others are None: left as they are)."""
    page = render(search, data, plot_width=900)
    return {name: getattr(page, name) for name in FIGURES if getattr(page, name) is not None}


def assert_valid(figure: dict) -> go.Figure:
    """``figure`` as plotly validates it: an unknown property or a bad value raises."""
    assert type(figure) is dict and set(figure) == {"data", "layout"}
    return go.Figure(figure)


def drawn_without_graph_objects(search: str, data) -> dict[str, dict]:
    """:func:`drawn`, failing if a plotly Figure is built meanwhile."""

    def refuse(*args, **kwargs):
        raise AssertionError("a plotly Figure was built on the render path")

    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(BaseFigure, "__init__", refuse)
        return drawn(search, data)


EXPECTED = {"timeline": {"timeline"}, "network": {"network"}, "positions": {"positions", "stance_timeline"}}


@pytest.mark.parametrize("view", sorted(STATES))
def test_every_figure_of_every_view_is_a_plain_dict_that_plotly_accepts(curated_data, view):
    for search in STATES[view]:
        figures = drawn_without_graph_objects(search, curated_data)
        assert set(figures) == EXPECTED.get(view, set()), search
        for name, figure in figures.items():
            shown = assert_valid(figure)
            if not (figure["layout"].get("meta") or {}).get("empty"):
                assert shown.data, (search, name)


@pytest.mark.parametrize("search", ["", "?view=network&nodes=all", "?view=network&nodes=all&color=community"])
def test_large_data_figures_are_plain_dicts_that_plotly_accepts(generated_data, search):
    figures = drawn_without_graph_objects(search, generated_data)
    for figure in figures.values():
        shown = assert_valid(figure)
        if "network" in search:
            assert {trace.type for trace in shown.data} >= {"scattergl"}, "WebGL past 1,000 nodes"
        else:
            assert shown.layout.meta["dense"], "the timeline's density view"


def test_the_network_sends_its_numbers_as_typed_arrays(curated_data):
    network = drawn("?view=network", curated_data)["network"]
    nodes = [trace for trace in network["data"] if (trace.get("meta") or {}).get("role") == "nodes"]
    assert nodes and all(set(trace["x"]) == {"dtype", "bdata"} for trace in nodes)
    assert all(set(trace["marker"]["size"]) == {"dtype", "bdata"} for trace in nodes)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_typed_arrays_are_the_ones_plotly_makes(dtype):
    values = np.array([1.5, np.nan, -3.25, 1e6], dtype=dtype)
    assert typed_array(values) == to_typed_array_spec(values)
