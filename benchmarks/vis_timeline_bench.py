"""explorer's timeline side by side with vis-timeline, on the same generated data in the same
Chromium: first draw, an actor filter, and a zoom to the last year, with the ratios.

    (cd benchmarks/vis && npm ci)          # vis-timeline and vis-data, pinned by package-lock.json
    python benchmarks/vis_timeline_bench.py [--events 1000 10000 100000] [--runs 3] [--timeout 300]

For each size, a dataset is generated (``explorer.generate``, seed 1). vis-timeline gets one
item per (event, actor) in the actor's group, the lanes explorer draws, from a static page
(benchmarks/vis/index.html) served on 127.0.0.1 with the items as a JSON file. Each time is
read from the page's own clock:

- first draw: from navigation start until drawn, for both (explorer: the timeline drawn, its
  event count shown, no callback in flight; vis-timeline: the page fetches its data and draws
  it, until its ``changed`` event);
- actor filter: from the address change (explorer) or the ``setItems`` call (vis-timeline)
  until drawn and idle;
- zoom to the last year: from ``Plotly.relayout`` until the plot shows the year and the URL
  holds it (explorer), from ``setWindow`` until ``changed`` (vis-timeline). explorer's titles
  for the new period arrive afterwards without blocking; the time until then is printed too.

A wait longer than --timeout prints "> N s" and ends that side's runs at that size. Medians of
--runs runs are printed, and below the table the 1-minute load average when each size began
and ended; nothing is asserted.
"""

from __future__ import annotations

import argparse
import http.server
import json
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
from benchmarks.static_pages import serve_folder  # noqa: E402

PEER = Path(__file__).resolve().parent / "vis"
# The plot shows the zoomed period (to the day) and the URL holds it.
ZOOMED_JS = """([search, start]) => location.search.includes(search)
  && String(document.querySelector('#timeline .js-plotly-plot')._fullLayout.xaxis.range[0]).startsWith(start)
  && performance.now()"""
# The server's titles for the zoomed period have replaced the old ones and nothing is loading.
DETAILED_JS = """(search) => {
  const meta = document.querySelector('#timeline .js-plotly-plot').layout.meta;
  return (meta.search || '').includes(search)
    && !document.querySelector('[data-dash-is-loading="true"]') && performance.now();
}"""


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


def serve_peer(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    """The peer's page and node_modules (linked) with the data files, served from ``folder``."""
    for name in ("index.html", "node_modules"):
        (folder / name).symlink_to(PEER / name)
    server, url = serve_folder(folder)
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


def time_vis(page, url: str, data_file: str, actor: str, window: tuple[str, str], timeout_ms: float) -> list[float]:
    page.set_default_timeout(timeout_ms)
    page.goto(url)
    first = page.evaluate("(file) => bench.loadAndDraw(file)", data_file)
    filtered = page.evaluate("(actor) => bench.filterActor(actor)", actor)
    page.evaluate("() => bench.showAll()")
    zoomed = page.evaluate("([a, b]) => bench.zoom(a, b)", list(window))
    return [first, filtered, zoomed]


def time_explorer(page, url: str, actor: str, window: tuple[str, str], timeout_ms: float) -> list[float]:
    """First draw, actor filter, zoom, and the zoom's titles from the server, in ms."""
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
    period = "period=" + window[0]
    zoomed = page.wait_for_function(ZOOMED_JS, arg=[period, window[0]], polling="raf", timeout=timeout_ms)
    detailed = page.wait_for_function(DETAILED_JS, arg=period, polling="raf", timeout=timeout_ms)
    return [first, filtered - started, zoomed.json_value() - started_zoom, detailed.json_value() - started_zoom]


def timed_runs(browser, runs: int, timeout_ms: float, measure, *args) -> list[list[float]] | None:
    """``measure(page, *args)`` in a fresh context per run; None once a run passes the timeout
    (its context is then closed, and the remaining runs skipped)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    results = []
    for _ in range(runs):
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        try:
            results.append(measure(context.new_page(), *args))
        except PlaywrightTimeout:
            return None
        finally:
            context.close()
    return results


def medians(runs: list[list[float]] | None, columns: int) -> list[float | None]:
    """The median of each column, or None for each when the runs passed the timeout."""
    if runs is None:
        return [None] * columns
    return [statistics.median(column) for column in zip(*runs, strict=True)]


def cell(ours: float | None, theirs: float | None, timeout: float) -> str:
    """``0.41 s / 0.68 s (0.6×)``, with ``> 300 s`` for a wait that passed the timeout."""

    def seconds(ms: float | None) -> str:
        return f"> {timeout:.0f} s" if ms is None else f"{ms / 1000:.2f} s"

    ratio = f" ({ours / theirs:.1f}×)" if ours is not None and theirs else ""
    return f"{seconds(ours)} / {seconds(theirs)}{ratio}"


def load_average() -> str:
    """The machine's 1-minute load average, as ``uptime`` prints it."""
    return f"{os.getloadavg()[0]:.2f}"


def compare(browser, size: int, folder: Path, peer_url: str, runs: int, timeout: float) -> tuple[str, str]:
    """One table row for ``size`` generated events, and a note on explorer's zoom detail."""
    from explorer import load
    from explorer.generate import generate, write
    from tests.browser.conftest import LiveServer

    load_before = load_average()
    dataset = load(write(generate(events=size, seed=1), folder / f"e{size}.yaml"), max_bytes=2**31)
    app, _, _ = make_app(dataset, layout_timeout=1800, fallback=True)
    actor, window, timeout_ms = busiest_actor(dataset), last_year(dataset), timeout * 1000
    data_file = f"data-{size}.json"
    (folder / data_file).write_text(json.dumps(vis_data(dataset)))
    server = LiveServer(app)
    try:
        ours = timed_runs(browser, runs, timeout_ms, time_explorer, server.url, actor, window, timeout_ms)
    finally:
        server.stop()
    theirs = timed_runs(browser, runs, timeout_ms, time_vis, peer_url, data_file, actor, window, timeout_ms)
    *ours_medians, detail = medians(ours, 4)
    cells = [cell(a, b, timeout) for a, b in zip(ours_medians, medians(theirs, 3), strict=True)]
    detail_text = cell(detail, None, timeout).split(" /")[0]
    note = f"{size:,} events: explorer's zoom detail after {detail_text}; load average {load_before} → {load_average()}"
    return f"| {size:,} | " + " | ".join(cells) + " |", note


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=300.0, metavar="S", help="give up one wait after S s")
    args = parser.parse_args(argv)
    if not (PEER / "node_modules" / "vis-timeline").is_dir():
        print("vis-timeline is not installed: run `npm ci` in benchmarks/vis first", file=sys.stderr)
        return 2
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    from playwright.sync_api import sync_playwright

    rows, notes = [], []
    with sync_playwright() as playwright, tempfile.TemporaryDirectory() as folder:
        peer, peer_url = serve_peer(Path(folder))
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for size in args.events:
            row, note = compare(browser, size, Path(folder), peer_url, args.runs, args.timeout)
            rows.append(row)
            notes.append(note)
            print(row, flush=True)
        browser.close()
        peer.shutdown()
    print("\n| N events | first draw: explorer / vis-timeline (ratio) | actor filter | zoom to last year |")
    print("|---|---|---|---|")
    print("\n".join(rows))
    print("\n".join(notes))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
