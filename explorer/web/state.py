"""What the page shows, as it lives in the URL: ``?actor=…&from=…&to=…&kind=…&topic=…&q=…``,
the timeline's shown period (its zoom) as ``period=START/END`` and its gap-compressing scale
as ``scale=compressed``; the List view's sort and search as ``sort=date:desc&search=…``; the
time cursor, shared by every view, as ``asof=YYYY-MM-DD`` and its trailing window as
``window=DAYS`` (see :mod:`explorer.web.time_cursor`).

A view's own settings (:data:`VIEW_FIELDS`: the timeline's zoom, the network's hops, size…)
are written only into that view's URL: a link to the timeline never carries ``hops=2``.
While the page is open they are remembered per view (:func:`switched_view`), so coming back
to a view finds it as it was left.

Pure functions, no Dash: the URL is parsed into a :class:`PageState` (unknown ids and bad
dates are dropped with a warning the page shows), and a state is written back as a query
string. The URL is the one source of truth: controls write it, the page renders from it,
and the browser's back button restores the previous one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from urllib.parse import parse_qs, urlencode

from ..analysis import DEFAULT_MEASURE, MEASURES
from ..event_table import DEFAULT_SORT, ListOrder, SortError, parse_sort
from ..figures.network import COLOR_BY, MODES, NetworkOptions
from ..figures.timeline import period_text, window_around
from ..graph import Filters, query_filters, split_node
from ..model import Dataset, DateFormatError, Event, FuzzyDate

VIEWS = ("timeline", "network", "positions", "list")
NODE_LIMITS = (400, 1500, 5000)
DEFAULT_NODE_LIMIT = NODE_LIMITS[0]
MAX_HOPS = 3

#: The state fields only one view uses; the URL of any other view leaves them out.
VIEW_FIELDS = {
    "timeline": ("period", "compress"),
    # A path (from the selection to path_to) is part of the selection, shown in every view.
    "network": ("hops", "hide", "limit", "measure", "color", "mode"),
    "positions": (),
    "list": ("list_sort", "list_search"),
}


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
    period: tuple[str, str] | None = None  # the timeline's shown period (ISO dates or minutes)
    measure: str = DEFAULT_MEASURE  # network node size
    color: str = "kind"  # network node colour: kind or community
    compress: bool = False  # the timeline's gap-compressing scale
    mode: str = "events"  # network of actors and events, or of actors only
    path_to: str | None = None  # network: a shortest path from the selection to this node
    list_sort: str = DEFAULT_SORT  # the List view's sort, ``column:asc`` or ``column:desc``
    list_search: str = ""  # the List view's search
    asof: str | None = None  # the time cursor: every view as of this ISO day
    window: int | None = None  # with the cursor: only the last this many days

    def filters(self) -> Filters:
        return Filters(
            actors=self.actors,
            start=FuzzyDate.parse(self.start) if self.start else None,
            end=FuzzyDate.parse(self.end) if self.end else None,
            kinds=self.kinds,
            topics=self.topics,
            text=self.text,
        )

    def period_dates(self) -> tuple[dt.date, dt.date] | None:
        """The days the shown period touches, first and last."""
        if self.period is None:
            return None
        start, end = (dt.datetime.fromisoformat(bound) for bound in self.period)
        return start.date(), end.date()

    def network_options(self) -> NetworkOptions:
        return NetworkOptions(measure=self.measure, color=self.color, mode=self.mode, path_to=self.path_to)

    def list_order(self) -> ListOrder:
        return parse_sort(self.list_sort, self.list_search)

    def with_changes(self, **changes) -> PageState:
        return replace(self, **changes)


UNKNOWN_SELECTION = "The link selects “{}”, which is not in this dataset; nothing is selected."
UNKNOWN_PATH_END = "The link asks for a path to “{}”, which is not in this dataset; no path is shown."


def parse_search(search: str | None, dataset: Dataset) -> tuple[PageState, list[str]]:
    """The state a query string asks for, and warnings for what in it was not understood."""
    params = parse_qs((search or "").lstrip("?"), keep_blank_values=False)
    warnings: list[str] = []
    # Only when the link names kinds: on 100,000 events this is a fifth of a second per request.
    kinds = {event.kind for event in dataset.events} if "kind" in params else set()
    start, end = _date_range(params, warnings)
    asof, window = cursor_params(params, warnings)
    state = PageState(  # the settings of other views are dropped below, as format_search drops them
        actors=_known(params, "actor", dataset.actor_by_id, "actor", warnings),
        start=start,
        end=end,
        kinds=_known(params, "kind", kinds, "event kind", warnings),
        topics=_known(params, "topic", dataset.topic_by_id, "topic", warnings),
        text=_first(params, "q", "").strip(),
        view=_view(params, warnings),
        selected=_existing_node(params, "selected", dataset, warnings, UNKNOWN_SELECTION),
        hops=_hops(params),
        hide=_first(params, "hide", "0") == "1",
        limit=_node_limit(params),
        period=_period(_first(params, "period"), warnings),
        measure=choice(params, "size", MEASURES, DEFAULT_MEASURE, "node size measure", warnings),
        color=choice(params, "color", COLOR_BY, "kind", "node colouring", warnings),
        compress=_first(params, "scale", "") == "compressed",
        mode=choice(params, "mode", MODES, "events", "network mode", warnings),
        path_to=_existing_node(params, "path", dataset, warnings, UNKNOWN_PATH_END),
        list_sort=_list_sort(_first(params, "sort", DEFAULT_SORT), warnings),
        list_search=_first(params, "search", "").strip(),
        asof=asof,
        window=window,
    )
    return for_its_view(state), warnings


def _first(params: dict, key: str, default: str | None = None):
    """The first value of ``key`` in parsed query ``params``, or ``default``."""
    return (params.get(key) or [default])[0]


def _known(params: dict, key: str, choices: set[str] | dict, noun: str, warnings: list[str]) -> tuple[str, ...]:
    """The values of ``key`` found in ``choices``, once each; a warning for each other one."""
    values = []
    for value in params.get(key, []):
        if value in choices:
            values.append(value)
        else:
            warnings.append(f"The link names an unknown {noun} “{value}”; it was ignored.")
    return tuple(dict.fromkeys(values))


def _date(params: dict, key: str, warnings: list[str]) -> str | None:
    """The date ``key`` names, normalised; None (and a warning) for one that does not parse."""
    value = _first(params, key)
    if value is None:
        return None
    try:
        return str(FuzzyDate.parse(value))
    except DateFormatError as error:
        warnings.append(f"The link's “{key}” date was ignored: {error}.")
        return None


def _date_range(params: dict, warnings: list[str]) -> tuple[str | None, str | None]:
    """The ``from`` and ``to`` dates, swapped (with a warning) when they are the wrong way round."""
    start, end = _date(params, "from", warnings), _date(params, "to", warnings)
    if start and end and FuzzyDate.parse(end).last < FuzzyDate.parse(start).first:
        warnings.append(f"The link's date range ends ({end}) before it starts ({start}); the dates were swapped.")
        start, end = end, start
    return start, end


def _existing_node(params: dict, key: str, dataset: Dataset, warnings: list[str], unknown: str) -> str | None:
    """The node ``key`` names if ``dataset`` has it; else None and the warning ``unknown``."""
    node = _first(params, key)
    if node is not None and not _node_exists(node, dataset):
        warnings.append(unknown.format(node))
        return None
    return node


def _view(params: dict, warnings: list[str]) -> str:
    """The view the link asks for; the timeline (with a warning) for an unknown one."""
    view = _first(params, "view", "timeline")
    if view not in VIEWS:
        warnings.append(f"The link asks for an unknown view “{view}”; showing the timeline.")
        return "timeline"
    return view


def _hops(params: dict) -> int:
    """The ego network's hops, within 0..MAX_HOPS; 0 for anything not a number."""
    try:
        return min(MAX_HOPS, max(0, int(_first(params, "hops", "0"))))
    except ValueError:
        return 0


def _node_limit(params: dict) -> int | None:
    """The network's node limit: a positive number, None for ``all``, else the default."""
    text = _first(params, "nodes", str(DEFAULT_NODE_LIMIT))
    if text.isdigit() and int(text) > 0:
        return int(text)
    return None if text == "all" else DEFAULT_NODE_LIMIT


def for_its_view(state: PageState) -> PageState:
    """``state`` without the settings of views other than its own (they are set to defaults)."""
    defaults = PageState()
    others = [field for view, fields in VIEW_FIELDS.items() if view != state.view for field in fields]
    return replace(state, **{field: getattr(defaults, field) for field in others})


def view_settings_search(state: PageState) -> str:
    """The query string of ``state``'s view and that view's own settings, nothing else."""
    return format_search(PageState(view=state.view, **{f: getattr(state, f) for f in VIEW_FIELDS[state.view]}))


def switched_view(
    state: PageState, view: str, remembered: dict[str, str], dataset: Dataset
) -> tuple[PageState, dict[str, str]]:
    """``state`` shown in ``view``, with the settings that view had when it was last left
    (``remembered`` maps views to :func:`view_settings_search` strings); returns it and the
    memory, now holding the settings of the view being left."""
    remembered = {**remembered, state.view: view_settings_search(state)}
    settings, _ = parse_search(remembered.get(view, ""), dataset)
    restored = {field: getattr(settings, field) for field in VIEW_FIELDS.get(view, ())}
    return for_its_view(state.with_changes(view=view, **restored)), remembered


def _list_sort(text: str, warnings: list[str]) -> str:
    """The List view's sort as ``column:asc|desc``; the default (with a warning) if unknown."""
    try:
        return parse_sort(text).text()
    except SortError as error:
        warnings.append(f"The link's list sort was ignored: {error}.")
        return DEFAULT_SORT


#: The longest trailing window the cursor accepts, in days (a century).
MAX_WINDOW_DAYS = 36525


def cursor_params(params: dict, warnings: list[str]) -> tuple[str | None, int | None]:
    """The time cursor's day (``asof``, a full ISO date) and trailing window in days."""
    asof = (params.get("asof") or [None])[0]
    if asof is not None:
        try:
            asof = dt.date.fromisoformat(asof).isoformat()
        except ValueError:
            warnings.append(f"The link's time cursor “{asof}” was ignored: expected a day as YYYY-MM-DD.")
            asof = None
    window_text = (params.get("window") or [None])[0]
    if window_text is None:
        return asof, None
    if not window_text.isdigit() or not 1 <= int(window_text) <= MAX_WINDOW_DAYS:
        warnings.append(
            f"The link's window “{window_text}” was ignored: expected a number of days from 1 to {MAX_WINDOW_DAYS}."
        )
        return asof, None
    return asof, int(window_text)


def _period(text: str | None, warnings: list[str]) -> tuple[str, str] | None:
    """``START/END`` (ISO dates, or date and time to the minute) as two strings, in order."""
    if text is None:
        return None
    try:
        start, end = sorted(dt.datetime.fromisoformat(bound) for bound in text.split("/"))
    except ValueError:
        warnings.append(f"The link's shown period “{text}” was ignored: expected START/END as ISO dates.")
        return None
    return period_text(start), period_text(end)


def choice(params: dict, key: str, choices, default: str, noun: str, warnings: list[str]) -> str:
    """The value of ``key`` if it is one of ``choices``, else ``default`` (with a warning)."""
    value = (params.get(key) or [default])[0]
    if value in choices:
        return value
    warnings.append(f"The link asks for an unknown {noun} “{value}”; using {default}.")
    return default


def format_search(state: PageState) -> str:
    """The query string for ``state``; defaults, and the settings of views other than
    ``state.view``, are left out, so the bare page is ``""``."""
    state = for_its_view(state)
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
    if state.period:
        pairs.append(("period", "/".join(state.period)))
    if state.measure != DEFAULT_MEASURE:
        pairs.append(("size", state.measure))
    if state.color != "kind":
        pairs.append(("color", state.color))
    if state.compress:
        pairs.append(("scale", "compressed"))
    if state.mode != "events":
        pairs.append(("mode", state.mode))
    if state.path_to:
        pairs.append(("path", state.path_to))
    if state.list_sort != DEFAULT_SORT:
        pairs.append(("sort", state.list_sort))
    if state.list_search:
        pairs.append(("search", state.list_search))
    if state.asof:
        pairs.append(("asof", state.asof))
    if state.window:
        pairs.append(("window", str(state.window)))
    return "?" + urlencode(pairs) if pairs else ""


def is_hidden_by_filters(state: PageState, graph) -> bool:
    """Whether ``state`` selects an event that its filters leave out."""
    event = _selected_event(state, graph)
    # By id: ``in`` would compare events field by field (pydantic's ==), 10 ms at 20,000 events.
    return event is not None and event.id not in {shown.id for shown in query_filters(graph, state.filters()).events}


def revealing_selection(state: PageState, graph) -> PageState:
    """``state`` with its filters widened just enough to show the selected event: its actors
    join an actor filter, its kind a kind filter, the dates stretch to it; a topic or text
    filter that leaves it out is dropped. ``state`` itself when nothing hides it."""
    event = _selected_event(state, graph)
    if event is None or not is_hidden_by_filters(state, graph):
        return state
    changes: dict = {}
    if state.actors and not set(event.actor_ids()) & set(state.actors):
        changes["actors"] = (*state.actors, *event.actor_ids())
    if state.kinds and event.kind not in state.kinds:
        changes["kinds"] = (*state.kinds, event.kind)
    if state.start and event.first < FuzzyDate.parse(state.start).first:
        changes["start"] = event.first.isoformat()
    if state.end and event.last > FuzzyDate.parse(state.end).last:
        changes["end"] = event.last.isoformat()
    for name, empty in (("topics", ()), ("text", "")):
        if getattr(state, name) and event not in query_filters(graph, Filters(**{name: getattr(state, name)})).events:
            changes[name] = empty
    return state.with_changes(**changes)


def jumped_to_selection(state: PageState, graph) -> PageState:
    """:func:`revealing_selection`, with the timeline's period around the selected event."""
    event = _selected_event(state, graph)
    if event is None:
        return state
    start, end = window_around(event)
    return revealing_selection(state, graph).with_changes(period=(start.isoformat(), end.isoformat()))


def _selected_event(state: PageState, graph) -> Event | None:
    kind, item_id = split_node(state.selected) if state.selected else ("", "")
    return graph.graph["dataset"].event_by_id.get(item_id) if kind == "event" else None


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
