#!/usr/bin/env bash
# Merge benchmark on the 20 017-row E.81 workbook (as openpyxl writes it and as LibreOffice saves
# it): the file with every TW II amount changed, read and compared with the document read from
# the original (the merge page's preview). Goals: into an empty plan <= 0.5 s, the changed file
# merged with its preview <= 1 s.
source "$(dirname "$0")/env.sh"
cd "$ROOT"
cargo build --release -p capaian-xlsx --example bench_merge
for f in big_900 big_900_libreoffice; do
  "$TARGET_DIR/release/examples/bench_merge" "tests/fixtures/xlsx/$f.xlsx" "${CAPAIAN_BENCH_RUNS:-3}"
done
