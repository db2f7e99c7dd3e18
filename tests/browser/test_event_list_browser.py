"""The List view in Chromium: the grid draws under the CSP, sorts, searches, scrolls a long
list a block at a time, selects events everywhere, and downloads what it lists."""

from __future__ import annotations

import csv

import pytest

from explorer import build_graph, load
from explorer.event_table import listed_csv, listed_rows, parse_sort
from explorer.generate import generate, write
from explorer.graph import Filters, query_filters
from explorer.web import create_app

from .conftest import LiveServer
from .pages import TIMEOUT, detail_title, open_page, shot, wait_for_search, wait_idle

pytestmark = pytest.mark.browser

GRID = "#event-list"
RECORD_VIOLATIONS_JS = """(() => {
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective));
})()"""
# The rows the grid shows, in its order: [row index, event id, date, title, …, sources].
SHOWN_ROWS_JS = """() => Array.from(
  document.querySelectorAll('#event-list .ag-center-cols-container .ag-row[row-index]'))
  .filter((row) => row.getAttribute('row-id'))
  .sort((a, b) => a.getAttribute('row-index') - b.getAttribute('row-index'))
  .map((row) => [Number(row.getAttribute('row-index')), row.getAttribute('row-id'),
     ...['date', 'title', 'kind', 'actors', 'place', 'sources'].map(
       (col) => row.querySelector(`[col-id=${col}]`).innerText)])"""


def open_list(page, url: str) -> None:
    page.goto(url)
    # A session's first page also waits for its assets to be compressed (Plotly is 4.8 MB).
    page.wait_for_selector(f"{GRID} .ag-row[row-id]", state="attached", timeout=4 * TIMEOUT)
    wait_idle(page)


def shown_rows(page) -> list[list]:
    return page.evaluate(SHOWN_ROWS_JS)


def first_ids(page, count: int = 5) -> list[str]:
    return [row[1] for row in shown_rows(page)[:count]]


def listed_ids(view, sort: str = "date:asc", search: str = "") -> list[str]:
    return [row.id for row in listed_rows(view, parse_sort(sort, search))]


@pytest.fixture(scope="module")
def curated_view(curated):
    return query_filters(curated[1], Filters())


def test_the_list_draws_under_the_csp_with_its_columns(page, server, curated_view):
    page.add_init_script(RECORD_VIOLATIONS_JS)
    response = page.goto(f"{server.url}?view=list")
    assert "default-src 'self'" in response.headers["content-security-policy"]
    open_list(page, f"{server.url}?view=list")
    headers = page.eval_on_selector_all(f"{GRID} .ag-header-cell-text", "cells => cells.map(c => c.innerText)")
    assert headers == ["Date", "Title", "Kind", "Actors", "Place", "Sources"]
    rows = shown_rows(page)
    expected = listed_rows(curated_view)
    assert [row[1] for row in rows] == [row.id for row in expected[: len(rows)]]
    first = expected[0].cells()
    assert rows[0][2:] == [str(first[key]) for key in ("date", "title", "kind", "actors", "place", "sources")]
    assert page.inner_text("#list-count") == f"{len(expected)} events listed"
    assert page.get_attribute(f"{GRID} [role=grid]", "aria-rowcount") == str(len(expected) + 1)  # with the header
    assert page.evaluate("window.__violations") == []
    grid = page.locator(GRID).bounding_box()
    last_header = page.locator(f"{GRID} .ag-header-cell[col-id=sources]").bounding_box()
    assert last_header["x"] + last_header["width"] <= grid["x"] + grid["width"] + 1  # no column off to the side
    shot(page, "list-1280")


def test_a_header_click_sorts_and_the_url_keeps_it(page, server, curated_view):
    open_list(page, f"{server.url}?view=list")
    page.click(f"{GRID} .ag-header-cell[col-id=title] .ag-header-cell-label")
    wait_for_search(page, "s.includes('sort=title%3Aasc')")
    page.wait_for_function(
        f"() => document.querySelector('{GRID} .ag-row[row-index=\"0\"]')?.getAttribute('row-id') "
        f"=== {listed_ids(curated_view, 'title:asc')[0]!r}",
        timeout=TIMEOUT,
    )
    assert first_ids(page) == listed_ids(curated_view, "title:asc")[:5]
    page.click(f"{GRID} .ag-header-cell[col-id=title] .ag-header-cell-label")
    wait_for_search(page, "s.includes('sort=title%3Adesc')")
    page.wait_for_timeout(300)
    assert first_ids(page) == listed_ids(curated_view, "title:desc")[:5]
    assert page.get_attribute(f"{GRID} .ag-header-cell[col-id=title]", "aria-sort") == "descending"


def test_a_link_with_a_sort_and_search_opens_the_list_so(page, server, curated_view):
    open_list(page, f"{server.url}?view=list&sort=sources:desc&search=russia%20talks")
    assert page.input_value("#list-search") == "russia talks"
    assert page.get_attribute(f"{GRID} .ag-header-cell[col-id=sources]", "aria-sort") == "descending"
    expected = listed_ids(curated_view, "sources:desc", "russia talks")
    assert [row[1] for row in shown_rows(page)] == expected
    assert page.inner_text("#list-count") == f"{len(expected)} events listed"


def test_the_search_box_narrows_the_list_and_writes_the_url(page, server, curated_view):
    open_list(page, f"{server.url}?view=list")
    page.fill("#list-search", "anchorage")
    wait_for_search(page, "s.includes('search=anchorage')")
    expected = listed_ids(curated_view, search="anchorage")
    page.wait_for_function(f"() => document.querySelector('#list-count').innerText === '{len(expected)} events listed'")
    page.wait_for_timeout(300)
    assert [row[1] for row in shown_rows(page)] == expected
    assert 0 < len(expected) < 10


def test_selecting_a_row_selects_the_event_everywhere(page, server, curated):
    dataset, _ = curated
    open_list(page, f"{server.url}?view=list&sort=sources:desc")
    row = shown_rows(page)[2]
    page.click(f"{GRID} .ag-row[row-id={row[1]!r}] [col-id=title]")
    wait_for_search(page, f"s.includes('selected=event%3A{row[1]}')")
    assert detail_title(page) == dataset.event_by_id[row[1]].title
    assert page.get_attribute(f"{GRID} .ag-center-cols-container .ag-row[row-id={row[1]!r}]", "aria-selected") == "true"
    page.click(".view-tab:has-text('Timeline')")
    wait_for_search(page, "!s.includes('view=list')")
    page.wait_for_selector("#timeline .main-svg", timeout=TIMEOUT)
    wait_idle(page)
    assert f"selected=event%3A{row[1]}" in page.evaluate("location.search")
    assert detail_title(page) == dataset.event_by_id[row[1]].title
    rings = page.evaluate(  # the timeline rings the selected event in each of its lanes
        "() => document.querySelector('#timeline .js-plotly-plot').data.filter((t) => t.name === 'selected')"
        ".map((t) => t.x.length)"
    )
    assert rings and rings[0] == len(dataset.event_by_id[row[1]].actors)


def test_a_selection_made_elsewhere_is_selected_in_the_list(page, server):
    open_page(page, f"{server.url}?selected=event:alaska-summit-2025")  # the timeline: the list is hidden
    page.click(".view-tab:has-text('List')")
    wait_for_search(page, "s.includes('view=list')")
    selected = f"{GRID} .ag-center-cols-container .ag-row[row-id='alaska-summit-2025'][aria-selected=true]"
    page.wait_for_selector(selected, timeout=TIMEOUT)  # scrolled to, and marked
    assert "selected=event%3Aalaska-summit-2025" in page.evaluate("location.search")


def test_the_keyboard_walks_the_rows_and_enter_selects(page, server, curated_view):
    open_list(page, f"{server.url}?view=list")
    page.click("#list-search")
    page.keyboard.press("Tab")  # to the Download button
    page.keyboard.press("Tab")  # into the grid: the first header
    assert page.evaluate("document.activeElement.closest('#event-list') !== null")
    for _ in range(4):
        page.keyboard.press("ArrowDown")  # header → rows 0, 1, 2, 3
    page.keyboard.press("Enter")
    fourth = listed_ids(curated_view)[3]
    wait_for_search(page, f"s.includes('selected=event%3A{fourth}')")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Space")
    wait_for_search(page, f"s.includes('selected=event%3A{listed_ids(curated_view)[4]}')")


def test_the_csv_download_is_what_is_listed(page, server, curated_view, tmp_path):
    open_list(page, f"{server.url}?view=list&kind=meeting&kind=talks&sort=actors:desc&search=ukraine")
    with page.expect_download(timeout=60_000) as info:
        page.click("#list-csv")
    file = info.value
    assert file.suggested_filename.endswith(".csv") and "-list-" in file.suggested_filename
    path = tmp_path / file.suggested_filename
    file.save_as(path)
    view = query_filters(curated_view.full_graph, Filters(kinds=("meeting", "talks")))
    order = parse_sort("actors:desc", "ukraine")
    assert path.read_bytes().decode() == listed_csv(listed_rows(view, order))
    table = list(csv.reader(path.open(encoding="utf-8", newline="")))
    assert [cells for cells in table[1:]] == [row[2:] for row in shown_rows(page)]
    assert len(table) > 3


@pytest.fixture(scope="module")
def long_list(tmp_path_factory):
    path = tmp_path_factory.mktemp("long") / "events.yaml"
    write(generate(3000, seed=11), path)
    dataset = load(path, max_bytes=2**31)
    live = LiveServer(create_app(dataset))
    yield live, query_filters(build_graph(dataset), Filters())
    live.stop()


def test_a_long_list_loads_a_block_at_a_time_as_it_scrolls(page, long_list):
    live, view = long_list
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.post_data or "") if "_dash-update-component" in r.url else None)
    open_list(page, f"{live.url}?view=list&sort=title:asc")
    in_page = len(page.eval_on_selector_all(f"{GRID} .ag-center-cols-container .ag-row", "rows => rows"))
    assert 0 < in_page < 120  # the rows in sight and a buffer, not 3,000
    expected = listed_ids(view, "title:asc")
    page.eval_on_selector(f"{GRID} .ag-body-viewport", "(el) => { el.scrollTop = el.scrollHeight; }")
    page.wait_for_selector(f"{GRID} .ag-row[row-index='{len(expected) - 1}'][row-id]", timeout=TIMEOUT)
    wait_idle(page)
    page.eval_on_selector(f"{GRID} .ag-body-viewport", "(el) => { el.scrollTop = el.scrollHeight; }")
    page.wait_for_timeout(500)
    rows = shown_rows(page)
    assert [row[1] for row in rows] == [expected[row[0]] for row in rows]
    assert rows[-1][0] == len(expected) - 1
    blocks = [body for body in requests if "getRowsRequest" in body]
    assert 2 <= len(blocks) <= 10  # the first block and the last, not every block between
    shot(page, "list-long-scrolled")


def test_the_list_at_1920(browser, server, tmp_path):
    context = browser.new_context(viewport={"width": 1920, "height": 1080})
    try:
        page = context.new_page()
        open_list(page, f"{server.url}?view=list&selected=event:alaska-summit-2025")
        box = page.locator(f"{GRID}").bounding_box()
        assert box["height"] > 700 and box["width"] > 1000
        page.screenshot(path=str(tmp_path / "list-1920.png"))
    finally:
        context.close()
