"""The network view's toolbar: what is shown (ego network, the rest, how many nodes), how it
looks (nodes, size, colour), a path from the selection, and the export control.

Each control sits under its label in a group that never splits when the toolbar wraps, and
the choices of more than two options are dropdowns, so the toolbar takes two rows in the
1280-pixel-wide page and one or two in wider ones (assets/network.css)."""

from __future__ import annotations

from dash import dcc, html

from ..analysis import MEASURES, betweenness_method
from .ego_controls import hops_options
from .state import PageState


def network_toolbar(actor_choices: list[dict], export: html.Div, node_count: int) -> html.Div:
    """The toolbar; ``actor_choices`` are the path dropdown's options, ``export`` the view's
    export control, ``node_count`` the graph's size (which says how betweenness is computed)."""
    return html.Div(
        className="toolbar network-toolbar",
        children=[
            html.Div(
                className="toolbar-group",
                children=[
                    html.Span("Ego network", className="toolbar-label"),
                    # The choices say when they do not apply (explorer/web/ego_controls.py).
                    dcc.RadioItems(id="hops", options=hops_options(PageState(view="network")), value=0, inline=True),
                    html.Span(id="hops-hint", className="toolbar-hint"),
                ],
            ),
            radio_group("Outside the filters", "hide", {0: "fade", 1: "hide"}),
            dropdown_group("Show", "limit", {str(n): f"{n:,}" for n in (400, 1500, 5000)} | {"all": "all"}),
            dropdown_group("Nodes", "mode", {"events": "actors & events", "actors": "actors only"}),
            dropdown_group("Size by", "measure", measure_labels(node_count)),
            dropdown_group("Colour by", "color", {"kind": "kind", "community": "community"}),
            html.Div(
                className="toolbar-group",
                children=[
                    html.Label("Path from the selection to", htmlFor="path-to", className="toolbar-label"),
                    dcc.Dropdown(id="path-to", options=actor_choices, placeholder="an actor", className="path-choice"),
                ],
            ),
            export,
        ],
    )


def measure_labels(node_count: int) -> dict[str, str]:
    """The measures' names; betweenness says when it is estimated (on large graphs)."""
    labels = dict(MEASURES)
    if betweenness_method(node_count) != "exact":
        labels["betweenness"] = "betweenness (estimated)"
    return labels


def radio_group(label: str, control_id: str, choices: dict) -> html.Div:
    """A label over inline radio buttons; ``choices`` maps values to labels, the first is the default."""
    return html.Div(
        className="toolbar-group",
        children=[
            html.Span(label, className="toolbar-label"),
            dcc.RadioItems(
                id=control_id,
                options=[{"label": text, "value": value} for value, text in choices.items()],
                value=next(iter(choices)),
                inline=True,
            ),
        ],
    )


def dropdown_group(label: str, control_id: str, choices: dict) -> html.Div:
    """A label over a dropdown; ``choices`` maps values to labels, the first is the default."""
    return html.Div(
        className="toolbar-group",
        children=[
            html.Label(label, htmlFor=control_id, className="toolbar-label"),
            dcc.Dropdown(
                id=control_id,
                options=[{"label": text, "value": value} for value, text in choices.items()],
                value=next(iter(choices)),
                clearable=False,
                searchable=False,
                className=f"network-choice {control_id}-choice",
            ),
        ],
    )
