//! Mutation fuzzing of the importer (issue 12): byte-level and XML-level mutants of every
//! fixture workbook (`common/mutate.rs`), each read with `read_workbook` and
//! `read_for_review`. A typed error is fine; a panic (even one the reader's safety net
//! catches, when it is in our code), a read over 20 s or a peak RSS over 512 MB fails, with
//! the mutant's seed and mutations to reproduce it. The long run (10 000 mutants) is
//! `examples/fuzz_import.rs`.
//!
//! `CAPAIAN_FUZZ_MUTANTS` and `CAPAIAN_FUZZ_SEED` change the suite's run.

#[path = "common/mutate.rs"]
mod mutate;

use std::time::Instant;

use mutate::{mutant, run, seed_of, zip_parts, Fixture, Outcome, Tally, DEADLINE};

/// The suite's run: a few hundred mutants, fixed seed.
const SUITE_MUTANTS: u64 = 500;
const SUITE_SEED: u64 = 0x0ca9_a1a0_2026_0012;

fn env_u64(name: &str) -> Option<u64> {
    let v = std::env::var(name).ok()?;
    let v = v.trim();
    match v.strip_prefix("0x") {
        Some(hex) => u64::from_str_radix(hex, 16).ok(),
        None => v.parse().ok(),
    }
}

#[test]
fn mutants_never_panic_hang_or_balloon() {
    let fixtures = Fixture::load_all();
    assert!(
        fixtures.len() >= 20
            && fixtures.iter().any(|f| f.parts.is_none())
            && fixtures.iter().all(|f| !f.name.contains("big_")),
        "expected the E.81 and real-layout fixtures (.xlsx and .xls, no big_*): {:?}",
        fixtures.iter().map(|f| &f.name).collect::<Vec<_>>()
    );
    let count = env_u64("CAPAIAN_FUZZ_MUTANTS").unwrap_or(SUITE_MUTANTS);
    let base = env_u64("CAPAIAN_FUZZ_SEED").unwrap_or(SUITE_SEED);
    let started = Instant::now();
    let t = Tally::run(&fixtures, base, count, |_, _| {});
    eprintln!(
        "fuzz (seed {base:#x}): {} in {:.1} s",
        t.summary(),
        started.elapsed().as_secs_f64()
    );
    for note in &t.dependency_notes {
        eprintln!("  caught in a dependency: {note}");
    }
    assert!(
        t.failures.is_empty(),
        "{} of {} mutants failed:\n{}",
        t.failures.len(),
        t.mutants,
        t.failures.join("\n")
    );
    assert_eq!(t.mutants as u64, count);

    // The run tested the reader, not only the zip layer: the mutator changed the files, some
    // mutants still read (some as a different document), others were refused, and every
    // class of mutation was used.
    assert!(
        t.mutated * 100 >= t.mutants * 95,
        "only {} of {} mutants differ from their fixture",
        t.mutated,
        t.mutants
    );
    assert!(
        t.read * 5 >= t.mutants,
        "only {} of {} mutants still read: the mutations stop at the container",
        t.read,
        t.mutants
    );
    assert!(
        t.read_changed * 50 >= t.mutants,
        "only {} mutants read as a different document",
        t.read_changed
    );
    assert!(
        t.refused * 5 >= t.mutants,
        "only {} of {} mutants refused",
        t.refused,
        t.mutants
    );
    for class in ["byte", "xml", "part"] {
        assert!(
            t.by_class.get(class).copied().unwrap_or(0) * 20 >= t.mutants,
            "few mutations of class {class}: {:?}",
            t.by_class
        );
    }
}

#[test]
fn mutants_are_reproducible_from_their_seed() {
    let fixtures = Fixture::load_all();
    for i in 0..40 {
        let seed = seed_of(SUITE_SEED, i);
        let (a, b) = (mutant(&fixtures, seed), mutant(&fixtures, seed));
        assert_eq!(a.bytes, b.bytes, "{}", a.describe(&fixtures));
        assert_eq!(a.steps, b.steps);
        assert!(!a.steps.is_empty());
        let other = mutant(&fixtures, seed_of(SUITE_SEED, i + 1000));
        assert_ne!(a.bytes, other.bytes, "{}", a.describe(&fixtures));
    }
}

/// The unmutated fixtures read (the mutants start from real workbooks), and the harness
/// notices what it must: a reading is compared with the fixture's document.
#[test]
fn fixtures_read_before_mutation() {
    let fixtures = Fixture::load_all();
    for f in &fixtures {
        assert!(f.original.is_some(), "{} does not read", f.name);
        let v = run(f.bytes.clone(), f.original.as_ref(), DEADLINE);
        assert!(
            matches!(v.outcome, Outcome::Read { changed: false }),
            "{}: {:?}",
            f.name,
            v.outcome
        );
        assert!(v.panics.is_empty(), "{}: {:?}", f.name, v.panics);
        let other = fixtures.iter().find(|o| o.original != f.original);
        if let Some(o) = other {
            let v = run(o.bytes.clone(), f.original.as_ref(), DEADLINE);
            assert!(
                matches!(v.outcome, Outcome::Read { changed: true }),
                "{} read as {}: {:?}",
                o.name,
                f.name,
                v.outcome
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Regressions: what the fuzzer found, as plain inputs.

fn fixture<'f>(fixtures: &'f [Fixture], name: &str) -> &'f Fixture {
    fixtures
        .iter()
        .find(|f| f.name == name)
        .unwrap_or_else(|| panic!("fixture {name}"))
}

/// `fixture` with one part's XML changed by `edit`.
fn edited(f: &Fixture, part: &str, edit: impl FnOnce(&str) -> String) -> Vec<u8> {
    let mut parts = f.parts.clone().expect("an .xlsx fixture");
    let p = parts
        .iter_mut()
        .find(|p| p.name == part)
        .unwrap_or_else(|| panic!("{}: no {part}", f.name));
    p.data = edit(std::str::from_utf8(&p.data).expect("UTF-8 XML")).into_bytes();
    zip_parts(&parts, zip::CompressionMethod::Deflated).0
}

/// A shared strings table declaring billions of strings made calamine reserve room for them
/// before reading one: the allocation failed and the process aborted (seed
/// 0x0ca9a1a020260012 run, `uniqueCount="99999999999"`). Refused now, wherever the count
/// sits in the part (after a long comment, across the guard's read chunks); honest counts
/// still read.
#[test]
fn a_shared_strings_count_beyond_its_part_is_refused_not_an_abort() {
    let fixtures = Fixture::load_all();
    let f = fixture(&fixtures, "real-layouts/lo_quarters_thousands.xlsx");
    let original = f.original.as_ref().expect("the fixture reads");
    let declared = |count: &str, comment: usize| {
        edited(f, "xl/sharedStrings.xml", |x| {
            let at = x.find("uniqueCount=\"").expect("uniqueCount") + 13;
            let end = at + x[at..].find('"').expect("quote");
            let sst = x.find("<sst").expect("<sst");
            let note = format!("<!--{}-->", "k".repeat(comment));
            format!("{}{note}{}{count}{}", &x[..sst], &x[sst..at], &x[end..])
        })
    };
    for comment in [0, 10_000].into_iter().chain((65_480..65_560).step_by(7)) {
        for count in [
            "99999999999",
            "000000000000000000000000099999999999",
            "18446744073709551616",
        ] {
            let bytes = declared(count, comment);
            let v = run(bytes.clone(), Some(original), DEADLINE);
            assert!(
                v.panics.is_empty(),
                "{count} after {comment}: {:?}",
                v.panics
            );
            let Outcome::Refused(e) = &v.outcome else {
                panic!("{count} after {comment}: {:?}", v.outcome);
            };
            assert!(
                e.starts_with("Workbook rusak") && e.contains("uniqueCount"),
                "{e}"
            );
        }
        for honest in ["0", "89", "300"] {
            let v = run(declared(honest, comment), Some(original), DEADLINE);
            assert!(
                matches!(v.outcome, Outcome::Read { changed: false }),
                "{honest} after {comment}: {:?}",
                v.outcome
            );
        }
    }
}

/// A header cell repeated 300 000 times (damaged XML: the same `r`) kept the header search
/// busy for over 20 s (seed 0xb4927e9d5ba990c7 of the suite's run: 7 s for 105 886 copies):
/// every copy was classified, allocating per word compared. Copies are read as the one cell
/// they are, and comparing words allocates nothing.
#[test]
fn a_header_cell_repeated_many_times_reads_as_one() {
    let fixtures = Fixture::load_all();
    let f = fixture(&fixtures, "real-layouts/money_merged.xlsx");
    let bytes = edited(f, "xl/worksheets/sheet1.xml", |x| {
        let cell = r#"<c r="E4" s="2" t="s"><v>6</v></c>"#;
        assert!(x.contains(cell), "{x}");
        x.replace(cell, &cell.repeat(300_000))
    });
    let v = run(bytes, f.original.as_ref(), DEADLINE);
    assert!(
        matches!(v.outcome, Outcome::Read { changed: false }) && v.panics.is_empty(),
        "{:?} in {:?}",
        v.outcome,
        v.slowest
    );
}

/// A `workbook.xml` listing its sheet 58 544 times kept a read busy for over 20 s (seed
/// 0x64372af7afc5fd5d of the long run): every entry was looked up and scanned. More than
/// `MAX_SHEETS` (1 000) are refused; a thousand still read, as the one sheet.
#[test]
fn a_sheet_listed_thousands_of_times_is_refused() {
    let fixtures = Fixture::load_all();
    let f = fixture(&fixtures, "xlsx/e81_104.xlsx");
    let listed = |times: usize| {
        edited(f, "xl/workbook.xml", |x| {
            let at = x.find("<sheet ").expect("<sheet");
            let end = at + x[at..].find("/>").expect("/>") + 2;
            format!("{}{}{}", &x[..at], x[at..end].repeat(times), &x[end..])
        })
    };
    let v = run(listed(58_544), f.original.as_ref(), DEADLINE);
    let Outcome::Refused(e) = &v.outcome else {
        panic!("{:?}", v.outcome);
    };
    assert!(e.contains("lebih dari 1000 sheet"), "{e}");
    // With the fixture's other sheet: 1 000 listed.
    let v = run(listed(999), f.original.as_ref(), DEADLINE);
    assert!(
        matches!(v.outcome, Outcome::Read { changed: false }) && v.panics.is_empty(),
        "{:?}",
        v.outcome
    );
}
