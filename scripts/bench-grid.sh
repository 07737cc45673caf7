#!/usr/bin/env bash
# Browser benchmark of the document grid (big_900, 20 017 rows) in headless Chromium.
# Prints time to interactive, commit → repaint and scroll frame times.
source "$(dirname "$0")/env.sh"
"$ROOT/scripts/tools.sh"
"$ROOT/scripts/tools.sh" --test
"$ROOT/scripts/build.sh"
cd "$ROOT"
export CAPAIAN_BIN="$TARGET_DIR/debug/capaian" CAPAIAN_SITE="$SITE_DIR"
node tests/browser/bench_grid.mjs
