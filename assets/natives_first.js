// Loaded in the document's head, before Dash's scripts (explorer/web/document.py): keep the
// browser's own string trimming and number parsing. Dash's polyfill bundle (core-js 2)
// replaces them in every current browser, because since Unicode 6.3 U+180E is no longer white
// space and core-js 2 still expects them to strip it. Its copies trim with two regular
// expressions, and Plotly trims and parses on every redraw: about a tenth of a time-cursor
// step. assets/natives.js puts these back once the polyfill has run.
window.explorerNatives = [
  [window, "parseFloat"],
  [window, "parseInt"],
  [Number, "parseFloat"],
  [Number, "parseInt"],
  ...["trim", "trimStart", "trimEnd", "trimLeft", "trimRight"].map((name) => [String.prototype, name]),
].map(([owner, name]) => [owner, name, Object.getOwnPropertyDescriptor(owner, name)]);
