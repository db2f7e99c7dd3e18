"""The time cursor on the positions view's "Stances … over time" chart: the page's figure
records the day, which the browser marks over the plot as on the timeline (see
tests/browser/test_stance_timeline_cursor_browser.py); a figure drawn with its marks
(explorer.figures.as_of.mark_time_axis, as exports draw the timeline) carries them as shapes."""

from __future__ import annotations

import datetime as dt

from explorer import load
from explorer.figures.as_of import CURSOR_LINE, CURSOR_VEIL, mark_time_axis
from explorer.figures.common import empty_dict
from explorer.web.callbacks import render
from explorer.web.live import AppData

from .conftest import CURATED


def marks(layout) -> dict[str, dict]:
    return {
        shape["name"]: shape for shape in layout.get("shapes", ()) if shape.get("name") in (CURSOR_LINE, CURSOR_VEIL)
    }


def test_the_stance_timeline_records_the_day_for_the_browser_to_mark():
    page = render("?view=positions&asof=2024-06-30", AppData.from_dataset(load(CURATED)))
    layout = page.stance_timeline["layout"]
    assert layout["meta"]["asof"] == {"day": "2024-06-30", "window": None}
    # No shapes to move: moving them (a relayout) made dcc.Graph draw the figure again, whole.
    assert not marks(layout)


def test_marks_drawn_into_a_figure_line_the_end_of_the_day_and_veil_what_follows():
    page = render("?view=positions", AppData.from_dataset(load(CURATED)))
    layout = mark_time_axis(page.stance_timeline, dt.date(2024, 6, 30))["layout"]
    drawn = marks(layout)
    assert drawn[CURSOR_LINE]["x0"] == drawn[CURSOR_LINE]["x1"] == "2024-07-01"  # the end of the day
    assert drawn[CURSOR_VEIL]["x0"] == "2024-07-01"
    assert str(drawn[CURSOR_VEIL]["x1"]) == str(layout["xaxis"]["range"][1]), "the veil reaches the axis's end"
    assert drawn[CURSOR_VEIL]["yref"] == "paper" and drawn[CURSOR_VEIL]["layer"] == "above"


def test_without_a_cursor_the_stance_timeline_has_no_marks():
    page = render("?view=positions", AppData.from_dataset(load(CURATED)))
    assert not marks(page.stance_timeline["layout"])


def test_marks_go_on_a_figure_sent_as_a_dict_and_keep_its_shapes():
    figure = {"data": [], "layout": {"xaxis": {"range": ["2020-01-01", "2021-01-01"]}, "shapes": [{"type": "line"}]}}
    marked = mark_time_axis(figure, dt.date(2020, 5, 1), window=30)
    assert len(marked["layout"]["shapes"]) == 3
    assert marks(marked["layout"])[CURSOR_VEIL]["x1"] == "2021-01-01"
    assert marked["layout"]["meta"]["asof"] == {"day": "2020-05-01", "window": 30}


def test_an_empty_chart_gets_no_marks():
    assert not mark_time_axis(empty_dict("nothing"), dt.date(2020, 5, 1))["layout"].get("shapes")
