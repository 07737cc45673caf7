//! Workbooks in and out: import (read + compute + locate), the official form (export) and the
//! agency's own template filled again. Shared by the command line and the HTTP routes.

use std::path::Path;

use app::types::Workspace;
use capaian_domain::e81::{self, E81Computed, E81Settings};
use capaian_domain::model::{Document, Problem};
use capaian_xlsx::export::{export_e81, ExportError, ExportMeta};
use capaian_xlsx::fill::{fill_template, FillError};
use capaian_xlsx::{Import, Limits, ReadError};

/// The computation settings the app uses everywhere (import report, export, fill).
pub fn settings() -> E81Settings {
    E81Settings::default()
}

/// A read and computed workbook.
pub struct Imported {
    pub import: Import,
    pub computed: E81Computed,
    /// Problems the computations found, at document rows and fields.
    pub compute_problems: Vec<Problem>,
}

impl Imported {
    fn from_import(import: Import) -> Imported {
        let (computed, compute_problems) = e81::compute(&import.document, &settings());
        Imported {
            import,
            computed,
            compute_problems,
        }
    }

    /// Reading problems first, then the checks' problems, all located at sheet cells.
    pub fn all_problems(&self) -> Vec<Problem> {
        let mut all = self.import.problems.clone();
        all.extend(self.import.locate(&self.compute_problems));
        all
    }

    /// Streams the JSON of `capaian import --json`.
    pub fn write_json(&self, out: impl std::io::Write) -> serde_json::Result<()> {
        capaian_xlsx::json::write_import_json(
            out,
            &self.import,
            &self.computed,
            &self.compute_problems,
        )
    }
}

pub fn import_bytes(bytes: &[u8]) -> Result<Imported, ReadError> {
    capaian_xlsx::read_workbook(bytes, &Limits::default()).map(Imported::from_import)
}

pub fn import_path(path: &Path) -> Result<Imported, ReadError> {
    capaian_xlsx::read_path(path, &Limits::default()).map(Imported::from_import)
}

/// The official Formulir E.81 for `doc`, with live formulas and Capaian's values cached.
pub fn official_form(doc: &Document, mut meta: ExportMeta) -> Result<Vec<u8>, ExportError> {
    let settings = settings();
    let (computed, _) = e81::compute(doc, &settings);
    meta.cap_100 = settings.cap_100;
    export_e81(doc, &computed, &meta)
}

/// What the title and signature block say, from the document and its workspace; signed today.
pub fn meta_for(doc: &Document, ws: &Workspace, today: (i32, u32, u32)) -> ExportMeta {
    // The title facts only (no rows): what the file said, else what the workspace knows.
    let header = Document {
        form: doc.form.clone(),
        sheet: doc.sheet.clone(),
        year: doc.year.or(Some(ws.tahun)),
        quarter: doc.quarter,
        region: doc.region.clone().or_else(|| Some(ws.kabupaten.clone())),
        pd: Some(ws.nama_pd.clone()),
        rows: Vec::new(),
    };
    let mut meta = ExportMeta::from_document(&header);
    meta.kepala_nama = ws.kepala_nama.clone();
    meta.kepala_nip = ws.kepala_nip.clone();
    meta.tanggal = Some(today);
    meta
}

/// The agency's own workbook with `doc`'s values and computed columns written into it.
pub fn filled_template(
    template: &[u8],
    doc: &Document,
) -> Result<(Vec<u8>, Vec<Problem>), FillError> {
    fill_template(template, doc, &Limits::default())
}

/// Today's date (UTC), for the signature block.
pub fn today() -> (i32, u32, u32) {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    capaian_domain::tanggal::dari_hari_epoch(i64::try_from(secs / 86_400).unwrap_or(0))
}
