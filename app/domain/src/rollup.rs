//! Parent Rp roll-ups that follow their children.
//!
//! A parent's Rp cell that equals the sum of its children is a roll-up (like an Excel `SUM`):
//! when a child changes, the roll-up should change with it. [`follow_rollups`] gives the derived
//! edits that keep such parents consistent; a parent whose own value disagreed with its
//! children before the edits (a number someone typed) is left alone (the `jumlah_induk` check
//! flags it), and a parent without a value of its own already follows (its effective value is
//! the sum) and needs no edit.
//!
//! Within a row, a quarter's realisasi Rp follows its months the same way
//! ([`bulan_ke_triwulan`]), before the roll-ups: a month typed or merged makes its quarter the
//! sum of the quarter's months, and both roll up.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rust_decimal::Decimal;

use crate::e81::structure;
use crate::edit::{Cell, CellValue};
use crate::model::{Level, Row};
use crate::num::sum_opt;

/// The Rp columns of a node, by index: renstra, lalu, target, TW I–IV; and the plan's values
/// E.81 does not print: the n+1 pagu, the anggaran kas TW I–IV, the realisasi per month.
const COLUMNS: [Cell; 24] = [
    Cell::RenstraRp,
    Cell::PrevRp,
    Cell::TargetRp,
    Cell::TwRp(1),
    Cell::TwRp(2),
    Cell::TwRp(3),
    Cell::TwRp(4),
    Cell::MajuRp,
    Cell::KasRp(1),
    Cell::KasRp(2),
    Cell::KasRp(3),
    Cell::KasRp(4),
    Cell::BulanRp(1),
    Cell::BulanRp(2),
    Cell::BulanRp(3),
    Cell::BulanRp(4),
    Cell::BulanRp(5),
    Cell::BulanRp(6),
    Cell::BulanRp(7),
    Cell::BulanRp(8),
    Cell::BulanRp(9),
    Cell::BulanRp(10),
    Cell::BulanRp(11),
    Cell::BulanRp(12),
];

fn column(cell: Cell) -> Option<usize> {
    COLUMNS.iter().position(|&c| c == cell)
}

/// A row's own value in column `col` (where the cell lives is `edit::get`'s).
fn own(row: &Row, col: usize) -> Option<Decimal> {
    match crate::edit::get(row, COLUMNS[col]) {
        CellValue::Rp(v) => Some(v),
        _ => None,
    }
}

/// Direct child nodes of every row (compressed: `list[start[r]..start[r + 1]]`).
struct Children {
    start: Vec<usize>,
    list: Vec<usize>,
}

impl Children {
    fn new(rows: &[Row], parent: &[Option<usize>]) -> Children {
        let mut start = vec![0usize; rows.len() + 1];
        let is_child = |i: usize| rows[i].level != Level::Indikator;
        for (i, p) in parent.iter().enumerate() {
            if let (Some(p), true) = (p, is_child(i)) {
                start[p + 1] += 1;
            }
        }
        for i in 0..rows.len() {
            start[i + 1] += start[i];
        }
        let mut next = start.clone();
        let mut list = vec![0usize; start[rows.len()]];
        for (i, p) in parent.iter().enumerate() {
            if let (Some(p), true) = (p, is_child(i)) {
                list[next[*p]] = i;
                next[*p] += 1;
            }
        }
        Children { start, list }
    }

    fn of(&self, row: usize) -> &[usize] {
        &self.list[self.start[row]..self.start[row + 1]]
    }
}

/// One column's effective values before and after the batch, computed only where needed.
struct Column<'a> {
    rows: &'a [Row],
    kids: &'a Children,
    col: usize,
    /// Own values after the batch, where they change (explicit and derived edits).
    after_own: HashMap<usize, Option<Decimal>>,
    /// Rows whose subtree holds an edit (the edited rows and their ancestors), sorted.
    touched: Vec<usize>,
    before: HashMap<usize, Option<Decimal>>,
    after: HashMap<usize, Option<Decimal>>,
}

impl Column<'_> {
    /// Effective value before the batch: own, else Σ children.
    fn before(&mut self, r: usize) -> Option<Decimal> {
        if let Some(v) = self.before.get(&r) {
            return *v;
        }
        let kids = self.kids;
        let v = own(&self.rows[r], self.col)
            .or_else(|| sum_opt(kids.of(r).iter().map(|&c| self.before(c))));
        self.before.insert(r, v);
        v
    }

    /// Effective value after the batch. Only asked for rows whose descendants are settled
    /// (the ancestors are visited from the last row up).
    fn after(&mut self, r: usize) -> Option<Decimal> {
        if self.touched.binary_search(&r).is_err() {
            return self.before(r);
        }
        if let Some(v) = self.after.get(&r) {
            return *v;
        }
        let kids = self.kids;
        let own_after = match self.after_own.get(&r) {
            Some(v) => *v,
            None => own(&self.rows[r], self.col),
        };
        let v = own_after.or_else(|| sum_opt(kids.of(r).iter().map(|&c| self.after(c))));
        self.after.insert(r, v);
        v
    }
}

/// The derived edits that keep consistent roll-ups consistent: first the quarters that follow
/// their months ([`bulan_ke_triwulan`]); then, when a node row's Rp cell (`renstra_rp`,
/// `lalu_rp`, `target_rp`, `tw1_rp`..`tw4_rp`, `maju_rp`, `kas_tw1`..`kas_tw4`,
/// `realisasi_bulan1`..`12`) changes, every ancestor whose own
/// stated value in that column EQUALED the Σ of its children's effective values BEFORE the edits
/// (a roll-up, like an Excel SUM) gets the new Σ; an ancestor that disagreed before (a number
/// someone typed) is left alone (the `jumlah_induk` check flags it); an ancestor with no own
/// value (None) already follows and needs no edit.
///
/// `rows` are the rows before the edits. The result holds only the derived edits, sorted by row
/// and column: never one of the given edits, except a quarter's realisasi Rp the batch writes
/// on a row whose months it also writes (the months' sum replaces it; an ancestor cell an edit sets explicitly keeps that
/// value and is not derived, its own ancestors follow it). Levels are followed bottom-up (sub
/// kegiatan → kegiatan → program). When a roll-up's children end with no value at all, the
/// derived edit is [`CellValue::Empty`] (the parent then follows its children). Edits of Rp
/// cells on extra indicator rows (which carry no Rp), of other cells, of rows outside `rows`,
/// and with a value of the wrong kind are ignored; of several edits of one cell the last counts.
/// Values compare as decimals (`10` = `10.00`).
pub fn follow_rollups(
    rows: &[Row],
    edits: &[(usize, Cell, CellValue)],
) -> Vec<(usize, Cell, CellValue)> {
    Rollups::new(rows).follow(rows, edits)
}

/// The tree of a document, prepared once for [`follow_rollups`] on many batches (the grid
/// follows roll-ups on every keystroke; the structure never changes through edits).
pub struct Rollups {
    parent: Vec<Option<usize>>,
    kids: Children,
}

impl Rollups {
    pub fn new(rows: &[Row]) -> Rollups {
        let parent = structure(rows);
        let kids = Children::new(rows, &parent);
        Rollups { parent, kids }
    }

    /// [`follow_rollups`] for rows with the structure this was prepared from.
    pub fn follow(
        &self,
        rows: &[Row],
        edits: &[(usize, Cell, CellValue)],
    ) -> Vec<(usize, Cell, CellValue)> {
        if rows.len() != self.parent.len() {
            return follow_rollups(rows, edits);
        }
        let bulan = bulan_ke_triwulan(rows, edits);
        if bulan.is_empty() {
            return follow_with(rows, &self.parent, &self.kids, edits);
        }
        // The quarters that follow their months are edits of the batch for the roll-ups, in
        // place of the batch's own value of the same cell.
        let mut batch: Vec<(usize, Cell, CellValue)> = edits
            .iter()
            .filter(|(r, c, _)| !bulan.iter().any(|(dr, dc, _)| dr == r && dc == c))
            .cloned()
            .collect();
        batch.extend(bulan.iter().cloned());
        let mut out = bulan;
        out.extend(follow_with(rows, &self.parent, &self.kids, &batch));
        out.sort_by_key(|(r, c, _)| (*r, *c));
        out
    }
}

/// The quarters' realisasi Rp that follow their months: for every node row (not an extra
/// indicator row) whose months the batch writes (`realisasi_bulan1`..`12`), each quarter of
/// those months becomes the sum of its months as they stand after the batch (Empty when none
/// holds a value), where that differs from the quarter's value — the row's, or the one the
/// batch writes for it, which the months' sum replaces. So a quarter with months always equals
/// them, whatever order edits arrive in. Edits of invalid months, of other rows, and with a
/// value of the wrong kind are ignored; of several edits of one cell the last counts.
pub fn bulan_ke_triwulan(
    rows: &[Row],
    edits: &[(usize, Cell, CellValue)],
) -> Vec<(usize, Cell, CellValue)> {
    let mut months: BTreeMap<usize, [Option<Decimal>; 12]> = BTreeMap::new();
    let mut quarters: BTreeSet<(usize, u8)> = BTreeSet::new();
    for (r, cell, value) in edits {
        let Cell::BulanRp(m) = *cell else {
            continue;
        };
        let Some(row) = rows.get(*r).filter(|row| row.level != Level::Indikator) else {
            continue;
        };
        if !cell.is_valid() {
            continue;
        }
        let v = match value {
            CellValue::Rp(d) => Some(*d),
            CellValue::Empty => None,
            _ => continue,
        };
        months.entry(*r).or_insert(row.rencana.bulan)[usize::from(m - 1)] = v;
        quarters.insert((*r, m.div_ceil(3)));
    }
    let mut out = Vec::new();
    for (r, q) in quarters {
        let sum = sum_opt(crate::edit::bulan_triwulan(q).map(|m| months[&r][usize::from(m - 1)]));
        let cell = Cell::TwRp(q);
        let asked = edits
            .iter()
            .rev()
            .find(|(er, ec, _)| *er == r && *ec == cell);
        let now = match asked {
            Some((_, _, v)) => v.clone(),
            None => crate::edit::get(&rows[r], cell),
        };
        let value = sum.map_or(CellValue::Empty, CellValue::Rp);
        if !value.same(&now) {
            out.push((r, cell, value));
        }
    }
    out
}

fn follow_with(
    rows: &[Row],
    parent: &[Option<usize>],
    kids: &Children,
    edits: &[(usize, Cell, CellValue)],
) -> Vec<(usize, Cell, CellValue)> {
    let mut explicit: [HashMap<usize, Option<Decimal>>; COLUMNS.len()] = Default::default();
    for (r, cell, value) in edits {
        let (Some(col), Some(row)) = (column(*cell), rows.get(*r)) else {
            continue;
        };
        if row.level == Level::Indikator {
            continue;
        }
        let v = match value {
            CellValue::Rp(d) => Some(*d),
            CellValue::Empty => None,
            _ => continue,
        };
        explicit[col].insert(*r, v);
    }
    if explicit.iter().all(HashMap::is_empty) {
        return Vec::new();
    }
    let mut derived: Vec<(usize, usize, Option<Decimal>)> = Vec::new();
    for (col, edited) in explicit.into_iter().enumerate() {
        if edited.is_empty() {
            continue;
        }
        let mut ancestors = Vec::new();
        for &r in edited.keys() {
            let mut at = parent[r];
            while let Some(a) = at {
                ancestors.push(a);
                at = parent[a];
            }
        }
        ancestors.sort_unstable();
        ancestors.dedup();
        let mut touched: Vec<usize> = ancestors.iter().chain(edited.keys()).copied().collect();
        touched.sort_unstable();
        touched.dedup();
        let mut c = Column {
            rows,
            kids,
            col,
            after_own: edited,
            touched,
            before: HashMap::new(),
            after: HashMap::new(),
        };
        for &a in ancestors.iter().rev() {
            if c.after_own.contains_key(&a) {
                continue;
            }
            let Some(stated) = own(&rows[a], col) else {
                continue;
            };
            let children = kids.of(a);
            let before = sum_opt(children.iter().map(|&k| c.before(k)));
            if before != Some(stated) {
                continue;
            }
            let after = sum_opt(children.iter().map(|&k| c.after(k)));
            if after != Some(stated) {
                c.after_own.insert(a, after);
                derived.push((a, col, after));
            }
        }
    }
    derived.sort_by_key(|&(r, col, _)| (r, col));
    derived
        .into_iter()
        .map(|(r, col, v)| (r, COLUMNS[col], v.map_or(CellValue::Empty, CellValue::Rp)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Pair;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    /// A row of `level` with `target_rp` (and the same value in TW I when `tw1`).
    fn row(level: Level, target: Option<&str>) -> Row {
        Row {
            target: Pair {
                k: None,
                rp: target.map(d),
            },
            ..Row::empty(level)
        }
    }

    use Level::{Indikator as I, Kegiatan as K, Program as P, SubKegiatan as S};

    fn rows(spec: &[(Level, Option<&str>)]) -> Vec<Row> {
        spec.iter().map(|&(l, v)| row(l, v)).collect()
    }

    fn t(r: usize, v: &str) -> (usize, Cell, CellValue) {
        (r, Cell::TargetRp, CellValue::Rp(d(v)))
    }

    fn empty(r: usize) -> (usize, Cell, CellValue) {
        (r, Cell::TargetRp, CellValue::Empty)
    }

    #[test]
    fn table() {
        // 0 P, 1 K, 2 S, 3 S, 4 K, 5 S
        let consistent = [
            (P, Some("60")),
            (K, Some("30")),
            (S, Some("10")),
            (S, Some("20")),
            (K, Some("30")),
            (S, Some("30")),
        ];
        type Case<'a> = (
            &'a str,
            &'a [(Level, Option<&'a str>)],
            Vec<(usize, Cell, CellValue)>,
            Vec<(usize, Cell, CellValue)>,
        );
        let cases: Vec<Case> = vec![
            (
                "a consistent chain follows at every level",
                &consistent,
                vec![t(2, "15")],
                vec![t(0, "65"), t(1, "35")],
            ),
            (
                "several siblings in one batch, two kegiatan",
                &consistent,
                vec![t(2, "11"), t(3, "21"), t(5, "40")],
                vec![t(0, "72"), t(1, "32"), t(4, "40")],
            ),
            (
                "clearing a child sums the others",
                &consistent,
                vec![empty(2)],
                vec![t(0, "50"), t(1, "20")],
            ),
            (
                "clearing every child of a kegiatan empties its roll-up",
                &consistent,
                vec![empty(2), empty(3)],
                vec![t(0, "30"), empty(1)],
            ),
            (
                "an explicit edit of the parent wins; the program follows it",
                &consistent,
                vec![t(2, "15"), t(1, "100")],
                vec![t(0, "130")],
            ),
            (
                "an explicit edit of the program wins",
                &consistent,
                vec![t(2, "15"), t(0, "1")],
                vec![t(1, "35")],
            ),
            (
                "an unchanged value derives nothing",
                &consistent,
                vec![t(2, "10.00")],
                vec![],
            ),
            (
                "equality is decimal: 30.00 = 10 + 20",
                &[
                    (P, Some("60.0")),
                    (K, Some("30.00")),
                    (S, Some("10")),
                    (S, Some("20")),
                    (K, Some("30")),
                ],
                vec![t(3, "25")],
                vec![t(0, "65"), t(1, "35")],
            ),
            (
                "an inconsistent kegiatan is left alone, so is the program above it",
                &[
                    (P, Some("60")),
                    (K, Some("99")),
                    (S, Some("10")),
                    (S, Some("20")),
                    (K, Some("30")),
                ],
                vec![t(2, "15")],
                vec![],
            ),
            (
                "an inconsistent program is left alone, the kegiatan follows",
                &[
                    (P, Some("61")),
                    (K, Some("30")),
                    (S, Some("10")),
                    (S, Some("20")),
                    (K, Some("30")),
                ],
                vec![t(2, "15")],
                vec![t(1, "35")],
            ),
            (
                "a parent without a value needs no edit, the one above still follows",
                &[
                    (P, Some("60")),
                    (K, None),
                    (S, Some("10")),
                    (S, Some("20")),
                    (K, Some("30")),
                ],
                vec![t(2, "15")],
                vec![t(0, "65")],
            ),
            (
                "a parent whose children have no values is not a roll-up",
                &[(P, Some("5")), (K, None), (S, None)],
                vec![t(2, "7")],
                vec![],
            ),
            (
                "extra indicator rows carry no Rp and are no children",
                &[
                    (P, Some("30")),
                    (I, None),
                    (K, Some("30")),
                    (I, None),
                    (S, Some("30")),
                    (I, None),
                ],
                vec![t(4, "31"), t(5, "1000"), t(3, "1000")],
                vec![t(0, "31"), t(2, "31")],
            ),
            (
                "the last edit of a cell counts",
                &consistent,
                vec![t(2, "15"), t(2, "12")],
                vec![t(0, "62"), t(1, "32")],
            ),
            (
                "other cells, wrong kinds and rows outside are ignored",
                &consistent,
                vec![
                    (2, Cell::TargetK, CellValue::Empty),
                    (2, Cell::TargetRp, CellValue::Text("15".into())),
                    (2, Cell::TwRp(5), CellValue::Rp(d("15"))),
                    (99, Cell::TargetRp, CellValue::Rp(d("15"))),
                ],
                vec![],
            ),
        ];
        for (name, spec, edits, want) in cases {
            assert_eq!(follow_rollups(&rows(spec), &edits), want, "{name}");
        }
    }

    #[test]
    fn columns_are_independent() {
        let mut rs = rows(&[(P, None), (K, None), (S, None), (S, None)]);
        for (r, v) in [(0, "30"), (1, "30"), (2, "10"), (3, "20")] {
            rs[r].tw[1].rp = Some(d(v));
            rs[r].renstra.rp = Some(d(v));
        }
        rs[0].renstra.rp = Some(d("31"));
        let edits = vec![
            (2, Cell::TwRp(2), CellValue::Rp(d("5"))),
            (3, Cell::RenstraRp, CellValue::Rp(d("25"))),
            (3, Cell::PrevRp, CellValue::Rp(d("1"))),
        ];
        assert_eq!(
            follow_rollups(&rs, &edits),
            vec![
                (0, Cell::TwRp(2), CellValue::Rp(d("25"))),
                (1, Cell::RenstraRp, CellValue::Rp(d("35"))),
                (1, Cell::TwRp(2), CellValue::Rp(d("25"))),
            ]
        );
    }

    /// The n+1 pagu and the anggaran kas roll up like column 7: a kegiatan whose kas was the
    /// sum follows, a program whose n+1 pagu someone typed differently does not.
    #[test]
    fn plan_values_roll_up_too() {
        let mut rs = rows(&[(P, None), (K, None), (S, None), (S, None)]);
        for (r, v) in [(0, "99"), (1, "30"), (2, "10"), (3, "20")] {
            rs[r].rencana.maju.rp = Some(d(v));
            rs[r].rencana.triwulan[2].rp = Some(d(v));
        }
        rs[0].rencana.triwulan[2].rp = Some(d("30"));
        let edits = vec![
            (2, Cell::MajuRp, CellValue::Rp(d("15"))),
            (3, Cell::KasRp(3), CellValue::Rp(d("26"))),
        ];
        assert_eq!(
            follow_rollups(&rs, &edits),
            vec![
                (0, Cell::KasRp(3), CellValue::Rp(d("36"))),
                (1, Cell::MajuRp, CellValue::Rp(d("35"))),
                (1, Cell::KasRp(3), CellValue::Rp(d("36"))),
            ]
        );
    }

    #[test]
    fn hundreds_of_edits_in_a_batch() {
        // One program, 10 kegiatan of 50 sub kegiatan each, every value 1: all consistent.
        let mut spec = vec![(P, Some("500"))];
        for _ in 0..10 {
            spec.push((K, Some("50")));
            spec.extend(std::iter::repeat_n((S, Some("1")), 50));
        }
        let rs = rows(&spec);
        let edits: Vec<_> = (0..rs.len())
            .filter(|&r| rs[r].level == S)
            .map(|r| t(r, "2"))
            .collect();
        let got = follow_rollups(&rs, &edits);
        let mut want = vec![t(0, "1000")];
        want.extend((0..10).map(|k| t(1 + k * 51, "100")));
        assert_eq!(got, want);
    }

    #[test]
    fn quarters_follow_their_months() {
        let rp = |v: &str| CellValue::Rp(d(v));
        let bulan = |r: usize, m: u8, v: &str| (r, Cell::BulanRp(m), rp(v));
        // 0 P, 1 K, 2 S (TW II typed 70, no months), 3 S (April 10, May 20: TW II 30), 4 I.
        let mut rs = rows(&[(P, None), (K, None), (S, None), (S, None), (I, None)]);
        rs[2].tw[1].rp = Some(d("70"));
        rs[3].rencana.bulan[3] = Some(d("10"));
        rs[3].rencana.bulan[4] = Some(d("20"));
        rs[3].tw[1].rp = Some(d("30"));
        // The kegiatan states its TW II as the sum of its rows (a roll-up: it follows).
        rs[1].tw[1].rp = Some(d("100"));
        type Case<'a> = (
            &'a str,
            Vec<(usize, Cell, CellValue)>,
            Vec<(usize, Cell, CellValue)>,
        );
        let cases: Vec<Case> = vec![
            (
                "a third month: the quarter is their sum, and its kegiatan follows",
                vec![bulan(3, 6, "5")],
                vec![(1, Cell::TwRp(2), rp("105")), (3, Cell::TwRp(2), rp("35"))],
            ),
            (
                "the first month of a quarter typed by quarter: the month replaces it",
                vec![bulan(2, 4, "12.5")],
                vec![
                    (1, Cell::TwRp(2), rp("42.5")),
                    (2, Cell::TwRp(2), rp("12.5")),
                ],
            ),
            (
                "every month of a quarter cleared: the quarter is empty",
                vec![
                    (3, Cell::BulanRp(4), CellValue::Empty),
                    (3, Cell::BulanRp(5), CellValue::Empty),
                ],
                vec![
                    (1, Cell::TwRp(2), rp("70")),
                    (3, Cell::TwRp(2), CellValue::Empty),
                ],
            ),
            (
                "a quarter written beside its months: the months win",
                vec![(3, Cell::TwRp(2), rp("999")), bulan(3, 5, "25")],
                vec![(1, Cell::TwRp(2), rp("105")), (3, Cell::TwRp(2), rp("35"))],
            ),
            (
                "a month that changes nothing derives nothing",
                vec![bulan(3, 4, "10.00")],
                vec![],
            ),
            (
                "months of two quarters, one row",
                vec![bulan(2, 1, "1"), bulan(2, 12, "2")],
                vec![(2, Cell::TwRp(1), rp("1")), (2, Cell::TwRp(4), rp("2"))],
            ),
            (
                "an extra indicator row, a month that does not exist, a value of the wrong kind",
                vec![
                    bulan(4, 1, "5"),
                    bulan(2, 13, "5"),
                    (2, Cell::BulanRp(2), CellValue::Text("x".into())),
                ],
                vec![],
            ),
        ];
        for (name, edits, want) in cases {
            assert_eq!(follow_rollups(&rs, &edits), want, "{name}");
        }
        // What the months give a quarter is the same in whatever order the cells are written
        // (the store writes a document's cells in no particular order).
        let asked = vec![bulan(2, 4, "3"), bulan(2, 5, "4")];
        let mut one = rs.clone();
        for (r, c, v) in asked.iter().cloned().chain(follow_rollups(&rs, &asked)) {
            crate::edit::set(&mut one[r], c, v).unwrap();
        }
        let mut other = rs.clone();
        let mut cells: Vec<_> = asked
            .iter()
            .cloned()
            .chain(follow_rollups(&rs, &asked))
            .collect();
        cells.reverse();
        for (r, c, v) in cells {
            crate::edit::set(&mut other[r], c, v).unwrap();
        }
        assert_eq!(one, other);
        assert_eq!(one[2].tw[1].rp, Some(d("7")));
        assert_eq!(one[1].tw[1].rp, Some(d("37")));
    }
}
