"""Notices the page shows above the views, taken from what a figure would otherwise say
inside its plot.

The timeline of a period too full to draw event by event says so in an annotation, which
an exported image keeps; in the page it sat over the top of the plot (and its axis) and
ran past the plot's right edge, so the page shows it as a notice instead.
"""

from __future__ import annotations

import html as entities

from dash import html

from ..figures.timeline import DENSE_HINT


def take_dense_hint(figure: dict) -> list:
    """The timeline ``figure``'s "too many events to draw" annotation as a notice (a list of
    none or one), removed from the figure (a dict, as the page's timeline is sent)."""
    annotations = figure["layout"].get("annotations") or []
    hints = [a for a in annotations if a.get("name") == DENSE_HINT]
    if not hints:
        return []
    figure["layout"]["annotations"] = [a for a in annotations if a.get("name") != DENSE_HINT]
    return [html.Div(entities.unescape(hint["text"]), className="notice empty") for hint in hints]
