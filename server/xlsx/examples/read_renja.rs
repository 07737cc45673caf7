//! Prints what the Renja reader makes of a workbook: the table's year, print and columns, each
//! row (sheet row, level, kode, name, pagu per version) and every problem.
//!
//! ```text
//! cargo run -p capaian-xlsx --example read_renja -- FILE.xlsx [--json]
//! ```

use capaian_domain::renja::hitung;
use capaian_xlsx::{read_renja, Limits};

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("pakai: read_renja FILE.xlsx [--json]");
        std::process::exit(2);
    };
    let json = args.next().as_deref() == Some("--json");
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let reading = match read_renja(&bytes, &Limits::default()) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    if json {
        match serde_json::to_string_pretty(&reading) {
            Ok(s) => println!("{s}"),
            Err(e) => eprintln!("{e}"),
        }
        return;
    }
    let r = &reading.renja;
    println!(
        "sheet {} tahun {:?} cetakan {:?} header {:?} kolom {:?}",
        r.lembar, r.tahun, r.cetakan, reading.header_rows, r.kolom
    );
    println!("columns {:?}", reading.columns);
    for b in &r.baris {
        println!(
            "{:>4} {:<14} {:<20} {:<60.60} m={:?} p={:?} n1={:?} sel={:?} t={:?}/{:?}",
            b.baris,
            b.tingkat.map_or("-", |t| t.nama()),
            b.kode.as_deref().unwrap_or(""),
            b.nama,
            b.murni.pagu,
            b.perubahan.pagu,
            b.maju.pagu,
            b.selisih,
            b.murni.target.as_ref().or(b.perubahan.target.as_ref()),
            b.murni.satuan.as_ref().or(b.perubahan.satuan.as_ref()),
        );
    }
    println!("jumlah {:?}", r.jumlah);
    let (h, _) = hitung(r);
    println!(
        "hitung: murni {:?} perubahan {:?} maju {:?}",
        h.jumlah_murni, h.jumlah_perubahan, h.jumlah_maju
    );
    for p in &reading.problems {
        println!(
            "{:?} {} {:?} {}",
            p.severity,
            p.code,
            p.at.cell.as_deref().or(p.at.sheet.as_deref()),
            p.message
        );
    }
}
