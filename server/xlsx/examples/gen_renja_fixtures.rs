//! Writes the Renja fixture workbooks of `tests/fixtures/renja/` from the real seed tables
//! (`tests/fixtures/seeds/001` and `002`), each printed as the seed prints it: the header's
//! wording and grouping exactly as the CSV's header (merged group cells over sub-labels), the
//! title rows above, a numbering row where the seed has one, amounts as text where the seed's
//! document has text. The CSVs' trailing `_` columns (`_source_lines`, `_bold`, `_level`, …) are
//! the seed author's interpretation and are never written.
//!
//! - `renja_001_tabel_3_1_4.xlsx`: seed 001 Tabel 3.1.4 — no kode, the 2025 amounts as text
//!   (`142.373.000,00`, the malformed `259.987.00,00` kept), the 2026 amounts as numbers;
//! - `renja_002_tabel_5_1.xlsx`: seed 002 Tabel 5.1 of the Renja Perubahan — kode column, the
//!   bidang and `01.00` unit rows, a sub-header that is a bare year (`2024`, `2025`) over the
//!   pagu columns, the `JUMLAH` row, and the title's wrong year (`TAHUN 2025`) kept;
//! - `renja_002_lampiran_perubahan.xlsx`: seed 002's lampiran — a three-row header (group /
//!   sub-group / Sebelum–Setelah–Jumlah Berubahan (+/-), `Suber Dana` as printed), a numbering
//!   row `1 … 18`, the PDF artefacts in the kode (`5.03.0 1.2.06. 09`) and `(13.143.400 )`;
//! - `renja_varian_kode_lima_kolom.xlsx` (Tabel 5.1's rows): the kode split over five columns
//!   (urusan | bidang | program | kegiatan `2.01` | sub kegiatan `01`) under a merged `Kode`,
//!   amounts in thousands under `Pagu Indikatif (Rp. 000)`, a title naming another year, and a
//!   hidden older copy first in the book with a richer header (a reader that looked at hidden
//!   sheets would take it);
//! - `renja_varian_kode_nama.xlsx` (Tabel 5.1's rows): a note sheet first, then a one-row header
//!   in another column order (pagu before target, prakiraan maju as `… 2025 (Prakiraan Maju)`),
//!   the kode written with the name in one cell (`5.03.01 PROGRAM …`, `5.03.01.2.01.01 - …`,
//!   `01.00 BADAN …`), amounts as Indonesian text, and a second indicator row under a program.
//!
//! The expected JSON beside each (`*.expected.json`) is written by hand, not by the reader.
//!
//! ```text
//! CARGO_TARGET_DIR=/work/scratch/target-reader cargo run -p capaian-xlsx --example gen_renja_fixtures [-- DIR]
//! ```
//! then, from that directory, the LibreOffice copy:
//! `soffice --headless --convert-to xlsx --outdir lo renja_002_lampiran_perubahan.xlsx` and
//! move `lo/renja_002_lampiran_perubahan.xlsx` to `renja_002_lampiran_perubahan_libreoffice.xlsx`;
//! and the `.xls` copy: `soffice --headless --convert-to xls renja_001_tabel_3_1_4.xlsx`.

use std::path::{Path, PathBuf};

#[path = "../tests/common/csv.rs"]
mod csv;
use csv::parse_csv;

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

/// The seed's data rows, without the `_` meta columns.
fn seed(path: &Path) -> Result<(Vec<String>, Vec<Vec<String>>)> {
    let text = std::fs::read_to_string(path)?;
    let mut rows = parse_csv(&text);
    if rows.is_empty() {
        return Err("empty CSV".into());
    }
    let header = rows.remove(0);
    let keep = header.iter().take_while(|h| !h.starts_with('_')).count();
    let header = header[..keep].to_vec();
    let rows = rows
        .into_iter()
        .map(|mut r| {
            r.truncate(keep);
            r.resize(keep, String::new());
            r
        })
        .collect();
    Ok((header, rows))
}

/// Indonesian integer text (`29.882.088.720`) as a number; None for `-` and what is not one.
fn id_number(s: &str) -> Option<f64> {
    let t = s.trim();
    if t.is_empty() || t == "-" {
        return None;
    }
    let (int, frac) = t.split_once(',').unwrap_or((t, ""));
    let digits: String = int.chars().filter(|c| *c != '.').collect();
    if !digits.bytes().all(|b| b.is_ascii_digit()) || digits.is_empty() {
        return None;
    }
    format!("{digits}.{}", if frac.is_empty() { "0" } else { frac })
        .parse()
        .ok()
}

struct Styles {
    head: Format,
    cell: Format,
    title: Format,
}

fn styles() -> Styles {
    let border = Format::new().set_border(FormatBorder::Thin);
    Styles {
        head: border
            .clone()
            .set_bold()
            .set_text_wrap()
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter),
        cell: border.set_text_wrap().set_align(FormatAlign::Top),
        title: Format::new().set_bold(),
    }
}

/// A header cell over `rows` × `cols` (0-based, inclusive); merged when it spans.
fn head(
    ws: &mut Worksheet,
    st: &Styles,
    (r1, c1): (u32, u16),
    (r2, c2): (u32, u16),
    text: &str,
) -> std::result::Result<(), XlsxError> {
    if (r1, c1) == (r2, c2) {
        ws.write_string_with_format(r1, c1, text, &st.head)?;
    } else {
        ws.merge_range(r1, c1, r2, c2, text, &st.head)?;
    }
    Ok(())
}

fn text(ws: &mut Worksheet, st: &Styles, r: u32, c: u16, s: &str) -> Result<()> {
    if s.is_empty() {
        ws.write_blank(r, c, &st.cell)?;
    } else {
        ws.write_string_with_format(r, c, s, &st.cell)?;
    }
    Ok(())
}

/// An amount: a number when the text is one, else the text as printed (`-`).
fn number(ws: &mut Worksheet, st: &Styles, r: u32, c: u16, s: &str, scale: f64) -> Result<()> {
    match id_number(s) {
        Some(n) => {
            // Thousands to three decimals, as a planner's sheet holds them.
            let v = ((n / scale) * 1000.0).round() / 1000.0;
            ws.write_number_with_format(r, c, v, &st.cell)?;
        }
        None => text(ws, st, r, c, s)?,
    }
    Ok(())
}

fn numbering(ws: &mut Worksheet, st: &Styles, r: u32, n: u16, paren: bool) -> Result<()> {
    for c in 0..n {
        let label = if paren {
            format!("({})", c + 1)
        } else {
            (c + 1).to_string()
        };
        ws.write_string_with_format(r, c, &label, &st.head)?;
    }
    Ok(())
}

fn renja_001(seeds: &Path, out: &Path) -> Result<()> {
    let (header, rows) =
        seed(&seeds.join("001/Tabel_3.1.4_rencana_program_kegiatan_2025_prakiraan_maju_2026.csv"))?;
    // `No (1)` → `No`: the CSV appends the numbering row's label to each title.
    let title = |i: usize| -> String {
        let h = &header[i];
        let h = h.rsplit_once(" (").map_or(h.as_str(), |(a, _)| a);
        h.rsplit(" › ").next().unwrap_or(h).to_string()
    };
    let group = |i: usize| -> String {
        header[i]
            .split_once(" › ")
            .map(|(g, _)| g.to_string())
            .unwrap_or_default()
    };
    let st = styles();
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("Tabel 3.1.4")?;
    ws.write_string_with_format(0, 0, "Tabel 3.1.4", &st.title)?;
    ws.write_string_with_format(
        1,
        0,
        "Rumusan Rencana Program dan Kegiatan Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Tahun 2025 dan Prakiraan Maju Tahun 2026",
        &st.title,
    )?;
    // Rows 4–5: single titles over both rows, the two groups over their sub-labels.
    for i in [0usize, 1, 2, 7] {
        head(ws, &st, (3, i as u16), (4, i as u16), &title(i))?;
    }
    head(ws, &st, (3, 3), (3, 6), &group(3))?;
    head(ws, &st, (3, 8), (3, 9), &group(8))?;
    for i in [3usize, 4, 5, 6, 8, 9] {
        head(ws, &st, (4, i as u16), (4, i as u16), &title(i))?;
    }
    numbering(ws, &st, 5, 10, true)?;
    for (i, row) in rows.iter().enumerate() {
        let r = 6 + i as u32;
        for (c, v) in row.iter().enumerate() {
            let c16 = c as u16;
            if c == 9 {
                // 2026: numbers (no decimals in the seed).
                number(ws, &st, r, c16, v, 1.0)?;
            } else {
                // 2025 amounts stay text (`142.373.000,00`, `259.987.00,00`), as printed.
                text(ws, &st, r, c16, v)?;
            }
        }
    }
    ws.set_column_width(1, 40)?;
    ws.set_column_width(2, 40)?;
    wb.save(out.join("renja_001_tabel_3_1_4.xlsx"))?;
    Ok(())
}

fn tabel_5_1_rows(seeds: &Path) -> Result<(Vec<String>, Vec<Vec<String>>)> {
    seed(&seeds.join("002/tabel_5.1_rumusan_rencana_program_kegiatan_2024_prakiraan_2025.csv"))
}

fn renja_002_tabel_5_1(seeds: &Path, out: &Path) -> Result<()> {
    let (header, rows) = tabel_5_1_rows(seeds)?;
    let st = styles();
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("TABEL 5.1")?;
    ws.write_string_with_format(0, 0, "TABEL 5.1", &st.title)?;
    ws.write_string_with_format(
        1,
        0,
        "RUMUSAN RENCANA PROGRAM, KEGIATAN DAN SUB KEGIATAN SOPD BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA KOTA BANJARBARU TAHUN 2025 DAN PERKIRAAN MAJU 2026",
        &st.title,
    )?;
    for i in 0..7u16 {
        head(ws, &st, (3, i), (4, i), &header[i as usize])?;
    }
    let split = |h: &str| -> (String, String) {
        let (g, s) = h.split_once(" / ").unwrap_or((h, ""));
        (g.to_string(), s.to_string())
    };
    let (g7, s7) = split(&header[7]);
    let (_, s8) = split(&header[8]);
    let (g9, s9) = split(&header[9]);
    let (_, s10) = split(&header[10]);
    head(ws, &st, (3, 7), (3, 8), &g7)?;
    head(ws, &st, (3, 9), (3, 10), &g9)?;
    ws.write_string_with_format(4, 7, &s7, &st.head)?;
    // The pagu's sub-header is the year alone, a number in the sheet.
    ws.write_number_with_format(4, 8, s8.parse::<f64>()?, &st.head)?;
    ws.write_string_with_format(4, 9, &s9, &st.head)?;
    ws.write_number_with_format(4, 10, s10.parse::<f64>()?, &st.head)?;
    for (i, row) in rows.iter().enumerate() {
        let r = 5 + i as u32;
        for (c, v) in row.iter().enumerate() {
            if c == 8 || c == 10 {
                number(ws, &st, r, c as u16, v, 1.0)?;
            } else {
                text(ws, &st, r, c as u16, v)?;
            }
        }
    }
    ws.set_column_width(1, 40)?;
    ws.set_column_width(6, 40)?;
    wb.save(out.join("renja_002_tabel_5_1.xlsx"))?;
    Ok(())
}

fn renja_002_lampiran(seeds: &Path, out: &Path) -> Result<()> {
    let (header, rows) =
        seed(&seeds.join("002/lampiran_rencana_program_kegiatan_perubahan_renja_2024.csv"))?;
    let parts: Vec<Vec<String>> = header
        .iter()
        .map(|h| h.split(" / ").map(str::to_string).collect())
        .collect();
    let part = |i: usize, k: usize| parts[i].get(k).cloned().unwrap_or_default();
    let st = styles();
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("Lampiran")?;
    ws.write_string_with_format(
        0,
        0,
        "RENCANA PROGRAM DAN KEGIATAN PADA PERUBAHAN RENJA SKPDTAHUN 2024 KOTA BANJARBARU",
        &st.title,
    )?;
    ws.write_string(
        1,
        0,
        "Nama SKPD : Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Kota Banjarbaru",
    )?;
    // Rows 4–6 (0-based 3–5).
    head(ws, &st, (3, 0), (5, 0), &part(0, 0))?;
    head(ws, &st, (3, 1), (5, 1), &part(1, 0))?;
    head(ws, &st, (3, 2), (4, 3), &part(2, 0))?;
    head(ws, &st, (5, 2), (5, 2), &part(2, 1))?;
    head(ws, &st, (5, 3), (5, 3), &part(3, 1))?;
    head(ws, &st, (3, 4), (3, 14), &part(4, 0))?;
    // Sub-groups of Rencana Tahun 2024: Kelompok sasaran (E–F), Lokasi (G–H), Target (I–J),
    // Pagu Indikator (K–M), Suber Dana (N–O).
    for (c1, c2) in [(4u16, 5u16), (6, 7), (8, 9), (10, 12), (13, 14)] {
        head(ws, &st, (4, c1), (4, c2), &part(c1 as usize, 1))?;
        for c in c1..=c2 {
            head(ws, &st, (5, c), (5, c), &part(c as usize, 2))?;
        }
    }
    head(ws, &st, (3, 15), (3, 16), &part(15, 0))?;
    head(ws, &st, (4, 15), (5, 15), &part(15, 1))?;
    head(ws, &st, (4, 16), (5, 16), &part(16, 1))?;
    head(ws, &st, (3, 17), (5, 17), &part(17, 0))?;
    numbering(ws, &st, 6, 18, false)?;
    for (i, row) in rows.iter().enumerate() {
        let r = 7 + i as u32;
        for (c, v) in row.iter().enumerate() {
            // Every cell as printed: amounts are text (`218.607.000`, `(13.143.400 )`, `-`).
            text(ws, &st, r, c as u16, v)?;
        }
    }
    ws.set_column_width(1, 40)?;
    wb.save(out.join("renja_002_lampiran_perubahan.xlsx"))?;
    Ok(())
}

/// `5.03.01.2.01.01` → `5 | 03 | 01 | 2.01 | 01`; `5.03` → `5 | 03`.
fn kode_lima(k: &str) -> [String; 5] {
    let s: Vec<&str> = k.split('.').collect();
    let get = |i: usize| s.get(i).map_or(String::new(), |x| x.to_string());
    let kegiatan = if s.len() >= 5 {
        format!("{}.{}", s[3], s[4])
    } else {
        String::new()
    };
    [get(0), get(1), get(2), kegiatan, get(5)]
}

/// One copy of the five-column layout; `lokasi` adds a Lokasi column (the hidden older copy),
/// `factor` scales its amounts (the older figures).
fn varian_lima_sheet(
    ws: &mut Worksheet,
    st: &Styles,
    rows: &[Vec<String>],
    lokasi: bool,
    factor: f64,
) -> Result<()> {
    ws.write_string_with_format(
        0,
        0,
        "RENCANA KERJA PERANGKAT DAERAH TAHUN ANGGARAN 2023",
        &st.title,
    )?;
    ws.write_string_with_format(
        1,
        0,
        "BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA KOTA BANJARBARU",
        &st.title,
    )?;
    head(ws, st, (3, 0), (3, 4), "Kode")?;
    for (c, s) in [
        "Urusan",
        "Bidang Urusan",
        "Program",
        "Kegiatan",
        "Sub Kegiatan",
    ]
    .iter()
    .enumerate()
    {
        head(ws, st, (4, c as u16), (4, c as u16), s)?;
    }
    head(
        ws,
        st,
        (3, 5),
        (4, 5),
        "Urusan/Bidang Urusan/Program/Kegiatan/Sub Kegiatan",
    )?;
    head(ws, st, (3, 6), (4, 6), "Indikator Kinerja")?;
    let mut c: u16 = 7;
    let group_start = c;
    if lokasi {
        head(ws, st, (4, c), (4, c), "Lokasi")?;
        c += 1;
    }
    head(ws, st, (4, c), (4, c), "Target Capaian Kinerja")?;
    head(ws, st, (4, c + 1), (4, c + 1), "Pagu Indikatif (Rp. 000)")?;
    head(ws, st, (4, c + 2), (4, c + 2), "Sumber Dana")?;
    head(ws, st, (3, group_start), (3, c + 2), "Rencana Tahun 2024")?;
    let target = c;
    c += 3;
    head(ws, st, (3, c), (4, c), "Catatan Penting")?;
    c += 1;
    head(
        ws,
        st,
        (3, c),
        (3, c + 1),
        "Prakiraan Maju Rencana Tahun 2025",
    )?;
    head(ws, st, (4, c), (4, c), "Target Capaian Kinerja")?;
    head(ws, st, (4, c + 1), (4, c + 1), "Pagu Indikatif (Rp. 000)")?;
    let maju = c;
    numbering(ws, st, 5, c + 2, true)?;
    let mut r = 6u32;
    for row in rows {
        // Tabel 5.1: KODE, NAMA, PRIORITAS, SASARAN, LOKASI, IND. HASIL, INDIKATOR, TARGET,
        // 2024, TARGET 2025, 2025. The unit rows (`01.00`) have no place in five kode columns.
        if row[0] == "01.00" {
            continue;
        }
        if row[1] == "JUMLAH" {
            text(ws, st, r, 5, "JUMLAH")?;
            number(ws, st, r, target + 1, &row[8], 1000.0 / factor)?;
            number(ws, st, r, maju + 1, &row[10], 1000.0 / factor)?;
            r += 1;
            continue;
        }
        for (i, part) in kode_lima(&row[0]).iter().enumerate() {
            text(ws, st, r, i as u16, part)?;
        }
        text(ws, st, r, 5, &row[1])?;
        text(ws, st, r, 6, &row[6])?;
        if lokasi {
            text(ws, st, r, 7, "Kota Banjarbaru")?;
        }
        text(ws, st, r, target, &row[7])?;
        number(ws, st, r, target + 1, &row[8], 1000.0 / factor)?;
        let sumber = if row[8].is_empty() { "" } else { "APBD" };
        text(ws, st, r, target + 2, sumber)?;
        text(ws, st, r, maju, &row[9])?;
        number(ws, st, r, maju + 1, &row[10], 1000.0 / factor)?;
        r += 1;
    }
    ws.set_column_width(5, 40)?;
    Ok(())
}

fn varian_kode_lima_kolom(seeds: &Path, out: &Path) -> Result<()> {
    let (_, rows) = tabel_5_1_rows(seeds)?;
    let st = styles();
    let mut wb = Workbook::new();
    {
        let old = wb.add_worksheet().set_name("Renja 2024 (lama)")?;
        varian_lima_sheet(old, &st, &rows, true, 0.9)?;
        old.set_hidden(true);
    }
    {
        let ws = wb.add_worksheet().set_name("Renja 2024")?;
        varian_lima_sheet(ws, &st, &rows, false, 1.0)?;
        ws.set_active(true);
    }
    wb.save(out.join("renja_varian_kode_lima_kolom.xlsx"))?;
    Ok(())
}

fn varian_kode_nama(seeds: &Path, out: &Path) -> Result<()> {
    let (_, rows) = tabel_5_1_rows(seeds)?;
    let st = styles();
    let mut wb = Workbook::new();
    {
        let note = wb.add_worksheet().set_name("Petunjuk")?;
        note.write_string(0, 0, "Petunjuk pengisian")?;
        note.write_string(1, 0, "Isi kolom Target dan Pagu Indikatif sesuai KUA-PPAS.")?;
        note.write_string(
            2,
            0,
            "Kode dan nama program/kegiatan ditulis dalam satu sel.",
        )?;
    }
    let ws = wb.add_worksheet().set_name("Renja")?;
    ws.write_string_with_format(0, 0, "RENCANA PROGRAM DAN KEGIATAN", &st.title)?;
    let titles = [
        "No",
        "Program/Kegiatan/Sub Kegiatan",
        "Indikator Kinerja Program/Kegiatan/Sub Kegiatan",
        "Pagu Indikatif Tahun 2024 (Rp)",
        "Target Tahun 2024",
        "Pagu Tahun 2025 (Prakiraan Maju)",
        "Target Tahun 2025 (Prakiraan Maju)",
    ];
    for (c, t) in titles.iter().enumerate() {
        head(ws, &st, (2, c as u16), (2, c as u16), t)?;
    }
    let mut r = 3u32;
    let mut no = 0;
    for row in &rows {
        if row[1] == "JUMLAH" {
            text(ws, &st, r, 1, "JUMLAH")?;
            text(ws, &st, r, 3, &row[8])?;
            text(ws, &st, r, 5, &row[10])?;
            r += 1;
            continue;
        }
        no += 1;
        let sep = if row[0].split('.').count() >= 5 {
            " - "
        } else {
            " "
        };
        text(ws, &st, r, 0, &no.to_string())?;
        text(ws, &st, r, 1, &format!("{}{sep}{}", row[0], row[1]))?;
        text(ws, &st, r, 2, &row[6])?;
        text(ws, &st, r, 3, &row[8])?;
        text(ws, &st, r, 4, &row[7])?;
        text(ws, &st, r, 5, &row[10])?;
        text(ws, &st, r, 6, &row[9])?;
        r += 1;
        if row[0] == "5.03.01" {
            // The program's second indicator (from the lampiran), its name cell empty.
            text(
                ws,
                &st,
                r,
                2,
                "CAKUPAN PELAYANAN INTERNAL YANG DIFASILITASI",
            )?;
            text(ws, &st, r, 4, "100 %")?;
            text(ws, &st, r, 6, "100 %")?;
            r += 1;
        }
    }
    ws.set_column_width(1, 50)?;
    wb.save(out.join("renja_varian_kode_nama.xlsx"))?;
    Ok(())
}

type Writer = fn(&Path, &Path) -> Result<()>;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
    let out = std::env::args()
        .nth(1)
        .map_or_else(|| root.join("renja"), PathBuf::from);
    let seeds = root.join("seeds");
    if let Err(e) = std::fs::create_dir_all(&out) {
        eprintln!("{}: {e}", out.display());
        return;
    }
    let jobs: [(&str, Writer); 5] = [
        ("renja_001_tabel_3_1_4", renja_001),
        ("renja_002_tabel_5_1", renja_002_tabel_5_1),
        ("renja_002_lampiran_perubahan", renja_002_lampiran),
        ("renja_varian_kode_lima_kolom", varian_kode_lima_kolom),
        ("renja_varian_kode_nama", varian_kode_nama),
    ];
    for (name, job) in jobs {
        match job(&seeds, &out) {
            Ok(()) => println!("{}/{name}.xlsx", out.display()),
            Err(e) => eprintln!("{name}: {e}"),
        }
    }
}
