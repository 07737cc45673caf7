//! Consistency checks that return located problems. [`crate::e81::compute`] runs the row checks;
//! the others are for texts the E.81 row model does not hold (unit texts). The rencana aksi's
//! TW targets against the year's are `indicator::target_triwulan` (`target_triwulan`).
//!
//! Codes: `jumlah_induk` (parent Rp ≠ Σ children), `kolom_hitung_berbeda` (a stated computed
//! column ≠ ours at 2-decimal display precision), `satuan_berbeda` (target and realisation in different
//! units), `capaian_lebih_100` (over 100 % without a Keterangan, of the row or of the quarter),
//! `capaian_rendah_tanpa_penghambat` (below the scale's band `Sedang` without a faktor penghambat
//! for the quarter), `realisasi_melebihi_pagu` (column 12 Rp above the pagu), `rp_indikator` (Rp
//! on an extra indicator row), `realisasi_jauh_di_atas_target_tw` (a quarter's realisasi at
//! least twice that quarter's target, [`realisasi_tw_jauh_di_atas_target`]).

use rust_decimal::Decimal;

use crate::model::{
    Aggregation, Field, IndicatorSemantics, KValue, Location, Polarity, Problem, Severity,
};
use crate::num::{self, format_id, round_half_up, CellValue};
use crate::scale::Scale;
use crate::units::UnitDictionary;

/// A problem about a document row and field.
pub fn at_row(
    severity: Severity,
    code: &str,
    message: String,
    row: usize,
    field: Field,
) -> Problem {
    Problem {
        severity,
        code: code.into(),
        message,
        at: Location {
            row: Some(row),
            field: Some(field),
            ..Location::default()
        },
    }
}

/// Give location-less problems (from parsers) a row and field.
pub fn locate(mut problems: Vec<Problem>, row: usize, field: Field) -> Vec<Problem> {
    for p in &mut problems {
        p.at.row.get_or_insert(row);
        p.at.field.get_or_insert(field);
    }
    problems
}

/// Field name as printed in messages.
pub fn field_label(field: Field) -> String {
    match field {
        Field::RenstraK => "Target Renstra (K)".into(),
        Field::RenstraRp => "Target Renstra (Rp)".into(),
        Field::PrevK => "Realisasi s.d. tahun lalu (K)".into(),
        Field::PrevRp => "Realisasi s.d. tahun lalu (Rp)".into(),
        Field::TargetK => "Target (K)".into(),
        Field::TargetRp => "Target (Rp)".into(),
        Field::TwK(q) => format!("Realisasi TW {} (K)", roman(q)),
        Field::TwRp(q) => format!("Realisasi TW {} (Rp)", roman(q)),
        Field::C12K => "Kolom 12 (K)".into(),
        Field::C12Rp => "Kolom 12 (Rp)".into(),
        Field::C13K => "Kolom 13 (K)".into(),
        Field::C13Rp => "Kolom 13 (Rp)".into(),
        Field::C14K => "Kolom 14 (K)".into(),
        Field::C14Rp => "Kolom 14 (Rp)".into(),
        Field::C15K => "Kolom 15 (K)".into(),
        Field::C15Rp => "Kolom 15 (Rp)".into(),
        Field::Kode => "Kode".into(),
        Field::Name => "Nama".into(),
        Field::Indicator => "Indikator".into(),
        Field::Unit => "Satuan".into(),
        Field::UnitPd => "Unit PD".into(),
        Field::Keterangan => "Keterangan".into(),
        Field::Sasaran => "Sasaran".into(),
        Field::TargetTwK(q) => format!("Target TW {} (K)", roman(q)),
    }
}

/// `1` → `I` … `4` → `IV`.
pub fn roman(q: u8) -> &'static str {
    match q {
        1 => "I",
        2 => "II",
        3 => "III",
        4 => "IV",
        _ => "?",
    }
}

/// Parent value vs the sum of its children (exact: money is exact). None when they agree or
/// either side is missing.
pub fn parent_sum(
    parent: Option<Decimal>,
    children_sum: Option<Decimal>,
    row: usize,
    field: Field,
) -> Option<Problem> {
    let (p, s) = (parent?, children_sum?);
    (p != s).then(|| {
        at_row(
            Severity::Warning,
            "jumlah_induk",
            format!(
                "{}: nilai induk {} tidak sama dengan jumlah rincian di bawahnya {} (selisih {})",
                field_label(field),
                format_id(p, p.scale().min(2)),
                format_id(s, s.scale().min(2)),
                format_id(p - s, (p - s).scale().min(2)),
            ),
            row,
            field,
        )
    })
}

fn show_k(k: &KValue) -> String {
    match k {
        KValue::Number(n) => format_id(*n, 2),
        KValue::Grade { grade, .. } => format!("{grade:?}"),
        KValue::Text(t) => t.clone(),
    }
}

/// A value the file states for a computed column vs ours, compared at 2-decimal half-up.
pub fn stated_rp(
    stated: Option<Decimal>,
    computed: Option<Decimal>,
    row: usize,
    field: Field,
) -> Option<Problem> {
    let s = stated?;
    let same = computed.is_some_and(|c| round_half_up(c, 2) == round_half_up(s, 2));
    (!same).then(|| {
        stated_differs(
            field,
            &format_id(s, 2),
            &computed.map_or_else(|| "-".into(), |c| format_id(c, 2)),
            row,
        )
    })
}

/// A computed column whose value in the file is not what Capaian computes.
fn stated_differs(field: Field, stated: &str, computed: &str, row: usize) -> Problem {
    at_row(
        Severity::Warning,
        "kolom_hitung_berbeda",
        format!(
            "{}: file berisi {stated}, hasil perhitungan {computed}",
            field_label(field)
        ),
        row,
        field,
    )
}

/// Same as [`stated_rp`] for K values (numbers at 2 decimals, grades by letter, text ignored).
pub fn stated_k(
    stated: Option<&KValue>,
    computed: Option<&KValue>,
    row: usize,
    field: Field,
) -> Option<Problem> {
    let s = stated?;
    let same = match (s, computed) {
        (KValue::Text(_), _) => true,
        (KValue::Number(a), Some(KValue::Number(b))) => {
            round_half_up(*a, 2) == round_half_up(*b, 2)
        }
        (KValue::Grade { grade: a, .. }, Some(KValue::Grade { grade: b, .. })) => a == b,
        _ => false,
    };
    (!same).then(|| {
        stated_differs(
            field,
            &show_k(s),
            &computed.map_or_else(|| "-".into(), show_k),
            row,
        )
    })
}

/// Target and realisation units that mean different things (`Dok` vs `SKP`). Unknown spellings
/// are compared as text.
pub fn units_differ(
    target_unit: &str,
    realisasi_unit: &str,
    dict: &UnitDictionary,
) -> Option<Problem> {
    if target_unit.trim().is_empty() || realisasi_unit.trim().is_empty() {
        return None;
    }
    (!dict.same_unit(target_unit, realisasi_unit)).then(|| Problem {
        severity: Severity::Warning,
        code: "satuan_berbeda".into(),
        message: format!(
            "Satuan target '{}' berbeda dengan satuan realisasi '{}': capaian tidak bermakna",
            target_unit.trim(),
            realisasi_unit.trim()
        ),
        at: Location::default(),
    })
}

/// The unit typed inside a count cell (`5 Dok` → `Dok`).
pub fn embedded_unit(text: &str) -> Option<String> {
    match num::parse_cell(text).0.value {
        CellValue::Number { unit, .. } => unit,
        _ => None,
    }
}

/// Units embedded in a target text and a realisation text (`5 Dok` vs `4634 SKP`).
pub fn embedded_units_differ(
    target: &str,
    realisasi: &str,
    dict: &UnitDictionary,
) -> Option<Problem> {
    units_differ(&embedded_unit(target)?, &embedded_unit(realisasi)?, dict)
}

/// What a row says about its capaian for the reported quarter.
#[derive(Clone, Copy, Debug, Default)]
pub struct Penjelasan<'a> {
    /// The row's Keterangan (column 17).
    pub keterangan: &'a str,
    /// The quarter's narrative keterangan.
    pub keterangan_tw: &'a str,
    /// The quarter's faktor penghambat.
    pub penghambat_tw: &'a str,
    /// The reported quarter, 1..=4 (for messages).
    pub triwulan: u8,
    /// The row states no realisasi (K) for any quarter up to the reported one: a capaian of 0
    /// then says nothing is reported yet (a document just made of its Renja), not that the
    /// realisasi is low, and asks for no faktor penghambat.
    pub belum_dilaporkan: bool,
}

/// Where a capaian counts as low: below the scale's band `Sedang` (its lower edge, the edge
/// itself included when the band excludes it), else below a plain threshold.
#[derive(Clone, Debug, PartialEq)]
pub struct BatasRendah {
    pub batas: Decimal,
    /// Whether a capaian equal to `batas` is low (the band `Sedang` excludes its lower edge).
    pub termasuk: bool,
    /// `Sedang` when the batas comes from the scale.
    pub kategori: Option<String>,
}

impl BatasRendah {
    /// The lower edge of `scale`'s band named `Sedang` (case and spaces ignored); `fallback`
    /// (capaian strictly below it is low) when the scale has no such band or it is unbounded below.
    pub fn dari_skala(scale: &Scale, fallback: Decimal) -> BatasRendah {
        scale
            .bands()
            .iter()
            .find(|b| b.label.trim().eq_ignore_ascii_case("sedang"))
            .and_then(|b| {
                b.lower.map(|batas| BatasRendah {
                    batas,
                    termasuk: !b.lower_inclusive,
                    kategori: Some(b.label.trim().to_string()),
                })
            })
            .unwrap_or(BatasRendah {
                batas: fallback,
                termasuk: false,
                kategori: None,
            })
    }

    /// Whether `capaian` is low.
    pub fn rendah(&self, capaian: Decimal) -> bool {
        capaian < self.batas || (self.termasuk && capaian == self.batas)
    }
}

/// Capaian over 100 % without an explanation (`capaian_lebih_100`: the row's Keterangan or the
/// quarter's narrative keterangan explains it), or low without a faktor penghambat for the
/// quarter (`capaian_rendah_tanpa_penghambat`).
pub fn capaian_bounds(
    capaian: Option<Decimal>,
    penjelasan: &Penjelasan<'_>,
    rendah: &BatasRendah,
    row: usize,
) -> Option<Problem> {
    let c = capaian?;
    let explained =
        !penjelasan.keterangan.trim().is_empty() || !penjelasan.keterangan_tw.trim().is_empty();
    if c > Decimal::ONE_HUNDRED && !explained {
        Some(at_row(
            Severity::Warning,
            "capaian_lebih_100",
            format!(
                "Capaian {} melebihi 100%: isi penjelasan di Keterangan",
                num::format_pct(c)
            ),
            row,
            Field::Keterangan,
        ))
    } else if rendah.rendah(c)
        && penjelasan.penghambat_tw.trim().is_empty()
        && !(penjelasan.belum_dilaporkan && c.is_zero())
    {
        let batas = match &rendah.kategori {
            Some(k) => format!("batas kategori {k} ({})", num::format_pct(rendah.batas)),
            None => format!("batas {}", num::format_pct(rendah.batas)),
        };
        Some(at_row(
            Severity::Warning,
            "capaian_rendah_tanpa_penghambat",
            format!(
                "Capaian {} di bawah {batas}: isi Faktor penghambat TW {}",
                num::format_pct(c),
                roman(penjelasan.triwulan)
            ),
            row,
            Field::C13K,
        ))
    } else {
        None
    }
}

/// Realisasi anggaran (column 12 Rp) above the pagu (the target Rp used).
pub fn realisasi_melebihi_pagu(
    realisasi: Option<Decimal>,
    pagu: Option<Decimal>,
    row: usize,
) -> Option<Problem> {
    let (r, p) = (realisasi?, pagu?);
    let money = |x: Decimal| format_id(x, x.scale().min(2));
    (r > p).then(|| {
        at_row(
            Severity::Warning,
            "realisasi_melebihi_pagu",
            format!(
                "Realisasi anggaran Rp {} melebihi pagu Rp {} (selisih Rp {})",
                money(r),
                money(p),
                money(r - p)
            ),
            row,
            Field::C12Rp,
        )
    })
}

/// A quarter's realisasi far above that quarter's target, by the indicator's aggregation: an
/// increment (`Sum`) compares the quarter's own realisasi with its own target; a cumulative or
/// level indicator (`Last`, `YearEnd`, `Max`, `Average`) compares the figures *s.d.* the quarter
/// (each side aggregated over quarters I..q, [`crate::indicator::aggregate`]).
///
/// The rule: a realisasi of **at least twice** the quarter's target (capaian triwulan ≥ 200 %)
/// is a `Warning` (`realisasi_jauh_di_atas_target_tw`) at the quarter's realisasi cell
/// (`Field::TwK(q)`), naming both values. A planner reads such a figure as a typing slip (a
/// cumulative figure under an increment, a wrong quarter) or a quarter target set too low in the
/// rencana aksi, and wants it looked at before the report is signed. Ordinary over-achievement
/// (up to just under 200 % of the quarter's target, e.g. 128,57 %) is not flagged here: a capaian
/// above 100 % is `capaian_lebih_100`'s. Like that check, an explanation silences it: the row's
/// Keterangan or that quarter's narrative keterangan (`keterangan_tw[q - 1]`).
///
/// Only quarters where both the row's own realisasi and its own target are stated are checked,
/// only numbers, only a target above 0 (a 0 target has no ratio; a falling or zero cumulative
/// target is the reader's `target_kumulatif_turun`), and only for *higher is better* indicators
/// (for *lower is better* a high realisasi is a poor result, which the capaian checks report).
pub fn realisasi_tw_jauh_di_atas_target(
    sem: &IndicatorSemantics,
    target_tw: &[Option<KValue>; 4],
    realisasi_tw: &[Option<KValue>; 4],
    keterangan: &str,
    keterangan_tw: [&str; 4],
    row: usize,
) -> Vec<Problem> {
    if sem.polarity != Polarity::HigherIsBetter {
        return Vec::new();
    }
    let angka = |v: Option<KValue>| match v {
        Some(KValue::Number(n)) => Some(n),
        _ => None,
    };
    let teks = |d: Decimal| {
        let d = d.normalize();
        format_id(d, d.scale())
    };
    let mut out = Vec::new();
    for q in 0..4 {
        if target_tw[q].is_none() || realisasi_tw[q].is_none() {
            continue;
        }
        if !keterangan.trim().is_empty() || !keterangan_tw[q].trim().is_empty() {
            continue;
        }
        let (t, r, sd) = match sem.aggregation {
            Aggregation::Sum => (
                angka(target_tw[q].clone()),
                angka(realisasi_tw[q].clone()),
                "",
            ),
            _ => (
                angka(crate::indicator::aggregate(sem, &target_tw[..=q])),
                angka(crate::indicator::aggregate(sem, &realisasi_tw[..=q])),
                "s.d. ",
            ),
        };
        let (Some(t), Some(r)) = (t, r) else { continue };
        if t <= Decimal::ZERO || r < Decimal::TWO * t {
            continue;
        }
        let tw = roman(q as u8 + 1);
        let persen = (r * Decimal::ONE_HUNDRED)
            .checked_div(t)
            .map_or_else(String::new, |x| {
                format!(" ({} dari target)", num::format_pct(x))
            });
        out.push(at_row(
            Severity::Warning,
            "realisasi_jauh_di_atas_target_tw",
            format!(
                "Realisasi {sd}TW {tw} {} jauh di atas target {sd}TW {tw} {}{persen}: periksa angka realisasi atau target triwulan, atau isi penjelasan di Keterangan",
                teks(r),
                teks(t),
            ),
            row,
            Field::TwK(q as u8 + 1),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scale::Band;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn units() {
        let dict = UnitDictionary::default();
        assert!(units_differ("Dok", "Dokumen", &dict).is_none());
        assert_eq!(
            units_differ("Dok", "SKP", &dict).unwrap().code,
            "satuan_berbeda"
        );
        assert!(embedded_units_differ("5 Dok", "4634 SKP", &dict).is_some());
        assert!(embedded_units_differ("5 Dok", "4 dokumen", &dict).is_none());
        assert!(embedded_units_differ("5", "4 SKP", &dict).is_none());
    }

    #[test]
    fn stated_and_parent() {
        assert!(stated_rp(Some(d("24.94")), Some(d("24.9401")), 0, Field::C13Rp).is_none());
        assert!(stated_rp(Some(d("24.95")), Some(d("24.9401")), 0, Field::C13Rp).is_some());
        assert!(stated_rp(Some(d("1")), None, 0, Field::C13Rp).is_some());
        assert!(stated_rp(None, Some(d("1")), 0, Field::C13Rp).is_none());
        let p = parent_sum(Some(d("10")), Some(d("9")), 3, Field::TargetRp).unwrap();
        assert_eq!(
            (p.code.as_str(), p.at.row, p.at.field),
            ("jumlah_induk", Some(3), Some(Field::TargetRp))
        );
        assert!(parent_sum(Some(d("10")), Some(d("10.00")), 3, Field::TargetRp).is_none());
        assert!(parent_sum(None, Some(d("10")), 3, Field::TargetRp).is_none());
    }

    #[test]
    fn bounds() {
        let low = BatasRendah::dari_skala(&Scale::permendagri_86(), d("50"));
        assert_eq!(
            low,
            BatasRendah {
                batas: d("66"),
                termasuk: false,
                kategori: Some("Sedang".into())
            }
        );
        let none = Penjelasan {
            triwulan: 2,
            ..Penjelasan::default()
        };
        let p = capaian_bounds(Some(d("128.57")), &none, &low, 1).unwrap();
        assert_eq!(
            (p.code.as_str(), p.severity, p.at.field),
            (
                "capaian_lebih_100",
                Severity::Warning,
                Some(Field::Keterangan)
            )
        );
        let ket = Penjelasan {
            keterangan: "melebihi karena …",
            ..none
        };
        assert!(capaian_bounds(Some(d("128.57")), &ket, &low, 1).is_none());
        let ket_tw = Penjelasan {
            keterangan_tw: "kegiatan tambahan",
            ..none
        };
        assert!(capaian_bounds(Some(d("128.57")), &ket_tw, &low, 1).is_none());
        let blank_tw = Penjelasan {
            keterangan_tw: "  ",
            ..none
        };
        assert!(capaian_bounds(Some(d("128.57")), &blank_tw, &low, 1).is_some());

        let p = capaian_bounds(Some(d("65.99")), &none, &low, 4).unwrap();
        assert_eq!(
            (p.code.as_str(), p.severity, p.at.row, p.at.field),
            (
                "capaian_rendah_tanpa_penghambat",
                Severity::Warning,
                Some(4),
                Some(Field::C13K)
            )
        );
        assert_eq!(
            p.message,
            "Capaian 65,99% di bawah batas kategori Sedang (66,00%): isi Faktor penghambat TW II"
        );
        let hambat = Penjelasan {
            penghambat_tw: "anggaran terlambat",
            ..none
        };
        assert!(capaian_bounds(Some(d("30")), &hambat, &low, 1).is_none());
        assert!(capaian_bounds(Some(d("66")), &none, &low, 1).is_none());
        assert!(capaian_bounds(Some(d("75")), &none, &low, 1).is_none());
        assert!(capaian_bounds(Some(d("100")), &none, &low, 1).is_none());
        assert!(capaian_bounds(None, &none, &low, 1).is_none());
        // Nothing reported yet: a 0 asks for nothing; a low figure that is reported does.
        let kosong = Penjelasan {
            belum_dilaporkan: true,
            ..none
        };
        assert!(capaian_bounds(Some(d("0")), &kosong, &low, 1).is_none());
        assert!(capaian_bounds(Some(d("0")), &none, &low, 1).is_some());
        assert!(capaian_bounds(Some(d("30")), &kosong, &low, 1).is_some());
    }

    #[test]
    fn low_bound_from_the_scale() {
        // SAKIP has no band "Sedang": the threshold applies, strictly below.
        let sakip = BatasRendah::dari_skala(&Scale::sakip(), d("50"));
        assert_eq!((sakip.batas, sakip.kategori.as_deref()), (d("50"), None));
        assert!(sakip.rendah(d("49.99")) && !sakip.rendah(d("50")));
        let none = Penjelasan::default();
        let p = capaian_bounds(Some(d("10")), &none, &sakip, 0).unwrap();
        assert!(p.message.contains("di bawah batas 50,00%"), "{}", p.message);
        // A custom band " sedang " with an exclusive lower edge: the edge itself is low.
        let band = |lower: Option<i64>, li: bool, upper: Option<i64>, label: &str| Band {
            lower: lower.map(Decimal::from),
            lower_inclusive: li,
            upper: upper.map(Decimal::from),
            upper_inclusive: !li,
            label: label.into(),
            code: None,
        };
        let custom = Scale::new(
            "x",
            vec![
                band(None, false, Some(60), "Kurang"),
                band(Some(60), false, Some(80), " sedang "),
                band(Some(80), false, None, "Baik"),
            ],
        )
        .unwrap();
        let low = BatasRendah::dari_skala(&custom, d("50"));
        assert!(low.rendah(d("60")) && !low.rendah(d("60.01")));
        assert_eq!(low.kategori.as_deref(), Some("sedang"));
    }

    #[test]
    fn over_the_pagu() {
        let p = realisasi_melebihi_pagu(Some(d("1500000.5")), Some(d("1000000")), 7).unwrap();
        assert_eq!(
            (p.code.as_str(), p.severity, p.at.row, p.at.field),
            (
                "realisasi_melebihi_pagu",
                Severity::Warning,
                Some(7),
                Some(Field::C12Rp)
            )
        );
        assert_eq!(
            p.message,
            "Realisasi anggaran Rp 1.500.000,5 melebihi pagu Rp 1.000.000 (selisih Rp 500.000,5)"
        );
        assert!(realisasi_melebihi_pagu(Some(d("1000000")), Some(d("1000000.00")), 7).is_none());
        assert!(realisasi_melebihi_pagu(Some(d("1")), Some(d("0")), 7).is_some());
        assert!(realisasi_melebihi_pagu(Some(d("1")), None, 7).is_none());
        assert!(realisasi_melebihi_pagu(None, Some(d("1")), 7).is_none());
    }

    #[test]
    fn realisasi_far_above_the_quarter_target() {
        let n = |s: &str| Some(KValue::Number(d(s)));
        let kosong: [Option<KValue>; 4] = [None, None, None, None];
        let sem = |aggregation, polarity| IndicatorSemantics {
            aggregation,
            polarity,
            ..IndicatorSemantics::default()
        };
        let (sum, last) = (
            sem(Aggregation::Sum, Polarity::HigherIsBetter),
            sem(Aggregation::Last, Polarity::HigherIsBetter),
        );
        let tanpa = ["", "", "", ""];
        // (semantics, targets, realisasi, keterangan, keterangan per TW, flagged quarters)
        type Kasus<'a> = (
            &'a IndicatorSemantics,
            [Option<KValue>; 4],
            [Option<KValue>; 4],
            &'a str,
            [&'a str; 4],
            Vec<u8>,
        );
        let lower = sem(Aggregation::Sum, Polarity::LowerIsBetterRatio);
        let kasus: Vec<Kasus> = vec![
            // Seed 003 Tabel 3.14, kerjasama lembaga: s.d. 2 · 3 · 3 · 7 against 2 · 3 · 6 · 7.
            (
                &last,
                [n("2"), n("3"), n("3"), n("7")],
                [n("2"), n("3"), n("6"), n("7")],
                "",
                tanpa,
                vec![3],
            ),
            // Exactly twice is flagged; just under twice is ordinary over-achievement.
            (
                &sum,
                [n("3"), n("3"), n("3"), n("3")],
                [n("6"), n("5.99"), n("3"), None],
                "",
                tanpa,
                vec![1],
            ),
            // 128,57 % of the quarter's target: not this check's.
            (
                &sum,
                [n("7"), None, None, None],
                [n("9"), None, None, None],
                "",
                tanpa,
                vec![],
            ),
            // Increments compare the quarter's own figures, not the sums: TW II 2 against 1.
            (
                &sum,
                [n("5"), n("1"), n("2"), n("2")],
                [n("1"), n("2"), None, None],
                "",
                tanpa,
                vec![2],
            ),
            // A level compares s.d.: 40 % against 20 % in TW II, 60 against 60 in TW IV.
            (
                &last,
                [n("10"), n("20"), n("40"), n("60")],
                [n("10"), n("40"), n("40"), n("60")],
                "",
                tanpa,
                vec![2],
            ),
            // A quarter without its own realisasi or its own target is not checked.
            (
                &last,
                [n("1"), None, n("5"), None],
                [n("1"), n("9"), None, n("9")],
                "",
                tanpa,
                vec![],
            ),
            // Target 0: no ratio (a zero cumulative target is the reader's to report).
            (
                &sum,
                [n("0"), n("1"), None, None],
                [n("4"), n("1"), None, None],
                "",
                tanpa,
                vec![],
            ),
            // Explained by the row's Keterangan or by that quarter's keterangan only.
            (
                &sum,
                [n("3"), n("3"), None, None],
                [n("9"), n("9"), None, None],
                "kegiatan tambahan",
                tanpa,
                vec![],
            ),
            (
                &sum,
                [n("3"), n("3"), None, None],
                [n("9"), n("9"), None, None],
                "",
                ["ada permintaan", "", "", ""],
                vec![2],
            ),
            // Lower is better: a high realisasi is a poor result, not this check's.
            (
                &lower,
                [n("3"), None, None, None],
                [n("9"), None, None, None],
                "",
                tanpa,
                vec![],
            ),
            // Text and grades: no ratio.
            (
                &last,
                [Some(KValue::Text("ada".into())), None, None, None],
                [n("9"), None, None, None],
                "",
                tanpa,
                vec![],
            ),
            (&sum, kosong.clone(), kosong.clone(), "", tanpa, vec![]),
        ];
        for (i, (s, t, r, ket, ket_tw, want)) in kasus.into_iter().enumerate() {
            let got = realisasi_tw_jauh_di_atas_target(s, &t, &r, ket, ket_tw, 5);
            let fields: Vec<Option<Field>> = got.iter().map(|p| p.at.field).collect();
            let expected: Vec<Option<Field>> = want.iter().map(|&q| Some(Field::TwK(q))).collect();
            assert_eq!(fields, expected, "case {i}: {got:?}");
            for p in &got {
                assert_eq!(
                    (p.code.as_str(), p.severity, p.at.row),
                    (
                        "realisasi_jauh_di_atas_target_tw",
                        Severity::Warning,
                        Some(5)
                    ),
                    "case {i}"
                );
            }
        }
        let p = &realisasi_tw_jauh_di_atas_target(
            &last,
            &[n("2"), n("3"), n("3"), n("7")],
            &[n("2"), n("3"), n("6"), n("7")],
            "",
            tanpa,
            14,
        )[0];
        assert_eq!(
            p.message,
            "Realisasi s.d. TW III 6 jauh di atas target s.d. TW III 3 (200,00% dari target): periksa angka realisasi atau target triwulan, atau isi penjelasan di Keterangan"
        );
        let p = &realisasi_tw_jauh_di_atas_target(
            &sum,
            &[n("2.5"), None, None, None],
            &[n("7"), None, None, None],
            "",
            tanpa,
            0,
        )[0];
        assert_eq!(
            p.message,
            "Realisasi TW I 7 jauh di atas target TW I 2,5 (280,00% dari target): periksa angka realisasi atau target triwulan, atau isi penjelasan di Keterangan"
        );
    }
}
