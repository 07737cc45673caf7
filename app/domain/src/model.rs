//! The document model shared by every layer: what a form's rows hold once read.
//!
//! This is the contract between the xlsx reader (which fills it from a workbook), the
//! computations (which read it) and the UI/store (which show and persist it). Pure data.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Where a problem is. Either a sheet cell (from the reader) or a document row + field
/// (from the computations, which know no sheets; the reader maps those to cells).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Location {
    /// Sheet name, when known.
    pub sheet: Option<String>,
    /// A1-style cell reference (`K14`), when known.
    pub cell: Option<String>,
    /// Index into `Document::rows`, when the problem is about a document row.
    pub row: Option<usize>,
    /// Which field of the row, when known.
    pub field: Option<Field>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Worth knowing; nothing is wrong with the numbers.
    Info,
    /// Probably wrong in the user's data (a total that does not add up, units that differ).
    Warning,
    /// The value could not be read or computed.
    Error,
}

/// A located problem, with its message in Bahasa Indonesia.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    pub severity: Severity,
    /// Stable machine code, e.g. `bukan_angka`, `jumlah_induk`, `satuan_berbeda`.
    pub code: String,
    pub message: String,
    pub at: Location,
}

/// The columns of a form row that hold values, by meaning (not by sheet column).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Kode,
    Name,
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
    C12K,
    C12Rp,
    C13K,
    C13Rp,
    C14K,
    C14Rp,
    C15K,
    C15Rp,
    UnitPd,
    Keterangan,
    /// Column 2 of Formulir E.81: the sasaran (or IKU) a program, kegiatan or sub kegiatan
    /// serves (`NilaiRencana::sasaran`).
    Sasaran,
    /// The rencana aksi's target of quarter 1..=4 (`NilaiRencana::triwulan[q - 1].k`): the
    /// target triwulan tables and the laporan triwulan print it beside the realisasi.
    TargetTwK(u8),
}

/// Planning level of a row. `Indikator` is an extra indicator row of the node above it.
///
/// Two trees share a document: the budget tree (program → kegiatan → sub kegiatan, the rows
/// Formulir E.81 prints) and the performance tree (tujuan → sasaran, each with its indicators:
/// the IKU of the Renstra and of a Kepala PD's Perjanjian Kinerja). A row of one tree is never
/// the parent of a row of the other ([`crate::e81::structure`]), wherever it stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Program,
    Kegiatan,
    SubKegiatan,
    Indikator,
    /// Tujuan (Renstra): the top of the performance tree.
    Tujuan,
    /// Sasaran (strategis): under its tujuan; its indicators are the IKU.
    Sasaran,
}

impl Level {
    /// Depth in its tree: program 0, kegiatan 1, sub kegiatan 2, extra indicator 3; tujuan 0,
    /// sasaran 1.
    pub fn rank(self) -> u8 {
        match self {
            Level::Program | Level::Tujuan => 0,
            Level::Kegiatan | Level::Sasaran => 1,
            Level::SubKegiatan => 2,
            Level::Indikator => 3,
        }
    }

    /// Every level: the budget tree from its top, the extra indicator, then the performance
    /// tree from its top.
    pub const ALL: [Level; 6] = [
        Level::Program,
        Level::Kegiatan,
        Level::SubKegiatan,
        Level::Indikator,
        Level::Tujuan,
        Level::Sasaran,
    ];

    /// The level's stable name (as serde writes it): `program`, `kegiatan`, `sub_kegiatan`,
    /// `indikator`, `tujuan`, `sasaran`.
    pub fn key(self) -> &'static str {
        match self {
            Level::Program => "program",
            Level::Kegiatan => "kegiatan",
            Level::SubKegiatan => "sub_kegiatan",
            Level::Indikator => "indikator",
            Level::Tujuan => "tujuan",
            Level::Sasaran => "sasaran",
        }
    }

    /// The level of a [`Level::key`].
    pub fn parse(key: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|l| l.key() == key)
    }

    /// A node of the performance tree (tujuan, sasaran).
    pub fn kinerja(self) -> bool {
        matches!(self, Level::Tujuan | Level::Sasaran)
    }
}

/// Which rows belong to the performance tree: its nodes (tujuan, sasaran) and the extra
/// indicator rows under them. Every other row is the budget tree's (what Formulir E.81, the
/// Renja and the realisasi anggaran print).
pub fn baris_kinerja(rows: &[Row]) -> Vec<bool> {
    let mut out = Vec::with_capacity(rows.len());
    let mut under = false;
    for row in rows {
        if row.level != Level::Indikator {
            under = row.level.kinerja();
        }
        out.push(under);
    }
    out
}

/// SAKIP-style letter grade, ordered worst to best so `Ord` compares them as quality.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Grade {
    D,
    C,
    CC,
    B,
    BB,
    A,
    AA,
}

/// A K (kinerja) value: a number (count, percentage in percent units, index), a grade, or text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum KValue {
    Number(Decimal),
    Grade {
        grade: Grade,
        score: Option<Decimal>,
    },
    Text(String),
}

/// A K/Rp pair as the form prints it. `None` = blank or `-`.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct Pair {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub k: Option<KValue>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rp: Option<Decimal>,
}

impl Pair {
    /// Neither K nor Rp.
    pub fn is_empty(&self) -> bool {
        self.k.is_none() && self.rp.is_none()
    }
}

/// Values a file states for the computed columns 12–15 (kept to check them against ours).
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct Stated {
    #[serde(default, skip_serializing_if = "Pair::is_empty")]
    pub c12: Pair,
    #[serde(default, skip_serializing_if = "Pair::is_empty")]
    pub c13: Pair,
    #[serde(default, skip_serializing_if = "Pair::is_empty")]
    pub c14: Pair,
    #[serde(default, skip_serializing_if = "Pair::is_empty")]
    pub c15: Pair,
}

impl Stated {
    /// The file stated none of columns 12–15.
    pub fn is_empty(&self) -> bool {
        [&self.c12, &self.c13, &self.c14, &self.c15]
            .iter()
            .all(|p| p.is_empty())
    }
}

/// How an indicator's quarterly values combine into the year's realisation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Aggregation {
    /// Increments: 12 = 8+9+10+11.
    #[default]
    Sum,
    /// Stock/level: the latest quarter with a value.
    Last,
    Max,
    Average,
    /// Only the TW IV value counts.
    YearEnd,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Polarity {
    #[default]
    HigherIsBetter,
    /// capaian = target / realisasi × 100
    LowerIsBetterRatio,
    /// capaian = (2 × target − realisasi) / target × 100
    LowerIsBetterMirror,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum ValueType {
    #[default]
    Count,
    Percent,
    Index,
    Grade,
    Text,
}

/// What an indicator means, per row; defaults come from its unit and values.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub struct IndicatorSemantics {
    pub value_type: ValueType,
    pub aggregation: Aggregation,
    pub polarity: Polarity,
    /// Cap capaian at 100 %.
    pub cap_100: bool,
}

/// What a row's people wrote about one quarter: the E.81 footer's narrative, per row.
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Narasi {
    /// Faktor pendorong keberhasilan kinerja.
    pub pendorong: String,
    /// Faktor penghambat pencapaian kinerja.
    pub penghambat: String,
    /// Tindak lanjut yang diperlukan.
    pub tindak_lanjut: String,
    /// Keterangan for the quarter.
    pub keterangan: String,
}

impl Narasi {
    /// All four texts are empty.
    pub fn is_empty(&self) -> bool {
        self.pendorong.is_empty()
            && self.penghambat.is_empty()
            && self.tindak_lanjut.is_empty()
            && self.keterangan.is_empty()
    }
}

/// Where a row's canonical code came from when the file did not state it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KodeSource {
    /// Found in the national nomenclature: the row's name is the node's name exactly
    /// (normalised), under its parent ([`crate::nomenklatur`]).
    Found,
    /// Chosen by the person (the mapping page's suggestions, or typed).
    Confirmed,
}

fn no_narasi(n: &[Narasi; 4]) -> bool {
    n.iter().all(Narasi::is_empty)
}

/// The values of a row's node and indicator that the plan keeps and Formulir E.81 does not
/// print: the Renja's lokasi, sumber dana, catatan penting and prakiraan maju n+1, the anggaran
/// kas per quarter of a SIPD *rencana anggaran kas*, the rencana aksi's target per quarter, the
/// realisasi per month.
/// They are cells of the row ([`crate::edit::Cell`]), so they are stored, logged, versioned,
/// merged and restored like every other cell; the forms that print them read them through the
/// plan ([`crate::rencana::e81::kunci_sel`]). Left out of the JSON while all empty.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct NilaiRencana {
    /// The sasaran strategis — or one IKU of it — whose budget this node is (Formulir E.81
    /// column 2, seed 000's Tabel 3.11 cascade), as written; empty when the node serves the
    /// sasaran of the node above it ([`crate::lkjip::dukungan`]).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub sasaran: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub lokasi: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub sumber_dana: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub catatan_penting: String,
    /// Prakiraan maju n+1: target (K) and pagu (Rp).
    #[serde(default, skip_serializing_if = "Pair::is_empty")]
    pub maju: Pair,
    /// Each quarter's plan (index 0 = TW I): K the rencana aksi's target of the quarter, Rp
    /// its anggaran kas.
    #[serde(default, skip_serializing_if = "no_plan")]
    pub triwulan: [Pair; 4],
    /// Realisasi Rp of each month (index 0 = Januari), where a source gives months (a SIPD
    /// realisasi export by month, or typed in the *Realisasi Anggaran* form). A quarter with
    /// any month holds their sum as its realisasi Rp ([`crate::rollup::bulan_ke_triwulan`]).
    #[serde(default, skip_serializing_if = "no_months")]
    pub bulan: [Option<Decimal>; 12],
}

fn no_plan(v: &[Pair; 4]) -> bool {
    v.iter().all(Pair::is_empty)
}

fn no_months(v: &[Option<Decimal>; 12]) -> bool {
    v.iter().all(Option::is_none)
}

impl NilaiRencana {
    pub fn is_empty(&self) -> bool {
        self == &NilaiRencana::default()
    }
}

/// One data row of an E.81 (or a form with its skeleton).
///
/// JSON: empty pairs, stated values and narrative are left out (and read back as empty), so
/// the documents the store keeps and the grid loads stay small.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Row {
    /// 1-based row number in the source sheet (0 when the row was not read from a sheet).
    pub sheet_row: u32,
    pub level: Level,
    /// Canonical code (`5.03.02.2.01.06`), or None.
    pub kode: Option<String>,
    /// The code as the file spelled it.
    pub kode_raw: Option<String>,
    pub name: String,
    pub indicator: String,
    /// Unit as the agency spells it (`Dok`, `%`, `Orang`).
    pub unit: Option<String>,
    pub semantics: IndicatorSemantics,
    pub renstra: Pair,
    pub prev: Pair,
    pub target: Pair,
    pub tw: [Pair; 4],
    #[serde(default, skip_serializing_if = "Stated::is_empty")]
    pub stated: Stated,
    pub unit_pd: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub keterangan: String,
    /// Narrative per quarter (index 0 = TW I). Left out of the JSON while all empty.
    #[serde(default, skip_serializing_if = "no_narasi")]
    pub narasi: [Narasi; 4],
    /// How `kode` was obtained when the file did not state it; None when the file stated it
    /// (or the document predates this field). Left out of the JSON while None.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kode_sumber: Option<KodeSource>,
    /// The plan's values of the row that E.81 does not print.
    #[serde(default, skip_serializing_if = "NilaiRencana::is_empty")]
    pub rencana: NilaiRencana,
}

impl Row {
    /// An empty row of `level`: no code, names, values or narrative (what builders start from).
    pub fn empty(level: Level) -> Row {
        Row {
            sheet_row: 0,
            level,
            kode: None,
            kode_raw: None,
            name: String::new(),
            indicator: String::new(),
            unit: None,
            semantics: IndicatorSemantics::default(),
            renstra: Pair::default(),
            prev: Pair::default(),
            target: Pair::default(),
            tw: Default::default(),
            stated: Stated::default(),
            unit_pd: String::new(),
            keterangan: String::new(),
            narasi: Default::default(),
            kode_sumber: None,
            rencana: NilaiRencana::default(),
        }
    }

    /// The code as people see it: the canonical one, else as the file spelled it.
    pub fn kode_shown(&self) -> Option<&str> {
        self.kode.as_deref().or(self.kode_raw.as_deref())
    }
}

/// A form document: the rows and the facts of its title block and footer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
pub struct Document {
    /// `E.81`, …
    pub form: String,
    pub sheet: String,
    pub year: Option<i32>,
    /// 1..=4
    pub quarter: Option<u8>,
    pub region: Option<String>,
    pub pd: Option<String>,
    pub rows: Vec<Row>,
}

impl Document {
    /// The document as JSON. Serialised here, in the domain crate, so the code is compiled
    /// (and optimised) once with the core rather than in every caller.
    pub fn to_json(&self) -> String {
        // A document has only string keys and no maps with non-string keys: cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Whether any row is of the performance tree (tujuan, sasaran).
    pub fn ada_kinerja(&self) -> bool {
        self.rows.iter().any(|r| r.level.kinerja())
    }

    /// The document without its performance tree: the rows Formulir E.81, the Renja and the
    /// realisasi anggaran print (the budget tree's, in their order). The same document when it
    /// has no tujuan or sasaran.
    pub fn anggaran_saja(&self) -> std::borrow::Cow<'_, Document> {
        if !self.ada_kinerja() {
            return std::borrow::Cow::Borrowed(self);
        }
        let kinerja = baris_kinerja(&self.rows);
        let rows = self
            .rows
            .iter()
            .zip(kinerja)
            .filter(|(_, k)| !k)
            .map(|(r, _)| r.clone())
            .collect();
        std::borrow::Cow::Owned(Document {
            rows,
            ..self.clone_head()
        })
    }

    /// The document's head (form, sheet, year, quarter, region, PD) without rows.
    fn clone_head(&self) -> Document {
        Document {
            form: self.form.clone(),
            sheet: self.sheet.clone(),
            year: self.year,
            quarter: self.quarter,
            region: self.region.clone(),
            pd: self.pd.clone(),
            rows: Vec::new(),
        }
    }
}
