"""TimelineJS JSON (as its embeds load it) → a dataset document.

The top-level object is read key by key with the standard library's decoder, so that each
item of ``events`` and ``eras`` keeps the line it starts on for error messages, without a
slow position-tracking parser. See :mod:`explorer.importers.slides` for what each field becomes.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..model import Actor, Topic
from .common import Actors, Collector, Ids, Imported, RowError, claim_given_ids
from .common import located_error as _fail
from .html_text import html_to_text, plain_line
from .slides import SlideReader, given_id

_SPACE = re.compile(r"[ \t\n\r]*")
_NOT_TIMELINE_HINT = (
    'a TimelineJS file is an object with an "events" list (and optional "title" and "eras"); '
    "for a spreadsheet, use a .csv file"
)


def read_timelinejs_json(text: str, source: str, actor_kind: str = "group") -> Imported:
    """The document for TimelineJS JSON ``text``; DatasetError with every located problem."""
    top, lines = _top_level(text, source)
    collector = Collector(source, Actors(actor_kind))
    _adopt_explorer_records(top.get("explorer"), collector)
    reader = SlideReader(collector, Ids())
    items = [(line, slide, False) for line, slide in lines.get("events", [])]
    items += [(line, era, True) for line, era in lines.get("eras", [])]
    given = claim_given_ids([(line, given_id(slide)) for line, slide, _ in items], reader.ids, collector)
    for number, (line, slide, is_era) in enumerate(items, start=1):
        label = f"era {number - len(lines.get('events', []))}" if is_era else f"event {number}"
        with collector.row(line, label):
            collector.add_event(line, reader.event(slide, line, given.get(number - 1), is_era=is_era), label)
    title = top.get("title") if isinstance(top.get("title"), dict) else {}
    text_object = title.get("text") if isinstance(title.get("text"), dict) else {}
    name = plain_line(str(text_object.get("headline") or "")) or Path(source).stem
    description = html_to_text(str(text_object.get("text") or "")).text or None
    return collector.finish(name, description)


def _top_level(text: str, source: str) -> tuple[dict[str, Any], dict[str, list[tuple[int, Any]]]]:
    """The top-level object, and the items of its lists with the line each starts on."""
    decoder = json.JSONDecoder()
    lines = _LineCounter(text)
    position = _SPACE.match(text, 0).end()
    if not text.strip():
        raise _fail(source, 1, "the file is empty", _NOT_TIMELINE_HINT)
    if text[position] != "{":
        raise _fail(
            source, lines.at(position), "not a TimelineJS timeline: the top level is not an object", _NOT_TIMELINE_HINT
        )
    top: dict[str, Any] = {}
    items: dict[str, list[tuple[int, Any]]] = {}
    position += 1
    try:
        while True:
            position = _SPACE.match(text, position).end()
            if text.startswith("}", position):
                break
            key, position = decoder.raw_decode(text, position)
            if not isinstance(key, str):
                raise _fail(source, lines.at(position), "JSON syntax: an object key must be a string", "check the JSON")
            position = _expect(text, position, ":", source, lines)
            if key in ("events", "eras") and text.startswith("[", position):
                items[key], position = _items(decoder, text, position, lines, source)
                top[key] = [item for _, item in items[key]]
            else:
                top[key], position = decoder.raw_decode(text, position)
            position = _SPACE.match(text, position).end()
            if text.startswith(",", position):
                position += 1
            elif not text.startswith("}", position):
                raise _fail(source, lines.at(position), "expected `,` or `}` in the top-level object", "check the JSON")
        trailing = _SPACE.match(text, position + 1).end()
        if trailing < len(text):
            raise _fail(source, lines.at(trailing), "extra data after the JSON object", "a file holds one JSON object")
    except json.JSONDecodeError as error:
        raise _fail(
            source, error.lineno, f"JSON syntax: {error.msg} (column {error.colno})", "check the JSON"
        ) from None
    except RecursionError:
        raise _fail(source, 1, "JSON nesting is too deep", "a TimelineJS file needs only a few levels") from None
    except (IndexError, TypeError):
        raise _fail(
            source, lines.at(min(position, len(text))), "JSON syntax: unexpected end or key", "check the JSON"
        ) from None
    if isinstance(top.get("timeline"), dict) and not isinstance(top.get("events"), list):
        raise _fail(
            source, 1, "this is a TimelineJS 2 file (`timeline.date`), not TimelineJS 3",
            "rebuild it in TimelineJS 3's JSON format or its sheet template",
        )  # fmt: skip
    if not isinstance(top.get("events"), list):
        raise _fail(source, 1, 'not a TimelineJS timeline: it has no "events" list', _NOT_TIMELINE_HINT)
    return top, items


def _items(decoder, text: str, position: int, lines: _LineCounter, source: str) -> tuple[list[tuple[int, Any]], int]:
    found: list[tuple[int, Any]] = []
    position = _SPACE.match(text, position + 1).end()
    if text.startswith("]", position):
        return found, position + 1
    while True:
        position = _SPACE.match(text, position).end()
        item, end = decoder.raw_decode(text, position)
        found.append((lines.at(position), item))
        position = _SPACE.match(text, end).end()
        if text.startswith("]", position):
            return found, position + 1
        position = _expect(text, position, ",", source, lines)


def _expect(text: str, position: int, char: str, source: str, lines: _LineCounter) -> int:
    position = _SPACE.match(text, position).end()
    if not text.startswith(char, position):
        raise _fail(source, lines.at(position), f"JSON syntax: expected `{char}`", "check the JSON")
    return _SPACE.match(text, position + 1).end()


class _LineCounter:
    """Line numbers of offsets read in increasing order, in linear time overall."""

    def __init__(self, text: str):
        self.text = text
        self.offset = 0
        self.line = 1

    def at(self, offset: int) -> int:
        if offset < self.offset:
            return self.text.count("\n", 0, offset) + 1
        self.line += self.text.count("\n", self.offset, offset)
        self.offset = offset
        return self.line


def _adopt_explorer_records(extension: Any, collector: Collector) -> None:
    """Actors and topics written by explorer's own TimelineJS export, restored as they were."""
    if not isinstance(extension, dict):
        return
    for key, model in (("actors", Actor), ("topics", Topic)):
        for number, record in enumerate(extension.get(key) or []):
            with collector.row(1, f"explorer.{key}[{number}]"):
                try:
                    model.model_validate(record)
                except ValidationError as error:
                    raise RowError(f"not a valid {model.__name__.lower()}: {error.errors()[0]['msg']}") from None
                if key == "actors":
                    collector.actors.adopt(record)
                else:
                    collector.topics.append(record)
