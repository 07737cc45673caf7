//! The grid's columns: the form kind's (`capaian_domain::form`), and what each cell shows.

use capaian_domain::e81::{E81State, RowComputed};
use capaian_domain::edit::{self, Cell, CellKind};
use capaian_domain::model::{KValue, Row};
use rust_decimal::Decimal;

use crate::format::{angka_opsional, nilai_k, persen};

/// The columns are the form kind's (`capaian_domain::form`), written once there.
pub use capaian_domain::form::{Column, ColumnKind, Computed, FormKind};

/// Left edge of every column of `form`, and the total width (one more entry than columns).
pub fn offsets(form: &FormKind) -> Vec<u32> {
    let mut x = 0;
    let mut out = Vec::with_capacity(form.columns.len() + 1);
    for c in form.columns {
        out.push(x);
        x += c.width;
    }
    out.push(x);
    out
}

fn pct_k(k: Option<&KValue>) -> String {
    match k {
        Some(KValue::Number(n)) => persen(Some(*n)),
        other => nilai_k(other),
    }
}

fn computed_text(state: &E81State, index: usize, which: Computed) -> String {
    let c: &RowComputed = &state.computed().rows[index];
    let k = |n: u8| c.kolom(n).and_then(|p| p.k.as_ref());
    let rp = |n: u8| c.kolom(n).and_then(|p| p.rp);
    match which {
        Computed::K(n @ (13 | 15)) => pct_k(k(n)),
        Computed::Rp(n @ (13 | 15)) => match rp(n) {
            Some(v) => persen(Some(v)),
            None => String::new(),
        },
        Computed::K(n) => nilai_k(k(n)),
        Computed::Rp(n) => angka_opsional(rp(n)),
        Computed::Predikat => c.rating.clone().unwrap_or_default(),
        Computed::CapaianSdTw => persen(c.capaian_sd_tw),
        Computed::Penyerapan => persen(c.penyerapan_pct),
        Computed::Sisa => angka_opsional(c.sisa_rp),
        // Penyerapan TW against the anggaran kas: both the row's money as it stands.
        Computed::SerapanKas(q) => persen(
            capaian_domain::anggaran::Serapan::of(
                effective_rp(state, index, Cell::TwRp(q)),
                effective_rp(state, index, Cell::KasRp(q)),
            )
            .persen,
        ),
    }
}

/// The text a cell shows. Rp cells of a node with children show the effective value (its own
/// stated number, else the sum of its children).
pub fn cell_text(row: &Row, index: usize, state: &E81State, col: &Column) -> String {
    match col.kind {
        ColumnKind::Kode => row.kode_shown().unwrap_or_default().to_string(),
        ColumnKind::Nama => row.name.clone(),
        ColumnKind::Input(cell) => match cell.kind() {
            CellKind::K => nilai_k(
                match edit::get(row, cell) {
                    edit::CellValue::K(k) => Some(k),
                    _ => None,
                }
                .as_ref(),
            ),
            CellKind::Rp => angka_opsional(effective_rp(state, index, cell)),
            CellKind::Text | CellKind::Pilihan => edit::display(&edit::get(row, cell)),
        },
        ColumnKind::Computed(which) => computed_text(state, index, which),
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
        Cell::MajuRp => e.maju,
        Cell::KasRp(q) if (1..=4).contains(&q) => e.kas[usize::from(q - 1)],
        Cell::BulanRp(m) if (1..=12).contains(&m) => e.bulan[usize::from(m - 1)],
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use capaian_domain::model::Field;

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
            (Field::Sasaran, 27),
            (Field::UnitPd, 28),
            (Field::Keterangan, 29),
        ];
        let form = &capaian_domain::form::e81::E81;
        for (field, col) in table {
            assert_eq!(form.column_of_field(field), Some(col), "{field:?}");
        }
        for form in capaian_domain::form::all() {
            for cell in Cell::all() {
                if let (Some(field), Some(col)) = (cell.field(), form.column_of_cell(cell)) {
                    assert_eq!(form.column_of_field(field), Some(col), "{cell:?}");
                }
            }
        }
    }
}
