//! Renja tables built from the seeds' CSV copies (`tests/fixtures/seeds/`): the rows as the
//! seed prints them, amounts and targets read with `capaian_domain::num::parse_cell` (a
//! malformed amount such as `259.987.00,00` is no amount), each row's level from the CSV's
//! `_level` column where it has one (seed 002), else from what the seed shows (seed 001: see
//! [`seed_001`]).

use std::path::{Path, PathBuf};

use super::csv::parse_csv;
use capaian_domain::model::KValue;
use capaian_domain::num::{parse_cell, CellValue};
use capaian_domain::rencana::Versi;
use capaian_domain::renja::{BarisRenja, Cetakan, JumlahRenja, Renja, TingkatRenja};
use rust_decimal::Decimal;

/// `tests/fixtures/seeds` at the project root.
pub fn seeds_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/seeds")
}

pub const SEED_001: &str = "001/Tabel_3.1.4_rencana_program_kegiatan_2025_prakiraan_maju_2026.csv";
pub const SEED_002_TABEL_51: &str =
    "002/tabel_5.1_rumusan_rencana_program_kegiatan_2024_prakiraan_2025.csv";
pub const SEED_002_LAMPIRAN: &str =
    "002/lampiran_rencana_program_kegiatan_perubahan_renja_2024.csv";

/// A seed's rows: the header and the data rows (each padded to the header's width).
pub fn read_seed(rel: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let path = seeds_dir().join(rel);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    let mut rows = parse_csv(&text);
    assert!(!rows.is_empty(), "{path:?} is empty");
    let header = rows.remove(0);
    for r in &mut rows {
        r.resize(header.len(), String::new());
    }
    (header, rows)
}

/// An amount: a number, `-` (zero), or None (blank, or a cell that is not a number such as
/// `259.987.00,00`).
pub fn amount(raw: &str) -> Option<Decimal> {
    match parse_cell(raw).0.value {
        CellValue::Number {
            value,
            percent: false,
            unit: None,
        } => Some(value),
        CellValue::Dash => Some(Decimal::ZERO),
        _ => None,
    }
}

/// A target and its satuan (`5 dok` → 5, `dok`; `76%` → 76, `%`; `A` → the grade).
pub fn target(raw: &str) -> (Option<KValue>, Option<String>) {
    parse_cell(raw).0.value.k_dan_satuan()
}

/// The level a seed's `_level` column names; None for a further indicator row; `Err` for
/// the table's total row.
pub fn level(meta: &str) -> Result<Option<TingkatRenja>, ()> {
    Ok(Some(match meta {
        "urusan" => TingkatRenja::Urusan,
        "bidang_urusan" => TingkatRenja::BidangUrusan,
        "unit_organisasi" => TingkatRenja::Unit,
        "program" => TingkatRenja::Program,
        "kegiatan" => TingkatRenja::Kegiatan,
        "sub_kegiatan" => TingkatRenja::SubKegiatan,
        "total" => return Err(()),
        _ => return Ok(None),
    }))
}

/// Where a version's values are in a seed's CSV (0-based columns).
#[derive(Clone, Copy, Default)]
pub struct Kolom {
    pub indikator: Option<usize>,
    pub kelompok: Option<usize>,
    pub lokasi: Option<usize>,
    pub target: Option<usize>,
    pub pagu: Option<usize>,
    pub sumber: Option<usize>,
}

fn cell(r: &[String], c: Option<usize>) -> &str {
    c.and_then(|c| r.get(c)).map_or("", |s| s.trim())
}

fn fill(b: &mut BarisRenja, versi: Versi, r: &[String], k: &Kolom) {
    let is = b.isian_mut(versi);
    is.indikator = cell(r, k.indikator).to_string();
    is.kelompok_sasaran = cell(r, k.kelompok).to_string();
    is.lokasi = cell(r, k.lokasi).to_string();
    (is.target, is.satuan) = target(cell(r, k.target));
    is.pagu = amount(cell(r, k.pagu));
    is.sumber_dana = cell(r, k.sumber).to_string();
}

/// The kegiatan of seed 001. The seed states no kode and no level (its No column is empty):
/// programs are the rows named `PROGRAM …`, the urusan is the first row, the PD's row (its
/// total) comes before the first program, and kegiatan are told from sub kegiatan by name —
/// these eleven, as the seed analysis (§3.4) sums them.
pub const KEGIATAN_001: [&str; 11] = [
    "Perencanaan, Penganggaran dan Evaluasi Kinerja Perangkat Daerah",
    "Administrasi Keuangan Perangkat Daerah",
    "Administrasi Umum Perangkat Daerah",
    "Penggandaan Barang Milik Daerah Penunjang Urusan Pemerintah Daerah",
    "Penyediaan Jasa Penunjang Urusan Pemerintahan Daerah",
    "Pemeliharaan Barang Milik Daerah Penunjang Urusan Pemerintahan Daerah",
    "Pengadaan, Pemberhentian dan Informasi Kepegawaian ASN",
    "Mutasi dan Promosi ASN",
    "Pengembangan Kompetensi ASN",
    "Penilaian dan Evaluasi Kinerja Aparatur",
    "Sertifikasi, Kelembagaan, Pengembangan Kompetensi Manajerial dan Fungsional",
];

/// Seed 001's Tabel 3.1.4: a Renja (murni) for 2025 with the prakiraan maju 2026, no kode,
/// the PD's row holding its total.
pub fn seed_001() -> Renja {
    let (_, rows) = read_seed(SEED_001);
    let k = Kolom {
        indikator: Some(2),
        lokasi: Some(3),
        target: Some(4),
        pagu: Some(5),
        sumber: Some(6),
        kelompok: None,
    };
    let mut baris = Vec::new();
    let mut program_seen = false;
    for (i, r) in rows.iter().enumerate() {
        let nama = r[1].trim();
        let tingkat = if nama.is_empty() {
            None
        } else if i == 0 {
            Some(TingkatRenja::Urusan)
        } else if nama.to_lowercase().starts_with("program") {
            program_seen = true;
            Some(TingkatRenja::Program)
        } else if !program_seen {
            Some(TingkatRenja::Unit)
        } else if KEGIATAN_001.contains(&nama) {
            Some(TingkatRenja::Kegiatan)
        } else {
            Some(TingkatRenja::SubKegiatan)
        };
        let mut b = BarisRenja::kosong(tingkat);
        b.baris = i as u32 + 2;
        b.nama = nama.to_string();
        fill(&mut b, Versi::Murni, r, &k);
        b.catatan = r[7].trim().to_string();
        (b.maju.target, b.maju.satuan) = target(&r[8]);
        b.maju.pagu = amount(&r[9]);
        baris.push(b);
    }
    Renja {
        tahun: Some(2025),
        cetakan: Cetakan::Murni,
        lembar: "Tabel 3.1.4".into(),
        baris,
        ..Renja::default()
    }
}

/// A seed 002 table: rows by `_level`, the kode as printed and `_kode_norm`, the `total` row
/// as the table's Jumlah.
fn seed_002(
    rel: &str,
    cetakan: Cetakan,
    versi: &[(Versi, Kolom)],
    maju: (usize, usize),
    selisih: Option<usize>,
) -> Renja {
    let (header, rows) = read_seed(rel);
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("{rel}: no column {name}"))
    };
    let (c_level, c_kode) = (col("_level"), col("_kode_norm"));
    let mut out = Renja {
        tahun: Some(2024),
        cetakan,
        lembar: rel.to_string(),
        ..Renja::default()
    };
    for (i, r) in rows.iter().enumerate() {
        let sheet_row = i as u32 + 2;
        let tingkat = match level(r[c_level].trim()) {
            Ok(t) => t,
            Err(()) => {
                let pagu = |v: Versi| {
                    versi
                        .iter()
                        .find(|(w, _)| *w == v)
                        .and_then(|(_, k)| amount(cell(r, k.pagu)))
                };
                out.jumlah = Some(JumlahRenja {
                    baris: sheet_row,
                    murni: pagu(Versi::Murni),
                    perubahan: pagu(Versi::Perubahan),
                    maju: amount(&r[maju.1]),
                });
                continue;
            }
        };
        let mut b = BarisRenja::kosong(tingkat);
        b.baris = sheet_row;
        let kode = r[0].trim();
        if tingkat.is_some() && !kode.is_empty() {
            b.kode_berkas = Some(kode.to_string());
            let norm = r[c_kode].trim();
            b.kode = (!norm.is_empty()).then(|| norm.to_string());
        }
        b.nama = if tingkat.is_some() {
            r[1].trim().to_string()
        } else {
            String::new()
        };
        for (v, k) in versi {
            fill(&mut b, *v, r, k);
        }
        (b.maju.target, b.maju.satuan) = target(&r[maju.0]);
        b.maju.pagu = amount(&r[maju.1]);
        b.selisih = selisih.and_then(|c| amount(&r[c]));
        out.baris.push(b);
    }
    out
}

/// Seed 002's Tabel 5.1 of the Renja Perubahan 2024 (the changed figures), with kode.
pub fn seed_002_tabel_51() -> Renja {
    seed_002(
        SEED_002_TABEL_51,
        Cetakan::Perubahan,
        &[(
            Versi::Perubahan,
            Kolom {
                indikator: Some(6),
                lokasi: Some(4),
                target: Some(7),
                pagu: Some(8),
                ..Kolom::default()
            },
        )],
        (9, 10),
        None,
    )
}

/// Seed 002's lampiran of the Renja Perubahan 2024: sebelum and setelah perubahan.
pub fn seed_002_lampiran() -> Renja {
    let k = |o: usize| Kolom {
        indikator: Some(2 + o),
        kelompok: Some(4 + o),
        lokasi: Some(6 + o),
        target: Some(8 + o),
        pagu: Some(10 + o),
        sumber: Some(13 + o),
    };
    seed_002(
        SEED_002_LAMPIRAN,
        Cetakan::SebelumSesudah,
        &[(Versi::Murni, k(0)), (Versi::Perubahan, k(1))],
        (15, 16),
        Some(12),
    )
}
