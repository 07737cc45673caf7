//! Whether files of the year agree where they state the same figure. Today: an E.81 against a
//! SIPD export of the same agency — each program, kegiatan and sub kegiatan matched as a merge
//! matches them ([`crate::gabung::pratinjau`]: kode, else name under the same parent) —
//!
//! - the pagu: E.81 column 7 Rp = the SIPD anggaran (rolled up from its rekening);
//! - the realisasi so far: E.81 columns 8–11 Rp summed through quarter `q` = the SIPD realisasi
//!   through the end of `q` (its figure so far, else its quarters or months through `q`).
//!
//! Rows only one side has are listed too. Nothing is changed: this is a report.

use rust_decimal::Decimal;

use crate::anggaran::{Anggaran, Asal, Besaran};
use crate::gabung::{baris_e81, berkas_anggaran, pratinjau};
use crate::model::Document;

/// Which figure a difference is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Jenis {
    /// E.81 column 7 Rp against the SIPD anggaran.
    Pagu,
    /// E.81 Rp of TW I … TW `q` summed against the SIPD realisasi through the end of `q`.
    RealisasiSd(u8),
}

/// One figure the two files state differently.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Selisih {
    pub jenis: Jenis,
    /// The E.81 row (a document row).
    pub baris: usize,
    /// The SIPD row of the same node.
    pub asal: Asal,
    /// The table row (into [`Anggaran::baris`]).
    pub baris_sipd: usize,
    /// What the E.81 states (None: empty).
    pub e81: Option<Decimal>,
    pub sipd: Decimal,
}

/// The comparison of an E.81 with a SIPD export.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Rekonsiliasi {
    /// Rows of both, matched.
    pub cocok: usize,
    /// SIPD table rows (program, kegiatan, sub kegiatan) the E.81 does not have.
    pub hanya_sipd: Vec<usize>,
    /// E.81 rows the SIPD export does not have.
    pub hanya_e81: Vec<usize>,
    /// Every figure stated differently, by E.81 row, pagu before realisasi.
    pub selisih: Vec<Selisih>,
}

/// Compares `dokumen` (an E.81) with `tabel` (a SIPD export, rolled up); the realisasi through
/// the end of quarter `triwulan` when given (else only the pagu).
pub fn e81_sipd(dokumen: &Document, tabel: &Anggaran, triwulan: Option<u8>) -> Rekonsiliasi {
    // The SIPD figures as E.81 columns ([`berkas_anggaran`] is where that mapping is written):
    // the pagu as column 7 Rp, the realisasi so far as stated column 12 Rp, each quarter's own
    // (stated, or its three months) as that quarter's Rp.
    let berkas = berkas_anggaran(tabel, None);
    let rows = baris_e81(tabel);
    let p = pratinjau(dokumen, &berkas);
    let mut out = Rekonsiliasi {
        cocok: p.cocok,
        hanya_sipd: p
            .baru
            .iter()
            .filter_map(|&j| rows.get(j).copied())
            .collect(),
        hanya_e81: p.tidak_di_berkas.clone(),
        selisih: Vec::new(),
    };
    let q = triwulan.filter(|q| (1..=4).contains(q));
    for (i, j) in p.di_berkas.iter().enumerate() {
        let (Some(row), Some(j)) = (dokumen.rows.get(i), *j) else {
            continue;
        };
        let (Some(sipd_row), Some(&t)) = (berkas.rows.get(j), rows.get(j)) else {
            continue;
        };
        let Some(b) = tabel.baris.get(t) else {
            continue;
        };
        let mut push = |jenis, e81: Option<Decimal>, sipd: Decimal| {
            // An empty E.81 cell and a SIPD zero agree (nothing spent, nothing written).
            if e81.unwrap_or_default() != sipd {
                out.selisih.push(Selisih {
                    jenis,
                    baris: i,
                    asal: b.asal,
                    baris_sipd: t,
                    e81,
                    sipd,
                });
            }
        };
        if let Some(pagu) = sipd_row.target.rp {
            push(Jenis::Pagu, row.target.rp, pagu);
        }
        let Some(q) = q else {
            continue;
        };
        let quarters = ..usize::from(q);
        // The SIPD figure so far, else its quarters through `q` when it states each.
        let through = sipd_row.stated.c12.rp.or_else(|| {
            sipd_row.tw[quarters]
                .iter()
                .map(|t| t.rp)
                .sum::<Option<Decimal>>()
        });
        if let Some(sipd) = through {
            let held: Vec<Decimal> = row.tw[quarters].iter().filter_map(|t| t.rp).collect();
            let e81 = (!held.is_empty()).then(|| held.into_iter().sum());
            push(Jenis::RealisasiSd(q), e81, sipd);
        }
    }
    out
}

/// One value an E.81 and a Renja state differently: the target (column 7 K), the pagu
/// (column 7 Rp) or the target's unit.
#[derive(Clone, Debug, PartialEq)]
pub struct SelisihRenja {
    pub kolom: crate::edit::Cell,
    /// The E.81 row (a document row).
    pub baris: usize,
    /// The Renja's row (into [`crate::renja::Renja::baris`]).
    pub baris_renja: usize,
    /// What the E.81 states.
    pub e81: crate::edit::CellValue,
    pub renja: crate::edit::CellValue,
}

/// The comparison of an E.81 with a Renja of the same agency and year.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RekonsiliasiRenja {
    /// Rows of both, matched (by node and indicator, as a merge matches them).
    pub cocok: usize,
    /// Renja rows (into [`crate::renja::Renja::baris`]) the E.81 does not have.
    pub hanya_renja: Vec<usize>,
    /// E.81 rows the Renja does not have.
    pub hanya_e81: Vec<usize>,
    /// Every value stated differently, by E.81 row.
    pub selisih: Vec<SelisihRenja>,
}

/// Compares `dokumen` (an E.81) with `renja`: the Renja target = E.81 column 7 K and the Renja
/// pagu = column 7 Rp, for the same indicator (the later version the Renja prints). The Renja
/// as E.81 rows is [`crate::gabung::berkas_renja`]; its rows are matched as a merge matches
/// them. A value the E.81 leaves empty where the Renja states one is a difference; the other
/// way round it is not (the Renja says nothing). Lokasi, sumber dana, catatan and n+1, which
/// E.81 does not print, differ only where the document holds them.
pub fn e81_renja(dokumen: &Document, renja: &crate::renja::Renja) -> RekonsiliasiRenja {
    let berkas = crate::gabung::berkas_renja(renja);
    let p = pratinjau(dokumen, &berkas);
    // A row of the Renja as E.81 rows is the Renja row of the same sheet row.
    let renja_row = |j: usize| -> Option<usize> {
        let sheet_row = berkas.rows.get(j)?.sheet_row;
        (sheet_row > 0)
            .then(|| renja.baris.iter().position(|b| b.baris == sheet_row))
            .flatten()
    };
    RekonsiliasiRenja {
        cocok: p.cocok,
        hanya_renja: p.baru.iter().filter_map(|&j| renja_row(j)).collect(),
        hanya_e81: p.tidak_di_berkas.clone(),
        selisih: p
            .beda
            .into_iter()
            // A value E.81 does not print (lokasi, sumber dana, n+1) that the document lacks
            // is one the Renja adds, not a disagreement.
            .filter(|b| b.kolom.field().is_some() || !b.sekarang.is_empty())
            .filter_map(|b| {
                Some(SelisihRenja {
                    kolom: b.kolom,
                    baris: b.baris,
                    baris_renja: renja_row(b.baris_berkas)?,
                    e81: b.sekarang,
                    renja: b.berkas,
                })
            })
            .collect(),
    }
}

/// One E.81 row's penyerapan against the anggaran kas of its node: per quarter, the E.81
/// realisasi Rp of the quarter, the anggaran kas of the quarter and realisasi ÷ kas (%), each
/// when known; beside it realisasi s.d. the last quarter with realisasi ÷ pagu (column 7 Rp).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PenyerapanKas {
    /// The E.81 row.
    pub baris: usize,
    /// The table row of its node (into [`Anggaran::baris`]).
    pub baris_sipd: usize,
    pub triwulan: [crate::anggaran::Serapan; 4],
    /// Realisasi of the quarters with realisasi ÷ the pagu.
    pub terhadap_pagu: Option<Decimal>,
}

/// Penyerapan TW = realisasi TW ÷ anggaran kas TW × 100 for every E.81 row whose node an
/// anggaran kas (`tabel`: a SIPD RAK, rolled up) has — matched as a merge matches them —, and
/// realisasi ÷ pagu beside it. Rows whose node has no anggaran kas are left out, and so is a
/// program or kegiatan with a row below it the anggaran kas lacks (its kas in the file would
/// be only part of what the E.81 row spends).
pub fn penyerapan_kas(dokumen: &Document, tabel: &Anggaran) -> Vec<PenyerapanKas> {
    use crate::anggaran::{penyerapan, Serapan};
    use crate::model::Level;
    let berkas = berkas_anggaran(tabel, None);
    let rows = baris_e81(tabel);
    let p = pratinjau(dokumen, &berkas);
    let above = crate::e81::structure(&dokumen.rows);
    let mut sebagian = vec![false; dokumen.rows.len()];
    for &i in &p.tidak_di_berkas {
        if dokumen
            .rows
            .get(i)
            .is_some_and(|r| r.level == Level::Indikator)
        {
            continue;
        }
        let mut up = above.get(i).copied().flatten();
        while let Some(a) = up {
            sebagian[a] = true;
            up = above.get(a).copied().flatten();
        }
    }
    let mut out = Vec::new();
    for (i, j) in p.di_berkas.iter().enumerate() {
        let (Some(row), Some(&t)) = (dokumen.rows.get(i), j.and_then(|j| rows.get(j))) else {
            continue;
        };
        if sebagian[i] {
            continue;
        }
        let Some(b) = tabel.baris.get(t) else {
            continue;
        };
        let mut tw = [Serapan::default(); 4];
        for q in 1..=4u8 {
            tw[usize::from(q - 1)] = Serapan::of(
                row.tw[usize::from(q - 1)].rp,
                b.dihitung.get(Besaran::KasTw(q)),
            );
        }
        if tw.iter().all(|s| s.kas.is_none()) {
            continue;
        }
        let spent: Vec<Decimal> = row.tw.iter().filter_map(|t| t.rp).collect();
        let terhadap_pagu = match (spent.is_empty(), row.target.rp) {
            (false, Some(pagu)) => penyerapan(spent.into_iter().sum(), pagu),
            _ => None,
        };
        out.push(PenyerapanKas {
            baris: i,
            baris_sipd: t,
            triwulan: tw,
            terhadap_pagu,
        });
    }
    out
}
