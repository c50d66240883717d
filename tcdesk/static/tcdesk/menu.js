// The main menu folds behind a "Menu" button on small screens. Without this script the menu stays open.
(function () {
  var header = document.querySelector(".site-header");
  var button = document.getElementById("menu-button");
  if (!header || !button) { return; }
  header.setAttribute("data-menu", "closed");
  button.hidden = false;
  button.addEventListener("click", function () {
    var open = header.getAttribute("data-menu") === "open";
    header.setAttribute("data-menu", open ? "closed" : "open");
    button.setAttribute("aria-expanded", open ? "false" : "true");
  });
})();
