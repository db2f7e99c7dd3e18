"""A response cache shared by every worker: the answer to a callback request, stored under the
data version (a content hash of the dataset served) and the request's page state, so a
state that many readers ask for (the default view, a shared link) is drawn once.

The store is Flask-Caching's: a bounded folder of files by default (shared by the workers of
one machine; :mod:`explorer.web.file_store`), Redis when ``EXPLORER_CACHE_URL=redis://host:port/db``
(shared by machines behind a load balancer), none with ``EXPLORER_CACHE_URL=none``. A store that fails (Redis gone) is
logged once and left alone for a few seconds; the app goes on answering, uncached.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
import threading
import time
from pathlib import Path
from typing import Any

import flask
from flask_caching import Cache

from .._version import __version__

log = logging.getLogger("explorer.web")

CACHE_PATH = "/_dash-update-component"
ENTRIES = 2000  # files kept by the filesystem store; past it, the oldest tenth is pruned
SECONDS = 7 * 86400  # an entry's life; a new data version never reads an old one anyway
RETRY_SECONDS = 5.0  # after a store fails, answer uncached this long before trying it again
REDIS_TIMEOUT_SECONDS = 0.5


def cache_config(url: str | None, default_folder: Path) -> dict[str, Any]:
    """The Flask-Caching configuration for ``EXPLORER_CACHE_URL``'s value ``url``."""
    if url and url.startswith(("redis://", "rediss://", "unix://")):
        return {
            "CACHE_TYPE": "RedisCache",
            "CACHE_REDIS_URL": url,
            "CACHE_KEY_PREFIX": "explorer:",
            "CACHE_DEFAULT_TIMEOUT": SECONDS,
            "CACHE_OPTIONS": {
                "socket_timeout": REDIS_TIMEOUT_SECONDS,
                "socket_connect_timeout": REDIS_TIMEOUT_SECONDS,
            },
        }
    if url in ("none", "off"):
        return {"CACHE_TYPE": "NullCache", "CACHE_NO_NULL_WARNING": True}
    folder = Path(url.removeprefix("file://")) if url else default_folder
    return {
        "CACHE_TYPE": "explorer.web.file_store.FileSystemStore",  # FileSystemCache, pruned a tenth at a time
        "CACHE_DIR": str(folder),
        "CACHE_THRESHOLD": ENTRIES,
        "CACHE_DEFAULT_TIMEOUT": SECONDS,
    }


@functools.cache
def code_fingerprint() -> str:
    """What draws the answers: the explorer version, its source files (path, size, time, so
    an edited checkout never reads answers the old code drew) and Dash's and Plotly's versions."""
    import dash
    import plotly

    package = Path(__file__).resolve().parents[1]
    files = sorted((str(p.relative_to(package)), p.stat().st_size, p.stat().st_mtime_ns) for p in package.rglob("*.py"))
    return f"{__version__}:{dash.__version__}:{plotly.__version__}:{files}"


def dataset_fingerprint(dataset) -> str:
    """A content hash of a loaded dataset's records (what the page can show of it)."""
    groups = (dataset.actors, dataset.events, dataset.topics, dataset.positions)
    records = [[item.model_dump(mode="json", by_alias=True, exclude_none=True) for item in group] for group in groups]
    body = json.dumps([dataset.name, dataset.description, records], sort_keys=True)
    return hashlib.sha256(body.encode("utf-8")).hexdigest()[:32]


class ResponseCache:
    """Serves repeated callback requests from the store; ``live`` (LiveData) says what data is
    served now, ``uncached_outputs`` names the callbacks whose answers must not be stored."""

    def __init__(self, server: flask.Flask, live, config: dict[str, Any], uncached_outputs: tuple[str, ...]):
        self.store = Cache(server, config=config)
        self.live = live
        self.uncached_outputs = uncached_outputs
        self.is_off = config["CACHE_TYPE"] == "NullCache"
        self._versioned: tuple[Any, str] | None = None
        self._lock = threading.Lock()
        self._failed_at: float | None = None
        self.data_version()  # hashed at start, not on the first reader's time
        server.before_request(self.answer_from_store)
        server.after_request(self.keep)

    def data_version(self) -> str:
        """The data served now and the code that draws it: the SHA-256 of the data file's
        bytes (the version every worker agrees on), or for data given as a Dataset, a
        content hash of its records (computed once per version)."""
        data, digest = self.live.current, self.live.digest
        with self._lock:
            if self._versioned is None or self._versioned[0] is not data:
                content = digest or dataset_fingerprint(data.dataset)
                fingerprint = hashlib.sha256(f"{content}:{code_fingerprint()}".encode()).hexdigest()[:32]
                self._versioned = (data, fingerprint)
            return self._versioned[1]

    def key_for(self, body: Any) -> str | None:
        """The store key of a callback request, or None for a request not to cache."""
        if self.is_off or not isinstance(body, dict) or not isinstance(body.get("output"), str):
            return None
        if any(output in body["output"] for output in self.uncached_outputs):
            return None
        state = {name: body.get(name) for name in ("output", "inputs", "state", "changedPropIds")}
        text = json.dumps([self.data_version(), state], sort_keys=True, separators=(",", ":"), default=str)
        return "response:" + hashlib.sha256(text.encode()).hexdigest()

    def answer_from_store(self) -> flask.Response | None:
        """Before Dash: the stored answer of this request, if there is one."""
        request = flask.request
        if request.path != CACHE_PATH or request.method != "POST":
            return None
        key = self.key_for(request.get_json(silent=True))
        flask.g.response_key = key
        stored = self._call("get", key) if key else None
        if stored is None:
            return None
        return flask.Response(stored, mimetype="application/json", headers={"X-Explorer-Cache": "hit"})

    def keep(self, response: flask.Response) -> flask.Response:
        """After Dash: store a fresh, whole answer of a cacheable request."""
        key = flask.g.pop("response_key", None)
        is_whole = not response.direct_passthrough and "Content-Encoding" not in response.headers
        if key and is_whole and response.status_code == 200 and "X-Explorer-Cache" not in response.headers:
            is_stored = self._call("set", key, response.get_data())
            response.headers["X-Explorer-Cache"] = "miss" if is_stored else "off"
        return response

    def _call(self, method: str, *args: Any) -> Any:
        """``store.method(*args)``; None while the store is failing (logged once per outage)."""
        if self._failed_at is not None and time.monotonic() - self._failed_at < RETRY_SECONDS:
            return None
        try:
            result = getattr(self.store, method)(*args)
        except Exception as error:  # Redis gone, a full disk: answer uncached
            if self._failed_at is None:
                log.warning("response cache unavailable (%s: %s); answering uncached", type(error).__name__, error)
            self._failed_at = time.monotonic()
            return None
        if self._failed_at is not None:
            log.warning("response cache is back")
            self._failed_at = None
        return result


def response_cache(app, live, uncached_outputs: tuple[str, ...]) -> ResponseCache:
    """The response cache for ``app``, configured from ``EXPLORER_CACHE_URL``."""
    from ..cache import cache_dir

    config = cache_config(os.environ.get("EXPLORER_CACHE_URL"), cache_dir() / "responses")
    return ResponseCache(app.server, live, config, uncached_outputs)
