//! Export: the *rencana aksi* (target dan anggaran kas per triwulan) on its official sheet
//! ([`capaian_domain::form::rencana_aksi::SHEET`]: every position, letter, width, header
//! wording and numbering from there), one sheet row per document row, with the title (PD,
//! region, year), a total row, the Kepala's signature and the official print setup
//! (landscape, one page wide, the header repeated on every page).
//!
//! Values: the year's target and the targets of TW I–IV (`Row::rencana`, numbers as numbers,
//! grades and text as text), the pagu and the anggaran kas of each quarter. A parent's pagu or
//! kas is a `SUM` over its direct children when the document's value is their roll-up (equal,
//! or left empty), as the E.81 does, cached with that sum; the total row sums the programs.

use capaian_domain::e81::E81Computed;
use capaian_domain::edit::Cell;
use capaian_domain::form::rencana_aksi::RENCANA_AKSI;
use capaian_domain::form::{with_year, ColumnKind, SheetKind};
use capaian_domain::model::{Document, Level, Row};
use rust_decimal::Decimal;
use rust_xlsxwriter::{Workbook, Worksheet, XlsxError};

use super::check_rows;
use super::lembar::{
    anak, baris_pd, cetak, efektif, huruf, indent, kepala_lembar, kode, kolom, kolom_form, nomor,
    rp, rumus, tanda_tangan_kepala, tebal, tinggi, wilayah,
};
use super::{
    chunked, col_args, num_kind, pd_or, write_k, write_text, ExportError, ExportMeta, Kind, Styles,
    R_DATA,
};

/// The rencana aksi's columns (0-based), found by kind in its sheet list.
struct Kolom {
    no: u16,
    kode: u16,
    nama: u16,
    ind: u16,
    satuan: u16,
    target_k: u16,
    pagu: u16,
    /// Per quarter: the target and the anggaran kas.
    tw: [(u16, u16); 4],
    pj: u16,
    last: u16,
}

impl Kolom {
    fn of() -> Result<Kolom, ExportError> {
        let f = &RENCANA_AKSI;
        let input = |c: Cell| kolom_form(f, ColumnKind::Input(c));
        let tw = |q: u8| -> Result<(u16, u16), ExportError> {
            Ok((input(Cell::TargetTwK(q))?, input(Cell::KasRp(q))?))
        };
        Ok(Kolom {
            no: kolom(f, SheetKind::No)?,
            kode: kolom_form(f, ColumnKind::Kode)?,
            nama: kolom_form(f, ColumnKind::Nama)?,
            ind: input(Cell::Indicator)?,
            satuan: input(Cell::Unit)?,
            target_k: input(Cell::TargetK)?,
            pagu: input(Cell::TargetRp)?,
            tw: [tw(1)?, tw(2)?, tw(3)?, tw(4)?],
            pj: input(Cell::UnitPd)?,
            last: (f.sheet.len() - 1) as u16,
        })
    }
}

/// Write the rencana aksi of `doc`; `computed` (`capaian_domain::e81::compute` of it) gives
/// the rows' parents and children.
pub fn export_rencana_aksi(
    doc: &Document,
    computed: &E81Computed,
    meta: &ExportMeta,
) -> Result<Vec<u8>, ExportError> {
    let n = doc.rows.len();
    check_rows(n, computed.rows.len())?;
    let k = Kolom::of()?;
    let mut wb = Workbook::new();
    let st = Styles::new();
    let ws = wb.add_worksheet();
    ws.set_name(RENCANA_AKSI.key)?;
    ws.set_formula_result_default("");
    let lines = [
        format!("Rencana Aksi Perangkat Daerah Lingkup {}", wilayah(meta)),
        baris_pd(meta),
        format!("Target dan Anggaran Kas per Triwulan Tahun {}", meta.tahun),
    ];
    kepala_lembar(ws, &st, &RENCANA_AKSI, "Rencana Aksi", &lines, &|t| {
        with_year(t, meta.tahun)
    })?;
    // Every Rp column as the computation takes it: pagu, then kas TW I..IV.
    let eff: [Vec<Option<Decimal>>; 5] = [
        efektif(doc, computed, |r| r.target.rp),
        efektif(doc, computed, |r| r.rencana.triwulan[0].rp),
        efektif(doc, computed, |r| r.rencana.triwulan[1].rp),
        efektif(doc, computed, |r| r.rencana.triwulan[2].rp),
        efektif(doc, computed, |r| r.rencana.triwulan[3].rp),
    ];
    let rp_cols = [k.pagu, k.tw[0].1, k.tw[1].1, k.tw[2].1, k.tw[3].1];
    let own = |r: &Row| {
        [
            r.target.rp,
            r.rencana.triwulan[0].rp,
            r.rencana.triwulan[1].rp,
            r.rencana.triwulan[2].rp,
            r.rencana.triwulan[3].rp,
        ]
    };
    let nomor = nomor(doc);
    for (i, (row, c)) in doc.rows.iter().zip(&computed.rows).enumerate() {
        let r = R_DATA + i as u32;
        let bold = tebal(row.level);
        let ind = indent(row.level);
        let unit = row.unit.as_deref().unwrap_or("");
        let h = tinggi(
            &RENCANA_AKSI,
            &[
                (&row.name, k.nama),
                (&row.indicator, k.ind),
                (kode(row), k.kode),
                (unit, k.satuan),
                (&row.unit_pd, k.pj),
            ],
            ind,
            bold,
        );
        ws.set_row_height(r, h)?;
        write_text(ws, &st, (r, k.no), &nomor[i], bold, Kind::Center)?;
        write_text(ws, &st, (r, k.kode), kode(row), bold, Kind::Text)?;
        let name_fmt = &st.name[usize::from(bold)][ind];
        if row.name.is_empty() {
            ws.write_blank(r, k.nama, name_fmt)?;
        } else {
            ws.write_string_with_format(r, k.nama, &row.name, name_fmt)?;
        }
        write_text(ws, &st, (r, k.ind), &row.indicator, bold, Kind::Text)?;
        write_text(ws, &st, (r, k.satuan), unit, bold, Kind::Center)?;
        write_k(ws, &st, (r, k.target_k), row.target.k.as_ref(), bold)?;
        for (q, &(t, _)) in k.tw.iter().enumerate() {
            write_k(ws, &st, (r, t), row.rencana.triwulan[q].k.as_ref(), bold)?;
        }
        let kids: &[usize] = if row.level == Level::Indikator {
            &[]
        } else {
            &c.children
        };
        for ((&col, own), eff) in rp_cols.iter().zip(own(row)).zip(&eff) {
            rp(ws, &st, (r, col), own, kids, eff, bold)?;
        }
        write_text(ws, &st, (r, k.pj), &row.unit_pd, bold, Kind::Text)?;
    }
    let end = R_DATA + n as u32;
    write_total(ws, &st, &k, doc, computed, &eff, &rp_cols, end)?;
    let last = tanda_tangan_kepala(ws, &st, &RENCANA_AKSI, meta, end + 2)?;
    let footer = format!(
        "Rencana Aksi — {} — Tahun {}",
        pd_or(&meta.pd, ""),
        meta.tahun
    );
    cetak(ws, &RENCANA_AKSI, meta, last, k.ind, &footer)?;
    Ok(wb.save_to_buffer()?)
}

/// The total row at `r`: Σ of the programs' (top-level rows') pagu and kas per quarter.
#[allow(clippy::too_many_arguments)]
fn write_total(
    ws: &mut Worksheet,
    st: &Styles,
    k: &Kolom,
    doc: &Document,
    computed: &E81Computed,
    eff: &[Vec<Option<Decimal>>; 5],
    rp_cols: &[u16; 5],
    r: u32,
) -> Result<(), XlsxError> {
    let top: Vec<usize> = (0..doc.rows.len())
        .filter(|&i| doc.rows[i].level != Level::Indikator && computed.rows[i].parent.is_none())
        .collect();
    let rows: Vec<u32> = top.iter().map(|&i| R_DATA + i as u32).collect();
    ws.merge_range(r, k.no, r, k.satuan, "Jumlah", &st.footer_label)?;
    for c in k.target_k..=k.last {
        ws.write_blank(r, c, st.get(true, Kind::Text))?;
    }
    for (&col, eff) in rp_cols.iter().zip(eff) {
        // SUM over blanks is 0.
        let v = Some(anak(&top, eff).unwrap_or_default());
        let text = chunked("SUM", &col_args(&huruf(col), &rows));
        rumus(
            ws,
            (r, col),
            &text,
            v,
            st.get(true, num_kind(v, Kind::Dec2)),
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rencana_aksi_sheet_has_every_column_the_export_writes() {
        let k = Kolom::of().expect("layout");
        assert_eq!((k.no, k.kode, k.nama, k.target_k, k.pagu), (0, 1, 2, 5, 6));
        assert_eq!((k.tw[0], k.tw[3], k.pj, k.last), ((7, 8), (13, 14), 15, 15));
    }
}
