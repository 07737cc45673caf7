//! Turning one sheet cell into a value of the document model.
//!
//! **The one place `f64` appears.** calamine hands numeric cells over as `f64` (that is how
//! xlsx stores them: `<v>721957596.6</v>`). We convert through Rust's shortest round-trip
//! decimal representation (`format!("{f}")` prints the shortest digit string that parses
//! back to the same `f64`, never in exponent form), then parse that string as a `Decimal`:
//! `721957596.6` stays `721957596.6` and never becomes `721957596.60000002384…`. No
//! arithmetic is done on the `f64`.
//!
//! **Percent-formatted numbers.** A numeric cell whose number format contains `%`
//! (`0.00%`) stores a fraction: `0.4693` displays as `46,93%`. We multiply it by 100
//! (exactly, in `Decimal`) and mark it as a percentage, so every percentage in a document
//! is in percent units (`46.93`), the same as a text cell `46,93%` read by
//! `num::parse_cell`. A numeric cell without a `%` format is taken as written (`46.93` in
//! a "%"-unit row is 46.93 %).
//!
//! Text cells go through the domain parser [`capaian_domain::num::parse_cell`].

use std::str::FromStr;

use calamine::DataRef;
use capaian_domain::model::{Problem, Severity};
use capaian_domain::num::{parse_cell, CellValue};
use rust_decimal::Decimal;

/// What the reader needs to know of a cell's style.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct StyleInfo {
    pub bold: bool,
    pub percent: bool,
    pub indent: u8,
}

pub(crate) fn style_table(styles: &[calamine::Style]) -> Vec<StyleInfo> {
    styles
        .iter()
        .map(|s| StyleInfo {
            bold: s.font.as_ref().is_some_and(|f| f.is_bold()),
            percent: s
                .number_format
                .as_ref()
                .is_some_and(|n| format_is_percent(&n.format_code)),
            indent: s.alignment.as_ref().and_then(|a| a.indent).unwrap_or(0),
        })
        .collect()
}

/// Does an Excel number format code display a percentage? (`%` outside quotes/escapes.)
fn format_is_percent(code: &str) -> bool {
    let mut quoted = false;
    let mut escaped = false;
    for ch in code.chars() {
        if escaped {
            escaped = false;
            continue;
        }
        match ch {
            '\\' => escaped = true,
            '"' => quoted = !quoted,
            '%' if !quoted => return true,
            _ => {}
        }
    }
    false
}

/// Exact `Decimal` from a cached `f64` via its shortest round-trip string. None when the
/// value is not finite or out of `Decimal`'s range.
pub(crate) fn decimal_from_f64(f: f64) -> Option<Decimal> {
    if !f.is_finite() {
        return None;
    }
    // Fast path, same result: an integral value below 2^53 is exactly its integer digits,
    // which is also its shortest round-trip representation.
    if f.fract() == 0.0 && f.abs() < 9_007_199_254_740_992.0 {
        return Some(Decimal::from(f as i64));
    }
    // The same digits, written to the stack (no allocation per cell); numbers too long
    // for the buffer are far outside `Decimal`'s range or precision anyway.
    let mut buf = StackStr::default();
    if std::fmt::Write::write_fmt(&mut buf, format_args!("{f}")).is_ok() {
        return Decimal::from_str(buf.as_str()).ok();
    }
    Decimal::from_str(&format!("{f}")).ok()
}

/// Binary float noise left by formulas (`0.7999999999999998` for `0.8`): Excel shows at most
/// 15 significant digits, so a fraction written with more is rounded to 15 significant digits
/// (trailing zeros dropped). Numbers of 15 digits or fewer are returned unchanged.
pub(crate) fn denoise(d: Decimal) -> Decimal {
    const LIMIT: i128 = 1_000_000_000_000_000; // 10^15
    if d.scale() == 0 || d.mantissa().abs() < LIMIT {
        return d;
    }
    d.round_sf(15).map_or(d, |r| r.normalize())
}

/// A small fixed buffer for formatting a number without a heap allocation.
struct StackStr {
    buf: [u8; 48],
    len: usize,
}

impl Default for StackStr {
    fn default() -> Self {
        StackStr {
            buf: [0; 48],
            len: 0,
        }
    }
}

impl StackStr {
    fn as_str(&self) -> &str {
        std::str::from_utf8(&self.buf[..self.len]).unwrap_or_default()
    }
}

impl std::fmt::Write for StackStr {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        let end = self.len + s.len();
        let dst = self.buf.get_mut(self.len..end).ok_or(std::fmt::Error)?;
        dst.copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

/// A cell's text as displayed (numbers in their round-trip form), for names, codes, labels.
pub(crate) fn cell_text(v: &DataRef<'_>) -> Option<String> {
    let s = match v {
        DataRef::Empty => return None,
        DataRef::String(s) => s.clone(),
        DataRef::SharedString(s) => (*s).to_string(),
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) => format!("{f}"),
        DataRef::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        DataRef::DateTime(d) => format!("{}", d.as_f64()),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
        DataRef::Error(e) => format!("{e}"),
    };
    let t = s.trim();
    if t.is_empty() {
        None
    } else {
        Some(t.to_string())
    }
}

/// Collapse runs of whitespace (line breaks inside cells) to single spaces.
pub(crate) fn clean_text(s: &str) -> String {
    let t = s.trim();
    let tidy = !t
        .as_bytes()
        .windows(2)
        .any(|w| w[0].is_ascii_whitespace() && w[1].is_ascii_whitespace())
        && !t.contains(['\n', '\r', '\t', '\u{a0}']);
    if tidy {
        t.to_string()
    } else {
        t.split_whitespace().collect::<Vec<_>>().join(" ")
    }
}

/// A cell's text, borrowed when it is a string cell (no allocation on the hot path).
pub(crate) fn cell_str<'c>(v: &'c DataRef<'_>) -> Option<std::borrow::Cow<'c, str>> {
    use std::borrow::Cow;
    let s: Cow<'c, str> = match v {
        DataRef::String(s) => Cow::Borrowed(s.as_str()),
        DataRef::SharedString(s) => Cow::Borrowed(*s),
        other => Cow::Owned(cell_text(other)?),
    };
    if s.trim().is_empty() {
        None
    } else {
        Some(s)
    }
}

/// A cell read as a value: its parsed form, the raw text, and unlocated problems
/// (the caller adds sheet/cell/row/field).
pub(crate) struct CellRead {
    pub value: CellValue,
    /// The cell's text, for messages about values that are not numbers; empty for cells
    /// read as numbers (nothing quotes them).
    pub raw: String,
    pub problems: Vec<Problem>,
}

fn problem(severity: Severity, code: &str, message: String) -> Problem {
    Problem {
        severity,
        code: code.to_string(),
        message,
        at: Default::default(),
    }
}

pub(crate) fn read_cell(v: &DataRef<'_>, style: StyleInfo) -> CellRead {
    // A numeric cell's exact value; a `%`-formatted one is stored as a fraction (0.4693).
    let decimal = |mut d: Decimal| -> CellRead {
        d = denoise(d);
        if style.percent {
            d *= Decimal::ONE_HUNDRED;
        }
        CellRead {
            value: CellValue::Number {
                value: d,
                percent: style.percent,
                unit: None,
            },
            raw: String::new(),
            problems: vec![],
        }
    };
    let number = |f: f64| -> CellRead {
        match decimal_from_f64(f) {
            Some(d) => decimal(d),
            None => {
                let raw = format!("{f}");
                CellRead {
                    value: CellValue::Blank,
                    problems: vec![problem(
                        Severity::Error,
                        "bukan_angka",
                        format!("'{raw}' di luar jangkauan angka desimal"),
                    )],
                    raw,
                }
            }
        }
    };
    match v {
        DataRef::Empty => CellRead {
            value: CellValue::Blank,
            raw: String::new(),
            problems: vec![],
        },
        DataRef::Int(i) => decimal(Decimal::from(*i)),
        DataRef::Float(f) => number(*f),
        DataRef::DateTime(d) => {
            let mut r = number(d.as_f64());
            r.problems.push(problem(
                Severity::Warning,
                "format_tanggal",
                "sel angka berformat tanggal; dibaca sebagai angka".to_string(),
            ));
            r
        }
        DataRef::Error(e) => CellRead {
            value: CellValue::Blank,
            raw: format!("{e}"),
            problems: vec![problem(
                Severity::Error,
                "galat_excel",
                format!("sel berisi galat Excel {e}"),
            )],
        },
        DataRef::Bool(b) => {
            let raw = if *b { "TRUE" } else { "FALSE" }.to_string();
            CellRead {
                value: CellValue::Text(raw.clone()),
                problems: vec![problem(
                    Severity::Error,
                    "bukan_angka",
                    format!("'{raw}' bukan angka"),
                )],
                raw,
            }
        }
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => text(s),
        DataRef::SharedString(s) => text(s),
    }
}

fn text(s: &str) -> CellRead {
    let (parsed, problems) = parse_cell(s);
    CellRead {
        value: parsed.value,
        raw: parsed.raw,
        problems,
    }
}

/// A parsed cell as Rupiah. A non-number is a problem (returned as its message).
pub(crate) fn as_rp(v: CellValue, raw: &str) -> Result<Option<Decimal>, String> {
    match v {
        CellValue::Blank | CellValue::Dash => Ok(None),
        CellValue::Number { value, .. } => Ok(Some(value)),
        CellValue::Grade { .. } | CellValue::Text(_) => Err(format!("'{raw}' bukan angka")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn f64_to_decimal_is_exact_on_written_digits() {
        assert_eq!(
            decimal_from_f64(721957596.6).map(|d| d.to_string()),
            Some("721957596.6".into())
        );
        assert_eq!(
            decimal_from_f64(0.1 + 0.2).map(|d| d.to_string()),
            Some("0.30000000000000004".into())
        );
        assert_eq!(
            decimal_from_f64(1e15).map(|d| d.to_string()),
            Some("1000000000000000".into())
        );
        assert_eq!(
            decimal_from_f64(0.4693).map(|d| d.to_string()),
            Some("0.4693".into())
        );
        assert_eq!(decimal_from_f64(f64::NAN), None);
        assert_eq!(decimal_from_f64(1e300), None);
    }

    #[test]
    fn float_noise_is_removed() {
        let d = |f: f64| decimal_from_f64(f).map(denoise).map(|d| d.to_string());
        assert_eq!(d(0.7999999999999998), Some("0.8".into()));
        assert_eq!(d(0.1 + 0.2), Some("0.3".into()));
        assert_eq!(d(721957596.6), Some("721957596.6".into()));
        assert_eq!(d(467998630663.83), Some("467998630663.83".into()));
        assert_eq!(d(12.5), Some("12.5".into()));
        assert_eq!(d(33.333333333333336), Some("33.3333333333333".into()));
    }

    #[test]
    fn percent_formats() {
        assert!(format_is_percent("0.00%"));
        assert!(format_is_percent("0%"));
        assert!(!format_is_percent("#,##0.00"));
        assert!(!format_is_percent("0\\%"));
        assert!(!format_is_percent("\"%\"0"));
    }
}
