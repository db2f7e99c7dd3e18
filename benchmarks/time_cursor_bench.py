"""The time cursor's steps in a real browser: how long each step takes to redraw.

    python benchmarks/time_cursor_bench.py [DATA.yaml ...] [--steps 24] [--step month] [--nodes 400]
                                           [--views network ...] [--profile]

For the curated data and each DATA (e.g. a file from ``explorer generate --events 100000``),
serves the app on a free loopback port, opens the network (and then the timeline and the
positions) in Debian's headless Chromium with the cursor about --steps months before the last event, and
plays --steps steps (Play at 8 steps a second). Each step is timed by the page itself
(``window.explorerTimeCursor.timings``: from the step to Plotly's promise of the redraw, the
changed traces restyled, or the timeline's cursor line and veil moved). Prints the median and the
slowest step per view, the server's time to draw the first, dated figure, and the machine's
load average (one minute) when the view was measured. The goals
(issue 18): each step ≤ 100 ms on the curated data, ≤ 300 ms on 100,000 events. With
``--profile``, Chromium's CPU profiler samples the steps and the functions that took the most
time (self time) are printed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for folder in (ROOT, ROOT / "benchmarks"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from browser_bench import CHROMIUM, CHROMIUM_ARGS, LiveServer, make_app  # noqa: E402

VIEWS = ("network", "timeline", "positions")


def start_day(dataset, steps: int) -> str:
    """About ``steps`` months before the last event, where the data is dense: most steps
    change something."""
    last = max(event.last for event in dataset.events)
    return (last - dt.timedelta(days=31 * steps)).isoformat()


def profile_summary(profile: dict, top: int = 12) -> list[str]:
    """The functions Chromium's CPU ``profile`` (CDP ``Profiler.stop``) spent most self time
    in, as ``"  123.4 ms  name (file:line)"`` lines, the most first."""
    nodes = {node["id"]: node for node in profile["nodes"]}
    spent: dict[str, float] = {}
    for node_id, delta in zip(profile["samples"], profile["timeDeltas"], strict=True):
        frame = nodes[node_id]["callFrame"]
        where = f"{frame['functionName'] or '(anonymous)'} ({frame['url'].rsplit('/', 1)[-1]}:{frame['lineNumber']})"
        spent[where] = spent.get(where, 0.0) + delta / 1000
    ranked = sorted(spent.items(), key=lambda item: -item[1])[:top]
    return [f"    {ms:8.1f} ms  {where}" for where, ms in ranked]


def measure_view(page, url: str, view: str, steps: int, step: str, profile: bool = False) -> tuple[float, list[float]]:
    """(seconds to the first dated figure, milliseconds of each step) for one view; with
    ``profile``, prints where Chromium spent the steps' time."""
    graph = f"#{view} .js-plotly-plot"
    started = time.perf_counter()
    page.goto(url)
    page.wait_for_function(
        f"""() => {{ const gd = document.querySelector('{graph}');
            return gd && gd.layout && gd.layout.meta && gd.layout.meta.asof
                && !document.querySelector('[data-dash-is-loading="true"]'); }}""",
        timeout=600_000,
    )
    drawn = time.perf_counter() - started
    page.select_option("#asof-step", step)
    page.select_option("#asof-speed", "8")
    page.evaluate("window.explorerTimeCursor.timings.length = 0")
    session = page.context.new_cdp_session(page) if profile else None
    if session is not None:
        session.send("Profiler.enable")
        session.send("Profiler.setSamplingInterval", {"interval": 200})
        session.send("Profiler.start")
    page.click("#asof-play")
    page.wait_for_function(f"() => window.explorerTimeCursor.timings.length >= {steps}", timeout=600_000)
    page.click("#asof-play")
    if session is not None:
        print(
            "\n".join(
                [
                    f"  {view}: where the steps' time went (self time)",
                    *profile_summary(session.send("Profiler.stop")["profile"]),
                ]
            )
        )
        session.detach()
    return drawn, list(page.evaluate("window.explorerTimeCursor.timings"))[:steps]


def bench(label: str, dataset, args) -> None:
    app, seconds, note = make_app(dataset, layout_timeout=args.layout_timeout, fallback=True)
    print(f"{label}: {len(dataset.events):,} events; app made in {seconds:.1f} s{f' ({note})' if note else ''}")
    server = LiveServer(app)
    try:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            for view in args.views:
                query = f"?view={view}&nodes={args.nodes}&asof={start_day(dataset, args.steps)}"
                drawn, timings = measure_view(page, server.url + query, view, args.steps, args.step, args.profile)
                print(
                    f"  {view:9} first dated draw {drawn:5.1f} s; {len(timings)} steps of one {args.step}: "
                    f"median {statistics.median(timings):6.1f} ms, slowest {max(timings):6.1f} ms "
                    f"(load average {os.getloadavg()[0]:.2f})",
                    flush=True,
                )
            browser.close()
    finally:
        server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", nargs="*", help="data files to measure besides the curated data")
    parser.add_argument("--steps", type=int, default=24)
    parser.add_argument("--step", default="month", choices=("day", "week", "month", "year", "event"))
    parser.add_argument("--nodes", default="400", help="the network's Show choice: 400, 1500, 5000 or all")
    parser.add_argument("--layout-timeout", type=float, default=900)
    parser.add_argument("--skip-curated", action="store_true")
    parser.add_argument("--views", nargs="+", choices=VIEWS, default=list(VIEWS), help="the views to measure")
    parser.add_argument("--profile", action="store_true", help="print where Chromium spent the steps' time")
    args = parser.parse_args()
    from explorer import load
    from explorer.paths import default_data_path

    if not args.skip_curated:
        bench("curated", load(default_data_path()), args)
    for path in args.data:
        bench(path, load(path, max_bytes=2**31), args)


if __name__ == "__main__":
    main()
