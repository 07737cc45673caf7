//! A deterministic mutation fuzzer for the importer, shared by the suite (`tests/fuzz.rs`, a
//! few hundred mutants) and the long run (`examples/fuzz_import.rs`, 10 000).
//!
//! - [`Fixture::load_all`]: the fixture workbooks (`tests/fixtures/xlsx`, without the
//!   20 000-row `big_*` files, and `tests/fixtures/real-layouts`, `.xlsx` and `.xls`), each
//!   unzipped once and read once as it is.
//! - [`mutant`]: one mutant from one seed (own PRNG, no dependency): byte-level mutations of
//!   the file (flip, overwrite, truncate, duplicate or delete a range), and for `.xlsx`
//!   mutations of its parts, re-zipped: delete / duplicate / repeat elements, nonsense
//!   attributes (`r="XFD1048576"`, `s="99999999999"`, `uniqueCount` in the billions),
//!   nonsense values (`1e400`, `NaN`, text, shared-string indexes out of range), broken
//!   XML, deep nesting, missing or renamed parts, damaged inflated bytes.
//! - [`run`]: both entry points (`read_workbook`, `read_for_review`) on one mutant, on a
//!   worker thread: wall time of each read against a deadline, peak RSS (VmHWM, reset
//!   before the mutant), and every panic — also those the reader's own safety net catches.
//!
//! A mutant is reproduced from its seed alone: `mutant(&fixtures, seed)`.
#![allow(dead_code)]

use std::io::{Cursor, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::{Arc, Mutex, Once};
use std::time::{Duration, Instant};

use capaian_domain::model::Document;
use capaian_xlsx::mapping::read_for_review;
use capaian_xlsx::{read_workbook, Limits};
use zip::write::SimpleFileOptions;

// ---------------------------------------------------------------------------------------------
// PRNG.

/// SplitMix64: tiny, fast, and every seed gives a well-mixed stream.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next_u64() % n as u64) as usize
        }
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// An index by weight.
    pub fn weighted(&mut self, weights: &[usize]) -> usize {
        let total: usize = weights.iter().sum();
        let mut x = self.below(total);
        for (i, w) in weights.iter().enumerate() {
            if x < *w {
                return i;
            }
            x -= w;
        }
        weights.len() - 1
    }
}

/// The seed of the `i`-th mutant of a run started from `base`.
pub fn seed_of(base: u64, i: u64) -> u64 {
    Rng::new(base ^ i.wrapping_mul(0xd6e8_feb8_6659_fd93)).next_u64()
}

// ---------------------------------------------------------------------------------------------
// Fixtures.

/// One entry of an xlsx package, inflated.
#[derive(Clone, Debug)]
pub struct Part {
    pub name: String,
    pub data: Vec<u8>,
}

pub struct Fixture {
    pub name: String,
    pub bytes: Vec<u8>,
    /// The inflated entries of an `.xlsx`, in archive order; None for `.xls`.
    pub parts: Option<Vec<Part>>,
    /// The document the unmutated file reads as (None when it is refused).
    pub original: Option<Document>,
}

fn fixture_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures")
}

fn unzip(bytes: &[u8]) -> Vec<Part> {
    let mut z = zip::ZipArchive::new(Cursor::new(bytes)).expect("fixture is a zip");
    (0..z.len())
        .map(|i| {
            let mut f = z.by_index(i).expect("fixture entry");
            let name = f.name().expect("entry name").into_owned();
            let mut data = Vec::new();
            f.read_to_end(&mut data).expect("fixture entry inflates");
            Part { name, data }
        })
        .collect()
}

impl Fixture {
    /// Every fixture workbook except the 20 000-row ones, sorted by path (a seed names the
    /// same mutant as long as this list is the same).
    pub fn load_all() -> Vec<Fixture> {
        let mut paths = Vec::new();
        for dir in ["xlsx", "real-layouts"] {
            let dir = fixture_root().join(dir);
            for e in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
                let p = e.expect("dir entry").path();
                let name = p.file_name().map(|n| n.to_string_lossy().into_owned());
                let ext = p.extension().map(|e| e.to_string_lossy().into_owned());
                let big = name.as_deref().is_some_and(|n| n.starts_with("big_"));
                if matches!(ext.as_deref(), Some("xlsx" | "xls")) && !big {
                    paths.push(p);
                }
            }
        }
        paths.sort();
        paths
            .into_iter()
            .map(|p| {
                let bytes = std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
                let is_xlsx = p.extension().is_some_and(|e| e == "xlsx");
                let parts = is_xlsx.then(|| unzip(&bytes));
                let original = read_workbook(&bytes, &Limits::default())
                    .ok()
                    .map(|i| i.document);
                let dir = p.parent().and_then(|d| d.file_name()).unwrap_or_default();
                Fixture {
                    name: format!(
                        "{}/{}",
                        dir.to_string_lossy(),
                        p.file_name().unwrap_or_default().to_string_lossy()
                    ),
                    bytes,
                    parts,
                    original,
                }
            })
            .collect()
    }
}

// ---------------------------------------------------------------------------------------------
// Mutants.

pub struct Mutant {
    pub seed: u64,
    pub fixture: usize,
    pub bytes: Vec<u8>,
    /// What was done, in order.
    pub steps: Vec<String>,
    /// The mutation classes used (`byte`, `xml`, `part`): for the run's statistics.
    pub classes: Vec<&'static str>,
}

impl Mutant {
    pub fn describe(&self, fixtures: &[Fixture]) -> String {
        format!(
            "seed {:#018x} ({}): {}",
            self.seed,
            fixtures[self.fixture].name,
            self.steps.join("; ")
        )
    }
}

/// The mutant of `seed`: a fixture, then one to three mutations.
pub fn mutant(fixtures: &[Fixture], seed: u64) -> Mutant {
    let mut rng = Rng::new(seed);
    let fixture = rng.below(fixtures.len());
    let f = &fixtures[fixture];
    let mut steps = Vec::new();
    let mut classes = Vec::new();
    let rounds = rng.weighted(&[60, 30, 10]) + 1;
    let bytes = match &f.parts {
        // xlsx: mostly inside the package (re-zipped), sometimes the raw file afterwards.
        Some(parts) if rng.chance(80) => {
            let mut parts = parts.clone();
            for _ in 0..rounds {
                let (class, step) = mutate_package(&mut rng, &mut parts);
                classes.push(class);
                steps.push(step);
            }
            let mut bytes = rezip(&mut rng, &parts, &mut steps);
            if rng.chance(10) {
                classes.push("byte");
                steps.push(mutate_bytes(&mut rng, &mut bytes));
            }
            bytes
        }
        _ => {
            let mut bytes = f.bytes.clone();
            for _ in 0..rounds {
                classes.push("byte");
                steps.push(mutate_bytes(&mut rng, &mut bytes));
            }
            bytes
        }
    };
    Mutant {
        seed,
        fixture,
        bytes,
        steps,
        classes,
    }
}

/// Integers that break size fields and counters.
const INTERESTING: &[&[u8]] = &[
    &[0x00],
    &[0xff],
    &[0x7f],
    &[0x80],
    &[0xff, 0xff],
    &[0x00, 0x80],
    &[0xff, 0xff, 0xff, 0xff],
    &[0xff, 0xff, 0xff, 0x7f],
    &[0x00, 0x00, 0x00, 0x80],
    &[0xfe, 0xff, 0xff, 0xff],
    &[0x00, 0x00, 0x00, 0x00],
    &[0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff],
];

/// One byte-level mutation of `b`; returns what was done.
pub fn mutate_bytes(rng: &mut Rng, b: &mut Vec<u8>) -> String {
    if b.is_empty() {
        b.extend_from_slice(b"PK\x03\x04");
        return "bytes: empty file given a zip signature".into();
    }
    let len = b.len();
    match rng.below(7) {
        0 => {
            let n = rng.range(1, 16);
            for _ in 0..n {
                let i = rng.below(len);
                b[i] ^= (rng.next_u64() as u8) | 1;
            }
            format!("bytes: {n} flipped")
        }
        1 => {
            let at = rng.below(len);
            b.truncate(at);
            format!("bytes: truncated at {at} of {len}")
        }
        2 => {
            let at = rng.below(len);
            let n = rng.range(1, (len - at).min(4096));
            let copy = b[at..at + n].to_vec();
            let to = rng.below(len + 1);
            b.splice(to..to, copy);
            format!("bytes: {n} at {at} duplicated to {to}")
        }
        3 => {
            let at = rng.below(len);
            let n = rng.range(1, (len - at).min(4096));
            b.drain(at..at + n);
            format!("bytes: {n} deleted at {at}")
        }
        4 => {
            let v = rng.pick(INTERESTING);
            let at = rng.below(len);
            let end = (at + v.len()).min(len);
            b[at..end].copy_from_slice(&v[..end - at]);
            format!("bytes: {v:02x?} written at {at}")
        }
        5 => {
            let at = rng.below(len + 1);
            let n = rng.range(1, 64);
            let junk: Vec<u8> = (0..n).map(|_| rng.next_u64() as u8).collect();
            b.splice(at..at, junk);
            format!("bytes: {n} random inserted at {at}")
        }
        _ => {
            // A run of one value (a zeroed or 0xff sector).
            let at = rng.below(len);
            let n = rng.range(1, (len - at).min(512));
            let v = if rng.chance(50) { 0 } else { 0xff };
            b[at..at + n].fill(v);
            format!("bytes: {n} set to {v:#04x} at {at}")
        }
    }
}

/// Weights of the parts a package mutation is aimed at.
fn part_weight(name: &str) -> usize {
    let n = name.to_ascii_lowercase();
    if n.contains("worksheets/") && n.ends_with(".xml") {
        45
    } else if n.ends_with("sharedstrings.xml") {
        15
    } else if n.ends_with("styles.xml") {
        12
    } else if n.ends_with("workbook.xml") {
        10
    } else if n.ends_with(".rels") {
        8
    } else if n.contains("content_types") {
        4
    } else {
        3
    }
}

fn pick_part(rng: &mut Rng, parts: &[Part]) -> usize {
    let w: Vec<usize> = parts.iter().map(|p| part_weight(&p.name)).collect();
    rng.weighted(&w)
}

/// One mutation of an unzipped package: (class, what was done).
fn mutate_package(rng: &mut Rng, parts: &mut Vec<Part>) -> (&'static str, String) {
    if parts.is_empty() {
        parts.push(Part {
            name: "xl/workbook.xml".into(),
            data: b"<workbook/>".to_vec(),
        });
        return ("part", "an empty package given a bare workbook.xml".into());
    }
    match rng.weighted(&[8, 4, 78, 10]) {
        0 => {
            let i = pick_part(rng, parts);
            let gone = parts.remove(i);
            ("part", format!("{} removed", gone.name))
        }
        1 => {
            let i = pick_part(rng, parts);
            let old = parts[i].name.clone();
            let new = match rng.below(5) {
                0 => old.to_ascii_uppercase(),
                1 => format!("/{old}"),
                2 => old.replace('/', "\\"),
                3 => format!("{old}.bak"),
                _ => format!("xl/{}", "../".repeat(rng.range(1, 4))) + &old,
            };
            if parts.iter().any(|p| p.name == new) {
                parts[i].data.clear();
                return ("part", format!("{old} emptied"));
            }
            parts[i].name = new.clone();
            ("part", format!("{old} renamed {new}"))
        }
        2 => {
            let i = pick_part(rng, parts);
            let name = parts[i].name.clone();
            // Some mutations do not apply to a given part (no `<v>` in styles.xml): try others.
            for _ in 0..8 {
                if let Some(what) = mutate_xml(rng, &mut parts[i].data) {
                    return ("xml", format!("{name}: {what}"));
                }
            }
            let what = mutate_bytes(rng, &mut parts[i].data);
            ("part", format!("{name}: inflated {what}"))
        }
        _ => {
            let i = pick_part(rng, parts);
            let name = parts[i].name.clone();
            let what = mutate_bytes(rng, &mut parts[i].data);
            ("part", format!("{name}: inflated {what}"))
        }
    }
}

/// Zip the parts again, deflated or stored.
fn rezip(rng: &mut Rng, parts: &[Part], steps: &mut Vec<String>) -> Vec<u8> {
    let method = if rng.chance(75) {
        zip::CompressionMethod::Deflated
    } else {
        steps.push("stored, not deflated".into());
        zip::CompressionMethod::Stored
    };
    let (bytes, left_out) = zip_parts(parts, method);
    for name in left_out {
        steps.push(format!("{name} left out by the zip writer"));
    }
    bytes
}

/// A zip of `parts`, and the names the writer refused (a duplicate after a rename).
pub fn zip_parts(parts: &[Part], method: zip::CompressionMethod) -> (Vec<u8>, Vec<String>) {
    let options = SimpleFileOptions::default()
        .compression_method(method)
        .large_file(false);
    let mut buf = Cursor::new(Vec::new());
    let mut z = zip::ZipWriter::new(&mut buf);
    let mut left_out = Vec::new();
    for p in parts {
        if z.start_file(p.name.as_str(), options).is_err() {
            left_out.push(p.name.clone());
            continue;
        }
        z.write_all(&p.data).expect("zip write to memory");
    }
    z.finish().expect("zip finish to memory");
    (buf.into_inner(), left_out)
}

// ---------------------------------------------------------------------------------------------
// XML mutations.

/// Start tags: the positions of `<` followed by a name.
pub fn start_tags(x: &[u8]) -> Vec<usize> {
    x.windows(2)
        .enumerate()
        .filter(|(_, w)| w[0] == b'<' && (w[1].is_ascii_alphabetic() || w[1] == b'_'))
        .map(|(i, _)| i)
        .collect()
}

fn is_name_byte(b: u8) -> bool {
    !matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'>' | b'/' | b'=' | b'<')
}

/// The name of the tag starting at `at` (`<name ...`).
pub fn tag_name(x: &[u8], at: usize) -> &[u8] {
    let s = at + 1;
    let n = x[s..].iter().take_while(|&&b| is_name_byte(b)).count();
    &x[s..s + n]
}

/// The end (exclusive) of the element starting at `at`, by counting same-named tags.
pub fn element_end(x: &[u8], at: usize) -> Option<usize> {
    let name = tag_name(x, at).to_vec();
    let gt = at + x[at..].iter().position(|&b| b == b'>')?;
    if x[gt - 1] == b'/' {
        return Some(gt + 1);
    }
    let mut depth = 1usize;
    let mut i = gt + 1;
    while i < x.len() {
        let lt = i + x[i..].iter().position(|&b| b == b'<')?;
        let rest = &x[lt + 1..];
        let close = rest.first() == Some(&b'/');
        let nm = if close { &rest[1..] } else { rest };
        let same = nm.starts_with(&name) && nm.get(name.len()).is_some_and(|&b| !is_name_byte(b));
        let gt = lt + x[lt..].iter().position(|&b| b == b'>')?;
        if same {
            if close {
                depth -= 1;
                if depth == 0 {
                    return Some(gt + 1);
                }
            } else if x[gt - 1] != b'/' {
                depth += 1;
            }
        }
        i = gt + 1;
    }
    None
}

/// The attributes of the tag at `at`: (name range, value range), values without quotes.
fn attributes(x: &[u8], at: usize) -> Vec<(std::ops::Range<usize>, std::ops::Range<usize>)> {
    let Some(len) = x[at..].iter().position(|&b| b == b'>') else {
        return Vec::new();
    };
    let end = at + len;
    let mut out = Vec::new();
    let mut i = at + 1 + tag_name(x, at).len();
    while i < end {
        if x[i] == b'=' && matches!(x.get(i + 1), Some(b'"' | b'\'')) {
            let q = x[i + 1];
            let ns = x[..i]
                .iter()
                .rposition(|&b| !is_name_byte(b))
                .map_or(0, |p| p + 1);
            let vs = i + 2;
            let Some(vl) = x[vs..].iter().position(|&b| b == q) else {
                break;
            };
            out.push((ns..i, vs..vs + vl));
            i = vs + vl + 1;
        } else {
            i += 1;
        }
    }
    out
}

/// The text ranges of elements named `name` (`<v>…</v>`, `<t …>…</t>`).
fn contents(x: &[u8], name: &[u8]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    for at in start_tags(x) {
        if tag_name(x, at) != name {
            continue;
        }
        let Some(gt) = x[at..].iter().position(|&b| b == b'>').map(|p| at + p) else {
            continue;
        };
        if x[gt - 1] == b'/' {
            continue;
        }
        if let Some(lt) = x[gt + 1..].iter().position(|&b| b == b'<') {
            out.push(gt + 1..gt + 1 + lt);
        }
    }
    out
}

const NONSENSE_ATTRS: &[&str] = &[
    "",
    "XFD1048576",
    "A1048576",
    "XFE1",
    "AAAA1",
    "A0",
    "0",
    "-1",
    "1048577",
    "99999999999",
    "18446744073709551616",
    "4294967295",
    "A99999999999",
    " A1",
    "a1",
    "A1A1",
    "A1:XFD1048576",
    "XFD1048576:A1",
    "1e400",
    "NaN",
    "s",
    "str",
    "inlineStr",
    "e",
    "b",
    "d",
    "n",
    "x",
    "&amp;",
    "&#0;",
    "&bogus;",
    "true",
    "../../../../etc/passwd",
    "/xl/worksheets/sheet1.xml",
    "rId1",
    "rId999",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet",
    "\u{fffd}\u{0}",
];

const NONSENSE_VALUES: &[&str] = &[
    "1e400",
    "-1e400",
    "1E-400",
    "NaN",
    "nan",
    "inf",
    "-inf",
    "Infinity",
    "abc",
    "",
    "  7  ",
    "1,5",
    "1.000.000,50",
    "0x10",
    "-0",
    "+5",
    "5e",
    "e5",
    ".",
    "-",
    "4.9e-324",
    "1.7976931348623157E308",
    "1e28",
    "1e29",
    "79228162514264337593543950335",
    "79228162514264337593543950336",
    "-79228162514264337593543950336",
    "99999999999999999999999999999999999999",
    "0.0000000000000000000000000000001",
    "12345678901234567890.123456789",
    "18446744073709551616",
    "-1",
    "999999999",
    "#DIV/0!",
    "#N/A",
    "#BOGUS!",
    "TRUE",
    "2",
    "2026-01-01T00:00:00",
    "Rp 1.000.000,-",
    "46,93%",
    "1/0",
];

/// A long or hostile text.
fn nonsense_text(rng: &mut Rng) -> String {
    match rng.below(6) {
        0 => "x".repeat(rng.range(1_000, 100_000)),
        1 => "9".repeat(rng.range(30, 400)),
        2 => "_x000D_ _xFFFF_ _x".into(),
        3 => "&lt;&gt;&amp;&#x1F600;&#65;".into(),
        4 => "Disusun oleh\u{a0}Kepala\tDinas\n\n".repeat(rng.range(1, 50)),
        _ => (*rng.pick(NONSENSE_VALUES)).to_string(),
    }
}

/// One XML-level mutation of a part; None when it does not apply to this part.
pub fn mutate_xml(rng: &mut Rng, x: &mut Vec<u8>) -> Option<String> {
    match rng.below(11) {
        // Delete an element.
        0 => {
            let tags = start_tags(x);
            let at = *rng.pick(non_empty(&tags)?);
            let end = element_end(x, at)?;
            let name = String::from_utf8_lossy(tag_name(x, at)).into_owned();
            x.drain(at..end);
            Some(format!("<{name}> at {at} deleted"))
        }
        // Duplicate an element (in place, or repeated many times: a large part).
        1 | 2 => {
            let tags = start_tags(x);
            let at = *rng.pick(non_empty(&tags)?);
            let end = element_end(x, at)?;
            let name = String::from_utf8_lossy(tag_name(x, at)).into_owned();
            let copy = x[at..end].to_vec();
            let times = if rng.chance(70) {
                1
            } else {
                // Up to about 4 MB more.
                rng.range(2, ((4 << 20) / copy.len().max(1)).clamp(2, 200_000))
            };
            let mut rep = Vec::with_capacity(copy.len() * times);
            for _ in 0..times {
                rep.extend_from_slice(&copy);
            }
            x.splice(end..end, rep);
            Some(format!("<{name}> at {at} duplicated {times}x"))
        }
        // An attribute value replaced by nonsense.
        3 | 4 => {
            let tags = start_tags(x);
            let with_attrs: Vec<usize> = tags
                .into_iter()
                .filter(|&t| !attributes(x, t).is_empty())
                .collect();
            let at = *rng.pick(non_empty(&with_attrs)?);
            let attrs = attributes(x, at);
            let (name, value) = rng.pick(&attrs).clone();
            let attr = String::from_utf8_lossy(&x[name]).into_owned();
            let new = if rng.chance(85) {
                (*rng.pick(NONSENSE_ATTRS)).to_string()
            } else {
                nonsense_text(rng)
            };
            let old = String::from_utf8_lossy(&x[value.clone()]).into_owned();
            x.splice(value, new.bytes());
            Some(format!(
                "{attr}=\"{}\" (was \"{}\")",
                short(&new),
                short(&old)
            ))
        }
        // A cell or row reference moved far away.
        5 => {
            let refs: Vec<_> = start_tags(x)
                .into_iter()
                .filter(|&t| matches!(tag_name(x, t), b"c" | b"row"))
                .flat_map(|t| attributes(x, t))
                .filter(|(n, _)| &x[n.clone()] == b"r")
                .collect();
            let (_, value) = rng.pick(non_empty(&refs)?).clone();
            let new = *rng.pick(&[
                "XFD1048576",
                "A1048576",
                "XFD1",
                "1048576",
                "1048577",
                "A4294967296",
                "ZZZ999999",
                "A0",
                "0",
            ]);
            let old = String::from_utf8_lossy(&x[value.clone()]).into_owned();
            x.splice(value, new.bytes());
            Some(format!("r=\"{new}\" (was \"{old}\")"))
        }
        // A value replaced by nonsense.
        6 => {
            let name: &[u8] = if rng.chance(70) { b"v" } else { b"t" };
            let spots = contents(x, name);
            let r = rng.pick(non_empty(&spots)?).clone();
            let new = nonsense_text(rng);
            let old = String::from_utf8_lossy(&x[r.clone()]).into_owned();
            x.splice(r, new.bytes());
            Some(format!(
                "<{}>{}</{}> (was {})",
                String::from_utf8_lossy(name),
                short(&new),
                String::from_utf8_lossy(name),
                short(&old)
            ))
        }
        // A cell's type changed, maybe with a shared-string index out of range.
        7 => {
            let cells: Vec<usize> = start_tags(x)
                .into_iter()
                .filter(|&t| tag_name(x, t) == b"c")
                .collect();
            let at = *rng.pick(non_empty(&cells)?);
            let end = element_end(x, at)?;
            let t = *rng.pick(&["s", "s", "str", "inlineStr", "b", "e", "n", "d", "z"]);
            let v = *rng.pick(&[
                "0",
                "-1",
                "999999",
                "4294967296",
                "18446744073709551616",
                "1.5",
                "",
                "abc",
                "1e400",
            ]);
            let mut el = x[at..end].to_vec();
            // Replace the cell's `t`, or add one (then maybe a second `t`).
            let existing = attributes(&el, 0)
                .into_iter()
                .find(|(n, _)| &el[n.clone()] == b"t");
            match existing {
                Some((_, value)) if rng.chance(50) => {
                    el.splice(value, t.bytes());
                }
                _ => {
                    el.splice(2..2, format!(" t=\"{t}\"").bytes());
                }
            }
            // The content becomes `<v>{v}</v>`.
            let gt = el.iter().position(|&b| b == b'>')?;
            el.truncate(if el[gt - 1] == b'/' { gt - 1 } else { gt });
            el.extend_from_slice(format!("><v>{v}</v></c>").as_bytes());
            x.splice(at..end, el);
            Some(format!("cell at {at}: t=\"{t}\" <v>{v}</v>"))
        }
        // Broken XML.
        8 => {
            let len = x.len();
            if len == 0 {
                return None;
            }
            let at = rng.below(len);
            let what = match rng.below(11) {
                0 => {
                    let lt = x[at..].iter().position(|&b| b == b'<' || b == b'>')? + at;
                    x.remove(lt);
                    format!("'<' or '>' at {lt} removed")
                }
                1 => {
                    x.splice(at..at, b"</x>".iter().copied());
                    format!("stray </x> at {at}")
                }
                2 => {
                    x.splice(at..at, b"<".iter().copied());
                    format!("stray '<' at {at}")
                }
                3 => {
                    x.truncate(at);
                    format!("part cut at {at} of {len}")
                }
                4 => {
                    x.splice(at..at, [0xff, 0xfe, 0xc3, 0x28]);
                    format!("invalid UTF-8 at {at}")
                }
                5 => {
                    x.splice(at..at, [0u8, 0, 0]);
                    format!("NUL bytes at {at}")
                }
                6 => {
                    let e =
                        *rng.pick(&["&bogus;", "&#0;", "&#xD800;", "&#99999999999;", "&", "&#x;"]);
                    x.splice(at..at, e.bytes());
                    format!("entity {e} at {at}")
                }
                7 => {
                    x.splice(at..at, b"<![CDATA[x]]>".iter().copied());
                    format!("CDATA at {at}")
                }
                8 => {
                    // Billion laughs: must not be expanded.
                    let mut doctype = String::from("<!DOCTYPE r [<!ENTITY a0 \"lol\">");
                    for i in 1..10 {
                        doctype.push_str(&format!(
                            "<!ENTITY a{i} \"{}\">",
                            format!("&a{};", i - 1).repeat(10)
                        ));
                    }
                    doctype.push_str("]>");
                    let p = x.iter().position(|&b| b == b'>').map_or(0, |p| p + 1);
                    x.splice(p..p, doctype.bytes());
                    // Use the entity in the first text found.
                    if let Some(t) = contents(x, b"t").into_iter().next() {
                        x.splice(t.start..t.start, b"&a9;".iter().copied());
                    }
                    "DOCTYPE with nested entities (billion laughs)".into()
                }
                9 => {
                    x.splice(
                        0..0,
                        b"<?xml version=\"1.0\"?><?xml version=\"1.0\"?>"
                            .iter()
                            .copied(),
                    );
                    "XML declaration doubled".into()
                }
                _ => {
                    let q = x[at..].iter().position(|&b| b == b'"')? + at;
                    x[q] = b'\'';
                    format!("quote at {q} mismatched")
                }
            };
            Some(what)
        }
        // Deep nesting.
        9 => {
            let depth = rng.range(1_000, 100_000);
            let gts: Vec<usize> = x
                .iter()
                .enumerate()
                .filter(|(_, &b)| b == b'>')
                .map(|(i, _)| i + 1)
                .collect();
            let at = *rng.pick(non_empty(&gts)?);
            let name = *rng.pick(&["x", "row", "c", "si", "r", "t", "is", "sheetData"]);
            let closed = rng.chance(60);
            let mut ins = format!("<{name}>").repeat(depth);
            if closed {
                ins.push_str(&format!("</{name}>").repeat(depth));
            }
            x.splice(at..at, ins.bytes());
            Some(format!(
                "<{name}> nested {depth} deep at {at}{}",
                if closed { "" } else { ", unclosed" }
            ))
        }
        // The whole content between two tags replaced by an empty or bare root.
        _ => {
            let new = *rng.pick(&[
                "",
                "<?xml version=\"1.0\"?>",
                "<worksheet/>",
                "<sst count=\"99999999999\" uniqueCount=\"99999999999\"><si><t>x</t></si></sst>",
                "<x/>",
            ]);
            x.clear();
            x.extend_from_slice(new.as_bytes());
            Some(format!("part replaced by {new:?}"))
        }
    }
}

fn non_empty<T>(v: &[T]) -> Option<&[T]> {
    (!v.is_empty()).then_some(v)
}

fn short(s: &str) -> String {
    if s.chars().count() > 40 {
        format!(
            "{}… ({} chars)",
            s.chars().take(40).collect::<String>(),
            s.chars().count()
        )
    } else {
        s.to_string()
    }
}

// ---------------------------------------------------------------------------------------------
// Running a mutant.

/// A panic seen while reading (the hook sees those the reader catches, too).
#[derive(Clone, Debug)]
pub struct SeenPanic {
    pub thread: String,
    pub location: String,
    pub message: String,
}

impl SeenPanic {
    /// In a dependency (calamine's BIFF asserts, …): the reader's safety net turns it into a
    /// typed error; ours would be a bug to fix.
    pub fn in_dependency(&self) -> bool {
        self.location.contains("/.cargo/registry/") || self.location.starts_with("/rustc/")
    }
}

static PANICS: Mutex<Vec<SeenPanic>> = Mutex::new(Vec::new());
/// One mutant at a time: panics and peak RSS are then that mutant's.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());
static HOOK: Once = Once::new();

/// Record panics of the reading threads (ours are named `fuzz-read`, the reader's
/// `capaian-xlsx-*`) instead of printing them; any other thread panics as usual.
fn install_hook() {
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let thread = std::thread::current().name().unwrap_or("").to_string();
            if !(thread.starts_with("fuzz-read") || thread.starts_with("capaian-xlsx")) {
                previous(info);
                return;
            }
            let message = info
                .payload()
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| info.payload().downcast_ref::<String>().cloned())
                .unwrap_or_default();
            let location = info
                .location()
                .map(|l| format!("{}:{}", l.file(), l.line()))
                .unwrap_or_default();
            PANICS
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .push(SeenPanic {
                    thread,
                    location,
                    message,
                });
        }));
    });
}

fn status_kb(field: &str) -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Reset the peak RSS (VmHWM) to the current RSS (Linux: `5` to `/proc/self/clear_refs`).
fn reset_peak() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

#[derive(Debug)]
pub enum Outcome {
    /// `read_workbook` gave a document; `changed`: not the unmutated fixture's.
    Read { changed: bool },
    /// A typed error (the message).
    Refused(String),
    /// A panic reached the caller.
    Panicked(String),
    /// A read did not finish before the deadline.
    Hung,
}

#[derive(Debug)]
pub struct Verdict {
    pub outcome: Outcome,
    /// The longer of the two reads.
    pub slowest: Duration,
    /// Peak RSS of the process during the mutant (MB).
    pub peak_rss_mb: Option<f64>,
    /// Every panic seen, caught by the reader or not.
    pub panics: Vec<SeenPanic>,
}

impl Verdict {
    /// A panic in our code (caught by the reader's safety net or not), or one that reached
    /// the caller.
    pub fn panicked(&self) -> bool {
        matches!(self.outcome, Outcome::Panicked(_))
            || self.panics.iter().any(|p| !p.in_dependency())
    }
}

/// Read one mutant with both entry points on a worker thread. A read still running at
/// `deadline` is `Hung` (its thread is left behind; stop the run).
pub fn run(bytes: Vec<u8>, original: Option<&Document>, deadline: Duration) -> Verdict {
    install_hook();
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|p| p.into_inner());
    PANICS.lock().unwrap_or_else(|p| p.into_inner()).clear();
    let measured = reset_peak();
    let bytes = Arc::new(bytes);
    let (tx, rx) = mpsc::channel();
    let worker = {
        let bytes = Arc::clone(&bytes);
        std::thread::Builder::new()
            .name("fuzz-read".into())
            .spawn(move || {
                let limits = Limits::default();
                let t = Instant::now();
                let a = std::panic::catch_unwind(|| {
                    read_workbook(&bytes, &limits)
                        .map(|i| i.document)
                        .map_err(|e| e.to_string())
                });
                let _ = tx.send((
                    "read_workbook",
                    t.elapsed(),
                    a.map_err(|_| ()).map(|r| r.map(Some)),
                ));
                let t = Instant::now();
                let b = std::panic::catch_unwind(|| {
                    read_for_review(&bytes, &limits)
                        .map(|_| None)
                        .map_err(|e| e.to_string())
                });
                let _ = tx.send(("read_for_review", t.elapsed(), b.map_err(|_| ())));
            })
            .expect("spawn a reading thread")
    };
    let mut slowest = Duration::ZERO;
    let mut outcome = None;
    for _ in 0..2 {
        let started = Instant::now();
        match rx.recv_timeout(deadline) {
            Ok((which, took, result)) => {
                slowest = slowest.max(took);
                match result {
                    Err(()) => {
                        outcome.get_or_insert(Outcome::Panicked(format!("{which} panicked")));
                    }
                    Ok(Ok(Some(doc))) => {
                        outcome.get_or_insert(Outcome::Read {
                            changed: original != Some(&doc),
                        });
                    }
                    Ok(Ok(None)) => {}
                    Ok(Err(e)) => {
                        outcome.get_or_insert(Outcome::Refused(e));
                    }
                }
            }
            Err(_) => {
                slowest = slowest.max(started.elapsed());
                let panics = PANICS.lock().unwrap_or_else(|p| p.into_inner()).clone();
                return Verdict {
                    outcome: Outcome::Hung,
                    slowest,
                    peak_rss_mb: None,
                    panics,
                };
            }
        }
    }
    let _ = worker.join();
    let peak_rss_mb = if measured {
        status_kb("VmHWM:").map(|kb| kb as f64 / 1024.0)
    } else {
        None
    };
    let panics = PANICS.lock().unwrap_or_else(|p| p.into_inner()).clone();
    Verdict {
        outcome: outcome.unwrap_or(Outcome::Refused(String::new())),
        slowest,
        peak_rss_mb,
        panics,
    }
}

// ---------------------------------------------------------------------------------------------
// A run of many mutants.

/// The issue's bounds for one mutant.
pub const DEADLINE: Duration = Duration::from_secs(20);
pub const MAX_RSS_MB: f64 = 512.0;

#[derive(Default, Debug)]
pub struct Tally {
    pub mutants: usize,
    /// Mutants whose bytes differ from their fixture's.
    pub mutated: usize,
    pub read: usize,
    /// Read, and the document differs from the unmutated fixture's.
    pub read_changed: usize,
    pub refused: usize,
    /// Panics in a dependency that the reader's safety net turned into a typed error.
    pub dependency_panics: usize,
    pub slowest: Duration,
    pub slowest_seed: u64,
    pub peak_rss_mb: f64,
    pub peak_seed: u64,
    /// Mutants per class (`byte`, `xml`, `part`).
    pub by_class: std::collections::BTreeMap<&'static str, usize>,
    /// Failures: a panic of ours or reaching the caller, a hang, too much memory — each with
    /// the mutant's description to reproduce it.
    pub failures: Vec<String>,
    /// The first dependency panics seen (location, message, mutant).
    pub dependency_notes: Vec<String>,
    pub hung: bool,
}

impl Tally {
    /// Run mutants `0..count` of a run from `base`; stops at the first hang (its thread is
    /// still running). `progress` is called after each mutant.
    pub fn run(
        fixtures: &[Fixture],
        base: u64,
        count: u64,
        mut progress: impl FnMut(u64, &Tally),
    ) -> Tally {
        let mut t = Tally::default();
        // A failed allocation aborts the process with no panic to record: with
        // `CAPAIAN_FUZZ_TRACE` set, each mutant is printed before it is read.
        let trace = std::env::var_os("CAPAIAN_FUZZ_TRACE").is_some();
        for i in 0..count {
            let m = mutant(fixtures, seed_of(base, i));
            let f = &fixtures[m.fixture];
            if trace {
                eprintln!("mutant {i}: {}", m.describe(fixtures));
            }
            t.mutants += 1;
            t.mutated += usize::from(m.bytes != f.bytes);
            for c in &m.classes {
                *t.by_class.entry(c).or_default() += 1;
            }
            let v = run(m.bytes.clone(), f.original.as_ref(), DEADLINE);
            let what = || m.describe(fixtures);
            if v.slowest > t.slowest {
                t.slowest = v.slowest;
                t.slowest_seed = m.seed;
            }
            if let Some(mb) = v.peak_rss_mb {
                if mb > t.peak_rss_mb {
                    t.peak_rss_mb = mb;
                    t.peak_seed = m.seed;
                }
                if mb > MAX_RSS_MB {
                    t.failures.push(format!("peak RSS {mb:.0} MB: {}", what()));
                }
            }
            if v.slowest > DEADLINE {
                t.failures
                    .push(format!("{:?} to read: {}", v.slowest, what()));
            }
            for p in v.panics.iter().filter(|p| p.in_dependency()) {
                t.dependency_panics += 1;
                if t.dependency_notes.len() < 10 {
                    t.dependency_notes
                        .push(format!("{} ({}): {}", p.location, p.message, what()));
                }
            }
            if v.panicked() {
                let ours: Vec<String> = v
                    .panics
                    .iter()
                    .filter(|p| !p.in_dependency())
                    .map(|p| format!("{} on {}: {}", p.location, p.thread, p.message))
                    .collect();
                t.failures
                    .push(format!("panic {:?} {ours:?}: {}", v.outcome, what()));
            }
            match v.outcome {
                Outcome::Read { changed } => {
                    t.read += 1;
                    t.read_changed += usize::from(changed);
                }
                Outcome::Refused(_) => t.refused += 1,
                Outcome::Panicked(_) => {}
                Outcome::Hung => {
                    t.failures
                        .push(format!("no answer after {DEADLINE:?}: {}", what()));
                    t.hung = true;
                    progress(i, &t);
                    break;
                }
            }
            progress(i, &t);
        }
        t
    }

    pub fn summary(&self) -> String {
        format!(
            "{} mutants ({} changed bytes; by class {:?}): read {} ({} with a different document), \
             refused {}, failures {}, dependency panics caught by the reader {}; slowest read {} ms \
             (seed {:#018x}), peak RSS {:.0} MB (seed {:#018x})",
            self.mutants,
            self.mutated,
            self.by_class,
            self.read,
            self.read_changed,
            self.refused,
            self.failures.len(),
            self.dependency_panics,
            self.slowest.as_millis(),
            self.slowest_seed,
            self.peak_rss_mb,
            self.peak_seed
        )
    }
}

/// The XML parts of a zip, inflated.
fn parts_of(zip_bytes: &[u8]) -> Vec<Part> {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(zip_bytes)).expect("fixture is a zip");
    (0..z.len())
        .map(|k| {
            let mut f = z.by_index(k).expect("fixture entry");
            let name = f.name().expect("entry name").into_owned();
            let mut data = Vec::new();
            std::io::Read::read_to_end(&mut f, &mut data).expect("fixture entry inflates");
            Part { name, data }
        })
        .collect()
}

/// `n` mutants of `originals` (in turn: bytes flipped, or one XML part of the zip mutated),
/// each given to `read` (true: read, false: refused) on a `fuzz-read` thread. Returns how
/// many were read and refused, and the panics raised in our code (the reader's or the
/// domain's), even those the reader's safety net turns into an error.
pub fn mutants_read(
    originals: &[Vec<u8>],
    seed: u64,
    n: u32,
    read: impl Fn(&[u8]) -> bool + Send + 'static,
) -> (usize, usize, Vec<SeenPanic>) {
    install_hook();
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|p| p.into_inner());
    PANICS.lock().unwrap_or_else(|p| p.into_inner()).clear();
    let originals = originals.to_vec();
    let counts = std::thread::Builder::new()
        .name("fuzz-read-mutants".into())
        .spawn(move || {
            let (mut ok, mut refused) = (0, 0);
            let mut rng = Rng::new(seed);
            for i in 0..n {
                let original = &originals[i as usize % originals.len()];
                let mutated = if i % 2 == 0 {
                    let mut b = original.clone();
                    mutate_bytes(&mut rng, &mut b);
                    b
                } else {
                    let mut parts = parts_of(original);
                    let xml: Vec<usize> = (0..parts.len())
                        .filter(|&k| parts[k].name.ends_with(".xml"))
                        .collect();
                    let k = *rng.pick(&xml);
                    mutate_xml(&mut rng, &mut parts[k].data);
                    zip_parts(&parts, zip::CompressionMethod::Deflated).0
                };
                if read(&mutated) {
                    ok += 1;
                } else {
                    refused += 1;
                }
            }
            (ok, refused)
        })
        .expect("spawn a reading thread")
        .join()
        .unwrap_or((0, 0));
    let ours = PANICS
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .iter()
        .filter(|p| !p.in_dependency())
        .cloned()
        .collect();
    (counts.0, counts.1, ours)
}
