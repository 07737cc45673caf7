//! Fill: an agency's own Perjanjian Kinerja workbook with the plan's values, patched the way
//! the E.81 and Renja templates are ([`super::package::write_sheets`]: only the cells whose
//! value changes, each keeping its style; every other part of the file byte for byte; Excel
//! recalculates on open). A fill that changes nothing returns the template's own bytes.
//!
//! The template is read as a PK ([`crate::pk::read_pk`]: its tables found by what their
//! columns say, [`crate::KolomNilaiPk`] where the values are) and lifted into a plan
//! ([`capaian_domain::rencana::pk::angkat_letak`], which says where each row went); the values
//! are another plan — an E.81 document lifted in the version the PK prints, for one.
//! [`Rencana::banding`] matches them (a sasaran by name, a program by kode or name; an
//! indicator by its text within its sasaran — and, an indicator the plan keeps under a program
//! rather than a sasaran, as an E.81's does, by its text alone when that names one indicator on
//! each side) and lists every value that differs; each is written into the cell that holds it:
//! - the lampiran kinerja: the year's target of the PK's version, the TW I–IV targets and the
//!   target n+1 where the template has those columns; a number goes in as the template's cell
//!   writes it (`5 Dok` as text with its unit, `85%` as text, a number as a number — the sheet
//!   patcher's convention);
//! - the lampiran anggaran: a program's, kegiatan's or sub kegiatan's anggaran at its column's
//!   scale (`Rp. 000`: ÷ 1000), and its keterangan. A row with rows below it is their sum:
//!   its stated amount becomes the new sum (a formula keeps its formula, its cached value
//!   replaced); a plan amount for it that differs from that sum is a located warning;
//! - once any anggaran changes: the stated Jumlah becomes the new Σ (a formula likewise keeps
//!   its formula), and the total in words is rewritten for the new Σ, in the words' letter case
//!   and Miliar/Milyar spelling, with a figure of the old total in the same sentence: the
//!   `Terbilang: …` under the table, and any sentence of the statement page or of the anggaran
//!   sheet that spells the old total (stated or summed). A sentence spelling another amount is
//!   left as it is, with a located warning (`terbilang_tidak_dikenali`).
//!
//! Values the plan leaves empty stay as the template has them; the plan's sasaran, indicators,
//! programs, kegiatan and sub kegiatan (of the levels the template prints) that the template
//! lacks are one warning.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Cursor;

use calamine::{Data, Reader as _, Xlsx};
use capaian_domain::edit::{display, CellValue};
use capaian_domain::model::{Field, KValue, Level, Location, Problem, Severity};
use capaian_domain::num::format_id;
use capaian_domain::pk::hitung;
use capaian_domain::rencana::pk::{angkat_letak, kunci_sel, SelPk};
use capaian_domain::rencana::{Banding, IndikatorId, Kunci, Pemilik, Rencana, Tingkat};
use capaian_domain::teks;
use capaian_domain::terbilang::{check_terbilang, frasa_terbilang, terbilang_seperti};
use rust_decimal::Decimal;

use super::package::{self, SheetPlan};
use super::{Edit, FillError, Plan, Want};
use crate::pk::read_pk;
use crate::{col_letter, Limits, ReadError};

/// The end of a `rumus_dipertahankan` warning of a PK: an input cell (a target, a leaf's
/// anggaran) holding a formula keeps it, so the plan's value is not in the workbook.
const CATATAN_RUMUS: &str =
    "jadi nilai rencana tidak masuk ke berkas; ganti rumus itu dengan nilainya bila perlu";

/// How many names a warning lists.
const DISEBUT: usize = 5;

/// Fill `template` (an agency's Perjanjian Kinerja) with `nilai` (see the module's doc).
/// Returns the new workbook and warnings: values that could not be written (an input cell
/// holding a formula keeps it), parent amounts the plan states otherwise than their rows' sum,
/// sentences in words that were not recognised, and the plan's rows the template lacks.
pub fn fill_pk(
    template: &[u8],
    nilai: &Rencana,
    limits: &Limits,
) -> Result<(Vec<u8>, Vec<Problem>), FillError> {
    let reading = read_pk(template, limits)?;
    let pk = &reading.pk;
    let kn = &reading.kolom_nilai;
    let (rencana, letak) = angkat_letak(pk, "");
    let banding = rencana.banding(nilai);
    let (awal, _) = hitung(pk);
    let mut problems = Vec::new();
    let mut tulis = Tulisan::default();

    let baris_indikator: HashMap<IndikatorId, usize> = letak
        .kinerja
        .iter()
        .enumerate()
        .filter_map(|(i, x)| x.map(|id| (id, i)))
        .collect();
    let baris_simpul: HashMap<u32, usize> = letak
        .anggaran
        .iter()
        .enumerate()
        .map(|(i, &id)| (id, i))
        .collect();
    let n = pk.anggaran.len();
    let punya_anak: Vec<bool> = (0..n).map(|i| awal.induk.contains(&Some(i))).collect();
    // A sheet row holding a program and its first kegiatan: the amount is the kegiatan's.
    let pemilik_sel = |i: usize| {
        pk.anggaran
            .get(i + 1..)
            .unwrap_or_default()
            .iter()
            .all(|b| b.baris != pk.anggaran[i].baris)
    };

    // The differences: banding's, and those of indicators matched by their text alone.
    let mut beda: Vec<(Kunci, CellValue)> = banding
        .beda
        .iter()
        .map(|b| (b.kunci, b.berkas.clone()))
        .collect();
    let pasangan = cocok_teks(&rencana, nilai, &banding);
    for &(t, f) in &pasangan {
        let mut sels = vec![SelPk::Target(pk.versi), SelPk::TargetMaju];
        sels.extend((1..=4).map(SelPk::TargetTw));
        for sel in sels {
            let ours = kunci_sel(sel, Pemilik::Indikator(t));
            let Some(v) = nilai
                .nilai(&kunci_sel(sel, Pemilik::Indikator(f)))
                .filter(|v| !v.is_empty())
            else {
                continue;
            };
            if rencana.nilai(&ours).is_none_or(|o| !o.same(v)) {
                beda.push((ours, v.clone()));
            }
        }
    }

    let mut anggaran_baru: BTreeMap<usize, Decimal> = BTreeMap::new();
    let mut induk_rencana: Vec<(usize, Decimal)> = Vec::new();
    for (kunci, isi) in &beda {
        let Some(sel) = SelPk::of(kunci) else {
            continue;
        };
        match (sel, kunci.pemilik) {
            (SelPk::Target(v) | SelPk::Anggaran(v), _) if v != pk.versi => {}
            (SelPk::Target(_) | SelPk::TargetTw(_) | SelPk::TargetMaju, Pemilik::Indikator(id)) => {
                let Some(&k) = baris_indikator.get(&id) else {
                    continue;
                };
                let Some(&(_, col)) = kn.target.iter().find(|(s, _)| *s == sel) else {
                    continue;
                };
                let Some(want) = target(isi) else { continue };
                tulis.push(
                    &kn.lembar_kinerja,
                    kn.header_kinerja,
                    pk.kinerja[k].baris,
                    Level::Indikator,
                    Edit {
                        col: col + 1,
                        field: Field::TargetK,
                        want,
                        computed: false,
                        doc_row: k,
                    },
                );
            }
            (SelPk::Anggaran(_), Pemilik::Simpul(id)) => {
                let (Some(&i), CellValue::Rp(d), Some((col, skala))) =
                    (baris_simpul.get(&id), isi, kn.anggaran)
                else {
                    continue;
                };
                if punya_anak[i] {
                    induk_rencana.push((i, *d));
                    continue;
                }
                if !pemilik_sel(i) {
                    continue;
                }
                anggaran_baru.insert(i, *d);
                tulis.push(
                    &kn.lembar_anggaran,
                    kn.header_anggaran,
                    pk.anggaran[i].baris,
                    level(pk.anggaran[i].tingkat),
                    Edit {
                        col: col + 1,
                        field: Field::TargetRp,
                        want: Want::Input(d.checked_div(skala).unwrap_or(*d)),
                        computed: false,
                        doc_row: i,
                    },
                );
            }
            (SelPk::Keterangan, Pemilik::Simpul(id)) => {
                let (Some(&i), Some(col)) = (baris_simpul.get(&id), kn.keterangan) else {
                    continue;
                };
                let t = display(isi);
                if t.trim().is_empty() || !pemilik_sel(i) {
                    continue;
                }
                tulis.push(
                    &kn.lembar_anggaran,
                    kn.header_anggaran,
                    pk.anggaran[i].baris,
                    level(pk.anggaran[i].tingkat),
                    Edit {
                        col: col + 1,
                        field: Field::Keterangan,
                        want: Want::Text(t),
                        computed: false,
                        doc_row: i,
                    },
                );
            }
            _ => {}
        }
    }

    // The sums: parents, the Jumlah, the total in words.
    let akhir = if anggaran_baru.is_empty() {
        awal.clone()
    } else {
        let mut baru = pk.clone();
        for (&i, &d) in &anggaran_baru {
            baru.anggaran[i].anggaran = Some(d);
        }
        hitung(&baru).0
    };
    let lembar = kn.lembar_anggaran.as_str();
    let sel_rp = |baris: u32| {
        kn.anggaran
            .map(|(c, _)| format!("{}{baris}", col_letter(c + 1)))
    };
    if let Some((col, skala)) = kn.anggaran {
        let dalam_skala = |d: Decimal| d.checked_div(skala).unwrap_or(d);
        if !anggaran_baru.is_empty() {
            for i in (0..n).filter(|&i| punya_anak[i] && pemilik_sel(i)) {
                let (Some(lama), Some(jumlah)) = (pk.anggaran[i].anggaran, akhir.anggaran[i])
                else {
                    continue;
                };
                if lama != jumlah && awal.anggaran[i] != akhir.anggaran[i] {
                    tulis.push(
                        lembar,
                        kn.header_anggaran,
                        pk.anggaran[i].baris,
                        level(pk.anggaran[i].tingkat),
                        Edit {
                            col: col + 1,
                            field: Field::TargetRp,
                            want: Want::Computed(dalam_skala(jumlah)),
                            computed: true,
                            doc_row: i,
                        },
                    );
                }
            }
            if let (Some(j), Some(t)) = (&pk.jumlah, akhir.jumlah) {
                if j.nilai != t {
                    tulis.push(
                        lembar,
                        kn.header_anggaran,
                        j.baris,
                        Level::Program,
                        Edit {
                            col: col + 1,
                            field: Field::TargetRp,
                            want: Want::Computed(dalam_skala(t)),
                            computed: true,
                            doc_row: n,
                        },
                    );
                }
            }
        }
    }
    for (i, d) in induk_rencana {
        let b = &pk.anggaran[i];
        let jumlah = akhir.anggaran[i].unwrap_or_default();
        if jumlah != d {
            problems.push(Problem {
                severity: Severity::Warning,
                code: "anggaran_induk_dijumlah".into(),
                message: format!(
                    "Sheet '{lembar}' baris {}: anggaran {} '{}' di rencana Rp {}, tetapi di \
                     template anggarannya adalah jumlah baris di bawahnya (Rp {}); nilai rencana \
                     tidak ditulis",
                    b.baris,
                    b.tingkat.nama().to_lowercase(),
                    b.uraian.trim(),
                    rupiah(d),
                    rupiah(jumlah)
                ),
                at: Location {
                    sheet: Some(lembar.to_string()),
                    cell: sel_rp(b.baris).filter(|_| pemilik_sel(i)),
                    row: Some(i),
                    field: Some(Field::TargetRp),
                },
            });
        }
    }
    if !anggaran_baru.is_empty() {
        if let Some(baru) = akhir.jumlah {
            let lama: Vec<Decimal> = awal
                .jumlah
                .into_iter()
                .chain(pk.jumlah.as_ref().map(|j| j.nilai))
                .collect();
            let mut lembar_teks: Vec<&str> = Vec::new();
            if let Some(p) = &pk.pernyataan {
                lembar_teks.push(&p.lembar);
            }
            if !lembar_teks.contains(&lembar) && !lembar.is_empty() {
                lembar_teks.push(lembar);
            }
            let dikenal = pk.terbilang.as_ref().and_then(|t| t.sel.clone());
            for sheet in lembar_teks {
                for (r, c, teks_sel) in teks_lembar(template, sheet)? {
                    let a1 = format!("{}{}", col_letter(c + 1), r + 1);
                    let milik = sheet == lembar && dikenal.as_deref() == Some(a1.as_str());
                    match kalimat_baru(&teks_sel, &lama, baru, milik) {
                        Kalimat::Tetap => {}
                        Kalimat::Baru(t) => tulis.push_teks(sheet, r + 1, c + 1, t),
                        Kalimat::TidakDikenal => problems.push(Problem {
                            severity: Severity::Warning,
                            code: "terbilang_tidak_dikenali".into(),
                            message: format!(
                                "Sheet '{sheet}' sel {a1}: terbilang '{}' tidak dikenali \
                                 sebagai jumlah anggaran; tidak diubah (jumlah baru Rp {}: \
                                 '{}')",
                                teks_sel.trim(),
                                rupiah(baru),
                                terbilang_seperti("", baru)
                            ),
                            at: Location {
                                sheet: Some(sheet.to_string()),
                                cell: Some(a1),
                                row: None,
                                field: None,
                            },
                        }),
                    }
                }
            }
        }
    }

    if let Some(p) = kurang(pk, nilai, &banding, &pasangan) {
        problems.push(p);
    }
    if tulis.lembar.is_empty() {
        return Ok((template.to_vec(), problems));
    }
    let sheets = tulis
        .lembar
        .iter_mut()
        .map(|(sheet, (first_data_row, plan))| {
            for edits in plan.rows.values_mut() {
                edits.sort_by_key(|e| e.col);
                edits.dedup_by_key(|e| e.col);
            }
            SheetPlan {
                sheet,
                first_data_row: *first_data_row,
                plan: std::mem::take(plan),
            }
        })
        .collect();
    let (bytes, more) = package::write_sheets(template, sheets, limits)?;
    problems.extend(more);
    Ok((bytes, problems))
}

/// The cells to write, per sheet: the first data row (1-based) and the plan.
#[derive(Default)]
struct Tulisan {
    lembar: BTreeMap<String, (u32, Plan)>,
}

impl Tulisan {
    fn plan(&mut self, sheet: &str, first_data_row: u32) -> &mut Plan {
        let (first, plan) = self.lembar.entry(sheet.to_string()).or_insert_with(|| {
            (
                first_data_row,
                Plan {
                    formula_note: Some(CATATAN_RUMUS),
                    ..Plan::default()
                },
            )
        });
        *first = (*first).min(first_data_row);
        plan
    }

    /// An edit of a table's row `row` (1-based) under the header ending on `header` (0-based).
    fn push(&mut self, sheet: &str, header: u32, row: u32, level: Level, edit: Edit) {
        let plan = self.plan(sheet, header.saturating_add(2));
        plan.levels.insert(row, level);
        plan.rows.entry(row).or_default().push(edit);
    }

    /// A text outside the tables (1-based row and column).
    fn push_teks(&mut self, sheet: &str, row: u32, col: u32, text: String) {
        let plan = self.plan(sheet, u32::MAX);
        plan.rows.entry(row).or_default().push(Edit {
            col,
            field: Field::Keterangan,
            want: Want::Text(text),
            computed: false,
            doc_row: 0,
        });
    }
}

/// A target as the template writes it: a number in the cell's own convention, a grade or text
/// as text.
fn target(value: &CellValue) -> Option<Want> {
    match value {
        CellValue::K(KValue::Number(v)) => Some(Want::Input(*v)),
        CellValue::Empty => None,
        _ => {
            let t = display(value);
            (!t.trim().is_empty()).then_some(Want::Text(t))
        }
    }
}

/// The E.81 level whose row style a created cell takes.
fn level(t: Tingkat) -> Level {
    match t {
        Tingkat::Kegiatan => Level::Kegiatan,
        Tingkat::SubKegiatan => Level::SubKegiatan,
        _ => Level::Program,
    }
}

/// `1.234.567` (whole rupiah) or `1.234.567,89`.
fn rupiah(v: Decimal) -> String {
    format_id(v, if v.fract().is_zero() { 0 } else { 2 })
}

fn kunci_teks(s: &str) -> String {
    teks::words(s).join(" ")
}

/// The template's indicators banding left unmatched, each paired with the plan's unmatched
/// indicator of the same text when exactly one on each side has it: (template's, plan's).
fn cocok_teks(
    rencana: &Rencana,
    nilai: &Rencana,
    banding: &Banding,
) -> Vec<(IndikatorId, IndikatorId)> {
    let cocok: HashSet<IndikatorId> = banding.indikator.iter().flatten().copied().collect();
    let mut ours: HashMap<String, Vec<IndikatorId>> = HashMap::new();
    for (t, ind) in rencana.indikator.iter().enumerate() {
        let t = t as IndikatorId;
        if !cocok.contains(&t) && !ind.teks.trim().is_empty() {
            ours.entry(kunci_teks(&ind.teks)).or_default().push(t);
        }
    }
    let mut theirs: HashMap<String, Vec<IndikatorId>> = HashMap::new();
    for (f, ind) in nilai.indikator.iter().enumerate() {
        if banding.indikator.get(f).is_some_and(Option::is_none) {
            if let Some(v) = ours.get(&kunci_teks(&ind.teks)) {
                if v.len() == 1 {
                    theirs
                        .entry(kunci_teks(&ind.teks))
                        .or_default()
                        .push(f as IndikatorId);
                }
            }
        }
    }
    let mut out: Vec<(IndikatorId, IndikatorId)> = theirs
        .into_iter()
        .filter(|(_, f)| f.len() == 1)
        .filter_map(|(k, f)| Some((*ours.get(&k)?.first()?, f[0])))
        .collect();
    out.sort_unstable();
    out
}

/// One warning for the plan's rows the template lacks: its sasaran and their indicators, and
/// its nodes of the levels the lampiran anggaran prints.
fn kurang(
    pk: &capaian_domain::pk::Pk,
    nilai: &Rencana,
    banding: &Banding,
    pasangan: &[(IndikatorId, IndikatorId)],
) -> Option<Problem> {
    let mut levels: Vec<Tingkat> = pk.anggaran.iter().map(|b| b.tingkat).collect();
    if !pk.kinerja.is_empty() {
        levels.push(Tingkat::Sasaran);
    }
    let dipakai: HashSet<IndikatorId> = pasangan.iter().map(|&(_, f)| f).collect();
    let mut names: Vec<String> = Vec::new();
    for (f, m) in banding.simpul.iter().enumerate() {
        let Some(node) = nilai.simpul.get(f) else {
            continue;
        };
        if m.is_none() && !node.tersirat && levels.contains(&node.tingkat) {
            names.push(node.nama.trim().to_string());
        }
    }
    for (f, m) in banding.indikator.iter().enumerate() {
        let Some(ind) = nilai.indikator.get(f) else {
            continue;
        };
        let node = ind.simpul as usize;
        let di_sasaran = nilai
            .simpul
            .get(node)
            .is_some_and(|s| s.tingkat == Tingkat::Sasaran);
        let sasaran_ada = banding.simpul.get(node).is_some_and(Option::is_some);
        if m.is_none() && !dipakai.contains(&(f as IndikatorId)) && di_sasaran && sasaran_ada {
            names.push(ind.teks.trim().to_string());
        }
    }
    if names.is_empty() {
        return None;
    }
    let more = names.len().saturating_sub(DISEBUT);
    let list: Vec<String> = names
        .iter()
        .take(DISEBUT)
        .map(|s| format!("'{s}'"))
        .collect();
    let sheet = if pk.kolom.lembar_anggaran.is_empty() {
        &pk.kolom.lembar_kinerja
    } else {
        &pk.kolom.lembar_anggaran
    };
    Some(Problem {
        severity: Severity::Warning,
        code: "baris_tidak_di_template".into(),
        message: format!(
            "{} baris rencana tidak ada di template Perjanjian Kinerja dan nilainya tidak \
             ditulis: {}{} (tambahkan barisnya di template bila perlu)",
            names.len(),
            list.join(", "),
            if more > 0 {
                format!(", dan {more} baris lain")
            } else {
                String::new()
            }
        ),
        at: Location {
            sheet: (!sheet.is_empty()).then(|| sheet.clone()),
            ..Location::default()
        },
    })
}

/// Every text cell of a sheet: (row, column, text), 0-based.
fn teks_lembar(template: &[u8], sheet: &str) -> Result<Vec<(u32, u32, String)>, FillError> {
    let not_xlsx = |e: calamine::XlsxError| {
        FillError::Template(ReadError::NotXlsx {
            detail: e.to_string(),
        })
    };
    let mut x = Xlsx::new(Cursor::new(template)).map_err(not_xlsx)?;
    let range = x.worksheet_range(sheet).map_err(not_xlsx)?;
    let (r0, c0) = range.start().unwrap_or((0, 0));
    Ok(range
        .cells()
        .filter_map(|(r, c, v)| match v {
            Data::String(s) => Some((r0 + r as u32, c0 + c as u32, s.clone())),
            _ => None,
        })
        .collect())
}

/// What becomes of a sentence when the total changes.
#[derive(Debug, PartialEq)]
enum Kalimat {
    /// Nothing to rewrite (no amount in words of the total, or the same words).
    Tetap,
    Baru(String),
    /// A total's words that cannot be rewritten: the known terbilang cell without an amount in
    /// words, or a sentence spelling an amount that is no total of the template.
    TidakDikenal,
}

/// `teks` with the total in words (and a figure of it) said for `baru`. `lama`: the template's
/// totals (summed, stated); `milik`: the cell is the table's known terbilang (rewritten
/// whatever amount it says).
fn kalimat_baru(teks: &str, lama: &[Decimal], baru: Decimal, milik: bool) -> Kalimat {
    let frasa = frasa_terbilang(teks);
    if frasa.is_empty() {
        return if milik {
            Kalimat::TidakDikenal
        } else {
            Kalimat::Tetap
        };
    }
    let mut out = String::with_capacity(teks.len() + 16);
    let mut at = 0;
    let mut ganti = false;
    let mut asing = false;
    for f in frasa {
        let words = teks.get(f.clone()).unwrap_or_default();
        let total = lama
            .iter()
            .any(|&l| check_terbilang(words, l, true).is_none());
        if !(total || milik) {
            asing = true;
            continue;
        }
        out.push_str(teks.get(at..f.start).unwrap_or_default());
        out.push_str(&terbilang_seperti(words, baru));
        at = f.end;
        ganti = true;
    }
    out.push_str(teks.get(at..).unwrap_or_default());
    if !ganti {
        return if asing {
            Kalimat::TidakDikenal
        } else {
            Kalimat::Tetap
        };
    }
    let out = angka_baru(&out, lama, baru);
    if out == teks {
        Kalimat::Tetap
    } else {
        Kalimat::Baru(out)
    }
}

/// `teks` with each figure of an old total (`Rp 17.244.147.244,-`, `17244147244`) written for
/// `baru`, grouped as it was.
fn angka_baru(teks: &str, lama: &[Decimal], baru: Decimal) -> String {
    let b = teks.as_bytes();
    let mut out = String::with_capacity(teks.len());
    let mut i = 0;
    let mut copied = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() || (i > 0 && b[i - 1].is_ascii_alphanumeric()) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < b.len() && (b[j].is_ascii_digit() || b[j] == b'.' || b[j] == b',') {
            j += 1;
        }
        while j > i && !b[j - 1].is_ascii_digit() {
            j -= 1;
        }
        let run = teks.get(i..j).unwrap_or_default();
        let (int, frac) = run.split_once(',').unwrap_or((run, ""));
        let digits: String = int.chars().filter(char::is_ascii_digit).collect();
        let grouped = int.contains('.');
        let value = format!("{digits}.{}", if frac.is_empty() { "0" } else { frac })
            .parse::<Decimal>()
            .ok();
        if value.is_some_and(|v| lama.contains(&v)) && !frac.contains('.') {
            let decimals = frac.len() as u32;
            let text = if grouped {
                format_id(baru, decimals)
            } else {
                format_id(baru, decimals).replace('.', "")
            };
            out.push_str(teks.get(copied..i).unwrap_or_default());
            out.push_str(&text);
            copied = j;
        }
        i = j.max(i + 1);
    }
    out.push_str(teks.get(copied..).unwrap_or_default());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(n: u64) -> Decimal {
        Decimal::from(n)
    }

    #[test]
    fn a_sentence_of_the_total_says_the_new_total() {
        let lama = [d(1_500)];
        assert_eq!(
            kalimat_baru(
                "sebesar Rp 1.500,- (Seribu Lima Ratus Rupiah)",
                &lama,
                d(2_250),
                false
            ),
            Kalimat::Baru("sebesar Rp 2.250,- (Dua Ribu Dua Ratus Lima Puluh Rupiah)".into())
        );
        // Another amount's words: not the total's.
        assert_eq!(
            kalimat_baru("Rp 7 (Tujuh Rupiah)", &lama, d(2_250), false),
            Kalimat::TidakDikenal
        );
        // The table's terbilang is the total's, whatever amount it says.
        assert_eq!(
            kalimat_baru("Terbilang: TUJUH RUPIAH", &lama, d(8), true),
            Kalimat::Baru("Terbilang: DELAPAN RUPIAH".into())
        );
        assert_eq!(
            kalimat_baru("Terbilang: lihat di atas", &lama, d(8), true),
            Kalimat::TidakDikenal
        );
        assert_eq!(
            kalimat_baru("Pihak pertama berjanji", &lama, d(8), false),
            Kalimat::Tetap
        );
    }

    #[test]
    fn figures_of_the_old_total_follow_in_their_grouping() {
        let lama = [d(17_244_147_244)];
        assert_eq!(
            angka_baru("Rp. 17.244.147.244,- dan 2025", &lama, d(18_000_000_000)),
            "Rp. 18.000.000.000,- dan 2025"
        );
        assert_eq!(
            angka_baru("Rp17244147244", &lama, d(5)),
            "Rp17244147244",
            "glued to letters: not a figure on its own"
        );
        assert_eq!(angka_baru("17244147244", &lama, d(5)), "5");
    }
}
