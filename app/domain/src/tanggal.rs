//! Indonesian dates: `26 Juli 2024`.

/// Januari … Desember.
pub const BULAN: [&str; 12] = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];

/// The month name of 1..=12.
pub fn nama_bulan(month: u32) -> Option<&'static str> {
    BULAN
        .get(usize::try_from(month).ok()?.checked_sub(1)?)
        .copied()
}

/// 1..=12 of a month name (any case; `Nopember`, `Pebruari` and three-letter forms accepted).
pub fn bulan_dari_nama(name: &str) -> Option<u32> {
    let n = name.trim().trim_end_matches('.').to_lowercase();
    let n = match n.as_str() {
        "nopember" => "november",
        "pebruari" => "februari",
        other => other,
    };
    BULAN
        .iter()
        .position(|b| {
            let b = b.to_lowercase();
            b == n || (n.len() == 3 && b.starts_with(n)) || (n == "agt" && b == "agustus")
        })
        .and_then(|i| u32::try_from(i + 1).ok())
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Whether the date exists.
pub fn valid(year: i32, month: u32, day: u32) -> bool {
    (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month)
}

/// `26 Juli 2024`; an impossible date is printed as numbers (`31/2/2024`).
pub fn format_tanggal(year: i32, month: u32, day: u32) -> String {
    match nama_bulan(month) {
        Some(b) if valid(year, month, day) => format!("{day} {b} {year}"),
        _ => format!("{day}/{month}/{year}"),
    }
}

/// Read `26 Juli 2024` (also `26-07-2024`, `26/07/2024`, `2024-07-26`) into (year, month, day).
pub fn parse_tanggal(s: &str) -> Option<(i32, u32, u32)> {
    let s = s.trim();
    let parts: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == '-' || c == '/' || c == ',')
        .filter(|p| !p.is_empty())
        .collect();
    let (y, m, d) = match parts.as_slice() {
        [d, m, y] if m.chars().all(|c| c.is_alphabetic() || c == '.') => {
            (y.parse().ok()?, bulan_dari_nama(m)?, d.parse().ok()?)
        }
        [y, m, d] if y.len() == 4 => (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?),
        [d, m, y] => (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?),
        _ => return None,
    };
    valid(y, m, d).then_some((y, m, d))
}

/// Days from 1970-01-01 to a civil date (proleptic Gregorian): the inverse of
/// [`dari_hari_epoch`].
pub fn hari_epoch(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date (year, month, day) of a count of days since 1970-01-01 (proleptic Gregorian;
/// the caller reads the clock, this stays pure).
pub fn dari_hari_epoch(days: i64) -> (i32, u32, u32) {
    // Howard Hinnant's days-from-civil inverse, on 400-year eras of 146 097 days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (i32::try_from(year).unwrap_or(i32::MAX), month, day)
}

/// The month a period written in a title ends with (`words` as [`crate::teks::words`] splits
/// the title): the month named after `s.d.`, `s/d`, `sd`, `sampai (dengan)` or `hingga`
/// (`Periode 1 Januari s.d. 30 Juni 2025`: 6), or the last month of a quarter or semester named
/// there (`s.d. Triwulan III`: 9; `sampai dengan semester I`: 6). None when the words name no
/// such end (a lone `Bulan Juni` may be that month alone: not guessed).
pub fn akhir_periode(words: &[String]) -> Option<u8> {
    let at = words.iter().enumerate().find_map(|(i, w)| {
        let next = words.get(i + 1).map(String::as_str);
        match (w.as_str(), next) {
            ("s", Some("d")) => Some(i + 2),
            ("sd" | "hingga", _) => Some(i + 1),
            ("sampai", Some("dengan")) => Some(i + 2),
            ("sampai", _) => Some(i + 1),
            _ => None,
        }
    })?;
    let after = words.get(at..)?;
    for (k, w) in after.iter().enumerate().take(4) {
        let number = |n: Option<&String>| -> Option<u8> {
            let n = n?.as_str();
            match n {
                "i" => Some(1),
                "ii" => Some(2),
                "iii" => Some(3),
                "iv" => Some(4),
                _ => n.parse().ok(),
            }
        };
        match w.as_str() {
            "triwulan" | "tw" => {
                return number(after.get(k + 1))
                    .filter(|q| (1..=4).contains(q))
                    .map(|q| q * 3)
            }
            "semester" => {
                return number(after.get(k + 1))
                    .filter(|s| (1..=2).contains(s))
                    .map(|s| s * 6)
            }
            _ => {}
        }
        if w.len() >= 3 && w.chars().all(char::is_alphabetic) {
            if let Some(m) = bulan_dari_nama(w) {
                return u8::try_from(m).ok();
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_end_of_a_titles_period() {
        let table: [(&str, Option<u8>); 11] = [
            ("PERIODE 1 JANUARI S.D. 30 JUNI 2026", Some(6)),
            ("Periode Januari s/d September 2025", Some(9)),
            ("REALISASI SD BULAN MARET", Some(3)),
            ("sampai dengan Triwulan III Tahun 2025", Some(9)),
            ("Realisasi hingga TW II", Some(6)),
            ("s.d. Semester I", Some(6)),
            ("Sampai Desember 2025", Some(12)),
            ("Laporan Bulan Juni 2026", None),
            ("TAHUN ANGGARAN 2026", None),
            ("s.d. Triwulan V", None),
            ("s/d 31-12-2025", None),
        ];
        for (title, want) in table {
            assert_eq!(akhir_periode(&crate::teks::words(title)), want, "{title}");
        }
    }

    use super::*;

    #[test]
    fn dates() {
        assert_eq!(format_tanggal(2024, 7, 26), "26 Juli 2024");
        assert_eq!(format_tanggal(2024, 2, 30), "30/2/2024");
        assert_eq!(format_tanggal(2024, 2, 29), "29 Februari 2024");
        for (s, want) in [
            ("26 Juli 2024", Some((2024, 7, 26))),
            ("30 juni 2024", Some((2024, 6, 30))),
            ("1 Nopember 2023", Some((2023, 11, 1))),
            ("26-07-2024", Some((2024, 7, 26))),
            ("2024-07-26", Some((2024, 7, 26))),
            ("31 Juni 2024", None),
            ("14-19 Maret 2024", None),
            ("Malili", None),
        ] {
            assert_eq!(parse_tanggal(s), want, "{s}");
        }
        for m in 1..=12 {
            let name = nama_bulan(m).unwrap();
            assert_eq!(bulan_dari_nama(name), Some(m));
            assert_eq!(
                parse_tanggal(&format_tanggal(2025, m, 1)),
                Some((2025, m, 1))
            );
        }
        assert_eq!(nama_bulan(0), None);
        assert_eq!(nama_bulan(13), None);
    }

    #[test]
    fn civil_dates_from_day_counts() {
        for (days, expected) in [
            (0, (1970, 1, 1)),
            (-1, (1969, 12, 31)),
            (11_016, (2000, 2, 29)),
            (19_930, (2024, 7, 26)),
            (20_414, (2025, 11, 22)),
            (20_779, (2026, 11, 22)),
        ] {
            assert_eq!(dari_hari_epoch(days), expected, "{days}");
        }
        // Every day of four centuries round-trips through `valid` and increments by one.
        let mut prev = dari_hari_epoch(-1);
        for days in 0..146_097 {
            let (y, m, d) = dari_hari_epoch(days);
            assert!(valid(y, m, d), "{days}: {y}-{m}-{d}");
            assert!((y, m, d) > prev, "{days}");
            assert_eq!(
                hari_epoch(i64::from(y), i64::from(m), i64::from(d)),
                days,
                "{y}-{m}-{d} back to days"
            );
            prev = (y, m, d);
        }
    }
}
