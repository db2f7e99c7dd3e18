"""The time cursor: its URL form, and the views as of a day (explorer.figures.as_of)."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import plotly.graph_objects as go
import pytest

from explorer import build_graph, load
from explorer.export import matrix_for
from explorer.figures.as_of import apply_cursor, date_network, positions_over_time
from explorer.figures.network import network_dict
from explorer.figures.positions import positions_dict
from explorer.graph import Filters, query_filters
from explorer.model import FuzzyDate
from explorer.positions import stance_matrix
from explorer.web.state import PageState, format_search, parse_search
from explorer.web.time_cursor import drawn_key

from .conftest import CURATED

DAY = dt.date(2025, 3, 1)


@pytest.fixture(scope="module")
def curated():
    dataset = load(CURATED)
    return dataset, build_graph(dataset)


def place(x, y) -> tuple | None:
    """A drawn point, at the precision of the network's edges (float32); None for a gap."""
    return None if x is None or math.isnan(x) else (float(np.float32(x)), float(np.float32(y)))


def drawn_nodes(figure) -> dict[str, tuple]:
    """Node id → position of every node point the figure draws."""
    drawn = {}
    for trace in figure.data:
        if isinstance(trace.meta, dict) and "asof" in trace.meta and trace.customdata is not None:
            for row, x, y in zip(trace.customdata, trace.x, trace.y, strict=True):
                if place(x, y) is not None:
                    drawn[row[0]] = place(x, y)
    return drawn


def test_cursor_and_window_round_trip_through_the_url(curated):
    state, warnings = parse_search("?view=network&asof=2025-08-15&window=30", curated[0])
    assert (state.asof, state.window, warnings) == ("2025-08-15", 30, [])
    assert format_search(state) == "?view=network&asof=2025-08-15&window=30"


@pytest.mark.parametrize(
    ("search", "expected"),
    [("?asof=2025-13-01", "time cursor “2025-13-01”"), ("?asof=2025-01-01&window=-3", "window “-3”")],
)
def test_a_bad_cursor_in_a_link_is_dropped_with_a_warning(curated, search, expected):
    state, warnings = parse_search(search, curated[0])
    assert expected in " ".join(warnings)
    assert state.window is None


def test_moving_the_cursor_keeps_what_was_drawn_but_turning_it_on_does_not():
    base = PageState(view="network")
    moved = drawn_key(base.with_changes(asof="2025-01-01")) == drawn_key(base.with_changes(asof="2025-06-01", window=9))
    assert moved
    assert drawn_key(base) != drawn_key(base.with_changes(asof="2025-01-01"))


def test_the_network_as_of_a_day_shows_what_had_begun_in_place(curated):
    dataset, graph = curated
    whole = network_dict(query_filters(graph, Filters()))
    places = drawn_nodes(go.Figure(date_network(whole, graph)))
    figure = go.Figure(apply_cursor(date_network(network_dict(query_filters(graph, Filters())), graph), DAY))
    shown = drawn_nodes(figure)
    firsts = {f"event:{event.id}": event.first for event in dataset.events}
    events = {node for node in shown if node.startswith("event:")}
    assert events == {node for node in places if node.startswith("event:") and firsts[node] <= DAY}
    assert all(places[node] == place for node, place in shown.items()), "a node moved"
    assert figure.layout.meta["asof"] == {"day": "2025-03-01", "window": None}


def test_an_edge_never_leads_into_nothing(curated):
    _, graph = curated
    figure = go.Figure(apply_cursor(date_network(network_dict(query_filters(graph, Filters())), graph), DAY, window=60))
    ends = set(drawn_nodes(figure).values())
    for trace in figure.data:
        if trace.mode == "lines" and isinstance(trace.meta, dict) and "asof" in trace.meta:
            points = [place(x, y) for x, y in zip(trace.x, trace.y, strict=True) if place(x, y) is not None]
            assert set(points) <= ends, trace.name


def test_a_window_shows_only_the_recent_events(curated):
    dataset, graph = curated
    figure = go.Figure(apply_cursor(date_network(network_dict(query_filters(graph, Filters())), graph), DAY, window=60))
    lasts = {f"event:{event.id}": event.last for event in dataset.events}
    events = [node for node in drawn_nodes(figure) if node.startswith("event:")]
    assert events
    assert all(lasts[node] > DAY - dt.timedelta(days=60) for node in events)


@pytest.mark.parametrize("day", [dt.date(2014, 3, 1), dt.date(2022, 3, 1), dt.date(2025, 8, 20)])
def test_the_matrix_as_of_a_day_shows_the_stance_held_that_day(curated, day):
    dataset, graph = curated
    matrix = matrix_for(query_filters(graph, Filters()))
    figure = go.Figure(apply_cursor(positions_over_time(positions_dict(matrix, dataset), matrix), day))
    held = {}
    for trace in figure.data:
        if isinstance(trace.meta, dict) and "asof" in trace.meta:
            for row, x in zip(trace.customdata, trace.x, strict=True):
                if x is not None:
                    assert row[0] not in held, f"{row[0]} drawn twice"
                    held[row[0]] = None if trace.name == "no position" else trace.name.split(" ", 1)[1]
    then = stance_matrix(dataset, end=FuzzyDate.parse(day.isoformat()))
    expected = {f"stance:{a}/{t}": cell.stance for (a, t), cell in then.cells.items() if (a, t) in matrix.cells}
    assert held == expected
