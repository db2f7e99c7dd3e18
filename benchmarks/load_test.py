"""Load test of production serving, on loopback only.

Starts gunicorn with the explorer's WSGI entry point (``explorer.web:server``) and production
settings (``-c python:explorer.web.gunicorn_config``: gthread workers, preloaded app) and N
workers on 127.0.0.1, then sends C concurrent clients at the page's render callback (the
request the page makes when its URL changes) for S seconds. The mix is a newsroom's: 80% of
requests ask for one of 20 popular states (the default view, the busiest actors' years, the
network and positions views: shared links), 20% for a reader's own state (an actor of a real
event, years around it, a view, half the time that event selected; from a seeded generator),
so that a state nobody asked for before shows events as a reader's does, not an empty view.
Prints requests per second, p50/p99 latency and the error count.

With ``--kill-every 5`` a worker is killed (SIGKILL by default, as an out-of-memory kill) every
5 s during the run; gunicorn's master starts another. A request whose connection the killed
worker drops is sent again (up to 3 times, after 0.2, 0.4 and 0.8 s), as the page does
(``assets/callback_retry.js``) and as a reverse proxy in front of gunicorn does when told
that a request is idempotent (nginx: ``proxy_next_upstream error
non_idempotent``; a callback request computes a view and changes nothing); the run prints how
many were dropped, and how many failed even so.

The response cache is a fresh folder per run (cold at the start), or ``--cache-url``
(``redis://127.0.0.1:6379/0``, ``none``). The loops are bounded in count and time and stop by
themselves; nothing leaves this machine.

    python benchmarks/load_test.py [--data FILE] [--workers 4] [--clients 200] [--seconds 60]
                                   [--popular-share 0.8] [--random-states N]
                                   [--kill-every 5] [--kill-signal KILL|TERM] [--cache-url URL]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAX_REQUESTS = 2_000_000  # a hard bound on the total, whatever the duration
POPULAR_SHARE = 0.8
TRIES = 4  # a request whose connection drops is sent again up to 3 times (it changes nothing), as the page does
GUNICORN_CONFIG = "python:explorer.web.gunicorn_config"  # gthread workers, preloaded app
# The timeline width the page sends (the pane less 380 px, rounded down to 40 px) on common
# screens 1280, 1366, 1440, 1536, 1920 and 2560 px wide (panes 716, 802, 876, 972, 1356 and
# 1996 px, measured in Chromium): each reader's answers are drawn, and cached, for their screen.
SCREEN_PLOT_WIDTHS = (320, 400, 480, 560, 960, 1600)


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


def render_request(port: int) -> dict:
    """The body of the page's render callback, read from the app's own dependency list."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", "/_dash-dependencies")
    return render_body(json.loads(connection.getresponse().read()))


def render_body(dependencies: list[dict]) -> dict:
    """The render callback's request body (without its inputs), from Dash's dependency list."""
    draw = next(
        d for d in dependencies if any(i["id"] == "data-version" for i in d["inputs"]) and "counts" in d["output"]
    )
    outputs = []
    for part in draw["output"].strip(".").split("..."):
        component, prop = part.rsplit(".", 1)
        outputs.append({"id": component, "property": prop})
    return {
        "output": draw["output"],
        "outputs": outputs,
        "inputs": [{"id": item["id"], "property": item["property"]} for item in draw["inputs"]],
        "state": [{"id": item["id"], "property": item["property"]} for item in draw["state"]],
        "changedPropIds": [f"{draw['inputs'][0]['id']}.{draw['inputs'][0]['property']}"],
    }


def render_payload(body: dict, search: str, plot_width: int) -> bytes:
    """The render request for the page at ``search`` (no zoomed period) with a timeline
    ``plot_width`` pixels wide, as the page sends it on its first draw."""
    values = {"timeline-page-search": search, "url": search, "data-version": 0, "timeline-width": plot_width}

    def filled(items: list[dict]) -> list[dict]:
        return [dict(item, value=values.get(item["id"])) for item in items]

    return json.dumps(dict(body, inputs=filled(body["inputs"]), state=filled(body["state"]))).encode()


@dataclass
class Mix:
    """The states asked for: ``popular`` ones with probability ``popular_share``, else a
    reader's own (see ``random_state``), from the first ``random_states`` of them if set
    (readers' links, which come back), or each one drawn anew."""

    popular: list[str]
    events: list[tuple[str, tuple[str, ...], int]]  # (event id, its actors, its year)
    popular_share: float = POPULAR_SHARE
    random_states: int = 0
    rng: random.Random = field(default_factory=lambda: random.Random(15))

    def next(self) -> str:
        if self.rng.random() < self.popular_share:
            return self.rng.choice(self.popular)
        if self.random_states:
            return self.random_state(random.Random(self.rng.randrange(self.random_states)))
        return self.random_state(self.rng)

    def random_state(self, rng: random.Random) -> str:
        """A state a reader makes: one actor of a real event, years around the event's (so
        the view shows it), a view, and half the time that event selected (a click)."""
        event_id, actors, year = rng.choice(self.events)
        search = f"?actor={rng.choice(actors)}&from={year - rng.randint(0, 2)}&to={year + rng.randint(0, 2)}"
        search += rng.choice(["", "&view=network", "&view=positions"])
        return search + (f"&selected=event:{event_id}" if rng.random() < 0.5 else "")


def newsroom_mix(data_path: str, popular_share: float, random_states: int) -> Mix:
    """20 popular states (the default view, the views, the busiest actors and their last
    year) and the events readers' own states are made from, from the dataset itself."""
    sys.path.insert(0, str(ROOT))
    from explorer import build_graph, load
    from explorer.graph import stats

    dataset = load(data_path, max_bytes=2**31)
    figures = stats(build_graph(dataset), top=8)
    last = figures.last.year if figures.last else 2025
    busiest = [actor_id for actor_id, _, _ in figures.most_connected]
    popular = ["", "?view=network", "?view=positions", f"?from={last}", f"?from={last}-08&to={last}-09"]
    popular += [f"?actor={actor_id}" for actor_id in busiest]
    popular += [f"?actor={actor_id}&from={last}&to={last}" for actor_id in busiest]
    events = [(event.id, tuple(event.actor_ids()), event.first.year) for event in dataset.events if event.actors]
    return Mix(popular[:20], events, popular_share, random_states)


def send(connection: http.client.HTTPConnection, payload: bytes) -> str:
    """One render request: "ok" for the page's update, else what came back instead."""
    connection.request("POST", "/_dash-update-component", payload, {"Content-Type": "application/json"})
    response = connection.getresponse()
    answer = response.read()
    return "ok" if response.status == 200 and b'"counts"' in answer else f"HTTP {response.status}"


@dataclass
class Tally:
    results: list[tuple[float, bool]] = field(default_factory=list)
    dropped: int = 0  # connections a killed worker dropped (sent again once)
    resent: list[float] = field(default_factory=list)  # latencies of the requests sent again
    failures: Counter = field(default_factory=Counter)
    server_cpu: float = 0.0  # CPU seconds gunicorn used during the run (without killed workers)
    client_cpu: float = 0.0  # CPU seconds this load generator used
    budget: int = MAX_REQUESTS
    lock: threading.Lock = field(default_factory=threading.Lock)

    def take(self) -> bool:
        with self.lock:
            self.budget -= 1
            return self.budget >= 0


def client(port: int, body: dict, mix: Mix, deadline: float, tally: Tally) -> None:
    """One reader, on a screen of their own, asking for states until the deadline."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    with tally.lock:
        plot_width = mix.rng.choice(SCREEN_PLOT_WIDTHS)
    while time.monotonic() < deadline and tally.take():
        with tally.lock:
            search = mix.next()
        payload = render_payload(body, search, plot_width)
        started = time.perf_counter()
        outcome = ""
        for attempt in range(TRIES):  # a dropped connection is sent again, as the page does (assets/callback_retry.js)
            try:
                outcome = send(connection, payload)
                break
            except (OSError, http.client.HTTPException) as error:
                outcome = type(error).__name__
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
                time.sleep(0.2 * 2**attempt)  # the page's backoff: 0.2, 0.4, 0.8 s
                if attempt == 0:
                    with tally.lock:
                        tally.dropped += 1
        seconds = time.perf_counter() - started
        tally.results.append((seconds, outcome == "ok"))
        if attempt:
            with tally.lock:
                tally.resent.append(seconds)
        if outcome != "ok":
            with tally.lock:
                tally.failures[outcome] += 1


def worker_pids(master: int) -> list[int]:
    """The pids of gunicorn's workers: the master's children (from /proc)."""
    children = Path(f"/proc/{master}/task/{master}/children")
    return [int(pid) for pid in children.read_text().split()] if children.exists() else []


def cpu_seconds(pids: list[int]) -> float:
    """User and system CPU time the processes ``pids`` have used (from /proc)."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / os.sysconf("SC_CLK_TCK")


def kill_workers(master: int, every: float, how: signal.Signals, deadline: float, killed: list) -> None:
    rng = random.Random(8)
    while time.monotonic() + every < deadline:
        time.sleep(every)
        pids = worker_pids(master)
        if pids:
            victim = rng.choice(pids)
            try:
                os.kill(victim, how)
                killed.append(victim)
            except ProcessLookupError:
                pass


def start_gunicorn(args: argparse.Namespace, port: int, cache_url: str) -> subprocess.Popen:
    """gunicorn with the explorer's production settings (``explorer.web.gunicorn_config``),
    ``--gunicorn-option``s on top."""
    gunicorn = Path(sys.executable).parent / "gunicorn"
    command = [str(gunicorn), "-c", GUNICORN_CONFIG, "--workers", str(args.workers), "--bind", f"127.0.0.1:{port}"]
    command += [*args.gunicorn_option, "explorer.web:server"]
    return subprocess.Popen(
        command,
        env={**os.environ, "EXPLORER_DATA": args.data, "EXPLORER_CACHE_URL": cache_url},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def stop_gunicorn(server: subprocess.Popen) -> None:
    """Stop the server: gracefully, else (clients' idle connections held open) by force."""
    server.terminate()
    try:
        server.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.communicate(timeout=30)


def run(args: argparse.Namespace, cache_url: str) -> tuple[Tally, float, list]:
    port = free_port()
    server = start_gunicorn(args, port, cache_url)
    killed: list[int] = []
    try:
        wait_until_up(port, server)
        body = render_request(port)
        mix = newsroom_mix(args.data, args.popular_share, args.random_states)
        # Warm up: each worker imports, and the popular states are drawn once (a morning's first readers).
        warm = Mix(mix.popular, mix.events, popular_share=1.0)
        warm_threads = [
            threading.Thread(target=client, args=(port, body, warm, time.monotonic() + 20, Tally(budget=6)))
            for _ in range(args.workers * 2)
        ]
        for thread in warm_threads:
            thread.start()
        for thread in warm_threads:
            thread.join(timeout=300)
        tally = Tally()
        deadline = time.monotonic() + args.seconds
        threads = [
            threading.Thread(target=client, args=(port, body, mix, deadline, tally), daemon=True)
            for _ in range(args.clients)
        ]
        if args.kill_every:
            how = signal.Signals[f"SIG{args.kill_signal}"]
            threads.append(
                threading.Thread(
                    target=kill_workers, args=(server.pid, args.kill_every, how, deadline, killed), daemon=True
                )
            )
        server_pids = [server.pid, *worker_pids(server.pid)]
        cpu_before, client_before = cpu_seconds(server_pids), time.process_time()
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=args.seconds + 180)
        elapsed = time.monotonic() - started
        tally.server_cpu = cpu_seconds(server_pids) - cpu_before
        tally.client_cpu = time.process_time() - client_before
    finally:
        stop_gunicorn(server)
    return tally, elapsed, killed


def report(args: argparse.Namespace, tally: Tally, elapsed: float, killed: list, cache_url: str) -> None:
    results = tally.results
    latencies = sorted(seconds for seconds, ok in results if ok)
    errors = sum(1 for _, ok in results if not ok)
    p50 = statistics.median(latencies) * 1000 if latencies else float("nan")
    p99 = latencies[max(0, int(len(latencies) * 0.99) - 1)] * 1000 if latencies else float("nan")
    print(f"data: {args.data}")
    print(f"response cache: {cache_url}")
    options = " ".join(["-c", GUNICORN_CONFIG, *args.gunicorn_option])
    print(
        f"{args.workers} gunicorn workers ({options}), {args.clients} concurrent clients, {elapsed:.0f} s, "
        f"{os.cpu_count()} cores; "
        f"mix: {args.popular_share:.0%} from 20 popular states, the rest random "
        + (f"(from {args.random_states} states)" if args.random_states else "(each one new)")
    )
    print(f"requests: {len(results)}  ({len(results) / elapsed:.1f} per second)")
    print(f"latency: p50 {p50:.0f} ms, p99 {p99:.0f} ms")
    if results and not args.kill_every:
        per_request = tally.server_cpu / len(results)
        print(
            f"server CPU per request: {per_request * 1000:.1f} ms, so {os.cpu_count()} idle cores answer at most "
            f"{os.cpu_count() / per_request:.0f} per second; the load generator used "
            f"{tally.client_cpu / len(results) * 1000:.1f} ms per request"
        )
    if args.kill_every:
        print(
            f"workers killed (SIG{args.kill_signal}, every {args.kill_every:g} s): {len(killed)}; "
            f"requests whose connection dropped and that were sent again: {tally.dropped}"
        )
        if tally.resent:
            resent = sorted(tally.resent)
            middle, most = statistics.median(resent) * 1000, resent[-1] * 1000
            print(f"latency of those sent again: p50 {middle:.0f} ms, max {most:.0f} ms")
    why = ", ".join(f"{reason} × {count}" for reason, count in tally.failures.most_common())
    print(f"errors (failed requests): {errors}" + (f" ({why})" if why else ""))
    print(f"load average after the run (other work on the machine): {os.getloadavg()[0]:.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", default=str(ROOT / "data" / "events.yaml"))
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--popular-share", type=float, default=POPULAR_SHARE, help="share of popular states")
    parser.add_argument(
        "--random-states", type=int, default=0, metavar="N", help="draw random states from N (default: each one new)"
    )
    parser.add_argument(
        "--gunicorn-option",
        action="append",
        default=[],
        metavar="OPT",
        help=f"pass OPT to gunicorn after -c {GUNICORN_CONFIG} (repeatable)",
    )
    parser.add_argument("--kill-every", type=float, default=0, metavar="S", help="kill a worker every S seconds")
    parser.add_argument("--kill-signal", choices=("KILL", "TERM"), default="KILL")
    parser.add_argument("--cache-url", help="EXPLORER_CACHE_URL for the run (default: a fresh folder)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="explorer-load-test-") as folder:
        cache_url = args.cache_url or folder
        tally, elapsed, killed = run(args, cache_url)
        report(args, tally, elapsed, killed, cache_url)


if __name__ == "__main__":
    main()
