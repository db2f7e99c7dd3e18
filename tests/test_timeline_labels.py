"""Placing event titles beside their markers, and gathering dense markers into clusters."""

from __future__ import annotations

import datetime as dt

from explorer import build_graph, load, query
from explorer.figures.timeline import TITLES, timeline_figure
from explorer.figures.timeline_labels import CHAR_PX, Cluster, Label, Mark, find_clusters, place_labels

from .conftest import CURATED


def test_a_title_ends_before_the_next_marker_and_is_shortened_to_fit():
    marks = [Mark(0, "a", "A very long title about a summit in Alaska"), Mark(120, "b", "Call"), Mark(125, "c", "Talk")]
    label, *others = place_labels(marks, 1000)
    assert label.event_id == "a" and label.text.endswith("…")
    assert [other.event_id for other in others] == ["c"], "no room for b's title before c's marker"
    assert len(label.text) * CHAR_PX <= 120, "the label stops before the next marker"


def test_a_title_is_shown_once_for_an_event_in_several_lanes_and_never_past_the_edge():
    assert place_labels([Mark(10, "a", "Summit", is_labelled_here=False)], 500) == []
    assert place_labels([Mark(480, "a", "Summit in Alaska")], 500) == []
    assert place_labels([Mark(350, "a", "Summit in Alaska")], 500) == [Label("a", "Summit in Alaska")]


def test_markers_closer_than_a_marker_gather_into_a_cluster():
    marks = [Mark(x, str(x), "t") for x in (100, 105, 111, 115, 300, 304)]
    assert find_clusters(marks, 1000) == [Cluster(4, 100, 115)]


def test_the_timeline_names_its_events_and_clusters_zoom_on_click(small_graph):
    figure = timeline_figure(query(small_graph), focus=(dt.date(2025, 7, 1), dt.date(2025, 11, 30)), plot_width=900)
    [titles] = [trace for trace in figure.data if trace.name == TITLES]
    assert "A statement comparing things" in " ".join(titles.text)


def test_dense_markers_get_a_cluster_badge_that_zooms_on_click():
    view = query(build_graph(load(CURATED)), actors=["kirill-dmitriev"])
    crowded = timeline_figure(view, focus=(dt.date(1900, 1, 1), dt.date(2100, 1, 1)), plot_width=300)
    badges = [a for a in crowded.layout.annotations if a.text.startswith("+")]
    assert badges and all(a.name.startswith("period:") for a in badges)
    dmitriev = crowded.layout.meta["lanes"].index("kirill-dmitriev")
    [badge] = [a for a in badges if a.y == dmitriev]
    assert int(badge.text[1:]) >= 10
    start, end = badge.name.removeprefix("period:").split("/")
    assert start < "2025-08-01" and end > "2025-10-01", "the zoom keeps the cluster's events"
    assert int(end[:4]) - int(start[:4]) < 50, "and zooms in far from the 200 years shown"
