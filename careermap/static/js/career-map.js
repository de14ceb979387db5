// The career map: roles laid out by track and level, drawn with Cytoscape. A click on a role
// loads its panel (what it needs, how far the person is from it) through HTMX.
(function () {
  "use strict";
  var container = document.getElementById("career-map");
  var source = document.getElementById("map-elements");
  if (!container || !source || !window.cytoscape) return;
  var panelUrl = container.dataset.panelUrl;
  var cy = cytoscape({
    container: container,
    elements: JSON.parse(source.textContent),
    layout: { name: "preset", padding: 30 },
    wheelSensitivity: 0.2,
    style: [
      { selector: "node", style: {
          "shape": "round-rectangle", "width": 150, "height": 56, "background-color": "#ffffff",
          "border-width": 1, "border-color": "#b9c4cc", "label": function (n) { return n.data("label") + "\n" + n.data("readiness") + "%"; },
          "text-wrap": "wrap", "text-max-width": 140, "font-size": 12, "text-valign": "center",
          "color": "#1d2b36" } },
      { selector: "node.path", style: { "background-color": "#fff6d8", "border-color": "#d9a400", "border-width": 2 } },
      { selector: "node.target", style: { "background-color": "#e6f4ea", "border-color": "#2f7d4a", "border-width": 3 } },
      { selector: "node.current", style: { "background-color": "#2d5d7b", "color": "#ffffff", "border-color": "#1f4660", "border-width": 3 } },
      { selector: "node:selected", style: { "overlay-opacity": 0.12, "overlay-color": "#2d5d7b" } },
      { selector: "edge", style: { "width": 1.5, "line-color": "#c8d0d6", "target-arrow-color": "#c8d0d6",
          "target-arrow-shape": "triangle", "curve-style": "bezier", "arrow-scale": 0.8 } },
      { selector: "edge.lateral", style: { "line-style": "dashed" } },
      { selector: "edge.path", style: { "width": 4, "line-color": "#d9a400", "target-arrow-color": "#d9a400" } }
    ]
  });
  cy.on("tap", "node", function (evt) {
    var key = evt.target.id();
    htmx.ajax("GET", panelUrl + "?target=" + encodeURIComponent(key) + "&panel=1", { target: "#map-panel", swap: "innerHTML" });
  });
  window.careerMap = cy;
})();
