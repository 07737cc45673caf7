#!/usr/bin/env bash
# Builds the browser bundle into $TARGET_DIR/site (hashed, optimised, precompressed) and the
# `capaian` server binary, both at once: the bundle (wasm-bindgen CLI when missing, the wasm
# build in its own profile and build lock, wasm-bindgen, wasm-opt) in the background while the
# server compiles, so the cores stay busy through the server build's single-crate stretches.
# `--site-only`: the bundle alone.
source "$(dirname "$0")/env.sh"
cd "$ROOT"

build_site() {
  "$ROOT/scripts/tools.sh" --bindgen
  say "Membangun bundel wasm (hydrate, profil 'wasm': dioptimalkan, lembar kerja menghitung di peramban)"
  cargo build -p app --lib --target wasm32-unknown-unknown --features hydrate --profile wasm
  local wasm="$TARGET_DIR/wasm32-unknown-unknown/wasm/app.wasm"
  local stage="$TARGET_DIR/site-stage"
  local binaryen
  binaryen="$(node -p "require('$ROOT/scripts/site/node_modules/binaryen/package.json').version")"
  # wasm-bindgen and wasm-opt only when the compiled wasm (or the tools) changed.
  local stamp
  stamp="$(sha256sum "$wasm" | cut -c1-64) $(wasm-bindgen --version) $binaryen"
  if [ "$(cat "$stage/stamp" 2>/dev/null)" != "$stamp" ]; then
    rm -rf "$stage" && mkdir -p "$stage"
    wasm-bindgen --target web --no-typescript --out-dir "$stage" --out-name capaian "$wasm"
    say "wasm-opt -Oz (binaryen $binaryen)"
    "$ROOT/scripts/site/node_modules/.bin/wasm-opt" -Oz --strip-debug --strip-producers \
      --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
      --enable-mutable-globals --enable-reference-types --enable-multivalue \
      "$stage/capaian_bg.wasm" -o "$stage/capaian_bg.opt.wasm"
    mv "$stage/capaian_bg.opt.wasm" "$stage/capaian_bg.wasm"
    echo "$stamp" >"$stage/stamp"
  fi
  node "$ROOT/scripts/site/bundle.mjs" "$stage" style/main.css "$SITE_DIR"
  cp -R public/. "$SITE_DIR/"
}

if [ "${1:-}" = "--site-only" ]; then
  build_site
  exit 0
fi

mkdir -p "$TARGET_DIR"
SITE_LOG="$TARGET_DIR/site-build.log"
say "Bundel peramban dibangun di latar (catatan: $SITE_LOG)"
# Its own process group, so a failing server build (or Ctrl-C) stops it too.
export -f build_site say
export ROOT TARGET_DIR SITE_DIR
setsid bash -c 'set -euo pipefail; build_site' >"$SITE_LOG" 2>&1 &
SITE_PID=$!
trap 'kill -- -"$SITE_PID" 2>/dev/null || true' EXIT

say "Membangun server capaian"
# The whole workspace's features (as `cargo test --workspace` resolves them), so `make run`
# and `make test` share every compiled dependency.
cargo build --workspace --bin capaian

if ! wait "$SITE_PID"; then
  cat "$SITE_LOG" >&2
  say "Bundel peramban gagal dibuat (lihat di atas)."
  exit 1
fi
trap - EXIT
grep -E "KiB" "$SITE_LOG" >&2 || true
