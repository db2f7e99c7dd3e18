"""``explorer lint``: consistency warnings over a valid data file."""

from __future__ import annotations

import argparse
import sys

from ..lint import RULES, lint
from .common import EXIT_INVALID, EXIT_OK, UsageError, add_data_argument, load_data


def cmd_lint(args: argparse.Namespace) -> int:
    dataset = load_data(args)
    try:
        warnings = lint(dataset, ignore=args.ignore)
    except ValueError as error:
        raise UsageError(str(error)) from None
    for warning in warnings:
        print(warning)
    count = len(warnings)
    summary = f"{dataset.path}: {count} warning{'s' if count != 1 else ''}"
    print(summary, file=sys.stderr)
    return EXIT_INVALID if args.strict and warnings else EXIT_OK


def register(commands: argparse._SubParsersAction) -> None:
    """Add ``lint`` to the subcommands ``commands``."""
    parser = commands.add_parser(
        "lint",
        help="consistency warnings as PATH:LINE:COL: warning: …",
        description="Check that a valid data file is consistent: quote speakers among the event's actors, "
        "positions dated like their event, actors named in titles listed as actors, roles that "
        "overlap or end with no successor, islands, unused topics and actors, ordinal claims the file "
        "contradicts. Exit 0, or 1 with --strict when there is any warning; 1 also when the file is invalid.",
        epilog="rules: " + ", ".join(RULES),
    )
    add_data_argument(parser)
    parser.add_argument("--strict", action="store_true", help="exit 1 when there is any warning")
    parser.add_argument(
        "--ignore", action="append", default=[], metavar="RULE", help="skip this rule (repeatable); see the list below"
    )
    parser.set_defaults(run=cmd_lint)
