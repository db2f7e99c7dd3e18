"""Where the timeline's first draw spends its time, from Chromium's own performance data.

    python benchmarks/first_draw_profile.py [--events 1000] [--runs 1] [--data FILE]

Serves explorer (as the browser tests do) for a generated dataset (seed 1) or ``--data``, opens
it in a fresh headless Chromium context and prints, on the page's clock (ms from navigation
start): the navigation timing (response, DOM content loaded, load), every script's download,
every ``_dash-update-component`` request (the callback's outputs, when it was sent, the
server's time to the first byte, the response size), each ``Plotly.newPlot`` / ``Plotly.react``
call of the timeline and how long it took, and when the timeline was drawn and idle (as
``browser_bench.first_render`` reads it). With ``--cpu-profile``, the CPU time by script
(self time, from the DevTools profiler). The machine's load average is printed first.
Nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.browser_bench import CHROMIUM, CHROMIUM_ARGS, RENDERED_JS, make_app  # noqa: E402

# Wraps Plotly.newPlot and Plotly.react (once plotly.js defines window.Plotly) to log each
# call on the timeline with its start and its end (when its promise settles).
PLOTLY_SPY = """
(() => {
  window.__plotlyCalls = [];
  let real;
  function wrap(P) {
    for (const name of ['newPlot', 'react', 'relayout', 'restyle', 'update']) {
      const original = P[name];
      if (typeof original !== 'function' || original.__spied) continue;
      const spied = function (gd, ...rest) {
        const el = typeof gd === 'string' ? document.getElementById(gd) : gd;
        const where = el && el.closest ? (el.closest('[id]') || {}).id || '' : '';
        const call = {name, where, start: performance.now(), traces: null};
        window.__plotlyCalls.push(call);
        const result = original.call(this, gd, ...rest);
        const done = () => { call.end = performance.now(); call.traces = (el && el.data || []).length; };
        if (result && result.then) result.then(done, done); else done();
        return result;
      };
      spied.__spied = true;
      P[name] = spied;
    }
  }
  Object.defineProperty(window, 'Plotly', {
    configurable: true,
    get() { return real; },
    set(value) { real = value; if (value) wrap(value); },
  });
})();
"""

CALLBACKS_JS = """() => performance.getEntriesByType('resource')
  .filter((entry) => entry.name.includes('_dash-update-component'))
  .map((entry) => ({start: entry.startTime, sent: entry.requestStart, first: entry.responseStart,
                    end: entry.responseEnd, bytes: entry.encodedBodySize}))"""

SCRIPTS_JS = """() => performance.getEntriesByType('resource')
  .filter((entry) => entry.initiatorType === 'script' || entry.name.endsWith('.js') || entry.name.includes('.js?'))
  .map((entry) => ({name: entry.name.split('/').pop().split('?')[0], start: entry.startTime,
                    end: entry.responseEnd, bytes: entry.encodedBodySize}))"""

NAVIGATION_JS = """() => { const n = performance.getEntriesByType('navigation')[0];
  return {response: n.responseEnd, interactive: n.domInteractive, content: n.domContentLoadedEventEnd,
          load: n.loadEventEnd}; }"""


def outputs_of(post: str | None) -> str:
    """The outputs a callback request asks for, shortened: ``timeline.figure, counts.children…``."""
    try:
        body = json.loads(post or "{}")
    except ValueError:
        return "?"
    output = body.get("output", "").strip(".").split("@")[0].split("...")[0]
    changed = ", ".join(body.get("changedPropIds") or []) or "initial"
    width = [item.get("value") for item in body.get("state", []) if item.get("id") == "timeline-width"]
    return f"{output} (after {changed})" + (f" width {width[0]}" if width else "")


def profile_once(browser, url: str, cpu_profile: bool, timeout_ms: float) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.add_init_script(PLOTLY_SPY)
    requests = []
    page.on("request", lambda request: requests.append(request) if "_dash-update-component" in request.url else None)
    session = None
    if cpu_profile:
        session = context.new_cdp_session(page)
        session.send("Profiler.enable")
        session.send("Profiler.setSamplingInterval", {"interval": 500})
        session.send("Profiler.start")
    page.goto(url, wait_until="commit", timeout=timeout_ms)
    drawn = page.wait_for_function(RENDERED_JS, arg={"counts": "", "search": ""}, polling="raf", timeout=timeout_ms)
    drawn_at = float(drawn.json_value())
    page.wait_for_timeout(1500)  # late callbacks (the measured width, detail) to show
    print(f"drawn and idle at {drawn_at:,.0f} ms")
    print("navigation:", {k: round(v) for k, v in page.evaluate(NAVIGATION_JS).items()})
    for script in page.evaluate(SCRIPTS_JS):
        print(f"  script {script['name']:<40} {script['start']:7.0f} → {script['end']:7.0f} ms {script['bytes']:>9,} B")
    timings = page.evaluate(CALLBACKS_JS)
    for request, timing in zip(requests, timings, strict=False):
        server = timing["first"] - timing["sent"]
        print(
            f"  callback {timing['start']:7.0f} → {timing['end']:7.0f} ms (server {server:6.0f} ms,"
            f" {timing['bytes']:>8,} B) {outputs_of(request.post_data)}"
        )
    for call in page.evaluate("() => window.__plotlyCalls"):
        end = call.get("end")
        took = f"{end - call['start']:6.0f} ms" if end else "unfinished"
        where = f"#{call['where']}"
        print(f"  Plotly.{call['name']:<8} on {where:<17} at {call['start']:7.0f} ms, {took}, {call['traces']} traces")
    if session is not None:
        profile = session.send("Profiler.stop")["profile"]
        print_cpu_profile(profile)
    context.close()


def print_cpu_profile(profile: dict) -> None:
    """Self time by script file and by function (the top 25), in ms."""
    nodes = {node["id"]: node for node in profile["nodes"]}
    deltas = profile["timeDeltas"]
    self_time: Counter = Counter()
    for sample, delta in zip(profile["samples"], deltas, strict=True):
        self_time[sample] += delta / 1000
    by_file: Counter = Counter()
    by_function: Counter = Counter()
    for node_id, ms in self_time.items():
        frame = nodes[node_id]["callFrame"]
        file = frame["url"].split("/")[-1].split("?")[0] or f"({frame['functionName'] or 'native'})"
        by_file[file] += ms
        by_function[f"{frame['functionName'] or '(anonymous)'} {file}:{frame['lineNumber']}"] += ms
    print("CPU self time by script:")
    for file, ms in by_file.most_common(12):
        print(f"  {ms:8.0f} ms  {file}")
    print("CPU self time by function:")
    for function, ms in by_function.most_common(25):
        print(f"  {ms:8.0f} ms  {function}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--data", type=Path, help="a data file instead of a generated one")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--search", default="", help="a query string to open, e.g. ?actor=ID")
    parser.add_argument("--cpu-profile", action="store_true")
    parser.add_argument("--timeout", type=float, default=300.0, metavar="S")
    args = parser.parse_args(argv)
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    from playwright.sync_api import sync_playwright

    from explorer import load
    from explorer.generate import generate, write
    from tests.browser.conftest import LiveServer

    print("load average:", " ".join(f"{value:.2f}" for value in os.getloadavg()))
    with tempfile.TemporaryDirectory() as folder:
        path = args.data or write(generate(events=args.events, seed=1), Path(folder) / "events.yaml")
        app, _, _ = make_app(load(path, max_bytes=2**31), layout_timeout=1800, fallback=True)
        server = LiveServer(app)
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                for _ in range(args.runs):
                    profile_once(browser, server.url + args.search, args.cpu_profile, args.timeout * 1000)
                browser.close()
        finally:
            server.stop()
    print("load average:", " ".join(f"{value:.2f}" for value in os.getloadavg()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
