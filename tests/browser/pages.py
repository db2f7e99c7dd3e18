"""How a test reads and drives the page, in one place."""

from __future__ import annotations

TIMEOUT = 15_000

# The event ids of every event marker the timeline draws (not the selection ring, nor the
# grey markers of linked events the filters hide).
TIMELINE_EVENTS_JS = """() => {
  const gd = document.querySelector('#timeline .js-plotly-plot');
  if (!gd || !gd.data) return null;
  const ids = new Set();
  for (const trace of gd.data) {
    if (trace.mode === 'markers' && trace.customdata && !['selected', 'linked, filtered out'].includes(trace.name)) {
      for (const custom of trace.customdata) ids.add(custom[0]);
    }
  }
  return Array.from(ids).sort();
}"""

# Page coordinates of a node's first marker in a graph, or null when it is not drawn in range.
# (Read from Plotly's full data, where arrays sent as typed arrays are decoded.)
NODE_POSITION_JS = """([graphId, node]) => {
  const gd = document.querySelector('#' + graphId + ' .js-plotly-plot');
  const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis;
  const box = gd.getBoundingClientRect();
  for (const trace of gd._fullData) {
    if (!trace.customdata || trace.name === 'selected') continue;
    const i = trace.customdata.findIndex((c) => c[0] === node);
    if (i < 0) continue;
    const x = xa._offset + xa.l2p(xa.d2c(trace.x[i]));
    const y = ya._offset + ya.l2p(ya.d2c(trace.y[i]));
    if (x < xa._offset || x > xa._offset + xa._length) return null;
    return [box.left + x, box.top + y];
  }
  return null;
}"""


def open_page(page, url: str, graph: str = "timeline") -> None:
    page.goto(url)
    page.wait_for_selector(f"#{graph} .main-svg", timeout=TIMEOUT)
    wait_idle(page)


def wait_idle(page) -> None:
    """Until Dash has no callback in flight."""
    page.wait_for_function("() => !document.querySelector('[data-dash-is-loading=\"true\"]')", timeout=TIMEOUT)
    page.wait_for_timeout(250)
    page.wait_for_function("() => !document.querySelector('[data-dash-is-loading=\"true\"]')", timeout=TIMEOUT)


def wait_for_search(page, predicate_js: str) -> None:
    """Until ``location.search`` satisfies a JS expression over ``s``."""
    page.wait_for_function(f"() => {{ const s = location.search; return {predicate_js}; }}", timeout=TIMEOUT)
    wait_idle(page)


def search(page) -> str:
    return page.evaluate("location.search")


def timeline_events(page) -> set[str]:
    return set(page.evaluate(TIMELINE_EVENTS_JS) or [])


def choose_option(page, dropdown_id: str, typed: str, label: str) -> None:
    """Open a dropdown, type to search, click the option whose text contains ``label``."""
    page.click(f"#{dropdown_id}")
    search_box = page.locator(".dash-dropdown-search")
    try:
        search_box.wait_for(state="visible", timeout=5_000)
    except Exception:
        page.screenshot(path=str(page.screenshots / f"dropdown-{dropdown_id}-closed.png"))
        raise
    search_box.fill(typed)
    page.click(f".dash-dropdown-option:has-text({label!r})")
    page.keyboard.press("Escape")


def set_dates(page, start: str | None = None, end: str | None = None) -> None:
    """Type dates into the range picker, then close its calendar as a person would."""
    for selector, value in (("input#dates", start), ("input#dates-end-date", end)):
        if value is not None:
            page.fill(selector, value)
            page.press(selector, "Enter")
    page.keyboard.press("Escape")
    page.click("#dataset-name")


def click_node(page, graph_id: str, node: str) -> None:
    position = page.evaluate(NODE_POSITION_JS, [graph_id, node])
    assert position, f"{node} is not drawn in the visible part of #{graph_id}"
    page.mouse.click(*position)


def detail_title(page) -> str:
    return page.inner_text("#detail .detail-title")


def shot(page, name: str) -> None:
    page.screenshot(path=str(page.screenshots / f"{name}.png"), full_page=True)
