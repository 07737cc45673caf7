//! Renja workbooks (`tests/fixtures/renja/`, made from seeds 001 and 002 by
//! `examples/gen_renja_fixtures.rs`) against their hand-written `*.expected.json`: year, print,
//! header, pagu columns, rows per level, the first and last sub kegiatan, the Jumlah row, the
//! totals `hitung` gives and every problem (severity, code, sheet, cell). Where each expected
//! figure comes from is each file's `_sumber` (the sums are checked again, from the seed CSVs
//! alone, by `tests/fixtures/renja/periksa_seed.py`). Also: the levels read against the CSV's
//! `_level` for every row; the LibreOffice copy and the `.xls` copy read the same; E.81 and SIPD
//! workbooks are refused; a real Renja (Kab. Muna Barat 2018) reads.

#[path = "common/csv.rs"]
mod csv;
#[path = "common/mutate.rs"]
mod mutate;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::str::FromStr;

use capaian_domain::kode;
use capaian_domain::model::{KValue, Severity};
use capaian_domain::renja::{hitung, BarisRenja, TingkatRenja};
use capaian_xlsx::{read_renja, Limits, ReadError, RenjaReading};
use csv::parse_csv;
use rust_decimal::Decimal;
use serde_json::Value;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures")
}

fn bytes(rel: &str) -> Vec<u8> {
    std::fs::read(fixtures().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn read(rel: &str) -> RenjaReading {
    read_renja(&bytes(rel), &Limits::default()).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn dec(v: &Value) -> Option<Decimal> {
    v.as_str().map(d)
}

fn key<T: serde::Serialize>(t: &T) -> String {
    serde_json::to_value(t)
        .unwrap()
        .as_str()
        .unwrap()
        .to_string()
}

fn tingkat_key(t: Option<TingkatRenja>) -> String {
    t.map_or("indikator".to_string(), |t| key(&t))
}

/// The row's value of a figure named as in the expected JSON.
fn figure(b: &BarisRenja, name: &str) -> Option<Decimal> {
    match name {
        "murni" => b.murni.pagu,
        "perubahan" => b.perubahan.pagu,
        "maju" => b.maju.pagu,
        "selisih" => b.selisih,
        _ => panic!("{name}"),
    }
}

fn check_row(b: &BarisRenja, want: &Value, what: &str) {
    assert_eq!(
        u64::from(b.baris),
        want["baris"].as_u64().unwrap(),
        "{what}"
    );
    assert_eq!(b.nama, want["nama"].as_str().unwrap(), "{what}");
    if let Some(k) = want.get("kode") {
        assert_eq!(b.kode.as_deref(), k.as_str(), "{what} kode");
    }
    for f in ["murni", "perubahan", "maju", "selisih"] {
        if let Some(v) = want.get(f) {
            assert_eq!(figure(b, f), dec(v), "{what} {f}");
        }
    }
    // The target of the version the table prints (murni first).
    let isian = if b.murni.target.is_some() {
        &b.murni
    } else {
        &b.perubahan
    };
    assert_eq!(
        isian.target,
        Some(KValue::Number(d(want["target"].as_str().unwrap()))),
        "{what} target"
    );
    assert_eq!(isian.satuan.as_deref(), want["satuan"].as_str(), "{what}");
}

/// One fixture against its expected JSON.
fn check(name: &str) -> RenjaReading {
    let reading = read(&format!("renja/{name}.xlsx"));
    let want: Value = serde_json::from_slice(&bytes(&format!("renja/{name}.expected.json")))
        .expect("expected JSON");
    let r = &reading.renja;
    assert_eq!(r.lembar, want["lembar"].as_str().unwrap());
    assert_eq!(r.tahun.map(i64::from), want["tahun"].as_i64());
    assert_eq!(key(&r.cetakan), want["cetakan"].as_str().unwrap());
    let hr = &want["header_rows"];
    assert_eq!(
        (
            u64::from(reading.header_rows.0),
            u64::from(reading.header_rows.1)
        ),
        (hr[0].as_u64().unwrap(), hr[1].as_u64().unwrap())
    );
    assert_eq!(serde_json::to_value(&r.kolom).unwrap(), want["kolom"]);
    assert_eq!(r.baris.len() as u64, want["baris"].as_u64().unwrap());
    let mut per: BTreeMap<String, u64> = BTreeMap::new();
    for b in &r.baris {
        *per.entry(tingkat_key(b.tingkat)).or_default() += 1;
    }
    let want_per: BTreeMap<String, u64> = want["per_tingkat"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.clone(), v.as_u64().unwrap()))
        .collect();
    assert_eq!(per, want_per);
    if let Some(list) = want.get("tingkat").and_then(Value::as_array) {
        let got: Vec<Value> = r
            .baris
            .iter()
            .map(|b| b.tingkat.map_or(Value::Null, |t| Value::String(key(&t))))
            .collect();
        assert_eq!(&got, list, "levels row by row");
    }
    let subs: Vec<&BarisRenja> = r
        .baris
        .iter()
        .filter(|b| b.tingkat == Some(TingkatRenja::SubKegiatan))
        .collect();
    check_row(subs[0], &want["sub_kegiatan_pertama"], "first sub kegiatan");
    check_row(
        subs[subs.len() - 1],
        &want["sub_kegiatan_terakhir"],
        "last sub kegiatan",
    );
    match (&r.jumlah, &want["jumlah"]) {
        (None, Value::Null) => {}
        (Some(j), w) => {
            assert_eq!(u64::from(j.baris), w["baris"].as_u64().unwrap());
            assert_eq!(j.murni, w.get("murni").and_then(dec));
            assert_eq!(j.perubahan, w.get("perubahan").and_then(dec));
            assert_eq!(j.maju, w.get("maju").and_then(dec));
        }
        (got, w) => panic!("jumlah {got:?}, expected {w}"),
    }
    let (h, _) = hitung(r);
    assert_eq!(h.jumlah_murni, dec(&want["hitung"]["murni"]), "Σ murni");
    assert_eq!(
        h.jumlah_perubahan,
        dec(&want["hitung"]["perubahan"]),
        "Σ perubahan"
    );
    assert_eq!(h.jumlah_maju, dec(&want["hitung"]["maju"]), "Σ maju");
    let mut got: Vec<(String, String, String, Option<String>)> = reading
        .problems
        .iter()
        .map(|p| {
            (
                key(&p.severity),
                p.code.clone(),
                p.at.sheet.clone().unwrap_or_default(),
                p.at.cell.clone(),
            )
        })
        .collect();
    let mut expected: Vec<(String, String, String, Option<String>)> = want["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p[0].as_str().unwrap().to_string(),
                p[1].as_str().unwrap().to_string(),
                p[2].as_str().unwrap().to_string(),
                p[3].as_str().map(str::to_string),
            )
        })
        .collect();
    got.sort();
    expected.sort();
    assert_eq!(got, expected, "problems of {name}");
    // Messages are for people: Indonesian, never empty.
    assert!(reading.problems.iter().all(|p| !p.message.is_empty()));
    reading
}

#[test]
fn seed_001_tabel_3_1_4() {
    let reading = check("renja_001_tabel_3_1_4");
    let r = &reading.renja;
    // The malformed 2025 amount is left empty, never guessed; its 2026 amount is read.
    let perencanaan = r.baris.iter().find(|b| b.baris == 11).unwrap();
    assert_eq!(perencanaan.murni.pagu, None);
    assert_eq!(perencanaan.maju.pagu, Some(d("563834700")));
    let bad = reading
        .problems
        .iter()
        .find(|p| p.code == "bukan_angka")
        .unwrap();
    assert_eq!(bad.severity, Severity::Error);
    assert!(bad.message.contains("259.987.00,00"), "{}", bad.message);
    // The unit row carries the PD total; '-' is zero; Program Penunjang's pagu sits on its
    // second indicator row.
    assert_eq!(r.baris[1].tingkat, Some(TingkatRenja::Unit));
    assert_eq!(r.baris[1].maju.pagu, Some(d("29882088720")));
    assert_eq!(r.baris[7].murni.pagu, Some(Decimal::ZERO));
    assert_eq!(r.baris[3].tingkat, None);
    assert_eq!(r.baris[3].murni.pagu, Some(d("8963647000")));
    // The 2026 column adds up to the unit row: no problem at J8.
    assert!(!reading
        .problems
        .iter()
        .any(|p| p.at.cell.as_deref() == Some("J8")));
    // A level the nomenclature could not give says which level was taken and why.
    let unsure = reading
        .problems
        .iter()
        .find(|p| p.code == "tingkat_tidak_pasti")
        .unwrap();
    assert!(
        unsure.message.contains("Penggandaan Meubel") && unsure.message.contains("sub kegiatan"),
        "{}",
        unsure.message
    );
}

#[test]
fn seed_002_tabel_5_1() {
    let reading = check("renja_002_tabel_5_1");
    // No kode is invented: the unit rows keep the file's `01.00` only as spelled.
    let unit = &reading.renja.baris[1];
    assert_eq!(unit.tingkat, Some(TingkatRenja::Unit));
    assert_eq!(unit.kode, None);
    assert_eq!(unit.kode_berkas.as_deref(), Some("01.00"));
}

#[test]
fn seed_002_lampiran_perubahan() {
    let reading = check("renja_002_lampiran_perubahan");
    let r = &reading.renja;
    // PDF artefacts in the kode: the canonical kode without spaces, the spelling kept.
    let rapat = r.baris.iter().find(|b| b.baris == 26).unwrap();
    assert_eq!(rapat.kode.as_deref(), Some("5.03.01.2.06.09"));
    assert_eq!(rapat.kode_berkas.as_deref(), Some("5.03.0 1.2.06. 09"));
    // `(13.143.400 )` is negative; a new sub kegiatan's `-` sebelum is zero; its sebelum
    // indikator `-` is nothing.
    let bmd = r.baris.iter().find(|b| b.baris == 20).unwrap();
    assert_eq!(bmd.selisih, Some(d("-13143400")));
    let baru = r.baris.iter().find(|b| b.baris == 28).unwrap();
    assert_eq!(baru.murni.pagu, Some(Decimal::ZERO));
    assert_eq!(baru.murni.indikator, "");
    assert_eq!(baru.perubahan.pagu, Some(d("186480000")));
    assert_eq!(baru.murni.sumber_dana, "");
    assert_eq!(baru.perubahan.sumber_dana, "PAD");
    assert_eq!(baru.perubahan.lokasi, "Kota Bjb");
    assert_eq!(
        baru.perubahan.kelompok_sasaran,
        "Seluruh Pegawai dilingkup BKPSDM"
    );
    // Sebelum and setelah targets side by side.
    let gaji = r.baris.iter().find(|b| b.baris == 16).unwrap();
    assert_eq!(gaji.murni.target, Some(KValue::Number(d("55"))));
    assert_eq!(gaji.perubahan.target, Some(KValue::Number(d("61"))));
    assert_eq!(gaji.maju.target, Some(KValue::Number(d("65"))));
    // What the perubahan did, from the rows read.
    let (h, _) = hitung(r);
    let ringkas = h.perubahan_pagu.unwrap();
    assert_eq!(ringkas.baru, 3, "sub kegiatan new in the perubahan");
}

#[test]
fn varian_kode_lima_kolom() {
    let reading = check("renja_varian_kode_lima_kolom");
    // Read from the visible sheet at its (Rp. 000) scale, not from the hidden older copy
    // (whose amounts are 1/0.9 of these).
    let first = reading
        .renja
        .baris
        .iter()
        .find(|b| b.kode.as_deref() == Some("5.03.01.2.02.01"))
        .unwrap();
    assert_eq!(first.murni.pagu, Some(d("6511438535")));
    assert_eq!(first.kode_berkas.as_deref(), Some("5.03.01.2.02.01"));
}

#[test]
fn varian_kode_nama() {
    let reading = check("renja_varian_kode_nama");
    let program = &reading.renja.baris[2];
    assert_eq!(program.kode.as_deref(), Some("5.03.01"));
    assert_eq!(
        program.nama,
        "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA"
    );
    let second = &reading.renja.baris[3];
    assert_eq!(second.tingkat, None);
    assert_eq!(
        second.murni.indikator,
        "CAKUPAN PELAYANAN INTERNAL YANG DIFASILITASI"
    );
}

/// The seed's rows as (its `_level` as the reader names levels, `_kode_norm`), without the
/// total row.
fn seed_levels(rel: &str) -> Vec<(String, String)> {
    let text = String::from_utf8(bytes(rel)).unwrap();
    let rows = parse_csv(&text);
    let col = |name: &str| rows[0].iter().position(|h| h == name).unwrap();
    let (lv, kn) = (col("_level"), col("_kode_norm"));
    rows[1..]
        .iter()
        .filter(|r| r[lv] != "total")
        .map(|r| {
            let level = match r[lv].as_str() {
                "unit_organisasi" => "unit".to_string(),
                l if l.ends_with("_indikator_tambahan") => "indikator".to_string(),
                l => l.to_string(),
            };
            (level, r[kn].clone())
        })
        .collect()
}

#[test]
fn levels_match_the_seeds_level_for_every_row() {
    for (fixture, csv) in [
        (
            "renja/renja_002_tabel_5_1.xlsx",
            "seeds/002/tabel_5.1_rumusan_rencana_program_kegiatan_2024_prakiraan_2025.csv",
        ),
        (
            "renja/renja_002_lampiran_perubahan.xlsx",
            "seeds/002/lampiran_rencana_program_kegiatan_perubahan_renja_2024.csv",
        ),
    ] {
        let seed = seed_levels(csv);
        let r = read(fixture).renja;
        assert_eq!(r.baris.len(), seed.len(), "{fixture}");
        for (b, (level, kode)) in r.baris.iter().zip(&seed) {
            assert_eq!(&tingkat_key(b.tingkat), level, "{fixture} row {}", b.baris);
            // The seed's `_kode_norm` writes `…01.0001` as `…01.01`: the same node.
            let got = b.kode.as_deref().unwrap_or("");
            assert!(
                got == kode || kode::bisa_sama(got, kode),
                "{fixture} row {}: {got} vs {kode}",
                b.baris
            );
        }
    }
    // The variants print Tabel 5.1's rows otherwise: each kode's level is the seed's.
    let seed: HashMap<String, String> =
        seed_levels("seeds/002/tabel_5.1_rumusan_rencana_program_kegiatan_2024_prakiraan_2025.csv")
            .into_iter()
            .filter(|(_, k)| !k.is_empty())
            .map(|(l, k)| (k, l))
            .collect();
    for fixture in [
        "renja/renja_varian_kode_lima_kolom.xlsx",
        "renja/renja_varian_kode_nama.xlsx",
    ] {
        let r = read(fixture).renja;
        let with_kode: Vec<&BarisRenja> = r.baris.iter().filter(|b| b.kode.is_some()).collect();
        assert_eq!(with_kode.len(), seed.len(), "{fixture}");
        for b in with_kode {
            let k = b.kode.as_deref().unwrap();
            assert_eq!(tingkat_key(b.tingkat), seed[k], "{fixture} {k}");
        }
    }
}

#[test]
fn libreoffice_and_xls_copies_read_the_same() {
    for (copy, original) in [
        (
            "renja/renja_002_lampiran_perubahan_libreoffice.xlsx",
            "renja/renja_002_lampiran_perubahan.xlsx",
        ),
        (
            "renja/renja_001_tabel_3_1_4.xls",
            "renja/renja_001_tabel_3_1_4.xlsx",
        ),
    ] {
        let (a, b) = (read(copy), read(original));
        assert_eq!(a.renja, b.renja, "{copy}");
        assert_eq!(a.problems, b.problems, "{copy}");
        assert_eq!(a.header_rows, b.header_rows, "{copy}");
    }
}

#[test]
fn e81_and_sipd_workbooks_are_not_renja() {
    let mut refused = 0;
    for dir in ["xlsx", "sipd"] {
        let mut names: Vec<String> = std::fs::read_dir(fixtures().join(dir))
            .unwrap()
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".xlsx") || n.ends_with(".xls"))
            .filter(|n| !n.starts_with("munabarat_renja"))
            .collect();
        names.sort();
        for name in names {
            let rel = format!("{dir}/{name}");
            match read_renja(&bytes(&rel), &Limits::default()) {
                Err(e @ ReadError::RenjaNotFound { .. }) => {
                    let msg = e.to_string();
                    assert!(
                        msg.starts_with("Tidak ditemukan tabel Renja"),
                        "{rel}: {msg}"
                    );
                    refused += 1;
                }
                Err(e) => panic!("{rel}: another error {e}"),
                Ok(r) => panic!("{rel} read as a Renja: sheet {}", r.renja.lembar),
            }
        }
    }
    assert!(refused >= 10, "{refused}");
    // The reason names the other table.
    let e = read_renja(&bytes("xlsx/e81_101.xlsx"), &Limits::default()).unwrap_err();
    assert!(e.to_string().contains("Realisasi/Triwulan"), "{e}");
    let e = read_renja(
        &bytes("sipd/sumenep_dinkes_kesling_anggaran_kas_sipd_2025.xlsx"),
        &Limits::default(),
    )
    .unwrap_err();
    assert!(e.to_string().contains("SIPD"), "{e}");
}

#[test]
fn a_real_renja_reads() {
    // Kab. Muna Barat, TA 2018: parent rows as one "kode - nama" cell merged across the table,
    // pre-2021 codes, the prakiraan maju titled with the same year.
    let reading = read("sipd/munabarat_renja_program_kegiatan_2018.xlsx");
    let r = &reading.renja;
    assert_eq!(r.tahun, Some(2018));
    let levels: Vec<String> = r.baris.iter().map(|b| tingkat_key(b.tingkat)).collect();
    assert_eq!(
        levels,
        ["urusan", "bidang_urusan", "unit", "program", "sub_kegiatan"]
    );
    assert_eq!(r.baris[0].nama, "Urusan Wajib Pelayanan Dasar");
    assert_eq!(r.baris[4].murni.pagu, Some(d("5")));
    assert_eq!(r.baris[4].maju.pagu, Some(d("30")));
    assert!(reading
        .problems
        .iter()
        .any(|p| p.code == "tahun_maju_berbeda"));
}

#[test]
fn not_a_workbook_is_an_error_not_a_panic() {
    for junk in [&b""[..], b"PK\x03\x04 not a zip", b"hello, world"] {
        assert!(read_renja(junk, &Limits::default()).is_err());
    }
    // Every fixture cut short.
    let full = bytes("renja/renja_002_lampiran_perubahan.xlsx");
    for cut in [100, full.len() / 2, full.len() - 10] {
        assert!(read_renja(&full[..cut], &Limits::default()).is_err());
    }
}

#[test]
fn mutated_renja_workbooks_never_panic() {
    let names = [
        "renja/renja_001_tabel_3_1_4.xlsx",
        "renja/renja_002_tabel_5_1.xlsx",
        "renja/renja_002_lampiran_perubahan.xlsx",
        "renja/renja_varian_kode_lima_kolom.xlsx",
        "renja/renja_varian_kode_nama.xlsx",
    ];
    let files: Vec<Vec<u8>> = names.iter().map(|n| bytes(n)).collect();
    let (read_ok, refused, panics) = mutate::mutants_read(&files, 0x5e5a_2026_0005, 300, |b| {
        read_renja(b, &Limits::default()).is_ok()
    });
    assert!(panics.is_empty(), "{panics:#?}");
    // The mutants reached the reader: some still read, some were refused.
    assert!(
        read_ok >= 30 && refused >= 30,
        "{read_ok} read, {refused} refused"
    );
}
