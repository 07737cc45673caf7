//! Comparing what people typed: words and edit distance, shared by the reader's header
//! matching and the nomenclature's name lookup.

/// Lower-case words of `text`, split at every non-alphanumeric character (`s/d`, `s.d.` and
/// `s d` are all `s`, `d`).
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for ch in text.chars() {
        if ch.is_alphanumeric() {
            cur.extend(ch.to_lowercase());
        } else if !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// [`words`] joined by single spaces, built in one pass: what two names are compared by.
pub fn kunci(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut gap = false;
    for ch in text.chars() {
        if ch.is_alphanumeric() {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            gap = false;
            out.extend(ch.to_lowercase());
        } else {
            gap = true;
        }
    }
    out
}

/// Optimal string alignment distance: Levenshtein (insert, delete, substitute) plus the
/// transposition of two adjacent characters, each counting 1.
pub fn osa_distance(a: &[char], b: &[char]) -> usize {
    let m = b.len();
    // Three rows of the table: i - 2, i - 1, i.
    let mut before: Vec<usize> = vec![0; m + 1];
    let mut prev: Vec<usize> = (0..=m).collect();
    let mut cur: Vec<usize> = vec![0; m + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        for j in 1..=m {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(before[j - 2] + 1);
            }
            cur[j] = v;
        }
        std::mem::swap(&mut before, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[m]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_words() {
        let cases: &[(&str, &[&str])] = &[
            (
                "  Realisasi  Kinerja s/d\nTahun",
                &["realisasi", "kinerja", "s", "d", "tahun"],
            ),
            ("DPA- SKPD", &["dpa", "skpd"]),
            ("Ru'yat", &["ru", "yat"]),
            (
                "Bulanan/ Triwulanan / Semesteran",
                &["bulanan", "triwulanan", "semesteran"],
            ),
            ("", &[]),
            (" - ", &[]),
        ];
        for (text, want) in cases {
            assert_eq!(words(text), *want, "{text:?}");
            assert_eq!(kunci(text), want.join(" "), "{text:?}");
        }
        assert_eq!(kunci("ÉTAT  Pemerintahan"), "état pemerintahan");
    }

    #[test]
    fn distances() {
        let cases: &[(&str, &str, usize)] = &[
            ("", "", 0),
            ("abc", "", 3),
            ("", "abc", 3),
            ("triwulan", "triwulan", 0),
            ("triwualn", "triwulan", 1),
            ("renstraa", "renstra", 1),
            ("lalu", "laku", 1),
            ("cetak", "cetakan", 2),
            ("kitten", "sitting", 3),
            ("ca", "abc", 3),
        ];
        for (a, b, want) in cases {
            let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
            assert_eq!(osa_distance(&a, &b), *want, "{a:?} {b:?}");
            assert_eq!(osa_distance(&b, &a), *want, "{b:?} {a:?}");
        }
    }
}
