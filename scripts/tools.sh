#!/usr/bin/env bash
# Installs what building (and, with --test, testing) Capaian needs. Skips what is there.
source "$(dirname "$0")/env.sh"
cd "$ROOT"

if ! rustup which clippy-driver >/dev/null 2>&1; then
  rustup component add clippy
fi
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "Memasang target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# The wasm-bindgen CLI must be exactly the version of the wasm-bindgen crate in Cargo.lock.
# Installed by a plain `tools.sh` (make run) and by `--bindgen` (only this: make test installs it
# in the background); `--no-bindgen` and `--test` leave it out.
WB_VERSION="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)"
case "${1:-}" in ""|--bindgen) WANT_BINDGEN=1 ;; *) WANT_BINDGEN=0 ;; esac
if [ "$WANT_BINDGEN" = 1 ] && [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WB_VERSION" ]; then
  say "Memasang wasm-bindgen-cli $WB_VERSION (beberapa menit, sekali saja)"
  # Not --locked: one of its pinned dependencies is not on the registry reachable here.
  cargo install wasm-bindgen-cli --version "$WB_VERSION"
fi
[ "${1:-}" = "--bindgen" ] && exit 0

# Debian packages: Node.js and npm (the bundle's wasm-opt and hashing; Playwright) always; for
# the tests also Chromium (browser tests), LibreOffice Calc (formula recalculation checks, PDFs)
# and poppler-utils (a printed PDF's pages and text).
# One apt transaction for all that is missing.
missing=()
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ "${1:-}" = "--test" ]; then
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-calc-nogui)
  command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
fi
if [ "${#missing[@]}" -gt 0 ]; then
  say "Memasang paket Debian: ${missing[*]}"
  as_root apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
fi

# wasm-opt (npm binaryen; Debian's older binaryen breaks the bundle) at the version
# scripts/site/package-lock.json pins.
npm_pinned() { # DIR PACKAGE: is the installed PACKAGE the version DIR's lock file pins?
  (cd "$1" && node -e "
      const want = require('./package-lock.json').packages['node_modules/$2'].version;
      process.exit(require('./node_modules/$2/package.json').version === want ? 0 : 1);
    " 2>/dev/null)
}
if ! npm_pinned scripts/site binaryen; then
  say "Memasang binaryen (wasm-opt) dengan npm ci"
  (cd scripts/site && npm ci --no-audit --no-fund --loglevel=error)
fi

if [ "${1:-}" = "--test" ]; then
  # Installed playwright-core must be the version package-lock.json pins.
  if ! npm_pinned tests/browser playwright-core; then
    say "Memasang playwright-core (npm ci)"
    (cd tests/browser && npm ci --no-audit --no-fund --loglevel=error)
  fi
fi
