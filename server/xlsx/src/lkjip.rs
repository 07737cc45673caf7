//! The LKjIP's Bab III A tables as an agency's workbook holds them — capaian IKU against the
//! PK's target (seed 000 Tabel 3.1/3.2), against earlier years (3.3/3.4), against the Renstra's
//! end target (3.5/3.6), efisiensi per IKU (3.9/3.10), the per-IKU analysis tables, and the
//! table of sasaran, program, kegiatan and sub kegiatan with their indicators and budgets
//! (3.11/3.12) — read into [`TabelTertulis`] for the domain's checks
//! (`capaian_domain::lkjip_berkas`).
//!
//! Recognised by what the columns say, never by the title or fixed letters: every row of each
//! visible sheet whose texts are mostly column titles is tried as a header of one to three rows
//! (merged titles spread over their range: [`column_titles`]); each column's titles give its
//! role ([`Peran`]). A table is this form's when it has an indicator column (`Indikator
//! Kinerja (Utama)`, `IKU`; or `Uraian` over sasaran, program and indicator rows; or, in a
//! table without one, the sasaran measured by its own figures: seed 004's Tabel 3.2.1/3.2.4/
//! 3.2.7), a realisasi and something derived from it (a capaian, a kategori, a penyerapan, an
//! efisiensi), and no column of a form reported per quarter or per budget line (a Kode, a
//! Program/Kegiatan, more than one quarter without a sasaran column: an E.81, a laporan, a
//! rencana aksi). One quarter's own target or realisasi (`Target TW. I`) is read past: the
//! capaian s.d. a quarter compares the realisasi through it with the year's target. Every
//! such table of every sheet is read (an LKjIP prints a dozen, several to a sheet); a repeated
//! header continues its table.
//!
//! Columns: `Target`, `Realisasi`, `Capaian` of a year (`Target 2025 > Realisasi`, `Tahun
//! 2024 > Capaian`, `Realisasi > 2023`; without a year, the file's year), the end target
//! (`Target Akhir Renstra 2029`, `Target Akhir RPJMD`) and the capaian against it (`Capaian
//! Realisasi 2025 terhadap 2029`; or the table's only capaian when it has the end target and
//! no target of the year, Tabel 3.5/3.6), `Kategori`/`Predikat`, `Peningkatan`/`Penurunan`,
//! `Pagu`/`Anggaran` and `Realisasi (Rp)` (`Belanja > Anggaran · Realisasi · %`), `Penyerapan`,
//! `Tingkat Efisiensi`. The year of the file: the workspace's when given, else the latest year
//! its columns name.
//!
//! A derived cell is kept for the check only when the table has the columns it is derived
//! from (a capaian of 2024 without the 2024 target and realisasi is left alone). Rows: a row
//! with an indicator is one IKU, under the last sasaran named; in a `Uraian` table a row with
//! a target or realisasi is an indicator, a row with a budget is a sasaran, program, kegiatan
//! or sub kegiatan whose budget its indicators below take for their efisiensi, a row with
//! neither (an outcome statement) is read past; `Jumlah`/`Total` rows are read past. Numbers
//! as text (`110,04`, `1,148,273,100`, `82.53`), as numbers, and as percent-formatted numbers
//! (`0.9995` shown `99,95%`) all read as the figure printed.

use std::collections::BTreeSet;

use calamine::Data;
use capaian_domain::indicator::default_semantics;
use capaian_domain::lkjip::{BabIIIA, BarisIku, KolomIku, SelTertulis};
use capaian_domain::lkjip_berkas::{KolomMasukan, TabelTertulis, Versi};
use capaian_domain::model::{KValue, Problem};
use capaian_domain::num::{format_id, parse_cell};
use capaian_domain::teks;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::col_letter;
use crate::error::ReadError;
use crate::guard::Limits;
use crate::kepala::{mostly_text, Kepala, Kolom};
use crate::kinerja::{data_rows, label_row};
use crate::renja::{has_word, title_blocks};
use crate::sipd::{guarded, open_book, text_of, year_in, Grid};
use crate::values::{decimal_from_f64, denoise};

/// What reading an LKjIP workbook's Bab III A tables produced.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LkjipReading {
    /// Every table read, in the workbook's order.
    pub tabel: Vec<TabelTertulis>,
    /// The year the tables report on.
    pub tahun: Option<i32>,
    /// Notes of the reading (hidden sheets).
    pub problems: Vec<Problem>,
}

/// What a column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Peran {
    No,
    Sasaran,
    Indikator,
    /// `Uraian`: sasaran, program, kegiatan, sub kegiatan and their indicators in one column.
    Uraian,
    Satuan,
    Kategori,
    Peningkatan,
    Penurunan,
    Efisiensi,
    Penyerapan,
    Anggaran,
    RealisasiAnggaran,
    TargetAkhir,
    CapaianAkhir,
    Target(Option<i32>),
    Realisasi(Option<i32>),
    Capaian(Option<i32>),
}

/// The role the titles over a column name (`parts`: top to deepest).
fn role_of(parts: &[String]) -> Option<Peran> {
    let ws = teks::words(&parts.join(" "));
    let deep_text = parts.last().map(String::as_str).unwrap_or("");
    let deep = teks::words(deep_text);
    let has = |w: &str| has_word(&ws, w);
    let exact = |w: &str| ws.iter().any(|x| x == w);
    let deep_has = |w: &str| has_word(&deep, w);
    if let [w] = deep.as_slice() {
        if matches!(w.as_str(), "no" | "nomor") {
            return Some(Peran::No);
        }
    }
    if ws.is_empty() {
        return None;
    }
    if has("efisiensi") {
        return Some(Peran::Efisiensi);
    }
    if has("penyerapan") {
        return Some(Peran::Penyerapan);
    }
    if has("kategori") || has("predikat") {
        return Some(Peran::Kategori);
    }
    if has("peningkatan") || has("kenaikan") {
        return Some(Peran::Peningkatan);
    }
    if has("penurunan") {
        return Some(Peran::Penurunan);
    }
    if has("satuan") {
        return Some(Peran::Satuan);
    }
    if has("uraian") {
        return Some(Peran::Uraian);
    }
    if has("indikator") || exact("iku") {
        return Some(Peran::Indikator);
    }
    if has("sasaran") || has("tujuan") {
        return Some(Peran::Sasaran);
    }
    if has("capaian") && (exact("terhadap") || exact("renstra") || exact("rpjmd")) {
        return Some(Peran::CapaianAkhir);
    }
    if exact("akhir") && (has("target") || exact("renstra") || exact("rpjmd") || has("kondisi")) {
        return Some(Peran::TargetAkhir);
    }
    let uang = exact("rp") || exact("pagu") || has("belanja") || has("anggaran") || has("keuangan");
    let persen = deep.is_empty() && deep_text.contains('%');
    if uang {
        return if deep_has("realisasi") {
            Some(Peran::RealisasiAnggaran)
        } else if persen {
            Some(Peran::Penyerapan)
        } else if exact("pagu") || has("anggaran") || has("belanja") {
            Some(Peran::Anggaran)
        } else {
            None
        };
    }
    let year = year_in(&ws);
    // One quarter's own target or realisasi (`Target TW. I`, `Realisasi TW. I`) is not what the
    // year's capaian compares: the table's `Target 2024` and `Realisasi s.d TW. II` are.
    if satu_triwulan(&ws) && !has("capaian") {
        return None;
    }
    // The deepest title first (`Target 2024 > Capaian Kinerja (%)` is a capaian), then the
    // group's (`Realisasi > 2022`).
    for words in [&deep, &ws] {
        let h = |w: &str| has_word(words, w);
        if h("target") {
            return Some(Peran::Target(year));
        }
        if h("realisasi") {
            return Some(Peran::Realisasi(year));
        }
        if h("capaian") {
            return Some(Peran::Capaian(year));
        }
    }
    if persen && has("kinerja") {
        return Some(Peran::Capaian(year));
    }
    None
}

/// The quarter a title names (the word after `Triwulan` / `TW`), if any.
fn triwulan_of(ws: &[String]) -> Option<&String> {
    ws.iter()
        .position(|w| w == "tw" || has_word(std::slice::from_ref(w), "triwulan"))
        .and_then(|i| ws.get(i + 1))
}

/// Does a title name one quarter's own figure (`Target TW. I`), not one through it
/// (`Realisasi s.d TW. II`, `sampai dengan triwulan II`)?
fn satu_triwulan(ws: &[String]) -> bool {
    let sd = ws.windows(2).any(|w| w[0] == "s" && w[1] == "d")
        || ws
            .iter()
            .any(|w| w == "sd" || w == "sampai" || w == "hingga");
    triwulan_of(ws).is_some() && !sd
}

/// A table's header, and the caption right above it (`Tabel 3.1 …`), if any.
#[derive(Clone, Debug)]
struct Tabel {
    kepala: Kepala<Peran>,
    judul: Option<String>,
}

/// Is it an LKjIP Bab III A table's header (see the module's doc)?
fn lkjip(h: &Kepala<Peran>) -> bool {
    // A sasaran measured by its own figures (Tabel 3.2.4: `Sasaran Strategis | Target 2024 |
    // … | % Capaian s.d TW. II`) is its table's indicator.
    let indikator = h.has(|p| matches!(p, Peran::Indikator | Peran::Uraian | Peran::Sasaran));
    let realisasi = h.has(|p| matches!(p, Peran::Realisasi(_)));
    let turunan = h.has(|p| {
        matches!(
            p,
            Peran::Capaian(_)
                | Peran::CapaianAkhir
                | Peran::Kategori
                | Peran::Efisiensi
                | Peran::Penyerapan
        )
    });
    indikator && realisasi && turunan
}

impl Tabel {
    /// Does `next` continue this table (its header repeated at a page break)? Not when a
    /// caption of its own stands above it: that is the next table (Tabel 3.2 under 3.1).
    fn continued_by(&self, next: &Tabel) -> bool {
        next.judul.is_none() && self.kepala.same_columns(&next.kepala)
    }
}

/// A header of a form that reports per quarter or per budget line (an E.81, a laporan, a
/// rencana aksi: a Kode column, a Program/Kegiatan column, two quarters or more), not an
/// LKjIP table (whose `Realisasi s.d TW. II` and `% Capaian s.d TW. II` name one quarter).
fn other_form(titles: &[(u32, Vec<String>)]) -> bool {
    let mut quarters: Vec<String> = Vec::new();
    let mut kinerja = false;
    for (_, parts) in titles {
        let ws = teks::words(&parts.join(" "));
        let exact = |w: &str| ws.iter().any(|x| x == w);
        if exact("kode") || has_word(&ws, "program") || has_word(&ws, "kegiatan") {
            return true;
        }
        kinerja |= has_word(&ws, "sasaran") && !has_word(&ws, "indikator");
        if let Some(q) = triwulan_of(&ws) {
            if !quarters.contains(q) {
                quarters.push(q.clone());
            }
        }
    }
    // A sasaran's own figures by quarter (Tabel 3.2.4: target and realisasi of TW I, then
    // s.d. TW II) are an LKjIP table; other tables by quarter are another form's.
    quarters.len() >= 2 && !kinerja
}

/// The header (one to three rows) starting at row `r`, if it is an LKjIP table's.
fn header_at(grid: &Grid, merges: &[(u32, u32, u32, u32)], r: u32) -> Option<Tabel> {
    if !mostly_text(grid, r, 3) {
        return None;
    }
    let names_a_role = |t: &str| {
        !matches!(
            parse_cell(t).0.value,
            capaian_domain::num::CellValue::Number { .. }
        ) && role_of(&[t.to_string()]).is_some()
    };
    let mut best: Option<Kepala<Peran>> = None;
    for (last, titles) in title_blocks(grid, merges, r, 2, names_a_role, label_row) {
        if other_form(&titles) {
            continue;
        }
        let mut cols = Vec::new();
        let mut all = Vec::new();
        for (c, parts) in &titles {
            all.extend(parts.iter().cloned());
            if let Some(peran) = role_of(parts) {
                cols.push(Kolom { col: *c, peran });
            }
        }
        let cand = Kepala {
            first: r,
            last,
            cols,
            texts: all,
        };
        if lkjip(&cand) && best.as_ref().is_none_or(|b| cand.score() > b.score()) {
            best = Some(cand);
        }
    }
    best.map(|kepala| Tabel {
        kepala,
        judul: caption_above(grid, r),
    })
}

/// A caption row: one text alone on its row, `Tabel …` (any other text alone on its row is a
/// caption only for [`caption_above`]'s fallback).
fn caption_of(grid: &Grid, r: u32) -> Option<String> {
    match grid.row(r) {
        [(_, v)] => text_of(v),
        _ => None,
    }
}

fn is_tabel(text: &str) -> bool {
    teks::words(text).first().is_some_and(|w| w == "tabel")
}

/// The caption of a table whose header starts at row `r`: the nearest `Tabel …` row among the
/// three above it, else the nearest text of three words or more alone on its row there.
fn caption_above(grid: &Grid, r: u32) -> Option<String> {
    let rows: Vec<u32> = grid.rows_in(r.saturating_sub(3), r).collect();
    let captions: Vec<String> = rows
        .iter()
        .rev()
        .filter_map(|&x| caption_of(grid, x))
        .collect();
    captions
        .iter()
        .find(|t| is_tabel(t))
        .or_else(|| captions.iter().find(|t| teks::words(t).len() >= 3))
        .cloned()
}

/// Reads every LKjIP Bab III A table of a workbook (see the module's doc). `tahun`: the year
/// reported on (the workspace's), else the latest year the columns name.
pub fn read_lkjip(
    bytes: &[u8],
    limits: &Limits,
    tahun: Option<i32>,
) -> Result<LkjipReading, ReadError> {
    guarded(|| {
        let mut book = open_book(bytes, limits)?;
        let meta = book.sheets();
        let mut problems = Vec::new();
        let mut kosong = Vec::new();
        let sheets = book.headers_by_sheet(
            &mut problems,
            &mut kosong,
            |_, grid, merges, r| header_at(grid, merges, r),
            |t| t.kepala.last,
            Tabel::continued_by,
        )?;
        if sheets.iter().all(|(_, _, heads)| heads.is_empty()) {
            return Err(ReadError::LkjipNotFound {
                sheets_seen: meta.iter().map(|(n, _)| n.clone()).collect(),
            });
        }
        let tahun = tahun.or_else(|| {
            sheets
                .iter()
                .flat_map(|(_, _, heads)| heads.iter().flat_map(|t| &t.kepala.cols))
                .filter_map(|k| match k.peran {
                    Peran::Target(y) | Peran::Realisasi(y) | Peran::Capaian(y) => y,
                    _ => None,
                })
                .max()
        });
        let mut tabel = Vec::new();
        for (name, grid, heads) in &sheets {
            if heads.is_empty() {
                continue;
            }
            let persen = book.percent_cells(name);
            for (j, h) in heads.iter().enumerate() {
                let until = heads.get(j + 1).map_or(u32::MAX, |n| n.kepala.first);
                // A table ends at the next one's caption.
                let rows: Vec<u32> = data_rows(grid, h.kepala.last, &h.kepala.texts, until)
                    .into_iter()
                    .take_while(|&r| !caption_of(grid, r).is_some_and(|t| is_tabel(&t)))
                    .collect();
                let baca = Baca {
                    sheet: name,
                    grid,
                    persen: &persen,
                };
                tabel.push(baca.table(h, &rows, tahun));
            }
        }
        Ok(LkjipReading {
            tabel,
            tahun,
            problems,
        })
    })
}

struct Baca<'a> {
    sheet: &'a str,
    grid: &'a Grid,
    persen: &'a BTreeSet<(u32, u32)>,
}

/// An earlier year's columns of a table.
#[derive(Clone, Copy, Default)]
struct KolomLalu {
    tahun: i32,
    target: Option<u32>,
    realisasi: Option<u32>,
    capaian: Option<u32>,
}

/// The columns of a table, settled for the year read.
#[derive(Default)]
struct Susunan {
    no: Option<u32>,
    sasaran: Option<u32>,
    indikator: Option<u32>,
    uraian: bool,
    satuan: Option<u32>,
    target: Option<u32>,
    realisasi: Option<u32>,
    capaian: Option<u32>,
    kategori: Option<u32>,
    /// Earlier years' columns, by year.
    lalu: Vec<KolomLalu>,
    peningkatan: Option<u32>,
    penurunan: Option<u32>,
    akhir: Option<u32>,
    capaian_akhir: Option<u32>,
    anggaran: Option<u32>,
    realisasi_anggaran: Option<u32>,
    penyerapan: Option<u32>,
    efisiensi: Option<u32>,
}

impl Susunan {
    fn of(h: &Kepala<Peran>, tahun: Option<i32>) -> Susunan {
        let mut k = Susunan::default();
        let first = |slot: &mut Option<u32>, c: u32| {
            if slot.is_none() {
                *slot = Some(c);
            }
        };
        for kol in &h.cols {
            let c = kol.col;
            // A column of an earlier year; `None`: this year's.
            let lalu = |y: Option<i32>| y.zip(tahun).filter(|(y, t)| y < t).map(|(y, _)| y);
            let kini = |y: Option<i32>| y.is_none() || y == tahun;
            match kol.peran {
                Peran::No => first(&mut k.no, c),
                Peran::Sasaran => first(&mut k.sasaran, c),
                Peran::Indikator => first(&mut k.indikator, c),
                Peran::Uraian => {
                    if k.indikator.is_none() {
                        k.indikator = Some(c);
                        k.uraian = true;
                    }
                }
                Peran::Satuan => first(&mut k.satuan, c),
                Peran::Kategori => first(&mut k.kategori, c),
                Peran::Peningkatan => first(&mut k.peningkatan, c),
                Peran::Penurunan => first(&mut k.penurunan, c),
                Peran::Efisiensi => first(&mut k.efisiensi, c),
                Peran::Penyerapan => first(&mut k.penyerapan, c),
                Peran::Anggaran => first(&mut k.anggaran, c),
                Peran::RealisasiAnggaran => first(&mut k.realisasi_anggaran, c),
                Peran::TargetAkhir => first(&mut k.akhir, c),
                Peran::CapaianAkhir => first(&mut k.capaian_akhir, c),
                Peran::Target(y) | Peran::Realisasi(y) | Peran::Capaian(y) => {
                    if let Some(ly) = lalu(y) {
                        let i = match k.lalu.iter().position(|l| l.tahun == ly) {
                            Some(i) => i,
                            None => {
                                k.lalu.push(KolomLalu {
                                    tahun: ly,
                                    ..KolomLalu::default()
                                });
                                k.lalu.len() - 1
                            }
                        };
                        let e = &mut k.lalu[i];
                        match kol.peran {
                            Peran::Target(_) => first(&mut e.target, c),
                            Peran::Realisasi(_) => first(&mut e.realisasi, c),
                            _ => first(&mut e.capaian, c),
                        }
                    } else if kini(y) {
                        match kol.peran {
                            Peran::Target(_) => first(&mut k.target, c),
                            Peran::Realisasi(_) => first(&mut k.realisasi, c),
                            _ => first(&mut k.capaian, c),
                        }
                    }
                }
            }
        }
        if k.indikator.is_none() {
            k.indikator = k.sasaran;
        }
        k.lalu.sort_by_key(|l| l.tahun);
        // The only capaian of a table with the end target and no target of the year is the
        // capaian against the end target (Tabel 3.5/3.6).
        if k.target.is_none() && k.akhir.is_some() && k.capaian_akhir.is_none() {
            k.capaian_akhir = k.capaian.take();
        }
        k
    }
}

/// A cell's text as printed: a string as it is; a number in Indonesian writing with its own
/// decimals (a percent-formatted one in percent units).
fn printed(d: &Data, percent: bool) -> Option<String> {
    let number = match d {
        Data::Int(i) => Decimal::from(*i),
        Data::Float(f) => denoise(decimal_from_f64(*f)?),
        Data::String(s) => {
            let t = crate::values::clean_text(s).trim().to_string();
            return (!t.is_empty()).then_some(t);
        }
        other => return text_of(other),
    };
    let v = if percent {
        number * Decimal::ONE_HUNDRED
    } else {
        number
    }
    .normalize();
    Some(format_id(v, v.scale()))
}

fn kv(teks: &str) -> (Option<KValue>, Option<String>) {
    parse_cell(teks).0.value.k_dan_satuan()
}

fn angka(teks: &str) -> Option<Decimal> {
    match kv(teks).0 {
        Some(KValue::Number(d)) => Some(d),
        _ => None,
    }
}

/// An amount: a figure, `-` is none spent or budgeted (zero).
fn rupiah(teks: &str) -> Option<Decimal> {
    match parse_cell(teks).0.value {
        capaian_domain::num::CellValue::Dash => Some(Decimal::ZERO),
        _ => angka(teks),
    }
}

/// A row of a `Uraian` table that sums others (`TOTAL`, `Jumlah`, `Rata-rata`).
fn is_total(text: &str) -> bool {
    let ws = teks::words(text);
    matches!(
        ws.first().map(String::as_str),
        Some("total" | "jumlah" | "rata")
    ) && ws.len() <= 3
}

impl Baca<'_> {
    fn sel(&self, r: u32, c: u32) -> String {
        format!(
            "'{}'!{}{}",
            self.sheet,
            col_letter(c.saturating_add(1)),
            r.saturating_add(1)
        )
    }

    fn teks(&self, r: u32, c: Option<u32>) -> Option<String> {
        let c = c?;
        printed(self.grid.get(r, c), self.persen.contains(&(r, c)))
    }

    fn table(&self, t: &Tabel, rows: &[u32], tahun: Option<i32>) -> TabelTertulis {
        let h = &t.kepala;
        let k = Susunan::of(h, tahun);
        let judul_penuh = t.judul.clone();
        // Named by its number (`Tabel 3.1`), else by its sheet and row.
        let judul = judul_penuh
            .as_deref()
            .and_then(|j| {
                let ws: Vec<&str> = j.split_whitespace().take(2).collect();
                (ws.len() == 2 && ws[0].eq_ignore_ascii_case("tabel"))
                    .then(|| format!("Tabel {}", ws[1].trim_end_matches(['.', ':'])))
            })
            .unwrap_or_else(|| format!("Sheet '{}' baris {}", self.sheet, h.first + 1));
        let versi = judul_penuh
            .as_deref()
            .and_then(Versi::dari_judul)
            .or_else(|| Versi::dari_judul(self.sheet));
        let lalu_terakhir = k.lalu.last().copied();
        let has_capaian = k.target.is_some() && k.realisasi.is_some();
        let has_serap = k.anggaran.is_some() && k.realisasi_anggaran.is_some();
        let mut out = TabelTertulis {
            judul,
            versi,
            t: BabIIIA {
                tahun: tahun.unwrap_or_default(),
                baris: Vec::new(),
            },
            ..TabelTertulis::default()
        };
        let mut sasaran = String::new();
        // A `Uraian` table's last budget row: (anggaran, realisasi).
        let mut induk: (Option<Decimal>, Option<Decimal>) = (None, None);
        for &r in rows {
            let nama = self.teks(r, k.indikator).unwrap_or_default();
            if let Some(s) = self.teks(r, k.sasaran) {
                if !is_total(&s) {
                    sasaran = s;
                }
            }
            if nama.is_empty()
                || is_total(&nama)
                || self.teks(r, k.no).is_some_and(|t| is_total(&t))
            {
                continue;
            }
            let cell =
                |c: Option<u32>| c.and_then(|c| self.teks(r, Some(c)).map(|t| (t, self.sel(r, c))));
            let target = cell(k.target);
            let realisasi = cell(k.realisasi);
            let anggaran = cell(k.anggaran);
            let realisasi_anggaran = cell(k.realisasi_anggaran);
            let mut masukan = Vec::new();
            let mut push = |kolom: KolomMasukan, v: &Option<(String, String)>| {
                if let Some((teks, sel)) = v {
                    masukan.push(SelTertulis {
                        kolom,
                        teks: teks.clone(),
                        sel: Some(sel.clone()),
                    });
                }
            };
            let indikator = !k.uraian || target.is_some() || realisasi.is_some();
            if !indikator {
                // A Uraian row without a target or realisasi: a budget row, or a statement.
                if anggaran.is_none() && realisasi_anggaran.is_none() {
                    continue;
                }
                induk = (
                    anggaran.as_ref().and_then(|a| rupiah(&a.0)),
                    realisasi_anggaran.as_ref().and_then(|a| rupiah(&a.0)),
                );
                sasaran = nama.clone();
                let mut tertulis = Vec::new();
                if let (Some(c), true) = (k.penyerapan, has_serap) {
                    tertulis.push(SelTertulis {
                        kolom: KolomIku::Penyerapan,
                        teks: self.teks(r, Some(c)).unwrap_or_default(),
                        sel: Some(self.sel(r, c)),
                    });
                }
                out.t.baris.push(BarisIku {
                    sasaran: String::new(),
                    indikator: nama,
                    anggaran: induk.0,
                    realisasi_anggaran: induk.1,
                    ..BarisIku::default()
                });
                out.tertulis.push(tertulis);
                out.masukan.push(Vec::new());
                out.indikator.push(false);
                continue;
            }
            push(KolomMasukan::Target, &target);
            push(KolomMasukan::Realisasi, &realisasi);
            push(KolomMasukan::TargetRenstra, &cell(k.akhir));
            if !k.uraian {
                push(KolomMasukan::Anggaran, &anggaran);
                push(KolomMasukan::RealisasiAnggaran, &realisasi_anggaran);
            }
            let mut target_lalu = Vec::new();
            let mut realisasi_lalu = Vec::new();
            for l in &k.lalu {
                let t = cell(l.target);
                let re = cell(l.realisasi);
                push(KolomMasukan::TargetLalu(l.tahun), &t);
                push(KolomMasukan::RealisasiLalu(l.tahun), &re);
                target_lalu.extend(t.and_then(|t| kv(&t.0).0).map(|v| (l.tahun, v)));
                realisasi_lalu.extend(re.and_then(|v| kv(&v.0).0).map(|v| (l.tahun, v)));
            }
            let satuan = self
                .teks(r, k.satuan)
                .map(|s| s.replace("<i>", "").replace("</i>", "").trim().to_string())
                .filter(|s| !s.is_empty() && s != "-");
            let (t_k, t_unit) = target.as_ref().map_or((None, None), |t| kv(&t.0));
            let (r_k, r_unit) = realisasi.as_ref().map_or((None, None), |t| kv(&t.0));
            let satuan = satuan.or(t_unit).or(r_unit);
            let values: Vec<&KValue> = [&t_k, &r_k].into_iter().flatten().collect();
            let makna = default_semantics(satuan.as_deref(), &values);
            let (ang, real_ang) = if k.uraian {
                induk
            } else {
                (
                    anggaran.as_ref().and_then(|a| rupiah(&a.0)),
                    realisasi_anggaran.as_ref().and_then(|a| rupiah(&a.0)),
                )
            };
            // The derived cells whose inputs the table has.
            let serap = has_serap || (k.uraian && k.anggaran.is_some());
            let mut tertulis = Vec::new();
            let mut turunan = |kolom: KolomIku, c: Option<u32>, ada: bool| {
                if let (Some(c), true) = (c, ada) {
                    tertulis.push(SelTertulis {
                        kolom,
                        teks: self.teks(r, Some(c)).unwrap_or_default(),
                        sel: Some(self.sel(r, c)),
                    });
                }
            };
            turunan(KolomIku::Capaian, k.capaian, has_capaian);
            turunan(KolomIku::Kategori, k.kategori, has_capaian);
            if let Some(l) = lalu_terakhir {
                turunan(
                    KolomIku::CapaianLalu,
                    l.capaian,
                    l.target.is_some() && l.realisasi.is_some(),
                );
            }
            let banding = k.realisasi.is_some() && k.lalu.iter().any(|l| l.realisasi.is_some());
            turunan(KolomIku::Peningkatan, k.peningkatan, banding);
            turunan(KolomIku::Penurunan, k.penurunan, banding);
            turunan(
                KolomIku::CapaianRenstra,
                k.capaian_akhir,
                k.akhir.is_some() && k.realisasi.is_some(),
            );
            if !k.uraian {
                turunan(KolomIku::Penyerapan, k.penyerapan, has_serap);
            }
            turunan(KolomIku::Efisiensi, k.efisiensi, has_capaian && serap);
            out.t.baris.push(BarisIku {
                sasaran: sasaran.clone(),
                indikator: nama,
                satuan,
                makna,
                target: t_k,
                realisasi: r_k,
                target_lalu,
                realisasi_lalu,
                target_akhir_renstra: cell(k.akhir).and_then(|t| kv(&t.0).0),
                anggaran: ang,
                realisasi_anggaran: real_ang,
            });
            out.tertulis.push(tertulis);
            out.masukan.push(masukan);
            out.indikator.push(true);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn role(parts: &[&str]) -> Option<Peran> {
        role_of(&parts.iter().map(|s| s.to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn roles_by_what_the_titles_say() {
        use Peran::*;
        for (parts, want) in [
            (&["No"][..], Some(No)),
            (&["Tujuan/Sasaran Strategis"], Some(Sasaran)),
            (&["Indikator Kinerja Utama"], Some(Indikator)),
            (&["Uraian"], Some(Uraian)),
            (&["Target 2025", "Target"], Some(Target(Some(2025)))),
            (
                &["Target 2024", "Capaian Kinerja (%)"],
                Some(Capaian(Some(2024))),
            ),
            (&["Realisasi", "2022"], Some(Realisasi(Some(2022)))),
            (&["Tahun 2025", "Realisasi **"], Some(Realisasi(Some(2025)))),
            (
                &["Target 2025", "Target Akhir Renstra 2029"],
                Some(TargetAkhir),
            ),
            (&["Target Akhir RPJMD 2029"], Some(TargetAkhir)),
            (
                &["Capaian Realisasi 2025 terhadap 2029"],
                Some(CapaianAkhir),
            ),
            (
                &["Realisasi Mengalami Peningkatan dari Tahun sebelumnya sebesar"],
                Some(Peningkatan),
            ),
            (&["Pagu (Rp)"], Some(Anggaran)),
            (&["Realisasi (Rp)"], Some(RealisasiAnggaran)),
            (&["Belanja", "Anggaran"], Some(Anggaran)),
            (&["Belanja", "Realisasi"], Some(RealisasiAnggaran)),
            (&["Belanja", "%"], Some(Penyerapan)),
            (&["Capaian Kinerja", "Target"], Some(Target(None))),
            (&["Capaian Kinerja", "%"], Some(Capaian(None))),
            (&["Tingkat Efisiensi", "%"], Some(Efisiensi)),
            (&["Penyerapan Anggaran (%)"], Some(Penyerapan)),
            (&["Kategori"], Some(Kategori)),
            (&["Keterangan"], None),
        ] {
            assert_eq!(role(parts), want, "{parts:?}");
        }
    }

    #[test]
    fn printed_figures() {
        assert_eq!(
            printed(&Data::Float(110.04), false).as_deref(),
            Some("110,04")
        );
        assert_eq!(
            printed(&Data::Float(0.9995), true).as_deref(),
            Some("99,95")
        );
        assert_eq!(
            printed(&Data::Float(1148273100.0), false).as_deref(),
            Some("1.148.273.100")
        );
        assert_eq!(
            printed(&Data::String(" 38,83 ".into()), false).as_deref(),
            Some("38,83")
        );
        assert_eq!(printed(&Data::Empty, false), None);
    }
}
