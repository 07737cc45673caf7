//! Merging a workbook into a document that already holds the workspace's values (a TW III file
//! into the document that was read from TW II and edited since): which of the file's rows are
//! the document's rows, which are new, which of the document's rows the file lacks, and every
//! value the file states that differs from the document, side by side, for the person to accept
//! per cell, per column or all. Nothing is merged here: accepted values become ordinary cell
//! edits, whose event names the file.
//!
//! Rows match as [`history`](crate::history) matches them (same level, canonical kode and
//! indicator text; a row without kode by name, an extra indicator row also by its node). A
//! value the file leaves empty never clears one the document holds: a file that does not state
//! a value does not contradict it (the count is reported).

use crate::edit::{self, Cell, CellValue};
use crate::history::match_rows;
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

/// The cells a file's value can change: everything a person types but the indicator text
/// (which matched the rows) and the indicator's semantics (which a file does not state).
pub fn kolom_gabung() -> Vec<Cell> {
    Cell::all()
        .into_iter()
        .filter(|c| {
            !matches!(
                c,
                Cell::Indicator
                    | Cell::Agregasi
                    | Cell::Polaritas
                    | Cell::Batas100
                    | Cell::JenisNilai
            )
        })
        .collect()
}

/// The merge preview of `berkas` (a file as read) into `dokumen` (the document as it stands).
pub fn pratinjau(dokumen: &Document, berkas: &Document) -> Pratinjau {
    let cells = kolom_gabung();
    let matched = match_rows(&dokumen.rows, &berkas.rows);
    let mut out = Pratinjau {
        di_berkas: vec![None; dokumen.rows.len()],
        ..Pratinjau::default()
    };
    let mut pairs: Vec<(usize, usize)> = Vec::with_capacity(berkas.rows.len());
    for (j, m) in matched.into_iter().enumerate() {
        match m {
            Some(i) => {
                if let Some(slot) = out.di_berkas.get_mut(i) {
                    *slot = Some(j);
                }
                pairs.push((i, j));
            }
            None => out.baru.push(j),
        }
    }
    out.cocok = pairs.len();
    pairs.sort_unstable();
    for (i, j) in pairs {
        let (Some(row), Some(file_row)) = (dokumen.rows.get(i), berkas.rows.get(j)) else {
            continue;
        };
        for &cell in &cells {
            let from_file = edit::get(file_row, cell);
            let now = edit::get(row, cell);
            if from_file.is_empty() {
                out.kosong_di_berkas += usize::from(!now.is_empty());
            } else if !from_file.same(&now) {
                out.beda.push(Beda {
                    baris: i,
                    baris_berkas: j,
                    kolom: cell,
                    sekarang: now,
                    berkas: from_file,
                });
            }
        }
    }
    out.tidak_di_berkas = out
        .di_berkas
        .iter()
        .enumerate()
        .filter_map(|(i, j)| j.is_none().then_some(i))
        .collect();
    out
}
