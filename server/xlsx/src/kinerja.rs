//! The Renstra's table of tujuan, sasaran and indikator kinerja utama ("Tujuan dan Sasaran
//! Jangka Menengah serta Indikator Kinerja", "Indikator Kinerja Utama", "Tabel 2.4 IKU
//! 2025-2029") read into the performance tree of a [`Document`]: [`Level::Tujuan`] and
//! [`Level::Sasaran`] rows, each with its first indicator on the same row, further indicators
//! as [`Level::Indikator`] rows right below.
//!
//! Recognised by what the columns say, never by the title or fixed letters: every row of each
//! visible sheet whose texts are mostly column titles is tried as a header of one to three rows
//! (merged titles spread over their range: the Renja reader's [`column_titles`]); each
//! column's titles, deepest first, give its role ([`Peran`]): `No`/`Kode`, `Tujuan`, `Sasaran`
//! (strategis), `Indikator` (`Indikator Kinerja`, `Indikator Kinerja Utama`, `IKU`; `Indikator
//! Tujuan` says the indicator is the tujuan's), `Satuan`, `Formulasi` / `Cara Pengukuran` /
//! `Definisi`, `Program`/`Kegiatan`/`Keterangan` and the RPJMD's `Sasaran RPJMD yang
//! relevan` (read past), `Baseline` / `Kondisi Awal` /
//! `Capaian Awal` {year}, `Target` {year} (`Target 2025`, `TARGET` or `Target Kinerja` merged
//! over years, `Tahun ke-1 (2025)`), `Kondisi Akhir` / `Target Akhir Periode`. A bare two-digit
//! title right after a target year (`2029 | 30`, seed 000's Tabel 2.4) is the next year,
//! noted (`tahun_disingkat`).
//!
//! A table is this form's when it has a tujuan column and a sasaran or indikator column, or a
//! sasaran and an indikator column with a baseline, a kondisi akhir or three target years (a
//! Perjanjian Kinerja has no tujuan, no baseline and at most the year and n+1). A header with
//! Realisasi / Triwulan (an E.81, a laporan), Anggaran / Pagu / Rp / Lokasi / Sumber Dana /
//! Prakiraan Maju (a Renja, a PK's lampiran anggaran) or Rekening / Bulan (a SIPD export) is
//! none: a workbook without such a table is refused ([`ReadError::KinerjaNotFound`]), so a
//! caller can try the readers in turn. The visible sheet's table with the most roles is read;
//! other tables and sheets are one Info each.
//!
//! Rows (the rule, from what the table says):
//! - a row with a tujuan is a tujuan row; without a sasaran on the row, the row's indicator is
//!   the tujuan's (seed 000: `Peningkatan Profesionalitas ASN | | Indeks Profesionalitas ASN`);
//! - a row with a sasaran is a sasaran row carrying the row's first indicator (its IKU);
//! - a row with a tujuan *and* a sasaran (a tujuan's first sasaran printed on its line, seed
//!   004's Tabel 2.3.1) is the tujuan row without indicator followed by the sasaran row with
//!   the indicator, unless the indicator column's title names the tujuan (`Indikator Tujuan`):
//!   then the tujuan keeps it and the sasaran row has none;
//! - a row with only an indicator is a further indicator of the last tujuan or sasaran (one
//!   with none above is a located warning, `indikator_tanpa_induk`, and is left out);
//! - an indicator cell holding several indicators (a line each, or each after `- `: seed 001)
//!   is one row each, with a warning at the cell (`indikator_dipisah`); a value cell split the
//!   same way into as many parts gives each its value, otherwise the row's values are kept on
//!   none of them (`nilai_tidak_terbagi` at the value cell);
//! - numbering rows `(1) (2) …` and repeated headers are skipped; a table ends at a gap of
//!   more than three empty rows.
//!
//! Values (`parse_cell`: `69,96`, `97,5`, `85%`, `B 75`): `target.k` is the target of the year
//! read for (`tahun`, else the title's single year; the table lacking that year is one Info
//! naming the years it has, `tahun_tidak_ada`); `renstra.k` the target at the end of the
//! Renstra period: the `Kondisi Akhir` column, else the column of the period's last year when
//! the title states the period (`Tahun 2025-2029`: a column after it, seed 000's 2030, is a
//! year beyond the period, noted `tahun_di_luar_periode`), else the last year's column;
//! `prev.k` the baseline only when its year is the year before `tahun`. The unit from a
//! Satuan column, else from the values (`85%` → `%`); the semantics by `default_semantics`.
//! The PD and region from the title (`crate::title`).

use calamine::Data;
use capaian_domain::indicator::default_semantics;
use capaian_domain::model::{Document, KValue, Level, Problem, Row, Severity};
use capaian_domain::num::parse_cell;
use capaian_domain::teks;
use serde::Serialize;

use crate::col_letter;
use crate::error::ReadError;
use crate::guard::Limits;
use crate::header::numbering_cell;
use crate::renja::{has_word, is_year, title_blocks, Baca};
use crate::sipd::{guarded, open_book, problem, text_of, year_in, Grid};
use crate::values::clean_text;

/// The form name of a document read from a Renstra's tujuan/sasaran/IKU table.
pub const FORMULIR_KINERJA: &str = "Renstra — tujuan, sasaran dan IKU";

/// What reading a Renstra tujuan/sasaran/IKU workbook produced.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct KinerjaReading {
    /// Form [`FORMULIR_KINERJA`]: tujuan, sasaran and indikator rows.
    pub document: Document,
    /// Located problems and notes.
    pub problems: Vec<Problem>,
    /// The target years the table has, ascending.
    pub tahun_kolom: Vec<i32>,
}

/// Whose indicator an indicator column holds, by its title.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Milik {
    /// `Indikator Tujuan`.
    Tujuan,
    /// `Indikator Kinerja (Utama)`, `Indikator Sasaran`, `IKU`.
    Umum,
}

/// What a column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Peran {
    No,
    Tujuan,
    Sasaran,
    Indikator(Milik),
    Satuan,
    /// Baseline / kondisi awal, with its year when the title names one.
    Baseline(Option<i32>),
    /// A year's target.
    Target(i32),
    /// A bare one- or two-digit title under a target group (`30`): settled by the year before.
    TargetPendek(u8),
    /// A target title without a year.
    TargetTanpaTahun,
    /// Kondisi akhir / target akhir periode.
    Akhir,
    /// Formulasi, cara pengukuran, program, kegiatan, keterangan: read past.
    Lewati,
}

/// The role one header title names; `all`: the words of every title over the column.
fn role_of(text: &str, all: &[String]) -> Option<Peran> {
    let ws = teks::words(text);
    let has = |w: &str| has_word(&ws, w);
    let exact = |w: &str| ws.iter().any(|x| x == w);
    let any = |w: &str| has_word(all, w);
    if ws.is_empty() {
        return None;
    }
    // A bare year (or `30`) under a group title: the group says what it is.
    if let [w] = ws.as_slice() {
        if w.chars().all(|c| c.is_ascii_digit()) {
            let group = |p: Peran| Some(p);
            return if is_year(w) {
                let y = w.parse::<i32>().ok()?;
                if any("akhir") {
                    group(Peran::Akhir)
                } else if any("baseline") || any("awal") {
                    group(Peran::Baseline(Some(y)))
                } else if any("target") || any("kinerja") || any("tahun") {
                    group(Peran::Target(y))
                } else {
                    None
                }
            } else if w.len() <= 2 && (any("target") || any("kinerja")) {
                w.parse::<u8>().ok().map(Peran::TargetPendek)
            } else {
                None
            };
        }
        if w == "no" || w == "nomor" {
            return Some(Peran::No);
        }
    }
    if exact("kode") {
        return Some(Peran::No);
    }
    if has("satuan") {
        return Some(Peran::Satuan);
    }
    if has("formulasi")
        || has("rumus")
        || has("definisi")
        || (exact("cara") && (has("pengukuran") || has("perhitungan")))
        || has("keterangan")
        || exact("ket")
        || has("program")
        || has("kegiatan")
        || has("penjelasan")
    {
        return Some(Peran::Lewati);
    }
    if has("indikator") || exact("iku") {
        let tujuan = exact("tujuan") && !exact("sasaran");
        return Some(Peran::Indikator(if tujuan {
            Milik::Tujuan
        } else {
            Milik::Umum
        }));
    }
    if has("baseline") || (exact("awal") && (has("kondisi") || has("capaian"))) {
        return Some(Peran::Baseline(year_in(&ws)));
    }
    if exact("akhir") {
        return Some(Peran::Akhir);
    }
    if has("target") {
        return Some(match year_in(&ws) {
            Some(y) => Peran::Target(y),
            None => Peran::TargetTanpaTahun,
        });
    }
    if has("tujuan") {
        return Some(Peran::Tujuan);
    }
    if has("sasaran") {
        // The RPJMD's sasaran a Renstra table prints beside its own (seed 000's Tabel 2.2
        // `NSPK SASARAN RPJMD YANG RELEVAN`) is read past.
        if exact("rpjmd") || exact("daerah") || exact("nspk") || has("relevan") {
            return Some(Peran::Lewati);
        }
        return Some(Peran::Sasaran);
    }
    None
}

/// Words of other forms' headers.
fn other_table(ws: &[String]) -> Option<&'static str> {
    let has = |w: &str| has_word(ws, w);
    let exact = |w: &str| ws.iter().any(|x| x == w);
    if has("realisasi") || has("triwulan") || exact("tw") {
        Some("kolom Realisasi/Triwulan (Formulir E.81 atau laporan)")
    } else if has("lokasi")
        || (has("sumber") && exact("dana"))
        || (has("kebutuhan") && exact("dana"))
        || has("prakiraan")
        || has("perkiraan")
        || has("anggaran")
        || exact("pagu")
        || exact("rp")
        || has("rupiah")
    {
        Some("kolom Anggaran/Pagu/Lokasi/Sumber Dana (tabel Renja atau lampiran anggaran)")
    } else if has("rekening") || exact("bulan") {
        Some("kolom rekening/bulan (ekspor anggaran SIPD)")
    } else {
        None
    }
}

type Kepala = crate::kepala::Kepala<Peran>;

impl Kepala {
    fn years(&self) -> usize {
        self.cols
            .iter()
            .filter(|k| matches!(k.peran, Peran::Target(_) | Peran::TargetPendek(_)))
            .count()
    }

    /// Is it this form's table (see the module's doc)?
    fn kinerja(&self) -> bool {
        let tujuan = self.has(|p| p == Peran::Tujuan);
        let sasaran = self.has(|p| p == Peran::Sasaran);
        let indikator = self.has(|p| matches!(p, Peran::Indikator(_)));
        let renstra =
            self.has(|p| matches!(p, Peran::Baseline(_) | Peran::Akhir)) || self.years() >= 3;
        (tujuan && (sasaran || indikator)) || (sasaran && indikator && renstra)
    }
}

/// A row that can be a row of sub-labels under a title row: words and years (and `30`), no
/// other figure, no numbering row.
pub(crate) fn label_row(grid: &Grid, r: u32) -> bool {
    let cells = grid.row(r);
    let texts: Vec<String> = cells.iter().filter_map(|(_, v)| text_of(v)).collect();
    if texts.is_empty() || (texts.len() >= 3 && texts.iter().all(|t| numbering_cell(t))) {
        return false;
    }
    let mut words = 0;
    for (_, v) in cells {
        let t = match v {
            Data::Int(i) => i.to_string(),
            Data::Float(f) if f.fract() == 0.0 => format!("{f}"),
            Data::String(s) => s.trim().to_string(),
            Data::Empty => continue,
            _ => return false,
        };
        if is_year(&t) || (t.len() <= 2 && t.chars().all(|c| c.is_ascii_digit())) {
            continue;
        }
        if t.starts_with(|c: char| c.is_ascii_digit() || c == '(' || c == '-') {
            return false;
        }
        // A sub-label is short; a long text is a data row (004's rows without a number).
        if teks::words(&t).len() > 6 {
            return false;
        }
        words += 1;
    }
    words > 0 || texts.len() >= 2
}

/// The header (one to three rows) starting at row `r`, if it is this form's.
fn header_at(
    sheet: &str,
    grid: &Grid,
    merges: &[(u32, u32, u32, u32)],
    r: u32,
    alasan: &mut Vec<String>,
) -> Option<Kepala> {
    let names_a_role = |t: &str| {
        !matches!(
            parse_cell(t).0.value,
            capaian_domain::num::CellValue::Number { .. }
        ) && role_of(t, &teks::words(t)).is_some()
    };
    let mut best: Option<Kepala> = None;
    for (last, titles) in title_blocks(grid, merges, r, 2, names_a_role, label_row) {
        let mut cols = Vec::new();
        let mut all_texts = Vec::new();
        let mut other = None;
        for (c, parts) in &titles {
            let ws = teks::words(&parts.join(" / "));
            if let Some(o) = other_table(&ws) {
                other = Some(o);
            }
            all_texts.extend(parts.iter().cloned());
            if let Some(peran) = parts.iter().rev().find_map(|p| role_of(p, &ws)) {
                cols.push(crate::kepala::Kolom { col: *c, peran });
            }
        }
        let cand = Kepala {
            first: r,
            last,
            cols,
            texts: all_texts,
        };
        if !cand.kinerja() {
            continue;
        }
        if let Some(o) = other {
            let why = format!("sheet '{sheet}' berisi {o}");
            if !alasan.contains(&why) {
                alasan.push(why);
            }
            return None;
        }
        // A deeper header only when its sub-labels name more.
        if best.as_ref().is_none_or(|b| cand.score() > b.score()) {
            best = Some(cand);
        }
    }
    best
}

/// The data rows under a header ending at row `last` whose titles are `titles`, up to `until`
/// (the next table's header): numbering rows and repeated headers skipped, ending at a gap of
/// more than three empty rows. (The LKjIP table reader reads its tables' rows the same way.)
pub(crate) fn data_rows(grid: &Grid, last: u32, titles: &[String], until: u32) -> Vec<u32> {
    let mut out = Vec::new();
    let mut prev = last;
    for r in grid
        .rows_in(last.saturating_add(1), until)
        .collect::<Vec<_>>()
    {
        if r > prev.saturating_add(4) {
            break;
        }
        let texts: Vec<String> = grid.row(r).iter().filter_map(|(_, v)| text_of(v)).collect();
        if texts.is_empty() {
            continue;
        }
        prev = r;
        if texts.len() >= 3 && texts.iter().all(|t| numbering_cell(t)) {
            continue;
        }
        let repeats = texts.iter().filter(|t| titles.contains(t)).count();
        if repeats >= 2 && repeats * 2 > texts.len() {
            continue;
        }
        out.push(r);
    }
    out
}

/// Several indicators in one cell: a line each, or each after `- ` (a dash at the start or
/// after a space, followed by a space: `Sekretariat- an` is one word broken by a PDF).
fn split_items(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        let mut cur = String::new();
        let chars: Vec<char> = line.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            let dash = matches!(c, '-' | '\u{2013}' | '\u{2022}')
                && (i == 0 || chars[i - 1].is_whitespace())
                && chars.get(i + 1).is_some_and(|n| n.is_whitespace());
            if dash {
                let t = cur.trim().to_string();
                if !t.is_empty() {
                    out.push(t);
                }
                cur.clear();
            } else {
                cur.push(c);
            }
            i += 1;
        }
        let t = cur.trim().to_string();
        if !t.is_empty() {
            out.push(t);
        }
    }
    out
}

/// The period a title states (`Tahun 2025-2029`, `2025 – 2029`, `2025 s.d. 2029`).
fn periode_of(text: &str) -> Option<(i32, i32)> {
    let ws = teks::words(text);
    ws.iter().enumerate().find_map(|(i, w)| {
        if !is_year(w) {
            return None;
        }
        let a: i32 = w.parse().ok()?;
        // `s.d.`, `s/d`, `sampai (dengan)`, `hingga` between the years, or nothing (a dash).
        let mut j = i + 1;
        while ws.get(j).is_some_and(|x| {
            matches!(
                x.as_str(),
                "s" | "d" | "sd" | "sampai" | "dengan" | "hingga"
            )
        }) {
            j += 1;
        }
        let b: i32 = ws.get(j).filter(|x| is_year(x))?.parse().ok()?;
        (b > a && b - a <= 10).then_some((a, b))
    })
}

/// One indicator of a row and its values.
struct Nilai {
    indicator: String,
    target: Option<KValue>,
    renstra: Option<KValue>,
    prev: Option<KValue>,
    unit: Option<String>,
}

/// Reads a value cell: the whole cell, or its `n` parts when an indicator cell was split.
fn values_of(
    b: &mut Baca<'_>,
    r: u32,
    c: Option<u32>,
    n: usize,
) -> Vec<(Option<KValue>, Option<String>)> {
    let none = || vec![(None, None); n];
    let Some(c) = c else {
        return none();
    };
    if n <= 1 {
        return vec![b.target(r, c)];
    }
    let raw = match b.grid.get(r, c) {
        Data::String(s) => s.clone(),
        Data::Empty => return none(),
        _ => String::new(),
    };
    let parts = split_items(&raw);
    if parts.len() == n {
        let mut out = Vec::with_capacity(n);
        for p in parts {
            let (parsed, found) = parse_cell(&p);
            for f in found {
                b.note(f.severity, &f.code, f.message, r, c);
            }
            out.push(parsed.value.k_dan_satuan());
        }
        return out;
    }
    let message = format!(
        "Sel berisi satu nilai ('{}') untuk {n} indikator dalam satu sel: nilai tidak dibagikan \
         ke indikator mana pun; pisahkan indikator dan nilainya per baris",
        text_of(b.grid.get(r, c)).unwrap_or_default()
    );
    b.note(Severity::Warning, "nilai_tidak_terbagi", message, r, c);
    none()
}

/// Reads a workbook holding a Renstra's table of tujuan, sasaran and indikator kinerja utama
/// (see the module's doc). `tahun`: the year whose targets become column 7 K (`target.k`).
pub fn read_kinerja(
    bytes: &[u8],
    limits: &Limits,
    tahun: Option<i32>,
) -> Result<KinerjaReading, ReadError> {
    guarded(|| {
        let mut book = open_book(bytes, limits)?;
        let meta = book.sheets();
        let mut problems = Vec::new();
        let mut alasan: Vec<String> = Vec::new();
        let mut kosong: Vec<String> = Vec::new();
        // A header repeated at a page break continues its table.
        let sheets = book.headers_by_sheet(
            &mut problems,
            &mut kosong,
            |name, grid, merges, r| header_at(name, grid, merges, r, &mut alasan),
            |h| h.last,
            Kepala::same_columns,
        )?;
        // The table with the most roles; the first on a tie.
        let mut best: Option<(usize, usize)> = None;
        for (i, (_, _, heads)) in sheets.iter().enumerate() {
            for (j, h) in heads.iter().enumerate() {
                let better = best.is_none_or(|(bi, bj)| h.score() > sheets[bi].2[bj].score());
                if better {
                    best = Some((i, j));
                }
            }
        }
        let Some((si, hi)) = best else {
            return Err(ReadError::KinerjaNotFound {
                sheets_seen: meta.iter().map(|(n, _)| n.clone()).collect(),
                alasan,
            });
        };
        // Other tables and sheets: one note each.
        for (i, (name, _, heads)) in sheets.iter().enumerate() {
            if i != si && heads.is_empty() {
                problems.push(problem(
                    Severity::Info,
                    "lembar_lain",
                    format!(
                        "Sheet '{name}' tidak berisi tabel tujuan, sasaran dan indikator kinerja: \
                         dilewati"
                    ),
                    name,
                    None,
                ));
            }
            for (j, h) in heads.iter().enumerate() {
                if (i, j) != (si, hi) {
                    let cell = format!(
                        "{}{}",
                        col_letter(h.cols.first().map_or(0, |k| k.col).saturating_add(1)),
                        h.first.saturating_add(1)
                    );
                    problems.push(problem(
                        Severity::Info,
                        "tabel_lain",
                        format!(
                            "Tabel lain di sheet '{name}' (baris {}): tabel dengan kolom \
                             terlengkap yang dibaca, ini dilewati",
                            h.first.saturating_add(1)
                        ),
                        name,
                        Some(cell),
                    ));
                }
            }
        }
        let (name, grid, heads) = &sheets[si];
        let h = heads[hi].clone();
        let until = heads.get(hi + 1).map_or(u32::MAX, |n| n.first);
        let (tahun_kolom, mut reading) = read_table(name, grid, &h, until, tahun, &mut problems);
        reading.problems = problems;
        reading.tahun_kolom = tahun_kolom;
        Ok(reading)
    })
}

/// Reads the chosen table: the title above it, its columns and its rows.
fn read_table(
    name: &str,
    grid: &Grid,
    h: &Kepala,
    until: u32,
    tahun: Option<i32>,
    problems: &mut Vec<Problem>,
) -> (Vec<i32>, KinerjaReading) {
    let mut b = Baca {
        sheet: name,
        grid,
        problems: Vec::new(),
    };
    // The title: the texts above the header.
    let title_texts: Vec<String> = grid
        .rows_in(0, h.first)
        .flat_map(|r| grid.row(r).iter().filter_map(|(_, v)| text_of(v)))
        .collect();
    let refs: Vec<&str> = title_texts.iter().map(String::as_str).collect();
    let facts = crate::title::read_title(&refs);
    let periode = title_texts.iter().find_map(|t| periode_of(t));
    let title_year = if periode.is_some() { None } else { facts.year };
    let year = tahun.or(title_year);

    // Target columns by year: a short title (`30`) continues the year before it.
    let mut targets: Vec<(i32, u32)> = Vec::new();
    let mut last_year: Option<i32> = None;
    for k in &h.cols {
        let y = match k.peran {
            Peran::Target(y) => y,
            Peran::TargetPendek(n) => {
                let next = last_year.map(|y| y + 1).filter(|y| y % 100 == i32::from(n));
                let Some(y) = next else {
                    b.note(
                        Severity::Warning,
                        "kolom_tanpa_tahun",
                        format!(
                            "Judul kolom target '{n}' bukan tahun dan tidak melanjutkan tahun \
                             sebelumnya: kolom ini tidak dibaca"
                        ),
                        h.last,
                        k.col,
                    );
                    continue;
                };
                b.note(
                    Severity::Info,
                    "tahun_disingkat",
                    format!(
                        "Judul kolom target '{n}' dibaca sebagai tahun {y} (lanjutan tahun {})",
                        y - 1
                    ),
                    h.last,
                    k.col,
                );
                y
            }
            Peran::TargetTanpaTahun => {
                b.note(
                    Severity::Warning,
                    "kolom_tanpa_tahun",
                    "Kolom target tanpa tahun: tidak diketahui tahun mana, kolom ini tidak dibaca"
                        .into(),
                    h.last,
                    k.col,
                );
                continue;
            }
            _ => continue,
        };
        last_year = Some(y);
        if targets.iter().any(|&(t, _)| t == y) {
            b.note(
                Severity::Warning,
                "tahun_ganda",
                format!("Kolom target tahun {y} muncul dua kali: yang pertama dipakai"),
                h.last,
                k.col,
            );
            continue;
        }
        targets.push((y, k.col));
    }
    targets.sort_unstable();
    let tahun_kolom: Vec<i32> = targets.iter().map(|t| t.0).collect();
    let c_target = year.and_then(|y| targets.iter().find(|t| t.0 == y).map(|t| t.1));
    if let Some(y) = year {
        if c_target.is_none() {
            let ada = if tahun_kolom.is_empty() {
                "tabel tidak memuat kolom target per tahun".to_string()
            } else {
                format!(
                    "tahun yang ada: {}",
                    tahun_kolom
                        .iter()
                        .map(i32::to_string)
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            };
            let c = targets
                .first()
                .map(|t| t.1)
                .or(h.cols.first().map(|k| k.col))
                .unwrap_or(0);
            b.note(
                Severity::Info,
                "tahun_tidak_ada",
                format!("Tabel tidak memuat target tahun {y} ({ada}): target tahun {y} kosong"),
                h.first,
                c,
            );
        }
    }
    // The end of the Renstra period.
    let c_akhir = h.col(|p| p == Peran::Akhir);
    let c_renstra = c_akhir.or_else(|| match periode {
        Some((_, akhir)) => targets.iter().find(|t| t.0 == akhir).map(|t| t.1),
        None => targets.last().map(|t| t.1),
    });
    if let (None, Some((a, z))) = (c_akhir, periode) {
        for &(y, c) in &targets {
            if y > z {
                b.note(
                    Severity::Info,
                    "tahun_di_luar_periode",
                    format!(
                        "Kolom target {y} di luar periode Renstra {a}–{z} yang disebut judul: \
                         dibaca, tetapi target akhir periode diambil dari kolom {z}"
                    ),
                    h.last,
                    c,
                );
            }
        }
    }
    let c_prev = h.cols.iter().find_map(|k| match (k.peran, year) {
        (Peran::Baseline(Some(by)), Some(y)) if by == y - 1 => Some(k.col),
        _ => None,
    });

    let c_no = h.col(|p| p == Peran::No);
    let c_tujuan = h.col(|p| p == Peran::Tujuan);
    let c_sasaran = h.col(|p| p == Peran::Sasaran);
    let c_ind = h.col(|p| matches!(p, Peran::Indikator(_)));
    let ind_tujuan = h.has(|p| p == Peran::Indikator(Milik::Tujuan));
    let c_satuan = h.col(|p| p == Peran::Satuan);

    let mut rows: Vec<Row> = Vec::new();
    for r in data_rows(grid, h.last, &h.texts, until) {
        let tujuan = b.text(r, c_tujuan);
        let sasaran = b.text(r, c_sasaran);
        let ind_raw = b.text(r, c_ind);
        if tujuan.is_empty() && sasaran.is_empty() && ind_raw.is_empty() {
            continue;
        }
        // Split on the cell's own text: its line breaks are what separate indicators.
        let mut items: Vec<String> = match c_ind.map(|c| grid.get(r, c)) {
            Some(Data::String(raw)) => split_items(raw)
                .iter()
                .map(|t| clean_text(t).trim().to_string())
                .filter(|t| !t.is_empty())
                .collect(),
            _ => Vec::new(),
        };
        if items.len() > 1 {
            let c = c_ind.unwrap_or(0);
            b.note(
                Severity::Warning,
                "indikator_dipisah",
                format!(
                    "Satu sel berisi {} indikator: dibaca sebagai {} baris indikator ({})",
                    items.len(),
                    items.len(),
                    items.join("; ")
                ),
                r,
                c,
            );
        }
        if items.is_empty() && !ind_raw.is_empty() {
            items.push(ind_raw.clone());
        }
        let n = items.len().max(1);
        let t = values_of(&mut b, r, c_target, n);
        let z = values_of(&mut b, r, c_renstra, n);
        let p = values_of(&mut b, r, c_prev, n);
        let satuan = b.text(r, c_satuan);
        let mut nilai: Vec<Nilai> = Vec::new();
        for (i, ((t, z), p)) in t.into_iter().zip(z).zip(p).enumerate() {
            let unit = (!satuan.is_empty())
                .then(|| satuan.clone())
                .or(t.1)
                .or(z.1)
                .or(p.1);
            nilai.push(Nilai {
                indicator: items.get(i).cloned().unwrap_or_default(),
                target: t.0,
                renstra: z.0,
                prev: p.0,
                unit,
            });
        }
        let kode = Some(b.text(r, c_no)).filter(|s| !s.is_empty());
        let mut first = true;
        let mut nilai = nilai.into_iter();
        let mut take = |level: Level, name: String, with: bool, rows: &mut Vec<Row>| {
            let mut row = Row::empty(level);
            row.sheet_row = r.saturating_add(1);
            row.name = name;
            if first {
                row.kode_raw = kode.clone();
                first = false;
            }
            if with {
                if let Some(v) = nilai.next() {
                    fill(&mut row, v);
                }
            }
            rows.push(row);
        };
        let (ada_tujuan, ada_sasaran) = (!tujuan.is_empty(), !sasaran.is_empty());
        if ada_tujuan {
            take(Level::Tujuan, tujuan, !ada_sasaran || ind_tujuan, &mut rows);
        }
        if ada_sasaran {
            take(
                Level::Sasaran,
                sasaran,
                !ada_tujuan || !ind_tujuan,
                &mut rows,
            );
        }
        let has_node = rows.iter().any(|x| x.level.kinerja());
        for v in nilai.by_ref() {
            if v.indicator.is_empty() {
                continue;
            }
            if !has_node {
                b.note(
                    Severity::Warning,
                    "indikator_tanpa_induk",
                    format!(
                        "Indikator '{}' tanpa tujuan atau sasaran di atasnya: tidak dibaca",
                        v.indicator
                    ),
                    r,
                    c_ind.unwrap_or(0),
                );
                continue;
            }
            let mut row = Row::empty(Level::Indikator);
            row.sheet_row = r.saturating_add(1);
            if first {
                row.kode_raw = kode.clone();
                first = false;
            }
            fill(&mut row, v);
            rows.push(row);
        }
    }
    problems.append(&mut b.problems);
    let document = Document {
        form: FORMULIR_KINERJA.to_string(),
        sheet: name.to_string(),
        year,
        quarter: None,
        region: facts.region,
        pd: facts.pd,
        rows,
    };
    (
        tahun_kolom,
        KinerjaReading {
            document,
            problems: Vec::new(),
            tahun_kolom: Vec::new(),
        },
    )
}

/// An indicator and its values on a row; the semantics from its unit and values.
fn fill(row: &mut Row, v: Nilai) {
    row.indicator = v.indicator;
    row.unit = v.unit;
    row.target.k = v.target;
    row.renstra.k = v.renstra;
    row.prev.k = v.prev;
    let values: Vec<&KValue> = [&row.target.k, &row.renstra.k, &row.prev.k]
        .into_iter()
        .flatten()
        .collect();
    row.semantics = default_semantics(row.unit.as_deref(), &values);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_name_roles() {
        let r = |t: &str| role_of(t, &teks::words(t));
        assert_eq!(r("KINERJA UTAMA / Tujuan"), Some(Peran::Tujuan));
        assert_eq!(r("Sasaran Strategis"), Some(Peran::Sasaran));
        assert_eq!(
            r("INDIKATOR KINERJA UTAMA"),
            Some(Peran::Indikator(Milik::Umum))
        );
        assert_eq!(r("IKU"), Some(Peran::Indikator(Milik::Umum)));
        assert_eq!(r("Indikator Tujuan"), Some(Peran::Indikator(Milik::Tujuan)));
        assert_eq!(r("BASELINE 2024"), Some(Peran::Baseline(Some(2024))));
        assert_eq!(r("Kondisi Awal"), Some(Peran::Baseline(None)));
        assert_eq!(r("TARGET > 2025"), Some(Peran::Target(2025)));
        assert_eq!(r("Kondisi Akhir Renstra"), Some(Peran::Akhir));
        assert_eq!(r("FORMULASI"), Some(Peran::Lewati));
        assert_eq!(r("Cara Pengukuran"), Some(Peran::Lewati));
        let under = |t: &str, group: &str| role_of(t, &teks::words(&format!("{group} / {t}")));
        assert_eq!(under("2026", "Target Kinerja"), Some(Peran::Target(2026)));
        assert_eq!(under("30", "TARGET"), Some(Peran::TargetPendek(30)));
        assert_eq!(under("2029", "Kondisi Akhir"), Some(Peran::Akhir));
        assert_eq!(r("NSPK SASARAN RPJMD YANG RELEVAN"), Some(Peran::Lewati));
        assert_eq!(r("Meningkatnya Disiplin Aparatur"), None);
    }

    #[test]
    fn splits_indicator_lists() {
        assert_eq!(
            split_items("- Persentase A 300 Nilai - Persentase B 95% - Persentase C 98%"),
            vec![
                "Persentase A 300 Nilai",
                "Persentase B 95%",
                "Persentase C 98%"
            ]
        );
        assert_eq!(
            split_items("Indeks A\nIndeks B"),
            vec!["Indeks A", "Indeks B"]
        );
        assert_eq!(
            split_items("Indikator Indeks Kepuasan Pelayanan Sekretariat- an"),
            vec!["Indikator Indeks Kepuasan Pelayanan Sekretariat- an"]
        );
    }

    #[test]
    fn title_periods() {
        assert_eq!(
            periode_of("Tabel 2.4 IKU Tahun 2025-2029 Setelah Perubahan"),
            Some((2025, 2029))
        );
        assert_eq!(periode_of("Renstra 2025 s.d. 2029"), Some((2025, 2029)));
        assert_eq!(periode_of("Perjanjian Kinerja Tahun 2025"), None);
    }
}
