"""What a state nobody asked for before costs the server: the page's render callback for
readers' own states (as ``load_test.py`` makes them), each one new, through Flask and Dash with
the response cache off, in this process. Prints the CPU time per request for each view (the
median and the mean), and with ``--profile`` the functions that cost most (cProfile).

    python benchmarks/new_state_cost.py [--data FILE] [--states 150] [--profile] [--top 25]

Also prints, for comparison, the CPU time of a callback Dash answers without drawing (the
reload poll: what any callback request pays here) and of the page's HTML.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import random
import statistics
import sys
import time
from collections import defaultdict
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from load_test import SCREEN_PLOT_WIDTHS, newsroom_mix, render_body, render_payload  # noqa: E402


def view_of(search: str) -> str:
    for view in ("network", "positions", "list"):
        if f"view={view}" in search:
            return view
    return "timeline"


def reader_states(data: str, count: int) -> list[str]:
    """``count`` distinct readers' states, a quarter of them for each view."""
    mix = newsroom_mix(data, 0.0, 0)
    rng = random.Random(15)
    states: dict[str, None] = {}
    while len(states) < count:
        search = mix.random_state(rng)
        if rng.random() < 0.25:  # the load test's readers never ask for the List view; readers do
            search = search.split("&view=")[0].split("&selected=")[0] + "&view=list"
        states[search] = None
    return list(states)


def cpu_ms(action) -> float:
    started = time.process_time()
    action()
    return (time.process_time() - started) * 1000


RELOAD_POLL = {
    "output": "..data-version.data...notice-version.data...reload-banner.children..",
    "outputs": [
        {"id": "data-version", "property": "data"},
        {"id": "notice-version", "property": "data"},
        {"id": "reload-banner", "property": "children"},
    ],
    "inputs": [{"id": "reload-poll", "property": "n_intervals", "value": 1}],
    "changedPropIds": ["reload-poll.n_intervals"],
    "state": [
        {"id": "data-version", "property": "data", "value": "x"},
        {"id": "notice-version", "property": "data", "value": "x"},
    ],
}


def print_costs(costs: dict[str, list[float]]) -> None:
    print("CPU per never-seen state (render callback through Flask and Dash, response cache off):")
    every = [cost for view_costs in costs.values() for cost in view_costs]
    for view, view_costs in sorted(costs.items()) + [("all", every)]:
        print(
            f"  {view:9} {len(view_costs):4} states: median {statistics.median(view_costs):6.1f} ms, "
            f"mean {statistics.fmean(view_costs):6.1f} ms, max {max(view_costs):6.1f} ms"
        )


def print_comparisons(client) -> None:
    """The CPU time of a callback that draws nothing, and of the page's HTML."""
    poll = json.dumps(RELOAD_POLL).encode()
    others = {
        "Dash callback that draws nothing (reload poll)": lambda: client.post(
            "/_dash-update-component", data=poll, content_type="application/json"
        ),
        "the page's HTML (Dash answers any path with it)": lambda: client.get("/no-such-page"),
    }
    for name, action in others.items():
        print(f"  for comparison, {name}: {statistics.median(cpu_ms(action) for _ in range(300)):.2f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", default=str(ROOT / "data" / "events.yaml"))
    parser.add_argument("--states", type=int, default=160)
    parser.add_argument("--profile", action="store_true", help="print cProfile's top functions per view")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    os.environ["EXPLORER_CACHE_URL"] = "none"
    from explorer.web import create_app

    client = create_app(args.data, max_bytes=2**31).server.test_client()
    body = render_body(client.get("/_dash-dependencies").get_json())
    states = reader_states(args.data, args.states)
    rng = random.Random(3)

    def ask(search: str) -> None:
        payload = render_payload(body, search, rng.choice(SCREEN_PLOT_WIDTHS))
        response = client.post("/_dash-update-component", data=payload, content_type="application/json")
        assert response.status_code == 200 and b'"counts"' in response.data, response.status_code

    for search in states[:8]:  # first calls fill the per-graph caches (indexes, measures, layouts)
        ask(search)
    costs: dict[str, list[float]] = defaultdict(list)
    profiles: dict[str, cProfile.Profile] = defaultdict(cProfile.Profile)
    for search in states[8:]:
        view = view_of(search)
        action = partial(profiles[view].runcall, ask, search) if args.profile else partial(ask, search)
        costs[view].append(cpu_ms(action))
    print(f"data: {args.data}; load average {os.getloadavg()[0]:.2f}")
    print_costs(costs)
    print_comparisons(client)
    for view, profile in sorted(profiles.items()):
        print(f"\n--- {view}: cumulative time ---")
        pstats.Stats(profile).sort_stats("cumulative").print_stats(args.top)


if __name__ == "__main__":
    main()
