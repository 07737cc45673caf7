#!/usr/bin/env bash
# Builds the wasm bundle into $TARGET_DIR/site/pkg and the `capaian` server binary.
source "$(dirname "$0")/env.sh"
cd "$ROOT"

say "Membangun bundel wasm (hydrate, profil 'wasm': dioptimalkan, lembar kerja menghitung di peramban)"
cargo build -p app --lib --target wasm32-unknown-unknown --features hydrate --profile wasm
mkdir -p "$SITE_DIR/pkg"
wasm-bindgen --target web --no-typescript --out-dir "$SITE_DIR/pkg" --out-name capaian \
  "$TARGET_DIR/wasm32-unknown-unknown/wasm/app.wasm"
cp style/main.css "$SITE_DIR/pkg/capaian.css"
cp -R public/. "$SITE_DIR/"

if [ "${1:-}" != "--site-only" ]; then
  say "Membangun server capaian"
  cargo build -p server
fi
