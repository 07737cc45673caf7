//! Every `tests/fixtures/xlsx/*.expected.json`: rebuild the document from its parsed inputs,
//! compute, and compare columns 12–15 (Rp), Σ K of counts, and the totals.

mod common;

use capaian_domain::e81::{compute, E81Settings};
use capaian_domain::kode;
use capaian_domain::model::{Field, KValue};
use capaian_domain::num::round_half_up;
use common::{d, expected_document as build, opt, read, FIXTURES};
use rust_decimal::Decimal;
use serde_json::Value;

fn fixtures() -> Vec<(String, Value)> {
    let mut names: Vec<String> = std::fs::read_dir(format!("{FIXTURES}/xlsx"))
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".expected.json"))
        .collect();
    names.sort();
    assert!(names.len() >= 5, "{names:?}");
    names
        .into_iter()
        .map(|n| {
            let v: Value = serde_json::from_str(&read(&format!("xlsx/{n}"))).unwrap();
            (n, v)
        })
        .collect()
}

#[test]
fn columns_12_to_15_and_totals() {
    for (name, exp) in fixtures() {
        let doc = build(&exp);
        let (c, problems) = compute(&doc, &E81Settings::default());
        assert_eq!(c.rows.len(), doc.rows.len());
        for (i, (r, rc)) in exp["rows"]
            .as_array()
            .unwrap()
            .iter()
            .zip(&c.rows)
            .enumerate()
        {
            let at = format!("{name} row {i} {}", r["kode"]);
            assert_eq!(rc.c12.rp, opt(&r["col12_rp"]), "{at} col12_rp");
            assert_eq!(rc.c14.rp, opt(&r["col14_rp"]), "{at} col14_rp");
            let r2 = |v: Option<Decimal>| v.map(|x| round_half_up(x, 2));
            assert_eq!(r2(rc.c13.rp), opt(&r["col13_rp_pct"]), "{at} col13");
            assert_eq!(r2(rc.c15.rp), opt(&r["col15_rp_pct"]), "{at} col15");
            assert_eq!(
                r2(rc.penyerapan_pct),
                opt(&r["col13_rp_pct"]),
                "{at} penyerapan"
            );
            if r["kind"] == "count" {
                assert_eq!(
                    rc.c12.k,
                    opt(&r["col12_k_sum"]).map(KValue::Number),
                    "{at} col12_k_sum"
                );
            }
            // The fixture's canonical codes are canonical for us too, with the row's level.
            if let Some(kd) = r["kode"].as_str() {
                assert_eq!(kode::normalize(kd).0.as_deref(), Some(kd), "{at}");
                assert_eq!(kode::level_of(kd), Some(doc.rows[i].level), "{at}");
            }
        }
        // Parent Rp = Σ children everywhere, except above the cut of big_900's 60-row excerpt.
        let truncated = exp.get("rows_total").is_some();
        let last = doc.rows.len() - 1;
        let mut cut = vec![];
        let mut p = c.rows[last].parent;
        while let Some(x) = p {
            cut.push(x);
            p = c.rows[x].parent;
        }
        for p in problems.iter().filter(|p| p.code == "jumlah_induk") {
            assert!(
                truncated && cut.contains(&p.at.row.unwrap()),
                "{name}: {p:?}"
            );
        }
        if !truncated {
            assert_eq!(
                c.totals.target_rp,
                d(exp["totals"]["target_rp"].as_str().unwrap()),
                "{name}"
            );
            assert_eq!(
                c.totals.realisasi_rp,
                d(exp["totals"]["realisasi_rp"].as_str().unwrap()),
                "{name}"
            );
            assert_eq!(
                c.totals.penyerapan_pct,
                Some(c.totals.realisasi_rp * Decimal::ONE_HUNDRED / c.totals.target_rp)
            );
            // Program target Rp = Σ of their kegiatan.
            for (i, rc) in c.rows.iter().enumerate() {
                if !rc.children.is_empty() {
                    assert_eq!(rc.rollup_rp, doc.rows[i].target.rp, "{name} row {i}");
                }
            }
        }
    }
}

#[test]
fn stated_computed_columns_are_checked() {
    let (_, exp) = fixtures()
        .into_iter()
        .find(|(n, _)| n.starts_with("e81_103"))
        .unwrap();
    let mut doc = build(&exp);
    for (row, r) in doc.rows.iter_mut().zip(exp["rows"].as_array().unwrap()) {
        row.stated.c12.rp = opt(&r["col12_rp"]);
        row.stated.c14.rp = opt(&r["col14_rp"]);
        row.stated.c15.rp = opt(&r["col15_rp_pct"]);
    }
    let settings = E81Settings::default();
    let (_, problems) = compute(&doc, &settings);
    assert!(
        !problems.iter().any(|p| p.code == "kolom_hitung_berbeda"),
        "{problems:?}"
    );
    // A stated value off by one sen, and a stated percentage off by 0,01.
    doc.rows[2].stated.c12.rp = doc.rows[2].stated.c12.rp.map(|v| v + d("0.01"));
    doc.rows[4].stated.c15.rp = doc.rows[4].stated.c15.rp.map(|v| v - d("0.01"));
    let (_, problems) = compute(&doc, &settings);
    let flagged: Vec<_> = problems
        .iter()
        .filter(|p| p.code == "kolom_hitung_berbeda")
        .map(|p| (p.at.row, p.at.field))
        .collect();
    assert_eq!(
        flagged,
        vec![(Some(2), Some(Field::C12Rp)), (Some(4), Some(Field::C15Rp))]
    );
}

#[test]
fn parent_sum_mismatch_is_located() {
    let (_, exp) = fixtures()
        .into_iter()
        .find(|(n, _)| n.starts_with("e81_101"))
        .unwrap();
    let mut doc = build(&exp);
    // Kegiatan row 1 states a TW II Rp one rupiah off its children.
    doc.rows[1].tw[1].rp = doc.rows[1].tw[1].rp.map(|v| v + Decimal::ONE);
    let (_, problems) = compute(&doc, &E81Settings::default());
    let sums: Vec<_> = problems
        .iter()
        .filter(|p| p.code == "jumlah_induk")
        .map(|p| (p.at.row, p.at.field))
        .collect();
    // The kegiatan differs from its subs, and the program from its kegiatan.
    assert_eq!(
        sums,
        vec![
            (Some(1), Some(Field::TwRp(2))),
            (Some(0), Some(Field::TwRp(2)))
        ]
    );
}
