//! Incremental recomputation: after every random edit, `E81State::update` gives exactly what a
//! full `compute` gives (values, totals, problems in the same order), and it names every row
//! whose values or problems changed.

mod common;

use std::collections::BTreeMap;

use capaian_domain::e81::{compute, E81Settings, E81State, NoTargetRule, ParentCapaian};
use capaian_domain::edit::{self, Cell, CellValue};
use capaian_domain::model::{
    Aggregation, Document, Grade, KValue, Level, Pair, Polarity, Problem, Row, ValueType,
};
use capaian_domain::rollup::follow_rollups;
use capaian_domain::scale::Scale;
use common::{doc, fixture_document, row};
use rust_decimal::Decimal;

/// SplitMix64: small, deterministic, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    /// 0..200, sometimes with two decimals, sometimes 0.
    fn number(&mut self) -> Decimal {
        match self.below(10) {
            0 => Decimal::ZERO,
            1 => Decimal::new(self.below(20_000) as i64, 2),
            _ => Decimal::from(self.below(200) as i64),
        }
    }

    fn money(&mut self) -> Option<Decimal> {
        (!self.chance(20)).then(|| Decimal::from(self.below(50) as i64 * 1_000_000))
    }

    fn text(&mut self) -> String {
        ["", "", "anggaran terlambat", "  ", "melebihi target"][self.below(5)].to_string()
    }
}

fn k_value(rng: &mut Rng) -> Option<KValue> {
    match rng.below(12) {
        0 | 1 => None,
        2 => Some(KValue::Grade {
            grade: [Grade::A, Grade::BB, Grade::B, Grade::C][rng.below(4)],
            score: None,
        }),
        3 => Some(KValue::Text(
            ["5 Dok", "4634 SKP", "4 dokumen", "baik"][rng.below(4)].into(),
        )),
        _ => Some(KValue::Number(rng.number())),
    }
}

fn sorted(problems: Vec<Problem>) -> Vec<String> {
    let mut out: Vec<String> = problems.iter().map(|p| format!("{p:?}")).collect();
    out.sort();
    out
}

/// One random change of row `r` (any kind of cell, the narrative, the stated columns, the
/// semantics).
fn random_change(rng: &mut Rng, row: &mut Row) {
    let q = rng.below(4);
    match rng.below(16) {
        0..=2 => row.tw[q].k = k_value(rng),
        3 => row.target.k = k_value(rng),
        4 => row.renstra.k = k_value(rng),
        5 => row.prev.k = k_value(rng),
        6..=7 => row.tw[q].rp = rng.money(),
        8 => row.target.rp = rng.money(),
        9 => {
            row.renstra.rp = rng.money();
            row.prev.rp = rng.money();
        }
        10 => row.keterangan = rng.text(),
        11 => row.narasi[q].keterangan = rng.text(),
        12 => row.narasi[q].penghambat = rng.text(),
        13 => {
            let s = &mut row.semantics;
            s.aggregation = [
                Aggregation::Sum,
                Aggregation::Last,
                Aggregation::Max,
                Aggregation::Average,
                Aggregation::YearEnd,
            ][rng.below(5)];
            s.polarity = [
                Polarity::HigherIsBetter,
                Polarity::LowerIsBetterRatio,
                Polarity::LowerIsBetterMirror,
            ][rng.below(3)];
            s.value_type = [ValueType::Count, ValueType::Percent, ValueType::Index][rng.below(3)];
            s.cap_100 = rng.chance(20);
        }
        14 => {
            let v = Some(rng.number());
            match rng.below(4) {
                0 => row.stated.c12.rp = v,
                1 => row.stated.c13.k = v.map(KValue::Number),
                2 => row.stated.c14.rp = v,
                _ => row.stated.c15.k = v.map(KValue::Number),
            }
        }
        _ => row.indicator = format!("Indikator {}", rng.below(100)),
    }
}

/// A document of `programs` programs with kegiatan, sub kegiatan and extra indicator rows.
fn generated(rng: &mut Rng, programs: usize, quarter: u8) -> Document {
    let mut rows = Vec::new();
    let node = |rng: &mut Rng, level: Level, kode: String, rows: &mut Vec<Row>| {
        let mut r = row(
            level,
            Some(&kode),
            Some("Dok"),
            Pair::default(),
            Default::default(),
        );
        for _ in 0..6 {
            random_change(rng, &mut r);
        }
        rows.push(r);
        for _ in 0..rng.below(3).saturating_sub(1) {
            let mut ind = row(
                Level::Indikator,
                None,
                Some("%"),
                Pair::default(),
                Default::default(),
            );
            for _ in 0..4 {
                random_change(rng, &mut ind);
            }
            rows.push(ind);
        }
    };
    for p in 0..programs {
        node(rng, Level::Program, format!("5.03.{:02}", p + 1), &mut rows);
        for k in 0..1 + rng.below(3) {
            node(
                rng,
                Level::Kegiatan,
                format!("5.03.{:02}.2.{:02}", p + 1, k + 1),
                &mut rows,
            );
            for s in 0..rng.below(4) {
                node(
                    rng,
                    Level::SubKegiatan,
                    format!("5.03.{:02}.2.{:02}.{:04}", p + 1, k + 1, s + 1),
                    &mut rows,
                );
            }
        }
    }
    doc(quarter, rows)
}

fn settings_variants() -> Vec<E81Settings> {
    let mut per_node = BTreeMap::new();
    per_node.insert("5.03.01".to_string(), ParentCapaian::OwnIndicator);
    vec![
        E81Settings::default(),
        E81Settings {
            scale: Scale::sakip(),
            cap_100: true,
            parent_capaian: ParentCapaian::Auto {
                no_target_rule: NoTargetRule::CountAsZero,
            },
            ..E81Settings::default()
        },
        E81Settings {
            parent_capaian: ParentCapaian::AverageOfChildren {
                no_target_rule: NoTargetRule::Exclude,
            },
            per_node,
            ..E81Settings::default()
        },
    ]
}

/// The state agrees with a full computation, row by row and problem by problem.
fn assert_same(state: &E81State, doc: &Document, settings: &E81Settings, at: &str) {
    let (want, want_problems) = compute(doc, settings);
    assert_eq!(state.computed(), &want, "{at}: computed");
    let got = state.problems();
    if got != want_problems {
        assert_eq!(sorted(got), sorted(want_problems.clone()), "{at}: problems");
        panic!("{at}: same problems in a different order");
    }
    let per_row: Vec<Problem> = (0..doc.rows.len())
        .flat_map(|r| state.row_problems(r).to_vec())
        .collect();
    for r in 0..doc.rows.len() {
        assert!(
            state.row_problems(r).iter().all(|p| p.at.row == Some(r)),
            "{at}: row {r}"
        );
    }
    assert_eq!(sorted(per_row), sorted(want_problems), "{at}: row problems");
}

/// Rows whose computed values or problems differ between two states.
fn differing(before: &E81State, after: &E81State) -> Vec<usize> {
    (0..after.computed().rows.len())
        .filter(|&r| {
            before.computed().rows[r] != after.computed().rows[r]
                || before.row_problems(r) != after.row_problems(r)
                || before.effective_rp(r) != after.effective_rp(r)
        })
        .collect()
}

fn ancestors(state: &E81State, r: usize) -> Vec<usize> {
    let mut out = vec![r];
    let mut at = state.computed().rows[r].parent;
    while let Some(p) = at {
        out.push(p);
        at = state.computed().rows[p].parent;
    }
    out
}

/// Random edits of one or several rows at a time, checked after every step.
fn run(mut document: Document, settings: &E81Settings, rng: &mut Rng, steps: usize, name: &str) {
    let mut state = E81State::new(&document, settings);
    assert_same(&state, &document, settings, &format!("{name} new"));
    let n = document.rows.len();
    for step in 0..steps {
        let before = state.clone();
        let mut changed = Vec::new();
        if rng.chance(25) {
            // An Rp edit with the roll-ups that follow it, as the grid sends them.
            let r = rng.below(n);
            let cell = [Cell::TargetRp, Cell::TwRp(1 + rng.below(4) as u8)][rng.below(2)];
            let value = rng.money().map_or(CellValue::Empty, CellValue::Rp);
            let mut edits = vec![(r, cell, value)];
            edits.extend(follow_rollups(&document.rows, &edits));
            for (r, cell, value) in edits {
                edit::set(&mut document.rows[r], cell, value).expect("set");
                changed.push(r);
            }
        } else {
            let most = if rng.chance(20) { 8 } else { 1 };
            for _ in 0..1 + rng.below(most) {
                let r = rng.below(n);
                random_change(rng, &mut document.rows[r]);
                changed.push(r);
            }
        }
        let at = format!("{name} step {step} rows {changed:?}");
        let returned = state.update(&document, settings, &changed);
        assert!(returned.windows(2).all(|w| w[0] < w[1]), "{at}: sorted");
        for &r in &changed {
            for a in ancestors(&state, r) {
                assert!(returned.contains(&a), "{at}: {a} missing from {returned:?}");
            }
        }
        for r in differing(&before, &state) {
            assert!(returned.contains(&r), "{at}: row {r} changed, not returned");
        }
        assert_same(&state, &document, settings, &at);
    }
}

#[test]
fn random_edits_of_the_fixtures_agree_with_compute() {
    let mut rng = Rng(81);
    for name in ["big_900", "e81_101", "e81_102", "e81_103", "e81_104"] {
        for (v, settings) in settings_variants().iter().enumerate() {
            run(
                fixture_document(name),
                settings,
                &mut rng,
                200,
                &format!("{name}/{v}"),
            );
        }
    }
}

#[test]
fn random_edits_of_generated_documents_agree_with_compute() {
    let mut rng = Rng(2024);
    for seed in 0..12u8 {
        let quarter = 1 + seed % 4;
        let document = generated(&mut rng, 1 + usize::from(seed % 4), quarter);
        for (v, settings) in settings_variants().iter().enumerate() {
            run(
                document.clone(),
                settings,
                &mut rng,
                150,
                &format!("generated {seed}/{v}"),
            );
        }
    }
}

#[test]
fn update_returns_the_changed_row_and_its_ancestors() {
    let mut document = fixture_document("e81_102");
    let settings = E81Settings::default();
    let mut state = E81State::new(&document, &settings);
    let last = document.rows.len() - 1;
    assert_eq!(document.rows[last].level, Level::SubKegiatan);
    document.rows[last].tw[0].rp = Some(Decimal::from(123));
    let returned = state.update(&document, &settings, &[last]);
    let mut want = ancestors(&state, last);
    want.sort_unstable();
    assert_eq!(want.len(), 3, "sub kegiatan, kegiatan, program");
    assert_eq!(returned, want);
    assert_same(&state, &document, &settings, "e81_102");
    // Rows outside the document are ignored.
    assert_eq!(
        state.update(&document, &settings, &[last + 5]),
        Vec::<usize>::new()
    );
    assert!(state.row_problems(last + 5).is_empty());
    assert_eq!(state.effective_rp(last + 5), Default::default());
}

#[test]
fn effective_rp_is_own_cell_else_children() {
    let document = fixture_document("e81_101");
    let state = E81State::new(&document, &E81Settings::default());
    for (i, r) in document.rows.iter().enumerate() {
        let e = state.effective_rp(i);
        let c = &state.computed().rows[i];
        assert_eq!(e.target, c.target_rp, "row {i}");
        if let Some(own) = r.target.rp {
            assert_eq!(e.target, Some(own));
        }
        let kids: Option<Decimal> = c
            .children
            .iter()
            .filter_map(|&k| state.effective_rp(k).tw[0])
            .fold(None, |a, v| Some(a.unwrap_or_default() + v));
        assert_eq!(e.tw[0], r.tw[0].rp.or(kids), "row {i}");
    }
}

#[test]
fn another_quarter_or_row_count_recomputes_everything() {
    let mut document = fixture_document("e81_101");
    let settings = E81Settings::default();
    let mut state = E81State::new(&document, &settings);
    document.quarter = Some(4);
    assert_eq!(
        state.update(&document, &settings, &[]),
        (0..document.rows.len()).collect::<Vec<_>>()
    );
    assert_same(&state, &document, &settings, "quarter");
    document.rows.truncate(5);
    assert_eq!(
        state.update(&document, &settings, &[0]),
        vec![0, 1, 2, 3, 4]
    );
    assert_same(&state, &document, &settings, "truncated");
}

/// The new row checks through the whole computation.
#[test]
fn row_checks_follow_the_narrative_of_the_quarter() {
    let n = |v: i64| Some(KValue::Number(Decimal::from(v)));
    let mut sub = row(
        Level::SubKegiatan,
        Some("5.03.02.2.01.0001"),
        Some("Dok"),
        Pair {
            k: n(10),
            rp: Some(Decimal::from(100)),
        },
        Default::default(),
    );
    sub.tw[0] = Pair {
        k: n(3),
        rp: Some(Decimal::from(150)),
    };
    let mut document = doc(2, vec![sub]);
    let settings = E81Settings::default();
    let mut state = E81State::new(&document, &settings);
    let codes = |s: &E81State| -> Vec<(String, Option<capaian_domain::model::Field>)> {
        s.row_problems(0)
            .iter()
            .map(|p| (p.code.clone(), p.at.field))
            .collect()
    };
    use capaian_domain::model::Field;
    assert_eq!(
        codes(&state),
        vec![
            ("realisasi_melebihi_pagu".to_string(), Some(Field::C12Rp)),
            (
                "capaian_rendah_tanpa_penghambat".to_string(),
                Some(Field::C13K)
            ),
        ]
    );
    // The penghambat of another quarter does not count; TW II's does.
    document.rows[0].narasi[0].penghambat = "cuaca".into();
    state.update(&document, &settings, &[0]);
    assert_eq!(codes(&state).len(), 2);
    document.rows[0].narasi[1].penghambat = "cuaca".into();
    state.update(&document, &settings, &[0]);
    assert_eq!(codes(&state).len(), 1);
    // Over 100 %: TW II's narrative keterangan explains it.
    document.rows[0].tw[1].k = n(9);
    document.rows[0].tw[0].rp = Some(Decimal::from(100));
    state.update(&document, &settings, &[0]);
    assert_eq!(
        codes(&state),
        vec![("capaian_lebih_100".to_string(), Some(Field::Keterangan))]
    );
    document.rows[0].narasi[1].keterangan = "tambahan permintaan".into();
    state.update(&document, &settings, &[0]);
    assert!(codes(&state).is_empty());
    assert_same(&state, &document, &settings, "checks");
}

/// A document of many agencies' programs (e81_101 copied 300 times: 4 200 rows, which a
/// server computes in two halves at once) computes every copy exactly as that copy alone, and
/// its problems are each copy's problems in the same order, moved to the copy's rows.
#[test]
fn a_large_document_computes_each_part_as_that_part_alone() {
    let one = fixture_document("e81_101");
    let copies = 300;
    let mut many = one.clone();
    many.rows = (0..copies).flat_map(|_| one.rows.iter().cloned()).collect();
    let settings = E81Settings::default();
    let (alone, alone_problems) = compute(&one, &settings);
    let (all, all_problems) = compute(&many, &settings);
    let n = one.rows.len();
    assert_eq!(all.rows.len(), n * copies);
    for copy in 0..copies {
        let offset = copy * n;
        for (i, expected) in alone.rows.iter().enumerate() {
            let mut expected = expected.clone();
            expected.parent = expected.parent.map(|p| p + offset);
            for c in &mut expected.children {
                *c += offset;
            }
            assert_eq!(all.rows[offset + i], expected, "copy {copy}, row {i}");
        }
    }
    // compute's order: Rp problems from the last row up, then value problems, then checks,
    // each top down; the copies' share of each group in the same order.
    assert_eq!(all_problems.len(), alone_problems.len() * copies);
    let mut moved: Vec<Problem> = all_problems
        .iter()
        .map(|p| {
            let mut p = p.clone();
            p.at.row = p.at.row.map(|r| r % n);
            p
        })
        .collect();
    let mut expected: Vec<Problem> = (0..copies).flat_map(|_| alone_problems.clone()).collect();
    let key = |p: &Problem| (p.at.row, p.code.clone(), p.message.clone());
    moved.sort_by_key(key);
    expected.sort_by_key(key);
    assert_eq!(moved, expected);
    // And the incremental state, built the same way, agrees with it.
    let state = E81State::new(&many, &settings);
    assert_eq!(state.computed, all);
}

/// `RowComputed::kolom` / `punya`: which of columns 12–15 a computation has a value for (what
/// the Rekonsiliasi asks before it calls a stated column a disagreement).
#[test]
fn a_computed_column_is_had_only_when_computed() {
    use capaian_domain::e81::RowComputed;
    use capaian_domain::model::Field;
    let mut c = RowComputed::default();
    let fields = [
        Field::C12K,
        Field::C12Rp,
        Field::C13K,
        Field::C13Rp,
        Field::C14K,
        Field::C14Rp,
        Field::C15K,
        Field::C15Rp,
    ];
    assert!(fields.iter().all(|&f| !c.punya(f)));
    assert!(c.punya(Field::TargetK), "not a computed column");
    assert!(c.kolom(11).is_none() && c.kolom(16).is_none());
    c.c13.rp = Some(Decimal::from(50));
    c.c15.k = Some(KValue::Number(Decimal::from(80)));
    let had: Vec<Field> = fields.into_iter().filter(|&f| c.punya(f)).collect();
    assert_eq!(had, vec![Field::C13Rp, Field::C15K]);
    assert_eq!(c.kolom(13).and_then(|p| p.rp), Some(Decimal::from(50)));
}

/// The TW targets against the year's target: a plan (an E.81, a rencana aksi) owes all four
/// quarters, so TW I alone short of the year disagrees; a laporan s.d. TW II prints the targets
/// through TW II only, so only what those already tell disagrees (increments past the year's).
#[test]
fn tw_targets_of_a_laporan_through_tw_ii_are_checked_for_what_they_state() {
    use capaian_domain::model::{KValue, Level};
    let mut base = fixture_document("e81_101");
    let i = base
        .rows
        .iter()
        .position(|r| r.level == Level::SubKegiatan)
        .expect("a sub kegiatan");
    base.rows[i].target.k = Some(KValue::Number(Decimal::from(10)));
    base.rows[i].semantics.aggregation = capaian_domain::model::Aggregation::Sum;
    let flagged = |doc: &capaian_domain::model::Document| {
        compute(doc, &E81Settings::default())
            .1
            .iter()
            .any(|p| p.code == "target_triwulan" && p.at.row == Some(i))
    };
    // (form, reported quarter, TW I, TW II, flagged)
    let table = [
        ("E.81", Some(2), "3", None, true),
        ("laporan_triwulan", Some(2), "3", Some("4"), false),
        ("laporan_triwulan", Some(2), "6", Some("5"), true),
        ("laporan_triwulan", Some(4), "3", Some("4"), true),
    ];
    for (form, quarter, tw1, tw2, want) in table {
        let mut doc = base.clone();
        doc.form = form.to_string();
        doc.quarter = quarter;
        let tw = &mut doc.rows[i].rencana.triwulan;
        tw[0].k = Some(KValue::Number(tw1.parse().expect("number")));
        tw[1].k = tw2.map(|v| KValue::Number(v.parse().expect("number")));
        tw[2].k = None;
        tw[3].k = None;
        assert_eq!(flagged(&doc), want, "{form} {quarter:?} {tw1} {tw2:?}");
    }
}

/// A laporan that prints no pagu and its realisasi keuangan s.d. TW only: the totals say the
/// pagu is not there (not Rp 0, no penyerapan) and the realisasi is what the file states; once
/// a quarter's realisasi is typed, the quarters count.
#[test]
fn a_file_without_pagu_states_no_pagu_and_its_realisasi_so_far() {
    use capaian_domain::model::Level;
    let mut doc = fixture_document("e81_101");
    let programs: Vec<usize> = (0..doc.rows.len())
        .filter(|&i| doc.rows[i].level == Level::Program)
        .collect();
    for r in &mut doc.rows {
        r.target.rp = None;
        r.tw.iter_mut().for_each(|p| p.rp = None);
        r.stated.c12.rp = None;
    }
    for (n, &i) in programs.iter().enumerate() {
        doc.rows[i].stated.c12.rp = Some(Decimal::from(1_000 * (n as i64 + 1)));
    }
    let want: Decimal = (1..=programs.len() as i64)
        .map(|n| Decimal::from(1_000 * n))
        .sum();
    let (computed, _) = compute(&doc, &E81Settings::default());
    let t = &computed.totals;
    assert!(t.tanpa_pagu);
    assert_eq!(t.realisasi_rp, want);
    assert_eq!(t.penyerapan_pct, None);
    // A quarter typed for the first program: its quarters are its realisasi from then on.
    let first = programs[0];
    doc.rows[first].tw[0].rp = Some(Decimal::from(7));
    let (computed, _) = compute(&doc, &E81Settings::default());
    assert_eq!(
        computed.totals.realisasi_rp,
        want - Decimal::from(1_000) + Decimal::from(7)
    );
    // A pagu anywhere at the top: the pagu is known.
    doc.rows[first].target.rp = Some(Decimal::from(100));
    assert!(!compute(&doc, &E81Settings::default()).0.totals.tanpa_pagu);
}
