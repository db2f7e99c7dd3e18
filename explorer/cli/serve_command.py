"""``explorer serve``: the browser app on this machine."""

from __future__ import annotations

import argparse
import ipaddress
import sys

from ..paths import default_data_path
from .common import EXIT_OK, UsageError, add_data_argument


def is_loopback(host: str) -> bool:
    """True for addresses only this machine can reach."""
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
    from ..web import create_app

    path = args.data or default_data_path()
    app = create_app(path, watch=args.watch, max_bytes=args.max_size, use_cache=not args.no_cache)
    if args.watch:
        print(f"explorer: watching {path}; the page reloads the data when the file changes", file=sys.stderr)
    if args.debug:
        print("Debug mode: for development only (code reloading and tracebacks in the page).", file=sys.stderr)
    print(f"explorer: serving {path} on http://{args.host}:{args.port}/ (Ctrl+C to stop)", file=sys.stderr)
    app.run(host=args.host, port=args.port, debug=args.debug, use_reloader=False)
    return EXIT_OK


def register(commands: argparse._SubParsersAction) -> None:
    """Add ``serve`` to the subcommands ``commands``."""
    serve = commands.add_parser("serve", help="explore a data file in the browser")
    add_data_argument(serve)
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
