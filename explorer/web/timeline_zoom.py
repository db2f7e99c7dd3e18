"""The timeline's zoom and pan, drawn in the browser; finer detail from the server afterwards.

A zoom, pan or range button is drawn by plotly at once. Clientside callbacks
(``assets/timeline_zoom.js``) write the shown period into the URL, move the plot when the
URL's period changes otherwise (back button, a "+N" cluster, a lane's count) and, once the
view rests, ask :func:`refined_timeline` for what depends on the period and the plot's width.
The page's full render (``callbacks.render``) listens to the URL *less its period*
(``timeline-page-search``), so a zoom never waits for it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from dash import ClientsideFunction, Dash, Input, Output, Patch, State, no_update

from ..analysis import highlighted_events
from ..figures.as_of import mark_cursor
from ..figures.timeline import DEFAULT_PLOT_WIDTH, TITLES, timeline_dict
from ..graph import View, query_filters
from .notices import take_dense_hint
from .state import PageState, parse_search

# What the server sends after a zoom when the drawn events stay: the titles trace's points,
# the annotations (clusters, lane counts, far links), the meta, and the room for lane counts.
PATCHED_TITLE_FIELDS = ("x", "y", "text")
# Pixels: the timeline widths the page asks for are multiples of this (WIDTH_STEP_PX in
# assets/timeline_zoom.js), so readers whose windows differ a little ask for the same figure
# and the shared response cache answers them all.
PLOT_WIDTH_STEP = 40


def drawn_timeline(state: PageState, view: View, search: str | None, plot_width: float | None) -> dict:
    """The timeline figure (a dict) for ``state`` as the page draws it; its ``meta`` also holds
    the query string it shows (``search``), which the page's scripts compare with the URL."""
    figure = timeline_dict(
        view,
        state.selected,
        state.period_dates(),
        exact_range=state.period,
        plot_width=plot_width or DEFAULT_PLOT_WIDTH,
        compress_gaps=state.compress,
        highlight=highlighted_events(view, state.selected, state.path_to),
    )
    figure["layout"]["meta"] = {**figure["layout"].get("meta", {}), "search": search or ""}
    if state.asof and figure["layout"]["meta"].get("focus"):
        # The time cursor, which the browser draws over the plot; kept by every detail patch.
        mark_cursor(figure, dt.date.fromisoformat(state.asof), state.window)
    return figure


def refined_timeline(request: Any, search: str | None, plot_width: float | None, data) -> tuple[Any, Any]:
    """The server's answer to the page's request for detail (``{"search", "width", "key"}``,
    made once a zoom or resize rests): a :class:`dash.Patch` replacing the titles and the
    annotations when the events drawn stay the same (same ``key``), else the whole figure;
    with it, the "too many events to draw" notice for the new period. Nothing when the URL
    has moved on since the request or the timeline is not shown."""
    if not isinstance(request, dict) or request.get("search") != (search or ""):
        return no_update, no_update
    state, _ = parse_search(search, data.dataset)
    if state.view != "timeline":
        return no_update, no_update
    figure = drawn_timeline(state, query_filters(data.graph, state.filters()), search, plot_width)
    hint = take_dense_hint(figure)
    if figure["layout"]["meta"].get("key") != request.get("key"):
        return figure, hint
    return detail_patch(figure), hint


def detail_patch(figure: dict) -> Patch:
    """What differs between two timelines of the same key: the titles, the annotations, the
    meta and the lane names' room for counts. The x range is left alone (the page shows it)."""
    patch = Patch()
    index = next(i for i, trace in enumerate(figure["data"]) if trace.get("name") == TITLES)
    for field in PATCHED_TITLE_FIELDS:
        patch["data"][index][field] = figure["data"][index][field]
    layout = figure["layout"]
    patch["layout"]["annotations"] = layout.get("annotations", [])
    patch["layout"]["meta"] = layout["meta"]
    patch["layout"]["yaxis"]["ticklabelstandoff"] = layout["yaxis"]["ticklabelstandoff"]
    return patch


def register(app: Dash, live) -> None:
    """Wire the timeline's zoom callbacks to ``app``; ``live`` holds what is served."""
    app.clientside_callback(
        ClientsideFunction("timeline", "pageSearch"),
        Output("timeline-page-search", "data"),
        Output("timeline-width", "data"),
        Input("url", "search"),
        State("timeline-page-search", "data"),
        State("timeline-width", "data"),
    )
    app.clientside_callback(
        ClientsideFunction("timeline", "followZoom"),
        Output("url", "search", allow_duplicate=True),
        Input("timeline", "relayoutData"),
        State("url", "search"),
        State("timeline", "figure"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        ClientsideFunction("timeline", "showPeriod"),
        Output("timeline-focus", "data", allow_duplicate=True),
        Input("url", "search"),
        State("timeline", "figure"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        ClientsideFunction("timeline", "requestDetail"),
        Output("timeline-detail", "data"),
        Input("url", "search"),
        Input("timeline-width", "data"),
        State("timeline", "figure"),
        prevent_initial_call=True,
    )

    @app.callback(
        Output("timeline", "figure", allow_duplicate=True),
        Output("timeline-hint", "children", allow_duplicate=True),
        Input("timeline-detail", "data"),
        State("url", "search"),
        State("timeline-width", "data"),
        prevent_initial_call=True,
    )
    def refine(request, search, plot_width):
        return refined_timeline(request, search, plot_width, live.current)
