#!/usr/bin/env bash
# `make test`: every check and test. Installs what it needs on a fresh machine, and prints at
# the end how long each phase took.
source "$(dirname "$0")/env.sh"
cd "$ROOT"

T0=$(date +%s)
LAST=$T0
CURRENT=""
TIMES=()
phase() { # NAME: ends the running phase (recording its time) and starts NAME
  local now
  now=$(date +%s)
  [ -n "$CURRENT" ] && TIMES+=("$(printf '%6ss  %s' $((now - LAST)) "$CURRENT")")
  CURRENT="$1"
  LAST=$now
  if [ -n "$1" ]; then say "$1"; fi
}
summary() {
  local status=$?
  # A run that stops early stops the bundle being made in the background.
  if [ -n "${BUNDLE_PID:-}" ]; then kill -- -"$BUNDLE_PID" 2>/dev/null || true; fi
  phase ""
  printf '\nWaktu per tahap:\n' >&2
  printf '  %s\n' "${TIMES[@]}" >&2
  if [ -f "$TARGET_DIR/bundle.secs" ]; then
    printf '  (%ss  bundel peramban di latar, bersamaan dengan tahap di atas)\n' "$(cat "$TARGET_DIR/bundle.secs")" >&2
  fi
  printf '%8ss  jumlah%s\n' $(($(date +%s) - T0)) "$([ $status = 0 ] || echo " (gagal, status $status)")" >&2
}
trap summary EXIT
rm -f "${CARGO_TARGET_DIR:-$ROOT/target}/bundle.secs"

phase "Alat: target wasm, Node.js, wasm-opt"
"$ROOT/scripts/tools.sh" --no-bindgen
clippy_in_build
# The browser bundle (wasm-bindgen CLI, then the wasm build in its own profile, which has its
# own build lock) is made in the background while clippy, the server build and the tests keep
# the cores busy; the browser tests wait for it. Its log is printed if it fails.
BUNDLE_LOG="$TARGET_DIR/bundle.log"
mkdir -p "$TARGET_DIR"
# Its own process group (setsid), so a failing run stops it too.
setsid bash -c 'b0=$(date +%s)
  "$1/scripts/tools.sh" --bindgen && "$1/scripts/build.sh" --site-only
  status=$?
  echo "$(($(date +%s) - b0))" >"$2/bundle.secs"
  exit $status' bundle "$ROOT" "$TARGET_DIR" >"$BUNDLE_LOG" 2>&1 &
BUNDLE_PID=$!
wait_bundle() {
  if ! wait "$BUNDLE_PID"; then
    cat "$BUNDLE_LOG" >&2
    say "Bundel peramban gagal dibuat (lihat di atas)."
    exit 1
  fi
  grep -E "KiB" "$BUNDLE_LOG" >&2 || true
}
# The test-only packages (Chromium, LibreOffice, Playwright: mostly downloads) install in the
# background while the compiler works; the tests that need them wait for them below.
PACKAGES_LOG="$TARGET_DIR/test-packages.log"
mkdir -p "$TARGET_DIR"
"$ROOT/scripts/tools.sh" --test >"$PACKAGES_LOG" 2>&1 &
PACKAGES_PID=$!
wait_packages() {
  if ! wait "$PACKAGES_PID"; then
    cat "$PACKAGES_LOG" >&2
    say "Pemasangan paket untuk uji gagal (lihat di atas)."
    exit 1
  fi
}

phase "cargo fmt --check"
cargo fmt --all -- --check

[ -n "${RUSTC_WORKSPACE_WRAPPER:-}" ] || { say "clippy-driver tidak ada: rustup component add clippy"; exit 1; }
phase "Membangun capaian dan server SurrealDB uji, dengan clippy (fitur yang sama dengan make run)"
# One feature set for build, test and run: every dependency compiles once. Clippy's lints run
# in these builds (env.sh: clippy-driver compiles the workspace's crates, warnings denied):
# here the libraries and binaries, in `cargo test` the tests and examples, in the bundle's
# build the browser side (hydrate, wasm32). The SurrealDB 3.3.5 server (tests/surreal-server)
# is a workspace member for server/tests/remote.rs.
cargo build --workspace --bins
export CAPAIAN_SURREAL_SERVER="$TARGET_DIR/debug/capaian-surreal-server"

phase "Menunggu paket uji (Chromium, LibreOffice, Playwright)"
wait_packages

phase "Uji unit dan integrasi (cargo test)"
cargo test --workspace

phase "Menunggu bundel peramban (dibuat di latar sejak awal)"
wait_bundle

phase "Uji peramban (Playwright + Chromium)"
export CAPAIAN_BIN="$TARGET_DIR/debug/capaian" CAPAIAN_SITE="$SITE_DIR"
(cd tests/browser && node --test --test-concurrency=1 ./*.test.mjs)

phase ""
say "Semua uji lulus."
