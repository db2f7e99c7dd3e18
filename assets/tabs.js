// The view tabs (explorer/web/tabs.py): the two client-side callbacks between the tabs and
// the hidden `view` value, and the tablist's keys: Left/Right move to the previous/next tab
// (wrapping), Home/End to the first/last; Enter or Space opens the focused tab (a button).
(function () {
  "use strict";

  const TAB_PREFIX = "tab-";

  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    tabs: {
      // A tab was clicked: its view becomes the chosen one.
      chosen: function () {
        const id = window.dash_clientside.callback_context.triggered_id;
        return typeof id === "string" && id.startsWith(TAB_PREFIX)
          ? id.slice(TAB_PREFIX.length)
          : window.dash_clientside.no_update;
      },
      // The chosen view: aria-selected, tabIndex (roving) and className of every tab.
      shown: function (view) {
        const outputs = window.dash_clientside.callback_context.outputs_list;
        return outputs.map((output) => {
          const isSelected = output.id === TAB_PREFIX + (view || "timeline");
          if (output.property === "aria-selected") return isSelected ? "true" : "false";
          if (output.property === "tabIndex") return isSelected ? 0 : -1;
          return isSelected ? "view-tab view-tab--selected" : "view-tab";
        });
      },
    },
  });

  const MOVES = {
    ArrowLeft: (index, count) => (index - 1 + count) % count,
    ArrowRight: (index, count) => (index + 1) % count,
    Home: () => 0,
    End: (index, count) => count - 1,
  };

  document.addEventListener("keydown", (event) => {
    const tab = event.target.closest && event.target.closest("[role=tab]");
    const move = MOVES[event.key];
    if (!tab || !move || event.altKey || event.ctrlKey || event.metaKey) return;
    const tabs = Array.from(tab.closest("[role=tablist]").querySelectorAll("[role=tab]"));
    const next = tabs[move(tabs.indexOf(tab), tabs.length)];
    event.preventDefault();
    for (const other of tabs) other.tabIndex = other === next ? 0 : -1;
    next.focus();
  });
})();
