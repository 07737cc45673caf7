//! Form kinds as values. A form kind (Formulir E.81, and the forms that come after it) is one
//! [`FormKind`]: its key and title, and its columns written once — what each shows (a stored
//! [`Cell`], a computed column, the kode or the name), its header text, and how it is laid out —
//! which the grid, the pages and the exports read instead of lists of their own. Adding a form
//! kind is one module here plus one line in [`all`].
//!
//! A form kind is seen in two places, in two orders: the grid ([`FormKind::columns`]) and the
//! official sheet ([`FormKind::sheet`]). The two are two ordered lists over the same
//! [`ColumnKind`]s rather than one list with a position per medium, because
//! - the orders differ (the sheet prints Satuan between 5 K and 5 Rp, the grid beside the
//!   indikator) and a list's order is its layout: one list would need a hand-written sheet
//!   position per column, a second order written as numbers;
//! - each medium has columns the other lacks (the sheet's No and Sasaran, [`SheetKind`]; the
//!   grid's predikat): a column is printed on the sheet when the sheet list names its kind, and
//!   the grid shows it when the grid list does ([`FormKind::sheet_column`],
//!   [`FormKind::column_of_kind`]);
//! - what each list says of a column belongs to that medium only: the grid's caption, pixel
//!   width and alignment ([`Column`]); the sheet's official header wording, Excel width and
//!   numbering-row label ([`SheetColumn`]).
//!
//! What both show of a column is its kind's, written once there: what it holds and its K/Rp
//! sub-label ([`ColumnKind::sub`]). The exports derive every position, column letter, width and
//! header text from the sheet list.

use crate::edit::{Cell, CellKind};
use crate::model::Field;

pub mod e81;
pub mod laporan;
pub mod pk;
pub mod realisasi;
pub mod rencana_aksi;
pub mod renja;

/// A computed (read-only) column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Computed {
    /// Column `n` (12–15), K or Rp.
    K(u8),
    Rp(u8),
    /// The rating of capaian s.d. TW n.
    Predikat,
    /// Capaian kinerja s.d. TW n against the year's target, percent (`RowComputed::capaian_sd_tw`).
    CapaianSdTw,
    /// Realisasi keuangan ÷ pagu, percent (`RowComputed::penyerapan_pct`).
    Penyerapan,
    /// Quarter `q`'s realisasi Rp ÷ its anggaran kas, percent (`anggaran::Serapan`).
    SerapanKas(u8),
    /// Pagu − realisasi keuangan s.d. TW n (`RowComputed::sisa_rp`).
    Sisa,
}

/// What a column shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColumnKind {
    Kode,
    Nama,
    /// A stored cell (editable or not, depending on the row and the quarter locks).
    Input(Cell),
    Computed(Computed),
}

impl ColumnKind {
    /// Its K/Rp sub-label (the second header row of the grid, the last header row of the
    /// sheet): `K` for a kinerja column, `Rp` for a rupiah column, empty for the others.
    pub fn sub(self) -> &'static str {
        match self {
            ColumnKind::Input(cell) => match cell.kind() {
                CellKind::K => "K",
                CellKind::Rp => "Rp",
                CellKind::Text | CellKind::Pilihan => "",
            },
            ColumnKind::Computed(Computed::K(_)) => "K",
            ColumnKind::Computed(Computed::Rp(_) | Computed::Sisa) => "Rp",
            ColumnKind::Kode
            | ColumnKind::Nama
            | ColumnKind::Computed(
                Computed::Predikat
                | Computed::CapaianSdTw
                | Computed::Penyerapan
                | Computed::SerapanKas(_),
            ) => "",
        }
    }
}

/// One column of the grid.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Column {
    pub kind: ColumnKind,
    /// Header group (the form's column number and title); equal neighbours share one header.
    pub group: &'static str,
    /// Width in pixels.
    pub width: u32,
    /// Right-aligned figures.
    pub number: bool,
}

impl Column {
    /// Second header row: `K`, `Rp`, or empty (then the group spans both rows) — its kind's.
    pub fn sub(&self) -> &'static str {
        self.kind.sub()
    }
}

pub(crate) const fn col(kind: ColumnKind, group: &'static str, width: u32, number: bool) -> Column {
    Column {
        kind,
        group,
        width,
        number,
    }
}

/// What a column of the official sheet shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SheetKind {
    /// The row's number in the outline (`1`, `1.2`, `1.2.3`); the sheet's own.
    No,
    /// The sasaran a node serves (column 2): its Sasaran cell ([`Cell::Sasaran`]), printed on
    /// the node's own row only.
    Sasaran,
    /// A column of the form, the same kind the grid shows.
    Form(ColumnKind),
}

/// A sheet column's own label in the last header row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SheetLabel {
    /// Its own wording.
    Text(&'static str),
    /// Its kind's K/Rp sub-label ([`ColumnKind::sub`]).
    KRp,
}

/// One column of the official sheet: what it shows and how it is printed. The header block is
/// [`SHEET_HEADER_ROWS`] rows: a column's titles ([`SheetColumn::over`]) take a row each from
/// the top, the innermost stretched down to its own label in the last row; a column without
/// titles has its label over the whole block. Neighbours with the same titles down to a row
/// share that row's cell, and neighbours with the same numbering share one numbering cell.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SheetColumn {
    pub kind: SheetKind,
    /// Titles above its label, outermost first, in the official wording; `{tahun}` and
    /// `{tahun_lalu}` are the document's year and the year before ([`with_year`]).
    pub over: &'static [&'static str],
    pub label: SheetLabel,
    /// Excel column width (characters of the default font).
    pub width: f64,
    /// Its label in the numbering row under the header (`5`, `12 = 8 + 9 + 10 + 11`).
    pub numbering: &'static str,
}

/// Rows of the official sheet's header block (above the numbering row).
pub const SHEET_HEADER_ROWS: u32 = 3;

impl SheetColumn {
    /// Its label in the last header row.
    pub fn label(&self) -> &'static str {
        match (self.label, self.kind) {
            (SheetLabel::Text(t), _) => t,
            (SheetLabel::KRp, SheetKind::Form(kind)) => kind.sub(),
            (SheetLabel::KRp, SheetKind::No | SheetKind::Sasaran) => "",
        }
    }
}

pub(crate) const fn sheet(
    kind: SheetKind,
    over: &'static [&'static str],
    label: SheetLabel,
    width: f64,
    numbering: &'static str,
) -> SheetColumn {
    SheetColumn {
        kind,
        over,
        label,
        width,
        numbering,
    }
}

/// A cell of the sheet's header block or numbering row: columns `first..=last` (0-based, of
/// [`FormKind::sheet`]) and rows `top..=bottom` (0-based within the block), one merged cell
/// when it covers more than one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SheetCell {
    pub first: usize,
    pub last: usize,
    pub top: u32,
    pub bottom: u32,
    /// Its wording (`{tahun}`: see [`with_year`]).
    pub text: &'static str,
}

/// The runs of neighbours `i`, `i + 1` … that `same` joins, as `(first, last)`.
fn runs(n: usize, same: impl Fn(usize, usize) -> bool) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut first = 0;
    while first < n {
        let mut last = first;
        while last + 1 < n && same(first, last + 1) {
            last += 1;
        }
        out.push((first, last));
        first = last + 1;
    }
    out
}

/// Sheet wording with the document's year in it: `{tahun}` → `2026`, `{tahun_lalu}` → `2025`.
pub fn with_year(text: &str, tahun: i32) -> String {
    text.replace("{tahun_lalu}", &(tahun - 1).to_string())
        .replace("{tahun}", &tahun.to_string())
}

/// Sheet wording for the report of quarter `tw` (1..=4) of `tahun`: [`with_year`], and `{tw}`
/// → the quarter's roman numeral (`s.d. TW {tw}` → `s.d. TW II`).
pub fn with_period(text: &str, tahun: i32, tw: u8) -> String {
    with_year(text, tahun).replace("{tw}", crate::checks::roman(tw.clamp(1, 4)))
}

/// One form kind.
#[derive(Debug)]
pub struct FormKind {
    /// What `Document::form` says for it: `E.81`.
    pub key: &'static str,
    /// Its title as the pages show it.
    pub title: &'static str,
    /// Its short name, in buttons and in the names of files made from it: `Formulir E.81`.
    pub nama: &'static str,
    /// Every column, left to right, as the grid shows them.
    pub columns: &'static [Column],
    /// Columns frozen at the left.
    pub frozen: usize,
    /// Every column, left to right, as the official sheet prints them (empty for a form the
    /// exports print in a layout of its own rather than one sheet row per document row).
    pub sheet: &'static [SheetColumn],
    /// A report against the year's targets (the E.81): there the annual target (column 7)
    /// changes only in a budget change. The planning forms (Renja, PK, rencana aksi) are where
    /// targets are set, and edit them.
    pub laporan: bool,
    /// Shows the performance tree's rows (tujuan, sasaran and their IKU) besides the budget
    /// tree's: the PK, the rencana aksi and the laporan do; Formulir E.81, the Renja and the
    /// realisasi anggaran print programs, kegiatan and sub kegiatan only.
    pub kinerja: bool,
}

impl FormKind {
    /// Whether the form shows a document's row `i`, given which rows are the performance
    /// tree's ([`crate::model::baris_kinerja`]).
    pub fn shows(&self, kinerja: &[bool], i: usize) -> bool {
        self.kinerja || !kinerja.get(i).copied().unwrap_or(false)
    }
}

impl FormKind {
    /// The column where a problem located at `field` is marked (stored cells by
    /// [`Cell::field`]).
    pub fn column_of_field(&self, field: Field) -> Option<usize> {
        self.columns.iter().position(|c| match c.kind {
            ColumnKind::Kode => field == Field::Kode,
            ColumnKind::Nama => field == Field::Name,
            // The rencana aksi's TW target is a plan value (no E.81 field of the cell), read
            // from the sheets that print it into its own field.
            ColumnKind::Input(Cell::TargetTwK(q)) => field == Field::TargetTwK(q),
            ColumnKind::Input(cell) => cell.field() == Some(field),
            ColumnKind::Computed(computed) => computed.field() == Some(field),
        })
    }

    /// The column that shows a stored cell, if the form has one.
    pub fn column_of_cell(&self, cell: Cell) -> Option<usize> {
        self.column_of_kind(ColumnKind::Input(cell))
    }

    /// The grid's column of a kind, if the grid shows it.
    pub fn column_of_kind(&self, kind: ColumnKind) -> Option<usize> {
        self.columns.iter().position(|c| c.kind == kind)
    }

    /// The sheet's header block ([`SHEET_HEADER_ROWS`] rows), cell by cell, as
    /// [`SheetColumn`] describes it: each title over the run of neighbours that share the titles
    /// down to it, each column's own label; ordered by top row, taller first, then left to
    /// right (the order a writer's merged ranges are listed in).
    pub fn sheet_header(&self) -> Vec<SheetCell> {
        let cols = self.sheet;
        let last_row = SHEET_HEADER_ROWS - 1;
        let mut out = Vec::new();
        for level in 0..last_row as usize {
            let titled = |i: usize| cols[i].over.len() > level;
            let same = |a: usize, b: usize| {
                titled(a) && titled(b) && cols[a].over[..=level] == cols[b].over[..=level]
            };
            for (first, last) in runs(cols.len(), same) {
                let c = &cols[first];
                if !titled(first) {
                    continue;
                }
                // The innermost title stretches down to the label row.
                let bottom = if level + 1 == c.over.len() {
                    last_row - 1
                } else {
                    level as u32
                };
                out.push(SheetCell {
                    first,
                    last,
                    top: level as u32,
                    bottom,
                    text: c.over[level],
                });
            }
        }
        for (i, c) in cols.iter().enumerate() {
            // A column without titles has its label over the whole block.
            let top = if c.over.is_empty() { 0 } else { last_row };
            out.push(SheetCell {
                first: i,
                last: i,
                top,
                bottom: last_row,
                text: c.label(),
            });
        }
        out.sort_by_key(|h| (h.top, std::cmp::Reverse(h.bottom - h.top), h.first));
        out
    }

    /// The sheet's numbering row, cell by cell: neighbours with the same numbering share one.
    pub fn sheet_numbering(&self) -> Vec<SheetCell> {
        let cols = self.sheet;
        runs(cols.len(), |a, b| cols[a].numbering == cols[b].numbering)
            .into_iter()
            .map(|(first, last)| SheetCell {
                first,
                last,
                top: 0,
                bottom: 0,
                text: cols[first].numbering,
            })
            .collect()
    }

    /// The sheet's column of a kind, if the sheet prints it.
    pub fn sheet_column(&self, kind: SheetKind) -> Option<usize> {
        self.sheet.iter().position(|c| c.kind == kind)
    }
}

impl Computed {
    /// The document field a computed column shows, if it is one of columns 12–15.
    pub fn field(self) -> Option<Field> {
        Some(match self {
            Computed::K(12) => Field::C12K,
            Computed::Rp(12) => Field::C12Rp,
            Computed::K(13) => Field::C13K,
            Computed::Rp(13) => Field::C13Rp,
            Computed::K(14) => Field::C14K,
            Computed::Rp(14) => Field::C14Rp,
            Computed::K(15) => Field::C15K,
            Computed::Rp(15) => Field::C15Rp,
            _ => return None,
        })
    }
}

/// Every form kind Capaian knows, in the order the pages list them.
pub fn all() -> &'static [&'static FormKind] {
    &[
        &e81::E81,
        &renja::RENJA,
        &rencana_aksi::RENCANA_AKSI,
        &pk::PK,
        &laporan::LAPORAN,
        &realisasi::REALISASI,
    ]
}

/// The short name of a document's form kind ([`FormKind::nama`]); `Formulir <key>` for a kind
/// Capaian does not know.
pub fn nama(key: &str) -> String {
    by_key(key).map_or_else(|| format!("Formulir {key}"), |f| f.nama.to_string())
}

/// The form kind of a document (`Document::form`), if Capaian knows it.
pub fn by_key(key: &str) -> Option<&'static FormKind> {
    all().iter().copied().find(|f| f.key == key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_form_kind_is_found_by_its_key_and_shows_each_cell_once() {
        for form in all() {
            assert_eq!(by_key(form.key).map(|f| f.key), Some(form.key));
            assert!(form.frozen <= form.columns.len());
            let mut seen = std::collections::HashSet::new();
            for c in form.columns {
                if let ColumnKind::Input(cell) = c.kind {
                    assert!(
                        seen.insert(cell.key()),
                        "{}: {} twice",
                        form.key,
                        cell.key()
                    );
                }
                assert!(c.width > 0, "{}: {} has no width", form.key, c.group);
            }
        }
        assert!(by_key("Formulir X").is_none());
        assert_eq!(nama("E.81"), "Formulir E.81");
        assert_eq!(
            nama("PK"),
            "Formulir PK",
            "an unknown kind is named by its key"
        );
    }

    #[test]
    fn every_sheet_column_is_printed_once_and_the_grid_shows_the_form_s() {
        for form in all() {
            for (i, c) in form.sheet.iter().enumerate() {
                assert_eq!(form.sheet_column(c.kind), Some(i), "{}: {c:?}", form.key);
                assert!(c.width > 0.0 && !c.numbering.is_empty(), "{c:?}");
                assert!(!c.label().is_empty(), "{}: {c:?} has no label", form.key);
                assert!(c.over.len() < SHEET_HEADER_ROWS as usize, "{c:?}");
                if let SheetKind::Form(kind) = c.kind {
                    assert!(form.column_of_kind(kind).is_some(), "{c:?} not in the grid");
                }
            }
        }
    }

    #[test]
    fn the_e81_sheet_header_spans_what_the_official_form_spans() {
        let at = |h: &[SheetCell], text: &str| -> Vec<(usize, usize, u32, u32)> {
            h.iter()
                .filter(|c| c.text == text)
                .map(|c| (c.first, c.last, c.top, c.bottom))
                .collect()
        };
        let h = e81::E81.sheet_header();
        assert_eq!(at(&h, "No"), [(0, 0, 0, 2)]);
        assert_eq!(at(&h, "Satuan"), [(6, 6, 2, 2)]);
        assert_eq!(at(&h, e81::E81.sheet[5].over[0]), [(5, 7, 0, 1)]);
        assert_eq!(at(&h, "Realisasi Kinerja pada Triwulan"), [(12, 19, 0, 0)]);
        assert_eq!(at(&h, "IV"), [(18, 19, 1, 1)]);
        assert_eq!(at(&h, "Rp").len(), 11);
        let n = e81::E81.sheet_numbering();
        assert_eq!(n.len(), 17);
        assert_eq!((n[2].first, n[2].last, n[2].text), (2, 3, "3"));
        assert_eq!((n[4].first, n[4].last, n[4].text), (5, 7, "5"));
    }

    #[test]
    fn the_quarter_goes_into_the_sheet_wording() {
        assert_eq!(
            with_period("% Capaian s.d. TW {tw} Tahun {tahun}", 2024, 2),
            "% Capaian s.d. TW II Tahun 2024"
        );
        assert_eq!(
            laporan::LAPORAN.column_of_field(Field::TargetTwK(3)),
            laporan::LAPORAN.column_of_cell(Cell::TargetTwK(3))
        );
    }

    #[test]
    fn the_year_goes_into_the_sheet_wording() {
        assert_eq!(
            with_year("s/d Tahun {tahun}, tahun lalu ({tahun_lalu})", 2026),
            "s/d Tahun 2026, tahun lalu (2025)"
        );
    }
}
