"""What the subcommands share: exit codes, argument types, the data and filter arguments,
and loading the data a command asked for."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..cache import load_cached
from ..graph import build_graph, filter_problems, query
from ..load import DEFAULT_MAX_BYTES, load
from ..model import DateFormatError, FuzzyDate
from ..paths import default_data_path

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """A command-line mistake the user can fix; printed without a traceback, exit 2."""


def integer(text: str) -> int:
    """An argparse type for any integer."""
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected an integer, got {text!r}") from None


def max_bytes(text: str) -> int:
    """``--max-size`` in MiB → bytes."""
    try:
        mebibytes = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a size in MiB, got {text!r}") from None
    if mebibytes <= 0:
        raise argparse.ArgumentTypeError("the size must be positive")
    return int(mebibytes * 2**20)


def add_data_argument(parser: argparse.ArgumentParser, *, many: bool = False) -> None:
    nargs, noun = ("*", "data files") if many else ("?", "data file")
    parser.add_argument("data", nargs=nargs, type=Path, metavar="DATA", help=f"{noun} (default: the curated dataset)")
    if not many:
        parser.add_argument(
            "--no-cache", action="store_true", help="read the file afresh, not from the load cache (see README)"
        )
    parser.add_argument(
        "--max-size",
        type=max_bytes,
        default=DEFAULT_MAX_BYTES,
        metavar="MIB",
        help=f"refuse files larger than this many MiB (default {DEFAULT_MAX_BYTES // 2**20})",
    )


PROGRESS_FROM_BYTES = 8 * 2**20


def print_progress(message: str) -> None:
    """Tell the user, on stderr, what a long piece of work is doing now."""
    print(f"explorer: {message}", file=sys.stderr, flush=True)


def progress_for(path: Path):
    """A progress printer (to stderr) for files large enough to take a while, else None."""
    try:
        is_large = Path(path).stat().st_size >= PROGRESS_FROM_BYTES
    except OSError:
        return None
    return print_progress if is_large else None


def load_data(args: argparse.Namespace):
    """The dataset a command asked for, through the load cache unless --no-cache."""
    path = args.data or default_data_path()
    progress = progress_for(path)
    if getattr(args, "no_cache", True):
        return load(path, max_bytes=args.max_size, progress=progress)
    return load_cached(path, max_bytes=args.max_size, progress=progress)


def date_argument(text: str) -> str:
    """A --from/--to value, checked."""
    try:
        return str(FuzzyDate.parse(text))
    except DateFormatError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def add_filter_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("filters (as in the browser)")
    group.add_argument("--actor", action="append", default=[], metavar="ID", help="events with this actor (repeatable)")
    group.add_argument(
        "--from", dest="start", type=date_argument, metavar="DATE", help="events overlapping this date or later"
    )
    group.add_argument(
        "--to", dest="end", type=date_argument, metavar="DATE", help="events overlapping this date or earlier"
    )
    group.add_argument("--kind", action="append", default=[], metavar="KIND", help="event kind (repeatable)")
    group.add_argument("--topic", action="append", default=[], metavar="ID", help="topic (repeatable)")
    group.add_argument("--text", default="", metavar="WORDS", help="words in titles, summaries, quotes")


def filtered_view(args: argparse.Namespace, dataset):
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


def positive(kind: type):
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
