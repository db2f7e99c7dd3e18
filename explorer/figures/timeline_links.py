"""Links between events on the timeline: lines between shown events, and, in a band above
the lanes, markers for linked events that the timeline does not show where they stand (out
of the shown period, or filtered out), so an analogy never vanishes under a filter.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from ..graph import View, event_node, related_events
from ..model import Event
from .style import LINK_LABELS, LINK_STYLES, MUTED, plain, shorten
from .timeline_lanes import LanePlan, band_shape
from .timeline_period import marker_date

# Links drawn only on request (click their legend entry): they chain many events and clutter.
QUIET_LINKS = {"follows", "related_to"}
#: Rows of the band above the lanes where links leading out of view are marked.
LINK_BAND_ROWS = 2
FILTERED_OUT_LINKS = "linked, filtered out"
#: The axis the event traces are drawn on (see explorer.figures.timeline: the top date axis,
#: tied to the bottom one, so the overview strip does not draw them again).
EVENT_AXIS = "x2"
#: A link marker's far event's title is cut to this many characters, or fewer where its
#: marker must share its row (see analogy_markers), down to MIN_TITLE_CHARS.
TITLE_CHARS, MIN_TITLE_CHARS = 24, 8


@dataclass
class FarLink:
    """An event linked from shown events that the timeline does not show where it stands:
    outside the shown period (``side`` ``"before"`` or ``"after"``) or filtered out
    (``is_filtered_out``; ``side`` ``"inside"`` when it falls in the shown period)."""

    event: Event
    kind: str
    direction: str
    sources: list[Event]
    side: str
    is_filtered_out: bool

    def label(self, title_chars: int = TITLE_CHARS) -> str:
        """``compared to Yalta conference of Ro… (4 Feb 1945) ×2 · filtered out``: the link,
        the far event (its title cut to ``title_chars``), how many shown events link to it,
        and whether the filters hide it."""
        labels = LINK_LABELS.get(self.kind, (self.kind, self.kind))
        title = shorten(self.event.title, title_chars)
        text = f"{labels[0 if self.direction == 'out' else 1]} {title} ({self.event.date.describe()})"
        if len(self.sources) > 1:
            text += f" ×{len(self.sources)}"
        if self.is_filtered_out:
            text += " · filtered out"
        return text


def far_links(view: View, focus: tuple[dt.date, dt.date], drawn: tuple[Event, ...] | None = None) -> list[FarLink]:
    """The events that ``drawn`` events in ``focus`` link to (or are linked from) and that are
    outside ``focus`` or filtered out of ``view``; quiet links (follows, related to) aside.
    Nearest first on each side."""
    start, end = focus
    in_view = {event.id for event in view.events}
    found: dict[str, FarLink] = {}
    for event in view.events if drawn is None else drawn:
        if event.last < start or event.first > end:
            continue
        for direction, kind, other in related_events(view.dataset, event.id):
            day = marker_date(other)
            side = "before" if day < start else "after" if day > end else "inside"
            is_filtered_out = other.id not in in_view
            if kind in QUIET_LINKS or (side == "inside" and not is_filtered_out):
                continue
            link = found.setdefault(other.id, FarLink(other, kind, direction, [], side, is_filtered_out))
            if event not in link.sources:
                link.sources.append(event)
    return sorted(found.values(), key=lambda link: abs((marker_date(link.event) - start).days))


def filtered_out_links(view: View, drawn: tuple[Event, ...] | None = None) -> list[FarLink]:
    """The events the filters hide that ``drawn`` events (default: all of the view's) link to."""
    everything = (dt.date.min, dt.date.max)
    return [link for link in far_links(view, everything, drawn) if link.is_filtered_out]


def has_link_band(view: View, drawn: tuple[Event, ...]) -> bool:
    """Whether the timeline keeps a band above the lanes for links that lead out of view:
    when any drawn event has a link that is drawn there (not a quiet one)."""
    links_into = view.dataset.links_into
    return any(
        link.kind not in QUIET_LINKS
        for event in drawn
        for link in [*event.links, *(link for _, link in links_into.get(event.id, []))]
    )


def band_y(row: int) -> float:
    """The y of row ``row`` of the link band (0: next to the first lane)."""
    return -1.0 - row


def band_name() -> str:
    """The link band's name on the y axis."""
    return f"<i style='color:{MUTED}'>links out of view</i>"


def link_band_shape(rows: int) -> dict:
    """The faint background of the link band above the lanes."""
    return band_shape(-0.5 - rows, -0.5, "rgba(250, 244, 236, 0.7)")


def analogy_markers(
    view: View, focus: tuple[dt.date, dt.date], drawn: tuple[Event, ...] | None = None, plot_width: float = 640
) -> list[dict]:
    """Edge markers for linked events outside ``focus`` (filtered out or not), in the link
    band above the lanes, so they never cover an event: earlier ones at the left edge,
    later ones at the right, nearest first, one per band row; past the band's rows one
    "N more" marker sums up the rest. Each names the far event and its date; its ``name``
    is ``goto:event:ID`` so a click can jump there. Where a row has a marker on each side,
    each has half of the ``plot_width`` (pixels) and its title is cut to fit."""
    links = far_links(view, focus, drawn)
    first_row = 1 if filtered_out_links(view, drawn) else 0
    rows = {side: min(LINK_BAND_ROWS, sum(link.side == side for link in links)) for side in ("before", "after")}
    markers = []
    for side in ("before", "after"):
        on_side = [link for link in links if link.side == side]
        shown = on_side if len(on_side) <= LINK_BAND_ROWS else on_side[: LINK_BAND_ROWS - 1]
        for row, link in enumerate(shown):
            width = plot_width / 2 if row < min(rows.values()) else plot_width
            label = link.label(_title_chars(link, width))
            markers.append(_edge_marker(label, side, first_row + row, f"goto:{event_node(link.event.id)}"))
        if len(shown) < len(on_side):
            rest = on_side[len(shown) :]
            text = f"{len(rest)} more linked events {'earlier' if side == 'before' else 'later'}"
            marker = _edge_marker(text, side, first_row + len(shown), "")
            marker["hovertext"] = plain("<br>".join(link.label() for link in rest[:12]))
            markers.append(marker)
    return markers


#: About how wide a character of a link marker's text is (11 px type), and the marker's own
#: padding, border and arrow, in pixels.
MARKER_CHAR_PX, MARKER_FRAME_PX = 6.5, 24


def _title_chars(link: FarLink, width: float) -> int:
    """How much of ``link``'s far event's title fits its marker in ``width`` pixels (at most
    TITLE_CHARS characters, at least MIN_TITLE_CHARS)."""
    rest = len(link.label()) - len(shorten(link.event.title, TITLE_CHARS))
    return max(MIN_TITLE_CHARS, min(TITLE_CHARS, int((width - MARKER_FRAME_PX) / MARKER_CHAR_PX) - rest))


def _edge_marker(text: str, side: str, row: int, name: str) -> dict:
    is_before = side == "before"
    return {
        "x": 0.002 if is_before else 0.998,
        "xref": "paper",
        "xanchor": "left" if is_before else "right",
        "y": band_y(row),
        "yref": "y",
        "text": plain(f"◀ {text}" if is_before else f"{text} ▶"),
        "showarrow": False,
        "bgcolor": "rgba(255, 244, 229, 0.95)",
        "bordercolor": LINK_STYLES["compares_to"][0],
        "borderwidth": 1.5 if name else 0.5,
        "borderpad": 3,
        "font": {"size": 11, "color": "#7a3100"},
        "captureevents": bool(name),
        "name": name,
    }


def filtered_out_trace(hidden: list[FarLink]) -> dict:
    """Grey diamonds in the link band's first row at the dates of linked events that the
    filters hide; hover names them, a click selects them."""
    return dict(
        type="scatter",
        x=[marker_date(link.event) for link in hidden],
        y=[band_y(0)] * len(hidden),
        xaxis=EVENT_AXIS,
        mode="markers",
        marker={"symbol": "diamond", "size": 11, "color": "#c3c9d0", "line": {"width": 1, "color": MUTED}},
        customdata=[[event_node(link.event.id), plain(link.label()), ""] for link in hidden],
        hovertemplate="%{customdata[1]}<extra></extra>",
        showlegend=False,
        name=FILTERED_OUT_LINKS,
    )


def link_line_traces(plan: LanePlan, drawn: tuple[Event, ...]) -> list[dict]:
    """Lines between linked events both drawn, one trace per link kind (its colour and dash,
    a legend entry); quiet kinds are drawn only once their legend entry is clicked."""
    in_view = {event.id: event for event in drawn}
    lines: dict[str, tuple[list, list]] = defaultdict(lambda: ([], []))
    for event in drawn:
        for link in event.links:
            target = in_view.get(link.to)
            if target is None:
                continue
            xs, ys = lines[link.kind]
            xs += [marker_date(event), marker_date(target), None]
            ys += [plan.y(event, plan.lanes_of(event)[0]), plan.y(target, plan.lanes_of(target)[0]), None]
    return [_link_trace(kind, xs, ys) for kind, (xs, ys) in sorted(lines.items())]


def _link_trace(kind: str, xs: list, ys: list) -> dict:
    color, dash = LINK_STYLES.get(kind, (MUTED, "dot"))
    return line_trace(
        xs,
        ys,
        LINK_LABELS.get(kind, (kind,))[0],
        {"color": color, "dash": dash, "width": 1.6},
        visible="legendonly" if kind in QUIET_LINKS else True,
        legendgroup="links",
        legendgrouptitle={"text": "Links"},
    )


def line_trace(xs: list, ys: list, name: str, line: dict, **more) -> dict:
    """Line segments (separated by None) between events, with no hover."""
    trace = dict(type="scatter", x=xs, y=ys, xaxis=EVENT_AXIS, mode="lines", line=line, hoverinfo="skip", name=name)
    return trace | more
