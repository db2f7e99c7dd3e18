"""How explorer scales: load, graph, filter, browser callback, layout and memory at N events.

    python benchmarks/bench.py [--sizes 1000 10000 100000] [--runs 3] [--out DIR]

For each size it generates a synthetic data file once (``explorer generate``, seed 0; cached in
--out, default /tmp/explorer-bench, and regenerated when the generator changes), then measures
that size in a fresh subprocess (so the peak memory is that size's alone) and prints a Markdown
table. Each figure is the median of --runs runs unless the table says otherwise:

- raw parse: ``yaml.load(text, Loader=yaml.CSafeLoader)`` of the file's text, the floor any
  YAML loader pays;
- full load: ``explorer.load(path)`` (parse, line marks, validation, references);
- graph build: ``explorer.build_graph(dataset)``; ratio: (load + graph) / raw parse;
- warm start: ``explorer.load_cached(path)`` once its cache is filled ("n/a" when explorer has
  no ``load_cached``); the cache folder is --out/cache (``EXPLORER_CACHE_DIR``);
- filter: ``explorer.query(graph, actors=[the most active actor], start=YEAR, end=YEAR)``, the
  actor's busiest year, after one call that builds the query index;
- callback: the browser's ``render("?actor=ID&from=YEAR&to=YEAR", data)`` plus
  ``plotly.io.to_json`` of each figure it returns, as Dash sends them, and the JSON's size;
- network layout: ``explorer.network_layout.compute_positions(graph)`` in a forked child, stopped after
  --layout-timeout seconds (default 120) and limited in memory, so it can neither hang the
  benchmark nor exhaust the machine;
- peak RSS: ``ru_maxrss`` of the measuring process after the explorer's steps, before the
  floor (PyYAML's own node tree is not the explorer's memory; the layout child is reported in
  the notes).

A step whose runs together exceed --step-timeout seconds (default 900) is stopped and shown
as "> X s". ``--sizes 1000 --runs 1`` is the CI smoke run (well under a minute).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import resource
import signal
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # run from a checkout without installing

SEED = 0
MAX_BYTES = 2**31


# -- data files ------------------------------------------------------------------------


def generator_version() -> str:
    """A short hash of the generator's source: a changed generator gets new files."""
    digest = hashlib.sha256()
    for module in sorted((ROOT / "explorer" / "generate").glob("*.py")):
        digest.update(module.read_bytes())
    return digest.hexdigest()[:10]


def data_file(out: Path, events: int) -> Path:
    """The cached data file of ``events`` events, generated when missing."""
    path = out / f"events-{events}-seed{SEED}-{generator_version()}.yaml"
    if path.exists():
        return path
    from explorer.generate import generate, write

    out.mkdir(parents=True, exist_ok=True)
    print(f"generating {path.name} …", file=sys.stderr, flush=True)
    started = time.perf_counter()
    write(generate(events, seed=SEED), path)
    print(f"  {path.stat().st_size / 2**20:.1f} MiB in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return path


# -- timing ----------------------------------------------------------------------------


class StepTimeout(Exception):
    pass


def _on_alarm(signum, frame):
    raise StepTimeout


def timed(function, runs: int, cap: float, keep: bool = False) -> dict:
    """Run ``function`` up to ``runs`` times within ``cap`` seconds in all.

    Returns ``{"times": [...], "capped": bool, "result": last result if keep}``. A run that
    would pass the cap is interrupted (SIGALRM; it takes effect when Python code next runs).
    """
    times: list[float] = []
    result = None
    capped = False
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    try:
        for _ in range(runs):
            remaining = cap - sum(times)
            if remaining <= 0:
                break
            result = None  # drop the previous run's result before the next one is built
            signal.setitimer(signal.ITIMER_REAL, remaining)
            try:
                started = time.perf_counter()
                value = function()
                times.append(time.perf_counter() - started)
            except StepTimeout:
                capped = True
                break
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
            result = value if keep else None
            del value
    finally:
        signal.signal(signal.SIGALRM, previous)
    return {"times": times, "capped": capped and not times, "cap": cap, "result": result}


def summary(timing: dict) -> dict:
    return {
        "median": statistics.median(timing["times"]) if timing["times"] else None,
        "runs": len(timing["times"]),
        "capped": timing["capped"],
        "cap": timing["cap"],
    }


# -- the network layout in a forked child ------------------------------------------------


def _layout_child(graph, connection, memory_limit: int) -> None:
    from explorer.network_layout import compute_positions

    if memory_limit:
        resource.setrlimit(resource.RLIMIT_AS, (memory_limit, memory_limit))
    started = time.perf_counter()
    try:
        compute_positions(graph)
        outcome = "ok"
    except MemoryError as error:
        outcome = f"MemoryError: {error}"
    except Exception as error:  # reported, not raised: the benchmark goes on
        outcome = f"{type(error).__name__}: {error}"
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    connection.send((outcome, elapsed, peak))
    connection.close()


def layout_timing(graph, runs: int, timeout: float) -> dict:
    """``compute_positions(graph)`` in forked children (the graph is inherited, not copied),
    up to ``runs`` times while the runs take under 30 s together; one run is killed after
    ``timeout`` seconds. Memory is limited to 80% of what the machine has available."""
    import multiprocessing

    context = multiprocessing.get_context("fork")
    limit = int(available_memory() * 0.8)
    times: list[float] = []
    peaks: list[int] = []
    outcome = "ok"
    for _ in range(runs):
        if times and sum(times) > 30:
            break
        receive, send = context.Pipe(duplex=False)
        child = context.Process(target=_layout_child, args=(graph, send, limit), daemon=True)
        started = time.perf_counter()
        child.start()
        send.close()
        if receive.poll(timeout):
            outcome, elapsed, peak = receive.recv()
            child.join(30)
        else:
            outcome, elapsed, peak = "timeout", time.perf_counter() - started, 0
            child.kill()
            child.join()
        receive.close()
        if outcome != "ok":
            break
        times.append(elapsed)
        peaks.append(peak)
    failed = outcome != "ok"
    return {
        "median": statistics.median(times) if times and not failed else None,
        "runs": len(times),
        "outcome": outcome,
        "elapsed": elapsed,
        "timeout": timeout,
        "peak_bytes": max(peaks, default=peak),
        "memory_limit": limit,
    }


# -- one size, in its own process --------------------------------------------------------


def measure(path: Path, runs: int, step_timeout: float, layout_timeout: float) -> dict:
    import plotly.io

    import explorer
    from explorer import build_graph, query
    from explorer.web import AppData
    from explorer.web.callbacks import render

    results: dict = {"path": str(path), "bytes": path.stat().st_size}
    log = lambda text: print(f"  [{path.name}] {text}", file=sys.stderr, flush=True)  # noqa: E731

    log("full load")
    loading = timed(lambda: explorer.load(path, max_bytes=MAX_BYTES), runs, step_timeout, keep=True)
    results["load"] = summary(loading)
    dataset = loading.pop("result")
    if dataset is None:  # capped: nothing else can be measured
        results["peak_rss"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        measure_floor(path, runs, step_timeout, results, log)
        return results
    results["events"], results["actors"] = len(dataset.events), len(dataset.actors)
    results["positions"] = len(dataset.positions)

    log("graph build")
    building = timed(lambda: build_graph(dataset), runs, step_timeout, keep=True)
    results["graph"] = summary(building)
    graph = building.pop("result")
    results["nodes"], results["edges"] = graph.number_of_nodes(), graph.number_of_edges()

    # The filter a user tries first: the most active actor in their busiest year.
    participation = Counter(p.actor for event in dataset.events for p in event.actors)
    actor = participation.most_common(1)[0][0]
    years = Counter(
        year
        for event in dataset.events
        if actor in event.actor_ids()
        for year in range(event.first.year, event.last.year + 1)
    )
    year = str(max(years.items(), key=lambda item: (item[1], item[0]))[0])
    results["filter_actor"], results["filter_year"] = actor, year
    results["actor_events"] = participation[actor]
    log(f"filter: {actor} in {year}")
    started = time.perf_counter()
    view = query(graph, actors=[actor], start=year, end=year)  # builds the query index
    results["filter_first"] = time.perf_counter() - started
    results["filter_events"] = len(view.events)
    results["filter"] = summary(timed(lambda: query(graph, actors=[actor], start=year, end=year), max(runs, 5), 60))

    # The browser's callback for that filter. AppData.from_dataset(dataset) is build_graph
    # plus the network layout; the layout is timed apart below (and may not finish at large
    # sizes), and the timeline view does not use it, so the app data is made without it.
    log("callback")
    data = AppData(dataset, graph)
    search = f"?actor={actor}&from={year}&to={year}"

    def callback() -> int:
        page = render(search, data)
        return sum(
            len(plotly.io.to_json(figure).encode("utf-8"))
            for figure in (page.timeline, page.network)
            if figure is not None
        )

    started = time.perf_counter()
    results["json_bytes"] = callback()  # the first also builds this graph's query index
    results["callback_first"] = time.perf_counter() - started
    results["callback"] = summary(timed(callback, runs, step_timeout))
    data = None  # free it

    log(f"network layout ({graph.number_of_nodes()} nodes, timeout {layout_timeout:.0f} s)")
    results["layout"] = layout_timing(graph, runs, layout_timeout)
    graph = dataset = view = None  # the warm start below makes its own

    # Warm start from the load cache, when explorer has one (its folder: $EXPLORER_CACHE_DIR).
    load_cached = getattr(explorer, "load_cached", None)
    if load_cached is None:
        results["warm"] = None
    else:
        log(f"warm start (cache in {os.environ.get('EXPLORER_CACHE_DIR', 'the default folder')})")
        results["warm"] = warm_start(load_cached, path, runs, step_timeout)

    # The explorer's peak, before the floor: PyYAML's own loader builds a node tree of about
    # thirty times the file's size, which is not the explorer's memory.
    results["peak_rss"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    measure_floor(path, runs, step_timeout, results, log)
    return results


def measure_floor(path: Path, runs: int, step_timeout: float, results: dict, log) -> None:
    """The floor: libyaml's safe loader building plain Python values from the text."""
    import yaml

    text = path.read_text(encoding="utf-8")
    log("raw parse")
    results["raw_parse"] = summary(timed(lambda: yaml.load(text, Loader=yaml.CSafeLoader), runs, step_timeout))


def warm_start(load_cached, path: Path, runs: int, step_timeout: float) -> dict:
    import inspect

    try:
        accepts_max = "max_bytes" in inspect.signature(load_cached).parameters
    except (TypeError, ValueError):
        accepts_max = False

    def call():
        return load_cached(path, max_bytes=MAX_BYTES) if accepts_max else load_cached(path)

    try:
        started = time.perf_counter()
        call()  # fills the cache (or finds it filled by an earlier run)
        first = time.perf_counter() - started
        return {**summary(timed(call, runs, step_timeout)), "first": first}
    except Exception as error:
        return {"error": f"{type(error).__name__}: {error}"}


def run_one(events: int, args: argparse.Namespace) -> dict:
    """Measure one size in a fresh interpreter; its results come back as JSON."""
    path = data_file(args.out, events)
    command = [
        sys.executable,
        __file__,
        "--one",
        str(path),
        "--runs",
        str(args.runs),
        "--step-timeout",
        str(args.step_timeout),
        "--layout-timeout",
        str(args.layout_timeout),
    ]
    print(f"measuring {events} events …", file=sys.stderr, flush=True)
    started = time.perf_counter()
    try:
        # The load cache's files go under --out too, not into the user's cache folder.
        environment = {**os.environ, "EXPLORER_CACHE_DIR": str(args.out / "cache")}
        done = subprocess.run(command, stdout=subprocess.PIPE, text=True, timeout=6 * 3600, env=environment)
    except subprocess.TimeoutExpired:
        return {"error": "the measuring process ran for over 6 hours and was stopped", "events": events}
    if done.returncode != 0:
        return {"error": f"the measuring process failed with exit code {done.returncode}", "events": events}
    results = json.loads(done.stdout.strip().splitlines()[-1])
    print(f"  done in {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
    return results


# -- the report --------------------------------------------------------------------------


def available_memory() -> int:
    return _meminfo().get("MemAvailable", 0)


def _meminfo() -> dict[str, int]:
    values = {}
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            name, _, rest = line.partition(":")
            values[name] = int(rest.split()[0]) * 1024
    except OSError:
        pass
    return values


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.partition(":")[2].strip()
                break
    except OSError:
        pass
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    memory = _meminfo().get("MemTotal", 0) / 2**30
    versions = []
    for package in ("pyyaml", "pydantic", "networkx", "plotly", "dash"):
        try:
            from importlib.metadata import version

            versions.append(f"{package} {version(package)}")
        except Exception:
            pass
    import yaml

    libyaml = "with libyaml" if getattr(yaml, "__with_libyaml__", False) else "WITHOUT libyaml"
    return "\n".join(
        [
            f"- CPU: {cpu}, {os.cpu_count()} logical cores ({usable} usable)",
            f"- RAM: {memory:.1f} GiB",
            f"- Python {platform.python_version()} ({platform.python_implementation()}) on {platform.platform()}",
            f"- {', '.join(versions)}; PyYAML {libyaml}",
        ]
    )


def seconds(stats: dict | None) -> str:
    if stats is None:
        return "n/a"
    if "error" in stats:
        return "error"
    if stats["median"] is None:
        return f"> {stats['cap']:.0f} s" if stats.get("capped") else "—"
    return _seconds(stats["median"])


def _seconds(value: float) -> str:
    if value < 0.01:
        return f"{value * 1000:.1f} ms"
    if value < 10:
        return f"{value:.2f} s"
    return f"{value:.1f} s"


def milliseconds(stats: dict | None) -> str:
    if stats is None or stats.get("median") is None:
        return seconds(stats)
    value = stats["median"] * 1000
    return f"{value:.2f}" if value < 10 else f"{value:.1f}" if value < 100 else f"{value:.0f}"


def layout_cell(layout: dict | None) -> str:
    if not layout:
        return "—"
    if layout["outcome"] == "timeout":
        return f"> {layout['timeout']:.0f} s"
    if layout["outcome"] != "ok":
        return f"{layout['outcome'].split(':')[0]} after {_seconds(layout['elapsed'])}"
    return _seconds(layout["median"])


def table(rows: list[dict], runs: int) -> str:
    header = [
        "events",
        "actors",
        "file",
        "raw parse (floor)",
        "full load",
        "graph build",
        "(load+graph)/floor",
        "warm start (load_cached)",
        "filter (ms)",
        "callback (ms)",
        "callback JSON",
        "network layout",
        "peak RSS",
    ]
    lines = ["| " + " | ".join(header) + " |", "|" + "---:|" * len(header)]
    for row in rows:
        if "error" in row and "load" not in row:
            lines.append(f"| {row.get('events', '?'):,} | " + row["error"] + " |" + " |" * (len(header) - 2))
            continue
        raw, load, graph = row["raw_parse"], row["load"], row.get("graph")
        ratio = "—"
        if raw["median"] and load["median"] and graph and graph["median"] is not None:
            ratio = f"{(load['median'] + graph['median']) / raw['median']:.1f}×"
        lines.append(
            "| "
            + " | ".join(
                [
                    f"{row.get('events', 0):,}",
                    f"{row.get('actors', 0):,}",
                    f"{row['bytes'] / 2**20:.1f} MiB",
                    seconds(raw),
                    seconds(load),
                    seconds(graph),
                    ratio,
                    seconds(row.get("warm")),
                    milliseconds(row.get("filter")),
                    milliseconds(row.get("callback")),
                    f"{row['json_bytes'] / 1e6:.2f} MB" if "json_bytes" in row else "—",
                    layout_cell(row.get("layout")),
                    f"{row['peak_rss'] / 2**20:,.0f} MiB",
                ]
            )
            + " |"
        )
    return "\n".join(lines)


def notes(rows: list[dict], runs: int) -> str:
    lines = [
        f"Each figure is the median of {runs} run{'s' if runs != 1 else ''}"
        " (the filter: of at least 5; the network layout: of as many runs as fit in 30 s)."
    ]
    for row in rows:
        if "filter_actor" not in row:
            if "error" in row:
                lines.append(f"- {row.get('events', '?'):,} events: {row['error']}")
            continue
        layout = row.get("layout") or {}
        layout_peak = f"{layout['peak_bytes'] / 2**20:,.0f} MiB" if layout.get("peak_bytes") else "not measured"
        parts = [
            f"- {row['events']:,} events: graph of {row['nodes']:,} nodes and {row['edges']:,} edges; "
            f"{row['positions']:,} positions.",
            f"filter `actor={row['filter_actor']}` ({row['actor_events']:,} events) in {row['filter_year']} "
            f"→ {row['filter_events']:,} events; first query (builds the index) {_seconds(row['filter_first'])};",
            f"first callback {_seconds(row['callback_first'])};",
            f"layout: {layout.get('outcome', '—')}, child peak RSS {layout_peak}"
            f" (memory limit {layout.get('memory_limit', 0) / 2**30:.1f} GiB).",
        ]
        warm = row.get("warm")
        if warm and "error" in warm:
            parts.append(f"load_cached failed: {warm['error']}.")
        elif warm:
            parts.append(f"load_cached first call (fills the cache) {_seconds(warm['first'])}.")
        for step in ("raw_parse", "load", "graph", "callback"):
            stats = row.get(step)
            if stats and stats["median"] is not None and stats["runs"] < runs:
                parts.append(f"{step}: only {stats['runs']} run(s) fitted in {stats['cap']:.0f} s.")
        lines.append(" ".join(parts))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000], metavar="N")
    parser.add_argument("--runs", type=int, default=3, help="runs per figure; the median is shown (default 3)")
    parser.add_argument("--out", type=Path, default=Path("/tmp/explorer-bench"), help="where data files are cached")
    parser.add_argument("--layout-timeout", type=float, default=120.0, metavar="S", help="stop the layout after S s")
    parser.add_argument("--step-timeout", type=float, default=900.0, metavar="S", help="cap each step's runs at S s")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the raw results as JSON")
    parser.add_argument("--one", type=Path, metavar="DATA", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.runs < 1 or any(size < 1 for size in args.sizes):
        parser.error("--runs and --sizes must be positive")
    if args.one:
        results = measure(args.one, args.runs, args.step_timeout, args.layout_timeout)
        print(json.dumps(results, default=str))
        return 0
    rows = [{"events": size, **run_one(size, args)} for size in args.sizes]
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2, default=str))
    print("## explorer benchmark\n")
    print(machine())
    print()
    print(table(rows, args.runs))
    print()
    print(notes(rows, args.runs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
