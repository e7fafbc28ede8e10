#!/usr/bin/env bash
# Fetch the JavaScript that draws the notebooks' saved ipywidgets (the sliders) in the
# built book, so the site needs no CDN: RequireJS and the Jupyter widgets HTML manager
# (with its fonts), from the npm registry, into vendor/static/jupyter-widgets/.
# _config.yml copies vendor/static/ to _build/html/_static/ (html_static_path) and
# points MyST-NB's nb_ipywidgets_js at these files. vendor/ is never committed.
#
#   bash tools/fetch_widget_js.sh      (needs npm; run before `jupyter-book build`)
#
# Licences: @jupyter-widgets/html-manager BSD-3-Clause, requirejs MIT.
set -euo pipefail
cd "$(dirname "$0")/.."

HTML_MANAGER_VERSION=1.0.15  # the 1.x line renders ipywidgets 8 widget state
REQUIREJS_VERSION=2.3.8
destination=vendor/static/jupyter-widgets

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(
  cd "$work"
  npm pack --silent "@jupyter-widgets/html-manager@$HTML_MANAGER_VERSION" \
    "requirejs@$REQUIREJS_VERSION" >/dev/null
  mkdir html-manager requirejs
  tar -xzf "jupyter-widgets-html-manager-$HTML_MANAGER_VERSION.tgz" -C html-manager
  tar -xzf "requirejs-$REQUIREJS_VERSION.tgz" -C requirejs
)

rm -rf "$destination"
mkdir -p "$destination"
# embed-amd.js loads its fonts from the folder it is served from.
cp "$work/html-manager/package/dist/embed-amd.js" "$destination/"
cp "$work"/html-manager/package/dist/*.{woff2,woff,ttf,eot,svg} "$destination/"
cp "$work/requirejs/package/require.js" "$destination/"
echo "widget JavaScript in $destination"
