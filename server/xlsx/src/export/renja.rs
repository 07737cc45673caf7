//! Export: the Renja's *rumusan rencana program dan kegiatan* (Permendagri 86/2017, the T-C.35
//! family: Tabel 5.1 / 3.1.4) and the Renja Perubahan lampiran, as the official form.
//!
//! [`export_renja`] writes one sheet: the title lines, a merged header block (`Kode`, the
//! name, the indicator, `Rencana Tahun n` over lokasi, target, pagu and sumber dana, `Catatan
//! Penting`, `Prakiraan Maju Rencana Tahun n+1` over target and pagu), the numbering row
//! `(1)…(n)`, a row per [`capaian_domain::renja::BarisRenja`], the Jumlah row and the Kepala's signature, set up to
//! print on A4 or F4 landscape, one page wide, the header repeated on every page. Which columns
//! there are follows [`Cetakan`]: one set of year columns for a Renja (murni) or a Renja
//! Perubahan's Tabel 5.1 (the figures after the change); for the lampiran
//! ([`Cetakan::SebelumSesudah`]) the indicator and every `Rencana Tahun n` column twice —
//! *Sebelum Perubahan* | *Setelah Perubahan* — and `Jumlah Perubahan (+/-)` after the pagu
//! pair. A `Kelompok Sasaran` column (per version) is printed when a row states one.
//!
//! Values and formulas (the same rules and number formats as the E.81 export):
//! - A node whose rows below hold a pagu gets, in each pagu column (the year's, per version,
//!   and n+1), `=SUM` of its direct child node rows — never of indicator rows —, cached with
//!   [`HitungRenja`]'s value; a node without such rows carries its own pagu as a number. A pagu
//!   the file printed on a node's further indicator row is the node's and is printed on the
//!   node's row.
//! - Where the file stated a parent pagu that differs from its children's sum (`hitung`'s
//!   `jumlah_induk` problem), the export prints the computed sum: the official form must add
//!   up, and the stated figure stays visible in the file read and in the problem. (This
//!   differs from the E.81 export, which keeps a differing stated amount: there the sheet is
//!   the agency's report; here it is the plan printed from Capaian's figures.)
//! - `Jumlah Perubahan (+/-)` is `=setelah−sebelum` on every node row that has a pagu in either
//!   version; the Jumlah row is `=SUM` of the top node rows (and its own setelah−sebelum).
//! - Every formula carries its cached value, the unrounded decimal Capaian computed, so a
//!   reader without a calculation engine sees the same figures as Excel or LibreOffice.
//! - Money is `#,##0` (whole rupiah) or `#,##0.00` (with sen), the E.81 export's formats;
//!   Excel and LibreOffice show them with the reader's Indonesian separators.
//! - User text is written as text, never as a formula.

use capaian_domain::model::KValue;
use capaian_domain::num::format_id;
use capaian_domain::rencana::Versi;
use capaian_domain::renja::{Cetakan, HitungRenja, KolomPagu, Renja, TingkatRenja};
use rust_decimal::Decimal;
use rust_xlsxwriter::{Format, Formula, Workbook, Worksheet, XlsxError};

use super::{
    chunked, col_args, dec_result, grade_text, num_kind, pd_or, print_setup, rp_kind,
    signature_first, tanda_tangan, tempat_tanggal, to_f64, wrapped_lines, write_signature,
    write_text, write_title_lines, ExportError, Kind, Paper, Penanda, Styles, MAX_FORMULA,
    MAX_ROWS,
};

/// What the Renja form prints besides the rows: the title facts and the Kepala's signature.
#[derive(Clone, Debug, PartialEq)]
pub struct RenjaMeta {
    /// Perangkat Daerah (`Badan Kepegawaian dan Pengembangan Sumber Daya Manusia`).
    pub pd: String,
    /// Region with its kind (`Kabupaten Paser`, `Kota Banjarbaru`).
    pub kabupaten: String,
    /// The year planned (n); the prakiraan maju is n+1.
    pub tahun: i32,
    pub kepala_nama: String,
    /// 18 digits (printed `19650110 198602 2 004`), or as typed.
    pub kepala_nip: String,
    pub kepala_pangkat: Option<String>,
    /// Place of signing (`Tanah Grogot`).
    pub tempat: String,
    /// Date of signing as printed (`26 Juli 2024`); None: a dotted line to fill by hand.
    pub tanggal: Option<String>,
    pub paper: Paper,
}

// ---------------------------------------------------------------------------------------------
// Columns.

/// What a column prints.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Isi {
    Kode,
    Nama,
    Indikator(Versi),
    KelompokSasaran(Versi),
    Lokasi(Versi),
    Target(Versi),
    Pagu(KolomPagu),
    /// Jumlah perubahan (+/−): setelah − sebelum.
    Selisih,
    SumberDana(Versi),
    Catatan,
    TargetMaju,
}

/// A printed column: its header titles from the top (a title shared by neighbours is one
/// merged cell over them; the last one reaches down to the numbering row), what it prints and
/// its width.
struct Kolom {
    judul: Vec<String>,
    isi: Isi,
    lebar: f64,
}

/// The columns of `renja`'s form for year `tahun`, left to right.
fn kolom(renja: &Renja, tahun: i32) -> Vec<Kolom> {
    let versi = renja.cetakan.versi();
    let dua = versi.len() == 2;
    let sub = |v: Versi| match v {
        Versi::Murni => "Sebelum Perubahan",
        Versi::Perubahan => "Setelah Perubahan",
    };
    let rencana = match renja.cetakan {
        Cetakan::Perubahan => format!("Rencana Kerja Perubahan Tahun {tahun}"),
        Cetakan::Murni | Cetakan::SebelumSesudah => format!("Rencana Tahun {tahun}"),
    };
    let maju = format!("Prakiraan Maju Rencana Tahun {}", tahun + 1);
    let mut out = Vec::new();
    let mut tambah = |judul: &[&str], isi: Isi, lebar: f64| {
        out.push(Kolom {
            judul: judul.iter().map(|s| s.to_string()).collect(),
            isi,
            lebar,
        });
    };
    // One column per printed version: under its own sub-title when there are two.
    let per_versi = |tambah: &mut dyn FnMut(&[&str], Isi, f64),
                     judul: &[&str],
                     isi: fn(Versi) -> Isi,
                     lebar: f64| {
        for &v in versi {
            let mut j = judul.to_vec();
            if dua {
                j.push(sub(v));
            }
            tambah(&j, isi(v), lebar);
        }
    };
    let lebar_ind = if dua { 24.0 } else { 32.0 };
    tambah(&["Kode"], Isi::Kode, 15.0);
    tambah(
        &["Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan/Sub Kegiatan"],
        Isi::Nama,
        34.0,
    );
    per_versi(
        &mut tambah,
        &["Indikator Kinerja Program (outcome)/Kegiatan (output)"],
        Isi::Indikator,
        lebar_ind,
    );
    let kelompok = renja.baris.iter().any(|b| {
        versi
            .iter()
            .any(|&v| !b.isian(v).kelompok_sasaran.trim().is_empty())
    });
    if kelompok {
        per_versi(
            &mut tambah,
            &[&rencana, "Kelompok Sasaran"],
            Isi::KelompokSasaran,
            14.0,
        );
    }
    per_versi(&mut tambah, &[&rencana, "Lokasi"], Isi::Lokasi, 12.0);
    per_versi(
        &mut tambah,
        &[&rencana, "Target Capaian Kinerja"],
        Isi::Target,
        10.0,
    );
    per_versi(
        &mut tambah,
        &[&rencana, "Kebutuhan Dana/Pagu Indikatif"],
        |v| Isi::Pagu(KolomPagu::Tahun(v)),
        15.0,
    );
    if dua {
        tambah(
            &[
                &rencana,
                "Kebutuhan Dana/Pagu Indikatif",
                "Jumlah Perubahan (+/-)",
            ],
            Isi::Selisih,
            15.0,
        );
    }
    per_versi(
        &mut tambah,
        &[&rencana, "Sumber Dana"],
        Isi::SumberDana,
        9.0,
    );
    tambah(&["Catatan Penting"], Isi::Catatan, 12.0);
    tambah(&[&maju, "Target Capaian Kinerja"], Isi::TargetMaju, 10.0);
    tambah(
        &[&maju, "Kebutuhan Dana/Pagu Indikatif"],
        Isi::Pagu(KolomPagu::Maju),
        15.0,
    );
    out
}

// ---------------------------------------------------------------------------------------------
// Rows (0-based): title, a blank row, the header block, the numbering row, the data.

const R_TITLE: u32 = 0;
const R_HEAD: u32 = 4;

/// A target as the agency writes it. A number with a satuan is text, `5 dok`, `76%`,
/// `1.200 orang`: a Renja never adds targets (each row's indicator has its own unit), the
/// satuan then stays in the cell a reader reads back (calamine does not give number formats,
/// so a number formatted `0 "dok"` would come back without its unit), and it prints as the
/// seeds print it. A number without a satuan is a number; a grade (`A`, `BB (72,5)`) or a text
/// target is text.
enum Target {
    Angka(Decimal),
    Teks(String),
}

fn target(nilai: Option<&KValue>, satuan: Option<&str>) -> Option<Target> {
    let satuan = satuan.map(str::trim).filter(|s| !s.is_empty());
    Some(match (nilai?, satuan) {
        (KValue::Number(d), None) => Target::Angka(*d),
        (KValue::Number(d), Some(s)) => {
            let d = d.normalize();
            let angka = format_id(d, d.scale());
            if s == "%" {
                Target::Teks(format!("{angka}%"))
            } else {
                Target::Teks(format!("{angka} {s}"))
            }
        }
        (KValue::Grade { grade, score }, _) => Target::Teks(grade_text(*grade, *score)),
        (KValue::Text(t), _) => Target::Teks(t.clone()),
    })
}

/// The levels printed bold: the headings above the programs, and the programs.
fn tebal(t: TingkatRenja) -> bool {
    t <= TingkatRenja::Program
}

struct Penulis<'a> {
    ws: &'a mut Worksheet,
    st: &'a Styles,
    /// The name column's format per [bold][indent].
    nama: [Vec<Format>; 2],
}

impl Penulis<'_> {
    fn teks(&mut self, r: u32, c: u16, s: &str, bold: bool, k: Kind) -> Result<(), XlsxError> {
        write_text(self.ws, self.st, (r, c), s, bold, k)
    }

    fn rp(&mut self, r: u32, c: u16, v: Option<Decimal>, bold: bool) -> Result<(), XlsxError> {
        match v {
            Some(d) => {
                let f = self.st.get(bold, rp_kind(d));
                self.ws.write_number_with_format(r, c, to_f64(d), f)?;
            }
            None => {
                self.ws.write_blank(r, c, self.st.get(bold, Kind::Text))?;
            }
        }
        Ok(())
    }

    /// A money formula with its cached value; the value alone when the formula would exceed
    /// Excel's length.
    fn rumus(
        &mut self,
        r: u32,
        c: u16,
        text: &str,
        v: Option<Decimal>,
        bold: bool,
    ) -> Result<(), XlsxError> {
        if text.len() > MAX_FORMULA {
            return self.rp(r, c, v, bold);
        }
        let f = self.st.get(bold, num_kind(v, Kind::Dec2));
        let formula = Formula::new(text).set_result(dec_result(v));
        self.ws.write_formula_with_format(r, c, formula, f)?;
        Ok(())
    }

    fn target(&mut self, r: u32, c: u16, t: Option<Target>, bold: bool) -> Result<(), XlsxError> {
        match t {
            Some(Target::Angka(d)) => {
                let k = if d.fract().is_zero() {
                    Kind::Int
                } else {
                    Kind::KDec
                };
                self.ws
                    .write_number_with_format(r, c, to_f64(d), self.st.get(bold, k))?;
            }
            Some(Target::Teks(s)) => self.teks(r, c, &s, bold, Kind::Center)?,
            None => self.teks(r, c, "", bold, Kind::Center)?,
        }
        Ok(())
    }
}

/// Deepest indent printed in the name column (a sub kegiatan under urusan … kegiatan).
const MAX_INDENT: usize = 5;

/// Write the Renja form of `renja` with the figures `hitung` computed from it
/// ([`capaian_domain::renja::hitung`]).
pub fn export_renja(
    renja: &Renja,
    hitung: &HitungRenja,
    meta: &RenjaMeta,
) -> Result<Vec<u8>, ExportError> {
    let n = renja.baris.len();
    let lens = [
        hitung.simpul.len(),
        hitung.induk.len(),
        hitung.murni.len(),
        hitung.perubahan.len(),
        hitung.maju.len(),
        hitung.selisih.len(),
    ];
    if let Some(&computed) = lens.iter().find(|&&l| l != n) {
        return Err(ExportError::ComputedMismatch { rows: n, computed });
    }
    if n > MAX_ROWS {
        return Err(ExportError::TooManyRows {
            rows: n,
            limit: MAX_ROWS,
        });
    }
    let cols = kolom(renja, meta.tahun);
    let last = (cols.len() - 1) as u16;
    let at = |isi: Isi| cols.iter().position(|k| k.isi == isi).map(|c| c as u16);
    let huruf: Vec<String> = (1..=cols.len() as u32).map(crate::col_letter).collect();
    let tinggi = cols.iter().map(|k| k.judul.len()).max().unwrap_or(1) as u32;
    let r_nomor = R_HEAD + tinggi;
    let r_data = r_nomor + 1;

    let mut wb = Workbook::new();
    let st = Styles::new();
    let nama = [false, true].map(|bold| {
        (0..=MAX_INDENT)
            .map(|i| {
                let f = st.get(bold, Kind::Text).clone();
                if i > 0 {
                    f.set_indent(i as u8)
                } else {
                    f
                }
            })
            .collect::<Vec<_>>()
    });
    let ws = wb.add_worksheet();
    ws.set_name(match renja.cetakan {
        Cetakan::Murni => "Renja",
        Cetakan::Perubahan | Cetakan::SebelumSesudah => "Renja Perubahan",
    })?;
    let mut p = Penulis { ws, st: &st, nama };

    // Title.
    let n0 = meta.tahun;
    let judul = match renja.cetakan {
        Cetakan::Murni => format!(
            "RUMUSAN RENCANA PROGRAM DAN KEGIATAN PERANGKAT DAERAH TAHUN {n0} DAN PRAKIRAAN MAJU TAHUN {}",
            n0 + 1
        ),
        Cetakan::Perubahan => format!(
            "RUMUSAN RENCANA PROGRAM DAN KEGIATAN PERANGKAT DAERAH TAHUN {n0} (PERUBAHAN) DAN PRAKIRAAN MAJU TAHUN {}",
            n0 + 1
        ),
        Cetakan::SebelumSesudah => format!(
            "RENCANA KERJA PERUBAHAN PERANGKAT DAERAH TAHUN {n0}: RENCANA PROGRAM DAN KEGIATAN SEBELUM DAN SETELAH PERUBAHAN"
        ),
    };
    let kabupaten = if meta.kabupaten.trim().is_empty() {
        "KABUPATEN/KOTA ……".to_string()
    } else {
        meta.kabupaten.trim().to_uppercase()
    };
    let lines = [
        judul,
        pd_or(&meta.pd, "PERANGKAT DAERAH ……").to_uppercase(),
        kabupaten,
    ];
    write_title_lines(p.ws, &st, R_TITLE, (0, last), &lines)?;

    // Header block: each title merged over the neighbours that share it (and its titles
    // above), the last one down to the numbering row.
    for k in 0..tinggi as usize {
        let mut c = 0;
        while c < cols.len() {
            if cols[c].judul.len() <= k {
                c += 1;
                continue;
            }
            let prefix = &cols[c].judul[..=k];
            let mut e = c;
            while e + 1 < cols.len()
                && cols[e + 1].judul.len() > k
                && cols[e + 1].judul[..=k] == *prefix
            {
                e += 1;
            }
            let top = R_HEAD + k as u32;
            let bottom = if cols[c..=e].iter().all(|col| col.judul.len() == k + 1) {
                r_nomor - 1
            } else {
                top
            };
            let text = &cols[c].judul[k];
            if (top, c) == (bottom, e) {
                p.ws.write_string_with_format(top, c as u16, text, &st.head)?;
            } else {
                p.ws.merge_range(top, c as u16, bottom, e as u16, text, &st.head)?;
            }
            c = e + 1;
        }
    }
    // Numbering row: (1)…(n); the selisih says how it is computed.
    for (c, col) in cols.iter().enumerate() {
        let nomor = |isi: Isi| cols.iter().position(|k| k.isi == isi).map_or(0, |i| i + 1);
        let text = match col.isi {
            Isi::Selisih => format!(
                "({}) = ({}) − ({})",
                c + 1,
                nomor(Isi::Pagu(KolomPagu::Tahun(Versi::Perubahan))),
                nomor(Isi::Pagu(KolomPagu::Tahun(Versi::Murni)))
            ),
            _ => format!("({})", c + 1),
        };
        p.ws.write_string_with_format(r_nomor, c as u16, &text, &st.numbering)?;
    }
    p.ws.set_row_height(R_HEAD, 30)?;
    for k in 1..tinggi {
        p.ws.set_row_height(R_HEAD + k, 30)?;
    }

    // Data rows.
    let min_depth = renja
        .baris
        .iter()
        .filter_map(|b| b.tingkat.map(TingkatRenja::kedalaman))
        .min()
        .unwrap_or(0);
    let mut anak: Vec<Vec<u32>> = vec![Vec::new(); n];
    for (i, par) in hitung.induk.iter().enumerate() {
        if let (Some(par), Some(_)) = (par, renja.baris[i].tingkat) {
            if let Some(a) = anak.get_mut(*par) {
                a.push(r_data + i as u32);
            }
        }
    }
    let pagu_cols: Vec<(u16, KolomPagu)> = renja
        .kolom_pagu()
        .into_iter()
        .filter_map(|k| at(Isi::Pagu(k)).map(|c| (c, k)))
        .collect();
    let selisih_col = at(Isi::Selisih);
    let sel = |c: u16, r: u32| format!("{}{}", huruf[usize::from(c)], r + 1);
    for (i, b) in renja.baris.iter().enumerate() {
        let r = r_data + i as u32;
        let node = hitung.simpul[i].and_then(|s| renja.baris.get(s));
        let tingkat = node.and_then(|s| s.tingkat);
        let bold = tingkat.is_some_and(tebal);
        let indent = tingkat.map_or(0, |t| usize::from(t.kedalaman().saturating_sub(min_depth)));
        let indent = indent.min(MAX_INDENT);
        let mut lines = 1usize;
        for (c, col) in cols.iter().enumerate() {
            let c16 = c as u16;
            let lebar = col.lebar;
            let mut teks = |p: &mut Penulis<'_>, s: &str, k: Kind| -> Result<(), XlsxError> {
                lines = lines.max(wrapped_lines(s, lebar, bold));
                p.teks(r, c16, s, bold, k)
            };
            match col.isi {
                Isi::Kode => {
                    let kode = if b.tingkat.is_some() {
                        b.kode_berkas.as_deref().or(b.kode.as_deref()).unwrap_or("")
                    } else {
                        ""
                    };
                    teks(&mut p, kode, Kind::Text)?;
                }
                Isi::Nama => {
                    let s = if b.tingkat.is_some() {
                        b.nama.as_str()
                    } else {
                        ""
                    };
                    lines = lines.max(wrapped_lines(s, lebar - 1.5 * indent as f64, bold));
                    let f = &p.nama[usize::from(bold)][indent];
                    if s.is_empty() {
                        p.ws.write_blank(r, c16, f)?;
                    } else {
                        p.ws.write_string_with_format(r, c16, s, f)?;
                    }
                }
                Isi::Indikator(v) => teks(&mut p, &b.isian(v).indikator, Kind::Text)?,
                Isi::KelompokSasaran(v) => teks(&mut p, &b.isian(v).kelompok_sasaran, Kind::Text)?,
                Isi::Lokasi(v) => teks(&mut p, &b.isian(v).lokasi, Kind::Center)?,
                Isi::SumberDana(v) => teks(&mut p, &b.isian(v).sumber_dana, Kind::Center)?,
                Isi::Catatan => teks(&mut p, &b.catatan, Kind::Text)?,
                Isi::Target(v) => {
                    let is = b.isian(v);
                    p.target(
                        r,
                        c16,
                        target(is.target.as_ref(), is.satuan.as_deref()),
                        bold,
                    )?;
                }
                Isi::TargetMaju => {
                    let t = target(b.maju.target.as_ref(), b.maju.satuan.as_deref());
                    p.target(r, c16, t, bold)?;
                }
                Isi::Pagu(k) => {
                    let v = if b.tingkat.is_some() {
                        hitung.pagu(k)[i]
                    } else {
                        None
                    };
                    let sums = b.tingkat.is_some()
                        && anak[i]
                            .iter()
                            .any(|&rr| hitung.pagu(k)[(rr - r_data) as usize].is_some());
                    if sums {
                        let args = col_args(&huruf[c], &anak[i]);
                        p.rumus(r, c16, &chunked("SUM", &args), v, bold)?;
                    } else {
                        p.rp(r, c16, v, bold)?;
                    }
                }
                Isi::Selisih => {
                    let v = if b.tingkat.is_some() {
                        hitung.selisih[i]
                    } else {
                        None
                    };
                    let pair = (
                        at(Isi::Pagu(KolomPagu::Tahun(Versi::Murni))),
                        at(Isi::Pagu(KolomPagu::Tahun(Versi::Perubahan))),
                    );
                    match (v, pair) {
                        (Some(_), (Some(a), Some(s))) => {
                            let text = format!("{}-{}", sel(s, r), sel(a, r));
                            p.rumus(r, c16, &text, v, bold)?;
                        }
                        _ => p.rp(r, c16, v, bold)?,
                    }
                }
            }
        }
        p.ws.set_row_height(r, lines as f64 * 10.0 + 2.0)?;
    }

    // The Jumlah row: Σ of the top nodes.
    let r = r_data + n as u32;
    let first_money = pagu_cols
        .iter()
        .map(|&(c, _)| c)
        .chain(selisih_col)
        .min()
        .unwrap_or(last);
    let label_end = cols
        .iter()
        .position(|k| !matches!(k.isi, Isi::Kode | Isi::Nama | Isi::Indikator(_)))
        .map_or(first_money, |c| c as u16)
        .min(first_money)
        .saturating_sub(1);
    if label_end > 0 {
        p.ws.merge_range(r, 0, r, label_end, "JUMLAH", st.get(true, Kind::Center))?;
    } else {
        p.teks(r, 0, "JUMLAH", true, Kind::Center)?;
    }
    let tops: Vec<u32> = (0..n)
        .filter(|&i| renja.baris[i].tingkat.is_some() && hitung.induk[i].is_none())
        .map(|i| r_data + i as u32)
        .collect();
    for c in label_end + 1..=last {
        let isi = cols[usize::from(c)].isi;
        match isi {
            Isi::Pagu(k) => match hitung.jumlah(k) {
                Some(v) => {
                    let text = chunked("SUM", &col_args(&huruf[usize::from(c)], &tops));
                    p.rumus(r, c, &text, Some(v), true)?;
                }
                None => p.rp(r, c, None, true)?,
            },
            Isi::Selisih => {
                let (a, s) = (hitung.jumlah_murni, hitung.jumlah_perubahan);
                let pair = (
                    at(Isi::Pagu(KolomPagu::Tahun(Versi::Murni))),
                    at(Isi::Pagu(KolomPagu::Tahun(Versi::Perubahan))),
                );
                match (a.or(s), pair) {
                    (Some(_), (Some(ca), Some(cs))) => {
                        let v = s.unwrap_or_default() - a.unwrap_or_default();
                        let text = format!("{}-{}", sel(cs, r), sel(ca, r));
                        p.rumus(r, c, &text, Some(v), true)?;
                    }
                    _ => p.rp(r, c, None, true)?,
                }
            }
            _ => p.teks(r, c, "", true, Kind::Text)?,
        }
    }
    p.ws.set_row_height(r, 14)?;

    // Signature: the Kepala Perangkat Daerah, under the right-hand columns.
    let r_ttd = r + 2;
    let tanda = tanda_tangan(
        &tempat_tanggal(&meta.tempat, meta.tanggal.as_deref(), meta.tahun),
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
    // Under the right-hand columns, as many as the longest line needs.
    let widths: Vec<f64> = cols.iter().map(|k| k.lebar).collect();
    let ttd_first = signature_first(&widths, &tanda, 2);
    write_signature(p.ws, &st, r_ttd, (ttd_first, last), &tanda)?;
    let r_end = r_ttd + tanda.len() as u32 - 1;

    // Page.
    for (c, col) in cols.iter().enumerate() {
        p.ws.set_column_width(c as u16, col.lebar)?;
    }
    let freeze = at(Isi::Nama).map_or(0, |c| c + 1);
    p.ws.set_freeze_panes(r_data, freeze)?;
    let footer = format!(
        "Renja {} — Tahun {}",
        pd_or(&meta.pd, "Perangkat Daerah"),
        meta.tahun
    );
    print_setup(
        p.ws,
        meta.paper,
        (R_HEAD, r_nomor),
        (r_end, 0, last),
        &footer,
    )?;
    let nama_lembar = p.ws.name();
    let Penulis { nama, .. } = p;

    // The lampiran's companion: every sub kegiatan whose pagu the perubahan changed.
    let pair = (
        at(Isi::Pagu(KolomPagu::Tahun(Versi::Murni))),
        at(Isi::Pagu(KolomPagu::Tahun(Versi::Perubahan))),
    );
    if let (Some(ubah), (Some(ca), Some(cs))) = (hitung.perubahan_pagu.as_ref(), pair) {
        if !ubah.berubah.is_empty() {
            let ws = wb.add_worksheet();
            ws.set_name("Perubahan Pagu")?;
            let mut q = Penulis { ws, st: &st, nama };
            let sumber = Sumber {
                lembar: &nama_lembar,
                sebelum: &huruf[usize::from(ca)],
                setelah: &huruf[usize::from(cs)],
                r_data,
            };
            perubahan_pagu(&mut q, renja, hitung, ubah, &sumber, meta)?;
        }
    }
    Ok(wb.save_to_buffer()?)
}

/// Where the *Perubahan Pagu* sheet takes its figures from: the Renja sheet's name, its
/// sebelum and setelah pagu columns and its first data row (0-based).
struct Sumber<'a> {
    lembar: &'a str,
    sebelum: &'a str,
    setelah: &'a str,
    r_data: u32,
}

/// The *Perubahan Pagu* sheet of a Renja Perubahan lampiran: every sub kegiatan (lowest node)
/// whose pagu the perubahan changed — No · Kode · Sub Kegiatan · Sebelum · Setelah · Jumlah
/// Perubahan (+/−) · Keterangan (for the planner's reasons: a penambahan's uraian, a
/// pergeseran's destination) —, sebelum and setelah as references to the Renja sheet's cells
/// (one figure, printed twice), the jumlah perubahan `setelah − sebelum`, then the totals, the
/// penambahan (Σ increases) and the pengurangan (Σ decreases), all live, with Capaian's values
/// cached. Whether an increase is new money or moved from another sub kegiatan the figures
/// cannot say: the Keterangan column is the planner's.
fn perubahan_pagu(
    p: &mut Penulis<'_>,
    renja: &Renja,
    hitung: &HitungRenja,
    ubah: &capaian_domain::renja::Perubahan,
    sumber: &Sumber<'_>,
    meta: &RenjaMeta,
) -> Result<(), XlsxError> {
    const KOLOM: [(&str, f64); 7] = [
        ("No", 5.0),
        ("Kode", 18.0),
        ("Sub Kegiatan", 48.0),
        ("Pagu Sebelum Perubahan (Rp)", 18.0),
        ("Pagu Setelah Perubahan (Rp)", 18.0),
        ("Jumlah Perubahan (+/-) (Rp)", 18.0),
        ("Keterangan", 30.0),
    ];
    let last = (KOLOM.len() - 1) as u16;
    let lines = [
        format!(
            "PERUBAHAN PAGU SUB KEGIATAN RENCANA KERJA PERUBAHAN TAHUN {}",
            meta.tahun
        ),
        pd_or(&meta.pd, "PERANGKAT DAERAH ……").to_uppercase(),
    ];
    write_title_lines(p.ws, p.st, R_TITLE, (0, last), &lines)?;
    let r_head = 3;
    for (c, (judul, lebar)) in KOLOM.iter().enumerate() {
        p.ws.write_string_with_format(r_head, c as u16, *judul, &p.st.head)?;
        p.ws.set_column_width(c as u16, *lebar)?;
        p.ws.write_string_with_format(
            r_head + 1,
            c as u16,
            format!("({})", c + 1),
            &p.st.numbering,
        )?;
    }
    p.ws.set_row_height(r_head, 30)?;
    let quoted = sumber.lembar.replace('\'', "''");
    let first = r_head + 2;
    for (k, &i) in ubah.berubah.iter().enumerate() {
        let r = first + k as u32;
        let b = &renja.baris[i];
        let asal = sumber.r_data + i as u32 + 1;
        p.ws.write_number_with_format(r, 0, (k + 1) as f64, p.st.get(false, Kind::Int))?;
        let kode = b.kode_berkas.as_deref().or(b.kode.as_deref()).unwrap_or("");
        p.teks(r, 1, kode, false, Kind::Text)?;
        p.teks(r, 2, &b.nama, false, Kind::Text)?;
        p.rumus(
            r,
            3,
            &format!("'{quoted}'!{}{asal}", sumber.sebelum),
            hitung.murni[i],
            false,
        )?;
        p.rumus(
            r,
            4,
            &format!("'{quoted}'!{}{asal}", sumber.setelah),
            hitung.perubahan[i],
            false,
        )?;
        p.rumus(r, 5, &format!("E{0}-D{0}", r + 1), hitung.selisih[i], false)?;
        p.teks(r, 6, "", false, Kind::Text)?;
    }
    let end = first + ubah.berubah.len() as u32 - 1;
    let range = |col: &str| format!("{col}{}:{col}{}", first + 1, end + 1);
    let sum = |col: &str| format!("SUM({})", range(col));
    let r = end + 1;
    p.ws.merge_range(r, 0, r, 2, "JUMLAH", p.st.get(true, Kind::Center))?;
    // Σ of the changed rows (an empty pagu is 0, as the formulas read it).
    let total = |col: &[Option<Decimal>]| -> Decimal {
        ubah.berubah
            .iter()
            .map(|&i| col[i].unwrap_or_default())
            .sum()
    };
    let (a, s) = (total(&hitung.murni), total(&hitung.perubahan));
    p.rumus(r, 3, &sum("D"), Some(a), true)?;
    p.rumus(r, 4, &sum("E"), Some(s), true)?;
    p.rumus(r, 5, &sum("F"), Some(s - a), true)?;
    p.teks(r, 6, "", true, Kind::Text)?;
    for (k, (label, rumus, v)) in [
        (
            "Penambahan pagu (jumlah kenaikan)",
            format!("SUMIF({},\">0\")", range("F")),
            ubah.bertambah,
        ),
        (
            "Pengurangan pagu (jumlah penurunan)",
            format!("-SUMIF({},\"<0\")", range("F")),
            ubah.berkurang,
        ),
    ]
    .into_iter()
    .enumerate()
    {
        let rr = r + 1 + k as u32;
        p.ws.merge_range(rr, 0, rr, 4, label, p.st.get(true, Kind::Text))?;
        p.rumus(rr, 5, &rumus, Some(v), true)?;
        p.teks(rr, 6, "", true, Kind::Text)?;
    }
    let footer = format!(
        "Perubahan pagu {} — Tahun {}",
        pd_or(&meta.pd, "Perangkat Daerah"),
        meta.tahun
    );
    print_setup(
        p.ws,
        meta.paper,
        (r_head, r_head + 1),
        (r + 2, 0, last),
        &footer,
    )?;
    Ok(())
}
