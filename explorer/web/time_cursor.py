"""The time cursor: every view "as of" a day, stepped and played in the browser.

The cursor lives in the URL (``asof=2025-08-15&window=30``, see :mod:`explorer.web.state`).
The server draws a page whose URL has a cursor with its points dated
(:mod:`explorer.figures.as_of`) and the cursor applied, so a link opens as of its day.
From there ``assets/time_cursor.js`` moves the cursor itself: it shows and hides the drawn
points, moves the marks on the charts over time, and rewrites the URL, with no server round
trip per step. So that moving the cursor never makes the server draw the page again, ``draw`` skips
a URL that differs from the one drawn only in the cursor's day or window (see
:func:`drawn_key`); switching the cursor on or off does redraw (the figures differ).
"""

from __future__ import annotations

import datetime as dt

from dash import ClientsideFunction, Dash, Input, Output, State, dcc, html, no_update

from ..figures.as_of import Cursor, day_number, figure_as_of, mark_cursor
from ..graph import query_filters
from .state import PageState, format_search, parse_search

STEP_UNITS = {"day": "day", "week": "week", "month": "month", "year": "year", "event": "event"}
#: Steps a second the speed control offers; the default is the second.
SPEEDS = ("0.5", "1", "2", "4", "8")
DEFAULT_STEP, DEFAULT_SPEED = "month", "2"


def drawn_key(state: PageState) -> str:
    """What a drawn page depends on: the state without the cursor's day and window, and
    whether there is a cursor."""
    return format_search(state.with_changes(asof=None, window=None)) + ("#cursor" if state.asof else "")


def cursor_of(state: PageState) -> Cursor | None:
    """The state's time cursor, or None when it has none."""
    return Cursor(dt.date.fromisoformat(state.asof), state.window) if state.asof else None


def with_cursor(state: PageState, figures: dict, graph, matrix=None) -> dict:
    """``figures`` (view name → figure dict or None) as of the state's cursor
    (:func:`explorer.figures.as_of.figure_as_of`): the network's points dated and those not
    yet (or no longer, with a window) there hidden, the positions matrix showing each stance
    as held that day. The charts over time only record the day: the browser marks it and
    veils what comes after, over the plot, where a step moves the marks without asking Plotly
    (a relayout of shapes made dcc.Graph send the figure back and redraw it whole). The
    timeline's figure records the day itself (:func:`explorer.web.timeline_zoom.drawn_timeline`);
    exports draw the marks into the figure (:func:`explorer.figures.as_of.mark_time_axis`)."""
    cursor = cursor_of(state)
    if cursor is None:
        return figures
    return {name: _as_of(name, figure, graph, cursor, matrix) for name, figure in figures.items()}


def _as_of(name: str, figure: dict | None, graph, cursor: Cursor, matrix) -> dict | None:
    if figure is None or name == "timeline":
        return figure
    if name == "stance_timeline":
        return mark_cursor(figure, cursor.day, cursor.window)
    return figure_as_of(figure, name, graph, cursor, matrix)


def cursor_days(search: str | None, data) -> dict:
    """What the browser steps through for the page's filters: the first and last day of the
    matching events and, for stepping by event, each day an event begins (day numbers)."""
    state, _ = parse_search(search, data.dataset)
    view = query_filters(data.graph, state.filters())
    days = sorted({day_number(event.first) for event in view.events})
    if not days:
        return {"key": drawn_key(state), "first": None, "last": None, "days": []}
    last = max(event.last for event in view.events)
    first = min(event.first for event in view.events)
    return {"key": drawn_key(state), "first": first.isoformat(), "last": last.isoformat(), "days": days}


def cursor_bar() -> html.Div:
    """The cursor's controls, above the views (all of them follow it). Plain HTML controls,
    driven by ``assets/time_cursor.js``; each is labelled and works from the keyboard."""

    def labelled(text: str, control_id: str) -> html.Label:
        return html.Label(text, htmlFor=control_id, className="toolbar-label")

    return html.Div(
        id="time-cursor",
        className="time-cursor toolbar",
        role="group",
        **{"aria-label": "Time cursor: show every view as of a date"},
        children=[
            labelled("As of", "asof-day"),
            text_input("asof-day", "YYYY-MM-DD", r"\d{4}-\d{2}-\d{2}"),
            html.Button(
                "◀", id="asof-back", className="button small", title="Step back", **{"aria-label": "Step back"}
            ),
            html.Button(
                "▶ Play",
                id="asof-play",
                className="button small primary",
                title="Play: step forward until the last event",
                **{"aria-label": "Play", "aria-pressed": "false"},
            ),
            html.Button(
                "▶", id="asof-forward", className="button small", title="Step forward", **{"aria-label": "Step forward"}
            ),
            labelled("by", "asof-step"),
            select("asof-step", STEP_UNITS, DEFAULT_STEP, "Step by"),
            labelled("speed", "asof-speed"),
            select("asof-speed", {speed: f"{speed} steps/s" for speed in SPEEDS}, DEFAULT_SPEED, "Playback speed"),
            # Kept together: on a narrow page they wrap as one, never "Clear" alone.
            html.Span(
                [
                    labelled("window (days)", "asof-window"),
                    text_input("asof-window", "all", r"\d*"),
                    html.Button(
                        "Clear",
                        id="asof-clear",
                        className="link-button",
                        title="Remove the time cursor: show everything",
                        **{"aria-label": "Clear the time cursor"},
                    ),
                ],
                className="toolbar-group",
            ),
            html.Span(id="asof-status", className="asof-status", **{"aria-live": "polite"}),
            dcc.Store(id="time-cursor-ready"),
        ],
    )


def text_input(control_id: str, placeholder: str, pattern: str) -> dcc.Input:
    """A short text box of the bar (its class names it, for assets/time_cursor.css)."""
    return dcc.Input(id=control_id, type="text", placeholder=placeholder, pattern=pattern, className=control_id)


def select(control_id: str, choices: dict[str, str], default: str, label: str) -> html.Select:
    """A native drop-down list (keyboard-usable as it is); ``choices`` maps values to labels."""
    options = [html.Option(text, value=value, selected=value == default) for value, text in choices.items()]
    return html.Select(id=control_id, children=options, **{"aria-label": label})


def register(app: Dash, live) -> None:
    """The store of days the browser steps through, refreshed when the filters change, and
    handed to ``assets/time_cursor.js``."""
    days = ClientsideFunction("time_cursor", "days")
    app.clientside_callback(days, Output("time-cursor-ready", "data"), Input("time-cursor-days", "data"))

    @app.callback(
        Output("time-cursor-days", "data"),
        # The URL less the timeline's period (timeline_zoom.py): a zoom changes no day.
        Input("timeline-page-search", "data"),
        Input("data-version", "data"),
        State("time-cursor-days", "data"),
        prevent_initial_call=True,  # the page's first timeline-page-search calls it
    )
    def refresh_days(search, _version, shown):
        data = live.current
        state, _ = parse_search(search, data.dataset)
        if shown and shown.get("key") == drawn_key(state) and shown.get("version") == _version:
            return no_update
        return cursor_days(search, data) | {"version": _version}
