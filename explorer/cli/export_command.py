"""``explorer export``: a filtered view as an image, a graph file or CSV."""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from contextlib import nullcontext

from ..analysis import DEFAULT_MEASURE, MEASURES
from ..event_table import COLUMNS, DEFAULT_SORT, ListOrder, SortError, parse_sort
from ..figures.as_of import Cursor
from ..figures.network import COLOR_BY, NetworkOptions
from ..model import DateFormatError, FuzzyDate
from .animation_arguments import add_animation_arguments, export_animation
from .common import (
    EXIT_INVALID,
    EXIT_OK,
    UsageError,
    add_data_argument,
    add_filter_arguments,
    filtered_view,
    load_data,
    positive,
)


def cmd_export(args: argparse.Namespace) -> int:
    if args.frames and args.format == "timelinejs":
        raise UsageError("--format timelinejs writes one story file; it does not go with --frames")
    if args.frames and args.asof:
        raise UsageError("--asof draws one day and --frames one per step: use one of them")
    if args.window and not (args.frames or args.asof):
        raise UsageError("--window DAYS goes with --asof DATE (or --frames): the last DAYS days up to that day")
    if args.frames:
        return export_animation(args)
    from ..export import IMAGE_FORMATS, ExportError, ImageRenderer, ImageSize, check_image_size, check_suffix, export

    try:
        suffixes = [check_suffix(path) for path in args.output]
        check_image_size(args.width, args.height or 1, args.scale)
    except ExportError as error:
        raise UsageError(str(error)) from None
    undated = sorted(set(suffixes) - {*IMAGE_FORMATS, ".html"})
    if args.asof and undated:
        raise UsageError(f"--asof draws figures as of a day (.png .svg .pdf .html); {', '.join(undated)} has no day")
    if args.view == "list" and set(suffixes) != {".csv"}:
        raise UsageError("--view list writes the event list as .csv files")
    if args.format == "timelinejs" and set(suffixes) != {".json"}:
        raise UsageError("--format timelinejs writes .json files")
    view = filtered_view(args, load_data(args))
    if view.is_empty and args.view != "positions":
        print(f"explorer export: error: no events match {view.filters.describe()}; nothing written", file=sys.stderr)
        return EXIT_INVALID
    if args.format == "timelinejs":
        return _export_timelinejs(view, args.output)
    size = ImageSize(width=args.width, height=args.height, scale=args.scale)
    needs_browser = any(suffix in IMAGE_FORMATS for suffix in suffixes)
    try:
        # One browser for every image of the command, not one per image.
        with ImageRenderer() if needs_browser else nullcontext() as renderer:
            for path in args.output:
                if view.full_graph.number_of_nodes() > 10_000:
                    print(f"explorer: writing {path} ({len(view.events):,} events)", file=sys.stderr, flush=True)
                written = export(
                    view,
                    path,
                    args.view,
                    size,
                    args.select,
                    renderer,
                    network_options(args),
                    list_order(args),
                    cursor=Cursor(args.asof, args.window) if args.asof else None,
                )
                print(f"{written}: {len(view.events)} events, {args.view}", file=sys.stderr)
    except ExportError as error:
        print(f"explorer export: error: {error}", file=sys.stderr)
        return EXIT_INVALID
    return EXIT_OK


def _export_timelinejs(view, outputs: list[str]) -> int:
    from pathlib import Path

    from ..export import ExportError, write_atomic
    from ..timelinejs import timelinejs_bytes

    try:
        for path in outputs:
            write_atomic(Path(path), timelinejs_bytes(view))
            print(f"{path}: {len(view.events)} events, TimelineJS", file=sys.stderr)
    except ExportError as error:
        print(f"explorer export: error: {error}", file=sys.stderr)
        return EXIT_INVALID
    return EXIT_OK


def network_options(args: argparse.Namespace) -> NetworkOptions:
    return NetworkOptions(measure=args.size_by, color=args.color_by)


def list_order(args: argparse.Namespace) -> ListOrder:
    return parse_sort(args.sort, args.search)


def day_argument(text: str) -> dt.date:
    """An argparse type for ``--asof YYYY-MM-DD``; an impossible day is read as the data's dates
    are, so the message says what is wrong with it ("February 2025 has 28 days")."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise argparse.ArgumentTypeError(f"expected a day as YYYY-MM-DD, e.g. 2025-08-15, got {text!r}")
    try:
        return FuzzyDate.parse(text).first
    except DateFormatError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def sort_argument(text: str) -> str:
    """An argparse type for ``--sort COLUMN[:asc|desc]``."""
    try:
        return parse_sort(text).text()
    except SortError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def register(commands: argparse._SubParsersAction) -> None:
    """Add ``export`` to the subcommands ``commands``."""
    export = commands.add_parser(
        "export",
        help="write a view as .png .svg .pdf .html, or the graph as .graphml .gexf .json, or events as .csv",
        description="Export the filtered view. The format comes from each output's suffix: "
        ".png .svg .pdf .html (the figure, as in the browser), .graphml .gexf .json (the graph), .csv (events).",
    )
    add_data_argument(export)
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
        choices=("timeline", "network", "positions", "list"),
        default="timeline",
        help="which figure (default timeline); with --view positions, .csv writes the positions; "
        "--view list writes the event list as .csv, as the browser's List view shows it",
    )
    export.add_argument(
        "--sort",
        type=sort_argument,
        default=DEFAULT_SORT,
        metavar="COLUMN[:desc]",
        help=f"--view list: sort by one of {', '.join(COLUMNS)} (default {DEFAULT_SORT})",
    )
    export.add_argument("--search", default="", metavar="WORDS", help="--view list: only rows showing these words")
    export.add_argument(
        "--format",
        choices=("timelinejs",),
        help="timelinejs: write the events as a TimelineJS JSON file (.json) to publish as a story",
    )
    export.add_argument("--select", metavar="NODE", help="highlight a node, e.g. event:alaska-summit-2025")
    export.add_argument(
        "--asof",
        type=day_argument,
        metavar="DATE",
        help="draw the figure as of DATE (YYYY-MM-DD), as the browser's time cursor does: the network "
        "and positions as they stood that day, the timeline marked there; with --window DAYS, only "
        "the last DAYS days",
    )
    export.add_argument(
        "--size-by", choices=tuple(MEASURES), default=DEFAULT_MEASURE, help="network node size (default degree)"
    )
    export.add_argument("--color-by", choices=COLOR_BY, default="kind", help="network node colour (default kind)")
    export.add_argument("--width", type=positive(int), default=1600, help="image width in pixels (default 1600)")
    export.add_argument("--height", type=positive(int), default=None, help="image height (default: the figure's)")
    export.add_argument("--scale", type=positive(float), default=2.0, help="pixel ratio of images (default 2)")
    add_filter_arguments(export)
    add_animation_arguments(export)
    export.set_defaults(run=cmd_export)
