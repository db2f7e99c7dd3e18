"""``explorer serve``: the browser app on this machine."""

from __future__ import annotations

import argparse
import ipaddress
import sys

from ..paths import default_data_path
from .common import EXIT_OK, UsageError, add_data_argument, print_progress


def is_loopback(host: str) -> bool:
    """True for addresses only this machine can reach."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def server_url(host: str, port: int) -> str:
    """The URL of the server on ``host`` and ``port``; an IPv6 address goes in brackets:
    ``http://[::1]:8050/``."""
    bare = host.strip("[]")
    return f"http://[{bare}]:{port}/" if ":" in bare else f"http://{host}:{port}/"


def port_number(text: str) -> int:
    """An argparse type for a TCP port, 1–65535."""
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number") from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"port {port} is out of range: use 1–65535")
    return port


def cmd_serve(args: argparse.Namespace) -> int:
    if args.debug and not is_loopback(args.host):
        raise UsageError(
            f"--debug on {args.host} is refused: the debugger lets anyone who reaches the page run code "
            "on this machine. Use --debug only with --host 127.0.0.1."
        )
    from ..web import create_app
    from ..web.serving import BannerlessRequestHandler

    path = args.data or default_data_path()
    # Every step is told, whatever the file's size: a server's start is watched, and a
    # large file takes seconds to read, validate and lay out before the page can be served.
    app = create_app(
        path, watch=args.watch, max_bytes=args.max_size, use_cache=not args.no_cache, progress=print_progress
    )
    if args.watch:
        print(f"explorer: watching {path}; the page reloads the data when the file changes", file=sys.stderr)
    if args.debug:
        print("Debug mode: for development only (code reloading and tracebacks in the page).", file=sys.stderr)
    if not is_loopback(args.host):
        print(
            f"explorer: warning: listening on {args.host}, so anyone on the network who can reach this machine "
            "can read the data; serve on 127.0.0.1 (the default) to keep it to this machine",
            file=sys.stderr,
        )
    host = args.host.strip("[]")
    print_progress(f"ready: open {server_url(host, args.port)} in a browser to explore {path} (Ctrl+C to stop)")
    app.run(host=host, port=args.port, debug=args.debug, use_reloader=False, request_handler=BannerlessRequestHandler)
    return EXIT_OK


def register(commands: argparse._SubParsersAction) -> None:
    """Add ``serve`` to the subcommands ``commands``."""
    serve = commands.add_parser("serve", help="explore a data file in the browser")
    add_data_argument(serve)
    serve.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)"
    )
    serve.add_argument("--port", type=port_number, default=8050, help="port to listen on (default 8050)")
    serve.add_argument("--debug", action="store_true", help="development mode: tracebacks and reloading; loopback only")
    serve.add_argument(
        "--watch",
        action="store_true",
        help="re-read DATA when it changes; an invalid version keeps the last good data and shows its errors",
    )
    serve.set_defaults(run=cmd_serve)
