"""A path picked on the network is ringed on the timeline as drawn in Chromium: the rings sit
on the markers of exactly the events along the path."""

from __future__ import annotations

import pytest

from explorer import query
from explorer.analysis import path_within

from .pages import open_page, shot

pytestmark = pytest.mark.browser

# The event ids whose markers lie under the "highlighted" rings, from Plotly's full data.
RINGED_JS = """() => {
  const gd = document.querySelector('#timeline .js-plotly-plot');
  const ring = gd._fullData.find((t) => t.name === 'highlighted');
  if (!ring) return null;
  const points = new Set(Array.from(ring.x, (x, i) => String(x) + '|' + ring.y[i]));
  const ids = new Set();
  for (const trace of gd._fullData) {
    if (trace.name === 'highlighted' || trace.mode !== 'markers' || !trace.customdata) continue;
    trace.customdata.forEach((custom, i) => {
      if (points.has(String(trace.x[i]) + '|' + trace.y[i])) ids.add(custom[0]);
    });
  }
  return Array.from(ids).sort();
}"""


def test_the_events_of_a_network_path_are_ringed_on_the_timeline(page, server, curated):
    _, graph = curated
    path = path_within(query(graph).graph, "actor:kirill-dmitriev", "actor:joseph-stalin")  # as the page finds it
    events = sorted(node for node in path if node.startswith("event:"))
    assert len(events) == 2
    open_page(page, f"{server.url}?selected=actor:kirill-dmitriev&path=actor:joseph-stalin&scale=compressed")
    shot(page, "path-on-timeline")
    assert page.evaluate(RINGED_JS) == events
