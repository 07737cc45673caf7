//! The Renstra's table of tujuan, sasaran and indikator kinerja utama (`tests/fixtures/kinerja/`,
//! made from seeds 000 and 004 and one variant by `examples/gen_kinerja_fixtures.rs`) against
//! the hand-written `*.expected.json`: sheet, year, PD, the target years, every row (sheet row,
//! level, No, name, indicator, unit, target for 2025, renstra, prev) and every problem
//! (severity, code, sheet, cell). Also: the LibreOffice copy reads as its original; another
//! year gives no target and one Info naming the years the table has; the semantics follow the
//! unit and values; every other form's fixture (E.81, PK, Renja, SIPD, laporan, rencana aksi)
//! is refused with `ReadError::KinerjaNotFound`, and `read_pk` refuses these fixtures; 300
//! byte- and XML-level mutants of the fixtures never panic in our code.

#[path = "common/csv.rs"]
mod csv;
#[path = "common/files.rs"]
mod files;
#[path = "common/mutate.rs"]
mod mutate;

use std::path::{Path, PathBuf};

use capaian_domain::model::{baris_kinerja, KValue, Level, Severity, ValueType};
use capaian_xlsx::{read_kinerja, read_pk, KinerjaReading, Limits, ReadError, FORMULIR_KINERJA};
use serde_json::{json, Value};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures")
}

fn bytes(rel: &str) -> Vec<u8> {
    std::fs::read(fixtures().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn read(rel: &str, tahun: Option<i32>) -> KinerjaReading {
    read_kinerja(&bytes(rel), &Limits::default(), tahun).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// A K value as the expected JSON writes it: a number as its decimal text, a grade as
/// `grade:BB:70`, text as `text:…`.
fn k(v: &Option<KValue>) -> Value {
    match v {
        None => Value::Null,
        Some(KValue::Number(d)) => json!(d.normalize().to_string()),
        Some(KValue::Grade { grade, score }) => json!(format!(
            "grade:{grade:?}:{}",
            score.map(|s| s.normalize().to_string()).unwrap_or_default()
        )),
        Some(KValue::Text(t)) => json!(format!("text:{t}")),
    }
}

fn rows_of(r: &KinerjaReading) -> Vec<Value> {
    r.document
        .rows
        .iter()
        .map(|row| {
            json!([
                row.sheet_row,
                row.level.key(),
                row.kode_raw,
                row.name,
                row.indicator,
                row.unit,
                k(&row.target.k),
                k(&row.renstra.k),
                k(&row.prev.k)
            ])
        })
        .collect()
}

fn problems_of(r: &KinerjaReading) -> Vec<Value> {
    r.problems
        .iter()
        .map(|p| {
            json!([
                serde_json::to_value(p.severity).unwrap_or_default(),
                p.code,
                p.at.sheet,
                p.at.cell
            ])
        })
        .collect()
}

fn check(name: &str) -> KinerjaReading {
    let want: Value = serde_json::from_slice(&bytes(&format!("kinerja/{name}.expected.json")))
        .unwrap_or_else(|e| panic!("{name}.expected.json: {e}"));
    let tahun = want["tahun"].as_i64().and_then(|t| i32::try_from(t).ok());
    let reading = read(&format!("kinerja/{name}.xlsx"), tahun);
    let doc = &reading.document;
    assert_eq!(doc.form, FORMULIR_KINERJA, "{name} form");
    assert_eq!(
        doc.sheet,
        want["sheet"].as_str().unwrap_or_default(),
        "{name} sheet"
    );
    assert_eq!(
        doc.year.map(i64::from),
        want["year"].as_i64(),
        "{name} year"
    );
    assert_eq!(json!(doc.pd), want["pd"], "{name} pd");
    assert_eq!(
        json!(reading.tahun_kolom),
        want["tahun_kolom"],
        "{name} tahun"
    );
    let got = rows_of(&reading);
    let rows = want["rows"].as_array().cloned().unwrap_or_default();
    for (i, (g, w)) in got.iter().zip(&rows).enumerate() {
        assert_eq!(g, w, "{name} row {i}");
    }
    assert_eq!(got.len(), rows.len(), "{name} row count: {got:#?}");
    assert_eq!(
        Value::Array(problems_of(&reading)),
        want["problems"],
        "{name} problems: {:#?}",
        reading.problems
    );
    // Every row is of the performance tree, and every indicator row has a node above it.
    assert!(baris_kinerja(&doc.rows).iter().all(|&k| k), "{name}");
    assert!(
        doc.rows.first().is_some_and(|r| r.level.kinerja()),
        "{name}"
    );
    // Every problem is located at a sheet, and its message is Indonesian text.
    for p in &reading.problems {
        assert!(p.at.sheet.is_some() && !p.message.is_empty(), "{p:?}");
    }
    reading
}

#[test]
fn seed_000_tabel_2_4() {
    let r = check("kinerja_000_tabel_2_4");
    // The abbreviated year says which column it settled on.
    let disingkat = r
        .problems
        .iter()
        .find(|p| p.code == "tahun_disingkat")
        .map(|p| p.message.clone())
        .unwrap_or_default();
    assert!(disingkat.contains("2030"), "{disingkat}");
}

/// Seed 000's Tabel 2.2 as printed (its labels one row off against Tabel 2.4, a sasaran's name
/// broken over two rows, the RPJMD's sasaran in the first column): read as it stands — the
/// Rekonsiliasi, not the reader, says where it disagrees with the plan.
#[test]
fn seed_000_tabel_2_2() {
    check("kinerja_000_tabel_2_2");
}

#[test]
fn seed_004_tabel_2_2_1_and_2_3_1() {
    let r = check("kinerja_004");
    // One tujuan over three sasaran, each with its IKU.
    assert_eq!(
        r.document
            .rows
            .iter()
            .filter(|x| x.level == Level::Sasaran)
            .count(),
        3
    );
}

#[test]
fn varian_dinkes() {
    let r = check("kinerja_varian_dinkes");
    let by_indicator = |t: &str| {
        r.document
            .rows
            .iter()
            .find(|x| x.indicator == t)
            .map(|x| x.semantics.value_type)
    };
    // Semantics by `default_semantics`: `%` a percentage, a grade a grade.
    assert_eq!(
        by_indicator("Persentase puskesmas terakreditasi paripurna"),
        Some(ValueType::Percent)
    );
    assert_eq!(
        by_indicator("Nilai SAKIP Dinas Kesehatan"),
        Some(ValueType::Grade)
    );
}

#[test]
fn libreoffice_copy_reads_the_same() {
    let a = read("kinerja/kinerja_000_tabel_2_4.xlsx", Some(2025));
    let b = read("kinerja/kinerja_000_tabel_2_4_libreoffice.xlsx", Some(2025));
    assert_eq!(a.document, b.document);
    assert_eq!(a.problems, b.problems);
    assert_eq!(a.tahun_kolom, b.tahun_kolom);
}

#[test]
fn other_years() {
    // A year the table lacks: no target, one Info naming the years it has; the baseline is
    // not last year's, so no prev; the end of the period is the same.
    let r = read("kinerja/kinerja_000_tabel_2_4.xlsx", Some(2031));
    assert!(r.document.rows.iter().all(|x| x.target.k.is_none()));
    assert!(r.document.rows.iter().all(|x| x.prev.k.is_none()));
    assert_eq!(k(&r.document.rows[0].renstra.k), json!("75"));
    let infos: Vec<_> = r
        .problems
        .iter()
        .filter(|p| p.code == "tahun_tidak_ada")
        .collect();
    assert_eq!(infos.len(), 1, "{:#?}", r.problems);
    assert_eq!(infos[0].severity, Severity::Info);
    assert!(
        infos[0]
            .message
            .contains("2025, 2026, 2027, 2028, 2029, 2030"),
        "{}",
        infos[0].message
    );
    assert_eq!(infos[0].at.cell.as_deref(), Some("G3"));
    // 2027: its column, and no prev (the baseline is 2024's).
    let r = read("kinerja/kinerja_000_tabel_2_4.xlsx", Some(2027));
    let t: Vec<Value> = r.document.rows.iter().map(|x| k(&x.target.k)).collect();
    assert_eq!(
        t,
        vec![json!("72"), json!("36"), json!("86"), json!("97.5")]
    );
    assert!(r.document.rows.iter().all(|x| x.prev.k.is_none()));
    // No year asked and a title stating a period (no single year): no target, no guess.
    let r = read("kinerja/kinerja_000_tabel_2_4.xlsx", None);
    assert_eq!(r.document.year, None);
    assert!(r.document.rows.iter().all(|x| x.target.k.is_none()));
    assert!(r.problems.iter().all(|p| p.code != "tahun_tidak_ada"));
}

#[test]
fn other_forms_are_refused() {
    let files = files::workbooks_in(&["xlsx", "pk", "renja", "sipd", "laporan", "rencana_aksi"]);
    assert!(files.iter().any(|f| f.starts_with("renja/")));
    for f in &files {
        match read_kinerja(&bytes(f), &Limits::default(), Some(2025)) {
            Err(ReadError::KinerjaNotFound { sheets_seen, .. }) => {
                assert!(!sheets_seen.is_empty(), "{f}")
            }
            Err(e) => panic!("{f}: another error: {e}"),
            Ok(r) => panic!("{f}: read as a Renstra table: {:#?}", r.document.rows),
        }
    }
}

#[test]
fn pk_reader_refuses_these_tables() {
    for name in [
        "kinerja_000_tabel_2_4",
        "kinerja_000_tabel_2_4_libreoffice",
        "kinerja_004",
        "kinerja_varian_dinkes",
    ] {
        let b = bytes(&format!("kinerja/{name}.xlsx"));
        assert!(
            matches!(
                read_pk(&b, &Limits::default()),
                Err(ReadError::PkNotFound { .. })
            ),
            "{name}"
        );
    }
}

#[test]
fn refusal_message_is_indonesian() {
    let Err(e) = read_kinerja(&bytes("xlsx/e81_101.xlsx"), &Limits::default(), Some(2025)) else {
        panic!("E.81 read as a Renstra table");
    };
    let m = e.to_string();
    assert!(m.contains("Tidak ditemukan tabel tujuan, sasaran"), "{m}");
    assert!(m.contains("Sheet yang diperiksa"), "{m}");
}

/// A one-sheet workbook: `rows` from A1, each cell a string (empty: no cell).
fn workbook(rows: &[&[&str]]) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            if !v.is_empty() {
                let (Ok(r), Ok(c)) = (u32::try_from(r), u16::try_from(c)) else {
                    panic!("too large");
                };
                ws.write_string(r, c, *v).expect("cell");
            }
        }
    }
    wb.save_to_buffer().expect("workbook")
}

#[test]
fn indikator_tujuan_and_orphans() {
    // The indicator column names the tujuan: on a row with a tujuan and a sasaran, the tujuan
    // keeps it. An indicator before any tujuan or sasaran is a located warning, left out.
    // Without a Satuan column, `85%` gives the unit.
    let b = workbook(&[
        &[
            "Tujuan",
            "Sasaran",
            "Indikator Tujuan",
            "Target 2025",
            "Target 2026",
            "Target 2027",
        ],
        &["", "", "Indeks yatim", "1", "2", "3"],
        &[
            "Meningkatnya A",
            "Meningkatnya B",
            "Indeks A",
            "85%",
            "86%",
            "87%",
        ],
    ]);
    let r = read_kinerja(&b, &Limits::default(), Some(2025)).expect("read");
    let rows = rows_of(&r);
    assert_eq!(
        rows,
        vec![
            json!([
                3,
                "tujuan",
                null,
                "Meningkatnya A",
                "Indeks A",
                "%",
                "85",
                "87",
                null
            ]),
            json!([
                3,
                "sasaran",
                null,
                "Meningkatnya B",
                "",
                null,
                null,
                null,
                null
            ]),
        ]
    );
    assert_eq!(
        problems_of(&r),
        vec![json!(["warning", "indikator_tanpa_induk", "Sheet1", "C2"])]
    );
}

#[test]
fn iku_without_tujuan_column() {
    // Sasaran + IKU + baseline + years: a Renstra's IKU table even without a tujuan column.
    let b = workbook(&[
        &[
            "Sasaran Strategis",
            "Indikator Kinerja Utama",
            "Satuan",
            "Baseline 2024",
            "Target 2025",
            "Target 2026",
            "Target 2027",
        ],
        &[
            "Meningkatnya B",
            "Persentase B",
            "persen",
            "70,5",
            "72",
            "74",
            "76",
        ],
    ]);
    let r = read_kinerja(&b, &Limits::default(), Some(2025)).expect("read");
    assert_eq!(
        rows_of(&r),
        vec![json!([
            2,
            "sasaran",
            null,
            "Meningkatnya B",
            "Persentase B",
            "persen",
            "72",
            "76",
            "70.5"
        ])]
    );
    assert!(r.problems.is_empty(), "{:#?}", r.problems);
}

#[test]
fn look_alikes_are_refused() {
    // A PK's lampiran kinerja: sasaran, indikator, the year and n+1: no tujuan, no baseline.
    let pk = workbook(&[
        &[
            "No",
            "Sasaran",
            "Indikator Kinerja",
            "Target 2025",
            "Target 2026",
        ],
        &["1", "Meningkatnya B", "Persentase B", "85%", "86%"],
    ]);
    // A tujuan table with realisasi columns (an evaluation, not the Renstra's targets).
    let evaluasi = workbook(&[
        &[
            "Tujuan",
            "Sasaran",
            "Indikator",
            "Target 2025",
            "Realisasi 2025",
        ],
        &[
            "Meningkatnya A",
            "Meningkatnya B",
            "Persentase B",
            "85%",
            "80%",
        ],
    ]);
    for (name, b) in [("pk", pk), ("evaluasi", evaluasi)] {
        match read_kinerja(&b, &Limits::default(), Some(2025)) {
            Err(ReadError::KinerjaNotFound { alasan, .. }) => {
                if name == "evaluasi" {
                    assert!(alasan.iter().any(|a| a.contains("Realisasi")), "{alasan:?}");
                }
            }
            other => panic!("{name}: {other:?}"),
        }
    }
}

#[test]
fn mutated_workbooks_never_panic() {
    let names = [
        "kinerja/kinerja_000_tabel_2_4.xlsx",
        "kinerja/kinerja_000_tabel_2_4_libreoffice.xlsx",
        "kinerja/kinerja_004.xlsx",
        "kinerja/kinerja_varian_dinkes.xlsx",
    ];
    let files: Vec<Vec<u8>> = names.iter().map(|n| bytes(n)).collect();
    let (read_ok, refused, panics) = mutate::mutants_read(&files, 0x5e57_2026_0060, 300, |b| {
        read_kinerja(b, &Limits::default(), Some(2025)).is_ok()
    });
    assert!(panics.is_empty(), "{panics:#?}");
    // The mutants reached the reader: some still read, some were refused.
    assert!(
        read_ok >= 30 && refused >= 30,
        "{read_ok} read, {refused} refused"
    );
}

#[test]
fn seed_001_tabel_3_1_3_indicator_lists() {
    // Seed 001's Tabel 3.1.3 (ANALYSIS.md 2k: `No | Tujuan | Sasaran | Indikator | Kegiatan`,
    // the No column empty, the indicator cell mixing indicators and targets as free text).
    // Row 2: one indicator (its `Sekretariat- an` is a word broken by the PDF, not a list);
    // row 3: three indicators each after `- `, one row each, a warning at D3. The Kegiatan
    // column is read past; no target columns: one Info at the header.
    let text = std::fs::read_to_string(
        fixtures().join("seeds/001/Tabel_3.1.3_tujuan_sasaran_renja_2025.csv"),
    )
    .expect("seed CSV");
    let table = csv::parse_csv(&text);
    let rows: Vec<Vec<&str>> = table
        .iter()
        .map(|r| r.iter().map(String::as_str).collect())
        .collect();
    let refs: Vec<&[&str]> = rows.iter().map(Vec::as_slice).collect();
    let r = read_kinerja(&workbook(&refs), &Limits::default(), Some(2025)).expect("read");
    let got: Vec<Value> = rows_of(&r)
        .into_iter()
        .map(|v| json!([v[0], v[1], v[3], v[4]]))
        .collect();
    assert_eq!(
        got,
        vec![
            json!([2, "tujuan", "Meningkatnya Tata Kelola Organisasi Perangkat Daerah", ""]),
            json!([2, "sasaran", "Meningkatnya Akuntabilitas Kinerja Perangkat Daerah", "Nilai SAKIP oleh APIP (B 75) Program Penunjang Urusan Pemerintah Daerah Lainnya (Indikator Indeks Kepuasan Pelayanan Sekretariat- an Target (B 80)"]),
            json!([3, "tujuan", "Mewujudkan Pengembangan Kapasitas SDM yang Profesional, Inovatif dan Berintegrasi", ""]),
            json!([3, "sasaran", "Meningkatnya Kualitas Tata Kelola Manajemen ASN", "Persentase terpenuhin ya aspek penilaian Mandiri Penerapan Sistem Merit 300 Nilai"]),
            json!([3, "indikator", "", "Persentase Pejabat ASN yang mengikuti pendidikan dan Pelatihan Formal 95%"]),
            json!([3, "indikator", "", "Persentase Pejabat ASN yang mengikuti Pendidikan dan Pelatihan Struktural 98%"]),
        ]
    );
    assert_eq!(
        problems_of(&r),
        vec![
            json!(["info", "tahun_tidak_ada", "Sheet1", "A1"]),
            json!(["warning", "indikator_dipisah", "Sheet1", "D3"]),
        ]
    );
}

#[test]
fn two_tables_on_one_sheet_and_a_repeated_header() {
    // Seed 004's two tables one under the other: the second (more columns) is read, its rows
    // only; the first is one Info. Its header repeated at a page break continues it.
    let b = workbook(&[
        &["NO", "TUJUAN", "SASARAN"],
        &["1", "Meningkatnya A", "Meningkatnya B"],
        &[],
        &[
            "NO",
            "TUJUAN",
            "SASARAN STRATEGIS",
            "INDIKATOR KINERJA UTAMA",
        ],
        &["1", "Meningkatnya A", "Meningkatnya B", "Indeks B"],
        &[
            "NO",
            "TUJUAN",
            "SASARAN STRATEGIS",
            "INDIKATOR KINERJA UTAMA",
        ],
        &["", "", "Meningkatnya C", "Indeks C"],
    ]);
    let r = read_kinerja(&b, &Limits::default(), None).expect("read");
    assert_eq!(
        rows_of(&r),
        vec![
            json!([
                5,
                "tujuan",
                "1",
                "Meningkatnya A",
                "",
                null,
                null,
                null,
                null
            ]),
            json!([
                5,
                "sasaran",
                null,
                "Meningkatnya B",
                "Indeks B",
                null,
                null,
                null,
                null
            ]),
            json!([
                7,
                "sasaran",
                null,
                "Meningkatnya C",
                "Indeks C",
                null,
                null,
                null,
                null
            ]),
        ]
    );
    assert_eq!(
        problems_of(&r),
        vec![json!(["info", "tabel_lain", "Sheet1", "A1"])]
    );
}
