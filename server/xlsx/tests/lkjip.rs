//! An LKjIP's Bab III A tables read from a workbook (`read_lkjip`) and checked by the domain
//! (`capaian_domain::lkjip_berkas`), on seed 000's tables rebuilt as an agency keeps them
//! (`tests/fixtures/seeds/000/xlsx/lkjip_000_bab3a.xlsx`, by `examples/gen_seed_fixtures.rs`:
//! 19 tables on 7 sheets, several to a sheet, headers of two merged rows or of one, figures
//! as text, as numbers and as percent-formatted numbers) and its LibreOffice copy (shared strings), and
//! on seed 004's Tabel 3.1.3 (a one-row header, no sasaran column, `99,95%` text) and its
//! Excel 97 copy saved by LibreOffice:
//!
//! - every table found, named by its caption, its version, its rows, its stated and derived
//!   cells where they are;
//! - the contradictions of seed 000's ANALYSIS.md Appendix A that the tables show (8, 9, 10,
//!   11, 12, 13, 14, 16), each once with its cells, and nothing else (the seed's raw fraction
//!   `1.536153513` is the one more: a printed efisiensi of 1,54 for 153,62);
//! - every other form's fixture (E.81, PK, Renja, SIPD, the Renstra's table) is refused with
//!   `ReadError::LkjipNotFound`, and the PK, Renja and Renstra-table readers refuse the LKjIP
//!   workbooks (the SIPD reader would take Tabel 3.11's `Belanja > Anggaran · Realisasi`:
//!   `workbook::other_form` tries the LKjIP reader before it);
//! - 300 mutants never panic in our code.

#[path = "common/files.rs"]
mod files;
#[path = "common/mutate.rs"]
mod mutate;

use std::path::{Path, PathBuf};

use capaian_domain::lkjip::KolomIku;
use capaian_domain::lkjip_berkas::{periksa_antar_tabel, periksa_tabel, KolomMasukan, Versi};
use capaian_domain::model::{KValue, Problem};
use capaian_domain::scale::Scale;
use capaian_xlsx::{read_lkjip, Limits, LkjipReading, ReadError};
use rust_decimal::Decimal;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures")
}

fn bytes(rel: &str) -> Vec<u8> {
    std::fs::read(fixtures().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn read(rel: &str) -> LkjipReading {
    read_lkjip(&bytes(rel), &Limits::default(), Some(2025)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn d(s: &str) -> Decimal {
    s.parse().expect("decimal")
}

const SEED_000: &str = "seeds/000/xlsx/lkjip_000_bab3a.xlsx";

#[test]
fn seed_000_every_table_by_its_caption() {
    let r = read(SEED_000);
    assert_eq!(r.tahun, Some(2025));
    assert!(r.problems.is_empty(), "{:#?}", r.problems);
    use Versi::*;
    let got: Vec<(&str, Option<Versi>, usize, usize)> = r
        .tabel
        .iter()
        .map(|t| {
            let iku = t.indikator.iter().filter(|b| **b).count();
            (t.judul.as_str(), t.versi, iku, t.indikator.len() - iku)
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("Tabel 3.1", Some(Sebelum), 6, 0),
            ("Tabel 3.2", Some(Setelah), 4, 0),
            ("Tabel 3.3", Some(Sebelum), 6, 0),
            ("Tabel 3.4", Some(Setelah), 4, 0),
            ("Tabel 3.5", Some(Sebelum), 6, 0),
            ("Tabel 3.6", Some(Setelah), 4, 0),
            ("Tabel 3.9", Some(Sebelum), 4, 0),
            ("Tabel 3.10", Some(Setelah), 3, 0),
            // 86 indicator rows under 76 sasaran, program, kegiatan and sub kegiatan rows
            // with a budget (the TOTAL row and the outcome statements read past).
            ("Tabel 3.11", Some(Sebelum), 86, 76),
            ("Tabel 3.8", Some(Sebelum), 1, 0),
            ("Tabel 3.8", Some(Sebelum), 1, 0),
            ("Tabel 3.8", Some(Sebelum), 1, 0),
            ("Tabel 3.8", Some(Setelah), 1, 0),
            ("Tabel 3.8", Some(Setelah), 1, 0),
            ("Tabel 3.10", Some(Sebelum), 1, 0),
            ("Tabel 3.10", Some(Sebelum), 1, 0),
            ("Tabel 3.10", Some(Setelah), 1, 0),
            ("Tabel 3.13", Some(Sebelum), 1, 0),
            ("Tabel 3.13", Some(Setelah), 1, 0),
        ]
    );
    let t = |n: usize| &r.tabel[n];
    let cells = |n: usize, row: usize| -> Vec<(KolomIku, String, String)> {
        t(n).tertulis[row]
            .iter()
            .map(|s| (s.kolom, s.teks.clone(), s.sel.clone().unwrap_or_default()))
            .collect()
    };
    let stated = |n: usize, row: usize| -> Vec<(KolomMasukan, String, String)> {
        t(n).masukan[row]
            .iter()
            .map(|s| (s.kolom, s.teks.clone(), s.sel.clone().unwrap_or_default()))
            .collect()
    };
    let c = |k: KolomIku, teks: &str, sel: &str| (k, teks.to_string(), sel.to_string());
    let m = |k: KolomMasukan, teks: &str, sel: &str| (k, teks.to_string(), sel.to_string());
    // Tabel 3.2 under 3.1 on one sheet, text: the IKU of its row 1, under its sasaran.
    let ipa = &t(1).t.baris[0];
    assert_eq!(ipa.sasaran, "Peningkatan Profesionalitas ASN");
    assert_eq!(ipa.indikator, "Indeks Profesionalitas ASN");
    assert_eq!(ipa.satuan.as_deref(), Some("Indeks"));
    assert_eq!(ipa.realisasi, Some(KValue::Number(d("77.28"))));
    assert_eq!(
        cells(1, 0),
        vec![
            c(KolomIku::Capaian, "110,04", "'Bab III A'!G14"),
            c(KolomIku::Kategori, "Sangat Tinggi", "'Bab III A'!H14"),
        ]
    );
    // The sasaran of a row without one is the row's above (merged in the document).
    assert_eq!(t(0).t.baris[2].sasaran, t(0).t.baris[1].sasaran);
    // Tabel 3.3, numbers: last year's columns.
    let skp = &t(2).t.baris[0];
    assert_eq!(skp.realisasi_lalu, vec![(2024, KValue::Number(d("96.93")))]);
    assert_eq!(skp.target_lalu, vec![(2024, KValue::Number(d("100")))]);
    assert_eq!(
        cells(2, 0),
        vec![
            c(KolomIku::Capaian, "99", "'3.3'!J4"),
            c(KolomIku::CapaianLalu, "96,93", "'3.3'!G4"),
            c(KolomIku::Peningkatan, "2,07", "'3.3'!K4"),
            c(KolomIku::Penurunan, "-", "'3.3'!L4"),
        ]
    );
    // Tabel 3.5: the only capaian is against the Renstra's end target.
    assert_eq!(
        cells(4, 1),
        vec![c(KolomIku::CapaianRenstra, "96,59", "'Renstra'!G5")]
    );
    assert_eq!(
        stated(4, 1),
        vec![
            m(KolomMasukan::Realisasi, "85", "'Renstra'!F5"),
            m(KolomMasukan::TargetRenstra, "88", "'Renstra'!E5"),
        ]
    );
    // Tabel 3.9: amounts as numbers, the penyerapan and efisiensi percent-formatted.
    let row = &t(6).t.baris[0];
    assert_eq!(row.anggaran, Some(d("1148273100")));
    assert_eq!(row.realisasi_anggaran, Some(d("947662018")));
    assert_eq!(
        cells(6, 0),
        vec![
            c(KolomIku::Penyerapan, "82,53", "'Efisiensi'!H3"),
            c(KolomIku::Efisiensi, "102,99", "'Efisiensi'!I3"),
        ]
    );
    // Tabel 3.11: a budget row, then its IKU taking the budget for its efisiensi.
    assert!(!t(8).indikator[0]);
    assert_eq!(t(8).t.baris[0].anggaran, Some(d("1117764700")));
    assert_eq!(
        cells(8, 0),
        vec![c(KolomIku::Penyerapan, "83.26%", "'3.11'!E4")]
    );
    assert!(t(8).indikator[1]);
    assert_eq!(t(8).t.baris[1].realisasi_anggaran, Some(d("930692882")));
    assert_eq!(
        cells(8, 1),
        vec![
            c(KolomIku::Capaian, "100.00%", "'3.11'!H5"),
            c(KolomIku::Efisiensi, "120.10%", "'3.11'!I5"),
        ]
    );
    // A per-IKU table: the realisasi of three earlier years; a capaian of 2024 without its
    // target and realisasi is not checked.
    let disiplin = r
        .tabel
        .iter()
        .flat_map(|t| &t.t.baris)
        .find(|b| {
            b.indikator == "Persentase Tingkat Kedisiplinan ASN" && b.realisasi_lalu.len() == 3
        })
        .expect("Tabel 3.10 (Tingkat Kedisiplinan)");
    assert_eq!(
        disiplin.realisasi_lalu,
        vec![
            (2022, KValue::Number(d("92.45"))),
            (2023, KValue::Number(d("92.27"))),
            (2024, KValue::Number(d("96.93"))),
        ]
    );
    assert_eq!(
        cells(9, 0),
        vec![
            c(KolomIku::Capaian, "99", "'Per IKU'!G4"),
            c(KolomIku::CapaianRenstra, "", "'Per IKU'!I4"),
        ]
    );
}

/// Each finding as (code, first cell).
fn located(p: &[Problem]) -> Vec<(String, String)> {
    p.iter()
        .map(|p| (p.code.clone(), p.at.cell.clone().unwrap_or_default()))
        .collect()
}

#[test]
fn seed_000_contradictions_each_once_at_its_cells() {
    let r = read(SEED_000);
    let within = periksa_tabel(&r.tabel, &Scale::permendagri_86());
    let s = |code: &str, cell: &str| (code.to_string(), cell.to_string());
    assert_eq!(
        located(&within),
        vec![
            // 8: IPA 110,04 (= 110,40) in Tabel 3.2, 3.4 and its own table: one finding.
            s("lkjip_berbeda", "'Bab III A'!G14"),
            // 9: 95,58 cut off in Tabel 3.3 and 3.4: one finding.
            s("lkjip_dipotong", "'3.3'!G5"),
            // 14: Tabel 3.4's peningkatan of three indicators without a 2024 value.
            s("lkjip_berbeda", "'3.4'!K4"),
            s("lkjip_berbeda", "'3.4'!K5"),
            s("lkjip_berbeda", "'3.4'!K7"),
            // 16: Tabel 3.9 and 3.10 divide the realisasi, not the capaian: named once, and
            // each efisiensi whose target is not 100.
            s("efisiensi_rumus_lain", ""),
            s("lkjip_berbeda", "'Efisiensi'!I3"),
            s("lkjip_berbeda", "'Efisiensi'!I4"),
            s("lkjip_berbeda", "'Efisiensi'!I6"),
            s("lkjip_berbeda", "'Efisiensi'!I12"),
            // Tabel 3.11's efisiensi printed as the raw fraction 1.536153513.
            s("lkjip_berbeda", "'3.11'!I233"),
            // 12: the per-IKU Tingkat Kedisiplinan table's 102,06 for 99 of 100.
            s("lkjip_berbeda", "'Per IKU'!H29"),
            // 9: the per-IKU IKM table's 106,97, cut off (twice: against the target and the
            // end target).
            s("lkjip_dipotong", "'Per IKU'!H34"),
            s("lkjip_dipotong", "'Per IKU'!J34"),
        ]
    );
    let ipa = &within[0].message;
    assert!(
        ipa.contains("tertulis 110,04, hasil hitung 110,4")
            && ipa.ends_with("— di 'Bab III A'!G14, '3.4'!J4, 'Per IKU'!G19"),
        "{ipa}"
    );
    assert!(
        within[5]
            .message
            .ends_with("(tabel: Tabel 3.9; Tabel 3.10)"),
        "{}",
        within[5].message
    );
    let across = periksa_antar_tabel(&r.tabel);
    let m: Vec<&str> = across.iter().map(|p| p.message.as_str()).collect();
    assert_eq!(
        m,
        vec![
            // 10: IKM realisasi 96,98 in Tabel 3.11.
            "Realisasi 'Indeks kepuasan pelayanan administrasi kepegawaian' tidak sama di antara tabel: 96,28 di Tabel 3.1 ('Bab III A'!F9), Tabel 3.3 ('3.3'!I9), Tabel 3.5 ('Renstra'!F9), Tabel 3.9 ('Efisiensi'!E6); 96,98 di Tabel 3.11 ('3.11'!G122)",
            // 13: the per-IKU Kualitas Pelayanan table holds the "ditempatkan" figures.
            "Target 'Kualitas Pelayanan Administrasi Kepegawaian' tidak sama di antara tabel: 90 di Tabel 3.1 ('Bab III A'!E8), Tabel 3.3 ('3.3'!H8); 85 di Tabel 3.8 ('Per IKU'!E14)",
            "Realisasi 'Kualitas Pelayanan Administrasi Kepegawaian' tidak sama di antara tabel: 96,28 di Tabel 3.1 ('Bab III A'!F8), Tabel 3.3 ('3.3'!I8), Tabel 3.5 ('Renstra'!F8); 85 di Tabel 3.8 ('Per IKU'!F14)",
            "Target akhir Renstra 'Kualitas Pelayanan Administrasi Kepegawaian' tidak sama di antara tabel: 90 di Tabel 3.5 ('Renstra'!E8); 88 di Tabel 3.8 ('Per IKU'!H14)",
            // 11: disiplin target 97 in Tabel 3.11 (and a second row of it with 98 / 97,3).
            "Target 'Persentase Tingkat Kedisiplinan ASN' tidak sama di antara tabel: 100 di Tabel 3.1 ('Bab III A'!E7), Tabel 3.3 ('3.3'!H7), Tabel 3.10 ('Per IKU'!F29); 97 di Tabel 3.11 ('3.11'!F85); 98 di Tabel 3.11 ('3.11'!F108)",
            "Realisasi 'Persentase Tingkat Kedisiplinan ASN' tidak sama di antara tabel: 99 di Tabel 3.1 ('Bab III A'!F7), Tabel 3.3 ('3.3'!I7), Tabel 3.5 ('Renstra'!F7), Tabel 3.11 ('3.11'!G85), Tabel 3.10 ('Per IKU'!G29); 97,3 di Tabel 3.11 ('3.11'!G108)",
        ]
    );
}

#[test]
fn the_libreoffice_copy_reads_as_its_original() {
    let a = read(SEED_000);
    let b = read("seeds/000/xlsx/lkjip_000_bab3a_libreoffice.xlsx");
    assert_eq!(a.tabel, b.tabel);
}

#[test]
fn seed_004_one_row_header_and_percent_text() {
    let r = read_lkjip(
        &bytes("seeds/004/xlsx/lkjip_004_sd_tw2.xlsx"),
        &Limits::default(),
        None,
    )
    .expect("read");
    // The year from the columns (`Target 2024`).
    assert_eq!(r.tahun, Some(2024));
    let judul: Vec<&str> = r.tabel.iter().map(|t| t.judul.as_str()).collect();
    assert_eq!(
        judul,
        vec!["Tabel 3.1.3", "Tabel 3.2.1", "Tabel 3.2.4", "Tabel 3.2.7"]
    );
    let t = &r.tabel[0];
    assert_eq!(t.t.baris.len(), 3);
    assert_eq!(t.t.baris[0].satuan.as_deref(), Some("%"));
    // Each sasaran table: one sasaran measured by its own figures, the year's target and the
    // realisasi s.d. TW II (not TW I's own columns).
    for (t, (sasaran, target, realisasi)) in r.tabel[1..].iter().zip([
        ("Meningkatnya kualitas dan pencapaian kinerja penyelenggaraan urusan perangkat daerah (Nilai SAKIP)", "77", None),
        ("Meningkatnya Disiplin Aparatur", "99.99", Some("99.94")),
        ("Meningkatnya Kompetensi Sumber Daya Manusia", "83.50", Some("68.18")),
    ]) {
        assert_eq!(t.t.baris.len(), 1, "{}", t.judul);
        let b = &t.t.baris[0];
        assert_eq!((b.sasaran.as_str(), b.indikator.as_str()), (sasaran, sasaran));
        assert_eq!(b.target, Some(KValue::Number(d(target))), "{}", t.judul);
        assert_eq!(
            b.realisasi,
            realisasi.map(|v| KValue::Number(d(v))),
            "{}",
            t.judul
        );
    }
    let p = periksa_tabel(&r.tabel, &Scale::permendagri_86());
    // ANALYSIS §10 2: 62,17 of 97 is 64,09; the printed 63,44 is 62,17 of 98. §10 5: SS2's
    // 79,93 is not 68,18 of 83,50 (81,65, as Tabel 3.1.3 has it). SS1's 99,95 is 99,94 of
    // 99,99; SS3's 0% has no realisasi to compute from (`-`).
    assert_eq!(
        located(&p),
        vec![
            ("lkjip_berbeda".to_string(), "'Capaian IKU'!E5".to_string()),
            (
                "lkjip_berbeda".to_string(),
                "'Sasaran Strategis'!H13".to_string()
            ),
        ]
    );
    assert!(
        p[0].message.contains("tertulis 63,44%, hasil hitung 64,09"),
        "{}",
        p[0].message
    );
    assert!(
        p[1].message.contains("tertulis 79,93%, hasil hitung 81,65"),
        "{}",
        p[1].message
    );
    assert!(periksa_antar_tabel(&r.tabel).is_empty());
}

#[test]
fn seed_004_saved_as_xls_by_libreoffice_reads_as_its_original() {
    let read = |rel: &str| {
        read_lkjip(&bytes(rel), &Limits::default(), None).unwrap_or_else(|e| panic!("{rel}: {e}"))
    };
    let a = read("seeds/004/xlsx/lkjip_004_sd_tw2.xlsx");
    let b = read("seeds/004/xlsx/lkjip_004_sd_tw2_libreoffice.xls");
    assert_eq!(a.tabel, b.tabel);
}

#[test]
fn other_forms_are_refused_and_refuse_it() {
    let mut files = vec!["xlsx/e81_101.xlsx".to_string()];
    files.extend(files::workbooks_in(&["pk", "renja", "sipd", "kinerja"]));
    for f in &files {
        match read_lkjip(&bytes(f), &Limits::default(), Some(2025)) {
            Err(ReadError::LkjipNotFound { sheets_seen }) => {
                assert!(!sheets_seen.is_empty(), "{f}")
            }
            Err(e) => panic!("{f}: another error: {e}"),
            Ok(r) => panic!("{f}: read as an LKjIP: {:#?}", r.tabel),
        }
    }
    for f in [SEED_000, "seeds/004/xlsx/lkjip_004_sd_tw2.xlsx"] {
        let b = bytes(f);
        let limits = Limits::default();
        assert!(capaian_xlsx::read_pk(&b, &limits).is_err(), "{f}: PK");
        assert!(capaian_xlsx::read_renja(&b, &limits).is_err(), "{f}: Renja");
        assert!(
            capaian_xlsx::read_kinerja(&b, &limits, Some(2025)).is_err(),
            "{f}: Renstra"
        );
    }
}

#[test]
fn mutated_lkjip_workbooks_never_panic() {
    let files = vec![
        bytes(SEED_000),
        bytes("seeds/000/xlsx/lkjip_000_bab3a_libreoffice.xlsx"),
        bytes("seeds/004/xlsx/lkjip_004_sd_tw2.xlsx"),
    ];
    let (read_ok, refused, panics) = mutate::mutants_read(&files, 0x1e71_2026_0016, 300, |b| {
        read_lkjip(b, &Limits::default(), Some(2025))
            .map(|r| {
                // The domain's checks run on whatever was read.
                let _ = periksa_tabel(&r.tabel, &Scale::permendagri_86());
                let _ = periksa_antar_tabel(&r.tabel);
            })
            .is_ok()
    });
    assert!(panics.is_empty(), "{panics:#?}");
    assert!(
        read_ok >= 30 && refused >= 30,
        "{read_ok} read, {refused} refused"
    );
}
