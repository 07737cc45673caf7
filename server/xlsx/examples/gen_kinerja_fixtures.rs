//! Writes the fixture workbooks of `tests/fixtures/kinerja/` (the Renstra's table of tujuan,
//! sasaran and indikator kinerja utama, read by `capaian_xlsx::read_kinerja`) from the seed
//! tables in `tests/fixtures/seeds/`, each printed as the seed's document prints it (header
//! wording as the CSV's header, values verbatim: `69,96`, `97,5`):
//!
//! - `kinerja_000_tabel_2_4.xlsx`: seed 000's Tabel 2.4 (IKU 2025–2029 setelah perubahan,
//!   ANALYSIS.md §2 "Tabel 2.3 / 2.4"): the two header rows as the document has them (`NO.`,
//!   `KINERJA UTAMA` over `Tujuan | Sasaran`, `INDIKATOR`, `FORMULASI`, `BASELINE 2024`,
//!   `TARGET` over `2025 … 2029 | 30`), the title stating the period 2025-2029, a tujuan row
//!   with its own indicator, two sasaran rows, the second sasaran's second IKU on a row of its
//!   own. Whole numbers as numbers, decimals as the text the document prints (`69,96`).
//!   `kinerja_000_tabel_2_4_libreoffice.xlsx` is it re-saved by LibreOffice Calc.
//! - `kinerja_000_tabel_2_2.xlsx`: seed 000's Tabel 2.2 (tujuan and sasaran 2025–2029 setelah
//!   perubahan): the RPJMD's sasaran in the first column, the years under one merged title,
//!   decimals as printed (`69,96`), its indicator labels one row off against Tabel 2.4 as the
//!   document has them (kept to compare, not as a source of the plan).
//! - `kinerja_004.xlsx`: seed 004's Tabel 2.2.1 (`NO | TUJUAN | SASARAN`, ANALYSIS.md T1) and
//!   Tabel 2.3.1 (`NO | TUJUAN | SASARAN STRATEGIS | INDIKATOR KINERJA UTAMA`, T2), a sheet
//!   each, the tujuan and its number merged down over its three sasaran as the document shows
//!   them; no targets.
//! - `kinerja_varian_dinkes.xlsx`: a variant an agency would plausibly keep (a Dinas
//!   Kesehatan; figures made up for the fixture): title with `Perangkat Daerah : …` and
//!   `Tahun 2025 s.d. 2029`, codes `T1`/`S1.1` in the No column, a Satuan column, `Kondisi
//!   Awal (2024)`, `Target Kinerja` merged over the years, `Kondisi Akhir Renstra`, a
//!   numbering row; a tujuan with its own indicator; a sasaran whose indikator cell holds two
//!   indicators on two lines with its values split the same way; a further indicator row; a
//!   SAKIP grade (`BB (70)`); a tujuan and its first sasaran on one row; an indikator cell listing
//!   two indicators after `- ` (seed 001's Tabel 3.1.3 style) with one value per cell.
//!
//! ```text
//! CARGO_TARGET_DIR=… cargo run -p capaian-xlsx --example gen_kinerja_fixtures [-- DIR]
//! ```
//! then, from that directory: `soffice --headless --convert-to xlsx --outdir lo
//! kinerja_000_tabel_2_4.xlsx` and move `lo/kinerja_000_tabel_2_4.xlsx` to
//! `kinerja_000_tabel_2_4_libreoffice.xlsx`.
//!
//! The expected JSON beside each (`*.expected.json`) is written by hand from the CSVs.

use std::path::{Path, PathBuf};

#[path = "../tests/common/csv.rs"]
mod csv;
use csv::parse_csv;

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet};

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

fn seed(seeds: &Path, rel: &str) -> Result<(Vec<String>, Vec<Vec<String>>)> {
    let text = std::fs::read_to_string(seeds.join(rel))?;
    let mut rows = parse_csv(&text);
    if rows.is_empty() {
        return Err(format!("{rel}: empty CSV").into());
    }
    let header = rows.remove(0);
    let keep = header.iter().take_while(|h| !h.starts_with('_')).count();
    let rows = rows
        .into_iter()
        .map(|mut r| {
            r.truncate(keep);
            r.resize(keep, String::new());
            r
        })
        .collect();
    Ok((header[..keep].to_vec(), rows))
}

struct St {
    head: Format,
    cell: Format,
    bold: Format,
}

fn st() -> St {
    let border = Format::new().set_border(FormatBorder::Thin);
    St {
        head: border
            .clone()
            .set_bold()
            .set_text_wrap()
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter),
        cell: border.set_text_wrap().set_align(FormatAlign::Top),
        bold: Format::new().set_bold(),
    }
}

fn head(
    ws: &mut Worksheet,
    st: &St,
    (r1, c1): (u32, u16),
    (r2, c2): (u32, u16),
    t: &str,
) -> Result<()> {
    if (r1, c1) == (r2, c2) {
        ws.write_string_with_format(r1, c1, t, &st.head)?;
    } else {
        ws.merge_range(r1, c1, r2, c2, t, &st.head)?;
    }
    Ok(())
}

/// A cell as an agency's sheet holds it: a whole number typed as a number, anything else
/// (`69,96`, `1.`, text) as the text printed.
fn cell(ws: &mut Worksheet, st: &St, r: u32, c: u16, s: &str) -> Result<()> {
    if s.is_empty() {
        ws.write_blank(r, c, &st.cell)?;
    } else if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) && s.len() <= 6 {
        let n: f64 = s.parse()?;
        ws.write_number_with_format(r, c, n, &st.cell)?;
    } else {
        ws.write_string_with_format(r, c, s, &st.cell)?;
    }
    Ok(())
}

fn kinerja_000(seeds: &Path, out: &Path) -> Result<()> {
    let (header, rows) = seed(seeds, "000/tabel_2_4_iku_2025_2029_setelah_perubahan.csv")?;
    if header.len() != 12 {
        return Err(format!("Tabel 2.4: {} columns, 12 expected", header.len()).into());
    }
    let st = st();
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("Tabel 2.4")?;
    ws.write_string_with_format(
        0,
        0,
        "Tabel 2.4 Indikator Kinerja Utama (IKU) BKPSDM Kabupaten Kotabaru Tahun 2025-2029 Setelah Perubahan",
        &st.bold,
    )?;
    // Header rows 3-4 (0-based 2-3), as ANALYSIS.md §2 "Tabel 2.3 / 2.4" H1/H2.
    head(ws, &st, (2, 0), (3, 0), "NO.")?;
    head(ws, &st, (2, 1), (2, 2), "KINERJA UTAMA")?;
    head(ws, &st, (3, 1), (3, 1), "Tujuan")?;
    head(ws, &st, (3, 2), (3, 2), "Sasaran")?;
    head(ws, &st, (2, 3), (3, 3), "INDIKATOR")?;
    head(ws, &st, (2, 4), (3, 4), "FORMULASI")?;
    head(ws, &st, (2, 5), (3, 5), "BASELINE 2024")?;
    head(ws, &st, (2, 6), (2, 11), "TARGET")?;
    for (i, h) in header[6..].iter().enumerate() {
        // `TARGET > 2025` … `TARGET > 30`: the year row.
        let y = h.rsplit('>').next().unwrap_or_default().trim();
        let n: f64 = y.parse()?;
        ws.write_number_with_format(3, 6 + i as u16, n, &st.head)?;
    }
    for (i, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            cell(ws, &st, 4 + i as u32, c as u16, v)?;
        }
    }
    ws.set_column_width(1, 30)?;
    ws.set_column_width(2, 30)?;
    ws.set_column_width(3, 36)?;
    ws.set_column_width(4, 36)?;
    wb.save(out.join("kinerja_000_tabel_2_4.xlsx"))?;
    Ok(())
}

/// Seed 000's Tabel 2.2 (tujuan and sasaran 2025–2029 setelah perubahan) as the document
/// prints it: a column of the RPJMD's sasaran first, `TARGET KINERJA TUJUAN/SASARAN PADA
/// TAHUN KE-` over the years 2025 … 2030, the tujuan's indicator label missing and each
/// indicator one row off against Tabel 2.4 (ANALYSIS.md Appendix A 19), the second sasaran's
/// name broken over two rows, the later years flat (20).
fn kinerja_000_2_2(seeds: &Path, out: &Path) -> Result<()> {
    let (header, rows) = seed(
        seeds,
        "000/tabel_2_2_tujuan_sasaran_2025_2029_setelah_perubahan.csv",
    )?;
    if header.len() != 12 {
        return Err(format!("Tabel 2.2: {} columns, 12 expected", header.len()).into());
    }
    let st = st();
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("Tabel 2.2")?;
    ws.write_string_with_format(
        0,
        0,
        "Tabel 2.2 Tujuan dan Sasaran Jangka Menengah Pelayanan Perangkat Daerah Tahun 2025-2029 Setelah Perubahan",
        &st.bold,
    )?;
    for (c, h) in header[..5].iter().enumerate() {
        head(ws, &st, (2, c as u16), (3, c as u16), h)?;
    }
    head(
        ws,
        &st,
        (2, 5),
        (2, 10),
        "TARGET KINERJA TUJUAN/SASARAN PADA TAHUN KE-",
    )?;
    for (i, h) in header[5..11].iter().enumerate() {
        let y = h.rsplit('>').next().unwrap_or_default().trim();
        let n: f64 = y.parse()?;
        ws.write_number_with_format(3, 5 + i as u16, n, &st.head)?;
    }
    head(ws, &st, (2, 11), (3, 11), &header[11])?;
    for (i, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            // The CSV writes decimals the English way (`69.96`); the document prints `69,96`.
            cell(ws, &st, 4 + i as u32, c as u16, &v.replace('.', ","))?;
        }
    }
    for (c, w) in [(0, 30.0), (1, 26.0), (2, 30.0), (3, 36.0)] {
        ws.set_column_width(c, w)?;
    }
    wb.save(out.join("kinerja_000_tabel_2_2.xlsx"))?;
    Ok(())
}

fn kinerja_004(seeds: &Path, out: &Path) -> Result<()> {
    let st = st();
    let mut wb = Workbook::new();
    for (rel, sheet, title) in [
        (
            "004/tabel_2_2_1_tujuan_sasaran.csv",
            "Tabel 2.2.1",
            "Tabel 2.2.1 Tujuan dan Sasaran Jangka Menengah serta Indikator Kinerja BKPSDM Kab. Luwu Timur",
        ),
        (
            "004/tabel_2_3_1_indikator_kinerja_utama.csv",
            "Tabel 2.3.1",
            "Tabel 2.3.1 Indikator Kinerja Utama",
        ),
    ] {
        let (header, rows) = seed(seeds, rel)?;
        let ws = wb.add_worksheet().set_name(sheet)?;
        ws.write_string_with_format(0, 0, title, &st.bold)?;
        for (c, h) in header.iter().enumerate() {
            head(ws, &st, (2, c as u16), (2, c as u16), h)?;
        }
        let first = 3u32;
        let last = first + rows.len() as u32 - 1;
        for (i, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                // The tujuan and its number merged down over its sasaran.
                if c < 2 {
                    if i == 0 {
                        let n: f64 = v.parse().unwrap_or(0.0);
                        if c == 0 {
                            ws.merge_range(first, 0, last, 0, "", &st.cell)?;
                            ws.write_number_with_format(first, 0, n, &st.cell)?;
                        } else {
                            ws.merge_range(first, 1, last, 1, v, &st.cell)?;
                        }
                    }
                    continue;
                }
                cell(ws, &st, first + i as u32, c as u16, v)?;
            }
        }
        for c in 1..header.len() as u16 {
            ws.set_column_width(c, 40)?;
        }
    }
    wb.save(out.join("kinerja_004.xlsx"))?;
    Ok(())
}

fn varian_dinkes(out: &Path) -> Result<()> {
    let st = st();
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("IKU")?;
    ws.write_string_with_format(
        0,
        0,
        "TUJUAN, SASARAN DAN INDIKATOR KINERJA UTAMA",
        &st.bold,
    )?;
    ws.write_string(1, 0, "Perangkat Daerah : Dinas Kesehatan")?;
    ws.write_string(2, 0, "Rencana Strategis Tahun 2025 s.d. 2029")?;
    head(ws, &st, (4, 0), (5, 0), "No")?;
    head(ws, &st, (4, 1), (5, 1), "Tujuan")?;
    head(ws, &st, (4, 2), (5, 2), "Sasaran")?;
    head(ws, &st, (4, 3), (5, 3), "Indikator Kinerja")?;
    head(ws, &st, (4, 4), (5, 4), "Satuan")?;
    head(ws, &st, (4, 5), (5, 5), "Kondisi Awal (2024)")?;
    head(ws, &st, (4, 6), (4, 10), "Target Kinerja")?;
    for (i, y) in (2025..=2029).enumerate() {
        ws.write_number_with_format(5, 6 + i as u16, f64::from(y), &st.head)?;
    }
    head(ws, &st, (4, 11), (5, 11), "Kondisi Akhir Renstra")?;
    for c in 0..12u16 {
        ws.write_string_with_format(6, c, format!("({})", c + 1), &st.head)?;
    }
    let rows: [[&str; 12]; 6] = [
        ["T1", "Meningkatnya derajat kesehatan masyarakat", "", "Usia Harapan Hidup", "Tahun", "71,2", "71,4", "71,6", "71,8", "72", "72,2", "72,2"],
        ["S1.1", "", "Meningkatnya mutu pelayanan kesehatan", "Persentase puskesmas terakreditasi paripurna\nPersentase rumah sakit terakreditasi paripurna", "%", "40%\n50%", "45%\n55%", "50%\n60%", "55%\n65%", "60%\n70%", "65%\n75%", "65%\n75%"],
        ["", "", "", "Indeks Kepuasan Masyarakat", "Indeks", "80,5", "81", "82", "83", "84", "85", "85"],
        ["S1.2", "", "Meningkatnya akuntabilitas kinerja perangkat daerah", "Nilai SAKIP Dinas Kesehatan", "Predikat", "B (65)", "BB (70)", "BB (72)", "BB (74)", "A (80)", "A (82)", "A (82)"],
        ["T2", "Meningkatnya tata kelola pemerintahan bidang kesehatan", "Meningkatnya kualitas perencanaan dan penganggaran", "Persentase dokumen perencanaan yang ditetapkan tepat waktu", "%", "90", "95", "100", "100", "100", "100", "100"],
        ["S2.2", "", "Meningkatnya kualitas pengelolaan keuangan", "- Persentase realisasi belanja - Persentase temuan BPK yang ditindaklanjuti", "%", "85", "90", "92", "94", "96", "98", "98"],
    ];
    for (i, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            cell(ws, &st, 7 + i as u32, c as u16, v)?;
        }
    }
    ws.set_column_width(1, 30)?;
    ws.set_column_width(2, 30)?;
    ws.set_column_width(3, 40)?;
    wb.save(out.join("kinerja_varian_dinkes.xlsx"))?;
    Ok(())
}

fn main() -> Result<()> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
    let out: PathBuf = std::env::args()
        .nth(1)
        .map_or_else(|| root.join("kinerja"), PathBuf::from);
    std::fs::create_dir_all(&out)?;
    let seeds = root.join("seeds");
    kinerja_000(&seeds, &out)?;
    kinerja_000_2_2(&seeds, &out)?;
    kinerja_004(&seeds, &out)?;
    varian_dinkes(&out)?;
    println!("written to {}", out.display());
    Ok(())
}
