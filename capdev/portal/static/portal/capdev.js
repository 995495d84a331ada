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
})();
