"""Exports honour the time cursor: ``explorer export … --asof DATE [--window DAYS]`` and the
page's export control draw the figure as of the day, as the browser shows it."""

from __future__ import annotations

import base64
import datetime as dt
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from explorer import build_graph, load, query
from explorer.export import ImageRenderer, export, view_figure
from explorer.figures.as_of import Cursor
from explorer.web.live import AppData

from .conftest import CURATED

DAY = dt.date(2022, 3, 1)
CURSOR_RED = "rgb(178, 24, 43)"


@pytest.fixture(scope="module")
def view():
    return query(build_graph(load(CURATED)))


@pytest.fixture(scope="module")
def renderer():
    with ImageRenderer() as shared:
        yield shared


def svg_texts(svg: bytes) -> set[str]:
    root = ET.fromstring(svg)
    return {"".join(e.itertext()) for e in root.iter() if e.tag.rsplit("}", 1)[-1] in ("text", "tspan")}


def markers(svg: bytes) -> int:
    """How many node markers an SVG draws."""
    return svg.count(b'<path class="point')


def later_labels(view) -> set[str]:
    """The network's image labels of events that began after :data:`DAY`."""
    labels = next(t for t in view_figure(view, "network").data if t.name == "labels")
    firsts = {f"event:{event.id}": event.first for event in view.dataset.events}
    return {
        text
        for node, text in zip(labels.meta["nodes"], labels.text, strict=True)
        if text and firsts.get(node, DAY) > DAY
    }


def test_the_network_as_of_a_day_leaves_out_what_came_later(view, renderer, tmp_path):
    whole = export(view, tmp_path / "whole.svg", "network", renderer=renderer).read_bytes()
    then = export(view, tmp_path / "then.svg", "network", renderer=renderer, cursor=Cursor(DAY)).read_bytes()
    later = later_labels(view)
    assert later and later <= svg_texts(whole)
    assert not later & svg_texts(then), "a label of an event after the day is drawn"
    assert "Vladimir Putin" in svg_texts(then)
    assert markers(then) < markers(whole)
    assert any("as of 1 March 2022" in text for text in svg_texts(then))


def test_the_timeline_as_of_a_day_is_marked_and_veiled(view, renderer, tmp_path):
    whole = export(view, tmp_path / "whole.svg", renderer=renderer).read_bytes().decode()
    then = export(view, tmp_path / "then.svg", renderer=renderer, cursor=Cursor(dt.date(2025, 6, 1), 30))
    drawn = then.read_bytes().decode()
    assert CURSOR_RED not in whole and CURSOR_RED in drawn
    assert "fill-opacity: 0.72" in drawn.replace("fill-opacity:0.72", "fill-opacity: 0.72")
    assert any("as of 1 June 2025, last 30 days" in text for text in svg_texts(drawn.encode()))


def test_the_page_export_draws_the_day_of_the_url(renderer):
    from explorer.web.callbacks import export_file

    data = AppData.from_dataset(load(CURATED))
    whole = base64.b64decode(export_file("network", ".svg", 1, "?view=network", None, data)["content"])
    then = base64.b64decode(export_file("network", ".svg", 1, "?view=network&asof=2022-03-01", None, data)["content"])
    assert markers(then) < markers(whole)
    assert any("as of 1 March 2022" in text for text in svg_texts(then))


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "explorer", *args], capture_output=True, text=True, timeout=300)


def test_the_command_writes_the_network_as_of_a_day(tmp_path, view):
    target = tmp_path / "then.svg"
    result = run("export", str(CURATED), "--view", "network", "--asof", "2022-03-01", "-o", str(target))
    assert result.returncode == 0, result.stderr
    assert not later_labels(view) & svg_texts(target.read_bytes())


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--asof", "2025-13-01"], "argument --asof: impossible date '2025-13-01': month 13 is not between 1 and 12"),
        (["--asof", "2025-02-30"], "argument --asof: impossible date '2025-02-30': February 2025 has 28 days"),
        (["--asof", "2025-08"], "argument --asof: expected a day as YYYY-MM-DD, e.g. 2025-08-15, got '2025-08'"),
        (["--asof", "15/08/2025"], "expected a day as YYYY-MM-DD, e.g. 2025-08-15, got '15/08/2025'"),
        (["--asof", "2025-08-15", "--window", "-3"], "argument --window: expected a positive integer, got '-3'"),
        (["--window", "30"], "--window DAYS goes with --asof DATE"),
        (["--asof", "2025-08-15", "--frames", "month"], "--asof draws one day and --frames one per step"),
    ],
)
def test_a_bad_cursor_is_a_clear_error_and_writes_nothing(tmp_path, arguments, message):
    target = tmp_path / "out.svg"
    result = run("export", str(CURATED), "-o", str(target), *arguments)
    assert result.returncode == 2 and message in result.stderr
    assert "Traceback" not in result.stderr and not target.exists()


def test_a_cursor_on_a_file_without_days_is_refused(tmp_path):
    result = run("export", str(CURATED), "-o", str(tmp_path / "graph.graphml"), "--asof", "2025-08-15")
    assert result.returncode == 2 and ".graphml has no day" in result.stderr
