"""The page under its Content-Security-Policy in Chromium: every view draws, and the browser
reports no violation (the ``page`` fixture also fails on any console error)."""

from __future__ import annotations

import pytest

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
    assert "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
    open_page(page, server.url)
    assert page.evaluate("document.querySelectorAll('#timeline .scatterlayer .trace').length") > 0
    for view, graph in (("network", "network"), ("positions", "positions")):
        page.goto(f"{server.url}?view={view}")
        page.wait_for_selector(f"#{graph} .main-svg", timeout=60_000)
        wait_idle(page)
        assert page.evaluate(f"document.querySelector('#{graph} .js-plotly-plot').data.length")
        shot(page, f"csp-{view}")
    assert page.evaluate("window.__violations") == []


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
