//! Every fixture workbook against its `.expected.json`: layout, title facts, every row's
//! level, code, name, indicator, unit and parsed inputs, and the computed columns 12–15
//! and totals (domain `e81::compute`).

use std::path::Path;
use std::str::FromStr;

use capaian_domain::e81::{compute, E81Settings};
use capaian_domain::model::{KValue, Level, Pair};
use capaian_domain::num::round_half_up;
use capaian_domain::units::builtin_canonical;
use capaian_xlsx::{read_path, Limits};
use rust_decimal::Decimal;
use serde_json::Value;

mod common;
use common::{fixtures_dir, is_resaved, workbooks};

fn dec(v: &Value) -> Option<Decimal> {
    v.as_str()
        .map(|s| Decimal::from_str(s).unwrap_or_else(|e| panic!("bad decimal {s}: {e}")))
}

fn k_num(k: &Option<KValue>) -> Option<Decimal> {
    match k {
        None => None,
        Some(KValue::Number(d)) => Some(*d),
        Some(other) => panic!("K is not a number: {other:?}"),
    }
}

fn level_name(l: Level) -> &'static str {
    l.key()
}

fn check_pair(ctx: &str, p: &Pair, k: &Value, rp: &Value) {
    assert_eq!(k_num(&p.k), dec(k), "{ctx} K");
    assert_eq!(p.rp, dec(rp), "{ctx} Rp");
}

fn pct2(d: Option<Decimal>) -> Option<Decimal> {
    d.map(|d| round_half_up(d, 2))
}

fn check_workbook(path: &Path) {
    check_against(path, &path.with_extension("expected.json"));
}

fn check_against(path: &Path, expected: &Path) {
    let name = path.file_name().unwrap().to_string_lossy().to_string();
    let expected: Value =
        serde_json::from_str(&std::fs::read_to_string(expected).expect("expected json"))
            .expect("json");
    let imp = read_path(path, &Limits::default()).unwrap_or_else(|e| panic!("{name}: {e}"));
    let lay = &expected["layout"];
    let meta = &expected["meta"];
    let variant = &expected["variant"];

    // Layout.
    assert_eq!(
        imp.layout.sheet,
        lay["sheet"].as_str().unwrap(),
        "{name} sheet"
    );
    assert_eq!(imp.document.sheet, imp.layout.sheet);
    assert_eq!(imp.document.form, "E.81");
    let hr: Vec<u32> = lay["header_rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_u64().unwrap() as u32)
        .collect();
    assert_eq!(
        vec![imp.layout.header_rows.0, imp.layout.header_rows.1],
        hr,
        "{name} header rows"
    );
    assert_eq!(
        imp.layout.numbering_row,
        lay["numbering_row"].as_u64().map(|v| v as u32),
        "{name} numbering row"
    );
    assert_eq!(
        imp.layout.first_data_row as u64,
        lay["first_data_row"].as_u64().unwrap(),
        "{name} first data row"
    );
    assert_eq!(
        imp.layout.last_data_row.map(u64::from),
        lay["last_data_row"].as_u64(),
        "{name} last data row"
    );

    // Title facts.
    assert_eq!(
        imp.document.year.map(i64::from),
        meta["year"].as_i64(),
        "{name} year"
    );
    assert_eq!(
        imp.document.quarter.map(u64::from),
        meta["quarter"].as_u64(),
        "{name} quarter"
    );
    assert_eq!(
        imp.document.region.as_deref(),
        meta["region"].as_str(),
        "{name} region"
    );
    assert_eq!(imp.document.pd.as_deref(), meta["pd"].as_str(), "{name} pd");

    // Rows.
    let rows = expected["rows"].as_array().unwrap();
    let data_rows = (lay["last_data_row"].as_u64().unwrap()
        - lay["first_data_row"].as_u64().unwrap()
        + 1) as usize;
    assert_eq!(imp.document.rows.len(), data_rows, "{name} row count");
    let with_kode = variant["with_kode"].as_bool().unwrap();
    let (computed, _problems) = compute(&imp.document, &E81Settings::default());
    assert_eq!(computed.rows.len(), imp.document.rows.len());
    for (i, e) in rows.iter().enumerate() {
        let r = &imp.document.rows[i];
        let ctx = format!("{name} row {} (sheet row {})", i, r.sheet_row);
        assert_eq!(
            level_name(r.level),
            e["level"].as_str().unwrap(),
            "{ctx} level"
        );
        if with_kode {
            assert_eq!(r.kode.as_deref(), e["kode"].as_str(), "{ctx} kode");
        } else {
            assert_eq!(r.kode, None, "{ctx} kode (sheet has no Kode column)");
        }
        assert_eq!(r.name, e["name"].as_str().unwrap(), "{ctx} name");
        assert_eq!(
            r.indicator,
            e["indicator"].as_str().unwrap(),
            "{ctx} indicator"
        );
        let unit = r.unit.as_deref().map(|u| builtin_canonical(u).unwrap_or(u));
        assert_eq!(unit, e["unit"].as_str(), "{ctx} unit (raw {:?})", r.unit);
        check_pair(
            &format!("{ctx} renstra"),
            &r.renstra,
            &e["renstra_k"],
            &e["renstra_rp"],
        );
        check_pair(&format!("{ctx} prev"), &r.prev, &e["prev_k"], &e["prev_rp"]);
        check_pair(
            &format!("{ctx} target"),
            &r.target,
            &e["target_k"],
            &e["target_rp"],
        );
        for q in 0..4 {
            check_pair(
                &format!("{ctx} tw{}", q + 1),
                &r.tw[q],
                &e["tw_k"][q],
                &e["tw_rp"][q],
            );
        }
        let c = &computed.rows[i];
        assert_eq!(c.c12.rp, dec(&e["col12_rp"]), "{ctx} col12 rp");
        assert_eq!(pct2(c.c13.rp), dec(&e["col13_rp_pct"]), "{ctx} col13 rp %");
        assert_eq!(c.c14.rp, dec(&e["col14_rp"]), "{ctx} col14 rp");
        assert_eq!(pct2(c.c15.rp), dec(&e["col15_rp_pct"]), "{ctx} col15 rp %");
        if e["kind"] == "count" {
            assert_eq!(
                k_num(&c.c12.k),
                dec(&e["col12_k_sum"]),
                "{ctx} col12 K (sum)"
            );
        }
    }
    let t = &expected["totals"];
    assert_eq!(
        Some(computed.totals.target_rp),
        dec(&t["target_rp"]),
        "{name} total target"
    );
    assert_eq!(
        Some(computed.totals.realisasi_rp),
        dec(&t["realisasi_rp"]),
        "{name} total realisasi"
    );

    // No unreadable cells in these well-formed fixtures.
    let errors: Vec<_> = imp
        .problems
        .iter()
        .filter(|p| p.severity == capaian_domain::model::Severity::Error)
        .collect();
    assert!(
        errors.is_empty(),
        "{name}: unexpected read errors {errors:#?}"
    );
}

#[test]
fn e81_101() {
    check_workbook(&fixtures_dir().join("e81_101.xlsx"));
}
#[test]
fn e81_102() {
    check_workbook(&fixtures_dir().join("e81_102.xlsx"));
}
#[test]
fn e81_103() {
    check_workbook(&fixtures_dir().join("e81_103.xlsx"));
}
#[test]
fn e81_104() {
    check_workbook(&fixtures_dir().join("e81_104.xlsx"));
}
#[test]
fn big_900() {
    check_workbook(&fixtures_dir().join("big_900.xlsx"));
}

/// big_900 as LibreOffice Calc saves it (shared strings, its own styles; the import
/// benchmark's second file) reads exactly as the original.
#[test]
fn big_900_libreoffice() {
    check_against(
        &fixtures_dir().join("big_900_libreoffice.xlsx"),
        &fixtures_dir().join("big_900.expected.json"),
    );
}

/// Any workbook added to the fixtures directory is checked too (re-saved copies against
/// their original's expectations).
#[test]
fn every_fixture_workbook_is_covered() {
    for p in workbooks() {
        let n = p.file_name().unwrap().to_string_lossy().to_string();
        if ![
            "e81_101.xlsx",
            "e81_102.xlsx",
            "e81_103.xlsx",
            "e81_104.xlsx",
            "big_900.xlsx",
        ]
        .contains(&n.as_str())
        {
            check_workbook(&p);
        }
    }
    let resaved = std::fs::read_dir(fixtures_dir())
        .expect("fixtures dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| is_resaved(p) && !p.ends_with("big_900_libreoffice.xlsx"));
    for p in resaved {
        let stem = p.file_stem().unwrap().to_string_lossy().to_string();
        let original = stem.trim_end_matches("_libreoffice");
        check_against(
            &p,
            &fixtures_dir().join(format!("{original}.expected.json")),
        );
    }
}
