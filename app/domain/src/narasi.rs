//! A draft of a row's narrative: the report sentence that states the quarter's figures.
//!
//! [`draft`] turns the figures the grid already computed ([`DraftInput`], all unrounded) into
//! Indonesian report prose, the way agencies write it under an E.81 or in a quarterly report:
//!
//! > Realisasi anggaran sampai dengan Triwulan II sebesar Rp 1.234.567,89 atau 45,72% dari pagu
//! > Rp 2.700.000,00. Capaian kinerja indikator Persentase dokumen perencanaan yang tepat
//! > waktu sampai dengan Triwulan II sebesar 8 Dokumen dari target 12 Dokumen (66,67%, predikat
//! > Sedang).
//!
//! Rules:
//! - Money is printed `Rp 1.234.567,89` (always 2 decimals), percentages `45,72%`, K numbers
//!   with at most 2 decimals and no trailing zeros (`8`, `12,5`, `1.234`); all half-up.
//! - The budget sentence needs the realisation; the percentage part needs a pagu other than 0.
//! - The performance sentence needs the realisation K; the target part needs a target; the
//!   parenthesis holds whatever of capaian and predikat is known.
//! - A unit follows a number (`8 Dokumen`), glued when it is `%` (`75%`); grades and texts
//!   carry no unit.
//! - With neither realisation: `Realisasi sampai dengan Triwulan I belum diisi.`

use rust_decimal::Decimal;

use crate::checks::roman;
use crate::model::KValue;
use crate::num::{format_id, format_pct, round_half_up};

/// Figures a draft is made from (all unrounded; the grid fills this from the computations).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DraftInput<'a> {
    /// The quarter the draft is for, 1..=4.
    pub quarter: u8,
    /// Σ realisasi Rp TW I..quarter.
    pub realisasi_rp_sd: Option<Decimal>,
    pub pagu_rp: Option<Decimal>,
    pub indikator: &'a str,
    pub satuan: Option<&'a str>,
    pub target_k: Option<&'a KValue>,
    /// The quarters' K aggregated up to `quarter` (by the indicator's semantics).
    pub realisasi_k_sd: Option<&'a KValue>,
    /// Capaian s.d. the quarter, in percent units.
    pub capaian_pct: Option<Decimal>,
    /// The rating's name (`Sedang`, `BB`), when rated.
    pub predikat: Option<&'a str>,
}

/// `Triwulan II`; a quarter outside 1..=4 keeps its number.
fn triwulan(q: u8) -> String {
    if (1..=4).contains(&q) {
        format!("Triwulan {}", roman(q))
    } else {
        format!("Triwulan {q}")
    }
}

/// `Rp 1.234.567,89`
pub(crate) fn rupiah(v: Decimal) -> String {
    format!("Rp {}", format_id(v, 2))
}

/// A K number: at most 2 decimals, no trailing zeros (`8`, `12,5`, `1.234`, `66,67`).
fn angka(v: Decimal) -> String {
    let r = round_half_up(v, 2).normalize();
    format_id(r, r.scale())
}

/// A K value with its unit: `8 Dokumen`, `75%`, `BB (71,51)`, `Baik`.
fn kinerja(v: &KValue, satuan: Option<&str>) -> String {
    match v {
        KValue::Number(n) => match satuan {
            Some("%") => format!("{}%", angka(*n)),
            Some(u) => format!("{} {u}", angka(*n)),
            None => angka(*n),
        },
        KValue::Grade { grade, score } => match score {
            Some(s) => format!("{grade:?} ({})", angka(*s)),
            None => format!("{grade:?}"),
        },
        KValue::Text(t) => t.trim().to_string(),
    }
}

/// `realisasi × 100 / pagu`; None for a pagu of 0 (or an overflow).
fn penyerapan(realisasi: Decimal, pagu: Decimal) -> Option<Decimal> {
    if pagu.is_zero() {
        return None;
    }
    realisasi
        .checked_mul(Decimal::ONE_HUNDRED)?
        .checked_div(pagu)
}

fn budget_sentence(input: &DraftInput, tw: &str) -> Option<String> {
    let realisasi = input.realisasi_rp_sd?;
    let mut s = format!(
        "Realisasi anggaran sampai dengan {tw} sebesar {}",
        rupiah(realisasi)
    );
    if let Some(pagu) = input.pagu_rp {
        if let Some(pct) = penyerapan(realisasi, pagu) {
            s.push_str(&format!(
                " atau {} dari pagu {}",
                format_pct(pct),
                rupiah(pagu)
            ));
        }
    }
    s.push('.');
    Some(s)
}

fn performance_sentence(input: &DraftInput, tw: &str) -> Option<String> {
    let realisasi = input.realisasi_k_sd?;
    let satuan = input.satuan.map(str::trim).filter(|u| !u.is_empty());
    let indikator = input.indikator.split_whitespace().collect::<Vec<_>>();
    let mut s = if indikator.is_empty() {
        format!("Capaian kinerja sampai dengan {tw}")
    } else {
        format!(
            "Capaian kinerja indikator {} sampai dengan {tw}",
            indikator.join(" ")
        )
    };
    s.push_str(&format!(" sebesar {}", kinerja(realisasi, satuan)));
    if let Some(target) = input.target_k {
        s.push_str(&format!(" dari target {}", kinerja(target, satuan)));
    }
    let mut notes = Vec::new();
    if let Some(pct) = input.capaian_pct {
        notes.push(format_pct(pct));
    }
    if let Some(p) = input.predikat.map(str::trim).filter(|p| !p.is_empty()) {
        notes.push(format!("predikat {p}"));
    }
    if !notes.is_empty() {
        s.push_str(&format!(" ({})", notes.join(", ")));
    }
    s.push('.');
    Some(s)
}

/// The draft sentence(s) for a row and quarter; see the module doc.
pub fn draft(input: &DraftInput) -> String {
    let tw = triwulan(input.quarter);
    let sentences: Vec<String> = [
        budget_sentence(input, &tw),
        performance_sentence(input, &tw),
    ]
    .into_iter()
    .flatten()
    .collect();
    if sentences.is_empty() {
        format!("Realisasi sampai dengan {tw} belum diisi.")
    } else {
        sentences.join(" ")
    }
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use super::*;
    use crate::model::Grade;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    #[test]
    fn drafts() {
        let n = |s: &str| KValue::Number(d(s));
        let (k8, k12) = (n("8"), n("12"));
        let (k75, k80) = (n("75.5"), n("80"));
        let (k2_5, k3) = (n("2.50"), n("3"));
        let (kavg, krat) = (n("8.3333333333"), n("1234"));
        let bb = KValue::Grade {
            grade: Grade::BB,
            score: Some(d("71.505")),
        };
        let a = KValue::Grade {
            grade: Grade::A,
            score: None,
        };
        let teks = KValue::Text(" Tersusun ".into());
        let indikator = "Persentase dokumen perencanaan yang tepat waktu";
        let full = DraftInput {
            quarter: 2,
            realisasi_rp_sd: Some(d("1234567.89")),
            pagu_rp: Some(d("2700000000")),
            indikator,
            satuan: Some("Dokumen"),
            target_k: Some(&k12),
            realisasi_k_sd: Some(&k8),
            capaian_pct: Some(d("66.6666666667")),
            predikat: Some("Sedang"),
        };
        let cases: Vec<(DraftInput, &str)> = vec![
            (
                full.clone(),
                "Realisasi anggaran sampai dengan Triwulan II sebesar Rp 1.234.567,89 atau 0,05% \
                 dari pagu Rp 2.700.000.000,00. Capaian kinerja indikator Persentase dokumen \
                 perencanaan yang tepat waktu sampai dengan Triwulan II sebesar 8 Dokumen dari \
                 target 12 Dokumen (66,67%, predikat Sedang).",
            ),
            (
                DraftInput {
                    realisasi_rp_sd: Some(d("1234567.885")),
                    pagu_rp: Some(d("2700000")),
                    ..full.clone()
                },
                "Realisasi anggaran sampai dengan Triwulan II sebesar Rp 1.234.567,89 atau 45,72% \
                 dari pagu Rp 2.700.000,00. Capaian kinerja indikator Persentase dokumen \
                 perencanaan yang tepat waktu sampai dengan Triwulan II sebesar 8 Dokumen dari \
                 target 12 Dokumen (66,67%, predikat Sedang).",
            ),
            // No pagu, or a pagu of 0: no percentage.
            (
                DraftInput {
                    quarter: 1,
                    pagu_rp: None,
                    realisasi_k_sd: None,
                    ..full.clone()
                },
                "Realisasi anggaran sampai dengan Triwulan I sebesar Rp 1.234.567,89.",
            ),
            (
                DraftInput {
                    quarter: 1,
                    pagu_rp: Some(Decimal::ZERO),
                    realisasi_k_sd: None,
                    ..full.clone()
                },
                "Realisasi anggaran sampai dengan Triwulan I sebesar Rp 1.234.567,89.",
            ),
            // No budget realisation: only the performance sentence.
            (
                DraftInput {
                    quarter: 3,
                    realisasi_rp_sd: None,
                    capaian_pct: Some(d("94.375")),
                    predikat: Some("Sangat Tinggi"),
                    satuan: Some("%"),
                    target_k: Some(&k80),
                    realisasi_k_sd: Some(&k75),
                    indikator: "  Indeks   kepuasan\nlayanan ",
                    ..full.clone()
                },
                "Capaian kinerja indikator Indeks kepuasan layanan sampai dengan Triwulan III \
                 sebesar 75,5% dari target 80% (94,38%, predikat Sangat Tinggi).",
            ),
            // No target, capaian or predikat.
            (
                DraftInput {
                    quarter: 4,
                    realisasi_rp_sd: None,
                    target_k: None,
                    capaian_pct: None,
                    predikat: None,
                    satuan: Some("  "),
                    realisasi_k_sd: Some(&k2_5),
                    ..full.clone()
                },
                "Capaian kinerja indikator Persentase dokumen perencanaan yang tepat waktu \
                 sampai dengan Triwulan IV sebesar 2,5.",
            ),
            // Predikat without capaian; no indicator name; rounded average; thousands.
            (
                DraftInput {
                    realisasi_rp_sd: None,
                    indikator: " ",
                    satuan: Some("Orang"),
                    target_k: Some(&krat),
                    realisasi_k_sd: Some(&kavg),
                    capaian_pct: None,
                    predikat: Some("Rendah"),
                    ..full.clone()
                },
                "Capaian kinerja sampai dengan Triwulan II sebesar 8,33 Orang dari target \
                 1.234 Orang (predikat Rendah).",
            ),
            (
                DraftInput {
                    realisasi_rp_sd: None,
                    satuan: None,
                    target_k: Some(&k3),
                    realisasi_k_sd: Some(&k2_5),
                    capaian_pct: Some(d("83.333")),
                    predikat: None,
                    ..full.clone()
                },
                "Capaian kinerja indikator Persentase dokumen perencanaan yang tepat waktu \
                 sampai dengan Triwulan II sebesar 2,5 dari target 3 (83,33%).",
            ),
            // Grades and texts carry no unit.
            (
                DraftInput {
                    quarter: 4,
                    realisasi_rp_sd: None,
                    indikator: "Nilai SAKIP",
                    satuan: Some("Predikat"),
                    target_k: Some(&a),
                    realisasi_k_sd: Some(&bb),
                    capaian_pct: Some(d("83.3333")),
                    predikat: None,
                    ..full.clone()
                },
                "Capaian kinerja indikator Nilai SAKIP sampai dengan Triwulan IV sebesar \
                 BB (71,51) dari target A (83,33%).",
            ),
            (
                DraftInput {
                    realisasi_rp_sd: None,
                    indikator: "Dokumen Renja",
                    target_k: None,
                    realisasi_k_sd: Some(&teks),
                    capaian_pct: None,
                    predikat: None,
                    ..full.clone()
                },
                "Capaian kinerja indikator Dokumen Renja sampai dengan Triwulan II sebesar \
                 Tersusun.",
            ),
            // A negative correction and zero realisation are still figures.
            (
                DraftInput {
                    realisasi_rp_sd: Some(d("-1500")),
                    pagu_rp: Some(d("100000")),
                    realisasi_k_sd: None,
                    ..full.clone()
                },
                "Realisasi anggaran sampai dengan Triwulan II sebesar Rp -1.500,00 atau -1,50% \
                 dari pagu Rp 100.000,00.",
            ),
            (
                DraftInput {
                    realisasi_rp_sd: Some(Decimal::ZERO),
                    realisasi_k_sd: None,
                    ..full.clone()
                },
                "Realisasi anggaran sampai dengan Triwulan II sebesar Rp 0,00 atau 0,00% dari \
                 pagu Rp 2.700.000.000,00.",
            ),
            // Nothing realised yet (a pagu and a target alone say nothing about realisation).
            (
                DraftInput {
                    quarter: 1,
                    realisasi_rp_sd: None,
                    realisasi_k_sd: None,
                    ..full.clone()
                },
                "Realisasi sampai dengan Triwulan I belum diisi.",
            ),
            (
                DraftInput::default(),
                "Realisasi sampai dengan Triwulan 0 belum diisi.",
            ),
        ];
        for (input, want) in cases {
            assert_eq!(draft(&input), want, "{input:?}");
        }
        // An overflowing percentage is left out, never a panic.
        assert_eq!(penyerapan(Decimal::MAX, d("0.5")), None);
        assert_eq!(penyerapan(d("1"), Decimal::ZERO), None);
        assert_eq!(penyerapan(d("1"), d("4")), Some(d("25")));
    }
}
