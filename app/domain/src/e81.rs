//! Formulir E.81 computations: columns 12–15, capaian s.d. TW n, roll-ups, penyerapan, rating,
//! footer totals, and the row checks.
//!
//! Rules (all on unrounded decimals):
//! - Tree: a row's parent is the nearest row above it with a higher level (program > kegiatan >
//!   sub kegiatan). An `Indikator` row is an extra indicator of the node above it: it has K
//!   columns of its own, no Rp (an Rp there is reported, `rp_indikator`, and ignored).
//! - Rp: a parent's Rp cell left empty takes Σ of its children (effective value); a filled one is
//!   kept and checked against that sum (`jumlah_induk`). 12 = Σ quarters present (None when none);
//!   13 = 12/7×100; 14 = 6+12 (None when 12 is None; a missing 6 counts 0); 15 = 14/5×100.
//! - K: 12 = the indicator's aggregation over the four quarters; 13 = capaian(7, 12); 14 = 6+12 for
//!   summed indicators, and 12 itself for levels (percentages, indices, grades: the latest level
//!   *is* the Renstra position); 15 = capaian(5, 14). Capaian follows the indicator's polarity.
//! - Capaian s.d. TW n (n = `doc.quarter`, else 4) = aggregation over TW 1..n against the ANNUAL
//!   target; a summed indicator with nothing realised yet (`-`/blank) has capaian 0, other
//!   aggregations have none yet. A node's own capaian is the mean over its indicator rows that have one. A node with
//!   children takes, per [`ParentCapaian`], its own capaian or the mean of its children's
//!   (children without capaian excluded or counted 0 per [`NoTargetRule`]); when that mean is used
//!   and the node has a percent target, capaian = mean / target × 100 (seed 004: kegiatan 75,3125
//!   against 95 % → 79,28).
//! - Penyerapan = 12 Rp / 7 Rp × 100 at every level, i.e. Σrealisasi/Σpagu, weighted.
//! - Totals over the top-level rows (programs): Σ target Rp, Σ realisasi Rp, penyerapan, the mean
//!   of their capaian (rata-rata capaian kinerja) and its predikat on the settings' scale.
//! - Row checks (see [`crate::checks`]): parent sums, stated vs computed columns, realisasi above
//!   the pagu, capaian over 100 % without keterangan (the row's or the quarter's), capaian below
//!   the scale's `Sedang` without the quarter's faktor penghambat, units.
//!
//! Every value and problem of a row depends only on the row and its descendants, so the work is
//! done per row, children first ([`E81State`]); [`compute`] runs every row once and
//! [`E81State::update`] only the edited rows and their ancestors.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::checks::{self, at_row, BatasRendah, Penjelasan};
use crate::indicator::{aggregate, capaian};
use crate::model::{Aggregation, Document, Field, KValue, Level, Pair, Problem, Row, Severity};
use crate::num::sum_opt;
use crate::scale::Scale;
use crate::units::UnitDictionary;

const HUNDRED: Decimal = Decimal::ONE_HUNDRED;

/// Children of a node that have no capaian (no target, target 0, nothing measurable yet).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum NoTargetRule {
    /// Left out of the average.
    #[default]
    Exclude,
    /// Counted as 0 %.
    CountAsZero,
}

/// How a kegiatan's or program's capaian is obtained.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "mode")]
pub enum ParentCapaian {
    /// Own indicator when it has a measured target and realisation, else the children's average.
    Auto {
        no_target_rule: NoTargetRule,
    },
    AverageOfChildren {
        no_target_rule: NoTargetRule,
    },
    OwnIndicator,
}

impl Default for ParentCapaian {
    fn default() -> Self {
        ParentCapaian::Auto {
            no_target_rule: NoTargetRule::Exclude,
        }
    }
}

/// Where a row's `capaian_sd_tw` came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum CapaianSource {
    #[default]
    None,
    OwnIndicator,
    ChildrenAverage,
}

#[derive(Clone, Debug, PartialEq)]
pub struct E81Settings {
    pub scale: Scale,
    /// Cap every K capaian at 100 % (besides each indicator's own `cap_100`).
    pub cap_100: bool,
    pub parent_capaian: ParentCapaian,
    /// Per node (canonical kode) override of `parent_capaian`.
    pub per_node: BTreeMap<String, ParentCapaian>,
    /// Capaian below this (percent) without a faktor penghambat is reported
    /// (`capaian_rendah_tanpa_penghambat`) when the scale has no band `Sedang` (otherwise the
    /// lower edge of that band is the bound).
    pub low_threshold: Decimal,
    /// Units and aliases for the unit checks.
    pub units: UnitDictionary,
}

impl Default for E81Settings {
    fn default() -> Self {
        E81Settings {
            scale: Scale::permendagri_86(),
            cap_100: false,
            parent_capaian: ParentCapaian::default(),
            per_node: BTreeMap::new(),
            low_threshold: Decimal::from(50),
            units: UnitDictionary::default(),
        }
    }
}

/// Computed values of one row (same index as `doc.rows`).
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct RowComputed {
    pub c12: Pair,
    /// Percent units.
    pub c13: Pair,
    pub c14: Pair,
    /// Percent units.
    pub c15: Pair,
    /// Capaian kinerja s.d. TW n against the annual target (percent units).
    pub capaian_sd_tw: Option<Decimal>,
    pub capaian_source: CapaianSource,
    /// Realisasi Rp / pagu × 100.
    pub penyerapan_pct: Option<Decimal>,
    /// Pagu − realisasi.
    pub sisa_rp: Option<Decimal>,
    /// Capaian ÷ penyerapan (efisiensi), when both exist and penyerapan ≠ 0.
    pub efisiensi: Option<Decimal>,
    /// Rating of `capaian_sd_tw` on the settings' scale.
    pub rating: Option<String>,
    /// Σ of the direct children's target Rp (parents only).
    pub rollup_rp: Option<Decimal>,
    /// Σ of the direct children's realisasi (column 12) Rp (parents only).
    pub rollup_realisasi_rp: Option<Decimal>,
    /// Target Rp used (own cell, else Σ children).
    pub target_rp: Option<Decimal>,
    /// Parent row (node rows) or owning node (indicator rows).
    pub parent: Option<usize>,
    /// Direct child nodes.
    pub children: Vec<usize>,
}

impl RowComputed {
    /// Column `n` (12–15).
    pub fn kolom(&self, n: u8) -> Option<&Pair> {
        match n {
            12 => Some(&self.c12),
            13 => Some(&self.c13),
            14 => Some(&self.c14),
            15 => Some(&self.c15),
            _ => None,
        }
    }

    /// Whether the computation has a value for `field` (columns 12–15, K or Rp): a column a
    /// file states where it has none could not be computed from the document. True for any
    /// other field.
    pub fn punya(&self, field: Field) -> bool {
        let (n, rp) = match field {
            Field::C12K => (12, false),
            Field::C12Rp => (12, true),
            Field::C13K => (13, false),
            Field::C13Rp => (13, true),
            Field::C14K => (14, false),
            Field::C14Rp => (14, true),
            Field::C15K => (15, false),
            Field::C15Rp => (15, true),
            _ => return true,
        };
        self.kolom(n)
            .is_some_and(|p| if rp { p.rp.is_some() } else { p.k.is_some() })
    }
}

#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct Totals {
    pub target_rp: Decimal,
    /// No top-level node of the budget tree has a pagu (a laporan that prints none): the pagu
    /// is unknown, not Rp 0, and there is no penyerapan.
    #[serde(default)]
    pub tanpa_pagu: bool,
    /// Σ of the top-level nodes' realisasi so far: their quarters', else, for a node whose
    /// file states its realisasi s.d. TW only (a laporan), that stated figure.
    pub realisasi_rp: Decimal,
    pub penyerapan_pct: Option<Decimal>,
    pub rata_rata_capaian: Option<Decimal>,
    pub predikat: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct E81Computed {
    pub rows: Vec<RowComputed>,
    pub totals: Totals,
}

fn pct(num: Option<Decimal>, den: Option<Decimal>) -> Option<Decimal> {
    let (n, d) = (num?, den?);
    if d.is_zero() {
        None
    } else {
        n.checked_mul(HUNDRED)?.checked_div(d)
    }
}

fn mean(values: &[Decimal]) -> Option<Decimal> {
    if values.is_empty() {
        None
    } else {
        Some(values.iter().sum::<Decimal>() / Decimal::from(values.len() as u64))
    }
}

/// Parent (node rows) / owner (indicator rows) of each row, by order and level. A node of the
/// performance tree (tujuan, sasaran) is never the parent of a budget row, nor the other way
/// round: a row of the other tree starts afresh.
pub fn structure(rows: &[Row]) -> Vec<Option<usize>> {
    let mut stack: Vec<usize> = Vec::new();
    let mut parent = vec![None; rows.len()];
    for (i, row) in rows.iter().enumerate() {
        if row.level == Level::Indikator {
            parent[i] = stack.last().copied();
            continue;
        }
        if stack
            .last()
            .is_some_and(|&top| rows[top].level.kinerja() != row.level.kinerja())
        {
            stack.clear();
        }
        while stack
            .last()
            .is_some_and(|&top| rows[top].level.rank() >= row.level.rank())
        {
            stack.pop();
        }
        parent[i] = stack.last().copied();
        stack.push(i);
    }
    parent
}

/// Effective Rp values of a row: its own cell, else Σ of its children's effective values (None
/// when neither exists). Extra indicator rows have none.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct EffectiveRp {
    pub renstra: Option<Decimal>,
    pub prev: Option<Decimal>,
    pub target: Option<Decimal>,
    pub tw: [Option<Decimal>; 4],
    /// The plan's money the E.81 does not print: the n+1 pagu, the anggaran kas per quarter and
    /// the realisasi per month (own, else Σ children, like the others; never checked against
    /// the children here).
    pub maju: Option<Decimal>,
    pub kas: [Option<Decimal>; 4],
    /// The realisasi of each month (index 0 = Januari), own else Σ children.
    pub bulan: [Option<Decimal>; 12],
}

impl EffectiveRp {
    /// Σ of `kids`' values, field by field (None where none of them has one).
    fn sum_of<'a>(kids: impl Iterator<Item = &'a EffectiveRp> + Clone) -> EffectiveRp {
        let child_sum = |f: &dyn Fn(&EffectiveRp) -> Option<Decimal>| sum_opt(kids.clone().map(f));
        EffectiveRp {
            renstra: child_sum(&|r| r.renstra),
            prev: child_sum(&|r| r.prev),
            target: child_sum(&|r| r.target),
            tw: [0, 1, 2, 3].map(|q| child_sum(&|r| r.tw[q])),
            maju: child_sum(&|r| r.maju),
            kas: [0, 1, 2, 3].map(|q| child_sum(&|r| r.kas[q])),
            bulan: std::array::from_fn(|m| child_sum(&|r| r.bulan[m])),
        }
    }

    /// A node row's values: its own cells, else `sums` (Σ of its children, [`Self::sum_of`]).
    fn of_node(row: &Row, sums: &EffectiveRp) -> EffectiveRp {
        EffectiveRp {
            renstra: row.renstra.rp.or(sums.renstra),
            prev: row.prev.rp.or(sums.prev),
            target: row.target.rp.or(sums.target),
            tw: [0, 1, 2, 3].map(|q| row.tw[q].rp.or(sums.tw[q])),
            maju: row.rencana.maju.rp.or(sums.maju),
            kas: [0, 1, 2, 3].map(|q| row.rencana.triwulan[q].rp.or(sums.kas[q])),
            bulan: std::array::from_fn(|m| row.rencana.bulan[m].or(sums.bulan[m])),
        }
    }
}

/// The effective Rp values of every row of `doc` (same index), from a finished computation's
/// tree (`computed.rows[i].children`): what [`E81State::effective_rp`] gives, for a caller that
/// kept only the [`E81Computed`]. Extra indicator rows, and rows `computed` does not have,
/// get none.
pub fn effective_rp_of(doc: &Document, computed: &E81Computed) -> Vec<EffectiveRp> {
    let n = doc.rows.len();
    let mut out = vec![EffectiveRp::default(); n];
    for i in (0..n).rev() {
        let row = &doc.rows[i];
        if row.level == Level::Indikator {
            continue;
        }
        let kids = computed
            .rows
            .get(i)
            .map_or(&[][..], |c| c.children.as_slice());
        // Children come after their parent, so theirs are already done.
        let sums = EffectiveRp::sum_of(kids.iter().filter(|&&c| c > i).filter_map(|&c| out.get(c)));
        out[i] = EffectiveRp::of_node(row, &sums);
    }
    out
}

fn k_number(k: &Option<KValue>) -> Option<Decimal> {
    match k {
        Some(KValue::Number(n)) => Some(*n),
        _ => None,
    }
}

/// Own K capaian of a row against its annual target, over TW 1..n.
fn own_capaian(row: &Row, n: usize, cap: bool) -> (Option<Decimal>, Vec<Problem>) {
    let mut sem = row.semantics.clone();
    sem.cap_100 |= cap;
    let tw: Vec<Option<KValue>> = row.tw.iter().take(n).map(|p| p.k.clone()).collect();
    let realised = aggregate(&sem, &tw).or_else(|| {
        // A summed indicator with nothing realised yet has realised 0 of its target.
        (sem.aggregation == Aggregation::Sum && matches!(row.target.k, Some(KValue::Number(_))))
            .then_some(KValue::Number(Decimal::ZERO))
    });
    match (&row.target.k, realised) {
        (Some(t), Some(r)) => capaian(&sem, t, &r),
        _ => (None, Vec::new()),
    }
}

/// Compute every row and the totals; problems are located by row and field.
///
/// The same per-row steps as [`E81State`] (this is `E81State::new` and its problems).
pub fn compute(doc: &Document, settings: &E81Settings) -> (E81Computed, Vec<Problem>) {
    let state = E81State::new(doc, settings);
    let problems = state.problems();
    (state.computed, problems)
}

/// What one row's steps found, in three parts (effective Rp, columns 12–15 and own capaian,
/// row checks) so that [`E81State::problems`] lists them in the order of the whole-document
/// passes: the Rp problems from the last row up, then the others row by row.
#[derive(Clone, Debug, Default)]
struct RowProblems {
    list: Vec<Problem>,
    rp_end: usize,
    values_end: usize,
}

/// What every row step of one computation needs.
struct Ctx<'a> {
    rows: &'a [Row],
    settings: &'a E81Settings,
    /// Reported quarter, 1..=4.
    quarter: usize,
    /// The quarter the document's TW targets run to: its reported quarter for a laporan s.d.
    /// TW n (which prints the targets through its quarter only), else 4 (a plan's year).
    target_sampai: usize,
    rendah: BatasRendah,
}

impl<'a> Ctx<'a> {
    fn new(doc: &'a Document, settings: &'a E81Settings) -> Ctx<'a> {
        Ctx {
            rows: &doc.rows,
            settings,
            quarter: usize::from(doc.quarter.unwrap_or(4).clamp(1, 4)),
            target_sampai: if doc.form == crate::form::laporan::LAPORAN.key {
                usize::from(doc.quarter.unwrap_or(4).clamp(1, 4))
            } else {
                4
            },
            rendah: BatasRendah::dari_skala(&settings.scale, settings.low_threshold),
        }
    }
}

/// The E.81 computation of a document, kept up to date cell edit by cell edit.
///
/// Every value of a row depends only on the row itself and on its descendants (its child nodes
/// and, for a node, the extra indicator rows under it), so after an edit only the edited rows
/// and their ancestors are computed again, each from its children's cached values: the cost
/// of [`E81State::update`] is the number of children of those ancestors, not the document's size.
/// [`compute`] is `E81State::new` followed by [`E81State::problems`].
#[derive(Clone, Debug)]
pub struct E81State {
    /// The computed document, the same as [`compute`]'s.
    pub computed: E81Computed,
    levels: Vec<Level>,
    quarter: Option<u8>,
    /// Top-level nodes (programs, or whatever has no parent), for the totals.
    top: Vec<usize>,
    rp: Vec<EffectiveRp>,
    /// Capaian of a row's own indicator (before the children's average).
    own: Vec<Option<Decimal>>,
    problems: Vec<RowProblems>,
}

impl E81State {
    /// Compute every row (from the last up: children come after their parents) and the totals.
    pub fn new(doc: &Document, settings: &E81Settings) -> E81State {
        let rows = &doc.rows;
        let parent = structure(rows);
        let mut out: Vec<RowComputed> = parent
            .iter()
            .map(|p| RowComputed {
                parent: *p,
                ..RowComputed::default()
            })
            .collect();
        let mut top = Vec::new();
        for (i, row) in rows.iter().enumerate() {
            if row.level != Level::Indikator {
                match parent[i] {
                    Some(p) => out[p].children.push(i),
                    None => top.push(i),
                }
            }
        }
        let mut state = E81State {
            computed: E81Computed {
                rows: out,
                totals: Totals::default(),
            },
            levels: rows.iter().map(|r| r.level).collect(),
            quarter: doc.quarter,
            top,
            rp: vec![EffectiveRp::default(); rows.len()],
            own: vec![None; rows.len()],
            problems: vec![RowProblems::default(); rows.len()],
        };
        let ctx = Ctx::new(doc, settings);
        state.compute_rows(&ctx);
        state.computed.totals = state.totals(rows, settings);
        state
    }

    /// Every row, from the last up. A large document (off the browser) is computed in two
    /// halves at once, cut before a top-level node: a row depends only on its descendants,
    /// which sit after it in the same top-level subtree, so the halves share nothing.
    fn compute_rows(&mut self, ctx: &Ctx<'_>) {
        let n = ctx.rows.len();
        #[cfg(not(target_arch = "wasm32"))]
        if let Some(cut) = self.cut_for_halves(n) {
            // The second half in a state of its own (its first `cut` entries unused), computed on
            // another thread while this one computes the first half; then moved back here.
            let mut second = E81State {
                computed: E81Computed {
                    rows: std::iter::repeat_with(RowComputed::default)
                        .take(cut)
                        .chain(self.computed.rows.drain(cut..))
                        .collect(),
                    totals: Totals::default(),
                },
                levels: Vec::new(),
                quarter: self.quarter,
                top: Vec::new(),
                rp: vec![EffectiveRp::default(); n],
                own: vec![None; n],
                problems: vec![RowProblems::default(); n],
            };
            let spawned = std::thread::scope(|scope| {
                let handle = std::thread::Builder::new()
                    .name("capaian-e81".into())
                    .spawn_scoped(scope, || {
                        for i in (cut..n).rev() {
                            second.recompute_row(ctx, i);
                        }
                    });
                for i in (0..cut).rev() {
                    self.recompute_row(ctx, i);
                }
                handle.map(|h| h.join().is_ok())
            });
            if matches!(spawned, Ok(true)) {
                self.computed.rows.extend(second.computed.rows.drain(cut..));
                self.rp[cut..].copy_from_slice(&second.rp[cut..]);
                self.own[cut..].copy_from_slice(&second.own[cut..]);
                for (mine, theirs) in self.problems[cut..]
                    .iter_mut()
                    .zip(second.problems.drain(cut..))
                {
                    *mine = theirs;
                }
                return;
            }
            // No second thread (or it failed): the second half's entries are taken back and
            // everything is computed here.
            self.computed.rows.extend(second.computed.rows.drain(cut..));
        }
        for i in (0..n).rev() {
            self.recompute_row(ctx, i);
        }
    }

    /// Where to cut a document of `n` rows into two halves computed at once: the first
    /// top-level node at or after the middle. None for a small document or one without such a
    /// node.
    #[cfg(not(target_arch = "wasm32"))]
    fn cut_for_halves(&self, n: usize) -> Option<usize> {
        /// Below this many rows one thread is faster than two.
        const PARALLEL_ROWS: usize = 4096;
        if n < PARALLEL_ROWS {
            return None;
        }
        self.top.iter().copied().find(|&i| i >= n / 2 && i > 0)
    }

    /// The computed document (the same as `compute(doc, settings).0`).
    pub fn computed(&self) -> &E81Computed {
        &self.computed
    }

    /// Every problem, in the order [`compute`] gives them.
    pub fn problems(&self) -> Vec<Problem> {
        let mut all = Vec::new();
        for p in self.problems.iter().rev() {
            all.extend_from_slice(&p.list[..p.rp_end]);
        }
        for p in &self.problems {
            all.extend_from_slice(&p.list[p.rp_end..p.values_end]);
        }
        for p in &self.problems {
            all.extend_from_slice(&p.list[p.values_end..]);
        }
        all
    }

    /// The problems located at a row (none for a row that does not exist).
    pub fn row_problems(&self, row: usize) -> &[Problem] {
        self.problems.get(row).map_or(&[], |p| p.list.as_slice())
    }

    /// The Rp values a row uses: its own cells, else Σ of its children (all None for a row that
    /// does not exist and for extra indicator rows).
    pub fn effective_rp(&self, row: usize) -> EffectiveRp {
        self.rp.get(row).copied().unwrap_or_default()
    }

    /// Bring the state up to date after the caller changed `doc.rows[r]` for each `r` in
    /// `changed` (any cell: K, Rp, text, narrative, semantics). Returns every row whose computed
    /// values or problems may have changed: the changed rows, the owner of a changed extra
    /// indicator row, and all their ancestors, sorted and deduplicated. The totals are updated
    /// too. Rows outside the document are ignored.
    ///
    /// `settings` and `doc.quarter` must be those the state was built with, and the structure
    /// (number of rows, their levels and order) must not have changed. A different row count,
    /// quarter, or level of a changed row is handled by computing everything again (and every
    /// row is returned); a changed setting is not detected: build a new state for it.
    pub fn update(
        &mut self,
        doc: &Document,
        settings: &E81Settings,
        changed: &[usize],
    ) -> Vec<usize> {
        let n = doc.rows.len();
        let same_shape = n == self.levels.len()
            && doc.quarter == self.quarter
            && changed
                .iter()
                .filter(|&&r| r < n)
                .all(|&r| doc.rows[r].level == self.levels[r]);
        if !same_shape {
            *self = E81State::new(doc, settings);
            return (0..n).collect();
        }
        let mut dirty = Vec::with_capacity(changed.len() * 4);
        for &r in changed.iter().filter(|&&r| r < n) {
            let mut at = Some(r);
            while let Some(i) = at {
                dirty.push(i);
                at = self.computed.rows[i].parent;
            }
        }
        dirty.sort_unstable();
        dirty.dedup();
        let ctx = Ctx::new(doc, settings);
        for &i in dirty.iter().rev() {
            self.recompute_row(&ctx, i);
        }
        self.computed.totals = self.totals(&doc.rows, settings);
        dirty
    }

    /// Every value and problem of row `i` from the row and its descendants' cached values
    /// (which must be up to date: rows after `i` first).
    fn recompute_row(&mut self, ctx: &Ctx<'_>, i: usize) {
        let row = &ctx.rows[i];
        let children = std::mem::take(&mut self.computed.rows[i].children);
        let mut o = RowComputed {
            parent: self.computed.rows[i].parent,
            ..RowComputed::default()
        };
        let mut problems = Vec::new();
        let rp = self.effective_rp_step(row, i, &children, &mut o, &mut problems);
        let rp_end = problems.len();
        let own = self.values_step(ctx, row, i, &children, rp, &mut o, &mut problems);
        let values_end = problems.len();
        if row.level != Level::Indikator {
            self.node_capaian_step(ctx, row, i, &children, own, &mut o);
        }
        rating_and_checks_step(ctx, row, i, &mut o, &mut problems);
        o.children = children;
        self.computed.rows[i] = o;
        self.rp[i] = rp;
        self.own[i] = own;
        self.problems[i] = RowProblems {
            list: problems,
            rp_end,
            values_end,
        };
    }

    /// Effective Rp (own cell, else Σ children), the target roll-up, and `jumlah_induk` /
    /// `rp_indikator`.
    fn effective_rp_step(
        &self,
        row: &Row,
        i: usize,
        kids: &[usize],
        o: &mut RowComputed,
        problems: &mut Vec<Problem>,
    ) -> EffectiveRp {
        if row.level == Level::Indikator {
            let own = [&row.renstra, &row.prev, &row.target]
                .into_iter()
                .chain(row.tw.iter())
                .any(|p| p.rp.is_some())
                || row.rencana.bulan.iter().any(Option::is_some);
            if own {
                problems.push(at_row(
                    Severity::Warning,
                    "rp_indikator",
                    "Baris indikator tambahan berisi Rp; anggaran dicatat pada baris program/kegiatan/sub kegiatan di atasnya dan nilai ini diabaikan".into(),
                    i,
                    Field::TargetRp,
                ));
            }
            return EffectiveRp::default();
        }
        let sums = EffectiveRp::sum_of(kids.iter().map(|&c| &self.rp[c]));
        if !kids.is_empty() {
            let checks_list = [
                (row.renstra.rp, sums.renstra, Field::RenstraRp),
                (row.prev.rp, sums.prev, Field::PrevRp),
                (row.target.rp, sums.target, Field::TargetRp),
            ]
            .into_iter()
            .chain((0..4).map(|q| (row.tw[q].rp, sums.tw[q], Field::TwRp(q as u8 + 1))));
            problems.extend(checks_list.filter_map(|(own, s, f)| checks::parent_sum(own, s, i, f)));
            o.rollup_rp = sums.target;
        }
        EffectiveRp::of_node(row, &sums)
    }

    /// Columns 12–15, penyerapan, sisa, the realisasi roll-up, and the row's own capaian
    /// (which is an extra indicator row's capaian). Returns the own capaian.
    #[allow(clippy::too_many_arguments)]
    fn values_step(
        &self,
        ctx: &Ctx<'_>,
        row: &Row,
        i: usize,
        kids: &[usize],
        e: EffectiveRp,
        o: &mut RowComputed,
        problems: &mut Vec<Problem>,
    ) -> Option<Decimal> {
        let mut sem = row.semantics.clone();
        sem.cap_100 |= ctx.settings.cap_100;
        let tw_k: Vec<Option<KValue>> = row.tw.iter().map(|p| p.k.clone()).collect();
        let c12k = aggregate(&sem, &tw_k);
        let mut cap = |t: &Option<KValue>, r: &Option<KValue>, field: Field| match (t, r) {
            (Some(t), Some(r)) => {
                let (v, ps) = capaian(&sem, t, r);
                problems.extend(checks::locate(ps, i, field));
                v.map(KValue::Number)
            }
            _ => None,
        };
        let c13k = cap(&row.target.k, &c12k, Field::C13K);
        let c14k = match (sem.aggregation, &c12k) {
            (_, None) => None,
            (Aggregation::Sum, Some(KValue::Number(r))) => Some(KValue::Number(
                k_number(&row.prev.k).unwrap_or_default() + r,
            )),
            (_, Some(v)) => Some(v.clone()),
        };
        let c15k = cap(&row.renstra.k, &c14k, Field::C15K);
        let c12rp = if row.level == Level::Indikator {
            None
        } else {
            sum_opt(e.tw)
        };
        let c14rp = c12rp.map(|r| e.prev.unwrap_or_default() + r);
        o.c12 = Pair { k: c12k, rp: c12rp };
        o.c13 = Pair {
            k: c13k,
            rp: pct(c12rp, e.target),
        };
        o.c14 = Pair { k: c14k, rp: c14rp };
        o.c15 = Pair {
            k: c15k,
            rp: pct(c14rp, e.renstra),
        };
        o.target_rp = e.target;
        o.penyerapan_pct = o.c13.rp;
        o.sisa_rp = e.target.map(|t| t - c12rp.unwrap_or_default());
        if row.level != Level::Indikator && !kids.is_empty() {
            // A child node's column 12 Rp is Σ of its effective quarters.
            o.rollup_realisasi_rp = sum_opt(kids.iter().map(|&c| sum_opt(self.rp[c].tw)));
        }
        let (c, ps) = own_capaian(row, ctx.quarter, ctx.settings.cap_100);
        problems.extend(checks::locate(ps, i, Field::TargetK));
        if row.level == Level::Indikator {
            o.capaian_sd_tw = c;
            o.capaian_source = if c.is_some() {
                CapaianSource::OwnIndicator
            } else {
                CapaianSource::None
            };
        }
        c
    }

    /// A node's capaian s.d. TW: its own indicators' mean (its row and the extra indicator rows
    /// under it) or its children's average, per [`ParentCapaian`].
    fn node_capaian_step(
        &self,
        ctx: &Ctx<'_>,
        row: &Row,
        i: usize,
        kids: &[usize],
        own: Option<Decimal>,
        o: &mut RowComputed,
    ) {
        let settings = ctx.settings;
        let mut mine: Vec<Decimal> = own.into_iter().collect();
        mine.extend(
            (i + 1..ctx.rows.len())
                .take_while(|&j| ctx.rows[j].level == Level::Indikator)
                .filter_map(|j| self.own[j]),
        );
        let own_value = mean(&mine);
        let mode = row
            .kode
            .as_ref()
            .and_then(|k| settings.per_node.get(k))
            .copied()
            .unwrap_or(settings.parent_capaian);
        let derived = |rule: NoTargetRule| -> Option<Decimal> {
            let vals: Vec<Decimal> = kids
                .iter()
                .filter_map(|&c| match (self.computed.rows[c].capaian_sd_tw, rule) {
                    (Some(v), _) => Some(v),
                    (None, NoTargetRule::CountAsZero) => Some(Decimal::ZERO),
                    (None, NoTargetRule::Exclude) => None,
                })
                .collect();
            let avg = mean(&vals)?;
            let mut sem = row.semantics.clone();
            sem.cap_100 |= settings.cap_100;
            match (&row.target.k, row.semantics.value_type) {
                (Some(t @ KValue::Number(tv)), crate::model::ValueType::Percent)
                    if !tv.is_zero() =>
                {
                    capaian(&sem, t, &KValue::Number(avg)).0
                }
                _ => Some(avg),
            }
        };
        let (value, source) = if kids.is_empty() {
            (own_value, CapaianSource::OwnIndicator)
        } else {
            match mode {
                ParentCapaian::OwnIndicator => (own_value, CapaianSource::OwnIndicator),
                ParentCapaian::AverageOfChildren { no_target_rule } => {
                    (derived(no_target_rule), CapaianSource::ChildrenAverage)
                }
                ParentCapaian::Auto { no_target_rule } => match own_value {
                    Some(v) => (Some(v), CapaianSource::OwnIndicator),
                    None => (derived(no_target_rule), CapaianSource::ChildrenAverage),
                },
            }
        };
        o.capaian_sd_tw = value;
        o.capaian_source = if value.is_some() {
            source
        } else {
            CapaianSource::None
        };
    }

    /// Totals over the top-level nodes of the budget tree, from their cached values (the
    /// performance tree's capaian is the IKU's, not the Renja's: not in the E.81's average).
    /// A node without quarters counts the realisasi s.d. TW its file states (`rows`: a laporan's
    /// column 12 Rp).
    fn totals(&self, rows: &[Row], settings: &E81Settings) -> Totals {
        let out = &self.computed.rows;
        let top: Vec<usize> = self
            .top
            .iter()
            .copied()
            .filter(|&i| !self.levels.get(i).is_some_and(|l| l.kinerja()))
            .collect();
        let target_rp: Decimal = top.iter().filter_map(|&i| out[i].target_rp).sum();
        let tanpa_pagu = top.iter().all(|&i| out[i].target_rp.is_none());
        let realisasi_rp: Decimal = top
            .iter()
            .filter_map(|&i| {
                out[i]
                    .c12
                    .rp
                    .or_else(|| rows.get(i).and_then(|r| r.stated.c12.rp))
            })
            .sum();
        let caps: Vec<Decimal> = top.iter().filter_map(|&i| out[i].capaian_sd_tw).collect();
        let rata = mean(&caps);
        Totals {
            target_rp,
            tanpa_pagu,
            realisasi_rp,
            penyerapan_pct: pct(Some(realisasi_rp), Some(target_rp).filter(|_| !tanpa_pagu)),
            rata_rata_capaian: rata,
            predikat: rata
                .and_then(|r| settings.scale.rate(r))
                .map(str::to_string),
        }
    }
}

/// Rating, efisiensi, and the row checks: stated vs computed columns, realisasi above the pagu,
/// capaian bounds, units.
fn rating_and_checks_step(
    ctx: &Ctx<'_>,
    row: &Row,
    i: usize,
    o: &mut RowComputed,
    problems: &mut Vec<Problem>,
) {
    o.rating = o
        .capaian_sd_tw
        .and_then(|c| ctx.settings.scale.rate(c))
        .map(str::to_string);
    o.efisiensi = pct(o.capaian_sd_tw, o.penyerapan_pct).map(|v| v / HUNDRED);
    let s = &row.stated;
    let pairs = [
        (&s.c12, &o.c12, Field::C12K, Field::C12Rp),
        (&s.c13, &o.c13, Field::C13K, Field::C13Rp),
        (&s.c14, &o.c14, Field::C14K, Field::C14Rp),
        (&s.c15, &o.c15, Field::C15K, Field::C15Rp),
    ];
    for (st, co, fk, frp) in pairs {
        problems.extend(checks::stated_k(st.k.as_ref(), co.k.as_ref(), i, fk));
        problems.extend(checks::stated_rp(st.rp, co.rp, i, frp));
    }
    problems.extend(checks::realisasi_melebihi_pagu(o.c12.rp, o.target_rp, i));
    // The rencana aksi's TW targets against the year's, by the indicator's aggregation; in a
    // laporan s.d. an earlier quarter, which prints the targets through it only, what those
    // can already tell (`indicator::target_triwulan_sd`).
    if let Some(target) = &row.target.k {
        if row.rencana.triwulan.iter().any(|p| p.k.is_some()) {
            let tw = row.rencana.triwulan.clone().map(|p| p.k);
            // A node whose name is its indicator (a laporan without an Indikator column).
            let indikator = if row.indicator.trim().is_empty() {
                &row.name
            } else {
                &row.indicator
            };
            if let Some(pesan) = crate::indicator::target_triwulan_sd(
                &row.semantics,
                indikator,
                target,
                &tw,
                ctx.target_sampai,
            ) {
                problems.push(at_row(
                    Severity::Warning,
                    "target_triwulan",
                    pesan,
                    i,
                    Field::TargetK,
                ));
            }
        }
    }
    // A quarter's realisasi against that quarter's target (twice it or more).
    problems.extend(checks::realisasi_tw_jauh_di_atas_target(
        &row.semantics,
        &row.rencana.triwulan.clone().map(|p| p.k),
        &row.tw.clone().map(|p| p.k),
        &row.keterangan,
        row.narasi.each_ref().map(|n| n.keterangan.as_str()),
        i,
    ));
    let narasi = &row.narasi[ctx.quarter - 1];
    let penjelasan = Penjelasan {
        keterangan: &row.keterangan,
        keterangan_tw: &narasi.keterangan,
        penghambat_tw: &narasi.penghambat,
        triwulan: ctx.quarter as u8,
        belum_dilaporkan: row.tw.iter().take(ctx.quarter).all(|p| p.k.is_none()),
    };
    problems.extend(checks::capaian_bounds(
        o.capaian_sd_tw,
        &penjelasan,
        &ctx.rendah,
        i,
    ));
    for (q, p) in row.tw.iter().enumerate() {
        if let (Some(KValue::Text(t)), Some(KValue::Text(r))) = (&row.target.k, &p.k) {
            if let Some(mut pr) = checks::embedded_units_differ(t, r, &ctx.settings.units) {
                pr.at.row = Some(i);
                pr.at.field = Some(Field::TwK(q as u8 + 1));
                problems.push(pr);
            }
        }
    }
}
