//! The grid's columns, in the order and with the numbering of Formulir E.81.

use capaian_domain::e81::{E81State, RowComputed};
use capaian_domain::edit::{self, Cell};
use capaian_domain::model::{Field, KValue, Row};
use rust_decimal::Decimal;

use crate::format::{angka_opsional, nilai_k, persen};

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

const fn col(
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

use ColumnKind::{Computed as C, Input as I};

/// Columns frozen at the left (Kode, Program/Kegiatan/Sub Kegiatan).
pub const FROZEN: usize = 2;

/// Every column, left to right.
pub const COLUMNS: [Column; 29] = [
    col(ColumnKind::Kode, "Kode", "", 118, false),
    col(
        ColumnKind::Nama,
        "3. Program / Kegiatan / Sub Kegiatan",
        "",
        300,
        false,
    ),
    col(I(Cell::Indicator), "4. Indikator Kinerja", "", 260, false),
    col(I(Cell::Unit), "Satuan", "", 80, false),
    col(I(Cell::RenstraK), "5. Target Renstra", "K", 80, true),
    col(I(Cell::RenstraRp), "5. Target Renstra", "Rp", 130, true),
    col(
        I(Cell::PrevK),
        "6. Realisasi s.d. tahun lalu",
        "K",
        80,
        true,
    ),
    col(
        I(Cell::PrevRp),
        "6. Realisasi s.d. tahun lalu",
        "Rp",
        130,
        true,
    ),
    col(I(Cell::TargetK), "7. Target tahun berjalan", "K", 80, true),
    col(
        I(Cell::TargetRp),
        "7. Target tahun berjalan",
        "Rp",
        130,
        true,
    ),
    col(I(Cell::TwK(1)), "8. Triwulan I", "K", 76, true),
    col(I(Cell::TwRp(1)), "8. Triwulan I", "Rp", 126, true),
    col(I(Cell::TwK(2)), "9. Triwulan II", "K", 76, true),
    col(I(Cell::TwRp(2)), "9. Triwulan II", "Rp", 126, true),
    col(I(Cell::TwK(3)), "10. Triwulan III", "K", 76, true),
    col(I(Cell::TwRp(3)), "10. Triwulan III", "Rp", 126, true),
    col(I(Cell::TwK(4)), "11. Triwulan IV", "K", 76, true),
    col(I(Cell::TwRp(4)), "11. Triwulan IV", "Rp", 126, true),
    col(
        C(Computed::K(12)),
        "12. Realisasi (8+9+10+11)",
        "K",
        80,
        true,
    ),
    col(
        C(Computed::Rp(12)),
        "12. Realisasi (8+9+10+11)",
        "Rp",
        130,
        true,
    ),
    col(C(Computed::K(13)), "13. Capaian (12/7) %", "K", 76, true),
    col(C(Computed::Rp(13)), "13. Capaian (12/7) %", "Rp", 76, true),
    col(
        C(Computed::K(14)),
        "14. Realisasi Renstra (6+12)",
        "K",
        80,
        true,
    ),
    col(
        C(Computed::Rp(14)),
        "14. Realisasi Renstra (6+12)",
        "Rp",
        130,
        true,
    ),
    col(
        C(Computed::K(15)),
        "15. Capaian Renstra (14/5) %",
        "K",
        76,
        true,
    ),
    col(
        C(Computed::Rp(15)),
        "15. Capaian Renstra (14/5) %",
        "Rp",
        76,
        true,
    ),
    col(C(Computed::Predikat), "Predikat", "", 110, false),
    col(
        I(Cell::UnitPd),
        "16. Unit PD penanggung jawab",
        "",
        160,
        false,
    ),
    col(I(Cell::Keterangan), "17. Keterangan", "", 220, false),
];

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
    COLUMNS
        .iter()
        .position(|c| c.kind == ColumnKind::Input(cell))
}

/// The field a computed column shows, if it is one of columns 12–15.
fn computed_field(c: Computed) -> Option<Field> {
    Some(match c {
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

/// The column where a problem located at `field` is marked (stored cells by [`Cell::field`]).
pub fn column_of_field(field: Field) -> Option<usize> {
    COLUMNS.iter().position(|c| match c.kind {
        ColumnKind::Kode => field == Field::Kode,
        ColumnKind::Nama => field == Field::Name,
        ColumnKind::Input(cell) => cell.field() == Some(field),
        ColumnKind::Computed(computed) => computed_field(computed) == Some(field),
    })
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
