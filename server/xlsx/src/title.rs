//! The title block above the header: year, quarter, region and PD.

use crate::text::{quarter_word, title_case_if_upper, words};

#[derive(Debug, Default, PartialEq)]
pub(crate) struct TitleFacts {
    pub year: Option<i32>,
    pub quarter: Option<u8>,
    pub region: Option<String>,
    pub pd: Option<String>,
}

fn year_after(ws: &[String], key: &str) -> Option<i32> {
    ws.windows(2).find_map(|w| {
        if w[0] == key || (key == "tahun" && w[0] == "ta") {
            let y: i32 = w[1].parse().ok()?;
            (1990..=2100).contains(&y).then_some(y)
        } else {
            None
        }
    })
}

fn quarter_in(ws: &[String]) -> Option<u8> {
    ws.windows(2).find_map(|w| {
        if matches!(w[0].as_str(), "triwulan" | "tw" | "trw") {
            quarter_word(&w[1])
        } else {
            None
        }
    })
}

/// Read the facts from the title texts (top to bottom). The row that names the period
/// (`Periode Pelaksanaan: Triwulan II Tahun 2026`) wins over other mentions.
pub(crate) fn read_title(texts: &[&str]) -> TitleFacts {
    let mut f = TitleFacts::default();
    let tokenized: Vec<Vec<String>> = texts.iter().map(|t| words(t)).collect();
    let periode = tokenized
        .iter()
        .position(|ws| ws.iter().any(|w| w == "periode"));
    let order: Vec<usize> = periode.into_iter().chain(0..texts.len()).collect();
    for &i in &order {
        let ws = &tokenized[i];
        if f.quarter.is_none() {
            f.quarter = quarter_in(ws);
        }
        if f.year.is_none() {
            f.year = year_after(ws, "tahun").or_else(|| year_after(ws, "anggaran"));
        }
    }
    for (t, ws) in texts.iter().zip(&tokenized) {
        if f.region.is_none() {
            if let Some(pos) = ws.iter().position(|w| w == "lingkup") {
                // `Lingkup Kota …`, `Lingkup Pemerintahan Kota …`
                let skip = usize::from(
                    ws.get(pos + 1)
                        .is_some_and(|w| w == "pemerintahan" || w == "pemerintah"),
                );
                if ws
                    .get(pos + 1 + skip)
                    .is_some_and(|w| w == "kabupaten" || w == "kota" || w == "kab")
                {
                    f.region = region_from(t);
                }
            } else if ws
                .first()
                .is_some_and(|w| w == "kabupaten" || w == "kota" || w == "pemerintah")
                // `Evaluasi Terhadap Hasil RKPD Kabupaten Malinau`
                || ws.windows(2).any(|p| {
                    matches!(p[0].as_str(), "rkpd" | "renja" | "rpjmd")
                        && matches!(p[1].as_str(), "kabupaten" | "kota" | "kab")
                })
            {
                f.region = region_from(t);
            }
        }
        if f.pd.is_none() {
            f.pd = pd_from(t, ws);
        }
    }
    f
}

/// `… LINGKUP KOTA TARAKAN` → `Kota Tarakan`.
fn region_from(text: &str) -> Option<String> {
    let lower = text.to_lowercase();
    let start = ["kabupaten ", "kota ", "kab. ", "kab "]
        .iter()
        .filter_map(|k| lower.find(k))
        .min()?;
    // `to_lowercase` keeps byte offsets for the ASCII prefixes we search; guard anyway.
    let rest = text.get(start..)?.trim();
    let rest = rest.trim_end_matches(|c: char| c == ',' || c == '.' || c.is_whitespace());
    (!rest.is_empty()).then(|| title_case_if_upper(rest))
}

/// `RENJA PERANGKAT DAERAH BADAN …` or `Perangkat Daerah : BKPSDM`.
fn pd_from(text: &str, ws: &[String]) -> Option<String> {
    let labelled = |prefix: &[&str]| -> Option<String> {
        if ws.len() > prefix.len() && ws.iter().zip(prefix).all(|(w, p)| w == p) {
            // Skip the prefix words in the original text.
            let mut rest = text.trim();
            for p in prefix {
                let idx = rest.to_lowercase().find(p)?;
                rest = rest.get(idx + p.len()..)?;
            }
            let rest = rest
                .trim_start_matches(|c: char| c == ':' || c.is_whitespace())
                .trim();
            (!rest.is_empty()).then(|| title_case_if_upper(rest))
        } else {
            None
        }
    };
    labelled(&["renja", "perangkat", "daerah"])
        .or_else(|| labelled(&["perangkat", "daerah"]))
        .or_else(|| labelled(&["opd"]))
        .or_else(|| labelled(&["skpd"]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_title_block() {
        let f = read_title(&[
            "Formulir E.81",
            "EVALUASI TERHADAP HASIL RENJA PERANGKAT DAERAH LINGKUP KOTA TARAKAN",
            "RENJA PERANGKAT DAERAH BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA",
            "PERIODE PELAKSANAAN: TRIWULAN II TAHUN 2026",
        ]);
        assert_eq!(f.year, Some(2026));
        assert_eq!(f.quarter, Some(2));
        assert_eq!(f.region.as_deref(), Some("Kota Tarakan"));
        assert_eq!(
            f.pd.as_deref(),
            Some("Badan Kepegawaian dan Pengembangan Sumber Daya Manusia")
        );
        let g = read_title(&[
            "Periode Pelaksanaan : Triwulan 3 Tahun Anggaran 2024",
            "Perangkat Daerah: Dinas Kesehatan",
        ]);
        assert_eq!((g.year, g.quarter), (Some(2024), Some(3)));
        assert_eq!(g.pd.as_deref(), Some("Dinas Kesehatan"));
    }
}
