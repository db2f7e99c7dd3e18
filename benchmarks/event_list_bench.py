"""How fast the List view answers on a large file: the server side of the grid's requests.

    python benchmarks/event_list_bench.py [--events 100000] [--runs 3] [--out DIR] [--data FILE] [--browser]

The data file comes from bench.py's cache (generated once, ``explorer generate`` seed 0, in
--out, default /tmp/explorer-bench). It prints, median of --runs runs where it says so:

- every row: the rows of all events, made once per data version (the first listing pays it);
- first block: the grid's first request (rows 0–100) for a new sort or search, which lists,
  sorts and searches every matching event, then slices;
- next block: a further block of the same listing (the listing is kept);
- CSV: the whole listing written as the List view's CSV (what Download CSV sends);
- JSON: the size of one block's answer as Dash sends it.

With ``--browser``, the app is also served on loopback and driven in headless Chromium
(1280×800), --runs times in a fresh page: the time to the first rows of ``?view=list``, to a
sort by a header click, to a scroll to the next block of rows (the grid's second request), to
a scroll to the middle of the list, and to a search; and how many rows the page holds. Each
figure is printed with the machine's load average. ``--data FILE`` measures a given file
(e.g. from ``explorer generate --events 100000``) instead of bench.py's.

Nothing is asserted: these are figures to read, on this machine (shared or not).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.bench import data_file  # noqa: E402
from explorer.cache import load_cached  # noqa: E402
from explorer.event_table import listed_csv, parse_sort  # noqa: E402
from explorer.web.event_list import BLOCK_ROWS, every_row, forget_listings, listed, rows_block  # noqa: E402
from explorer.web.live import AppData  # noqa: E402
from explorer.web.state import parse_search  # noqa: E402


def seconds(function, runs: int = 1) -> float:
    """The median wall time of ``function()`` over ``runs`` runs, in seconds."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def block(start: int, search: str, sort: str | None = None) -> dict:
    """A block request as the grid sends it."""
    column, _, direction = (sort or "").partition(":")
    model = [{"colId": column, "sort": direction}] if sort else []
    return {"startRow": start, "endRow": start + BLOCK_ROWS, "sortModel": model, "filterModel": {}}


def listings(data: AppData) -> list[tuple[str, str]]:
    """The listings measured: (what, URL query string)."""
    busiest = max(data.dataset.actors, key=lambda actor: len(data.graph.adj.get(f"actor:{actor.id}", ())))
    return [
        ("all events, by date", "?view=list"),
        ("all events, by title ↓", "?view=list&sort=title:desc"),
        ("all events, by actors", "?view=list&sort=actors:asc"),
        ("all events, by sources ↓", "?view=list&sort=sources:desc"),
        ("search “meeting”", "?view=list&search=meeting"),
        ("search “visit 2024”", "?view=list&search=visit%202024&sort=place:asc"),
        (f"actor {busiest.id}, by title", f"?view=list&actor={busiest.id}&sort=title:asc"),
        ("kinds meeting+call, 2020–2023", "?view=list&kind=meeting&kind=call&from=2020&to=2023"),
    ]


def measure(data: AppData, runs: int) -> None:
    print(f"server side, {load_text()}:")
    print("| listing | rows | first block | next block | CSV | block JSON |")
    print("|---|---|---|---|---|---|")
    for what, search in listings(data):
        forget_listings(keep_rows=True)  # the rows are made once per data version, measured apart
        first = seconds(lambda search=search: rows_block(block(0, ""), search, data))
        state, _ = parse_search(search, data.dataset)
        rows = listed(data.graph, state.filters(), state.list_order())
        middle = max(0, len(rows) // 2)
        following = seconds(lambda search=search, middle=middle: rows_block(block(middle, ""), search, data), runs)
        csv_time = seconds(lambda rows=rows: listed_csv(rows), runs)
        size = len(json.dumps(rows_block(block(0, ""), search, data)))
        print(
            f"| {what} | {len(rows):,} | {first * 1000:.0f} ms | {following * 1000:.1f} ms | "
            f"{csv_time * 1000:.0f} ms | {size / 1024:.1f} KiB |"
        )


# The grid's first shown row's event id, once its rows are in.
FIRST_ROW_JS = """() => {
  const row = document.querySelector('#event-list .ag-center-cols-container .ag-row[row-index="0"][row-id]');
  return row && row.getAttribute('row-id');
}"""

# True once the grid shows rows with data and none still loading.
ROWS_IN_JS = (
    "document.querySelector('#event-list .ag-row[row-id]')"
    " && !document.querySelector('#event-list .ag-row.ag-row-loading')"
)

# True once a row of the second block (index BLOCK_ROWS and on) is shown with its data.
NEXT_BLOCK_JS = f"""() => {{
  const rows = [...document.querySelectorAll('#event-list .ag-center-cols-container .ag-row[row-id]')];
  return rows.some((row) => Number(row.getAttribute('row-index')) >= {BLOCK_ROWS}) && {ROWS_IN_JS};
}}"""


def load_text() -> str:
    """The machine's load average (1, 5, 15 minutes), as ``uptime`` prints it."""
    return "load " + " ".join(f"{value:.2f}" for value in os.getloadavg())


def browser_steps(page, url: str, data: AppData) -> list:
    """The List view's steps as a user takes them: (what, action, JS true once done)."""
    every = parse_search("", data.dataset)[0].filters()
    by_title = listed(data.graph, every, parse_sort("title:asc"))
    meetings = listed(data.graph, every, parse_sort("title:asc", "meeting"))  # counted, not shown
    return [
        ("open ?view=list, first rows", lambda: page.goto(f"{url}?view=list"), FIRST_ROW_JS),
        (
            "sort by title (header click)",
            lambda: page.click("#event-list .ag-header-cell[col-id=title] .ag-header-cell-label"),
            f"() => ({FIRST_ROW_JS})() === {by_title[0].id!r}",
        ),
        (
            f"scroll to the next block (row {BLOCK_ROWS + 10})",
            lambda: page.eval_on_selector(
                "#event-list .ag-body-viewport", f"(el) => {{ el.scrollTop = {(BLOCK_ROWS + 10) * 34}; }}"
            ),
            NEXT_BLOCK_JS,
        ),
        (
            "scroll to the middle",
            lambda: page.eval_on_selector(
                "#event-list .ag-body-viewport", "(el) => { el.scrollTop = el.scrollHeight / 2; }"
            ),
            f"() => document.querySelectorAll('#event-list .ag-row[row-id]').length > 10 && {ROWS_IN_JS}",
        ),
        (
            "search “meeting”",
            lambda: page.fill("#list-search", "meeting"),
            f"() => document.querySelector('#list-count').innerText === '{len(meetings):,} events listed'"
            f" && {ROWS_IN_JS}",
        ),
    ]


def browser_timings(data: AppData, runs: int) -> None:
    """The List view in Chromium on ``data``, ``runs`` times in fresh pages: what a user waits
    for, in milliseconds, each with the machine's load when it was measured."""
    from playwright.sync_api import sync_playwright

    from benchmarks.browser_bench import CHROMIUM, CHROMIUM_ARGS, LiveServer
    from explorer.web import create_app

    # The list needs no network layout (minutes at 100k): leave it to the network's first use.
    with mock.patch("explorer.web.live.network_positions", lambda graph: None):
        server = LiveServer(create_app(data.dataset))
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for run in range(1, runs + 1):
                page = browser.new_page(viewport={"width": 1280, "height": 800})
                page.set_default_timeout(300_000)
                for what, act, done in browser_steps(page, server.url, data):
                    started = time.perf_counter()
                    act()
                    page.wait_for_function(done, polling=50)
                    took = (time.perf_counter() - started) * 1000
                    print(f"| run {run}: {what} | {took:,.0f} ms | {load_text()} |", flush=True)
                held = page.evaluate("document.querySelectorAll('#event-list .ag-row').length")
                print(f"| run {run}: rows in the page | {held} | |")
                page.close()
            browser.close()
    finally:
        server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path, default=Path("/tmp/explorer-bench"))
    parser.add_argument("--data", type=Path, help="a data file to measure instead of a generated one")
    parser.add_argument("--browser", action="store_true", help="also time the List view in headless Chromium")
    args = parser.parse_args()
    path = args.data or data_file(args.out, args.events)
    started = time.perf_counter()
    data = AppData.from_dataset(load_cached(path, max_bytes=2**31), with_layout=False)
    loaded = time.perf_counter() - started
    print(f"{path.name}: {len(data.dataset.events):,} events, loaded in {loaded:.1f} s; {load_text()}")
    every_row.cache_clear()
    print(f"every row made in {seconds(lambda: every_row(data.graph)) * 1000:.0f} ms (once per data version)\n")
    measure(data, args.runs)
    if args.browser:
        print("\n| in Chromium | time | load |\n|---|---|---|")
        browser_timings(data, args.runs)


if __name__ == "__main__":
    main()
