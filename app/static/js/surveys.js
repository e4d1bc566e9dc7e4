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
  // The question editor shows only the fields the chosen question type uses (all of them without script).
  function showFieldsForKind() {
    var kind = document.querySelector("select[name=kind]");
    var parts = document.querySelectorAll("[data-question-kinds]");
    if (!kind || !parts.length) { return; }
    function update() {
      parts.forEach(function (part) {
        part.hidden = part.getAttribute("data-question-kinds").split(" ").indexOf(kind.value) === -1;
      });
    }
    kind.addEventListener("change", update);
    update();
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
    showFieldsForKind();
    markUnsavedInterview();
  });
})();
