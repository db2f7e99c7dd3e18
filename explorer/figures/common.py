"""Pieces every figure uses: the empty state and the title/caption block."""

from __future__ import annotations

import plotly.graph_objects as go

from .style import MUTED, base_layout, plain


def empty_figure(message: str, detail: str = "", height: int = 360) -> go.Figure:
    """A figure with no axes that says why it is empty."""
    figure = go.Figure(layout=base_layout(height=height))
    figure.update_xaxes(visible=False)
    figure.update_yaxes(visible=False)
    text = f"<b>{plain(message)}</b>"
    if detail:
        text += f"<br><span style='color:{MUTED}'>{plain(detail)}</span>"
    figure.add_annotation(text=text, x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False, font={"size": 15})
    figure.layout.meta = {"empty": True}
    return figure


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


def quiet_lines(xs: list, ys: list, color: str, width: float, name: str) -> go.Scatter:
    """Line segments (separated by None) with no hover and no legend entry."""
    return go.Scatter(
        x=xs,
        y=ys,
        mode="lines",
        line={"color": color, "width": width},
        hoverinfo="skip",
        showlegend=False,
        name=name,
    )
