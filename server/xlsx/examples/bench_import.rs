//! Benchmark: read `big_900.xlsx` (20 017 rows, 540 739 cells), compute the E.81 columns,
//! serialise the import JSON; print wall time and peak RSS, then time
//! `openpyxl.load_workbook` on the same file in the same run and print the ratio.
//!
//! ```text
//! CARGO_TARGET_DIR=/work/target-xlsx cargo run --release -p capaian-xlsx --example bench_import -- \
//!     /work/main/tests/fixtures/xlsx/big_900.xlsx
//! ```

use std::process::{Command, ExitCode};
use std::time::Instant;

use capaian_domain::e81::{compute, E81Settings};
use capaian_xlsx::{json::write_import_json, read_workbook, Limits};

fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("pemakaian: bench_import FILE.xlsx");
        return ExitCode::FAILURE;
    };
    let t0 = Instant::now();
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let import = match read_workbook(&bytes, &Limits::default()) {
        Ok(i) => i,
        Err(e) => {
            eprintln!("{path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let t_read = t0.elapsed();
    let (computed, problems) = compute(&import.document, &E81Settings::default());
    let t_compute = t0.elapsed();
    let mut out: Vec<u8> = Vec::with_capacity(32 << 20);
    if let Err(e) = write_import_json(&mut out, &import, &computed, &problems) {
        eprintln!("JSON: {e}");
        return ExitCode::FAILURE;
    }
    let wall = t0.elapsed();
    let rss = peak_rss_mb().unwrap_or(f64::NAN);
    println!(
        "capaian-xlsx: {} rows, {} problems, JSON {} bytes",
        import.document.rows.len(),
        import.problems.len() + problems.len(),
        out.len()
    );
    println!(
        "  read {:.3} s, +compute {:.3} s, +json {:.3} s = wall {:.3} s; peak RSS {:.1} MB",
        t_read.as_secs_f64(),
        (t_compute - t_read).as_secs_f64(),
        (wall - t_compute).as_secs_f64(),
        wall.as_secs_f64(),
        rss
    );

    let py = Command::new("python3")
        .arg("-c")
        .arg("import openpyxl,sys,time; t=time.time(); openpyxl.load_workbook(sys.argv[1]); print(time.time()-t)")
        .arg(&path)
        .output();
    match py {
        Ok(o) if o.status.success() => {
            let s = String::from_utf8_lossy(&o.stdout);
            match s.trim().parse::<f64>() {
                Ok(t) => println!(
                    "openpyxl.load_workbook: {t:.3} s; ratio {:.1}x (goal >= 20x)",
                    t / wall.as_secs_f64()
                ),
                Err(_) => println!("openpyxl: unexpected output {s:?}"),
            }
        }
        Ok(o) => println!(
            "openpyxl not measured: {}",
            String::from_utf8_lossy(&o.stderr).trim()
        ),
        Err(e) => println!("openpyxl not measured: {e}"),
    }
    ExitCode::SUCCESS
}
