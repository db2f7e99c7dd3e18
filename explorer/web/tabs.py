"""The view switcher as real tabs: a ``tablist`` of ``tab`` buttons, one per view in
:data:`explorer.web.state.VIEWS` (adding a view there adds its tab), each controlling its
``tabpanel`` (the pane ``<view>-pane``).

The chosen view lives in a hidden input ``view`` (its ``value`` is what the URL's ``view=``
says, written and read by the page's other callbacks). Two client-side callbacks keep the
tabs in step with it: a click on a tab sets the value; the value sets which tab is selected
(``aria-selected``) and which one is in the tab order (roving tabindex). Arrow keys, Home
and End move between the tabs (assets/keyboard.js); Enter or Space opens the focused one,
as a click does (manual activation: drawing a large network takes a moment).
"""

from __future__ import annotations

from dash import ClientsideFunction, Dash, Input, Output, dcc, html

from .state import VIEWS


def tab_id(view: str) -> str:
    return f"tab-{view}"


def pane_id(view: str) -> str:
    return f"{view}-pane"


def view_label(view: str) -> str:
    return view.capitalize()


def view_tabs(selected: str = VIEWS[0]) -> html.Div:
    """The tablist and the hidden input holding the chosen view."""
    return html.Div(
        [
            html.Div(
                [view_tab(view, view == selected) for view in VIEWS],
                id="view-tabs",
                role="tablist",
                className="view-tabs",
                **{"aria-label": "Views"},
            ),
            dcc.Input(id="view", type="hidden", value=selected),
        ]
    )


def view_tab(view: str, is_selected: bool) -> html.Button:
    return html.Button(
        view_label(view),
        id=tab_id(view),
        role="tab",
        n_clicks=0,
        tabIndex=0 if is_selected else -1,
        className="view-tab view-tab--selected" if is_selected else "view-tab",
        **{"aria-selected": "true" if is_selected else "false", "aria-controls": pane_id(view)},
    )


def pane_attributes(view: str) -> dict:
    """What makes a view's pane the ``tabpanel`` of its tab; spread into the pane's Div."""
    return {"id": pane_id(view), "role": "tabpanel", "aria-labelledby": tab_id(view)}


def register(app: Dash) -> None:
    """The two client-side callbacks between the tabs and the ``view`` value (assets/keyboard.js
    defines them, in ``window.dash_clientside.tabs``)."""
    app.clientside_callback(
        ClientsideFunction("tabs", "chosen"),
        Output("view", "value", allow_duplicate=True),
        [Input(tab_id(view), "n_clicks") for view in VIEWS],
        prevent_initial_call=True,
    )
    app.clientside_callback(
        ClientsideFunction("tabs", "shown"),
        [Output(tab_id(view), "aria-selected") for view in VIEWS]
        + [Output(tab_id(view), "tabIndex") for view in VIEWS]
        + [Output(tab_id(view), "className") for view in VIEWS],
        Input("view", "value"),
    )
