//! A Renja workbook written for a test, from E.81 rows (the same indicators, targets and pagu).

/// The agency's Renja (Tabel 5.1 as it prints it: kode, names, indicators, target with its
/// unit, pagu as text) of `rows`, under a bidang urusan and a unit organisasi row.
/// Lokasi and sumber dana are the row's (`rencana`), else `Kota Banjarbaru` and `APBD`; the
/// catatan and the n+1 pagu are the row's.
pub fn renja_workbook(tahun: i32, rows: &[capaian_domain::model::Row]) -> Vec<u8> {
    use capaian_domain::model::{KValue, Level};
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Tabel 5.1").expect("name");
    let mut put = |r: u32, c: u16, s: &str| {
        sheet.write_string(r, c, s).expect("cell");
    };
    put(
        0,
        0,
        "TABEL 5.1 RUMUSAN RENCANA PROGRAM DAN KEGIATAN PERANGKAT DAERAH",
    );
    put(2, 0, "Kode");
    put(
        2,
        1,
        "Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan/Sub Kegiatan",
    );
    put(2, 2, "Indikator Kinerja Program/Kegiatan/Sub Kegiatan");
    put(2, 3, &format!("Rencana Tahun {tahun}"));
    put(2, 7, "Catatan Penting");
    put(2, 8, &format!("Prakiraan Maju Rencana Tahun {}", tahun + 1));
    for (c, s) in [
        (3, "Lokasi"),
        (4, "Target Capaian Kinerja"),
        (5, "Kebutuhan Dana/Pagu Indikatif"),
        (6, "Sumber Dana"),
        (8, "Target Capaian Kinerja"),
        (9, "Kebutuhan Dana/Pagu Indikatif"),
    ] {
        put(3, c, s);
    }
    for c in 0..10u16 {
        put(4, c, &format!("({})", c + 1));
    }
    put(5, 0, "5.03");
    put(5, 1, "KEPEGAWAIAN");
    put(6, 0, "01.00");
    put(
        6,
        1,
        "BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA",
    );
    let money = |v: rust_decimal::Decimal| capaian_domain::num::format_id(v, 2);
    for (i, row) in rows.iter().enumerate() {
        let r = 7 + i as u32;
        if row.level != Level::Indikator {
            put(r, 0, row.kode_shown().unwrap_or_default());
            put(r, 1, &row.name);
        }
        put(r, 2, &row.indicator);
        let or = |s: &str, default: &'static str| {
            if s.is_empty() {
                default.to_string()
            } else {
                s.to_string()
            }
        };
        put(r, 3, &or(&row.rencana.lokasi, "Kota Banjarbaru"));
        let target = match &row.target.k {
            Some(KValue::Number(v)) => format!(
                "{} {}",
                capaian_domain::num::format_id(*v, v.scale()),
                row.unit.as_deref().unwrap_or_default()
            ),
            Some(KValue::Text(t)) => t.clone(),
            _ => String::new(),
        };
        put(r, 4, target.trim());
        if let Some(rp) = row.target.rp {
            put(r, 5, &money(rp));
        }
        put(r, 6, &or(&row.rencana.sumber_dana, "APBD"));
        put(r, 7, &row.rencana.catatan_penting);
        if let Some(rp) = row.rencana.maju.rp {
            put(r, 9, &money(rp));
        }
    }
    book.save_to_buffer().expect("xlsx")
}
