//! Print what the SIPD reader makes of a workbook: layout, sheets, rows rolled up, problems.
//!
//! ```text
//! CARGO_TARGET_DIR=/work/target-xlsx cargo run -p capaian-xlsx --example read_sipd -- FILE
//! ```

use capaian_domain::anggaran::Besaran;
use capaian_xlsx::{read_sipd, Limits};

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("pemakaian: read_sipd FILE");
        return;
    };
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{path}: {e}");
            return;
        }
    };
    match read_sipd(&bytes, &Limits::default()) {
        Err(e) => println!("GALAT: {e}"),
        Ok(r) => {
            println!("tata {:?} tahun {:?}", r.layout, r.anggaran.tahun);
            for s in &r.sheets {
                println!(
                    "sheet {:?} {:?} header {:?}",
                    s.sheet, s.layout, s.header_rows
                );
                println!("  kolom {:?}", s.columns);
            }
            for b in &r.anggaran.baris {
                let depth = b.jenjang.kedalaman() as usize;
                println!(
                    "{:w$}{:?} {} {} | anggaran {:?} realisasi {:?} | {}!{}",
                    "",
                    b.jenjang,
                    b.kode.as_deref().unwrap_or("-"),
                    b.nama,
                    b.dihitung.get(Besaran::Anggaran),
                    b.dihitung.get(Besaran::Realisasi),
                    r.anggaran.lembar[b.asal.lembar].nama,
                    b.asal.baris,
                    w = depth * 2
                );
            }
            for j in &r.anggaran.jumlah {
                println!(
                    "jumlah {:?} {:?} baris {}",
                    j.label, j.lingkup, j.asal.baris
                );
            }
            println!(
                "total anggaran {:?}",
                r.anggaran.total().get(Besaran::Anggaran)
            );
            for p in &r.problems {
                println!(
                    "[{:?}] {} {}!{} {}",
                    p.severity,
                    p.code,
                    p.at.sheet.as_deref().unwrap_or(""),
                    p.at.cell.as_deref().unwrap_or(""),
                    p.message
                );
            }
        }
    }
}
