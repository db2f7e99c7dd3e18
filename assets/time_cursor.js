// The time cursor in the browser: every view "as of" a day, stepped and played here, on the
// figures already drawn (explorer/web/time_cursor.py, explorer/figures/as_of.py).
//
// Each dated trace carries meta.asof = {spans, per, held, x?, y?}: per point (per = 1) or
// per edge segment (per = 3: x0, x1, null), the [first, last] day numbers it is active.
// Moving the cursor only hides and shows points (their coordinates become null) with one
// Plotly.restyle of the traces that changed; on the charts over time (the timeline, the
// stances over time), a red line at the day and a veil over what comes after are drawn over
// the plot (two positioned elements, moved with the axis on zoom and pan): nothing is laid
// out again, so nothing moves between frames. (A Plotly.relayout of shapes would do, but
// dcc.Graph answers a relayout by sending the figure back and drawing it again, whole.)
// Without a window, what shows
// is a prefix of the points sorted by first day: a step flips only the points between the
// old and the new prefix, found by binary search.
//
// The URL keeps the cursor (asof=YYYY-MM-DD&window=N), one history entry for each day the
// cursor rests on (a step, a typed date, a pause; a playback rewrites its one entry in
// place, about once a second), so Back and Forward walk the days. Once the cursor rests
// Dash is told (a popstate), and its draw callback skips cursor-only changes: the server
// never redraws for a step.
(function () {
  "use strict";

  const DAY_MS = 86400000;
  const GRAPH_IDS = ["timeline", "network", "positions", "stance-timeline"];
  // The charts over time, whose cursor is a line and a veil drawn over the plot.
  const TIME_CHARTS = "#timeline, #stance-timeline";
  const CURSOR_COLOR = "#b2182b";
  // How long the cursor rests before Dash is told where it is.
  const SETTLE_MS = 400;
  // How often a playback rewrites the URL.
  const PLAY_URL_MS = 1000;
  const NEVER_BEFORE = -1e7;

  const cursor = {
    day: null,
    window: null,
    playing: false,
    timer: null,
    toldDash: window.location.search,
    isPlayEntry: false, // the history entry is the one this playback pushed
    urlWritten: 0, // when the URL was last written (performance.now())
  };
  const traceStates = new WeakMap();
  const timings = [];

  // -- days ------------------------------------------------------------------------------

  function dayOf(iso) {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
    return match ? Date.UTC(+match[1], +match[2] - 1, +match[3]) / DAY_MS : null;
  }

  function isoOf(day) {
    return new Date(day * DAY_MS).toISOString().slice(0, 10);
  }

  function addMonths(day, months) {
    const date = new Date(day * DAY_MS);
    const year = date.getUTCFullYear();
    const month = date.getUTCMonth() + months;
    const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
    const wasLast = date.getUTCDate() === new Date(Date.UTC(year, date.getUTCMonth() + 1, 0)).getUTCDate();
    const dayOfMonth = wasLast ? lastDay : Math.min(date.getUTCDate(), lastDay);
    return Date.UTC(year, month, dayOfMonth) / DAY_MS;
  }

  // The first index whose value is > day (the count of values <= day).
  function upperBound(values, day) {
    let low = 0;
    let high = values.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (values[middle] <= day) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  function bounds() {
    const store = daysStore();
    return { first: dayOf(store.first), last: dayOf(store.last), days: store.days || [] };
  }

  let days = {};

  function daysStore() {
    return days;
  }

  function stepped(day, unit, direction) {
    const { first, last, days } = bounds();
    if (first === null) return day;
    if (day === null) return direction > 0 ? first : last;
    let next;
    if (unit === "event") {
      const index = upperBound(days, day);
      // Forward: the next day an event begins; back: the last one before the day.
      next = direction > 0 ? days[index] : days[upperBound(days, day - 1) - 1];
      if (next === undefined) next = direction > 0 ? last : first;
    } else if (unit === "day" || unit === "week") {
      next = day + direction * (unit === "week" ? 7 : 1);
    } else {
      next = addMonths(day, direction * (unit === "year" ? 12 : 1));
    }
    return Math.max(first, Math.min(last, next));
  }

  // -- the figures -----------------------------------------------------------------------

  function graphDivs() {
    return GRAPH_IDS.map((id) => document.querySelector(`#${id} .js-plotly-plot`)).filter(
      (gd) => gd && gd.data && gd.offsetParent !== null,
    );
  }

  function nodeIds(trace) {
    if (trace.meta.nodes) return trace.meta.nodes;
    return trace.customdata ? trace.customdata.map((row) => row[0]) : [];
  }

  function firstOf(spans) {
    return Math.min(...spans.map((span) => span[0]));
  }

  // What a dated trace needs to move: its points' spans and first days, their order by first
  // day, their own coordinates, and which are shown. An edge shows when it and both its ends
  // show: its first day is the latest of the three (firstById: the nodes' first days).
  function traceState(trace, firstById, ids) {
    let state = traceStates.get(trace);
    if (state) return state;
    const dates = trace.meta.asof;
    const ends = window.explorerNetworkEdges.ends(trace, ids);
    const firsts = dates.spans.map((spans, point) => {
      if (!ends) return firstOf(spans);
      const [u, v] = ends[point];
      return Math.max(firstOf(spans), firstById.get(u) ?? NEVER_BEFORE, firstById.get(v) ?? NEVER_BEFORE);
    });
    const order = firsts.map((_, index) => index).sort((a, b) => firsts[a] - firsts[b]);
    const shown = new Uint8Array(firsts.length);
    firsts.forEach((_, point) => (shown[point] = trace.x[point * dates.per] !== null ? 1 : 0));
    state = {
      xs: (dates.x || trace.x).slice(),
      ys: (dates.y || trace.y).slice(),
      x: Array.from(trace.x),
      y: Array.from(trace.y),
      per: dates.per,
      held: dates.held,
      spans: dates.spans,
      ends,
      ids: ends ? null : nodeIds(trace),
      firsts,
      order,
      sortedFirsts: order.map((index) => firsts[index]),
      shown,
      prefix: null,
    };
    traceStates.set(trace, state);
    return state;
  }

  function isShown(spans, day, windowDays, held) {
    if (held) return spans.some((span) => span[0] <= day && day <= span[1]);
    const earliest = windowDays ? day - windowDays + 1 : NEVER_BEFORE;
    return spans.some((span) => span[0] <= day && span[1] >= earliest);
  }

  function setPoint(state, point, isVisible) {
    if (state.shown[point] === isVisible) return false;
    state.shown[point] = isVisible;
    for (let i = point * state.per; i < point * state.per + state.per; i++) {
      state.x[i] = isVisible ? state.xs[i] : null;
      state.y[i] = isVisible ? state.ys[i] : null;
    }
    return true;
  }

  // Show the trace's points as of day; true when any changed.
  function moveTrace(state, day, windowDays, hiddenIds) {
    let changed = false;
    if (!windowDays && !state.held) {
      const prefix = upperBound(state.sortedFirsts, day);
      if (state.prefix !== null) {
        // Incremental: only the points between the old and the new prefix change.
        for (let k = Math.min(prefix, state.prefix); k < Math.max(prefix, state.prefix); k++) {
          changed = setPoint(state, state.order[k], k < prefix ? 1 : 0) || changed;
        }
      } else {
        state.order.forEach((point, k) => (changed = setPoint(state, point, k < prefix ? 1 : 0) || changed));
      }
      state.prefix = prefix;
      return changed;
    }
    state.prefix = null;
    state.spans.forEach((spans, point) => {
      const ends = state.ends ? state.ends[point] : [];
      const isVisible = isShown(spans, day, windowDays, state.held) && !ends.some((id) => hiddenIds.has(id));
      changed = setPoint(state, point, isVisible ? 1 : 0) || changed;
    });
    return changed;
  }

  function overlayPart(gd, name, style) {
    let part = gd.querySelector(`:scope > .asof-${name}`);
    if (!part) {
      if (window.getComputedStyle(gd).position === "static") gd.style.position = "relative";
      part = document.createElement("div");
      part.className = `asof-${name}`;
      part.setAttribute("aria-hidden", "true");
      Object.assign(part.style, { position: "absolute", pointerEvents: "none", zIndex: 5 }, style);
      gd.appendChild(part);
    }
    return part;
  }

  // A chart over time's cursor: a line at the end of the day, a veil over what comes after
  // it, within the plot area (on the timeline, not the overview strip below, which keeps the
  // whole span).
  function placeCursorMarks(gd) {
    const layout = gd._fullLayout;
    const drawnFor = layout && ((layout.meta || {}).asof || null);
    const line = overlayPart(gd, "line", { width: "2px", background: CURSOR_COLOR });
    const veil = overlayPart(gd, "veil", { background: "rgba(255,255,255,0.72)" });
    if (!drawnFor || cursor.day === null || !layout.xaxis || !layout._size) {
      line.style.display = veil.style.display = "none";
      return;
    }
    const size = layout._size;
    const axis = layout.xaxis;
    const x = size.l + axis.c2p(axis.d2c(isoOf(cursor.day + 1)));
    const left = Math.max(size.l, Math.min(size.l + size.w, x));
    const top = `${size.t}px`;
    const height = `${size.h}px`;
    Object.assign(line.style, { display: x >= size.l && x <= size.l + size.w ? "block" : "none", left: `${left - 1}px`, top, height });
    Object.assign(veil.style, { display: "block", left: `${left}px`, width: `${size.l + size.w - left}px`, top, height });
  }

  // Draw gd as of the cursor; a promise of when it is drawn.
  function moveFigure(gd, day, windowDays) {
    const indices = [];
    const update = { x: [], y: [] };
    const dated = gd.data.map((trace, index) => [trace, index]).filter(([trace]) => trace.meta && trace.meta.asof);
    // Nodes first: an edge's ends must be known.
    const nodeTraces = dated.filter(([trace]) => !trace.meta.ends);
    const edgeTraces = dated.filter(([trace]) => trace.meta.ends);
    const ids = edgeTraces.length ? window.explorerNetworkEdges.nodeIds(gd) : [];
    const firstById = new Map();
    const hiddenIds = new Set();
    const move = ([trace, index]) => {
      const state = traceState(trace, firstById, ids);
      if (moveTrace(state, day, windowDays, hiddenIds)) {
        indices.push(index);
        update.x.push(state.x.slice());
        update.y.push(state.y.slice());
      }
      return state;
    };
    nodeTraces.map(move).forEach((state) => {
      state.ids.forEach((id, point) => {
        firstById.set(id, Math.min(firstById.get(id) ?? Infinity, state.firsts[point]));
        if (!state.shown[point]) hiddenIds.add(id);
      });
    });
    edgeTraces.forEach(move);
    gd.__asofShown = `${day}/${windowDays || ""}`;
    if (gd.closest(TIME_CHARTS)) placeCursorMarks(gd);
    return indices.length ? window.Plotly.restyle(gd, update, indices) : null;
  }

  function hasCursor(gd) {
    return Boolean((gd.layout.meta || {}).asof);
  }

  async function redraw() {
    if (cursor.day === null) return;
    const started = performance.now();
    await Promise.all(
      graphDivs()
        .filter(hasCursor)
        .map((gd) => moveFigure(gd, cursor.day, cursor.window)),
    );
    const took = performance.now() - started;
    timings.push(took);
    if (timings.length > 1000) timings.shift();
    showStatus(took);
  }

  // -- the URL and the controls ----------------------------------------------------------

  function readUrl() {
    const params = new URLSearchParams(window.location.search);
    const day = dayOf(params.get("asof"));
    const windowDays = parseInt(params.get("window") || "", 10);
    return { day, window: windowDays > 0 ? windowDays : null };
  }

  function searchFor(day, windowDays) {
    const params = new URLSearchParams(window.location.search);
    params.delete("asof");
    params.delete("window");
    if (day !== null) params.append("asof", isoOf(day));
    if (day !== null && windowDays) params.append("window", String(windowDays));
    const text = params.toString();
    return text ? `?${text}` : "";
  }

  let settleTimer = null;
  let pendingTell = null; // telling Dash where the cursor rests, once it has rested

  // Write the cursor into the URL at once. Where the cursor rests gets its own history
  // entry, so Back returns to the day before and Forward again: each step (or typed day)
  // pushes one; a playback pushes one as it starts and rewrites that one in place until it
  // pauses. With tellDash, Dash's location follows once the cursor rests (now, with settle
  // false).
  function writeUrl(tellDash, settle = true) {
    const search = searchFor(cursor.day, cursor.window);
    const url = window.location.pathname + search + window.location.hash;
    // A history call costs the main thread several milliseconds (more on a busy machine):
    // a playback rewrites its entry about once a second, and where it pauses.
    const isDue = !(cursor.playing && cursor.isPlayEntry) || performance.now() - cursor.urlWritten >= PLAY_URL_MS;
    if (search !== window.location.search && isDue) {
      if (cursor.isPlayEntry) window.history.replaceState(window.history.state, "", url);
      else window.history.pushState({}, "", url);
      cursor.isPlayEntry = cursor.playing;
      cursor.urlWritten = performance.now();
    }
    window.clearTimeout(settleTimer);
    if (!tellDash) return;
    const tell = () => {
      pendingTell = null;
      if (search !== window.location.search || search === cursor.toldDash) return;
      cursor.toldDash = search;
      window.dispatchEvent(new PopStateEvent("popstate", { state: null }));
    };
    if (!settle) tell();
    else {
      pendingTell = tell;
      settleTimer = window.setTimeout(() => cursor.playing || tell(), SETTLE_MS);
    }
  }

  function control(id) {
    return document.getElementById(id);
  }

  function showControls() {
    const day = control("asof-day");
    if (day && document.activeElement !== day) day.value = cursor.day === null ? "" : isoOf(cursor.day);
    const windowInput = control("asof-window");
    if (windowInput && document.activeElement !== windowInput) windowInput.value = cursor.window || "";
    const play = control("asof-play");
    if (play) {
      play.textContent = cursor.playing ? "❚❚ Pause" : "▶ Play";
      play.setAttribute("aria-label", cursor.playing ? "Pause" : "Play");
      play.setAttribute("aria-pressed", cursor.playing ? "true" : "false");
    }
  }

  function showStatus(took) {
    const status = control("asof-status");
    if (!status) return;
    const text = cursor.day === null ? "" : `as of ${isoOf(cursor.day)}${cursor.window ? `, last ${cursor.window} days` : ""}`;
    // Read out where the cursor rests, not every step of a playback.
    status.setAttribute("aria-live", cursor.playing ? "off" : "polite");
    status.textContent = text;
    status.dataset.stepMs = took === undefined ? "" : took.toFixed(1);
  }

  // Move the cursor to day: the figures at once, the URL (and Dash, unless playing).
  function moveTo(day, windowDays) {
    const wasOn = cursor.day !== null;
    cursor.day = day;
    cursor.window = windowDays === undefined ? cursor.window : windowDays;
    showControls();
    showStatus();
    // Turning the cursor on or off needs the server's figures (dated, or plain) now; moving
    // it does not.
    const isSwitch = !wasOn || day === null;
    writeUrl(!cursor.playing || isSwitch, !isSwitch);
    return redraw();
  }

  function step(direction) {
    const unit = (control("asof-step") || {}).value || "month";
    return moveTo(stepped(cursor.day, unit, direction));
  }

  function stepsPerSecond() {
    return parseFloat((control("asof-speed") || {}).value || "2") || 2;
  }

  async function tick() {
    if (!cursor.playing) return;
    const started = performance.now();
    const { last } = bounds();
    if (cursor.day === null || last === null || cursor.day >= last) {
      pause();
      return;
    }
    await step(1);
    if (cursor.day >= last) {
      pause();
      return;
    }
    const wait = Math.max(0, 1000 / stepsPerSecond() - (performance.now() - started));
    cursor.timer = window.setTimeout(tick, wait);
  }

  function play() {
    if (cursor.playing) return;
    const { first, last } = bounds();
    if (first === null) return;
    const isAtEnd = cursor.day === null || cursor.day >= last;
    cursor.playing = true;
    showControls();
    if (isAtEnd) moveTo(first);
    cursor.timer = window.setTimeout(tick, 1000 / stepsPerSecond());
  }

  function stopPlaying() {
    cursor.playing = false;
    window.clearTimeout(cursor.timer);
    showControls();
  }

  // Where a playback pauses is written into its own entry, which then rests.
  function pause() {
    if (!cursor.playing) return;
    stopPlaying();
    writeUrl(true, false);
    cursor.isPlayEntry = false;
  }

  function onClick(event) {
    const target = event.target.closest && event.target.closest("button");
    if (!target) return;
    if (target.id === "asof-play") cursor.playing ? pause() : play();
    else if (target.id === "asof-forward") (pause(), step(1));
    else if (target.id === "asof-back") (pause(), step(-1));
    else if (target.id === "asof-clear") (pause(), moveTo(null, null));
  }

  function onChange(event) {
    const target = event.target;
    if (target.id === "asof-day") {
      const day = dayOf(target.value);
      if (day !== null) (pause(), moveTo(day));
    } else if (target.id === "asof-window") {
      const days = parseInt(target.value, 10);
      cursor.window = days > 0 ? days : null;
      if (cursor.day !== null) (pause(), moveTo(cursor.day, cursor.window));
    }
  }

  // Another control changes the page from Dash's idea of the URL: stop first, or tell Dash at
  // once where a step rests, so Dash has the cursor where it is (an export draws that day).
  function onPointerElsewhere(event) {
    if (event.target.closest("#time-cursor")) return;
    if (cursor.playing) pause();
    else if (pendingTell) (window.clearTimeout(settleTimer), pendingTell());
  }

  // The URL changed outside this script (a link, the back button, a filter): follow it; a
  // playback stops there (it must not rewrite the entry Back or Forward went to).
  function followUrl() {
    const wanted = readUrl();
    cursor.toldDash = window.location.search;
    if (wanted.day === cursor.day && wanted.window === cursor.window) return;
    if (cursor.playing) stopPlaying();
    cursor.isPlayEntry = false;
    cursor.day = wanted.day;
    cursor.window = wanted.window;
    showControls();
    showStatus();
    redraw();
  }

  // A figure Dash drew (new data) is shown as of the cursor, if it was drawn for another day.
  function onDrawn(gd) {
    if (gd.data === gd.__asofData) return;
    gd.__asofData = gd.data;
    gd.__asofShown = null;
    const drawnFor = ((gd.layout.meta || {}).asof || {}).day;
    if (cursor.day === null || !hasCursor(gd)) return;
    if (drawnFor === isoOf(cursor.day) && ((gd.layout.meta.asof.window || null) === cursor.window)) {
      gd.__asofShown = `${cursor.day}/${cursor.window || ""}`;
      return;
    }
    moveFigure(gd, cursor.day, cursor.window);
  }

  function hook(gd) {
    if (gd.__timeCursorHooked || typeof gd.on !== "function") return;
    gd.__timeCursorHooked = true;
    gd.on("plotly_afterplot", () => {
      onDrawn(gd);
      if (gd.closest(TIME_CHARTS)) placeCursorMarks(gd);
    });
    onDrawn(gd);
  }

  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    time_cursor: {
      // Clientside callback: the days the cursor steps through (first, last, each event's
      // first day) for the page's filters.
      days: function (stored) {
        days = stored || {};
        const { first, last } = bounds();
        const input = control("asof-day");
        if (input && first !== null) input.title = `A day from ${isoOf(first)} to ${isoOf(last)}`;
        return Boolean(stored);
      },
    },
  });

  window.explorerTimeCursor = {
    timings,
    state: () => ({ day: cursor.day === null ? null : isoOf(cursor.day), window: cursor.window, playing: cursor.playing }),
    moveTo: (iso, windowDays) => moveTo(dayOf(iso), windowDays),
    step,
    play,
    pause,
  };

  document.addEventListener("click", onClick);
  document.addEventListener("change", onChange);
  document.addEventListener("pointerdown", onPointerElsewhere, true);
  document.addEventListener("keydown", (event) => {
    if (cursor.playing && !event.target.closest("#time-cursor") && event.key !== "Tab") pause();
  }, true);
  window.addEventListener("popstate", () => window.setTimeout(followUrl, 0));

  const initial = readUrl();
  cursor.day = initial.day;
  cursor.window = initial.window;

  new MutationObserver(() => {
    GRAPH_IDS.forEach((id) => {
      const gd = document.querySelector(`#${id} .js-plotly-plot`);
      if (gd) hook(gd);
    });
    if (!document.__timeCursorShown && control("asof-day")) {
      document.__timeCursorShown = true;
      showControls();
      showStatus();
    }
  }).observe(document.documentElement, { childList: true, subtree: true });
})();
