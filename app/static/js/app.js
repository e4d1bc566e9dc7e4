// Progressive enhancements only: every page works without this file.
(function () {
  "use strict";
  function focusFirstError() {
    var summary = document.querySelector(".error-summary");
    if (summary) {
      summary.setAttribute("tabindex", "-1");
      summary.focus();
      return;
    }
    var invalid = document.querySelector("[aria-invalid='true']");
    if (invalid) { invalid.focus(); }
  }
  function confirmDangerousSubmits(event) {
    var form = event.target;
    var message = form.getAttribute && form.getAttribute("data-confirm");
    if (message && !window.confirm(message)) { event.preventDefault(); }
  }
  // A table wider than the screen scrolls sideways: keyboard users must be able to reach and scroll it,
  // so an overflowing wrapper becomes a focusable region named after its table's caption.
  function labelScrollRegions() {
    document.querySelectorAll(".table-responsive").forEach(function (region) {
      if (region.scrollWidth > region.clientWidth + 1) {
        region.tabIndex = 0;
        region.setAttribute("role", "region");
        if (!region.hasAttribute("aria-label") && !region.hasAttribute("aria-labelledby")) {
          var caption = region.querySelector("caption");
          region.setAttribute("aria-label", (caption ? caption.textContent : document.title).trim());
          region.setAttribute("data-scroll-label", "");
        }
      } else if (region.getAttribute("role") === "region" && region.tabIndex === 0) {
        region.removeAttribute("tabindex");
        region.removeAttribute("role");
        if (region.hasAttribute("data-scroll-label")) {
          region.removeAttribute("aria-label");
          region.removeAttribute("data-scroll-label");
        }
      }
    });
  }
  var resizeTimer = null;
  window.addEventListener("resize", function () {
    window.clearTimeout(resizeTimer);
    resizeTimer = window.setTimeout(labelScrollRegions, 150);
  });
  document.addEventListener("htmx:afterSettle", labelScrollRegions);
  document.addEventListener("DOMContentLoaded", labelScrollRegions);
  document.addEventListener("DOMContentLoaded", focusFirstError);
  document.addEventListener("submit", confirmDangerousSubmits, true);
})();
