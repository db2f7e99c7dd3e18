"""The browser app: ``create_app`` builds a Dash app for a data file.

Nothing here holds data logic: callbacks read the dataset and graph that ``AppData`` holds,
and call :func:`explorer.graph.query_filters` and the figure functions.
"""

from __future__ import annotations

import html
from pathlib import Path

from dash import Dash

from ..load import DEFAULT_MAX_BYTES, Progress
from ..model import Dataset
from ..watch import FileWatcher
from . import ego_controls, event_list, graph_heights, page_title, tabs
from .callbacks import register
from .document import ASSETS_IGNORE, index_string
from .live import AppData, LiveData, open_live_data, parser
from .page import page_layout, reload_banner
from .serving import serve
from .time_cursor import register as register_time_cursor
from .timeline_zoom import register as register_timeline_zoom

__all__ = ["AppData", "LiveData", "create_app"]


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
    keep_serving: bool = False,
    progress: Progress | None = None,
) -> Dash:
    """A Dash app exploring ``data`` (a path, a loaded Dataset, or the curated dataset).

    With ``watch``, the file is re-read when it changes: a valid version replaces the data on
    screen; an invalid one leaves the last good data and shows a banner with its errors.
    An invalid file raises DatasetError, unless ``keep_serving`` (see ``open_live_data``).
    ``progress`` is told each step of the start (reading, validating, graph, layout).
    """
    if data is None:
        from ..paths import default_data_path

        data = default_data_path()
    if watch and isinstance(data, Dataset):
        raise ValueError("watch needs the path of the data file, not a loaded Dataset")
    live = open_live_data(data, max_bytes=max_bytes, use_cache=use_cache, keep_serving=keep_serving, progress=progress)
    dataset = live.current.dataset
    app = Dash(
        __name__,
        # Dash puts the title into the page's HTML as it is: escape it, it is user text.
        title=html.escape(page_title.page_title(dataset.name)),
        assets_folder=str(assets_folder()),
        assets_ignore=ASSETS_IGNORE,
        update_title=None,
    )
    app.index_string = index_string(app.get_asset_url, assets_folder())
    app.layout = live_page(live, watch=watch, watch_interval=watch_interval)
    register(app, live)
    graph_heights.register(app)
    ego_controls.register(app, live)
    page_title.register(app)
    event_list.register(app, live)
    register_timeline_zoom(app, live)
    tabs.register(app)
    register_time_cursor(app, live)
    serve(app, live)
    app.explorer_data = live  # type: ignore[attr-defined]
    if watch:
        watcher = FileWatcher(
            data,
            live.accept,
            live.refuse,
            interval=watch_interval,
            max_bytes=max_bytes,
            parse=parser(use_cache),
            known_digest=live.digest or None,
        )
        app.explorer_watcher = watcher.start()  # type: ignore[attr-defined]
    return app


def live_page(live: LiveData, *, watch: bool, watch_interval: float):
    """The page layout as a function, so each visit gets the data and errors of now; built
    once per version."""
    built: dict = {}

    def layout():
        current, versions = live.current, (live.version, live.notice_version)
        key = (id(current), *versions)
        page = built.get(key)
        if page is None:
            banner = reload_banner(live, watch)
            page = page_layout(
                current.dataset, watch=watch, watch_interval=watch_interval, banner=banner, versions=versions
            )
            built.clear()  # only the page of now is kept
            built[key] = page
        return page

    return layout


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
            # A worker that fails to boot makes gunicorn's master exit: keep serving instead.
            _served = create_app(default_data_path(), watch=watch, use_cache=True, keep_serving=True)
        return _served.server
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
