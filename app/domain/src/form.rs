//! Form kinds as values. A form kind (Formulir E.81, and the forms that come after it) is one
//! [`FormKind`]: its key and title, and its columns written once — what each shows (a stored
//! [`Cell`], a computed column, the kode or the name), its header text, and how it is laid out —
//! which the grid, the pages and the exports read instead of lists of their own. Adding a form
//! kind is one module here plus one line in [`all`].

use crate::edit::Cell;
use crate::model::Field;

pub mod e81;

/// A computed (read-only) column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Computed {
    /// Column `n` (12–15), K or Rp.
    K(u8),
    Rp(u8),
    /// The rating of capaian s.d. TW n.
    Predikat,
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

/// One column of the grid.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Column {
    pub kind: ColumnKind,
    /// Header group (the form's column number and title); equal neighbours share one header.
    pub group: &'static str,
    /// Second header row: `K`, `Rp`, or empty (then the group spans both rows).
    pub sub: &'static str,
    pub width: u32,
    /// Right-aligned figures.
    pub number: bool,
}

pub(crate) const fn col(
    kind: ColumnKind,
    group: &'static str,
    sub: &'static str,
    width: u32,
    number: bool,
) -> Column {
    Column {
        kind,
        group,
        sub,
        width,
        number,
    }
}

/// One form kind.
#[derive(Debug)]
pub struct FormKind {
    /// What `Document::form` says for it: `E.81`.
    pub key: &'static str,
    /// Its title as the pages show it.
    pub title: &'static str,
    /// Every column, left to right, as the grid shows them.
    pub columns: &'static [Column],
    /// Columns frozen at the left.
    pub frozen: usize,
}

impl FormKind {
    /// The column where a problem located at `field` is marked (stored cells by
    /// [`Cell::field`]).
    pub fn column_of_field(&self, field: Field) -> Option<usize> {
        self.columns.iter().position(|c| match c.kind {
            ColumnKind::Kode => field == Field::Kode,
            ColumnKind::Nama => field == Field::Name,
            ColumnKind::Input(cell) => cell.field() == Some(field),
            ColumnKind::Computed(computed) => computed.field() == Some(field),
        })
    }

    /// The column that shows a stored cell, if the form has one.
    pub fn column_of_cell(&self, cell: Cell) -> Option<usize> {
        self.columns
            .iter()
            .position(|c| c.kind == ColumnKind::Input(cell))
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
    &[&e81::E81]
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
    }
}
