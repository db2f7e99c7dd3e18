"""explorer's network view against sigma.js + graphology, side by side on the same data and layout.

    python benchmarks/network_vs_sigma.py DATA.yaml... [--runs 3] [--nodes 400 all]

Needs ``npm ci`` in benchmarks/sigma (sigma and graphology, pinned in package-lock.json). Both
draw the explorer's own precomputed layout (computed before timing). Each run opens a fresh
page in Debian's headless Chromium and reads the page's own clock (``performance.now()``):

- explorer: from navigation start until the animation frame after the one in which the network
  plot is first seen drawn with its traces and no Dash callback loading (``?view=network&nodes=N``);
- sigma.js: from navigation start until the second animation frame after ``new Sigma(...)``
  (sigma draws in its constructor), drawing every node and edge of the graph (it has no "Show N").

Both wait one frame past the drawing, as the frame holding it runs only once its WebGL work is
done: without a GPU, Chromium reads each WebGL canvas back for the frame and the page waits.
(The first frame after ``new Sigma`` comes before that work: timed there, sigma.js looked drawn
in 2.5 s at 1,000 events on a loaded machine while its drawing came a minute later, and at
10,000 events the script waited for a frame that took longer than its limit.) A page not drawn
within --timeout seconds is shown as "> N s" and that side's further runs are skipped.

Prints, as a Markdown table, the median of --runs for each data file and "Show N", the JS heap
after drawing, the ratio explorer / sigma.js and the load average when each row was measured.
``--breakdown`` also prints where one fresh explorer page spends its time: navigation timing,
each Dash callback request (its server time is the time to the response's first byte, on
loopback), each ``Plotly.react``/``newPlot`` call, and the script time Chromium's long
animation frames attribute to each script file.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.static_pages import serve_folder  # noqa: E402
from explorer import build_graph, load  # noqa: E402
from explorer.figures.style import actor_color, event_color  # noqa: E402
from explorer.network_layout import network_positions  # noqa: E402
from explorer.web import create_app  # noqa: E402
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, LiveServer  # noqa: E402

SIGMA = Path(__file__).resolve().parent / "sigma"
EXPLORER_DRAWN_JS = """() => {
  const gd = document.querySelector('#network .js-plotly-plot');
  return !!(gd && gd.data && gd.data.length && gd.querySelector('.main-svg'))
    && !document.querySelector('[data-dash-is-loading="true"]');
}"""
NEXT_FRAME_JS = "new Promise((done) => requestAnimationFrame(() => done(performance.now())))"
SIGMA_DRAWN_JS = "() => window.drawnAt !== undefined"


class NotDrawn(Exception):
    """A page did not draw within the time allowed."""


def sigma_page(graph, directory: Path) -> None:
    """index.html, the two UMD builds and graph.json (nodes with the explorer's positions)."""
    positions = network_positions(graph)
    colors = {"actor": actor_color, "event": event_color}
    nodes = [
        [node, x, y, 4, colors.get(data["type"], lambda _: "#3E4C59")(data.get("kind", "")), data["label"]]
        for node, data in graph.nodes(data=True)
        for x, y in [positions[node]]
    ]
    edges = [[u, v] for u, v in graph.edges() if u != v]
    (directory / "graph.json").write_text(json.dumps({"nodes": nodes, "edges": edges}), encoding="utf-8")
    shutil.copy(SIGMA / "index.html", directory)
    shutil.copy(SIGMA / "node_modules/sigma/dist/sigma.min.js", directory)
    shutil.copy(SIGMA / "node_modules/graphology/dist/graphology.umd.min.js", directory)


def timed(playwright, url: str, done_js: str, clock_js: str, timeout: float) -> tuple[float, float]:
    """(milliseconds to draw, MB of JS heap) for one page in a fresh browser; :class:`NotDrawn`
    after ``timeout`` seconds. A browser per page: a page's WebGL work queued in the browser's
    GPU process outlives the page (sigma.js's at 10,000 events held up the next page for minutes)."""
    from playwright.sync_api import Error

    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        page.set_default_timeout(timeout * 1000)
        page.goto(url)
        page.wait_for_function(done_js, timeout=timeout * 1000, polling="raf")
        drawn = page.evaluate(clock_js)
        heap = page.evaluate("performance.memory ? performance.memory.usedJSHeapSize : 0") / 2**20
    except Error as error:
        raise NotDrawn(str(error).splitlines()[0]) from error
    finally:
        browser.close()
    return drawn, heap


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data", type=Path, nargs="+", help="one or more generated data files")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--nodes", nargs="+", default=["400"], help="explorer's Show N: 400, 1500, 5000 or all")
    parser.add_argument("--timeout", type=float, default=300, help="seconds a page may take to draw")
    parser.add_argument("--breakdown", action="store_true", help="where one explorer page spends its time")
    args = parser.parse_args()
    if not (SIGMA / "node_modules").is_dir():
        sys.exit("run `npm ci` in benchmarks/sigma first")
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    from playwright.sync_api import sync_playwright

    rows = []
    with sync_playwright() as playwright:
        for path in args.data:
            rows += measure_file(playwright, path, args)
    print(
        f"\n| data | explorer shows | explorer first draw | sigma.js (all nodes) | ratio | load |"
        f" (median of {args.runs})"
    )
    print("|---|---|---|---|---|---|")
    for row in rows:
        print(row)


def measure_file(playwright, path: Path, args) -> list[str]:
    """Table rows for one data file: sigma.js once, the explorer for each "Show N"."""
    dataset = load(path, max_bytes=2**31)
    graph = build_graph(dataset)
    size = f"{len(dataset.events):,} events ({graph.number_of_nodes():,} nodes, {graph.number_of_edges():,} edges)"
    with tempfile.TemporaryDirectory() as folder:
        sigma_page(graph, Path(folder))
        static, static_url = serve_folder(Path(folder))
        live = LiveServer(create_app(dataset))
        try:
            sigma = median_of(playwright, static_url, SIGMA_DRAWN_JS, "window.drawnAt", args)
            rows = []
            for nodes in args.nodes:
                url = f"{live.url}?view=network&nodes={nodes}"
                # A first, untimed page fills the app's caches (layouts, measures), as any
                # page after the first finds them.
                first = median_of(playwright, url, EXPLORER_DRAWN_JS, NEXT_FRAME_JS, args, runs=1)
                explorer = median_of(playwright, url, EXPLORER_DRAWN_JS, NEXT_FRAME_JS, args) if first else None
                if args.breakdown and first:
                    print(f"\n{size}, Show {nodes}:\n" + breakdown(playwright, url, args.timeout), flush=True)
                cells = [size, nodes, seconds(explorer), seconds(sigma), ratio(explorer, sigma), load_average()]
                rows.append("| " + " | ".join(cells) + " |")
                print(rows[-1], flush=True)
        finally:
            live.stop()
            static.shutdown()
    return rows


def median_of(playwright, url: str, done_js: str, clock_js: str, args, runs: int = 0) -> tuple[float, float] | None:
    """Median (milliseconds to draw, MB of JS heap) of ``runs`` (default --runs) fresh pages;
    None, and a note printed, when a page does not draw within --timeout."""
    results = []
    for _ in range(runs or args.runs):
        try:
            results.append(timed(playwright, url, done_js, clock_js, args.timeout))
        except NotDrawn as error:
            print(f"  {url}: not drawn in {args.timeout:.0f} s ({error})", flush=True)
            return None
    return statistics.median(r[0] for r in results), statistics.median(r[1] for r in results)


def seconds(result: tuple[float, float] | None) -> str:
    return f"{result[0] / 1000:.2f} s, {result[1]:.0f} MB heap" if result else "> timeout"


def ratio(explorer: tuple[float, float] | None, sigma: tuple[float, float] | None) -> str:
    return f"{explorer[0] / sigma[0]:.2f}" if explorer and sigma else "–"


def load_average() -> str:
    """The 1-minute load average, as ``uptime`` prints it."""
    return f"{os.getloadavg()[0]:.1f}"


#: Before any page script: record each Plotly.react / newPlot call and the long animation
#: frames' script attributions.
BREAKDOWN_INIT_JS = """
window.__plotCalls = []; window.__frames = [];
new PerformanceObserver((list) => window.__frames.push(...list.getEntries()))
  .observe({type: 'long-animation-frame', buffered: true});
let plotly;
Object.defineProperty(window, 'Plotly', {configurable: true, get: () => plotly, set: (value) => {
  for (const name of ['react', 'newPlot']) {
    const original = value[name];
    value[name] = function (...rest) {
      const start = performance.now();
      const result = original.apply(this, rest);
      const data = Array.isArray(rest[1]) ? rest[1] : (rest[1] || {}).data || [];
      Promise.resolve(result).then(() => window.__plotCalls.push(
        {name, start, ms: performance.now() - start, traces: data.length}));
      return result;
    };
  }
  plotly = value;
}});
"""
BREAKDOWN_READ_JS = """() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const requests = performance.getEntriesByType('resource')
    .filter((r) => r.name.includes('_dash-update-component'))
    .map((r) => ({start: r.startTime, server: r.responseStart - r.requestStart, end: r.responseEnd,
                  kB: r.encodedBodySize / 1024}));
  const scripts = {};
  for (const frame of window.__frames) for (const script of frame.scripts) {
    const key = (script.sourceURL.split('/').pop().split('?')[0] || '(inline)') + ' ' + script.invokerType;
    scripts[key] = (scripts[key] || 0) + script.duration;
  }
  return {nav: {responseEnd: nav.responseEnd, domContentLoaded: nav.domContentLoadedEventEnd,
                load: nav.loadEventEnd}, requests, plots: window.__plotCalls, scripts};
}"""


def breakdown(playwright, url: str, timeout: float) -> str:
    """Where one fresh explorer page spends its time until the network is drawn, as text."""
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        context.add_init_script(BREAKDOWN_INIT_JS)
        page = context.new_page()
        page.goto(url)
        page.wait_for_function(EXPLORER_DRAWN_JS, timeout=timeout * 1000, polling="raf")
        drawn = page.evaluate(NEXT_FRAME_JS)
        found = page.evaluate(BREAKDOWN_READ_JS)
    finally:
        browser.close()
    nav = found["nav"]
    lines = [
        f"  drawn at {drawn:.0f} ms (load {load_average()}); page received {nav['responseEnd']:.0f} ms, "
        f"DOMContentLoaded {nav['domContentLoaded']:.0f} ms, load {nav['load']:.0f} ms"
    ]
    lines += [
        f"  callback request {r['start']:.0f}–{r['end']:.0f} ms: server {r['server']:.0f} ms, {r['kB']:.1f} kB"
        for r in found["requests"]
    ]
    lines += [
        f"  Plotly.{p['name']} at {p['start']:.0f} ms: {p['ms']:.0f} ms, {p['traces']} traces" for p in found["plots"]
    ]
    ranked = sorted(found["scripts"].items(), key=lambda item: -item[1])
    lines += [f"  script {name}: {ms:.0f} ms" for name, ms in ranked[:12] if ms >= 5]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
