//! The grid's columns: the form kind's (`capaian_domain::form`), and what each cell shows.

use capaian_domain::e81::{E81State, RowComputed};
use capaian_domain::edit::{self, Cell};
use capaian_domain::model::{Field, KValue, Row};
use rust_decimal::Decimal;

use crate::format::{angka_opsional, nilai_k, persen};

/// The columns are the form kind's (`capaian_domain::form`), written once there.
pub use capaian_domain::form::{Column, ColumnKind, Computed};

/// The grid's form kind.
pub const FORM: &capaian_domain::form::FormKind = &capaian_domain::form::e81::E81;

/// Columns frozen at the left (Kode, Program/Kegiatan/Sub Kegiatan).
pub const FROZEN: usize = FORM.frozen;

/// Every column, left to right.
pub const COLUMNS: &[Column] = FORM.columns;

/// Left edge of every column, and the total width (one more entry than columns).
pub fn offsets() -> Vec<u32> {
    let mut x = 0;
    let mut out = Vec::with_capacity(COLUMNS.len() + 1);
    for c in COLUMNS {
        out.push(x);
        x += c.width;
    }
    out.push(x);
    out
}

/// The column that shows a stored cell, if the grid shows it.
pub fn column_of_cell(cell: Cell) -> Option<usize> {
    FORM.column_of_cell(cell)
}

/// The column where a problem located at `field` is marked (stored cells by [`Cell::field`]).
pub fn column_of_field(field: Field) -> Option<usize> {
    FORM.column_of_field(field)
}

fn pct_k(k: Option<&KValue>) -> String {
    match k {
        Some(KValue::Number(n)) => persen(Some(*n)),
        other => nilai_k(other),
    }
}

fn computed_text(c: &RowComputed, which: Computed) -> String {
    let pair = |n: u8| match n {
        12 => &c.c12,
        13 => &c.c13,
        14 => &c.c14,
        _ => &c.c15,
    };
    match which {
        Computed::K(n @ (13 | 15)) => pct_k(pair(n).k.as_ref()),
        Computed::Rp(n @ (13 | 15)) => match pair(n).rp {
            Some(v) => persen(Some(v)),
            None => String::new(),
        },
        Computed::K(n) => nilai_k(pair(n).k.as_ref()),
        Computed::Rp(n) => angka_opsional(pair(n).rp),
        Computed::Predikat => c.rating.clone().unwrap_or_default(),
    }
}

/// The text a cell shows. Rp cells of a node with children show the effective value (its own
/// stated number, else the sum of its children).
pub fn cell_text(row: &Row, index: usize, state: &E81State, col: &Column) -> String {
    match col.kind {
        ColumnKind::Kode => row.kode_shown().unwrap_or_default().to_string(),
        ColumnKind::Nama => row.name.clone(),
        ColumnKind::Input(cell) => match cell {
            Cell::TwK(_) | Cell::TargetK | Cell::RenstraK | Cell::PrevK => nilai_k(
                match edit::get(row, cell) {
                    edit::CellValue::K(k) => Some(k),
                    _ => None,
                }
                .as_ref(),
            ),
            Cell::TwRp(_) | Cell::TargetRp | Cell::RenstraRp | Cell::PrevRp => {
                angka_opsional(effective_rp(state, index, cell))
            }
            other => edit::display(&edit::get(row, other)),
        },
        ColumnKind::Computed(which) => computed_text(&state.computed().rows[index], which),
    }
}

/// The effective Rp value of an Rp cell (own value, else Σ children).
pub fn effective_rp(state: &E81State, row: usize, cell: Cell) -> Option<Decimal> {
    let e = state.effective_rp(row);
    match cell {
        Cell::RenstraRp => e.renstra,
        Cell::PrevRp => e.prev,
        Cell::TargetRp => e.target,
        Cell::TwRp(q) if (1..=4).contains(&q) => e.tw[usize::from(q - 1)],
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems_are_marked_in_the_column_of_their_field() {
        let table = [
            (Field::Kode, 0),
            (Field::Name, 1),
            (Field::Indicator, 2),
            (Field::TargetRp, 9),
            (Field::TwK(1), 10),
            (Field::TwRp(4), 17),
            (Field::C12Rp, 19),
            (Field::C13K, 20),
            (Field::C15Rp, 25),
            (Field::UnitPd, 27),
            (Field::Keterangan, 28),
        ];
        for (field, col) in table {
            assert_eq!(column_of_field(field), Some(col), "{field:?}");
        }
        for cell in Cell::all() {
            if let (Some(field), Some(col)) = (cell.field(), column_of_cell(cell)) {
                assert_eq!(column_of_field(field), Some(col), "{cell:?}");
            }
        }
    }
}
