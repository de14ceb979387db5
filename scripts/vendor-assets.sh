#!/usr/bin/env bash
# Refresh the front-end libraries in careermap/static/vendor/ from the npm registry.
# The versions are pinned in package.json; the copied files and their licences are committed,
# so installing or running Careermap never needs npm or the network.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cp package.json "$work/"
(cd "$work" && npm install --no-audit --no-fund --silent)
vendor=careermap/static/vendor
rm -rf "$vendor" && mkdir -p "$vendor/htmx" "$vendor/pico" "$vendor/cytoscape" "$vendor/chartjs"
cp "$work/node_modules/htmx.org/dist/htmx.min.js" "$work/node_modules/htmx.org/LICENSE" "$vendor/htmx/"
cp "$work/node_modules/@picocss/pico/css/pico.min.css" "$work/node_modules/@picocss/pico/LICENSE.md" "$vendor/pico/"
cp "$work/node_modules/cytoscape/dist/cytoscape.min.js" "$work/node_modules/cytoscape/LICENSE" "$vendor/cytoscape/"
cp "$work/node_modules/chart.js/dist/chart.umd.min.js" "$work/node_modules/chart.js/LICENSE.md" "$vendor/chartjs/"
for pkg in htmx.org @picocss/pico cytoscape chart.js; do
  node -e "const p=require('$work/node_modules/$pkg/package.json'); console.log(p.name+' '+p.version+' ('+p.license+')')"
done > "$vendor/VERSIONS.txt"
cat "$vendor/VERSIONS.txt"
