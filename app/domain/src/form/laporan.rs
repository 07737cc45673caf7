//! The *laporan capaian kinerja dan keuangan s.d. triwulan n* (the quarterly report beside the
//! E.81: seed 004's Tabel 3.2, seed 003's Tabel 3.14) as a grid over the document's rows: per
//! program, kegiatan and sub kegiatan and each indicator, the year's target, then per quarter
//! the rencana aksi's target beside the realisation K and Rp and that Rp's share of the
//! quarter's anggaran kas (penyerapan TW, `anggaran::Serapan`), and what they come to — capaian
//! kinerja s.d. TW n (`RowComputed::capaian_sd_tw`: the quarters aggregated by the indicator's
//! semantics against the year's target, with its polarity), realisasi keuangan s.d. TW n and its
//! share of the pagu, the predikat on the workspace's scale. A report against the year's
//! targets, like the E.81 (`laporan`).
//!
//! Its official sheet ([`SHEET`]) is seed 004's Tabel 3.2.2/3.2.5/3.2.8 widened to the year:
//! one header row of the report's own wording (`Target TW I`, `Realisasi Kinerja TW I`, `%
//! Capaian Kinerja s.d TW II`, …, `{tw}` the reported quarter: `form::with_period`), with the
//! columns a planner needs to recompute it that the seed leaves out — the outline number, the
//! kode, the indikator and satuan, the pagu, the realisasi keuangan of each quarter — and all
//! four quarters, those after the reported one left empty.

use super::{col, sheet, Column, ColumnKind, Computed, FormKind, SheetColumn, SheetKind};
use crate::edit::Cell;

use super::SheetLabel::Text;
use ColumnKind::{Computed as C, Input as I};
use SheetKind::Form as F;

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
    sheet: &SHEET,
    laporan: true,
    kinerja: true,
};

/// One quarter's three columns: its target, its realisasi kinerja and keuangan.
const fn triwulan(
    q: u8,
    target: &'static str,
    kinerja: &'static str,
    keuangan: &'static str,
    n: [&'static str; 3],
) -> [SheetColumn; 3] {
    [
        sheet(F(I(Cell::TargetTwK(q))), &[], Text(target), 8.0, n[0]),
        sheet(F(I(Cell::TwK(q))), &[], Text(kinerja), 9.0, n[1]),
        sheet(F(I(Cell::TwRp(q))), &[], Text(keuangan), 13.0, n[2]),
    ]
}

const TW1: [SheetColumn; 3] = triwulan(
    1,
    "Target TW I",
    "Realisasi Kinerja TW I",
    "Realisasi Keuangan TW I (Rp)",
    ["8", "9", "10"],
);
const TW2: [SheetColumn; 3] = triwulan(
    2,
    "Target TW II",
    "Realisasi Kinerja TW II",
    "Realisasi Keuangan TW II (Rp)",
    ["11", "12", "13"],
);
const TW3: [SheetColumn; 3] = triwulan(
    3,
    "Target TW III",
    "Realisasi Kinerja TW III",
    "Realisasi Keuangan TW III (Rp)",
    ["14", "15", "16"],
);
const TW4: [SheetColumn; 3] = triwulan(
    4,
    "Target TW IV",
    "Realisasi Kinerja TW IV",
    "Realisasi Keuangan TW IV (Rp)",
    ["17", "18", "19"],
);

/// Every column, left to right, as the official sheet prints them: one header row each
/// (`{tahun}`, `{tw}`: `form::with_period`), Excel width, numbering.
pub const SHEET: [SheetColumn; 24] = [
    sheet(SheetKind::No, &[], Text("No"), 5.0, "1"),
    sheet(
        SheetKind::Sasaran,
        &[],
        Text("Sasaran Strategis"),
        16.0,
        "2",
    ),
    sheet(F(ColumnKind::Kode), &[], Text("Kode"), 11.5, "3"),
    sheet(
        F(ColumnKind::Nama),
        &[],
        Text("Program/Kegiatan/Sub Kegiatan"),
        30.0,
        "4",
    ),
    sheet(
        F(I(Cell::Indicator)),
        &[],
        Text("Indikator Kinerja"),
        24.0,
        "5",
    ),
    sheet(F(I(Cell::Unit)), &[], Text("Satuan"), 7.5, "6"),
    sheet(F(I(Cell::TargetK)), &[], Text("Target {tahun}"), 8.0, "7"),
    sheet(
        F(I(Cell::TargetRp)),
        &[],
        Text("Pagu Anggaran {tahun} (Rp)"),
        13.5,
        "7a",
    ),
    TW1[0],
    TW1[1],
    TW1[2],
    TW2[0],
    TW2[1],
    TW2[2],
    TW3[0],
    TW3[1],
    TW3[2],
    TW4[0],
    TW4[1],
    TW4[2],
    sheet(
        F(C(Computed::CapaianSdTw)),
        &[],
        Text("% Capaian Kinerja s.d TW {tw}"),
        9.0,
        "20",
    ),
    sheet(
        F(C(Computed::Rp(12))),
        &[],
        Text("Realisasi Keuangan s.d TW {tw} (Rp)"),
        13.5,
        "21",
    ),
    sheet(
        F(C(Computed::Penyerapan)),
        &[],
        Text("% Capaian Keuangan s.d TW {tw}"),
        9.0,
        "22",
    ),
    sheet(
        F(C(Computed::Predikat)),
        &[],
        Text("Predikat Kinerja"),
        11.0,
        "23",
    ),
];
