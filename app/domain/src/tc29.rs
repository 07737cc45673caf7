//! T-C.29 — *Rekapitulasi Evaluasi Hasil Pelaksanaan Renja Perangkat Daerah dan Pencapaian
//! Renstra Perangkat Daerah* (Renja Bab II, Permendagri 86/2017), derived from earlier years'
//! final E.81 documents and this year's targets.
//!
//! For the Renja of year n ([`susun`]):
//!
//! | col | what | from |
//! |---|---|---|
//! | 1–3 | kode, program/kegiatan/sub kegiatan, indikator (+ satuan) | the latest document (n-1, else n-2) |
//! | 4 | target Renstra akhir periode | column 5 K of n-1, else of n-2 |
//! | 5 | realisasi s.d. n-3 | column 14 K of the final E.81 of n-3 (computed), else column 6 K of n-2 |
//! | 6 | target n-2 | column 7 K of n-2 |
//! | 7 | realisasi n-2 | column 12 K of the final E.81 of n-2 (computed: the quarters by the indicator's aggregation) |
//! | 9 | target Renja n-1 | column 7 K of n-1 (an E.81, or the plan projected as one) |
//!
//! Computed ([`hitung`], on unrounded decimals; rounding is for display only):
//! - 8 = capaian(6, 7): `7/6×100`, or by the indicator's polarity (`6/7×100`,
//!   `(2×6−7)/6×100`), grades ordinally ([`crate::indicator::capaian`]);
//! - 10 = the indicator's position s.d. n-1 from 5, 7, 9 by its aggregation
//!   ([`crate::indicator::sd_periode`]): `5+7+9` for counts (Sum), the latest level for
//!   percentages, indices and grades (Last, YearEnd), the highest (Max), the mean (Average) —
//!   named per row by [`Aturan10`];
//! - 11 = capaian(4, 10), by polarity likewise.
//!
//! Rows are matched across years as the plan matches them ([`crate::rencana::e81::cocokkan_baris`]:
//! the node by canonical kode, else by its path of names; the indicator by its text within the
//! node) and listed in the latest document's tree order; a row only the n-2 document has is
//! placed after the row it follows there.
//!
//! Problems (Bahasa Indonesia, stable codes): `tahun_dokumen` (a document of another year than
//! the column needs), `bukan_akhir_tahun` (an n-3 or n-2 E.81 of an earlier quarter),
//! `indikator_tidak_lengkap` (one problem listing every indicator missing in one of the
//! years), `satuan_berbeda_antartahun` (per row), `tanpa_target` / `target_nol` (per cell: no
//! ratio, and why), `jenis_nilai_berbeda` (a grade against a number). The
//! checker [`periksa`] recomputes 8, 10 and 11 of an existing table ([`baca_baris`] reads one
//! from its cells' text) and reports each disagreement, `kolom_tc29_berbeda`, at its cell;
//! [`periksa_tahun_lalu`] holds column 5 to last year's table (`kolom5_tahun_lalu`: this year's
//! realisasi s.d. n-3 is last year's columns 5 and 7 by the aggregation — not its column 10,
//! which is an estimate of a year later).

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

use crate::e81::{compute, E81Settings};
use crate::indicator::{capaian, default_semantics, sd_periode};
use crate::model::{
    Aggregation, Document, IndicatorSemantics, KValue, Level, Location, Problem, Row, Severity,
    ValueType,
};
use crate::num::{format_id, parse_cell, CellValue};
use crate::rencana::e81::cocokkan_baris;

/// The form's name as printed and stored.
pub const FORMULIR_TC29: &str = "T-C.29";

/// One row of T-C.29: a program, kegiatan or sub kegiatan with one indicator (an extra
/// indicator of the node above has [`Level::Indikator`] and no name).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BarisTc29 {
    pub level: Level,
    /// Canonical code, when known.
    pub kode: Option<String>,
    /// The code as the file spelled it.
    pub kode_berkas: Option<String>,
    pub nama: String,
    pub indikator: String,
    pub satuan: Option<String>,
    pub makna: IndicatorSemantics,
    /// Column 4: target Renstra akhir periode.
    pub renstra: Option<KValue>,
    /// Column 5: realisasi s.d. n-3.
    pub sd_n3: Option<KValue>,
    /// Column 6: target n-2.
    pub target_n2: Option<KValue>,
    /// Column 7: realisasi n-2.
    pub realisasi_n2: Option<KValue>,
    /// Column 9: target Renja n-1.
    pub target_n1: Option<KValue>,
    /// Column 12: catatan.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub catatan: String,
}

impl BarisTc29 {
    /// The code as people see it: as the file spelled it, else the canonical one.
    pub fn kode_tampil(&self) -> Option<&str> {
        self.kode_berkas.as_deref().or(self.kode.as_deref())
    }
}

/// A T-C.29 table for the Renja of year `tahun` (n).
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct Tc29 {
    /// n: the Renja's year; the table evaluates n-2 and estimates s.d. n-1.
    pub tahun: i32,
    pub pd: Option<String>,
    pub wilayah: Option<String>,
    pub baris: Vec<BarisTc29>,
}

/// The rule column 10 follows on a row (from the indicator's aggregation).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Aturan10 {
    /// `5+7+9` (counts, increments).
    #[default]
    Jumlah,
    /// The latest of 5, 7, 9 (levels: percentages, indices, grades).
    Terakhir,
    /// The highest of 5, 7, 9.
    Tertinggi,
    /// The mean of 5, 7, 9.
    RataRata,
}

impl Aturan10 {
    pub fn dari(a: Aggregation) -> Aturan10 {
        match a {
            Aggregation::Sum => Aturan10::Jumlah,
            Aggregation::Last | Aggregation::YearEnd => Aturan10::Terakhir,
            Aggregation::Max => Aturan10::Tertinggi,
            Aggregation::Average => Aturan10::RataRata,
        }
    }

    /// How two years' values combine, in words (`dijumlahkan`, `nilai terakhir`, …).
    pub fn gabung_tahun(self) -> &'static str {
        match self {
            Aturan10::Jumlah => "dijumlahkan",
            Aturan10::Terakhir => "nilai terakhir",
            Aturan10::Tertinggi => "nilai tertinggi",
            Aturan10::RataRata => "rata-rata",
        }
    }

    /// As printed beside the row: `10 = 5+7+9`, `10 = nilai terakhir (5, 7, 9)`, ….
    pub fn teks(self) -> &'static str {
        match self {
            Aturan10::Jumlah => "10 = 5+7+9 (dijumlahkan)",
            Aturan10::Terakhir => "10 = nilai terakhir dari 5, 7, 9 (indikator tingkat)",
            Aturan10::Tertinggi => "10 = nilai tertinggi dari 5, 7, 9",
            Aturan10::RataRata => "10 = rata-rata 5, 7, 9",
        }
    }
}

/// Computed columns of one row (percent units for 8 and 11, unrounded).
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct HitungBaris {
    /// Column 8: tingkat realisasi n-2.
    pub tingkat_realisasi: Option<Decimal>,
    /// Column 10: perkiraan realisasi s.d. n-1.
    pub sd_n1: Option<KValue>,
    /// Column 11: tingkat capaian target Renstra.
    pub tingkat_capaian: Option<Decimal>,
    /// The rule of column 10.
    pub aturan: Aturan10,
}

/// The documents a T-C.29 for the Renja of year `tahun` is derived from.
#[derive(Clone, Copy, Debug)]
pub struct SumberTc29<'a> {
    /// n.
    pub tahun: i32,
    /// The final E.81 of n-3 (for column 5), if stored.
    pub n3: Option<&'a Document>,
    /// The final E.81 of n-2.
    pub n2: &'a Document,
    /// The E.81 (or the plan projected as one) of n-1, for column 9.
    pub n1: Option<&'a Document>,
    /// The workspace's computation settings (`Pengaturan::e81`): the E.81 columns read are
    /// computed with them, and their cap at 100 % holds for columns 8 and 11 too (each row's
    /// `makna.cap_100`).
    pub settings: &'a E81Settings,
}

fn row_problem(severity: Severity, code: &str, message: String, row: usize) -> Problem {
    Problem {
        severity,
        code: code.into(),
        message,
        at: Location {
            row: Some(row),
            ..Location::default()
        },
    }
}

fn label(b: &BarisTc29) -> String {
    label_teks(&b.nama, &b.indikator)
}

/// `nama — indikator` (either alone when the other is empty), as problems name a row.
fn label_teks(nama: &str, ind: &str) -> String {
    let (nama, ind) = (nama.trim(), ind.trim());
    match (nama.is_empty(), ind.is_empty()) {
        (false, false) => format!("{nama} — {ind}"),
        (true, _) => ind.to_string(),
        (false, true) => nama.to_string(),
    }
}

/// Where each row of the T-C.29 comes from: its row in n-1, n-2, n-3.
#[derive(Clone, Copy, Debug, Default)]
struct Asal {
    n1: Option<usize>,
    n2: Option<usize>,
    n3: Option<usize>,
}

/// The rows of the table: n-1's in its order (each with its n-2 row), then every n-2 row
/// n-1 lacks after the row it follows in n-2 (past the extra indicator rows of that row's
/// node, so they keep their node).
fn urutan(n2: &Document, n1: Option<&Document>) -> Vec<Asal> {
    let Some(n1) = n1 else {
        return (0..n2.rows.len())
            .map(|i| Asal {
                n2: Some(i),
                ..Asal::default()
            })
            .collect();
    };
    let dari_n2 = cocokkan_baris(&n2.rows, &n1.rows);
    let mut out: Vec<Asal> = dari_n2
        .iter()
        .enumerate()
        .map(|(j, i)| Asal {
            n1: Some(j),
            n2: *i,
            n3: None,
        })
        .collect();
    let mut punya = vec![false; n2.rows.len()];
    for i in dari_n2.iter().flatten() {
        punya[*i] = true;
    }
    let level = |a: &Asal| {
        a.n1.map(|j| n1.rows[j].level)
            .or_else(|| a.n2.map(|i| n2.rows[i].level))
    };
    for (i, _) in punya.iter().enumerate().filter(|(_, p)| !**p) {
        let mut at = if i == 0 {
            0
        } else {
            out.iter()
                .position(|a| a.n2 == Some(i - 1))
                .map_or(out.len(), |p| p + 1)
        };
        if n2.rows[i].level != Level::Indikator {
            while at < out.len() && level(&out[at]) == Some(Level::Indikator) {
                at += 1;
            }
        }
        out.insert(
            at,
            Asal {
                n2: Some(i),
                ..Asal::default()
            },
        );
    }
    out
}

fn k(row: Option<&Row>, f: impl Fn(&Row) -> Option<KValue>) -> Option<KValue> {
    row.and_then(f)
}

/// The T-C.29 of the Renja of year `s.tahun` from the stored documents; see the module doc.
pub fn susun(s: &SumberTc29<'_>) -> (Tc29, Vec<Problem>) {
    let mut problems = dokumen_tahun(s);
    let (c2, _) = compute(s.n2, s.settings);
    let c3 = s.n3.map(|d| compute(d, s.settings).0);
    let mut asal = urutan(s.n2, s.n1);
    let mut n3_dipakai: Vec<bool> = Vec::new();
    if let Some(n3) = s.n3 {
        let dari_n3 = cocokkan_baris(&n3.rows, &s.n2.rows);
        n3_dipakai = vec![false; n3.rows.len()];
        for a in &mut asal {
            a.n3 = a.n2.and_then(|i| dari_n3[i]);
            if let Some(h) = a.n3 {
                n3_dipakai[h] = true;
            }
        }
    }
    let latest = s.n1.unwrap_or(s.n2);
    let mut baris = Vec::with_capacity(asal.len());
    let mut kurang: Vec<String> = Vec::new();
    let units = &s.settings.units;
    for a in &asal {
        let r1 = a.n1.and_then(|j| s.n1.map(|d| &d.rows[j]));
        let r2 = a.n2.map(|i| &s.n2.rows[i]);
        let r3 = a.n3.and_then(|h| s.n3.map(|d| &d.rows[h]));
        let Some(base) = r1.or(r2) else { continue };
        let sd_n3 = match (a.n3, &c3) {
            (Some(h), Some(c)) => c.rows.get(h).and_then(|rc| rc.c14.k.clone()),
            _ => None,
        }
        .or_else(|| k(r2, |r| r.prev.k.clone()));
        let b = BarisTc29 {
            level: base.level,
            kode: base.kode.clone(),
            kode_berkas: base.kode_raw.clone(),
            nama: base.name.clone(),
            indikator: base.indicator.clone(),
            satuan: base.unit.clone(),
            makna: IndicatorSemantics {
                cap_100: base.semantics.cap_100 || s.settings.cap_100,
                ..base.semantics.clone()
            },
            renstra: k(r1, |r| r.renstra.k.clone()).or_else(|| k(r2, |r| r.renstra.k.clone())),
            sd_n3,
            target_n2: k(r2, |r| r.target.k.clone()),
            realisasi_n2: a
                .n2
                .and_then(|i| c2.rows.get(i))
                .and_then(|c| c.c12.k.clone()),
            target_n1: k(r1, |r| r.target.k.clone()),
            catatan: String::new(),
        };
        // Years whose document lacks the indicator.
        let mut tidak: Vec<i32> = Vec::new();
        if s.n3.is_some() && a.n3.is_none() && a.n2.is_some() {
            tidak.push(s.tahun - 3);
        }
        if a.n2.is_none() {
            tidak.push(s.tahun - 2);
        }
        if s.n1.is_some() && a.n1.is_none() {
            tidak.push(s.tahun - 1);
        }
        if !tidak.is_empty() {
            let th: Vec<String> = tidak.iter().map(i32::to_string).collect();
            kurang.push(format!(
                "'{}' (tidak ada pada {})",
                label(&b),
                th.join(", ")
            ));
        }
        // The satuan of each year that states one.
        let satuan: Vec<(i32, &str)> = [(3, r3), (2, r2), (1, r1)]
            .into_iter()
            .filter_map(|(m, r)| {
                let u = r?.unit.as_deref()?.trim();
                (!u.is_empty()).then_some((s.tahun - m, u))
            })
            .collect();
        if satuan.windows(2).any(|w| !units.same_unit(w[0].1, w[1].1)) {
            let daftar: Vec<String> = satuan.iter().map(|(y, u)| format!("{y} '{u}'")).collect();
            problems.push(row_problem(
                Severity::Warning,
                "satuan_berbeda_antartahun",
                format!(
                    "Satuan indikator '{}' berbeda antartahun: {}; kolom 10 dan 11 menggabungkan nilai bersatuan berbeda",
                    b.indikator.trim(),
                    daftar.join(", ")
                ),
                baris.len(),
            ));
        }
        baris.push(b);
    }
    if let Some(n3) = s.n3 {
        for (h, used) in n3_dipakai.iter().enumerate() {
            if !used {
                let r = &n3.rows[h];
                let l = label_teks(&r.name, &r.indicator);
                kurang.push(format!(
                    "'{l}' (ada pada {} tetapi tidak pada {})",
                    s.tahun - 3,
                    s.tahun - 2
                ));
            }
        }
    }
    if !kurang.is_empty() {
        problems.push(Problem {
            severity: Severity::Info,
            code: "indikator_tidak_lengkap".into(),
            message: format!(
                "{} indikator tidak ada pada semua tahun (kolom tahun itu kosong): {}",
                kurang.len(),
                kurang.join("; ")
            ),
            at: Location::default(),
        });
    }
    let tc29 = Tc29 {
        tahun: s.tahun,
        pd: latest.pd.clone().or_else(|| s.n2.pd.clone()),
        wilayah: latest.region.clone().or_else(|| s.n2.region.clone()),
        baris,
    };
    (tc29, problems)
}

/// Each document against the year it stands for: a year other than n-3, n-2, n-1
/// (`tahun_dokumen`), and a document of n-3 or n-2 that is not the year's end
/// (`bukan_akhir_tahun`: its realisation is only s.d. that quarter).
fn dokumen_tahun(s: &SumberTc29<'_>) -> Vec<Problem> {
    let mut out = Vec::new();
    let docs = [
        (s.n3, 3, "kolom 5 (realisasi s.d. tahun n-3)", true),
        (
            Some(s.n2),
            2,
            "kolom 6 dan 7 (target dan realisasi tahun n-2)",
            true,
        ),
        (s.n1, 1, "kolom 9 (target Renja tahun n-1)", false),
    ];
    for (doc, m, kolom, akhir) in docs {
        let Some(doc) = doc else { continue };
        let want = s.tahun - m;
        if let Some(y) = doc.year.filter(|y| *y != want) {
            out.push(Problem {
                severity: Severity::Warning,
                code: "tahun_dokumen".into(),
                message: format!(
                    "Dokumen untuk {kolom} adalah dokumen tahun {y}; T-C.29 Renja tahun {} memerlukan dokumen tahun {want}",
                    s.tahun
                ),
                at: Location::default(),
            });
        }
        if let Some(q) = doc.quarter.filter(|q| akhir && *q < 4) {
            let tw = crate::checks::roman(q);
            out.push(Problem {
                severity: Severity::Info,
                code: "bukan_akhir_tahun".into(),
                message: format!(
                    "Dokumen E.81 tahun {} untuk {kolom} adalah laporan triwulan {tw}, bukan akhir tahun: realisasinya baru s.d. triwulan {tw}",
                    doc.year.unwrap_or(want)
                ),
                at: Location::default(),
            });
        }
    }
    out
}

/// A ratio column (8 or 11) of row `i`: capaian of `realisasi` against `target`, with the
/// reason when there is none.
fn rasio(
    b: &BarisTc29,
    i: usize,
    kolom: (u8, &str, u8, u8),
    target: Option<&KValue>,
    realisasi: Option<&KValue>,
    problems: &mut Vec<Problem>,
) -> Option<Decimal> {
    let (no, nama, kt, kr) = kolom;
    match (target, realisasi) {
        (Some(t), Some(r)) => {
            let (v, ps) = capaian(&b.makna, t, r);
            for p in ps {
                problems.push(row_problem(
                    p.severity,
                    &p.code,
                    format!("Kolom {no} ({nama}): {}", p.message),
                    i,
                ));
            }
            v
        }
        (None, Some(_)) => {
            problems.push(row_problem(
                Severity::Info,
                "tanpa_target",
                format!(
                    "Kolom {no} ({nama}) tidak dihitung: kolom {kt} (target) kosong, sedangkan kolom {kr} berisi nilai"
                ),
                i,
            ));
            None
        }
        _ => None,
    }
}

/// Columns 8, 10 and 11 of every row (same index as `t.baris`) and the reasons a ratio could
/// not be computed.
pub fn hitung(t: &Tc29) -> (Vec<HitungBaris>, Vec<Problem>) {
    let mut problems = Vec::new();
    let out = t
        .baris
        .iter()
        .enumerate()
        .map(|(i, b)| hitung_baris(b, i, &mut problems))
        .collect();
    (out, problems)
}

fn hitung_baris(b: &BarisTc29, i: usize, problems: &mut Vec<Problem>) -> HitungBaris {
    let c8 = rasio(
        b,
        i,
        (8, "tingkat realisasi", 6, 7),
        b.target_n2.as_ref(),
        b.realisasi_n2.as_ref(),
        problems,
    );
    let c10 = sd_periode(
        &b.makna,
        &[b.sd_n3.clone(), b.realisasi_n2.clone(), b.target_n1.clone()],
    );
    let c11 = rasio(
        b,
        i,
        (11, "tingkat capaian", 4, 10),
        b.renstra.as_ref(),
        c10.as_ref(),
        problems,
    );
    HitungBaris {
        tingkat_realisasi: c8,
        sd_n1: c10,
        tingkat_capaian: c11,
        aturan: Aturan10::dari(b.makna.aggregation),
    }
}

// ---------------------------------------------------------------------------------------------
// An existing table: read from its cells' text, and checked.

/// One row of an existing T-C.29 as its cells' text (a CSV line, an xlsx row): columns 4–11
/// (index 0 = column 4), the separate satuan cells of 4–7 when the table has them (else the
/// unit glued to the value, `5 Dok`, is used), and where columns 8, 10 and 11 are (an A1 cell,
/// for the problems).
#[derive(Clone, Debug, PartialEq, Default)]
pub struct BarisTeks {
    pub level: Option<Level>,
    pub kode: String,
    pub nama: String,
    pub indikator: String,
    /// Columns 4, 5, 6, 7, 8, 9, 10, 11.
    pub kolom: [String; 8],
    /// Satuan cells of columns 4, 5, 6, 7 (empty when the table has none).
    pub satuan: [String; 4],
    /// Cells of columns 8, 10, 11.
    pub sel: [Option<String>; 3],
}

/// What an existing table states for its computed columns, and the satuan of each of its
/// columns 4–7 (separate cell, else glued to the value).
#[derive(Clone, Debug, PartialEq)]
pub struct Tertulis {
    pub tingkat_realisasi: CellValue,
    pub sd_n1: CellValue,
    pub tingkat_capaian: CellValue,
    pub satuan_kolom: [Option<String>; 4],
    /// Cells of columns 8, 10, 11.
    pub sel: [Option<String>; 3],
}

fn nilai(raw: &str) -> (Option<KValue>, Option<String>, CellValue) {
    let cell = parse_cell(raw).0.value;
    let (k, u) = cell.clone().k_dan_satuan();
    (k, u, cell)
}

/// A row of an existing table read from its text: the row (its satuan the first stated of
/// columns 4, 6, 7, 5; its meaning [`default_semantics`] of that satuan and the values) and
/// what it states for columns 8, 10, 11. `level` defaults to a sub kegiatan, or an extra
/// indicator row when the name is empty.
pub fn baca_baris(t: &BarisTeks) -> (BarisTc29, Tertulis) {
    let v: Vec<(Option<KValue>, Option<String>, CellValue)> =
        t.kolom.iter().map(|s| nilai(s)).collect();
    let satuan_kolom: [Option<String>; 4] = std::array::from_fn(|j| {
        let own = t.satuan[j].trim();
        if own.is_empty() {
            v[j].1.clone()
        } else {
            Some(own.to_string())
        }
    });
    let satuan = [0usize, 2, 3, 1]
        .iter()
        .find_map(|&j| satuan_kolom[j].clone());
    let values: Vec<&KValue> = [0usize, 1, 2, 3, 5]
        .iter()
        .filter_map(|&j| v[j].0.as_ref())
        .collect();
    let mut makna = default_semantics(satuan.as_deref(), &values);
    // A predicate printed as the satuan (`72 | B`, `99,53 | BB`: seed 001) is a score on a
    // scale: a level, like an index.
    if makna.value_type == ValueType::Count
        && satuan
            .as_deref()
            .is_some_and(|u| matches!(parse_cell(u).0.value, CellValue::Grade { .. }))
    {
        makna.value_type = ValueType::Index;
        makna.aggregation = Aggregation::Last;
    }
    let kode = t.kode.trim();
    let (kode_norm, _) = if kode.is_empty() {
        (None, Vec::new())
    } else {
        crate::kode::normalize(kode)
    };
    let level = t.level.unwrap_or(if t.nama.trim().is_empty() {
        Level::Indikator
    } else {
        Level::SubKegiatan
    });
    let b = BarisTc29 {
        level,
        kode: kode_norm,
        kode_berkas: (!kode.is_empty()).then(|| kode.to_string()),
        nama: t.nama.trim().to_string(),
        indikator: t.indikator.trim().to_string(),
        satuan,
        makna,
        renstra: v[0].0.clone(),
        sd_n3: v[1].0.clone(),
        target_n2: v[2].0.clone(),
        realisasi_n2: v[3].0.clone(),
        target_n1: v[5].0.clone(),
        catatan: String::new(),
    };
    let tertulis = Tertulis {
        tingkat_realisasi: v[4].2.clone(),
        sd_n1: v[6].2.clone(),
        tingkat_capaian: v[7].2.clone(),
        satuan_kolom,
        sel: t.sel.clone(),
    };
    (b, tertulis)
}

/// Decimal places a stated number shows.
fn tempat_desimal(d: Decimal) -> u32 {
    d.scale()
}

/// A stated number agrees with ours when ours, shown with as many decimals as the stated one,
/// is it: rounded half-up or cut off (tables do both: `58,42` for 58,428…, `7,13` for 7,125).
fn sama_angka(stated: Decimal, ours: Decimal) -> bool {
    let dp = tempat_desimal(stated);
    crate::num::round_half_up(ours, dp) == stated
        || ours.round_dp_with_strategy(dp, RoundingStrategy::ToZero) == stated
}

fn tampil(k: &KValue) -> String {
    match k {
        KValue::Number(d) => {
            let d = crate::num::round_half_up(*d, 2).normalize();
            format_id(d, d.scale())
        }
        KValue::Grade { grade, .. } => format!("{grade:?}"),
        KValue::Text(t) => t.clone(),
    }
}

fn tampil_sel(c: &CellValue) -> String {
    match c {
        CellValue::Blank => "(kosong)".into(),
        CellValue::Dash => "-".into(),
        other => other
            .clone()
            .k_dan_satuan()
            .0
            .as_ref()
            .map_or_else(String::new, tampil),
    }
}

/// Whether a stated cell agrees with our value: `-` and blank mean nothing (or 0 for `-`);
/// numbers at the stated precision (rounded half-up or cut off); grades by letter; text only
/// as the same text.
pub fn sesuai_tertulis(stated: &CellValue, ours: Option<&KValue>) -> bool {
    match (stated, ours) {
        (CellValue::Blank, None) | (CellValue::Dash, None) => true,
        (CellValue::Dash, Some(KValue::Number(d))) => d.is_zero(),
        (CellValue::Number { value, .. }, Some(KValue::Number(d))) => sama_angka(*value, *d),
        (CellValue::Grade { grade, .. }, Some(KValue::Grade { grade: g, .. })) => grade == g,
        (CellValue::Text(a), Some(KValue::Text(b))) => a.trim() == b.trim(),
        _ => false,
    }
}

/// Check an existing table: recompute 8, 10 and 11 of each row ([`hitung`]; 11 from the
/// table's own column 10, so a wrong column 10 is reported once, at its cell) and report each
/// stated value that disagrees (`kolom_tc29_berbeda`, at its row and cell, with both values
/// and the rule used). Returns our values ([`hitung`]'s) too.
pub fn periksa(t: &Tc29, tertulis: &[Tertulis]) -> (Vec<HitungBaris>, Vec<Problem>) {
    let (h, _) = hitung(t);
    let mut problems = Vec::new();
    for (i, ((b, c), s)) in t.baris.iter().zip(&h).zip(tertulis).enumerate() {
        let c8 = c.tingkat_realisasi.map(KValue::Number);
        // Column 11 against the table's own column 10 (each wrong cell is reported where the
        // error arises, not again in the cells computed from it).
        let sd_tertulis = s.sd_n1.clone().k_dan_satuan().0;
        let c11 = match (&b.renstra, &sd_tertulis) {
            (Some(t), Some(r)) => capaian(&b.makna, t, r).0.map(KValue::Number),
            _ => None,
        };
        let cols: [(u8, &CellValue, Option<&KValue>, String); 3] = [
            (
                8,
                &s.tingkat_realisasi,
                c8.as_ref(),
                "8 = 7/6 × 100".to_string(),
            ),
            (10, &s.sd_n1, c.sd_n1.as_ref(), c.aturan.teks().to_string()),
            (
                11,
                &s.tingkat_capaian,
                c11.as_ref(),
                "11 = 10/4 × 100, dari kolom 10 yang tertulis".to_string(),
            ),
        ];
        for (j, (no, stated, ours, rule)) in cols.into_iter().enumerate() {
            if sesuai_tertulis(stated, ours) {
                continue;
            }
            let ours_s = ours.map_or_else(|| "tidak ada (-)".to_string(), tampil);
            problems.push(Problem {
                severity: Severity::Warning,
                code: "kolom_tc29_berbeda".into(),
                message: format!(
                    "Kolom {no} '{}': tertulis {}, hasil hitung {ours_s} ({rule})",
                    label(b),
                    tampil_sel(stated)
                ),
                at: Location {
                    row: Some(i),
                    cell: s.sel[j].clone(),
                    ..Location::default()
                },
            });
        }
    }
    (h, problems)
}

/// An existing table of Renja year `tahun` checked from its rows' text ([`baca_baris`] each,
/// then [`periksa`]): the table as read, and the problems, each at its row and cell.
pub fn periksa_baris(tahun: i32, baris: &[BarisTeks]) -> (Tc29, Vec<Problem>) {
    let (rows, tertulis): (Vec<BarisTc29>, Vec<Tertulis>) = baris.iter().map(baca_baris).unzip();
    let t = Tc29 {
        tahun,
        baris: rows,
        ..Tc29::default()
    };
    let (_, problems) = periksa(&t, &tertulis);
    (t, problems)
}

/// [`periksa_baris`]'s problems, proportionate: a column that breaks its rule on more than
/// `batas` rows is one cause (the table fills it otherwise: seed 002's column 10 holds the
/// realisation s.d. TW II, never `5+7+9`), one problem listing its cells with the first as an
/// example; a column with fewer keeps one problem per cell.
pub fn per_sebab(problems: Vec<Problem>, batas: usize) -> Vec<Problem> {
    // The column a problem names (`Kolom 10 '…'`).
    let kolom = |p: &Problem| -> Option<u8> {
        p.message
            .strip_prefix("Kolom ")?
            .split(' ')
            .next()?
            .parse()
            .ok()
    };
    let mut out = Vec::new();
    for no in [8u8, 10, 11] {
        let these: Vec<&Problem> = problems
            .iter()
            .filter(|p| p.code == "kolom_tc29_berbeda" && kolom(p) == Some(no))
            .collect();
        if these.len() <= batas {
            out.extend(these.into_iter().cloned());
            continue;
        }
        let sel: Vec<&str> = these.iter().filter_map(|p| p.at.cell.as_deref()).collect();
        out.push(Problem {
            severity: Severity::Warning,
            code: "kolom_tc29_berbeda".into(),
            message: format!(
                "Kolom {no} tidak mengikuti rumusnya di {} baris: {} (contoh: {})",
                these.len(),
                sel.join(", "),
                these[0].message
            ),
            at: Location {
                cell: these[0].at.cell.clone(),
                ..Location::default()
            },
        });
    }
    out.extend(
        problems
            .iter()
            .filter(|p| p.code != "kolom_tc29_berbeda" || kolom(p).is_none())
            .cloned(),
    );
    out
}

/// A T-C.29 row as a document row (level, kode, name, indicator), for the plan's matching.
fn sebagai_row(b: &BarisTc29) -> Row {
    let mut r = Row::empty(b.level);
    r.kode = b.kode.clone();
    r.kode_raw = b.kode_berkas.clone();
    r.name = b.nama.clone();
    r.indicator = b.indikator.clone();
    r
}

fn sama_nilai(a: &KValue, b: &KValue) -> bool {
    match (a, b) {
        (KValue::Number(x), KValue::Number(y)) => {
            crate::num::round_half_up(*x, 2) == crate::num::round_half_up(*y, 2)
        }
        (KValue::Grade { grade: x, .. }, KValue::Grade { grade: y, .. }) => x == y,
        (KValue::Text(x), KValue::Text(y)) => x.trim() == y.trim(),
        _ => false,
    }
}

/// Column 5 of this year's T-C.29 against last year's: this year's realisasi s.d. n-3 is last
/// year's realisasi s.d. its n-2, i.e. its columns 5 and 7 by the indicator's aggregation
/// (`5+7` for counts, 7 for levels; both realised, no estimate), row by row (matched as the
/// plan matches rows). Each row where they differ is reported (`kolom5_tahun_lalu`, Warning:
/// a realisation revised since, or carried over wrongly), with both values.
pub fn periksa_tahun_lalu(ini: &Tc29, lalu: &Tc29) -> Vec<Problem> {
    let a: Vec<Row> = lalu.baris.iter().map(sebagai_row).collect();
    let b: Vec<Row> = ini.baris.iter().map(sebagai_row).collect();
    let mut out = Vec::new();
    for (i, m) in cocokkan_baris(&a, &b).into_iter().enumerate() {
        let Some(j) = m else { continue };
        let l = &lalu.baris[j];
        let dulu = sd_periode(&l.makna, &[l.sd_n3.clone(), l.realisasi_n2.clone()]);
        let sekarang = ini.baris[i].sd_n3.as_ref();
        let sama = match (sekarang, dulu.as_ref()) {
            (Some(x), Some(y)) => sama_nilai(x, y),
            (None, None) => true,
            _ => false,
        };
        if !sama {
            let teks = |v: Option<&KValue>| v.map_or_else(|| "(kosong)".to_string(), tampil);
            out.push(row_problem(
                Severity::Warning,
                "kolom5_tahun_lalu",
                format!(
                    "Kolom 5 '{}' (realisasi s.d. {}) {} berbeda dengan realisasi s.d. {} menurut T-C.29 Renja {} (kolom 5 dan 7, {}) {}",
                    label(&ini.baris[i]),
                    ini.tahun - 3,
                    teks(sekarang),
                    lalu.tahun - 2,
                    lalu.tahun,
                    Aturan10::dari(l.makna.aggregation).gabung_tahun(),
                    teks(dulu.as_ref())
                ),
                i,
            ));
        }
    }
    out
}

/// A figure an existing T-C.29 states that the plan's own T-C.29 ([`susun`] from the years'
/// E.81s) holds otherwise.
#[derive(Clone, Debug, PartialEq)]
pub struct BedaTc29 {
    /// The file's row (index into its table's rows) and the plan's.
    pub baris: usize,
    pub baris_rencana: usize,
    /// Column 4, 5, 6, 7 or 9.
    pub kolom: u8,
    pub berkas: Option<KValue>,
    pub rencana: Option<KValue>,
}

impl BedaTc29 {
    /// The file's row as problems name it (`nama — indikator`), in the file's table `t`.
    pub fn label(&self, t: &Tc29) -> String {
        t.baris.get(self.baris).map(label).unwrap_or_default()
    }

    /// `Kolom 9 'Penyusunan … — Jumlah Dok …': berkas 5, rencana 6`.
    pub fn pesan(&self, t: &Tc29) -> String {
        let teks = |v: &Option<KValue>| v.as_ref().map_or_else(|| "(kosong)".to_string(), tampil);
        format!(
            "Kolom {} '{}': berkas {}, rencana {}",
            self.kolom,
            self.label(t),
            teks(&self.berkas),
            teks(&self.rencana)
        )
    }
}

/// An existing table (`berkas`) against the plan's own for the same Renja (`rencana`,
/// [`susun`]): for each row both have (matched by its program, kegiatan or sub kegiatan's
/// name and its indicator, case and spacing ignored, when the plan has exactly one), the figures a
/// T-C.29 takes rather than computes — column 4 (the Renstra's end target), 5 (realisasi s.d.
/// n-3: what last year's table carried as realised), 6 and 7 (n-2's target and realisasi), 9
/// (n-1's target) — each that differs (numbers compared at 2 decimals, a grade by its
/// letter; one stated and the other empty differs). Also the file's rows the plan has not.
pub fn bandingkan_rencana(berkas: &Tc29, rencana: &Tc29) -> (Vec<BedaTc29>, Vec<usize>) {
    // A row by its node's name and its indicator (an extra indicator row under the node
    // above): a file without codes prints no level to match the plan's tree by.
    fn kunci_baris(t: &Tc29) -> Vec<(String, String)> {
        let mut nama = String::new();
        t.baris
            .iter()
            .map(|b| {
                if !b.nama.trim().is_empty() {
                    nama = crate::teks::kunci(&b.nama);
                }
                (nama.clone(), crate::teks::kunci(&b.indikator))
            })
            .collect()
    }
    let mut di_rencana: std::collections::BTreeMap<(String, String), Option<usize>> =
        std::collections::BTreeMap::new();
    for (j, k) in kunci_baris(rencana).into_iter().enumerate() {
        di_rencana
            .entry(k)
            .and_modify(|e| *e = None)
            .or_insert(Some(j));
    }
    let mut beda = Vec::new();
    let mut tanpa = Vec::new();
    for (i, k) in kunci_baris(berkas).into_iter().enumerate() {
        let Some(Some(j)) = di_rencana.get(&k).copied() else {
            tanpa.push(i);
            continue;
        };
        let (x, y) = (&berkas.baris[i], &rencana.baris[j]);
        for (kolom, fx, fy) in [
            (4u8, &x.renstra, &y.renstra),
            (5, &x.sd_n3, &y.sd_n3),
            (6, &x.target_n2, &y.target_n2),
            (7, &x.realisasi_n2, &y.realisasi_n2),
            (9, &x.target_n1, &y.target_n1),
        ] {
            let sama = match (fx, fy) {
                (Some(p), Some(q)) => sama_nilai(p, q),
                (None, None) => true,
                _ => false,
            };
            if !sama {
                beda.push(BedaTc29 {
                    baris: i,
                    baris_rencana: j,
                    kolom,
                    berkas: fx.clone(),
                    rencana: fy.clone(),
                });
            }
        }
    }
    (beda, tanpa)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Pair, Polarity, ValueType};
    use std::str::FromStr;

    #[test]
    fn a_table_against_the_plans_own() {
        let row = |nama: &str, renstra: &str, n1: &str| BarisTc29 {
            level: Level::SubKegiatan,
            kode: None,
            kode_berkas: None,
            nama: nama.into(),
            indikator: format!("Jumlah {nama}"),
            satuan: Some("Dok".into()),
            makna: IndicatorSemantics::default(),
            renstra: n(renstra),
            sd_n3: n("1"),
            target_n2: n("2"),
            realisasi_n2: n("2"),
            target_n1: if n1.is_empty() { None } else { n(n1) },
            catatan: String::new(),
        };
        let t = |rows: Vec<BarisTc29>| Tc29 {
            tahun: 2025,
            baris: rows,
            ..Tc29::default()
        };
        let rencana = t(vec![
            row("Dokumen A", "10", "3"),
            row("Dokumen B", "5", "2"),
        ]);
        // (file rows) → (differences as (file row, column), file rows the plan has not)
        for (berkas, want, tanpa) in [
            (
                vec![row("Dokumen A", "10", "3"), row("Dokumen B", "5", "2")],
                vec![],
                vec![],
            ),
            (vec![row("Dokumen A", "10.001", "3")], vec![], vec![]),
            (vec![row("Dokumen A", "12", "3")], vec![(0, 4)], vec![]),
            (vec![row("Dokumen B", "5", "")], vec![(0, 9)], vec![]),
            (
                vec![row("Dokumen C", "5", "2"), row("Dokumen A", "10", "4")],
                vec![(1, 9)],
                vec![0],
            ),
        ] {
            let f = t(berkas);
            let (beda, lain) = bandingkan_rencana(&f, &rencana);
            let got: Vec<(usize, u8)> = beda.iter().map(|b| (b.baris, b.kolom)).collect();
            assert_eq!(got, want);
            assert_eq!(lain, tanpa);
        }
        let f = t(vec![row("Dokumen A", "12", "3")]);
        let (beda, _) = bandingkan_rencana(&f, &rencana);
        assert_eq!(
            beda[0].pesan(&f),
            "Kolom 4 'Dokumen A — Jumlah Dokumen A': berkas 12, rencana 10"
        );
    }

    #[test]
    fn a_column_wrong_on_many_rows_is_one_cause() {
        let p = |no: u8, row: usize, col: char| Problem {
            severity: Severity::Warning,
            code: "kolom_tc29_berbeda".into(),
            message: format!("Kolom {no} 'x{row}': tertulis 1, hasil hitung 2 (rumus)"),
            at: Location {
                row: Some(row),
                cell: Some(format!("{col}{}", row + 5)),
                ..Location::default()
            },
        };
        // (column 8 wrong on n8 rows, column 10 on n10, batas) → (problems, grouped)
        for (n8, n10, batas, want, grouped) in [
            (2usize, 7usize, 5usize, 3usize, 1usize),
            (2, 5, 5, 7, 0),
            (6, 6, 5, 2, 2),
            (0, 0, 5, 0, 0),
        ] {
            let mut all: Vec<Problem> = (0..n8).map(|r| p(8, r, 'L')).collect();
            all.extend((0..n10).map(|r| p(10, r, 'N')));
            let out = per_sebab(all, batas);
            assert_eq!(out.len(), want, "{n8} {n10}");
            let g: Vec<&Problem> = out
                .iter()
                .filter(|p| p.message.contains("tidak mengikuti rumusnya"))
                .collect();
            assert_eq!(g.len(), grouped, "{n8} {n10}");
            if n10 == 7 {
                assert_eq!(
                    g[0].message,
                    "Kolom 10 tidak mengikuti rumusnya di 7 baris: N5, N6, N7, N8, N9, N10, N11 (contoh: Kolom 10 'x0': tertulis 1, hasil hitung 2 (rumus))"
                );
                assert_eq!(g[0].at.cell.as_deref(), Some("N5"));
            }
        }
    }

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }
    fn n(s: &str) -> Option<KValue> {
        Some(KValue::Number(d(s)))
    }
    fn pair(s: &str) -> Pair {
        Pair { k: n(s), rp: None }
    }
    fn row(level: Level, kode: &str, name: &str, ind: &str, unit: &str) -> Row {
        let mut r = Row::empty(level);
        r.kode = (!kode.is_empty()).then(|| kode.to_string());
        r.name = name.into();
        r.indicator = ind.into();
        r.unit = Some(unit.into());
        let sum = unit != "%";
        r.semantics = IndicatorSemantics {
            value_type: if sum {
                ValueType::Count
            } else {
                ValueType::Percent
            },
            aggregation: if sum {
                Aggregation::Sum
            } else {
                Aggregation::Last
            },
            ..IndicatorSemantics::default()
        };
        r
    }
    fn baris_kosong() -> BarisTc29 {
        BarisTc29 {
            level: Level::SubKegiatan,
            kode: None,
            kode_berkas: None,
            nama: String::new(),
            indikator: String::new(),
            satuan: None,
            makna: IndicatorSemantics::default(),
            renstra: None,
            sd_n3: None,
            target_n2: None,
            realisasi_n2: None,
            target_n1: None,
            catatan: String::new(),
        }
    }

    fn doc(year: i32, rows: Vec<Row>) -> Document {
        Document {
            form: "E.81".into(),
            year: Some(year),
            quarter: Some(4),
            rows,
            ..Document::default()
        }
    }

    /// n-2 = 2023: a program (%), a kegiatan, two sub kegiatan (Dok); realisation by quarter.
    fn n2() -> Document {
        let mut p = row(
            Level::Program,
            "5.03.02",
            "PROGRAM KEPEGAWAIAN",
            "Persentase ASN",
            "%",
        );
        p.renstra = pair("90");
        p.prev = pair("70");
        p.target = pair("75");
        p.tw = [pair("60"), pair("70"), Pair::default(), pair("75")];
        let mut k = row(
            Level::Kegiatan,
            "5.03.02.2.01",
            "Pengadaan",
            "Jumlah dok",
            "Dok",
        );
        k.renstra = pair("21");
        k.prev = pair("5");
        k.target = pair("5");
        k.tw = [pair("1"), pair("2"), pair("1"), pair("1")];
        let mut s1 = row(
            Level::SubKegiatan,
            "5.03.02.2.01.01",
            "Penyusunan",
            "Jumlah laporan",
            "Lap",
        );
        s1.renstra = pair("0");
        s1.target = pair("0");
        s1.tw[3] = pair("3");
        let mut s2 = row(
            Level::SubKegiatan,
            "5.03.02.2.01.02",
            "Lama",
            "Jumlah SK",
            "SK",
        );
        s2.renstra = pair("10");
        s2.prev = pair("2");
        s2.target = pair("4");
        s2.tw[1] = pair("4");
        doc(2023, vec![p, k, s1, s2])
    }

    /// n-1 = 2024: the program with the unit changed, sub kegiatan 02 gone, a new 03.
    fn n1() -> Document {
        let mut p = row(
            Level::Program,
            "5.03.02",
            "Program Kepegawaian Daerah",
            "Persentase ASN",
            "%",
        );
        p.renstra = pair("90");
        p.target = pair("80");
        let mut k = row(
            Level::Kegiatan,
            "5.03.02.2.01",
            "Pengadaan ASN",
            "Jumlah dok",
            "Dokumen",
        );
        k.target = pair("6");
        let mut s1 = row(
            Level::SubKegiatan,
            "5.03.02.2.01.01",
            "Penyusunan",
            "Jumlah laporan",
            "Dok",
        );
        s1.target = pair("2");
        let mut s3 = row(
            Level::SubKegiatan,
            "5.03.02.2.01.03",
            "Baru",
            "Jumlah orang",
            "Orang",
        );
        s3.target = pair("8");
        doc(2024, vec![p, k, s1, s3])
    }

    #[test]
    fn derived_from_three_years() {
        let (a, b) = (n2(), n1());
        let (t, problems) = susun(&SumberTc29 {
            tahun: 2025,
            n3: None,
            n2: &a,
            n1: Some(&b),
            settings: &E81Settings::default(),
        });
        let names: Vec<&str> = t.baris.iter().map(|r| r.nama.as_str()).collect();
        // n-1's order (names as n-1 says them), the n-2-only sub kegiatan after its predecessor.
        assert_eq!(
            names,
            [
                "Program Kepegawaian Daerah",
                "Pengadaan ASN",
                "Penyusunan",
                "Lama",
                "Baru"
            ]
        );
        let p = &t.baris[0];
        assert_eq!(
            (
                p.sd_n3.clone(),
                p.target_n2.clone(),
                p.realisasi_n2.clone(),
                p.target_n1.clone()
            ),
            (n("70"), n("75"), n("75"), n("80"))
        );
        let k = &t.baris[1];
        assert_eq!(
            (k.sd_n3.clone(), k.realisasi_n2.clone(), k.renstra.clone()),
            (n("5"), n("5"), n("21"))
        );
        let (h, hp) = hitung(&t);
        // Program (level): 8 = 75/75, 10 = latest (80), 11 = 80/90.
        assert_eq!(h[0].tingkat_realisasi, Some(d("100")));
        assert_eq!(h[0].sd_n1, n("80"));
        assert_eq!(h[0].aturan, Aturan10::Terakhir);
        assert_eq!(
            crate::num::round_half_up(h[0].tingkat_capaian.unwrap(), 2),
            d("88.89")
        );
        // Kegiatan (count): 10 = 5+5+6.
        assert_eq!(h[1].sd_n1, n("16"));
        assert_eq!(h[1].aturan, Aturan10::Jumlah);
        assert_eq!(
            crate::num::round_half_up(h[1].tingkat_capaian.unwrap(), 2),
            d("76.19")
        );
        // Target 0: no ratio, said why; col 5 blank counts 0: 10 = 3 + 2.
        assert_eq!(h[2].tingkat_realisasi, None);
        assert_eq!(h[2].sd_n1, n("5"));
        assert_eq!(h[2].tingkat_capaian, None);
        let nol: Vec<_> = hp.iter().filter(|p| p.code == "target_nol").collect();
        assert_eq!(nol.len(), 2, "{hp:#?}");
        assert!(nol.iter().all(|p| p.at.row == Some(2)));
        assert!(nol[0].message.starts_with("Kolom 8 (tingkat realisasi)"));
        // The new sub kegiatan: only column 9; no renstra → no 11, and why.
        assert_eq!(h[4].sd_n1, n("8"));
        let tanpa: Vec<_> = hp.iter().filter(|p| p.code == "tanpa_target").collect();
        assert_eq!(tanpa.len(), 1, "{hp:#?}");
        assert_eq!(tanpa[0].at.row, Some(4));
        // One problem lists both indicators missing in a year.
        let kurang: Vec<_> = problems
            .iter()
            .filter(|p| p.code == "indikator_tidak_lengkap")
            .collect();
        assert_eq!(kurang.len(), 1);
        assert!(
            kurang[0]
                .message
                .contains("'Lama — Jumlah SK' (tidak ada pada 2024)"),
            "{}",
            kurang[0].message
        );
        assert!(kurang[0]
            .message
            .contains("'Baru — Jumlah orang' (tidak ada pada 2023)"));
        // Satuan Lap (2023) vs Dok (2024) on sub kegiatan 01; Dok = Dokumen is the same unit.
        let satuan: Vec<_> = problems
            .iter()
            .filter(|p| p.code == "satuan_berbeda_antartahun")
            .collect();
        assert_eq!(satuan.len(), 1, "{problems:#?}");
        assert_eq!(satuan[0].at.row, Some(2));
        assert!(satuan[0].message.contains("2023 'Lap', 2024 'Dok'"));
    }

    #[test]
    fn column_5_from_the_n3_document_and_matching_by_name_without_kode() {
        let mut old = n2();
        old.year = Some(2022);
        for r in &mut old.rows {
            r.kode = None;
        }
        let mut a = n2();
        for r in &mut a.rows {
            r.kode = None;
        }
        let (t, problems) = susun(&SumberTc29 {
            tahun: 2025,
            n3: Some(&old),
            n2: &a,
            n1: None,
            settings: &E81Settings::default(),
        });
        assert_eq!(t.baris.len(), 4);
        // Kegiatan: 2022's column 14 = 5 + (1+2+1+1) = 10, not 2023's column 6 (5).
        assert_eq!(t.baris[1].sd_n3, n("10"));
        // Program (level): column 14 = the 2022 level, 75.
        assert_eq!(t.baris[0].sd_n3, n("75"));
        assert!(
            problems.iter().all(|p| p.code != "indikator_tidak_lengkap"),
            "{problems:#?}"
        );
    }

    #[test]
    fn the_workspace_cap_holds_for_columns_8_and_11() {
        let (a, b) = (n2(), n1());
        let capped = E81Settings {
            cap_100: true,
            ..E81Settings::default()
        };
        let (t, _) = susun(&SumberTc29 {
            tahun: 2025,
            n3: None,
            n2: &a,
            n1: Some(&b),
            settings: &capped,
        });
        assert!(t.baris.iter().all(|r| r.makna.cap_100));
        let (h, _) = hitung(&t);
        // The kegiatan: 16 of 21 stays 76,19; against a Renstra of 10 (160 %) it is capped.
        assert_eq!(
            crate::num::round_half_up(h[1].tingkat_capaian.unwrap(), 2),
            d("76.19")
        );
        let mut over = t.clone();
        over.baris[1].renstra = n("10");
        let (h, _) = hitung(&over);
        assert_eq!(h[1].tingkat_capaian, Some(d("100")));
    }

    #[test]
    fn column_5_against_last_years_columns_5_and_7() {
        let settings = E81Settings::default();
        // Renja 2025 from 2023 and 2024.
        let (a, b) = (n2(), n1());
        let (lalu, _) = susun(&SumberTc29 {
            tahun: 2025,
            n3: None,
            n2: &a,
            n1: Some(&b),
            settings: &settings,
        });
        // Renja 2026 from 2024's final E.81, its column 6 (realisasi s.d. 2023) carried over:
        // the program's level 75 and sub kegiatan 01's 3 as 2023 realised them, the kegiatan's
        // 11 where 2022's 5 and 2023's 5 make 10.
        let mut real = n1();
        real.quarter = Some(4);
        for r in &mut real.rows {
            r.tw[3] = r.target.clone();
            r.prev = match r.kode.as_deref() {
                Some("5.03.02") => pair("75"),
                Some("5.03.02.2.01") => pair("11"),
                Some("5.03.02.2.01.01") => pair("3"),
                _ => Pair::default(),
            };
        }
        let (ini, _) = susun(&SumberTc29 {
            tahun: 2026,
            n3: None,
            n2: &real,
            n1: None,
            settings: &settings,
        });
        let p = periksa_tahun_lalu(&ini, &lalu);
        assert_eq!(p.len(), 1, "{p:#?}");
        assert_eq!(
            (p[0].code.as_str(), p[0].at.row),
            ("kolom5_tahun_lalu", Some(1))
        );
        assert_eq!(
            p[0].message,
            "Kolom 5 'Pengadaan ASN — Jumlah dok' (realisasi s.d. 2023) 11 berbeda dengan realisasi s.d. 2023 menurut T-C.29 Renja 2025 (kolom 5 dan 7, dijumlahkan) 10"
        );
    }

    #[test]
    fn documents_of_another_year_or_quarter_are_reported() {
        let mut a = n2();
        a.quarter = Some(2);
        let mut b = n1();
        b.year = Some(2023);
        let (_, problems) = susun(&SumberTc29 {
            tahun: 2025,
            n3: None,
            n2: &a,
            n1: Some(&b),
            settings: &E81Settings::default(),
        });
        let codes: Vec<&str> = problems.iter().map(|p| p.code.as_str()).collect();
        assert_eq!(
            &codes[..2],
            ["bukan_akhir_tahun", "tahun_dokumen"],
            "{problems:#?}"
        );
        assert!(
            problems[0].message.contains("triwulan II"),
            "{}",
            problems[0].message
        );
        assert!(
            problems[1].message.contains("kolom 9") && problems[1].message.contains("tahun 2024")
        );
    }

    #[test]
    fn polarity_and_grades() {
        let mut b = baris_kosong();
        b.makna.polarity = Polarity::LowerIsBetterRatio;
        b.makna.aggregation = Aggregation::Last;
        b.renstra = n("5");
        b.target_n2 = n("8");
        b.realisasi_n2 = n("10");
        b.target_n1 = n("6");
        let t = Tc29 {
            tahun: 2025,
            baris: vec![b],
            ..Tc29::default()
        };
        let (h, _) = hitung(&t);
        assert_eq!(h[0].tingkat_realisasi, Some(d("80")));
        assert_eq!(
            crate::num::round_half_up(h[0].tingkat_capaian.unwrap(), 2),
            d("83.33")
        );
        let g = |grade| Some(KValue::Grade { grade, score: None });
        let mut b = baris_kosong();
        b.makna.aggregation = Aggregation::Last;
        b.makna.value_type = ValueType::Grade;
        b.renstra = g(crate::model::Grade::A);
        b.target_n2 = g(crate::model::Grade::A);
        b.realisasi_n2 = g(crate::model::Grade::BB);
        b.target_n1 = g(crate::model::Grade::A);
        let (h, _) = hitung(&Tc29 {
            tahun: 2025,
            baris: vec![b],
            ..Tc29::default()
        });
        assert_eq!(h[0].sd_n1, g(crate::model::Grade::A));
        assert_eq!(h[0].tingkat_capaian, Some(d("100")));
        assert_eq!(
            crate::num::round_half_up(h[0].tingkat_realisasi.unwrap(), 2),
            d("83.33")
        );
    }

    fn teks(kolom: [&str; 8], satuan: [&str; 4]) -> BarisTeks {
        BarisTeks {
            level: Some(Level::SubKegiatan),
            kode: String::new(),
            nama: "Penyusunan Dok".into(),
            indikator: "Jumlah Dok".into(),
            kolom: kolom.map(String::from),
            satuan: satuan.map(String::from),
            sel: [Some("L5".into()), Some("N5".into()), Some("O5".into())],
        }
    }

    #[test]
    fn the_checker_reads_a_table_and_flags_each_disagreeing_cell() {
        // Seed 001: 5+5+5 = 15, 15/21 = 71,43; 8 = 100 — consistent.
        let (b, s) = baca_baris(&teks(
            ["21", "5", "5", "5", "100", "5", "15", "71,43"],
            ["Dok", "Dok", "Dok", "Dok"],
        ));
        assert_eq!(b.makna.aggregation, Aggregation::Sum);
        let (_, p) = periksa(
            &Tc29 {
                tahun: 2025,
                baris: vec![b],
                ..Tc29::default()
            },
            &[s],
        );
        assert!(p.is_empty(), "{p:#?}");
        // A level (Nilai): 10 = the latest (72), 8 = 99,53/72 = 138,2 shown 138 (cut off), 11
        // stated 72 where 72/80 = 90.
        let (b, s) = baca_baris(&teks(
            ["80", "70", "72", "99,53", "138", "72", "72", "72"],
            ["Nilai", "%", "B", "BB"],
        ));
        assert_eq!(b.makna.aggregation, Aggregation::Last);
        let (h, p) = periksa(
            &Tc29 {
                tahun: 2025,
                baris: vec![b],
                ..Tc29::default()
            },
            &[s],
        );
        assert_eq!(h[0].sd_n1, n("72"));
        assert_eq!(p.len(), 1, "{p:#?}");
        assert_eq!(p[0].code, "kolom_tc29_berbeda");
        assert_eq!(p[0].at.cell.as_deref(), Some("O5"));
        assert!(
            p[0].message.contains("tertulis 72, hasil hitung 90"),
            "{}",
            p[0].message
        );
        // Glued units, `-` for nothing, a truncated 2-decimal value.
        let (b, s) = baca_baris(&teks(
            [
                "5 Dok",
                "5 Dok",
                "1.400 Dok",
                "818 Dok",
                "58,42",
                "1 Dok",
                "824",
                "164",
            ],
            ["", "", "", ""],
        ));
        assert_eq!(b.satuan.as_deref(), Some("Dok"));
        let (_, p) = periksa(
            &Tc29 {
                tahun: 2025,
                baris: vec![b],
                ..Tc29::default()
            },
            &[s],
        );
        // 8 agrees (58,428… cut to 58,42); 10 agrees (5+818+1); 11: 824/5×100 = 16.480, not 164.
        assert_eq!(p.len(), 1, "{p:#?}");
        assert!(p[0].message.starts_with("Kolom 11"), "{}", p[0].message);
        assert!(
            p[0].message.contains("tertulis 164, hasil hitung 16.480"),
            "{}",
            p[0].message
        );
    }
}
