// Capdev editor behaviour. No inline scripts: the Content-Security-Policy forbids them.
(function () {
  "use strict";
  // After "Add a row" swaps a list in, put the keyboard on the new row's first field.
  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail.target;
    if (!target || !target.matches || !target.matches("[data-formset]")) { return; }
    var section = document.getElementById(target.id) || target;
    var rows = section.querySelectorAll(".row-form");
    if (!rows.length) { return; }
    var field = rows[rows.length - 1].querySelector("input:not([type=hidden]), select, textarea");
    if (field) { field.focus(); }
  });
  // Ask before leaving a form with unsaved changes.
  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector("form[data-warn-unsaved]");
    if (!form) { return; }
    var dirty = false;
    form.addEventListener("input", function () { dirty = true; });
    form.addEventListener("submit", function () { dirty = false; });
    window.addEventListener("beforeunload", function (e) { if (dirty) { e.preventDefault(); e.returnValue = ""; } });
  });
  // Confirm destructive buttons that carry data-confirm.
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-confirm]") : null;
    if (button && !window.confirm(button.getAttribute("data-confirm"))) { event.preventDefault(); }
  });
})();
