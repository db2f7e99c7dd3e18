"""The network as drawn in Chromium: labels never overlap, never leave the plot or run under
the legend, the legend needs no scrollbar, and the shown nodes fill the plot, on the curated
data, on a generated file and on a generated 100,000-event file, at 1280×800 and 1920×1080."""

from __future__ import annotations

import pytest

from .conftest import serve_generated
from .pages import open_page, shot, wait_idle

pytestmark = pytest.mark.browser

SIZES = [(1280, 800), (1920, 1080)]

# What a reader sees: every drawn label's box, the plot area, the legend's box and whether
# it scrolls, and the box around every node marker drawn.
DRAWN_JS = """() => {
  const gd = document.querySelector('#network .js-plotly-plot');
  const box = (r) => [r.left, r.top, r.right, r.bottom];
  const labels = [];
  for (const text of gd.querySelectorAll('.scatterlayer .trace .textpoint text')) {
    const r = text.getBoundingClientRect();
    if (text.getAttribute('visibility') !== 'hidden' && r.width > 0) labels.push([...box(r), text.textContent]);
  }
  const page = gd.getBoundingClientRect(), s = gd._fullLayout._size;
  const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis;
  const xs = [], ys = [];
  for (const trace of gd._fullData) {  // arrays sent as typed arrays are decoded here
    if (!trace.customdata) continue;
    trace.x.forEach((x) => xs.push(page.left + xa._offset + xa.l2p(x)));
    trace.y.forEach((y) => ys.push(page.top + ya._offset + ya.l2p(y)));
  }
  const scrollbar = gd.querySelector('.legend .scrollbar');
  return {
    labels,
    plot: [page.left + s.l, page.top + s.t, page.left + s.l + s.w, page.top + s.t + s.h],
    legend: box(gd.querySelector('.legend').getBoundingClientRect()),
    scrolls: !!scrollbar && Number(scrollbar.getAttribute('height') || 0) > 0,
    nodes: [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)],
  };
}"""


def overlaps(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def check_readable(page, name: str, min_labels: int) -> None:
    drawn = page.evaluate(DRAWN_JS)
    shot(page, name)
    labels, plot = drawn["labels"], drawn["plot"]
    assert len(labels) >= min_labels, f"only {len(labels)} labels drawn"
    colliding = [(a[4], b[4]) for i, a in enumerate(labels) for b in labels[i + 1 :] if overlaps(a, b)]
    assert not colliding, colliding
    assert not [label[4] for label in labels if overlaps(label, drawn["legend"])], "a label runs under the legend"
    outside = [label[4] for label in labels if label[0] < plot[0] or label[2] > plot[2] or label[1] < plot[1]]
    assert not outside, outside
    assert not drawn["scrolls"], "the legend needs a scrollbar"
    nodes = drawn["nodes"]
    width_share = (nodes[2] - nodes[0]) / (plot[2] - plot[0])
    height_share = (nodes[3] - nodes[1]) / (plot[3] - plot[1])
    assert max(width_share, height_share) > 0.8, f"the nodes fill only {width_share:.0%} × {height_share:.0%}"


@pytest.fixture(params=SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def sized_page(browser, tmp_path, request):
    context = browser.new_context(viewport={"width": request.param[0], "height": request.param[1]})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.screenshots = tmp_path  # type: ignore[attr-defined]
    yield page
    context.close()
    assert not errors, errors


@pytest.fixture(scope="module")
def generated_server(tmp_path_factory):
    live = serve_generated(tmp_path_factory.mktemp("generated"), 3000, seed=5)
    yield live
    live.stop()


@pytest.mark.parametrize(
    "query",
    [
        "?view=network",
        "?view=network&selected=actor:kirill-dmitriev&hops=2",
        "?view=network&actor=kirill-dmitriev&hide=1",
        "?view=network&mode=actors&size=betweenness&color=community",
    ],
)
def test_curated_network_is_readable(sized_page, server, query):
    open_page(sized_page, f"{server.url}{query}", graph="network")
    check_readable(sized_page, "curated", min_labels=10)


@pytest.mark.parametrize("nodes", ["400", "1500"])
def test_generated_network_is_readable(sized_page, generated_server, nodes):
    open_page(sized_page, f"{generated_server.url}?view=network&nodes={nodes}", graph="network")
    check_readable(sized_page, f"generated-{nodes}", min_labels=8)


@pytest.mark.parametrize("nodes", ["400", "1500"])
def test_a_100k_network_is_readable(sized_page, large_server, nodes):
    # The first page of the session draws the network arrays of 125,000 nodes: give it time.
    sized_page.goto(f"{large_server.url}?view=network&nodes={nodes}")
    sized_page.wait_for_selector("#network .main-svg", timeout=240_000)
    sized_page.wait_for_function("() => !document.querySelector('[data-dash-is-loading=\"true\"]')", timeout=240_000)
    wait_idle(sized_page)
    check_readable(sized_page, f"large-{nodes}", min_labels=8)


def test_clicking_an_actor_edge_selects_the_pair_and_lists_its_events(sized_page, server):
    from .pages import click_node, detail_title, wait_for_search

    open_page(sized_page, f"{server.url}?view=network&mode=actors", graph="network")
    click_node(sized_page, "network", "pair:donald-trump/vladimir-putin")
    wait_for_search(sized_page, "s.includes('selected=pair%3Adonald-trump%2Fvladimir-putin')")
    assert detail_title(sized_page) == "Donald Trump and Vladimir Putin"
    assert "Trump–Putin summit in Alaska" in sized_page.inner_text("#detail")


def test_a_path_picked_in_the_toolbar_is_drawn_and_listed(page, server):
    from .pages import choose_option, wait_for_search

    open_page(page, f"{server.url}?view=network&selected=actor:kirill-dmitriev", graph="network")
    choose_option(page, "path-to", "Merz", "Friedrich Merz")
    wait_for_search(page, "s.includes('path=actor%3Afriedrich-merz')")
    path = page.evaluate("document.querySelector('#network .js-plotly-plot').layout.meta.path")
    assert path[0] == "actor:kirill-dmitriev" and path[-1] == "actor:friedrich-merz"
    heading = f"Shortest path to Friedrich Merz ({len(path) - 1} steps)"
    assert heading.casefold() in page.inner_text("#detail").casefold()  # headings are upper-cased by CSS
    check_readable(page, "path", min_labels=10)
