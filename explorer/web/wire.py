"""Callback answers in the form Dash sends them, so they go to JSON in one step.

Dash encodes a callback's answer with plotly's ``to_json_plotly``: orjson first, and when
orjson meets an object it does not know (any Dash component), a walk in Python over the
whole answer, figures included, point by point. That walk took half the CPU of drawing a
new timeline. Components turned into the dicts Dash would send for them
(``Component.to_plotly_json``: type, namespace, props) leave orjson nothing to refuse.
"""

from __future__ import annotations

from typing import Any

from dash.development.base_component import Component


def plain_components(value: Any) -> Any:
    """``value`` with every Dash component in it (at any depth of children and props) as
    the dict Dash sends for it; anything else as it is.

    >>> from dash import html
    >>> plain_components([html.B("bold")])
    [{'props': {'children': 'bold'}, 'type': 'B', 'namespace': 'dash_html_components'}]
    """
    if isinstance(value, Component):
        sent = value.to_plotly_json()
        return {**sent, "props": {name: plain_components(prop) for name, prop in sent["props"].items()}}
    if isinstance(value, list | tuple):
        return [plain_components(item) for item in value]
    return value
