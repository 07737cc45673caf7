//! LKjIP (*Laporan Kinerja Instansi Pemerintah*) Bab III — the derived tables, as pure
//! computations over plain rows, and the checkers of a table as printed.
//!
//! **Bab III A — capaian IKU** ([`BabIIIA`], one [`BarisIku`] per sasaran/IKU; [`hitung_iku`]):
//! - capaian = realisasi against target by the indicator's polarity and cap
//!   ([`crate::indicator::capaian`]); kategori = the band of the workspace's [`Scale`] the
//!   capaian, rounded half-up to 2 decimals, falls in (seed 000 Tabel 3.1/3.2);
//! - against last year ([`BandingLalu`], Tabel 3.3/3.4): last year's target, realisasi and
//!   capaian, and `selisih = realisasi n − realisasi n-1` **in points of the indicator's own
//!   measure** (percentage points for a %), as seed 000 prints it (2,07 = 99 − 96,93); the
//!   direction *naik/turun/tetap* and whether that is better by the polarity. An indicator
//!   without last year's value has no comparison (the seed puts the realisasi or the capaian
//!   there — [`periksa_iku`] flags that);
//! - against the Renstra end target (Tabel 3.5/3.6): capaian(target akhir Renstra, realisasi);
//! - efisiensi (Tabel 3.9/3.10): penyerapan = realisasi anggaran ÷ anggaran × 100, tingkat
//!   efisiensi = capaian % ÷ penyerapan % × 100 ([`RumusEfisiensi::CapaianPerPenyerapan`], the
//!   definition of seed 000's Tabel 3.11/3.12). Seed 000's Tabel 3.9/3.10 divide the realisasi
//!   (not the capaian) by the penyerapan ([`RumusEfisiensi::RealisasiPerPenyerapan`]); the
//!   checker detects which formula a printed table follows ([`rumus_tertulis`]) and says so.
//!
//! All figures are unrounded decimals (percent units); rounding half-up is for display
//! ([`crate::num::round_half_up`], [`crate::num::format_id`]).
//!
//! **Bab III B — realisasi anggaran** ([`realisasi_anggaran`]): per program, kegiatan and sub
//! kegiatan of a [`Document`], `Pagu · Realisasi · %` — pagu the row's effective column 7 Rp,
//! realisasi the Σ of its effective quarter Rp ([`crate::e81::effective_rp_of`]) — with a Jumlah
//! of the top-level rows; [`RealisasiAnggaran::tingkat`] keeps the programs only (seed 000
//! Tabel 3.21). The LRA by rekening ([`lra`]) from a SIPD [`Anggaran`] whose rekening rows
//! the table keeps: akun, kelompok and jenis (to a chosen depth) summed from the lowest
//! rekening rows, a *JUMLAH* row after each kelompok and the akun, and SURPLUS/DEFISIT
//! (pendapatan − belanja); `% = realisasi ÷ anggaran × 100`.
//!
//! **Checkers**: [`periksa_iku`], [`periksa_realisasi`] and [`periksa_lra`] compare a table as
//! printed (each cell's text) with the recomputation and return one located [`Problem`] per
//! cell that disagrees (`lkjip_berbeda`; `lkjip_dipotong` when the printed figure is ours cut
//! off instead of rounded); [`periksa_pagu_iku`] (IKU budgets that add up to more than the
//! PD's pagu) and [`periksa_lra_realisasi`] (the LRA's totals against the program table's)
//! compare two tables.

use std::collections::BTreeMap;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

use crate::anggaran::{Anggaran, Besaran, Jenjang};
use crate::e81::{effective_rp_of, E81Computed};
use crate::indicator::capaian;
use crate::model::{
    Document, IndicatorSemantics, KValue, Level, Location, Polarity, Problem, Severity,
};
use crate::num::{format_id, parse_cell, round_half_up, sum_opt, CellValue};
use crate::scale::Scale;
use crate::tabel::{teks_k, teks_persen, teks_rp, BarisTabel, Rata, SelKepala, Tabel};

const SERATUS: Decimal = Decimal::ONE_HUNDRED;

// ---------------------------------------------------------------------------------------------
// Bab III A.

/// One sasaran/IKU of Bab III A, as the caller builds it from the plan's sasaran and IKU rows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
pub struct BarisIku {
    pub sasaran: String,
    pub indikator: String,
    pub satuan: Option<String>,
    pub makna: IndicatorSemantics,
    /// Target of the year (the PK's).
    pub target: Option<KValue>,
    pub realisasi: Option<KValue>,
    /// Targets of earlier years, by year.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub target_lalu: Vec<(i32, KValue)>,
    /// Realisasi of earlier years, by year.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub realisasi_lalu: Vec<(i32, KValue)>,
    /// Target at the end of the Renstra period.
    pub target_akhir_renstra: Option<KValue>,
    /// The budget attributed to the IKU (pagu) and its realisasi, Rp.
    pub anggaran: Option<Decimal>,
    pub realisasi_anggaran: Option<Decimal>,
}

/// Bab III A of the LKjIP of year `tahun`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
pub struct BabIIIA {
    pub tahun: i32,
    pub baris: Vec<BarisIku>,
}

/// Which way the realisasi moved since last year.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Arah {
    Naik,
    Turun,
    Tetap,
}

impl Arah {
    pub fn teks(self) -> &'static str {
        match self {
            Arah::Naik => "naik",
            Arah::Turun => "turun",
            Arah::Tetap => "tetap",
        }
    }
}

/// This year's realisasi against last year's (Tabel 3.3/3.4).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BandingLalu {
    /// The earlier year compared with (the latest before [`BabIIIA::tahun`]).
    pub tahun: i32,
    pub target: Option<KValue>,
    pub realisasi: KValue,
    /// Capaian of that year (percent units).
    pub capaian: Option<Decimal>,
    /// Realisasi n − realisasi of [`Self::tahun`], in the indicator's own measure (points of a
    /// percentage): what the seed prints under *… mengalami peningkatan/penurunan sebesar*.
    pub selisih: Decimal,
    pub arah: Arah,
    /// The move is an improvement by the indicator's polarity (a fall of a lower-is-better
    /// indicator is).
    pub membaik: bool,
}

impl BandingLalu {
    /// Peningkatan (a rise), else nothing.
    pub fn peningkatan(&self) -> Option<Decimal> {
        (self.arah == Arah::Naik).then_some(self.selisih)
    }

    /// Penurunan (a fall, as a positive amount), else nothing.
    pub fn penurunan(&self) -> Option<Decimal> {
        (self.arah == Arah::Turun).then_some(-self.selisih)
    }

    /// `naik sebesar 2,07 poin dari 96,93 (2024)`; `tetap` when equal. `satuan`: the
    /// indicator's; a percentage moves in *poin*, anything else in its own unit.
    pub fn teks(&self, satuan: Option<&str>) -> String {
        let lalu = match &self.realisasi {
            KValue::Number(d) => tampil_angka(*d),
            other => tampil_k(other),
        };
        if self.arah == Arah::Tetap {
            return format!("tetap dari {lalu} ({})", self.tahun);
        }
        let ukuran = match satuan.map(str::trim) {
            None | Some("") | Some("%") => "poin".to_string(),
            Some(u) if u.eq_ignore_ascii_case("persen") => "poin".to_string(),
            Some(u) if u.eq_ignore_ascii_case("indeks") => "poin".to_string(),
            Some(u) => u.to_string(),
        };
        format!(
            "{} sebesar {} {ukuran} dari {lalu} ({})",
            self.arah.teks(),
            tampil_angka(self.selisih.abs()),
            self.tahun
        )
    }
}

/// How a tingkat efisiensi is computed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum RumusEfisiensi {
    /// `capaian kinerja (%) ÷ penyerapan anggaran (%) × 100`: Capaian's.
    #[default]
    CapaianPerPenyerapan,
    /// `realisasi kinerja ÷ penyerapan anggaran (%) × 100` (seed 000 Tabel 3.9/3.10): only
    /// the same as the first when the target is 100.
    RealisasiPerPenyerapan,
}

impl RumusEfisiensi {
    pub fn teks(self) -> &'static str {
        match self {
            RumusEfisiensi::CapaianPerPenyerapan => {
                "tingkat efisiensi = capaian kinerja (%) ÷ penyerapan anggaran (%) × 100"
            }
            RumusEfisiensi::RealisasiPerPenyerapan => {
                "tingkat efisiensi = realisasi kinerja ÷ penyerapan anggaran (%) × 100"
            }
        }
    }

    /// The efisiensi of a row by this formula.
    pub fn hitung(
        self,
        capaian: Option<Decimal>,
        realisasi: Option<&KValue>,
        penyerapan: Option<Decimal>,
    ) -> Option<Decimal> {
        let atas = match self {
            RumusEfisiensi::CapaianPerPenyerapan => capaian?,
            RumusEfisiensi::RealisasiPerPenyerapan => angka(realisasi)?,
        };
        rasio(atas, penyerapan?)
    }
}

/// The computed columns of one IKU (percent units, unrounded).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
pub struct HitungIku {
    pub capaian: Option<Decimal>,
    /// The band of the scale.
    pub kategori: Option<String>,
    pub lalu: Option<BandingLalu>,
    /// Capaian of the realisasi against the Renstra end target.
    pub capaian_renstra: Option<Decimal>,
    /// Realisasi anggaran ÷ anggaran × 100.
    pub penyerapan: Option<Decimal>,
    /// By [`RumusEfisiensi::CapaianPerPenyerapan`].
    pub efisiensi: Option<Decimal>,
}

/// `a ÷ b × 100`, none when `b` is 0.
fn rasio(a: Decimal, b: Decimal) -> Option<Decimal> {
    if b.is_zero() {
        None
    } else {
        a.checked_mul(SERATUS)?.checked_div(b)
    }
}

fn angka(v: Option<&KValue>) -> Option<Decimal> {
    match v {
        Some(KValue::Number(d)) => Some(*d),
        _ => None,
    }
}

/// Penyerapan: realisasi ÷ pagu × 100 (none without a pagu, or a pagu of 0).
pub fn penyerapan(pagu: Option<Decimal>, realisasi: Option<Decimal>) -> Option<Decimal> {
    rasio(realisasi?, pagu?)
}

/// A figure as a table shows it: up to 2 decimals, half-up, Indonesian separators, no
/// trailing zeros (`96,93`, `100`, `1.234.567`).
pub fn tampil_angka(d: Decimal) -> String {
    let r = round_half_up(d, 2).normalize();
    format_id(r, r.scale())
}

fn tampil_k(k: &KValue) -> String {
    match k {
        KValue::Number(d) => tampil_angka(*d),
        KValue::Grade { grade, .. } => format!("{grade:?}"),
        KValue::Text(t) => t.clone(),
    }
}

fn baris_problem(severity: Severity, code: &str, message: String, row: usize) -> Problem {
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

/// The label problems name an IKU by (a sasaran measured by its own figures, once).
fn label(b: &BarisIku) -> String {
    let (s, i) = (b.sasaran.trim(), b.indikator.trim());
    if s.is_empty() || s == i {
        i.to_string()
    } else {
        format!("{s} — {i}")
    }
}

/// The latest year before `tahun` with a value, and that value.
fn terakhir(v: &[(i32, KValue)], tahun: i32) -> Option<(i32, &KValue)> {
    v.iter()
        .filter(|(y, _)| *y < tahun)
        .max_by_key(|(y, _)| *y)
        .map(|(y, k)| (*y, k))
}

fn rasio_iku(
    b: &BarisIku,
    i: usize,
    apa: &str,
    target: Option<&KValue>,
    realisasi: Option<&KValue>,
    problems: &mut Vec<Problem>,
) -> Option<Decimal> {
    let (t, r) = (target?, realisasi?);
    let (v, ps) = capaian(&b.makna, t, r);
    for p in ps {
        problems.push(baris_problem(
            p.severity,
            &p.code,
            format!("{apa} '{}': {}", label(b), p.message),
            i,
        ));
    }
    v
}

/// The computed columns of one IKU of year `tahun`.
fn hitung_satu(
    b: &BarisIku,
    i: usize,
    tahun: i32,
    skala: &Scale,
    problems: &mut Vec<Problem>,
) -> HitungIku {
    let cap = rasio_iku(
        b,
        i,
        "Capaian",
        b.target.as_ref(),
        b.realisasi.as_ref(),
        problems,
    );
    let kategori = cap.and_then(|c| skala.rate(round_half_up(c, 2)).map(str::to_string));
    let lalu = terakhir(&b.realisasi_lalu, tahun).and_then(|(y, rl)| {
        let r = angka(b.realisasi.as_ref())?;
        let l = angka(Some(rl))?;
        let target = b
            .target_lalu
            .iter()
            .find(|(ty, _)| *ty == y)
            .map(|(_, k)| k.clone());
        let capaian_lalu = rasio_iku(
            b,
            i,
            &format!("Capaian {y}"),
            target.as_ref(),
            Some(rl),
            problems,
        );
        let selisih = r - l;
        let arah = match selisih.cmp(&Decimal::ZERO) {
            std::cmp::Ordering::Greater => Arah::Naik,
            std::cmp::Ordering::Less => Arah::Turun,
            std::cmp::Ordering::Equal => Arah::Tetap,
        };
        let membaik = match (arah, b.makna.polarity) {
            (Arah::Tetap, _) => false,
            (Arah::Naik, Polarity::HigherIsBetter) => true,
            (Arah::Naik, _) => false,
            (Arah::Turun, Polarity::HigherIsBetter) => false,
            (Arah::Turun, _) => true,
        };
        Some(BandingLalu {
            tahun: y,
            target,
            realisasi: rl.clone(),
            capaian: capaian_lalu,
            selisih,
            arah,
            membaik,
        })
    });
    let capaian_renstra = rasio_iku(
        b,
        i,
        "Capaian terhadap target akhir Renstra",
        b.target_akhir_renstra.as_ref(),
        b.realisasi.as_ref(),
        problems,
    );
    let serap = penyerapan(b.anggaran, b.realisasi_anggaran);
    if b.realisasi_anggaran.is_some() && b.anggaran.is_none_or(|a| a.is_zero()) {
        problems.push(baris_problem(
            Severity::Info,
            "tanpa_pagu",
            format!(
                "Penyerapan '{}' tidak dihitung: anggaran kosong atau 0",
                label(b)
            ),
            i,
        ));
    }
    let efisiensi = RumusEfisiensi::CapaianPerPenyerapan.hitung(cap, b.realisasi.as_ref(), serap);
    HitungIku {
        capaian: cap,
        kategori,
        lalu,
        capaian_renstra,
        penyerapan: serap,
        efisiensi,
    }
}

/// An earlier year's document and its computation, for [`iku_dokumen`].
pub type TahunLalu<'a> = (i32, &'a Document, &'a E81Computed);

/// Bab III A of year `tahun` from a document's performance tree: one [`BarisIku`] per IKU of
/// each sasaran (a sasaran row's own indicator and the indicator rows under it; a tujuan's
/// indicators are not IKU), in the document's order — target column 7 K, realisasi the
/// computation's column 12 K (the quarters by the indicator's aggregation), target akhir
/// Renstra column 5 K — and, for each earlier year in `lalu`, the same IKU's target and
/// realisasi there (matched by the indicator's text, case and spacing ignored, when exactly
/// one performance row has it) — and each IKU's budget ([`anggaran_iku`]: the budget rows
/// whose Sasaran cell names the IKU or its sasaran), with the problems of those cells.
pub fn iku_dokumen(
    tahun: i32,
    doc: &Document,
    computed: &E81Computed,
    lalu: &[TahunLalu<'_>],
) -> (BabIIIA, Vec<Problem>) {
    use crate::model::{baris_kinerja, Row};
    let kunci = |r: &Row| crate::teks::kunci(&r.indicator);
    // Each earlier year's IKU by indicator text: (target, realisasi), None when ambiguous.
    // An IKU's target and realisasi in an earlier year; None when its text is not unique.
    type Lalu = Option<(Option<KValue>, Option<KValue>)>;
    let lalu: Vec<(i32, BTreeMap<String, Lalu>)> = lalu
        .iter()
        .map(|(y, d, c)| {
            let mut m: BTreeMap<String, Lalu> = BTreeMap::new();
            for (j, (row, kinerja)) in d.rows.iter().zip(baris_kinerja(&d.rows)).enumerate() {
                if !kinerja || row.indicator.trim().is_empty() {
                    continue;
                }
                let v = (
                    row.target.k.clone(),
                    c.rows.get(j).and_then(|c| c.c12.k.clone()),
                );
                m.entry(kunci(row))
                    .and_modify(|e| *e = None)
                    .or_insert(Some(v));
            }
            (*y, m)
        })
        .collect();
    let (iku, problems) = iku_beranggaran(doc, computed);
    let mut baris = Vec::new();
    for (i, mut b) in iku {
        let row = &doc.rows[i];
        for (y, m) in &lalu {
            if let Some(Some((t, r))) = m.get(&kunci(row)) {
                b.target_lalu.extend(t.clone().map(|t| (*y, t)));
                b.realisasi_lalu.extend(r.clone().map(|r| (*y, r)));
            }
        }
        baris.push(b);
    }
    (BabIIIA { tahun, baris }, problems)
}

/// Each IKU of the document's sasaran with its row index ([`iku_baris`]) and its budget
/// ([`anggaran_iku`]), with the problems of the Sasaran cells ([`dukungan`]).
pub fn iku_beranggaran(
    doc: &Document,
    computed: &E81Computed,
) -> (Vec<(usize, BarisIku)>, Vec<Problem>) {
    let mut iku = iku_baris(doc, computed);
    let (uang, problems) = anggaran_iku(doc, computed, &iku);
    for ((_, b), (anggaran, realisasi)) in iku.iter_mut().zip(uang) {
        b.anggaran = anggaran;
        b.realisasi_anggaran = realisasi;
    }
    (iku, problems)
}

/// What a budget row's money serves, by its Sasaran cell (Formulir E.81 column 2).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dukungan {
    /// One IKU: the index (into `iku`, as [`iku_baris`] gives them) of the IKU the cell names.
    Iku(usize),
    /// A sasaran: the row index of the sasaran the cell names; its IKU share the money.
    Sasaran(usize),
}

/// Each row's [`Dukungan`]: a budget row's own Sasaran cell (`NilaiRencana::sasaran`) when it
/// has one, else its parent's (a kegiatan serves its program's sasaran unless it says
/// otherwise); None for a row whose cell (and every ancestor's) is empty, and for the
/// performance tree's rows. A cell names an IKU when its text is that IKU's indicator, and a
/// sasaran when it is the sasaran's name (case, spacing and punctuation ignored; an IKU is
/// tried first). A text that names nothing of the plan's performance tree, or more than one
/// of it, serves nothing: one `sasaran_tidak_dikenal` / `sasaran_ganda` (Warning) per text,
/// at its first cell, counting the rows that wrote it — none while the plan has no sasaran at
/// all (nothing to name yet: its PK or Renstra table is not merged in).
pub fn dukungan(
    doc: &Document,
    computed: &E81Computed,
    iku: &[(usize, BarisIku)],
) -> (Vec<Option<Dukungan>>, Vec<Problem>) {
    use crate::teks::kunci;
    use std::collections::btree_map::Entry;
    // Each text's target: Some(d) when it names exactly one, None when it names several.
    let mut nama: BTreeMap<String, Option<Dukungan>> = BTreeMap::new();
    let mut tambah = |k: String, d: Dukungan| match nama.entry(k) {
        Entry::Vacant(v) => {
            v.insert(Some(d));
        }
        Entry::Occupied(mut o) => {
            if *o.get() != Some(d) {
                o.insert(None);
            }
        }
    };
    let mut per_iku: BTreeMap<String, Option<Dukungan>> = BTreeMap::new();
    for (j, (_, b)) in iku.iter().enumerate() {
        match per_iku.entry(kunci(&b.indikator)) {
            Entry::Vacant(v) => {
                v.insert(Some(Dukungan::Iku(j)));
            }
            Entry::Occupied(mut o) => {
                o.insert(None);
            }
        }
    }
    for (i, row) in doc.rows.iter().enumerate() {
        if row.level == Level::Sasaran && !row.name.trim().is_empty() {
            tambah(kunci(&row.name), Dukungan::Sasaran(i));
        }
    }
    let cari = |teks: &str| -> Result<Dukungan, bool> {
        let k = kunci(teks);
        match per_iku.get(&k).or_else(|| nama.get(&k)) {
            Some(Some(d)) => Ok(*d),
            Some(None) => Err(true),
            None => Err(false),
        }
    };
    let mut out: Vec<Option<Dukungan>> = vec![None; doc.rows.len()];
    // Each unknown or ambiguous text: its first row and how many rows wrote it.
    let mut salah: BTreeMap<(bool, String), (usize, usize, String)> = BTreeMap::new();
    for (i, row) in doc.rows.iter().enumerate() {
        if row.level.kinerja() {
            continue;
        }
        let induk = computed.rows.get(i).and_then(|c| c.parent);
        let teks = row.rencana.sasaran.trim();
        out[i] = if teks.is_empty() {
            induk.and_then(|p| out.get(p).copied().flatten())
        } else {
            match cari(teks) {
                Ok(d) => Some(d),
                Err(ganda) => {
                    salah
                        .entry((ganda, kunci(teks)))
                        .and_modify(|e| e.1 += 1)
                        .or_insert((i, 1, teks.to_string()));
                    None
                }
            }
        };
    }
    if !doc.rows.iter().any(|r| r.level == Level::Sasaran) {
        salah.clear();
    }
    // In the order of their first rows.
    let mut salah: Vec<_> = salah.into_iter().collect();
    salah.sort_by_key(|(_, (i, _, _))| *i);
    let problems = salah
        .into_iter()
        .map(|((ganda, _), (i, n, teks))| {
            let lain = if n > 1 {
                format!(" ({n} baris menulisnya)")
            } else {
                String::new()
            };
            let (code, sebab) = if ganda {
                (
                    "sasaran_ganda",
                    "menyebut lebih dari satu sasaran atau IKU rencana",
                )
            } else {
                (
                    "sasaran_tidak_dikenal",
                    "bukan nama sasaran maupun IKU rencana",
                )
            };
            Problem {
                severity: Severity::Warning,
                code: code.into(),
                message: format!(
                    "Sasaran (kolom 2) '{teks}' {sebab}{lain}: anggarannya tidak dihitung \
                     untuk IKU mana pun"
                ),
                at: Location {
                    row: Some(i),
                    field: Some(crate::model::Field::Sasaran),
                    ..Location::default()
                },
            }
        })
        .collect();
    (out, problems)
}

/// An IKU's budget: its pagu and its realisasi, Rp.
pub type AnggaranIku = (Option<Decimal>, Option<Decimal>);

/// Each IKU's budget (`iku` as [`iku_baris`] gives them): pagu and realisasi (Σ of the
/// quarters) Rp of the budget rows that serve it ([`dukungan`]) — those that name the IKU and
/// those that name its sasaran (shared by the sasaran's IKU) — each row counted where its
/// Dukungan starts (a kegiatan that serves its program's sasaran is in the program's money).
/// Money is each row's effective one ([`effective_rp_of`]: its own cell, else Σ of its
/// children). None where no row serves the IKU. The problems are [`dukungan`]'s.
pub fn anggaran_iku(
    doc: &Document,
    computed: &E81Computed,
    iku: &[(usize, BarisIku)],
) -> (Vec<AnggaranIku>, Vec<Problem>) {
    let (dukung, problems) = dukungan(doc, computed, iku);
    let eff = effective_rp_of(doc, computed);
    let sasaran_iku: Vec<Option<usize>> = iku
        .iter()
        .map(|(i, _)| {
            (0..=*i)
                .rev()
                .find(|&j| matches!(doc.rows[j].level, Level::Sasaran | Level::Tujuan))
                .filter(|&j| doc.rows[j].level == Level::Sasaran)
        })
        .collect();
    let mut out: Vec<AnggaranIku> = vec![(None, None); iku.len()];
    for (i, d) in dukung.iter().enumerate() {
        let Some(d) = d else { continue };
        let induk = computed.rows.get(i).and_then(|c| c.parent);
        if induk.is_some_and(|p| dukung.get(p) == Some(&Some(*d))) {
            continue;
        }
        let e = eff.get(i).copied().unwrap_or_default();
        let (pagu, realisasi) = (e.target, sum_opt(e.tw));
        for (j, o) in out.iter_mut().enumerate() {
            let serves = match *d {
                Dukungan::Iku(k) => k == j,
                Dukungan::Sasaran(s) => sasaran_iku[j] == Some(s),
            };
            if serves {
                o.0 = sum_opt([o.0, pagu]);
                o.1 = sum_opt([o.1, realisasi]);
            }
        }
    }
    (out, problems)
}

/// Each IKU of the document's sasaran (see [`iku_dokumen`]) with its row index: target column
/// 7 K, realisasi the computation's column 12 K, target akhir Renstra column 5 K; no earlier
/// years, no budget.
pub fn iku_baris(doc: &Document, computed: &E81Computed) -> Vec<(usize, BarisIku)> {
    use crate::model::baris_kinerja;
    let mut baris = Vec::new();
    let mut sasaran: Option<&str> = None;
    for (i, (row, kinerja)) in doc.rows.iter().zip(baris_kinerja(&doc.rows)).enumerate() {
        match row.level {
            Level::Sasaran => sasaran = Some(row.name.as_str()),
            Level::Tujuan => sasaran = None,
            Level::Indikator if kinerja => {}
            _ => continue,
        }
        let Some(nama) = sasaran.filter(|_| !row.indicator.trim().is_empty()) else {
            continue;
        };
        baris.push((
            i,
            BarisIku {
                sasaran: nama.to_string(),
                indikator: row.indicator.clone(),
                satuan: row.unit.clone(),
                makna: row.semantics.clone(),
                target: row.target.k.clone(),
                realisasi: computed.rows.get(i).and_then(|c| c.c12.k.clone()),
                target_lalu: Vec::new(),
                realisasi_lalu: Vec::new(),
                target_akhir_renstra: row.renstra.k.clone(),
                anggaran: None,
                realisasi_anggaran: None,
            },
        ));
    }
    baris
}

/// Every IKU's computed columns (same index as `t.baris`), rated on `skala`, and the reasons a
/// ratio could not be computed (located by row).
pub fn hitung_iku(t: &BabIIIA, skala: &Scale) -> (Vec<HitungIku>, Vec<Problem>) {
    let mut problems = Vec::new();
    let h = t
        .baris
        .iter()
        .enumerate()
        .map(|(i, b)| hitung_satu(b, i, t.tahun, skala, &mut problems))
        .collect();
    (h, problems)
}

// ---------------------------------------------------------------------------------------------
// A printed table, checked.

/// A column of a Bab III A table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KolomIku {
    Capaian,
    Kategori,
    CapaianLalu,
    Peningkatan,
    Penurunan,
    CapaianRenstra,
    Penyerapan,
    Efisiensi,
}

impl KolomIku {
    pub fn nama(self) -> &'static str {
        match self {
            KolomIku::Capaian => "Capaian Kinerja (%)",
            KolomIku::Kategori => "Kategori",
            KolomIku::CapaianLalu => "Capaian Kinerja tahun lalu (%)",
            KolomIku::Peningkatan => "Peningkatan dari tahun sebelumnya",
            KolomIku::Penurunan => "Penurunan dari tahun sebelumnya",
            KolomIku::CapaianRenstra => "Capaian terhadap target akhir Renstra (%)",
            KolomIku::Penyerapan => "Penyerapan Anggaran (%)",
            KolomIku::Efisiensi => "Tingkat Efisiensi (%)",
        }
    }

    fn rumus(self) -> &'static str {
        match self {
            KolomIku::Capaian => "realisasi ÷ target × 100 (menurut polaritas indikator)",
            KolomIku::Kategori => "pita skala dari capaian (dibulatkan 2 desimal)",
            KolomIku::CapaianLalu => "realisasi ÷ target tahun lalu × 100",
            KolomIku::Peningkatan | KolomIku::Penurunan => {
                "realisasi tahun ini − realisasi tahun lalu, dalam poin; kosong bila tahun lalu tidak ada"
            }
            KolomIku::CapaianRenstra => "realisasi ÷ target akhir Renstra × 100",
            KolomIku::Penyerapan => "realisasi anggaran ÷ anggaran × 100",
            KolomIku::Efisiensi => RumusEfisiensi::CapaianPerPenyerapan.teks(),
        }
    }

    fn nilai(self, h: &HitungIku) -> Option<Decimal> {
        match self {
            KolomIku::Capaian => h.capaian,
            KolomIku::Kategori => None,
            KolomIku::CapaianLalu => h.lalu.as_ref().and_then(|l| l.capaian),
            KolomIku::Peningkatan => h.lalu.as_ref().and_then(BandingLalu::peningkatan),
            KolomIku::Penurunan => h.lalu.as_ref().and_then(BandingLalu::penurunan),
            KolomIku::CapaianRenstra => h.capaian_renstra,
            KolomIku::Penyerapan => h.penyerapan,
            KolomIku::Efisiensi => h.efisiensi,
        }
    }
}

/// A printed cell: its column, its text, and where it is (an A1 reference or a CSV line).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SelTertulis<K> {
    pub kolom: K,
    pub teks: String,
    pub sel: Option<String>,
}

/// How a printed figure compares with ours.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kecocokan {
    /// Ours rounded half-up to the printed decimals (or both empty / `-`).
    Sama,
    /// Ours cut off (not rounded) to the printed decimals.
    Dipotong,
    Berbeda,
}

/// A printed cell (`96,93`, `99,95%`, `-`, `(1.234,00)`, blank) against our figure. A ratio
/// with nothing to divide by (a target of 0, a pagu of `-`) is printed `0,00%` by convention
/// (seed 000's Tabel 3.11): a printed 0 where we compute none agrees.
pub fn cocokkan(teks: &str, ours: Option<Decimal>) -> Kecocokan {
    let cell = parse_cell(teks).0.value;
    match (&cell, ours) {
        (CellValue::Blank | CellValue::Dash, None) => Kecocokan::Sama,
        (CellValue::Dash, Some(d)) if d.is_zero() => Kecocokan::Sama,
        (CellValue::Number { value, .. }, None) if value.is_zero() => Kecocokan::Sama,
        (CellValue::Number { value, .. }, Some(d)) => {
            let dp = value.scale();
            if round_half_up(d, dp) == *value {
                Kecocokan::Sama
            } else if d.round_dp_with_strategy(dp, RoundingStrategy::ToZero) == *value {
                Kecocokan::Dipotong
            } else {
                Kecocokan::Berbeda
            }
        }
        _ => Kecocokan::Berbeda,
    }
}

/// The figure of a printed cell, when it holds one.
pub fn angka_tertulis(teks: &str) -> Option<Decimal> {
    match parse_cell(teks).0.value {
        CellValue::Number { value, .. } => Some(value),
        _ => None,
    }
}

fn tampil_opsi(d: Option<Decimal>) -> String {
    d.map_or_else(|| "tidak ada (-)".to_string(), tampil_angka)
}

fn tampil_teks(t: &str) -> String {
    if t.trim().is_empty() {
        "(kosong)".to_string()
    } else {
        t.trim().to_string()
    }
}

/// The formula the efisiensi cells of a printed table follow: the one that every printed
/// efisiensi agrees with (rounded or cut off) — Capaian's when both do (a target of 100) or
/// neither does. None when the table prints no efisiensi.
pub fn rumus_tertulis(
    t: &BabIIIA,
    h: &[HitungIku],
    tertulis: &[Vec<SelTertulis<KolomIku>>],
) -> Option<RumusEfisiensi> {
    let mut counts = [0usize; 2];
    let mut total = 0usize;
    for ((b, c), sel) in t.baris.iter().zip(h).zip(tertulis) {
        for s in sel.iter().filter(|s| s.kolom == KolomIku::Efisiensi) {
            if angka_tertulis(&s.teks).is_none() {
                continue;
            }
            total += 1;
            for (j, r) in [
                RumusEfisiensi::CapaianPerPenyerapan,
                RumusEfisiensi::RealisasiPerPenyerapan,
            ]
            .into_iter()
            .enumerate()
            {
                let v = r.hitung(c.capaian, b.realisasi.as_ref(), c.penyerapan);
                if cocokkan(&s.teks, v) != Kecocokan::Berbeda {
                    counts[j] += 1;
                }
            }
        }
    }
    if total == 0 {
        None
    } else if counts[1] == total && counts[0] < total {
        Some(RumusEfisiensi::RealisasiPerPenyerapan)
    } else {
        Some(RumusEfisiensi::CapaianPerPenyerapan)
    }
}

/// Check a printed Bab III A table (`tertulis[i]`: the printed cells of row `i` of `t`)
/// against the recomputation: one problem per cell that disagrees — `lkjip_berbeda`
/// (Warning), `lkjip_dipotong` (Info: ours cut off instead of rounded) — with both figures and
/// the formula; a value printed where there is none (last year's comparison of a new
/// indicator) is `lkjip_berbeda` too. When the efisiensi cells follow
/// [`RumusEfisiensi::RealisasiPerPenyerapan`], one `efisiensi_rumus_lain` (Warning) says so
/// for the table, and each cell where the two formulas differ is still reported. Returns our
/// figures ([`hitung_iku`]'s) too.
pub fn periksa_iku(
    t: &BabIIIA,
    tertulis: &[Vec<SelTertulis<KolomIku>>],
    skala: &Scale,
) -> (Vec<HitungIku>, Vec<Problem>) {
    let (h, _) = hitung_iku(t, skala);
    let mut problems = Vec::new();
    let rumus = rumus_tertulis(t, &h, tertulis);
    if rumus == Some(RumusEfisiensi::RealisasiPerPenyerapan) {
        problems.push(Problem {
            severity: Severity::Warning,
            code: "efisiensi_rumus_lain".into(),
            message: format!(
                "Tabel menghitung {}, bukan {}: hasilnya hanya sama bila target 100",
                RumusEfisiensi::RealisasiPerPenyerapan.teks(),
                RumusEfisiensi::CapaianPerPenyerapan.teks()
            ),
            at: Location::default(),
        });
    }
    for (i, ((b, c), sel)) in t.baris.iter().zip(&h).zip(tertulis).enumerate() {
        for s in sel {
            let at = Location {
                row: Some(i),
                cell: s.sel.clone(),
                ..Location::default()
            };
            if s.kolom == KolomIku::Kategori {
                let ours = c.kategori.as_deref().unwrap_or("");
                if !s.teks.trim().eq_ignore_ascii_case(ours) {
                    problems.push(Problem {
                        severity: Severity::Warning,
                        code: "lkjip_berbeda".into(),
                        message: format!(
                            "{} '{}': tertulis {}, menurut skala {} {}",
                            s.kolom.nama(),
                            label(b),
                            tampil_teks(&s.teks),
                            skala.name(),
                            tampil_teks(ours)
                        ),
                        at,
                    });
                }
                continue;
            }
            let ours = s.kolom.nilai(c);
            let (code, severity, cara) = match cocokkan(&s.teks, ours) {
                Kecocokan::Sama => continue,
                Kecocokan::Dipotong => (
                    "lkjip_dipotong",
                    Severity::Info,
                    "dipotong, bukan dibulatkan: ",
                ),
                Kecocokan::Berbeda => ("lkjip_berbeda", Severity::Warning, ""),
            };
            let mut message = format!(
                "{} '{}': tertulis {}, hasil hitung {} ({cara}{})",
                s.kolom.nama(),
                label(b),
                tampil_teks(&s.teks),
                tampil_opsi(ours),
                s.kolom.rumus()
            );
            if s.kolom == KolomIku::Efisiensi {
                let lain = RumusEfisiensi::RealisasiPerPenyerapan.hitung(
                    c.capaian,
                    b.realisasi.as_ref(),
                    c.penyerapan,
                );
                if cocokkan(&s.teks, lain) != Kecocokan::Berbeda {
                    message.push_str(&format!(
                        "; angka tertulis mengikuti {}",
                        RumusEfisiensi::RealisasiPerPenyerapan.teks()
                    ));
                }
            }
            if matches!(s.kolom, KolomIku::Peningkatan | KolomIku::Penurunan) && c.lalu.is_none() {
                message.push_str("; realisasi tahun lalu tidak ada, jadi tidak ada perbandingan");
            }
            problems.push(Problem {
                severity,
                code: code.into(),
                message,
                at,
            });
        }
    }
    (h, problems)
}

/// The budgets attributed to the IKU against the PD's pagu: when they add up to more
/// (`pagu_iku_melebihi_total`, Warning), the attribution counts some sub kegiatan twice.
pub fn periksa_pagu_iku(t: &BabIIIA, pagu_total: Decimal) -> Vec<Problem> {
    let Some(jumlah) = sum_opt(t.baris.iter().map(|b| b.anggaran)) else {
        return Vec::new();
    };
    if jumlah <= pagu_total {
        return Vec::new();
    }
    vec![Problem {
        severity: Severity::Warning,
        code: "pagu_iku_melebihi_total".into(),
        message: format!(
            "Jumlah anggaran yang dikaitkan dengan IKU Rp {} melebihi pagu Perangkat Daerah Rp {} (selisih Rp {}): ada sub kegiatan yang dihitung pada lebih dari satu IKU",
            format_id(jumlah, 0),
            format_id(pagu_total, 0),
            format_id(jumlah - pagu_total, 0)
        ),
        at: Location::default(),
    }]
}

// ---------------------------------------------------------------------------------------------
// Bab III B: realisasi anggaran per program / kegiatan / sub kegiatan.

/// One row of the realisasi table: a program, kegiatan or sub kegiatan of the document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BarisRealisasi {
    pub level: Level,
    pub kode: Option<String>,
    pub nama: String,
    /// Index into `Document::rows`.
    pub baris_dokumen: usize,
    /// Index of the parent row in this table.
    pub induk: Option<usize>,
    /// Indices of the direct children in this table.
    pub anak: Vec<usize>,
    /// Pagu: the effective column 7 Rp.
    pub pagu: Option<Decimal>,
    /// Σ of the effective quarter Rp.
    pub realisasi: Option<Decimal>,
    /// Realisasi ÷ pagu × 100.
    pub persen: Option<Decimal>,
    /// The document states the pagu itself (not Σ of the children).
    pub pagu_sendiri: bool,
    pub realisasi_sendiri: bool,
}

/// The Jumlah row: Σ of the top-level rows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
pub struct Jumlah {
    pub pagu: Option<Decimal>,
    pub realisasi: Option<Decimal>,
    pub persen: Option<Decimal>,
}

/// LKjIP Bab III B: `Pagu · Realisasi · %` per row, and the Jumlah.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
pub struct RealisasiAnggaran {
    pub tahun: Option<i32>,
    pub baris: Vec<BarisRealisasi>,
    pub jumlah: Jumlah,
}

fn jumlah_dari(baris: &[BarisRealisasi]) -> Jumlah {
    let top = || baris.iter().filter(|b| b.induk.is_none());
    let pagu = sum_opt(top().map(|b| b.pagu));
    let realisasi = sum_opt(top().map(|b| b.realisasi));
    Jumlah {
        pagu,
        realisasi,
        persen: penyerapan(pagu, realisasi),
    }
}

impl RealisasiAnggaran {
    /// The rows down to `level` (programs only: seed 000 Tabel 3.21), the tree and the Jumlah
    /// kept.
    pub fn tingkat(&self, level: Level) -> RealisasiAnggaran {
        let keep: Vec<usize> = (0..self.baris.len())
            .filter(|&i| self.baris[i].level.rank() <= level.rank())
            .collect();
        let mut baru: Vec<Option<usize>> = vec![None; self.baris.len()];
        for (j, &i) in keep.iter().enumerate() {
            baru[i] = Some(j);
        }
        let baris = keep
            .iter()
            .map(|&i| {
                let b = &self.baris[i];
                BarisRealisasi {
                    induk: b.induk.and_then(|p| baru[p]),
                    anak: b.anak.iter().filter_map(|&k| baru[k]).collect(),
                    ..b.clone()
                }
            })
            .collect();
        RealisasiAnggaran {
            tahun: self.tahun,
            baris,
            jumlah: self.jumlah.clone(),
        }
    }
}

/// Bab III B of `doc` from its computation `computed` (`e81::compute` with the workspace's
/// settings): every program, kegiatan and sub kegiatan row in the document's order, pagu the
/// effective column 7 Rp ([`effective_rp_of`]: the row's own, else Σ of its children),
/// realisasi Σ of the effective TW I–IV Rp, % = realisasi ÷ pagu × 100, and the Jumlah of the
/// top-level rows. Problems (located by document row): `tanpa_pagu` (Info: realisasi without a
/// pagu, no %), `realisasi_melebihi_pagu` (Warning).
pub fn realisasi_anggaran(
    doc: &Document,
    computed: &E81Computed,
) -> (RealisasiAnggaran, Vec<Problem>) {
    let eff = effective_rp_of(doc, computed);
    let mut idx: Vec<Option<usize>> = vec![None; doc.rows.len()];
    let mut baris: Vec<BarisRealisasi> = Vec::new();
    let mut problems = Vec::new();
    for (i, row) in doc.rows.iter().enumerate() {
        // The performance tree (sasaran, tujuan) has no money of its own: not Bab III B's.
        if row.level == Level::Indikator || row.level.kinerja() {
            continue;
        }
        let e = eff.get(i).copied().unwrap_or_default();
        let pagu = e.target;
        let realisasi = sum_opt(e.tw);
        let induk = computed
            .rows
            .get(i)
            .and_then(|c| c.parent)
            .and_then(|p| idx[p]);
        let j = baris.len();
        idx[i] = Some(j);
        if let Some(p) = induk {
            baris[p].anak.push(j);
        }
        let nama = if row.name.trim().is_empty() {
            row.indicator.trim()
        } else {
            row.name.trim()
        };
        if realisasi.is_some() && pagu.is_none_or(|p| p.is_zero()) {
            problems.push(Problem {
                severity: Severity::Info,
                code: "tanpa_pagu".into(),
                message: format!("'{nama}': ada realisasi tanpa pagu, persentase tidak dihitung"),
                at: Location {
                    row: Some(i),
                    ..Location::default()
                },
            });
        }
        if let (Some(p), Some(r)) = (pagu, realisasi) {
            if r > p {
                problems.push(Problem {
                    severity: Severity::Warning,
                    code: "realisasi_melebihi_pagu".into(),
                    message: format!(
                        "'{nama}': realisasi Rp {} melebihi pagu Rp {}",
                        format_id(r, 0),
                        format_id(p, 0)
                    ),
                    at: Location {
                        row: Some(i),
                        ..Location::default()
                    },
                });
            }
        }
        baris.push(BarisRealisasi {
            level: row.level,
            kode: row.kode_shown().map(str::to_string),
            nama: nama.to_string(),
            baris_dokumen: i,
            induk,
            anak: Vec::new(),
            pagu,
            realisasi,
            persen: penyerapan(pagu, realisasi),
            pagu_sendiri: row.target.rp.is_some(),
            realisasi_sendiri: row.tw.iter().any(|p| p.rp.is_some()),
        });
    }
    let jumlah = jumlah_dari(&baris);
    (
        RealisasiAnggaran {
            tahun: doc.year,
            baris,
            jumlah,
        },
        problems,
    )
}

/// A column of the realisasi table (and of the LRA).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KolomAnggaran {
    Pagu,
    Realisasi,
    Persen,
    RealisasiLalu,
}

impl KolomAnggaran {
    pub fn nama(self) -> &'static str {
        match self {
            KolomAnggaran::Pagu => "Pagu/Anggaran",
            KolomAnggaran::Realisasi => "Realisasi",
            KolomAnggaran::Persen => "%",
            KolomAnggaran::RealisasiLalu => "Realisasi tahun lalu",
        }
    }
}

/// Which row of a table a printed row is: a row of the table, or its Jumlah.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum BarisKe {
    Baris(usize),
    Jumlah,
}

fn periksa_sel(
    nama: &str,
    row: Option<usize>,
    s: &SelTertulis<KolomAnggaran>,
    ours: Option<Decimal>,
    anak: Option<Decimal>,
    problems: &mut Vec<Problem>,
) {
    let (code, severity) = match cocokkan(&s.teks, ours) {
        Kecocokan::Sama => return,
        Kecocokan::Dipotong => ("lkjip_dipotong", Severity::Info),
        Kecocokan::Berbeda => ("lkjip_berbeda", Severity::Warning),
    };
    let rumus = match s.kolom {
        KolomAnggaran::Persen => "realisasi ÷ pagu × 100".to_string(),
        _ if anak.is_some() => "jumlah rincian di bawahnya".to_string(),
        _ => "nilai masukan".to_string(),
    };
    let digits = if s.kolom == KolomAnggaran::Persen {
        2
    } else {
        0
    };
    let ours_s = ours.map_or_else(|| "tidak ada (-)".to_string(), |d| format_id(d, digits));
    problems.push(Problem {
        severity,
        code: code.into(),
        message: format!(
            "{} '{nama}': tertulis {}, hasil hitung {ours_s} ({rumus})",
            s.kolom.nama(),
            tampil_teks(&s.teks)
        ),
        at: Location {
            row,
            cell: s.sel.clone(),
            ..Location::default()
        },
    });
}

/// Check a printed realisasi table: each printed row (`(which row, its cells)`) against the
/// table's figures — a parent's pagu and realisasi are Σ of its children, so a parent printed
/// with another sum, a % that is not realisasi ÷ pagu, a Jumlah that is not the rows' sum, are
/// each one problem at the cell (`lkjip_berbeda`, `lkjip_dipotong`).
pub fn periksa_realisasi(
    t: &RealisasiAnggaran,
    tertulis: &[(BarisKe, Vec<SelTertulis<KolomAnggaran>>)],
) -> Vec<Problem> {
    let mut problems = Vec::new();
    for (ke, sel) in tertulis {
        let (nama, row, pagu, realisasi, persen, parent) = match *ke {
            BarisKe::Baris(i) => {
                let Some(b) = t.baris.get(i) else { continue };
                (
                    b.nama.as_str(),
                    Some(b.baris_dokumen),
                    b.pagu,
                    b.realisasi,
                    b.persen,
                    !b.anak.is_empty(),
                )
            }
            BarisKe::Jumlah => (
                "Jumlah",
                None,
                t.jumlah.pagu,
                t.jumlah.realisasi,
                t.jumlah.persen,
                true,
            ),
        };
        for s in sel {
            let ours = match s.kolom {
                KolomAnggaran::Pagu => pagu,
                KolomAnggaran::Realisasi => realisasi,
                KolomAnggaran::Persen => persen,
                KolomAnggaran::RealisasiLalu => continue,
            };
            let anak = parent.then_some(Decimal::ZERO);
            periksa_sel(nama, row, s, ours, anak, &mut problems);
        }
    }
    problems
}

/// A row of a printed realisasi table: its level (the Jumlah row: `jumlah`), name and cells.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BarisTertulis {
    pub level: Level,
    pub jumlah: bool,
    pub nama: String,
    pub sel: Vec<SelTertulis<KolomAnggaran>>,
}

fn tertulis_di(b: &BarisTertulis, k: KolomAnggaran) -> Option<&SelTertulis<KolomAnggaran>> {
    b.sel.iter().find(|s| s.kolom == k)
}

fn angka_di(b: &BarisTertulis, k: KolomAnggaran) -> Option<Decimal> {
    tertulis_di(b, k).and_then(|s| angka_tertulis(&s.teks))
}

/// Check a printed realisasi table on its own figures, as it should add up: each parent's pagu
/// and realisasi against the Σ of its children **as printed** (the tree from the rows' levels
/// and order; the Jumlah against the top-level rows), each % against its own row's printed
/// realisasi ÷ pagu. So one wrong figure is one problem where it is (a typo in a sub kegiatan
/// shows at its % and at the parent that holds the right sum), not one per ancestor; located by
/// the printed row (`Location::row`: its index in `rows`) and cell.
pub fn periksa_tabel_realisasi(rows: &[BarisTertulis]) -> Vec<Problem> {
    let mut anak: Vec<Vec<usize>> = vec![Vec::new(); rows.len()];
    let mut puncak: Vec<usize> = Vec::new();
    let mut stack: Vec<usize> = Vec::new();
    for (i, b) in rows.iter().enumerate() {
        if b.jumlah {
            continue;
        }
        while stack
            .last()
            .is_some_and(|&top| rows[top].level.rank() >= b.level.rank())
        {
            stack.pop();
        }
        match stack.last() {
            Some(&p) => anak[p].push(i),
            None => puncak.push(i),
        }
        stack.push(i);
    }
    let mut problems = Vec::new();
    for (i, b) in rows.iter().enumerate() {
        let kids: &[usize] = if b.jumlah { &puncak } else { &anak[i] };
        for k in [KolomAnggaran::Pagu, KolomAnggaran::Realisasi] {
            if kids.is_empty() {
                continue;
            }
            let Some(s) = tertulis_di(b, k) else { continue };
            let jumlah = sum_opt(kids.iter().map(|&c| angka_di(&rows[c], k)));
            if jumlah.is_none() && angka_tertulis(&s.teks).is_none() {
                continue;
            }
            periksa_sel(
                &b.nama,
                Some(i),
                s,
                jumlah,
                Some(Decimal::ZERO),
                &mut problems,
            );
        }
        if let Some(s) = tertulis_di(b, KolomAnggaran::Persen) {
            let ours = penyerapan(
                angka_di(b, KolomAnggaran::Pagu),
                angka_di(b, KolomAnggaran::Realisasi),
            );
            periksa_sel(&b.nama, Some(i), s, ours, None, &mut problems);
        }
    }
    problems
}

// ---------------------------------------------------------------------------------------------
// LRA by rekening.

/// What an LRA row is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JenisLra {
    /// A rekening (akun, kelompok, jenis …) and the rows of this table directly below it.
    Rekening { anak: Vec<usize> },
    /// `JUMLAH …`: the figures of row `dari` repeated under its rows.
    Jumlah { dari: usize },
    /// `SURPLUS/DEFISIT`: pendapatan (row, when the table has one) − belanja (row).
    SurplusDefisit {
        pendapatan: Option<usize>,
        belanja: Option<usize>,
    },
}

/// One LRA row: `Kode rekening · Uraian · Anggaran · Realisasi · % · Realisasi tahun lalu`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BarisLra {
    pub jenis: JenisLra,
    pub kode: Option<String>,
    pub uraian: String,
    /// Segments of the code: akun 1, kelompok 2, jenis 3 (0 for the Jumlah and surplus rows).
    pub tingkat: u8,
    pub anggaran: Option<Decimal>,
    pub realisasi: Option<Decimal>,
    pub persen: Option<Decimal>,
    pub realisasi_lalu: Option<Decimal>,
}

/// The LRA of a budget table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
pub struct Lra {
    pub tahun: Option<i32>,
    pub baris: Vec<BarisLra>,
}

/// Permendagri 90/2019 names of the akun, kelompok and jenis the LRA of a PD prints, for a
/// code the budget table names no row of.
fn nama_baku(kode: &str) -> Option<&'static str> {
    Some(match kode {
        "4" => "PENDAPATAN DAERAH",
        "4.1" => "PENDAPATAN ASLI DAERAH (PAD)",
        "4.2" => "PENDAPATAN TRANSFER",
        "4.3" => "LAIN-LAIN PENDAPATAN DAERAH YANG SAH",
        "5" => "BELANJA DAERAH",
        "5.1" => "BELANJA OPERASI",
        "5.2" => "BELANJA MODAL",
        "5.3" => "BELANJA TIDAK TERDUGA",
        "5.4" => "BELANJA TRANSFER",
        "5.1.01" => "Belanja Pegawai",
        "5.1.02" => "Belanja Barang dan Jasa",
        "5.1.03" => "Belanja Bunga",
        "5.1.04" => "Belanja Subsidi",
        "5.1.05" => "Belanja Hibah",
        "5.1.06" => "Belanja Bantuan Sosial",
        "5.2.01" => "Belanja Modal Tanah",
        "5.2.02" => "Belanja Modal Peralatan dan Mesin",
        "5.2.03" => "Belanja Modal Gedung dan Bangunan",
        "5.2.04" => "Belanja Modal Jalan, Irigasi, dan Jaringan",
        "5.2.05" => "Belanja Modal Aset Tetap Lainnya",
        "5.2.06" => "Belanja Modal Aset Lainnya",
        _ => return None,
    })
}

/// The first `n` segments of a rekening code.
fn awalan(kode: &str, n: usize) -> Option<String> {
    let seg: Vec<&str> = kode.split('.').collect();
    (seg.len() >= n).then(|| seg[..n].join("."))
}

#[derive(Default)]
struct Kumpul {
    nama: Option<String>,
    anggaran: Option<Decimal>,
    realisasi: Option<Decimal>,
    lalu: Option<Decimal>,
}

fn tambah(a: &mut Option<Decimal>, v: Option<Decimal>) {
    if let Some(v) = v {
        *a = Some(a.unwrap_or_default() + v);
    }
}

/// Code order: segment by segment, numerically.
fn urut_kode(k: &str) -> Vec<u64> {
    k.split('.')
        .map(|s| s.parse().unwrap_or(u64::MAX))
        .collect()
}

/// The LRA of `a` (a SIPD table whose rekening rows it keeps, as [`crate::anggaran::susun`]
/// builds and rolls it up): the lowest rekening rows (no rekening below them) summed into
/// their akun, kelompok and jenis — codes of 1 to `kedalaman` segments — in code order; each
/// row named as the table names that code, else by its Permendagri 90/2019 name; after each
/// kelompok's rows and after each akun a `JUMLAH …` row; last `SURPLUS/DEFISIT` = pendapatan −
/// belanja. Problems: `lra_tanpa_rekening` (the table has no rekening rows: nothing to print),
/// `lra_tanpa_nama` (Info: a code neither the table nor the list names).
pub fn lra(a: &Anggaran, kedalaman: usize) -> (Lra, Vec<Problem>) {
    let kedalaman = kedalaman.clamp(1, 6);
    let mut problems = Vec::new();
    let anak = a.anak();
    let rekening: Vec<usize> = (0..a.baris.len())
        .filter(|&i| a.baris[i].jenjang == Jenjang::Rekening && a.baris[i].kode.is_some())
        .collect();
    if rekening.is_empty() {
        problems.push(Problem {
            severity: Severity::Warning,
            code: "lra_tanpa_rekening".into(),
            message: "Tabel anggaran tidak memuat baris rekening: LRA tidak dapat disusun".into(),
            at: Location::default(),
        });
        return (
            Lra {
                tahun: a.tahun,
                baris: Vec::new(),
            },
            problems,
        );
    }
    let mut kumpul: BTreeMap<Vec<u64>, (String, Kumpul)> = BTreeMap::new();
    let nilai = |i: usize, b: Besaran| {
        let r = &a.baris[i];
        r.dihitung.get(b).or(r.dinyatakan.get(b))
    };
    for &i in &rekening {
        let kode = a.baris[i].kode.clone().unwrap_or_default();
        let segmen = kode.split('.').count();
        if segmen <= kedalaman {
            let e = kumpul
                .entry(urut_kode(&kode))
                .or_insert_with(|| (kode.clone(), Kumpul::default()));
            e.1.nama
                .get_or_insert_with(|| a.baris[i].nama.trim().to_string());
        }
        let daun = !anak[i]
            .iter()
            .any(|&k| a.baris[k].jenjang == Jenjang::Rekening);
        if !daun {
            continue;
        }
        for n in 1..=segmen.min(kedalaman) {
            let Some(k) = awalan(&kode, n) else { continue };
            let e = kumpul
                .entry(urut_kode(&k))
                .or_insert_with(|| (k.clone(), Kumpul::default()));
            tambah(&mut e.1.anggaran, nilai(i, Besaran::Anggaran));
            tambah(&mut e.1.realisasi, nilai(i, Besaran::Realisasi));
            tambah(&mut e.1.lalu, nilai(i, Besaran::RealisasiLalu));
        }
    }
    let mut baris: Vec<BarisLra> = Vec::new();
    // Open rows (index, segments) whose Jumlah row is still to come.
    let mut terbuka: Vec<(usize, usize)> = Vec::new();
    let tutup = |baris: &mut Vec<BarisLra>, terbuka: &mut Vec<(usize, usize)>, sampai: usize| {
        while let Some(&(j, seg)) = terbuka.last() {
            if seg < sampai {
                break;
            }
            terbuka.pop();
            if seg <= 2 {
                let b = &baris[j];
                let nama = b.uraian.to_uppercase();
                let uraian = if nama.starts_with("JUMLAH") {
                    nama
                } else {
                    format!("JUMLAH {nama}")
                };
                let jumlah = BarisLra {
                    jenis: JenisLra::Jumlah { dari: j },
                    kode: None,
                    uraian,
                    tingkat: 0,
                    anggaran: b.anggaran,
                    realisasi: b.realisasi,
                    persen: b.persen,
                    realisasi_lalu: b.realisasi_lalu,
                };
                baris.push(jumlah);
            }
        }
    };
    for (_, (kode, k)) in kumpul {
        let seg = kode.split('.').count();
        tutup(&mut baris, &mut terbuka, seg);
        let uraian = match k.nama.filter(|n| !n.is_empty()) {
            Some(n) => n,
            None => match nama_baku(&kode) {
                Some(n) => n.to_string(),
                None => {
                    problems.push(Problem {
                        severity: Severity::Info,
                        code: "lra_tanpa_nama".into(),
                        message: format!("Rekening {kode} tidak bernama di tabel anggaran"),
                        at: Location::default(),
                    });
                    String::new()
                }
            },
        };
        let j = baris.len();
        if let Some(&(p, _)) = terbuka.last() {
            if let JenisLra::Rekening { anak } = &mut baris[p].jenis {
                anak.push(j);
            }
        }
        baris.push(BarisLra {
            jenis: JenisLra::Rekening { anak: Vec::new() },
            kode: Some(kode),
            uraian,
            tingkat: seg as u8,
            anggaran: k.anggaran,
            realisasi: k.realisasi,
            persen: penyerapan(k.anggaran, k.realisasi),
            realisasi_lalu: k.lalu,
        });
        terbuka.push((j, seg));
    }
    tutup(&mut baris, &mut terbuka, 0);
    // The akun Jumlah rows are `JUMLAH BELANJA DAERAH`; the LRA prints `JUMLAH BELANJA` /
    // `JUMLAH PENDAPATAN`.
    let akun_jumlah: Vec<usize> = (0..baris.len())
        .filter(
            |&i| matches!(baris[i].jenis, JenisLra::Jumlah { dari } if baris[dari].tingkat == 1),
        )
        .collect();
    for i in akun_jumlah {
        let b = &mut baris[i];
        if b.uraian.ends_with(" DAERAH") {
            b.uraian.truncate(b.uraian.len() - " DAERAH".len());
        }
    }
    let akun = |k: &str| {
        baris.iter().position(|b| {
            b.kode.as_deref() == Some(k) && matches!(b.jenis, JenisLra::Rekening { .. })
        })
    };
    let (pendapatan, belanja) = (akun("4"), akun("5"));
    if pendapatan.is_some() || belanja.is_some() {
        let nilai = |f: &dyn Fn(&BarisLra) -> Option<Decimal>| {
            let p = pendapatan.and_then(|i| f(&baris[i]));
            let b = belanja.and_then(|i| f(&baris[i]));
            (p.is_some() || b.is_some()).then(|| p.unwrap_or_default() - b.unwrap_or_default())
        };
        let anggaran = nilai(&|b| b.anggaran);
        let realisasi = nilai(&|b| b.realisasi);
        let lalu = nilai(&|b| b.realisasi_lalu);
        baris.push(BarisLra {
            jenis: JenisLra::SurplusDefisit {
                pendapatan,
                belanja,
            },
            kode: None,
            uraian: "SURPLUS/DEFISIT".into(),
            tingkat: 0,
            anggaran,
            realisasi,
            persen: penyerapan(anggaran, realisasi),
            realisasi_lalu: lalu,
        });
    }
    (
        Lra {
            tahun: a.tahun,
            baris,
        },
        problems,
    )
}

/// Check a printed LRA: each printed row (index into `l.baris`, its cells) against ours, one
/// problem per cell that disagrees (`lkjip_berbeda`, `lkjip_dipotong`; amounts in
/// parentheses are negative).
pub fn periksa_lra(l: &Lra, tertulis: &[(usize, Vec<SelTertulis<KolomAnggaran>>)]) -> Vec<Problem> {
    let mut problems = Vec::new();
    for (i, sel) in tertulis {
        let Some(b) = l.baris.get(*i) else { continue };
        let nama = match &b.kode {
            Some(k) => format!("{k} {}", b.uraian),
            None => b.uraian.clone(),
        };
        let parent = match &b.jenis {
            JenisLra::Rekening { anak } => !anak.is_empty(),
            _ => true,
        };
        for s in sel {
            let ours = match s.kolom {
                KolomAnggaran::Pagu => b.anggaran,
                KolomAnggaran::Realisasi => b.realisasi,
                KolomAnggaran::Persen => b.persen,
                KolomAnggaran::RealisasiLalu => b.realisasi_lalu,
            };
            periksa_sel(
                &nama,
                Some(*i),
                s,
                ours,
                parent.then_some(Decimal::ZERO),
                &mut problems,
            );
        }
    }
    problems
}

/// The LRA's belanja (akun 5) against the realisasi table's Jumlah — the same money, by
/// rekening and by program: each figure that differs is one `lra_beda_program` (Warning) with
/// both amounts and the difference.
pub fn periksa_lra_realisasi(l: &Lra, r: &RealisasiAnggaran) -> Vec<Problem> {
    let Some(belanja) = l
        .baris
        .iter()
        .find(|b| b.kode.as_deref() == Some("5") && matches!(b.jenis, JenisLra::Rekening { .. }))
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (apa, a, b) in [
        ("anggaran", belanja.anggaran, r.jumlah.pagu),
        ("realisasi", belanja.realisasi, r.jumlah.realisasi),
    ] {
        let (Some(a), Some(b)) = (a, b) else { continue };
        if a != b {
            out.push(Problem {
                severity: Severity::Warning,
                code: "lra_beda_program".into(),
                message: format!(
                    "Belanja daerah pada LRA: {apa} Rp {}, menurut realisasi per program/kegiatan/sub kegiatan Rp {} (selisih Rp {})",
                    format_id(a, 0),
                    format_id(b, 0),
                    format_id((a - b).abs(), 0)
                ),
                at: Location::default(),
            });
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// The tables to copy ("Salin sebagai tabel") and print: the model of [`crate::tabel`].

/// Number and sasaran shown on each IKU row: a sasaran is printed (and numbered) on its first
/// IKU; the IKU right below it under the same sasaran leave both empty.
pub fn nomor_sasaran(baris: &[BarisIku]) -> Vec<(String, String)> {
    let mut out = Vec::with_capacity(baris.len());
    let mut no = 0usize;
    let mut lalu: Option<&str> = None;
    for b in baris {
        let s = b.sasaran.trim();
        if lalu == Some(s) {
            out.push((String::new(), String::new()));
        } else {
            no += 1;
            out.push((no.to_string(), s.to_string()));
        }
        lalu = Some(s);
    }
    out
}

fn nomor_kolom(n: usize) -> Vec<SelKepala> {
    (1..=n).map(|i| SelKepala::satu(i.to_string())).collect()
}

fn kiri_iku(tinggi: u16) -> Vec<SelKepala> {
    [
        "No",
        "Sasaran Strategis",
        "Indikator Kinerja Utama",
        "Satuan",
    ]
    .iter()
    .map(|t| SelKepala::tinggi(*t, tinggi))
    .collect()
}

fn sel_iku(no: &(String, String), b: &BarisIku) -> Vec<String> {
    vec![
        no.0.clone(),
        no.1.clone(),
        b.indikator.trim().to_string(),
        b.satuan.clone().unwrap_or_default(),
    ]
}

/// Tabel capaian IKU: `No · Sasaran · IKU · Satuan · Target · Realisasi · Capaian (%) ·
/// Kategori` (seed 000 Tabel 3.1/3.2).
pub fn tabel_capaian(t: &BabIIIA, h: &[HitungIku]) -> Tabel {
    let mut k0 = kiri_iku(2);
    k0.push(SelKepala::lebar(format!("Tahun {}", t.tahun), 3));
    k0.push(SelKepala::tinggi("Kategori", 2));
    let k1 = vec![
        SelKepala::satu("Target"),
        SelKepala::satu("Realisasi"),
        SelKepala::satu("Capaian Kinerja (%)"),
    ];
    let no = nomor_sasaran(&t.baris);
    let badan = t
        .baris
        .iter()
        .zip(h)
        .zip(&no)
        .map(|((b, c), no)| {
            let mut sel = sel_iku(no, b);
            sel.extend([
                teks_k(b.target.as_ref()),
                teks_k(b.realisasi.as_ref()),
                teks_persen(c.capaian),
                c.kategori.clone().unwrap_or_default(),
            ]);
            BarisTabel { sel, tebal: false }
        })
        .collect();
    Tabel {
        judul: format!("Capaian Indikator Kinerja Utama Tahun {}", t.tahun),
        kepala: vec![k0, k1, nomor_kolom(8)],
        badan,
        rata: [
            Rata::Tengah,
            Rata::Kiri,
            Rata::Kiri,
            Rata::Tengah,
            Rata::Kanan,
            Rata::Kanan,
            Rata::Kanan,
            Rata::Tengah,
        ]
        .to_vec(),
    }
}

/// Tabel capaian IKU against last year: `… · Tahun n-1 (Target, Realisasi, Capaian) · Tahun n
/// (Target, Realisasi, Capaian) · Peningkatan · Penurunan` (seed 000 Tabel 3.3/3.4; the
/// difference in points of the indicator's measure, `-` without last year's value).
pub fn tabel_tahun_lalu(t: &BabIIIA, h: &[HitungIku]) -> Tabel {
    let mut k0 = kiri_iku(2);
    k0.push(SelKepala::lebar(format!("Tahun {}", t.tahun - 1), 3));
    k0.push(SelKepala::lebar(format!("Tahun {}", t.tahun), 3));
    k0.push(SelKepala::tinggi(
        "Realisasi Mengalami Peningkatan dari Tahun Sebelumnya sebesar (poin)",
        2,
    ));
    k0.push(SelKepala::tinggi(
        "Realisasi Mengalami Penurunan dari Tahun Sebelumnya sebesar (poin)",
        2,
    ));
    let trio = || {
        [
            SelKepala::satu("Target"),
            SelKepala::satu("Realisasi"),
            SelKepala::satu("Capaian Kinerja (%)"),
        ]
    };
    let mut k1 = trio().to_vec();
    k1.extend(trio());
    let no = nomor_sasaran(&t.baris);
    let badan = t
        .baris
        .iter()
        .zip(h)
        .zip(&no)
        .map(|((b, c), no)| {
            let mut sel = sel_iku(no, b);
            let l = c.lalu.as_ref();
            let atau = |s: String| if s.is_empty() { "-".to_string() } else { s };
            sel.extend([
                atau(teks_k(l.and_then(|l| l.target.as_ref()))),
                atau(teks_k(l.map(|l| &l.realisasi))),
                teks_persen(l.and_then(|l| l.capaian)),
                teks_k(b.target.as_ref()),
                teks_k(b.realisasi.as_ref()),
                teks_persen(c.capaian),
                teks_persen(l.and_then(BandingLalu::peningkatan)),
                teks_persen(l.and_then(BandingLalu::penurunan)),
            ]);
            BarisTabel { sel, tebal: false }
        })
        .collect();
    let mut rata = vec![Rata::Tengah, Rata::Kiri, Rata::Kiri, Rata::Tengah];
    rata.extend([Rata::Kanan; 8]);
    Tabel {
        judul: format!(
            "Perbandingan Capaian Indikator Kinerja Utama Tahun {} dengan Tahun {}",
            t.tahun,
            t.tahun - 1
        ),
        kepala: vec![k0, k1, nomor_kolom(12)],
        badan,
        rata,
    }
}

/// Tabel capaian IKU against the Renstra end target: `… · Target Akhir Renstra · Realisasi n ·
/// Capaian (%)` (seed 000 Tabel 3.5/3.6).
pub fn tabel_renstra(t: &BabIIIA, h: &[HitungIku]) -> Tabel {
    let mut k0 = kiri_iku(1);
    k0.push(SelKepala::satu("Target Akhir Renstra"));
    k0.push(SelKepala::satu(format!("Realisasi {}", t.tahun)));
    k0.push(SelKepala::satu("Capaian Kinerja (%)"));
    let no = nomor_sasaran(&t.baris);
    let badan = t
        .baris
        .iter()
        .zip(h)
        .zip(&no)
        .map(|((b, c), no)| {
            let mut sel = sel_iku(no, b);
            sel.extend([
                teks_k(b.target_akhir_renstra.as_ref()),
                teks_k(b.realisasi.as_ref()),
                teks_persen(c.capaian_renstra),
            ]);
            BarisTabel { sel, tebal: false }
        })
        .collect();
    let mut rata = vec![Rata::Tengah, Rata::Kiri, Rata::Kiri, Rata::Tengah];
    rata.extend([Rata::Kanan; 3]);
    Tabel {
        judul: format!(
            "Capaian Indikator Kinerja Utama Tahun {} terhadap Target Akhir Renstra",
            t.tahun
        ),
        kepala: vec![k0, nomor_kolom(7)],
        badan,
        rata,
    }
}

/// Tabel efisiensi IKU: `No · Sasaran · IKU · Target · Realisasi · Capaian (%) · Pagu (Rp) ·
/// Realisasi (Rp) · Penyerapan (%) · Tingkat Efisiensi (%)`, the formula named in its header
/// ([`RumusEfisiensi::CapaianPerPenyerapan`]).
pub fn tabel_efisiensi(t: &BabIIIA, h: &[HitungIku]) -> Tabel {
    let k0 = vec![
        SelKepala::tinggi("No", 2),
        SelKepala::tinggi("Sasaran Strategis", 2),
        SelKepala::tinggi("Indikator Kinerja Utama", 2),
        SelKepala::lebar("Kinerja", 3),
        SelKepala::lebar("Anggaran", 3),
        SelKepala::tinggi("Tingkat Efisiensi (%) = Capaian ÷ Penyerapan × 100", 2),
    ];
    let k1 = vec![
        SelKepala::satu("Target"),
        SelKepala::satu("Realisasi"),
        SelKepala::satu("Capaian (%)"),
        SelKepala::satu("Pagu (Rp)"),
        SelKepala::satu("Realisasi (Rp)"),
        SelKepala::satu("Penyerapan (%)"),
    ];
    let no = nomor_sasaran(&t.baris);
    let badan = t
        .baris
        .iter()
        .zip(h)
        .zip(&no)
        .map(|((b, c), no)| BarisTabel {
            sel: vec![
                no.0.clone(),
                no.1.clone(),
                b.indikator.trim().to_string(),
                teks_k(b.target.as_ref()),
                teks_k(b.realisasi.as_ref()),
                teks_persen(c.capaian),
                teks_rp(b.anggaran),
                teks_rp(b.realisasi_anggaran),
                teks_persen(c.penyerapan),
                teks_persen(c.efisiensi),
            ],
            tebal: false,
        })
        .collect();
    let mut rata = vec![Rata::Tengah, Rata::Kiri, Rata::Kiri];
    rata.extend([Rata::Kanan; 7]);
    Tabel {
        judul: format!("Efisiensi Indikator Kinerja Utama Tahun {}", t.tahun),
        kepala: vec![k0, k1, nomor_kolom(10)],
        badan,
        rata,
    }
}

/// Tabel realisasi anggaran: `No · Program/Kegiatan/Sub Kegiatan · Pagu (Rp) · Realisasi (Rp)
/// · Capaian (%)`, sub kegiatan numbered `1.`, `2.`… through the table, programs bold, and the
/// Jumlah (seed 000 Tabel 3.20; programs only: Tabel 3.21).
pub fn tabel_realisasi(t: &RealisasiAnggaran) -> Tabel {
    let k0 = [
        "No.",
        "Program/Kegiatan/Sub Kegiatan",
        "Pagu Anggaran (Rp)",
        "Realisasi Keuangan (Rp)",
        "Capaian (%)",
    ]
    .iter()
    .map(|s| SelKepala::satu(*s))
    .collect();
    let mut no = 0usize;
    let mut badan: Vec<BarisTabel> = t
        .baris
        .iter()
        .map(|b| {
            let nomor = if b.level == Level::SubKegiatan {
                no += 1;
                format!("{no}.")
            } else {
                String::new()
            };
            let nama = match &b.kode {
                Some(k) => format!("{k} {}", b.nama),
                None => b.nama.clone(),
            };
            BarisTabel {
                sel: vec![
                    nomor,
                    nama,
                    teks_rp(b.pagu),
                    teks_rp(b.realisasi),
                    teks_persen(b.persen),
                ],
                tebal: b.level == Level::Program,
            }
        })
        .collect();
    badan.push(BarisTabel {
        sel: vec![
            String::new(),
            "JUMLAH".into(),
            teks_rp(t.jumlah.pagu),
            teks_rp(t.jumlah.realisasi),
            teks_persen(t.jumlah.persen),
        ],
        tebal: true,
    });
    Tabel {
        judul: match t.tahun {
            Some(y) => {
                format!("Realisasi Anggaran per Program, Kegiatan dan Sub Kegiatan Tahun {y}")
            }
            None => "Realisasi Anggaran per Program, Kegiatan dan Sub Kegiatan".into(),
        },
        kepala: vec![k0, nomor_kolom(5)],
        badan,
        rata: vec![
            Rata::Tengah,
            Rata::Kiri,
            Rata::Kanan,
            Rata::Kanan,
            Rata::Kanan,
        ],
    }
}

/// Rupiah the LRA's way: 2 decimals, a negative in parentheses (`(50.503.112.419,00)`).
pub fn teks_rp_lra(v: Option<Decimal>) -> String {
    match v {
        Some(d) if d.is_sign_negative() && !d.is_zero() => format!("({})", format_id(-d, 2)),
        Some(d) => format_id(d, 2),
        None => "-".into(),
    }
}

/// Tabel LRA: `Kode Rekening · Uraian · Anggaran n · Realisasi n · % n · Realisasi n-1`, the
/// numbering row with its formula `5 = (4 / 3) * 100` (seed 000 Tabel 3.22).
pub fn tabel_lra(l: &Lra, tahun: i32) -> Tabel {
    let k0 = vec![
        SelKepala::satu("Kode Rekening"),
        SelKepala::satu("Uraian"),
        SelKepala::satu(format!("Anggaran {tahun}")),
        SelKepala::satu(format!("Realisasi {tahun}")),
        SelKepala::satu(format!("% {tahun}")),
        SelKepala::satu(format!("Realisasi {}", tahun - 1)),
    ];
    let k1 = ["1", "2", "3", "4", "5 = (4 / 3) * 100", "6"]
        .iter()
        .map(|s| SelKepala::satu(*s))
        .collect();
    let badan = l
        .baris
        .iter()
        .map(|b| BarisTabel {
            sel: vec![
                b.kode.clone().unwrap_or_default(),
                b.uraian.clone(),
                teks_rp_lra(b.anggaran),
                teks_rp_lra(b.realisasi),
                teks_persen(b.persen),
                teks_rp_lra(b.realisasi_lalu),
            ],
            tebal: b.tingkat <= 2,
        })
        .collect();
    Tabel {
        judul: format!("Laporan Realisasi Anggaran Tahun Anggaran {tahun}"),
        kepala: vec![k0, k1],
        badan,
        rata: vec![
            Rata::Kiri,
            Rata::Kiri,
            Rata::Kanan,
            Rata::Kanan,
            Rata::Kanan,
            Rata::Kanan,
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }
    fn n(s: &str) -> KValue {
        KValue::Number(d(s))
    }

    #[test]
    fn lower_is_better_falls_as_an_improvement() {
        let mut b = BarisIku {
            indikator: "Angka pelanggaran disiplin".into(),
            target: Some(n("10")),
            realisasi: Some(n("8")),
            realisasi_lalu: vec![(2023, n("15")), (2024, n("12"))],
            target_lalu: vec![(2024, n("12"))],
            ..BarisIku::default()
        };
        b.makna.polarity = Polarity::LowerIsBetterRatio;
        let t = BabIIIA {
            tahun: 2025,
            baris: vec![b],
        };
        let (h, p) = hitung_iku(&t, &Scale::permendagri_86());
        assert!(p.is_empty(), "{p:?}");
        assert_eq!(h[0].capaian, Some(d("125")));
        let l = h[0].lalu.as_ref().unwrap();
        assert_eq!((l.tahun, l.arah, l.membaik), (2024, Arah::Turun, true));
        assert_eq!(l.penurunan(), Some(d("4")));
        assert_eq!(l.peningkatan(), None);
        assert_eq!(l.capaian, Some(d("100")));
        assert_eq!(
            l.teks(Some("Kasus")),
            "turun sebesar 4 Kasus dari 12 (2024)"
        );
    }

    #[test]
    fn efisiensi_by_both_formulas_and_no_pagu() {
        let b = BarisIku {
            target: Some(n("35")),
            realisasi: Some(n("38.83")),
            anggaran: Some(d("28633147700")),
            realisasi_anggaran: Some(d("23497177854")),
            ..BarisIku::default()
        };
        let (h, _) = hitung_iku(
            &BabIIIA {
                tahun: 2025,
                baris: vec![b.clone()],
            },
            &Scale::permendagri_86(),
        );
        let c = &h[0];
        assert_eq!(round_half_up(c.penyerapan.unwrap(), 2), d("82.06"));
        assert_eq!(round_half_up(c.efisiensi.unwrap(), 2), d("135.19")); // unrounded ratios (135,20 from the rounded 82,06)
        let lain = RumusEfisiensi::RealisasiPerPenyerapan.hitung(
            c.capaian,
            b.realisasi.as_ref(),
            c.penyerapan,
        );
        assert_eq!(round_half_up(lain.unwrap(), 2), d("47.32"));
        let tanpa = BarisIku {
            anggaran: Some(Decimal::ZERO),
            ..b
        };
        let (h, p) = hitung_iku(
            &BabIIIA {
                tahun: 2025,
                baris: vec![tanpa],
            },
            &Scale::permendagri_86(),
        );
        assert_eq!((h[0].penyerapan, h[0].efisiensi), (None, None));
        assert_eq!(p[0].code, "tanpa_pagu");
        assert_eq!(p[0].at.row, Some(0));
    }

    #[test]
    fn printed_cells_rounded_cut_off_or_different() {
        assert_eq!(cocokkan("95,59", Some(d("95.5875"))), Kecocokan::Sama);
        assert_eq!(cocokkan("95,58", Some(d("95.5875"))), Kecocokan::Dipotong);
        assert_eq!(cocokkan("110,04", Some(d("110.4"))), Kecocokan::Berbeda);
        assert_eq!(cocokkan("-", None), Kecocokan::Sama);
        assert_eq!(cocokkan("", None), Kecocokan::Sama);
        assert_eq!(cocokkan("38,83", None), Kecocokan::Berbeda);
        // A ratio with nothing to divide by, printed 0 by convention (seed 000 Tabel 3.11).
        assert_eq!(cocokkan("0.00%", None), Kecocokan::Sama);
        assert_eq!(cocokkan("0", None), Kecocokan::Sama);
        assert_eq!(cocokkan("99,95%", Some(d("99.95"))), Kecocokan::Sama);
        assert_eq!(
            cocokkan("(50.503.112.419,00)", Some(d("-50503112419"))),
            Kecocokan::Sama
        );
    }
}
