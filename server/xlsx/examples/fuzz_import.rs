//! The long mutation-fuzz run of the importer (issue 12): N mutants (default 10 000) of the
//! fixture workbooks, the same mutator and checks as `tests/fuzz.rs` (`tests/common/mutate.rs`):
//! no panic, no read over 20 s, no peak RSS over 512 MB. Prints the counts, the slowest
//! read and the peak RSS, each with the seed that reproduces it.
//!
//! ```text
//! CARGO_TARGET_DIR=/work/target-xlsx cargo run --release -p capaian-xlsx --example fuzz_import -- 10000
//! # one mutant again (what it is, how it reads):
//! ... --example fuzz_import -- --seed 0xb4927e9d5ba990c7
//! # another run: N and the run's base seed
//! ... --example fuzz_import -- 10000 0x1234
//! ```

#[path = "../tests/common/mutate.rs"]
mod mutate;

use std::process::ExitCode;
use std::time::Instant;

use mutate::{mutant, run, Fixture, Tally, DEADLINE};

/// The base seed of the long run (the suite's is in `tests/fuzz.rs`).
const RUN_SEED: u64 = 0x0ca9_a1a0_1000_0012;

fn number(s: &str) -> Option<u64> {
    match s.strip_prefix("0x") {
        Some(hex) => u64::from_str_radix(hex, 16).ok(),
        None => s.parse().ok(),
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let fixtures = Fixture::load_all();
    if args.first().map(String::as_str) == Some("--seed") {
        let Some(seed) = args.get(1).and_then(|s| number(s)) else {
            eprintln!("pemakaian: fuzz_import --seed SEED");
            return ExitCode::FAILURE;
        };
        let m = mutant(&fixtures, seed);
        println!("{}", m.describe(&fixtures));
        let f = &fixtures[m.fixture];
        let v = run(m.bytes, f.original.as_ref(), DEADLINE);
        println!("{v:#?}");
        return if v.panicked() {
            ExitCode::FAILURE
        } else {
            ExitCode::SUCCESS
        };
    }
    let (Some(count), Some(base)) = (
        args.first().map_or(Some(10_000), |s| number(s)),
        args.get(1).map_or(Some(RUN_SEED), |s| number(s)),
    ) else {
        eprintln!("pemakaian: fuzz_import [N [SEED]] | --seed SEED");
        return ExitCode::FAILURE;
    };
    println!(
        "{} fixtures, {count} mutants from seed {base:#x}",
        fixtures.len()
    );
    let started = Instant::now();
    let t = Tally::run(&fixtures, base, count, |i, t| {
        if (i + 1) % 1000 == 0 {
            eprintln!(
                "  {} mutants, {:.0} s: read {}, refused {}, failures {}",
                i + 1,
                started.elapsed().as_secs_f64(),
                t.read,
                t.refused,
                t.failures.len()
            );
        }
    });
    println!("{}", t.summary());
    println!(
        "wall {:.1} s; slowest read {} ms (limit {} ms); peak RSS {:.0} MB (limit {:.0} MB)",
        started.elapsed().as_secs_f64(),
        t.slowest.as_millis(),
        DEADLINE.as_millis(),
        t.peak_rss_mb,
        mutate::MAX_RSS_MB
    );
    for note in &t.dependency_notes {
        println!("caught in a dependency: {note}");
    }
    for f in &t.failures {
        println!("FAILED: {f}");
    }
    if t.failures.is_empty() {
        println!("no panic, no hang, no read over the memory limit");
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
