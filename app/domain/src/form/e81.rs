//! Formulir E.81 (Permendagri 86/2017, evaluasi hasil Renja PD per triwulan): its columns in
//! the order and with the numbering of the form, as the grid shows them ([`COLUMNS`]) and as
//! the official sheet prints them ([`SHEET`]).

use super::{col, sheet, Column, ColumnKind, Computed, FormKind, SheetColumn, SheetKind};
use crate::edit::Cell;

use super::SheetLabel::{KRp, Text};
use ColumnKind::{Computed as C, Input as I};
use SheetKind::Form as F;

/// Every column, left to right, as the grid shows them.
pub const COLUMNS: [Column; 30] = [
    col(ColumnKind::Kode, "Kode", 118, false),
    col(
        ColumnKind::Nama,
        "3. Program / Kegiatan / Sub Kegiatan",
        300,
        false,
    ),
    col(I(Cell::Indicator), "4. Indikator Kinerja", 260, false),
    col(I(Cell::Unit), "Satuan", 80, false),
    col(I(Cell::RenstraK), "5. Target Renstra", 80, true),
    col(I(Cell::RenstraRp), "5. Target Renstra", 130, true),
    col(I(Cell::PrevK), "6. Realisasi s.d. tahun lalu", 80, true),
    col(I(Cell::PrevRp), "6. Realisasi s.d. tahun lalu", 130, true),
    col(I(Cell::TargetK), "7. Target tahun berjalan", 80, true),
    col(I(Cell::TargetRp), "7. Target tahun berjalan", 130, true),
    col(I(Cell::TwK(1)), "8. Triwulan I", 76, true),
    col(I(Cell::TwRp(1)), "8. Triwulan I", 126, true),
    col(I(Cell::TwK(2)), "9. Triwulan II", 76, true),
    col(I(Cell::TwRp(2)), "9. Triwulan II", 126, true),
    col(I(Cell::TwK(3)), "10. Triwulan III", 76, true),
    col(I(Cell::TwRp(3)), "10. Triwulan III", 126, true),
    col(I(Cell::TwK(4)), "11. Triwulan IV", 76, true),
    col(I(Cell::TwRp(4)), "11. Triwulan IV", 126, true),
    col(C(Computed::K(12)), "12. Realisasi (8+9+10+11)", 80, true),
    col(C(Computed::Rp(12)), "12. Realisasi (8+9+10+11)", 130, true),
    col(C(Computed::K(13)), "13. Capaian (12/7) %", 76, true),
    col(C(Computed::Rp(13)), "13. Capaian (12/7) %", 76, true),
    col(C(Computed::K(14)), "14. Realisasi Renstra (6+12)", 80, true),
    col(
        C(Computed::Rp(14)),
        "14. Realisasi Renstra (6+12)",
        130,
        true,
    ),
    col(C(Computed::K(15)), "15. Capaian Renstra (14/5) %", 76, true),
    col(
        C(Computed::Rp(15)),
        "15. Capaian Renstra (14/5) %",
        76,
        true,
    ),
    col(C(Computed::Predikat), "Predikat", 110, false),
    // Column 2 of the form, after the figures: Keterangan stays the last column (End).
    col(I(Cell::Sasaran), "2. Sasaran yang didukung", 240, false),
    col(I(Cell::UnitPd), "16. Unit PD penanggung jawab", 160, false),
    col(I(Cell::Keterangan), "17. Keterangan", 220, false),
];

// The official header titles over the K/Rp columns (`{tahun}`: see `form::with_year`).
const T5: &[&str] = &["Target Renstra Perangkat Daerah pada Tahun Akhir Periode Renstra"];
const T6: &[&str] = &["Realisasi Capaian Kinerja Renstra Perangkat Daerah sampai dengan Renja Perangkat Daerah Tahun Lalu ({tahun_lalu})"];
const T7: &[&str] = &[
    "Target Kinerja dan Anggaran Renja Perangkat Daerah Tahun Berjalan ({tahun}) yang Dievaluasi",
];
const TRIWULAN: &str = "Realisasi Kinerja pada Triwulan";
const T8: &[&str] = &[TRIWULAN, "I"];
const T9: &[&str] = &[TRIWULAN, "II"];
const T10: &[&str] = &[TRIWULAN, "III"];
const T11: &[&str] = &[TRIWULAN, "IV"];
const T12: &[&str] =
    &["Realisasi Capaian Kinerja dan Anggaran Renja Perangkat Daerah yang Dievaluasi"];
const T13: &[&str] =
    &["Tingkat Capaian Kinerja dan Realisasi Anggaran Renja Perangkat Daerah yang Dievaluasi (%)"];
const T14: &[&str] = &["Realisasi Kinerja dan Anggaran Renstra Perangkat Daerah s/d Tahun {tahun}"];
const T15: &[&str] = &[
    "Tingkat Capaian Kinerja dan Realisasi Anggaran Renstra Perangkat Daerah s/d Tahun {tahun} (%)",
];

/// Every column, left to right, as the official sheet prints them: title, K/Rp or own label,
/// Excel width, numbering row.
pub const SHEET: [SheetColumn; 30] = [
    sheet(SheetKind::No, &[], Text("No"), 4.5, "1"),
    sheet(SheetKind::Sasaran, &[], Text("Sasaran"), 7.0, "2"),
    sheet(F(ColumnKind::Kode), &[], Text("Kode"), 11.5, "3"),
    sheet(
        F(ColumnKind::Nama),
        &[],
        Text("Program/Kegiatan/Sub Kegiatan"),
        30.0,
        "3",
    ),
    sheet(
        F(I(Cell::Indicator)),
        &[],
        Text("Indikator Kinerja Program (outcome)/ Kegiatan (output)"),
        28.0,
        "4",
    ),
    sheet(F(I(Cell::RenstraK)), T5, KRp, 6.5, "5"),
    sheet(F(I(Cell::Unit)), T5, Text("Satuan"), 7.5, "5"),
    sheet(F(I(Cell::RenstraRp)), T5, KRp, 12.5, "5"),
    sheet(F(I(Cell::PrevK)), T6, KRp, 6.5, "6"),
    sheet(F(I(Cell::PrevRp)), T6, KRp, 12.5, "6"),
    sheet(F(I(Cell::TargetK)), T7, KRp, 6.5, "7"),
    sheet(F(I(Cell::TargetRp)), T7, KRp, 12.5, "7"),
    sheet(F(I(Cell::TwK(1))), T8, KRp, 6.5, "8"),
    sheet(F(I(Cell::TwRp(1))), T8, KRp, 11.5, "8"),
    sheet(F(I(Cell::TwK(2))), T9, KRp, 6.5, "9"),
    sheet(F(I(Cell::TwRp(2))), T9, KRp, 11.5, "9"),
    sheet(F(I(Cell::TwK(3))), T10, KRp, 6.5, "10"),
    sheet(F(I(Cell::TwRp(3))), T10, KRp, 11.5, "10"),
    sheet(F(I(Cell::TwK(4))), T11, KRp, 6.5, "11"),
    sheet(F(I(Cell::TwRp(4))), T11, KRp, 11.5, "11"),
    sheet(F(C(Computed::K(12))), T12, KRp, 6.5, "12 = 8 + 9 + 10 + 11"),
    sheet(
        F(C(Computed::Rp(12))),
        T12,
        KRp,
        12.5,
        "12 = 8 + 9 + 10 + 11",
    ),
    sheet(F(C(Computed::K(13))), T13, KRp, 6.5, "13 = 12/7 x 100"),
    sheet(F(C(Computed::Rp(13))), T13, KRp, 7.0, "13 = 12/7 x 100"),
    sheet(F(C(Computed::K(14))), T14, KRp, 6.5, "14 = 6 + 12"),
    sheet(F(C(Computed::Rp(14))), T14, KRp, 12.5, "14 = 6 + 12"),
    sheet(F(C(Computed::K(15))), T15, KRp, 6.5, "15 = 14/5 x 100"),
    sheet(F(C(Computed::Rp(15))), T15, KRp, 7.0, "15 = 14/5 x 100"),
    sheet(
        F(I(Cell::UnitPd)),
        &[],
        Text("Unit Perangkat Daerah Penanggung Jawab"),
        15.0,
        "16",
    ),
    sheet(F(I(Cell::Keterangan)), &[], Text("Keterangan"), 13.0, "17"),
];

/// Formulir E.81.
pub const E81: FormKind = FormKind {
    key: "E.81",
    title: "Formulir E.81 — Evaluasi terhadap hasil Renja Perangkat Daerah",
    nama: "Formulir E.81",
    columns: &COLUMNS,
    // Kode and Program / Kegiatan / Sub Kegiatan.
    frozen: 2,
    sheet: &SHEET,
    laporan: true,
    kinerja: false,
};
