//! Fill: an agency's own Renja workbook with the plan's values, patched the way an E.81
//! template is ([`super::package::write`]: only the cells whose value changes, each keeping its
//! style; every other part of the file byte for byte; Excel recalculates on open).
//!
//! The template is read as a Renja ([`crate::renja::read_renja`]) and lifted into a plan
//! ([`capaian_domain::rencana::renja::angkat_letak`], which says where each of its rows went);
//! the values are another plan — an E.81 document lifted in the version the Renja prints, for
//! one. [`Rencana::banding`] matches them (kode, else the name path; indicators by text) and
//! lists every value that differs: each is written into the column that holds it
//! ([`crate::renja::KolomNilai`]) on its row — an indicator's target on the indicator's row, a
//! node's pagu, lokasi, sumber dana and catatan on the row of the node that states it (a node's
//! pagu printed on its second indicator row stays there). Money goes in at its column's scale
//! (`Rp. 000`: ÷ 1000); a target goes in as the template writes it — `5 dok` as text with its
//! unit when the template's cell names one, a number otherwise; where a pagu changes and the
//! template states the jumlah perubahan, it becomes setelah − sebelum. Values the plan leaves empty are
//! left as the template has them; the plan's rows the template lacks are one warning.

use std::collections::HashMap;

use capaian_domain::edit::{display, CellValue};
use capaian_domain::model::{Field, KValue, Level, Location, Problem, Severity};
use capaian_domain::num::format_id;
use capaian_domain::rencana::renja::{angkat_letak, SelRenja};
use capaian_domain::rencana::{Pemilik, Rencana, Tingkat, Versi};
use capaian_domain::renja::{BarisRenja, TingkatRenja};
use rust_decimal::Decimal;

use super::{package, Edit, FillError, Plan, Want};
use crate::renja::{read_renja, KolomNilai};
use crate::Limits;

/// Fill `template` (an agency's Renja) with `nilai` (see the module's doc). Returns the new
/// workbook and warnings: values that could not be written (a formula cell keeps its formula)
/// and the plan's rows the template lacks.
pub fn fill_renja(
    template: &[u8],
    nilai: &Rencana,
    limits: &Limits,
) -> Result<(Vec<u8>, Vec<Problem>), FillError> {
    let reading = read_renja(template, limits)?;
    let renja = &reading.renja;
    let (rencana, letak) = angkat_letak(renja, "");
    let banding = rencana.banding(nilai);
    // Each indicator's row, each node's rows (its own first).
    let mut baris_indikator: HashMap<u32, usize> = HashMap::new();
    let mut baris_simpul: HashMap<u32, Vec<usize>> = HashMap::new();
    for (i, l) in letak.iter().enumerate() {
        if let Some(ind) = l.indikator {
            baris_indikator.insert(ind, i);
        }
        if let Some(s) = l.simpul {
            baris_simpul.entry(s).or_default().push(i);
        }
    }
    let mut plan = Plan::default();
    // The pagu written, per row and version: the row's stated selisih follows them.
    let mut pagu_baru: HashMap<(usize, Versi), Decimal> = HashMap::new();
    for b in &banding.beda {
        let Some(sel) = SelRenja::of(&b.kunci) else {
            continue;
        };
        let Some(kolom) = reading.nilai_kolom.iter().find(|k| k.sel == sel) else {
            continue;
        };
        let row = match b.kunci.pemilik {
            Pemilik::Indikator(ind) => baris_indikator.get(&ind).copied(),
            Pemilik::Simpul(s) => baris_simpul.get(&s).and_then(|rows| {
                rows.iter()
                    .copied()
                    .find(|&i| terisi(&renja.baris[i], sel))
                    .or(rows.first().copied())
            }),
        };
        let Some(i) = row else {
            continue;
        };
        let satuan = match b.di_berkas.pemilik {
            Pemilik::Indikator(f) => nilai
                .indikator
                .get(f as usize)
                .and_then(|x| x.satuan.clone()),
            Pemilik::Simpul(_) => None,
        };
        let Some(want) = tulis(&b.berkas, kolom, &renja.baris[i], satuan) else {
            continue;
        };
        if let (SelRenja::Pagu(v), CellValue::Rp(d)) = (sel, &b.berkas) {
            pagu_baru.insert((i, v), *d);
        }
        let sheet_row = renja.baris[i].baris;
        plan.levels.insert(sheet_row, level(renja.baris[i].tingkat));
        plan.rows.entry(sheet_row).or_default().push(Edit {
            col: kolom.col,
            field: match sel {
                SelRenja::Target(_) | SelRenja::TargetMaju => Field::TargetK,
                SelRenja::Pagu(_) | SelRenja::PaguMaju => Field::TargetRp,
                SelRenja::Lokasi | SelRenja::SumberDana | SelRenja::Catatan => Field::Keterangan,
            },
            want,
            computed: false,
            doc_row: i,
        });
    }
    // Jumlah perubahan (+/−) = setelah − sebelum, where the template states it, on every row
    // whose pagu changed (a formula there is kept, its cached value replaced).
    if let Some((col, skala)) = reading.selisih_kolom {
        let mut rows: Vec<usize> = pagu_baru.keys().map(|&(i, _)| i).collect();
        rows.sort_unstable();
        rows.dedup();
        for i in rows {
            let row = &renja.baris[i];
            let pagu = |v: Versi| {
                pagu_baru
                    .get(&(i, v))
                    .copied()
                    .or(row.isian(v).pagu)
                    .unwrap_or_default()
            };
            let d = pagu(Versi::Perubahan) - pagu(Versi::Murni);
            plan.rows.entry(row.baris).or_default().push(Edit {
                col,
                field: Field::TargetRp,
                want: Want::Computed(d.checked_div(skala).unwrap_or(d)),
                computed: true,
                doc_row: i,
            });
        }
    }
    for edits in plan.rows.values_mut() {
        edits.sort_by_key(|e| e.col);
        edits.dedup_by_key(|e| e.col);
    }
    let mut problems = Vec::new();
    let lacking = banding
        .simpul
        .iter()
        .enumerate()
        .filter(|(s, m)| {
            m.is_none()
                && nilai.simpul.get(*s).is_some_and(|n| {
                    !matches!(n.tingkat, Tingkat::Tujuan | Tingkat::Sasaran) && !n.tersirat
                })
        })
        .count();
    if lacking > 0 {
        problems.push(Problem {
            severity: Severity::Warning,
            code: "baris_tidak_di_template".into(),
            message: format!(
                "{lacking} program, kegiatan atau sub kegiatan rencana tidak ada di template \
                 Renja: tidak ditulis (tambahkan barisnya di template bila perlu)"
            ),
            at: Location {
                sheet: Some(renja.lembar.clone()),
                ..Location::default()
            },
        });
    }
    let first_data_row = reading.header_rows.1.saturating_add(1);
    let (bytes, more) = package::write(template, &renja.lembar, first_data_row, plan, limits)?;
    problems.extend(more);
    Ok((bytes, problems))
}

/// Whether the template's row states the value `sel` (where a node's value is printed).
fn terisi(row: &BarisRenja, sel: SelRenja) -> bool {
    let any =
        |f: &dyn Fn(&capaian_domain::renja::Isian) -> bool| f(&row.murni) || f(&row.perubahan);
    match sel {
        SelRenja::Pagu(v) => row.isian(v).pagu.is_some(),
        SelRenja::PaguMaju => row.maju.pagu.is_some(),
        SelRenja::Lokasi => any(&|i| !i.lokasi.trim().is_empty()),
        SelRenja::SumberDana => any(&|i| !i.sumber_dana.trim().is_empty()),
        SelRenja::Catatan => !row.catatan.trim().is_empty(),
        SelRenja::Target(_) | SelRenja::TargetMaju => false,
    }
}

/// What goes into the cell: money at the column's scale; a target as the template writes it
/// (with its unit as text when the template's cell names one); text as text.
fn tulis(
    value: &CellValue,
    kolom: &KolomNilai,
    row: &BarisRenja,
    satuan: Option<String>,
) -> Option<Want> {
    Some(match value {
        CellValue::Empty => return None,
        CellValue::Rp(d) => Want::Input(d.checked_div(kolom.skala).unwrap_or(*d)),
        CellValue::K(KValue::Number(v)) => {
            let written = match kolom.sel {
                SelRenja::Target(versi) => row.isian(versi).satuan.clone(),
                _ => row.maju.satuan.clone(),
            };
            match written {
                Some(old) => {
                    let unit = satuan.unwrap_or(old);
                    let v = v.normalize();
                    let n = format_id(v, v.scale());
                    Want::Text(if unit == "%" {
                        format!("{n}%")
                    } else {
                        format!("{n} {unit}")
                    })
                }
                None => Want::Input(*v),
            }
        }
        CellValue::K(_) | CellValue::Text(_) => {
            let t = display(value);
            if t.trim().is_empty() {
                return None;
            }
            Want::Text(t)
        }
    })
}

/// The E.81 level whose row style a created cell takes.
fn level(t: Option<TingkatRenja>) -> Level {
    match t {
        Some(TingkatRenja::Kegiatan) => Level::Kegiatan,
        Some(TingkatRenja::SubKegiatan) => Level::SubKegiatan,
        None => Level::Indikator,
        _ => Level::Program,
    }
}
