//! SIPD exports as they come out of SIPD: the *rekapitulasi belanja* (DPA with realisasi), the
//! *anggaran kas* (RAK), the *rincian APBD* and the LRA by rekening — read into a budget table
//! ([`capaian_domain::anggaran::Anggaran`]), rolled up and checked by the domain core.
//!
//! The layout is recognised by what the columns say and hold, never by a title or fixed
//! letters: each visible sheet's header (one row, or a group row over a sub-label row: `Kode`
//! over `Urusan | SKPD | Program/Kegiatan/Sub Kegiatan | Rekening`, `Anggaran` over `Operasi |
//! Modal | Total`) gives every column a [`Peran`]; then
//!
//! - columns per level (`Kode Program`, `Nama Sub Kegiatan`, `Kode Akun`, or `Program` holding
//!   "kode name" in one cell) make a **flat** export: each row is a rekening with its full path
//!   ([`SipdLayout::AnggaranKas`] when it has months or quarters, else
//!   [`SipdLayout::RincianApbd`]);
//! - one kode column (or up to four: urusan | SKPD | program/kegiatan/sub kegiatan | rekening),
//!   or "kode name" in the name column, makes an **interleaved** table whose rows are program,
//!   kegiatan, sub kegiatan and rekening lines, each with its totals
//!   ([`SipdLayout::RekapBelanja`]; [`SipdLayout::LraRekening`] when every kode is a rekening).
//!
//! Amounts are numbers or Indonesian text (`467.998.630.663,83`, `0,00`, `(1.234,00)`); a cell
//! that is neither is a located problem. Rows with numbers but no kode or name above the data
//! (a sums row, a `SUBTOTAL`) and rows named `JUMLAH …`/`TOTAL` are the file's own totals; such
//! rows below the data without a name (stray formulas) are skipped with one note per sheet.
//! Hidden sheets (older copies) are not read: one note each. Several visible sheets are all
//! read; an induk sheet and its per-bidang sheets are not counted twice
//! ([`capaian_domain::anggaran::susun`] decides: a sheet whose every sub kegiatan is in a
//! larger sheet checks it and is not added).

use std::io::Cursor;

use calamine::{Data, Range, Reader, SheetVisible};
use capaian_domain::anggaran::{
    susun, Anggaran, Asal, BarisMasukan, Besaran, Jenjang, JumlahBerkas, Lembar, LembarMasukan,
    Lingkup, Nilai, SimpulJalur,
};
use capaian_domain::kode;
use capaian_domain::model::{Location, Problem, Severity};
use capaian_domain::num::{parse_cell, CellValue};
use capaian_domain::{tanggal, teks};
use rust_decimal::Decimal;
use serde::Serialize;

use crate::col_letter;
use crate::error::ReadError;
use crate::guard::{check_container, Limits};
use crate::values::{clean_text, decimal_from_f64, denoise};

impl SipdReading {
    /// The quarter its realisasi so far reaches: the one its title's period ends with (none when
    /// that ends mid-quarter, in May), else `otherwise` when the title names no period.
    pub fn triwulan(&self, otherwise: Option<u8>) -> Option<u8> {
        match self.sampai_bulan {
            Some(m) => (m % 3 == 0).then_some(m / 3),
            None => otherwise,
        }
    }
}

/// Which SIPD table a workbook holds (recognised from its columns).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SipdLayout {
    /// Rekapitulasi belanja: interleaved program/kegiatan/sub kegiatan/rekening rows with
    /// anggaran (and realisasi).
    RekapBelanja,
    /// Anggaran kas (RAK): flat rows with monthly and/or quarterly amounts.
    AnggaranKas,
    /// Rincian APBD: flat rows, every level's "kode name" in its own column.
    RincianApbd,
    /// Laporan realisasi anggaran by rekening (`5`, `5.1`, `5.1.02`, …).
    LraRekening,
}

impl SipdLayout {
    pub fn nama(self) -> &'static str {
        match self {
            SipdLayout::RekapBelanja => "SIPD rekapitulasi belanja",
            SipdLayout::AnggaranKas => "SIPD anggaran kas",
            SipdLayout::RincianApbd => "SIPD rincian APBD",
            SipdLayout::LraRekening => "LRA per rekening",
        }
    }
}

/// What reading a SIPD export produced.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SipdReading {
    pub layout: SipdLayout,
    /// The table, rolled up ([`capaian_domain::anggaran::Baris::dihitung`] filled).
    pub anggaran: Anggaran,
    /// Located problems and notes: unreadable cells, totals that do not add up, hidden sheets.
    pub problems: Vec<Problem>,
    /// Per sheet read: its header row(s) and first data row (1-based).
    pub sheets: Vec<SheetLayout>,
    /// The month the title's period ends with (`Periode 1 Januari s.d. 30 Juni 2025`: 6):
    /// what a realisasi without a period of its own covers. None: the title does not say.
    pub sampai_bulan: Option<u8>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SheetLayout {
    pub sheet: String,
    pub layout: SipdLayout,
    pub header_rows: (u32, u32),
    /// Each recognised column: 1-based number and role.
    pub columns: Vec<(u32, String)>,
}

/// What a column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Peran {
    /// The kode of a level (`Kode Program`); `None` level: by the kode's shape.
    Kode(Option<Jenjang>),
    /// The name of a level (`Nama Sub Kegiatan`); `None`: the row's name (`Uraian`).
    Nama(Option<Jenjang>),
    /// "kode name" of a level in one cell (`Program`, `Rekening (Sub Rincian Obyek)`).
    KodeNama(Jenjang),
    /// An intermediate rekening level (`Akun`, `Kelompok`, `Jenis`, …): read past.
    RekeningAntara,
    Nilai(Besaran),
    /// The year of each row (`Tahun`).
    Tahun,
    /// SKPD, daerah and other columns read past.
    Abaikan,
    /// Indikator, target, capaian: a performance table's, never a budget export's.
    Kinerja,
}

impl Peran {
    fn label(self) -> String {
        match self {
            Peran::Kode(Some(j)) => format!("kode {}", j.nama()),
            Peran::Kode(None) => "kode".into(),
            Peran::Nama(Some(j)) => format!("nama {}", j.nama()),
            Peran::Nama(None) => "uraian".into(),
            Peran::KodeNama(j) => format!("kode dan nama {}", j.nama()),
            Peran::RekeningAntara => "rekening antara".into(),
            Peran::Nilai(b) => b.kunci(),
            Peran::Tahun => "tahun".into(),
            Peran::Abaikan => "abaikan".into(),
            Peran::Kinerja => "kinerja".into(),
        }
    }
}

fn level_word(ws: &[String]) -> Option<Jenjang> {
    let has = |w: &str| ws.iter().any(|x| x == w);
    if has("sub") && has("kegiatan") && !has("program") {
        Some(Jenjang::SubKegiatan)
    } else if has("kegiatan") && !has("program") {
        Some(Jenjang::Kegiatan)
    } else if has("program") && !has("kegiatan") {
        Some(Jenjang::Program)
    } else if has("bidang") && has("urusan") {
        Some(Jenjang::BidangUrusan)
    } else if has("urusan") {
        Some(Jenjang::Urusan)
    } else if has("rekening") || has("akun") {
        Some(Jenjang::Rekening)
    } else {
        None
    }
}

/// A number written after a word or glued to it (`bulan1`, `TW 2`, `triwulan iii`).
fn numbered(ws: &[String], stems: &[&str]) -> Option<u8> {
    for (i, w) in ws.iter().enumerate() {
        for stem in stems {
            if let Some(rest) = w.strip_prefix(stem) {
                if rest.is_empty() {
                    let next = ws.get(i + 1)?;
                    return roman_or_number(next);
                }
                if let Some(n) = roman_or_number(rest) {
                    return Some(n);
                }
            }
        }
    }
    None
}

fn roman_or_number(s: &str) -> Option<u8> {
    match s {
        "i" => Some(1),
        "ii" => Some(2),
        "iii" => Some(3),
        "iv" => Some(4),
        _ => s.parse().ok(),
    }
}

/// A 4-digit year in a header (`ANGGARAN 2025`).
pub(crate) fn year_in(ws: &[String]) -> Option<i32> {
    ws.iter()
        .filter(|w| w.len() == 4)
        .filter_map(|w| w.parse::<i32>().ok())
        .find(|y| (1990..=2100).contains(y))
}

/// The role of a header label (its words, the raw text for `%`).
pub fn peran_of(label: &str) -> Option<Peran> {
    let ws = teks::words(label);
    let has = |w: &str| ws.iter().any(|x| x == w);
    if label.contains('%') || has("persen") || has("persentase") {
        return Some(Peran::Nilai(Besaran::Persen));
    }
    if ws.is_empty() {
        return None;
    }
    if has("indikator") || has("target") || has("capaian") || has("kinerja") {
        return Some(Peran::Kinerja);
    }
    if has("skpd") || has("opd") || has("unit") || has("daerah") || has("pemda") {
        return Some(Peran::Abaikan);
    }
    if ws.len() == 1 && ws[0] == "tahun" {
        return Some(Peran::Tahun);
    }
    let realisasi = has("realisasi");
    // Months and quarters.
    if let Some(m) = numbered(&ws, &["bulan"])
        .filter(|m| (1..=12).contains(m))
        .or_else(|| {
            capaian_domain::tanggal::BULAN
                .iter()
                .position(|b| has(&b.to_lowercase()))
                .map(|i| i as u8 + 1)
        })
    {
        return Some(Peran::Nilai(if realisasi {
            Besaran::RealisasiBulan(m)
        } else {
            Besaran::KasBulan(m)
        }));
    }
    if let Some(q) = numbered(&ws, &["tw", "triwulan"]).filter(|q| (1..=4).contains(q)) {
        return Some(Peran::Nilai(if realisasi {
            Besaran::RealisasiTw(q)
        } else {
            Besaran::KasTw(q)
        }));
    }
    if has("rak") || (has("kas") && (has("total") || has("jumlah"))) {
        return Some(Peran::Nilai(Besaran::KasTotal));
    }
    if has("sisa") || has("selisih") {
        return Some(Peran::Nilai(Besaran::Sisa));
    }
    if realisasi {
        return Some(Peran::Nilai(if has("lalu") {
            Besaran::RealisasiLalu
        } else if has("operasi") {
            Besaran::RealisasiOperasi
        } else if has("modal") {
            Besaran::RealisasiModal
        } else {
            Besaran::Realisasi
        }));
    }
    if has("anggaran") || has("pagu") || has("apbd") || has("rincian") && has("nilai") || has("dpa")
    {
        return Some(Peran::Nilai(if has("operasi") {
            Besaran::AnggaranOperasi
        } else if has("modal") {
            Besaran::AnggaranModal
        } else {
            Besaran::Anggaran
        }));
    }
    if has("kode") {
        return Some(Peran::Kode(level_word(&ws).filter(|_| {
            // `Kode Program/Kegiatan/Sub Kegiatan` names several levels: by shape.
            !(has("program") && has("kegiatan"))
        })));
    }
    if has("nama") || has("uraian") {
        return Some(Peran::Nama(level_word(&ws).filter(|_| has("nama"))));
    }
    if has("program") && has("kegiatan") {
        return Some(Peran::Nama(None));
    }
    for w in ["kelompok", "jenis", "objek", "obyek"] {
        if has(w) && !has("rekening") {
            return Some(Peran::RekeningAntara);
        }
    }
    if ws.len() == 1 && ws[0] == "akun" {
        return Some(Peran::RekeningAntara);
    }
    level_word(&ws).map(Peran::KodeNama)
}

/// A sheet's header: each column's label and role, where it is.
struct Header {
    /// 0-based rows.
    first: u32,
    last: u32,
    roles: Vec<(u32, Peran)>,
    /// Years written in amount headers (`ANGGARAN 2025`).
    years: Vec<(u32, i32)>,
}

impl Header {
    fn has(&self, f: impl Fn(Peran) -> bool) -> bool {
        self.roles.iter().any(|&(_, p)| f(p))
    }

    fn score(&self) -> usize {
        let amounts = self
            .roles
            .iter()
            .filter(|(_, p)| matches!(p, Peran::Nilai(_)))
            .count();
        let codes = self
            .roles
            .iter()
            .filter(|(_, p)| matches!(p, Peran::Kode(_) | Peran::KodeNama(_) | Peran::Nama(_)))
            .count();
        if amounts == 0 || codes == 0 {
            0
        } else {
            amounts + codes
        }
    }
}

/// Rows searched for the header.
const HEADER_SCAN: u32 = 30;

pub(crate) fn text_of(d: &Data) -> Option<String> {
    let s = match d {
        Data::Empty => return None,
        Data::String(s) => clean_text(s),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => format!("{f}"),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => format!("{}", d.as_f64()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("{e}"),
    };
    (!s.trim().is_empty()).then(|| s.trim().to_string())
}

/// A sheet's cells, sparse: the rows that hold cells, each with its cells in column order.
/// (Not calamine's dense `Range`: a damaged sheet with one cell in `A1` and one in `XFD1048576`
/// would ask for billions of cells.)
#[derive(Default)]
pub(crate) struct Grid {
    pub(crate) rows: Vec<(u32, Vec<(u32, Data)>)>,
}

const EMPTY: Data = Data::Empty;

impl Grid {
    /// Adds a cell (cells come in row order; a row out of order is merged in).
    pub(crate) fn push(&mut self, r: u32, c: u32, v: Data) {
        if matches!(v, Data::Empty) {
            return;
        }
        match self.rows.last_mut() {
            Some((last, cells)) if *last == r => cells.push((c, v)),
            Some((last, _)) if *last > r => match self.rows.binary_search_by_key(&r, |x| x.0) {
                Ok(i) => {
                    self.rows[i].1.push((c, v));
                    self.rows[i].1.sort_by_key(|x| x.0);
                }
                Err(i) => self.rows.insert(i, (r, vec![(c, v)])),
            },
            _ => self.rows.push((r, vec![(c, v)])),
        }
    }

    pub(crate) fn row(&self, r: u32) -> &[(u32, Data)] {
        match self.rows.binary_search_by_key(&r, |x| x.0) {
            Ok(i) => &self.rows[i].1,
            Err(_) => &[],
        }
    }

    pub(crate) fn get(&self, r: u32, c: u32) -> &Data {
        let row = self.row(r);
        match row.binary_search_by_key(&c, |x| x.0) {
            Ok(i) => &row[i].1,
            Err(_) => &EMPTY,
        }
    }

    /// The rows from `from` to `to` (exclusive) that hold cells.
    pub(crate) fn rows_in(&self, from: u32, to: u32) -> impl Iterator<Item = u32> + '_ {
        let start = self.rows.partition_point(|x| x.0 < from);
        self.rows[start..]
            .iter()
            .take_while(move |x| x.0 < to)
            .map(|x| x.0)
    }

    fn from_range(range: &Range<Data>) -> Grid {
        let (r0, c0) = range.start().unwrap_or((0, 0));
        let mut g = Grid::default();
        for (r, c, v) in range.used_cells() {
            g.push(r0 + r as u32, c0 + c as u32, v.clone());
        }
        g
    }
}

/// The header of a sheet: a row (or a group row over a sub-label row) whose labels give the
/// most roles, with at least one amount and one kode or name.
fn find_header(grid: &Grid) -> Option<Header> {
    let r0 = grid.rows.first()?.0;
    let at = |r: u32, c: u32| -> Option<String> { text_of(grid.get(r, c)) };
    // A label is text: numbers (a sums row, a numbering row `1 2 3`) label nothing.
    let label_at = |r: u32, c: u32| -> Option<String> {
        at(r, c).filter(|t| {
            !t.bytes()
                .all(|b| b.is_ascii_digit() || b == b'.' || b == b'-')
        })
    };
    let last_row = r0.saturating_add(HEADER_SCAN);
    let mut best: Option<Header> = None;
    for r in grid.rows_in(r0, last_row).collect::<Vec<_>>() {
        for group in [false, true] {
            if group && r == r0 {
                continue;
            }
            // Sub-labels are words (`Operasi`, `TW 1`): a row holding numbers or codes is data.
            if group
                && grid.row(r).iter().any(|(_, v)| {
                    matches!(v, Data::Int(_) | Data::Float(_))
                        || text_of(v).is_some_and(|t| t.starts_with(|c: char| c.is_ascii_digit()))
                })
            {
                continue;
            }
            let mut roles = Vec::new();
            let mut years = Vec::new();
            let mut carried: Option<String> = None;
            // The columns of the row (and of the row above, for a group header).
            let mut cols: Vec<u32> = grid.row(r).iter().map(|x| x.0).collect();
            if group {
                cols.extend(grid.row(r - 1).iter().map(|x| x.0));
                cols.sort_unstable();
                cols.dedup();
            }
            for c in cols {
                let own = label_at(r, c);
                let label = if group {
                    let above = label_at(r - 1, c);
                    if above.is_some() {
                        carried.clone_from(&above);
                    }
                    match (&above, &own) {
                        (Some(a), Some(o)) => Some(format!("{a} {o}")),
                        (None, Some(o)) => Some(match &carried {
                            Some(a) => format!("{a} {o}"),
                            None => o.clone(),
                        }),
                        (Some(a), None) => Some(a.clone()),
                        (None, None) => None,
                    }
                } else {
                    own
                };
                let Some(label) = label else { continue };
                if let Some(p) = peran_of(&label) {
                    roles.push((c, p));
                    if let Some(y) = year_in(&teks::words(&label)) {
                        years.push((c, y));
                    }
                }
            }
            // A table of indicators and targets (a Renja, an E.81) is not a budget export.
            if roles.iter().any(|(_, p)| *p == Peran::Kinerja) {
                continue;
            }
            let cand = Header {
                first: if group { r - 1 } else { r },
                last: r,
                roles,
                years,
            };
            if cand.score() > 0 && best.as_ref().is_none_or(|b| cand.score() > b.score()) {
                best = Some(cand);
            }
        }
    }
    best
}

/// A rekening code: segments of widths 1, 1, 2, 2, 2, 4 (a prefix of them: `5`, `5.1`,
/// `5.1.02`, … `5.1.02.01.01.0024`).
pub fn kode_rekening(raw: &str) -> Option<String> {
    const W: [usize; 6] = [1, 1, 2, 2, 2, 4];
    let cleaned: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    let cleaned = cleaned.trim_end_matches('.');
    let segs: Vec<&str> = cleaned.split('.').collect();
    let ok = !segs.is_empty()
        && segs.len() <= 6
        && segs
            .iter()
            .zip(W)
            .all(|(s, w)| s.len() == w && s.bytes().all(|b| b.is_ascii_digit()));
    ok.then(|| segs.join("."))
}

/// "kode name" in one cell → (kode, name): the kode is the leading run of digits and dots.
pub fn pisah_kode_nama(text: &str) -> Option<(String, String)> {
    let t = text.trim_start();
    if !t.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let end = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == 'x' || c == 'X'))
        .unwrap_or(t.len());
    let rest = &t[end..];
    if !rest.is_empty()
        && !rest.starts_with(|c: char| c.is_whitespace() || matches!(c, '-' | ':' | '\u{2013}'))
    {
        return None;
    }
    let name = rest
        .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '-' | ':' | '\u{2013}'))
        .trim();
    Some((t[..end].trim_end_matches('.').to_string(), name.to_string()))
}

pub(crate) fn problem(
    severity: Severity,
    code: &str,
    message: String,
    sheet: &str,
    cell: Option<String>,
) -> Problem {
    Problem {
        severity,
        code: code.into(),
        message,
        at: Location {
            sheet: Some(sheet.to_string()),
            cell,
            row: None,
            field: None,
        },
    }
}

/// An amount cell: a number, or Indonesian text. Err: the problem's (code, message).
pub(crate) fn amount(d: &Data) -> Result<Option<Decimal>, (&'static str, String)> {
    match d {
        Data::Empty => Ok(None),
        Data::Int(i) => Ok(Some(Decimal::from(*i))),
        Data::Float(f) => decimal_from_f64(*f).map(|v| Some(denoise(v))).ok_or((
            "bukan_angka",
            format!("'{f}' di luar jangkauan angka desimal"),
        )),
        Data::String(s) => {
            let (parsed, problems) = parse_cell(s);
            match parsed.value {
                CellValue::Blank | CellValue::Dash => Ok(None),
                CellValue::Number {
                    value,
                    percent: false,
                    unit: None,
                } => {
                    // Rupiah never has three decimals: `1.500` is 1 500, not a doubt.
                    match problems.first() {
                        Some(p) if !(p.code == "angka_ambigu" && value.fract().is_zero()) => {
                            Err(("angka_ambigu", p.message.clone()))
                        }
                        _ => Ok(Some(value)),
                    }
                }
                _ => Err(("bukan_angka", format!("'{}' bukan angka rupiah", s.trim()))),
            }
        }
        Data::Error(e) => Err(("galat_excel", format!("sel berisi galat Excel {e}"))),
        other => Err((
            "bukan_angka",
            format!(
                "'{}' bukan angka rupiah",
                text_of(other).unwrap_or_default()
            ),
        )),
    }
}

/// A percentage cell (as written: `75,77` or `75.77`).
fn percent(d: &Data) -> Result<Option<Decimal>, (&'static str, String)> {
    if let Data::String(s) = d {
        let (parsed, _) = parse_cell(s);
        return match parsed.value {
            CellValue::Blank | CellValue::Dash => Ok(None),
            CellValue::Number { value, .. } => Ok(Some(value)),
            _ => Err(("bukan_angka", format!("'{}' bukan persentase", s.trim()))),
        };
    }
    amount(d)
}

/// A kode cell's planning kode, canonical, and the level its shape says.
fn planning_kode(raw: &str) -> (Option<(String, Jenjang)>, Vec<Problem>) {
    let (k, problems) = kode::normalize(raw);
    let k = k.and_then(|k| Jenjang::of_kode(&k).map(|j| (k, j)));
    (k, problems)
}

/// What one sheet yielded.
struct SheetRead {
    input: LembarMasukan,
    layout: SipdLayout,
    header: Header,
    problems: Vec<Problem>,
    year_title: Option<i32>,
    year_rows: Option<i32>,
    period_end: Option<u8>,
}

const PLANNING: [Jenjang; 5] = [
    Jenjang::Urusan,
    Jenjang::BidangUrusan,
    Jenjang::Program,
    Jenjang::Kegiatan,
    Jenjang::SubKegiatan,
];

fn read_sheet(name: &str, grid: &Grid, header: Header) -> SheetRead {
    let mut problems: Vec<Problem> = Vec::new();
    let r0 = grid.rows.first().map_or(0, |x| x.0);
    let end = grid.rows.last().map_or(0, |x| x.0 + 1);
    let cell = |r: u32, c: u32| -> &Data { grid.get(r, c) };
    let a1 = |r: u32, c: u32| Some(format!("{}{}", col_letter(c + 1), r + 1));
    let col_of = |p: Peran| header.roles.iter().find(|(_, q)| *q == p).map(|(c, _)| *c);
    // The columns per level (flat) and the kode columns (interleaved).
    let flat = PLANNING.iter().any(|&j| {
        header.has(|p| p == Peran::Kode(Some(j)) && j >= Jenjang::Program)
            || header.has(|p| p == Peran::KodeNama(j) && j >= Jenjang::Program)
    });
    let mut amounts: Vec<(u32, Besaran)> = header
        .roles
        .iter()
        .filter_map(|&(c, p)| match p {
            Peran::Nilai(b) => Some((c, b)),
            _ => None,
        })
        .collect();
    // Realisasi of an earlier year beside this year's (`REALISASI 2024` beside `2025`).
    let this_year = header.years.iter().map(|&(_, y)| y).max();
    for (c, b) in amounts.iter_mut() {
        if *b == Besaran::Realisasi {
            if let (Some(y), Some(max)) = (header.years.iter().find(|(x, _)| x == c), this_year) {
                if y.1 < max {
                    *b = Besaran::RealisasiLalu;
                }
            }
        }
    }
    // One column per measure: a second one is a problem of the header.
    let mut seen: Vec<Besaran> = Vec::new();
    amounts.retain(|&(c, b)| {
        if seen.contains(&b) {
            problems.push(problem(
                Severity::Warning,
                "kolom_ganda",
                format!(
                    "Kolom {} kedua untuk {}: tidak dibaca",
                    col_letter(c + 1),
                    b.nama()
                ),
                name,
                a1(header.last, c),
            ));
            false
        } else {
            seen.push(b);
            true
        }
    });
    let kode_cols: Vec<(u32, Option<Jenjang>)> = header
        .roles
        .iter()
        .filter_map(|&(c, p)| match p {
            Peran::Kode(j) => Some((c, j)),
            _ => None,
        })
        .collect();
    let name_col =
        col_of(Peran::Nama(None)).or_else(|| col_of(Peran::Nama(Some(Jenjang::Rekening))));
    let year_col = col_of(Peran::Tahun);
    let mut lembar = Lembar {
        nama: name.to_string(),
        kolom: amounts
            .iter()
            .map(|&(c, b)| (b, col_letter(c + 1)))
            .collect(),
        kolom_nama: name_col
            .or_else(|| col_of(Peran::KodeNama(Jenjang::Rekening)))
            .or_else(|| kode_cols.last().map(|c| c.0))
            .map(|c| col_letter(c + 1)),
        kolom_jenjang: PLANNING
            .iter()
            .chain([&Jenjang::Rekening])
            .filter_map(|&j| {
                let c = col_of(Peran::Nama(Some(j))).or(col_of(Peran::KodeNama(j)))?;
                Some((j, col_letter(c + 1)))
            })
            .collect(),
        bagian_dari: None,
    };
    // The title's year (the rows above the header): `ANGGARAN KAS TAHUN 2025`; and where its
    // period ends: `PERIODE 1 JANUARI S.D. 30 JUNI 2025`.
    let mut year_title = None;
    let mut period_end = None;
    for r in grid.rows_in(r0, header.first) {
        for (_, v) in grid.row(r) {
            if let Some(t) = text_of(v) {
                let ws = teks::words(&t);
                if ws.iter().any(|w| w == "tahun" || w == "ta") {
                    year_title = year_title.or(year_in(&ws));
                }
                period_end = period_end.or(tanggal::akhir_periode(&ws));
            }
        }
    }
    let year_title = year_title.or(this_year);
    let mut year_rows: Option<i32> = None;

    let mut rows: Vec<BarisMasukan> = Vec::new();
    let mut jumlah: Vec<JumlahBerkas> = Vec::new();
    let mut stray: Vec<u32> = Vec::new();
    let mut kode_notes: Vec<String> = Vec::new();
    let mut all_rekening = true;
    let mut note_kode = |problems: &mut Vec<Problem>, ps: Vec<Problem>, at: Option<String>| {
        for mut p in ps {
            if kode_notes.contains(&p.message) {
                continue;
            }
            kode_notes.push(p.message.clone());
            p.at.sheet = Some(name.to_string());
            p.at.cell.clone_from(&at);
            problems.push(p);
        }
    };
    // The values of a row; problems located.
    let read_values = |r: u32, problems: &mut Vec<Problem>| -> (Nilai, bool) {
        let mut nilai = Nilai::default();
        let mut any = false;
        for &(c, b) in &amounts {
            let d = cell(r, c);
            let read = if b == Besaran::Persen {
                percent(d)
            } else {
                amount(d)
            };
            match read {
                Ok(v) => {
                    any |= v.is_some();
                    nilai.set(b, v);
                }
                Err((code, msg)) => problems.push(problem(
                    Severity::Error,
                    code,
                    format!("{}: {msg}", b.nama()),
                    name,
                    a1(r, c),
                )),
            }
        }
        (nilai, any)
    };
    // Rows above the header holding amounts in the amount columns: a SUBTOTAL of the file.
    for r in grid.rows_in(r0, header.first) {
        let (nilai, any) = read_values(r, &mut Vec::new());
        if any {
            jumlah.push(JumlahBerkas {
                label: String::new(),
                lingkup: Lingkup::Lembar,
                nilai,
                asal: Asal {
                    lembar: 0,
                    baris: r + 1,
                },
            });
        }
    }
    for r in grid.rows_in(header.last + 1, end) {
        let text = |c: Option<u32>| c.and_then(|c| text_of(cell(r, c)));
        let mut row = BarisMasukan {
            baris: r + 1,
            ..BarisMasukan::default()
        };
        if let Some(y) = year_col
            .and_then(|c| text_of(cell(r, c)))
            .and_then(|t| t.parse::<i32>().ok())
        {
            year_rows = year_rows.or(Some(y));
        }
        if flat {
            // Every level's kode and name from its own columns (or "kode name" in one).
            for &j in &PLANNING {
                let (mut k, mut n) = (
                    text(col_of(Peran::Kode(Some(j)))),
                    text(col_of(Peran::Nama(Some(j)))),
                );
                if let Some(both) = text(col_of(Peran::KodeNama(j))) {
                    match pisah_kode_nama(&both) {
                        Some((kk, nn)) => {
                            k = k.or(Some(kk));
                            n = n.or(Some(nn));
                        }
                        None => n = n.or(Some(both)),
                    }
                }
                if k.is_none() && n.is_none() {
                    continue;
                }
                let mut canonical = None;
                if let Some(raw) = &k {
                    let (found, ps) = planning_kode(raw);
                    let at = col_of(Peran::Kode(Some(j)))
                        .or(col_of(Peran::KodeNama(j)))
                        .and_then(|c| a1(r, c));
                    note_kode(&mut problems, ps, at.clone());
                    match found {
                        Some((kk, jj)) if jj == j => canonical = Some(kk),
                        Some((_, jj)) => note_kode(
                            &mut problems,
                            vec![problem(
                                Severity::Warning,
                                "kode_tingkat_lain",
                                format!(
                                    "Kode '{raw}' di kolom {} berbentuk kode {}",
                                    j.nama(),
                                    jj.nama()
                                ),
                                name,
                                None,
                            )],
                            at,
                        ),
                        None => {}
                    }
                }
                row.jalur.push(SimpulJalur {
                    jenjang: j,
                    kode: canonical,
                    kode_berkas: k,
                    nama: n.unwrap_or_default(),
                });
            }
            let rk_col = col_of(Peran::Kode(Some(Jenjang::Rekening)));
            let rn_col = col_of(Peran::Nama(Some(Jenjang::Rekening)));
            let mut rk = text(rk_col);
            let mut rn = text(rn_col);
            if let Some(both) = text(col_of(Peran::KodeNama(Jenjang::Rekening))) {
                match pisah_kode_nama(&both) {
                    Some((k, n)) => {
                        rk = rk.or(Some(k));
                        rn = rn.or(Some(n));
                    }
                    None => rn = rn.or(Some(both)),
                }
            }
            let (nilai, any) = read_values(r, &mut problems);
            if row.jalur.is_empty() && rk.is_none() && rn.is_none() {
                if any {
                    if rows.is_empty() {
                        jumlah.push(JumlahBerkas {
                            label: String::new(),
                            lingkup: Lingkup::Lembar,
                            nilai,
                            asal: Asal {
                                lembar: 0,
                                baris: r + 1,
                            },
                        });
                    } else {
                        stray.push(r + 1);
                    }
                }
                continue;
            }
            row.nilai = nilai;
            if rk.is_none() && rn.is_none() {
                // A row of a planning level (no rekening): the deepest level of its path.
                if let Some(me) = row.jalur.pop() {
                    row.jenjang = me.jenjang;
                    row.kode = me.kode;
                    row.kode_berkas = me.kode_berkas;
                    row.nama = me.nama;
                }
            } else {
                row.jenjang = Jenjang::Rekening;
                row.kode = rk.as_deref().and_then(kode_rekening);
                if rk.is_some() && row.kode.is_none() {
                    note_kode(
                        &mut problems,
                        vec![problem(
                            Severity::Warning,
                            "kode_rekening_tidak_baku",
                            format!(
                                "'{}' bukan kode rekening yang baku",
                                rk.as_deref().unwrap_or("")
                            ),
                            name,
                            None,
                        )],
                        rk_col.and_then(|c| a1(r, c)),
                    );
                }
                if rk.is_none() {
                    problems.push(problem(
                        Severity::Warning,
                        "rekening_tanpa_kode",
                        format!(
                            "Rekening '{}' tanpa kode: dihitung di sub kegiatannya",
                            rn.as_deref().unwrap_or("")
                        ),
                        name,
                        rk_col.or(rn_col).and_then(|c| a1(r, c)),
                    ));
                }
                row.kode_berkas = rk;
                row.nama = rn.unwrap_or_default();
            }
            rows.push(row);
            continue;
        }
        // Interleaved: the deepest kode the row states, else "kode name" in its name cell.
        let mut found: Option<(Option<String>, String, Jenjang)> = None;
        let mut nama = text(name_col).unwrap_or_default();
        for &(c, j) in &kode_cols {
            let Some(mut raw) = text_of(cell(r, c)) else {
                continue;
            };
            // "kode - name" in the kode cell.
            if let Some((k, n)) = pisah_kode_nama(&raw).filter(|(_, n)| !n.is_empty()) {
                if nama.is_empty() {
                    nama = n;
                }
                raw = k;
            }
            let rekening_col = j == Some(Jenjang::Rekening);
            let read = if rekening_col {
                kode_rekening(&raw).map(|k| (k, Jenjang::Rekening))
            } else {
                let (k, ps) = planning_kode(&raw);
                match k {
                    Some((k, jj)) if j.is_none_or(|j| j == jj || j <= Jenjang::BidangUrusan) => {
                        note_kode(&mut problems, ps.clone(), a1(r, c));
                        Some((k, jj))
                    }
                    // `5.1.02` in a generic kode column: a rekening (an LRA).
                    _ => match kode_rekening(&raw) {
                        Some(k) if raw.trim().starts_with(['4', '5', '6']) || ps.is_empty() => {
                            Some((k, Jenjang::Rekening))
                        }
                        _ => None,
                    },
                }
            };
            match read {
                // A deeper level in a later column wins (`1.02` then `5.1.02…`); the SKPD
                // column is read past by its role.
                Some((k, jj)) if found.as_ref().is_none_or(|f| f.2 <= jj) => {
                    found = Some((Some(k), raw, jj));
                }
                Some(_) => {}
                None if found.is_none() => {
                    found = Some((None, raw, Jenjang::Rekening));
                }
                None => {}
            }
        }
        if found.is_none() {
            if let Some((k, n)) = pisah_kode_nama(&nama) {
                let read = match planning_kode(&k).0 {
                    Some((kk, j)) => Some((kk, j)),
                    None => kode_rekening(&k).map(|kk| (kk, Jenjang::Rekening)),
                };
                if let Some((kk, j)) = read {
                    found = Some((Some(kk), k, j));
                    nama = n;
                }
            }
        }
        let (nilai, any) = read_values(r, &mut problems);
        let Some((kode, raw, jenjang)) = found else {
            // No kode: a total the file states, or a row that is not a budget line.
            let ws = teks::words(&nama);
            let is_total = ws
                .first()
                .is_some_and(|w| w == "jumlah" || w == "total" || w == "subtotal");
            if is_total && any {
                let rest = ws[1..].join(" ");
                jumlah.push(JumlahBerkas {
                    label: nama.clone(),
                    lingkup: if rest.is_empty() {
                        Lingkup::Lembar
                    } else {
                        Lingkup::Simpul(rest)
                    },
                    nilai,
                    asal: Asal {
                        lembar: 0,
                        baris: r + 1,
                    },
                });
            } else if any && nama.is_empty() && rows.is_empty() {
                jumlah.push(JumlahBerkas {
                    label: String::new(),
                    lingkup: Lingkup::Lembar,
                    nilai,
                    asal: Asal {
                        lembar: 0,
                        baris: r + 1,
                    },
                });
            } else if any && nama.is_empty() {
                stray.push(r + 1);
            } else if !nama.is_empty() {
                let what = if any { " (angkanya)" } else { "" };
                problems.push(problem(
                    Severity::Info,
                    "baris_tanpa_kode",
                    format!("Baris '{nama}' tanpa kode{what} tidak dihitung"),
                    name,
                    name_col.and_then(|c| a1(r, c)),
                ));
            }
            continue;
        };
        if kode.is_none() {
            problems.push(problem(
                Severity::Warning,
                "kode_tidak_baku",
                format!("'{raw}' bukan kode program/kegiatan/sub kegiatan atau rekening; baris dihitung sebagai rekening"),
                name,
                kode_cols.first().and_then(|&(c, _)| a1(r, c)),
            ));
        }
        all_rekening &= jenjang == Jenjang::Rekening;
        rows.push(BarisMasukan {
            jalur: vec![],
            jenjang,
            kode,
            kode_berkas: Some(raw),
            nama,
            nilai,
            baris: r + 1,
        });
    }
    // A named total whose name is no row's totals the sheet.
    for j in &mut jumlah {
        if let Lingkup::Simpul(n) = &j.lingkup {
            let key = teks::kunci(n);
            if !rows.iter().any(|r| teks::kunci(&r.nama) == key) {
                j.lingkup = Lingkup::Lembar;
            }
        }
    }
    if !stray.is_empty() {
        let list: Vec<String> = stray.iter().map(u32::to_string).collect();
        problems.push(problem(
            Severity::Info,
            "baris_lepas",
            format!(
                "Baris {} di bawah data berisi angka tanpa kode dan nama (rumus lepas): tidak dibaca",
                list.join(", ")
            ),
            name,
            None,
        ));
    }
    let layout = if flat {
        if amounts
            .iter()
            .any(|(_, b)| matches!(b, Besaran::KasBulan(_) | Besaran::KasTw(_)))
        {
            SipdLayout::AnggaranKas
        } else {
            SipdLayout::RincianApbd
        }
    } else if all_rekening && !rows.is_empty() {
        SipdLayout::LraRekening
    } else {
        SipdLayout::RekapBelanja
    };
    lembar.kolom.sort_by_key(|(b, _)| *b);
    SheetRead {
        input: LembarMasukan {
            lembar,
            baris: rows,
            jumlah,
        },
        layout,
        header,
        problems,
        year_title,
        year_rows,
        period_end,
    }
}

/// Reads a SIPD export (`.xlsx`, or `.xls`).
pub fn read_sipd(bytes: &[u8], limits: &Limits) -> Result<SipdReading, ReadError> {
    guarded(|| read_book(open_book(bytes, limits)?))
}

/// Runs a reading; a panic in a dependency on a damaged file is a refusal, never a crash of
/// the caller.
pub(crate) fn guarded<T>(run: impl FnOnce() -> Result<T, ReadError>) -> Result<T, ReadError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(run)).unwrap_or_else(|_| {
        Err(ReadError::Damaged {
            detail: "struktur workbook tidak dapat dibaca".into(),
        })
    })
}

/// Opens a workbook (`.xlsx`, or `.xls`) once its container passed the limits.
pub(crate) fn open_book<'b>(bytes: &'b [u8], limits: &Limits) -> Result<Book<'b>, ReadError> {
    Ok(if crate::legacy::is_xls(bytes) {
        crate::guard::check_xls(bytes)?;
        Book::Xls(
            calamine::Xls::new(Cursor::new(bytes)).map_err(|e| ReadError::Damaged {
                detail: e.to_string(),
            })?,
        )
    } else {
        check_container(bytes, limits)?;
        Book::Xlsx(
            calamine::Xlsx::new(Cursor::new(bytes)).map_err(|e| match e {
                calamine::XlsxError::Zip(z) => ReadError::NotXlsx {
                    detail: z.to_string(),
                },
                calamine::XlsxError::Password => ReadError::Damaged {
                    detail: "workbook dilindungi kata sandi".into(),
                },
                other => ReadError::Damaged {
                    detail: other.to_string(),
                },
            })?,
        )
    })
}

/// An open workbook: an `.xlsx` is streamed cell by cell, an `.xls` is read whole by calamine.
pub(crate) enum Book<'b> {
    Xlsx(calamine::Xlsx<Cursor<&'b [u8]>>),
    Xls(calamine::Xls<Cursor<&'b [u8]>>),
}

impl Book<'_> {
    /// Each sheet's name and whether it is visible.
    pub(crate) fn sheets(&self) -> Vec<(String, bool)> {
        let meta = match self {
            Book::Xlsx(b) => b.sheets_metadata(),
            Book::Xls(b) => b.sheets_metadata(),
        };
        meta.iter()
            .map(|m| (m.name.clone(), m.visible == SheetVisible::Visible))
            .collect()
    }

    /// A sheet's merged ranges, 0-based `(first row, first col, last row, last col)`; none
    /// when they cannot be read (the header is then read by carrying group titles right).
    pub(crate) fn merges(&mut self, name: &str) -> Vec<(u32, u32, u32, u32)> {
        let dims = match self {
            Book::Xlsx(b) => b.merge_cells_by_sheet_name(name).unwrap_or_default(),
            Book::Xls(b) => b.merge_cells_by_sheet_name(name).unwrap_or_default(),
        };
        dims.iter()
            .map(|d| (d.start.0, d.start.1, d.end.0, d.end.1))
            .collect()
    }

    /// Each visible sheet's cells, in the book's order, handed to `f` with the book (for its
    /// merges): a hidden sheet is one Info problem (`lembar_tersembunyi`, usually an older
    /// copy), a sheet without cells is added to `kosong`, a sheet that cannot be read stops
    /// the reading. The SIPD and Renja readers walk a book the same way.
    /// Every visible sheet ([`Self::visit_visible`]) with its grid and the headers `header_at`
    /// finds in it, top to bottom: `header_at(sheet, grid, merges, row)`; the rows of a header
    /// found (through `last`) are not searched again, and a header that `continues` the one
    /// before it (repeated at a page break) is not another table.
    pub(crate) fn headers_by_sheet<K>(
        &mut self,
        problems: &mut Vec<Problem>,
        kosong: &mut Vec<String>,
        mut header_at: impl FnMut(&str, &Grid, &[(u32, u32, u32, u32)], u32) -> Option<K>,
        last: impl Fn(&K) -> u32,
        continues: impl Fn(&K, &K) -> bool,
    ) -> Result<Vec<(String, Grid, Vec<K>)>, ReadError> {
        let mut sheets = Vec::new();
        self.visit_visible(problems, kosong, |book, name, grid| {
            let merges = book.merges(name);
            let mut heads: Vec<K> = Vec::new();
            let mut r_next = 0u32;
            for r in grid.rows.iter().map(|x| x.0).collect::<Vec<_>>() {
                if r < r_next {
                    continue;
                }
                if let Some(h) = header_at(name, &grid, &merges, r) {
                    r_next = last(&h).saturating_add(1);
                    if !heads.last().is_some_and(|p| continues(p, &h)) {
                        heads.push(h);
                    }
                }
            }
            sheets.push((name.to_string(), grid, heads));
        })?;
        Ok(sheets)
    }

    pub(crate) fn visit_visible(
        &mut self,
        problems: &mut Vec<Problem>,
        kosong: &mut Vec<String>,
        mut f: impl FnMut(&mut Self, &str, Grid),
    ) -> Result<(), ReadError> {
        for (name, visible) in &self.sheets() {
            if !visible {
                problems.push(problem(
                    Severity::Info,
                    "lembar_tersembunyi",
                    format!("Sheet '{name}' tersembunyi (biasanya salinan lama): tidak dibaca"),
                    name,
                    None,
                ));
                continue;
            }
            match self.grid(name) {
                Ok(Some(grid)) => f(self, name, grid),
                Ok(None) => kosong.push(name.clone()),
                Err(detail) => {
                    return Err(ReadError::MalformedSheet {
                        sheet: name.clone(),
                        detail,
                    })
                }
            }
        }
        Ok(())
    }

    /// The cells of a sheet whose number format shows a percentage (`0.00%`: the cell stores
    /// the fraction). An `.xls` has no cell styles here: none.
    pub(crate) fn percent_cells(&mut self, name: &str) -> std::collections::BTreeSet<(u32, u32)> {
        let mut out = std::collections::BTreeSet::new();
        let Book::Xlsx(b) = self else {
            return out;
        };
        let Ok(mut reader) = b.worksheet_cells_reader(name) else {
            return out;
        };
        let styles = crate::values::style_table(reader.styles());
        while let Ok(Some((cell, style))) = reader.next_cell_with_style_id() {
            if styles.get(style).is_some_and(|s| s.percent) {
                out.insert(cell.get_position());
            }
        }
        out
    }

    /// A sheet's cells; None for a sheet that is not a worksheet (a chart).
    pub(crate) fn grid(&mut self, name: &str) -> Result<Option<Grid>, String> {
        match self {
            Book::Xlsx(b) => {
                let mut reader = match b.worksheet_cells_reader(name) {
                    Ok(r) => r,
                    Err(calamine::XlsxError::NotAWorksheet(_)) => return Ok(None),
                    Err(e) => return Err(e.to_string()),
                };
                let mut g = Grid::default();
                while let Some(cell) = reader.next_cell().map_err(|e| e.to_string())? {
                    let (r, c) = cell.get_position();
                    g.push(r, c, Data::from(cell.get_value().clone()));
                }
                Ok(Some(g))
            }
            Book::Xls(b) => match b.worksheet_range(name) {
                Ok(range) => Ok(Some(Grid::from_range(&range))),
                Err(e) => Err(e.to_string()),
            },
        }
    }
}

fn read_book(mut book: Book<'_>) -> Result<SipdReading, ReadError> {
    let meta = book.sheets();
    let mut problems = Vec::new();
    let mut reads: Vec<SheetRead> = Vec::new();
    let mut others: Vec<String> = Vec::new();
    let mut headless: Vec<String> = Vec::new();
    book.visit_visible(
        &mut problems,
        &mut others,
        |_, name, grid| match find_header(&grid) {
            Some(h) => reads.push(read_sheet(name, &grid, h)),
            None => headless.push(name.to_string()),
        },
    )?;
    others.append(&mut headless);
    if reads.is_empty() {
        return Err(ReadError::SipdNotFound {
            sheets_seen: meta.iter().map(|(n, _)| n.clone()).collect(),
        });
    }
    for name in &others {
        problems.push(problem(
            Severity::Info,
            "lembar_lain",
            format!("Sheet '{name}' tidak berisi tabel anggaran SIPD: tidak dibaca"),
            name,
            None,
        ));
    }
    // The layout of the workbook: its first sheet's; another layout in a later sheet is said.
    let layout = reads[0].layout;
    for r in &reads[1..] {
        if r.layout != layout {
            problems.push(problem(
                Severity::Warning,
                "tata_berbeda",
                format!(
                    "Sheet '{}' berbentuk {}, sheet pertama {}: dibaca bersama",
                    r.input.lembar.nama,
                    r.layout.nama(),
                    layout.nama()
                ),
                &r.input.lembar.nama,
                None,
            ));
        }
    }
    let tahun = reads
        .iter()
        .find_map(|r| r.year_title)
        .or(reads.iter().find_map(|r| r.year_rows));
    if let (Some(t), Some(r)) = (
        tahun,
        reads
            .iter()
            .find(|r| r.year_rows.is_some_and(|y| Some(y) != tahun)),
    ) {
        problems.push(problem(
            Severity::Warning,
            "tahun_berbeda",
            format!(
                "Kolom Tahun berisi {}, judul berkas menyebut tahun {t}: dipakai {t}",
                r.year_rows.unwrap_or_default()
            ),
            &r.input.lembar.nama,
            None,
        ));
    }
    let sampai_bulan = reads.iter().find_map(|r| r.period_end);
    let mut sheets = Vec::new();
    let mut inputs = Vec::new();
    for (i, mut r) in reads.into_iter().enumerate() {
        for j in &mut r.input.jumlah {
            j.asal.lembar = i;
        }
        problems.append(&mut r.problems);
        sheets.push(SheetLayout {
            sheet: r.input.lembar.nama.clone(),
            layout: r.layout,
            header_rows: (r.header.first + 1, r.header.last + 1),
            columns: r
                .header
                .roles
                .iter()
                .map(|&(c, p)| (c + 1, p.label()))
                .collect(),
        });
        inputs.push(r.input);
    }
    let (anggaran, mut found) = susun(inputs, tahun);
    problems.append(&mut found);
    Ok(SipdReading {
        layout,
        anggaran,
        problems,
        sheets,
        sampai_bulan,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_words_give_roles() {
        let table: [(&str, Option<Peran>); 24] = [
            ("Kode Urusan", Some(Peran::Kode(Some(Jenjang::Urusan)))),
            (
                "Kode Bidang Urusan",
                Some(Peran::Kode(Some(Jenjang::BidangUrusan))),
            ),
            (
                "Kode Sub Kegiatan",
                Some(Peran::Kode(Some(Jenjang::SubKegiatan))),
            ),
            (
                "Kode Program/Kegiatan/Sub Kegiatan",
                Some(Peran::Kode(None)),
            ),
            ("Kode Akun", Some(Peran::Kode(Some(Jenjang::Rekening)))),
            (
                "Nama Sub Kegiatan",
                Some(Peran::Nama(Some(Jenjang::SubKegiatan))),
            ),
            ("Nama Sub SKPD", Some(Peran::Abaikan)),
            ("URAIAN", Some(Peran::Nama(None))),
            ("Sub Kegiatan", Some(Peran::KodeNama(Jenjang::SubKegiatan))),
            (
                "Rekening (Sub Rincian Obyek)",
                Some(Peran::KodeNama(Jenjang::Rekening)),
            ),
            ("Rincian Obyek", Some(Peran::RekeningAntara)),
            ("Nilai Rincian", Some(Peran::Nilai(Besaran::Anggaran))),
            ("ANGGARAN 2025", Some(Peran::Nilai(Besaran::Anggaran))),
            ("Anggaran Modal", Some(Peran::Nilai(Besaran::AnggaranModal))),
            (
                "Realisasi Operasi",
                Some(Peran::Nilai(Besaran::RealisasiOperasi)),
            ),
            ("Total RAK", Some(Peran::Nilai(Besaran::KasTotal))),
            ("bulan12", Some(Peran::Nilai(Besaran::KasBulan(12)))),
            (
                "Realisasi Maret",
                Some(Peran::Nilai(Besaran::RealisasiBulan(3))),
            ),
            ("TW2", Some(Peran::Nilai(Besaran::KasTw(2)))),
            (
                "Realisasi Triwulan III",
                Some(Peran::Nilai(Besaran::RealisasiTw(3))),
            ),
            ("% 2025", Some(Peran::Nilai(Besaran::Persen))),
            ("Sisa Anggaran", Some(Peran::Nilai(Besaran::Sisa))),
            ("Indikator Kinerja", Some(Peran::Kinerja)),
            ("Keterangan", None),
        ];
        for (label, want) in table {
            assert_eq!(peran_of(label), want, "{label}");
        }
    }

    #[test]
    fn codes_and_names_split() {
        assert_eq!(
            pisah_kode_nama("1.01.01 PROGRAM PENUNJANG"),
            Some(("1.01.01".into(), "PROGRAM PENUNJANG".into()))
        );
        assert_eq!(
            pisah_kode_nama("5. BELANJA"),
            Some(("5".into(), "BELANJA".into()))
        );
        assert_eq!(
            pisah_kode_nama("1 - Urusan Wajib"),
            Some(("1".into(), "Urusan Wajib".into()))
        );
        assert_eq!(pisah_kode_nama("Belanja 5"), None);
        assert_eq!(pisah_kode_nama("2025abc"), None);
        assert_eq!(
            kode_rekening("5.1.02.01.01.0024"),
            Some("5.1.02.01.01.0024".into())
        );
        assert_eq!(kode_rekening("5.1 "), Some("5.1".into()));
        assert_eq!(kode_rekening("5.1.2"), None);
        assert_eq!(kode_rekening("1.02.01"), None);
    }
}
