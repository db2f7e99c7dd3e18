"""The List view: the filtered events as a table (dash-ag-grid), sorted and searched on the
server and sent a block of rows at a time (AG Grid's infinite row model), so a list of
100,000 events sends the browser only the rows in sight.

The URL stays the page's only state: the sort (``sort=``), the search (``search=``) and the
selection (``selected=``) are read from it and written to it; the grid shows what it says.
Rows, sort, search and CSV are :mod:`explorer.event_table`'s; this module only wires them.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

import dash_ag_grid as dag
from dash import ClientsideFunction, Dash, Input, Output, State, ctx, dcc, html, no_update

from ..event_table import COLUMNS, EventRow, ListOrder, SortError, listed_rows, parse_sort, rows_by_event
from ..export import export_bytes, export_filename
from ..graph import Filters, query_filters, split_node
from .state import PageState, format_search, parse_search
from .tabs import pane_attributes

GRID_ID = "event-list"
LIST_TRIGGERS = {
    "list-search.value": "list-search",
    f"{GRID_ID}.columnState": "columnState",
    f"{GRID_ID}.selectedRows": "selectedRows",
}
BLOCK_ROWS = 100  # rows per request: a few screens

# Widths that fit all six columns in the pane at 1280 pixels; cut text shows whole on hover.
COLUMN_DEFS = [
    {"field": "date", "headerName": COLUMNS["date"], "width": 150, "tooltipField": "date"},
    {"field": "title", "headerName": COLUMNS["title"], "flex": 4, "minWidth": 160, "tooltipField": "title"},
    {"field": "kind", "headerName": COLUMNS["kind"], "width": 96},
    {"field": "actors", "headerName": COLUMNS["actors"], "flex": 2, "minWidth": 100, "tooltipField": "actors"},
    {"field": "place", "headerName": COLUMNS["place"], "flex": 1, "minWidth": 80, "tooltipField": "place"},
    {
        "field": "sources",
        "headerName": COLUMNS["sources"],
        "width": 92,
        "type": "numericColumn",
        "headerTooltip": "Number of sources",
        "sortingOrder": ["desc", "asc"],
    },
]


def list_pane() -> html.Div:
    """The List view's pane: a search box, the count, a CSV download and the grid."""
    return html.Div(
        className="pane",
        **pane_attributes("list"),
        children=[
            dcc.Store(id="list-query"),
            dcc.Store(id="list-refreshed"),
            dcc.Store(id="list-selection"),
            html.Div(
                className="toolbar list-toolbar",
                children=[
                    html.Label("Search the list", htmlFor="list-search", className="toolbar-label"),
                    dcc.Input(
                        id="list-search",
                        type="search",
                        placeholder="words in any column",
                        debounce=0.4,
                        className="text-input list-search",
                    ),
                    html.Span(id="list-count", className="toolbar-label list-count", role="status"),
                    html.Button(
                        "Download CSV",
                        id="list-csv",
                        className="button small primary",
                        n_clicks=0,
                        title="The rows as listed: these filters, search and sort, these columns",
                    ),
                ],
            ),
            html.Section(
                dag.AgGrid(id=GRID_ID, className="event-grid", **grid_options()),
                className="event-list",
                **{"aria-label": "Events, as a table: click a row or press Enter or Space to select it"},
            ),
        ],
    )


def grid_options() -> dict:
    """The grid's properties: columns, the infinite row model, single-row selection."""
    return {
        "columnDefs": COLUMN_DEFS,
        "defaultColDef": {"sortable": True, "resizable": True, "sortingOrder": ["asc", "desc"]},
        "rowModelType": "infinite",
        "getRowId": "params.data.id",
        "eventListeners": {"cellKeyDown": ["selectOnEnter(params)"]},
        "dashGridOptions": {
            "rowSelection": {"mode": "singleRow", "checkboxes": False, "enableClickSelection": True},
            "cacheBlockSize": BLOCK_ROWS,
            "maxBlocksInCache": 20,
            "infiniteInitialRowCount": BLOCK_ROWS,
            "suppressMultiSort": True,
            "ensureDomOrder": True,  # screen readers read the rows in order
            "tooltipShowDelay": 300,
            "rowHeight": 34,
        },
        "style": {"height": "100%", "width": "100%"},
    }


# -- what the list shows -----------------------------------------------------------------


def listed(graph, filters: Filters, order: ListOrder) -> list[EventRow]:
    """The rows listed for ``filters`` and ``order``, kept (the grid asks for many blocks of
    the same list) for the data version served last only: a reloaded 100,000-event file
    must not keep the old version's graph and rows alive."""
    if graph is not _served[0]:
        forget_listings()
        _served[0] = graph
    return _listing(graph, filters, order)


_served: list = [None]  # the graph whose listings are kept


def forget_listings(keep_rows: bool = False) -> None:
    """Drop the kept listings, and unless ``keep_rows``, the rows they are made from."""
    _listing.cache_clear()
    if not keep_rows:
        every_row.cache_clear()


@functools.lru_cache(maxsize=8)
def _listing(graph, filters: Filters, order: ListOrder) -> list[EventRow]:
    return listed_rows(query_filters(graph, filters), order, every_row(graph))


@functools.lru_cache(maxsize=1)
def every_row(graph) -> dict[str, EventRow]:
    """The row of every event of ``graph``'s dataset, made once per data version."""
    return rows_by_event(query_filters(graph, Filters()))


def request_order(request: dict | None, state: PageState) -> ListOrder:
    """The order a block request asks for: the grid's sort (what its headers show), else the
    URL's; the search is always the URL's."""
    for sort in (request or {}).get("sortModel") or []:
        try:
            return parse_sort(f"{sort.get('colId')}:{sort.get('sort')}", state.list_search)
        except SortError:
            break
    return state.list_order()


def rows_block(request: dict | None, search: str | None, data) -> dict | Any:
    """The grid's answer to a block request (``startRow``, ``endRow``, ``sortModel``): those
    rows and the number listed; no rows while the List view is not shown."""
    state, _ = parse_search(search, data.dataset)
    if not request:
        return no_update
    if state.view != "list":
        # Answered, but empty: a request left unanswered stops the grid from asking again
        # when it is shown (and its rows are asked afresh, see ``listing_key``).
        return {"rowData": [], "rowCount": 0}
    rows = listed(data.graph, state.filters(), request_order(request, state))
    start = max(0, int(request.get("startRow") or 0))
    end = max(start, min(int(request.get("endRow") or start + BLOCK_ROWS), start + 10 * BLOCK_ROWS))
    return {"rowData": [row.cells() for row in rows[start:end]], "rowCount": len(rows)}


def listing_key(state: PageState) -> str | None:
    """What the grid's rows depend on besides the sort (the grid re-asks by itself when its
    sort changes): the filters and the search, while the list is shown; None otherwise."""
    if state.view != "list":
        return None
    return repr((state.filters(), state.list_search))


def grid_sort(column_state: list | None) -> str | None:
    """The sort the grid's headers show (``title:desc``), None when no column is sorted
    (only before the URL's sort is applied: a user cannot unsort, see COLUMN_DEFS)."""
    for column in column_state or []:
        if column.get("sort") in ("asc", "desc") and column.get("colId") in COLUMNS:
            return f"{column['colId']}:{column['sort']}"
    return None


def sort_state(order: str) -> list[dict]:
    """The grid's column state that shows the sort ``order`` (``date:desc``)."""
    column, _, direction = order.partition(":")
    return [{"colId": key, "sort": direction if key == column else None} for key in COLUMNS]


def selected_event(state: PageState) -> str | None:
    kind, item_id = split_node(state.selected) if state.selected else ("", "")
    return item_id if kind == "event" else None


def state_from_list(state: PageState, trigger: str, value: Any) -> PageState:
    """The state after the user acted in the list: searched, sorted, or picked a row."""
    if trigger == "list-search":
        return state.with_changes(list_search=(value or "").strip())
    if trigger == "columnState":
        sort = grid_sort(value)
        return state.with_changes(list_sort=sort) if sort else state
    if trigger == "selectedRows" and value:
        return state.with_changes(selected=f"event:{value[0]['id']}")
    return state


@dataclass(frozen=True)
class ListShown:
    """What the List view's controls show now: the search box, the grid's column state, the
    selection it was last told to show, and the listing key its rows were last asked for."""

    search: str | None
    column_state: list | None
    selection: dict | None
    key: str | None

    def changes_for(self, state: PageState, key: str | None, selection: dict | None) -> tuple:
        """The values to send so that they show ``state`` (no_update where they already do):
        the search box, the grid's sort, its selection (see :func:`selection_for`) and the
        listing key."""
        return (
            state.list_search if (self.search or "") != state.list_search else no_update,
            sort_state(state.list_sort) if grid_sort(self.column_state) != state.list_sort else no_update,
            selection if selection != self.selection else no_update,
            key if key != self.key else no_update,
        )


def selection_for(state: PageState, key: str | None, data) -> dict | None:
    """What the grid is told to select: the selected event and its row index in the list
    (the grid scrolls there and selects it once that block is loaded), with the listing key
    (so it is told again when the rows are asked again); None while the list is hidden."""
    if key is None:
        return None
    event_id = selected_event(state)
    rows = listed(data.graph, state.filters(), state.list_order()) if event_id else []
    index = next((i for i, row in enumerate(rows) if row.id == event_id), None)
    return {"event": event_id if index is not None else None, "index": index, "key": key}


def list_csv(search: str | None, data) -> dict:
    """The download of the Download CSV button: the list as the URL says it is listed,
    through the export path's CSV (the same bytes as ``explorer export --view list``)."""
    state, _ = parse_search(search, data.dataset)
    view = query_filters(data.graph, state.filters())
    content = export_bytes(view, ".csv", "list", listing=state.list_order())
    return dcc.send_bytes(content, export_filename(view, "list", ".csv"))


# -- wiring ------------------------------------------------------------------------------


def register(app: Dash, live) -> None:
    """Wire the List view's callbacks to ``app``; ``live`` (LiveData) holds what is served."""

    @app.callback(
        Output(GRID_ID, "getRowsResponse"),
        Input(GRID_ID, "getRowsRequest"),
        State("url", "search"),
        prevent_initial_call=True,
    )
    def answer_rows(request, search):
        return rows_block(request, search, live.current)

    @app.callback(
        Output("url", "search", allow_duplicate=True),
        Output("list-search", "value"),
        Output(GRID_ID, "columnState"),
        Output("list-selection", "data"),
        Output("list-query", "data"),
        Output("list-count", "children"),
        # The URL less the timeline's period (timeline_zoom.py): a zoom changes nothing listed.
        Input("timeline-page-search", "data"),
        Input("list-search", "value"),
        Input(GRID_ID, "columnState"),
        Input(GRID_ID, "selectedRows"),
        State("list-selection", "data"),
        State("list-query", "data"),
        State("url", "search"),
        prevent_initial_call=True,  # the page's first timeline-page-search calls it
    )
    def sync_list(_page_search, typed, column_state, _selected_rows, shown_selection, shown_key, search):
        data = live.current
        state, _ = parse_search(search, data.dataset)
        prop = ctx.triggered[0]["prop_id"] if ctx.triggered else "url.search"
        trigger = LIST_TRIGGERS.get(prop, "")
        new = state_from_list(state, trigger, ctx.triggered[0]["value"] if ctx.triggered else None)
        # The search box being typed in is never sent a value: it would undo a keystroke.
        typed = new.list_search if trigger == "list-search" else typed
        shown = ListShown(typed, column_state, shown_selection, shown_key)
        key = listing_key(new)
        return (
            format_search(new) if new != state else no_update,
            *shown.changes_for(new, key, selection_for(new, key, data)),
            count_text(new, data) if key is not None and key != shown_key else no_update,
        )

    app.clientside_callback(
        ClientsideFunction(namespace="event_list", function_name="refresh"),
        Output("list-refreshed", "data"),
        Input("list-query", "data"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        ClientsideFunction(namespace="event_list", function_name="select"),
        Output("list-refreshed", "data", allow_duplicate=True),
        Input("list-selection", "data"),
        prevent_initial_call=True,
    )

    @app.callback(
        Output("download", "data", allow_duplicate=True),
        Input("list-csv", "n_clicks"),
        State("url", "search"),
        prevent_initial_call=True,
    )
    def download_list(clicks, search):
        return list_csv(search, live.current) if clicks else no_update


def count_text(state: PageState, data) -> str:
    rows = listed(data.graph, state.filters(), state.list_order())
    return f"{len(rows):,} events listed"
