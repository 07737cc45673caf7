//! A T-C.29 (*Rekapitulasi Evaluasi Hasil Pelaksanaan Renja Perangkat Daerah dan Pencapaian
//! Renstra*, Permendagri 86/2017) as an agency's workbook holds it, read into the rows of
//! cell text the domain checks (`capaian_domain::tc29::BarisTeks` → `baca_baris`, `periksa`:
//! `8 = 7/6`, `10 = 5+7+9` by the indicator's aggregation, `11 = 10/4`).
//!
//! Recognised by what the columns say, never by fixed letters: each visible sheet's rows whose
//! texts are mostly column titles are tried as a header of one to three rows (merged titles
//! spread over their range, [`column_titles`]); each column's role from its deepest title
//! first ([`role_of`]): `Kode`; the names (`Urusan/Bidang Urusan … dan Program/Kegiatan`);
//! `Indikator Kinerja …`; column 4 `Target … Renstra`; 5 `Realisasi … s/d tahun n-3`; 6 and 9
//! the Renja's targets (`Target Renja … tahun n-2`, then `Target program dan kegiatan (Renja
//! … tahun n-1)`, in that order); 7 `Realisasi Renja … tahun n-2` (`Ralisasi` too); 8
//! `Tingkat Realisasi`; 10 the `Realisasi … s/d tahun berjalan` under *Perkiraan realisasi*;
//! 11 `Tingkat Capaian … Renstra`. A value column followed by a column under the same title
//! holds its satuan there (seed 001: `100 | %`). A table is a T-C.29 when it has an indicator
//! column and columns 4, 6, 7 and 9 or more of them; the one with the most roles is read.
//!
//! Rows: every row below the header with an indicator (numbering rows and repeated headers
//! skipped); a row with a name but no indicator (an urusan or PD heading) is read past. The
//! level from the kode when it has one (program, kegiatan, sub kegiatan), else the domain's
//! default. The year n of the Renja: column 9's year + 1, else column 6's + 2 (a title's
//! `s/d Tahun 2024` is the evaluation's, not the Renja's: not used).

use capaian_domain::kode;
use capaian_domain::model::{Level, Problem};
use capaian_domain::tc29::BarisTeks;
use capaian_domain::teks;
use serde::Serialize;

use crate::col_letter;
use crate::error::ReadError;
use crate::guard::Limits;
use crate::kepala::{mostly_text, Kolom};
use crate::kinerja::data_rows;
use crate::renja::{has_word, sub_label_row, title_blocks};
use crate::sipd::{guarded, open_book, text_of, year_in, Grid};

/// What reading a T-C.29 workbook produced.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Tc29Reading {
    /// The sheet read.
    pub lembar: String,
    /// n: the year of the Renja the table was made for, when the columns or the title say.
    pub tahun: Option<i32>,
    /// Its indicator rows as their cells' text, with the cells of columns 8, 10 and 11.
    #[serde(skip)]
    pub baris: Vec<BarisTeks>,
    /// Each row's sheet row (1-based), same index as `baris`.
    pub baris_lembar: Vec<u32>,
    /// Notes of the reading (hidden sheets, other tables).
    pub problems: Vec<Problem>,
}

/// What a column holds: a column number of the form (4–11), or a text column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Peran {
    Kode,
    Nama,
    Indikator,
    /// Columns 4–11.
    Kolom(u8),
    /// A Renja target (column 6 or 9: settled by their order).
    TargetRenja(Option<i32>),
}

/// The role the titles over a column name (`parts`: top to deepest).
fn role_of(parts: &[String]) -> Option<Peran> {
    let all = teks::words(&parts.join(" "));
    let deep = teks::words(parts.last().map(String::as_str).unwrap_or(""));
    let has = |w: &str| has_word(&all, w);
    let d = |w: &str| has_word(&deep, w);
    let sd = |ws: &[String]| {
        ws.windows(2).any(|p| p[0] == "s" && p[1] == "d")
            || ws.iter().any(|w| w == "sd" || w == "sampai")
    };
    if deep.is_empty() {
        return None;
    }
    if deep.len() == 1 && deep[0] == "kode" {
        return Some(Peran::Kode);
    }
    if has("indikator") {
        return Some(Peran::Indikator);
    }
    if d("tingkat") || (has("tingkat") && !d("realisasi") && !d("target")) {
        return Some(if has("renstra") || has("capaian") {
            Peran::Kolom(11)
        } else {
            Peran::Kolom(8)
        });
    }
    if d("realisasi") && d("renja") {
        return Some(Peran::Kolom(7));
    }
    if d("target") && d("renja") && !d("realisasi") {
        return Some(Peran::TargetRenja(year_in(&deep)));
    }
    if (has("perkiraan") || has("berjalan")) && d("realisasi") {
        return Some(Peran::Kolom(10));
    }
    if d("realisasi") && sd(&deep) {
        return Some(Peran::Kolom(5));
    }
    if has("target") && has("renstra") {
        return Some(Peran::Kolom(4));
    }
    if has("urusan") || has("program") || has("kegiatan") {
        return Some(Peran::Nama);
    }
    None
}

/// A header's columns; a value column's satuan column has the role of the column before.
type Kepala = crate::kepala::Kepala<Peran>;

impl Kepala {
    fn kolom(&self, p: Peran) -> Option<u32> {
        self.col(|q| q == p)
    }

    fn tc29(&self) -> bool {
        self.kolom(Peran::Indikator).is_some()
            && [4u8, 6, 7, 9]
                .iter()
                .all(|k| self.kolom(Peran::Kolom(*k)).is_some())
    }
}

/// The header (one to three rows) starting at row `r`, if it is a T-C.29's.
fn header_at(grid: &Grid, merges: &[(u32, u32, u32, u32)], r: u32) -> Option<Kepala> {
    if !mostly_text(grid, r, 3) {
        return None;
    }
    let names_a_role = |t: &str| role_of(&[t.to_string()]).is_some();
    let mut best: Option<Kepala> = None;
    for (last, titles) in title_blocks(grid, merges, r, 3, names_a_role, sub_label_row) {
        let mut cols: Vec<Kolom<Peran>> = Vec::new();
        let mut all = Vec::new();
        let mut renja = 0;
        for (c, parts) in &titles {
            all.extend(parts.iter().cloned());
            let Some(mut p) = role_of(parts) else {
                continue;
            };
            // The same titles as the column before (merged over both): its satuan.
            if let Some(&Kolom { col: pc, peran }) = cols.last() {
                if pc + 1 == *c && titles.iter().any(|(x, px)| *x == pc && px == parts) {
                    cols.push(Kolom { col: *c, peran });
                    continue;
                }
            }
            if let Peran::TargetRenja(_) = p {
                renja += 1;
                p = Peran::Kolom(if renja == 1 { 6 } else { 9 });
            }
            cols.push(Kolom { col: *c, peran: p });
        }
        let cand = Kepala {
            first: r,
            last,
            cols,
            texts: all,
        };
        if cand.tc29() && best.as_ref().is_none_or(|b| cand.score() > b.score()) {
            best = Some(cand);
        }
    }
    best
}

/// Reads a T-C.29 workbook (see the module's doc).
pub fn read_tc29(bytes: &[u8], limits: &Limits) -> Result<Tc29Reading, ReadError> {
    guarded(|| {
        let mut book = open_book(bytes, limits)?;
        let meta = book.sheets();
        let mut problems = Vec::new();
        let mut kosong = Vec::new();
        let sheets = book.headers_by_sheet(
            &mut problems,
            &mut kosong,
            |_, grid, merges, r| header_at(grid, merges, r),
            |h| h.last,
            Kepala::same_columns,
        )?;
        let mut best: Option<(usize, usize)> = None;
        for (i, (_, _, heads)) in sheets.iter().enumerate() {
            for (j, h) in heads.iter().enumerate() {
                if best.is_none_or(|(bi, bj)| h.score() > sheets[bi].2[bj].score()) {
                    best = Some((i, j));
                }
            }
        }
        let Some((si, hi)) = best else {
            return Err(ReadError::Tc29NotFound {
                sheets_seen: meta.iter().map(|(n, _)| n.clone()).collect(),
            });
        };
        let (name, grid, heads) = &sheets[si];
        let h = &heads[hi];
        let until = heads.get(hi + 1).map_or(u32::MAX, |n| n.first);
        let rows = data_rows(grid, h.last, &h.texts, until);
        let mut out = read_rows(name, grid, h, &rows);
        out.problems = problems;
        Ok(out)
    })
}

/// The year a column's own header cells name (the deepest that names one).
fn year_of(h: &Kepala, grid: &Grid, col: Option<u32>) -> Option<i32> {
    let c = col?;
    (h.first..=h.last)
        .rev()
        .filter_map(|r| text_of(grid.get(r, c)))
        .find_map(|t| year_in(&teks::words(&t)))
}

fn read_rows(name: &str, grid: &Grid, h: &Kepala, rows: &[u32]) -> Tc29Reading {
    let text = |r: u32, c: Option<u32>| c.and_then(|c| text_of(grid.get(r, c))).unwrap_or_default();
    // Each value column and the satuan column after it.
    let value = |k: u8| -> (Option<u32>, Option<u32>) {
        let cols: Vec<u32> = h
            .cols
            .iter()
            .filter(|k2| k2.peran == Peran::Kolom(k))
            .map(|k2| k2.col)
            .collect();
        (cols.first().copied(), cols.get(1).copied())
    };
    let tahun = year_of(h, grid, value(9).0)
        .map(|y| y + 1)
        .or_else(|| year_of(h, grid, value(6).0).map(|y| y + 2));

    let mut baris = Vec::new();
    let mut baris_lembar = Vec::new();
    for &r in rows {
        let indikator = text(r, h.kolom(Peran::Indikator));
        if indikator.is_empty() {
            continue;
        }
        let kode_teks = text(r, h.kolom(Peran::Kode));
        let level = kode::normalize(&kode_teks)
            .0
            .and_then(|k| kode::level_of(&k));
        let nama = text(r, h.kolom(Peran::Nama));
        let sel = |k: u8| {
            value(k)
                .0
                .map(|c| format!("'{name}'!{}{}", col_letter(c.saturating_add(1)), r + 1))
        };
        baris.push(BarisTeks {
            level: level.or(if nama.is_empty() {
                Some(Level::Indikator)
            } else {
                None
            }),
            kode: kode_teks,
            nama,
            indikator,
            kolom: std::array::from_fn(|j| text(r, value(4 + j as u8).0)),
            satuan: std::array::from_fn(|j| text(r, value(4 + j as u8).1)),
            sel: [sel(8), sel(10), sel(11)],
        });
        baris_lembar.push(r + 1);
    }
    Tc29Reading {
        lembar: name.to_string(),
        tahun,
        baris,
        baris_lembar,
        problems: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn role(parts: &[&str]) -> Option<Peran> {
        role_of(&parts.iter().map(|s| s.to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn roles_of_both_seeds_titles() {
        use Peran::*;
        for (parts, want) in [
            (&["Kode"][..], Some(Kode)),
            (&["Urusan/Bidang Urusan Pemerintahan Daerah Dan Program/Kegiatan"], Some(Nama)),
            (&["Indikator Kinerja Program (outcomes)/ Kegiatan (output)"], Some(Indikator)),
            (&["Target Kinerja Capaian Program (Renstra Perangkat Daerah) Tahun 2021-2026"], Some(Kolom(4))),
            (&["Target Capaian Kinerja Renstra Tahun 2025"], Some(Kolom(4))),
            (&["Realisasi Target Kinerja Hasil Program dan Keluaran Kegiatan s/d tahun 2022"], Some(Kolom(5))),
            (&["Realisasi Kinerja Perangkat Daerah s/d Tahun 2022"], Some(Kolom(5))),
            (
                &["Target dan Realisasi Kinerja Program dan Kegiatan Tahun Lalu (n-2)", "Target Renja Perangkat Daerah tahun 2023"],
                Some(TargetRenja(Some(2023))),
            ),
            (
                &["Target Kinerja dan Anggaran Renja Perangkat Daerah Tahun Berjalan yang dievaluasi", "Ralisasi Renja SKPD Tahun 2023"],
                Some(Kolom(7)),
            ),
            (&["Target dan Realisasi Kinerja Program dan Kegiatan Tahun Lalu (n-2)", "Tingkat Realisasi (%)"], Some(Kolom(8))),
            (&["Target program dan kegiatan (Renja Perangkat Daerah tahun 2024)"], Some(TargetRenja(Some(2024)))),
            (
                &["Perkiraan Realisasi Capaian Target Renstra SKPD s/d Tahun Berjalan 2024", "Realisasi Capaian s/d Triwulan II Tahun 2024"],
                Some(Kolom(10)),
            ),
            (
                &["Perkiraan Realisasi Capaian Target Renstra Perangkat Daerah s/d tahun berjalan", "Tingkat Capaian Realisasi Target Renstra (%)"],
                Some(Kolom(11)),
            ),
            (&["Catatan"], None),
        ] {
            assert_eq!(role(parts), want, "{parts:?}");
        }
    }
}
