//! T-C.29 from the seeds, and its export.
//!
//! The seeds' tables (seed 001's T-C.29, seed 002's Tabel 2.3; verbatim copies in
//! `tests/fixtures/tc29/`) were rebuilt as the E.81 documents they were printed from
//! (`examples/gen_tc29_fixtures.rs`: year n-2's final E.81 with targets = column 6, realisasi =
//! column 7, realisasi s.d. tahun lalu = column 5, Renstra = column 4; year n-1's with targets
//! = column 9). From those documents [`susun`] derives the T-C.29, and:
//! - every row of the seed's table is a row of ours, in the same order, with the same columns
//!   1–7 and 9;
//! - the checker [`periksa`] reads each seed table as printed and flags every cell of columns
//!   8, 10 and 11 that its own columns 4–7 and 9 do not give; every row it does not flag is
//!   reproduced exactly by the derivation (all columns, as the seed displays them: its
//!   rounding, or its cutting off, at the seed's number of decimals); the flagged cells are
//!   compared with the contradictions the seeds' ANALYSIS.md lists;
//! - the export ([`export_tc29`]) reads back as the model (texts, values, cached formula
//!   values) with live formulas for 8, 10 (by the row's rule) and 11; LibreOffice recalculates
//!   every formula cell to our value, as written and with the cached values stripped; the PDF
//!   LibreOffice prints shows the header on every page, one page wide.

use std::collections::BTreeMap;
use std::path::PathBuf;

use calamine::Data;
use capaian_domain::model::{Aggregation, Grade, IndicatorSemantics, Level, Polarity, ValueType};
use capaian_domain::num::{parse_cell, round_half_up};
use capaian_domain::tc29::{Aturan10, BarisTc29};
use rust_decimal::Decimal;

use capaian_domain::e81::E81Settings;
use capaian_domain::model::{Document, KValue, Problem};
use capaian_domain::num::CellValue;
use capaian_domain::tc29::{
    baca_baris, hitung, periksa, sesuai_tertulis, susun, HitungBaris, SumberTc29, Tc29,
};
use capaian_xlsx::export::{export_tc29, Paper, RenjaMeta};

mod common;
use common::libreoffice::{
    formula_cells, printed, recalculated_agree, sheet_range, sheet_xml, value_at, zip_entries,
};
use common::tc29::{seed_001, seed_002, tc29_dir, SeedTc29};

fn doc(stem: &str, year: i32) -> Document {
    let path: PathBuf = tc29_dir().join(format!("{stem}_e81_{year}.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path:?}: {e}"))
}

/// The T-C.29 derived from the seed's documents, its computed columns and problems.
fn derived(seed: &SeedTc29) -> (Tc29, Vec<HitungBaris>, Vec<Problem>) {
    let (n2, n1) = (
        doc(seed.stem, seed.tahun - 2),
        doc(seed.stem, seed.tahun - 1),
    );
    let (t, mut problems) = susun(&SumberTc29 {
        tahun: seed.tahun,
        n3: None,
        n2: &n2,
        n1: Some(&n1),
        settings: &E81Settings::default(),
    });
    let (h, hp) = hitung(&t);
    problems.extend(hp);
    (t, h, problems)
}

/// A flagged cell: CSV line, column number (8, 10, 11), the problem's message.
type Flag = (usize, u8, String);

/// Derive, check and compare one seed; returns the rows reproduced and the cells flagged.
fn reproduce(seed: &SeedTc29) -> (usize, Vec<Flag>) {
    let read: Vec<_> = seed.baris.iter().map(baca_baris).collect();
    let table = Tc29 {
        tahun: seed.tahun,
        baris: read.iter().map(|(b, _)| b.clone()).collect(),
        ..Tc29::default()
    };
    let tertulis: Vec<_> = read.iter().map(|(_, t)| t.clone()).collect();
    let (checked, problems) = periksa(&table, &tertulis);
    let (ours, h, _) = derived(seed);
    assert_eq!(ours.baris.len(), table.baris.len(), "{}: rows", seed.stem);
    let mut flags: Vec<Flag> = Vec::new();
    let mut by_row: BTreeMap<usize, Vec<u8>> = BTreeMap::new();
    for p in &problems {
        assert_eq!(p.code, "kolom_tc29_berbeda", "{p:?}");
        let row = p.at.row.expect("a row");
        let cell = p.at.cell.as_deref().expect("a cell");
        let no = match cell.as_bytes()[0] {
            b'L' | b'H' => 8,
            b'N' | b'J' => 10,
            b'O' | b'K' => 11,
            other => panic!("column {}", other as char),
        };
        assert_eq!(&cell[1..], seed.baris_csv[row].to_string(), "{p:?}");
        by_row.entry(row).or_default().push(no);
        flags.push((seed.baris_csv[row], no, p.message.clone()));
    }
    let mut reproduced = 0;
    for (i, ((a, b), (c, s))) in ours
        .baris
        .iter()
        .zip(&table.baris)
        .zip(h.iter().zip(&tertulis))
        .enumerate()
    {
        let at = format!("{} line {}", seed.stem, seed.baris_csv[i]);
        // Columns 1–7 and 9: the same row, the same values.
        assert_eq!(
            (&a.level, &a.kode, &a.nama, &a.indikator),
            (&b.level, &b.kode, &b.nama, &b.indikator),
            "{at}"
        );
        assert_eq!(
            (
                &a.renstra,
                &a.sd_n3,
                &a.target_n2,
                &a.realisasi_n2,
                &a.target_n1
            ),
            (
                &b.renstra,
                &b.sd_n3,
                &b.target_n2,
                &b.realisasi_n2,
                &b.target_n1
            ),
            "{at}"
        );
        assert_eq!(a.makna, b.makna, "{at}");
        // The derivation and the checker compute the same.
        assert_eq!(c, &checked[i], "{at}");
        let ok8 = sesuai_tertulis(
            &s.tingkat_realisasi,
            c.tingkat_realisasi.map(KValue::Number).as_ref(),
        );
        let ok10 = sesuai_tertulis(&s.sd_n1, c.sd_n1.as_ref());
        let ok11 = sesuai_tertulis(
            &s.tingkat_capaian,
            c.tingkat_capaian.map(KValue::Number).as_ref(),
        );
        let flagged = by_row.get(&i).cloned().unwrap_or_default();
        // An unflagged cell is what we derive (column 11 is checked against the table's own
        // column 10: where 10 is flagged, 11 may agree with it and not with ours).
        for (no, ok) in [(8u8, ok8), (10, ok10)] {
            assert_eq!(ok, !flagged.contains(&no), "{at}: column {no}");
        }
        if !flagged.contains(&10) {
            assert_eq!(ok11, !flagged.contains(&11), "{at}: column 11");
        }
        if ok8 && ok10 && ok11 {
            reproduced += 1;
        }
    }
    eprintln!(
        "{}: {} of {} rows reproduced; {} contradictions flagged ({} heading rows without indicator left out)",
        seed.stem,
        reproduced,
        table.baris.len(),
        flags.len(),
        seed.judul
    );
    for (line, no, m) in &flags {
        eprintln!("  line {line} column {no}: {m}");
    }
    (reproduced, flags)
}

fn lines(flags: &[Flag], no: u8) -> Vec<usize> {
    flags.iter().filter(|f| f.1 == no).map(|f| f.0).collect()
}

fn sorted(mut v: Vec<usize>) -> Vec<usize> {
    v.sort_unstable();
    v
}

/// A flag that is about a value on one side only: the table left a cell empty or `-` where its
/// columns give a value, or printed a value where they give none.
fn one_sided(m: &str) -> bool {
    m.contains("tertulis (kosong)")
        || m.contains("tertulis -,")
        || m.contains("hasil hitung tidak ada")
}

/// The flagged cells of column `no` are the ones ANALYSIS.md lists, plus `extra`, each of
/// which is one-sided.
fn compare(stem: &str, flags: &[Flag], no: u8, analysis: &[usize], extra: &[usize]) {
    let mut want: Vec<usize> = analysis.iter().chain(extra).copied().collect();
    want.sort_unstable();
    assert_eq!(sorted(lines(flags, no)), want, "{stem} column {no}");
    for f in flags.iter().filter(|f| f.1 == no && extra.contains(&f.0)) {
        assert!(one_sided(&f.2), "{stem} line {} column {no}: {}", f.0, f.2);
    }
}

#[test]
fn seed_001_is_reproduced_or_flagged() {
    let seed = seed_001();
    let (n, flags) = reproduce(&seed);
    assert_eq!(seed.baris.len(), 77);
    let s = seed.stem;
    // ANALYSIS.md §3.1, column 8: the 9 mismatches (SAKIP, Adm Keuangan, Adm Kepegawaian,
    // Sosialisasi, Adm Umum, Mutasi & Promosi, JF, SKP, Sertifikat); the other computable rows
    // agree once the seed's cutting off to an integer is allowed.
    compare(s, &flags, 8, &[5, 8, 11, 12, 13, 51, 61, 63, 77], &[]);
    // Column 10: the 9 count rows (Gaji, Pemeliharaan Peralatan, Promosi, Diklat, JF, Karir,
    // Disiplin, LATSAR, Perceraian) and SAKIP, whose 71,51 is "the actual 2024 value", none
    // of 5, 7, 9. Besides: two rows that print nothing where 5, 7, 9 give a value.
    compare(
        s,
        &flags,
        10,
        &[5, 9, 29, 54, 58, 61, 62, 73, 74, 80],
        &[59, 78],
    );
    // Column 11: the 11 %/index rows that copy column 10, and the 10 others (SAKIP, Gaji,
    // Arsip, Evaluasi Pemberhentian, Pendidikan Lanjutan, Diklat, Tanda Jasa, PKN, Disiplin,
    // LATSAR). Besides: four cells left empty or `-` where 10/4 exists, and 99,98 printed
    // without a column 4.
    compare(
        s,
        &flags,
        11,
        &[
            4, 11, 13, 32, 33, 34, 35, 36, 38, 39, 51, 5, 9, 20, 44, 58, 60, 72, 73, 79, 80,
        ],
        &[37, 56, 63, 71, 76],
    );
    assert_eq!(n, 41, "rows reproduced");
    assert_eq!(flags.len(), 47);
    // What the derivation says about the documents: one problem lists the 8 indicators one
    // of the years lacks (the sub kegiatan new in 2024, the rows without a 2024 target);
    // each row whose satuan the two years print differently (`5 Dok` in the Renstra, `160 SK`
    // realised) is named.
    let (_, _, problems) = derived(&seed);
    let count = |code: &str| problems.iter().filter(|p| p.code == code).count();
    assert_eq!(count("indikator_tidak_lengkap"), 1);
    let kurang = problems
        .iter()
        .find(|p| p.code == "indikator_tidak_lengkap")
        .map(|p| p.message.as_str())
        .unwrap_or_default();
    assert!(
        kurang.starts_with("8 indikator tidak ada pada semua tahun"),
        "{kurang}"
    );
    assert!(kurang.contains("'Pelayanan Proses Izin Perceraian Pegawai — Jumlah Dokumen Pelayanan Proses Perceraian Pegawai' (tidak ada pada 2023)"));
    assert!(kurang.contains("'Jumlah pegawai yang dapat difasilitasi untuk mendapatkan Bimbingan Teknis (BIMTEK)' (tidak ada pada 2024)"));
    assert!(problems.iter().any(|p| p.code == "satuan_berbeda_antartahun"
        && p.message.contains("'Jumlah SK Pensiun yang diterbitkan Tepat Waktu' berbeda antartahun: 2023 'SK', 2024 'Dok'")));
    eprintln!(
        "{}: derivation problems: {} satuan_berbeda_antartahun, {} tanpa_target, {} indikator_tidak_lengkap",
        seed.stem,
        count("satuan_berbeda_antartahun"),
        count("tanpa_target"),
        count("indikator_tidak_lengkap")
    );
}

#[test]
fn seed_002_is_reproduced_or_flagged() {
    let seed = seed_002();
    let (n, flags) = reproduce(&seed);
    assert_eq!(seed.baris.len(), 63);
    let s = seed.stem;
    // ANALYSIS.md §3 Tabel 2.3, column 8 (100% everywhere): the 3 contradictions (174/146,
    // 324/231, 53/532) and the rows printing 100% without inputs (ANALYSIS counts 7; the
    // table has 6, one on the bidang urusan row 5.04, which has no indicator). Besides: the
    // Indeks Sistem Merit row prints nothing where 265/265 = 100.
    compare(s, &flags, 8, &[7, 28, 37, 26, 33, 48, 52, 63], &[3]);
    // Column 11: the 7 rows printing 50% with no column 10, the 6 not reproducible (three 50%
    // where 10/4 = 100%, 205.5 %, 87.38% twice), the grade printed as the capaian. Besides:
    // four rows print nothing where 10/4 = 50.
    compare(
        s,
        &flags,
        11,
        &[5, 6, 15, 16, 17, 64, 66, 43, 44, 45, 28, 29, 30, 31],
        &[27, 32, 33, 36],
    );
    // "23 rows = col10 / col4 × 100": the column 11 values not flagged.
    let table: Vec<_> = seed.baris.iter().map(baca_baris).collect();
    let agreeing_11 = table
        .iter()
        .zip(&seed.baris_csv)
        .filter(|((_, t), line)| {
            matches!(t.tingkat_capaian, CellValue::Number { .. })
                && !lines(&flags, 11).contains(line)
        })
        .count();
    assert_eq!(agreeing_11, 23);
    // Column 10 holds the realisation s.d. TW II 2024: `10 = 5+7+9` is never what it prints.
    let agreeing_10 = table
        .iter()
        .zip(&seed.baris_csv)
        .filter(|((_, t), line)| {
            matches!(t.sd_n1, CellValue::Number { .. }) && !lines(&flags, 10).contains(line)
        })
        .count();
    assert_eq!(agreeing_10, 0);
    assert_eq!(n, 0, "rows reproduced");
}

fn meta() -> RenjaMeta {
    RenjaMeta {
        pd: "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia".into(),
        kabupaten: "Kabupaten Paser".into(),
        tahun: 2025,
        kepala_nama: "Dr. H. Contoh Kepala, M.Si".into(),
        kepala_nip: "196501101986022004".into(),
        kepala_pangkat: Some("Pembina Utama Muda".into()),
        tempat: "Tana Paser".into(),
        tanggal: Some("8 Juli 2024".into()),
        paper: Paper::F4,
    }
}

fn exported(t: &Tc29, h: &[HitungBaris]) -> Vec<u8> {
    export_tc29(t, h, &meta()).expect("export")
}

/// The seeds' derived tables, and a table of every kind of row the formulas must handle: a
/// maximum, a mean, a latest level with a blank last year, both lower-is-better formulas, a
/// cap at 100, target 0, grades, text.
fn tables() -> Vec<(&'static str, Tc29)> {
    let mut out: Vec<(&'static str, Tc29)> = vec![
        ("tc29_001", derived(&seed_001()).0),
        ("tc29_002", derived(&seed_002()).0),
    ];
    let d = |s: &str| Some(KValue::Number(s.parse().expect("decimal")));
    let g = |grade| Some(KValue::Grade { grade, score: None });
    let base = |agg: Aggregation, pol: Polarity, cap: bool, v: [Option<KValue>; 5]| {
        let [renstra, sd_n3, target_n2, realisasi_n2, target_n1] = v;
        BarisTc29 {
            level: Level::SubKegiatan,
            kode: Some("5.03.02.2.01.01".into()),
            kode_berkas: None,
            nama: format!("Sub kegiatan {agg:?} {pol:?}"),
            indikator: "=Indikator yang tampak seperti rumus".into(),
            satuan: Some("Dok".into()),
            makna: IndicatorSemantics {
                value_type: ValueType::Count,
                aggregation: agg,
                polarity: pol,
                cap_100: cap,
            },
            renstra,
            sd_n3,
            target_n2,
            realisasi_n2,
            target_n1,
            catatan: "catatan sendiri".into(),
        }
    };
    use Aggregation::*;
    use Polarity::*;
    let mut program = base(
        Last,
        HigherIsBetter,
        false,
        [d("80"), d("70"), d("72"), d("99.53"), None],
    );
    program.level = Level::Program;
    program.nama = "PROGRAM UJI".into();
    let mut extra = base(
        Sum,
        HigherIsBetter,
        false,
        [d("0"), None, d("0"), d("3"), d("2")],
    );
    extra.level = Level::Indikator;
    extra.nama.clear();
    let rows = vec![
        program,
        extra,
        base(
            Max,
            HigherIsBetter,
            false,
            [d("10"), d("4"), d("5"), d("3"), d("2")],
        ),
        base(
            Average,
            HigherIsBetter,
            false,
            [d("10"), d("4.5"), d("5"), d("3"), None],
        ),
        base(
            YearEnd,
            HigherIsBetter,
            false,
            [d("10"), None, d("5"), d("6"), None],
        ),
        base(
            Sum,
            LowerIsBetterRatio,
            false,
            [d("5"), d("1"), d("8"), d("10"), d("6")],
        ),
        base(
            Last,
            LowerIsBetterMirror,
            false,
            [d("5"), d("7"), d("8"), d("10"), d("6")],
        ),
        base(
            Sum,
            HigherIsBetter,
            true,
            [d("21"), d("5"), d("5"), d("7"), d("15")],
        ),
        base(
            Last,
            HigherIsBetter,
            false,
            [
                g(Grade::A),
                g(Grade::BB),
                g(Grade::A),
                g(Grade::BB),
                g(Grade::A),
            ],
        ),
        base(
            Last,
            HigherIsBetter,
            false,
            [
                d("100"),
                Some(KValue::Text("471 orang/ 5 Lap".into())),
                d("2"),
                d("2"),
                None,
            ],
        ),
        base(Sum, HigherIsBetter, false, [None, None, None, None, None]),
    ];
    out.push((
        "tc29_jenis",
        Tc29 {
            tahun: 2025,
            pd: None,
            wilayah: None,
            baris: rows,
        },
    ));
    out
}

/// A cell read back as a K value (numbers, or the text a grade or text was written as).
fn k_at(range: &calamine::Range<Data>, r: u32, c: u32) -> Option<KValue> {
    match range.get_value((r, c)) {
        Some(Data::String(s)) if !s.is_empty() => parse_cell(s).0.value.k_dan_satuan().0,
        _ => value_at(range, r, c).map(KValue::Number),
    }
}

fn text_at(range: &calamine::Range<Data>, r: u32, c: u32) -> String {
    match range.get_value((r, c)) {
        Some(Data::String(s)) => s.clone(),
        Some(Data::Empty) | None => String::new(),
        Some(other) => panic!("({r},{c}) is {other:?}"),
    }
}

fn close(a: Option<Decimal>, b: Option<Decimal>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => round_half_up(a, 9) == round_half_up(b, 9),
        _ => false,
    }
}

/// First data row (0-based) and the sheet's columns of the form's columns 4–11.
const R_DATA: u32 = 8;

#[test]
fn the_export_reads_back_as_the_model_with_live_formulas() {
    for (stem, t) in tables() {
        let (h, _) = hitung(&t);
        let bytes = exported(&t, &h);
        let range = sheet_range(&bytes);
        let formulas: BTreeMap<(u32, u32), String> = formula_cells(&bytes)
            .into_iter()
            .map(|(r, c, f)| ((r, c), f))
            .collect();
        // Title, header and numbering.
        assert_eq!(text_at(&range, 0, 0), "TABEL T-C.29");
        assert!(text_at(&range, 1, 0).ends_with("S.D. TAHUN 2024"), "{stem}");
        assert_eq!(
            text_at(&range, 2, 0),
            "BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA"
        );
        assert!(text_at(&range, 5, 5).ends_with("s.d. Tahun 2022"));
        assert_eq!(
            text_at(&range, 6, 6),
            "Target Renja Perangkat Daerah Tahun 2023"
        );
        assert_eq!(text_at(&range, 6, 8), "Tingkat Realisasi (%)");
        assert!(text_at(&range, 5, 9).contains("Tahun 2024"));
        let numbering: Vec<String> = (0..13).map(|c| text_at(&range, 7, c)).collect();
        assert_eq!(
            numbering,
            [
                "1",
                "2",
                "3",
                "",
                "4",
                "5",
                "6",
                "7",
                "8=(7/6)",
                "9",
                "10=(5+7+9)",
                "11=(10/4)",
                "12"
            ]
        );
        let mut live = 0;
        for (i, (b, c)) in t.baris.iter().zip(&h).enumerate() {
            let r = R_DATA + i as u32;
            let at = format!("{stem} row {}", r + 1);
            let node = b.level != Level::Indikator;
            assert_eq!(
                text_at(&range, r, 0),
                if node {
                    b.kode_tampil().unwrap_or("")
                } else {
                    ""
                },
                "{at}"
            );
            assert_eq!(
                text_at(&range, r, 1),
                if node { b.nama.as_str() } else { "" },
                "{at}"
            );
            assert_eq!(text_at(&range, r, 2), b.indikator, "{at}");
            assert_eq!(
                text_at(&range, r, 3),
                b.satuan.clone().unwrap_or_default(),
                "{at}"
            );
            for (col, v) in [
                (4, &b.renstra),
                (5, &b.sd_n3),
                (6, &b.target_n2),
                (7, &b.realisasi_n2),
                (9, &b.target_n1),
            ] {
                assert_eq!(&k_at(&range, r, col), v, "{at} column {col}");
                assert!(
                    !formulas.contains_key(&(r, col)),
                    "{at}: an input is a value"
                );
            }
            // The computed columns: Capaian's values, cached.
            assert!(
                close(value_at(&range, r, 8), c.tingkat_realisasi),
                "{at} column 8"
            );
            match (&c.sd_n1, k_at(&range, r, 10)) {
                (Some(KValue::Number(a)), Some(KValue::Number(b))) => {
                    assert!(close(Some(*a), Some(b)), "{at} column 10")
                }
                (a, b) => assert_eq!(a, &b, "{at} column 10"),
            }
            assert!(
                close(value_at(&range, r, 11), c.tingkat_capaian),
                "{at} column 11"
            );
            assert!(text_at(&range, r, 12).starts_with(c.aturan.teks()), "{at}");
            // Live formulas where the inputs are numbers.
            let num = |v: &Option<KValue>| matches!(v, None | Some(KValue::Number(_)));
            let row = r + 1;
            if num(&b.target_n2) && num(&b.realisasi_n2) {
                let f = &formulas[&(r, 8)];
                assert!(
                    f.contains(&format!("H{row}")) && f.contains(&format!("G{row}")),
                    "{at}: {f}"
                );
                live += 1;
            }
            if num(&b.sd_n3) && num(&b.realisasi_n2) && num(&b.target_n1) {
                let f = &formulas[&(r, 10)];
                let cells = format!("F{row},H{row},J{row}");
                let want = match c.aturan {
                    Aturan10::Jumlah => format!("IF(COUNT({cells})=0,\"\",SUM({cells}))"),
                    Aturan10::Tertinggi => format!("IF(COUNT({cells})=0,\"\",MAX({cells}))"),
                    Aturan10::RataRata => format!("IF(COUNT({cells})=0,\"\",AVERAGE({cells}))"),
                    Aturan10::Terakhir => format!(
                        "IF(J{row}<>\"\",J{row},IF(H{row}<>\"\",H{row},IF(F{row}<>\"\",F{row},\"\")))"
                    ),
                };
                assert_eq!(f, &want, "{at}");
                live += 1;
            }
            // Column 11 over column 10, whether that is a formula or a number written.
            if num(&b.renstra) && num(&c.sd_n1) {
                let f = &formulas[&(r, 11)];
                assert!(
                    f.contains(&format!("K{row}")) && f.contains(&format!("E{row}")),
                    "{at}: {f}"
                );
                live += 1;
            }
        }
        assert_eq!(live, formulas.len(), "{stem}: formula cells");
        eprintln!("{stem}: {} rows, {live} live formula cells", t.baris.len());
        assert!(live > 0);
    }
}

#[test]
fn a_computation_of_another_table_is_refused() {
    let (t, h, _) = derived(&seed_001());
    let err = export_tc29(&t, &h[1..], &meta()).expect_err("76 computed rows for 77");
    assert_eq!(
        err.to_string(),
        "hasil hitung tidak cocok dengan dokumen: 76 baris hasil hitung untuk 77 baris dokumen; hitung ulang sebelum mengekspor"
    );
}

#[test]
fn libreoffice_recalculates_every_formula_to_our_values() {
    for (stem, t) in tables() {
        let (h, _) = hitung(&t);
        let bytes = exported(&t, &h);
        let n = recalculated_agree(stem, &bytes, |_, a, b| close(a, b));
        eprintln!("{stem}: {n} formula cells agree with LibreOffice (as written and stripped)");
        assert!(n >= 25, "{stem}: {n}");
    }
}

#[test]
fn prints_one_page_wide_with_the_header_on_every_page() {
    let (t, _, _) = derived(&seed_001());
    let (h, _) = hitung(&t);
    let bytes = exported(&t, &h);
    let workbook = zip_entries(&bytes)
        .into_iter()
        .find(|(n, _)| n == "xl/workbook.xml")
        .map(|(_, d)| String::from_utf8(d).expect("utf8"))
        .expect("workbook.xml");
    assert!(
        workbook.contains("_xlnm.Print_Titles") && workbook.contains("$6:$8"),
        "{workbook}"
    );
    let sheet = sheet_xml(&bytes);
    assert!(sheet.contains("orientation=\"landscape\""), "landscape");
    assert!(sheet.contains("paperSize=\"14\""), "F4");
    assert!(sheet.contains("fitToHeight=\"0\""), "one page wide");

    let printed = printed(&bytes, "tc29_001");
    let (pages, size) = (printed.pages, printed.size);
    // F4 landscape: wider than high.
    assert!(size.0 > size.1, "{size:?}");
    let texts: Vec<&str> = printed.texts.iter().map(String::as_str).collect();
    assert_eq!(texts.len(), pages);
    assert!((2..=12).contains(&pages), "{pages} pages");
    for (i, page) in texts.iter().enumerate() {
        // The header, its leftmost and rightmost columns (the page is one sheet wide) and the
        // numbering row with the formulas, on every page.
        for want in [
            "Kode",
            "Tingkat Realisasi",
            "Catatan",
            "8=(7/6)",
            "10=(5+7+9)",
            "11=(10/4)",
        ] {
            assert!(page.contains(want), "page {}: no '{want}'\n{page}", i + 1);
        }
        assert!(
            page.contains(&format!("Halaman {} dari {pages}", i + 1)),
            "page {}",
            i + 1
        );
    }
    assert!(texts[0].contains("REKAPITULASI EVALUASI HASIL PELAKSANAAN RENJA"));
    // Indonesian separators come from the reader's locale; either way the figure is there.
    assert!(texts
        .iter()
        .any(|p| p.contains("71,43") || p.contains("71.43")));
    let last = texts[pages - 1];
    assert!(last.contains("NIP. 19650110 198602 2 004"), "{last}");
    eprintln!("seed 001 T-C.29 PDF: {pages} pages, F4 landscape, one page wide");
}
