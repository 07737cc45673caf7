//! What Capaian understood of a sheet, column by column, and what it needs the person to
//! decide before anything is stored: the base of the mapping page.
//!
//! [`read_for_review`] reads a workbook like [`crate::read_workbook`] and adds:
//! - [`Mapping`]: every column of the header with the role chosen ([`ColumnRole`]), its
//!   Indonesian label ("Target tahun berjalan — Rp"), the money scale, a [`Confidence`] and
//!   the evidence behind it (the header's wording, sub-labels, what the data rows hold:
//!   amounts under Rp, small numbers under K, parents equal to the sum of their rows);
//! - [`Decision`]s: the questions that stop a silent nonsense import (no money read at all,
//!   totals of zero while the sheet holds amounts, a column of numbers with no role, a role
//!   chosen with low confidence, levels guessed, a header without data rows);
//! - [`ProblemGroup`]s: the problems grouped by cause, one entry per cause with its cells.
//!
//! The person's answers go back in as [`ReadOptions`] ([`read_for_review_with`]): a role per
//! column, a level per row, a code per row. The mapping's [`Mapping::signature`] identifies the
//! layout so a workspace can remember the answers for next quarter's file.
//!
//! With [`ReadOptions::nomenklatur`] the reading is checked against the national nomenclature
//! ([`capaian_domain::nomenklatur`], data in [`crate::nomenklatur`]): stated codes validated
//! (problems at the Kode cell, grouped per cause), rows without a code given the code of the
//! node with exactly their name (marked [`KodeSource::Found`]), and for the person to confirm:
//! [`Reading::kode_suggestions`] (names only close or carried by several nodes, codes
//! unknown or replaced) and
//! [`Reading::indicator_suggestions`] (a sub kegiatan's standard indikator and satuan).

use capaian_domain::kode;
use capaian_domain::model::{Field, KodeSource, Level, Location, Problem, Severity};
use capaian_domain::nomenklatur::{IndicatorSuggestion, JenisPemda, KodeSuggestion, Review};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::ReadError;
use crate::guard::Limits;
use crate::header::{is_money, Sub};
use crate::profile::{FormProfile, GroupKey};
use crate::reader::{read_detailed, Became, Detail};
pub use crate::reader::{ColumnOverride, KodeOverride, LevelOverride, ReadOptions};
use crate::{col_letter, Import};

/// What a column is read as.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ColumnRole {
    /// A field of the document (name, indicator, a K or Rp half of a measure, satuan, …).
    Field { field: Field },
    /// One part of a Kode split over several columns (urusan | bidang | program | kegiatan).
    KodePart { part: u8 },
    /// The satuan sub-column of a K field.
    UnitOf { field: Field },
    /// Read past on purpose.
    Ignored { reason: IgnoreReason },
    /// The header names nothing Capaian knows.
    Unknown,
}

/// Why a column is read past.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IgnoreReason {
    /// The `No` column.
    Nomor,
    /// Visi, Misi, Tujuan.
    Konteks,
    /// Sasaran (RPJMD, PD).
    Sasaran,
    /// A quarter's cumulative `%`: Capaian computes it.
    PersenKumulatif,
}

/// How sure the engine is of a column's role.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    /// Something contradicts the role (amounts under K, small numbers under Rp, an unnamed
    /// column holding numbers): the person decides.
    Low,
    /// Taken by position or from wording alone, nothing contradicts it.
    Medium,
    /// The header names it (with its sub-label) and the data agree.
    High,
}

/// One column of the sheet as the engine understood it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ColumnMapping {
    /// 1-based column.
    pub col: u32,
    pub letter: String,
    /// Header texts over the column, top to bottom (merged titles propagated).
    pub header: Vec<String>,
    pub role: ColumnRole,
    /// The role in Indonesian, as the mapping page shows it.
    pub label: String,
    /// Rupiah per unit written (`1000` under `Rp. (000)`), for money columns with a scale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale: Option<Decimal>,
    pub confidence: Confidence,
    /// Why (Indonesian, one reason per entry).
    pub evidence: Vec<String>,
    /// Non-empty cells in the data rows, and how many of them are numbers.
    pub filled: u32,
    pub numbers: u32,
}

/// The columns of the sheet read, and the layout's signature.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Mapping {
    pub form: String,
    pub sheet: String,
    /// Identifies the layout (header wording per column): the same layout next quarter has
    /// the same signature, so a confirmed mapping can be remembered by it.
    pub signature: String,
    pub columns: Vec<ColumnMapping>,
}

impl Mapping {
    /// The mapping of a 1-based column.
    pub fn column(&self, col: u32) -> Option<&ColumnMapping> {
        self.columns.iter().find(|c| c.col == col)
    }

    /// The column given a field.
    pub fn column_of(&self, field: Field) -> Option<&ColumnMapping> {
        self.columns
            .iter()
            .find(|c| c.role == ColumnRole::Field { field })
    }

    /// These roles as options to read the same layout again without the questions.
    pub fn as_options(&self) -> ReadOptions {
        ReadOptions {
            columns: self
                .columns
                .iter()
                .map(|c| ColumnOverride {
                    col: c.col,
                    role: c.role.clone(),
                    scale: c.scale,
                })
                .collect(),
            ..ReadOptions::default()
        }
    }
}

/// A question the person must answer before the document is stored.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Decision {
    /// The header was found but no data rows follow it.
    TanpaBarisData {
        sheet: String,
        row: u32,
        message: String,
    },
    /// No rupiah amount was read at all (money columns missing or empty).
    AnggaranKosong {
        /// Letters of the columns read as money.
        columns: Vec<String>,
        message: String,
    },
    /// Money was read but every total is zero while the sheet holds amounts elsewhere.
    TotalNol { message: String },
    /// A column holding numbers that no role was given; `guess` is the role it most likely
    /// has (the Rp half beside a K column without one, the next part of a Kode).
    KolomTanpaPeran {
        col: u32,
        letter: String,
        numbers: u32,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        guess: Option<ColumnRole>,
        message: String,
    },
    /// A role chosen with low confidence.
    PeranTidakPasti {
        col: u32,
        letter: String,
        role: ColumnRole,
        message: String,
    },
    /// Some rows' level (kegiatan / sub kegiatan) was guessed from sums.
    TingkatTidakPasti { message: String },
}

impl Decision {
    pub fn message(&self) -> &str {
        match self {
            Decision::TanpaBarisData { message, .. }
            | Decision::AnggaranKosong { message, .. }
            | Decision::TotalNol { message }
            | Decision::KolomTanpaPeran { message, .. }
            | Decision::PeranTidakPasti { message, .. }
            | Decision::TingkatTidakPasti { message } => message,
        }
    }
}

/// Problems of one cause, with the cells they cover.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProblemGroup {
    pub severity: Severity,
    pub code: String,
    /// The sheet column (letters) when every problem of the group is in one column.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<Field>,
    pub count: usize,
    /// Every cell covered (A1 references), in order.
    pub cells: Vec<String>,
    /// One sentence: the cause, how many cells, the first cells.
    pub message: String,
    /// The first problem as found (its full message is an example).
    pub first: Problem,
}

/// One of the first rows of the data area, as the sheet shows it, and what it became.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PreviewRow {
    /// 1-based sheet row.
    pub sheet_row: u32,
    /// The non-empty cells' text: (1-based column, text).
    pub cells: Vec<(u32, String)>,
    pub read_as: RowReading,
}

/// What a previewed sheet row became.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RowReading {
    /// Document row `index`, at `level`.
    Baris { index: usize, level: Level },
    /// Read past: a numbering or unit row, a heading, a row without name or values.
    Dilewati,
    /// The footer or signature block starts here.
    Akhir,
}

/// A workbook read for review: the document, the mapping, the questions, the problems.
#[derive(Clone, Debug, PartialEq)]
pub struct Reading {
    pub import: Import,
    pub mapping: Mapping,
    /// The first rows of the data area as the sheet has them, each with what it became.
    pub preview: Vec<PreviewRow>,
    /// Empty when the document can be stored as read.
    pub decisions: Vec<Decision>,
    /// `import.problems` grouped by cause.
    pub problem_groups: Vec<ProblemGroup>,
    /// The nomenclature the codes were checked against (with [`ReadOptions::nomenklatur`]):
    /// given in the options, or read from the title and the codes; None when unknown.
    pub jenis_pemda: Option<JenisPemda>,
    /// The codes to offer, for the person to confirm ([`ReadOptions::kodes`]): for rows
    /// without a code whose name is only close to nodes of the nomenclature or carried by
    /// several, and for rows whose stated code the nomenclature does not have or replaced.
    pub kode_suggestions: Vec<KodeSuggestion>,
    /// Sub kegiatan rows without indicator or satuan: the nomenclature's standard ones, to
    /// offer (never written by the reading).
    pub indicator_suggestions: Vec<IndicatorSuggestion>,
}

impl Reading {
    /// Must the person decide something before this is stored?
    pub fn needs_decision(&self) -> bool {
        !self.decisions.is_empty()
    }
}

/// Read a Formulir E.81 workbook (xlsx or xls) for review.
pub fn read_for_review(bytes: &[u8], limits: &Limits) -> Result<Reading, ReadError> {
    read_for_review_with(bytes, limits, &FormProfile::e81(), &ReadOptions::default())
}

/// Read a workbook for review with a profile and the person's choices (column roles, row
/// levels); the roles given are taken as decided (high confidence).
pub fn read_for_review_with(
    bytes: &[u8],
    limits: &Limits,
    profile: &FormProfile,
    options: &ReadOptions,
) -> Result<Reading, ReadError> {
    let (mut import, detail) = read_detailed(bytes, limits, profile, options)?;
    let review = nomenklatur_pass(&mut import, options);
    let mapping = build_mapping(&import, &detail, options);
    let decisions = decide(&import, &mapping, &detail);
    let problem_groups = group_problems(&import.problems);
    let preview = detail
        .preview
        .iter()
        .map(|(sheet_row, cells, became)| PreviewRow {
            sheet_row: *sheet_row,
            cells: cells.iter().map(|(c, t)| (c + 1, t.clone())).collect(),
            read_as: match became {
                Became::Row(i) => RowReading::Baris {
                    index: *i,
                    level: import
                        .document
                        .rows
                        .get(*i)
                        .map_or(Level::Indikator, |r| r.level),
                },
                Became::Skipped => RowReading::Dilewati,
                Became::Footer => RowReading::Akhir,
            },
        })
        .collect();
    Ok(Reading {
        import,
        mapping,
        preview,
        decisions,
        problem_groups,
        jenis_pemda: review.jenis,
        kode_suggestions: review.kode_suggestions,
        indicator_suggestions: review.indicator_suggestions,
    })
}

/// The Indonesian name of a field, as the mapping page labels a column.
pub fn field_label(f: Field) -> String {
    let q = |n: u8| match n {
        1 => "I",
        2 => "II",
        3 => "III",
        _ => "IV",
    };
    match f {
        Field::Kode => "Kode".into(),
        Field::Name => "Program/Kegiatan/Sub Kegiatan".into(),
        Field::Indicator => "Indikator kinerja".into(),
        Field::Unit => "Satuan".into(),
        Field::RenstraK => "Target Renstra akhir periode — K".into(),
        Field::RenstraRp => "Target Renstra akhir periode — Rp".into(),
        Field::PrevK => "Realisasi Renstra s.d. tahun lalu — K".into(),
        Field::PrevRp => "Realisasi Renstra s.d. tahun lalu — Rp".into(),
        Field::TargetK => "Target tahun berjalan — K".into(),
        Field::TargetRp => "Target tahun berjalan — Rp".into(),
        Field::TwK(n) => format!("Triwulan {} — K", q(n)),
        Field::TwRp(n) => format!("Triwulan {} — Rp", q(n)),
        Field::C12K => "Realisasi Renja yang dievaluasi (kolom 12) — K".into(),
        Field::C12Rp => "Realisasi Renja yang dievaluasi (kolom 12) — Rp".into(),
        Field::C13K => "Tingkat capaian Renja (kolom 13) — K".into(),
        Field::C13Rp => "Tingkat capaian Renja (kolom 13) — Rp".into(),
        Field::C14K => "Realisasi Renstra s.d. tahun berjalan (kolom 14) — K".into(),
        Field::C14Rp => "Realisasi Renstra s.d. tahun berjalan (kolom 14) — Rp".into(),
        Field::C15K => "Tingkat capaian Renstra (kolom 15) — K".into(),
        Field::C15Rp => "Tingkat capaian Renstra (kolom 15) — Rp".into(),
        Field::UnitPd => "Unit PD penanggung jawab".into(),
        Field::Keterangan => "Keterangan".into(),
        Field::Sasaran => "Sasaran (kolom 2)".into(),
        Field::TargetTwK(n) => format!("Target triwulan {} — K", q(n)),
    }
}

/// The Indonesian label of a role.
pub fn role_label(role: &ColumnRole) -> String {
    match role {
        ColumnRole::Field { field } => field_label(*field),
        ColumnRole::KodePart { part } => format!("Kode — bagian {}", part + 1),
        ColumnRole::UnitOf { field } => format!("Satuan dari {}", field_label(*field)),
        ColumnRole::Ignored { reason } => match reason {
            IgnoreReason::Nomor => "Nomor — abaikan".into(),
            IgnoreReason::Konteks => "Visi/Misi/Tujuan — abaikan".into(),
            IgnoreReason::Sasaran => "Sasaran — abaikan".into(),
            IgnoreReason::PersenKumulatif => {
                "Persen kumulatif triwulan — abaikan (dihitung Capaian)".into()
            }
        },
        ColumnRole::Unknown => "Tidak dikenali — abaikan".into(),
    }
}

/// The Rp half of a K field.
fn rp_of(k: Field) -> Option<Field> {
    Some(match k {
        Field::RenstraK => Field::RenstraRp,
        Field::PrevK => Field::PrevRp,
        Field::TargetK => Field::TargetRp,
        Field::TwK(q) => Field::TwRp(q),
        Field::C12K => Field::C12Rp,
        Field::C13K => Field::C13Rp,
        Field::C14K => Field::C14Rp,
        Field::C15K => Field::C15Rp,
        _ => return None,
    })
}

fn is_k(f: Field) -> bool {
    rp_of(f).is_some()
}

/// FNV-1a, 64 bits: a stable signature (no dependency, same on every platform).
fn fnv64(text: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

fn build_mapping(import: &Import, detail: &Detail, options: &ReadOptions) -> Mapping {
    let h = &detail.header;
    let kode_cols: Vec<u32> = h
        .group_cols(GroupKey::Kode)
        .map(<[u32]>::to_vec)
        .unwrap_or_default();
    let mut cols: Vec<u32> = h
        .columns
        .iter()
        .map(|c| c.col)
        .chain(h.fields.iter().map(|(_, c)| *c))
        .chain(h.units.iter().map(|(_, c)| *c))
        .chain(
            detail
                .stats
                .iter()
                .enumerate()
                .filter(|(_, s)| s.filled > 0)
                .map(|(i, _)| i as u32),
        )
        .collect();
    cols.sort_unstable();
    cols.dedup();

    let rollup = rollup_matches(import);
    let mut columns = Vec::new();
    let mut signature_text = String::from(import.document.form.as_str());
    for col in cols {
        let hc = h.columns.iter().find(|c| c.col == col);
        let texts: Vec<String> = hc.map(|c| c.texts.clone()).unwrap_or_default();
        signature_text.push_str(&format!(
            "|{col}:{}",
            texts
                .iter()
                .map(|t| crate::text::normalize(t))
                .collect::<Vec<_>>()
                .join("/")
        ));
        let stats = detail.stats.get(col as usize).copied().unwrap_or_default();
        let overridden = options.columns.iter().any(|o| o.col == col + 1);
        let group = hc.and_then(|c| c.group);
        let role = if let Some((f, _)) = h
            .fields
            .iter()
            .find(|(f, c)| *c == col && !(kode_cols.len() > 1 && *f == Field::Kode))
        {
            ColumnRole::Field { field: *f }
        } else if let Some(pos) = kode_cols.iter().position(|c| *c == col) {
            if kode_cols.len() > 1 {
                ColumnRole::KodePart { part: pos as u8 }
            } else {
                ColumnRole::Field { field: Field::Kode }
            }
        } else if let Some((f, _)) = h.units.iter().find(|(_, c)| *c == col) {
            ColumnRole::UnitOf { field: *f }
        } else if h.ignored.iter().any(|(c, s)| *c == col && *s == Sub::Pct) {
            ColumnRole::Ignored {
                reason: IgnoreReason::PersenKumulatif,
            }
        } else {
            match group {
                Some(GroupKey::No) => ColumnRole::Ignored {
                    reason: IgnoreReason::Nomor,
                },
                Some(GroupKey::Context) => ColumnRole::Ignored {
                    reason: IgnoreReason::Konteks,
                },
                Some(GroupKey::Sasaran) => ColumnRole::Ignored {
                    reason: IgnoreReason::Sasaran,
                },
                _ => ColumnRole::Unknown,
            }
        };
        // The person's choice is the role, also where it reads the column past.
        let role = options
            .columns
            .iter()
            .find(|o| o.col == col + 1)
            .map_or(role, |o| o.role.clone());
        let scale = match &role {
            ColumnRole::Field { field } => {
                h.scales.iter().find(|(f, _)| f == field).map(|(_, s)| *s)
            }
            _ => None,
        };
        let mut evidence = Vec::new();
        let mut confidence = if overridden {
            evidence.push("dipilih oleh pengguna".to_string());
            Confidence::High
        } else {
            match (&role, group) {
                (ColumnRole::Unknown, _) if stats.nonzero > 0 => {
                    evidence.push(format!(
                        "judul kolom tidak dikenali, tetapi berisi {} angka",
                        stats.numbers
                    ));
                    Confidence::Low
                }
                (ColumnRole::Unknown, _) => {
                    evidence.push("judul kolom tidak dikenali; kolom tanpa angka".into());
                    Confidence::Medium
                }
                (ColumnRole::Field { field }, _) if is_k(*field) || is_money(*field) => {
                    if hc.is_some_and(|c| c.labelled) {
                        if let Some(r) = h.unit_row {
                            evidence.push(format!("sub-judul di baris satuan {}", r + 1));
                        }
                        evidence.push(format!(
                            "judul '{}' dengan sub-judul '{}'",
                            texts.first().map(String::as_str).unwrap_or(""),
                            texts.last().map(String::as_str).unwrap_or("")
                        ));
                        Confidence::High
                    } else {
                        evidence.push(format!(
                            "judul '{}'; K/Rp ditentukan dari urutan kolom",
                            texts.first().map(String::as_str).unwrap_or("")
                        ));
                        Confidence::Medium
                    }
                }
                _ => {
                    if let Some(t) = texts.first() {
                        evidence.push(format!("judul '{t}'"));
                    }
                    Confidence::High
                }
            }
        };
        if let Some((_, text)) = h.inferred.iter().find(|(c, _)| *c == col) {
            evidence.push(format!(
                "ditentukan dari baris nomor kolom '{}'",
                text.trim()
            ));
            if !overridden {
                confidence = confidence.min(Confidence::Medium);
            }
        }
        if let Some(s) = scale {
            evidence.push(format!(
                "nilai dikalikan {s} (judul menyebut ribuan/jutaan)"
            ));
        }
        // What the data say.
        if let ColumnRole::Field { field } = &role {
            if is_money(*field) && !matches!(field, Field::C13Rp | Field::C15Rp) {
                let scaled_big = if scale.is_some() {
                    stats.numbers
                } else {
                    stats.big
                };
                if stats.nonzero > 0 && scaled_big * 2 < stats.nonzero {
                    evidence.push(format!(
                        "{} dari {} angka di bawah 1.000: tampak bukan rupiah",
                        stats.numbers - scaled_big,
                        stats.numbers
                    ));
                    confidence = confidence.min(Confidence::Low);
                } else if stats.nonzero > 0 {
                    evidence.push(format!("{} angka rupiah", stats.numbers));
                } else if stats.numbers > 0 {
                    evidence.push(format!("{} angka, semuanya 0", stats.numbers));
                } else {
                    evidence.push("kolom kosong di semua baris".into());
                }
                if *field == Field::TargetRp {
                    if let Some((ok, all)) = rollup {
                        if all > 0 {
                            evidence
                                .push(format!("induk = jumlah barisnya di {ok} dari {all} induk"));
                        }
                    }
                }
            } else if is_k(*field)
                && !matches!(field, Field::C13K | Field::C15K)
                && stats.nonzero > 0
                && stats.huge * 2 > stats.nonzero
            {
                evidence.push(format!(
                    "{} dari {} angka sebesar jutaan: tampak seperti rupiah, bukan kinerja",
                    stats.huge, stats.numbers
                ));
                confidence = confidence.min(Confidence::Low);
            }
        }
        // A satuan sub-column holds words (`Dok`, `Orang`); numbers there mean the group's
        // middle column is something else (a quarter's cumulative %).
        if let ColumnRole::UnitOf { .. } = &role {
            if stats.numbers > 0 && stats.numbers * 2 >= stats.filled {
                evidence.push(format!(
                    "{} dari {} isi kolom berupa angka: tampak bukan satuan",
                    stats.numbers, stats.filled
                ));
                confidence = confidence.min(Confidence::Low);
            }
        }
        if overridden {
            confidence = Confidence::High;
        }
        let label = role_label(&role);
        columns.push(ColumnMapping {
            col: col + 1,
            letter: col_letter(col + 1),
            header: texts,
            role,
            label,
            scale,
            confidence,
            evidence,
            filled: stats.filled,
            numbers: stats.numbers,
        });
    }
    Mapping {
        form: import.document.form.clone(),
        sheet: import.layout.sheet.clone(),
        signature: format!("{:016x}", fnv64(&signature_text)),
        columns,
    }
}

/// Parents (program, kegiatan) with a target Rp, and how many equal the sum of their direct
/// children's target Rp. None when no parent has children with a target Rp.
fn rollup_matches(import: &Import) -> Option<(usize, usize)> {
    let rows = &import.document.rows;
    let (mut ok, mut all) = (0, 0);
    for (i, r) in rows.iter().enumerate() {
        if !matches!(r.level, Level::Program | Level::Kegiatan) {
            continue;
        }
        let Some(target) = r.target.rp else { continue };
        let child = match r.level {
            Level::Program => Level::Kegiatan,
            _ => Level::SubKegiatan,
        };
        let mut sum = Decimal::ZERO;
        let mut any = false;
        for c in &rows[i + 1..] {
            if c.level.rank() <= r.level.rank() {
                break;
            }
            if c.level == child {
                if let Some(rp) = c.target.rp {
                    sum += rp;
                    any = true;
                }
            }
        }
        if any {
            all += 1;
            ok += usize::from(sum == target);
        }
    }
    (all > 0).then_some((ok, all))
}

fn decide(import: &Import, mapping: &Mapping, detail: &Detail) -> Vec<Decision> {
    let doc = &import.document;
    let sheet = &import.layout.sheet;
    let mut out = Vec::new();
    if doc.rows.is_empty() {
        out.push(Decision::TanpaBarisData {
            sheet: sheet.clone(),
            row: import.layout.first_data_row,
            message: format!(
                "Sheet '{sheet}': judul kolom ditemukan tetapi tidak ada baris data di bawahnya \
                 (mulai baris {}). Periksa apakah ini sheet yang benar atau isi barisnya dulu.",
                import.layout.first_data_row
            ),
        });
        return out;
    }
    // Columns of numbers without a role.
    for c in &mapping.columns {
        // A column the person set to be read past is decided.
        if c.role != ColumnRole::Unknown || c.filled == 0 || c.confidence == Confidence::High {
            continue;
        }
        let stats = detail
            .stats
            .get(c.col as usize - 1)
            .copied()
            .unwrap_or_default();
        // The left neighbour's role tells what a merged title left unnamed.
        let guess = mapping.column(c.col - 1).and_then(|l| match l.role {
            ColumnRole::Field { field: Field::Kode } => Some(ColumnRole::KodePart { part: 1 }),
            ColumnRole::KodePart { part } => Some(ColumnRole::KodePart { part: part + 1 }),
            ColumnRole::Field { field } => rp_of(field)
                .filter(|rp| mapping.column_of(*rp).is_none())
                .map(|field| ColumnRole::Field { field }),
            _ => None,
        });
        // Text in an unnamed column is asked about only beside a Kode (its next part).
        let kode_part = matches!(guess, Some(ColumnRole::KodePart { .. }));
        if stats.nonzero == 0 && !kode_part {
            continue;
        }
        let message = match &guess {
            Some(g) => format!(
                "Kolom {} berisi {} nilai tetapi judulnya tidak dikenali; kemungkinan '{}'. \
                 Tentukan perannya.",
                c.letter,
                c.filled,
                role_label(g)
            ),
            None => format!(
                "Kolom {} berisi {} nilai ({} angka) tetapi judulnya tidak dikenali. Tentukan \
                 perannya atau abaikan.",
                c.letter, c.filled, c.numbers
            ),
        };
        out.push(Decision::KolomTanpaPeran {
            col: c.col,
            letter: c.letter.clone(),
            numbers: c.numbers,
            guess,
            message,
        });
    }
    // Money.
    let money_cols: Vec<String> = mapping
        .columns
        .iter()
        .filter(|c| matches!(c.role, ColumnRole::Field { field } if is_money(field)))
        .map(|c| c.letter.clone())
        .collect();
    let amounts = doc.rows.iter().flat_map(|r| {
        [r.renstra.rp, r.prev.rp, r.target.rp]
            .into_iter()
            .chain(r.tw.iter().map(|p| p.rp))
            .flatten()
    });
    let (mut any, mut total) = (false, Decimal::ZERO);
    for a in amounts {
        any = true;
        total += a.abs();
    }
    if !any {
        let message = if money_cols.is_empty() {
            "Tidak ada kolom anggaran (Rp) yang dikenali, sehingga pagu dan realisasi akan \
             tercatat Rp 0. Tunjukkan kolom Rp-nya, atau konfirmasi bahwa tabel ini tanpa anggaran."
                .to_string()
        } else {
            format!(
                "Kolom anggaran ({}) kosong di semua baris, sehingga pagu dan realisasi akan \
                 tercatat Rp 0. Periksa peran kolom, atau konfirmasi bahwa tabel ini tanpa anggaran.",
                money_cols.join(", ")
            )
        };
        out.push(Decision::AnggaranKosong {
            columns: money_cols,
            message,
        });
    } else if total.is_zero() {
        let elsewhere = detail.stats.iter().any(|s| s.big > 0);
        if elsewhere {
            out.push(Decision::TotalNol {
                message: "Semua anggaran yang terbaca bernilai 0, padahal sheet berisi angka \
                          besar di kolom lain. Periksa peran kolom Rp."
                    .into(),
            });
        }
    }
    for c in &mapping.columns {
        if c.confidence == Confidence::Low && c.role != ColumnRole::Unknown {
            out.push(Decision::PeranTidakPasti {
                col: c.col,
                letter: c.letter.clone(),
                role: c.role.clone(),
                message: format!(
                    "Kolom {} dibaca sebagai '{}', tetapi {}. Periksa perannya.",
                    c.letter,
                    c.label,
                    c.evidence
                        .last()
                        .map(String::as_str)
                        .unwrap_or("isinya meragukan")
                ),
            });
        }
    }
    if let Some(p) = import
        .problems
        .iter()
        .find(|p| p.code == "level_tidak_pasti")
    {
        out.push(Decision::TingkatTidakPasti {
            message: p.message.clone(),
        });
    }
    out
}

/// A short Indonesian title of a problem code, for grouped messages.
fn code_title(code: &str) -> Option<&'static str> {
    Some(match code {
        "bukan_angka" => "Bukan angka",
        "nilai_ganda" => "Lebih dari satu nilai dalam satu sel",
        "angka_ambigu" => "Angka ambigu",
        "galat_excel" => "Sel berisi galat Excel",
        "galat_excel_kolom_hitung" => "Galat Excel di kolom hitungan (dihitung ulang)",
        "baris_tanpa_nama" => "Baris berisi nilai tanpa kode, nama, atau indikator (dilewati)",
        "format_tanggal" => "Sel angka berformat tanggal",
        "kode_diperbaiki" => "Kode dibaca dengan perbaikan",
        "kode_tidak_ada" => "Kode tidak ada dalam nomenklatur (Kepmendagri 900.1.15.5)",
        "kode_lama" => "Kode lama yang sudah diganti dalam nomenklatur",
        "kode_format_lama" => "Kode sub kegiatan berformat lama (2 digit)",
        "kode_nama_berbeda" => "Nama berbeda dengan nomenklatur untuk kodenya",
        "kode_jenis_lain" => "Kode dari nomenklatur pemerintah daerah lain (provinsi/kabupaten)",
        "kode_ditemukan" => "Kode diisi dari nomenklatur (nama sama persis)",
        "kode_ambigu" => "Nama ada di beberapa tempat dalam nomenklatur: pilih kodenya",
        "kode_saran" => "Nama tidak persis ada dalam nomenklatur: ada saran kode",
        "indikator_standar" => "Sub kegiatan tanpa indikator/satuan: ada indikator standar",
        _ => return None,
    })
}

/// The column letters of an A1 reference.
fn letters_of(cell: &str) -> &str {
    let end = cell
        .find(|c: char| c.is_ascii_digit())
        .unwrap_or(cell.len());
    &cell[..end]
}

/// Group problems by cause: same severity, code, and column (or field, for problems
/// without a cell). One entry per cause lists every cell it covers, so 87 cells of one
/// column that disagree with the computation are one line, not 87.
pub fn group_problems(problems: &[Problem]) -> Vec<ProblemGroup> {
    let mut groups: Vec<ProblemGroup> = Vec::new();
    for p in problems {
        let column = p.at.cell.as_deref().map(|c| letters_of(c).to_string());
        let found = groups.iter_mut().find(|g| {
            g.severity == p.severity
                && g.code == p.code
                && g.column == column
                && g.field == p.at.field
        });
        match found {
            Some(g) => {
                g.count += 1;
                if let Some(c) = &p.at.cell {
                    g.cells.push(c.clone());
                }
            }
            None => groups.push(ProblemGroup {
                severity: p.severity,
                code: p.code.clone(),
                column,
                field: p.at.field,
                count: 1,
                cells: p.at.cell.iter().cloned().collect(),
                message: String::new(),
                first: p.clone(),
            }),
        }
    }
    for g in &mut groups {
        g.message = if g.count == 1 {
            g.first.message.clone()
        } else {
            let what = code_title(&g.code).map_or_else(|| g.first.message.clone(), String::from);
            let place = match (&g.column, g.field) {
                (Some(col), Some(f)) => format!(" di kolom {col} ({})", field_label(f)),
                (Some(col), None) => format!(" di kolom {col}"),
                (None, Some(f)) => format!(" di {}", field_label(f)),
                (None, None) => String::new(),
            };
            const SHOWN: usize = 8;
            let mut cells = g
                .cells
                .iter()
                .take(SHOWN)
                .cloned()
                .collect::<Vec<_>>()
                .join(", ");
            if g.cells.len() > SHOWN {
                cells.push_str(", …");
            }
            if cells.is_empty() {
                format!("{what}{place}: {} kali", g.count)
            } else {
                format!("{what}{place}, {} sel: {cells}", g.count)
            }
        };
    }
    groups
}

/// The person's codes, then (with [`ReadOptions::nomenklatur`]) the nomenclature's review:
/// codes found written into the rows, problems located at their cells.
fn nomenklatur_pass(import: &mut Import, options: &ReadOptions) -> Review {
    let mut problems = Vec::new();
    for o in &options.kodes {
        let Some(i) = import
            .document
            .rows
            .iter()
            .position(|r| r.sheet_row == o.sheet_row)
        else {
            problems.push(Problem {
                severity: Severity::Warning,
                code: "kode_pilihan_tanpa_baris".into(),
                message: format!(
                    "Kode pilihan {} untuk baris {}: baris itu bukan baris data; diabaikan",
                    o.kode.trim(),
                    o.sheet_row
                ),
                at: Location::default(),
            });
            continue;
        };
        let (canonical, found) = kode::normalize(&o.kode);
        for mut p in found {
            p.message = format!("kode pilihan: {}", p.message);
            p.at = Location {
                row: Some(i),
                field: Some(Field::Kode),
                ..Location::default()
            };
            problems.push(p);
        }
        if let (Some(k), Some(row)) = (canonical, import.document.rows.get_mut(i)) {
            row.kode = Some(k);
            row.kode_sumber = Some(KodeSource::Confirmed);
        }
    }
    let review = if options.nomenklatur {
        let (review, found) =
            crate::nomenklatur::shipped().review(&import.document, options.jenis_pemda);
        review.apply(&mut import.document);
        problems.extend(found);
        review
    } else {
        Review::default()
    };
    let located = locate_at_cells(import, problems);
    import.problems.extend(located);
    review
}

/// Give problems about a document row their sheet and cell, and say both in the message as
/// the reader does. A Kode problem of a sheet without a Kode column sits at the name cell
/// (where the code was written, if anywhere).
fn locate_at_cells(import: &Import, problems: Vec<Problem>) -> Vec<Problem> {
    let layout = &import.layout;
    let with_cells: Vec<Problem> = problems
        .into_iter()
        .map(|mut p| {
            let row = p.at.row.and_then(|i| import.document.rows.get(i));
            if let (Some(r), Some(f)) = (row, p.at.field) {
                p.at.cell = layout.cell(r.sheet_row, f).or_else(|| {
                    (f == Field::Kode)
                        .then(|| layout.cell(r.sheet_row, Field::Name))
                        .flatten()
                });
            }
            p
        })
        .collect();
    import
        .locate(&with_cells)
        .into_iter()
        .map(|mut p| {
            p.message = match &p.at.cell {
                Some(cell) => format!("Sheet '{}' sel {cell}: {}", layout.sheet, p.message),
                None => format!("Sheet '{}': {}", layout.sheet, p.message),
            };
            p
        })
        .collect()
}
