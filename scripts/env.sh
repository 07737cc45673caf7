# Shared settings for the scripts (sourced, not run).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export CARGO_BUILD_JOBS="${CARGO_BUILD_JOBS:-2}"
export PATH="$HOME/.cargo/bin:$PATH"
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
SITE_DIR="$TARGET_DIR/site"
say() { printf '\033[1;34m==>\033[0m %s\n' "$*" >&2; }
# Runs a command as root: directly when we are root, else through sudo.
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
# Clippy inside the build: every cargo call of the scripts compiles the workspace's own crates
# with clippy-driver (clippy's lints, warnings denied) and the dependencies with plain rustc. So
# the lints need no second build of every dependency in check mode, and `make test` and
# `make run` (same environment, same fingerprints) share everything they compiled.
# (Called again by the scripts once tools.sh has installed clippy on a fresh machine.)
clippy_in_build() {
  local driver
  if driver="$(rustup which clippy-driver 2>/dev/null)"; then
    export RUSTC_WORKSPACE_WRAPPER="$driver"
    export CLIPPY_ARGS="-D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__"
  fi
}
clippy_in_build
