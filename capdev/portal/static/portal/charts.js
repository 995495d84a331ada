// Capdev charts: draws every <figure class="capdev-chart" data-chart="ID"> with Chart.js 4 (global `Chart`),
// from the JSON the template put in <script type="application/json" id="ID"> (portal/_chart.html).
// No inline script anywhere: this file is loaded with `defer` after vendor/chartjs/chart.umd.min.js.
// The figure's table and CSV link carry the same numbers, so nothing is lost when this does not run.
(function () {
  "use strict";

  // Okabe–Ito based palette: tells series apart for colour-blind readers; the first is the brand blue.
  var PALETTE = ["#004f8c", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#6b6b00", "#000000"];
  var reduceMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  // The page's language, with the digits the server writes too (0-9, also in Arabic: Django's formats).
  var lang = document.documentElement.lang ? document.documentElement.lang + "-u-nu-latn" : undefined;
  // Arabic pages: horizontal bars grow from the right, their labels on the right (the page is mirrored).
  var rtl = document.documentElement.dir === "rtl";
  var RTL_CHAR = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]/;
  var LTR_CHAR = /[A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff\u4e00-\u9fff]/;

  function formatter(valueFormat, compact) {
    var opts = valueFormat === "score" ? { maximumFractionDigits: 3 }  // a score of 2.5 is not 3
      : compact ? { notation: "compact", maximumFractionDigits: 1 } : { maximumFractionDigits: 0 };
    var nf = new Intl.NumberFormat(lang, opts);
    return function (value) { return value === null || value === undefined ? "–" : nf.format(value); };
  }

  // Long category labels (unit names, SDG titles) are cut on the axis; the tooltip and the table show them whole.
  // The cut label ends with a mark of its own direction (LRM, RLM): an English label in an Arabic canvas keeps
  // its "…" at its end (on the right), not at the start of the right-to-left line.
  function shorten(label, max) {
    label = String(label);
    if (label.length <= max) { return label; }
    var firstRtl = label.search(RTL_CHAR), firstLtr = label.search(LTR_CHAR);
    var labelRtl = firstRtl !== -1 && (firstLtr === -1 || firstRtl < firstLtr);
    return label.slice(0, max - 1) + "…" + (labelRtl ? "\u200f" : "\u200e");
  }

  function build(figure) {
    if (figure.classList.contains("chart-drawn")) { return; }  // a page may load this file twice
    var source = document.getElementById(figure.dataset.chart);
    var canvas = figure.querySelector("canvas");
    if (!source || !canvas) { return; }
    var data = JSON.parse(source.textContent);
    var kind = data.kind;
    var horizontal = kind === "hbar";
    var money = data.valueFormat === "money";
    var full = formatter(data.valueFormat, false);
    var compact = formatter(data.valueFormat, true);
    var links = data.links || [];
    var hasLinks = links.some(function (l) { return !!l; });
    var narrow = window.matchMedia("(max-width: 600px)").matches;

    // Horizontal bars get taller with the number of labels, so each bar stays readable.
    if (horizontal) {
      var per = 26 * Math.max(1, data.series.length);
      canvas.parentNode.style.height = Math.max(160, data.labels.length * per + 70) + "px";
    }

    var datasets = data.series.map(function (s, i) {
      var colour = PALETTE[i % PALETTE.length];
      var ds = { label: s.label, data: s.values };
      if (kind === "doughnut") {
        ds.backgroundColor = data.labels.map(function (_l, j) { return PALETTE[j % PALETTE.length]; });
        ds.borderColor = "#ffffff";
      } else if (kind === "line") {
        ds.borderColor = colour; ds.backgroundColor = colour; ds.tension = 0; ds.pointRadius = 3; ds.spanGaps = false;
      } else if (kind === "radar") {
        // The latest assessment solid, the one before dashed: told apart without colour too.
        ds.borderColor = colour; ds.pointBackgroundColor = colour; ds.backgroundColor = colour + "22";
        ds.borderDash = i === 0 ? [] : [6, 4]; ds.pointRadius = 3; ds.spanGaps = false;
      } else {
        ds.backgroundColor = colour; ds.borderColor = colour; ds.maxBarThickness = 36;
      }
      return ds;
    });

    var fixed = data.min !== null && data.min !== undefined && data.max !== null && data.max !== undefined;
    var valueAxis = {
      beginAtZero: !fixed,
      ticks: { callback: function (v) { return compact(v); }, precision: 0 },
      title: { display: money, text: data.series.map(function (s) { return s.label; }).join(", ") },
    };
    var labelMax = narrow ? 16 : 34;
    var labelAxis = {
      ticks: {
        autoSkip: !horizontal,
        callback: function (value) { return shorten(this.getLabelForValue(value), labelMax); },
      },
      grid: { display: false },
    };

    var options = {
      responsive: true,
      maintainAspectRatio: false,
      animation: reduceMotion ? false : { duration: 400 },
      indexAxis: horizontal ? "y" : "x",
      locale: lang,
      plugins: {
        legend: { display: kind === "doughnut" || data.series.length > 1, position: "bottom", rtl: rtl },
        tooltip: {
          rtl: rtl,
          callbacks: {
            label: function (ctx) {
              var v = ctx.raw;
              var text = full(v);
              return money ? " " + text + " " + ctx.dataset.label : " " + ctx.dataset.label + ": " + text;
            },
          },
        },
      },
    };
    if (fixed) {
      valueAxis.min = data.min; valueAxis.max = data.max;
      valueAxis.ticks.precision = data.max <= 1 ? 1 : 0;
      // Scores: up to two decimals (2.5 on a scale of levels, 0.57 on an index).
      var scoreFormat = new Intl.NumberFormat(lang, { maximumFractionDigits: 2 });
      full = function (v) { return v === null || v === undefined ? "–" : scoreFormat.format(v); };
      valueAxis.ticks.callback = function (v) { return full(v); };
    }
    if (kind === "radar") {
      // The centre is 0 even on a scale of levels 1-5: level 1 is a small ring, not a point that looks like nothing.
      var lowest = fixed ? data.min : 0;
      options.scales = { r: { min: Math.min(0, lowest), max: fixed ? data.max : undefined, beginAtZero: true,
        ticks: { stepSize: fixed && data.max <= 1 ? 0.2 : 1, backdropColor: "transparent",
                 callback: function (v) { return v < lowest ? "" : full(v); } },
        pointLabels: { callback: function (label) { return shorten(label, narrow ? 14 : 28); } } } };
      options.plugins.legend.display = true;
    } else if (kind !== "doughnut") {
      if (horizontal && rtl) {  // mirrored: values grow leftwards, labels on the right (years still run left to right)
        valueAxis.reverse = true;
        labelAxis.position = "right";
      }
      options.scales = horizontal ? { x: valueAxis, y: labelAxis } : { x: labelAxis, y: valueAxis };
    }
    if (hasLinks) {
      // A click on a bar opens the matching project list; the table's links are the keyboard path.
      options.onClick = function (_event, elements) {
        if (elements.length && links[elements[0].index]) { window.location.assign(links[elements[0].index]); }
      };
      options.onHover = function (event, elements) {
        var target = event.native && event.native.target;
        if (target) { target.style.cursor = elements.length && links[elements[0].index] ? "pointer" : "default"; }
      };
    }

    new window.Chart(canvas, { type: kind === "hbar" ? "bar" : kind, data: { labels: data.labels, datasets: datasets }, options: options });
    figure.classList.add("chart-drawn");
  }

  function init() {
    if (typeof window.Chart === "undefined") { return; }
    window.Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
    window.Chart.defaults.color = "#4a4f55";
    document.querySelectorAll("figure.capdev-chart[data-chart]").forEach(function (figure) {
      try { build(figure); } catch (err) { if (window.console) { console.error("capdev chart", err); } }
    });
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
