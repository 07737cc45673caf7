//! *Salin sebagai tabel*: a derived table (title, header rows with merged cells, body rows,
//! per-column alignment, figures already formatted the Indonesian way, `1.234.567,89`) as
//! the HTML Word pastes as a formatted table, and as TSV for plain text.
//!
//! [`ke_html`] writes one `<table>` (borders on every cell, `border-collapse`, Word's `mso-`
//! border and padding styles, the header rows in `<thead>` so Word repeats them on every page,
//! header cells bold and centred, `colspan`/`rowspan` for merged headers, each body cell aligned
//! as its column — figures right —, every text escaped) after the title in bold, wrapped in the
//! `<!--StartFragment-->…<!--EndFragment-->` markers a clipboard's HTML carries. [`ke_tsv`]
//! writes the same grid, one line per row: a merged header's text in its first cell and empty
//! cells under the rest of its span, tabs and line breaks inside a cell turned into spaces.
//!
//! The tables are built by the derived documents: [`crate::lkjip`]'s `tabel_*` and [`tc29`].

use serde::{Deserialize, Serialize};

use crate::model::KValue;
use crate::tc29::{HitungBaris, Tc29};

/// A column's alignment in the body.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Rata {
    #[default]
    Kiri,
    Tengah,
    Kanan,
}

impl Rata {
    fn css(self) -> &'static str {
        match self {
            Rata::Kiri => "left",
            Rata::Tengah => "center",
            Rata::Kanan => "right",
        }
    }
}

/// A header cell spanning `kolom` columns and `baris` rows (1 each for an unmerged cell).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SelKepala {
    pub teks: String,
    pub kolom: u16,
    pub baris: u16,
}

impl SelKepala {
    pub fn satu(teks: impl Into<String>) -> SelKepala {
        SelKepala {
            teks: teks.into(),
            kolom: 1,
            baris: 1,
        }
    }

    /// Over `kolom` columns of its row.
    pub fn lebar(teks: impl Into<String>, kolom: u16) -> SelKepala {
        SelKepala {
            teks: teks.into(),
            kolom,
            baris: 1,
        }
    }

    /// Down `baris` header rows.
    pub fn tinggi(teks: impl Into<String>, baris: u16) -> SelKepala {
        SelKepala {
            teks: teks.into(),
            kolom: 1,
            baris,
        }
    }
}

/// A body row: one text per column; `tebal` for a program or a Jumlah row.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct BarisTabel {
    pub sel: Vec<String>,
    pub tebal: bool,
}

/// A derived table ready to copy.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Tabel {
    pub judul: String,
    /// Header rows, top to bottom; a cell merged down is listed only in its first row.
    pub kepala: Vec<Vec<SelKepala>>,
    pub badan: Vec<BarisTabel>,
    /// Alignment of each column in the body.
    pub rata: Vec<Rata>,
}

impl Tabel {
    /// How many columns the table has.
    pub fn lebar(&self) -> usize {
        self.rata.len()
    }

    /// The header as a grid: each position's cell text when a cell starts there, `""` under
    /// the rest of a merge.
    pub fn kisi_kepala(&self) -> Vec<Vec<String>> {
        let w = self.lebar();
        let h = self.kepala.len();
        let mut grid: Vec<Vec<Option<String>>> = vec![vec![None; w]; h];
        for (r, row) in self.kepala.iter().enumerate() {
            let mut c = 0usize;
            for cell in row {
                while c < w && grid[r][c].is_some() {
                    c += 1;
                }
                if c >= w {
                    break;
                }
                for dr in 0..usize::from(cell.baris.max(1)) {
                    for dc in 0..usize::from(cell.kolom.max(1)) {
                        if r + dr < h && c + dc < w {
                            grid[r + dr][c + dc] = Some(String::new());
                        }
                    }
                }
                grid[r][c] = Some(cell.teks.clone());
                c += usize::from(cell.kolom.max(1));
            }
        }
        grid.into_iter()
            .map(|row| row.into_iter().map(Option::unwrap_or_default).collect())
            .collect()
    }
}

/// Text escaped for HTML (element content and attribute values).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(ch),
        }
    }
    out
}

/// A cell's text: escaped, line breaks as `<br>`.
fn isi(s: &str) -> String {
    escape(s.trim())
        .replace("\r\n", "<br>")
        .replace('\n', "<br>")
}

const SEL: &str =
    "border:solid windowtext 1.0pt;mso-border-alt:solid windowtext .5pt;padding:0cm 4pt 0cm 4pt";

/// The table as the HTML Word pastes as a formatted table (see the module doc).
pub fn ke_html(t: &Tabel) -> String {
    let mut s = String::new();
    s.push_str("<html xmlns:o=\"urn:schemas-microsoft-com:office:office\" xmlns:w=\"urn:schemas-microsoft-com:office:word\"><head><meta charset=\"utf-8\"></head><body>\n<!--StartFragment-->\n");
    if !t.judul.trim().is_empty() {
        s.push_str(&format!(
            "<p style=\"margin:0 0 6pt 0;font-family:Arial;font-size:10pt;font-weight:bold;text-align:center\">{}</p>\n",
            isi(&t.judul)
        ));
    }
    s.push_str("<table border=\"1\" cellspacing=\"0\" cellpadding=\"0\" style=\"border-collapse:collapse;border:none;mso-border-alt:solid windowtext .5pt;mso-yfti-tbllook:1184;mso-padding-alt:0cm 4pt 0cm 4pt;font-family:Arial;font-size:9pt\">\n");
    if !t.kepala.is_empty() {
        s.push_str("<thead>\n");
        for (r, row) in t.kepala.iter().enumerate() {
            s.push_str(&format!(
                "<tr style=\"mso-yfti-irow:{r};{}\">",
                if r == 0 {
                    "mso-yfti-firstrow:yes"
                } else {
                    "mso-yfti-firstrow:no"
                }
            ));
            for c in row {
                let mut span = String::new();
                if c.kolom > 1 {
                    span.push_str(&format!(" colspan=\"{}\"", c.kolom));
                }
                if c.baris > 1 {
                    span.push_str(&format!(" rowspan=\"{}\"", c.baris));
                }
                s.push_str(&format!(
                    "<td{span} style=\"{SEL};background:#F2F2F2;text-align:center;vertical-align:middle;font-weight:bold\"><b>{}</b></td>",
                    isi(&c.teks)
                ));
            }
            s.push_str("</tr>\n");
        }
        s.push_str("</thead>\n");
    }
    s.push_str("<tbody>\n");
    let n = t.badan.len();
    for (i, row) in t.badan.iter().enumerate() {
        let akhir = if i + 1 == n {
            ";mso-yfti-lastrow:yes"
        } else {
            ""
        };
        s.push_str(&format!(
            "<tr style=\"mso-yfti-irow:{}{akhir}\">",
            i + t.kepala.len()
        ));
        for (c, text) in row.sel.iter().enumerate() {
            let rata = t.rata.get(c).copied().unwrap_or_default();
            let body = if row.tebal {
                format!("<b>{}</b>", isi(text))
            } else {
                isi(text)
            };
            s.push_str(&format!(
                "<td style=\"{SEL};text-align:{};vertical-align:top{}\">{body}</td>",
                rata.css(),
                if row.tebal { ";font-weight:bold" } else { "" }
            ));
        }
        s.push_str("</tr>\n");
    }
    s.push_str("</tbody>\n</table>\n<!--EndFragment-->\n</body></html>\n");
    s
}

/// A cell for TSV: tabs and line breaks as spaces.
fn tsv_sel(s: &str) -> String {
    s.trim()
        .chars()
        .map(|c| {
            if matches!(c, '\t' | '\n' | '\r') {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// The table as TSV: the title line, the header grid ([`Tabel::kisi_kepala`]), the body.
pub fn ke_tsv(t: &Tabel) -> String {
    let mut s = String::new();
    if !t.judul.trim().is_empty() {
        s.push_str(&tsv_sel(&t.judul));
        s.push('\n');
    }
    for row in t.kisi_kepala() {
        s.push_str(
            &row.iter()
                .map(|c| tsv_sel(c))
                .collect::<Vec<_>>()
                .join("\t"),
        );
        s.push('\n');
    }
    for row in &t.badan {
        s.push_str(
            &row.sel
                .iter()
                .map(|c| tsv_sel(c))
                .collect::<Vec<_>>()
                .join("\t"),
        );
        s.push('\n');
    }
    s
}

/// A K value as a table prints it (`96,93`, `BB`, text); empty for none.
pub fn teks_k(k: Option<&KValue>) -> String {
    match k {
        Some(KValue::Number(d)) => crate::lkjip::tampil_angka(*d),
        Some(KValue::Grade { grade, .. }) => format!("{grade:?}"),
        Some(KValue::Text(t)) => t.clone(),
        None => String::new(),
    }
}

/// A percentage with 2 decimals (`110,94`); `-` for none.
pub fn teks_persen(v: Option<rust_decimal::Decimal>) -> String {
    v.map_or_else(|| "-".to_string(), |d| crate::num::format_id(d, 2))
}

/// Rupiah: whole (`1.234.567`), with sen when it has them; `-` for none.
pub fn teks_rp(v: Option<rust_decimal::Decimal>) -> String {
    match v {
        Some(d) if d.fract().is_zero() => crate::num::format_id(d, 0),
        Some(d) => crate::num::format_id(d, 2),
        None => "-".to_string(),
    }
}

/// T-C.29 as a table to copy: the form's header (two rows, numbering as the third) and a row
/// per [`crate::tc29::BarisTc29`] with its computed columns 8, 10, 11.
pub fn tc29(t: &Tc29, h: &[HitungBaris]) -> Tabel {
    let n = t.tahun;
    let kepala = vec![
        vec![
            SelKepala::tinggi("Kode", 2),
            SelKepala::tinggi("Program/Kegiatan", 2),
            SelKepala::lebar("Indikator Kinerja", 2),
            SelKepala::tinggi("Target Renstra Akhir Periode", 2),
            SelKepala::tinggi(format!("Realisasi s.d. {}", n - 3), 2),
            SelKepala::lebar(format!("Tahun {}", n - 2), 3),
            SelKepala::tinggi(format!("Target Renja {}", n - 1), 2),
            SelKepala::lebar("Perkiraan Realisasi s.d. Tahun Berjalan", 2),
            SelKepala::tinggi("Catatan", 2),
        ],
        vec![
            SelKepala::satu("Uraian"),
            SelKepala::satu("Satuan"),
            SelKepala::satu("Target"),
            SelKepala::satu("Realisasi"),
            SelKepala::satu("Tingkat Realisasi (%)"),
            SelKepala::satu(format!("Realisasi s.d. {}", n - 1)),
            SelKepala::satu("Tingkat Capaian (%)"),
        ],
        [
            "1",
            "2",
            "3",
            "",
            "4",
            "5",
            "6",
            "7",
            "8=(7/6)",
            "9",
            "10",
            "11=(10/4)",
            "12",
        ]
        .iter()
        .map(|s| SelKepala::satu(*s))
        .collect(),
    ];
    let badan = t
        .baris
        .iter()
        .zip(h)
        .map(|(b, c)| BarisTabel {
            sel: vec![
                b.kode_tampil().unwrap_or("").to_string(),
                b.nama.clone(),
                b.indikator.clone(),
                b.satuan.clone().unwrap_or_default(),
                teks_k(b.renstra.as_ref()),
                teks_k(b.sd_n3.as_ref()),
                teks_k(b.target_n2.as_ref()),
                teks_k(b.realisasi_n2.as_ref()),
                teks_persen(c.tingkat_realisasi),
                teks_k(b.target_n1.as_ref()),
                teks_k(c.sd_n1.as_ref()),
                teks_persen(c.tingkat_capaian),
                c.aturan.teks().to_string(),
            ],
            tebal: b.level == crate::model::Level::Program,
        })
        .collect();
    let mut rata = vec![Rata::Kiri, Rata::Kiri, Rata::Kiri, Rata::Tengah];
    rata.extend([Rata::Kanan; 8]);
    rata.push(Rata::Kiri);
    Tabel {
        judul: format!(
            "Tabel T-C.29 Rekapitulasi Evaluasi Hasil Pelaksanaan Renja dan Pencapaian Renstra s.d. Tahun {}",
            n - 1
        ),
        kepala,
        badan,
        rata,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contoh() -> Tabel {
        Tabel {
            judul: "Tabel 1 <uji> & \"kutip\"".into(),
            kepala: vec![
                vec![
                    SelKepala::tinggi("No", 2),
                    SelKepala::tinggi("Uraian", 2),
                    SelKepala::lebar("Tahun 2025", 2),
                ],
                vec![SelKepala::satu("Target"), SelKepala::satu("Realisasi")],
            ],
            badan: vec![
                BarisTabel {
                    sel: vec![
                        "1".into(),
                        "A & B <i>x</i>\tdua".into(),
                        "1.234.567,89".into(),
                        "99,5".into(),
                    ],
                    tebal: false,
                },
                BarisTabel {
                    sel: vec!["".into(), "Jumlah".into(), "2".into(), "3".into()],
                    tebal: true,
                },
            ],
            rata: vec![Rata::Tengah, Rata::Kiri, Rata::Kanan, Rata::Kanan],
        }
    }

    #[test]
    fn text_is_escaped_everywhere() {
        let h = ke_html(&contoh());
        assert!(
            h.contains("Tabel 1 &lt;uji&gt; &amp; &quot;kutip&quot;"),
            "{h}"
        );
        assert!(h.contains("A &amp; B &lt;i&gt;x&lt;/i&gt;\tdua"), "{h}");
        assert!(!h.contains("<i>x"), "{h}");
        assert_eq!(escape("'<>&\""), "&#39;&lt;&gt;&amp;&quot;");
    }

    #[test]
    fn merged_headers_span_and_the_grid_follows() {
        let t = contoh();
        let h = ke_html(&t);
        assert!(h.contains("<td rowspan=\"2\" style="), "{h}");
        assert!(h.contains("<td colspan=\"2\" style="), "{h}");
        assert_eq!(h.matches("<thead>").count(), 1);
        assert!(h.contains("border-collapse:collapse"));
        assert!(h.contains("mso-border-alt:solid windowtext .5pt"));
        assert!(h.contains("text-align:right;vertical-align:top\">1.234.567,89</td>"));
        assert!(h.contains("<b>Jumlah</b>"));
        assert_eq!(
            t.kisi_kepala(),
            vec![
                vec!["No", "Uraian", "Tahun 2025", ""],
                vec!["", "", "Target", "Realisasi"]
            ]
        );
        assert_eq!(
            ke_tsv(&t),
            "Tabel 1 <uji> & \"kutip\"\nNo\tUraian\tTahun 2025\t\n\t\tTarget\tRealisasi\n1\tA & B <i>x</i> dua\t1.234.567,89\t99,5\n\tJumlah\t2\t3\n"
        );
    }
}
