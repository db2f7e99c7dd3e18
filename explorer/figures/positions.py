"""The stance tracker: a matrix of actors × topics, and a per-topic stance timeline.

Each cell shows the stance held at the end of the date range, by colour (a colour-blind-safe
diverging scale) and by a symbol (✓ supports, ✗ opposes, ≈ conditional, ? ambiguous,
○ neutral), so no reading rests on colour alone. A cell whose stance changed within the
range is marked with ⟲ and a heavy border.
"""

from __future__ import annotations

import datetime as dt

import plotly.graph_objects as go

from ..model import STANCES, Dataset
from ..positions import StanceMatrix
from .common import empty_figure
from .style import GRID, HIGHLIGHT, MUTED, STANCE_COLORS, STANCE_SYMBOLS, base_layout, plain, shorten

CELL_HEIGHT = 34
NO_STANCE_COLOR = "#ffffff"


#: Topic headers longer than this are cut with an ellipsis (the full name is in the hover).
TOPIC_HEADER_LENGTH = 44


def cell_node(actor: str, topic: str) -> str:
    """The selection id of a matrix cell."""
    return f"stance:{actor}/{topic}"


def positions_figure(matrix: StanceMatrix, dataset: Dataset, selected: str | None = None) -> go.Figure:
    """The stance matrix; ``selected`` (``stance:actor/topic``) is outlined."""
    if not matrix.actors or not matrix.topics:
        return empty_figure("No positions match these filters", "Positions follow the actor, topic and date filters.")
    actor_names = {a.id: a.name for a in dataset.actors}
    topic_names = {t.id: t.name for t in dataset.topics}
    figure = go.Figure()
    changed: list[tuple[int, int]] = []
    for stance in (*STANCES, None):
        xs, ys, texts, custom = [], [], [], []
        for (actor, topic), cell in matrix.cells.items():
            if cell.stance != stance:
                continue
            x, y = matrix.topics.index(topic), matrix.actors.index(actor)
            xs.append(x)
            ys.append(y)
            symbol = STANCE_SYMBOLS.get(stance, "") if stance else "·"
            texts.append(symbol + (" ⟲" if cell.has_changed else ""))
            since = f" since {cell.held_since.describe()}" if cell.held_since else ""
            changes = "".join(
                f"<br>{plain(c.date.describe())}: {plain(c.before)} → {plain(c.after)}" for c in cell.changes
            )
            hover = (
                f"<b>{plain(actor_names.get(actor, actor))}</b> on <b>{plain(topic_names.get(topic, topic))}</b>"
                f"<br>{plain(stance or 'no position recorded')}{plain(since)}"
                + (" (tied: several stances that day)" if cell.is_tied else "")
                + changes
                + (f"<br>{statements(len(cell.positions))} — click to read" if cell.positions else "")
            )
            custom.append([cell_node(actor, topic), hover])
            if cell.has_changed:
                changed.append((x, y))
        if not xs:
            continue
        figure.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="markers+text",
                marker={
                    "symbol": "square",
                    "size": 30,
                    "color": STANCE_COLORS.get(stance, NO_STANCE_COLOR) if stance else NO_STANCE_COLOR,
                    "line": {"width": 1, "color": "#9aa5b1"},
                },
                text=texts,
                textfont={"size": 13, "color": "#ffffff" if stance in ("supports", "opposes") else "#1f2933"},
                customdata=custom,
                hovertemplate="%{customdata[1]}<extra></extra>",
                name=f"{STANCE_SYMBOLS.get(stance, '')} {stance}" if stance else "no position",
            )
        )
    # Outlines as open-square markers, so they match the cells in pixels whatever the aspect.
    figure.add_trace(
        go.Scatter(
            x=[x for x, _ in changed] or [None],
            y=[y for _, y in changed] or [None],
            mode="markers",
            marker={"symbol": "square-open", "size": 36, "color": "#5b3a00", "line": {"width": 2.5}},
            cliponaxis=False,  # an outline is larger than its row: the top row's would be cut
            hoverinfo="skip",
            name="⟲ changed in range",
        )
    )
    if selected and selected.startswith("stance:"):
        actor, _, topic = selected.removeprefix("stance:").partition("/")
        if actor in matrix.actors and topic in matrix.topics:
            figure.add_trace(
                go.Scatter(
                    x=[matrix.topics.index(topic)],
                    y=[matrix.actors.index(actor)],
                    mode="markers",
                    marker={"symbol": "square-open", "size": 42, "color": HIGHLIGHT, "line": {"width": 4}},
                    cliponaxis=False,
                    hoverinfo="skip",
                    showlegend=False,
                    name="selected",
                )
            )
    height = max(370, 200 + CELL_HEIGHT * len(matrix.actors))
    headers = [plain(shorten(topic_names.get(t, t), TOPIC_HEADER_LENGTH)) for t in matrix.topics]
    figure.update_layout(
        base_layout(
            height=height,
            margin={"l": 10, "r": _right_margin(headers), "t": 200, "b": 10},
            hovermode="closest",
            legend={"orientation": "h", "x": 0, "y": -0.02, "yanchor": "top", "font": {"size": 12}},
            meta={"actors": list(matrix.actors), "topics": list(matrix.topics)},
            dragmode=False,
        )
    )
    figure.update_xaxes(
        tickvals=list(range(len(matrix.topics))),
        # One line each at 45°: two lines, or a flatter angle, run into the next header.
        ticktext=headers,
        side="top",
        tickangle=-45,
        range=[-0.6, len(matrix.topics) - 0.4],
        showgrid=False,
        zeroline=False,
        fixedrange=True,
    )
    figure.update_yaxes(
        tickvals=list(range(len(matrix.actors))),
        ticktext=[plain(shorten(actor_names.get(a, a), 28)) for a in matrix.actors],
        range=[len(matrix.actors) - 0.5, -0.5],
        showgrid=False,
        zeroline=False,
        fixedrange=True,
        automargin=True,
    )
    return figure


def stance_timeline_figure(matrix: StanceMatrix, dataset: Dataset, topic: str) -> go.Figure:
    """How each actor's stance on ``topic`` moved: one lane per actor, a marker per dated
    position (colour and symbol by stance), joined by a line while the stance holds."""
    topic_name = dataset.topic_by_id[topic].name if topic in dataset.topic_by_id else topic
    cells = [matrix.cell(actor, topic) for actor in matrix.actors]
    cells = [c for c in cells if c is not None and c.positions]
    if not cells:
        return empty_figure(f"No positions on {topic_name} in this range", height=220)
    actor_names = {a.id: a.name for a in dataset.actors}
    figure = go.Figure()
    by_stance: dict[str, tuple[list, list, list, list]] = {s: ([], [], [], []) for s in STANCES}
    for lane, cell in enumerate(cells):
        dates = [p.date.first + (p.date.last - p.date.first) / 2 for p in cell.positions]
        figure.add_trace(
            go.Scatter(
                x=dates,
                y=[lane] * len(dates),
                mode="lines",
                line={"color": GRID, "width": 2, "shape": "hv"},
                hoverinfo="skip",
                showlegend=False,
            )
        )
        for position, day in zip(cell.positions, dates, strict=True):
            xs, ys, texts, custom = by_stance[position.stance]
            xs.append(day)
            ys.append(lane)
            texts.append(STANCE_SYMBOLS[position.stance])
            quote = f"<br>“{plain(shorten(position.quote, 120))}”" if position.quote else ""
            hover = (
                f"<b>{plain(actor_names.get(cell.actor, cell.actor))}</b>: {plain(position.stance)}"
                f"<br>{plain(position.date.describe())}{quote}"
            )
            custom.append([cell_node(cell.actor, topic), hover])
    for stance, (xs, ys, texts, custom) in by_stance.items():
        if xs:
            figure.add_trace(
                go.Scatter(
                    x=xs,
                    y=ys,
                    mode="markers+text",
                    text=texts,
                    textfont={"size": 11, "color": "#ffffff" if stance in ("supports", "opposes") else "#1f2933"},
                    marker={"size": 20, "color": STANCE_COLORS[stance], "line": {"width": 1, "color": MUTED}},
                    customdata=custom,
                    hovertemplate="%{customdata[1]}<extra></extra>",
                    name=stance,
                    showlegend=False,
                )
            )
    figure.update_layout(
        base_layout(
            height=max(220, 90 + 34 * len(cells)),
            margin={"l": 10, "r": 20, "t": 36, "b": 30},
            title={"text": f"Stances on {plain(topic_name)} over time", "x": 0.01, "font": {"size": 14}},
            hovermode="closest",
        )
    )
    # Pad the dates: a single position would otherwise get an axis microseconds wide.
    days = [day for trace in figure.data for day in trace.x if day is not None]
    padding = max(dt.timedelta(days=45), (max(days) - min(days)) * 0.05)
    figure.update_xaxes(type="date", showgrid=True, gridcolor=GRID, range=[min(days) - padding, max(days) + padding])
    figure.update_yaxes(
        tickvals=list(range(len(cells))),
        ticktext=[plain(shorten(actor_names.get(c.actor, c.actor), 28)) for c in cells],
        range=[len(cells) - 0.5, -0.5],
        fixedrange=True,
        zeroline=False,
        showgrid=False,
        automargin=True,
    )
    return figure


def statements(count: int) -> str:
    """``1 statement``, ``3 statements``."""
    return f"{count} statement{'' if count == 1 else 's'}"


def _right_margin(headers: list[str]) -> int:
    """Room right of the plot for the legend and for the last headers, which run up and to
    the right at 45° (plotly hides a label that would leave the figure)."""
    reach = max((len(text) * 6.5 * 0.71 - 40 * (len(headers) - 1 - i) for i, text in enumerate(headers)), default=0)
    return max(150, int(reach) + 20)
