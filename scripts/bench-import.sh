#!/usr/bin/env bash
# Import benchmark on the 20 017-row E.81 workbook, as openpyxl writes it (inline strings,
# big_900.xlsx) and as LibreOffice Calc saves it (shared strings, big_900_libreoffice.xlsx):
# capaian-xlsx (read + compute + JSON) against openpyxl and python-calamine on the same file
# in the same run, fastest of CAPAIAN_BENCH_RUNS (3) each. Goals: >= 25x openpyxl, >= 2x
# python-calamine. Makes the LibreOffice copy when it is missing, and a Python venv with both
# packages unless CAPAIAN_BENCH_PYTHON names a Python that has them.
source "$(dirname "$0")/env.sh"
cd "$ROOT"
FIX=tests/fixtures/xlsx

if [ ! -f "$FIX/big_900_libreoffice.xlsx" ]; then
  command -v soffice >/dev/null || {
    say "LibreOffice (soffice) diperlukan: apt-get install -y libreoffice-calc-nogui"
    exit 1
  }
  say "Menyimpan ulang $FIX/big_900.xlsx dengan LibreOffice"
  tmp=$(mktemp -d)
  soffice --headless --convert-to xlsx --outdir "$tmp" "$FIX/big_900.xlsx" >/dev/null
  mv "$tmp/big_900.xlsx" "$FIX/big_900_libreoffice.xlsx"
  rm -rf "$tmp"
fi

if [ -z "${CAPAIAN_BENCH_PYTHON:-}" ]; then
  VENV="$TARGET_DIR/bench-venv"
  if ! "$VENV/bin/python" -c "import openpyxl, python_calamine" 2>/dev/null; then
    say "Menyiapkan Python pembanding (openpyxl, python-calamine) di $VENV"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet openpyxl==3.1.5 python-calamine==0.9.1
  fi
  export CAPAIAN_BENCH_PYTHON="$VENV/bin/python"
fi

cargo build --release -p capaian-xlsx --example bench_import
for f in big_900 big_900_libreoffice; do
  "$TARGET_DIR/release/examples/bench_import" "$FIX/$f.xlsx" "${CAPAIAN_BENCH_RUNS:-3}"
done
