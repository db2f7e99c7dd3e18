"""WCAG 2.2 AA, checked by Deque's axe-core (pinned in tests/browser/axe/package-lock.json)
run in Chromium on every view and state of the page: no critical or serious violation.
A failure lists each violation's rule, impact, the elements (targets) and axe's message."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from explorer import load
from explorer.generate import generate, write
from explorer.web import create_app

from .conftest import LiveServer
from .pages import TIMEOUT, open_page, wait_idle

pytestmark = pytest.mark.browser

AXE_PACKAGE = Path(__file__).parent / "axe"
AXE_SCRIPT = AXE_PACKAGE / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
BLOCKING = ("critical", "serious")
#: Events in the generated file: the size the issue was seen at.
LARGE_FILE_EVENTS = 20_000

RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
  return result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map((n) => ({target: n.target.join(' '), message: n.failureSummary})),
  }));
}"""


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core's script, installed from its lock file on first use."""
    if not AXE_SCRIPT.exists():
        npm = shutil.which("npm")
        assert npm, "the accessibility check installs axe-core with npm: install nodejs and npm"
        subprocess.run(
            [npm, "ci", "--prefix", str(AXE_PACKAGE), "--no-audit", "--no-fund", "--loglevel=error"], check=True
        )
    return AXE_SCRIPT.read_text(encoding="utf-8")


def blocking_violations(page, axe_source: str) -> list[dict]:
    """The critical and serious axe violations on the page as it is now."""
    # Evaluated over the DevTools protocol, so the page's Content-Security-Policy (which
    # refuses inline scripts) lets the checker in without weakening it for the test.
    page.evaluate(axe_source + "\n;0")
    violations = page.evaluate(RUN_AXE, WCAG_TAGS)
    return [v for v in violations if v["impact"] in BLOCKING]


def report(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"]:
            message = " ".join(node["message"].split())
            lines.append(f"    {node['target']}: {message}")
    return "\n".join(lines)


def assert_accessible(page, axe_source: str) -> None:
    violations = blocking_violations(page, axe_source)
    assert not violations, "axe-core found:\n" + report(violations)


CURATED_STATES = {
    "timeline": ("", "timeline"),
    "network": ("?view=network", "network"),
    "network, actors only, a node selected with its 2-hop ego network": (
        "?view=network&mode=actors&selected=actor:russia&hops=2&color=community",
        "network",
    ),
    "network, hidden context and a path": (
        "?view=network&hide=1&actor=donald-trump&selected=actor:donald-trump&path=actor:volodymyr-zelensky",
        "network",
    ),
    "positions": ("?view=positions", "positions"),
    "positions, a cell selected": ("?view=positions&selected=stance:donald-trump/us-russia-dialogue", "positions"),
    "an event selected, with stance badges": ("?selected=event:trump-putin-call-2025-02-12", "timeline"),
    "an actor selected": ("?selected=actor:vladimir-putin", "timeline"),
    "a notice for a bad link parameter": ("?actor=nobody&from=not-a-date&view=timeline", "timeline"),
    "dates set (the clear control shown)": ("?from=2025-01-01&to=2025-06-30", "timeline"),
    "the empty state": ("?q=no-such-words-anywhere", "timeline"),
    "the network as of a day, with a window": ("?view=network&asof=2025-08-15&window=30", "network"),
    "the timeline as of a day": ("?asof=2025-02-12", "timeline"),
}


@pytest.mark.parametrize("state", list(CURATED_STATES))
def test_no_serious_violations_on_curated_data(page, server, axe_source, state):
    query, graph = CURATED_STATES[state]
    open_page(page, server.url + query, graph)
    assert_accessible(page, axe_source)


@pytest.mark.parametrize(
    "query", ["?view=list", "?view=list&sort=title:desc&search=summit&selected=event:alaska-summit-2025"]
)
def test_no_serious_violations_in_the_list(page, server, axe_source, query):
    page.goto(server.url + query)
    page.wait_for_selector("#event-list .ag-center-cols-container .ag-row", timeout=TIMEOUT)
    wait_idle(page)
    assert_accessible(page, axe_source)


@pytest.mark.parametrize(
    ("query", "dropdown", "graph"), [("", "kinds", "timeline"), ("?view=network", "measure", "network")]
)
def test_no_serious_violations_with_a_dropdown_open(page, server, axe_source, query, dropdown, graph):
    open_page(page, server.url + query, graph)
    page.click(f"#{dropdown}")
    page.wait_for_selector(".dash-dropdown-option")
    assert_accessible(page, axe_source)


@pytest.fixture(scope="module")
def large_server(tmp_path_factory):
    path = tmp_path_factory.mktemp("generated") / "events.yaml"
    write(generate(LARGE_FILE_EVENTS, seed=7), path)
    live = LiveServer(create_app(load(path, max_bytes=2**31)))
    yield live
    live.stop()


@pytest.mark.parametrize(("query", "graph"), [("", "timeline"), ("?view=network", "network")])
def test_no_serious_violations_on_a_generated_large_file(page, large_server, axe_source, query, graph):
    open_page(page, large_server.url + query, graph)
    assert_accessible(page, axe_source)


# Each visible dropdown and radio group, and the accessible name it is given (the text of
# the elements its aria-labelledby names).
CONTROL_NAMES_JS = """() => [...document.querySelectorAll('button.dash-dropdown, [role=radiogroup]')]
  .filter((control) => control.offsetParent)
  .map((control) => [control.id, (control.getAttribute('aria-labelledby') || '').split(' ')
    .map((id) => (document.getElementById(id) || {}).textContent || '').join(' ').trim()])"""


def test_every_dropdown_and_radio_group_is_named_by_its_label(page, server):
    open_page(page, server.url + "?view=network", "network")
    names = dict(page.evaluate(CONTROL_NAMES_JS))
    network_export = '{"type":"export-%s","view":"network"}'
    expected = {
        "actors": "Actors",
        "kinds": "Event kinds",
        "topics": "Topics",
        "hops": "Ego network",
        "hide": "Outside the filters",
        "limit": "Show",
        "mode": "Nodes",
        "measure": "Size by",
        "color": "Colour by",
        "path-to": "Path from the selection to",
        network_export % "format": "Export format",
        network_export % "scale": "Image scale",
    }
    assert set(names) == set(expected)
    for control, label in expected.items():
        assert names[control].startswith(label), (control, names[control])
