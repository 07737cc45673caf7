//! Editing one cell of a row: which cells a person may edit ([`Cell`]), their values
//! ([`CellValue`]), reading what was typed ([`parse_input`]), printing it ([`display`]), and
//! reading/writing a row ([`get`], [`set`]).
//!
//! Rules:
//! - Computed columns 12–15 are never editable; neither are the level, code and name (they
//!   come from the imported structure).
//! - K cells hold a [`KValue`] (number, grade or text), Rp cells a [`Decimal`], the other cells
//!   text (indicator, unit, unit PD, keterangan, and the per-quarter narrative [`Narasi`]).
//! - Typed input: empty or `-` is [`CellValue::Empty`]. Rp: a number as
//!   [`num::parse_number_input`] reads it (`1.234.567,89`, `1234567.89`, `Rp 5.000,-`). K: a
//!   number (a `%` is allowed: `12,5%` is 12.5), a SAKIP grade (`BB`, `bb`, `BB (71,51)`), or text;
//!   numeric-looking text that is not a number (`12,5,0`) is refused, and so is a number with a
//!   unit (`6 Dok`: the unit belongs in the Satuan column). Texts are trimmed, at most
//!   [`MAX_TEKS`] characters.
//! - A text cell set to [`CellValue::Empty`] stores `""` (the unit stores None); an empty text
//!   reads back as [`CellValue::Empty`].
//! - The row's indicator semantics are choice cells ([`CellKind::Pilihan`]: [`Cell::Agregasi`],
//!   [`Cell::Polaritas`], [`Cell::Batas100`], [`Cell::JenisNilai`]). Their value is
//!   [`CellValue::Text`] holding a stable key from [`choices`] (`jumlah`, `terakhir`, …); typed
//!   input may be the key or its label, in any case (`Rata-rata`, `RATA_RATA`, `rata rata`), and
//!   is stored as the key. They always hold a choice: empty, `-` or anything else is refused with
//!   the list of choices, and [`get`] never gives [`CellValue::Empty`] for them.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::checks::roman;
use crate::model::{
    Aggregation, Field, IndicatorSemantics, KValue, Narasi, Polarity, Row, Severity, ValueType,
};
use crate::num::{self, format_id, parse_number_input};

/// Longest text a cell accepts, in characters.
pub const MAX_TEKS: usize = 4000;

/// A cell of a row that a person can edit (computed columns 12–15 are never editable).
/// Serialised as its stable key (`"tw2_rp"`), the same key the HTTP API takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub enum Cell {
    Indicator,
    Unit,
    RenstraK,
    RenstraRp,
    PrevK,
    PrevRp,
    TargetK,
    TargetRp,
    /// Quarter 1..=4.
    TwK(u8),
    TwRp(u8),
    Pendorong(u8),
    Penghambat(u8),
    TindakLanjut(u8),
    KeteranganTw(u8),
    UnitPd,
    Keterangan,
    /// How quarters combine ([`IndicatorSemantics::aggregation`]); key `agregasi`.
    Agregasi,
    /// Higher or lower is better ([`IndicatorSemantics::polarity`]); key `polaritas`.
    Polaritas,
    /// Capaian capped at 100 % ([`IndicatorSemantics::cap_100`]); key `batas_100`.
    Batas100,
    /// What the K values are ([`IndicatorSemantics::value_type`]); key `jenis_nilai`.
    JenisNilai,
    /// The plan's values no E.81 column prints ([`crate::model::NilaiRencana`]): the Renja's
    /// lokasi, sumber dana and catatan penting, prakiraan maju n+1 K and Rp, the anggaran kas
    /// and the rencana aksi's target of quarter 1..=4.
    Lokasi,
    /// The sasaran (or IKU) a budget node serves: Formulir E.81 column 2
    /// ([`crate::model::NilaiRencana::sasaran`]); key `sasaran`.
    Sasaran,
    SumberDana,
    CatatanPenting,
    MajuK,
    MajuRp,
    KasRp(u8),
    TargetTwK(u8),
    /// Realisasi Rp of month 1..=12 ([`crate::model::NilaiRencana::bulan`]); its quarter's
    /// realisasi Rp is their sum ([`crate::rollup::bulan_ke_triwulan`]).
    BulanRp(u8),
}

/// What kind of value a cell holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CellKind {
    /// Kinerja: number, grade or text.
    K,
    /// Rupiah.
    Rp,
    Text,
    /// One of a fixed list ([`choices`]), held as [`CellValue::Text`] with the choice's key.
    Pilihan,
}

impl CellKind {
    fn name(self) -> &'static str {
        match self {
            CellKind::K => "nilai kinerja (angka, predikat, atau teks)",
            CellKind::Rp => "angka rupiah",
            CellKind::Text => "teks",
            CellKind::Pilihan => "salah satu pilihan",
        }
    }
}

fn quarter_ok(q: u8) -> bool {
    (1..=4).contains(&q)
}

fn quarter_index(q: u8) -> Option<usize> {
    quarter_ok(q).then(|| usize::from(q - 1))
}

fn month_ok(m: u8) -> bool {
    (1..=12).contains(&m)
}

/// The months of quarter `q` (1..=4), as month numbers.
pub fn bulan_triwulan(q: u8) -> std::ops::RangeInclusive<u8> {
    let last = q.clamp(1, 4) * 3;
    last - 2..=last
}

fn month_of_key(s: &str) -> Option<u8> {
    s.parse::<u8>()
        .ok()
        .filter(|m| month_ok(*m) && !s.starts_with('0') && !s.starts_with('+'))
}

fn quarter_of_key(s: &str) -> Option<u8> {
    match s {
        "1" => Some(1),
        "2" => Some(2),
        "3" => Some(3),
        "4" => Some(4),
        _ => None,
    }
}

/// `II`, or the number itself for a quarter that does not exist.
fn tw_name(q: u8) -> String {
    if quarter_ok(q) {
        roman(q).to_string()
    } else {
        q.to_string()
    }
}

/// A quarterly cell's constructor.
type QuarterCell = fn(u8) -> Cell;

/// Key prefixes of the per-quarter cells other than the realisation (`tw1_k`), with their
/// constructors.
const QUARTER_KEYS: [(&str, QuarterCell); 6] = [
    ("pendorong_tw", Cell::Pendorong),
    ("penghambat_tw", Cell::Penghambat),
    ("tindak_lanjut_tw", Cell::TindakLanjut),
    ("keterangan_tw", Cell::KeteranganTw),
    ("kas_tw", Cell::KasRp),
    ("target_tw", Cell::TargetTwK),
];

impl Cell {
    /// Stable API key: `indikator`, `satuan`, `renstra_k`, `renstra_rp`, `lalu_k`, `lalu_rp`,
    /// `target_k`, `target_rp`, `tw1_k`…`tw4_k`, `tw1_rp`…`tw4_rp`, `pendorong_tw1`…,
    /// `penghambat_tw1`…, `tindak_lanjut_tw1`…, `keterangan_tw1`…, `unit_pd`, `keterangan`,
    /// `agregasi`, `polaritas`, `batas_100`, `jenis_nilai`, `sasaran`, `lokasi`, `sumber_dana`,
    /// `catatan_penting`, `maju_k`, `maju_rp`, `kas_tw1`…, `target_tw1`…, `realisasi_bulan1`
    /// … `realisasi_bulan12`.
    pub fn key(self) -> String {
        match self {
            Cell::Indicator => "indikator".into(),
            Cell::Unit => "satuan".into(),
            Cell::RenstraK => "renstra_k".into(),
            Cell::RenstraRp => "renstra_rp".into(),
            Cell::PrevK => "lalu_k".into(),
            Cell::PrevRp => "lalu_rp".into(),
            Cell::TargetK => "target_k".into(),
            Cell::TargetRp => "target_rp".into(),
            Cell::TwK(q) => format!("tw{q}_k"),
            Cell::TwRp(q) => format!("tw{q}_rp"),
            Cell::Pendorong(q) => format!("pendorong_tw{q}"),
            Cell::Penghambat(q) => format!("penghambat_tw{q}"),
            Cell::TindakLanjut(q) => format!("tindak_lanjut_tw{q}"),
            Cell::KeteranganTw(q) => format!("keterangan_tw{q}"),
            Cell::UnitPd => "unit_pd".into(),
            Cell::Keterangan => "keterangan".into(),
            Cell::Agregasi => "agregasi".into(),
            Cell::Polaritas => "polaritas".into(),
            Cell::Batas100 => "batas_100".into(),
            Cell::JenisNilai => "jenis_nilai".into(),
            Cell::Lokasi => "lokasi".into(),
            Cell::Sasaran => "sasaran".into(),
            Cell::SumberDana => "sumber_dana".into(),
            Cell::CatatanPenting => "catatan_penting".into(),
            Cell::MajuK => "maju_k".into(),
            Cell::MajuRp => "maju_rp".into(),
            Cell::KasRp(q) => format!("kas_tw{q}"),
            Cell::TargetTwK(q) => format!("target_tw{q}"),
            Cell::BulanRp(m) => format!("realisasi_bulan{m}"),
        }
    }

    /// Inverse of [`Cell::key`] (exact spelling); the quarter must be 1..=4, the month 1..=12.
    pub fn parse_key(s: &str) -> Option<Cell> {
        let fixed = match s {
            "indikator" => Some(Cell::Indicator),
            "satuan" => Some(Cell::Unit),
            "renstra_k" => Some(Cell::RenstraK),
            "renstra_rp" => Some(Cell::RenstraRp),
            "lalu_k" => Some(Cell::PrevK),
            "lalu_rp" => Some(Cell::PrevRp),
            "target_k" => Some(Cell::TargetK),
            "target_rp" => Some(Cell::TargetRp),
            "unit_pd" => Some(Cell::UnitPd),
            "keterangan" => Some(Cell::Keterangan),
            "agregasi" => Some(Cell::Agregasi),
            "polaritas" => Some(Cell::Polaritas),
            "batas_100" => Some(Cell::Batas100),
            "jenis_nilai" => Some(Cell::JenisNilai),
            "lokasi" => Some(Cell::Lokasi),
            "sasaran" => Some(Cell::Sasaran),
            "sumber_dana" => Some(Cell::SumberDana),
            "catatan_penting" => Some(Cell::CatatanPenting),
            "maju_k" => Some(Cell::MajuK),
            "maju_rp" => Some(Cell::MajuRp),
            _ => None,
        };
        if fixed.is_some() {
            return fixed;
        }
        if let Some(m) = s.strip_prefix("realisasi_bulan").and_then(month_of_key) {
            return Some(Cell::BulanRp(m));
        }
        if let Some(rest) = s.strip_prefix("tw") {
            if let Some(q) = rest.strip_suffix("_k").and_then(quarter_of_key) {
                return Some(Cell::TwK(q));
            }
            if let Some(q) = rest.strip_suffix("_rp").and_then(quarter_of_key) {
                return Some(Cell::TwRp(q));
            }
            return None;
        }
        QUARTER_KEYS
            .iter()
            .find_map(|(prefix, make)| s.strip_prefix(prefix).and_then(quarter_of_key).map(make))
    }

    /// Name in messages and column headers: `Target K (kolom 7)`, `Realisasi Rp TW II (kolom 9)`,
    /// `Faktor penghambat TW III`, `Keterangan`, `Agregasi`, `Batas 100%`.
    pub fn label(self) -> String {
        let tw_col = |q: u8| {
            if quarter_ok(q) {
                format!(" (kolom {})", 7 + q)
            } else {
                String::new()
            }
        };
        match self {
            Cell::Indicator => "Indikator kinerja (kolom 4)".into(),
            Cell::Unit => "Satuan".into(),
            Cell::RenstraK => "Target Renstra K (kolom 5)".into(),
            Cell::RenstraRp => "Target Renstra Rp (kolom 5)".into(),
            Cell::PrevK => "Realisasi s.d. tahun lalu K (kolom 6)".into(),
            Cell::PrevRp => "Realisasi s.d. tahun lalu Rp (kolom 6)".into(),
            Cell::TargetK => "Target K (kolom 7)".into(),
            Cell::TargetRp => "Target Rp (kolom 7)".into(),
            Cell::TwK(q) => format!("Realisasi K TW {}{}", tw_name(q), tw_col(q)),
            Cell::TwRp(q) => format!("Realisasi Rp TW {}{}", tw_name(q), tw_col(q)),
            Cell::Pendorong(q) => format!("Faktor pendorong TW {}", tw_name(q)),
            Cell::Penghambat(q) => format!("Faktor penghambat TW {}", tw_name(q)),
            Cell::TindakLanjut(q) => format!("Tindak lanjut TW {}", tw_name(q)),
            Cell::KeteranganTw(q) => format!("Keterangan TW {}", tw_name(q)),
            Cell::UnitPd => "Unit PD penanggung jawab (kolom 16)".into(),
            Cell::Keterangan => "Keterangan".into(),
            Cell::Agregasi => "Agregasi".into(),
            Cell::Polaritas => "Polaritas".into(),
            Cell::Batas100 => "Batas 100%".into(),
            Cell::JenisNilai => "Jenis nilai".into(),
            Cell::Lokasi => "Lokasi".into(),
            Cell::Sasaran => "Sasaran (kolom 2)".into(),
            Cell::SumberDana => "Sumber dana".into(),
            Cell::CatatanPenting => "Catatan penting".into(),
            Cell::MajuK => "Prakiraan maju n+1 K".into(),
            Cell::MajuRp => "Prakiraan maju n+1 Rp".into(),
            Cell::KasRp(q) => format!("Anggaran kas TW {}", tw_name(q)),
            Cell::TargetTwK(q) => format!("Target TW {}", tw_name(q)),
            Cell::BulanRp(m) => match crate::tanggal::BULAN.get(usize::from(m).wrapping_sub(1)) {
                Some(nama) => format!("Realisasi Rp {nama}"),
                None => format!("Realisasi Rp bulan {m}"),
            },
        }
    }

    /// The quarter of a quarterly cell (realisation or narrative), as stored (not checked); a
    /// month's cell is in its quarter (0 for a month that does not exist).
    pub fn quarter(self) -> Option<u8> {
        match self {
            Cell::BulanRp(m) => Some(if month_ok(m) { m.div_ceil(3) } else { 0 }),
            Cell::TwK(q)
            | Cell::TwRp(q)
            | Cell::Pendorong(q)
            | Cell::Penghambat(q)
            | Cell::TindakLanjut(q)
            | Cell::KeteranganTw(q)
            | Cell::KasRp(q)
            | Cell::TargetTwK(q) => Some(q),
            _ => None,
        }
    }

    /// Column 7 (the targets a budget change revises).
    pub fn is_target(self) -> bool {
        matches!(self, Cell::TargetK | Cell::TargetRp)
    }

    /// Whether the cell exists (its quarter, if any, is 1..=4; its month 1..=12).
    pub fn is_valid(self) -> bool {
        self.check().is_ok()
    }

    /// What the cell holds.
    pub fn kind(self) -> CellKind {
        match self {
            Cell::RenstraK
            | Cell::PrevK
            | Cell::TargetK
            | Cell::TwK(_)
            | Cell::MajuK
            | Cell::TargetTwK(_) => CellKind::K,
            Cell::RenstraRp
            | Cell::PrevRp
            | Cell::TargetRp
            | Cell::TwRp(_)
            | Cell::MajuRp
            | Cell::KasRp(_)
            | Cell::BulanRp(_) => CellKind::Rp,
            Cell::Agregasi | Cell::Polaritas | Cell::Batas100 | Cell::JenisNilai => {
                CellKind::Pilihan
            }
            _ => CellKind::Text,
        }
    }

    /// The model field of the cell (for locating problems); None for the narrative and the
    /// indicator semantics (no sheet column holds them).
    pub fn field(self) -> Option<Field> {
        Some(match self {
            Cell::Indicator => Field::Indicator,
            Cell::Unit => Field::Unit,
            Cell::RenstraK => Field::RenstraK,
            Cell::RenstraRp => Field::RenstraRp,
            Cell::PrevK => Field::PrevK,
            Cell::PrevRp => Field::PrevRp,
            Cell::TargetK => Field::TargetK,
            Cell::TargetRp => Field::TargetRp,
            Cell::TwK(q) => Field::TwK(q),
            Cell::TwRp(q) => Field::TwRp(q),
            Cell::UnitPd => Field::UnitPd,
            Cell::Keterangan => Field::Keterangan,
            Cell::Sasaran => Field::Sasaran,
            Cell::Pendorong(_)
            | Cell::Penghambat(_)
            | Cell::TindakLanjut(_)
            | Cell::KeteranganTw(_)
            | Cell::Agregasi
            | Cell::Polaritas
            | Cell::Batas100
            | Cell::JenisNilai
            | Cell::Lokasi
            | Cell::SumberDana
            | Cell::CatatanPenting
            | Cell::MajuK
            | Cell::MajuRp
            | Cell::KasRp(_)
            | Cell::TargetTwK(_)
            | Cell::BulanRp(_) => return None,
        })
    }

    /// Every valid cell, in order (quarters 1..=4).
    pub fn all() -> Vec<Cell> {
        let mut out = vec![
            Cell::Indicator,
            Cell::Unit,
            Cell::RenstraK,
            Cell::RenstraRp,
            Cell::PrevK,
            Cell::PrevRp,
            Cell::TargetK,
            Cell::TargetRp,
        ];
        let quarterly: [QuarterCell; 6] = [
            Cell::TwK,
            Cell::TwRp,
            Cell::Pendorong,
            Cell::Penghambat,
            Cell::TindakLanjut,
            Cell::KeteranganTw,
        ];
        for make in quarterly {
            out.extend((1..=4).map(make));
        }
        out.extend([
            Cell::UnitPd,
            Cell::Keterangan,
            Cell::Agregasi,
            Cell::Polaritas,
            Cell::Batas100,
            Cell::JenisNilai,
            Cell::Lokasi,
            Cell::Sasaran,
            Cell::SumberDana,
            Cell::CatatanPenting,
            Cell::MajuK,
            Cell::MajuRp,
        ]);
        out.extend((1..=4).map(Cell::KasRp));
        out.extend((1..=4).map(Cell::TargetTwK));
        out.extend((1..=12).map(Cell::BulanRp));
        out
    }

    fn check(self) -> Result<(), EditError> {
        match self {
            Cell::BulanRp(m) if !month_ok(m) => return Err(EditError::BulanTidakAda { bulan: m }),
            Cell::BulanRp(_) => return Ok(()),
            _ => {}
        }
        match self.quarter() {
            Some(q) if !quarter_ok(q) => Err(EditError::TriwulanTidakAda { triwulan: q }),
            _ => Ok(()),
        }
    }
}

impl fmt::Display for Cell {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.key())
    }
}

impl From<Cell> for String {
    fn from(cell: Cell) -> String {
        cell.key()
    }
}

impl TryFrom<String> for Cell {
    type Error = EditError;

    fn try_from(key: String) -> Result<Cell, EditError> {
        key.parse()
    }
}

impl FromStr for Cell {
    type Err = EditError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Cell::parse_key(s).ok_or_else(|| EditError::KolomTidakDikenal(s.to_string()))
    }
}

/// The choices of a choice cell: (stable key, label in Bahasa Indonesia), in display order.
pub type Choices = &'static [(&'static str, &'static str)];

const AGREGASI: Choices = &[
    ("jumlah", "Jumlah seluruh triwulan"),
    ("terakhir", "Nilai triwulan terakhir"),
    ("maksimum", "Nilai tertinggi"),
    ("rata_rata", "Rata-rata"),
    ("akhir_tahun", "Nilai akhir tahun (TW IV)"),
];

const POLARITAS: Choices = &[
    ("naik", "Makin tinggi makin baik"),
    (
        "turun_rasio",
        "Makin rendah makin baik (target ÷ realisasi)",
    ),
    (
        "turun_cermin",
        "Makin rendah makin baik ((2 × target − realisasi) ÷ target)",
    ),
];

const BATAS_100: Choices = &[
    ("ya", "Ya, paling tinggi 100%"),
    ("tidak", "Tidak dibatasi"),
];

const JENIS_NILAI: Choices = &[
    ("jumlah", "Jumlah (angka dengan satuan)"),
    ("persen", "Persentase"),
    ("indeks", "Indeks atau skor"),
    ("predikat", "Predikat (AA sampai D)"),
    ("teks", "Teks"),
];

/// The choices of a choice cell ([`CellKind::Pilihan`]) as (key, label) pairs, for a
/// `<select>`; None for every other cell.
pub fn choices(cell: Cell) -> Option<Choices> {
    match cell {
        Cell::Agregasi => Some(AGREGASI),
        Cell::Polaritas => Some(POLARITAS),
        Cell::Batas100 => Some(BATAS_100),
        Cell::JenisNilai => Some(JENIS_NILAI),
        _ => None,
    }
}

/// The label of a choice cell's key (`rata_rata` → `Rata-rata`); None for an unknown key or
/// a cell without choices.
pub fn choice_label(cell: Cell, key: &str) -> Option<&'static str> {
    choices(cell)?
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, label)| *label)
}

fn aggregation_key(a: Aggregation) -> &'static str {
    match a {
        Aggregation::Sum => "jumlah",
        Aggregation::Last => "terakhir",
        Aggregation::Max => "maksimum",
        Aggregation::Average => "rata_rata",
        Aggregation::YearEnd => "akhir_tahun",
    }
}

fn polarity_key(p: Polarity) -> &'static str {
    match p {
        Polarity::HigherIsBetter => "naik",
        Polarity::LowerIsBetterRatio => "turun_rasio",
        Polarity::LowerIsBetterMirror => "turun_cermin",
    }
}

fn value_type_key(v: ValueType) -> &'static str {
    match v {
        ValueType::Count => "jumlah",
        ValueType::Percent => "persen",
        ValueType::Index => "indeks",
        ValueType::Grade => "predikat",
        ValueType::Text => "teks",
    }
}

/// The key a choice cell holds in these semantics; None for other cells.
fn semantics_key(sem: &IndicatorSemantics, cell: Cell) -> Option<&'static str> {
    Some(match cell {
        Cell::Agregasi => aggregation_key(sem.aggregation),
        Cell::Polaritas => polarity_key(sem.polarity),
        Cell::Batas100 => {
            if sem.cap_100 {
                "ya"
            } else {
                "tidak"
            }
        }
        Cell::JenisNilai => value_type_key(sem.value_type),
        _ => return None,
    })
}

/// Write a choice's key (one of [`choices`]) into the semantics; false (and nothing written)
/// for a key that is not one of the cell's choices.
fn set_semantics(sem: &mut IndicatorSemantics, cell: Cell, key: &str) -> bool {
    fn find<T: Copy>(all: &[T], key: &str, key_of: fn(T) -> &'static str) -> Option<T> {
        all.iter().copied().find(|v| key_of(*v) == key)
    }
    use Aggregation as A;
    use Polarity as P;
    use ValueType as V;
    let polarities = [
        P::HigherIsBetter,
        P::LowerIsBetterRatio,
        P::LowerIsBetterMirror,
    ];
    let aggregations = [A::Sum, A::Last, A::Max, A::Average, A::YearEnd];
    let value_types = [V::Count, V::Percent, V::Index, V::Grade, V::Text];
    match cell {
        Cell::Agregasi => match find(&aggregations, key, aggregation_key) {
            Some(v) => sem.aggregation = v,
            None => return false,
        },
        Cell::Polaritas => match find(&polarities, key, polarity_key) {
            Some(v) => sem.polarity = v,
            None => return false,
        },
        Cell::Batas100 => match key {
            "ya" => sem.cap_100 = true,
            "tidak" => sem.cap_100 = false,
            _ => return false,
        },
        Cell::JenisNilai => match find(&value_types, key, value_type_key) {
            Some(v) => sem.value_type = v,
            None => return false,
        },
        _ => return false,
    }
    true
}

/// `jumlah (Jumlah seluruh triwulan), terakhir (Nilai triwulan terakhir), …`
fn choices_text(list: Choices) -> String {
    list.iter()
        .map(|(key, label)| format!("{key} ({label})"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Lower case, whitespace runs as one space.
fn fold(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// A choice cell's input: its key or its label in any case, spaces and hyphens standing for
/// the key's underscores (`Rata-rata`, `akhir tahun`). Empty, `-` and anything else are refused.
fn parse_choice(cell: Cell, list: Choices, raw: &str) -> Result<&'static str, EditError> {
    let t = raw.trim();
    if t.is_empty() || (t.chars().count() <= 2 && is_dash(t)) {
        return Err(EditError::PilihanKosong {
            kolom: cell,
            pilihan: choices_text(list),
        });
    }
    let folded = fold(t);
    let as_key = folded.replace([' ', '-'], "_");
    list.iter()
        .find(|(key, label)| *key == as_key || fold(label) == folded)
        .map(|(key, _)| *key)
        .ok_or_else(|| {
            const SHOWN: usize = 60;
            let isian = if t.chars().count() > SHOWN {
                format!("{}…", t.chars().take(SHOWN).collect::<String>())
            } else {
                t.to_string()
            };
            EditError::BukanPilihan {
                kolom: cell,
                isian,
                pilihan: choices_text(list),
            }
        })
}

/// The value of one cell.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum CellValue {
    Empty,
    K(KValue),
    Rp(Decimal),
    Text(String),
}

impl CellValue {
    /// Empty, or an empty text.
    pub fn is_empty(&self) -> bool {
        match self {
            CellValue::Empty => true,
            CellValue::Text(t) => t.is_empty(),
            _ => false,
        }
    }

    /// The same value: numbers numerically (`1.50` = `1.5`), an empty text as Empty.
    pub fn same(&self, other: &CellValue) -> bool {
        (self.is_empty() && other.is_empty()) || self == other
    }

    fn kind_name(&self) -> &'static str {
        match self {
            CellValue::Empty => "kosong",
            CellValue::K(_) => "nilai kinerja",
            CellValue::Rp(_) => "angka rupiah",
            CellValue::Text(_) => "teks",
        }
    }
}

impl fmt::Display for CellValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&display(self))
    }
}

/// Why an edit was refused. Messages are in Bahasa Indonesia and do not repeat the cell's
/// name (callers put [`Cell::label`] in front when they need it); the cell is in `kolom`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    #[error("Kolom '{0}' tidak dikenal")]
    KolomTidakDikenal(String),
    #[error("Triwulan {triwulan} tidak ada: triwulan hanya I sampai IV")]
    TriwulanTidakAda { triwulan: u8 },
    #[error("Bulan {bulan} tidak ada: bulan hanya 1 sampai 12")]
    BulanTidakAda { bulan: u8 },
    #[error(
        "Realisasi Rp TW {triwulan} adalah jumlah realisasi bulanannya ({bulan}); ubah realisasi per bulan pada formulir Realisasi Anggaran."
    )]
    DariBulan {
        kolom: Cell,
        triwulan: &'static str,
        /// The quarter's months, as the message names them.
        bulan: String,
    },
    #[error("'{isian}' bukan angka")]
    BukanAngka { kolom: Cell, isian: String },
    #[error(
        "'{isian}' berisi satuan; tulis angkanya saja ({angka}), satuan diisi pada kolom Satuan"
    )]
    SatuanDalamIsian {
        kolom: Cell,
        isian: String,
        angka: String,
    },
    #[error("Teks terlalu panjang ({panjang} karakter, paling banyak {maks})")]
    TerlaluPanjang {
        kolom: Cell,
        panjang: usize,
        maks: usize,
    },
    #[error("Kolom ini harus berisi {harus}, bukan {diberikan}")]
    JenisTidakCocok {
        kolom: Cell,
        harus: &'static str,
        diberikan: &'static str,
    },
    #[error("Baris {nomor} tidak ada: dokumen berisi {jumlah} baris")]
    BarisTidakAda { nomor: usize, jumlah: usize },
    #[error("'{isian}' bukan pilihan yang dikenal; pilih salah satu: {pilihan}")]
    BukanPilihan {
        kolom: Cell,
        isian: String,
        /// The choices, as the message lists them.
        pilihan: String,
    },
    #[error("Belum dipilih; pilih salah satu: {pilihan}")]
    PilihanKosong {
        kolom: Cell,
        /// The choices, as the message lists them.
        pilihan: String,
    },
}

fn check_len(cell: Cell, text: &str) -> Result<(), EditError> {
    let n = text.chars().count();
    if n > MAX_TEKS {
        Err(EditError::TerlaluPanjang {
            kolom: cell,
            panjang: n,
            maks: MAX_TEKS,
        })
    } else {
        Ok(())
    }
}

fn narasi_text(n: &Narasi, cell: Cell) -> &String {
    match cell {
        Cell::Pendorong(_) => &n.pendorong,
        Cell::Penghambat(_) => &n.penghambat,
        Cell::TindakLanjut(_) => &n.tindak_lanjut,
        _ => &n.keterangan,
    }
}

fn narasi_text_mut(n: &mut Narasi, cell: Cell) -> &mut String {
    match cell {
        Cell::Pendorong(_) => &mut n.pendorong,
        Cell::Penghambat(_) => &mut n.penghambat,
        Cell::TindakLanjut(_) => &mut n.tindak_lanjut,
        _ => &mut n.keterangan,
    }
}

enum Slot<'a> {
    K(&'a mut Option<KValue>),
    Rp(&'a mut Option<Decimal>),
    Text(&'a mut String),
    Unit(&'a mut Option<String>),
    /// A choice cell: the row's semantics.
    Semantics(&'a mut IndicatorSemantics),
}

fn slot(row: &mut Row, cell: Cell) -> Result<Slot<'_>, EditError> {
    cell.check()?;
    let q = |q: u8| quarter_index(q).ok_or(EditError::TriwulanTidakAda { triwulan: q });
    Ok(match cell {
        Cell::Indicator => Slot::Text(&mut row.indicator),
        Cell::Unit => Slot::Unit(&mut row.unit),
        Cell::RenstraK => Slot::K(&mut row.renstra.k),
        Cell::RenstraRp => Slot::Rp(&mut row.renstra.rp),
        Cell::PrevK => Slot::K(&mut row.prev.k),
        Cell::PrevRp => Slot::Rp(&mut row.prev.rp),
        Cell::TargetK => Slot::K(&mut row.target.k),
        Cell::TargetRp => Slot::Rp(&mut row.target.rp),
        Cell::TwK(n) => Slot::K(&mut row.tw[q(n)?].k),
        Cell::TwRp(n) => Slot::Rp(&mut row.tw[q(n)?].rp),
        Cell::Pendorong(n)
        | Cell::Penghambat(n)
        | Cell::TindakLanjut(n)
        | Cell::KeteranganTw(n) => Slot::Text(narasi_text_mut(&mut row.narasi[q(n)?], cell)),
        Cell::UnitPd => Slot::Text(&mut row.unit_pd),
        Cell::Keterangan => Slot::Text(&mut row.keterangan),
        Cell::Agregasi | Cell::Polaritas | Cell::Batas100 | Cell::JenisNilai => {
            Slot::Semantics(&mut row.semantics)
        }
        Cell::Lokasi => Slot::Text(&mut row.rencana.lokasi),
        Cell::Sasaran => Slot::Text(&mut row.rencana.sasaran),
        Cell::SumberDana => Slot::Text(&mut row.rencana.sumber_dana),
        Cell::CatatanPenting => Slot::Text(&mut row.rencana.catatan_penting),
        Cell::MajuK => Slot::K(&mut row.rencana.maju.k),
        Cell::MajuRp => Slot::Rp(&mut row.rencana.maju.rp),
        Cell::KasRp(n) => Slot::Rp(&mut row.rencana.triwulan[q(n)?].rp),
        Cell::TargetTwK(n) => Slot::K(&mut row.rencana.triwulan[q(n)?].k),
        Cell::BulanRp(m) => Slot::Rp(&mut row.rencana.bulan[usize::from(m - 1)]),
    })
}

fn text_value(t: &str) -> CellValue {
    if t.is_empty() {
        CellValue::Empty
    } else {
        CellValue::Text(t.to_string())
    }
}

/// The value of a cell. K cells give K or Empty, Rp cells Rp or Empty, text cells Text or
/// Empty (an empty text), choice cells always Text (the choice's key). A cell whose quarter
/// does not exist is Empty.
pub fn get(row: &Row, cell: Cell) -> CellValue {
    let k = |v: &Option<KValue>| v.clone().map_or(CellValue::Empty, CellValue::K);
    let rp = |v: Option<Decimal>| v.map_or(CellValue::Empty, CellValue::Rp);
    match cell {
        Cell::Indicator => text_value(&row.indicator),
        Cell::Unit => text_value(row.unit.as_deref().unwrap_or_default()),
        Cell::RenstraK => k(&row.renstra.k),
        Cell::RenstraRp => rp(row.renstra.rp),
        Cell::PrevK => k(&row.prev.k),
        Cell::PrevRp => rp(row.prev.rp),
        Cell::TargetK => k(&row.target.k),
        Cell::TargetRp => rp(row.target.rp),
        Cell::TwK(q) => quarter_index(q).map_or(CellValue::Empty, |i| k(&row.tw[i].k)),
        Cell::TwRp(q) => quarter_index(q).map_or(CellValue::Empty, |i| rp(row.tw[i].rp)),
        Cell::Pendorong(q)
        | Cell::Penghambat(q)
        | Cell::TindakLanjut(q)
        | Cell::KeteranganTw(q) => quarter_index(q).map_or(CellValue::Empty, |i| {
            text_value(narasi_text(&row.narasi[i], cell))
        }),
        Cell::UnitPd => text_value(&row.unit_pd),
        Cell::Keterangan => text_value(&row.keterangan),
        Cell::Agregasi | Cell::Polaritas | Cell::Batas100 | Cell::JenisNilai => {
            semantics_key(&row.semantics, cell)
                .map_or(CellValue::Empty, |key| CellValue::Text(key.into()))
        }
        Cell::Lokasi => text_value(&row.rencana.lokasi),
        Cell::Sasaran => text_value(&row.rencana.sasaran),
        Cell::SumberDana => text_value(&row.rencana.sumber_dana),
        Cell::CatatanPenting => text_value(&row.rencana.catatan_penting),
        Cell::MajuK => k(&row.rencana.maju.k),
        Cell::MajuRp => rp(row.rencana.maju.rp),
        Cell::KasRp(q) => {
            quarter_index(q).map_or(CellValue::Empty, |i| rp(row.rencana.triwulan[i].rp))
        }
        Cell::TargetTwK(q) => {
            quarter_index(q).map_or(CellValue::Empty, |i| k(&row.rencana.triwulan[i].k))
        }
        Cell::BulanRp(m) => match usize::from(m).checked_sub(1) {
            Some(i) if i < 12 => rp(row.rencana.bulan[i]),
            _ => CellValue::Empty,
        },
    }
}

/// Whether quarter `q`'s realisasi Rp of the row is the sum of its months: some month of the
/// quarter holds a value ([`crate::model::NilaiRencana::bulan`]).
pub fn tw_dari_bulan(row: &Row, q: u8) -> bool {
    quarter_ok(q) && bulan_triwulan(q).any(|m| row.rencana.bulan[usize::from(m - 1)].is_some())
}

/// Why a person may not write `cell` of the row directly although the cell exists: a quarter's
/// realisasi Rp that is the sum of its months ([`tw_dari_bulan`]) changes through its months.
pub fn dari_bulan(row: &Row, cell: Cell) -> Option<EditError> {
    let Cell::TwRp(q) = cell else {
        return None;
    };
    tw_dari_bulan(row, q).then(|| EditError::dari_bulan(q))
}

impl EditError {
    /// [`EditError::DariBulan`] of quarter `q` (1..=4).
    pub fn dari_bulan(q: u8) -> EditError {
        EditError::DariBulan {
            kolom: Cell::TwRp(q),
            triwulan: roman(q),
            bulan: bulan_triwulan(q)
                .map(|m| crate::tanggal::BULAN[usize::from(m - 1)])
                .collect::<Vec<_>>()
                .join(", "),
        }
    }
}

/// Write a cell. A value of the wrong kind, a quarter outside 1..=4, a text longer than
/// [`MAX_TEKS`], or for a choice cell anything but one of its choices (key or label; Empty
/// too) is refused and the row is left as it was.
pub fn set(row: &mut Row, cell: Cell, value: CellValue) -> Result<(), EditError> {
    match &value {
        CellValue::Text(t) | CellValue::K(KValue::Text(t)) => check_len(cell, t)?,
        _ => {}
    }
    tulis(row, cell, value)
}

/// [`set`] without the length limit of what a person types: a value that is already a
/// document's (a file's text as it was read) is written back as it is.
pub(crate) fn tulis(row: &mut Row, cell: Cell, value: CellValue) -> Result<(), EditError> {
    let mismatch = |v: &CellValue| EditError::JenisTidakCocok {
        kolom: cell,
        harus: cell.kind().name(),
        diberikan: v.kind_name(),
    };
    match (slot(row, cell)?, value) {
        (Slot::K(s), CellValue::K(v)) => *s = Some(v),
        (Slot::K(s), CellValue::Empty) => *s = None,
        (Slot::Rp(s), CellValue::Rp(v)) => *s = Some(v),
        (Slot::Rp(s), CellValue::Empty) => *s = None,
        (Slot::Text(s), CellValue::Text(v)) => *s = v,
        (Slot::Text(s), CellValue::Empty) => s.clear(),
        (Slot::Unit(s), CellValue::Text(v)) => *s = (!v.is_empty()).then_some(v),
        (Slot::Unit(s), CellValue::Empty) => *s = None,
        (Slot::Semantics(s), CellValue::Text(v)) => {
            let list = choices(cell).unwrap_or_default();
            let key = parse_choice(cell, list, &v)?;
            if !set_semantics(s, cell, key) {
                return Err(EditError::BukanPilihan {
                    kolom: cell,
                    isian: v,
                    pilihan: choices_text(list),
                });
            }
        }
        (Slot::Semantics(_), CellValue::Empty) => {
            return Err(EditError::PilihanKosong {
                kolom: cell,
                pilihan: choices_text(choices(cell).unwrap_or_default()),
            })
        }
        (_, v) => return Err(mismatch(&v)),
    }
    Ok(())
}

fn is_dash(t: &str) -> bool {
    matches!(num::parse_cell(t).0.value, num::CellValue::Dash)
}

/// Read what a person typed into a cell. See the module doc for the rules.
pub fn parse_input(cell: Cell, raw: &str) -> Result<CellValue, EditError> {
    cell.check()?;
    if let Some(list) = choices(cell) {
        return parse_choice(cell, list, raw).map(|key| CellValue::Text(key.into()));
    }
    let t = raw.trim();
    if t.is_empty() || (t.chars().count() <= 2 && is_dash(t)) {
        return Ok(CellValue::Empty);
    }
    let bukan_angka = || EditError::BukanAngka {
        kolom: cell,
        isian: t.to_string(),
    };
    match cell.kind() {
        CellKind::Rp => parse_number_input(t)
            .map(CellValue::Rp)
            .map_err(|_| bukan_angka()),
        CellKind::Text => {
            check_len(cell, t)?;
            Ok(CellValue::Text(t.to_string()))
        }
        // Handled above: every choice cell has choices.
        CellKind::Pilihan => Err(EditError::PilihanKosong {
            kolom: cell,
            pilihan: String::new(),
        }),
        CellKind::K => {
            let (parsed, problems) = num::parse_cell(t);
            match parsed.value {
                num::CellValue::Blank | num::CellValue::Dash => Ok(CellValue::Empty),
                num::CellValue::Grade { grade, score } => {
                    Ok(CellValue::K(KValue::Grade { grade, score }))
                }
                num::CellValue::Number {
                    value, unit: None, ..
                } => Ok(CellValue::K(KValue::Number(value))),
                num::CellValue::Number {
                    value,
                    unit: Some(_),
                    ..
                } => Err(EditError::SatuanDalamIsian {
                    kolom: cell,
                    isian: t.to_string(),
                    angka: number_text(value),
                }),
                num::CellValue::Text(s) => {
                    if problems.iter().any(|p| p.severity == Severity::Error) {
                        return Err(bukan_angka());
                    }
                    check_len(cell, &s)?;
                    Ok(CellValue::K(KValue::Text(s)))
                }
            }
        }
    }
}

/// A number with the decimals it has: `1.234.567,89`, `12,5`, `1.000`.
fn number_text(d: Decimal) -> String {
    format_id(d, d.scale())
}

/// A value as a person reads it (and can type it back): `1.234.567,89` (the decimals the value
/// has), `BB`, `BB (71,51)`, the text itself; Empty is `""`.
pub fn display(value: &CellValue) -> String {
    match value {
        CellValue::Empty => String::new(),
        CellValue::Rp(d) | CellValue::K(KValue::Number(d)) => number_text(*d),
        CellValue::K(KValue::Grade { grade, score }) => match score {
            None => format!("{grade:?}"),
            Some(s) => format!("{grade:?} ({})", number_text(*s)),
        },
        CellValue::K(KValue::Text(t)) | CellValue::Text(t) => t.clone(),
    }
}
