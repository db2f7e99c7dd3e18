"""A view's events as a TimelineJS JSON document (``explorer export --format timelinejs``).

One slide per event: the title as headline, the date at its precision (a year-only date has
only a year), the summary, quotes (``<blockquote>`` with the speaker as ``<cite>``), the actors
and the sources (as links) in the slide's text, and the first actor as the slide's group, so
TimelineJS gives each lead actor a row. Events tagged ``era`` that have an end become
TimelineJS eras. The dataset's name and description make the title slide.

Every text is HTML-escaped: TimelineJS renders headlines and text as HTML, and nothing in a
data file may become markup there. Explorer's own fields ride along in an ``explorer`` object
on each slide (and the actors and topics at the top), which TimelineJS ignores, so that
``explorer import`` of the file gives back the same events.
"""

from __future__ import annotations

import json
from html import escape
from typing import Any

from .graph import View
from .importers.html_text import META_CLASS
from .model import Actor, Dataset, Event, FuzzyDate

_EXTENSION_FIELDS = ("kind", "location", "actors", "quotes", "tags", "topics", "sources", "links")


def timelinejs_bytes(view: View) -> bytes:
    """The TimelineJS JSON file of ``view``'s events, as UTF-8 bytes."""
    return json.dumps(timelinejs_document(view), ensure_ascii=False, indent=1).encode("utf-8")


def timelinejs_document(view: View) -> dict[str, Any]:
    """The TimelineJS document of ``view``'s events (in time order)."""
    dataset = view.dataset
    events = list(view.events)
    kept = {event.id for event in events}
    is_era = [_is_era(event) for event in events]
    document: dict[str, Any] = {
        "title": {"text": {"headline": _escaped(dataset.name), "text": _paragraphs(dataset.description or "")}},
        "events": [_slide(event, dataset, kept) for event, era in zip(events, is_era, strict=True) if not era],
        "explorer": {
            "actors": [_record(actor) for actor in _actors_needed(dataset, events)],
            "topics": [_record(dataset.topic_by_id[t]) for t in dict.fromkeys(t for e in events for t in e.topics)],
        },
    }
    eras = [_slide(event, dataset, kept) for event, era in zip(events, is_era, strict=True) if era]
    if eras:
        document["eras"] = eras
    return document


def _is_era(event: Event) -> bool:
    return "era" in event.tags and event.end is not None


def _slide(event: Event, dataset: Dataset, kept: set[str]) -> dict[str, Any]:
    slide: dict[str, Any] = {
        "unique_id": event.id,
        "start_date": date_object(event.date),
        "text": {"headline": _escaped(event.title), "text": _slide_text(event, dataset)},
    }
    if event.end is not None:
        slide["end_date"] = date_object(event.end)
    if event.actors:
        slide["group"] = _escaped(_name(dataset, event.actors[0].actor))
    record = event.model_dump(mode="json", by_alias=True, exclude_none=True, exclude_defaults=True)
    record["links"] = [link for link in record.get("links", []) if link["to"] in kept]
    slide["explorer"] = {"id": event.id} | {key: record[key] for key in _EXTENSION_FIELDS if record.get(key)}
    return slide


def date_object(date: FuzzyDate) -> dict[str, int]:
    """A TimelineJS date object with the parts the date has.

    >>> date_object(FuzzyDate.parse("2025-08"))
    {'year': 2025, 'month': 8}
    """
    parts = {"year": date.year, "month": date.month, "day": date.day}
    return {key: value for key, value in parts.items() if value}


def _slide_text(event: Event, dataset: Dataset) -> str:
    parts = [_paragraphs(event.summary or "")]
    for quote in event.quotes:
        cite = f"<cite>{_escaped(_name(dataset, quote.speaker))}</cite>" if quote.speaker else ""
        parts.append(f"<blockquote>{_escaped(quote.text)}{cite}</blockquote>")
    if event.location:
        parts.append(_meta(f"Where: {_escaped(event.location)}"))
    if event.actors:
        names = [_participant(dataset, p.actor, p.role) for p in event.actors]
        parts.append(_meta("With: " + ", ".join(names)))
    if event.sources:
        parts.append(_meta("Sources: " + "; ".join(_source_html(source) for source in event.sources)))
    return "".join(part for part in parts if part)


def _paragraphs(text: str) -> str:
    """Text as HTML paragraphs: blank lines separate paragraphs, single line breaks are kept."""
    blocks = [block.strip() for block in text.strip().split("\n\n") if block.strip()]
    return "".join(f"<p>{_escaped(block).replace(chr(10), '<br>')}</p>" for block in blocks)


def _escaped(text: str) -> str:
    """``text`` as HTML text (``<``, ``>`` and ``&`` escaped; quotes need no escaping outside attributes)."""
    return escape(text, quote=False)


def _meta(html: str) -> str:
    return f'<p class="{META_CLASS}">{html}</p>'


def _participant(dataset: Dataset, actor_id: str, role: str | None) -> str:
    name = _escaped(_name(dataset, actor_id))
    return f"{name} ({_escaped(role)})" if role else name


def _source_html(source) -> str:
    title = _escaped(source.title)
    linked = f'<a href="{escape(source.url)}">{title}</a>' if source.url else title
    details = ", ".join(_escaped(str(part)) for part in (source.publisher, source.date) if part)
    return f"{linked} ({details})" if details else linked


def _name(dataset: Dataset, actor_id: str) -> str:
    actor = dataset.actor_by_id.get(actor_id)
    return actor.name if actor else actor_id


def _actors_needed(dataset: Dataset, events: list[Event]) -> list[Actor]:
    """The actors the events name (participants, speakers) and those they refer to in turn
    (affiliations, roles' organizations), in the dataset's order."""
    wanted = {p.actor for e in events for p in e.actors} | {q.speaker for e in events for q in e.quotes if q.speaker}
    queue = list(wanted)
    while queue:
        actor = dataset.actor_by_id[queue.pop()]
        for other in [*actor.affiliations, *(role.organization for role in actor.roles if role.organization)]:
            if other not in wanted:
                wanted.add(other)
                queue.append(other)
    return [actor for actor in dataset.actors if actor.id in wanted]


def _record(item) -> dict[str, Any]:
    return item.model_dump(mode="json", by_alias=True, exclude_none=True, exclude_defaults=True)
