"""The browser app as a person uses it: open, filter, click, reload, go back."""

from __future__ import annotations

import re

import pytest

from explorer import query
from explorer.graph import event_node

from .pages import (
    choose_option,
    click_node,
    detail_title,
    open_page,
    search,
    set_dates,
    shot,
    timeline_events,
    wait_for_search,
)

pytestmark = pytest.mark.browser

DMITRIEV = "kirill-dmitriev"
ALASKA = "alaska-summit-2025"
YALTA = "yalta-conference-1945"


def expected_events(graph, **filters) -> set[str]:
    return {event_node(e.id) for e in query(graph, **filters).events}


def test_the_page_opens_on_the_curated_data(page, server, curated):
    dataset, graph = curated
    open_page(page, server.url)
    assert page.inner_text("#dataset-name") == dataset.name
    assert page.inner_text("#counts").startswith(f"{len(dataset.events)} events")
    assert timeline_events(page) == expected_events(graph)
    shot(page, "opened")


def test_choosing_dmitriev_leaves_only_his_events(page, server, curated):
    _, graph = curated
    open_page(page, server.url)
    choose_option(page, "actors", "Dmitriev", "Kirill Dmitriev")
    wait_for_search(page, f"s.includes('actor={DMITRIEV}')")
    expected = expected_events(graph, actors=[DMITRIEV])
    assert timeline_events(page) == expected
    assert page.inner_text("#counts").startswith(f"{len(expected)} of ")
    shot(page, "dmitriev")


def test_actors_can_be_found_by_alias(page, server, curated):
    dataset, _ = curated
    actor = next(a for a in dataset.actors if a.aliases)
    open_page(page, server.url)
    choose_option(page, "actors", actor.aliases[0], actor.name)
    wait_for_search(page, f"s.includes('actor={actor.id}')")


def test_a_date_range_sets_the_counts(page, server, curated):
    _, graph = curated
    open_page(page, server.url)
    set_dates(page, "2025-08-01", "2025-09-30")
    wait_for_search(page, "s.includes('from=2025-08-01') && s.includes('to=2025-09-30')")
    expected = expected_events(graph, start="2025-08-01", end="2025-09-30")
    assert page.inner_text("#counts").startswith(f"{len(expected)} of ")
    assert timeline_events(page) == expected
    shot(page, "dates")


def test_clicking_an_event_opens_its_detail_panel(page, server, curated):
    dataset, _ = curated
    event = dataset.event_by_id[ALASKA]
    open_page(page, server.url)
    click_node(page, "timeline", event_node(ALASKA))
    wait_for_search(page, f"s.includes('selected=event%3A{ALASKA}')")
    assert detail_title(page) == event.title
    panel = page.inner_text("#detail")
    assert "15 Aug 2025" in panel and event.location in panel
    for actor_id in event.actor_ids():
        assert dataset.actor_by_id[actor_id].name in panel
    links = page.query_selector_all("#detail .sources a")
    assert len(links) >= len([s for s in event.sources if s.url])
    for link in links:
        assert link.get_attribute("target") == "_blank"
        assert link.get_attribute("rel") == "noopener noreferrer"
        assert re.match(r"https?://", link.get_attribute("href"))
    shot(page, "detail")


def test_related_events_in_the_panel_are_clickable(page, server, curated):
    dataset, _ = curated
    comparison = next(e for e in dataset.events if any(link.to == YALTA for link in e.links))
    open_page(page, f"{server.url}?selected=event:{comparison.id}")
    page.click(f"#detail button:has-text({dataset.event_by_id[YALTA].title!r})")
    wait_for_search(page, f"s.includes('selected=event%3A{YALTA}')")
    assert detail_title(page) == dataset.event_by_id[YALTA].title


def test_reloading_the_link_restores_the_view(page, server, curated):
    _, graph = curated
    open_page(page, server.url)
    choose_option(page, "actors", "Dmitriev", "Kirill Dmitriev")
    wait_for_search(page, f"s.includes('actor={DMITRIEV}')")
    set_dates(page, "2025-01-01")
    wait_for_search(page, "s.includes('from=2025-01-01')")
    event = query(graph, actors=[DMITRIEV], start="2025-01-01").events[-1]
    page.goto(f"{server.url}{search(page)}&selected=event:{event.id}")
    wait_for_search(page, "s.includes('selected=')")
    before = (search(page), page.inner_text("#counts"), timeline_events(page), detail_title(page))
    page.reload()
    open_page(page, page.url)
    after = (search(page), page.inner_text("#counts"), timeline_events(page), detail_title(page))
    assert after == before
    assert "Kirill Dmitriev" in page.inner_text("#actors")
    assert page.input_value("input#dates") == "2025-01-01"
    shot(page, "restored")


def test_the_back_button_undoes_a_filter_change(page, server, curated):
    dataset, graph = curated
    open_page(page, server.url)
    set_dates(page, "2025-08-01")
    wait_for_search(page, "s === '?from=2025-08-01'")
    choose_option(page, "kinds", "call", "call")
    wait_for_search(page, "s.includes('kind=call')")
    assert timeline_events(page) == expected_events(graph, start="2025-08-01", kinds=["call"])
    page.go_back()
    wait_for_search(page, "s === '?from=2025-08-01'")
    assert timeline_events(page) == expected_events(graph, start="2025-08-01")
    assert "call" not in page.inner_text("#kinds")


def test_the_analogy_marker_jumps_to_yalta(page, server, curated):
    dataset, _ = curated
    open_page(page, server.url)
    marker = page.locator("#timeline .annotation", has_text="Yalta")
    assert marker.count() == 1 and "compared to" in marker.text_content()
    shot(page, "analogy-marker")
    marker.click()
    wait_for_search(page, f"s.includes('selected=event%3A{YALTA}')")
    assert detail_title(page) == dataset.event_by_id[YALTA].title
    start, end = page.evaluate("document.querySelector('#timeline .js-plotly-plot')._fullLayout.xaxis.range")
    assert start[:4] <= "1945" <= end[:4]
    assert "Compared to it by" in page.inner_text("#detail")
    shot(page, "yalta")


def test_a_filter_that_matches_nothing_shows_an_empty_state(page, server):
    open_page(page, server.url)
    page.fill("#text", "zzzz no such words")
    page.press("#text", "Enter")
    wait_for_search(page, "s.includes('q=zzzz')")
    assert "No events match these filters" in page.inner_text("#notices")
    page.click("#notices button:has-text('reset all filters')")
    wait_for_search(page, "s === ''")
    assert "No events match" not in page.inner_text("#notices")


def test_the_network_selects_on_click_and_shows_an_ego_network(page, server, curated):
    dataset, _ = curated
    open_page(page, f"{server.url}?view=network", graph="network")
    click_node(page, "network", f"actor:{DMITRIEV}")
    wait_for_search(page, f"s.includes('selected=actor%3A{DMITRIEV}')")
    assert detail_title(page) == dataset.actor_by_id[DMITRIEV].name
    shown_all = page.evaluate("document.querySelector('#network .js-plotly-plot').layout.meta.shown")
    page.click("#hops label:has-text('1 hop')")
    wait_for_search(page, "s.includes('hops=1')")
    shown_ego = page.evaluate("document.querySelector('#network .js-plotly-plot').layout.meta.shown")
    assert shown_ego < shown_all
    shot(page, "network-ego")


def test_selection_is_highlighted_in_the_other_view(page, server):
    open_page(page, f"{server.url}?view=network&selected=event:{ALASKA}", graph="network")
    page.click("#view-tabs >> text=Timeline")
    wait_for_search(page, "!s.includes('view=network')")
    ring = page.evaluate(
        "document.querySelector('#timeline .js-plotly-plot').data.filter(t => t.name === 'selected').length"
    )
    assert ring == 1


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080)])
def test_the_layout_fits_the_window(page, server, size):
    page.set_viewport_size({"width": size[0], "height": size[1]})
    open_page(page, f"{server.url}?selected=event:{ALASKA}")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    for box_id in ("#timeline", "#detail", "#actors"):
        box = page.locator(box_id).bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= size[0] + 1
    shot(page, f"layout-{size[0]}")
