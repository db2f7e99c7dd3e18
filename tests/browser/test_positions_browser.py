"""The stance tracker and analogy links, in a real browser."""

from __future__ import annotations

import pytest

from .pages import choose_option, click_node, detail_title, open_page, shot, wait_for_search

pytestmark = pytest.mark.browser

NATO = "ukraine-nato-membership"


def test_positions_view_filtered_to_russia_and_the_us_opens_the_nato_statements(page, server, curated):
    dataset, _ = curated
    open_page(page, f"{server.url}?view=positions", graph="positions")
    choose_option(page, "actors", "Russia", "Russia")
    wait_for_search(page, "s.includes('actor=russia')")
    choose_option(page, "actors", "United States", "United States")
    wait_for_search(page, "s.includes('actor=united-states')")
    rows = page.evaluate("document.querySelector('#positions .js-plotly-plot').layout.meta.actors")
    assert rows == ["russia", "united-states"]
    click_node(page, "positions", f"stance:united-states/{NATO}")
    wait_for_search(page, f"s.includes('selected=stance%3Aunited-states%2F{NATO}')")
    assert detail_title(page) == f"United States on {dataset.topic_by_id[NATO].name}"
    statements = [p for p in dataset.positions if p.actor == "united-states" and p.topic == NATO]
    panel = page.inner_text("#detail")
    assert f"statements ({len(statements)})" in panel.casefold()
    for statement in statements:
        assert statement.date.describe() in panel
    topic_title = page.evaluate("document.querySelector('#stance-timeline .js-plotly-plot').layout.title.text")
    assert dataset.topic_by_id[NATO].name in topic_title
    shot(page, "positions")


def test_the_positions_view_lives_in_the_url(page, server):
    open_page(page, f"{server.url}?view=positions&topic={NATO}", graph="positions")
    assert page.evaluate("document.querySelector('#positions .js-plotly-plot').layout.meta.topics") == [NATO]
    page.click("#view-tabs >> text=Timeline")
    wait_for_search(page, "!s.includes('view=positions')")
    page.go_back()
    wait_for_search(page, "s.includes('view=positions')")
    assert page.is_visible("#positions-pane")


# The drawn boxes of the matrix and of the stance chart below it.
POSITIONS_BOXES_JS = """() => {
  const box = (id) => {
    const gd = document.querySelector('#' + id + ' .js-plotly-plot');
    const r = gd.querySelector('.main-svg').getBoundingClientRect();
    return {top: r.top, bottom: r.bottom, height: r.height, drawn: gd.getBoundingClientRect().height};
  };
  return {matrix: box('positions'), chart: box('stance-timeline')};
}"""


def test_opening_the_positions_tab_always_lays_the_matrix_out_above_the_chart(page, server):
    """The matrix once came out 0 px tall (drawn while its pane was hidden), with the stance
    chart over it, in about half the openings at 1280 px."""
    open_page(page, server.url)
    for opening in range(20):
        page.click("#view-tabs >> text=Positions")
        wait_for_search(page, "s.includes('view=positions')")
        boxes = page.evaluate(POSITIONS_BOXES_JS)
        matrix, chart = boxes["matrix"], boxes["chart"]
        if opening == 0:
            shot(page, "positions-opened")
        assert matrix["drawn"] > 300 and matrix["height"] == pytest.approx(matrix["drawn"], abs=1), (opening, boxes)
        assert chart["drawn"] > 100 and chart["top"] >= matrix["bottom"] - 1, (opening, boxes)
        page.click("#view-tabs >> text=Timeline")
        wait_for_search(page, "!s.includes('view=positions')")
