//! Shared by the integration tests: the fixture workbooks, and a minimal xlsx writer that zips
//! hand-written SpreadsheetML.
#![allow(dead_code)]

use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};

/// `tests/fixtures/xlsx` at the project root.
pub fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/xlsx")
}

/// Every fixture workbook (the four agency layouts and big_900), sorted. Copies re-saved by
/// another program (`*_libreoffice.xlsx`: big_900 with shared strings, for the import
/// benchmark) read as their original; `fixtures.rs` checks them on their own.
pub fn workbooks() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(fixtures_dir())
        .expect("fixtures dir tests/fixtures/xlsx")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "xlsx") && !is_resaved(p))
        .collect();
    v.sort();
    assert!(v.len() >= 5, "expected the fixture workbooks, found {v:?}");
    v
}

/// A fixture re-saved by another program (`big_900_libreoffice.xlsx`).
pub fn is_resaved(p: &Path) -> bool {
    p.file_stem()
        .is_some_and(|s| s.to_string_lossy().ends_with("_libreoffice"))
}

pub mod csv;
pub mod libreoffice;
pub mod renja;
pub mod tc29;

use zip::write::SimpleFileOptions;

pub enum C<'a> {
    S(&'a str),
    N(f64),
    /// Number with the percent style (`0.00%`).
    P(f64),
}

pub fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Sheet XML from (1-based row, [(column letter, cell)]).
pub fn sheet_xml(rows: &[(u32, Vec<(&str, C<'_>)>)]) -> String {
    let mut x = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
    );
    for (r, cells) in rows {
        x.push_str(&format!(r#"<row r="{r}">"#));
        for (col, c) in cells {
            match c {
                C::S(s) => x.push_str(&format!(
                    r#"<c r="{col}{r}" t="inlineStr"><is><t>{}</t></is></c>"#,
                    esc(s)
                )),
                C::N(n) => x.push_str(&format!(r#"<c r="{col}{r}"><v>{n}</v></c>"#)),
                C::P(n) => x.push_str(&format!(r#"<c r="{col}{r}" s="1"><v>{n}</v></c>"#)),
            }
        }
        x.push_str("</row>");
    }
    x.push_str("</sheetData></worksheet>");
    x
}

const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/><xf numFmtId="10" fontId="0" fillId="0" borderId="0" applyNumberFormat="1"/></cellXfs></styleSheet>"#;

/// A workbook of named sheets with the given sheet XML.
pub fn workbook(sheets: &[(&str, String)]) -> Vec<u8> {
    let mut buf = Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        let o = SimpleFileOptions::default();
        let mut ct = String::from(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#,
        );
        let mut wb = String::from(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>"#,
        );
        let mut rels = String::from(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
        );
        for (i, (name, _)) in sheets.iter().enumerate() {
            let n = i + 1;
            ct.push_str(&format!(r#"<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#));
            wb.push_str(&format!(
                r#"<sheet name="{}" sheetId="{n}" r:id="rId{n}"/>"#,
                esc(name)
            ));
            rels.push_str(&format!(r#"<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{n}.xml"/>"#));
        }
        let sid = sheets.len() + 1;
        rels.push_str(&format!(r#"<Relationship Id="rId{sid}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#));
        ct.push_str("</Types>");
        wb.push_str("</sheets></workbook>");
        rels.push_str("</Relationships>");
        let files: Vec<(String, String)> = vec![
            ("[Content_Types].xml".into(), ct),
            ("_rels/.rels".into(), r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.into()),
            ("xl/workbook.xml".into(), wb),
            ("xl/_rels/workbook.xml.rels".into(), rels),
            ("xl/styles.xml".into(), STYLES.into()),
        ];
        for (name, body) in files {
            z.start_file(name, o).unwrap();
            z.write_all(body.as_bytes()).unwrap();
        }
        for (i, (_, xml)) in sheets.iter().enumerate() {
            z.start_file(format!("xl/worksheets/sheet{}.xml", i + 1), o)
                .unwrap();
            z.write_all(xml.as_bytes()).unwrap();
        }
        z.finish().unwrap();
    }
    buf.into_inner()
}

/// An E.81 header (rows 5–7) with a Kode column, without column 13, K/Rp sub-columns,
/// and a numbering row (8). Columns: A No, B Kode, C name, D indikator, E/F renstra,
/// G/H prev, I/J target, K..R TW I..IV, S/T col 12, U/V col 14, W/X col 15, Y unit PD.
pub fn e81_header(with_kode: bool) -> Vec<(u32, Vec<(&'static str, C<'static>)>)> {
    let mut h5 = vec![("A", C::S("No"))];
    if with_kode {
        h5.push(("B", C::S("Kode")));
    }
    h5.extend([
        ("C", C::S("Program/Kegiatan/Sub Kegiatan")),
        (
            "D",
            C::S("Indikator Kinerja Program (outcome)/ Kegiatan (output)"),
        ),
        (
            "E",
            C::S("Target Renstra PD pada Tahun 2026 (Akhir Periode Renstra)"),
        ),
        (
            "G",
            C::S("Realisasi Capaian Kinerja Renstra PD s.d. Renja PD Tahun Lalu"),
        ),
        (
            "I",
            C::S("Target Kinerja dan Anggaran Renja PD Tahun Berjalan yang Dievaluasi"),
        ),
        ("K", C::S("Realisasi Kinerja Pada Triwulan")),
        (
            "S",
            C::S("Realisasi Capaian Kinerja dan Anggaran Renja PD yang Dievaluasi"),
        ),
        (
            "U",
            C::S("Realisasi Kinerja dan Anggaran Renstra PD s/d Tahun 2026"),
        ),
        (
            "W",
            C::S("Tingkat Capaian Kinerja dan Realisasi Anggaran Renstra s/d Tahun 2026 (%)"),
        ),
        ("Y", C::S("Unit PD Penanggung Jawab")),
    ]);
    let h6 = vec![
        ("K", C::S("I")),
        ("M", C::S("II")),
        ("O", C::S("III")),
        ("Q", C::S("IV")),
    ];
    let letters = [
        "E", "F", "G", "H", "I", "J", "K", "L", "M", "N", "O", "P", "Q", "R", "S", "T", "U", "V",
        "W", "X",
    ];
    let h7: Vec<(&str, C<'_>)> = letters
        .iter()
        .enumerate()
        .map(|(i, l)| (*l, C::S(if i % 2 == 0 { "K" } else { "Rp" })))
        .collect();
    let h8 = vec![
        ("A", C::S("1")),
        ("C", C::S("2")),
        ("D", C::S("3")),
        ("E", C::S("4")),
        ("G", C::S("5")),
        ("I", C::S("6")),
        ("K", C::S("7")),
        ("M", C::S("8")),
        ("O", C::S("9")),
        ("Q", C::S("10")),
        ("S", C::S("11 = 7+8+9+10")),
        ("U", C::S("12 = 5 + 11")),
        ("W", C::S("13 = 12/4 x 100%")),
        ("Y", C::S("14")),
    ];
    vec![
        (
            1,
            vec![(
                "A",
                C::S("EVALUASI TERHADAP HASIL RENJA PERANGKAT DAERAH LINGKUP KABUPATEN CONTOH"),
            )],
        ),
        (
            2,
            vec![("A", C::S("Periode Pelaksanaan: Triwulan 2 Tahun 2025"))],
        ),
        (5, h5),
        (6, h6),
        (7, h7),
        (8, h8),
    ]
}
