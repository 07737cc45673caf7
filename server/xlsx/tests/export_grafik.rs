//! The *Grafik* sheet of the exported E.81 (`capaian_xlsx::export`, `export/grafik.rs`):
//! - the package holds two native charts (`xl/charts/chart1.xml` bars, `chart2.xml` lines)
//!   drawing from the Grafik sheet's ranges; the E.81 sheet stays the first and active one;
//! - the Grafik sheet's cached values are the domain's figures (`capaian_program`,
//!   `serapan_triwulan`), and its numbers are formulas on the E.81 sheet where it has them;
//! - LibreOffice recalculates the Grafik sheet's formulas (as written and with every cached
//!   value stripped) to the same values;
//! - LibreOffice renders the charts: the PDF of the workbook has a page with both chart titles.
//!   `CAPAIAN_GRAFIK_PDF=dir` keeps the PDF there, to look at.

use std::path::Path;
use std::process::Command;

use capaian_domain::e81::{compute, E81Computed, E81Settings};
use capaian_domain::grafik::{capaian_program, serapan_triwulan};
use capaian_domain::model::{Document, KValue, Level, Pair, Row};
use capaian_xlsx::export::{export_e81, ExportMeta};
use capaian_xlsx::{read_path, read_workbook, Limits};
use rust_decimal::Decimal;

mod common;
use common::fixtures_dir;
use common::libreoffice::{
    formula_cells_at, recalculated_agree, sheet_count, sheet_range_at, soffice_convert, tmp_dir,
    value_at, zip_entries,
};

fn d(s: &str) -> Decimal {
    s.parse().expect("decimal")
}

fn entry(bytes: &[u8], name: &str) -> Option<String> {
    zip_entries(bytes)
        .into_iter()
        .find(|(n, _)| n == name)
        .map(|(_, data)| String::from_utf8(data).expect("utf8"))
}

fn pair(k: Option<&str>, rp: Option<&str>) -> Pair {
    Pair {
        k: k.map(|v| KValue::Number(d(v))),
        rp: rp.map(d),
    }
}

/// Two programs at TW II with anggaran kas: `5.03.02` rated by its own indicator (7 of 8 Dok,
/// a formula on the E.81's column 13 K), `5.03.01 A & B` with no indicator target of its own,
/// rated by its kegiatan's average (a value).
fn document() -> Document {
    let node = |level, kode: &str, name: &str, target, tw, kas: Option<[&str; 4]>| {
        let mut r = Row {
            kode: Some(kode.into()),
            name: name.into(),
            indicator: "Jumlah dokumen".into(),
            unit: Some("Dok".into()),
            target,
            tw,
            ..Row::empty(level)
        };
        for (q, v) in kas.iter().flatten().enumerate() {
            r.rencana.triwulan[q].rp = Some(d(v));
        }
        r
    };
    let p1 = node(
        Level::Program,
        "5.03.02",
        "PROGRAM KEPEGAWAIAN DAERAH",
        pair(Some("8"), None),
        [
            pair(Some("3"), None),
            pair(Some("4"), None),
            Pair::default(),
            Pair::default(),
        ],
        None,
    );
    let s1 = node(
        Level::SubKegiatan,
        "5.03.02.2.01.0001",
        "Penyusunan Rencana Kebutuhan",
        pair(Some("10"), Some("1000000")),
        [
            pair(Some("2"), Some("200000")),
            pair(Some("3"), Some("300000.50")),
            Pair::default(),
            Pair::default(),
        ],
        Some(["250000", "250000", "250000", "250000"]),
    );
    let p2 = node(
        Level::Program,
        "5.03.01",
        "PROGRAM PENUNJANG A & B <UJI>",
        pair(None, None),
        Default::default(),
        None,
    );
    let k2 = node(
        Level::Kegiatan,
        "5.03.01.1.01",
        "Perencanaan",
        pair(Some("4"), Some("3000000")),
        [
            pair(Some("1"), Some("500000")),
            pair(Some("2"), Some("1000000")),
            Pair::default(),
            Pair::default(),
        ],
        Some(["1000000", "1000000", "500000", "500000"]),
    );
    Document {
        form: "E.81".into(),
        sheet: "E.81".into(),
        year: Some(2026),
        quarter: Some(2),
        region: Some("Kota Tarakan".into()),
        pd: Some("Badan Kepegawaian dan Pengembangan Sumber Daya Manusia".into()),
        rows: vec![p1, s1, p2, k2],
    }
}

fn export(doc: &Document) -> (E81Computed, Vec<u8>) {
    let (computed, _) = compute(doc, &E81Settings::default());
    let bytes = export_e81(doc, &computed, &ExportMeta::from_document(doc)).expect("export");
    (computed, bytes)
}

fn fixture() -> (Document, E81Computed, Vec<u8>) {
    let import =
        read_path(fixtures_dir().join("e81_101.xlsx"), &Limits::default()).expect("e81_101.xlsx");
    let (computed, bytes) = export(&import.document);
    (import.document, computed, bytes)
}

/// 0-based row of the Grafik sheet whose column A says `text`.
fn row_of(range: &calamine::Range<calamine::Data>, text: &str) -> u32 {
    (0..range.height() as u32)
        .find(|&r| matches!(range.get_value((r, 0)), Some(calamine::Data::String(s)) if s == text))
        .unwrap_or_else(|| panic!("no row {text:?}"))
}

fn close(a: Option<Decimal>, b: Option<Decimal>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(x), Some(y)) => (x - y).abs() <= Decimal::new(1, 9) * (Decimal::ONE + x.abs()),
        _ => false,
    }
}

#[test]
fn chart_parts_draw_from_the_grafik_sheet() {
    for (doc, bytes) in [(document(), export(&document()).1), {
        let (doc, _, bytes) = fixture();
        (doc, bytes)
    }] {
        let wb = entry(&bytes, "xl/workbook.xml").expect("workbook.xml");
        let e81 = wb.find("name=\"E.81\"").expect("E.81 sheet");
        let grafik = wb.find("name=\"Grafik\"").expect("Grafik sheet");
        assert!(e81 < grafik, "E.81 first: {wb}");
        assert!(
            !wb.contains("activeTab="),
            "the first sheet stays active: {wb}"
        );
        assert_eq!(sheet_count(&bytes), 2);

        let programs = doc
            .rows
            .iter()
            .filter(|r| r.level == Level::Program)
            .count() as u32;
        let bars = entry(&bytes, "xl/charts/chart1.xml").expect("chart1.xml");
        assert!(bars.contains("<c:barChart>") && bars.contains("<c:barDir val=\"bar\"/>"));
        // Programs in A5:A(4+n), capaian in B.
        let (a, b) = (
            format!("Grafik!$A$5:$A${}", 4 + programs),
            format!("Grafik!$B$5:$B${}", 4 + programs),
        );
        assert!(bars.contains(&a) && bars.contains(&b), "{a} {b}: {bars}");
        assert!(bars.contains("Capaian kinerja per program s.d. Triwulan II"));
        let lines = entry(&bytes, "xl/charts/chart2.xml").expect("chart2.xml");
        assert!(lines.contains("<c:lineChart>"));
        assert!(lines.contains("Penyerapan anggaran kumulatif per triwulan"));
        assert!(
            lines.contains("Grafik!$D$") && lines.contains("Grafik!$A$"),
            "{lines}"
        );
        let drawing_rels = entry(&bytes, "xl/worksheets/_rels/sheet2.xml.rels").expect("rels");
        assert!(drawing_rels.contains("drawing1.xml"), "{drawing_rels}");
        assert!(entry(&bytes, "xl/worksheets/_rels/sheet1.xml.rels")
            .is_none_or(|r| !r.contains("drawing")));
    }
    // The kas line only where there is kas (the fixture has none).
    let lines = entry(&export(&document()).1, "xl/charts/chart2.xml").expect("chart2");
    assert!(lines.contains("Grafik!$F$"), "{lines}");
    let (_, _, bytes) = fixture();
    let lines = entry(&bytes, "xl/charts/chart2.xml").expect("chart2");
    assert!(!lines.contains("Grafik!$F$"), "{lines}");
}

/// The Grafik sheet's cached values are the domain's figures, and its numbers follow the
/// E.81 sheet by formulas where that sheet has them.
#[test]
fn cached_values_are_the_domain_figures() {
    let doc = document();
    let (computed, bytes) = export(&doc);
    let fixture = fixture();
    for (doc, computed, bytes) in [
        (&doc, &computed, &bytes),
        (&fixture.0, &fixture.1, &fixture.2),
    ] {
        let g = sheet_range_at(bytes, 1);
        let formulas = formula_cells_at(bytes, 1);
        let formula_at = |r: u32, c: u32| {
            formulas
                .iter()
                .find(|(fr, fc, _)| (*fr, *fc) == (r, c))
                .map(|(_, _, f)| f.clone())
        };
        let bars = capaian_program(doc, computed);
        let r0 = row_of(&g, "Program") + 1;
        for (j, b) in bars.iter().enumerate() {
            let r = r0 + j as u32;
            assert_eq!(
                g.get_value((r, 0)),
                Some(&calamine::Data::String(b.label())),
                "row {r}"
            );
            let v = value_at(&g, r, 1);
            assert!(
                close(v, b.capaian),
                "{}: {v:?} vs {:?}",
                b.label(),
                b.capaian
            );
        }
        let points = serapan_triwulan(doc, computed);
        let r0 = row_of(&g, "Triwulan") + 1;
        for (j, t) in points.iter().enumerate() {
            let r = r0 + j as u32;
            let want = [
                t.realisasi_kumulatif,
                t.pagu,
                t.persen_pagu,
                t.kas_kumulatif,
                t.persen_kas,
            ];
            for (c, w) in (1u32..).zip(want) {
                let v = value_at(&g, r, c);
                assert!(close(v, w), "TW {} column {c}: {v:?} vs {w:?}", t.triwulan);
            }
            // Realisasi and pagu on the E.81's cells; the percentages on this sheet's.
            for c in [1, 2] {
                let f = formula_at(r, c).unwrap_or_else(|| panic!("({r},{c}) no formula"));
                assert!(f.contains("'E.81'!"), "{f}");
            }
            assert!(formula_at(r, 3).is_some_and(|f| !f.contains('!')));
            assert!(formula_at(r, 4).is_none(), "kas is a value");
        }
    }
    // The hand-made document: by hand. Realisasi s.d. TW II = 200.000 + 300.000,50 +
    // 500.000 + 1.000.000; pagu 4.000.000; kas s.d. TW II 2.500.000.
    let g = sheet_range_at(&bytes, 1);
    let r = row_of(&g, "TW II");
    assert_eq!(value_at(&g, r, 1), Some(d("2000000.5")));
    assert_eq!(value_at(&g, r, 2), Some(d("4000000")));
    assert_eq!(value_at(&g, r, 4), Some(d("2500000")));
    let r3 = row_of(&g, "TW III");
    assert_eq!(value_at(&g, r3, 1), None, "TW III not reported");
    // 5.03.02 by its own indicator: a formula on column 13 K (W) of its row (10); 5.03.01 by
    // its kegiatan's average (25 + 50 = 75 % of 4 Dok → 75): a value.
    let formulas = formula_cells_at(&bytes, 1);
    let p = row_of(&g, "5.03.02 PROGRAM KEPEGAWAIAN DAERAH");
    let f = formulas
        .iter()
        .find(|(r, c, _)| (*r, *c) == (p, 1))
        .map(|(_, _, f)| f.as_str());
    assert_eq!(f, Some("IF('E.81'!W10=\"\",\"\",'E.81'!W10)"));
    assert_eq!(value_at(&g, p, 1), Some(d("87.5")));
    let q = row_of(&g, "5.03.01 PROGRAM PENUNJANG A & B <UJI>");
    assert!(!formulas.iter().any(|(r, c, _)| (*r, *c) == (q, 1)));
    assert_eq!(value_at(&g, q, 1), Some(d("75")));
    // The E.81 sheet reads back unchanged (the Grafik sheet is not a form).
    let back = read_workbook(&bytes, &Limits::default()).expect("read back");
    assert_eq!(back.document.rows.len(), doc.rows.len());
    assert_eq!(back.document.sheet, "E.81");
}

#[test]
fn libreoffice_recalculates_the_grafik_sheet() {
    for (stem, bytes) in [
        ("grafik_dokumen", export(&document()).1),
        ("grafik_e81_101", fixture().2),
    ] {
        let grafik = formula_cells_at(&bytes, 1).len();
        assert!(grafik >= 9, "{stem}: {grafik} formulas on the Grafik sheet");
        let n = recalculated_agree(stem, &bytes, |_, a, b| match (a, b) {
            (None, None) => true,
            (Some(a), Some(b)) => (a - b).abs() < Decimal::new(1, 6),
            _ => false,
        });
        assert!(n > grafik, "{stem}: {n}");
        eprintln!("{stem}: {n} formula cells agree with LibreOffice ({grafik} on Grafik)");
    }
}

fn run(cmd: &str, args: &[&str], file: &Path) -> String {
    let out = Command::new(cmd)
        .args(args)
        .arg(file)
        .args(if cmd == "pdftotext" {
            &["-"][..]
        } else {
            &[][..]
        })
        .output()
        .unwrap_or_else(|e| panic!("{cmd}: {e} (poppler-utils is required)"));
    assert!(out.status.success(), "{cmd} failed on {file:?}");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// LibreOffice prints the E.81 and then the Grafik sheet with both charts: the last page has
/// the two chart titles (drawn as text) and the tables' headers.
#[test]
fn libreoffice_renders_the_charts() {
    let (_, _, bytes) = fixture();
    let dir = tmp_dir("grafik-pdf");
    let input = dir.join("e81_101_grafik.xlsx");
    std::fs::write(&input, &bytes).expect("write");
    soffice_convert(&input, "pdf", &dir, &dir.join("profile"));
    let pdf = dir.join("e81_101_grafik.pdf");
    let info = run("pdfinfo", &[], &pdf);
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|p| p.trim().parse().ok())
        .expect("page count");
    assert!(pages >= 2, "{info}");
    let last = pages.to_string();
    let text = run("pdftotext", &["-f", &last, "-l", &last], &pdf);
    for want in [
        "Capaian kinerja per program s.d. Triwulan II",
        "Penyerapan anggaran kumulatif per triwulan",
        "Terhadap pagu (%)",
        "PROGRAM PENUNJANG URUSAN",
    ] {
        assert!(text.contains(want), "page {last} lacks {want:?}:\n{text}");
    }
    // The E.81 pages come first and have no chart.
    let first = run("pdftotext", &["-f", "1", "-l", "1"], &pdf);
    assert!(first.contains("Formulir E.81") && !first.contains("Penyerapan anggaran kumulatif"));
    if let Some(keep) = std::env::var_os("CAPAIAN_GRAFIK_PDF") {
        std::fs::copy(&pdf, Path::new(&keep).join("e81_101_grafik.pdf")).expect("keep pdf");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
