"""Where the timeline's zoom spends its time, from Chromium's own performance data.

    python benchmarks/zoom_profile.py [--events 1000] [--runs 1] [--cpu-profile] [--calls 5]

Serves explorer for a generated dataset (seed 1), opens it in headless Chromium at 1280×800
with the busiest actor's filter (as ``vis_timeline_bench.py`` measures the zoom), then zooms
to the last year with ``Plotly.relayout`` and prints, on the page's clock (ms from the
relayout call): when the relayout's own work ended, when the plot showed the year and the
address held it (``vis_timeline_bench.py``'s zoom time), each plotly call and plotly event
that followed, and each callback request. With ``--cpu-profile``, Chromium's CPU time during
the zoom by script and by function (self time). ``--calls N`` then times N bare
``Plotly.relayout`` calls of the x range, alternating two periods, with the page's plotly
event handlers left on and taken off. The load average is printed first and last. Nothing is
asserted.
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.browser_bench import CHROMIUM, CHROMIUM_ARGS, RENDERED_JS, first_render, make_app  # noqa: E402
from benchmarks.first_draw_profile import PLOTLY_SPY, print_cpu_profile  # noqa: E402
from benchmarks.vis_timeline_bench import ZOOMED_JS, busiest_actor, last_year  # noqa: E402

# Logs, on the page's clock, the timeline's plotly events and the address changes.
EVENT_SPY = """(() => {
  window.__zoomLog = [];
  const log = (what) => window.__zoomLog.push({what, at: performance.now()});
  const gd = document.querySelector('#timeline .js-plotly-plot');
  for (const name of ['plotly_relayouting', 'plotly_relayout', 'plotly_afterplot', 'plotly_redraw']) {
    gd.on(name, () => log(name));
  }
  for (const name of ['pushState', 'replaceState']) {
    const original = history[name];
    history[name] = function (...args) { log(name + ' ' + String(args[2] || '')); return original.apply(this, args); };
  }
})()"""

# Starts the zoom; returns the call's start and the end of its synchronous work.
ZOOM_JS = """(range) => {
  const gd = document.querySelector('#timeline .js-plotly-plot');
  window.__plotlyCalls.length = 0;
  window.__zoomLog.length = 0;
  const start = performance.now();
  const done = Plotly.relayout(gd, {'xaxis.range': range});
  const returned = performance.now();
  done.then(() => window.__zoomLog.push({what: 'relayout promise', at: performance.now()}));
  return [start, returned];
}"""

# N bare relayouts of the x range, alternating two periods; ms of each (to its promise).
CALLS_JS = """async ([ranges, n, bare]) => {
  const gd = document.querySelector('#timeline .js-plotly-plot');
  const saved = gd._ev ? gd._ev._events : null;
  if (bare && gd._ev) gd._ev._events = {};
  const times = [];
  try {
    for (let i = 0; i < n; i++) {
      const start = performance.now();
      await Plotly.relayout(gd, {'xaxis.range': ranges[i % 2]});
      times.push(performance.now() - start);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    if (bare && gd._ev) gd._ev._events = saved;
  }
  return times;
}"""

CALLBACKS_JS = """(since) => performance.getEntriesByType('resource')
  .filter((entry) => entry.name.includes('_dash-update-component') && entry.startTime >= since)
  .map((entry) => ({start: entry.startTime, end: entry.responseEnd}))"""


def load_average() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def filtered_page(browser, url: str, actor: str, timeout_ms: float):
    """A fresh page showing ``?actor=ACTOR``, drawn and idle, with the spies in place."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.add_init_script(PLOTLY_SPY)
    first_render(page, url + "?actor=" + actor, timeout_ms)
    page.wait_for_function(RENDERED_JS, arg={"counts": "", "search": "actor="}, polling="raf", timeout=timeout_ms)
    page.wait_for_timeout(1000)
    page.evaluate(EVENT_SPY)
    return context, page


def zoom_once(page, window: tuple[str, str], cpu_profile: bool, timeout_ms: float) -> None:
    session = page.context.new_cdp_session(page) if cpu_profile else None
    if session is not None:
        session.send("Profiler.enable")
        session.send("Profiler.setSamplingInterval", {"interval": 100})
        session.send("Profiler.start")
    start, returned = page.evaluate(ZOOM_JS, list(window))
    period = "period=" + window[0]
    zoomed = page.wait_for_function(ZOOMED_JS, arg=[period, window[0]], polling="raf", timeout=timeout_ms).json_value()
    profile = session.send("Profiler.stop")["profile"] if session is not None else None
    page.wait_for_timeout(1500)  # the detail request and its patch
    print(f"  Plotly.relayout returned after {returned - start:6.1f} ms;", end=" ")
    print(f"zoomed (range and address) at {zoomed - start:6.1f} ms")
    for entry in page.evaluate("() => window.__zoomLog"):
        print(f"    {entry['at'] - start:8.1f} ms  {entry['what']}")
    for call in page.evaluate("() => window.__plotlyCalls"):
        end = f"{call['end'] - start:8.1f} ms" if call.get("end") else "unfinished"
        print(f"    Plotly.{call['name']} on #{call['where']} from {call['start'] - start:8.1f} ms to {end}")
    for request in page.evaluate(CALLBACKS_JS, start):
        print(f"    callback request {request['start'] - start:8.1f} → {request['end'] - start:8.1f} ms")
    if profile is not None:
        print_cpu_profile(profile)


def time_calls(page, window: tuple[str, str], calls: int) -> None:
    gd_range = page.evaluate("() => document.querySelector('#timeline .js-plotly-plot')._fullLayout.xaxis.range")
    ranges = [list(window), gd_range]
    for bare in (False, True):
        times = page.evaluate(CALLS_JS, [ranges, calls, bare])
        label = "handlers off" if bare else "handlers on "
        each = ", ".join(f"{t:.0f}" for t in times)
        print(f"  bare Plotly.relayout, {label}: median {statistics.median(times):6.1f} ms ({each})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--cpu-profile", action="store_true")
    parser.add_argument("--calls", type=int, default=0, metavar="N")
    parser.add_argument("--timeout", type=float, default=300.0, metavar="S")
    args = parser.parse_args(argv)
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    from playwright.sync_api import sync_playwright

    from explorer import load
    from explorer.generate import generate, write
    from tests.browser.conftest import LiveServer

    print("load average:", load_average())
    with tempfile.TemporaryDirectory() as folder:
        dataset = load(write(generate(events=args.events, seed=1), Path(folder) / "events.yaml"), max_bytes=2**31)
        app, _, _ = make_app(dataset, layout_timeout=1800, fallback=True)
        actor, window = busiest_actor(dataset), last_year(dataset)
        server = LiveServer(app)
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                for _ in range(args.runs):
                    context, page = filtered_page(browser, server.url, actor, args.timeout * 1000)
                    zoom_once(page, window, args.cpu_profile, args.timeout * 1000)
                    if args.calls:
                        time_calls(page, window, args.calls)
                    context.close()
                browser.close()
        finally:
            server.stop()
    print("load average:", load_average())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
