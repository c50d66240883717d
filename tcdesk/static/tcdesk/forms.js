// Error summaries (templates/components/error_summary.html): after a failed submit the summary takes the
// focus, so it is read first; a link of the summary puts the focus in its field (a list of checkboxes or
// radio buttons: on the first one), not only scrolls to it. Without this script the links still scroll.
(function () {
  var summaries = document.querySelectorAll("[data-error-summary]");
  if (!summaries.length) { return; }
  summaries[0].focus();
  Array.prototype.forEach.call(summaries, function (summary) {
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      if (!link) { return; }
      var target = document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
      if (!target) { return; }
      var field = target.matches("input, select, textarea, button")
        ? target
        : target.querySelector("input:not([type=hidden]), select, textarea");
      if (!field) { return; }
      event.preventDefault();
      // The field's label or legend comes into view with it.
      var around = target.closest(".field") || target;
      around.scrollIntoView({ block: "start" });
      field.focus({ preventScroll: true });
      if (history.replaceState) { history.replaceState(null, "", link.getAttribute("href")); }
    });
  });
})();
