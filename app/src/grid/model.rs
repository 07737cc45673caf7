//! The grid's state without the DOM: the document, its computations, what may be edited,
//! the outline, the selection, undo/redo and the queue of edits waiting for the server.
//!
//! Pure Rust (compiled and tested on the server too); `grid::view` draws it in the browser.
//! A commit changes the rows, recomputes only what depends on them ([`E81State::update`])
//! and answers which rows to repaint.

use std::collections::{BTreeMap, HashMap, HashSet};

use capaian_domain::e81::{E81Settings, E81State};
use capaian_domain::edit::{self, Cell, CellKind, CellValue};
use capaian_domain::model::{Document, Level, Problem, Row, Severity};
use capaian_domain::rollup::Rollups;

use crate::akses::{Aksi, Catatan, Pelaku, Penugasan, Peran, Tahap};
use crate::format::romawi;
use crate::grid::clipboard::Block;
use crate::grid::columns::{cell_text, ColumnKind, FormKind};
use crate::grid::keys::Move;
use crate::types::{CellConflict, CellVersion, EditOutcome, EditRequest, GridData};

/// One changed cell inside an undo step.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    pub row: usize,
    pub cell: Cell,
    pub old: CellValue,
    pub new: CellValue,
}

/// An edit not yet confirmed by the server: the value to send and what the cell was before.
#[derive(Clone, Debug, PartialEq)]
pub struct Pending {
    pub value: CellValue,
    /// The version of the cell the edit is based on.
    pub base_version: u64,
    /// The value at that version (restored if the server refuses the edit).
    pub base_value: CellValue,
}

/// Where the selection is, in document rows and grid columns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pos {
    pub row: usize,
    pub col: usize,
}

/// What became of a batch the server answered, for the view to show.
#[derive(Clone, Debug, PartialEq)]
pub enum Answer {
    Saved,
    Conflicts,
    Refused(String),
}

/// The grid's state.
pub struct GridModel {
    pub doc_id: String,
    /// The form kind whose columns the grid shows (the document's values are the same whichever
    /// it is: a target typed under the Renja's columns is the E.81's column 7).
    pub form: &'static FormKind,
    /// The document's rows as loaded (`DocumentSummary::bentuk`), sent with every save.
    pub bentuk: u64,
    pub doc: Document,
    /// The workspace's time zone (the times of notes).
    pub zona: capaian_domain::wilayah::ZonaWaktu,
    pub settings: E81Settings,
    pub state: E81State,
    rollups: Rollups,
    versions: HashMap<(usize, Cell), u64>,
    pub kunci: Vec<u8>,
    /// Who is editing (a read-only role edits nothing; an operator only their bidang's rows).
    pub pelaku: Pelaku,
    /// The bidang owning each row (by its kegiatan, else its program).
    pub owners: Vec<Option<String>>,
    /// Verifiers' notes on rows.
    pub catatan: Vec<Catatan>,
    /// Quarters under verification (notes may be written on them).
    pub diajukan: Vec<u8>,
    /// Each quarter's stage as loaded (TW I first), for saying why its cells are locked.
    tahap: [Tahap; 4],
    /// A budget change (perubahan) is open: targets may be edited.
    pub perubahan: bool,
    /// Node rows whose children are hidden.
    collapsed: HashSet<usize>,
    /// Index one past each row's subtree (itself included).
    subtree_end: Vec<usize>,
    /// Document rows shown, in order.
    pub visible: Vec<usize>,
    /// Position of each document row in `visible` (usize::MAX when hidden).
    position: Vec<usize>,
    pub active: Pos,
    pub anchor: Pos,
    undo: Vec<Vec<Change>>,
    redo: Vec<Vec<Change>>,
    pub pending: BTreeMap<(usize, Cell), Pending>,
    pub in_flight: Vec<(EditRequest, CellValue)>,
    /// Cells the server refused because someone else changed them first.
    pub conflicts: Vec<(CellConflict, CellValue)>,
}

/// Each row's bidang (`akses::pemilik`), kept by the model.
fn owners(rows: &[Row], penugasan: &Penugasan) -> Vec<Option<String>> {
    crate::akses::pemilik(rows, penugasan)
        .into_iter()
        .map(|o| o.map(str::to_string))
        .collect()
}

/// Why a cell cannot be edited, in Indonesian; `Ok` gives the stored cell.
pub type Editable = Result<Cell, String>;

/// Why a stored cell cannot be edited.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    Locked(u8),
    /// The person's role edits nothing.
    ReadOnly,
    /// An operator, and the row belongs to another bidang (or none).
    NotOwner,
    Renstra,
    LastYear,
    Indicator,
    Target,
    IndicatorRp,
    /// The Sasaran cell of an extra indicator row: the node above it serves the sasaran.
    IndicatorSasaran,
    RollUp,
    /// A quarter's realisasi Rp that is the sum of its months.
    FromMonths(u8),
}

impl Refusal {
    /// The reason in Indonesian.
    pub fn message(self) -> String {
        match self {
            Refusal::Locked(q) => format!(
                "Triwulan {} sudah diajukan dan terkunci; buka kuncinya dulu (dengan alasan) untuk mengubahnya.",
                romawi(q)
            ),
            Refusal::ReadOnly => "Akun Anda hanya dapat membaca dokumen ini.".into(),
            Refusal::NotOwner => "Baris ini bukan milik bidang Anda.".into(),
            Refusal::Renstra => "Target Renstra berasal dari Renstra PD dan tidak diubah di sini.".into(),
            Refusal::LastYear => "Realisasi s.d. tahun lalu diambil dari pengajuan tahun lalu dan tidak diubah di sini.".into(),
            Refusal::Indicator => "Nama indikator berasal dari Renja dan tidak diubah di sini.".into(),
            Refusal::Target => "Target hanya dapat diubah dalam versi perubahan anggaran (mulai di halaman Target murni vs perubahan).".into(),
            Refusal::IndicatorRp => "Baris indikator tambahan tidak berisi Rp; anggaran ada pada baris di atasnya.".into(),
            Refusal::IndicatorSasaran => "Sasaran yang didukung diisi pada baris program/kegiatan/sub kegiatan di atas baris indikator ini.".into(),
            Refusal::RollUp => "Rp program/kegiatan adalah jumlah rinciannya: isi pada sub kegiatan.".into(),
            Refusal::FromMonths(q) => edit::EditError::dari_bulan(q).to_string(),
        }
    }
}

impl GridModel {
    pub fn new(stored: GridData, form: &'static FormKind) -> GridModel {
        // The workspace's settings came with the document: nothing re-defaults them here.
        let settings = stored.summary.pengaturan.e81();
        let state = E81State::new(&stored.document, &settings);
        let rows = &stored.document.rows;
        let n = rows.len();
        let mut subtree_end = vec![0; n];
        for i in 0..n {
            let mut j = i + 1;
            if rows[i].level != Level::Indikator {
                while j < n
                    && (rows[j].level == Level::Indikator
                        || (rows[j].level.rank() > rows[i].level.rank()
                            && rows[j].level.kinerja() == rows[i].level.kinerja()))
                {
                    j += 1;
                }
            }
            subtree_end[i] = j;
        }
        let versions = stored
            .versi_sel
            .iter()
            .map(|v| ((v.baris, v.kolom), v.versi))
            .collect();
        // The first quarter's realisation in the E.81; else the first column after the frozen.
        let start = Pos {
            row: 0,
            col: form
                .column_of_cell(Cell::TwK(1))
                .unwrap_or(form.frozen.min(form.columns.len().saturating_sub(1))),
        };
        let rollups = Rollups::new(&stored.document.rows);
        let mut model = GridModel {
            doc_id: stored.summary.id.clone(),
            form,
            bentuk: stored.summary.bentuk,
            zona: stored.summary.zona,
            kunci: stored.summary.terkunci(),
            owners: owners(&stored.document.rows, &stored.penugasan),
            pelaku: stored.pelaku.clone(),
            catatan: stored.catatan.clone(),
            diajukan: stored.summary.diajukan.clone(),
            tahap: [1, 2, 3, 4].map(|q| stored.summary.tahap(q)),
            perubahan: stored.summary.perubahan.is_some(),
            doc: stored.document,
            rollups,
            settings,
            state,
            versions,
            collapsed: HashSet::new(),
            subtree_end,
            visible: Vec::new(),
            position: Vec::new(),
            active: start,
            anchor: start,
            undo: Vec::new(),
            redo: Vec::new(),
            pending: BTreeMap::new(),
            in_flight: Vec::new(),
            conflicts: Vec::new(),
        };
        model.relayout();
        model
    }

    /// The quarter of the report (the title's), else IV.
    pub fn quarter(&self) -> u8 {
        self.doc.quarter.unwrap_or(4).clamp(1, 4)
    }

    // ----- outline -------------------------------------------------------------------------

    fn relayout(&mut self) {
        let n = self.doc.rows.len();
        self.visible.clear();
        self.position = vec![usize::MAX; n];
        // A form of the budget tree (Formulir E.81) does not show the sasaran and their IKU.
        let kinerja = capaian_domain::model::baris_kinerja(&self.doc.rows);
        let mut i = 0;
        while i < n {
            if !self.form.shows(&kinerja, i) {
                i += 1;
                continue;
            }
            self.position[i] = self.visible.len();
            self.visible.push(i);
            i = if self.collapsed.contains(&i) {
                self.subtree_end[i]
            } else {
                i + 1
            };
        }
    }

    /// Whether a row has children to fold.
    pub fn foldable(&self, row: usize) -> bool {
        self.subtree_end.get(row).is_some_and(|&e| e > row + 1)
            && self.doc.rows[row].level != Level::Indikator
    }

    pub fn is_collapsed(&self, row: usize) -> bool {
        self.collapsed.contains(&row)
    }

    /// Fold or unfold a node. The selection moves to the node when it was inside.
    pub fn toggle(&mut self, row: usize) {
        if !self.foldable(row) {
            return;
        }
        if !self.collapsed.remove(&row) {
            self.collapsed.insert(row);
        }
        self.relayout();
        self.keep_selection_visible();
    }

    /// Excel's outline levels: 1 shows programs (and tujuan), 2 down to kegiatan (and
    /// sasaran), 3 everything.
    pub fn outline_level(&mut self, level: u8) {
        self.collapsed.clear();
        let fold = |l: Level| match level {
            1 => matches!(l, Level::Program | Level::Tujuan),
            2 => matches!(l, Level::Kegiatan | Level::Sasaran),
            _ => false,
        };
        for (i, r) in self.doc.rows.iter().enumerate() {
            if fold(r.level) && self.subtree_end[i] > i + 1 {
                self.collapsed.insert(i);
            }
        }
        self.relayout();
        self.keep_selection_visible();
    }

    /// Unfold every ancestor of a row so it can be shown.
    pub fn reveal(&mut self, row: usize) {
        if self.position.get(row) != Some(&usize::MAX) {
            return;
        }
        let mut p = self.state.computed().rows[row].parent;
        while let Some(a) = p {
            self.collapsed.remove(&a);
            p = self.state.computed().rows[a].parent;
        }
        self.relayout();
    }

    fn keep_selection_visible(&mut self) {
        let fix = |m: &Self, p: Pos| {
            let mut row = p.row;
            while m.position[row] == usize::MAX {
                match m.state.computed().rows[row].parent {
                    Some(a) => row = a,
                    None => break,
                }
            }
            Pos { row, col: p.col }
        };
        self.active = fix(self, self.active);
        self.anchor = fix(self, self.anchor);
    }

    /// Position of a document row in the visible order.
    pub fn position_of(&self, row: usize) -> Option<usize> {
        self.position.get(row).copied().filter(|&p| p != usize::MAX)
    }

    // ----- editing rules -------------------------------------------------------------------

    /// Whether the cell at (row, col) may be edited, and why not.
    pub fn editable(&self, row: usize, col: usize) -> Editable {
        let Some(column) = self.form.columns.get(col) else {
            return Err("Kolom tidak ada.".into());
        };
        let ColumnKind::Input(cell) = column.kind else {
            return Err(match column.kind {
                ColumnKind::Computed(_) => {
                    "Kolom ini dihitung dari kolom lain dan tidak dapat diisi.".into()
                }
                _ => "Kode dan nama berasal dari struktur Renja dan tidak dapat diubah di sini."
                    .into(),
            });
        };
        self.editable_cell(row, cell).map(|_| cell)
    }

    /// Whether a stored cell of a row may be edited here.
    pub fn editable_cell(&self, row: usize, cell: Cell) -> Result<(), String> {
        match self.refusal(row, cell) {
            None => Ok(()),
            Some(Refusal::Locked(q)) => Err(self.locked_message(q)),
            Some(Refusal::NotOwner) => Err(self
                .pelaku
                .boleh_baris(self.owners.get(row).and_then(Option::as_deref))
                .err()
                .unwrap_or_else(|| Refusal::NotOwner.message())),
            Some(r) => Err(r.message()),
        }
    }

    /// Why a quarter's cells are locked, by its stage in the workflow.
    fn locked_message(&self, q: u8) -> String {
        match self.tahap.get(usize::from(q).wrapping_sub(1)) {
            Some(Tahap::Diajukan) => format!(
                "Triwulan {} sedang diverifikasi (Diajukan): nilainya terkunci sampai Kepala PD menyetujui atau mengembalikannya.",
                romawi(q)
            ),
            Some(Tahap::Disetujui) => format!(
                "Triwulan {} sudah disetujui Kepala PD dan menunggu difinalkan: nilainya terkunci.",
                romawi(q)
            ),
            _ => Refusal::Locked(q).message(),
        }
    }

    /// Whether (row, col) is an input cell that may be edited now (cheap: no message).
    pub fn is_editable(&self, row: usize, col: usize) -> bool {
        match self.form.columns.get(col).map(|c| c.kind) {
            Some(ColumnKind::Input(cell)) => self.refusal(row, cell).is_none(),
            _ => false,
        }
    }

    /// Why a stored cell of a row cannot be edited here, if it cannot.
    pub fn refusal(&self, row: usize, cell: Cell) -> Option<Refusal> {
        let r = self.doc.rows.get(row)?;
        if !self.pelaku.boleh(Aksi::UbahSel) {
            return Some(Refusal::ReadOnly);
        }
        // Asked for every drawn cell: the cheap check, the message only in `editable_cell`.
        if self.pelaku.peran == Some(Peran::Operator)
            && !self
                .pelaku
                .owns(self.owners.get(row).and_then(Option::as_deref))
        {
            return Some(Refusal::NotOwner);
        }
        if let Some(q) = cell.quarter().filter(|q| self.kunci.contains(q)) {
            return Some(Refusal::Locked(q));
        }
        let rp = cell.kind() == CellKind::Rp;
        match cell {
            Cell::RenstraK | Cell::RenstraRp => return Some(Refusal::Renstra),
            Cell::PrevK | Cell::PrevRp => return Some(Refusal::LastYear),
            Cell::Indicator => return Some(Refusal::Indicator),
            // A report against the year's targets (the E.81) changes them only in a budget
            // change; the planning forms (Renja, PK, rencana aksi) are where they are set.
            Cell::TargetK | Cell::TargetRp if self.form.laporan && !self.perubahan => {
                return Some(Refusal::Target)
            }
            _ => {}
        }
        if rp && r.level == Level::Indikator {
            return Some(Refusal::IndicatorRp);
        }
        if cell == Cell::Sasaran && (r.level == Level::Indikator || r.level.kinerja()) {
            return Some(Refusal::IndicatorSasaran);
        }
        if rp && !self.state.computed().rows[row].children.is_empty() {
            return Some(Refusal::RollUp);
        }
        if let Cell::TwRp(q) = cell {
            if edit::tw_dari_bulan(r, q) {
                return Some(Refusal::FromMonths(q));
            }
        }
        None
    }

    /// Whether a column belongs to a submitted (locked) quarter.
    pub fn locked_column(&self, col: usize) -> bool {
        match self.form.columns.get(col).map(|c| c.kind) {
            Some(ColumnKind::Input(cell)) => {
                cell.quarter().is_some_and(|q| self.kunci.contains(&q))
            }
            _ => false,
        }
    }

    /// The value a cell's editor starts with (F2).
    pub fn edit_text(&self, row: usize, cell: Cell) -> String {
        edit::display(&edit::get(&self.doc.rows[row], cell))
    }

    /// The text a cell shows.
    pub fn text(&self, row: usize, col: usize) -> String {
        cell_text(
            &self.doc.rows[row],
            row,
            &self.state,
            &self.form.columns[col],
        )
    }

    /// The most severe problem located at a cell.
    pub fn problem_at(&self, row: usize, col: usize) -> Option<&Problem> {
        self.state
            .row_problems(row)
            .iter()
            .filter(|p| p.at.field.and_then(|f| self.form.column_of_field(f)) == Some(col))
            .max_by_key(|p| p.severity)
    }

    /// Every current problem located at a row, most severe first, at most `limit`; and the count.
    pub fn problem_list(&self, limit: usize) -> (Vec<Problem>, usize) {
        let mut all: Vec<&Problem> = (0..self.doc.rows.len())
            .flat_map(|i| self.state.row_problems(i))
            .collect();
        let total = all.len();
        all.sort_by(|a, b| b.severity.cmp(&a.severity).then(a.at.row.cmp(&b.at.row)));
        (all.into_iter().take(limit).cloned().collect(), total)
    }

    /// Problems located at rows, counted by severity (galat, peringatan, info).
    pub fn problem_counts(&self) -> (usize, usize, usize) {
        let mut c = (0, 0, 0);
        for i in 0..self.doc.rows.len() {
            for p in self.state.row_problems(i) {
                match p.severity {
                    Severity::Error => c.0 += 1,
                    Severity::Warning => c.1 += 1,
                    Severity::Info => c.2 += 1,
                }
            }
        }
        c
    }

    // ----- commits, undo, redo -------------------------------------------------------------

    /// Apply edits (already validated) as one undo step. Returns the rows to repaint.
    pub fn commit(&mut self, edits: Vec<(usize, Cell, CellValue)>) -> Vec<usize> {
        let (step, rows) = self.apply(edits, true);
        if !step.is_empty() {
            self.undo.push(step);
            self.redo.clear();
        }
        rows
    }

    /// Apply edits: the row values, the derived roll-ups, the queue, the computations.
    fn apply(
        &mut self,
        edits: Vec<(usize, Cell, CellValue)>,
        queue: bool,
    ) -> (Vec<Change>, Vec<usize>) {
        let edits: Vec<(usize, Cell, CellValue)> = edits
            .into_iter()
            .filter(|(r, c, v)| {
                self.doc
                    .rows
                    .get(*r)
                    .is_some_and(|row| !edit::get(row, *c).same(v))
            })
            .collect();
        if edits.is_empty() {
            return (Vec::new(), Vec::new());
        }
        let derived = self.rollups.follow(&self.doc.rows, &edits);
        let mut step = Vec::with_capacity(edits.len());
        let mut touched = Vec::with_capacity(edits.len() + derived.len());
        for (row, cell, value) in edits {
            let old = edit::get(&self.doc.rows[row], cell);
            if edit::set(&mut self.doc.rows[row], cell, value.clone()).is_err() {
                continue;
            }
            if queue {
                self.enqueue(row, cell, value.clone(), old.clone());
            }
            step.push(Change {
                row,
                cell,
                old,
                new: value,
            });
            touched.push(row);
        }
        for (row, cell, value) in derived {
            if edit::set(&mut self.doc.rows[row], cell, value).is_ok() {
                touched.push(row);
            }
        }
        let rows = self.state.update(&self.doc, &self.settings, &touched);
        (step, rows)
    }

    fn enqueue(&mut self, row: usize, cell: Cell, value: CellValue, old: CellValue) {
        let base_version = self.version(row, cell);
        self.pending
            .entry((row, cell))
            .and_modify(|p| p.value = value.clone())
            .or_insert(Pending {
                value,
                base_version,
                base_value: old,
            });
    }

    /// The version of a cell as this client last saw it.
    pub fn version(&self, row: usize, cell: Cell) -> u64 {
        self.versions.get(&(row, cell)).copied().unwrap_or(0)
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Undo the last step (a typed value, a paste, a fill, a clear). Refused, with the reason,
    /// when one of its cells can no longer be edited (its quarter was submitted since).
    pub fn undo(&mut self) -> Result<(Vec<usize>, Option<Pos>), String> {
        self.replay_step(true)
    }

    pub fn redo(&mut self) -> Result<(Vec<usize>, Option<Pos>), String> {
        self.replay_step(false)
    }

    fn replay_step(&mut self, back: bool) -> Result<(Vec<usize>, Option<Pos>), String> {
        let stack = if back { &mut self.undo } else { &mut self.redo };
        let Some(step) = stack.pop() else {
            return Ok((Vec::new(), None));
        };
        if let Some(reason) = step
            .iter()
            .find_map(|c| self.editable_cell(c.row, c.cell).err())
        {
            let stack = if back { &mut self.undo } else { &mut self.redo };
            stack.push(step);
            return Err(reason);
        }
        let edits = step
            .iter()
            .map(|c| {
                (
                    c.row,
                    c.cell,
                    if back { c.old.clone() } else { c.new.clone() },
                )
            })
            .collect();
        let first = step.first().map(|c| Pos {
            row: c.row,
            col: self.form.column_of_cell(c.cell).unwrap_or(self.active.col),
        });
        let (_, rows) = self.apply(edits, true);
        if back {
            self.redo.push(step);
        } else {
            self.undo.push(step);
        }
        Ok((rows, first))
    }

    // ----- moving ----------------------------------------------------------------------------

    fn filled(&self, pos: usize, col: usize) -> bool {
        !self.text(self.visible[pos], col).is_empty()
    }

    /// Excel's Ctrl+arrow along a line of cells: to the end of the filled block, or to the
    /// next filled cell, or to the edge.
    fn edge(
        &self,
        from: usize,
        last: usize,
        forward: bool,
        filled: impl Fn(usize) -> bool,
    ) -> usize {
        let step = |i: usize| {
            if forward {
                (i < last).then(|| i + 1)
            } else {
                i.checked_sub(1)
            }
        };
        let Some(mut next) = step(from) else {
            return from;
        };
        if filled(from) && filled(next) {
            while let Some(n) = step(next) {
                if !filled(n) {
                    break;
                }
                next = n;
            }
            next
        } else {
            loop {
                if filled(next) {
                    return next;
                }
                match step(next) {
                    Some(n) => next = n,
                    None => return next,
                }
            }
        }
    }

    /// Move the active cell; `extend` keeps the anchor (Shift). `page` is the number of rows
    /// a page shows.
    pub fn move_to(&mut self, to: Move, extend: bool, page: usize) {
        let rows = self.visible.len();
        if rows == 0 {
            return;
        }
        let last_col = self.form.columns.len() - 1;
        let pos = self.position_of(self.active.row).unwrap_or(0);
        let col = self.active.col;
        let (p, c) = match to {
            Move::Up => (pos.saturating_sub(1), col),
            Move::Down => ((pos + 1).min(rows - 1), col),
            Move::Left => (pos, col.saturating_sub(1)),
            Move::Right => (pos, (col + 1).min(last_col)),
            Move::PageUp => (pos.saturating_sub(page.max(1)), col),
            Move::PageDown => ((pos + page.max(1)).min(rows - 1), col),
            Move::Home => (pos, 0),
            Move::End => (pos, last_col),
            Move::First => (0, 0),
            Move::Last => (rows - 1, last_col),
            Move::EdgeUp => (
                self.edge(pos, rows - 1, false, |p| self.filled(p, col)),
                col,
            ),
            Move::EdgeDown => (self.edge(pos, rows - 1, true, |p| self.filled(p, col)), col),
            Move::EdgeLeft => (
                pos,
                self.edge(col, last_col, false, |c| self.filled(pos, c)),
            ),
            Move::EdgeRight => (pos, self.edge(col, last_col, true, |c| self.filled(pos, c))),
        };
        self.active = Pos {
            row: self.visible[p],
            col: c,
        };
        if !extend {
            self.anchor = self.active;
        }
    }

    /// Select a cell (and with `extend`, the range from the anchor to it).
    pub fn select(&mut self, row: usize, col: usize, extend: bool) {
        self.active = Pos {
            row,
            col: col.min(self.form.columns.len() - 1),
        };
        if !extend {
            self.anchor = self.active;
        }
    }

    /// Select the cell that shows `cell` of document row `row`, when the grid shows both (a
    /// link into the grid: `?baris=&kolom=`). False, and nothing selected, otherwise.
    pub fn go_to(&mut self, row: usize, cell: Cell) -> bool {
        let Some(col) = self.form.column_of_cell(cell) else {
            return false;
        };
        if self.position_of(row).is_none() {
            return false;
        }
        self.select(row, col, false);
        true
    }

    /// Ctrl+A: every visible row and column.
    pub fn select_all(&mut self) {
        if let (Some(&first), Some(&last)) = (self.visible.first(), self.visible.last()) {
            self.anchor = Pos { row: first, col: 0 };
            self.active = Pos {
                row: last,
                col: self.form.columns.len() - 1,
            };
        }
    }

    /// Select the block a paste wrote (rows in visible order). As in Excel, the active cell is
    /// the block's top-left corner (where the paste began, in view): typing after a long paste
    /// goes there, not to a cell hundreds of rows below.
    pub fn select_edits(&mut self, edits: &[(usize, Cell, CellValue)]) {
        let cols: Vec<usize> = edits
            .iter()
            .filter_map(|(_, c, _)| self.form.column_of_cell(*c))
            .collect();
        let rows: Vec<usize> = edits
            .iter()
            .filter_map(|(r, _, _)| self.position_of(*r))
            .collect();
        if let (Some(&l), Some(&r), Some(&t), Some(&b)) = (
            cols.iter().min(),
            cols.iter().max(),
            rows.iter().min(),
            rows.iter().max(),
        ) {
            self.active = Pos {
                row: self.visible[t],
                col: l,
            };
            self.anchor = Pos {
                row: self.visible[b],
                col: r,
            };
        }
    }

    // ----- building edits from what was typed or pasted ------------------------------------

    /// Read what was typed into (row, col).
    pub fn parse_at(
        &self,
        row: usize,
        col: usize,
        raw: &str,
    ) -> Result<(usize, Cell, CellValue), String> {
        let cell = self.editable(row, col)?;
        edit::parse_input(cell, raw)
            .map(|v| (row, cell, v))
            .map_err(|e| format!("{}: {e}", self.cell_name(row, col)))
    }

    /// `Baris 12 (5.03.02.2.01), Triwulan II (Rp)`: a cell as messages name it.
    pub fn cell_name(&self, row: usize, col: usize) -> String {
        let r = &self.doc.rows[row];
        let kode = r.kode_shown();
        let c = self.form.columns[col];
        let kolom = match c.kind {
            ColumnKind::Input(cell) => cell.label(),
            _ => format!("{} {}", c.group, c.sub()).trim().to_string(),
        };
        match kode {
            Some(k) => format!("Baris {} ({k}), {kolom}", row + 1),
            None => format!("Baris {}, {kolom}", row + 1),
        }
    }

    fn has_rows(&self) -> Result<(), String> {
        if self.visible.is_empty() {
            Err("Dokumen ini tidak punya baris untuk diisi.".into())
        } else {
            Ok(())
        }
    }

    /// The selected range: visible positions (top, bottom) and columns (left, right).
    pub fn range(&self) -> (usize, usize, usize, usize) {
        let a = self.position_of(self.anchor.row).unwrap_or(0);
        let b = self.position_of(self.active.row).unwrap_or(0);
        (
            a.min(b),
            a.max(b),
            self.anchor.col.min(self.active.col),
            self.anchor.col.max(self.active.col),
        )
    }

    /// Clear every editable cell of the selection (Delete). Refused whole when a selected
    /// editable-looking cell is locked; computed and structural cells are skipped.
    pub fn clear_edits(&self) -> Result<Vec<(usize, Cell, CellValue)>, String> {
        self.has_rows()?;
        let (top, bottom, left, right) = self.range();
        let mut out = Vec::new();
        let mut first_refusal = None;
        for p in top..=bottom {
            let row = self.visible[p];
            for col in left..=right {
                match self.editable(row, col) {
                    Ok(cell) => out.push((row, cell, CellValue::Empty)),
                    Err(e) => {
                        if first_refusal.is_none() {
                            first_refusal = Some(format!("{}: {e}", self.cell_name(row, col)));
                        }
                    }
                }
            }
        }
        match (out.is_empty(), first_refusal) {
            (true, Some(reason)) => Err(reason),
            _ => Ok(out),
        }
    }

    /// Ctrl+D: the top row of the selection copied into the rows below it (with one row
    /// selected, the row above is copied into it). Every target must be editable.
    pub fn fill_down_edits(&self) -> Result<Vec<(usize, Cell, CellValue)>, String> {
        self.has_rows()?;
        let (top, bottom, left, right) = self.range();
        let (source, targets) = if top == bottom {
            if top == 0 {
                return Err("Tidak ada baris di atas untuk disalin ke bawah.".into());
            }
            (top - 1, top..=bottom)
        } else {
            (top, top + 1..=bottom)
        };
        let src_row = self.visible[source];
        let mut out = Vec::new();
        let mut refusal = None;
        for (col, column) in self
            .form
            .columns
            .iter()
            .enumerate()
            .take(right + 1)
            .skip(left)
        {
            let ColumnKind::Input(cell) = column.kind else {
                continue;
            };
            let value = edit::get(&self.doc.rows[src_row], cell);
            for p in targets.clone() {
                let row = self.visible[p];
                // Roll-ups, locked quarters and imported columns are left as they are.
                match self.editable(row, col) {
                    Ok(_) => out.push((row, cell, value.clone())),
                    Err(e) => {
                        refusal.get_or_insert_with(|| format!("{}: {e}", self.cell_name(row, col)));
                    }
                }
            }
        }
        if let (true, Some(reason)) = (out.is_empty(), refusal) {
            return Err(reason);
        }
        if out.is_empty() {
            return Err("Tidak ada sel isian dalam pilihan untuk diisi ke bawah.".into());
        }
        Ok(out)
    }

    /// A pasted block placed at the selection's top-left corner (or repeated over the
    /// selection when the selection is a multiple of the block, as Excel does). Every value
    /// is checked before anything changes; the first wrong one refuses the whole paste.
    pub fn paste_edits(&self, block: &Block) -> Result<Vec<(usize, Cell, CellValue)>, String> {
        self.has_rows()?;
        let h = block.len();
        let w = block.iter().map(Vec::len).max().unwrap_or(0);
        if h == 0 || w == 0 {
            return Err("Papan klip kosong.".into());
        }
        let (top, bottom, left, right) = self.range();
        let (sel_h, sel_w) = (bottom - top + 1, right - left + 1);
        let (rows, cols) = if sel_h % h == 0 && sel_w % w == 0 && (sel_h > h || sel_w > w) {
            (sel_h, sel_w)
        } else {
            (h, w)
        };
        if top + rows > self.visible.len() {
            return Err(format!(
                "Tempelan {rows} baris tidak muat: hanya ada {} baris tampil di bawah sel ini.",
                self.visible.len() - top
            ));
        }
        if left + cols > self.form.columns.len() {
            return Err(format!(
                "Tempelan {cols} kolom tidak muat: hanya ada {} kolom di kanan sel ini.",
                self.form.columns.len() - left
            ));
        }
        let mut out = Vec::with_capacity(rows * cols);
        for i in 0..rows {
            let row = self.visible[top + i];
            for j in 0..cols {
                let raw = block[i % h].get(j % w).map(String::as_str).unwrap_or("");
                let col = left + j;
                match self.editable(row, col) {
                    Ok(_) => out.push(self.parse_at(row, col, raw)?),
                    Err(e) => {
                        // A computed column pasted over with what it already shows is fine
                        // (a block copied from this grid includes them); anything else is not.
                        if raw.trim().is_empty() || raw.trim() == self.text(row, col) {
                            continue;
                        }
                        return Err(format!("{}: {e}", self.cell_name(row, col)));
                    }
                }
            }
        }
        Ok(out)
    }

    /// The selection's texts, for copying.
    pub fn copy_block(&self) -> Block {
        if self.visible.is_empty() {
            return Vec::new();
        }
        let (top, bottom, left, right) = self.range();
        (top..=bottom)
            .map(|p| {
                let row = self.visible[p];
                (left..=right).map(|c| self.text(row, c)).collect()
            })
            .collect()
    }

    // ----- the queue to the server ---------------------------------------------------------

    /// Take the pending edits as one batch (nothing while a batch is in flight).
    pub fn take_batch(&mut self) -> Option<Vec<EditRequest>> {
        if !self.in_flight.is_empty() || self.pending.is_empty() {
            return None;
        }
        let pending = std::mem::take(&mut self.pending);
        self.in_flight = pending
            .into_iter()
            .map(|((row, cell), p)| {
                (
                    EditRequest {
                        baris: row,
                        kolom: cell,
                        nilai: p.value,
                        versi: p.base_version,
                    },
                    p.base_value,
                )
            })
            .collect();
        Some(self.in_flight.iter().map(|(e, _)| e.clone()).collect())
    }

    /// The batch could not be delivered (no connection): queue it again, under any newer
    /// edit of the same cell.
    pub fn requeue(&mut self) {
        for (e, base_value) in std::mem::take(&mut self.in_flight) {
            self.requeue_one(e, base_value);
        }
    }

    fn requeue_one(&mut self, e: EditRequest, base_value: CellValue) {
        match self.pending.get_mut(&(e.baris, e.kolom)) {
            Some(p) => {
                p.base_version = e.versi;
                p.base_value = base_value;
            }
            None => {
                self.pending.insert(
                    (e.baris, e.kolom),
                    Pending {
                        value: e.nilai,
                        base_version: e.versi,
                        base_value,
                    },
                );
            }
        }
    }

    /// Number of edits not yet stored.
    pub fn unsaved(&self) -> usize {
        self.pending.len() + self.in_flight.len() + self.conflicts.len()
    }

    /// The server's answer to the batch in flight. Returns what to tell the user and the rows
    /// to repaint.
    pub fn answer(&mut self, outcome: EditOutcome) -> (Answer, Vec<usize>) {
        let batch = std::mem::take(&mut self.in_flight);
        match outcome {
            EditOutcome::Applied { sel, turunan, .. } => {
                self.set_versions(&sel);
                // A cell edited again while this batch was on its way builds on what was stored.
                for (e, _) in batch {
                    if let Some(p) = self.pending.get_mut(&(e.baris, e.kolom)) {
                        p.base_version =
                            self.versions.get(&(e.baris, e.kolom)).copied().unwrap_or(0);
                        p.base_value = e.nilai;
                    }
                }
                let mut touched = Vec::new();
                for t in turunan {
                    self.versions.insert((t.baris, t.kolom), t.versi);
                    if self.pending.contains_key(&(t.baris, t.kolom)) {
                        continue;
                    }
                    let row = &mut self.doc.rows[t.baris];
                    if !edit::get(row, t.kolom).same(&t.nilai)
                        && edit::set(row, t.kolom, t.nilai).is_ok()
                    {
                        touched.push(t.baris);
                    }
                }
                let rows = if touched.is_empty() {
                    Vec::new()
                } else {
                    self.state.update(&self.doc, &self.settings, &touched)
                };
                (Answer::Saved, rows)
            }
            EditOutcome::Conflict(list) => {
                let conflicted: HashSet<(usize, Cell)> =
                    list.iter().map(|c| (c.baris, c.kolom)).collect();
                for (e, base_value) in batch {
                    if conflicted.contains(&(e.baris, e.kolom)) {
                        continue;
                    }
                    self.requeue_one(e, base_value);
                }
                for c in list {
                    let mine = edit::get(&self.doc.rows[c.baris], c.kolom);
                    self.conflicts
                        .retain(|(o, _)| (o.baris, o.kolom) != (c.baris, c.kolom));
                    // A newer edit of the same cell waits behind the decision.
                    self.pending.remove(&(c.baris, c.kolom));
                    self.conflicts.push((c, mine));
                }
                (Answer::Conflicts, Vec::new())
            }
            EditOutcome::Locked {
                baris,
                kolom,
                triwulan,
            } => {
                if !self.kunci.contains(&triwulan) {
                    self.kunci.push(triwulan);
                }
                let mut reverted = Vec::new();
                for (e, base_value) in batch {
                    if e.kolom.quarter() == Some(triwulan) {
                        self.pending.remove(&(e.baris, e.kolom));
                        reverted.push((e.baris, e.kolom, base_value));
                    } else {
                        self.requeue_one(e, base_value);
                    }
                }
                let rows = self.revert(reverted);
                (
                    Answer::Refused(format!(
                        "Triwulan {} baru saja diajukan dan terkunci: perubahan di kolomnya tidak tersimpan ({}).",
                        romawi(triwulan),
                        self.cell_label(baris, kolom)
                    )),
                    rows,
                )
            }
            EditOutcome::Invalid(message) => {
                let reverted = batch
                    .into_iter()
                    .map(|(e, base)| (e.baris, e.kolom, base))
                    .collect();
                let rows = self.revert(reverted);
                (
                    Answer::Refused(format!("Server menolak perubahan: {message}")),
                    rows,
                )
            }
            EditOutcome::RowsChanged { .. } => {
                let reverted = batch
                    .into_iter()
                    .map(|(e, base)| (e.baris, e.kolom, base))
                    .collect();
                let rows = self.revert(reverted);
                (
                    Answer::Refused(
                        "Baris dokumen ini bertambah sejak lembar dimuat (berkas yang digabung \
                         menambah baris): perubahan tidak tersimpan. Muat ulang halaman, lalu \
                         ulangi."
                            .into(),
                    ),
                    rows,
                )
            }
        }
    }

    fn cell_label(&self, row: usize, cell: Cell) -> String {
        match self.form.column_of_cell(cell) {
            Some(col) => self.cell_name(row, col),
            None => format!("Baris {}, {}", row + 1, cell.label()),
        }
    }

    fn set_versions(&mut self, sel: &[CellVersion]) {
        for v in sel {
            self.versions.insert((v.baris, v.kolom), v.versi);
        }
    }

    /// Put cells back to values the server has (without queueing anything); their roll-ups
    /// follow them back, as the server's did.
    fn revert(&mut self, cells: Vec<(usize, Cell, CellValue)>) -> Vec<usize> {
        self.apply(cells, false).1
    }

    /// Resolve a conflict: keep my value (sent again over the other person's) or take theirs.
    pub fn resolve(&mut self, index: usize, keep_mine: bool) -> Vec<usize> {
        if index >= self.conflicts.len() {
            return Vec::new();
        }
        let (c, mine) = self.conflicts.remove(index);
        self.versions.insert((c.baris, c.kolom), c.versi_sekarang);
        if keep_mine {
            self.pending.insert(
                (c.baris, c.kolom),
                Pending {
                    value: mine,
                    base_version: c.versi_sekarang,
                    base_value: c.nilai_sekarang,
                },
            );
            Vec::new()
        } else {
            self.revert(vec![(c.baris, c.kolom, c.nilai_sekarang)])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::DocumentSummary;
    use capaian_domain::model::{KValue, Pair, Row};
    use rust_decimal::Decimal;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).expect("decimal")
    }

    fn row(level: Level, name: &str, target_rp: Option<&str>, tw_rp: [Option<&str>; 4]) -> Row {
        Row {
            name: name.into(),
            indicator: format!("Indikator {name}"),
            unit: Some("Dok".into()),
            target: Pair {
                k: Some(KValue::Number(d("10"))),
                rp: target_rp.map(d),
            },
            tw: tw_rp.map(|rp| Pair {
                k: None,
                rp: rp.map(d),
            }),
            ..Row::empty(level)
        }
    }

    /// A program (stated sums) with two kegiatan; the first has two sub kegiatan.
    fn model(kunci: Vec<u8>, perubahan: bool) -> GridModel {
        model_in(kunci, perubahan, &capaian_domain::form::e81::E81)
    }

    /// [`model`] under `form`'s columns.
    fn model_in(kunci: Vec<u8>, perubahan: bool, form: &'static FormKind) -> GridModel {
        use Level::*;
        let rows = vec![
            row(Program, "P", Some("300"), [Some("60"), None, None, None]),
            row(Kegiatan, "K1", Some("200"), [Some("50"), None, None, None]),
            row(
                SubKegiatan,
                "S1",
                Some("120"),
                [Some("20"), None, None, None],
            ),
            row(
                SubKegiatan,
                "S2",
                Some("80"),
                [Some("30"), None, None, None],
            ),
            row(Kegiatan, "K2", Some("100"), [Some("10"), None, None, None]),
        ];
        model_rows(rows, kunci, perubahan, form)
    }

    /// A model of `rows` under `form`'s columns.
    fn model_rows(
        rows: Vec<Row>,
        kunci: Vec<u8>,
        perubahan: bool,
        form: &'static FormKind,
    ) -> GridModel {
        GridModel::new(
            GridData {
                summary: DocumentSummary {
                    id: "dok".into(),
                    workspace_id: "ws".into(),
                    nama_berkas: "uji.xlsx".into(),
                    form: "E.81".into(),
                    sheet: "E.81".into(),
                    tahun: Some(2026),
                    triwulan: Some(1),
                    baris: rows.len() as u64,
                    masalah: 0,
                    diimpor: String::new(),
                    versi: 0,
                    kunci,
                    perubahan: perubahan.then_some(1),
                    diajukan: Vec::new(),
                    disetujui: Vec::new(),
                    zona: Default::default(),
                    pengaturan: Default::default(),
                    template: None,
                    bentuk: 0,
                },
                document: Document {
                    form: "E.81".into(),
                    sheet: "E.81".into(),
                    year: Some(2026),
                    quarter: Some(1),
                    region: None,
                    pd: None,
                    rows,
                },
                versi_sel: Vec::new(),
                pelaku: Pelaku::lokal(),
                penugasan: Default::default(),
                catatan: Vec::new(),
            },
            form,
        )
    }

    fn col(cell: Cell) -> usize {
        capaian_domain::form::e81::E81
            .column_of_cell(cell)
            .expect("column")
    }

    fn rp(m: &GridModel, row: usize, q: usize) -> Option<Decimal> {
        m.doc.rows[row].tw[q].rp
    }

    /// Column 2 (the sasaran a node serves) is typed on a program, kegiatan or sub kegiatan
    /// row, and refused on an extra indicator row (its node's row holds it) with the reason.
    #[test]
    fn the_sasaran_cell_belongs_to_node_rows() {
        let mut rows = model(vec![], false).doc.rows;
        let mut extra = row(Level::Indikator, "", None, [None; 4]);
        extra.indicator = "Indikator kedua S2".into();
        rows.insert(4, extra);
        let m = model_rows(rows, vec![], false, &capaian_domain::form::e81::E81);
        let c = col(Cell::Sasaran);
        for r in [0, 1, 2, 3, 5] {
            assert!(m.is_editable(r, c), "row {r}");
        }
        assert!(!m.is_editable(4, c));
        assert_eq!(m.editable(4, c), Err(Refusal::IndicatorSasaran.message()));
    }

    /// The performance tree's rows (a sasaran and its IKU) show in the PK's grid, not in the
    /// E.81's; a link into the grid (`?baris=&kolom=`) opens at a cell the grid shows, and only
    /// there.
    #[test]
    fn a_form_shows_its_trees_and_a_link_opens_at_its_cell() {
        let mut sasaran = row(Level::Sasaran, "Meningkatnya disiplin ASN", None, [None; 4]);
        sasaran.indicator = "Persentase ASN disiplin".into();
        let mut iku = row(Level::Indikator, "", None, [None; 4]);
        iku.indicator = "Jumlah ASN dibina".into();
        let base = model(vec![], false);
        let mut rows = vec![sasaran, iku];
        rows.extend(base.doc.rows.iter().cloned());
        let pk = &capaian_domain::form::pk::PK;
        let mut m = model_rows(rows.clone(), vec![], false, pk);
        assert_eq!(m.visible, vec![0, 1, 2, 3, 4, 5, 6]);
        assert!(m.go_to(1, Cell::TargetK));
        assert_eq!(m.active.row, 1);
        assert_eq!(Some(m.active.col), pk.column_of_cell(Cell::TargetK));
        let mut m = model_rows(rows, vec![], false, &capaian_domain::form::e81::E81);
        assert_eq!(m.visible, vec![2, 3, 4, 5, 6]);
        assert!(
            !m.go_to(1, Cell::TargetK),
            "the E.81 grid does not show a sasaran"
        );
        assert!(m.go_to(2, Cell::TargetK));
        assert_eq!((m.active.row, m.active.col), (2, col(Cell::TargetK)));
        assert!(
            !m.go_to(2, Cell::Lokasi),
            "a cell the E.81 has no column of"
        );
    }

    #[test]
    fn what_may_be_edited() {
        let m = model(vec![2], false);
        assert!(m.editable(2, col(Cell::TwRp(1))).is_ok());
        assert!(m.editable(2, col(Cell::TwK(1))).is_ok());
        // A roll-up, a locked quarter, a target outside a budget change, a computed column.
        assert_eq!(m.refusal(1, Cell::TwRp(1)), Some(Refusal::RollUp));
        assert_eq!(m.refusal(2, Cell::TwRp(2)), Some(Refusal::Locked(2)));
        assert_eq!(m.refusal(2, Cell::TargetRp), Some(Refusal::Target));
        assert!(m.editable(2, 19).unwrap_err().contains("dihitung"));
        assert!(model(vec![], true).editable(2, col(Cell::TargetRp)).is_ok());
    }

    /// Every form kind edits the same cells: under the Renja's, the rencana aksi's and the PK's
    /// columns the year's target is set (they are where it is planned; the E.81 reports
    /// against it), a value typed there is the E.81's, the plan's money rolls up and locks as
    /// the E.81's does, and the rencana aksi's TW targets are checked against the year's.
    #[test]
    fn every_form_kind_edits_the_same_cells() {
        use capaian_domain::form::{pk::PK, rencana_aksi::RENCANA_AKSI, renja::RENJA};
        for form in [&RENJA, &RENCANA_AKSI, &PK] {
            let m = model_in(vec![2], false, form);
            let target = form.column_of_cell(Cell::TargetK).expect("target column");
            assert!(m.editable(2, target).is_ok(), "{}", form.key);
            assert_eq!(
                m.refusal(1, Cell::TargetRp),
                Some(Refusal::RollUp),
                "{}",
                form.key
            );
            // Kode and name are the structure's.
            assert!(m.editable(2, 0).is_err() && m.editable(2, 1).is_err());
            assert_eq!(m.active.col, form.frozen, "{}", form.key);
        }
        // A target typed under the PK's columns is column 7 of the E.81.
        let mut m = model_in(vec![], false, &PK);
        let edit = m
            .parse_at(2, PK.column_of_cell(Cell::TargetK).expect("col"), "12,5")
            .expect("value");
        m.commit(vec![edit]);
        assert_eq!(m.doc.rows[2].target.k, Some(KValue::Number(d("12.5"))));
        let e81 = capaian_domain::form::e81::E81
            .column_of_cell(Cell::TargetK)
            .expect("col");
        let mut again = model(vec![], false);
        again.doc.rows[2].target.k = m.doc.rows[2].target.k.clone();
        assert_eq!(
            again.text(2, e81),
            m.text(2, PK.column_of_cell(Cell::TargetK).expect("col"))
        );

        // The Renja: lokasi is text; the n+1 pagu of a sub kegiatan rolls up to its kegiatan.
        let mut m = model_in(vec![], false, &RENJA);
        let lokasi = RENJA.column_of_cell(Cell::Lokasi).expect("lokasi");
        let maju = RENJA.column_of_cell(Cell::MajuRp).expect("n+1");
        m.commit(vec![m.parse_at(2, lokasi, "Kec. Batulicin").expect("text")]);
        assert_eq!(m.doc.rows[2].rencana.lokasi, "Kec. Batulicin");
        m.commit(vec![m.parse_at(2, maju, "1.500.000").expect("rp")]);
        m.commit(vec![m.parse_at(3, maju, "500000").expect("rp")]);
        assert_eq!(
            m.text(1, maju),
            "2.000.000",
            "the kegiatan shows Σ its rows"
        );
        assert_eq!(m.refusal(1, Cell::MajuRp), Some(Refusal::RollUp));

        // The rencana aksi: TW targets that do not sum to the year's are a problem at the target;
        // a submitted quarter locks its target and kas like its realisation.
        let mut m = model_in(vec![1], false, &RENCANA_AKSI);
        assert_eq!(m.refusal(2, Cell::TargetTwK(1)), Some(Refusal::Locked(1)));
        assert_eq!(m.refusal(2, Cell::KasRp(1)), Some(Refusal::Locked(1)));
        let tw2 = RENCANA_AKSI
            .column_of_cell(Cell::TargetTwK(2))
            .expect("tw2");
        let target = RENCANA_AKSI.column_of_cell(Cell::TargetK).expect("target");
        m.commit(vec![m.parse_at(2, tw2, "4").expect("k")]);
        let p = m.problem_at(2, target).expect("target_triwulan");
        assert_eq!(p.code, "target_triwulan");
        assert!(p.message.contains("berjumlah 4"), "{}", p.message);
        let tw3 = RENCANA_AKSI
            .column_of_cell(Cell::TargetTwK(3))
            .expect("tw3");
        m.commit(vec![m.parse_at(2, tw3, "6").expect("k")]);
        assert!(m.problem_at(2, target).is_none(), "4 + 6 = 10");

        // The laporan triwulan reports against the target (like the E.81): the realisation is
        // typed, the target is not, and capaian s.d. TW I follows at once: 5 of 10 is 50 %.
        use capaian_domain::form::laporan::LAPORAN;
        let mut m = model_in(vec![], false, &LAPORAN);
        assert_eq!(m.refusal(2, Cell::TargetK), Some(Refusal::Target));
        let tw1 = LAPORAN.column_of_cell(Cell::TwK(1)).expect("tw1");
        m.commit(vec![m.parse_at(2, tw1, "5").expect("k")]);
        let capaian = LAPORAN
            .column_of_kind(ColumnKind::Computed(
                crate::grid::columns::Computed::CapaianSdTw,
            ))
            .expect("capaian");
        assert_eq!(m.text(2, capaian), "50,00%");
        // Penyerapan TW I against its anggaran kas: 20 of 80 is 25 %; the kegiatan's, Σ of its
        // rows (20 + 30) against Σ kas (80 + 120), 25 % too; no kas, no figure.
        let serapan = LAPORAN
            .column_of_kind(ColumnKind::Computed(
                crate::grid::columns::Computed::SerapanKas(1),
            ))
            .expect("serapan");
        assert_eq!(m.text(2, serapan), "-");
        m.doc.rows[2].rencana.triwulan[0].rp = Some(d("80"));
        m.doc.rows[3].rencana.triwulan[0].rp = Some(d("120"));
        m.state = capaian_domain::e81::E81State::new(&m.doc, &m.settings);
        assert_eq!(m.text(2, serapan), "25,00%");
        assert_eq!(m.text(1, serapan), "25,00%");

        // The realisasi anggaran by month: January and February make TW I (typed 20 before);
        // the kegiatan and program follow (their TW I was the sum of their rows); TW I is then
        // refused, and changes through its months; clearing them empties it.
        use capaian_domain::form::realisasi::REALISASI;
        let mut m = model_in(vec![], false, &REALISASI);
        let jan = REALISASI.column_of_cell(Cell::BulanRp(1)).expect("jan");
        let feb = REALISASI.column_of_cell(Cell::BulanRp(2)).expect("feb");
        let tw1 = REALISASI.column_of_cell(Cell::TwRp(1)).expect("tw1");
        assert_eq!(m.refusal(2, Cell::TwRp(1)), None);
        m.commit(vec![
            m.parse_at(2, jan, "5").expect("rp"),
            m.parse_at(2, feb, "7,5").expect("rp"),
        ]);
        assert_eq!(m.text(2, tw1), "12,50");
        assert_eq!(
            (m.text(1, tw1), m.text(0, tw1)),
            ("42,50".into(), "52,50".into())
        );
        assert_eq!(m.text(1, jan), "5", "the kegiatan's January is Σ its rows'");
        assert_eq!(m.refusal(2, Cell::TwRp(1)), Some(Refusal::FromMonths(1)));
        assert!(m
            .editable(2, tw1)
            .unwrap_err()
            .contains("jumlah realisasi bulanannya (Januari, Februari, Maret)"));
        assert_eq!(
            m.pending.len(),
            2,
            "only the months are queued: the server derives TW I"
        );
        m.commit(vec![
            m.parse_at(2, jan, "").expect("rp"),
            m.parse_at(2, feb, "-").expect("rp"),
        ]);
        assert_eq!(m.doc.rows[2].tw[0].rp, None);
        assert_eq!(m.refusal(2, Cell::TwRp(1)), None);
    }

    #[test]
    fn a_commit_recomputes_and_roll_ups_follow() {
        let mut m = model(vec![], false);
        let edit = m.parse_at(2, col(Cell::TwRp(1)), "25,5").expect("value");
        let rows = m.commit(vec![edit]);
        assert_eq!(rows, vec![0, 1, 2]);
        assert_eq!(rp(&m, 2, 0), Some(d("25.5")));
        assert_eq!(rp(&m, 1, 0), Some(d("55.5")));
        assert_eq!(rp(&m, 0, 0), Some(d("65.5")));
        assert_eq!(m.state.computed().totals.realisasi_rp, d("65.5"));
        assert_eq!(m.text(0, 19), "65,50");
        // Only the typed cell is queued: the server derives the roll-ups itself.
        assert_eq!(m.pending.len(), 1);
        // One step back and forth.
        m.undo().expect("undo");
        assert_eq!((rp(&m, 2, 0), rp(&m, 0, 0)), (Some(d("20")), Some(d("60"))));
        m.redo().expect("redo");
        assert_eq!(rp(&m, 0, 0), Some(d("65.5")));
    }

    #[test]
    fn a_paste_is_checked_whole_and_is_one_step() {
        let mut m = model(vec![], false);
        m.select(2, col(Cell::TwK(1)), false);
        let good: Block = vec![
            vec!["1".into(), "1.000".into()],
            vec!["2".into(), "2.000,5".into()],
        ];
        let edits = m.paste_edits(&good).expect("fits");
        assert_eq!(edits.len(), 4);
        m.commit(edits);
        assert_eq!(rp(&m, 3, 0), Some(d("2000.5")));
        assert_eq!(rp(&m, 1, 0), Some(d("3000.5")));
        m.undo().expect("undo");
        assert_eq!((rp(&m, 2, 0), rp(&m, 3, 0)), (Some(d("20")), Some(d("30"))));
        // A value that does not fit refuses everything, with the cell and the reason.
        let bad: Block = vec![vec!["1".into(), "abc".into()]];
        let err = m.paste_edits(&bad).unwrap_err();
        assert!(err.contains("Baris 3") && err.contains("abc"), "{err}");
        // Over a roll-up: refused unless it is what the cell already shows.
        m.select(1, col(Cell::TwRp(1)), false);
        assert!(m
            .paste_edits(&vec![vec!["7".into()]])
            .unwrap_err()
            .contains("jumlah rinciannya"));
        assert!(m
            .paste_edits(&vec![vec!["50".into()]])
            .expect("same")
            .is_empty());
    }

    #[test]
    fn clear_fill_down_and_edges() {
        let mut m = model(vec![], false);
        m.select(2, col(Cell::TwRp(1)), false);
        m.select(3, col(Cell::TwRp(1)), true);
        let cleared = m.clear_edits().expect("clear");
        assert_eq!(cleared.len(), 2);
        m.select(2, col(Cell::TwK(1)), false);
        m.select(3, col(Cell::TwRp(1)), true);
        let filled = m.fill_down_edits().expect("fill");
        assert_eq!(
            filled,
            vec![
                (3, Cell::TwK(1), CellValue::Empty),
                (3, Cell::TwRp(1), CellValue::Rp(d("20")))
            ]
        );
        // Ctrl+Down over TW II Rp (all empty) goes to the last row; Ctrl+Right stops at the
        // end of the filled block.
        m.select(0, col(Cell::TwRp(2)), false);
        m.move_to(Move::EdgeDown, false, 10);
        assert_eq!(m.active.row, 4);
        // Name, indicator and unit are filled, the Renstra target is not.
        m.select(2, 1, false);
        m.move_to(Move::EdgeRight, false, 10);
        assert_eq!(m.active.col, 3);
    }

    #[test]
    fn a_locked_quarter_says_which_stage_locked_it() {
        let mut m = model(vec![], false);
        let cell = Cell::TwRp(2);
        assert!(m.editable_cell(2, cell).is_ok());
        for (tahap, expected) in [
            (Tahap::Diajukan, "sedang diverifikasi"),
            (Tahap::Disetujui, "menunggu difinalkan"),
            (Tahap::Final, "buka kuncinya dulu"),
        ] {
            m.kunci = vec![2];
            m.tahap[1] = tahap;
            let refusal = m.editable_cell(2, cell).unwrap_err();
            assert!(refusal.contains(expected), "{tahap:?}: {refusal}");
        }
    }

    #[test]
    fn a_read_only_role_and_an_operator_outside_their_bidang_edit_nothing() {
        let mut m = model(vec![], false);
        m.pelaku = Pelaku {
            login: Some("inspektur".into()),
            nama: "Inspektur".into(),
            peran: Some(Peran::Pemeriksa),
            bidang: None,
        };
        assert_eq!(m.refusal(2, Cell::TwRp(1)), Some(Refusal::ReadOnly));
        m.pelaku.peran = Some(Peran::Operator);
        m.pelaku.bidang = Some("Bidang Mutasi".into());
        // K1 (row 1) and its rows are Bidang Mutasi's; K2 (row 4) belongs to nobody.
        m.owners = owners(
            &m.doc.rows,
            &[(1, "Bidang Mutasi".to_string())].into_iter().collect(),
        );
        assert_eq!(m.refusal(2, Cell::TwRp(1)), None);
        assert_eq!(m.refusal(4, Cell::TwK(1)), Some(Refusal::NotOwner));
        assert!(m
            .editable_cell(4, Cell::TwK(1))
            .unwrap_err()
            .contains("belum dibagikan"));
    }

    #[test]
    fn outline_and_queue() {
        let mut m = model(vec![], false);
        m.outline_level(1);
        assert_eq!(m.visible, vec![0]);
        m.outline_level(2);
        assert_eq!(m.visible, vec![0, 1, 4]);
        m.toggle(0);
        assert_eq!(m.visible, vec![0]);
        m.reveal(3);
        assert_eq!(m.visible, vec![0, 1, 2, 3, 4]);

        let edit = m.parse_at(2, col(Cell::TwRp(1)), "21").expect("value");
        m.commit(vec![edit]);
        let batch = m.take_batch().expect("batch");
        assert_eq!(batch.len(), 1);
        assert!(m.take_batch().is_none(), "one batch in flight at a time");
        // No connection: the batch waits again.
        m.requeue();
        assert_eq!(m.unsaved(), 1);
        m.take_batch().expect("batch");
        // The same cell edited again while its first edit is on the way: the second edit is
        // sent on top of the version the first one got.
        let edit = m.parse_at(2, col(Cell::TwRp(1)), "22").expect("value");
        m.commit(vec![edit]);
        let (answer, _) = m.answer(EditOutcome::Applied {
            versi: 3,
            sel: vec![CellVersion {
                baris: 2,
                kolom: Cell::TwRp(1),
                versi: 1,
            }],
            turunan: Vec::new(),
            ditambah: 0,
        });
        assert_eq!(answer, Answer::Saved);
        let batch = m.take_batch().expect("batch");
        assert_eq!(
            (batch[0].versi, batch[0].nilai.clone()),
            (1, CellValue::Rp(d("22")))
        );
        // Someone changed the cell first: kept aside with both values, nothing reverted yet.
        let (answer, _) = m.answer(EditOutcome::Conflict(vec![CellConflict {
            baris: 2,
            kolom: Cell::TwRp(1),
            versi_dikirim: batch[0].versi,
            nilai_sekarang: CellValue::Rp(d("99")),
            versi_sekarang: 7,
        }]));
        assert_eq!(answer, Answer::Conflicts);
        assert_eq!(m.conflicts.len(), 1);
        // Taking theirs shows theirs, and the roll-ups follow it.
        m.resolve(0, false);
        assert_eq!(
            (rp(&m, 2, 0), rp(&m, 1, 0)),
            (Some(d("99")), Some(d("129")))
        );
        assert_eq!(m.version(2, Cell::TwRp(1)), 7);
        assert_eq!(m.unsaved(), 0);
        // A quarter submitted meanwhile: the edit is put back and the quarter locks.
        let edit = m.parse_at(3, col(Cell::TwRp(1)), "31").expect("value");
        m.commit(vec![edit]);
        m.take_batch().expect("batch");
        let (answer, _) = m.answer(EditOutcome::Locked {
            baris: 3,
            kolom: Cell::TwRp(1),
            triwulan: 1,
        });
        assert!(matches!(answer, Answer::Refused(ref t) if t.contains("terkunci")));
        assert_eq!(rp(&m, 3, 0), Some(d("30")));
        assert_eq!(m.refusal(3, Cell::TwRp(1)), Some(Refusal::Locked(1)));
    }
}
