"""``explorer validate``, ``stats`` and ``schema``: what a data file holds and whether it is valid."""

from __future__ import annotations

import argparse
import json
import sys

from ..errors import DatasetError
from ..graph import build_graph, stats
from ..load import load
from ..model import DataFile
from ..paths import default_data_path
from ..positions import stance_changes
from .common import EXIT_INVALID, EXIT_OK, add_data_argument, load_data, progress_for


def cmd_validate(args: argparse.Namespace) -> int:
    paths = args.data or [default_data_path()]
    status = EXIT_OK
    for path in paths:
        try:
            dataset = load(path, max_bytes=args.max_size, progress=progress_for(path))
        except DatasetError as error:
            for problem in error.problems:
                print(problem, file=sys.stderr)
            count = len(error.problems)
            print(f"{path}: {count} error{'s' if count != 1 else ''}", file=sys.stderr)
            status = EXIT_INVALID
        else:
            print(
                f"{path}: valid — {len(dataset.actors)} actors, {len(dataset.events)} events, "
                f"{len(dataset.topics)} topics, {len(dataset.positions)} positions"
            )
    return status


def cmd_stats(args: argparse.Namespace) -> int:
    dataset = load_data(args)
    figures = stats(build_graph(dataset), top=args.top)
    if args.json:
        document = _stats_json(figures)
        document["stance_changes"] = {
            topic: [{"actor": actor, "date": str(c.date), "from": c.before, "to": c.after} for actor, c in items]
            for topic, items in stance_changes(dataset).items()
        }
        print(json.dumps(document, indent=2, default=str))
        return EXIT_OK
    print(dataset.name)
    print("  " + ", ".join(f"{n} {what}" for what, n in figures.counts.items()))
    if figures.first:
        print(f"  dates: {figures.first.isoformat()} to {figures.last.isoformat()}")
    for title, counts in (
        ("events by kind", figures.events_by_kind),
        ("actors by kind", figures.actors_by_kind),
        ("links by kind", figures.links_by_kind),
    ):
        if counts:
            print(f"  {title}: " + ", ".join(f"{kind} {n}" for kind, n in counts.items()))
    changes = stance_changes(dataset)
    if changes:
        print("  stance changes by topic:")
        names = {a.id: a.name for a in dataset.actors}
        for topic in dataset.topics:
            items = changes.get(topic.id, [])
            for actor, change in items[: args.top]:
                print(f"    {topic.name}: {names.get(actor, actor)} {change.before} → {change.after} ({change.date})")
            if len(items) > args.top:
                print(f"    {topic.name}: … and {len(items) - args.top} more (--top N lists more, --json lists all)")
    if figures.most_connected:
        print("  most connected actors (events taken part in):")
        width = max(len(name) for _, name, _ in figures.most_connected)
        for actor_id, name, count in figures.most_connected:
            print(f"    {name:<{width}}  {count:>5}  ({actor_id})")
    return EXIT_OK


def _stats_json(figures) -> dict:
    return {
        "counts": figures.counts,
        "events_by_kind": figures.events_by_kind,
        "actors_by_kind": figures.actors_by_kind,
        "links_by_kind": figures.links_by_kind,
        "first": figures.first,
        "last": figures.last,
        "most_connected": [{"id": i, "name": n, "events": c} for i, n, c in figures.most_connected],
    }


def cmd_schema(args: argparse.Namespace) -> int:
    print(json.dumps(json_schema(), indent=2, ensure_ascii=False))
    return EXIT_OK


def json_schema() -> dict:
    """The JSON Schema of a data file, generated from the model."""
    schema = DataFile.model_json_schema(by_alias=True)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **schema,
        "title": "explorer data file",
    }


def register(commands: argparse._SubParsersAction) -> None:
    """Add ``validate``, ``stats`` and ``schema`` to the subcommands ``commands``."""
    validate = commands.add_parser("validate", help="check data files; errors as PATH:LINE:COL: message")
    add_data_argument(validate, many=True)
    validate.set_defaults(run=cmd_validate)

    stats_parser = commands.add_parser("stats", help="counts, date span, most connected actors")
    add_data_argument(stats_parser)
    stats_parser.add_argument(
        "--top", type=int, default=10, help="how many actors, and stance changes per topic, to list (default 10)"
    )
    stats_parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    stats_parser.set_defaults(run=cmd_stats)

    schema = commands.add_parser("schema", help="print the JSON Schema of the data file")
    schema.set_defaults(run=cmd_schema)
