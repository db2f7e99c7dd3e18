"""Callbacks as plain functions: URL state, the state reducer, rendering, zoom markers."""

from __future__ import annotations

import datetime as dt

import plotly.graph_objects as go
import pytest
from dash import Patch, html, no_update

from explorer.figures.timeline import TITLES
from explorer.web import AppData, create_app
from explorer.web.callbacks import controls_for, next_state, render
from explorer.web.state import PageState, format_search, parse_search
from explorer.web.timeline_zoom import refined_timeline

BOUNDS = (1945, 2025)


@pytest.fixture(scope="module")
def data(small_dataset):
    return AppData.from_dataset(small_dataset)


def texts(component) -> list[str]:
    """Every string inside a Dash component tree."""
    if isinstance(component, str):
        return [component]
    if isinstance(component, list | tuple):
        return [t for child in component for t in texts(child)]
    children = getattr(component, "children", None)
    return texts(children) if children is not None else []


def find_all(component, kind) -> list:
    found = [component] if isinstance(component, kind) else []
    children = component if isinstance(component, list | tuple) else getattr(component, "children", None)
    if isinstance(children, list | tuple):
        for child in children:
            found += find_all(child, kind)
    elif children is not None and not isinstance(children, str):
        found += find_all(children, kind)
    return found


def test_state_round_trips_through_the_url(small_dataset):
    state = PageState(
        limit=1500,
        actors=("alice", "bob"),
        start="2025-08-15",
        end="2025-09",
        kinds=("meeting",),
        topics=("ceasefire",),
        text="peace near",
        view="network",
        selected="event:summer-meeting",
        hops=2,
        hide=True,
    )
    search = format_search(state)
    assert search.startswith("?actor=alice&actor=bob&from=2025-08-15&to=2025-09") and "nodes=1500" in search
    assert parse_search(search, small_dataset) == (state, [])


def test_the_bare_page_is_the_default_state(small_dataset):
    assert format_search(PageState()) == ""
    assert parse_search("", small_dataset) == (PageState(), [])


def test_unknown_things_in_a_link_are_dropped_with_a_warning(small_dataset):
    state, warnings = parse_search("?actor=alice&actor=nobody&from=2025-13&selected=event:gone&view=map", small_dataset)
    assert state == PageState(actors=("alice",))
    assert len(warnings) == 4
    assert any("unknown actor “nobody”" in w for w in warnings)


def test_next_state_for_each_control():
    state = PageState(actors=("alice",), start="2025", selected="event:x")
    assert next_state(state, "actors", ["bob"], BOUNDS).actors == ("bob",)
    assert next_state(state, "kinds", ["call", "meeting"], BOUNDS).kinds == ("call", "meeting")
    assert next_state(state, "text", "  truce ", BOUNDS).text == "truce"
    assert next_state(state, "dates.start_date", "2025-08-15", BOUNDS).start == "2025-08-15"
    assert next_state(state, "dates.end_date", None, BOUNDS).end is None
    assert next_state(state, "years", [1945, 2025], BOUNDS).start is None
    years = next_state(state, "years", [2014, 2022], BOUNDS)
    assert (years.start, years.end) == ("2014", "2022")
    assert next_state(state, "view", "network", BOUNDS).view == "network"
    assert next_state(state, "hops", 2, BOUNDS).hops == 2
    assert next_state(state, "limit", "all", BOUNDS).limit is None
    assert next_state(state, "limit", "5000", BOUNDS).limit == 5000
    assert next_state(state, "reset", 1, BOUNDS) == PageState(selected="event:x")
    assert next_state(state, "clear", 1, BOUNDS).selected is None


def test_clicks_select_nodes():
    state = PageState()
    click = {"points": [{"customdata": ["event:summer-meeting", "hover"]}]}
    assert next_state(state, "timeline.click", click, BOUNDS).selected == "event:summer-meeting"
    assert next_state(state, "network.click", {"points": [{"x": 1}]}, BOUNDS) is None
    annotation = {"index": 0, "annotation": {"name": "goto:event:old-conference"}}
    assert next_state(state, "timeline.annotation", annotation, BOUNDS).selected == "event:old-conference"
    button = {"type": "select", "node": "actor:bob"}
    assert next_state(state, button, 1, BOUNDS).selected == "actor:bob"
    assert next_state(state, button, 0, BOUNDS) is None, "a button appearing is not a click"


def test_only_changed_controls_are_sent():
    from dash import no_update

    from explorer.web.callbacks import changed_controls

    wanted = controls_for(PageState(actors=("a",), start="2025"), BOUNDS)
    current = (
        ["a"],
        None,
        None,
        [1945, 2025],
        None,
        [],
        None,
        "timeline",
        0,
        0,
        "400",
        "degree",
        "kind",
        "events",
        None,
    )
    sent = changed_controls(wanted, current, "actors")
    assert sent[1:4] == ["2025-01-01", no_update, [2025, 2025]]
    assert all(value is no_update for i, value in enumerate(sent) if i not in (1, 3))


def test_controls_show_the_state():
    controls = controls_for(PageState(actors=("a",), start="2025-08", end="2025"), BOUNDS)
    assert (controls.start_date, controls.end_date, controls.years) == ("2025-08-01", "2025-12-31", [2025, 2025])


def test_render_counts_and_draws_only_the_active_view(data):
    page = render("?actor=bob", data)
    assert page.counts.startswith("2 of 4 events · 2 of 3 actors")
    assert page.timeline is not None and page.network is None
    assert page.network_style == {"display": "none"}
    network_page = render("?actor=bob&view=network", data)
    assert network_page.network is not None and network_page.timeline is None


def test_render_empty_state(data):
    page = render("?q=nothing+like+this", data)
    assert page.counts.startswith("0 of 4 events")
    assert any("No events match these filters" in t for t in texts(page.notices))


def test_render_detail_of_an_event(data):
    page = render("?selected=event:old-conference", data)
    strings = texts(page.detail)
    assert "The old conference" in strings and "Livadia Palace" in strings
    assert any("Bob Sample" in s for s in strings)
    assert "Compared to it by" in strings, "the analogy is listed from the far side too"


def test_only_http_sources_become_links_and_open_safely():
    from explorer.model import Source
    from explorer.web.detail import source_item

    safe = find_all(source_item(Source(title="ok", url="https://example.org/a")), html.A)
    assert [(a.href, a.target, a.rel) for a in safe] == [("https://example.org/a", "_blank", "noopener noreferrer")]
    for url in ("javascript:alert(1)", "data:text/html,<script>alert(1)</script>", " JAVASCRIPT:x"):
        assert not find_all(source_item(Source(title="bad", url=url)), html.A)


def test_a_period_in_the_url_is_drawn_and_the_figure_names_the_state_it_shows(data):
    search = "?kind=statement&period=2025-06-01T06%3A30%2F2025-12-31"
    state, warnings = parse_search(search, data.dataset)
    assert state.period == ("2025-06-01T06:30", "2025-12-31") and not warnings
    figure = go.Figure(render(search, data).timeline)
    assert list(figure.layout.xaxis.range) == ["2025-06-01T06:30", "2025-12-31"]
    assert [m.name for m in figure.layout.annotations if m.name.startswith("goto:")] == ["goto:event:old-conference"]
    assert figure.layout.meta["search"] == search, "the page's scripts compare it with the URL"


def test_the_figure_says_which_periods_show_everything_and_open_the_page(data):
    meta = render("?actor=bob&period=2025-06-01%2F2025-07-01", data).timeline["layout"]["meta"]
    assert meta["whole"] == ["1945-02-04", "2025-09-01"], "the 'all' button shows every filtered event"
    assert meta["home"] == render("?actor=bob", data).timeline["layout"]["meta"]["focus"], "the back button returns"


def test_after_a_zoom_the_server_sends_only_titles_and_annotations(data):
    drawn = go.Figure(render("?kind=statement", data).timeline)
    search = "?kind=statement&period=1945-01-01%2F1945-03-01"
    request = {"search": search, "width": 900, "key": drawn.layout.meta["key"]}
    patch, hint = refined_timeline(request, search, 900, data)
    assert isinstance(patch, Patch) and hint == [], "two months of 1945 are not too full to draw"
    changed = {tuple(op["location"]) for op in patch.to_plotly_json()["operations"]}
    assert ("layout", "annotations") in changed and ("layout", "meta") in changed
    titles = next(i for i, trace in enumerate(drawn.data) if trace.name == TITLES)
    assert {location[:2] for location in changed if location[0] == "data"} == {("data", titles)}
    assert not any(location[:2] == ("layout", "xaxis") for location in changed), "the page shows the range already"
    zoomed = go.Figure(render(search, data, 900).timeline)
    assert patch.to_plotly_json()["operations"][0]["params"]["value"] == list(zoomed.data[titles].x)


def test_a_detail_request_for_other_events_gets_the_whole_figure_and_a_stale_one_nothing(data):
    search = "?kind=statement&period=1945-01-01%2F1945-03-01"
    request = {"search": search, "width": 900, "key": "drawn-from-other-events"}
    figure = go.Figure(refined_timeline(request, search, 900, data)[0])
    assert figure.layout.meta["search"] == search and list(figure.layout.xaxis.range) == ["1945-01-01", "1945-03-01"]
    assert refined_timeline(request, "?kind=statement", 900, data) == (no_update, no_update), "the URL moved on"
    stale = refined_timeline({**request, "search": "?view=network"}, "?view=network", 900, data)
    assert stale == (no_update, no_update)


def test_a_filter_change_forgets_the_period_and_a_selection_keeps_it():
    state = PageState(period=("2025-06-01", "2025-07-01"))
    assert next_state(state, "actors", ["bob"], BOUNDS).period is None
    click = {"points": [{"customdata": ["event:summer-meeting", "hover", "alice"]}]}
    assert next_state(state, "timeline.click", click, BOUNDS).period == state.period
    assert next_state(state, {"type": "select", "node": "event:x"}, 1, BOUNDS).period is None, "the panel moves it"


def test_a_lane_count_click_shows_that_period():
    click = {"annotation": {"name": "period:2025-01-01/2025-12-31"}}
    assert next_state(PageState(), "timeline.annotation", click, BOUNDS).period == ("2025-01-01", "2025-12-31")


def test_a_bad_period_in_the_link_is_ignored_with_a_warning(data):
    state, warnings = parse_search("?period=last-tuesday", data.dataset)
    assert state.period is None and "shown period" in warnings[0]


def test_create_app_serves_the_page(small_dataset):
    app = create_app(small_dataset)
    client = app.server.test_client()
    response = client.get("/")
    assert response.status_code == 200 and b"Small test dataset" in response.data


def test_export_file_downloads_the_filtered_view(data):
    import base64
    import csv
    import io

    from explorer.web.callbacks import export_file

    sent = export_file("timeline", ".csv", 2, "?actor=bob", None, data)
    assert sent["base64"]
    rows = list(csv.DictReader(io.StringIO(base64.b64decode(sent["content"]).decode("utf-8"))))
    assert [row["id"] for row in rows] == ["old-conference", "summer-meeting"]
    assert sent["filename"].startswith("small-test-dataset-events-") and sent["filename"].endswith(".csv")


def test_export_file_refuses_an_empty_view(data):
    from explorer.export import ExportError
    from explorer.web.callbacks import export_file

    with pytest.raises(ExportError, match="no events match"):
        export_file("timeline", ".csv", 2, "?q=nothing+here", None, data)


def test_render_positions_view_and_a_stance_cell(data):
    page = render("?view=positions&selected=stance:alice/ceasefire", data)
    assert page.positions is not None and page.timeline is None and page.positions_style == {"display": "block"}
    assert page.positions["layout"]["meta"]["actors"] == ["alice", "bob"]
    assert "Stances on A ceasefire over time" in page.stance_timeline["layout"]["title"]["text"]
    strings = texts(page.detail)
    assert "Alice Example on A ceasefire" in strings and "A summer meeting" in strings


def test_a_stance_cell_click_selects_it():
    click = {"points": [{"customdata": ["stance:alice/ceasefire", "hover"]}]}
    assert next_state(PageState(), "positions.click", click, BOUNDS).selected == "stance:alice/ceasefire"


def test_a_large_actor_list_is_searched_on_the_server(small_dataset, monkeypatch):
    import explorer.web.callbacks as callbacks
    import explorer.web.page as page

    monkeypatch.setattr(page, "ACTOR_OPTIONS_IN_PAGE", 1)
    monkeypatch.setattr(callbacks, "ACTOR_OPTIONS_IN_PAGE", 1)
    assert [o["value"] for o in page.filter_options(small_dataset)["actors"]] == ["alice"], "the most active"
    assert [o["value"] for o in callbacks.actor_options_for(small_dataset, "sample", [])] == ["bob"]
    assert [o["value"] for o in callbacks.actor_options_for(small_dataset, "al", [])] == ["alice"], "by alias too"
    selected = [o["value"] for o in callbacks.actor_options_for(small_dataset, "", ["freedonia"])]
    assert selected == ["freedonia", "alice"], "a selected actor stays among the options"


def test_revealing_a_selection_widens_only_the_filters_that_hide_it(data):
    from explorer.web.state import is_hidden_by_filters, revealing_selection

    state = PageState(actors=("freedonia",), start="2025", text="zzz", selected="event:old-conference")
    assert is_hidden_by_filters(state, data.graph)
    shown = revealing_selection(state, data.graph)
    assert shown.actors == ("freedonia", "alice", "bob") and shown.start == "1945-02-04" and shown.text == ""
    assert not is_hidden_by_filters(shown, data.graph)
    assert revealing_selection(shown, data.graph) == shown


def test_a_selection_the_filters_hide_says_so_and_offers_to_show_it(data):
    page = render("?actor=freedonia&selected=event:old-conference", data)
    assert "the filters leave this event out" in " ".join(texts(page.detail))
    assert next_state(PageState(), {"type": "reveal", "where": "detail"}, 1, BOUNDS) == PageState()


def test_a_jump_along_a_link_marker_zooms_on_its_target(data):
    from explorer.web.callbacks import widened_for_selection

    state = PageState(start="2025", selected="event:old-conference")
    click = {"annotation": {"name": "goto:event:old-conference"}}
    jumped = widened_for_selection(state, "timeline.annotation", click, data.graph)
    assert jumped.start == "1945-02-04" and jumped.period_dates()[0] < dt.date(1945, 2, 4) < jumped.period_dates()[1]
    assert "leave this event out" not in " ".join(texts(render("?selected=event:old-conference", data).detail))
