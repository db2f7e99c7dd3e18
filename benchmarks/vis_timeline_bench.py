"""explorer's timeline side by side with vis-timeline, on the same generated data in the same
Chromium: first draw, an actor filter, and a zoom to the last year, with the ratios.

    (cd benchmarks/vis && npm ci)          # vis-timeline and vis-data, pinned by package-lock.json
    python benchmarks/vis_timeline_bench.py [--events 1000 10000] [--runs 3]

For each size, a dataset is generated (``explorer.generate``, seed 1). vis-timeline gets one
item per (event, actor) in the actor's group, the lanes explorer draws, from a static page
(benchmarks/vis/index.html) served on 127.0.0.1; each time is read from the page's own clock,
from the call until vis-timeline's ``changed`` event. explorer is served as the browser tests
serve it, and timed from navigation (first draw), from the address change (actor filter) and
from the zoom (``Plotly.relayout``) until the timeline is drawn and no callback is in flight.
Medians of --runs runs are printed; nothing is asserted.
"""

from __future__ import annotations

import argparse
import http.server
import logging
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.browser_bench import CHROMIUM, CHROMIUM_ARGS, RENDERED_JS, first_render, make_app  # noqa: E402
from benchmarks.static_pages import serve_folder  # noqa: E402

PEER = Path(__file__).resolve().parent / "vis"
IDLE_JS = """(search) => location.search.includes(search)
  && !document.querySelector('[data-dash-is-loading="true"]') && performance.now()"""


def vis_data(dataset) -> dict:
    """vis-timeline's items (one per event and actor) and groups (one per actor)."""
    items, groups = [], {}
    for event in dataset.events:
        actors = event.actor_ids() or ["(no actor)"]
        for actor in actors:
            groups.setdefault(actor, {"id": actor, "content": actor})
            item = {"id": f"{event.id}|{actor}", "group": actor, "start": event.first.isoformat()}
            if event.is_range:
                item["end"] = event.last.isoformat()
                item["type"] = "range"
            else:
                item["type"] = "point"
            items.append({**item, "content": event.title, "actors": actors})
    return {"items": items, "groups": list(groups.values())}


def serve_peer() -> tuple[http.server.ThreadingHTTPServer, str]:
    server, url = serve_folder(PEER)
    return server, url + "index.html"


def busiest_actor(dataset) -> str:
    counts: dict[str, int] = {}
    for event in dataset.events:
        for actor in event.actor_ids():
            counts[actor] = counts.get(actor, 0) + 1
    return max(counts, key=counts.get)


def last_year(dataset) -> tuple[str, str]:
    last = max(event.last for event in dataset.events)
    return last.replace(year=last.year - 1).isoformat(), last.isoformat()


def time_vis(browser, url: str, data: dict, actor: str, window: tuple[str, str], timeout_ms: float) -> list[float]:
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.set_default_timeout(timeout_ms)
    try:
        page.goto(url)
        first = page.evaluate("(data) => bench.firstDraw(data)", data)
        filtered = page.evaluate("(actor) => bench.filterActor(actor)", actor)
        page.evaluate("() => bench.showAll()")
        zoomed = page.evaluate("([a, b]) => bench.zoom(a, b)", list(window))
        return [first, filtered, zoomed]
    finally:
        page.close()


def time_explorer(browser, url: str, actor: str, window: tuple[str, str], timeout_ms: float) -> list[float]:
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    try:
        first = first_render(page, url, timeout_ms)
        counts = page.inner_text("#counts")
        started = page.evaluate(
            "(actor) => { const t = performance.now(); history.pushState({}, '', '?actor=' + actor);"
            " window.dispatchEvent(new PopStateEvent('popstate')); return t; }",
            actor,
        )
        arg = {"counts": counts, "search": f"actor={actor}"}
        filtered = page.wait_for_function(RENDERED_JS, arg=arg, polling="raf", timeout=timeout_ms).json_value()
        started_zoom = page.evaluate(
            "(range) => { const t = performance.now();"
            " Plotly.relayout(document.querySelector('#timeline .js-plotly-plot'), {'xaxis.range': range});"
            " return t; }",
            list(window),
        )
        zoomed = page.wait_for_function(IDLE_JS, arg="period=", polling="raf", timeout=timeout_ms).json_value()
        return [first, filtered - started, zoomed - started_zoom]
    finally:
        page.close()


def medians(runs: list[list[float]]) -> list[float]:
    return [statistics.median(column) for column in zip(*runs, strict=True)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=300.0, metavar="S", help="give up one wait after S s")
    args = parser.parse_args(argv)
    if not (PEER / "node_modules" / "vis-timeline").is_dir():
        print("vis-timeline is not installed: run `npm ci` in benchmarks/vis first", file=sys.stderr)
        return 2
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    from playwright.sync_api import sync_playwright

    from explorer import load
    from explorer.generate import generate, write
    from tests.browser.conftest import LiveServer

    peer, peer_url = serve_peer()
    print("| N events | first draw: explorer / vis-timeline (ratio) | actor filter | zoom to last year |")
    print("|---|---|---|---|")
    with sync_playwright() as playwright, tempfile.TemporaryDirectory() as folder:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for size in args.events:
            dataset = load(write(generate(events=size, seed=1), Path(folder) / f"e{size}.yaml"))
            app, _, _ = make_app(dataset, layout_timeout=1800, fallback=True)
            server = LiveServer(app)
            actor, window = busiest_actor(dataset), last_year(dataset)
            data = vis_data(dataset)
            timeout_ms = args.timeout * 1000
            ours = medians([time_explorer(browser, server.url, actor, window, timeout_ms) for _ in range(args.runs)])
            theirs = medians([time_vis(browser, peer_url, data, actor, window, timeout_ms) for _ in range(args.runs)])
            server.stop()
            cells = [f"{a / 1000:.2f} s / {b / 1000:.2f} s ({a / b:.1f}×)" for a, b in zip(ours, theirs, strict=True)]
            print(f"| {size:,} | " + " | ".join(cells) + " |", flush=True)
        browser.close()
    peer.shutdown()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
