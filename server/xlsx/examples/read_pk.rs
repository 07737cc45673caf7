//! Prints what the Perjanjian Kinerja reader makes of a workbook: the PK as JSON (statement,
//! lampiran kinerja and anggaran), the tables found, Σ anggaran and its terbilang, and every
//! problem.
//!
//! ```text
//! cargo run -p capaian-xlsx --example read_pk -- FILE.xlsx
//! ```

use capaian_domain::pk::hitung;
use capaian_xlsx::{read_pk, Limits};

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("pakai: read_pk FILE.xlsx");
        std::process::exit(2);
    };
    let reading = match std::fs::read(&path)
        .map_err(|e| e.to_string())
        .and_then(|b| read_pk(&b, &Limits::default()).map_err(|e| e.to_string()))
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    match serde_json::to_string_pretty(&reading.pk) {
        Ok(s) => println!("{s}"),
        Err(e) => eprintln!("{e}"),
    }
    for t in &reading.tabel {
        println!("tabel {} {:?} {:?}", t.lembar, t.header_rows, t.columns);
    }
    let (h, _) = hitung(&reading.pk);
    println!("jumlah {:?} terbilang {:?}", h.jumlah, h.terbilang);
    for p in &reading.problems {
        println!(
            "{:?} {} {:?} {:?} {}",
            p.severity, p.code, p.at.sheet, p.at.cell, p.message
        );
    }
}
