//! Export: the official Formulir E.81 workbook, generated with `rust_xlsxwriter`.
//!
//! [`export_e81`] writes one sheet as Bappeda expects it: the title block, the three-row merged
//! header with K/Rp pairs (the wording is the official one, so [`crate::read_workbook`] finds and
//! reads the exported form again), the numbering row with the formula labels, the data rows, the
//! footer rows and the signature block, set up to print on A4 or F4 landscape, one page wide,
//! with the header repeated on every page.
//!
//! The columns are the form kind's: where each is, its letter (formulas name cells by it), its
//! width, its header wording, K/Rp sub-label and numbering come from the sheet list of
//! [`capaian_domain::form::e81::E81`] ([`capaian_domain::form::FormKind::sheet`],
//! found once per export by `layout::Layout`); this module keeps no column list of its own.
//!
//! Values and formulas:
//! - Inputs (columns 5–11) are written as real numbers (`#,##0` for whole rupiah, `#,##0.00`
//!   where sen exist; K counts `#,##0`, fractional K `#,##0.##`), grades and text as text.
//!   Percentages are numbers in percent units (`46,93`), never an Excel `%` format.
//! - Columns 12–15 are live formulas: Rp always (node rows); K when the indicator is numeric
//!   (its aggregation as a formula: Sum → `SUM` of the quarter cells, Last → the last non-empty
//!   quarter, Max → `MAX`, Average → `AVERAGE`, YearEnd → the TW IV cell; capaian by polarity and
//!   cap). Grades and text indicators get values.
//! - A kegiatan's or program's Rp cell in columns 5–11 is a `SUM` over its direct children when
//!   the document's value equals the children's sum, or when the document left it empty (the
//!   computation then uses that sum too). When the document states a different amount, that
//!   amount is written as a number: nothing is silently "fixed", the difference stays visible
//!   (and is reported by the computation as `jumlah_induk`).
//! - Footer totals (Σ target Rp and Σ realisasi Rp over the top-level rows, penyerapan, and the
//!   rata-rata capaian when it is the mean of the programs' column 13 K) are formulas.
//! - Every formula carries its cached value: the unrounded decimal string computed by
//!   [`capaian_domain::e81::compute`], so a reader without a calculation engine sees Capaian's
//!   numbers and Excel/LibreOffice show the same.
//! - User text (names, indicators, units, keterangan, codes, footer texts) is always written as
//!   a string, never as a formula, whatever it starts with (`=`, `+`, `-`, `@`).
//!
//! Money stays in `rust_decimal` throughout; `f64` appears only at the writer boundary
//! (`write_number` in the footer, a number cell of the data rows), converted from the
//! `Decimal` at the last moment with correct rounding ([`to_f64`]), so a reader gets the same
//! decimal back from the shortest round-trip representation.
//!
//! Writing: the title, header, footer, signatures, page setup and styles are written by
//! `rust_xlsxwriter`; the data rows (nearly all of a large form) are written as worksheet XML
//! directly and spliced into that package (`sheet_data`), the same XML `rust_xlsxwriter`
//! writes, without its per-cell format hashing and cell table, and deflated by a second
//! thread while the rows are written.

use std::fmt::Write as _;

mod grafik;
mod laporan;
mod layout;
mod lembar;
mod lkjip;
mod pk;
mod rencana_aksi;
mod renja;
mod sheet_data;
mod tc29;

pub use laporan::export_laporan;
pub use lkjip::{export_lkjip, Lkjip, LEMBAR_LKJIP};
pub use pk::{export_pk, PkMeta};
pub use rencana_aksi::export_rencana_aksi;
pub use renja::{export_renja, RenjaMeta};
pub use tc29::export_tc29;

use layout::{Layout, A1};
use sheet_data::{SheetData, Style, N_STYLES};

use capaian_domain::e81::E81Computed;
use capaian_domain::form::{e81::E81, with_year, FormKind, SHEET_HEADER_ROWS};
use capaian_domain::model::{
    Aggregation, Document, Grade, KValue, Level, Pair, Polarity, ValueType,
};
use capaian_domain::tanggal::format_tanggal;
use capaian_domain::workspace::format_nip;
use rust_decimal::Decimal;
use rust_xlsxwriter::{
    Format, FormatAlign, FormatBorder, FormatUnderline, Formula, Workbook, Worksheet, XlsxError,
};

/// Paper for printing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Paper {
    /// A4, 210 × 297 mm.
    #[default]
    A4,
    /// F4 (folio), 215 × 330 mm.
    F4,
}

impl Paper {
    /// Excel's paper size code (9 = A4, 14 = Folio 8½ × 13 in).
    fn code(self) -> u8 {
        match self {
            Paper::A4 => 9,
            Paper::F4 => 14,
        }
    }
}

/// What the form prints besides the rows: title facts, footer texts and the signatures.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportMeta {
    /// Perangkat Daerah (`Badan Kepegawaian dan Pengembangan Sumber Daya Manusia`).
    pub pd: String,
    /// Region with its kind (`Kabupaten Tanah Bumbu`, `Kota Tarakan`).
    pub kabupaten: String,
    pub tahun: i32,
    /// 1..=4
    pub triwulan: u8,
    pub kepala_nama: String,
    /// 18 digits (printed `19650110 198602 2 004`), or as typed.
    pub kepala_nip: String,
    pub kepala_pangkat: Option<String>,
    pub bappeda_nama: Option<String>,
    pub bappeda_nip: Option<String>,
    /// Place of signing (`Batulicin`).
    pub tempat: String,
    /// Date of signing (year, month, day).
    pub tanggal: Option<(i32, u32, u32)>,
    pub paper: Paper,
    pub faktor_pendorong: String,
    pub faktor_penghambat: String,
    pub tindak_lanjut_triwulan: String,
    pub tindak_lanjut_renja: String,
    /// The `E81Settings::cap_100` the values were computed with, so the capaian formulas cap
    /// at 100 % exactly when the computation did.
    pub cap_100: bool,
}

impl ExportMeta {
    /// What the document knows (PD, region, year, quarter); the rest is left to be filled
    /// (empty names print as dotted lines to sign over).
    pub fn from_document(doc: &Document) -> ExportMeta {
        let kabupaten = doc.region.clone().unwrap_or_default();
        let tempat = ["Kabupaten ", "Kota ", "Kab. ", "Kab "]
            .iter()
            .find_map(|p| kabupaten.strip_prefix(p))
            .unwrap_or(&kabupaten)
            .trim()
            .to_string();
        ExportMeta {
            pd: doc.pd.clone().unwrap_or_default(),
            kabupaten,
            tahun: doc.year.unwrap_or_else(current_year),
            triwulan: doc.quarter.unwrap_or(4).clamp(1, 4),
            kepala_nama: String::new(),
            kepala_nip: String::new(),
            kepala_pangkat: None,
            bappeda_nama: None,
            bappeda_nip: None,
            tempat,
            tanggal: None,
            // Indonesian government offices print on F4 (folio).
            paper: Paper::F4,
            faktor_pendorong: String::new(),
            faktor_penghambat: String::new(),
            tindak_lanjut_triwulan: String::new(),
            tindak_lanjut_renja: String::new(),
            cap_100: false,
        }
    }
}

/// The calendar year now (UTC), for a document that does not say its year.
pub fn current_year() -> i32 {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    // 365.2425 days per Gregorian year; exact except within a day of New Year.
    1970 + (secs / 31_556_952) as i32
}

/// Why an export failed (messages in Bahasa Indonesia).
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("hasil hitung tidak cocok dengan dokumen: {computed} baris hasil hitung untuk {rows} baris dokumen; hitung ulang sebelum mengekspor")]
    ComputedMismatch { rows: usize, computed: usize },
    #[error("dokumen terlalu besar untuk satu lembar Excel: {rows} baris (batas {limit})")]
    TooManyRows { rows: usize, limit: usize },
    #[error("tata letak lembar formulir {form} tidak lengkap: {masalah}")]
    Layout { form: &'static str, masalah: String },
    #[error("gagal menulis berkas xlsx: {0}")]
    Xlsx(#[from] XlsxError),
}

// ---------------------------------------------------------------------------------------------
// Layout (0-based rows; the columns are the form kind's sheet columns, `layout::Layout`).

const R_HEAD: u32 = 5;
const R_NUMBERING: u32 = R_HEAD + SHEET_HEADER_ROWS;
const R_DATA: u32 = R_NUMBERING + 1;

/// Excel's row limit, less the rows above and below the data.
const MAX_ROWS: usize = 1_048_576 - 40;
/// Excel accepts formulas up to 8 192 characters; beyond that the value is written.
const MAX_FORMULA: usize = 8000;
/// Excel functions take at most 255 arguments.
const MAX_ARGS: usize = 255;

// ---------------------------------------------------------------------------------------------
// Decimal → the writer's boundary.

/// A `Decimal` as the nearest `f64` (correctly rounded): the only place money becomes binary.
/// Exact operands (mantissa < 2^53, 10^scale ≤ 10^22) divide with one IEEE rounding; larger
/// ones go through the decimal string, which `f64::from_str` rounds correctly.
pub(crate) fn to_f64(d: Decimal) -> f64 {
    let m = d.mantissa();
    let s = d.scale();
    if m.unsigned_abs() < (1u128 << 53) && s <= 22 {
        let p = 10f64.powi(s as i32);
        return m as f64 / p;
    }
    d.to_string().parse::<f64>().unwrap_or(0.0)
}

fn has_fraction(d: Decimal) -> bool {
    d.fract() != Decimal::ZERO
}

fn grade_str(g: Grade) -> &'static str {
    match g {
        Grade::D => "D",
        Grade::C => "C",
        Grade::CC => "CC",
        Grade::B => "B",
        Grade::BB => "BB",
        Grade::A => "A",
        Grade::AA => "AA",
    }
}

/// A grade as the reader reads it back: `BB`, or `BB (72,5)` with its score.
fn grade_text(g: Grade, score: Option<Decimal>) -> String {
    match score {
        Some(s) => format!(
            "{} ({})",
            grade_str(g),
            s.normalize().to_string().replace('.', ",")
        ),
        None => grade_str(g).to_string(),
    }
}

fn roman(q: u8) -> &'static str {
    match q {
        1 => "I",
        2 => "II",
        3 => "III",
        _ => "IV",
    }
}

// ---------------------------------------------------------------------------------------------
// Formats, created once and reused for every cell.

/// Kinds of data cells; each exists plain and bold.
#[derive(Clone, Copy)]
enum Kind {
    Text,
    Center,
    Int,
    Dec2,
    KDec,
}

struct Styles {
    /// [bold][kind]
    cell: [[Format; 5]; 2],
    /// Name column per indent (0..=2), [bold][indent].
    name: [[Format; 3]; 2],
    head: Format,
    numbering: Format,
    title: Format,
    title_small: Format,
    footer_label: Format,
    footer_text: Format,
    sign: Format,
    sign_name: Format,
}

impl Styles {
    fn new() -> Styles {
        let base = Format::new()
            .set_font_name("Arial")
            .set_font_size(8)
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::Top);
        let kind = |k: Kind, bold: bool| {
            let f = base.clone();
            let f = if bold { f.set_bold() } else { f };
            match k {
                Kind::Text => f.set_text_wrap().set_align(FormatAlign::Left),
                Kind::Center => f.set_text_wrap().set_align(FormatAlign::Center),
                Kind::Int => f.set_num_format("#,##0"),
                Kind::Dec2 => f.set_num_format("#,##0.00"),
                Kind::KDec => f.set_num_format("#,##0.##"),
            }
        };
        let set = |bold: bool| {
            [
                kind(Kind::Text, bold),
                kind(Kind::Center, bold),
                kind(Kind::Int, bold),
                kind(Kind::Dec2, bold),
                kind(Kind::KDec, bold),
            ]
        };
        let name = |bold: bool| {
            [0u8, 1, 2].map(|i| {
                let f = kind(Kind::Text, bold);
                if i > 0 {
                    f.set_indent(i)
                } else {
                    f
                }
            })
        };
        let plain = Format::new().set_font_name("Arial").set_font_size(9);
        Styles {
            cell: [set(false), set(true)],
            name: [name(false), name(true)],
            head: base
                .clone()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_background_color(0xF2F2F2),
            numbering: base
                .clone()
                .set_italic()
                .set_font_size(7)
                .set_align(FormatAlign::Center)
                .set_background_color(0xF2F2F2),
            title: plain
                .clone()
                .set_bold()
                .set_font_size(11)
                .set_align(FormatAlign::Center),
            title_small: plain.clone().set_bold(),
            footer_label: base
                .clone()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Left),
            footer_text: base.clone().set_text_wrap().set_align(FormatAlign::Left),
            sign: plain.clone().set_align(FormatAlign::Center),
            sign_name: plain
                .set_bold()
                .set_underline(FormatUnderline::Single)
                .set_align(FormatAlign::Center),
        }
    }

    fn get(&self, bold: bool, k: Kind) -> &Format {
        &self.cell[usize::from(bold)][k as usize]
    }

    /// The format of data style `id` ([`sid`], [`name_sid`]).
    fn data(&self, id: Style) -> &Format {
        let id = usize::from(id);
        if id < 10 {
            &self.cell[id / 5][id % 5]
        } else {
            &self.name[(id - 10) / 3][(id - 10) % 3]
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Formula text helpers.

/// Arguments for a function over the given cells of the column with `letter`: consecutive
/// rows merged into ranges (`H11:H14`), in row order. 0-based rows.
fn col_args(letter: &str, rows: &[u32]) -> Vec<String> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < rows.len() {
        let start = rows[i];
        let mut end = start;
        while i + 1 < rows.len() && rows[i + 1] == end + 1 {
            end += 1;
            i += 1;
        }
        if start == end {
            out.push(format!("{letter}{}", start + 1));
        } else {
            out.push(format!("{letter}{}:{letter}{}", start + 1, end + 1));
        }
        i += 1;
    }
    out
}

/// `SUM(a,b,…)+SUM(…)` (or COUNT), in chunks of Excel's 255-argument limit.
fn chunked(func: &str, args: &[String]) -> String {
    let mut s = String::new();
    for (i, chunk) in args.chunks(MAX_ARGS).enumerate() {
        if i > 0 {
            s.push('+');
        }
        let _ = write!(s, "{func}({})", chunk.join(","));
    }
    if s.is_empty() {
        s.push('0');
    }
    s
}

/// The cached result of a formula: the unrounded decimal, or nothing (an empty string).
struct DecResult(Option<Decimal>);

impl std::fmt::Display for DecResult {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0 {
            Some(d) => std::fmt::Display::fmt(&d.normalize(), f),
            None => Ok(()),
        }
    }
}

fn dec_result(v: Option<Decimal>) -> String {
    DecResult(v).to_string()
}

/// Capaian formula of realisation cell `r` against target cell `t`, by polarity and cap,
/// appended to `out`.
/// `t` and `r` are cells or expressions (a function call, such as the aggregation of the
/// quarters: `SUM(H10,K10)`).
fn capaian_formula(
    out: &mut String,
    t: impl std::fmt::Display,
    r: impl std::fmt::Display,
    polarity: Polarity,
    cap: bool,
) {
    let (open, close) = if cap { ("MIN(100,", ")") } else { ("", "") };
    let _ = match polarity {
        Polarity::HigherIsBetter => write!(
            out,
            "IF(OR({r}=\"\",N({t})=0),\"\",{open}{r}/{t}*100{close})"
        ),
        Polarity::LowerIsBetterRatio => write!(
            out,
            "IF(OR({r}=\"\",N({t})=0,N({r})=0),\"\",{open}{t}/{r}*100{close})"
        ),
        Polarity::LowerIsBetterMirror => write!(
            out,
            "IF(OR({r}=\"\",N({t})=0),\"\",{open}(2*{t}-{r})/{t}*100{close})"
        ),
    };
}

/// The indicator's aggregation over `cells` (oldest first) as a formula, appended to `out`:
/// Sum → `SUM`, Max → `MAX`, Average → `AVERAGE` (empty when no cell holds a number), Last → the
/// last non-empty cell, YearEnd → the last cell. E.81 column 12 K over the quarters; T-C.29
/// column 10 over columns 5, 7, 9.
fn aggregation_formula(out: &mut String, agg: Aggregation, cells: &[A1<'_>]) {
    let Some(last) = cells.last() else {
        out.push_str("\"\"");
        return;
    };
    let func = match agg {
        Aggregation::Sum => "SUM",
        Aggregation::Max => "MAX",
        Aggregation::Average => "AVERAGE",
        Aggregation::YearEnd => {
            let _ = write!(out, "IF({last}=\"\",\"\",{last})");
            return;
        }
        Aggregation::Last => {
            for c in cells.iter().rev() {
                let _ = write!(out, "IF({c}<>\"\",{c},");
            }
            out.push_str("\"\"");
            out.push_str(&")".repeat(cells.len()));
            return;
        }
    };
    let list = cells
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(",");
    let _ = write!(out, "IF(COUNT({list})=0,\"\",{func}({list}))");
}

// ---------------------------------------------------------------------------------------------
// The writer.

struct Sheet<'a> {
    ws: &'a mut Worksheet,
    st: &'a Styles,
    l: &'a Layout,
}

impl Sheet<'_> {
    fn blank(&mut self, r: u32, c: u16, bold: bool) -> Result<(), XlsxError> {
        self.ws.write_blank(r, c, self.st.get(bold, Kind::Text))?;
        Ok(())
    }

    fn rp(&mut self, r: u32, c: u16, v: Option<Decimal>, bold: bool) -> Result<(), XlsxError> {
        match v {
            Some(d) => {
                self.ws
                    .write_number_with_format(r, c, to_f64(d), self.st.get(bold, rp_kind(d)))?;
            }
            None => self.blank(r, c, bold)?,
        }
        Ok(())
    }

    fn pct(&mut self, r: u32, c: u16, v: Option<Decimal>, bold: bool) -> Result<(), XlsxError> {
        match v {
            Some(d) => {
                self.ws
                    .write_number_with_format(r, c, to_f64(d), self.st.get(bold, Kind::Dec2))?;
            }
            None => self.blank(r, c, bold)?,
        }
        Ok(())
    }

    /// A formula with its cached (decimal string) result.
    fn formula(
        &mut self,
        r: u32,
        c: u16,
        text: &str,
        result: String,
        f: &Format,
    ) -> Result<(), XlsxError> {
        self.ws
            .write_formula_with_format(r, c, Formula::new(text).set_result(result), f)?;
        Ok(())
    }
}

/// Number format of an Rp value: `#,##0` for whole rupiah, `#,##0.00` where sen exist.
fn rp_kind(d: Decimal) -> Kind {
    if has_fraction(d) {
        Kind::Dec2
    } else {
        Kind::Int
    }
}

/// Number format of a K value: `#,##0`, or `#,##0.##` when fractional.
fn k_kind(d: Decimal) -> Kind {
    if has_fraction(d) {
        Kind::KDec
    } else {
        Kind::Int
    }
}

/// The data cell style of (bold, kind), as registered in [`Styles::data`].
fn sid(bold: bool, k: Kind) -> Style {
    u8::from(bold) * 5 + k as u8
}

/// The name column style of (bold, indent 0..=2).
fn name_sid(bold: bool, indent: usize) -> Style {
    10 + u8::from(bold) * 3 + indent as u8
}

/// The data rows' cells, same rules as [`Sheet`] (the footer's writer).
impl SheetData {
    fn blank_b(&mut self, c: u16, bold: bool) {
        self.blank(c, sid(bold, Kind::Text));
    }

    fn rp(&mut self, c: u16, v: Option<Decimal>, bold: bool) -> Result<(), XlsxError> {
        match v {
            Some(d) => self.number(c, to_f64(d), sid(bold, rp_kind(d))),
            None => {
                self.blank_b(c, bold);
                Ok(())
            }
        }
    }

    fn pct(&mut self, c: u16, v: Option<Decimal>, bold: bool) -> Result<(), XlsxError> {
        match v {
            Some(d) => self.number(c, to_f64(d), sid(bold, Kind::Dec2)),
            None => {
                self.blank_b(c, bold);
                Ok(())
            }
        }
    }

    fn k(&mut self, c: u16, v: Option<&KValue>, bold: bool) -> Result<(), XlsxError> {
        match v {
            Some(KValue::Number(d)) => self.number(c, to_f64(*d), sid(bold, k_kind(*d))),
            Some(KValue::Grade { grade, score }) => {
                let s = grade_text(*grade, *score);
                self.string(c, &s, sid(bold, Kind::Center))
            }
            Some(KValue::Text(t)) => self.string(c, t, sid(bold, Kind::Center)),
            None => {
                self.blank_b(c, bold);
                Ok(())
            }
        }
    }
}

/// Lines a wrapped text takes in a column `width` characters wide (8 pt Arial: about 1.4
/// characters per width unit, fewer in bold), by greedy word wrapping.
fn wrapped_lines(text: &str, width: f64, bold: bool) -> usize {
    if text.is_empty() {
        return 1;
    }
    let per_line = ((width - 1.0) * if bold { 1.25 } else { 1.4 }).max(4.0) as usize;
    let (mut lines, mut cur) = (1usize, 0usize);
    for w in text.split_whitespace() {
        let l = w.chars().count();
        if cur == 0 {
            cur = l;
        } else if cur + 1 + l <= per_line {
            cur += 1 + l;
        } else {
            lines += 1;
            cur = l;
        }
        while cur > per_line {
            lines += 1;
            cur -= per_line;
        }
    }
    lines
}

/// Height (points) of a data row: merged-free wrapped cells are sized here because
/// LibreOffice does not grow rows on load (Excel may), so printed text never overlaps.
fn row_height(row: &capaian_domain::model::Row, indent: usize, bold: bool, l: &Layout) -> f64 {
    let kode = row
        .kode_raw
        .as_deref()
        .or(row.kode.as_deref())
        .unwrap_or("");
    let lines = [
        wrapped_lines(&row.name, l.width(l.name) - 1.5 * indent as f64, bold),
        wrapped_lines(&row.indicator, l.width(l.ind), bold),
        wrapped_lines(kode, l.width(l.kode), bold),
        wrapped_lines(row.unit.as_deref().unwrap_or(""), l.width(l.unit), bold),
        wrapped_lines(&row.unit_pd, l.width(l.unit_pd), bold),
        wrapped_lines(&row.keterangan, l.width(l.ket), bold),
    ]
    .into_iter()
    .max()
    .unwrap_or(1);
    lines as f64 * 10.0 + 2.0
}

fn num_kind(v: Option<Decimal>, fraction: Kind) -> Kind {
    match v {
        Some(d) if has_fraction(d) => fraction,
        _ => Kind::Int,
    }
}

/// A row's inputs, columns 5–11 in the order of [`Layout::inputs`]: renstra, prev, target,
/// TW I..IV.
fn input_pairs(row: &capaian_domain::model::Row) -> [&Pair; 7] {
    [
        &row.renstra,
        &row.prev,
        &row.target,
        &row.tw[0],
        &row.tw[1],
        &row.tw[2],
        &row.tw[3],
    ]
}

/// Effective Rp inputs of every row (own cell, else Σ of the direct children), per input
/// column: renstra, prev, target, TW I..IV. Same rule as the computation; used to decide
/// whether a parent's cell can be a `SUM` over its children and to cache that sum.
fn effective_rp(doc: &Document, computed: &E81Computed) -> Vec<[Option<Decimal>; 7]> {
    let own = |i: usize| input_pairs(&doc.rows[i]).map(|pair| pair.rp);
    let mut eff: Vec<[Option<Decimal>; 7]> = vec![[None; 7]; doc.rows.len()];
    for i in (0..doc.rows.len()).rev() {
        let mine = own(i);
        let kids = &computed.rows[i].children;
        for c in 0..7 {
            let sum = kids
                .iter()
                .filter_map(|&k| eff[k][c])
                .fold(None, |a: Option<Decimal>, v| {
                    Some(a.unwrap_or_default() + v)
                });
            eff[i][c] = if kids.is_empty() {
                mine[c]
            } else {
                mine[c].or(sum)
            };
        }
    }
    eff
}

/// Σ of the direct children's effective values, per input column (None when none has one).
fn child_sums(kids: &[usize], eff: &[[Option<Decimal>; 7]]) -> [Option<Decimal>; 7] {
    std::array::from_fn(|c| capaian_domain::num::sum_opt(kids.iter().map(|&k| eff[k][c])))
}

/// A sheet of `rows` rows written with `computed` figures of a computation: refused when the
/// computation is another table's (its length differs) or the rows exceed [`MAX_ROWS`].
pub(crate) fn check_rows(rows: usize, computed: usize) -> Result<(), ExportError> {
    if computed != rows {
        return Err(ExportError::ComputedMismatch { rows, computed });
    }
    if rows > MAX_ROWS {
        return Err(ExportError::TooManyRows {
            rows,
            limit: MAX_ROWS,
        });
    }
    Ok(())
}

/// Write the Formulir E.81 workbook of `doc` with the values `computed` from it.
pub fn export_e81(
    doc: &Document,
    computed: &E81Computed,
    meta: &ExportMeta,
) -> Result<Vec<u8>, ExportError> {
    let n = doc.rows.len();
    check_rows(n, computed.rows.len())?;
    // Every column where the form kind's sheet list puts it.
    let l = &Layout::of(&E81, N_STYLES)?;
    // The skeleton (everything but the data rows) by rust_xlsxwriter; the data rows are then
    // written as sheet XML directly (see `sheet_data`).
    let mut wb = Workbook::new();
    // Level 1 deflate: a third of the time of the default for ~10 % larger files.
    wb.set_zip_compression_level(1);
    let st = Styles::new();
    let ws = wb.add_worksheet();
    ws.set_name(E81.key)?;
    // An empty result ("" from `IF(…,"",…)`) is cached as an empty string, not as 0.
    ws.set_formula_result_default("");
    let mut sh = Sheet { ws, st: &st, l };
    write_title(&mut sh, meta)?;
    write_header(&mut sh, meta)?;
    if n > 0 {
        // The registration row: one blank cell per data style, replaced by the data rows.
        for id in 0..N_STYLES as Style {
            sh.ws.write_blank(R_DATA, u16::from(id), st.data(id))?;
        }
    }
    let end = R_DATA + n_rows(doc);
    let last = write_footer(&mut sh, doc, computed, meta, end)?;
    page_setup(sh.ws, meta, last, l)?;
    // The charts' sheet, after the form (which stays the first and active sheet).
    grafik::write_grafik(&mut wb, &st, l, doc, computed, meta)?;
    let skeleton = wb.save_to_buffer()?;
    if n == 0 {
        return Ok(skeleton);
    }
    Ok(sheet_data::splice(
        skeleton,
        R_DATA,
        n,
        l.letters(),
        |sd| write_rows(sd, doc, computed, meta, l),
    )?)
}

fn write_title(sh: &mut Sheet<'_>, meta: &ExportMeta) -> Result<(), XlsxError> {
    let (st, l) = (sh.st, sh.l);
    sh.ws
        .write_string_with_format(0, l.no, E81.nama, &st.title_small)?;
    let region = if meta.kabupaten.trim().is_empty() {
        "Kabupaten/Kota ……"
    } else {
        meta.kabupaten.trim()
    };
    let pd = pd_or(&meta.pd, "……");
    let lines = [
        format!("Evaluasi Terhadap Hasil Renja Perangkat Daerah Lingkup {region}"),
        format!("Renja Perangkat Daerah {pd}"),
        format!(
            "Periode Pelaksanaan: Triwulan {} Tahun {}",
            roman(meta.triwulan.clamp(1, 4)),
            meta.tahun
        ),
    ];
    write_title_lines(sh.ws, st, 1, (l.no, l.last), &lines)
}

fn write_header(sh: &mut Sheet<'_>, meta: &ExportMeta) -> Result<(), XlsxError> {
    let (st, form) = (sh.st, sh.l.form);
    let (r0, r1, r2) = (R_HEAD, R_HEAD + 1, R_HEAD + 2);
    let ws = &mut *sh.ws;
    write_sheet_header(ws, st, form, &|t| with_year(t, meta.tahun))?;
    ws.set_row_height(r0, 84)?;
    ws.set_row_height(r1, 12)?;
    ws.set_row_height(r2, 12)?;
    ws.set_row_height(R_NUMBERING, 11)?;
    Ok(())
}

/// The header block (from row [`R_HEAD`]) and the numbering row ([`R_NUMBERING`]) of `form`'s
/// official sheet, as its sheet columns say, each wording through `text` (`{tahun}`, `{tw}`).
fn write_sheet_header(
    ws: &mut Worksheet,
    st: &Styles,
    form: &FormKind,
    text: &dyn Fn(&str) -> String,
) -> Result<(), XlsxError> {
    let cells = form
        .sheet_header()
        .into_iter()
        .map(|c| (c, R_HEAD, &st.head))
        .chain(
            form.sheet_numbering()
                .into_iter()
                .map(|c| (c, R_NUMBERING, &st.numbering)),
        );
    for (c, row, format) in cells {
        let text = text(c.text);
        let (top, bottom) = (row + c.top, row + c.bottom);
        let (first, last) = (c.first as u16, c.last as u16);
        if (top, first) == (bottom, last) {
            ws.write_string_with_format(top, first, &text, format)?;
        } else {
            ws.merge_range(top, first, bottom, last, &text, format)?;
        }
    }
    Ok(())
}

/// Data rows, from 0-based row [`R_DATA`].
fn write_rows(
    sd: &mut SheetData,
    doc: &Document,
    computed: &E81Computed,
    meta: &ExportMeta,
    l: &Layout,
) -> Result<(), XlsxError> {
    let eff = effective_rp(doc, computed);
    let (mut p, mut k, mut s) = (0u32, 0u32, 0u32);
    let mut no = String::new();
    let mut f = String::new();
    let mut kid_rows: Vec<u32> = Vec::new();
    for (i, (row, c)) in doc.rows.iter().zip(&computed.rows).enumerate() {
        let r = R_DATA + i as u32;
        let bold = matches!(row.level, Level::Program | Level::Kegiatan);
        let node = row.level != Level::Indikator;
        no.clear();
        match row.level {
            Level::Program => {
                p += 1;
                k = 0;
                s = 0;
                let _ = write!(no, "{p}");
            }
            Level::Kegiatan => {
                k += 1;
                s = 0;
                let _ = write!(no, "{p}.{k}");
            }
            Level::SubKegiatan => {
                s += 1;
                let _ = write!(no, "{p}.{k}.{s}");
            }
            // Not E.81 rows: its callers print the budget tree (`Document::anggaran_saja`).
            Level::Indikator | Level::Tujuan | Level::Sasaran => {}
        }
        let indent = lembar::indent(row.level);
        sd.begin_row(r, row_height(row, indent, bold, l));
        let center = sid(bold, Kind::Center);
        let text = sid(bold, Kind::Text);
        sd.string(l.no, &no, center)?;
        // Column 2: the sasaran the node serves, where its own cell says one (a kegiatan
        // serving its program's is left blank under it, as agencies print it).
        if row.rencana.sasaran.trim().is_empty() {
            sd.blank_b(l.sasaran, bold);
        } else {
            sd.string(l.sasaran, row.rencana.sasaran.trim(), text)?;
        }
        let kode = row
            .kode_raw
            .as_deref()
            .or(row.kode.as_deref())
            .unwrap_or("");
        sd.string(l.kode, kode, text)?;
        sd.string(l.name, &row.name, name_sid(bold, indent))?;
        sd.string(l.ind, &row.indicator, text)?;
        sd.string(l.unit, row.unit.as_deref().unwrap_or(""), center)?;

        // K inputs.
        let inputs = input_pairs(row);
        for (col, pair) in l.inputs().iter().zip(inputs) {
            sd.k(col.k, pair.k.as_ref(), bold)?;
        }

        // Rp inputs: a parent's cell is a SUM over its children when consistent.
        let rp_cols = l.inputs().map(|col| col.rp);
        let own = inputs.map(|pair| pair.rp);
        let kids = &c.children;
        let sums = if node && !kids.is_empty() {
            child_sums(kids, &eff)
        } else {
            [None; 7]
        };
        kid_rows.clear();
        kid_rows.extend(kids.iter().map(|&j| R_DATA + j as u32));
        for (j, &col) in rp_cols.iter().enumerate() {
            let as_sum = match (own[j], sums[j]) {
                (None, Some(_)) => true,
                (Some(v), Some(s)) => v == s,
                _ => false,
            };
            let formula = if as_sum {
                let args = col_args(l.letter(col), &kid_rows);
                let text = chunked("SUM", &args);
                (text.len() <= MAX_FORMULA).then_some(text)
            } else {
                None
            };
            match formula {
                Some(text) => {
                    let v = sums[j];
                    let style = sid(bold, num_kind(v, Kind::Dec2));
                    sd.formula(col, &text, &DecResult(v), style);
                }
                None => sd.rp(col, own[j], bold)?,
            }
        }

        // Columns 12–15, Rp (node rows).
        if node {
            let [q0, q1, q2, q3] = l.tw.map(|q| l.a1(r, q.rp));
            let (c12, c14) = (l.a1(r, l.c12.rp), l.a1(r, l.c14.rp));
            f.clear();
            let _ = write!(
                f,
                "IF(COUNT({q0},{q1},{q2},{q3})=0,\"\",SUM({q0},{q1},{q2},{q3}))"
            );
            let style = sid(bold, num_kind(c.c12.rp, Kind::Dec2));
            sd.formula(l.c12.rp, &f, &DecResult(c.c12.rp), style);
            f.clear();
            let t7 = l.a1(r, l.target.rp);
            capaian_formula(&mut f, t7, c12, Polarity::HigherIsBetter, false);
            sd.formula(l.c13.rp, &f, &DecResult(c.c13.rp), sid(bold, Kind::Dec2));
            f.clear();
            let p6 = l.a1(r, l.prev.rp);
            let _ = write!(f, "IF({c12}=\"\",\"\",N({p6})+{c12})");
            let style = sid(bold, num_kind(c.c14.rp, Kind::Dec2));
            sd.formula(l.c14.rp, &f, &DecResult(c.c14.rp), style);
            f.clear();
            let t5 = l.a1(r, l.renstra.rp);
            capaian_formula(&mut f, t5, c14, Polarity::HigherIsBetter, false);
            sd.formula(l.c15.rp, &f, &DecResult(c.c15.rp), sid(bold, Kind::Dec2));
        } else {
            for col in [l.c12.rp, l.c13.rp, l.c14.rp, l.c15.rp] {
                sd.blank_b(col, bold);
            }
        }

        // Columns 12–15, K.
        let num = |v: &Option<KValue>| match v {
            Some(KValue::Number(d)) => Some(*d),
            _ => None,
        };
        if k_formulas(row, c) {
            let sem = &row.semantics;
            let cap = sem.cap_100 || meta.cap_100;
            let c12 = l.a1(r, l.c12.k);
            let c14 = l.a1(r, l.c14.k);
            let (v12, v13, v14, v15) = (num(&c.c12.k), num(&c.c13.k), num(&c.c14.k), num(&c.c15.k));
            f.clear();
            aggregation_formula(&mut f, sem.aggregation, &l.tw.map(|q| l.a1(r, q.k)));
            let style = sid(bold, num_kind(v12, Kind::KDec));
            sd.formula(l.c12.k, &f, &DecResult(v12), style);
            f.clear();
            capaian_formula(&mut f, l.a1(r, l.target.k), c12, sem.polarity, cap);
            sd.formula(l.c13.k, &f, &DecResult(v13), sid(bold, Kind::Dec2));
            f.clear();
            if sem.aggregation == Aggregation::Sum {
                let _ = write!(f, "IF({c12}=\"\",\"\",N({})+{c12})", l.a1(r, l.prev.k));
            } else {
                let _ = write!(f, "IF({c12}=\"\",\"\",{c12})");
            }
            let style = sid(bold, num_kind(v14, Kind::KDec));
            sd.formula(l.c14.k, &f, &DecResult(v14), style);
            f.clear();
            capaian_formula(&mut f, l.a1(r, l.renstra.k), c14, sem.polarity, cap);
            sd.formula(l.c15.k, &f, &DecResult(v15), sid(bold, Kind::Dec2));
        } else {
            sd.k(l.c12.k, c.c12.k.as_ref(), bold)?;
            sd.pct(l.c13.k, num(&c.c13.k), bold)?;
            sd.k(l.c14.k, c.c14.k.as_ref(), bold)?;
            sd.pct(l.c15.k, num(&c.c15.k), bold)?;
        }

        sd.string(l.unit_pd, &row.unit_pd, text)?;
        sd.string(l.ket, &row.keterangan, text)?;
        sd.end_row();
    }
    Ok(())
}

fn n_rows(doc: &Document) -> u32 {
    doc.rows.len() as u32
}

/// Are columns 12–15 K formulas for this row? Numeric indicators whose column 12 is a number
/// (or not yet realised); grades and text get values.
fn k_formulas(row: &capaian_domain::model::Row, c: &capaian_domain::e81::RowComputed) -> bool {
    if matches!(row.semantics.value_type, ValueType::Grade | ValueType::Text) {
        return false;
    }
    match &c.c12.k {
        Some(KValue::Number(_)) => true,
        Some(_) => false,
        // Nothing realised: a formula only when no quarter holds a grade or text.
        None => row
            .tw
            .iter()
            .all(|p| matches!(p.k, None | Some(KValue::Number(_)))),
    }
}

/// Is the row's column 13 K cell a formula holding the capaian s.d. TW n the computation used
/// (a numeric indicator whose column 13 K is its `capaian_sd_tw`, or both empty)? Then a
/// formula elsewhere (the footer's rata-rata, the Grafik sheet) may refer to it.
fn c13_k_is_capaian(
    row: &capaian_domain::model::Row,
    c: &capaian_domain::e81::RowComputed,
) -> bool {
    k_formulas(row, c)
        && match (c.capaian_sd_tw, &c.c13.k) {
            (Some(v), Some(KValue::Number(k))) => v == *k,
            (None, None) => true,
            _ => false,
        }
}

/// Footer rows and signature block from 0-based row `start`; returns the last row used.
fn write_footer(
    sh: &mut Sheet<'_>,
    doc: &Document,
    computed: &E81Computed,
    meta: &ExportMeta,
    start: u32,
) -> Result<u32, XlsxError> {
    let (st, l) = (sh.st, sh.l);
    let t = &computed.totals;
    let top: Vec<usize> = (0..doc.rows.len())
        .filter(|&i| doc.rows[i].level != Level::Indikator && computed.rows[i].parent.is_none())
        .collect();
    let top_rows: Vec<u32> = top.iter().map(|&i| R_DATA + i as u32).collect();
    let label = |sh: &mut Sheet<'_>, r: u32, s: &str| -> Result<(), XlsxError> {
        sh.ws.merge_range(r, l.no, r, l.ind, s, &st.footer_label)?;
        for c in (l.renstra.k..=l.last).filter(|&c| c != l.c13.k && c != l.c13.rp) {
            sh.ws.write_blank(r, c, st.get(true, Kind::Text))?;
        }
        Ok(())
    };

    // Rata-rata capaian kinerja: AVERAGE of the programs' column 13 K when that is what the
    // computation averaged; else its value.
    let r = start;
    label(sh, r, "Rata-rata capaian kinerja (%)")?;
    sh.blank(r, l.c13.rp, true)?;
    let averaged = !top.is_empty()
        && top
            .iter()
            .all(|&i| c13_k_is_capaian(&doc.rows[i], &computed.rows[i]));
    let fmt = st.get(true, Kind::Dec2);
    let avg_formula = if averaged {
        let args = col_args(l.letter(l.c13.k), &top_rows);
        let text = format!(
            "IF({cnt}=0,\"\",({sum})/({cnt}))",
            cnt = chunked("COUNT", &args),
            sum = chunked("SUM", &args)
        );
        (text.len() <= MAX_FORMULA).then_some(text)
    } else {
        None
    };
    match avg_formula {
        Some(text) => sh.formula(r, l.c13.k, &text, dec_result(t.rata_rata_capaian), fmt)?,
        None => sh.pct(r, l.c13.k, t.rata_rata_capaian, true)?,
    }

    let r = start + 1;
    label(sh, r, "Predikat kinerja")?;
    sh.ws.merge_range(
        r,
        l.c13.k,
        r,
        l.c13.rp,
        t.predikat.as_deref().unwrap_or(""),
        st.get(true, Kind::Center),
    )?;

    let r = start + 2;
    label(sh, r, "Jumlah anggaran dan realisasi dari seluruh program")?;
    sh.blank(r, l.c13.k, true)?;
    let sum_of = |col: u16| {
        let text = chunked("SUM", &col_args(l.letter(col), &top_rows));
        (text.len() <= MAX_FORMULA).then_some(text)
    };
    match sum_of(l.target.rp) {
        Some(text) => sh.formula(
            r,
            l.target.rp,
            &text,
            dec_result(Some(t.target_rp)),
            st.get(true, num_kind(Some(t.target_rp), Kind::Dec2)),
        )?,
        None => sh.rp(r, l.target.rp, Some(t.target_rp), true)?,
    }
    match sum_of(l.c12.rp) {
        Some(text) => sh.formula(
            r,
            l.c12.rp,
            &text,
            dec_result(Some(t.realisasi_rp)),
            st.get(true, num_kind(Some(t.realisasi_rp), Kind::Dec2)),
        )?,
        None => sh.rp(r, l.c12.rp, Some(t.realisasi_rp), true)?,
    }
    let mut g = String::new();
    capaian_formula(
        &mut g,
        l.a1(r, l.target.rp),
        l.a1(r, l.c12.rp),
        Polarity::HigherIsBetter,
        false,
    );
    sh.formula(r, l.c13.rp, &g, dec_result(t.penyerapan_pct), fmt)?;

    let texts = [
        (
            "Faktor pendorong keberhasilan kinerja",
            &meta.faktor_pendorong,
        ),
        (
            "Faktor penghambat pencapaian kinerja",
            &meta.faktor_penghambat,
        ),
        (
            "Tindak lanjut yang diperlukan dalam triwulan berikutnya",
            &meta.tindak_lanjut_triwulan,
        ),
        (
            "Tindak lanjut yang diperlukan dalam Renja Perangkat Daerah berikutnya",
            &meta.tindak_lanjut_renja,
        ),
    ];
    let mut r = start + 3;
    for (title, body) in texts {
        sh.ws
            .merge_range(r, l.no, r, l.ind, title, &st.footer_label)?;
        // Always a string (merge_range writes text), never a formula.
        sh.ws
            .merge_range(r, l.renstra.k, r, l.last, body.as_str(), &st.footer_text)?;
        // Merged cells do not grow with their text: about 200 characters per line here.
        let lines = body
            .split('\n')
            .map(|p| p.chars().count().div_ceil(200).max(1))
            .sum::<usize>()
            .max(2);
        sh.ws.set_row_height(r, (lines as f64) * 11.0 + 2.0)?;
        r += 1;
    }

    // Signature block.
    r += 1;
    let tanggal = meta.tanggal.map(|(y, m, d)| format_tanggal(y, m, d));
    let place_date = tempat_tanggal(&meta.tempat, tanggal.as_deref(), meta.tahun);
    let region = meta.kabupaten.trim();
    let kepala_bappeda = if region.is_empty() {
        "Kepala Bappeda".to_string()
    } else {
        format!("Kepala Bappeda {region}")
    };
    let left = tanda_tangan(
        &place_date,
        &Penanda {
            judul: Some("Disusun"),
            jabatan: format!("Kepala {}", pd_or(&meta.pd, "Perangkat Daerah")),
            nama: &meta.kepala_nama,
            pangkat: meta.kepala_pangkat.as_deref(),
            nip: &meta.kepala_nip,
        },
    );
    let right = tanda_tangan(
        &place_date,
        &Penanda {
            judul: Some("Dievaluasi"),
            jabatan: kepala_bappeda,
            nama: meta.bappeda_nama.as_deref().unwrap_or(""),
            pangkat: None,
            nip: meta.bappeda_nip.as_deref().unwrap_or(""),
        },
    );
    write_signature(sh.ws, st, r, (l.sasaran, l.ind), &left)?;
    write_signature(sh.ws, st, r, (l.c14.k, l.last), &right)?;
    Ok(r + left.len().max(right.len()) as u32 - 1)
}

/// Escape `&` for Excel's header/footer codes.
fn hf_escape(s: &str) -> String {
    s.replace('&', "&&")
}

fn page_setup(
    ws: &mut Worksheet,
    meta: &ExportMeta,
    last: u32,
    l: &Layout,
) -> Result<(), XlsxError> {
    for c in 0..=l.last {
        ws.set_column_width(c, l.width(c))?;
    }
    ws.set_freeze_panes(R_DATA, l.ind)?;
    let pd = meta.pd.trim();
    print_setup(
        ws,
        meta.paper,
        (R_HEAD, R_NUMBERING),
        (last, l.no, l.last),
        &format!(
            "{} — {pd} — Triwulan {} Tahun {}",
            E81.nama,
            roman(meta.triwulan.clamp(1, 4)),
            meta.tahun
        ),
    )
}

// ---------------------------------------------------------------------------------------------
// Pieces every official form prints the same way (E.81, Renja): the title lines, the signature
// block, the print setup.

/// The PD's name, or `kosong` when the workspace does not know it yet.
fn pd_or<'a>(pd: &'a str, kosong: &'a str) -> &'a str {
    if pd.trim().is_empty() {
        kosong
    } else {
        pd.trim()
    }
}

/// `{tempat}, {tanggal}` over a signature; dotted where not known yet (`……………, ……………… 2025`).
fn tempat_tanggal(tempat: &str, tanggal: Option<&str>, tahun: i32) -> String {
    let tempat = if tempat.trim().is_empty() {
        "……………"
    } else {
        tempat.trim()
    };
    match tanggal.map(str::trim).filter(|t| !t.is_empty()) {
        Some(t) => format!("{tempat}, {t}"),
        None => format!("{tempat}, ……………… {tahun}"),
    }
}

/// One signer of a form.
struct Penanda<'a> {
    /// `Disusun`, `Dievaluasi`: a line above the place and date, when the form has one.
    judul: Option<&'a str>,
    /// `Kepala Badan …`.
    jabatan: String,
    nama: &'a str,
    pangkat: Option<&'a str>,
    /// 18 digits (printed `19650110 198602 2 004`, [`format_nip`]), or as typed.
    nip: &'a str,
}

/// A signer's lines, top to bottom, and whether each is the name (bold, underlined): three
/// empty lines to sign on; an unknown name or NIP prints as a dotted line to fill by hand.
fn tanda_tangan(tempat_tanggal: &str, p: &Penanda<'_>) -> Vec<(String, bool)> {
    let mut v: Vec<(String, bool)> = Vec::with_capacity(9);
    if let Some(j) = p.judul {
        v.push((j.to_string(), false));
    }
    v.push((tempat_tanggal.to_string(), false));
    v.push((p.jabatan.clone(), false));
    v.extend(std::iter::repeat_n((String::new(), false), 3));
    let nama = p.nama.trim();
    v.push((
        if nama.is_empty() {
            "(……………………………………)".to_string()
        } else {
            nama.to_string()
        },
        true,
    ));
    v.push((p.pangkat.unwrap_or("").trim().to_string(), false));
    let nip = p.nip.trim();
    v.push((
        if nip.is_empty() {
            "NIP. ……………………………".to_string()
        } else {
            format!("NIP. {}", format_nip(nip))
        },
        false,
    ));
    v
}

/// The first column of a signature block that ends at the last of the columns `widths`: at
/// least four columns, more (but not left of `min_first`) until the longest line fits (9 pt
/// capitals are wider than a width unit).
fn signature_first(widths: &[f64], lines: &[(String, bool)], min_first: u16) -> u16 {
    let last = widths.len().saturating_sub(1) as u16;
    let need = lines
        .iter()
        .map(|(t, _)| t.chars().count())
        .max()
        .unwrap_or(0) as f64
        * 1.2;
    let mut first = last.saturating_sub(3);
    let mut lebar: f64 = widths[usize::from(first)..].iter().sum();
    while first > min_first && lebar < need {
        first -= 1;
        lebar += widths[usize::from(first)];
    }
    first
}

/// A text cell of a form's rows (blank when empty): always a string, whatever it starts with
/// (`=`, `+`, `-`, `@`).
fn write_text(
    ws: &mut Worksheet,
    st: &Styles,
    (r, c): (u32, u16),
    s: &str,
    bold: bool,
    k: Kind,
) -> Result<(), XlsxError> {
    let f = st.get(bold, k);
    if s.is_empty() {
        ws.write_blank(r, c, f)?;
    } else {
        ws.write_string_with_format(r, c, s, f)?;
    }
    Ok(())
}

/// A K value as a number (`#,##0`, fractional `#,##0.##`), a grade or a text (centred, as the
/// reader reads them back), or a blank.
fn write_k(
    ws: &mut Worksheet,
    st: &Styles,
    (r, c): (u32, u16),
    v: Option<&KValue>,
    bold: bool,
) -> Result<(), XlsxError> {
    match v {
        Some(KValue::Number(d)) => {
            ws.write_number_with_format(r, c, to_f64(*d), st.get(bold, k_kind(*d)))?;
        }
        Some(KValue::Grade { grade, score }) => {
            let t = grade_text(*grade, *score);
            write_text(ws, st, (r, c), &t, bold, Kind::Center)?;
        }
        Some(KValue::Text(t)) => write_text(ws, st, (r, c), t, bold, Kind::Center)?,
        None => write_text(ws, st, (r, c), "", bold, Kind::Center)?,
    }
    Ok(())
}

/// Write a signer's lines from 0-based row `r`, each merged over columns `first..=last`.
fn write_signature(
    ws: &mut Worksheet,
    st: &Styles,
    r: u32,
    (first, last): (u16, u16),
    lines: &[(String, bool)],
) -> Result<(), XlsxError> {
    for (j, (text, name)) in lines.iter().enumerate() {
        let f = if *name { &st.sign_name } else { &st.sign };
        ws.merge_range(r + j as u32, first, r + j as u32, last, text, f)?;
    }
    Ok(())
}

/// Title lines merged over columns `first..=last` from 0-based row `r`.
fn write_title_lines(
    ws: &mut Worksheet,
    st: &Styles,
    r: u32,
    (first, last): (u16, u16),
    lines: &[String],
) -> Result<(), XlsxError> {
    for (i, t) in lines.iter().enumerate() {
        let row = r + i as u32;
        ws.merge_range(row, first, row, last, t, &st.title)?;
        ws.set_row_height(row, 15)?;
    }
    Ok(())
}

/// The print setup of the official forms: landscape on `paper`, one page wide (as many pages
/// down as it takes), centred, the header rows `repeat` on every page, the print area from
/// row 0 to `last_row` over columns `first..=last`, and a footer with `footer` on the left and
/// the page number on the right.
fn print_setup(
    ws: &mut Worksheet,
    paper: Paper,
    repeat: (u32, u32),
    (last_row, first, last): (u32, u16, u16),
    footer: &str,
) -> Result<(), XlsxError> {
    ws.set_landscape();
    ws.set_paper_size(paper.code());
    ws.set_print_fit_to_pages(1, 0);
    ws.set_print_center_horizontally(true);
    ws.set_margins(0.3, 0.3, 0.45, 0.5, 0.2, 0.25);
    ws.set_repeat_rows(repeat.0, repeat.1)?;
    ws.set_print_area(0, first, last_row, last)?;
    ws.set_footer(format!(
        "&L&\"Arial\"&7{}&R&\"Arial\"&7Halaman &P dari &N",
        hf_escape(footer)
    ));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn f64_boundary_is_correctly_rounded() {
        for s in [
            "779018924.88",
            "0.1",
            "13595866243.91",
            "99999999999999.99",
            "36.188634181773454836060613",
            "-1234.5",
        ] {
            let d = Decimal::from_str(s).unwrap();
            assert_eq!(to_f64(d), s.parse::<f64>().unwrap(), "{s}");
        }
    }

    #[test]
    fn ranges_and_chunks() {
        assert_eq!(col_args("H", &[9, 10, 11, 14]), vec!["H10:H12", "H15"]);
        let many: Vec<u32> = (0..600).map(|i| i * 2).collect();
        let args = col_args("A", &many);
        let s = chunked("SUM", &args);
        assert_eq!(s.matches("SUM(").count(), 3);
        assert_eq!(chunked("SUM", &[]), "0");
    }

    #[test]
    fn grade_text_reads_back() {
        assert_eq!(grade_text(Grade::BB, None), "BB");
        assert_eq!(
            grade_text(Grade::A, Some(Decimal::from_str("72.50").unwrap())),
            "A (72,5)"
        );
    }
}
