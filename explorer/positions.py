"""Stances over time: who held what position on each topic, and when it changed.

The rules, explicit because dates are fuzzy:

- Positions are ordered by their date's first day, then its last day, then file order. So
  ``2025-08`` (1–31 August) comes before ``2025-08-15``, and a year before its months.
- The stance **held at** a date D is that of the last position whose first day is on or
  before D. A position stays held until a later one replaces it, so a 2024 statement still
  counts in 2025.
- Two positions of one actor on one topic with the same date but different stances are a
  **tie**: the later in the file is taken as held, and the cell says it is tied.
- A cell **changed** within a range when the stances of the positions inside the range, led
  by the stance held just before the range, are not all the same.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from .model import Dataset, FuzzyDate, Position


@dataclass(frozen=True)
class Change:
    """A stance that replaced another, at the date of the position that stated it."""

    date: FuzzyDate
    before: str
    after: str


@dataclass(frozen=True)
class Cell:
    """One actor's stance on one topic at the end of a range."""

    actor: str
    topic: str
    stance: str | None
    held_since: FuzzyDate | None
    positions: tuple[Position, ...]
    changes: tuple[Change, ...] = ()
    is_tied: bool = False

    @property
    def has_changed(self) -> bool:
        return bool(self.changes)


@dataclass(frozen=True)
class StanceMatrix:
    actors: tuple[str, ...]
    topics: tuple[str, ...]
    cells: dict[tuple[str, str], Cell] = field(default_factory=dict)

    def cell(self, actor: str, topic: str) -> Cell | None:
        return self.cells.get((actor, topic))


def ordered(positions: Iterable[Position], file_order: dict[int, int] | None = None) -> list[Position]:
    """Positions in the order the rules above define."""
    positions = list(positions)
    order = file_order or {id(p): i for i, p in enumerate(positions)}
    return sorted(positions, key=lambda p: (p.date.first, p.date.last, order.get(id(p), 0)))


def cell_for(
    positions: Iterable[Position], actor: str, topic: str, start: FuzzyDate | None, end: FuzzyDate | None
) -> Cell:
    """The :class:`Cell` of ``actor`` × ``topic`` for the range ``start``..``end`` (open ends allowed),
    from ``positions`` given in file order."""
    mine = ordered(p for p in positions if p.actor == actor and p.topic == topic)
    end_day = end.last if end else dt.date.max
    start_day = start.first if start else dt.date.min
    known = [p for p in mine if p.date.first <= end_day]
    if not known:
        return Cell(actor, topic, None, None, ())
    held = known[-1]
    same_date = [p for p in known if (p.date.first, p.date.last) == (held.date.first, held.date.last)]
    is_tied = len({p.stance for p in same_date}) > 1
    before = [p for p in known if p.date.first < start_day]
    inside = [p for p in known if p.date.first >= start_day]
    changes = []
    previous = before[-1].stance if before else None
    # Positions of one date are one step (a tie is not a change over time): the last one
    # of the date stands for it, as in `held`.
    steps: dict[tuple[dt.date, dt.date], Position] = {}
    for position in inside:
        steps[(position.date.first, position.date.last)] = position
    for position in steps.values():
        if previous is not None and position.stance != previous:
            changes.append(Change(position.date, previous, position.stance))
        previous = position.stance
    return Cell(
        actor=actor,
        topic=topic,
        stance=held.stance,
        held_since=held.date,
        positions=tuple(known),
        changes=tuple(changes),
        is_tied=is_tied,
    )


def stance_matrix(
    dataset: Dataset,
    actors: Iterable[str] = (),
    topics: Iterable[str] = (),
    start: FuzzyDate | None = None,
    end: FuzzyDate | None = None,
    max_actors: int | None = 40,
) -> StanceMatrix:
    """Actors × topics with the stance each held at ``end``. Without ``actors``, the actors
    with the most positions (at most ``max_actors``; None for all); without ``topics``,
    every topic with a position."""
    counts: dict[str, int] = defaultdict(int)
    for position in dataset.positions:
        counts[position.actor] += 1
    rows = tuple(actors) or tuple(sorted(counts, key=lambda a: (-counts[a], a))[:max_actors])
    topic_order = [t.id for t in dataset.topics]
    used = {p.topic for p in dataset.positions}
    columns = tuple(topics) or tuple(t for t in topic_order if t in used)
    by_pair: dict[tuple[str, str], list[Position]] = defaultdict(list)
    for position in dataset.positions:
        by_pair[(position.actor, position.topic)].append(position)
    cells = {
        (actor, topic): cell_for(by_pair.get((actor, topic), ()), actor, topic, start, end)
        for actor in rows
        for topic in columns
    }
    return StanceMatrix(rows, columns, cells)


def stance_changes(dataset: Dataset) -> dict[str, list[tuple[str, Change]]]:
    """For each topic, the (actor, change) pairs over the whole dataset, in time order."""
    matrix = stance_matrix(dataset, max_actors=None)
    found: dict[str, list[tuple[str, Change]]] = defaultdict(list)
    for (actor, topic), cell in matrix.cells.items():
        for change in cell.changes:
            found[topic].append((actor, change))
    return {topic: sorted(items, key=lambda item: item[1].date) for topic, items in found.items()}
