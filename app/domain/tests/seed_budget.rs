//! Seed 003 Tabel 3.15 (realisasi anggaran: every % and subtotal) and seed 000 Tabel 3.11/3.12
//! (parent sums, penyerapan, indicator capaian).

mod common;

use capaian_domain::e81::{compute, E81Settings};
use capaian_domain::model::{KValue, Level, Pair, Row};
use capaian_domain::num::round_half_up;
use common::{cell_num, csv, d, k};
use rust_decimal::Decimal;

fn r2(v: Option<Decimal>) -> Option<Decimal> {
    v.map(|x| round_half_up(x, 2))
}

/// A budget row: pagu as target Rp, the year's realisation in TW IV.
fn budget_row(level: Level, pagu: Option<Decimal>, realisasi: Option<Decimal>) -> Row {
    let mut tw: [Pair; 4] = Default::default();
    tw[3].rp = realisasi;
    common::row(level, None, None, Pair { k: None, rp: pagu }, tw)
}

#[test]
fn seed_003_tabel_3_15_every_percentage_and_subtotal() {
    let recs = csv("seeds/003/tabel_3.15_realisasi_anggaran.annotated.csv");
    let (data, total): (Vec<_>, Vec<_>) = recs.iter().partition(|r| r["_level"] != "total");
    let rows: Vec<Row> = data
        .iter()
        .map(|r| {
            let level = match r["_level"].as_str() {
                "subkegiatan" => Level::SubKegiatan,
                other => common::level(other),
            };
            assert_eq!(
                r["Anggaran Program/Kegiatan/ Sub Kegiatan"],
                r["Target Anggaran"]
            );
            budget_row(
                level,
                cell_num(&r["Target Anggaran"]),
                cell_num(&r["Realisasi Kinerja Anggaran / (Rp)"]),
            )
        })
        .collect();
    let doc = common::doc(4, rows);
    let (c, problems) = compute(&doc, &E81Settings::default());
    assert!(
        !problems.iter().any(|p| p.code == "jumlah_induk"),
        "{problems:?}"
    );
    for (i, r) in data.iter().enumerate() {
        assert_eq!(
            r2(c.rows[i].penyerapan_pct),
            cell_num(&r["Realisasi Kinerja Anggaran / (%)"]),
            "{}",
            r["Program/Kegiatan/ Sub Kegiatan"]
        );
        if !c.rows[i].children.is_empty() {
            assert_eq!(c.rows[i].rollup_rp, doc.rows[i].target.rp);
            assert_eq!(c.rows[i].rollup_realisasi_rp, doc.rows[i].tw[3].rp);
        }
    }
    let t = total[0];
    assert_eq!(Some(c.totals.target_rp), cell_num(&t["Target Anggaran"]));
    assert_eq!(
        Some(c.totals.realisasi_rp),
        cell_num(&t["Realisasi Kinerja Anggaran / (Rp)"])
    );
    assert_eq!(
        r2(c.totals.penyerapan_pct),
        cell_num(&t["Realisasi Kinerja Anggaran / (%)"])
    );

    // Parents left empty take their children's sums; a wrong parent is located.
    let mut blank = doc.clone();
    for (i, row) in blank.rows.iter_mut().enumerate() {
        if !c.rows[i].children.is_empty() {
            row.target.rp = None;
            row.tw[3].rp = None;
        }
    }
    let (cb, pb) = compute(&blank, &E81Settings::default());
    assert!(pb.iter().all(|p| p.code != "jumlah_induk"));
    assert_eq!(cb.totals, c.totals);
    let mut wrong = doc.clone();
    wrong.rows[1].target.rp = wrong.rows[1].target.rp.map(|v| v + d("2000000"));
    let (_, pw) = compute(&wrong, &E81Settings::default());
    let at: Vec<_> = pw
        .iter()
        .filter(|p| p.code == "jumlah_induk")
        .map(|p| p.at.row)
        .collect();
    assert_eq!(at, vec![Some(1), Some(0)]);
}

/// Tabel 3.11 / 3.12: program = Σ kegiatan = Σ sub kegiatan (every parent), every penyerapan %, every
/// indicator capaian (realisasi ÷ target, uncapped). Sasaran rows (above programs) are checked as
/// Σ of their programs. The one deliberate difference: target 0 / realisasi 0 is printed 0.00 %,
/// we give no capaian.
#[test]
fn seed_000_tabel_3_11_and_3_12() {
    for (file, n_parents) in [
        ("tabel_3_11_annotated.csv", 24),
        ("tabel_3_12_annotated.csv", 12),
    ] {
        let recs = csv(&format!("seeds/000/{file}"));
        let mut rows: Vec<Row> = Vec::new();
        let mut printed_rp_pct = Vec::new();
        let mut printed_cap = Vec::new();
        let mut sasaran: Vec<(Decimal, Decimal, Decimal, Decimal)> = Vec::new();
        for r in &recs {
            let kind = r["jenis_baris"].as_str();
            let pagu = cell_num(&r["Belanja > Anggaran"]);
            let real = cell_num(&r["Belanja > Realisasi"]);
            let level = match kind {
                "program" => Level::Program,
                "kegiatan" => Level::Kegiatan,
                k if k.starts_with("subkegiatan") => Level::SubKegiatan,
                k if k.starts_with("indikator_") && kind != "indikator_sasaran" => Level::Indikator,
                k if k.starts_with("keluaran_subkegiatan (memuat") => {
                    // The sub kegiatan's budget printed one line low.
                    let last = rows.last_mut().unwrap();
                    last.target.rp = pagu;
                    last.tw[3].rp = real;
                    *printed_rp_pct.last_mut().unwrap() = cell_num(&r["Belanja > %"]);
                    continue;
                }
                "sasaran" => {
                    sasaran.push((pagu.unwrap(), real.unwrap(), Decimal::ZERO, Decimal::ZERO));
                    continue;
                }
                _ => continue,
            };
            let mut row = budget_row(level, pagu, real);
            if level == Level::Indikator {
                row.target.k = k(cell_num(&r["Capaian Kinerja > Target"]));
                row.tw[3].k = k(cell_num(&r["Capaian Kinerja > Realisasi"]));
            }
            if level == Level::Program {
                if let Some(s) = sasaran.last_mut() {
                    s.2 += pagu.unwrap_or_default();
                    s.3 += real.unwrap_or_default();
                }
            }
            printed_rp_pct.push(cell_num(&r["Belanja > %"]));
            printed_cap.push(cell_num(&r["Capaian Kinerja > %"]));
            rows.push(row);
        }
        let doc = common::doc(4, rows);
        let (c, problems) = compute(&doc, &E81Settings::default());
        assert!(
            !problems.iter().any(|p| p.code == "jumlah_induk"),
            "{file}: {problems:?}"
        );
        let parents = c.rows.iter().filter(|r| !r.children.is_empty()).count();
        assert_eq!(parents + sasaran.len(), n_parents, "{file}");
        for (a, b, pa, pb) in &sasaran {
            assert_eq!((a, b), (pa, pb), "{file}: sasaran = Σ program");
        }
        let mut zero_targets = 0;
        for (i, row) in doc.rows.iter().enumerate() {
            if row.level == Level::Indikator {
                if row.target.k == Some(KValue::Number(Decimal::ZERO)) {
                    assert_eq!(c.rows[i].capaian_sd_tw, None);
                    assert_eq!(printed_cap[i], Some(Decimal::ZERO));
                    zero_targets += 1;
                } else {
                    assert_eq!(
                        r2(c.rows[i].capaian_sd_tw),
                        printed_cap[i],
                        "{file} row {i}"
                    );
                }
            } else if row.target.rp.is_some() && row.target.rp != Some(Decimal::ZERO) {
                assert_eq!(
                    r2(c.rows[i].penyerapan_pct),
                    printed_rp_pct[i],
                    "{file} row {i}"
                );
            }
        }
        assert!(zero_targets <= 1, "{file}");
        let s_pagu: Decimal = sasaran.iter().map(|s| s.0).sum();
        let s_real: Decimal = sasaran.iter().map(|s| s.1).sum();
        let tot = recs.iter().find(|r| r["jenis_baris"] == "total").unwrap();
        assert_eq!(Some(s_pagu), cell_num(&tot["Belanja > Anggaran"]));
        assert_eq!(Some(s_real), cell_num(&tot["Belanja > Realisasi"]));
        assert_eq!(s_pagu, c.totals.target_rp, "{file}");
        assert_eq!(s_real, c.totals.realisasi_rp, "{file}");
        assert_eq!(
            r2(c.totals.penyerapan_pct),
            cell_num(&tot["Belanja > %"]),
            "{file}"
        );
    }
}
