"""How long after a save every gunicorn worker serves the new version, on loopback only.

Starts gunicorn with the explorer's WSGI entry point, N workers and live reload on a copy of
a data file, then saves a new version (a new dataset name) R times; after each save it asks
for the page layout until 20 answers in a row carry the new name, and prints how long after
the save the first of those answers came. Bounded in rounds and time; stops by itself.

    python benchmarks/reload_consistency.py [--data FILE] [--workers 4] [--rounds 5] [--preload]
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from load_test import ROOT, free_port, wait_until_up

IN_A_ROW = 20


def layout(port: int) -> bytes:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", "/_dash-layout")
        return connection.getresponse().read()
    finally:
        connection.close()


def seconds_until_all_agree(port: int, marker: bytes, saved_at: float, limit: float = 60) -> float:
    """Seconds from ``saved_at`` to the first of IN_A_ROW answers in a row holding ``marker``."""
    streak_started, streak = 0.0, 0
    while streak < IN_A_ROW:
        if time.monotonic() - saved_at > limit:
            return float("inf")
        asked = time.monotonic()
        if marker in layout(port):
            streak_started, streak = (asked if streak == 0 else streak_started), streak + 1
        else:
            streak = 0
    return streak_started - saved_at


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(ROOT / "data" / "events.yaml"))
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--preload", action="store_true", help="build the app in the master (gunicorn --preload)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "events.yaml"
        shutil.copy(args.data, data)
        original = data.read_text(encoding="utf-8")
        port = free_port()
        gunicorn = Path(sys.executable).parent / "gunicorn"
        command = [str(gunicorn), "--workers", str(args.workers), "--bind", f"127.0.0.1:{port}"]
        environment = {**os.environ, "EXPLORER_DATA": str(data), "EXPLORER_WATCH": "1"}
        environment["EXPLORER_CACHE_DIR"] = str(Path(folder) / "cache")
        process = subprocess.Popen(
            [*command, *(["--preload"] if args.preload else []), "explorer.web:server"],
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            wait_until_up(port, process)
            times = []
            for round_number in range(1, args.rounds + 1):
                name = f"Reload round {round_number}"
                data.write_text(re.sub(r"(?m)^name: .*$", f"name: {name}", original, count=1), encoding="utf-8")
                elapsed = seconds_until_all_agree(port, name.encode(), time.monotonic())
                times.append(elapsed)
                print(f"round {round_number}: every worker serves the save after {elapsed:.2f} s", flush=True)
                time.sleep(1)
            print(
                f"{args.workers} workers{' (preloaded)' if args.preload else ''}: "
                f"median {statistics.median(times):.2f} s, max {max(times):.2f} s (goal ≤ 2 s)"
            )
        finally:
            process.terminate()
            process.communicate(timeout=60)


if __name__ == "__main__":
    main()
