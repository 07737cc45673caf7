//! `capaian import FILE --json` on every fixture workbook, against its `.expected.json`
//! (values computed independently of Capaian).

use std::path::PathBuf;
use std::process::Command;

mod common;
use common::import_json;
use rust_decimal::Decimal;
use serde_json::Value;
use std::str::FromStr;

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/xlsx")
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
        // A copy saved again by LibreOffice (`…_libreoffice.xlsx`) must read as its original.
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default();
        let original = stem.strip_suffix("_libreoffice").unwrap_or(stem);
        let expected: Value = serde_json::from_str(
            &std::fs::read_to_string(path.with_file_name(format!("{original}.expected.json")))
                .expect("expected"),
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
            for (col, key) in [
                ("c12", "col12_rp"),
                ("c13", "col13_rp_pct"),
                ("c14", "col14_rp"),
                ("c15", "col15_rp_pct"),
            ] {
                assert!(same_number(&c[col]["rp"], &exp[key]), "{at} {col} {c}");
            }
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
    assert_eq!(
        checked, 6,
        "all five fixture workbooks and the LibreOffice-saved copy of big_900"
    );
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

/// The JSON with every decimal string normalised (`"23.30"` → `"23.3"`), to compare values.
fn numeric(v: &Value) -> Value {
    match v {
        Value::String(s) => match Decimal::from_str(s) {
            Ok(d) => Value::String(d.normalize().to_string()),
            Err(_) => v.clone(),
        },
        Value::Array(items) => Value::Array(items.iter().map(numeric).collect()),
        Value::Object(map) => {
            Value::Object(map.iter().map(|(k, v)| (k.clone(), numeric(v))).collect())
        }
        other => other.clone(),
    }
}

fn capaian(args: &[&std::ffi::OsStr]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_capaian"))
        .args(args)
        .output()
        .expect("run capaian")
}

fn os<S: AsRef<std::ffi::OsStr> + ?Sized>(s: &S) -> &std::ffi::OsStr {
    s.as_ref()
}

#[test]
fn export_writes_an_official_form_that_reads_back_to_the_same_values() {
    let dir = tempfile::tempdir().expect("tempdir");
    for name in ["e81_101", "e81_104"] {
        let source = fixtures().join(format!("{name}.xlsx"));
        let out = dir.path().join(format!("{name}-resmi.xlsx"));
        let output = capaian(&[
            os("export"),
            os(&source),
            os("--out"),
            os(&out),
            os("--kertas"),
            os("a4"),
        ]);
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let original = import_json(&source);
        let exported = import_json(&out);
        assert_eq!(exported["form"], "E.81");
        assert_eq!(exported["year"], original["year"], "{name}");
        assert_eq!(exported["quarter"], original["quarter"], "{name}");
        assert_eq!(
            numeric(&exported["totals"]),
            numeric(&original["totals"]),
            "{name}"
        );
        let (a, b) = (
            original["rows"].as_array().expect("rows"),
            exported["rows"].as_array().expect("rows"),
        );
        assert_eq!(a.len(), b.len(), "{name}");
        for (x, y) in a.iter().zip(b) {
            for key in ["level", "name", "indicator", "tw", "computed"] {
                assert_eq!(
                    numeric(&x[key]),
                    numeric(&y[key]),
                    "{name}: {key} of {}",
                    x["name"]
                );
            }
        }
    }
}

#[test]
fn fill_writes_edited_values_into_the_agency_template() {
    let dir = tempfile::tempdir().expect("tempdir");
    let template = fixtures().join("e81_103.xlsx");
    let mut doc = import_json(&template);
    // Edit TW IV of the first sub kegiatan: K and Rp.
    let rows = doc["rows"].as_array_mut().expect("rows");
    let row = rows
        .iter_mut()
        .find(|r| r["level"] == "sub_kegiatan")
        .expect("a sub kegiatan");
    row["tw"][3] = serde_json::json!({ "k": "5", "rp": "1000000.50" });
    let sheet_row = row["row"].clone();
    let expected_c12: Decimal = row["tw"]
        .as_array()
        .expect("tw")
        .iter()
        .filter_map(|p| p["rp"].as_str())
        .map(|s| Decimal::from_str(s).expect("rp"))
        .sum();
    let data = dir.path().join("dokumen.json");
    std::fs::write(&data, serde_json::to_vec(&doc).expect("json")).expect("write");
    let out = dir.path().join("diisi.xlsx");
    let output = capaian(&[
        os("fill"),
        os(&template),
        os("--data"),
        os(&data),
        os("--out"),
        os(&out),
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );

    let filled = import_json(&out);
    let got = filled["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .find(|r| r["row"] == sheet_row)
        .expect("same row");
    assert_eq!(
        numeric(&got["tw"][3]),
        serde_json::json!({ "k": "5", "rp": "1000000.5" })
    );
    let c12 = Decimal::from_str(got["computed"]["c12"]["rp"].as_str().expect("c12")).expect("c12");
    assert_eq!(c12, expected_c12);
    // The rest of the document is unchanged.
    let original = import_json(&template);
    for (a, b) in original["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .zip(filled["rows"].as_array().expect("rows"))
    {
        if a["row"] != sheet_row {
            assert_eq!(numeric(&a["tw"]), numeric(&b["tw"]), "{}", a["name"]);
        }
    }
}

#[test]
fn fill_refuses_a_document_that_does_not_match_the_template() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut doc = import_json(&fixtures().join("e81_101.xlsx"));
    doc["rows"][0]["row"] = serde_json::json!(99_999);
    let data = dir.path().join("dokumen.json");
    std::fs::write(&data, serde_json::to_vec(&doc).expect("json")).expect("write");
    let out = dir.path().join("diisi.xlsx");
    let output = capaian(&[
        os("fill"),
        os(&fixtures().join("e81_101.xlsx")),
        os("--data"),
        os(&data),
        os("--out"),
        os(&out),
    ]);
    assert!(!output.status.success());
    assert!(!out.exists(), "nothing written");
    assert!(!String::from_utf8_lossy(&output.stderr).trim().is_empty());
}

fn sipd(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/sipd")
        .join(name)
}

/// A workbook with no E.81 sheet that is a SIPD export is read as one (issue 15): the report
/// names what it is and gives the file's totals (its expected JSON, worked out by hand), the
/// JSON names the form and holds every node; a table that is neither is refused with the E.81
/// reader's reason and a non-zero exit.
#[test]
fn a_sipd_export_is_read_as_one_on_the_command_line() {
    let file = sipd("rekap_belanja_bidang.xlsx");
    let expected: Value = serde_json::from_str(
        &std::fs::read_to_string(sipd("rekap_belanja_bidang.expected.json")).expect("expected"),
    )
    .expect("json");
    let out = capaian(&["import".as_ref(), file.as_os_str()]);
    assert!(out.status.success(), "{out:?}");
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert!(text.starts_with("SIPD rekapitulasi belanja"), "{text}");
    let rupiah = |v: &Value| {
        let d = Decimal::from_str(v.as_str().expect("amount")).expect("decimal");
        capaian_domain::num::format_id(d, if d.fract().is_zero() { 0 } else { 2 })
    };
    assert!(
        text.contains(&format!(
            "Anggaran: Rp {}",
            rupiah(&expected["total"]["anggaran"])
        )),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "Realisasi: Rp {}",
            rupiah(&expected["total"]["realisasi"])
        )),
        "{text}"
    );
    assert!(
        text.contains("Sheet 'Induk lama': "),
        "a sheet's note names no cell: {text}"
    );

    let out = capaian(&["import".as_ref(), file.as_os_str(), "--json".as_ref()]);
    assert!(out.status.success(), "{out:?}");
    let json: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(json["formulir"], "SIPD rekapitulasi belanja");
    let rows = json["anggaran"]["baris"].as_array().expect("rows");
    let nodes = expected["nodes"].as_array().expect("nodes").len();
    let rekening = expected["rekening"].as_u64().expect("rekening") as usize;
    assert_eq!(rows.len(), nodes + rekening);

    // The real Muna Barat Renja is read as what it is, a Renja; a table that is none of the
    // forms is refused with the E.81 reader's reason.
    let renja = sipd("munabarat_renja_program_kegiatan_2018.xlsx");
    let out = capaian(&["import".as_ref(), renja.as_os_str()]);
    assert!(out.status.success(), "{out:?}");
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert!(
        text.starts_with("Renja — rencana program dan kegiatan"),
        "{text}"
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let other = dir.path().join("daftar_pegawai.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["No", "Nama Pegawai", "NIP", "Jabatan"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).expect("cell");
        sheet.write_string(1, c as u16, "x").expect("cell");
    }
    book.save(&other).expect("save");
    let out = capaian(&["import".as_ref(), other.as_os_str()]);
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr).expect("utf-8");
    assert!(err.contains("Tidak ditemukan sheet Formulir E.81"), "{err}");
}

/// `capaian periksa` an E.81 and the same agency's SIPD realisasi (issue 16's first identity,
/// with what Capaian reads today): every pagu and every realisasi through TW II stated
/// differently is listed with both cells, and the exit status is non-zero. The counts are
/// worked out here from the two fixtures' hand-written expected JSON (rows matched by name, as
/// the E.81 states no codes); the first line's cells from the two sheets' layouts.
#[test]
fn periksa_lists_every_figure_an_e81_and_a_sipd_export_state_differently() {
    let e81 = fixtures().join("e81_101.xlsx");
    let rekap = sipd("realisasi_e81_101_sd_juni.xlsx");
    let read = |p: PathBuf| -> Value {
        serde_json::from_str(&std::fs::read_to_string(p).expect("expected")).expect("json")
    };
    let e81_json = read(fixtures().join("e81_101.expected.json"));
    let sipd_json = read(sipd("realisasi_e81_101_sd_juni.expected.json"));
    let d = |v: &Value| v.as_str().map(|s| Decimal::from_str(s).expect("decimal"));
    let (mut pagu, mut realisasi) = (0, 0);
    for row in e81_json["rows"].as_array().expect("rows") {
        // The E.81's two-digit sub kegiatan are SIPD's four.
        let kode = row["kode"].as_str().expect("kode");
        let segs: Vec<&str> = kode.split('.').collect();
        let four = if segs.len() == 6 {
            format!("{}.00{}", segs[..5].join("."), segs[5])
        } else {
            kode.to_string()
        };
        let node = sipd_json["nodes"]
            .as_array()
            .expect("nodes")
            .iter()
            .find(|n| n["kode"] == four.as_str())
            .expect("every E.81 row is in the SIPD export");
        pagu += usize::from(d(&row["target_rp"]) != d(&node["anggaran"]));
        let through: Decimal = row["tw_rp"].as_array().expect("tw")[..2]
            .iter()
            .filter_map(d)
            .sum();
        realisasi += usize::from(Some(through) != d(&node["realisasi"]));
    }
    let out = capaian(&["periksa".as_ref(), e81.as_os_str(), rekap.as_os_str()]);
    assert!(!out.status.success(), "{out:?}");
    let text = String::from_utf8(out.stdout).expect("utf-8");
    for line in [
        "Realisasi dibandingkan s.d. Triwulan II (periode berkas SIPD).".to_string(),
        "14 baris cocok; 1 hanya di SIPD; 0 hanya di E.81.".into(),
        format!("Pagu (kolom 7 Rp) berbeda di {pagu} baris:"),
        format!("Realisasi s.d. Triwulan II berbeda di {realisasi} baris:"),
        // Program 5.03.01: E.81 row 10 (data from row 10), SIPD row 9 (5.03 on row 8).
        "E.81 'Sheet1'!J10 Rp 6.248.538.344 · SIPD 'Realisasi'!C9 Rp 6.288.533.222 (selisih Rp 39.994.878)".into(),
        "Hanya di SIPD: 5.03.02.2.04.0008 Pengelolaan Penyelesaian Pelanggaran Disiplin ASN".into(),
    ] {
        assert!(text.contains(&line), "{line}\n{text}");
    }
    let err = String::from_utf8(out.stderr).expect("utf-8");
    assert!(
        err.contains(&format!("{} hal tidak sepakat", pagu + realisasi + 1)),
        "{err}"
    );
    // The same as JSON, for scripts.
    let out = capaian(&[
        "periksa".as_ref(),
        e81.as_os_str(),
        rekap.as_os_str(),
        "--json".as_ref(),
    ]);
    assert!(!out.status.success());
    let json: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(json["tidak_sepakat"], pagu + realisasi + 1);
    let pair = &json["pasangan"][0];
    assert_eq!(pair["triwulan"], 2);
    assert_eq!(pair["cocok"], 14);
    let selisih = pair["selisih"].as_array().expect("selisih");
    assert_eq!(selisih.len(), pagu + realisasi);
    let first = &selisih[0];
    assert_eq!(
        (&first["jenis"], &first["e81_sel"], &first["sipd_sel"]),
        (
            &Value::from("pagu"),
            &Value::from("'Sheet1'!J10"),
            &Value::from("'Realisasi'!C9")
        )
    );
    assert!(same_number(&first["e81"], &Value::from("6248538344")));
    assert!(same_number(&first["sipd"], &Value::from("6288533222")));
    assert!(same_number(&first["selisih"], &Value::from("39994878")));
    assert_eq!(
        pair["hanya_sipd"][0]["baris"],
        "5.03.02.2.04.0008 Pengelolaan Penyelesaian Pelanggaran Disiplin ASN"
    );
    // One file alone: nothing to compare, nothing disagrees.
    let out = capaian(&["periksa".as_ref(), e81.as_os_str()]);
    assert!(out.status.success(), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("Tidak ada yang dibandingkan"));
}

fn renja_fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/renja")
        .join(name)
}

/// A Renja on the command line (issue 15): `import` reports it (and `--json` names the form
/// and gives the table and its sums), `export` writes the official form with live sums, and
/// `periksa` compares it with an E.81: every target and pagu stated differently, with both
/// cells, and a non-zero exit.
#[test]
fn a_renja_is_read_exported_and_checked_against_the_e81() {
    use capaian_domain::model::{KValue, Level};
    // Seed 002's Tabel 5.1 (a Renja Perubahan): its JUMLAH row is not the sum of its rows.
    let file = renja_fixture("renja_002_tabel_5_1.xlsx");
    let out = capaian(&["import".as_ref(), file.as_os_str()]);
    assert!(out.status.success(), "{out:?}");
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert!(
        text.starts_with("Renja Perubahan — rencana program dan kegiatan"),
        "{text}"
    );
    // The sub kegiatan of seed 002's CSV summed by hand (python over the CSV): 2024 and 2025.
    assert!(text.contains("Pagu indikatif: Rp 18.251.813.925"), "{text}");
    assert!(
        text.contains("Pagu prakiraan maju: Rp 16.293.004.663"),
        "{text}"
    );
    assert!(
        text.contains("Baris Jumlah"),
        "the JUMLAH row's problem: {text}"
    );
    let out = capaian(&["import".as_ref(), file.as_os_str(), "--json".as_ref()]);
    assert!(out.status.success(), "{out:?}");
    let json: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(json["formulir"], "Renja");
    assert_eq!(json["renja"]["cetakan"], "perubahan");
    assert!(same_number(
        &json["hitung"]["jumlah_perubahan"],
        &Value::from("18251813925")
    ));
    assert!(json["masalah"]
        .as_array()
        .expect("masalah")
        .iter()
        .any(|p| p["code"] == "jumlah_berkas"));

    // The official form: the Jumlah row a live sum with our total cached.
    let dir = tempfile::tempdir().expect("tempdir");
    let resmi = dir.path().join("renja-resmi.xlsx");
    let out = capaian(&[os("export"), os(&file), os("--out"), os(&resmi)]);
    assert!(out.status.success(), "{out:?}");
    let bytes = std::fs::read(&resmi).expect("written");
    let read = capaian_xlsx::renja::read_renja(&bytes, &capaian_xlsx::Limits::default())
        .expect("the export reads back as a Renja");
    let (h, _) = capaian_domain::renja::hitung(&read.renja);
    assert_eq!(
        h.jumlah_perubahan,
        Some(Decimal::from_str("18251813925").expect("decimal"))
    );

    // Against an E.81: the Renja of e81_101's rows, one pagu and one target changed.
    let e81 = fixtures().join("e81_101.xlsx");
    let doc = capaian_xlsx::read_path(&e81, &capaian_xlsx::Limits::default())
        .expect("e81")
        .document;
    let mut rows = doc.rows.clone();
    let sub = rows
        .iter()
        .position(|r| r.level == Level::SubKegiatan && r.target.rp.is_some())
        .expect("a sub kegiatan");
    rows[sub].target.rp = Some(Decimal::from(123_456_789));
    let prog = rows
        .iter()
        .position(|r| matches!(r.target.k, Some(KValue::Number(_))))
        .expect("a numeric target");
    rows[prog].target.k = Some(KValue::Number(Decimal::from(42)));
    let renja = dir.path().join("renja.xlsx");
    std::fs::write(
        &renja,
        common::renja_berkas::renja_workbook(doc.year.expect("year"), &rows),
    )
    .expect("write");
    let out = capaian(&["periksa".as_ref(), e81.as_os_str(), renja.as_os_str()]);
    assert!(!out.status.success(), "{out:?}");
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert!(text.contains("Renja '"), "{text}");
    let out = capaian(&[
        "periksa".as_ref(),
        e81.as_os_str(),
        renja.as_os_str(),
        "--json".as_ref(),
    ]);
    let json: Value = serde_json::from_slice(&out.stdout).expect("json");
    let pair = &json["pasangan_renja"][0];
    let selisih = pair["selisih"].as_array().expect("selisih");
    let jenis: Vec<&str> = selisih.iter().filter_map(|s| s["jenis"].as_str()).collect();
    assert_eq!(selisih.len(), 2, "{selisih:?}");
    assert!(
        jenis.contains(&"pagu") && jenis.contains(&"target"),
        "{jenis:?}"
    );
    let pagu = selisih.iter().find(|s| s["jenis"] == "pagu").expect("pagu");
    assert_eq!(pagu["renja"], "123.456.789,00", "as the Renja prints it");
    // The Renja's pagu cell: its sheet row (data from row 8) in the pagu column F.
    assert_eq!(pagu["renja_sel"], format!("'Tabel 5.1'!F{}", sub + 8));
    assert_eq!(json["tidak_sepakat"], 2);

    // The other way: the agency's Renja filled with the E.81's column 7 (the document as
    // `import --json` gives it): the changed pagu and target go back to the E.81's, and then
    // the two files agree.
    let data = dir.path().join("e81.json");
    std::fs::write(&data, serde_json::to_vec(&import_json(&e81)).expect("json")).expect("write");
    let diisi = dir.path().join("renja-diisi.xlsx");
    let out = capaian(&[
        os("fill"),
        os(&renja),
        os("--data"),
        os(&data),
        os("--out"),
        os(&diisi),
    ]);
    assert!(out.status.success(), "{out:?}");
    let read = capaian_xlsx::renja::read_renja(
        &std::fs::read(&diisi).expect("filled"),
        &capaian_xlsx::Limits::default(),
    )
    .expect("the filled Renja reads");
    // Its rows: the bidang and unit rows, then the E.81's from sheet row 8.
    let at = |i: usize| &read.renja.baris[i + 2];
    assert_eq!(
        at(sub).murni.pagu,
        doc.rows[sub].target.rp,
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(at(prog).murni.target, doc.rows[prog].target.k);
    let out = capaian(&["periksa".as_ref(), e81.as_os_str(), diisi.as_os_str()]);
    assert!(out.status.success(), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("Sepakat: target dan pagu sama"));
}

/// A Perjanjian Kinerja on the command line (issue 14): `import` reports it (`--json` names the
/// form `perjanjian_kinerja`, gives its rows under the form's keys, Σ anggaran and its terbilang
/// and the problems at their cells), `export` writes the signed document with a live Jumlah.
#[test]
fn a_pk_is_read_and_exported() {
    // Seed 000's Tabel 2.5: the murni total under the perubahan amounts (ANALYSIS.md item 2).
    let file = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/pk/pk_varian_satu_lembar.xlsx");
    let out = capaian(&["import".as_ref(), file.as_os_str()]);
    assert!(out.status.success(), "{out:?}");
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert!(text.starts_with("Perjanjian Kinerja Tahun 2025"), "{text}");
    assert!(
        text.contains("Jumlah anggaran: Rp 54.569.071.524"),
        "{text}"
    );
    assert!(text.contains("Baris Jumlah anggaran"), "{text}");
    let out = capaian(&["import".as_ref(), file.as_os_str(), "--json".as_ref()]);
    assert!(out.status.success(), "{out:?}");
    let json: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(json["formulir"], "perjanjian_kinerja");
    assert_eq!(json["pk"]["versi"], "murni");
    let first = &json["pk"]["kinerja"][0];
    assert_eq!(
        first["sasaran"],
        "Tersedianya Aparatur Sipil Negara yang memenuhi standar kompetensi"
    );
    assert_eq!(first["satuan"], "Persen");
    assert!(same_number(&first["target"]["value"], &Value::from("35")));
    let program = &json["pk"]["anggaran"][1];
    assert_eq!(program["kode"], "5.03.02");
    assert!(same_number(
        &program["anggaran"],
        &Value::from("6129770144")
    ));
    assert!(same_number(
        &json["hitung"]["jumlah"],
        &Value::from("54569071524")
    ));
    let masalah: Vec<(&str, &str)> = json["masalah"]
        .as_array()
        .expect("masalah")
        .iter()
        .map(|p| {
            (
                p["code"].as_str().unwrap_or(""),
                p["at"]["cell"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        masalah,
        vec![("jumlah_berkas", "D15"), ("terbilang_salah", "C16")]
    );

    let dir = tempfile::tempdir().expect("tempdir");
    let resmi = dir.path().join("pk-resmi.xlsx");
    let out = capaian(&[os("export"), os(&file), os("--out"), os(&resmi)]);
    assert!(out.status.success(), "{out:?}");
    let bytes = std::fs::read(&resmi).expect("written");
    let read = capaian_xlsx::read_pk(&bytes, &capaian_xlsx::Limits::default())
        .expect("the export reads back as a PK");
    assert_eq!(
        read.pk.jumlah.map(|j| j.nilai),
        Some(Decimal::from_str("54569071524").expect("decimal"))
    );
    assert!(
        read.problems
            .iter()
            .all(|p| p.severity < capaian_domain::model::Severity::Warning),
        "{:?}",
        read.problems
    );

    // The other way: the agency's own PK filled with a document's anggaran (the PK's own rows
    // as E.81 rows, one program's anggaran changed): that cell, the sums above it, the
    // Jumlah and its terbilang follow; the rest of the workbook as it was.
    let asli = std::fs::read(&file).expect("fixture");
    let pk = capaian_xlsx::read_pk(&asli, &capaian_xlsx::Limits::default())
        .expect("reads")
        .pk;
    let mut doc = capaian_domain::gabung::berkas_pk(&pk);
    // The deepest row with an anggaran (this PK lists programs only): a leaf.
    let deepest = doc
        .rows
        .iter()
        .filter(|r| r.target.rp.is_some())
        .map(|r| r.level)
        .max()
        .expect("rows with an anggaran");
    let sub = doc
        .rows
        .iter()
        .position(|r| r.level == deepest && r.target.rp.is_some())
        .expect("a leaf");
    let was = doc.rows[sub].target.rp.expect("its anggaran");
    let tambah = Decimal::from_str("1000000").expect("decimal");
    doc.rows[sub].target.rp = Some(was + tambah);
    let data = dir.path().join("dokumen.json");
    std::fs::write(
        &data,
        serde_json::to_vec(&capaian_xlsx::json::document_json(&doc)).expect("json"),
    )
    .expect("written");
    let diisi = dir.path().join("pk-diisi.xlsx");
    let out = capaian(&[
        os("fill"),
        os(&file),
        os("--data"),
        os(&data),
        os("--out"),
        os(&diisi),
    ]);
    assert!(out.status.success(), "{out:?}");
    let filled = capaian_xlsx::read_pk(
        &std::fs::read(&diisi).expect("filled"),
        &capaian_xlsx::Limits::default(),
    )
    .expect("the filled PK reads");
    let kode = doc.rows[sub].kode.clone();
    let row = filled
        .pk
        .anggaran
        .iter()
        .find(|r| r.kode == kode)
        .expect("the changed row");
    assert_eq!(row.anggaran, Some(was + tambah));
    let jumlah: Decimal = filled
        .pk
        .anggaran
        .iter()
        .filter(|r| r.kode.as_deref().is_some_and(|k| k.split('.').count() == 3))
        .filter(|r| r.anggaran.is_some())
        .filter_map(|r| r.anggaran)
        .sum();
    assert_eq!(filled.pk.jumlah.map(|j| j.nilai), Some(jumlah));
    assert!(
        !filled.problems.iter().any(|p| p.code == "terbilang_salah"),
        "{:?}",
        filled.problems
    );
}

/// The laporan capaian kinerja dan keuangan and the rencana aksi on the command line (issue
/// 14): `import --json` names the form kind (`laporan_triwulan`, `rencana_aksi`); `export`
/// writes the same form's official sheet, which reads back as that form with the same values;
/// `fill` writes a changed realisasi into the agency's own laporan. Seed 004's tables.
#[test]
fn a_laporan_and_a_rencana_aksi_are_read_exported_and_filled() {
    let fixture = |dir: &str, name: &str| {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("../tests/fixtures/{dir}/{name}"))
    };
    let dir = tempfile::tempdir().expect("tempdir");
    for (file, form, profile) in [
        (
            fixture(
                "laporan",
                "tabel_3_2_8_capaian_kinerja_keuangan_program_pengembangan_sdm_sd_tw2.xlsx",
            ),
            "laporan_triwulan",
            capaian_xlsx::FormProfile::laporan(),
        ),
        (
            fixture(
                "rencana_aksi",
                "tabel_2_7_target_triwulan_program_pengembangan_sdm.xlsx",
            ),
            "rencana_aksi",
            capaian_xlsx::FormProfile::rencana_aksi(),
        ),
    ] {
        let out = capaian(&[os("import"), os(&file), os("--json")]);
        assert!(out.status.success(), "{out:?}");
        let json: Value = serde_json::from_slice(&out.stdout).expect("json");
        assert_eq!(json["form"], form, "{}", file.display());
        let limits = capaian_xlsx::Limits::default();
        let read = capaian_xlsx::read_workbook_with(
            &std::fs::read(&file).expect("fixture"),
            &limits,
            &profile,
        )
        .expect("reads");
        let resmi = dir.path().join(format!("{form}-resmi.xlsx"));
        let out = capaian(&[os("export"), os(&file), os("--out"), os(&resmi)]);
        assert!(out.status.success(), "{out:?}");
        let back = capaian_xlsx::read_workbook_with(
            &std::fs::read(&resmi).expect("written"),
            &limits,
            &profile,
        )
        .expect("the export reads back as the same form");
        assert_eq!(back.document.form, form);
        assert_eq!(back.document.rows.len(), read.document.rows.len());
        for (a, b) in back.document.rows.iter().zip(&read.document.rows) {
            assert_eq!(a.tw, b.tw, "{form}: {}", a.name);
            assert_eq!(a.rencana.triwulan, b.rencana.triwulan, "{form}: {}", a.name);
        }
    }

    // The agency's own file filled with its document, one value changed by `edit`: read
    // back with the form's profile.
    let fill = |file: &PathBuf,
                profile: &capaian_xlsx::FormProfile,
                edit: &dyn Fn(&mut Value) -> usize| {
        let out = capaian(&[os("import"), os(file), os("--json")]);
        let mut json: Value = serde_json::from_slice(&out.stdout).expect("json");
        let row = edit(&mut json);
        let data = dir.path().join(format!("{}.json", profile.form));
        std::fs::write(&data, serde_json::to_vec(&json).expect("json")).expect("written");
        let diisi = dir.path().join(format!("{}-diisi.xlsx", profile.form));
        let out = capaian(&[
            os("fill"),
            os(file),
            os("--data"),
            os(&data),
            os("--out"),
            os(&diisi),
        ]);
        assert!(out.status.success(), "{out:?}");
        let filled = capaian_xlsx::read_workbook_with(
            &std::fs::read(&diisi).expect("filled"),
            &capaian_xlsx::Limits::default(),
            profile,
        )
        .expect("the filled file reads as its form");
        filled.document.rows[row].clone()
    };
    // The first sub kegiatan whose `path` holds a value.
    let first_sub = |json: &Value, path: &[&str]| {
        json["rows"]
            .as_array()
            .expect("rows")
            .iter()
            .position(|r| {
                let v = path.iter().fold(r, |v, k| match k.parse::<usize>() {
                    Ok(i) => &v[i],
                    Err(_) => &v[*k],
                });
                r["level"] == "sub_kegiatan" && !v.is_null()
            })
            .expect("a sub kegiatan with that value")
    };
    let number = |n: i64| Some(capaian_domain::model::KValue::Number(Decimal::from(n)));
    // A laporan: a TW II realisasi changed.
    let laporan = fill(
        &fixture(
            "laporan",
            "tabel_3_2_8_capaian_kinerja_keuangan_program_pengembangan_sdm_sd_tw2.xlsx",
        ),
        &capaian_xlsx::FormProfile::laporan(),
        &|json| {
            let sub = first_sub(json, &["tw", "1", "k"]);
            json["rows"][sub]["tw"][1]["k"] = Value::from("120");
            sub
        },
    );
    assert_eq!(laporan.tw[1].k, number(120));
    // A rencana aksi: a TW I target changed.
    let rencana_aksi = fill(
        &fixture(
            "rencana_aksi",
            "tabel_2_7_target_triwulan_program_pengembangan_sdm.xlsx",
        ),
        &capaian_xlsx::FormProfile::rencana_aksi(),
        &|json| {
            let sub = first_sub(json, &["rencana", "triwulan", "0", "k"]);
            json["rows"][sub]["rencana"]["triwulan"][0]["k"] = Value::from("7");
            sub
        },
    );
    assert_eq!(rencana_aksi.rencana.triwulan[0].k, number(7));
}

/// Two T-C.29 of consecutive years (seed 001's, Renja 2025, and the same agency's of 2026,
/// `tests/fixtures/tc29/tc29_001_2026.xlsx`): the later one's column 5 (realisasi s.d. 2023) is
/// held to the earlier one's columns 5 + 7 (counts) or 7 (levels), row by row. Of the five rows
/// both print, the two typed otherwise are reported, each with both values at its sheet row;
/// the three that agree are not.
#[test]
fn periksa_holds_a_tc29_to_the_one_of_the_year_before() {
    let tc29 = |name: &str| {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../tests/fixtures/tc29")
            .join(name)
    };
    let (lalu, ini) = (tc29("tc29_001.xlsx"), tc29("tc29_001_2026.xlsx"));
    let out = capaian(&["periksa".as_ref(), ini.as_os_str(), lalu.as_os_str()]);
    assert!(!out.status.success(), "{out:?}");
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let found: Vec<&str> = text
        .lines()
        .filter(|l| {
            l.starts_with("  Kolom 5 terhadap T-C.29 Renja 2025 (")
                && l.contains("tc29_001.xlsx): ")
        })
        .collect();
    assert_eq!(found.len(), 2, "{text}");
    assert!(
        found[0].contains("'T-C.29' baris 9: Kolom 5 'Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah — Nilai SAKIP Perangkat Daerah' (realisasi s.d. 2023) 65 berbeda dengan realisasi s.d. 2023 menurut T-C.29 Renja 2025")
            && found[0].ends_with("65,16"),
        "{}",
        found[0]
    );
    assert!(
        found[1].contains("'T-C.29' baris 12: Kolom 5 'Koordinasi dan Pelaksanaan Akuntansi SKPD — Jumlah Dok penatausahaan keuangan yang terverifikasi' (realisasi s.d. 2023) 400 berbeda")
            && found[1].ends_with("485"),
        "{}",
        found[1]
    );
    // The later table's own columns 8, 10 and 11 follow their formulas: those two are all its
    // findings. The earlier one has no year before it among the files.
    let findings_2026 = text
        .lines()
        .skip_while(|l| !l.contains("tc29_001_2026.xlsx (T-C.29"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .count();
    assert_eq!(findings_2026, 2, "{text}");
    assert_eq!(text.matches("Kolom 5 terhadap").count(), 2, "{text}");
}
