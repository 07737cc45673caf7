//! Writes the fixture workbooks of `tests/fixtures/real-layouts/`: E.81 layouts seen in real
//! agency files (leading Visi/Misi columns, a Satuan column, quarters as K/%/Rp, numbering
//! rows counting differently, a unit row, a banner inside the header, money in thousands,
//! Kode split over columns or written in the name cell, RKPD wording, float noise from
//! formulas, amounts as text, `#DIV/0!`, a grand total and a signature block, hidden sheets,
//! a pre-2019 tree, a header without data, a layout whose money columns are not labelled).
//!
//! Each workbook's `.expected.json` beside it is written by hand from what the sheet states.
//!
//! The `nomenklatur_*` workbooks exercise the national nomenclature (codes found by name,
//! close names, old and unknown codes).
//!
//! ```text
//! CARGO_TARGET_DIR=/work/target-xlsx cargo run -p capaian-xlsx --example gen_real_layouts
//! # only some files:
//! cargo run -p capaian-xlsx --example gen_real_layouts -- tests/fixtures/real-layouts nomenklatur_old_code.xlsx
//! ```

use std::path::{Path, PathBuf};

use rust_xlsxwriter::{Format, FormatAlign, Formula, Workbook, Worksheet, XlsxError};

/// A cell to write.
enum V<'a> {
    S(&'a str),
    N(f64),
    /// A formula and the result cached in the file.
    F(&'a str, &'a str),
}
use V::{F, N, S};

/// `"AB12"` → (0-based row, 0-based col).
fn at(a1: &str) -> (u32, u16) {
    let letters: String = a1.chars().take_while(|c| c.is_ascii_alphabetic()).collect();
    let digits = &a1[letters.len()..];
    let col = letters
        .bytes()
        .fold(0u32, |acc, b| acc * 26 + u32::from(b - b'A' + 1));
    let row: u32 = digits.parse().expect("row number");
    (row - 1, (col - 1) as u16)
}

fn put(ws: &mut Worksheet, cells: &[(&str, V<'_>)]) -> Result<(), XlsxError> {
    for (a1, v) in cells {
        let (r, c) = at(a1);
        match v {
            S(s) => {
                ws.write_string(r, c, *s)?;
            }
            N(n) => {
                ws.write_number(r, c, *n)?;
            }
            F(f, res) => {
                ws.write_formula(r, c, Formula::new(*f).set_result(*res))?;
            }
        }
    }
    Ok(())
}

/// A merged header cell `A5:B6` with its text.
fn merge(ws: &mut Worksheet, range: &str, text: &str) -> Result<(), XlsxError> {
    let (a, b) = range.split_once(':').expect("range");
    let ((r1, c1), (r2, c2)) = (at(a), at(b));
    if (r1, c1) == (r2, c2) {
        ws.write_string_with_format(r1, c1, text, &Format::new().set_bold())?;
        return Ok(());
    }
    let fmt = Format::new()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_bold();
    ws.merge_range(r1, c1, r2, c2, text, &fmt)?;
    Ok(())
}

/// Leading Visi/Misi/Sasaran RPJMD/Tujuan PD/Sasaran PD columns filled on a block's first
/// row, a Satuan column, one node with several indicator rows (name on the first only), sub
/// kegiatan rows without Rp, a program row holding an average capaian, and a signature block
/// right after the data (no total row).
fn leading_context(path: &Path) -> Result<(), XlsxError> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("E.81")?;
    put(
        ws,
        &[
            (
                "A1",
                S("EVALUASI TERHADAP HASIL RENJA PERANGKAT DAERAH LINGKUP KABUPATEN BULUNGAN"),
            ),
            ("A2", S("RENJA PERANGKAT DAERAH DINAS KESEHATAN")),
            ("A3", S("PERIODE PELAKSANAAN: TRIWULAN II TAHUN 2024")),
        ],
    )?;
    for (range, text) in [
        ("A5:A7", "Visi"),
        ("B5:B7", "Misi"),
        ("C5:C7", "Sasaran RPJMD"),
        ("D5:D7", "Tujuan PD"),
        ("E5:E7", "Sasaran PD"),
        ("F5:F7", "Kode"),
        ("G5:G7", "Program/Kegiatan/Sub Kegiatan"),
        (
            "H5:H7",
            "Indikator Kinerja Program (Outcome)/Kegiatan (Output)",
        ),
        ("I5:I7", "Satuan"),
        (
            "J5:K6",
            "Target Renstra PD pada Tahun 2026 (Akhir Periode Renstra PD)",
        ),
        (
            "L5:M6",
            "Realisasi Capaian Kinerja Renstra PD sampai dengan Renja PD Tahun Lalu (2023)",
        ),
        (
            "N5:O6",
            "Target Kinerja dan Anggaran Renja PD Tahun Berjalan (2024) yang Dievaluasi",
        ),
        ("P5:W5", "Realisasi Kinerja Pada Triwulan"),
        ("P6:Q6", "I"),
        ("R6:S6", "II"),
        ("T6:U6", "III"),
        ("V6:W6", "IV"),
        (
            "X5:Y6",
            "Realisasi Capaian Kinerja dan Anggaran Renja PD yang Dievaluasi",
        ),
        ("Z5:Z7", "Unit PD Penanggung Jawab"),
        ("AA5:AA7", "Keterangan"),
    ] {
        merge(ws, range, text)?;
    }
    let kr = [
        "J", "K", "L", "M", "N", "O", "P", "Q", "R", "S", "T", "U", "V", "W", "X", "Y",
    ];
    for (i, c) in kr.iter().enumerate() {
        let label = if i % 2 == 0 { "K" } else { "Rp" };
        put(ws, &[(&format!("{c}7"), S(label))])?;
    }
    // Numbering row 8: one number per column group.
    for (c, n) in [
        ("A", "1"),
        ("B", "2"),
        ("C", "3"),
        ("D", "4"),
        ("E", "5"),
        ("F", "6"),
        ("G", "7"),
        ("H", "8"),
        ("I", "9"),
        ("J", "10"),
        ("L", "11"),
        ("N", "12"),
        ("P", "13"),
        ("R", "14"),
        ("T", "15"),
        ("V", "16"),
        ("X", "17"),
        ("Z", "18"),
        ("AA", "19"),
    ] {
        put(ws, &[(&format!("{c}8"), S(n))])?;
    }
    put(
        ws,
        &[
            ("A9", S("Terwujudnya masyarakat Bulungan yang sehat")),
            ("B9", S("Meningkatkan kualitas pelayanan kesehatan")),
            ("C9", S("Meningkatnya derajat kesehatan masyarakat")),
            ("D9", S("Meningkatkan akses layanan kesehatan")),
            ("E9", S("Meningkatnya cakupan layanan kesehatan")),
            ("F9", S("1.02.02")),
            ("G9", S("PROGRAM PEMENUHAN UPAYA KESEHATAN PERORANGAN DAN UPAYA KESEHATAN MASYARAKAT")),
            ("H9", S("Rata-rata capaian kinerja kegiatan")),
            ("I9", S("%")),
            ("J9", N(100.0)),
            ("K9", N(50_000_000_000.0)),
            ("L9", N(60.0)),
            ("M9", N(18_000_000_000.0)),
            ("N9", N(100.0)),
            ("O9", N(6_000_000_000.0)),
            ("P9", N(20.5)),
            ("Q9", N(900_000_000.0)),
            ("R9", N(45.25)),
            ("S9", N(1_650_000_000.0)),
            ("X9", N(45.25)),
            ("Y9", N(2_550_000_000.0)),
            ("Z9", S("Bidang Kesehatan Masyarakat")),
            // Kegiatan with two indicators (the second on its own row, name blank).
            ("F10", S("1.02.02.2.02")),
            ("G10", S("Penyediaan Layanan Kesehatan untuk UKM dan UKP Rujukan Tingkat Daerah Kabupaten/Kota")),
            ("H10", S("Persentase fasilitas kesehatan terakreditasi")),
            ("I10", S("%")),
            ("J10", N(100.0)),
            ("K10", N(30_000_000_000.0)),
            ("L10", N(55.0)),
            ("M10", N(10_000_000_000.0)),
            ("N10", N(80.0)),
            ("O10", N(6_000_000_000.0)),
            ("P10", N(10.0)),
            ("Q10", N(900_000_000.0)),
            ("R10", N(25.0)),
            ("S10", N(1_650_000_000.0)),
            ("Y10", N(2_550_000_000.0)),
            ("H11", S("Jumlah puskesmas yang dibina")),
            ("I11", S("Unit")),
            ("J11", N(25.0)),
            ("L11", N(10.0)),
            ("N11", N(5.0)),
            ("P11", N(1.0)),
            ("R11", N(2.0)),
            // Second block: a new Sasaran PD on its first row only.
            ("E12", S("Meningkatnya kesehatan ibu dan anak")),
            ("F12", S("1.02.02.2.02.01")),
            ("G12", S("Pengelolaan Pelayanan Kesehatan Ibu Hamil")),
            ("H12", S("Jumlah ibu hamil yang mendapatkan pelayanan kesehatan sesuai standar")),
            ("I12", S("Orang")),
            ("J12", N(25_000.0)),
            ("K12", N(20_000_000_000.0)),
            ("L12", N(9_000.0)),
            ("M12", N(7_000_000_000.0)),
            ("N12", N(5_000.0)),
            ("O12", N(4_000_000_000.0)),
            ("P12", N(1_200.0)),
            ("Q12", N(600_000_000.0)),
            ("R12", N(1_350.0)),
            ("S12", N(1_100_000_000.0)),
            ("X12", N(2_550.0)),
            ("Y12", N(1_700_000_000.0)),
            ("F13", S("1.02.02.2.02.02")),
            ("G13", S("Pengelolaan Pelayanan Kesehatan Bayi Baru Lahir")),
            ("H13", S("Jumlah bayi baru lahir yang mendapatkan pelayanan kesehatan sesuai standar")),
            ("I13", S("Orang")),
            ("J13", N(22_000.0)),
            ("K13", N(10_000_000_000.0)),
            ("L13", N(8_000.0)),
            ("M13", N(3_000_000_000.0)),
            ("N13", N(4_500.0)),
            ("O13", N(2_000_000_000.0)),
            ("P13", N(1_100.0)),
            ("Q13", N(300_000_000.0)),
            ("R13", N(1_250.0)),
            ("S13", N(550_000_000.0)),
            ("X13", N(2_350.0)),
            ("Y13", N(850_000_000.0)),
            ("H14", S("Persentase bayi berat badan lahir rendah yang ditangani")),
            ("I14", S("%")),
            ("N14", N(100.0)),
            ("P14", N(95.0)),
            ("R14", N(97.5)),
            // Sub kegiatan without any Rp.
            ("F15", S("1.02.02.2.02.03")),
            ("G15", S("Pengelolaan Pelayanan Kesehatan Balita")),
            ("H15", S("Jumlah balita yang mendapatkan pelayanan kesehatan sesuai standar")),
            ("I15", S("Orang")),
            ("J15", N(30_000.0)),
            ("L15", N(12_000.0)),
            ("N15", N(6_000.0)),
            ("P15", N(1_500.0)),
            ("R15", N(1_600.0)),
            ("AA15", S("dibiayai BOK")),
            // Signature block right after the data, in the right-hand columns.
            ("T17", S("Tanjung Selor, 15 Juli 2024")),
            ("T18", S("Kepala Dinas Kesehatan")),
            ("T21", S("dr. Hendra Wijaya, M.Kes")),
            ("T22", S("NIP. 19750312 200212 1 004")),
        ],
    )?;
    wb.save(path)
}

/// Numbering row `1` … `16` with `13 = 9 + 10 + 11 + 12`, `14 = 7 + 13`, `15 = 14 / 6 x 100`;
/// a banner row inside the header; a K/%/Rp unit row under the numbering row; each quarter as
/// K, % (cumulative progress) and Rp; money in thousands (`Rp. (000)`) for the Renstra, last
/// year's, target and column-14 amounts and plain `Rp.` for the quarters and column 13; the
/// Kode split over four columns, urusan and bidang filled on the program row only; K written
/// as one string (`15 Dokumen`, `45.5 %`).
fn quarters_thousands(path: &Path) -> Result<(), XlsxError> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("Evaluasi Renja")?;
    put(
        ws,
        &[
            ("A1", S("Formulir E.81")),
            (
                "A2",
                S("EVALUASI TERHADAP HASIL RENJA PERANGKAT DAERAH LINGKUP KOTA TARAKAN"),
            ),
            ("A3", S("PERIODE PELAKSANAAN : TRIWULAN II TAHUN 2025")),
        ],
    )?;
    for (range, text) in [
        ("A5:A6", "No"),
        ("B5:B6", "Sasaran"),
        ("C5:F5", "Kode"),
        ("G5:G6", "Program/Kegiatan/Sub Kegiatan"),
        (
            "H5:H6",
            "Indikator Kinerja Program (outcome)/Kegiatan (output)",
        ),
        (
            "I5:J6",
            "Target Renstra PD pada Tahun 2026 (Akhir Periode Renstra PD)",
        ),
        (
            "K5:L6",
            "Realisasi Capaian Kinerja Renstra PD s.d. Renja PD Tahun Lalu (2024)",
        ),
        (
            "M5:N6",
            "Target Kinerja dan Anggaran Renja PD Tahun Berjalan (2025) yang Dievaluasi",
        ),
        ("O5:Z5", "Realisasi Kinerja dan Anggaran pada Triwulan"),
        ("O6:Q6", "I"),
        ("R6:T6", "II"),
        ("U6:W6", "III"),
        ("X6:Z6", "IV"),
        (
            "AA5:AB6",
            "Realisasi Capaian Kinerja dan Anggaran Renja PD yang Dievaluasi",
        ),
        (
            "AC5:AD6",
            "Realisasi Kinerja dan Anggaran Renstra PD s.d. Tahun 2025",
        ),
        (
            "AE5:AF6",
            "Tingkat Capaian Kinerja dan Realisasi Anggaran Renstra PD s.d. Tahun 2025 (%)",
        ),
        ("AG5:AG6", "Unit PD Penanggung Jawab"),
        ("AH5:AH6", "Keterangan"),
        (
            "A7:AH7",
            "Perangkat Daerah : Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
        ),
        ("C8:F8", "3"),
        ("I8:J8", "6"),
        ("K8:L8", "7"),
        ("M8:N8", "8"),
        ("O8:Q8", "9"),
        ("R8:T8", "10"),
        ("U8:W8", "11"),
        ("X8:Z8", "12"),
        ("AA8:AB8", "13 = 9 + 10 + 11 + 12"),
        ("AC8:AD8", "14 = 7 + 13"),
        ("AE8:AF8", "15 = 14 / 6 x 100"),
    ] {
        merge(ws, range, text)?;
    }
    put(
        ws,
        &[
            ("C6", S("Urusan")),
            ("D6", S("Bidang")),
            ("E6", S("Program")),
            ("F6", S("Kegiatan")),
            ("A8", S("1")),
            ("B8", S("2")),
            ("G8", S("4")),
            ("H8", S("5")),
            ("AG8", S("16")),
            ("AH8", S("17")),
        ],
    )?;
    // Unit row 9.
    for (c, label) in [
        ("I", "K"),
        ("J", "Rp. (000)"),
        ("K", "K"),
        ("L", "Rp. (000)"),
        ("M", "K"),
        ("N", "Rp. (000)"),
        ("O", "K"),
        ("P", "%"),
        ("Q", "Rp."),
        ("R", "K"),
        ("S", "%"),
        ("T", "Rp."),
        ("U", "K"),
        ("V", "%"),
        ("W", "Rp."),
        ("X", "K"),
        ("Y", "%"),
        ("Z", "Rp."),
        ("AA", "K"),
        ("AB", "Rp."),
        ("AC", "K"),
        ("AD", "Rp. (000)"),
        ("AE", "K"),
        ("AF", "Rp"),
    ] {
        put(ws, &[(&format!("{c}9"), S(label))])?;
    }
    put(
        ws,
        &[
            ("A10", S("1")),
            ("B10", S("Meningkatnya kompetensi ASN")),
            ("C10", S("5")),
            ("D10", S("03")),
            ("E10", S("02")),
            ("G10", S("PROGRAM KEPEGAWAIAN DAERAH")),
            ("H10", S("Persentase ASN yang kompetensinya sesuai standar")),
            ("I10", S("80 %")),
            ("J10", N(6_000_000.0)),
            ("K10", S("45.5 %")),
            ("L10", N(2_000_000.0)),
            ("M10", S("60 %")),
            ("N10", N(1_500_000.0)),
            ("O10", S("15 %")),
            ("P10", N(20.0)),
            ("Q10", N(300_000_000.0)),
            ("R10", S("30 %")),
            ("S10", N(46.67)),
            ("T10", N(400_000_000.0)),
            ("AA10", S("45 %")),
            ("AB10", N(700_000_000.0)),
            ("AC10", S("90.5 %")),
            ("AD10", N(2_700_000.0)),
            ("AG10", S("Bidang Pengadaan dan Pemberhentian")),
            ("F11", S("2.01")),
            (
                "G11",
                S("Pengadaan, Pemberhentian dan Informasi Kepegawaian ASN"),
            ),
            ("H11", S("Jumlah dokumen pengadaan dan pemberhentian ASN")),
            ("I11", S("75 Dokumen")),
            ("J11", N(6_000_000.0)),
            ("K11", S("40 Dokumen")),
            ("L11", N(2_000_000.0)),
            ("M11", S("15 Dokumen")),
            ("N11", N(1_500_000.0)),
            ("O11", S("4 Dokumen")),
            ("P11", N(26.67)),
            ("Q11", N(300_000_000.0)),
            ("R11", S("5 Dokumen")),
            ("S11", N(60.0)),
            ("T11", N(400_000_000.0)),
            ("AA11", S("9 Dokumen")),
            ("AB11", N(700_000_000.0)),
            ("AC11", S("49 Dokumen")),
            ("AD11", N(2_700_000.0)),
            ("F12", S("2.01.06")),
            ("G12", S("Pengelolaan Pengadaan ASN")),
            ("H12", S("Jumlah dokumen hasil pengadaan ASN")),
            ("I12", S("50 Dokumen")),
            ("J12", N(4_000_000.0)),
            ("K12", S("26 Dokumen")),
            ("L12", N(1_300_000.0)),
            ("M12", S("10 Dokumen")),
            ("N12", N(1_000_000.0)),
            ("O12", S("3 Dokumen")),
            ("P12", N(30.0)),
            ("Q12", N(200_000_000.0)),
            ("R12", S("3 Dokumen")),
            ("S12", N(60.0)),
            ("T12", N(250_000_000.5)),
            ("AA12", S("6 Dokumen")),
            ("AB12", N(450_000_000.5)),
            ("AC12", S("32 Dokumen")),
            ("AD12", N(1_750_000.5)),
            ("F13", S("2.01.07")),
            ("G13", S("Pengelolaan Pemberhentian ASN")),
            ("H13", S("Jumlah dokumen pemberhentian ASN")),
            ("I13", S("25 Dokumen")),
            ("J13", N(2_000_000.0)),
            ("K13", S("14 Dokumen")),
            ("L13", N(700_000.0)),
            ("M13", S("5 Dokumen")),
            ("N13", N(500_000.0)),
            ("O13", S("1 Dokumen")),
            ("P13", N(20.0)),
            ("Q13", N(100_000_000.0)),
            ("R13", S("2 Dokumen")),
            ("S13", N(60.0)),
            ("T13", N(149_999_999.5)),
            ("AA13", S("3 Dokumen")),
            ("AB13", N(249_999_999.5)),
            ("AC13", S("17 Dokumen")),
            ("AD13", N(949_999.999_5)),
            ("A15", S("Rata-rata capaian kinerja (%)")),
        ],
    )?;
    wb.save(path)
}

/// A Renja PD table under an RKPD title with RPJMD/RKPD wording; numbering `(1)` … `(15)`;
/// no Kode column, the code written in the name cell (`1.01.02 - PROGRAM …`); per-quarter K
/// computed by formulas leaving float noise; amounts as Indonesian text; `#DIV/0!` in the
/// computed column; a grand-total row and a signature block after the data.
fn rkpd_wording(path: &Path) -> Result<(), XlsxError> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("TW III")?;
    put(
        ws,
        &[
            ("A1", S("EVALUASI TERHADAP HASIL RKPD KABUPATEN MALINAU")),
            (
                "A2",
                S("PERANGKAT DAERAH : DINAS PENDIDIKAN DAN KEBUDAYAAN"),
            ),
            ("A3", S("Periode Pelaksanaan: Triwulan III Tahun 2025")),
        ],
    )?;
    for (range, text) in [
        ("A5:A7", "No"),
        ("B5:B7", "Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan"),
        ("C5:C7", "Indikator Kinerja Program (outcome)/Kegiatan (output)"),
        ("D5:E6", "Target RPJMD Kabupaten pada Tahun 2026 (Akhir Periode RPJMD)"),
        ("F5:G6", "Realisasi Capaian Kinerja RPJMD Kabupaten sampai dengan RKPD Kabupaten Tahun Lalu (n-2)"),
        ("H5:I6", "Target Kinerja dan Anggaran RKPD Kabupaten Tahun Berjalan (n-1) yang Dievaluasi"),
        ("J5:Q5", "Realisasi Kinerja Pada Triwulan"),
        ("J6:K6", "I"),
        ("L6:M6", "II"),
        ("N6:O6", "III"),
        ("P6:Q6", "IV"),
        ("R5:S6", "Realisasi Capaian Kinerja dan Anggaran RKPD Kabupaten yang Dievaluasi"),
        ("T5:U6", "Tingkat Capaian Kinerja dan Realisasi Anggaran RKPD Kabupaten yang Dievaluasi (%)"),
        ("V5:W6", "Realisasi Kinerja dan Anggaran RPJMD Kabupaten s/d Tahun 2025"),
        ("X5:Y6", "Tingkat Capaian Kinerja dan Realisasi Anggaran RPJMD Kabupaten s/d Tahun 2025 (%)"),
        ("Z5:Z7", "Unit Perangkat Daerah Penanggung Jawab"),
        ("D8:E8", "(4)"),
        ("F8:G8", "(5)"),
        ("H8:I8", "(6)"),
        ("J8:K8", "(7)"),
        ("L8:M8", "(8)"),
        ("N8:O8", "(9)"),
        ("P8:Q8", "(10)"),
        ("R8:S8", "(11)"),
        ("T8:U8", "(12)"),
        ("V8:W8", "(13)"),
        ("X8:Y8", "(14)"),
    ] {
        merge(ws, range, text)?;
    }
    for (i, c) in [
        "D", "E", "F", "G", "H", "I", "J", "K", "L", "M", "N", "O", "P", "Q", "R", "S", "T", "U",
        "V", "W", "X", "Y",
    ]
    .iter()
    .enumerate()
    {
        put(
            ws,
            &[(&format!("{c}7"), S(if i % 2 == 0 { "K" } else { "Rp" }))],
        )?;
    }
    put(
        ws,
        &[
            ("A8", S("(1)")),
            ("B8", S("(2)")),
            ("C8", S("(3)")),
            ("Z8", S("(15)")),
            ("A9", N(1.0)),
            ("B9", S("1.01.02 - PROGRAM PENGELOLAAN PENDIDIKAN")),
            ("C9", S("Persentase sekolah terakreditasi minimal B")),
            ("D9", N(98.0)),
            ("E9", N(2_500_000_000_000.0)),
            ("F9", N(90.0)),
            ("G9", S("467.998.630.663,83")),
            ("H9", N(95.0)),
            ("I9", N(600_000_000_000.0)),
            ("J9", F("=2.4-1.6", "0.7999999999999998")),
            ("K9", N(120_500_000_000.0)),
            ("L9", F("=30.2-6.4", "23.799999999999997")),
            ("M9", N(130_250_000_000.75)),
            ("N9", F("=0.1+0.2", "0.30000000000000004")),
            ("O9", S("49.250.000.000,25")),
            ("R9", F("=J9+L9+N9", "24.9")),
            ("S9", F("=K9+M9+O9", "300000000001")),
            ("T9", F("=R9/H9*100", "26.210526315789473")),
            ("U9", F("=S9/I9*100", "50.000000000166664")),
            ("Z9", S("Dinas Pendidikan dan Kebudayaan")),
            (
                "B10",
                S("1.01.02.2.01 - Pengelolaan Pendidikan Sekolah Dasar"),
            ),
            ("C10", S("Jumlah sekolah dasar yang dibina")),
            ("D10", N(250.0)),
            ("E10", S("1.250.000.000.000")),
            ("F10", N(200.0)),
            ("G10", N(300_000_000_000.0)),
            ("H10", N(0.0)),
            ("I10", N(450_000_000_000.0)),
            ("J10", N(10.0)),
            ("K10", N(90_000_000_000.0)),
            ("L10", N(12.0)),
            ("M10", S("100.000.000.000,50")),
            ("N10", F("=7*1.1", "7.700000000000001")),
            ("O10", N(40_000_000_000.0)),
            ("R10", F("=J10+L10+N10", "29.7")),
            ("S10", F("=K10+M10+O10", "230000000000.5")),
            ("T10", F("=R10/H10*100", "#DIV/0!")),
            ("U10", F("=S10/I10*100", "51.111111111222224")),
            (
                "B11",
                S("1.01.02.2.01.0001 - Pembangunan Unit Sekolah Baru"),
            ),
            ("C11", S("Jumlah unit sekolah baru yang dibangun")),
            ("D11", N(10.0)),
            ("E11", N(50_000_000_000.0)),
            ("F11", N(4.0)),
            ("G11", N(20_000_000_000.0)),
            ("H11", N(2.0)),
            ("I11", N(15_000_000_000.0)),
            ("J11", N(0.0)),
            ("K11", N(1_000_000_000.0)),
            ("L11", N(1.0)),
            ("M11", N(5_000_000_000.0)),
            ("R11", F("=J11+L11+N11", "1")),
            ("S11", F("=K11+M11+O11", "6000000000")),
            ("T11", F("=R11/H11*100", "50")),
            ("U11", F("=S11/I11*100", "40")),
            ("B12", S("JUMLAH")),
            ("E12", F("=E9", "2500000000000")),
            ("I12", F("=I9", "600000000000")),
            ("S12", F("=S9", "300000000001")),
            ("V14", S("Malinau, 10 Oktober 2025")),
            ("V15", S("KEPALA DINAS PENDIDIKAN DAN KEBUDAYAAN")),
            ("V18", S("Drs. Yohanes Lawing, M.Si")),
            ("V19", S("NIP. 19700101 199503 1 002")),
        ],
    )?;
    wb.save(path)
}

/// The header every sheet of `hidden_pre2019` carries: quarters with K only, Rp for the
/// target; no Kode column; program and kegiatan only (pre-2019 tree).
fn pre2019_header(ws: &mut Worksheet, year: &str) -> Result<(), XlsxError> {
    put(
        ws,
        &[
            ("A1", S("EVALUASI TERHADAP HASIL RENJA SKPD")),
            ("A2", S("SKPD : Badan Kepegawaian Daerah")),
            ("A3", S(year)),
            ("A5", S("No")),
            ("B5", S("Program/Kegiatan")),
            (
                "C5",
                S("Indikator Kinerja Program (outcome)/Kegiatan (output)"),
            ),
            (
                "D5",
                S("Target Kinerja dan Anggaran Renja SKPD Tahun Berjalan"),
            ),
            ("F5", S("Realisasi Kinerja Pada Triwulan")),
            (
                "J5",
                S("Realisasi Capaian Kinerja dan Anggaran Renja SKPD yang Dievaluasi"),
            ),
            ("L5", S("Keterangan")),
            ("D6", S("K")),
            ("E6", S("Rp")),
            ("F6", S("I")),
            ("G6", S("II")),
            ("H6", S("III")),
            ("I6", S("IV")),
            ("J6", S("K")),
            ("K6", S("Rp")),
        ],
    )
}

/// A hidden sheet holding an older copy before the visible one; a pre-2019 tree (program and
/// kegiatan only, no Kode, kegiatan numbered like each other); quarters with K only.
fn hidden_pre2019(path: &Path) -> Result<(), XlsxError> {
    let mut wb = Workbook::new();
    {
        let old = wb.add_worksheet().set_name("Renja lama")?;
        pre2019_header(old, "Triwulan I Tahun 2018")?;
        put(
            old,
            &[
                ("A7", S("1")),
                (
                    "B7",
                    S("Program Peningkatan Kapasitas Sumber Daya Aparatur"),
                ),
                ("C7", S("Persentase aparatur yang mengikuti diklat")),
                ("D7", N(100.0)),
                ("E7", N(999_000_000.0)),
                ("F7", N(5.0)),
            ],
        )?;
        old.set_hidden(true);
    }
    let ws = wb.add_worksheet().set_name("Renja 2018")?;
    ws.set_active(true);
    pre2019_header(ws, "Triwulan IV Tahun 2018")?;
    put(
        ws,
        &[
            ("A7", S("I")),
            (
                "B7",
                S("Program Peningkatan Kapasitas Sumber Daya Aparatur"),
            ),
            ("C7", S("Persentase aparatur yang mengikuti diklat")),
            ("D7", N(100.0)),
            ("E7", N(750_000_000.0)),
            ("F7", N(20.0)),
            ("G7", N(45.0)),
            ("H7", N(70.0)),
            ("I7", N(100.0)),
            ("J7", N(100.0)),
            ("K7", N(735_500_000.0)),
            ("A8", S("1")),
            ("B8", S("Pendidikan dan Pelatihan Formal")),
            ("C8", S("Jumlah aparatur yang mengikuti diklat")),
            ("D8", S("120 orang")),
            ("E8", N(500_000_000.0)),
            ("F8", N(20.0)),
            ("G8", N(30.0)),
            ("H8", N(30.0)),
            ("I8", N(40.0)),
            ("J8", S("120 orang")),
            ("K8", N(490_000_000.0)),
            ("A9", S("2")),
            ("B9", S("Sosialisasi Peraturan Perundang-undangan")),
            ("C9", S("Jumlah peserta sosialisasi")),
            ("D9", S("200 orang")),
            ("E9", N(250_000_000.0)),
            ("F9", S("-")),
            ("G9", N(80.0)),
            ("H9", N(60.0)),
            ("I9", N(60.0)),
            ("J9", S("200 orang")),
            ("K9", N(245_500_000.0)),
            ("L9", S("selesai")),
            ("A10", S("II")),
            ("B10", S("Program Peningkatan Disiplin Aparatur")),
            (
                "C10",
                S("Persentase pelanggaran disiplin yang ditindaklanjuti"),
            ),
            ("D10", N(100.0)),
            ("E10", N(120_000_000.0)),
            ("F10", N(100.0)),
            ("G10", N(100.0)),
            ("H10", N(100.0)),
            ("I10", N(100.0)),
            ("A11", S("1")),
            ("B11", S("Penegakan Disiplin Pegawai")),
            ("C11", S("Jumlah kasus disiplin yang diselesaikan")),
            ("D11", S("12 kasus")),
            ("E11", N(120_000_000.0)),
            ("F11", N(3.0)),
            ("G11", N(2.0)),
            ("H11", N(4.0)),
            ("I11", N(3.0)),
            ("A13", S("Jumlah")),
            ("E13", N(870_000_000.0)),
        ],
    )?;
    wb.save(path)
}

/// A header, its numbering row, and no data rows: only the signature block follows.
fn header_no_data(path: &Path) -> Result<(), XlsxError> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("E81")?;
    put(
        ws,
        &[
            (
                "A1",
                S("EVALUASI TERHADAP HASIL RENJA PERANGKAT DAERAH LINGKUP KOTA TARAKAN"),
            ),
            ("A2", S("PERIODE PELAKSANAAN: TRIWULAN I TAHUN 2026")),
            ("A4", S("No")),
            ("B4", S("Program/Kegiatan/Sub Kegiatan")),
            ("C4", S("Indikator Kinerja")),
            ("D4", S("Target Kinerja dan Anggaran Renja Tahun Berjalan")),
            ("F4", S("Realisasi Kinerja Pada Triwulan")),
            (
                "J4",
                S("Realisasi Capaian Kinerja dan Anggaran Renja yang Dievaluasi"),
            ),
            ("D5", S("K")),
            ("E5", S("Rp")),
            ("F5", S("I")),
            ("G5", S("II")),
            ("H5", S("III")),
            ("I5", S("IV")),
            ("J5", S("K")),
            ("K5", S("Rp")),
        ],
    )?;
    for (i, c) in ["A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K"]
        .iter()
        .enumerate()
    {
        put(ws, &[(&format!("{c}6"), S(&(i + 1).to_string()))])?;
    }
    put(
        ws,
        &[
            ("H9", S("Tarakan, 5 April 2026")),
            ("H10", S("Kepala Badan")),
            ("H13", S("NIP. 19700707 199107 2 005")),
        ],
    )?;
    wb.save(path)
}

/// A one-row header whose groups have no K/Rp sub-labels: the target and quarter groups span
/// two columns each. With `merged`, the merged titles say so (K, Rp by position); without
/// (the titles written once, no merge: what some exporters produce), the amounts sit in
/// columns the header does not name, and reading it must not end as `Pagu Rp 0`.
fn money_unlabelled(path: &Path, merged: bool) -> Result<(), XlsxError> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("E81")?;
    put(
        ws,
        &[
            (
                "A1",
                S("EVALUASI TERHADAP HASIL RENJA PERANGKAT DAERAH LINGKUP KABUPATEN NUNUKAN"),
            ),
            ("A2", S("PERIODE PELAKSANAAN: TRIWULAN I TAHUN 2026")),
        ],
    )?;
    for (range, text) in [
        ("A4:A4", "No"),
        ("B4:B4", "Kode"),
        ("C4:C4", "Program/Kegiatan/Sub Kegiatan"),
        ("D4:D4", "Indikator Kinerja"),
        ("E4:F4", "Target Kinerja dan Anggaran Renja Tahun Berjalan"),
        ("G4:H4", "Realisasi Kinerja Triwulan I"),
        ("I4:J4", "Realisasi Kinerja Triwulan II"),
        ("K4:L4", "Realisasi Kinerja Triwulan III"),
        ("M4:N4", "Realisasi Kinerja Triwulan IV"),
        ("O4:O4", "Keterangan"),
    ] {
        if merged {
            merge(ws, range, text)?;
        } else {
            let first = range.split(':').next().unwrap_or(range);
            put(ws, &[(first, S(text))])?;
        }
    }
    put(
        ws,
        &[
            ("A5", S("1")),
            ("B5", S("2.13.02")),
            ("C5", S("PROGRAM PEMBERDAYAAN LEMBAGA KEMASYARAKATAN")),
            ("D5", S("Persentase lembaga kemasyarakatan yang aktif")),
            ("E5", N(80.0)),
            ("F5", N(1_200_000_000.0)),
            ("G5", N(20.0)),
            ("H5", N(250_000_000.0)),
            ("B6", S("2.13.02.2.01")),
            ("C6", S("Pemberdayaan Lembaga Kemasyarakatan Tingkat Desa")),
            ("D6", S("Jumlah lembaga kemasyarakatan yang dibina")),
            ("E6", N(40.0)),
            ("F6", N(1_200_000_000.0)),
            ("G6", N(10.0)),
            ("H6", N(250_000_000.0)),
            ("B7", S("2.13.02.2.01.01")),
            ("C7", S("Pelatihan Pengurus Lembaga Kemasyarakatan Desa")),
            ("D7", S("Jumlah pengurus yang dilatih")),
            ("E7", N(400.0)),
            ("F7", N(1_200_000_000.0)),
            ("G7", N(100.0)),
            ("H7", N(250_000_000.0)),
        ],
    )?;
    wb.save(path)
}

/// How the `Kode` title covers its two columns.
#[derive(Clone, Copy, PartialEq)]
enum KodeTitle {
    /// Merged over both, sub-labels `Program`, `Kegiatan` under them.
    Labelled,
    /// Merged over both (and down over the sub-label row), no sub-labels.
    Merged,
    /// Written once in the first column, no merge, no sub-labels: nothing names the second.
    Once,
}

/// The Kode over two columns (program | kegiatan), the program code on the program row
/// only; quarters as four titled groups (`Realisasi Triwulan I` …) of K and Rp; a `TOTAL`
/// row and the `Jumlah anggaran …` footer after the data.
fn kode_two_columns(path: &Path, title: KodeTitle) -> Result<(), XlsxError> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("E81")?;
    put(
        ws,
        &[
            (
                "A1",
                S("EVALUASI TERHADAP HASIL RENJA PERANGKAT DAERAH LINGKUP KOTA BONTANG"),
            ),
            ("A2", S("Renja Perangkat Daerah Dinas Sosial")),
            ("A3", S("Periode Pelaksanaan: Triwulan I Tahun 2023")),
        ],
    )?;
    match title {
        KodeTitle::Labelled => {
            merge(ws, "B5:C5", "Kode")?;
            put(ws, &[("B6", S("Program")), ("C6", S("Kegiatan"))])?;
        }
        KodeTitle::Merged => merge(ws, "B5:C6", "Kode")?,
        KodeTitle::Once => put(ws, &[("B5", S("Kode"))])?,
    }
    for (range, text) in [
        ("A5:A6", "No"),
        ("D5:D6", "Program/Kegiatan/Sub Kegiatan"),
        ("E5:E6", "Indikator Kinerja"),
        ("F5:G5", "Target Kinerja dan Anggaran Renja Tahun Berjalan"),
        ("H5:I5", "Realisasi Triwulan I"),
        ("J5:K5", "Realisasi Triwulan II"),
        ("L5:M5", "Realisasi Triwulan III"),
        ("N5:O5", "Realisasi Triwulan IV"),
        (
            "P5:Q5",
            "Realisasi Capaian Kinerja dan Anggaran Renja yang Dievaluasi",
        ),
    ] {
        merge(ws, range, text)?;
    }
    for (i, c) in ["F", "G", "H", "I", "J", "K", "L", "M", "N", "O", "P", "Q"]
        .iter()
        .enumerate()
    {
        put(
            ws,
            &[(&format!("{c}6"), S(if i % 2 == 0 { "K" } else { "Rp" }))],
        )?;
    }
    put(
        ws,
        &[
            ("A7", S("1")),
            ("B7", S("1.06.02")),
            ("D7", S("PROGRAM REHABILITASI SOSIAL")),
            ("E7", S("Persentase PMKS yang tertangani")),
            ("F7", S("75%")),
            ("G7", N(900_000_000.0)),
            ("H7", S("20%")),
            ("I7", N(150_000_000.0)),
            ("P7", S("20%")),
            ("Q7", N(150_000_000.0)),
            ("C8", S("2.01")),
            (
                "D8",
                S("Rehabilitasi Sosial Dasar Penyandang Disabilitas Terlantar"),
            ),
            (
                "E8",
                S("Jumlah penyandang disabilitas terlantar yang direhabilitasi"),
            ),
            ("F8", S("120 Orang")),
            ("G8", N(900_000_000.0)),
            ("H8", S("30 Orang")),
            ("I8", N(150_000_000.0)),
            ("P8", S("30 Orang")),
            ("Q8", N(150_000_000.0)),
            ("C9", S("2.01.0003")),
            ("D9", S("Pemberian Alat Bantu")),
            ("E9", S("Jumlah alat bantu yang diberikan")),
            ("F9", S("60 Unit")),
            ("G9", N(500_000_000.0)),
            ("H9", S("10 Unit")),
            ("I9", N(90_000_000.0)),
            ("P9", S("10 Unit")),
            ("Q9", N(90_000_000.0)),
            ("C10", S("2.01.0004")),
            ("D10", S("Pemberian Pelayanan Reunifikasi Keluarga")),
            ("E10", S("Jumlah penerima layanan reunifikasi keluarga")),
            ("F10", S("60 Orang")),
            ("G10", N(400_000_000.0)),
            ("H10", S("20 Orang")),
            ("I10", N(60_000_000.0)),
            ("P10", S("20 Orang")),
            ("Q10", N(60_000_000.0)),
            ("D11", S("TOTAL")),
            ("G11", N(900_000_000.0)),
            ("I11", N(150_000_000.0)),
            ("Q11", N(150_000_000.0)),
            (
                "A13",
                S("Jumlah Anggaran dan Realisasi dari Seluruh Program"),
            ),
            ("G13", S("Rp 900.000.000,-")),
        ],
    )?;
    wb.save(path)
}

/// The layout of seed 002's Tabel 2.2 (a real BKPSDM E.81, TW II 2024), its values as
/// printed: the target group's title cell is missing (only its K/Rp sub-labels), column 13
/// is absent and the Renstra realisation is printed under a second "Realisasi Capaian …
/// Renja" title, told apart only by the numbering row (`12 = 8 + 9 + 10 + 11`,
/// `13 = 6 + 12`, `14 = 13/5x 100%`); amounts as Indonesian text (`5.671.129.666`,
/// `28143400`, `484.500`), K with units typed in many ways (`53 orang`, `56 org`, `100 %`,
/// `24,64`), `-` cells.
fn seed002_layout(path: &Path) -> Result<(), XlsxError> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("Tabel 2.2")?;
    put(
        ws,
        &[
            ("A1", S("EVALUASI TERHADAP HASIL RENJA PERANGKAT DAERAH LINGKUP PEMERINTAHAN KOTA BANJARBARU")),
            ("A2", S("RENJA PERANGKAT DAERAH BADAN KEPEGAWAIAN, PENGEMBANGAN SUMBER DAYA MANUSIA KOTA BANJARBARU")),
            ("A3", S("PERIODE PELAKSANAAN TRIWULAN II TAHUN 2024")),
        ],
    )?;
    for (range, text) in [
        ("A5:A7", "NO"),
        ("B5:B7", "Sasaran"),
        ("C5:C7", "Kegiatan/ Sub Kegiatan"),
        ("D5:D7", "Indikator Kinerja Kegiatan (outcome)/Sub Kegiatan (output)"),
        ("E5:F6", "Target Renstra Perangkat Daerah pada Tahun 2026 (Akhir Periode Renstra Perangkat Daerah)"),
        ("G5:H6", "Realisasi Capaian Kinerja Renstra Perangkat Daerah sampai dengan Renja Perangkat Daerah Tahun Lalu (2023)"),
        ("K5:R5", "Realisasi Kinerja Pada Triwulan"),
        ("K6:L6", "I"),
        ("M6:N6", "II"),
        ("O6:P6", "III"),
        ("Q6:R6", "IV"),
        ("S5:T6", "Realisasi Capaian Kinerja dan Anggaran Renja Perangkat Daerah yang dievaluasi"),
        ("U5:V6", "Realisasi Capaian Kinerja dan Anggaran Renja Perangkat Daerah yang dievaluasi"),
        ("W5:X6", "Tingkat Capaian Kinerja dan Realisasi Anggaran Renstra Perangkat Daerah s/d Tahun 2026"),
        ("Y5:Y7", "Unit Perangkat Daerah Penanggung Jawab"),
    ] {
        merge(ws, range, text)?;
    }
    for (i, c) in [
        "E", "F", "G", "H", "I", "J", "K", "L", "M", "N", "O", "P", "Q", "R", "S", "T", "U", "V",
        "W", "X",
    ]
    .iter()
    .enumerate()
    {
        put(
            ws,
            &[(&format!("{c}7"), S(if i % 2 == 0 { "K" } else { "Rp" }))],
        )?;
    }
    for (c, n) in [
        ("A", "1"),
        ("B", "2"),
        ("C", "3"),
        ("D", "4"),
        ("E", "5"),
        ("G", "6"),
        ("I", "7"),
        ("K", "8"),
        ("M", "9"),
        ("O", "10"),
        ("Q", "11"),
        ("S", "12 = 8 + 9 + 10 + 11"),
        ("U", "13 = 6 + 12"),
        ("W", "14 = 13/5x 100%"),
        ("Y", "15"),
    ] {
        put(ws, &[(&format!("{c}8"), S(n))])?;
    }
    put(
        ws,
        &[
            ("B9", S("Meningkatkan Pelayanan Internal Perangkat Daerah")),
            ("C9", S("PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA")),
            ("D9", S("Cakupan Pelayanan Internal Yang Difasilitasi")),
            ("E9", S("100%")),
            ("F9", S("1.487.734.680")),
            ("G9", S("100%")),
            ("H9", S("2.493.105.089")),
            ("I9", S("100%")),
            ("J9", S("1.487.734.680")),
            ("K9", S("19,88")),
            ("L9", S("295.700.692")),
            ("M9", S("12,02")),
            ("N9", S("299.704.756")),
            ("S9", S("31,90")),
            ("T9", S("595.405.448")),
            ("A10", S("2")),
            ("C10", S("Administrasi Keuangan Perangkat Daerah")),
            ("D10", S("Persentase Laporan Keuangan Yang Disusun Sesuai Ketentuan")),
            ("E10", S("100 %")),
            ("F10", S("5.671.129.666")),
            ("G10", S("90 %")),
            ("H10", S("4.742.404.932")),
            ("I10", S("100 %")),
            ("J10", S("5.671.129.666")),
            ("K10", S("24,64")),
            ("L10", S("1.397.331.319")),
            ("M10", S("42,40")),
            ("N10", S("2.010.671.930")),
            ("S10", S("67,04")),
            ("T10", S("3.408.003.249")),
            ("C11", S("Penyediaan Gaji dan Tunjangan")),
            ("D11", S("Jumlah orang yang menerima gaji dan tunjangan")),
            ("E11", S("53 orang")),
            ("F11", S("5.643.243.916")),
            ("G11", S("53 orang")),
            ("H11", S("4.709.539.632")),
            ("I11", S("53 orang")),
            ("J11", S("5.643.243.916")),
            ("K11", S("56 orang")),
            ("L11", S("1.394.475.819")),
            ("M11", S("56 org")),
            ("N11", S("2.001.842.930")),
            ("T11", S("3.396.318.749")),
            ("C12", S("Koordinasi dan Penyusunan Laporan Keuangan Akhir Tahun SKPD")),
            ("D12", S("Jumlah Laporan Keuangan Akhir Tahun SKPD dan Laporan Hasil Koordinasi Penyusunan Laporan Keuangan Akhir Tahun SKPD")),
            ("E12", S("1 Laporan")),
            ("F12", S("9.768.750")),
            ("G12", S("1 laporan")),
            ("H12", S("9.748.500")),
            ("I12", S("1 Laporan")),
            ("J12", S("9.768.750")),
            ("K12", S("-")),
            ("L12", S("484.500")),
            ("M12", S("-")),
            ("N12", S("3.628.000")),
            ("S12", S("-")),
            ("T12", S("4.112.500")),
            ("C13", S("Koordinasi dan Penyusunan Laporan Keuangan Bulanan/ Triwulanan / Semesteran SKPD")),
            ("D13", S("Jumlah laporan keuangan bulanan/triwulanan/semesteran SKPD dan Laporan")),
            ("E13", S("8 Laporan")),
            ("F13", S("18.117.000")),
            ("G13", S("8 laporan")),
            ("H13", S("23.116.800")),
            ("I13", S("8 Laporan")),
            ("J13", S("18.117.000")),
            ("K13", S("2 Laporan")),
            ("L13", S("2.371.000")),
            ("M13", S("2 Laporan")),
            ("N13", S("5.201.000")),
            ("S13", S("4 Laporan")),
            ("T13", S("7.572.000")),
            ("A14", S("3")),
            ("C14", S("Administrasi Barang Milik Daerah pada Perangkat Daerah")),
            ("D14", S("Tingkat Pengelolaan BMD SKPD")),
            ("E14", S("100 %")),
            ("F14", S("28143400")),
            ("G14", S("88 %")),
            ("H14", S("11.556.896")),
            ("I14", S("100 %")),
            ("J14", S("28.143.400")),
            ("K14", S("-")),
            ("L14", S("-")),
            ("M14", S("-")),
            ("N14", S("-")),
            ("S14", S("-")),
            ("T14", S("-")),
            ("C15", S("Rekonsiliasi dan Penyusunan Laporan Barang Milik Daerah pada SKPD")),
            ("D15", S("Jumlah laporan rekonsiliasi dan penyusunan laporan barang milik daerah pada SKPD")),
            ("E15", S("5 Laporan")),
            ("F15", S("28143400")),
            ("G15", S("5 laporan")),
            ("H15", S("11.556.896")),
            ("I15", S("4")),
            ("J15", S("28.143.400")),
            ("K15", S("-")),
            ("L15", S("-")),
            ("M15", S("-")),
            ("N15", S("-")),
            ("A16", S("Rata-rata Capaian Kinerja (%)")),
            ("A17", S("Predikat Kinerja")),
        ],
    )?;
    wb.save(path)
}

/// The layout of the nomenclature fixtures: No, Kode (or Sasaran, when the file prints no
/// code), Program/Kegiatan/Sub Kegiatan, Indikator, Satuan, target K/Rp, quarters K only,
/// column 12 K/Rp, Keterangan; the data from row 7.
fn nomenklatur_sheet(
    path: &Path,
    region: &str,
    pd: &str,
    with_kode: bool,
    data: &[(&str, V<'_>)],
) -> Result<(), XlsxError> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("E.81")?;
    let title = format!("EVALUASI TERHADAP HASIL RENJA PERANGKAT DAERAH LINGKUP {region}");
    let pd = format!("RENJA PERANGKAT DAERAH {pd}");
    put(
        ws,
        &[
            ("A1", S(&title)),
            ("A2", S(&pd)),
            ("A3", S("PERIODE PELAKSANAAN: TRIWULAN II TAHUN 2025")),
            ("A5", S("No")),
            ("B5", S(if with_kode { "Kode" } else { "Sasaran" })),
            ("C5", S("Program/Kegiatan/Sub Kegiatan")),
            (
                "D5",
                S("Indikator Kinerja Program (outcome)/Kegiatan (output)"),
            ),
            ("E5", S("Satuan")),
            (
                "F5",
                S("Target Kinerja dan Anggaran Renja PD Tahun Berjalan"),
            ),
            ("H5", S("Realisasi Kinerja Pada Triwulan")),
            (
                "L5",
                S("Realisasi Capaian Kinerja dan Anggaran Renja PD yang Dievaluasi"),
            ),
            ("N5", S("Keterangan")),
            ("F6", S("K")),
            ("G6", S("Rp")),
            ("H6", S("I")),
            ("I6", S("II")),
            ("J6", S("III")),
            ("K6", S("IV")),
            ("L6", S("K")),
            ("M6", S("Rp")),
        ],
    )?;
    put(ws, data)?;
    wb.save(path)
}

/// No Kode column; every name is the nomenclature's, spelt as agencies do (`Kab/Kota`, case,
/// commas); kegiatan numbered, sub kegiatan not; one sub kegiatan without indicator or satuan.
fn nomenklatur_names_exact(path: &Path) -> Result<(), XlsxError> {
    nomenklatur_sheet(
        path,
        "KOTA TARAKAN",
        "BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA",
        false,
        &[
            ("A7", S("I")),
            (
                "C7",
                S("Program Penunjang Urusan Pemerintahan Daerah Kab/Kota"),
            ),
            ("D7", S("Persentase layanan penunjang yang terpenuhi")),
            ("E7", S("%")),
            ("F7", N(100.0)),
            ("G7", N(700_000_000.0)),
            ("H7", N(25.0)),
            ("I7", N(50.0)),
            ("L7", N(50.0)),
            ("M7", N(300_000_000.0)),
            ("A8", S("1")),
            (
                "C8",
                S("Perencanaan, Penganggaran dan Evaluasi Kinerja Perangkat Daerah"),
            ),
            ("D8", S("Persentase dokumen perencanaan yang tepat waktu")),
            ("E8", S("%")),
            ("F8", N(100.0)),
            ("G8", N(300_000_000.0)),
            ("H8", N(25.0)),
            ("I8", N(50.0)),
            ("L8", N(50.0)),
            ("M8", N(120_000_000.0)),
            ("C9", S("Penyusunan Dokumen Perencanaan Perangkat daerah")),
            ("D9", S("Jumlah Dokumen Perencanaan Perangkat Daerah")),
            ("E9", S("Dokumen")),
            ("F9", N(5.0)),
            ("G9", N(100_000_000.0)),
            ("H9", N(1.0)),
            ("I9", N(2.0)),
            ("L9", N(3.0)),
            ("M9", N(40_000_000.0)),
            ("C10", S("EVALUASI KINERJA PERANGKAT DAERAH")),
            ("F10", N(4.0)),
            ("G10", N(200_000_000.0)),
            ("H10", N(1.0)),
            ("I10", N(1.0)),
            ("L10", N(2.0)),
            ("M10", N(80_000_000.0)),
            ("A11", S("2")),
            ("C11", S("Administrasi Keuangan Perangkat Daerah")),
            ("D11", S("Persentase laporan keuangan yang tepat waktu")),
            ("E11", S("%")),
            ("F11", N(100.0)),
            ("G11", N(400_000_000.0)),
            ("H11", N(25.0)),
            ("I11", N(50.0)),
            ("L11", N(50.0)),
            ("M11", N(180_000_000.0)),
            ("C12", S("Penyediaan Gaji dan Tunjangan ASN")),
            (
                "D12",
                S("Jumlah Orang yang Menerima Gaji dan Tunjangan ASN"),
            ),
            ("E12", S("Orang/bulan")),
            ("F12", N(12.0)),
            ("G12", N(400_000_000.0)),
            ("H12", N(3.0)),
            ("I12", N(3.0)),
            ("L12", N(6.0)),
            ("M12", N(180_000_000.0)),
            ("A13", S("II")),
            ("C13", S("PROGRAM KEPEGAWAIAN DAERAH")),
            ("D13", S("Indeks profesionalitas ASN")),
            ("E13", S("Indeks")),
            ("F13", N(70.0)),
            ("G13", N(150_000_000.0)),
            ("I13", N(68.0)),
            ("L13", N(68.0)),
            ("M13", N(60_000_000.0)),
            ("A14", S("1")),
            ("C14", S("Mutasi dan Promosi ASN")),
            ("D14", S("Persentase usulan kenaikan pangkat yang diproses")),
            ("E14", S("%")),
            ("F14", N(100.0)),
            ("G14", N(150_000_000.0)),
            ("H14", N(40.0)),
            ("I14", N(80.0)),
            ("L14", N(80.0)),
            ("M14", N(60_000_000.0)),
            ("C15", S("Pengelolaan Kenaikan Pangkat ASN")),
            ("D15", S("Jumlah Pengelolaan Kenaikan Pangkat ASN")),
            ("E15", S("Dokumen")),
            ("F15", N(2.0)),
            ("G15", N(150_000_000.0)),
            ("H15", N(1.0)),
            ("I15", N(1.0)),
            ("L15", N(2.0)),
            ("M15", N(60_000_000.0)),
            ("A16", S("Rata-rata Capaian Kinerja (%)")),
        ],
    )
}

/// No Kode column; names close to the nomenclature's but not the same (`Pemerintah` for
/// `Pemerintahan`, `Cetak` for `Cetakan`, a word left out), and a sub kegiatan name that two
/// kegiatan carry under a kegiatan that is not found.
fn nomenklatur_near_miss(path: &Path) -> Result<(), XlsxError> {
    nomenklatur_sheet(
        path,
        "KABUPATEN NUNUKAN",
        "BADAN PENGELOLA PERBATASAN DAERAH",
        false,
        &[
            ("A7", S("I")),
            (
                "C7",
                S("PROGRAM PENUNJANG URUSAN PEMERINTAH DAERAH KABUPATEN/KOTA"),
            ),
            ("D7", S("Persentase layanan penunjang yang terpenuhi")),
            ("E7", S("%")),
            ("F7", N(100.0)),
            ("G7", N(90_000_000.0)),
            ("I7", N(50.0)),
            ("L7", N(50.0)),
            ("M7", N(40_000_000.0)),
            ("A8", S("1")),
            ("C8", S("Administrasi Umum Perangkat Daerah")),
            ("D8", S("Persentase kebutuhan kantor yang terpenuhi")),
            ("E8", S("%")),
            ("F8", N(100.0)),
            ("G8", N(90_000_000.0)),
            ("I8", N(50.0)),
            ("L8", N(50.0)),
            ("M8", N(40_000_000.0)),
            ("C9", S("Penyediaan Barang Cetak dan Penggandaan")),
            ("D9", S("Jumlah paket barang cetakan")),
            ("E9", S("Paket")),
            ("F9", N(4.0)),
            ("G9", N(30_000_000.0)),
            ("I9", N(2.0)),
            ("L9", N(2.0)),
            ("M9", N(15_000_000.0)),
            ("C10", S("Penyediaan Bahan Logistik Kantor")),
            (
                "D10",
                S("Jumlah Paket Bahan Logistik Kantor yang Disediakan"),
            ),
            ("E10", S("Paket")),
            ("F10", N(4.0)),
            ("G10", N(60_000_000.0)),
            ("I10", N(2.0)),
            ("L10", N(2.0)),
            ("M10", N(25_000_000.0)),
            ("A11", S("II")),
            ("C11", S("Program Pengelolaan Perbatasan")),
            ("D11", S("Persentase batas wilayah yang terpelihara")),
            ("E11", S("%")),
            ("F11", N(100.0)),
            ("G11", N(250_000_000.0)),
            ("I11", N(40.0)),
            ("L11", N(40.0)),
            ("M11", N(90_000_000.0)),
            ("A12", S("1")),
            ("C12", S("Pelaksanaan Perbatasan")),
            ("D12", S("Persentase kegiatan perbatasan yang terlaksana")),
            ("E12", S("%")),
            ("F12", N(100.0)),
            ("G12", N(250_000_000.0)),
            ("I12", N(40.0)),
            ("L12", N(40.0)),
            ("M12", N(90_000_000.0)),
            (
                "C13",
                S("Penjagaan dan Pemeliharaan Tanda Batas Wilayah Negara"),
            ),
            (
                "D13",
                S("Jumlah Tanda Batas Wilayah Negara yang Dijaga dan Dipelihara"),
            ),
            ("E13", S("Dokumen")),
            ("F13", N(2.0)),
            ("G13", N(250_000_000.0)),
            ("I13", N(1.0)),
            ("L13", N(1.0)),
            ("M13", N(90_000_000.0)),
            ("A14", S("Rata-rata Capaian Kinerja (%)")),
        ],
    )
}

/// A Kode column stating a code the 2025 nomenclature replaced (`….0028` → `….0053`) and a
/// sub kegiatan in the old 2-digit format (`….20`), that one without indicator or satuan.
fn nomenklatur_old_code(path: &Path) -> Result<(), XlsxError> {
    nomenklatur_sheet(
        path,
        "KABUPATEN BULUNGAN",
        "DINAS KESEHATAN",
        true,
        &[
            ("A7", S("I")),
            ("B7", S("1.02.02")),
            (
                "C7",
                S("PROGRAM PEMENUHAN UPAYA KESEHATAN PERORANGAN DAN UPAYA KESEHATAN MASYARAKAT"),
            ),
            ("D7", S("Persentase fasilitas kesehatan yang memenuhi standar")),
            ("E7", S("%")),
            ("F7", N(100.0)),
            ("G7", N(500_000_000.0)),
            ("I7", N(45.0)),
            ("L7", N(45.0)),
            ("M7", N(210_000_000.0)),
            ("A8", S("1")),
            ("B8", S("1.02.02.2.02")),
            (
                "C8",
                S("Penyediaan Layanan Kesehatan untuk UKM dan UKP Rujukan Tingkat Daerah Kabupaten/Kota"),
            ),
            ("D8", S("Persentase layanan kesehatan rujukan yang terpenuhi")),
            ("E8", S("%")),
            ("F8", N(100.0)),
            ("G8", N(500_000_000.0)),
            ("I8", N(45.0)),
            ("L8", N(45.0)),
            ("M8", N(210_000_000.0)),
            ("B9", S("1.02.02.2.02.0028")),
            (
                "C9",
                S("Pengambilan dan Pengiriman Spesimen Penyakit Potensial KLB ke Laboratorium Rujukan/Nasional"),
            ),
            ("D9", S("Jumlah spesimen yang dikirim")),
            ("E9", S("Paket")),
            ("F9", N(40.0)),
            ("G9", N(200_000_000.0)),
            ("I9", N(18.0)),
            ("L9", N(18.0)),
            ("M9", N(90_000_000.0)),
            ("B10", S("1.02.02.2.02.20")),
            ("C10", S("Pengelolaan Surveilans Kesehatan")),
            ("F10", N(12.0)),
            ("G10", N(300_000_000.0)),
            ("I10", N(6.0)),
            ("L10", N(6.0)),
            ("M10", N(120_000_000.0)),
            ("A11", S("Rata-rata Capaian Kinerja (%)")),
        ],
    )
}

/// A Kode column stating codes the nomenclature does not have (a kegiatan and a sub
/// kegiatan), and a right code whose name differs from the nomenclature's.
fn nomenklatur_unknown_code(path: &Path) -> Result<(), XlsxError> {
    nomenklatur_sheet(
        path,
        "KOTA TARAKAN",
        "BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA",
        true,
        &[
            ("A7", S("I")),
            ("B7", S("5.03.02")),
            ("C7", S("PROGRAM KEPEGAWAIAN DAERAH")),
            ("D7", S("Indeks profesionalitas ASN")),
            ("E7", S("Indeks")),
            ("F7", N(70.0)),
            ("G7", N(300_000_000.0)),
            ("I7", N(68.0)),
            ("L7", N(68.0)),
            ("M7", N(120_000_000.0)),
            ("A8", S("1")),
            ("B8", S("5.03.02.2.01")),
            (
                "C8",
                S("Pengadaan, Pemberhentian dan Informasi Kepegawaian ASN"),
            ),
            ("D8", S("Persentase layanan kepegawaian tepat waktu")),
            ("E8", S("%")),
            ("F8", N(100.0)),
            ("G8", N(200_000_000.0)),
            ("I8", N(50.0)),
            ("L8", N(50.0)),
            ("M8", N(80_000_000.0)),
            ("B9", S("5.03.02.2.01.0099")),
            ("C9", S("Pengelolaan Aplikasi Kepegawaian Daerah")),
            ("D9", S("Jumlah aplikasi yang dikelola")),
            ("E9", S("Aplikasi")),
            ("F9", N(2.0)),
            ("G9", N(50_000_000.0)),
            ("I9", N(1.0)),
            ("L9", N(1.0)),
            ("M9", N(20_000_000.0)),
            ("B10", S("5.03.02.2.01.0006")),
            (
                "C10",
                S("Koordinasi Pelaksanaan Administrasi Pemberhentian ASN"),
            ),
            (
                "D10",
                S("Jumlah Dokumen Hasil kegiatan Koordinasi Pelaksanaan Administrasi Pemberhentian"),
            ),
            ("E10", S("Dokumen")),
            ("F10", N(4.0)),
            ("G10", N(150_000_000.0)),
            ("I10", N(2.0)),
            ("L10", N(2.0)),
            ("M10", N(60_000_000.0)),
            ("A11", S("2")),
            ("B11", S("5.03.02.2.99")),
            ("C11", S("Pengelolaan Kesejahteraan ASN")),
            ("D11", S("Persentase ASN yang menerima layanan kesejahteraan")),
            ("E11", S("%")),
            ("F11", N(100.0)),
            ("G11", N(100_000_000.0)),
            ("I11", N(50.0)),
            ("L11", N(50.0)),
            ("M11", N(40_000_000.0)),
            ("A12", S("Rata-rata Capaian Kinerja (%)")),
        ],
    )
}

/// A fixture writer.
type Writer = fn(&Path) -> Result<(), XlsxError>;

/// Writes every fixture into DIR (default `tests/fixtures/real-layouts`), or only the files
/// named after it: `gen_real_layouts DIR nomenklatur_old_code.xlsx …` (the others' bytes stay
/// as committed; a new writer run would change their timestamps).
fn main() -> Result<(), XlsxError> {
    let mut args = std::env::args().skip(1);
    let dir = args.next().map(PathBuf::from).unwrap_or_else(|| {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/real-layouts")
    });
    let only: Vec<String> = args.collect();
    std::fs::create_dir_all(&dir)?;
    let fixtures: &[(&str, Writer)] = &[
        ("leading_context.xlsx", leading_context),
        ("quarters_thousands.xlsx", quarters_thousands),
        ("rkpd_wording.xlsx", rkpd_wording),
        ("hidden_pre2019.xlsx", hidden_pre2019),
        ("header_no_data.xlsx", header_no_data),
        ("money_unlabelled.xlsx", |p| money_unlabelled(p, false)),
        ("money_merged.xlsx", |p| money_unlabelled(p, true)),
        ("kode_two_columns.xlsx", |p| {
            kode_two_columns(p, KodeTitle::Labelled)
        }),
        ("kode_merged.xlsx", |p| {
            kode_two_columns(p, KodeTitle::Merged)
        }),
        ("kode_title_once.xlsx", |p| {
            kode_two_columns(p, KodeTitle::Once)
        }),
        ("seed002_layout.xlsx", seed002_layout),
        ("nomenklatur_names_exact.xlsx", nomenklatur_names_exact),
        ("nomenklatur_near_miss.xlsx", nomenklatur_near_miss),
        ("nomenklatur_old_code.xlsx", nomenklatur_old_code),
        ("nomenklatur_unknown_code.xlsx", nomenklatur_unknown_code),
    ];
    for (name, write) in fixtures {
        if only.is_empty() || only.iter().any(|o| o == name) {
            write(&dir.join(name))?;
        }
    }
    println!("fixtures in {}", dir.display());
    Ok(())
}
