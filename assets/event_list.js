// The List view (explorer/web/event_list.py): the grid's rows come from the server a block at
// a time; when the filters or the search change, the rows it holds are dropped and asked again.
// ``test()``'s first true value, tried every 50 ms for up to 10 s; null if it never is.
async function until(test) {
    for (let tries = 0; tries < 200; tries++) {
        const value = test();
        if (value) return value;
        await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return null;
}

// Until the List view's pane is on screen (it is shown by another callback, maybe after this
// one): a hidden grid has no rows in sight, so it would ask for none.
function shown() {
    return until(() => {
        const pane = document.getElementById("list-pane");
        return pane && pane.offsetParent !== null;
    });
}

window.dash_clientside = Object.assign({}, window.dash_clientside, {
    event_list: {
        refresh: async function (_query) {
            const api = await window.dash_ag_grid.getApiAsync("event-list");
            await shown();
            api.purgeInfiniteCache();
            return Date.now();
        },
        // The URL's selection, {event, index, key}: scroll to its row, and select it once the
        // row's block has come from the server (the grid keeps it selected through refreshes).
        select: async function (selection) {
            const api = await window.dash_ag_grid.getApiAsync("event-list");
            if (!selection || !selection.event) {
                api.deselectAll();
                return Date.now();
            }
            await shown();
            // The row count comes with the first block (after a refresh, the grid holds none).
            await until(() => api.getDisplayedRowCount() > selection.index);
            api.ensureIndexVisible(selection.index);
            const node = await until(() => {
                const found = api.getRowNode(selection.event);
                return found && found.data ? found : null;
            });
            if (node) node.setSelected(true, true);
            return Date.now();
        },
    },
});

// Enter on a row selects it (Space does too, as in any AG Grid), so the keyboard opens the
// event's details as a click does.
window.dashAgGridFunctions = Object.assign({}, window.dashAgGridFunctions, {
    selectOnEnter: function (params) {
        if (params.event && params.event.key === "Enter" && params.node) {
            params.node.setSelected(true, true);
        }
    },
});
