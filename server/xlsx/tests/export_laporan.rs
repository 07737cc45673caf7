//! The laporan capaian kinerja dan keuangan s.d. TW n (`export_laporan`) and the rencana aksi
//! (`export_rencana_aksi`) from seed 004. The laporan from its
//! Tabel 3.2.2/3.2.5/3.2.8 (`tests/fixtures/laporan/`, read with `FormProfile::laporan`,
//! computed with `compute`):
//! - the export reads back with the same profile to the same rows and inputs, and its stated
//!   columns (% capaian kinerja s.d. TW II, realisasi keuangan s.d. TW II, % keuangan) are
//!   Capaian's computed values; the capaian of every sub kegiatan is a live formula;
//! - LibreOffice recalculates every formula cell to our value, as written and with the cached
//!   values stripped;
//! - the PDF LibreOffice prints is one page wide with the header on every page.
//!
//! The rencana aksi from Tabel 2.5/2.6/2.7 (`tests/fixtures/rencana_aksi/`, read with
//! `FormProfile::rencana_aksi`) reads back with its profile to the same rows, targets and TW
//! targets; completed with a pagu and anggaran kas per sub kegiatan (the seed prints none),
//! the parents' Rp are `SUM`s LibreOffice recalculates to our values.
//!
//! The seed prints no Rp per quarter (only the realisasi keuangan s.d. TW II) and no pagu, so
//! each table is exported twice: as read, and completed with Rp per sub kegiatan (a third of
//! the printed s.d. TW II amount in TW I, the rest in TW II, and the pagu the printed `%
//! Capaian Keuangan` gives), so the kegiatan and program Rp are `SUM`s of their children.

use calamine::Data;
use capaian_domain::e81::{compute, E81Computed, E81Settings};
use capaian_domain::model::{Document, KValue, Level};
use capaian_domain::num::round_half_up;
use capaian_xlsx::export::{export_laporan, export_rencana_aksi, ExportMeta, Paper};
use capaian_xlsx::{read_workbook_with, FormProfile, Limits};
use rust_decimal::Decimal;

mod common;
use common::libreoffice::{
    formula_cells, printed, recalculated_agree, sheet_range, sheet_xml, zip_entries,
};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/laporan");

const STEMS: [&str; 3] = [
    "tabel_3_2_2_capaian_kinerja_keuangan_program_penunjang_sd_tw2",
    "tabel_3_2_5_capaian_kinerja_keuangan_program_kepegawaian_sd_tw2",
    "tabel_3_2_8_capaian_kinerja_keuangan_program_pengembangan_sdm_sd_tw2",
];

/// First data row (0-based), the capaian s.d. TW column.
const R_DATA: u32 = 9;
const C_CAPAIAN: u32 = 20;

fn read(bytes: &[u8]) -> Document {
    read_workbook_with(bytes, &Limits::default(), &FormProfile::laporan())
        .expect("read")
        .document
}

fn fixture(stem: &str) -> Document {
    let bytes = std::fs::read(format!("{DIR}/{stem}.xlsx")).expect("fixture");
    let mut doc = read(&bytes);
    assert_eq!(doc.form, "laporan_triwulan");
    doc.quarter = Some(2);
    doc.year = Some(2024);
    doc.pd = Some("Badan Kepegawaian dan Pengembangan Sumber Daya Manusia".into());
    doc.region = Some("Kabupaten Tanah Bumbu".into());
    doc
}

/// The table completed with Rp per quarter and a pagu on its sub kegiatan (module doc).
fn with_rp(mut doc: Document) -> Document {
    for row in doc.rows.iter_mut() {
        if row.level != Level::SubKegiatan {
            continue;
        }
        let (Some(sd), Some(pct)) = (row.stated.c12.rp, row.stated.c13.rp) else {
            continue;
        };
        let tw1 = (sd / Decimal::from(3)).round();
        row.tw[0].rp = Some(tw1);
        row.tw[1].rp = Some(sd - tw1);
        if !pct.is_zero() {
            row.target.rp = Some((sd * Decimal::ONE_HUNDRED / pct).round());
        }
    }
    doc
}

fn cases() -> Vec<(String, Document)> {
    STEMS
        .iter()
        .flat_map(|stem| {
            let doc = fixture(stem);
            [
                (stem.to_string(), doc.clone()),
                (format!("{stem}_rp"), with_rp(doc)),
            ]
        })
        .collect()
}

fn meta(doc: &Document) -> ExportMeta {
    ExportMeta {
        kepala_nama: "Drs. H. Contoh Kepala, M.Si".into(),
        kepala_nip: "196501101986022004".into(),
        tanggal: Some((2024, 7, 15)),
        paper: Paper::F4,
        ..ExportMeta::from_document(doc)
    }
}

fn exported(doc: &Document) -> (E81Computed, Vec<u8>) {
    let (computed, _) = compute(doc, &E81Settings::default());
    let bytes = export_laporan(doc, &computed, &meta(doc)).expect("export");
    (computed, bytes)
}

/// Every row's value of an Rp input as the computation takes it: its own, else Σ of its
/// children's.
fn effective(
    doc: &Document,
    c: &E81Computed,
    own: impl Fn(&capaian_domain::model::Row) -> Option<Decimal>,
) -> Vec<Option<Decimal>> {
    let mut eff = vec![None; doc.rows.len()];
    for i in (0..doc.rows.len()).rev() {
        let kids = c.rows[i]
            .children
            .iter()
            .filter_map(|&j| eff[j])
            .reduce(|x: Decimal, y| x + y);
        eff[i] = own(&doc.rows[i]).or(kids);
    }
    eff
}

fn close(a: Option<Decimal>, b: Option<Decimal>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => round_half_up(a, 9) == round_half_up(b, 9),
        _ => false,
    }
}

fn num(v: &Option<KValue>) -> Option<Decimal> {
    match v {
        Some(KValue::Number(d)) => Some(*d),
        _ => None,
    }
}

#[test]
fn the_export_reads_back_with_the_profile_as_the_document() {
    let mut formulas = 0;
    for (stem, doc) in cases() {
        let (c, bytes) = exported(&doc);
        let back = read(&bytes);
        assert_eq!(back.form, "laporan_triwulan", "{stem}");
        assert_eq!((back.year, back.quarter), (Some(2024), Some(2)), "{stem}");
        assert_eq!(back.pd, doc.pd, "{stem}");
        assert_eq!(back.rows.len(), doc.rows.len(), "{stem}");
        let eff_tw: Vec<Vec<Option<Decimal>>> = (0..4)
            .map(|q| effective(&doc, &c, |r| r.tw[q].rp))
            .collect();
        for (i, (a, b)) in doc.rows.iter().zip(&back.rows).enumerate() {
            let at = format!("{stem} row {i} {}", a.name);
            assert_eq!(
                (a.level, &a.kode, &a.name, &a.indicator, &a.unit),
                (b.level, &b.kode, &b.name, &b.indicator, &b.unit),
                "{at}"
            );
            assert_eq!(a.target.k, b.target.k, "{at}");
            for q in 0..4 {
                assert_eq!(a.tw[q].k, b.tw[q].k, "{at} TW {}", q + 1);
                assert_eq!(
                    a.rencana.triwulan[q].k,
                    b.rencana.triwulan[q].k,
                    "{at} target TW {}",
                    q + 1
                );
            }
            // A parent's Rp comes back as the SUM of its children where it was left empty.
            for (q, eff) in eff_tw.iter().enumerate() {
                assert_eq!(b.tw[q].rp, eff[i], "{at} TW {} Rp", q + 1);
            }
            assert_eq!(b.target.rp, c.rows[i].target_rp, "{at} pagu");
            // The stated columns are Capaian's values.
            assert!(
                close(num(&b.stated.c13.k), c.rows[i].capaian_sd_tw),
                "{at}: capaian {:?} vs {:?}",
                b.stated.c13.k,
                c.rows[i].capaian_sd_tw
            );
            // The realisasi keuangan s.d. TW: Capaian's from the quarters, else (no quarter
            // given) what the file stated, as the totals count it.
            assert!(
                close(b.stated.c12.rp, c.rows[i].c12.rp.or(a.stated.c12.rp)),
                "{at}: s.d. Rp"
            );
            assert!(close(b.stated.c13.rp, c.rows[i].penyerapan_pct), "{at}: %");
        }
        // Computed again from what was read, the same capaian and realisasi.
        let (c2, _) = compute(&back, &E81Settings::default());
        for (i, (x, y)) in c.rows.iter().zip(&c2.rows).enumerate() {
            assert!(close(x.capaian_sd_tw, y.capaian_sd_tw), "{stem} row {i}");
            assert_eq!(x.c12.rp, y.c12.rp, "{stem} row {i}");
            assert_eq!(x.rating, y.rating, "{stem} row {i}");
        }
        assert_eq!(c.totals, c2.totals, "{stem}");
        // Every sub kegiatan's capaian s.d. TW II is a live formula.
        let f = formula_cells(&bytes);
        for (i, row) in doc.rows.iter().enumerate() {
            if row.level == Level::SubKegiatan {
                let r = R_DATA + i as u32;
                assert!(
                    f.iter().any(|(fr, fc, _)| (*fr, *fc) == (r, C_CAPAIAN)),
                    "{stem} row {i}: capaian is not a formula"
                );
                formulas += 1;
            }
        }
        // The sheet names the period and the header its quarter.
        let range = sheet_range(&bytes);
        let text = |r: u32, c: u32| match range.get_value((r, c)) {
            Some(Data::String(s)) => s.clone(),
            _ => String::new(),
        };
        assert_eq!(
            text(3, 0),
            "Periode Pelaksanaan: s.d. Triwulan II Tahun 2024"
        );
        assert_eq!(text(5, C_CAPAIAN), "% Capaian Kinerja s.d TW II");
    }
    assert_eq!(formulas, 2 * 48);
}

#[test]
fn libreoffice_recalculates_every_formula_to_our_values() {
    let mut total = 0;
    for (stem, doc) in cases() {
        let (_, bytes) = exported(&doc);
        let n = recalculated_agree(&stem, &bytes, |_, a, b| close(a, b));
        eprintln!("{stem}: {n} formula cells agree with LibreOffice (as written and stripped)");
        assert!(n >= 10, "{stem}: {n}");
        total += n;
    }
    eprintln!("laporan: {total} formula cells agree with LibreOffice");
}

#[test]
fn prints_one_page_wide_with_the_header_on_every_page() {
    // The three programs in one report, long enough for more than one page.
    let mut doc = with_rp(fixture(STEMS[0]));
    for stem in &STEMS[1..] {
        doc.rows.extend(with_rp(fixture(stem)).rows);
    }
    let (_, bytes) = exported(&doc);
    let workbook = zip_entries(&bytes)
        .into_iter()
        .find(|(n, _)| n == "xl/workbook.xml")
        .map(|(_, d)| String::from_utf8(d).expect("utf8"))
        .expect("workbook.xml");
    assert!(
        workbook.contains("_xlnm.Print_Titles") && workbook.contains("$6:$9"),
        "{workbook}"
    );
    let sheet = sheet_xml(&bytes);
    assert!(sheet.contains("orientation=\"landscape\""), "landscape");
    assert!(sheet.contains("paperSize=\"14\""), "F4");
    assert!(sheet.contains("fitToHeight=\"0\""), "one page wide");

    let printed = printed(&bytes, "laporan_sd_tw2");
    let (pages, size) = (printed.pages, printed.size);
    // F4 landscape: wider than high.
    assert!(size.0 > size.1, "{size:?}");
    let texts: Vec<&str> = printed.texts.iter().map(String::as_str).collect();
    assert_eq!(texts.len(), pages);
    assert!((2..=12).contains(&pages), "{pages} pages");
    for (i, page) in texts.iter().enumerate() {
        // The header's leftmost and rightmost columns (one sheet wide) on every page.
        for want in ["No", "Kode", "Indikator Kinerja", "Predikat"] {
            assert!(page.contains(want), "page {}: no '{want}'\n{page}", i + 1);
        }
        assert!(
            page.contains(&format!("Halaman {} dari {pages}", i + 1)),
            "page {}",
            i + 1
        );
    }
    assert!(texts[0].contains("Laporan Capaian Kinerja dan Keuangan"));
    assert!(texts[0].contains("s.d. Triwulan II Tahun 2024"));
    let last = texts[pages - 1];
    assert!(last.contains("NIP. 19650110 198602 2 004"), "{last}");
    eprintln!("seed 004 Tabel 3.2.2, 3.2.5 and 3.2.8 laporan PDF: {pages} pages, F4 landscape, one page wide");
}

// ---------------------------------------------------------------------------------------------
// The rencana aksi.

const RENCANA_AKSI: [&str; 3] = [
    "tabel_2_5_target_triwulan_program_penunjang",
    "tabel_2_6_target_triwulan_program_kepegawaian_daerah",
    "tabel_2_7_target_triwulan_program_pengembangan_sdm",
];

fn read_ra(bytes: &[u8]) -> Document {
    read_workbook_with(bytes, &Limits::default(), &FormProfile::rencana_aksi())
        .expect("read")
        .document
}

/// A seed 004 target triwulan table, completed with a pagu and its anggaran kas per quarter
/// on each sub kegiatan (1 000 000 × its place, a tenth, three tenths, three tenths and the
/// rest): the seed prints none.
fn rencana_aksi(stem: &str) -> Document {
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/rencana_aksi"
    );
    let bytes = std::fs::read(format!("{dir}/{stem}.xlsx")).expect("fixture");
    let mut doc = read_ra(&bytes);
    assert_eq!(doc.form, "rencana_aksi");
    doc.year = Some(2024);
    doc.pd = Some("Badan Kepegawaian dan Pengembangan Sumber Daya Manusia".into());
    doc.region = Some("Kabupaten Tanah Bumbu".into());
    for (i, row) in doc.rows.iter_mut().enumerate() {
        if row.level == Level::SubKegiatan {
            let pagu = Decimal::from(1_000_000 * (i as i64 + 1));
            let part = |n: i64| (pagu * Decimal::new(n, 1)).round();
            let kas = [part(1), part(3), part(3)];
            row.target.rp = Some(pagu);
            for (q, v) in kas.iter().enumerate() {
                row.rencana.triwulan[q].rp = Some(*v);
            }
            row.rencana.triwulan[3].rp = Some(pagu - kas.iter().sum::<Decimal>());
        }
    }
    doc
}

fn exported_ra(doc: &Document) -> (E81Computed, Vec<u8>) {
    let (computed, _) = compute(doc, &E81Settings::default());
    let bytes = export_rencana_aksi(doc, &computed, &meta(doc)).expect("export");
    (computed, bytes)
}

#[test]
fn the_rencana_aksi_export_reads_back_with_its_profile() {
    for stem in RENCANA_AKSI {
        let doc = rencana_aksi(stem);
        let (c, bytes) = exported_ra(&doc);
        let back = read_ra(&bytes);
        assert_eq!(back.form, "rencana_aksi", "{stem}");
        assert_eq!(back.year, Some(2024), "{stem}");
        assert_eq!(back.rows.len(), doc.rows.len(), "{stem}");
        let pagu = effective(&doc, &c, |r| r.target.rp);
        for (i, (a, b)) in doc.rows.iter().zip(&back.rows).enumerate() {
            let at = format!("{stem} row {i} {}", a.name);
            assert_eq!(
                (a.level, &a.kode, &a.name, &a.indicator, &a.unit),
                (b.level, &b.kode, &b.name, &b.indicator, &b.unit),
                "{at}"
            );
            assert_eq!(a.target.k, b.target.k, "{at}");
            assert_eq!(b.target.rp, pagu[i], "{at}");
            let tw = |r: &capaian_domain::model::Row| r.rencana.triwulan.clone().map(|p| p.k);
            assert_eq!(tw(a), tw(b), "{at}");
        }
        // The parents' pagu and kas are SUMs of their children.
        let range = sheet_range(&bytes);
        let f = formula_cells(&bytes);
        for (i, row) in doc.rows.iter().enumerate() {
            if matches!(row.level, Level::Program | Level::Kegiatan) {
                let r = R_DATA + i as u32;
                for col in [6u32, 8, 10, 12, 14] {
                    let text = f
                        .iter()
                        .find(|(fr, fc, _)| (*fr, *fc) == (r, col))
                        .map(|(_, _, t)| t.as_str())
                        .unwrap_or_else(|| panic!("{stem} ({r},{col}) is no formula"));
                    assert!(text.starts_with("SUM("), "{text}");
                }
            }
        }
        let text = |r: u32, c: u32| match range.get_value((r, c)) {
            Some(Data::String(s)) => s.clone(),
            _ => String::new(),
        };
        assert_eq!(text(5, 5), "Target Tahun 2024");
        assert_eq!(text(5, 7), "Target Triwulan I");
    }
}

#[test]
fn libreoffice_recalculates_the_rencana_aksi_to_our_values() {
    let mut total = 0;
    for stem in RENCANA_AKSI {
        let (_, bytes) = exported_ra(&rencana_aksi(stem));
        let n = recalculated_agree(stem, &bytes, |_, a, b| close(a, b));
        eprintln!("{stem}: {n} formula cells agree with LibreOffice (as written and stripped)");
        assert!(n >= 10, "{stem}: {n}");
        total += n;
    }
    eprintln!("rencana aksi: {total} formula cells agree with LibreOffice");
}
