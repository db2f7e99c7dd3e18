// Keyboard use of the figures, read from the drawn Plotly figure (each item is a marker whose
// customdata starts with its node id: "event:…", "actor:…", "stance:actor/topic").
//
// Tab to a figure, then:
//   timeline, positions matrix: Left/Right move along a lane (row), in time (column) order;
//     Up/Down move to the lane above/below, to its item nearest in time; Home/End go to the
//     lane's first/last item;
//   network: an arrow key moves to the neighbour (an item an edge joins) lying most in that
//     direction, or, when no neighbour lies that way, to the nearest item that way;
//   Enter or Space selects the item as a click on it does (the URL's `selected=`, the detail
//   panel); Escape clears the selection ("Clear" in the detail panel).
// A ring marks the focused item and the live region (assets/announce.js) reads it out. The
// skip link moves focus to the results.
(function () {
  "use strict";

  const FIGURES = {
    timeline: { name: "Timeline", items: "events", move: "lanes" },
    positions: { name: "Positions matrix", items: "cells", move: "lanes" },
    network: { name: "Network", items: "nodes", move: "neighbours" },
  };
  const SKIPPED_TRACES = new Set(["selected", "linked, filtered out"]);
  const DIRECTIONS = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
  const focused = {}; // figure id → {id, row} of the item its keyboard focus is on

  // The hover text without its markup (parsed inert: nothing in it loads or runs).
  function plainText(html) {
    const text = String(html || "").replace(/<br\s*\/?>/gi, ", ");
    return new DOMParser().parseFromString(text, "text/html").body.textContent;
  }

  function axis(gd, ref, letter) {
    return gd._fullLayout[letter + "axis" + String(ref || letter).slice(1)];
  }

  function isShown(trace) {
    return trace.visible === true && !SKIPPED_TRACES.has(trace.name);
  }

  // Every item drawn inside the plot area, with its position in pixels from the figure's
  // top left corner and its row (the timeline's lane, the matrix's actor).
  function itemsOf(gd) {
    const items = [];
    for (const trace of gd._fullData || []) {
      if (!isShown(trace) || !trace.customdata || !String(trace.mode).includes("markers")) continue;
      const xa = axis(gd, trace.xaxis, "x"), ya = axis(gd, trace.yaxis, "y");
      for (let index = 0; index < trace.customdata.length; index++) {
        const custom = trace.customdata[index];
        if (!Array.isArray(custom) || typeof custom[0] !== "string" || !custom[0].includes(":")) continue;
        const x = xa.l2p(xa.d2c(trace.x[index])), y = ya.l2p(ya.d2c(trace.y[index]));
        if (!(x >= 0 && x <= xa._length && y >= 0 && y <= ya._length)) continue;
        items.push({
          id: custom[0],
          text: plainText(itemName(trace, index, custom)),
          row: String(custom.length > 2 ? custom[2] : trace.y[index]),
          x: x + xa._offset,
          y: y + ya._offset,
          curve: trace.index,
          point: index,
        });
      }
    }
    return items;
  }

  // Rows top to bottom, each left to right.
  function rowsOf(items) {
    const rows = new Map();
    for (const item of items) {
      if (!rows.has(item.row)) rows.set(item.row, []);
      rows.get(item.row).push(item);
    }
    const sorted = Array.from(rows.values()).map((row) => row.sort((a, b) => a.x - b.x || a.y - b.y));
    return sorted.sort((a, b) => a[0].y - b[0].y);
  }

  function nearestInX(row, x) {
    return row.reduce((best, item) => (Math.abs(item.x - x) < Math.abs(best.x - x) ? item : best));
  }

  function moveInLanes(items, current, key) {
    const rows = rowsOf(items);
    const r = rows.findIndex((row) => row.includes(current));
    const row = rows[r], i = row.indexOf(current);
    if (key === "ArrowLeft") return row[Math.max(0, i - 1)];
    if (key === "ArrowRight") return row[Math.min(row.length - 1, i + 1)];
    if (key === "Home") return row[0];
    if (key === "End") return row[row.length - 1];
    const other = rows[key === "ArrowUp" ? r - 1 : r + 1];
    return other ? nearestInX(other, current.x) : current;
  }

  // What an item is called: the network's nodes carry [id, date] and name themselves in
  // their hover text (its first line); the timeline's and matrix's items in customdata[1].
  function itemName(trace, index, custom) {
    const hover = Array.isArray(trace.hovertext) ? trace.hovertext[index] : null;
    return hover ? String(hover).split("<br>")[0] : custom[1];
  }

  // The items the drawn edges join to current: each edge trace names its edges' end nodes
  // (assets/network_edges.js); an edge the time cursor hides has no coordinates (read from
  // the full data, where Plotly has decoded the typed arrays the server sends).
  function neighboursOf(gd, items, current) {
    const ids = window.explorerNetworkEdges.nodeIds(gd);
    const found = new Set();
    gd.data.forEach((trace, index) => {
      const ends = window.explorerNetworkEdges.ends(trace, ids);
      const full = gd._fullData.find((drawn) => drawn.index === index);
      if (!ends || !full || full.visible !== true) return;
      ends.forEach(([from, to], k) => {
        if (full.x[3 * k] === null || full.x[3 * k] === undefined) return;
        if (from === current.id) found.add(to);
        if (to === current.id) found.add(from);
      });
    });
    return items.filter((item) => found.has(item.id));
  }

  // The candidate lying most in direction (dx, dy): near, and close to the direction's axis.
  function towards(candidates, current, [dx, dy]) {
    let best = null, bestScore = Infinity;
    for (const item of candidates) {
      const along = (item.x - current.x) * dx + (item.y - current.y) * dy;
      const across = Math.abs((item.x - current.x) * dy - (item.y - current.y) * dx);
      if (item.id === current.id || along <= 0) continue;
      const score = along + 2 * across;
      if (score < bestScore) [best, bestScore] = [item, score];
    }
    return best;
  }

  function moveInNetwork(gd, items, current, key) {
    const direction = DIRECTIONS[key];
    if (!direction) return current;
    return towards(neighboursOf(gd, items, current), current, direction) || towards(items, current, direction) || current;
  }

  function selectedId() {
    return new URLSearchParams(location.search).get("selected");
  }

  function currentItem(figureId, items) {
    const state = focused[figureId];
    const same = state && items.find((item) => item.id === state.id && item.row === state.row);
    const byId = state && items.find((item) => item.id === state.id);
    const selected = items.find((item) => item.id === selectedId());
    return same || byId || selected || rowsOf(items)[0]?.[0] || null;
  }

  function marker(container) {
    let ring = container.querySelector(".keyboard-focus-marker");
    if (!ring) {
      ring = document.createElement("div");
      ring.className = "keyboard-focus-marker";
      ring.setAttribute("aria-hidden", "true");
      container.appendChild(ring);
    }
    return ring;
  }

  function show(container, gd, item) {
    const ring = marker(container);
    ring.classList.toggle("is-shown", Boolean(item));
    if (!item) return;
    const box = gd.getBoundingClientRect(), outer = container.getBoundingClientRect();
    ring.style.left = box.left - outer.left + item.x + "px";
    ring.style.top = box.top - outer.top + item.y + "px";
    container.setAttribute("data-keyboard-item", item.id);
    container.setAttribute("data-keyboard-row", item.row);
  }

  function focusOn(container, gd, item, shouldAnnounce) {
    focused[container.id] = item && { id: item.id, row: item.row };
    show(container, gd, item);
    if (item && shouldAnnounce && window.explorerAnnounce) window.explorerAnnounce(item.text);
  }

  function select(gd, item) {
    gd.emit("plotly_click", { points: [{ curveNumber: item.curve, pointNumber: item.point }], event: null });
  }

  function clearSelection() {
    const clear = document.getElementById("clear-selection");
    if (clear && selectedId()) clear.click();
  }

  function onKey(event, container) {
    const gd = container.querySelector(".js-plotly-plot");
    if (!gd || !gd._fullLayout || event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === "Escape") return clearSelection();
    const items = itemsOf(gd);
    const current = currentItem(container.id, items);
    if (!current) return;
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      return select(gd, current);
    }
    if (!(event.key in DIRECTIONS) && event.key !== "Home" && event.key !== "End") return;
    event.preventDefault();
    const move = FIGURES[container.id].move === "lanes" ? moveInLanes : (...args) => moveInNetwork(gd, ...args);
    focusOn(container, gd, move(items, current, event.key), true);
  }

  function prepare(container) {
    const figure = FIGURES[container.id];
    if (container.dataset.keyboard) return;
    container.dataset.keyboard = "1";
    container.classList.add("keyboard-figure");
    container.tabIndex = 0;
    container.setAttribute("role", "application");
    container.setAttribute("aria-roledescription", "figure");
    container.setAttribute(
      "aria-label",
      `${figure.name}: arrow keys move between ${figure.items}, Enter selects, Escape clears the selection`
    );
    container.addEventListener("keydown", (event) => onKey(event, container));
    container.addEventListener("focus", (event) => {
      const gd = container.querySelector(".js-plotly-plot");
      if (event.target !== container || !gd || !gd._fullLayout) return;
      focusOn(container, gd, currentItem(container.id, itemsOf(gd)), true);
    });
  }

  // After each draw (a redraw, a zoom) the ring follows its item, or goes if it is gone.
  function follow(container) {
    const gd = container.querySelector(".js-plotly-plot");
    if (!gd || !gd.on || gd.dataset.keyboardFollows) return;
    gd.dataset.keyboardFollows = "1";
    gd.on("plotly_afterplot", () => {
      if (!focused[container.id]) return;
      const items = itemsOf(gd);
      const state = focused[container.id];
      show(container, gd, items.find((item) => item.id === state.id && item.row === state.row) || null);
    });
  }

  function skipToResults(event) {
    const link = event.target.closest && event.target.closest(".skip-link");
    const target = link && document.getElementById(link.getAttribute("href").slice(1));
    if (!target) return;
    event.preventDefault(); // the URL keeps no #fragment: it holds the page's state only
    target.focus();
  }

  function start() {
    document.addEventListener("click", skipToResults);
    const scan = () => {
      for (const id of Object.keys(FIGURES)) {
        const container = document.getElementById(id);
        if (!container) continue;
        prepare(container);
        follow(container);
      }
    };
    scan();
    new MutationObserver((records) => window.explorerA11y.outsideFigures(records) && scan()).observe(document.body, {
      subtree: true,
      childList: true,
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
