// The List view (explorer/web/event_list.py): the grid's rows come from the server a block at
// a time; when the filters or the search change, the rows it holds are dropped and asked again.
window.dash_clientside = Object.assign({}, window.dash_clientside, {
    event_list: {
        refresh: async function (_query) {
            const api = await window.dash_ag_grid.getApiAsync("event-list");
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
            api.ensureIndexVisible(selection.index);
            for (let tries = 0; tries < 100; tries++) {
                const node = api.getRowNode(selection.event);
                if (node && node.data) {
                    node.setSelected(true, true);
                    break;
                }
                await new Promise((resolve) => setTimeout(resolve, 100));
            }
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
