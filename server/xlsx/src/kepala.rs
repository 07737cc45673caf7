//! A table's header as the readers of other forms find it (the Renstra's table, an LKjIP's
//! tables, a T-C.29): where it is, each column's role, and every title text over it (a
//! repeated header below is told by them). The roles are each reader's own (`P`).

use calamine::Data;

use crate::sipd::Grid;

/// Can row `r` be the first row of a header of titles: more cells of words than of figures
/// (a number, or a text starting with a digit, `-` or `(`: `1.234.567,00`, `(12)`), and at
/// least `min` of words? A cheap test before a reader names each cell's role (a data row of a
/// long export is mostly figures).
pub(crate) fn mostly_text(grid: &Grid, r: u32, min: usize) -> bool {
    let (mut texts, mut numbers) = (0usize, 0usize);
    for (_, v) in grid.row(r) {
        match v {
            Data::String(s) => match s.trim_start().chars().next() {
                Some(c) if c.is_ascii_digit() || c == '-' || c == '(' => numbers += 1,
                Some(_) => texts += 1,
                None => {}
            },
            Data::Float(_) | Data::Int(_) => numbers += 1,
            _ => {}
        }
    }
    texts >= min && texts > numbers
}

/// A column of a header and the role its titles give it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Kolom<P> {
    pub(crate) col: u32,
    pub(crate) peran: P,
}

/// A header of one to three rows (0-based `first..=last`).
#[derive(Clone, Debug)]
pub(crate) struct Kepala<P> {
    pub(crate) first: u32,
    pub(crate) last: u32,
    pub(crate) cols: Vec<Kolom<P>>,
    pub(crate) texts: Vec<String>,
}

impl<P: Copy + PartialEq> Kepala<P> {
    /// Has it a column whose role `f` accepts?
    pub(crate) fn has(&self, f: impl Fn(P) -> bool) -> bool {
        self.cols.iter().any(|k| f(k.peran))
    }

    /// The first column whose role `f` accepts.
    pub(crate) fn col(&self, f: impl Fn(P) -> bool) -> Option<u32> {
        self.cols.iter().find(|k| f(k.peran)).map(|k| k.col)
    }

    /// The same columns with the same roles (a header repeated at a page break).
    pub(crate) fn same_columns(&self, other: &Kepala<P>) -> bool {
        self.cols == other.cols
    }

    /// How many different roles it names: of two depths of a header, the one naming more.
    pub(crate) fn score(&self) -> usize {
        let mut v: Vec<P> = Vec::new();
        for k in &self.cols {
            if !v.contains(&k.peran) {
                v.push(k.peran);
            }
        }
        v.len()
    }
}
