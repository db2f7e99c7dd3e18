"""A page with no data at all says only that there is nothing to show: no advice about filters."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest

from explorer.web.callbacks import render
from explorer.web.live import AppData, empty_dataset

from .test_web import texts


@pytest.fixture(scope="module")
def no_data():
    return AppData.from_dataset(empty_dataset("never-valid.yaml"))


def drawn_texts(figure) -> str:
    """The annotations' texts of a figure, whether sent as a Figure or as a dict."""
    return " ".join(annotation.text for annotation in go.Figure(figure).layout.annotations)


@pytest.mark.parametrize("view", ["timeline", "network", "positions"])
def test_each_view_of_data_without_events_says_nothing_to_show(no_data, view):
    page = render(f"?view={view}", no_data)
    assert not [text for text in texts(page.notices) if "match" in text], "no advice to change the filters"
    shown = getattr(page, view)
    assert "Nothing to show" in drawn_texts(shown) and "filter" not in drawn_texts(shown)
    if view == "positions":
        assert page.stance_timeline["layout"]["height"] == 10, "no second, empty chart under the matrix"


def test_filters_that_match_nothing_still_say_so(small_dataset):
    page = render("?q=nowhere-to-be-found", AppData.from_dataset(small_dataset))
    assert "No events match these filters. " in texts(page.notices)
    assert "No events match these filters" in drawn_texts(page.timeline)
