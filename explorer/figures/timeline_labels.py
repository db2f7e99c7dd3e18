"""Where event titles fit beside their markers on the timeline, and where markers are too
dense to label and gather into "+N" clusters. Pure geometry over pixel positions, so it is
tested without a browser; :mod:`explorer.figures.timeline` draws the result."""

from __future__ import annotations

import math
from dataclasses import dataclass

#: Width of one character of a 10 px label, generous so an estimate never overlaps.
CHAR_PX = 6.2
#: Gap between a marker's centre and its label, and between a label and the next marker.
LABEL_OFFSET_PX = 9
MARKER_GAP_PX = 9
MIN_LABEL_CHARS = 8
MAX_LABEL_CHARS = 40
#: Markers closer than this (centre to centre) are too dense to label one by one.
CLUSTER_PX = 12
MIN_CLUSTER = 3
#: Room a "+N" badge needs right of its cluster's last marker.
BADGE_PX = 34


@dataclass(frozen=True)
class Mark:
    """A marker in a lane: its x in pixels from the plot's left, its event, the title to
    show, and whether this lane is where the event's title goes (an event in several lanes
    is labelled once)."""

    x: float
    event_id: str
    title: str
    is_labelled_here: bool = True


@dataclass(frozen=True)
class Label:
    event_id: str
    text: str


@dataclass(frozen=True)
class Cluster:
    """Markers too close to label: how many events, and the first and last marker's x."""

    count: int
    first_x: float
    last_x: float


def fit_title(title: str, room_px: float) -> str | None:
    """``title`` shortened (with an ellipsis) to fit ``room_px``, or None when too little fits."""
    chars = min(MAX_LABEL_CHARS, math.floor(room_px / CHAR_PX))
    if chars < MIN_LABEL_CHARS:
        return None
    return title if len(title) <= chars else title[: chars - 1].rstrip() + "…"


def place_labels(marks: list[Mark], plot_width: float) -> list[Label]:
    """Labels for one lane: each stands right of its marker and ends before the next marker
    (and the plot's edge), so no label covers a marker or another label.

    >>> place_labels([Mark(10, "a", "Alaska summit"), Mark(400, "b", "Call")], 500)
    [Label(event_id='a', text='Alaska summit')]
    """
    ordered = sorted(marks, key=lambda mark: mark.x)
    labels = []
    for mark, following in zip(ordered, [*ordered[1:], None][: len(ordered)], strict=True):
        if not mark.is_labelled_here or not 0 <= mark.x <= plot_width:
            continue
        end = min(plot_width, following.x - MARKER_GAP_PX if following else plot_width)
        text = fit_title(mark.title, end - mark.x - LABEL_OFFSET_PX)
        if text:
            labels.append(Label(mark.event_id, text))
    return labels


def clusters_and_titles(marks: list[Mark], plot_width: float) -> tuple[list[Cluster], list[Label]]:
    """One lane's clusters and labels: markers in a cluster are not labelled one by one; a
    cluster's "+N" badge stands right of its last marker, in the room a label would take, so
    it covers no marker and no title; a cluster with no such room gets no badge."""
    clusters = find_clusters(marks, plot_width)

    def in_cluster(mark: Mark) -> bool:
        return any(cluster.first_x <= mark.x <= cluster.last_x for cluster in clusters)

    quiet = [Mark(m.x, m.event_id, m.title, m.is_labelled_here and not in_cluster(m)) for m in marks]
    with_room = []
    for cluster in clusters:
        following = [mark.x for mark in marks if mark.x > cluster.last_x]
        end = min([plot_width, *(x - MARKER_GAP_PX for x in following)])
        if end - cluster.last_x - LABEL_OFFSET_PX >= BADGE_PX:
            with_room.append(cluster)
    return with_room, place_labels(quiet, plot_width)


def find_clusters(marks: list[Mark], plot_width: float) -> list[Cluster]:
    """Runs of at least MIN_CLUSTER markers in one lane, each closer than CLUSTER_PX to the
    next, among the markers inside the plot."""
    xs = sorted(mark.x for mark in marks if 0 <= mark.x <= plot_width)
    clusters, run = [], xs[:1]
    for x in xs[1:]:
        if x - run[-1] < CLUSTER_PX:
            run.append(x)
            continue
        if len(run) >= MIN_CLUSTER:
            clusters.append(Cluster(len(run), run[0], run[-1]))
        run = [x]
    if len(run) >= MIN_CLUSTER:
        clusters.append(Cluster(len(run), run[0], run[-1]))
    return clusters
