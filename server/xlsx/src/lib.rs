//! Capaian's xlsx layer: reading official forms (Formulir E.81 first) from any agency's
//! workbook, by the wording of its header, never by fixed column letters.
//!
//! - [`read_workbook`] / [`read_path`]: bytes → [`Import`] (the document, located problems,
//!   and the [`Layout`] that says where every field sits in the sheet). `.xlsx`, and legacy
//!   `.xls` (Excel 97–2003, through calamine's `Xls`; same engine, no cell styles).
//! - [`read_for_review`] / [`read_for_review_with`]: the same reading plus what a mapping page
//!   needs ([`mapping`]): every column's role with a [`Confidence`] and its evidence, the
//!   money scale (`Rp. (000)`), the [`Decision`]s that must be taken before storing (no money
//!   read, zero totals while the sheet holds amounts, a column of numbers without a role, a
//!   doubtful role, guessed levels, no data rows), the problems grouped by cause
//!   ([`group_problems`]), the first rows as the sheet has them, and a layout signature to
//!   remember the person's choices ([`ReadOptions`]: a role per column, a level per row).
//!   With [`ReadOptions::nomenklatur`], the codes are checked against the national
//!   nomenclature ([`nomenklatur`]), rows without one get it from their exact name (marked
//!   found, not stated), and close names become suggestions the person confirms
//!   ([`ReadOptions::kodes`]).
//! - [`FormProfile`]: what a form's header says and what its columns mean; the engine takes
//!   a profile ([`read_workbook_with`]), so other official tables are new profiles.
//! - [`read_renja`]: a Renja (rencana program dan kegiatan, murni, perubahan, or the
//!   lampiran with sebelum/setelah perubahan) → [`RenjaReading`] ([`renja`]).
//! - [`read_pk`]: a Perjanjian Kinerja (statement page, lampiran kinerja and anggaran, murni
//!   or perubahan) → [`PkReading`] ([`pk`]).
//! - [`read_kinerja`]: a Renstra's table of tujuan, sasaran and indikator kinerja utama →
//!   [`KinerjaReading`] (the performance tree as a document, [`kinerja`]).
//! - [`read_lkjip`]: an LKjIP's Bab III A tables (capaian IKU, against earlier years and the
//!   Renstra, efisiensi, the table of sasaran, program and kegiatan) as printed →
//!   [`LkjipReading`] ([`lkjip`]), for the domain's checks of a printed table.
//! - [`read_tc29`]: a T-C.29 (rekap evaluasi Renja dan capaian Renstra) as printed →
//!   [`Tc29Reading`] ([`tc29`]), rows of cell text for the domain's check of its formulas.
//! - [`json`]: the JSON of `capaian import FILE --json` and its reverse.
//!
//! Safety: the zip container is checked (file size, declared uncompressed sizes,
//! compression ratios) before anything is inflated ([`Limits`]); every failure is a
//! [`ReadError`] with an Indonesian message; no input makes the reader panic.

pub mod choices;
mod error;
pub mod export;
mod fast;
pub mod fill;
mod guard;
mod header;
pub mod json;
mod kepala;
pub mod kinerja;
mod legacy;
pub mod lkjip;
pub mod mapping;
pub mod nomenklatur;
mod package;
pub mod pk;
pub mod profile;
mod reader;
pub mod renja;
pub mod sipd;
pub mod tc29;
mod text;
mod title;
mod values;

use std::path::Path;

use capaian_domain::model::{Field, Problem};
use serde::{Deserialize, Serialize};

pub use error::{JsonError, ReadError};
pub use guard::Limits;
pub use kinerja::{read_kinerja, KinerjaReading, FORMULIR_KINERJA};
pub use lkjip::{read_lkjip, LkjipReading};
pub use mapping::{
    group_problems, read_for_review, read_for_review_with, ColumnMapping, ColumnOverride,
    ColumnRole, Confidence, Decision, IgnoreReason, KodeOverride, LevelOverride, Mapping,
    PreviewRow, ProblemGroup, ReadOptions, Reading, RowReading,
};
pub use pk::{read_pk, KolomNilaiPk, PkReading};
pub use profile::FormProfile;
pub use renja::{read_renja, RenjaReading};
pub use sipd::{read_sipd, SipdLayout, SipdReading};
pub use tc29::{read_tc29, Tc29Reading};

/// What reading a workbook produced.
#[derive(Clone, Debug, PartialEq)]
pub struct Import {
    pub document: capaian_domain::model::Document,
    /// Problems found while reading (unreadable cells, codes that are not codes, …), each
    /// with sheet, cell, and (for data rows) document row and field.
    pub problems: Vec<Problem>,
    pub layout: Layout,
}

/// Where a form sits in its sheet. Row and column numbers are 1-based (row 1 = the
/// sheet's first row, column 1 = `A`), like the rows of [`capaian_domain::model::Row::sheet_row`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Layout {
    pub form: String,
    pub sheet: String,
    /// First and last row of the header block (above the numbering row).
    pub header_rows: (u32, u32),
    /// The row printing the column numbers (`1`, `2`, … `12 = 8+9+10+11`), when present.
    pub numbering_row: Option<u32>,
    pub first_data_row: u32,
    /// Last row read as a data row (None when there were none).
    pub last_data_row: Option<u32>,
    /// First footer row (`Rata-rata capaian kinerja`, `Disusun`, …), when found.
    pub footer_row: Option<u32>,
    /// The column of each field found in the header.
    pub columns: Vec<ColumnRef>,
    /// Satuan sub-columns (K split into volume + satuan), keyed by the K field they qualify.
    pub unit_columns: Vec<ColumnRef>,
    /// Money fields whose column states a scale (`Rp. (000)`: 1000): the cell × scale is the
    /// rupiah the document holds, so what is written back is the rupiah ÷ scale.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scales: Vec<(Field, rust_decimal::Decimal)>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnRef {
    pub field: Field,
    /// 1-based column number.
    pub col: u32,
    /// Column letter(s), `A`…`XFD`.
    pub letter: String,
}

impl Layout {
    /// The column (1-based) of a field.
    pub fn column(&self, field: Field) -> Option<u32> {
        self.columns
            .iter()
            .find(|c| c.field == field)
            .map(|c| c.col)
    }

    /// The scale of a money field's column (1 when it states none).
    pub fn scale(&self, field: Field) -> rust_decimal::Decimal {
        self.scales
            .iter()
            .find(|(f, _)| *f == field)
            .map_or(rust_decimal::Decimal::ONE, |(_, s)| *s)
    }

    /// The A1 reference of a field in a sheet row.
    pub fn cell(&self, sheet_row: u32, field: Field) -> Option<String> {
        self.column(field)
            .map(|c| format!("{}{}", col_letter(c), sheet_row))
    }
}

impl Import {
    /// The A1 reference of document row `row`'s `field`.
    pub fn cell_of(&self, row: usize, field: Field) -> Option<String> {
        let r = self.document.rows.get(row)?;
        if r.sheet_row == 0 {
            return None;
        }
        self.layout.cell(r.sheet_row, field)
    }

    /// Give problems that carry a document row (+ field) their sheet and cell. Problems
    /// about a row whose field has no column get the row's first column (`A14`-style
    /// reference to the row) so they can still be found.
    pub fn locate(&self, problems: &[Problem]) -> Vec<Problem> {
        problems
            .iter()
            .map(|p| {
                let mut p = p.clone();
                if p.at.sheet.is_none() {
                    p.at.sheet = Some(self.layout.sheet.clone());
                }
                if p.at.cell.is_none() {
                    if let Some(row) = p.at.row {
                        let cell = p.at.field.and_then(|f| self.cell_of(row, f)).or_else(|| {
                            let r = self.document.rows.get(row)?;
                            let first = self.layout.columns.iter().map(|c| c.col).min()?;
                            Some(format!("{}{}", col_letter(first), r.sheet_row))
                        });
                        p.at.cell = cell;
                    }
                }
                p
            })
            .collect()
    }
}

/// Column letters of a 1-based column number (`1` → `A`, `28` → `AB`).
pub fn col_letter(col: u32) -> String {
    let mut n = col;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// Read a Formulir E.81 workbook (`.xlsx`, or legacy `.xls` Excel 97–2003).
pub fn read_workbook(bytes: &[u8], limits: &Limits) -> Result<Import, ReadError> {
    read_workbook_with(bytes, limits, &FormProfile::e81())
}

/// Read a workbook of the form described by `profile`.
pub fn read_workbook_with(
    bytes: &[u8],
    limits: &Limits,
    profile: &FormProfile,
) -> Result<Import, ReadError> {
    reader::read_with_profile(bytes, limits, profile)
}

/// Read a workbook of whichever form kind printed one sheet row per document row Capaian knows
/// (`FormProfile::all()`: Formulir E.81 first, then the laporan triwulan and the rencana aksi):
/// the first whose headers the workbook carries; the document's `form` names it. When none
/// does, the E.81's refusal (it says what was looked for).
pub fn read_any_form(bytes: &[u8], limits: &Limits) -> Result<Import, ReadError> {
    first_form(
        bytes,
        limits,
        |profile| read_workbook_with(bytes, limits, profile),
        |i| &i.layout,
    )
}

/// `read` with each form kind's profile in `FormProfile::all()`'s order: the first reading that
/// is not [`ReadError::FormNotFound`]; when every one is, the first's (Formulir E.81's) refusal.
/// A workbook that is a Perjanjian Kinerja ([`read_pk`] reads it) is left to it after the E.81:
/// its lampiran kinerja (indikator, target, TW targets) would also pass for a rencana aksi.
/// Likewise a reading without any quarter column (`layout_of` says where its fields are) of a
/// workbook that is a T-C.29 ([`read_tc29`] reads it): its Kode, names, indicator, target and
/// realisasi columns would pass for an E.81 whose quarters are missing.
pub fn first_form<T>(
    bytes: &[u8],
    limits: &Limits,
    mut read: impl FnMut(&FormProfile) -> Result<T, ReadError>,
    layout_of: impl Fn(&T) -> &Layout,
) -> Result<T, ReadError> {
    let tc29 = |r: &T| {
        let layout = layout_of(r);
        let quarters = layout.columns.iter().any(|c| {
            matches!(
                c.field,
                Field::TwK(_) | Field::TwRp(_) | Field::TargetTwK(_)
            )
        });
        (!quarters && read_tc29(bytes, limits).is_ok()).then(|| ReadError::FormNotFound {
            form: FormProfile::e81().title.to_string(),
            sheets_seen: vec![layout.sheet.clone()],
        })
    };
    let mut profiles = FormProfile::all().into_iter();
    let first = match profiles.next().map(|p| read(&p)) {
        Some(Err(e @ ReadError::FormNotFound { .. })) => e,
        Some(Ok(r)) => return tc29(&r).map_or(Ok(r), Err),
        Some(other) => return other,
        None => {
            return Err(ReadError::FormNotFound {
                form: FormProfile::e81().title.to_string(),
                sheets_seen: Vec::new(),
            })
        }
    };
    if read_pk(bytes, limits).is_ok() {
        return Err(first);
    }
    for profile in profiles {
        match read(&profile) {
            Err(ReadError::FormNotFound { .. }) => {}
            Ok(r) => return tc29(&r).map_or(Ok(r), Err),
            other => return other,
        }
    }
    Err(first)
}

/// Read a Formulir E.81 workbook from a file (size-checked before it is loaded).
pub fn read_path(path: impl AsRef<Path>, limits: &Limits) -> Result<Import, ReadError> {
    let path = path.as_ref();
    let size = std::fs::metadata(path)?.len();
    if size > limits.max_file_bytes {
        return Err(ReadError::TooLarge {
            size,
            limit: limits.max_file_bytes,
        });
    }
    let bytes = std::fs::read(path)?;
    read_workbook(&bytes, limits)
}

#[cfg(test)]
mod tests {
    use super::col_letter;

    #[test]
    fn letters() {
        assert_eq!(col_letter(1), "A");
        assert_eq!(col_letter(26), "Z");
        assert_eq!(col_letter(27), "AA");
        assert_eq!(col_letter(39), "AM");
        assert_eq!(col_letter(16384), "XFD");
    }
}
