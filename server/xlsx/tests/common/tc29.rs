//! The seeds' T-C.29 tables (`tests/fixtures/tc29/`, verbatim copies of seed 001's T-C.29 and
//! seed 002's Tabel 2.3) as rows of cell text ([`BarisTeks`]), for the checker and for the
//! fixture generator (`examples/gen_tc29_fixtures.rs` includes this file and `csv.rs` by path).
//!
//! Rows that are only headings (seed 001's Urusan and OPD label rows, seed 002's bidang urusan
//! rows `5.03`, `5.04`: no indicator) are left out: T-C.29 rows are indicators. Levels: seed
//! 002 names them in its `_level` column; seed 001 prints none, so they are the ones its
//! ANALYSIS.md §2b infers by matching names to T-C.31 (data rows 3/31/75 programs; 4, 7, 10,
//! 12, 20, 23, 26, 37, 50, 55, 62, 77 kegiatan; a row without a name an extra indicator of the
//! node above; the rest sub kegiatan). Cells are the CSV's (header = row 1; seed 001's column 8
//! is `L`, 10 `N`, 11 `O`; seed 002's `H`, `J`, `K`).

use std::path::{Path, PathBuf};

use super::csv::parse_csv;
use capaian_domain::model::Level;
use capaian_domain::tc29::BarisTeks;

/// `tests/fixtures/tc29` at the project root.
pub fn tc29_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/tc29")
}

pub const SEED_001: &str = "seed_001_T-C.29_evaluasi_renja_2023_capaian_renstra.csv";
pub const SEED_002: &str = "seed_002_tabel_2.3_rekap_evaluasi_renja_capaian_renstra.csv";

/// A seed's T-C.29: the Renja year n it was printed for, its indicator rows, and for each the
/// CSV line it is on.
pub struct SeedTc29 {
    pub stem: &'static str,
    pub tahun: i32,
    pub baris: Vec<BarisTeks>,
    pub baris_csv: Vec<usize>,
    /// Heading rows left out.
    pub judul: usize,
}

fn read(name: &str) -> Vec<Vec<String>> {
    let path = tc29_dir().join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    let mut rows = parse_csv(&text);
    let width = rows.first().map_or(0, Vec::len);
    for r in &mut rows {
        r.resize(width, String::new());
    }
    rows
}

fn col(letter: u8, line: usize) -> Option<String> {
    Some(format!("{}{line}", letter as char))
}

/// Seed 001 (Renja 2025, Kabupaten Paser): columns 4–7 each a value and a satuan cell.
pub fn seed_001() -> SeedTc29 {
    let rows = read(SEED_001);
    const PROGRAM: [usize; 3] = [3, 31, 75];
    const KEGIATAN: [usize; 12] = [4, 7, 10, 12, 20, 23, 26, 37, 50, 55, 62, 77];
    let (mut baris, mut baris_csv, mut judul) = (Vec::new(), Vec::new(), 0);
    for (i, r) in rows.iter().enumerate().skip(1) {
        let line = i + 1;
        if r[2].trim().is_empty() && r[3..].iter().all(|c| c.trim().is_empty()) {
            judul += 1;
            continue;
        }
        let level = if r[1].trim().is_empty() {
            Level::Indikator
        } else if PROGRAM.contains(&i) {
            Level::Program
        } else if KEGIATAN.contains(&i) {
            Level::Kegiatan
        } else {
            Level::SubKegiatan
        };
        baris.push(BarisTeks {
            level: Some(level),
            kode: r[0].clone(),
            nama: r[1].clone(),
            indikator: r[2].clone(),
            kolom: [3, 5, 7, 9, 11, 12, 13, 14].map(|c| r[c].clone()),
            satuan: [4, 6, 8, 10].map(|c| r[c].clone()),
            sel: [col(b'L', line), col(b'N', line), col(b'O', line)],
        });
        baris_csv.push(line);
    }
    SeedTc29 {
        stem: "tc29_001",
        tahun: 2025,
        baris,
        baris_csv,
        judul,
    }
}

/// Seed 002 (Kota Banjarbaru, Tabel 2.3): one cell per column, units glued to the values.
pub fn seed_002() -> SeedTc29 {
    let rows = read(SEED_002);
    let (mut baris, mut baris_csv, mut judul) = (Vec::new(), Vec::new(), 0);
    for (i, r) in rows.iter().enumerate().skip(1) {
        let line = i + 1;
        let level = match r[13].as_str() {
            "program" => Level::Program,
            "kegiatan" => Level::Kegiatan,
            "sub_kegiatan" => Level::SubKegiatan,
            "kegiatan_indikator_tambahan" => Level::Indikator,
            _ => {
                judul += 1;
                continue;
            }
        };
        baris.push(BarisTeks {
            level: Some(level),
            kode: r[0].clone(),
            nama: r[1].clone(),
            indikator: r[2].clone(),
            kolom: [3, 4, 5, 6, 7, 8, 9, 10].map(|c| r[c].clone()),
            satuan: Default::default(),
            sel: [col(b'H', line), col(b'J', line), col(b'K', line)],
        });
        baris_csv.push(line);
    }
    SeedTc29 {
        stem: "tc29_002",
        tahun: 2025,
        baris,
        baris_csv,
        judul,
    }
}
