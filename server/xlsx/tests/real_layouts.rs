//! E.81 layouts seen in real agency files (`tests/fixtures/real-layouts/`, written by
//! `examples/gen_real_layouts.rs`; the `.xls` ones saved from them by LibreOffice), each read
//! exactly against its hand-written `.expected.json`: layout, title facts, the role of the
//! columns (and the money scale), every row's level, code, name, indicator, unit and values,
//! the problems (by code) and the decisions the reading asks for. The `nomenklatur_*` ones
//! are read again with the national nomenclature against their `nomenklatur` section.

use std::path::{Path, PathBuf};
use std::str::FromStr;

use capaian_domain::kode;
use capaian_domain::model::{Field, KValue, KodeSource, Level, Pair, Problem, Severity};
use capaian_domain::nomenklatur::{IndicatorSuggestion, JenisPemda};
use capaian_xlsx::{
    group_problems, read_for_review, read_for_review_with, read_workbook, ColumnOverride,
    ColumnRole, FormProfile, IgnoreReason, KodeOverride, Limits, ReadOptions, Reading,
};
use rust_decimal::Decimal;
use serde_json::Value;

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/real-layouts")
}

fn expected(name: &str) -> Value {
    let path = dir().join(name);
    let v: Value = serde_json::from_str(
        &std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())),
    )
    .expect("expected json");
    match v["same_as"].as_str() {
        Some(base) => {
            let mut b = expected(base);
            if let Some(extra) = v["extra_problem_codes"].as_array() {
                let codes = b["problem_codes"].as_array_mut().expect("problem_codes");
                codes.extend(extra.iter().cloned());
            }
            b
        }
        None => v,
    }
}

fn field_of(key: &str) -> Field {
    let q = |s: &str| s.parse::<u8>().expect("quarter");
    match key {
        "kode" => Field::Kode,
        "name" => Field::Name,
        "indicator" => Field::Indicator,
        "unit" => Field::Unit,
        "renstra_k" => Field::RenstraK,
        "renstra_rp" => Field::RenstraRp,
        "prev_k" => Field::PrevK,
        "prev_rp" => Field::PrevRp,
        "target_k" => Field::TargetK,
        "target_rp" => Field::TargetRp,
        "c12_k" => Field::C12K,
        "c12_rp" => Field::C12Rp,
        "c13_k" => Field::C13K,
        "c13_rp" => Field::C13Rp,
        "c14_k" => Field::C14K,
        "c14_rp" => Field::C14Rp,
        "c15_k" => Field::C15K,
        "c15_rp" => Field::C15Rp,
        "unit_pd" => Field::UnitPd,
        "keterangan" => Field::Keterangan,
        "sasaran" => Field::Sasaran,
        k if k.starts_with("tw_k_") => Field::TwK(q(&k[5..])),
        k if k.starts_with("tw_rp_") => Field::TwRp(q(&k[6..])),
        other => panic!("unknown field key {other}"),
    }
}

fn level_name(l: Level) -> &'static str {
    l.key()
}

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

fn check_pair(ctx: &str, p: &Pair, e: &Value) {
    assert_eq!(k_num(&p.k), dec(&e[0]), "{ctx} K");
    assert_eq!(p.rp, dec(&e[1]), "{ctx} Rp");
}

fn letter(col: u32) -> String {
    capaian_xlsx::col_letter(col)
}

fn check_rows(name: &str, reading: &Reading, rows: &Value) {
    let doc = &reading.import.document;
    let rows = rows.as_array().expect("rows");
    assert_eq!(doc.rows.len(), rows.len(), "{name}: row count");
    for (r, e) in doc.rows.iter().zip(rows) {
        let ctx = format!("{name} sheet row {}", r.sheet_row);
        assert_eq!(
            u64::from(r.sheet_row),
            e["sheet_row"].as_u64().unwrap(),
            "{ctx}"
        );
        assert_eq!(
            level_name(r.level),
            e["level"].as_str().unwrap(),
            "{ctx} level"
        );
        assert_eq!(r.kode.as_deref(), e["kode"].as_str(), "{ctx} kode");
        assert_eq!(r.name, e["name"].as_str().unwrap(), "{ctx} name");
        assert_eq!(
            r.indicator,
            e["indicator"].as_str().unwrap(),
            "{ctx} indicator"
        );
        assert_eq!(r.unit.as_deref(), e["unit"].as_str(), "{ctx} unit");
        check_pair(&format!("{ctx} renstra"), &r.renstra, &e["renstra"]);
        check_pair(&format!("{ctx} prev"), &r.prev, &e["prev"]);
        check_pair(&format!("{ctx} target"), &r.target, &e["target"]);
        for q in 0..4 {
            check_pair(&format!("{ctx} tw{}", q + 1), &r.tw[q], &e["tw"][q]);
        }
        check_pair(&format!("{ctx} col 12"), &r.stated.c12, &e["c12"]);
        if !e["c14"].is_null() {
            check_pair(&format!("{ctx} col 14"), &r.stated.c14, &e["c14"]);
        }
        assert_eq!(
            r.unit_pd,
            e["unit_pd"].as_str().unwrap_or(""),
            "{ctx} unit PD"
        );
        assert_eq!(
            r.keterangan,
            e["keterangan"].as_str().unwrap_or(""),
            "{ctx} keterangan"
        );
    }
}

fn decision_kinds(reading: &Reading) -> Vec<String> {
    reading
        .decisions
        .iter()
        .map(|d| {
            serde_json::to_value(d).expect("decision json")["kind"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect()
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| a.iter().map(|s| s.as_str().unwrap().to_string()).collect())
        .unwrap_or_default()
}

fn check(file: &str) -> Reading {
    let exp_name = Path::new(file).with_extension("expected.json");
    let e = expected(exp_name.to_str().unwrap());
    let bytes = std::fs::read(dir().join(file)).expect("fixture");
    let reading =
        read_for_review(&bytes, &Limits::default()).unwrap_or_else(|err| panic!("{file}: {err}"));
    let imp = &reading.import;

    // The old entry point reads the same document.
    let plain = read_workbook(&bytes, &Limits::default()).expect("read_workbook");
    assert_eq!(
        plain.document, imp.document,
        "{file}: read_workbook = read_for_review"
    );

    let lay = &e["layout"];
    assert_eq!(
        imp.layout.sheet,
        lay["sheet"].as_str().unwrap(),
        "{file} sheet"
    );
    assert_eq!(
        [
            u64::from(imp.layout.header_rows.0),
            u64::from(imp.layout.header_rows.1)
        ],
        [
            lay["header_rows"][0].as_u64().unwrap(),
            lay["header_rows"][1].as_u64().unwrap()
        ],
        "{file} header rows"
    );
    assert_eq!(
        imp.layout.numbering_row.map(u64::from),
        lay["numbering_row"].as_u64(),
        "{file} numbering row"
    );
    assert_eq!(
        u64::from(imp.layout.first_data_row),
        lay["first_data_row"].as_u64().unwrap(),
        "{file} first data row"
    );
    assert_eq!(
        imp.layout.last_data_row.map(u64::from),
        lay["last_data_row"].as_u64(),
        "{file} last data row"
    );
    assert_eq!(
        imp.layout.footer_row.map(u64::from),
        lay["footer_row"].as_u64(),
        "{file} footer row"
    );

    let meta = &e["meta"];
    let doc = &imp.document;
    assert_eq!(
        doc.year.map(i64::from),
        meta["year"].as_i64(),
        "{file} year"
    );
    assert_eq!(
        doc.quarter.map(u64::from),
        meta["quarter"].as_u64(),
        "{file} quarter"
    );
    assert_eq!(
        doc.region.as_deref(),
        meta["region"].as_str(),
        "{file} region"
    );
    assert_eq!(doc.pd.as_deref(), meta["pd"].as_str(), "{file} pd");

    if let Some(cols) = e["columns"].as_object() {
        for (key, l) in cols {
            let f = field_of(key);
            assert_eq!(
                imp.layout.column(f).map(letter).as_deref(),
                l.as_str(),
                "{file}: column of {key}"
            );
            let m = reading
                .mapping
                .column_of(f)
                .unwrap_or_else(|| panic!("{file}: mapping of {key}"));
            assert_eq!(
                Some(m.letter.as_str()),
                l.as_str(),
                "{file}: mapping column of {key}"
            );
        }
    }
    for (i, l) in strings(&e["kode_parts"]).iter().enumerate() {
        let m = reading
            .mapping
            .columns
            .iter()
            .find(|c| &c.letter == l)
            .expect("kode part column");
        assert_eq!(
            m.role,
            ColumnRole::KodePart { part: i as u8 },
            "{file}: {l}"
        );
    }
    if let Some(ign) = e["ignored"].as_object() {
        for (l, reason) in ign {
            let m = reading
                .mapping
                .columns
                .iter()
                .find(|c| &c.letter == l)
                .expect("ignored column");
            let r = match reason.as_str().unwrap() {
                "nomor" => IgnoreReason::Nomor,
                "konteks" => IgnoreReason::Konteks,
                "sasaran" => IgnoreReason::Sasaran,
                "persen_kumulatif" => IgnoreReason::PersenKumulatif,
                other => panic!("reason {other}"),
            };
            assert_eq!(
                m.role,
                ColumnRole::Ignored { reason: r },
                "{file}: column {l}"
            );
        }
    }
    let mut scaled: Vec<(String, Decimal)> = reading
        .mapping
        .columns
        .iter()
        .filter_map(|c| c.scale.map(|s| (c.letter.clone(), s)))
        .collect();
    let mut want: Vec<(String, Decimal)> = e["scales"]
        .as_object()
        .map(|o| {
            o.iter()
                .map(|(l, s)| (l.clone(), dec(s).unwrap()))
                .collect()
        })
        .unwrap_or_default();
    scaled.sort();
    want.sort();
    assert_eq!(scaled, want, "{file}: money scales");

    check_rows(file, &reading, &e["rows"]);

    let mut codes: Vec<String> = imp.problems.iter().map(|p| p.code.clone()).collect();
    codes.sort();
    codes.dedup();
    let mut want = strings(&e["problem_codes"]);
    want.sort();
    assert_eq!(codes, want, "{file}: problem codes {:#?}", imp.problems);
    let errors: Vec<String> = imp
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .map(|p| p.code.clone())
        .collect();
    assert_eq!(errors, strings(&e["errors"]), "{file}: errors");
    if let Some(cells) = e["problem_cells"].as_object() {
        for (code, want) in cells {
            let got: Vec<String> = imp
                .problems
                .iter()
                .filter(|p| &p.code == code)
                .filter_map(|p| p.at.cell.clone())
                .collect();
            assert_eq!(got, strings(want), "{file}: cells of {code}");
        }
    }
    for p in &imp.problems {
        assert_eq!(
            p.at.sheet.as_deref(),
            Some(imp.layout.sheet.as_str()),
            "{file}: located {p:?}"
        );
    }

    assert_eq!(
        decision_kinds(&reading),
        strings(&e["decisions"]),
        "{file}: decisions {:#?}",
        reading.decisions
    );
    assert_eq!(reading.needs_decision(), !reading.decisions.is_empty());
    reading
}

#[test]
fn leading_context_columns_satuan_and_indicator_rows() {
    check("leading_context.xlsx");
}

#[test]
fn quarters_as_k_pct_rp_thousands_split_kode_banner_and_unit_row() {
    check("quarters_thousands.xlsx");
}

#[test]
fn rkpd_wording_code_in_name_float_noise_text_amounts_div0_total_and_signature() {
    check("rkpd_wording.xlsx");
}

#[test]
fn hidden_sheet_and_pre2019_tree_with_quarters_k_only() {
    check("hidden_pre2019.xlsx");
}

#[test]
fn header_without_data_rows_is_a_located_message_and_a_decision() {
    let reading = check("header_no_data.xlsx");
    let p = reading
        .import
        .problems
        .iter()
        .find(|p| p.code == "tanpa_baris_data")
        .expect("problem");
    assert!(p.message.contains("tidak ada baris data"), "{}", p.message);
    assert_eq!(p.at.cell.as_deref(), Some("A7"));
}

#[test]
fn unlabelled_money_asks_instead_of_reading_rp_0_then_reads_the_choice_exactly() {
    let reading = check("money_unlabelled.xlsx");
    let e = expected("money_unlabelled.expected.json");
    // The guesses offered for the columns of numbers without a role.
    for d in &reading.decisions {
        if let capaian_xlsx::Decision::KolomTanpaPeran { letter, guess, .. } = d {
            let want = e["decision_guesses"][letter.as_str()]
                .as_str()
                .map(|f| ColumnRole::Field { field: field_of(f) });
            assert_eq!(*guess, want, "guess for {letter}");
        }
    }
    assert!(reading
        .decisions
        .iter()
        .any(|d| d.message().contains("Rp 0")));
    // The person confirms the guesses.
    let after = &e["after_decision"];
    let options = ReadOptions {
        columns: after["columns"]
            .as_object()
            .unwrap()
            .iter()
            .map(|(l, f)| ColumnOverride {
                col: reading
                    .mapping
                    .columns
                    .iter()
                    .find(|c| &c.letter == l)
                    .expect("column")
                    .col,
                role: ColumnRole::Field {
                    field: field_of(f.as_str().unwrap()),
                },
                scale: None,
            })
            .collect(),
        ..ReadOptions::default()
    };
    let bytes = std::fs::read(dir().join("money_unlabelled.xlsx")).unwrap();
    let decided =
        read_for_review_with(&bytes, &Limits::default(), &FormProfile::e81(), &options).unwrap();
    check_rows("money_unlabelled (decided)", &decided, &after["rows"]);
    assert_eq!(decision_kinds(&decided), strings(&after["decisions"]));
    // The same layout next quarter: the remembered mapping reads it in one step.
    let again = read_for_review_with(
        &bytes,
        &Limits::default(),
        &FormProfile::e81(),
        &decided.mapping.as_options(),
    )
    .unwrap();
    assert_eq!(again.import.document, decided.import.document);
    assert_eq!(again.mapping.signature, reading.mapping.signature);
    assert!(!again.needs_decision());
}

#[test]
fn a_rows_level_can_be_set_by_the_person() {
    let bytes = std::fs::read(dir().join("hidden_pre2019.xlsx")).unwrap();
    let options = ReadOptions {
        columns: Vec::new(),
        levels: vec![capaian_xlsx::LevelOverride {
            sheet_row: 9,
            level: Level::SubKegiatan,
        }],
        ..ReadOptions::default()
    };
    let r =
        read_for_review_with(&bytes, &Limits::default(), &FormProfile::e81(), &options).unwrap();
    let levels: Vec<Level> = r.import.document.rows.iter().map(|r| r.level).collect();
    assert_eq!(
        levels,
        [
            Level::Program,
            Level::Kegiatan,
            Level::SubKegiatan,
            Level::Program,
            Level::Kegiatan
        ]
    );
}

#[test]
fn legacy_xls_reads_like_its_xlsx() {
    let xls = check("legacy_quarters_thousands.xls");
    let bytes = std::fs::read(dir().join("quarters_thousands.xlsx")).unwrap();
    let xlsx = read_for_review(&bytes, &Limits::default()).unwrap();
    assert_eq!(xls.import.document, xlsx.import.document);
    // Same layout, same signature: a mapping remembered from one applies to the other.
    assert_eq!(xls.mapping.signature, xlsx.mapping.signature);
    check("legacy_rkpd_wording.xls");
}

#[test]
fn existing_fixtures_need_no_decision() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/xlsx");
    for name in [
        "e81_101.xlsx",
        "e81_102.xlsx",
        "e81_103.xlsx",
        "e81_104.xlsx",
    ] {
        let bytes = std::fs::read(fixtures.join(name)).unwrap();
        let r = read_for_review(&bytes, &Limits::default()).unwrap();
        assert!(!r.needs_decision(), "{name}: {:#?}", r.decisions);
        assert!(
            r.mapping
                .columns
                .iter()
                .all(|c| c.confidence != capaian_xlsx::Confidence::Low),
            "{name}: {:#?}",
            r.mapping.columns
        );
    }
}

#[test]
fn problems_are_grouped_one_entry_per_cause() {
    let mut problems: Vec<Problem> = (11..98)
        .map(|r| Problem {
            severity: Severity::Warning,
            code: "kolom_14_berbeda".into(),
            message: format!("Sheet 'E81' sel K{r}: kolom 14 berbeda dari perhitungan"),
            at: capaian_domain::model::Location {
                sheet: Some("E81".into()),
                cell: Some(format!("K{r}")),
                row: Some(r as usize - 11),
                field: Some(Field::C14K),
            },
        })
        .collect();
    problems.push(Problem {
        severity: Severity::Error,
        code: "bukan_angka".into(),
        message: "Sheet 'E81' sel M12: 'abc' bukan angka".into(),
        at: capaian_domain::model::Location {
            sheet: Some("E81".into()),
            cell: Some("M12".into()),
            row: Some(1),
            field: Some(Field::TargetRp),
        },
    });
    let groups = group_problems(&problems);
    assert_eq!(groups.len(), 2);
    let g = &groups[0];
    assert_eq!((g.count, g.cells.len()), (87, 87));
    assert_eq!(g.column.as_deref(), Some("K"));
    assert!(g.message.contains("87 sel: K11, K12, K13"), "{}", g.message);
    assert_eq!(groups[1].message, "Sheet 'E81' sel M12: 'abc' bukan angka");
}

#[test]
fn a_file_that_is_not_a_workbook_is_a_typed_error() {
    let e = read_for_review(b"bukan workbook", &Limits::default()).unwrap_err();
    assert!(e.to_string().contains("bukan workbook Excel"), "{e}");
    // A damaged .xls (compound-file magic, nothing after it) is refused, never a panic.
    let mut fake = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    fake.extend(std::iter::repeat_n(0u8, 600));
    let e = read_for_review(&fake, &Limits::default()).unwrap_err();
    assert!(e.to_string().contains(".xls"), "{e}");
}

#[test]
fn kode_over_two_columns_total_row_and_footer() {
    check("kode_two_columns.xlsx");
}

#[test]
fn kode_title_merged_over_two_columns_without_labels() {
    check("kode_merged.xlsx");
}

#[test]
fn merged_group_titles_without_sub_labels_read_k_and_rp_by_position() {
    let r = check("money_merged.xlsx");
    let f = r.mapping.columns.iter().find(|c| c.letter == "F").unwrap();
    assert_eq!(
        f.confidence,
        capaian_xlsx::Confidence::Medium,
        "{:?}",
        f.evidence
    );
}

#[test]
fn kode_title_written_once_asks_for_the_second_part_then_reads_exactly() {
    let e = expected("kode_title_once.expected.json");
    let bytes = std::fs::read(dir().join("kode_title_once.xlsx")).unwrap();
    let reading = read_for_review(&bytes, &Limits::default()).unwrap();
    assert_eq!(decision_kinds(&reading), strings(&e["decisions"]));
    let mut options = ReadOptions::default();
    for d in &reading.decisions {
        if let capaian_xlsx::Decision::KolomTanpaPeran {
            col, letter, guess, ..
        } = d
        {
            let want: ColumnRole =
                serde_json::from_value(e["decision_guesses"][letter.as_str()].clone())
                    .expect("guess json");
            assert_eq!(guess.as_ref(), Some(&want), "guess for {letter}");
            options.columns.push(ColumnOverride {
                col: *col,
                role: want,
                scale: None,
            });
        }
    }
    let decided =
        read_for_review_with(&bytes, &Limits::default(), &FormProfile::e81(), &options).unwrap();
    let base = expected(e["same_rows_as"].as_str().unwrap());
    check_rows("kode_title_once (decided)", &decided, &base["rows"]);
    assert!(!decided.needs_decision(), "{:#?}", decided.decisions);
}

#[test]
fn the_first_rows_are_shown_as_the_sheet_has_them_with_what_they_became() {
    use capaian_xlsx::RowReading;
    let bytes = std::fs::read(dir().join("quarters_thousands.xlsx")).unwrap();
    let r = read_for_review(&bytes, &Limits::default()).unwrap();
    let rows: Vec<(u32, &RowReading)> = r
        .preview
        .iter()
        .map(|p| (p.sheet_row, &p.read_as))
        .collect();
    assert_eq!(
        rows,
        [
            (
                10,
                &RowReading::Baris {
                    index: 0,
                    level: Level::Program
                }
            ),
            (
                11,
                &RowReading::Baris {
                    index: 1,
                    level: Level::Kegiatan
                }
            ),
            (
                12,
                &RowReading::Baris {
                    index: 2,
                    level: Level::SubKegiatan
                }
            ),
            (
                13,
                &RowReading::Baris {
                    index: 3,
                    level: Level::SubKegiatan
                }
            ),
            (15, &RowReading::Akhir),
        ]
    );
    // The cells as written: the kegiatan row's kode part, its K with the unit, its amount in
    // thousands as the sheet shows it.
    let kegiatan = &r.preview[1].cells;
    assert!(kegiatan.contains(&(6, "2.01".to_string())), "{kegiatan:?}");
    assert!(
        kegiatan.contains(&(9, "75 Dokumen".to_string())),
        "{kegiatan:?}"
    );
    assert!(
        kegiatan.contains(&(10, "6000000".to_string())),
        "{kegiatan:?}"
    );
    // The review serialises for the mapping page.
    let json = serde_json::json!({
        "mapping": r.mapping,
        "decisions": r.decisions,
        "problems": r.problem_groups,
        "preview": r.preview,
    });
    assert_eq!(json["mapping"]["columns"][0]["label"], "Nomor — abaikan");
}

mod common;

/// K and Rp swapped by a template: every amount sits under K and the Rp columns hold 0.
/// Totals of zero while the sheet holds amounts is a mapping question, not an import.
#[test]
fn zero_totals_while_the_sheet_holds_amounts_need_a_decision() {
    use common::{e81_header, sheet_xml, workbook, C};
    let mut rows = e81_header(false);
    rows.push((
        9,
        vec![
            (
                "C",
                C::S("PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA"),
            ),
            ("D", C::S("Persentase layanan penunjang yang terpenuhi")),
            ("I", C::N(1_500_000_000.0)),
            ("J", C::N(0.0)),
            ("K", C::N(250_000_000.0)),
            ("L", C::N(0.0)),
        ],
    ));
    rows.push((
        10,
        vec![
            ("C", C::S("PROGRAM KEPEGAWAIAN DAERAH")),
            ("D", C::S("Persentase ASN yang kompeten")),
            ("I", C::N(750_000_000.0)),
            ("J", C::N(0.0)),
            ("K", C::N(125_500_000.0)),
            ("L", C::N(0.0)),
        ],
    ));
    let bytes = workbook(&[("E81", sheet_xml(&rows))]);
    let r = read_for_review(&bytes, &Limits::default()).unwrap();
    assert_eq!(
        decision_kinds(&r),
        ["total_nol", "peran_tidak_pasti", "peran_tidak_pasti"],
        "{:#?}",
        r.decisions
    );
    let uncertain: Vec<&str> = r
        .decisions
        .iter()
        .filter_map(|d| match d {
            capaian_xlsx::Decision::PeranTidakPasti { letter, .. } => Some(letter.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(uncertain, ["I", "K"]);
    let j = r.mapping.columns.iter().find(|c| c.letter == "J").unwrap();
    assert!(
        j.evidence.iter().any(|e| e.contains("semuanya 0")),
        "{:?}",
        j.evidence
    );
}

/// `(dalam ribuan rupiah)` under the title: every Rp column is in thousands.
#[test]
fn a_scale_stated_in_the_title_applies_to_every_money_column() {
    use common::{e81_header, sheet_xml, workbook, C};
    let mut rows = e81_header(false);
    rows.insert(2, (3, vec![("A", C::S("(dalam ribuan rupiah)"))]));
    rows.push((
        9,
        vec![
            ("C", C::S("PROGRAM KEPEGAWAIAN DAERAH")),
            ("D", C::S("Persentase ASN yang kompeten")),
            ("I", C::N(80.0)),
            ("J", C::N(1_500_000.5)),
            ("K", C::N(20.0)),
            ("L", C::N(250_000.125)),
        ],
    ));
    let bytes = workbook(&[("E81", sheet_xml(&rows))]);
    let r = read_for_review(&bytes, &Limits::default()).unwrap();
    let row = &r.import.document.rows[0];
    assert_eq!(
        row.target.rp,
        Some(Decimal::from_str("1500000500").unwrap())
    );
    assert_eq!(row.tw[0].rp, Some(Decimal::from_str("250000125").unwrap()));
    assert!(r
        .import
        .problems
        .iter()
        .any(|p| p.code == "skala_dari_judul"));
    assert_eq!(
        r.mapping.column_of(Field::TargetRp).and_then(|c| c.scale),
        Some(Decimal::from(1000))
    );
    assert!(!r.needs_decision(), "{:#?}", r.decisions);
}

#[test]
fn seed002_untitled_target_and_second_renja_title_told_apart_by_the_numbering_row() {
    let r = check("seed002_layout.xlsx");
    let i = r.mapping.columns.iter().find(|c| c.letter == "I").unwrap();
    assert_eq!(
        i.confidence,
        capaian_xlsx::Confidence::Medium,
        "{:?}",
        i.evidence
    );
    let u = r.mapping.columns.iter().find(|c| c.letter == "U").unwrap();
    assert!(
        u.evidence.iter().any(|e| e.contains("13 = 6 + 12")),
        "{:?}",
        u.evidence
    );
}

/// A damaged `.xls` (bytes flipped, cut short) is refused or read, never a panic; so is a
/// damaged real-layout `.xlsx`.
#[test]
fn damaged_legacy_and_real_layout_files_never_panic() {
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for name in [
        "legacy_quarters_thousands.xls",
        "legacy_rkpd_wording.xls",
        "seed002_layout.xlsx",
        "quarters_thousands.xlsx",
    ] {
        let original = std::fs::read(dir().join(name)).unwrap();
        for round in 0..60 {
            let mut bytes = original.clone();
            if round % 3 == 0 {
                let cut = (next() as usize) % bytes.len();
                bytes.truncate(cut.max(8));
            } else {
                for _ in 0..(1 + round % 7) {
                    let i = (next() as usize) % bytes.len();
                    bytes[i] ^= (next() as u8) | 1;
                }
            }
            let outcome = std::panic::catch_unwind(|| {
                let _ = read_for_review(&bytes, &Limits::default());
            });
            assert!(outcome.is_ok(), "{name} round {round}: panic");
        }
    }
}

/// The same workbooks opened and saved by LibreOffice Calc (shared strings, its styles and
/// merges, the calamine path instead of the inline-string scanner) read identically.
#[test]
fn libreoffice_saved_copies_read_the_same() {
    for name in ["quarters_thousands", "seed002_layout", "leading_context"] {
        let lo = check(&format!("lo_{name}.xlsx"));
        let bytes = std::fs::read(dir().join(format!("{name}.xlsx"))).unwrap();
        let original = read_for_review(&bytes, &Limits::default()).unwrap();
        assert_eq!(lo.import.document, original.import.document, "{name}");
        assert_eq!(lo.decisions, original.decisions, "{name}");
    }
}

/// Kode parts typed as numbers (`5 | 3 | 2`, the leading zeros lost) still make `5.03.02`.
#[test]
fn kode_parts_typed_as_numbers_keep_their_width() {
    use common::{sheet_xml, workbook, C};
    let rows = vec![
        (
            1,
            vec![(
                "A",
                C::S("EVALUASI TERHADAP HASIL RENJA PERANGKAT DAERAH LINGKUP KOTA CONTOH"),
            )],
        ),
        (
            2,
            vec![("A", C::S("Periode Pelaksanaan: Triwulan 1 Tahun 2025"))],
        ),
        (
            4,
            vec![
                ("A", C::S("Kode")),
                ("E", C::S("Program/Kegiatan/Sub Kegiatan")),
                ("F", C::S("Indikator Kinerja")),
                (
                    "G",
                    C::S("Target Kinerja dan Anggaran Renja Tahun Berjalan"),
                ),
                ("I", C::S("Realisasi Kinerja Pada Triwulan")),
                ("M", C::S("Keterangan")),
            ],
        ),
        (
            5,
            vec![
                ("A", C::S("Urusan")),
                ("B", C::S("Bidang")),
                ("C", C::S("Program")),
                ("D", C::S("Kegiatan")),
                ("G", C::S("K")),
                ("H", C::S("Rp")),
                ("I", C::S("I")),
                ("J", C::S("II")),
                ("K", C::S("III")),
                ("L", C::S("IV")),
            ],
        ),
        (
            6,
            vec![
                ("A", C::N(5.0)),
                ("B", C::N(3.0)),
                ("C", C::N(2.0)),
                ("E", C::S("PROGRAM KEPEGAWAIAN DAERAH")),
                ("F", C::S("Persentase ASN yang kompeten")),
                ("G", C::N(80.0)),
                ("H", C::N(1_500_000_000.0)),
                ("I", C::N(20.0)),
            ],
        ),
        (
            7,
            vec![
                ("D", C::S("2.01")),
                (
                    "E",
                    C::S("Pengadaan, Pemberhentian dan Informasi Kepegawaian ASN"),
                ),
                ("F", C::S("Jumlah dokumen")),
                ("G", C::N(15.0)),
                ("H", C::N(1_500_000_000.0)),
                ("I", C::N(4.0)),
            ],
        ),
    ];
    let bytes = workbook(&[("E81", sheet_xml(&rows))]);
    let r = read_for_review(&bytes, &Limits::default()).unwrap();
    let kodes: Vec<Option<&str>> = r
        .import
        .document
        .rows
        .iter()
        .map(|r| r.kode.as_deref())
        .collect();
    assert_eq!(kodes, [Some("5.03.02"), Some("5.03.02.2.01")]);
    assert!(!r.needs_decision(), "{:#?}", r.decisions);
}

/// A short numbering row the header finder does not take for one (four numbers) and one
/// repeated on a page break are read past, never as a program row.
#[test]
fn numbering_rows_in_the_data_are_never_program_rows() {
    use common::{sheet_xml, workbook, C};
    let numbers = |r: u32| {
        (
            r,
            vec![
                ("A", C::S("1")),
                ("B", C::S("2")),
                ("C", C::S("3")),
                ("D", C::S("4")),
            ],
        )
    };
    let rows = vec![
        (
            1,
            vec![(
                "A",
                C::S("EVALUASI TERHADAP HASIL RENJA PERANGKAT DAERAH LINGKUP KOTA CONTOH"),
            )],
        ),
        (
            3,
            vec![
                ("A", C::S("No")),
                ("B", C::S("Program/Kegiatan/Sub Kegiatan")),
                ("C", C::S("Indikator Kinerja")),
                (
                    "D",
                    C::S("Target Kinerja dan Anggaran Renja Tahun Berjalan"),
                ),
                ("F", C::S("Realisasi Kinerja Pada Triwulan")),
                ("J", C::S("Keterangan")),
            ],
        ),
        (
            4,
            vec![
                ("D", C::S("K")),
                ("E", C::S("Rp")),
                ("F", C::S("I")),
                ("G", C::S("II")),
                ("H", C::S("III")),
                ("I", C::S("IV")),
            ],
        ),
        numbers(5),
        (
            6,
            vec![
                ("B", C::S("PROGRAM KEPEGAWAIAN DAERAH")),
                ("C", C::S("Persentase ASN yang kompeten")),
                ("D", C::N(80.0)),
                ("E", C::N(1_500_000_000.0)),
            ],
        ),
        numbers(7),
        (
            8,
            vec![
                (
                    "B",
                    C::S("PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA"),
                ),
                ("C", C::S("Persentase layanan penunjang")),
                ("D", C::N(100.0)),
                ("E", C::N(2_500_000_000.0)),
            ],
        ),
    ];
    let bytes = workbook(&[("E81", sheet_xml(&rows))]);
    let r = read_for_review(&bytes, &Limits::default()).unwrap();
    let names: Vec<&str> = r
        .import
        .document
        .rows
        .iter()
        .map(|r| r.name.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "PROGRAM KEPEGAWAIAN DAERAH",
            "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA"
        ]
    );
    assert!(r.import.problems.is_empty(), "{:#?}", r.import.problems);
}

// ---------------------------------------------------------------------------------------------
// The national nomenclature (`ReadOptions::nomenklatur`): the `nomenklatur_*` fixtures, each
// read as usual (`check`), then with the nomenclature against its `nomenklatur` section.

fn kode_sumber_key(s: Option<KodeSource>) -> Option<&'static str> {
    s.map(|s| match s {
        KodeSource::Found => "found",
        KodeSource::Confirmed => "confirmed",
    })
}

fn read_with(file: &str, options: &ReadOptions) -> Reading {
    let bytes = std::fs::read(dir().join(file)).expect("fixture");
    read_for_review_with(&bytes, &Limits::default(), &FormProfile::e81(), options)
        .unwrap_or_else(|err| panic!("{file}: {err}"))
}

/// Every row's code and where it came from; every problem (code → cells) located with its
/// sheet and cell in the message; the suggestions.
fn check_nomenklatur_reading(ctx: &str, r: &Reading, e: &Value) {
    let rows = e["rows"].as_array().expect("nomenklatur rows");
    assert_eq!(r.import.document.rows.len(), rows.len(), "{ctx}: rows");
    for (row, want) in r.import.document.rows.iter().zip(rows) {
        assert_eq!(
            u64::from(row.sheet_row),
            want["sheet_row"].as_u64().unwrap(),
            "{ctx}"
        );
        assert_eq!(
            (row.kode.as_deref(), kode_sumber_key(row.kode_sumber)),
            (want["kode"].as_str(), want["kode_sumber"].as_str()),
            "{ctx}: kode of sheet row {}",
            row.sheet_row
        );
    }
    let mut cells: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    for p in &r.import.problems {
        let cell = p.at.cell.clone().unwrap_or_default();
        assert_eq!(p.at.sheet.as_deref(), Some("E.81"), "{ctx}: {p:?}");
        assert!(
            p.message.starts_with(&format!("Sheet 'E.81' sel {cell}: ")),
            "{ctx}: {}",
            p.message
        );
        cells.entry(p.code.clone()).or_default().push(cell);
    }
    let want: std::collections::BTreeMap<String, Vec<String>> = e["problem_cells"]
        .as_object()
        .expect("problem_cells")
        .iter()
        .map(|(code, c)| (code.clone(), strings(c)))
        .collect();
    assert_eq!(cells, want, "{ctx}: problems {:#?}", r.import.problems);
    if let Some(messages) = e["messages"].as_object() {
        for (code, words) in messages {
            let p = r.import.problems.iter().find(|p| &p.code == code).unwrap();
            for w in strings(words) {
                assert!(p.message.contains(&w), "{ctx}: '{w}' in {}", p.message);
            }
        }
    }
    if let Some(groups) = e["groups"].as_object() {
        for (code, message) in groups {
            let g = r.problem_groups.iter().find(|g| &g.code == code).unwrap();
            assert_eq!(Some(g.message.as_str()), message.as_str(), "{ctx}");
        }
    }
    let suggested: Vec<Value> = r
        .kode_suggestions
        .iter()
        .map(|s| {
            let row = &r.import.document.rows[s.row];
            assert_eq!((row.sheet_row, &row.name), (s.sheet_row, &s.name), "{ctx}");
            assert!(s.candidates.iter().all(|c| !c.name.is_empty()), "{ctx}");
            serde_json::json!({
                "sheet_row": s.sheet_row,
                "level": level_name(s.level),
                "exact": s.exact,
                "candidates": s.candidates.iter().map(|c| serde_json::json!([c.kode, c.score])).collect::<Vec<_>>(),
            })
        })
        .collect();
    assert_eq!(
        Value::Array(suggested),
        e["kode_suggestions"],
        "{ctx}: kode suggestions"
    );
}

fn check_nomenklatur(file: &str) -> Reading {
    let plain = check(file);
    let e = expected(
        Path::new(file)
            .with_extension("expected.json")
            .to_str()
            .unwrap(),
    );
    let n = &e["nomenklatur"];
    let options = ReadOptions {
        nomenklatur: true,
        ..ReadOptions::default()
    };
    let r = read_with(file, &options);
    assert_eq!(
        r.jenis_pemda.map(JenisPemda::key),
        n["jenis_pemda"].as_str(),
        "{file}: jenis"
    );
    check_nomenklatur_reading(file, &r, n);
    let indicators: Vec<IndicatorSuggestion> =
        serde_json::from_value(n["indicator_suggestions"].clone()).expect("indicator json");
    assert_eq!(r.indicator_suggestions, indicators, "{file}");
    // Only codes are written: names, indicators, units and values stay as the sheet has them,
    // and the mapping asks the same questions.
    let strip = |doc: &capaian_domain::model::Document| {
        let mut d = doc.clone();
        for row in &mut d.rows {
            row.kode = row.kode_raw.as_deref().and_then(|k| kode::normalize(k).0);
            row.kode_sumber = None;
        }
        d
    };
    assert_eq!(
        strip(&r.import.document),
        strip(&plain.import.document),
        "{file}"
    );
    assert_eq!(decision_kinds(&r), decision_kinds(&plain), "{file}");
    assert_eq!(r.mapping.signature, plain.mapping.signature, "{file}");
    // Read without the nomenclature, nothing of it.
    assert!(plain.kode_suggestions.is_empty() && plain.indicator_suggestions.is_empty());
    assert_eq!(plain.jenis_pemda, None);
    r
}

#[test]
fn names_that_are_the_nomenclatures_give_their_code_marked_found() {
    let r = check_nomenklatur("nomenklatur_names_exact.xlsx");
    // The codes found travel with the document, marked, through the JSON the store keeps.
    let json = capaian_xlsx::json::document_json(&r.import.document);
    assert_eq!(json["rows"][0]["kode_sumber"], "found");
    assert_eq!(json["rows"][0]["kode_raw"], Value::Null);
    let back = capaian_xlsx::json::document_from_json(&json).expect("json back");
    assert_eq!(back, r.import.document);
    let serde = serde_json::to_value(&r.import.document).unwrap();
    assert_eq!(serde["rows"][0]["kode_sumber"], "found");
    // The person's choices for a layout are remembered without the codes of one file.
    let remembered = r.mapping.as_options();
    assert!(remembered.kodes.is_empty() && !remembered.nomenklatur);
}

#[test]
fn close_names_are_suggestions_the_person_confirms() {
    let r = check_nomenklatur("nomenklatur_near_miss.xlsx");
    let e = expected("nomenklatur_near_miss.expected.json");
    let confirmed = &e["nomenklatur"]["confirmed"];
    let kodes: Vec<KodeOverride> = confirmed["kodes"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(row, kode)| KodeOverride {
            sheet_row: row.parse().unwrap(),
            kode: kode.as_str().unwrap().to_string(),
        })
        .collect();
    // Each choice is one of the codes suggested for its row, under its confirmed parent.
    for k in &kodes {
        let s = r
            .kode_suggestions
            .iter()
            .find(|s| s.sheet_row == k.sheet_row)
            .expect("a suggestion for each row chosen");
        let placeholder = |c: &str| c.split('.').skip(2).collect::<Vec<_>>().join(".");
        assert!(
            s.candidates
                .iter()
                .any(|c| placeholder(&c.kode) == placeholder(&k.kode)),
            "{k:?} in {s:?}"
        );
    }
    let options = ReadOptions {
        nomenklatur: true,
        kodes,
        ..ReadOptions::default()
    };
    let decided = read_with("nomenklatur_near_miss.xlsx", &options);
    check_nomenklatur_reading("near miss (confirmed)", &decided, confirmed);
    // The options the mapping page sends are JSON.
    let json = serde_json::to_value(&options).unwrap();
    assert_eq!(json["nomenklatur"], true);
    assert!(json["kodes"]
        .as_array()
        .unwrap()
        .contains(&serde_json::json!({"sheet_row": 7, "kode": "5.03.01"})));
    let back: ReadOptions = serde_json::from_value(json).unwrap();
    assert_eq!(back, options);
    let old: ReadOptions = serde_json::from_str(r#"{"columns": [], "levels": []}"#).unwrap();
    assert_eq!(old, ReadOptions::default());
}

#[test]
fn codes_the_nomenclature_replaced_name_their_new_code_and_stay_as_stated() {
    check_nomenklatur("nomenklatur_old_code.xlsx");
}

#[test]
fn codes_not_in_the_nomenclature_are_one_group_at_their_kode_cells() {
    check_nomenklatur("nomenklatur_unknown_code.xlsx");
}

#[test]
fn a_chosen_code_is_honoured_without_the_nomenclature_and_a_bad_one_is_said() {
    let options = ReadOptions {
        kodes: vec![
            KodeOverride {
                sheet_row: 9,
                kode: " x.xx.01.206.0001".into(),
            },
            KodeOverride {
                sheet_row: 12,
                kode: "1.1.1".into(),
            },
            KodeOverride {
                sheet_row: 99,
                kode: "5.03.02".into(),
            },
        ],
        ..ReadOptions::default()
    };
    let r = read_with("nomenklatur_near_miss.xlsx", &options);
    let rows = &r.import.document.rows;
    assert_eq!(rows[2].kode.as_deref(), Some("X.XX.01.2.06.0001"));
    assert_eq!(rows[2].kode_sumber, Some(KodeSource::Confirmed));
    assert_eq!(rows[5].kode, None);
    let got: Vec<(&str, Option<&str>)> = r
        .import
        .problems
        .iter()
        .map(|p| (p.code.as_str(), p.at.cell.as_deref()))
        .collect();
    assert_eq!(
        got,
        [
            ("kode_diperbaiki", Some("C9")),
            ("kode_placeholder", Some("C9")),
            ("kode_tidak_baku", Some("C12")),
            ("kode_pilihan_tanpa_baris", None),
        ],
        "{:#?}",
        r.import.problems
    );
    assert!(r.kode_suggestions.is_empty());
}

#[test]
fn the_seed_002_table_without_codes_gets_them_from_the_nomenclature() {
    // A real BKPSDM E.81 (seed 002): every name but one is the nomenclature's; 'Penyediaan
    // Gaji dan Tunjangan' (without 'ASN') is a suggestion.
    let options = ReadOptions {
        nomenklatur: true,
        ..ReadOptions::default()
    };
    let r = read_with("seed002_layout.xlsx", &options);
    let codes: Vec<(u32, Option<&str>)> = r
        .import
        .document
        .rows
        .iter()
        .map(|row| (row.sheet_row, row.kode.as_deref()))
        .collect();
    assert_eq!(
        codes,
        [
            (9, Some("X.XX.01")),
            (10, Some("X.XX.01.2.02")),
            (11, None),
            (12, Some("X.XX.01.2.02.0005")),
            (13, Some("X.XX.01.2.02.0007")),
            (14, Some("X.XX.01.2.03")),
            (15, Some("X.XX.01.2.03.0005")),
        ]
    );
    assert_eq!(r.kode_suggestions.len(), 1);
    let s = &r.kode_suggestions[0];
    assert_eq!((s.sheet_row, s.exact), (11, false));
    assert_eq!(s.candidates[0].kode, "X.XX.01.2.02.0001");
    assert_eq!(s.candidates[0].name, "Penyediaan Gaji dan Tunjangan ASN");
}
