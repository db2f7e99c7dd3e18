"""``explorer import``: other people's timelines (TimelineJS JSON or sheet, any CSV) → a data file."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from .. import yaml_writer
from ..importers import FORMAT_NAMES, FORMATS, MappingError, comment_lines, import_source, parse_mapping
from ..load import DEFAULT_MAX_BYTES
from ..model import ACTOR_KINDS
from .common import EXIT_OK, UsageError, max_bytes


def cmd_import(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    output = Path(args.output)
    _check_output(output, args.force)
    try:
        mapping = parse_mapping(args.map) if args.map else None
        fmt, imported = import_source(Path(args.source), args.format, mapping, args.actor_kind, args.max_size)
    except MappingError as error:
        raise UsageError(str(error)) from None
    header = f"Imported from {Path(args.source).name} ({FORMAT_NAMES[fmt]}) by `explorer import`."
    try:
        yaml_writer.write(imported.document, output, comment_lines(header))
    except OSError as error:
        print(f"explorer import: error: cannot write {output}: {error.strerror or error}", file=sys.stderr)
        return 1
    for note in imported.notes:
        print(f"{args.source}: note: {note}", file=sys.stderr)
    document = imported.document
    print(
        f"{output}: {len(document['events'])} events, {len(document['actors'])} actors from {args.source} "
        f"({FORMAT_NAMES[fmt]}) in {time.perf_counter() - started:.1f} s",
        file=sys.stderr,
    )
    return EXIT_OK


def _check_output(output: Path, force: bool) -> None:
    if output.is_dir():
        raise UsageError(f"{output} is a folder; give the path of a .yaml file")
    if not output.parent.is_dir():
        raise UsageError(f"no such folder: {output.parent}")
    if output.exists() and not force:
        raise UsageError(f"{output} exists; use --force to replace it")


def register(commands: argparse._SubParsersAction) -> None:
    """Add ``import`` to the subcommands ``commands``."""
    parser = commands.add_parser(
        "import",
        help="TimelineJS JSON or sheet CSV, or any CSV with --map → a data file that validates",
        description="Import another tool's timeline as an explorer data file. The format is detected "
        "(.json: TimelineJS JSON; a CSV with the TimelineJS template's header: its sheet) unless --format says it. "
        "Every row or item that cannot be imported is reported (SOURCE:LINE: error: …) and nothing is written.",
    )
    parser.add_argument("source", metavar="SOURCE", help="the .json or .csv file to import")
    parser.add_argument("-o", "--output", required=True, metavar="FILE", help="the YAML data file to write")
    parser.add_argument("--format", choices=FORMATS, help="the source's format (default: detected)")
    parser.add_argument(
        "--map",
        metavar="FIELD=COLUMN,…",
        help="for --format csv: which column holds each field, e.g. date=Date,title=Headline,actors=Who,"
        "kind=Type,source=Link (fields: id date end title summary kind actors location tags source)",
    )
    parser.add_argument(
        "--actor-kind",
        choices=ACTOR_KINDS,
        help="kind of the actors made from names (default: group for TimelineJS groups, person for --map actors)",
    )
    parser.add_argument("--force", action="store_true", help="replace FILE if it exists")
    parser.add_argument(
        "--max-size", type=max_bytes, default=DEFAULT_MAX_BYTES, metavar="MIB", help="refuse larger sources"
    )
    parser.set_defaults(run=cmd_import)
