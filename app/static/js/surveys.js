// Survey enhancements only: every page works without this file.
(function () {
  "use strict";
  function addPrintButton() {
    var holder = document.querySelector("[data-surveys-print]");
    if (!holder) { return; }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "btn btn-primary";
    button.textContent = holder.getAttribute("data-surveys-print");
    button.addEventListener("click", function () { window.print(); });
    holder.appendChild(button);
  }
  function addCopyButtons() {
    document.querySelectorAll("[data-surveys-copy]").forEach(function (input) {
      if (!navigator.clipboard) { return; }
      var button = document.createElement("button");
      button.type = "button";
      button.className = "btn btn-outline-primary mt-2";
      button.textContent = input.getAttribute("data-surveys-copy");
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(input.value).then(function () {
          button.textContent = input.getAttribute("data-surveys-copied");
        });
      });
      input.insertAdjacentElement("afterend", button);
    });
  }
  function markUnsavedInterview() {
    var form = document.getElementById("interview-form");
    var status = document.getElementById("autosave-status");
    if (!form || !status) { return; }
    form.addEventListener("input", function () { status.textContent = status.getAttribute("data-pending") || ""; });
  }
  document.addEventListener("DOMContentLoaded", function () {
    addPrintButton();
    addCopyButtons();
    markUnsavedInterview();
  });
})();
