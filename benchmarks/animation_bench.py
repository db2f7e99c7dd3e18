"""Time ``explorer export --frames``: 24 frames at 1280×720, for each view and output format.

    python benchmarks/animation_bench.py [DATA] [--runs N]

Prints, per view and format, the median wall time of writing 24 weekly frames (one browser for
all of them), the time per frame, and the process's peak memory. The budget in issue 18 is
24 frames in 30 s on a 2-core machine. Nothing here is asserted by the tests.
"""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from explorer import build_graph, load  # noqa: E402
from explorer.animation import Animation, write_animation  # noqa: E402
from explorer.export import ImageRenderer  # noqa: E402
from explorer.graph import query  # noqa: E402

FRAMES = 24


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", default=str(ROOT / "data" / "events.yaml"))
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    graph = build_graph(load(args.data))
    last = max(event.last for event in query(graph).events)
    first = last - dt.timedelta(weeks=FRAMES) + dt.timedelta(days=1)
    view = query(graph, start=first.isoformat(), end=last.isoformat())
    print(f"{args.data}: {FRAMES} weekly frames, {first} to {last}, 1280×720, median of {args.runs}")
    print("| view | format | total | per frame |")
    print("|---|---|---|---|")
    with ImageRenderer() as renderer, tempfile.TemporaryDirectory() as folder:
        for view_name in ("network", "timeline", "positions"):
            animation = Animation(filters=view.filters, view_name=view_name, step="week")
            for suffix in (".gif", ".mp4", ""):
                times = []
                for run in range(args.runs):
                    target = Path(folder) / f"{view_name}-{run}{suffix or '-frames'}"
                    started = time.perf_counter()
                    _, count = write_animation(animation, view, target, renderer)
                    times.append(time.perf_counter() - started)
                median = statistics.median(times)
                print(f"| {view_name} | {suffix or 'PNG folder'} | {median:.1f} s | {1000 * median / count:.0f} ms |")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak RSS of this process: {peak:.0f} MiB")


if __name__ == "__main__":
    main()
