"""explorer's network view against sigma.js + graphology, side by side on the same data and layout.

    python benchmarks/network_vs_sigma.py DATA.yaml... [--runs 3] [--nodes 400 all]

Needs ``npm ci`` in benchmarks/sigma (sigma and graphology, pinned in package-lock.json). Both
draw the explorer's own precomputed layout (computed before timing). Each run opens a fresh
page in Debian's headless Chromium and reads the page's own clock (``performance.now()``):

- explorer: from navigation start until the network plot is drawn with its traces and no Dash
  callback is loading (``?view=network&nodes=N``);
- sigma.js: from navigation start until the first animation frame after ``new Sigma(...)``,
  drawing every node and edge of the graph (it has no "Show N").

Prints, as a Markdown table, the median of --runs for each data file and "Show N", the JS heap
after drawing, and the ratio explorer / sigma.js.
"""

from __future__ import annotations

import argparse
import json
import logging
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


def timed(browser, url: str, done_js: str, clock_js: str) -> tuple[float, float]:
    """(milliseconds to draw, MB of JS heap) for one fresh page."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(url)
    page.wait_for_function(done_js, timeout=600_000, polling="raf")
    drawn = page.evaluate(clock_js)
    heap = page.evaluate("performance.memory ? performance.memory.usedJSHeapSize : 0") / 2**20
    context.close()
    return drawn, heap


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data", type=Path, nargs="+", help="one or more generated data files")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--nodes", nargs="+", default=["400"], help="explorer's Show N: 400, 1500, 5000 or all")
    args = parser.parse_args()
    if not (SIGMA / "node_modules").is_dir():
        sys.exit("run `npm ci` in benchmarks/sigma first")
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    from playwright.sync_api import sync_playwright

    rows = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for path in args.data:
                rows += measure_file(browser, path, args.nodes, args.runs)
        finally:
            browser.close()
    print(f"\n| data | explorer shows | explorer first draw | sigma.js (all nodes) | ratio | (median of {args.runs})")
    print("|---|---|---|---|---|")
    for row in rows:
        print(row)


def measure_file(browser, path: Path, shown: list[str], runs: int) -> list[str]:
    """Table rows for one data file: sigma.js once, the explorer for each "Show N"."""
    dataset = load(path, max_bytes=2**31)
    graph = build_graph(dataset)
    size = f"{len(dataset.events):,} events ({graph.number_of_nodes():,} nodes, {graph.number_of_edges():,} edges)"
    with tempfile.TemporaryDirectory() as folder:
        sigma_page(graph, Path(folder))
        static, static_url = serve_folder(Path(folder))
        live = LiveServer(create_app(dataset))
        try:
            sigma = median_of(browser, static_url, "() => window.drawnAt !== undefined", "window.drawnAt", runs)
            rows = []
            for nodes in shown:
                url = f"{live.url}?view=network&nodes={nodes}"
                # A first, untimed page fills the app's caches (layouts, measures), as any
                # page after the first finds them.
                timed(browser, url, EXPLORER_DRAWN_JS, "performance.now()")
                explorer = median_of(browser, url, EXPLORER_DRAWN_JS, "performance.now()", runs)
                rows.append(
                    f"| {size} | {nodes} | {seconds(explorer)} | {seconds(sigma)} | {explorer[0] / sigma[0]:.2f} |"
                )
                print(rows[-1], flush=True)
        finally:
            live.stop()
            static.shutdown()
    return rows


def median_of(browser, url: str, done_js: str, clock_js: str, runs: int) -> tuple[float, float]:
    """Median (milliseconds to draw, MB of JS heap) of ``runs`` fresh pages."""
    results = [timed(browser, url, done_js, clock_js) for _ in range(runs)]
    return statistics.median(r[0] for r in results), statistics.median(r[1] for r in results)


def seconds(result: tuple[float, float]) -> str:
    return f"{result[0] / 1000:.2f} s, {result[1]:.0f} MB heap"


if __name__ == "__main__":
    main()
