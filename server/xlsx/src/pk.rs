//! Perjanjian Kinerja workbooks (Permenpan RB 53/2014 Lampiran I) read into a [`Pk`] of the
//! domain core, which sums the anggaran and checks it ([`hitung`]).
//!
//! Recognised by what the columns say, never by the title or fixed letters: every row of each
//! visible sheet whose texts are mostly column titles is tried as a header of one to three rows
//! (merged titles spread over their range, the Renja reader's [`column_titles`]); each column's
//! titles, deepest first, give its role ([`Peran`]): `No`, `Kode`, `Sasaran` (strategis /
//! program / kegiatan), `Indikator Kinerja`, `Satuan`, `Target` (a year in its titles: the
//! earliest is the PK's year, the next one the target n+1; `TW I`…`TW IV` / `Triwulan I`…: the
//! quarter's target or *prediksi capaian*), `Program` / `Kegiatan` / `Sub Kegiatan` /
//! `Uraian`, `Anggaran` (`Pagu`, `Rp`), `Keterangan`. A header with a sasaran, an indikator and
//! a target column is a lampiran kinerja; one with a program/kegiatan column and an anggaran
//! column a lampiran anggaran; one header may be both (seed 003's two-part table side by side),
//! and the two may be on one sheet, one under the other, or on separate sheets. A header with
//! Realisasi (an E.81), Lokasi / Sumber Dana / Pagu Indikatif / Prakiraan Maju (a Renja),
//! Rekening / Bulan (a SIPD export) or Tujuan / Baseline (a Renstra or IKU table) is none: a
//! workbook without a lampiran kinerja is refused ([`ReadError::PkNotFound`]). Hidden sheets
//! are not read (one note each).
//!
//! Rows: numbering rows `(1) (2) …` and repeated headers skipped; the sasaran on its first
//! indicator row (a `SASARAN` label row is skipped); targets through `parse_cell` (`85%`,
//! `85 %`, `97 persen`, `35 Persen`, `99,99%`, `80.5`; a percent sign gives the satuan `%` when
//! the table has no Satuan column). A target stored as an Excel fraction under a percent
//! format (`0,85` shown as `85%`) is read as 0,85: calamine gives no number formats, so this is
//! out of scope. Anggaran rows: the level from the kode (its own column or before the name),
//! else the column's title, else `Program …`, else the row below the last program;
//! amounts as numbers or text (`Rp. 37.324.924.280`), anything else a located `bukan_angka`;
//! `Jumlah`/`Total` is the stated total, a `Terbilang: …` cell (or words ending in `Rupiah`)
//! below the table the stated terbilang. A table ends at a gap of more than two empty rows, a
//! signature block or a place and date.
//!
//! The statement page, when a visible sheet has one (`pihak pertama` in its text): the title
//! (`PERJANJIAN KINERJA [PERUBAHAN] TAHUN 2025`: the version and, failing the columns, the
//! year) and the PD on the line below; the `Nama` / `Jabatan` (`NIP`, `Pangkat`) labels, the
//! first block the pihak pertama's, the second the pihak kedua's (the value after the label,
//! in its cell after `:` or in a cell to the right); the signature blocks headed `PIHAK
//! PERTAMA` / `PIHAK KEDUA` (jabatan, then after the space the name, the pangkat and `NIP …`);
//! the place and date (`Kotabaru, 21 Pebruari 2025`). A signature block on another sheet that
//! names another person or NIP for the same party is a located `penandatangan_berbeda`.

use capaian_domain::kode;
use capaian_domain::model::{Problem, Severity};
use capaian_domain::num::{parse_cell, CellValue};
use capaian_domain::pk::{
    hitung, BarisAnggaran, BarisKinerja, JumlahPk, Pernyataan, Pk, TerbilangPk, TingkatSasaran,
};
use capaian_domain::rencana::pk::SelPk;
use capaian_domain::rencana::{Tingkat, Versi};
use capaian_domain::renja::TingkatRenja;
use capaian_domain::tanggal::parse_tanggal;
use capaian_domain::teks;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::col_letter;
use crate::error::ReadError;
use crate::guard::Limits;
use crate::header::{money_scale, numbering_cell};
use crate::renja::{has_word, sub_label_row, title_blocks, Baca};
use crate::sipd::{guarded, open_book, pisah_kode_nama, problem, text_of, year_in, Grid};
use crate::text::quarter_word;

/// What reading a PK workbook produced.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PkReading {
    pub pk: Pk,
    /// Located problems and notes: unreadable cells, hidden and other sheets, and the checks
    /// of [`hitung`].
    pub problems: Vec<Problem>,
    /// Each table read: the lampiran kinerja first, then the lampiran anggaran.
    pub tabel: Vec<TabelPk>,
    /// The columns holding the values, for writing them back ([`crate::fill::fill_pk`]).
    #[serde(skip)]
    pub kolom_nilai: KolomNilaiPk,
}

/// Where the PK's values are in its sheets: columns 0-based, rows 0-based.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct KolomNilaiPk {
    /// The lampiran kinerja's sheet and last header row.
    pub lembar_kinerja: String,
    pub header_kinerja: u32,
    /// Each target column and the value it holds: the year's ([`SelPk::Target`] in the PK's
    /// version), a quarter's, n+1.
    pub target: Vec<(SelPk, u32)>,
    /// The lampiran anggaran's sheet and last header row.
    pub lembar_anggaran: String,
    pub header_anggaran: u32,
    /// The anggaran column and its scale (`Rp. 000`: 1000 rupiah a unit).
    pub anggaran: Option<(u32, Decimal)>,
    /// The anggaran table's Keterangan column.
    pub keterangan: Option<u32>,
}

/// A table read: its sheet, its header rows (1-based) and each column's letter and role.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TabelPk {
    pub lembar: String,
    pub header_rows: (u32, u32),
    pub columns: Vec<(String, String)>,
}

/// Which target a target column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Slot {
    Tahun,
    /// A year its titles name (resolved to [`Slot::Tahun`] or [`Slot::Maju`]).
    TahunKe(i32),
    Tw(u8),
    Maju,
}

/// What a column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Peran {
    No,
    Kode,
    Sasaran(TingkatSasaran),
    Indikator,
    Satuan,
    Target(Slot),
    /// Program / kegiatan / sub kegiatan names; None: `Uraian`, `Program/Kegiatan`.
    Nama(Option<Tingkat>),
    Anggaran,
    Keterangan,
}

impl Peran {
    fn label(self) -> String {
        match self {
            Peran::No => "nomor".into(),
            Peran::Kode => "kode".into(),
            Peran::Sasaran(t) => t.judul().to_lowercase(),
            Peran::Indikator => "indikator kinerja".into(),
            Peran::Satuan => "satuan".into(),
            Peran::Target(Slot::Tw(q)) => format!("target triwulan {q}"),
            Peran::Target(Slot::Maju) => "target tahun berikutnya".into(),
            Peran::Target(Slot::TahunKe(y)) => format!("target tahun {y}"),
            Peran::Target(Slot::Tahun) => "target".into(),
            Peran::Nama(Some(t)) => t.nama().to_lowercase(),
            Peran::Nama(None) => "program/kegiatan".into(),
            Peran::Anggaran => "anggaran".into(),
            Peran::Keterangan => "keterangan".into(),
        }
    }
}

/// The role one header title names.
fn role_of(text: &str, all: &[String]) -> Option<Peran> {
    let ws = teks::words(text);
    let has = |w: &str| has_word(&ws, w);
    let exact = |w: &str| ws.iter().any(|x| x == w);
    // A figure (`Rp. 37.324.924.280`, `85%`) is no title.
    if ws.is_empty() || matches!(parse_cell(text).0.value, CellValue::Number { .. }) {
        return None;
    }
    if matches!(ws.as_slice(), [w] if w == "no" || w == "nomor") {
        return Some(Peran::No);
    }
    if exact("kode") {
        return Some(Peran::Kode);
    }
    if has("keterangan") || matches!(ws.as_slice(), [w] if w == "ket") {
        return Some(Peran::Keterangan);
    }
    if has("satuan") {
        return Some(Peran::Satuan);
    }
    if has("target") || has("prediksi") {
        let n = all.len();
        let tw = (0..n.saturating_sub(1)).find_map(|i| {
            matches!(all[i].as_str(), "tw" | "triwulan" | "trw")
                .then(|| quarter_word(&all[i + 1]))
                .flatten()
        });
        return Some(Peran::Target(match (tw, year_in(all)) {
            (Some(q), _) => Slot::Tw(q),
            (None, Some(y)) => Slot::TahunKe(y),
            (None, None) => Slot::Tahun,
        }));
    }
    if has("indikator") {
        return Some(Peran::Indikator);
    }
    if has("sasaran") {
        return Some(Peran::Sasaran(if exact("kegiatan") {
            TingkatSasaran::Kegiatan
        } else if exact("program") {
            TingkatSasaran::Program
        } else {
            TingkatSasaran::Strategis
        }));
    }
    if has("anggaran") || exact("pagu") || exact("rp") || has("rupiah") || exact("dana") {
        return Some(Peran::Anggaran);
    }
    if (exact("sub") && has("kegiatan")) || has("subkegiatan") {
        return Some(Peran::Nama(Some(Tingkat::SubKegiatan)));
    }
    if has("program") && has("kegiatan") {
        return Some(Peran::Nama(None));
    }
    if has("kegiatan") {
        return Some(Peran::Nama(Some(Tingkat::Kegiatan)));
    }
    if has("program") {
        return Some(Peran::Nama(Some(Tingkat::Program)));
    }
    if has("uraian") {
        return Some(Peran::Nama(None));
    }
    None
}

/// Words of other tables' headers.
fn other_table(ws: &[String]) -> Option<&'static str> {
    let has = |w: &str| has_word(ws, w);
    let exact = |w: &str| ws.iter().any(|x| x == w);
    if has("realisasi") {
        Some("kolom Realisasi (Formulir E.81 atau laporan realisasi)")
    } else if has("lokasi")
        || (has("sumber") && exact("dana"))
        || (has("kebutuhan") && exact("dana"))
        || (exact("pagu") && has("indikatif"))
        || has("prakiraan")
        || has("perkiraan")
        || (has("catatan") && has("penting"))
        || (has("kelompok") && has("sasaran"))
    {
        Some("kolom Lokasi/Sumber Dana/Pagu Indikatif/Prakiraan Maju (tabel Renja)")
    } else if has("rekening") || exact("bulan") {
        Some("kolom rekening/bulan (ekspor anggaran SIPD)")
    } else if has("tujuan") || has("baseline") || has("formulasi") {
        Some("kolom Tujuan/Baseline/Formulasi (tabel Renstra atau IKU)")
    } else {
        None
    }
}

#[derive(Clone, Debug)]
struct Kolom {
    col: u32,
    peran: Peran,
    scale: Decimal,
}

/// A table's header.
#[derive(Clone, Debug)]
struct Kepala {
    sheet: String,
    /// 0-based rows.
    first: u32,
    last: u32,
    cols: Vec<Kolom>,
    /// The words of the titles (versions: `setelah perubahan`).
    words: Vec<String>,
    texts: Vec<String>,
}

impl Kepala {
    fn has(&self, f: impl Fn(Peran) -> bool) -> bool {
        self.cols.iter().any(|k| f(k.peran))
    }

    fn kinerja(&self) -> bool {
        self.has(|p| matches!(p, Peran::Sasaran(_)))
            && self.has(|p| p == Peran::Indikator)
            && self.has(|p| matches!(p, Peran::Target(_)))
    }

    fn anggaran(&self) -> bool {
        self.has(|p| matches!(p, Peran::Nama(_))) && self.has(|p| p == Peran::Anggaran)
    }

    fn distinct(&self) -> usize {
        let mut v: Vec<Peran> = Vec::new();
        for k in &self.cols {
            if !v.contains(&k.peran) {
                v.push(k.peran);
            }
        }
        v.len()
    }

    fn col(&self, p: Peran) -> Option<u32> {
        self.cols.iter().find(|k| k.peran == p).map(|k| k.col)
    }

    fn same_columns(&self, other: &Kepala) -> bool {
        self.sheet == other.sheet
            && self.cols.len() == other.cols.len()
            && self
                .cols
                .iter()
                .zip(&other.cols)
                .all(|(a, b)| a.col == b.col && a.peran == b.peran)
    }
}

/// The header (one to three rows) starting at row `r`, if it is a PK table's.
fn header_at(
    sheet: &str,
    grid: &Grid,
    merges: &[(u32, u32, u32, u32)],
    r: u32,
    alasan: &mut Vec<String>,
) -> Option<Kepala> {
    // Mostly titles: at least two cells naming a role, half of the row's texts.
    let names_a_role = |t: &str| role_of(t, &teks::words(t)).is_some();
    let mut best: Option<Kepala> = None;
    for (last, titles) in title_blocks(grid, merges, r, 2, names_a_role, sub_label_row) {
        let mut cols = Vec::new();
        let mut words = Vec::new();
        let mut all_texts = Vec::new();
        let mut other = None;
        for (c, parts) in &titles {
            let all = parts.join(" / ");
            let ws = teks::words(&all);
            if let Some(o) = other_table(&ws) {
                other = Some(o);
            }
            all_texts.extend(parts.iter().cloned());
            let Some(peran) = parts.iter().rev().find_map(|p| role_of(p, &ws)) else {
                continue;
            };
            let scale = if peran == Peran::Anggaran {
                money_scale(&all).unwrap_or(Decimal::ONE)
            } else {
                Decimal::ONE
            };
            words.extend(ws);
            cols.push(Kolom {
                col: *c,
                peran,
                scale,
            });
        }
        let cand = Kepala {
            sheet: sheet.to_string(),
            first: r,
            last,
            cols,
            words,
            texts: all_texts,
        };
        if !(cand.kinerja() || cand.anggaran()) {
            continue;
        }
        if let Some(o) = other {
            let why = format!("sheet '{sheet}' berisi {o}");
            if !alasan.contains(&why) {
                alasan.push(why);
            }
            return None;
        }
        // The most distinct roles; a deeper header (its sub-labels read) on a tie.
        if best
            .as_ref()
            .is_none_or(|b| cand.distinct() >= b.distinct())
        {
            best = Some(cand);
        }
    }
    best
}

/// Is the row the numbering row `(1) (2) (3) (4)` of a narrow table?
fn numbering_row(texts: &[(u32, String)]) -> bool {
    texts.len() >= 3 && texts.iter().all(|(_, t)| numbering_cell(t))
}

/// A cell that ends a table: a signature block's head or a place and date.
fn ends_table(texts: &[(u32, String)]) -> bool {
    texts.iter().any(|(_, t)| {
        let ws = teks::words(t);
        pihak_head(&ws).is_some() || tempat_tanggal(t).is_some()
    })
}

/// `PIHAK PERTAMA` / `Pihak Kedua,` (a signature block's head; not a sentence).
fn pihak_head(ws: &[String]) -> Option<u8> {
    match ws {
        [a, b] if a == "pihak" && b == "pertama" => Some(1),
        [a, b] if a == "pihak" && b == "kedua" => Some(2),
        _ => None,
    }
}

/// `Kotabaru, 21 Pebruari 2025` → the place and the date.
fn tempat_tanggal(t: &str) -> Option<(String, (i32, u32, u32))> {
    let (tempat, tanggal) = t.rsplit_once(',')?;
    let date = parse_tanggal(tanggal)?;
    let tempat = tempat.trim();
    (!tempat.is_empty()
        && tempat
            .chars()
            .all(|c| c.is_alphabetic() || c == ' ' || c == '.'))
    .then(|| (tempat.to_string(), date))
}

/// A terbilang cell: `Terbilang: … Rupiah`, `(… rupiah)`, or words only that end in rupiah.
fn terbilang_of(t: &str) -> Option<String> {
    let ws = teks::words(t);
    let first = ws.first()?;
    if first == "terbilang" {
        let rest = t
            .trim()
            .get(first.len()..)?
            .trim_start_matches([' ', ':'])
            .trim();
        return Some(rest.trim_matches(['(', ')', ' ']).to_string());
    }
    (ws.last().is_some_and(|w| w == "rupiah")
        && ws.len() >= 3
        && !t.chars().any(|c| c.is_ascii_digit()))
    .then(|| t.trim().trim_matches(['(', ')', ' ']).to_string())
}

fn tingkat_of_kode(k: &str) -> Option<Tingkat> {
    match TingkatRenja::of_kode(k)? {
        TingkatRenja::Program => Some(Tingkat::Program),
        TingkatRenja::Kegiatan => Some(Tingkat::Kegiatan),
        TingkatRenja::SubKegiatan => Some(Tingkat::SubKegiatan),
        _ => None,
    }
}

/// The column of role `p` among several: the one whose data cells hold the most words (a
/// merged title over a number column and a text column: `Indikator Kinerja Sasaran` over
/// `1 | Indeks Sistem Merit`).
fn pilih(h: &Kepala, grid: &Grid, rows: &[u32], p: Peran) -> Option<u32> {
    let cols: Vec<u32> = h
        .cols
        .iter()
        .filter(|k| k.peran == p)
        .map(|k| k.col)
        .collect();
    if cols.len() < 2 {
        return cols.first().copied();
    }
    cols.into_iter().max_by_key(|&c| {
        let words = rows
            .iter()
            .filter(|&&r| {
                text_of(grid.get(r, c)).is_some_and(|t| t.chars().any(char::is_alphabetic))
            })
            .count();
        (words, std::cmp::Reverse(c))
    })
}

/// Reading the tables.
struct Tabel<'a> {
    h: Kepala,
    grid: &'a Grid,
    /// Data rows (0-based).
    rows: Vec<u32>,
}

/// The data rows under a header, up to `until` (the next header's first row): numbering rows
/// and repeated headers skipped, ending at a gap, a signature block or a place and date.
fn data_rows(grid: &Grid, h: &Kepala, until: u32) -> Vec<u32> {
    let mut out = Vec::new();
    let mut prev = h.last;
    for r in grid
        .rows_in(h.last.saturating_add(1), until)
        .collect::<Vec<_>>()
    {
        if r > prev.saturating_add(3) {
            break;
        }
        let texts: Vec<(u32, String)> = grid
            .row(r)
            .iter()
            .filter_map(|(c, v)| text_of(v).map(|t| (*c, t)))
            .collect();
        if texts.is_empty() {
            continue;
        }
        prev = r;
        if numbering_row(&texts) {
            continue;
        }
        let repeats = texts.iter().filter(|(_, t)| h.texts.contains(t)).count();
        if repeats * 2 > texts.len() && repeats >= 2 {
            continue;
        }
        if ends_table(&texts) {
            break;
        }
        out.push(r);
    }
    out
}

fn read_kinerja(
    t: &Tabel<'_>,
    b: &mut Baca<'_>,
    pk: &mut Pk,
    tahun: Option<i32>,
    nilai: &mut KolomNilaiPk,
) {
    let h = &t.h;
    let sasaran = h.cols.iter().find_map(|k| match k.peran {
        Peran::Sasaran(s) => Some((k.col, s)),
        _ => None,
    });
    let Some((c_sasaran, tingkat)) = sasaran else {
        return;
    };
    pk.tingkat_sasaran = tingkat;
    let c_sasaran = pilih(h, t.grid, &t.rows, Peran::Sasaran(tingkat)).unwrap_or(c_sasaran);
    let c_ind = pilih(h, t.grid, &t.rows, Peran::Indikator);
    let c_sat = h.col(Peran::Satuan);
    // Target columns by slot; a year's: the PK's year, the next one n+1.
    let mut targets: Vec<(u32, Slot)> = Vec::new();
    for k in &h.cols {
        if let Peran::Target(s) = k.peran {
            let s = match (s, tahun) {
                (Slot::TahunKe(y), Some(n)) if y == n => Slot::Tahun,
                (Slot::TahunKe(y), Some(n)) if y == n + 1 => Slot::Maju,
                (Slot::TahunKe(_), _) => continue,
                (s, _) => s,
            };
            if !targets.iter().any(|&(_, x)| x == s) {
                targets.push((k.col, s));
            }
        }
    }
    let c_target = targets.iter().find(|x| x.1 == Slot::Tahun).map(|x| x.0);
    if pk.kolom.lembar_kinerja.is_empty() {
        pk.kolom.lembar_kinerja = h.sheet.clone();
        pk.kolom.target = c_target.map(|c| col_letter(c.saturating_add(1)));
        nilai.lembar_kinerja = h.sheet.clone();
        nilai.header_kinerja = h.last;
        nilai.target = targets
            .iter()
            .filter_map(|&(c, s)| {
                let sel = match s {
                    Slot::Tahun => SelPk::Target(pk.versi),
                    Slot::Tw(q) => SelPk::TargetTw(q),
                    Slot::Maju => SelPk::TargetMaju,
                    Slot::TahunKe(_) => return None,
                };
                Some((sel, c))
            })
            .collect();
    }
    for &r in &t.rows {
        let mut row = BarisKinerja {
            baris: r.saturating_add(1),
            sasaran: b.text(r, Some(c_sasaran)),
            indikator: b.text(r, c_ind),
            satuan: Some(b.text(r, c_sat)).filter(|s| !s.is_empty()),
            ..BarisKinerja::default()
        };
        let mut satuan_sel = None;
        for &(c, s) in &targets {
            let (v, sat) = b.target(r, c);
            satuan_sel = satuan_sel.or(sat);
            match s {
                Slot::Tahun => row.target = v,
                Slot::Maju => row.target_maju = v,
                Slot::Tw(q) => row.target_tw[usize::from(q - 1)] = v,
                Slot::TahunKe(_) => {}
            }
        }
        if row.satuan.is_none() {
            row.satuan = satuan_sel;
        }
        let empty = row.indikator.is_empty()
            && row.target.is_none()
            && row.target_maju.is_none()
            && row.target_tw.iter().all(Option::is_none);
        if empty {
            // A label row (`SASARAN`), or nothing of this table.
            let label = teks::words(&row.sasaran)
                .iter()
                .all(|w| h.words.contains(w));
            if row.sasaran.is_empty() || label {
                continue;
            }
        }
        pk.kinerja.push(row);
    }
}

fn read_anggaran(t: &Tabel<'_>, b: &mut Baca<'_>, pk: &mut Pk, nilai: &mut KolomNilaiPk) {
    let h = &t.h;
    let Some(c_rp) = h.cols.iter().find(|k| k.peran == Peran::Anggaran) else {
        return;
    };
    let (c_rp, scale) = (c_rp.col, c_rp.scale);
    // Name columns, the highest level first.
    let mut namas: Vec<(u32, Option<Tingkat>)> = Vec::new();
    for k in &h.cols {
        if let Peran::Nama(t_) = k.peran {
            if namas.iter().all(|&(_, x)| x != t_) {
                if let Some(c) = pilih(h, t.grid, &t.rows, k.peran) {
                    namas.push((c, t_));
                }
            }
        }
    }
    namas.sort_by_key(|&(c, t_)| (t_.map_or(0, Tingkat::kedalaman), c));
    let c_kode = h.col(Peran::Kode);
    let c_no = h.col(Peran::No);
    let c_ket = h.col(Peran::Keterangan);
    if pk.kolom.lembar_anggaran.is_empty() {
        pk.kolom.lembar_anggaran = h.sheet.clone();
        pk.kolom.anggaran = Some(col_letter(c_rp.saturating_add(1)));
        nilai.lembar_anggaran = h.sheet.clone();
        nilai.header_anggaran = h.last;
        nilai.anggaran = Some((c_rp, scale));
        nilai.keterangan = c_ket;
    }
    let total_word = |s: &str| {
        matches!(
            teks::words(s).first().map(String::as_str),
            Some("jumlah" | "total" | "grand")
        )
    };
    let mut last: Option<Tingkat> = None;
    let mut after_total = false;
    for &r in &t.rows {
        // A terbilang anywhere on the row.
        let terbilang = t.grid.row(r).iter().find_map(|(c, v)| {
            text_of(v)
                .and_then(|s| terbilang_of(&s))
                .map(|s| (s, b.cell(r, *c)))
        });
        if let Some((teks_, sel)) = terbilang {
            if pk.terbilang.is_none() {
                pk.terbilang = Some(TerbilangPk {
                    teks: teks_,
                    sel: Some(sel),
                });
            }
            continue;
        }
        if after_total {
            break;
        }
        let no = b.text(r, c_no);
        let first_name = namas
            .iter()
            .map(|&(c, _)| b.text(r, Some(c)))
            .find(|s| !s.is_empty())
            .unwrap_or_default();
        if total_word(&first_name) || (first_name.is_empty() && total_word(&no)) {
            if let Some(v) = b.amount(r, c_rp, scale) {
                if pk.jumlah.is_none() {
                    pk.jumlah = Some(JumlahPk {
                        baris: r.saturating_add(1),
                        nilai: v,
                    });
                }
            }
            after_total = true;
            continue;
        }
        let kode_raw = c_kode.map(|c| b.text(r, Some(c))).filter(|s| !s.is_empty());
        let mut emitted = 0;
        for &(c, col_tingkat) in &namas {
            let mut nama = b.text(r, Some(c));
            if nama.is_empty() {
                continue;
            }
            let mut raw = kode_raw.clone().filter(|_| emitted == 0);
            if raw.is_none() {
                if let Some((k, n)) = pisah_kode_nama(&nama) {
                    if kode::normalize(&k).0.is_some() && !n.is_empty() {
                        raw = Some(k);
                        nama = n;
                    }
                }
            }
            let (kanon, found) = raw.as_deref().map_or((None, Vec::new()), kode::normalize);
            for p in found {
                b.note(p.severity, &p.code, p.message, r, c_kode.unwrap_or(c));
            }
            let first = teks::words(&nama).into_iter().next();
            let tingkat = kanon
                .as_deref()
                .and_then(tingkat_of_kode)
                .or(col_tingkat)
                .or_else(|| (first.as_deref() == Some("program")).then_some(Tingkat::Program))
                .unwrap_or_else(|| {
                    let t_ = match last {
                        None => Tingkat::Program,
                        Some(Tingkat::Program) => Tingkat::Kegiatan,
                        Some(t_) => t_,
                    };
                    b.note(
                        Severity::Info,
                        "tingkat_tidak_pasti",
                        format!(
                            "Baris '{nama}' tanpa kode: dibaca sebagai {}",
                            t_.nama().to_lowercase()
                        ),
                        r,
                        c,
                    );
                    t_
                });
            last = Some(tingkat);
            pk.anggaran.push(BarisAnggaran {
                baris: r.saturating_add(1),
                tingkat,
                kode: kanon,
                kode_berkas: raw,
                uraian: nama,
                anggaran: None,
                keterangan: String::new(),
            });
            emitted += 1;
        }
        let amount = b.amount(r, c_rp, scale);
        if emitted == 0 {
            if amount.is_some() {
                b.note(
                    Severity::Warning,
                    "anggaran_tanpa_uraian",
                    "Anggaran tanpa nama program/kegiatan: tidak dibaca".into(),
                    r,
                    c_rp,
                );
            }
            continue;
        }
        // The amount and keterangan are the deepest row's of this sheet row.
        if let Some(row) = pk.anggaran.last_mut() {
            row.anggaran = amount;
            row.keterangan = b.text(r, c_ket);
        }
    }
}

/// Text cells of a sheet, in order: (row, col, text).
fn cells(grid: &Grid) -> Vec<(u32, u32, String)> {
    grid.rows
        .iter()
        .flat_map(|(r, cs)| {
            cs.iter()
                .filter_map(move |(c, v)| text_of(v).map(|t| (*r, *c, t)))
        })
        .collect()
}

/// The value after a label: in its cell after `:`, else the next text to the right (a lone
/// `:` skipped).
fn label_value(grid: &Grid, r: u32, c: u32, own: &str) -> Option<(String, u32)> {
    if let Some((_, v)) = own.split_once(':') {
        let v = v.trim();
        if !v.is_empty() {
            return Some((v.to_string(), c));
        }
    }
    grid.row(r)
        .iter()
        .filter(|(cc, _)| *cc > c)
        .filter_map(|(cc, v)| text_of(v).map(|t| (t, *cc)))
        .map(|(t, cc)| (t.trim_start_matches(':').trim().to_string(), cc))
        .find(|(t, _)| !t.is_empty())
}

/// Which label a cell is: `Nama`, `Jabatan`, `NIP`, `Pangkat` (`Pangkat/Golongan`).
fn label_of(t: &str) -> Option<&'static str> {
    let head = t.split(':').next().unwrap_or("");
    let ws = teks::words(head);
    match ws.as_slice() {
        [w] if w == "nama" => Some("nama"),
        [w] if w == "jabatan" => Some("jabatan"),
        [w] if w == "nip" => Some("nip"),
        [w, ..] if w == "pangkat" && ws.len() <= 2 => Some("pangkat"),
        _ => None,
    }
}

/// A signature block under its head at (r, c): jabatan, then after the space the name, the
/// pangkat and the NIP, each with its cell.
struct Blok {
    jabatan: Option<(String, String)>,
    nama: Option<(String, String)>,
    pangkat: Option<String>,
    nip: Option<(String, String)>,
}

fn blok(grid: &Grid, r: u32, c: u32) -> Blok {
    let mut out = Blok {
        jabatan: None,
        nama: None,
        pangkat: None,
        nip: None,
    };
    let cell = |rr: u32| {
        format!(
            "{}{}",
            col_letter(c.saturating_add(1)),
            rr.saturating_add(1)
        )
    };
    let mut gap = false;
    let mut prev = r;
    for rr in grid
        .rows_in(r.saturating_add(1), r.saturating_add(12))
        .collect::<Vec<_>>()
    {
        if rr > prev + 1 {
            gap = true;
        }
        prev = rr;
        let Some(t) = text_of(grid.get(rr, c)) else {
            if out.jabatan.is_some() {
                gap = true;
            }
            continue;
        };
        let ws = teks::words(&t);
        if ws.first().is_some_and(|w| w == "nip") {
            out.nip = Some((t.clone(), cell(rr)));
            break;
        }
        if out.jabatan.is_none() && !gap {
            out.jabatan = Some((t.trim_end_matches(',').trim().to_string(), cell(rr)));
        } else if out.nama.is_none() {
            out.nama = Some((t, cell(rr)));
        } else if out.pangkat.is_none() {
            out.pangkat = Some(t);
        }
    }
    out
}

/// The statement page of a sheet, if it has one, and the signature blocks of every sheet.
struct Baca2<'a> {
    pernyataan: Option<Pernyataan>,
    pd: Option<String>,
    judul: Option<(bool, Option<i32>)>,
    problems: &'a mut Vec<Problem>,
}

fn is_pernyataan(grid: &Grid) -> bool {
    let mut pihak = false;
    let mut nama = false;
    for (_, _, t) in cells(grid) {
        let low = t.to_lowercase();
        pihak |= low.contains("pihak pertama");
        nama |= label_of(&t) == Some("nama");
    }
    pihak && nama
}

impl Baca2<'_> {
    /// The title `PERJANJIAN KINERJA [PERUBAHAN] TAHUN n` and the line below it (the PD).
    fn judul(&mut self, grid: &Grid) {
        let all = cells(grid);
        for (i, (_, _, t)) in all.iter().enumerate() {
            let ws = teks::words(t);
            let pos = ws
                .windows(2)
                .position(|w| w[0] == "perjanjian" && w[1] == "kinerja");
            if pos.is_none() || ws.len() > 25 {
                continue;
            }
            if self.judul.is_none() {
                // `… Sebelum Perubahan` is the murni.
                let perubahan = has_word(&ws, "perubahan") && !has_word(&ws, "sebelum");
                self.judul = Some((perubahan, year_in(&ws)));
            }
            if self.pd.is_none() {
                if let Some((_, _, next)) = all.get(i + 1) {
                    let nw = teks::words(next);
                    // A dotted placeholder (`PERANGKAT DAERAH ……`) names no PD.
                    if nw.len() >= 2
                        && !next.contains('…')
                        && !matches!(nw[0].as_str(), "dalam" | "nama" | "no" | "nomor")
                        && !nw.iter().any(|w| w == "kinerja")
                    {
                        self.pd = Some(next.trim().to_string());
                    }
                }
            }
            return;
        }
    }

    fn pernyataan(&mut self, sheet: &str, grid: &Grid) {
        let mut p = Pernyataan {
            lembar: sheet.to_string(),
            ..Pernyataan::default()
        };
        // The label blocks: the first Nama starts the pihak pertama's, the second the kedua's.
        let mut which = 0u8;
        for (r, c, t) in cells(grid) {
            let Some(label) = label_of(&t) else { continue };
            if label == "nama" {
                which += 1;
            }
            let pihak = match which {
                1 => &mut p.pihak_pertama,
                2 => &mut p.pihak_kedua,
                _ => continue,
            };
            let Some((v, vc)) = label_value(grid, r, c, &t) else {
                continue;
            };
            match label {
                "nama" => pihak.nama = v,
                "jabatan" => pihak.jabatan = v,
                "pangkat" => pihak.pangkat = Some(v),
                _ => {
                    pihak.nip = Some(v);
                    pihak.sel_nip = Some(format!(
                        "{}{}",
                        col_letter(vc.saturating_add(1)),
                        r.saturating_add(1)
                    ));
                }
            }
        }
        for (_, _, t) in cells(grid) {
            if let Some((tempat, tanggal)) = tempat_tanggal(&t) {
                p.tempat = tempat;
                p.tanggal = Some(tanggal);
                break;
            }
        }
        self.tanda_tangan(sheet, grid, &mut p, true);
        self.pernyataan = Some(p);
    }

    /// The signature blocks of a sheet: they complete the statement's parties (`own`), or —
    /// on another sheet — must name the same people.
    fn tanda_tangan(&mut self, sheet: &str, grid: &Grid, p: &mut Pernyataan, own: bool) {
        for (r, c, t) in cells(grid) {
            let Some(n) = pihak_head(&teks::words(&t)) else {
                continue;
            };
            let b = blok(grid, r, c);
            let pihak = if n == 1 {
                &mut p.pihak_pertama
            } else {
                &mut p.pihak_kedua
            };
            let nama_pihak = if n == 1 {
                "pihak pertama"
            } else {
                "pihak kedua"
            };
            if own {
                if let Some((nama, _)) = &b.nama {
                    if pihak.nama.is_empty() {
                        pihak.nama.clone_from(nama);
                    }
                }
                if let Some((j, _)) = &b.jabatan {
                    if pihak.jabatan.is_empty() {
                        pihak.jabatan.clone_from(j);
                    }
                }
                if pihak.pangkat.is_none() {
                    pihak.pangkat.clone_from(&b.pangkat);
                }
                if let Some((nip, sel)) = &b.nip {
                    if pihak.nip.is_none() {
                        pihak.nip = Some(nip.clone());
                        pihak.sel_nip = Some(sel.clone());
                    }
                }
                continue;
            }
            let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
            let key = |s: &str| teks::words(s).join(" ");
            let mut beda = Vec::new();
            let mut at = None;
            if let Some((nama, sel)) = &b.nama {
                if !pihak.nama.is_empty() && key(nama) != key(&pihak.nama) {
                    beda.push(format!("nama '{}' (pernyataan: '{}')", nama, pihak.nama));
                    at = Some(sel.clone());
                }
            }
            if let (Some((nip, sel)), Some(ours)) = (&b.nip, &pihak.nip) {
                if digits(nip) != digits(ours) {
                    beda.push(format!("'{}' (pernyataan: '{}')", nip.trim(), ours.trim()));
                    at = at.or(Some(sel.clone()));
                }
            }
            if !beda.is_empty() {
                self.problems.push(problem(
                    Severity::Warning,
                    "penandatangan_berbeda",
                    format!(
                        "Tanda tangan {nama_pihak} di sheet '{sheet}' berbeda dengan halaman pernyataan: {}",
                        beda.join(", ")
                    ),
                    sheet,
                    at,
                ));
            }
        }
    }
}

/// Reads a Perjanjian Kinerja workbook (`.xlsx`, or `.xls`).
pub fn read_pk(bytes: &[u8], limits: &Limits) -> Result<PkReading, ReadError> {
    guarded(|| {
        let mut book = open_book(bytes, limits)?;
        let meta = book.sheets();
        let mut problems = Vec::new();
        let mut alasan: Vec<String> = Vec::new();
        let mut kosong: Vec<String> = Vec::new();
        // Per visible sheet: its grid and headers (each its own table).
        let sheets = book.headers_by_sheet(
            &mut problems,
            &mut kosong,
            |name, grid, merges, r| header_at(name, grid, merges, r, &mut alasan),
            |h| h.last,
            |_, _| false,
        )?;
        if !sheets
            .iter()
            .any(|(_, _, hs)| hs.iter().any(Kepala::kinerja))
        {
            if sheets.iter().any(|(_, _, hs)| !hs.is_empty()) {
                alasan.push(
                    "hanya tabel anggaran, tanpa lampiran kinerja (sasaran, indikator, target)"
                        .into(),
                );
            }
            return Err(ReadError::PkNotFound {
                sheets_seen: meta.iter().map(|(n, _)| n.clone()).collect(),
                alasan,
            });
        }
        let mut pk = Pk::default();
        // The statement page and the titles.
        let mut nyata = Baca2 {
            pernyataan: None,
            pd: None,
            judul: None,
            problems: &mut problems,
        };
        for (name, grid, _) in &sheets {
            if nyata.pernyataan.is_none() && is_pernyataan(grid) {
                nyata.judul(grid);
                nyata.pernyataan(name, grid);
            }
        }
        if let Some(mut p) = nyata.pernyataan.take() {
            for (name, grid, _) in &sheets {
                if *name != p.lembar {
                    nyata.tanda_tangan(name, grid, &mut p, false);
                }
            }
            nyata.pernyataan = Some(p);
        }
        if nyata.judul.is_none() {
            for (_, grid, _) in &sheets {
                nyata.judul(grid);
            }
        }
        let perubahan_judul = nyata.judul.is_some_and(|j| j.0);
        pk.pd = nyata.pd.take().unwrap_or_default();
        pk.pernyataan = nyata.pernyataan.take();
        // The year: the earliest target year the columns name, else the title's.
        let header_year = sheets
            .iter()
            .flat_map(|(_, _, hs)| hs.iter())
            .filter(|h| h.kinerja())
            .flat_map(|h| h.cols.iter())
            .filter_map(|k| match k.peran {
                Peran::Target(Slot::TahunKe(y)) => Some(y),
                _ => None,
            })
            .min();
        pk.tahun = header_year.or(nyata.judul.and_then(|j| j.1));
        let perubahan_kolom = sheets.iter().flat_map(|(_, _, hs)| hs.iter()).any(|h| {
            (has_word(&h.words, "setelah") || has_word(&h.words, "sesudah"))
                && has_word(&h.words, "perubahan")
        });
        pk.versi = if perubahan_judul || perubahan_kolom {
            Versi::Perubahan
        } else {
            Versi::Murni
        };
        // The tables: the first lampiran kinerja and the first lampiran anggaran (a header
        // repeated at a page break continues its table); others are notes.
        let mut tabel = Vec::new();
        let mut kolom_nilai = KolomNilaiPk::default();
        let mut seen_kinerja: Option<Kepala> = None;
        let mut seen_anggaran: Option<Kepala> = None;
        for (name, grid, heads) in &sheets {
            let mut b = Baca {
                sheet: name,
                grid,
                problems: Vec::new(),
            };
            for (i, h) in heads.iter().enumerate() {
                let until = heads.get(i + 1).map_or(u32::MAX, |n| n.first);
                let rows = data_rows(grid, h, until);
                let t = Tabel {
                    h: h.clone(),
                    grid,
                    rows,
                };
                let mut used = false;
                for kind in [true, false] {
                    let (is, seen) = if kind {
                        (h.kinerja(), &mut seen_kinerja)
                    } else {
                        (h.anggaran(), &mut seen_anggaran)
                    };
                    if !is {
                        continue;
                    }
                    match seen {
                        Some(s) if !s.same_columns(h) => {
                            b.note(
                                Severity::Info,
                                "tabel_lain",
                                format!(
                                    "Tabel {} kedua (baris {}): yang pertama dipakai, ini dilewati",
                                    if kind {
                                        "lampiran kinerja"
                                    } else {
                                        "lampiran anggaran"
                                    },
                                    h.first + 1
                                ),
                                h.first,
                                h.cols.first().map_or(0, |k| k.col),
                            );
                            continue;
                        }
                        Some(_) => {}
                        None => *seen = Some(h.clone()),
                    }
                    used = true;
                    if kind {
                        let tahun = pk.tahun;
                        read_kinerja(&t, &mut b, &mut pk, tahun, &mut kolom_nilai);
                    } else {
                        read_anggaran(&t, &mut b, &mut pk, &mut kolom_nilai);
                    }
                }
                if used {
                    tabel.push(TabelPk {
                        lembar: name.clone(),
                        header_rows: (h.first + 1, h.last + 1),
                        columns: h
                            .cols
                            .iter()
                            .map(|k| (col_letter(k.col + 1), k.peran.label()))
                            .collect(),
                    });
                }
            }
            problems.append(&mut b.problems);
        }
        let used: Vec<&str> = tabel.iter().map(|t| t.lembar.as_str()).collect();
        let statement = pk.pernyataan.as_ref().map(|p| p.lembar.clone());
        for (name, _, _) in &sheets {
            if !used.contains(&name.as_str()) && statement.as_deref() != Some(name) {
                problems.push(problem(
                    Severity::Info,
                    "lembar_lain",
                    format!("Sheet '{name}' tidak berisi tabel Perjanjian Kinerja: dilewati"),
                    name,
                    None,
                ));
            }
        }
        let (_, mut checks) = hitung(&pk);
        problems.append(&mut checks);
        Ok(PkReading {
            pk,
            problems,
            tabel,
            kolom_nilai,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_name_roles() {
        let r = |t: &str| role_of(t, &teks::words(t));
        assert_eq!(
            r("Sasaran Sub Strategis"),
            Some(Peran::Sasaran(TingkatSasaran::Strategis))
        );
        assert_eq!(
            r("Sasaran Kegiatan"),
            Some(Peran::Sasaran(TingkatSasaran::Kegiatan))
        );
        assert_eq!(r("INDIKATOR KINERJA SASARAN"), Some(Peran::Indikator));
        assert_eq!(
            r("Target Tahun 2025"),
            Some(Peran::Target(Slot::TahunKe(2025)))
        );
        assert_eq!(r("Target TW III"), Some(Peran::Target(Slot::Tw(3))));
        assert_eq!(r("ANGGARAN SETELAH PERUBAHAN"), Some(Peran::Anggaran));
        assert_eq!(
            r("Sub Kegiatan"),
            Some(Peran::Nama(Some(Tingkat::SubKegiatan)))
        );
        assert_eq!(r("KEGIATAN"), Some(Peran::Nama(Some(Tingkat::Kegiatan))));
        assert_eq!(r("Program"), Some(Peran::Nama(Some(Tingkat::Program))));
        assert_eq!(r("No."), Some(Peran::No));
        assert_eq!(r("Keterangan"), Some(Peran::Keterangan));
        assert_eq!(r("Dalam rangka mewujudkan"), None);
    }

    #[test]
    fn place_date_terbilang_and_signature_heads() {
        assert_eq!(
            tempat_tanggal("Kotabaru, 21 Pebruari 2025"),
            Some(("Kotabaru".into(), (2025, 2, 21)))
        );
        assert_eq!(
            tempat_tanggal("KOTABARU, 01 Oktober 2025"),
            Some(("KOTABARU".into(), (2025, 10, 1)))
        );
        assert_eq!(tempat_tanggal("Program Kepegawaian Daerah, Rp. 5"), None);
        assert_eq!(
            terbilang_of("Terbilang: Lima Puluh Rupiah").as_deref(),
            Some("Lima Puluh Rupiah")
        );
        assert_eq!(
            terbilang_of("(Lima Puluh Milyar Rupiah)").as_deref(),
            Some("Lima Puluh Milyar Rupiah")
        );
        assert_eq!(terbilang_of("Rp. 50.000 Rupiah"), None);
        assert_eq!(pihak_head(&teks::words("PIHAK KEDUA,")), Some(2));
        assert_eq!(
            pihak_head(&teks::words("selanjutnya disebut pihak pertama")),
            None
        );
        assert_eq!(label_of("Nama"), Some("nama"));
        assert_eq!(label_of("Jabatan :"), Some("jabatan"));
        assert_eq!(label_of("Pangkat/Golongan"), Some("pangkat"));
        assert_eq!(label_of("Nama Program"), None);
    }
}
