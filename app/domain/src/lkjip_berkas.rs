//! An LKjIP's Bab III A tables **as a file prints them** (issue 16: "LKjIP capaian = E.81 / PK
//! figures"), checked three ways, each finding located at its cells:
//!
//! 1. **Within each table** ([`periksa_tabel`]): every derived cell the table prints (capaian,
//!    kategori, capaian of last year, peningkatan/penurunan, capaian against the Renstra's
//!    end target, penyerapan, efisiensi) against its recomputation from the table's own
//!    figures ([`crate::lkjip::periksa_iku`]). The same wrong figure printed in several tables
//!    (seed 000's IPA capaian 110,04 in Tabel 3.2 and 3.4) is **one** finding listing its
//!    cells; so is the other efisiensi formula named once for the tables that follow it.
//! 2. **Across its tables** ([`periksa_antar_tabel`]): an indicator's target, realisasi, end
//!    target or budget stated differently by two tables of the file (seed 000's IKM realisasi
//!    96,98 in Tabel 3.11 against 96,28 in Tabel 3.1). The realisasi of a year is one fact
//!    whatever the PK's version; a target, an end target and a budget are compared only
//!    between tables of the same version (*sebelum* / *setelah perubahan*), or where a table
//!    names none.
//! 3. **Against the plan** ([`cocokkan_rencana`]): each indicator the plan holds as an IKU
//!    (matched by its text, case and spacing ignored, when exactly one IKU of the plan has it)
//!    — its target, realisasi and Renstra end target against the plan's; a value the plan does
//!    not hold yet is counted, not a disagreement. And the budgets a table attributes to its
//!    IKU against the PD's pagu ([`pagu_tabel`]).
//!
//! Rows of a table are [`BarisIku`]; a table of sasaran, program, kegiatan and sub kegiatan
//! with their indicators (seed 000's Tabel 3.11) has budget rows too ([`TabelTertulis::indikator`]
//! false): their penyerapan is checked, and each indicator below takes their budget for its
//! efisiensi.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::lkjip::{periksa_iku, periksa_pagu_iku, BabIIIA, BarisIku, KolomIku, SelTertulis};
use crate::model::{KValue, Location, Problem, Severity};
use crate::num::{format_id, parse_cell};
use crate::scale::Scale;
use crate::teks::kunci;

/// A figure a table states (not derives): what the checks across tables and against the plan
/// compare.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KolomMasukan {
    Target,
    Realisasi,
    TargetLalu(i32),
    RealisasiLalu(i32),
    TargetRenstra,
    Anggaran,
    RealisasiAnggaran,
}

impl KolomMasukan {
    pub fn nama(self) -> String {
        match self {
            KolomMasukan::Target => "Target".into(),
            KolomMasukan::Realisasi => "Realisasi".into(),
            KolomMasukan::TargetLalu(y) => format!("Target {y}"),
            KolomMasukan::RealisasiLalu(y) => format!("Realisasi {y}"),
            KolomMasukan::TargetRenstra => "Target akhir Renstra".into(),
            KolomMasukan::Anggaran => "Anggaran (Rp)".into(),
            KolomMasukan::RealisasiAnggaran => "Realisasi anggaran (Rp)".into(),
        }
    }

    /// Does its value depend on the PK's version (a target, a budget), or is it one fact of
    /// the year (a realisasi)?
    fn menurut_versi(self) -> bool {
        !matches!(
            self,
            KolomMasukan::Realisasi | KolomMasukan::RealisasiLalu(_)
        )
    }
}

/// Which Perjanjian Kinerja a table reports on, by its title.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Versi {
    /// *Sebelum perubahan* (the murni PK).
    Sebelum,
    /// *Setelah / sesudah perubahan*.
    Setelah,
}

impl Versi {
    /// The version a title names (`… Tahun 2025 Sebelum Perubahan`), if one.
    pub fn dari_judul(judul: &str) -> Option<Versi> {
        let ws = crate::teks::words(judul);
        let has = |w: &str| ws.iter().any(|x| x == w);
        if has("sebelum") {
            Some(Versi::Sebelum)
        } else if has("setelah") || has("sesudah") {
            Some(Versi::Setelah)
        } else {
            None
        }
    }
}

/// One table of the file as printed.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct TabelTertulis {
    /// Its title (`Tabel 3.1 Capaian Kinerja Utama …`), else where it is (`Sheet '3.1' baris 4`).
    pub judul: String,
    pub versi: Option<Versi>,
    /// Its rows as inputs (figures as the table states them).
    pub t: BabIIIA,
    /// Per row: the derived cells the table prints (checked against ours).
    pub tertulis: Vec<Vec<SelTertulis<KolomIku>>>,
    /// Per row: the figures the table states, with their cells.
    pub masukan: Vec<Vec<SelTertulis<KolomMasukan>>>,
    /// Per row: an indicator (true) or a budget row of a sasaran, program, kegiatan or sub
    /// kegiatan (false).
    pub indikator: Vec<bool>,
}

/// The figure of a stated cell, as a K value.
fn nilai(teks: &str) -> Option<KValue> {
    parse_cell(teks).0.value.k_dan_satuan().0
}

/// Two stated values the same? Numbers by value (`96,28` = `96.280`), texts by their words.
fn sama(a: &KValue, b: &KValue) -> bool {
    match (a, b) {
        (KValue::Number(x), KValue::Number(y)) => x == y,
        (KValue::Text(x), KValue::Text(y)) => kunci(x) == kunci(y),
        (x, y) => x == y,
    }
}

fn tampil(k: &KValue) -> String {
    match k {
        KValue::Number(d) => {
            let d = d.normalize();
            format_id(d, d.scale())
        }
        KValue::Grade { grade, .. } => format!("{grade:?}"),
        KValue::Text(t) => t.clone(),
    }
}

/// Cells as a list for people: `'3.1'!G7, '3.3'!J7`.
fn daftar_sel<'a>(sel: impl IntoIterator<Item = &'a str>) -> String {
    sel.into_iter().collect::<Vec<_>>().join(", ")
}

/// The derived cells of every table against their recomputation (see the module's doc, 1):
/// one problem per cause, listing its cells; `at.cell` is the first of them.
pub fn periksa_tabel(tabel: &[TabelTertulis], skala: &Scale) -> Vec<Problem> {
    // (code, indicator, column, what the message says after the label) → the problem, cells.
    type Kunci = (String, String, Option<KolomIku>, String);
    let mut groups: BTreeMap<Kunci, (Problem, Vec<String>, Vec<String>)> = BTreeMap::new();
    let mut order: Vec<Kunci> = Vec::new();
    for tb in tabel {
        let (_, problems) = periksa_iku(&tb.t, &tb.tertulis, skala);
        for p in problems {
            let (indikator, kolom, sel) = match p.at.row {
                Some(i) => {
                    let sel = p.at.cell.clone().unwrap_or_default();
                    let kolom = tb
                        .tertulis
                        .get(i)
                        .and_then(|s| s.iter().find(|s| s.sel.as_deref() == Some(sel.as_str())))
                        .map(|s| s.kolom);
                    let ind =
                        tb.t.baris
                            .get(i)
                            .map_or(String::new(), |b| kunci(&b.indikator));
                    (ind, kolom, sel)
                }
                None => (String::new(), None, String::new()),
            };
            let rest = p
                .message
                .split_once("': ")
                .map_or(p.message.as_str(), |(_, r)| r)
                .to_string();
            let k: Kunci = (p.code.clone(), indikator, kolom, rest);
            let entry = groups.entry(k.clone()).or_insert_with(|| {
                order.push(k);
                (p.clone(), Vec::new(), Vec::new())
            });
            if !sel.is_empty() && !entry.1.contains(&sel) {
                entry.1.push(sel);
            }
            if !entry.2.contains(&tb.judul) {
                entry.2.push(tb.judul.clone());
            }
        }
    }
    order
        .into_iter()
        .filter_map(|k| groups.remove(&k))
        .map(|(mut p, sel, judul)| {
            if sel.is_empty() {
                p.message = format!("{} (tabel: {})", p.message, judul.join("; "));
            } else {
                p.message = format!(
                    "{} — di {}",
                    p.message,
                    daftar_sel(sel.iter().map(String::as_str))
                );
                p.at.cell = sel.first().cloned();
            }
            p
        })
        .collect()
}

/// One stated value of an indicator: the value, and where (table, cell).
struct Tertulis<'a> {
    nilai: KValue,
    teks: &'a str,
    tabel: usize,
    sel: &'a str,
}

/// An indicator's stated figures across the file, by column: `(indicator key, column)` → the
/// cells that state it, in the file's order.
fn per_indikator(tabel: &[TabelTertulis]) -> BTreeMap<(String, KolomMasukan), Vec<Tertulis<'_>>> {
    let mut m: BTreeMap<(String, KolomMasukan), Vec<Tertulis<'_>>> = BTreeMap::new();
    for (ti, tb) in tabel.iter().enumerate() {
        for (i, b) in tb.t.baris.iter().enumerate() {
            if !tb.indikator.get(i).copied().unwrap_or(true) || b.indikator.trim().is_empty() {
                continue;
            }
            for s in tb.masukan.get(i).into_iter().flatten() {
                let Some(v) = nilai(&s.teks) else { continue };
                m.entry((kunci(&b.indikator), s.kolom))
                    .or_default()
                    .push(Tertulis {
                        nilai: v,
                        teks: s.teks.trim(),
                        tabel: ti,
                        sel: s.sel.as_deref().unwrap_or(""),
                    });
            }
        }
    }
    m
}

/// An indicator's figure stated differently by two tables of the file (see the module's doc,
/// 2): one problem per indicator and column (`lkjip_antar_tabel`, Warning) naming each value
/// with its tables and cells; `at.cell` is the first cell that differs from the first stated.
pub fn periksa_antar_tabel(tabel: &[TabelTertulis]) -> Vec<Problem> {
    let nama: BTreeMap<String, &str> = tabel
        .iter()
        .flat_map(|tb| tb.t.baris.iter())
        .map(|b| (kunci(&b.indikator), b.indikator.trim()))
        .collect();
    let mut out = Vec::new();
    for ((ind, kolom), semua) in per_indikator(tabel) {
        // Compared within a version (a target), or across the file (a realisasi).
        let mut kelompok: Vec<Vec<&Tertulis<'_>>> = Vec::new();
        if kolom.menurut_versi() {
            for versi in [Some(Versi::Sebelum), Some(Versi::Setelah)] {
                kelompok.push(
                    semua
                        .iter()
                        .filter(|t| {
                            let v = tabel[t.tabel].versi;
                            v.is_none() || v == versi
                        })
                        .collect(),
                );
            }
        } else {
            kelompok.push(semua.iter().collect());
        }
        let mut dilaporkan: Vec<Vec<(String, String)>> = Vec::new();
        for k in kelompok {
            // The distinct values, in the order first stated, each with its cells.
            let mut nilai_: Vec<(&KValue, &str, Vec<&Tertulis<'_>>)> = Vec::new();
            for t in k {
                match nilai_.iter_mut().find(|(v, ..)| sama(v, &t.nilai)) {
                    Some(e) => e.2.push(t),
                    None => nilai_.push((&t.nilai, t.teks, vec![t])),
                }
            }
            if nilai_.len() < 2 {
                continue;
            }
            let kunci_laporan: Vec<(String, String)> = nilai_
                .iter()
                .flat_map(|(_, _, ts)| ts.iter().map(|t| (t.sel.to_string(), t.teks.to_string())))
                .collect();
            // The same disagreement seen from both versions is one finding.
            if dilaporkan.iter().any(|d| {
                kunci_laporan.iter().all(|x| d.contains(x))
                    || d.iter().all(|x| kunci_laporan.contains(x))
            }) {
                continue;
            }
            dilaporkan.push(kunci_laporan);
            let bagian: Vec<String> = nilai_
                .iter()
                .map(|(v, _, ts)| {
                    let mut tempat: Vec<String> = Vec::new();
                    for t in ts {
                        let j = &tabel[t.tabel].judul;
                        let s = format!("{j} ({})", t.sel);
                        if !tempat.contains(&s) {
                            tempat.push(s);
                        }
                    }
                    format!("{} di {}", tampil(v), tempat.join(", "))
                })
                .collect();
            out.push(Problem {
                severity: Severity::Warning,
                code: "lkjip_antar_tabel".into(),
                message: format!(
                    "{} '{}' tidak sama di antara tabel: {}",
                    kolom.nama(),
                    nama.get(&ind).copied().unwrap_or(ind.as_str()),
                    bagian.join("; ")
                ),
                at: Location {
                    cell: nilai_
                        .get(1)
                        .and_then(|(_, _, ts)| ts.first())
                        .map(|t| t.sel.to_string()),
                    ..Location::default()
                },
            });
        }
    }
    out
}

/// A figure a table states that the plan holds otherwise.
#[derive(Clone, Debug, PartialEq)]
pub struct BedaRencana {
    /// The plan's row (index into the document's rows).
    pub baris: usize,
    pub indikator: String,
    pub kolom: KolomMasukan,
    pub rencana: KValue,
    /// The value as printed, and every cell that prints it.
    pub tertulis: String,
    pub sel: Vec<String>,
}

/// The file against the plan's IKU (see the module's doc, 3).
#[derive(Clone, Debug, PartialEq, Default)]
pub struct BandingRencana {
    pub beda: Vec<BedaRencana>,
    /// Values the file states that the plan does not hold yet.
    pub belum: usize,
    /// Indicators of the file no IKU of the plan has (their text as the file prints it).
    pub tidak_ada: Vec<String>,
}

/// The file's tables against the plan's IKU (`rencana`: each IKU's document row and its
/// figures, [`crate::lkjip::iku_beranggaran`]): target, realisasi, Renstra end target, and the
/// budget the plan attributes to the IKU (its anggaran and realisasi, Rp). A target
/// that a table of one PK version states as the plan does is the plan's version: the other
/// version's tables are not held against it.
pub fn cocokkan_rencana(tabel: &[TabelTertulis], rencana: &[(usize, BarisIku)]) -> BandingRencana {
    let mut by_key: BTreeMap<String, Option<&(usize, BarisIku)>> = BTreeMap::new();
    for r in rencana {
        by_key
            .entry(kunci(&r.1.indikator))
            .and_modify(|e| *e = None)
            .or_insert(Some(r));
    }
    // Each sasaran's IKU, by the sasaran's name: a sasaran measured by its own figures (seed
    // 004's Tabel 3.2.1: `Meningkatnya … (Nilai SAKIP)`) is its only IKU.
    let mut per_sasaran: BTreeMap<String, Vec<&(usize, BarisIku)>> = BTreeMap::new();
    for r in rencana {
        per_sasaran.entry(kunci(&r.1.sasaran)).or_default().push(r);
    }
    let cari = |b: &BarisIku| -> Option<&(usize, BarisIku)> {
        if !sasaran_sendiri(b) {
            return by_key.get(&kunci(&b.indikator)).copied().flatten();
        }
        let nama = b.sasaran.trim();
        let tanpa_kurung = nama
            .strip_suffix(')')
            .and_then(|n| n.rfind('(').map(|i| &n[..i]))
            .unwrap_or(nama);
        [nama, tanpa_kurung]
            .iter()
            .find_map(|n| per_sasaran.get(&kunci(n)))
            .filter(|iku| iku.len() == 1)
            .map(|iku| iku[0])
    };
    let mut out = BandingRencana::default();
    // Each stated value the plan holds otherwise: (plan row, its IKU, column, the plan's value,
    // the value as printed, its cell, its table's version).
    type Lain<'a> = (
        usize,
        &'a BarisIku,
        KolomMasukan,
        KValue,
        KValue,
        String,
        Option<Versi>,
    );
    let mut lain: Vec<Lain<'_>> = Vec::new();
    // The versions of the tables that state the plan's own target (end target) of a row.
    let mut setuju: BTreeMap<(usize, KolomMasukan), Vec<Option<Versi>>> = BTreeMap::new();
    for tb in tabel {
        for (i, b) in tb.t.baris.iter().enumerate() {
            if !tb.indikator.get(i).copied().unwrap_or(true) || b.indikator.trim().is_empty() {
                continue;
            }
            let Some((baris, plan)) = cari(b) else {
                let t = b.indikator.trim().to_string();
                if !out.tidak_ada.iter().any(|x| kunci(x) == kunci(&t)) {
                    out.tidak_ada.push(t);
                }
                continue;
            };
            for s in tb.masukan.get(i).into_iter().flatten() {
                let ours = match s.kolom {
                    KolomMasukan::Target => plan.target.clone(),
                    KolomMasukan::Realisasi => plan.realisasi.clone(),
                    KolomMasukan::TargetRenstra => plan.target_akhir_renstra.clone(),
                    KolomMasukan::Anggaran => plan.anggaran.map(KValue::Number),
                    KolomMasukan::RealisasiAnggaran => plan.realisasi_anggaran.map(KValue::Number),
                    KolomMasukan::TargetLalu(_) | KolomMasukan::RealisasiLalu(_) => continue,
                };
                let Some(v) = nilai(&s.teks) else { continue };
                let Some(ours) = ours else {
                    out.belum += 1;
                    continue;
                };
                if sama(&ours, &v) {
                    setuju.entry((*baris, s.kolom)).or_default().push(tb.versi);
                    continue;
                }
                let sel = s.sel.clone().unwrap_or_default();
                lain.push((*baris, plan, s.kolom, ours, v, sel, tb.versi));
            }
        }
    }
    let mut index: BTreeMap<(usize, KolomMasukan, String), usize> = BTreeMap::new();
    for (baris, plan, kolom, ours, v, sel, versi) in lain {
        // A target of the other version of the PK where a table of one version states the
        // plan's: the plan holds that version's (the file prints both, as it should).
        let versi_lain = kolom.menurut_versi()
            && versi.is_some()
            && setuju
                .get(&(baris, kolom))
                .is_some_and(|vs| vs.iter().any(|x| x.is_some() && *x != versi));
        if versi_lain {
            continue;
        }
        let teks = tampil(&v);
        match index.get(&(baris, kolom, teks.clone())) {
            Some(&j) => {
                if !out.beda[j].sel.contains(&sel) {
                    out.beda[j].sel.push(sel);
                }
            }
            None => {
                index.insert((baris, kolom, teks.clone()), out.beda.len());
                out.beda.push(BedaRencana {
                    baris,
                    indikator: plan.indikator.clone(),
                    kolom,
                    rencana: ours,
                    tertulis: teks,
                    sel: vec![sel],
                });
            }
        }
    }
    out
}

/// The budgets each table attributes to its IKU (a Pagu column of its own per indicator,
/// Tabel 3.9/3.10) against the PD's pagu: [`periksa_pagu_iku`], named by the table.
pub fn pagu_tabel(tabel: &[TabelTertulis], pagu_total: Decimal) -> Vec<Problem> {
    tabel
        .iter()
        .flat_map(|tb| {
            let baris: Vec<BarisIku> =
                tb.t.baris
                    .iter()
                    .zip(&tb.masukan)
                    .filter(|(_, m)| m.iter().any(|s| s.kolom == KolomMasukan::Anggaran))
                    .map(|(b, _)| b.clone())
                    .collect();
            let sel: Vec<&str> = tb
                .masukan
                .iter()
                .flatten()
                .filter(|s| s.kolom == KolomMasukan::Anggaran)
                .filter_map(|s| s.sel.as_deref())
                .collect();
            periksa_pagu_iku(
                &BabIIIA {
                    tahun: tb.t.tahun,
                    baris,
                },
                pagu_total,
            )
            .into_iter()
            .map(move |mut p| {
                p.message = format!(
                    "{}: {} — di {}",
                    tb.judul,
                    p.message,
                    daftar_sel(sel.iter().copied())
                );
                p.at.cell = sel.first().map(|s| s.to_string());
                p
            })
            .collect::<Vec<_>>()
        })
        .collect()
}

/// Is a table's row a sasaran measured by its own figures (its indicator column is the
/// sasaran's: seed 004's Tabel 3.2.4), not one of its IKU?
fn sasaran_sendiri(b: &BarisIku) -> bool {
    !b.sasaran.trim().is_empty() && kunci(&b.sasaran) == kunci(&b.indikator)
}

/// A table that pairs an indicator with a sasaran of the plan whose IKU it is not.
#[derive(Clone, Debug, PartialEq)]
pub struct PasanganLain {
    /// The sasaran and the indicator as the table prints them.
    pub sasaran: String,
    pub indikator: String,
    /// The plan's rows of that sasaran's IKU (index into the document's rows) and their texts.
    pub baris_rencana: Vec<usize>,
    pub iku_rencana: Vec<String>,
    /// The plan's sasaran the indicator is an IKU of, when it is one.
    pub milik: Option<String>,
    /// The tables that print the pair (their short titles) and a cell of each row.
    pub tabel: Vec<String>,
    pub sel: Vec<String>,
}

/// Each pair of a sasaran and an indicator the file's tables print where the sasaran is one of
/// the plan's (`rencana`: [`crate::lkjip::iku_baris`]; by its name, case and spacing ignored)
/// and the indicator is not among its IKU there — an IKU printed under another sasaran, or an
/// indicator the plan does not have (seed 000's Tabel 3.9: *Persentase ASN minimal
/// berprestasi Kinerja Baik* under *Meningkatnya Disiplin Pegawai ASN*). One entry per pair,
/// with every table and a cell of every row that prints it.
pub fn pasangan_sasaran(
    tabel: &[TabelTertulis],
    rencana: &[(usize, BarisIku)],
) -> Vec<PasanganLain> {
    // The plan's sasaran by name: its IKU (row, text); an IKU's sasaran by the IKU's text.
    let mut iku_sasaran: BTreeMap<String, Vec<(usize, String)>> = BTreeMap::new();
    let mut sasaran_iku: BTreeMap<String, String> = BTreeMap::new();
    for (i, b) in rencana {
        iku_sasaran
            .entry(kunci(&b.sasaran))
            .or_default()
            .push((*i, b.indikator.trim().to_string()));
        sasaran_iku.insert(kunci(&b.indikator), b.sasaran.trim().to_string());
    }
    let mut out: Vec<PasanganLain> = Vec::new();
    for tb in tabel {
        for (r, b) in tb.t.baris.iter().enumerate() {
            let indikator = tb.indikator.get(r).copied().unwrap_or(true);
            if !indikator
                || b.sasaran.trim().is_empty()
                || b.indikator.trim().is_empty()
                || sasaran_sendiri(b)
            {
                continue;
            }
            let Some(iku) = iku_sasaran.get(&kunci(&b.sasaran)) else {
                continue;
            };
            if iku.iter().any(|(_, t)| kunci(t) == kunci(&b.indikator)) {
                continue;
            }
            // A cell of the row: its first stated or derived figure's.
            let sel = tb
                .masukan
                .get(r)
                .and_then(|m| m.iter().find_map(|s| s.sel.clone()))
                .or_else(|| {
                    tb.tertulis
                        .get(r)
                        .and_then(|t| t.iter().find_map(|s| s.sel.clone()))
                });
            let same = |p: &PasanganLain| {
                kunci(&p.sasaran) == kunci(&b.sasaran) && kunci(&p.indikator) == kunci(&b.indikator)
            };
            let at = match out.iter().position(same) {
                Some(at) => at,
                None => {
                    out.push(PasanganLain {
                        sasaran: b.sasaran.trim().to_string(),
                        indikator: b.indikator.trim().to_string(),
                        baris_rencana: iku.iter().map(|(i, _)| *i).collect(),
                        iku_rencana: iku.iter().map(|(_, t)| t.clone()).collect(),
                        milik: sasaran_iku.get(&kunci(&b.indikator)).cloned(),
                        tabel: Vec::new(),
                        sel: Vec::new(),
                    });
                    out.len() - 1
                }
            };
            let p = &mut out[at];
            if !p.tabel.contains(&tb.judul) {
                p.tabel.push(tb.judul.clone());
            }
            p.sel.extend(sel.filter(|s| !p.sel.contains(s)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::IndicatorSemantics;

    fn sel<K>(kolom: K, teks: &str, sel: &str) -> SelTertulis<K> {
        SelTertulis {
            kolom,
            teks: teks.into(),
            sel: Some(sel.into()),
        }
    }

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    /// A table of one IKU: (title, version, indicator, target, realisasi, printed capaian),
    /// cells in sheet `judul`, row 5.
    type Satu<'a> = (&'a str, Option<Versi>, &'a str, &'a str, &'a str, &'a str);

    fn tabel(rows: &[Satu<'_>]) -> Vec<TabelTertulis> {
        rows.iter()
            .map(|(judul, versi, ind, target, real, cap)| TabelTertulis {
                judul: judul.to_string(),
                versi: *versi,
                t: BabIIIA {
                    tahun: 2025,
                    baris: vec![BarisIku {
                        sasaran: "S".into(),
                        indikator: ind.to_string(),
                        satuan: Some("%".into()),
                        makna: IndicatorSemantics::default(),
                        target: nilai(target),
                        realisasi: nilai(real),
                        ..BarisIku::default()
                    }],
                },
                tertulis: vec![vec![sel(KolomIku::Capaian, cap, &format!("'{judul}'!G5"))]],
                masukan: vec![vec![
                    sel(KolomMasukan::Target, target, &format!("'{judul}'!E5")),
                    sel(KolomMasukan::Realisasi, real, &format!("'{judul}'!F5")),
                ]],
                indikator: vec![true],
            })
            .collect()
    }

    #[test]
    fn one_wrong_figure_printed_in_two_tables_is_one_finding() {
        let t = tabel(&[
            (
                "3.2",
                None,
                "Indeks Profesionalitas ASN",
                "70",
                "77,28",
                "110,04",
            ),
            (
                "3.4",
                None,
                "Indeks Profesionalitas ASN",
                "70",
                "77,28",
                "110,04",
            ),
            ("3.1", None, "Nilai SKP", "100", "99", "99"),
        ]);
        let p = periksa_tabel(&t, &Scale::permendagri_86());
        assert_eq!(p.len(), 1, "{p:#?}");
        assert_eq!(p[0].code, "lkjip_berbeda");
        assert!(
            p[0].message.ends_with("— di '3.2'!G5, '3.4'!G5"),
            "{}",
            p[0].message
        );
        assert_eq!(p[0].at.cell.as_deref(), Some("'3.2'!G5"));
    }

    #[test]
    fn figures_stated_differently_across_tables() {
        let cases: [(&[Satu<'_>], &[&str]); 4] = [
            // The realisasi is one fact whatever the version.
            (
                &[
                    ("3.1", Some(Versi::Sebelum), "IKM", "90", "96,28", "106,98"),
                    ("3.11", Some(Versi::Sebelum), "ikm", "90", "96.98", "107.76"),
                    ("3.3", Some(Versi::Sebelum), "IKM", "90", "96,28", "106,98"),
                ],
                &["Realisasi 'IKM' tidak sama di antara tabel: 96,28 di 3.1 ('3.1'!F5), 3.3 ('3.3'!F5); 96,98 di 3.11 ('3.11'!F5)"],
            ),
            // A target differs within a version: a finding; across versions: none.
            (
                &[
                    ("3.1", Some(Versi::Sebelum), "Disiplin", "100", "99", "99"),
                    ("3.11", Some(Versi::Sebelum), "Disiplin", "97", "99", "102,06"),
                ],
                &["Target 'Disiplin' tidak sama di antara tabel: 100 di 3.1 ('3.1'!E5); 97 di 3.11 ('3.11'!E5)"],
            ),
            (
                &[
                    ("3.1", Some(Versi::Sebelum), "Disiplin", "100", "99", "99"),
                    ("3.2", Some(Versi::Setelah), "Disiplin", "97", "99", "102,06"),
                ],
                &[],
            ),
            // A table naming no version is compared with both: one finding, not two.
            (
                &[
                    ("3.1", Some(Versi::Sebelum), "Disiplin", "100", "99", "99"),
                    ("A", None, "Disiplin", "97", "99", "102,06"),
                    ("3.2", Some(Versi::Setelah), "Disiplin", "97", "99", "102,06"),
                ],
                &["Target 'Disiplin' tidak sama di antara tabel: 100 di 3.1 ('3.1'!E5); 97 di A ('A'!E5)"],
            ),
        ];
        for (rows, want) in cases {
            let p = periksa_antar_tabel(&tabel(rows));
            let got: Vec<&str> = p.iter().map(|p| p.message.as_str()).collect();
            assert_eq!(got, want.to_vec());
        }
    }

    /// A pair the plan does not make is one entry with each table and cell that prints it; a
    /// pair it makes, a sasaran it does not have, and a budget row are none.
    #[test]
    fn an_iku_printed_under_another_sasaran_than_the_plans() {
        let mut t = tabel(&[
            (
                "3.9",
                None,
                "Persentase ASN berprestasi baik",
                "100",
                "99",
                "99",
            ),
            ("3.1", None, "Persentase ASN disiplin", "100", "99", "99"),
            (
                "3.10",
                None,
                "persentase asn  berprestasi baik",
                "100",
                "99",
                "99",
            ),
            ("3.11", None, "Persentase ASN dibina", "100", "99", "99"),
            ("3.12", None, "Jumlah SKP", "100", "99", "99"),
            ("3.13", None, "Anggaran program", "100", "99", "99"),
        ]);
        for (tb, sasaran) in t.iter_mut().zip([
            "Meningkatnya disiplin ASN",
            "Meningkatnya Disiplin  ASN",
            "meningkatnya disiplin asn",
            "Meningkatnya disiplin ASN",
            "Sasaran yang tidak ada di rencana",
            "Meningkatnya disiplin ASN",
        ]) {
            tb.t.baris[0].sasaran = sasaran.into();
        }
        t[5].indikator = vec![false];
        let iku = |i: usize, sasaran: &str, indikator: &str| {
            (
                i,
                BarisIku {
                    sasaran: sasaran.into(),
                    indikator: indikator.into(),
                    ..BarisIku::default()
                },
            )
        };
        let plan = vec![
            iku(3, "Meningkatnya disiplin ASN", "Persentase ASN disiplin"),
            iku(5, "Meningkatnya kinerja ASN", "Persentase ASN dibina"),
        ];
        let p = pasangan_sasaran(&t, &plan);
        // (indicator, its sasaran in the plan, tables, cells).
        type Pasangan<'a> = (&'a str, Option<&'a str>, Vec<&'a str>, Vec<&'a str>);
        let got: Vec<Pasangan<'_>> = p
            .iter()
            .map(|p| {
                (
                    p.indikator.as_str(),
                    p.milik.as_deref(),
                    p.tabel.iter().map(String::as_str).collect(),
                    p.sel.iter().map(String::as_str).collect(),
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    "Persentase ASN berprestasi baik",
                    None,
                    vec!["3.9", "3.10"],
                    vec!["'3.9'!E5", "'3.10'!E5"]
                ),
                (
                    "Persentase ASN dibina",
                    Some("Meningkatnya kinerja ASN"),
                    vec!["3.11"],
                    vec!["'3.11'!E5"]
                ),
            ]
        );
        assert_eq!(p[0].baris_rencana, vec![3]);
        assert_eq!(
            p[0].iku_rencana,
            vec!["Persentase ASN disiplin".to_string()]
        );
    }

    /// A sasaran measured by its own figures (its name in the indicator column; a trailing
    /// `(…)` naming its measure) is held to the plan's only IKU of that sasaran, and is no
    /// pair of a sasaran and another's IKU; a sasaran with two IKU in the plan is not held to
    /// either.
    #[test]
    fn a_sasaran_measured_by_its_own_figures_is_its_only_iku() {
        let mut t = tabel(&[
            (
                "3.2.1",
                None,
                "Meningkatnya kualitas kinerja (Nilai SAKIP)",
                "77",
                "-",
                "0",
            ),
            (
                "3.2.4",
                None,
                "Meningkatnya disiplin ASN",
                "100",
                "99",
                "99",
            ),
        ]);
        for tb in &mut t {
            tb.t.baris[0].sasaran = tb.t.baris[0].indikator.clone();
        }
        let iku = |i: usize, sasaran: &str, indikator: &str, target: &str| {
            (
                i,
                BarisIku {
                    sasaran: sasaran.into(),
                    indikator: indikator.into(),
                    target: Some(KValue::Number(d(target))),
                    ..BarisIku::default()
                },
            )
        };
        let plan = vec![
            iku(
                3,
                "Meningkatnya Kualitas Kinerja",
                "Nilai SAKIP Perangkat Daerah",
                "80.5",
            ),
            iku(
                5,
                "Meningkatnya disiplin ASN",
                "Persentase ASN disiplin",
                "100",
            ),
            iku(6, "Meningkatnya disiplin ASN", "Jumlah pelanggaran", "4"),
        ];
        let b = cocokkan_rencana(&t, &plan);
        let got: Vec<(usize, &str, String, &str)> = b
            .beda
            .iter()
            .map(|x| {
                (
                    x.baris,
                    x.indikator.as_str(),
                    tampil(&x.rencana),
                    x.tertulis.as_str(),
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![(3, "Nilai SAKIP Perangkat Daerah", "80,5".into(), "77")]
        );
        assert_eq!(b.tidak_ada, vec!["Meningkatnya disiplin ASN".to_string()]);
        assert_eq!(pasangan_sasaran(&t, &plan), vec![]);
    }

    #[test]
    fn the_plan_against_the_file() {
        let t = tabel(&[
            ("3.1", None, "Nilai SKP", "100", "99", "99"),
            ("3.3", None, "nilai  skp", "90", "99", "110"),
            ("3.5", None, "Nilai SKP", "90", "98", "108,89"),
            ("3.6", None, "Tidak di rencana", "1", "1", "100"),
        ]);
        let plan = vec![(
            7,
            BarisIku {
                indikator: "Nilai SKP".into(),
                target: Some(KValue::Number(d("100"))),
                ..BarisIku::default()
            },
        )];
        let b = cocokkan_rencana(&t, &plan);
        assert_eq!(b.beda.len(), 1, "{b:#?}");
        assert_eq!(b.beda[0].baris, 7);
        assert_eq!(b.beda[0].tertulis, "90");
        assert_eq!(b.beda[0].sel, vec!["'3.3'!E5", "'3.5'!E5"]);
        // Three realisasi the plan does not hold yet.
        assert_eq!(b.belum, 3);
        assert_eq!(b.tidak_ada, vec!["Tidak di rencana"]);
        // The plan holds the murni PK's target (100). With a table of that version stating
        // it, the perubahan's 97 is not held against it; the murni version's 95 is. Without
        // one, both are.
        const MURNI: Satu<'static> = ("3.1", Some(Versi::Sebelum), "Nilai SKP", "100", "99", "99");
        const PERUBAHAN: Satu<'static> =
            ("3.2", Some(Versi::Setelah), "Nilai SKP", "97", "99", "0");
        const LAIN: Satu<'static> = ("3.11", Some(Versi::Sebelum), "Nilai SKP", "95", "99", "0");
        for (rows, want) in [
            (vec![MURNI, PERUBAHAN, LAIN], vec!["95"]),
            (vec![PERUBAHAN, LAIN], vec!["97", "95"]),
        ] {
            let b = cocokkan_rencana(&tabel(&rows), &plan);
            let got: Vec<&str> = b.beda.iter().map(|x| x.tertulis.as_str()).collect();
            assert_eq!(got, want);
        }
    }

    #[test]
    fn versions_from_titles() {
        for (judul, want) in [
            (
                "Tabel 3.1 … Tahun 2025 Sebelum Perubahan",
                Some(Versi::Sebelum),
            ),
            ("Tabel 3.6 … Setelah Perubahan", Some(Versi::Setelah)),
            ("PK Sesudah Perubahan", Some(Versi::Setelah)),
            ("Tabel 3.20 Realisasi Anggaran", None),
        ] {
            assert_eq!(Versi::dari_judul(judul), want, "{judul}");
        }
    }
}
