"""The gap-compressing time scale: which stretches are cut, where dates fall in pixels, and
tick labels that name their dates on each side of every cut."""

from __future__ import annotations

import datetime as dt
import doctest

from explorer import build_graph, load, query
from explorer.figures import time_scale
from explorer.figures.time_scale import PixelScale, calendar_ticks, empty_stretches
from explorer.figures.timeline import timeline_figure
from explorer.web.state import PageState, format_search, parse_search

from .axis_labels import label_problem
from .conftest import CURATED


def test_the_docstring_examples_hold():
    assert doctest.testmod(time_scale).failed == 0


def test_empty_decades_are_cut_and_busy_years_kept():
    events = [(dt.date(1945, 2, 4), dt.date(1945, 2, 11)), (dt.date(2014, 3, 18), dt.date(2014, 3, 18))]
    events += [(dt.date(2022 + i, 1, 1), dt.date(2022 + i, 6, 1)) for i in range(4)]
    gaps = empty_stretches(events)
    assert len(gaps) == 2
    assert dt.date(1945, 2, 11) < gaps[0][0] < gaps[0][1] < dt.date(2014, 3, 18)
    assert dt.date(2014, 3, 18) < gaps[1][0] < gaps[1][1] < dt.date(2022, 1, 1)


def test_pixels_skip_the_cut_and_come_back():
    cut = (dt.datetime(1946, 1, 1), dt.datetime(2014, 1, 1))
    scale = PixelScale(dt.datetime(1945, 1, 1), dt.datetime(2015, 1, 1), 200, [cut])
    assert scale.to_px(cut[0]) == scale.to_px(cut[1]) == 100
    assert scale.to_moment(150) == dt.datetime(2014, 7, 2, 12)


def test_ticks_name_their_dates_on_each_side_of_a_cut():
    cut = (dt.datetime(1945, 6, 1), dt.datetime(2025, 1, 1))
    scale = PixelScale(dt.datetime(1945, 1, 1), dt.datetime(2026, 1, 1), 900, [cut])
    values, labels = calendar_ticks(scale)
    moments = [dt.datetime.fromisoformat(value) for value in values]
    assert any(m < cut[0] for m in moments) and any(m > cut[1] for m in moments)
    assert [label_problem(m, text) for m, text in zip(moments, labels, strict=True)] == [None] * len(labels)


def test_the_compressed_timeline_has_breaks_marks_and_lives_in_the_url():
    view = query(build_graph(load(CURATED)))
    figure = timeline_figure(view, compress_gaps=True)
    assert figure.layout.xaxis.rangebreaks and figure.layout.xaxis2.rangebreaks == figure.layout.xaxis.rangebreaks
    assert [a for a in figure.layout.annotations if a.text.startswith("⫽")]
    assert figure.layout.xaxis.range[0] < "1945-02-04", "it opens on everything, 1945 included"
    state, _ = parse_search(format_search(PageState(compress=True)), view.dataset)
    assert state.compress and format_search(state) == "?scale=compressed"


def test_a_short_stretch_before_a_cut_still_names_its_month():
    cut = (dt.datetime(1945, 6, 1), dt.datetime(2025, 1, 1))
    scale = PixelScale(dt.datetime(1945, 1, 20), dt.datetime(2026, 1, 1), 400, [cut])
    values, labels = calendar_ticks(scale)
    assert values[0] < "1945-06-01" and labels[0].endswith("1945")
