"""A callback request that gets no answer (a worker restarted mid-request) is sent again."""

from __future__ import annotations

import pytest

from .pages import TIMEOUT

pytestmark = pytest.mark.browser


def drop_the_first(count: int, status: int | None = None):
    """A route handler that loses the first ``count`` callback requests (a network error, or
    a proxy's ``status``) and lets the rest through; it records what it did."""
    seen: list[str] = []

    def handle(route):
        seen.append(route.request.post_data or "")
        if len(seen) > count:
            route.continue_()
        elif status is None:
            route.abort("connectionreset")
        else:
            route.fulfill(status=status, body="worker restarting")

    handle.seen = seen  # type: ignore[attr-defined]
    return handle


@pytest.mark.parametrize("status", [None, 502])
def test_the_page_draws_although_its_first_callbacks_are_lost(browser, server, curated, status):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    handler = drop_the_first(2, status)
    page.route("**/_dash-update-component*", handler)
    try:
        page.goto(server.url)
        page.wait_for_selector("#timeline .main-svg", timeout=TIMEOUT)
        page.wait_for_function(
            "() => document.querySelector('#counts') && /events/.test(document.querySelector('#counts').innerText)",
            timeout=TIMEOUT,
        )
        dataset, _ = curated
        assert f"{len(dataset.events)} events" in page.inner_text("#counts")
        first = handler.seen[0]
        assert handler.seen.count(first) >= 2, "the lost request was sent again"
        assert not errors, errors
    finally:
        context.close()
