"""The network toolbar's "Ego network" choice says when it cannot apply.

An ego network is drawn around a selected node of the actors-and-events network. With
nothing selected, with a selection that is not a node (a stance from the Positions view, a
pair of actors) or in the actors-only network, the hops would be ignored: the choices other
than "off" are disabled and a hint says what to select, so the toolbar never claims
"2 hops" while the whole network is drawn.
"""

from __future__ import annotations

from dash import Dash, Input, Output

from ..graph import split_node
from .state import PageState, parse_search

HOPS_CHOICES = {0: "off", 1: "1 hop", 2: "2 hops", 3: "3 hops"}

#: What a selection of each kind that is not a network node is, for the hint.
NOT_A_NODE = {"stance": "a stance", "pair": "a pair of actors"}


def ego_hint(state: PageState) -> str:
    """Why the hops cannot apply to ``state``'s network, or ``""`` when they do."""
    if state.mode != "events":
        return "(only in the actors & events network)"
    if not state.selected:
        return "(select an actor, event or topic)"
    kind, _ = split_node(state.selected)
    if kind in NOT_A_NODE:
        return f"({NOT_A_NODE[kind]} is not a node: select an actor, event or topic)"
    return ""


def drawn_hops(state: PageState) -> int:
    """The hops of the ego network ``state``'s network draws: its hops where they apply, else 0."""
    return 0 if ego_hint(state) else state.hops


def hops_options(state: PageState) -> list[dict]:
    """The hops radio options for ``state``: all but "off" disabled when they cannot apply."""
    cannot_apply = bool(ego_hint(state))
    return [
        {"label": label, "value": hops, "disabled": cannot_apply and hops > 0} for hops, label in HOPS_CHOICES.items()
    ]


def register(app: Dash, live) -> None:
    """Keep the hops choices and their hint in step with the URL; ``live`` holds the data."""

    # The URL less the timeline's period (timeline_zoom.py): a zoom changes no hops.
    # Not at load: the page's first measure of the URL (timeline_zoom.pageSearch) calls it.
    @app.callback(
        Output("hops", "options"),
        Output("hops-hint", "children"),
        Input("timeline-page-search", "data"),
        prevent_initial_call=True,
    )
    def show_ego_choices(search):
        state, _ = parse_search(search, live.current.dataset)
        return hops_options(state), ego_hint(state)
