//! Errors that stop a workbook from being read at all. Everything softer (an unreadable
//! cell, a value that does not add up) is a located [`capaian_domain::model::Problem`].

use thiserror::Error;

/// Why a workbook could not be read. Messages are in Bahasa Indonesia and name the sheet
/// (and cell, when known) so a planning team can find the spot in their file.
#[derive(Debug, Error)]
pub enum ReadError {
    #[error("Berkas bukan workbook Excel (.xlsx): {detail}")]
    NotXlsx { detail: String },

    #[error("Berkas terlalu besar: {size} byte (batas {limit} byte)")]
    TooLarge { size: u64, limit: u64 },

    #[error(
        "Berkas ditolak: isi '{entry}' mengembang dari {compressed} byte menjadi {uncompressed} byte \
         (rasio {ratio}, batas {limit}); kemungkinan bom zip"
    )]
    CompressionRatio {
        entry: String,
        compressed: u64,
        uncompressed: u64,
        ratio: u64,
        limit: u64,
    },

    #[error(
        "Berkas ditolak: total isi yang belum dikompresi {total} byte melebihi batas {limit} byte; \
         kemungkinan bom zip"
    )]
    UncompressedTooLarge { total: u64, limit: u64 },

    #[error("Workbook rusak atau tidak dapat dibaca: {detail}")]
    Damaged { detail: String },

    #[error("Sheet '{sheet}' rusak (XML tidak valid): {detail}")]
    MalformedSheet { sheet: String, detail: String },

    #[error(
        "Tidak ditemukan sheet Formulir {form} (judul kolom seperti 'Indikator Kinerja', \
         'Target Kinerja dan Anggaran Renja', 'Realisasi Kinerja pada Triwulan'). Sheet yang diperiksa: {}",
        list_sheets(.sheets_seen)
    )]
    FormNotFound {
        form: String,
        sheets_seen: Vec<String>,
    },

    #[error(
        "Tidak ditemukan tabel anggaran SIPD (judul kolom seperti 'Kode Rekening', 'Anggaran', \
         'Realisasi', 'Nilai Rincian', 'bulan 1'). Sheet yang diperiksa: {}",
        list_sheets(.sheets_seen)
    )]
    SipdNotFound { sheets_seen: Vec<String> },

    #[error(
        "Tidak ditemukan tabel Renja (rencana program dan kegiatan): perlu judul kolom seperti \
         'Program/Kegiatan', 'Indikator Kinerja', 'Target Capaian Kinerja', 'Kebutuhan Dana/Pagu \
         Indikatif'{}. Sheet yang diperiksa: {}",
        alasan_of(.alasan),
        list_sheets(.sheets_seen)
    )]
    RenjaNotFound {
        sheets_seen: Vec<String>,
        /// Why the sheets looked like another table (`sheet 'X' berisi kolom Realisasi/Triwulan …`).
        alasan: Vec<String>,
    },

    #[error(
        "Tidak ditemukan lampiran Perjanjian Kinerja: perlu tabel dengan judul kolom seperti \
         'Sasaran', 'Indikator Kinerja', 'Target' (dan untuk anggaran 'Program/Kegiatan', \
         'Anggaran'){}. Sheet yang diperiksa: {}",
        alasan_of(.alasan),
        list_sheets(.sheets_seen)
    )]
    PkNotFound {
        sheets_seen: Vec<String>,
        /// Why the sheets looked like another table (`sheet 'X' berisi kolom Realisasi …`).
        alasan: Vec<String>,
    },

    #[error(
        "Tidak ditemukan tabel tujuan, sasaran dan indikator kinerja utama Renstra: perlu judul \
         kolom seperti 'Tujuan', 'Sasaran', 'Indikator Kinerja Utama', 'Baseline', 'Target 2025'{}. \
         Sheet yang diperiksa: {}",
        alasan_of(.alasan),
        list_sheets(.sheets_seen)
    )]
    KinerjaNotFound {
        sheets_seen: Vec<String>,
        /// Why the sheets looked like another table (`sheet 'X' berisi kolom Realisasi …`).
        alasan: Vec<String>,
    },

    #[error(
        "Tidak ditemukan tabel capaian indikator kinerja LKjIP (Bab III A): perlu judul kolom \
         seperti 'Indikator Kinerja Utama', 'Target', 'Realisasi' dan 'Capaian' (atau \
         'Tingkat Efisiensi'). Sheet yang diperiksa: {}",
        list_sheets(.sheets_seen)
    )]
    LkjipNotFound { sheets_seen: Vec<String> },

    #[error(
        "Tidak ditemukan tabel T-C.29 (rekapitulasi evaluasi Renja dan pencapaian Renstra): perlu \
         judul kolom seperti 'Indikator Kinerja', 'Target … Renstra', 'Target Renja', 'Realisasi \
         Renja', 'Tingkat Realisasi'. Sheet yang diperiksa: {}",
        list_sheets(.sheets_seen)
    )]
    Tc29NotFound { sheets_seen: Vec<String> },

    #[error("Berkas tidak dapat dibuka: {0}")]
    Io(#[from] std::io::Error),
}

fn alasan_of(alasan: &[String]) -> String {
    if alasan.is_empty() {
        String::new()
    } else {
        format!(" ({})", alasan.join("; "))
    }
}

fn list_sheets(sheets: &[String]) -> String {
    if sheets.is_empty() {
        "(tidak ada sheet)".to_string()
    } else {
        sheets
            .iter()
            .map(|s| format!("'{s}'"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Errors reading a document back from its JSON form.
#[derive(Debug, Error, PartialEq)]
pub enum JsonError {
    #[error("JSON dokumen tidak valid di {path}: {detail}")]
    Invalid { path: String, detail: String },
}

impl JsonError {
    pub(crate) fn at(path: impl Into<String>, detail: impl Into<String>) -> Self {
        JsonError::Invalid {
            path: path.into(),
            detail: detail.into(),
        }
    }
}
