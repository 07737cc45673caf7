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

/// The words an amount in words is made of (besides `rupiah` and `sen`).
const KATA_ANGKA: [&str; 22] = [
    "nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan",
    "sepuluh", "sebelas", "belas", "puluh", "ratus", "seratus", "ribu", "seribu", "juta", "miliar",
    "milyar", "triliun",
];

/// Where a sentence spells an amount of rupiah: each byte range runs from the first number word
/// to `Rupiah` (or to the `Sen` after it): `Sebesar Rp 5.000 (Lima Ribu Rupiah)` → `Lima Ribu
/// Rupiah`. Words only, any letter case; a `Rupiah` with no number word before it is none.
pub fn frasa_terbilang(teks: &str) -> Vec<std::ops::Range<usize>> {
    // Words with their byte ranges.
    let mut kata: Vec<(usize, usize, String)> = Vec::new();
    let mut awal: Option<usize> = None;
    for (i, ch) in teks
        .char_indices()
        .chain(std::iter::once((teks.len(), ' ')))
    {
        match (ch.is_alphabetic(), awal) {
            (true, None) => awal = Some(i),
            (false, Some(a)) => {
                kata.push((a, i, teks[a..i].to_lowercase()));
                awal = None;
            }
            _ => {}
        }
    }
    let angka = |w: &str| KATA_ANGKA.contains(&w);
    let mut out = Vec::new();
    for (j, (_, akhir, w)) in kata.iter().enumerate() {
        if w != "rupiah" {
            continue;
        }
        let mut mulai = j;
        while mulai > 0 && angka(&kata[mulai - 1].2) {
            mulai -= 1;
        }
        if mulai == j {
            continue;
        }
        // `… Rupiah Lima Puluh Sen`.
        let mut ujung = *akhir;
        let mut k = j + 1;
        while k < kata.len() && angka(&kata[k].2) {
            k += 1;
        }
        if k > j + 1 && kata.get(k).is_some_and(|x| x.2 == "sen") {
            ujung = kata[k].1;
        }
        out.push(kata[mulai].0..ujung);
    }
    out
}

/// `amount` in words ([`terbilang_rupiah`]) written like `contoh`, the words it replaces: all
/// capitals, all small letters, or Title Case; `Milyar` where `contoh` spells it so.
pub fn terbilang_seperti(contoh: &str, amount: Decimal) -> String {
    let mut s = terbilang_rupiah(amount);
    if contoh.to_lowercase().contains("milyar") {
        s = s.replace("Miliar", "Milyar");
    }
    let huruf = || contoh.chars().filter(|c| c.is_alphabetic());
    if huruf().all(char::is_uppercase) {
        s.to_uppercase()
    } else if huruf().all(char::is_lowercase) {
        s.to_lowercase()
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_in_words_are_found_in_sentences_and_rewritten_in_their_style() {
        let t = "dengan anggaran sebesar Rp 1.500 (Seribu Lima Ratus Rupiah).";
        let f = frasa_terbilang(t);
        assert_eq!(f.len(), 1);
        assert_eq!(&t[f[0].clone()], "Seribu Lima Ratus Rupiah");
        let t = "Terbilang: DUA JUTA RUPIAH LIMA PULUH SEN";
        let f = frasa_terbilang(t);
        assert_eq!(&t[f[0].clone()], "DUA JUTA RUPIAH LIMA PULUH SEN");
        assert!(frasa_terbilang("dalam Rupiah").is_empty());
        assert_eq!(
            terbilang_seperti("DUA MILYAR RUPIAH", Decimal::from(3_000_000_000u64)),
            "TIGA MILYAR RUPIAH"
        );
        assert_eq!(
            terbilang_seperti("dua ribu rupiah", Decimal::from(1_000)),
            "seribu rupiah"
        );
        assert_eq!(
            terbilang_seperti("Dua Ribu Rupiah", Decimal::from(11)),
            "Sebelas Rupiah"
        );
    }
}
