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

# Event kinds: a shape per family (talk ●, words ◆, deals ■, force ▲, institutions ⬢) and,
# within a family, colours that stay apart under every colour-vision deficiency (Okabe–Ito
# and Paul Tol's muted palette). Shapes are always filled: open and dotted variants mean a
# date known only to the month or year.
EVENT_STYLES = {
    # kind: (colour, symbol)
    "meeting": ("#0072B2", "circle"),
    "talks": ("#88CCEE", "circle"),
    "call": ("#E69F00", "circle"),
    "visit": ("#CC79A7", "circle"),
    "conference": ("#882255", "circle"),
    "statement": ("#AA4499", "diamond"),
    "speech": ("#DDCC77", "diamond"),
    "interview": ("#117733", "diamond"),
    "agreement": ("#009E73", "square"),
    "decision": ("#332288", "square"),
    "sanction": ("#CC6677", "triangle-up"),
    "military": ("#D55E00", "triangle-up"),
    "annexation": ("#000000", "triangle-up"),
    "election": ("#999933", "hexagon"),
    "inauguration": ("#56B4E9", "hexagon"),
    "other": ("#888888", "pentagon"),
}
EVENT_COLORS = {kind: colour for kind, (colour, _) in EVENT_STYLES.items()}

ACTOR_COLORS = {
    "person": "#332288",
    "state": "#117733",
    "organization": "#882255",
    "group": "#AA4499",
    "company": "#999933",
    "media": "#44AA99",
}

TOPIC_COLOR = "#3E4C59"
#: A network path and the events along it, on the network and the timeline.
PATH_COLOR = "#EE7733"

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


def event_symbol(kind: str) -> str:
    """The filled marker shape of an event kind."""
    return EVENT_STYLES.get(kind, EVENT_STYLES["other"])[1]


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


def relative_luminance(color: str) -> float:
    """WCAG 2 relative luminance of a ``#rrggbb`` colour, 0 (black) to 1 (white)."""
    channels = [int(color.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    red, green, blue = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2 contrast ratio of two ``#rrggbb`` colours, 1 to 21 (text needs 4.5 at AA).

    >>> round(contrast_ratio("#000000", "#ffffff"))
    21
    """
    light, dark = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def text_color_on(background: str) -> str:
    """Black or white, whichever reads better on ``background`` (at least 4.58:1 either way)."""
    return max(("#000000", "#ffffff"), key=lambda ink: contrast_ratio(ink, background))
