/* explorer: the timeline zooms and pans in the browser, without waiting for the server.
 *
 * A zoom, a pan or a range button is drawn by plotly at once; these functions (clientside
 * callbacks, wired in explorer/web/timeline_zoom.py) write the shown period into the URL
 * (`period=START/END`), which stays the page's only state, and move the plot when the URL's
 * period changes otherwise (back button, a "+N" cluster, a lane's count). The server's full
 * render runs only when something other than the period changes. Once the view rests for
 * DETAIL_DELAY_MS, the server is asked for what depends on the period and the plot's width
 * (titles, "+N" clusters, lane counts, far-link markers, or the events themselves when the
 * lanes showed density); a window resize asks the same.
 */
(function () {
  "use strict";
  var DETAIL_DELAY_MS = 250;
  var RESIZE_DELAY_MS = 200;
  // The timeline's plot width estimated from its pane: the pane less the lane names and legend.
  var PANE_MARGIN_PX = 380;
  var MIN_PLOT_PX = 200;
  var detailTicket = 0;

  function noUpdate() {
    return window.dash_clientside.no_update;
  }

  function params(search) {
    return new URLSearchParams((search || "").replace(/^\?/, ""));
  }

  function withoutPeriod(search) {
    var query = params(search);
    query.delete("period");
    return query.toString();
  }

  function periodOf(search) {
    var value = params(search).get("period");
    return value ? value.split("/") : null;
  }

  function withPeriod(search, period) {
    var query = params(search);
    query.set("period", period.join("/"));
    return "?" + query.toString();
  }

  /* A bound of a shown period as the server writes it: `2025-08-15` at midnight, else to the
   * minute, `2025-08-15T06:30` (plotly gives `2025-08-15 06:30:12.5` or a date). */
  function boundText(value) {
    var text = typeof value === "number" ? new Date(value).toISOString() : String(value);
    text = text.replace(" ", "T").slice(0, 16);
    return text.length <= 10 || text.slice(11) === "00:00" ? text.slice(0, 10) : text;
  }

  function periodText(range) {
    return [boundText(range[0]), boundText(range[1])].sort();
  }

  function samePeriod(a, b) {
    return Boolean(a && b) && a[0] === b[0] && a[1] === b[1];
  }

  function metaOf(figure) {
    return (figure && figure.layout && figure.layout.meta) || null;
  }

  /* Whether the drawn figure shows the state in `search`, but for the period. */
  function drawnFor(figure, search) {
    var meta = metaOf(figure);
    return Boolean(meta && meta.key) && withoutPeriod(meta.search) === withoutPeriod(search);
  }

  function plotElement() {
    return document.querySelector("#timeline .js-plotly-plot");
  }

  // Rounded down to WIDTH_STEP_PX (PLOT_WIDTH_STEP in explorer/web/timeline_zoom.py): windows
  // that differ a little ask for the same figure, which the shared response cache then answers.
  var WIDTH_STEP_PX = 40;

  function plotWidth() {
    var pane = document.getElementById("timeline-pane");
    if (!pane || !pane.clientWidth) return null;
    var room = pane.clientWidth - PANE_MARGIN_PX;
    return Math.max(MIN_PLOT_PX, Math.floor(room / WIDTH_STEP_PX) * WIDTH_STEP_PX);
  }

  /* The period a relayout shows: its x range, or, for "all" (autorange), every filtered event. */
  function relayoutPeriod(relayout, figure) {
    if (!relayout) {
      return null;
    }
    if (relayout["xaxis.range"]) {
      return periodText(relayout["xaxis.range"]);
    }
    if (relayout["xaxis.range[0]"] !== undefined && relayout["xaxis.range[1]"] !== undefined) {
      return periodText([relayout["xaxis.range[0]"], relayout["xaxis.range[1]"]]);
    }
    var meta = metaOf(figure);
    return relayout["xaxis.autorange"] && meta && meta.whole ? meta.whole : null;
  }

  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    timeline: {
      /* The URL less its period (what the server's full render depends on) and the plot's width. */
      pageSearch: function (search, shown, width) {
        var wanted = withoutPeriod(search);
        var measured = plotWidth();
        return [
          wanted === shown ? noUpdate() : wanted,
          measured === null || measured === width ? noUpdate() : measured,
        ];
      },

      /* A zoom or pan drawn by plotly: its period into the URL. (A move to the period the URL
       * already shows, such as showPeriod's, changes nothing.) */
      followZoom: function (relayout, search, figure) {
        var period = relayoutPeriod(relayout, figure);
        if (!period || !drawnFor(figure, search)) {
          return noUpdate();
        }
        var shown = periodOf(search) || periodText(metaOf(figure).home);
        return samePeriod(period, shown) ? noUpdate() : withPeriod(search, period);
      },

      /* The URL's period (or, without one, the opening period) onto the plot, if it shows
       * another; returns the days shown, which an export of the timeline covers. */
      showPeriod: function (search, figure) {
        var graph = plotElement();
        if (!graph || !graph._fullLayout || !drawnFor(figure, search)) {
          return noUpdate();
        }
        var wanted = periodOf(search) || metaOf(figure).home;
        if (!samePeriod(periodText(graph._fullLayout.xaxis.range), periodText(wanted))) {
          window.Plotly.relayout(graph, { "xaxis.range": wanted });
        }
        return [wanted[0].slice(0, 10), wanted[1].slice(0, 10)];
      },

      /* Once the period or the width has rested, what to ask the server for: the state, the
       * width and the key of what is drawn (the server sends only titles and annotations when
       * its figure has the same key). Nothing when the figure is already up to date. */
      requestDetail: function (search, width, figure) {
        var meta = metaOf(figure);
        var ticket = ++detailTicket;
        if (!drawnFor(figure, search) || (meta.search === search && meta.width === width)) {
          return noUpdate();
        }
        return new Promise(function (resolve) {
          setTimeout(function () {
            var isLatest = ticket === detailTicket;
            resolve(isLatest ? { search: search, width: width, key: meta.key } : noUpdate());
          }, DETAIL_DELAY_MS);
        });
      },
    },
  });

  /* Whether two JSON-like values are equal, whatever the order of their keys (a key whose
   * value is undefined counts as absent). */
  function sameValue(a, b) {
    if (a === b) return true;
    if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
    if (Array.isArray(a) !== Array.isArray(b)) return false;
    var keys = definedKeys(a);
    if (keys.length !== definedKeys(b).length) return false;
    return keys.every(function (key) {
      return sameValue(a[key], b[key]);
    });
  }

  function definedKeys(value) {
    return Object.keys(value).filter(function (key) {
      return value[key] !== undefined;
    });
  }

  /* What of a layout decides the drawing, for comparing two: less the size, which plotly's
   * autosize sets on the shown layout (dcc.Graph's own sync leaves it out too), and less the
   * range of an axis that `matches` another (plotly gives it the other's). */
  function drawnPart(layout) {
    var part = Object.assign({}, layout, { autosize: undefined, width: undefined, height: undefined });
    Object.keys(part).forEach(function (key) {
      if (/^[xy]axis\d*$/.test(key) && part[key] && part[key].matches) {
        part[key] = Object.assign({}, part[key], { range: undefined, autorange: undefined });
      }
    });
    return part;
  }

  /* Whether `Plotly.react(gd, figure)` would draw what `gd` already shows: the same data (by
   * reference, as Dash hands it over), the same config, and a layout equal to the shown one. */
  function isEcho(gd, figure) {
    return Boolean(
      gd && gd._fullLayout && figure && figure.data === gd.data && !figure.frames &&
      sameValue(figure.config, gd.__reactConfig) && sameValue(drawnPart(figure.layout), drawnPart(gd.layout))
    );
  }

  /* dcc.Graph copies a zoom's new range into its figure (so that a later Patch starts from
   * the shown view) and then draws that figure again with Plotly.react, on a deep copy of the
   * layout. plotly diffs the copied `meta` as a change and redraws everything: as long again
   * as the zoom itself, before the address can follow. That react, which would draw exactly
   * what is shown, is skipped (on the timeline only; every other react goes through). */
  function skipEchoes(Plotly) {
    var react = Plotly.react;
    Plotly.react = function (gd, figure) {
      var graph = typeof gd === "string" ? document.getElementById(gd) : gd;
      var onTimeline = Boolean(graph && graph.closest && graph.closest("#timeline"));
      if (onTimeline && arguments.length === 2 && isEcho(graph, figure)) {
        return Promise.resolve(graph);
      }
      if (onTimeline && arguments.length === 2 && figure) graph.__reactConfig = figure.config;
      return react.apply(this, arguments);
    };
  }

  if (window.Plotly) skipEchoes(window.Plotly);

  /* A resized window re-measures the plot, so titles are placed again for its width. */
  var resizeTimer = null;
  window.addEventListener("resize", function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(function () {
      var width = plotWidth();
      if (width !== null && window.dash_clientside.set_props) {
        window.dash_clientside.set_props("timeline-width", { data: width });
      }
    }, RESIZE_DELAY_MS);
  });
})();
