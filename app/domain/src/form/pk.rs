//! The Perjanjian Kinerja's lampiran as a grid over the document's rows: each indicator's
//! target (the E.81's column 7 K) and each program's, kegiatan's and sub kegiatan's anggaran
//! (column 7 Rp), with the keterangan. The signed document — statement page, lampiran kinerja
//! and anggaran with the Jumlah and its terbilang — is printed by `export_pk` from the plan
//! (`/dokumen/{id}/unduh/pk`), in a layout of its own; the form has no sheet list.

use super::{col, Column, ColumnKind, FormKind};
use crate::edit::Cell;

use ColumnKind::Input as I;

/// Every column, left to right, as the grid shows them.
pub const COLUMNS: [Column; 7] = [
    col(ColumnKind::Kode, "Kode", 118, false),
    col(
        ColumnKind::Nama,
        "Program / Kegiatan / Sub Kegiatan",
        300,
        false,
    ),
    col(I(Cell::Indicator), "Indikator Kinerja", 300, false),
    col(I(Cell::Unit), "Satuan", 90, false),
    col(I(Cell::TargetK), "Target", 100, true),
    col(I(Cell::TargetRp), "Anggaran", 150, true),
    col(I(Cell::Keterangan), "Keterangan", 240, false),
];

/// The Perjanjian Kinerja.
pub const PK: FormKind = FormKind {
    key: crate::pk::FORMULIR_PK,
    title: "Perjanjian Kinerja — lampiran kinerja dan anggaran",
    nama: "Perjanjian Kinerja",
    columns: &COLUMNS,
    frozen: 2,
    sheet: &[],
    laporan: false,
    kinerja: true,
};
