//! Finding a form's header block by its wording and mapping every column to a field.
//!
//! Works on the top rows of a sheet ([`TopGrid`]). Merged header cells are not taken from
//! the sheet's `<mergeCells>` list (it sits after all the sheet data, so reading it would
//! mean scanning the whole sheet XML twice); instead a header text is propagated to the
//! right over the empty header cells whose columns carry sub-labels further down (K, Rp,
//! Vol, Satuan, I…IV), which is exactly the shape a merged group header has.

use std::collections::BTreeMap;

use capaian_domain::model::Field;
use rust_decimal::Decimal;

use crate::profile::{FormProfile, GroupKey, GroupKind};
use crate::text::{contains_phrase, normalize, quarter_label, quarter_word, words};

/// How many rows from the top of a sheet are scanned for the title and the header.
pub(crate) const SCAN_ROWS: u32 = 60;

/// Text of the cells in the top rows of a sheet (0-based row → (0-based col, text)).
#[derive(Debug, Default)]
pub(crate) struct TopGrid {
    pub rows: BTreeMap<u32, Vec<(u32, String)>>,
    /// Merged ranges of the top rows, when the sheet's list of them was read: a title that
    /// anchors a merge covers exactly its range (no guessing its span).
    pub merges: Vec<crate::fast::Merge>,
}

impl TopGrid {
    pub fn push(&mut self, row: u32, col: u32, text: String) {
        if text.trim().is_empty() {
            return;
        }
        // Cells come left to right within XFD; a repeated or out-of-place one (damaged XML)
        // is not another header cell, and thousands of them kept the header search busy for
        // seconds.
        let cells = self.rows.entry(row).or_default();
        if col < 16_384 && cells.last().is_none_or(|&(c, _)| c < col) {
            cells.push((col, text));
        }
    }

    fn row(&self, r: u32) -> &[(u32, String)] {
        self.rows.get(&r).map(Vec::as_slice).unwrap_or(&[])
    }
}

/// A sub-column label inside a measure group.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Sub {
    K,
    Vol,
    Satuan,
    Rp,
    /// `%` under a quarter: cumulative progress, recomputed by Capaian (not read).
    Pct,
    /// `Urusan`, `Bidang`, `Program`, `Kegiatan` under a Kode header split over columns.
    KodePart,
}

fn sub_label(text: &str) -> Option<Sub> {
    let t = text.trim();
    if matches!(t, "%" | "(%)" | "% kumulatif" | "(% kumulatif)") {
        return Some(Sub::Pct);
    }
    match normalize(text).as_str() {
        "k" | "kin" | "kinerja" | "fisik" | "target" | "realisasi" => Some(Sub::K),
        "vol" | "volume" | "v" | "jml" | "jumlah" => Some(Sub::Vol),
        "satuan" | "sat" | "unit satuan" => Some(Sub::Satuan),
        "rp" | "anggaran" | "rupiah" | "keuangan" | "dana" | "rp 000" | "pagu" | "rp ribuan"
        | "rp ribu" | "rp juta" | "rp 000 000" | "ribuan rp" | "anggaran rp"
        | "anggaran rp 000" => Some(Sub::Rp),
        "persen" | "persentase" | "kumulatif" | "persen kumulatif" => Some(Sub::Pct),
        "urusan" | "bidang" | "bidang urusan" | "program" | "kegiatan" | "sub kegiatan"
        | "sub keg" | "keg" | "prog" => Some(Sub::KodePart),
        _ => None,
    }
}

fn is_label(text: &str) -> bool {
    sub_label(text).is_some() || quarter_label(text).is_some()
}

/// The money scale a header text states: `Rp. (000)`, `(Rp ribuan)`, `dalam ribuan rupiah`
/// → 1 000; `Rp juta` → 1 000 000. None when it states none (plain rupiah).
pub(crate) fn money_scale(text: &str) -> Option<Decimal> {
    let ws = words(text);
    let money = ws
        .iter()
        .any(|w| matches!(w.as_str(), "rp" | "rupiah" | "anggaran" | "dalam"));
    let thousands = ws.iter().any(|w| matches!(w.as_str(), "ribuan" | "ribu"))
        || ws.windows(2).any(|p| p[0] == "rp" && p[1] == "000");
    let millions = ws.iter().any(|w| matches!(w.as_str(), "juta" | "jutaan"))
        || ws
            .windows(3)
            .any(|p| p[0] == "rp" && p[1] == "000" && p[2] == "000");
    if !money && text.trim() != "(000)" {
        return None;
    }
    if millions {
        Some(Decimal::from(1_000_000))
    } else if thousands || text.trim() == "(000)" {
        Some(Decimal::from(1_000))
    } else {
        None
    }
}

/// A row inside the header that is one piece of text and no column title: a banner such as
/// `Perangkat Daerah : Badan Kepegawaian …` between the titles and the numbering row.
fn is_banner(profile: &FormProfile, cells: &[(u32, String)]) -> bool {
    matches!(cells, [(_, t)] if profile.classify(t).is_none() && !is_label(t) && !numbering_cell(t))
}

/// A quarter named at the end of a group text (`Realisasi Kinerja Triwulan II`).
fn trailing_quarter(text: &str) -> Option<u8> {
    let mut ws = words(text);
    // `Realisasi Keuangan TW I (Rp)`: the unit after the quarter.
    if ws.last().is_some_and(|w| w == "rp") {
        ws.pop();
    }
    let n = ws.len();
    if n >= 2 && matches!(ws[n - 2].as_str(), "triwulan" | "tw" | "trw") {
        return quarter_word(&ws[n - 1]);
    }
    None
}

/// Is `text` a cell of the numbering row (`1`, `12 = 8 + 9 + 10 + 11`, `(3)`)?
pub(crate) fn numbering_cell(text: &str) -> bool {
    let t = text.trim().trim_start_matches('(');
    let digits: String = t.chars().take_while(char::is_ascii_digit).collect();
    if digits.is_empty() || digits.len() > 2 {
        return false;
    }
    let rest = t[digits.len()..].trim_start();
    rest.is_empty() || rest.starts_with('=') || rest.starts_with(')') || rest.starts_with(':')
}

pub(crate) fn is_numbering_row(cells: &[(u32, String)]) -> bool {
    let hits = cells.iter().filter(|(_, t)| numbering_cell(t)).count();
    hits >= 5 && hits * 10 >= cells.len() * 8
}

/// Where the header is and what each column means.
#[derive(Clone, Debug, Default)]
pub(crate) struct HeaderMatch {
    /// 0-based rows.
    pub header_start: u32,
    pub header_end: u32,
    pub numbering_row: Option<u32>,
    pub first_data_row: u32,
    /// Number of distinct column groups recognised (the sheet's score).
    pub score: usize,
    pub fields: Vec<(Field, u32)>,
    /// Satuan sub-columns, keyed by the K field whose unit they hold.
    pub units: Vec<(Field, u32)>,
    pub groups: Vec<(GroupKey, Vec<u32>)>,
    /// The row of sub-labels (`K`, `Rp`, `%`) under the numbering row, when present.
    pub unit_row: Option<u32>,
    /// Rows inside the header holding one banner text (`Perangkat Daerah : …`).
    pub banners: Vec<String>,
    /// Money columns whose header states a scale (`Rp. (000)`): value × scale = rupiah.
    pub scales: Vec<(Field, Decimal)>,
    /// Every column of the header: its texts top to bottom, the group and sub-label.
    pub columns: Vec<HeaderColumn>,
    /// Sub-columns left unread on purpose (cumulative `%` under a quarter), with the quarter.
    pub ignored: Vec<(u32, Sub)>,
    /// Columns whose group the numbering row decided (0-based column, the numbering text).
    pub inferred: Vec<(u32, String)>,
}

/// One classified header column.
struct ColInfo {
    col: u32,
    key: GroupKey,
    quarter: Option<u8>,
    sub: Option<Sub>,
}

/// What a numbering-row cell says about its column.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Formula {
    None,
    /// `12 = 8 + 9 + 10 + 11`
    Sum(Vec<u32>),
    /// `14 = 13 / 5 x 100%`
    Ratio(u32, u32),
}

/// `13 = 9 + 10 + 11 + 12` → (13, Sum[9, 10, 11, 12]); `(4)` → (4, None).
fn parse_numbering(text: &str) -> Option<(u32, Formula)> {
    let numbers = |t: &str| -> Vec<u32> {
        t.split(|c: char| !c.is_ascii_digit())
            .filter(|s| !s.is_empty() && s.len() <= 3)
            .filter_map(|s| s.parse().ok())
            .collect()
    };
    let (lhs, rhs) = match text.split_once('=') {
        Some((a, b)) => (a, Some(b)),
        None => (text, None),
    };
    let n = *numbers(lhs).first()?;
    let formula = match rhs {
        None => Formula::None,
        Some(r) if r.contains('/') || r.contains(':') => match numbers(r).as_slice() {
            [a, b, ..] => Formula::Ratio(*a, *b),
            _ => Formula::None,
        },
        Some(r) if r.contains('+') => Formula::Sum(numbers(r)),
        Some(_) => Formula::None,
    };
    Some((n, formula))
}

/// Let the numbering row decide what the wording leaves open: the sum of the four quarters is
/// column 12; last year's realisation plus column 12 is column 14 (a second "Realisasi …
/// Renja" title is column 14); column 12 over the target is column 13, column 14 over the
/// Renstra target column 15; unnamed columns between last year's realisation and the first
/// quarter are the target. Returns the columns decided, with the numbering text.
fn infer_from_numbering(
    numbering: &[(u32, String)],
    infos: &mut Vec<ColInfo>,
    columns: &mut [HeaderColumn],
) -> Vec<(u32, String)> {
    let mut cells: Vec<(u32, u32, Formula, &str)> = numbering
        .iter()
        .filter_map(|(c, t)| parse_numbering(t).map(|(n, f)| (*c, n, f, t.as_str())))
        .collect();
    cells.sort_by_key(|(c, ..)| *c);
    let max_col = columns.iter().map(|c| c.col).max().unwrap_or(0);
    let span = |i: usize| -> std::ops::Range<u32> {
        let from = cells[i].0;
        let to = cells.get(i + 1).map_or(max_col + 1, |c| c.0);
        from..to
    };
    let key_of = |infos: &[ColInfo], r: std::ops::Range<u32>| -> Option<GroupKey> {
        infos.iter().find(|i| r.contains(&i.col)).map(|i| i.key)
    };
    let index_of = |n: u32| cells.iter().position(|c| c.1 == n);
    let mut decided = Vec::new();
    let set = |infos: &mut Vec<ColInfo>,
               columns: &mut [HeaderColumn],
               r: std::ops::Range<u32>,
               key: GroupKey| {
        for i in infos.iter_mut().filter(|i| r.contains(&i.col)) {
            i.key = key;
        }
        for c in columns.iter_mut().filter(|c| r.contains(&c.col)) {
            c.group = Some(key);
        }
    };

    // The unnamed target.
    if !infos.iter().any(|i| i.key == GroupKey::Target) {
        let first_quarter =
            (0..cells.len()).find(|&i| key_of(infos, span(i)) == Some(GroupKey::Quarters));
        if let Some(q) = first_quarter.filter(|&q| q >= 2) {
            let before = key_of(infos, span(q - 2));
            let here = key_of(infos, span(q - 1));
            // Unnamed, or carrying the title of the group before it (a merged title
            // propagated over sub-labels the numbering row counts as another column).
            if (here.is_none() || here == before)
                && matches!(before, Some(GroupKey::Prev | GroupKey::Renstra))
            {
                let r = span(q - 1);
                infos.retain(|i| !r.contains(&i.col));
                for col in span(q - 1) {
                    let sub = columns
                        .iter()
                        .find(|c| c.col == col)
                        .and_then(|c| c.texts.iter().rev().find_map(|t| sub_label(t)));
                    infos.push(ColInfo {
                        col,
                        key: GroupKey::Target,
                        quarter: None,
                        sub,
                    });
                    if let Some(c) = columns.iter_mut().find(|c| c.col == col) {
                        c.group = Some(GroupKey::Target);
                        c.sub = sub;
                    }
                }
                infos.sort_by_key(|i| i.col);
                decided.extend(span(q - 1).map(|c| (c, cells[q - 1].3.to_string())));
            }
        }
    }
    let key_of_number =
        |infos: &[ColInfo], n: u32| index_of(n).and_then(|i| key_of(infos, span(i)));
    for (i, (_, _, formula, text)) in cells.iter().enumerate() {
        let r = span(i);
        let current = key_of(infos, r.clone());
        let new = match formula {
            Formula::Sum(terms)
                if terms.len() >= 2
                    && terms
                        .iter()
                        .all(|t| key_of_number(infos, *t) == Some(GroupKey::Quarters)) =>
            {
                Some(GroupKey::C12)
            }
            Formula::Sum(terms)
                if terms.len() == 2
                    && key_of_number(infos, terms[0]) == Some(GroupKey::Prev)
                    && key_of_number(infos, terms[1]) == Some(GroupKey::C12) =>
            {
                Some(GroupKey::C14)
            }
            Formula::Ratio(a, b) => match (key_of_number(infos, *a), key_of_number(infos, *b)) {
                (Some(GroupKey::C12), Some(GroupKey::Target)) => Some(GroupKey::C13),
                (Some(GroupKey::C14), Some(GroupKey::Renstra)) => Some(GroupKey::C15),
                _ => None,
            },
            _ => None,
        };
        if let (Some(new), Some(cur)) = (new, current) {
            if new != cur {
                set(infos, columns, r.clone(), new);
                decided.extend(r.map(|c| (c, text.to_string())));
            }
        }
    }
    decided
}

/// One sheet column as the header describes it.
#[derive(Clone, Debug, Default)]
pub(crate) struct HeaderColumn {
    /// 0-based column.
    pub col: u32,
    /// Header texts covering the column, top to bottom (merged titles propagated).
    pub texts: Vec<String>,
    /// The group its wording matched.
    pub group: Option<GroupKey>,
    /// The sub-label under the group (`K`, `Rp`, `%`, …).
    pub sub: Option<Sub>,
    /// Whether the field was given by the sub-label (true) or by position (false).
    pub labelled: bool,
}

impl HeaderMatch {
    pub fn col(&self, f: Field) -> Option<u32> {
        self.fields.iter().find(|(g, _)| *g == f).map(|(_, c)| *c)
    }
    pub fn unit_col(&self, f: Field) -> Option<u32> {
        self.units.iter().find(|(g, _)| *g == f).map(|(_, c)| *c)
    }
    /// Does every realisation quarter read say it is cumulative (`Realisasi s.d / trw I` …
    /// `s.d / trw IV`, seed 003 Tabel 3.14)? Then each quarter holds the figure up to its end,
    /// a level, not the quarter's increment. A table whose first quarter says only `TW I`
    /// (seed 004: `Realisasi Kinerja TW.I`, `… s.d TW.II`) is not read so.
    pub fn cumulative_quarters(&self) -> bool {
        let cols: Vec<u32> = (1..=4u8).filter_map(|q| self.col(Field::TwK(q))).collect();
        cols.len() >= 2
            && cols.iter().all(|&c| {
                self.columns.iter().filter(|h| h.col == c).any(|h| {
                    h.texts.iter().any(|t| {
                        let ws = words(t);
                        ["s d", "sd", "sampai dengan", "kumulatif"]
                            .iter()
                            .any(|p| contains_phrase(&ws, p))
                    })
                })
            })
    }
    pub fn group_cols(&self, key: GroupKey) -> Option<&[u32]> {
        self.groups
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, c)| c.as_slice())
    }
}

fn groups_in_row(profile: &FormProfile, cells: &[(u32, String)]) -> Vec<GroupKey> {
    let mut keys: Vec<GroupKey> = cells
        .iter()
        .filter_map(|(_, t)| profile.classify(t).map(|g| g.key))
        .collect();
    keys.sort();
    keys.dedup();
    keys
}

/// Find the header block of `profile` in `grid`. None when the sheet does not carry it.
///
/// A header whose target group has no title (seen in real files: the merged title cell
/// lost) is still found when its numbering row places the target (the unnamed columns
/// between last year's realisation and the first quarter).
pub(crate) fn find_header(profile: &FormProfile, grid: &TopGrid) -> Option<HeaderMatch> {
    if let Some(m) = find_header_with(profile, grid, profile.required) {
        return Some(m);
    }
    let relaxed: Vec<GroupKey> = profile
        .required
        .iter()
        .copied()
        .filter(|k| *k != GroupKey::Target)
        .collect();
    if relaxed.len() == profile.required.len() {
        return None;
    }
    find_header_with(profile, grid, &relaxed).filter(|m| {
        m.fields
            .iter()
            .any(|(f, _)| matches!(f, Field::TargetK | Field::TargetRp))
    })
}

fn find_header_with(
    profile: &FormProfile,
    grid: &TopGrid,
    required: &[GroupKey],
) -> Option<HeaderMatch> {
    let per_row: Vec<(u32, Vec<GroupKey>)> = grid
        .rows
        .iter()
        .map(|(r, cells)| (*r, groups_in_row(profile, cells)))
        .collect();
    // The header starts at the earliest row whose three-row window holds most groups.
    // Ties go to the row that itself carries more groups (a title line mentioning
    // "Triwulan II" just above the header must not become the header's first row).
    let mut best: Option<((usize, usize), u32)> = None;
    for (i, (r, keys)) in per_row.iter().enumerate() {
        if keys.is_empty() {
            continue;
        }
        let mut all: Vec<GroupKey> = per_row[i..]
            .iter()
            .take_while(|(r2, _)| *r2 <= r + 2)
            .flat_map(|(_, k)| k.iter().copied())
            .collect();
        all.sort();
        all.dedup();
        let ok = required.iter().all(|k| all.contains(k));
        let score = (all.len(), keys.len());
        if ok && all.len() >= profile.min_groups && best.is_none_or(|(n, _)| score > n) {
            best = Some((score, *r));
        }
    }
    let (_, header_start) = best?;

    // Numbering row, or the last row of labels under the header.
    let mut numbering_row = None;
    let mut header_end = header_start;
    let mut banners = Vec::new();
    let mut banner_rows = Vec::new();
    for r in header_start + 1..=header_start + 8 {
        let cells = grid.row(r);
        if cells.is_empty() {
            continue;
        }
        if is_numbering_row(cells) {
            numbering_row = Some(r);
            break;
        }
        let labels = cells
            .iter()
            .all(|(_, t)| is_label(t) || profile.classify(t).is_some());
        if labels {
            header_end = r;
        } else if is_banner(profile, cells) {
            banners.push(cells[0].1.clone());
            banner_rows.push(r);
        } else {
            break;
        }
    }
    if let Some(n) = numbering_row {
        header_end = n.saturating_sub(1).max(header_start);
    }
    // A row of sub-labels (`K`, `Rp`, `%`) under the numbering row.
    let mut unit_row = None;
    let after = numbering_row.unwrap_or(header_end) + 1;
    let mut first_data_row = after;
    if numbering_row.is_some() {
        if let Some(r) = (after..after + 3).find(|r| !grid.row(*r).is_empty()) {
            let cells = grid.row(r);
            if cells.len() >= 2 && cells.iter().all(|(_, t)| sub_label(t).is_some()) {
                unit_row = Some(r);
                first_data_row = r + 1;
            }
        }
    }
    // Banners count only inside the header (a one-cell data row right under it is data).
    let banners: Vec<String> = banner_rows
        .iter()
        .zip(banners)
        .filter(|(r, _)| **r < first_data_row)
        .map(|(_, t)| t)
        .collect();
    // Rows read for sub-labels: the header rows (not the banners) and the unit row.
    let label_rows: Vec<u32> = (header_start..=header_end)
        .filter(|r| !banner_rows.contains(r))
        .chain(unit_row)
        .collect();

    // Propagate each header text over its span.
    let max_col = label_rows
        .iter()
        .flat_map(|r| grid.row(*r).iter().map(|(c, _)| *c))
        .max()
        .unwrap_or(0);
    // Merged titles of the header rows may reach further right than any text.
    let max_col = grid
        .merges
        .iter()
        .filter(|(r1, ..)| label_rows.contains(r1))
        .map(|m| m.3)
        .fold(max_col, u32::max);
    let has_below = |r: u32, c: u32| -> bool {
        label_rows
            .iter()
            .filter(|r2| **r2 > r)
            .any(|r2| grid.row(*r2).iter().any(|(c2, _)| *c2 == c))
    };
    // cover[(row, col)] = text covering that header cell.
    let mut cover: BTreeMap<(u32, u32), &str> = BTreeMap::new();
    for &r in &label_rows {
        let cells = grid.row(r);
        for (i, (c, t)) in cells.iter().enumerate() {
            cover.insert((r, *c), t.as_str());
            // A merged title covers its range, and only that.
            let merge = grid
                .merges
                .iter()
                .find(|(r1, c1, _, _)| *r1 == r && *c1 == *c);
            if let Some(&(_, c1, r2, c2)) = merge {
                for &rr in label_rows.iter().filter(|rr| **rr >= r && **rr <= r2) {
                    for cc in c1..=c2 {
                        cover.entry((rr, cc)).or_insert(t.as_str());
                    }
                }
                continue;
            }
            let next = cells.get(i + 1).map(|(c2, _)| *c2).unwrap_or(max_col + 1);
            let mut c2 = c + 1;
            while c2 < next && has_below(r, c2) {
                cover.insert((r, c2), t.as_str());
                c2 += 1;
            }
        }
    }

    // Classify every column.
    let mut infos: Vec<ColInfo> = Vec::new();
    let mut columns: Vec<HeaderColumn> = Vec::new();
    let mut scales: Vec<(u32, Decimal)> = Vec::new();
    for c in 0..=max_col {
        let texts: Vec<&str> = label_rows
            .iter()
            .filter_map(|r| cover.get(&(*r, c)).copied())
            .collect();
        let mut hc = HeaderColumn {
            col: c,
            texts: texts.iter().map(|t| t.to_string()).collect(),
            ..HeaderColumn::default()
        };
        let Some((gi, spec)) = texts
            .iter()
            .enumerate()
            .find_map(|(i, t)| profile.classify(t).map(|g| (i, g)))
        else {
            if !texts.is_empty() {
                columns.push(hc);
            }
            continue;
        };
        let quarter = trailing_quarter(texts[gi])
            .or_else(|| texts[gi + 1..].iter().find_map(|t| quarter_label(t)));
        let sub = texts[gi + 1..].iter().rev().find_map(|t| sub_label(t));
        // The nearest statement of a scale, from the sub-label up to the group title.
        if let Some(scale) = texts[gi..].iter().rev().find_map(|t| money_scale(t)) {
            scales.push((c, scale));
        }
        hc.group = Some(spec.key);
        hc.sub = sub;
        columns.push(hc);
        infos.push(ColInfo {
            col: c,
            key: spec.key,
            quarter,
            sub,
        });
    }

    let inferred = match numbering_row {
        Some(n) => infer_from_numbering(grid.row(n), &mut infos, &mut columns),
        None => Vec::new(),
    };

    let mut m = HeaderMatch {
        inferred,
        header_start,
        header_end,
        numbering_row,
        first_data_row,
        unit_row,
        banners,
        ..HeaderMatch::default()
    };
    let mut keys: Vec<GroupKey> = infos.iter().map(|i| i.key).collect();
    keys.sort();
    keys.dedup();
    m.score = keys.len();
    for key in keys {
        let cols: Vec<&ColInfo> = infos.iter().filter(|i| i.key == key).collect();
        m.groups.push((key, cols.iter().map(|i| i.col).collect()));
        let Some(spec) = profile.group(key) else {
            continue;
        };
        match spec.kind {
            GroupKind::Single(Some(f)) => m.fields.push((f, cols[0].col)),
            GroupKind::Single(None) => {}
            GroupKind::Measure { k, rp } => {
                let subs: Vec<(u32, Option<Sub>)> = cols.iter().map(|i| (i.col, i.sub)).collect();
                assign_measure(&mut m, &subs, k, rp);
            }
            GroupKind::Quarterly => {
                let any_q = cols.iter().any(|i| i.quarter.is_some());
                for q in 1..=4u8 {
                    let subs: Vec<(u32, Option<Sub>)> = if any_q {
                        cols.iter()
                            .filter(|i| i.quarter == Some(q))
                            .map(|i| (i.col, i.sub))
                            .collect()
                    } else {
                        // No quarter labels: four equal chunks, in order.
                        let per = cols.len() / 4;
                        cols.iter()
                            .skip(per * usize::from(q - 1))
                            .take(per)
                            .map(|i| (i.col, i.sub))
                            .collect()
                    };
                    assign_measure(&mut m, &subs, Field::TwK(q), Field::TwRp(q));
                }
            }
            GroupKind::QuarterTargets => {
                for q in 1..=4u8 {
                    let cols: Vec<&&ColInfo> =
                        cols.iter().filter(|i| i.quarter == Some(q)).collect();
                    // The K: the column labelled so, else the first (an Rp beside it is the
                    // quarter's anggaran kas, not read here).
                    let k = cols
                        .iter()
                        .find(|i| matches!(i.sub, Some(Sub::K | Sub::Vol)))
                        .or_else(|| cols.iter().find(|i| i.sub != Some(Sub::Rp)));
                    if let Some(i) = k {
                        m.fields.push((Field::TargetTwK(q), i.col));
                    }
                }
            }
        }
    }
    for c in &mut columns {
        c.labelled = c.sub.is_some();
    }
    for (col, sub) in infos.iter().filter_map(|i| i.sub.map(|s| (i.col, s))) {
        if sub == Sub::Pct && !m.fields.iter().any(|(_, c)| *c == col) {
            m.ignored.push((col, sub));
        }
    }
    m.scales = scales
        .into_iter()
        .filter_map(|(col, scale)| {
            m.fields
                .iter()
                .find(|(f, c)| *c == col && is_money(*f))
                .map(|(f, _)| (*f, scale))
        })
        .collect();
    m.columns = columns;
    Some(m)
}

/// Fields holding rupiah.
pub(crate) fn is_money(f: Field) -> bool {
    matches!(
        f,
        Field::RenstraRp
            | Field::PrevRp
            | Field::TargetRp
            | Field::TwRp(_)
            | Field::C12Rp
            | Field::C13Rp
            | Field::C14Rp
            | Field::C15Rp
    )
}

/// Assign the sub-columns of one measure: by their labels, else by position
/// (2 columns: K, Rp; 3 columns: volume, satuan, Rp; 1 column: K).
fn assign_measure(m: &mut HeaderMatch, subs: &[(u32, Option<Sub>)], k: Field, rp: Field) {
    if subs.is_empty() {
        return;
    }
    // `%` labels alone (a percentage measure printing `%` over both halves) name no half.
    let named = subs
        .iter()
        .any(|(_, s)| s.is_some_and(|s| s != Sub::Pct && s != Sub::KodePart));
    if named {
        for (c, s) in subs {
            match s {
                Some(Sub::K | Sub::Vol) if m.col(k).is_none() => m.fields.push((k, *c)),
                Some(Sub::Satuan) if m.unit_col(k).is_none() => m.units.push((k, *c)),
                Some(Sub::Rp) if m.col(rp).is_none() => m.fields.push((rp, *c)),
                _ => {}
            }
        }
        return;
    }
    match subs {
        [(c, _)] => m.fields.push((k, *c)),
        [(a, _), (b, _)] => {
            m.fields.push((k, *a));
            m.fields.push((rp, *b));
        }
        [(a, _), (u, _), (b, ..), ..] => {
            m.fields.push((k, *a));
            m.units.push((k, *u));
            m.fields.push((rp, *b));
        }
        [] => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbering_cells() {
        assert!(numbering_cell("1"));
        assert!(numbering_cell("12 = 8 + 9 + 10 + 11"));
        assert!(numbering_cell("14 = 13/5x100%"));
        assert!(numbering_cell("(3)"));
        assert!(!numbering_cell("2026"));
        assert!(!numbering_cell("Program"));
    }

    #[test]
    fn numbering_formulas() {
        assert_eq!(parse_numbering("7"), Some((7, Formula::None)));
        assert_eq!(parse_numbering("(4)"), Some((4, Formula::None)));
        assert_eq!(
            parse_numbering("13 = 9 + 10 + 11 + 12"),
            Some((13, Formula::Sum(vec![9, 10, 11, 12])))
        );
        assert_eq!(
            parse_numbering("(11) = (7+8+9+10)"),
            Some((11, Formula::Sum(vec![7, 8, 9, 10])))
        );
        assert_eq!(
            parse_numbering("14 = 7 + 13"),
            Some((14, Formula::Sum(vec![7, 13])))
        );
        assert_eq!(
            parse_numbering("15 = 14 / 6 x 100"),
            Some((15, Formula::Ratio(14, 6)))
        );
        assert_eq!(
            parse_numbering("14 = 13/5x 100%"),
            Some((14, Formula::Ratio(13, 5)))
        );
        assert_eq!(parse_numbering("Program"), None);
    }

    #[test]
    fn money_scales() {
        assert_eq!(money_scale("Rp. (000)"), Some(Decimal::from(1000)));
        assert_eq!(
            money_scale("(dalam ribuan rupiah)"),
            Some(Decimal::from(1000))
        );
        assert_eq!(money_scale("Rp juta"), Some(Decimal::from(1_000_000)));
        assert_eq!(money_scale("Rp."), None);
        assert_eq!(money_scale("Target Kinerja dan Anggaran Renja"), None);
    }

    #[test]
    fn header_without_merges_is_propagated() {
        let mut g = TopGrid::default();
        let hdr = [
            (0, "No"),
            (1, "Program/Kegiatan"),
            (2, "Indikator Kinerja"),
            (3, "Target Renstra Akhir Periode"),
            (5, "Realisasi Capaian Kinerja Renstra s.d. Tahun Lalu"),
            (7, "Target Kinerja dan Anggaran Renja Tahun Berjalan"),
            (9, "Realisasi Kinerja pada Triwulan"),
            (17, "Realisasi Capaian Kinerja dan Anggaran Renja"),
            (19, "Keterangan"),
        ];
        for (c, t) in hdr {
            g.push(4, c, t.to_string());
        }
        for (c, t) in [(9, "I"), (11, "II"), (13, "III"), (15, "IV")] {
            g.push(5, c, t.to_string());
        }
        for c in 3..19 {
            g.push(6, c, if c % 2 == 1 { "K" } else { "Rp" }.to_string());
        }
        let m = find_header(&FormProfile::e81(), &g).expect("header");
        assert_eq!(
            (m.header_start, m.header_end, m.numbering_row),
            (4, 6, None)
        );
        assert_eq!(m.first_data_row, 7);
        assert_eq!(m.col(Field::TargetRp), Some(8));
        assert_eq!(m.col(Field::TwK(3)), Some(13));
        assert_eq!(m.col(Field::TwRp(4)), Some(16));
        assert_eq!(m.col(Field::C12Rp), Some(18));
        assert_eq!(m.col(Field::Keterangan), Some(19));
    }
}
