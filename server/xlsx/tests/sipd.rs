//! SIPD exports: the real files and the generated variations of `tests/fixtures/sipd/`, each
//! against its hand-written `.expected.json`; the roll-up's invariants on every fixture; bad
//! input as typed errors or located problems.

mod common;
#[path = "common/mutate.rs"]
mod mutate;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use capaian_domain::anggaran::{Anggaran, Besaran, Jenjang, Lingkup};
use capaian_domain::rencana::anggaran::angkat;
use capaian_domain::rencana::{Kunci, Pemilik, Periode, Tingkat, Ukuran, Versi};
use capaian_xlsx::{read_sipd, Limits, ReadError, SipdReading};
use common::{sheet_xml, workbook, C};
use rust_decimal::Decimal;
use serde_json::Value;

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/sipd")
}

fn read(name: &str) -> SipdReading {
    let bytes = std::fs::read(dir().join(name)).expect("fixture");
    read_sipd(&bytes, &Limits::default()).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn dec(v: &Value) -> Option<Decimal> {
    v.as_str().map(d)
}

fn jenjang_key(j: Jenjang) -> String {
    serde_json::to_value(j)
        .unwrap()
        .as_str()
        .unwrap()
        .to_string()
}

/// Every rekening row's values added to its nearest planning ancestor, by the test itself.
fn rekening_sums(t: &Anggaran, b: Besaran) -> BTreeMap<usize, Decimal> {
    let mut out = BTreeMap::new();
    for r in t.baris.iter().filter(|r| r.jenjang == Jenjang::Rekening) {
        // Only the leaves: a rekening with rekening children (an LRA's `5.1`) is their sum.
        let is_parent = t
            .baris
            .iter()
            .any(|x| x.induk.is_some_and(|p| std::ptr::eq(&t.baris[p], r)));
        if is_parent {
            continue;
        }
        let mut up = r.induk;
        while let Some(p) = up {
            if t.baris[p].jenjang != Jenjang::Rekening {
                if let Some(v) = r.dinyatakan.get(b) {
                    *out.entry(p).or_insert(Decimal::ZERO) += v;
                }
            }
            up = t.baris[p].induk;
        }
    }
    out
}

fn check_expected(name: &str) {
    let json: Value = serde_json::from_str(
        &std::fs::read_to_string(dir().join(name.replace(".xlsx", ".expected.json"))).unwrap(),
    )
    .unwrap();
    let r = read(name);
    let t = &r.anggaran;
    assert_eq!(
        serde_json::to_value(r.layout).unwrap(),
        json["layout"],
        "{name}: layout"
    );
    assert_eq!(
        t.tahun.map(i64::from),
        json["tahun"].as_i64(),
        "{name}: tahun"
    );
    // Where the title's period ends (absent: the title names none).
    assert_eq!(
        r.sampai_bulan.map(i64::from),
        json["sampai_bulan"].as_i64(),
        "{name}: sampai_bulan"
    );
    let sheets: Vec<&str> = r.sheets.iter().map(|s| s.sheet.as_str()).collect();
    let want: Vec<&str> = json["sheets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(sheets, want, "{name}: sheets read");
    // Planning nodes, in order, with their rolled-up figures.
    let nodes: Vec<_> = t
        .baris
        .iter()
        .filter(|b| b.jenjang != Jenjang::Rekening)
        .collect();
    let want = json["nodes"].as_array().unwrap();
    assert_eq!(nodes.len(), want.len(), "{name}: planning nodes");
    for (b, w) in nodes.iter().zip(want) {
        assert_eq!(
            jenjang_key(b.jenjang),
            w["jenjang"].as_str().unwrap(),
            "{name}"
        );
        assert_eq!(b.kode.as_deref(), w["kode"].as_str(), "{name}");
        for (key, besaran) in [
            ("anggaran", Besaran::Anggaran),
            ("realisasi", Besaran::Realisasi),
            ("anggaran_operasi", Besaran::AnggaranOperasi),
            ("anggaran_modal", Besaran::AnggaranModal),
            ("realisasi_operasi", Besaran::RealisasiOperasi),
            ("realisasi_modal", Besaran::RealisasiModal),
        ] {
            if w.get(key).is_some() {
                assert_eq!(
                    b.dihitung.get(besaran),
                    dec(&w[key]),
                    "{name}: {key} of {:?}",
                    b.kode
                );
            }
        }
        // The realisasi of each month from January (a rolled-up node's is its rows' sum).
        if let Some(months) = w.get("realisasi_bulan").and_then(Value::as_array) {
            for (m, v) in months.iter().enumerate() {
                assert_eq!(
                    b.dihitung.get(Besaran::RealisasiBulan(m as u8 + 1)),
                    dec(v),
                    "{name}: realisasi bulan {} of {:?}",
                    m + 1,
                    b.kode
                );
            }
        }
        if let Some(tw) = w.get("kas_tw").and_then(Value::as_array) {
            for (q, v) in tw.iter().enumerate() {
                assert_eq!(
                    b.dihitung.get(Besaran::KasTw(q as u8 + 1)),
                    dec(v),
                    "{name}: kas TW {}",
                    q + 1
                );
            }
        }
    }
    let rekening = t
        .baris
        .iter()
        .filter(|b| b.jenjang == Jenjang::Rekening)
        .count();
    assert_eq!(
        rekening as u64,
        json["rekening"].as_u64().unwrap(),
        "{name}"
    );
    if let Some(tree) = json.get("rekening_tree").and_then(Value::as_array) {
        for w in tree {
            let w = w.as_array().unwrap();
            let b = t
                .baris
                .iter()
                .find(|b| b.kode.as_deref() == w[0].as_str())
                .unwrap();
            let parent = b.induk.and_then(|p| t.baris[p].kode.as_deref());
            assert_eq!(parent, w[1].as_str(), "{name}: parent of {:?}", w[0]);
            assert_eq!(b.dihitung.get(Besaran::Anggaran), dec(&w[2]));
            assert_eq!(b.dihitung.get(Besaran::Realisasi), dec(&w[3]));
            assert_eq!(b.dihitung.get(Besaran::RealisasiLalu), dec(&w[4]));
        }
    }
    // Each sheet's rekening rows, added by the test.
    for (sheet, want) in json["per_sheet_anggaran"].as_object().unwrap() {
        let at = t.lembar.iter().position(|l| &l.nama == sheet).unwrap();
        let children: Vec<bool> = (0..t.baris.len())
            .map(|i| t.baris.iter().any(|x| x.induk == Some(i)))
            .collect();
        let sum: Decimal = t
            .baris
            .iter()
            .enumerate()
            .filter(|(i, b)| b.asal.lembar == at && !children[*i])
            .filter_map(|(_, b)| b.dinyatakan.get(Besaran::Anggaran))
            .sum();
        assert_eq!(Some(sum), dec(want), "{name}: sheet {sheet}");
    }
    let total = t.total();
    assert_eq!(
        total.get(Besaran::Anggaran),
        dec(&json["total"]["anggaran"]),
        "{name}: total"
    );
    assert_eq!(
        total.get(Besaran::Realisasi),
        dec(&json["total"]["realisasi"]),
        "{name}: total realisasi"
    );
    let mut got: Vec<(String, Option<String>, Option<String>)> = r
        .problems
        .iter()
        .map(|p| (p.code.clone(), p.at.sheet.clone(), p.at.cell.clone()))
        .collect();
    let mut want: Vec<(String, Option<String>, Option<String>)> = json["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p[0].as_str().unwrap().to_string(),
                p[1].as_str().map(str::to_string),
                p[2].as_str().map(str::to_string),
            )
        })
        .collect();
    got.sort();
    want.sort();
    assert_eq!(got, want, "{name}: problems {:#?}", r.problems);
    // Every message is written for people: Indonesian, never empty.
    assert!(r.problems.iter().all(|p| !p.message.is_empty()));
}

#[test]
fn real_sumenep_anggaran_kas() {
    check_expected("sumenep_dinkes_kesling_anggaran_kas_sipd_2025.xlsx");
}

#[test]
fn real_ntb_rincian_apbd() {
    check_expected("ntb_sipd_rincian_apbd_format_import.xlsx");
}

#[test]
fn rekap_with_bidang_sheets_hidden_copy_text_amounts_and_four_kode_columns() {
    check_expected("rekap_belanja_bidang.xlsx");
}

#[test]
fn lra_by_rekening_from_seed_000() {
    check_expected("lra_rekening_2025.xlsx");
}

#[test]
fn malformed_cells_are_located_problems() {
    check_expected("rekap_masalah.xlsx");
}

#[test]
fn realisasi_so_far_with_its_period_in_the_title() {
    check_expected("realisasi_e81_101_sd_juni.xlsx");
}

#[test]
fn realisasi_by_month_under_a_two_row_header() {
    check_expected("realisasi_bulanan_e81_101_sd_april.xlsx");
}

#[test]
fn the_renja_table_is_not_a_sipd_export() {
    let bytes = std::fs::read(dir().join("munabarat_renja_program_kegiatan_2018.xlsx")).unwrap();
    let e = read_sipd(&bytes, &Limits::default()).unwrap_err();
    assert!(
        matches!(&e, ReadError::SipdNotFound { sheets_seen } if sheets_seen.len() == 3),
        "{e:?}"
    );
    assert!(
        e.to_string()
            .contains("Tidak ditemukan tabel anggaran SIPD"),
        "{e}"
    );
}

/// Every sub kegiatan (and every planning node) holds the sum of its rekening rows; the
/// file's own sheet totals agree with the sum of their sheet's rows unless a problem says so.
#[test]
fn every_node_is_the_sum_of_its_rekening_rows() {
    for name in [
        "sumenep_dinkes_kesling_anggaran_kas_sipd_2025.xlsx",
        "ntb_sipd_rincian_apbd_format_import.xlsx",
        "rekap_belanja_bidang.xlsx",
        "lra_rekening_2025.xlsx",
        "rekap_masalah.xlsx",
    ] {
        let r = read(name);
        let t = &r.anggaran;
        for b in [
            Besaran::Anggaran,
            Besaran::Realisasi,
            Besaran::KasTw(1),
            Besaran::KasBulan(7),
        ] {
            let sums = rekening_sums(t, b);
            for (i, node) in t.baris.iter().enumerate() {
                if node.jenjang == Jenjang::Rekening || !sums.contains_key(&i) {
                    continue;
                }
                assert_eq!(
                    node.dihitung.get(b),
                    sums.get(&i).copied(),
                    "{name}: {:?} of {:?}",
                    b,
                    node.kode
                );
            }
        }
        for j in t.jumlah.iter().filter(|j| j.lingkup == Lingkup::Lembar) {
            let flagged = r.problems.iter().any(|p| {
                p.code == "jumlah_berkas"
                    && p.at.sheet.as_deref() == Some(&t.lembar[j.asal.lembar].nama)
            });
            if flagged {
                continue;
            }
            let children: Vec<bool> = (0..t.baris.len())
                .map(|i| t.baris.iter().any(|x| x.induk == Some(i)))
                .collect();
            let sum: Decimal = t
                .baris
                .iter()
                .enumerate()
                .filter(|(i, b)| b.asal.lembar == j.asal.lembar && !children[*i])
                .filter_map(|(_, b)| b.dinyatakan.get(Besaran::Anggaran))
                .sum();
            if let Some(stated) = j.nilai.get(Besaran::Anggaran) {
                assert_eq!(sum, stated, "{name}: total row {}", j.asal.baris);
            }
        }
    }
}

#[test]
fn a_rolled_up_export_lifts_into_the_plan() {
    let r = read("rekap_belanja_bidang.xlsx");
    let (plan, problems) = angkat(
        &r.anggaran,
        "rekap.xlsx",
        r.layout.nama(),
        Some(2),
        Versi::Murni,
    );
    assert!(problems.is_empty(), "{problems:?}");
    let subs: Vec<usize> = plan
        .simpul
        .iter()
        .enumerate()
        .filter(|(_, s)| s.tingkat == Tingkat::SubKegiatan)
        .map(|(i, _)| i)
        .collect();
    assert_eq!(subs.len(), 3);
    let pagu = |i: usize| {
        plan.nilai(&Kunci::new(
            Pemilik::Simpul(i as u32),
            Ukuran::TargetRp,
            Periode::Tahun,
        ))
        .cloned()
    };
    assert_eq!(
        pagu(subs[1]),
        Some(capaian_domain::edit::CellValue::Rp(d("1584567890.50")))
    );
    assert_eq!(plan.sumber[0].lembar, "Induk");
    assert_eq!(plan.tahun, Some(2025));
}

#[test]
fn anggaran_kas_lifts_per_month_and_quarter() {
    let r = read("sumenep_dinkes_kesling_anggaran_kas_sipd_2025.xlsx");
    let (plan, _) = angkat(&r.anggaran, "rak.xlsx", r.layout.nama(), None, Versi::Murni);
    let sub = plan
        .simpul
        .iter()
        .position(|s| s.tingkat == Tingkat::SubKegiatan)
        .unwrap() as u32;
    let kas = |p| {
        plan.nilai(&Kunci::new(Pemilik::Simpul(sub), Ukuran::AnggaranKasRp, p))
            .cloned()
    };
    let rp = |s: &str| Some(capaian_domain::edit::CellValue::Rp(d(s)));
    // TW 1 by hand: 22 580 000 + 13 436 400 + 1 741 100 + 2 299 200 + 0.
    assert_eq!(kas(Periode::Triwulan(1)), rp("40056700"));
    // Month 6 (AA4 of each sheet): 32 871 000 + 5 000 000 + 2 640 000 + 0 + 4 400 000.
    assert_eq!(kas(Periode::Bulan(6)), rp("44911000"));
}

fn rekap_sheet(rows: Vec<(u32, Vec<(&'static str, C<'static>)>)>) -> Vec<u8> {
    let mut all = vec![(
        1,
        vec![
            ("A", C::S("Kode")),
            ("B", C::S("Uraian")),
            ("C", C::S("Anggaran")),
            ("D", C::S("Realisasi")),
        ],
    )];
    all.extend(rows);
    workbook(&[("Rekap", sheet_xml(&all))])
}

#[test]
fn amounts_as_numbers_and_as_indonesian_text_read_the_same() {
    let bytes = rekap_sheet(vec![
        (
            2,
            vec![
                ("A", C::S("1.02.01.2.01.0001")),
                ("B", C::S("Sub")),
                ("C", C::S("467.998.630.663,83")),
                ("D", C::S("0,00")),
            ],
        ),
        (
            3,
            vec![
                ("A", C::S("5.1.02.01.01.0024")),
                ("B", C::S("ATK")),
                ("C", C::N(467998630663.83)),
                ("D", C::N(0.0)),
            ],
        ),
        (
            4,
            vec![
                ("A", C::S("5.1.02.01.01.0025")),
                ("B", C::S("Kertas")),
                ("C", C::S("1.500")),
                ("D", C::S("Rp 1.500,-")),
            ],
        ),
    ]);
    let r = read_sipd(&bytes, &Limits::default()).unwrap();
    let t = &r.anggaran;
    assert_eq!(
        t.baris[0].dinyatakan.get(Besaran::Anggaran),
        Some(d("467998630663.83"))
    );
    assert_eq!(
        t.baris[1].dinyatakan.get(Besaran::Anggaran),
        Some(d("467998630663.83"))
    );
    assert_eq!(
        t.baris[0].dinyatakan.get(Besaran::Realisasi),
        Some(Decimal::ZERO)
    );
    // `1.500` is 1 500 rupiah (no money has three decimals), `Rp 1.500,-` too.
    assert_eq!(
        t.baris[2].dinyatakan.get(Besaran::Anggaran),
        Some(d("1500"))
    );
    assert_eq!(
        t.baris[2].dinyatakan.get(Besaran::Realisasi),
        Some(d("1500"))
    );
    // The sub kegiatan states its ATK row only: 1 500 short, and its realisasi 1 500 short.
    let codes: Vec<(&str, Option<&str>)> = r
        .problems
        .iter()
        .map(|p| (p.code.as_str(), p.at.cell.as_deref()))
        .collect();
    assert_eq!(
        codes,
        [("jumlah_induk", Some("C2")), ("jumlah_induk", Some("D2"))]
    );
    assert!(
        r.problems[0].message.contains("selisih -1.500,00"),
        "{}",
        r.problems[0].message
    );
}

#[test]
fn bad_input_is_a_typed_error_never_a_panic() {
    let limits = Limits::default();
    assert!(matches!(
        read_sipd(b"bukan workbook", &limits),
        Err(ReadError::NotXlsx { .. })
    ));
    assert!(matches!(
        read_sipd(b"", &limits),
        Err(ReadError::NotXlsx { .. })
    ));
    let good = std::fs::read(dir().join("rekap_belanja_bidang.xlsx")).unwrap();
    for cut in [good.len() / 3, good.len() / 2, good.len() - 10] {
        let e = read_sipd(&good[..cut], &limits).unwrap_err();
        assert!(!e.to_string().is_empty());
    }
    let small = Limits {
        max_file_bytes: 100,
        ..Limits::default()
    };
    assert!(matches!(
        read_sipd(&good, &small),
        Err(ReadError::TooLarge { .. })
    ));
    // A workbook without any budget table names its sheets.
    let other = workbook(&[(
        "Catatan",
        sheet_xml(&[(1, vec![("A", C::S("Daftar hadir"))])]),
    )]);
    let e = read_sipd(&other, &limits).unwrap_err();
    assert!(e.to_string().contains("'Catatan'"), "{e}");
    // Two cells far apart (A1 and XFD1048576) are two cells, not a grid of billions.
    let far = workbook(&[(
        "Jauh",
        sheet_xml(&[
            (
                1,
                vec![
                    ("A", C::S("Kode Rekening")),
                    ("B", C::S("Uraian")),
                    ("C", C::S("Anggaran")),
                ],
            ),
            (
                2,
                vec![
                    ("A", C::S("5.1")),
                    ("B", C::S("Belanja Operasi")),
                    ("C", C::S("10,00")),
                ],
            ),
            (1048576, vec![("XFD", C::S("x"))]),
        ]),
    )]);
    let r = read_sipd(&far, &limits).unwrap();
    assert_eq!(r.anggaran.total().get(Besaran::Anggaran), Some(d("10")));
    // An E.81 is a performance table: refused, not misread as a budget.
    let e81 = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/xlsx/e81_101.xlsx"),
    )
    .unwrap();
    assert!(matches!(
        read_sipd(&e81, &limits),
        Err(ReadError::SipdNotFound { .. })
    ));
}

#[test]
fn a_header_is_found_by_its_words_wherever_it_sits() {
    // Columns in another order, the header lower down, a title above: same reading.
    let rows = vec![
        (1, vec![("A", C::S("LAPORAN APA SAJA"))]),
        (
            6,
            vec![
                ("A", C::S("Realisasi")),
                ("B", C::S("Nama Rekening")),
                ("C", C::S("Kode Rekening")),
                ("D", C::S("Pagu")),
            ],
        ),
        (
            7,
            vec![
                ("A", C::S("40")),
                ("B", C::S("Belanja")),
                ("C", C::S("5")),
                ("D", C::S("100")),
            ],
        ),
        (
            8,
            vec![
                ("A", C::S("40")),
                ("B", C::S("Belanja Operasi")),
                ("C", C::S("5.1")),
                ("D", C::S("100")),
            ],
        ),
    ];
    let r = read_sipd(&workbook(&[("X", sheet_xml(&rows))]), &Limits::default()).unwrap();
    assert_eq!(r.layout, capaian_xlsx::SipdLayout::LraRekening);
    assert_eq!(r.sheets[0].header_rows, (6, 6));
    assert_eq!(r.anggaran.baris[1].induk, Some(0));
    assert_eq!(r.anggaran.total().get(Besaran::Realisasi), Some(d("40")));
    assert!(r.problems.is_empty(), "{:?}", r.problems);
}

/// Mutants of the SIPD fixtures (the E.81 fuzzer's byte-, XML- and part-level mutations): each
/// read within 20 s, and no panic in the reader or the roll-up (a panic would be caught by the
/// reader's safety net and hidden as "damaged": the hook sees it first).
#[test]
fn mutants_never_panic_or_hang() {
    use std::io::Read;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Mutex;
    static OURS: AtomicUsize = AtomicUsize::new(0);
    static WHERE: Mutex<Vec<String>> = Mutex::new(Vec::new());
    let mut fixtures = Vec::new();
    for name in [
        "sumenep_dinkes_kesling_anggaran_kas_sipd_2025.xlsx",
        "ntb_sipd_rincian_apbd_format_import.xlsx",
        "rekap_belanja_bidang.xlsx",
        "lra_rekening_2025.xlsx",
        "rekap_masalah.xlsx",
    ] {
        let bytes = std::fs::read(dir().join(name)).unwrap();
        let mut z = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
        let parts = (0..z.len())
            .map(|i| {
                let mut f = z.by_index(i).unwrap();
                let name = f.name().unwrap().into_owned();
                let mut data = Vec::new();
                f.read_to_end(&mut data).unwrap();
                mutate::Part { name, data }
            })
            .collect();
        fixtures.push(mutate::Fixture {
            name: name.into(),
            bytes,
            parts: Some(parts),
            original: None,
        });
    }
    // Recorded, then handed to the previous hook (other tests' panics still print).
    let previous = std::sync::Arc::new(std::panic::take_hook());
    let chained = std::sync::Arc::clone(&previous);
    std::panic::set_hook(Box::new(move |info| {
        let at = info.location().map(|l| l.to_string()).unwrap_or_default();
        if at.contains("src/sipd.rs") || at.contains("src/anggaran.rs") {
            OURS.fetch_add(1, Ordering::SeqCst);
            if let Ok(mut w) = WHERE.lock() {
                w.push(format!("{at}: {info}"));
            }
        }
        chained(info);
    }));
    let mut slowest = std::time::Duration::ZERO;
    for i in 0..300u64 {
        let m = mutate::mutant(&fixtures, mutate::seed_of(0x51bd_2026, i));
        let t0 = std::time::Instant::now();
        let _ = read_sipd(&m.bytes, &Limits::default());
        let took = t0.elapsed();
        slowest = slowest.max(took);
        assert!(
            took < std::time::Duration::from_secs(20),
            "mutant {i} took {took:?}: {}",
            m.describe(&fixtures)
        );
    }
    let _ = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| previous(info)));
    let found = WHERE.lock().map(|w| w.clone()).unwrap_or_default();
    assert_eq!(
        OURS.load(Ordering::SeqCst),
        0,
        "panics in our code: {found:#?}"
    );
    eprintln!("300 SIPD mutants, slowest {slowest:?}");
}

#[test]
fn the_legacy_xls_copy_reads_as_the_xlsx() {
    let a = read("rekap_belanja_bidang.xlsx");
    let b = read("rekap_belanja_bidang.xls");
    assert_eq!(b.layout, a.layout);
    assert_eq!(b.anggaran.tahun, a.anggaran.tahun);
    let figures = |r: &SipdReading| -> Vec<(Option<String>, Option<Decimal>, Option<Decimal>)> {
        r.anggaran
            .baris
            .iter()
            .map(|x| {
                (
                    x.kode.clone(),
                    x.dihitung.get(Besaran::Anggaran),
                    x.dihitung.get(Besaran::Realisasi),
                )
            })
            .collect()
    };
    assert_eq!(figures(&b), figures(&a));
    let problems = |r: &SipdReading| -> Vec<(String, Option<String>)> {
        r.problems
            .iter()
            .map(|p| (p.code.clone(), p.at.cell.clone()))
            .collect()
    };
    assert_eq!(problems(&b), problems(&a));
}

/// An anggaran kas and a realisasi export with quarters and months: penyerapan TW per node.
#[test]
fn penyerapan_per_quarter_from_two_exports() {
    use capaian_domain::anggaran::penyerapan_tw;
    let header = |last: [&'static str; 3]| {
        (
            1,
            vec![
                ("A", C::S("Kode Sub Kegiatan")),
                ("B", C::S("Nama Sub Kegiatan")),
                ("C", C::S("Kode Rekening")),
                ("D", C::S("Nama Rekening")),
                ("E", C::S(last[0])),
                ("F", C::S(last[1])),
                ("G", C::S(last[2])),
            ],
        )
    };
    let line = |r: u32, rek: &'static str, v: [f64; 3]| {
        (
            r,
            vec![
                ("A", C::S("1.02.01.2.01.0001")),
                ("B", C::S("Sub Satu")),
                ("C", C::S(rek)),
                ("D", C::S("Belanja")),
                ("E", C::N(v[0])),
                ("F", C::N(v[1])),
                ("G", C::N(v[2])),
            ],
        )
    };
    let kas = workbook(&[(
        "RAK",
        sheet_xml(&[
            header(["Nilai Rincian", "TW 1", "TW 2"]),
            line(2, "5.1.02.01.01.0024", [100.0, 40.0, 60.0]),
            line(3, "5.1.02.01.01.0025", [50.0, 10.0, 40.0]),
        ]),
    )]);
    let real = workbook(&[(
        "Realisasi",
        sheet_xml(&[
            header(["Anggaran", "Realisasi TW 1", "Realisasi TW 2"]),
            line(2, "5.1.02.01.01.0024", [100.0, 30.0, 45.0]),
            line(3, "5.1.02.01.01.0025", [50.0, 10.0, 0.0]),
        ]),
    )]);
    let kas = read_sipd(&kas, &Limits::default()).unwrap();
    let real = read_sipd(&real, &Limits::default()).unwrap();
    assert_eq!(kas.layout, capaian_xlsx::SipdLayout::AnggaranKas);
    // Each rincian's quarters add up to it (100 = 40 + 60, 50 = 10 + 40): no problem. The
    // realisasi export has no months: nothing to check its quarters against.
    assert!(kas.problems.is_empty(), "{:?}", kas.problems);
    assert!(real.problems.is_empty(), "{:?}", real.problems);
    let p = penyerapan_tw(&real.anggaran, &kas.anggaran);
    let sub = p.iter().find(|x| x.kode == "1.02.01.2.01.0001").unwrap();
    // TW 1: (30 + 10) ÷ (40 + 10) = 80 %; TW 2: 45 ÷ 100 = 45 %.
    assert_eq!(
        sub.triwulan[0].tuple(),
        (Some(d("40")), Some(d("50")), Some(d("80")))
    );
    assert_eq!(
        sub.triwulan[1].tuple(),
        (Some(d("45")), Some(d("100")), Some(d("45")))
    );
}
