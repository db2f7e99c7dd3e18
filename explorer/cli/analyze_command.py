"""``explorer analyze`` and ``explorer path``: who matters, who belongs together, and how two
nodes are connected, on the graph of the filtered view (the same filters as ``export``)."""

from __future__ import annotations

import argparse
import json
import sys

import networkx as nx

from ..analysis import (
    MEASURES,
    UnknownNode,
    compute_measure,
    find_communities,
    leading_members,
    resolve_node,
    shortest_paths,
    weighted_simple_graph,
)
from ..graph import split_node
from .common import EXIT_INVALID, EXIT_OK, add_data_argument, add_filter_arguments, filtered_view, load_data, positive

MEMBERS_PRINTED = 8


def cmd_analyze(args: argparse.Namespace) -> int:
    view = filtered_view(args, load_data(args))
    if view.is_empty:
        print(f"explorer analyze: error: no events match {view.filters.describe()}", file=sys.stderr)
        return EXIT_INVALID
    simple = weighted_simple_graph(view.graph)
    measures = {name: compute_measure(simple, name) for name in MEASURES}
    found = find_communities(simple)
    document = {
        "filters": view.filters.describe(),
        "nodes": simple.number_of_nodes(),
        "edges": view.graph.number_of_edges(),
        "measures": {
            name: {
                "label": ranking.label,
                "method": ranking.method,
                "top": [_entry(view.graph, node, value) for node, value in ranking.top("actor", args.top)],
            }
            for name, ranking in measures.items()
        },
        "communities": [
            {"size": len(members), "members": leading_members(members, measures["degree"], len(members))}
            for members in found
        ],
    }
    if args.json:
        print(json.dumps(document, indent=2, ensure_ascii=False))
    else:
        _print_analysis(document, view.graph)
    return EXIT_OK


def _entry(graph: nx.MultiDiGraph, node: str, value: float) -> dict:
    return {"id": split_node(node)[1], "node": node, "name": graph.nodes[node]["label"], "value": value}


def _print_analysis(document: dict, graph: nx.MultiDiGraph) -> None:
    print(f"{document['nodes']:,} nodes, {document['edges']:,} edges ({document['filters']})")
    for name, result in document["measures"].items():
        # The method says "estimated from …" itself; the label's "(estimated)" would repeat it.
        print(f"\nTop actors by {MEASURES[name]} ({result['method']}):")
        for rank, entry in enumerate(result["top"], 1):
            print(f"  {rank:>3}. {entry['name']} ({entry['id']})  {entry['value']:.4g}")
    print(f"\nCommunities ({len(document['communities']):,}, Louvain, seeded), largest first:")
    for number, community in enumerate(document["communities"], 1):
        names = [graph.nodes[node]["label"] for node in community["members"][:MEMBERS_PRINTED]]
        more = f", … {community['size'] - len(names)} more" if community["size"] > len(names) else ""
        print(f"  {number:>3}. {community['size']:,} members: {', '.join(names)}{more}")


def cmd_path(args: argparse.Namespace) -> int:
    view = filtered_view(args, load_data(args))
    graph = view.graph
    try:
        source, target = resolve_node(view.full_graph, args.source), resolve_node(view.full_graph, args.target)
    except UnknownNode as error:
        print(f"explorer path: error: {error}", file=sys.stderr)
        return EXIT_INVALID
    outside = [node for node in (source, target) if node not in graph]
    if outside:
        print(
            f"explorer path: error: {' and '.join(outside)} not in the view ({view.filters.describe()})",
            file=sys.stderr,
        )
        return EXIT_INVALID
    paths = shortest_paths(graph, source, target, limit=args.all)
    if not paths:
        print(f"explorer path: no path between {source} and {target} ({view.filters.describe()})", file=sys.stderr)
        return EXIT_INVALID
    for number, path in enumerate(paths):
        if number:
            print()
        for step, node in enumerate(path):
            print(f"{'  → ' if step else ''}{node}  {_describe(graph, node)}")
    steps = len(paths[0]) - 1
    shown = f", {len(paths)} shortest paths shown" if len(paths) > 1 else ""
    print(f"{steps} step{'s' if steps != 1 else ''}{shown}")
    return EXIT_OK


def _describe(graph: nx.MultiDiGraph, node: str) -> str:
    data = graph.nodes[node]
    if data["type"] == "event":
        return f"{data['label']} ({data['date']})"
    return data["label"]


def register(commands: argparse._SubParsersAction) -> None:
    """Add ``analyze`` and ``path`` to the subcommands ``commands``."""
    analyze = commands.add_parser(
        "analyze",
        help="the top actors by degree, weighted degree, betweenness and PageRank, and the communities",
        description="Measures and Louvain communities of the filtered view's graph (taken as undirected; "
        "repeated edges count as weight).",
    )
    add_data_argument(analyze)
    analyze.add_argument("--top", type=positive(int), default=10, help="actors listed per measure (default 10)")
    analyze.add_argument("--json", action="store_true", help="print JSON (every community with all its members)")
    add_filter_arguments(analyze)
    analyze.set_defaults(run=cmd_analyze)

    path = commands.add_parser(
        "path",
        help="the shortest path between two nodes, as a chain of ids and titles",
        description="How A is connected to B: the shortest path in the filtered view's graph, ignoring edge "
        "direction. A and B are node ids (actor:vladimir-putin) or bare actor, event or topic ids. "
        "Exit 1 when an id is unknown or there is no path.",
    )
    path.add_argument("source", metavar="A", help="where the path starts")
    path.add_argument("target", metavar="B", help="where it ends")
    add_data_argument(path)
    path.add_argument("--all", type=positive(int), default=1, metavar="N", help="show up to N shortest paths")
    add_filter_arguments(path)
    path.set_defaults(run=cmd_path)
