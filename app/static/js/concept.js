// Concept editor: a small formatting toolbar for the simple markup. The textarea works without it.
(function () {
  "use strict";
  var MARKERS = {
    bold: { wrap: "**" },
    italic: { wrap: "*" },
    heading: { prefix: "## " },
    bullet: { prefix: "- " },
    number: { prefix: "1. " },
    quote: { prefix: "> " }
  };
  function apply(area, kind) {
    var marker = MARKERS[kind];
    var start = area.selectionStart, end = area.selectionEnd, text = area.value;
    var selected = text.slice(start, end);
    var replacement;
    if (marker.wrap) {
      replacement = marker.wrap + (selected || "Text") + marker.wrap;
    } else {
      var lines = (selected || "Text").split("\n");
      replacement = lines.map(function (line) { return marker.prefix + line; }).join("\n");
      if (start > 0 && text.charAt(start - 1) !== "\n") { replacement = "\n" + replacement; }
    }
    area.setRangeText(replacement, start, end, "select");
    area.focus();
    area.dispatchEvent(new Event("input", { bubbles: true }));
  }
  function init() {
    var toolbar = document.querySelector(".concept-toolbar");
    var area = document.getElementById("body");
    if (!toolbar || !area) { return; }
    toolbar.hidden = false;
    toolbar.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-markup]");
      if (button) { apply(area, button.getAttribute("data-markup")); }
    });
    var dirty = false;
    area.addEventListener("input", function () { dirty = true; });
    var form = document.getElementById("section-form");
    if (form) { form.addEventListener("submit", function () { dirty = false; }); }
    window.addEventListener("beforeunload", function (event) {
      if (dirty) { event.preventDefault(); event.returnValue = ""; }
    });
  }
  document.addEventListener("DOMContentLoaded", init);
})();
