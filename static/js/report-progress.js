// Shows how far the generation of an annual report has got, without reloading the
// page until the documents are ready. The status text is in a live region.
(function () {
  "use strict";
  var box = document.getElementById("report-progress");
  if (!box) return;
  var status = box.getAttribute("data-status");
  if (status !== "queued" && status !== "generating") return;
  var url = box.getAttribute("data-status-url");
  function poll() {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        var label = document.getElementById("report-status-label");
        var percent = document.getElementById("report-percent");
        var bar = document.getElementById("report-bar");
        if (label) label.textContent = data.label;
        if (percent) percent.textContent = data.progress;
        if (bar) bar.value = data.progress;
        if (data.status === "ready" || data.status === "failed") {
          window.location.reload();
        } else {
          window.setTimeout(poll, 1500);
        }
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 1500);
})();
