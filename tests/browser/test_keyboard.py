"""The page by keyboard only (no mouse): the skip link, the view tabs (arrow keys, Home,
End, Enter), and walking the figures' items with the arrow keys, opening one's details with
Enter and clearing them with Escape, with a focus ring drawn on the item and the item read
out in the live region."""

from __future__ import annotations

import pytest

from explorer.graph import split_node
from explorer.web.state import VIEWS

from .pages import TIMEOUT, open_page, search, wait_for_search

pytestmark = pytest.mark.browser

ACTIVE_JS = "() => { const a = document.activeElement; return a ? a.id || a.className : null; }"

# The focused item of a figure: its id, row, where the figure draws it and where the ring is.
FOCUSED_JS = """(figureId) => {
  const box = document.getElementById(figureId);
  const gd = box.querySelector('.js-plotly-plot');
  const id = box.getAttribute('data-keyboard-item'), row = box.getAttribute('data-keyboard-row');
  const ring = box.querySelector('.keyboard-focus-marker');
  const shown = ring && ring.classList.contains('is-shown') && getComputedStyle(ring).display !== 'none';
  const r = ring && ring.getBoundingClientRect();
  const places = [];
  for (const trace of gd._fullData) {
    if (!trace.customdata || trace.name === 'selected' || trace.visible !== true) continue;
    const xa = gd._fullLayout['xaxis' + (trace.xaxis || 'x').slice(1)];
    const ya = gd._fullLayout['yaxis' + (trace.yaxis || 'y').slice(1)];
    trace.customdata.forEach((c, i) => {
      if (c[0] !== id || String(c.length > 2 ? c[2] : trace.y[i]) !== row) return;
      const b = gd.getBoundingClientRect();
      const x = xa.l2p(xa.d2c(trace.x[i])), y = ya.l2p(ya.d2c(trace.y[i]));
      places.push({x: b.left + xa._offset + x, y: b.top + ya._offset + y, time: xa.d2c(trace.x[i])});
    });
  }
  return {id, row, ring: shown ? [r.left + r.width / 2, r.top + r.height / 2] : null, place: places[0] || null};
}"""


def active(page) -> str | None:
    return page.evaluate(ACTIVE_JS)


def tab_until(page, element_id: str, limit: int = 40) -> None:
    """Press Tab until ``element_id`` has the focus."""
    for _ in range(limit):
        if active(page) == element_id:
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached #{element_id} (stopped at {active(page)!r})")


def focused(page, figure_id: str) -> dict:
    item = page.evaluate(FOCUSED_JS, figure_id)
    assert item["place"], f"the focused item {item['id']} is not drawn in #{figure_id}"
    assert item["ring"], "no focus ring is shown"
    assert abs(item["ring"][0] - item["place"]["x"]) < 2 and abs(item["ring"][1] - item["place"]["y"]) < 2, item
    return item


def walked_into(page, url: str, figure_id: str) -> dict:
    """Open ``url`` and Tab from the results into ``figure_id``: the item it focuses first."""
    open_page(page, url, figure_id)
    page.focus("#results")
    tab_until(page, figure_id)
    return focused(page, figure_id)


def selected_by_enter(page, node: str) -> None:
    """Press Enter on the focused item, until the URL selects ``node``."""
    page.keyboard.press("Enter")
    wait_for_search(page, f"new URLSearchParams(s).get('selected') === {node!r}")


def cleared_by_escape(page) -> None:
    """Press Escape, until the URL selects nothing."""
    page.keyboard.press("Escape")
    wait_for_search(page, "!new URLSearchParams(s).has('selected')")


def announced(page) -> str:
    return page.inner_text("#announcer")


def test_skip_link_is_first_and_leads_to_the_results(page, server):
    open_page(page, server.url)
    page.keyboard.press("Tab")
    assert active(page) == "skip-link"
    assert page.evaluate("document.activeElement.getBoundingClientRect().top") >= 0, "the skip link shows on focus"
    page.keyboard.press("Enter")
    assert active(page) == "results"
    assert "#" not in page.url, "the URL holds the page's state only"
    page.keyboard.press("Tab")
    assert active(page) == "asof-day", "the results open with the time cursor shared by every view"
    page.focus("#asof-clear")
    page.keyboard.press("Tab")
    assert active(page) == "tab-timeline", "then the views' tabs"


def test_views_switch_by_keyboard(page, server):
    open_page(page, server.url)
    page.focus("#asof-clear")  # the time cursor's last control, before the tabs
    page.keyboard.press("Tab")
    assert active(page) == "tab-timeline"
    last = f"tab-{VIEWS[-1]}"
    page.keyboard.press("ArrowLeft")
    assert active(page) == last, "Left from the first tab wraps to the last"
    page.keyboard.press("Home")
    assert active(page) == "tab-timeline"
    page.keyboard.press("End")
    assert active(page) == last
    for _ in range(len(VIEWS) - 2):
        page.keyboard.press("ArrowLeft")
    assert active(page) == "tab-network"
    assert search(page) == "", "moving between tabs does not open one"
    page.keyboard.press("Enter")
    wait_for_search(page, "s.includes('view=network')")
    page.wait_for_selector("#network .main-svg", timeout=TIMEOUT)
    tabs = page.evaluate("[...document.querySelectorAll('[role=tab]')].map(t => [t.id, t.ariaSelected, t.tabIndex])")
    assert tabs == [[f"tab-{view}", str(view == "network").lower(), 0 if view == "network" else -1] for view in VIEWS]
    assert page.is_visible("#network-pane") and not page.is_visible("#timeline-pane")
    page.keyboard.press("Tab")
    assert page.evaluate("document.getElementById('network-pane').contains(document.activeElement)"), (
        "Tab from the tabs goes into the open view"
    )
    page.focus("#tab-network")
    page.keyboard.press("ArrowRight")
    page.keyboard.press(" ")
    wait_for_search(page, "s.includes('view=positions')")
    page.wait_for_selector("#positions .main-svg", timeout=TIMEOUT)
    page.screenshot(path=str(page.screenshots / "tabs-positions.png"))


def test_timeline_events_walk_open_and_close_by_keyboard(page, server, curated):
    dataset, _graph = curated
    first = walked_into(page, server.url, "timeline")
    assert first["id"].startswith("event:")
    assert dataset.event_by_id[split_node(first["id"])[1]].title[:40] in announced(page)

    page.keyboard.press("ArrowRight")
    later = focused(page, "timeline")
    assert later["row"] == first["row"] and later["place"]["time"] >= first["place"]["time"]
    assert later["id"] != first["id"]
    page.keyboard.press("ArrowLeft")
    assert focused(page, "timeline")["id"] == first["id"]

    page.keyboard.press("ArrowDown")
    below = focused(page, "timeline")
    assert below["row"] != first["row"] and below["place"]["y"] > first["place"]["y"]
    page.keyboard.press("End")
    last = focused(page, "timeline")
    assert last["row"] == below["row"] and last["place"]["time"] >= below["place"]["time"]
    page.screenshot(path=str(page.screenshots / "timeline-keyboard-focus.png"))

    selected_by_enter(page, last["id"])
    title = dataset.event_by_id[split_node(last["id"])[1]].title
    assert page.inner_text("#detail .detail-title") == title
    assert f"Selected: {title}" in announced(page)
    assert active(page) == "timeline", "the focus stays on the figure"

    cleared_by_escape(page)
    assert "Nothing selected" in page.inner_text("#detail")


def test_network_arrow_keys_move_to_neighbours(page, server, curated):
    dataset, graph = curated
    start = walked_into(page, server.url + "?view=network&selected=actor:vladimir-putin", "network")
    assert start["id"] == "actor:vladimir-putin", "the keyboard starts at the selection"
    current = start["id"]
    for key in ("ArrowRight", "ArrowUp", "ArrowLeft", "ArrowDown"):
        page.keyboard.press(key)
        step = focused(page, "network")["id"]
        assert step in neighbours(graph, current), f"{key} went from {current} to {step}, not a neighbour"
        current = step
    selected_by_enter(page, current)
    assert page.inner_text("#detail .detail-title") == graph.nodes[current]["label"]
    assert active(page) == "network"
    cleared_by_escape(page)


def neighbours(graph, node: str) -> set[str]:
    return set(graph.predecessors(node)) | set(graph.successors(node))


def test_positions_matrix_is_a_keyboard_grid(page, server, curated):
    dataset, _graph = curated
    corner = walked_into(page, server.url + "?view=positions", "positions")
    assert corner["id"].startswith("stance:")
    page.keyboard.press("ArrowRight")
    right = focused(page, "positions")
    assert right["row"] == corner["row"] and right["place"]["x"] > corner["place"]["x"]
    page.keyboard.press("ArrowDown")
    down = focused(page, "positions")
    assert down["place"]["y"] > right["place"]["y"] and abs(down["place"]["x"] - right["place"]["x"]) < 40
    selected_by_enter(page, down["id"])
    actor, _, topic = split_node(down["id"])[1].partition("/")
    expected = f"{dataset.actor_by_id[actor].name} on {dataset.topic_by_id[topic].name}"
    assert page.inner_text("#detail .detail-title") == expected
