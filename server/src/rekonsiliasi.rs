//! *Rekonsiliasi* of a workspace (issue 16): its document — the plan as it stands — checked
//! within itself and against every file it keeps, each finding at its row and cell with a link
//! into the grid of a form that shows that cell. The page (`GET /ruang-kerja/{id}/rekonsiliasi`,
//! `http::halaman`) prints [`susun`]'s findings.
//!
//! - Within the plan: the computation's located problems of the identities a planner expects
//!   (a parent's pagu and realisasi are the sums of its rows; the TW targets add up to the
//!   year's, or the last is the year's, by the indicator's aggregation; a quarter's realisation
//!   against its target; realisasi within the pagu; …), one per cell.
//! - Against a file: every value the file states that the plan holds otherwise
//!   (`capaian_domain::gabung::pratinjau`, the merge's comparison), with the file's sheet and
//!   cell and both values. A file of another form the document keeps as its template (a PK, a
//!   Renja it was made of) is compared as that form (`gabung::berkas_pk` / `berkas_renja`).

use capaian_domain::e81::{self, E81Settings};
use capaian_domain::edit::{self, Cell, CellValue};
use capaian_domain::form::{self, FormKind};
use capaian_domain::model::{baris_kinerja, Document, Field, Severity};

use app::pages::rekonsiliasi::{BerkasRekonsiliasi, Temuan};

/// A file the document keeps, as read for the comparison.
pub struct BerkasDokumen {
    /// Its name, and what it is to the document (`berkas impor`, `berkas terakhir digabung`).
    pub nama: String,
    pub peran: &'static str,
    /// The file as rows of the document's shape, with the column letter of each cell it
    /// states; or why it could not be read.
    pub isi: Result<BacaanBerkas, String>,
}

/// A file read as rows shaped as the document's.
pub struct BacaanBerkas {
    /// What it is (`Formulir E.81`, `Perjanjian Kinerja`).
    pub jenis: String,
    pub document: Document,
    /// The sheet the rows are on.
    pub lembar: String,
    /// The reading of a form printed one sheet row per document row: where each cell is.
    pub import: Option<capaian_xlsx::Import>,
}

impl BacaanBerkas {
    /// Where row `j`'s `field` is in the file (`'Sheet'!J14`, else its sheet and row).
    fn sel(&self, j: usize, field: Option<Field>) -> String {
        if let Some(cell) = self
            .import
            .as_ref()
            .zip(field)
            .and_then(|(import, f)| import.cell_of(j, f))
        {
            return format!("'{}'!{cell}", self.lembar);
        }
        match self.document.rows.get(j).map_or(0, |r| r.sheet_row) {
            0 => format!("'{}'", self.lembar),
            r => format!("'{}' baris {r}", self.lembar),
        }
    }
}

/// A workbook the document keeps, read as the form it is: a form printed one sheet row per
/// document row (E.81, laporan, rencana aksi: with `options`, the workspace's remembered
/// mapping), else another form shaped as E.81 rows as a merge reads it
/// (`workbook::other_form`: a PK, a SIPD export, a Renja, the Renstra's table).
pub fn baca(bytes: &[u8], options: &capaian_xlsx::ReadOptions) -> Result<BacaanBerkas, String> {
    use crate::workbook::Lain;
    use capaian_domain::gabung::{berkas_anggaran, berkas_pk, berkas_renja};
    let first = match crate::workbook::review_bytes(bytes, options) {
        Ok(reading) => {
            let import = reading.import;
            return Ok(BacaanBerkas {
                jenis: form::nama(&import.document.form).to_string(),
                lembar: import.layout.sheet.clone(),
                document: import.document.clone(),
                import: Some(import),
            });
        }
        Err(e) => e,
    };
    let (jenis, lembar, document) = match crate::workbook::other_form(bytes, first) {
        Ok(Lain::Pk(r)) => (
            "Perjanjian Kinerja".to_string(),
            r.pk.kolom.lembar_kinerja.clone(),
            berkas_pk(&r.pk),
        ),
        Ok(Lain::Renja(r)) => (
            "Renja".into(),
            r.renja.lembar.clone(),
            berkas_renja(&r.renja),
        ),
        Ok(Lain::Sipd(s)) => {
            let doc = berkas_anggaran(&s.anggaran, None);
            (s.layout.nama().to_string(), doc.sheet.clone(), doc)
        }
        Ok(Lain::Kinerja(k)) => (
            app::pages::gabung::NAMA_KINERJA.to_string(),
            k.document.sheet.clone(),
            k.document,
        ),
        Err(e) => return Err(e.to_string()),
    };
    Ok(BacaanBerkas {
        jenis,
        lembar,
        document,
        import: None,
    })
}

/// The form whose grid shows `cell` of row `i`: Formulir E.81 when it does, else the first
/// form kind that shows the row and has a column of the cell.
fn form_of(kinerja: &[bool], i: usize, cell: Cell) -> Option<&'static FormKind> {
    std::iter::once(&form::e81::E81)
        .chain(form::all().iter().copied())
        .find(|f| f.shows(kinerja, i) && f.column_of_cell(cell).is_some())
}

/// The cell of a row that shows `field` (the rencana aksi's TW target has no E.81 field).
fn cell_of(field: Field) -> Option<Cell> {
    if let Field::TargetTwK(q) = field {
        return Some(Cell::TargetTwK(q));
    }
    Cell::all().into_iter().find(|c| c.field() == Some(field))
}

fn shown(v: &CellValue) -> String {
    if v.is_empty() {
        "(kosong)".to_string()
    } else {
        edit::display(v)
    }
}

/// The findings on document `doc_id` (the document `doc` as it stands, computed with
/// `settings`) and each of its `files`.
pub fn susun(
    doc_id: &str,
    doc: &Document,
    settings: &E81Settings,
    files: &[BerkasDokumen],
) -> (Vec<Temuan>, Vec<BerkasRekonsiliasi>) {
    let kinerja = baris_kinerja(&doc.rows);
    let link = |i: usize, cell: Cell| {
        form_of(&kinerja, i, cell).map(|f| app::grid::grid_cell_href(doc_id, f, i, cell))
    };
    let (computed, problems) = e81::compute(doc, settings);
    // A column 12–15 a file states where the plan holds nothing to compute it from (a laporan's
    // realisasi keuangan s.d. TW without its quarters) cannot be checked: no disagreement.
    let dihitung = |i: usize, field: Option<Field>| {
        computed
            .rows
            .get(i)
            .is_some_and(|c| field.is_none_or(|f| c.punya(f)))
    };
    let dalam = problems
        .iter()
        .filter(|p| p.severity >= Severity::Warning && IDENTITAS.contains(&p.code.as_str()))
        .filter(|p| {
            p.code != "kolom_hitung_berbeda" || p.at.row.is_some_and(|i| dihitung(i, p.at.field))
        })
        .filter_map(|p| {
            let i = p.at.row?;
            // A computed column has no cell of its own: the row's indicator is shown instead.
            let cell = p.at.field.and_then(cell_of).or(Some(Cell::Indicator));
            Some(Temuan {
                jenis: jenis_masalah(&p.code),
                baris: app::ssr::row_label(doc, i),
                rencana: p.message.clone(),
                berkas: String::new(),
                href: cell.and_then(|c| link(i, c)),
            })
        })
        .collect();
    let berkas = files
        .iter()
        .map(|f| {
            let mut out = BerkasRekonsiliasi {
                judul: format!("{} — {}", f.nama, f.peran),
                catatan: Vec::new(),
                beda: Vec::new(),
            };
            let read = match &f.isi {
                Ok(read) => read,
                Err(e) => {
                    out.catatan.push(format!(
                        "Berkas ini tidak dapat dibaca untuk dibandingkan: {e}"
                    ));
                    return out;
                }
            };
            out.judul = format!("{} — {}, {}", f.nama, read.jenis, f.peran);
            let p = capaian_domain::gabung::pratinjau(doc, &read.document);
            if !p.baru.is_empty() {
                out.catatan.push(format!(
                    "{} baris berkas tidak ada di dokumen (tidak dibandingkan).",
                    p.baru.len()
                ));
            }
            out.beda = p
                .beda
                .iter()
                .map(|b| {
                    let sel = read.sel(b.baris_berkas, b.kolom.field());
                    Temuan {
                        jenis: b.kolom.label(),
                        baris: app::ssr::row_label(doc, b.baris),
                        rencana: shown(&b.sekarang),
                        berkas: format!("{}: {}", sel, shown(&b.berkas)),
                        href: link(b.baris, b.kolom),
                    }
                })
                .collect();
            out
        })
        .collect();
    (dalam, berkas)
}

/// The computation's checks that are identities between the year's figures (a number that
/// should equal others), as opposed to a report's completeness (a narrative to write).
const IDENTITAS: [&str; 6] = [
    "jumlah_induk",
    "target_triwulan",
    "realisasi_jauh_di_atas_target_tw",
    "realisasi_melebihi_pagu",
    "kolom_hitung_berbeda",
    "satuan_berbeda",
];

/// A check's name as the page lists it.
fn jenis_masalah(code: &str) -> String {
    match code {
        "jumlah_induk" => "Jumlah induk",
        "target_triwulan" => "Target triwulan",
        "realisasi_jauh_di_atas_target_tw" => "Realisasi triwulan terhadap targetnya",
        "realisasi_melebihi_pagu" => "Realisasi melebihi pagu",
        "satuan_berbeda" => "Satuan",
        "kolom_hitung_berbeda" => "Kolom 12–15 yang dinyatakan berkas",
        other => return other.replace('_', " "),
    }
    .to_string()
}

/// The page of workspace `ws`: its newest document as it stands, checked within itself and
/// against the files it keeps (the file last merged into it — its template —, and the file it
/// was imported from when that is another), each read with the workspace's remembered mapping.
pub async fn view(
    app: &app::ssr::AppContext,
    ws: app::types::Workspace,
) -> Result<app::pages::rekonsiliasi::RekonsiliasiView, crate::operations::OperationError> {
    use app::pages::rekonsiliasi::RekonsiliasiView;
    let mut out = RekonsiliasiView {
        workspace: ws.clone(),
        dokumen: None,
        dalam: Vec::new(),
        berkas: Vec::new(),
    };
    let documents = app.store.list_documents(&ws.id).await?;
    let Some(summary) = app::ssr::newest_of(&documents).cloned() else {
        return Ok(out);
    };
    let Some(stored) = app.store.get_document(&summary.id).await? else {
        return Ok(out);
    };
    let mut kept: Vec<(String, &'static str, app::ssr::Template)> = Vec::new();
    if let Some(template) = app.store.document_template(&summary.id).await? {
        let merged = template.baris.is_some();
        kept.push((
            template.nama_berkas.clone(),
            if merged {
                "berkas terakhir digabung"
            } else {
                "berkas impor"
            },
            template,
        ));
        if merged {
            if let Some(isi) = app.store.get_document_file(&summary.id).await? {
                kept.push((
                    summary.nama_berkas.clone(),
                    "berkas impor",
                    app::ssr::Template {
                        nama_berkas: summary.nama_berkas.clone(),
                        isi,
                        baris: None,
                    },
                ));
            }
        }
    }
    let mut files = Vec::with_capacity(kept.len());
    for (nama, peran, template) in kept {
        let options = crate::operations::template_reading(app, &ws, &template).await?;
        let isi = tokio::task::spawn_blocking(move || baca(&template.isi, &options))
            .await
            .map_err(|e| crate::operations::OperationError::Files(e.to_string()))?;
        files.push(BerkasDokumen { nama, peran, isi });
    }
    let settings = stored.summary.pengaturan.e81();
    let id = summary.id.clone();
    let (dalam, berkas) =
        tokio::task::spawn_blocking(move || susun(&id, &stored.document, &settings, &files))
            .await
            .map_err(|e| crate::operations::OperationError::Files(e.to_string()))?;
    out.dokumen = Some((summary.id, summary.nama_berkas));
    out.dalam = dalam;
    out.berkas = berkas;
    Ok(out)
}
