"""The stance tracker: a matrix of actors × topics, and a per-topic stance timeline.

Each cell shows the stance held at the end of the date range, by colour (a colour-blind-safe
diverging scale) and by a symbol (✓ supports, ✗ opposes, ≈ conditional, ? ambiguous,
○ neutral), so no reading rests on colour alone. A cell whose stance changed within the
range is marked with ⟲ and a heavy border.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import plotly.graph_objects as go

from ..model import STANCES, Dataset, Position
from ..positions import Cell, StanceMatrix
from .common import empty_dict
from .style import GRID, HIGHLIGHT, MUTED, STANCE_COLORS, STANCE_SYMBOLS, base_layout, plain, shorten

CELL_HEIGHT = 34
NO_STANCE_COLOR = "#ffffff"


#: Topic headers longer than this are cut with an ellipsis (the full name is in the hover).
TOPIC_HEADER_LENGTH = 44


def cell_node(actor: str, topic: str) -> str:
    """The selection id of a matrix cell."""
    return f"stance:{actor}/{topic}"


def positions_figure(matrix: StanceMatrix, dataset: Dataset, selected: str | None = None) -> go.Figure:
    """:func:`positions_dict` as a Plotly figure (for images)."""
    return go.Figure(positions_dict(matrix, dataset, selected))


def positions_dict(matrix: StanceMatrix, dataset: Dataset, selected: str | None = None) -> dict:
    """The stance matrix as a plain figure dict (as the page sends it); ``selected``
    (``stance:actor/topic``) is outlined."""
    if not matrix.actors or not matrix.topics:
        return empty_dict("No positions match these filters", "Positions follow the actor, topic and date filters.")
    names = Names(dataset)
    places = MatrixPlaces.of(matrix)
    traces = [
        _stance_cells(stance, cells, places, names) for stance, cells in _cells_by_stance(matrix).items() if cells
    ]
    traces.append(_changed_outlines(matrix, places))
    traces += _selected_outline(selected, matrix, places)
    return {"data": traces, "layout": _matrix_layout(matrix, names)}


@dataclass(frozen=True)
class Names:
    """Display names of a dataset's actors and topics (an id not in the dataset: the id)."""

    dataset: Dataset

    def actor(self, actor: str, limit: int | None = None) -> str:
        found = self.dataset.actor_by_id.get(actor)
        return _shown(found.name if found else actor, limit)

    def topic(self, topic: str, limit: int | None = None) -> str:
        found = self.dataset.topic_by_id.get(topic)
        return _shown(found.name if found else topic, limit)


def _shown(name: str, limit: int | None) -> str:
    return plain(shorten(name, limit) if limit else name)


@dataclass(frozen=True)
class MatrixPlaces:
    """Where a matrix cell is drawn: its topic's column (x) and its actor's row (y)."""

    columns: dict[str, int]
    rows: dict[str, int]

    @classmethod
    def of(cls, matrix: StanceMatrix) -> MatrixPlaces:
        return cls({t: i for i, t in enumerate(matrix.topics)}, {a: i for i, a in enumerate(matrix.actors)})

    def of_cell(self, cell: Cell) -> tuple[int, int]:
        return self.columns[cell.topic], self.rows[cell.actor]


def _cells_by_stance(matrix: StanceMatrix) -> dict[str | None, list[Cell]]:
    """The matrix's cells by the stance they hold (None: no position), in legend order."""
    groups: dict[str | None, list[Cell]] = {stance: [] for stance in (*STANCES, None)}
    for cell in matrix.cells.values():
        if cell.stance in groups:
            groups[cell.stance].append(cell)
    return groups


def _stance_cells(stance: str | None, cells: list[Cell], places: MatrixPlaces, names: Names) -> dict:
    """The trace of the cells holding ``stance``: coloured squares with its symbol; the cells
    with no position are white and blank (they would only repeat a dot, and every text
    costs Plotly work on each redraw, as each step of the time cursor is)."""
    symbol = STANCE_SYMBOLS.get(stance, "") if stance else ""
    color = STANCE_COLORS.get(stance, NO_STANCE_COLOR) if stance else NO_STANCE_COLOR
    points = [places.of_cell(cell) for cell in cells]
    return {
        "type": "scatter",
        "x": [x for x, _ in points],
        "y": [y for _, y in points],
        "mode": "markers+text" if stance else "markers",
        "marker": {"symbol": "square", "size": 30, "color": color, "line": {"width": 1, "color": "#9aa5b1"}},
        "text": [symbol + (" ⟲" if cell.has_changed else "") for cell in cells],
        "textfont": {"size": 13, "color": "#ffffff" if stance in ("supports", "opposes") else "#1f2933"},
        "customdata": [[cell_node(cell.actor, cell.topic), _cell_hover(cell, names)] for cell in cells],
        "hovertemplate": "%{customdata[1]}<extra></extra>",
        "name": f"{STANCE_SYMBOLS.get(stance, '')} {stance}" if stance else "no position",
    }


def _cell_hover(cell: Cell, names: Names) -> str:
    """A cell's hover text: who, on what, the stance held and since when, its changes."""
    since = f" since {cell.held_since.describe()}" if cell.held_since else ""
    changes = "".join(f"<br>{plain(c.date.describe())}: {plain(c.before)} → {plain(c.after)}" for c in cell.changes)
    return (
        f"<b>{names.actor(cell.actor)}</b> on <b>{names.topic(cell.topic)}</b>"
        f"<br>{plain(cell.stance or 'no position recorded')}{plain(since)}"
        + (" (tied: several stances that day)" if cell.is_tied else "")
        + changes
        + (f"<br>{statements(len(cell.positions))} — click to read" if cell.positions else "")
    )


def _outline(x: list, y: list, size: int, color: str, width: float, name: str, **extra) -> dict:
    """Open-square markers around cells, so they match the cells in pixels whatever the aspect."""
    return {
        "type": "scatter",
        "x": x,
        "y": y,
        "mode": "markers",
        "marker": {"symbol": "square-open", "size": size, "color": color, "line": {"width": width}},
        "cliponaxis": False,  # an outline is larger than its row: the top row's would be cut
        "hoverinfo": "skip",
        "name": name,
        **extra,
    }


def _changed_outlines(matrix: StanceMatrix, places: MatrixPlaces) -> dict:
    """The heavy borders of the cells whose stance changed in the range (always a trace, so
    the legend always explains ⟲)."""
    changed = [places.of_cell(cell) for cell in matrix.cells.values() if cell.has_changed]
    xs, ys = [x for x, _ in changed] or [None], [y for _, y in changed] or [None]
    return _outline(xs, ys, 36, "#5b3a00", 2.5, "⟲ changed in range")


def _selected_outline(selected: str | None, matrix: StanceMatrix, places: MatrixPlaces) -> list[dict]:
    """The outline of the selected cell (``stance:actor/topic``), when it is in the matrix."""
    if not selected or not selected.startswith("stance:"):
        return []
    actor, _, topic = selected.removeprefix("stance:").partition("/")
    if actor not in places.rows or topic not in places.columns:
        return []
    return [_outline([places.columns[topic]], [places.rows[actor]], 42, HIGHLIGHT, 4, "selected", showlegend=False)]


def _matrix_layout(matrix: StanceMatrix, names: Names) -> dict:
    """Topics as columns (headers on top, at 45°), actors as rows, the legend below."""
    headers = [names.topic(t, TOPIC_HEADER_LENGTH) for t in matrix.topics]
    # "allow": the names stand in margins made for them; plotly's default for these axes
    # measures every name against the page on each redraw (a fifth of a time-cursor step).
    fixed = {"showgrid": False, "zeroline": False, "fixedrange": True, "ticklabeloverflow": "allow"}
    return base_layout(
        height=max(370, 200 + CELL_HEIGHT * len(matrix.actors)),
        margin={"l": 10, "r": _right_margin(headers), "t": 200, "b": 10},
        hovermode="closest",
        legend={"orientation": "h", "x": 0, "y": -0.02, "yanchor": "top", "font": {"size": 12}},
        meta={"actors": list(matrix.actors), "topics": list(matrix.topics)},
        dragmode=False,
        # One line each at 45°: two lines, or a flatter angle, run into the next header.
        xaxis={
            "tickvals": list(range(len(matrix.topics))),
            "ticktext": headers,
            "side": "top",
            "tickangle": -45,
            "range": [-0.6, len(matrix.topics) - 0.4],
            **fixed,
        },
        yaxis={
            "tickvals": list(range(len(matrix.actors))),
            "ticktext": [names.actor(a, 28) for a in matrix.actors],
            "range": [len(matrix.actors) - 0.5, -0.5],
            "automargin": True,
            **fixed,
        },
    )


def stance_timeline_figure(matrix: StanceMatrix, dataset: Dataset, topic: str) -> go.Figure:
    """:func:`stance_timeline_dict` as a Plotly figure."""
    return go.Figure(stance_timeline_dict(matrix, dataset, topic))


def stance_timeline_dict(matrix: StanceMatrix, dataset: Dataset, topic: str) -> dict:
    """How each actor's stance on ``topic`` moved, as a plain figure dict: one lane per actor,
    a marker per dated position (colour and symbol by stance), joined by a line while the
    stance holds."""
    topic_name = dataset.topic_by_id[topic].name if topic in dataset.topic_by_id else topic
    cells = [matrix.cell(actor, topic) for actor in matrix.actors]
    cells = [c for c in cells if c is not None and c.positions]
    if not cells:
        return empty_dict(f"No positions on {topic_name} in this range", height=220)
    names = Names(dataset)
    traces = [_held_line(lane, cell) for lane, cell in enumerate(cells)]
    traces += _statement_markers(cells, names)
    return {"data": traces, "layout": _stance_timeline_layout(cells, names, topic_name)}


def _position_day(position) -> dt.date:
    """Where a position is drawn: the middle of its (fuzzy) date."""
    return position.date.first + (position.date.last - position.date.first) / 2


def _held_line(lane: int, cell: Cell) -> dict:
    """A line along an actor's lane, from its first dated position to its last."""
    dates = [_position_day(p) for p in cell.positions]
    return {
        "type": "scatter",
        "x": dates,
        "y": [lane] * len(dates),
        "mode": "lines",
        "line": {"color": GRID, "width": 2, "shape": "hv"},
        "hoverinfo": "skip",
        "showlegend": False,
    }


def _statement_markers(cells: list[Cell], names: Names) -> list[dict]:
    """One marker trace per stance: each position stated, in its actor's lane."""
    by_stance: dict[str, list[tuple[int, Cell, Position]]] = {s: [] for s in STANCES}
    for lane, cell in enumerate(cells):
        for position in cell.positions:
            by_stance[position.stance].append((lane, cell, position))
    return [_stance_markers(stance, points, names) for stance, points in by_stance.items() if points]


def _stance_markers(stance: str, points: list[tuple[int, Cell, Position]], names: Names) -> dict:
    return {
        "type": "scatter",
        "x": [_position_day(position) for _, _, position in points],
        "y": [lane for lane, _, _ in points],
        "mode": "markers+text",
        "text": [STANCE_SYMBOLS[stance]] * len(points),
        "textfont": {"size": 11, "color": "#ffffff" if stance in ("supports", "opposes") else "#1f2933"},
        "marker": {"size": 20, "color": STANCE_COLORS[stance], "line": {"width": 1, "color": MUTED}},
        "customdata": [
            [cell_node(cell.actor, position.topic), _statement_hover(cell, position, names)]
            for _, cell, position in points
        ],
        "hovertemplate": "%{customdata[1]}<extra></extra>",
        "name": stance,
        "showlegend": False,
    }


def _statement_hover(cell: Cell, position: Position, names: Names) -> str:
    quote = f"<br>“{plain(shorten(position.quote, 120))}”" if position.quote else ""
    return f"<b>{names.actor(cell.actor)}</b>: {plain(position.stance)}<br>{plain(position.date.describe())}{quote}"


def _stance_timeline_layout(cells: list[Cell], names: Names, topic_name: str) -> dict:
    """Dates across (padded: a single position would otherwise get an axis microseconds
    wide), one lane per actor down."""
    days = [_position_day(p) for cell in cells for p in cell.positions]
    padding = max(dt.timedelta(days=45), (max(days) - min(days)) * 0.05)
    return base_layout(
        height=max(220, 90 + 34 * len(cells)),
        margin={"l": 10, "r": 20, "t": 36, "b": 30},
        title={"text": f"Stances on {plain(topic_name)} over time", "x": 0.01, "font": {"size": 14}},
        hovermode="closest",
        xaxis={
            "type": "date",
            "showgrid": True,
            "gridcolor": GRID,
            "range": [min(days) - padding, max(days) + padding],
        },
        yaxis={
            "tickvals": list(range(len(cells))),
            "ticktext": [names.actor(c.actor, 28) for c in cells],
            "range": [len(cells) - 0.5, -0.5],
            "fixedrange": True,
            "zeroline": False,
            "showgrid": False,
            "automargin": True,
        },
    )


def statements(count: int) -> str:
    """``1 statement``, ``3 statements``."""
    return f"{count} statement{'' if count == 1 else 's'}"


def _right_margin(headers: list[str]) -> int:
    """Room right of the plot for the legend and for the last headers, which run up and to
    the right at 45° (plotly hides a label that would leave the figure)."""
    reach = max((len(text) * 6.5 * 0.71 - 40 * (len(headers) - 1 - i) for i, text in enumerate(headers)), default=0)
    return max(150, int(reach) + 20)
