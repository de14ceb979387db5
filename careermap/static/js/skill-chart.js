// Skills over time on the plan page: one line per skill and rater, drawn with Chart.js.
// Dates go on a linear axis as day numbers, so no date adapter library is needed.
(function () {
  "use strict";
  var source = document.getElementById("skill-chart-data");
  var canvas = document.getElementById("skill-chart");
  if (!source || !canvas || !window.Chart) return;
  var data = JSON.parse(source.textContent);
  var DAY = 86400000;
  var colours = ["#1f6f9f", "#b5542b", "#3f8f4f", "#7a4fa3", "#a38a1f", "#2b8f8f"];
  var skills = [];
  data.series.forEach(function (s) { if (skills.indexOf(s.skill) < 0) skills.push(s.skill); });
  var fmt = new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short", year: "2-digit" });
  var datasets = data.series.map(function (s) {
    var colour = colours[skills.indexOf(s.skill) % colours.length];
    return {
      label: s.skill,
      rater: s.kind === "self" ? "own rating" : "manager's rating",
      data: s.points.map(function (p) { return { x: Date.parse(p.x) / DAY, y: p.y }; }),
      borderColor: colour,
      backgroundColor: colour,
      borderDash: s.kind === "self" ? [6, 4] : [],
      stepped: "before",
      pointRadius: 3,
    };
  });
  new window.Chart(canvas, {
    type: "line",
    data: { datasets: datasets },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      scales: {
        x: { type: "linear", ticks: { callback: function (v) { return fmt.format(new Date(v * DAY)); }, maxTicksLimit: 6 } },
        y: {
          min: 0.7,
          max: 5.3,
          // Exactly the five levels of the scale, whatever the padding.
          afterBuildTicks: function (axis) { axis.ticks = [1, 2, 3, 4, 5].map(function (v) { return { value: v }; }); },
          title: { display: true, text: "Level" },
        },
      },
      plugins: {
        // One legend entry per skill (its colour); the line style tells whose rating it is.
        legend: {
          position: "bottom",
          labels: {
            boxWidth: 12,
            font: { size: 11 },
            filter: function (item, chart) {
              var sets = chart.datasets;
              for (var i = 0; i < item.datasetIndex; i++) if (sets[i].label === item.text) return false;
              return true;
            },
          },
        },
        tooltip: {
          callbacks: {
            title: function (items) { return fmt.format(new Date(items[0].parsed.x * DAY)); },
            label: function (item) { return item.dataset.label + ", " + item.dataset.rater + ": " + item.parsed.y; },
          },
        },
      },
    },
  });
})();
