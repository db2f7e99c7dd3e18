"""The HTML document Dash serves the page in: Dash's own template, in English
(``<html lang="en">``, so screen readers pronounce it right; WCAG 3.1.1)."""

from __future__ import annotations

PAGE_LANGUAGE = "en"

INDEX_STRING = f"""<!DOCTYPE html>
<html lang="{PAGE_LANGUAGE}">
    <head>
        {{%metas%}}
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
