//! Export: the LKjIP's Bab III tables (*Laporan Kinerja Instansi Pemerintah*), one sheet each.
//!
//! [`export_lkjip`] writes, from [`capaian_domain::lkjip`]'s computations:
//! - `Capaian IKU` — `No · Sasaran · IKU · Satuan · Target · Realisasi · Capaian (%) · Kategori`;
//! - `IKU vs Tahun Lalu` — last year's target, realisasi and capaian beside this year's, and
//!   the peningkatan / penurunan in points;
//! - `IKU vs Renstra` — the Renstra end target, the realisasi and the capaian against it;
//! - `Efisiensi IKU` — target, realisasi, capaian, pagu, realisasi Rp, penyerapan and tingkat
//!   efisiensi (capaian ÷ penyerapan × 100, named in the header);
//! - `Realisasi Anggaran` — Bab III B per program, kegiatan and sub kegiatan with the Jumlah;
//! - `LRA` — by rekening, when the workspace has a SIPD table with rekening rows.
//!
//! Each sheet: title lines (LKjIP, the table's title, the PD, the region), the header of the
//! table model ([`capaian_domain::lkjip::tabel_capaian`] … — the same headers "Salin sebagai
//! tabel" copies; merged cells as merged ranges, the numbering row in its style), the rows, F4
//! (or A4) landscape, one page wide, the header repeated on every page.
//!
//! Values and formulas (the other exports' rules and number formats): inputs are values —
//! K as numbers (`#,##0`, fractional `#,##0.##`), grades and text as text, rupiah `#,##0`
//! (`#,##0.00` with sen; the LRA `#,##0.00;(#,##0.00)`); every derived figure is a live formula
//! whose cached value is Capaian's unrounded decimal: capaian by the indicator's polarity and
//! cap, peningkatan/penurunan, penyerapan, efisiensi, each parent's pagu and realisasi as the
//! `SUM` of its children (when it is that sum; a parent the document states differently is
//! written as its value), the Jumlah rows, the LRA's `JUMLAH` rows and SURPLUS/DEFISIT, every
//! %. Percentages are `#,##0.00` in percent units. The kategori is a value (the scale's label).
//! User text is always written as text.

use capaian_domain::lkjip::{
    nomor_sasaran, tabel_capaian, tabel_efisiensi, tabel_lra, tabel_realisasi, tabel_renstra,
    tabel_tahun_lalu, BabIIIA, BarisIku, BarisLra, HitungIku, JenisLra, Lra, RealisasiAnggaran,
};
use capaian_domain::model::{KValue, Level, Polarity};
use capaian_domain::num::sum_opt;
use capaian_domain::tabel::{SelKepala, Tabel};
use rust_decimal::Decimal;
use rust_xlsxwriter::{Format, Formula, Workbook, Worksheet, XlsxError};

use super::{
    capaian_formula, check_rows, chunked, col_args, dec_result, pd_or, print_setup, rp_kind,
    to_f64, wrapped_lines, write_k, write_text, write_title_lines, ExportError, Kind, RenjaMeta,
    Styles,
};

/// The LKjIP tables to export: Bab III A with its computation, Bab III B, the LRA.
#[derive(Clone, Copy, Debug)]
pub struct Lkjip<'a> {
    pub iku: &'a BabIIIA,
    /// [`capaian_domain::lkjip::hitung_iku`] of `iku`.
    pub hitung: &'a [HitungIku],
    /// [`capaian_domain::lkjip::realisasi_anggaran`].
    pub realisasi: &'a RealisasiAnggaran,
    /// [`capaian_domain::lkjip::lra`], when a SIPD table with rekening rows is there.
    pub lra: Option<&'a Lra>,
}

/// Sheet names.
pub const LEMBAR_LKJIP: [&str; 6] = [
    "Capaian IKU",
    "IKU vs Tahun Lalu",
    "IKU vs Renstra",
    "Efisiensi IKU",
    "Realisasi Anggaran",
    "LRA",
];

const HURUF: [&str; 12] = ["A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L"];

/// Title lines, a blank row, then the header.
const R_HEAD: u32 = 5;

fn huruf(c: u16) -> &'static str {
    HURUF[usize::from(c)]
}

fn sel(c: u16, r: u32) -> String {
    format!("{}{}", huruf(c), r + 1)
}

fn angka(v: Option<&KValue>) -> bool {
    matches!(v, None | Some(KValue::Number(_)))
}

struct Lembar<'a> {
    ws: &'a mut Worksheet,
    st: &'a Styles,
    lebar: &'a [f64],
    lra: [Format; 2],
}

impl Lembar<'_> {
    fn teks(&mut self, r: u32, c: u16, s: &str, bold: bool, k: Kind) -> Result<(), XlsxError> {
        write_text(self.ws, self.st, (r, c), s, bold, k)
    }

    fn k(&mut self, r: u32, c: u16, v: Option<&KValue>, bold: bool) -> Result<(), XlsxError> {
        write_k(self.ws, self.st, (r, c), v, bold)
    }

    fn rp(&mut self, r: u32, c: u16, v: Option<Decimal>, bold: bool) -> Result<(), XlsxError> {
        match v {
            Some(d) => {
                let f = self.st.get(bold, rp_kind(d));
                self.ws.write_number_with_format(r, c, to_f64(d), f)?;
            }
            None => self.teks(r, c, "", bold, Kind::Center)?,
        }
        Ok(())
    }

    fn rp_lra(&mut self, r: u32, c: u16, v: Option<Decimal>, bold: bool) -> Result<(), XlsxError> {
        match v {
            Some(d) => {
                let f = &self.lra[usize::from(bold)];
                self.ws.write_number_with_format(r, c, to_f64(d), f)?;
            }
            None => self.teks(r, c, "", bold, Kind::Center)?,
        }
        Ok(())
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

    /// A formula caching `v` (nothing: an empty string), in `f`.
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

    fn rumus_pct(
        &mut self,
        r: u32,
        c: u16,
        text: &str,
        v: Option<Decimal>,
        bold: bool,
    ) -> Result<(), XlsxError> {
        let f = self.st.get(bold, Kind::Dec2).clone();
        self.rumus(r, c, text, v, &f)
    }

    /// Capaian of cell `r_` against target `t` by `sem`'s polarity and cap, or our value where a
    /// cell holds a grade or a text.
    #[allow(clippy::too_many_arguments)]
    fn capaian(
        &mut self,
        r: u32,
        c: u16,
        (ct, cr): (u16, u16),
        (t, re): (Option<&KValue>, Option<&KValue>),
        (polarity, cap): (Polarity, bool),
        v: Option<Decimal>,
    ) -> Result<(), XlsxError> {
        if angka(t) && angka(re) {
            let mut f = String::new();
            capaian_formula(&mut f, sel(ct, r), sel(cr, r), polarity, cap);
            self.rumus_pct(r, c, &f, v, false)
        } else {
            self.pct(r, c, v, false)
        }
    }

    /// Row height for the wrapped text of the given columns.
    fn tinggi(&mut self, r: u32, cols: &[(u16, &str)], bold: bool) -> Result<(), XlsxError> {
        let lines = cols
            .iter()
            .map(|(c, t)| wrapped_lines(t, self.lebar[usize::from(*c)], bold))
            .max()
            .unwrap_or(1);
        self.ws.set_row_height(r, lines as f64 * 10.0 + 2.0)?;
        Ok(())
    }
}

/// A header row that only numbers the columns (`1`, `2`, `5 = (4 / 3) * 100`).
fn penomoran(row: &[SelKepala]) -> bool {
    !row.is_empty()
        && row
            .iter()
            .all(|c| c.teks.chars().next().is_some_and(|ch| ch.is_ascii_digit()))
}

/// The table model's header from row `R_HEAD`: each cell at its grid position, merged over its
/// span. Returns the last header row.
fn kepala(ws: &mut Worksheet, st: &Styles, t: &Tabel, lebar: &[f64]) -> Result<u32, XlsxError> {
    let w = t.lebar();
    let h = t.kepala.len();
    let mut terisi = vec![vec![false; w]; h];
    // Height each header row needs: a cell's wrapped lines over the width of its columns,
    // shared by the rows it spans.
    let mut tinggi = vec![12.0f64; h];
    for (r, row) in t.kepala.iter().enumerate() {
        let nomor = penomoran(row);
        let f = if nomor { &st.numbering } else { &st.head };
        let mut c = 0usize;
        for cell in row {
            while c < w && terisi[r][c] {
                c += 1;
            }
            if c >= w {
                break;
            }
            let (dr, dc) = (
                usize::from(cell.baris.max(1)).min(h - r),
                usize::from(cell.kolom.max(1)).min(w - c),
            );
            for baris in terisi.iter_mut().skip(r).take(dr) {
                for x in baris.iter_mut().skip(c).take(dc) {
                    *x = true;
                }
            }
            let (r0, c0) = (R_HEAD + r as u32, c as u16);
            let (r1, c1) = (r0 + dr as u32 - 1, (c + dc) as u16 - 1);
            if (r0, c0) == (r1, c1) {
                ws.write_string_with_format(r0, c0, &cell.teks, f)?;
            } else {
                ws.merge_range(r0, c0, r1, c1, &cell.teks, f)?;
            }
            if !nomor {
                let lebar: f64 = lebar.iter().skip(c).take(dc).sum();
                let lines = wrapped_lines(&cell.teks, lebar, true);
                let perlu = (lines as f64 * 10.0 + 4.0) / dr as f64;
                tinggi[r] = tinggi[r].max(perlu.max(16.0));
            }
            c += dc;
        }
    }
    for (r, t) in tinggi.iter().enumerate() {
        ws.set_row_height(R_HEAD + r as u32, *t)?;
    }
    Ok(R_HEAD + h as u32 - 1)
}

/// A sheet with its title lines and header; returns the first data row.
fn lembar_baru<'a>(
    wb: &'a mut Workbook,
    nama: &str,
    t: &Tabel,
    lebar: &[f64],
    meta: &RenjaMeta,
    st: &Styles,
) -> Result<(&'a mut Worksheet, u32), XlsxError> {
    let ws = wb.add_worksheet();
    ws.set_name(nama)?;
    // An empty result ("" from `IF(…,"",…)`) is cached as an empty string, not as 0.
    ws.set_formula_result_default("");
    for (c, w) in lebar.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    let kabupaten = if meta.kabupaten.trim().is_empty() {
        "KABUPATEN/KOTA ……".to_string()
    } else {
        meta.kabupaten.trim().to_uppercase()
    };
    let lines = [
        format!(
            "LAPORAN KINERJA INSTANSI PEMERINTAH (LKjIP) TAHUN {}",
            meta.tahun
        ),
        t.judul.to_uppercase(),
        pd_or(&meta.pd, "PERANGKAT DAERAH ……").to_uppercase(),
        kabupaten,
    ];
    write_title_lines(ws, st, 0, (0, lebar.len() as u16 - 1), &lines)?;
    let last_head = kepala(ws, st, t, lebar)?;
    Ok((ws, last_head + 1))
}

fn selesai(
    ws: &mut Worksheet,
    meta: &RenjaMeta,
    t: &Tabel,
    (r_data, last_row): (u32, u32),
    freeze: u16,
    nama: &str,
) -> Result<(), XlsxError> {
    ws.set_freeze_panes(r_data, freeze)?;
    print_setup(
        ws,
        meta.paper,
        (R_HEAD, r_data - 1),
        (last_row.max(r_data), 0, t.lebar() as u16 - 1),
        &format!(
            "LKjIP {} — {} — {nama}",
            meta.tahun,
            pd_or(&meta.pd, "Perangkat Daerah")
        ),
    )
}

/// The text columns of an IKU row (No, Sasaran, IKU, and the Satuan when the table has it).
fn kiri(
    l: &mut Lembar<'_>,
    r: u32,
    no: &(String, String),
    indikator: &str,
    satuan: Option<&str>,
) -> Result<(), XlsxError> {
    l.teks(r, 0, &no.0, false, Kind::Center)?;
    l.teks(r, 1, &no.1, false, Kind::Text)?;
    l.teks(r, 2, indikator, false, Kind::Text)?;
    let mut cols = vec![(1u16, no.1.as_str()), (2, indikator)];
    if let Some(s) = satuan {
        l.teks(r, 3, s, false, Kind::Center)?;
        cols.push((3, s));
    }
    l.tinggi(r, &cols, false)
}

/// An IKU row of a sheet against a target (the PK's, the Renstra's end): its text columns,
/// then the target (column 4), the realisasi (5) and the capaian of the two (6, live).
fn target_capaian(
    l: &mut Lembar<'_>,
    r: u32,
    no: &(String, String),
    b: &BarisIku,
    target: Option<&KValue>,
    capaian: Option<Decimal>,
) -> Result<(), XlsxError> {
    kiri(
        l,
        r,
        no,
        &b.indikator,
        Some(b.satuan.as_deref().unwrap_or("")),
    )?;
    l.k(r, 4, target, false)?;
    l.k(r, 5, b.realisasi.as_ref(), false)?;
    l.capaian(
        r,
        6,
        (4, 5),
        (target, b.realisasi.as_ref()),
        (b.makna.polarity, b.makna.cap_100),
        capaian,
    )
}

const LEBAR_CAPAIAN: [f64; 8] = [5.0, 34.0, 40.0, 9.0, 10.0, 10.0, 11.0, 14.0];
const LEBAR_LALU: [f64; 12] = [
    5.0, 28.0, 32.0, 8.0, 9.0, 9.0, 10.0, 9.0, 9.0, 10.0, 13.0, 13.0,
];
const LEBAR_RENSTRA: [f64; 7] = [5.0, 34.0, 40.0, 9.0, 12.0, 11.0, 12.0];
const LEBAR_EFISIENSI: [f64; 10] = [5.0, 28.0, 32.0, 9.0, 9.0, 10.0, 16.0, 16.0, 11.0, 14.0];
const LEBAR_REALISASI: [f64; 5] = [6.0, 62.0, 18.0, 18.0, 10.0];
const LEBAR_LRA: [f64; 6] = [12.0, 40.0, 19.0, 19.0, 9.0, 19.0];

/// A sheet of Bab III A (`nama`, the table `t` with its column widths, frozen at column
/// `freeze`): its title and header, then a row per IKU — `baris` writes the row's cells, given
/// its sheet row, its number and sasaran (`nomor_sasaran`), the IKU and its computation —,
/// then the print setup.
fn lembar_iku(
    wb: &mut Workbook,
    st: &Styles,
    d: &Lkjip<'_>,
    meta: &RenjaMeta,
    lra: &[Format; 2],
    (nama, t, lebar, freeze): (&str, Tabel, &[f64], u16),
    mut baris: impl FnMut(
        &mut Lembar<'_>,
        u32,
        &(String, String),
        &BarisIku,
        &HitungIku,
    ) -> Result<(), XlsxError>,
) -> Result<(), ExportError> {
    let (ws, r0) = lembar_baru(wb, nama, &t, lebar, meta, st)?;
    let mut l = Lembar {
        ws,
        st,
        lebar,
        lra: lra.clone(),
    };
    let no = nomor_sasaran(&d.iku.baris);
    for (i, ((b, h), no)) in d.iku.baris.iter().zip(d.hitung).zip(&no).enumerate() {
        baris(&mut l, r0 + i as u32, no, b, h)?;
    }
    let last = r0 + d.iku.baris.len() as u32;
    selesai(l.ws, meta, &t, (r0, last.saturating_sub(1)), freeze, nama)?;
    Ok(())
}

fn capaian_iku(
    wb: &mut Workbook,
    st: &Styles,
    d: &Lkjip<'_>,
    meta: &RenjaMeta,
    lra: &[Format; 2],
) -> Result<(), ExportError> {
    let sheet = (
        LEMBAR_LKJIP[0],
        tabel_capaian(d.iku, d.hitung),
        &LEBAR_CAPAIAN[..],
        4,
    );
    lembar_iku(wb, st, d, meta, lra, sheet, |l, r, no, b, h| {
        target_capaian(l, r, no, b, b.target.as_ref(), h.capaian)?;
        l.teks(
            r,
            7,
            h.kategori.as_deref().unwrap_or(""),
            false,
            Kind::Center,
        )?;
        Ok(())
    })
}

fn tahun_lalu(
    wb: &mut Workbook,
    st: &Styles,
    d: &Lkjip<'_>,
    meta: &RenjaMeta,
    lra: &[Format; 2],
) -> Result<(), ExportError> {
    let sheet = (
        LEMBAR_LKJIP[1],
        tabel_tahun_lalu(d.iku, d.hitung),
        &LEBAR_LALU[..],
        4,
    );
    lembar_iku(wb, st, d, meta, lra, sheet, |l, r, no, b, h| {
        kiri(
            l,
            r,
            no,
            &b.indikator,
            Some(b.satuan.as_deref().unwrap_or("")),
        )?;
        let lalu = h.lalu.as_ref();
        let (tl, rl) = (
            lalu.and_then(|x| x.target.as_ref()),
            lalu.map(|x| &x.realisasi),
        );
        l.k(r, 4, tl, false)?;
        l.k(r, 5, rl, false)?;
        let sem = (b.makna.polarity, b.makna.cap_100);
        l.capaian(r, 6, (4, 5), (tl, rl), sem, lalu.and_then(|x| x.capaian))?;
        l.k(r, 7, b.target.as_ref(), false)?;
        l.k(r, 8, b.realisasi.as_ref(), false)?;
        l.capaian(
            r,
            9,
            (7, 8),
            (b.target.as_ref(), b.realisasi.as_ref()),
            sem,
            h.capaian,
        )?;
        let naik = lalu.and_then(|x| x.peningkatan());
        let turun = lalu.and_then(|x| x.penurunan());
        if lalu.is_some() {
            let (f, i_) = (sel(5, r), sel(8, r));
            let f_naik = format!("IF(OR({i_}=\"\",{f}=\"\"),\"\",IF({i_}>{f},{i_}-{f},\"\"))");
            let f_turun = format!("IF(OR({i_}=\"\",{f}=\"\"),\"\",IF({i_}<{f},{f}-{i_},\"\"))");
            l.rumus_pct(r, 10, &f_naik, naik, false)?;
            l.rumus_pct(r, 11, &f_turun, turun, false)?;
        } else {
            // No last year's value: nothing to compare (the seed's tables print `-`).
            l.teks(r, 10, "-", false, Kind::Center)?;
            l.teks(r, 11, "-", false, Kind::Center)?;
        }
        Ok(())
    })
}

fn renstra(
    wb: &mut Workbook,
    st: &Styles,
    d: &Lkjip<'_>,
    meta: &RenjaMeta,
    lra: &[Format; 2],
) -> Result<(), ExportError> {
    let sheet = (
        LEMBAR_LKJIP[2],
        tabel_renstra(d.iku, d.hitung),
        &LEBAR_RENSTRA[..],
        4,
    );
    lembar_iku(wb, st, d, meta, lra, sheet, |l, r, no, b, h| {
        target_capaian(
            l,
            r,
            no,
            b,
            b.target_akhir_renstra.as_ref(),
            h.capaian_renstra,
        )?;
        Ok(())
    })
}

fn efisiensi(
    wb: &mut Workbook,
    st: &Styles,
    d: &Lkjip<'_>,
    meta: &RenjaMeta,
    lra: &[Format; 2],
) -> Result<(), ExportError> {
    let sheet = (
        LEMBAR_LKJIP[3],
        tabel_efisiensi(d.iku, d.hitung),
        &LEBAR_EFISIENSI[..],
        3,
    );
    lembar_iku(wb, st, d, meta, lra, sheet, |l, r, no, b, h| {
        kiri(l, r, no, &b.indikator, None)?;
        l.k(r, 3, b.target.as_ref(), false)?;
        l.k(r, 4, b.realisasi.as_ref(), false)?;
        l.capaian(
            r,
            5,
            (3, 4),
            (b.target.as_ref(), b.realisasi.as_ref()),
            (b.makna.polarity, b.makna.cap_100),
            h.capaian,
        )?;
        l.rp(r, 6, b.anggaran, false)?;
        l.rp(r, 7, b.realisasi_anggaran, false)?;
        let (g, hh) = (sel(6, r), sel(7, r));
        l.rumus_pct(
            r,
            8,
            &format!("IF(OR({hh}=\"\",N({g})=0),\"\",{hh}/{g}*100)"),
            h.penyerapan,
            false,
        )?;
        let (f, i_) = (sel(5, r), sel(8, r));
        l.rumus_pct(
            r,
            9,
            &format!("IF(OR({f}=\"\",{i_}=\"\"),\"\",IF(N({i_})=0,\"\",{f}/{i_}*100))"),
            h.efisiensi,
            false,
        )?;
        Ok(())
    })
}

/// `SUM` of the cells of column `c` at `rows` (0-based), in chunks of Excel's argument limit.
fn jumlah_sel(c: u16, rows: &[u32]) -> String {
    chunked("SUM", &col_args(huruf(c), rows))
}

fn realisasi(
    wb: &mut Workbook,
    st: &Styles,
    d: &Lkjip<'_>,
    meta: &RenjaMeta,
    lra: &[Format; 2],
) -> Result<(), ExportError> {
    let ra = d.realisasi;
    let t = tabel_realisasi(ra);
    let (ws, r0) = lembar_baru(wb, LEMBAR_LKJIP[4], &t, &LEBAR_REALISASI, meta, st)?;
    let mut l = Lembar {
        ws,
        st,
        lebar: &LEBAR_REALISASI,
        lra: lra.clone(),
    };
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
    for (i, (b, tb)) in ra.baris.iter().zip(&t.badan).enumerate() {
        let r = r0 + i as u32;
        let bold = b.level == Level::Program;
        let indent = usize::from(b.level.rank().min(2));
        l.teks(r, 0, &tb.sel[0], bold, Kind::Center)?;
        l.ws.write_string_with_format(r, 1, &tb.sel[1], &nama[usize::from(bold)][indent])?;
        let kids: Vec<u32> = b.anak.iter().map(|&k| r0 + k as u32).collect();
        for (c, ours, sums) in [
            (
                2u16,
                b.pagu,
                sum_opt(b.anak.iter().map(|&k| ra.baris[k].pagu)),
            ),
            (
                3,
                b.realisasi,
                sum_opt(b.anak.iter().map(|&k| ra.baris[k].realisasi)),
            ),
        ] {
            if !kids.is_empty() && sums.is_some() && sums == ours {
                let f = l.st.get(bold, rp_kind(ours.unwrap_or_default())).clone();
                l.rumus(r, c, &jumlah_sel(c, &kids), ours, &f)?;
            } else {
                l.rp(r, c, ours, bold)?;
            }
        }
        let (cc, dd) = (sel(2, r), sel(3, r));
        l.rumus_pct(
            r,
            4,
            &format!("IF(OR({dd}=\"\",N({cc})=0),\"\",{dd}/{cc}*100)"),
            b.persen,
            bold,
        )?;
        let lebar = LEBAR_REALISASI[1] - 1.5 * indent as f64;
        let lines = wrapped_lines(&tb.sel[1], lebar, bold);
        l.ws.set_row_height(r, lines as f64 * 10.0 + 2.0)?;
    }
    // Jumlah: Σ of the top-level rows.
    let r = r0 + ra.baris.len() as u32;
    let puncak: Vec<u32> = (0..ra.baris.len())
        .filter(|&k| ra.baris[k].induk.is_none())
        .map(|k| r0 + k as u32)
        .collect();
    l.teks(r, 0, "", true, Kind::Center)?;
    l.teks(r, 1, "JUMLAH", true, Kind::Center)?;
    for (c, v) in [(2u16, ra.jumlah.pagu), (3, ra.jumlah.realisasi)] {
        if puncak.is_empty() || v.is_none() {
            l.rp(r, c, v, true)?;
        } else {
            let f = l.st.get(true, rp_kind(v.unwrap_or_default())).clone();
            l.rumus(r, c, &jumlah_sel(c, &puncak), v, &f)?;
        }
    }
    let (cc, dd) = (sel(2, r), sel(3, r));
    l.rumus_pct(
        r,
        4,
        &format!("IF(OR({dd}=\"\",N({cc})=0),\"\",{dd}/{cc}*100)"),
        ra.jumlah.persen,
        true,
    )?;
    selesai(l.ws, meta, &t, (r0, r), 2, LEMBAR_LKJIP[4])?;
    Ok(())
}

fn lra_lembar(
    wb: &mut Workbook,
    st: &Styles,
    lra: &Lra,
    meta: &RenjaMeta,
    fmt: &[Format; 2],
) -> Result<(), ExportError> {
    let t = tabel_lra(lra, meta.tahun);
    let (ws, r0) = lembar_baru(wb, LEMBAR_LKJIP[5], &t, &LEBAR_LRA, meta, st)?;
    let mut l = Lembar {
        ws,
        st,
        lebar: &LEBAR_LRA,
        lra: fmt.clone(),
    };
    for (i, b) in lra.baris.iter().enumerate() {
        let r = r0 + i as u32;
        let bold = b.tingkat <= 2;
        l.teks(r, 0, b.kode.as_deref().unwrap_or(""), bold, Kind::Text)?;
        l.teks(r, 1, &b.uraian, bold, Kind::Text)?;
        for (c, v) in [(2u16, b.anggaran), (3, b.realisasi), (5, b.realisasi_lalu)] {
            let pick = |x: &BarisLra| match c {
                2 => x.anggaran,
                3 => x.realisasi,
                _ => x.realisasi_lalu,
            };
            let f = l.lra[usize::from(bold)].clone();
            let text = match &b.jenis {
                JenisLra::Rekening { anak } if !anak.is_empty() => {
                    let sums = sum_opt(anak.iter().map(|&k| pick(&lra.baris[k])));
                    (sums.is_some() && sums == v).then(|| {
                        let rows: Vec<u32> = anak.iter().map(|&k| r0 + k as u32).collect();
                        jumlah_sel(c, &rows)
                    })
                }
                JenisLra::Jumlah { dari } => (v.is_some()).then(|| sel(c, r0 + *dari as u32)),
                JenisLra::SurplusDefisit {
                    pendapatan,
                    belanja,
                } => v.map(|_| {
                    let p = pendapatan.map(|p| sel(c, r0 + p as u32));
                    let q = belanja.map(|q| sel(c, r0 + q as u32));
                    match (p, q) {
                        (Some(p), Some(q)) => format!("N({p})-N({q})"),
                        (Some(p), None) => format!("N({p})"),
                        (None, Some(q)) => format!("-N({q})"),
                        (None, None) => "0".to_string(),
                    }
                }),
                _ => None,
            };
            match text {
                Some(tx) => l.rumus(r, c, &tx, v, &f)?,
                None => l.rp_lra(r, c, v, bold)?,
            }
        }
        let (cc, dd) = (sel(2, r), sel(3, r));
        l.rumus_pct(
            r,
            4,
            &format!("IF(OR({dd}=\"\",N({cc})=0),\"\",{dd}/{cc}*100)"),
            b.persen,
            bold,
        )?;
        l.tinggi(r, &[(1, &b.uraian)], bold)?;
    }
    let last = r0 + lra.baris.len() as u32;
    selesai(
        l.ws,
        meta,
        &t,
        (r0, last.saturating_sub(1)),
        2,
        LEMBAR_LKJIP[5],
    )?;
    Ok(())
}

/// Write the LKjIP Bab III tables of `d` (one sheet each; the LRA only when `d.lra` is given)
/// with the title facts of `meta` (`meta.tahun`: the year reported). Refused when the
/// computation is of another table (`d.hitung` not one per IKU).
pub fn export_lkjip(d: &Lkjip<'_>, meta: &RenjaMeta) -> Result<Vec<u8>, ExportError> {
    check_rows(d.iku.baris.len(), d.hitung.len())?;
    check_rows(d.realisasi.baris.len(), d.realisasi.baris.len())?;
    let st = Styles::new();
    let lra_fmt = [false, true].map(|bold| {
        st.get(bold, Kind::Dec2)
            .clone()
            .set_num_format("#,##0.00;(#,##0.00)")
    });
    let mut wb = Workbook::new();
    capaian_iku(&mut wb, &st, d, meta, &lra_fmt)?;
    tahun_lalu(&mut wb, &st, d, meta, &lra_fmt)?;
    renstra(&mut wb, &st, d, meta, &lra_fmt)?;
    efisiensi(&mut wb, &st, d, meta, &lra_fmt)?;
    realisasi(&mut wb, &st, d, meta, &lra_fmt)?;
    if let Some(lra) = d.lra {
        lra_lembar(&mut wb, &st, lra, meta, &lra_fmt)?;
    }
    Ok(wb.save_to_buffer()?)
}
