//! The office's time zone: WIB, WITA or WIT, by default from the province of the workspace's
//! kabupaten/kota (Kemendagri's list, `data/`), and times shown in it.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::tanggal;

const PROVINSI: &str = include_str!("../data/provinsi.csv");
const KABUPATEN_KOTA: &str = include_str!("../data/kabupaten_kota.csv");

/// Indonesia's three time zones.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ZonaWaktu {
    /// Waktu Indonesia Barat, UTC+7.
    #[default]
    Wib,
    /// Waktu Indonesia Tengah, UTC+8.
    Wita,
    /// Waktu Indonesia Timur, UTC+9.
    Wit,
}

impl ZonaWaktu {
    pub const ALL: [ZonaWaktu; 3] = [ZonaWaktu::Wib, ZonaWaktu::Wita, ZonaWaktu::Wit];

    /// Hours ahead of UTC.
    pub fn selisih_jam(self) -> i64 {
        match self {
            ZonaWaktu::Wib => 7,
            ZonaWaktu::Wita => 8,
            ZonaWaktu::Wit => 9,
        }
    }

    /// `WIB`, `WITA`, `WIT`: what follows a time.
    pub fn singkatan(self) -> &'static str {
        match self {
            ZonaWaktu::Wib => "WIB",
            ZonaWaktu::Wita => "WITA",
            ZonaWaktu::Wit => "WIT",
        }
    }

    /// The form and storage key: `wib`, `wita`, `wit`.
    pub fn key(self) -> &'static str {
        match self {
            ZonaWaktu::Wib => "wib",
            ZonaWaktu::Wita => "wita",
            ZonaWaktu::Wit => "wit",
        }
    }

    /// `WIB — Waktu Indonesia Barat (UTC+7)`.
    pub fn label(self) -> &'static str {
        match self {
            ZonaWaktu::Wib => "WIB — Waktu Indonesia Barat (UTC+7)",
            ZonaWaktu::Wita => "WITA — Waktu Indonesia Tengah (UTC+8)",
            ZonaWaktu::Wit => "WIT — Waktu Indonesia Timur (UTC+9)",
        }
    }

    /// A key or abbreviation, any case.
    pub fn parse(s: &str) -> Option<ZonaWaktu> {
        let s = s.trim();
        ZonaWaktu::ALL
            .into_iter()
            .find(|z| z.key().eq_ignore_ascii_case(s))
    }

    /// The zone of a province by its Kemendagri code (`51` Bali → WITA).
    pub fn of_provinsi(kode: &str) -> ZonaWaktu {
        match kode {
            // Bali, NTB, NTT, Kalimantan Selatan/Timur/Utara, the six Sulawesi provinces.
            "51" | "52" | "53" | "63" | "64" | "65" | "71" | "72" | "73" | "74" | "75" | "76" => {
                ZonaWaktu::Wita
            }
            // Maluku, Maluku Utara and the six Papua provinces.
            "81" | "82" | "91" | "92" | "93" | "94" | "95" | "96" => ZonaWaktu::Wit,
            _ => ZonaWaktu::Wib,
        }
    }
}

/// A province found for what was typed as the kabupaten/kota.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Provinsi {
    pub kode: &'static str,
    pub nama: &'static str,
}

/// Lower case, single spaces, `Kab.`/`Kab` spelled out, `Pemerintah`/`Pemkab`/`Pemkot` dropped.
fn normalise(s: &str) -> String {
    let lower = s.to_lowercase().replace(['.', ','], " ");
    let words: Vec<&str> = lower.split_whitespace().collect();
    let mut out: Vec<&str> = Vec::with_capacity(words.len());
    let mut i = 0;
    while i < words.len() {
        match words[i] {
            "pemerintah" | "pemda" => {}
            "pemkab" | "kab" => out.push("kabupaten"),
            "pemkot" => out.push("kota"),
            "provinsi" | "prov" if i == 0 => out.push("provinsi"),
            w => out.push(w),
        }
        i += 1;
    }
    out.join(" ")
}

/// The provinces with their names normalised, read from the data once.
fn provinces() -> &'static [(String, Provinsi)] {
    static PROVINCES: OnceLock<Vec<(String, Provinsi)>> = OnceLock::new();
    PROVINCES.get_or_init(|| {
        PROVINSI
            .lines()
            .skip(1)
            .filter_map(|line| {
                let (kode, nama) = line.split_once(',')?;
                Some((normalise(nama), Provinsi { kode, nama }))
            })
            .collect()
    })
}

/// Every kabupaten/kota as (normalised full name, the same without `kabupaten`/`kota`,
/// province code), read from the data once: workspace and document summaries ask for it.
fn places() -> &'static [(String, String, &'static str)] {
    static PLACES: OnceLock<Vec<(String, String, &'static str)>> = OnceLock::new();
    PLACES.get_or_init(|| {
        KABUPATEN_KOTA
            .lines()
            .skip(1)
            .filter_map(|line| {
                let mut cols = line.splitn(3, ',');
                let (_, prov, nama) = (cols.next()?, cols.next()?, cols.next()?);
                let nama = normalise(nama);
                let bare = nama
                    .strip_prefix("kabupaten ")
                    .or_else(|| nama.strip_prefix("kota "))
                    .unwrap_or(&nama)
                    .to_string();
                Some((nama, bare, prov))
            })
            .collect()
    })
}

fn provinsi_by_kode(kode: &str) -> Option<Provinsi> {
    provinces()
        .iter()
        .find(|(_, p)| p.kode == kode)
        .map(|(_, p)| p.clone())
}

/// The province of a kabupaten/kota as people write it (`Kota Tarakan`, `Kab. Sleman`,
/// `Kabupaten Badung`, `Sleman`), or of a province itself (`Provinsi Bali`). None when nothing
/// matches, or when the name alone fits places in different provinces (`Banjar`: the
/// kabupaten in Kalimantan Selatan and the kota in Jawa Barat).
pub fn provinsi_of(kabupaten: &str) -> Option<Provinsi> {
    let typed = normalise(kabupaten);
    if typed.is_empty() {
        return None;
    }
    let bare = typed.strip_prefix("provinsi ").unwrap_or(&typed);
    if let Some((_, p)) = provinces().iter().find(|(nama, _)| nama == bare) {
        return Some(p.clone());
    }
    let mut found: Option<&str> = None;
    for (nama, without_kind, prov) in places() {
        if *nama == typed {
            return provinsi_by_kode(prov);
        }
        if *without_kind == typed {
            match found {
                Some(p) if p != *prov => return None,
                _ => found = Some(prov),
            }
        }
    }
    found.and_then(provinsi_by_kode)
}

/// The zone a workspace starts with: its kabupaten/kota's province's, else WIB.
pub fn zona_bawaan(kabupaten: &str) -> ZonaWaktu {
    provinsi_of(kabupaten).map_or(ZonaWaktu::Wib, |p| ZonaWaktu::of_provinsi(p.kode))
}

/// An RFC 3339 instant (`2026-11-22T17:03:27.5Z`, or with an offset) as the office's date and
/// time: `(year, month, day, hour, minute, second)`. None when it is not such a timestamp.
pub fn waktu_lokal(ts: &str, zona: ZonaWaktu) -> Option<(i32, u32, u32, u32, u32, u32)> {
    let b = ts.as_bytes();
    if b.len() < 19 || b[4] != b'-' || b[7] != b'-' || !matches!(b[10], b'T' | b't' | b' ') {
        return None;
    }
    let num = |r: std::ops::Range<usize>| ts.get(r)?.parse::<i64>().ok();
    let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (h, mi, s) = (num(11..13)?, num(14..16)?, num(17..19)?);
    if !tanggal::valid(
        i32::try_from(y).ok()?,
        u32::try_from(mo).ok()?,
        u32::try_from(d).ok()?,
    ) || h > 23
        || mi > 59
        || s > 60
    {
        return None;
    }
    // The offset after the seconds (and any fraction): Z, +hh:mm or -hh:mm.
    let rest = ts.get(19..)?;
    let rest = rest.trim_start_matches(|c: char| c == '.' || c.is_ascii_digit());
    let offset_min = match rest {
        "" | "Z" | "z" => 0,
        _ => {
            let sign = match rest.as_bytes()[0] {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            let (oh, om) = rest.get(1..)?.split_once(':')?;
            sign * (oh.parse::<i64>().ok()? * 60 + om.parse::<i64>().ok()?)
        }
    };
    let utc =
        tanggal::hari_epoch(y, mo, d) * 86_400 + h * 3_600 + mi * 60 + s.min(59) - offset_min * 60;
    let local = utc + zona.selisih_jam() * 3_600;
    let (days, secs) = (local.div_euclid(86_400), local.rem_euclid(86_400));
    let (ly, lm, ld) = tanggal::dari_hari_epoch(days);
    Some((
        ly,
        lm,
        ld,
        (secs / 3_600) as u32,
        (secs % 3_600 / 60) as u32,
        (secs % 60) as u32,
    ))
}

/// `2026-11-22`: a date without a time, which no zone moves.
fn plain_date(ts: &str) -> Option<String> {
    let b = ts.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let (y, m, d) = tanggal::parse_tanggal(ts)?;
    Some(tanggal::format_tanggal(y, m, d))
}

/// `22 November 2026` in the office's zone; the text as it was when it is not a timestamp.
pub fn tanggal_lokal(ts: &str, zona: ZonaWaktu) -> String {
    match waktu_lokal(ts, zona) {
        Some((y, m, d, ..)) => tanggal::format_tanggal(y, m, d),
        None => plain_date(ts).unwrap_or_else(|| ts.to_string()),
    }
}

/// `23 November 2026 00.03.27 WIB` (Indonesian time separator) in the office's zone.
pub fn tanggal_jam_lokal(ts: &str, zona: ZonaWaktu) -> String {
    match waktu_lokal(ts, zona) {
        Some((y, m, d, h, mi, s)) => format!(
            "{} {h:02}.{mi:02}.{s:02} {}",
            tanggal::format_tanggal(y, m, d),
            zona.singkatan()
        ),
        None => plain_date(ts).unwrap_or_else(|| ts.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_zone_follows_the_province_of_the_kabupaten_or_kota() {
        let cases = [
            ("Kota Tarakan", Some("Kalimantan Utara"), ZonaWaktu::Wita),
            (
                "Kabupaten Sleman",
                Some("Daerah Istimewa Yogyakarta"),
                ZonaWaktu::Wib,
            ),
            (
                "Kab. Sleman",
                Some("Daerah Istimewa Yogyakarta"),
                ZonaWaktu::Wib,
            ),
            ("Pemerintah Kabupaten Badung", Some("Bali"), ZonaWaktu::Wita),
            ("KOTA MAKASSAR", Some("Sulawesi Selatan"), ZonaWaktu::Wita),
            ("Kota Jayapura", Some("Papua"), ZonaWaktu::Wit),
            ("Kabupaten Mimika", Some("Papua Tengah"), ZonaWaktu::Wit),
            ("Kota Ambon", Some("Maluku"), ZonaWaktu::Wit),
            ("Sumenep", Some("Jawa Timur"), ZonaWaktu::Wib),
            (
                "Provinsi Nusa Tenggara Barat",
                Some("Nusa Tenggara Barat"),
                ZonaWaktu::Wita,
            ),
            // Kabupaten Bogor and Kota Bogor: both in Jawa Barat.
            ("Bogor", Some("Jawa Barat"), ZonaWaktu::Wib),
            // Kabupaten Banjar (Kalimantan Selatan) and Kota Banjar (Jawa Barat): not guessed.
            ("Banjar", None, ZonaWaktu::Wib),
            (
                "Kabupaten Banjar",
                Some("Kalimantan Selatan"),
                ZonaWaktu::Wita,
            ),
            ("Kabupaten Uji", None, ZonaWaktu::Wib),
            ("", None, ZonaWaktu::Wib),
        ];
        for (typed, provinsi, zona) in cases {
            assert_eq!(provinsi_of(typed).map(|p| p.nama), provinsi, "{typed}");
            assert_eq!(zona_bawaan(typed), zona, "{typed}");
        }
    }

    #[test]
    fn times_are_shown_in_the_office_zone_across_midnight_and_year_ends() {
        let cases = [
            (
                "2026-11-22T14:03:27.5Z",
                ZonaWaktu::Wib,
                "22 November 2026 21.03.27 WIB",
            ),
            (
                "2026-11-22T17:03:27Z",
                ZonaWaktu::Wib,
                "23 November 2026 00.03.27 WIB",
            ),
            (
                "2026-12-31T15:30:00Z",
                ZonaWaktu::Wita,
                "31 Desember 2026 23.30.00 WITA",
            ),
            (
                "2026-12-31T16:30:00Z",
                ZonaWaktu::Wita,
                "1 Januari 2027 00.30.00 WITA",
            ),
            (
                "2028-02-28T20:00:00Z",
                ZonaWaktu::Wit,
                "29 Februari 2028 05.00.00 WIT",
            ),
            (
                "2026-03-01T01:00:00+07:00",
                ZonaWaktu::Wib,
                "1 Maret 2026 01.00.00 WIB",
            ),
            (
                "2026-03-01T01:00:00+07:00",
                ZonaWaktu::Wit,
                "1 Maret 2026 03.00.00 WIT",
            ),
            ("bukan waktu", ZonaWaktu::Wib, "bukan waktu"),
            ("2026-12-31", ZonaWaktu::Wit, "31 Desember 2026"),
            (
                "2026-13-01T00:00:00Z",
                ZonaWaktu::Wib,
                "2026-13-01T00:00:00Z",
            ),
        ];
        for (ts, zona, want) in cases {
            assert_eq!(tanggal_jam_lokal(ts, zona), want, "{ts}");
        }
        assert_eq!(
            tanggal_lokal("2026-11-22T17:03:27Z", ZonaWaktu::Wib),
            "23 November 2026"
        );
    }

    #[test]
    fn zones_parse_from_their_keys_and_abbreviations() {
        for z in ZonaWaktu::ALL {
            assert_eq!(ZonaWaktu::parse(z.key()), Some(z));
            assert_eq!(ZonaWaktu::parse(z.singkatan()), Some(z));
        }
        assert_eq!(ZonaWaktu::parse("GMT"), None);
    }
}
