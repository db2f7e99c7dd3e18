"""Graphs whose figure sets its own height get a box of that height.

dcc.Graph in responsive mode drops the figure's height and draws the plot at 100 % of its
box, and the box of a graph has no height of its own (it is as tall as what is drawn in it).
When the figure arrives while its pane is hidden, or before Plotly has measured anything,
the plot is drawn 0 px tall and stays so (its box never changes size, so nothing resizes
it): the positions matrix vanished under the stance chart until the window was resized.
A box as tall as the figure asks for gives the plot a definite height, and its change of
size when the pane is shown makes dcc.Graph redraw it.
"""

from __future__ import annotations

from dash import Dash, Input, Output

#: Graphs drawn at their figure's height (the timeline and the network size themselves).
SIZED_GRAPHS = ("positions", "stance-timeline")

BOX_OF_FIGURE_JS = """(figure) => {
    const height = figure && figure.layout && figure.layout.height;
    return height ? {height: height + 'px'} : window.dash_clientside.no_update;
}"""


def register(app: Dash) -> None:
    """Give each graph of SIZED_GRAPHS the height of its figure, whenever its figure changes."""
    for graph_id in SIZED_GRAPHS:
        app.clientside_callback(BOX_OF_FIGURE_JS, Output(graph_id, "style"), Input(graph_id, "figure"))
