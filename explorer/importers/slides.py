"""TimelineJS slides (from its JSON, or rows of its sheet) → explorer events.

What each part becomes:

- ``start_date``/``end_date`` → ``date``/``end`` at the precision given (a year-only date is a
  year-precision date). Hours, minutes and seconds are dropped (explorer keeps dates to the
  day) and said so in a note; a year outside 1–9999, a day without a month or a day that does
  not exist is a located error.
- ``text.headline`` → ``title``; ``text.text`` → ``summary`` as plain text, its links →
  ``sources``, its ``<blockquote>``s → ``quotes`` (a ``<cite>`` naming a known actor becomes
  the speaker, else the quote's source). A slide with no headline takes its title from the
  first line of its text.
- ``media`` → a source (url, with the caption as title and the credit as publisher); media
  given as HTML (a blockquote) → quotes and sources.
- ``group`` → an actor of kind ``group`` (TimelineJS rows become explorer's actor lanes).
- ``display_date`` → kept at the head of the summary ("Shown as: …"), said in a note.
- ``unique_id`` → the event's id (made a slug); otherwise the id is made of the headline and
  the date, so the same input always gives the same ids.
- eras → events of kind ``other`` tagged ``era`` spanning the era's dates.
- an ``explorer`` object (written by ``explorer export --format timelinejs``; TimelineJS ignores
  it) restores the event's own id, kind, actors, place, tags, topics, links, quotes and sources.
- background, thumbnails, ``format`` and ``autolink`` are presentation only, and are not kept.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from ..model import Event, FuzzyDate
from .common import (
    TIMES_DROPPED,
    Actors,
    Collector,
    Ids,
    RowError,
    date_text,
    drop_empty,
    link_source,
    sources_of,
    whole_number,
)
from .html_text import PlainText, html_to_text, plain_line

_TIME_PARTS = ("hour", "minute", "second", "millisecond")
#: The event fields an ``explorer`` object may restore.
EXTENSION_FIELDS = ("id", "kind", "location", "actors", "quotes", "tags", "topics", "sources", "links")
DISPLAY_KEPT = "TimelineJS display dates were kept at the head of the summary (“Shown as: …”)"
CAPTION_TITLES = "slides with no headline and no text were titled with their media caption"
MEDIA_WITHOUT_ADDRESS = "media with no web address (relative or embedded) were kept by caption only"


def slide_date(value: Any, what: str, line: int, collector: Collector) -> str | None:
    """The explorer date of a TimelineJS date object, or None when it is absent or empty."""
    if value is None or value == "" or value == {}:
        return None
    if not isinstance(value, dict):
        raise RowError(f'`{what}` should be an object such as {{"year": 1945}}, not {type(value).__name__}')
    year = whole_number(value.get("year"), "year")
    month = whole_number(value.get("month"), "month")
    day = whole_number(value.get("day"), "day")
    if year is None:
        if month is None and day is None:
            return None
        raise RowError(f"`{what}` has a month or day but no year", "every TimelineJS date needs a year")
    if any(str(value.get(part) or "").strip() for part in _TIME_PARTS):
        collector.note(line, TIMES_DROPPED)
    return date_text(year, month, day)


class SlideReader:
    """Turns slides into event records for one source; see the module docstring."""

    def __init__(self, collector: Collector, ids: Ids):
        self.collector = collector
        self.ids = ids

    @property
    def actors(self) -> Actors:
        return self.collector.actors

    def event(self, slide: Any, line: int, given_id: str | None, *, is_era: bool = False) -> dict[str, Any]:
        """The event record of one slide; RowError when it cannot be imported."""
        if not isinstance(slide, dict):
            raise RowError(f"an event should be an object {{...}}, not {type(slide).__name__}")
        start = slide_date(slide.get("start_date"), "start_date", line, self.collector)
        if start is None:
            raise RowError("no `start_date` with a year", "give the event a start_date (at least a year)")
        end = slide_date(slide.get("end_date"), "end_date", line, self.collector)
        if is_era and end is None:
            raise RowError("an era needs an `end_date`", "give the era an end_date")
        if end is not None and FuzzyDate.parse(end).last < FuzzyDate.parse(start).first:
            raise RowError(f"`end_date` ({end}) is before `start_date` ({start})", "swap or correct the dates")
        text = _text_object(slide)
        body = html_to_text(_string(text.get("text")))
        title = plain_line(_string(text.get("headline"))) or _first_line(body.text)
        if not title:
            title = _first_line(plain_line(_string(_media(slide).get("caption"))))
            if not title:
                raise RowError("no headline, text or media caption to take a title from", "give the event a headline")
            self.collector.note(line, CAPTION_TITLES)
        record = {
            "id": given_id or self.ids.for_event(title, start),
            "title": title,
            "date": start,
            "end": end if end != start else None,
            "kind": "other",
            "actors": self._group_actor(slide),
            "summary": self._summary(slide, line, body),
            "quotes": self._quotes(body, slide),
            "tags": ["era"] if is_era else [],
            "sources": sources_of(body, self._media_sources(slide, line)),
        }
        record.update(self._extension(slide))
        return drop_empty(record)

    def _summary(self, slide: dict, line: int, body: PlainText) -> str:
        display = _string(slide.get("display_date")) or _string((slide.get("start_date") or {}).get("display_date"))
        if not display.strip():
            return body.text
        self.collector.note(line, DISPLAY_KEPT)
        shown = f"Shown as: {plain_line(display)}"
        return f"{shown}\n\n{body.text}" if body.text else shown

    def _group_actor(self, slide: dict) -> list[str]:
        group = plain_line(_string(slide.get("group")))
        return [self.actors.id_for(group, "group")] if group else []

    def _quotes(self, body: PlainText, slide: dict) -> list[dict[str, Any]]:
        media = _media(slide)
        quoted = body.quotes + html_to_text(_string(media.get("url"))).quotes
        quotes = []
        for quote in quoted:
            speaker = self.actors.by_name.get(" ".join((quote.cite or "").split()).casefold())
            source = {"title": quote.cite} if quote.cite and not speaker else None
            quotes.append(drop_empty({"text": quote.text, "speaker": speaker, "source": source}))
        return quotes

    def _media_sources(self, slide: dict, line: int) -> list[dict[str, Any]]:
        media = _media(slide)
        url = _string(media.get("url")).strip()
        caption, credit = html_to_text(_string(media.get("caption"))), html_to_text(_string(media.get("credit")))
        extra = sources_of(caption) + sources_of(credit)
        if url.startswith("<"):  # an embed or a blockquote: its quotes are read by _quotes
            return extra + sources_of(html_to_text(url))
        title = plain_line(caption.text) or plain_line(credit.text) or None
        source = link_source(url, title, plain_line(credit.text) or None)
        if source and "url" not in source:
            if not title:
                return extra
            self.collector.note(line, MEDIA_WITHOUT_ADDRESS)
        return ([source] if source else []) + extra

    def _extension(self, slide: dict) -> dict[str, Any]:
        """The fields an ``explorer`` object restores, each checked against the model."""
        extension = slide.get("explorer")
        if not isinstance(extension, dict):
            return {}
        restored = {key: extension[key] for key in EXTENSION_FIELDS if key in extension and key != "id"}
        try:
            Event.model_validate({"id": "x", "title": "x", "date": "2000", "kind": "other", **restored})
        except ValidationError as error:
            detail = error.errors(include_url=False)[0]
            where = ".".join(str(part) for part in detail["loc"])
            raise RowError(f"its `explorer` object is not valid: `{where}`: {detail['msg']}") from None
        return restored


def given_id(slide: Any) -> str | None:
    """The id a slide carries: its ``explorer`` object's, else its ``unique_id``."""
    if not isinstance(slide, dict):
        return None
    extension = slide.get("explorer")
    wanted = extension.get("id") if isinstance(extension, dict) else None
    return _string(wanted or slide.get("unique_id")) or None


def _media(slide: dict) -> dict:
    media = slide.get("media")
    return media if isinstance(media, dict) else {}


def _text_object(slide: dict) -> dict:
    text = slide.get("text")
    return text if isinstance(text, dict) else {}


def _string(value: Any) -> str:
    """Text of a JSON value that should be text (numbers are written as text, others ignored)."""
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return ""


def _first_line(text: str, limit: int = 120) -> str:
    line = text.split("\n", 1)[0].strip()
    return line if len(line) <= limit else line[:limit].rsplit(" ", 1)[0] + "…"
