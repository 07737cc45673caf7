#!/usr/bin/env bash
# Builds the browser bundle into $TARGET_DIR/site (hashed, optimised, precompressed) and the
# `capaian` server binary. `--site-only`: the bundle alone.
source "$(dirname "$0")/env.sh"
cd "$ROOT"

say "Membangun bundel wasm (hydrate, profil 'wasm': dioptimalkan, lembar kerja menghitung di peramban)"
cargo build -p app --lib --target wasm32-unknown-unknown --features hydrate --profile wasm
WASM="$TARGET_DIR/wasm32-unknown-unknown/wasm/app.wasm"
STAGE="$TARGET_DIR/site-stage"
# wasm-bindgen and wasm-opt only when the compiled wasm (or the tools) changed.
STAMP="$(sha256sum "$WASM" | cut -c1-64) $(wasm-bindgen --version) $(node -p "require('$ROOT/scripts/site/node_modules/binaryen/package.json').version")"
if [ "$(cat "$STAGE/stamp" 2>/dev/null)" != "$STAMP" ]; then
  rm -rf "$STAGE" && mkdir -p "$STAGE"
  wasm-bindgen --target web --no-typescript --out-dir "$STAGE" --out-name capaian "$WASM"
  say "wasm-opt -Oz (binaryen $(node -p "require('$ROOT/scripts/site/node_modules/binaryen/package.json').version"))"
  "$ROOT/scripts/site/node_modules/.bin/wasm-opt" -Oz --strip-debug --strip-producers \
    --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue \
    "$STAGE/capaian_bg.wasm" -o "$STAGE/capaian_bg.opt.wasm"
  mv "$STAGE/capaian_bg.opt.wasm" "$STAGE/capaian_bg.wasm"
  echo "$STAMP" > "$STAGE/stamp"
fi
node "$ROOT/scripts/site/bundle.mjs" "$STAGE" style/main.css "$SITE_DIR"
cp -R public/. "$SITE_DIR/"

if [ "${1:-}" != "--site-only" ]; then
  say "Membangun server capaian"
  # The whole workspace's features (as `cargo test --workspace` resolves them), so `make run`
  # and `make test` share every compiled dependency.
  cargo build --workspace --bin capaian
fi
