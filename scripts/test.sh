#!/usr/bin/env bash
# `make test`: every check and test. Installs what it needs on a fresh machine.
source "$(dirname "$0")/env.sh"
"$ROOT/scripts/tools.sh" --test
cd "$ROOT"

say "cargo fmt --check"
cargo fmt --all -- --check

say "clippy (server: ssr, domain core, xlsx)"
cargo clippy --workspace --all-targets -- -D warnings
say "clippy (browser: hydrate, wasm32)"
cargo clippy -p app -p capaian-domain --lib --target wasm32-unknown-unknown --features app/hydrate -- -D warnings

say "Server SurrealDB 3.3.5 untuk uji mode bersama (tests/surreal-server)"
# A real server for server/tests/remote.rs; a heavy build the first time, cached after.
cargo build --locked --manifest-path tests/surreal-server/Cargo.toml --target-dir "$TARGET_DIR/surreal-server"
export CAPAIAN_SURREAL_SERVER="$TARGET_DIR/surreal-server/debug/capaian-surreal-server"

say "Uji unit dan integrasi (cargo test)"
cargo test --workspace

say "Uji peramban (Playwright + Chromium)"
"$ROOT/scripts/build.sh" --site-only
export CAPAIAN_BIN="$TARGET_DIR/debug/capaian" CAPAIAN_SITE="$SITE_DIR"
(cd tests/browser && node --test --test-concurrency=1 ./*.test.mjs)

say "Semua uji lulus."
