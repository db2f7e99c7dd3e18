// The network view in the browser. (1) It fills its box: the figure has no height of its
// own, so it is resized whenever its box changes size, including when its tab is shown
// (it may have been drawn while hidden). (2) Labels that never collide: after every draw (and zoom or pan) of the network,
// keep the labels of its "labels" trace in the order given (most important first), each
// only if its drawn box overlaps no label already kept and lies inside the plot area, clear
// of the legend. The rest stay readable on hover. Reads every box first, then hides, so the
// browser lays the page out once.
(function () {
  "use strict";

  function overlaps(a, b) {
    return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  }

  function inside(box, area) {
    return box.left >= area.left && box.right <= area.right && box.top >= area.top && box.bottom <= area.bottom;
  }

  function labelTexts(gd) {
    for (const group of gd.querySelectorAll(".scatterlayer .trace")) {
      const calc = group.__data__;
      if (calc && calc[0] && calc[0].trace && calc[0].trace.name === "labels") {
        const texts = Array.from(group.querySelectorAll(".textpoint text"));
        return texts.sort((a, b) => a.parentNode.__data__.i - b.parentNode.__data__.i);
      }
    }
    return [];
  }

  function thinLabels(gd) {
    const texts = labelTexts(gd);
    const size = gd._fullLayout && gd._fullLayout._size;
    if (!texts.length || !size) return;
    const page = gd.getBoundingClientRect();
    const area = {
      left: page.left + size.l,
      top: page.top + size.t,
      right: page.left + size.l + size.w,
      bottom: page.top + size.t + size.h,
    };
    const legendNode = gd.querySelector(".legend");
    const legend = legendNode ? legendNode.getBoundingClientRect() : null;
    texts.forEach((text) => text.removeAttribute("visibility"));
    const boxes = texts.map((text) => text.getBoundingClientRect());
    const kept = [];
    const hidden = [];
    boxes.forEach((box, number) => {
      const fits =
        box.width > 0 &&
        inside(box, area) &&
        !(legend && overlaps(box, legend)) &&
        !kept.some((other) => overlaps(box, other));
      if (fits) kept.push(box);
      else hidden.push(texts[number]);
    });
    hidden.forEach((text) => text.setAttribute("visibility", "hidden"));
  }

  function hook(gd) {
    if (gd.__labelsHooked || typeof gd.on !== "function") return;
    gd.__labelsHooked = true;
    gd.on("plotly_afterplot", () => thinLabels(gd));
    new ResizeObserver(() => {
      const layout = gd._fullLayout;
      const isStale = layout && (Math.abs(layout.height - gd.clientHeight) > 1 || Math.abs(layout.width - gd.clientWidth) > 1);
      if (gd.clientHeight > 0 && isStale && window.Plotly) window.Plotly.Plots.resize(gd);
    }).observe(gd);
    thinLabels(gd);
  }

  new MutationObserver(() => {
    const gd = document.querySelector("#network .js-plotly-plot");
    if (gd) hook(gd);
  }).observe(document.documentElement, { childList: true, subtree: true });
})();
