//! The *Grafik* sheet of the exported E.81: the two tables the charts draw from and two
//! native Excel charts beside them, so the report's figures can be pasted as they are.
//!
//! - *Capaian kinerja per program*: one row per program ([`grafik::capaian_program`]): the
//!   program (code and name) and its capaian s.d. TW n. The capaian is a formula on the E.81
//!   sheet's column 13 K of the program's row when that cell is what the computation used (the
//!   same rule as the footer's rata-rata: a numeric indicator whose column 13 K equals the
//!   capaian s.d. TW n), else the computed value (a program rated by its children's average).
//!   A horizontal bar chart.
//! - *Penyerapan anggaran per triwulan* ([`grafik::serapan_triwulan`]): per TW, the cumulative
//!   realisasi (a formula over the programs' TW Rp cells of the E.81 sheet, empty after the
//!   last quarter with any realisasi), the pagu (over their column 7 Rp), % of the pagu, the
//!   cumulative anggaran kas (a value: the E.81 does not print it) and % of it. A line chart of
//!   the two percentages over the quarters reported so far (a quarter not reported yet is left
//!   out rather than drawn as 0), the kas line only when there is kas.
//!
//! Texts are values (strings); numbers are formulas where the E.81 sheet has the figures, each
//! with Capaian's unrounded value cached. Percentages are numbers in percent units
//! (`#,##0.00`), as on the E.81 sheet.

use capaian_domain::e81::E81Computed;
use capaian_domain::form::e81::E81;
use capaian_domain::grafik::{self, BatangCapaian};
use capaian_domain::model::{Document, Polarity};
use rust_decimal::Decimal;
use rust_xlsxwriter::{
    Chart, ChartAxisCrossing, ChartDataLabel, ChartDataLabelPosition, ChartFormat,
    ChartLegendPosition, ChartLine, ChartMarker, ChartMarkerType, ChartSolidFill, ChartType,
    Workbook, XlsxError,
};

use super::layout::Layout;
use super::{
    c13_k_is_capaian, capaian_formula, chunked, col_args, dec_result, num_kind, print_setup, roman,
    ExportMeta, Kind, Sheet, Styles, MAX_FORMULA, R_DATA,
};

/// The sheet's name.
pub const LEMBAR: &str = "Grafik";

/// First row (0-based) of the capaian table's header.
const R_CAPAIAN: u32 = 3;
/// Pixels per default row (15 pt), to keep the charts beside their tables.
const PX_BARIS: u32 = 20;

/// `'E.81'!` before a cell or range of the E.81 sheet.
fn e81_ref(arg: &str) -> String {
    format!("'{}'!{arg}", E81.key.replace('\'', "''"))
}

/// The cells of columns `cols` in the E.81 rows `rows` (0-based), as function arguments.
fn e81_args(l: &Layout, cols: &[u16], rows: &[u32]) -> Vec<String> {
    cols.iter()
        .flat_map(|&c| col_args(l.letter(c), rows))
        .map(|a| e81_ref(&a))
        .collect()
}

/// `IF(COUNT(when)=0,"",SUM(what))`: Σ of the cells, empty when none of `when` holds a
/// number; None when longer than Excel takes.
fn sum_if_any(when: &[String], what: &[String]) -> Option<String> {
    let text = format!(
        "IF({}=0,\"\",{})",
        chunked("COUNT", when),
        chunked("SUM", what)
    );
    (text.len() <= MAX_FORMULA).then_some(text)
}

/// Write the *Grafik* sheet of `doc` into `wb` (after the E.81 sheet, which stays the first
/// and active one); none when the document has no program.
pub(super) fn write_grafik(
    wb: &mut Workbook,
    st: &Styles,
    l: &Layout,
    doc: &Document,
    computed: &E81Computed,
    meta: &ExportMeta,
) -> Result<(), XlsxError> {
    let batang = grafik::capaian_program(doc, computed);
    if batang.is_empty() {
        // No program: nothing to chart, no sheet.
        return Ok(());
    }
    let titik = grafik::serapan_triwulan(doc, computed);
    let ws = wb.add_worksheet();
    ws.set_name(LEMBAR)?;
    ws.set_formula_result_default("");
    let mut sh = Sheet { ws, st, l };
    let tw = roman(meta.triwulan.clamp(1, 4));
    let judul = format!(
        "Grafik {} — {} — Triwulan {tw} Tahun {}",
        E81.nama,
        super::pd_or(&meta.pd, "Perangkat Daerah"),
        meta.tahun
    );
    sh.ws
        .write_string_with_format(0, 0, &judul, &st.title_small)?;
    sh.ws.write_string_with_format(
        1,
        0,
        "Angka mengikuti lembar E.81 (rumus); anggaran kas dari rencana anggaran kas.",
        &st.sign,
    )?;
    for (c, w) in [
        (0u16, 44.0),
        (1, 16.0),
        (2, 16.0),
        (3, 12.0),
        (4, 16.0),
        (5, 12.0),
    ] {
        sh.ws.set_column_width(c, w)?;
    }

    // Capaian per program.
    let judul_capaian = format!("Capaian kinerja per program s.d. Triwulan {tw}");
    let kepala = &st.head;
    sh.ws
        .write_string_with_format(R_CAPAIAN, 0, "Program", kepala)?;
    sh.ws
        .write_string_with_format(R_CAPAIAN, 1, format!("Capaian s.d. TW {tw} (%)"), kepala)?;
    let r1 = R_CAPAIAN + 1;
    for (j, b) in batang.iter().enumerate() {
        let r = r1 + j as u32;
        super::write_text(sh.ws, st, (r, 0), &b.label(), false, Kind::Text)?;
        capaian_cell(&mut sh, r, b, doc, computed)?;
    }
    let akhir_capaian = r1 + batang.len().max(1) as u32 - 1;

    // Chart 1, beside its table; the second table starts below the lower of the two.
    let tinggi_1 = (60 + 26 * batang.len() as u32).max(300);
    {
        let mut chart = Chart::new(ChartType::Bar);
        chart
            .add_series()
            .set_name((LEMBAR, R_CAPAIAN, 1))
            .set_categories((LEMBAR, r1, 0, akhir_capaian, 0))
            .set_values((LEMBAR, r1, 1, akhir_capaian, 1))
            .set_format(
                ChartFormat::new().set_solid_fill(ChartSolidFill::new().set_color("#1F4E79")),
            )
            .set_data_label(
                ChartDataLabel::new()
                    .show_value()
                    .set_position(ChartDataLabelPosition::OutsideEnd)
                    .set_num_format("#,##0.00\"%\""),
            );
        chart.title().set_name(&judul_capaian);
        chart.legend().set_hidden();
        let x = chart.x_axis().set_min(0).set_num_format("0\"%\"");
        if batang
            .iter()
            .filter_map(|b| b.capaian)
            .all(|c| c <= Decimal::ONE_HUNDRED)
        {
            // Against the target: the bars' length out of 100 %.
            x.set_max(100).set_major_unit(20);
        }
        // The first program on top, the value axis below.
        chart
            .y_axis()
            .set_reverse()
            .set_crossing(ChartAxisCrossing::Max);
        chart.set_width(640).set_height(tinggi_1);
        chart.set_alt_text(format!(
            "Grafik batang capaian kinerja {} program s.d. Triwulan {tw}",
            batang.len()
        ));
        sh.ws.insert_chart(R_CAPAIAN, 7, &chart)?;
    }
    let r_serapan = (akhir_capaian + 3).max(R_CAPAIAN + tinggi_1.div_ceil(PX_BARIS) + 2);

    // Penyerapan per quarter.
    let judul_serapan = "Penyerapan anggaran kumulatif per triwulan".to_string();
    let heads = [
        "Triwulan",
        "Realisasi kumulatif (Rp)",
        "Pagu (Rp)",
        "Terhadap pagu (%)",
        "Anggaran kas kumulatif (Rp)",
        "Terhadap anggaran kas (%)",
    ];
    for (c, h) in heads.iter().enumerate() {
        sh.ws
            .write_string_with_format(r_serapan, c as u16, *h, kepala)?;
    }
    sh.ws.set_row_height(r_serapan, 24)?;
    let top_rows: Vec<u32> = batang.iter().map(|b| R_DATA + b.baris as u32).collect();
    let target = e81_args(l, &[l.target.rp], &top_rows);
    for (j, t) in titik.iter().enumerate() {
        let r = r_serapan + 1 + j as u32;
        let q = usize::from(t.triwulan.clamp(1, 4));
        super::write_text(
            sh.ws,
            st,
            (r, 0),
            &format!("TW {}", roman(t.triwulan)),
            false,
            Kind::Center,
        )?;
        let sampai: Vec<u16> = l.tw[..q].iter().map(|c| c.rp).collect();
        let sesudah: Vec<u16> = l.tw[q - 1..].iter().map(|c| c.rp).collect();
        let realisasi = sum_if_any(
            &e81_args(l, &sesudah, &top_rows),
            &e81_args(l, &sampai, &top_rows),
        );
        rp_cell(&mut sh, r, 1, realisasi, t.realisasi_kumulatif)?;
        rp_cell(&mut sh, r, 2, sum_if_any(&target, &target), t.pagu)?;
        persen_cell(&mut sh, r, 3, (r, 2), (r, 1), t.persen_pagu)?;
        sh.rp(r, 4, t.kas_kumulatif, false)?;
        persen_cell(&mut sh, r, 5, (r, 4), (r, 1), t.persen_kas)?;
    }
    let akhir_serapan = r_serapan + titik.len() as u32;

    // Chart 2: the quarters reported so far (all four when none is).
    let dilaporkan = titik
        .iter()
        .rposition(|t| t.realisasi_kumulatif.is_some())
        .map_or(titik.len(), |i| i + 1)
        .max(1) as u32;
    let (d1, d2) = (r_serapan + 1, r_serapan + dilaporkan);
    let mut chart = Chart::new(ChartType::Line);
    let seri: [(u16, &str, bool); 2] = [
        (3, "#1F4E79", true),
        (
            5,
            "#C55A11",
            titik.iter().any(|t| t.kas_kumulatif.is_some()),
        ),
    ];
    for (col, warna, ada) in seri {
        if !ada {
            continue;
        }
        chart
            .add_series()
            .set_name((LEMBAR, r_serapan, col))
            .set_categories((LEMBAR, d1, 0, d2, 0))
            .set_values((LEMBAR, d1, col, d2, col))
            .set_format(
                ChartFormat::new().set_line(ChartLine::new().set_color(warna).set_width(2.25)),
            )
            .set_marker(
                ChartMarker::new()
                    .set_type(ChartMarkerType::Circle)
                    .set_size(7)
                    .set_format(
                        ChartFormat::new().set_solid_fill(ChartSolidFill::new().set_color(warna)),
                    ),
            )
            .set_data_label(
                ChartDataLabel::new()
                    .show_value()
                    .set_position(ChartDataLabelPosition::Above)
                    .set_num_format("#,##0.00\"%\""),
            );
    }
    chart.title().set_name(&judul_serapan);
    chart.legend().set_position(ChartLegendPosition::Bottom);
    let terbesar = titik
        .iter()
        .flat_map(|t| [t.persen_pagu, t.persen_kas])
        .flatten()
        .max()
        .unwrap_or(Decimal::ZERO);
    let y = chart.y_axis().set_min(0).set_num_format("0\"%\"");
    if terbesar <= Decimal::ONE_HUNDRED {
        y.set_max(100).set_major_unit(20);
    }
    chart.set_width(640).set_height(320);
    chart.set_alt_text(judul_serapan.clone());
    sh.ws.insert_chart(r_serapan, 7, &chart)?;

    let akhir = akhir_serapan.max(r_serapan + 320 / PX_BARIS + 1);
    print_setup(sh.ws, meta.paper, (0, 0), (akhir, 0, 17), &judul)?;
    sh.ws.set_print_fit_to_pages(1, 1);
    Ok(())
}

/// A program's capaian: the E.81 column 13 K of its row when that is the capaian the
/// computation used, else the value.
fn capaian_cell(
    sh: &mut Sheet<'_>,
    r: u32,
    b: &BatangCapaian,
    doc: &Document,
    computed: &E81Computed,
) -> Result<(), XlsxError> {
    if c13_k_is_capaian(&doc.rows[b.baris], &computed.rows[b.baris]) {
        let cell = e81_ref(&sh.l.a1(R_DATA + b.baris as u32, sh.l.c13.k).to_string());
        let text = format!("IF({cell}=\"\",\"\",{cell})");
        let f = sh.st.get(false, Kind::Dec2);
        sh.formula(r, 1, &text, dec_result(b.capaian), f)
    } else {
        sh.pct(r, 1, b.capaian, false)
    }
}

/// An Rp cell: the formula with its cached value, else the value.
fn rp_cell(
    sh: &mut Sheet<'_>,
    r: u32,
    c: u16,
    formula: Option<String>,
    v: Option<Decimal>,
) -> Result<(), XlsxError> {
    match formula {
        Some(text) => {
            let f = sh.st.get(false, num_kind(v, Kind::Dec2));
            sh.formula(r, c, &text, dec_result(v), f)
        }
        None => sh.rp(r, c, v, false),
    }
}

/// `numerator ÷ base × 100` of two cells of this sheet, empty without them.
fn persen_cell(
    sh: &mut Sheet<'_>,
    r: u32,
    c: u16,
    base: (u32, u16),
    numerator: (u32, u16),
    v: Option<Decimal>,
) -> Result<(), XlsxError> {
    // Column letters are the same on every sheet: the E.81 layout's serve for A–F.
    let l = sh.l;
    let mut text = String::new();
    capaian_formula(
        &mut text,
        l.a1(base.0, base.1),
        l.a1(numerator.0, numerator.1),
        Polarity::HigherIsBetter,
        false,
    );
    let f = sh.st.get(false, Kind::Dec2);
    sh.formula(r, c, &text, dec_result(v), f)
}
