"""The page: header, filter sidebar, the views, and the detail panel."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from dash import dcc, html

from ..model import Dataset
from .animation_export import ANIMATION_FORMATS
from .event_list import list_pane
from .network_toolbar import network_toolbar
from .tabs import pane_attributes, view_tabs
from .time_cursor import cursor_bar

GRAPH_CONFIG = {
    "displaylogo": False,
    "responsive": True,
    "modeBarButtonsToRemove": ["lasso2d", "select2d", "autoScale2d"],
}

HELP = [
    (
        "Filter",
        "Pick actors (type a name or an alias), a date range, event kinds, topics, or words to find. "
        "Every view shows only what matches all filters.",
    ),
    (
        "Dates",
        "Dates keep their precision: an event dated “Aug 2025” matches any range that touches August 2025. "
        "Drag the year slider for whole years, or pick exact days.",
    ),
    (
        "Timeline",
        "One lane per actor; an event with several actors stands in each of their lanes, joined by a line. "
        "Solid bars are date ranges; open markers over faint bars are dates known only to the month or year. "
        "Zoom with a drag, pan with the strip below, or use 3m / 1y / 5y / all. "
        "An orange marker at the edge names an analogy outside the shown period: click it to jump there.",
    ),
    (
        "Network",
        "Circles are actors, diamonds events, squares topics. Items outside the filters fade (or hide). "
        "Select a node and choose hops to see its ego network.",
    ),
    (
        "Positions",
        "A matrix of actors by topics: each cell shows the stance held at the end of the date range "
        "(✓ supports, ✗ opposes, ≈ conditional, ? ambiguous, ○ neutral; ⟲ and a dark border mark a change "
        "within the range). Each topic says what “supports” means for it. Click a cell for the dated "
        "statements behind it; below the matrix, a chart shows how each actor's stance on that topic moved.",
    ),
    (
        "List",
        "The events as a table: click a header to sort, type in “Search the list” to narrow it. "
        "Click a row, or press Enter on it, to select the event everywhere. Download CSV saves the rows as listed.",
    ),
    (
        "Details",
        "Click any event or node to read its details; names and related events in the panel are clickable. "
        "The address bar keeps the filters and the selection: copy it to share this exact view, "
        "and use the browser's back button to undo a change.",
    ),
]


def year_marks(first: int, last: int) -> dict[int, str]:
    """Slider marks: the ends, and round decades (or years, for short spans) between."""
    span = max(1, last - first)
    step = next(s for s in (1, 2, 5, 10, 20, 25, 50, 100, 250, 500, 1000) if span / s <= 3)
    marks = {
        year: str(year)
        for year in range(first - first % step + step, last, step)
        if year - first >= step / 2 and last - year >= step / 2
    }
    marks[first] = str(first)
    marks[last] = str(last)
    return dict(sorted(marks.items()))


#: Past this many actors, the dropdown starts with the most active ones and searches the
#: rest on the server (the browser would otherwise index every option before showing the page).
ACTOR_OPTIONS_IN_PAGE = 500


def actor_options(dataset: Dataset, limit: int | None = None) -> list[dict]:
    """Dropdown options: the actor's name, searchable by name, alias and id; with ``limit``,
    only the most active actors."""
    counts = Counter(p.actor for event in dataset.events for p in event.actors)
    actors = dataset.actors
    if limit is not None and len(actors) > limit:
        actors = sorted(actors, key=lambda a: -counts[a.id])[:limit]
    return [
        {
            "label": f"{actor.name} ({counts[actor.id]})",
            "value": actor.id,
            "search": " ".join([actor.name, *actor.aliases, actor.id]),
        }
        for actor in sorted(actors, key=lambda a: a.name.casefold())
    ]


def matching_actor_options(dataset: Dataset, search: str, selected: list[str], limit: int = 100) -> list[dict]:
    """Options for what was typed: actors whose name, alias or id contains every typed word,
    the most active first, plus the ones already selected."""
    words = search.casefold().split()
    counts = Counter(p.actor for event in dataset.events for p in event.actors)
    found = [
        actor
        for actor in dataset.actors
        if actor.id in selected
        or (words and all(word in " ".join([actor.name, *actor.aliases, actor.id]).casefold() for word in words))
    ]
    found.sort(key=lambda a: (a.id not in selected, -counts[a.id], a.name.casefold()))
    return [
        {"label": f"{a.name} ({counts[a.id]})", "value": a.id, "search": " ".join([a.name, *a.aliases, a.id])}
        for a in found[: limit + len(selected)]
    ]


EXPORT_FORMATS = [
    {"label": "PNG image", "value": ".png"},
    {"label": "SVG image", "value": ".svg"},
    {"label": "PDF", "value": ".pdf"},
    {"label": "Interactive HTML", "value": ".html"},
    {"label": "GraphML (graph)", "value": ".graphml"},
    {"label": "GEXF (graph, Gephi)", "value": ".gexf"},
    {"label": "JSON node-link (graph)", "value": ".json"},
    {"label": "CSV (events; positions in the Positions view)", "value": ".csv"},
    *ANIMATION_FORMATS,
]


EXPORT_SCALES = (1, 2, 3, 4)  # the only scales the web export accepts


def dom_id(component_id: dict) -> str:
    """The id Dash gives a pattern-matching component in the page: its id as JSON, keys sorted."""
    return json.dumps(component_id, sort_keys=True, separators=(",", ":"))


def export_controls(view_name: str) -> html.Div:
    """The export control of a view: format, scale for images, and the button."""
    format_id, scale_id = ({"type": kind, "view": view_name} for kind in ("export-format", "export-scale"))
    return html.Div(
        className="export-controls",
        children=[
            html.Label("Export format", htmlFor=dom_id(format_id), className="visually-hidden"),
            dcc.Dropdown(
                id=format_id,
                options=EXPORT_FORMATS,
                value=".png",
                clearable=False,
                searchable=False,
                className="export-format",
            ),
            html.Label("Image scale", htmlFor=dom_id(scale_id), className="visually-hidden"),
            dcc.Dropdown(
                id=scale_id,
                options=[{"label": f"{n}×", "value": n} for n in EXPORT_SCALES],
                value=2,
                clearable=False,
                searchable=False,
                className="export-scale",
            ),
            html.Button(
                "Export",
                id={"type": "export", "view": view_name},
                className="button small primary",
                n_clicks=0,
                title="Download this view as filtered and selected, with the filters as a caption",
            ),
        ],
    )


def pane_toolbar(view_name: str, hint: str) -> html.Div:
    """A view's toolbar: a one-line hint and the export control."""
    return html.Div(
        className="toolbar",
        children=[html.Span(hint, className="toolbar-label"), export_controls(view_name)],
    )


def filter_options(dataset: Dataset) -> dict:
    """Everything in the filter sidebar that depends on the data (refreshed on reload)."""
    first_year, last_year = dataset.year_span
    kinds = Counter(event.kind for event in dataset.events)
    first_day = min((e.first for e in dataset.events), default=None)
    last_day = max((e.last for e in dataset.events), default=None)
    return {
        "actors": actor_options(
            dataset, ACTOR_OPTIONS_IN_PAGE if len(dataset.actors) > ACTOR_OPTIONS_IN_PAGE else None
        ),
        "search_actors_on_server": len(dataset.actors) > ACTOR_OPTIONS_IN_PAGE,
        "kinds": [{"label": f"{kind} ({n})", "value": kind} for kind, n in sorted(kinds.items())],
        "topics": [{"label": t.name, "value": t.id} for t in dataset.topics],
        "first_year": first_year,
        "last_year": last_year,
        "marks": year_marks(first_year, last_year),
        "first_day": first_day.isoformat() if first_day else None,
        "last_day": last_day.isoformat() if last_day else None,
    }


def reload_banner(live, watch: bool = True) -> list:
    """The banner shown while the file on disk is invalid: what is wrong with it, and what
    the page shows instead (the last valid version, or nothing if there never was one).
    ``live`` is the app's LiveData; ``watch`` whether a fixed file is picked up by itself.

    It stands first in the header's notices, one or two lines long; its located errors open
    below the header on demand, so its coming and going never moves the views."""
    problems = live.problems
    if not problems:
        return []
    name = Path(live.path).name if live.path else "The data file"
    then = "fix the file and it reloads by itself." if watch else "fix the file and restart the server."
    if live.has_data:
        headline, shown = f"{name} has errors. ", f"Still showing the last valid version; {then} "
    else:
        headline = f"{name} has errors, and no valid version of it has been loaded yet. "
        shown = f"There is nothing to show: {then} "
    listed = html.Div(
        [
            html.Ul([html.Li(problem) for problem in problems[:50]]),
            html.P(f"… and {len(problems) - 50} more.") if len(problems) > 50 else None,
        ],
        className="reload-problems",
    )
    count = f"{len(problems)} error{'' if len(problems) == 1 else 's'}"
    return [
        html.Div(
            [html.Strong(headline), shown, html.Details([html.Summary(toggle_text(f"the {count}")), listed])],
            className="notice error reload-notice",
        )
    ]


def toggle_text(what: str) -> list:
    """A summary's text that says "Show …" while its details are closed, "Hide …" while open."""
    return [html.Span("Show", className="when-closed"), html.Span("Hide", className="when-open"), f" {what}"]


def page_layout(
    dataset: Dataset,
    watch: bool = False,
    watch_interval: float = 1.0,
    banner: list | None = None,
    versions: tuple[str, str] = ("", ""),
) -> html.Div:
    """The page for ``dataset``; ``banner`` is the reload banner's content, ``versions``
    the data and notice versions it shows (see LiveData)."""
    options = filter_options(dataset)
    return html.Div(
        className="app",
        children=[
            *page_stores(watch, watch_interval, versions),
            html.A("Skip to results", href="#results", className="skip-link"),
            html.Div(id="announcer", className="visually-hidden", **{"aria-live": "polite", "aria-atomic": "true"}),
            page_header(dataset, banner),
            html.Div(
                className="app-body",
                children=[filter_sidebar(options), results(dataset, options), detail_sidebar()],
            ),
        ],
    )


def page_stores(watch: bool, watch_interval: float, versions: tuple[str, str]) -> list:
    """The page's invisible parts: the URL, the download, the stores the callbacks share,
    and the reload poll (ticking only with ``watch``)."""
    return [
        dcc.Location(id="url", refresh=False),
        dcc.Download(id="download"),
        dcc.Store(id="timeline-focus"),
        dcc.Store(id="timeline-width"),
        dcc.Store(id="view-settings", data={}),  # each view's own settings, as it was left
        dcc.Store(id="timeline-page-search"),
        dcc.Store(id="timeline-detail"),
        dcc.Store(id="drawn-search"),
        dcc.Store(id="time-cursor-days"),
        dcc.Store(id="data-version", data=versions[0]),
        dcc.Store(id="notice-version", data=versions[1]),
        dcc.Interval(id="reload-poll", interval=int(watch_interval * 1000), disabled=not watch),
    ]


def page_header(dataset: Dataset, banner: list | None = None) -> html.Header:
    """The header: the dataset's name and counts, the notices' box (the reload banner
    first), and "How to use"."""
    return html.Header(
        className="app-header",
        children=[
            html.Div(
                [
                    html.H1(dataset.name, id="dataset-name"),
                    html.Span(id="counts", className="counts"),
                ],
                className="title-block",
            ),
            # Notices live in the header, in a box of their own that scrolls when they
            # are many: their coming and going never moves the views.
            html.Div(
                [
                    html.Div(banner or [], id="reload-banner", className="notices", role="alert"),
                    html.Div(id="notices", className="notices", role="alert"),
                    html.Div(id="timeline-hint", className="notices", role="status"),
                    html.Div(id="export-status", className="notices", role="status"),
                ],
                className="header-notices",
                # It scrolls when the notices are many: a keyboard must reach it too.
                tabIndex="0",
                role="region",
                **{"aria-label": "Notices"},
            ),
            html.Details(
                [
                    html.Summary("How to use"),
                    html.Dl([part for title, text in HELP for part in (html.Dt(title), html.Dd(text))]),
                ],
                className="help",
                id="help",
            ),
        ],
    )


def filter_sidebar(options: dict) -> html.Aside:
    """The filters: actors, dates (days and a year slider), kinds, topics, words, reset;
    ``options`` as ``filter_options`` gives them."""
    first_year, last_year = options["first_year"], options["last_year"]
    return html.Aside(
        className="filters",
        **{"aria-label": "Filters"},
        children=[
            html.H2("Filters"),
            html.Label("Actors", htmlFor="actors", className="field-label"),
            dcc.Dropdown(
                id="actors",
                options=options["actors"],
                multi=True,
                placeholder="Any — type a name",
                search_order="index",
            ),
            html.Label("Dates", htmlFor="dates", className="field-label"),
            dcc.DatePickerRange(
                id="dates",
                min_date_allowed=options["first_day"],
                max_date_allowed=options["last_day"],
                initial_visible_month=options["last_day"],
                display_format="YYYY-MM-DD",
                start_date_placeholder_text="From",
                end_date_placeholder_text="To",
                clearable=True,
                number_of_months_shown=1,
                first_day_of_week=1,
            ),
            html.Div(
                dcc.RangeSlider(
                    id="years",
                    min=first_year,
                    max=last_year,
                    step=1,
                    value=[first_year, last_year],
                    marks=options["marks"],
                    allow_direct_input=False,
                    tooltip={"placement": "bottom", "always_visible": False},
                ),
                className="year-slider",
            ),
            *choice_filter("kinds", "Event kinds", options["kinds"], "Any kind"),
            *choice_filter("topics", "Topics", options["topics"], "Any topic"),
            html.Label("Find words", htmlFor="text", className="field-label"),
            dcc.Input(
                id="text",
                type="search",
                placeholder="e.g. Yalta, ceasefire",
                debounce=0.5,
                className="text-input",
            ),
            html.Button("Reset all filters", id="reset", className="button secondary", n_clicks=0),
        ],
    )


def choice_filter(name: str, label: str, options: list[dict], placeholder: str) -> list:
    """A labelled filter of several choices among ``options`` (its id is ``name``)."""
    return [
        html.Label(label, htmlFor=name, className="field-label"),
        dcc.Dropdown(id=name, options=options, multi=True, placeholder=placeholder),
    ]


def results(dataset: Dataset, options: dict) -> html.Main:
    """The views: the time cursor, the tabs, and each view's panel."""
    return html.Main(
        id="results",
        tabIndex="-1",
        className="views",
        children=[
            # The time cursor, shared by every view, comes before the tabs, so a
            # tab is followed by its panel in the order of Tab.
            cursor_bar(),
            view_tabs(),
            timeline_pane(),
            network_pane(dataset, options),
            positions_pane(),
            list_pane(),
        ],
    )


def timeline_pane() -> html.Div:
    """The timeline's panel: toolbar, the compress toggle, the plot."""
    return html.Div(
        className="pane",
        **pane_attributes("timeline"),
        children=[
            pane_toolbar("timeline", "Drag to zoom · the strip below pans · click an event for details"),
            html.Button(
                "Compress empty years on/off",
                id="compress",
                className="link-button compress-toggle",
                title="Cut stretches with no event out of the time axis (marked ⫽)",
                n_clicks=0,
            ),
            dcc.Graph(id="timeline", config=GRAPH_CONFIG, className="graph"),
        ],
    )


def network_pane(dataset: Dataset, options: dict) -> html.Div:
    """The network's panel: its toolbar (which needs the actors and the graph's size) and the plot."""
    return html.Div(
        className="pane",
        **pane_attributes("network"),
        children=[
            network_toolbar(
                options["actors"],
                export_controls("network"),
                len(dataset.actors) + len(dataset.events) + len(dataset.topics),
            ),
            dcc.Graph(
                id="network",
                config={**GRAPH_CONFIG, "scrollZoom": True},
                className="graph",
            ),
        ],
    )


def positions_pane() -> html.Div:
    """The positions' panel: toolbar, the matrix, and the stance timeline below it."""
    return html.Div(
        className="pane",
        **pane_attributes("positions"),
        children=[
            pane_toolbar(
                "positions",
                "Stance held at the end of the date range; ⟲ marks a change within it. "
                "Click a cell for its statements.",
            ),
            dcc.Graph(id="positions", config=GRAPH_CONFIG, className="graph"),
            dcc.Graph(id="stance-timeline", config=GRAPH_CONFIG, className="graph"),
        ],
    )


def detail_sidebar() -> html.Aside:
    """The detail panel: what is selected, and a button to clear it."""
    return html.Aside(
        className="detail",
        **{"aria-label": "Details"},
        children=[
            html.Div(
                [
                    html.H2("Details"),
                    html.Button("Clear", id="clear-selection", className="button small", n_clicks=0),
                ],
                className="detail-header",
            ),
            html.Div(id="detail", className="detail-body"),
        ],
    )
