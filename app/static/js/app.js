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
  document.addEventListener("DOMContentLoaded", focusFirstError);
  document.addEventListener("submit", confirmDangerousSubmits, true);
})();
