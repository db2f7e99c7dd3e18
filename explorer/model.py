"""The data model: typed, frozen records for actors, events, topics and positions.

The YAML file is validated into these classes (see :mod:`explorer.load`); the JSON Schema
printed by ``explorer schema`` is generated from them, so the two never drift apart.

Dates are :class:`FuzzyDate`: a year, a month or a day, kept at the precision the source
gives. A fuzzy date stands for the whole interval it names (``2025-08`` is 1–31 August 2025);
every comparison below is defined on those intervals.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Annotated, Any, Literal, get_args

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints
from pydantic_core import core_schema

ACTOR_KINDS = ("person", "state", "organization", "group", "company", "media")
EVENT_KINDS = (
    "meeting",
    "call",
    "statement",
    "agreement",
    "sanction",
    "military",
    "election",
    "conference",
    "talks",
    "visit",
    "annexation",
    "inauguration",
    "speech",
    "interview",
    "decision",
    "other",
)
LINK_KINDS = ("compares_to", "responds_to", "follows", "part_of", "contradicts", "causes", "related_to")
STANCES = ("supports", "opposes", "conditional", "ambiguous", "neutral")

ActorKind = Literal[ACTOR_KINDS]  # type: ignore[valid-type]
EventKind = Literal[EVENT_KINDS]  # type: ignore[valid-type]
LinkKind = Literal[LINK_KINDS]  # type: ignore[valid-type]
Stance = Literal[STANCES]  # type: ignore[valid-type]

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]
Text = Annotated[str, StringConstraints(min_length=1)]

PRECISIONS = ("year", "month", "day")
_DATE_RE = re.compile(r"^(-?\d{1,4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


class DateFormatError(ValueError):
    """A date that is malformed or names a day that does not exist."""


@dataclass(frozen=True, slots=True)
class FuzzyDate:
    """A calendar date known to year, month or day precision.

    It stands for the interval ``[first, last]`` of the days it names. Ordering is by
    ``first`` then ``last`` (so ``2025-08`` sorts before ``2025-08-15``); ``overlaps``
    is interval intersection.

    >>> FuzzyDate.parse("2025-08").overlaps(FuzzyDate.parse("2025-08-15"))
    True
    >>> str(FuzzyDate.parse("1945-02-04")), FuzzyDate.parse("1945").precision
    ('1945-02-04', 'year')
    """

    year: int
    month: int | None = None
    day: int | None = None
    first: dt.date = field(init=False, compare=False, repr=False)
    last: dt.date = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        first, last = _bounds(self.year, self.month, self.day)
        object.__setattr__(self, "first", first)
        object.__setattr__(self, "last", last)

    @staticmethod
    def parse(value: str | int | dt.date) -> FuzzyDate:
        """Parse ``1945``, ``"1945-02"`` or ``"1945-02-04"``; raise DateFormatError otherwise."""
        if isinstance(value, FuzzyDate):
            return value
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return FuzzyDate(value.year, value.month, value.day)
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            raise DateFormatError(f"expected a date such as 2025, 2025-08 or 2025-08-15, got {type(value).__name__}")
        return _parse_text(str(value).strip())

    @property
    def precision(self) -> str:
        """``"year"``, ``"month"`` or ``"day"``."""
        return "day" if self.day else "month" if self.month else "year"

    def overlaps(self, other: FuzzyDate) -> bool:
        """True when the two intervals share at least one day."""
        return self.first <= other.last and other.first <= self.last

    def sort_key(self) -> tuple[dt.date, dt.date]:
        return (self.first, self.last)

    def __lt__(self, other: FuzzyDate) -> bool:
        return self.sort_key() < other.sort_key()

    def __le__(self, other: FuzzyDate) -> bool:
        return self.sort_key() <= other.sort_key()

    def __gt__(self, other: FuzzyDate) -> bool:
        return self.sort_key() > other.sort_key()

    def __ge__(self, other: FuzzyDate) -> bool:
        return self.sort_key() >= other.sort_key()

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month:
            text += f"-{self.month:02d}"
        if self.day:
            text += f"-{self.day:02d}"
        return text

    def describe(self) -> str:
        """Human text that shows the precision: ``15 Aug 2025``, ``Aug 2025``, ``1945``."""
        if self.day:
            return self.first.strftime("%-d %b %Y")
        if self.month:
            return self.first.strftime("%b %Y")
        return str(self.year)

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(cls.parse, serialization=core_schema.to_string_ser_schema())

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: Any, handler: Any) -> dict[str, Any]:
        return {
            "anyOf": [
                {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"},
                {"type": "integer", "minimum": 1, "maximum": 9999},
            ],
            "description": "ISO 8601 date at year, month or day precision: 1945, 1945-02, 1945-02-04",
        }


@lru_cache(maxsize=65536)
def _parse_text(text: str) -> FuzzyDate:
    match = _DATE_RE.match(text)
    if not match:
        raise DateFormatError(f"malformed date {text!r}: expected YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2025-08-15)")
    year, month, day = (int(part) if part else None for part in match.groups())
    if not 1 <= year <= 9999:
        raise DateFormatError(f"impossible date {text!r}: year must be between 1 and 9999")
    if month is not None and not 1 <= month <= 12:
        raise DateFormatError(f"impossible date {text!r}: month {month} is not between 1 and 12")
    if day is not None:
        days_in_month = calendar.monthrange(year, month)[1]
        if not 1 <= day <= days_in_month:
            raise DateFormatError(
                f"impossible date {text!r}: {calendar.month_name[month]} {year} has {days_in_month} days"
            )
    return FuzzyDate(year, month, day)


def _bounds(year: int, month: int | None, day: int | None) -> tuple[dt.date, dt.date]:
    if day:
        the_day = dt.date(year, month, day)
        return the_day, the_day
    if month:
        return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


@dataclass(frozen=True, slots=True)
class DateRange:
    """An inclusive span from one fuzzy date to another; either side may be open."""

    start: FuzzyDate | None = None
    end: FuzzyDate | None = None

    def contains_span(self, first: dt.date, last: dt.date) -> bool:
        """True when the days ``first``..``last`` overlap this range.

        ``--from 2025-08-15`` keeps an event dated ``2025-08`` because August 2025
        reaches the 15th; ``--to 2025-08`` keeps everything up to 31 August.
        """
        if self.start is not None and last < self.start.first:
            return False
        return self.end is None or first <= self.end.last


class Record(BaseModel):
    """Base of every record read from YAML: unknown keys and wrong types are errors."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class Source(Record):
    """Where a fact comes from."""

    title: Text
    url: str | None = None
    publisher: str | None = None
    date: FuzzyDate | None = None


class Role(Record):
    """A title an actor held, with the dates it was held."""

    title: Text
    organization: Slug | None = Field(None, description="actor id of the organization or state")
    from_: FuzzyDate | None = Field(None, alias="from")
    to: FuzzyDate | None = None

    model_config = ConfigDict(populate_by_name=True)

    def is_held_on(self, day: dt.date) -> bool:
        """True when the role was held on ``day`` (open ends count as held)."""
        started = self.from_ is None or self.from_.first <= day
        ended = self.to is not None and self.to.last < day
        return started and not ended


class Actor(Record):
    """A person, state, organization or group taking part in events."""

    id: Slug
    name: Text
    kind: ActorKind
    aliases: list[Text] = Field(default_factory=list)
    affiliations: list[Slug] = Field(default_factory=list, description="ids of actors this one belongs to")
    roles: list[Role] = Field(default_factory=list)
    description: str | None = None
    sources: list[Source] = Field(default_factory=list)

    def roles_on(self, day: dt.date) -> list[Role]:
        """The roles held on ``day``."""
        return [role for role in self.roles if role.is_held_on(day)]


class Topic(Record):
    """A question positions are taken on, such as ukraine-nato-membership."""

    id: Slug
    name: Text
    description: str | None = None


def _actor_shorthand(value: Any) -> Any:
    return {"actor": value} if isinstance(value, str) else value


class Participant(Record):
    """An actor's part in an event; in YAML either an id or ``{actor: id, role: ...}``."""

    actor: Slug
    role: str | None = None


class Quote(Record):
    """Words spoken or written, with who said them and where it is reported."""

    text: Text
    speaker: Slug | None = Field(None, description="actor id")
    source: Source | None = None


class Link(Record):
    """A typed edge from one event to another."""

    to: Slug = Field(description="event id")
    kind: LinkKind
    note: str | None = None


def _participants_schema(schema: dict[str, Any]) -> None:
    # In YAML a participant is an actor id or {actor: id, role: ...}; say both in the schema.
    items = schema["properties"]["actors"]["items"]
    schema["properties"]["actors"]["items"] = {"anyOf": [{"type": "string", "pattern": SLUG_PATTERN}, items]}


class Event(Record):
    """Something that happened at a (fuzzy) date: a meeting, call, statement, sanction..."""

    model_config = ConfigDict(json_schema_extra=_participants_schema)

    id: Slug
    title: Text
    date: FuzzyDate
    end: FuzzyDate | None = None
    kind: EventKind
    location: str | None = None
    actors: list[Annotated[Participant, BeforeValidator(_actor_shorthand)]] = Field(default_factory=list)
    summary: str | None = None
    quotes: list[Quote] = Field(default_factory=list)
    tags: list[Text] = Field(default_factory=list)
    topics: list[Slug] = Field(default_factory=list, description="topic ids the event concerns")
    sources: list[Source] = Field(default_factory=list)
    links: list[Link] = Field(default_factory=list)

    @cached_property
    def first(self) -> dt.date:
        """The first day the event may have happened on."""
        return self.date.first

    @cached_property
    def last(self) -> dt.date:
        """The last day: of ``end`` if given, else of ``date``."""
        return (self.end or self.date).last

    @property
    def is_range(self) -> bool:
        return self.end is not None

    def date_span(self) -> str:
        """The dates with their precision: ``15 Aug 2025``, ``Aug 2025``, ``1945``, or a
        range ``4 Feb 1945 – 11 Feb 1945``."""
        return self.date.describe() + (f" – {self.end.describe()}" if self.end is not None else "")

    def actor_ids(self) -> list[str]:
        return [participant.actor for participant in self.actors]


class Position(Record):
    """A stance an actor took on a topic at a date."""

    actor: Slug
    topic: Slug
    stance: Stance
    date: FuzzyDate
    event: Slug | None = Field(None, description="event id where the position was stated")
    quote: str | None = None
    note: str | None = None
    sources: list[Source] = Field(default_factory=list)

    @property
    def key(self) -> str:
        return f"{self.actor}/{self.topic}/{self.date}"


class DataFile(Record):
    """The whole YAML document; the JSON Schema is generated from this class."""

    name: str | None = None
    description: str | None = None
    actors: list[Actor]
    events: list[Event]
    topics: list[Topic] = Field(default_factory=list)
    positions: list[Position] = Field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Location:
    """Where an item was read from: file path, 1-based line and column."""

    path: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Dataset:
    """A validated data file: its records in file order and where each came from."""

    name: str
    description: str | None
    actors: tuple[Actor, ...]
    events: tuple[Event, ...]
    topics: tuple[Topic, ...] = ()
    positions: tuple[Position, ...] = ()
    path: str | None = None
    locations: dict[tuple[str, str], Location] = field(default_factory=dict, compare=False, repr=False)

    @cached_property
    def actor_by_id(self) -> dict[str, Actor]:
        return {actor.id: actor for actor in self.actors}

    @cached_property
    def event_by_id(self) -> dict[str, Event]:
        return {event.id: event for event in self.events}

    @cached_property
    def topic_by_id(self) -> dict[str, Topic]:
        return {topic.id: topic for topic in self.topics}

    @cached_property
    def year_span(self) -> tuple[int, int]:
        """The first and last year the events touch (2000–2025 for a file with no events)."""
        if not self.events:
            return 2000, 2025
        return min(e.first.year for e in self.events), max(e.last.year for e in self.events)

    @cached_property
    def links_into(self) -> dict[str, list[tuple[Event, Link]]]:
        """For each event id, the events that link to it, with the link."""
        incoming: dict[str, list[tuple[Event, Link]]] = {}
        for event in self.events:
            for link in event.links:
                incoming.setdefault(link.to, []).append((event, link))
        return incoming

    def location_of(self, kind: str, item_id: str) -> Location | None:
        """Where the ``kind`` ("actor", "event", "topic", "position") with ``item_id`` was read."""
        return self.locations.get((kind, item_id))


def literal_values(literal: Any) -> tuple[str, ...]:
    """The allowed values of a Literal type."""
    return tuple(get_args(literal))
