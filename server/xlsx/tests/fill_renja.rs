//! Filling an agency's own Renja (`capaian_xlsx::fill::fill_renja`): the plan's values go into
//! the cells that hold them, at the column's scale and in the cell's own convention; nothing
//! else of the workbook changes.

use std::io::{Cursor, Read};
use std::path::Path;

use capaian_domain::edit::CellValue;
use capaian_domain::model::KValue;
use capaian_domain::rencana::renja::{angkat_letak, kunci_sel, SelRenja};
use capaian_domain::rencana::Versi;
use capaian_domain::renja::{BarisRenja, TingkatRenja};
use capaian_xlsx::fill::fill_renja;
use capaian_xlsx::{read_renja, Limits};
use rust_decimal::Decimal;

fn fixture(name: &str) -> Vec<u8> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/renja")
        .join(name);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// Every zip entry's bytes, by name.
fn entries(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("zip");
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).expect("entry");
            let mut data = Vec::new();
            f.read_to_end(&mut data).expect("read");
            (f.name().expect("name").into_owned(), data)
        })
        .collect()
}

/// The rows' values a fill can change, for comparing two readings row by row.
fn values(rows: &[BarisRenja]) -> Vec<String> {
    rows.iter()
        .map(|b| {
            format!(
                "{:?}|{:?}|{:?}|{:?}|{:?}|{}|{:?}|{:?}",
                b.murni.target,
                b.murni.pagu,
                b.perubahan.target,
                b.perubahan.pagu,
                b.maju.pagu,
                b.perubahan.lokasi,
                b.maju.target,
                b.murni.lokasi
            )
        })
        .collect()
}

/// Seed 002's Tabel 5.1 (a Renja Perubahan: its year's columns are the perubahan's) filled
/// with a plan that differs in one sub kegiatan's pagu, another's target and lokasi, and a
/// n+1 pagu: exactly those cells change, as the template writes them (the pagu as Indonesian
/// text stays text, `7 dok` keeps its unit), and every other part of the file is the same.
#[test]
fn a_renja_perubahan_is_filled_with_exactly_the_values_that_differ() {
    let template = fixture("renja_002_tabel_5_1.xlsx");
    let before = read_renja(&template, &Limits::default()).expect("template");
    let (mut plan, letak) = angkat_letak(&before.renja, "");
    let subs: Vec<usize> = (0..before.renja.baris.len())
        .filter(|&i| {
            before.renja.baris[i].tingkat == Some(TingkatRenja::SubKegiatan)
                && before.renja.baris[i].perubahan.pagu.is_some()
        })
        .collect();
    let (a, b) = (subs[0], subs[3]);
    let key = |i: usize, sel: SelRenja| {
        kunci_sel(sel, letak[i].simpul.expect("node"), letak[i].indikator).expect("key")
    };
    let pagu = Decimal::from(41_250_000);
    plan.tetapkan(
        key(a, SelRenja::Pagu(Versi::Perubahan)),
        Some(CellValue::Rp(pagu)),
        None,
    );
    plan.tetapkan(
        key(b, SelRenja::Target(Versi::Perubahan)),
        Some(CellValue::K(KValue::Number(Decimal::from(9)))),
        None,
    );
    plan.tetapkan(
        key(b, SelRenja::Lokasi),
        Some(CellValue::Text("Kota Banjarbaru".into())),
        None,
    );
    let maju = Decimal::from(123_000_000);
    plan.tetapkan(key(a, SelRenja::PaguMaju), Some(CellValue::Rp(maju)), None);

    let (filled, problems) = fill_renja(&template, &plan, &Limits::default()).expect("fill");
    assert!(problems.is_empty(), "{problems:?}");
    let after = read_renja(&filled, &Limits::default()).expect("filled reads");
    let mut want = before.renja.baris.clone();
    want[a].perubahan.pagu = Some(pagu);
    want[a].maju.pagu = Some(maju);
    want[b].perubahan.target = Some(KValue::Number(Decimal::from(9)));
    want[b].perubahan.lokasi = "Kota Banjarbaru".into();
    assert_eq!(values(&after.renja.baris), values(&want));
    assert_eq!(
        after.renja.baris[b].perubahan.satuan, before.renja.baris[b].perubahan.satuan,
        "the target keeps its unit"
    );
    // Only the sheet (and the workbook's recalculation flag) changed.
    let (old, new) = (entries(&template), entries(&filled));
    assert_eq!(old.len(), new.len());
    let changed: Vec<&str> = old
        .iter()
        .zip(&new)
        .filter(|(x, y)| x != y)
        .map(|(x, _)| x.0.as_str())
        .collect();
    assert!(
        changed
            .iter()
            .all(|n| n.starts_with("xl/worksheets/sheet") || *n == "xl/workbook.xml"),
        "{changed:?}"
    );
    // Filling again with the same plan changes nothing more.
    let (again, _) = fill_renja(&filled, &plan, &Limits::default()).expect("fill");
    let reread = read_renja(&again, &Limits::default()).expect("reads");
    assert_eq!(values(&reread.renja.baris), values(&after.renja.baris));
}

/// A Renja whose pagu columns are in thousands (`Rp. 000`): a rupiah amount goes in ÷ 1000 and
/// reads back as the same rupiah.
#[test]
fn money_goes_in_at_its_columns_scale() {
    let template = fixture("renja_varian_kode_lima_kolom.xlsx");
    let before = read_renja(&template, &Limits::default()).expect("template");
    let (mut plan, letak) = angkat_letak(&before.renja, "");
    let i = (0..before.renja.baris.len())
        .find(|&i| before.renja.baris[i].murni.pagu.is_some())
        .expect("a pagu");
    let pagu = before.renja.baris[i].murni.pagu.expect("pagu") + Decimal::from(1_500_000);
    let kunci = kunci_sel(
        SelRenja::Pagu(Versi::Murni),
        letak[i].simpul.expect("node"),
        letak[i].indikator,
    )
    .expect("key");
    plan.tetapkan(kunci, Some(CellValue::Rp(pagu)), None);
    let (filled, _) = fill_renja(&template, &plan, &Limits::default()).expect("fill");
    let after = read_renja(&filled, &Limits::default()).expect("reads");
    assert_eq!(after.renja.baris[i].murni.pagu, Some(pagu));
    let mut want = before.renja.baris.clone();
    want[i].murni.pagu = Some(pagu);
    assert_eq!(values(&after.renja.baris), values(&want));
}

/// The lampiran as LibreOffice saves it (shared strings): a new setelah-perubahan pagu goes into
/// the Setelah column of its row, the Sebelum column stays, and the row's stated jumlah
/// perubahan becomes setelah − sebelum.
#[test]
fn a_lampiran_saved_by_libreoffice_takes_the_setelah_pagu() {
    let template = fixture("renja_002_lampiran_perubahan_libreoffice.xlsx");
    let before = read_renja(&template, &Limits::default()).expect("template");
    let (mut plan, letak) = angkat_letak(&before.renja, "");
    let i = (0..before.renja.baris.len())
        .find(|&i| {
            before.renja.baris[i].tingkat == Some(TingkatRenja::SubKegiatan)
                && before.renja.baris[i].perubahan.pagu.is_some()
        })
        .expect("a sub kegiatan");
    let setelah = Decimal::from(40_000_000);
    let kunci = kunci_sel(
        SelRenja::Pagu(Versi::Perubahan),
        letak[i].simpul.expect("node"),
        letak[i].indikator,
    )
    .expect("key");
    plan.tetapkan(kunci, Some(CellValue::Rp(setelah)), None);
    let (filled, problems) = fill_renja(&template, &plan, &Limits::default()).expect("fill");
    assert!(problems.is_empty(), "{problems:?}");
    let after = read_renja(&filled, &Limits::default()).expect("reads");
    let mut want = before.renja.baris.clone();
    want[i].perubahan.pagu = Some(setelah);
    assert_eq!(values(&after.renja.baris), values(&want));
    let sebelum = before.renja.baris[i].murni.pagu.unwrap_or_default();
    assert_eq!(after.renja.baris[i].selisih, Some(setelah - sebelum));
    let (_, checks) = capaian_domain::renja::hitung(&after.renja);
    assert!(
        !checks
            .iter()
            .any(|p| p.code == "selisih_salah" && p.at.row == Some(i)),
        "{checks:?}"
    );
}
