"""The timeline's lanes: one per actor, top to bottom, and where each event stands in them.

An event with three actors stands in three lanes. Past MAX_LANES actors the rest share one
lane; events with no actor have a lane of their own. Beside each lane's name, a count of its
events before and after the shown period brings them into view on a click.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from ..graph import View, split_node
from ..model import Event
from .style import actor_color, plain, shorten
from .timeline_period import ONE_DAY, marker_date

NO_ACTOR = "__none__"
OTHER_ACTORS = "__other__"
MAX_LANES = 30
LANE_NAME_CHARS = 26
SHARED_LANE_NAMES = {NO_ACTOR: "(no actor)", OTHER_ACTORS: "Other actors"}


def lanes_for(view: View, max_lanes: int = MAX_LANES, keep: tuple[str, ...] = ()) -> list[str]:
    """Lane keys top to bottom: filtered actors first, then the actors in ``keep`` (those of
    the selected event, so a jump to a far era shows its lanes at the top), then by number
    of events; past ``max_lanes`` the rest share one lane."""
    present = set(view.actor_ids())
    ordered = [a for a in (*view.filters.actors, *keep) if a in present]
    ordered = list(dict.fromkeys(ordered))
    ordered += [a for a in view.actor_ids() if a not in set(ordered)]
    lanes = ordered[:max_lanes]
    if len(ordered) > max_lanes:
        lanes += [a for a in ordered[max_lanes:] if a in keep]
        if len(lanes) < len(ordered):
            lanes.append(OTHER_ACTORS)
    if any(not event.actors for event in view.events):
        lanes.append(NO_ACTOR)
    return lanes


@dataclass
class LanePlan:
    """Where each event stands: lanes top to bottom, and a small vertical offset for
    events that share a lane and a day, so none hides another."""

    keys: list[str]
    index: dict[str, int]
    offsets: dict[tuple[str, str], float] = field(default_factory=dict)

    def lanes_of(self, event: Event) -> list[str]:
        keys = [p.actor if p.actor in self.index else OTHER_ACTORS for p in event.actors] or [NO_ACTOR]
        return list(dict.fromkeys(keys))

    def y(self, event: Event, lane: str) -> float:
        return self.index[lane] + self.offsets.get((event.id, lane), 0.0)

    def points(self, events) -> list[tuple[Event, str, float]]:
        """``(event, lane, y)`` for each lane each of ``events`` stands in."""
        return [(event, lane, self.y(event, lane)) for event in events for lane in self.lanes_of(event)]


def lanes_to_keep(view: View, selected: str | None) -> tuple[str, ...]:
    """Actors that get a lane of their own whatever their rank: the selected actor, or the
    actors of the selected event."""
    kind, item_id = split_node(selected) if selected else ("", "")
    if kind == "event" and item_id in view.dataset.event_by_id:
        return tuple(view.dataset.event_by_id[item_id].actor_ids())
    return (item_id,) if kind == "actor" else ()


def plan_lanes(
    view: View, max_lanes: int = MAX_LANES, keep: tuple[str, ...] = (), drawn: tuple[Event, ...] | None = None
) -> LanePlan:
    """The :class:`LanePlan` of ``view``; ``keep`` as in :func:`lanes_for`; offsets are
    worked out for the ``drawn`` events (default: all of the view's)."""
    keys = lanes_for(view, max_lanes, keep)
    plan = LanePlan(keys=keys, index={key: i for i, key in enumerate(keys)})
    same_spot: dict[tuple[str, dt.date], list[Event]] = defaultdict(list)
    for event in view.events if drawn is None else drawn:
        for lane in plan.lanes_of(event):
            same_spot[(lane, marker_date(event))].append(event)
    for (lane, _), events in same_spot.items():
        if len(events) > 1:
            step = min(0.5, 0.6 / (len(events) - 1))
            for position, event in enumerate(events):
                plan.offsets[(event.id, lane)] = (position - (len(events) - 1) / 2) * step
    return plan


def lane_names(view: View, lanes: list[str], selected_actor: str) -> list[str]:
    """Each lane's name as the y axis shows it: coloured by the actor's kind, the selected
    actor's in bold with a ▶."""
    dataset = view.dataset
    names = []
    for lane in lanes:
        actor = dataset.actor_by_id.get(lane)
        label = plain(shorten(actor.name, LANE_NAME_CHARS) if actor else SHARED_LANE_NAMES.get(lane, lane))
        if actor is not None:
            label = f"<span style='color:{actor_color(actor.kind)}'>{label}</span>"
        if lane == selected_actor:
            label = f"<b>▶ {label}</b>"
        names.append(label)
    return names


def band_shape(y0: float, y1: float, color: str) -> dict:
    """A faint band across the plot behind lanes from ``y0`` to ``y1``."""
    return {
        "type": "rect",
        "xref": "paper",
        "x0": 0,
        "x1": 1,
        "yref": "y",
        "y0": y0,
        "y1": y1,
        "fillcolor": color,
        "line": {"width": 0},
        "layer": "below",
    }


def selected_lane_shape(index: int) -> dict:
    """The faint band behind the selected actor's lane."""
    return band_shape(index - 0.5, index + 0.5, "rgba(255, 214, 102, 0.28)")


@dataclass
class HiddenInLane:
    """How many of a lane's events lie before and after the shown period, and the period
    that shows them all."""

    lane: str
    before: int
    after: int
    period: tuple[dt.date, dt.date]

    def text(self) -> str:
        """``◀3 · 2▶``: three events earlier, two later."""
        parts = [f"◀{self.before}"] * bool(self.before) + [f"{self.after}▶"] * bool(self.after)
        return " · ".join(parts)


def hidden_in_lanes(view: View, plan: LanePlan, focus: tuple[dt.date, dt.date]) -> list[HiddenInLane]:
    """For each lane with events outside ``focus``: how many lie before and after it, and
    the period from the lane's first event to its last (with a small margin)."""
    start, end = focus
    found: dict[str, list] = {}
    for event in view.events:
        day = marker_date(event)
        if start <= day <= end:
            continue
        for lane in plan.lanes_of(event):
            before, after, first, last = found.get(lane, (0, 0, day, day))
            found[lane] = [before + (day < start), after + (day > end), min(first, day), max(last, day)]
    hidden = []
    for lane, (before, after, first, last) in found.items():
        first, last = min(first, start), max(last, end)
        margin = max(ONE_DAY, (last - first) * 0.02)
        hidden.append(HiddenInLane(lane, before, after, (first - margin, last + margin)))
    return hidden


def hidden_count_markers(hidden: list[HiddenInLane], plan: LanePlan) -> list[dict]:
    """Clickable counts just left of the plot, beside each lane's name; ``name`` is
    ``period:START/END``, the period that shows the lane's hidden events."""
    return [
        {
            "x": 0,
            "xref": "paper",
            "xanchor": "right",
            "xshift": -3,
            "y": plan.index[item.lane],
            "yref": "y",
            "text": item.text(),
            "showarrow": False,
            "bgcolor": "#eef2f7",
            "borderpad": 2,
            "font": {"size": 10, "color": "#3e4c59"},
            "captureevents": True,
            "name": f"period:{item.period[0].isoformat()}/{item.period[1].isoformat()}",
        }
        for item in hidden
    ]
