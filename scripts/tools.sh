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
  # Debian packages the tests use: Chromium (browser tests), LibreOffice Calc (formula
  # recalculation checks), Node.js and npm (Playwright). One apt transaction for all missing.
  missing=()
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-calc-nogui)
  command -v node >/dev/null 2>&1 || missing+=(nodejs)
  command -v npm >/dev/null 2>&1 || missing+=(npm)
  if [ "${#missing[@]}" -gt 0 ]; then
    say "Memasang paket Debian untuk uji: ${missing[*]}"
    as_root apt-get update -q
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
  fi
  # Installed playwright-core must be the version package-lock.json pins.
  if ! (cd tests/browser && node -e "
      const want = require('./package-lock.json').packages['node_modules/playwright-core'].version;
      process.exit(require('./node_modules/playwright-core/package.json').version === want ? 0 : 1);
    " 2>/dev/null); then
    say "Memasang playwright-core (npm ci)"
    (cd tests/browser && npm ci --no-audit --no-fund --loglevel=error)
  fi
fi
