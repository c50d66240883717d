// Pickers: a long list of checkboxes (instruments, mandates) gets a filter box above it. Typing keeps
// the items whose label holds every word typed (accents and case ignored); ticked items always stay.
// Without this script the whole list shows, in a scrolling box.
(function () {
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  var lists = document.querySelectorAll("div.picker");
  Array.prototype.forEach.call(lists, function (list, index) {
    var first = list.querySelector("input[data-picker-label]");
    if (!first) { return; }
    var id = (list.id || "picker-" + index) + "-filter";
    var label = document.createElement("label");
    label.setAttribute("for", id);
    label.className = "picker-filter-label";
    label.textContent = first.getAttribute("data-picker-label");
    var box = document.createElement("input");
    box.type = "search";
    box.id = id;
    box.className = "picker-filter";
    box.setAttribute("aria-controls", list.id);
    box.autocomplete = "off";
    list.parentNode.insertBefore(label, list);
    list.parentNode.insertBefore(box, list);
    var items = list.querySelectorAll("input[type=checkbox]");
    box.addEventListener("input", function () {
      var words = fold(box.value).split(/\s+/).filter(Boolean);
      Array.prototype.forEach.call(items, function (input) {
        var item = input.closest("label").parentNode;
        var text = fold(item.textContent);
        var keep = input.checked || words.every(function (w) { return text.indexOf(w) >= 0; });
        item.hidden = !keep;
      });
      // A group (resolution, treaty family) whose items are all hidden is hidden too.
      Array.prototype.forEach.call(list.children, function (group) {
        var head = group.firstElementChild;
        if (!head || head.tagName !== "LABEL" || head.querySelector("input")) { return; }
        var inner = group.querySelectorAll("input[type=checkbox]");
        group.hidden = Array.prototype.every.call(inner, function (input) {
          return input.closest("label").parentNode.hidden;
        });
      });
    });
    // Enter in the filter box must not submit the form.
    box.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); }
    });
  });
})();
