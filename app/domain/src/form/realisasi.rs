//! The *realisasi anggaran* by month (the table planners keep from the SIPD realisasi reports
//! they download, beside the E.81): per program, kegiatan and sub kegiatan, the pagu, the
//! realisasi of each month Januari–Desember, each quarter's realisasi — the sum of its months
//! when any is given (`rollup::bulan_ke_triwulan`; the quarter's cell is then refused and
//! changes through its months), else the quarter as typed or merged — and what they come to:
//! realisasi s.d. the reporting quarter, its share of the pagu (penyerapan) and the sisa
//! anggaran. A report against the year's pagu, like the E.81 (`laporan`); no official sheet of
//! its own.

use super::{col, Column, ColumnKind, Computed, FormKind};
use crate::edit::Cell;

use ColumnKind::{Computed as C, Input as I};

const fn bulan(m: u8, nama: &'static str) -> Column {
    col(I(Cell::BulanRp(m)), nama, 118, true)
}

/// Every column, left to right, as the grid shows them.
pub const COLUMNS: [Column; 22] = [
    col(ColumnKind::Kode, "Kode", 118, false),
    col(
        ColumnKind::Nama,
        "Program / Kegiatan / Sub Kegiatan",
        300,
        false,
    ),
    col(I(Cell::TargetRp), "Pagu anggaran", 136, true),
    bulan(1, "Januari"),
    bulan(2, "Februari"),
    bulan(3, "Maret"),
    col(I(Cell::TwRp(1)), "Realisasi TW I", 128, true),
    bulan(4, "April"),
    bulan(5, "Mei"),
    bulan(6, "Juni"),
    col(I(Cell::TwRp(2)), "Realisasi TW II", 128, true),
    bulan(7, "Juli"),
    bulan(8, "Agustus"),
    bulan(9, "September"),
    col(I(Cell::TwRp(3)), "Realisasi TW III", 128, true),
    bulan(10, "Oktober"),
    bulan(11, "November"),
    bulan(12, "Desember"),
    col(I(Cell::TwRp(4)), "Realisasi TW IV", 128, true),
    col(C(Computed::Rp(12)), "Realisasi s.d. TW", 136, true),
    col(C(Computed::Penyerapan), "% Penyerapan thd pagu", 96, true),
    col(C(Computed::Sisa), "Sisa anggaran", 136, true),
];

/// The realisasi anggaran by month.
pub const REALISASI: FormKind = FormKind {
    key: "realisasi_anggaran",
    title: "Realisasi anggaran per bulan",
    nama: "Realisasi Anggaran",
    columns: &COLUMNS,
    frozen: 2,
    sheet: &[],
    laporan: true,
    kinerja: false,
};
