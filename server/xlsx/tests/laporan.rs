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
    let mut jauh = Vec::new();
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
        for p in problems
            .iter()
            .filter(|p| p.code == "realisasi_jauh_di_atas_target_tw")
        {
            let i = p.at.row.expect("row");
            jauh.push((doc.rows[i].name.clone(), p.at.field));
        }
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
    // One quarter realised at twice its target or more, by hand from the CSVs: Tabel 3.2.2
    // sub kegiatan 1.4.4 (Bimbingan Teknis, increments), target TW I 2 Orang, realisasi TW I 5.
    assert_eq!(jauh.len(), 1, "{jauh:?}");
    assert!(
        jauh[0].0.contains("Bimbingan Teknis Implementasi"),
        "{jauh:?}"
    );
    assert_eq!(jauh[0].1, Some(Field::TwK(1)));
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

/// One row's figures as the CSV prints them: (row, indicator starts, unit, Target Tahun 2022,
/// Target s.d trw I–IV, Realisasi s.d trw I–IV); `-` for an empty quarter.
type Expected = (
    usize,
    &'static str,
    &'static str,
    &'static str,
    [&'static str; 4],
    [&'static str; 4],
);

/// Seed 003 Tabel 3.14 (`tests/fixtures/laporan/tabel_3_14_*`): cumulative targets and realisasi
/// per quarter (`Target s.d / trw I` … `Realisasi s.d / trw IV`), the annual target, no kode,
/// only program rows numbered, a node's further indicators on the rows below it with the name
/// left blank, units glued to the values. Every expected figure below is copied by hand from
/// the CSV and from ANALYSIS.md (§2.19, §3, §6 of seed 003), not from this code.
#[test]
fn seed_003_tabel_3_14_reads_its_cumulative_quarters() {
    let imp = {
        let bytes = std::fs::read(format!(
            "{DIR}/laporan/tabel_3_14_analisis_program_kegiatan_triwulan.xlsx"
        ))
        .expect("fixture");
        read_workbook_with(&bytes, &Limits::default(), &FormProfile::laporan()).expect("read")
    };
    let doc = &imp.document;
    assert_eq!(doc.form, "laporan_triwulan");

    // 33 indicator rows: 23 named nodes (4 program blocks — "Program Kepegawaian Daerah" three
    // times —, 6 kegiatan, 13 sub kegiatan) and 10 further indicators (I) of the node above.
    let levels: String = doc
        .rows
        .iter()
        .map(|r| match r.level {
            Level::Program => 'P',
            Level::Kegiatan => 'K',
            Level::SubKegiatan => 'S',
            Level::Indikator => 'I',
            Level::Tujuan => 'T',
            Level::Sasaran => 'R',
        })
        .collect();
    assert_eq!(levels, "PIKIISSSPKSSPIKSKSSPIIIIIKSSKISSS");
    // Per level, each further indicator counted with its node: 11 program, 9 kegiatan and 13
    // sub kegiatan indicator rows, as ANALYSIS §2.19 counts them.
    let mut per_level = [0usize; 3];
    let mut node = Level::Program;
    for r in &doc.rows {
        if r.level != Level::Indikator {
            node = r.level;
        }
        match node {
            Level::Program => per_level[0] += 1,
            Level::Kegiatan => per_level[1] += 1,
            Level::SubKegiatan => per_level[2] += 1,
            _ => panic!("{node:?}"),
        }
    }
    assert_eq!(per_level, [11, 9, 13]);
    // Levels came from the wording and the nomenclature: no guess reported.
    assert!(
        !imp.problems.iter().any(|p| p.code == "level_tidak_pasti"),
        "{:?}",
        imp.problems
    );
    // A cumulative ("s.d.") series is a level: every quarter is the figure up to its end.
    assert!(doc
        .rows
        .iter()
        .all(|r| r.semantics.aggregation == Aggregation::Last));

    let d = |s: &str| Some(s.parse::<Decimal>().expect("decimal"));
    let n = |v: &[&str]| -> Vec<Option<Decimal>> {
        v.iter()
            .map(|s| if *s == "-" { None } else { d(s) })
            .collect()
    };
    let targets = |i: usize| -> Vec<Option<Decimal>> {
        doc.rows[i]
            .rencana
            .triwulan
            .iter()
            .map(|p| k(&p.k))
            .collect()
    };
    let real =
        |i: usize| -> Vec<Option<Decimal>> { doc.rows[i].tw.iter().map(|p| k(&p.k)).collect() };
    let rows: [Expected; 7] = [
        // A percent, going down and up again (CASN 100% → 80,93% → 80,93% → 100%).
        (
            0,
            "Persentase CASN",
            "%",
            "100",
            ["100"; 4],
            ["100", "80.93", "80.93", "100"],
        ),
        // A count with its unit, the same every quarter (a stock).
        (
            2,
            "Jumlah formasi ASN",
            "Formasi",
            "624",
            ["624"; 4],
            ["624"; 4],
        ),
        // A further indicator (no name) of that kegiatan; realisasi trw IV below the others.
        (
            4,
            "Jumlah data kepegawaian",
            "Data",
            "4751",
            ["4751"; 4],
            ["4751", "4751", "4751", "4643"],
        ),
        // `-` in trw I: no figure for the quarter.
        (
            5,
            "Jumlah Dokumen Hasil Penyusunan Rencana",
            "dokumen",
            "1",
            ["-", "1", "1", "1"],
            ["-", "1", "1", "1"],
        ),
        // A percent with decimals.
        (
            12,
            "Persentase Sumber Daya Aparatur",
            "%",
            "67.57",
            ["53.86", "60.69", "62.69", "67.57"],
            ["53.86", "60.69", "62.69", "63.32"],
        ),
        // Targets 100% then 0% (an entry error the table shows).
        (
            22,
            "Persentase ASN yang nilai SKP",
            "%",
            "100",
            ["100", "0", "0", "0"],
            ["99.83"; 4],
        ),
        // Cumulative target 28 · 0 · 34 · 95 orang.
        (
            26,
            "Jumlah ASN yang Meningkatkan",
            "orang",
            "95",
            ["28", "0", "34", "95"],
            ["28", "28", "34", "64"],
        ),
    ];
    for (i, ind, unit, year, tw_target, tw_real) in rows {
        let r = &doc.rows[i];
        assert!(r.indicator.starts_with(ind), "{i}: {}", r.indicator);
        assert_eq!(r.unit.as_deref(), Some(unit), "{i}");
        assert_eq!(k(&r.target.k), d(year), "{i}");
        assert_eq!(targets(i), n(&tw_target), "{i}");
        assert_eq!(real(i), n(&tw_real), "{i}");
    }
    assert_eq!(doc.rows[0].name, "Program Kepegawaian Daerah");
    assert_eq!(doc.rows[1].name, "");

    // Capaian s.d. TW II as the report s.d. TW II would hold it (trw III and IV not yet
    // filled): the row's own figure against the year's target. CASN 80,93 / 100; Sertifikat
    // teknis 60,69 / 67,57 = 89,818…; ASN mengikuti pengembangan kompetensi 245 / 410 = 59,756…
    let mut tw2 = doc.clone();
    tw2.quarter = Some(2);
    for r in &mut tw2.rows {
        r.tw[2].k = None;
        r.tw[3].k = None;
    }
    let (c, _) = compute(&tw2, &E81Settings::default());
    let own = |i: usize| match &c.rows[i].c13.k {
        Some(KValue::Number(v)) => Some(r2(*v)),
        _ => None,
    };
    assert_eq!(own(0), d("80.93"));
    assert_eq!(own(12), d("89.82"));
    assert_eq!(c.rows[15].capaian_sd_tw.map(r2), d("59.76"));
    // Nothing realised s.d. trw I on a `-` row: no capaian s.d. TW I.
    let mut tw1 = doc.clone();
    tw1.quarter = Some(1);
    let (c1, _) = compute(&tw1, &E81Settings::default());
    assert_eq!(c1.rows[5].capaian_sd_tw, None);

    // S.d. TW IV, the figures ANALYSIS §3 derives from this table where Tabel 3.13 prints 100:
    // data kepegawaian 4643/4751 = 97,73; JPT akan diisi 3/5 = 60; Kenaikan Pangkat 1/2 = 50;
    // kinerja ASN dinilai 4643/4751 = 97,73; Dokumen Kebijakan Penilaian 7/14 = 50; and those it
    // matches: 308/410 = 75,12; 64/95 = 67,37; 3/7 = 42,86; 57/80 = 71,25.
    let mut tw4 = doc.clone();
    tw4.quarter = Some(4);
    let (c4, problems) = compute(&tw4, &E81Settings::default());
    let own4 = |i: usize| match &c4.rows[i].c13.k {
        Some(KValue::Number(v)) => Some(r2(*v)),
        _ => None,
    };
    for (i, want) in [
        (4, "97.73"),
        (9, "60"),
        (10, "50"),
        (28, "97.73"),
        (30, "50"),
        (15, "75.12"),
        (26, "67.37"),
        (27, "42.86"),
        (31, "71.25"),
    ] {
        assert_eq!(own4(i), d(want), "row {i}");
    }

    // The anomalies ANALYSIS §6 finds in this table, each reported at its row.
    let at = |list: &[capaian_domain::model::Problem], code: &str, i: usize, f: Field| {
        list.iter()
            .any(|p| p.code == code && p.at.row == Some(i) && p.at.field == Some(f))
    };
    // 1. Target trw IV `0%` against the annual target in 4 rows (Manajemen Talenta, regulasi
    //    talenta, SKP baik, SKP mendukung): compute, at the annual target.
    for i in [19, 20, 22, 23] {
        assert!(
            at(&problems, "target_triwulan", i, Field::TargetK),
            "row {i}"
        );
    }
    // 2. SKP targets trw I 100% then trw II–IV 0%, and 3. target trw II `0 orang` between 28
    //    and 34: the reader, at the target s.d. trw II cell.
    for i in [22, 23, 26] {
        assert!(
            at(
                &imp.problems,
                "target_kumulatif_turun",
                i,
                Field::TargetTwK(2)
            ),
            "row {i}"
        );
    }
    assert_eq!(
        imp.problems
            .iter()
            .filter(|p| p.code == "target_kumulatif_turun")
            .count(),
        3
    );
    // 4. JPT target 100% by trw IV, realisasi stuck at 60%: capaian 60 below the Sedang band,
    //    reported at column 13 of its row.
    assert!(at(
        &problems,
        "capaian_rendah_tanpa_penghambat",
        8,
        Field::C13K
    ));
    // 5. Kerjasama lembaga: target s.d. trw III 3, realisasi s.d. trw III 6 (twice the
    //    quarter's target, below the year's 7): at the realisasi s.d. trw III cell, naming both.
    assert_eq!(k(&doc.rows[14].rencana.triwulan[2].k), d("3"));
    assert_eq!(k(&doc.rows[14].tw[2].k), d("6"));
    assert_eq!(k(&doc.rows[14].target.k), d("7"));
    let jauh: Vec<_> = problems
        .iter()
        .filter(|p| p.code == "realisasi_jauh_di_atas_target_tw")
        .collect();
    assert_eq!(jauh.len(), 1, "{jauh:?}");
    assert_eq!(
        (jauh[0].at.row, jauh[0].at.field),
        (Some(14), Some(Field::TwK(3)))
    );
    assert!(
        jauh[0].message.contains("Realisasi s.d. TW III 6")
            && jauh[0].message.contains("target s.d. TW III 3"),
        "{}",
        jauh[0].message
    );
    // All 5 anomalies of §6 are flagged, each at its cell.
    let flagged = [
        [19, 20, 22, 23]
            .iter()
            .all(|&i| at(&problems, "target_triwulan", i, Field::TargetK)),
        [22, 23].iter().all(|&i| {
            at(
                &imp.problems,
                "target_kumulatif_turun",
                i,
                Field::TargetTwK(2),
            )
        }),
        at(
            &imp.problems,
            "target_kumulatif_turun",
            26,
            Field::TargetTwK(2),
        ),
        at(&problems, "capaian_rendah_tanpa_penghambat", 8, Field::C13K),
        at(
            &problems,
            "realisasi_jauh_di_atas_target_tw",
            14,
            Field::TwK(3),
        ),
    ];
    assert_eq!(flagged, [true; 5]);
}

/// A level of the variant's expected JSON: `program`, `kegiatan`, `sub_kegiatan`.
fn level_of(name: &str) -> Level {
    match name {
        "program" => Level::Program,
        "kegiatan" => Level::Kegiatan,
        "sub_kegiatan" => Level::SubKegiatan,
        other => panic!("tingkat {other}"),
    }
}

/// The variant rencana aksi read with the rencana aksi profile, held to its hand-made expected
/// JSON (`rencana_aksi_varian_kode_indikator_satuan.expected.json`): the header found over two
/// rows, every column by what it says, every row's kode, level, name, indicator, unit, annual
/// and quarter targets, the aggregation its unit implies, and the quarter targets that break it
/// reported at the row's annual target cell — and nothing else.
fn check_rencana_aksi_varian(file: &str) {
    let stem = "rencana_aksi_varian_kode_indikator_satuan";
    let e: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(format!("{DIR}/rencana_aksi/{stem}.expected.json"))
            .expect("expected json"),
    )
    .expect("json");
    let bytes = std::fs::read(format!("{DIR}/rencana_aksi/{file}")).expect("fixture");
    let imp =
        read_workbook_with(&bytes, &Limits::default(), &FormProfile::rencana_aksi()).expect("read");
    let doc = &imp.document;
    assert_eq!(doc.form, "rencana_aksi", "{file}");
    let l = &imp.layout;
    let n = |v: &serde_json::Value| v.as_u64().expect("number") as u32;
    assert_eq!(l.sheet, e["lembar"].as_str().unwrap(), "{file}");
    assert_eq!(
        (l.header_rows.0, l.header_rows.1),
        (n(&e["baris_judul"][0]), n(&e["baris_judul"][1])),
        "{file}"
    );
    assert_eq!(l.numbering_row, Some(n(&e["baris_penomoran"])), "{file}");
    assert_eq!(l.first_data_row, n(&e["baris_data_pertama"]), "{file}");
    assert_eq!(
        l.last_data_row,
        Some(n(&e["baris_data_terakhir"])),
        "{file}"
    );
    let letter_of = |f: Field| {
        l.columns
            .iter()
            .find(|c| c.field == f)
            .map(|c| c.letter.clone())
    };
    let fields = [
        ("Kode", Field::Kode),
        ("Name", Field::Name),
        ("Indicator", Field::Indicator),
        ("Unit", Field::Unit),
        ("TargetK", Field::TargetK),
        ("TargetTwK1", Field::TargetTwK(1)),
        ("TargetTwK2", Field::TargetTwK(2)),
        ("TargetTwK3", Field::TargetTwK(3)),
        ("TargetTwK4", Field::TargetTwK(4)),
    ];
    for (key, f) in fields {
        assert_eq!(
            letter_of(f).as_deref(),
            e["kolom"][key].as_str(),
            "{file}: {key}"
        );
    }
    // No other column read as a field (the No column is no field).
    assert_eq!(l.columns.len(), fields.len(), "{file}: {:?}", l.columns);

    let rows = e["baris"].as_array().expect("baris");
    assert_eq!(doc.rows.len(), rows.len(), "{file}");
    let count = |lv: Level| doc.rows.iter().filter(|r| r.level == lv).count();
    for (key, lv) in [
        ("program", Level::Program),
        ("kegiatan", Level::Kegiatan),
        ("sub_kegiatan", Level::SubKegiatan),
    ] {
        assert_eq!(
            count(lv) as u64,
            e["jumlah"][key].as_u64().unwrap(),
            "{file}"
        );
    }
    let dec = |v: &serde_json::Value| v.as_str().map(|s| s.parse::<Decimal>().expect("dec"));
    for (r, x) in doc.rows.iter().zip(rows) {
        let at = format!("{file} baris {}", r.sheet_row);
        assert_eq!(r.sheet_row, n(&x["baris"]), "{at}");
        assert_eq!(r.kode.as_deref(), x["kode"].as_str(), "{at}");
        assert_eq!(r.level, level_of(x["tingkat"].as_str().unwrap()), "{at}");
        assert_eq!(r.name, x["nama"].as_str().unwrap(), "{at}");
        assert_eq!(r.indicator, x["indikator"].as_str().unwrap(), "{at}");
        assert_eq!(r.unit.as_deref(), x["satuan"].as_str(), "{at}");
        assert_eq!(k(&r.target.k), dec(&x["target"]), "{at}");
        let tw: Vec<Option<Decimal>> = r.rencana.triwulan.iter().map(|p| k(&p.k)).collect();
        let want: Vec<Option<Decimal>> = x["tw"].as_array().unwrap().iter().map(dec).collect();
        assert_eq!(tw, want, "{at}");
        let agg = match x["agregasi"].as_str().unwrap() {
            "jumlah" => Aggregation::Sum,
            _ => Aggregation::Last,
        };
        assert_eq!(r.semantics.aggregation, agg, "{at}");
    }
    // Read without a problem: units inside the cells agree with the Satuan column.
    assert!(imp.problems.is_empty(), "{file}: {:?}", imp.problems);

    // The quarter targets that break the indicator's rule, each at its row's annual target
    // (column F of that sheet row), naming the quarters' figure and the year's; no other row.
    let (_, problems) = compute(doc, &E81Settings::default());
    let mut flagged: Vec<String> = Vec::new();
    for p in problems.iter().filter(|p| p.code == "target_triwulan") {
        let i = p.at.row.expect("row");
        assert_eq!(p.at.field, Some(Field::TargetK), "{p:?}");
        let col = letter_of(Field::TargetK).expect("F");
        flagged.push(format!("{col}{}", doc.rows[i].sheet_row));
    }
    let breaks = e["target_triwulan_tidak_sesuai"].as_array().unwrap();
    let want: Vec<String> = breaks
        .iter()
        .map(|b| b["sel"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(flagged, want, "{file}");
    for b in breaks {
        let row = doc
            .rows
            .iter()
            .position(|r| r.sheet_row == n(&b["baris"]))
            .expect("row");
        let p = problems
            .iter()
            .find(|p| p.code == "target_triwulan" && p.at.row == Some(row))
            .expect("flag");
        let id = |s: &str| s.replace('.', ",");
        let (got, year) = (
            id(b["tw_dihitung"].as_str().unwrap()),
            id(b["target_tahun"].as_str().unwrap()),
        );
        assert!(
            p.message
                .contains(&format!(" {got}, sedangkan target tahunan {year} ")),
            "{}",
            p.message
        );
    }
    // A planner who says the Paket and Orang rows are stocks (the same figure every quarter)
    // clears their flag: the rule is the indicator's.
    let mut stok = doc.clone();
    for b in breaks.iter().filter(|b| b["agregasi"] == "jumlah") {
        let r = stok
            .rows
            .iter_mut()
            .find(|r| r.sheet_row == n(&b["baris"]))
            .expect("row");
        if r.rencana.triwulan.iter().all(|p| p.k == r.target.k) || r.sheet_row == 22 {
            r.semantics.aggregation = Aggregation::Last;
        }
    }
    let (_, problems) = compute(&stok, &E81Settings::default());
    let left: Vec<u32> = problems
        .iter()
        .filter(|p| p.code == "target_triwulan")
        .map(|p| stok.rows[p.at.row.expect("row")].sheet_row)
        .collect();
    assert_eq!(left, [16, 21], "{file}");
}

#[test]
fn rencana_aksi_variant_with_kode_indikator_satuan_and_a_two_row_quarter_header() {
    check_rencana_aksi_varian("rencana_aksi_varian_kode_indikator_satuan.xlsx");
}

/// The same workbook re-saved by LibreOffice Calc (shared strings, its own styles and merges):
/// read identically — the same expected JSON, and the same document as the original.
#[test]
fn rencana_aksi_variant_resaved_by_libreoffice_reads_identically() {
    check_rencana_aksi_varian("rencana_aksi_varian_kode_indikator_satuan_libreoffice.xlsx");
    let read = |file: &str| {
        let bytes = std::fs::read(format!("{DIR}/rencana_aksi/{file}")).expect("fixture");
        read_workbook_with(&bytes, &Limits::default(), &FormProfile::rencana_aksi()).expect("read")
    };
    let a = read("rencana_aksi_varian_kode_indikator_satuan.xlsx");
    let b = read("rencana_aksi_varian_kode_indikator_satuan_libreoffice.xlsx");
    assert_eq!(a.document.rows, b.document.rows);
    assert_eq!(a.layout, b.layout);
    assert_eq!(a.problems, b.problems);
}

/// Seed 004 Tabel 2.4 (ANALYSIS T4): one row per program with its indicator, `Target
/// Triwulan I`…`IV`, the numbering row `(1)…(8)` under the header, programs named without the
/// word `Program`. Figures copied by hand from the CSV: each quarter repeats the year's
/// percentage (a level), so no quarter target breaks its rule.
#[test]
fn seed_004_tabel_2_4_program_targets_per_quarter() {
    let bytes = std::fs::read(format!(
        "{DIR}/rencana_aksi/tabel_2_4_target_triwulan_program.xlsx"
    ))
    .expect("fixture");
    let imp =
        read_workbook_with(&bytes, &Limits::default(), &FormProfile::rencana_aksi()).expect("read");
    let doc = &imp.document;
    assert_eq!(doc.form, "rencana_aksi");
    assert_eq!(imp.layout.numbering_row, Some(4));
    let want = [
        (
            "Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota",
            "Persentase penunjang urusan perangkat daerah berjalan sesuai standar",
            98,
        ),
        (
            "Kepegawaian Daerah",
            "Persentase ASN yang memiliki data kepegawaian yang akurat",
            98,
        ),
        (
            "Pengembangan Sumber Daya Manusia",
            "Persentase ASN yang telah mengikuti pengembangan kompetensi minimal 20 JP/tahun",
            40,
        ),
    ];
    assert_eq!(doc.rows.len(), want.len(), "{:?}", doc.rows);
    for (r, (name, ind, t)) in doc.rows.iter().zip(want) {
        assert_eq!((r.name.as_str(), r.indicator.as_str()), (name, ind));
        assert_eq!(r.level, Level::Program, "{name}");
        assert_eq!(k(&r.target.k), Some(Decimal::from(t)), "{name}");
        let tw: Vec<Option<Decimal>> = r.rencana.triwulan.iter().map(|p| k(&p.k)).collect();
        assert_eq!(tw, vec![Some(Decimal::from(t)); 4], "{name}");
        assert_eq!(r.semantics.aggregation, Aggregation::Last, "{name}");
    }
    let (_, problems) = compute(doc, &E81Settings::default());
    assert!(
        !problems.iter().any(|p| p.code == "target_triwulan"),
        "{problems:?}"
    );
}
