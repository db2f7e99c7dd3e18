"""The ``explorer`` command. Each subcommand is thin: it parses arguments, calls the
library and turns :class:`DatasetError` into located messages and an exit code."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from ._version import __version__
from .cache import load_cached
from .errors import DatasetError
from .graph import build_graph, stats
from .load import DEFAULT_MAX_BYTES, load
from .model import DataFile
from .positions import stance_changes

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """A command-line mistake the user can fix; printed without a traceback, exit 2."""


def default_data_path() -> Path:
    """The curated dataset: ``$EXPLORER_DATA``, the checkout's ``data/events.yaml``,
    or the copy installed with the package."""
    if os.environ.get("EXPLORER_DATA"):
        return Path(os.environ["EXPLORER_DATA"])
    checkout = Path(__file__).resolve().parent.parent / "data" / "events.yaml"
    if checkout.exists():
        return checkout
    return Path(__file__).resolve().parent / "data" / "events.yaml"


def _max_bytes(text: str) -> int:
    """``--max-size`` in MiB → bytes."""
    try:
        mebibytes = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a size in MiB, got {text!r}") from None
    if mebibytes <= 0:
        raise argparse.ArgumentTypeError("the size must be positive")
    return int(mebibytes * 2**20)


def _add_data_argument(parser: argparse.ArgumentParser, *, many: bool = False) -> None:
    nargs, noun = ("*", "data files") if many else ("?", "data file")
    parser.add_argument("data", nargs=nargs, type=Path, metavar="DATA", help=f"{noun} (default: the curated dataset)")
    if not many:
        parser.add_argument(
            "--no-cache", action="store_true", help="read the file afresh, not from the load cache (see README)"
        )
    parser.add_argument(
        "--max-size",
        type=_max_bytes,
        default=DEFAULT_MAX_BYTES,
        metavar="MIB",
        help=f"refuse files larger than this many MiB (default {DEFAULT_MAX_BYTES // 2**20})",
    )


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


PROGRESS_FROM_BYTES = 8 * 2**20


def progress_for(path: Path):
    """A progress printer (to stderr) for files large enough to take a while, else None."""
    try:
        is_large = Path(path).stat().st_size >= PROGRESS_FROM_BYTES
    except OSError:
        return None
    return (lambda message: print(f"explorer: {message}", file=sys.stderr, flush=True)) if is_large else None


def load_data(args: argparse.Namespace):
    """The dataset a command asked for, through the load cache unless --no-cache."""
    path = args.data or default_data_path()
    progress = progress_for(path)
    if getattr(args, "no_cache", True):
        return load(path, max_bytes=args.max_size, progress=progress)
    return load_cached(path, max_bytes=args.max_size, progress=progress)


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


def is_loopback(host: str) -> bool:
    """True for addresses only this machine can reach."""
    import ipaddress

    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def cmd_serve(args: argparse.Namespace) -> int:
    if args.debug and not is_loopback(args.host):
        raise UsageError(
            f"--debug on {args.host} is refused: the debugger lets anyone who reaches the page run code "
            "on this machine. Use --debug only with --host 127.0.0.1."
        )
    from .web import create_app

    path = args.data or default_data_path()
    app = create_app(path, watch=args.watch, max_bytes=args.max_size, use_cache=not args.no_cache)
    if args.watch:
        print(f"explorer: watching {path}; the page reloads the data when the file changes", file=sys.stderr)
    if args.debug:
        print("Debug mode: for development only (code reloading and tracebacks in the page).", file=sys.stderr)
    print(f"explorer: serving {path} on http://{args.host}:{args.port}/ (Ctrl+C to stop)", file=sys.stderr)
    app.run(host=args.host, port=args.port, debug=args.debug, use_reloader=False)
    return EXIT_OK


def _date(text: str) -> str:
    """A --from/--to value, checked."""
    from .model import DateFormatError, FuzzyDate

    try:
        return str(FuzzyDate.parse(text))
    except DateFormatError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _add_filter_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("filters (as in the browser)")
    group.add_argument("--actor", action="append", default=[], metavar="ID", help="events with this actor (repeatable)")
    group.add_argument("--from", dest="start", type=_date, metavar="DATE", help="events overlapping this date or later")
    group.add_argument("--to", dest="end", type=_date, metavar="DATE", help="events overlapping this date or earlier")
    group.add_argument("--kind", action="append", default=[], metavar="KIND", help="event kind (repeatable)")
    group.add_argument("--topic", action="append", default=[], metavar="ID", help="topic (repeatable)")
    group.add_argument("--text", default="", metavar="WORDS", help="words in titles, summaries, quotes")


def _filtered_view(args: argparse.Namespace, dataset):
    from .graph import build_graph, filter_problems, query

    problems = filter_problems(dataset, args.actor, args.kind, args.topic)
    if problems:
        raise UsageError("; ".join(problems))
    return query(
        build_graph(dataset),
        actors=args.actor,
        start=args.start,
        end=args.end,
        kinds=args.kind,
        topics=args.topic,
        text=args.text,
    )


def cmd_export(args: argparse.Namespace) -> int:
    from contextlib import nullcontext

    from .export import IMAGE_FORMATS, ExportError, ImageRenderer, ImageSize, check_suffix, export

    try:
        suffixes = [check_suffix(path) for path in args.output]
    except ExportError as error:
        raise UsageError(str(error)) from None
    view = _filtered_view(args, load_data(args))
    if view.is_empty and args.view != "positions":
        print(f"explorer export: error: no events match {view.filters.describe()}; nothing written", file=sys.stderr)
        return EXIT_INVALID
    size = ImageSize(width=args.width, height=args.height, scale=args.scale)
    needs_browser = any(suffix in IMAGE_FORMATS for suffix in suffixes)
    try:
        # One browser for every image of the command, not one per image.
        with ImageRenderer() if needs_browser else nullcontext() as renderer:
            for path in args.output:
                if view.full_graph.number_of_nodes() > 10_000:
                    print(f"explorer: writing {path} ({len(view.events):,} events)", file=sys.stderr, flush=True)
                written = export(view, path, args.view, size, args.select, renderer)
                print(f"{written}: {len(view.events)} events, {args.view}", file=sys.stderr)
    except ExportError as error:
        print(f"explorer export: error: {error}", file=sys.stderr)
        return EXIT_INVALID
    return EXIT_OK


def _positive(kind: type):
    """An argparse type for positive ints or floats."""
    noun = "a positive integer" if kind is int else "a positive number"

    def parse(text: str):
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected {noun}, got {text!r}") from None
        if value <= 0:
            raise argparse.ArgumentTypeError(f"expected {noun}, got {text!r}")
        return value

    return parse


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="explorer",
        description="A timeline and event-graph explorer for diplomacy and conflict.",
    )
    parser.add_argument("--version", action="version", version=f"explorer {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    validate = commands.add_parser("validate", help="check data files; errors as PATH:LINE:COL: message")
    _add_data_argument(validate, many=True)
    validate.set_defaults(run=cmd_validate)

    stats_parser = commands.add_parser("stats", help="counts, date span, most connected actors")
    _add_data_argument(stats_parser)
    stats_parser.add_argument(
        "--top", type=int, default=10, help="how many actors, and stance changes per topic, to list (default 10)"
    )
    stats_parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    stats_parser.set_defaults(run=cmd_stats)

    serve = commands.add_parser("serve", help="explore a data file in the browser")
    _add_data_argument(serve)
    serve.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)"
    )
    serve.add_argument("--port", type=int, default=8050, help="port to listen on (default 8050)")
    serve.add_argument("--debug", action="store_true", help="development mode: tracebacks and reloading; loopback only")
    serve.add_argument(
        "--watch",
        action="store_true",
        help="re-read DATA when it changes; an invalid version keeps the last good data and shows its errors",
    )
    serve.set_defaults(run=cmd_serve)

    export = commands.add_parser(
        "export",
        help="write a view as .png .svg .pdf .html, or the graph as .graphml .gexf .json, or events as .csv",
        description="Export the filtered view. The format comes from each output's suffix: "
        ".png .svg .pdf .html (the figure, as in the browser), .graphml .gexf .json (the graph), .csv (events).",
    )
    _add_data_argument(export)
    export.add_argument(
        "-o",
        "--output",
        action="append",
        required=True,
        metavar="FILE",
        help="file to write (repeatable: several files share one browser)",
    )
    export.add_argument(
        "--view",
        choices=("timeline", "network", "positions"),
        default="timeline",
        help="which figure (default timeline); with --view positions, .csv writes the positions",
    )
    export.add_argument("--select", metavar="NODE", help="highlight a node, e.g. event:alaska-summit-2025")
    export.add_argument("--width", type=_positive(int), default=1600, help="image width in pixels (default 1600)")
    export.add_argument("--height", type=_positive(int), default=None, help="image height (default: the figure's)")
    export.add_argument("--scale", type=_positive(float), default=2.0, help="pixel ratio of images (default 2)")
    _add_filter_arguments(export)
    export.set_defaults(run=cmd_export)

    schema = commands.add_parser("schema", help="print the JSON Schema of the data file")
    schema.set_defaults(run=cmd_schema)

    for register in EXTRA_COMMANDS:
        register(commands)
    return parser


def _register_generate(commands: argparse._SubParsersAction) -> None:
    from .generate import register

    register(commands)


#: Functions adding further subcommands, each given the subparsers.
EXTRA_COMMANDS: list[Callable[[argparse._SubParsersAction], None]] = [_register_generate]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except DatasetError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return EXIT_INVALID
    except UsageError as error:
        print(f"explorer {args.command}: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
