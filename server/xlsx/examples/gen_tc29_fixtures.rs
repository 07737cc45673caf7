//! Writes the T-C.29 input documents of `tests/fixtures/tc29/` from the seeds' T-C.29 tables
//! (the verbatim CSV copies beside them, read as [`tc29_seed`] reads them): for each seed, the
//! final E.81 of year n-2 and the E.81 of year n-1 that the table was printed from, as stored
//! documents (JSON, [`capaian_domain::model::Document`]).
//!
//! Each table row becomes, read with `capaian_domain::tc29::baca_baris` (values with
//! `num::parse_cell`, the satuan the first stated of columns 4, 6, 7, 5, the meaning
//! `indicator::default_semantics` of it):
//! - in the n-2 document (quarter IV): column 5 = the table's column 4 (target Renstra), column
//!   6 = its column 5 (realisasi s.d. n-3), column 7 = its column 6 (target n-2), the realisation
//!   of the year (the table's column 7) in TW IV; the unit that of column 6;
//! - in the n-1 document: column 5 = the table's column 4, column 7 = its column 9; the row's
//!   satuan.
//!
//! A row is in a year's document when the table states something for that year (columns 4–7
//! for n-2; 4 or 9 for n-1; `-` counts as stated), a sub kegiatan when it or one of its extra
//! indicator rows is, programs and kegiatan always. Nothing of columns 8, 10, 11 goes in: those
//! are what the test derives and compares with the table.
//!
//! It also writes each seed's table itself as the agency's workbook would hold it
//! (`tc29_001.xlsx`, `tc29_002.xlsx`), for the T-C.29 reader (`capaian_xlsx::read_tc29`): the
//! caption, a two-row header (a group merged over its columns, a title without a group over
//! both rows; seed 001's value and satuan columns under one merged title), seed 001's
//! numbering row (`8=(7/6)`), then every row's cells as the seed prints them, as text.
//!
//! And `tc29_001_2026.xlsx`, the same agency's T-C.29 of the next year's Renja (2026), from a
//! hand-written table (`seed_001_T-C.29_renja_2026_buatan.csv`: seed 001's first rows, the
//! years one later, columns 8, 10 and 11 worked by hand): its column 5 (realisasi s.d. 2023) is
//! seed 001's columns 5 + 7 for counts and 7 for levels — except two rows typed otherwise, the
//! SAKIP score rounded (65 for 65,16) and a count revised (400 for 200 + 285) —, for the check
//! of two consecutive years' tables against each other.
//!
//! Run: `cargo run -p capaian-xlsx --example gen_tc29_fixtures`.

#[path = "../tests/common/csv.rs"]
mod csv;
#[path = "../tests/common/tc29.rs"]
#[allow(dead_code)]
mod tc29_seed;

use capaian_domain::model::{Document, KValue, Level, Pair, Row};
use capaian_domain::tc29::{baca_baris, BarisTc29, BarisTeks, Tertulis};

fn pair(k: &Option<KValue>) -> Pair {
    Pair {
        k: k.clone(),
        rp: None,
    }
}

fn base(b: &BarisTc29, unit: Option<String>) -> Row {
    let mut r = Row::empty(b.level);
    r.kode = b.kode.clone();
    r.kode_raw = b.kode_berkas.clone();
    r.name = b.nama.clone();
    r.indicator = b.indikator.clone();
    r.unit = unit;
    r.semantics = b.makna.clone();
    r
}

fn n2_row(b: &BarisTc29, t: &Tertulis) -> Row {
    let mut r = base(b, t.satuan_kolom[2].clone().or_else(|| b.satuan.clone()));
    r.renstra = pair(&b.renstra);
    r.prev = pair(&b.sd_n3);
    r.target = pair(&b.target_n2);
    r.tw[3] = pair(&b.realisasi_n2);
    r
}

fn n1_row(b: &BarisTc29, _: &Tertulis) -> Row {
    let mut r = base(b, b.satuan.clone());
    r.renstra = pair(&b.renstra);
    r.target = pair(&b.target_n1);
    r
}

/// Which rows a year's document holds: `stated(row)` for the year, widened to whole nodes.
fn rows_of(teks: &[BarisTeks], stated: impl Fn(&BarisTeks) -> bool) -> Vec<bool> {
    let mut keep: Vec<bool> = teks
        .iter()
        .map(|t| matches!(t.level, Some(Level::Program | Level::Kegiatan)) || stated(t))
        .collect();
    // A node row is kept when one of its extra indicator rows is.
    let mut node = None;
    for i in 0..teks.len() {
        if teks[i].level == Some(Level::Indikator) {
            if keep[i] {
                if let Some(n) = node {
                    keep[n] = true;
                }
            }
        } else {
            node = Some(i);
        }
    }
    keep
}

fn filled(t: &BarisTeks, cols: &[usize]) -> bool {
    cols.iter().any(|&c| !t.kolom[c].trim().is_empty())
}

fn write(seed: &tc29_seed::SeedTc29, pd: &str, region: &str) {
    let read: Vec<(BarisTc29, Tertulis)> = seed.baris.iter().map(baca_baris).collect();
    let years = [
        (
            seed.tahun - 2,
            Some(4u8),
            rows_of(&seed.baris, |t| filled(t, &[0, 1, 2, 3])),
            n2_row as fn(&BarisTc29, &Tertulis) -> Row,
        ),
        (
            seed.tahun - 1,
            None,
            rows_of(&seed.baris, |t| filled(t, &[0, 5])),
            n1_row,
        ),
    ];
    for (year, quarter, keep, make) in years {
        let doc = Document {
            form: "E.81".into(),
            sheet: "E.81".into(),
            year: Some(year),
            quarter,
            region: Some(region.into()),
            pd: Some(pd.into()),
            rows: read
                .iter()
                .zip(&keep)
                .filter(|(_, k)| **k)
                .map(|((b, t), _)| make(b, t))
                .collect(),
        };
        let path = tc29_seed::tc29_dir().join(format!("{}_e81_{year}.json", seed.stem));
        let json = serde_json::to_string_pretty(&doc).expect("json");
        std::fs::write(&path, json + "\n").expect("write");
        println!("{}: {} rows", path.display(), doc.rows.len());
    }
}

/// Whether column `c` of `cols` has its satuan in the next column: its width (1 or 2).
fn width(cols: &[(String, String, String, bool)], c: usize) -> usize {
    if cols.get(c + 1).is_some_and(|n| n.3) {
        2
    } else {
        1
    }
}

/// A seed's T-C.29 CSV (`file`) as a workbook `out` under `caption` (see the module's doc).
fn workbook(file: &str, out: &str, caption: &str) -> Result<(), rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{Format, FormatAlign, Workbook};
    let text = std::fs::read_to_string(tc29_seed::tc29_dir().join(file)).expect("seed csv");
    let rows = csv::parse_csv(&text);
    let header = &rows[0];
    let keep: Vec<usize> = (0..header.len())
        .filter(|&i| !header[i].starts_with('_'))
        .collect();
    // Each column: (group, title, numbering label, a satuan column of the one before).
    let mut cols: Vec<(String, String, String, bool)> = Vec::new();
    for &i in &keep {
        let mut t = header[i].trim().to_string();
        let satuan = t.ends_with(" (satuan)");
        if satuan {
            t = t.trim_end_matches(" (satuan)").to_string();
        }
        let mut label = String::new();
        if let (Some(a), true) = (t.rfind(" ["), t.ends_with(']')) {
            label = t[a + 2..t.len() - 1].to_string();
            t.truncate(a);
        }
        let (g, sub) = match t.split_once(" \u{203a} ").or_else(|| t.split_once(" / ")) {
            Some((g, s)) => (g.trim().to_string(), s.trim().to_string()),
            None => (String::new(), t.clone()),
        };
        cols.push((g, sub, label, satuan));
    }
    // A `/` in a title is a group only when another column shares it.
    for i in 0..cols.len() {
        let g = cols[i].0.clone();
        if !g.is_empty() && cols.iter().filter(|c| c.0 == g).count() < 2 {
            cols[i].1 = format!("{g} / {}", cols[i].1);
            cols[i].0.clear();
        }
    }
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("T-C.29")?;
    let head = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center);
    ws.write_string_with_format(0, 0, caption, &Format::new().set_bold())?;
    let (h1, h2) = (2u32, 3u32);
    let col16 = |c: usize| u16::try_from(c).expect("column");
    let mut c = 0usize;
    while c < cols.len() {
        let w = width(&cols, c);
        let g = cols[c].0.clone();
        if g.is_empty() {
            ws.merge_range(h1, col16(c), h2, col16(c + w - 1), &cols[c].1, &head)?;
            c += w;
            continue;
        }
        let mut end = c;
        while end < cols.len() && cols[end].0 == g {
            end += 1;
        }
        ws.merge_range(h1, col16(c), h1, col16(end - 1), &g, &head)?;
        let mut k = c;
        while k < end {
            let wk = width(&cols, k);
            if wk == 1 {
                ws.write_string_with_format(h2, col16(k), &cols[k].1, &head)?;
            } else {
                ws.merge_range(h2, col16(k), h2, col16(k + 1), &cols[k].1, &head)?;
            }
            k += wk;
        }
        c = end;
    }
    let mut r = h2 + 1;
    if cols.iter().any(|c| !c.2.is_empty()) {
        let mut c = 0usize;
        while c < cols.len() {
            let w = width(&cols, c);
            if w == 2 {
                ws.merge_range(r, col16(c), r, col16(c + 1), &cols[c].2, &head)?;
            } else {
                ws.write_string_with_format(r, col16(c), &cols[c].2, &head)?;
            }
            c += w;
        }
        r += 1;
    }
    for row in &rows[1..] {
        for (j, &i) in keep.iter().enumerate() {
            let v = row.get(i).map_or("", String::as_str);
            if !v.is_empty() {
                ws.write_string(r, col16(j), v)?;
            }
        }
        r += 1;
    }
    let path = tc29_seed::tc29_dir().join(out);
    wb.save(&path)?;
    println!("{}", path.display());
    Ok(())
}

fn main() {
    let pd = "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia";
    write(&tc29_seed::seed_001(), pd, "Kabupaten Paser");
    write(&tc29_seed::seed_002(), pd, "Kota Banjarbaru");
    workbook(
        tc29_seed::SEED_001,
        "tc29_001.xlsx",
        "Tabel T-C.29 Rekapitulasi Evaluasi Hasil Pelaksanaan Renja Perangkat Daerah dan Pencapaian Renstra Perangkat Daerah s/d Tahun 2024 Kabupaten Paser",
    )
    .expect("tc29_001.xlsx");
    workbook(
        tc29_seed::SEED_002,
        "tc29_002.xlsx",
        "Tabel 2.3 Rekapitulasi Evaluasi Hasil Pelaksanaan Renja dan Pencapaian Renstra Perangkat Daerah Kota Banjarbaru",
    )
    .expect("tc29_002.xlsx");
    workbook(
        "seed_001_T-C.29_renja_2026_buatan.csv",
        "tc29_001_2026.xlsx",
        "Tabel T-C.29 Rekapitulasi Evaluasi Hasil Pelaksanaan Renja Perangkat Daerah dan Pencapaian Renstra Perangkat Daerah s/d Tahun 2025 Kabupaten Paser",
    )
    .expect("tc29_001_2026.xlsx");
}
