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
rm -rf "$vendor" && mkdir -p "$vendor/htmx" "$vendor/pico" "$vendor/cytoscape" "$vendor/chartjs" "$vendor/yjs"
cp "$work/node_modules/htmx.org/dist/htmx.min.js" "$work/node_modules/htmx.org/LICENSE" "$vendor/htmx/"
cp "$work/node_modules/@picocss/pico/css/pico.min.css" "$work/node_modules/@picocss/pico/LICENSE.md" "$vendor/pico/"
cp "$work/node_modules/cytoscape/dist/cytoscape.min.js" "$work/node_modules/cytoscape/LICENSE" "$vendor/cytoscape/"
cp "$work/node_modules/chart.js/dist/chart.umd.min.js" "$work/node_modules/chart.js/LICENSE.md" "$vendor/chartjs/"
# Chart.js names its source map at the end of the file: production's static files must find it.
cp "$work/node_modules/chart.js/dist/chart.umd.min.js.map" "$vendor/chartjs/"
# Yjs ships as ES modules that import lib0: bundled into one file that sets window.Y, with no
# source map reference (a file it names would have to be vendored too), and the licences of
# everything inside it.
echo 'window.Y = require("yjs");' > "$work/yjs-entry.js"
(cd "$work" && npx esbuild yjs-entry.js --bundle --minify --format=iife --target=es2019 \
  --legal-comments=none --log-level=warning --outfile=yjs.min.js)
cp "$work/yjs.min.js" "$vendor/yjs/"
cp "$work/node_modules/yjs/LICENSE" "$vendor/yjs/LICENSE-yjs"
cp "$work/node_modules/lib0/LICENSE" "$vendor/yjs/LICENSE-lib0"
cp "$work/node_modules/isomorphic.js/LICENSE" "$vendor/yjs/LICENSE-isomorphic.js"
# axe-core checks accessibility in the browser tests; it is never served, so it lives with them.
mkdir -p tests/browser/vendor/axe
cp "$work/node_modules/axe-core/axe.min.js" "$work/node_modules/axe-core/LICENSE" tests/browser/vendor/axe/
node -e "const p=require('$work/node_modules/axe-core/package.json'); console.log(p.name+' '+p.version+' ('+p.license+')')" > tests/browser/vendor/axe/VERSION.txt
for pkg in htmx.org @picocss/pico cytoscape chart.js yjs lib0 isomorphic.js; do
  node -e "const p=require('$work/node_modules/$pkg/package.json'); console.log(p.name+' '+p.version+' ('+p.license+')')"
done > "$vendor/VERSIONS.txt"
cat "$vendor/VERSIONS.txt"
