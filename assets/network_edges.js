// Which nodes the network's edges join, as the figure names them (explorer/figures/network.py):
// an edge trace's meta.ends = [sources, targets], parallel lists of indices into the node ids
// of the figure's node traces (meta.role "nodes": customdata[i][0]), taken in trace order.
// Read by the keyboard's moves between neighbours (keyboard.js) and by the time cursor, which
// hides an edge whose end is hidden (time_cursor.js).
(function () {
  "use strict";

  // The node ids meta.ends indexes, for the figure drawn in gd.
  function nodeIds(gd) {
    const ids = [];
    for (const trace of gd.data || []) {
      if (!trace.meta || trace.meta.role !== "nodes" || !trace.customdata) continue;
      for (const row of trace.customdata) ids.push(row[0]);
    }
    return ids;
  }

  // Each edge of an edge trace as [source id, target id]; null when it names no ends.
  function ends(trace, ids) {
    if (!trace.meta || !trace.meta.ends) return null;
    const [sources, targets] = trace.meta.ends;
    return Array.from(sources, (source, k) => [ids[source], ids[targets[k]]]);
  }

  window.explorerNetworkEdges = { nodeIds, ends };
})();
