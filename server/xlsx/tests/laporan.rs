//! The laporan triwulan and the rencana aksi read from seed 004's tables as the report prints
//! them (`tests/fixtures/laporan/`, `tests/fixtures/rencana_aksi/`, written by
//! `examples/gen_laporan_fixtures.rs` from the verbatim CSVs), held to the figures of the seed's
//! own recomputation (`_derived_normalized_indikator_sd_tw2.csv`, the analysis's script, not
//! this code).

#[path = "common/csv.rs"]
mod csv;

use capaian_domain::e81::{compute, E81Settings};
use capaian_domain::model::{Aggregation, Document, Field, KValue, Level};
use capaian_domain::num::parse_cell;
use capaian_domain::num::CellValue;
use capaian_xlsx::{read_workbook_with, FormProfile, Limits};
use rust_decimal::{Decimal, RoundingStrategy};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures");

const LAPORAN: [(&str, usize, usize, usize); 3] = [
    (
        "tabel_3_2_2_capaian_kinerja_keuangan_program_penunjang_sd_tw2",
        1,
        8,
        29,
    ),
    (
        "tabel_3_2_5_capaian_kinerja_keuangan_program_kepegawaian_sd_tw2",
        1,
        4,
        15,
    ),
    (
        "tabel_3_2_8_capaian_kinerja_keuangan_program_pengembangan_sdm_sd_tw2",
        1,
        2,
        4,
    ),
];

fn read(dir: &str, stem: &str, profile: &FormProfile) -> Document {
    let bytes = std::fs::read(format!("{DIR}/{dir}/{stem}.xlsx")).expect("fixture");
    let imp = read_workbook_with(&bytes, &Limits::default(), profile).expect("read");
    imp.document
}

fn num(text: &str) -> Option<Decimal> {
    match parse_cell(text).0.value {
        CellValue::Number { value, .. } => Some(value),
        _ => None,
    }
}

fn k(v: &Option<KValue>) -> Option<Decimal> {
    match v {
        Some(KValue::Number(d)) => Some(*d),
        _ => None,
    }
}

fn r2(d: Decimal) -> Decimal {
    d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// The derived table's sub kegiatan rows of program `p` (Bab II numbering), in order:
/// (aggregation, Bab II annual target, the document's capaian).
fn derived_subs(p: usize) -> Vec<(Aggregation, Decimal, Decimal)> {
    let text = std::fs::read_to_string(format!(
        "{DIR}/laporan/_derived_normalized_indikator_sd_tw2.csv"
    ))
    .expect("csv");
    let rows = csv::parse_csv(&text);
    let h = &rows[0];
    let col = |name: &str| h.iter().position(|c| c.starts_with(name)).expect(name);
    let (prog, level, agg, target, cap) = (
        col("program_bab2"),
        col("level"),
        col("aggregation_mode_inferred"),
        col("target_tahun_bab2"),
        col("capaian_sd_tw2_doc"),
    );
    rows[1..]
        .iter()
        .filter(|r| r[prog] == p.to_string() && r[level] == "sub_kegiatan")
        .map(|r| {
            let a = if r[agg].contains("last") || r[agg].contains("stock") {
                Aggregation::Last
            } else {
                Aggregation::Sum
            };
            (
                a,
                num(&r[target]).expect("target"),
                num(&r[cap]).expect("capaian"),
            )
        })
        .collect()
}

#[test]
fn seed_004_laporan_reads_its_rows_and_reproduces_the_48_sub_kegiatan() {
    let profile = FormProfile::laporan();
    let (mut same_as_printed, mut with_bab2_target, mut subs) = (0, 0, 0);
    let mut flagged = Vec::new();
    let mut unreadable: Vec<String> = Vec::new();
    for (p, (stem, n_prog, n_keg, n_sub)) in LAPORAN.iter().enumerate() {
        let mut doc = read("laporan", stem, &profile);
        assert_eq!(doc.form, "laporan_triwulan");
        let count = |l: Level| doc.rows.iter().filter(|r| r.level == l).count();
        assert_eq!(
            (
                count(Level::Program),
                count(Level::Kegiatan),
                count(Level::SubKegiatan)
            ),
            (*n_prog, *n_keg, *n_sub),
            "{stem}"
        );
        // TW targets into the rencana aksi's, realisasi per quarter, stated figures kept.
        let first_sub = doc
            .rows
            .iter()
            .find(|r| r.level == Level::SubKegiatan)
            .expect("sub");
        assert!(
            first_sub.rencana.triwulan[0].k.is_some(),
            "{stem} {first_sub:?}"
        );
        assert!(first_sub.tw[0].k.is_some() && first_sub.stated.c13.k.is_some());
        assert!(doc.rows.iter().any(|r| r.tw[1].k.is_some()), "{stem}");
        assert!(first_sub.stated.c12.rp.is_some() || first_sub.stated.c13.rp.is_some());
        doc.quarter = Some(2);
        let derived = derived_subs(p + 1);
        assert_eq!(derived.len(), *n_sub, "{stem}");
        let sub_rows: Vec<usize> = (0..doc.rows.len())
            .filter(|&i| doc.rows[i].level == Level::SubKegiatan)
            .collect();
        for (&i, (agg, _, _)) in sub_rows.iter().zip(&derived) {
            doc.rows[i].semantics.aggregation = *agg;
        }
        let (c, problems) = compute(&doc, &E81Settings::default());
        for (&i, (_, _, printed)) in sub_rows.iter().zip(&derived) {
            subs += 1;
            let ours = c.rows[i].capaian_sd_tw.map(r2);
            assert_eq!(
                k(&doc.rows[i].stated.c13.k),
                Some(*printed),
                "{stem} row {i}"
            );
            if ours == Some(*printed) {
                same_as_printed += 1;
            } else {
                // Flagged where the table states it: column 13 K of that row.
                assert!(
                    problems
                        .iter()
                        .any(|q| q.at.row == Some(i) && q.at.field == Some(Field::C13K)),
                    "{stem} row {i}: {ours:?} vs {printed} not flagged"
                );
                flagged.push(format!("{stem}:{}", doc.rows[i].name));
            }
        }
        // With the annual target of Bab II (Tabel 2.5–2.7), every one reproduces.
        for (&i, (_, target, _)) in sub_rows.iter().zip(&derived) {
            doc.rows[i].target.k = Some(KValue::Number(*target));
        }
        let (c, _) = compute(&doc, &E81Settings::default());
        for (&i, (_, _, printed)) in sub_rows.iter().zip(&derived) {
            if c.rows[i].capaian_sd_tw.map(r2) == Some(*printed) {
                with_bab2_target += 1;
            }
        }
        // Realisasi keuangan s.d. TW II: each kegiatan and program is the sum of its children.
        for (i, row) in doc.rows.iter().enumerate() {
            if row.level == Level::SubKegiatan || unreadable.contains(&row.name) {
                continue;
            }
            let kids: Option<Decimal> = c.rows[i]
                .children
                .iter()
                .map(|&j| doc.rows[j].stated.c12.rp)
                .sum();
            // A child whose figure could not be read is checked in its own right.
            let Some(kids) = kids else { continue };
            match row.stated.c12.rp {
                Some(rp) => assert_eq!(rp, kids, "{stem}: {}", row.name),
                // Tabel 3.2.5 kegiatan 1.4 prints `35.629.000 0`: not a number, reported by
                // the reader, nothing read.
                None => unreadable.push(row.name.clone()),
            }
        }
    }
    assert_eq!(subs, 48);
    assert_eq!(
        unreadable,
        ["Kegiatan Penilaian dan Evaluasi Kinerja Aparatur"]
    );
    // Sub kegiatan 1.4.2 prints Target 2024 `9 Orang` and computes 4/7 (seed 004 §3.1).
    assert_eq!(same_as_printed, 47, "{flagged:?}");
    assert_eq!(flagged.len(), 1);
    assert!(
        flagged[0].contains("Pendidikan dan pelatihan Pegawai"),
        "{flagged:?}"
    );
    assert_eq!(with_bab2_target, 48);
}

#[test]
fn seed_004_target_triwulan_tables_read_as_the_rencana_aksi() {
    let profile = FormProfile::rencana_aksi();
    let tables = [
        ("tabel_2_5_target_triwulan_program_penunjang", 38),
        ("tabel_2_6_target_triwulan_program_kepegawaian_daerah", 20),
        ("tabel_2_7_target_triwulan_program_pengembangan_sdm", 7),
    ];
    for (stem, n) in tables {
        let doc = read("rencana_aksi", stem, &profile);
        assert_eq!(doc.form, "rencana_aksi");
        assert_eq!(doc.rows.len(), n, "{stem}");
        let subs = doc
            .rows
            .iter()
            .filter(|r| r.level == Level::SubKegiatan)
            .count();
        let expected = match n {
            38 => 29,
            20 => 15,
            _ => 4,
        };
        assert_eq!(subs, expected, "{stem}");
    }
    // Tabel 2.5 row 1.1.1: 10 Dok, 3 · 1 · 1 · 5 Dok.
    let doc = read("rencana_aksi", tables[0].0, &profile);
    let r = doc
        .rows
        .iter()
        .find(|r| r.name.contains("Penyusunan Dokumen Perencanaan"))
        .expect("1.1.1");
    assert_eq!(k(&r.target.k), Some(Decimal::from(10)));
    let tw: Vec<Option<Decimal>> = r.rencana.triwulan.iter().map(|p| k(&p.k)).collect();
    assert_eq!(tw, [3, 1, 1, 5].map(|d| Some(Decimal::from(d))).to_vec());
}
