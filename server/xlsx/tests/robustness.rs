//! Damaged, hostile and unusual workbooks: typed errors (never a panic), located problems.

mod common;

use std::io::{Cursor, Write};

use capaian_domain::model::{Field, KValue, Level, Severity};
use capaian_xlsx::{read_workbook, Limits, ReadError};
use common::{e81_header, sheet_xml, workbook, C};
use rust_decimal::Decimal;
use zip::write::SimpleFileOptions;

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

#[test]
fn not_a_zip() {
    let e =
        read_workbook(b"Ini bukan workbook, hanya teks biasa.", &Limits::default()).unwrap_err();
    assert!(matches!(e, ReadError::NotXlsx { .. }), "{e:?}");
    assert!(
        e.to_string()
            .starts_with("Berkas bukan workbook Excel (.xlsx)"),
        "{e}"
    );
    assert!(read_workbook(b"", &Limits::default()).is_err());
}

#[test]
fn truncated_zip_is_an_error_not_a_panic() {
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/xlsx/e81_101.xlsx"
    ))
    .unwrap();
    for cut in [10, 100, bytes.len() / 3, bytes.len() / 2, bytes.len() - 30] {
        let r = read_workbook(&bytes[..cut], &Limits::default());
        assert!(r.is_err(), "cut at {cut} read as a workbook");
    }
    // Corrupt bytes in the middle (compressed data) as well.
    let mut bad = bytes.clone();
    for b in bad.iter_mut().skip(2000).take(500) {
        *b ^= 0x5a;
    }
    let _ = read_workbook(&bad, &Limits::default()); // must not panic
}

#[test]
fn too_large_file() {
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/xlsx/e81_101.xlsx"
    ))
    .unwrap();
    let limits = Limits {
        max_file_bytes: 1000,
        ..Limits::default()
    };
    assert!(matches!(
        read_workbook(&bytes, &limits),
        Err(ReadError::TooLarge { .. })
    ));
}

fn bomb(uncompressed: usize) -> Vec<u8> {
    let mut buf = Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        let o = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        z.start_file("xl/workbook.xml", o).unwrap();
        z.write_all(b"<workbook/>").unwrap();
        z.start_file("xl/worksheets/sheet1.xml", o).unwrap();
        let chunk = vec![b' '; 1 << 20];
        let mut left = uncompressed;
        while left > 0 {
            let n = left.min(chunk.len());
            z.write_all(&chunk[..n]).unwrap();
            left -= n;
        }
        z.finish().unwrap();
    }
    buf.into_inner()
}

#[test]
fn zip_bomb_is_refused_before_inflating() {
    let b = bomb(64 << 20);
    assert!(b.len() < 1 << 20, "the bomb should be small: {}", b.len());
    let e = read_workbook(&b, &Limits::default()).unwrap_err();
    assert!(matches!(e, ReadError::CompressionRatio { .. }), "{e:?}");
    assert!(e.to_string().contains("bom zip"), "{e}");
    // Declared total above the limit.
    let limits = Limits {
        max_uncompressed_bytes: 8 << 20,
        max_ratio: u64::MAX,
        ..Limits::default()
    };
    let e = read_workbook(&bomb(16 << 20), &limits).unwrap_err();
    assert!(matches!(e, ReadError::UncompressedTooLarge { .. }), "{e:?}");
}

#[test]
fn malformed_sheet_xml_names_the_sheet() {
    // Broken (truncated) in the top rows.
    let broken = r#"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>No</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>x"#;
    let e = read_workbook(
        &workbook(&[("Rusak", broken.to_string())]),
        &Limits::default(),
    )
    .unwrap_err();
    assert!(
        matches!(&e, ReadError::MalformedSheet { sheet, .. } if sheet == "Rusak"),
        "{e:?}"
    );
    assert!(e.to_string().contains("Sheet 'Rusak'"), "{e}");

    // A good header, then broken XML among the data rows.
    let mut rows = e81_header(true);
    rows.push((
        9,
        vec![
            ("B", C::S("5.03.02")),
            ("C", C::S("PROGRAM KEPEGAWAIAN DAERAH")),
            ("D", C::S("Indeks")),
        ],
    ));
    let xml = sheet_xml(&rows).replace(
        "</sheetData>",
        r#"<row r="10"><c r="A10"><v>1</v></row></sheetData>"#,
    );
    let e = read_workbook(&workbook(&[("E.81", xml)]), &Limits::default()).unwrap_err();
    assert!(
        matches!(&e, ReadError::MalformedSheet { sheet, .. } if sheet == "E.81"),
        "{e:?}"
    );
}

#[test]
fn workbook_without_e81_sheet() {
    let data = sheet_xml(&[
        (1, vec![("A", C::S("Nama")), ("B", C::S("Jumlah"))]),
        (2, vec![("A", C::S("Kertas")), ("B", C::N(5.0))]),
    ]);
    let petunjuk = sheet_xml(&[(
        1,
        vec![(
            "A",
            C::S("Petunjuk: isi realisasi per triwulan pada sheet E.81"),
        )],
    )]);
    let e = read_workbook(
        &workbook(&[("Data", data), ("Petunjuk", petunjuk)]),
        &Limits::default(),
    )
    .unwrap_err();
    match &e {
        ReadError::FormNotFound { sheets_seen, form } => {
            assert_eq!(form, "E.81");
            assert_eq!(
                sheets_seen,
                &vec!["Data".to_string(), "Petunjuk".to_string()]
            );
        }
        other => panic!("{other:?}"),
    }
    let msg = e.to_string();
    assert!(
        msg.starts_with("Tidak ditemukan sheet Formulir E.81"),
        "{msg}"
    );
    assert!(msg.contains("'Data', 'Petunjuk'"), "{msg}");
}

fn small_e81(with_kode: bool) -> Vec<u8> {
    let mut rows = e81_header(with_kode);
    let k = |s| if with_kode { s } else { "" };
    let mut data: Vec<(u32, Vec<(&str, C<'_>)>)> = vec![
        (
            9,
            vec![
                ("B", C::S(k("5.03.02"))),
                ("C", C::S("PROGRAM KEPEGAWAIAN DAERAH")),
                ("D", C::S("Indeks Sistem Merit")),
                ("I", C::S("100 %")),
                ("J", C::N(3000.0)),
                ("K", C::P(0.4693)),
                ("L", C::N(1000.0)),
            ],
        ),
        (
            10,
            vec![
                ("B", C::S(k("5.03.02.201"))),
                ("C", C::S("Pengadaan ASN")),
                ("D", C::S("Persentase data")),
                ("I", C::N(100.0)),
                ("J", C::N(3000.0)),
                ("K", C::S("12,5,0")),
                ("L", C::N(1000.0)),
            ],
        ),
        (
            11,
            vec![
                ("D", C::S("Indikator kedua")),
                ("I", C::S("5 Dok")),
                ("K", C::S("2 dok")),
            ],
        ),
        (
            12,
            vec![
                ("B", C::S(k("5.03.02.2.01.0001"))),
                ("C", C::S("Penyusunan Dokumen")),
                ("D", C::S("Jumlah Dokumen")),
                ("I", C::S("10 Dok")),
                ("J", C::N(1000.0)),
                ("K", C::S("-")),
                ("L", C::S("Rp 400.000,50")),
                ("M", C::S("BB (71,51)")),
                ("N", C::S("abc")),
            ],
        ),
        (
            13,
            vec![
                ("B", C::S(k("5.03.02.2.01.0002"))),
                ("C", C::S("Koordinasi")),
                ("D", C::S("Jumlah Laporan")),
                ("I", C::S("4 Lap")),
                ("J", C::N(2000.0)),
                ("K", C::S("1 Lap")),
                ("L", C::N(599999.5)),
            ],
        ),
        (15, vec![("A", C::S("Rata-rata capaian kinerja (%)"))]),
        (16, vec![("C", C::S("Jumlah Dokumen yang bukan data"))]),
    ];
    if !with_kode {
        for (_, cells) in data.iter_mut() {
            cells.retain(|(c, v)| !(*c == "B" && matches!(v, C::S(""))));
        }
    }
    rows.append(&mut data);
    workbook(&[
        (
            "Petunjuk",
            sheet_xml(&[(1, vec![("A", C::S("Petunjuk pengisian"))])]),
        ),
        ("E.81", sheet_xml(&rows)),
    ])
}

#[test]
fn small_e81_with_kode_reads_values_and_locates_problems() {
    let imp = read_workbook(&small_e81(true), &Limits::default()).unwrap();
    let doc = &imp.document;
    assert_eq!(imp.layout.sheet, "E.81");
    assert_eq!(imp.layout.header_rows, (5, 7));
    assert_eq!(imp.layout.numbering_row, Some(8));
    assert_eq!(imp.layout.first_data_row, 9);
    assert_eq!(imp.layout.last_data_row, Some(13));
    assert_eq!(imp.layout.footer_row, Some(15));
    assert_eq!((doc.year, doc.quarter), (Some(2025), Some(2)));
    assert_eq!(doc.region.as_deref(), Some("Kabupaten Contoh"));
    assert_eq!(imp.layout.column(Field::C15Rp), Some(24)); // X
    assert_eq!(imp.layout.column(Field::C13K), None); // no column 13 in this layout
    let levels: Vec<Level> = doc.rows.iter().map(|r| r.level).collect();
    assert_eq!(
        levels,
        [
            Level::Program,
            Level::Kegiatan,
            Level::Indikator,
            Level::SubKegiatan,
            Level::SubKegiatan
        ]
    );
    assert_eq!(doc.rows[1].kode.as_deref(), Some("5.03.02.2.01"));
    assert_eq!(doc.rows[1].kode_raw.as_deref(), Some("5.03.02.201"));
    // A percent-formatted numeric cell (0.4693 shown as 46,93%) is read in percent units.
    assert_eq!(doc.rows[0].tw[0].k, Some(KValue::Number(d("46.93"))));
    assert_eq!(doc.rows[0].unit.as_deref(), Some("%"));
    // '12,5,0' at K10 is reported at K10, and not guessed.
    let p = imp
        .problems
        .iter()
        .find(|p| p.at.cell.as_deref() == Some("K10"))
        .expect("problem at K10");
    assert_eq!(p.severity, Severity::Error);
    assert!(
        p.message.starts_with("Sheet 'E.81' sel K10: "),
        "{}",
        p.message
    );
    assert!(p.message.contains("12,5,0"), "{}", p.message);
    assert_eq!(p.at.row, Some(1));
    assert_eq!(p.at.field, Some(Field::TwK(1)));
    assert_eq!(doc.rows[1].tw[0].k, Some(KValue::Text("12,5,0".into())));
    // Text Rupiah is parsed by the domain parser; '-' beside an amount is zero.
    assert_eq!(doc.rows[3].tw[0].rp, Some(d("400000.50")));
    assert_eq!(doc.rows[3].tw[0].k, Some(KValue::Number(Decimal::ZERO)));
    // A grade is a K value; text in an Rp cell is a located error.
    assert!(matches!(doc.rows[3].tw[1].k, Some(KValue::Grade { .. })));
    assert_eq!(doc.rows[3].tw[1].rp, None);
    assert!(imp
        .problems
        .iter()
        .any(|p| p.at.cell.as_deref() == Some("N12") && p.severity == Severity::Error));
    // Float cells convert exactly.
    assert_eq!(doc.rows[4].tw[0].rp, Some(d("599999.5")));
    // Extra indicator row keeps its own indicator and unit.
    assert_eq!(doc.rows[2].indicator, "Indikator kedua");
    assert_eq!(doc.rows[2].unit.as_deref(), Some("Dok"));
}

#[test]
fn levels_without_kode_bold_or_numbers_come_from_rp_rollup() {
    let imp = read_workbook(&small_e81(false), &Limits::default()).unwrap();
    let levels: Vec<Level> = imp.document.rows.iter().map(|r| r.level).collect();
    assert_eq!(
        levels,
        [
            Level::Program,
            Level::Kegiatan,
            Level::Indikator,
            Level::SubKegiatan,
            Level::SubKegiatan
        ]
    );
    assert!(imp.document.rows.iter().all(|r| r.kode.is_none()));
}

#[test]
fn garbage_cells_never_panic() {
    let mut rows = e81_header(true);
    let weird = [
        "",
        " ",
        "-",
        "–",
        "1e400",
        "NaN",
        "(",
        "%",
        "Rp",
        "1.2.3.4.5.6.7",
        "٣",
        "12,5,0",
        "9999999999999999999999999999999",
        "x.xx.01",
    ];
    for (i, w) in weird.iter().enumerate() {
        let r = 9 + i as u32;
        rows.push((
            r,
            vec![
                ("B", C::S(w)),
                ("C", C::S(w)),
                ("D", C::S("Ind")),
                ("E", C::S(w)),
                ("F", C::S(w)),
                ("J", C::N(1e300)),
                ("K", C::N(-0.0)),
            ],
        ));
    }
    let imp = read_workbook(&workbook(&[("E.81", sheet_xml(&rows))]), &Limits::default()).unwrap();
    assert_eq!(imp.document.rows.len(), weird.len());
    assert!(
        imp.problems
            .iter()
            .any(|p| p.at.cell.as_deref() == Some("J9")),
        "1e300 Rp reported"
    );
}
