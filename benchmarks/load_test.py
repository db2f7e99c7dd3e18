"""Load test of production serving, on loopback only.

Starts gunicorn with the explorer's WSGI entry point (``explorer.web:server``) and N workers
on 127.0.0.1, then sends C concurrent clients at the filter callback (the request the page
makes when a filter changes) for S seconds, each client cycling through a set of filters.
Prints requests per second, p50/p99 latency and the error count. The loop is bounded in
count and time and stops by itself; nothing leaves this machine.

    python benchmarks/load_test.py [--data FILE] [--workers 4] [--clients 200] [--seconds 60]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAX_REQUESTS = 2_000_000  # a hard bound on the total, whatever the duration


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_up(port: int, process: subprocess.Popen, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"gunicorn exited early:\n{process.stderr.read()}")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/_dash-dependencies")
            if connection.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.3)
    sys.exit("gunicorn did not answer in time")


def filter_request(port: int) -> dict:
    """The body of the page's render callback, read from the app's own dependency list."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", "/_dash-dependencies")
    dependencies = json.loads(connection.getresponse().read())
    draw = next(
        d for d in dependencies if any(i["id"] == "data-version" for i in d["inputs"]) and "counts" in d["output"]
    )
    outputs = []
    for part in draw["output"].strip(".").split("..."):
        component, prop = part.rsplit(".", 1)
        outputs.append({"id": component, "property": prop})
    return {"output": draw["output"], "outputs": outputs, "inputs": None, "changedPropIds": ["url.search"], "state": []}


def searches(data_path: str) -> list[str]:
    """A few realistic filters: the most active actors, one year each."""
    sys.path.insert(0, str(ROOT))
    from explorer import build_graph, load
    from explorer.graph import stats

    dataset = load(data_path, max_bytes=2**31)
    figures = stats(build_graph(dataset), top=5)
    year = figures.last.year if figures.last else 2025
    found = [f"?actor={actor_id}&from={year}&to={year}" for actor_id, _, _ in figures.most_connected]
    return found + [f"?from={year}-08&to={year}-09", "?kind=call", ""]


def client(port: int, body: dict, filters: list[str], deadline: float, results: list, budget: list) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    index = 0
    while time.monotonic() < deadline:
        with BUDGET_LOCK:
            if budget[0] <= 0:
                return
            budget[0] -= 1
        search = filters[index % len(filters)]
        index += 1
        payload = dict(
            body,
            inputs=[
                {"id": "url", "property": "search", "value": search},
                {"id": "data-version", "property": "data", "value": 0},
            ],
        )
        started = time.perf_counter()
        try:
            connection.request(
                "POST", "/_dash-update-component", json.dumps(payload), {"Content-Type": "application/json"}
            )
            response = connection.getresponse()
            answer = response.read()
            ok = response.status == 200 and b'"counts"' in answer  # the page's update, not an error page
        except (OSError, http.client.HTTPException):
            ok = False
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        results.append((time.perf_counter() - started, ok))


BUDGET_LOCK = threading.Lock()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", default=str(ROOT / "data" / "events.yaml"))
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=60)
    args = parser.parse_args()

    port = free_port()
    gunicorn = Path(sys.executable).parent / "gunicorn"
    server = subprocess.Popen(
        [
            str(gunicorn),
            "--workers",
            str(args.workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--timeout",
            "120",
            "--backlog",
            "2048",
            "explorer.web:server",
        ],
        env={**os.environ, "EXPLORER_DATA": args.data},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_until_up(port, server)
        body = filter_request(port)
        filters = searches(args.data)
        # Warm every worker (first callback builds nothing, but imports settle).
        warm: list = []
        client(port, body, filters, time.monotonic() + 5, warm, [args.workers * 4])
        results: list[tuple[float, bool]] = []
        deadline = time.monotonic() + args.seconds
        budget = [MAX_REQUESTS]
        threads = [
            threading.Thread(target=client, args=(port, body, filters, deadline, results, budget), daemon=True)
            for _ in range(args.clients)
        ]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=args.seconds + 180)
        elapsed = time.monotonic() - started
    finally:
        server.terminate()
        server.wait(timeout=30)
    latencies = sorted(seconds for seconds, ok in results if ok)
    errors = sum(1 for _, ok in results if not ok)
    p50 = statistics.median(latencies) * 1000 if latencies else float("nan")
    p99 = latencies[int(len(latencies) * 0.99) - 1] * 1000 if latencies else float("nan")
    print(f"data: {args.data}")
    print(
        f"{args.workers} gunicorn workers, {args.clients} concurrent clients, {elapsed:.0f} s, {os.cpu_count()} cores"
    )
    print(f"requests: {len(results)}  ({len(results) / elapsed:.1f} per second)")
    print(f"latency: p50 {p50:.0f} ms, p99 {p99:.0f} ms")
    print(f"errors: {errors}")


if __name__ == "__main__":
    main()
