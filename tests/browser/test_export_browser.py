"""The export control, clicked as a person would, and the downloaded files checked."""

from __future__ import annotations

import csv
import xml.etree.ElementTree as ET

import pytest
from PIL import Image, ImageStat

from explorer import query

from .pages import choose_option, open_page, shot, wait_for_search

pytestmark = pytest.mark.browser


def download(page, view: str, fmt_label: str | None = None, scale: str | None = None):
    pane = f"#{view}-pane"
    if fmt_label:
        page.click(f"{pane} .export-format")
        page.click(f".dash-dropdown-option:has-text({fmt_label!r})")
    if scale:
        page.click(f"{pane} .export-scale")
        page.click(f".dash-dropdown-option:has-text({scale!r})")
    with page.expect_download(timeout=60_000) as info:
        page.click(f"{pane} button:has-text('Export')")
    return info.value


def test_timeline_png_download_is_the_filtered_view(page, server, curated, tmp_path):
    open_page(page, server.url)
    choose_option(page, "actors", "Dmitriev", "Kirill Dmitriev")
    wait_for_search(page, "s.includes('actor=kirill-dmitriev')")
    shot(page, "before-export")
    file = download(page, "timeline", scale="1×")
    assert file.suggested_filename.endswith(".png") and "-timeline-" in file.suggested_filename
    path = tmp_path / file.suggested_filename
    file.save_as(path)
    image = Image.open(path)
    assert image.size[0] == 1600 and image.size[1] > 400
    assert ImageStat.Stat(image.convert("L")).stddev[0] > 10


def test_network_svg_download_shows_the_selection(page, server, tmp_path):
    open_page(page, f"{server.url}?view=network&actor=kirill-dmitriev&selected=actor:kirill-dmitriev", graph="network")
    file = download(page, "network", "SVG image")
    path = tmp_path / file.suggested_filename
    file.save_as(path)
    texts = {"".join(e.itertext()) for e in ET.parse(path).iter() if e.tag.rsplit("}", 1)[-1] in ("text", "tspan")}
    assert "Kirill Dmitriev" in texts and any("actors: Kirill Dmitriev" in t for t in texts)


def test_events_csv_download_has_one_row_per_event(page, server, curated, tmp_path):
    _, graph = curated
    open_page(page, f"{server.url}?from=2025-08-01&to=2025-08-31")
    file = download(page, "timeline", "CSV (events")
    path = tmp_path / file.suggested_filename
    file.save_as(path)
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    assert [row["id"] for row in rows] == [e.id for e in query(graph, start="2025-08-01", end="2025-08-31").events]
