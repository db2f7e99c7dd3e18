"""The export control's "animation" choices: the view, as filtered, as an animated GIF with
one frame per day, week, month or year, made by :mod:`explorer.animation` (the code the
``explorer export --frames`` command runs). The period is the date filter's (or the span of
the matching events); the time cursor's trailing window, when set, applies to every frame.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from dash import dcc

from ..animation import DEFAULT_SIZE, STEPS, Animation, write_animation
from ..export import export_filename, shared_renderer
from ..graph import query_filters
from .state import parse_search

PREFIX = "animation:"
#: The export format menu's animation entries (values ``animation:STEP``).
ANIMATION_FORMATS = [{"label": f"Animated GIF, a frame a {step}", "value": f"{PREFIX}{step}"} for step in STEPS]
#: Frames the page makes at most: each takes a moment to draw, and the page waits for them.
PAGE_MAX_FRAMES = 120


def is_animation(choice: str) -> bool:
    return isinstance(choice, str) and choice.startswith(PREFIX)


def animation_file(view_name: str, choice: str, search: str | None, data) -> dict:
    """The GIF the page downloads for the export format ``choice`` (``animation:STEP``), as
    ``dcc.send_bytes`` data; raises AnimationError (an ExportError) with the command's
    messages for what cannot be animated."""
    state, _ = parse_search(search, data.dataset)
    view = query_filters(data.graph, state.filters())
    animation = Animation(
        filters=view.filters,
        view_name=view_name,
        step=choice.removeprefix(PREFIX),
        window_days=state.window,
        size=DEFAULT_SIZE,
        max_frames=PAGE_MAX_FRAMES,
        more_frames="use the command line: explorer export --frames … --max-frames {count}",
    )
    with tempfile.TemporaryDirectory(prefix="explorer-animation-") as folder:
        target = Path(folder) / "animation.gif"
        write_animation(animation, view, target, shared_renderer())
        content = target.read_bytes()
    return dcc.send_bytes(content, export_filename(view, view_name, ".png").replace(".png", "-animation.gif"))
