//! Writes the workbooks of `tests/fixtures/laporan/` and `tests/fixtures/rencana_aksi/` from the
//! verbatim CSV copies of seed 004 (and seed 003's Tabel 3.14) beside them: each table as the report prints it — its
//! caption, one header row of its own wording, the rows with every value as the text the seed
//! prints (`62,17 %`, `10 Dok`, `2.468.210.182`, `-`), program and kegiatan rows bold. The
//! metadata columns (`_level`, `_code…`, `_note`) are left out; Tabel 2.5's extra unlabelled
//! value cell is kept under an empty header, as the source has it.
//!
//! Also a variant rencana aksi an agency would plausibly keep
//! (`rencana_aksi/rencana_aksi_varian_kode_indikator_satuan.xlsx`, from the CSV beside it: seed
//! 004's Tabel 2.4 program rows with their indicators and kegiatan/sub kegiatan of Tabel
//! 2.5–2.7): a title block, the kode in its own column, separate Indikator Kinerja and Satuan
//! columns, `Target Tahun 2024`, then `Target Triwulan` merged over `I | II | III | IV` (a
//! two-row header, the single columns merged down both rows), a numbering row `(1)…(10)`, units
//! inside the value cells (`3 Dok`), percentages as levels beside counts as increments.
//!
//! Run: `cargo run -p capaian-xlsx --example gen_laporan_fixtures`.

#[path = "../tests/common/csv.rs"]
mod csv;

use rust_xlsxwriter::{Format, Workbook, XlsxError};

const TABLES: [(&str, &str, &str); 8] = [
    (
        "laporan",
        "tabel_3_2_2_capaian_kinerja_keuangan_program_penunjang_sd_tw2",
        "Tabel 3.2.2 Capaian kinerja dan Keuangan Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota s.d Triwulan II TA. 2024",
    ),
    (
        "laporan",
        "tabel_3_2_5_capaian_kinerja_keuangan_program_kepegawaian_sd_tw2",
        "Tabel 3.2.5 Capaian Realisasi Kinerja dan Keuangan Program Kepegawaian Daerah s.d TW. II Tahun 2024",
    ),
    (
        "laporan",
        "tabel_3_2_8_capaian_kinerja_keuangan_program_pengembangan_sdm_sd_tw2",
        "Tabel 3.2.8 Capaian Realisasi Kinerja dan Keuangan Program Pengembangan Sumber Daya Manusia s.d TW. II Tahun 2024",
    ),
    // Seed 003's variant: cumulative targets and realisasi per quarter (`Target s.d / trw I`…),
    // no kode, only the program rows numbered, a further indicator of a node on the rows
    // below with the name left blank, units glued to the values (`624 Formasi`, `80,93%`).
    // The verbatim CSV carries no `_level`, so no row is bold (the seed bolds programs and
    // kegiatan in its blocks 2–3 only).
    (
        "laporan",
        "tabel_3_14_analisis_program_kegiatan_triwulan",
        "Tabel 3.14 Analisis Program/Kegiatan yang Menunjang Keberhasilan Pencapaian Kinerja Tahun 2022",
    ),
    // Tabel 2.4: one row per program with its indicator, `Target Triwulan I`…`IV` in one
    // header row, the numbering row `(1)…(8)` under it, programs named without `Program`.
    (
        "rencana_aksi",
        "tabel_2_4_target_triwulan_program",
        "Tabel 2.4 Program Kegiatan BKPSDM Tahun 2024",
    ),
    (
        "rencana_aksi",
        "tabel_2_5_target_triwulan_program_penunjang",
        "Tabel 2.5 Program Penunjang Urusan Pemerintah Daerah Kabupaten/Kota",
    ),
    (
        "rencana_aksi",
        "tabel_2_6_target_triwulan_program_kepegawaian_daerah",
        "Tabel 2.6 Program Kepegawaian Daerah",
    ),
    (
        "rencana_aksi",
        "tabel_2_7_target_triwulan_program_pengembangan_sdm",
        "Tabel 2.7 Program Pengembangan Sumber Daya Manusia",
    ),
];

fn write(dir: &str, stem: &str, caption: &str) -> Result<(), XlsxError> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures");
    let path = format!("{root}/{dir}/{stem}.csv");
    let text = std::fs::read_to_string(&path).map_err(XlsxError::IoError)?;
    let rows = csv::parse_csv(&text);
    let (header, data) = rows.split_first().ok_or(XlsxError::ParameterError(path))?;
    // The printed columns: all but the metadata (`_…`).
    let cols: Vec<usize> = (0..header.len())
        .filter(|&i| !header[i].starts_with('_'))
        .collect();
    let level = header.iter().position(|h| h == "_level");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name(&stem[..stem.len().min(31)])?;
    let head = Format::new().set_bold().set_text_wrap();
    let bold = Format::new().set_bold().set_text_wrap();
    let plain = Format::new().set_text_wrap();
    ws.write_string_with_format(0, 0, caption, &bold)?;
    for (c, &i) in cols.iter().enumerate() {
        let h = if header[i].starts_with("(sel tambahan") {
            ""
        } else {
            header[i].as_str()
        };
        ws.write_string_with_format(2, c as u16, h, &head)?;
        ws.set_column_width(c as u16, if c == 1 { 40.0 } else { 12.0 })?;
    }
    for (r, row) in data.iter().enumerate() {
        let strong = level
            .and_then(|l| row.get(l))
            .is_some_and(|l| l == "program" || l == "kegiatan");
        let f = if strong { &bold } else { &plain };
        for (c, &i) in cols.iter().enumerate() {
            let v = row.get(i).map_or("", String::as_str);
            if !v.is_empty() {
                ws.write_string_with_format(3 + r as u32, c as u16, v, f)?;
            }
        }
    }
    wb.save(format!("{root}/{dir}/{stem}.xlsx"))?;
    Ok(())
}

/// The variant rencana aksi: two header rows, the quarter targets under one merged title.
fn write_varian() -> Result<(), XlsxError> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures");
    let stem = "rencana_aksi_varian_kode_indikator_satuan";
    let path = format!("{root}/rencana_aksi/{stem}.csv");
    let text = std::fs::read_to_string(&path).map_err(XlsxError::IoError)?;
    let rows = csv::parse_csv(&text);
    let (header, data) = rows.split_first().ok_or(XlsxError::ParameterError(path))?;
    let cols: Vec<usize> = (0..header.len())
        .filter(|&i| !header[i].starts_with('_'))
        .collect();
    let level = header.iter().position(|h| h == "_level");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Rencana Aksi 2024")?;
    let title = Format::new()
        .set_bold()
        .set_align(rust_xlsxwriter::FormatAlign::Center);
    let head = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_border(rust_xlsxwriter::FormatBorder::Thin)
        .set_align(rust_xlsxwriter::FormatAlign::Center)
        .set_align(rust_xlsxwriter::FormatAlign::VerticalCenter);
    let cell = Format::new()
        .set_text_wrap()
        .set_border(rust_xlsxwriter::FormatBorder::Thin);
    let bold = cell.clone().set_bold();
    ws.merge_range(
        0,
        0,
        0,
        9,
        "RENCANA AKSI PERJANJIAN KINERJA TAHUN 2024",
        &title,
    )?;
    ws.merge_range(
        1,
        0,
        1,
        9,
        "BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA",
        &title,
    )?;
    // Header: rows 4–5 (0-based 3–4). The six single columns merged down both rows.
    for (c, h) in [
        "No",
        "Kode",
        "Program/Kegiatan/Sub Kegiatan",
        "Indikator Kinerja",
        "Satuan",
        "Target Tahun 2024",
    ]
    .iter()
    .enumerate()
    {
        ws.merge_range(3, c as u16, 4, c as u16, h, &head)?;
    }
    ws.merge_range(3, 6, 3, 9, "Target Triwulan", &head)?;
    for (i, q) in ["I", "II", "III", "IV"].iter().enumerate() {
        ws.write_string_with_format(4, 6 + i as u16, *q, &head)?;
    }
    for c in 0..10u16 {
        ws.write_string_with_format(5, c, format!("({})", c + 1), &head)?;
    }
    for (c, w) in [5.0, 20.0, 45.0, 45.0, 10.0, 12.0, 10.0, 10.0, 10.0, 10.0]
        .iter()
        .enumerate()
    {
        ws.set_column_width(c as u16, *w)?;
    }
    for (r, row) in data.iter().enumerate() {
        let strong = level
            .and_then(|l| row.get(l))
            .is_some_and(|l| l == "program" || l == "kegiatan");
        let f = if strong { &bold } else { &cell };
        for (c, &i) in cols.iter().enumerate() {
            let v = row.get(i).map_or("", String::as_str);
            ws.write_string_with_format(6 + r as u32, c as u16, v, f)?;
        }
    }
    wb.save(format!("{root}/rencana_aksi/{stem}.xlsx"))?;
    Ok(())
}

fn main() -> Result<(), XlsxError> {
    for (dir, stem, caption) in TABLES {
        write(dir, stem, caption)?;
    }
    write_varian()
}
