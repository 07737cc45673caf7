//! Perjanjian Kinerja workbooks (`tests/fixtures/pk/`, made from seeds 000, 003 and 004 by
//! `examples/gen_pk_fixtures.rs`) against their hand-written `*.expected.json`: year, version,
//! PD, the statement page, every kinerja and anggaran row, the stated Jumlah and terbilang, Σ
//! anggaran and its terbilang as `hitung` gives them, and every problem (severity, code, sheet,
//! cell — each expected problem names the seed's ANALYSIS.md item it is). Also: the LibreOffice
//! copy and the `.xls` copy read as their originals; every E.81, Renja and SIPD fixture is
//! refused with `ReadError::PkNotFound`.

use std::path::{Path, PathBuf};
use std::str::FromStr;

use capaian_domain::model::KValue;
use capaian_domain::pk::hitung;
use capaian_xlsx::{read_pk, Limits, PkReading, ReadError};
use rust_decimal::Decimal;
use serde_json::Value;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures")
}

fn bytes(rel: &str) -> Vec<u8> {
    std::fs::read(fixtures().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn read(rel: &str) -> PkReading {
    read_pk(&bytes(rel), &Limits::default()).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn dec(v: &Value) -> Option<Decimal> {
    v.as_str().map(|s| Decimal::from_str(s).unwrap())
}

fn num(v: &Option<KValue>) -> Option<Decimal> {
    match v {
        Some(KValue::Number(d)) => Some(*d),
        None => None,
        other => panic!("not a number: {other:?}"),
    }
}

fn key<T: serde::Serialize>(t: &T) -> Value {
    serde_json::to_value(t).unwrap()
}

fn check(name: &str) -> PkReading {
    let reading = read(&format!("pk/{name}.xlsx"));
    let want: Value =
        serde_json::from_slice(&bytes(&format!("pk/{name}.expected.json"))).expect("JSON");
    let pk = &reading.pk;
    assert_eq!(
        pk.tahun.map(i64::from),
        want["tahun"].as_i64(),
        "{name} tahun"
    );
    assert_eq!(key(&pk.versi), want["versi"], "{name} versi");
    assert_eq!(pk.pd, want["pd"].as_str().unwrap(), "{name} pd");
    assert_eq!(key(&pk.tingkat_sasaran), want["tingkat_sasaran"], "{name}");
    assert_eq!(key(&pk.kolom), want["kolom"], "{name} kolom");
    match (&pk.pernyataan, &want["pernyataan"]) {
        (None, Value::Null) => {}
        (Some(p), w) => {
            let mut got = key(p);
            // The NIP's cell is the reader's, not the seed's.
            for pihak in ["pihak_pertama", "pihak_kedua"] {
                if let Some(o) = got[pihak].as_object_mut() {
                    o.remove("sel_nip");
                }
            }
            assert_eq!(&got, w, "{name} pernyataan");
        }
        (None, w) => panic!("{name}: no statement page read, expected {w}"),
    }
    let kinerja = want["kinerja"].as_array().unwrap();
    assert_eq!(pk.kinerja.len(), kinerja.len(), "{name} kinerja rows");
    for (b, w) in pk.kinerja.iter().zip(kinerja) {
        let what = format!("{name} kinerja row {}", b.baris);
        assert_eq!(u64::from(b.baris), w[0].as_u64().unwrap(), "{what}");
        assert_eq!(b.sasaran, w[1].as_str().unwrap(), "{what}");
        assert_eq!(b.indikator, w[2].as_str().unwrap(), "{what}");
        assert_eq!(b.satuan.as_deref(), w[3].as_str(), "{what}");
        assert_eq!(num(&b.target), dec(&w[4]), "{what} target");
        assert_eq!(num(&b.target_maju), dec(&w[5]), "{what} n+1");
    }
    let anggaran = want["anggaran"].as_array().unwrap();
    assert_eq!(pk.anggaran.len(), anggaran.len(), "{name} anggaran rows");
    for (b, w) in pk.anggaran.iter().zip(anggaran) {
        let what = format!("{name} anggaran row {} {}", b.baris, b.uraian);
        assert_eq!(u64::from(b.baris), w[0].as_u64().unwrap(), "{what}");
        assert_eq!(key(&b.tingkat), w[1], "{what}");
        assert_eq!(b.kode.as_deref(), w[2].as_str(), "{what}");
        assert_eq!(b.uraian, w[3].as_str().unwrap(), "{what}");
        assert_eq!(b.anggaran, dec(&w[4]), "{what}");
    }
    assert_eq!(
        pk.jumlah.as_ref().map(key).unwrap_or(Value::Null),
        want["jumlah"],
        "{name} jumlah"
    );
    assert_eq!(
        pk.terbilang.as_ref().map(key).unwrap_or(Value::Null),
        want["terbilang"],
        "{name} terbilang"
    );
    let (h, _) = hitung(pk);
    assert_eq!(
        h.jumlah,
        dec(&want["hitung"]["jumlah"]),
        "{name} Σ anggaran"
    );
    assert_eq!(
        h.terbilang.as_deref(),
        want["hitung"]["terbilang"].as_str(),
        "{name} terbilang of Σ"
    );
    if let Some(programs) = want.get("program").and_then(Value::as_array) {
        let got: Vec<Option<Decimal>> = pk
            .anggaran
            .iter()
            .zip(&h.anggaran)
            .filter(|(b, _)| b.tingkat == capaian_domain::rencana::Tingkat::Program)
            .map(|(_, v)| *v)
            .collect();
        let want: Vec<Option<Decimal>> = programs.iter().map(dec).collect();
        assert_eq!(got, want, "{name} programs summed from their kegiatan");
    }
    let got: Vec<Value> = reading
        .problems
        .iter()
        .map(|p| serde_json::json!([key(&p.severity), p.code, p.at.sheet, p.at.cell]))
        .collect();
    let want: Vec<Value> = want["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| serde_json::json!([p[0], p[1], p[2], p[3]]))
        .collect();
    assert_eq!(got, want, "{name} problems: {:#?}", reading.problems);
    reading
}

#[test]
fn seed_000_pk_2025_with_its_statement_page() {
    let r = check("pk_000_2025");
    // Three tables-worth of sheets: the statement is not a table.
    assert_eq!(r.tabel.len(), 2);
    let p = &r.problems[0];
    assert!(p.message.contains("FA MUHAMMAD YUSUF"), "{}", p.message);
}

#[test]
fn seed_000_pk_perubahan_both_lampiran_on_one_sheet() {
    let r = check("pk_000_perubahan_2025");
    assert_eq!(r.tabel.len(), 2);
    assert_eq!(r.tabel[1].header_rows, (9, 9));
}

#[test]
fn seed_004_tabel_2_4_1_with_target_n_plus_1() {
    check("pk_004_tabel_2_4_1");
}

#[test]
fn variant_both_tables_on_one_sheet_with_two_row_headers_and_kode() {
    let r = check("pk_varian_satu_lembar");
    assert_eq!(r.tabel[0].header_rows, (3, 4));
    assert_eq!(r.tabel[1].header_rows, (10, 11));
    let msg = &r.problems[0].message;
    assert!(
        msg.contains("Rp 50.992.531.367") && msg.contains("Rp 54.569.071.524"),
        "{msg}"
    );
}

#[test]
fn variant_side_by_side_text_amounts_and_a_hidden_older_copy() {
    check("pk_varian_tersembunyi");
}

#[test]
fn variant_tw_targets_with_units_thousands_and_live_sums() {
    let r = check("pk_varian_ribuan");
    let tw: Vec<Vec<Option<Decimal>>> =
        r.pk.kinerja
            .iter()
            .map(|b| b.target_tw.iter().map(num).collect())
            .collect();
    let d = |n: u32| Some(Decimal::from(n));
    assert_eq!(
        tw,
        [
            vec![d(3), d(1), d(1), d(5)],
            vec![None, None, d(1), d(1)],
            vec![d(5), d(3), d(3), d(3)]
        ]
    );
}

#[test]
fn the_libreoffice_and_xls_copies_read_as_their_originals() {
    let a = read("pk/pk_000_2025.xlsx");
    let b = read("pk/pk_000_2025_libreoffice.xlsx");
    assert_eq!(a.pk, b.pk);
    assert_eq!(a.problems, b.problems);
    let a = read("pk/pk_varian_ribuan.xlsx");
    let b = read("pk/pk_varian_ribuan_libreoffice.xlsx");
    assert_eq!(a.pk, b.pk);
    assert_eq!(a.problems, b.problems);
    let a = read("pk/pk_004_tabel_2_4_1.xlsx");
    let b = read("pk/pk_004_tabel_2_4_1.xls");
    assert_eq!(a.pk, b.pk);
}

#[test]
fn e81_renja_and_sipd_workbooks_are_refused() {
    let mut files: Vec<PathBuf> = Vec::new();
    for dir in ["xlsx", "renja", "sipd", "real-layouts"] {
        for e in std::fs::read_dir(fixtures().join(dir)).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "xlsx" || x == "xls") {
                files.push(p);
            }
        }
    }
    files.sort();
    assert!(files.len() > 20, "{files:?}");
    for f in &files {
        let bytes = std::fs::read(f).unwrap();
        match read_pk(&bytes, &Limits::default()) {
            Err(ReadError::PkNotFound { sheets_seen, .. }) => {
                assert!(!sheets_seen.is_empty(), "{f:?}")
            }
            Err(other) => panic!("{f:?}: another error {other}"),
            Ok(r) => panic!("{f:?} read as a PK: {:?}", r.tabel),
        }
    }
    // The refusal says why, in Indonesian.
    let e = read_pk(&bytes("xlsx/e81_101.xlsx"), &Limits::default()).unwrap_err();
    let msg = e.to_string();
    assert!(
        msg.contains("Tidak ditemukan lampiran Perjanjian Kinerja"),
        "{msg}"
    );
    assert!(msg.contains("Realisasi"), "{msg}");
}
