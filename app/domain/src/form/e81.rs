//! Formulir E.81 (Permendagri 86/2017, evaluasi hasil Renja PD per triwulan): its columns in
//! the order and with the numbering of the form.

use super::{col, Column, ColumnKind, Computed, FormKind};
use crate::edit::Cell;

use ColumnKind::{Computed as C, Input as I};

/// Every column, left to right.
pub const COLUMNS: [Column; 29] = [
    col(ColumnKind::Kode, "Kode", "", 118, false),
    col(
        ColumnKind::Nama,
        "3. Program / Kegiatan / Sub Kegiatan",
        "",
        300,
        false,
    ),
    col(I(Cell::Indicator), "4. Indikator Kinerja", "", 260, false),
    col(I(Cell::Unit), "Satuan", "", 80, false),
    col(I(Cell::RenstraK), "5. Target Renstra", "K", 80, true),
    col(I(Cell::RenstraRp), "5. Target Renstra", "Rp", 130, true),
    col(
        I(Cell::PrevK),
        "6. Realisasi s.d. tahun lalu",
        "K",
        80,
        true,
    ),
    col(
        I(Cell::PrevRp),
        "6. Realisasi s.d. tahun lalu",
        "Rp",
        130,
        true,
    ),
    col(I(Cell::TargetK), "7. Target tahun berjalan", "K", 80, true),
    col(
        I(Cell::TargetRp),
        "7. Target tahun berjalan",
        "Rp",
        130,
        true,
    ),
    col(I(Cell::TwK(1)), "8. Triwulan I", "K", 76, true),
    col(I(Cell::TwRp(1)), "8. Triwulan I", "Rp", 126, true),
    col(I(Cell::TwK(2)), "9. Triwulan II", "K", 76, true),
    col(I(Cell::TwRp(2)), "9. Triwulan II", "Rp", 126, true),
    col(I(Cell::TwK(3)), "10. Triwulan III", "K", 76, true),
    col(I(Cell::TwRp(3)), "10. Triwulan III", "Rp", 126, true),
    col(I(Cell::TwK(4)), "11. Triwulan IV", "K", 76, true),
    col(I(Cell::TwRp(4)), "11. Triwulan IV", "Rp", 126, true),
    col(
        C(Computed::K(12)),
        "12. Realisasi (8+9+10+11)",
        "K",
        80,
        true,
    ),
    col(
        C(Computed::Rp(12)),
        "12. Realisasi (8+9+10+11)",
        "Rp",
        130,
        true,
    ),
    col(C(Computed::K(13)), "13. Capaian (12/7) %", "K", 76, true),
    col(C(Computed::Rp(13)), "13. Capaian (12/7) %", "Rp", 76, true),
    col(
        C(Computed::K(14)),
        "14. Realisasi Renstra (6+12)",
        "K",
        80,
        true,
    ),
    col(
        C(Computed::Rp(14)),
        "14. Realisasi Renstra (6+12)",
        "Rp",
        130,
        true,
    ),
    col(
        C(Computed::K(15)),
        "15. Capaian Renstra (14/5) %",
        "K",
        76,
        true,
    ),
    col(
        C(Computed::Rp(15)),
        "15. Capaian Renstra (14/5) %",
        "Rp",
        76,
        true,
    ),
    col(C(Computed::Predikat), "Predikat", "", 110, false),
    col(
        I(Cell::UnitPd),
        "16. Unit PD penanggung jawab",
        "",
        160,
        false,
    ),
    col(I(Cell::Keterangan), "17. Keterangan", "", 220, false),
];

/// Formulir E.81.
pub const E81: FormKind = FormKind {
    key: "E.81",
    title: "Formulir E.81 — Evaluasi terhadap hasil Renja Perangkat Daerah",
    columns: &COLUMNS,
    // Kode and Program / Kegiatan / Sub Kegiatan.
    frozen: 2,
};
