"""Cold network measures on the graph the app builds, each from an empty cache.

    python benchmarks/network_measures_bench.py DATA.yaml [--measures degree weighted betweenness pagerank communities]

Loads the file and builds the graph and its node/edge arrays (which the network view builds
for its first draw anyway), then for each measure empties the graph's analysis cache and times
``explorer.analysis.measure`` (or ``communities``): the linked pairs, the igraph graph and the
algorithm, as the first page to ask for that measure pays them. Prints each time with the
method used and the load average (``uptime``'s 1-minute figure) when it finished.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from explorer import analysis, build_graph, load  # noqa: E402
from explorer.network_arrays import graph_arrays  # noqa: E402

CHOICES = ["degree", "weighted", "betweenness", "pagerank", "communities"]


def cold(graph, name: str) -> str:
    """Compute ``name`` from an empty analysis cache; what it was computed by."""
    graph.graph.pop(analysis._CACHE_KEY, None)
    if name == "communities":
        return f"{len(analysis.communities(graph)):,} communities (Louvain)"
    return analysis.measure(graph, name).method


def timed(label: str, work) -> None:
    start = time.perf_counter()
    note = work()
    elapsed = time.perf_counter() - start
    print(f"| {label} | {elapsed:.2f} s | {note or ''} | {os.getloadavg()[0]:.1f} |", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data", type=Path)
    parser.add_argument("--measures", nargs="+", choices=CHOICES, default=CHOICES)
    args = parser.parse_args()
    start = time.perf_counter()
    graph = build_graph(load(args.data, max_bytes=2**31))
    print(
        f"{args.data}: {graph.number_of_nodes():,} nodes, {graph.number_of_edges():,} edges, "
        f"loaded in {time.perf_counter() - start:.1f} s\n"
    )
    print("| step | cold time | method | load |\n|---|---|---|---|")
    timed("node and edge arrays (shared with the drawing)", lambda: graph_arrays(graph) and None)
    for name in args.measures:
        timed(name, lambda name=name: cold(graph, name))


if __name__ == "__main__":
    main()
