"""The page under its Content-Security-Policy in Chromium: every view draws, WebGL views
included (without 'unsafe-eval': the page loads plotly.js's strict bundle), and the browser
reports no violation (the ``page`` fixture also fails on any console error)."""

from __future__ import annotations

import pytest

from explorer import load
from explorer.generate import generate, write
from explorer.web import create_app

from .conftest import LiveServer
from .pages import open_page, shot, wait_idle

pytestmark = pytest.mark.browser

RECORD_VIOLATIONS_JS = """() => {
  window.__violations = [];
  document.addEventListener('securitypolicyviolation',
    (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
}"""


def test_every_view_draws_under_the_content_security_policy(page, server):
    page.add_init_script(f"({RECORD_VIOLATIONS_JS})()")
    response = page.goto(server.url)
    policy = response.headers["content-security-policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
    script_sources = policy.split("script-src")[1].split(";")[0]
    assert "'unsafe-inline'" not in script_sources and "'unsafe-eval'" not in script_sources
    open_page(page, server.url)
    assert page.evaluate("document.querySelectorAll('#timeline .scatterlayer .trace').length") > 0
    for view, graph in (("network", "network"), ("positions", "positions")):
        page.goto(f"{server.url}?view={view}")
        page.wait_for_selector(f"#{graph} .main-svg", timeout=60_000)
        wait_idle(page)
        assert page.evaluate(f"document.querySelector('#{graph} .js-plotly-plot').data.length")
        shot(page, f"csp-{view}")
    assert page.evaluate("window.__violations") == []


@pytest.fixture(scope="module")
def webgl_server(tmp_path_factory):
    """1,400 events: over 1,000 nodes in the whole network, which Plotly draws with WebGL
    (scattergl). (The timeline draws its markers with SVG up to 5,000: see WEBGL_MARKERS.)"""
    path = tmp_path_factory.mktemp("webgl") / "events.yaml"
    write(generate(1400, seed=3), path)
    live = LiveServer(create_app(load(path)))
    yield live
    live.stop()


WEBGL_DRAWN_JS = """(graph) => ({
  types: document.querySelector('#' + graph + ' .js-plotly-plot').data.map((t) => t.type),
  canvases: document.querySelectorAll('#' + graph + ' canvas.gl-canvas-context').length,
  refused: document.querySelectorAll('#' + graph + ' .no-webgl').length,
})"""


@pytest.mark.parametrize(("query", "graph"), [("?view=network&nodes=all", "network")])
def test_webgl_views_draw_without_eval(page, webgl_server, query, graph):
    page.add_init_script(f"({RECORD_VIOLATIONS_JS})()")
    page.goto(webgl_server.url + query)
    page.wait_for_selector(f"#{graph} .main-svg", timeout=120_000)
    wait_idle(page)
    drawn = page.evaluate(WEBGL_DRAWN_JS, graph)
    assert "scattergl" in drawn["types"]
    # Plotly puts up "WebGL is not supported" when regl cannot compile its draw calls.
    assert drawn["canvases"] >= 1 and drawn["refused"] == 0, drawn
    assert page.evaluate("window.__violations") == []
    shot(page, f"csp-webgl-{graph}")


def test_an_injected_inline_script_is_refused(browser, server):
    # Its own page: the refusal is logged as a console error, which the ``page`` fixture fails on.
    context = browser.new_context()
    try:
        page = context.new_page()
        page.add_init_script(f"({RECORD_VIOLATIONS_JS})()")
        open_page(page, server.url)
        page.evaluate(
            "() => { const s = document.createElement('script'); s.textContent = 'window.__ran = true'; "
            "document.body.appendChild(s); }"
        )
        page.wait_for_timeout(200)
        assert page.evaluate("window.__ran") is None
        assert any(v.startswith("script-src") for v in page.evaluate("window.__violations"))
    finally:
        context.close()
