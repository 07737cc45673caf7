//! Export: the *laporan capaian kinerja dan keuangan s.d. triwulan n* on its official sheet
//! ([`capaian_domain::form::laporan::SHEET`]: every position, letter, width, header wording and
//! numbering from there), one sheet row per document row, with the title (PD, region, `s.d.
//! Triwulan n Tahun …`), a total row, the Kepala's signature and the official print setup
//! (landscape, one page wide, the header repeated on every page).
//!
//! The reported quarter n is the document's (`Document::quarter`, else IV), the one
//! [`capaian_domain::e81::compute`] reports capaian s.d. TW at.
//!
//! Values and formulas (the E.81 export's rules, formats and helpers):
//! - Inputs are values: the year's target, per quarter the rencana aksi's target and the
//!   realisasi kinerja (numbers as numbers, grades and text as text) and keuangan. A parent's
//!   Rp (pagu, realisasi per quarter) is a `SUM` over its direct children when the document's
//!   value is their roll-up (equal, or left empty), as the E.81 does.
//! - `% Capaian Kinerja s.d TW n` is a formula of the row's own cells where the value is the
//!   row's own indicator: the quarters I..n aggregated as the indicator says (Sum → `SUM`, which
//!   is 0 before anything is realised; Last → the latest quarter with a value; Max, Average;
//!   YearEnd → TW IV) against the year's target by its polarity, capped at 100 when
//!   `ExportMeta::cap_100` or the indicator's `cap_100` says so. A node whose capaian is its
//!   children's average gets `SUM/COUNT` over the children's cells; anything else (grades,
//!   text, a mean over extra indicator rows) is written as the computed value.
//! - `Realisasi Keuangan s.d TW n` is `SUM` of the quarters' Rp (I..n, and any later quarter
//!   that holds an amount, as the computation sums them), `% Capaian Keuangan` that over the
//!   pagu; the predikat is a value.
//! - Every formula caches Capaian's unrounded value (`RowComputed::capaian_sd_tw`, `c12`,
//!   `penyerapan_pct`).

use std::fmt::Write as _;

use capaian_domain::e81::{E81Computed, RowComputed};
use capaian_domain::edit::Cell;
use capaian_domain::form::laporan::LAPORAN;
use capaian_domain::form::{with_period, ColumnKind, Computed, SheetKind};
use capaian_domain::model::{Aggregation, Document, KValue, Level, Polarity, Row, ValueType};
use rust_decimal::Decimal;
use rust_xlsxwriter::{Workbook, Worksheet, XlsxError};

use super::check_rows;
use super::layout::A1;
use super::lembar::{
    cetak, efektif, huruf, indent, kepala_lembar, kode, kolom, kolom_form, nomor, rp, rumus,
    tanda_tangan_kepala, tebal, tinggi, wilayah,
};
use super::{
    aggregation_formula, capaian_formula, chunked, col_args, num_kind, pd_or, roman, write_k,
    write_text, ExportError, ExportMeta, Kind, Styles, MAX_FORMULA, R_DATA,
};

/// The laporan's columns (0-based), found by kind in its sheet list.
struct Kolom {
    no: u16,
    sasaran: u16,
    kode: u16,
    nama: u16,
    ind: u16,
    satuan: u16,
    target_k: u16,
    pagu: u16,
    /// Per quarter: the rencana aksi's target, realisasi kinerja and keuangan.
    tw: [(u16, u16, u16); 4],
    capaian: u16,
    sd_rp: u16,
    persen_rp: u16,
    predikat: u16,
    last: u16,
}

impl Kolom {
    fn of() -> Result<Kolom, ExportError> {
        let f = &LAPORAN;
        let input = |c: Cell| kolom_form(f, ColumnKind::Input(c));
        let hitung = |c: Computed| kolom_form(f, ColumnKind::Computed(c));
        let tw = |q: u8| -> Result<(u16, u16, u16), ExportError> {
            Ok((
                input(Cell::TargetTwK(q))?,
                input(Cell::TwK(q))?,
                input(Cell::TwRp(q))?,
            ))
        };
        Ok(Kolom {
            no: kolom(f, SheetKind::No)?,
            sasaran: kolom(f, SheetKind::Sasaran)?,
            kode: kolom_form(f, ColumnKind::Kode)?,
            nama: kolom_form(f, ColumnKind::Nama)?,
            ind: input(Cell::Indicator)?,
            satuan: input(Cell::Unit)?,
            target_k: input(Cell::TargetK)?,
            pagu: input(Cell::TargetRp)?,
            tw: [tw(1)?, tw(2)?, tw(3)?, tw(4)?],
            capaian: hitung(Computed::CapaianSdTw)?,
            sd_rp: hitung(Computed::Rp(12))?,
            persen_rp: hitung(Computed::Penyerapan)?,
            predikat: hitung(Computed::Predikat)?,
            last: (f.sheet.len() - 1) as u16,
        })
    }
}

/// Column letters, left to right.
fn letters() -> Vec<String> {
    (0..LAPORAN.sheet.len() as u16).map(huruf).collect()
}

fn angka(v: Option<&KValue>) -> bool {
    matches!(v, None | Some(KValue::Number(_)))
}

/// Write the laporan capaian kinerja dan keuangan s.d. TW n of `doc` with the values
/// `computed` from it (`capaian_domain::e81::compute` with the settings whose `cap_100` is
/// `meta.cap_100`).
pub fn export_laporan(
    doc: &Document,
    computed: &E81Computed,
    meta: &ExportMeta,
) -> Result<Vec<u8>, ExportError> {
    let n = doc.rows.len();
    check_rows(n, computed.rows.len())?;
    let k = Kolom::of()?;
    let tw = doc.quarter.unwrap_or(4).clamp(1, 4);
    let mut wb = Workbook::new();
    let st = Styles::new();
    let ws = wb.add_worksheet();
    ws.set_name(LAPORAN.key)?;
    ws.set_formula_result_default("");
    let periode = format!("s.d. Triwulan {} Tahun {}", roman(tw), meta.tahun);
    let lines = [
        format!(
            "Laporan Capaian Kinerja dan Keuangan Perangkat Daerah Lingkup {}",
            wilayah(meta)
        ),
        super::lembar::baris_pd(meta),
        format!("Periode Pelaksanaan: {periode}"),
    ];
    kepala_lembar(
        ws,
        &st,
        &LAPORAN,
        "Laporan Capaian Kinerja dan Keuangan",
        &lines,
        &|t| with_period(t, meta.tahun, tw),
    )?;
    let hurufs = letters();
    write_rows(ws, &st, &k, &hurufs, doc, computed, meta, usize::from(tw))?;
    let end = R_DATA + n as u32;
    write_total(ws, &st, &k, &hurufs, doc, computed, end)?;
    let last = tanda_tangan_kepala(ws, &st, &LAPORAN, meta, end + 2)?;
    let footer = format!(
        "Laporan Capaian Kinerja dan Keuangan — {} — {periode}",
        pd_or(&meta.pd, "")
    );
    cetak(ws, &LAPORAN, meta, last, k.ind, &footer)?;
    Ok(wb.save_to_buffer()?)
}

#[allow(clippy::too_many_arguments)]
fn write_rows(
    ws: &mut Worksheet,
    st: &Styles,
    k: &Kolom,
    hurufs: &[String],
    doc: &Document,
    computed: &E81Computed,
    meta: &ExportMeta,
    tw: usize,
) -> Result<(), XlsxError> {
    let at = |c: u16, r: u32| A1(hurufs[usize::from(c)].as_str(), r);
    let eff_pagu = efektif(doc, computed, |row| row.target.rp);
    let eff_tw: [Vec<Option<Decimal>>; 4] =
        [0, 1, 2, 3].map(|q| efektif(doc, computed, |row| row.tw[q].rp));
    let nomor = nomor(doc);
    let mut f = String::new();
    for (i, (row, c)) in doc.rows.iter().zip(&computed.rows).enumerate() {
        let r = R_DATA + i as u32;
        let bold = tebal(row.level);
        let ind = indent(row.level);
        let node = row.level != Level::Indikator;
        let unit = row.unit.as_deref().unwrap_or("");
        let h = tinggi(
            &LAPORAN,
            &[
                (&row.name, k.nama),
                (&row.indicator, k.ind),
                (kode(row), k.kode),
                (unit, k.satuan),
            ],
            ind,
            bold,
        );
        ws.set_row_height(r, h)?;
        write_text(ws, st, (r, k.no), &nomor[i], bold, Kind::Center)?;
        write_text(
            ws,
            st,
            (r, k.sasaran),
            row.rencana.sasaran.trim(),
            bold,
            Kind::Text,
        )?;
        write_text(ws, st, (r, k.kode), kode(row), bold, Kind::Text)?;
        let name_fmt = &st.name[usize::from(bold)][ind];
        if row.name.is_empty() {
            ws.write_blank(r, k.nama, name_fmt)?;
        } else {
            ws.write_string_with_format(r, k.nama, &row.name, name_fmt)?;
        }
        write_text(ws, st, (r, k.ind), &row.indicator, bold, Kind::Text)?;
        write_text(ws, st, (r, k.satuan), unit, bold, Kind::Center)?;
        write_k(ws, st, (r, k.target_k), row.target.k.as_ref(), bold)?;
        let kids: &[usize] = if node { &c.children } else { &[] };
        rp(ws, st, (r, k.pagu), row.target.rp, kids, &eff_pagu, bold)?;
        for (q, &(t, kin, keu)) in k.tw.iter().enumerate() {
            write_k(ws, st, (r, t), row.rencana.triwulan[q].k.as_ref(), bold)?;
            write_k(ws, st, (r, kin), row.tw[q].k.as_ref(), bold)?;
            rp(ws, st, (r, keu), row.tw[q].rp, kids, &eff_tw[q], bold)?;
        }

        // % capaian kinerja s.d. TW n.
        f.clear();
        if capaian_formula_of(&mut f, k, (doc, computed), i, tw, meta.cap_100, &at) {
            let fmt = st.get(bold, Kind::Dec2);
            rumus(ws, (r, k.capaian), &f, c.capaian_sd_tw, fmt)?;
        } else {
            pct(ws, st, (r, k.capaian), c.capaian_sd_tw, bold)?;
        }

        // Realisasi keuangan s.d. TW n and its share of the pagu (node rows).
        if node {
            let last_q = (tw..4)
                .rev()
                .find(|&q| eff_tw[q][i].is_some())
                .map_or(tw, |q| q + 1);
            let cells: Vec<String> = k.tw[..last_q]
                .iter()
                .map(|&(_, _, keu)| at(keu, r).to_string())
                .collect();
            let list = cells.join(",");
            match (c.c12.rp, row.stated.c12.rp) {
                // No quarter's realisasi, but the file it came from stated its realisasi so far
                // (a laporan s.d. TW n): that figure, as Capaian's totals count it.
                (None, Some(stated)) => {
                    rp(ws, st, (r, k.sd_rp), Some(stated), &[], &[], bold)?;
                }
                _ => {
                    f.clear();
                    let _ = write!(f, "IF(COUNT({list})=0,\"\",SUM({list}))");
                    let fmt = st.get(bold, num_kind(c.c12.rp, Kind::Dec2));
                    rumus(ws, (r, k.sd_rp), &f, c.c12.rp, fmt)?;
                }
            }
            f.clear();
            capaian_formula(
                &mut f,
                at(k.pagu, r),
                at(k.sd_rp, r),
                Polarity::HigherIsBetter,
                false,
            );
            let fmt = st.get(bold, Kind::Dec2);
            rumus(ws, (r, k.persen_rp), &f, c.penyerapan_pct, fmt)?;
        } else {
            write_text(ws, st, (r, k.sd_rp), "", bold, Kind::Text)?;
            write_text(ws, st, (r, k.persen_rp), "", bold, Kind::Text)?;
        }
        let predikat = c.rating.as_deref().unwrap_or("");
        write_text(ws, st, (r, k.predikat), predikat, bold, Kind::Center)?;
    }
    Ok(())
}

/// A percentage as a number, or blank.
fn pct(
    ws: &mut Worksheet,
    st: &Styles,
    (r, c): (u32, u16),
    v: Option<Decimal>,
    bold: bool,
) -> Result<(), XlsxError> {
    match v {
        Some(d) => {
            ws.write_number_with_format(r, c, super::to_f64(d), st.get(bold, Kind::Dec2))?;
        }
        None => write_text(ws, st, (r, c), "", bold, Kind::Center)?,
    }
    Ok(())
}

/// Row `i`'s capaian s.d. TW `tw` as a formula into `f`, when one gives the computed value:
/// the row's own indicator (an indicator row; a node whose capaian is its own and has no extra
/// indicator rows under it) with a number or nothing as its target and quarters I..tw, or a
/// node whose capaian is the plain mean of its children's. False when it is written as a value.
fn capaian_formula_of<'a>(
    f: &mut String,
    k: &Kolom,
    (doc, computed): (&Document, &E81Computed),
    i: usize,
    tw: usize,
    cap_100: bool,
    at: &impl Fn(u16, u32) -> A1<'a>,
) -> bool {
    let (row, c): (&Row, &RowComputed) = (&doc.rows[i], &computed.rows[i]);
    let r = R_DATA + i as u32;
    let sem = &row.semantics;
    let own_numbers = !matches!(sem.value_type, ValueType::Grade | ValueType::Text)
        && angka(row.target.k.as_ref())
        && row.tw[..tw].iter().all(|p| angka(p.k.as_ref()));
    let extra = doc
        .rows
        .get(i + 1)
        .is_some_and(|n| n.level == Level::Indikator);
    use capaian_domain::e81::CapaianSource as S;
    let own = match row.level {
        Level::Indikator => true,
        _ => !extra && matches!(c.capaian_source, S::OwnIndicator | S::None),
    };
    if own {
        if !own_numbers {
            return false;
        }
        let cells: Vec<A1<'a>> = k.tw[..tw].iter().map(|&(_, kin, _)| at(kin, r)).collect();
        let mut agg = String::new();
        match sem.aggregation {
            // Σ of the quarters, 0 before anything is realised (as the computation takes it).
            Aggregation::Sum => {
                let list: Vec<String> = cells.iter().map(ToString::to_string).collect();
                let _ = write!(agg, "SUM({})", list.join(","));
            }
            // The fourth quarter, not reached before TW IV.
            Aggregation::YearEnd if tw < 4 => aggregation_formula(&mut agg, sem.aggregation, &[]),
            a => aggregation_formula(&mut agg, a, &cells),
        }
        capaian_formula(
            f,
            at(k.target_k, r),
            agg,
            sem.polarity,
            sem.cap_100 || cap_100,
        );
        return true;
    }
    if c.capaian_source != S::ChildrenAverage {
        return false;
    }
    let values: Vec<Decimal> = c
        .children
        .iter()
        .filter_map(|&j| computed.rows[j].capaian_sd_tw)
        .collect();
    if values.is_empty()
        || Some(values.iter().sum::<Decimal>() / Decimal::from(values.len() as u64))
            != c.capaian_sd_tw
    {
        return false;
    }
    let rows: Vec<u32> = c.children.iter().map(|&j| R_DATA + j as u32).collect();
    let args = col_args(&huruf(k.capaian), &rows);
    let text = format!(
        "IF({cnt}=0,\"\",({sum})/({cnt}))",
        cnt = chunked("COUNT", &args),
        sum = chunked("SUM", &args)
    );
    if text.len() > MAX_FORMULA {
        return false;
    }
    f.push_str(&text);
    true
}

/// The total row under the data at `r`: Σ pagu and Σ realisasi keuangan s.d. TW n over the
/// programs (the top-level rows), that share, the mean of their capaian and its predikat.
fn write_total(
    ws: &mut Worksheet,
    st: &Styles,
    k: &Kolom,
    hurufs: &[String],
    doc: &Document,
    computed: &E81Computed,
    r: u32,
) -> Result<(), XlsxError> {
    let t = &computed.totals;
    let top: Vec<u32> = (0..doc.rows.len())
        .filter(|&i| doc.rows[i].level != Level::Indikator && computed.rows[i].parent.is_none())
        .map(|i| R_DATA + i as u32)
        .collect();
    ws.merge_range(
        r,
        k.no,
        r,
        k.satuan,
        "Jumlah seluruh program dan rata-rata capaian kinerja",
        &st.footer_label,
    )?;
    for c in k.target_k..=k.last {
        ws.write_blank(r, c, st.get(true, Kind::Text))?;
    }
    let dec = st.get(true, Kind::Dec2);
    let sum = |c: u16| chunked("SUM", &col_args(&hurufs[usize::from(c)], &top));
    let (pagu, realisasi) = (Some(t.target_rp), Some(t.realisasi_rp));
    rumus(
        ws,
        (r, k.pagu),
        &sum(k.pagu),
        pagu,
        st.get(true, num_kind(pagu, Kind::Dec2)),
    )?;
    rumus(
        ws,
        (r, k.sd_rp),
        &sum(k.sd_rp),
        realisasi,
        st.get(true, num_kind(realisasi, Kind::Dec2)),
    )?;
    let mut f = String::new();
    let at = |c: u16| A1(hurufs[usize::from(c)].as_str(), r);
    capaian_formula(
        &mut f,
        at(k.pagu),
        at(k.sd_rp),
        Polarity::HigherIsBetter,
        false,
    );
    rumus(ws, (r, k.persen_rp), &f, t.penyerapan_pct, dec)?;
    let args = col_args(&hurufs[usize::from(k.capaian)], &top);
    let rata = format!(
        "IF({cnt}=0,\"\",({sum})/({cnt}))",
        cnt = chunked("COUNT", &args),
        sum = chunked("SUM", &args)
    );
    rumus(ws, (r, k.capaian), &rata, t.rata_rata_capaian, dec)?;
    let predikat = t.predikat.as_deref().unwrap_or("");
    write_text(ws, st, (r, k.predikat), predikat, true, Kind::Center)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_laporan_sheet_has_every_column_the_export_writes() {
        let k = Kolom::of().expect("layout");
        assert_eq!((k.no, k.kode, k.nama, k.target_k, k.pagu), (0, 2, 3, 6, 7));
        assert_eq!(k.tw[0], (8, 9, 10));
        assert_eq!(k.tw[3], (17, 18, 19));
        assert_eq!(
            (k.capaian, k.sd_rp, k.persen_rp, k.predikat),
            (20, 21, 22, 23)
        );
        assert_eq!(huruf(k.sd_rp), "V");
    }
}
