"""The browser tab's title follows the dataset's name.

The title is written into the page when the app starts; after a live reload of a file with
another name the header shows the new name (``refresh_options``), and this sets the tab's
title to match. The name is set as text, never parsed as HTML.
"""

from __future__ import annotations

import json

from dash import Dash, Input, Output

TITLE_SUFFIX = " — explorer"

FOLLOW_NAME_JS = f"""(name) => {{
    if (typeof name === 'string' && name) document.title = name + {json.dumps(TITLE_SUFFIX)};
    return name || '';
}}"""


def page_title(name: str) -> str:
    """The browser tab's title for a dataset called ``name``."""
    return f"{name}{TITLE_SUFFIX}"


def register(app: Dash) -> None:
    """Set the tab's title whenever the header's dataset name changes (the name also becomes
    the header's tooltip, which shows it whole when it is cut)."""
    app.clientside_callback(FOLLOW_NAME_JS, Output("dataset-name", "title"), Input("dataset-name", "children"))
