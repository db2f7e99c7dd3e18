"""How the app's Flask server answers over HTTP, apart from what the page shows: bad requests
get a 4xx and one log line (never a 500 with a traceback); every response carries security
headers (a Content-Security-Policy Dash works under, no framing by other sites, no MIME
sniffing, no referrer sent to other sites) and no server banner.

Responses are compressed (brotli, else gzip, as the browser accepts); fingerprinted assets
are cached by browsers for a year as immutable. Repeated callback requests are answered from
a shared response cache (see :mod:`explorer.web.response_cache`).

``serve(app, live)`` is called once by ``create_app``, after the callbacks are registered.
"""

from __future__ import annotations

import logging

import flask
from dash import Dash
from dash.exceptions import DependencyException
from dash.fingerprint import check_fingerprint
from flask_compress import Compress
from flask_talisman import Talisman
from werkzeug.exceptions import BadRequest, HTTPException, NotFound
from werkzeug.serving import WSGIRequestHandler

from .callbacks import UNCACHED_OUTPUTS
from .response_cache import response_cache

log = logging.getLogger("explorer.web")

CALLBACK_PATH = "/_dash-update-component"
COMPONENT_SUITES = "/_dash-component-suites/"
ASSET_PATHS = (COMPONENT_SUITES, "/assets/", "/_favicon.ico")
ONE_YEAR = 365 * 86400
MAX_COMPRESSED_ASSETS = 200
MAX_REQUEST_BYTES = 2 * 2**20  # a callback request is a few kB; the largest carries a click's data
# Fields of a callback request, with the JSON types Dash's renderer sends for each.
CALLBACK_FIELDS = {
    "output": (str,),
    "outputs": (dict, list),
    "inputs": (list,),
    "state": (list,),
    "changedPropIds": (list,),
}
REQUIRED_FIELDS = ("output", "outputs", "inputs")


def serve(app: Dash, live) -> None:
    """Set up ``app``'s server, which serves ``live`` (LiveData): request limits, error
    handling, security headers and the response cache."""
    server = app.server
    server.config["MAX_CONTENT_LENGTH"] = MAX_REQUEST_BYTES
    server.before_request(check_callback_request)
    server.register_error_handler(DependencyException, not_found)
    server.register_error_handler(Exception, bad_request)
    Talisman(
        server,
        force_https=False,  # TLS, where there is one, ends at the proxy in front
        content_security_policy=content_security_policy(app),
        frame_options="DENY",
        referrer_policy="same-origin",  # a link's query holds the view's filters: keep them in
        session_cookie_secure=False,
    )
    compress(server)  # before the response cache, which must store answers uncompressed
    app.explorer_response_cache = response_cache(app, live, UNCACHED_OUTPUTS)  # type: ignore[attr-defined]
    server.after_request(cache_assets)


def content_security_policy(app: Dash) -> dict[str, str]:
    """The page's CSP: everything from this origin only; inline scripts only those Dash writes
    (by hash); inline styles, which React and Plotly set; images as data: and blob: URLs,
    which Plotly draws with; no framing by any other page.

    No ``'unsafe-eval'``: the page loads plotly.js's strict bundle (``assets/plotly-strict.min.js``,
    the same plotly.js version plotly.py ships, pinned in ``vendor/plotly-strict``), whose WebGL
    traces (``scattergl``, which the timeline and the network use past 1,000 markers or nodes)
    run pre-generated regl code instead of compiling it with ``Function()``. Dash's graphs use
    the ``window.Plotly`` it defines and never load the full bundle. Inline scripts are refused
    too, so injected markup cannot run code."""
    return {
        "default-src": "'self'",
        "script-src": " ".join(["'self'", *app.csp_hashes()]),
        "style-src": "'self' 'unsafe-inline'",
        "img-src": "'self' data: blob:",
        "font-src": "'self' data:",
        "connect-src": "'self'",
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
        "frame-ancestors": "'none'",
    }


def compress(server: flask.Flask) -> None:
    """Compress what is sent with brotli or gzip (as the browser accepts). Assets are compressed
    once per process and kept (Plotly alone is 4.8 MB), answers each time."""
    server.config.update(
        COMPRESS_ALGORITHM=["br", "gzip"],
        COMPRESS_BR_LEVEL=5,
        COMPRESS_LEVEL=6,
        COMPRESS_MIMETYPES=["text/html", "text/css", "text/javascript", "application/javascript", "application/json"],
        COMPRESS_CACHE_BACKEND=CompressedAssets,
        COMPRESS_CACHE_KEY=asset_key,
    )
    Compress(server)


def asset_key(request: flask.Request) -> str:
    """Flask-Compress's cache key: the URL of an asset (a file that is the same for every
    request to this process), ``"-"`` for anything else (not kept, see CompressedAssets)."""
    is_asset = request.method == "GET" and request.path.startswith(ASSET_PATHS)
    return request.full_path if is_asset else "-"


class CompressedAssets:
    """Flask-Compress's cache of compressed assets, in this process; keeps no answers."""

    def __init__(self) -> None:
        self.kept: dict[str, bytes] = {}

    def get(self, key: str) -> bytes | None:
        return self.kept.get(key)

    def set(self, key: str, value: bytes) -> None:
        if not key.endswith(";-") and len(self.kept) < MAX_COMPRESSED_ASSETS:
            self.kept[key] = value


def cache_assets(response: flask.Response) -> flask.Response:
    """A year of immutable browser caching for a fingerprinted asset (Dash puts a version or a
    modification time in its URL, so a new one gets a new URL). A file from ``assets/`` comes
    as a stream; it is read whole here, so that it is compressed once and kept (see
    ``compress``) rather than compressed again for every visitor (plotly.js is 5 MB)."""
    request = flask.request
    if response.status_code == 200 and request.method == "GET" and is_fingerprinted(request):
        response.headers["Cache-Control"] = f"public, max-age={ONE_YEAR}, immutable"
    if response.status_code == 200 and response.is_streamed and request.path.startswith(ASSET_PATHS):
        response.direct_passthrough = False
        response.set_data(response.get_data())
    return response


def is_fingerprinted(request: flask.Request) -> bool:
    """True for the URL of an asset that has its version in it: Dash's component suites
    (``dash_renderer.v4_4_1m1731.min.js``), ``/assets/x.css?m=1731…``, ``/_favicon.ico?v=4.4.1``."""
    if request.path.startswith(COMPONENT_SUITES):
        return check_fingerprint(request.path.rsplit("/", 1)[-1])[1]
    return request.path.startswith(ASSET_PATHS) and bool(request.args.get("m") or request.args.get("v"))


class BannerlessRequestHandler(WSGIRequestHandler):
    """Werkzeug's request handler without its ``Server: Werkzeug/x Python/y`` banner, for
    ``explorer serve`` (gunicorn says only ``Server: gunicorn``)."""

    def version_string(self) -> str:
        return "explorer"


def check_callback_request() -> None:
    """Refuse a callback request that is not shaped as Dash's renderer sends it (400), before
    Dash reads it."""
    if flask.request.path != CALLBACK_PATH or flask.request.method != "POST":
        return
    body = flask.request.get_json(silent=True)  # None for JSON too deep or not JSON at all
    problem = callback_request_problem(body)
    if problem:
        raise BadRequest(f"not a callback request: {problem}")


def callback_request_problem(body: object) -> str | None:
    """What is wrong with a callback request's JSON ``body``, or None if it has the shape of one."""
    if not isinstance(body, dict):
        return "the body is not a JSON object"
    missing = [name for name in REQUIRED_FIELDS if name not in body]
    if missing:
        return f"missing {', '.join(missing)}"
    for name, types in CALLBACK_FIELDS.items():
        if name in body and not isinstance(body[name], types):
            return f"{name} has the wrong type"
    parts = [body["outputs"]] if isinstance(body["outputs"], dict) else body["outputs"]
    if not all(isinstance(item, dict | list) for item in [*parts, *body["inputs"], *body.get("state", [])]):
        return "outputs, inputs and state must be objects"
    return None


def not_found(error: Exception) -> tuple[str, int]:
    """A component-suite path Dash does not serve (a traversal attempt, a typo): 404."""
    return log_refusal(NotFound("no such file"), error)


def bad_request(error: Exception):
    """Any error while answering: an HTTP error as it is; an exception raised by a callback
    request, which a well-formed request from the page never raises, as 400. Either way one
    log line, no traceback. Anything else is a fault of the server: 500 with its traceback."""
    if isinstance(error, HTTPException):
        return log_refusal(error, error)
    if flask.request.path == CALLBACK_PATH:
        return log_refusal(BadRequest("the callback cannot use the values sent"), error)
    raise error


def log_refusal(answer: HTTPException, cause: Exception) -> tuple[str, int]:
    """Log one line for a refused request and return the plain-text answer."""
    detail = cause.description if isinstance(cause, HTTPException) else f"{type(cause).__name__}: {cause}"
    reason = str(detail).replace("\n", " ")[:300]
    request = flask.request
    log.warning("%s %s %s from %s: %s", answer.code, request.method, request.path, request.remote_addr, reason)
    return f"{answer.code} {answer.name}: {answer.description}\n", answer.code
