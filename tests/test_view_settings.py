"""Each view's own settings live only in that view's URL, and are found again on return."""

from __future__ import annotations

from explorer.web.state import PageState, format_search, parse_search, switched_view

NETWORK = PageState(view="network", actors=("alice",), selected="actor:alice", hops=2, hide=True, color="community")


def test_a_timeline_or_positions_link_carries_no_network_setting():
    for view in ("timeline", "positions"):
        search = format_search(NETWORK.with_changes(view=view))
        assert "hops" not in search and "hide" not in search and "color" not in search, search
        assert "actor=alice" in search and "selected=actor%3Aalice" in search, "filters and selection are shared"


def test_a_network_or_positions_link_carries_no_timeline_zoom():
    zoomed = PageState(period=("2025-01-01", "2025-06-30"), compress=True)
    assert "period=" in format_search(zoomed) and "scale=compressed" in format_search(zoomed)
    for view in ("network", "positions"):
        assert format_search(zoomed.with_changes(view=view)) == f"?view={view}"


def test_an_old_link_with_another_views_settings_reads_as_without_them(small_dataset):
    state, warnings = parse_search("?view=positions&hops=2&hide=1&period=2025-01-01/2025-02-01", small_dataset)
    assert state == PageState(view="positions") and not warnings


def test_going_back_to_the_network_finds_its_settings(small_dataset):
    on_timeline, memory = switched_view(NETWORK, "timeline", {}, small_dataset)
    assert format_search(on_timeline) == "?actor=alice&selected=actor%3Aalice"
    on_positions, memory = switched_view(on_timeline, "positions", memory, small_dataset)
    assert format_search(on_positions) == "?actor=alice&view=positions&selected=actor%3Aalice"
    back, _ = switched_view(on_positions, "network", memory, small_dataset)
    assert back == NETWORK


def test_a_view_never_left_opens_with_its_defaults(small_dataset):
    on_network, memory = switched_view(PageState(period=("2025-01-01", "2025-02-01")), "network", {}, small_dataset)
    assert on_network == PageState(view="network")
    back, _ = switched_view(on_network, "timeline", memory, small_dataset)
    assert back.period == ("2025-01-01", "2025-02-01"), "the timeline keeps its zoom across the trip"
