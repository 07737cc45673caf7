//! Indicator semantics: what a K value means, how quarters combine, how capaian is computed.
//!
//! Defaults ([`default_semantics`]): a grade anywhere in the values → Grade/Last; unit `%` →
//! Percent/Last; unit `Nilai`/`Indeks` → Index/Last; only text → Text/Last; otherwise a count
//! that sums. Higher is better and no cap, unless overridden per indicator.
//!
//! Capaian ([`capaian`]), in percent units:
//! - higher is better: `r / t × 100`;
//! - lower is better: `t / r × 100` (`LowerIsBetterRatio`; realisation 0 gives no capaian) or
//!   `(2t − r) / t × 100` (`LowerIsBetterMirror`; may go below 0);
//! - grades: 100 when the realised grade is at least the target grade, else
//!   `rank(r) / rank(t) × 100` with ranks D = 1 … AA = 7;
//! - target 0 or missing, text values, or a grade against a number: no capaian (None).
//! - `cap_100` caps the result at 100.

use rust_decimal::Decimal;

use crate::model::{
    Aggregation, Grade, IndicatorSemantics, KValue, Location, Polarity, Problem, Severity,
    ValueType,
};
use crate::units;

const HUNDRED: Decimal = Decimal::ONE_HUNDRED;

/// Default semantics from the unit and the values seen (targets, realisations).
pub fn default_semantics(unit: Option<&str>, values: &[&KValue]) -> IndicatorSemantics {
    let has_grade = values.iter().any(|v| matches!(v, KValue::Grade { .. }));
    let has_number = values.iter().any(|v| matches!(v, KValue::Number(_)));
    let has_text = values.iter().any(|v| matches!(v, KValue::Text(_)));
    let value_type = if has_grade {
        ValueType::Grade
    } else if let Some(kind) = unit.and_then(units::builtin_kind) {
        kind
    } else if has_text && !has_number {
        ValueType::Text
    } else {
        ValueType::Count
    };
    let aggregation = match value_type {
        ValueType::Count => Aggregation::Sum,
        _ => Aggregation::Last,
    };
    IndicatorSemantics {
        value_type,
        aggregation,
        polarity: Polarity::HigherIsBetter,
        cap_100: false,
    }
}

fn last_present(tw: &[Option<KValue>]) -> Option<KValue> {
    tw.iter().rev().find_map(|v| v.clone())
}

/// Combine the quarters given (pass `&tw[..n]` for "s.d. TW n"); None when none is present.
/// Sum/Max/Average use the numbers among them (Max also compares grades); when there is no
/// number they fall back to the last value present. YearEnd takes the fourth quarter only.
pub fn aggregate(sem: &IndicatorSemantics, tw: &[Option<KValue>]) -> Option<KValue> {
    let numbers: Vec<Decimal> = tw
        .iter()
        .filter_map(|v| match v {
            Some(KValue::Number(n)) => Some(*n),
            _ => None,
        })
        .collect();
    match sem.aggregation {
        Aggregation::Last => last_present(tw),
        Aggregation::YearEnd => tw.get(3).cloned().flatten(),
        Aggregation::Sum if !numbers.is_empty() => Some(KValue::Number(numbers.iter().sum())),
        Aggregation::Average if !numbers.is_empty() => {
            let n = Decimal::from(numbers.len() as u64);
            Some(KValue::Number(numbers.iter().sum::<Decimal>() / n))
        }
        Aggregation::Max if !numbers.is_empty() => numbers.into_iter().max().map(KValue::Number),
        Aggregation::Max => tw
            .iter()
            .filter_map(|v| match v {
                Some(KValue::Grade { grade, score }) => Some((*grade, *score)),
                _ => None,
            })
            .max_by(|a, b| a.0.cmp(&b.0))
            .map(|(grade, score)| KValue::Grade { grade, score })
            .or_else(|| last_present(tw)),
        Aggregation::Sum | Aggregation::Average => last_present(tw),
    }
}

/// An indicator's position *s.d.* the last of successive periods (years), from its value in
/// each (oldest first), by its aggregation: Sum → Σ of the numbers (a `-` or blank counts 0);
/// Last and YearEnd → the latest value present (the level at the end of the last year that
/// has one); Max → the highest; Average → the mean of the numbers. None when no period has a
/// value. T-C.29's column 10 (`5+7+9` for counts, the latest level for levels).
pub fn sd_periode(sem: &IndicatorSemantics, values: &[Option<KValue>]) -> Option<KValue> {
    if sem.aggregation == Aggregation::YearEnd {
        let last = IndicatorSemantics {
            aggregation: Aggregation::Last,
            ..sem.clone()
        };
        return aggregate(&last, values);
    }
    aggregate(sem, values)
}

/// A rencana aksi's TW targets against the indicator's annual target, by its aggregation
/// (increments sum to it, a level ends on it, …): the message when they disagree; None when
/// there are no TW targets, they agree, or either side is not a number. The `target_triwulan`
/// check of the PK, the rencana aksi and the E.81 alike.
pub fn target_triwulan(
    sem: &IndicatorSemantics,
    indikator: &str,
    target: &KValue,
    tw: &[Option<KValue>],
) -> Option<String> {
    if tw.iter().all(Option::is_none) {
        return None;
    }
    let (Some(KValue::Number(agg)), KValue::Number(year)) = (aggregate(sem, tw), target) else {
        return None;
    };
    if agg == *year {
        return None;
    }
    let (cara, apa) = match sem.aggregation {
        Aggregation::Sum => ("dijumlahkan (target bertambah tiap triwulan)", "berjumlah"),
        Aggregation::Average => ("dirata-ratakan", "berata-rata"),
        Aggregation::Max => ("diambil yang terbesar", "tertinggi"),
        Aggregation::Last | Aggregation::YearEnd => (
            "target tingkat: TW IV sama dengan target tahunan",
            "berakhir pada",
        ),
    };
    Some(format!(
        "Target TW I–IV indikator '{}' {apa} {}, sedangkan target tahunan {} ({cara})",
        indikator.trim(),
        teks(agg),
        teks(*year)
    ))
}

/// A target as the messages print it: `13,5`, `26` (no trailing zeros).
fn teks(d: Decimal) -> String {
    let d = d.normalize();
    crate::num::format_id(d, d.scale())
}

/// [`target_triwulan`] for a report through quarter `triwulan` (a laporan s.d. TW II) whose TW
/// targets stop at that quarter: the quarters after it are not its business, so only what the
/// stated ones can already tell — summed increments past the year's target — disagrees. A
/// report that states every quarter, or one through TW IV, is checked whole.
pub fn target_triwulan_sd(
    sem: &IndicatorSemantics,
    indikator: &str,
    target: &KValue,
    tw: &[Option<KValue>],
    triwulan: usize,
) -> Option<String> {
    let q = triwulan.clamp(1, 4);
    if q == 4 || tw.iter().skip(q).any(Option::is_some) {
        return target_triwulan(sem, indikator, target, tw);
    }
    if sem.aggregation != Aggregation::Sum {
        return None;
    }
    let (Some(KValue::Number(agg)), KValue::Number(year)) =
        (aggregate(sem, &tw[..q.min(tw.len())]), target)
    else {
        return None;
    };
    (agg > *year).then(|| {
        format!(
            "Target TW I–{} indikator '{}' berjumlah {}, melebihi target tahunan {} (dijumlahkan (target bertambah tiap triwulan))",
            crate::checks::roman(q as u8),
            indikator.trim(),
            teks(agg),
            teks(*year)
        )
    })
}

fn rank(g: Grade) -> Decimal {
    Decimal::from(g as u8 as u64 + 1)
}

fn info(code: &str, message: String) -> Problem {
    Problem {
        severity: Severity::Info,
        code: code.into(),
        message,
        at: Location::default(),
    }
}

/// Capaian (percent units) of `realisasi` against `target`; see the module doc for the rules.
pub fn capaian(
    sem: &IndicatorSemantics,
    target: &KValue,
    realisasi: &KValue,
) -> (Option<Decimal>, Vec<Problem>) {
    let mut problems = Vec::new();
    let value = match (target, realisasi) {
        (KValue::Number(t), KValue::Number(r)) => {
            if t.is_zero() {
                problems.push(info(
                    "target_nol",
                    "Target 0: capaian tidak dihitung".into(),
                ));
                None
            } else {
                match sem.polarity {
                    Polarity::HigherIsBetter => {
                        r.checked_mul(HUNDRED).and_then(|x| x.checked_div(*t))
                    }
                    Polarity::LowerIsBetterRatio => {
                        if r.is_zero() {
                            problems.push(info(
                                "realisasi_nol",
                                "Realisasi 0 pada indikator 'makin kecil makin baik' (target/realisasi): capaian tidak dihitung".into(),
                            ));
                            None
                        } else {
                            t.checked_mul(HUNDRED).and_then(|x| x.checked_div(*r))
                        }
                    }
                    Polarity::LowerIsBetterMirror => (Decimal::TWO * t - r)
                        .checked_mul(HUNDRED)
                        .and_then(|x| x.checked_div(*t)),
                }
            }
        }
        (KValue::Grade { grade: t, .. }, KValue::Grade { grade: r, .. }) => {
            if r >= t {
                Some(HUNDRED)
            } else {
                Some(rank(*r) * HUNDRED / rank(*t))
            }
        }
        (KValue::Text(_), _) | (_, KValue::Text(_)) => None,
        _ => {
            problems.push(Problem {
                severity: Severity::Warning,
                code: "jenis_nilai_berbeda".into(),
                message: "Target dan realisasi berbeda jenis (angka dan predikat): capaian tidak dihitung".into(),
                at: Location::default(),
            });
            None
        }
    };
    let value = value.map(|v| if sem.cap_100 { v.min(HUNDRED) } else { v });
    (value, problems)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn n(s: &str) -> KValue {
        KValue::Number(Decimal::from_str(s).unwrap())
    }
    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }
    fn sem(aggregation: Aggregation, polarity: Polarity, cap_100: bool) -> IndicatorSemantics {
        IndicatorSemantics {
            value_type: ValueType::Count,
            aggregation,
            polarity,
            cap_100,
        }
    }
    fn g(grade: Grade) -> KValue {
        KValue::Grade { grade, score: None }
    }

    #[test]
    fn tw_targets_are_checked_against_the_year_by_aggregation() {
        let hi = Polarity::HigherIsBetter;
        let tw = |v: [Option<&str>; 4]| v.map(|x| x.map(n));
        // (aggregation, annual target, TW targets, disagrees)
        let table = [
            (
                Aggregation::Sum,
                "12",
                [Some("3"), Some("3"), Some("3"), Some("3")],
                false,
            ),
            (
                Aggregation::Sum,
                "12",
                [Some("3"), Some("3"), Some("3"), Some("4")],
                true,
            ),
            (
                Aggregation::Last,
                "85",
                [Some("20"), Some("40"), Some("60"), Some("85")],
                false,
            ),
            (
                Aggregation::Last,
                "85",
                [Some("20"), Some("40"), Some("60"), Some("80")],
                true,
            ),
            (
                Aggregation::Last,
                "85",
                [Some("20"), None, None, None],
                true,
            ),
            (Aggregation::Sum, "12", [None, None, None, None], false),
            (
                Aggregation::Sum,
                "10",
                [Some("3"), Some("1"), Some("1"), Some("5")],
                false,
            ),
            (
                Aggregation::Sum,
                "260",
                [Some("84"), Some("111"), Some("65"), None],
                false,
            ),
            // The annual value repeated in every quarter of a summed indicator (seed 004).
            (
                Aggregation::Sum,
                "13",
                [Some("13"), Some("13"), Some("13"), Some("13")],
                true,
            ),
        ];
        for (agg, year, q, disagrees) in table {
            let m = target_triwulan(&sem(agg, hi, false), "Ind", &n(year), &tw(q));
            assert_eq!(m.is_some(), disagrees, "{agg:?} {year} {q:?}: {m:?}");
        }
        // A report through TW II states the targets through TW II: only summed increments
        // already past the year's disagree. (aggregation, annual, TW targets, disagrees)
        let sd_tw2 = [
            (
                Aggregation::Sum,
                "10",
                [Some("3"), Some("1"), None, None],
                false,
            ),
            (
                Aggregation::Sum,
                "10",
                [Some("8"), Some("5"), None, None],
                true,
            ),
            (
                Aggregation::Last,
                "85",
                [Some("20"), Some("40"), None, None],
                false,
            ),
            (
                Aggregation::Sum,
                "13",
                [Some("13"), Some("13"), None, None],
                true,
            ),
            // Every quarter stated: checked whole, as a rencana aksi.
            (
                Aggregation::Sum,
                "10",
                [Some("3"), Some("1"), Some("1"), Some("1")],
                true,
            ),
        ];
        for (agg, year, q, disagrees) in sd_tw2 {
            let m = target_triwulan_sd(&sem(agg, hi, false), "Ind", &n(year), &tw(q), 2);
            assert_eq!(m.is_some(), disagrees, "{agg:?} {year} {q:?}: {m:?}");
        }
        assert_eq!(
            target_triwulan_sd(
                &sem(Aggregation::Sum, hi, false),
                "Ind",
                &n("13"),
                &tw([Some("13"), Some("13"), None, None]),
                2
            )
            .as_deref(),
            Some("Target TW I–II indikator 'Ind' berjumlah 26, melebihi target tahunan 13 (dijumlahkan (target bertambah tiap triwulan))")
        );
        // Through TW IV, the whole year is the report's.
        assert!(target_triwulan_sd(
            &sem(Aggregation::Sum, hi, false),
            "Ind",
            &n("10"),
            &tw([Some("3"), Some("1"), None, None]),
            4
        )
        .is_some());
        let m = target_triwulan(
            &sem(Aggregation::Sum, hi, false),
            " Jumlah dokumen ",
            &n("12"),
            &tw([Some("3"), Some("3"), Some("3"), Some("4.5")]),
        )
        .expect("differs");
        assert_eq!(
            m,
            "Target TW I–IV indikator 'Jumlah dokumen' berjumlah 13,5, sedangkan target tahunan 12 \
             (dijumlahkan (target bertambah tiap triwulan))"
        );
        // Text targets are not compared.
        let text = KValue::Text("Tersedia".into());
        assert!(target_triwulan(
            &sem(Aggregation::Last, hi, false),
            "x",
            &text,
            &[Some(text.clone())]
        )
        .is_none());
    }

    #[test]
    fn defaults() {
        let c = default_semantics(Some("Dok"), &[&n("3")]);
        assert_eq!(
            (c.value_type, c.aggregation),
            (ValueType::Count, Aggregation::Sum)
        );
        let p = default_semantics(Some("%"), &[&n("98")]);
        assert_eq!(
            (p.value_type, p.aggregation),
            (ValueType::Percent, Aggregation::Last)
        );
        let i = default_semantics(Some("Indeks"), &[]);
        assert_eq!(
            (i.value_type, i.aggregation),
            (ValueType::Index, Aggregation::Last)
        );
        let gr = default_semantics(None, &[&g(Grade::A)]);
        assert_eq!(
            (gr.value_type, gr.aggregation),
            (ValueType::Grade, Aggregation::Last)
        );
        let t = default_semantics(None, &[&KValue::Text("ada".into())]);
        assert_eq!(t.value_type, ValueType::Text);
        assert_eq!(default_semantics(None, &[]).aggregation, Aggregation::Sum);
    }

    #[test]
    fn aggregates() {
        let tw = [Some(n("5")), None, Some(n("3")), Some(n("1"))];
        let cases = [
            (Aggregation::Sum, Some(n("9"))),
            (Aggregation::Last, Some(n("1"))),
            (Aggregation::Max, Some(n("5"))),
            (Aggregation::Average, Some(n("3"))),
            (Aggregation::YearEnd, Some(n("1"))),
        ];
        for (a, want) in cases {
            assert_eq!(
                aggregate(&sem(a, Polarity::HigherIsBetter, false), &tw),
                want,
                "{a:?}"
            );
        }
        let s = sem(Aggregation::YearEnd, Polarity::HigherIsBetter, false);
        assert_eq!(aggregate(&s, &tw[..2]), None);
        let s = sem(Aggregation::Sum, Polarity::HigherIsBetter, false);
        assert_eq!(aggregate(&s, &[None, None]), None);
        let s = sem(Aggregation::Max, Polarity::HigherIsBetter, false);
        assert_eq!(
            aggregate(
                &s,
                &[Some(g(Grade::BB)), Some(g(Grade::A)), Some(g(Grade::B))]
            ),
            Some(g(Grade::A))
        );
    }

    #[test]
    fn positions_over_years_follow_the_aggregation() {
        let years = [Some(n("5")), None, Some(n("3"))];
        let hi = Polarity::HigherIsBetter;
        let cases = [
            (Aggregation::Sum, Some(n("8"))),
            (Aggregation::Last, Some(n("3"))),
            (Aggregation::YearEnd, Some(n("3"))),
            (Aggregation::Max, Some(n("5"))),
            (Aggregation::Average, Some(n("4"))),
        ];
        for (a, want) in cases {
            assert_eq!(sd_periode(&sem(a, hi, false), &years), want, "{a:?}");
        }
        // A level whose last year is blank keeps the year before.
        let s = sem(Aggregation::YearEnd, hi, false);
        assert_eq!(
            sd_periode(&s, &[Some(n("70")), Some(n("72")), None]),
            Some(n("72"))
        );
        assert_eq!(sd_periode(&s, &[None, None, None]), None);
        let s = sem(Aggregation::Last, hi, false);
        assert_eq!(
            sd_periode(&s, &[Some(g(Grade::BB)), Some(g(Grade::A)), None]),
            Some(g(Grade::A))
        );
    }

    #[test]
    fn capaian_rules() {
        let hi = sem(Aggregation::Sum, Polarity::HigherIsBetter, false);
        let capped = sem(Aggregation::Sum, Polarity::HigherIsBetter, true);
        let ratio = sem(Aggregation::Sum, Polarity::LowerIsBetterRatio, false);
        let mirror = sem(Aggregation::Sum, Polarity::LowerIsBetterMirror, false);
        let cases: Vec<(&IndicatorSemantics, KValue, KValue, Option<Decimal>)> = vec![
            (&hi, n("7"), n("9"), Some(d("128.57"))),
            (&capped, n("7"), n("9"), Some(d("100"))),
            (&hi, n("14"), n("8"), Some(d("57.14"))),
            (&hi, n("0"), n("8"), None),
            (&ratio, n("5"), n("4"), Some(d("125"))),
            (&ratio, n("5"), n("0"), None),
            (&mirror, n("5"), n("4"), Some(d("120"))),
            (&mirror, n("5"), n("6"), Some(d("80"))),
            (&hi, g(Grade::A), g(Grade::AA), Some(d("100"))),
            (&hi, g(Grade::A), g(Grade::A), Some(d("100"))),
            (&hi, g(Grade::A), g(Grade::BB), Some(d("83.33"))),
            (&hi, n("5"), g(Grade::BB), None),
            (&hi, KValue::Text("x".into()), n("1"), None),
        ];
        for (s, t, r, want) in cases {
            let (got, _) = capaian(s, &t, &r);
            assert_eq!(
                got.map(|v| crate::num::round_half_up(v, 2)),
                want,
                "{t:?} {r:?} {s:?}"
            );
        }
        assert_eq!(
            capaian(&hi, &n("5"), &g(Grade::B)).1[0].code,
            "jenis_nilai_berbeda"
        );
    }
}
