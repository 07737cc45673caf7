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

/// Does word `w` (from a header) match word `pattern` (from a signature)? Runs for every
/// header cell against every signature word: no allocation.
pub(crate) fn word_matches(w: &str, pattern: &str) -> bool {
    if w == pattern {
        return true;
    }
    if pattern.len() < 5 || w.len().abs_diff(pattern.len()) > 4 {
        return false; // fewer than 5 chars, or more than one char longer or shorter
    }
    let (n, m) = (w.chars().count(), pattern.chars().count());
    if m < 5 || n.abs_diff(m) > 1 {
        return false;
    }
    one_edit_apart(w, pattern, n, m)
}

/// Optimal string alignment distance ≤ 1 for different words of `n` and `m` chars
/// (`|n - m| ≤ 1`): one substitution, insertion, deletion or swap of adjacent chars.
fn one_edit_apart(a: &str, b: &str, n: usize, m: usize) -> bool {
    // The first difference sits at the same byte offset in both (all before it is equal).
    let Some(i) = a
        .char_indices()
        .zip(b.chars())
        .find(|((_, x), y)| x != y)
        .map(|((i, _), _)| i)
    else {
        return true; // one is the other plus one char at the end
    };
    let (mut ra, mut rb) = (a[i..].chars(), b[i..].chars());
    let (x, y) = (ra.next(), rb.next());
    let (after_a, after_b) = (ra.as_str(), rb.as_str());
    match n.cmp(&m) {
        std::cmp::Ordering::Greater => after_a == &b[i..],
        std::cmp::Ordering::Less => &a[i..] == after_b,
        std::cmp::Ordering::Equal => {
            if after_a == after_b {
                return true; // substitution
            }
            let (x2, y2) = (ra.next(), rb.next());
            x2 == y && y2 == x && ra.as_str() == rb.as_str() // adjacent swap
        }
    }
}

/// Does the word sequence `phrase` (space separated, already normalised) occur in `ws`?
pub(crate) fn contains_phrase(ws: &[String], phrase: &str) -> bool {
    let pattern = || phrase.split(' ').filter(|s| !s.is_empty());
    let len = pattern().count();
    if len == 0 || len > ws.len() {
        return false;
    }
    ws.windows(len).any(|win| {
        win.iter()
            .zip(pattern())
            .all(|(w, pat)| word_matches(w, pat))
    })
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

    /// Optimal string alignment distance (Levenshtein plus adjacent transpositions), the
    /// definition `word_matches` implements without a matrix.
    fn osa_distance(a: &[char], b: &[char]) -> usize {
        let (n, m) = (a.len(), b.len());
        let mut d = vec![vec![0usize; m + 1]; n + 1];
        for (i, row) in d.iter_mut().enumerate() {
            row[0] = i;
        }
        for (j, cell) in d[0].iter_mut().enumerate() {
            *cell = j;
        }
        for i in 1..=n {
            for j in 1..=m {
                let cost = usize::from(a[i - 1] != b[j - 1]);
                let mut v = (d[i - 1][j] + 1)
                    .min(d[i][j - 1] + 1)
                    .min(d[i - 1][j - 1] + cost);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    v = v.min(d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
            }
        }
        d[n][m]
    }

    #[test]
    fn word_matches_is_one_edit_of_osa() {
        let words = [
            "triwulan",
            "triwualn",
            "rtiwulan",
            "triwulam",
            "triwula",
            "triwulann",
            "triiwulan",
            "ttriwulan",
            "triwlan",
            "renstra",
            "renstraa",
            "renja",
            "realisasi",
            "realiasi",
            "realisas",
            "anggaran",
            "angaran",
            "anggran",
            "kinerja",
            "kinreja",
            "kinerjà",
            "kìnerja",
            "kinerj",
            "capaian",
            "capain",
            "caapian",
            "indikator",
            "indiaktor",
            "lalu",
            "laku",
            "tahun",
            "tahnu",
            "tahu",
            "ü",
            "üüüüü",
            "üüüüüü",
            "üüüüa",
            "aüüüü",
            "abcde",
            "abced",
            "bacde",
            "abcdef",
            "abcd",
            "xbcde",
            "abcdx",
            "edcba",
        ];
        for a in words {
            for b in words {
                let (ca, cb): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
                let oracle = a == b
                    || (cb.len() >= 5
                        && ca.len().abs_diff(cb.len()) <= 1
                        && osa_distance(&ca, &cb) <= 1);
                assert_eq!(word_matches(a, b), oracle, "{a} ~ {b}");
            }
        }
    }

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
