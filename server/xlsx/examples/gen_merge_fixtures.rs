//! Writes `tests/fixtures/merge/`: the agency's later files a merge test uploads into a
//! document imported from `tests/fixtures/xlsx/e81_101.xlsx`.
//!
//! - `e81_101_baris_baru.xlsx`: the same document as Capaian's official form, with one sub
//!   kegiatan the document lacks (kode `<first kegiatan>.0099`, "Penyusunan Dokumen Evaluasi
//!   Kinerja Tambahan", target 2 Dokumen / Rp 15.000.000, TW II 1 / Rp 6.500.000) as the last
//!   child of the first kegiatan.
//!
//! Run: `cargo run -p capaian-xlsx --example gen_merge_fixtures` from the repository root.

#[path = "../../tests/common/baris_baru.rs"]
mod baris_baru;

use capaian_domain::e81::{compute, E81Settings};
use capaian_xlsx::export::{export_e81, ExportMeta};
use capaian_xlsx::mapping::{read_for_review_with, ReadOptions};
use capaian_xlsx::profile::FormProfile;
use capaian_xlsx::Limits;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
    // Read as the server reads an upload: codes found in the national nomenclature.
    let bytes = std::fs::read(root.join("xlsx/e81_101.xlsx"))?;
    let options = ReadOptions {
        nomenklatur: true,
        ..ReadOptions::default()
    };
    let reading = read_for_review_with(&bytes, &Limits::default(), &FormProfile::e81(), &options)?;
    let mut doc = reading.import.document;
    let (keg, end) = baris_baru::first_kegiatan(&doc);
    let kode = doc.rows[keg].kode_shown().ok_or("kegiatan without kode")?;
    let added = baris_baru::sub_kegiatan_baru(kode, 2);
    doc.rows.insert(end, added);
    let (computed, _) = compute(&doc, &E81Settings::default());
    let bytes = export_e81(&doc, &computed, &ExportMeta::from_document(&doc))?;
    let out = root.join("merge/e81_101_baris_baru.xlsx");
    std::fs::write(&out, bytes)?;
    println!("{} (baris baru di posisi {end})", out.display());
    Ok(())
}
