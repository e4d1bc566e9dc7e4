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
      // A button that becomes disabled while it has focus would drop focus to the page: keep it on the field.
      var focused = document.activeElement;
      if (plus) { plus.disabled = value >= max || left <= 0; }
      if (minus) { minus.disabled = value <= 0; }
      if ((focused === plus && plus.disabled) || (focused === minus && minus.disabled)) { input.focus(); }
    });
  }

  function makeButton(text, label, className) {
    var button = document.createElement("button");
    button.type = "button";
    // Touch helpers: the number field itself takes the keyboard (arrow keys), so "Stimme abgeben"
    // is one Tab per item away instead of three.
    button.tabIndex = -1;
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

  function enhance(root) {
    if (window.konzeptwerkRanking) { window.konzeptwerkRanking.enhance(root); }
    Array.prototype.forEach.call(root.querySelectorAll("form.workshops-ballot[data-method='dots']"), function (form) {
      if (!form.hasAttribute("data-enhanced")) { form.setAttribute("data-enhanced", ""); enhanceDotForm(form); }
    });
  }

  // Phones follow the facilitator: poll the open rounds (a 304 while nothing changed) and, when the
  // set of open rounds changes, take the new rounds from the ballot page without reloading. Rounds
  // still open stay as they are, with whatever the person has typed.
  function followRounds(container) {
    var roundsUrl = container.getAttribute("data-rounds-url");
    var pageUrl = container.getAttribute("data-page-url");
    var seconds = parseInt(container.getAttribute("data-refresh-seconds"), 10) || 3;
    var busy = false;
    function openIds() { return container.getAttribute("data-open") || ""; }
    function swap(html) {
      var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("workshops-rounds");
      if (!fresh) { return; }
      var kept = {};
      Array.prototype.forEach.call(container.querySelectorAll(":scope > section[id]"), function (node) { kept[node.id] = node; });
      var nodes = [];
      Array.prototype.forEach.call(fresh.children, function (node) {
        nodes.push(node.id && kept[node.id] ? kept[node.id] : document.importNode(node, true));
      });
      container.replaceChildren.apply(container, nodes);
      container.setAttribute("data-open", fresh.getAttribute("data-open") || "");
      enhance(container);
      var announcer = document.getElementById("workshops-round-state");
      if (announcer) { announcer.textContent = container.getAttribute("data-changed-text"); }
      var first = container.querySelector("section.workshops-round h2");
      if (first && !container.contains(document.activeElement)) { first.setAttribute("tabindex", "-1"); }
    }
    function poll() {
      if (busy || document.hidden) { return; }
      busy = true;
      fetch(roundsUrl, {credentials: "omit", headers: {"Accept": "application/json"}})
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (body) {
          if (!body) { return null; }
          var ids = body.rounds.map(function (r) { return String(r.id); }).join(",");
          if (ids === openIds()) { return null; }
          return fetch(pageUrl, {credentials: "same-origin"}).then(function (r) { return r.ok ? r.text() : null; })
            .then(function (html) { if (html) { swap(html); } });
        })
        .catch(function () { return null; })
        .then(function () { busy = false; });
    }
    window.setInterval(poll, seconds * 1000);
  }

  // Presenter: N or Arrow right moves on, P or Arrow left goes back, E shows or hides the results.
  function presenterShortcuts(event) {
    if (event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented) { return; }
    var target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT|BUTTON)$/.test(target.tagName))) { return; }
    var key = event.key.toLowerCase();
    var name = (key === "n" || key === "arrowright") ? "next" : (key === "p" || key === "arrowleft") ? "previous"
      : key === "e" ? "results" : null;
    var control = name && document.querySelector("[data-shortcut='" + name + "']");
    if (!control) { return; }
    event.preventDefault();
    if (control.tagName === "FORM") { control.requestSubmit(); } else { control.click(); }
  }

  function startCountdowns() {
    var output = document.querySelector(".workshops-countdown");
    var timer = null;
    Array.prototype.forEach.call(document.querySelectorAll("[data-countdown]"), function (button) {
      button.addEventListener("click", function () {
        var end = Date.now() + parseInt(button.getAttribute("data-countdown"), 10) * 1000;
        function show() {
          var left = Math.max(0, Math.round((end - Date.now()) / 1000));
          output.textContent = Math.floor(left / 60) + ":" + String(left % 60).padStart(2, "0");
          output.classList.toggle("workshops-countdown-over", left === 0);
          if (left === 0) { window.clearInterval(timer); }
        }
        window.clearInterval(timer);
        show();
        timer = window.setInterval(show, 1000);
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    enhance(document);
    if (document.querySelector(".workshops-presenter")) {
      document.addEventListener("keydown", presenterShortcuts);
      startCountdowns();
    }
    var rounds = document.getElementById("workshops-rounds");
    if (rounds && rounds.hasAttribute("data-rounds-url")) { followRounds(rounds); }
  });
  document.addEventListener("htmx:afterSwap", announceChanges);
})();
