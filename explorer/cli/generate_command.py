"""``explorer generate``: a synthetic data file for benchmarks and scale tests."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from .. import generate as generation
from ..generate import MAX_DEFAULT_ACTORS, Progress, generate, write
from .common import integer, positive


def cmd_generate(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    output = Path(args.output)
    if output.is_dir():
        print(f"explorer generate: error: {output} is a folder; give the path of a .yaml file", file=sys.stderr)
        return 2
    if not output.parent.is_dir():
        print(f"explorer generate: error: no such folder: {output.parent}", file=sys.stderr)
        return 2
    loud = args.events >= generation.PROGRESS_FROM  # read at call time: tests lower it

    def report(verb: str) -> Progress | None:
        if not loud:
            return None
        return lambda done, total: print(f"{verb} {done}/{total} events", file=sys.stderr, flush=True)

    document = generate(args.events, args.actors, args.seed, progress=report("generated"))
    try:
        write(document, output, progress=report("wrote"))
    except OSError as error:  # a read-only folder, a full disk: nothing is left behind
        print(f"explorer generate: error: cannot write {output}: {error.strerror or error}", file=sys.stderr)
        return 1
    size = output.stat().st_size
    print(
        f"{output}: {len(document['events'])} events, {len(document['actors'])} actors, "
        f"{len(document['topics'])} topics, {len(document['positions'])} positions "
        f"({size / 2**20:.1f} MiB, seed {args.seed}) in {time.perf_counter() - started:.1f} s"
    )
    return 0


def register(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add ``explorer generate`` to the subcommands ``commands``."""
    parser = commands.add_parser(
        "generate",
        help="write a synthetic data file of N events (for benchmarks and tests)",
        description="Write a deterministic synthetic data file in the explorer format: invented actors, "
        "events, topics and positions, with skewed participation and mixed date precision.",
    )
    parser.add_argument("--events", type=positive(int), required=True, metavar="N", help="number of events")
    parser.add_argument(
        "--actors",
        type=positive(int),
        default=None,
        metavar="M",
        help=f"number of actors (default: events / 4, at least 20, at most {MAX_DEFAULT_ACTORS})",
    )
    parser.add_argument("--seed", type=integer, default=0, help="random seed (default 0): same seed, same file")
    parser.add_argument("-o", "--output", required=True, metavar="FILE", help="the YAML file to write")
    parser.set_defaults(run=cmd_generate)
    return parser
