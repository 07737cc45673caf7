//! Rating scales: tables of non-overlapping bands over a capaian percentage.
//!
//! Built in: [`Scale::permendagri_86`] (≥ 91 Sangat Tinggi, ≥ 76 Tinggi, ≥ 66 Sedang, ≥ 51 Rendah,
//! else Sangat Rendah; the printed bands have gaps, these edges close them) and [`Scale::sakip`]
//! (AA > 90; A > 80–90; BB > 70–80; B > 60–70; CC > 50–60; C > 30–50; D 0–30; lower bound exclusive,
//! upper inclusive; the label is the first phrase of the interpretation, the code the letter).
//! Custom scales go through [`Scale::new`], which refuses gaps, overlaps and empty bands.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::model::{Location, Problem, Severity};

/// One band: `lower (<|≤) x (<|≤) upper`; a missing bound is unbounded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Band {
    pub lower: Option<Decimal>,
    pub lower_inclusive: bool,
    pub upper: Option<Decimal>,
    pub upper_inclusive: bool,
    /// What a rating shows: `Sangat Tinggi`, `Baik`, …
    pub label: String,
    /// Short code when the scale has one (`AA`, `B`).
    pub code: Option<String>,
}

impl Band {
    pub fn contains(&self, x: Decimal) -> bool {
        let above = match self.lower {
            None => true,
            Some(l) if self.lower_inclusive => x >= l,
            Some(l) => x > l,
        };
        let below = match self.upper {
            None => true,
            Some(u) if self.upper_inclusive => x <= u,
            Some(u) => x < u,
        };
        above && below
    }
}

/// A validated scale, bands sorted from low to high.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "ScaleData", into = "ScaleData")]
pub struct Scale {
    name: String,
    bands: Vec<Band>,
}

/// The serialised form of a [`Scale`]; deserialising validates it.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ScaleData {
    pub name: String,
    pub bands: Vec<Band>,
}

impl TryFrom<ScaleData> for Scale {
    type Error = String;
    fn try_from(d: ScaleData) -> Result<Self, String> {
        Scale::new(&d.name, d.bands).map_err(|ps| {
            ps.into_iter()
                .map(|p| p.message)
                .collect::<Vec<_>>()
                .join("; ")
        })
    }
}

impl From<Scale> for ScaleData {
    fn from(s: Scale) -> Self {
        ScaleData {
            name: s.name,
            bands: s.bands,
        }
    }
}

fn band(
    lower: Option<i64>,
    lower_inclusive: bool,
    upper: Option<i64>,
    upper_inclusive: bool,
    label: &str,
    code: Option<&str>,
) -> Band {
    Band {
        lower: lower.map(Decimal::from),
        lower_inclusive,
        upper: upper.map(Decimal::from),
        upper_inclusive,
        label: label.into(),
        code: code.map(Into::into),
    }
}

/// An error of a scale's definition (not located: a scale is not a sheet).
pub(crate) fn err(code: &str, message: String) -> Problem {
    Problem {
        severity: Severity::Error,
        code: code.into(),
        message,
        at: Location::default(),
    }
}

fn show(x: Option<Decimal>) -> String {
    x.map(|v| v.normalize().to_string())
        .unwrap_or_else(|| "∞".into())
}

impl Scale {
    /// Validate and build a scale. Bands may come in any order.
    pub fn new(name: &str, mut bands: Vec<Band>) -> Result<Scale, Vec<Problem>> {
        let mut problems = Vec::new();
        if bands.is_empty() {
            problems.push(err("skala_kosong", "Skala tidak memiliki rentang".into()));
        }
        for b in &bands {
            if b.label.trim().is_empty() {
                problems.push(err("skala_label_kosong", "Rentang tanpa nama".into()));
            }
            if let (Some(l), Some(u)) = (b.lower, b.upper) {
                if l > u || (l == u && !(b.lower_inclusive && b.upper_inclusive)) {
                    problems.push(err(
                        "skala_rentang_kosong",
                        format!(
                            "Rentang '{}' kosong ({} s.d. {})",
                            b.label,
                            show(b.lower),
                            show(b.upper)
                        ),
                    ));
                }
            }
        }
        bands.sort_by(|a, b| match (a.lower, b.lower) {
            (None, None) => std::cmp::Ordering::Equal,
            (None, _) => std::cmp::Ordering::Less,
            (_, None) => std::cmp::Ordering::Greater,
            (Some(x), Some(y)) => x.cmp(&y).then(b.lower_inclusive.cmp(&a.lower_inclusive)),
        });
        for w in bands.windows(2) {
            let (a, b) = (&w[0], &w[1]);
            let ordering = match (a.upper, b.lower) {
                (None, _) | (_, None) => std::cmp::Ordering::Greater,
                (Some(u), Some(l)) => u.cmp(&l),
            };
            let both = a.upper_inclusive && b.lower_inclusive;
            let neither = !a.upper_inclusive && !b.lower_inclusive;
            match ordering {
                std::cmp::Ordering::Greater => problems.push(err(
                    "skala_tumpang_tindih",
                    format!("Rentang '{}' dan '{}' tumpang tindih", a.label, b.label),
                )),
                std::cmp::Ordering::Equal if both => problems.push(err(
                    "skala_tumpang_tindih",
                    format!(
                        "Rentang '{}' dan '{}' sama-sama memuat {}",
                        a.label,
                        b.label,
                        show(a.upper)
                    ),
                )),
                std::cmp::Ordering::Less => problems.push(err(
                    "skala_celah",
                    format!(
                        "Ada celah antara '{}' ({}) dan '{}' ({})",
                        a.label,
                        show(a.upper),
                        b.label,
                        show(b.lower)
                    ),
                )),
                std::cmp::Ordering::Equal if neither => problems.push(err(
                    "skala_celah",
                    format!("Nilai {} tidak masuk rentang mana pun", show(a.upper)),
                )),
                std::cmp::Ordering::Equal => {}
            }
        }
        if problems.is_empty() {
            Ok(Scale {
                name: name.trim().to_string(),
                bands,
            })
        } else {
            Err(problems)
        }
    }

    /// Permendagri 86/2017 capaian categories.
    pub fn permendagri_86() -> Scale {
        Scale {
            name: "Permendagri 86/2017".into(),
            bands: vec![
                band(None, false, Some(51), false, "Sangat Rendah", None),
                band(Some(51), true, Some(66), false, "Rendah", None),
                band(Some(66), true, Some(76), false, "Sedang", None),
                band(Some(76), true, Some(91), false, "Tinggi", None),
                band(Some(91), true, None, false, "Sangat Tinggi", None),
            ],
        }
    }

    /// SAKIP (PermenPAN-RB 12/2015) Tingkat Akuntabilitas Kinerja, AA–D.
    pub fn sakip() -> Scale {
        Scale {
            name: "SAKIP".into(),
            bands: vec![
                band(Some(0), true, Some(30), true, "Sangat Kurang", Some("D")),
                band(Some(30), false, Some(50), true, "Kurang", Some("C")),
                band(Some(50), false, Some(60), true, "Cukup", Some("CC")),
                band(Some(60), false, Some(70), true, "Baik", Some("B")),
                band(Some(70), false, Some(80), true, "Sangat Baik", Some("BB")),
                band(Some(80), false, Some(90), true, "Memuaskan", Some("A")),
                band(Some(90), false, None, false, "Sangat Memuaskan", Some("AA")),
            ],
        }
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn bands(&self) -> &[Band] {
        &self.bands
    }

    /// The band a value falls in (None outside every band, e.g. a negative on the SAKIP scale).
    pub fn rate_band(&self, pct: Decimal) -> Option<&Band> {
        self.bands.iter().find(|b| b.contains(pct))
    }

    /// The label for a value.
    pub fn rate(&self, pct: Decimal) -> Option<&str> {
        self.rate_band(pct).map(|b| b.label.as_str())
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
    fn permendagri_edges() {
        let s = Scale::permendagri_86();
        for (x, want) in [
            ("91", "Sangat Tinggi"),
            ("128.57", "Sangat Tinggi"),
            ("90.99", "Tinggi"),
            ("76", "Tinggi"),
            ("75.99", "Sedang"),
            ("66", "Sedang"),
            ("65.5", "Rendah"),
            ("51", "Rendah"),
            ("50.5", "Sangat Rendah"),
            ("0", "Sangat Rendah"),
        ] {
            assert_eq!(s.rate(d(x)), Some(want), "{x}");
        }
        assert!(Scale::new("p86", s.bands().to_vec()).is_ok());
    }

    #[test]
    fn sakip_edges() {
        let s = Scale::sakip();
        for (x, code, label) in [
            ("96.12", "AA", "Sangat Memuaskan"),
            ("133.07", "AA", "Sangat Memuaskan"),
            ("90", "A", "Memuaskan"),
            ("80.01", "A", "Memuaskan"),
            ("80", "BB", "Sangat Baik"),
            ("63.44", "B", "Baik"),
            ("54.53", "CC", "Cukup"),
            ("50", "C", "Kurang"),
            ("30", "D", "Sangat Kurang"),
            ("0", "D", "Sangat Kurang"),
        ] {
            let b = s.rate_band(d(x)).unwrap();
            assert_eq!(
                (b.code.as_deref(), b.label.as_str()),
                (Some(code), label),
                "{x}"
            );
        }
        assert_eq!(s.rate(d("-1")), None);
        assert!(Scale::new("sakip", s.bands().to_vec()).is_ok());
    }

    #[test]
    fn custom_scales_validated() {
        let gap = vec![
            band(None, false, Some(50), false, "Kurang", None),
            band(Some(51), true, None, false, "Baik", None),
        ];
        let e = Scale::new("x", gap).unwrap_err();
        assert_eq!(e[0].code, "skala_celah");
        let edge_gap = vec![
            band(None, false, Some(50), false, "Kurang", None),
            band(Some(50), false, None, false, "Baik", None),
        ];
        assert_eq!(
            Scale::new("x", edge_gap).unwrap_err()[0].code,
            "skala_celah"
        );
        let overlap = vec![
            band(Some(60), true, None, false, "Baik", None),
            band(None, false, Some(70), false, "Kurang", None),
        ];
        assert_eq!(
            Scale::new("x", overlap).unwrap_err()[0].code,
            "skala_tumpang_tindih"
        );
        let shared = vec![
            band(None, false, Some(50), true, "Kurang", None),
            band(Some(50), true, None, false, "Baik", None),
        ];
        assert_eq!(
            Scale::new("x", shared).unwrap_err()[0].code,
            "skala_tumpang_tindih"
        );
        let merit = vec![
            band(Some(300), false, Some(400), true, "Sangat Baik", None),
            band(Some(100), true, Some(175), true, "Buruk", None),
            band(Some(250), false, Some(300), true, "Baik", None),
            band(Some(175), false, Some(250), true, "Kurang", None),
        ];
        let s = Scale::new("Sistem Merit", merit).unwrap();
        assert_eq!(s.rate(d("265")), Some("Baik"));
        assert_eq!(s.rate(d("99")), None);
        assert_eq!(s.bands()[0].label, "Buruk");
        assert!(Scale::new("x", vec![]).is_err());
        let json = serde_json::to_string(&Scale::sakip()).unwrap();
        let back: Scale = serde_json::from_str(&json).unwrap();
        assert_eq!(back, Scale::sakip());
    }
}
