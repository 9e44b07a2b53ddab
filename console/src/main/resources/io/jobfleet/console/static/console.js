// jobfleet console: the overview's live numbers (server-sent events) and chart. Loaded from the
// console itself (the Content-Security-Policy allows no inline script); writes text only, never HTML.
(function () {
  "use strict";
  var FIELDS = ["pending", "running", "failed", "completed", "lag", "per_minute", "failure_rate", "p95"];
  var POINTS = 150;

  function start() {
    var table = document.getElementById("overview");
    if (!table || !window.EventSource) { return; }
    var chart = makeChart(document.getElementById("chart"));
    var source = new EventSource("/events/overview");
    source.addEventListener("stats", function (e) {
      var data = JSON.parse(e.data);
      redraw(table.tBodies[0], data.rows);
      if (chart) { chart.add(data); }
      table.setAttribute("data-updated", String(data.at));
    });
  }

  function redraw(body, rows) {
    while (body.firstChild) { body.removeChild(body.firstChild); }
    rows.forEach(function (row) {
      var tr = document.createElement("tr");
      tr.setAttribute("data-key", row.queue + "/" + (row.kind === null ? "" : row.kind));
      name(tr, row.queue_text, row.queue_title);
      name(tr, row.kind_text, row.kind_title);
      FIELDS.forEach(function (f) { cell(tr, row[f], f); });
      body.appendChild(tr);
    });
  }

  // a name as the server shows it (hidden characters and blank ends marked, long ones cut), the
  // exact name in the title when it differs
  function name(tr, text, title) {
    cell(tr, text, null);
    if (title) { tr.lastChild.title = title; }
  }

  function cell(tr, text, field) {
    var td = document.createElement("td");
    if (field) { td.setAttribute("data-f", field); }
    td.textContent = text === null || text === undefined ? "" : String(text);
    tr.appendChild(td);
  }

  function makeChart(el) {
    if (!el || !window.uPlot) { return null; }
    var xs = [], pending = [], running = [], failed = [];
    var plot = new uPlot({
      width: Math.max(320, el.clientWidth || 800), height: 220,
      series: [{}, {label: "pending", stroke: "#b58900"}, {label: "running", stroke: "#268bd2"},
               {label: "failed", stroke: "#dc322f"}]
    }, [xs, pending, running, failed], el);
    return {
      add: function (data) {
        var p = 0, r = 0, f = 0;
        data.rows.forEach(function (row) { p += +row.pending; r += +row.running; f += +row.failed; });
        xs.push(data.at); pending.push(p); running.push(r); failed.push(f);
        if (xs.length > POINTS) { xs.shift(); pending.shift(); running.shift(); failed.shift(); }
        plot.setData([xs, pending, running, failed]);
      }
    };
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
