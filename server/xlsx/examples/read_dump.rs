//! Print what the reader makes of a workbook: layout, column roles, rows, problems.
//!
//! ```text
//! CARGO_TARGET_DIR=/work/target-xlsx cargo run -p capaian-xlsx --example read_dump -- FILE
//! ```

use capaian_xlsx::{read_for_review, Limits};

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("pemakaian: read_dump FILE");
        return;
    };
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{path}: {e}");
            return;
        }
    };
    match read_for_review(&bytes, &Limits::default()) {
        Err(e) => println!("GALAT: {e}"),
        Ok(reading) => {
            let imp = &reading.import;
            let l = &imp.layout;
            println!(
                "sheet {:?} header {:?} numbering {:?} first {} last {:?} footer {:?}",
                l.sheet,
                l.header_rows,
                l.numbering_row,
                l.first_data_row,
                l.last_data_row,
                l.footer_row
            );
            let d = &imp.document;
            println!(
                "year {:?} q {:?} region {:?} pd {:?}",
                d.year, d.quarter, d.region, d.pd
            );
            for c in &l.columns {
                print!("{}={:?} ", c.letter, c.field);
            }
            println!();
            for r in &d.rows {
                println!(
                    "{} {:?} {:?} {:?} | {:?} | unit {:?} | renstra {:?} prev {:?} target {:?} tw {:?} c12 {:?}",
                    r.sheet_row, r.level, r.kode, r.name, r.indicator, r.unit, r.renstra, r.prev, r.target, r.tw, r.stated.c12
                );
            }
            println!("mapping {}", reading.mapping.signature);
            for c in &reading.mapping.columns {
                println!(
                    "  {:>3} {:<40} {:?} {:?} {:?}",
                    c.letter, c.label, c.confidence, c.scale, c.evidence
                );
            }
            for d in &reading.decisions {
                println!("KEPUTUSAN: {}", d.message());
            }
            for g in &reading.problem_groups {
                println!("{:?} {} {}", g.severity, g.code, g.message);
            }
        }
    }
}
