//! Export: T-C.29 — *Rekapitulasi Evaluasi Hasil Pelaksanaan Renja Perangkat Daerah dan
//! Pencapaian Renstra Perangkat Daerah s.d. Tahun n-1* (Renja Bab II, Permendagri 86/2017), one
//! sheet as the Renja prints it.
//!
//! [`export_tc29`] writes the title lines (the form, the PD, the region), the two-row merged
//! header (`Kode`, the name, `Indikator Kinerja` over its text and `Satuan`, the Renstra target,
//! realisasi s.d. n-3, `Target dan Realisasi … Tahun Lalu (n-2)` over target, realisasi and
//! tingkat realisasi, target Renja n-1, `Perkiraan Realisasi Capaian Target Renstra … s.d.
//! Tahun Berjalan` over realisasi s.d. n-1 and tingkat capaian, `Catatan`), the numbering row
//! `1 · 2 · 3 · 4 · 5 · 6 · 7 · 8=(7/6) · 9 · 10=(5+7+9) · 11=(10/4) · 12` (3 over the
//! indicator and its satuan), a row per [`capaian_domain::tc29::BarisTc29`] and the Kepala's
//! signature; F4 (or A4) landscape, one page wide, the header repeated on every page.
//!
//! Values and formulas (the E.81 export's rules and number formats):
//! - Columns 4–7 and 9 are values: numbers as numbers (`#,##0`, fractional `#,##0.##`), grades
//!   and text as text.
//! - Column 8 is `=capaian(6, 7)` by the indicator's polarity and cap, column 11
//!   `=capaian(4, 10)` likewise; column 10 is the row's rule ([`Aturan10`]) over columns 5, 7
//!   and 9: `SUM` for counts, the last non-empty cell for levels, `MAX`, `AVERAGE`. The
//!   rule is named in the row's Catatan. Each formula caches Capaian's unrounded value, so a
//!   reader without a calculation engine sees the same figures. Percentages are `#,##0.00` in
//!   percent units; Excel and LibreOffice show them with the reader's Indonesian separators
//!   (`71,43`).
//! - A row whose cells for a formula hold a grade or text gets Capaian's value instead (a
//!   formula cannot compare grades).
//! - User text (names, indicators, satuan, catatan, codes) is always written as text.

use capaian_domain::model::{Aggregation, KValue, Level};
use capaian_domain::tc29::{Aturan10, BarisTc29, HitungBaris, Tc29, FORMULIR_TC29};
use rust_decimal::Decimal;
use rust_xlsxwriter::{Format, Formula, Workbook, Worksheet, XlsxError};

use super::check_rows;
use super::layout::A1;
use super::{
    aggregation_formula, capaian_formula, dec_result, num_kind, pd_or, print_setup,
    signature_first, tanda_tangan, tempat_tanggal, to_f64, wrapped_lines, write_k, write_signature,
    write_text, write_title_lines, ExportError, Kind, Penanda, RenjaMeta, Styles,
};

/// Sheet columns (0-based).
const C_KODE: u16 = 0;
const C_NAMA: u16 = 1;
const C_IND: u16 = 2;
const C_SATUAN: u16 = 3;
/// Columns 4, 5, 6, 7, 8, 9, 10, 11 of the form.
const C4: u16 = 4;
const C5: u16 = 5;
const C6: u16 = 6;
const C7: u16 = 7;
const C8: u16 = 8;
const C9: u16 = 9;
const C10: u16 = 10;
const C11: u16 = 11;
const C_CATATAN: u16 = 12;
const LAST: u16 = C_CATATAN;
/// Letters of the columns above.
const HURUF: [&str; 13] = [
    "A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M",
];
const LEBAR: [f64; 13] = [
    13.0, 28.0, 30.0, 8.0, 9.0, 9.0, 9.0, 9.0, 9.0, 9.0, 10.0, 9.0, 22.0,
];

/// Rows (0-based): the title lines, a blank row, the two header rows, the numbering row.
const R_TITLE: u32 = 0;
const R_HEAD: u32 = 5;
const R_NUMBERING: u32 = R_HEAD + 2;
const R_DATA: u32 = R_NUMBERING + 1;

/// The title of the form for the Renja of year `tahun`.
fn judul(tahun: i32) -> String {
    format!(
        "REKAPITULASI EVALUASI HASIL PELAKSANAAN RENJA PERANGKAT DAERAH DAN PENCAPAIAN RENSTRA PERANGKAT DAERAH S.D. TAHUN {}",
        tahun - 1
    )
}

fn a1(r: u32, c: u16) -> A1<'static> {
    A1(HURUF[usize::from(c)], r)
}

/// A value a formula can take: a number, or nothing.
fn angka(v: Option<&KValue>) -> bool {
    matches!(v, None | Some(KValue::Number(_)))
}

fn number(v: Option<&KValue>) -> Option<Decimal> {
    match v {
        Some(KValue::Number(d)) => Some(*d),
        _ => None,
    }
}

struct Penulis<'a> {
    ws: &'a mut Worksheet,
    st: &'a Styles,
    /// The name column's format per [bold][indent].
    nama: [[Format; 3]; 2],
}

impl Penulis<'_> {
    fn teks(&mut self, r: u32, c: u16, s: &str, bold: bool, k: Kind) -> Result<(), XlsxError> {
        write_text(self.ws, self.st, (r, c), s, bold, k)
    }

    fn k(&mut self, r: u32, c: u16, v: Option<&KValue>, bold: bool) -> Result<(), XlsxError> {
        write_k(self.ws, self.st, (r, c), v, bold)
    }

    fn pct(&mut self, r: u32, c: u16, v: Option<Decimal>, bold: bool) -> Result<(), XlsxError> {
        match v {
            Some(d) => {
                let f = self.st.get(bold, Kind::Dec2);
                self.ws.write_number_with_format(r, c, to_f64(d), f)?;
            }
            None => self.teks(r, c, "", bold, Kind::Center)?,
        }
        Ok(())
    }

    fn rumus(
        &mut self,
        r: u32,
        c: u16,
        text: &str,
        v: Option<Decimal>,
        f: &Format,
    ) -> Result<(), XlsxError> {
        let formula = Formula::new(text).set_result(dec_result(v));
        self.ws.write_formula_with_format(r, c, formula, f)?;
        Ok(())
    }
}

/// The header block and the numbering row.
fn kepala(ws: &mut Worksheet, st: &Styles, tahun: i32) -> Result<(), XlsxError> {
    let (r0, r1) = (R_HEAD, R_HEAD + 1);
    let tinggi = |ws: &mut Worksheet, c: u16, t: &str| -> Result<(), XlsxError> {
        ws.merge_range(r0, c, r1, c, t, &st.head)?;
        Ok(())
    };
    tinggi(ws, C_KODE, "Kode")?;
    tinggi(
        ws,
        C_NAMA,
        "Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan",
    )?;
    ws.merge_range(
        r0,
        C_IND,
        r0,
        C_SATUAN,
        "Indikator Kinerja Program (outcomes)/Kegiatan (output)",
        &st.head,
    )?;
    ws.write_string_with_format(r1, C_IND, "Uraian", &st.head)?;
    ws.write_string_with_format(r1, C_SATUAN, "Satuan", &st.head)?;
    tinggi(
        ws,
        C4,
        "Target Kinerja Capaian Program (Renstra Perangkat Daerah) Akhir Periode",
    )?;
    tinggi(
        ws,
        C5,
        &format!(
            "Realisasi Target Kinerja Hasil Program dan Keluaran Kegiatan s.d. Tahun {}",
            tahun - 3
        ),
    )?;
    ws.merge_range(
        r0,
        C6,
        r0,
        C8,
        &format!(
            "Target dan Realisasi Kinerja Program dan Kegiatan Tahun Lalu (n-2) {}",
            tahun - 2
        ),
        &st.head,
    )?;
    for (c, t) in [
        (
            C6,
            format!("Target Renja Perangkat Daerah Tahun {}", tahun - 2),
        ),
        (
            C7,
            format!("Realisasi Renja Perangkat Daerah Tahun {}", tahun - 2),
        ),
        (C8, "Tingkat Realisasi (%)".to_string()),
    ] {
        ws.write_string_with_format(r1, c, &t, &st.head)?;
    }
    tinggi(
        ws,
        C9,
        &format!(
            "Target Program dan Kegiatan (Renja Perangkat Daerah Tahun {})",
            tahun - 1
        ),
    )?;
    ws.merge_range(
        r0,
        C10,
        r0,
        C11,
        "Perkiraan Realisasi Capaian Target Renstra Perangkat Daerah s.d. Tahun Berjalan",
        &st.head,
    )?;
    ws.write_string_with_format(
        r1,
        C10,
        format!(
            "Realisasi Capaian Program dan Kegiatan s.d. Tahun Berjalan ({})",
            tahun - 1
        ),
        &st.head,
    )?;
    ws.write_string_with_format(
        r1,
        C11,
        "Tingkat Capaian Realisasi Target Renstra (%)",
        &st.head,
    )?;
    tinggi(ws, C_CATATAN, "Catatan")?;
    ws.set_row_height(r0, 36)?;
    ws.set_row_height(r1, 70)?;
    // Numbering: 1 2 3 (over the indicator and its satuan) 4 … 12, with the formulas.
    let nomor = [
        (C_KODE, "1"),
        (C_NAMA, "2"),
        (C4, "4"),
        (C5, "5"),
        (C6, "6"),
        (C7, "7"),
        (C8, "8=(7/6)"),
        (C9, "9"),
        (C10, "10=(5+7+9)"),
        (C11, "11=(10/4)"),
        (C_CATATAN, "12"),
    ];
    for (c, t) in nomor {
        ws.write_string_with_format(R_NUMBERING, c, t, &st.numbering)?;
    }
    ws.merge_range(
        R_NUMBERING,
        C_IND,
        R_NUMBERING,
        C_SATUAN,
        "3",
        &st.numbering,
    )?;
    Ok(())
}

/// The Catatan printed: the rule of column 10, then the row's own note.
fn catatan(b: &BarisTc29, h: &HitungBaris) -> String {
    let aturan = h.aturan.teks();
    if b.catatan.trim().is_empty() {
        aturan.to_string()
    } else {
        format!("{aturan}; {}", b.catatan.trim())
    }
}

/// The aggregation column 10's formula uses for a rule (YearEnd is the latest level).
fn agregasi(a: Aturan10) -> Aggregation {
    match a {
        Aturan10::Jumlah => Aggregation::Sum,
        Aturan10::Terakhir => Aggregation::Last,
        Aturan10::Tertinggi => Aggregation::Max,
        Aturan10::RataRata => Aggregation::Average,
    }
}

fn baris(p: &mut Penulis<'_>, r: u32, b: &BarisTc29, h: &HitungBaris) -> Result<(), XlsxError> {
    let bold = b.level == Level::Program;
    let indent = usize::from(b.level.rank().min(2));
    let node = b.level != Level::Indikator;
    p.teks(
        r,
        C_KODE,
        if node {
            b.kode_tampil().unwrap_or("")
        } else {
            ""
        },
        bold,
        Kind::Text,
    )?;
    let nama = if node { b.nama.as_str() } else { "" };
    let f = &p.nama[usize::from(bold)][indent];
    if nama.is_empty() {
        p.ws.write_blank(r, C_NAMA, f)?;
    } else {
        p.ws.write_string_with_format(r, C_NAMA, nama, f)?;
    }
    p.teks(r, C_IND, &b.indikator, bold, Kind::Text)?;
    p.teks(
        r,
        C_SATUAN,
        b.satuan.as_deref().unwrap_or(""),
        bold,
        Kind::Center,
    )?;
    p.k(r, C4, b.renstra.as_ref(), bold)?;
    p.k(r, C5, b.sd_n3.as_ref(), bold)?;
    p.k(r, C6, b.target_n2.as_ref(), bold)?;
    p.k(r, C7, b.realisasi_n2.as_ref(), bold)?;
    p.k(r, C9, b.target_n1.as_ref(), bold)?;
    let sem = &b.makna;
    let mut f = String::new();
    // Column 8.
    if angka(b.target_n2.as_ref()) && angka(b.realisasi_n2.as_ref()) {
        capaian_formula(&mut f, a1(r, C6), a1(r, C7), sem.polarity, sem.cap_100);
        let fmt = p.st.get(bold, Kind::Dec2).clone();
        p.rumus(r, C8, &f, h.tingkat_realisasi, &fmt)?;
    } else {
        p.pct(r, C8, h.tingkat_realisasi, bold)?;
    }
    // Column 10.
    let live10 = [&b.sd_n3, &b.realisasi_n2, &b.target_n1]
        .iter()
        .all(|v| angka(v.as_ref()));
    let v10 = number(h.sd_n1.as_ref());
    if live10 {
        f.clear();
        let cells = [a1(r, C5), a1(r, C7), a1(r, C9)];
        aggregation_formula(&mut f, agregasi(h.aturan), &cells);
        let fmt = p.st.get(bold, num_kind(v10, Kind::KDec)).clone();
        p.rumus(r, C10, &f, v10, &fmt)?;
    } else {
        p.k(r, C10, h.sd_n1.as_ref(), bold)?;
    }
    // Column 11.
    if angka(b.renstra.as_ref()) && angka(h.sd_n1.as_ref()) {
        f.clear();
        capaian_formula(&mut f, a1(r, C4), a1(r, C10), sem.polarity, sem.cap_100);
        let fmt = p.st.get(bold, Kind::Dec2).clone();
        p.rumus(r, C11, &f, h.tingkat_capaian, &fmt)?;
    } else {
        p.pct(r, C11, h.tingkat_capaian, bold)?;
    }
    let cat = catatan(b, h);
    p.teks(r, C_CATATAN, &cat, false, Kind::Text)?;
    let lines = [
        wrapped_lines(nama, LEBAR[1] - 1.5 * indent as f64, bold),
        wrapped_lines(&b.indikator, LEBAR[2], bold),
        wrapped_lines(b.kode_tampil().unwrap_or(""), LEBAR[0], bold),
        wrapped_lines(&cat, LEBAR[12], false),
        wrapped_lines(b.satuan.as_deref().unwrap_or(""), LEBAR[3], bold),
    ]
    .into_iter()
    .max()
    .unwrap_or(1);
    p.ws.set_row_height(r, lines as f64 * 10.0 + 2.0)?;
    Ok(())
}

/// Write the T-C.29 `t` with the columns `hitung` computed from it
/// ([`capaian_domain::tc29::hitung`]), the title facts and the Kepala's signature of `meta`
/// (the Renja's: `meta.tahun` is n).
pub fn export_tc29(
    t: &Tc29,
    hitung: &[HitungBaris],
    meta: &RenjaMeta,
) -> Result<Vec<u8>, ExportError> {
    let n = t.baris.len();
    check_rows(n, hitung.len())?;
    let tahun = meta.tahun;
    let st = Styles::new();
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name(FORMULIR_TC29)?;
    // An empty result ("" from `IF(…,"",…)`) is cached as an empty string, not as 0.
    ws.set_formula_result_default("");
    for (c, w) in LEBAR.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    let kabupaten = if meta.kabupaten.trim().is_empty() {
        "KABUPATEN/KOTA ……".to_string()
    } else {
        meta.kabupaten.trim().to_uppercase()
    };
    let lines = [
        format!("TABEL {FORMULIR_TC29}"),
        judul(tahun),
        pd_or(&meta.pd, "PERANGKAT DAERAH ……").to_uppercase(),
        kabupaten,
    ];
    write_title_lines(ws, &st, R_TITLE, (0, LAST), &lines)?;
    kepala(ws, &st, tahun)?;
    let nama = [false, true].map(|bold| {
        [0u8, 1, 2].map(|i| {
            let f = st.get(bold, Kind::Text).clone();
            if i > 0 {
                f.set_indent(i)
            } else {
                f
            }
        })
    });
    let mut p = Penulis { ws, st: &st, nama };
    for (i, (b, h)) in t.baris.iter().zip(hitung).enumerate() {
        baris(&mut p, R_DATA + i as u32, b, h)?;
    }
    // Signature: the Kepala Perangkat Daerah, under the right-hand columns.
    let r_ttd = R_DATA + n as u32 + 1;
    let tanda = tanda_tangan(
        &tempat_tanggal(&meta.tempat, meta.tanggal.as_deref(), tahun),
        &Penanda {
            judul: None,
            jabatan: format!(
                "KEPALA {}",
                pd_or(&meta.pd, "PERANGKAT DAERAH").to_uppercase()
            ),
            nama: &meta.kepala_nama,
            pangkat: meta.kepala_pangkat.as_deref(),
            nip: &meta.kepala_nip,
        },
    );
    let first = signature_first(&LEBAR, &tanda, C4);
    write_signature(p.ws, &st, r_ttd, (first, LAST), &tanda)?;
    let last_row = r_ttd + tanda.len() as u32 - 1;
    p.ws.set_freeze_panes(R_DATA, C4)?;
    print_setup(
        p.ws,
        meta.paper,
        (R_HEAD, R_NUMBERING),
        (last_row, 0, LAST),
        &format!(
            "{FORMULIR_TC29} — {} — Renja Tahun {tahun}",
            pd_or(&meta.pd, "Perangkat Daerah")
        ),
    )?;
    Ok(wb.save_to_buffer()?)
}
