#!/usr/bin/env bash
# Set up everything the book needs on a fresh machine, then build the site.
#
#   bash tools/setup.sh              install into .venv, then build the book into _build/html
#   bash tools/setup.sh --no-build   install only
#   bash tools/setup.sh --graders    also install nbgrader (requirements-graders.txt) for
#                                    grading (book/teaching.md) and tests/test_graders.py;
#                                    CI runs `--no-build --graders`
#
# Needs Python >= 3.11 with venv (numpy 2.4 and scikit-learn 1.8 need it). The browser
# tests also need Node.js/npm: axe-core, which they use to audit every page, is fetched
# from the npm registry at a pinned version (tools/fetch_axe.sh). Running the notebooks
# and building the site need neither. The browser tests need Chromium
# (Debian/Ubuntu package `chromium`): installed here when running as root with apt-get.
set -euo pipefail
cd "$(dirname "$0")/.."

build=yes
requirements=requirements.txt
for argument in "$@"; do
  case "$argument" in
    --no-build) build=no ;;
    --graders) requirements=requirements-graders.txt ;;  # the book's requirements + nbgrader
    *) echo "usage: bash tools/setup.sh [--no-build] [--graders]" >&2; exit 2 ;;
  esac
done

python=${PYTHON:-python3}
# numpy 2.4 and scikit-learn 1.8 (requirements.txt) publish nothing for older Pythons:
# stop here with a clear message instead of pip's "no matching distribution".
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  found=$("$python" --version 2>&1 || echo "no $python")
  echo "error: the book needs Python >= 3.11 (numpy 2.4, scikit-learn 1.8); found: $found." >&2
  echo "Install Python 3.11 or newer, then run: PYTHON=python3.11 bash tools/setup.sh" >&2
  exit 1
fi
if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -r "$requirements"

if command -v npm >/dev/null 2>&1; then
  bash tools/fetch_axe.sh
else
  echo "note: npm not found; the notebooks and the site build without it, but the" \
    "site's accessibility tests need it." >&2
fi

if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "note: Chromium not found; the browser tests need it (e.g. sudo apt-get install chromium)." >&2
  fi
fi

if [ "$build" = yes ]; then
  .venv/bin/jupyter-book build . --warningiserror --nitpick --keep-going
  echo "The book is in _build/html/index.html"
fi
