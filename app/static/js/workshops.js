// Workshops: progressive enhancements only; every form works without this file.
(function () {
  "use strict";

  function dotInputs(form) {
    return Array.prototype.slice.call(form.querySelectorAll("input.workshops-dot-input"));
  }

  function updateRemaining(form) {
    var budget = parseInt(form.getAttribute("data-budget"), 10) || 0;
    var used = 0;
    dotInputs(form).forEach(function (input) {
      var value = parseInt(input.value, 10);
      if (value > 0) { used += value; }
    });
    var left = budget - used;
    var output = form.querySelector(".workshops-remaining");
    if (output) {
      output.textContent = output.getAttribute("data-template").replace("__N__", String(Math.max(left, 0)));
      output.classList.toggle("workshops-over-budget", left < 0);
    }
    dotInputs(form).forEach(function (input) {
      var value = parseInt(input.value, 10) || 0;
      var max = parseInt(input.getAttribute("max"), 10) || budget;
      var row = input.parentNode;
      var plus = row.querySelector(".workshops-plus");
      var minus = row.querySelector(".workshops-minus");
      if (plus) { plus.disabled = value >= max || left <= 0; }
      if (minus) { minus.disabled = value <= 0; }
    });
  }

  function makeButton(text, label, className) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "btn btn-outline-primary workshops-step " + className;
    button.textContent = text;
    button.setAttribute("aria-label", label);
    return button;
  }

  function enhanceDotForm(form) {
    dotInputs(form).forEach(function (input) {
      var minus = makeButton("\u2212", input.getAttribute("data-less-label"), "workshops-minus");
      var plus = makeButton("+", input.getAttribute("data-more-label"), "workshops-plus");
      input.parentNode.insertBefore(minus, input);
      input.parentNode.insertBefore(plus, input.nextSibling);
      function step(delta) {
        var value = (parseInt(input.value, 10) || 0) + delta;
        input.value = value > 0 ? String(value) : "";
        updateRemaining(form);
      }
      minus.addEventListener("click", function () { step(-1); });
      plus.addEventListener("click", function () { step(1); });
      input.addEventListener("input", function () { updateRemaining(form); });
    });
    updateRemaining(form);
  }

  function announceChanges(event) {
    var target = event.detail && event.detail.target;
    if (!target || target.id !== "workshops-live") { return; }
    var source = target.querySelector("[data-workshops-announce]");
    var announcer = document.getElementById("workshops-announcer");
    if (!source || !announcer) { return; }
    var text = source.getAttribute("data-workshops-announce");
    if (announcer.textContent !== text) { announcer.textContent = text; }
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("form.workshops-ballot[data-method='dots']"), enhanceDotForm);
  });
  document.addEventListener("htmx:afterSwap", announceChanges);
})();
