// The insights page's charts, drawn with Chart.js from the data each chart's json_script
// carries. Each chart has its table beside it: the table is the version to read and to copy.
(function () {
  "use strict";
  if (!window.Chart) return;
  var colours = ["#9cc3dc", "#4a90bd", "#1f5f8b"];
  var stacks = ["#5b7a99", "#3f8f4f", "#a3c96b"];
  document.querySelectorAll("canvas[id^='chart-']").forEach(function (canvas) {
    var source = document.getElementById(canvas.id + "-data");
    if (!source) return;
    var data = JSON.parse(source.textContent);
    var palette = data.stacked ? stacks : data.series.length > 1 ? colours : [colours[1]];
    var box = canvas.parentNode;
    // Horizontal bars: long team, skill and role names stay readable on a phone.
    box.style.height = Math.max(12, 3 + data.labels.length * (data.series.length > 1 && !data.stacked ? 2.6 : 1.8)) + "rem";
    new window.Chart(canvas, {
      type: "bar",
      data: {
        labels: data.labels,
        datasets: data.series.map(function (s, i) {
          return { label: s.label, data: s.data, backgroundColor: palette[i % palette.length] };
        }),
      },
      options: {
        indexAxis: "y",
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: {
          x: {
            beginAtZero: true,
            stacked: !!data.stacked,
            max: data.unit === "%" ? 100 : undefined,
            ticks: { precision: 0, callback: function (v) { return v + data.unit; } },
          },
          y: { stacked: !!data.stacked, ticks: { autoSkip: false, font: { size: 12 } } },
        },
        plugins: {
          legend: { display: data.series.length > 1, position: "bottom", labels: { boxWidth: 12 } },
          tooltip: {
            callbacks: {
              label: function (item) { return item.dataset.label + ": " + item.parsed.x + data.unit; },
            },
          },
        },
      },
    });
  });
})();
