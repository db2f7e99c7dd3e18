"""Any spreadsheet exported as CSV, with a column mapping → a dataset document.

``--map date=Date,title=Headline,actors=Who,kind=Type,source=Link`` names, for each event
field, the column it comes from. ``date`` and ``title`` are required. Several actors (or tags)
in one cell are split on ``;``; actors are made from their names, with stable ids, and merged
when a name repeats. Dates are ISO (``2025``, ``2025-08``, ``2025-08-15``); a time after the
day (``2025-08-15 14:30``, ``2025-08-15T14:30:00Z``) is dropped, with a note.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..errors import did_you_mean
from ..model import EVENT_KINDS
from .common import (
    TIMES_DROPPED,
    Actors,
    Collector,
    Ids,
    Imported,
    RowError,
    claim_given_ids,
    date_text,
    drop_empty,
    link_source,
    sources_of,
)
from .csv_rows import read_sheet
from .html_text import html_to_text, plain_line

#: Event fields a column can be mapped to.
FIELDS = ("id", "date", "end", "title", "summary", "kind", "actors", "location", "tags", "source")
REQUIRED = ("date", "title")
_ISO = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?P<time>[T ]\d{1,2}:\d{2}.*)?$")


class MappingError(ValueError):
    """A --map that cannot be used with this sheet (a usage error, not a row error)."""


def parse_mapping(text: str) -> dict[str, str]:
    """``"date=Date,title=Headline"`` → ``{"date": "Date", "title": "Headline"}``; MappingError
    for an unknown field or a missing required one."""
    mapping: dict[str, str] = {}
    for part in filter(None, (part.strip() for part in text.split(","))):
        field, sep, column = part.partition("=")
        field = field.strip()
        if not sep or not column.strip():
            raise MappingError(f"--map entry {part!r} is not FIELD=Column")
        if field not in FIELDS:
            guess = did_you_mean(field, FIELDS)
            raise MappingError(f"unknown field {field!r} in --map" + (f"; did you mean {guess!r}?" if guess else ""))
        mapping[field] = column.strip()
    missing = [field for field in REQUIRED if field not in mapping]
    if missing:
        raise MappingError(f"--map must name the column for {' and '.join(missing)} (e.g. date=Date,title=Headline)")
    return mapping


def read_mapped_csv(text: str, source: str, mapping: dict[str, str], actor_kind: str = "person") -> Imported:
    """The document for a CSV sheet read through ``mapping`` (field → column)."""
    sheet = read_sheet(text, source)
    for field, column in mapping.items():
        if column not in sheet.header:
            guess = did_you_mean(column, sheet.header)
            hint = f"did you mean {guess!r}?" if guess else "columns: " + ", ".join(sheet.header)
            raise MappingError(f"--map {field}={column}: the sheet has no column {column!r} ({hint})")
    collector = Collector(source, Actors(actor_kind), problems=list(sheet.problems))
    ids = Ids()
    given = claim_given_ids([(line, row.get(mapping.get("id", ""))) for line, row in sheet.rows], ids, collector)
    for index, (line, row) in enumerate(sheet.rows):
        cells = {field: row[column].strip() for field, column in mapping.items()}
        with collector.row(line):
            collector.add_event(line, _event(cells, line, given.get(index), ids, collector))
    return collector.finish(Path(source).stem, None)


def _event(cells: dict[str, str], line: int, given_id: str | None, ids: Ids, collector: Collector) -> dict[str, Any]:
    date = _iso_date(cells["date"], "date", line, collector)
    if date is None:
        raise RowError("the date cell is empty", "every event needs a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    title = plain_line(cells["title"])
    if not title:
        raise RowError("the title cell is empty", "every event needs a title")
    body = html_to_text(cells.get("summary", ""))
    source = link_source(cells.get("source", ""))
    return drop_empty(
        {
            "id": given_id or ids.for_event(title, date),
            "title": title,
            "date": date,
            "end": _iso_date(cells.get("end", ""), "end", line, collector),
            "kind": _kind(cells.get("kind", "")),
            "location": plain_line(cells.get("location", "")),
            "actors": [collector.actors.id_for(name) for name in _split(cells.get("actors", ""))],
            "summary": body.text,
            "quotes": [
                drop_empty({"text": q.text, "source": {"title": q.cite} if q.cite else None}) for q in body.quotes
            ],
            "tags": list(dict.fromkeys(_split(cells.get("tags", "")))),
            "sources": sources_of(body, [source] if source else []),
        }
    )


def _split(cell: str) -> list[str]:
    return [" ".join(part.split()) for part in cell.split(";") if part.strip()]


def _kind(cell: str) -> str:
    if not cell:
        return "other"
    kind = cell.strip().casefold()
    if kind not in EVENT_KINDS:
        guess = did_you_mean(kind, EVENT_KINDS)
        hint = f"did you mean `{guess}`?" if guess else f"use one of: {', '.join(EVENT_KINDS)}"
        raise RowError(f"unknown kind `{cell.strip()}`", hint)
    return kind


def _iso_date(cell: str, what: str, line: int, collector: Collector) -> str | None:
    cell = cell.strip()
    if not cell:
        return None
    match = _ISO.match(cell)
    if not match:
        raise RowError(
            f"{what} {cell!r} is not a date such as 2025, 2025-08 or 2025-08-15",
            "write dates as YYYY, YYYY-MM or YYYY-MM-DD (in a spreadsheet, format the column as text)",
        )
    if match["time"]:
        collector.note(line, TIMES_DROPPED)
    year, month, day = (int(part) if part else None for part in match.groups()[:3])
    return date_text(year, month, day)
