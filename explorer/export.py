"""Export a view: images through kaleido, graph formats through networkx's writers, events
as CSV. The figures are the ones the browser shows (same functions), with a title, the
active filters as a caption, and the legend.

Every file is written atomically: to a temporary file beside the target, then renamed, so
an interrupted export never leaves a half-written file.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import csv
import datetime as dt
import io
import json
import os
import signal
import threading
from collections.abc import Coroutine
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx
import plotly.graph_objects as go
from pydantic import BaseModel

from .analysis import EXPORT_NAMES, node_measures
from .atomic import atomic_file
from .event_table import DEFAULT_ORDER, ListOrder, listed_csv, listed_rows
from .figures.as_of import Cursor, figure_as_of
from .figures.common import add_title
from .figures.network import DEFAULT_OPTIONS, NetworkOptions, network_dict
from .figures.positions import positions_dict
from .figures.timeline import (
    lanes_that_fit,
    legend_across_height,
    legend_height,
    put_legend_below,
    timeline_dict,
)
from .graph import View
from .model import FuzzyDate
from .positions import StanceMatrix, stance_matrix

IMAGE_FORMATS = {".png": "png", ".svg": "svg", ".pdf": "pdf"}
OTHER_FORMATS = (".html", ".graphml", ".gexf", ".json", ".csv")
SUFFIXES = tuple(IMAGE_FORMATS) + OTHER_FORMATS
VIEWS = ("timeline", "network", "positions")
#: Pixels an exported timeline saves without the browser's zoom buttons above the plot.
EXPORT_TIMELINE_SAVING = 30
#: An exported timeline's width besides its plot: lane names and legend (as the page's
#: assets/timeline_zoom.js estimates it), or lane names only, and the least plot width it
#: is made for.
LANES_AND_LEGEND_WIDTH, LANE_NAMES_WIDTH, MIN_PLOT_WIDTH = 380, 220, 200
NO_BROWSER_HINT = (
    "Static images are drawn by kaleido in a headless Chrome or Chromium, and none was found. "
    "Install one (Debian/Ubuntu: `sudo apt-get install chromium`) or point to it with "
    "BROWSER_PATH=/path/to/chromium. The .html, .graphml, .gexf, .json and .csv formats need no browser."
)


# Rendering limits. Chromium draws a PNG on a canvas, and a canvas past these sizes comes
# back empty (kaleido then returns a few bytes that are no image); a vector format is laid
# out at the same size, so the same limits keep SVG and PDF exports sane.
MAX_SCALE = 8.0
MAX_SIDE = 16_384  # pixels, after scale
MAX_PIXELS = 64_000_000  # pixels, after scale
BROWSER_START_SECONDS = 30.0
RENDER_SECONDS = 120.0
IMAGE_SIGNATURES = {"png": (b"\x89PNG\r\n\x1a\n",), "pdf": (b"%PDF-",), "svg": (b"<svg", b"<?xml")}


class ExportError(Exception):
    """An export that cannot be done, with a message the user can act on."""


@dataclass(frozen=True)
class ImageSize:
    """Pixel size of an image before ``scale`` (the device-pixel ratio: 2 = sharp on slides)."""

    width: int = 1600
    height: int | None = None
    scale: float = 2.0


def check_image_size(width: int, height: int, scale: float) -> None:
    """ExportError unless an image of ``width`` × ``height`` at ``scale`` is within the
    limits a browser can draw (MAX_SCALE, MAX_SIDE pixels a side, MAX_PIXELS in all)."""
    if not 0 < scale <= MAX_SCALE:
        raise ExportError(f"scale {scale:g} is out of range: use a scale above 0 and at most {MAX_SCALE:g}")
    if width < 1 or height < 1:
        raise ExportError(f"an image of {width} × {height} pixels is impossible: width and height must be positive")
    pixels_wide, pixels_high = round(width * scale), round(height * scale)
    if max(pixels_wide, pixels_high) > MAX_SIDE or pixels_wide * pixels_high > MAX_PIXELS:
        raise ExportError(
            f"the image would be {pixels_wide:,} × {pixels_high:,} pixels (width × height × scale), "
            f"more than a browser can draw: the limit is {MAX_SIDE:,} pixels a side and "
            f"{MAX_PIXELS // 1_000_000} megapixels in all; lower the scale, the width or the height"
        )


def check_image_bytes(content: bytes, fmt: str) -> bytes:
    """``content`` if it is an image of format ``fmt`` (by its signature); ExportError if
    the browser returned something else (Chromium gives a few bytes when it cannot draw)."""
    head = content[:1024].lstrip()
    if not any(head.startswith(signature) for signature in IMAGE_SIGNATURES[fmt]) or (
        fmt == "svg" and b"<svg" not in head
    ):
        raise ExportError(
            f"the browser returned no {fmt.upper()} image ({len(content):,} bytes that are not one); "
            "nothing was written. Try a smaller size or scale."
        )
    return content


def check_suffix(path: str | Path) -> str:
    """The lower-case suffix of ``path`` if it is one we can write; ExportError otherwise."""
    suffix = Path(path).suffix.lower()
    if suffix not in SUFFIXES:
        raise ExportError(
            f"cannot export to {str(path)!r}: unknown format {suffix or '(no suffix)'}; use one of {' '.join(SUFFIXES)}"
        )
    return suffix


def view_figure(
    view: View,
    view_name: str = "timeline",
    selected: str | None = None,
    focus: tuple[dt.date, dt.date] | None = None,
    hops: int = 0,
    overview: bool = False,
    network: NetworkOptions = DEFAULT_OPTIONS,
    compress_gaps: bool = False,
    cursor: Cursor | None = None,
    size: ImageSize | None = None,
) -> go.Figure:
    """The figure of ``view_name`` for ``view``, titled, with the filters as a caption; the
    timeline's overview strip only with ``overview``; ``network`` says how the network view
    sizes and colours its nodes; with a time ``cursor``, drawn as of its day as the browser
    draws it (:func:`explorer.figures.as_of.figure_as_of`), the day in the title. The
    timeline is made for the image's ``size``: its titles and link markers for its width, and
    only the lanes that fit a given height."""
    matrix = matrix_for(view) if view_name == "positions" else None
    if view_name == "timeline":
        drawn = exported_timeline(view, selected, focus, compress_gaps, size)
    elif view_name == "network":
        drawn = network_dict(view, selected, hops, hide_unmatched=True, static=True, options=network)
    elif view_name == "positions":
        drawn = positions_dict(matrix, view.dataset, selected)
    else:
        raise ExportError(f"unknown view {view_name!r}; use one of {', '.join(VIEWS)}")
    heading = f"{view.dataset.name} — {view_name}"
    if cursor is not None:
        drawn = figure_as_of(drawn, view_name, view.full_graph, cursor, matrix)
        heading += f" — {cursor.describe()}"
    figure = go.Figure(drawn)
    if view_name == "timeline" and not figure.layout.meta.get("empty"):
        # The zoom buttons and the overview strip are for the browser.
        figure.update_xaxes(rangeselector={"visible": False}, rangeslider={"visible": overview})
        figure.update_layout(
            margin={"t": figure.layout.margin.t - EXPORT_TIMELINE_SAVING},
            height=figure.layout.height - EXPORT_TIMELINE_SAVING,
        )
    add_title(figure, heading, figure_caption(view, selected, hops))
    return figure


def exported_timeline(
    view: View, selected: str | None, focus: tuple[dt.date, dt.date] | None, compress_gaps: bool, size: ImageSize | None
) -> dict:
    """The timeline made for an image of ``size``: its titles and link markers for the plot's
    width (the image's less the lane names and the legend, an estimate that errs small, as
    the figure wants); for a given height, only the lanes that fit it, and the legend under
    the plot when it is too tall to stand beside it. (The export drops the zoom buttons'
    pixels, see ``view_figure``: its rows may use them.)"""

    def made(**fitted) -> dict:
        return timeline_dict(view, selected, focus, compress_gaps=compress_gaps, **fitted)

    if size is None:
        return made()
    beside_legend = max(MIN_PLOT_WIDTH, size.width - LANES_AND_LEGEND_WIDTH)
    if not size.height:
        return made(plot_width=beside_legend)
    height = size.height + EXPORT_TIMELINE_SAVING
    drawn = made(max_lanes=lanes_that_fit(height), plot_width=beside_legend)
    if legend_height(drawn["data"]) <= height:
        return drawn
    below = legend_across_height(drawn["data"], size.width)
    without_legend = max(MIN_PLOT_WIDTH, size.width - LANE_NAMES_WIDTH)
    return put_legend_below(made(max_lanes=lanes_that_fit(height - below), plot_width=without_legend))


def figure_caption(view: View, selected: str | None = None, hops: int = 0) -> str:
    """What an exported figure shows: the filters, the count of events, the selection (and
    its ego network's hops) and the day of the export."""
    names = {a.id: a.name for a in view.dataset.actors} | {t.id: t.name for t in view.dataset.topics}
    parts = [view.filters.describe(names), f"{len(view.events)} of {len(view.dataset.events)} events"]
    if selected:
        node = view.full_graph.nodes.get(selected)
        label = node.get("label", selected) if node else selected.partition(":")[2].replace("/", " on ")
        parts.append(f"selected: {label}" + (f" ({hops}-hop network)" if hops else ""))
    parts.append(f"exported {dt.date.today().isoformat()}")
    return " · ".join(parts)


class ImageRenderer:
    """Renders figures to PNG/SVG/PDF with one headless browser for the whole batch.

    Use as a context manager around several exports; outside one, each image starts and
    stops its own browser. The browser runs on an event loop in a thread of its own, and
    starting it and drawing each image are bounded in time, so a browser that will not
    start or answer gives an ExportError, never a wait without end.
    """

    def __init__(self, start_seconds: float = BROWSER_START_SECONDS, render_seconds: float = RENDER_SECONDS):
        self.start_seconds = start_seconds
        self.render_seconds = render_seconds
        self.is_open = False
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._browser: Any = None

    def __enter__(self) -> ImageRenderer:
        self._loop = asyncio.new_event_loop()
        threading.Thread(target=self._loop.run_forever, name="explorer-image-renderer", daemon=True).start()
        try:
            self._browser = self._run(self._start_browser(), self.start_seconds + 30, "start")
        except BaseException:
            self._stop_loop()
            raise
        self.is_open = True
        return self

    async def _start_browser(self) -> Any:
        """A started kaleido.Kaleido; ExportError if its browser fails or takes more than
        ``start_seconds`` to start (the browser is then killed, not left running)."""
        import kaleido

        browser = kaleido.Kaleido(timeout=self.render_seconds)
        opening = asyncio.ensure_future(browser.open())
        await asyncio.wait({opening}, timeout=self.start_seconds)
        if opening.done() and opening.exception() is None:
            return browser
        is_late = not opening.done()
        _kill_browser(browser)
        opening.cancel()
        with contextlib.suppress(BaseException):
            await opening
        with contextlib.suppress(Exception):
            await asyncio.wait_for(browser.close(), 3)
        if is_late:
            raise ExportError(
                f"the browser ({_browser_path()}) did not start within {self.start_seconds:g} s; "
                "check that it runs, or point to another with BROWSER_PATH=/path/to/chromium"
            )
        raise opening.exception()

    def __exit__(self, *exc_info: object) -> None:
        if self.is_open:
            self.is_open = False
            with contextlib.suppress(ExportError):
                self._run(self._browser.close(), 15, "close")
            self._stop_loop()

    def _stop_loop(self) -> None:
        loop, self._loop = self._loop, None
        if loop is not None:
            loop.call_soon_threadsafe(loop.stop)

    def _run(self, work: Coroutine, seconds: float, doing: str) -> Any:
        """Run ``work`` on the browser's loop and return its result; ExportError if it fails
        or takes more than ``seconds``."""
        future = asyncio.run_coroutine_threadsafe(work, self._loop)
        try:
            return future.result(timeout=seconds)
        except concurrent.futures.TimeoutError:
            future.cancel()
            raise ExportError(f"the browser ({_browser_path()}) did not {doing} within {seconds:g} s") from None
        except ExportError:
            raise
        except Exception as error:
            raise ExportError(_browser_problem(error)) from None

    def render(self, figure: go.Figure, fmt: str, size: ImageSize) -> bytes:
        """The image of ``figure`` in ``fmt`` (png, svg, pdf); ExportError for a size past
        the limits, a browser that fails, or anything back that is not an image."""
        height = size.height or int(figure.layout.height or 800)
        check_image_size(size.width, height, size.scale)
        options = {"format": fmt, "width": size.width, "height": height, "scale": size.scale}
        if not self.is_open:
            with self:
                return self.render(figure, fmt, size)
        with self._lock:
            content = self._run(self._browser.calc_fig(figure, opts=options), self.render_seconds + 10, "draw")
        return check_image_bytes(content, fmt)


def _kill_browser(browser: Any) -> None:
    """Kill the browser that ``browser`` (a kaleido.Kaleido) started, if any. Choreographer
    starts it through a wrapper in a session of its own, so the whole group is killed."""
    process = getattr(browser, "subprocess", None)
    if process is not None and process.poll() is None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)


def _browser_path() -> str:
    return os.environ.get("BROWSER_PATH") or "Chrome or Chromium"


def _browser_problem(error: Exception) -> str:
    text = f"{type(error).__name__}: {error}"
    if type(error).__name__ == "ChromeNotFoundError" or "no browser" in text.lower():
        return NO_BROWSER_HINT
    if type(error).__name__ == "BrowserFailedError":
        return (
            f"the browser ({_browser_path()}) closed as soon as it started; check that it runs, "
            "or point to another with BROWSER_PATH=/path/to/chromium"
        )
    return f"image rendering failed ({text})"


def export(
    view: View,
    path: str | Path,
    view_name: str = "timeline",
    size: ImageSize = ImageSize(),
    selected: str | None = None,
    renderer: ImageRenderer | None = None,
    network: NetworkOptions = DEFAULT_OPTIONS,
    listing: ListOrder = DEFAULT_ORDER,
    cursor: Cursor | None = None,
) -> Path:
    """Write ``view`` to ``path`` in the format its suffix names; return the path.
    ``listing`` sorts and searches the List view's CSV; figures are drawn as of the time
    ``cursor`` when one is given.

    Raises ExportError for an unknown suffix, an empty view, an unwritable path or a
    missing browser.
    """
    path = Path(path)
    suffix = check_suffix(path)
    if view_name == "positions" and not matrix_for(view).actors:
        raise ExportError(f"nothing to export to {path}: no positions match {view.filters.describe()}")
    if view.is_empty and view_name != "positions":
        raise ExportError(f"nothing to export to {path}: no events match {view.filters.describe()}")
    content = export_bytes(
        view, suffix, view_name, size, selected, renderer, network=network, listing=listing, cursor=cursor
    )
    return write_atomic(path, content)


def export_bytes(
    view: View,
    suffix: str,
    view_name: str = "timeline",
    size: ImageSize = ImageSize(),
    selected: str | None = None,
    renderer: ImageRenderer | None = None,
    focus: tuple[dt.date, dt.date] | None = None,
    hops: int = 0,
    network: NetworkOptions = DEFAULT_OPTIONS,
    compress_gaps: bool = False,
    listing: ListOrder = DEFAULT_ORDER,
    cursor: Cursor | None = None,
) -> bytes:
    """The bytes of ``view`` exported as ``suffix`` (``.png``, ``.graphml``, ...); the List
    view (``view_name="list"``) exports only as CSV, sorted and searched as ``listing``;
    figures (images, HTML) as of the time ``cursor`` when one is given."""
    if view_name == "list":
        return list_csv_bytes(view, suffix, listing)
    if suffix in IMAGE_FORMATS or suffix == ".html":
        figure = view_figure(
            view,
            view_name,
            selected,
            focus,
            hops,
            network=network,
            compress_gaps=compress_gaps,
            cursor=cursor,
            size=size,
        )
        if suffix == ".html":
            return figure.to_html(include_plotlyjs=True, full_html=True).encode("utf-8")
        return (renderer or ImageRenderer()).render(figure, IMAGE_FORMATS[suffix], size)
    if suffix == ".graphml":
        return graphml_bytes(view)
    if suffix == ".gexf":
        return gexf_bytes(view)
    if suffix == ".json":
        return json.dumps(node_link(view), ensure_ascii=False, indent=1).encode("utf-8")
    if suffix == ".csv":
        tables = {"positions": positions_csv, "network": nodes_csv}
        return tables.get(view_name, events_csv)(view).encode("utf-8")
    raise ExportError(f"unknown format {suffix}")


def list_csv_bytes(view: View, suffix: str, listing: ListOrder) -> bytes:
    """The List view's rows as CSV, exactly as listed; ExportError for another format."""
    if suffix != ".csv":
        raise ExportError(f"the list exports as .csv only, not as {suffix}")
    return listed_csv(listed_rows(view, listing)).encode("utf-8")


def write_atomic(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically (see :mod:`explorer.atomic`); ExportError for
    a missing folder, no permission or any other failure to write."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError(f"cannot write {path}: folder {folder} does not exist")
    try:
        with atomic_file(path) as out:
            out.write(data)
    except PermissionError:
        raise ExportError(f"cannot write {path}: no permission to write in {folder}") from None
    except IsADirectoryError:
        raise ExportError(f"cannot write {path}: it is a directory") from None
    except OSError as error:
        raise ExportError(f"cannot write {path}: {error.strerror}") from None
    return path


# -- graph formats ----------------------------------------------------------------------


def _plain(value: Any) -> Any:
    """A JSON-ready copy of a record field."""
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json", by_alias=True, exclude_none=True)
    if isinstance(value, FuzzyDate):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value


def _scalar(value: Any) -> str | int | float | bool | None:
    """A value GraphML and GEXF can hold: scalars as they are, anything else as JSON text."""
    value = _plain(value)
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if value == [] or value == {}:
        return None
    return json.dumps(value, ensure_ascii=False)


# GraphML and GEXF readers give these attribute names a meaning of their own (GEXF's edge
# `type` is directed/undirected, `start`/`end` make a graph dynamic, and networkx and igraph
# take `id` as the element's id), so they are renamed in those files.
RESERVED_RENAMES = {"type": "{element}_type", "start": "start_date", "end": "end_date"}
DROPPED = {"id"}  # the node id already carries it: event:ID


def exportable_graph(view: View, *, scalars: bool) -> nx.MultiDiGraph:
    """A copy of the view's graph with plain attribute values. With ``scalars`` (GraphML,
    GEXF) values are scalars or JSON text, reserved names are renamed (``type`` →
    ``node_type``/``edge_type``, ``end`` → ``end_date``), and edges get unique keys."""
    convert = _scalar if scalars else _plain

    def attributes(data: dict, element: str) -> dict:
        result = {}
        for name, value in data.items():
            value = convert(value)
            if value is None or (scalars and name in DROPPED):
                continue
            if scalars and name in RESERVED_RENAMES:
                name = RESERVED_RENAMES[name].format(element=element)
            result[name] = value
        return result

    graph = nx.MultiDiGraph(name=view.dataset.name)
    measures = node_measures(view.full_graph)
    for node, data in view.graph.nodes(data=True):
        graph.add_node(node, **attributes(data, "node"), **measures[node])
    for number, (u, v, key, data) in enumerate(view.graph.edges(keys=True, data=True)):
        graph.add_edge(u, v, key=f"e{number}" if scalars else key, **attributes(data, "edge"))
    return graph


def graphml_bytes(view: View) -> bytes:
    buffer = io.BytesIO()
    nx.write_graphml(exportable_graph(view, scalars=True), buffer, encoding="utf-8", named_key_ids=True)
    return buffer.getvalue()


def gexf_bytes(view: View) -> bytes:
    buffer = io.BytesIO()
    nx.write_gexf(exportable_graph(view, scalars=True), buffer, encoding="utf-8")
    return buffer.getvalue()


def node_link(view: View) -> dict:
    """The view as networkx node-link data, with the export's filters alongside."""
    data = nx.node_link_data(exportable_graph(view, scalars=False), edges="edges")
    data["graph"] = {"name": view.dataset.name, "filters": view.filters.describe()}
    return data


CSV_COLUMNS = (
    "id",
    "title",
    "date",
    "end",
    "precision",
    "kind",
    "location",
    "actors",
    "actor_names",
    "topics",
    "tags",
    "summary",
    "quotes",
    "links",
    "sources",
)


def events_csv(view: View) -> str:
    """One row per event of the view, in time order; lists joined with ``; ``."""
    names = {actor.id: actor.name for actor in view.dataset.actors}
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    for event in view.events:
        writer.writerow(
            {
                "id": event.id,
                "title": event.title,
                "date": str(event.date),
                "end": str(event.end) if event.end else "",
                "precision": event.date.precision,
                "kind": event.kind,
                "location": event.location or "",
                "actors": "; ".join(event.actor_ids()),
                "actor_names": "; ".join(names.get(a, a) for a in event.actor_ids()),
                "topics": "; ".join(event.topics),
                "tags": "; ".join(event.tags),
                "summary": event.summary or "",
                "quotes": " | ".join(quote.text for quote in event.quotes),
                "links": "; ".join(f"{link.kind}:{link.to}" for link in event.links),
                "sources": "; ".join(source.url or source.title for source in event.sources),
            }
        )
    return out.getvalue()


NODE_COLUMNS = ("id", "type", "label", "kind", *EXPORT_NAMES.values(), "community")


def nodes_csv(view: View) -> str:
    """One row per node of the view's network (in id order): its type, label and kind, its
    measures on the whole dataset and its community (see :func:`explorer.analysis.node_measures`)."""
    measures = node_measures(view.full_graph)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=NODE_COLUMNS)
    writer.writeheader()
    for node in sorted(view.graph.nodes):
        data = view.graph.nodes[node]
        writer.writerow(
            {"id": node, "type": data["type"], "label": data["label"], "kind": data.get("kind", "")} | measures[node]
        )
    return out.getvalue()


_shared: ImageRenderer | None = None
_shared_lock = threading.Lock()


def shared_renderer() -> ImageRenderer:
    """One renderer for the whole process (the browser app), opened on first use and kept,
    so a session's exports do not each start a browser."""
    global _shared
    with _shared_lock:
        if _shared is None or not _shared.is_open:
            import atexit

            renderer = ImageRenderer().__enter__()
            atexit.register(renderer.__exit__, None, None, None)
            _shared = renderer
        return _shared


def export_filename(view: View, view_name: str, suffix: str) -> str:
    """A file name that says what was exported: ``moscow-washington-timeline-2025-11-25.png``."""
    import re

    stem = re.sub(r"[^a-z0-9]+", "-", view.dataset.name.casefold()).strip("-")[:40] or "explorer"
    kind = view_name if suffix in IMAGE_FORMATS or suffix == ".html" else "graph"
    if suffix == ".csv":
        kind = {"positions": "positions", "list": "list", "network": "nodes"}.get(view_name, "events")
    return f"{stem}-{kind}-{dt.date.today().isoformat()}{suffix}"


def matrix_for(view: View) -> StanceMatrix:
    """The stance matrix for a view's filters (actors, topics, dates)."""
    filters = view.filters
    actors = [a for a in filters.actors if any(p.actor == a for p in view.dataset.positions)]
    return stance_matrix(view.dataset, actors, filters.topics, filters.start, filters.end)


POSITION_COLUMNS = ("actor", "actor_name", "topic", "topic_name", "stance", "date", "event", "quote", "note", "sources")


def positions_csv(view: View) -> str:
    """The dated positions behind the stance matrix of ``view``, in time order, one per row."""
    matrix = matrix_for(view)
    actor_names = {a.id: a.name for a in view.dataset.actors}
    topic_names = {t.id: t.name for t in view.dataset.topics}
    rows = sorted(
        (p for cell in matrix.cells.values() for p in cell.positions), key=lambda p: (p.date.first, p.actor, p.topic)
    )
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=POSITION_COLUMNS)
    writer.writeheader()
    for position in rows:
        writer.writerow(
            {
                "actor": position.actor,
                "actor_name": actor_names.get(position.actor, position.actor),
                "topic": position.topic,
                "topic_name": topic_names.get(position.topic, position.topic),
                "stance": position.stance,
                "date": str(position.date),
                "event": position.event or "",
                "quote": position.quote or "",
                "note": position.note or "",
                "sources": "; ".join(source.url or source.title for source in position.sources),
            }
        )
    return out.getvalue()
