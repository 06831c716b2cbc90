// Draws the relations chart from the spec the page carries, with the bundled vega-embed (no CDN).
(function () {
  "use strict";
  var el = document.getElementById("chart");
  var spec = document.getElementById("chart-spec");
  if (!el || !spec || typeof vegaEmbed !== "function") { return; }
  var options = JSON.parse(document.getElementById("chart-options").textContent);
  vegaEmbed(el, JSON.parse(spec.textContent), options)
    .then(function () { el.dataset.rendered = "yes"; })
    .catch(function (err) {
      el.dataset.rendered = "error";
      el.textContent = "Grafik gagal digambar: " + err;
      console.error(err);
    });
})();
