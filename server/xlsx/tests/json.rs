//! The import JSON: shape, number formatting, problem cells, and the round trip
//! document → JSON → document.

use capaian_domain::e81::{compute, E81Settings};
use capaian_domain::model::{Document, Grade, KValue, Level, Narasi, NilaiRencana, Pair, Row};
use capaian_xlsx::json::{document_from_json, document_json, import_json, write_import_json};
use capaian_xlsx::{read_path, JsonError, Limits};
use rust_decimal::Decimal;
use serde_json::Value;

fn fixture(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/xlsx")
        .join(name)
}

#[test]
fn import_json_shape_and_numbers() {
    let imp = read_path(fixture("e81_101.xlsx"), &Limits::default()).unwrap();
    let (c, probs) = compute(&imp.document, &E81Settings::default());
    let v = import_json(&imp, &c, &probs);
    assert_eq!(v["form"], "E.81");
    assert_eq!(v["sheet"], "Sheet1");
    assert_eq!(v["year"], 2026);
    assert_eq!(v["quarter"], 2);
    let r0 = &v["rows"][0];
    assert_eq!(r0["row"], 10);
    assert_eq!(r0["level"], "program");
    assert_eq!(r0["kode"], Value::Null);
    assert_eq!(r0["unit"], "%");
    assert_eq!(r0["target"]["k"], "100");
    assert_eq!(r0["target"]["rp"], "6248538344");
    assert_eq!(r0["tw"][0]["k"], "11.55");
    assert_eq!(r0["tw"][0]["rp"], "721957596.6");
    assert_eq!(r0["tw"][2]["k"], Value::Null);
    assert_eq!(r0["computed"]["c12"]["rp"], "1558365647.52");
    assert_eq!(r0["computed"]["c13"]["rp"], "24.94");
    assert_eq!(r0["computed"]["c15"]["rp"], "54.90");
    assert_eq!(v["rows"][2]["level"], "sub_kegiatan");
    assert_eq!(v["rows"][2]["computed"]["c12"]["k"], "47");
    assert_eq!(v["totals"]["target_rp"], "7818054344");
    assert_eq!(v["totals"]["realisasi_rp"], "2048212157.52");
    assert!(v["totals"]["penyerapan_pct"].as_str().is_some_and(|s| s
        .split('.')
        .nth(1)
        .map(str::len)
        == Some(2)));
    // Every problem has sheet, cell, severity and message; compute problems got a cell.
    let problems = v["problems"].as_array().unwrap();
    assert_eq!(problems.len(), imp.problems.len() + probs.len());
    for p in problems {
        assert_eq!(p["sheet"], "Sheet1", "{p}");
        assert!(p["severity"].is_string() && p["message"].is_string(), "{p}");
    }
    for (p, located) in probs.iter().zip(imp.locate(&probs)) {
        if let (Some(row), Some(field)) = (p.at.row, p.at.field) {
            if imp.layout.column(field).is_some() {
                let r = imp.document.rows[row].sheet_row;
                let cell = located.at.cell.clone().unwrap();
                assert!(cell.ends_with(&r.to_string()), "{cell} for row {r}");
                assert_eq!(Some(cell), imp.cell_of(row, field));
            }
        }
    }
    // The streaming writer produces the same JSON.
    let mut buf = Vec::new();
    write_import_json(&mut buf, &imp, &c, &probs).unwrap();
    let streamed: Value = serde_json::from_slice(&buf).unwrap();
    assert_eq!(streamed, v);
}

#[test]
fn fixtures_round_trip_through_json() {
    for name in [
        "e81_101.xlsx",
        "e81_102.xlsx",
        "e81_103.xlsx",
        "e81_104.xlsx",
    ] {
        let imp = read_path(fixture(name), &Limits::default()).unwrap();
        let back = document_from_json(&document_json(&imp.document)).unwrap();
        assert_eq!(back, imp.document, "{name} via document_json");
        let (c, probs) = compute(&imp.document, &E81Settings::default());
        let back = document_from_json(&import_json(&imp, &c, &probs)).unwrap();
        assert_eq!(back, imp.document, "{name} via import_json");
    }
}

fn row(level: Level, k: Option<KValue>) -> Row {
    Row {
        name: "Nama".into(),
        indicator: "Ind".into(),
        target: Pair {
            k,
            rp: Some("1.250".parse().unwrap()),
        },
        ..Row::empty(level)
    }
}

#[test]
fn grades_text_and_scaled_numbers_round_trip() {
    let doc = Document {
        form: "E.81".into(),
        sheet: "E.81".into(),
        year: Some(2024),
        quarter: Some(4),
        region: None,
        pd: Some("BKPSDM".into()),
        rows: vec![
            row(
                Level::Program,
                Some(KValue::Grade {
                    grade: Grade::BB,
                    score: Some("71.51".parse().unwrap()),
                }),
            ),
            row(
                Level::Kegiatan,
                Some(KValue::Grade {
                    grade: Grade::AA,
                    score: None,
                }),
            ),
            row(Level::SubKegiatan, Some(KValue::Text("Baik sekali".into()))),
            row(
                Level::Indikator,
                Some(KValue::Number("1.250".parse::<Decimal>().unwrap())),
            ),
        ],
    };
    let v = document_json(&doc);
    assert_eq!(v["rows"][0]["target"]["k"], "BB (71,51)");
    assert_eq!(v["rows"][3]["target"]["k"], "1.250");
    assert_eq!(document_from_json(&v).unwrap(), doc);
}

/// The plan's values E.81 does not print travel under `rencana`, decimals as strings, and are
/// left out while all empty.
#[test]
fn plan_values_round_trip_under_rencana() {
    let mut r = row(Level::SubKegiatan, None);
    r.rencana = NilaiRencana {
        sasaran: "Meningkatnya kompetensi ASN".into(),
        lokasi: "Kec. Tikep".into(),
        sumber_dana: "DAU".into(),
        catatan_penting: String::new(),
        maju: Pair {
            k: Some(KValue::Number("95".parse().unwrap())),
            rp: Some("1500000000.50".parse().unwrap()),
        },
        triwulan: [
            Pair {
                k: None,
                rp: Some("250000000".parse().unwrap()),
            },
            Pair::default(),
            Pair {
                k: Some(KValue::Text("Tersusun".into())),
                rp: None,
            },
            Pair {
                k: None,
                rp: Some(Decimal::ZERO),
            },
        ],
        bulan: {
            let mut b = [None; 12];
            b[3] = Some("50000000.25".parse().unwrap());
            b[11] = Some(Decimal::ZERO);
            b
        },
    };
    let doc = Document {
        form: "E.81".into(),
        rows: vec![r, row(Level::SubKegiatan, None)],
        ..Document::default()
    };
    let v = document_json(&doc);
    let p = &v["rows"][0]["rencana"];
    assert_eq!(p["lokasi"], "Kec. Tikep");
    assert_eq!(p["sasaran"], "Meningkatnya kompetensi ASN");
    assert_eq!(p["maju"]["rp"], "1500000000.50");
    assert_eq!(p["triwulan"][0]["rp"], "250000000");
    assert_eq!(p["triwulan"][1]["rp"], Value::Null);
    assert_eq!(p["triwulan"][3]["rp"], "0");
    assert_eq!(p["triwulan"][2]["k"], "Tersusun");
    assert!(p.get("catatan_penting").is_none());
    assert_eq!(p["bulan"][3], "50000000.25");
    assert_eq!(p["bulan"][0], Value::Null);
    assert_eq!(p["bulan"][11], "0");
    assert!(v["rows"][1].get("rencana").is_none());
    assert_eq!(document_from_json(&v).unwrap(), doc);
    let mut bad = v.clone();
    bad["rows"][0]["rencana"]["triwulan"] = serde_json::json!([{}, {}, {}, {}, {}]);
    let err = document_from_json(&bad).unwrap_err();
    assert!(
        err.to_string().contains("rows[0].rencana.triwulan"),
        "{err}"
    );
    let mut bad = v.clone();
    bad["rows"][0]["rencana"]["bulan"][2] = serde_json::json!("12,5,0");
    let err = document_from_json(&bad).unwrap_err();
    assert!(
        err.to_string().contains("rows[0].rencana.bulan[2]"),
        "{err}"
    );
    // Without months, no `bulan`.
    let mut plain = doc.clone();
    plain.rows[0].rencana.bulan = [None; 12];
    assert!(document_json(&plain)["rows"][0]["rencana"]
        .get("bulan")
        .is_none());
}

#[test]
fn narasi_round_trips_and_defaults_to_empty() {
    let mut r = row(Level::SubKegiatan, None);
    r.narasi[1] = Narasi {
        pendorong: "Dukungan pimpinan".into(),
        penghambat: "Anggaran terlambat".into(),
        tindak_lanjut: "Percepat lelang".into(),
        keterangan: "TW II".into(),
    };
    let doc = Document {
        form: "E.81".into(),
        rows: vec![r, row(Level::SubKegiatan, None)],
        ..Document::default()
    };
    let v = document_json(&doc);
    let n = &v["rows"][0]["narasi"];
    assert_eq!(n.as_array().map(Vec::len), Some(4));
    assert_eq!(n[0]["pendorong"], "");
    assert_eq!(n[1]["pendorong"], "Dukungan pimpinan");
    assert_eq!(n[1]["penghambat"], "Anggaran terlambat");
    assert_eq!(n[1]["tindak_lanjut"], "Percepat lelang");
    assert_eq!(n[1]["keterangan"], "TW II");
    // All empty: left out, and read back as empty.
    assert_eq!(v["rows"][1].get("narasi"), None);
    assert_eq!(document_from_json(&v).unwrap(), doc);
    let mut bad = v.clone();
    bad["rows"][0]["narasi"][2] = "teks".into();
    let e = document_from_json(&bad).unwrap_err();
    assert!(e.to_string().contains("$.rows[0].narasi[2]"), "{e}");
}

#[test]
fn edited_json_errors_name_the_path() {
    let imp = read_path(fixture("e81_103.xlsx"), &Limits::default()).unwrap();
    let mut v = document_json(&imp.document);
    v["rows"][2]["level"] = "cabang".into();
    let e = document_from_json(&v).unwrap_err();
    assert!(
        matches!(&e, JsonError::Invalid { path, .. } if path == "$.rows[2].level"),
        "{e:?}"
    );
    let mut v = document_json(&imp.document);
    v["rows"][1]["tw"][0]["rp"] = "12,5,0".into();
    let e = document_from_json(&v).unwrap_err();
    assert!(e.to_string().contains("$.rows[1].tw[0].rp"), "{e}");
    // An edit that is valid comes back.
    let mut v = document_json(&imp.document);
    v["rows"][1]["tw"][0]["rp"] = "123.45".into();
    let d = document_from_json(&v).unwrap();
    assert_eq!(d.rows[1].tw[0].rp, Some("123.45".parse().unwrap()));
}
