//! The *rencana aksi* (target triwulan) as a grid over the document's rows: per indicator the
//! year's target and its Target TW I–IV, per node the pagu and its anggaran kas TW I–IV. The TW
//! targets are checked against the year's by the indicator's aggregation (increments sum to it,
//! a level ends on it: `indicator::target_triwulan`, problem `target_triwulan` at the target).
//! The targets per quarter also print in the PK's lampiran kinerja (`export_pk`), which is the
//! official sheet of them; the form has no sheet list of its own.

use super::{col, Column, ColumnKind, FormKind};
use crate::edit::Cell;

use ColumnKind::Input as I;

/// Every column, left to right, as the grid shows them.
pub const COLUMNS: [Column; 15] = [
    col(ColumnKind::Kode, "Kode", 118, false),
    col(
        ColumnKind::Nama,
        "Program / Kegiatan / Sub Kegiatan",
        300,
        false,
    ),
    col(I(Cell::Indicator), "Indikator Kinerja", 260, false),
    col(I(Cell::Unit), "Satuan", 80, false),
    col(I(Cell::TargetK), "Target tahun berjalan", 90, true),
    col(I(Cell::TargetRp), "Target tahun berjalan", 140, true),
    col(
        I(Cell::TargetTwK(1)),
        "TW I: target | anggaran kas",
        80,
        true,
    ),
    col(I(Cell::KasRp(1)), "TW I: target | anggaran kas", 130, true),
    col(
        I(Cell::TargetTwK(2)),
        "TW II: target | anggaran kas",
        80,
        true,
    ),
    col(I(Cell::KasRp(2)), "TW II: target | anggaran kas", 130, true),
    col(
        I(Cell::TargetTwK(3)),
        "TW III: target | anggaran kas",
        80,
        true,
    ),
    col(
        I(Cell::KasRp(3)),
        "TW III: target | anggaran kas",
        130,
        true,
    ),
    col(
        I(Cell::TargetTwK(4)),
        "TW IV: target | anggaran kas",
        80,
        true,
    ),
    col(I(Cell::KasRp(4)), "TW IV: target | anggaran kas", 130, true),
    col(I(Cell::UnitPd), "Penanggung jawab", 160, false),
];

/// The rencana aksi.
pub const RENCANA_AKSI: FormKind = FormKind {
    key: "rencana_aksi",
    title: "Rencana Aksi — target dan anggaran kas per triwulan",
    nama: "Rencana Aksi",
    columns: &COLUMNS,
    frozen: 2,
    sheet: &[],
    laporan: false,
};
