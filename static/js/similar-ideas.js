// Suggests existing ideas like the one being typed, so that people support them
// rather than propose the same thing twice. Works without it: the form is plain HTML.
(function () {
  "use strict";
  var form = document.getElementById("idea-form");
  if (!form) { return; }
  var box = document.getElementById("similar");
  var title = form.querySelector("[name=title]");
  var description = form.querySelector("[name=description]");
  var timer = null;
  var last = "";
  function look() {
    var query = "title=" + encodeURIComponent(title.value) + "&description=" +
      encodeURIComponent((description && description.value || "").slice(0, 1000));
    if (query === last || title.value.trim().length < 4) { return; }
    last = query;
    fetch(form.dataset.similar + "?" + query, {headers: {"X-Requested-With": "fetch"}})
      .then(function (response) { return response.ok ? response.text() : ""; })
      .then(function (html) { box.innerHTML = html; })
      .catch(function () {});
  }
  function later() { clearTimeout(timer); timer = setTimeout(look, 400); }
  title.addEventListener("input", later);
  if (description) { description.addEventListener("input", later); }
}());
