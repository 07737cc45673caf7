//! The sub kegiatan a later file of `tests/fixtures/xlsx/e81_101.xlsx`'s agency brings, and
//! where it goes: one definition for the server's merge tests and for the fixture generator
//! `server/xlsx/examples/gen_merge_fixtures.rs` (which includes this file by path), so the
//! browser test's workbook and the server tests' rows are the same row.

/// A sub kegiatan a later file brings and the document lacks: kode `<kegiatan>.0099`,
/// "Penyusunan Dokumen Evaluasi Kinerja Tambahan", target 2 Dokumen / Rp 15.000.000, and in
/// quarter `tw` (1..=4) 1 / Rp 6.500.000.
pub fn sub_kegiatan_baru(kode_kegiatan: &str, tw: usize) -> capaian_domain::model::Row {
    use capaian_domain::model::{KValue, Level, Pair, Row};
    use rust_decimal::Decimal;
    let mut added = Row::empty(Level::SubKegiatan);
    added.kode = Some(format!("{kode_kegiatan}.0099"));
    added.name = "Penyusunan Dokumen Evaluasi Kinerja Tambahan".into();
    added.indicator = "Jumlah dokumen evaluasi yang disusun".into();
    added.unit = Some("Dokumen".into());
    added.target = Pair {
        k: Some(KValue::Number(Decimal::from(2))),
        rp: Some(Decimal::from(15_000_000)),
    };
    added.tw[tw - 1] = Pair {
        k: Some(KValue::Number(Decimal::from(1))),
        rp: Some(Decimal::from(6_500_000)),
    };
    added
}

/// The rows of the first kegiatan's subtree end here (the next program or kegiatan row): where
/// a new child of it is printed.
pub fn first_kegiatan(doc: &capaian_domain::model::Document) -> (usize, usize) {
    use capaian_domain::model::Level;
    let rows = &doc.rows;
    let keg = rows
        .iter()
        .position(|r| r.level == Level::Kegiatan)
        .expect("a kegiatan");
    let end = (keg + 1..rows.len())
        .find(|&i| rows[i].level.rank() <= Level::Kegiatan.rank())
        .unwrap_or(rows.len());
    (keg, end)
}
