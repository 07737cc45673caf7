//! `capaian import FILE --json` on every fixture workbook, against its `.expected.json`
//! (values computed independently of Capaian).

use std::path::PathBuf;
use std::process::Command;

use rust_decimal::Decimal;
use serde_json::Value;
use std::str::FromStr;

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/xlsx")
}

fn import_json(file: &std::path::Path) -> Value {
    let output = Command::new(env!("CARGO_BIN_EXE_capaian"))
        .arg("import")
        .arg(file)
        .arg("--json")
        .output()
        .expect("run capaian import");
    assert!(
        output.status.success(),
        "{}: {}",
        file.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("JSON on stdout")
}

/// Decimal strings compared exactly as decimals ("54.90" = "54.9"); null = null.
fn same_number(actual: &Value, expected: &Value) -> bool {
    match (actual.as_str(), expected.as_str()) {
        (Some(a), Some(e)) => match (Decimal::from_str(a), Decimal::from_str(e)) {
            (Ok(a), Ok(e)) => a == e,
            _ => a == e,
        },
        _ => actual.is_null() && expected.is_null(),
    }
}

#[test]
fn every_fixture_imports_to_its_expected_values() {
    let mut checked = 0;
    for entry in std::fs::read_dir(fixtures()).expect("fixtures") {
        let path = entry.expect("entry").path();
        if path.extension().and_then(|e| e.to_str()) != Some("xlsx") {
            continue;
        }
        let expected: Value = serde_json::from_str(
            &std::fs::read_to_string(path.with_extension("expected.json")).expect("expected"),
        )
        .expect("expected JSON");
        let actual = import_json(&path);
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();

        assert_eq!(actual["form"], "E.81", "{name}");
        assert_eq!(actual["sheet"], expected["layout"]["sheet"], "{name}");
        assert_eq!(actual["year"], expected["meta"]["year"], "{name}");
        assert_eq!(actual["quarter"], expected["meta"]["quarter"], "{name}");
        let rows = actual["rows"].as_array().expect("rows");
        let expected_rows = expected["rows"].as_array().expect("expected rows");
        assert_eq!(
            rows[0]["row"], expected["layout"]["first_data_row"],
            "{name}: first data row"
        );
        for (i, exp) in expected_rows.iter().enumerate() {
            let got = &rows[i];
            let at = format!("{name} row {i} (sheet row {})", got["row"]);
            assert_eq!(got["level"], exp["level"], "{at}");
            // A sheet without a Kode column states no codes: Capaian does not invent them.
            if expected["variant"]["with_kode"] == true {
                assert_eq!(got["kode"], exp["kode"], "{at}");
            } else {
                assert!(got["kode"].is_null(), "{at}");
            }
            assert_eq!(got["name"], exp["name"], "{at}");
            assert!(
                same_number(&got["target"]["rp"], &exp["target_rp"]),
                "{at} target"
            );
            for q in 0..4 {
                assert!(
                    same_number(&got["tw"][q]["rp"], &exp["tw_rp"][q]),
                    "{at} tw{q}"
                );
            }
            let c = &got["computed"];
            assert!(
                same_number(&c["c12"]["rp"], &exp["col12_rp"]),
                "{at} c12 {c}"
            );
            assert!(
                same_number(&c["c13"]["rp"], &exp["col13_rp_pct"]),
                "{at} c13 {c}"
            );
            assert!(
                same_number(&c["c14"]["rp"], &exp["col14_rp"]),
                "{at} c14 {c}"
            );
            assert!(
                same_number(&c["c15"]["rp"], &exp["col15_rp_pct"]),
                "{at} c15 {c}"
            );
        }
        assert!(
            same_number(
                &actual["totals"]["target_rp"],
                &expected["totals"]["target_rp"]
            ),
            "{name}: {}",
            actual["totals"]
        );
        assert!(
            same_number(
                &actual["totals"]["realisasi_rp"],
                &expected["totals"]["realisasi_rp"]
            ),
            "{name}: {}",
            actual["totals"]
        );
        checked += 1;
    }
    assert_eq!(checked, 5, "all five fixture workbooks");
}

#[test]
fn a_file_that_is_not_a_workbook_fails_with_an_indonesian_message() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bogus = dir.path().join("laporan.xlsx");
    std::fs::write(&bogus, "ini bukan excel").expect("write");
    let output = Command::new(env!("CARGO_BIN_EXE_capaian"))
        .arg("import")
        .arg(&bogus)
        .arg("--json")
        .output()
        .expect("run");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("bukan workbook Excel"), "{stderr}");
    assert!(output.stdout.is_empty());
}
