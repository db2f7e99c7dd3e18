"""TimelineJS's Google Sheets template, exported as CSV → a dataset document.

Each row becomes a TimelineJS slide as TimelineJS itself reads the sheet (Year, Month, Day,
Time, End Year, ..., Type, Group), then an event as for TimelineJS JSON (see
:mod:`explorer.importers.slides`). A row of Type ``title`` names the dataset (its headline)
and describes it (its text); rows of Type ``era`` become events tagged ``era``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .common import Actors, Collector, Ids, Imported, located_error
from .csv_rows import Sheet, read_sheet
from .html_text import html_to_text, plain_line
from .slides import SlideReader

#: The template's columns (Tag is the older name of Group).
TEMPLATE = (
    "Year", "Month", "Day", "Time", "End Year", "End Month", "End Day", "End Time", "Display Date", "Headline",
    "Text", "Media", "Media Credit", "Media Caption", "Media Thumbnail", "Type", "Group", "Background",
)  # fmt: skip
SECOND_TITLE = "a second `title` row was imported as an event (TimelineJS does the same)"


def is_timelinejs_sheet(header: list[str]) -> bool:
    """True when ``header`` has the template's Year and Headline columns."""
    names = {name.strip().casefold() for name in header}
    return {"year", "headline"} <= names


def read_timelinejs_csv(text: str, source: str, actor_kind: str = "group") -> Imported:
    """The document for a TimelineJS sheet exported as CSV; DatasetError with every located problem."""
    sheet = read_sheet(text, source)
    if not is_timelinejs_sheet(sheet.header):
        raise located_error(
            source, 1, "not a TimelineJS sheet: the header has no `Year` and `Headline` columns",
            "the template's header is " + ", ".join(TEMPLATE) + "; for another sheet use --format csv --map …",
        )  # fmt: skip
    collector = Collector(source, Actors(actor_kind), problems=list(sheet.problems))
    reader = SlideReader(collector, Ids())
    title, items = _split_rows(sheet, collector)
    for line, slide, is_era in items:
        with collector.row(line):
            collector.add_event(line, reader.event(slide, line, None, is_era=is_era))
    name = plain_line(title.get("Headline", "")) if title else ""
    description = html_to_text(title.get("Text", "")).text if title else ""
    return collector.finish(name or Path(source).stem, description or None)


def _split_rows(sheet: Sheet, collector: Collector) -> tuple[dict[str, str], list[tuple[int, dict, bool]]]:
    """The title row (cells by template name) and the other rows as slides, with whether each is an era."""
    title: dict[str, str] = {}
    items: list[tuple[int, dict, bool]] = []
    for line, row in sheet.rows:
        cells = _by_template_name(row)
        kind = cells.get("Type", "").strip().casefold()
        if kind == "title" and not title:
            title = cells
            continue
        if kind == "title":
            collector.note(line, SECOND_TITLE)
        items.append((line, _slide(cells), kind == "era"))
    return title, items


def _by_template_name(row: dict[str, str]) -> dict[str, str]:
    known = {name.casefold(): name for name in TEMPLATE} | {"tag": "Group"}
    cells: dict[str, str] = {}
    for column, cell in row.items():
        name = known.get(column.strip().casefold())
        if name and cell.strip() and not cells.get(name):
            cells[name] = cell.strip()
    return cells


def _slide(cells: dict[str, str]) -> dict[str, Any]:
    """The TimelineJS slide of a row, as TimelineJS builds it from the sheet."""
    return {
        "start_date": {"year": cells.get("Year"), "month": cells.get("Month"), "day": cells.get("Day"),
                       "hour": cells.get("Time")},
        "end_date": {"year": cells.get("End Year"), "month": cells.get("End Month"), "day": cells.get("End Day"),
                     "hour": cells.get("End Time")},
        "text": {"headline": cells.get("Headline"), "text": cells.get("Text")},
        "media": {"url": cells.get("Media"), "credit": cells.get("Media Credit"),
                  "caption": cells.get("Media Caption")},
        "display_date": cells.get("Display Date"),
        "group": cells.get("Group"),
    }  # fmt: skip
