//! A document's history: cell edits over the imported base ([`CellEdit`], [`replay`]), what
//! changed between two points ([`diff`]), targets before and after a budget change
//! ([`compare_targets`]), and last year's final figures carried into next year's column 6
//! ([`carry_over`]).
//!
//! Points in history are edit sequence numbers: 0 is the document as imported, `n` is the
//! document after every edit with `seq <= n`.
//!
//! Matching rows of two documents (for [`compare_targets`], [`carry_over`] and the merge
//! preview) is the plan's ([`crate::rencana`]): each row's node by canonical kode (and level),
//! else by its path of names (level, name and parent, case and spacing ignored); the row's
//! indicator by its text within the node, an empty one by its position. Each row matches once.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::checks::{at_row, field_label};
use crate::e81::{self, E81Settings};
use crate::edit::{self, Cell, CellValue, EditError};
use crate::model::{Document, Field, KValue, Location, Pair, Problem, Row, Severity};
use crate::num::round_half_up;

/// One stored cell edit (an event of kind "ubah").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CellEdit {
    pub seq: u64,
    /// Index into `Document::rows`.
    pub baris: usize,
    pub cell: Cell,
    /// Value before the edit.
    pub lama: CellValue,
    /// Value after the edit.
    pub baru: CellValue,
    /// Who made it.
    pub oleh: String,
    /// When (as the store records it, e.g. RFC 3339).
    pub waktu: String,
}

/// Apply one edit to a document; returns the value it replaced. The document is unchanged on
/// error (missing row, wrong kind of value, quarter outside 1..=4).
pub fn apply(doc: &mut Document, edit: &CellEdit) -> Result<CellValue, EditError> {
    let jumlah = doc.rows.len();
    let row = doc
        .rows
        .get_mut(edit.baris)
        .ok_or(EditError::BarisTidakAda {
            nomor: edit.baris.saturating_add(1),
            jumlah,
        })?;
    let old = edit::get(row, edit.cell);
    edit::set(row, edit.cell, edit.baru.clone())?;
    Ok(old)
}

/// `'1.250'`, or `(kosong)` for an empty value.
fn quoted(v: &CellValue) -> String {
    if v.is_empty() {
        "(kosong)".into()
    } else {
        format!("'{}'", edit::display(v))
    }
}

fn edit_location(doc: &Document, e: &CellEdit) -> Location {
    Location {
        row: (e.baris < doc.rows.len()).then_some(e.baris),
        field: e.cell.field(),
        ..Location::default()
    }
}

/// Replays edits (in seq order, only those with seq <= upto) over the imported base. Edits
/// naming a row that does not exist or a value of the wrong type produce a Problem
/// (Error `ubah_tidak_diterapkan`, the edit is skipped), never a panic. An edit whose `lama`
/// is not what the cell held is applied with a Warning `nilai_lama_berbeda`.
pub fn replay(base: &Document, edits: &[CellEdit], upto: u64) -> (Document, Vec<Problem>) {
    let mut doc = base.clone();
    let mut problems = Vec::new();
    let mut order: Vec<&CellEdit> = edits.iter().filter(|e| e.seq <= upto).collect();
    order.sort_by_key(|e| e.seq);
    for e in order {
        let at = edit_location(&doc, e);
        let what = format!(
            "Perubahan #{} ({}, baris {})",
            e.seq,
            e.cell.label(),
            e.baris.saturating_add(1)
        );
        match apply(&mut doc, e) {
            Ok(old) if !old.same(&e.lama) => problems.push(Problem {
                severity: Severity::Warning,
                code: "nilai_lama_berbeda".into(),
                message: format!(
                    "{what}: nilai sebelumnya tercatat {}, tetapi dokumen berisi {}; nilai baru {} tetap diterapkan",
                    quoted(&e.lama),
                    quoted(&old),
                    quoted(&e.baru)
                ),
                at,
            }),
            Ok(_) => {}
            Err(err) => problems.push(Problem {
                severity: Severity::Error,
                code: "ubah_tidak_diterapkan".into(),
                message: format!("{what} tidak dapat diterapkan: {err}"),
                at,
            }),
        }
    }
    (doc, problems)
}

/// One cell that differs between two points of history.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CellChange {
    pub baris: usize,
    pub cell: Cell,
    /// Value at `dari`.
    pub lama: CellValue,
    /// Value at `ke`.
    pub baru: CellValue,
    /// Author, time and seq of the last edit of the cell in the range.
    pub oleh: String,
    pub waktu: String,
    pub seq: u64,
    /// Number of edits of the cell in the range.
    pub jumlah_ubah: u32,
}

/// Cells that differ between point `dari` and point `ke` (seq numbers; 0 = as imported). For
/// each cell touched by edits with seq in (min, max]: lama = value at `dari` (the `lama` of the
/// first such edit when dari<ke), baru = value at `ke`, oleh/waktu/seq of the last edit in the
/// range, jumlah_ubah = number of edits in range. Cells whose value ended equal are left out.
/// When dari > ke, lama/baru are swapped accordingly (value at dari, value at ke). Sorted by
/// baris, then cell.
pub fn diff(edits: &[CellEdit], dari: u64, ke: u64) -> Vec<CellChange> {
    let (lo, hi) = (dari.min(ke), dari.max(ke));
    let mut in_range: Vec<&CellEdit> = edits.iter().filter(|e| e.seq > lo && e.seq <= hi).collect();
    in_range.sort_by_key(|e| e.seq);
    let mut cells: BTreeMap<(usize, Cell), Vec<&CellEdit>> = BTreeMap::new();
    for e in in_range {
        cells.entry((e.baris, e.cell)).or_default().push(e);
    }
    cells
        .into_iter()
        .filter_map(|((baris, cell), es)| {
            let (first, last) = (es.first()?, es.last()?);
            let (at_lo, at_hi) = (first.lama.clone(), last.baru.clone());
            let (lama, baru) = if dari <= ke {
                (at_lo, at_hi)
            } else {
                (at_hi, at_lo)
            };
            (!lama.same(&baru)).then(|| CellChange {
                baris,
                cell,
                lama,
                baru,
                oleh: last.oleh.clone(),
                waktu: last.waktu.clone(),
                seq: last.seq,
                jumlah_ubah: u32::try_from(es.len()).unwrap_or(u32::MAX),
            })
        })
        .collect()
}

/// Targets (column 7) of one row in two versions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TargetComparison {
    /// Index into the `perubahan` document's rows.
    pub baris: usize,
    pub murni: Pair,
    pub perubahan: Pair,
    pub selisih_k: Option<Decimal>,
    pub selisih_rp: Option<Decimal>,
}

/// Side-by-side targets (column 7) of the same document in two versions (murni = before the
/// budget change, perubahan = now); one entry per row of `perubahan`, its murni row found by
/// the module's row matching (a row new in perubahan has an empty murni target). selisih =
/// perubahan − murni when both are numbers (blank counts as 0 for Rp; None when both are
/// blank). Targets are the values the rows state (a parent's blank Rp is not summed).
pub fn compare_targets(murni: &Document, perubahan: &Document) -> Vec<TargetComparison> {
    let matched = match_rows(&murni.rows, &perubahan.rows);
    perubahan
        .rows
        .iter()
        .zip(matched)
        .enumerate()
        .map(|(baris, (row, m))| {
            let before = m
                .and_then(|i| murni.rows.get(i))
                .map(|r| r.target.clone())
                .unwrap_or_default();
            let after = row.target.clone();
            let selisih_k = match (&after.k, &before.k) {
                (Some(KValue::Number(a)), Some(KValue::Number(b))) => a.checked_sub(*b),
                _ => None,
            };
            let selisih_rp = if after.rp.is_none() && before.rp.is_none() {
                None
            } else {
                after
                    .rp
                    .unwrap_or_default()
                    .checked_sub(before.rp.unwrap_or_default())
            };
            TargetComparison {
                baris,
                murni: before,
                perubahan: after,
                selisih_k,
                selisih_rp,
            }
        })
        .collect()
}

/// Lower case, single spaces.
fn norm(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// For each row of `to`, the index of its matching row in `from`: the plan's matching
/// ([`crate::rencana::e81::cocokkan_baris`]).
pub(crate) fn match_rows(from: &[Row], to: &[Row]) -> Vec<Option<usize>> {
    crate::rencana::e81::cocokkan_baris(from, to)
}

fn same_k(a: &KValue, b: &KValue) -> bool {
    match (a, b) {
        (KValue::Number(x), KValue::Number(y)) => round_half_up(*x, 2) == round_half_up(*y, 2),
        (KValue::Text(x), KValue::Text(y)) => norm(x) == norm(y),
        _ => a == b,
    }
}

/// Fills column 6 (realisasi s.d. tahun lalu, `Row::prev`) of next year's document from last
/// year's final document: for each row of `next`, find the matching row of `last` (same level
/// and canonical kode and same indicator text, normalised for case/whitespace; rows without kode
/// match by level + name + indicator) and set prev = last year's column 14 (what
/// [`e81::compute`] gives as c14 for that row, with [`E81Settings::default()`]). When last year
/// realised nothing in a column (its c14 is empty), last year's column 6 is carried (14 = 6 + 0);
/// when that is empty too, the row's own value is left.
///
/// Returns problems: Info `kolom6_dibawa` summarising how many rows were filled; Warning
/// `kolom6_berbeda` per row where the file already stated a different column-6 value (both
/// values in the message; the carried value wins; compared at 2 decimals); Info
/// `kolom6_tanpa_pasangan` for rows with no match (left as they were). Problems are located by
/// row index + `Field::PrevK`/`PrevRp`.
pub fn carry_over(last: &Document, next: &mut Document) -> Vec<Problem> {
    let (computed, _) = e81::compute(last, &E81Settings::default());
    let matched = match_rows(&last.rows, &next.rows);
    let tahun_lalu = last
        .year
        .map_or_else(|| "tahun lalu".to_string(), |y| format!("tahun {y}"));
    let mut problems = Vec::new();
    let mut filled = 0usize;
    let mut used = 0usize;
    for (j, (row, m)) in next.rows.iter_mut().zip(matched).enumerate() {
        let Some((src, c14)) = m.and_then(|i| {
            let src = last.rows.get(i)?;
            Some((src, computed.rows.get(i).map(|c| &c.c14)))
        }) else {
            problems.push(at_row(
                Severity::Info,
                "kolom6_tanpa_pasangan",
                format!(
                    "Baris {} tidak ditemukan pada dokumen {tahun_lalu} (kode/nama dan indikator); kolom 6 dibiarkan",
                    j + 1
                ),
                j,
                Field::PrevK,
            ));
            continue;
        };
        used += 1;
        let k = c14.and_then(|c| c.k.clone()).or_else(|| src.prev.k.clone());
        let rp = c14.and_then(|c| c.rp).or(src.prev.rp);
        let mut any = false;
        if let Some(k) = k {
            if let Some(old) = row.prev.k.as_ref().filter(|old| !same_k(old, &k)) {
                problems.push(differs(
                    j,
                    Field::PrevK,
                    &CellValue::K(old.clone()),
                    &CellValue::K(k.clone()),
                    &tahun_lalu,
                ));
            }
            row.prev.k = Some(k);
            any = true;
        }
        if let Some(rp) = rp {
            if let Some(old) = row
                .prev
                .rp
                .filter(|old| round_half_up(*old, 2) != round_half_up(rp, 2))
            {
                problems.push(differs(
                    j,
                    Field::PrevRp,
                    &CellValue::Rp(old),
                    &CellValue::Rp(rp),
                    &tahun_lalu,
                ));
            }
            row.prev.rp = Some(rp);
            any = true;
        }
        filled += usize::from(any);
    }
    let dropped = last.rows.len().saturating_sub(used);
    let mut message = format!(
        "Kolom 6 (realisasi s.d. tahun lalu) diisi dari kolom 14 dokumen {tahun_lalu} pada {filled} dari {} baris",
        next.rows.len()
    );
    if dropped > 0 {
        message.push_str(&format!(
            "; {dropped} baris dokumen {tahun_lalu} tidak ada pada dokumen ini"
        ));
    }
    problems.insert(
        0,
        Problem {
            severity: Severity::Info,
            code: "kolom6_dibawa".into(),
            message,
            at: Location::default(),
        },
    );
    problems
}

fn differs(
    row: usize,
    field: Field,
    stated: &CellValue,
    carried: &CellValue,
    tahun: &str,
) -> Problem {
    at_row(
        Severity::Warning,
        "kolom6_berbeda",
        format!(
            "{}: file berisi {}, sedangkan kolom 14 dokumen {tahun} berisi {}; nilai dokumen {tahun} yang dipakai",
            field_label(field),
            edit::display(stated),
            edit::display(carried)
        ),
        row,
        field,
    )
}
