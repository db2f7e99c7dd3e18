"""Synthetic events: dated (mostly recent, mostly to the day), taken part in by a few actors
chosen with skewed weights, titled and summarised from phrases, sourced, and linked to
earlier events (follows, responds to, compares to, part of)."""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any

from .parameters import FIRST_YEAR, LAST_YEAR, ZIPF, Progress
from .vocabulary import (
    EVENT_KINDS,
    PHRASES,
    PUBLISHERS,
    QUOTES,
    RANGE_KINDS,
    ROLES,
    SOLO_KINDS,
    SUMMARIES,
    TAGS,
    TOPICS,
    day_text,
    slug,
)

#: (sort key, text, precision) of a date: the key is (year, month or 0, day or 0).
DateDraw = tuple[tuple[int, int, int], str, str]


@dataclass
class _Made:
    """What the events made so far tell the next one: for links and positions."""

    events: list[dict] = field(default_factory=list)
    by_actor: dict[str, list[int]] = field(default_factory=dict)
    last_of_actor: dict[str, int] = field(default_factory=dict)
    ranged: list[int] = field(default_factory=list)  # events with a range, for part_of


class EventMaker:
    """Makes the events of one document from its random generator, its actors (in rank
    order) and its places."""

    def __init__(self, rng: random.Random, actors: list[dict], places: list[str], progress: Progress | None):
        self.rng = rng
        self.places = places
        self.progress = progress
        self.ids = [actor["id"] for actor in actors]
        self.names = {actor["id"]: actor["name"] for actor in actors}
        self.cumulative = _cumulative_weights(len(self.ids))
        self.topic_ids = [topic[0] for topic in TOPICS]
        self.topic_names = {topic[0]: topic[1].lower() for topic in TOPICS}

    def events(self, total: int) -> tuple[list[dict], dict[str, list[int]]]:
        """``total`` events in time order, and each actor's event indexes."""
        kinds, kind_weights = zip(*EVENT_KINDS, strict=True)
        dates = sorted((self.date() for _ in range(total)), key=lambda d: d[0])
        event_kinds = self.rng.choices(kinds, weights=kind_weights, k=total)
        years = [key[0] for key, _, _ in dates]
        made = _Made()
        step = max(1, total // 10)
        for index, (drawn, kind) in enumerate(zip(dates, event_kinds, strict=True)):
            chosen = self.participants(kind)
            event = self.event(index, drawn, kind, chosen, made)
            event["sources"] = self.sources(event["id"], event["date"], self.rng.choices((1, 2, 3), (60, 30, 10))[0])
            links = self.links(index, chosen, years, made)
            if links:
                event["links"] = links
            made.events.append(event)
            for actor_id in chosen:
                made.by_actor.setdefault(actor_id, []).append(index)
                made.last_of_actor[actor_id] = index
            if self.progress and ((index + 1) % step == 0 or index + 1 == total):
                self.progress(index + 1, total)
        return made.events, made.by_actor

    def participants(self, kind: str) -> list[str]:
        """One to four distinct actors, drawn by rank weight (one for most solo kinds)."""
        rng = self.rng
        size = 1 if kind in SOLO_KINDS and rng.random() < 0.8 else rng.choices((1, 2, 3, 4), (25, 45, 20, 10))[0]
        size = min(size, len(self.ids))
        running = self.cumulative[-1]
        chosen: list[str] = []
        for _ in range(size * 4):
            actor_id = self.ids[bisect.bisect_left(self.cumulative, rng.random() * running)]
            if actor_id not in chosen:
                chosen.append(actor_id)
                if len(chosen) == size:
                    break
        return chosen

    def event(self, index: int, drawn: DateDraw, kind: str, chosen: list[str], made: _Made) -> dict:
        """The record of event ``index``, without its sources and links."""
        rng = self.rng
        (key, text, precision) = drawn
        topics = rng.sample(self.topic_ids, rng.choices((0, 1, 2), (30, 55, 15))[0])
        place = rng.choice(self.places)
        words = {
            "a": self.names[chosen[0]],
            "b": self.names[chosen[1]] if len(chosen) > 1 else "its partners",
            "t": self.topic_names[topics[0]] if topics else "the war",
            "p": place,
        }
        event: dict[str, Any] = {"id": f"{kind}-{key[0]}-{index + 1}", "title": PHRASES[kind].format(**words)}
        event["date"] = text
        end = self.end(key, precision, kind)
        if end is not None:
            event["end"] = end
            made.ranged.append(index)
        event["kind"] = kind
        if rng.random() < 0.7:
            event["location"] = f"{place}" if rng.random() < 0.5 else f"{rng.choice(self.places)}, {place}"
        event["actors"] = self.roles(kind, chosen)
        self.describe(event, chosen, words)
        if topics:
            event["topics"] = topics
        return event

    def roles(self, kind: str, chosen: list[str]) -> list[Any]:
        """The event's ``actors``: ids, some as ``{actor, role}`` with a role fitting ``kind``."""
        roles = ROLES.get(kind)
        participants: list[Any] = []
        for position, actor_id in enumerate(chosen):
            if roles and self.rng.random() < 0.35:
                participants.append({"actor": actor_id, "role": roles[min(position, len(roles) - 1)]})
            else:
                participants.append(actor_id)
        return participants

    def describe(self, event: dict, chosen: list[str], words: dict[str, str]) -> None:
        """Add a summary, a quote and tags to some events, in place."""
        rng = self.rng
        if rng.random() < 0.6:
            event["summary"] = rng.choice(SUMMARIES).format(**words)
        if rng.random() < 0.15:
            event["quotes"] = [{"text": rng.choice(QUOTES), "speaker": rng.choice(chosen)}]
        if rng.random() < 0.3:
            event["tags"] = rng.sample(TAGS, rng.randint(1, 3))

    def date(self) -> DateDraw:
        """(sort key, text, precision): mostly recent, mostly to the day."""
        rng = self.rng
        if rng.random() < 0.85:
            year = LAST_YEAR - min(LAST_YEAR - FIRST_YEAR, int(rng.expovariate(1 / 4.0)))
        else:
            year = rng.randint(FIRST_YEAR, LAST_YEAR)
        month = rng.randint(1, 12)
        day = rng.randint(1, calendar.monthrange(year, month)[1])
        roll = rng.random()
        if roll < 0.75:
            return (year, month, day), day_text(year, month, day), "day"
        if roll < 0.95:
            return (year, month, 0), f"{year:04d}-{month:02d}", "month"
        return (year, 0, 0), f"{year:04d}", "year"

    def end(self, key: tuple[int, int, int], precision: str, kind: str) -> str | None:
        """An ``end`` for some multi-day kinds, at the precision of the start and never past
        the end of :data:`LAST_YEAR` (None when the event has no range)."""
        rng = self.rng
        if rng.random() >= RANGE_KINDS.get(kind, 0.0):
            return None
        year, month, day = key
        if precision == "day":
            last = dt.date(year, month, day) + dt.timedelta(days=rng.randint(1, 40 if kind == "military" else 5))
            last = min(last, dt.date(LAST_YEAR, 12, 31))
            return last.isoformat() if last > dt.date(year, month, day) else None
        if precision == "month":
            months = min(year * 12 + month - 1 + rng.randint(1, 6 if kind == "military" else 2), LAST_YEAR * 12 + 11)
            return f"{months // 12:04d}-{months % 12 + 1:02d}" if months > year * 12 + month - 1 else None
        last_year = min(year + rng.randint(1, 2), LAST_YEAR)
        return f"{last_year:04d}" if last_year > year else None

    def sources(self, event_id: str, date: str, count: int) -> list[dict]:
        """``count`` placeholder sources, each at a synthetic example.org address."""
        sources = []
        for number in range(1, count + 1):
            publisher = self.rng.choice(PUBLISHERS)
            sources.append(
                {
                    "title": f"[Synthetic report {number} on {event_id}]",
                    "publisher": publisher,
                    "url": f"https://example.org/synthetic/{slug(publisher)}/{event_id}/{number}",
                    "date": date,
                }
            )
        return sources

    def links(self, index: int, chosen: list[str], years: list[int], made: _Made) -> list[dict]:
        """Links from event ``index`` to earlier events (never to itself or twice)."""
        rng = self.rng
        links: list[dict] = []
        targets: set[tuple[int, str]] = set()

        def add(target: int, kind: str, note: str | None = None) -> None:
            if 0 <= target < index and (target, kind) not in targets:
                targets.add((target, kind))
                link = {"to": made.events[target]["id"], "kind": kind}
                if note:
                    link["note"] = note
                links.append(link)

        previous = made.last_of_actor.get(chosen[0])
        if previous is not None and rng.random() < 0.35:
            add(previous, "follows")
        if index > 0 and rng.random() < 0.12:
            add(rng.randint(max(0, index - 50), index - 1), "responds_to")
        if rng.random() < 0.03:
            # An analogy with an event at least fifteen years older.
            older = bisect.bisect_right(years, years[index] - 15)
            if older > 0:
                add(rng.randrange(older), "compares_to", "compared to a much older event")
        if made.ranged and rng.random() < 0.05:
            recent = made.ranged[-1]
            if index - recent < 200:
                add(recent, "part_of")
        if index > 0 and rng.random() < 0.02:
            add(rng.randrange(index), rng.choice(("contradicts", "causes", "related_to")))
        return links


def _cumulative_weights(count: int) -> list[float]:
    """Running sums of 1 / rank**ZIPF for ranks 1..count: the actor of rank r is drawn with
    weight 1 / r**ZIPF."""
    cumulative = []
    running = 0.0
    for rank in range(1, count + 1):
        running += 1.0 / rank**ZIPF
        cumulative.append(running)
    return cumulative
