//! Writes the Perjanjian Kinerja fixture workbooks of `tests/fixtures/pk/` from the real seed
//! tables (`tests/fixtures/seeds/000`, `003`, `004`), each printed as the seed's document prints
//! it (header wording as the CSV's header, values verbatim: `85%`, `35 %`, `97 persen`,
//! `Rp. 37.324.924.280`), with the parties, places and dates the seeds' ANALYSIS.md record:
//!
//! - `pk_000_2025.xlsx`: seed 000's PK 2025 (Lampiran, lines 2149–2203): a `Pernyataan` sheet
//!   (title, PD, the standard sentences, Nama/Jabatan of both parties, `Kotabaru, 21 Pebruari
//!   2025`, the signature blocks side by side, NIP under the pihak pertama only), the lampiran
//!   kinerja and the lampiran anggaran on their own sheets, amounts as the text the document
//!   prints; under the anggaran the lampiran's own signature block with the name and NIP the
//!   document prints there (`FA MUHAMMAD YUSUF, S.Pd / NIP.19661009 198503 1 001`: ANALYSIS.md
//!   Appendix A item 29). `pk_000_2025_libreoffice.xlsx` is it re-saved by LibreOffice Calc
//!   (shared strings).
//! - `pk_000_perubahan_2025.xlsx`: seed 000's PK Perubahan 2025: the statement sheet
//!   (`PERJANJIAN KINERJA PERUBAHAN TAHUN 2025`, the unspaced NIP, `KOTABARU, 01 Oktober
//!   2025`) and one `Lampiran` sheet with both tables one under the other: the kinerja with its
//!   `SASARAN` label row, the anggaran whose first header cell is empty, bare amounts, no total.
//! - `pk_004_tabel_2_4_1.xlsx`: seed 004's Tabel 2.4.1: target 2024 and 2025 (n+1), the
//!   numbering row `(1)…(5)`, targets as text (`99,99%`, `80.5`); no anggaran, no statement.
//!   `pk_004_tabel_2_4_1.xls` is it saved by LibreOffice Calc as Excel 97–2003.
//! - `pk_varian_satu_lembar.xlsx`: seed 000's Tabel 2.5 (PK 2025 sebelum perubahan, the report
//!   body) with both tables on one sheet, each header merged over two rows (`Target 2025` over
//!   `Nilai | Satuan`, the target's unit in its own column; `Anggaran Tahun 2025` over
//!   `Rupiah`), the kode in its own column, amounts as numbers, the `Total` row in the No column
//!   and the total's terbilang under it, as the agency typed it for the printed total.
//! - `pk_varian_tersembunyi.xlsx`: seed 003's Tabel 2.6 (PK Perubahan 2022): the two-part
//!   table side by side (sasaran · indikator · satuan · target | program · kegiatan ·
//!   anggaran), `INDIKATOR KINERJA SASARAN` and `KEGIATAN` each merged over a number column and
//!   a text column, amounts as text with `Rp.`, and first in the book a hidden sheet holding an
//!   older copy with other figures (a reader that looked at hidden sheets would take it).
//!
//! - `pk_varian_ribuan.xlsx`: a kasubbag's PK (sasaran kegiatan) from seed 004's rows of
//!   kegiatan 1.1: targets as text with their unit (`10 Dok`) and TW I–IV target columns, the
//!   anggaran `(Rp. 000)` with a kode column, the kegiatan and the Jumlah live formulas, the
//!   terbilang under the table and the total in a sentence of the statement page (figure and
//!   words). `pk_varian_ribuan_libreoffice.xlsx` is it re-saved by LibreOffice Calc (shared
//!   strings). These two are what `tests/fill_pk.rs` fills.
//!
//! The expected JSON beside each (`*.expected.json`) is written by hand from the CSVs.
//!
//! ```text
//! CARGO_TARGET_DIR=/work/scratch/target-pk cargo run -p capaian-xlsx --example gen_pk_fixtures [-- DIR]
//! ```
//! then, from that directory: `soffice --headless --convert-to xlsx --outdir lo pk_000_2025.xlsx`
//! and move `lo/pk_000_2025.xlsx` to `pk_000_2025_libreoffice.xlsx`;
//! `soffice --headless --convert-to xls pk_004_tabel_2_4_1.xlsx`.

use std::path::{Path, PathBuf};

#[path = "../tests/common/csv.rs"]
mod csv;
use csv::parse_csv;

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet};

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

fn seed(seeds: &Path, rel: &str) -> Result<(Vec<String>, Vec<Vec<String>>)> {
    let text = std::fs::read_to_string(seeds.join(rel))?;
    let mut rows = parse_csv(&text);
    if rows.is_empty() {
        return Err(format!("{rel}: empty CSV").into());
    }
    let header = rows.remove(0);
    let keep = header.iter().take_while(|h| !h.starts_with('_')).count();
    let rows = rows
        .into_iter()
        .map(|mut r| {
            r.truncate(keep);
            r.resize(keep, String::new());
            r
        })
        .collect();
    Ok((header[..keep].to_vec(), rows))
}

/// Indonesian integer text (`6.129.770.144`, `Rp. 37.324.924.280`) as a number.
fn id_number(s: &str) -> Option<f64> {
    let t = s.trim().trim_start_matches("Rp.").trim();
    let digits: String = t.chars().filter(|c| *c != '.').collect();
    (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| digits.parse().ok())
        .flatten()
}

struct St {
    head: Format,
    cell: Format,
    money: Format,
    plain: Format,
    bold: Format,
}

fn st() -> St {
    let border = Format::new().set_border(FormatBorder::Thin);
    St {
        head: border
            .clone()
            .set_bold()
            .set_text_wrap()
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter),
        cell: border.clone().set_text_wrap().set_align(FormatAlign::Top),
        money: border.set_num_format("#,##0"),
        plain: Format::new(),
        bold: Format::new().set_bold(),
    }
}

fn head(
    ws: &mut Worksheet,
    st: &St,
    (r1, c1): (u32, u16),
    (r2, c2): (u32, u16),
    t: &str,
) -> Result<()> {
    if (r1, c1) == (r2, c2) {
        ws.write_string_with_format(r1, c1, t, &st.head)?;
    } else {
        ws.merge_range(r1, c1, r2, c2, t, &st.head)?;
    }
    Ok(())
}

fn text(ws: &mut Worksheet, st: &St, r: u32, c: u16, s: &str) -> Result<()> {
    if s.is_empty() {
        ws.write_blank(r, c, &st.cell)?;
    } else {
        ws.write_string_with_format(r, c, s, &st.cell)?;
    }
    Ok(())
}

fn numbering(ws: &mut Worksheet, st: &St, r: u32, labels: &[&str]) -> Result<()> {
    for (c, l) in labels.iter().enumerate() {
        text(ws, st, r, c as u16, l)?;
    }
    Ok(())
}

/// One party of the statement and its signature block.
struct Pihak<'a> {
    nama: &'a str,
    jabatan: &'a str,
    ttd_jabatan: &'a str,
    pangkat: Option<&'a str>,
    nip: Option<&'a str>,
}

/// The statement page (Permenpan RB 53/2014 Lampiran I).
fn pernyataan(
    wb: &mut Workbook,
    st: &St,
    judul: &str,
    pd: &str,
    (pertama, kedua): (&Pihak<'_>, &Pihak<'_>),
    tempat_tanggal: &str,
    kalimat_anggaran: Option<&str>,
) -> Result<()> {
    let ws = wb.add_worksheet().set_name("Pernyataan")?;
    ws.set_column_width(0, 4)?;
    ws.set_column_width(1, 12)?;
    ws.set_column_width(2, 2)?;
    ws.set_column_width(3, 30)?;
    ws.set_column_width(4, 36)?;
    ws.merge_range(0, 0, 0, 4, judul, &st.bold)?;
    ws.merge_range(1, 0, 1, 4, pd, &st.bold)?;
    let mut r = 3;
    let line =
        |ws: &mut Worksheet, r: u32, t: &str| ws.merge_range(r, 0, r, 4, t, &st.plain).map(|_| ());
    line(ws, r, "Dalam rangka mewujudkan manajemen pemerintahan yang efektif, transparan dan akuntabel serta berorientasi pada hasil, kami yang bertanda tangan di bawah ini:")?;
    r += 2;
    for (p, akhir) in [
        (pertama, "selanjutnya disebut pihak pertama"),
        (
            kedua,
            "selaku atasan pihak pertama, selanjutnya disebut pihak kedua",
        ),
    ] {
        ws.write_string(r, 1, "Nama")?;
        ws.write_string(r, 2, ":")?;
        ws.write_string(r, 3, p.nama)?;
        ws.write_string(r + 1, 1, "Jabatan")?;
        ws.write_string(r + 1, 2, ":")?;
        ws.write_string(r + 1, 3, p.jabatan)?;
        ws.write_string(r + 2, 1, akhir)?;
        r += 4;
    }
    line(ws, r, "Pihak pertama berjanji akan mewujudkan target kinerja yang seharusnya sesuai lampiran perjanjian ini, dalam rangka mencapai target kinerja jangka menengah seperti yang telah ditetapkan dalam dokumen perencanaan. Keberhasilan dan kegagalan pencapaian target kinerja tersebut menjadi tanggung jawab kami.")?;
    r += 2;
    if let Some(k) = kalimat_anggaran {
        line(ws, r, k)?;
        r += 2;
    }
    line(ws, r, "Pihak kedua akan melakukan supervisi yang diperlukan serta akan melakukan evaluasi terhadap capaian kinerja dari perjanjian ini dan mengambil tindakan yang diperlukan dalam rangka pemberian penghargaan dan sanksi.")?;
    r += 2;
    ws.write_string(r, 4, tempat_tanggal)?;
    r += 1;
    signature(ws, r, (kedua, 1), (pertama, 4))?;
    Ok(())
}

/// Pihak kedua's block at column `ck`, pihak pertama's at `cp`, from row `r`.
fn signature(
    ws: &mut Worksheet,
    r: u32,
    (kedua, ck): (&Pihak<'_>, u16),
    (pertama, cp): (&Pihak<'_>, u16),
) -> Result<()> {
    for (p, c, head) in [(kedua, ck, "PIHAK KEDUA,"), (pertama, cp, "PIHAK PERTAMA,")] {
        ws.write_string(r, c, head)?;
        ws.write_string(r + 1, c, p.ttd_jabatan)?;
        ws.write_string(r + 5, c, p.nama)?;
        let mut rr = r + 6;
        if let Some(g) = p.pangkat {
            ws.write_string(rr, c, g)?;
            rr += 1;
        }
        if let Some(n) = p.nip {
            ws.write_string(rr, c, n)?;
        }
    }
    Ok(())
}

fn pk_000_2025(seeds: &Path, out: &Path) -> Result<()> {
    let st = st();
    let mut wb = Workbook::new();
    let pertama = Pihak {
        nama: "H. Muhamad Yusuf, S.Pd",
        jabatan: "Plt. Kepala BKPSDM Kabupaten Kotabaru",
        ttd_jabatan: "Plt. Kepala BKPSDM Kabupaten Kotabaru",
        pangkat: Some("Pembina Utama Muda (IV/c)"),
        nip: Some("NIP.19661109 198503 1 001"),
    };
    let kedua = Pihak {
        nama: "Muh. Rusli, S.Sos",
        jabatan: "Bupati Kotabaru",
        ttd_jabatan: "Bupati Kotabaru",
        pangkat: None,
        nip: None,
    };
    pernyataan(
        &mut wb,
        &st,
        "PERJANJIAN KINERJA TAHUN 2025",
        "BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA KABUPATEN KOTABARU",
        (&pertama, &kedua),
        "Kotabaru, 21 Pebruari 2025",
        None,
    )?;
    let judul = "PERJANJIAN KINERJA TAHUN 2025 KEPALA BKPSDM KABUPATEN KOTABARU";
    // Lampiran kinerja.
    let (h, rows) = seed(seeds, "000/lampiran_pk_2025_kinerja.csv")?;
    let ws = wb.add_worksheet().set_name("Lampiran Kinerja")?;
    ws.write_string_with_format(0, 0, judul, &st.bold)?;
    for (c, t) in h.iter().enumerate() {
        head(ws, &st, (2, c as u16), (2, c as u16), t)?;
    }
    numbering(ws, &st, 3, &["(1)", "(2)", "(3)", "(4)"])?;
    for (i, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            text(ws, &st, 4 + i as u32, c as u16, v)?;
        }
    }
    ws.set_column_width(1, 40)?;
    ws.set_column_width(2, 40)?;
    // Lampiran anggaran: amounts as the document's text, the TOTAL in the Program column.
    let (h, rows) = seed(seeds, "000/lampiran_pk_2025_anggaran.csv")?;
    let ws = wb.add_worksheet().set_name("Lampiran Anggaran")?;
    ws.write_string_with_format(0, 0, judul, &st.bold)?;
    for (c, t) in h.iter().enumerate() {
        head(ws, &st, (2, c as u16), (2, c as u16), t)?;
    }
    for (i, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            text(ws, &st, 3 + i as u32, c as u16, v)?;
        }
    }
    ws.set_column_width(1, 50)?;
    ws.set_column_width(2, 20)?;
    ws.write_string(9, 3, "Kotabaru, 21 Pebruari 2025")?;
    let lampiran_pertama = Pihak {
        nama: "FA MUHAMMAD YUSUF, S.Pd",
        nip: Some("NIP.19661009 198503 1 001"),
        ..pertama
    };
    signature(ws, 10, (&kedua, 1), (&lampiran_pertama, 3))?;
    wb.save(out.join("pk_000_2025.xlsx"))?;
    Ok(())
}

fn pk_000_perubahan(seeds: &Path, out: &Path) -> Result<()> {
    let st = st();
    let mut wb = Workbook::new();
    let pertama = Pihak {
        nama: "ANANG MUHAMMAD ZEN, ST., MT., CGCAE",
        jabatan: "Plt. Kepala Badan",
        ttd_jabatan: "Plt. Kepala Badan",
        pangkat: None,
        nip: Some("NIP 197309162003121002"),
    };
    let kedua = Pihak {
        nama: "MUH. RUSLI, S.Sos",
        jabatan: "Bupati",
        ttd_jabatan: "Bupati",
        pangkat: None,
        nip: None,
    };
    pernyataan(
        &mut wb,
        &st,
        "PERJANJIAN KINERJA PERUBAHAN TAHUN 2025",
        "BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA KABUPATEN KOTABARU",
        (&pertama, &kedua),
        "KOTABARU, 01 Oktober 2025",
        None,
    )?;
    let ws = wb.add_worksheet().set_name("Lampiran")?;
    ws.write_string_with_format(0, 0, "PERJANJIAN KINERJA PERUBAHAN TAHUN 2025", &st.bold)?;
    let (h, rows) = seed(seeds, "000/lampiran_pk_perubahan_2025_kinerja.csv")?;
    for (c, t) in h.iter().enumerate() {
        head(ws, &st, (2, c as u16), (2, c as u16), t)?;
    }
    let mut r = 3;
    for row in &rows {
        for (c, v) in row.iter().enumerate() {
            text(ws, &st, r, c as u16, v)?;
        }
        r += 1;
    }
    // The anggaran under it, after a blank row; its first header cell is empty (the CSV's `No`).
    r += 1;
    let (h, rows) = seed(seeds, "000/lampiran_pk_perubahan_2025_anggaran.csv")?;
    for (c, t) in h.iter().enumerate() {
        text(ws, &st, r, c as u16, if c == 0 { "" } else { t })?;
        if c > 0 {
            head(ws, &st, (r, c as u16), (r, c as u16), t)?;
        }
    }
    r += 1;
    for row in &rows {
        text(ws, &st, r, 0, &row[0])?;
        text(ws, &st, r, 1, &row[1])?;
        let v = id_number(&row[2]).ok_or("amount")?;
        ws.write_number_with_format(r, 2, v, &st.money)?;
        r += 1;
    }
    ws.set_column_width(1, 45)?;
    ws.set_column_width(2, 45)?;
    wb.save(out.join("pk_000_perubahan_2025.xlsx"))?;
    Ok(())
}

fn pk_004(seeds: &Path, out: &Path) -> Result<()> {
    let st = st();
    let mut wb = Workbook::new();
    let (h, rows) = seed(seeds, "004/tabel_2_4_1_perjanjian_kinerja_2024.csv")?;
    let ws = wb.add_worksheet().set_name("Tabel 2.4.1")?;
    ws.write_string_with_format(0, 0, "Tabel 2.4.1", &st.bold)?;
    ws.write_string_with_format(1, 0, "Perjanjian Kinerja Tahun 2024", &st.bold)?;
    for (c, t) in h.iter().enumerate() {
        head(ws, &st, (3, c as u16), (3, c as u16), t)?;
    }
    // The CSV's first data row is the numbering row `(1)…(5)`.
    for (i, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            text(ws, &st, 4 + i as u32, c as u16, v)?;
        }
    }
    ws.set_column_width(1, 40)?;
    ws.set_column_width(2, 50)?;
    wb.save(out.join("pk_004_tabel_2_4_1.xlsx"))?;
    Ok(())
}

/// `35 Persen` → `35`, `Persen`.
fn split_unit(s: &str) -> (String, String) {
    match s.split_once(' ') {
        Some((a, b)) => (a.to_string(), b.to_string()),
        None => (s.to_string(), String::new()),
    }
}

fn varian_satu_lembar(seeds: &Path, out: &Path) -> Result<()> {
    let st = st();
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("Tabel 2.5")?;
    ws.write_string_with_format(
        0,
        0,
        "Tabel 2.5 Perjanjian Kinerja Tahun 2025 Sebelum Perubahan",
        &st.bold,
    )?;
    let (_, rows) = seed(seeds, "000/tabel_2_5_pk_2025_sebelum_perubahan_kinerja.csv")?;
    head(ws, &st, (2, 0), (3, 0), "No")?;
    head(ws, &st, (2, 1), (3, 1), "Sasaran Strategis")?;
    head(ws, &st, (2, 2), (3, 2), "Indikator Kinerja")?;
    head(ws, &st, (2, 3), (2, 4), "Target 2025")?;
    head(ws, &st, (3, 3), (3, 3), "Nilai")?;
    head(ws, &st, (3, 4), (3, 4), "Satuan")?;
    let mut r = 4;
    for row in &rows {
        text(ws, &st, r, 0, &row[0])?;
        text(ws, &st, r, 1, &row[1])?;
        text(ws, &st, r, 2, &row[2])?;
        let (v, unit) = split_unit(&row[3]);
        ws.write_number_with_format(r, 3, v.parse::<f64>()?, &st.cell)?;
        text(ws, &st, r, 4, &unit)?;
        r += 1;
    }
    r += 1;
    let (_, rows) = seed(
        seeds,
        "000/tabel_2_5_pk_2025_sebelum_perubahan_anggaran.csv",
    )?;
    head(ws, &st, (r, 0), (r + 1, 0), "No.")?;
    head(ws, &st, (r, 1), (r + 1, 1), "Kode")?;
    head(ws, &st, (r, 2), (r + 1, 2), "Program")?;
    head(ws, &st, (r, 3), (r, 3), "Anggaran Tahun 2025")?;
    head(ws, &st, (r + 1, 3), (r + 1, 3), "Rupiah")?;
    head(ws, &st, (r, 4), (r + 1, 4), "Keterangan")?;
    r += 2;
    let kode = ["5.03.01", "5.03.02", "5.04.02"];
    for (i, row) in rows.iter().enumerate() {
        let v = id_number(&row[2]).ok_or("amount")?;
        if row[0] == "Total" {
            ws.merge_range(r, 0, r, 2, "Total", &st.head)?;
        } else {
            text(ws, &st, r, 0, &row[0])?;
            text(ws, &st, r, 1, kode.get(i).copied().unwrap_or(""))?;
            text(ws, &st, r, 2, &row[1])?;
        }
        ws.write_number_with_format(r, 3, v, &st.money)?;
        text(ws, &st, r, 4, &row[3])?;
        r += 1;
    }
    ws.write_string(
        r,
        2,
        "Terbilang: Lima Puluh Milyar Sembilan Ratus Sembilan Puluh Dua Juta Lima Ratus Tiga Puluh Satu Ribu Tiga Ratus Enam Puluh Tujuh Rupiah",
    )?;
    ws.set_column_width(1, 35)?;
    ws.set_column_width(2, 45)?;
    ws.set_column_width(3, 18)?;
    wb.save(out.join("pk_varian_satu_lembar.xlsx"))?;
    Ok(())
}

fn varian_tersembunyi(seeds: &Path, out: &Path) -> Result<()> {
    let st = st();
    let mut wb = Workbook::new();
    let (_, rows) = seed(seeds, "003/tabel_2.6_perjanjian_kinerja_perubahan.csv")?;
    for (name, hidden, factor) in [("PK Murni (lama)", true, 2.0), ("Tabel 2.6", false, 1.0)] {
        let ws = wb.add_worksheet().set_name(name)?;
        if hidden {
            ws.set_hidden(true);
        } else {
            ws.set_active(true);
        }
        ws.write_string_with_format(
            0,
            0,
            "PERJANJIAN KINERJA PERUBAHAN KEPALA BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA TAHUN 2022",
            &st.bold,
        )?;
        head(ws, &st, (2, 0), (2, 0), "NO")?;
        head(ws, &st, (2, 1), (2, 1), "SASARAN STRATEGIS")?;
        head(ws, &st, (2, 2), (2, 3), "INDIKATOR KINERJA SASARAN")?;
        head(ws, &st, (2, 4), (2, 4), "SATUAN")?;
        head(ws, &st, (2, 5), (2, 5), "TARGET")?;
        head(ws, &st, (2, 6), (2, 6), "PROGRAM")?;
        head(ws, &st, (2, 7), (2, 8), "KEGIATAN")?;
        head(ws, &st, (2, 9), (2, 9), "ANGGARAN SETELAH PERUBAHAN")?;
        numbering(
            ws,
            &st,
            3,
            &["1", "2", "3", "", "4", "5", "6", "7", "", "8"],
        )?;
        for (i, row) in rows.iter().enumerate() {
            let r = 4 + i as u32;
            for (c, v) in row.iter().enumerate() {
                let c16 = c as u16;
                match c {
                    // Ordinals and targets as numbers.
                    0 | 2 | 5 | 7 if !v.is_empty() => {
                        ws.write_number_with_format(r, c16, v.parse::<f64>()?, &st.cell)?;
                    }
                    9 => {
                        let n = id_number(v).ok_or("amount")? * factor;
                        let t = format!(
                            "Rp. {}",
                            capaian_domain::num::format_id(
                                rust_decimal::Decimal::from(n as u64),
                                0
                            )
                        );
                        text(ws, &st, r, c16, &t)?;
                    }
                    _ => text(ws, &st, r, c16, v)?,
                }
            }
        }
        ws.set_column_width(1, 25)?;
        ws.set_column_width(3, 35)?;
        ws.set_column_width(6, 30)?;
        ws.set_column_width(8, 40)?;
        ws.set_column_width(9, 20)?;
    }
    wb.save(out.join("pk_varian_tersembunyi.xlsx"))?;
    Ok(())
}

/// A kasubbag's PK (sasaran kegiatan) from seed 004's derived Tabel 2.5–2.7 rows of kegiatan
/// 1.1 (`_derived_normalized_indikator_sd_tw2.csv`: three sub kegiatan with `Dok` targets and
/// their TW I–IV targets, `-` where the seed prints none; pagu: the seed's implied pagu in
/// thousands). The statement names the total in a sentence with its figure and its words; the
/// lampiran kinerja writes each target as text with its unit (`10 Dok`) under `Target Tahun
/// 2024` and `Target TW I`…`TW IV`; the lampiran anggaran is `(Rp. 000)` with a kode column, the
/// kegiatan a live `SUM` of its sub kegiatan, the Jumlah a live formula, the terbilang under it.
/// The people and the place are illustrative (seed 004 names none).
fn varian_ribuan(seeds: &Path, out: &Path) -> Result<()> {
    let st = st();
    let mut wb = Workbook::new();
    let text_of =
        std::fs::read_to_string(seeds.join("004/_derived_normalized_indikator_sd_tw2.csv"))?;
    let rows = parse_csv(&text_of);
    let head_row = rows.first().ok_or("empty")?;
    let col = |name: &str| {
        head_row
            .iter()
            .position(|h| h == name)
            .ok_or(format!("no {name}"))
    };
    let (c_code, c_nama, c_sat, c_target) = (
        col("code_bab2")?,
        col("nama (Bab III)")?,
        col("satuan")?,
        col("target_tahun_bab2")?,
    );
    let c_tw = [
        col("tw1_target_bab2")?,
        col("tw2_target_bab2")?,
        col("tw3_target_bab2")?,
        col("tw4_target_bab2")?,
    ];
    let c_pagu = col("pagu_implied_rp (=realisasi/pct)")?;
    let subs: Vec<&Vec<String>> = rows
        .iter()
        .filter(|r| ["1.1.1", "1.1.2", "1.1.4"].contains(&r[c_code].as_str()))
        .collect();
    let kode = [
        "5.03.01.2.01.0001",
        "5.03.01.2.01.0002",
        "5.03.01.2.01.0007",
    ];
    // Thousands, rounded half-up.
    let ribu: Vec<u64> = subs
        .iter()
        .map(|r| {
            let rp = id_number(&r[c_pagu]).unwrap_or(0.0) as u64;
            (rp + 500) / 1000
        })
        .collect();
    let total: u64 = ribu.iter().sum::<u64>() * 1000;
    let total_text = capaian_domain::num::format_id(rust_decimal::Decimal::from(total), 0);
    let words = capaian_domain::terbilang::terbilang_rupiah(rust_decimal::Decimal::from(total));
    let pertama = Pihak {
        nama: "RAHMAWATI, S.E.",
        jabatan: "Kepala Subbagian Perencanaan dan Keuangan",
        ttd_jabatan: "Kepala Subbagian Perencanaan dan Keuangan",
        pangkat: Some("Penata (III/c)"),
        nip: Some("NIP. 19800101 200501 2 001"),
    };
    let kedua = Pihak {
        nama: "H. Muhamad Yusuf, S.Pd",
        jabatan: "Kepala BKPSDM",
        ttd_jabatan: "Kepala BKPSDM",
        pangkat: Some("Pembina Utama Muda (IV/c)"),
        nip: Some("NIP. 19661109 198503 1 001"),
    };
    let kalimat = format!(
        "Untuk mencapai target kinerja tersebut, pihak pertama mengelola anggaran sebesar Rp. {total_text},- ({words})."
    );
    pernyataan(
        &mut wb,
        &st,
        "PERJANJIAN KINERJA TAHUN 2024",
        "BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA",
        (&pertama, &kedua),
        "Kotabaru, 2 Januari 2024",
        Some(&kalimat),
    )?;
    // Lampiran kinerja.
    let ws = wb.add_worksheet().set_name("Lampiran Kinerja")?;
    ws.write_string_with_format(0, 0, "LAMPIRAN PERJANJIAN KINERJA TAHUN 2024", &st.bold)?;
    for (c, t) in [
        "No",
        "Sasaran Kegiatan",
        "Indikator Kinerja",
        "Target Tahun 2024",
        "Target TW I",
        "Target TW II",
        "Target TW III",
        "Target TW IV",
    ]
    .iter()
    .enumerate()
    {
        head(ws, &st, (2, c as u16), (2, c as u16), t)?;
    }
    for (r, (i, row)) in (3..).zip(subs.iter().enumerate()) {
        let nama = row[c_nama].trim();
        let nama = nama.split_once("Sub Kegiatan ").map_or(nama, |(_, n)| n);
        text(ws, &st, r, 0, &(i + 1).to_string())?;
        text(
            ws,
            &st,
            r,
            1,
            if i == 0 {
                "Meningkatnya kualitas perencanaan, penganggaran dan evaluasi kinerja perangkat daerah"
            } else {
                ""
            },
        )?;
        text(ws, &st, r, 2, &format!("Jumlah dokumen {nama}"))?;
        text(ws, &st, r, 3, &format!("{} {}", row[c_target], row[c_sat]))?;
        for (q, &c) in c_tw.iter().enumerate() {
            text(ws, &st, r, 4 + q as u16, &row[c])?;
        }
    }
    ws.set_column_width(1, 35)?;
    ws.set_column_width(2, 45)?;
    // Lampiran anggaran in thousands.
    let ws = wb.add_worksheet().set_name("Lampiran Anggaran")?;
    ws.write_string_with_format(0, 0, "LAMPIRAN PERJANJIAN KINERJA TAHUN 2024", &st.bold)?;
    for (c, t) in [
        "No",
        "Kode",
        "Kegiatan / Sub Kegiatan",
        "Anggaran (Rp. 000)",
        "Keterangan",
    ]
    .iter()
    .enumerate()
    {
        head(ws, &st, (2, c as u16), (2, c as u16), t)?;
    }
    text(ws, &st, 3, 0, "1")?;
    text(ws, &st, 3, 1, "5.03.01.2.01")?;
    text(
        ws,
        &st,
        3,
        2,
        "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah",
    )?;
    let kegiatan: u64 = ribu.iter().sum();
    ws.write_formula_with_format(
        3,
        3,
        rust_xlsxwriter::Formula::new("=SUM(D5:D7)").set_result(kegiatan.to_string()),
        &st.money,
    )?;
    text(ws, &st, 3, 4, "DPA")?;
    for (i, row) in subs.iter().enumerate() {
        let r = 4 + i as u32;
        let nama = row[c_nama].trim();
        let nama = nama.split_once("Sub Kegiatan ").map_or(nama, |(_, n)| n);
        text(ws, &st, r, 0, "")?;
        text(ws, &st, r, 1, kode[i])?;
        text(ws, &st, r, 2, nama)?;
        ws.write_number_with_format(r, 3, ribu[i] as f64, &st.money)?;
        text(ws, &st, r, 4, "")?;
    }
    ws.merge_range(7, 0, 7, 2, "Jumlah", &st.head)?;
    ws.write_formula_with_format(
        7,
        3,
        rust_xlsxwriter::Formula::new("=D4").set_result(kegiatan.to_string()),
        &st.money,
    )?;
    text(ws, &st, 7, 4, "")?;
    ws.write_string(8, 0, format!("Terbilang: {words}"))?;
    ws.set_column_width(1, 20)?;
    ws.set_column_width(2, 50)?;
    ws.set_column_width(3, 20)?;
    wb.save(out.join("pk_varian_ribuan.xlsx"))?;
    Ok(())
}

fn main() -> Result<()> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
    let out: PathBuf = std::env::args()
        .nth(1)
        .map_or_else(|| root.join("pk"), PathBuf::from);
    std::fs::create_dir_all(&out)?;
    let seeds = root.join("seeds");
    pk_000_2025(&seeds, &out)?;
    pk_000_perubahan(&seeds, &out)?;
    pk_004(&seeds, &out)?;
    varian_satu_lembar(&seeds, &out)?;
    varian_tersembunyi(&seeds, &out)?;
    varian_ribuan(&seeds, &out)?;
    println!("written to {}", out.display());
    Ok(())
}
