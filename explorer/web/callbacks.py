"""Callbacks. Each is a plain function of values (tested as such) plus a thin Dash wrapper.

The URL is the page's state. ``next_state`` turns a user action (a control changed, a
click) into the next state, which is written to the URL; ``render`` draws the page from the
URL. No callback loads data or lays out the network: they read what ``AppData`` holds.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

from dash import ALL, Dash, Input, Output, State, ctx, dcc, html, no_update

from ..analysis import measure
from ..export import (
    IMAGE_FORMATS,
    ExportError,
    ImageSize,
    export_bytes,
    export_filename,
    matrix_for,
    shared_renderer,
)
from ..figures.common import browser_arrays, empty_dict
from ..figures.network import network_dict, view_path
from ..figures.positions import positions_dict, stance_timeline_dict
from ..graph import query_filters
from ..model import FuzzyDate
from .animation_export import animation_file, is_animation
from .detail import detail_panel, hidden_selection_notice
from .ego_controls import drawn_hops
from .notices import take_dense_hint
from .page import (
    ACTOR_OPTIONS_IN_PAGE,
    EXPORT_FORMATS,
    EXPORT_SCALES,
    actor_options,
    filter_options,
    matching_actor_options,
    reload_banner,
)
from .state import (
    PageState,
    format_search,
    is_hidden_by_filters,
    jumped_to_selection,
    parse_search,
    revealing_selection,
    switched_view,
)
from .time_cursor import cursor_of, drawn_key, with_cursor
from .timeline_zoom import drawn_timeline
from .wire import plain_components

EXPORT_SUFFIXES = tuple(option["value"] for option in EXPORT_FORMATS)

# Callbacks whose answers depend on more than the data and the page state: the export (a file
# made now, with today's date) and the reload poll (what this worker has loaded). The shared
# response cache never stores them.
UNCACHED_OUTPUTS = ("download.data", "data-version.data")

CONTROLS = (
    "actors",
    "dates.start_date",
    "dates.end_date",
    "years",
    "kinds",
    "topics",
    "text",
    "view",
    "hops",
    "hide",
    "limit",
    "measure",
    "color",
    "mode",
    "path",
)


@dataclass(frozen=True)
class ControlValues:
    """What each control shows for a state."""

    actors: list[str]
    start_date: str | None
    end_date: str | None
    years: list[int]
    kinds: list[str]
    topics: list[str]
    text: str
    view: str
    hops: int
    hide: int
    limit: str
    measure: str
    color: str
    mode: str
    path: str | None

    def as_tuple(self) -> tuple:
        return (
            self.actors,
            self.start_date,
            self.end_date,
            self.years,
            self.kinds,
            self.topics,
            self.text,
            self.view,
            self.hops,
            self.hide,
            self.limit,
            self.measure,
            self.color,
            self.mode,
            self.path,
        )


def controls_for(state: PageState, year_bounds: tuple[int, int]) -> ControlValues:
    """The control values that show ``state``."""
    start = FuzzyDate.parse(state.start) if state.start else None
    end = FuzzyDate.parse(state.end) if state.end else None
    first_year, last_year = year_bounds
    return ControlValues(
        actors=list(state.actors),
        start_date=start.first.isoformat() if start else None,
        end_date=end.last.isoformat() if end else None,
        years=[
            max(first_year, min(last_year, start.year)) if start else first_year,
            max(first_year, min(last_year, end.last.year)) if end else last_year,
        ],
        kinds=list(state.kinds),
        topics=list(state.topics),
        text=state.text,
        view=state.view,
        hops=state.hops,
        hide=int(state.hide),
        limit="all" if state.limit is None else str(state.limit),
        measure=state.measure,
        color=state.color,
        mode=state.mode,
        path=state.path_to.removeprefix("actor:") if state.path_to else None,
    )


def changed_controls(wanted: ControlValues, current: tuple | list, trigger: Any) -> list:
    """The values to send to the controls: only those that differ from what they show, and
    never to the control the user is working in. (Re-sending an unchanged value re-renders
    a control, which can close a dropdown the user has just opened.)"""
    values = []
    for name, want, have in zip(CONTROLS, wanted.as_tuple(), current, strict=True):
        is_same = (want or None) == (have or None) or (name == "hops" and int(have or 0) == want)
        values.append(no_update if name == trigger or is_same else want)
    return values


def next_state(state: PageState, trigger: Any, value: Any, year_bounds: tuple[int, int]) -> PageState | None:
    """The state after a user action; None when the action changes nothing.

    ``trigger`` is a control name from CONTROLS, ``"timeline.click"``, ``"network.click"``,
    ``"timeline.annotation"``, ``"clear"``, ``"reset"`` or a select-button id dict. A change
    of filters forgets the timeline's shown period, so the new filters are shown whole.
    """
    new = _acted_state(state, trigger, value, year_bounds)
    if new is not None and new.filters() != state.filters():
        new = new.with_changes(period=None)
    return new


def _acted_state(state: PageState, trigger: Any, value: Any, year_bounds: tuple[int, int]) -> PageState | None:
    if isinstance(trigger, dict) and trigger.get("type") == "select":
        # A pick in the detail panel may lie anywhere: the timeline moves to it.
        return state.with_changes(selected=trigger["node"], period=None) if value else None
    if isinstance(trigger, dict) and trigger.get("type") == "reveal":
        return state if value else None
    if isinstance(trigger, dict) and trigger.get("type") == "reset":
        return PageState(view=state.view, selected=state.selected) if value else None
    if trigger in ("timeline.click", "network.click", "positions.click", "stance-timeline.click"):
        node = _clicked_node(value)
        return state.with_changes(selected=node) if node else None
    if trigger == "timeline.annotation":
        name = annotation_name(value)
        if name.startswith("period:"):
            return state.with_changes(period=tuple(name.removeprefix("period:").split("/")))
        return state.with_changes(selected=name.removeprefix("goto:")) if name.startswith("goto:") else None
    if trigger == "compress":
        return state.with_changes(compress=not state.compress, period=None)
    if trigger == "clear":
        return state.with_changes(selected=None, hops=0, path_to=None)
    if trigger == "reset":
        return PageState(view=state.view, selected=state.selected)
    if trigger == "years":
        first_year, last_year = year_bounds
        low, high = value or (first_year, last_year)
        return state.with_changes(
            start=str(low) if low > first_year else None,
            end=str(high) if high < last_year else None,
        )
    if trigger == "dates.start_date":
        return state.with_changes(start=value[:10] if value else None)
    if trigger == "dates.end_date":
        return state.with_changes(end=value[:10] if value else None)
    if trigger in ("actors", "kinds", "topics"):
        return state.with_changes(**{trigger: tuple(value or ())})
    if trigger == "text":
        return state.with_changes(text=(value or "").strip())
    if trigger == "view":
        return state.with_changes(view=value or "timeline")
    if trigger == "hops":
        return state.with_changes(hops=int(value or 0))
    if trigger == "hide":
        return state.with_changes(hide=bool(value))
    if trigger == "limit":
        return state.with_changes(limit=None if value == "all" else int(value or 400))
    if trigger == "path":
        # The dropdown lists actors by id; the state holds node ids.
        return state.with_changes(path_to=f"actor:{value}" if value else None)
    if trigger in ("measure", "color", "mode"):
        return state.with_changes(**{trigger: value}) if value else None
    return None


def annotation_name(click: Any) -> str:
    """The ``name`` of a clicked timeline annotation (``goto:…``, ``period:…``), or ``""``."""
    annotation = click.get("annotation") if isinstance(click, dict) else None
    return (annotation or {}).get("name") or ""


def widened_for_selection(state: PageState, trigger: Any, value: Any, graph) -> PageState:
    """``state`` after the actions that show what they select: a jump along a link marker
    (filters widened to its target, the timeline zoomed on it) and the detail panel's
    "Show it" button (filters widened)."""
    if trigger == "timeline.annotation" and annotation_name(value).startswith("goto:"):
        return jumped_to_selection(state, graph)
    if isinstance(trigger, dict) and trigger.get("type") == "reveal":
        return revealing_selection(state, graph)
    return state


def _clicked_node(click: Any) -> str | None:
    points = (click or {}).get("points") or []
    if not points:
        return None
    custom = points[0].get("customdata")
    if isinstance(custom, list) and custom and isinstance(custom[0], str) and ":" in custom[0]:
        return custom[0]
    return None


@dataclass
class Rendered:
    """What ``render`` produces; a None figure means the view is hidden and left as it is."""

    counts: str
    notices: list
    timeline: Any
    timeline_hint: list  # the timeline's "too many events to draw" notice, which its zoom updates
    network: Any
    positions: Any
    stance_timeline: Any
    detail: list
    timeline_style: dict
    network_style: dict
    positions_style: dict
    list_style: dict


def render(search: str | None, data, plot_width: float | None = None) -> Rendered:
    """Everything the page shows for the URL query string ``search``; ``plot_width`` is the
    timeline's, in pixels, when the page has measured it."""
    dataset, graph = data.dataset, data.graph
    state, warnings = parse_search(search, dataset)
    view = query_filters(graph, state.filters())
    notices = [html.Div(text, className="notice warning") for text in warnings]
    if view.is_empty and dataset.events:
        notices.append(
            html.Div(
                [
                    html.Strong("No events match these filters. "),
                    "Remove a filter, widen the dates, or ",
                    html.Button(
                        "reset all filters",
                        id={"type": "reset", "where": "empty-state"},
                        className="link-button",
                        n_clicks=0,
                    ),
                    ".",
                ],
                className="notice empty",
            )
        )
    shown = (
        f"{len(view.events)} of {len(dataset.events)} events"
        if not view.filters.is_empty
        else f"{len(dataset.events)} events"
    )
    counts = (
        f"{shown} · {len(view.actor_ids())} of {len(dataset.actors)} actors · "
        f"{len(dataset.topics)} topics · {len(dataset.positions)} positions"
    )
    visible, hidden = {"display": "block"}, {"display": "none"}
    timeline = drawn_timeline(state, view, search, plot_width) if state.view == "timeline" else None
    timeline_hint = take_dense_hint(timeline) if timeline is not None else []
    network = None
    if state.view == "network":
        network = network_dict(
            view, state.selected, drawn_hops(state), state.hide, limit=state.limit, options=state.network_options()
        )
        meta = network["layout"].get("meta") or {}
        if meta.get("matching", 0) > meta.get("shown", 0) and not drawn_hops(state):
            notices.append(
                html.Div(
                    f"The network shows the {meta['shown']:,} most connected of {meta['matching']:,} matching "
                    "nodes, with the selection and its neighbours; pick a larger number in “Show” to see more.",
                    className="notice",
                )
            )
    path = view_path(view, state.selected, state.path_to) if state.view == "network" else []
    if state.view == "network" and state.path_to and not path:
        notices.append(html.Div(path_notice(state), className="notice"))
    positions = stance_timeline = matrix = None
    if state.view == "positions":
        matrix = matrix_for(view)
        positions = positions_dict(matrix, dataset, state.selected)
        stance_timeline = stance_timeline_dict(matrix, dataset, topic_in_focus(state.selected, matrix))
    drawn = {"timeline": timeline, "network": network, "positions": positions, "stance_timeline": stance_timeline}
    as_of = with_cursor(state, drawn, graph, matrix)
    timeline, network, positions, stance_timeline = (as_of[name] for name in drawn)
    network = browser_arrays(network) if network is not None else None
    page = Rendered(
        counts=counts,
        notices=notices,
        timeline=timeline,
        timeline_hint=timeline_hint,
        network=network,
        positions=positions,
        stance_timeline=stance_timeline,
        detail=[hidden_selection_notice()] * is_hidden_by_filters(state, graph)
        + detail_panel(
            state.selected,
            dataset,
            graph,
            view.filters,
            measure(graph, state.measure),
            show_communities=state.view == "network" and state.color == "community",
            path=path,
        ),
        timeline_style=visible if state.view == "timeline" else hidden,
        network_style=visible if state.view == "network" else hidden,
        positions_style=visible if state.view == "positions" else hidden,
        list_style=visible if state.view == "list" else hidden,
    )
    return page if dataset.events else without_events(page)


def without_events(page: Rendered) -> Rendered:
    """``page`` for data with no event at all (a file that never loaded, whose errors the
    reload banner lists, or an empty file): the view says only that there is nothing to
    show, with no advice about filters that would not help."""
    shown = {name: empty_dict("Nothing to show") for name in ("timeline", "network", "positions")}
    shown["stance_timeline"] = empty_dict("", height=10)  # the least Plotly draws
    return replace(page, **{name: figure for name, figure in shown.items() if getattr(page, name) is not None})


def path_notice(state: PageState) -> str:
    """Why no path is drawn although one was asked for."""
    if not state.selected:
        return "Select a node to see its shortest path to the chosen actor."
    return f"No path from {state.selected} to {state.path_to} within these filters."


def topic_in_focus(selected: str | None, matrix) -> str:
    """The topic whose stance timeline is shown: the selected cell's, else the first."""
    if selected and selected.startswith("stance:"):
        topic = selected.partition("/")[2]
        if topic in matrix.topics:
            return topic
    return matrix.topics[0] if matrix.topics else ""


def export_file(view_name: str, suffix: str, scale: float, search: str | None, focus: list | None, data) -> dict:
    """The download for the export control: the view as filtered and selected (and, for the
    timeline, as zoomed), as of the time cursor, as ``suffix``. Returns ``dcc.send_bytes`` data; raises ExportError,
    also for a format or scale the page does not offer (they come from the client)."""
    if suffix not in EXPORT_SUFFIXES or type(scale) not in (int, float) or scale not in EXPORT_SCALES:
        raise ExportError(f"the page offers no export as {suffix!r} at scale {scale!r}")
    if is_animation(suffix):
        return animation_file(view_name, suffix, search, data)
    state, _ = parse_search(search, data.dataset)
    view = query_filters(data.graph, state.filters())
    if view.is_empty and view_name != "positions":
        raise ExportError("no events match these filters; nothing to export")
    dates = tuple(dt.date.fromisoformat(day) for day in focus) if focus and view_name == "timeline" else None
    renderer = shared_renderer() if suffix in IMAGE_FORMATS else None
    content = export_bytes(
        view,
        suffix,
        view_name,
        ImageSize(scale=float(scale)),
        state.selected,
        renderer,
        dates,
        drawn_hops(state),
        network=state.network_options(),
        compress_gaps=state.compress,
        cursor=cursor_of(state),
    )
    return dcc.send_bytes(content, export_filename(view, view_name, suffix))


def actor_options_for(dataset, search: str, selected: list[str]) -> list[dict]:
    """The actor dropdown's options on a large dataset: matches for what was typed, or the
    most active actors; the selected ones always."""
    if search.strip():
        return matching_actor_options(dataset, search, selected)
    options = actor_options(dataset, ACTOR_OPTIONS_IN_PAGE)
    shown = {option["value"] for option in options}
    missing = [actor_id for actor_id in selected if actor_id not in shown]
    return matching_actor_options(dataset, "", missing) + options if missing else options


#: The component property behind each name of CONTROLS, in the same order.
CONTROL_PROPS = (
    ("actors", "value"),
    ("dates", "start_date"),
    ("dates", "end_date"),
    ("years", "value"),
    ("kinds", "value"),
    ("topics", "value"),
    ("text", "value"),
    ("view", "value"),
    ("hops", "value"),
    ("hide", "value"),
    ("limit", "value"),
    ("measure", "value"),
    ("color", "value"),
    ("mode", "value"),
    ("path-to", "value"),
)

#: The trigger name ``next_state`` takes for each triggering Dash property.
TRIGGERS = {
    "timeline.clickData": "timeline.click",
    "network.clickData": "network.click",
    "timeline.clickAnnotationData": "timeline.annotation",
    "positions.clickData": "positions.click",
    "stance-timeline.clickData": "stance-timeline.click",
    "clear-selection.n_clicks": "clear",
    "compress.n_clicks": "compress",
    "reset.n_clicks": "reset",
    **{f"{component}.{prop}": name for (component, prop), name in zip(CONTROL_PROPS, CONTROLS, strict=True)},
}


def register(app: Dash, live) -> None:
    """Wire the callbacks to ``app``; ``live`` (LiveData) holds what is served. Each callback
    reads ``live.current`` once, so a reload in between never mixes two versions."""
    register_url_sync(app, live)
    register_draw(app, live)
    register_download(app, live)
    register_reload_poll(app, live)
    register_data_options(app, live)
    register_actor_search(app, live)


def register_url_sync(app: Dash, live) -> None:
    """A user action (a control changed, a click) writes the next state to the URL; a URL
    written by the page (a link, back, a zoom) sets the controls that show it."""
    control_outputs = [Output(*prop) for prop in CONTROL_PROPS]

    @app.callback(
        Output("url", "search"),
        Output("view-settings", "data"),
        *control_outputs,
        # The URL less the timeline's period: a zoom changes no control (timeline_zoom.py).
        Input("timeline-page-search", "data"),
        *(Input(*prop) for prop in CONTROL_PROPS),
        Input("timeline", "clickData"),
        Input("network", "clickData"),
        Input("timeline", "clickAnnotationData"),
        Input("positions", "clickData"),
        Input("stance-timeline", "clickData"),
        Input({"type": "select", "node": ALL}, "n_clicks"),
        Input("clear-selection", "n_clicks"),
        Input("compress", "n_clicks"),
        Input("reset", "n_clicks"),
        Input({"type": "reset", "where": ALL}, "n_clicks"),
        Input({"type": "reveal", "where": ALL}, "n_clicks"),
        State("view-settings", "data"),
        State("url", "search"),
        prevent_initial_call=True,  # the page's first timeline-page-search calls it
    )
    def sync_state(_page_search, *_values):
        search = _values[-1]
        data = live.current
        bounds = data.dataset.year_span
        state, _warnings = parse_search(search, data.dataset)
        prop = ctx.triggered[0]["prop_id"] if ctx.triggered else "url.search"
        keep = [no_update] * len(control_outputs)
        if prop in ("timeline-page-search.data", ".") or not ctx.triggered_id:
            return (no_update, no_update, *controls_for(state, bounds).as_tuple())
        if isinstance(ctx.triggered_id, dict):
            trigger: Any = dict(ctx.triggered_id)
        else:
            trigger = TRIGGERS.get(prop)
        value, remembered = ctx.triggered[0]["value"], no_update
        if trigger == "view" and value and value != state.view:
            new, remembered = switched_view(state, value, _values[-2] or {}, data.dataset)
        else:
            new = next_state(state, trigger, value, bounds)
        if new is not None:
            new = widened_for_selection(new, trigger, value, data.graph)
        if new is None or new == state:
            return (no_update, no_update, *keep)
        current = _values[: len(control_outputs)]
        return (format_search(new), remembered, *changed_controls(controls_for(new, bounds), current, trigger))


def register_draw(app: Dash, live) -> None:
    """The page is drawn from the URL: counts, notices, the shown view's figures, the detail."""

    @app.callback(
        Output("counts", "children"),
        Output("notices", "children"),
        Output("timeline-focus", "data", allow_duplicate=True),
        Output("timeline", "figure"),
        Output("network", "figure"),
        Output("positions", "figure"),
        Output("stance-timeline", "figure"),
        Output("detail", "children"),
        Output("timeline-pane", "style"),
        Output("network-pane", "style"),
        Output("positions-pane", "style"),
        Output("list-pane", "style"),
        Output("timeline-hint", "children"),
        Output("drawn-search", "data"),
        # Not on a change of the timeline's period alone: the page zooms without the server.
        Input("timeline-page-search", "data"),
        Input("data-version", "data"),
        State("url", "search"),
        State("timeline-width", "data"),
        State("drawn-search", "data"),
        # Not at load, when the timeline's width is not yet known: the page's first
        # timeline-page-search, which comes with the width, calls it (one render, not two).
        prevent_initial_call=True,
    )
    def draw(_page_search, _version, search, plot_width, drawn):
        # What is drawn depends on the state less the cursor, and on the plot's width (the
        # page's first draw may come before the width is measured: it is drawn again then).
        key = f"{drawn_key(parse_search(search, live.current.dataset)[0])}@{plot_width}"
        if ctx.triggered_id == "timeline-page-search" and key == drawn:
            return (no_update,) * 14  # only the time cursor moved: the browser moved it
        page = render(search, live.current, plot_width)
        return (
            page.counts,
            plain_components(page.notices),
            page.timeline["layout"].get("meta", {}).get("focus") if page.timeline is not None else no_update,
            page.timeline if page.timeline is not None else no_update,
            page.network if page.network is not None else no_update,
            page.positions if page.positions is not None else no_update,
            page.stance_timeline if page.stance_timeline is not None else no_update,
            plain_components(page.detail),
            page.timeline_style,
            page.network_style,
            page.positions_style,
            page.list_style,
            plain_components(page.timeline_hint),
            key,
        )


def register_download(app: Dash, live) -> None:
    """The export buttons: the shown view as a file, or a located message why not."""

    @app.callback(
        Output("download", "data"),
        Output("export-status", "children"),
        Input({"type": "export", "view": ALL}, "n_clicks"),
        State({"type": "export-format", "view": ALL}, "value"),
        State({"type": "export-scale", "view": ALL}, "value"),
        State("url", "search"),
        State("timeline-focus", "data"),
        prevent_initial_call=True,
    )
    def download(clicks, formats, scales, search, focus):
        if not ctx.triggered_id or not any(clicks):
            return no_update, no_update
        view_name = ctx.triggered_id["view"]
        views = [item["id"]["view"] for item in ctx.states_list[0]]
        index = views.index(view_name)
        try:
            return export_file(view_name, formats[index], scales[index], search, focus, live.current), ""
        except ExportError as error:
            return no_update, html.Div(f"Export failed: {error}", className="notice error")


def register_reload_poll(app: Dash, live) -> None:
    """With live reload, the page asks each tick whether the data or its errors changed."""

    @app.callback(
        Output("data-version", "data"),
        Output("notice-version", "data"),
        Output("reload-banner", "children"),
        Input("reload-poll", "n_intervals"),
        State("data-version", "data"),
        State("notice-version", "data"),
        prevent_initial_call=True,
    )
    def poll_reload(_ticks, shown_version, shown_notices):
        # Content hashes, the same in every worker: the page redraws only when the data changed.
        version, notices = live.version, live.notice_version
        banner = reload_banner(live) if notices != shown_notices else no_update
        return (
            version if version != shown_version else no_update,
            notices if notices != shown_notices else no_update,
            banner,
        )


def register_data_options(app: Dash, live) -> None:
    """A reloaded file refreshes the filters' options, the title and the date bounds."""

    @app.callback(
        Output("actors", "options"),
        Output("kinds", "options"),
        Output("topics", "options"),
        Output("dataset-name", "children"),
        Output("years", "min"),
        Output("years", "max"),
        Output("years", "marks"),
        Output("dates", "min_date_allowed"),
        Output("dates", "max_date_allowed"),
        Input("data-version", "data"),
        prevent_initial_call=True,
    )
    def refresh_options(_version):
        dataset = live.current.dataset
        options = filter_options(dataset)
        return (
            options["actors"],
            options["kinds"],
            options["topics"],
            dataset.name,
            options["first_year"],
            options["last_year"],
            options["marks"],
            options["first_day"],
            options["last_day"],
        )


def register_actor_search(app: Dash, live) -> None:
    """On a large dataset, the actor dropdown searches on the server as the user types."""

    @app.callback(
        Output("actors", "options", allow_duplicate=True),
        Input("actors", "search_value"),
        Input("actors", "value"),
        prevent_initial_call="initial_duplicate",
    )
    def search_actors(search, selected):
        dataset = live.current.dataset
        if len(dataset.actors) <= ACTOR_OPTIONS_IN_PAGE:
            return no_update  # every actor is in the page already
        return actor_options_for(dataset, search or "", list(selected or []))
