//! Filling the agency's own workbook: the document's values written into the template the
//! user uploaded, by an in-place patch of the sheet XML.
//!
//! [`fill_template`] reads the template with the reader ([`crate::read_workbook`]: same
//! [`Limits`] checks, same [`crate::Layout`]), computes the document with the domain's
//! [`capaian_domain::e81::compute`], and matches document rows to sheet rows by
//! `sheet_row` (the row's name and code must agree with the template's, else a located
//! [`FillError::RowMismatch`]: nothing is ever written into the wrong row).
//!
//! What is written, per matched row:
//! - input cells (Renstra, tahun lalu, target, TW I–IV, K and Rp; indikator, unit PD,
//!   keterangan) **only when the value differs** from what the template holds;
//! - the rencana aksi's TW targets, where the template has their columns (the laporan, the
//!   rencana aksi), only when they differ;
//! - the computed columns 12–15 (K and Rp), when they differ from what the template states
//!   and the template holds the quarters (K, Rp) they are computed from.
//!
//! How a value is written:
//! - every rewritten cell keeps its `s` (style) attribute and its other attributes; a cell
//!   that was absent is created inside the existing `<row>`, in column order, with the row's
//!   style (`customFormat`), else the style of the nearest cell above in the same column (of
//!   a row of the same level first), else the column's `<col style>`;
//! - numbers go in as `<v>` with the `Decimal`'s own digits (inputs exactly; computed values
//!   rounded to 15 significant digits, what a spreadsheet double holds). Money goes in at the
//!   scale its column states (`Rp. (000)`: the rupiah ÷ 1000), as the reader reads it back. A cell with a
//!   percent number format (`0.00%`) gets a fraction (46.93 % → `0.4693`), any other cell the
//!   percent units as-is, exactly as the reader reads them back;
//! - an input cell that held a number as text with a unit (`11,55 %`, `47 unit`) gets the
//!   new number in the same text convention (`12,5 %`), when the domain parser reads it back
//!   to exactly the new value; otherwise a plain number;
//! - text (indikator, grades, text K values) goes in as an inline string (`t="inlineStr"`);
//!   `xl/sharedStrings.xml` is never modified;
//! - a computed-column cell holding a formula keeps its formula; only its cached `<v>`
//!   changes. An input cell holding a formula is left as it is, and a warning
//!   (`rumus_dipertahankan`) says which value was not written.
//!
//! The package: the patched sheet is rewritten; `xl/calcChain.xml` is dropped with its
//! `[Content_Types].xml` override and its workbook relationship; `xl/workbook.xml` gets
//! `<calcPr fullCalcOnLoad="1"/>` (added or amended) so Excel recalculates on open. Those
//! parts change only when they must; every other entry is copied as its raw compressed
//! bytes, in the original order. Inside the sheet, everything but the written cells stays
//! byte-identical.

mod package;
mod pk;
mod renja;
mod sheet;

pub use pk::fill_pk;
pub use renja::fill_renja;

use std::collections::HashMap;

use capaian_domain::e81::{compute, E81Settings, RowComputed};
use capaian_domain::model::{
    Document, Field, KValue, Level, Location, Pair, Problem, Row, Severity,
};
use rust_decimal::Decimal;
use thiserror::Error;

use crate::json::k_json;
use crate::{Import, Limits, ReadError, ReadOptions};

/// Why a template could not be filled. Messages in Bahasa Indonesia, located by sheet, row
/// and cell where that is known.
#[derive(Debug, Error)]
pub enum FillError {
    #[error("Template tidak dapat dibaca: {0}")]
    Template(#[from] ReadError),

    #[error("{}", unknown_form(.0))]
    UnknownForm(String),

    #[error(
        "Baris ke-{} dokumen ('{name}') tidak punya nomor baris sheet; template hanya dapat \
         diisi pada baris yang sudah ada",
        index + 1
    )]
    NoSheetRow { index: usize, name: String },

    #[error(
        "Baris ke-{} dokumen ('{name}') menunjuk baris {sheet_row} sheet '{sheet}', yang bukan \
         baris data template{}",
        index + 1,
        data_rows(*first, *last)
    )]
    RowNotInTemplate {
        index: usize,
        name: String,
        sheet: String,
        sheet_row: u32,
        first: u32,
        last: Option<u32>,
    },

    #[error(
        "Baris {sheet_row} sheet '{sheet}' muncul dua kali dalam dokumen (baris ke-{} dan ke-{})",
        first + 1,
        second + 1
    )]
    DuplicateRow {
        sheet: String,
        sheet_row: u32,
        first: usize,
        second: usize,
    },

    #[error(
        "Sheet '{sheet}' sel {cell}: dokumen berisi '{doc}' tetapi template berisi '{template}'; \
         template tidak diisi agar nilai tidak masuk ke baris yang salah"
    )]
    RowMismatch {
        sheet: String,
        cell: String,
        doc: String,
        template: String,
    },

    #[error("Bagian '{part}' workbook rusak (XML tidak valid) di posisi {position}: {detail}")]
    MalformedXml {
        part: String,
        position: u64,
        detail: String,
    },

    #[error("Workbook tidak lengkap: bagian '{part}' tidak ditemukan atau tidak dapat dibaca")]
    MissingPart { part: String },

    #[error("Workbook hasil tidak dapat ditulis: {detail}")]
    Write { detail: String },
}

/// The message of [`FillError::UnknownForm`].
fn unknown_form(key: &str) -> String {
    if key.is_empty() {
        "Dokumen tidak menyebut jenis formulirnya (kunci \"form\", mis. \"E.81\"), jadi \
         template tidak dapat diisi"
            .to_string()
    } else {
        format!("Capaian belum mengenal jenis formulir '{key}', jadi templatenya tidak dapat diisi")
    }
}

fn data_rows(first: u32, last: Option<u32>) -> String {
    match last {
        Some(l) => format!(" (baris data {first}–{l})"),
        None => " (template tidak berisi baris data)".to_string(),
    }
}

/// Fill `template` (the agency's workbook) with `doc`, its computed columns by `settings` (the
/// workspace's). Returns the new workbook and the
/// warnings about values that were not written (formula cells, fields without a column).
pub fn fill_template(
    template: &[u8],
    doc: &Document,
    settings: &E81Settings,
    limits: &Limits,
) -> Result<(Vec<u8>, Vec<Problem>), FillError> {
    fill_template_with(
        template,
        doc,
        None,
        &ReadOptions::default(),
        settings,
        limits,
    )
}

/// [`fill_template`], the template read the way the person confirmed its columns on the
/// mapping page (`read`: the workspace's remembered mapping of the template's layout), so every
/// value goes into the column it was read from. `at`: for a workbook other than the one `doc`
/// was read from (a later file merged into it), `at[i]` is the template's sheet row of document
/// row `i`, as the merge matched them; a row with none is not written (one warning lists them).
pub fn fill_template_with(
    template: &[u8],
    doc: &Document,
    at: Option<&[Option<u32>]>,
    read: &ReadOptions,
    settings: &E81Settings,
    limits: &Limits,
) -> Result<(Vec<u8>, Vec<Problem>), FillError> {
    let profile = crate::FormProfile::of(&doc.form)
        .ok_or_else(|| FillError::UnknownForm(doc.form.clone()))?;
    let (import, _) = crate::reader::read_detailed(template, limits, &profile, read)?;
    let (plan, mut problems) = plan(&import, doc, at, settings)?;
    let layout = &import.layout;
    let (bytes, more) =
        package::write(template, &layout.sheet, layout.first_data_row, plan, limits)?;
    problems.extend(more);
    Ok((bytes, problems))
}

/// What to write into one cell.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Want {
    /// An input number (exact), written in the cell's own convention.
    Input(Decimal),
    /// A computed number (already rounded).
    Computed(Decimal),
    /// Text (never empty).
    Text(String),
    /// Empty the cell (style kept).
    Clear,
}

/// One cell to write.
#[derive(Clone, Debug)]
pub(crate) struct Edit {
    /// 1-based column.
    pub col: u32,
    pub field: Field,
    pub want: Want,
    /// A computed column (12–15): a formula there is kept and its cached value replaced.
    pub computed: bool,
    /// Index into the document's rows (for located warnings).
    pub doc_row: usize,
}

/// The cells to write, by sheet row (edits sorted by column), plus what the stream needs
/// to know of the template rows.
#[derive(Debug, Default)]
pub(crate) struct Plan {
    pub rows: HashMap<u32, Vec<Edit>>,
    /// Level of every template data row (for the style of a created cell).
    pub levels: HashMap<u32, Level>,
    /// What the `rumus_dipertahankan` warning ends with (None: the E.81's — columns 12–15
    /// are computed from the document's value).
    pub formula_note: Option<&'static str>,
}

/// Digits kept of a computed value: what an IEEE double holds exactly in decimal.
const COMPUTED_DIGITS: u32 = 15;

/// A computed value as it is written (15 significant digits, no trailing zeros).
pub fn computed_as_written(d: Decimal) -> Decimal {
    d.round_sf(COMPUTED_DIGITS).unwrap_or(d).normalize()
}

fn norm_text(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Match the document's rows to the template's and list the cells to write.
/// `at`: the template's sheet row of each document row when the template is not the file the
/// document was read from (None: not in the template, not written); else each row's own
/// `sheet_row`, its name and code checked against the template's.
fn plan(
    import: &Import,
    doc: &Document,
    at: Option<&[Option<u32>]>,
    settings: &E81Settings,
) -> Result<(Plan, Vec<Problem>), FillError> {
    let layout = &import.layout;
    let sheet = layout.sheet.clone();
    let tdoc = &import.document;
    let by_row: HashMap<u32, usize> = tdoc
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| (r.sheet_row, i))
        .collect();
    let (computed, _) = compute(doc, settings);
    let mut plan = Plan {
        levels: tdoc.rows.iter().map(|r| (r.sheet_row, r.level)).collect(),
        ..Plan::default()
    };
    let quarters = |f: fn(u8) -> Field| (1..=4).any(|q| layout.column(f(q)).is_some());
    let (quarters_k, quarters_rp) = (quarters(Field::TwK), quarters(Field::TwRp));
    let mut problems = Vec::new();
    let mut seen: HashMap<u32, usize> = HashMap::new();
    let mut absent: Vec<usize> = Vec::new();
    // The performance tree's rows (sasaran and their IKU) are not rows of a form that prints
    // the budget tree only (Formulir E.81): not written, and not missing from its template.
    let kinerja = capaian_domain::model::baris_kinerja(&doc.rows);
    let form = capaian_domain::form::by_key(&doc.form).unwrap_or(&capaian_domain::form::e81::E81);
    for (i, row) in doc.rows.iter().enumerate() {
        if !form.shows(&kinerja, i) {
            continue;
        }
        let label = if row.name.is_empty() {
            row.indicator.clone()
        } else {
            row.name.clone()
        };
        let sheet_row = match at {
            None if row.sheet_row == 0 => {
                return Err(FillError::NoSheetRow {
                    index: i,
                    name: label,
                })
            }
            None => row.sheet_row,
            Some(at) => match at.get(i).copied().flatten() {
                Some(r) => r,
                None => {
                    absent.push(i);
                    continue;
                }
            },
        };
        let Some(&ti) = by_row.get(&sheet_row) else {
            return Err(FillError::RowNotInTemplate {
                index: i,
                name: label,
                sheet,
                sheet_row,
                first: layout.first_data_row,
                last: layout.last_data_row,
            });
        };
        if let Some(first) = seen.insert(sheet_row, i) {
            return Err(FillError::DuplicateRow {
                sheet,
                sheet_row,
                first,
                second: i,
            });
        }
        let trow = &tdoc.rows[ti];
        if at.is_none() {
            check_identity(layout, row, trow)?;
        }
        let mut edits = Vec::new();
        let mut push =
            |field: Field, want: Want, computed: bool, problems: &mut Vec<Problem>| match layout
                .column(field)
            {
                Some(col) => edits.push(Edit {
                    col,
                    field,
                    want,
                    computed,
                    doc_row: i,
                }),
                None if !computed => problems.push(Problem {
                    severity: Severity::Warning,
                    code: "kolom_tidak_ada".into(),
                    message: format!(
                        "Sheet '{sheet}' baris {}: template tidak punya kolom untuk {field:?}; \
                         nilai baru tidak ditulis",
                        sheet_row
                    ),
                    at: Location {
                        sheet: Some(sheet.clone()),
                        cell: None,
                        row: Some(i),
                        field: Some(field),
                    },
                }),
                None => {}
            };
        // Inputs: only what changed.
        let pairs: [(&Pair, &Pair, Field, Field); 7] = [
            (
                &row.renstra,
                &trow.renstra,
                Field::RenstraK,
                Field::RenstraRp,
            ),
            (&row.prev, &trow.prev, Field::PrevK, Field::PrevRp),
            (&row.target, &trow.target, Field::TargetK, Field::TargetRp),
            (&row.tw[0], &trow.tw[0], Field::TwK(1), Field::TwRp(1)),
            (&row.tw[1], &trow.tw[1], Field::TwK(2), Field::TwRp(2)),
            (&row.tw[2], &trow.tw[2], Field::TwK(3), Field::TwRp(3)),
            (&row.tw[3], &trow.tw[3], Field::TwK(4), Field::TwRp(4)),
        ];
        for (d, t, kf, rf) in pairs {
            if d.k != t.k {
                push(kf, k_want(&d.k, false), false, &mut problems);
            }
            if d.rp != t.rp {
                let scale = layout.scale(rf);
                push(
                    rf,
                    rp_want(in_scale(d.rp, scale), false),
                    false,
                    &mut problems,
                );
            }
        }
        // The rencana aksi's TW targets, where the template prints them (the laporan, the
        // rencana aksi; not the E.81).
        for (q, (d, t)) in row
            .rencana
            .triwulan
            .iter()
            .zip(&trow.rencana.triwulan)
            .enumerate()
        {
            let field = Field::TargetTwK(q as u8 + 1);
            if d.k != t.k && layout.column(field).is_some() {
                push(field, k_want(&d.k, false), false, &mut problems);
            }
        }
        for (field, d, t) in [
            (Field::Indicator, &row.indicator, &trow.indicator),
            (Field::UnitPd, &row.unit_pd, &trow.unit_pd),
            (Field::Keterangan, &row.keterangan, &trow.keterangan),
            (Field::Sasaran, &row.rencana.sasaran, &trow.rencana.sasaran),
        ] {
            // A template without a Sasaran column keeps its layout.
            if d.trim() != t.trim() && layout.column(field).is_some() {
                let want = if d.trim().is_empty() {
                    Want::Clear
                } else {
                    Want::Text(d.clone())
                };
                push(field, want, false, &mut problems);
            }
        }
        if row.unit != trow.unit {
            problems.push(Problem {
                severity: Severity::Info,
                code: "satuan_tidak_ditulis".into(),
                message: format!(
                    "Sheet '{sheet}' baris {}: satuan '{}' tidak ditulis ke template (satuan \
                     template: '{}')",
                    sheet_row,
                    row.unit.as_deref().unwrap_or("-"),
                    trow.unit.as_deref().unwrap_or("-")
                ),
                at: Location {
                    sheet: Some(sheet.clone()),
                    cell: None,
                    row: Some(i),
                    field: Some(Field::Unit),
                },
            });
        }
        // Computed columns 12–15: whenever they differ from what the template states — K and
        // Rp each only when the template holds the quarters they are computed from (a
        // laporan printing only the realisasi keuangan s.d. TW keeps that figure).
        let c = computed
            .rows
            .get(i)
            .cloned()
            .unwrap_or_else(RowComputed::default);
        for (ours, stated, kf, rf) in [
            (&c.c12, &trow.stated.c12, Field::C12K, Field::C12Rp),
            (&c.c13, &trow.stated.c13, Field::C13K, Field::C13Rp),
            (&c.c14, &trow.stated.c14, Field::C14K, Field::C14Rp),
            (&c.c15, &trow.stated.c15, Field::C15K, Field::C15Rp),
        ] {
            let k = k_want(&ours.k, true);
            if quarters_k && !same_as_stated(&k, &stated.k) {
                push(kf, k, true, &mut problems);
            }
            let scale = layout.scale(rf);
            let rp = rp_want(in_scale(ours.rp, scale), true);
            if quarters_rp && !same_as_stated(&rp, &in_scale(stated.rp, scale).map(KValue::Number))
            {
                push(rf, rp, true, &mut problems);
            }
        }
        edits.sort_by_key(|e| e.col);
        edits.dedup_by_key(|e| e.col);
        if !edits.is_empty() {
            plan.rows.insert(sheet_row, edits);
        }
    }
    if let Some(&first) = absent.first() {
        problems.push(not_in_template(&sheet, doc, &absent, first));
    }
    Ok((plan, problems))
}

/// The document row must be the template row: same name, same code (when both have one).
/// One warning for the document's rows the template does not have (their values are not
/// written), naming the first few.
fn not_in_template(sheet: &str, doc: &Document, absent: &[usize], first: usize) -> Problem {
    const NAMED: usize = 5;
    let names: Vec<String> = absent
        .iter()
        .take(NAMED)
        .filter_map(|&i| doc.rows.get(i))
        .map(|r| {
            let name = if r.name.is_empty() {
                &r.indicator
            } else {
                &r.name
            };
            format!("'{}'", name.trim())
        })
        .collect();
    let more = absent.len().saturating_sub(NAMED);
    Problem {
        severity: Severity::Warning,
        code: "baris_tidak_di_template".into(),
        message: format!(
            "{} baris dokumen tidak ada di template (sheet '{sheet}') dan nilainya tidak ditulis: \
             {}{}",
            absent.len(),
            names.join(", "),
            if more > 0 {
                format!(", dan {more} baris lain")
            } else {
                String::new()
            }
        ),
        at: Location {
            sheet: Some(sheet.to_string()),
            cell: None,
            row: Some(first),
            field: None,
        },
    }
}

fn check_identity(layout: &crate::Layout, row: &Row, trow: &Row) -> Result<(), FillError> {
    let cell = |f: Field| {
        layout
            .cell(row.sheet_row, f)
            .unwrap_or_else(|| format!("baris {}", row.sheet_row))
    };
    if norm_text(&row.name) != norm_text(&trow.name) {
        return Err(FillError::RowMismatch {
            sheet: layout.sheet.clone(),
            cell: cell(Field::Name),
            doc: row.name.clone(),
            template: trow.name.clone(),
        });
    }
    if let (Some(d), Some(t)) = (&row.kode, &trow.kode) {
        if d != t {
            return Err(FillError::RowMismatch {
                sheet: layout.sheet.clone(),
                cell: cell(Field::Kode),
                doc: d.clone(),
                template: t.clone(),
            });
        }
    }
    Ok(())
}

fn k_want(k: &Option<KValue>, computed: bool) -> Want {
    match k {
        None => Want::Clear,
        Some(KValue::Number(d)) => rp_want(Some(*d), computed),
        Some(other) => match k_json(&Some(other.clone()), false) {
            serde_json::Value::String(s) if !s.trim().is_empty() => Want::Text(s),
            _ => Want::Clear,
        },
    }
}

fn rp_want(v: Option<Decimal>, computed: bool) -> Want {
    match v {
        None => Want::Clear,
        Some(d) if computed => Want::Computed(computed_as_written(d)),
        Some(d) => Want::Input(d),
    }
}

/// Does the template already state this computed value?
/// Rupiah as a column of `scale` states it (`Rp. (000)`: ÷ 1000), exactly.
fn in_scale(rupiah: Option<Decimal>, scale: Decimal) -> Option<Decimal> {
    if scale == Decimal::ONE {
        return rupiah;
    }
    rupiah.map(|v| v.checked_div(scale).unwrap_or(v))
}

fn same_as_stated(want: &Want, stated: &Option<KValue>) -> bool {
    match (want, stated) {
        (Want::Clear, None) => true,
        (Want::Computed(d), Some(KValue::Number(s))) => d == s,
        (Want::Text(t), Some(s)) => k_json(&Some(s.clone()), false).as_str() == Some(t.as_str()),
        _ => false,
    }
}
