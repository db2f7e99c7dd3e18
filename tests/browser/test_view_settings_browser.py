"""Network settings stay in the Network view's URL, and its hops say when they cannot apply."""

from __future__ import annotations

import pytest

from .pages import click_node, open_page, shot, wait_for_search

pytestmark = pytest.mark.browser

TRUMP = "actor:donald-trump"
STANCE = "stance:united-states/ukraine-nato-membership"
NETWORK_ONLY = ("hops=", "hide=", "color=")
SHOWN_JS = "document.querySelector('#network .js-plotly-plot').layout.meta.shown"


def hops_state(page) -> dict:
    return page.evaluate(
        """() => ({
          checked: document.querySelector('#hops input:checked').closest('label').textContent.trim(),
          enabled: Array.from(document.querySelectorAll('#hops label'))
            .filter((l) => !l.querySelector('input').disabled).map((l) => l.textContent.trim()),
          hint: document.getElementById('hops-hint').textContent,
        })"""
    )


def test_network_settings_stay_out_of_other_views_and_come_back(page, server):
    open_page(page, f"{server.url}?view=network&selected={TRUMP}", graph="network")
    page.click("#hops label:has-text('2 hops')")
    wait_for_search(page, "s.includes('hops=2')")
    page.click("#hide label:has-text('hide')")
    wait_for_search(page, "s.includes('hide=1')")
    page.click("#color")  # a dropdown in the network's toolbar
    page.click(".dash-dropdown-option:has-text('community')")
    wait_for_search(page, "s.includes('color=community')")
    for tab in ("Timeline", "Positions"):
        page.click(f"#view-tabs >> text={tab}")
        wait_for_search(page, "!s.includes('view=network')")
        link = page.evaluate("location.search")
        assert not [key for key in NETWORK_ONLY if key in link], link
        assert "selected=actor%3Adonald-trump" in link, "the selection is shared by every view"
    page.click("#view-tabs >> text=Network")
    wait_for_search(page, "s.includes('view=network')")
    link = page.evaluate("location.search")
    assert all(key in link for key in ("hops=2", "hide=1", "color=community")), link
    assert hops_state(page)["checked"] == "2 hops"


def test_with_a_stance_selected_the_hops_say_they_do_not_apply(page, server):
    open_page(page, f"{server.url}?view=network&selected={TRUMP}&hops=2", graph="network")
    ego = page.evaluate(SHOWN_JS)
    assert hops_state(page) == {"checked": "2 hops", "enabled": ["off", "1 hop", "2 hops", "3 hops"], "hint": ""}
    page.click("#view-tabs >> text=Positions")
    wait_for_search(page, "s.includes('view=positions')")
    click_node(page, "positions", STANCE)
    wait_for_search(page, "s.includes('selected=stance')")
    page.click("#view-tabs >> text=Network")
    wait_for_search(page, "s.includes('view=network')")
    shot(page, "network-stance-selected")
    assert page.evaluate(SHOWN_JS) > ego, "no ego network is drawn around a stance"
    state = hops_state(page)
    assert state["enabled"] == ["off"] and "a stance is not a node" in state["hint"], state
    assert page.is_visible("#hops-hint")
