"""The List view's URL state and its server answers, as plain functions (no browser)."""

from __future__ import annotations

import base64

import pytest
from dash import no_update

from explorer.event_table import listed_csv, listed_rows, parse_sort
from explorer.graph import query_filters
from explorer.web import AppData
from explorer.web.event_list import (
    every_row,
    grid_sort,
    list_csv,
    listed,
    listing_key,
    request_order,
    rows_block,
    sort_state,
    state_from_list,
)
from explorer.web.state import PageState, format_search, parse_search


@pytest.fixture(scope="module")
def data(small_dataset):
    return AppData.from_dataset(small_dataset, with_layout=False)


def test_sort_and_search_round_trip_through_the_url(small_dataset):
    state = PageState(view="list", list_sort="title:desc", list_search="summer", text="truce")
    search = format_search(state)
    assert "sort=title%3Adesc" in search and "search=summer" in search and "q=truce" in search
    assert parse_search(search, small_dataset) == (state, [])
    assert "sort" not in format_search(PageState(view="list"))  # the default is left out


def test_an_unknown_sort_in_the_link_is_dropped_with_a_warning(small_dataset):
    state, warnings = parse_search("?view=list&sort=colour:asc", small_dataset)
    assert state.list_sort == "date:asc"
    assert any("no column “colour”" in warning for warning in warnings)


def test_a_block_request_gets_those_rows_and_the_count(data):
    search = "?view=list&sort=title:asc"
    answer = rows_block({"startRow": 1, "endRow": 3, "sortModel": []}, search, data)
    titles = [row["title"] for row in answer["rowData"]]
    assert titles == ["A statement comparing things", "A summer meeting"]
    assert answer["rowCount"] == 4
    assert set(answer["rowData"][0]) == {"id", "date", "title", "kind", "actors", "place", "sources"}


def test_the_grids_sort_wins_over_the_urls_and_the_search_is_the_urls(data):
    search = "?view=list&sort=title:asc&search=a"
    request = {"startRow": 0, "endRow": 100, "sortModel": [{"colId": "date", "sort": "desc"}]}
    answer = rows_block(request, search, data)
    assert [row["id"] for row in answer["rowData"]] == [
        "sanction-package",
        "the-statement",
        "summer-meeting",
        "old-conference",
    ]
    state, _ = parse_search(search, data.dataset)
    assert request_order({"sortModel": [{"colId": "bogus", "sort": "asc"}]}, state) == parse_sort("title:asc", "a")


def test_no_rows_are_sent_while_another_view_is_shown(data):
    assert rows_block({"startRow": 0, "endRow": 100}, "?view=timeline", data) == {"rowData": [], "rowCount": 0}
    assert rows_block(None, "?view=list", data) is no_update


def test_grid_actions_become_url_state():
    state = PageState(view="list")
    assert state_from_list(state, "list-search", "  yalta ").list_search == "yalta"
    sorted_state = state_from_list(
        state, "columnState", [{"colId": "kind", "sort": None}, {"colId": "place", "sort": "desc"}]
    )
    assert sorted_state.list_sort == "place:desc"
    assert state_from_list(state, "columnState", [{"colId": "kind", "sort": None}]) == state  # not sorted yet
    assert state_from_list(state, "selectedRows", [{"id": "summer-meeting"}]).selected == "event:summer-meeting"
    assert state_from_list(state, "selectedRows", []) == state


def test_url_sort_becomes_the_grids_column_state():
    column_state = sort_state("sources:desc")
    assert grid_sort(column_state) == "sources:desc"
    assert [column["sort"] for column in column_state].count(None) == 5


def test_the_rows_are_asked_again_only_when_filters_or_search_change(small_dataset):
    base = PageState(view="list", kinds=("meeting",))
    assert listing_key(base.with_changes(view="timeline")) is None
    assert listing_key(base) == listing_key(base.with_changes(selected="event:summer-meeting", list_sort="title:asc"))
    assert listing_key(base) != listing_key(base.with_changes(list_search="x"))
    assert listing_key(base) != listing_key(base.with_changes(kinds=()))


def test_the_download_is_the_listed_csv(data):
    search = "?view=list&kind=meeting&kind=statement&sort=title:desc"
    download = list_csv(search, data)
    state, _ = parse_search(search, data.dataset)
    view = query_filters(data.graph, state.filters())
    assert download["filename"].endswith(".csv") and "-list-" in download["filename"]
    content = base64.b64decode(download["content"]).decode()
    assert content == listed_csv(listed_rows(view, parse_sort("title:desc")))
    assert content.splitlines()[1].startswith("Aug 2025,A summer meeting")


def test_only_the_served_versions_listings_are_kept(small_dataset):
    old, new = (AppData.from_dataset(small_dataset, with_layout=False) for _ in range(2))
    every = PageState().filters()
    first = listed(old.graph, every, parse_sort("title"))
    assert listed(old.graph, every, parse_sort("title")) is first  # kept
    listed(new.graph, every, parse_sort("title"))
    assert every_row.cache_info().currsize == 1
    assert listed(old.graph, every, parse_sort("title")) is not first  # the old version was forgotten
