//! Grafik (charts) of a document: capaian kinerja per program against the predikat bands, and
//! the penyerapan anggaran per quarter against the pagu and the anggaran kas.
//!
//! Two steps, both pure:
//! - the figures ([`capaian_program`], [`serapan_triwulan`]) from a document and its E.81
//!   computation, in `Decimal`; the same figures feed the SVG on the workspace page and the
//!   *Grafik* sheet of the exported E.81 workbook;
//! - the SVG ([`svg_capaian`], [`svg_serapan`]): a fixed layout (800 units wide), no script, no
//!   external font or style, every text escaped, labelled for screen readers in Bahasa
//!   Indonesia (`role="img"`, `aria-label`, `<title>`, `<desc>`), the same string for the same
//!   figures. Figures become `f64` only as coordinates. Nothing to draw gives a small SVG that
//!   says *Belum ada data*.
//!
//! Rules:
//! - The bars are the top-level nodes of the tree (the programs): their `capaian_sd_tw` and its
//!   predikat on the workspace's scale. The chart's axis runs from 0 to 100 %, or further (in
//!   steps of 20, beyond 200 of 50) up to the largest capaian, at most 300 %: a longer bar ends
//!   at the edge and its label says the real value.
//! - Penyerapan uses the document total: Σ of the top-level nodes' effective Rp
//!   ([`crate::e81::effective_rp_of`]: own cell, else Σ children). Per quarter: the realisasi of
//!   the quarter and cumulative (cumulative up to the last quarter with any realisasi, none after
//!   it: a quarter not yet reported is not a flat line), the pagu (column 7), the anggaran kas of
//!   the quarter and cumulative (none while no kas has been entered), realisasi kumulatif ÷ pagu
//!   and ÷ kas kumulatif × 100 ([`crate::anggaran::penyerapan`]).

use std::fmt::Write as _;

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::anggaran::{penyerapan, Serapan};
use crate::e81::{compute, effective_rp_of, E81Computed};
use crate::model::{Document, Level};
use crate::narasi::rupiah;
use crate::num::{format_id, format_pct};
use crate::pengaturan::Pengaturan;
use crate::scale::{Band, Scale};

/// One bar: a program and its capaian kinerja s.d. the reported quarter.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct BatangCapaian {
    /// Index of the row in `Document::rows`.
    pub baris: usize,
    /// The code as people see it ([`crate::model::Row::kode_shown`]).
    pub kode: Option<String>,
    pub nama: String,
    /// Capaian s.d. TW n (percent units, unrounded); None when the row has none.
    pub capaian: Option<Decimal>,
    /// The capaian's band on the scale (`Tinggi`, `Sangat Memuaskan`).
    pub predikat: Option<String>,
}

impl BatangCapaian {
    /// `5.03.02 PROGRAM …`, or the name alone.
    pub fn label(&self) -> String {
        match self
            .kode
            .as_deref()
            .map(str::trim)
            .filter(|k| !k.is_empty())
        {
            Some(k) => format!("{k} {}", self.nama.trim()),
            None => self.nama.trim().to_string(),
        }
    }
}

/// One quarter of the document's penyerapan anggaran (Rp, percent units, unrounded).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TitikSerapan {
    /// 1..=4
    pub triwulan: u8,
    /// Realisasi of the quarter (columns 8–11 Rp).
    pub realisasi: Option<Decimal>,
    /// Realisasi TW I up to this quarter; None after the last quarter with any realisasi.
    pub realisasi_kumulatif: Option<Decimal>,
    /// The year's pagu (column 7 Rp).
    pub pagu: Option<Decimal>,
    /// Anggaran kas of the quarter.
    pub kas: Option<Decimal>,
    /// Anggaran kas TW I up to this quarter; None while no kas has been entered.
    pub kas_kumulatif: Option<Decimal>,
    /// Realisasi kumulatif ÷ pagu × 100.
    pub persen_pagu: Option<Decimal>,
    /// Realisasi kumulatif ÷ kas kumulatif × 100.
    pub persen_kas: Option<Decimal>,
}

/// The top-level node rows (the programs), in order.
/// The budget tree's top-level nodes (programs); not the performance tree's tujuan or sasaran.
fn top_rows<'a>(doc: &'a Document, computed: &'a E81Computed) -> impl Iterator<Item = usize> + 'a {
    (0..doc.rows.len()).filter(|&i| {
        doc.rows[i].level != Level::Indikator
            && !doc.rows[i].level.kinerja()
            && computed.rows.get(i).is_some_and(|c| c.parent.is_none())
    })
}

fn sum_opt(it: impl Iterator<Item = Option<Decimal>>) -> Option<Decimal> {
    it.flatten()
        .fold(None, |acc, v| Some(acc.unwrap_or(Decimal::ZERO) + v))
}

/// The bars of the capaian chart: every program (top-level node) with its capaian s.d. TW n
/// and its predikat as the computation rated it (on the scale of the settings `computed` was
/// computed with: the workspace's, the same the E.81 prints).
pub fn capaian_program(doc: &Document, computed: &E81Computed) -> Vec<BatangCapaian> {
    top_rows(doc, computed)
        .map(|i| {
            let row = &doc.rows[i];
            let c = &computed.rows[i];
            BatangCapaian {
                baris: i,
                kode: row.kode_shown().map(str::to_string),
                nama: row.name.clone(),
                capaian: c.capaian_sd_tw,
                predikat: c.rating.clone(),
            }
        })
        .collect()
}

/// The bars of the capaian chart per sasaran: every sasaran of the performance tree with its
/// capaian s.d. TW n (the mean of its IKU's, as the computation gives a node with its own
/// indicators) and its predikat.
pub fn capaian_sasaran(doc: &Document, computed: &E81Computed) -> Vec<BatangCapaian> {
    (0..doc.rows.len())
        .filter(|&i| doc.rows[i].level == Level::Sasaran)
        .map(|i| {
            let c = computed.rows.get(i);
            BatangCapaian {
                baris: i,
                kode: None,
                nama: doc.rows[i].name.clone(),
                capaian: c.and_then(|c| c.capaian_sd_tw),
                predikat: c.and_then(|c| c.rating.clone()),
            }
        })
        .collect()
}

/// The four quarters of the document's penyerapan anggaran (see the module's rules).
pub fn serapan_triwulan(doc: &Document, computed: &E81Computed) -> Vec<TitikSerapan> {
    let eff = effective_rp_of(doc, computed);
    let top: Vec<usize> = top_rows(doc, computed).collect();
    let pagu = sum_opt(top.iter().map(|&i| eff[i].target));
    let realisasi: [Option<Decimal>; 4] =
        [0, 1, 2, 3].map(|q| sum_opt(top.iter().map(|&i| eff[i].tw[q])));
    let kas: [Option<Decimal>; 4] =
        [0, 1, 2, 3].map(|q| sum_opt(top.iter().map(|&i| eff[i].kas[q])));
    let terakhir = realisasi.iter().rposition(Option::is_some);
    (0..4)
        .map(|q| {
            let realisasi_kumulatif = match terakhir {
                Some(t) if q <= t => Some(realisasi[..=q].iter().flatten().sum()),
                _ => None,
            };
            let kas_kumulatif = sum_opt(kas[..=q].iter().copied());
            TitikSerapan {
                triwulan: q as u8 + 1,
                realisasi: realisasi[q],
                realisasi_kumulatif,
                pagu,
                kas: kas[q],
                kas_kumulatif,
                persen_pagu: match (realisasi_kumulatif, pagu) {
                    (Some(r), Some(p)) => penyerapan(r, p),
                    _ => None,
                },
                persen_kas: Serapan::of(realisasi_kumulatif, kas_kumulatif).persen,
            }
        })
        .collect()
}

/// Both charts of a document as SVG, computed with the workspace's settings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GrafikSvg {
    /// [`svg_capaian`]
    pub capaian: String,
    /// [`svg_capaian_sasaran`], when the document has sasaran (its performance tree).
    pub sasaran: Option<String>,
    /// [`svg_serapan`]
    pub serapan: String,
}

/// The two SVGs of the workspace page for a stored document: computes the E.81 with
/// `pengaturan` and draws [`capaian_program`] on its scale and [`serapan_triwulan`].
pub fn svg_dokumen(doc: &Document, pengaturan: &Pengaturan) -> GrafikSvg {
    let settings = pengaturan.e81();
    let (computed, _) = compute(doc, &settings);
    let sasaran = capaian_sasaran(doc, &computed);
    GrafikSvg {
        capaian: svg_capaian(&capaian_program(doc, &computed), &settings.scale),
        sasaran: (!sasaran.is_empty()).then(|| svg_capaian_sasaran(&sasaran, &settings.scale)),
        serapan: svg_serapan(&serapan_triwulan(doc, &computed)),
    }
}

// ---------------------------------------------------------------------------------------------
// SVG.

const LEBAR: f64 = 800.0;
/// Bar labels longer than this (characters) end with an ellipsis.
const LABEL_MAKS: usize = 38;
/// Band colours from low to high (red → green).
const PALET: [&str; 8] = [
    "#d73027", "#f46d43", "#fdae61", "#fee08b", "#d9ef8b", "#a6d96a", "#66bd63", "#1a9850",
];
const WARNA_BATANG: &str = "#1f4e79";
const WARNA_PAGU: &str = "#1f4e79";
const WARNA_KAS: &str = "#c55a11";
const WARNA_TEKS: &str = "#222222";
const WARNA_GRID: &str = "#d0d0d0";

/// The colour of band `i` of `n` (from the lowest), `#rrggbb`: spread over a red-to-green
/// palette, so the best band is green whatever the scale's size.
pub fn warna_pita(i: usize, n: usize) -> &'static str {
    let last = PALET.len() - 1;
    let at = if n <= 1 {
        last
    } else {
        (i.min(n - 1) * last + (n - 1) / 2) / (n - 1)
    };
    PALET[at]
}

/// Text for XML content and attributes.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters are not allowed in XML 1.0.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// At most `max` characters, the last one an ellipsis when cut.
fn potong(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
        t.truncate(t.trim_end().len());
        t.push('…');
        t
    }
}

/// A coordinate, one decimal (deterministic, short).
fn k(v: f64) -> String {
    format!("{v:.1}")
}

fn f(d: Decimal) -> f64 {
    d.to_f64().unwrap_or(0.0)
}

/// The top of a percent axis and its tick step: 100, or the largest value rounded up to the
/// step (20; 50 beyond 200), at most 300.
fn sumbu(terbesar: Option<Decimal>) -> (Decimal, Decimal) {
    let m = terbesar.unwrap_or(Decimal::ZERO);
    let step = Decimal::from(if m > Decimal::from(200) { 50 } else { 20 });
    let atas = ((m / step).ceil() * step)
        .max(Decimal::ONE_HUNDRED)
        .min(Decimal::from(300));
    (atas, step)
}

/// A whole percent for an axis label (`120%`).
fn persen_bulat(d: Decimal) -> String {
    format!("{}%", format_id(d, 0))
}

fn buka_svg(out: &mut String, tinggi: f64, label: &str, judul: &str) {
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" role=\"img\" aria-label=\"{}\" font-family=\"sans-serif\" font-size=\"11\" fill=\"{WARNA_TEKS}\"><title>{}</title>",
        k(LEBAR),
        k(tinggi),
        esc(label),
        esc(judul)
    );
}

/// A small SVG saying there is nothing to draw yet.
fn kosong(judul: &str) -> String {
    let mut out = String::new();
    buka_svg(&mut out, 60.0, &format!("{judul}: belum ada data"), judul);
    let _ = write!(
        out,
        "<text x=\"{}\" y=\"24\" text-anchor=\"middle\" font-weight=\"bold\">{}</text><text x=\"{}\" y=\"44\" text-anchor=\"middle\">Belum ada data</text></svg>",
        k(LEBAR / 2.0),
        esc(judul),
        k(LEBAR / 2.0)
    );
    out
}

/// `76% ≤ capaian < 91%`: a band's range in words.
fn rentang(b: &Band) -> String {
    let angka = |d: Decimal| format!("{}%", format_id(d.normalize(), d.normalize().scale()));
    let mut s = String::new();
    if let Some(l) = b.lower {
        let _ = write!(
            s,
            "{} {} ",
            angka(l),
            if b.lower_inclusive { "≤" } else { "<" }
        );
    }
    s.push_str("capaian");
    if let Some(u) = b.upper {
        let _ = write!(
            s,
            " {} {}",
            if b.upper_inclusive { "≤" } else { "<" },
            angka(u)
        );
    }
    s
}

/// A band's name in the legend: `AA Sangat Memuaskan`, `Tinggi`.
fn nama_pita(b: &Band) -> String {
    match &b.code {
        Some(c) if !c.trim().is_empty() => format!("{} {}", c.trim(), b.label),
        _ => b.label.clone(),
    }
}

/// Horizontal bars of capaian per program over the scale's bands (coloured stripes, named in
/// the legend), with a line at 100 %. Each bar's label is the program's code and name (cut
/// with an ellipsis; whole in its `<title>`), its value Indonesian (`87,25%`) with its
/// predikat at the bar's end.
pub fn svg_capaian(batang: &[BatangCapaian], skala: &Scale) -> String {
    svg_batang(batang, skala, "program")
}

/// [`svg_capaian`] of the sasaran ([`capaian_sasaran`]).
pub fn svg_capaian_sasaran(batang: &[BatangCapaian], skala: &Scale) -> String {
    svg_batang(batang, skala, "sasaran")
}

/// The bars of capaian per `jenis` (`program`, `sasaran`).
fn svg_batang(batang: &[BatangCapaian], skala: &Scale, jenis: &str) -> String {
    let judul = format!("Capaian kinerja per {jenis}");
    if batang.is_empty() {
        return kosong(&judul);
    }
    const X0: f64 = 300.0;
    const X1: f64 = 640.0;
    const ATAS: f64 = 40.0;
    const BARIS: f64 = 28.0;
    const TEBAL: f64 = 16.0;
    let (maks, step) = sumbu(batang.iter().filter_map(|b| b.capaian).max());
    let x_of = |v: Decimal| X0 + (X1 - X0) * f(v.max(Decimal::ZERO).min(maks)) / f(maks);
    let tinggi_plot = BARIS * batang.len() as f64;
    let bawah = ATAS + tinggi_plot;

    // The legend's items, laid out left to right, wrapped; its height sizes the view.
    let bands = skala.bands();
    let judul_legenda = format!("Predikat ({}):", skala.name());
    let mut legenda = Vec::with_capacity(bands.len());
    let (mut lx, mut ly) = (
        20.0 + 6.5 * judul_legenda.chars().count() as f64 + 10.0,
        bawah + 44.0,
    );
    for (i, b) in bands.iter().enumerate() {
        let nama = nama_pita(b);
        let w = 22.0 + 6.5 * nama.chars().count() as f64 + 14.0;
        if lx + w > LEBAR - 10.0 {
            lx = 20.0;
            ly += 18.0;
        }
        legenda.push((i, nama, lx, ly));
        lx += w;
    }
    let tinggi = ly + 16.0;

    let ringkas: Vec<String> = batang
        .iter()
        .map(|b| match b.capaian {
            Some(c) => format!(
                "{}: {}{}",
                b.label(),
                format_pct(c),
                b.predikat
                    .as_deref()
                    .map(|p| format!(" ({p})"))
                    .unwrap_or_default()
            ),
            None => format!("{}: belum ada capaian", b.label()),
        })
        .collect();
    let mut out = String::with_capacity(2048 + 600 * batang.len());
    buka_svg(
        &mut out,
        tinggi,
        &format!(
            "Grafik batang capaian kinerja {} {jenis} dengan rentang predikat {}",
            batang.len(),
            skala.name()
        ),
        &judul,
    );
    let _ = write!(out, "<desc>{}</desc>", esc(&ringkas.join("; ")));
    let _ = write!(
        out,
        "<text x=\"20\" y=\"22\" font-size=\"14\" font-weight=\"bold\">{}</text>",
        esc(&judul)
    );

    // Bands behind the bars.
    out.push_str("<g opacity=\"0.35\">");
    for (i, b) in bands.iter().enumerate() {
        let lo = b.lower.map_or(X0, &x_of);
        let hi = b.upper.map_or(X1, &x_of);
        if hi - lo <= 0.0 {
            continue;
        }
        let _ = write!(
            out,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"><title>{}: {}</title></rect>",
            k(lo),
            k(ATAS),
            k(hi - lo),
            k(tinggi_plot),
            warna_pita(i, bands.len()),
            esc(&nama_pita(b)),
            esc(&rentang(b))
        );
    }
    out.push_str("</g>");

    // Axis ticks and labels.
    let mut t = Decimal::ZERO;
    while t <= maks {
        let x = x_of(t);
        let _ = write!(
            out,
            "<line x1=\"{x}\" y1=\"{}\" x2=\"{x}\" y2=\"{}\" stroke=\"{WARNA_GRID}\" stroke-width=\"0.5\"/><text x=\"{x}\" y=\"{}\" text-anchor=\"middle\" font-size=\"10\">{}</text>",
            k(ATAS),
            k(bawah + 4.0),
            k(bawah + 16.0),
            persen_bulat(t),
            x = k(x)
        );
        t += step;
    }
    let _ = write!(
        out,
        "<line x1=\"{x0}\" y1=\"{}\" x2=\"{x0}\" y2=\"{}\" stroke=\"#555555\"/>",
        k(ATAS),
        k(bawah),
        x0 = k(X0)
    );

    // The bars.
    for (j, b) in batang.iter().enumerate() {
        let y = ATAS + BARIS * j as f64;
        let label = b.label();
        let _ = write!(
            out,
            "<g><title>{}</title><text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"10\">{}</text>",
            esc(&ringkas[j]),
            k(X0 - 8.0),
            k(y + BARIS / 2.0 + 4.0),
            esc(&potong(&label, LABEL_MAKS))
        );
        match b.capaian {
            Some(c) => {
                let w = x_of(c) - X0;
                let _ = write!(
                    out,
                    "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{WARNA_BATANG}\"/><text x=\"{}\" y=\"{}\" font-weight=\"bold\">{}",
                    k(X0),
                    k(y + (BARIS - TEBAL) / 2.0),
                    k(w),
                    k(TEBAL),
                    k(X0 + w + 5.0),
                    k(y + BARIS / 2.0 + 4.0),
                    esc(&format_pct(c))
                );
                if let Some(p) = &b.predikat {
                    let _ = write!(out, "<tspan font-weight=\"normal\"> {}</tspan>", esc(p));
                }
                out.push_str("</text>");
            }
            None => {
                let _ = write!(
                    out,
                    "<text x=\"{}\" y=\"{}\" font-style=\"italic\">belum ada capaian</text>",
                    k(X0 + 5.0),
                    k(y + BARIS / 2.0 + 4.0)
                );
            }
        }
        out.push_str("</g>");
    }

    // 100 %.
    let x100 = k(x_of(Decimal::ONE_HUNDRED));
    let _ = write!(
        out,
        "<line x1=\"{x100}\" y1=\"{}\" x2=\"{x100}\" y2=\"{}\" stroke=\"#000000\" stroke-width=\"1.5\" stroke-dasharray=\"5 3\"><title>Target 100%</title></line><text x=\"{x100}\" y=\"{}\" text-anchor=\"middle\" font-size=\"10\" font-weight=\"bold\">100%</text>",
        k(ATAS - 4.0),
        k(bawah),
        k(ATAS - 7.0)
    );

    // Legend.
    let _ = write!(
        out,
        "<text x=\"20\" y=\"{}\" font-weight=\"bold\">{}</text>",
        k(bawah + 44.0),
        esc(&judul_legenda)
    );
    for (i, nama, x, y) in &legenda {
        let b = &bands[*i];
        let _ = write!(
            out,
            "<g><title>{}: {}</title><rect x=\"{}\" y=\"{}\" width=\"12\" height=\"12\" fill=\"{}\" opacity=\"0.6\"/><text x=\"{}\" y=\"{}\">{}</text></g>",
            esc(nama),
            esc(&rentang(b)),
            k(*x),
            k(y - 10.0),
            warna_pita(*i, bands.len()),
            k(x + 18.0),
            k(*y),
            esc(nama)
        );
    }
    out.push_str("</svg>");
    out
}

const JUDUL_SERAPAN: &str = "Penyerapan anggaran kumulatif per triwulan";
const TW: [&str; 4] = ["TW I", "TW II", "TW III", "TW IV"];

/// A line chart over TW I–IV of the cumulative realisasi as % of the pagu and as % of the
/// cumulative anggaran kas: markers with the value above them, `<title>` tooltips with the
/// amounts (`Rp 1.234.567,89`), a legend; the y axis from 0 to 100 % or to the largest value.
pub fn svg_serapan(titik: &[TitikSerapan]) -> String {
    let ada = |t: &TitikSerapan| t.persen_pagu.is_some() || t.persen_kas.is_some();
    if !titik.iter().any(ada) {
        return kosong(JUDUL_SERAPAN);
    }
    const X0: f64 = 70.0;
    const X1: f64 = 770.0;
    const ATAS: f64 = 50.0;
    const BAWAH: f64 = 270.0;
    const TINGGI: f64 = 330.0;
    let terbesar = titik
        .iter()
        .flat_map(|t| [t.persen_pagu, t.persen_kas])
        .flatten()
        .max();
    let (maks, step) = sumbu(terbesar);
    let y_of = |v: Decimal| BAWAH - (BAWAH - ATAS) * f(v.max(Decimal::ZERO).min(maks)) / f(maks);
    let n = titik.len().max(1) as f64;
    let x_of = |j: usize| X0 + (X1 - X0) * (j as f64 + 0.5) / n;
    let nama_tw = |t: &TitikSerapan| TW[usize::from(t.triwulan.clamp(1, 4)) - 1];
    let rp = |v: Option<Decimal>| v.map(rupiah).unwrap_or_else(|| "-".into());

    // (legend, colour, dashes, value, tooltip) per series.
    type Nilai<'a> = Box<dyn Fn(&TitikSerapan) -> Option<Decimal> + 'a>;
    type Keterangan<'a> = Box<dyn Fn(&TitikSerapan) -> String + 'a>;
    let seri: [(&str, &str, &str, Nilai<'_>, Keterangan<'_>, f64); 2] = [
        (
            "Realisasi kumulatif terhadap pagu",
            WARNA_PAGU,
            "",
            Box::new(|t| t.persen_pagu),
            Box::new(|t| {
                format!(
                    "{}: realisasi s.d. {} {} dari pagu {}",
                    nama_tw(t),
                    nama_tw(t),
                    rp(t.realisasi_kumulatif),
                    rp(t.pagu)
                )
            }),
            -9.0,
        ),
        (
            "Realisasi kumulatif terhadap anggaran kas kumulatif",
            WARNA_KAS,
            " stroke-dasharray=\"6 3\"",
            Box::new(|t| t.persen_kas),
            Box::new(|t| {
                format!(
                    "{}: realisasi s.d. {} {} dari anggaran kas s.d. {} {}",
                    nama_tw(t),
                    nama_tw(t),
                    rp(t.realisasi_kumulatif),
                    nama_tw(t),
                    rp(t.kas_kumulatif)
                )
            }),
            17.0,
        ),
    ];

    let ringkas: Vec<String> = titik
        .iter()
        .map(|t| {
            let p = |v: Option<Decimal>| v.map(format_pct).unwrap_or_else(|| "-".into());
            format!(
                "{}: {} dari pagu, {} dari anggaran kas",
                nama_tw(t),
                p(t.persen_pagu),
                p(t.persen_kas)
            )
        })
        .collect();
    let mut out = String::with_capacity(6000);
    buka_svg(
        &mut out,
        TINGGI,
        "Grafik garis penyerapan anggaran kumulatif per triwulan terhadap pagu dan anggaran kas",
        JUDUL_SERAPAN,
    );
    let _ = write!(out, "<desc>{}</desc>", esc(&ringkas.join("; ")));
    let _ = write!(
        out,
        "<text x=\"20\" y=\"22\" font-size=\"14\" font-weight=\"bold\">{}</text>",
        esc(JUDUL_SERAPAN)
    );

    // Grid and y labels.
    let mut t = Decimal::ZERO;
    while t <= maks {
        let y = k(y_of(t));
        let _ = write!(
            out,
            "<line x1=\"{}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\" stroke=\"{}\" stroke-width=\"{}\"/><text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"10\">{}</text>",
            k(X0),
            k(X1),
            if t == Decimal::ONE_HUNDRED { "#000000" } else { WARNA_GRID },
            if t == Decimal::ONE_HUNDRED { "1" } else { "0.5" },
            k(X0 - 6.0),
            k(y_of(t) + 3.5),
            persen_bulat(t)
        );
        t += step;
    }
    for (j, tp) in titik.iter().enumerate() {
        let _ = write!(
            out,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
            k(x_of(j)),
            k(BAWAH + 18.0),
            nama_tw(tp)
        );
    }

    // The lines: a path through consecutive quarters that have a value, markers on each.
    for (nama, warna, garis, nilai, keterangan, dy) in &seri {
        let mut d = String::new();
        let mut sebelumnya = false;
        for (j, tp) in titik.iter().enumerate() {
            match nilai(tp) {
                Some(v) => {
                    let _ = write!(
                        d,
                        "{}{} {}",
                        if sebelumnya { " L" } else { " M" },
                        k(x_of(j)),
                        k(y_of(v))
                    );
                    sebelumnya = true;
                }
                None => sebelumnya = false,
            }
        }
        let _ = write!(out, "<g><title>{}</title>", esc(nama));
        if !d.is_empty() {
            let _ = write!(
                out,
                "<path d=\"{}\" fill=\"none\" stroke=\"{warna}\" stroke-width=\"2\"{garis}/>",
                d.trim_start()
            );
        }
        for (j, tp) in titik.iter().enumerate() {
            if let Some(v) = nilai(tp) {
                let (x, y) = (x_of(j), y_of(v));
                let _ = write!(
                    out,
                    "<g><title>{}: {}</title><circle cx=\"{}\" cy=\"{}\" r=\"4\" fill=\"{warna}\"/><text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"10\" fill=\"{warna}\">{}</text></g>",
                    esc(&keterangan(tp)),
                    esc(&format_pct(v)),
                    k(x),
                    k(y),
                    k(x),
                    k(y + dy),
                    esc(&format_pct(v))
                );
            }
        }
        out.push_str("</g>");
    }
    let _ = write!(
        out,
        "<line x1=\"{x0}\" y1=\"{}\" x2=\"{x0}\" y2=\"{}\" stroke=\"#555555\"/>",
        k(ATAS),
        k(BAWAH),
        x0 = k(X0)
    );

    // Legend.
    let mut lx = X0;
    for (nama, warna, garis, nilai, _, _) in &seri {
        let y = TINGGI - 22.0;
        let nama = if titik.iter().any(|t| nilai(t).is_some()) {
            nama.to_string()
        } else {
            format!("{nama} (belum ada data)")
        };
        let _ = write!(
            out,
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{warna}\" stroke-width=\"2\"{garis}/><circle cx=\"{}\" cy=\"{}\" r=\"4\" fill=\"{warna}\"/><text x=\"{}\" y=\"{}\">{}</text>",
            k(lx),
            k(y),
            k(lx + 28.0),
            k(y),
            k(lx + 14.0),
            k(y),
            k(lx + 36.0),
            k(y + 4.0),
            esc(&nama)
        );
        lx += 36.0 + 6.5 * nama.chars().count() as f64 + 30.0;
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::e81::E81Settings;
    use crate::model::{KValue, Pair, Row};
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn pair(k: Option<&str>, rp: Option<&str>) -> Pair {
        Pair {
            k: k.map(|v| KValue::Number(d(v))),
            rp: rp.map(d),
        }
    }

    fn node(
        level: Level,
        kode: &str,
        name: &str,
        target: Pair,
        tw: [Pair; 4],
        kas: [Option<&str>; 4],
    ) -> Row {
        let mut r = Row {
            kode: Some(kode.into()),
            name: name.into(),
            indicator: "Jumlah dokumen".into(),
            unit: Some("Dok".into()),
            target,
            tw,
            ..Row::empty(level)
        };
        for (q, v) in kas.into_iter().enumerate() {
            r.rencana.triwulan[q].rp = v.map(d);
        }
        r
    }

    /// Two programs, reported at TW II:
    /// - `5.03.02` (no Rp of its own) realised 3 + 4 of 8 Dok = 87,5 % (Tinggi); its sub
    ///   kegiatan holds pagu 1.000.000, realisasi 200.000 and 300.000,50, kas 250.000 a quarter;
    ///   a TW III realisation of the program's K is after the reported quarter;
    /// - `5.03.01` realised 1 of 4 Dok = 25 % (Sangat Rendah), pagu 3.000.000, realisasi
    ///   500.000 and 1.000.000, kas 1.000.000, 1.000.000, 500.000, 500.000.
    fn dokumen() -> Document {
        let mut p1 = node(
            Level::Program,
            "5.03.02",
            "PROGRAM KEPEGAWAIAN & <SDM> DAERAH",
            pair(Some("8"), None),
            [
                pair(Some("3"), None),
                pair(Some("4"), None),
                pair(Some("5"), None),
                Pair::default(),
            ],
            [None; 4],
        );
        p1.unit = Some("Dok".into());
        let s1 = node(
            Level::SubKegiatan,
            "5.03.02.2.01.0001",
            "Penyusunan Rencana Kebutuhan",
            pair(Some("10"), Some("1000000")),
            [
                pair(Some("2"), Some("200000")),
                pair(Some("3"), Some("300000.50")),
                Pair::default(),
                Pair::default(),
            ],
            [
                Some("250000"),
                Some("250000"),
                Some("250000"),
                Some("250000"),
            ],
        );
        let p2 = node(
            Level::Program,
            "5.03.01",
            "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA",
            pair(Some("4"), Some("3000000")),
            [
                pair(Some("1"), Some("500000")),
                pair(None, Some("1000000")),
                Pair::default(),
                Pair::default(),
            ],
            [
                Some("1000000"),
                Some("1000000"),
                Some("500000"),
                Some("500000"),
            ],
        );
        Document {
            form: "E.81".into(),
            quarter: Some(2),
            rows: vec![p1, s1, p2],
            ..Document::default()
        }
    }

    fn hitung(doc: &Document) -> (E81Computed, E81Settings) {
        let s = E81Settings::default();
        (compute(doc, &s).0, s)
    }

    #[test]
    fn capaian_per_program_by_hand() {
        let doc = dokumen();
        let (c, _) = hitung(&doc);
        let bars = capaian_program(&doc, &c);
        let got: Vec<_> = bars
            .iter()
            .map(|b| (b.baris, b.kode.as_deref(), b.capaian, b.predikat.as_deref()))
            .collect();
        assert_eq!(
            got,
            vec![
                (0, Some("5.03.02"), Some(d("87.5")), Some("Tinggi")),
                (2, Some("5.03.01"), Some(d("25")), Some("Sangat Rendah")),
            ]
        );
        // The same bars on the SAKIP scale.
        let sakip = E81Settings {
            scale: Scale::sakip(),
            ..E81Settings::default()
        };
        let (c2, _) = compute(&doc, &sakip);
        let labels: Vec<Option<String>> = capaian_program(&doc, &c2)
            .into_iter()
            .map(|b| b.predikat)
            .collect();
        assert_eq!(
            labels,
            vec![Some("Memuaskan".into()), Some("Sangat Kurang".into())]
        );
    }

    #[test]
    fn serapan_per_quarter_by_hand() {
        let doc = dokumen();
        let (c, _) = hitung(&doc);
        let t = serapan_triwulan(&doc, &c);
        let o = |s: &str| Some(d(s));
        // (TW, realisasi, kumulatif, pagu, kas, kas kumulatif, % pagu, % kas)
        let rows: Vec<_> = t
            .iter()
            .map(|p| {
                (
                    p.triwulan,
                    p.realisasi,
                    p.realisasi_kumulatif,
                    p.pagu,
                    p.kas,
                    p.kas_kumulatif,
                    p.persen_pagu,
                    p.persen_kas,
                )
            })
            .collect();
        assert_eq!(
            rows,
            vec![
                (
                    1,
                    o("700000"),
                    o("700000"),
                    o("4000000"),
                    o("1250000"),
                    o("1250000"),
                    o("17.5"),
                    o("56")
                ),
                (
                    2,
                    o("1300000.50"),
                    o("2000000.50"),
                    o("4000000"),
                    o("1250000"),
                    o("2500000"),
                    o("50.0000125"),
                    o("80.00002")
                ),
                (
                    3,
                    None,
                    None,
                    o("4000000"),
                    o("750000"),
                    o("3250000"),
                    None,
                    None
                ),
                (
                    4,
                    None,
                    None,
                    o("4000000"),
                    o("750000"),
                    o("4000000"),
                    None,
                    None
                ),
            ]
        );
        // The last cumulative realisasi is the document's column 12 total.
        assert_eq!(t[1].realisasi_kumulatif, Some(c.totals.realisasi_rp));
        assert_eq!(t[0].pagu, Some(c.totals.target_rp));
    }

    #[test]
    fn no_kas_and_a_quarter_without_realisasi() {
        let mut doc = dokumen();
        for r in &mut doc.rows {
            r.rencana.triwulan = Default::default();
            // Nothing realised in TW I; TW II is the last reported quarter.
            r.tw[0].rp = None;
        }
        let (c, _) = hitung(&doc);
        let t = serapan_triwulan(&doc, &c);
        let kum: Vec<Option<Decimal>> = t.iter().map(|p| p.realisasi_kumulatif).collect();
        assert_eq!(kum, vec![Some(d("0")), Some(d("1300000.50")), None, None]);
        assert!(t
            .iter()
            .all(|p| p.kas.is_none() && p.kas_kumulatif.is_none() && p.persen_kas.is_none()));
        assert_eq!(t[0].persen_pagu, Some(d("0")));
        let svg = svg_serapan(&t);
        assert!(
            svg.contains(
                ">Realisasi kumulatif terhadap anggaran kas kumulatif (belum ada data)</text>"
            ),
            "{svg}"
        );
        assert_eq!(svg.matches("<path ").count(), 1, "{svg}");
        // No realisasi at all: nothing cumulative, nothing to draw.
        for r in &mut doc.rows {
            r.tw = Default::default();
        }
        let (c, _) = hitung(&doc);
        let t = serapan_triwulan(&doc, &c);
        assert!(t
            .iter()
            .all(|p| p.realisasi_kumulatif.is_none() && p.persen_pagu.is_none()));
        assert!(svg_serapan(&t).contains("Belum ada data"));
    }

    #[test]
    fn svg_capaian_shows_labels_values_and_bands() {
        let doc = dokumen();
        let (c, s) = hitung(&doc);
        let svg = svg_capaian(&capaian_program(&doc, &c), &s.scale);
        assert!(
            svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 800.0 "),
            "{svg}"
        );
        assert!(
            svg.contains("role=\"img\"")
                && svg.contains("aria-label=\"Grafik batang capaian kinerja 2 program")
        );
        assert!(svg.ends_with("</svg>"));
        // Labels (escaped), values Indonesian, predikat.
        for want in [
            "<title>5.03.02 PROGRAM KEPEGAWAIAN &amp; &lt;SDM&gt; DAERAH: 87,50% (Tinggi)</title>",
            ">5.03.02 PROGRAM KEPEGAWAIAN &amp; &lt;SDM&gt; D…</text>",
            "87,50%",
            "25,00%",
            "<tspan font-weight=\"normal\"> Tinggi</tspan>",
            "<tspan font-weight=\"normal\"> Sangat Rendah</tspan>",
            "Predikat (Permendagri 86/2017):",
            ">100%</text>",
        ] {
            assert!(svg.contains(want), "missing {want:?} in {svg}");
        }
        // Every band: a stripe with its range, and a legend entry, in the band's colour.
        let bands = s.scale.bands();
        for (i, b) in bands.iter().enumerate() {
            assert!(
                svg.contains(&format!(">{}</text>", b.label)),
                "legend {}",
                b.label
            );
            assert!(svg.contains(&format!("fill=\"{}\"", warna_pita(i, bands.len()))));
        }
        assert!(
            svg.contains("<title>Tinggi: 76% ≤ capaian &lt; 91%</title>"),
            "{svg}"
        );
        // The long name is cut with an ellipsis, whole in the tooltip.
        let long = "5.03.01 PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA";
        assert!(svg.contains(&format!("<title>{long}: 25,00% (Sangat Rendah)</title>")));
        assert!(
            svg.contains(">5.03.01 PROGRAM PENUNJANG URUSAN PEME…</text>"),
            "{svg}"
        );
        assert!(!svg.contains("<script") && !svg.contains("@import") && !svg.contains("href"));
        // Deterministic.
        assert_eq!(svg, svg_capaian(&capaian_program(&doc, &c), &s.scale));
    }

    #[test]
    fn svg_capaian_bars_scale_with_the_axis() {
        let bar = |name: &str, v: Option<&str>| BatangCapaian {
            baris: 0,
            kode: None,
            nama: name.into(),
            capaian: v.map(d),
            predikat: None,
        };
        let s = Scale::sakip();
        // 128,57 % stretches the axis to 140 %; 100 % then sits at 5/7 of the plot (300..640).
        let svg = svg_capaian(
            &[
                bar("A", Some("128.57")),
                bar("B", None),
                bar("C", Some("50")),
            ],
            &s,
        );
        assert!(
            svg.contains(">140%</text>") && !svg.contains(">160%</text>"),
            "{svg}"
        );
        assert!(
            svg.contains("<line x1=\"542.9\""),
            "100 % line at 300 + 340 × 100/140: {svg}"
        );
        assert!(svg.contains(">128,57%"));
        assert!(svg.contains("belum ada capaian"));
        // 50 % of 140: a bar 121,4 wide.
        assert!(svg.contains("width=\"121.4\" height=\"16.0\""), "{svg}");
        for (i, b) in s.bands().iter().enumerate() {
            assert!(
                svg.contains(&format!(
                    ">{} {}</text>",
                    b.code.as_deref().unwrap_or(""),
                    b.label
                )),
                "{}",
                b.label
            );
            assert!(svg.contains(warna_pita(i, 7)));
        }
        // Up to 100 %: the axis ends at 100; a huge value stops at 300.
        assert!(!svg_capaian(&[bar("A", Some("99"))], &s).contains(">120%</text>"));
        let huge = svg_capaian(&[bar("A", Some("92680"))], &s);
        assert!(
            huge.contains(">300%</text>")
                && huge.contains(">250%</text>")
                && huge.contains("92.680,00%"),
            "{huge}"
        );
    }

    #[test]
    fn svg_serapan_lines_markers_tooltips() {
        let doc = dokumen();
        let (c, _) = hitung(&doc);
        let svg = svg_serapan(&serapan_triwulan(&doc, &c));
        assert!(
            svg.contains("role=\"img\"")
                && svg.contains("aria-label=\"Grafik garis penyerapan anggaran")
        );
        for want in [
            "TW I</text>",
            "TW IV</text>",
            ">17,50%</text>",
            ">50,00%</text>",
            ">56,00%</text>",
            ">80,00%</text>",
            "<title>TW II: realisasi s.d. TW II Rp 2.000.000,50 dari pagu Rp 4.000.000,00: 50,00%</title>",
            "<title>TW II: realisasi s.d. TW II Rp 2.000.000,50 dari anggaran kas s.d. TW II Rp 2.500.000,00: 80,00%</title>",
            ">Realisasi kumulatif terhadap pagu</text>",
            ">Realisasi kumulatif terhadap anggaran kas kumulatif</text>",
            ">100%</text>",
        ] {
            assert!(svg.contains(want), "missing {want:?} in {svg}");
        }
        // Two lines of two points each (TW III and IV not reported), four markers.
        assert_eq!(svg.matches("<path ").count(), 2, "{svg}");
        assert_eq!(
            svg.matches("<circle ").count(),
            4 + 2,
            "markers and legend: {svg}"
        );
        // y of 50 % on a 0–100 axis from 270 to 50: 160.
        assert!(svg.contains("cy=\"160.0\""), "{svg}");
        assert!(!svg.contains("120%"));
        assert_eq!(svg, svg_serapan(&serapan_triwulan(&doc, &c)));
    }

    #[test]
    fn empty_data_says_so() {
        for svg in [svg_capaian(&[], &Scale::permendagri_86()), svg_serapan(&[])] {
            assert!(svg.starts_with("<svg ") && svg.ends_with("</svg>"));
            assert!(svg.contains(">Belum ada data</text>") && svg.contains("role=\"img\""));
            assert!(svg.contains("belum ada data\""), "aria-label: {svg}");
        }
        let doc = Document::default();
        let g = svg_dokumen(&doc, &Pengaturan::default());
        assert!(g.capaian.contains("Belum ada data") && g.serapan.contains("Belum ada data"));
    }

    #[test]
    fn svg_dokumen_uses_the_workspace_scale() {
        let doc = dokumen();
        let p = Pengaturan {
            skala: crate::pengaturan::PilihanSkala::Sakip,
            ..Pengaturan::default()
        };
        let g = svg_dokumen(&doc, &p);
        assert!(
            g.capaian.contains("Predikat (SAKIP):") && g.capaian.contains("> Memuaskan</tspan>")
        );
        assert!(g.serapan.contains(">80,00%</text>"));
    }

    #[test]
    fn helpers() {
        assert_eq!(
            esc("A & B <x> \"q\" 's'\u{1}"),
            "A &amp; B &lt;x&gt; &quot;q&quot; &#39;s&#39; "
        );
        assert_eq!(potong("abcdef", 6), "abcdef");
        assert_eq!(potong("abc defg", 5), "abc…");
        assert_eq!(potong("ééééééé", 4), "ééé…");
        assert_eq!(sumbu(None), (d("100"), d("20")));
        assert_eq!(sumbu(Some(d("100.01"))), (d("120"), d("20")));
        assert_eq!(sumbu(Some(d("-5"))), (d("100"), d("20")));
        assert_eq!(sumbu(Some(d("205.5"))), (d("250"), d("50")));
        assert_eq!(warna_pita(0, 5), PALET[0]);
        assert_eq!(warna_pita(4, 5), PALET[7]);
        assert_eq!(warna_pita(0, 1), PALET[7]);
        let all: Vec<&str> = (0..7).map(|i| warna_pita(i, 7)).collect();
        let mut dedup = all.clone();
        dedup.dedup();
        assert_eq!(all.len(), dedup.len(), "distinct neighbours: {all:?}");
    }
}
