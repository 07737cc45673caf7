//! Nomenclature codes (Permendagri 90/2019): one canonical spelling per code.
//!
//! Canonical shapes: urusan `X`, bidang `X.XX`, program `X.XX.XX`, kegiatan `X.XX.XX.X.XX`,
//! sub kegiatan `X.XX.XX.X.XX.XX` (to 2023) or `X.XX.XX.X.XX.XXXX` (2024 on), rekening belanja
//! `A.K.JJ.OO.RR.SSSS`. [`normalize`] repairs what files print: spaces and commas, a kegiatan
//! written `201` (→ `2.01`, Info) or `04` (→ `2.04`, Warning: the `2` is assumed), and the
//! penunjang placeholder `x.xx.01` (kept as `X.XX.01`; `X` matches any digit in [`is_ancestor`]).
//! Anything else (e.g. a table's local numbering `1.1.1`) is not a code: None plus a Warning.

use crate::model::{Level, Location, Problem, Severity};

/// A problem not yet located (the caller, or the reader, gives it its place).
pub(crate) fn problem(severity: Severity, code: &str, message: String) -> Problem {
    Problem {
        severity,
        code: code.into(),
        message,
        at: Location::default(),
    }
}

fn seg_ok(seg: &str, width: usize, allow_x: bool) -> bool {
    seg.len() == width
        && (seg.bytes().all(|b| b.is_ascii_digit()) || (allow_x && seg.bytes().all(|b| b == b'X')))
}

/// Widths of the planning shapes (the last one has two variants).
fn planning_shape(segs: &[&str]) -> bool {
    const W: [usize; 6] = [1, 2, 2, 1, 2, 2];
    if !matches!(segs.len(), 1 | 2 | 3 | 5 | 6) {
        return false;
    }
    segs.iter().enumerate().all(|(i, s)| {
        let allow_x = i < 2;
        seg_ok(s, W[i], allow_x) || (i == 5 && seg_ok(s, 4, false))
    })
}

fn rekening_shape(segs: &[&str]) -> bool {
    const W: [usize; 6] = [1, 1, 2, 2, 2, 4];
    segs.len() == 6 && segs.iter().zip(W).all(|(s, w)| seg_ok(s, w, false))
}

/// Canonical code of what a file printed, or None when it is not a Permendagri code.
pub fn normalize(raw: &str) -> (Option<String>, Vec<Problem>) {
    let mut problems = Vec::new();
    let cleaned: String = raw
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            ',' => '.',
            'x' => 'X',
            c => c,
        })
        .collect();
    // The segments borrow the cleaned text; only a repaired code (rare) is written anew.
    let mut refs: Vec<&str> = cleaned.split('.').filter(|s| !s.is_empty()).collect();
    if refs.is_empty() {
        return (None, problems);
    }
    let repaired: String;
    // Kegiatan written without its dot (`201`) or without its type digit (`04`).
    if (4..=5).contains(&refs.len()) {
        let k = refs[3];
        let digits = k.bytes().all(|b| b.is_ascii_digit());
        let fix = match k.len() {
            3 if digits => Some((format!("{}.{}", &k[..1], &k[1..]), Severity::Info, "")),
            2 if digits => Some((
                format!("2.{k}"),
                Severity::Warning,
                " (kegiatan dianggap berjenis 2)",
            )),
            _ => None,
        };
        if let Some((segment, severity, note)) = fix {
            let mut parts = refs.clone();
            parts[3] = &segment;
            repaired = parts.join(".");
            problems.push(problem(
                severity,
                "kode_diperbaiki",
                format!("Kode '{}' dibaca sebagai '{repaired}'{note}", raw.trim()),
            ));
            refs = repaired.split('.').collect();
        }
    }
    if planning_shape(&refs) || rekening_shape(&refs) {
        let canonical = refs.join(".");
        if canonical.contains('X') {
            problems.push(problem(
                Severity::Info,
                "kode_placeholder",
                format!("Kode '{canonical}' memakai placeholder urusan (X.XX)"),
            ));
        }
        (Some(canonical), problems)
    } else {
        problems.retain(|p| p.code != "kode_diperbaiki");
        problems.push(problem(
            Severity::Warning,
            "kode_tidak_baku",
            format!(
                "'{}' bukan kode program/kegiatan/sub kegiatan yang baku",
                raw.trim()
            ),
        ));
        (None, problems)
    }
}

/// Level of a canonical code: program, kegiatan or sub kegiatan (None for urusan, bidang,
/// rekening and anything else).
pub fn level_of(canonical: &str) -> Option<Level> {
    let segs: Vec<&str> = canonical.split('.').collect();
    if !planning_shape(&segs) {
        return None;
    }
    match segs.len() {
        3 => Some(Level::Program),
        5 => Some(Level::Kegiatan),
        6 => Some(Level::SubKegiatan),
        _ => None,
    }
}

fn seg_match(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .all(|(x, y)| x == y || x == b'X' || y == b'X')
}

/// Whether `parent` is a strict ancestor of `child` (segment prefix; `X` matches any digit).
pub fn is_ancestor(parent: &str, child: &str) -> bool {
    let p: Vec<&str> = parent.split('.').collect();
    let c: Vec<&str> = child.split('.').collect();
    p.len() < c.len() && p.iter().zip(&c).all(|(a, b)| seg_match(a, b))
}

/// Whether two canonical codes can name the same node, leaving the name to decide: the same
/// code; the penunjang placeholder `X.XX.01` against an urusan's own `5.03.01` (`X` matches any
/// digit); a sub kegiatan's number in the other width of its last segment — two digits
/// (nomenclature to 2023) and four (2024 on): `5.03.01.2.09.02` and `5.03.01.2.09.0002`. Files
/// of one year mix them (an E.81 without codes takes the nomenclature's placeholder, a template
/// kept from earlier years prints two digits, a SIPD export of this year four).
pub fn bisa_sama(a: &str, b: &str) -> bool {
    let (sa, sb): (Vec<&str>, Vec<&str>) = (a.split('.').collect(), b.split('.').collect());
    let same_number = |x: &str, y: &str| {
        matches!((x.len(), y.len()), (2, 4) | (4, 2))
            && x.parse::<u32>()
                .ok()
                .is_some_and(|n| y.parse::<u32>() == Ok(n))
    };
    sa.len() == sb.len()
        && sa
            .iter()
            .zip(&sb)
            .enumerate()
            .all(|(i, (x, y))| seg_match(x, y) || (i == 5 && same_number(x, y)))
}

#[cfg(test)]
mod tests {
    #[test]
    fn codes_that_can_name_the_same_node() {
        let table: [(&str, &str, bool); 10] = [
            ("5.03.01.2.09.02", "5.03.01.2.09.0002", true),
            ("5.03.01.2.09.0002", "5.03.01.2.09.02", true),
            ("5.03.01.2.09.02", "5.03.01.2.09.02", true),
            ("X.XX.01", "5.03.01", true),
            ("X.XX.01.2.09.02", "5.03.01.2.09.0002", true),
            ("5.03.01.2.09.02", "5.03.01.2.09.0020", false),
            ("5.03.01.2.09.02", "5.03.01.2.08.0002", false),
            ("5.03.01.2.09", "5.03.01.2.0009", false),
            ("X.XX.01", "5.03.02", false),
            ("5.03.01", "5.03.01.2.09", false),
        ];
        for (a, b, want) in table {
            assert_eq!(bisa_sama(a, b), want, "{a} {b}");
        }
    }

    use super::*;

    #[test]
    fn normalizes() {
        let cases: &[(&str, Option<&str>, Option<&str>)] = &[
            (
                "5.03.02.201.06",
                Some("5.03.02.2.01.06"),
                Some("kode_diperbaiki"),
            ),
            ("5.03.02.201", Some("5.03.02.2.01"), Some("kode_diperbaiki")),
            ("5.03.02.2.02.0001", Some("5.03.02.2.02.0001"), None),
            ("5.03.02.2.01.06", Some("5.03.02.2.01.06"), None),
            ("5,03.01.2.03.05", Some("5.03.01.2.03.05"), None),
            (" 5.03. 02 ", Some("5.03.02"), None),
            (
                "5.03.02.04.03",
                Some("5.03.02.2.04.03"),
                Some("kode_diperbaiki"),
            ),
            (
                "x.xx.01.206.02",
                Some("X.XX.01.2.06.02"),
                Some("kode_diperbaiki"),
            ),
            ("x.xx.01", Some("X.XX.01"), Some("kode_placeholder")),
            ("5.1.02.01.01.0024", Some("5.1.02.01.01.0024"), None),
            ("5.03", Some("5.03"), None),
            ("1.1.1", None, Some("kode_tidak_baku")),
            ("2.1. 1", None, Some("kode_tidak_baku")),
            ("abc", None, Some("kode_tidak_baku")),
        ];
        for (raw, want, code) in cases {
            let (got, p) = normalize(raw);
            assert_eq!(got.as_deref(), *want, "{raw}");
            match code {
                Some(c) => assert!(p.iter().any(|p| p.code == *c), "{raw}: {p:?}"),
                None => assert!(p.is_empty(), "{raw}: {p:?}"),
            }
        }
        assert_eq!(normalize("  ").0, None);
    }

    #[test]
    fn levels_and_ancestry() {
        assert_eq!(level_of("5.03.02"), Some(Level::Program));
        assert_eq!(level_of("5.03.02.2.01"), Some(Level::Kegiatan));
        assert_eq!(level_of("5.03.02.2.01.06"), Some(Level::SubKegiatan));
        assert_eq!(level_of("5.03.02.2.02.0001"), Some(Level::SubKegiatan));
        assert_eq!(level_of("X.XX.01"), Some(Level::Program));
        assert_eq!(level_of("5.03"), None);
        assert_eq!(level_of("5.1.02.01.01.0024"), None);
        assert_eq!(level_of("5.03.02.201"), None);
        assert!(is_ancestor("5.03.02", "5.03.02.2.01.06"));
        assert!(is_ancestor("5.03.02.2.01", "5.03.02.2.01.06"));
        assert!(!is_ancestor("5.03.02.2.01", "5.03.02.2.010.06"));
        assert!(!is_ancestor("5.03.02.2.01", "5.03.02.2.02.06"));
        assert!(!is_ancestor("5.03.02", "5.03.02"));
        assert!(!is_ancestor("5.03.0", "5.03.02.2.01"));
        assert!(is_ancestor("X.XX.01", "5.03.01.2.01"));
    }
}
