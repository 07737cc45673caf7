#!/usr/bin/env bash
# Installs what building (and, with --test, testing) Capaian needs. Skips what is there.
source "$(dirname "$0")/env.sh"
cd "$ROOT"

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "Memasang target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# The wasm-bindgen CLI must be exactly the version of the wasm-bindgen crate in Cargo.lock.
WB_VERSION="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)"
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WB_VERSION" ]; then
  say "Memasang wasm-bindgen-cli $WB_VERSION (beberapa menit, sekali saja)"
  # Not --locked: one of its pinned dependencies is not on the registry reachable here.
  cargo install wasm-bindgen-cli --version "$WB_VERSION"
fi

if [ "${1:-}" = "--test" ]; then
  if ! command -v chromium >/dev/null 2>&1; then
    say "Memasang Chromium (Debian) untuk uji peramban"
    as_root apt-get update -q
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium
  fi
  if ! command -v node >/dev/null 2>&1; then
    say "Memasang Node.js (Debian) untuk uji peramban"
    as_root apt-get update -q
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q nodejs npm
  fi
  if [ ! -d tests/browser/node_modules/playwright-core ] \
     || ! cmp -s tests/browser/package-lock.json tests/browser/node_modules/.package-lock.json; then
    say "Memasang playwright-core (npm ci)"
    (cd tests/browser && npm ci --no-audit --no-fund --loglevel=error)
  fi
fi
