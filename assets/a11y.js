// Accessibility fixes to the markup Dash 4's own components write, where no prop of theirs
// reaches it (each fix names the axe-core rule it answers). They are re-applied whenever
// React adds a component or rewrites one of these attributes, so they hold across redraws.
// The page's own markup (tabs, labels, landmarks, skip link, live region) is right from the
// server and needs none of this.
(function () {
  "use strict";

  // The label's id, given one named after the control it labels if it has none.
  function labelId(label, control) {
    if (!label.id) label.id = (label.htmlFor || control.id) + "-label";
    return label.id;
  }

  // The visible label of a control: a <label for=id>, else the toolbar label just before it.
  function visibleLabel(control, before) {
    const byFor = control.id && document.querySelector('label[for="' + CSS.escape(control.id) + '"]');
    if (byFor) return byFor;
    const previous = before && before.previousElementSibling;
    return previous && previous.classList.contains("toolbar-label") ? previous : null;
  }

  function setAttribute(element, name, value) {
    if (element.getAttribute(name) !== value) element.setAttribute(name, value);
  }

  function removeAttributes(element, names) {
    for (const name of names) if (element.hasAttribute(name)) element.removeAttribute(name);
  }

  // dcc.Dropdown: an invisible input takes Tab and passes focus on to the dropdown's button,
  // but is aria-hidden while focusable (aria-hidden-focus). Make it inert and put the button
  // itself in the tab order; name the button by its label as well as its value.
  function fixDropdown(focusTarget) {
    focusTarget.inert = true;
    const button = focusTarget.nextElementSibling;
    if (!button || button.disabled) return;
    if (button.tabIndex < 0) button.tabIndex = 0;
    const label = visibleLabel(button, focusTarget.parentElement);
    const names = (button.getAttribute("aria-labelledby") || "").split(" ").filter(Boolean);
    if (label && !names.includes(labelId(label, button))) {
      button.setAttribute("aria-labelledby", [labelId(label, button), ...names].join(" "));
    }
  }

  // dcc.DatePickerRange: its wrapper <div> carries a popup button's aria-expanded (aria-allowed-attr)
  // and names ids that do not exist. It is a group of two labelled inputs.
  function fixDateRange(wrapper) {
    removeAttributes(wrapper, ["aria-expanded", "aria-haspopup", "type", "aria-disabled"]);
    setAttribute(wrapper, "role", "group");
    const input = wrapper.querySelector("input");
    const label = input && visibleLabel(input);
    if (label) setAttribute(wrapper, "aria-labelledby", labelId(label, input));
  }

  // The date range's clear control is an <a> without href, so it is neither focusable nor
  // allowed an aria-label (aria-prohibited-attr): it is a button.
  function fixDateClear(link) {
    setAttribute(link, "role", "button");
    if (!link.hasAttribute("tabindex")) link.setAttribute("tabindex", "0");
    if (!link.dataset.keys) {
      link.dataset.keys = "1";
      link.addEventListener("keydown", (event) => {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          link.click();
        }
      });
    }
  }

  // dcc.RadioItems, and a dropdown's open list: a listbox of options that each hold a native
  // radio or checkbox (nested-interactive, aria-allowed-role), with no name
  // (aria-input-field-name). The native inputs, which take the focus, already say everything:
  // make it a named radiogroup (or group) of plain labels.
  function fixOptionsList(list) {
    const isRadio = Boolean(list.querySelector("input[type=radio]"));
    setAttribute(list, "role", isRadio ? "radiogroup" : "group");
    const label = list.classList.contains("dash-radioitems") ? visibleLabel(list, list) : popupLabel(list);
    if (label) setAttribute(list, "aria-labelledby", labelId(label, list));
    for (const option of list.querySelectorAll(":scope > [role=option]")) removeAttributes(option, ["role"]);
    for (const option of list.querySelectorAll(":scope > [aria-selected]")) removeAttributes(option, ["aria-selected"]);
  }

  // The label of the dropdown whose popup holds ``element``.
  function popupLabel(element) {
    const popup = element.closest("[role=dialog]");
    const trigger = popup && popup.id && document.querySelector('[aria-controls="' + CSS.escape(popup.id) + '"]');
    return trigger ? visibleLabel(trigger, trigger.parentElement) : null;
  }

  // A dropdown's popup is a dialog (a search box and a list of choices) with no name
  // (aria-dialog-name); its button says it opens a listbox.
  function fixDropdownPopup(popup) {
    const label = popupLabel(popup);
    if (label) setAttribute(popup, "aria-labelledby", labelId(label, popup));
    const trigger = document.querySelector('[aria-controls="' + CSS.escape(popup.id) + '"]');
    if (trigger) setAttribute(trigger, "aria-haspopup", "dialog");
  }

  const FIXES = [
    [".dash-dropdown-focus-target", fixDropdown],
    [".dash-datepicker-input-wrapper", fixDateRange],
    ["a.dash-datepicker-clear", fixDateClear],
    [".dash-options-list", fixOptionsList],
    [".dash-dropdown-content[role=dialog]", fixDropdownPopup],
  ];

  function applyFixes() {
    for (const [selector, fix] of FIXES) {
      for (const element of document.querySelectorAll(selector)) fix(element);
    }
  }

  // Plotly redraws its figures' thousands of nodes often: changes inside them are not ours.
  function outsideFigures(records) {
    return records.some((record) => {
      const node = record.target.nodeType === 1 ? record.target : record.target.parentElement;
      return !node || !node.closest(".js-plotly-plot");
    });
  }
  // Shared with assets/announce.js and assets/keyboard.js (Dash loads assets in name order).
  window.explorerA11y = { outsideFigures };

  function start() {
    applyFixes();
    new MutationObserver((records) => outsideFigures(records) && applyFixes()).observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ["aria-expanded", "aria-selected", "aria-haspopup", "role", "aria-labelledby", "tabindex"],
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
