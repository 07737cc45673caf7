//! The *rencana aksi* (target triwulan) as a grid over the document's rows: per indicator the
//! year's target and its Target TW I–IV, per node the pagu and its anggaran kas TW I–IV. The TW
//! targets are checked against the year's by the indicator's aggregation (increments sum to it,
//! a level ends on it: `indicator::target_triwulan`, problem `target_triwulan` at the target).
//! The targets per quarter also print in the PK's lampiran kinerja (`export_pk`).
//!
//! Its official sheet ([`SHEET`]) is seed 004's Tabel 2.4–2.7 (*target triwulan*): `No ·
//! Program/Kegiatan/Sub Kegiatan · Indikator Kinerja · Target Tahun · Target Triwulan I–IV`,
//! with the kode and satuan, and the pagu and anggaran kas per quarter beside the targets (the
//! plan's Rp the seed leaves to the DPA); a numbering row `(1)…`.

use super::{col, sheet, Column, ColumnKind, FormKind, SheetColumn, SheetKind};
use crate::edit::Cell;

use super::SheetLabel::{KRp, Text};
use ColumnKind::Input as I;
use SheetKind::Form as F;

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
    sheet: &SHEET,
    laporan: false,
    kinerja: true,
};

const T_TAHUN: &[&str] = &["Target Tahun {tahun}"];
const T1: &[&str] = &["Target Triwulan I"];
const T2: &[&str] = &["Target Triwulan II"];
const T3: &[&str] = &["Target Triwulan III"];
const T4: &[&str] = &["Target Triwulan IV"];

/// Every column, left to right, as the official sheet prints them: title, K/Rp or own label,
/// Excel width, numbering row.
pub const SHEET: [SheetColumn; 16] = [
    sheet(SheetKind::No, &[], Text("No"), 5.0, "(1)"),
    sheet(F(ColumnKind::Kode), &[], Text("Kode"), 11.5, "(2)"),
    sheet(
        F(ColumnKind::Nama),
        &[],
        Text("Program/Kegiatan/Sub Kegiatan"),
        32.0,
        "(3)",
    ),
    sheet(
        F(I(Cell::Indicator)),
        &[],
        Text("Indikator Kinerja"),
        26.0,
        "(4)",
    ),
    sheet(F(I(Cell::Unit)), &[], Text("Satuan"), 7.5, "(5)"),
    sheet(F(I(Cell::TargetK)), T_TAHUN, KRp, 8.0, "(6)"),
    sheet(F(I(Cell::TargetRp)), T_TAHUN, KRp, 14.0, "(6)"),
    sheet(F(I(Cell::TargetTwK(1))), T1, KRp, 8.0, "(7)"),
    sheet(F(I(Cell::KasRp(1))), T1, KRp, 13.0, "(7)"),
    sheet(F(I(Cell::TargetTwK(2))), T2, KRp, 8.0, "(8)"),
    sheet(F(I(Cell::KasRp(2))), T2, KRp, 13.0, "(8)"),
    sheet(F(I(Cell::TargetTwK(3))), T3, KRp, 8.0, "(9)"),
    sheet(F(I(Cell::KasRp(3))), T3, KRp, 13.0, "(9)"),
    sheet(F(I(Cell::TargetTwK(4))), T4, KRp, 8.0, "(10)"),
    sheet(F(I(Cell::KasRp(4))), T4, KRp, 13.0, "(10)"),
    sheet(
        F(I(Cell::UnitPd)),
        &[],
        Text("Penanggung Jawab"),
        15.0,
        "(11)",
    ),
];
