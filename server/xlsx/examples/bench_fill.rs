//! Fill benchmark: the agency's template filled with its own document, ~100 quarterly
//! values edited first.
//!
//! `CARGO_TARGET_DIR=/work/target-fill cargo run --release -p capaian-xlsx --example bench_fill -- tests/fixtures/xlsx/big_900.xlsx`
//!
//! Prints the wall time of `fill_template` (template read + compute + sheet patch + zip),
//! the time of the template read alone, and the peak RSS (VmHWM).

use std::str::FromStr;
use std::time::Instant;

use capaian_domain::e81::E81Settings;
use capaian_domain::model::KValue;
use capaian_xlsx::fill::fill_template;
use capaian_xlsx::{read_workbook, Limits};
use rust_decimal::Decimal;

fn vm_hwm() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM"))
                .map(|l| l.trim_start_matches("VmHWM:").trim().to_string())
        })
        .unwrap_or_else(|| "?".into())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .ok_or("pemakaian: bench_fill TEMPLATE.xlsx")?;
    let bytes = std::fs::read(&path)?;
    let limits = Limits::default();
    let import = read_workbook(&bytes, &limits)?;
    let mut doc = import.document.clone();
    let step = (doc.rows.len() / 100).max(1);
    let mut edited = 0;
    for (i, row) in doc.rows.iter_mut().enumerate().step_by(step) {
        let q = i % 4;
        row.tw[q].k = Some(KValue::Number(
            Decimal::from_str("12.5")? + Decimal::from(i % 7),
        ));
        row.tw[q].rp = Some(Decimal::from_str("1234567.89")? + Decimal::from(i));
        edited += 1;
    }

    let t = Instant::now();
    let again = read_workbook(&bytes, &limits)?;
    let read = t.elapsed();
    drop(again);

    let t = Instant::now();
    let (out, problems) = fill_template(&bytes, &doc, &E81Settings::default(), &limits)?;
    let wall = t.elapsed();

    println!(
        "fill {path}: {} rows, {edited} rows edited (K and Rp), {} warnings",
        doc.rows.len(),
        problems.len()
    );
    println!(
        "wall {:.3} s (template read alone {:.3} s, patch + zip {:.3} s); output {} bytes; peak RSS {}",
        wall.as_secs_f64(),
        read.as_secs_f64(),
        wall.saturating_sub(read).as_secs_f64(),
        out.len(),
        vm_hwm()
    );
    Ok(())
}
