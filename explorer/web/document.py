"""The HTML document Dash serves the page in: Dash's own template, in English
(``<html lang="en">``, so screen readers pronounce it right; WCAG 3.1.1), with the scripts that
must run before Dash's own loaded first in its head."""

from __future__ import annotations

from pathlib import Path

PAGE_LANGUAGE = "en"

# Scripts of assets/ that must run before Dash's polyfill (see each file): the head loads them,
# and Dash, which adds every other script of assets/ after its own, must leave them out.
FIRST_SCRIPTS = ("natives_first.js",)
ASSETS_IGNORE = "^(" + "|".join(name.replace(".", r"\.") for name in FIRST_SCRIPTS) + ")$"


def index_string(asset_url, assets: Path) -> str:
    """Dash's page template; its head loads FIRST_SCRIPTS from ``assets`` with the
    modification time in their URL (as Dash's own asset URLs have, so browsers keep them
    until they change). ``asset_url`` is the app's ``get_asset_url``."""
    first = "".join(
        f'\n        <script src="{asset_url(name)}?m={(assets / name).stat().st_mtime}"></script>'
        for name in FIRST_SCRIPTS
    )
    return f"""<!DOCTYPE html>
<html lang="{PAGE_LANGUAGE}">
    <head>
        {{%metas%}}{first}
        <title>{{%title%}}</title>
        {{%favicon%}}
        {{%css%}}
    </head>
    <body>
        {{%app_entry%}}
        <footer>
            {{%config%}}
            {{%scripts%}}
            {{%renderer%}}
        </footer>
    </body>
</html>"""
