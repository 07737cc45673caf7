//! Consistency checks that return located problems. [`crate::e81::compute`] runs the row checks;
//! the others are for tables the E.81 row model does not hold (quarterly targets, unit texts).
//!
//! Codes: `jumlah_induk` (parent Rp ≠ Σ children), `kolom_hitung_berbeda` (a stated computed
//! column ≠ ours at 2-decimal display precision), `target_triwulan_berbeda` (Σ quarterly targets ≠
//! annual target of a summed indicator), `satuan_berbeda` (target and realisation in different
//! units), `capaian_lebih_100` (over 100 % without a Keterangan), `capaian_rendah` (under the
//! threshold), `rp_indikator` (Rp on an extra indicator row).

use rust_decimal::Decimal;

use crate::model::{Field, KValue, Location, Problem, Severity};
use crate::num::{self, format_id, round_half_up, CellValue};
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

/// Σ quarterly targets vs the annual target, for a summed indicator. Missing quarters count as 0;
/// None when all four are missing or the sum agrees.
pub fn quarter_targets_sum(annual: Decimal, quarters: [Option<Decimal>; 4]) -> Option<Problem> {
    if quarters.iter().all(Option::is_none) {
        return None;
    }
    let sum: Decimal = quarters.iter().flatten().sum();
    (sum != annual).then(|| Problem {
        severity: Severity::Warning,
        code: "target_triwulan_berbeda".into(),
        message: format!(
            "Jumlah target triwulan {} tidak sama dengan target tahunan {}",
            format_id(sum, sum.scale().min(2)),
            format_id(annual, annual.scale().min(2))
        ),
        at: Location::default(),
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

/// Capaian over 100 % without an explanation, or under `low_threshold`.
pub fn capaian_bounds(
    capaian: Option<Decimal>,
    keterangan: &str,
    low_threshold: Decimal,
    row: usize,
) -> Option<Problem> {
    let c = capaian?;
    if c > Decimal::ONE_HUNDRED && keterangan.trim().is_empty() {
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
    } else if c < low_threshold {
        Some(at_row(
            Severity::Info,
            "capaian_rendah",
            format!(
                "Capaian {} di bawah {}",
                num::format_pct(c),
                num::format_pct(low_threshold)
            ),
            row,
            Field::C13K,
        ))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn quarter_targets() {
        assert!(quarter_targets_sum(
            d("10"),
            [Some(d("3")), Some(d("1")), Some(d("1")), Some(d("5"))]
        )
        .is_none());
        assert!(quarter_targets_sum(
            d("260"),
            [Some(d("84")), Some(d("111")), Some(d("65")), None]
        )
        .is_none());
        let p = quarter_targets_sum(d("13"), [Some(d("13")); 4]).unwrap();
        assert_eq!(p.code, "target_triwulan_berbeda");
        assert!(quarter_targets_sum(d("32"), [None; 4]).is_none());
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
        let t = d("50");
        assert_eq!(
            capaian_bounds(Some(d("128.57")), "", t, 1).unwrap().code,
            "capaian_lebih_100"
        );
        assert!(capaian_bounds(Some(d("128.57")), "melebihi karena …", t, 1).is_none());
        assert_eq!(
            capaian_bounds(Some(d("30")), "", t, 1).unwrap().code,
            "capaian_rendah"
        );
        assert!(capaian_bounds(Some(d("75")), "", t, 1).is_none());
        assert!(capaian_bounds(None, "", t, 1).is_none());
    }
}
