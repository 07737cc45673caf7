//! Prints what the Renstra tujuan/sasaran/IKU reader makes of a workbook: the target years,
//! each row (sheet row, level, No, name, indicator, unit, target, renstra, prev) and every
//! problem.
//!
//! ```text
//! cargo run -p capaian-xlsx --example read_kinerja -- FILE.xlsx [TAHUN]
//! ```

use capaian_domain::model::KValue;
use capaian_xlsx::{read_kinerja, Limits};

fn k(v: &Option<KValue>) -> String {
    match v {
        None => "-".into(),
        Some(KValue::Number(d)) => d.to_string(),
        Some(KValue::Grade { grade, score }) => format!("{grade:?} {score:?}"),
        Some(KValue::Text(t)) => format!("'{t}'"),
    }
}

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("pakai: read_kinerja FILE.xlsx [TAHUN]");
        std::process::exit(2);
    };
    let tahun = std::env::args().nth(2).and_then(|t| t.parse().ok());
    let reading = match std::fs::read(&path)
        .map_err(|e| e.to_string())
        .and_then(|b| read_kinerja(&b, &Limits::default(), tahun).map_err(|e| e.to_string()))
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let d = &reading.document;
    println!(
        "{} | sheet {} | tahun {:?} | pd {:?} | kolom tahun {:?}",
        d.form, d.sheet, d.year, d.pd, reading.tahun_kolom
    );
    for r in &d.rows {
        println!(
            "{} {} {:?} {:?} | {:?} | {:?} | t {} | r {} | p {} | {:?}",
            r.sheet_row,
            r.level.key(),
            r.kode_raw,
            r.name,
            r.indicator,
            r.unit,
            k(&r.target.k),
            k(&r.renstra.k),
            k(&r.prev.k),
            r.semantics.value_type
        );
    }
    for p in &reading.problems {
        println!(
            "{:?} {} {:?} {:?} {}",
            p.severity, p.code, p.at.sheet, p.at.cell, p.message
        );
    }
}
