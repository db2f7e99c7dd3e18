"""Dataset → networkx.MultiDiGraph, and ``query`` → View, the filtered slice every view shows.

Node ids are prefixed by kind (``actor:vladimir-putin``, ``event:alaska-summit-2025``,
``topic:ceasefire``) so kinds never collide. Each node carries ``type``, a display ``label``
and every field of its record; each edge carries ``type`` and ``kind``:

===============  ===================  ====================================================
edge type        direction            attributes
===============  ===================  ====================================================
participated     actor → event        role
link             event → event        kind (compares_to, follows, ...), note
position         actor → topic        stance, date, event, quote, note, sources, index
concerns         event → topic        —
affiliated       actor → actor        —
===============  ===================  ====================================================
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import networkx as nx

from .gc_pause import gc_paused
from .model import Actor, Dataset, DateRange, Event, FuzzyDate, Position, Topic


def actor_node(actor_id: str) -> str:
    return f"actor:{actor_id}"


def event_node(event_id: str) -> str:
    return f"event:{event_id}"


def topic_node(topic_id: str) -> str:
    return f"topic:{topic_id}"


def split_node(node: str) -> tuple[str, str]:
    """``"event:alaska-summit-2025"`` → ``("event", "alaska-summit-2025")``."""
    kind, _, item_id = node.partition(":")
    return kind, item_id


def build_graph(dataset: Dataset) -> nx.MultiDiGraph:
    """The graph of a dataset: actors, events and topics as nodes, their relations as edges.

    The dataset itself is kept as ``graph.graph["dataset"]``.

    >>> graph = build_graph(load("data/events.yaml"))  # doctest: +SKIP
    >>> graph.nodes["event:alaska-summit-2025"]["kind"]  # doctest: +SKIP
    'meeting'
    """
    graph = nx.MultiDiGraph(name=dataset.name, dataset=dataset)
    graph.add_nodes_from((actor_node(a.id), _node_attributes("actor", a.name, a)) for a in dataset.actors)
    graph.add_nodes_from((topic_node(t.id), _node_attributes("topic", t.name, t)) for t in dataset.topics)
    graph.add_nodes_from((event_node(e.id), _node_attributes("event", e.title, e)) for e in dataset.events)
    edges: list[tuple[str, str, str, dict[str, Any]]] = []
    for actor in dataset.actors:
        for other in actor.affiliations:
            attributes = {"type": "affiliated", "kind": "affiliated"}
            edges.append((actor_node(actor.id), actor_node(other), "affiliated", attributes))
    for event in dataset.events:
        node = event_node(event.id)
        for participant in event.actors:
            edges.append(
                (
                    actor_node(participant.actor),
                    node,
                    "participated",
                    {"type": "participated", "kind": "participated", "role": participant.role},
                )
            )
        for link in event.links:
            edges.append((node, event_node(link.to), link.kind, {"type": "link", "kind": link.kind, "note": link.note}))
        for topic in event.topics:
            edges.append((node, topic_node(topic), "concerns", {"type": "concerns", "kind": "concerns"}))
    for index, position in enumerate(dataset.positions):
        # An actor can state several positions on one topic, even on one day: one edge each.
        attributes = dict(_fields(position), type="position", kind="position", index=index)
        edges.append((actor_node(position.actor), topic_node(position.topic), f"position:{index}", attributes))
    graph.add_edges_from(edges)
    return graph


def _fields(record: Actor | Event | Topic | Position) -> dict[str, Any]:
    """The record's YAML fields (not values cached on it, such as an event's first day)."""
    values = vars(record)
    return {name: values[name] for name in type(record).model_fields}


def _node_attributes(node_type: str, label: str, record: Actor | Event | Topic) -> dict[str, Any]:
    return {**_fields(record), "type": node_type, "label": label}


@dataclass(frozen=True)
class Filters:
    """What a user asked to see; every field empty means everything."""

    actors: tuple[str, ...] = ()
    start: FuzzyDate | None = None
    end: FuzzyDate | None = None
    kinds: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    text: str = ""

    @property
    def is_empty(self) -> bool:
        return not (self.actors or self.start or self.end or self.kinds or self.topics or self.text.strip())

    def describe(self, names: dict[str, str] | None = None) -> str:
        """One line for captions: ``actors: Kirill Dmitriev · 2025-08-15 to … · kinds: meeting``;
        ``names`` maps actor and topic ids to display names."""
        names = names or {}
        parts = []
        if self.actors:
            parts.append("actors: " + ", ".join(names.get(a, a) for a in self.actors))
        if self.start or self.end:
            parts.append(f"{self.start or '…'} to {self.end or '…'}")
        if self.kinds:
            parts.append("kinds: " + ", ".join(self.kinds))
        if self.topics:
            parts.append("topics: " + ", ".join(names.get(t, t) for t in self.topics))
        if self.text.strip():
            parts.append(f"text: “{self.text.strip()}”")
        return " · ".join(parts) if parts else "all events"


@dataclass(frozen=True)
class View:
    """A filtered slice of the graph: the matching events in time order, the positions
    that match, and (built on first use) the subgraph of those events with their actors
    and topics."""

    source: nx.MultiDiGraph
    events: tuple[Event, ...]
    filters: Filters
    positions: tuple[Position, ...] = field(default=())

    @property
    def dataset(self) -> Dataset:
        return self.source.graph["dataset"]

    @property
    def full_graph(self) -> nx.MultiDiGraph:
        """The whole graph the view was cut from."""
        return self.source

    @property
    def is_empty(self) -> bool:
        return not self.events

    @cached_property
    def graph(self) -> nx.MultiDiGraph:
        """The subgraph of the view: its events, their actors and topics, and the actors and
        topics of its positions (when only actor, topic and date filters are set)."""
        if self.filters.is_empty:
            return self.source.subgraph(self.source.nodes)
        nodes = set()
        for event in self.events:
            nodes.add(event_node(event.id))
            nodes.update(actor_node(p.actor) for p in event.actors)
            nodes.update(topic_node(t) for t in event.topics)
        if not self.filters.text.strip() and not self.filters.kinds:
            for position in self.positions:
                nodes.add(actor_node(position.actor))
                nodes.add(topic_node(position.topic))
        return self.source.subgraph(nodes)

    @cached_property
    def _actor_ranking(self) -> list[str]:
        if self.filters.is_empty:
            return _index(self.source).actor_ranking
        counts = Counter(p.actor for event in self.events for p in event.actors)
        return [actor_id for actor_id, _ in counts.most_common()]

    def actor_ids(self) -> list[str]:
        """Actors taking part in the view's events, most events first."""
        return self._actor_ranking


def filter_problems(
    dataset: Dataset, actors: Iterable[str] = (), kinds: Iterable[str] = (), topics: Iterable[str] = ()
) -> list[str]:
    """What is wrong with filter values for ``dataset``: unknown ids and kinds, each with the
    nearest known one suggested. Empty when all are known."""
    from .errors import did_you_mean
    from .load import suggest_id

    problems = []
    for value in actors:
        if value not in dataset.actor_by_id:
            guess = suggest_id(value, dataset.actor_by_id)
            problems.append(f"unknown actor `{value}`" + (f" — did you mean `{guess}`?" if guess else ""))
    known_kinds = {event.kind for event in dataset.events}
    for value in kinds:
        if value not in known_kinds:
            guess = did_you_mean(value, known_kinds)
            hint = (
                f" — did you mean `{guess}`?" if guess else f" — kinds in this data: {', '.join(sorted(known_kinds))}"
            )
            problems.append(f"unknown event kind `{value}`{hint}")
    for value in topics:
        if value not in dataset.topic_by_id:
            guess = suggest_id(value, dataset.topic_by_id)
            problems.append(f"unknown topic `{value}`" + (f" — did you mean `{guess}`?" if guess else ""))
    return problems


def query(
    graph: nx.MultiDiGraph,
    actors: Iterable[str] = (),
    start: FuzzyDate | str | None = None,
    end: FuzzyDate | str | None = None,
    kinds: Iterable[str] = (),
    topics: Iterable[str] = (),
    text: str = "",
) -> View:
    """The events matching every given filter, as a :class:`View`.

    - ``actors``: events in which any of these actor ids took part;
    - ``start``/``end``: events whose (fuzzy) span overlaps the range, see :class:`DateRange`;
    - ``kinds``: event kinds; ``topics``: events that concern a topic, or at which an actor
      stated a position on it;
    - ``text``: case-insensitive words that must all occur in the title, summary, location,
      tags or quotes.

    Unknown actor or topic ids simply match nothing; use ``Filters`` to validate first.
    """
    filters = Filters(
        actors=tuple(actors),
        start=FuzzyDate.parse(start) if start is not None else None,
        end=FuzzyDate.parse(end) if end is not None else None,
        kinds=tuple(kinds),
        topics=tuple(topics),
        text=text or "",
    )
    return query_filters(graph, filters)


def query_filters(graph: nx.MultiDiGraph, filters: Filters) -> View:
    """``query`` taking a :class:`Filters`."""
    index = _index(graph)
    dataset: Dataset = graph.graph["dataset"]
    if filters.actors:
        if len(filters.actors) == 1:
            candidates = index.events_by_actor.get(filters.actors[0], [])
        else:
            wanted = {e.id: e for actor_id in filters.actors for e in index.events_by_actor.get(actor_id, [])}
            candidates = sorted(wanted.values(), key=lambda e: index.position[e.id])
    elif filters.is_empty:
        return View(source=graph, events=index.all_events, filters=filters, positions=dataset.positions)
    else:
        candidates = index.events_between(filters.start, filters.end)
    dates = DateRange(filters.start, filters.end)
    kinds = set(filters.kinds)
    topics = set(filters.topics)
    words = filters.text.casefold().split()
    events = tuple(
        event
        for event in candidates
        if (not kinds or event.kind in kinds)
        and dates.contains_span(event.first, event.last)
        and (not topics or topics & index.topics_by_event.get(event.id, set()))
        and (not words or all(word in index.text_of(event) for word in words))
    )
    positions = tuple(
        position
        for position in dataset.positions
        if (not filters.actors or position.actor in filters.actors)
        and (not topics or position.topic in topics)
        and (filters.end is None or position.date.first <= filters.end.last)
    )
    return View(source=graph, events=events, filters=filters, positions=positions)


@dataclass
class _Index:
    """Lookups computed once per graph so each query is a scan, not a search."""

    events_in_order: list[Event]
    events_by_actor: dict[str, list[Event]]
    topics_by_event: dict[str, set[str]]
    position: dict[str, int]
    firsts: list[dt.date]
    longest_span: dt.timedelta
    texts: dict[str, str] = field(default_factory=dict)

    @cached_property
    def all_events(self) -> tuple[Event, ...]:
        return tuple(self.events_in_order)

    @cached_property
    def actor_ranking(self) -> list[str]:
        """Every participating actor, most events first."""
        counts = Counter(p.actor for event in self.events_in_order for p in event.actors)
        return [actor_id for actor_id, _ in counts.most_common()]

    def events_between(self, start: FuzzyDate | None, end: FuzzyDate | None) -> list[Event]:
        """The events that can overlap ``start``..``end``: a slice of the time-ordered list,
        by bisection on first days (widened by the longest event, which may start earlier)."""
        low = 0 if start is None else bisect.bisect_left(self.firsts, start.first - self.longest_span)
        high = len(self.firsts) if end is None else bisect.bisect_right(self.firsts, end.last)
        return self.events_in_order[low:high]

    def text_of(self, event: Event) -> str:
        text = self.texts.get(event.id)
        if text is None:
            parts = [event.title, event.summary or "", event.location or "", " ".join(event.tags)]
            parts += [quote.text for quote in event.quotes]
            text = self.texts[event.id] = "\n".join(parts).casefold()
        return text


def _index(graph: nx.MultiDiGraph) -> _Index:
    index = graph.graph.get("_index")
    if index is not None:
        return index
    with gc_paused():  # hundreds of thousands of entries at 100,000 events
        return _built_index(graph)


def _built_index(graph: nx.MultiDiGraph) -> _Index:
    """The time-ordered events and lookups ``query_filters`` uses, kept on ``graph``."""
    dataset: Dataset = graph.graph["dataset"]
    ordered = sorted(dataset.events, key=lambda e: (e.first, e.last, e.id))
    events_by_actor: dict[str, list[Event]] = {}
    topics_by_event: dict[str, set[str]] = {}
    for event in ordered:
        for actor_id in dict.fromkeys(event.actor_ids()):
            events_by_actor.setdefault(actor_id, []).append(event)
        topics_by_event[event.id] = set(event.topics)
    for position in dataset.positions:
        if position.event:
            topics_by_event.setdefault(position.event, set()).add(position.topic)
    index = graph.graph["_index"] = _Index(
        events_in_order=ordered,
        events_by_actor=events_by_actor,
        topics_by_event=topics_by_event,
        position={event.id: number for number, event in enumerate(ordered)},
        firsts=[event.first for event in ordered],
        longest_span=max((event.last - event.first for event in ordered), default=dt.timedelta(0)),
    )
    return index


def ego_nodes(graph: nx.MultiDiGraph, center: str, hops: int) -> set[str]:
    """``center`` and the nodes within ``hops`` edges of it, ignoring edge direction."""
    if center not in graph:
        return set()
    return set(nx.ego_graph(graph.to_undirected(as_view=True), center, radius=hops))


def related_events(dataset: Dataset, event_id: str) -> list[tuple[str, str, Event]]:
    """Events linked to or from ``event_id``: ``("out", kind, target)`` for its own links,
    ``("in", kind, source)`` for links pointing at it; in time order.

    >>> related_events(dataset, "dmitriev-yalta-comparison")  # doctest: +SKIP
    [('out', 'compares_to', Event(id='yalta-conference-1945', ...))]
    """
    event = dataset.event_by_id.get(event_id)
    if event is None:
        return []
    related = [("out", link.kind, dataset.event_by_id[link.to]) for link in event.links]
    related += [("in", link.kind, source) for source, link in dataset.links_into.get(event_id, [])]
    return sorted(related, key=lambda item: (item[2].first, item[2].last, item[2].id))


def events_of_actor(graph: nx.MultiDiGraph, actor_id: str) -> list[Event]:
    """The events ``actor_id`` took part in, in time order."""
    return list(_index(graph).events_by_actor.get(actor_id, []))


def positions_of(
    dataset: Dataset, actor: str | None = None, topic: str | None = None, event: str | None = None
) -> list[Position]:
    """Positions matching every given id, in time order."""
    found = [
        p
        for p in dataset.positions
        if (actor is None or p.actor == actor)
        and (topic is None or p.topic == topic)
        and (event is None or p.event == event)
    ]
    return sorted(found, key=lambda p: (p.date.first, p.date.last))


@dataclass(frozen=True)
class Stats:
    """Summary figures of a dataset, as ``explorer stats`` prints them."""

    counts: dict[str, int]
    events_by_kind: dict[str, int]
    actors_by_kind: dict[str, int]
    links_by_kind: dict[str, int]
    first: dt.date | None
    last: dt.date | None
    most_connected: list[tuple[str, str, int]]


def stats(graph: nx.MultiDiGraph, top: int = 10) -> Stats:
    """Counts by kind, date span and the ``top`` actors by number of events."""
    dataset: Dataset = graph.graph["dataset"]
    participation = Counter(p.actor for event in dataset.events for p in event.actors)
    names = {actor.id: actor.name for actor in dataset.actors}
    return Stats(
        counts={
            "actors": len(dataset.actors),
            "events": len(dataset.events),
            "topics": len(dataset.topics),
            "positions": len(dataset.positions),
            "nodes": graph.number_of_nodes(),
            "edges": graph.number_of_edges(),
        },
        events_by_kind=dict(Counter(e.kind for e in dataset.events).most_common()),
        actors_by_kind=dict(Counter(a.kind for a in dataset.actors).most_common()),
        links_by_kind=dict(Counter(link.kind for e in dataset.events for link in e.links).most_common()),
        first=min((e.first for e in dataset.events), default=None),
        last=max((e.last for e in dataset.events), default=None),
        most_connected=[(actor_id, names[actor_id], n) for actor_id, n in participation.most_common(top)],
    )
