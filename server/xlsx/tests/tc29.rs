//! A T-C.29 read from a workbook (`read_tc29`): seeds 001 and 002's tables as their agencies'
//! workbooks (`tests/fixtures/tc29/tc29_00N.xlsx`, by `examples/gen_tc29_fixtures.rs`: seed
//! 001 with its value and satuan columns under merged titles and its numbering row, seed 002
//! with its units glued to the values and its `Ralisasi` typo) read cell for cell as the seeds
//! print them (every indicator row, columns 4–11 and the satuan cells, in the seeds' order),
//! the year of the Renja from the columns, and the domain's check (`tc29::periksa`) finding in
//! the workbook exactly what it finds in the seed's table, each at its sheet cell. Seed 001's
//! copies saved by LibreOffice (shared strings; Excel 97 `.xls`) read as the original. Every other
//! form's fixture is refused with `ReadError::Tc29NotFound`, and the PK, LKjIP, Renja and
//! Renstra-table readers refuse these workbooks (the SIPD reader would take seed 002's Kode and
//! Realisasi columns: `workbook::other_form` tries the T-C.29 reader before it); 300 mutants
//! never panic.

#[path = "common/csv.rs"]
mod csv;
#[path = "common/files.rs"]
mod files;
#[path = "common/mutate.rs"]
mod mutate;
#[path = "common/tc29.rs"]
#[allow(dead_code)]
mod tc29_seed;

use std::path::{Path, PathBuf};

use capaian_domain::tc29::{periksa_baris, BarisTeks};
use capaian_xlsx::{read_tc29, Limits, ReadError, Tc29Reading};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures")
}

fn bytes(rel: &str) -> Vec<u8> {
    std::fs::read(fixtures().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn read(rel: &str) -> Tc29Reading {
    read_tc29(&bytes(rel), &Limits::default()).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// What the domain finds in rows (code and message, in order), and where.
fn findings(tahun: i32, rows: &[BarisTeks]) -> Vec<(String, String, Option<String>)> {
    periksa_baris(tahun, rows)
        .1
        .into_iter()
        .map(|p| (p.code, p.message, p.at.cell))
        .collect()
}

#[test]
fn both_seeds_read_as_they_print_them() {
    for (file, seed, first_row) in [
        ("tc29/tc29_001.xlsx", tc29_seed::seed_001(), 6u32),
        ("tc29/tc29_002.xlsx", tc29_seed::seed_002(), 5u32),
    ] {
        let r = read(file);
        assert_eq!(r.tahun, Some(seed.tahun), "{file}");
        assert_eq!(r.lembar, "T-C.29");
        assert_eq!(r.baris.len(), seed.baris.len(), "{file}");
        for (i, (a, b)) in r.baris.iter().zip(&seed.baris).enumerate() {
            let what = |x: &BarisTeks| {
                (
                    x.kode.clone(),
                    x.nama.clone(),
                    x.indikator.clone(),
                    x.kolom.clone(),
                    x.satuan.clone(),
                )
            };
            assert_eq!(what(a), what(b), "{file} row {i}");
            // The cells of columns 8, 10 and 11: the seed's letter, on the sheet's row.
            let row = r.baris_lembar[i];
            for (x, y) in a.sel.iter().zip(&b.sel) {
                let letter: String = y
                    .as_deref()
                    .unwrap_or_default()
                    .chars()
                    .take_while(char::is_ascii_alphabetic)
                    .collect();
                assert_eq!(
                    x.as_deref(),
                    Some(format!("'T-C.29'!{letter}{row}").as_str())
                );
            }
        }
        // The seeds' CSV lines hold the same rows the sheet holds, one header row apart less.
        assert_eq!(
            r.baris_lembar[0],
            first_row + (seed.baris_csv[0] as u32) - 2,
            "{file}"
        );
        // The domain finds the same in the workbook as in the seed's table.
        let a = findings(seed.tahun, &r.baris);
        let b = findings(seed.tahun, &seed.baris);
        assert!(!a.is_empty(), "{file}");
        assert_eq!(
            a.iter().map(|x| (&x.0, &x.1)).collect::<Vec<_>>(),
            b.iter().map(|x| (&x.0, &x.1)).collect::<Vec<_>>(),
            "{file}"
        );
        assert!(a
            .iter()
            .all(|x| x.2.as_deref().is_some_and(|c| c.starts_with("'T-C.29'!"))));
        eprintln!("{file}: {} rows, {} findings", r.baris.len(), a.len());
    }
}

#[test]
fn copies_saved_by_libreoffice_read_as_their_original() {
    // Shared strings (`.xlsx`) and Excel 97 (`.xls`, calamine's other reader).
    let a = read("tc29/tc29_001.xlsx");
    for copy in [
        "tc29/tc29_001_libreoffice.xlsx",
        "tc29/tc29_001_libreoffice.xls",
    ] {
        let b = read(copy);
        assert_eq!(
            (&a.tahun, &a.baris, &a.baris_lembar),
            (&b.tahun, &b.baris, &b.baris_lembar),
            "{copy}"
        );
    }
}

#[test]
fn other_forms_are_refused() {
    let mut files = vec!["xlsx/e81_101.xlsx".to_string()];
    files.extend(files::workbooks_in(&[
        "pk",
        "renja",
        "sipd",
        "kinerja",
        "seeds/000/xlsx",
        "seeds/004/xlsx",
    ]));
    for f in &files {
        match read_tc29(&bytes(f), &Limits::default()) {
            Err(ReadError::Tc29NotFound { sheets_seen }) => assert!(!sheets_seen.is_empty(), "{f}"),
            Err(e) => panic!("{f}: another error: {e}"),
            Ok(r) => panic!("{f}: read as a T-C.29: {} rows", r.baris.len()),
        }
    }
    for f in ["tc29/tc29_001.xlsx", "tc29/tc29_002.xlsx"] {
        let b = bytes(f);
        let limits = Limits::default();
        assert!(capaian_xlsx::read_pk(&b, &limits).is_err(), "{f}: PK");
        assert!(
            capaian_xlsx::read_lkjip(&b, &limits, None).is_err(),
            "{f}: LKjIP"
        );
        assert!(capaian_xlsx::read_renja(&b, &limits).is_err(), "{f}: Renja");
        assert!(
            capaian_xlsx::read_kinerja(&b, &limits, Some(2025)).is_err(),
            "{f}: Renstra"
        );
    }
}

#[test]
fn mutated_tc29_workbooks_never_panic() {
    let files = vec![bytes("tc29/tc29_001.xlsx"), bytes("tc29/tc29_002.xlsx")];
    let (read_ok, refused, panics) = mutate::mutants_read(&files, 0x7c29_2026_0016, 300, |b| {
        read_tc29(b, &Limits::default())
            .map(|r| {
                let _ = findings(r.tahun.unwrap_or(2025), &r.baris);
            })
            .is_ok()
    });
    assert!(panics.is_empty(), "{panics:#?}");
    assert!(
        read_ok >= 30 && refused >= 30,
        "{read_ok} read, {refused} refused"
    );
}
