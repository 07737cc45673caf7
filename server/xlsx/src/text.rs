//! Header wording: normalisation and fuzzy word matching.
//!
//! Header text is compared case- and whitespace-insensitively: everything that is not a
//! letter or digit separates words (`s/d`, `s.d.` and `s d` are all `s d`). Words of five
//! letters or more also match with one typo (optimal string alignment distance ≤ 1), so
//! `Triwualn` still reads as `triwulan`.

pub(crate) use capaian_domain::teks::words;

/// `text` reduced to its words joined by single spaces.
pub(crate) fn normalize(text: &str) -> String {
    words(text).join(" ")
}

/// Does word `w` (from a header) match word `pattern` (from a signature)?
pub(crate) fn word_matches(w: &str, pattern: &str) -> bool {
    if w == pattern {
        return true;
    }
    let (a, b): (Vec<char>, Vec<char>) = (w.chars().collect(), pattern.chars().collect());
    if b.len() < 5 || a.len().abs_diff(b.len()) > 1 {
        return false;
    }
    capaian_domain::teks::osa_distance(&a, &b) <= 1
}

/// Does the word sequence `phrase` (space separated, already normalised) occur in `ws`?
pub(crate) fn contains_phrase(ws: &[String], phrase: &str) -> bool {
    let p: Vec<&str> = phrase.split(' ').filter(|s| !s.is_empty()).collect();
    if p.is_empty() || p.len() > ws.len() {
        return false;
    }
    ws.windows(p.len())
        .any(|win| win.iter().zip(&p).all(|(w, pat)| word_matches(w, pat)))
}

/// A quarter number from a label like `I`, `II`, `3`, `TW III`, `Triwulan IV`.
pub(crate) fn quarter_label(text: &str) -> Option<u8> {
    let ws = words(text);
    let rest: Vec<&str> = ws
        .iter()
        .map(String::as_str)
        .filter(|w| {
            !matches!(
                *w,
                "triwulan" | "tw" | "trw" | "triw" | "ke" | "realisasi" | "target" | "pada"
            )
        })
        .collect();
    if rest.len() != 1 {
        return None;
    }
    quarter_word(rest[0])
}

/// `i`..`iv` or `1`..`4`.
pub(crate) fn quarter_word(w: &str) -> Option<u8> {
    match w {
        "i" | "1" => Some(1),
        "ii" | "2" => Some(2),
        "iii" | "3" => Some(3),
        "iv" | "4" => Some(4),
        _ => None,
    }
}

/// Title-case an all-capitals name the way Indonesian titles are written
/// (`BADAN KEPEGAWAIAN DAN PENGEMBANGAN` → `Badan Kepegawaian dan Pengembangan`).
/// Text that already has lower-case letters is returned unchanged (trimmed).
pub(crate) fn title_case_if_upper(text: &str) -> String {
    let t = text.trim();
    if t.chars().any(char::is_lowercase) {
        return t.to_string();
    }
    const SMALL: &[&str] = &[
        "dan", "di", "ke", "dari", "yang", "untuk", "serta", "atau", "pada",
    ];
    t.split_whitespace()
        .enumerate()
        .map(|(i, w)| {
            let lower = w.to_lowercase();
            if i > 0 && SMALL.contains(&lower.as_str()) {
                lower
            } else {
                let mut cs = lower.chars();
                match cs.next() {
                    Some(f) => f.to_uppercase().chain(cs).collect(),
                    None => String::new(),
                }
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_and_matches() {
        assert_eq!(
            normalize("  Realisasi  Kinerja s/d\nTahun"),
            "realisasi kinerja s d tahun"
        );
        assert!(word_matches("triwualn", "triwulan"));
        assert!(word_matches("renstraa", "renstra"));
        assert!(!word_matches("renja", "renstra"));
        assert!(!word_matches("lalu", "laku"));
        assert!(contains_phrase(
            &words("Unit PD Penanggung-Jawab"),
            "penanggung jawab"
        ));
        assert_eq!(quarter_label("TW III"), Some(3));
        assert_eq!(quarter_label("IV"), Some(4));
        assert_eq!(quarter_label("Rp"), None);
        assert_eq!(
            title_case_if_upper("BADAN KEPEGAWAIAN DAN PENGEMBANGAN"),
            "Badan Kepegawaian dan Pengembangan"
        );
    }
}
