"""The ``explorer`` command. Each subcommand is thin: it parses arguments, calls the
library and turns :class:`DatasetError` into located messages and an exit code.

Each ``*_command`` module adds its subcommands with ``register(commands)``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from .._version import __version__
from ..errors import DatasetError
from . import (
    analyze_command,
    dataset_commands,
    export_command,
    generate_command,
    import_command,
    lint_command,
    serve_command,
)
from .common import EXIT_INVALID, EXIT_OK, EXIT_USAGE, UsageError

#: The modules that add subcommands, in the order ``--help`` lists them.
COMMAND_MODULES = (
    dataset_commands,
    lint_command,
    serve_command,
    export_command,
    import_command,
    generate_command,
    analyze_command,
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="explorer",
        description="A timeline and event-graph explorer for diplomacy and conflict.",
    )
    parser.add_argument("--version", action="version", version=f"explorer {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in COMMAND_MODULES:
        module.register(commands)
    return parser


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
