"""Ids and references: every id unique, every reference to a defined actor, topic or event.

Checked on the raw values, not the validated records, so that an item with a schema error
still has its references checked: every error of the file in one run. An unknown id
suggests the nearest known one.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from .errors import did_you_mean
from .model import FuzzyDate
from .problem_report import ITEM_KIND, ProblemReport

Loc = tuple[Any, ...]


def check_references(raw: dict, report: ProblemReport) -> None:
    """Report duplicate ids, unknown references, self-links and dates out of order in ``raw``."""
    _References(raw, report).check()


def suggest_id(word: str, known: Iterable[str]) -> str | None:
    """The known id nearest to ``word``: a close spelling, or one ``word`` is a part of.

    >>> suggest_id("putin", ["vladimir-putin", "donald-trump"])
    'vladimir-putin'
    """
    ids = list(known)
    guess = did_you_mean(word, ids)
    if guess:
        return guess
    parts = [known_id for known_id in ids if word in known_id.split("-") or (len(word) > 3 and word in known_id)]
    return min(parts, key=len) if parts else None


class _References:
    def __init__(self, raw: dict, report: ProblemReport):
        self.raw = raw
        self.report = report
        self.actors = self.unique_ids("actors")
        self.topics = self.unique_ids("topics")
        self.events = self.unique_ids("events")

    def check(self) -> None:
        for base, actor in _raw_items(self.raw, "actors"):
            self.check_actor(base, actor)
        for base, event in _raw_items(self.raw, "events"):
            self.check_event(base, event)
        for base, position in _raw_items(self.raw, "positions"):
            self.check_ref(base + ("actor",), position.get("actor"), self.actors, "actor")
            self.check_ref(base + ("topic",), position.get("topic"), self.topics, "topic")
            self.check_ref(base + ("event",), position.get("event"), self.events, "event")

    def unique_ids(self, key: str) -> set[str]:
        """The ids of list ``key``, reporting each one defined a second time."""
        first_index: dict[str, int] = {}
        for (_, index), item in _raw_items(self.raw, key):
            item_id = item.get("id")
            if not isinstance(item_id, str):
                continue
            if item_id in first_index:
                first = self.report.where((key, first_index[item_id], "id"))
                self.report(
                    (key, index, "id"),
                    f"duplicate {ITEM_KIND[key]} id `{item_id}`",
                    f"first defined {first}; ids must be unique",
                )
            else:
                first_index[item_id] = index
        return set(first_index)

    def check_ref(self, loc: Loc, target: Any, known: set[str], kind: str) -> None:
        """Report ``target`` when it is an id not among ``known`` (non-text is a type error elsewhere)."""
        if not isinstance(target, str) or target in known:
            return
        guess = suggest_id(target, known)
        hint = f"did you mean `{guess}`?" if guess else f"define the {kind} under `{kind}s:` first"
        self.report(loc, f"unknown {kind} `{target}`", hint)

    def check_actor(self, base: Loc, actor: dict) -> None:
        for loc, other in _raw_strings(actor, base, "affiliations"):
            self.check_ref(loc, other, self.actors, "actor")
            if other == actor.get("id"):
                self.report(loc, "an actor cannot be affiliated with itself")
        for role_loc, role in _raw_mappings(actor, base, "roles"):
            self.check_ref(role_loc + ("organization",), role.get("organization"), self.actors, "actor")
            self.check_order(
                role_loc + ("to",),
                (role.get("from"), role.get("to")),
                "role ends ({end}) before it starts ({start})",
                "swap `from` and `to`, or fix the dates",
            )

    def check_order(self, loc: Loc, dates: tuple[Any, Any], message: str, hint: str) -> None:
        """Report ``message`` (formatted with ``start`` and ``end``) when the second of
        ``dates`` ends before the first starts; dates that do not parse are reported elsewhere."""
        start, end = _raw_date(dates[0]), _raw_date(dates[1])
        if start and end and end.last < start.first:
            self.report(loc, message.format(start=start, end=end), hint)

    def check_event(self, base: Loc, event: dict) -> None:
        self.check_order(
            base + ("end",),
            (event.get("date"), event.get("end")),
            "`end` ({end}) is before `date` ({start})",
            "an event cannot end before it starts; fix or swap the dates",
        )
        self.check_participants(base, event)
        for quote_loc, quote in _raw_mappings(event, base, "quotes"):
            self.check_ref(quote_loc + ("speaker",), quote.get("speaker"), self.actors, "actor")
        for loc, topic in _raw_strings(event, base, "topics"):
            self.check_ref(loc, topic, self.topics, "topic")
        self.check_links(base, event)

    def check_participants(self, base: Loc, event: dict) -> None:
        seen: set[str] = set()
        participants = event.get("actors")
        for number, participant in enumerate(participants if isinstance(participants, list) else []):
            loc = base + ("actors", number)
            actor_id = participant.get("actor") if isinstance(participant, dict) else participant
            if isinstance(participant, dict):
                loc += ("actor",)
            self.check_ref(loc, actor_id, self.actors, "actor")
            if isinstance(actor_id, str) and actor_id in seen:
                self.report(loc, f"actor `{actor_id}` is listed twice", "list each actor once")
            seen.add(actor_id)

    def check_links(self, base: Loc, event: dict) -> None:
        linked: set[tuple[Any, Any]] = set()
        for link_loc, link in _raw_mappings(event, base, "links"):
            target, kind = link.get("to"), link.get("kind")
            self.check_ref(link_loc + ("to",), target, self.events, "event")
            if (target, kind) in linked:
                self.report(link_loc, f"duplicate link `{kind}` to `{target}`", "keep one")
            linked.add((target, kind))
            if target is not None and target == event.get("id"):
                self.report(link_loc + ("to",), "an event cannot link to itself")


def _raw_items(raw: dict, key: str) -> Iterator[tuple[Loc, dict]]:
    values = raw.get(key)
    for index, item in enumerate(values if isinstance(values, list) else []):
        if isinstance(item, dict):
            yield (key, index), item


def _raw_mappings(item: dict, base: Loc, key: str) -> Iterator[tuple[Loc, dict]]:
    return _raw_entries(item, base, key, dict)


def _raw_strings(item: dict, base: Loc, key: str) -> Iterator[tuple[Loc, str]]:
    return _raw_entries(item, base, key, str)


def _raw_entries(item: dict, base: Loc, key: str, kind: type) -> Iterator[tuple[Loc, Any]]:
    """The entries of list ``key`` of ``item`` that are of type ``kind``, with their path."""
    values = item.get(key)
    for index, value in enumerate(values if isinstance(values, list) else []):
        if isinstance(value, kind):
            yield base + (key, index), value


def _raw_date(value: Any) -> FuzzyDate | None:
    try:
        return FuzzyDate.parse(value) if value is not None else None
    except ValueError:
        return None
