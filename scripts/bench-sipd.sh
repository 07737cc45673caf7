#!/usr/bin/env bash
# SIPD benchmark: a 4 560-row rekapitulasi belanja (the size of a Dinas Kesehatan's), generated
# in memory, read with read_sipd (header, rows, tree, roll-up and checks), fastest of
# CAPAIAN_BENCH_RUNS (5). Goal: <= 0.3 s.
source "$(dirname "$0")/env.sh"
cd "$ROOT"
cargo build --release -p capaian-xlsx --example bench_sipd
"$TARGET_DIR/release/examples/bench_sipd" "${CAPAIAN_BENCH_RUNS:-5}"
