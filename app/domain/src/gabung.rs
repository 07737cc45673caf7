//! Merging a workbook into a document that already holds the workspace's values (a TW III file
//! into the document that was read from TW II and edited since): which of the file's rows are
//! the document's rows, which are new, which of the document's rows the file lacks, and every
//! value the file states that differs from the document, side by side, for the person to accept
//! per cell, per column or all. Nothing is merged here: accepted values become ordinary cell
//! edits, whose event names the file.
//!
//! The comparison is the plan's: both are lifted into plans and compared value by value
//! ([`crate::rencana`]: a node by canonical kode, else by level, matched parent and name; an
//! indicator by its text within its node). A value the file leaves empty never clears one the
//! document holds: a file that does not state a value does not contradict it (the count is
//! reported).

use crate::edit::{self, Cell, CellValue};
use crate::model::Document;

/// One value of the file that differs from the document's.
#[derive(Clone, Debug, PartialEq)]
pub struct Beda {
    /// The document's row.
    pub baris: usize,
    /// The file's row (index into the file's rows).
    pub baris_berkas: usize,
    pub kolom: Cell,
    /// What the document holds now.
    pub sekarang: CellValue,
    /// What the file states.
    pub berkas: CellValue,
}

/// What merging a file into a document would do.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Pratinjau {
    /// File rows matched to a document row.
    pub cocok: usize,
    /// File rows no document row matches: new in the file, not merged.
    pub baru: Vec<usize>,
    /// Document rows the file does not have (they keep their values).
    pub tidak_di_berkas: Vec<usize>,
    /// Every differing value, by document row, then in the order of [`kolom_gabung`].
    pub beda: Vec<Beda>,
    /// Values the document holds where the file's cell is empty (kept, not listed).
    pub kosong_di_berkas: usize,
    /// For every document row, the file's row matched to it (where the document's values go
    /// when the file becomes the document's template).
    pub di_berkas: Vec<Option<usize>>,
}

/// The cells a file's value can change: every cell that is a value in the plan
/// ([`crate::rencana::e81::sel_nilai`]) and the unit — not the indicator text (which matched
/// the rows) nor its semantics (which a file does not state). In the grid's order.
pub fn kolom_gabung() -> Vec<Cell> {
    let nilai = crate::rencana::e81::sel_nilai();
    Cell::all()
        .into_iter()
        .filter(|c| *c == Cell::Unit || nilai.contains(c))
        .collect()
}

/// The merge preview of `berkas` (a file as read) into `dokumen` (the document as it stands):
/// both lifted into the plan ([`crate::rencana::e81::angkat`]), compared by the plan
/// ([`crate::rencana::Rencana::banding`]: rows by the plan's matching, values owner by owner),
/// and each difference shown at its row and cell ([`crate::rencana::e81::Letak`]),
/// plus the unit, which is the indicator's own (not a value). A row is matched when its
/// indicator is; differences are listed for matched rows only.
pub fn pratinjau(dokumen: &Document, berkas: &Document) -> Pratinjau {
    use crate::rencana::e81::{angkat, Letak};
    use crate::rencana::Versi;
    let (plan, _) = angkat(dokumen, "", Versi::Murni);
    let (file, _) = angkat(berkas, "", Versi::Murni);
    let banding = plan.banding(&file);
    let (di_dokumen, di_file) = (Letak::new(&plan, dokumen), Letak::new(&file, berkas));
    let mut out = Pratinjau {
        di_berkas: vec![None; dokumen.rows.len()],
        ..Pratinjau::default()
    };
    // Indicator i is row i on both sides (the lift makes one per row).
    for (j, m) in banding.indikator.iter().enumerate() {
        match m.map(|i| i as usize) {
            Some(i) => {
                if let Some(slot) = out.di_berkas.get_mut(i) {
                    *slot = Some(j);
                }
                out.cocok += 1;
            }
            None => out.baru.push(j),
        }
    }
    out.kosong_di_berkas = banding.kosong_di_berkas;
    let columns = kolom_gabung();
    let order = |cell: Cell| columns.iter().position(|c| *c == cell);
    let mut beda: Vec<(usize, Option<usize>, Beda)> = Vec::with_capacity(banding.beda.len());
    for b in &banding.beda {
        let (Some(i), Some(j)) = (
            di_dokumen.baris(b.kunci.pemilik),
            di_file.baris(b.di_berkas.pemilik),
        ) else {
            continue;
        };
        // A node's money compared while its row's indicator did not match is not listed: the
        // row is new in the file.
        if out.di_berkas.get(i).copied().flatten() != Some(j) {
            continue;
        }
        let Some(cell) = di_dokumen.sel(&b.kunci) else {
            continue;
        };
        let sekarang = b.rencana.clone().unwrap_or(CellValue::Empty);
        beda.push((
            i,
            order(cell),
            Beda {
                baris: i,
                baris_berkas: j,
                kolom: cell,
                sekarang,
                berkas: b.berkas.clone(),
            },
        ));
    }
    // The unit is the indicator's own: compared row by row.
    for (i, j) in out.di_berkas.iter().enumerate() {
        let (Some(j), Some(row)) = (*j, dokumen.rows.get(i)) else {
            continue;
        };
        let Some(file_row) = berkas.rows.get(j) else {
            continue;
        };
        let from_file = edit::get(file_row, Cell::Unit);
        let now = edit::get(row, Cell::Unit);
        if from_file.is_empty() {
            out.kosong_di_berkas += usize::from(!now.is_empty());
        } else if !from_file.same(&now) {
            beda.push((
                i,
                order(Cell::Unit),
                Beda {
                    baris: i,
                    baris_berkas: j,
                    kolom: Cell::Unit,
                    sekarang: now,
                    berkas: from_file,
                },
            ));
        }
    }
    beda.sort_by_key(|(i, c, _)| (*i, *c));
    out.beda = beda.into_iter().map(|(_, _, b)| b).collect();
    out.tidak_di_berkas = out
        .di_berkas
        .iter()
        .enumerate()
        .filter_map(|(i, j)| j.is_none().then_some(i))
        .collect();
    out
}
