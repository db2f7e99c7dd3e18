"""Figure functions: pure View → plotly Figure, checked on what they draw."""

from __future__ import annotations

import datetime as dt
import math
import subprocess
import sys

from explorer import query
from explorer.figures.network import network_figure
from explorer.figures.style import event_color
from explorer.figures.timeline import FILTERED_OUT_LINKS, default_focus, focus_on, timeline_figure
from explorer.figures.timeline_traces import EVENTS, SPANS, rgba
from explorer.network_layout import network_positions

# Marker traces that are not the view's events: the selection ring, filtered-out linked events.
NOT_EVENTS = ("selected", FILTERED_OUT_LINKS)


def link_markers(figure) -> list:
    """The edge markers of links that lead out of view."""
    return [marker for marker in figure.layout.annotations if (marker.name or "").startswith("goto:")]


def marker_points(figure) -> list[tuple[str, str]]:
    """(event node, lane) of every event marker drawn."""
    points = []
    for trace in figure.data:
        if getattr(trace, "mode", None) == "markers" and trace.customdata is not None and trace.name not in NOT_EVENTS:
            points += [(custom[0], custom[2]) for custom in trace.customdata]
    return points


def test_an_event_stands_in_the_lane_of_each_actor(small_graph):
    points = marker_points(timeline_figure(query(small_graph)))
    assert sorted(lane for node, lane in points if node == "event:summer-meeting") == ["alice", "bob"]
    assert [lane for node, lane in points if node == "event:sanction-package"] == ["freedonia"]


def test_actor_filter_leaves_only_their_events_on_the_timeline(small_graph):
    events = {node for node, _ in marker_points(timeline_figure(query(small_graph, actors=["bob"])))}
    assert events == {"event:old-conference", "event:summer-meeting"}


def symbols_by_kind(figure, dataset) -> dict[str, set[str]]:
    """The marker shapes drawn for each kind of event (all events are one trace)."""
    [events] = [trace for trace in figure.data if trace.name == EVENTS]
    symbols: dict[str, set[str]] = {}
    for custom, symbol in zip(events.customdata, events.marker.symbol, strict=True):
        kind = dataset.event_by_id[custom[0].removeprefix("event:")].kind
        symbols.setdefault(kind, set()).add(symbol)
    return symbols


def test_fuzzy_dates_are_open_markers_over_a_span(small_graph, small_dataset):
    figure = timeline_figure(query(small_graph))
    assert symbols_by_kind(figure, small_dataset)["meeting"] == {"circle-open"}
    [spans] = [t for t in figure.data if t.name == SPANS]
    bars = {
        (base, base + dt.timedelta(milliseconds=length), color)
        for base, length, color in zip(spans.base, spans.x, spans.marker.color, strict=True)
    }
    solid, faint = rgba(event_color("conference"), 0.65), rgba(event_color("meeting"), 0.18)
    assert (dt.date(1945, 2, 4), dt.date(1945, 2, 12), solid) in bars, "a range: a solid bar"
    months = [(start, end) for start, end, color in bars if color == faint]
    assert months == [(dt.date(2025, 8, 1), dt.date(2025, 9, 1))], "a month: a faint bar over it"


def test_focus_opens_on_the_dense_period_and_the_far_analogy_gets_an_edge_marker(small_graph):
    figure = timeline_figure(query(small_graph))
    start, end = (dt.date.fromisoformat(d) for d in figure.layout.xaxis.range)
    assert start.year == 2025 and end >= dt.date(2025, 10, 22)
    [marker] = link_markers(figure)
    assert marker.name == "goto:event:old-conference" and marker.x < 0.5 and "compared to" in marker.text


def test_no_edge_marker_when_both_ends_are_in_view(small_graph):
    figure = timeline_figure(query(small_graph), focus=(dt.date(1940, 1, 1), dt.date(2026, 1, 1)))
    assert not link_markers(figure)


def test_selecting_a_distant_event_moves_the_focus_to_it(small_graph):
    figure = timeline_figure(query(small_graph), selected="event:old-conference")
    start, end = (dt.date.fromisoformat(d) for d in figure.layout.xaxis.range)
    assert start < dt.date(1945, 2, 4) and end > dt.date(1945, 2, 11) and end.year == 1945
    ring = next(t for t in figure.data if t.name == "selected")
    assert sorted(ring.y) == [0, 1], "a ring in Alice's lane and one in Bob's"


def test_events_on_the_same_day_in_one_lane_do_not_hide_each_other(small_graph, small_dataset):
    from explorer import build_graph
    from explorer.model import Event

    twins = tuple(
        Event(id=f"twin-{n}", title=f"Twin {n}", date="2025-03-03", kind="statement", actors=["alice"])
        for n in (1, 2, 3)
    )
    dataset = type(small_dataset)(name="t", description=None, actors=small_dataset.actors, events=twins)
    figure = timeline_figure(query(build_graph(dataset)))
    ys = [y for t in figure.data if t.name == EVENTS for y in t.y]
    assert len(set(ys)) == 3 and all(abs(y) < 0.5 for y in ys), "stacked inside Alice's lane"


def test_default_focus_and_focus_on(small_dataset):
    start, end = default_focus(small_dataset.events)
    assert start > dt.date(2000, 1, 1)
    event = small_dataset.event_by_id["old-conference"]
    assert focus_on(event, (start, end))[0] < event.first


def test_empty_view_says_so(small_graph):
    figure = timeline_figure(query(small_graph, text="no such words anywhere"))
    assert figure.layout.meta["empty"] and "No events match" in figure.layout.annotations[0].text
    assert network_figure(query(small_graph, text="no such words anywhere")).layout.meta["empty"]


def test_user_text_is_escaped_in_hover_labels(small_graph, small_dataset):
    from explorer import build_graph
    from explorer.model import Event

    hostile = Event(id="x", title="<b onmouseover=alert(1)>bold</b>", date="2025-01-01", kind="statement")
    dataset = type(small_dataset)(name="t", description=None, actors=small_dataset.actors, events=(hostile,))
    figure = timeline_figure(query(build_graph(dataset)))
    hovers = [c[1] for t in figure.data if t.customdata is not None for c in t.customdata]
    assert hovers and all("<b onmouseover" not in h and "&lt;b onmouseover" in h for h in hovers)


def network_coordinates(figure) -> dict[str, tuple[float, float]]:
    return {
        custom[0]: (x, y)
        for trace in figure.data
        if trace.customdata is not None
        for custom, x, y in zip(trace.customdata, trace.x, trace.y, strict=True)
    }


def test_network_layout_is_computed_once_and_filters_do_not_move_nodes(small_graph):
    assert network_positions(small_graph) is network_positions(small_graph)
    everything = network_coordinates(network_figure(query(small_graph)))
    filtered = network_coordinates(network_figure(query(small_graph, actors=["bob"])))
    assert filtered and all(everything[node] == xy for node, xy in filtered.items())


def test_network_fades_or_hides_what_the_filters_exclude(small_graph):
    view = query(small_graph, actors=["bob"])
    faded = network_figure(view)
    assert any(t.name == "not in view" for t in faded.data)
    assert "actor:freedonia" not in network_coordinates(faded)
    hidden = network_figure(view, hide_unmatched=True)
    assert not any(t.name in ("not in view", "other edges") for t in hidden.data)


def test_network_shapes_and_legend_by_kind(small_graph):
    figure = network_figure(query(small_graph))
    symbols = {t.legendgroup: t.marker.symbol for t in figure.data if t.customdata is not None}
    assert symbols == {"actor": "circle", "event": "diamond", "topic": "square"}
    edge_names = {t.name for t in figure.data if t.legendgroup == "edges"}
    assert {"participated", "compared to", "follows", "position", "concerns", "affiliated"} <= edge_names


def test_ego_network_shows_the_selected_node_and_its_neighbours(small_graph):
    figure = network_figure(query(small_graph), selected="event:sanction-package", ego_hops=1)
    assert set(network_coordinates(figure)) == {"event:sanction-package", "actor:freedonia"}


def test_figures_and_the_core_never_import_dash():
    code = (
        "import sys, explorer, explorer.figures.timeline, explorer.figures.network, explorer.network_layout; "
        "print('dash' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_a_large_network_shows_n_nodes_and_says_how_many_match(small_graph):
    figure = network_figure(query(small_graph), limit=3)
    shown = network_coordinates(figure)
    assert len(shown) == 3 and figure.layout.meta["matching"] == small_graph.number_of_nodes()
    selected = network_figure(query(small_graph), selected="topic:sanctions", limit=3)
    assert "topic:sanctions" in network_coordinates(selected), "the selection is always shown"


def test_a_dense_timeline_shows_density_and_single_events_when_zoomed(small_graph):
    import datetime as dt

    overview = timeline_figure(query(small_graph), max_drawn=2)
    assert overview.layout.meta["dense"] and any(t.type == "heatmap" for t in overview.data)
    zoomed = timeline_figure(query(small_graph), focus=(dt.date(2025, 10, 1), dt.date(2025, 10, 31)), max_drawn=2)
    assert zoomed.layout.meta["drawn"] == 1
    assert {node for node, _ in marker_points(zoomed)} == {"event:sanction-package"}


def test_the_large_graph_layout_is_repeatable_and_leaves_the_shared_generator_alone():
    import random

    import networkx as nx

    from explorer.network_layout import _grid_force_layout

    graph = nx.relabel_nodes(nx.path_graph(700), str)
    random.seed(1)
    expected_next = random.random()
    random.seed(1)
    first = _grid_force_layout(graph)
    assert random.random() == expected_next
    assert _grid_force_layout(graph) == first


def shown_range(figure) -> tuple[dt.date, dt.date]:
    return tuple(dt.date.fromisoformat(day) for day in figure.layout.xaxis.range)  # type: ignore[return-value]


def test_a_date_filter_is_shown_whole_with_a_small_margin(small_graph):
    start, end = shown_range(timeline_figure(query(small_graph, start="2025-08-01", end="2025-08-31")))
    assert start < dt.date(2025, 8, 1) and end > dt.date(2025, 9, 1)
    assert (dt.date(2025, 8, 1) - start).days <= 2 and (end - dt.date(2025, 9, 1)).days <= 2


def test_an_open_ended_date_filter_ends_at_the_events(small_graph):
    view = query(small_graph, start="1940")
    start, end = shown_range(timeline_figure(view))
    last = max(event.last for event in view.events)
    assert start <= dt.date(1940, 1, 1) and last < end <= last + dt.timedelta(days=0.03 * (last.year - 1940) * 366)


def test_a_link_to_a_filtered_out_far_event_keeps_its_marker_in_the_link_band(small_graph):
    figure = timeline_figure(query(small_graph, start="2025"))
    [marker] = link_markers(figure)
    assert marker.name == "goto:event:old-conference"
    assert "compared to The old conference (4 Feb 1945)" in marker.text and "filtered out" in marker.text
    assert marker.y < -0.5, "in the band above the first lane, where no event stands"
    assert figure.layout.yaxis.range[1] <= marker.y - 0.5


def test_link_markers_never_stand_on_a_lane(small_graph):
    figure = timeline_figure(query(small_graph), focus=(dt.date(2025, 9, 1), dt.date(2025, 9, 30)))
    lanes = figure.layout.meta["lanes"]
    assert link_markers(figure)
    for marker in link_markers(figure):
        assert not -0.5 <= marker.y <= len(lanes) - 0.5


def test_a_filtered_out_linked_event_inside_the_period_is_a_grey_marker(small_graph):
    figure = timeline_figure(query(small_graph, kinds=["statement"]), focus=(dt.date(1940, 1, 1), dt.date(2026, 1, 1)))
    [ghost] = [trace for trace in figure.data if trace.name == FILTERED_OUT_LINKS]
    assert [custom[0] for custom in ghost.customdata] == ["event:old-conference"]
    assert "The old conference (4 Feb 1945)" in ghost.customdata[0][1] and ghost.y[0] < -0.5


def test_the_selected_events_actors_get_the_top_lanes(small_graph):
    figure = timeline_figure(query(small_graph), selected="event:old-conference")
    assert figure.layout.meta["lanes"][:2] == ["alice", "bob"]
    figure = timeline_figure(query(small_graph), selected="event:sanction-package")
    assert figure.layout.meta["lanes"][0] == "freedonia"


def test_each_lane_counts_its_events_before_and_after_the_shown_period(small_graph):
    figure = timeline_figure(query(small_graph), focus=(dt.date(2025, 9, 1), dt.date(2025, 9, 30)))
    lanes = figure.layout.meta["lanes"]
    counts = {lanes[int(m.y)]: (m.text, m.name) for m in figure.layout.annotations if m.name.startswith("period:")}
    assert counts["alice"][0] == "◀2" and counts["bob"][0] == "◀2" and counts["freedonia"][0] == "1▶"
    start, end = counts["freedonia"][1].removeprefix("period:").split("/")
    assert start < "2025-09-01" and "2025-10-22" < end < "2025-11-30", "the click shows the hidden event"
    assert figure.layout.yaxis.ticklabelstandoff >= 7 * len("◀2"), "room for the counts beside the names"


def test_every_kind_has_its_own_filled_colour_and_shape():
    from explorer.figures.style import EVENT_STYLES

    assert len(set(EVENT_STYLES.values())) == len(EVENT_STYLES)
    assert not [symbol for _, symbol in EVENT_STYLES.values() if "open" in symbol or "dot" in symbol]
    talk = [EVENT_STYLES[kind][0] for kind in ("meeting", "talks", "call", "visit", "conference")]

    def rgb(colour):
        return [int(colour[i : i + 2], 16) for i in (1, 3, 5)]

    distances = [math.dist(rgb(x), rgb(y)) for x in talk for y in talk if x < y]
    assert min(distances) > 100, "the five kinds of talk are told apart by colour, not five blues"


def test_kind_legend_shows_filled_shapes_and_fuzzy_dates_open_ones(small_graph, small_dataset):
    figure = timeline_figure(query(small_graph))
    legend = {t.name: t.marker.symbol for t in figure.data if t.legendgroup == "kinds"}
    assert legend == {"conference": "circle", "meeting": "circle", "statement": "diamond", "sanction": "triangle-up"}
    drawn = symbols_by_kind(figure, small_dataset)
    assert drawn["meeting"] == {"circle-open"} and drawn["statement"] == {"diamond"}
    lane_names = [t.name for t in figure.data if t.legendgroup == "actor kinds"]
    assert lane_names == ["person", "state"]
