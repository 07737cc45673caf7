//! The Renja's *rumusan rencana program dan kegiatan* (Tabel 5.1 / 3.1.4 / T-C.35) as a grid
//! over the document's rows: the same values the E.81 shows (the year's target and pagu are its
//! column 7) beside the plan's values the E.81 does not print — lokasi, sumber dana, catatan
//! penting and the prakiraan maju n+1. Printed by `export_renja` (`/dokumen/{id}/unduh/renja`),
//! whose layout follows the Renja's own levels (urusan, bidang urusan, unit organisasi), so the
//! form has no sheet list of its own.

use super::{col, Column, ColumnKind, FormKind};
use crate::edit::Cell;

use ColumnKind::Input as I;

/// Every column, left to right, as the grid shows them.
pub const COLUMNS: [Column; 13] = [
    col(ColumnKind::Kode, "Kode", 118, false),
    col(
        ColumnKind::Nama,
        "Urusan / Bidang Urusan / Program / Kegiatan / Sub Kegiatan",
        300,
        false,
    ),
    col(I(Cell::Indicator), "Indikator Kinerja", 260, false),
    col(I(Cell::Unit), "Satuan", 80, false),
    col(I(Cell::Lokasi), "Lokasi", 160, false),
    col(
        I(Cell::TargetK),
        "Rencana tahun berjalan: target capaian kinerja | kebutuhan dana / pagu indikatif",
        90,
        true,
    ),
    col(
        I(Cell::TargetRp),
        "Rencana tahun berjalan: target capaian kinerja | kebutuhan dana / pagu indikatif",
        140,
        true,
    ),
    col(I(Cell::SumberDana), "Sumber Dana", 140, false),
    col(I(Cell::CatatanPenting), "Catatan Penting", 200, false),
    col(
        I(Cell::MajuK),
        "Prakiraan maju rencana tahun n+1: target | kebutuhan dana",
        90,
        true,
    ),
    col(
        I(Cell::MajuRp),
        "Prakiraan maju rencana tahun n+1: target | kebutuhan dana",
        140,
        true,
    ),
    col(I(Cell::UnitPd), "Unit PD penanggung jawab", 160, false),
    col(I(Cell::Keterangan), "Keterangan", 220, false),
];

/// The Renja.
pub const RENJA: FormKind = FormKind {
    key: crate::renja::FORMULIR_RENJA,
    title: "Renja — Rumusan rencana program dan kegiatan Perangkat Daerah",
    nama: "Renja",
    columns: &COLUMNS,
    frozen: 2,
    sheet: &[],
    laporan: false,
    kinerja: false,
};
