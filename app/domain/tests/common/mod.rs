//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::str::FromStr;

use capaian_domain::indicator::default_semantics;
use capaian_domain::model::{Document, KValue, Level, Pair, Row};
use capaian_domain::num::{parse_cell, CellValue};
use rust_decimal::Decimal;

pub const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures");

pub fn read(rel: &str) -> String {
    let path = format!("{FIXTURES}/{rel}");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

pub fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap_or_else(|e| panic!("{s}: {e}"))
}

/// A printed cell (`44,77%`, `2.468.210.182`, `3 Dok`, `-`) as a number; None for blank/dash.
pub fn cell_num(s: &str) -> Option<Decimal> {
    let (c, problems) = parse_cell(s);
    assert!(
        problems.iter().all(|p| p.code != "bukan_angka"),
        "{s}: {problems:?}"
    );
    match c.value {
        CellValue::Number { value, .. } => Some(value),
        CellValue::Blank | CellValue::Dash => None,
        other => panic!("{s}: {other:?}"),
    }
}

pub fn level(s: &str) -> Level {
    match s {
        "program" => Level::Program,
        "kegiatan" => Level::Kegiatan,
        "sub_kegiatan" => Level::SubKegiatan,
        "indikator" => Level::Indikator,
        other => panic!("level {other}"),
    }
}

/// A row with K/Rp values; semantics from the defaults.
pub fn row(
    level: Level,
    kode: Option<&str>,
    unit: Option<&str>,
    target: Pair,
    tw: [Pair; 4],
) -> Row {
    let values: Vec<&KValue> = std::iter::once(&target)
        .chain(tw.iter())
        .filter_map(|p| p.k.as_ref())
        .collect();
    let semantics = default_semantics(unit, &values);
    Row {
        kode: kode.map(str::to_string),
        kode_raw: kode.map(str::to_string),
        unit: unit.map(str::to_string),
        semantics,
        target,
        tw,
        ..Row::empty(level)
    }
}

pub fn doc(quarter: u8, rows: Vec<Row>) -> Document {
    Document {
        form: "E.81".into(),
        quarter: Some(quarter),
        rows,
        ..Document::default()
    }
}

pub fn k(v: Option<Decimal>) -> Option<KValue> {
    v.map(KValue::Number)
}

/// RFC 4180 CSV (quoted fields, doubled quotes, CRLF) as header → value maps.
pub fn csv(rel: &str) -> Vec<std::collections::HashMap<String, String>> {
    let text = read(rel);
    let mut records: Vec<Vec<String>> = Vec::new();
    let (mut field, mut rec) = (String::new(), Vec::new());
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            ('"', _) => quoted = !quoted,
            (',', false) => rec.push(std::mem::take(&mut field)),
            ('\r', false) => {}
            ('\n', false) => {
                rec.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut rec));
            }
            (c, _) => field.push(c),
        }
    }
    if !field.is_empty() || !rec.is_empty() {
        rec.push(field);
        records.push(rec);
    }
    let header = records.remove(0);
    records
        .into_iter()
        .map(|r| header.iter().cloned().zip(r).collect())
        .collect()
}

/// A decimal string of an expected JSON (null → None).
pub fn opt(v: &serde_json::Value) -> Option<Decimal> {
    v.as_str().map(d)
}

fn expected_pair(r: &serde_json::Value, k: &str, rp: &str) -> Pair {
    Pair {
        k: opt(&r[k]).map(KValue::Number),
        rp: opt(&r[rp]),
    }
}

/// The document of a `tests/fixtures/xlsx/*.expected.json` (rebuilt from its parsed inputs:
/// levels, codes, names, indicators, units, K/Rp values; semantics from the defaults).
pub fn expected_document(exp: &serde_json::Value) -> Document {
    let rows = exp["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| {
            let tw = [0, 1, 2, 3].map(|q| Pair {
                k: opt(&r["tw_k"][q]).map(KValue::Number),
                rp: opt(&r["tw_rp"][q]),
            });
            let mut row = row(
                level(r["level"].as_str().expect("level")),
                r["kode"].as_str(),
                r["unit"].as_str(),
                expected_pair(r, "target_k", "target_rp"),
                tw,
            );
            row.name = r["name"].as_str().unwrap_or_default().to_string();
            row.indicator = r["indicator"].as_str().unwrap_or_default().to_string();
            row.renstra = expected_pair(r, "renstra_k", "renstra_rp");
            row.prev = expected_pair(r, "prev_k", "prev_rp");
            row
        })
        .collect();
    Document {
        form: "E.81".into(),
        year: exp["meta"]["year"].as_i64().map(|y| y as i32),
        quarter: exp["meta"]["quarter"].as_u64().map(|q| q as u8),
        rows,
        ..Document::default()
    }
}

/// [`expected_document`] of `tests/fixtures/xlsx/{name}.expected.json`.
pub fn fixture_document(name: &str) -> Document {
    let v: serde_json::Value = serde_json::from_str(&read(&format!("xlsx/{name}.expected.json")))
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    expected_document(&v)
}
