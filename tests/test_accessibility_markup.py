"""What the page says to assistive technology, from the server: the document's language,
named landmarks, the skip link and live region, the view tabs, readable badge colours."""

from __future__ import annotations

import pytest
from dash import html

from explorer.figures.style import ACTOR_COLORS, EVENT_COLORS, STANCE_COLORS, contrast_ratio, text_color_on
from explorer.web import create_app
from explorer.web.detail import badge, stance_chip
from explorer.web.page import page_layout
from explorer.web.state import VIEWS
from explorer.web.tabs import view_tabs

from .test_web import find_all


@pytest.fixture(scope="module")
def layout(small_dataset):
    return page_layout(small_dataset)


def by_id(layout, element_id: str):
    return next(c for c in find_all(layout, object) if getattr(c, "id", None) == element_id)


def attribute(component, name: str):
    return component.to_plotly_json()["props"].get(name)


def test_the_page_is_in_english(small_dataset):
    page = create_app(small_dataset).server.test_client().get("/").get_data(as_text=True)
    assert '<html lang="en">' in page


def test_the_two_asides_are_named_apart(layout):
    names = [attribute(aside, "aria-label") for aside in find_all(layout, html.Aside)]
    assert names == ["Filters", "Details"]


def test_the_skip_link_comes_first_and_leads_to_the_results(layout):
    links = find_all(layout, html.A)
    assert links[0].children == "Skip to results"
    assert links[0].href == "#results"
    main = find_all(layout, html.Main)[0]
    assert main.id == "results" and main.tabIndex == "-1"


def test_the_live_region_is_polite(layout):
    region = by_id(layout, "announcer")
    assert attribute(region, "aria-live") == "polite"


def test_one_tab_per_view_each_controlling_its_pane(layout):
    tabs = [tab for tab in find_all(layout, html.Button) if getattr(tab, "role", None) == "tab"]
    assert [tab.children for tab in tabs] == [view.capitalize() for view in VIEWS]
    for tab in tabs:
        pane = by_id(layout, attribute(tab, "aria-controls"))
        assert pane.role == "tabpanel" and attribute(pane, "aria-labelledby") == tab.id
    assert by_id(layout, "view-tabs").role == "tablist"


def test_only_the_selected_tab_is_in_the_tab_order():
    tabs = find_all(view_tabs("network"), html.Button)
    assert [(attribute(t, "aria-selected"), t.tabIndex) for t in tabs] == [
        ("true" if view == "network" else "false", 0 if view == "network" else -1) for view in VIEWS
    ]


@pytest.mark.parametrize("color", sorted({*STANCE_COLORS.values(), *EVENT_COLORS.values(), *ACTOR_COLORS.values()}))
def test_text_on_every_badge_colour_reads_at_wcag_aa(color):
    assert contrast_ratio(text_color_on(color), color) >= 4.5


def test_badges_and_stance_chips_set_their_text_colour():
    assert badge("meeting", "#E69F00").style == {"backgroundColor": "#E69F00", "color": "#000000"}
    assert stance_chip("supports").style["color"] == "#ffffff"  # on #2166AC, where #111 read at 3.2:1


def test_contrast_ratio_matches_wcag_examples():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21)
    assert contrast_ratio("#111111", "#2166AC") == pytest.approx(3.2, abs=0.05)
