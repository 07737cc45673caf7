//! Writes the T-C.29 input documents of `tests/fixtures/tc29/` from the seeds' T-C.29 tables
//! (the verbatim CSV copies beside them, read as [`tc29_seed`] reads them): for each seed, the
//! final E.81 of year n-2 and the E.81 of year n-1 that the table was printed from, as stored
//! documents (JSON, [`capaian_domain::model::Document`]).
//!
//! Each table row becomes, read with `capaian_domain::tc29::baca_baris` (values with
//! `num::parse_cell`, the satuan the first stated of columns 4, 6, 7, 5, the meaning
//! `indicator::default_semantics` of it):
//! - in the n-2 document (quarter IV): column 5 = the table's column 4 (target Renstra), column
//!   6 = its column 5 (realisasi s.d. n-3), column 7 = its column 6 (target n-2), the realisation
//!   of the year (the table's column 7) in TW IV; the unit that of column 6;
//! - in the n-1 document: column 5 = the table's column 4, column 7 = its column 9; the row's
//!   satuan.
//!
//! A row is in a year's document when the table states something for that year (columns 4–7
//! for n-2; 4 or 9 for n-1; `-` counts as stated), a sub kegiatan when it or one of its extra
//! indicator rows is, programs and kegiatan always. Nothing of columns 8, 10, 11 goes in: those
//! are what the test derives and compares with the table.
//!
//! Run: `cargo run -p capaian-xlsx --example gen_tc29_fixtures`.

#[path = "../tests/common/csv.rs"]
mod csv;
#[path = "../tests/common/tc29.rs"]
#[allow(dead_code)]
mod tc29_seed;

use capaian_domain::model::{Document, KValue, Level, Pair, Row};
use capaian_domain::tc29::{baca_baris, BarisTc29, BarisTeks, Tertulis};

fn pair(k: &Option<KValue>) -> Pair {
    Pair {
        k: k.clone(),
        rp: None,
    }
}

fn base(b: &BarisTc29, unit: Option<String>) -> Row {
    let mut r = Row::empty(b.level);
    r.kode = b.kode.clone();
    r.kode_raw = b.kode_berkas.clone();
    r.name = b.nama.clone();
    r.indicator = b.indikator.clone();
    r.unit = unit;
    r.semantics = b.makna.clone();
    r
}

fn n2_row(b: &BarisTc29, t: &Tertulis) -> Row {
    let mut r = base(b, t.satuan_kolom[2].clone().or_else(|| b.satuan.clone()));
    r.renstra = pair(&b.renstra);
    r.prev = pair(&b.sd_n3);
    r.target = pair(&b.target_n2);
    r.tw[3] = pair(&b.realisasi_n2);
    r
}

fn n1_row(b: &BarisTc29, _: &Tertulis) -> Row {
    let mut r = base(b, b.satuan.clone());
    r.renstra = pair(&b.renstra);
    r.target = pair(&b.target_n1);
    r
}

/// Which rows a year's document holds: `stated(row)` for the year, widened to whole nodes.
fn rows_of(teks: &[BarisTeks], stated: impl Fn(&BarisTeks) -> bool) -> Vec<bool> {
    let mut keep: Vec<bool> = teks
        .iter()
        .map(|t| matches!(t.level, Some(Level::Program | Level::Kegiatan)) || stated(t))
        .collect();
    // A node row is kept when one of its extra indicator rows is.
    let mut node = None;
    for i in 0..teks.len() {
        if teks[i].level == Some(Level::Indikator) {
            if keep[i] {
                if let Some(n) = node {
                    keep[n] = true;
                }
            }
        } else {
            node = Some(i);
        }
    }
    keep
}

fn filled(t: &BarisTeks, cols: &[usize]) -> bool {
    cols.iter().any(|&c| !t.kolom[c].trim().is_empty())
}

fn write(seed: &tc29_seed::SeedTc29, pd: &str, region: &str) {
    let read: Vec<(BarisTc29, Tertulis)> = seed.baris.iter().map(baca_baris).collect();
    let years = [
        (
            seed.tahun - 2,
            Some(4u8),
            rows_of(&seed.baris, |t| filled(t, &[0, 1, 2, 3])),
            n2_row as fn(&BarisTc29, &Tertulis) -> Row,
        ),
        (
            seed.tahun - 1,
            None,
            rows_of(&seed.baris, |t| filled(t, &[0, 5])),
            n1_row,
        ),
    ];
    for (year, quarter, keep, make) in years {
        let doc = Document {
            form: "E.81".into(),
            sheet: "E.81".into(),
            year: Some(year),
            quarter,
            region: Some(region.into()),
            pd: Some(pd.into()),
            rows: read
                .iter()
                .zip(&keep)
                .filter(|(_, k)| **k)
                .map(|((b, t), _)| make(b, t))
                .collect(),
        };
        let path = tc29_seed::tc29_dir().join(format!("{}_e81_{year}.json", seed.stem));
        let json = serde_json::to_string_pretty(&doc).expect("json");
        std::fs::write(&path, json + "\n").expect("write");
        println!("{}: {} rows", path.display(), doc.rows.len());
    }
}

fn main() {
    let pd = "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia";
    write(&tc29_seed::seed_001(), pd, "Kabupaten Paser");
    write(&tc29_seed::seed_002(), pd, "Kota Banjarbaru");
}
