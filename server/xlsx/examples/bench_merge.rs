//! Merge benchmark: a workbook merged into the document read from it, after every TW II
//! amount changed (issue: a changed big_900 merged with its preview computed ≤ 1 s), and the
//! same file as the first import into an empty plan (read, lifted into the plan, compared with
//! the empty plan and applied: ≤ 0.5 s). The changed file is also compared with the plan value
//! by value (`Rencana::banding`, what other forms' files merge through).
//!
//! `cargo run --release -p capaian-xlsx --example bench_merge -- tests/fixtures/xlsx/big_900.xlsx [RUNS]`
//!
//! Prints, per run, the time to read the changed file and to compute the preview (every row
//! matched, every value compared), and the number of values the preview lists, by column once.
//! (On big_900 a TW II K reads 0 where the file wrote `-` beside an amount that was `-` too and
//! is 1 now: the reader's rule that a dash beside a number is zero; those differ as well.)

use std::time::Instant;

use capaian_domain::e81::E81Settings;
use capaian_domain::gabung::pratinjau;
use capaian_domain::rencana::e81::angkat;
use capaian_domain::rencana::{Rencana, Sumber, Versi};
use capaian_xlsx::fill::fill_template;
use capaian_xlsx::{read_workbook, Limits};
use rust_decimal::Decimal;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .ok_or("pemakaian: bench_merge BERKAS.xlsx [KALI]")?;
    let runs: usize = args.next().map_or(Ok(3), |r| r.parse())?;
    let bytes = std::fs::read(&path)?;
    let limits = Limits::default();
    let plan = read_workbook(&bytes, &limits)?.document;

    // The next file: every row's TW II Rp one rupiah more (an empty one becomes 1).
    let mut next = plan.clone();
    for row in &mut next.rows {
        row.tw[1].rp = Some(row.tw[1].rp.unwrap_or_default() + Decimal::ONE);
    }
    let (changed, _) = fill_template(&bytes, &next, &E81Settings::default(), &limits)?;
    println!(
        "merge {path}: {} rows; changed file {} KiB",
        plan.rows.len(),
        changed.len() / 1024
    );
    let mut breakdown = true;
    for run in 1..=runs {
        let t = Instant::now();
        let first = read_workbook(&bytes, &limits)?;
        let (fragment, _) = angkat(&first.document, "big_900.xlsx", Versi::Murni);
        let mut rencana = Rencana::default();
        let all_new = rencana.banding(&fragment);
        rencana.terapkan(&fragment, &all_new, &[], Sumber::default());
        let first_import = t.elapsed();
        assert_eq!(rencana.indikator.len(), first.document.rows.len());
        drop(first);

        let t = Instant::now();
        let file = read_workbook(&changed, &limits)?.document;
        let read = t.elapsed();
        let t = Instant::now();
        let preview = pratinjau(&plan, &file);
        let compare = t.elapsed();
        let t = Instant::now();
        let (changed_fragment, _) = angkat(&file, "changed.xlsx", Versi::Murni);
        let banding = rencana.banding(&changed_fragment);
        let plan_compare = t.elapsed();
        println!(
            "run {run}: into an empty plan (read + lift + apply) {:.0} ms; changed file read {:.0} ms + preview {:.0} ms = {:.0} ms; {} rows matched, {} new, {} values differ; against the plan (lift + compare) {:.0} ms, {} values differ",
            first_import.as_secs_f64() * 1000.0,
            read.as_secs_f64() * 1000.0,
            compare.as_secs_f64() * 1000.0,
            (read + compare).as_secs_f64() * 1000.0,
            preview.cocok,
            preview.baru.len(),
            preview.beda.len(),
            plan_compare.as_secs_f64() * 1000.0,
            banding.beda.len()
        );
        if std::mem::take(&mut breakdown) {
            let mut by_column = std::collections::BTreeMap::new();
            for b in &preview.beda {
                *by_column.entry(b.kolom.key()).or_insert(0usize) += 1;
            }
            println!("values that differ, by column: {by_column:?}");
        }
    }
    Ok(())
}
