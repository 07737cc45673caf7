//! History: replaying edits, differences between two points, murni vs perubahan targets, and
//! last year's column 14 carried into next year's column 6.

mod common;

use capaian_domain::edit::{display, get, parse_input, set, Cell, CellValue};
use capaian_domain::history::{carry_over, compare_targets, diff, replay, CellEdit};
use capaian_domain::model::{Document, Field, KValue, Level, Pair, Severity};
use common::{d, fixture_document};
use rust_decimal::Decimal;

/// A document being edited, with its edit log and the document after each edit.
struct Log {
    doc: Document,
    edits: Vec<CellEdit>,
    /// `snapshots[n]` = the document after edit n (0 = as imported).
    snapshots: Vec<Document>,
}

impl Log {
    fn new(doc: Document) -> Self {
        Log {
            snapshots: vec![doc.clone()],
            doc,
            edits: Vec::new(),
        }
    }

    /// Type `raw` into a cell, as a person would; records the edit.
    fn edit(&mut self, baris: usize, cell: Cell, raw: &str, oleh: &str) {
        let baru = parse_input(cell, raw).unwrap_or_else(|e| panic!("{raw}: {e}"));
        let row = &mut self.doc.rows[baris];
        let lama = get(row, cell);
        set(row, cell, baru.clone()).unwrap();
        let seq = self.edits.len() as u64 + 1;
        self.edits.push(CellEdit {
            seq,
            baris,
            cell,
            lama,
            baru,
            oleh: oleh.into(),
            waktu: format!("2026-07-{:02}T08:00:00+08:00", seq),
        });
        self.snapshots.push(self.doc.clone());
    }
}

/// The edits the diff cases use, on e81_101.
fn sample_log() -> Log {
    let mut log = Log::new(fixture_document("e81_101"));
    log.edit(2, Cell::TargetK, "300", "alice"); // 1: 250 → 300
    log.edit(3, Cell::TwRp(1), "110.000.000", "bob"); // 2: 110.418.100 → 110.000.000
    log.edit(2, Cell::TargetK, "275", "carol"); // 3: 300 → 275
    log.edit(3, Cell::TwRp(1), "110.418.100", "bob"); // 4: back to the original
    log.edit(4, Cell::Pendorong(2), "Dukungan pimpinan", "dina"); // 5: empty → text
    log.edit(0, Cell::TargetRp, "-", "alice"); // 6: 6.248.538.344 → empty
    log
}

#[test]
fn replay_equals_applying_edits() {
    let mut log = sample_log();
    log.edit(5, Cell::Keterangan, "Menunggu SP2D", "eko");
    log.edit(5, Cell::Unit, "Org", "eko");
    log.edit(7, Cell::TwK(3), "21,5%", "fajar");
    log.edit(8, Cell::Penghambat(3), "Cuaca", "fajar");
    log.edit(8, Cell::TindakLanjut(3), "Jadwal ulang", "fajar");
    let base = &log.snapshots[0];
    for upto in 0..=log.edits.len() as u64 {
        let (doc, problems) = replay(base, &log.edits, upto);
        assert!(problems.is_empty(), "{upto}: {problems:?}");
        assert_eq!(doc, log.snapshots[upto as usize], "upto {upto}");
    }
    // The order of the stored edits does not matter: seq does.
    let mut shuffled = log.edits.clone();
    shuffled.reverse();
    shuffled.rotate_left(3);
    let (doc, problems) = replay(base, &shuffled, u64::MAX);
    assert!(problems.is_empty());
    assert_eq!(&doc, log.snapshots.last().unwrap());
    assert_eq!(doc.rows[8].narasi[2].penghambat, "Cuaca");
    assert_eq!(doc.rows[7].tw[2].k, Some(KValue::Number(d("21.5"))));
    // Edits survive JSON (the store keeps them as events).
    let json = serde_json::to_string(&log.edits).unwrap();
    let back: Vec<CellEdit> = serde_json::from_str(&json).unwrap();
    assert_eq!(back, log.edits);
}

#[test]
fn replay_reports_bad_edits_and_goes_on() {
    let base = fixture_document("e81_101");
    let e = |seq: u64, baris: usize, cell: Cell, lama: CellValue, baru: CellValue| CellEdit {
        seq,
        baris,
        cell,
        lama,
        baru,
        oleh: "x".into(),
        waktu: String::new(),
    };
    let rp = |s: &str| CellValue::Rp(d(s));
    let edits = vec![
        e(1, 2, Cell::TargetRp, rp("32340222"), rp("40000000")),
        e(2, 999, Cell::TargetRp, CellValue::Empty, rp("1")),
        e(
            3,
            2,
            Cell::TwK(7),
            CellValue::Empty,
            CellValue::K(KValue::Number(d("1"))),
        ),
        e(4, 2, Cell::TargetK, CellValue::Empty, rp("5")),
        // Recorded as if the cell held 1, but it holds 40.000.000: applied, with a warning.
        e(5, 2, Cell::TargetRp, rp("1"), rp("45000000")),
        e(
            6,
            3,
            Cell::Keterangan,
            CellValue::Empty,
            CellValue::Text("ok".into()),
        ),
        e(7, usize::MAX, Cell::TargetRp, CellValue::Empty, rp("1")),
    ];
    let (doc, problems) = replay(&base, &edits, 100);
    assert_eq!(doc.rows[2].target.rp, Some(d("45000000")));
    assert_eq!(doc.rows[3].keterangan, "ok");
    let mut want = base.clone();
    want.rows[2].target.rp = Some(d("45000000"));
    want.rows[3].keterangan = "ok".into();
    assert_eq!(doc, want, "only the valid edits are applied");
    let got: Vec<(Severity, &str, Option<usize>, Option<Field>)> = problems
        .iter()
        .map(|p| (p.severity, p.code.as_str(), p.at.row, p.at.field))
        .collect();
    assert_eq!(
        got,
        vec![
            (
                Severity::Error,
                "ubah_tidak_diterapkan",
                None,
                Some(Field::TargetRp)
            ),
            (
                Severity::Error,
                "ubah_tidak_diterapkan",
                Some(2),
                Some(Field::TwK(7))
            ),
            (
                Severity::Error,
                "ubah_tidak_diterapkan",
                Some(2),
                Some(Field::TargetK)
            ),
            (
                Severity::Warning,
                "nilai_lama_berbeda",
                Some(2),
                Some(Field::TargetRp)
            ),
            (
                Severity::Error,
                "ubah_tidak_diterapkan",
                None,
                Some(Field::TargetRp)
            ),
        ]
    );
    assert!(
        problems[0].message.contains("Baris 1000 tidak ada"),
        "{}",
        problems[0].message
    );
    assert!(
        problems[1].message.contains("Triwulan 7"),
        "{}",
        problems[1].message
    );
    assert!(
        problems[3]
            .message
            .contains("tercatat '1', tetapi dokumen berisi '40.000.000'"),
        "{}",
        problems[3].message
    );
    // Before seq 5 nothing is reported about it.
    let (_, early) = replay(&base, &edits, 4);
    assert_eq!(early.len(), 3);
}

#[test]
fn diff_cases() {
    let log = sample_log();
    let base = &log.snapshots[0];
    let target_k = |v: &str| CellValue::K(KValue::Number(d(v)));
    let rp = |v: &str| CellValue::Rp(d(v));
    let pendorong = CellValue::Text("Dukungan pimpinan".into());
    // (dari, ke, [(baris, cell, lama, baru, oleh, seq, jumlah_ubah)])
    type Want = (usize, Cell, CellValue, CellValue, &'static str, u64, u32);
    let cases: Vec<(u64, u64, Vec<Want>)> = vec![
        (
            0,
            6,
            vec![
                (
                    0,
                    Cell::TargetRp,
                    rp("6248538344"),
                    CellValue::Empty,
                    "alice",
                    6,
                    1,
                ),
                // Edited twice: first lama, last baru, last author.
                (
                    2,
                    Cell::TargetK,
                    target_k("250"),
                    target_k("275"),
                    "carol",
                    3,
                    2,
                ),
                // Row 3 TW I Rp was edited back to its original: absent.
                (
                    4,
                    Cell::Pendorong(2),
                    CellValue::Empty,
                    pendorong.clone(),
                    "dina",
                    5,
                    1,
                ),
            ],
        ),
        (
            // Backwards: value at dari (6), value at ke (0).
            6,
            0,
            vec![
                (
                    0,
                    Cell::TargetRp,
                    CellValue::Empty,
                    rp("6248538344"),
                    "alice",
                    6,
                    1,
                ),
                (
                    2,
                    Cell::TargetK,
                    target_k("275"),
                    target_k("250"),
                    "carol",
                    3,
                    2,
                ),
                (
                    4,
                    Cell::Pendorong(2),
                    pendorong.clone(),
                    CellValue::Empty,
                    "dina",
                    5,
                    1,
                ),
            ],
        ),
        // (lo, hi]: seq 1 only.
        (
            0,
            1,
            vec![(
                2,
                Cell::TargetK,
                target_k("250"),
                target_k("300"),
                "alice",
                1,
                1,
            )],
        ),
        // (1, 3]: seq 2 and 3.
        (
            1,
            3,
            vec![
                (
                    2,
                    Cell::TargetK,
                    target_k("300"),
                    target_k("275"),
                    "carol",
                    3,
                    1,
                ),
                (
                    3,
                    Cell::TwRp(1),
                    rp("110418100"),
                    rp("110000000"),
                    "bob",
                    2,
                    1,
                ),
            ],
        ),
        (
            2,
            4,
            vec![
                (
                    2,
                    Cell::TargetK,
                    target_k("300"),
                    target_k("275"),
                    "carol",
                    3,
                    1,
                ),
                (
                    3,
                    Cell::TwRp(1),
                    rp("110000000"),
                    rp("110418100"),
                    "bob",
                    4,
                    1,
                ),
            ],
        ),
        (
            1,
            4,
            vec![(
                2,
                Cell::TargetK,
                target_k("300"),
                target_k("275"),
                "carol",
                3,
                1,
            )],
        ),
        (
            5,
            4,
            vec![(
                4,
                Cell::Pendorong(2),
                pendorong.clone(),
                CellValue::Empty,
                "dina",
                5,
                1,
            )],
        ),
        (3, 3, vec![]),
        (0, 0, vec![]),
        (6, 6, vec![]),
        (7, 100, vec![]),
    ];
    for (dari, ke, want) in cases {
        let got: Vec<Want> = diff(&log.edits, dari, ke)
            .into_iter()
            .map(|c| {
                let oleh: &'static str = match c.oleh.as_str() {
                    "alice" => "alice",
                    "bob" => "bob",
                    "carol" => "carol",
                    "dina" => "dina",
                    other => panic!("{other}"),
                };
                assert_eq!(c.waktu, format!("2026-07-{:02}T08:00:00+08:00", c.seq));
                (c.baris, c.cell, c.lama, c.baru, oleh, c.seq, c.jumlah_ubah)
            })
            .collect();
        assert_eq!(got, want, "diff({dari}, {ke})");
    }
    // Beyond the last edit is the same as the last edit.
    assert_eq!(diff(&log.edits, 0, 6), diff(&log.edits, 0, 1000));

    // Against replay, for every pair of points: exactly the cells whose values differ.
    let n = log.edits.len() as u64;
    for a in 0..=n {
        for b in 0..=n {
            let (da, _) = replay(base, &log.edits, a);
            let (db, _) = replay(base, &log.edits, b);
            let mut want = Vec::new();
            for (i, (ra, rb)) in da.rows.iter().zip(&db.rows).enumerate() {
                for c in Cell::all() {
                    let (va, vb) = (get(ra, c), get(rb, c));
                    if va != vb {
                        want.push((i, c, va, vb));
                    }
                }
            }
            let got: Vec<_> = diff(&log.edits, a, b)
                .into_iter()
                .map(|c| (c.baris, c.cell, c.lama, c.baru))
                .collect();
            assert_eq!(got, want, "diff({a}, {b})");
        }
    }
}

#[test]
fn targets_murni_vs_perubahan() {
    let mut log = Log::new(fixture_document("e81_101"));
    log.edit(2, Cell::TargetK, "300", "a"); // 250 → 300
    log.edit(2, Cell::TargetRp, "33.340.222", "a"); // + 1.000.000
    log.edit(3, Cell::TargetRp, "-", "a"); // 1.104.181.000 → blank
    log.edit(5, Cell::TargetK, "BB", "a"); // number → grade
    let murni = &log.snapshots[0];
    let mut perubahan = log.doc.clone();
    // APBD-P adds a sub kegiatan after row 5.
    let mut new_row = perubahan.rows[5].clone();
    new_row.kode = Some("5.03.01.2.02.99".into());
    new_row.name = "Sub kegiatan baru".into();
    new_row.target = Pair {
        k: Some(KValue::Number(d("3"))),
        rp: Some(d("75000000")),
    };
    perubahan.rows.insert(6, new_row);

    let cmp = compare_targets(murni, &perubahan);
    assert_eq!(cmp.len(), perubahan.rows.len());
    for (i, c) in cmp.iter().enumerate() {
        assert_eq!(c.baris, i);
        assert_eq!(c.perubahan, perubahan.rows[i].target, "{i}");
    }
    let sel = |i: usize| (cmp[i].selisih_k, cmp[i].selisih_rp);
    assert_eq!(sel(2), (Some(d("50")), Some(d("1000000"))));
    assert_eq!(cmp[2].murni.k, Some(KValue::Number(d("250"))));
    assert_eq!(sel(3), (Some(Decimal::ZERO), Some(d("-1104181000"))));
    assert_eq!(cmp[3].perubahan.rp, None);
    assert_eq!(sel(5).0, None, "a grade has no numeric difference");
    assert_eq!(sel(6), (None, Some(d("75000000"))));
    assert_eq!(cmp[6].murni, Pair::default());
    // Rows after the inserted one still meet their murni row.
    for i in [0, 1, 4, 7, 8, 14] {
        assert_eq!(sel(i), (Some(Decimal::ZERO), Some(Decimal::ZERO)), "{i}");
    }
    assert_eq!(cmp[7].murni, murni.rows[6].target);
    assert_eq!(cmp[14].murni, murni.rows[13].target);
    // Both blank Rp: no difference to show.
    let mut a = murni.clone();
    a.rows[2].target.rp = None;
    let mut b = a.clone();
    b.rows[2].target.k = None;
    let cmp = compare_targets(&a, &b);
    assert_eq!((cmp[2].selisih_k, cmp[2].selisih_rp), (None, None));
}

fn sum(values: impl IntoIterator<Item = Option<Decimal>>) -> Option<Decimal> {
    values
        .into_iter()
        .flatten()
        .fold(None, |acc, v| Some(acc.unwrap_or_default() + v))
}

fn k_num(k: &Option<KValue>) -> Option<Decimal> {
    match k {
        Some(KValue::Number(n)) => Some(*n),
        _ => None,
    }
}

/// Next year's document: last year's structure, nothing realised, column 6 blank.
fn next_year(last: &Document) -> Document {
    let mut next = last.clone();
    next.year = last.year.map(|y| y + 1);
    next.quarter = Some(1);
    for r in &mut next.rows {
        r.prev = Pair::default();
        r.tw = Default::default();
    }
    next
}

#[test]
fn carry_over_fills_column_6_from_column_14() {
    let last = fixture_document("e81_103"); // a full year (TW IV)
    let mut next = next_year(&last);
    // Names and spacing may change; the kode and indicator still match.
    next.rows[2].name = "Nama baru".into();
    next.rows[2].indicator = format!("  {}  ", next.rows[2].indicator.to_uppercase());
    // The file already states column 6: one value differs, one agrees.
    next.rows[2].prev.rp = Some(d("1"));
    next.rows[8].prev.k = Some(KValue::Number(d("3")));
    // A sub kegiatan new this year.
    let mut new_row = next.rows[3].clone();
    new_row.kode = Some("5.03.01.2.09.99".into());
    new_row.prev = Pair {
        k: Some(KValue::Number(d("5"))),
        rp: None,
    };
    next.rows.insert(4, new_row.clone());

    let problems = carry_over(&last, &mut next);

    // Column 14 by the E.81 rule, computed here: Rp 14 = 6 + Σ TW Rp; K of summed indicators
    // (counts) 14 = 6 + Σ TW K; K of percentages (levels) = the last quarter's value.
    let expect = |i: usize| {
        let r = &last.rows[i];
        let rp = sum(r.tw.iter().map(|p| p.rp)).map(|s| r.prev.rp.unwrap_or_default() + s);
        let k = if r.unit.as_deref() == Some("%") {
            r.tw.iter().rev().find_map(|p| k_num(&p.k))
        } else {
            sum(r.tw.iter().map(|p| k_num(&p.k))).map(|s| k_num(&r.prev.k).unwrap_or_default() + s)
        };
        (k, rp)
    };
    let next_of = |i: usize| if i >= 4 { i + 1 } else { i };
    for i in 0..last.rows.len() {
        let (k, rp) = expect(i);
        let got = &next.rows[next_of(i)].prev;
        assert_eq!((k_num(&got.k), got.rp), (k, rp), "row {i}");
    }
    // Spot checks against the printed form: sub kegiatan 5.03.01.2.09.06 (count, Σ),
    // program 5.03.01 (percentage, last quarter).
    assert_eq!(next.rows[3].prev.k, Some(KValue::Number(d("102"))));
    assert_eq!(
        next.rows[3].prev.rp,
        Some(d("1820224956.42") + d("73650720.78") + d("89433018.09") + d("68389955.01"))
    );
    assert_eq!(next.rows[0].prev.k, Some(KValue::Number(d("15.75"))));
    assert_eq!(next.rows[9].prev.k, Some(KValue::Number(d("4"))));
    // The new row is left as it was.
    assert_eq!(next.rows[4].prev, new_row.prev);

    let summary = &problems[0];
    assert_eq!(
        (summary.severity, summary.code.as_str()),
        (Severity::Info, "kolom6_dibawa")
    );
    assert!(
        summary.message.contains("9 dari 10 baris"),
        "{}",
        summary.message
    );
    assert!(
        summary.message.contains("tahun 2026"),
        "{}",
        summary.message
    );
    let rest: Vec<(Severity, &str, Option<usize>, Option<Field>)> = problems[1..]
        .iter()
        .map(|p| (p.severity, p.code.as_str(), p.at.row, p.at.field))
        .collect();
    assert_eq!(
        rest,
        vec![
            (
                Severity::Warning,
                "kolom6_berbeda",
                Some(2),
                Some(Field::PrevRp)
            ),
            (
                Severity::Info,
                "kolom6_tanpa_pasangan",
                Some(4),
                Some(Field::PrevK)
            ),
            (
                Severity::Warning,
                "kolom6_berbeda",
                Some(9),
                Some(Field::PrevK)
            ),
        ]
    );
    // The warning names both values; the carried one is what the row now holds.
    let carried = display(&CellValue::Rp(expect(2).1.unwrap()));
    let w = &problems[1].message;
    assert!(
        w.contains("file berisi 1,") || w.contains("file berisi 1 "),
        "{w}"
    );
    assert!(w.contains(&carried), "{w} / {carried}");
    assert_eq!(next.rows[2].prev.rp, expect(2).1);
    let w = &problems[3].message;
    assert!(
        w.contains("file berisi 3,") && w.contains("berisi 4;"),
        "{w}"
    );
}

#[test]
fn carry_over_without_realisation_keeps_last_years_column_6() {
    // e81_104's kegiatan 5.03.02.2.04 and its sub kegiatan realised nothing: 14 = 6 + 0.
    let last = fixture_document("e81_104");
    let mut next = next_year(&last);
    let problems = carry_over(&last, &mut next);
    for i in 4..=7 {
        assert!(last.rows[i]
            .tw
            .iter()
            .all(|p| p.k.is_none() && p.rp.is_none()));
        assert_eq!(next.rows[i].prev, last.rows[i].prev, "row {i}");
    }
    // Row 13: 500 + 20 documents.
    assert_eq!(next.rows[13].prev.k, Some(KValue::Number(d("520"))));
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].message.contains("16 dari 16 baris"),
        "{}",
        problems[0].message
    );
}

#[test]
fn carry_over_matches_extra_indicator_rows_by_their_node() {
    use common::row;
    let num = |s: &str| Some(KValue::Number(d(s)));
    let k = |s: &str| Pair {
        k: num(s),
        rp: None,
    };
    let node = |kode: &str, name: &str| {
        let mut r = row(
            Level::Program,
            Some(kode),
            Some("%"),
            k("100"),
            Default::default(),
        );
        r.name = name.into();
        r.indicator = "Persentase layanan".into();
        r
    };
    let extra = |tw4: &str| {
        let mut r = row(
            Level::Indikator,
            None,
            Some("Indeks"),
            k("80"),
            [Pair::default(), Pair::default(), Pair::default(), k(tw4)],
        );
        r.indicator = "Indeks kepuasan".into();
        r
    };
    let last = common::doc(
        4,
        vec![
            node("5.03.01", "A"),
            extra("70"),
            node("5.03.02", "B"),
            extra("90"),
        ],
    );
    // Next year lists the programs the other way round.
    let mut next = common::doc(
        1,
        vec![
            node("5.03.02", "B"),
            extra("0"),
            node("5.03.01", "A"),
            extra("0"),
        ],
    );
    for r in &mut next.rows {
        r.tw = Default::default();
    }
    let problems = carry_over(&last, &mut next);
    assert_eq!(next.rows[1].prev.k, num("90"));
    assert_eq!(next.rows[3].prev.k, num("70"));
    assert_eq!(problems.len(), 1, "{problems:?}");
}
