#!/usr/bin/env bash
# `make run`: builds what is needed and serves Capaian (http://127.0.0.1:3000, data in ./data).
source "$(dirname "$0")/env.sh"
"$ROOT/scripts/tools.sh" --no-bindgen
"$ROOT/scripts/build.sh"
cd "$ROOT"
exec "$TARGET_DIR/debug/capaian" serve --site "$SITE_DIR" "$@"
