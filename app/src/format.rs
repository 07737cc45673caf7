//! Small display helpers for the UI; the rules themselves live in the domain core.

/// Times as the office reads them: `23 November 2026` and `23 November 2026 00.03.27 WIB`, in
/// the workspace's zone (WIB, WITA, WIT); anything unreadable is shown as it is.
pub use capaian_domain::wilayah::{tanggal_jam_lokal as tanggal_jam, tanggal_lokal as tanggal};

use capaian_domain::model::{KValue, Level, Severity};
use capaian_domain::num;
use rust_decimal::Decimal;

/// A number as an Indonesian reader expects it: `1.234.567` or `1.234.567,89` (2 decimals
/// when it has a fraction, rounded half-up).
pub fn angka(value: Decimal) -> String {
    let decimals = if value.fract().is_zero() { 0 } else { 2 };
    num::format_id(value, decimals)
}

/// A document's pagu total as people read it: `Rp 1.234.567`, or that the file states none (a
/// laporan that prints no pagu: unknown, not Rp 0).
pub fn pagu(t: &capaian_domain::e81::Totals) -> String {
    if t.tanpa_pagu {
        "tidak ada di berkas".to_string()
    } else {
        format!("Rp {}", angka(t.target_rp))
    }
}

/// An optional number; blank when absent.
pub fn angka_opsional(value: Option<Decimal>) -> String {
    value.map(angka).unwrap_or_default()
}

/// A percentage in percent units: `46,93%`; `-` when there is none (no target).
pub fn persen(value: Option<Decimal>) -> String {
    value.map_or_else(|| "-".to_string(), num::format_pct)
}

/// A K value: its number, its grade (with score), or its text.
pub fn nilai_k(value: Option<&KValue>) -> String {
    match value {
        None => String::new(),
        Some(KValue::Number(n)) => angka(*n),
        Some(KValue::Grade { grade, score }) => match score {
            Some(s) => format!("{grade:?} ({})", angka(*s)),
            None => format!("{grade:?}"),
        },
        Some(KValue::Text(t)) => t.clone(),
    }
}

/// The Indonesian name of a planning level.
pub fn nama_level(level: Level) -> &'static str {
    match level {
        Level::Program => "Program",
        Level::Kegiatan => "Kegiatan",
        Level::SubKegiatan => "Sub kegiatan",
        Level::Indikator => "Indikator tambahan",
        Level::Tujuan => "Tujuan",
        Level::Sasaran => "Sasaran",
    }
}

/// The CSS class of a row of a level (the grid's and the document table's).
pub fn kelas_level(level: Level) -> &'static str {
    match level {
        Level::Program => "program",
        Level::Kegiatan => "kegiatan",
        Level::SubKegiatan => "sub-kegiatan",
        Level::Indikator => "indikator",
        Level::Tujuan => "tujuan",
        Level::Sasaran => "sasaran",
    }
}

/// The Indonesian name of a problem's severity.
pub fn nama_tingkat(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "Galat",
        Severity::Warning => "Peringatan",
        Severity::Info => "Info",
    }
}

/// Quarter 1..=4 as the forms print it: `I`, `II`, `III`, `IV`.
pub fn romawi(quarter: u8) -> String {
    match quarter {
        1 => "I".into(),
        2 => "II".into(),
        3 => "III".into(),
        4 => "IV".into(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod number_tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).expect("decimal")
    }

    #[test]
    fn shows_numbers_the_indonesian_way() {
        assert_eq!(angka(d("1234567")), "1.234.567");
        assert_eq!(angka(d("721957596.60")), "721.957.596,60");
        assert_eq!(angka(d("11.555")), "11,56");
        assert_eq!(persen(None), "-");
        assert_eq!(nilai_k(Some(&KValue::Number(d("250")))), "250");
        assert_eq!(nilai_k(None), "");
    }
}
