"""The app end to end in a real browser: first render and a filter change, at the size of DATA.

    python benchmarks/browser_bench.py DATA.yaml [--runs 3]

Serves the app for DATA on a free loopback port (a background thread, as the browser tests do),
drives Debian's headless Chromium through Playwright (no browser is downloaded, nothing but
127.0.0.1 is contacted) and prints the median of --runs runs, each in a fresh browser context:

- first render: from navigation start to the timeline plot drawn (``#timeline .main-svg``
  visible, with traces, the event count shown) with no ``[data-dash-is-loading="true"]`` left;
- filter change: a date typed into the "from" picker (``input#dates``) and Enter, until the
  address holds it, the event count has changed and nothing is loading.

Both are read from the page's own clock (``performance.now()``, checked on every animation
frame). Starting the app (load, graph, network layout) is timed too. If the app cannot be
created (the network layout runs out of memory, or takes longer than --layout-timeout), the
failure is printed and, unless --no-fallback, the app is made again with a placeholder layout
(seeded random positions) so that the timeline can still be measured; the output says so.
"""

from __future__ import annotations

import argparse
import logging
import os
import random
import signal
import statistics
import sys
import threading
import time
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

CHROMIUM = os.environ.get("EXPLORER_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# True (as performance.now()) once the timeline is drawn with data and no callback is in flight.
RENDERED_JS = """(before) => {
  const svg = document.querySelector('#timeline .main-svg');
  if (!svg || !svg.getBoundingClientRect().width) return false;
  if (document.querySelector('[data-dash-is-loading="true"]')) return false;
  const gd = document.querySelector('#timeline .js-plotly-plot');
  if (!gd || !gd.data || !gd.data.length) return false;
  const counts = (document.querySelector('#counts') || {}).textContent || '';
  if (!counts || counts === before.counts) return false;
  if (before.search && !location.search.includes(before.search)) return false;
  return performance.now();
}"""


# What the page fetched from Dash: each request's name, when its response ended, its size.
REQUESTS_JS = """() => performance.getEntriesByType('resource')
  .filter((e) => e.name.includes('/_dash-'))
  .map((e) => ({name: new URL(e.name).pathname.replace(/^\\//, ''), start: e.startTime,
                wait: e.responseStart - e.requestStart, end: e.responseEnd,
                size: e.decodedBodySize || e.encodedBodySize || 0}))"""


def requests_summary(entries: list[dict]) -> str:
    """What the page fetched, on its clock: ``_dash-layout 2.62 MB by 900 ms; 3 callbacks
    sent from 7,100 ms, 0.03 MB, server 1,200 ms, last answered by 8,600 ms``."""
    parts = []
    for name in ("_dash-layout", "_dash-dependencies"):
        found = [e for e in entries if e["name"] == name]
        if found:
            parts.append(f"{name} {found[0]['size'] / 1e6:.2f} MB by {found[0]['end']:,.0f} ms")
    updates = [e for e in entries if e["name"] == "_dash-update-component"]
    if updates:
        parts.append(
            f"{len(updates)} callbacks sent from {min(e['start'] for e in updates):,.0f} ms, "
            f"{sum(e['size'] for e in updates) / 1e6:.2f} MB, server {sum(e['wait'] for e in updates):,.0f} ms, "
            f"last answered by {max(e['end'] for e in updates):,.0f} ms"
        )
    return "; ".join(parts)


class LiveServer:
    """The app's Flask server on 127.0.0.1 at a free port, in a background thread."""

    def __init__(self, app):
        from werkzeug.serving import make_server

        self.server = make_server("127.0.0.1", 0, app.server, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}/"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.thread.join(timeout=10)


class LayoutTimeout(Exception):
    pass


def _placeholder_positions(graph):
    """Seeded random positions in [-1, 1]², cached where the app looks for its layout."""
    from explorer.network_layout import LAYOUT_KEY

    rng = random.Random(7)
    positions = {node: (rng.uniform(-1, 1), rng.uniform(-1, 1)) for node in sorted(graph.nodes)}
    graph.graph[LAYOUT_KEY] = positions
    return positions


def make_app(dataset, layout_timeout: float, fallback: bool):
    """``create_app(dataset)``, timed; on failure, report it and (if allowed) use a placeholder
    layout. Returns (app, seconds, note)."""
    import explorer.web as web
    from explorer.web import live

    def on_alarm(signum, frame):
        raise LayoutTimeout

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, layout_timeout)
    started = time.perf_counter()
    try:
        app = web.create_app(dataset)
        return app, time.perf_counter() - started, None
    except LayoutTimeout:
        failure = f"create_app did not finish within {layout_timeout:.0f} s (the network layout)"
    except MemoryError as error:
        failure = f"create_app failed after {time.perf_counter() - started:.1f} s: MemoryError: {error}"
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    print(f"app: {failure}", flush=True)
    if not fallback:
        raise SystemExit(1)
    # The app lays out its graph through the name live.py imported: replace that one.
    with mock.patch.object(live, "network_positions", _placeholder_positions):
        started = time.perf_counter()
        app = web.create_app(dataset)
    return app, time.perf_counter() - started, f"{failure}; measured with a placeholder layout"


def _keep_update(seen: list, response) -> None:
    if "_dash-update-component" in response.url:
        seen.append(response)


def first_render(page, url: str, timeout_ms: float) -> float:
    """Milliseconds from navigation start to the timeline drawn and idle."""
    page.goto(url, wait_until="commit", timeout=timeout_ms)
    handle = page.wait_for_function(RENDERED_JS, arg={"counts": "", "search": ""}, polling="raf", timeout=timeout_ms)
    return float(handle.json_value())


def filter_change(page, date: str, timeout_ms: float) -> float:
    """Milliseconds from typing a start date (and Enter) to the page redrawn for it."""
    counts = page.inner_text("#counts")
    started = page.evaluate("performance.now()")
    page.fill("input#dates", date)
    page.press("input#dates", "Enter")
    arg = {"counts": counts, "search": f"from={date}"}
    handle = page.wait_for_function(RENDERED_JS, arg=arg, polling="raf", timeout=timeout_ms)
    return float(handle.json_value()) - started


def wire_bytes(page, url: str, timeout_ms: float) -> tuple[int, int]:
    """Bytes received over the wire (headers and bodies, as sent: compressed) and the number
    of requests that went to the server, for one visit of ``url`` until the timeline is drawn
    and idle. Answers from the browser's cache cost nothing and are not counted."""
    session = page.context.new_cdp_session(page)
    session.send("Network.enable")
    received: dict[str, int] = {}
    session.on("Network.loadingFinished", lambda done: received.update({done["requestId"]: done["encodedDataLength"]}))
    first_render(page, url, timeout_ms)
    page.wait_for_timeout(1000)  # late chunks (dropdown, date picker) and the reload poll
    session.detach()
    return sum(received.values()), sum(1 for size in received.values() if size)


def page_weight(browser, url: str, timeout_ms: float) -> str:
    """First-visit and repeat-visit bytes over the wire, in one browser profile (no request
    routing, which would turn off the HTTP cache; the page's CSP keeps it on this origin)."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        first, first_count = wire_bytes(context.new_page(), url, timeout_ms)
        repeat, repeat_count = wire_bytes(context.new_page(), url, timeout_ms)
    finally:
        context.close()
    return (
        f"page weight over the wire: first visit {first / 1e6:.2f} MB in {first_count} responses; "
        f"repeat visit {repeat / 1e3:.0f} kB in {repeat_count} responses"
    )


def busiest_recent_month(dataset) -> str:
    """A start date that keeps a realistic slice: the first day of the month a tenth of the
    events from the end (so the filter keeps about a tenth of the events)."""
    ordered = sorted(event.first for event in dataset.events)
    day = ordered[max(0, len(ordered) - max(1, len(ordered) // 10))]
    return day.replace(day=1).isoformat()


def median_ms(values: list[float]) -> str:
    if not values:
        return "—"
    value = statistics.median(values)
    spread = f" (min {min(values):,.0f}, max {max(values):,.0f})" if len(values) > 1 else ""
    return f"{value:,.0f} ms{spread}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", type=Path, metavar="DATA.yaml")
    parser.add_argument("--runs", type=int, default=3, help="runs (fresh browser contexts); medians are printed")
    parser.add_argument("--timeout", type=float, default=600.0, metavar="S", help="give up one wait after S s")
    parser.add_argument(
        "--layout-timeout", type=float, default=1800.0, metavar="S", help="give up creating the app after S s"
    )
    parser.add_argument("--date", help="the start date typed into the filter (default: keeps about a tenth)")
    parser.add_argument(
        "--no-fallback", action="store_true", help="fail when the app cannot be made, no placeholder layout"
    )
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be positive")
    if not Path(CHROMIUM).exists():
        print(f"No Chromium at {CHROMIUM}: apt-get install chromium, or set EXPLORER_CHROMIUM", file=sys.stderr)
        return 2

    from explorer import load

    # Every run draws its figures: no answer from the shared response cache of an earlier run.
    os.environ.setdefault("EXPLORER_CACHE_URL", "none")
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # no line per request
    started = time.perf_counter()
    dataset = load(args.data, max_bytes=2**31)
    loaded = time.perf_counter() - started
    print(f"{args.data}: {len(dataset.events):,} events, {len(dataset.actors):,} actors", flush=True)
    app, app_seconds, note = make_app(dataset, args.layout_timeout, not args.no_fallback)
    print(f"load {loaded:.1f} s; create_app (graph, network layout, page) {app_seconds:.1f} s", flush=True)
    date = args.date or busiest_recent_month(dataset)

    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright

    server = LiveServer(app)
    timeout_ms = args.timeout * 1000
    renders: list[float] = []
    changes: list[float] = []
    sizes: list[int] = []
    problems: list[str] = []
    weight = "page weight: not measured"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            weight = page_weight(browser, server.url, timeout_ms)
            print(weight, flush=True)
            for run in range(1, args.runs + 1):
                context = browser.new_context(viewport={"width": 1280, "height": 800})
                # Only the app: anything not on 127.0.0.1 is refused.
                context.route(
                    "**/*",
                    lambda route: route.continue_() if route.request.url.startswith(server.url) else route.abort(),
                )
                page = context.new_page()
                page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
                updates: list = []
                page.on("response", lambda response, seen=updates: _keep_update(seen, response))
                try:
                    render_ms = first_render(page, server.url, timeout_ms)
                    renders.append(render_ms)
                    fetched = requests_summary(page.evaluate(REQUESTS_JS))
                    largest = max((len(r.body()) for r in updates if r.ok), default=0)
                    sizes.append(largest)
                    updates.clear()
                    change_ms = filter_change(page, date, timeout_ms)
                    changes.append(change_ms)
                    change_size = max((len(r.body()) for r in updates if r.ok), default=0)
                    counts = page.inner_text("#counts")
                    print(
                        f"run {run}: first render {render_ms:,.0f} ms ({fetched}); filter from {date}: "
                        f"{change_ms:,.0f} ms (largest response {change_size / 1e6:.2f} MB) → {counts}",
                        flush=True,
                    )
                except PlaywrightTimeout:
                    print(f"run {run}: gave up after {args.timeout:.0f} s", flush=True)
                    problems.append(f"run {run}: > {args.timeout:.0f} s")
                finally:
                    context.close()
            browser.close()
    finally:
        server.stop()

    print()
    print(f"| {args.data.name} | first render | filter change (from {date}) |")
    print("|---|---:|---:|")
    print(f"| median of {len(renders)} | {median_ms(renders)} | {median_ms(changes)} |")
    if sizes:
        print(f"\nlargest callback response on first render: {statistics.median(sizes) / 1e6:.2f} MB")
    print(weight)
    if note:
        print(f"note: {note}")
    for problem in dict.fromkeys(problems):
        print(f"problem: {problem}")
    return 0 if renders and not problems else 1


if __name__ == "__main__":
    sys.exit(main())
