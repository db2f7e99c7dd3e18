"""Animations: frame dates, frames as figures, and GIF / MP4 / PNG series read back."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from explorer import build_graph, load
from explorer.animation import Animation, AnimationError, frame_dates, frame_figures, output_kind, plan
from explorer.figures.as_of import CURSOR_LINE, CURSOR_VEIL
from explorer.graph import query, query_filters

from .conftest import CURATED


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "explorer", *args], capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def curated_graph():
    return build_graph(load(CURATED))


def animation_of(graph, view_name: str, start: str, end: str, **options) -> tuple[Animation, list[dt.date]]:
    view = query(graph, start=start, end=end)
    animation = Animation(filters=view.filters, view_name=view_name, **options)
    return animation, plan(animation, view)


# -- frame dates -------------------------------------------------------------------------


def test_month_frames_fall_on_each_months_last_day():
    dates = frame_dates(dt.date(2024, 1, 1), dt.date(2024, 12, 31), "month")
    assert len(dates) == 12
    assert dates[1] == dt.date(2024, 2, 29), "a leap year's February"
    assert all((day + dt.timedelta(days=1)).day == 1 for day in dates), "each the last day of its month"


def test_the_period_end_is_always_the_last_frame():
    assert frame_dates(dt.date(2025, 1, 1), dt.date(2025, 1, 10), "week") == [dt.date(2025, 1, 7), dt.date(2025, 1, 10)]
    assert frame_dates(dt.date(2025, 3, 5), dt.date(2025, 3, 5), "year") == [dt.date(2025, 3, 5)]
    assert len(frame_dates(dt.date(2025, 1, 1), dt.date(2025, 1, 31), "day")) == 31


def test_too_many_frames_says_how_to_allow_them(curated_graph):
    expected = r"2192 frames of one day from 2020-01-01 to 2025-12-31: more than 400.*--max-frames 2192"
    with pytest.raises(AnimationError, match=expected):
        animation_of(curated_graph, "network", "2020", "2025", step="day")


def test_an_empty_period_and_an_unknown_view_are_errors(curated_graph):
    with pytest.raises(AnimationError, match="no events match"):
        animation_of(curated_graph, "network", "1800", "1801")
    with pytest.raises(AnimationError, match="unknown view 'map'"):
        animation_of(curated_graph, "map", "2025", "2025")


# -- frames as figures -------------------------------------------------------------------


def node_positions(figure) -> dict[str, tuple[float, float]]:
    """Drawn node positions by the node id each marker carries in customdata."""
    found = {}
    for trace in figure.data:
        if trace.mode and "markers" in trace.mode and trace.customdata is not None:
            for x, y, data in zip(trace.x, trace.y, trace.customdata, strict=False):
                key = data if isinstance(data, str) else data[0]  # a row: [node id, date]
                if isinstance(key, str):
                    found[key] = (x, y)
    return found


def test_network_frames_grow_without_moving_anything(curated_graph):
    animation, dates = animation_of(curated_graph, "network", "2025-01", "2025-09", step="month")
    figures = list(frame_figures(animation, query_filters(curated_graph, animation.filters), dates))
    assert len(figures) == 9
    ranges = {(tuple(f.layout.xaxis.range), tuple(f.layout.yaxis.range)) for f in figures}
    assert len(ranges) == 1, "one frame for every frame"
    first, last = node_positions(figures[0]), node_positions(figures[-1])
    assert 0 < len(first) < len(last), "nodes appear as their first event happens"
    assert all(last[node] == place for node, place in first.items() if node in last), "no node moves"
    assert "as of 31 January 2025" in figures[0].layout.title.text
    assert "as of 30 September 2025" in figures[-1].layout.title.text


def test_timeline_frames_keep_the_period_and_veil_the_future(curated_graph):
    animation, dates = animation_of(curated_graph, "timeline", "2025-01", "2025-06", step="month")
    figures = list(frame_figures(animation, query_filters(curated_graph, animation.filters), dates))
    axes = {tuple(str(value)[:10] for value in f.layout.xaxis.range) for f in figures}
    assert len(axes) == 1, "the axis does not move between frames"
    for figure, day in zip(figures, dates, strict=True):
        marks = {shape.name: shape for shape in figure.layout.shapes if shape.name in (CURSOR_LINE, CURSOR_VEIL)}
        end_of_day = str(day + dt.timedelta(days=1))  # the frame's day is shown whole
        assert str(marks[CURSOR_LINE].x0)[:10] == str(marks[CURSOR_VEIL].x0)[:10] == end_of_day
        assert str(marks[CURSOR_VEIL].x1)[:10] == str(figure.layout.xaxis.range[1])[:10], "veiled to the axis's end"


def test_positions_frames_show_the_stance_held_on_each_date(curated_graph):
    animation, dates = animation_of(curated_graph, "positions", "2025-01", "2025-12", step="month")
    figures = list(frame_figures(animation, query_filters(curated_graph, animation.filters), dates))
    cells = [sum(len(trace.x or ()) for trace in f.data) for f in figures]
    assert cells[0] < cells[-1], "stances are added as they are stated"


# -- files -------------------------------------------------------------------------------


def test_gif_has_one_frame_per_month_at_the_asked_size(tmp_path):
    from PIL import Image, ImageSequence

    target = tmp_path / "story.gif"
    result = run(
        "export", "--frames", "month", "--from", "2025-01", "--to", "2025-04", "--view", "network",
        "--frame-size", "640x360", "-o", str(target),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    frames = [frame.convert("RGB") for frame in ImageSequence.Iterator(Image.open(target))]
    assert len(frames) == 4 and {frame.size for frame in frames} == {(640, 360)}
    assert frames[0].tobytes() != frames[-1].tobytes(), "the network grows between frames"
    assert "4 frames of one month" in result.stderr


def test_png_series_and_mp4_read_back(tmp_path):
    import imageio.v3 as iio
    from PIL import Image

    folder = tmp_path / "frames"
    video = tmp_path / "story.mp4"
    common = ["--frames", "week", "--from", "2025-08-01", "--to", "2025-08-21", "--frame-size", "480x320"]
    assert run("export", *common, "-o", str(folder)).returncode == 0
    assert sorted(p.name for p in folder.iterdir()) == ["frame-0001.png", "frame-0002.png", "frame-0003.png"]
    assert all(Image.open(p).size == (480, 320) for p in folder.iterdir())
    result = run("export", *common, "--view", "timeline", "-o", str(video))
    assert result.returncode == 0, result.stderr
    frames = iio.imread(video, plugin="pyav") if _has_pyav() else iio.imread(video, extension=".mp4")
    assert frames.shape[0] == 3 and frames.shape[1:3] == (320, 480)


def _has_pyav() -> bool:
    try:
        import av  # noqa: F401
    except ImportError:
        return False
    return True


def test_bad_targets_write_nothing(tmp_path):
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "keep.txt").write_text("mine")
    for target, message in (
        (tmp_path / "story.avi", "unknown format .avi"),
        (busy, "not an empty folder"),
        (tmp_path / "missing" / "story.gif", "does not exist"),
    ):
        result = run("export", "--frames", "month", "--from", "2025-01", "--to", "2025-03", "-o", str(target))
        assert result.returncode == 2 and message in result.stderr, result.stderr
        assert "Traceback" not in result.stderr
    result = run("export", "--frames", "day", "--from", "2000", "--to", "2025", "-o", str(tmp_path / "long.gif"))
    assert result.returncode == 1 and "--max-frames" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["busy"] and [p.name for p in busy.iterdir()] == ["keep.txt"]


def test_a_video_without_its_encoder_says_how_to_install_it(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "imageio_ffmpeg", None)
    with pytest.raises(AnimationError, match=r"pip install 'explorer\[video\]'"):
        output_kind(Path(tmp_path / "story.webm"))
    assert output_kind(Path(tmp_path / "story.gif")) == ".gif", "a GIF needs no ffmpeg"
