#!/usr/bin/env bash
# Fetch axe-core, the accessibility engine that the browser tests (tests/test_site.py)
# inject into every page of the built book to check it against WCAG 2 A/AA, from the
# npm registry at a pinned version, into vendor/axe-core/. The tests load it from this
# local file, so they need no network. It is a test tool: it is not copied into the site
# (it is not in html_static_path), and vendor/ is never committed.
#
#   bash tools/fetch_axe.sh      (needs npm; tools/setup.sh runs it)
#
# Licence: axe-core MPL-2.0 (its LICENSE is copied beside the script).
set -euo pipefail
cd "$(dirname "$0")/.."

AXE_VERSION=4.14.1
# The registry's sha512 of axe-core-$AXE_VERSION.tgz (`npm view axe-core@4.14.1 dist.integrity`):
# npm pack checks the download against the registry; this checks the registry against the pin.
AXE_INTEGRITY=sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ==
destination=vendor/axe-core

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(
  cd "$work"
  npm pack --silent "axe-core@$AXE_VERSION" >/dev/null
  # node comes with npm, so no other hashing tool is needed
  digest=$(node -e 'const fs = require("fs"), crypto = require("crypto");
    process.stdout.write(crypto.createHash("sha512").update(fs.readFileSync(process.argv[1]))
      .digest("base64"));' "axe-core-$AXE_VERSION.tgz")
  if [ "sha512-$digest" != "$AXE_INTEGRITY" ]; then
    echo "error: axe-core-$AXE_VERSION.tgz does not match the pinned sha512" >&2
    exit 1
  fi
  mkdir axe
  tar -xzf "axe-core-$AXE_VERSION.tgz" -C axe
)

rm -rf "$destination"
mkdir -p "$destination"
cp "$work/axe/package/axe.min.js" "$work/axe/package/LICENSE" "$destination/"
echo "$AXE_VERSION" > "$destination/VERSION"
echo "axe-core $AXE_VERSION in $destination"
