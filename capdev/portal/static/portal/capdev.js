// Capdev portal behaviour shared by every page. No inline scripts anywhere: the CSP forbids them.
(function () {
  "use strict";
  // After htmx swaps content in, move focus to the region's heading so keyboard and screen-reader users follow.
  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail.target;
    if (target && target.dataset && target.dataset.focusAfterSwap !== undefined) {
      var heading = target.querySelector("h1, h2, [tabindex='-1']");
      if (heading) { heading.setAttribute("tabindex", "-1"); heading.focus(); }
    }
  });
  // htmx does not send a form with a value out of its input's bounds (a start year before 1900): say why, as
  // the browser does for a form sent without htmx, instead of leaving the list as it was without a word.
  document.addEventListener("htmx:validation:halted", function (event) {
    var form = event.detail.elt;
    if (form && form.reportValidity) { form.reportValidity(); }
  });
})();
