"""The browser app: ``create_app`` builds a Dash app for a data file.

Nothing here holds data logic: callbacks read the dataset and graph that ``AppData`` holds,
and call :func:`explorer.graph.query_filters` and the figure functions.
"""

from __future__ import annotations

import html
import threading
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
from dash import Dash

from ..cache import load_cached
from ..graph import build_graph
from ..load import DEFAULT_MAX_BYTES, load
from ..model import Dataset
from ..network_layout import network_positions
from ..watch import FileWatcher
from .callbacks import register
from .page import page_layout
from .serving import serve


@dataclass(frozen=True)
class AppData:
    """The dataset the app serves, its graph and the graph's (cached) network layout."""

    dataset: Dataset
    graph: nx.MultiDiGraph

    @classmethod
    def from_dataset(cls, dataset: Dataset) -> AppData:
        graph = build_graph(dataset)
        network_positions(graph)
        return cls(dataset, graph)


class LiveData:
    """What the app serves now. ``current`` is replaced whole, so a callback that reads it
    once sees one consistent dataset and graph; ``version`` changes with every reload, and
    ``problems`` holds the located errors of a new version that was refused (empty when the
    file on disk is the one shown)."""

    def __init__(self, data: AppData, path: str | None = None):
        self.current = data
        self.path = path
        self.version = 0
        self.problems: list[str] = []
        self._lock = threading.Lock()

    def accept(self, dataset: Dataset) -> None:
        fresh = AppData.from_dataset(dataset)  # graph and layout built before the swap
        with self._lock:
            self.current = fresh
            self.problems = []
            self.version += 1

    def refuse(self, problems) -> None:
        with self._lock:
            self.problems = [str(problem) for problem in problems]
            self.version += 1


def assets_folder() -> Path:
    """``assets/`` of the checkout, or the copy installed with the package."""
    checkout = Path(__file__).resolve().parents[2] / "assets"
    return checkout if checkout.is_dir() else Path(__file__).resolve().parents[1] / "assets"


def create_app(
    data: str | Path | Dataset | None = None,
    *,
    watch: bool = False,
    watch_interval: float = 1.0,
    max_bytes: int = DEFAULT_MAX_BYTES,
    use_cache: bool = False,
) -> Dash:
    """A Dash app exploring ``data`` (a path, a loaded Dataset, or the curated dataset).

    With ``watch``, the file is re-read when it changes: a valid version replaces the data on
    screen; an invalid one leaves the last good data and shows a banner with its errors.
    """
    if data is None:
        from ..paths import default_data_path

        data = default_data_path()
    if watch and isinstance(data, Dataset):
        raise ValueError("watch needs the path of the data file, not a loaded Dataset")
    reader = load_cached if use_cache else load
    dataset = data if isinstance(data, Dataset) else reader(data, max_bytes=max_bytes)
    live = LiveData(AppData.from_dataset(dataset), None if isinstance(data, Dataset) else str(data))
    app = Dash(
        __name__,
        # Dash puts the title into the page's HTML as it is: escape it, it is user text.
        title=html.escape(f"{dataset.name} — explorer"),
        assets_folder=str(assets_folder()),
        update_title=None,
    )
    app.layout = page_layout(dataset, watch=watch, watch_interval=watch_interval)
    register(app, live)
    serve(app, live)
    app.explorer_data = live  # type: ignore[attr-defined]
    if watch:
        watcher = FileWatcher(data, live.accept, live.refuse, interval=watch_interval, max_bytes=max_bytes)
        app.explorer_watcher = watcher.start()  # type: ignore[attr-defined]
    return app


_served: Dash | None = None


def __getattr__(name: str):
    """``explorer.web:server``, the WSGI application for production servers such as gunicorn.

    It serves ``$EXPLORER_DATA`` (default: the curated dataset), built once per worker
    process on first use; ``EXPLORER_WATCH=1`` turns on live reload.
    """
    global _served
    if name == "server":
        if _served is None:
            import os

            from ..paths import default_data_path

            watch = os.environ.get("EXPLORER_WATCH", "") not in ("", "0", "false", "no")
            _served = create_app(default_data_path(), watch=watch, use_cache=True)
        return _served.server
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
