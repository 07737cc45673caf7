//! What the official sheets printed one sheet row per document row share besides the E.81's
//! own writer (the laporan triwulan, the rencana aksi): each column found by kind in the form
//! kind's sheet list, the outline number, the title and header block, a parent's Rp as a `SUM`
//! over its children where the document's value is their roll-up, the Kepala's signature and
//! the print setup. The cells are written with the E.81 export's styles and helpers.

use std::fmt::Write as _;

use capaian_domain::e81::E81Computed;
use capaian_domain::form::{ColumnKind, FormKind, SheetKind};
use capaian_domain::model::{Document, Level, Row};
use rust_decimal::Decimal;
use rust_xlsxwriter::{Formula, Worksheet, XlsxError};

use super::{
    chunked, col_args, dec_result, num_kind, pd_or, print_setup, rp_kind, signature_first,
    tanda_tangan, tempat_tanggal, to_f64, wrapped_lines, write_sheet_header, write_signature,
    write_title_lines, ExportError, ExportMeta, Kind, Penanda, Styles, MAX_FORMULA, R_DATA, R_HEAD,
    R_NUMBERING,
};
use capaian_domain::tanggal::format_tanggal;

/// The 0-based column of `kind` in `form`'s sheet list, or the error naming it.
pub(super) fn kolom(form: &'static FormKind, kind: SheetKind) -> Result<u16, ExportError> {
    form.sheet_column(kind)
        .map(|c| c as u16)
        .ok_or_else(|| ExportError::Layout {
            form: form.key,
            masalah: format!("kolom {kind:?} tidak ada"),
        })
}

/// The column of a form column kind.
pub(super) fn kolom_form(form: &'static FormKind, kind: ColumnKind) -> Result<u16, ExportError> {
    kolom(form, SheetKind::Form(kind))
}

/// Column `c`'s letter.
pub(super) fn huruf(c: u16) -> String {
    crate::col_letter(u32::from(c) + 1)
}

/// Program and kegiatan rows print bold, and the performance tree's tujuan and sasaran.
pub(super) fn tebal(level: Level) -> bool {
    matches!(
        level,
        Level::Program | Level::Kegiatan | Level::Tujuan | Level::Sasaran
    )
}

/// The name column's indent of a level.
pub(super) fn indent(level: Level) -> usize {
    match level {
        Level::Program | Level::Indikator | Level::Tujuan => 0,
        Level::Kegiatan | Level::Sasaran => 1,
        Level::SubKegiatan => 2,
    }
}

/// Every row's number in the outline (`1`, `1.2`, `1.2.3`; empty for an extra indicator row and
/// for the performance tree's tujuan and sasaran, which are named, not numbered), as the E.81
/// prints it and the readers' outline rule reads it back.
pub(super) fn nomor(doc: &Document) -> Vec<String> {
    let (mut p, mut k, mut s) = (0u32, 0u32, 0u32);
    doc.rows
        .iter()
        .map(|row| {
            let mut no = String::new();
            match row.level {
                Level::Program => {
                    (p, k, s) = (p + 1, 0, 0);
                    let _ = write!(no, "{p}");
                }
                Level::Kegiatan => {
                    (k, s) = (k + 1, 0);
                    let _ = write!(no, "{p}.{k}");
                }
                Level::SubKegiatan => {
                    s += 1;
                    let _ = write!(no, "{p}.{k}.{s}");
                }
                Level::Indikator | Level::Tujuan | Level::Sasaran => {}
            }
            no
        })
        .collect()
}

/// The row's kode as printed.
pub(super) fn kode(row: &Row) -> &str {
    row.kode_raw
        .as_deref()
        .or(row.kode.as_deref())
        .unwrap_or("")
}

/// Height (points) of a data row from its wrapped texts, `(text, column)` (LibreOffice does
/// not grow rows on load).
pub(super) fn tinggi(form: &FormKind, texts: &[(&str, u16)], indent: usize, bold: bool) -> f64 {
    let lebar = |c: u16| form.sheet.get(usize::from(c)).map_or(10.0, |s| s.width);
    let lines = texts
        .iter()
        .enumerate()
        .map(|(i, (t, c))| {
            // The first text is the name, indented.
            let w = lebar(*c) - if i == 0 { 1.5 * indent as f64 } else { 0.0 };
            wrapped_lines(t, w, bold)
        })
        .max()
        .unwrap_or(1);
    lines as f64 * 10.0 + 2.0
}

/// Every row's value of one Rp column as the computation takes it: its own, else Σ of its
/// direct children's (None when neither has one). Indicator rows carry no Rp.
pub(super) fn efektif(
    doc: &Document,
    computed: &E81Computed,
    own: impl Fn(&Row) -> Option<Decimal>,
) -> Vec<Option<Decimal>> {
    let mut eff: Vec<Option<Decimal>> = vec![None; doc.rows.len()];
    for i in (0..doc.rows.len()).rev() {
        let kids = &computed.rows[i].children;
        let sum = anak(kids, &eff);
        eff[i] = own(&doc.rows[i]).or(if kids.is_empty() { None } else { sum });
    }
    eff
}

/// Σ of the children's effective values (None when none has one).
pub(super) fn anak(kids: &[usize], eff: &[Option<Decimal>]) -> Option<Decimal> {
    kids.iter()
        .filter_map(|&k| eff[k])
        .fold(None, |a: Option<Decimal>, v| {
            Some(a.unwrap_or_default() + v)
        })
}

/// A row's Rp cell of column `c`: a `SUM` over its direct children when the document's value
/// is their roll-up (equal to their sum, or left empty and taken from it) — cached with that
/// sum — else the stated amount as a number (a difference stays visible), else blank.
pub(super) fn rp(
    ws: &mut Worksheet,
    st: &Styles,
    (r, c): (u32, u16),
    own: Option<Decimal>,
    kids: &[usize],
    eff: &[Option<Decimal>],
    bold: bool,
) -> Result<(), XlsxError> {
    let sum = anak(kids, eff);
    let as_sum = match (own, sum) {
        (None, Some(_)) => true,
        (Some(v), Some(s)) => v == s,
        _ => false,
    };
    let formula = as_sum
        .then(|| {
            let rows: Vec<u32> = kids.iter().map(|&j| R_DATA + j as u32).collect();
            chunked("SUM", &col_args(&huruf(c), &rows))
        })
        .filter(|t| t.len() <= MAX_FORMULA);
    match (formula, own) {
        (Some(text), _) => {
            let f = st.get(bold, num_kind(sum, Kind::Dec2));
            ws.write_formula_with_format(r, c, Formula::new(text).set_result(dec_result(sum)), f)?;
        }
        (None, Some(d)) => {
            ws.write_number_with_format(r, c, to_f64(d), st.get(bold, rp_kind(d)))?;
        }
        (None, None) => {
            ws.write_blank(r, c, st.get(bold, Kind::Text))?;
        }
    }
    Ok(())
}

/// A formula with its cached value.
pub(super) fn rumus(
    ws: &mut Worksheet,
    (r, c): (u32, u16),
    text: &str,
    v: Option<Decimal>,
    f: &rust_xlsxwriter::Format,
) -> Result<(), XlsxError> {
    ws.write_formula_with_format(r, c, Formula::new(text).set_result(dec_result(v)), f)?;
    Ok(())
}

/// The title lines (from row 1, over the whole sheet) under the form's name in A1, the header
/// block and the numbering row, each wording through `text`.
pub(super) fn kepala_lembar(
    ws: &mut Worksheet,
    st: &Styles,
    form: &'static FormKind,
    nama: &str,
    lines: &[String],
    text: &dyn Fn(&str) -> String,
) -> Result<(), XlsxError> {
    ws.write_string_with_format(0, 0, nama, &st.title_small)?;
    let last = form.sheet.len().saturating_sub(1) as u16;
    write_title_lines(ws, st, 1, (0, last), lines)?;
    write_sheet_header(ws, st, form, text)?;
    let (r0, r1, r2) = (R_HEAD, R_HEAD + 1, R_HEAD + 2);
    ws.set_row_height(r0, 30)?;
    ws.set_row_height(r1, 30)?;
    ws.set_row_height(r2, 30)?;
    ws.set_row_height(R_NUMBERING, 11)?;
    Ok(())
}

/// The `Perangkat Daerah` line of a title.
pub(super) fn baris_pd(meta: &ExportMeta) -> String {
    format!("Perangkat Daerah: {}", pd_or(&meta.pd, "……"))
}

/// The region after `Lingkup` in a title.
pub(super) fn wilayah(meta: &ExportMeta) -> &str {
    if meta.kabupaten.trim().is_empty() {
        "Kabupaten/Kota ……"
    } else {
        meta.kabupaten.trim()
    }
}

/// The Kepala Perangkat Daerah's signature at the right of the sheet, from row `r`; returns
/// the last row used.
pub(super) fn tanda_tangan_kepala(
    ws: &mut Worksheet,
    st: &Styles,
    form: &FormKind,
    meta: &ExportMeta,
    r: u32,
) -> Result<u32, XlsxError> {
    let tanggal = meta.tanggal.map(|(y, m, d)| format_tanggal(y, m, d));
    let place_date = tempat_tanggal(&meta.tempat, tanggal.as_deref(), meta.tahun);
    let lines = tanda_tangan(
        &place_date,
        &Penanda {
            judul: None,
            jabatan: format!("Kepala {}", pd_or(&meta.pd, "Perangkat Daerah")),
            nama: &meta.kepala_nama,
            pangkat: meta.kepala_pangkat.as_deref(),
            nip: &meta.kepala_nip,
        },
    );
    let widths: Vec<f64> = form.sheet.iter().map(|s| s.width).collect();
    let last = widths.len().saturating_sub(1) as u16;
    let first = signature_first(&widths, &lines, 1);
    write_signature(ws, st, r, (first, last), &lines)?;
    Ok(r + lines.len() as u32 - 1)
}

/// Column widths, frozen panes (rows above the data, columns before `freeze_col`) and the
/// official print setup (one page wide, header and numbering rows on every page).
pub(super) fn cetak(
    ws: &mut Worksheet,
    form: &FormKind,
    meta: &ExportMeta,
    last_row: u32,
    freeze_col: u16,
    footer: &str,
) -> Result<(), XlsxError> {
    for (c, s) in form.sheet.iter().enumerate() {
        ws.set_column_width(c as u16, s.width)?;
    }
    ws.set_freeze_panes(R_DATA, freeze_col)?;
    let last = form.sheet.len().saturating_sub(1) as u16;
    print_setup(
        ws,
        meta.paper,
        (R_HEAD, R_NUMBERING),
        (last_row, 0, last),
        footer,
    )
}
