//! Units (satuan) with aliases: `Dok` = `Dokumen` = `dok`, `org` = `Orang`, `Lap` = `Laporan`, …
//!
//! Matching ignores case, surrounding spaces and a trailing dot. The dictionary only decides
//! whether two spellings mean the same unit; a row keeps the agency's own spelling for display.

use std::collections::BTreeMap;

use crate::model::{Location, Problem, Severity, ValueType};

/// Built-in units: canonical name, aliases (lower case), and the kind of value they measure.
const BUILTIN: &[(&str, &[&str], ValueType)] = &[
    (
        "%",
        &["%", "persen", "prosen", "percent"],
        ValueType::Percent,
    ),
    (
        "Dokumen",
        &["dokumen", "dok", "doc", "dokument"],
        ValueType::Count,
    ),
    ("Laporan", &["laporan", "lap", "lapora"], ValueType::Count),
    ("Orang", &["orang", "org", "orng"], ValueType::Count),
    ("Unit", &["unit"], ValueType::Count),
    ("Paket", &["paket", "pkt"], ValueType::Count),
    ("Kegiatan", &["kegiatan", "keg", "kgt"], ValueType::Count),
    ("Bulan", &["bulan", "bln"], ValueType::Count),
    ("SK", &["sk", "surat keputusan"], ValueType::Count),
    ("Berkas", &["berkas"], ValueType::Count),
    ("Lembaga", &["lembaga"], ValueType::Count),
    ("Kali", &["kali"], ValueType::Count),
    ("SKP", &["skp"], ValueType::Count),
    ("Nilai", &["nilai", "skor", "poin"], ValueType::Index),
    ("Indeks", &["indeks", "index", "indek"], ValueType::Index),
    ("Predikat", &["predikat", "kategori"], ValueType::Grade),
];

fn key(unit: &str) -> String {
    unit.trim().trim_end_matches('.').trim().to_lowercase()
}

/// The built-in canonical name of a unit spelling (`dok` → `Dokumen`), without a dictionary.
pub fn builtin_canonical(unit: &str) -> Option<&'static str> {
    let k = key(unit);
    BUILTIN
        .iter()
        .find(|(_, aliases, _)| aliases.contains(&k.as_str()))
        .map(|(c, _, _)| *c)
}

/// The kind of value a built-in unit measures (`%` → Percent, `Indeks` → Index).
pub fn builtin_kind(unit: &str) -> Option<ValueType> {
    let c = builtin_canonical(unit)?;
    BUILTIN.iter().find(|(n, _, _)| *n == c).map(|(_, _, k)| *k)
}

/// Why an alias was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UnitError {
    Kosong,
    Bentrok {
        alias: String,
        existing: String,
        wanted: String,
    },
}

impl UnitError {
    /// Stable code: `satuan_kosong`, `satuan_alias_bentrok`.
    pub fn code(&self) -> &'static str {
        match self {
            UnitError::Kosong => "satuan_kosong",
            UnitError::Bentrok { .. } => "satuan_alias_bentrok",
        }
    }

    pub fn to_problem(&self) -> Problem {
        Problem {
            severity: Severity::Error,
            code: self.code().into(),
            message: self.to_string(),
            at: Location::default(),
        }
    }
}

impl std::fmt::Display for UnitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            UnitError::Kosong => write!(f, "Nama satuan tidak boleh kosong"),
            UnitError::Bentrok {
                alias,
                existing,
                wanted,
            } => write!(
                f,
                "Satuan '{alias}' sudah berarti '{existing}', tidak dapat dijadikan '{wanted}'"
            ),
        }
    }
}

impl std::error::Error for UnitError {}

/// Units and their aliases; extendable per workspace.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnitDictionary {
    /// lower-case alias → canonical name
    aliases: BTreeMap<String, String>,
}

impl Default for UnitDictionary {
    fn default() -> Self {
        let mut aliases = BTreeMap::new();
        for (canonical, names, _) in BUILTIN {
            aliases.insert(key(canonical), canonical.to_string());
            for n in *names {
                aliases.insert(key(n), canonical.to_string());
            }
        }
        UnitDictionary { aliases }
    }
}

impl UnitDictionary {
    /// An empty dictionary (no built-ins).
    pub fn empty() -> Self {
        UnitDictionary {
            aliases: BTreeMap::new(),
        }
    }

    /// Make `alias` mean `canonical`. An unknown `canonical` becomes a new unit; if `canonical`
    /// is itself an alias, its canonical name is used. Refuses to re-point an alias that already
    /// means another unit.
    pub fn add_alias(&mut self, alias: &str, canonical: &str) -> Result<(), UnitError> {
        let target = self
            .canonical(canonical)
            .map(str::to_string)
            .unwrap_or_else(|| canonical.trim().to_string());
        let (ka, kt) = (key(alias), key(&target));
        if ka.is_empty() || kt.is_empty() {
            return Err(UnitError::Kosong);
        }
        if let Some(existing) = self.aliases.get(&ka) {
            if existing != &target {
                return Err(UnitError::Bentrok {
                    alias: alias.trim().to_string(),
                    existing: existing.clone(),
                    wanted: target,
                });
            }
        }
        self.aliases.entry(kt).or_insert_with(|| target.clone());
        self.aliases.insert(ka, target);
        Ok(())
    }

    /// The canonical name of a spelling, if known.
    pub fn canonical(&self, unit: &str) -> Option<&str> {
        self.aliases.get(&key(unit)).map(String::as_str)
    }

    /// Whether two spellings mean the same unit. Unknown spellings match only themselves
    /// (ignoring case, spaces and a trailing dot).
    pub fn same_unit(&self, a: &str, b: &str) -> bool {
        match (self.canonical(a), self.canonical(b)) {
            (Some(x), Some(y)) => x == y,
            (None, None) => key(a) == key(b),
            _ => false,
        }
    }

    /// All canonical units, sorted.
    pub fn units(&self) -> Vec<&str> {
        let mut v: Vec<&str> = self.aliases.values().map(String::as_str).collect();
        v.sort_unstable();
        v.dedup();
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases() {
        let d = UnitDictionary::default();
        for (a, b, same) in [
            ("Dok", "Dokumen", true),
            ("dok", "DOKUMEN", true),
            ("Dok.", "dokumen", true),
            ("Lap", "Laporan", true),
            ("org", "Orang", true),
            ("%", "Persen", true),
            ("Dok", "SKP", false),
            ("Laporan", "Dok", false),
            ("Eksemplar", "eksemplar", true),
            ("Eksemplar", "Dok", false),
        ] {
            assert_eq!(d.same_unit(a, b), same, "{a} vs {b}");
        }
        assert_eq!(d.canonical("LAP"), Some("Laporan"));
        assert_eq!(d.canonical("Eksemplar"), None);
        assert_eq!(builtin_canonical("org."), Some("Orang"));
        assert_eq!(builtin_kind("persen"), Some(ValueType::Percent));
    }

    #[test]
    fn user_aliases() {
        let mut d = UnitDictionary::default();
        d.add_alias("Eks", "Eksemplar").unwrap();
        d.add_alias("buku", "eks").unwrap();
        assert!(d.same_unit("buku", "EKSEMPLAR"));
        assert_eq!(d.canonical("buku"), Some("Eksemplar"));
        d.add_alias("dokumen akhir", "Dok").unwrap();
        assert!(d.same_unit("Dokumen Akhir", "Dokumen"));
        let err = d.add_alias("dok", "Laporan").unwrap_err();
        assert_eq!(err.code(), "satuan_alias_bentrok");
        assert_eq!(err.to_problem().code, "satuan_alias_bentrok");
        assert_eq!(d.add_alias(" ", "x"), Err(UnitError::Kosong));
        assert!(d.units().contains(&"Eksemplar"));
    }
}
