//! The generated Perjanjian Kinerja (`capaian_xlsx::export::export_pk`), from the PK fixtures
//! read (`tests/fixtures/pk/`, seeds 000, 003, 004):
//! - read back with `read_pk` it is the same PK: the statement page, every kinerja row, every
//!   anggaran row with its amount as it stands, Σ, and nothing to complain about;
//! - with calamine: the Jumlah cell is a live `SUM` whose cached value is Capaian's Σ, the
//!   terbilang under it says that Σ;
//! - LibreOffice recalculates each export (as written, and with every cached formula value
//!   stripped) and every formula cell equals Capaian's value;
//! - LibreOffice prints the workbook to a PDF of one page per sheet: the statement page with
//!   both signature blocks on its one page.

use std::path::{Path, PathBuf};
use std::process::Command;

use calamine::{Data, Reader, Xlsx};
use capaian_domain::pk::{hitung, Pk};
use capaian_xlsx::export::{export_pk, PkMeta};
use capaian_xlsx::{read_pk, Limits};

mod common;
use common::libreoffice::{recalculated_agree, soffice_convert, tmp_dir};

const FIXTURES: [&str; 5] = [
    "pk_000_2025",
    "pk_000_perubahan_2025",
    "pk_004_tabel_2_4_1",
    "pk_varian_satu_lembar",
    "pk_varian_tersembunyi",
];

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("../../tests/fixtures/pk/{name}.xlsx"))
}

fn read(bytes: &[u8]) -> Pk {
    read_pk(bytes, &Limits::default()).expect("a PK").pk
}

fn exported(name: &str) -> (Pk, Vec<u8>) {
    let pk = read(&std::fs::read(fixture(name)).expect("fixture"));
    let (h, _) = hitung(&pk);
    let bytes = export_pk(&pk, &h, &PkMeta::default()).expect("export");
    (pk, bytes)
}

fn digits(s: Option<&str>) -> String {
    s.unwrap_or("")
        .chars()
        .filter(char::is_ascii_digit)
        .collect()
}

#[test]
fn an_exported_pk_reads_back_as_the_same_pk() {
    for name in FIXTURES {
        let (pk, bytes) = exported(name);
        let reading = read_pk(&bytes, &Limits::default()).expect("the export reads");
        let back = &reading.pk;
        assert_eq!(back.tahun, pk.tahun, "{name}");
        assert_eq!(back.versi, pk.versi, "{name}");
        assert_eq!(back.pd, pk.pd, "{name}");
        assert_eq!(back.tingkat_sasaran, pk.tingkat_sasaran, "{name}");
        assert_eq!(back.kinerja.len(), pk.kinerja.len(), "{name}");
        for (a, b) in back.kinerja.iter().zip(&pk.kinerja) {
            assert_eq!(
                (
                    &a.sasaran,
                    &a.indikator,
                    &a.satuan,
                    &a.target,
                    &a.target_tw,
                    &a.target_maju
                ),
                (
                    &b.sasaran,
                    &b.indikator,
                    &b.satuan,
                    &b.target,
                    &b.target_tw,
                    &b.target_maju
                ),
                "{name}"
            );
        }
        let (h, _) = hitung(&pk);
        let (hb, _) = hitung(back);
        assert_eq!(back.anggaran.len(), pk.anggaran.len(), "{name}");
        for (a, b) in back.anggaran.iter().zip(&pk.anggaran) {
            assert_eq!(
                (a.tingkat, &a.kode, &a.uraian),
                (b.tingkat, &b.kode, &b.uraian),
                "{name}"
            );
        }
        assert_eq!(hb.anggaran, h.anggaran, "{name}: amounts as they stand");
        assert_eq!(hb.jumlah, h.jumlah, "{name}");
        if h.jumlah.is_some() {
            assert_eq!(back.jumlah.as_ref().map(|j| j.nilai), h.jumlah, "{name}");
            assert_eq!(
                back.terbilang.as_ref().map(|t| t.teks.as_str()),
                h.terbilang.as_deref(),
                "{name}"
            );
        }
        match (&back.pernyataan, &pk.pernyataan) {
            (Some(a), Some(b)) => {
                for (x, y) in [
                    (&a.pihak_pertama, &b.pihak_pertama),
                    (&a.pihak_kedua, &b.pihak_kedua),
                ] {
                    assert_eq!(
                        (&x.nama, &x.jabatan, &x.pangkat),
                        (&y.nama, &y.jabatan, &y.pangkat),
                        "{name}"
                    );
                    assert_eq!(digits(x.nip.as_deref()), digits(y.nip.as_deref()), "{name}");
                }
                assert_eq!(a.tempat, b.tempat, "{name}");
                assert_eq!(a.tanggal, b.tanggal, "{name}");
            }
            (Some(_), None) => {}
            (None, b) => panic!("{name}: statement page not read back, had {b:?}"),
        }
        // Capaian's own form adds up: nothing but notes.
        let warnings: Vec<_> = reading
            .problems
            .iter()
            .filter(|p| p.severity >= capaian_domain::model::Severity::Warning)
            .collect();
        assert!(warnings.is_empty(), "{name}: {warnings:#?}");
    }
}

#[test]
fn the_jumlah_is_a_live_sum_cached_with_our_total_and_the_terbilang_says_it() {
    let (pk, bytes) = exported("pk_varian_tersembunyi");
    let (h, _) = hitung(&pk);
    let mut x: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).expect("xlsx");
    let formulas = x.worksheet_formula("Lampiran Anggaran").expect("formulas");
    let values = x.worksheet_range("Lampiran Anggaran").expect("values");
    // Data from row 6 (0-based 5): 14 rows, the JUMLAH on 0-based row 19; Program and Kegiatan
    // in columns B and C, the Anggaran in D.
    let f = |r: u32, c: u32| formulas.get_value((r, c)).cloned().unwrap_or_default();
    assert_eq!(f(19, 3), "SUM(D6,D11,D14)");
    // The first program sums its four kegiatan.
    assert_eq!(f(5, 3), "SUM(D7:D10)");
    assert_eq!(
        values.get_value((19, 3)),
        Some(&Data::Float(14_644_589_858.0))
    );
    assert_eq!(h.jumlah, Some("14644589858".parse().expect("decimal")));
    assert_eq!(
        values.get_value((20, 0)),
        Some(&Data::String(
            "Terbilang: Empat Belas Miliar Enam Ratus Empat Puluh Empat Juta Lima Ratus Delapan Puluh Sembilan Ribu Delapan Ratus Lima Puluh Delapan Rupiah".into()
        ))
    );
}

#[test]
fn libreoffice_recalculates_every_formula_to_our_values() {
    // The Jumlah; and with the three programs' sums over their kegiatan.
    for (name, formulas) in [("pk_varian_satu_lembar", 1), ("pk_varian_tersembunyi", 4)] {
        let (_, bytes) = exported(name);
        let n = recalculated_agree(name, &bytes, |_, a, b| a == b);
        assert_eq!(n, formulas, "{name}: formula cells");
    }
}

fn pdf(name: &str) -> (PathBuf, PathBuf) {
    let (_, bytes) = exported(name);
    let dir = tmp_dir(&format!("pdf-{name}"));
    let input = dir.join(format!("{name}.xlsx"));
    std::fs::write(&input, bytes).expect("write");
    soffice_convert(&input, "pdf", &dir, &dir.join("profile"));
    (dir.clone(), dir.join(format!("{name}.pdf")))
}

fn run(cmd: &str, args: &[&str]) -> String {
    let out = Command::new(cmd)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{cmd} is required for this test (poppler-utils): {e}"));
    assert!(out.status.success(), "{cmd} {args:?} failed");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn the_statement_prints_on_one_page_with_both_signatures() {
    let (dir, pdf) = pdf("pk_000_2025");
    let p = pdf.to_str().expect("path");
    let info = run("pdfinfo", &[p]);
    let pages: u32 = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|v| v.trim().parse().ok())
        .expect("page count");
    // One page per sheet: the statement, the lampiran kinerja, the lampiran anggaran.
    assert_eq!(pages, 3, "{info}");
    let first = run("pdftotext", &["-layout", "-f", "1", "-l", "1", p, "-"]);
    for want in [
        "PERJANJIAN KINERJA TAHUN 2025",
        "Dalam rangka mewujudkan",
        "PIHAK KEDUA,",
        "PIHAK PERTAMA,",
        "Kotabaru, 21 Februari 2025",
        "H. Muhamad Yusuf, S.Pd",
        "Muh. Rusli, S.Sos",
        "NIP. 19661109 198503 1 001",
    ] {
        assert!(first.contains(want), "page 1 lacks '{want}':\n{first}");
    }
    assert!(!first.contains("LAMPIRAN"), "{first}");
    let second = run("pdftotext", &["-layout", "-f", "2", "-l", "2", p, "-"]);
    assert!(second.contains("LAMPIRAN PERJANJIAN KINERJA"), "{second}");
    let third = run("pdftotext", &["-layout", "-f", "3", "-l", "3", p, "-"]);
    assert!(
        third.contains("50.992.531.367") || third.contains("50,992,531,367"),
        "{third}"
    );
    assert!(third.contains("Terbilang: Lima Puluh Miliar"), "{third}");
    let _ = std::fs::remove_dir_all(dir);
}
