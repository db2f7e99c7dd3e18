// The page's polite live region (#announcer): says what changed after an action, so a
// screen-reader user hears it without moving there: the counts when the filters change,
// the title of what was selected, and (from assets/keyboard.js) the item a figure's
// keyboard focus is on. window.explorerAnnounce(text) says anything else.
(function () {
  "use strict";

  let said = "";

  function announce(text) {
    const region = document.getElementById("announcer");
    if (!region || !text) return;
    // The same words twice are announced again only if the region's text changes.
    region.textContent = text === said ? text + "\u00a0" : text;
    said = region.textContent;
  }
  window.explorerAnnounce = announce;

  const last = { counts: null, selection: null };

  function selectionText() {
    const title = document.querySelector("#detail .detail-title");
    return title ? "Selected: " + title.textContent.trim() : "Nothing selected";
  }

  function check() {
    const counts = document.getElementById("counts");
    if (!counts || !document.getElementById("detail")) return;
    const now = { counts: counts.textContent.trim(), selection: selectionText() };
    const changes = [];
    if (last.selection !== null && now.selection !== last.selection) changes.push(now.selection);
    if (last.counts !== null && now.counts && now.counts !== last.counts) changes.push(now.counts);
    if (now.counts) Object.assign(last, now);
    if (changes.length) announce(changes.join(". "));
  }

  function start() {
    new MutationObserver((records) => window.explorerA11y.outsideFigures(records) && check()).observe(document.body, {
      subtree: true,
      childList: true,
      characterData: true,
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
