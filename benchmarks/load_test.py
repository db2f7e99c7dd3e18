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
                                   [--server-log FILE]

After the figures it prints where the time went: a latency histogram, the CPU split (server
workers, this load generator, other processes), the connections each worker held mid-run and
the kernel's TCP counters; with ``--server-log`` each request's time in the app, from
gunicorn's access log.
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import json
import os
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAX_REQUESTS = 2_000_000  # a hard bound on the total, whatever the duration
POPULAR_SHARE = 0.8
TRIES = 4  # a request whose connection drops is sent again up to 3 times (it changes nothing), as the page does
GUNICORN_CONFIG = "python:explorer.web.gunicorn_config"  # gthread workers, preloaded app
# --server-log: the request (X-Load-Id), the worker, µs in the app, the cache outcome, the status
ACCESS_FORMAT = "%({x-load-id}i)s %(p)s %(D)s %({x-explorer-cache}o)s %(s)s"
LATENCY_BUCKETS_MS = (25, 50, 100, 200, 400, 700, 1000, 1500, 2000, 3000, 4000, 6000)
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


def send(connection: http.client.HTTPConnection, payload: bytes, number: int = 0) -> str:
    """One render request: "ok" for the page's update, else what came back instead. ``number``
    names the request in ``--server-log``."""
    headers = {"Content-Type": "application/json", "X-Load-Id": str(number)}
    connection.request("POST", "/_dash-update-component", payload, headers)
    response = connection.getresponse()
    answer = response.read()
    return "ok" if response.status == 200 and b'"counts"' in answer else f"HTTP {response.status}"


@dataclass
class Tally:
    results: list[tuple[float, bool]] = field(default_factory=list)
    numbered: dict[int, float] = field(default_factory=dict)  # each request's latency by its X-Load-Id
    dropped: int = 0  # connections a killed worker dropped (sent again once)
    resent: list[float] = field(default_factory=list)  # latencies of the requests sent again
    failures: Counter = field(default_factory=Counter)
    server_cpu: float = 0.0  # CPU seconds gunicorn used during the run (without killed workers)
    machine_cpu: float = 0.0  # CPU seconds all processes used during the run (from /proc/stat)
    worker_cpu: list[float] = field(default_factory=list)  # each worker's share of server_cpu
    connections: Counter = field(default_factory=Counter)  # clients' connections held by each worker, mid-run
    tcp: dict[str, int] = field(default_factory=dict)  # the kernel's TCP counters that grew during the run
    client_cpu: float = 0.0  # CPU seconds this load generator used
    budget: int = MAX_REQUESTS
    numbers: Iterator[int] = field(default_factory=lambda: itertools.count(1))
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
        number = next(tally.numbers)
        started = time.perf_counter()
        outcome = ""
        for attempt in range(TRIES):  # a dropped connection is sent again, as the page does (assets/callback_retry.js)
            try:
                outcome = send(connection, payload, number)
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
        tally.numbered[number] = seconds
        if attempt:
            with tally.lock:
                tally.resent.append(seconds)
        if outcome != "ok":
            with tally.lock:
                tally.failures[outcome] += 1


def warm_up(port: int, body: dict, popular: list[str], threads: int) -> None:
    """A morning's first readers: each popular state drawn once for each screen width, by
    ``threads`` clients at a time, before the clock starts (so a run measures a newsroom
    at work, not the first seconds after a start or a new data version)."""
    pending = [(search, width) for search in popular for width in SCREEN_PLOT_WIDTHS]
    lock = threading.Lock()

    def reader() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        while True:
            with lock:
                if not pending:
                    return
                search, width = pending.pop()
            try:
                send(connection, render_payload(body, search, width))
            except (OSError, http.client.HTTPException):
                connection.close()

    readers = [threading.Thread(target=reader) for _ in range(threads)]
    for thread in readers:
        thread.start()
    for thread in readers:
        thread.join(timeout=300)


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


TCP_COUNTERS = ("TcpExtListenOverflows", "TcpExtListenDrops", "TcpRetransSegs", "TcpActiveOpens", "TcpEstabResets")


def tcp_counters() -> dict[str, int]:
    """The kernel's TCP counters (``nstat``'s absolute values), {} where nstat is missing."""
    try:
        text = subprocess.run(["nstat", "-az", *TCP_COUNTERS], capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    counters = {}
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 2 and parts[0] in TCP_COUNTERS:
            counters[parts[0]] = int(parts[1])
    return counters


def connections_per_worker(port: int) -> Counter:
    """How many established connections to ``port`` each process holds (from ``ss``)."""
    try:
        text = subprocess.run(
            ["ss", "-tnpH", "state", "established", f"( sport = :{port} )"], capture_output=True, text=True, timeout=10
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return Counter()
    return Counter(int(pid) for pid in re.findall(r"pid=(\d+)", text))


def watch_connections(port: int, at: float, tally: Tally) -> None:
    """Count the connections each worker holds at monotonic time ``at`` (mid-run)."""
    time.sleep(max(0.0, at - time.monotonic()))
    tally.connections = connections_per_worker(port)


def machine_cpu_seconds() -> float:
    """CPU seconds every process on the machine has used since boot (busy time in /proc/stat)."""
    user, nice, system, _idle, _iowait, irq, softirq, steal = (
        int(value) for value in Path("/proc/stat").read_text().split()[1:9]
    )
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


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
    if args.server_log:  # each request's worker, time in the app (µs) and cache outcome
        command += ["--access-logfile", args.server_log, "--access-logformat", ACCESS_FORMAT]
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
        warm_up(port, body, mix.popular, threads=args.workers * 2)
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
        threads.append(threading.Thread(target=watch_connections, args=(port, deadline - args.seconds / 2, tally)))
        server_pids = [server.pid, *worker_pids(server.pid)]
        if args.server_log:
            Path(args.server_log).write_text("")  # the warm-up's lines are not the run's
        tcp_before = tcp_counters()
        cpu_before, client_before = cpu_seconds(server_pids), time.process_time()
        workers_before = [cpu_seconds([pid]) for pid in server_pids[1:]]
        machine_before = machine_cpu_seconds()
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=args.seconds + 180)
        elapsed = time.monotonic() - started
        tally.server_cpu = cpu_seconds(server_pids) - cpu_before
        tally.client_cpu = time.process_time() - client_before
        tally.machine_cpu = machine_cpu_seconds() - machine_before
        workers = zip(server_pids[1:], workers_before, strict=True)
        tally.worker_cpu = [cpu_seconds([pid]) - before for pid, before in workers]
        tally.tcp = {name: count - tcp_before.get(name, 0) for name, count in tcp_counters().items()}
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
    print_diagnosis(args, tally, elapsed, latencies)


def print_diagnosis(args: argparse.Namespace, tally: Tally, elapsed: float, latencies: list[float]) -> None:
    """Where the time went: the latency histogram, the CPU split, the connections each worker
    holds, the kernel's TCP counters and, with ``--server-log``, the time in the app."""
    print("latency histogram (ms: requests):")
    print("  " + "  ".join(f"{label}: {count}" for label, count in histogram(latencies)))
    busy = tally.machine_cpu
    server = (
        "server and other processes"  # a killed worker's CPU time is gone with it
        if args.kill_every
        else f"server {tally.server_cpu:.1f} s (workers {', '.join(f'{cpu:.1f}' for cpu in tally.worker_cpu)}), "
        "other processes"
    )
    others = busy - tally.client_cpu - (0 if args.kill_every else tally.server_cpu)
    print(
        f"CPU during the run ({os.cpu_count()} cores × {elapsed:.0f} s = {os.cpu_count() * elapsed:.0f} s): "
        f"machine busy {busy:.1f} s, load generator {tally.client_cpu:.1f} s, {server} {others:.1f} s"
    )
    if tally.connections:
        print(f"clients' connections held by each process mid-run: {sorted(tally.connections.values(), reverse=True)}")
    if tally.tcp:
        print("TCP counters during the run: " + ", ".join(f"{name} +{count}" for name, count in tally.tcp.items()))
    if args.server_log:
        print_server_timing(Path(args.server_log), tally)


def histogram(latencies: list[float]) -> list[tuple[str, int]]:
    """How many latencies fall below each of LATENCY_BUCKETS_MS (and above the last)."""
    counts, low = [], 0
    for high in LATENCY_BUCKETS_MS:
        counts.append((f"{low}-{high}", sum(1 for seconds in latencies if low <= seconds * 1000 < high)))
        low = high
    counts.append((f">{low}", sum(1 for seconds in latencies if seconds * 1000 >= low)))
    return counts


def print_server_timing(log: Path, tally: Tally) -> None:
    """From gunicorn's access log (ACCESS_FORMAT): the time each request spent in the app,
    by cache outcome, and for the slowest 1% of requests as the clients saw them, how much
    of their latency was the app's and how much waiting (queued in a worker, the network,
    the load generator's own threads)."""
    served: dict[int, tuple[float, str]] = {}
    for line in log.read_text().splitlines():
        parts = line.split()
        if len(parts) >= 4 and parts[0].isdigit():
            served[int(parts[0])] = (int(parts[2]) / 1e6, parts[3])
    by_outcome: dict[str, list[float]] = {}
    for seconds, outcome in served.values():
        by_outcome.setdefault(outcome, []).append(seconds)
    for outcome, times in sorted(by_outcome.items()):
        times.sort()
        print(
            f"time in the app, cache {outcome}: {len(times)} requests, p50 {statistics.median(times) * 1000:.1f} ms, "
            f"p99 {times[int(len(times) * 0.99) - 1] * 1000:.1f} ms, max {times[-1] * 1000:.0f} ms"
        )
    slowest = sorted(tally.numbered.items(), key=lambda item: item[1])[-max(1, len(tally.numbered) // 100) :]
    in_app = [served[number][0] for number, _ in slowest if number in served]
    waited = [latency - served[number][0] for number, latency in slowest if number in served]
    if in_app:
        print(
            f"the slowest 1% ({len(slowest)} requests): in the app p50 {statistics.median(in_app) * 1000:.0f} ms "
            f"(max {max(in_app) * 1000:.0f}), waiting p50 {statistics.median(waited) * 1000:.0f} ms "
            f"(max {max(waited) * 1000:.0f}); cache outcomes "
            + str(Counter(served[number][1] for number, _ in slowest if number in served).most_common())
        )


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
    parser.add_argument(
        "--server-log",
        metavar="FILE",
        help="gunicorn's access log of the run in FILE: each request's time in the app, joined with its latency",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="explorer-load-test-") as folder:
        cache_url = args.cache_url or folder
        tally, elapsed, killed = run(args, cache_url)
        report(args, tally, elapsed, killed, cache_url)


if __name__ == "__main__":
    main()
