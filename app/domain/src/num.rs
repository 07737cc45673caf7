//! Reading and printing numbers the way Indonesian agencies type them.
//!
//! Reading rules (`parse_cell`, `parse_number_input`):
//! - `.` and `,` together: the last one is the decimal separator, the other one groups thousands
//!   (`1.234.567,89`; `1,234,567.89` is read too). Groups must be three digits.
//! - Only commas: one comma is the decimal comma (`46,93`); several commas must be valid thousands
//!   groups (`1,234,567`, read with a warning), anything else (`12,5,0`) is refused.
//! - Only dots: several dots must be valid thousands groups (`1.234.567`). One dot is a decimal point
//!   (`205.5`, `1234567.89`, `0.125`) unless it is followed by exactly three digits after a 1–3 digit
//!   non-zero integer part (`1.234`): that is read the Indonesian way (1234) with a warning
//!   `angka_ambigu` — except before a count unit (`1.250 Unit`), where only 1250 makes sense. A single comma followed by exactly three digits (`1,234`) is likewise read as a
//!   decimal comma with the same warning.
//! - `(1.234)` and a leading `-` are negative; `Rp`/`Rp.` prefixes and `,-` suffixes are dropped;
//!   `%` (with or without a space) or the word `persen` marks a percentage; a word after the number is
//!   its unit (`6 Dok`); `-` alone is [`CellValue::Dash`], an empty cell [`CellValue::Blank`].
//! - Numeric-looking text that fits none of this is [`CellValue::Text`] plus an Error `bukan_angka`.
//!
//! Printing: [`format_id`] gives `1.234.567,89` (half-up); [`format_pct`] gives `46,93%` (glued `%`,
//! as PUEBI writes it and as most seed tables print it).

use std::fmt;
use std::str::FromStr;

use rust_decimal::{Decimal, RoundingStrategy};

use crate::model::{Grade, KValue, Location, Problem, Severity};

/// What a cell holds once read.
#[derive(Clone, Debug, PartialEq)]
pub enum CellValue {
    /// Empty cell: not applicable.
    Blank,
    /// `-`: nothing (realised / targeted).
    Dash,
    /// A number; `percent` when it carried `%`; `unit` as typed after the number (`Dok`).
    Number {
        value: Decimal,
        percent: bool,
        unit: Option<String>,
    },
    /// A SAKIP letter grade, with its score when printed (`BB (71,51)`).
    Grade {
        grade: Grade,
        score: Option<Decimal>,
    },
    /// Anything else, trimmed.
    Text(String),
}

impl CellValue {
    /// The value as a K value plus the unit it names (`%` for percentages): `5 dok` → 5 and
    /// `dok`, `76%` → 76 and `%`, a grade, a text; nothing for an empty cell or `-`.
    pub fn k_dan_satuan(self) -> (Option<KValue>, Option<String>) {
        match self {
            CellValue::Blank | CellValue::Dash => (None, None),
            CellValue::Number {
                value,
                percent,
                unit,
            } => (
                Some(KValue::Number(value)),
                if percent { Some("%".to_string()) } else { unit },
            ),
            CellValue::Grade { grade, score } => (Some(KValue::Grade { grade, score }), None),
            CellValue::Text(t) => (Some(KValue::Text(t)), None),
        }
    }
}

/// A cell's raw text beside its reading.
#[derive(Clone, Debug, PartialEq)]
pub struct ParsedCell {
    pub raw: String,
    pub value: CellValue,
}

/// Why a typed number was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NumberError {
    /// Nothing was typed.
    Kosong,
    /// The text is not a number (or is ambiguous, e.g. `12,5,0`).
    BukanAngka(String),
}

impl fmt::Display for NumberError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NumberError::Kosong => write!(f, "Angka belum diisi"),
            NumberError::BukanAngka(s) => write!(f, "'{s}' bukan angka"),
        }
    }
}

impl std::error::Error for NumberError {}

/// Round half-up (away from zero at the midpoint) to `decimals` places.
pub fn round_half_up(value: Decimal, decimals: u32) -> Decimal {
    value.round_dp_with_strategy(decimals, RoundingStrategy::MidpointAwayFromZero)
}

/// `1234567.891` → `1.234.567,89` (2 decimals); always exactly `decimals` decimals; half-up.
pub fn format_id(value: Decimal, decimals: u32) -> String {
    let rounded = round_half_up(value, decimals);
    let negative = rounded.is_sign_negative() && !rounded.is_zero();
    let mut abs = rounded.abs();
    abs.rescale(decimals);
    let text = abs.to_string();
    let (int_part, frac_part) = match text.split_once('.') {
        Some((i, f)) => (i.to_string(), f.to_string()),
        None => (text.clone(), String::new()),
    };
    let mut out = String::with_capacity(text.len() + text.len() / 3 + 2);
    if negative {
        out.push('-');
    }
    let digits = int_part.as_bytes();
    for (i, d) in digits.iter().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push('.');
        }
        out.push(*d as char);
    }
    if decimals > 0 {
        out.push(',');
        out.push_str(&frac_part);
    }
    out
}

/// A percentage in percent units, 2 decimals, glued sign: `46.934` → `46,93%`.
pub fn format_pct(value: Decimal) -> String {
    format!("{}%", format_id(value, 2))
}

/// How a numeric token was read.
/// The reason given when `1.234` is read the Indonesian way.
const DOT_THOUSANDS: &str = "titik dibaca sebagai pemisah ribuan";

enum Token {
    Ok(Decimal),
    /// Read, but the reading is a choice (`1.234`); carries the reason.
    Ambiguous(Decimal, &'static str),
    Invalid,
}

fn valid_groups(groups: &[&str]) -> bool {
    let Some((first, rest)) = groups.split_first() else {
        return false;
    };
    !first.is_empty()
        && first.len() <= 3
        && first.bytes().all(|b| b.is_ascii_digit())
        && rest
            .iter()
            .all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()))
}

fn digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

fn dec(int_digits: &str, frac_digits: &str) -> Option<Decimal> {
    let s = if frac_digits.is_empty() {
        int_digits.to_string()
    } else {
        format!("{int_digits}.{frac_digits}")
    };
    Decimal::from_str(&s).ok()
}

/// Read an unsigned token made of digits, `.` and `,` only.
fn read_token(tok: &str) -> Token {
    let tok = tok.strip_suffix([',', '.']).unwrap_or(tok);
    if tok.is_empty() || !tok.as_bytes()[0].is_ascii_digit() {
        return Token::Invalid;
    }
    let dots = tok.matches('.').count();
    let commas = tok.matches(',').count();
    let to = |d: Option<Decimal>| d.map(Token::Ok).unwrap_or(Token::Invalid);
    match (dots, commas) {
        (0, 0) => to(dec(tok, "")),
        (_, _) if dots > 0 && commas > 0 => {
            let last_dot = tok.rfind('.').unwrap_or(0);
            let last_comma = tok.rfind(',').unwrap_or(0);
            let (group_sep, dec_pos) = if last_comma > last_dot {
                ('.', last_comma)
            } else {
                (',', last_dot)
            };
            let (int_part, frac) = (&tok[..dec_pos], &tok[dec_pos + 1..]);
            let groups: Vec<&str> = int_part.split(group_sep).collect();
            if !digits(frac) || !valid_groups(&groups) {
                return Token::Invalid;
            }
            to(dec(&groups.concat(), frac))
        }
        (0, 1) => {
            let (i, f) = tok.split_once(',').unwrap_or((tok, ""));
            if !digits(i) || !digits(f) {
                return Token::Invalid;
            }
            match dec(i, f) {
                Some(v) if f.len() == 3 && i != "0" && i.len() <= 3 => {
                    Token::Ambiguous(v, "dibaca dengan koma desimal")
                }
                Some(v) => Token::Ok(v),
                None => Token::Invalid,
            }
        }
        (0, _) => {
            let groups: Vec<&str> = tok.split(',').collect();
            if !valid_groups(&groups) {
                return Token::Invalid;
            }
            match dec(&groups.concat(), "") {
                Some(v) => Token::Ambiguous(v, "koma dibaca sebagai pemisah ribuan"),
                None => Token::Invalid,
            }
        }
        (1, 0) => {
            let (i, f) = tok.split_once('.').unwrap_or((tok, ""));
            if !digits(i) || !digits(f) {
                return Token::Invalid;
            }
            if f.len() == 3 && i != "0" && i.len() <= 3 {
                match dec(&format!("{i}{f}"), "") {
                    Some(v) => Token::Ambiguous(v, DOT_THOUSANDS),
                    None => Token::Invalid,
                }
            } else {
                to(dec(i, f))
            }
        }
        _ => {
            let groups: Vec<&str> = tok.split('.').collect();
            if !valid_groups(&groups) {
                return Token::Invalid;
            }
            to(dec(&groups.concat(), ""))
        }
    }
}

fn strip_ci_prefix<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

/// The pieces of a numeric-looking text, before the number itself is read.
struct Shape<'a> {
    negative: bool,
    token: &'a str,
    /// What follows the number (trimmed): `""`, `%`, a unit, …
    rest: &'a str,
}

/// Split sign, `Rp`, the numeric token and what follows. None when the text does not start
/// like a number at all (it is then plain text).
fn shape(s: &str) -> Option<Shape<'_>> {
    let mut s = s.trim();
    let mut negative = false;
    if let Some(inner) = s.strip_prefix('(').and_then(|x| x.strip_suffix(')')) {
        negative = true;
        s = inner.trim();
    }
    for rp in ["rp.", "rp"] {
        if let Some(r) = strip_ci_prefix(s, rp) {
            s = r.trim_start();
            break;
        }
    }
    if let Some(r) = s.strip_prefix(['-', '\u{2212}']) {
        if negative {
            return None;
        }
        negative = true;
        s = r.trim_start();
    } else if let Some(r) = s.strip_prefix('+') {
        s = r.trim_start();
    }
    if !s.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let end = s
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
        .unwrap_or(s.len());
    let (mut token, mut rest) = (&s[..end], s[end..].trim());
    // `11.964.329.798,-` and `5.000.-`: the separator belongs to the `-` suffix.
    if rest == "-" && (token.ends_with(',') || token.ends_with('.')) {
        token = &token[..token.len() - 1];
        rest = "";
    }
    Some(Shape {
        negative,
        token,
        rest,
    })
}

/// A grade written in any case (`bb` is BB); compared in place, without a copy.
fn grade_of(s: &str) -> Option<Grade> {
    const GRADES: [(&str, Grade); 7] = [
        ("AA", Grade::AA),
        ("A", Grade::A),
        ("BB", Grade::BB),
        ("B", Grade::B),
        ("CC", Grade::CC),
        ("C", Grade::C),
        ("D", Grade::D),
    ];
    GRADES
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(s))
        .map(|&(_, g)| g)
}

/// `AA`, `bb`, `BB (71,51)`, `BB(71.51)`.
fn parse_grade(s: &str) -> Option<(Grade, Option<Decimal>)> {
    let (letters, score) = match s.split_once('(') {
        Some((l, r)) => (l.trim(), Some(r.strip_suffix(')')?.trim())),
        None => (s, None),
    };
    let grade = grade_of(letters)?;
    let score = match score {
        None => None,
        Some(t) => match read_token(t) {
            Token::Ok(v) | Token::Ambiguous(v, _) => Some(v),
            Token::Invalid => return None,
        },
    };
    Some((grade, score))
}

fn is_unit_word(rest: &str) -> bool {
    rest.starts_with(|c: char| c.is_alphabetic())
        && !rest.chars().any(|c| c.is_ascii_digit())
        && rest
            .chars()
            .all(|c| c.is_alphabetic() || c == ' ' || c == '.' || c == '/' || c == '-' || c == '_')
}

fn problem(severity: Severity, code: &str, message: String) -> Problem {
    Problem {
        severity,
        code: code.to_string(),
        message,
        at: Location::default(),
    }
}

/// Read one cell's text. Problems carry no location; the caller adds sheet/cell or row/field.
pub fn parse_cell(raw: &str) -> (ParsedCell, Vec<Problem>) {
    let mut problems = Vec::new();
    // Borrowed: most cells are numbers, which need no copy of their text.
    let t = raw.trim_matches(|c: char| c.is_whitespace() || c == '\u{a0}');
    let value = if t.is_empty() {
        CellValue::Blank
    } else if matches!(t, "-" | "--" | "\u{2013}" | "\u{2014}" | "\u{2212}") {
        CellValue::Dash
    } else if let Some((grade, score)) = parse_grade(t) {
        CellValue::Grade { grade, score }
    } else if let Some(sh) = shape(t) {
        let (percent, unit, readable) = match sh.rest {
            "" => (false, None, true),
            "%" => (true, None, true),
            r if r.eq_ignore_ascii_case("persen") => (true, None, true),
            r if is_unit_word(r) => (false, Some(r.to_string()), true),
            _ => (false, None, false),
        };
        let token = if readable {
            read_token(sh.token)
        } else {
            Token::Invalid
        };
        let signed = |v: Decimal| if sh.negative { -v } else { v };
        match token {
            Token::Ok(v) => CellValue::Number {
                value: signed(v),
                percent,
                unit,
            },
            // A count of whole things (`1.250 Unit`, `2.500 Orang`) cannot be 1,25 of them: the
            // dot can only be a thousands separator, so that reading is not ambiguous.
            Token::Ambiguous(v, why)
                if why == DOT_THOUSANDS
                    && unit.as_deref().and_then(crate::units::builtin_kind)
                        == Some(crate::model::ValueType::Count) =>
            {
                CellValue::Number {
                    value: signed(v),
                    percent,
                    unit,
                }
            }
            Token::Ambiguous(v, why) => {
                problems.push(problem(
                    Severity::Warning,
                    "angka_ambigu",
                    format!("'{t}' ambigu, {why}: {}", format_id(signed(v), v.scale())),
                ));
                CellValue::Number {
                    value: signed(v),
                    percent,
                    unit,
                }
            }
            Token::Invalid => {
                let (code, msg) = if readable || !sh.rest.chars().any(|c| c.is_ascii_digit()) {
                    ("bukan_angka", format!("'{t}' bukan angka"))
                } else {
                    (
                        "nilai_ganda",
                        format!("'{t}' bukan angka: berisi lebih dari satu nilai"),
                    )
                };
                problems.push(problem(Severity::Error, code, msg));
                CellValue::Text(t.to_string())
            }
        }
    } else {
        CellValue::Text(t.to_string())
    };
    (
        ParsedCell {
            raw: raw.to_string(),
            value,
        },
        problems,
    )
}

/// Read a number typed into a form field: `1.234.567,89`, `1234567.89`, `-5`, `(5)`, `Rp 5.000,-`.
/// The ambiguous `1.234` takes the Indonesian reading (1234). Units and `%` are refused.
pub fn parse_number_input(s: &str) -> Result<Decimal, NumberError> {
    let t = s.trim();
    if t.is_empty() {
        return Err(NumberError::Kosong);
    }
    let bad = || NumberError::BukanAngka(t.to_string());
    let sh = shape(t).ok_or_else(bad)?;
    if !sh.rest.is_empty() {
        return Err(bad());
    }
    match read_token(sh.token) {
        Token::Ok(v) | Token::Ambiguous(v, _) => Ok(if sh.negative { -v } else { v }),
        Token::Invalid => Err(bad()),
    }
}

/// Σ of the values present; None when none is.
pub fn sum_opt<I: IntoIterator<Item = Option<Decimal>>>(it: I) -> Option<Decimal> {
    it.into_iter()
        .flatten()
        .fold(None, |acc, v| Some(acc.unwrap_or(Decimal::ZERO) + v))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn num(raw: &str) -> (Decimal, bool, Option<String>, usize) {
        let (c, p) = parse_cell(raw);
        match c.value {
            CellValue::Number {
                value,
                percent,
                unit,
            } => (value, percent, unit, p.len()),
            other => panic!("{raw}: {other:?}"),
        }
    }

    #[test]
    fn reads_agency_numbers() {
        let cases: &[(&str, &str, bool, Option<&str>, usize)] = &[
            ("1.234.567,89", "1234567.89", false, None, 0),
            ("1234567.89", "1234567.89", false, None, 0),
            ("28143400", "28143400", false, None, 0),
            ("(1.234)", "-1234", false, None, 1),
            ("(1.234.000)", "-1234000", false, None, 0),
            ("-5", "-5", false, None, 0),
            ("46,93%", "46.93", true, None, 0),
            ("31,83 %", "31.83", true, None, 0),
            ("100 %", "100", true, None, 0),
            ("205.5 %", "205.5", true, None, 0),
            ("6 Dok", "6", false, Some("Dok"), 0),
            ("137 SK", "137", false, Some("SK"), 0),
            ("471 orang", "471", false, Some("orang"), 0),
            // A count with its unit: the dot can only separate thousands (no warning) …
            ("1.250 Unit", "1250", false, Some("Unit"), 0),
            ("2.500 Orang", "2500", false, Some("Orang"), 0),
            // … but a bare `1.250`, or one with a percent, stays a flagged choice.
            ("1.250", "1250", false, None, 1),
            ("1.250 %", "1250", true, None, 1),
            ("Rp 11.964.329.798,-", "11964329798", false, None, 0),
            ("Rp2.468.210.182,-", "2468210182", false, None, 0),
            ("Rp. 5.407.000", "5407000", false, None, 0),
            ("Rp0,", "0", false, None, 0),
            ("1.234", "1234", false, None, 1),
            ("0.125", "0.125", false, None, 0),
            ("1,5", "1.5", false, None, 0),
            ("1,234", "1.234", false, None, 1),
            ("1,234,567.5", "1234567.5", false, None, 0),
            ("80.5", "80.5", false, None, 0),
            ("12 persen", "12", true, None, 0),
            ("\u{a0}7 Orang ", "7", false, Some("Orang"), 0),
        ];
        for (raw, v, pct, unit, nprob) in cases {
            let (value, percent, u, n) = num(raw);
            assert_eq!(value, d(v), "{raw}");
            assert_eq!(percent, *pct, "{raw}");
            assert_eq!(u.as_deref(), *unit, "{raw}");
            assert_eq!(n, *nprob, "{raw}");
        }
    }

    #[test]
    fn refuses_ambiguous_text() {
        for raw in [
            "12,5,0",
            "1.2.3,4,5",
            "37.962.87 0",
            "1.23.456",
            "471 orang/ 5 Lap",
        ] {
            let (c, p) = parse_cell(raw);
            assert_eq!(c.value, CellValue::Text(raw.to_string()), "{raw}");
            assert_eq!(p.len(), 1, "{raw}");
            assert_eq!(p[0].severity, Severity::Error);
        }
        let (_, p) = parse_cell("12,5,0");
        assert_eq!(p[0].code, "bukan_angka");
        assert_eq!(p[0].message, "'12,5,0' bukan angka");
    }

    #[test]
    fn reads_blank_dash_grade_text() {
        assert_eq!(parse_cell("  ").0.value, CellValue::Blank);
        assert_eq!(parse_cell("-").0.value, CellValue::Dash);
        assert_eq!(
            parse_cell("BB (71,51)").0.value,
            CellValue::Grade {
                grade: Grade::BB,
                score: Some(d("71.51"))
            }
        );
        assert_eq!(
            parse_cell("AA").0.value,
            CellValue::Grade {
                grade: Grade::AA,
                score: None
            }
        );
        let (c, p) = parse_cell("Dokumen Renja");
        assert_eq!(c.value, CellValue::Text("Dokumen Renja".into()));
        assert!(p.is_empty());
        assert_eq!(c.raw, "Dokumen Renja");
    }

    #[test]
    fn formats() {
        assert_eq!(format_id(d("1234567.891"), 2), "1.234.567,89");
        assert_eq!(format_id(d("1234567.895"), 2), "1.234.567,90");
        assert_eq!(format_id(d("-1234.5"), 0), "-1.235");
        assert_eq!(format_id(d("-0.001"), 2), "0,00");
        assert_eq!(format_id(d("999"), 0), "999");
        assert_eq!(format_id(d("1000"), 1), "1.000,0");
        assert_eq!(format_pct(d("46.934")), "46,93%");
        assert_eq!(round_half_up(d("79.165"), 2), d("79.17"));
        assert_eq!(round_half_up(d("-2.5"), 0), d("-3"));
    }

    #[test]
    fn number_input() {
        assert_eq!(parse_number_input("1.234.567,89"), Ok(d("1234567.89")));
        assert_eq!(parse_number_input("1234567.89"), Ok(d("1234567.89")));
        assert_eq!(parse_number_input("(5)"), Ok(d("-5")));
        assert_eq!(parse_number_input("-5"), Ok(d("-5")));
        assert_eq!(parse_number_input(""), Err(NumberError::Kosong));
        assert!(parse_number_input("5 Dok").is_err());
        assert_eq!(
            parse_number_input("12,5,0").unwrap_err().to_string(),
            "'12,5,0' bukan angka"
        );
    }
}
