// Analysis enhancements only: every page works without this file.
(function () {
  "use strict";

  // Theme page: select every passage of the page at once, and say how many are selected.
  function setUpPassageSelection() {
    var form = document.getElementById("passage-form");
    if (!form) { return; }
    var boxes = Array.prototype.slice.call(document.querySelectorAll("input[name=passage_id]"));
    var toggle = form.querySelector("[data-analysis-select-all]");
    var counter = form.querySelector("[data-analysis-selected]");
    var selectLabel = toggle.textContent;
    function update() {
      var count = boxes.filter(function (box) { return box.checked; }).length;
      counter.textContent = count ? "(" + count + " " + counter.getAttribute("data-analysis-selected") + ")" : "";
      toggle.textContent = count === boxes.length ? toggle.getAttribute("data-analysis-select-all") : selectLabel;
    }
    toggle.hidden = false;
    toggle.addEventListener("click", function () {
      var all = boxes.every(function (box) { return box.checked; });
      boxes.forEach(function (box) { box.checked = !all; });
      update();
    });
    boxes.forEach(function (box) { box.addEventListener("change", update); });
    update();
  }

  // Coding page: 1-9 tick codes, "a" accepts the first suggestion, "s" saves and goes on, "n" skips.
  // Single-key shortcuts can be switched off (WCAG 2.1.4); the choice is remembered in this browser.
  function setUpCodingShortcuts() {
    var area = document.querySelector("[data-analysis-shortcuts]");
    if (!area) { return; }
    var switcher = document.getElementById("shortcuts-on");
    var storageKey = "konzeptwerk.codingShortcuts";
    try { switcher.checked = window.localStorage.getItem(storageKey) !== "off"; } catch (error) { switcher.checked = true; }
    area.hidden = false;
    switcher.addEventListener("change", function () {
      try { window.localStorage.setItem(storageKey, switcher.checked ? "on" : "off"); } catch (error) { /* private mode */ }
    });
    document.addEventListener("keydown", function (event) {
      if (!switcher.checked || event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented) { return; }
      var target = event.target;
      if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) &&
          !(target.tagName === "INPUT" && target.type === "checkbox")) { return; }
      var key = event.key;
      var codes = document.querySelectorAll("[data-analysis-code]");
      var element = null;
      if (/^[1-9]$/.test(key)) {
        element = codes[Number(key) - 1];
        if (element && !element.disabled) {
          element.checked = !element.checked;
          element.focus();
          event.preventDefault();
        }
        return;
      }
      if (key === "a") { element = document.querySelector("[data-shortcut=accept]"); }
      else if (key === "s") { element = document.querySelector("[data-shortcut=save]"); }
      else if (key === "n") { element = document.querySelector("[data-shortcut=next]"); }
      if (element) {
        event.preventDefault();
        element.click();
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    setUpPassageSelection();
    setUpCodingShortcuts();
  });
}());
