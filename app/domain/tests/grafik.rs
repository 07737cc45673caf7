//! The charts' figures on a real fixture (`e81_101`): the bars are the computation's capaian
//! of every program, the cumulative realisasi ends at the fixture's column 12 Rp total, the
//! pagu is its column 7 total, and the effective Rp the charts read are the computation's.

mod common;

use capaian_domain::e81::{compute, effective_rp_of, E81Settings, E81State};
use capaian_domain::grafik::{capaian_program, serapan_triwulan, svg_capaian, svg_serapan};
use capaian_domain::model::Level;
use capaian_domain::num::format_pct;
use common::{expected_document, opt, read};
use rust_decimal::Decimal;

#[test]
fn fixture_e81_101_charts_follow_the_computation() {
    let exp: serde_json::Value =
        serde_json::from_str(&read("xlsx/e81_101.expected.json")).expect("json");
    let doc = expected_document(&exp);
    let settings = E81Settings::default();
    let (computed, _) = compute(&doc, &settings);

    let bars = capaian_program(&doc, &computed);
    let programs: Vec<usize> = (0..doc.rows.len())
        .filter(|&i| doc.rows[i].level == Level::Program)
        .collect();
    assert!(programs.len() >= 2, "{programs:?}");
    assert_eq!(bars.iter().map(|b| b.baris).collect::<Vec<_>>(), programs);
    for b in &bars {
        let c = &computed.rows[b.baris];
        assert!(c.capaian_sd_tw.is_some(), "row {}", b.baris);
        assert_eq!(b.capaian, c.capaian_sd_tw, "row {}", b.baris);
        assert_eq!(b.predikat, c.rating, "row {}", b.baris);
        assert_eq!(b.nama, doc.rows[b.baris].name);
    }

    // Column 12 and column 7 Rp of the programs, as the fixture states them.
    let rows = exp["rows"].as_array().expect("rows");
    let sum = |key: &str| -> Decimal { programs.iter().filter_map(|&i| opt(&rows[i][key])).sum() };
    let (col12, col7) = (sum("col12_rp"), sum("target_rp"));
    assert!(col12 > Decimal::ZERO && col7 > Decimal::ZERO);
    let t = serapan_triwulan(&doc, &computed);
    assert_eq!(t.len(), 4);
    let last = t
        .iter()
        .rev()
        .find_map(|p| p.realisasi_kumulatif)
        .expect("realisasi");
    assert_eq!(last, col12);
    assert!(t.iter().all(|p| p.pagu == Some(col7)));
    // Reported at TW II: TW I and II cumulative, TW III and IV not yet.
    assert_eq!(exp["meta"]["quarter"], 2);
    assert!(t[1].realisasi_kumulatif.is_some() && t[2].realisasi_kumulatif.is_none());

    // The effective Rp read from the finished computation are those the computation used.
    let state = E81State::new(&doc, &settings);
    let eff = effective_rp_of(&doc, &computed);
    for (i, e) in eff.iter().enumerate() {
        assert_eq!(*e, state.effective_rp(i), "row {i}");
    }

    // The SVGs show every program's value.
    let svg = svg_capaian(&bars, &settings.scale);
    for b in &bars {
        let v = format_pct(b.capaian.expect("capaian"));
        assert!(svg.contains(&format!(">{v}<")), "{v}");
    }
    let s = svg_serapan(&t);
    assert!(s.contains(&format_pct(t[1].persen_pagu.expect("% pagu"))));
    if let Some(dir) = std::env::var_os("CAPAIAN_GRAFIK_DIR") {
        let dir = std::path::PathBuf::from(dir);
        std::fs::write(dir.join("capaian.svg"), &svg).expect("write");
        std::fs::write(dir.join("serapan.svg"), &s).expect("write");
    }
}
