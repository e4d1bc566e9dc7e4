// Reorder lists for ranking answers (survey ranking questions, workshop ranking rounds); progressive
// enhancement of templates/_ranking.html. Without this file the place dropdowns work on their own; with it
// they are hidden and kept in step with an ordered list whose entries move with buttons, keys or a pointer,
// so the form sends exactly the same fields. Words come from the page (data-ranking-* attributes).
(function () {
  "use strict";
  var counter = 0;

  function fill(template, values) {
    return template.replace(/__(ITEM|PLACE|NUM)__/g, function (match, key) {
      return values[key] !== undefined ? String(values[key]) : match;
    });
  }

  function ownValue(select) {
    var value = parseInt(select.value, 10);
    return isNaN(value) ? null : value;
  }

  function enhanceList(container) {
    var text = function (name) { return container.getAttribute("data-ranking-" + name) || ""; };
    var rows = Array.prototype.slice.call(container.querySelectorAll("[data-ranking-item]"));
    var entries = rows.map(function (row, index) {
      return {row: row, select: row.querySelector("select"), name: row.getAttribute("data-ranking-name"), index: index};
    }).filter(function (entry) { return entry.select; });
    if (entries.length < 2) { return; }
    var places = Math.min(parseInt(text("places"), 10) || entries.length, entries.length);
    var isRanked = entries.some(function (entry) { return ownValue(entry.select) !== null; });
    // Ranked entries first by their place, the others in the order the page gave them.
    entries.sort(function (a, b) {
      var pa = ownValue(a.select), pb = ownValue(b.select);
      if (pa !== null && pb !== null && pa !== pb) { return pa - pb; }
      if (pa !== null && pb === null) { return -1; }
      if (pa === null && pb !== null) { return 1; }
      return a.index - b.index;
    });
    var id = "ranking-" + (++counter);

    var instructions = document.createElement("p");
    instructions.className = "ranking-instructions";
    instructions.id = id + "-instructions";
    instructions.textContent = text("instructions");
    var list = document.createElement("ol");
    list.className = "ranking-list";
    list.setAttribute("aria-describedby", instructions.id);
    var live = document.createElement("div");
    live.className = "visually-hidden";
    live.setAttribute("aria-live", "polite");
    var status = document.createElement("p");
    status.className = "ranking-status";
    var accept = document.createElement("button");
    accept.type = "button";
    accept.className = "btn btn-outline-primary ranking-accept";
    accept.textContent = text("accept");
    var clear = document.createElement("button");
    clear.type = "button";
    clear.className = "btn btn-link px-0 ranking-clear";
    clear.textContent = text("clear");
    var controls = document.createElement("div");
    controls.className = "ranking-controls";
    controls.append(status, accept, clear);

    function announce(message) {
      // The same words twice in a row must be read again: vary them invisibly.
      live.textContent = live.textContent === message ? message + "\u00a0" : message;
    }

    function makeButton(className, glyph, label) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "btn btn-outline-primary ranking-move " + className;
      button.setAttribute("aria-label", label);
      button.title = label;
      var icon = document.createElement("span");
      icon.setAttribute("aria-hidden", "true");
      icon.textContent = glyph;
      button.appendChild(icon);
      return button;
    }

    entries.forEach(function (entry) {
      var item = document.createElement("li");
      item.className = "ranking-item";
      entry.item = item;
      item.rankingEntry = entry;
      var grip = document.createElement("span");
      grip.className = "ranking-grip";
      grip.setAttribute("aria-hidden", "true");
      grip.title = fill(text("grip"), {ITEM: entry.name});
      grip.textContent = "\u2630";
      var place = document.createElement("span");
      place.className = "ranking-place";
      place.setAttribute("aria-hidden", "true");
      entry.place = place;
      var name = document.createElement("span");
      name.className = "ranking-name";
      var label = entry.row.querySelector("template[data-ranking-label]");
      if (label) { name.appendChild(label.content.cloneNode(true)); } else { name.textContent = entry.name; }
      var placeText = document.createElement("span");
      placeText.className = "visually-hidden";
      entry.placeText = placeText;
      name.appendChild(placeText);
      entry.up = makeButton("ranking-up", "\u2191", fill(text("up"), {ITEM: entry.name}));
      entry.down = makeButton("ranking-down", "\u2193", fill(text("down"), {ITEM: entry.name}));
      var buttons = document.createElement("span");
      buttons.className = "ranking-buttons";
      buttons.append(entry.up, entry.down);
      item.append(grip, place, name, buttons);
      list.appendChild(item);
      entry.up.addEventListener("click", function () { move(entry, -1); });
      entry.down.addEventListener("click", function () { move(entry, 1); });
      item.addEventListener("keydown", function (event) { onKey(entry, event); });
      grip.addEventListener("pointerdown", function (event) { startDrag(entry, event); });
    });

    function ordered() {
      return Array.prototype.map.call(list.children, function (item) { return item.rankingEntry; });
    }

    // Write the list into the dropdowns (only once the person has given an order) and show the places.
    function render(write) {
      var all = ordered();
      all.forEach(function (entry, position) {
        if (write) { entry.select.value = isRanked && position < places ? String(position + 1) : ""; }
        var own = ownValue(entry.select);
        entry.place.textContent = own !== null ? own + "." : "\u2013";
        entry.item.classList.toggle("ranking-unplaced", own === null);
        entry.placeText.textContent = own !== null ? " (" + own + ".)" : " (" + text("no-place") + ")";
        entry.up.setAttribute("aria-disabled", position === 0 ? "true" : "false");
        entry.down.setAttribute("aria-disabled", position === all.length - 1 ? "true" : "false");
      });
      status.textContent = isRanked ? text("set") : text("unset");
      accept.hidden = isRanked;
      clear.hidden = !isRanked;
      container.classList.toggle("ranking-is-set", isRanked);
      if (write) {
        // One change for the whole list, so listeners (autosave in interviewer mode) react once.
        ["input", "change"].forEach(function (type) {
          all[0].select.dispatchEvent(new Event(type, {bubbles: true}));
        });
      }
    }

    function placeMessage(entry) {
      var position = ordered().indexOf(entry);
      return position < places ? fill(text("moved"), {ITEM: entry.name, PLACE: position + 1, NUM: places})
        : fill(text("unplaced"), {ITEM: entry.name});
    }

    function settle(entry, focused) {
      isRanked = true;
      render(true);
      if (focused && document.activeElement !== focused) { focused.focus(); }
      announce(placeMessage(entry));
    }

    // Moving the neighbour instead of the entry keeps the entry (and the control with focus) in the page.
    function move(entry, step) {
      var focused = entry.item.contains(document.activeElement) ? document.activeElement : null;
      if (step < 0 && entry.item.previousElementSibling) {
        list.insertBefore(entry.item.previousElementSibling, entry.item.nextElementSibling);
      } else if (step > 0 && entry.item.nextElementSibling) {
        list.insertBefore(entry.item.nextElementSibling, entry.item);
      } else {
        return;
      }
      settle(entry, focused);
    }

    function onKey(entry, event) {
      if (event.key !== "ArrowUp" && event.key !== "ArrowDown") { return; }
      var onMoveButton = event.target === entry.up || event.target === entry.down;
      if (!(event.altKey || onMoveButton) || event.ctrlKey || event.metaKey || event.shiftKey) { return; }
      event.preventDefault();
      move(entry, event.key === "ArrowUp" ? -1 : 1);
    }

    // Pointer dragging (mouse, pen, touch): the entry follows the pointer through the list.
    function startDrag(entry, event) {
      if (event.button !== undefined && event.button !== 0) { return; }
      event.preventDefault();
      var grip = event.currentTarget;
      var startIndex = ordered().indexOf(entry);
      grip.setPointerCapture(event.pointerId);
      entry.item.classList.add("ranking-dragging");
      function onMove(moveEvent) {
        var y = moveEvent.clientY;
        var previous, next, box;
        // Neighbours move past the entry, never the entry itself: taken out of the page, its grip would lose
        // the pointer.
        while ((previous = entry.item.previousElementSibling)) {
          box = previous.getBoundingClientRect();
          if (y >= box.top + box.height / 2) { break; }
          list.insertBefore(previous, entry.item.nextElementSibling);
        }
        while ((next = entry.item.nextElementSibling)) {
          box = next.getBoundingClientRect();
          if (y <= box.top + box.height / 2) { break; }
          list.insertBefore(next, entry.item);
        }
        var edge = 48;
        if (y < edge) { window.scrollBy(0, -12); } else if (y > window.innerHeight - edge) { window.scrollBy(0, 12); }
      }
      function onEnd() {
        grip.removeEventListener("pointermove", onMove);
        grip.removeEventListener("pointerup", onEnd);
        grip.removeEventListener("pointercancel", onEnd);
        grip.removeEventListener("lostpointercapture", onEnd);
        entry.item.classList.remove("ranking-dragging");
        if (ordered().indexOf(entry) !== startIndex) { settle(entry, null); }
      }
      grip.addEventListener("pointermove", onMove);
      grip.addEventListener("pointerup", onEnd);
      grip.addEventListener("pointercancel", onEnd);
      grip.addEventListener("lostpointercapture", onEnd);
    }

    accept.addEventListener("click", function () {
      isRanked = true;
      render(true);
      clear.focus();
      announce(text("set"));
    });
    clear.addEventListener("click", function () {
      isRanked = false;
      render(true);
      accept.focus();
      announce(text("unset"));
    });

    rows.forEach(function (row) { row.hidden = true; });
    // An error summary links to the first dropdown: with the dropdowns hidden the link leads to the list.
    var first = rows[0].querySelector("select");
    if (first && first.id && document.querySelector("a[href='#" + first.id + "']")) {
      var label = document.querySelector("label[for='" + first.id + "']");
      list.id = first.id;
      list.tabIndex = -1;
      first.id = first.id + "-select";
      if (label) { label.htmlFor = first.id; }
    }
    container.prepend(instructions, list, controls, live);
    container.classList.add("ranking-enhanced");
    render(false);
  }

  function enhance(root) {
    Array.prototype.forEach.call(root.querySelectorAll("[data-ranking]"), function (container) {
      if (container.hasAttribute("data-ranking-enhanced") || container.closest("fieldset[disabled]")) { return; }
      container.setAttribute("data-ranking-enhanced", "");
      enhanceList(container);
    });
  }

  window.konzeptwerkRanking = {enhance: enhance};
  document.addEventListener("DOMContentLoaded", function () { enhance(document); });
})();
