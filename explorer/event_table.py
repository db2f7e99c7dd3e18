"""The event list: the events of a view as table rows, searched and sorted, and as CSV.

Pure functions, no Dash: the browser's List view and ``explorer export --view list`` both
list through :func:`listed_rows`, and both write CSV through :func:`listed_csv`, so a
download holds exactly the rows and columns the list shows, in its order.

>>> order = parse_sort("title:desc")
>>> order.column, order.is_descending, order.text()
('title', True, 'title:desc')
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

from .gc_pause import gc_paused
from .graph import View
from .model import Event

#: The list's columns: the key (as in ``sort=KEY:asc``) and the header.
COLUMNS = {
    "date": "Date",
    "title": "Title",
    "kind": "Kind",
    "actors": "Actors",
    "place": "Place",
    "sources": "Sources",
}
DEFAULT_SORT = "date:asc"
DIRECTIONS = ("asc", "desc")


class SortError(ValueError):
    """A sort the list does not offer (an unknown column or direction)."""


@dataclass(frozen=True)
class EventRow:
    """One listed event: what each column shows, and how the date column sorts."""

    id: str
    date: str
    title: str
    kind: str
    actors: str
    place: str
    sources: int
    date_order: tuple[dt.date, dt.date, int]  # first day, last day, precision (day first)

    def cells(self) -> dict[str, str | int]:
        """The row as the list shows it, column key → value, plus the event ``id``."""
        return {"id": self.id, **{column: getattr(self, column) for column in COLUMNS}}

    @cached_property
    def text(self) -> str:
        """What the list's search looks in: every shown column, in lower case."""
        return " ".join(str(getattr(self, column)) for column in COLUMNS).casefold()

    def sort_key(self, column: str):
        if column == "date":
            return self.date_order
        value = getattr(self, column)
        return value.casefold() if isinstance(value, str) else value


@dataclass(frozen=True)
class ListOrder:
    """How the list is sorted and searched: a column, a direction and words to find."""

    column: str = "date"
    is_descending: bool = False
    search: str = ""

    def text(self) -> str:
        """The sort as the URL writes it: ``date:asc``."""
        return f"{self.column}:{DIRECTIONS[self.is_descending]}"


DEFAULT_ORDER = ListOrder()


def parse_sort(text: str, search: str = "") -> ListOrder:
    """``"date:desc"`` (the direction may be left out: ascending) as a ListOrder searching
    for ``search``; SortError for a column or direction the list does not have."""
    column, _, direction = text.partition(":")
    if column not in COLUMNS:
        raise SortError(f"the list has no column “{column}”; sort by one of {', '.join(COLUMNS)}")
    if direction not in ("", *DIRECTIONS):
        raise SortError(f"unknown sort direction “{direction}”; use asc or desc")
    return ListOrder(column, direction == "desc", search.strip())


def date_order(event: Event) -> tuple[dt.date, dt.date, int]:
    """The date column's sort key: first day, then last day, then the more precise first
    (``15 Aug 2025`` before ``Aug 2025`` before ``2025`` when they start together)."""
    return event.first, event.last, ("day", "month", "year").index(event.date.precision)


def event_row(event: Event, actor_names: dict[str, str]) -> EventRow:
    """The list's row for ``event``; ``actor_names`` maps actor ids to names."""
    return EventRow(
        id=event.id,
        date=event.date_span(),
        title=event.title,
        kind=event.kind,
        actors="; ".join(actor_names.get(actor, actor) for actor in event.actor_ids()),
        place=event.location or "",
        sources=len(event.sources),
        date_order=date_order(event),
    )


def event_rows(view: View) -> list[EventRow]:
    """The rows of the view's events, in the view's (time) order."""
    names = {actor.id: actor.name for actor in view.dataset.actors}
    return [event_row(event, names) for event in view.events]


def searched(rows: list[EventRow], search: str) -> list[EventRow]:
    """The rows whose shown text contains every word of ``search`` (any case)."""
    words = search.casefold().split()
    if not words:
        return rows
    return [row for row in rows if all(word in row.text for word in words)]


def sorted_rows(rows: list[EventRow], order: ListOrder) -> list[EventRow]:
    """``rows`` sorted by ``order``'s column; rows that tie keep their order (time order
    for the rows of a view)."""
    # Python's sort is stable also in reverse: ties keep the order they came in.
    return sorted(rows, key=lambda row: row.sort_key(order.column), reverse=order.is_descending)


def listed_rows(
    view: View, order: ListOrder = DEFAULT_ORDER, known: Mapping[str, EventRow] | None = None
) -> list[EventRow]:
    """The rows the list shows for ``view``: searched and sorted as ``order`` says.
    ``known`` maps event ids to rows made before (see :func:`rows_by_event`), so that a
    large dataset's rows are made once, not for each listing."""
    with gc_paused():  # the search's texts are made for every row the first time
        rows = [known[event.id] for event in view.events] if known is not None else event_rows(view)
        return sorted_rows(searched(rows, order.search), order)


def rows_by_event(view: View) -> dict[str, EventRow]:
    """The rows of the view's events by event id."""
    with gc_paused():
        return {row.id: row for row in event_rows(view)}


def listed_csv(rows: list[EventRow]) -> str:
    """``rows`` as CSV: the list's headers and cells, in its order."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS.values())
    for row in rows:
        writer.writerow(getattr(row, column) for column in COLUMNS)
    return out.getvalue()
