//! Property tests (deterministic pseudo-random cases): format∘parse is the identity on numbers;
//! terbilang on edge amounts and on the seeds' amounts.

use std::str::FromStr;

use capaian_domain::num::{format_id, parse_cell, parse_number_input, round_half_up, CellValue};
use capaian_domain::terbilang::{check_terbilang, terbilang, terbilang_rupiah};
use rust_decimal::Decimal;

/// xorshift64*: a fixed, reproducible stream.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
}

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

#[test]
fn format_then_parse_is_identity() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut cases: Vec<Decimal> = ["0", "1", "-1", "999", "1000", "0.5", "1234.567", "-0.004"]
        .iter()
        .map(|s| d(s))
        .collect();
    for _ in 0..20_000 {
        let magnitude = 10u64.pow((rng.next() % 16) as u32);
        let mantissa = (rng.next() % magnitude.max(1)) as i64;
        let scale = (rng.next() % 5) as u32;
        let sign = if rng.next().is_multiple_of(3) { -1 } else { 1 };
        cases.push(Decimal::new(sign * mantissa, scale));
    }
    for v in cases {
        for decimals in 0..=4 {
            let text = format_id(v, decimals);
            let want = round_half_up(v, decimals);
            assert_eq!(parse_number_input(&text), Ok(want), "{v} → {text}");
            match parse_cell(&text).0.value {
                CellValue::Number {
                    value,
                    percent: false,
                    unit: None,
                } => {
                    assert_eq!(value, want, "{v} → {text}")
                }
                other => panic!("{v} → {text} → {other:?}"),
            }
            let pct = format!("{text}%");
            match parse_cell(&pct).0.value {
                CellValue::Number {
                    value,
                    percent: true,
                    ..
                } => assert_eq!(value, want),
                other => panic!("{pct} → {other:?}"),
            }
        }
    }
}

#[test]
fn terbilang_edges() {
    let cases = [
        ("0", "Nol Rupiah"),
        ("11", "Sebelas Rupiah"),
        ("100", "Seratus Rupiah"),
        ("1000", "Seribu Rupiah"),
        ("1000000000000", "Satu Triliun Rupiah"),
        ("1100", "Seribu Seratus Rupiah"),
        ("1000000", "Satu Juta Rupiah"),
        ("110011", "Seratus Sepuluh Ribu Sebelas Rupiah"),
        ("219", "Dua Ratus Sembilan Belas Rupiah"),
        ("12.50", "Dua Belas Rupiah Lima Puluh Sen"),
        ("0.05", "Nol Rupiah Lima Sen"),
        ("-5000", "Minus Lima Ribu Rupiah"),
        (
            "999999999999999",
            "Sembilan Ratus Sembilan Puluh Sembilan Triliun Sembilan Ratus Sembilan Puluh Sembilan Miliar Sembilan Ratus Sembilan Puluh Sembilan Juta Sembilan Ratus Sembilan Puluh Sembilan Ribu Sembilan Ratus Sembilan Puluh Sembilan Rupiah",
        ),
    ];
    for (n, words) in cases {
        assert_eq!(terbilang_rupiah(d(n)), words, "{n}");
        assert!(check_terbilang(words, d(n), true).is_none(), "{n}");
    }
    assert_eq!(terbilang(46), "Empat Puluh Enam");
    // No panic beyond u64: printed as a figure.
    assert!(terbilang_rupiah(Decimal::MAX).ends_with("Rupiah"));
}

/// Every whole amount's words read back through a small word parser give the amount.
#[test]
fn terbilang_round_trips() {
    fn value(words: &str) -> u64 {
        let unit = |w: &str| -> Option<u64> {
            Some(match w {
                "Satu" => 1,
                "Dua" => 2,
                "Tiga" => 3,
                "Empat" => 4,
                "Lima" => 5,
                "Enam" => 6,
                "Tujuh" => 7,
                "Delapan" => 8,
                "Sembilan" => 9,
                "Sepuluh" => 10,
                "Sebelas" => 11,
                "Seratus" => 100,
                "Nol" => 0,
                _ => return None,
            })
        };
        let (mut total, mut group, mut cur) = (0u64, 0u64, 0u64);
        for w in words.split(' ') {
            match w {
                "Belas" => cur += 10,
                "Puluh" => cur *= 10,
                "Ratus" => cur *= 100,
                "Ribu" | "Juta" | "Miliar" | "Triliun" => {
                    let m = match w {
                        "Ribu" => 1_000,
                        "Juta" => 1_000_000,
                        "Miliar" => 1_000_000_000,
                        _ => 1_000_000_000_000,
                    };
                    total += (group + cur) * m;
                    group = 0;
                    cur = 0;
                }
                "Seribu" => total += 1000,
                _ => {
                    group += cur;
                    cur = unit(w).unwrap_or_else(|| panic!("{w}"));
                }
            }
        }
        total + group + cur
    }
    let mut rng = Rng(42);
    for _ in 0..20_000 {
        let n = rng.next() % 1_000_000_000_000_000;
        assert_eq!(value(&terbilang(n)), n, "{n}: {}", terbilang(n));
    }
}

/// Seed 004: two of the amounts in words are wrong (sisa, and the indicator counts).
#[test]
fn seed_amounts_in_words() {
    let cases = [
        ("11964329798", "Sebelas Milyar Sembilan Ratus Enam Puluh Empat Juta Tiga Ratus Dua Puluh Sembilan Ribu Tujuh Ratus Sembilan Puluh Delapan Rupiah", true, true),
        ("5615312405", "Lima Milyar Enam Ratus Lima Belas Juta Tiga Ratus Dua Belas Ribu Empat Ratus Lima Rupiah", true, true),
        ("6349017393", "Enam Milyar Tiga Ratus Empat Puluh Sembilan Juta Tujuh Belas Ribu Tiga Ratus Tiga Puluh Tiga Rupiah", true, false),
        ("46", "Empat Puluh Enam", false, true),
        ("68", "Enam Puluh Tujuh", false, false),
        ("65", "Enam Puluh Empat", false, false),
    ];
    for (n, words, rupiah, ok) in cases {
        let p = check_terbilang(words, d(n), rupiah);
        assert_eq!(p.is_none(), ok, "{n}: {p:?}");
        if let Some(p) = p {
            assert_eq!(p.code, "terbilang_berbeda");
        }
    }
    assert_eq!(
        terbilang_rupiah(d("6349017393")),
        "Enam Miliar Tiga Ratus Empat Puluh Sembilan Juta Tujuh Belas Ribu Tiga Ratus Sembilan Puluh Tiga Rupiah"
    );
}
