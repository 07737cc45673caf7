//! The national nomenclature of planning codes (Permendagri 90/2019 as updated by the
//! Kepmendagri 900.1.15.5 series): bidang urusan → program → kegiatan → sub kegiatan, for
//! provinces and kabupaten/kota, each sub kegiatan with its standard indikator and satuan and,
//! where its code changed, the code it replaces.
//!
//! The data itself is not in this crate (it would weigh on the browser bundle): the server
//! parses its copy with [`Nomenklatur::parse`] (format in `server/xlsx/data/README.md`).
//! What the nomenclature answers, each pure:
//! - [`Nomenklatur::check_kode`]: is a stated code in the nomenclature, does its name match;
//!   an old 2-digit sub kegiatan (`….06`) is named with its 4-digit code, a replaced code
//!   with the code that replaced it (the file's code is never rewritten);
//! - [`Nomenklatur::find`]: a row without code whose name is a node's name exactly, once
//!   normalised ([`name_key`]), under the row's parent when known: that node's code. Two or
//!   more nodes with that name are an ambiguity, reported, never a guess;
//! - [`Nomenklatur::suggest`]: names that are only close (shared words, edit distance), best
//!   first with a score, for the person to confirm;
//! - [`Nomenklatur::standard`]: a sub kegiatan's standard indikator and satuan;
//! - [`Nomenklatur::review`]: all of it over a document, as a [`Review`] (codes found,
//!   suggestions) and located [`Problem`]s.
//!
//! The penunjang program `X.XX.01` (and its kegiatan) keeps the placeholder of the source:
//! `5.03.01.2.01` is found as `X.XX.01.2.01`, and a code found under a parent `5.03.01` takes
//! the parent's urusan and bidang.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::checks::at_row;
use crate::kode::{self, problem};
use crate::model::{Document, Field, KodeSource, Level, Location, Problem, Row, Severity};
use crate::teks::{osa_distance, words};

/// Whose nomenclature: a province's or a kabupaten/kota's (their kegiatan differ).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum JenisPemda {
    #[serde(rename = "PROV")]
    Prov,
    #[serde(rename = "KABKOT")]
    Kabkot,
}

impl JenisPemda {
    /// `PROV`, `KABKOT`: the data file's and the JSON's spelling.
    pub fn key(self) -> &'static str {
        match self {
            JenisPemda::Prov => "PROV",
            JenisPemda::Kabkot => "KABKOT",
        }
    }

    /// The key in any case.
    pub fn parse(s: &str) -> Option<JenisPemda> {
        let s = s.trim();
        if s.eq_ignore_ascii_case("PROV") {
            Some(JenisPemda::Prov)
        } else if s.eq_ignore_ascii_case("KABKOT") {
            Some(JenisPemda::Kabkot)
        } else {
            None
        }
    }

    /// `provinsi`, `kabupaten/kota`: as messages say it.
    pub fn label(self) -> &'static str {
        match self {
            JenisPemda::Prov => "provinsi",
            JenisPemda::Kabkot => "kabupaten/kota",
        }
    }

    /// From a region as a title names it: `Provinsi Kalimantan Utara` is a province;
    /// `Kabupaten Malinau`, `Kab. Paser`, `Kota Tarakan`, `Pemerintah Kota Tarakan` are
    /// kabupaten/kota. None when the words do not say.
    pub fn of_region(region: &str) -> Option<JenisPemda> {
        let ws = words(region);
        let first = ws
            .iter()
            .find(|w| !matches!(w.as_str(), "pemerintah" | "pemerintahan" | "daerah"))?;
        match first.as_str() {
            "provinsi" | "prov" => Some(JenisPemda::Prov),
            "kabupaten" | "kab" | "kota" | "pemkab" | "pemkot" => Some(JenisPemda::Kabkot),
            _ => None,
        }
    }
}

/// One node of the nomenclature, as the data file holds it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    /// The governments whose nomenclature carries this node (both, for most programs).
    pub jenis: Vec<JenisPemda>,
    /// Canonical code: `X.XX` (bidang urusan), `X.XX.XX` (program), `X.XX.XX.X.XX`
    /// (kegiatan), `X.XX.XX.X.XX.XXXX` (sub kegiatan); the penunjang program is `X.XX.01`.
    pub kode: String,
    pub nama: String,
    /// Standard indikator of a sub kegiatan (empty above).
    pub indikator: String,
    /// Standard satuan of a sub kegiatan (empty above).
    pub satuan: String,
    /// The code this sub kegiatan replaces, when it changed.
    pub sebelumnya: Option<String>,
}

impl Record {
    /// Does `jenis`'s nomenclature carry this node (any, when unknown)?
    pub fn carried_by(&self, jenis: Option<JenisPemda>) -> bool {
        jenis.is_none_or(|j| self.jenis.contains(&j))
    }
}

/// What a lookup is limited to: the government's nomenclature, and the row's parent.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Scope<'a> {
    pub jenis: Option<JenisPemda>,
    /// Canonical code of the row's parent (the program of a kegiatan, the kegiatan of a sub
    /// kegiatan), when the nomenclature knows it.
    pub parent: Option<&'a str>,
}

/// A node found, with its code as the row should carry it (the penunjang placeholder filled
/// from the parent when the parent has it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit<'n> {
    pub kode: String,
    pub record: &'n Record,
}

/// The result of an exact name lookup.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Lookup<'n> {
    /// One node has this name in scope.
    Unique(Hit<'n>),
    /// Several nodes have this name in scope (codes in order): the name cannot tell.
    Ambiguous(Vec<Hit<'n>>),
    NotFound,
}

/// A code the person may choose for a row, with how close its name is (0–100; 100 = the
/// same name once normalised).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KodeCandidate {
    pub kode: String,
    pub name: String,
    pub score: u8,
}

/// Codes to offer for a row, for the person to confirm on the mapping page: a row without a
/// code whose name is only close to nodes' or carried by several, or a row whose stated code
/// the nomenclature does not have or replaced.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KodeSuggestion {
    /// Index into `Document::rows`.
    pub row: usize,
    /// 1-based sheet row (0 when the row was not read from a sheet).
    pub sheet_row: u32,
    pub level: Level,
    /// The row's name as the file has it.
    pub name: String,
    /// True when every candidate carries the row's name exactly (the name alone cannot tell
    /// them apart); false when the names are only close.
    pub exact: bool,
    /// Best first, at most three when the names are only close.
    pub candidates: Vec<KodeCandidate>,
}

/// The standard indikator and/or satuan of a sub kegiatan row that states none.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndicatorSuggestion {
    pub row: usize,
    pub sheet_row: u32,
    /// The sub kegiatan's code in the nomenclature.
    pub kode: String,
    /// The standard indikator, when the row has no indicator.
    pub indicator: Option<String>,
    /// The standard satuan, when the row has no unit (and its indicator, if any, is the
    /// standard one).
    pub unit: Option<String>,
}

/// A code found for a row by its exact name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FoundKode {
    pub row: usize,
    pub kode: String,
}

/// The nomenclature's view of a document ([`Nomenklatur::review`]).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Review {
    /// The nomenclature used (given, from the title's region, or from the codes and names).
    pub jenis: Option<JenisPemda>,
    /// Codes found by exact name for rows without one ([`Review::apply`] writes them).
    pub found: Vec<FoundKode>,
    pub kode_suggestions: Vec<KodeSuggestion>,
    pub indicator_suggestions: Vec<IndicatorSuggestion>,
}

impl Review {
    /// Give the rows the codes found, marked [`KodeSource::Found`].
    pub fn apply(&self, doc: &mut Document) {
        for f in &self.found {
            if let Some(row) = doc.rows.get_mut(f.row) {
                row.kode = Some(f.kode.clone());
                row.kode_sumber = Some(KodeSource::Found);
            }
        }
    }
}

/// The nomenclature, indexed by code, old code, normalised name and name words.
#[derive(Clone, Debug, Default)]
pub struct Nomenklatur {
    records: Vec<Record>,
    /// Normalised name words per record ([`name_key`]).
    keys: Vec<Vec<String>>,
    by_kode: HashMap<String, Vec<usize>>,
    by_old: HashMap<String, Vec<usize>>,
    /// (segments of the code, normalised name) → records.
    by_name: HashMap<(usize, String), Vec<usize>>,
    /// (segments, word) → records, for suggestions; common short words left out.
    by_word: HashMap<(usize, String), Vec<usize>>,
}

/// Abbreviations spelled out before names are compared (both sides alike).
const ABBREVIATIONS: &[(&str, &[&str])] = &[
    ("kab", &["kabupaten"]),
    ("prov", &["provinsi"]),
    ("sdm", &["sumber", "daya", "manusia"]),
    ("yg", &["yang"]),
    ("dgn", &["dengan"]),
];

/// Words too common to find a name by.
const STOPWORDS: &[&str] = &[
    "dan", "di", "ke", "dari", "pada", "yang", "untuk", "dalam", "bagi", "serta", "atau", "oleh",
    "dengan",
];

/// Suggestions below this score are not offered.
const MIN_SCORE: u8 = 60;
/// How many names sharing words are compared character by character.
const SHORTLIST: usize = 10;
/// How many suggestions a row gets when the names are only close.
const SUGGESTIONS: usize = 3;

fn is_roman(w: &str) -> bool {
    matches!(
        w,
        "i" | "ii" | "iii" | "iv" | "v" | "vi" | "vii" | "viii" | "ix" | "x"
    )
}

/// The words a name is compared by: lower case, punctuation as spaces, `&` as `dan`, a few
/// abbreviations spelled out (`Kab/Kota`, `Prov`, `SDM`, `yg`, `dgn`), a leading local
/// numbering (`1.1.1.`, `a.`, `IV.`) and a leading `Program` / `Kegiatan` / `Sub Kegiatan`
/// dropped.
pub fn name_words(name: &str) -> Vec<String> {
    let mut ws: Vec<String> = Vec::new();
    for w in words(&name.replace('&', " dan ")) {
        match ABBREVIATIONS.iter().find(|(a, _)| *a == w) {
            Some((_, full)) => ws.extend(full.iter().map(|s| s.to_string())),
            None => ws.push(w),
        }
    }
    let numbering = ws
        .iter()
        .take_while(|w| w.bytes().all(|b| b.is_ascii_digit()) || w.len() == 1 || is_roman(w))
        .count()
        .min(ws.len().saturating_sub(1));
    let rest = &ws[numbering..];
    let prefix = match rest {
        [a, b, _, ..] if a == "sub" && b == "kegiatan" => 2,
        [a, _, ..] if matches!(a.as_str(), "program" | "kegiatan" | "subkegiatan") => 1,
        _ => 0,
    };
    ws.split_off(numbering + prefix)
}

/// [`name_words`] joined by single spaces: two names are the same when their keys are.
pub fn name_key(name: &str) -> String {
    name_words(name).join(" ")
}

/// Segments of a node code at a row level.
fn segments_of(level: Level) -> Option<usize> {
    match level {
        Level::Program => Some(3),
        Level::Kegiatan => Some(5),
        Level::SubKegiatan => Some(6),
        Level::Indikator | Level::Tujuan | Level::Sasaran => None,
    }
}

/// `program`, `kegiatan`, `sub kegiatan`, `bidang urusan` by a code's segments.
fn tingkat(segments: usize) -> &'static str {
    match segments {
        2 => "bidang urusan",
        3 => "program",
        5 => "kegiatan",
        _ => "sub kegiatan",
    }
}

/// The penunjang placeholder (`X.XX.01…`) of a concrete code (`5.03.01…`).
fn placeholder(kode: &str) -> Option<String> {
    let segs: Vec<&str> = kode.split('.').collect();
    (segs.len() >= 3 && segs[0] != "X").then(|| format!("X.XX.{}", segs[2..].join(".")))
}

/// A record's code under `parent`: the placeholder urusan and bidang from the parent's code.
fn placed(kode: &str, parent: Option<&str>) -> String {
    let Some(p) = parent else {
        return kode.to_string();
    };
    let ps: Vec<&str> = p.split('.').collect();
    let concrete = |s: &&str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if kode.starts_with("X.XX.") && ps.len() >= 2 && ps[..2].iter().all(concrete) {
        format!("{}.{}.{}", ps[0], ps[1], &kode["X.XX.".len()..])
    } else {
        kode.to_string()
    }
}

/// The same word, give or take an Indonesian suffix or a typo: equal, one the other's
/// beginning (at least 4 letters: `cetak`/`cetakan`, `pemerintah`/`pemerintahan`), or one
/// edit apart (words of 5 letters or more).
fn same_word(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.chars().count() >= 4 && long.starts_with(short) {
        return true;
    }
    let (x, y): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    x.len().min(y.len()) >= 5 && x.len().abs_diff(y.len()) <= 1 && osa_distance(&x, &y) <= 1
}

/// 2 × shared words / all words, in percent (words counted with repetition, [`same_word`]).
fn dice(a: &[String], b: &[String]) -> u8 {
    if a.is_empty() || b.is_empty() {
        return 0;
    }
    let mut rest: Vec<&String> = b.iter().collect();
    let mut shared = 0usize;
    for w in a {
        let pos = rest
            .iter()
            .position(|x| *x == w)
            .or_else(|| rest.iter().position(|x| same_word(w, x)));
        if let Some(pos) = pos {
            rest.swap_remove(pos);
            shared += 1;
        }
    }
    (200 * shared / (a.len() + b.len())) as u8
}

/// 100 × (1 − edit distance / longer length), on the normalised names.
fn closeness(a: &str, b: &str) -> u8 {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let longer = a.len().max(b.len());
    if longer == 0 {
        return 100;
    }
    let d = osa_distance(&a, &b).min(longer);
    (100 * (longer - d) / longer) as u8
}

/// How close two names are (0–100): the mean of their shared words ([`dice`]) and their
/// shared characters ([`closeness`]), so that neither words alike in a different order nor
/// letters alike in different words alone make a name close.
fn similarity(a: &[String], b: &[String]) -> u8 {
    let words = u16::from(dice(a, b));
    let chars = u16::from(closeness(&a.join(" "), &b.join(" ")));
    ((words + chars) / 2) as u8
}

/// Comparisons already made during one review, by the name's words, the code's length, the
/// parent, the government and the limit: a file that repeats a name (a large one does,
/// thousands of times) is compared with the nomenclature once per name and scope.
#[derive(Default)]
struct SuggestMemo(HashMap<SuggestKey, Vec<KodeCandidate>>);

type SuggestKey = (
    Vec<String>,
    usize,
    Option<String>,
    Option<JenisPemda>,
    usize,
);

/// `5.03.02.2.01.0006 'Koordinasi …'`, several joined by commas.
fn codes_named(records: &[&Record]) -> String {
    records
        .iter()
        .map(|r| format!("{} '{}'", r.kode, r.nama))
        .collect::<Vec<_>>()
        .join(", ")
}

const SUMBER: &str = "Kepmendagri 900.1.15.5";

fn unknown(kode: &str, segments: usize) -> Problem {
    problem(
        Severity::Warning,
        "kode_tidak_ada",
        format!(
            "Kode {kode} tidak ada dalam nomenklatur {} ({SUMBER})",
            tingkat(segments)
        ),
    )
}

/// The records `jenis` carries, or all of them when it carries none (a code of the other
/// government's nomenclature is still a code).
fn preferred(records: Vec<&Record>, jenis: Option<JenisPemda>) -> Vec<&Record> {
    if records.iter().any(|r| r.carried_by(jenis)) {
        records
            .into_iter()
            .filter(|r| r.carried_by(jenis))
            .collect()
    } else {
        records
    }
}

/// What a code is to the nomenclature.
enum Status<'n> {
    Current(Vec<&'n Record>),
    Replaced(Vec<&'n Record>),
    Unknown,
}

impl Nomenklatur {
    /// Index the records.
    pub fn new(records: Vec<Record>) -> Nomenklatur {
        let mut n = Nomenklatur {
            keys: records.iter().map(|r| name_words(&r.nama)).collect(),
            records,
            ..Nomenklatur::default()
        };
        for (i, r) in n.records.iter().enumerate() {
            let segments = r.kode.split('.').count();
            n.by_kode.entry(r.kode.clone()).or_default().push(i);
            if let Some(old) = &r.sebelumnya {
                n.by_old.entry(old.clone()).or_default().push(i);
            }
            n.by_name
                .entry((segments, n.keys[i].join(" ")))
                .or_default()
                .push(i);
            let mut seen = HashSet::new();
            for w in &n.keys[i] {
                if !STOPWORDS.contains(&w.as_str()) && seen.insert(w) {
                    n.by_word.entry((segments, w.clone())).or_default().push(i);
                }
            }
        }
        n
    }

    /// Read the data file: tab-separated `jenis_pemda kode nama indikator satuan
    /// kode_sebelumnya`, `#` comments. A line that cannot be read is left out with an Error.
    pub fn parse(text: &str) -> (Nomenklatur, Vec<Problem>) {
        let mut records = Vec::new();
        let mut problems = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            match Self::parse_line(line) {
                Ok(r) => records.push(r),
                Err(why) => problems.push(problem(
                    Severity::Error,
                    "nomenklatur_rusak",
                    format!("Nomenklatur baris {}: {why}", i + 1),
                )),
            }
        }
        (Nomenklatur::new(records), problems)
    }

    fn parse_line(line: &str) -> Result<Record, String> {
        let f: Vec<&str> = line.split('\t').collect();
        let [jenis, code, nama, indikator, satuan, old] = f[..] else {
            return Err(format!("{} kolom, seharusnya 6", f.len()));
        };
        let jenis: Vec<JenisPemda> = jenis
            .split(',')
            .map(|j| JenisPemda::parse(j).ok_or_else(|| format!("jenis_pemda '{j}'")))
            .collect::<Result<_, _>>()?;
        // A planning code as the domain spells it: bidang urusan, program, kegiatan, sub
        // kegiatan (not a rekening).
        let canonical = |k: &str| {
            kode::normalize(k).0.as_deref() == Some(k)
                && (kode::level_of(k).is_some() || k.split('.').count() == 2)
        };
        if !canonical(code) {
            return Err(format!("kode '{code}' tidak baku"));
        }
        if nama.trim().is_empty() {
            return Err(format!("kode {code} tanpa nama"));
        }
        let sebelumnya = match old.trim() {
            "" => None,
            o if canonical(o) => Some(o.to_string()),
            o => return Err(format!("kode sebelumnya '{o}' tidak baku")),
        };
        Ok(Record {
            jenis,
            kode: code.to_string(),
            nama: nama.trim().to_string(),
            indikator: indikator.trim().to_string(),
            satuan: satuan.trim().to_string(),
            sebelumnya,
        })
    }

    pub fn records(&self) -> &[Record] {
        &self.records
    }

    pub fn len(&self) -> usize {
        self.records.len()
    }

    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// Records with this canonical code (the penunjang placeholder matching any urusan and
    /// bidang), both governments'.
    fn ids_of(&self, kode: &str) -> &[usize] {
        if let Some(ids) = self.by_kode.get(kode) {
            return ids;
        }
        placeholder(kode)
            .and_then(|p| self.by_kode.get(&p))
            .map_or(&[], Vec::as_slice)
    }

    /// The nodes with this canonical code in `jenis`'s nomenclature (any, when None).
    pub fn get(&self, kode: &str, jenis: Option<JenisPemda>) -> Vec<&Record> {
        self.ids_of(kode)
            .iter()
            .map(|&i| &self.records[i])
            .filter(|r| r.carried_by(jenis))
            .collect()
    }

    /// The nodes that replaced an old code.
    pub fn replaced_by(&self, old: &str, jenis: Option<JenisPemda>) -> Vec<&Record> {
        self.by_old
            .get(old)
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .map(|&i| &self.records[i])
            .filter(|r| r.carried_by(jenis))
            .collect()
    }

    /// What a code is: in `jenis`'s nomenclature first (a code one government replaced may
    /// be the other's current code), then in either.
    fn status(&self, kode: &str, jenis: Option<JenisPemda>) -> Status<'_> {
        let scopes = if jenis.is_some() {
            vec![jenis, None]
        } else {
            vec![None]
        };
        for j in scopes {
            let here = self.get(kode, j);
            if !here.is_empty() {
                return Status::Current(here);
            }
            let new = self.replaced_by(kode, j);
            if !new.is_empty() {
                return Status::Replaced(new);
            }
        }
        Status::Unknown
    }

    /// Check a stated canonical code and the row's name. Returns the code the nomenclature
    /// knows for it (the code itself, or the 4-digit form of an old 2-digit sub kegiatan whose
    /// name matches) and the problems: `kode_tidak_ada`, `kode_lama` (replaced, with the new
    /// code), `kode_format_lama` (2-digit sub kegiatan), `kode_jenis_lain` (the other
    /// government's code), `kode_nama_berbeda` (field Name).
    /// Codes that are not program, kegiatan or sub kegiatan codes are not checked.
    pub fn check_kode(
        &self,
        kode: &str,
        name: &str,
        jenis: Option<JenisPemda>,
    ) -> (Option<String>, Vec<Problem>) {
        let segments = kode.split('.').count();
        if kode::level_of(kode).is_none() {
            return (None, Vec::new());
        }
        let key = name_key(name);
        let same_name = |records: &[&Record]| {
            key.is_empty() || records.iter().any(|r| name_key(&r.nama) == key)
        };
        let old_format = (segments == 6)
            .then(|| kode.rsplit_once('.'))
            .flatten()
            .filter(|(_, last)| last.len() == 2)
            .map(|(head, last)| format!("{head}.00{last}"));
        match (self.status(kode, jenis), old_format) {
            (Status::Current(records), _) => {
                let records = preferred(records, jenis);
                let mut problems = Vec::new();
                if let Some(j) = jenis.filter(|j| !records.iter().any(|r| r.jenis.contains(j))) {
                    problems.push(problem(
                        Severity::Warning,
                        "kode_jenis_lain",
                        format!(
                            "Kode {kode} ada dalam nomenklatur {}, bukan {} ({SUMBER})",
                            records[0].jenis.first().map_or("lain", |o| o.label()),
                            j.label()
                        ),
                    ));
                }
                if !same_name(&records) {
                    problems.push(problem(
                        Severity::Info,
                        "kode_nama_berbeda",
                        format!(
                            "Kode {kode}: nama di berkas '{}' berbeda dengan nomenklatur '{}'",
                            name.trim(),
                            records[0].nama
                        ),
                    ));
                }
                (Some(kode.to_string()), problems)
            }
            (Status::Replaced(new), _) => {
                let p = problem(
                    Severity::Warning,
                    "kode_lama",
                    format!(
                        "Kode {kode} sudah diganti dalam nomenklatur ({SUMBER}) dengan {}; \
                         kode di berkas tidak diubah",
                        codes_named(&preferred(new, jenis))
                    ),
                );
                (None, vec![p])
            }
            (Status::Unknown, Some(padded)) => match self.status(&padded, jenis) {
                Status::Current(records) => {
                    let records = preferred(records, jenis);
                    let same = same_name(&records);
                    let mut message = format!(
                        "Kode {kode} berformat lama (sub kegiatan 2 digit); dalam nomenklatur \
                         ({SUMBER}) kodenya {}",
                        codes_named(&records)
                    );
                    if !same {
                        message.push_str(&format!(
                            "; namanya berbeda dengan di berkas ('{}'), periksa kodenya",
                            name.trim()
                        ));
                    }
                    let severity = if same {
                        Severity::Info
                    } else {
                        Severity::Warning
                    };
                    let p = problem(severity, "kode_format_lama", message);
                    (same.then_some(padded), vec![p])
                }
                Status::Replaced(new) => {
                    let p = problem(
                        Severity::Warning,
                        "kode_lama",
                        format!(
                            "Kode {kode} (format lama, {padded}) sudah diganti dalam nomenklatur \
                             ({SUMBER}) dengan {}; kode di berkas tidak diubah",
                            codes_named(&preferred(new, jenis))
                        ),
                    );
                    (None, vec![p])
                }
                Status::Unknown => (None, vec![unknown(kode, segments)]),
            },
            (Status::Unknown, None) => (None, vec![unknown(kode, segments)]),
        }
    }

    fn in_scope(&self, i: usize, scope: &Scope<'_>) -> bool {
        let r = &self.records[i];
        r.carried_by(scope.jenis) && scope.parent.is_none_or(|p| kode::is_ancestor(p, &r.kode))
    }

    /// The node at `level` whose name is `name` exactly once normalised ([`name_key`]),
    /// within `scope`.
    pub fn find(&self, name: &str, level: Level, scope: &Scope<'_>) -> Lookup<'_> {
        let Some(segments) = segments_of(level) else {
            return Lookup::NotFound;
        };
        let key = name_key(name);
        if key.is_empty() {
            return Lookup::NotFound;
        }
        let mut hits: Vec<Hit<'_>> = self
            .by_name
            .get(&(segments, key))
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .filter(|&&i| self.in_scope(i, scope))
            .map(|&i| Hit {
                kode: placed(&self.records[i].kode, scope.parent),
                record: &self.records[i],
            })
            .collect();
        hits.sort_by(|a, b| a.kode.cmp(&b.kode));
        hits.dedup_by(|a, b| a.kode == b.kode);
        match hits.len() {
            0 => Lookup::NotFound,
            1 => Lookup::Unique(hits.remove(0)),
            _ => Lookup::Ambiguous(hits),
        }
    }

    /// Nodes at `level` whose names are close to `name` (shared words, or few characters
    /// apart), best first, at most `limit`, none below a score of 60. Within the parent
    /// first; anywhere in the government's nomenclature when nothing there is close.
    pub fn suggest(
        &self,
        name: &str,
        level: Level,
        scope: &Scope<'_>,
        limit: usize,
    ) -> Vec<KodeCandidate> {
        self.suggest_with(&mut SuggestMemo::default(), name, level, scope, limit)
    }

    /// [`Nomenklatur::suggest`], remembering each comparison in `memo` for the rest of a
    /// review (the wider search, anywhere in the nomenclature, is the same for every parent).
    fn suggest_with(
        &self,
        memo: &mut SuggestMemo,
        name: &str,
        level: Level,
        scope: &Scope<'_>,
        limit: usize,
    ) -> Vec<KodeCandidate> {
        let Some(segments) = segments_of(level) else {
            return Vec::new();
        };
        let query = name_words(name);
        if query.is_empty() {
            return Vec::new();
        }
        let mut close = |scope: &Scope<'_>| {
            let key = (
                query.clone(),
                segments,
                scope.parent.map(str::to_string),
                scope.jenis,
                limit,
            );
            if let Some(found) = memo.0.get(&key) {
                return found.clone();
            }
            let found = self.close(&query, segments, scope, limit);
            memo.0.insert(key, found.clone());
            found
        };
        let found = close(scope);
        if found.is_empty() && scope.parent.is_some() {
            let wider = Scope {
                parent: None,
                ..*scope
            };
            return close(&wider);
        }
        found
    }

    fn close(
        &self,
        query: &[String],
        segments: usize,
        scope: &Scope<'_>,
        limit: usize,
    ) -> Vec<KodeCandidate> {
        let mut shared: HashMap<usize, usize> = HashMap::new();
        let mut seen = HashSet::new();
        for w in query {
            if STOPWORDS.contains(&w.as_str()) || !seen.insert(w) {
                continue;
            }
            for &i in self
                .by_word
                .get(&(segments, w.clone()))
                .map_or(&[][..], Vec::as_slice)
            {
                if self.in_scope(i, scope) {
                    *shared.entry(i).or_default() += 1;
                }
            }
        }
        let mut by_words: Vec<(u8, usize)> = shared
            .keys()
            .map(|&i| (dice(query, &self.keys[i]), i))
            .collect();
        by_words.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        by_words.truncate(SHORTLIST);
        let mut out: Vec<KodeCandidate> = by_words
            .into_iter()
            .map(|(_, i)| KodeCandidate {
                kode: placed(&self.records[i].kode, scope.parent),
                name: self.records[i].nama.clone(),
                score: similarity(query, &self.keys[i]),
            })
            .filter(|c| c.score >= MIN_SCORE)
            .collect();
        out.sort_by(|a, b| b.score.cmp(&a.score).then(a.kode.cmp(&b.kode)));
        out.dedup_by(|a, b| a.kode == b.kode);
        out.truncate(limit);
        out
    }

    /// The standard indikator and satuan of a sub kegiatan, when the nomenclature gives one
    /// (the same in every record of the code that `jenis` carries).
    pub fn standard(&self, kode: &str, jenis: Option<JenisPemda>) -> Option<(&str, &str)> {
        let mut pairs: Vec<(&str, &str)> = self
            .get(kode, jenis)
            .into_iter()
            .filter(|r| r.kode.split('.').count() == 6 && !r.indikator.is_empty())
            .map(|r| (r.indikator.as_str(), r.satuan.as_str()))
            .collect();
        pairs.dedup();
        match pairs[..] {
            [one] => Some(one),
            _ => None,
        }
    }

    /// Whose nomenclature a document follows: the title's region (`Kota …`, `Provinsi …`),
    /// else the codes and names that only one of them carries, when they all agree.
    pub fn detect_jenis(&self, doc: &Document) -> Option<JenisPemda> {
        if let Some(j) = doc.region.as_deref().and_then(JenisPemda::of_region) {
            return Some(j);
        }
        let mut votes = [0usize; 2];
        for row in &doc.rows {
            let ids: &[usize] = match (&row.kode, segments_of(row.level)) {
                (Some(k), _) => self.ids_of(k),
                (None, Some(s)) => self
                    .by_name
                    .get(&(s, name_key(&row.name)))
                    .map_or(&[], Vec::as_slice),
                (None, None) => &[],
            };
            let carried = |j: JenisPemda| ids.iter().any(|&i| self.records[i].jenis.contains(&j));
            match (carried(JenisPemda::Prov), carried(JenisPemda::Kabkot)) {
                (true, false) => votes[0] += 1,
                (false, true) => votes[1] += 1,
                _ => {}
            }
        }
        match votes {
            [p, 0] if p > 0 => Some(JenisPemda::Prov),
            [0, k] if k > 0 => Some(JenisPemda::Kabkot),
            _ => None,
        }
    }

    /// The nomenclature over a document, row by row: stated codes checked
    /// ([`Nomenklatur::check_kode`]; a code the person confirmed is checked too, but not its
    /// name), and for a code the nomenclature does not have or replaced, the codes to offer
    /// instead; rows without a code given one when their name is a node's name exactly under
    /// their parent (found, not stated: `Review::found`, Info `kode_ditemukan`), else
    /// suggestions (Info `kode_ambigu` when several nodes carry the name, `kode_saran` when
    /// names are close); sub kegiatan without indicator or satuan offered the standard ones
    /// (Info `indikator_standar`). `jenis`: the government's, when known; else detected
    /// ([`Nomenklatur::detect_jenis`]). Problems carry the row and field, not a cell.
    pub fn review(&self, doc: &Document, jenis: Option<JenisPemda>) -> (Review, Vec<Problem>) {
        let jenis = jenis.or_else(|| self.detect_jenis(doc));
        let mut review = Review {
            jenis,
            ..Review::default()
        };
        let mut problems = Vec::new();
        // The code the nomenclature knows for each row: the parent context of the rows below.
        let mut known: Vec<Option<String>> = vec![None; doc.rows.len()];
        let mut memo = SuggestMemo::default();
        for (i, row) in doc.rows.iter().enumerate() {
            if segments_of(row.level).is_none() {
                continue;
            }
            let parent = parent_of(&doc.rows, i).and_then(|j| known[j].as_deref());
            let scope = Scope { jenis, parent };
            match (&row.kode, row.kode_sumber) {
                (Some(k), Some(KodeSource::Found)) => known[i] = Some(k.clone()),
                (Some(k), source) => {
                    let (resolved, mut found) = self.check_kode(k, &row.name, jenis);
                    if source == Some(KodeSource::Confirmed) {
                        // The person chose the code knowing the row's name.
                        found.retain(|p| p.code != "kode_nama_berbeda");
                    }
                    for mut p in found {
                        let field = if p.code == "kode_nama_berbeda" {
                            Field::Name
                        } else {
                            Field::Kode
                        };
                        p.at = Location {
                            row: Some(i),
                            field: Some(field),
                            ..Location::default()
                        };
                        problems.push(p);
                    }
                    if resolved.is_none() && kode::level_of(k).is_some() {
                        let candidates = self.instead_of(k, row, &scope, &mut memo);
                        if !candidates.is_empty() {
                            review.kode_suggestions.push(KodeSuggestion {
                                row: i,
                                sheet_row: row.sheet_row,
                                level: row.level,
                                name: row.name.clone(),
                                exact: candidates.iter().all(|c| c.score == 100),
                                candidates,
                            });
                        }
                    }
                    known[i] = resolved;
                }
                (None, _) if !row.name.trim().is_empty() => {
                    match self.find(&row.name, row.level, &scope) {
                        Lookup::Unique(hit) => {
                            let spelt = if row.name.trim() == hit.record.nama {
                                String::new()
                            } else {
                                format!(" (dalam nomenklatur '{}')", hit.record.nama)
                            };
                            problems.push(at_row(
                                Severity::Info,
                                "kode_ditemukan",
                                format!(
                                    "Kode {} diisi dari nomenklatur ({SUMBER}) karena namanya \
                                     sama: '{}'{spelt}; berkas tidak mencantumkan kode",
                                    hit.kode,
                                    row.name.trim(),
                                ),
                                i,
                                Field::Name,
                            ));
                            known[i] = Some(hit.kode.clone());
                            review.found.push(FoundKode {
                                row: i,
                                kode: hit.kode,
                            });
                        }
                        Lookup::Ambiguous(hits) => {
                            problems.push(at_row(
                                Severity::Info,
                                "kode_ambigu",
                                format!(
                                    "Nama '{}' ada di {} tempat dalam nomenklatur ({}); pilih \
                                     kodenya di halaman pemetaan",
                                    row.name.trim(),
                                    hits.len(),
                                    hits.iter()
                                        .map(|h| h.kode.as_str())
                                        .collect::<Vec<_>>()
                                        .join(", ")
                                ),
                                i,
                                Field::Name,
                            ));
                            review.kode_suggestions.push(KodeSuggestion {
                                row: i,
                                sheet_row: row.sheet_row,
                                level: row.level,
                                name: row.name.clone(),
                                exact: true,
                                candidates: hits
                                    .into_iter()
                                    .map(|h| KodeCandidate {
                                        kode: h.kode,
                                        name: h.record.nama.clone(),
                                        score: 100,
                                    })
                                    .collect(),
                            });
                        }
                        Lookup::NotFound => {
                            let candidates = self.suggest_with(
                                &mut memo,
                                &row.name,
                                row.level,
                                &scope,
                                SUGGESTIONS,
                            );
                            if let Some(best) = candidates.first() {
                                problems.push(at_row(
                                    Severity::Info,
                                    "kode_saran",
                                    format!(
                                        "Nama '{}' tidak ada persis dalam nomenklatur; yang \
                                         paling mirip {} '{}' ({} %); konfirmasi di halaman \
                                         pemetaan",
                                        row.name.trim(),
                                        best.kode,
                                        best.name,
                                        best.score
                                    ),
                                    i,
                                    Field::Name,
                                ));
                                review.kode_suggestions.push(KodeSuggestion {
                                    row: i,
                                    sheet_row: row.sheet_row,
                                    level: row.level,
                                    name: row.name.clone(),
                                    exact: false,
                                    candidates,
                                });
                            }
                        }
                    }
                }
                _ => {}
            }
            if row.level == Level::SubKegiatan {
                if let Some(k) = known[i].as_deref() {
                    if let Some(s) = self.indicator_suggestion(&doc.rows, i, k, jenis) {
                        let message = match (&s.indicator, &s.unit) {
                            (Some(ind), Some(sat)) => format!(
                                "Sub kegiatan {k} tanpa indikator: indikator standar nomenklatur \
                                 '{ind}', satuan '{sat}'"
                            ),
                            (Some(ind), None) => format!(
                                "Sub kegiatan {k} tanpa indikator: indikator standar nomenklatur \
                                 '{ind}'"
                            ),
                            (None, Some(sat)) => format!(
                                "Sub kegiatan {k} tanpa satuan: satuan standar nomenklatur \
                                 '{sat}'"
                            ),
                            (None, None) => String::new(),
                        };
                        problems.push(at_row(
                            Severity::Info,
                            "indikator_standar",
                            message,
                            i,
                            Field::Indicator,
                        ));
                        review.indicator_suggestions.push(s);
                    }
                }
            }
        }
        (review, problems)
    }

    /// Codes to offer instead of a stated code the nomenclature does not have or replaced:
    /// the codes that replaced it (also in its 4-digit form), then the nodes with the row's
    /// name, exactly or close; best first, at most three.
    fn instead_of(
        &self,
        kode: &str,
        row: &Row,
        scope: &Scope<'_>,
        memo: &mut SuggestMemo,
    ) -> Vec<KodeCandidate> {
        let name = name_words(&row.name);
        let padded = kode
            .rsplit_once('.')
            .filter(|(_, last)| kode.split('.').count() == 6 && last.len() == 2)
            .map(|(head, last)| format!("{head}.00{last}"));
        let mut out: Vec<KodeCandidate> = [Some(kode.to_string()), padded]
            .into_iter()
            .flatten()
            .flat_map(|k| preferred(self.replaced_by(&k, None), scope.jenis))
            .map(|r| KodeCandidate {
                kode: r.kode.clone(),
                name: r.nama.clone(),
                score: similarity(&name, &name_words(&r.nama)),
            })
            .collect();
        match self.find(&row.name, row.level, scope) {
            Lookup::Unique(h) => out.push(KodeCandidate {
                kode: h.kode,
                name: h.record.nama.clone(),
                score: 100,
            }),
            Lookup::Ambiguous(hs) => out.extend(hs.into_iter().map(|h| KodeCandidate {
                kode: h.kode,
                name: h.record.nama.clone(),
                score: 100,
            })),
            Lookup::NotFound => {
                out.extend(self.suggest_with(memo, &row.name, row.level, scope, SUGGESTIONS))
            }
        }
        out.retain(|c| c.kode != kode);
        out.sort_by(|a, b| b.score.cmp(&a.score).then(a.kode.cmp(&b.kode)));
        // The same code twice (replacement and name): keep it once, best score first.
        let mut seen = HashSet::new();
        out.retain(|c| seen.insert(c.kode.clone()));
        out.truncate(SUGGESTIONS);
        out
    }

    fn indicator_suggestion(
        &self,
        rows: &[Row],
        i: usize,
        kode: &str,
        jenis: Option<JenisPemda>,
    ) -> Option<IndicatorSuggestion> {
        let row = &rows[i];
        let more = rows[i + 1..]
            .iter()
            .take_while(|r| r.level == Level::Indikator)
            .any(|r| !r.indicator.trim().is_empty());
        let no_indicator = row.indicator.trim().is_empty() && !more;
        let no_unit = row.unit.as_deref().is_none_or(|u| u.trim().is_empty());
        if !no_indicator && !no_unit {
            return None;
        }
        let (indikator, satuan) = self.standard(kode, jenis)?;
        let standard_indicator = no_indicator || name_key(&row.indicator) == name_key(indikator);
        let indicator = no_indicator.then(|| indikator.to_string());
        let unit =
            (no_unit && standard_indicator && !satuan.is_empty()).then(|| satuan.to_string());
        (indicator.is_some() || unit.is_some()).then(|| IndicatorSuggestion {
            row: i,
            sheet_row: row.sheet_row,
            kode: kode.to_string(),
            indicator,
            unit,
        })
    }
}

/// The row a row hangs under: the nearest row above it of a higher level in its tree.
fn parent_of(rows: &[Row], i: usize) -> Option<usize> {
    let (rank, kinerja) = (rows[i].level.rank(), rows[i].level.kinerja());
    rows[..i].iter().rposition(|r| {
        r.level != Level::Indikator && r.level.kinerja() == kinerja && r.level.rank() < rank
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Row;

    /// Lines of the shipped data (`server/xlsx/data/nomenklatur.tsv`; one name shortened).
    const DATA: &str = "\
# jenis_pemda\tkode\tnama\tindikator\tsatuan\tkode_sebelumnya
PROV,KABKOT\t1.02.02\tPROGRAM PEMENUHAN UPAYA KESEHATAN PERORANGAN DAN UPAYA KESEHATAN MASYARAKAT\t\t\t
KABKOT\t1.02.02.2.02\tPenyediaan Layanan Kesehatan untuk UKM dan UKP Rujukan Tingkat Daerah Kabupaten/Kota\t\t\t
KABKOT\t1.02.02.2.02.0053\tPengambilan, Pemeriksaan dan Pengiriman Spesimen Penyakit Potensial KLB ke Laboratorium Rujukan/Nasional\tJumlah Spesimen Penyakit Potensial Kejadian Luar Biasa (KLB) ke Laboratorium Rujukan/Nasional yang Didistribusikan\tPaket\t1.02.02.2.02.0028
PROV\t2.15.04.4.05.0002\tKoordinasi Pelayanan Jasa Kebandarudaraan\tJumlah Dokumen Koordinasi Pelayanan Jasa Kebandarudaraan\tDokumen\t
KABKOT\t2.15.04.4.05.0005\tKoordinasi penetapan rencana detail tata ruang kawasan di sekitar bandar udara\tJumlah Laporan Koordinasi penetapan rencana detail tata ruang kawasan di sekitar bandar udara\tLaporan\t2.15.04.4.05.0002
PROV,KABKOT\t5.03\tURUSAN PEMERINTAHAN BIDANG KEPEGAWAIAN\t\t\t
PROV,KABKOT\t5.03.02\tPROGRAM KEPEGAWAIAN DAERAH\t\t\t
KABKOT\t5.03.02.2.01\tPengadaan, Pemberhentian dan Informasi Kepegawaian ASN\t\t\t
KABKOT\t5.03.02.2.01.0006\tKoordinasi Pelaksanaan Administrasi Pemberhentian\tJumlah Dokumen Hasil kegiatan Koordinasi Pelaksanaan Administrasi Pemberhentian\tDokumen\t
PROV,KABKOT\t5.06.02\tPROGRAM PENGELOLAAN PERBATASAN\t\t\t
KABKOT\t5.06.02.2.02\tPelaksanaan Kewilayahan Perbatasan\t\t\t
KABKOT\t5.06.02.2.02.0003\tPenjagaan dan Pemeliharaan Tanda Batas Wilayah Negara\tJumlah Tanda Batas Wilayah Negara yang Dijaga dan Dipelihara\tDokumen\t
PROV,KABKOT\t5.06.03\tPENGELOLAAN PERBATASAN NEGARA\t\t\t
KABKOT\t5.06.03.2.02\tPelaksanaan Pembangunan Perbatasan Negara\t\t\t
KABKOT\t5.06.03.2.02.0002\tPenjagaan dan Pemeliharaan Tanda Batas Wilayah Negara\tJumlah Laporan Hasil Penjagaan dan Pemeliharaan Tanda Batas Wilayah Negara\tLaporan\t
PROV\tX.XX.01\tPROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH PROVINSI\t\t\t
KABKOT\tX.XX.01\tPROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA\t\t\t
PROV\tX.XX.01.1.01\tPerencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah\t\t\t
PROV\tX.XX.01.1.01.0001\tPenyusunan Dokumen Perencanaan Perangkat Daerah\tJumlah Dokumen Perencanaan Perangkat Daerah\tDokumen\t
KABKOT\tX.XX.01.2.01\tPerencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah\t\t\t
KABKOT\tX.XX.01.2.01.0001\tPenyusunan Dokumen Perencanaan Perangkat Daerah\tJumlah Dokumen Perencanaan Perangkat Daerah\tDokumen\t
KABKOT\tX.XX.01.2.02\tAdministrasi Keuangan Perangkat Daerah\t\t\t
KABKOT\tX.XX.01.2.02.0001\tPenyediaan Gaji dan Tunjangan ASN\tJumlah Orang yang Menerima Gaji dan Tunjangan ASN\tOrang/bulan\t
KABKOT\tX.XX.01.2.06\tAdministrasi Umum Perangkat Daerah\t\t\t
KABKOT\tX.XX.01.2.06.0005\tPenyediaan Barang Cetakan dan Penggandaan\tJumlah Paket Barang Cetakan dan Penggandaan yang Disediakan\tPaket\t
";

    fn n() -> Nomenklatur {
        let (n, problems) = Nomenklatur::parse(DATA);
        assert!(problems.is_empty(), "{problems:?}");
        n
    }

    const K: Option<JenisPemda> = Some(JenisPemda::Kabkot);
    const P: Option<JenisPemda> = Some(JenisPemda::Prov);

    #[test]
    fn parses_the_data_lines_and_says_which_cannot_be_read() {
        assert_eq!(n().len(), 25);
        let r = &n().get("1.02.02.2.02.0053", None)[0].clone();
        assert_eq!(r.jenis, [JenisPemda::Kabkot]);
        assert_eq!(r.satuan, "Paket");
        assert_eq!(r.sebelumnya.as_deref(), Some("1.02.02.2.02.0028"));
        assert_eq!(n().get("5.03.02", None)[0].jenis.len(), 2);
        let broken: &[(&str, &str)] = &[
            ("KABKOT\t5.03.02\tPROGRAM", "3 kolom, seharusnya 6"),
            ("KOTA\t5.03.02\tPROGRAM\t\t\t", "jenis_pemda 'KOTA'"),
            (
                "KABKOT\t5.03.02.201\tX\t\t\t",
                "kode '5.03.02.201' tidak baku",
            ),
            ("KABKOT\t5.1.02.01.01.0024\tBelanja\t\t\t", "tidak baku"),
            ("KABKOT\t5.03.02\t \t\t\t", "kode 5.03.02 tanpa nama"),
            (
                "KABKOT\t5.03.02.2.01.0006\tX\t\t\t1.1.1",
                "kode sebelumnya '1.1.1'",
            ),
        ];
        for (line, why) in broken {
            let text = format!("# komentar\n\n{line}\nPROV\t5.03\tBIDANG\t\t\t\n");
            let (n, problems) = Nomenklatur::parse(&text);
            assert_eq!(n.len(), 1, "{line}");
            assert_eq!(problems.len(), 1, "{line}");
            assert_eq!(problems[0].code, "nomenklatur_rusak");
            assert_eq!(problems[0].severity, Severity::Error);
            assert!(
                problems[0].message.starts_with("Nomenklatur baris 3: ")
                    && problems[0].message.contains(why),
                "{line}: {}",
                problems[0].message
            );
        }
    }

    #[test]
    fn names_compare_by_their_words() {
        let cases: &[(&str, &str)] = &[
            (
                "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA",
                "penunjang urusan pemerintahan daerah kabupaten kota",
            ),
            (
                "Program Penunjang Urusan Pemerintahan Daerah Kab/Kota",
                "penunjang urusan pemerintahan daerah kabupaten kota",
            ),
            (
                "1.1.1. Sub Kegiatan Penyusunan Dokumen Perencanaan Perangkat daerah",
                "penyusunan dokumen perencanaan perangkat daerah",
            ),
            (
                "Sub kegiatan pengelolaan mutasi ASN",
                "pengelolaan mutasi asn",
            ),
            (
                "1.Program Pengembangan SDM",
                "pengembangan sumber daya manusia",
            ),
            (
                "IV. Kegiatan Mutasi & Promosi ASN",
                "mutasi dan promosi asn",
            ),
            ("a. Pengadaan Mebel", "pengadaan mebel"),
            (
                "Koordinasi dan Penyusunan Laporan Keuangan Bulanan/ Triwulanan / Semesteran SKPD",
                "koordinasi dan penyusunan laporan keuangan bulanan triwulanan semesteran skpd",
            ),
            (
                "Penyediaan Jasa Pemeliharaan, Biaya Pemeliharaan, Pajak, dan Perizinan",
                "penyediaan jasa pemeliharaan biaya pemeliharaan pajak dan perizinan",
            ),
            // The prefix word alone, a number alone: kept (nothing else to compare).
            ("Program", "program"),
            ("Sub Kegiatan", "sub kegiatan"),
            ("12", "12"),
            ("  ", ""),
        ];
        for (name, key) in cases {
            assert_eq!(name_key(name), *key, "{name}");
        }
    }

    #[test]
    fn whose_nomenclature_a_region_follows() {
        let cases: &[(&str, Option<JenisPemda>)] = &[
            ("Kota Tarakan", K),
            ("Kabupaten Malinau", K),
            ("Kab. Paser", K),
            ("Pemerintah Kota Banjarbaru", K),
            ("Provinsi Kalimantan Utara", P),
            ("PEMERINTAH PROVINSI JAWA TIMUR", P),
            ("Tarakan", None),
            ("", None),
        ];
        for (region, want) in cases {
            assert_eq!(JenisPemda::of_region(region), *want, "{region}");
        }
        assert_eq!(JenisPemda::parse(" kabkot"), K);
        assert_eq!(JenisPemda::parse("PROV"), P);
        assert_eq!(JenisPemda::parse("KOTA"), None);
        assert_eq!(
            serde_json::to_string(&JenisPemda::Kabkot).unwrap(),
            "\"KABKOT\""
        );
    }

    /// Expected lookup: one code, several, or none.
    enum Want {
        One(&'static str),
        Many(&'static [&'static str]),
        None,
    }

    #[test]
    fn finds_a_code_by_exact_name_under_its_parent() {
        use Level::{Kegiatan as Keg, Program as Prog, SubKegiatan as Sub};
        type Case = (
            &'static str,
            Level,
            Option<JenisPemda>,
            Option<&'static str>,
            Want,
        );
        let cases: &[Case] = &[
            (
                "PROGRAM KEPEGAWAIAN DAERAH",
                Prog,
                None,
                None,
                Want::One("5.03.02"),
            ),
            (
                "Program Kepegawaian Daerah",
                Prog,
                K,
                None,
                Want::One("5.03.02"),
            ),
            (
                "Program Penunjang Urusan Pemerintahan Daerah Kab/Kota",
                Prog,
                None,
                None,
                Want::One("X.XX.01"),
            ),
            // Province and kabupaten/kota carry the same name under different codes.
            (
                "Perencanaan, Penganggaran dan Evaluasi Kinerja Perangkat Daerah",
                Keg,
                None,
                Some("X.XX.01"),
                Want::Many(&["X.XX.01.1.01", "X.XX.01.2.01"]),
            ),
            (
                "Perencanaan, Penganggaran dan Evaluasi Kinerja Perangkat Daerah",
                Keg,
                K,
                Some("X.XX.01"),
                Want::One("X.XX.01.2.01"),
            ),
            // The parent's urusan and bidang replace the placeholder.
            (
                "Perencanaan, Penganggaran dan Evaluasi Kinerja Perangkat Daerah",
                Keg,
                P,
                Some("5.03.01"),
                Want::One("5.03.01.1.01"),
            ),
            (
                "1.1.1. Sub Kegiatan Penyusunan Dokumen Perencanaan Perangkat daerah",
                Sub,
                None,
                Some("5.03.01.2.01"),
                Want::One("5.03.01.2.01.0001"),
            ),
            // The same sub kegiatan name under two kegiatan: the parent tells.
            (
                "Penjagaan dan Pemeliharaan Tanda Batas Wilayah Negara",
                Sub,
                K,
                None,
                Want::Many(&["5.06.02.2.02.0003", "5.06.03.2.02.0002"]),
            ),
            (
                "Penjagaan dan Pemeliharaan Tanda Batas Wilayah Negara",
                Sub,
                K,
                Some("5.06.03.2.02"),
                Want::One("5.06.03.2.02.0002"),
            ),
            (
                "Penjagaan dan Pemeliharaan Tanda Batas Wilayah Negara",
                Sub,
                K,
                Some("5.06.02"),
                Want::One("5.06.02.2.02.0003"),
            ),
            // Not under that parent, not that government's, not that level, not exact.
            (
                "Penjagaan dan Pemeliharaan Tanda Batas Wilayah Negara",
                Sub,
                K,
                Some("5.03.02.2.01"),
                Want::None,
            ),
            (
                "Administrasi Keuangan Perangkat Daerah",
                Keg,
                P,
                None,
                Want::None,
            ),
            (
                "Administrasi Keuangan Perangkat Daerah",
                Sub,
                K,
                None,
                Want::None,
            ),
            ("Penyediaan Gaji dan Tunjangan", Sub, K, None, Want::None),
            (
                "Penyediaan Barang Cetak dan Penggandaan",
                Sub,
                K,
                None,
                Want::None,
            ),
            ("", Prog, None, None, Want::None),
            (
                "PROGRAM KEPEGAWAIAN DAERAH",
                Level::Indikator,
                None,
                None,
                Want::None,
            ),
        ];
        let n = n();
        for (name, level, jenis, parent, want) in cases {
            let scope = Scope {
                jenis: *jenis,
                parent: *parent,
            };
            let got = n.find(name, *level, &scope);
            let ctx = format!("{name} {level:?} {jenis:?} {parent:?}");
            match (want, got) {
                (Want::One(k), Lookup::Unique(h)) => assert_eq!(h.kode, *k, "{ctx}"),
                (Want::Many(ks), Lookup::Ambiguous(hs)) => {
                    let got: Vec<&str> = hs.iter().map(|h| h.kode.as_str()).collect();
                    assert_eq!(got, *ks, "{ctx}");
                }
                (Want::None, Lookup::NotFound) => {}
                (_, got) => panic!("{ctx}: {got:?}"),
            }
        }
    }

    #[test]
    fn checks_stated_codes_and_names() {
        // (kode, name, jenis) → (code the nomenclature knows, problem code, severity, words
        // the message holds).
        type Case = (
            &'static str,
            &'static str,
            Option<JenisPemda>,
            Option<&'static str>,
            Option<(&'static str, Severity, &'static [&'static str])>,
        );
        let cases: &[Case] = &[
            ("5.03.02", "PROGRAM KEPEGAWAIAN DAERAH", None, Some("5.03.02"), None),
            ("5.03.02", "", K, Some("5.03.02"), None),
            (
                "5.03.02.2.01",
                "Pengadaan, Pemberhentian, dan Informasi Kepegawaian ASN",
                K,
                Some("5.03.02.2.01"),
                None,
            ),
            // The penunjang program of any bidang: its name is the government's.
            (
                "5.03.01",
                "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota",
                None,
                Some("5.03.01"),
                None,
            ),
            (
                "5.03.01",
                "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota",
                P,
                Some("5.03.01"),
                Some((
                    "kode_nama_berbeda",
                    Severity::Info,
                    &["5.03.01", "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH PROVINSI"],
                )),
            ),
            (
                "5.03.02.2.01.0006",
                "Koordinasi Administrasi Pemberhentian",
                K,
                Some("5.03.02.2.01.0006"),
                Some((
                    "kode_nama_berbeda",
                    Severity::Info,
                    &["'Koordinasi Administrasi Pemberhentian'", "'Koordinasi Pelaksanaan"],
                )),
            ),
            (
                "5.03.02.2.01.06",
                "Koordinasi Pelaksanaan Administrasi Pemberhentian",
                K,
                Some("5.03.02.2.01.0006"),
                Some((
                    "kode_format_lama",
                    Severity::Info,
                    &["5.03.02.2.01.06", "2 digit", "5.03.02.2.01.0006 'Koordinasi"],
                )),
            ),
            (
                "5.03.02.2.01.06",
                "Pengelolaan Mutasi ASN",
                K,
                None,
                Some((
                    "kode_format_lama",
                    Severity::Warning,
                    &["5.03.02.2.01.0006", "periksa kodenya"],
                )),
            ),
            (
                "1.02.02.2.02.0028",
                "Pengambilan Spesimen",
                K,
                None,
                Some((
                    "kode_lama",
                    Severity::Warning,
                    &["1.02.02.2.02.0028 sudah diganti", "1.02.02.2.02.0053 'Pengambilan"],
                )),
            ),
            (
                "1.02.02.2.02.28",
                "Pengambilan Spesimen",
                K,
                None,
                Some((
                    "kode_lama",
                    Severity::Warning,
                    &["format lama, 1.02.02.2.02.0028", "1.02.02.2.02.0053"],
                )),
            ),
            (
                "1.01.02.1.99",
                "Kegiatan Entah",
                None,
                None,
                Some((
                    "kode_tidak_ada",
                    Severity::Warning,
                    &["Kode 1.01.02.1.99 tidak ada dalam nomenklatur kegiatan (Kepmendagri 900.1.15.5)"],
                )),
            ),
            (
                "5.03.02.2.01.0099",
                "X",
                K,
                None,
                Some(("kode_tidak_ada", Severity::Warning, &["nomenklatur sub kegiatan"])),
            ),
            // The other government's code.
            (
                "5.03.01.1.01",
                "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah",
                K,
                Some("5.03.01.1.01"),
                Some((
                    "kode_jenis_lain",
                    Severity::Warning,
                    &["nomenklatur provinsi, bukan kabupaten/kota"],
                )),
            ),
            // Replaced in the kabupaten/kota nomenclature, current in the province's.
            (
                "2.15.04.4.05.0002",
                "Koordinasi Pelayanan Jasa Kebandarudaraan",
                K,
                None,
                Some(("kode_lama", Severity::Warning, &["2.15.04.4.05.0005"])),
            ),
            (
                "2.15.04.4.05.0002",
                "Koordinasi Pelayanan Jasa Kebandarudaraan",
                P,
                Some("2.15.04.4.05.0002"),
                None,
            ),
            (
                "2.15.04.4.05.0002",
                "Koordinasi Pelayanan Jasa Kebandarudaraan",
                None,
                Some("2.15.04.4.05.0002"),
                None,
            ),
            // Bidang urusan and rekening codes are not rows' codes: not checked.
            ("5.03", "URUSAN", None, None, None),
            ("5.1.02.01.01.0024", "Belanja", None, None, None),
        ];
        let n = n();
        for (kode, name, jenis, known, problem) in cases {
            let (got, problems) = n.check_kode(kode, name, *jenis);
            assert_eq!(got.as_deref(), *known, "{kode} {name}");
            match problem {
                None => assert!(problems.is_empty(), "{kode} {name}: {problems:?}"),
                Some((code, severity, words)) => {
                    assert_eq!(problems.len(), 1, "{kode}: {problems:?}");
                    let p = &problems[0];
                    assert_eq!((p.code.as_str(), p.severity), (*code, *severity), "{kode}");
                    for w in *words {
                        assert!(p.message.contains(w), "{kode}: '{w}' in {}", p.message);
                    }
                }
            }
        }
    }

    #[test]
    fn suggests_close_names_best_first() {
        use Level::{Program as Prog, SubKegiatan as Sub};
        // (name, level, jenis, parent) → first suggestions (code, score).
        type Case = (
            &'static str,
            Level,
            Option<JenisPemda>,
            Option<&'static str>,
            &'static [(&'static str, u8)],
        );
        let cases: &[Case] = &[
            // A word missing: 4 of 4 + 5 words shared (88), 4 of 33 characters (87).
            (
                "Penyediaan Gaji dan Tunjangan",
                Sub,
                K,
                Some("X.XX.01.2.02"),
                &[("X.XX.01.2.02.0001", 87)],
            ),
            // One word shortened: every word (100), 2 characters of 41 (95).
            (
                "Penyediaan Barang Cetak dan Penggandaan",
                Sub,
                K,
                None,
                &[("X.XX.01.2.06.0005", 97)],
            ),
            // Nothing close under the parent given: anywhere in the nomenclature.
            (
                "Penyediaan Barang Cetak dan Penggandaan",
                Sub,
                K,
                Some("5.03.02.2.01"),
                &[("X.XX.01.2.06.0005", 97)],
            ),
            // Placeholder filled from the parent.
            (
                "Penyediaan Gaji & Tunjangan",
                Sub,
                K,
                Some("5.03.01.2.02"),
                &[("5.03.01.2.02.0001", 87)],
            ),
            (
                "PROGRAM PENUNJANG URUSAN PEMERINTAH DAERAH KABUPATEN/KOTA",
                Prog,
                None,
                None,
                &[("X.XX.01", 98), ("X.XX.01", 0)],
            ),
            ("Penyediaan Makan Minum", Sub, K, None, &[]),
            ("Program Lain-lain Daerah", Prog, K, None, &[]),
            ("", Sub, K, None, &[]),
        ];
        let n = n();
        for (name, level, jenis, parent, want) in cases {
            let scope = Scope {
                jenis: *jenis,
                parent: *parent,
            };
            let got = n.suggest(name, *level, &scope, 3);
            let ctx = format!("{name} {jenis:?} {parent:?}: {got:?}");
            // Codes are distinct: the X.XX.01 of both governments is one suggestion.
            let want: Vec<(&str, u8)> = want.iter().copied().filter(|(_, s)| *s > 0).collect();
            assert_eq!(got.len(), want.len(), "{ctx}");
            for (c, (kode, score)) in got.iter().zip(&want) {
                assert_eq!((c.kode.as_str(), c.score), (*kode, *score), "{ctx}");
                assert!(!c.name.is_empty());
            }
        }
    }

    #[test]
    fn words_alike_and_names_alike() {
        let words: &[(&str, &str, bool)] = &[
            ("cetak", "cetakan", true),
            ("pemerintah", "pemerintahan", true),
            ("triwulan", "triwulanan", true),
            ("penganggran", "penganggaran", true),
            ("kegiatan", "kegaitan", true),
            ("asn", "asnn", false),
            ("dan", "data", false),
            ("data", "dana", false),
            // One letter apart is alike, whatever the meaning: why this only suggests.
            ("perbatasan", "pembatasan", true),
            ("pengadaan", "pengawasan", false),
        ];
        for (a, b, want) in words {
            assert_eq!(same_word(a, b), *want, "{a} {b}");
            assert_eq!(same_word(b, a), *want, "{b} {a}");
        }
        let names: &[(&str, &str, u8)] = &[
            ("Pengelolaan Mutasi ASN", "pengelolaan mutasi asn", 100),
            (
                "Penyediaan Barang Cetak dan Penggandaan",
                "Penyediaan Barang Cetakan dan Penggandaan",
                97,
            ),
            (
                "Penyediaan Gaji dan Tunjangan",
                "Penyediaan Gaji dan Tunjangan ASN",
                87,
            ),
            // Words alike in another order.
            ("Mutasi dan Promosi ASN", "Promosi dan Mutasi ASN", 77),
            // Letters alike in other words.
            (
                "Pengelolaan Kesejahteraan ASN",
                "Pengelolaan Pembudidayaan Ikan",
                46,
            ),
        ];
        for (a, b, want) in names {
            assert_eq!(
                similarity(&name_words(a), &name_words(b)),
                *want,
                "{a} / {b}"
            );
        }
    }

    #[test]
    fn standard_indicator_of_a_sub_kegiatan() {
        let n = n();
        type Case = (
            &'static str,
            Option<JenisPemda>,
            Option<(&'static str, &'static str)>,
        );
        let cases: &[Case] = &[
            (
                "5.03.01.2.02.0001",
                K,
                Some((
                    "Jumlah Orang yang Menerima Gaji dan Tunjangan ASN",
                    "Orang/bulan",
                )),
            ),
            (
                "X.XX.01.1.01.0001",
                None,
                Some(("Jumlah Dokumen Perencanaan Perangkat Daerah", "Dokumen")),
            ),
            ("5.03.02.2.01.0006", P, None),
            ("5.03.02.2.01", K, None),
            ("5.03.02.2.01.0099", K, None),
        ];
        for (kode, jenis, want) in cases {
            assert_eq!(n.standard(kode, *jenis), *want, "{kode}");
        }
    }

    fn row(
        level: Level,
        kode: Option<&str>,
        name: &str,
        indicator: &str,
        unit: Option<&str>,
    ) -> Row {
        Row {
            sheet_row: 0,
            kode: kode.map(str::to_string),
            kode_raw: kode.map(str::to_string),
            name: name.into(),
            indicator: indicator.into(),
            unit: unit.map(str::to_string),
            ..Row::empty(level)
        }
    }

    #[test]
    fn reviews_a_document_row_by_row() {
        use Level::{Indikator as Ind, Kegiatan as Keg, Program as Prog, SubKegiatan as Sub};
        let rows = vec![
            row(
                Prog,
                None,
                "Program Penunjang Urusan Pemerintahan Daerah Kab/Kota",
                "",
                None,
            ),
            row(
                Keg,
                None,
                "Perencanaan, Penganggaran dan Evaluasi Kinerja Perangkat Daerah",
                "",
                None,
            ),
            row(
                Sub,
                None,
                "1.1.1. Sub Kegiatan Penyusunan Dokumen Perencanaan Perangkat daerah",
                "",
                None,
            ),
            row(
                Keg,
                None,
                "Administrasi Keuangan Perangkat Daerah",
                "Persentase laporan",
                Some("%"),
            ),
            row(Sub, None, "Penyediaan Gaji dan Tunjangan", "", None),
            row(
                Prog,
                Some("5.03.02"),
                "PROGRAM KEPEGAWAIAN DAERAH",
                "Indeks",
                None,
            ),
            row(
                Keg,
                Some("5.03.02.2.01"),
                "Pengadaan dan Pemberhentian ASN",
                "",
                None,
            ),
            row(
                Sub,
                Some("5.03.02.2.01.06"),
                "Koordinasi Pelaksanaan Administrasi Pemberhentian",
                "Jumlah dokumen",
                Some("Dok"),
            ),
            row(
                Sub,
                Some("5.03.02.2.01.0099"),
                "Sub kegiatan karangan",
                "",
                None,
            ),
            row(
                Sub,
                Some("1.02.02.2.02.0028"),
                "Pengambilan Spesimen",
                "",
                None,
            ),
            row(Ind, None, "", "Indikator kedua", Some("Dok")),
            row(
                Prog,
                Some("5.06.03"),
                "Pengelolaan Perbatasan Negara",
                "",
                None,
            ),
            row(
                Keg,
                None,
                "Pelaksanaan Pembangunan Perbatasan Negara",
                "",
                None,
            ),
            row(
                Sub,
                None,
                "Penjagaan dan Pemeliharaan Tanda Batas Wilayah Negara",
                "Jumlah Laporan Hasil Penjagaan dan Pemeliharaan Tanda Batas Wilayah Negara",
                None,
            ),
            row(Prog, None, "Program Lain-lain Daerah", "", None),
            row(
                Sub,
                None,
                "Penjagaan dan Pemeliharaan Tanda Batas Wilayah Negara",
                "",
                None,
            ),
        ];
        // A code the person chose knowing the row's name: its name is not questioned.
        let mut chosen = row(
            Sub,
            Some("5.06.02.2.02.0003"),
            "Penjagaan Tanda Batas",
            "",
            None,
        );
        chosen.kode_sumber = Some(KodeSource::Confirmed);
        let mut rows = rows;
        rows.push(chosen);
        let mut doc = Document {
            rows,
            ..Document::default()
        };
        for (i, r) in doc.rows.iter_mut().enumerate() {
            r.sheet_row = 10 + i as u32;
        }
        let n = n();
        let (review, problems) = n.review(&doc, None);
        assert_eq!(review.jenis, K, "the names only kabupaten/kota carry tell");
        let found: Vec<(usize, &str)> = review
            .found
            .iter()
            .map(|f| (f.row, f.kode.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                (0, "X.XX.01"),
                (1, "X.XX.01.2.01"),
                (2, "X.XX.01.2.01.0001"),
                (3, "X.XX.01.2.02"),
                (12, "5.06.03.2.02"),
                (13, "5.06.03.2.02.0002"),
            ]
        );
        let got: Vec<(usize, &str, Severity, Field)> = problems
            .iter()
            .map(|p| {
                (
                    p.at.row.unwrap(),
                    p.code.as_str(),
                    p.severity,
                    p.at.field.unwrap(),
                )
            })
            .collect();
        use Severity::{Info, Warning};
        assert_eq!(
            got,
            [
                (0, "kode_ditemukan", Info, Field::Name),
                (1, "kode_ditemukan", Info, Field::Name),
                (2, "kode_ditemukan", Info, Field::Name),
                (2, "indikator_standar", Info, Field::Indicator),
                (3, "kode_ditemukan", Info, Field::Name),
                (4, "kode_saran", Info, Field::Name),
                (6, "kode_nama_berbeda", Info, Field::Name),
                (7, "kode_format_lama", Info, Field::Kode),
                (8, "kode_tidak_ada", Warning, Field::Kode),
                (9, "kode_lama", Warning, Field::Kode),
                (12, "kode_ditemukan", Info, Field::Name),
                (13, "kode_ditemukan", Info, Field::Name),
                (13, "indikator_standar", Info, Field::Indicator),
                (15, "kode_ambigu", Info, Field::Name),
                (16, "indikator_standar", Info, Field::Indicator),
            ]
        );
        // (row, sheet row, exact, candidates)
        type Suggested<'a> = (usize, u32, bool, Vec<(&'a str, u8)>);
        let suggested: Vec<Suggested<'_>> = review
            .kode_suggestions
            .iter()
            .map(|s| {
                (
                    s.row,
                    s.sheet_row,
                    s.exact,
                    s.candidates
                        .iter()
                        .map(|c| (c.kode.as_str(), c.score))
                        .collect(),
                )
            })
            .collect();
        assert_eq!(
            suggested,
            [
                (4, 14, false, vec![("X.XX.01.2.02.0001", 87)]),
                // The code that replaced the stated one, however far its name.
                (9, 19, false, vec![("1.02.02.2.02.0053", 23)]),
                (
                    15,
                    25,
                    true,
                    vec![("5.06.02.2.02.0003", 100), ("5.06.03.2.02.0002", 100)]
                ),
            ]
        );
        assert_eq!(
            review.indicator_suggestions,
            [
                IndicatorSuggestion {
                    row: 2,
                    sheet_row: 12,
                    kode: "X.XX.01.2.01.0001".into(),
                    indicator: Some("Jumlah Dokumen Perencanaan Perangkat Daerah".into()),
                    unit: Some("Dokumen".into()),
                },
                IndicatorSuggestion {
                    row: 13,
                    sheet_row: 23,
                    kode: "5.06.03.2.02.0002".into(),
                    indicator: None,
                    unit: Some("Laporan".into()),
                },
                IndicatorSuggestion {
                    row: 16,
                    sheet_row: 26,
                    kode: "5.06.02.2.02.0003".into(),
                    indicator: Some(
                        "Jumlah Tanda Batas Wilayah Negara yang Dijaga dan Dipelihara".into()
                    ),
                    unit: Some("Dokumen".into()),
                },
            ]
        );
        // The codes found go into the rows, marked as found; stated codes stay as stated.
        review.apply(&mut doc);
        assert_eq!(doc.rows[0].kode.as_deref(), Some("X.XX.01"));
        assert_eq!(doc.rows[0].kode_sumber, Some(KodeSource::Found));
        assert_eq!(doc.rows[0].kode_raw, None);
        assert_eq!(doc.rows[7].kode.as_deref(), Some("5.03.02.2.01.06"));
        assert_eq!(doc.rows[7].kode_sumber, None);
        assert_eq!(doc.rows[4].kode, None);
        // Reviewed again, the codes found are context, not findings.
        let (again, problems) = n.review(&doc, None);
        assert!(again.found.is_empty());
        assert!(!problems.iter().any(|p| p.code == "kode_ditemukan"));
        assert_eq!(again.indicator_suggestions, review.indicator_suggestions);
    }

    #[test]
    fn where_a_code_came_from_is_in_the_row_json_only_when_not_stated() {
        let stated = row(Level::Program, Some("5.03.02"), "Kepegawaian", "", None);
        let json = serde_json::to_value(&stated).unwrap();
        assert!(json.get("kode_sumber").is_none(), "{json}");
        // A row stored before the field existed reads as stated.
        let back: Row = serde_json::from_value(json).unwrap();
        assert_eq!(back, stated);
        for (source, key) in [
            (KodeSource::Found, "found"),
            (KodeSource::Confirmed, "confirmed"),
        ] {
            let r = Row {
                kode_sumber: Some(source),
                ..stated.clone()
            };
            let json = serde_json::to_value(&r).unwrap();
            assert_eq!(json["kode_sumber"], key);
            assert_eq!(serde_json::from_value::<Row>(json).unwrap(), r);
        }
    }

    #[test]
    fn the_government_comes_from_the_title_then_from_what_only_one_carries() {
        use Level::{Kegiatan as Keg, Program as Prog};
        let n = n();
        let doc = |region: Option<&str>, rows: Vec<Row>| Document {
            region: region.map(str::to_string),
            rows,
            ..Document::default()
        };
        let cases: &[(Document, Option<JenisPemda>)] = &[
            (doc(Some("Kota Tarakan"), vec![]), K),
            (
                doc(
                    Some("Kota Tarakan"),
                    vec![row(
                        Prog,
                        None,
                        "Program Penunjang Urusan Pemerintahan Daerah Provinsi",
                        "",
                        None,
                    )],
                ),
                K,
            ),
            (
                doc(
                    None,
                    vec![row(
                        Prog,
                        None,
                        "Program Penunjang Urusan Pemerintahan Daerah Provinsi",
                        "",
                        None,
                    )],
                ),
                P,
            ),
            (
                doc(None, vec![row(Keg, Some("5.03.02.2.01"), "", "", None)]),
                K,
            ),
            (
                doc(None, vec![row(Prog, Some("5.03.02"), "", "", None)]),
                None,
            ),
            (
                doc(
                    None,
                    vec![
                        row(
                            Prog,
                            None,
                            "Program Penunjang Urusan Pemerintahan Daerah Provinsi",
                            "",
                            None,
                        ),
                        row(Keg, Some("5.03.02.2.01"), "", "", None),
                    ],
                ),
                None,
            ),
            (doc(None, vec![]), None),
        ];
        for (d, want) in cases {
            assert_eq!(
                n.detect_jenis(d),
                *want,
                "{:?}",
                d.rows.iter().map(|r| &r.name).collect::<Vec<_>>()
            );
        }
        // Given, it is not detected.
        let (r, _) = n.review(&cases[2].0, K);
        assert_eq!(r.jenis, K);
    }
}
