"""Colours, symbols and labels shared by every view, so a kind looks the same everywhere.

Colours come from colour-blind-safe qualitative palettes (Okabe–Ito and Paul Tol's), and
each kind also differs by symbol or dash, so no distinction rests on colour alone.
"""

from __future__ import annotations

import html

FONT = "Inter, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
INK = "#1f2933"
MUTED = "#7b8794"
GRID = "#e4e7eb"
BACKGROUND = "#ffffff"
HIGHLIGHT = "#111827"

# Event kinds, grouped by family: talk (blues), words (purples), deals (greens),
# force and pressure (reds/oranges), institutions (yellows/browns).
EVENT_COLORS = {
    "meeting": "#0072B2",
    "talks": "#56B4E9",
    "call": "#4477AA",
    "visit": "#66CCEE",
    "conference": "#004488",
    "statement": "#AA3377",
    "speech": "#CC79A7",
    "interview": "#882255",
    "agreement": "#009E73",
    "decision": "#117733",
    "sanction": "#E69F00",
    "military": "#D55E00",
    "annexation": "#CC3311",
    "election": "#997700",
    "inauguration": "#DDAA33",
    "other": "#888888",
}

ACTOR_COLORS = {
    "person": "#332288",
    "state": "#117733",
    "organization": "#882255",
    "group": "#AA4499",
    "company": "#999933",
    "media": "#44AA99",
}

TOPIC_COLOR = "#3E4C59"

LINK_STYLES = {
    # kind: (colour, dash)
    "compares_to": ("#D55E00", "dash"),
    "responds_to": ("#CC79A7", "dot"),
    "follows": ("#7b8794", "solid"),
    "part_of": ("#009E73", "dashdot"),
    "contradicts": ("#CC3311", "longdash"),
    "causes": ("#0072B2", "longdashdot"),
    "related_to": ("#999999", "dot"),
}

EDGE_STYLES = {
    # non-link edge types: (colour, dash, width)
    "participated": ("#b7bfc9", "solid", 1.0),
    "affiliated": ("#7b8794", "dot", 1.2),
    "concerns": ("#d9b24c", "dot", 1.2),
    "position": ("#9d7fd0", "dash", 1.2),
}

# Stances on a diverging, colour-blind-safe scale (blue = supports, red = opposes),
# with the undecided stances in neutral tones.
STANCE_COLORS = {
    "supports": "#2166AC",
    "conditional": "#92C5DE",
    "ambiguous": "#D9D9D9",
    "neutral": "#F7F7F7",
    "opposes": "#B2182B",
}
STANCE_SYMBOLS = {
    "supports": "✓",
    "conditional": "≈",
    "ambiguous": "?",
    "neutral": "○",
    "opposes": "✗",
}

LINK_LABELS = {
    # kind: (from the source's side, from the target's side)
    "compares_to": ("compared to", "compared to it by"),
    "responds_to": ("responds to", "responded to by"),
    "follows": ("follows", "followed by"),
    "part_of": ("part of", "includes"),
    "contradicts": ("contradicts", "contradicted by"),
    "causes": ("causes", "caused by"),
    "related_to": ("related to", "related to"),
}


def event_color(kind: str) -> str:
    return EVENT_COLORS.get(kind, EVENT_COLORS["other"])


def actor_color(kind: str) -> str:
    return ACTOR_COLORS.get(kind, MUTED)


def plain(text: object) -> str:
    """User text made inert for Plotly, whose labels understand a little HTML.

    Only ``& < >`` are escaped: Plotly decodes those entities but shows ``&quot;`` as is.
    """
    return html.escape(str(text), quote=False)


def shorten(text: str, limit: int = 48) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def base_layout(**overrides: object) -> dict:
    """The layout every figure starts from."""
    layout = {
        "font": {"family": FONT, "size": 12, "color": INK},
        "paper_bgcolor": BACKGROUND,
        "plot_bgcolor": BACKGROUND,
        "hoverlabel": {"font": {"family": FONT, "size": 12}, "align": "left"},
        "margin": {"l": 10, "r": 10, "t": 40, "b": 10},
        "legend": {"font": {"size": 11}},
    }
    layout.update(overrides)
    return layout
