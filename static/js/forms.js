// After a form comes back with errors, focus moves to its error summary, so that a
// screen reader reads what to correct and the keyboard starts from there (each error
// links to its field). Otherwise the page's messages ("Thank you for your support")
// are put into their live regions afresh once the page is shown: a region filled
// before the page loaded is not announced by every screen reader. The text stays on
// the page throughout; only its nodes are replaced by copies.
(function () {
  "use strict";
  var summary = document.querySelector(".error-summary");
  if (summary) {
    summary.focus();
    return;
  }
  var regions = document.querySelectorAll(".messages [role=status], .messages [role=alert]");
  if (!regions.length) { return; }
  window.setTimeout(function () {
    Array.prototype.forEach.call(regions, function (region) {
      var copies = Array.prototype.map.call(region.childNodes, function (node) { return node.cloneNode(true); });
      region.replaceChildren.apply(region, copies);
    });
  }, 300);
}());
