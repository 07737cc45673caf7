//! Export: the Perjanjian Kinerja (Permenpan RB 53/2014 Lampiran I) as the signed document
//! prints it, three sheets.
//!
//! - `Pernyataan`: the title (`PERJANJIAN KINERJA [PERUBAHAN] TAHUN n`) and the PD, the
//!   standard sentences, Nama / Jabatan of the pihak pertama and the pihak kedua, the place and
//!   date, and the two signature blocks side by side (pihak kedua left, pihak pertama right:
//!   jabatan, the space to sign, the name, pangkat, NIP printed `19650110 198602 2 004`); A4
//!   (or F4) portrait, fit to one page wide and tall.
//! - `Lampiran Kinerja`: `No · Sasaran … · Indikator Kinerja · Satuan · Target n` (and `Target
//!   TW I`…`IV`, `Target n+1` when the PK has them), the numbering row, the sasaran on its first
//!   indicator row, numbered per sasaran.
//! - `Lampiran Anggaran`: `No · Kode · Program (· Kegiatan · Sub Kegiatan: a name column per
//!   level printed, each row's name in its level's) · Anggaran (Rp) · Keterangan`, a parent whose rows below hold money a live `=SUM` of them, the `JUMLAH` row
//!   `=SUM` of the top rows, each formula cached with [`HitungPk`]'s value (Capaian's Σ, so a
//!   reader without a calculation engine sees the same figures), and under it `Terbilang: …`
//!   of that total. Money `#,##0` (`#,##0.00` with sen), which Excel and LibreOffice show with
//!   Indonesian separators; the header rows repeat on every printed page.
//!
//! The column titles are the ones the reader ([`crate::read_pk`]) recognises, so an exported PK
//! reads back as the same PK. User text is written as text, never as a formula.

use capaian_domain::pk::{HitungPk, Pihak, Pk};
use capaian_domain::rencana::{Tingkat, Versi};
use capaian_domain::tanggal::format_tanggal;
use capaian_domain::workspace::{format_nip, normalize_nip};
use rust_decimal::Decimal;
use rust_xlsxwriter::{Format, FormatAlign, Formula, Workbook, Worksheet, XlsxError};

use super::{
    chunked, col_args, dec_result, num_kind, pd_or, rp_kind, to_f64, wrapped_lines, write_k,
    write_signature, write_text, write_title_lines, ExportError, Kind, Paper, Styles, MAX_ROWS,
};

/// What the PK form takes besides the PK.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct PkMeta {
    pub paper: Paper,
}

fn judul(pk: &Pk, tahun: i32) -> String {
    match pk.versi {
        Versi::Murni => format!("PERJANJIAN KINERJA TAHUN {tahun}"),
        Versi::Perubahan => format!("PERJANJIAN KINERJA PERUBAHAN TAHUN {tahun}"),
    }
}

/// A signer's lines under `head`: jabatan, three lines to sign on, the name (bold,
/// underlined), the pangkat and the NIP (when known).
fn blok(head: &str, p: &Pihak) -> Vec<(String, bool)> {
    let mut v = vec![(head.to_string(), false), (p.jabatan.clone(), false)];
    v.extend(std::iter::repeat_n((String::new(), false), 3));
    let nama = if p.nama.trim().is_empty() {
        "(……………………………………)".to_string()
    } else {
        p.nama.trim().to_string()
    };
    v.push((nama, true));
    v.push((p.pangkat.clone().unwrap_or_default(), false));
    if let Some(nip) = p.nip.as_deref() {
        let bare = nip
            .trim()
            .trim_start_matches(|c: char| c.is_ascii_alphabetic() || c == '.' || c == ':')
            .trim();
        let shown = normalize_nip(bare).map_or_else(|_| bare.to_string(), |d| format_nip(&d));
        v.push((format!("NIP. {shown}"), false));
    }
    v
}

/// The statement page.
fn pernyataan(
    ws: &mut Worksheet,
    st: &Styles,
    pk: &Pk,
    meta: &PkMeta,
    tahun: i32,
) -> Result<(), XlsxError> {
    const LEBAR: [f64; 6] = [4.0, 12.0, 2.0, 28.0, 4.0, 36.0];
    let total: f64 = LEBAR.iter().sum();
    for (c, w) in LEBAR.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    let para = Format::new()
        .set_font_name("Arial")
        .set_font_size(10)
        .set_text_wrap()
        .set_align(FormatAlign::Justify)
        .set_align(FormatAlign::Top);
    let plain = Format::new().set_font_name("Arial").set_font_size(10);
    let lines = [
        judul(pk, tahun),
        pd_or(&pk.pd, "PERANGKAT DAERAH ……").to_uppercase(),
    ];
    write_title_lines(ws, st, 0, (0, 5), &lines)?;
    let mut r = 3u32;
    let kalimat = |ws: &mut Worksheet, r: &mut u32, t: &str| -> Result<(), XlsxError> {
        ws.merge_range(*r, 0, *r, 5, t, &para)?;
        let n = wrapped_lines(t, total * 0.8, false);
        ws.set_row_height(*r, n as f64 * 13.0 + 2.0)?;
        *r += 2;
        Ok(())
    };
    kalimat(ws, &mut r, "Dalam rangka mewujudkan manajemen pemerintahan yang efektif, transparan dan akuntabel serta berorientasi pada hasil, kami yang bertanda tangan di bawah ini:")?;
    let kosong = Pihak::default();
    let nyata = pk.pernyataan.as_ref();
    let pertama = nyata.map_or(&kosong, |p| &p.pihak_pertama);
    let kedua = nyata.map_or(&kosong, |p| &p.pihak_kedua);
    for (p, akhir) in [
        (pertama, "selanjutnya disebut pihak pertama"),
        (
            kedua,
            "selaku atasan pihak pertama, selanjutnya disebut pihak kedua",
        ),
    ] {
        for (label, v) in [("Nama", &p.nama), ("Jabatan", &p.jabatan)] {
            ws.write_string_with_format(r, 1, label, &plain)?;
            ws.write_string_with_format(r, 2, ":", &plain)?;
            let v = if v.trim().is_empty() {
                "……………………………………"
            } else {
                v.trim()
            };
            ws.merge_range(r, 3, r, 5, v, &plain)?;
            r += 1;
        }
        ws.merge_range(r, 1, r, 5, akhir, &plain)?;
        r += 2;
    }
    kalimat(ws, &mut r, "Pihak pertama berjanji akan mewujudkan target kinerja yang seharusnya sesuai lampiran perjanjian ini, dalam rangka mencapai target kinerja jangka menengah seperti yang telah ditetapkan dalam dokumen perencanaan. Keberhasilan dan kegagalan pencapaian target kinerja tersebut menjadi tanggung jawab kami.")?;
    kalimat(ws, &mut r, "Pihak kedua akan melakukan supervisi yang diperlukan serta akan melakukan evaluasi terhadap capaian kinerja dari perjanjian ini dan mengambil tindakan yang diperlukan dalam rangka pemberian penghargaan dan sanksi.")?;
    let tempat = nyata
        .map(|p| p.tempat.trim())
        .filter(|t| !t.is_empty())
        .unwrap_or("……………");
    let tanggal = nyata.and_then(|p| p.tanggal).map_or_else(
        || format!("……………… {tahun}"),
        |(y, m, d)| format_tanggal(y, m, d),
    );
    ws.write_string_with_format(r, 5, format!("{tempat}, {tanggal}"), &st.sign)?;
    r += 1;
    write_signature(ws, st, r, (0, 3), &blok("PIHAK KEDUA,", kedua))?;
    let right = blok("PIHAK PERTAMA,", pertama);
    write_signature(ws, st, r, (4, 5), &right)?;
    let end = r + right.len() as u32;
    ws.set_portrait();
    ws.set_paper_size(meta.paper.code());
    ws.set_print_fit_to_pages(1, 1);
    ws.set_print_center_horizontally(true);
    ws.set_margins(0.7, 0.7, 0.75, 0.75, 0.3, 0.3);
    ws.set_print_area(0, 0, end, 5)?;
    Ok(())
}

/// A header row and the numbering row under it.
fn kepala(
    ws: &mut Worksheet,
    st: &Styles,
    r: u32,
    cols: &[(String, f64)],
) -> Result<(), XlsxError> {
    for (c, (t, w)) in cols.iter().enumerate() {
        ws.write_string_with_format(r, c as u16, t, &st.head)?;
        ws.write_string_with_format(r + 1, c as u16, format!("({})", c + 1), &st.numbering)?;
        ws.set_column_width(c as u16, *w)?;
    }
    ws.set_row_height(r, 30)?;
    Ok(())
}

/// The sheet setup of a lampiran: portrait, one page wide, the header repeated.
fn lampiran_setup(
    ws: &mut Worksheet,
    meta: &PkMeta,
    head: u32,
    last_row: u32,
    last_col: u16,
) -> Result<(), XlsxError> {
    ws.set_portrait();
    ws.set_paper_size(meta.paper.code());
    ws.set_print_fit_to_pages(1, 0);
    ws.set_print_center_horizontally(true);
    ws.set_margins(0.5, 0.5, 0.6, 0.6, 0.3, 0.3);
    ws.set_repeat_rows(head, head + 1)?;
    ws.set_print_area(0, 0, last_row, last_col)?;
    Ok(())
}

/// Write the PK with the figures `hitung` computed from it ([`capaian_domain::pk::hitung`]).
pub fn export_pk(pk: &Pk, hitung: &HitungPk, meta: &PkMeta) -> Result<Vec<u8>, ExportError> {
    let n = pk.anggaran.len();
    if hitung.anggaran.len() != n {
        return Err(ExportError::ComputedMismatch {
            rows: n,
            computed: hitung.anggaran.len(),
        });
    }
    if n.max(pk.kinerja.len()) > MAX_ROWS {
        return Err(ExportError::TooManyRows {
            rows: n.max(pk.kinerja.len()),
            limit: MAX_ROWS,
        });
    }
    let tahun = pk.tahun.unwrap_or_else(super::current_year);
    let st = Styles::new();
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Pernyataan")?;
    pernyataan(ws, &st, pk, meta, tahun)?;
    let lampiran = format!("LAMPIRAN {}", judul(pk, tahun));
    let titles = [
        lampiran,
        pd_or(&pk.pd, "PERANGKAT DAERAH ……").to_uppercase(),
    ];

    // Lampiran kinerja.
    let ws = wb.add_worksheet();
    ws.set_name("Lampiran Kinerja")?;
    let mut cols: Vec<(String, f64)> = vec![
        ("No".into(), 5.0),
        (pk.tingkat_sasaran.judul().into(), 32.0),
        ("Indikator Kinerja".into(), 36.0),
    ];
    let satuan = pk.ada_satuan();
    if satuan {
        cols.push(("Satuan".into(), 10.0));
    }
    cols.push((format!("Target {tahun}"), 11.0));
    let tw = pk.ada_tw();
    if tw {
        for q in ["I", "II", "III", "IV"] {
            cols.push((format!("Target TW {q}"), 9.0));
        }
    }
    let maju = pk.ada_maju();
    if maju {
        cols.push((format!("Target {}", tahun + 1), 11.0));
    }
    let last = (cols.len() - 1) as u16;
    write_title_lines(ws, &st, 0, (0, last), &titles)?;
    let head = 3;
    kepala(ws, &st, head, &cols)?;
    let mut r = head + 2;
    let mut no = 0;
    for b in &pk.kinerja {
        let baru = !b.sasaran.trim().is_empty();
        if baru {
            no += 1;
            ws.write_number_with_format(r, 0, f64::from(no), st.get(false, Kind::Center))?;
        } else {
            ws.write_blank(r, 0, st.get(false, Kind::Center))?;
        }
        write_text(ws, &st, (r, 1), b.sasaran.trim(), false, Kind::Text)?;
        write_text(ws, &st, (r, 2), b.indikator.trim(), false, Kind::Text)?;
        let mut c = 3u16;
        if satuan {
            let s = b.satuan.as_deref().unwrap_or("");
            ws.write_string_with_format(r, c, s, st.get(false, Kind::Center))?;
            c += 1;
        }
        write_k(ws, &st, (r, c), b.target.as_ref(), false)?;
        c += 1;
        if tw {
            for t in &b.target_tw {
                write_k(ws, &st, (r, c), t.as_ref(), false)?;
                c += 1;
            }
        }
        if maju {
            write_k(ws, &st, (r, c), b.target_maju.as_ref(), false)?;
        }
        let lines =
            wrapped_lines(&b.sasaran, 32.0, false).max(wrapped_lines(&b.indikator, 36.0, false));
        ws.set_row_height(r, lines as f64 * 10.0 + 3.0)?;
        r += 1;
    }
    lampiran_setup(ws, meta, head, r, last)?;

    // Lampiran anggaran.
    let ws = wb.add_worksheet();
    ws.set_name("Lampiran Anggaran")?;
    let kode = pk
        .anggaran
        .iter()
        .any(|b| b.kode.is_some() || b.kode_berkas.is_some());
    let levels: Vec<Tingkat> = [Tingkat::Program, Tingkat::Kegiatan, Tingkat::SubKegiatan]
        .into_iter()
        .filter(|t| pk.anggaran.iter().any(|b| b.tingkat == *t))
        .collect();
    let levels = if levels.is_empty() {
        vec![Tingkat::Program]
    } else {
        levels
    };
    let mut cols: Vec<(String, f64)> = vec![("No".into(), 5.0)];
    if kode {
        cols.push(("Kode".into(), 16.0));
    }
    // A name column per level printed (a row's name in its level's): the level reads back
    // from the column, with or without a kode.
    let c_nama = cols.len() as u16;
    let lebar_nama = 44.0 / levels.len() as f64 + 6.0;
    for t in &levels {
        cols.push((t.nama().to_string(), lebar_nama));
    }
    let c_rp = cols.len() as u16;
    cols.push(("Anggaran (Rp)".into(), 20.0));
    cols.push(("Keterangan".into(), 18.0));
    let last = (cols.len() - 1) as u16;
    let letter = crate::col_letter(u32::from(c_rp) + 1);
    write_title_lines(ws, &st, 0, (0, last), &titles)?;
    kepala(ws, &st, head, &cols)?;
    let r_data = head + 2;
    // Each row's children (0-based sheet rows).
    let mut anak: Vec<Vec<u32>> = vec![Vec::new(); n];
    for (i, p) in hitung.induk.iter().enumerate() {
        if let Some(p) = p {
            anak[*p].push(r_data + i as u32);
        }
    }
    let mut no = 0;
    for (i, b) in pk.anggaran.iter().enumerate() {
        let r = r_data + i as u32;
        let bold = b.tingkat == Tingkat::Program && levels.len() > 1;
        if hitung.induk[i].is_none() {
            no += 1;
            ws.write_number_with_format(r, 0, f64::from(no), st.get(bold, Kind::Center))?;
        } else {
            ws.write_blank(r, 0, st.get(bold, Kind::Center))?;
        }
        if kode {
            let k = b.kode_berkas.as_deref().or(b.kode.as_deref()).unwrap_or("");
            write_text(ws, &st, (r, 1), k, bold, Kind::Text)?;
        }
        for (j, t) in levels.iter().enumerate() {
            let s = if *t == b.tingkat {
                b.uraian.as_str()
            } else {
                ""
            };
            write_text(ws, &st, (r, c_nama + j as u16), s, bold, Kind::Text)?;
        }
        let v = hitung.anggaran[i];
        let sums = anak[i]
            .iter()
            .any(|&rr| hitung.anggaran[(rr - r_data) as usize].is_some());
        let f = st.get(bold, v.map_or(Kind::Int, rp_kind));
        match v {
            Some(v) if sums => {
                let text = chunked("SUM", &col_args(&letter, &anak[i]));
                ws.write_formula_with_format(
                    r,
                    c_rp,
                    Formula::new(text).set_result(dec_result(Some(v))),
                    f,
                )?;
            }
            Some(v) => {
                ws.write_number_with_format(r, c_rp, to_f64(v), f)?;
            }
            None => {
                ws.write_blank(r, c_rp, f)?;
            }
        }
        write_text(ws, &st, (r, c_rp + 1), &b.keterangan, bold, Kind::Text)?;
        ws.set_row_height(
            r,
            wrapped_lines(&b.uraian, lebar_nama, bold) as f64 * 10.0 + 3.0,
        )?;
    }
    let r = r_data + n as u32;
    ws.merge_range(r, 0, r, c_rp - 1, "JUMLAH", st.get(true, Kind::Center))?;
    let tops: Vec<u32> = (0..n)
        .filter(|&i| hitung.induk[i].is_none())
        .map(|i| r_data + i as u32)
        .collect();
    let total = hitung.jumlah.unwrap_or(Decimal::ZERO);
    let text = chunked("SUM", &col_args(&letter, &tops));
    ws.write_formula_with_format(
        r,
        c_rp,
        Formula::new(text).set_result(dec_result(Some(total))),
        st.get(true, num_kind(Some(total), Kind::Dec2)),
    )?;
    ws.write_blank(r, c_rp + 1, st.get(true, Kind::Text))?;
    let words = format!(
        "Terbilang: {}",
        capaian_domain::terbilang::terbilang_rupiah(total)
    );
    let italic = Format::new()
        .set_font_name("Arial")
        .set_font_size(9)
        .set_italic()
        .set_text_wrap()
        .set_align(FormatAlign::Top);
    ws.merge_range(r + 1, 0, r + 1, last, &words, &italic)?;
    let total_width: f64 = cols.iter().map(|c| c.1).sum();
    ws.set_row_height(
        r + 1,
        wrapped_lines(&words, total_width, false) as f64 * 12.0 + 2.0,
    )?;
    lampiran_setup(ws, meta, head, r + 1, last)?;
    Ok(wb.save_to_buffer()?)
}
