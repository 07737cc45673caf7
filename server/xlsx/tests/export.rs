//! The generated Formulir E.81 (`capaian_xlsx::export`):
//! - round trip: every fixture read → computed → exported → read again gives the same
//!   document values and the same computed values; the cached results of the formula
//!   columns are Capaian's computed values;
//! - LibreOffice recalculates the exported workbook (as written, and with every cached
//!   formula value stripped) and every formula cell equals Capaian's value, to the rupiah
//!   and to 0.01 %; LibreOffice must be installed (the test fails, never skips);
//! - formula injection: user text starting with `=`, `+`, `-`, `@` is a string cell;
//! - title, signature block (date in words, NIP printed in groups).

use std::collections::BTreeMap;
use std::path::Path;
use std::str::FromStr;

use calamine::Data;
use capaian_domain::e81::{compute, E81Computed, E81Settings};
use capaian_domain::model::{Document, KValue, Level, Pair, Row};
use capaian_domain::num::round_half_up;
use capaian_xlsx::export::{export_e81, ExportMeta, Paper};
use capaian_xlsx::{read_path, read_workbook, Import, Limits};
use rust_decimal::Decimal;

mod common;
use common::libreoffice::{
    cell_xml, formula_cells, recalculated_agree, sheet_range, sheet_xml, zip_entries,
};
use common::{fixtures_dir, workbooks};

fn limits() -> Limits {
    Limits::default()
}

fn exported(path: &Path) -> (Import, E81Computed, Vec<u8>) {
    let import = read_path(path, &limits()).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    let (computed, _) = compute(&import.document, &E81Settings::default());
    let meta = ExportMeta::from_document(&import.document);
    let bytes = export_e81(&import.document, &computed, &meta).expect("export");
    (import, computed, bytes)
}

/// The values a row states as input (everything but the stated columns 12–15 and the sheet row).
fn inputs(r: &Row) -> impl PartialEq + std::fmt::Debug + '_ {
    (
        r.level,
        &r.kode,
        &r.name,
        &r.indicator,
        &r.unit,
        &r.semantics,
        (&r.renstra, &r.prev, &r.target, &r.tw),
        (&r.unit_pd, &r.keterangan),
    )
}

/// Rp inputs of a parent left empty in the source come back as the SUM of their children
/// (the value the computation used); compare those against the computation's effective value.
fn same_pair(a: &Pair, b: &Pair) -> bool {
    a.k == b.k && (a.rp == b.rp || (a.rp.is_none() && b.rp.is_some()))
}

fn close(a: Option<Decimal>, b: Option<Decimal>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(x), Some(y)) => {
            let tol = Decimal::new(1, 9) * (Decimal::ONE + x.abs());
            (x - y).abs() <= tol
        }
        _ => false,
    }
}

fn close_k(a: &Option<KValue>, b: &Option<KValue>) -> bool {
    match (a, b) {
        (Some(KValue::Number(x)), Some(KValue::Number(y))) => close(Some(*x), Some(*y)),
        _ => a == b,
    }
}

#[test]
fn round_trip_every_fixture() {
    for path in workbooks() {
        let (import, computed, bytes) = exported(&path);
        let back = read_workbook(&bytes, &limits())
            .unwrap_or_else(|e| panic!("{path:?}: exported workbook unreadable: {e}"));
        let (a, b) = (&import.document, &back.document);
        assert_eq!(b.form, "E.81");
        assert_eq!(
            (a.year, a.quarter, &a.region, &a.pd),
            (b.year, b.quarter, &b.region, &b.pd),
            "{path:?}: title facts"
        );
        assert_eq!(a.rows.len(), b.rows.len(), "{path:?}: row count");
        let mut filled = 0;
        for (i, (x, y)) in a.rows.iter().zip(&b.rows).enumerate() {
            let same = inputs(x) == inputs(y);
            if !same {
                // Only allowed difference: a parent's empty Rp now holds Σ children.
                let pairs_x = [
                    &x.renstra, &x.prev, &x.target, &x.tw[0], &x.tw[1], &x.tw[2], &x.tw[3],
                ];
                let pairs_y = [
                    &y.renstra, &y.prev, &y.target, &y.tw[0], &y.tw[1], &y.tw[2], &y.tw[3],
                ];
                assert!(
                    !computed.rows[i].children.is_empty()
                        && pairs_x.iter().zip(pairs_y).all(|(p, q)| same_pair(p, q))
                        && (x.level, &x.kode, &x.name, &x.indicator, &x.unit)
                            == (y.level, &y.kode, &y.name, &y.indicator, &y.unit),
                    "{path:?} row {i}: {:#?}\n!=\n{:#?}",
                    inputs(x),
                    inputs(y)
                );
                filled += 1;
            }
        }
        // Same computed values.
        let (again, _) = compute(b, &E81Settings::default());
        assert_eq!(
            computed, again,
            "{path:?}: computed values differ after export"
        );
        // The formula columns' cached values are Capaian's computed values.
        for (i, (y, c)) in b.rows.iter().zip(&computed.rows).enumerate() {
            let s = &y.stated;
            for (st, co, name) in [
                (&s.c12, &c.c12, "12"),
                (&s.c13, &c.c13, "13"),
                (&s.c14, &c.c14, "14"),
                (&s.c15, &c.c15, "15"),
            ] {
                assert!(
                    close(st.rp, co.rp) && close_k(&st.k, &co.k),
                    "{path:?} row {i} column {name}: cached {st:?}, computed {co:?}"
                );
            }
        }
        eprintln!(
            "{}: {} rows round-tripped ({filled} parents with Σ children filled in)",
            path.display(),
            a.rows.len()
        );
    }
}

/// Columns (0-based) holding percentages: 13 and 15, K and Rp.
fn is_pct_col(c: u32) -> bool {
    matches!(c, 22 | 23 | 26 | 27)
}

fn agree(capaian: Option<Decimal>, office: Option<Decimal>, pct: bool) -> bool {
    match (capaian, office) {
        (None, None) => true,
        (Some(a), Some(b)) => {
            let dp = if pct { 2 } else { 0 };
            round_half_up(a, dp) == round_half_up(b, dp) || (a - b).abs() < Decimal::new(1, 6)
        }
        _ => false,
    }
}

/// Every formula cell recalculated by LibreOffice equals Capaian's value (the cached one,
/// which the round-trip test ties to `compute`).
fn check_with_libreoffice(path: &Path) {
    let (_, _, bytes) = exported(path);
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("x");
    let n = recalculated_agree(stem, &bytes, |c, a, b| agree(a, b, is_pct_col(c)));
    assert!(n > 10, "{stem}: expected formulas, found {n}");
    eprintln!("{stem}: {n} formula cells agree with LibreOffice");
}

#[test]
fn libreoffice_recalculates_the_same_values() {
    for p in workbooks() {
        let name = p.file_name().and_then(|s| s.to_str()).unwrap_or("");
        if name.starts_with("e81_") || std::env::var_os("CAPAIAN_LO_BIG").is_some() {
            check_with_libreoffice(&p);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Formula injection, title and signature.

fn row(level: Level, name: &str, indicator: &str) -> Row {
    Row {
        name: name.into(),
        indicator: indicator.into(),
        unit: Some("Dokumen".into()),
        target: Pair {
            k: Some(KValue::Number(Decimal::from(12))),
            rp: Some(Decimal::from(1_000_000)),
        },
        tw: [
            Pair {
                k: Some(KValue::Number(Decimal::from(3))),
                rp: Some(Decimal::new(25_000_050, 2)),
            },
            Pair::default(),
            Pair::default(),
            Pair::default(),
        ],
        ..Row::empty(level)
    }
}

fn evil_document() -> Document {
    let mut p = row(Level::Program, "Program =SUM(1,2)", "Persentase layanan");
    p.unit = Some("%".into());
    p.semantics.value_type = capaian_domain::model::ValueType::Percent;
    p.semantics.aggregation = capaian_domain::model::Aggregation::Last;
    let mut k = row(
        Level::SubKegiatan,
        "=HYPERLINK(\"http://x\",\"klik\")",
        "+62 812 0000",
    );
    k.keterangan = "@SUM(A1)".into();
    k.unit_pd = "-1+2".into();
    k.tw[1].k = Some(KValue::Text("=1+1".into()));
    Document {
        form: "E.81".into(),
        sheet: "E.81".into(),
        year: Some(2026),
        quarter: Some(2),
        region: Some("Kabupaten Tanah Bumbu".into()),
        pd: Some("Dinas Kesehatan".into()),
        rows: vec![p, k],
    }
}

#[test]
fn user_text_is_never_a_formula() {
    let doc = evil_document();
    let (computed, _) = compute(&doc, &E81Settings::default());
    let mut meta = ExportMeta::from_document(&doc);
    meta.faktor_pendorong = "=cmd|' /C calc'!A0".into();
    meta.kepala_nama = "+Budi".into();
    let bytes = export_e81(&doc, &computed, &meta).expect("export");
    let xml = sheet_xml(&bytes);
    // Row 11 (1-based) is the sub kegiatan: D = name, E = indicator, AC = unit PD, AD = ket,
    // O = TW II K.
    for cell in ["D10", "D11", "E11", "AC11", "AD11", "O11"] {
        let c = cell_xml(&xml, cell).unwrap_or_else(|| panic!("no cell {cell}"));
        assert!(!c.contains("<f>"), "{cell} is a formula: {c}");
        assert!(c.contains("t=\"s\""), "{cell} is not a string: {c}");
    }
    let back = read_workbook(&bytes, &limits()).expect("read back");
    let r = &back.document.rows[1];
    assert_eq!(r.name, doc.rows[1].name);
    assert_eq!(r.indicator, "+62 812 0000");
    assert_eq!(r.keterangan, "@SUM(A1)");
    assert_eq!(r.unit_pd, "-1+2");
    // No formula anywhere holds the user's text.
    for (_, _, f) in formula_cells(&bytes) {
        assert!(!f.contains("cmd") && !f.contains("HYPERLINK"), "{f}");
    }
}

fn shared_strings(bytes: &[u8]) -> String {
    zip_entries(bytes)
        .into_iter()
        .find(|(n, _)| n == "xl/sharedStrings.xml")
        .map(|(_, d)| String::from_utf8(d).expect("utf8"))
        .unwrap_or_default()
}

#[test]
fn title_footer_and_signature_block() {
    let doc = evil_document();
    let (computed, _) = compute(&doc, &E81Settings::default());
    let mut meta = ExportMeta::from_document(&doc);
    assert_eq!(meta.tempat, "Tanah Bumbu");
    assert_eq!((meta.tahun, meta.triwulan), (2026, 2));
    meta.kepala_nama = "dr. Siti Rahmah, M.Kes".into();
    meta.kepala_nip = "196501101986022004".into();
    meta.kepala_pangkat = Some("Pembina Utama Muda (IV/c)".into());
    meta.tempat = "Batulicin".into();
    meta.tanggal = Some((2026, 7, 26));
    meta.paper = Paper::F4;
    let bytes = export_e81(&doc, &computed, &meta).expect("export");
    let ss = shared_strings(&bytes);
    for want in [
        "Formulir E.81",
        "Evaluasi Terhadap Hasil Renja Perangkat Daerah Lingkup Kabupaten Tanah Bumbu",
        "Renja Perangkat Daerah Dinas Kesehatan",
        "Periode Pelaksanaan: Triwulan II Tahun 2026",
        "12 = 8 + 9 + 10 + 11",
        "13 = 12/7 x 100",
        "14 = 6 + 12",
        "15 = 14/5 x 100",
        "Rata-rata capaian kinerja (%)",
        "Predikat kinerja",
        "Jumlah anggaran dan realisasi dari seluruh program",
        "Faktor pendorong keberhasilan kinerja",
        "Faktor penghambat pencapaian kinerja",
        "Tindak lanjut yang diperlukan dalam triwulan berikutnya",
        "Disusun",
        "Dievaluasi",
        "Batulicin, 26 Juli 2026",
        "Kepala Dinas Kesehatan",
        "Kepala Bappeda Kabupaten Tanah Bumbu",
        "dr. Siti Rahmah, M.Kes",
        "Pembina Utama Muda (IV/c)",
        "NIP. 19650110 198602 2 004",
    ] {
        assert!(ss.contains(want), "missing {want:?}");
    }
    let xml = sheet_xml(&bytes);
    // F4 landscape, one page wide, header rows repeated, frozen below the header.
    assert!(xml.contains("paperSize=\"14\""), "paper");
    assert!(xml.contains("orientation=\"landscape\""), "landscape");
    assert!(xml.contains("fitToWidth=\"1\"") || xml.contains("<pageSetUpPr fitToPage=\"1\"/>"));
    assert!(xml.contains("fitToHeight=\"0\""), "fit to width only");
    assert!(xml.contains("topLeftCell=\"E10\""), "frozen panes");
    let wbxml = zip_entries(&bytes)
        .into_iter()
        .find(|(n, _)| n == "xl/workbook.xml")
        .map(|(_, d)| String::from_utf8(d).expect("utf8"))
        .unwrap_or_default();
    assert!(wbxml.contains("_xlnm.Print_Titles"), "repeated header rows");
    assert!(wbxml.contains("$6:$9"), "header rows 6–9 repeated: {wbxml}");
}

#[test]
fn computed_must_match_the_document() {
    let doc = evil_document();
    let (mut computed, _) = compute(&doc, &E81Settings::default());
    computed.rows.pop();
    let meta = ExportMeta::from_document(&doc);
    let err = export_e81(&doc, &computed, &meta).expect_err("mismatch");
    assert!(err.to_string().contains("hitung ulang"), "{err}");
}

/// Money cells are numbers with number formats, never text.
#[test]
fn numbers_are_numbers() {
    let path = fixtures_dir().join("e81_102.xlsx");
    let (import, _, bytes) = exported(&path);
    let range = sheet_range(&bytes);
    let first = import.document.rows.first().expect("rows");
    let rp = first.target.rp.expect("target rp");
    // Row 10 (0-based 9), column L (11) = target Rp of the first row.
    let v = range.get_value((9, 11)).cloned();
    assert!(
        matches!(v, Some(Data::Float(f)) if Decimal::from_str(&format!("{f}")).ok() == Some(rp)),
        "{v:?} vs {rp}"
    );
    let styles = zip_entries(&bytes)
        .into_iter()
        .find(|(n, _)| n == "xl/styles.xml")
        .map(|(_, d)| String::from_utf8(d).expect("utf8"))
        .unwrap_or_default();
    let mut codes = BTreeMap::new();
    for code in ["#,##0.00", "#,##0.##"] {
        codes.insert(code, styles.contains(&format!("formatCode=\"{code}\"")));
    }
    assert!(codes.values().all(|b| *b), "{codes:?}");
    assert!(
        !styles.contains('%'),
        "no percent formats (percent units are numbers)"
    );
}
