//! A workspace's computation settings (*pengaturan*): the rating scale, the capaian cap and
//! the threshold below which a low capaian needs a faktor penghambat. Chosen once on the
//! workspace page and stored with the workspace; the server, the browser and every exported
//! or filled workbook compute with [`Pengaturan::e81`] of the document's workspace, so no
//! layer falls back to a default of its own.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::e81::E81Settings;
use crate::model::Problem;
use crate::scale::{self, Band, Scale};

/// The rating scale a workspace rates capaian on. In JSON `{"jenis": "sakip"}`, or
/// `{"jenis": "kustom", "skala": {…}}` (a plain struct on the wire: small in the wasm bundle).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(try_from = "SkalaData", into = "SkalaData")]
pub enum PilihanSkala {
    /// Permendagri 86/2017 (Sangat Tinggi … Sangat Rendah).
    #[default]
    Permendagri86,
    /// SAKIP (PermenPAN-RB 12/2015): AA … D.
    Sakip,
    /// The workspace's own table of bands, validated (no gaps, no overlaps).
    Kustom { skala: Scale },
}

impl PilihanSkala {
    /// The form value of each built-in choice and of the custom one.
    pub const KEYS: [&'static str; 3] = ["permendagri86", "sakip", "kustom"];

    pub fn key(&self) -> &'static str {
        match self {
            PilihanSkala::Permendagri86 => "permendagri86",
            PilihanSkala::Sakip => "sakip",
            PilihanSkala::Kustom { .. } => "kustom",
        }
    }

    /// What the choice is called on the page.
    pub fn label_of(key: &str) -> &'static str {
        match key {
            "sakip" => "SAKIP (PermenPAN-RB 12/2015): AA, A, BB, B, CC, C, D",
            "kustom" => "Skala sendiri",
            _ => "Permendagri 86/2017: Sangat Tinggi … Sangat Rendah",
        }
    }

    /// The built-in choice a key names (`permendagri86`, `sakip`); None for `kustom` (which
    /// needs its bands) and for anything else.
    pub fn built_in(key: &str) -> Option<PilihanSkala> {
        match key {
            "permendagri86" => Some(PilihanSkala::Permendagri86),
            "sakip" => Some(PilihanSkala::Sakip),
            _ => None,
        }
    }

    pub fn scale(&self) -> Scale {
        match self {
            PilihanSkala::Permendagri86 => Scale::permendagri_86(),
            PilihanSkala::Sakip => Scale::sakip(),
            PilihanSkala::Kustom { skala } => skala.clone(),
        }
    }
}

/// The wire form of a [`PilihanSkala`].
#[derive(Serialize, Deserialize)]
struct SkalaData {
    jenis: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    skala: Option<Scale>,
}

impl TryFrom<SkalaData> for PilihanSkala {
    type Error = String;
    fn try_from(d: SkalaData) -> Result<Self, String> {
        if let Some(built_in) = PilihanSkala::built_in(&d.jenis) {
            return Ok(built_in);
        }
        match (d.jenis.as_str(), d.skala) {
            ("kustom", Some(skala)) => Ok(PilihanSkala::Kustom { skala }),
            ("kustom", None) => Err("skala sendiri tanpa rentang".into()),
            (other, _) => Err(format!(
                "skala '{other}' tidak dikenal: permendagri86, sakip atau kustom"
            )),
        }
    }
}

impl From<PilihanSkala> for SkalaData {
    fn from(p: PilihanSkala) -> Self {
        SkalaData {
            jenis: p.key().to_string(),
            skala: match p {
                PilihanSkala::Kustom { skala } => Some(skala),
                _ => None,
            },
        }
    }
}

/// The default threshold of a low capaian (percent), used when the scale has no *Sedang* band.
pub fn ambang_bawaan() -> Decimal {
    Decimal::from(50)
}

/// A workspace's settings. Every field has a default, so a workspace stored before settings
/// existed reads as the defaults (which are [`E81Settings::default`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pengaturan {
    #[serde(default)]
    pub skala: PilihanSkala,
    /// Cap every capaian kinerja at 100 %.
    #[serde(default)]
    pub batas_100: bool,
    /// Capaian (percent) below which a row needs a faktor penghambat, when the scale has no
    /// band named *Sedang* (otherwise that band's lower edge is the bound).
    #[serde(default = "ambang_bawaan")]
    pub ambang_rendah: Decimal,
}

impl Default for Pengaturan {
    fn default() -> Self {
        Pengaturan {
            skala: PilihanSkala::default(),
            batas_100: false,
            ambang_rendah: ambang_bawaan(),
        }
    }
}

impl Pengaturan {
    /// The E.81 computation settings these stand for.
    pub fn e81(&self) -> E81Settings {
        E81Settings {
            scale: self.skala.scale(),
            cap_100: self.batas_100,
            low_threshold: self.ambang_rendah,
            ..E81Settings::default()
        }
    }

    /// One line for the pages: the scale's name and the options that differ from the default.
    pub fn ringkasan(&self) -> String {
        let mut s = format!("Skala predikat: {}", self.skala.scale().name());
        if self.batas_100 {
            s.push_str("; capaian dibatasi 100%");
        }
        if self.ambang_rendah != ambang_bawaan() {
            s.push_str(&format!(
                "; ambang capaian rendah {}%",
                self.ambang_rendah.normalize()
            ));
        }
        s
    }
}

/// One row of a custom scale as the settings form has it: the lower bound (inclusive), the
/// upper bound (exclusive; the top band may leave it empty), the predikat and its code.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BarisSkala {
    pub dari: String,
    pub sampai: String,
    pub predikat: String,
    pub kode: String,
}

impl BarisSkala {
    fn is_empty(&self) -> bool {
        [&self.dari, &self.sampai, &self.predikat, &self.kode]
            .iter()
            .all(|s| s.trim().is_empty())
    }

    /// The rows of a scale, for the form (bounds as the person would type them).
    pub fn of(scale: &Scale) -> Vec<BarisSkala> {
        let text = |d: Option<Decimal>| {
            d.map(|v| crate::num::format_id(v.normalize(), v.normalize().scale()))
                .unwrap_or_default()
        };
        scale
            .bands()
            .iter()
            .map(|b| BarisSkala {
                dari: text(b.lower),
                sampai: text(b.upper),
                predikat: b.label.clone(),
                kode: b.code.clone().unwrap_or_default(),
            })
            .collect()
    }
}

/// A bound as typed (`90`, `90,5`, `90.5`); empty is unbounded.
fn bound(text: &str, row: usize, what: &str) -> Result<Option<Decimal>, String> {
    let t = text.trim().trim_end_matches('%').trim();
    if t.is_empty() {
        return Ok(None);
    }
    crate::num::parse_number_input(t)
        .map(Some)
        .map_err(|_| format!("Baris {row} skala: {what} '{text}' bukan angka."))
}

/// Builds a custom scale from the form's rows: each band holds `dari ≤ capaian < sampai`;
/// empty rows are skipped. Gaps, overlaps, empty bands and unnamed bands are refused with
/// one problem each, in Indonesian.
pub fn skala_kustom(nama: &str, rows: &[BarisSkala]) -> Result<Scale, Vec<Problem>> {
    let mut bands = Vec::new();
    let mut problems = Vec::new();
    for (i, r) in rows.iter().enumerate().filter(|(_, r)| !r.is_empty()) {
        let n = i + 1;
        let (dari, sampai) = match (
            bound(&r.dari, n, "batas bawah"),
            bound(&r.sampai, n, "batas atas"),
        ) {
            (Ok(d), Ok(s)) => (d, s),
            (d, s) => {
                for message in [d.err(), s.err()].into_iter().flatten() {
                    problems.push(scale::err("skala_batas_bukan_angka", message));
                }
                continue;
            }
        };
        let kode = r.kode.trim();
        bands.push(Band {
            lower: dari,
            lower_inclusive: true,
            upper: sampai,
            upper_inclusive: false,
            label: r.predikat.trim().to_string(),
            code: (!kode.is_empty()).then(|| kode.to_string()),
        });
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let name = if nama.trim().is_empty() {
        "Skala sendiri"
    } else {
        nama
    };
    Scale::new(name, bands)
}

/// Parses the threshold as typed; refuses (with the reason) what is not a percentage between
/// 0 and 100.
pub fn ambang(text: &str) -> Result<Decimal, String> {
    let t = text.trim().trim_end_matches('%').trim();
    if t.is_empty() {
        return Ok(ambang_bawaan());
    }
    match crate::num::parse_number_input(t) {
        Ok(v) if v >= Decimal::ZERO && v <= Decimal::from(100) => Ok(v),
        _ => Err(format!(
            "Ambang capaian rendah '{text}' harus angka 0 sampai 100."
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn row(dari: &str, sampai: &str, predikat: &str, kode: &str) -> BarisSkala {
        BarisSkala {
            dari: dari.into(),
            sampai: sampai.into(),
            predikat: predikat.into(),
            kode: kode.into(),
        }
    }

    #[test]
    fn defaults_are_the_e81_defaults() {
        assert_eq!(Pengaturan::default().e81(), E81Settings::default());
        // A workspace stored before settings existed: `{}` reads as the defaults.
        let p: Pengaturan = serde_json::from_str("{}").unwrap();
        assert_eq!(p, Pengaturan::default());
    }

    #[test]
    fn round_trips_every_choice() {
        let custom = skala_kustom(
            "Skala Bappeda",
            &[
                row("", "60", "Kurang", "K"),
                row("60", "80", "Cukup", "C"),
                row("80", "", "Baik", "B"),
            ],
        )
        .unwrap();
        for skala in [
            PilihanSkala::Permendagri86,
            PilihanSkala::Sakip,
            PilihanSkala::Kustom { skala: custom },
        ] {
            let p = Pengaturan {
                skala,
                batas_100: true,
                ambang_rendah: d("55.5"),
            };
            let json = serde_json::to_string(&p).unwrap();
            assert_eq!(
                serde_json::from_str::<Pengaturan>(&json).unwrap(),
                p,
                "{json}"
            );
        }
    }

    #[test]
    fn the_chosen_scale_rates() {
        let p = Pengaturan {
            skala: PilihanSkala::Sakip,
            ..Pengaturan::default()
        };
        let s = p.e81().scale;
        assert_eq!(s.rate(d("95")), Some("Sangat Memuaskan"));
        assert_eq!(s.rate(d("65")), Some("Baik"));
        assert_eq!(
            Pengaturan::default().e81().scale.rate(d("95")),
            Some("Sangat Tinggi")
        );
    }

    /// Each table row: the form's rows → the problem codes (empty: accepted).
    #[test]
    fn custom_scales_are_validated() {
        let cases: Vec<(Vec<BarisSkala>, Vec<&str>)> = vec![
            (
                vec![row("", "50", "Rendah", ""), row("50", "", "Tinggi", "")],
                vec![],
            ),
            (
                vec![row("", "50", "Rendah", ""), row("60", "", "Tinggi", "")],
                vec!["skala_celah"],
            ),
            (
                vec![row("", "60", "Rendah", ""), row("50", "", "Tinggi", "")],
                vec!["skala_tumpang_tindih"],
            ),
            (
                vec![row("70", "70", "Kosong", ""), row("70", "", "Tinggi", "")],
                vec!["skala_rentang_kosong"],
            ),
            (
                vec![row("", "5O", "Rendah", ""), row("50", "", "", "")],
                vec!["skala_batas_bukan_angka"],
            ),
            (
                vec![row("", "50", "Rendah", ""), row("50", "", " ", "")],
                vec!["skala_label_kosong"],
            ),
            (vec![BarisSkala::default()], vec!["skala_kosong"]),
            // Indonesian decimals and an empty row in between.
            (
                vec![
                    row("", "50,5", "Rendah", ""),
                    BarisSkala::default(),
                    row("50.5", "", "Tinggi", ""),
                ],
                vec![],
            ),
        ];
        for (rows, want) in cases {
            let got: Vec<String> = match skala_kustom("Uji", &rows) {
                Ok(_) => vec![],
                Err(ps) => ps.into_iter().map(|p| p.code).collect(),
            };
            assert_eq!(got, want, "{rows:?}");
        }
    }

    #[test]
    fn form_rows_of_a_scale_read_back_as_the_scale() {
        let s = skala_kustom(
            "Uji",
            &[
                row("", "50,5", "Rendah", "R"),
                row("50,5", "", "Tinggi", "T"),
            ],
        )
        .unwrap();
        let rows = BarisSkala::of(&s);
        assert_eq!(rows[0].sampai, "50,5");
        assert_eq!(skala_kustom("Uji", &rows).unwrap(), s);
    }

    #[test]
    fn thresholds() {
        assert_eq!(ambang("").unwrap(), d("50"));
        assert_eq!(ambang("60,5 %").unwrap(), d("60.5"));
        assert!(ambang("101").is_err());
        assert!(ambang("lima").is_err());
    }
}
