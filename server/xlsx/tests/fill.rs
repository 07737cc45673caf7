//! The agency's own template, filled: round trips, preservation of every untouched part,
//! LibreOffice opening the result, hostile input.

use std::io::{Cursor, Read, Write};
use std::path::{Path, PathBuf};
use std::str::FromStr;

use capaian_domain::e81::{compute, E81Settings};
use capaian_domain::model::{Document, KValue, Pair, Row};
use capaian_xlsx::fill::{computed_as_written, fill_template, fill_template_with, FillError};
use capaian_xlsx::json::{document_from_json, document_json};
use capaian_xlsx::{read_workbook, Limits, ReadOptions};
use rust_decimal::Decimal;
use zip::write::SimpleFileOptions;

mod common;
use common::{fixtures_dir, workbooks};

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).expect("decimal")
}

/// Every zip entry, decompressed, in order.
fn entries(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut z = zip::ZipArchive::new(Cursor::new(bytes)).expect("zip");
    (0..z.len())
        .map(|i| {
            let mut f = z.by_index(i).expect("entry");
            let mut data = Vec::new();
            f.read_to_end(&mut data).expect("inflate");
            (f.name().expect("name").into_owned(), data)
        })
        .collect()
}

fn entry(bytes: &[u8], name: &str) -> Option<Vec<u8>> {
    entries(bytes)
        .into_iter()
        .find(|(n, _)| n == name)
        .map(|(_, d)| d)
}

/// A workbook with entry `name` replaced (or added at the end).
fn rezip(bytes: &[u8], replace: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    {
        let mut w = zip::ZipWriter::new(&mut out);
        let o = SimpleFileOptions::default();
        let mut done = vec![false; replace.len()];
        for (n, data) in entries(bytes) {
            w.start_file(n.clone(), o).expect("start");
            match replace.iter().position(|(r, _)| *r == n) {
                Some(i) => {
                    done[i] = true;
                    w.write_all(&replace[i].1).expect("write");
                }
                None => w.write_all(&data).expect("write"),
            }
        }
        for (i, (n, data)) in replace.iter().enumerate() {
            if !done[i] {
                w.start_file(n.to_string(), o).expect("start");
                w.write_all(data).expect("write");
            }
        }
        w.finish().expect("finish");
    }
    out.into_inner()
}

/// The inputs of two rows agree (what a fill writes or keeps).
fn assert_inputs(a: &Row, b: &Row, ctx: &str) {
    let r = a.sheet_row;
    assert_eq!(a.sheet_row, b.sheet_row, "{ctx}");
    assert_eq!(a.name, b.name, "{ctx} row {r} name");
    assert_eq!(a.kode, b.kode, "{ctx} row {r} kode");
    assert_eq!(a.indicator, b.indicator, "{ctx} row {r} indicator");
    assert_eq!(a.unit, b.unit, "{ctx} row {r} unit");
    assert_eq!(a.level, b.level, "{ctx} row {r} level");
    assert_eq!(a.renstra, b.renstra, "{ctx} row {r} renstra");
    assert_eq!(a.prev, b.prev, "{ctx} row {r} prev");
    assert_eq!(a.target, b.target, "{ctx} row {r} target");
    assert_eq!(a.tw, b.tw, "{ctx} row {r} tw");
    assert_eq!(a.unit_pd, b.unit_pd, "{ctx} row {r} unit_pd");
    assert_eq!(a.keterangan, b.keterangan, "{ctx} row {r} keterangan");
}

fn close(a: &Option<KValue>, b: &Option<KValue>) -> bool {
    match (a, b) {
        (Some(KValue::Number(x)), Some(KValue::Number(y))) => {
            let tol = d("0.000000001") * y.abs().max(Decimal::ONE);
            (*x - *y).abs() <= tol
        }
        _ => a == b,
    }
}

/// Columns 12–15 as read back equal `compute` on `doc` (as written: 15 significant
/// digits; `exact` = digit for digit, else within 1e-9 relative, for files a spreadsheet
/// recalculated).
fn assert_computed(
    read: &Document,
    doc: &Document,
    has_col: &dyn Fn(usize) -> bool,
    exact: bool,
    ctx: &str,
) {
    let (computed, _) = compute(doc, &E81Settings::default());
    let w = |p: &Pair| {
        let k = match &p.k {
            Some(KValue::Number(x)) => Some(KValue::Number(computed_as_written(*x))),
            other => other.clone(),
        };
        (k, p.rp.map(computed_as_written).map(KValue::Number))
    };
    for (i, (row, c)) in read.rows.iter().zip(&computed.rows).enumerate() {
        let got = [
            &row.stated.c12,
            &row.stated.c13,
            &row.stated.c14,
            &row.stated.c15,
        ];
        let want = [&c.c12, &c.c13, &c.c14, &c.c15];
        for (j, (g, wv)) in got.iter().zip(want).enumerate() {
            let (wk, wr) = w(wv);
            let gr = g.rp.map(KValue::Number);
            let ok_k = !has_col(2 * j) || if exact { g.k == wk } else { close(&g.k, &wk) };
            let ok_r = !has_col(2 * j + 1) || if exact { gr == wr } else { close(&gr, &wr) };
            assert!(
                ok_k && ok_r,
                "{ctx}: row {} (sheet row {}) column {}: read {:?}, computed {:?}",
                i,
                row.sheet_row,
                12 + j,
                g,
                wv
            );
        }
    }
}

fn computed_columns(import: &capaian_xlsx::Import) -> impl Fn(usize) -> bool + '_ {
    use capaian_domain::model::Field::*;
    let fields = [C12K, C12Rp, C13K, C13Rp, C14K, C14Rp, C15K, C15Rp];
    move |j| import.layout.column(fields[j]).is_some()
}

/// Some quarterly values edited (K and Rp) on every ~`step`-th row.
fn edit_doc(doc: &mut Document, step: usize) -> usize {
    let mut n = 0;
    let len = doc.rows.len();
    for i in (0..len).step_by(step.max(1)) {
        let row = &mut doc.rows[i];
        let q = i % 4;
        if !matches!(row.target.k, Some(KValue::Number(_))) {
            continue;
        }
        row.tw[q].k = Some(KValue::Number(d("12.5") + Decimal::from(i as u64 % 7)));
        if row.level != capaian_domain::model::Level::Indikator {
            row.tw[q].rp = Some(d("1234567.89") + Decimal::from(i as u64));
        }
        n += 1;
    }
    n
}

#[test]
fn fill_round_trips_unchanged_and_edited() {
    let limits = Limits::default();
    for path in workbooks() {
        let name = path.display().to_string();
        let bytes = std::fs::read(&path).expect("read fixture");
        let import = read_workbook(&bytes, &limits).expect("import");
        let has_col = computed_columns(&import);

        // Unchanged document: same values; columns 12–15 are ours.
        let (filled, problems) =
            fill_template(&bytes, &import.document, &E81Settings::default(), &limits)
                .expect("fill");
        assert!(
            problems.iter().all(|p| p.code != "rumus_dipertahankan"),
            "{name}: {problems:?}"
        );
        let again = read_workbook(&filled, &limits).expect("reimport");
        assert_eq!(again.layout, import.layout, "{name}");
        assert_eq!(
            again.document.rows.len(),
            import.document.rows.len(),
            "{name}"
        );
        for (a, b) in again.document.rows.iter().zip(&import.document.rows) {
            assert_inputs(a, b, &name);
        }
        assert_computed(&again.document, &import.document, &has_col, true, &name);

        // Edited in the document.
        let mut edited = import.document.clone();
        let n = edit_doc(&mut edited, 3);
        assert!(n > 0, "{name}: nothing edited");
        let (filled, _) =
            fill_template(&bytes, &edited, &E81Settings::default(), &limits).expect("fill edited");
        let again = read_workbook(&filled, &limits).expect("reimport edited");
        for (a, b) in again.document.rows.iter().zip(&edited.rows) {
            assert_inputs(a, b, &format!("{name} (edited)"));
        }
        assert_computed(
            &again.document,
            &edited,
            &has_col,
            true,
            &format!("{name} (edited)"),
        );

        // Edited through the JSON of `capaian import --json` / `fill --data`.
        let mut json = document_json(&import.document);
        let rows = json["rows"].as_array_mut().expect("rows");
        let mut edits = 0;
        for (i, r) in rows.iter_mut().enumerate() {
            if i % 2 == 1 || !r["target"]["k"].is_string() {
                continue;
            }
            let q = (i / 2) % 4;
            r["tw"][q]["k"] = serde_json::json!(format!("{}.25", 3 + i % 50));
            if r["level"] != "indikator" {
                r["tw"][q]["rp"] = serde_json::json!(format!("{}.5", 1000 + i));
            }
            edits += 1;
        }
        assert!(edits > 0, "{name}: nothing edited in JSON");
        let from_json = document_from_json(&json).expect("document_from_json");
        let (filled, _) =
            fill_template(&bytes, &from_json, &E81Settings::default(), &limits).expect("fill json");
        let again = read_workbook(&filled, &limits).expect("reimport json");
        for (a, b) in again.document.rows.iter().zip(&from_json.rows) {
            assert_inputs(a, b, &format!("{name} (json)"));
        }
        assert_computed(
            &again.document,
            &from_json,
            &has_col,
            true,
            &format!("{name} (json)"),
        );
    }
}

/// `<tag …>…</tag>` or `<tag …/>` of a sheet, verbatim (None when absent).
fn element<'a>(xml: &'a str, tag: &str) -> Option<&'a str> {
    let open = format!("<{tag}");
    let mut from = 0;
    let start = loop {
        let i = from + xml[from..].find(&open)?;
        let next = xml.as_bytes().get(i + open.len()).copied();
        if matches!(next, Some(b' ' | b'>' | b'/')) {
            break i;
        }
        from = i + 1;
    };
    let tail = &xml[start..];
    let gt = tail.find('>')?;
    if tail.as_bytes()[gt - 1] == b'/' {
        return Some(&tail[..=gt]);
    }
    let close = format!("</{tag}>");
    let end = tail.find(&close)?;
    Some(&tail[..end + close.len()])
}

const SHEET_PARTS: [&str; 6] = [
    "mergeCells",
    "cols",
    "pageSetup",
    "pageMargins",
    "printOptions",
    "sheetViews",
];

/// Everything but the sheet (and the calculation parts) byte-identical, in order; in the
/// sheet, everything outside `<sheetData>` byte-identical.
fn assert_preserved(template: &[u8], filled: &[u8], sheet: &str, ctx: &str) {
    let before = entries(template);
    let after = entries(filled);
    let calc_chain = "xl/calcChain.xml";
    let names_before: Vec<&str> = before
        .iter()
        .map(|(n, _)| n.as_str())
        .filter(|n| *n != calc_chain)
        .collect();
    let names_after: Vec<&str> = after.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names_before, names_after,
        "{ctx}: entries or their order changed"
    );
    let may_change = [
        sheet,
        "xl/workbook.xml",
        "[Content_Types].xml",
        "xl/_rels/workbook.xml.rels",
    ];
    let had_calc_chain = before.iter().any(|(n, _)| n == calc_chain);
    for ((n, a), (_, b)) in before.iter().filter(|(n, _)| n != calc_chain).zip(&after) {
        if n == sheet {
            let (a, b) = (String::from_utf8_lossy(a), String::from_utf8_lossy(b));
            for tag in SHEET_PARTS {
                assert_eq!(element(&a, tag), element(&b, tag), "{ctx}: <{tag}> changed");
            }
            let outside = |x: &str| {
                let s = x.find("<sheetData").unwrap_or(0);
                let e = x.rfind("</sheetData>").unwrap_or(x.len());
                (x[..s].to_string(), x[e..].to_string())
            };
            assert_eq!(
                outside(&a),
                outside(&b),
                "{ctx}: sheet outside <sheetData> changed"
            );
        } else if may_change.contains(&n.as_str()) && (had_calc_chain || n == "xl/workbook.xml") {
            // Changed only for recalculation / calcChain removal; checked separately.
        } else {
            assert!(a == b, "{ctx}: entry {n} is not byte-identical");
        }
    }
    let wb =
        String::from_utf8_lossy(&entry(filled, "xl/workbook.xml").unwrap_or_default()).to_string();
    assert!(
        wb.contains("fullCalcOnLoad=\"1\""),
        "{ctx}: no fullCalcOnLoad: {wb}"
    );
    let ct = String::from_utf8_lossy(&entry(filled, "[Content_Types].xml").unwrap_or_default())
        .to_string();
    assert!(
        !ct.contains("calcChain"),
        "{ctx}: calcChain override left: {ct}"
    );
    let rels =
        String::from_utf8_lossy(&entry(filled, "xl/_rels/workbook.xml.rels").unwrap_or_default())
            .to_string();
    assert!(
        !rels.contains("calcChain"),
        "{ctx}: calcChain relationship left: {rels}"
    );
}

#[test]
fn fill_preserves_every_other_part() {
    let limits = Limits::default();
    for path in workbooks() {
        let name = path.display().to_string();
        let bytes = std::fs::read(&path).expect("read fixture");
        let import = read_workbook(&bytes, &limits).expect("import");
        let mut edited = import.document.clone();
        edit_doc(&mut edited, 2);
        let (filled, _) =
            fill_template(&bytes, &edited, &E81Settings::default(), &limits).expect("fill");
        let sheet = sheet_part(&bytes, &import.layout.sheet);
        assert_preserved(&bytes, &filled, &sheet, &name);
        // The workbook already asked for a full recalculation: left byte-identical.
        assert_eq!(
            entry(&bytes, "xl/workbook.xml"),
            entry(&filled, "xl/workbook.xml"),
            "{name}"
        );
    }
}

/// Zip path of the sheet named `sheet` (fixtures and the test template are simple).
fn sheet_part(bytes: &[u8], sheet: &str) -> String {
    let wb = String::from_utf8(entry(bytes, "xl/workbook.xml").expect("workbook")).expect("utf8");
    let rels =
        String::from_utf8(entry(bytes, "xl/_rels/workbook.xml.rels").expect("rels")).expect("utf8");
    let at = wb
        .find(&format!("name=\"{sheet}\""))
        .expect("sheet in workbook");
    let tag_end = at + wb[at..].find("/>").expect("tag end");
    let tag_start = wb[..at].rfind('<').expect("tag start");
    let tag = &wb[tag_start..tag_end];
    let id_at = tag.find("r:id=\"").expect("r:id") + 6;
    let id = &tag[id_at..id_at + tag[id_at..].find('"').expect("quote")];
    let rel_at = rels.find(&format!("Id=\"{id}\"")).expect("rel");
    let rel_start = rels[..rel_at].rfind('<').expect("rel start");
    let rel = &rels[rel_start..rel_start + rels[rel_start..].find("/>").expect("rel end")];
    let t_at = rel.find("Target=\"").expect("target") + 8;
    let target = &rel[t_at..t_at + rel[t_at..].find('"').expect("quote")];
    match target.strip_prefix('/') {
        Some(abs) => abs.to_string(),
        None => format!("xl/{target}"),
    }
}

// ---------------------------------------------------------------------------------------
// A richer template: shared strings, formulas, a calcChain, a defined name, an image, a
// second sheet, absent cells.

/// A 1×1 PNG.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
    0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0xF8, 0xCF, 0xC0, 0xF0,
    0x1F, 0x00, 0x05, 0x00, 0x01, 0xFF, 0x89, 0x99, 0x3D, 0x1D, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45,
    0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
];

fn rich_template() -> Vec<u8> {
    use rust_xlsxwriter::{Format, FormatBorder, Formula, Image, Workbook};
    let mut wb = Workbook::new();
    let head = Format::new()
        .set_bold()
        .set_border(FormatBorder::Thin)
        .set_text_wrap();
    let cell = Format::new().set_border(FormatBorder::Thin);
    let bold = Format::new().set_bold().set_border(FormatBorder::Thin);
    let money = Format::new()
        .set_border(FormatBorder::Thin)
        .set_num_format("#,##0.00");
    let pct = Format::new()
        .set_border(FormatBorder::Thin)
        .set_num_format("0.00%");
    {
        let ws = wb.add_worksheet().set_name("Data").expect("name");
        ws.write_string(0, 0, "Formulir E.81").expect("w");
        ws.write_string(
            1,
            0,
            "EVALUASI TERHADAP HASIL RENJA PERANGKAT DAERAH LINGKUP KOTA CONTOH",
        )
        .expect("w");
        ws.write_string(2, 0, "RENJA PERANGKAT DAERAH DINAS CONTOH")
            .expect("w");
        ws.write_string(3, 0, "PERIODE PELAKSANAAN: TRIWULAN IV TAHUN 2026")
            .expect("w");
        let groups: [(u16, &str); 14] = [
            (0, "No"),
            (1, "Sasaran"),
            (2, "Program/Kegiatan/Sub Kegiatan"),
            (3, "Indikator Kinerja Program (outcome)/ Kegiatan (output)"),
            (4, "Target Renstra Perangkat Daerah pada Tahun 2026 (Akhir Periode Renstra Perangkat Daerah)"),
            (6, "Realisasi Capaian Kinerja Renstra Perangkat Daerah sampai dengan Renja Perangkat Daerah Tahun Lalu (2025)"),
            (8, "Target Kinerja dan Anggaran Renja Perangkat Daerah Tahun Berjalan (2026) yang Dievaluasi"),
            (10, "Realisasi Kinerja Pada Triwulan"),
            (18, "Realisasi Capaian Kinerja dan Anggaran Renja Perangkat Daerah yang Dievaluasi"),
            (20, "Tingkat Capaian Kinerja dan Realisasi Anggaran Renja Perangkat Daerah yang Dievaluasi (%)"),
            (22, "Realisasi Kinerja dan Anggaran Renstra Perangkat Daerah s/d Tahun 2026"),
            (24, "Tingkat Capaian Kinerja dan Realisasi Anggaran Renstra Perangkat Daerah s/d Tahun 2026 (%)"),
            (26, "Unit Perangkat Daerah Penanggung Jawab"),
            (27, "Keterangan"),
        ];
        for (c, t) in groups {
            ws.write_string_with_format(5, c, t, &head).expect("w");
        }
        for (c, t) in [(10u16, "I"), (12, "II"), (14, "III"), (16, "IV")] {
            ws.write_string_with_format(6, c, t, &head).expect("w");
        }
        for c in (4u16..26).step_by(2) {
            ws.write_string_with_format(7, c, "K", &head).expect("w");
            ws.write_string_with_format(7, c + 1, "Rp", &head)
                .expect("w");
        }
        let numbering: [(u16, &str); 17] = [
            (0, "1"),
            (1, "2"),
            (2, "3"),
            (3, "4"),
            (4, "5"),
            (6, "6"),
            (8, "7"),
            (10, "8"),
            (12, "9"),
            (14, "10"),
            (16, "11"),
            (18, "12 = 8 + 9 + 10 + 11"),
            (20, "13 = 12/7 x 100"),
            (22, "14 = 6 + 12"),
            (24, "15 = 14/5 x 100"),
            (26, "16"),
            (27, "17"),
        ];
        for (c, t) in numbering {
            ws.write_string_with_format(8, c, t, &head).expect("w");
        }
        ws.merge_range(5, 10, 5, 17, "Realisasi Kinerja Pada Triwulan", &head)
            .expect("merge");
        ws.set_column_width(2, 40).expect("width");
        // Row 10: program (percent indicator, K as text, shared strings).
        ws.write_string_with_format(9, 2, "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH", &bold)
            .expect("w");
        ws.write_string_with_format(9, 3, "Persentase layanan sesuai standar", &bold)
            .expect("w");
        ws.write_string_with_format(9, 4, "100 %", &bold)
            .expect("w");
        ws.write_number_with_format(9, 5, 5_000_000.0, &money)
            .expect("w");
        ws.write_string_with_format(9, 8, "100%", &bold).expect("w");
        ws.write_formula_with_format(9, 9, Formula::new("=J11").set_result("1000000"), &money)
            .expect("w");
        ws.write_string_with_format(9, 10, "20 %", &bold)
            .expect("w");
        ws.write_number_with_format(9, 11, 150_000.0, &money)
            .expect("w");
        ws.write_string_with_format(9, 12, "45,5 %", &bold)
            .expect("w");
        ws.write_number_with_format(9, 13, 200_000.0, &money)
            .expect("w");
        // 12 Rp and 13 Rp are formulas (13 with a percent format: a fraction).
        ws.write_formula_with_format(
            9,
            19,
            Formula::new("=L10+N10+P10+R10").set_result("350000"),
            &money,
        )
        .expect("w");
        ws.write_formula_with_format(9, 21, Formula::new("=T10/J10").set_result("0.35"), &pct)
            .expect("w");
        ws.write_string_with_format(9, 26, "Sekretariat", &cell)
            .expect("w");
        // Row 11: kegiatan (bold); target Rp is a formula (an input holding a formula).
        ws.write_string_with_format(10, 2, "Perencanaan dan Evaluasi Kinerja", &bold)
            .expect("w");
        ws.write_string_with_format(10, 3, "Jumlah dokumen perencanaan", &bold)
            .expect("w");
        ws.write_string_with_format(10, 8, "4 Dok", &bold)
            .expect("w");
        ws.write_formula_with_format(
            10,
            9,
            Formula::new("=J12+J13").set_result("1000000"),
            &money,
        )
        .expect("w");
        ws.write_string_with_format(10, 10, "1 Dok", &bold)
            .expect("w");
        ws.write_number_with_format(10, 11, 150_000.0, &money)
            .expect("w");
        // Rows 12–13: sub kegiatan, numbers as numbers, quarters II–IV absent.
        for (r, name, target, k1, rp1) in [
            (
                11u32,
                "Penyusunan Dokumen Perencanaan",
                600_000.0,
                1.0,
                100_000.0,
            ),
            (
                12,
                "Evaluasi Kinerja Perangkat Daerah",
                400_000.0,
                2.0,
                50_000.0,
            ),
        ] {
            ws.write_string_with_format(r, 2, name, &cell).expect("w");
            ws.write_string_with_format(r, 3, "Jumlah dokumen", &cell)
                .expect("w");
            ws.write_number_with_format(r, 8, 2.0, &cell).expect("w");
            ws.write_number_with_format(r, 9, target, &money)
                .expect("w");
            ws.write_number_with_format(r, 10, k1, &cell).expect("w");
            ws.write_number_with_format(r, 11, rp1, &money).expect("w");
            ws.write_string_with_format(r, 27, "catatan & <lama>", &cell)
                .expect("w");
        }
        ws.write_string(14, 0, "Rata-rata capaian kinerja (%)")
            .expect("w");
        let img = Image::new_from_buffer(PNG).expect("png");
        ws.insert_image(15, 2, &img).expect("image");
        ws.set_landscape();
        ws.set_paper_size(9);
        ws.set_margins(0.5, 0.5, 0.75, 0.75, 0.3, 0.3);
        ws.set_print_gridlines(true);
    }
    {
        let ws = wb.add_worksheet().set_name("Catatan").expect("name");
        ws.write_string(0, 0, "Lembar lain, tidak boleh berubah")
            .expect("w");
        ws.write_formula(1, 0, Formula::new("=Data!T10").set_result("350000"))
            .expect("w");
    }
    wb.define_name("Realisasi_Total", "=Data!$T$10")
        .expect("name");
    let bytes = wb.save_to_buffer().expect("save");

    // Add a calcChain (as Excel writes one) and a calcPr without fullCalcOnLoad.
    let ct = String::from_utf8(entry(&bytes, "[Content_Types].xml").expect("ct")).expect("utf8");
    let ct = ct.replace(
        "</Types>",
        "<Override PartName=\"/xl/calcChain.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml\"/></Types>",
    );
    let rels = String::from_utf8(entry(&bytes, "xl/_rels/workbook.xml.rels").expect("rels"))
        .expect("utf8");
    let rels = rels.replace(
        "</Relationships>",
        "<Relationship Id=\"rId99\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain\" Target=\"calcChain.xml\"/></Relationships>",
    );
    let wbx = String::from_utf8(entry(&bytes, "xl/workbook.xml").expect("wb")).expect("utf8");
    let start = wbx.find("<calcPr").expect("calcPr");
    let end = start + wbx[start..].find("/>").expect("end") + 2;
    let wbx = format!(
        "{}<calcPr calcId=\"191029\"/>{}",
        &wbx[..start],
        &wbx[end..]
    );
    let chain = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<calcChain xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><c r=\"J11\" i=\"1\"/><c r=\"J10\"/><c r=\"T10\"/><c r=\"V10\"/><c r=\"A2\" i=\"2\"/></calcChain>";
    rezip(
        &bytes,
        &[
            ("[Content_Types].xml", ct.into_bytes()),
            ("xl/_rels/workbook.xml.rels", rels.into_bytes()),
            ("xl/workbook.xml", wbx.into_bytes()),
            ("xl/calcChain.xml", chain.as_bytes().to_vec()),
        ],
    )
}

fn sheet_text(bytes: &[u8], part: &str) -> String {
    String::from_utf8(entry(bytes, part).expect("sheet")).expect("utf8")
}

/// The rich template with edits: quarter II of both sub kegiatan (cells absent), quarter I
/// of the program (a percent text cell), the kegiatan's target Rp (a formula cell), a
/// keterangan.
fn rich_filled() -> (
    Vec<u8>,
    Vec<u8>,
    Document,
    Vec<capaian_domain::model::Problem>,
) {
    let limits = Limits::default();
    let template = rich_template();
    let import = read_workbook(&template, &limits).expect("import rich template");
    let mut doc = import.document.clone();
    assert_eq!(doc.rows.len(), 4, "{:#?}", doc.rows);
    doc.rows[0].tw[0].k = Some(KValue::Number(d("22.75")));
    doc.rows[1].target.rp = Some(d("999"));
    for r in &mut doc.rows[2..4] {
        r.tw[1] = Pair {
            k: Some(KValue::Number(d("1"))),
            rp: Some(d("60000.5")),
        };
    }
    doc.rows[3].keterangan = "baru: 5 < 6 & \"benar\"".into();
    let (filled, problems) =
        fill_template(&template, &doc, &E81Settings::default(), &limits).expect("fill rich");
    (template, filled, doc, problems)
}

#[test]
fn fill_rich_template_keeps_parts_formulas_and_styles() {
    let limits = Limits::default();
    let (template, filled, doc, problems) = rich_filled();
    let sheet = sheet_part(&template, "Data");

    // calcChain gone with its references; recalculation on open; everything else intact.
    assert!(entry(&template, "xl/calcChain.xml").is_some());
    assert!(entry(&filled, "xl/calcChain.xml").is_none());
    assert_preserved(&template, &filled, &sheet, "rich");
    for name in [
        "xl/media/image1.png",
        "xl/drawings/drawing1.xml",
        "xl/drawings/_rels/drawing1.xml.rels",
        "xl/worksheets/sheet2.xml",
        "xl/worksheets/_rels/sheet1.xml.rels",
        "xl/sharedStrings.xml",
        "xl/styles.xml",
    ] {
        let a = entry(&template, name);
        assert!(a.is_some(), "template has {name}");
        assert_eq!(a, entry(&filled, name), "{name} not byte-identical");
    }
    let wb = String::from_utf8(entry(&filled, "xl/workbook.xml").expect("wb")).expect("utf8");
    assert!(
        wb.contains("<calcPr calcId=\"191029\" fullCalcOnLoad=\"1\"/>"),
        "{wb}"
    );
    assert!(wb.contains("Realisasi_Total"), "defined name lost: {wb}");
    let before = String::from_utf8(entry(&template, "xl/workbook.xml").expect("wb")).expect("utf8");
    assert_eq!(
        before.replace("<calcPr calcId=\"191029\"/>", ""),
        wb.replace("<calcPr calcId=\"191029\" fullCalcOnLoad=\"1\"/>", ""),
        "workbook.xml changed beyond calcPr"
    );

    // Formulas: computed column kept with a new cached value; input formula kept + warned.
    let xml = sheet_text(&filled, &sheet);
    assert!(xml.contains("<f>L10+N10+P10+R10</f><v>"), "{xml}");
    assert!(xml.contains("<f>J12+J13</f>"), "input formula lost");
    assert!(
        problems
            .iter()
            .any(|p| p.code == "rumus_dipertahankan" && p.at.cell.as_deref() == Some("J11")),
        "{problems:?}"
    );
    // Text convention of the template's own cell, styles kept, created cells styled.
    let again = read_workbook(&filled, &limits).expect("reimport");
    assert_eq!(
        again.document.rows[0].tw[0].k,
        Some(KValue::Number(d("22.75")))
    );
    assert!(xml.contains("<is><t>22,75 %</t></is>"), "{xml}");
    assert!(xml.contains("baru: 5 &lt; 6 &amp; \"benar\""), "{xml}");
    let cell_tag = |r: &str| {
        let at = xml
            .find(&format!("<c r=\"{r}\""))
            .unwrap_or_else(|| panic!("cell {r} in {xml}"));
        xml[at..at + xml[at..].find('>').expect("gt")].to_string()
    };
    let orig = sheet_text(&template, &sheet);
    let orig_tag = |r: &str| {
        let at = orig.find(&format!("<c r=\"{r}\"")).expect("cell");
        orig[at..at + orig[at..].find('>').expect("gt")].to_string()
    };
    let style = |tag: &str| {
        tag.split("s=\"")
            .nth(1)
            .map(|s| s.split('"').next().unwrap_or("").to_string())
    };
    assert_eq!(
        style(&cell_tag("K10")),
        style(&orig_tag("K10")),
        "K10 style"
    );
    assert_eq!(
        style(&cell_tag("T10")),
        style(&orig_tag("T10")),
        "T10 style"
    );
    // M12/N12 did not exist: created with the style of the column above in this level, or
    // of the row's neighbours (never unstyled).
    assert!(style(&cell_tag("M12")).is_some(), "{}", cell_tag("M12"));
    assert!(style(&cell_tag("N13")).is_some(), "{}", cell_tag("N13"));
    for (a, b) in again.document.rows.iter().zip(&doc.rows) {
        if a.sheet_row == 11 {
            // J11 keeps its formula (cached value as before).
            assert_eq!(a.target.rp, Some(d("1000000")));
            continue;
        }
        assert_inputs(a, b, "rich");
    }
    // Columns 12–15 are the document's (the warning says the formula cell was kept).
    let has_col = computed_columns(&again);
    assert_computed(&again.document, &doc, &has_col, true, "rich");
}

#[test]
fn libreoffice_opens_filled_workbooks_without_repair() {
    let soffice = ["/usr/bin/soffice", "/usr/bin/libreoffice"]
        .into_iter()
        .find(|p| Path::new(p).exists())
        .expect("LibreOffice (soffice) is required: apt-get install -y libreoffice-calc-nogui");
    let limits = Limits::default();
    let dir = std::env::temp_dir().join(format!("capaian-fill-lo-{}", std::process::id()));
    let out = dir.join("out");
    std::fs::create_dir_all(&out).expect("tmp dir");
    let mut files: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    for path in workbooks() {
        if path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with("big_"))
        {
            continue; // 20 000 rows: covered by the other tests; too slow for LibreOffice here
        }
        let bytes = std::fs::read(&path).expect("fixture");
        let import = read_workbook(&bytes, &limits).expect("import");
        let mut doc = import.document.clone();
        edit_doc(&mut doc, 2);
        let (filled, _) =
            fill_template(&bytes, &doc, &E81Settings::default(), &limits).expect("fill");
        let name = format!(
            "filled_{}",
            path.file_name().expect("name").to_string_lossy()
        );
        files.push((dir.join(name), filled));
    }
    let (_, rich, _, _) = rich_filled();
    files.push((dir.join("filled_rich.xlsx"), rich));
    for (p, b) in &files {
        std::fs::write(p, b).expect("write filled");
    }
    let profile = dir.join("profile");
    let status = std::process::Command::new(soffice)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", "xlsx", "--outdir"])
        .arg(&out)
        .args(files.iter().map(|(p, _)| p))
        .status()
        .expect("run soffice");
    assert!(status.success(), "soffice failed: {status}");
    for (p, filled) in &files {
        let converted = out.join(p.file_name().expect("name"));
        let bytes = std::fs::read(&converted)
            .unwrap_or_else(|e| panic!("LibreOffice did not convert {}: {e}", p.display()));
        let ours = read_workbook(filled, &limits).expect("filled reads");
        let theirs = read_workbook(&bytes, &limits)
            .unwrap_or_else(|e| panic!("converted {} unreadable: {e}", converted.display()));
        assert_eq!(ours.document.rows.len(), theirs.document.rows.len());
        for (a, b) in ours.document.rows.iter().zip(&theirs.document.rows) {
            assert_inputs(a, b, &converted.display().to_string());
            for (x, y) in [
                (&a.stated.c12, &b.stated.c12),
                (&a.stated.c13, &b.stated.c13),
                (&a.stated.c14, &b.stated.c14),
                (&a.stated.c15, &b.stated.c15),
            ] {
                assert!(
                    close(&x.k, &y.k)
                        && close(&x.rp.map(KValue::Number), &y.rp.map(KValue::Number)),
                    "{}: row {}: {x:?} vs LibreOffice {y:?}",
                    converted.display(),
                    a.sheet_row
                );
            }
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

// ---------------------------------------------------------------------------------------
// Hostile input.

fn small_fixture() -> Vec<u8> {
    std::fs::read(fixtures_dir().join("e81_101.xlsx")).expect("fixture")
}

#[test]
fn malformed_template_is_an_error_not_a_panic() {
    let limits = Limits::default();
    let bytes = small_fixture();
    let import = read_workbook(&bytes, &limits).expect("import");
    let doc = import.document.clone();
    let sheet = sheet_text(&bytes, "xl/worksheets/sheet1.xml");

    assert!(matches!(
        fill_template(b"not a zip", &doc, &E81Settings::default(), &limits),
        Err(FillError::Template(_))
    ));
    let broken = [
        sheet.replacen("</row>", "</rowx>", 3),
        sheet.replacen("<v>", "<v><", 5),
        sheet[..sheet.len() / 2].to_string(),
        sheet.replace("</sheetData>", ""),
        sheet.replacen("r=\"K10\"", "r=\"??\"", 1),
    ];
    for (i, xml) in broken.iter().enumerate() {
        let t = rezip(
            &bytes,
            &[("xl/worksheets/sheet1.xml", xml.clone().into_bytes())],
        );
        let r = fill_template(&t, &doc, &E81Settings::default(), &limits);
        assert!(r.is_err(), "broken sheet #{i} was filled");
        let msg = r.err().map(|e| e.to_string()).unwrap_or_default();
        assert!(!msg.is_empty());
    }
    // Random byte damage: never a panic.
    let mut seed: u64 = 0x9e3779b97f4a7c15;
    let raw = sheet.into_bytes();
    for _ in 0..60 {
        let mut x = raw.clone();
        for _ in 0..8 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let i = (seed >> 33) as usize % x.len();
            x[i] = (seed >> 20) as u8;
        }
        let t = rezip(&bytes, &[("xl/worksheets/sheet1.xml", x)]);
        let _ = fill_template(&t, &doc, &E81Settings::default(), &limits);
    }
}

/// A template is read with the profile of the document's own form kind; a document of a kind
/// Capaian does not know (or that names none) is refused with the reason, never filled as if
/// it were an E.81.
#[test]
fn a_document_is_filled_by_its_own_form_kinds_profile() {
    let limits = Limits::default();
    let bytes = small_fixture();
    let doc = read_workbook(&bytes, &limits).expect("import").document;
    assert_eq!(doc.form, "E.81");
    assert!(fill_template(&bytes, &doc, &E81Settings::default(), &limits).is_ok());
    for (form, says) in [
        ("PK", "belum mengenal jenis formulir 'PK'"),
        ("", "tidak menyebut jenis formulirnya"),
    ] {
        let mut other = doc.clone();
        other.form = form.into();
        let err = fill_template(&bytes, &other, &E81Settings::default(), &limits)
            .expect_err("an unknown form kind is not filled");
        assert!(matches!(err, FillError::UnknownForm(_)), "{err:?}");
        assert!(err.to_string().contains(says), "{err}");
    }
}

#[test]
fn rows_that_are_not_the_templates_are_located_errors() {
    let limits = Limits::default();
    let bytes = small_fixture();
    let import = read_workbook(&bytes, &limits).expect("import");
    let sheet = import.layout.sheet.clone();

    let mut past = import.document.clone();
    past.rows[0].sheet_row = 99_999;
    let e = fill_template(&bytes, &past, &E81Settings::default(), &limits)
        .expect_err("row past the sheet");
    assert!(
        matches!(
            e,
            FillError::RowNotInTemplate {
                sheet_row: 99_999,
                ..
            }
        ),
        "{e:?}"
    );
    let msg = e.to_string();
    assert!(msg.contains("99999") && msg.contains(&sheet), "{msg}");

    let mut renamed = import.document.clone();
    let r = renamed.rows[1].sheet_row;
    renamed.rows[1].name = "Program lain".into();
    let e =
        fill_template(&bytes, &renamed, &E81Settings::default(), &limits).expect_err("wrong row");
    let name_cell = import
        .layout
        .cell(r, capaian_domain::model::Field::Name)
        .expect("name column");
    assert!(
        matches!(&e, FillError::RowMismatch { cell, .. } if *cell == name_cell),
        "{e:?}"
    );

    let mut new_row = import.document.clone();
    new_row.rows[2].sheet_row = 0;
    assert!(matches!(
        fill_template(&bytes, &new_row, &E81Settings::default(), &limits),
        Err(FillError::NoSheetRow { index: 2, .. })
    ));

    let mut twice = import.document.clone();
    twice.rows[3].sheet_row = twice.rows[2].sheet_row;
    twice.rows[3].name = twice.rows[2].name.clone();
    twice.rows[3].kode = twice.rows[2].kode.clone();
    assert!(matches!(
        fill_template(&bytes, &twice, &E81Settings::default(), &limits),
        Err(FillError::DuplicateRow { .. })
    ));

    // The template passes the reader's limits.
    let tiny = Limits {
        max_file_bytes: 100,
        ..Limits::default()
    };
    assert!(matches!(
        fill_template(&bytes, &import.document, &E81Settings::default(), &tiny),
        Err(FillError::Template(_))
    ));
}

/// A later file merged into the document becomes its template: the document's rows are
/// written where the merge found them (not where the document's own file had them), and the
/// rows the template lacks are one warning, never written somewhere else.
#[test]
fn a_merged_file_is_filled_where_the_merge_placed_each_row() {
    let limits = Limits::default();
    let bytes = small_fixture();
    let import = read_workbook(&bytes, &limits).expect("import");
    let n = import.document.rows.len();
    let at: Vec<Option<u32>> = import
        .document
        .rows
        .iter()
        .map(|r| Some(r.sheet_row))
        .chain([None])
        .collect();
    let mut doc = import.document.clone();
    // The document was read from another file: its own sheet rows say nothing here.
    for r in &mut doc.rows {
        r.sheet_row += 1000;
    }
    let last = doc.rows.len() - 1;
    doc.rows[last].tw[2].rp = Some(d("123456.78"));
    let mut new_row = doc.rows[last].clone();
    new_row.name = "Sub kegiatan yang tidak ada di berkas".into();
    new_row.kode = Some("9.99.99.2.01.01".into());
    new_row.sheet_row = 0;
    doc.rows.push(new_row);

    // Without the placement the document's rows are not the template's.
    assert!(fill_template(&bytes, &doc, &E81Settings::default(), &limits).is_err());

    let (filled, problems) = fill_template_with(
        &bytes,
        &doc,
        Some(&at),
        &ReadOptions::default(),
        &E81Settings::default(),
        &limits,
    )
    .expect("filled");
    let absent: Vec<_> = problems
        .iter()
        .filter(|p| p.code == "baris_tidak_di_template")
        .collect();
    assert_eq!(absent.len(), 1, "{problems:?}");
    assert!(
        absent[0].message.starts_with("1 baris dokumen")
            && absent[0]
                .message
                .contains("Sub kegiatan yang tidak ada di berkas"),
        "{}",
        absent[0].message
    );
    assert_eq!(absent[0].at.row, Some(n));
    let back = read_workbook(&filled, &limits).expect("filled reads");
    assert_eq!(back.document.rows.len(), n);
    let mut expected = import.document.clone();
    expected.rows[last].tw[2].rp = Some(d("123456.78"));
    for (i, (b, e)) in back.document.rows.iter().zip(&expected.rows).enumerate() {
        assert_inputs(b, e, &format!("row {i}"));
    }

    // A placement past the template's data rows is a located error, as before.
    let mut wrong = at.clone();
    wrong[0] = Some(99_999);
    assert!(matches!(
        fill_template_with(
            &bytes,
            &doc,
            Some(&wrong),
            &ReadOptions::default(),
            &E81Settings::default(),
            &limits
        ),
        Err(FillError::RowNotInTemplate {
            sheet_row: 99_999,
            ..
        })
    ));
}

/// A template whose money columns are in thousands (`Rp. (000)`) gets amounts in thousands:
/// what the reader reads back is the document's rupiah, never 1 000 times it.
#[test]
fn money_in_thousands_is_written_in_thousands() {
    let limits = Limits::default();
    let dir = fixtures_dir()
        .parent()
        .map(|p| p.join("real-layouts"))
        .expect("fixtures");
    let bytes = std::fs::read(dir.join("quarters_thousands.xlsx")).expect("fixture");
    let import = read_workbook(&bytes, &limits).expect("import");
    let mut doc = import.document.clone();
    let i = doc
        .rows
        .iter()
        .position(|r| r.target.rp.is_some() && r.tw[1].rp.is_some())
        .expect("a row with target and TW II Rp");
    // Target Rp is in thousands in this file, TW II Rp in rupiah.
    doc.rows[i].target.rp = Some(d("2500000000"));
    doc.rows[i].tw[1].rp = Some(d("2500000"));
    let (filled, _) = fill_template(&bytes, &doc, &E81Settings::default(), &limits).expect("fill");
    let back = read_workbook(&filled, &limits).expect("read back");
    assert_eq!(back.document.rows[i].target.rp, Some(d("2500000000")));
    assert_eq!(back.document.rows[i].tw[1].rp, Some(d("2500000")));
    for (j, (b, e)) in back.document.rows.iter().zip(&doc.rows).enumerate() {
        assert_inputs(b, e, &format!("row {j}"));
    }
}

/// Seed 004's Tabel 3.2.8 (the laporan s.d. TW II, `tests/fixtures/laporan/`) filled through
/// the generic fill with one TW realisasi and one TW target changed: read back with the
/// laporan's profile, exactly those two values differ; only the sheet (and the workbook's
/// calculation flag) differ from the template.
#[test]
fn a_laporan_fills_its_changed_tw_realisasi_and_tw_target() {
    use capaian_domain::model::Level;
    use capaian_xlsx::{read_workbook_with, FormProfile};
    let limits = Limits::default();
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(
        "../../tests/fixtures/laporan/tabel_3_2_8_capaian_kinerja_keuangan_program_pengembangan_sdm_sd_tw2.xlsx",
    );
    let template = std::fs::read(&path).expect("fixture");
    let profile = FormProfile::laporan();
    let read = |bytes: &[u8]| {
        read_workbook_with(bytes, &limits, &profile)
            .expect("read")
            .document
    };
    let doc = read(&template);
    assert_eq!(doc.form, "laporan_triwulan");
    let i = doc
        .rows
        .iter()
        .position(|r| r.level == Level::SubKegiatan)
        .expect("a sub kegiatan");
    // 1.1.1: TW II realisasi 111 Orang → 120, Target TW II 111 Orang → 115.
    assert_eq!(doc.rows[i].tw[1].k, Some(KValue::Number(d("111"))));
    assert_eq!(
        doc.rows[i].rencana.triwulan[1].k,
        Some(KValue::Number(d("111")))
    );
    let mut edited = doc.clone();
    edited.rows[i].tw[1].k = Some(KValue::Number(d("120")));
    edited.rows[i].rencana.triwulan[1].k = Some(KValue::Number(d("115")));
    let (filled, problems) =
        fill_template(&template, &edited, &E81Settings::default(), &limits).expect("fill");
    assert!(problems.is_empty(), "{problems:#?}");
    let (computed, _) = compute(&edited, &E81Settings::default());
    let back = read(&filled);
    assert_eq!(back.rows.len(), doc.rows.len());
    let inputs = |r: &Row| {
        (
            r.level,
            r.name.clone(),
            r.kode.clone(),
            r.indicator.clone(),
            r.unit.clone(),
            r.target.clone(),
            r.tw.clone(),
            r.rencana.triwulan.clone().map(|p| p.k),
        )
    };
    let mut changed = Vec::new();
    for (j, ((o, e), b)) in doc
        .rows
        .iter()
        .zip(&edited.rows)
        .zip(&back.rows)
        .enumerate()
    {
        assert_eq!(inputs(b), inputs(e), "row {j}");
        if inputs(o) != inputs(b) {
            changed.push(j);
        }
        // The stated realisasi keuangan s.d. TW and its % are kept (the sheet has no Rp per
        // quarter to compute them from); the stated % capaian kinerja is the template's or
        // Capaian's (the fill's rule for computed columns).
        assert_eq!(
            (b.stated.c12.rp, b.stated.c13.rp),
            (o.stated.c12.rp, o.stated.c13.rp),
            "row {j}"
        );
        let ours = match &computed.rows[j].c13.k {
            Some(KValue::Number(x)) => Some(KValue::Number(computed_as_written(*x))),
            other => other.clone(),
        };
        assert!(
            b.stated.c13.k == o.stated.c13.k || b.stated.c13.k == ours,
            "row {j}: {:?} / {:?} / {ours:?}",
            b.stated.c13.k,
            o.stated.c13.k
        );
    }
    assert_eq!(changed, [i]);
    let refreshed = doc
        .rows
        .iter()
        .zip(&back.rows)
        .filter(|(o, b)| o.stated.c13.k != b.stated.c13.k)
        .count();
    eprintln!("laporan fill: 2 inputs changed, % capaian kinerja refreshed on {refreshed} rows");
    let (o, b) = (&doc.rows[i], &back.rows[i]);
    assert_eq!(b.tw[0], o.tw[0]);
    assert_eq!(b.target, o.target);
    // Its % capaian kinerja s.d. TW II follows: (84 + 120) / 260.
    assert_eq!(o.stated.c13.k, Some(KValue::Number(d("75.00"))));
    let want = computed_as_written(d("204") * Decimal::ONE_HUNDRED / d("260"));
    assert_eq!(b.stated.c13.k, Some(KValue::Number(want)));
    // Only the sheet and workbook.xml differ from the template.
    let (te, fe) = (entries(&template), entries(&filled));
    assert_eq!(
        te.iter().map(|(n, _)| n).collect::<Vec<_>>(),
        fe.iter().map(|(n, _)| n).collect::<Vec<_>>()
    );
    let differ: Vec<&str> = te
        .iter()
        .zip(&fe)
        .filter(|(a, b)| a.1 != b.1)
        .map(|(a, _)| a.0.as_str())
        .collect();
    assert!(differ.contains(&"xl/worksheets/sheet1.xml"), "{differ:?}");
    assert!(
        differ
            .iter()
            .all(|n| *n == "xl/worksheets/sheet1.xml" || *n == "xl/workbook.xml"),
        "{differ:?}"
    );
}
