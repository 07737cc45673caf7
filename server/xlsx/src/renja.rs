//! Renja workbooks — *rencana program dan kegiatan* (Tabel 5.1 / 3.1.4, the T-C.35 family) and
//! the Renja Perubahan lampiran with *sebelum / setelah perubahan* side by side — read into a
//! [`Renja`] of the domain core, which rolls the pagu up and checks it ([`hitung`]).
//!
//! Recognised by what the columns say, never by the title or fixed letters: each visible
//! sheet's first rows are searched for a header block of one to three rows (group titles over
//! sub-labels, merged or not: `Rencana Tahun 2025` over Lokasi | Target Capaian Kinerja |
//! Kebutuhan Dana | Sumber Dana, `Pagu Indikatif` over Sebelum | Setelah | Jumlah Perubahan
//! (+/-), `Prakiraan Maju … 2026` over Target | a bare `2026` for its pagu). Each column's
//! titles, deepest first, give it a role ([`Peran`]); the group words give its version (the
//! year, sebelum, setelah, prakiraan maju) and the year. A table needs a program/kegiatan name
//! column, a target or indikator column and a target or pagu column; a header with Realisasi
//! or Triwulan columns is an E.81, one without indikator and target a budget export: neither
//! is a Renja ([`ReadError::RenjaNotFound`]). The sheet with the most roles is read; hidden
//! sheets (older copies) are not read, one note each.
//!
//! Rows: the kode in one column, split over several (`5 | 03 | 01 | 2.01 | 01`), or written
//! before the name in one cell (`5.03.01 PROGRAM …`) gives the level; `01.00` and a name like
//! `Badan …` above the programs are the unit organisasi. Without a kode the name decides:
//! `PROGRAM …`, `Urusan …`, else the national nomenclature (kegiatan under the current program,
//! sub kegiatan under the current kegiatan; the code found is never written into the row) —
//! a name it cannot place is a located `tingkat_tidak_pasti` and is read as the row above
//! suggests. A row with no kode and no name is a further indicator of the node above. Amounts
//! are numbers or Indonesian text (`142.373.000,00`, `(13.143.400)`, `-` is zero), at the
//! column's stated scale (`Rp. 000`); anything else is a located `bukan_angka`, left empty. A
//! `JUMLAH`/`TOTAL` row is the table's own total ([`Renja::jumlah`]).

use calamine::Data;
use capaian_domain::kode;
use capaian_domain::model::{KValue, Level, Problem, Severity};
use capaian_domain::nomenklatur::{Lookup, Scope};
use capaian_domain::num::{parse_cell, CellValue};
use capaian_domain::rencana::renja::SelRenja;
use capaian_domain::rencana::Versi;
use capaian_domain::renja::{
    hitung, BarisRenja, Cetakan, Isian, JumlahRenja, KolomRenja, Renja, TingkatRenja,
};
use capaian_domain::teks;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::col_letter;
use crate::error::ReadError;
use crate::guard::Limits;
use crate::header::{is_numbering_row, money_scale};
use crate::sipd::{amount, guarded, open_book, pisah_kode_nama, problem, text_of, year_in, Grid};
use crate::text::word_matches;
use crate::values::{decimal_from_f64, denoise};

/// What reading a Renja workbook produced.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RenjaReading {
    pub renja: Renja,
    /// Located problems and notes: unreadable cells, levels not certain, hidden sheets, and the
    /// checks of [`hitung`] (pagu that do not add up, the Jumlah row, a stated selisih).
    pub problems: Vec<Problem>,
    /// First and last row of the header block (1-based).
    pub header_rows: (u32, u32),
    /// Each column read: its letter and role.
    pub columns: Vec<(String, String)>,
    /// Each column holding a value of the plan, with the value it is and its money scale:
    /// where a fill writes ([`crate::fill::fill_renja`]).
    #[serde(skip)]
    pub nilai_kolom: Vec<KolomNilai>,
    /// The column of the stated jumlah perubahan (+/−), 1-based, and its money scale: a fill
    /// writes setelah − sebelum there for every row whose pagu it changes.
    #[serde(skip)]
    pub selisih_kolom: Option<(u32, Decimal)>,
}

/// A column of the sheet that holds one of a row's plan values.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct KolomNilai {
    /// 1-based column.
    pub col: u32,
    pub sel: SelRenja,
    /// The money scale its titles state (`Rp. 000`: 1000), else 1.
    pub skala: Decimal,
}

/// The plan value a column holds in a table printed as `cetakan`: a version's target and pagu,
/// n+1's, and the later version's lokasi, sumber dana and catatan (a lampiran's *sebelum*
/// lokasi is history, not the plan's).
fn sel_of(p: Peran, cetakan: Cetakan) -> Option<SelRenja> {
    let versi = |v: Ver| match (v, cetakan) {
        (Ver::Sebelum, _) | (Ver::Tahun, Cetakan::Murni) => Some(Versi::Murni),
        (Ver::Setelah, _) | (Ver::Tahun, Cetakan::Perubahan) => Some(Versi::Perubahan),
        (Ver::Tahun, Cetakan::SebelumSesudah) | (Ver::Maju, _) => None,
    };
    let terakhir = |v: Ver| match v {
        Ver::Maju => false,
        Ver::Sebelum => cetakan != Cetakan::SebelumSesudah,
        Ver::Setelah | Ver::Tahun => true,
    };
    match p {
        Peran::Target(Ver::Maju) => Some(SelRenja::TargetMaju),
        Peran::Pagu(Ver::Maju) => Some(SelRenja::PaguMaju),
        Peran::Target(v) => versi(v).map(SelRenja::Target),
        Peran::Pagu(v) => versi(v).map(SelRenja::Pagu),
        Peran::Lokasi(v) if terakhir(v) => Some(SelRenja::Lokasi),
        Peran::SumberDana(v) if terakhir(v) => Some(SelRenja::SumberDana),
        Peran::Catatan => Some(SelRenja::Catatan),
        _ => None,
    }
}

/// Which part of the row a column belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Ver {
    /// The year planned, one set of columns (murni, or perubahan when the table says so).
    Tahun,
    Sebelum,
    Setelah,
    /// Prakiraan maju n+1.
    Maju,
}

/// What a column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Peran {
    No,
    Kode,
    Nama,
    Indikator(Ver),
    KelompokSasaran(Ver),
    Lokasi(Ver),
    Target(Ver),
    Pagu(Ver),
    Selisih,
    SumberDana(Ver),
    Catatan,
    /// Prioritas daerah, sasaran daerah, indikator hasil, jenis kegiatan: read past.
    Lewati,
}

impl Peran {
    fn label(self) -> String {
        let ver = |v: Ver| match v {
            Ver::Tahun => "",
            Ver::Sebelum => " sebelum perubahan",
            Ver::Setelah => " setelah perubahan",
            Ver::Maju => " prakiraan maju",
        };
        match self {
            Peran::No => "nomor".into(),
            Peran::Kode => "kode".into(),
            Peran::Nama => "program/kegiatan".into(),
            Peran::Indikator(v) => format!("indikator{}", ver(v)),
            Peran::KelompokSasaran(v) => format!("kelompok sasaran{}", ver(v)),
            Peran::Lokasi(v) => format!("lokasi{}", ver(v)),
            Peran::Target(v) => format!("target{}", ver(v)),
            Peran::Pagu(v) => format!("pagu{}", ver(v)),
            Peran::Selisih => "jumlah perubahan (+/-)".into(),
            Peran::SumberDana(v) => format!("sumber dana{}", ver(v)),
            Peran::Catatan => "catatan penting".into(),
            Peran::Lewati => "dilewati".into(),
        }
    }
}

pub(crate) fn has_word(ws: &[String], w: &str) -> bool {
    ws.iter().any(|x| word_matches(x, w))
}

pub(crate) fn is_year(t: &str) -> bool {
    t.len() == 4 && t.parse::<i32>().is_ok_and(|y| (1990..=2100).contains(&y))
}

/// The role one header title names (None: it names none, such as `Sebelum Perubahan` or
/// `Rencana Tahun 2025`: a title above decides).
fn role_of(text: &str) -> Option<Peran> {
    let ws = teks::words(text);
    let has = |w: &str| has_word(&ws, w);
    let exact = |w: &str| ws.iter().any(|x| x == w);
    if ws.is_empty() {
        return None;
    }
    if matches!(ws.as_slice(), [w] if w == "no" || w == "nomor") {
        return Some(Peran::No);
    }
    if exact("kode") {
        return Some(Peran::Kode);
    }
    if exact("selisih")
        || text.contains("+/-")
        || text.contains("-/+")
        || ((exact("jumlah") || exact("total")) && has("perubahan"))
    {
        return Some(Peran::Selisih);
    }
    if has("catatan") {
        return Some(Peran::Catatan);
    }
    if has("sumber") && exact("dana") {
        return Some(Peran::SumberDana(Ver::Tahun));
    }
    if has("kelompok") && has("sasaran") {
        return Some(Peran::KelompokSasaran(Ver::Tahun));
    }
    if has("lokasi") {
        return Some(Peran::Lokasi(Ver::Tahun));
    }
    if has("target") {
        return Some(Peran::Target(Ver::Tahun));
    }
    if exact("pagu")
        || has("anggaran")
        || exact("rp")
        || has("rupiah")
        || (has("kebutuhan") && exact("dana"))
        || is_year(text.trim())
    {
        return Some(Peran::Pagu(Ver::Tahun));
    }
    if has("indikator") {
        return Some(if exact("hasil") && !has("kinerja") {
            Peran::Lewati
        } else {
            Peran::Indikator(Ver::Tahun)
        });
    }
    if has("prioritas") || has("sasaran") || exact("jenis") || has("keterangan") {
        return Some(Peran::Lewati);
    }
    if has("program") || has("kegiatan") || has("uraian") || has("urusan") {
        return Some(Peran::Nama);
    }
    None
}

/// The version the titles over a column say.
fn ver_of(ws: &[String]) -> Ver {
    if has_word(ws, "maju") || has_word(ws, "prakiraan") || has_word(ws, "perkiraan") {
        Ver::Maju
    } else if has_word(ws, "sebelum") {
        Ver::Sebelum
    } else if has_word(ws, "setelah") || has_word(ws, "sesudah") {
        Ver::Setelah
    } else {
        Ver::Tahun
    }
}

fn with_ver(p: Peran, v: Ver) -> Peran {
    match p {
        Peran::Indikator(_) => Peran::Indikator(v),
        Peran::KelompokSasaran(_) => Peran::KelompokSasaran(v),
        Peran::Lokasi(_) => Peran::Lokasi(v),
        Peran::Target(_) => Peran::Target(v),
        Peran::Pagu(_) => Peran::Pagu(v),
        Peran::SumberDana(_) => Peran::SumberDana(v),
        other => other,
    }
}

/// Words of other tables' headers: an E.81's realisasi per quarter, a SIPD export's months and
/// rekening.
fn other_table(ws: &[String]) -> Option<&'static str> {
    if has_word(ws, "realisasi") || has_word(ws, "triwulan") || ws.iter().any(|w| w == "tw") {
        Some("kolom Realisasi/Triwulan (Formulir E.81 atau laporan realisasi)")
    } else if has_word(ws, "rekening") || ws.iter().any(|w| w == "bulan") {
        Some("kolom rekening/bulan (ekspor anggaran SIPD)")
    } else {
        None
    }
}

/// One column of the header.
#[derive(Clone, Debug)]
struct Kolom {
    col: u32,
    peran: Peran,
    /// Money scale stated in its titles (`Rp. 000`: 1000).
    scale: Decimal,
}

/// A sheet's Renja header.
#[derive(Clone, Debug)]
struct Kepala {
    /// 0-based rows.
    first: u32,
    last: u32,
    cols: Vec<Kolom>,
    /// The year the `Tahun`/sebelum/setelah columns name, and the prakiraan maju's.
    tahun: Option<i32>,
    tahun_maju: Option<i32>,
    /// A one-version table whose year titles say `perubahan`.
    perubahan: bool,
    score: usize,
    /// The header's own texts, to skip the header where it repeats (page breaks).
    texts: Vec<String>,
}

impl Kepala {
    fn col(&self, p: Peran) -> Option<u32> {
        self.cols.iter().find(|k| k.peran == p).map(|k| k.col)
    }

    fn cetakan(&self) -> Cetakan {
        let any = |v: Ver| {
            self.cols.iter().any(|k| {
                matches!(k.peran, Peran::Pagu(x) | Peran::Target(x) | Peran::Indikator(x) if x == v)
            })
        };
        if any(Ver::Sebelum) && any(Ver::Setelah) {
            Cetakan::SebelumSesudah
        } else if self.perubahan {
            Cetakan::Perubahan
        } else {
            Cetakan::Murni
        }
    }
}

/// Rows searched for the header.
pub(crate) const HEADER_SCAN: u32 = 30;

/// Why a candidate header is not a Renja's, for the refusal's message.
#[derive(Default)]
struct Catatan {
    lain: Vec<String>,
}

/// The texts of the header rows `first..=last` over each column (merged titles spread over
/// their range; without merges a title is carried right over the empty cells of its row,
/// within the title above it), deepest last, repeated ones once.
pub(crate) fn column_titles(
    grid: &Grid,
    merges: &[(u32, u32, u32, u32)],
    first: u32,
    last: u32,
) -> Vec<(u32, Vec<String>)> {
    let own = |r: u32, c: u32| -> Option<String> {
        if let Some(t) = text_of(grid.get(r, c)) {
            return Some(t);
        }
        merges
            .iter()
            .find(|&&(r1, c1, r2, c2)| {
                r1 >= first && (r1..=r2).contains(&r) && (c1..=c2).contains(&c)
            })
            .and_then(|&(r1, c1, ..)| text_of(grid.get(r1, c1)))
    };
    let mut cols: Vec<u32> = Vec::new();
    for r in first..=last {
        cols.extend(grid.row(r).iter().map(|x| x.0));
    }
    for &(r1, c1, r2, c2) in merges {
        if r1 >= first
            && r1 <= last
            && r2 >= r1
            && c2 >= c1
            && c2 - c1 < 200
            && text_of(grid.get(r1, c1)).is_some()
        {
            cols.extend(c1..=c2);
        }
    }
    cols.sort_unstable();
    cols.dedup();
    let carry = merges.is_empty();
    let mut parts: Vec<Vec<Option<String>>> = vec![Vec::new(); cols.len()];
    // Whether a title starts at the column in the row above (its span begins there).
    let mut starts_above = vec![true; cols.len()];
    for r in first..=last {
        let mut starts = vec![false; cols.len()];
        for (i, &c) in cols.iter().enumerate() {
            let mine = own(r, c);
            starts[i] = mine.is_some() || (r > first && starts_above[i]);
            let t = match mine {
                Some(t) => Some(t),
                None if carry
                    && i > 0
                    && cols[i - 1].checked_add(1) == Some(c)
                    && (r == first || !starts_above[i]) =>
                {
                    parts[i - 1].last().cloned().flatten()
                }
                None => None,
            };
            parts[i].push(t);
        }
        starts_above = starts;
    }
    cols.into_iter()
        .zip(parts)
        .map(|(c, ps)| {
            let mut out: Vec<String> = Vec::new();
            for p in ps.into_iter().flatten() {
                if out.last() != Some(&p) {
                    out.push(p);
                }
            }
            (c, out)
        })
        .filter(|(_, ps)| !ps.is_empty())
        .collect()
}

/// Each column's titles over a header block, top to deepest ([`column_titles`]).
pub(crate) type Titles = Vec<(u32, Vec<String>)>;

/// A header block starting at row `r`: its last row and each column's titles
/// ([`column_titles`]), for a header of one row, then two, then three, deeper only while the
/// next row is one of sub-labels (`is_sub`). None at all when row `r` is not mostly titles:
/// fewer than `min_roles` of its texts `name_a_role`, or fewer than half of them.
pub(crate) fn title_blocks(
    grid: &Grid,
    merges: &[(u32, u32, u32, u32)],
    r: u32,
    min_roles: usize,
    name_a_role: impl Fn(&str) -> bool,
    is_sub: impl Fn(&Grid, u32) -> bool,
) -> Vec<(u32, Titles)> {
    let texts: Vec<String> = grid.row(r).iter().filter_map(|(_, v)| text_of(v)).collect();
    let roles = texts.iter().filter(|t| name_a_role(t)).count();
    if roles < min_roles || roles * 2 < texts.len() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for depth in 0..3u32 {
        let last = r.saturating_add(depth);
        if depth > 0 && !is_sub(grid, last) {
            break;
        }
        out.push((last, column_titles(grid, merges, r, last)));
    }
    out
}

/// A row that can be a row of sub-labels under a title row: words (and years), no kode, no
/// amount, no numbering.
pub(crate) fn sub_label_row(grid: &Grid, r: u32) -> bool {
    let cells = grid.row(r);
    if cells.is_empty() {
        return false;
    }
    let texts: Vec<(u32, String)> = cells
        .iter()
        .filter_map(|(c, v)| text_of(v).map(|t| (*c, t)))
        .collect();
    if is_numbering_row(&texts) {
        return false;
    }
    let mut words = 0;
    for (_, v) in cells {
        match v {
            Data::Int(i) if is_year(&i.to_string()) => {}
            Data::Float(f) if f.fract() == 0.0 && is_year(&format!("{f}")) => {}
            Data::String(s) => {
                let t = s.trim();
                if is_year(t) {
                    continue;
                }
                if t.starts_with(|c: char| c.is_ascii_digit() || c == '(' || c == '-') {
                    return false;
                }
                words += 1;
            }
            Data::Empty => {}
            _ => return false,
        }
    }
    words > 0
}

/// The best Renja header of a sheet.
fn find_header(
    grid: &Grid,
    merges: &[(u32, u32, u32, u32)],
    catatan: &mut Catatan,
    sheet: &str,
) -> Option<Kepala> {
    let r0 = grid.rows.first()?.0;
    let rows: Vec<u32> = grid.rows_in(r0, r0.saturating_add(HEADER_SCAN)).collect();
    let mut best: Option<Kepala> = None;
    let mut seen_other: Option<&'static str> = None;
    let mut budget_only = false;
    for &r in &rows {
        let own_texts = grid
            .row(r)
            .iter()
            .filter(|(_, v)| matches!(v, Data::String(_)))
            .count();
        if own_texts < 3 {
            continue;
        }
        for depth in 0..3u32 {
            let last = r.saturating_add(depth);
            if depth > 0 && !sub_label_row(grid, last) {
                break;
            }
            let titles = column_titles(grid, merges, r, last);
            let mut cols = Vec::new();
            let mut tahun = None;
            let mut tahun_maju = None;
            let mut perubahan = false;
            let mut other = None;
            let mut texts = Vec::new();
            for (c, parts) in &titles {
                let all = parts.join(" / ");
                let ws = teks::words(&all);
                texts.extend(parts.iter().cloned());
                if let Some(o) = other_table(&ws) {
                    other = Some(o);
                }
                let peran = if parts.iter().any(|p| role_of(p) == Some(Peran::Kode)) {
                    Some(Peran::Kode)
                } else {
                    parts.iter().rev().find_map(|p| role_of(p))
                };
                let Some(peran) = peran else { continue };
                let ver = ver_of(&ws);
                let peran = with_ver(peran, ver);
                if matches!(peran, Peran::Target(_) | Peran::Pagu(_)) {
                    if let Some(y) = year_in(&ws) {
                        if ver == Ver::Maju {
                            tahun_maju.get_or_insert(y);
                        } else {
                            tahun.get_or_insert(y);
                        }
                    }
                    if ver == Ver::Tahun && has_word(&ws, "perubahan") {
                        perubahan = true;
                    }
                }
                let scale = if matches!(peran, Peran::Pagu(_) | Peran::Selisih) {
                    money_scale(&all).unwrap_or(Decimal::ONE)
                } else {
                    Decimal::ONE
                };
                cols.push(Kolom {
                    col: *c,
                    peran,
                    scale,
                });
            }
            let has = |f: &dyn Fn(Peran) -> bool| cols.iter().any(|k| f(k.peran));
            let nama = has(&|p| p == Peran::Nama);
            let target = has(&|p| matches!(p, Peran::Target(_)));
            let indikator = has(&|p| matches!(p, Peran::Indikator(_)));
            let pagu = has(&|p| matches!(p, Peran::Pagu(_)));
            if let Some(o) = other {
                if nama && (pagu || target) {
                    seen_other = Some(o);
                }
                continue;
            }
            if nama && pagu && !target && !indikator {
                budget_only = true;
            }
            if !(nama && (target || indikator) && (target || pagu)) {
                continue;
            }
            let mut distinct: Vec<Peran> = cols
                .iter()
                .map(|k| k.peran)
                .filter(|p| !matches!(p, Peran::Lewati | Peran::No))
                .collect();
            distinct.sort_by_key(|p| format!("{p:?}"));
            distinct.dedup();
            let cand = Kepala {
                first: r,
                last,
                cols,
                tahun,
                tahun_maju,
                perubahan,
                score: distinct.len(),
                texts,
            };
            if best.as_ref().is_none_or(|b| cand.score > b.score) {
                best = Some(cand);
            }
        }
    }
    if best.is_none() {
        if let Some(o) = seen_other {
            catatan.lain.push(format!("sheet '{sheet}' berisi {o}"));
        } else if budget_only {
            catatan.lain.push(format!(
                "sheet '{sheet}' berisi tabel anggaran tanpa kolom indikator dan target (ekspor SIPD)"
            ));
        }
    }
    best
}

/// A name that is the unit organisasi (the PD) when it has no kode and comes before the
/// programs.
fn is_unit_name(ws: &[String]) -> bool {
    match ws {
        [a, b, ..] if a == "rumah" && b == "sakit" => true,
        [a, ..] => matches!(
            a.as_str(),
            "badan" | "dinas" | "sekretariat" | "inspektorat" | "kecamatan" | "satuan" | "kantor"
        ),
        [] => false,
    }
}

/// `01.00`: a unit organisasi's number as Tabel 5.1 prints it.
fn is_unit_kode(raw: &str) -> bool {
    let t: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    let segs: Vec<&str> = t.split('.').collect();
    segs.len() == 2
        && segs[0].len() == 2
        && segs[1].len() == 2
        && segs.iter().all(|s| s.bytes().all(|b| b.is_ascii_digit()))
}

/// The level the national nomenclature gives a name without kode: kegiatan under the current
/// program, sub kegiatan under the current kegiatan; with the code found (for the scope of the
/// rows below, never written into the row).
fn tingkat_nomenklatur(
    nama: &str,
    program: Option<&str>,
    kegiatan: Option<&str>,
) -> Option<(TingkatRenja, Option<String>)> {
    let n = crate::nomenklatur::shipped();
    let kode_of = |l: Lookup<'_>| match l {
        Lookup::Unique(h) => Some(h.kode),
        _ => None,
    };
    let keg_scope = Scope {
        jenis: None,
        parent: program,
    };
    let sub_scope = Scope {
        jenis: None,
        parent: kegiatan.or(program),
    };
    let as_keg = n.find(nama, Level::Kegiatan, &keg_scope);
    let as_sub = n.find(nama, Level::SubKegiatan, &sub_scope);
    match (as_keg == Lookup::NotFound, as_sub == Lookup::NotFound) {
        (false, true) => return Some((TingkatRenja::Kegiatan, kode_of(as_keg))),
        (true, false) => return Some((TingkatRenja::SubKegiatan, kode_of(as_sub))),
        (false, false) => return None,
        (true, true) => {}
    }
    // Not found exactly (a typo, a word left out): the closest names at both levels.
    let best = |level: Level, scope: &Scope<'_>| {
        n.suggest(nama, level, scope, 1)
            .into_iter()
            .next()
            .map(|c| (c.score, c.kode))
    };
    let k = best(Level::Kegiatan, &keg_scope);
    let s = best(Level::SubKegiatan, &sub_scope);
    let score = |x: &Option<(u8, String)>| x.as_ref().map_or(0, |(s, _)| *s);
    let (sk, ss) = (score(&k), score(&s));
    const CLOSE: u8 = 85;
    const APART: u8 = 10;
    if sk >= CLOSE && sk >= ss.saturating_add(APART) {
        Some((TingkatRenja::Kegiatan, k.map(|(_, c)| c)))
    } else if ss >= CLOSE && ss >= sk.saturating_add(APART) {
        Some((TingkatRenja::SubKegiatan, s.map(|(_, c)| c)))
    } else {
        None
    }
}

/// The program's code the nomenclature gives its name (for the scope of its kegiatan).
fn program_nomenklatur(nama: &str) -> Option<String> {
    match crate::nomenklatur::shipped().find(nama, Level::Program, &Scope::default()) {
        Lookup::Unique(h) => Some(h.kode),
        _ => None,
    }
}

/// Reads a Renja workbook (`.xlsx`, or `.xls`).
pub fn read_renja(bytes: &[u8], limits: &Limits) -> Result<RenjaReading, ReadError> {
    guarded(|| {
        let mut book = open_book(bytes, limits)?;
        let meta = book.sheets();
        let mut problems = Vec::new();
        let mut catatan = Catatan::default();
        let mut best: Option<(String, Grid, Kepala)> = None;
        let mut others: Vec<String> = Vec::new();
        let mut headless: Vec<String> = Vec::new();
        book.visit_visible(&mut problems, &mut others, |book, name, grid| {
            let merges: Vec<(u32, u32, u32, u32)> = book
                .merges(name)
                .into_iter()
                .filter(|m| m.0 < HEADER_SCAN + 40)
                .collect();
            match find_header(&grid, &merges, &mut catatan, name) {
                Some(h) if best.as_ref().is_none_or(|(_, _, b)| h.score > b.score) => {
                    if let Some((old, ..)) = best.replace((name.to_string(), grid, h)) {
                        headless.push(old);
                    }
                }
                _ => headless.push(name.to_string()),
            }
        })?;
        others.append(&mut headless);
        let Some((sheet, grid, kepala)) = best else {
            return Err(ReadError::RenjaNotFound {
                sheets_seen: meta.iter().map(|(n, _)| n.clone()).collect(),
                alasan: catatan.lain,
            });
        };
        for name in &others {
            problems.push(problem(
                Severity::Info,
                "lembar_lain",
                format!("Sheet '{name}' tidak berisi tabel Renja yang dibaca: dilewati"),
                name,
                None,
            ));
        }
        let (renja, mut found) = read_sheet(&sheet, &grid, &kepala);
        problems.append(&mut found);
        let (_, mut checks) = hitung(&renja);
        problems.append(&mut checks);
        let cetakan = renja.cetakan;
        Ok(RenjaReading {
            renja,
            problems,
            header_rows: (
                kepala.first.saturating_add(1),
                kepala.last.saturating_add(1),
            ),
            columns: kepala
                .cols
                .iter()
                .map(|k| (col_letter(k.col.saturating_add(1)), k.peran.label()))
                .collect(),
            nilai_kolom: kepala
                .cols
                .iter()
                .filter_map(|k| {
                    Some(KolomNilai {
                        col: k.col.saturating_add(1),
                        sel: sel_of(k.peran, cetakan)?,
                        skala: k.scale,
                    })
                })
                .collect(),
            selisih_kolom: kepala
                .cols
                .iter()
                .find(|k| k.peran == Peran::Selisih)
                .map(|k| (k.col.saturating_add(1), k.scale)),
        })
    })
}

/// Reading the rows of the chosen sheet.
pub(crate) struct Baca<'a> {
    pub(crate) sheet: &'a str,
    pub(crate) grid: &'a Grid,
    pub(crate) problems: Vec<Problem>,
}

impl Baca<'_> {
    pub(crate) fn cell(&self, r: u32, c: u32) -> String {
        format!("{}{}", col_letter(c.saturating_add(1)), r.saturating_add(1))
    }

    pub(crate) fn note(&mut self, severity: Severity, code: &str, message: String, r: u32, c: u32) {
        let cell = Some(self.cell(r, c));
        self.problems
            .push(problem(severity, code, message, self.sheet, cell));
    }

    pub(crate) fn text(&self, r: u32, c: Option<u32>) -> String {
        c.and_then(|c| text_of(self.grid.get(r, c)))
            .filter(|t| !matches!(t.as_str(), "-" | "\u{2013}" | "\u{2014}"))
            .unwrap_or_default()
    }

    /// A target cell: its value and unit.
    pub(crate) fn target(&mut self, r: u32, c: u32) -> (Option<KValue>, Option<String>) {
        match self.grid.get(r, c) {
            Data::Int(i) => (Some(KValue::Number(Decimal::from(*i))), None),
            Data::Float(f) => (
                decimal_from_f64(*f).map(|d| KValue::Number(denoise(d))),
                None,
            ),
            Data::String(s) => {
                let (parsed, found) = parse_cell(s);
                for p in found {
                    self.note(p.severity, &p.code, p.message, r, c);
                }
                parsed.value.k_dan_satuan()
            }
            Data::Empty => (None, None),
            other => (text_of(other).map(KValue::Text), None),
        }
    }

    /// An amount cell: `-` is zero; what is not an amount is a problem and stays empty.
    pub(crate) fn amount(&mut self, r: u32, c: u32, scale: Decimal) -> Option<Decimal> {
        let d = self.grid.get(r, c);
        if let Data::String(s) = d {
            if parse_cell(s).0.value == CellValue::Dash {
                return Some(Decimal::ZERO);
            }
        }
        match amount(d) {
            Ok(v) => v.map(|v| v * scale),
            Err((code, message)) => {
                let severity = if code == "angka_ambigu" {
                    Severity::Warning
                } else {
                    Severity::Error
                };
                self.note(severity, code, message, r, c);
                None
            }
        }
    }
}

/// Which parts of a row a version's column fills: (murni, perubahan, n+1). A column of the
/// year's one set fills the version the table prints, both when it prints both.
fn slots(v: Ver, cetakan: Cetakan) -> (bool, bool, bool) {
    match (v, cetakan) {
        (Ver::Maju, _) => (false, false, true),
        (Ver::Sebelum, _) => (true, false, false),
        (Ver::Setelah, _) => (false, true, false),
        (Ver::Tahun, Cetakan::Murni) => (true, false, false),
        (Ver::Tahun, Cetakan::Perubahan) => (false, true, false),
        (Ver::Tahun, Cetakan::SebelumSesudah) => (true, true, false),
    }
}

/// Rows of the table below the header.
fn read_sheet(sheet: &str, grid: &Grid, h: &Kepala) -> (Renja, Vec<Problem>) {
    let mut b = Baca {
        sheet,
        grid,
        problems: Vec::new(),
    };
    let cetakan = h.cetakan();
    let letter = |p: Peran| h.col(p).map(|c| col_letter(c.saturating_add(1)));
    let (murni, perubahan) = match cetakan {
        Cetakan::Murni => (letter(Peran::Pagu(Ver::Tahun)), None),
        Cetakan::Perubahan => (None, letter(Peran::Pagu(Ver::Tahun))),
        Cetakan::SebelumSesudah => (
            letter(Peran::Pagu(Ver::Sebelum)).or(letter(Peran::Pagu(Ver::Tahun))),
            letter(Peran::Pagu(Ver::Setelah)),
        ),
    };
    let mut renja = Renja {
        tahun: None,
        cetakan,
        lembar: sheet.to_string(),
        baris: Vec::new(),
        jumlah: None,
        kolom: KolomRenja {
            pagu_murni: murni,
            pagu_perubahan: perubahan,
            selisih: letter(Peran::Selisih),
            pagu_maju: letter(Peran::Pagu(Ver::Maju)),
        },
    };
    // The year: the header's, else n+1's less one, else the title's.
    let r0 = grid.rows.first().map_or(0, |x| x.0);
    let title_year = grid.rows_in(r0, h.first).find_map(|r| {
        grid.row(r).iter().find_map(|(c, v)| {
            let ws = teks::words(&text_of(v)?);
            let i = ws.iter().position(|w| w == "tahun")?;
            // `TAHUN 2025`, `TAHUN ANGGARAN 2025`.
            let y = year_in(&ws[i + 1..].iter().take(2).cloned().collect::<Vec<_>>())?;
            Some((r, *c, y))
        })
    });
    renja.tahun = h
        .tahun
        .or(h.tahun_maju.map(|y| y - 1))
        .or(title_year.map(|t| t.2));
    if let (Some(n), Some(m)) = (h.tahun, h.tahun_maju) {
        if m != n + 1 {
            b.problems.push(problem(
                Severity::Warning,
                "tahun_maju_berbeda",
                format!("Judul kolom menyebut rencana tahun {n} dan prakiraan maju tahun {m} (bukan {}): dipakai tahun {n}", n + 1),
                sheet,
                None,
            ));
        }
    }
    if let (Some(n), Some((r, c, y))) = (h.tahun.or(h.tahun_maju.map(|y| y - 1)), title_year) {
        if y != n {
            b.note(
                Severity::Warning,
                "tahun_judul_berbeda",
                format!("Judul tabel menyebut tahun {y}, judul kolom menyebut rencana tahun {n}: dipakai {n}"),
                r,
                c,
            );
        }
    }

    let kode_cols: Vec<u32> = h
        .cols
        .iter()
        .filter(|k| k.peran == Peran::Kode)
        .map(|k| k.col)
        .collect();
    let nama_col = h.col(Peran::Nama);
    let no_col = h.col(Peran::No);
    let data_from = h.last.saturating_add(1);
    let last_row = grid.rows.last().map_or(0, |x| x.0);
    // The levels above: the current program's and kegiatan's codes (stated or from the
    // nomenclature) for the scope of names without kode.
    let mut program: Option<String> = None;
    let mut kegiatan: Option<String> = None;
    let mut seen_program = false;
    let mut above: Option<TingkatRenja> = None;
    // Each stated kode's first row: a second row with the same kode is another node.
    let mut kodes: std::collections::HashMap<String, u32> = std::collections::HashMap::new();
    for r in grid
        .rows_in(data_from, last_row.saturating_add(1))
        .collect::<Vec<_>>()
    {
        let texts: Vec<(u32, String)> = grid
            .row(r)
            .iter()
            .filter_map(|(c, v)| text_of(v).map(|t| (*c, t)))
            .collect();
        if texts.is_empty() || is_numbering_row(&texts) {
            continue;
        }
        // The header again (printed at every page break).
        let repeats = texts.iter().filter(|(_, t)| h.texts.contains(t)).count();
        if repeats * 2 > texts.len() && repeats >= 2 {
            continue;
        }
        let kode_raw: Option<String> = if kode_cols.is_empty() {
            None
        } else {
            let parts: Vec<String> = kode_cols
                .iter()
                .filter_map(|&c| text_of(grid.get(r, c)))
                .collect();
            (!parts.is_empty()).then(|| parts.join("."))
        };
        let mut nama = b.text(r, nama_col);
        let mut kode_raw = kode_raw;
        // "kode - name" in the kode cell (a parent row merged across the table).
        if let Some((k, n)) = kode_raw.as_deref().and_then(pisah_kode_nama) {
            if !n.is_empty() && nama.is_empty() {
                kode_raw = Some(k);
                nama = n;
            }
        }
        if kode_raw.is_none() {
            if let Some((k, n)) = pisah_kode_nama(&nama) {
                if kode::normalize(&k).0.is_some() || is_unit_kode(&k) {
                    kode_raw = Some(k);
                    nama = n;
                }
            }
        }
        let words = teks::words(&nama);
        let no_text = b.text(r, no_col);
        // The table's own total.
        let total_word = |ws: &[String]| {
            matches!(
                ws.first().map(String::as_str),
                Some("jumlah" | "total" | "grand")
            )
        };
        // `JUMLAH` in the name column, or with the name empty in the No or Kode column (a
        // label merged across them, as Capaian's own export writes it).
        let kode_text = kode_raw.as_deref().map(teks::words).unwrap_or_default();
        if (kode_raw.is_none() && total_word(&words))
            || (nama.is_empty() && (total_word(&teks::words(&no_text)) || total_word(&kode_text)))
        {
            let mut j = JumlahRenja {
                baris: r.saturating_add(1),
                ..JumlahRenja::default()
            };
            for k in &h.cols {
                let slot = match (k.peran, cetakan) {
                    (Peran::Pagu(Ver::Maju), _) => &mut j.maju,
                    (Peran::Pagu(Ver::Sebelum), _) => &mut j.murni,
                    (Peran::Pagu(Ver::Setelah), _) => &mut j.perubahan,
                    (Peran::Pagu(Ver::Tahun), Cetakan::Perubahan) => &mut j.perubahan,
                    (Peran::Pagu(Ver::Tahun), _) => &mut j.murni,
                    _ => continue,
                };
                let v = b.amount(r, k.col, k.scale);
                if slot.is_none() {
                    *slot = v;
                }
            }
            if renja.jumlah.is_some() {
                b.note(
                    Severity::Warning,
                    "jumlah_ganda",
                    "Baris Jumlah kedua: yang pertama dipakai".into(),
                    r,
                    nama_col.unwrap_or(0),
                );
            } else {
                renja.jumlah = Some(j);
            }
            continue;
        }
        let mut row = BarisRenja::kosong(None);
        row.baris = r.saturating_add(1);
        // The level: the kode's, else the name's.
        let kode_at = kode_cols.first().copied().or(nama_col).unwrap_or(0);
        let mut tingkat: Option<TingkatRenja> = None;
        if let Some(raw) = &kode_raw {
            row.kode_berkas = Some(raw.clone());
            if is_unit_kode(raw) {
                tingkat = Some(TingkatRenja::Unit);
            } else {
                let (k, found) = kode::normalize(raw);
                for p in found {
                    b.note(p.severity, &p.code, p.message, r, kode_at);
                }
                if let Some(k) = k {
                    tingkat = TingkatRenja::of_kode(&k);
                    if tingkat.is_none() {
                        b.note(
                            Severity::Warning,
                            "kode_bukan_renja",
                            format!("Kode '{raw}' bukan kode urusan/bidang/program/kegiatan/sub kegiatan"),
                            r,
                            kode_at,
                        );
                    }
                    if let Some(first) = kodes.get(&k) {
                        b.note(
                            Severity::Warning,
                            "kode_ganda",
                            format!("Kode {k} sudah dipakai di baris {first}: dua baris dengan kode yang sama dibaca sebagai dua simpul"),
                            r,
                            kode_at,
                        );
                    } else {
                        kodes.insert(k.clone(), r.saturating_add(1));
                    }
                    row.kode = Some(k);
                }
            }
        }
        if tingkat.is_none() && !nama.is_empty() {
            let first = words.first().map(String::as_str);
            tingkat = if first == Some("program") {
                Some(TingkatRenja::Program)
            } else if first == Some("bidang") && words.get(1).map(String::as_str) == Some("urusan")
            {
                Some(TingkatRenja::BidangUrusan)
            } else if first == Some("urusan") {
                Some(TingkatRenja::Urusan)
            } else if !seen_program && is_unit_name(&words) {
                Some(TingkatRenja::Unit)
            } else {
                None
            };
            if tingkat.is_none() {
                match tingkat_nomenklatur(&nama, program.as_deref(), kegiatan.as_deref()) {
                    Some((t, k)) => {
                        tingkat = Some(t);
                        if t == TingkatRenja::Kegiatan {
                            kegiatan = k;
                        }
                    }
                    None => {
                        let t = if matches!(
                            above,
                            Some(TingkatRenja::Kegiatan | TingkatRenja::SubKegiatan)
                        ) {
                            TingkatRenja::SubKegiatan
                        } else {
                            TingkatRenja::Kegiatan
                        };
                        b.note(
                            Severity::Warning,
                            "tingkat_tidak_pasti",
                            format!(
                                "Baris '{nama}' tanpa kode dan namanya tidak ditemukan di nomenklatur: tingkatnya tidak pasti, dibaca sebagai {} karena baris di atasnya {}",
                                t.nama(),
                                above.map_or("bukan kegiatan/sub kegiatan", TingkatRenja::nama)
                            ),
                            r,
                            nama_col.unwrap_or(0),
                        );
                        if t == TingkatRenja::Kegiatan {
                            kegiatan = None;
                        }
                        tingkat = Some(t);
                    }
                }
            } else if tingkat == Some(TingkatRenja::Program) {
                program = program_nomenklatur(&nama);
                kegiatan = None;
            }
        }
        // The scope for names below, from a stated kode.
        if let (Some(k), Some(t)) = (&row.kode, tingkat) {
            match t {
                TingkatRenja::Program => {
                    program = Some(k.clone());
                    kegiatan = None;
                }
                TingkatRenja::Kegiatan => kegiatan = Some(k.clone()),
                _ => {}
            }
        }
        if tingkat == Some(TingkatRenja::Program) {
            seen_program = true;
        }
        if matches!(
            tingkat,
            Some(TingkatRenja::Urusan | TingkatRenja::BidangUrusan)
        ) {
            seen_program = false;
        }
        row.tingkat = tingkat;
        row.nama = nama;
        // The values.
        let mut any = false;
        for k in &h.cols {
            let (r_, c) = (r, k.col);
            let slots = |v: Ver| slots(v, cetakan);
            let fill_text =
                |row: &mut BarisRenja, v: Ver, t: &str, f: fn(&mut Isian) -> &mut String| {
                    let (m, p, _) = slots(v);
                    if m {
                        *f(&mut row.murni) = t.to_string();
                    }
                    if p {
                        *f(&mut row.perubahan) = t.to_string();
                    }
                };
            match k.peran {
                Peran::Indikator(v) => {
                    let t = b.text(r_, Some(c));
                    any |= !t.is_empty();
                    fill_text(&mut row, v, &t, |i| &mut i.indikator);
                }
                Peran::KelompokSasaran(v) => {
                    let t = b.text(r_, Some(c));
                    fill_text(&mut row, v, &t, |i| &mut i.kelompok_sasaran);
                }
                Peran::Lokasi(v) => {
                    let t = b.text(r_, Some(c));
                    fill_text(&mut row, v, &t, |i| &mut i.lokasi);
                }
                Peran::SumberDana(v) => {
                    let t = b.text(r_, Some(c));
                    fill_text(&mut row, v, &t, |i| &mut i.sumber_dana);
                }
                Peran::Catatan => row.catatan = b.text(r_, Some(c)),
                Peran::Target(v) => {
                    let (t, s) = b.target(r_, c);
                    any |= t.is_some();
                    let (m, p, n1) = slots(v);
                    if m {
                        row.murni.target.clone_from(&t);
                        row.murni.satuan.clone_from(&s);
                    }
                    if p {
                        row.perubahan.target.clone_from(&t);
                        row.perubahan.satuan.clone_from(&s);
                    }
                    if n1 {
                        row.maju.target = t;
                        row.maju.satuan = s;
                    }
                }
                Peran::Pagu(v) => {
                    let a = b.amount(r_, c, k.scale);
                    any |= a.is_some();
                    let (m, p, n1) = slots(v);
                    if m {
                        row.murni.pagu = a;
                    }
                    if p {
                        row.perubahan.pagu = a;
                    }
                    if n1 {
                        row.maju.pagu = a;
                    }
                }
                Peran::Selisih => row.selisih = b.amount(r_, c, k.scale),
                Peran::No | Peran::Kode | Peran::Nama | Peran::Lewati => {}
            }
        }
        if row.tingkat.is_none() {
            // No kode, no name: another indicator of the node above, when it holds one.
            if !any {
                continue;
            }
        } else {
            above = row.tingkat;
        }
        renja.baris.push(row);
    }
    (renja, b.problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(rows: &[(u32, &[(u32, &str)])]) -> Grid {
        let mut g = Grid::default();
        for (r, cells) in rows {
            for (c, t) in *cells {
                g.push(*r, *c, Data::String((*t).to_string()));
            }
        }
        g
    }

    fn roles(h: &Kepala) -> Vec<(u32, Peran)> {
        h.cols.iter().map(|k| (k.col, k.peran)).collect()
    }

    #[test]
    fn titles_name_roles_deepest_first() {
        assert_eq!(
            role_of("Kebutuhan Dana/Pagu Indikatif"),
            Some(Peran::Pagu(Ver::Tahun))
        );
        assert_eq!(role_of("Pagu Indikator"), Some(Peran::Pagu(Ver::Tahun)));
        assert_eq!(role_of("2024"), Some(Peran::Pagu(Ver::Tahun)));
        assert_eq!(role_of("Suber Dana"), Some(Peran::SumberDana(Ver::Tahun)));
        assert_eq!(role_of("Jumlah Berubahan (+/-)"), Some(Peran::Selisih));
        assert_eq!(role_of("INDIKATOR HASIL KEGIATAN"), Some(Peran::Lewati));
        assert_eq!(
            role_of("Indikator Kinerja Program/Kegiatan/Sub Kegiatan"),
            Some(Peran::Indikator(Ver::Tahun))
        );
        assert_eq!(
            role_of("Target Capaian Kinerja"),
            Some(Peran::Target(Ver::Tahun))
        );
        assert_eq!(
            role_of("Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan"),
            Some(Peran::Nama)
        );
        assert_eq!(role_of("[Sebelum Perubahan]"), None);
        assert_eq!(role_of("Rencana Tahun 2025"), None);
        let ws = |t: &str| teks::words(t);
        assert_eq!(
            ver_of(&ws("Prakiraan Maju Rencana Tahun 2026 / Target")),
            Ver::Maju
        );
        assert_eq!(ver_of(&ws("Pagu / [Setelah Perubahan]")), Ver::Setelah);
        assert_eq!(ver_of(&ws("Rencana Tahun 2025 / Lokasi")), Ver::Tahun);
        assert!(is_unit_kode("01.00") && !is_unit_kode("5.03") && !is_unit_kode("1.01.1.1"));
    }

    #[test]
    fn a_header_without_merges_carries_group_titles_within_their_span() {
        // Seed 001's header typed without merged cells: each group title only in its first
        // cell; `Catatan Penting` over both rows, then the n+1 group.
        let g = grid(&[
            (0, &[(0, "Tabel 3.1.4")]),
            (
                2,
                &[
                    (0, "No"),
                    (
                        1,
                        "Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan",
                    ),
                    (
                        2,
                        "Indikator Kinerja Program (outcome) dan Kegiatan (output)",
                    ),
                    (3, "Rencana Tahun 2025"),
                    (7, "Catatan Penting"),
                    (8, "Prakiraan Maju Rencana Tahun 2026"),
                ],
            ),
            (
                3,
                &[
                    (3, "Lokasi"),
                    (4, "Target Capaian Kinerja"),
                    (5, "Kebutuhan Dana/Pagu Indikatif"),
                    (6, "Sumber Dana"),
                    (8, "Target Capaian Kinerja"),
                    (9, "Kebutuhan dana/Pagu Indikatif"),
                ],
            ),
            (4, &[(1, "PROGRAM KEPEGAWAIAN DAERAH"), (4, "85%")]),
        ]);
        let h = find_header(&g, &[], &mut Catatan::default(), "S").unwrap();
        assert_eq!((h.first, h.last), (2, 3));
        assert_eq!(h.tahun, Some(2025));
        assert_eq!(h.tahun_maju, Some(2026));
        assert_eq!(h.cetakan(), Cetakan::Murni);
        assert_eq!(
            roles(&h),
            vec![
                (0, Peran::No),
                (1, Peran::Nama),
                (2, Peran::Indikator(Ver::Tahun)),
                (3, Peran::Lokasi(Ver::Tahun)),
                (4, Peran::Target(Ver::Tahun)),
                (5, Peran::Pagu(Ver::Tahun)),
                (6, Peran::SumberDana(Ver::Tahun)),
                (7, Peran::Catatan),
                (8, Peran::Target(Ver::Maju)),
                (9, Peran::Pagu(Ver::Maju)),
            ]
        );
    }

    #[test]
    fn a_budget_table_or_an_e81_is_no_renja_header() {
        let budget = grid(&[(
            0,
            &[
                (0, "Kode"),
                (1, "Uraian"),
                (2, "Anggaran"),
                (3, "Keterangan"),
            ],
        )]);
        let mut why = Catatan::default();
        assert!(find_header(&budget, &[], &mut why, "Rekap").is_none());
        assert!(why.lain[0].contains("SIPD"), "{:?}", why.lain);
        let e81 = grid(&[(
            0,
            &[
                (0, "Program/Kegiatan"),
                (1, "Indikator Kinerja"),
                (2, "Target Renja"),
                (3, "Realisasi Kinerja pada Triwulan I"),
            ],
        )]);
        let mut why = Catatan::default();
        assert!(find_header(&e81, &[], &mut why, "E81").is_none());
        assert!(why.lain[0].contains("Realisasi"), "{:?}", why.lain);
    }
}
