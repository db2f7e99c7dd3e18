"""Pieces every figure uses: the empty state and the title/caption block."""

from __future__ import annotations

import base64

import numpy as np
import plotly.graph_objects as go

from .style import MUTED, base_layout, plain


def empty_dict(message: str, detail: str = "", height: int = 360) -> dict:
    """A figure (as a plain dict, as the page sends it) with no axes that says why it is empty."""
    text = f"<b>{plain(message)}</b>"
    if detail:
        text += f"<br><span style='color:{MUTED}'>{plain(detail)}</span>"
    note = {
        "text": text,
        "x": 0.5,
        "y": 0.5,
        "xref": "paper",
        "yref": "paper",
        "showarrow": False,
        "font": {"size": 15},
    }
    layout = base_layout(
        height=height, xaxis={"visible": False}, yaxis={"visible": False}, annotations=[note], meta={"empty": True}
    )
    return {"data": [], "layout": layout}


def empty_figure(message: str, detail: str = "", height: int = 360) -> go.Figure:
    """:func:`empty_dict` as a Plotly figure (for images)."""
    return go.Figure(empty_dict(message, detail, height))


#: Pixels above the plot for an export's title and caption (with room above the title).
TITLE_BAND = 80


def add_title(figure: go.Figure, title: str, caption: str) -> go.Figure:
    """Put ``title`` and a ``caption`` line (filters, date range) above ``figure``'s plot,
    in a band of margin of their own."""
    margin_top = (figure.layout.margin.t or 0) + TITLE_BAND
    figure.update_layout(
        title={
            "text": f"{plain(title)}<br><span style='font-size:12px;color:{MUTED}'>{plain(caption)}</span>",
            "x": 0.01,
            "xanchor": "left",
            "xref": "container",
            "y": 1,
            "yanchor": "top",
            "yref": "container",
            "pad": {"t": 30},
            "font": {"size": 17},
        },
        margin={"t": margin_top},
    )
    if figure.layout.height:
        figure.update_layout(height=figure.layout.height + TITLE_BAND)
    return figure


def quiet_lines(xs: list, ys: list, color: str, width: float, name: str) -> dict:
    """A scatter trace (a dict) of line segments (separated by None) with no hover and no
    legend entry."""
    return {
        "type": "scatter",
        "x": xs,
        "y": ys,
        "mode": "lines",
        "line": {"color": color, "width": width},
        "hoverinfo": "skip",
        "showlegend": False,
        "name": name,
    }


def browser_arrays(figure: dict) -> dict:
    """``figure`` (a dict) with its traces' numpy arrays as the browser takes them, in place:
    numbers as plotly.js typed arrays (base64, as a Plotly figure sends them), anything else
    as lists. The network is built from numpy arrays (see :mod:`explorer.network_arrays`)."""
    for trace in figure["data"]:
        _encode_arrays(trace)
    return figure


def _encode_arrays(properties: dict) -> None:
    for key, value in properties.items():
        if isinstance(value, np.ndarray):
            properties[key] = typed_array(value) if value.dtype.kind == "f" and value.ndim == 1 else value.tolist()
        elif isinstance(value, dict):
            _encode_arrays(value)


def typed_array(values: np.ndarray) -> dict:
    """A 1-d float array as a plotly.js typed array spec (``dtype``, base64 ``bdata``), as
    plotly's ``to_typed_array_spec`` makes it; that one first asks narwhals whether the array
    is a dataframe, which took 0.4 ms an array, half of drawing a network.

    >>> typed_array(np.array([1.5], dtype=np.float32))
    {'dtype': 'f4', 'bdata': 'AADAPw=='}
    """
    little = values.astype(values.dtype.newbyteorder("<"), copy=False)
    return {"dtype": f"f{little.itemsize}", "bdata": base64.b64encode(np.ascontiguousarray(little)).decode("ascii")}


def meta_of(item: dict) -> dict:
    """The ``meta`` of a trace or layout (as dicts), or ``{}`` when it has none that is a dict."""
    meta = item.get("meta")
    return meta if isinstance(meta, dict) else {}
