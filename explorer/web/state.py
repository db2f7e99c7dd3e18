"""What the page shows, as it lives in the URL: ``?actor=…&from=…&to=…&kind=…&topic=…&q=…``.

Pure functions, no Dash: the URL is parsed into a :class:`PageState` (unknown ids and bad
dates are dropped with a warning the page shows), and a state is written back as a query
string. The URL is the one source of truth: controls write it, the page renders from it,
and the browser's back button restores the previous one.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from urllib.parse import parse_qs, urlencode

from ..analysis import DEFAULT_MEASURE, MEASURES
from ..figures.network import COLOR_BY, MODES, NetworkOptions
from ..graph import Filters, split_node
from ..model import Dataset, DateFormatError, FuzzyDate

VIEWS = ("timeline", "network", "positions")
NODE_LIMITS = (400, 1500, 5000)
DEFAULT_NODE_LIMIT = NODE_LIMITS[0]
MAX_HOPS = 3


@dataclass(frozen=True)
class PageState:
    actors: tuple[str, ...] = ()
    start: str | None = None
    end: str | None = None
    kinds: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    text: str = ""
    view: str = "timeline"
    selected: str | None = None
    hops: int = 0
    hide: bool = False
    limit: int | None = DEFAULT_NODE_LIMIT  # network nodes shown; None: all
    measure: str = DEFAULT_MEASURE  # network node size
    color: str = "kind"  # network node colour: kind or community
    mode: str = "events"  # network of actors and events, or of actors only
    path_to: str | None = None  # network: a shortest path from the selection to this node

    def filters(self) -> Filters:
        return Filters(
            actors=self.actors,
            start=FuzzyDate.parse(self.start) if self.start else None,
            end=FuzzyDate.parse(self.end) if self.end else None,
            kinds=self.kinds,
            topics=self.topics,
            text=self.text,
        )

    def network_options(self) -> NetworkOptions:
        return NetworkOptions(measure=self.measure, color=self.color, mode=self.mode, path_to=self.path_to)

    def with_changes(self, **changes) -> PageState:
        return replace(self, **changes)


def parse_search(search: str | None, dataset: Dataset) -> tuple[PageState, list[str]]:
    """The state a query string asks for, and warnings for what in it was not understood."""
    params = parse_qs((search or "").lstrip("?"), keep_blank_values=False)
    warnings: list[str] = []

    def known(key: str, choices: set[str] | dict, noun: str) -> tuple[str, ...]:
        values = []
        for value in params.get(key, []):
            if value in choices:
                values.append(value)
            else:
                warnings.append(f"The link names an unknown {noun} “{value}”; it was ignored.")
        return tuple(dict.fromkeys(values))

    def date(key: str) -> str | None:
        value = (params.get(key) or [None])[0]
        if value is None:
            return None
        try:
            return str(FuzzyDate.parse(value))
        except DateFormatError as error:
            warnings.append(f"The link's “{key}” date was ignored: {error}.")
            return None

    kinds = {event.kind for event in dataset.events}
    selected = (params.get("selected") or [None])[0]
    if selected is not None and not _node_exists(selected, dataset):
        warnings.append(f"The link selects “{selected}”, which is not in this dataset; nothing is selected.")
        selected = None
    path_to = (params.get("path") or [None])[0]
    if path_to is not None and not _node_exists(path_to, dataset):
        warnings.append(f"The link asks for a path to “{path_to}”, which is not in this dataset; no path is shown.")
        path_to = None
    view = (params.get("view") or ["timeline"])[0]
    if view not in VIEWS:
        warnings.append(f"The link asks for an unknown view “{view}”; showing the timeline.")
        view = "timeline"
    try:
        hops = min(MAX_HOPS, max(0, int((params.get("hops") or ["0"])[0])))
    except ValueError:
        hops = 0
    limit_text = (params.get("nodes") or [str(DEFAULT_NODE_LIMIT)])[0]
    limit: int | None = None if limit_text == "all" else DEFAULT_NODE_LIMIT
    if limit_text.isdigit() and int(limit_text) > 0:
        limit = int(limit_text)
    measure = choice(params, "size", MEASURES, DEFAULT_MEASURE, "node size measure", warnings)
    color = choice(params, "color", COLOR_BY, "kind", "node colouring", warnings)
    mode = choice(params, "mode", MODES, "events", "network mode", warnings)
    start, end = date("from"), date("to")
    if start and end and FuzzyDate.parse(end).last < FuzzyDate.parse(start).first:
        warnings.append(f"The link's date range ends ({end}) before it starts ({start}); the dates were swapped.")
        start, end = end, start
    state = PageState(
        actors=known("actor", dataset.actor_by_id, "actor"),
        start=start,
        end=end,
        kinds=known("kind", kinds, "event kind"),
        topics=known("topic", dataset.topic_by_id, "topic"),
        text=(params.get("q") or [""])[0].strip(),
        view=view,
        selected=selected,
        hops=hops,
        hide=(params.get("hide") or ["0"])[0] == "1",
        limit=limit,
        measure=measure,
        color=color,
        mode=mode,
        path_to=path_to,
    )
    return state, warnings


def choice(params: dict, key: str, choices, default: str, noun: str, warnings: list[str]) -> str:
    """The value of ``key`` if it is one of ``choices``, else ``default`` (with a warning)."""
    value = (params.get(key) or [default])[0]
    if value in choices:
        return value
    warnings.append(f"The link asks for an unknown {noun} “{value}”; using {default}.")
    return default


def format_search(state: PageState) -> str:
    """The query string for ``state``; defaults are left out, so the bare page is ``""``."""
    pairs: list[tuple[str, str]] = [("actor", a) for a in state.actors]
    if state.start:
        pairs.append(("from", state.start))
    if state.end:
        pairs.append(("to", state.end))
    pairs += [("kind", k) for k in state.kinds]
    pairs += [("topic", t) for t in state.topics]
    if state.text:
        pairs.append(("q", state.text))
    if state.view != "timeline":
        pairs.append(("view", state.view))
    if state.selected:
        pairs.append(("selected", state.selected))
    if state.hops:
        pairs.append(("hops", str(state.hops)))
    if state.hide:
        pairs.append(("hide", "1"))
    if state.limit != DEFAULT_NODE_LIMIT:
        pairs.append(("nodes", "all" if state.limit is None else str(state.limit)))
    if state.measure != DEFAULT_MEASURE:
        pairs.append(("size", state.measure))
    if state.color != "kind":
        pairs.append(("color", state.color))
    if state.mode != "events":
        pairs.append(("mode", state.mode))
    if state.path_to:
        pairs.append(("path", state.path_to))
    return "?" + urlencode(pairs) if pairs else ""


def _node_exists(node: str, dataset: Dataset) -> bool:
    kind, item_id = split_node(node)
    if kind == "stance":
        actor, _, topic = item_id.partition("/")
        return actor in dataset.actor_by_id and topic in dataset.topic_by_id
    if kind == "pair":
        first, _, second = item_id.partition("/")
        return first in dataset.actor_by_id and second in dataset.actor_by_id
    lookup = {"actor": dataset.actor_by_id, "event": dataset.event_by_id, "topic": dataset.topic_by_id}.get(kind)
    return lookup is not None and item_id in lookup
