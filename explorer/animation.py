"""A story over time: a filtered view as one snapshot per step (day, week, month or year),
written as an animated GIF, an MP4 or WebM video, or a folder of numbered PNG frames.

Each frame is the figure the browser draws, as of the frame's date, with that date in its
title. The timeline keeps the whole period on its axis and dims what lies after the date;
the network shows the events up to the date (nodes appear with their first event) on the
whole graph's layout, framed once for the last frame so nothing moves between frames; the
positions matrix shows each stance as held on the date. One browser draws every frame, and
frames go to the encoder one at a time.

>>> [str(day) for day in frame_dates(dt.date(2025, 1, 1), dt.date(2025, 4, 30), "month")]
['2025-01-31', '2025-02-28', '2025-03-31', '2025-04-30']
"""

from __future__ import annotations

import calendar
import copy
import datetime as dt
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import plotly.graph_objects as go

from .atomic import atomic_directory, atomic_file, atomic_path
from .export import VIEWS, ExportError, ImageRenderer, ImageSize, figure_caption, view_figure
from .figures.as_of import Cursor, mark_time_axis
from .figures.common import add_title
from .figures.network import network_figure
from .graph import Filters, View, query_filters
from .model import FuzzyDate
from .network_layout import subset_positions

STEPS = ("day", "week", "month", "year")
#: What each output suffix is written as; a path without one of these is a folder of PNGs.
ANIMATION_FORMATS = {".gif": "GIF", ".mp4": "MP4", ".webm": "WebM"}
DEFAULT_MAX_FRAMES = 400
DEFAULT_SIZE = ImageSize(width=1280, height=720, scale=1.0)
#: How long each frame shows, in seconds, unless ``fps`` says otherwise.
DEFAULT_FPS = 2.0

Progress = Callable[[int, int], None]


class AnimationError(ExportError):
    """An animation that cannot be made, with a message the user can act on."""


@dataclass(frozen=True)
class Animation:
    """What to animate: the filters (whose ``start``/``end`` give the period), the view, the
    step between frames and, optionally, a trailing window of days (older events drop out)."""

    filters: Filters
    view_name: str = "network"
    step: str = "month"
    window_days: int | None = None
    size: ImageSize = DEFAULT_SIZE
    fps: float = DEFAULT_FPS
    max_frames: int = DEFAULT_MAX_FRAMES
    #: How to allow more frames, in the error for too many (the browser's export has no flag).
    more_frames: str = "allow them with --max-frames {count}"


def frame_dates(first: dt.date, last: dt.date, step: str) -> list[dt.date]:
    """The date of each frame: the last day of each ``step`` counted from ``first``, up to
    ``last``, which is always the last frame. Month and year steps count from ``first``'s
    day of the month where the month has it (from 15 January: 14 February, 14 March…)."""
    if step not in STEPS:
        raise AnimationError(f"unknown step {step!r}; use one of {', '.join(STEPS)}")
    dates: list[dt.date] = []
    number = 1
    while (day := _step_from(first, step, number) - dt.timedelta(days=1)) < last:
        dates.append(day)
        number += 1
    return [*dates, last]


def _step_from(first: dt.date, step: str, number: int) -> dt.date:
    if step in ("day", "week"):
        return first + dt.timedelta(days=number * (7 if step == "week" else 1))
    months = number * (12 if step == "year" else 1)
    year, month = divmod(first.month - 1 + months, 12)
    year += first.year
    last_day = calendar.monthrange(year, month + 1)[1]
    # The month's last day stays the last day (31 Jan, 28 Feb, 31 Mar), others keep their number.
    is_month_end = first.day == calendar.monthrange(first.year, first.month)[1]
    return dt.date(year, month + 1, last_day if is_month_end else min(first.day, last_day))


def plan(animation: Animation, view: View) -> list[dt.date]:
    """The frame dates of ``animation`` over the period its filters give (by default the
    span of the events in ``view``); AnimationError when the period is empty or needs more
    than ``max_frames`` frames."""
    if animation.view_name not in VIEWS:
        raise AnimationError(f"unknown view {animation.view_name!r}; use one of {', '.join(VIEWS)}")
    if view.is_empty:
        raise AnimationError(f"no events match {view.filters.describe()}; nothing to animate")
    first = animation.filters.start.first if animation.filters.start else view.events[0].first
    last = animation.filters.end.last if animation.filters.end else max(event.last for event in view.events)
    dates = frame_dates(first, last, animation.step)
    if len(dates) > animation.max_frames:
        raise AnimationError(
            f"{len(dates)} frames of one {animation.step} from {first} to {last}: more than {animation.max_frames}; "
            f"choose a longer step or a shorter period, or {animation.more_frames.format(count=len(dates))}"
        )
    return dates


def frame_figures(animation: Animation, period: View, dates: list[dt.date]) -> Iterator[go.Figure]:
    """One figure per date, made as it is needed; ``period`` is the view of the animation's
    filters, whose graph each frame's view is queried from."""
    graph = period.full_graph
    if animation.view_name == "timeline":
        # The period's figure is the same on every frame: made once, copied, then marked.
        focus = (dates[0], dates[-1])
        whole = view_figure(period, "timeline", focus=focus, size=animation.size).to_plotly_json()
    layout = _network_layout(period) if animation.view_name == "network" else None
    for day in dates:
        if animation.view_name == "timeline":
            figure = go.Figure(mark_time_axis(copy.deepcopy(whole), day))
        elif layout is not None:
            figure = _network_frame(_as_of(animation, graph, day), layout)
        else:
            figure = view_figure(_as_of(animation, graph, day), animation.view_name)
        _date_the_title(figure, day)
        yield figure


def _as_of(animation: Animation, graph, day: dt.date) -> View:
    """The view as it stood on ``day``: events from the period's start (or the trailing
    window's) up to ``day``."""
    start = animation.filters.start
    if animation.window_days:
        window_start = FuzzyDate.parse(day - dt.timedelta(days=animation.window_days - 1))
        start = max(start, window_start) if start else window_start
    return query_filters(graph, replace(animation.filters, start=start, end=FuzzyDate.parse(day)))


def _network_layout(period: View) -> dict[str, tuple[float, float]]:
    """One layout for every frame: that of all the nodes the period's frames can show, so a
    node keeps its place from the frame it appears in to the last."""
    return subset_positions(period.full_graph, set(period.graph.nodes))


def _network_frame(view: View, layout: dict[str, tuple[float, float]]) -> go.Figure:
    """The network of ``view`` drawn on ``layout``, framed on the whole layout."""
    figure = network_figure(view, hide_unmatched=True, static=True, positions=layout)
    xs, ys = [x for x, _ in layout.values()], [y for _, y in layout.values()]
    pad = 0.08 * max(max(xs) - min(xs), max(ys) - min(ys), 0.2)
    figure.update_xaxes(range=[min(xs) - pad, max(xs) + pad], autorange=False)
    figure.update_yaxes(range=[min(ys) - pad, max(ys) + pad], autorange=False)
    add_title(figure, f"{view.dataset.name} — network", figure_caption(view))
    return figure


def _date_the_title(figure: go.Figure, day: dt.date) -> None:
    """Add "— as of 31 July 2025" to the title's heading, as an export with a cursor has it."""
    title = figure.layout.title.text or ""
    heading, _, caption = title.partition("<br>")
    dated = f"{heading} — {Cursor(day).describe()}"
    figure.update_layout(title_text=f"{dated}<br>{caption}" if caption else dated)


# -- writing -----------------------------------------------------------------------------


def write_animation(
    animation: Animation,
    period: View,
    target: Path,
    renderer: ImageRenderer,
    progress: Progress | None = None,
) -> tuple[Path, int]:
    """Draw every frame of ``animation`` and write them to ``target`` (.gif, .mp4, .webm, or
    a folder of PNGs); return the path and the number of frames. Nothing is left at
    ``target`` unless every frame was written. ``period`` is the view of the animation's
    filters."""
    dates = plan(animation, period)
    kind = output_kind(target)
    pngs = _rendered(animation, period, dates, renderer, progress)
    try:
        if kind == "folder":
            _write_folder(pngs, target)
        elif kind == ".gif":
            _write_gif(pngs, target, animation.fps)
        else:
            _write_video(pngs, target, animation.fps)
    except OSError as error:
        raise AnimationError(f"cannot write {target}: {error.strerror or error}") from None
    return target, len(dates)


def output_kind(target: Path) -> str:
    """``.gif``, ``.mp4``, ``.webm`` or ``folder``; AnimationError when the target cannot be
    written (a missing parent folder, a non-empty folder, an encoder that is not installed)."""
    suffix = target.suffix.lower()
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.is_dir():
        raise AnimationError(f"cannot write {target}: folder {parent} does not exist")
    if suffix in ANIMATION_FORMATS:
        if suffix != ".gif":
            _require_ffmpeg(suffix)
        return suffix
    if suffix and not target.is_dir():
        raise AnimationError(
            f"cannot animate to {target}: unknown format {suffix}; use .gif, .mp4, .webm, or a folder for PNG frames"
        )
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise AnimationError(f"cannot write frames to {target}: it exists and is not an empty folder")
    return "folder"


def _require_ffmpeg(suffix: str) -> None:
    try:
        import imageio_ffmpeg

        imageio_ffmpeg.get_ffmpeg_exe()
    except (ImportError, RuntimeError):
        raise AnimationError(
            f"{ANIMATION_FORMATS[suffix]} needs the ffmpeg encoder: pip install 'explorer[video]' "
            "(imageio-ffmpeg), or write a .gif or a folder of PNG frames"
        ) from None


def _rendered(
    animation: Animation, period: View, dates: list[dt.date], renderer: ImageRenderer, progress: Progress | None
) -> Iterator[bytes]:
    for number, figure in enumerate(frame_figures(animation, period, dates), start=1):
        png = renderer.render(figure, "png", animation.size)
        if progress:
            progress(number, len(dates))
        yield png


def _write_folder(pngs: Iterator[bytes], target: Path) -> None:
    with atomic_directory(target) as folder:
        for number, png in enumerate(pngs, start=1):
            (folder / f"frame-{number:04d}.png").write_bytes(png)


def _write_gif(pngs: Iterator[bytes], target: Path, fps: float) -> None:
    """GIF frames are kept palettised (one byte a pixel) until the file is written: Pillow
    writes an animated GIF in one call."""
    from PIL import Image

    frames = [Image.open(io.BytesIO(png)).convert("RGB").quantize(colors=256) for png in pngs]
    with atomic_file(target) as out:
        frames[0].save(
            out, format="GIF", save_all=True, append_images=frames[1:], duration=int(1000 / fps), loop=0, optimize=False
        )


def _write_video(pngs: Iterator[bytes], target: Path, fps: float) -> None:
    """Frames stream to ffmpeg one at a time; nothing but the current frame is held."""
    import imageio.v2 as imageio
    import imageio.v3 as iio

    is_webm = target.suffix.lower() == ".webm"
    codec = "libvpx-vp9" if is_webm else "libx264"
    # VP9's default settings take seconds a frame; "realtime" takes milliseconds.
    speed = ["-deadline", "realtime", "-cpu-used", "8"] if is_webm else []
    with atomic_path(target, keep_suffix=True) as temporary:
        writer = imageio.get_writer(
            temporary,
            format="FFMPEG",
            fps=fps,
            codec=codec,
            macro_block_size=2,
            ffmpeg_log_level="error",
            output_params=speed,
        )
        try:
            for png in pngs:
                writer.append_data(iio.imread(png, extension=".png")[:, :, :3])
        finally:
            writer.close()
