//! Benchmark: export of a Formulir E.81 (`capaian_xlsx::export::export_e81`) against openpyxl
//! writing the same formatted form.
//!
//! ```text
//! CARGO_TARGET_DIR=/work/target-export cargo run --release -p capaian-xlsx --example bench_export -- \
//!     /work/main/tests/fixtures/xlsx/big_900.xlsx [--rows N] [--out OUT.xlsx] [--no-openpyxl]
//! ```
//!
//! Reads the workbook once and computes (not timed), then times `export_e81` (first, best and
//! median of five runs), dumps the rows (values and the exported formula texts, read back from the
//! export) to JSON, runs `examples/bench_export_openpyxl.py` on it with `python3` and prints
//! both times and the ratio. `--rows N` keeps the first N rows (for a printable preview);
//! `--out` saves the export.

use std::io::Cursor;
use std::path::PathBuf;
use std::process::{Command, ExitCode};
use std::time::Instant;

use calamine::{Data, Reader, Xlsx};
use capaian_domain::e81::{compute, E81Settings};
use capaian_domain::model::Level;
use capaian_xlsx::export::{export_e81, ExportMeta};
use capaian_xlsx::{read_path, Limits};
use serde_json::{json, Value};

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("galat: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let mut path = None;
    let mut out = None;
    let mut rows = None;
    let mut openpyxl = true;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--out" => out = args.next(),
            "--rows" => rows = args.next().and_then(|n| n.parse::<usize>().ok()),
            "--no-openpyxl" => openpyxl = false,
            _ => path = Some(a),
        }
    }
    let path = path.ok_or("pemakaian: bench_export FILE.xlsx [--rows N] [--out OUT.xlsx]")?;
    let import = read_path(&path, &Limits::default()).map_err(|e| e.to_string())?;
    let mut doc = import.document;
    if let Some(n) = rows {
        doc.rows.truncate(n);
    }
    let (computed, _) = compute(&doc, &E81Settings::default());
    let meta = ExportMeta::from_document(&doc);

    let mut times = Vec::new();
    let mut bytes = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        bytes = export_e81(&doc, &computed, &meta).map_err(|e| e.to_string())?;
        times.push(t.elapsed().as_secs_f64());
    }
    let first = times[0];
    let best = times.iter().copied().fold(f64::INFINITY, f64::min);
    let mut sorted = times.clone();
    sorted.sort_by(f64::total_cmp);
    let median = sorted[sorted.len() / 2];
    println!(
        "capaian export_e81: {} rows, {} bytes, first {:.3} s, best of 5 {:.3} s, median {:.3} s",
        doc.rows.len(),
        bytes.len(),
        first,
        best,
        median
    );
    if let Some(o) = &out {
        std::fs::write(o, &bytes).map_err(|e| e.to_string())?;
        println!("ditulis: {o}");
    }
    if !openpyxl {
        return Ok(());
    }

    // The same form for openpyxl: cells read back from the export (not timed).
    let levels: Vec<Level> = doc.rows.iter().map(|r| r.level).collect();
    let dump = dump_cells(&bytes, &levels)?;
    let dir = std::env::temp_dir().join(format!("capaian-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let json_path = dir.join("rows.json");
    let xlsx_path = dir.join("openpyxl.xlsx");
    std::fs::write(&json_path, dump.to_string()).map_err(|e| e.to_string())?;
    let script =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/bench_export_openpyxl.py");
    let t = Instant::now();
    let output = Command::new("python3")
        .arg(&script)
        .arg(&json_path)
        .arg(&xlsx_path)
        .output()
        .map_err(|e| format!("python3 tidak dapat dijalankan: {e}"))?;
    let wall = t.elapsed().as_secs_f64();
    if !output.status.success() {
        return Err(format!(
            "openpyxl gagal: {}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let inner: f64 = String::from_utf8_lossy(&output.stdout)
        .trim()
        .parse()
        .map_err(|_| "keluaran skrip openpyxl tidak terbaca".to_string())?;
    println!("openpyxl (same form): write {inner:.3} s (process wall incl. JSON load {wall:.3} s)");
    println!(
        "ratio openpyxl write / capaian best: {:.1}x (vs first run: {:.1}x)",
        inner / best,
        inner / first
    );
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

fn cell_json(v: Option<&Data>, f: Option<&String>) -> Value {
    if let Some(f) = f.filter(|f| !f.is_empty()) {
        return json!(["f", f, "#,##0.00"]);
    }
    match v {
        Some(Data::Float(x)) => {
            let fmt = if x.fract() == 0.0 {
                "#,##0"
            } else {
                "#,##0.00"
            };
            json!(["n", x, fmt])
        }
        Some(Data::Int(i)) => json!(["n", i, "#,##0"]),
        Some(Data::String(s)) if !s.is_empty() => json!(["s", s, "General"]),
        _ => Value::Null,
    }
}

fn dump_cells(bytes: &[u8], levels: &[Level]) -> Result<Value, String> {
    let mut x: Xlsx<_> = Xlsx::new(Cursor::new(bytes.to_vec())).map_err(|e| e.to_string())?;
    let name = x.sheet_names().first().cloned().ok_or("tanpa sheet")?;
    let range = x.worksheet_range(&name).map_err(|e| e.to_string())?;
    let formulas = x.worksheet_formula(&name).map_err(|e| e.to_string())?;
    let fstart = formulas.start().unwrap_or((0, 0));
    let text = |r: u32, c: u32| -> String {
        match range.get_value((r, c)) {
            Some(Data::String(s)) => s.clone(),
            _ => String::new(),
        }
    };
    let formula = |r: u32, c: u32| -> Option<&String> {
        formulas.get_value((r.checked_sub(fstart.0)?, c.checked_sub(fstart.1)?))
    };
    let title: Vec<String> = (1..4).map(|r| text(r, 0)).collect();
    let mut header = Vec::new();
    for c in [0u32, 1, 2, 3, 4, 28, 29] {
        header.push(json!([c + 1, 2, c + 1, text(5, c)]));
    }
    for (a, b) in [
        (5, 7),
        (8, 9),
        (10, 11),
        (20, 21),
        (22, 23),
        (24, 25),
        (26, 27),
    ] {
        header.push(json!([a + 1, 1, b + 1, text(5, a)]));
    }
    header.push(json!([13, 0, 20, text(5, 12)]));
    let subheader: Vec<Value> = (5..28)
        .filter(|&c| !text(7, c).is_empty())
        .map(|c| json!([c + 1, text(7, c)]))
        .collect();
    let numbering: Vec<Value> = (0..30)
        .filter(|&c| !text(8, c).is_empty())
        .map(|c| json!([c + 1, c + 1, text(8, c)]))
        .collect();
    let mut rows = Vec::with_capacity(levels.len());
    for (i, level) in levels.iter().enumerate() {
        let r = 9 + i as u32;
        let cells: Vec<Value> = (0..30)
            .map(|c| cell_json(range.get_value((r, c)), formula(r, c)))
            .collect();
        let indent = match level {
            Level::Kegiatan => 1,
            Level::SubKegiatan => 2,
            _ => 0,
        };
        rows.push(json!({
            "bold": matches!(level, Level::Program | Level::Kegiatan),
            "indent": indent,
            "height": 22.0,
            "cells": cells,
        }));
    }
    let end = 9 + levels.len() as u32;
    let mut footer = Vec::new();
    for r in end..end + 7 {
        let values: Vec<Value> = (5..30)
            .filter_map(
                |c| match cell_json(range.get_value((r, c)), formula(r, c)) {
                    Value::Null => None,
                    Value::Array(a) => Some(json!([c + 1, a[0], a[1]])),
                    _ => None,
                },
            )
            .collect();
        footer.push(json!([text(r, 0), values]));
    }
    let signature: Vec<Value> = (end + 8..end + 17)
        .map(|r| json!([text(r, 1), text(r, 24)]))
        .collect();
    Ok(json!({
        "title": title,
        "header": header,
        "subheader": subheader,
        "numbering": numbering,
        "rows": rows,
        "footer": footer,
        "signature": signature,
    }))
}
