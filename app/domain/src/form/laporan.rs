//! The *laporan capaian kinerja dan keuangan s.d. triwulan n* (the quarterly report beside the
//! E.81: seed 004's Tabel 3.2, seed 003's Tabel 3.14) as a grid over the document's rows: per
//! program, kegiatan and sub kegiatan and each indicator, the year's target, then per quarter
//! the rencana aksi's target beside the realisation K and Rp and that Rp's share of the
//! quarter's anggaran kas (penyerapan TW, `anggaran::Serapan`), and what they come to — capaian
//! kinerja s.d. TW n (`RowComputed::capaian_sd_tw`: the quarters aggregated by the indicator's
//! semantics against the year's target, with its polarity), realisasi keuangan s.d. TW n and its
//! share of the pagu, the predikat on the workspace's scale. A report against the year's
//! targets, like the E.81 (`laporan`); the E.81 export is its official sheet, so the form has no
//! sheet list of its own.

use super::{col, Column, ColumnKind, Computed, FormKind};
use crate::edit::Cell;

use ColumnKind::{Computed as C, Input as I};

/// Every column, left to right, as the grid shows them.
pub const COLUMNS: [Column; 27] = [
    col(ColumnKind::Kode, "Kode", 118, false),
    col(
        ColumnKind::Nama,
        "Sasaran / Program / Kegiatan / Sub Kegiatan",
        300,
        false,
    ),
    col(I(Cell::Indicator), "Indikator Kinerja", 260, false),
    col(I(Cell::Unit), "Satuan", 80, false),
    col(I(Cell::TargetK), "Target tahun berjalan", 80, true),
    col(I(Cell::TargetRp), "Target tahun berjalan", 130, true),
    col(I(Cell::TargetTwK(1)), "TW I: target", 76, true),
    col(I(Cell::TwK(1)), "TW I: realisasi", 76, true),
    col(I(Cell::TwRp(1)), "TW I: realisasi", 126, true),
    col(
        C(Computed::SerapanKas(1)),
        "TW I: % thd anggaran kas",
        90,
        true,
    ),
    col(I(Cell::TargetTwK(2)), "TW II: target", 76, true),
    col(I(Cell::TwK(2)), "TW II: realisasi", 76, true),
    col(I(Cell::TwRp(2)), "TW II: realisasi", 126, true),
    col(
        C(Computed::SerapanKas(2)),
        "TW II: % thd anggaran kas",
        90,
        true,
    ),
    col(I(Cell::TargetTwK(3)), "TW III: target", 76, true),
    col(I(Cell::TwK(3)), "TW III: realisasi", 76, true),
    col(I(Cell::TwRp(3)), "TW III: realisasi", 126, true),
    col(
        C(Computed::SerapanKas(3)),
        "TW III: % thd anggaran kas",
        90,
        true,
    ),
    col(I(Cell::TargetTwK(4)), "TW IV: target", 76, true),
    col(I(Cell::TwK(4)), "TW IV: realisasi", 76, true),
    col(I(Cell::TwRp(4)), "TW IV: realisasi", 126, true),
    col(
        C(Computed::SerapanKas(4)),
        "TW IV: % thd anggaran kas",
        90,
        true,
    ),
    col(
        C(Computed::CapaianSdTw),
        "% Capaian kinerja s.d. TW",
        96,
        true,
    ),
    col(C(Computed::Rp(12)), "Realisasi keuangan s.d. TW", 130, true),
    col(C(Computed::Penyerapan), "% Realisasi keuangan", 96, true),
    col(C(Computed::Predikat), "Predikat", 110, false),
    col(I(Cell::UnitPd), "Unit PD penanggung jawab", 160, false),
];

/// The laporan capaian kinerja dan keuangan.
pub const LAPORAN: FormKind = FormKind {
    key: "laporan_triwulan",
    title: "Laporan capaian kinerja dan keuangan s.d. triwulan berjalan",
    nama: "Laporan Triwulan",
    columns: &COLUMNS,
    frozen: 2,
    sheet: &[],
    laporan: true,
};
