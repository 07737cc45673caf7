//! Editing cells: keys, labels, typed input, display, get/set on real rows.

mod common;

use std::collections::HashSet;

use capaian_domain::edit::{
    choice_label, choices, display, get, parse_input, set, Cell, CellKind, CellValue, EditError,
    MAX_TEKS,
};
use capaian_domain::model::{
    Aggregation, Grade, IndicatorSemantics, KValue, Narasi, NilaiRencana, Pair, Polarity, ValueType,
};
use common::{d, fixture_document};

const FIXTURES: [&str; 4] = ["e81_101", "e81_102", "e81_103", "e81_104"];

#[test]
fn every_cell_key_round_trips() {
    let all = Cell::all();
    assert_eq!(all.len(), 8 + 6 * 4 + 3 + 4 + 5 + 2 * 4 + 12);
    let keys: HashSet<String> = all.iter().map(|c| c.key()).collect();
    assert_eq!(keys.len(), all.len(), "keys are unique");
    for c in &all {
        assert_eq!(Cell::parse_key(&c.key()), Some(*c), "{c:?}");
        assert_eq!(c.key().parse::<Cell>(), Ok(*c));
        assert!(c.is_valid());
        // Column 12–15 never appear; every K/Rp cell has a model field, the narrative, the
        // indicator semantics and the plan's values E.81 does not print have none.
        let narrative = c.quarter().is_some() && c.kind() == CellKind::Text;
        let not_e81 = matches!(
            c,
            Cell::Lokasi
                | Cell::SumberDana
                | Cell::CatatanPenting
                | Cell::MajuK
                | Cell::MajuRp
                | Cell::KasRp(_)
                | Cell::TargetTwK(_)
                | Cell::BulanRp(_)
        );
        assert_eq!(
            c.field().is_some(),
            !narrative && c.kind() != CellKind::Pilihan && !not_e81,
            "{c:?}"
        );
        // Exactly the choice cells have choices.
        assert_eq!(
            choices(*c).is_some(),
            c.kind() == CellKind::Pilihan,
            "{c:?}"
        );
    }
    let mut sorted = all.clone();
    sorted.sort();
    assert_eq!(sorted, all, "all() is in Ord order");
}

#[test]
fn keys_and_labels() {
    let cases: &[(Cell, &str, &str)] = &[
        (Cell::Indicator, "indikator", "Indikator kinerja (kolom 4)"),
        (Cell::Unit, "satuan", "Satuan"),
        (Cell::RenstraK, "renstra_k", "Target Renstra K (kolom 5)"),
        (
            Cell::PrevRp,
            "lalu_rp",
            "Realisasi s.d. tahun lalu Rp (kolom 6)",
        ),
        (Cell::TargetK, "target_k", "Target K (kolom 7)"),
        (Cell::TargetRp, "target_rp", "Target Rp (kolom 7)"),
        (Cell::TwK(1), "tw1_k", "Realisasi K TW I (kolom 8)"),
        (Cell::TwRp(2), "tw2_rp", "Realisasi Rp TW II (kolom 9)"),
        (Cell::TwRp(4), "tw4_rp", "Realisasi Rp TW IV (kolom 11)"),
        (Cell::Pendorong(1), "pendorong_tw1", "Faktor pendorong TW I"),
        (
            Cell::Penghambat(3),
            "penghambat_tw3",
            "Faktor penghambat TW III",
        ),
        (
            Cell::TindakLanjut(2),
            "tindak_lanjut_tw2",
            "Tindak lanjut TW II",
        ),
        (Cell::KeteranganTw(4), "keterangan_tw4", "Keterangan TW IV"),
        (
            Cell::UnitPd,
            "unit_pd",
            "Unit PD penanggung jawab (kolom 16)",
        ),
        (Cell::Keterangan, "keterangan", "Keterangan"),
        (Cell::Agregasi, "agregasi", "Agregasi"),
        (Cell::Polaritas, "polaritas", "Polaritas"),
        (Cell::Batas100, "batas_100", "Batas 100%"),
        (Cell::JenisNilai, "jenis_nilai", "Jenis nilai"),
        (Cell::Lokasi, "lokasi", "Lokasi"),
        (Cell::SumberDana, "sumber_dana", "Sumber dana"),
        (Cell::CatatanPenting, "catatan_penting", "Catatan penting"),
        (Cell::MajuK, "maju_k", "Prakiraan maju n+1 K"),
        (Cell::MajuRp, "maju_rp", "Prakiraan maju n+1 Rp"),
        (Cell::KasRp(3), "kas_tw3", "Anggaran kas TW III"),
        (Cell::TargetTwK(1), "target_tw1", "Target TW I"),
        (Cell::BulanRp(1), "realisasi_bulan1", "Realisasi Rp Januari"),
        (
            Cell::BulanRp(12),
            "realisasi_bulan12",
            "Realisasi Rp Desember",
        ),
    ];
    for (cell, key, label) in cases {
        assert_eq!(cell.key(), *key);
        assert_eq!(cell.label(), *label);
    }
    for bad in [
        "",
        "tw0_k",
        "tw5_rp",
        "tw1",
        "tw1_x",
        "TW1_K",
        "pendorong_tw",
        "pendorong_tw5",
        "keterangan_tw0",
        "target",
        "c12_rp",
        " target_k",
        "Agregasi",
        "batas100",
        "batas_100 ",
        "jenis",
        "kas_tw5",
        "realisasi_bulan0",
        "realisasi_bulan13",
        "realisasi_bulan01",
        "realisasi_bulan",
        "kas_tw",
        "target_tw0",
        "maju",
    ] {
        assert_eq!(Cell::parse_key(bad), None, "{bad}");
    }
    assert_eq!(
        "c12_rp".parse::<Cell>().unwrap_err().to_string(),
        "Kolom 'c12_rp' tidak dikenal"
    );
    assert_eq!(Cell::TwRp(3).quarter(), Some(3));
    assert_eq!(Cell::Penghambat(2).quarter(), Some(2));
    assert_eq!(Cell::TargetRp.quarter(), None);
    assert!(Cell::TargetK.is_target() && Cell::TargetRp.is_target());
    assert!(!Cell::TwK(1).is_target() && !Cell::RenstraK.is_target());
    for c in [
        Cell::Agregasi,
        Cell::Polaritas,
        Cell::Batas100,
        Cell::JenisNilai,
    ] {
        assert_eq!(c.quarter(), None);
        assert!(!c.is_target() && c.is_valid());
        assert_eq!(c.kind(), CellKind::Pilihan);
        assert_eq!(c.field(), None);
    }
    assert!(!Cell::TwK(5).is_valid() && !Cell::Pendorong(0).is_valid());
    // A month is in its quarter; a month that does not exist is no cell, and says so.
    assert_eq!(Cell::BulanRp(1).quarter(), Some(1));
    assert_eq!(Cell::BulanRp(4).quarter(), Some(2));
    assert_eq!(Cell::BulanRp(12).quarter(), Some(4));
    assert!(!Cell::BulanRp(0).is_valid() && !Cell::BulanRp(13).is_valid());
    assert_eq!(
        parse_input(Cell::BulanRp(13), "5").unwrap_err().to_string(),
        "Bulan 13 tidak ada: bulan hanya 1 sampai 12"
    );
    assert_eq!(Cell::BulanRp(13).label(), "Realisasi Rp bulan 13");
    // An impossible quarter still gets a label, without a column number (no overflow).
    assert_eq!(Cell::TwK(255).label(), "Realisasi K TW 255");
}

#[test]
fn typed_input() {
    let num = |s: &str| CellValue::K(KValue::Number(d(s)));
    let rp = |s: &str| CellValue::Rp(d(s));
    let text = |s: &str| CellValue::Text(s.into());
    let grade = |g: Grade, s: Option<&str>| {
        CellValue::K(KValue::Grade {
            grade: g,
            score: s.map(d),
        })
    };
    let ok: Vec<(Cell, &str, CellValue)> = vec![
        (Cell::TargetRp, "1.234.567,89", rp("1234567.89")),
        (Cell::TargetRp, "1234567.89", rp("1234567.89")),
        (Cell::TwRp(2), " Rp 5.000,- ", rp("5000")),
        (Cell::TwRp(1), "(1.500)", rp("-1500")),
        (Cell::TargetRp, "-", CellValue::Empty),
        (Cell::TargetRp, "", CellValue::Empty),
        (Cell::TargetRp, "   ", CellValue::Empty),
        (Cell::TargetK, "1.234.567,89", num("1234567.89")),
        (Cell::TargetK, "12,5%", num("12.5")),
        (Cell::TwK(3), "12,5 %", num("12.5")),
        (Cell::TwK(1), "47", num("47")),
        (Cell::TargetK, "BB", grade(Grade::BB, None)),
        (Cell::TargetK, "bb", grade(Grade::BB, None)),
        (Cell::TargetK, "BB (71,51)", grade(Grade::BB, Some("71.51"))),
        (Cell::TwK(4), "aa", grade(Grade::AA, None)),
        (Cell::TargetK, "-", CellValue::Empty),
        (Cell::TargetK, "", CellValue::Empty),
        (
            Cell::TargetK,
            "Dokumen Renja",
            CellValue::K(KValue::Text("Dokumen Renja".into())),
        ),
        (Cell::Keterangan, "  Sesuai jadwal ", text("Sesuai jadwal")),
        (
            Cell::Penghambat(3),
            "Anggaran terlambat",
            text("Anggaran terlambat"),
        ),
        (Cell::Unit, "Dok", text("Dok")),
        (Cell::Indicator, "12,5,0", text("12,5,0")),
        (Cell::UnitPd, "-", CellValue::Empty),
        (Cell::Pendorong(1), "", CellValue::Empty),
    ];
    for (cell, raw, want) in ok {
        assert_eq!(parse_input(cell, raw), Ok(want), "{cell:?} {raw:?}");
    }

    let err = parse_input(Cell::TargetRp, "12,5,0").unwrap_err();
    assert!(
        matches!(&err, EditError::BukanAngka { isian, .. } if isian == "12,5,0"),
        "{err:?}"
    );
    assert_eq!(err.to_string(), "'12,5,0' bukan angka");
    assert!(matches!(
        err,
        EditError::BukanAngka {
            kolom: Cell::TargetRp,
            ..
        }
    ));
    let err = parse_input(Cell::TwK(2), "12,5,0").unwrap_err();
    assert!(err.to_string().contains("'12,5,0' bukan angka"), "{err}");
    for (cell, raw) in [
        (Cell::TargetRp, "12,5%"),
        (Cell::TargetRp, "BB"),
        (Cell::TwRp(1), "lima juta"),
        (Cell::TwRp(1), "6 Dok"),
    ] {
        assert!(
            matches!(parse_input(cell, raw), Err(EditError::BukanAngka { .. })),
            "{cell:?} {raw}"
        );
    }
    // A unit typed with the number is refused, with the number to type instead.
    let err = parse_input(Cell::TwK(1), "6 Dok").unwrap_err();
    assert!(matches!(err, EditError::SatuanDalamIsian { .. }), "{err:?}");
    assert!(err.to_string().contains("(6)"), "{err}");
    // Quarters outside 1..=4 and over-long texts.
    assert_eq!(
        parse_input(Cell::TwK(5), "1"),
        Err(EditError::TriwulanTidakAda { triwulan: 5 })
    );
    let long = "a".repeat(MAX_TEKS + 1);
    assert!(matches!(
        parse_input(Cell::Keterangan, &long),
        Err(EditError::TerlaluPanjang { panjang, .. }) if panjang == MAX_TEKS + 1
    ));
    assert!(parse_input(Cell::Keterangan, &"é".repeat(MAX_TEKS)).is_ok());
    assert!(matches!(
        parse_input(Cell::TargetK, &long),
        Err(EditError::TerlaluPanjang { .. })
    ));
}

#[test]
fn display_values() {
    let cases: Vec<(CellValue, &str)> = vec![
        (CellValue::Empty, ""),
        (CellValue::Rp(d("1234567.89")), "1.234.567,89"),
        (CellValue::Rp(d("1234567.8")), "1.234.567,8"),
        (CellValue::Rp(d("28143400")), "28.143.400"),
        (CellValue::Rp(d("-1500")), "-1.500"),
        (CellValue::K(KValue::Number(d("12.5"))), "12,5"),
        (
            CellValue::K(KValue::Grade {
                grade: Grade::BB,
                score: None,
            }),
            "BB",
        ),
        (
            CellValue::K(KValue::Grade {
                grade: Grade::BB,
                score: Some(d("71.51")),
            }),
            "BB (71,51)",
        ),
        (CellValue::K(KValue::Text("Baik".into())), "Baik"),
        (CellValue::Text("Sesuai".into()), "Sesuai"),
    ];
    for (v, want) in cases {
        assert_eq!(display(&v), want, "{v:?}");
        assert_eq!(v.to_string(), want);
    }
    // Displayed numbers read back as the same number, also where the reading is a choice.
    for s in [
        "1234",
        "1.234",
        "0.125",
        "-0.5",
        "1250.00",
        "1234567.891",
        "0",
    ] {
        for cell in [Cell::TargetK, Cell::TargetRp] {
            let v = match cell.kind() {
                CellKind::Rp => CellValue::Rp(d(s)),
                _ => CellValue::K(KValue::Number(d(s))),
            };
            assert_eq!(parse_input(cell, &display(&v)), Ok(v), "{s} {cell:?}");
        }
    }
    // The JSON of a value: tagged, decimals as strings.
    let v = serde_json::to_value(CellValue::Rp(d("1234567.89"))).unwrap();
    assert_eq!(v, serde_json::json!({"type": "rp", "value": "1234567.89"}));
    let v = serde_json::to_value(CellValue::Empty).unwrap();
    assert_eq!(v, serde_json::json!({"type": "empty"}));
    let back: CellValue = serde_json::from_value(
        serde_json::json!({"type": "k", "value": {"type": "number", "value": "12.5"}}),
    )
    .unwrap();
    assert_eq!(back, CellValue::K(KValue::Number(d("12.5"))));
}

#[test]
fn get_set_round_trip_on_fixture_rows() {
    for name in FIXTURES {
        let doc = fixture_document(name);
        for (i, original) in doc.rows.iter().enumerate() {
            let mut row = original.clone();
            row.narasi[1] = Narasi {
                pendorong: "Dukungan pimpinan".into(),
                penghambat: "Anggaran terlambat".into(),
                tindak_lanjut: "Percepat lelang".into(),
                keterangan: "Sesuai jadwal".into(),
            };
            row.unit_pd = "Bidang PKA".into();
            row.keterangan = "Catatan".into();
            row.rencana = NilaiRencana {
                sasaran: "Meningkatnya kompetensi ASN".into(),
                lokasi: "Kab. Muna Barat".into(),
                sumber_dana: "DAU".into(),
                catatan_penting: "Prioritas daerah".into(),
                maju: Pair {
                    k: Some(KValue::Number(d("90.5"))),
                    rp: Some(d("1250000000")),
                },
                triwulan: [
                    Pair {
                        k: None,
                        rp: Some(d("100000000.50")),
                    },
                    Pair {
                        k: Some(KValue::Number(d("25"))),
                        rp: None,
                    },
                    Pair {
                        k: None,
                        rp: Some(d("0")),
                    },
                    Pair::default(),
                ],
                bulan: [
                    Some(d("1000000")),
                    None,
                    None,
                    Some(d("0")),
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                    Some(d("12500000.75")),
                ],
            };
            // Clear every cell, then write every value back: the row is whole again.
            let values: Vec<(Cell, CellValue)> =
                Cell::all().into_iter().map(|c| (c, get(&row, c))).collect();
            let mut cleared = row.clone();
            for (c, v) in &values {
                if c.kind() == CellKind::Pilihan {
                    // A choice cell always holds a choice: it cannot be cleared.
                    assert!(matches!(v, CellValue::Text(_)), "{name} {i} {c:?}");
                    let err = set(&mut cleared, *c, CellValue::Empty).unwrap_err();
                    assert!(matches!(err, EditError::PilihanKosong { .. }), "{err:?}");
                    continue;
                }
                set(&mut cleared, *c, CellValue::Empty).unwrap();
                assert_eq!(get(&cleared, *c), CellValue::Empty, "{name} {i} {c:?}");
            }
            assert_eq!(cleared.narasi, <[Narasi; 4]>::default());
            assert!(cleared.rencana.is_empty(), "{name} {i}");
            assert_eq!((cleared.target.k.clone(), cleared.target.rp), (None, None));
            for (c, v) in &values {
                set(&mut cleared, *c, v.clone()).unwrap();
                assert_eq!(&get(&cleared, *c), v, "{name} {i} {c:?}");
            }
            assert_eq!(cleared, row, "{name} row {i}");
            // What is displayed reads back as the same value.
            for (c, v) in &values {
                let back = parse_input(*c, &display(v));
                assert_eq!(back.as_ref(), Ok(v), "{name} {i} {c:?} {:?}", display(v));
            }
            // Kinds: K cells give K, Rp cells Rp, text cells Text.
            for (c, v) in &values {
                let ok = matches!(
                    (c.kind(), v),
                    (_, CellValue::Empty)
                        | (CellKind::K, CellValue::K(_))
                        | (CellKind::Rp, CellValue::Rp(_))
                        | (CellKind::Text, CellValue::Text(_))
                        | (CellKind::Pilihan, CellValue::Text(_))
                );
                assert!(ok, "{name} {i} {c:?} {v:?}");
            }
        }
    }
}

#[test]
fn set_refuses_wrong_values_and_leaves_the_row() {
    let doc = fixture_document("e81_101");
    let row = doc.rows[2].clone();
    let cases: Vec<(Cell, CellValue)> = vec![
        (Cell::TargetRp, CellValue::Text("banyak".into())),
        (Cell::TargetRp, CellValue::K(KValue::Number(d("1")))),
        (Cell::TargetK, CellValue::Rp(d("1"))),
        (Cell::TargetK, CellValue::Text("x".into())),
        (Cell::Keterangan, CellValue::Rp(d("1"))),
        (Cell::Unit, CellValue::K(KValue::Number(d("1")))),
        (Cell::TwK(0), CellValue::Empty),
        (Cell::TwRp(5), CellValue::Rp(d("1"))),
        (Cell::Pendorong(9), CellValue::Text("x".into())),
        (Cell::Keterangan, CellValue::Text("x".repeat(MAX_TEKS + 1))),
        (Cell::Agregasi, CellValue::Empty),
        (Cell::Agregasi, CellValue::Text("jumlahnya".into())),
        (Cell::Polaritas, CellValue::Text(String::new())),
        (Cell::Batas100, CellValue::K(KValue::Number(d("100")))),
        (Cell::JenisNilai, CellValue::Rp(d("1"))),
        (Cell::JenisNilai, CellValue::Text("x".repeat(MAX_TEKS + 1))),
    ];
    for (cell, value) in cases {
        let mut r = row.clone();
        let err = set(&mut r, cell, value.clone()).unwrap_err();
        assert_eq!(r, row, "{cell:?} {value:?}");
        assert!(!err.to_string().is_empty());
    }
    let mut r = row.clone();
    let err = set(&mut r, Cell::TargetRp, CellValue::Text("banyak".into())).unwrap_err();
    assert_eq!(
        err.to_string(),
        "Kolom ini harus berisi angka rupiah, bukan teks"
    );
    assert_eq!(
        set(&mut r, Cell::TwRp(5), CellValue::Empty)
            .unwrap_err()
            .to_string(),
        "Triwulan 5 tidak ada: triwulan hanya I sampai IV"
    );
    // A cell with an impossible quarter reads as empty.
    assert_eq!(get(&row, Cell::TwK(7)), CellValue::Empty);
    // Text cells: an empty text reads as Empty; the unit is cleared to None.
    set(&mut r, Cell::Keterangan, CellValue::Text(String::new())).unwrap();
    assert_eq!(get(&r, Cell::Keterangan), CellValue::Empty);
    set(&mut r, Cell::Unit, CellValue::Empty).unwrap();
    assert_eq!(r.unit, None);
    set(&mut r, Cell::Unit, CellValue::Text("Dok".into())).unwrap();
    assert_eq!(r.unit.as_deref(), Some("Dok"));
    set(
        &mut r,
        Cell::TindakLanjut(4),
        CellValue::Text("Lanjut".into()),
    )
    .unwrap();
    assert_eq!(r.narasi[3].tindak_lanjut, "Lanjut");
    assert_eq!(
        get(&r, Cell::TindakLanjut(4)),
        CellValue::Text("Lanjut".into())
    );
}

#[test]
fn semantics_are_choice_cells() {
    // Every choice: its key and its label read as the key; set/get round-trip through the row.
    let doc = fixture_document("e81_101");
    let row = doc.rows[2].clone();
    for cell in [
        Cell::Agregasi,
        Cell::Polaritas,
        Cell::Batas100,
        Cell::JenisNilai,
    ] {
        let list = choices(cell).unwrap();
        let keys: HashSet<&str> = list.iter().map(|(k, _)| *k).collect();
        assert_eq!(keys.len(), list.len(), "{cell:?}: keys are unique");
        let labels: HashSet<String> = list.iter().map(|(_, l)| l.to_lowercase()).collect();
        assert_eq!(labels.len(), list.len(), "{cell:?}: labels are unique");
        for (key, label) in list {
            assert_eq!(choice_label(cell, key), Some(*label));
            let want = CellValue::Text((*key).into());
            for typed in [
                key.to_string(),
                key.to_uppercase(),
                format!("  {key} "),
                label.to_string(),
                label.to_uppercase(),
                label.to_lowercase(),
            ] {
                assert_eq!(parse_input(cell, &typed), Ok(want.clone()), "{typed:?}");
            }
            let mut r = row.clone();
            set(&mut r, cell, CellValue::Text(label.to_string())).unwrap();
            assert_eq!(get(&r, cell), want, "{cell:?} {label}");
            set(&mut r, cell, want.clone()).unwrap();
            assert_eq!(get(&r, cell), want, "{cell:?} {key}");
            assert_eq!(parse_input(cell, &display(&get(&r, cell))), Ok(want));
            // Only the semantics changed.
            let mut back = r.clone();
            back.semantics = row.semantics.clone();
            assert_eq!(back, row);
        }
    }
    assert_eq!(choices(Cell::TargetK), None);
    assert_eq!(choice_label(Cell::Agregasi, "sum"), None);
    assert_eq!(choice_label(Cell::Keterangan, "jumlah"), None);

    // The model values each key stands for.
    let sem = |cell: Cell, typed: &str| {
        let mut r = row.clone();
        r.semantics = IndicatorSemantics::default();
        let v = parse_input(cell, typed).unwrap();
        set(&mut r, cell, v).unwrap();
        r.semantics
    };
    let cases: Vec<(Cell, &str, IndicatorSemantics)> = {
        let base = IndicatorSemantics::default;
        vec![
            (Cell::Agregasi, "jumlah", base()),
            (
                Cell::Agregasi,
                "Nilai triwulan terakhir",
                IndicatorSemantics {
                    aggregation: Aggregation::Last,
                    ..base()
                },
            ),
            (
                Cell::Agregasi,
                "MAKSIMUM",
                IndicatorSemantics {
                    aggregation: Aggregation::Max,
                    ..base()
                },
            ),
            (
                Cell::Agregasi,
                "Rata-rata",
                IndicatorSemantics {
                    aggregation: Aggregation::Average,
                    ..base()
                },
            ),
            (
                Cell::Agregasi,
                "akhir tahun",
                IndicatorSemantics {
                    aggregation: Aggregation::YearEnd,
                    ..base()
                },
            ),
            (Cell::Polaritas, "naik", base()),
            (
                Cell::Polaritas,
                "turun rasio",
                IndicatorSemantics {
                    polarity: Polarity::LowerIsBetterRatio,
                    ..base()
                },
            ),
            (
                Cell::Polaritas,
                "turun-cermin",
                IndicatorSemantics {
                    polarity: Polarity::LowerIsBetterMirror,
                    ..base()
                },
            ),
            (
                Cell::Batas100,
                "Ya",
                IndicatorSemantics {
                    cap_100: true,
                    ..base()
                },
            ),
            (Cell::Batas100, "tidak dibatasi", base()),
            (Cell::JenisNilai, "jumlah", base()),
            (
                Cell::JenisNilai,
                "persentase",
                IndicatorSemantics {
                    value_type: ValueType::Percent,
                    ..base()
                },
            ),
            (
                Cell::JenisNilai,
                "indeks",
                IndicatorSemantics {
                    value_type: ValueType::Index,
                    ..base()
                },
            ),
            (
                Cell::JenisNilai,
                "Predikat",
                IndicatorSemantics {
                    value_type: ValueType::Grade,
                    ..base()
                },
            ),
            (
                Cell::JenisNilai,
                "TEKS",
                IndicatorSemantics {
                    value_type: ValueType::Text,
                    ..base()
                },
            ),
        ]
    };
    for (cell, typed, want) in cases {
        assert_eq!(sem(cell, typed), want, "{cell:?} {typed}");
    }

    // Anything else is refused, in Indonesian, with the choices listed.
    let err = parse_input(Cell::Agregasi, "sum").unwrap_err();
    assert!(
        matches!(&err, EditError::BukanPilihan { kolom: Cell::Agregasi, isian, .. } if isian == "sum"),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        "'sum' bukan pilihan yang dikenal; pilih salah satu: jumlah (Jumlah seluruh triwulan), \
         terakhir (Nilai triwulan terakhir), maksimum (Nilai tertinggi), rata_rata (Rata-rata), \
         akhir_tahun (Nilai akhir tahun (TW IV))"
    );
    assert_eq!(
        parse_input(Cell::Batas100, "true").unwrap_err().to_string(),
        "'true' bukan pilihan yang dikenal; pilih salah satu: ya (Ya, paling tinggi 100%), \
         tidak (Tidak dibatasi)"
    );
    for empty in ["", "  ", "-"] {
        let err = parse_input(Cell::Polaritas, empty).unwrap_err();
        assert!(
            matches!(
                err,
                EditError::PilihanKosong {
                    kolom: Cell::Polaritas,
                    ..
                }
            ),
            "{empty:?}"
        );
        assert!(err
            .to_string()
            .starts_with("Belum dipilih; pilih salah satu: naik ("));
    }
    // A long paste is shortened in the message.
    let err = parse_input(Cell::JenisNilai, &"x".repeat(MAX_TEKS * 2)).unwrap_err();
    assert!(err.to_string().len() < 400, "{err}");
    // The same key means different things in different cells.
    assert!(parse_input(Cell::Agregasi, "persen").is_err());
    assert!(parse_input(Cell::JenisNilai, "persen").is_ok());
    // Serialised as their keys.
    assert_eq!(
        serde_json::to_value(Cell::Batas100).unwrap(),
        serde_json::json!("batas_100")
    );
    let back: Cell = serde_json::from_value(serde_json::json!("jenis_nilai")).unwrap();
    assert_eq!(back, Cell::JenisNilai);
}
