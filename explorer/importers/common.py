"""What the importers share: reading the source, located row errors, stable ids and actors,
dates, and the dataset-shaped document they all produce.

An importer turns each row or item of its source into an event mapping (the YAML's shape),
reporting what it cannot import as a :class:`RowError`. :class:`Collector` gathers events,
problems and notes (stated approximations) for the whole source, checks every event against
the model, and raises one :class:`DatasetError` with every problem, or returns an
:class:`Imported` document that validates.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..errors import DatasetError, Problem
from ..ids import UniqueIds, slugify
from ..model import DataFile, Event
from .html_text import PlainText, web_address

#: Sources larger than this are refused (as for data files; ``--max-size`` raises it).
DEFAULT_MAX_BYTES = 256 * 1024 * 1024
TIMES_DROPPED = "times of day were dropped: explorer keeps dates to the day"


class RowError(Exception):
    """A row or item that cannot be imported: what is wrong, and what to do."""

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint


def located_error(source: str, line: int, message: str, hint: str) -> DatasetError:
    """A DatasetError with one problem at ``line`` of ``source``."""
    return DatasetError([Problem(source, line, 0, message, hint=hint)])


def read_source(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """The text of a source file, decoded as UTF-8 (a byte-order mark, as Excel writes, is
    dropped); a located DatasetError for a missing, huge, binary or non-UTF-8 file."""
    name = str(path)

    def fail(message: str, hint: str, line: int = 0) -> DatasetError:
        return DatasetError([Problem(name, line, 0, message, hint=hint)])

    try:
        if path.is_dir():
            raise fail("is a directory, not a file", "give the path of a .json or .csv file")
        if path.stat().st_size > max_bytes:
            raise fail(f"file is over the {max_bytes / 2**20:.0f} MiB limit", "raise the limit with --max-size")
        data = path.read_bytes()
    except FileNotFoundError:
        raise fail("no such file", "check the path") from None
    except OSError as error:
        raise fail(f"cannot read file: {error.strerror}", "check the path and its permissions") from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise fail("file is UTF-16", "save it as UTF-8 (in a spreadsheet: CSV UTF-8)", 1)
    if b"\x00" in data:
        raise fail("file contains NUL bytes: it is binary, not text", "export the sheet as CSV or JSON text", 1)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise fail(
            f"byte 0x{data[error.start]:02x} is not valid UTF-8", "save the file as UTF-8 (CSV UTF-8)", line
        ) from None


# -- ids ---------------------------------------------------------------------------------


class Ids(UniqueIds):
    """Unique ids for one source's events and actors."""

    def for_event(self, title: str, date: str) -> str:
        """An id made of an event's title and date: ``ada-lovelace-1815-12-10``."""
        return self.claim(f"{slugify(title, 50) or 'event'}-{date}")


class Actors:
    """Actors made from names: one per name (compared without case or extra spaces), with
    an id made from the name, in order of first appearance."""

    def __init__(self, kind: str):
        self.kind = kind
        self.ids = Ids()
        self.by_name: dict[str, str] = {}
        self.records: list[dict[str, Any]] = []

    def id_for(self, name: str, kind: str | None = None) -> str:
        """The id of the actor called ``name``, creating it on first use."""
        key = " ".join(name.split()).casefold()
        if key not in self.by_name:
            actor_id = self.ids.claim(slugify(name) or "actor")
            self.by_name[key] = actor_id
            self.records.append({"id": actor_id, "name": " ".join(name.split()), "kind": kind or self.kind})
        return self.by_name[key]

    def adopt(self, record: dict[str, Any]) -> None:
        """Keep an actor record as it is (from explorer's own export), unless its name or id
        is already known."""
        key = " ".join(str(record.get("name", "")).split()).casefold()
        if key in self.by_name or record.get("id") in self.ids.taken:
            return
        self.by_name[key] = self.ids.claim(record["id"])
        self.records.append(record)


def claim_given_ids(wanted: list[tuple[int, str | None]], ids: Ids, collector: Collector) -> dict[int, str]:
    """Ids the source gives (``(line, id)`` per item, made slugs), claimed before any id is
    made from a title; by the item's index. An id given twice is reported."""
    chosen: dict[int, str] = {}
    first_line: dict[str, int] = {}
    for index, (line, given) in enumerate(wanted):
        slug = slugify(given or "")
        if not slug:
            continue
        if slug in first_line:
            collector.problem(
                line, f"id `{slug}` is used twice", f"first used on line {first_line[slug]}; ids are unique"
            )
            continue
        first_line[slug] = line
        chosen[index] = ids.claim(slug)
    return chosen


# -- dates -------------------------------------------------------------------------------


def date_text(year: int, month: int | None, day: int | None) -> str:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` for a date explorer can hold; RowError else."""
    if not 1 <= year <= 9999:
        era = "BCE" if year <= 0 else "past 9999"
        raise RowError(
            f"year {year} ({era}) cannot be represented: explorer's dates run from year 1 to 9999",
            "leave this item out, or give a year from 1 to 9999",
        )
    if day is not None and month is None:
        raise RowError(f"day {day} is given without a month", "give the month too, or leave the day out")
    if month is not None and not 1 <= month <= 12:
        raise RowError(f"month {month} is not between 1 and 12", "months are numbered 1 to 12")
    if day is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
        length = calendar.monthrange(year, month)[1]
        raise RowError(f"{calendar.month_name[month]} {year} has {length} days, not {day}", "correct the day")
    text = f"{year:04d}"
    if month is not None:
        text += f"-{month:02d}"
    if day is not None:
        text += f"-{day:02d}"
    return text


def whole_number(value: Any, what: str) -> int | None:
    """``value`` (a number or text such as "1,815" or " 12 ") as an int; None when empty."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, int):
        return value
    text = re.sub(r"[\s,]+", "", str(value))
    if not text:
        return None
    if not re.fullmatch(r"-?\d+", text):
        raise RowError(f"{what} {str(value).strip()!r} is not a whole number", f"write the {what} as digits")
    return int(text)


# -- the document ------------------------------------------------------------------------


def sources_of(found: PlainText, extra: list[dict[str, Any]] = ()) -> list[dict[str, Any]]:
    """Source records for the links in ``found`` and the ``extra`` ones, each address once."""
    sources: list[dict[str, Any]] = []
    seen: set[str] = set()
    for source in [*extra, *({"title": link.text, "url": link.url} for link in found.links)]:
        key = source.get("url") or source["title"]
        if key not in seen:
            seen.add(key)
            sources.append(source)
    return sources


def link_source(value: str, title: str | None = None, publisher: str | None = None) -> dict[str, Any] | None:
    """A source for a cell or media field: a web address becomes ``{title, url}``; other
    text becomes a title alone; nothing for an empty value."""
    value = value.strip()
    if not value:
        return None
    url = web_address(value)
    source: dict[str, Any] = {"title": title or (url or value)}
    if url:
        source["url"] = url
    if publisher:
        source["publisher"] = publisher
    return source


def drop_empty(record: dict[str, Any]) -> dict[str, Any]:
    """``record`` without keys whose value is None, empty text or an empty list."""
    return {key: value for key, value in record.items() if value not in (None, "", [], {})}


@dataclass
class Imported:
    """A dataset-shaped document that validates, with the approximations made on the way."""

    document: dict[str, Any]
    notes: list[str] = field(default_factory=list)

    @property
    def events(self) -> list[dict[str, Any]]:
        return self.document["events"]


@dataclass
class Collector:
    """Gathers one source's events, problems and notes; see the module docstring."""

    source: str
    actors: Actors
    events: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    topics: list[dict[str, Any]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    noted: dict[str, list[int]] = field(default_factory=dict)

    @contextmanager
    def row(self, line: int, label: str | None = None) -> Iterator[None]:
        """Report a RowError raised in the block as a problem at ``line``."""
        try:
            yield
        except RowError as error:
            self.problem(line, error.message, error.hint, label)

    def problem(self, line: int, message: str, hint: str | None = None, label: str | None = None) -> None:
        self.problems.append(Problem(self.source, line, 0, message, label, hint))

    def note(self, line: int, approximation: str) -> None:
        """Remember that ``approximation`` was made at ``line`` (reported once, with lines)."""
        lines = self.noted.setdefault(approximation, [])
        if not lines or lines[-1] != line:
            lines.append(line)

    def add_event(self, line: int, record: dict[str, Any], label: str | None = None) -> None:
        """Check ``record`` against the model and keep it, or report why it is not valid."""
        try:
            Event.model_validate(record)
        except ValidationError as error:
            detail = error.errors(include_url=False)[0]
            where = ".".join(str(part) for part in detail["loc"])
            self.problem(line, f"cannot make a valid event: `{where}`: {detail['msg']}", None, label)
            return
        self.events.append((line, record))

    def finish(self, name: str, description: str | None) -> Imported:
        """The document, or DatasetError with every problem when there was any."""
        if not self.problems and not self.events:
            self.problem(1, "nothing to import: the source has no events", "add at least one dated row or event")
        self.check_references()
        if self.problems:
            raise DatasetError(self.problems)
        document = drop_empty({"name": name, "description": description})
        document.update(actors=self.actors.records, events=[record for _, record in self.events])
        if self.topics:
            document["topics"] = self.topics
        DataFile.model_validate({**document, "events": []})
        return Imported(document, [_note_text(text, lines) for text, lines in self.noted.items()])

    def check_references(self) -> None:
        """Report actors and events naming actors or topics the source does not define; drop
        links to events it does not hold (an export of some events links to others), with a note."""
        actor_ids = {actor["id"] for actor in self.actors.records}
        for actor in self.actors.records:
            named = [*actor.get("affiliations", []), *(role.get("organization") for role in actor.get("roles", []))]
            for other in dict.fromkeys(name for name in named if name and name not in actor_ids):
                self.problem(1, f"actor `{actor['id']}` refers to unknown actor `{other}`", "define it among actors")
        topic_ids = {topic["id"] for topic in self.topics}
        event_ids = {record["id"] for _, record in self.events}
        for line, record in self.events:
            self._check_event(line, record, actor_ids, topic_ids, event_ids)

    def _check_event(self, line: int, record: dict, actor_ids: set, topic_ids: set, event_ids: set) -> None:
        named = [p if isinstance(p, str) else p.get("actor") for p in record.get("actors", [])]
        named += [quote["speaker"] for quote in record.get("quotes", []) if quote.get("speaker")]
        for actor_id in dict.fromkeys(named):
            if actor_id not in actor_ids:
                self.problem(line, f"unknown actor `{actor_id}`", "define it in the source's actors", record["id"])
        for topic_id in record.get("topics", []):
            if topic_id not in topic_ids:
                self.problem(line, f"unknown topic `{topic_id}`", "define it in the source's topics", record["id"])
        kept = [link for link in record.get("links", []) if link.get("to") in event_ids]
        if len(kept) < len(record.get("links", [])):
            self.note(line, "links to events the source does not hold were dropped")
            record["links"] = kept
            if not kept:
                del record["links"]


def _note_text(text: str, lines: list[int]) -> str:
    shown = ", ".join(str(line) for line in lines[:8]) + (", …" if len(lines) > 8 else "")
    return f"{text} ({len(lines)} item{'s' if len(lines) != 1 else ''}; line{'s' if len(lines) != 1 else ''} {shown})"
