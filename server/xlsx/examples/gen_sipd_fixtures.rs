//! Writes the SIPD fixture workbooks of `tests/fixtures/sipd/` that the three real files there
//! do not cover:
//!
//! - `rekap_belanja_bidang.xlsx`: a *rekapitulasi belanja* with a two-row header (`Kode` over
//!   four kode columns — urusan | SKPD | program/kegiatan/sub kegiatan | rekening —, `Anggaran`
//!   and `Realisasi` over Operasi / Modal / Total, `%`, `Sisa`), an induk sheet with every
//!   amount as Indonesian text (`1.234.567.890,50`, `0,00`), two per-bidang sheets with numbers
//!   (one states a realisasi that differs from the induk's), a hidden older copy, a `JUMLAH`
//!   row;
//! - `lra_rekening_2025.xlsx`: seed 000's Tabel 3.22 (LRA by rekening) as printed, amounts as
//!   text, negatives in parentheses, `JUMLAH …` rows and `SURPLUS/DEFISIT`;
//! - `rekap_masalah.xlsx`: a one-row-header rekap whose cells go wrong (a parent total that
//!   does not add up, text that is no amount, realisasi over anggaran, a kode that is not one,
//!   a grand total that disagrees);
//! - `realisasi_e81_101_sd_juni.xlsx`: realisasi so far, through June, of the agency of the E.81
//!   fixture `e81_101.xlsx`, to merge into its document ([`rekap_realisasi_e81_101`]);
//! - `realisasi_bulanan_e81_101_sd_april.xlsx`: realisasi by month, January to April, of one
//!   kegiatan of that agency, under a two-row header (`Realisasi` over the month names and
//!   `Jumlah`), parent amounts as text ([`realisasi_bulanan_e81_101`]).
//!
//! Each workbook's `.expected.json` is written by hand from what the sheet states.
//!
//! ```text
//! CARGO_TARGET_DIR=/work/target-xlsx cargo run -p capaian-xlsx --example gen_sipd_fixtures [-- DIR]
//! ```

use std::path::{Path, PathBuf};

use rust_xlsxwriter::{Workbook, Worksheet, XlsxError};

/// A cell: text or a number.
#[derive(Clone, Copy)]
enum V<'a> {
    S(&'a str),
    N(f64),
}
use V::{N, S};

const SKPD: &str = "1.02.0.00.0.00.01.0000";

fn put_row(ws: &mut Worksheet, row: u32, cells: &[V<'_>]) -> Result<(), XlsxError> {
    for (c, v) in cells.iter().enumerate() {
        match *v {
            S("") => {}
            S(s) => {
                ws.write_string(row, c as u16, s)?;
            }
            N(n) => {
                ws.write_number(row, c as u16, n)?;
            }
        }
    }
    Ok(())
}

/// The rekap's header (rows 4–5) and title.
fn rekap_header(ws: &mut Worksheet) -> Result<(), XlsxError> {
    ws.write_string(0, 0, "REKAPITULASI BELANJA PERANGKAT DAERAH")?;
    ws.write_string(1, 0, "TAHUN ANGGARAN 2025")?;
    put_row(
        ws,
        3,
        &[
            S("Kode"),
            S(""),
            S(""),
            S(""),
            S("Uraian"),
            S("Anggaran"),
            S(""),
            S(""),
            S("Realisasi"),
            S(""),
            S(""),
            S("%"),
            S("Sisa"),
        ],
    )?;
    put_row(
        ws,
        4,
        &[
            S("Urusan"),
            S("SKPD"),
            S("Program/Kegiatan/Sub Kegiatan"),
            S("Rekening"),
            S(""),
            S("Operasi"),
            S("Modal"),
            S("Total"),
            S("Operasi"),
            S("Modal"),
            S("Total"),
        ],
    )?;
    Ok(())
}

/// One rekap line: (kode column, kode, name, 6 amounts, %, sisa) with amounts as text.
type Line = (
    usize,
    &'static str,
    &'static str,
    [&'static str; 6],
    &'static str,
    &'static str,
);

/// The induk's lines from row 6 (index 5) on.
fn induk_lines() -> Vec<Line> {
    let z = "0,00";
    vec![
        (
            0,
            "1.02",
            "URUSAN PEMERINTAHAN BIDANG KESEHATAN",
            [
                "1.299.567.890,50",
                "470.000.000,00",
                "1.769.567.890,50",
                "664.533.945,25",
                "349.500.000,00",
                "1.014.033.945,25",
            ],
            "",
            "",
        ),
        (
            2,
            "1.02.01",
            "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA",
            [
                "1.254.567.890,50",
                "350.000.000,00",
                "1.604.567.890,50",
                "634.533.945,25",
                "349.500.000,00",
                "984.033.945,25",
            ],
            "",
            "",
        ),
        (
            2,
            "1.02.01.2.01",
            "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah",
            [
                "1.254.567.890,50",
                "350.000.000,00",
                "1.604.567.890,50",
                "634.533.945,25",
                "349.500.000,00",
                "984.033.945,25",
            ],
            "",
            "",
        ),
        (
            2,
            "1.02.01.2.01.0001",
            "Penyusunan Dokumen Perencanaan Perangkat Daerah",
            [
                "20.000.000,00",
                z,
                "20.000.000,00",
                "17.250.000,00",
                z,
                "17.250.000,00",
            ],
            "86,25",
            "2.750.000,00",
        ),
        (
            3,
            "5.1.02.01.01.0024",
            "Belanja Alat/Bahan untuk Kegiatan Kantor-Alat Tulis Kantor",
            [
                "12.500.000,00",
                z,
                "12.500.000,00",
                "10.000.000,00",
                z,
                "10.000.000,00",
            ],
            "",
            "",
        ),
        (
            3,
            "5.1.02.01.01.0026",
            "Belanja Alat/Bahan untuk Kegiatan Kantor-Bahan Cetak",
            [
                "7.500.000,00",
                z,
                "7.500.000,00",
                "7.250.000,00",
                z,
                "7.250.000,00",
            ],
            "",
            "",
        ),
        (
            2,
            "1.02.01.2.01.0002",
            "Koordinasi dan Penyusunan Dokumen RKA-SKPD",
            [
                "1.234.567.890,50",
                "350.000.000,00",
                "1.584.567.890,50",
                "617.283.945,25",
                "349.500.000,00",
                "966.783.945,25",
            ],
            "61,01",
            "617.783.945,25",
        ),
        (
            3,
            "5.1.01.01.01.0001",
            "Belanja Gaji Pokok PNS",
            [
                "1.234.567.890,50",
                z,
                "1.234.567.890,50",
                "617.283.945,25",
                z,
                "617.283.945,25",
            ],
            "",
            "",
        ),
        (
            3,
            "5.2.02.05.01.0005",
            "Belanja Modal Personal Computer",
            [
                z,
                "350.000.000,00",
                "350.000.000,00",
                z,
                "349.500.000,00",
                "349.500.000,00",
            ],
            "",
            "",
        ),
        (
            2,
            "1.02.02",
            "PROGRAM PEMENUHAN UPAYA KESEHATAN PERORANGAN DAN UPAYA KESEHATAN MASYARAKAT",
            [
                "45.000.000,00",
                "120.000.000,00",
                "165.000.000,00",
                "30.000.000,00",
                z,
                "30.000.000,00",
            ],
            "",
            "",
        ),
        (
            2,
            "1.02.02.2.02",
            "Penyediaan Layanan Kesehatan untuk UKM dan UKP Rujukan Tingkat Daerah Kabupaten/Kota",
            [
                "45.000.000,00",
                "120.000.000,00",
                "165.000.000,00",
                "30.000.000,00",
                z,
                "30.000.000,00",
            ],
            "",
            "",
        ),
        (
            2,
            "1.02.02.2.02.0001",
            "Pengelolaan Pelayanan Kesehatan Ibu Hamil",
            [
                "45.000.000,00",
                "120.000.000,00",
                "165.000.000,00",
                "30.000.000,00",
                z,
                "30.000.000,00",
            ],
            "18,18",
            "135.000.000,00",
        ),
        (
            3,
            "5.1.02.01.01.0052",
            "Belanja Makanan dan Minuman Rapat",
            [
                "45.000.000,00",
                z,
                "45.000.000,00",
                "30.000.000,00",
                z,
                "30.000.000,00",
            ],
            "",
            "",
        ),
        (
            3,
            "5.2.02.10.01.0002",
            "Belanja Modal Alat Kedokteran",
            [z, "120.000.000,00", "120.000.000,00", z, z, z],
            "",
            "",
        ),
    ]
}

/// `1.234.567,50` → 1234567.5 (the bidang sheets hold numbers).
fn number(text: &str) -> f64 {
    text.replace('.', "")
        .replace(',', ".")
        .parse()
        .unwrap_or(0.0)
}

fn write_lines(ws: &mut Worksheet, lines: &[Line], as_text: bool) -> Result<u32, XlsxError> {
    let mut row = 5;
    for (col, kode, name, amounts, pct, sisa) in lines {
        let mut cells = vec![S("1.02"), S(SKPD), S(""), S("")];
        cells[*col] = S(kode);
        if *col == 0 {
            cells[1] = S("");
        }
        cells.push(S(name));
        for a in amounts {
            cells.push(if as_text { S(a) } else { N(number(a)) });
        }
        cells.push(if as_text || pct.is_empty() {
            S(pct)
        } else {
            N(number(pct))
        });
        cells.push(if as_text || sisa.is_empty() {
            S(sisa)
        } else {
            N(number(sisa))
        });
        put_row(ws, row, &cells)?;
        row += 1;
    }
    Ok(row)
}

fn rekap_belanja_bidang(path: &Path) -> Result<(), XlsxError> {
    let mut wb = Workbook::new();
    let all = induk_lines();
    // Bidang Yankes: program 1.02.01 (lines 1–8), as numbers.
    let ws = wb.add_worksheet().set_name("Bidang Yankes")?;
    rekap_header(ws)?;
    let end = write_lines(ws, &all[1..9], false)?;
    put_row(
        ws,
        end,
        &[
            S(""),
            S(""),
            S(""),
            S(""),
            S("JUMLAH"),
            N(1_254_567_890.5),
            N(350_000_000.0),
            N(1_604_567_890.5),
            N(634_533_945.25),
            N(349_500_000.0),
            N(984_033_945.25),
        ],
    )?;
    // Induk: everything, as text.
    let ws = wb.add_worksheet().set_name("Induk")?;
    rekap_header(ws)?;
    let end = write_lines(ws, &all, true)?;
    put_row(
        ws,
        end,
        &[
            S(""),
            S(""),
            S(""),
            S(""),
            S("JUMLAH"),
            S("1.299.567.890,50"),
            S("470.000.000,00"),
            S("1.769.567.890,50"),
            S("664.533.945,25"),
            S("349.500.000,00"),
            S("1.014.033.945,25"),
        ],
    )?;
    // Bidang SDK: program 1.02.02 (lines 9–13); its realisasi of 5.1.02.01.01.0052 is
    // 35.000.000 where the induk says 30.000.000 (its own rows add up).
    let mut sdk: Vec<Line> = all[9..].to_vec();
    for (i, line) in sdk.iter_mut().enumerate() {
        if i < 4 {
            line.3[3] = "35.000.000,00";
            line.3[5] = "35.000.000,00";
        }
        if i == 2 {
            line.4 = "21,21";
            line.5 = "130.000.000,00";
        }
    }
    let ws = wb.add_worksheet().set_name("Bidang SDK")?;
    rekap_header(ws)?;
    write_lines(ws, &sdk, false)?;
    // An older copy, hidden: other numbers, never read.
    let ws = wb.add_worksheet().set_name("Induk lama")?;
    rekap_header(ws)?;
    let mut old = all.clone();
    for line in &mut old {
        line.3 = ["1,00"; 6];
    }
    write_lines(ws, &old, true)?;
    ws.set_hidden(true);
    wb.save(path)
}

fn lra(path: &Path) -> Result<(), XlsxError> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("LRA")?;
    ws.write_string(0, 0, "DINAS KESEHATAN KABUPATEN CONTOH")?;
    ws.write_string(1, 0, "LAPORAN REALISASI ANGGARAN")?;
    ws.write_string(
        2,
        0,
        "UNTUK TAHUN YANG BERAKHIR SAMPAI DENGAN 31 DESEMBER 2025",
    )?;
    // Seed 000, tabel_3_22_lra_apbd_2025.csv, cell for cell.
    let csv = include_str!("../../../tests/fixtures/sipd/tabel_3_22_lra_apbd_2025.csv");
    for (i, line) in csv.lines().enumerate() {
        let cells = split_csv(line);
        for (c, v) in cells.iter().enumerate() {
            if !v.is_empty() {
                ws.write_string(4 + i as u32, c as u16, v)?;
            }
        }
    }
    wb.save(path)
}

/// A CSV line (fields in double quotes may hold commas).
fn split_csv(line: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut quoted = false;
    for ch in line.chars() {
        match ch {
            '"' => quoted = !quoted,
            ',' if !quoted => out.push(String::new()),
            c => {
                if let Some(last) = out.last_mut() {
                    last.push(c);
                }
            }
        }
    }
    out
}

fn rekap_masalah(path: &Path) -> Result<(), XlsxError> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("Rekap")?;
    put_row(
        ws,
        0,
        &[S("Kode"), S("Uraian"), S("Anggaran"), S("Realisasi")],
    )?;
    let rows: [[V<'_>; 4]; 9] = [
        // The program states 100.000.000; its rows add up to 90.000.000.
        [
            S("1.03.01"),
            S("PROGRAM PENUNJANG"),
            S("100.000.000,00"),
            S("32.500.000,00"),
        ],
        [
            S("1.03.01.2.01"),
            S("Kegiatan Satu"),
            S("90.000.000,00"),
            S("32.500.000,00"),
        ],
        [
            S("1.03.01.2.01.0001"),
            S("Sub Kegiatan Satu"),
            S("90.000.000,00"),
            S("32.500.000,00"),
        ],
        // Realisasi over anggaran.
        [
            S("5.1.02.01.01.0024"),
            S("Alat Tulis Kantor"),
            N(30_000_000.0),
            N(32_500_000.0),
        ],
        // Text that is no amount.
        [
            S("5.1.02.01.01.0025"),
            S("Kertas dan Cover"),
            S("60.000.000,00"),
            S("17.500.000,x"),
        ],
        // A kode that is no kode: counted as a rekening, with a warning.
        [S("5.1.02.01.01.25.9"), S("Bahan Cetak"), S("0,00"), S("-")],
        [
            S("2.05.01"),
            S("PROGRAM KEDUA"),
            S("10.000.000,00"),
            S("12.34.56"),
        ],
        [S(""), S(""), S(""), S("")],
        // The grand total disagrees with the rows (90 + 10 = 100, not 110).
        [S(""), S("JUMLAH"), S("110.000.000,00"), S("32.500.000,00")],
    ];
    for (i, row) in rows.iter().enumerate() {
        put_row(ws, 1 + i as u32, row)?;
    }
    wb.save(path)
}

/// A rekap of realisasi so far (`PERIODE 1 JANUARI 2026 S.D. 30 JUNI 2026`) for the agency of
/// `tests/fixtures/xlsx/e81_101.xlsx` (Kota Tarakan, BKPSDM): sub kegiatan with the 2024
/// nomenclature's four-digit codes where the E.81 prints two (matched by name; one name in
/// capitals), amounts as text on the program/kegiatan/sub kegiatan rows and numbers on the
/// rekening rows, a pagu that differs from the E.81's, a sub kegiatan the E.81 lacks, and one
/// whose realisasi so far is less than the E.81's TW I.
fn rekap_realisasi_e81_101(path: &Path) -> Result<(), XlsxError> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("Realisasi")?;
    let title = [
        "PEMERINTAH KOTA TARAKAN",
        "LAPORAN REALISASI ANGGARAN BELANJA PER SUB KEGIATAN",
        "BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA",
        "TAHUN ANGGARAN 2026",
        "PERIODE 1 JANUARI 2026 S.D. 30 JUNI 2026",
    ];
    for (i, t) in title.iter().enumerate() {
        ws.write_string(i as u32, 0, *t)?;
    }
    put_row(
        ws,
        6,
        &[
            S("Kode"),
            S("Uraian"),
            S("Anggaran"),
            S("Realisasi"),
            S("Sisa Anggaran"),
            S("%"),
        ],
    )?;
    let rows: [(&str, &str, V<'_>, V<'_>, V<'_>, V<'_>); 34] = [
        ("5.03", "KEPEGAWAIAN", S("7.953.049.222,00"), S("2.013.992.877,52"), S("5.939.056.344,48"), S("25,32")),
        ("5.03.01", "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA", S("6.288.533.222,00"), S("1.636.698.817,52"), S("4.651.834.404,48"), S("26,03")),
        ("5.03.01.2.09", "Pemeliharaan Barang Milik Daerah Penunjang Urusan Pemerintahan Daerah", S("1.136.521.222,00"), S("318.731.859,94"), S("817.789.362,06"), S("28,04")),
        ("5.03.01.2.09.0002", "Penyediaan Jasa Pemeliharaan, Biaya Pemeliharaan, Pajak, dan Perizinan Kendaraan Dinas Operasional atau Lapangan", S("32.340.222,00"), S("8.731.859,94"), S("23.608.362,06"), S("27,00")),
        ("5.1.02.03.02.0035", "Belanja Pemeliharaan Alat Angkutan-Alat Angkutan Darat Bermotor-Kendaraan Dinas Bermotor Perorangan", N(25000000.0), N(6500000.0), N(18500000.0), N(26.0)),
        ("5.1.02.01.01.0064", "Belanja Pajak Kendaraan Bermotor", N(7340222.0), N(2231859.94), N(5108362.06), N(30.41)),
        ("5.03.01.2.09.0006", "PEMELIHARAAN PERALATAN DAN MESIN LAINNYA", S("1.104.181.000,00"), S("310.000.000,00"), S("794.181.000,00"), S("28,08")),
        ("5.1.02.03.02.0121", "Belanja Pemeliharaan Alat Kantor dan Rumah Tangga-Alat Kantor-Alat Kantor Lainnya", N(1000000000.0), N(280000000.0), N(720000000.0), N(28.0)),
        ("5.1.02.03.02.0405", "Belanja Pemeliharaan Komputer-Komputer Unit-Personal Computer", N(104181000.0), N(30000000.0), N(74181000.0), N(28.8)),
        ("5.03.01.2.02", "Administrasi Keuangan Perangkat Daerah", S("2.664.828.000,00"), S("845.401.997,58"), S("1.819.426.002,42"), S("31,72")),
        ("5.03.01.2.02.0001", "Penyediaan Gaji dan Tunjangan ASN", S("764.828.000,00"), S("120.000.000,00"), S("644.828.000,00"), S("15,69")),
        ("5.1.01.01.01.0001", "Belanja Gaji Pokok PNS", N(700000000.0), N(110000000.0), N(590000000.0), N(15.71)),
        ("5.1.01.01.02.0001", "Belanja Tunjangan Keluarga PNS", N(64828000.0), N(10000000.0), N(54828000.0), N(15.43)),
        ("5.03.01.2.02.0007", "Koordinasi dan Penyusunan Laporan Keuangan Bulanan/Triwulanan/Semesteran SKPD", S("1.900.000.000,00"), S("725.401.997,58"), S("1.174.598.002,42"), S("38,18")),
        ("5.1.02.02.01.0026", "Belanja Jasa Tenaga Administrasi", N(1500000000.0), N(600000000.0), N(900000000.0), N(40.0)),
        ("5.1.02.01.01.0024", "Belanja Alat/Bahan untuk Kegiatan Kantor-Alat Tulis Kantor", N(400000000.0), N(125401997.58), N(274598002.42), N(31.35)),
        ("5.03.01.2.01", "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah", S("2.487.184.000,00"), S("472.564.960,00"), S("2.014.619.040,00"), S("19,00")),
        ("5.03.01.2.01.0007", "Evaluasi Kinerja Perangkat Daerah", S("1.313.356.000,00"), S("249.537.640,00"), S("1.063.818.360,00"), S("19,00")),
        ("5.1.02.02.01.0026", "Belanja Jasa Tenaga Administrasi", N(1000000000.0), N(200000000.0), N(800000000.0), N(20.0)),
        ("5.1.02.01.01.0052", "Belanja Makanan dan Minuman Rapat", N(313356000.0), N(49537640.0), N(263818360.0), N(15.81)),
        ("5.03.01.2.01.0001", "Penyusunan Dokumen Perencanaan Perangkat Daerah", S("1.173.828.000,00"), S("223.027.320,00"), S("950.800.680,00"), S("19,00")),
        ("5.1.02.02.01.0026", "Belanja Jasa Tenaga Administrasi", N(900000000.0), N(180000000.0), N(720000000.0), N(20.0)),
        ("5.1.02.01.01.0026", "Belanja Alat/Bahan untuk Kegiatan Kantor-Bahan Cetak", N(273828000.0), N(43027320.0), N(230800680.0), N(15.71)),
        ("5.03.02", "PROGRAM KEPEGAWAIAN DAERAH", S("1.664.516.000,00"), S("377.294.060,00"), S("1.287.221.940,00"), S("22,67")),
        ("5.03.02.2.04", "Penilaian dan Evaluasi Kinerja Aparatur", S("1.664.516.000,00"), S("377.294.060,00"), S("1.287.221.940,00"), S("22,67")),
        ("5.03.02.2.04.0003", "Evaluasi Hasil Penilaian dan Evaluasi Kinerja Aparatur", S("743.385.000,00"), S("150.000.000,00"), S("593.385.000,00"), S("20,18")),
        ("5.1.02.02.01.0026", "Belanja Jasa Tenaga Administrasi", N(600000000.0), N(120000000.0), N(480000000.0), N(20.0)),
        ("5.1.02.01.01.0052", "Belanja Makanan dan Minuman Rapat", N(143385000.0), N(30000000.0), N(113385000.0), N(20.92)),
        ("5.03.02.2.04.0007", "Pembinaan Disiplin ASN", S("826.131.000,00"), S("214.794.060,00"), S("611.336.940,00"), S("26,00")),
        ("5.1.02.02.01.0026", "Belanja Jasa Tenaga Administrasi", N(800000000.0), N(200000000.0), N(600000000.0), N(25.0)),
        ("5.1.02.04.01.0001", "Belanja Perjalanan Dinas Biasa", N(26131000.0), N(14794060.0), N(11336940.0), N(56.61)),
        ("5.03.02.2.04.0008", "Pengelolaan Penyelesaian Pelanggaran Disiplin ASN", S("95.000.000,00"), S("12.500.000,00"), S("82.500.000,00"), S("13,16")),
        ("5.1.02.04.01.0001", "Belanja Perjalanan Dinas Biasa", N(95000000.0), N(12500000.0), N(82500000.0), N(13.16)),
        ("", "JUMLAH", S("7.953.049.222,00"), S("2.013.992.877,52"), S("5.939.056.344,48"), S("25,32")),
    ];
    for (i, (kode, uraian, a, r, sisa, pct)) in rows.iter().enumerate() {
        put_row(ws, 7 + i as u32, &[S(kode), S(uraian), *a, *r, *sisa, *pct])?;
    }
    ws.set_column_width(1, 60)?;
    wb.save(path)
}

/// The realisasi by month of kegiatan 5.03.01.2.09 of e81_101 and its two sub kegiatan (two
/// rekening each), January to April 2026: `Kode | Uraian | Anggaran | Realisasi (Januari,
/// Februari, Maret, April, Jumlah) | Sisa | %`, the header on two rows with `Realisasi` merged
/// over its five columns; node amounts as Indonesian text, rekening amounts as numbers; a
/// `JUMLAH` row. Every node's month is the sum of its rekening rows' (worked out by hand in the
/// expected JSON); sub kegiatan 0006's TW I (110.418.100) is the E.81's, 0002's is new.
fn realisasi_bulanan_e81_101(path: &Path) -> Result<(), XlsxError> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("Realisasi Bulanan")?;
    let title = [
        "PEMERINTAH KOTA TARAKAN",
        "LAPORAN REALISASI ANGGARAN PER BULAN",
        "BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA",
        "TAHUN ANGGARAN 2026",
        "PERIODE 1 JANUARI 2026 S.D. 30 APRIL 2026",
    ];
    for (i, t) in title.iter().enumerate() {
        ws.write_string(i as u32, 0, *t)?;
    }
    for (c, h) in ["Kode", "Uraian", "Anggaran"].iter().enumerate() {
        ws.merge_range(6, c as u16, 7, c as u16, h, &rust_xlsxwriter::Format::new())?;
    }
    ws.merge_range(6, 3, 6, 7, "Realisasi", &rust_xlsxwriter::Format::new())?;
    for (c, h) in ["Januari", "Februari", "Maret", "April", "Jumlah"]
        .iter()
        .enumerate()
    {
        ws.write_string(7, 3 + c as u16, *h)?;
    }
    ws.merge_range(6, 8, 7, 8, "Sisa Anggaran", &rust_xlsxwriter::Format::new())?;
    ws.merge_range(6, 9, 7, 9, "%", &rust_xlsxwriter::Format::new())?;
    type Line<'a> = (&'a str, &'a str, [V<'a>; 8]);
    let rows: [Line<'_>; 8] = [
        ("5.03.01.2.09", "Pemeliharaan Barang Milik Daerah Penunjang Urusan Pemerintahan Daerah",
            [S("1.136.521.222,00"), S("31.000.000,00"), S("41.918.100,00"), S("44.231.859,94"), S("56.200.000,00"), S("173.349.959,94"), S("963.171.262,06"), S("15,25")]),
        ("5.03.01.2.09.0002", "Penyediaan Jasa Pemeliharaan, Biaya Pemeliharaan, Pajak, dan Perizinan Kendaraan Dinas Operasional atau Lapangan",
            [S("32.340.222,00"), S("1.000.000,00"), S("1.500.000,00"), S("4.231.859,94"), S("1.200.000,00"), S("7.931.859,94"), S("24.408.362,06"), S("24,53")]),
        ("5.1.02.03.02.0035", "Belanja Pemeliharaan Alat Angkutan-Alat Angkutan Darat Bermotor-Kendaraan Dinas Bermotor Perorangan",
            [N(25000000.0), N(1000000.0), N(1500000.0), N(2000000.0), N(1200000.0), N(5700000.0), N(19300000.0), N(22.8)]),
        ("5.1.02.01.01.0064", "Belanja Pajak Kendaraan Bermotor",
            [N(7340222.0), S("0,00"), S("0,00"), N(2231859.94), S("0,00"), N(2231859.94), N(5108362.06), N(30.41)]),
        ("5.03.01.2.09.0006", "PEMELIHARAAN PERALATAN DAN MESIN LAINNYA",
            [S("1.104.181.000,00"), S("30.000.000,00"), S("40.418.100,00"), S("40.000.000,00"), S("55.000.000,00"), S("165.418.100,00"), S("938.762.900,00"), S("14,98")]),
        ("5.1.02.03.02.0121", "Belanja Pemeliharaan Alat Kantor dan Rumah Tangga-Alat Kantor-Alat Kantor Lainnya",
            [N(1000000000.0), N(30000000.0), N(35000000.0), N(40000000.0), N(45000000.0), N(150000000.0), N(850000000.0), N(15.0)]),
        ("5.1.02.03.02.0405", "Belanja Pemeliharaan Komputer-Komputer Unit-Personal Computer",
            [N(104181000.0), S("0,00"), N(5418100.0), S("0,00"), N(10000000.0), N(15418100.0), N(88762900.0), N(14.8)]),
        ("", "JUMLAH",
            [S("1.136.521.222,00"), S("31.000.000,00"), S("41.918.100,00"), S("44.231.859,94"), S("56.200.000,00"), S("173.349.959,94"), S("963.171.262,06"), S("15,25")]),
    ];
    for (i, (kode, uraian, values)) in rows.iter().enumerate() {
        let mut cells = vec![S(kode), S(uraian)];
        cells.extend_from_slice(values);
        put_row(ws, 8 + i as u32, &cells)?;
    }
    ws.set_column_width(1, 60)?;
    wb.save(path)
}

/// The anggaran kas (RAK) of part of e81_101's first program, flat as SIPD exports it (the
/// Sumenep layout: the path's codes and names, the akun, Nilai Rincian, Total RAK, the months
/// with each quarter after its three, the sums row above the data): sub kegiatan 0002 and
/// 0006 of kegiatan 5.03.01.2.09, two rekening each. Every quarter is the sum of its months,
/// every rekening's months sum to its Nilai Rincian.
fn anggaran_kas_e81_101(path: &Path) -> Result<(), XlsxError> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("RAK")?;
    ws.write_string(0, 9, "ANGGARAN KAS TAHUN 2026")?;
    let mut header: Vec<String> = [
        "Tahun",
        "Daerah",
        "Kode Urusan",
        "Nama Urusan",
        "Kode Bidang Urusan",
        "Nama Bidang Urusan",
        "Kode Program",
        "Nama Program",
        "Kode Kegiatan",
        "Nama Kegiatan",
        "Kode Sub Kegiatan",
        "Nama Sub Kegiatan",
        "Kode Akun",
        "Nama Akun",
        "Nilai Rincian",
        "Total RAK",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for q in 1..=4 {
        for m in 3 * q - 2..=3 * q {
            header.push(format!("bulan{m}"));
        }
        header.push(format!("TW {q}"));
    }
    for (c, h) in header.iter().enumerate() {
        ws.write_string(2, c as u16, h)?;
    }
    // (sub kegiatan kode and name, akun, akun name, the twelve months)
    type Rak<'a> = ((&'a str, &'a str), &'a str, &'a str, [f64; 12]);
    let sub02 = ("5.03.01.2.09.0002", "Penyediaan Jasa Pemeliharaan, Biaya Pemeliharaan, Pajak, dan Perizinan Kendaraan Dinas Operasional atau Lapangan");
    let sub06 = (
        "5.03.01.2.09.0006",
        "PEMELIHARAAN PERALATAN DAN MESIN LAINNYA",
    );
    let rows: [Rak<'_>; 4] = [
        (sub02, "5.1.02.03.02.0035", "Belanja Pemeliharaan Alat Angkutan-Alat Angkutan Darat Bermotor-Kendaraan Dinas Bermotor Perorangan",
            [2_000_000.0, 2_000_000.0, 2_000_000.0, 2_000_000.0, 2_000_000.0, 2_000_000.0, 2_000_000.0, 2_000_000.0, 2_000_000.0, 2_000_000.0, 2_000_000.0, 3_000_000.0]),
        (sub02, "5.1.02.01.01.0064", "Belanja Pajak Kendaraan Bermotor",
            [0.0, 0.0, 3_000_000.0, 0.0, 0.0, 0.0, 0.0, 0.0, 4_340_222.0, 0.0, 0.0, 0.0]),
        (sub06, "5.1.02.03.02.0121", "Belanja Pemeliharaan Alat Kantor dan Rumah Tangga-Alat Kantor-Alat Kantor Lainnya",
            [50_000_000.0, 50_000_000.0, 100_000_000.0, 100_000_000.0, 100_000_000.0, 100_000_000.0, 100_000_000.0, 100_000_000.0, 100_000_000.0, 100_000_000.0, 50_000_000.0, 50_000_000.0]),
        (sub06, "5.1.02.03.02.0405", "Belanja Pemeliharaan Komputer-Komputer Unit-Personal Computer",
            [0.0, 0.0, 20_000_000.0, 0.0, 0.0, 30_000_000.0, 0.0, 0.0, 30_000_000.0, 0.0, 0.0, 24_181_000.0]),
    ];
    let mut sums = vec![0.0f64; header.len()];
    for (i, ((sk, sn), akun, akun_nama, months)) in rows.iter().enumerate() {
        let r = 4 + i as u32;
        let text = [
            "2026",
            "Kota Tarakan",
            "5",
            "UNSUR PENUNJANG URUSAN PEMERINTAHAN",
            "5.03",
            "KEPEGAWAIAN",
            "5.03.01",
            "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA",
            "5.03.01.2.09",
            "Pemeliharaan Barang Milik Daerah Penunjang Urusan Pemerintahan Daerah",
            sk,
            sn,
            akun,
            akun_nama,
        ];
        for (c, t) in text.iter().enumerate() {
            ws.write_string(r, c as u16, *t)?;
        }
        let total: f64 = months.iter().sum();
        let mut values = vec![total, total];
        for q in 0..4 {
            let three = &months[3 * q..3 * q + 3];
            values.extend_from_slice(three);
            values.push(three.iter().sum());
        }
        for (k, v) in values.iter().enumerate() {
            let c = 14 + k;
            ws.write_number(r, c as u16, *v)?;
            sums[c] += v;
        }
    }
    // The column sums above the data, as SIPD puts them.
    for (c, v) in sums.iter().enumerate().skip(14) {
        ws.write_number(3, c as u16, *v)?;
    }
    wb.save(path)
}

/// Writes one fixture.
type Writer = fn(&Path) -> Result<(), XlsxError>;

fn main() {
    let dir = std::env::args()
        .nth(1)
        .map_or_else(|| PathBuf::from("tests/fixtures/sipd"), PathBuf::from);
    let jobs: [(&str, Writer); 6] = [
        ("rekap_belanja_bidang.xlsx", rekap_belanja_bidang),
        ("lra_rekening_2025.xlsx", lra),
        ("rekap_masalah.xlsx", rekap_masalah),
        ("realisasi_e81_101_sd_juni.xlsx", rekap_realisasi_e81_101),
        ("anggaran_kas_e81_101.xlsx", anggaran_kas_e81_101),
        (
            "realisasi_bulanan_e81_101_sd_april.xlsx",
            realisasi_bulanan_e81_101,
        ),
    ];
    for (name, job) in jobs {
        let path = dir.join(name);
        match job(&path) {
            Ok(()) => println!("{}", path.display()),
            Err(e) => eprintln!("{}: {e}", path.display()),
        }
    }
}
