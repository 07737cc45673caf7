//! *Terbilang*: amounts in Indonesian words, Title Case, "Miliar" (KBBI); [`check_terbilang`]
//! also accepts "Milyar" and any letter case when comparing a document's words with a figure.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use crate::model::{Location, Problem, Severity};
use crate::num::{format_id, round_half_up};

const ONES: [&str; 12] = [
    "", "Satu", "Dua", "Tiga", "Empat", "Lima", "Enam", "Tujuh", "Delapan", "Sembilan", "Sepuluh",
    "Sebelas",
];

/// Words for 0 < n < 1000.
fn below_thousand(n: u64, out: &mut Vec<String>) {
    let (h, rest) = (n / 100, n % 100);
    match h {
        0 => {}
        1 => out.push("Seratus".into()),
        _ => {
            out.push(ONES[h as usize].into());
            out.push("Ratus".into());
        }
    }
    match rest {
        0 => {}
        1..=11 => out.push(ONES[rest as usize].into()),
        12..=19 => {
            out.push(ONES[(rest - 10) as usize].into());
            out.push("Belas".into());
        }
        _ => {
            out.push(ONES[(rest / 10) as usize].into());
            out.push("Puluh".into());
            if rest % 10 != 0 {
                out.push(ONES[(rest % 10) as usize].into());
            }
        }
    }
}

/// Words for a whole number (`0` → `Nol`), up to 999 999 triliun.
pub fn terbilang(n: u64) -> String {
    if n == 0 {
        return "Nol".into();
    }
    const SCALES: [(u64, &str); 4] = [
        (1_000_000_000_000, "Triliun"),
        (1_000_000_000, "Miliar"),
        (1_000_000, "Juta"),
        (1_000, "Ribu"),
    ];
    let mut out: Vec<String> = Vec::new();
    let mut rest = n;
    for (size, name) in SCALES {
        let chunk = rest / size;
        rest %= size;
        if chunk == 0 {
            continue;
        }
        if size == 1_000 && chunk == 1 {
            out.push("Seribu".into());
            continue;
        }
        if chunk >= 1000 {
            // Beyond triliun: say the count of triliun in words.
            out.push(terbilang(chunk));
        } else {
            below_thousand(chunk, &mut out);
        }
        out.push(name.into());
    }
    below_thousand(rest, &mut out);
    out.join(" ")
}

/// `11964329798` → "Sebelas Miliar … Delapan Rupiah"; sen (2 decimals, half-up) when present:
/// "… Rupiah Lima Puluh Sen". Negative amounts get "Minus". None of this panics: amounts beyond
/// u64 are printed as figures.
pub fn terbilang_rupiah(amount: Decimal) -> String {
    let a = round_half_up(amount, 2);
    let abs = a.abs();
    let whole = abs.trunc();
    let sen = ((abs - whole) * Decimal::ONE_HUNDRED).to_u64().unwrap_or(0);
    let words = match whole.to_u64() {
        Some(w) => terbilang(w),
        None => format_id(whole, 0),
    };
    let mut s = String::new();
    if a.is_sign_negative() && !a.is_zero() {
        s.push_str("Minus ");
    }
    s.push_str(&words);
    s.push_str(" Rupiah");
    if sen > 0 {
        s.push(' ');
        s.push_str(&terbilang(sen));
        s.push_str(" Sen");
    }
    s
}

fn words_key(s: &str) -> String {
    s.to_lowercase()
        .replace("milyar", "miliar")
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Compare an amount in words from a document with its figure. `rupiah`: the words end with
/// "Rupiah" (otherwise a plain count, "Enam Puluh Delapan"). Problem `terbilang_berbeda` when
/// they differ; case, punctuation and Milyar/Miliar are ignored.
pub fn check_terbilang(words: &str, amount: Decimal, rupiah: bool) -> Option<Problem> {
    let expected = if rupiah {
        terbilang_rupiah(amount)
    } else {
        match amount.to_u64() {
            Some(n) if amount.fract().is_zero() => terbilang(n),
            _ => terbilang_rupiah(amount),
        }
    };
    let mut got = words_key(words);
    if rupiah && !got.ends_with("rupiah") && !got.contains("rupiah ") {
        got.push_str(" rupiah");
    }
    (got != words_key(&expected)).then(|| Problem {
        severity: Severity::Warning,
        code: "terbilang_berbeda".into(),
        message: format!(
            "Terbilang '{}' tidak sesuai dengan angka {}: seharusnya '{}'",
            words.trim(),
            format_id(amount, if amount.fract().is_zero() { 0 } else { 2 }),
            expected
        ),
        at: Location::default(),
    })
}
