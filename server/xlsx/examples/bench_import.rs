//! Benchmark: read a 20 017-row E.81 workbook (`big_900.xlsx`, inline strings, or its
//! LibreOffice re-save `big_900_libreoffice.xlsx`, shared strings), compute the E.81 columns,
//! serialise the import JSON; then, in the same run and on the same file, openpyxl's
//! `load_workbook` and python-calamine's raw read of the same sheet. The three are run in
//! turn, `RUNS` times (default 3), and the fastest run of each counts. Prints the three
//! times, peak RSS and both ratios against the goals (≥ 25× openpyxl, ≥ 2× python-calamine).
//!
//! The Python is `CAPAIAN_BENCH_PYTHON` (default `python3`), with `openpyxl` and
//! `python-calamine` installed (`scripts/bench-import.sh` makes a venv with both).
//!
//! ```text
//! CARGO_TARGET_DIR=/work/target-xlsx cargo run --release -p capaian-xlsx --example bench_import -- \
//!     tests/fixtures/xlsx/big_900_libreoffice.xlsx [RUNS]
//! ```

use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

use capaian_domain::e81::{compute, E81Settings};
use capaian_xlsx::{json::write_import_json, read_workbook, Limits};

const GOAL_OPENPYXL: f64 = 25.0;
const GOAL_CALAMINE: f64 = 2.0;

fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// One import: (read, +compute, +json) and what it produced.
struct Run {
    read: Duration,
    compute: Duration,
    json: Duration,
    rows: usize,
    problems: usize,
    json_bytes: usize,
    sheet: String,
}

impl Run {
    fn wall(&self) -> Duration {
        self.read + self.compute + self.json
    }
}

fn import(path: &str) -> Result<Run, String> {
    let t0 = Instant::now();
    let bytes = std::fs::read(path).map_err(|e| format!("{path}: {e}"))?;
    let import = read_workbook(&bytes, &Limits::default()).map_err(|e| format!("{path}: {e}"))?;
    let read = t0.elapsed();
    let (computed, problems) = compute(&import.document, &E81Settings::default());
    let compute_done = t0.elapsed();
    let mut out: Vec<u8> = Vec::with_capacity(32 << 20);
    write_import_json(&mut out, &import, &computed, &problems).map_err(|e| format!("JSON: {e}"))?;
    let wall = t0.elapsed();
    Ok(Run {
        read,
        compute: compute_done - read,
        json: wall - compute_done,
        rows: import.document.rows.len(),
        problems: import.problems.len() + problems.len(),
        json_bytes: out.len(),
        sheet: import.layout.sheet,
    })
}

/// Time `body` (Python, with `p` the path and `sheet` the sheet name) once, the package
/// already imported; seconds, or why it could not be measured.
fn python(path: &str, sheet: &str, package: &str, body: &str) -> Result<f64, String> {
    let exe = std::env::var("CAPAIAN_BENCH_PYTHON").unwrap_or_else(|_| "python3".into());
    let script = format!(
        "import sys, time\n\
         try:\n    import {package}\n\
         except ImportError as e:\n    sys.exit(f'{{e}} (pip install {pip} into {exe})')\n\
         p, sheet = sys.argv[1], sys.argv[2]\n\
         t = time.perf_counter()\n\
         {body}\n\
         print(time.perf_counter() - t)\n",
        pip = package.replace('_', "-"),
    );
    let out = Command::new(&exe)
        .arg("-c")
        .arg(script)
        .arg(path)
        .arg(sheet)
        .output()
        .map_err(|e| format!("{exe}: {e} (set CAPAIAN_BENCH_PYTHON)"))?;
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).trim().to_string());
    }
    let s = String::from_utf8_lossy(&out.stdout);
    s.trim()
        .parse::<f64>()
        .map_err(|_| format!("unexpected output {s:?}"))
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("pemakaian: bench_import FILE.xlsx [RUNS]");
        return ExitCode::FAILURE;
    };
    let runs: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(3).max(1);
    // Runs interleaved (ours, openpyxl, python-calamine, ours, …): a busy machine slows all
    // three alike. The fastest run of each counts.
    let mut best: Option<Run> = None;
    let mut openpyxl: Result<f64, String> = Err("not run".into());
    let mut calamine: Result<f64, String> = Err("not run".into());
    let fastest = |best: &mut Result<f64, String>, t: Result<f64, String>| match (&*best, t) {
        (Ok(b), Ok(t)) => *best = Ok(b.min(t)),
        (Err(_), t) => *best = t,
        (Ok(_), Err(_)) => {}
    };
    for _ in 0..runs {
        let ours = match import(&path) {
            Ok(r) => r,
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::FAILURE;
            }
        };
        let sheet = ours.sheet.clone();
        if best.as_ref().is_none_or(|b| ours.wall() < b.wall()) {
            best = Some(ours);
        }
        fastest(
            &mut openpyxl,
            python(&path, &sheet, "openpyxl", "openpyxl.load_workbook(p)"),
        );
        fastest(
            &mut calamine,
            python(
                &path,
                &sheet,
                "python_calamine",
                "python_calamine.CalamineWorkbook.from_path(p).get_sheet_by_name(sheet).to_python()",
            ),
        );
    }
    let Some(ours) = best else {
        return ExitCode::FAILURE;
    };
    let wall = ours.wall().as_secs_f64();
    println!("{path} (fastest of {runs} interleaved runs each)");
    println!(
        "  capaian-xlsx: {} rows, {} problems, JSON {} bytes",
        ours.rows, ours.problems, ours.json_bytes
    );
    println!(
        "  capaian-xlsx: read {:.3} s, +compute {:.3} s, +json {:.3} s = wall {wall:.3} s; peak RSS {:.1} MB",
        ours.read.as_secs_f64(),
        ours.compute.as_secs_f64(),
        ours.json.as_secs_f64(),
        peak_rss_mb().unwrap_or(f64::NAN)
    );
    let mut met = true;
    for (name, t, goal) in [
        ("openpyxl.load_workbook", &openpyxl, GOAL_OPENPYXL),
        (
            "python-calamine (raw read of the sheet)",
            &calamine,
            GOAL_CALAMINE,
        ),
    ] {
        match t {
            Ok(t) => {
                let ratio = t / wall;
                met &= ratio >= goal;
                println!(
                    "  {name}: {t:.3} s; capaian-xlsx is {ratio:.1}x faster (goal >= {goal}x: {}); \
                     its read alone (workbook to document, what the other two do) {:.1}x",
                    if ratio >= goal { "met" } else { "NOT met" },
                    t / ours.read.as_secs_f64()
                );
            }
            Err(e) => {
                met = false;
                println!("  {name}: not measured: {e}");
            }
        }
    }
    println!(
        "  {}",
        if met {
            "both goals met"
        } else {
            "goals not met (or not measured)"
        }
    );
    ExitCode::SUCCESS
}
