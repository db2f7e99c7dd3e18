// Put back the browser's own string trimming and number parsing, kept by
// assets/natives_first.js before Dash's polyfill replaced them (see there). Runs after
// the polyfill, before any figure is drawn.
(function () {
  "use strict";
  (window.explorerNatives || []).forEach(([owner, name, descriptor]) => {
    if (descriptor) Object.defineProperty(owner, name, descriptor);
  });
})();
