//! Types shared by the server and the browser.

use capaian_domain::workspace::FieldError;
use serde::{Deserialize, Serialize};

/// A stored *ruang kerja*: one Perangkat Daerah in one tahun anggaran.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Workspace {
    /// Stable key (the record id without its table).
    pub id: String,
    pub nama_pd: String,
    pub kabupaten: String,
    pub tahun: i32,
    pub kepala_nama: String,
    /// 18 digits.
    pub kepala_nip: String,
    /// When it was created, RFC 3339 (UTC).
    pub dibuat: String,
}

/// What creating a workspace came to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CreateOutcome {
    Created(Workspace),
    /// Refused, with the reason per field.
    Invalid(Vec<FieldError>),
}

/// The facts the status page shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusInfo {
    pub version: String,
    pub data_dir: String,
    pub engine: String,
    pub workspaces: u64,
}

/// A stored document, without its rows: what lists show.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentSummary {
    pub id: String,
    pub workspace_id: String,
    /// The uploaded file's name.
    pub nama_berkas: String,
    /// `E.81`, …
    pub form: String,
    pub sheet: String,
    pub tahun: Option<i32>,
    pub triwulan: Option<u8>,
    pub baris: u64,
    pub masalah: u64,
    /// When it was imported, RFC 3339 (UTC).
    pub diimpor: String,
}

/// A document as imported: its rows and the problems found while reading the file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoredDocument {
    pub summary: DocumentSummary,
    pub document: capaian_domain::model::Document,
    /// Problems located in the file (sheet and cell), found while reading it.
    pub problems: Vec<capaian_domain::model::Problem>,
}

/// A document ready to store.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NewDocument {
    pub workspace_id: String,
    pub nama_berkas: String,
    /// The uploaded workbook as it came: the agency's own template, filled again on download.
    pub berkas: Vec<u8>,
    pub document: capaian_domain::model::Document,
    pub problems: Vec<capaian_domain::model::Problem>,
}

/// The workspace page's data.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WorkspaceOverview {
    pub workspace: Workspace,
    pub documents: Vec<DocumentSummary>,
}

/// One page of a document, with everything the import report shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DocumentView {
    pub summary: DocumentSummary,
    pub workspace: Workspace,
    pub region: Option<String>,
    pub pd: Option<String>,
    /// Rows per level, in the order program, kegiatan, sub kegiatan, indikator.
    pub level_counts: Vec<(capaian_domain::model::Level, u64)>,
    pub totals: capaian_domain::e81::Totals,
    /// How many problems there are per severity: (errors, warnings, infos).
    pub problem_counts: (u64, u64, u64),
    /// The most severe problems first (at most [`PROBLEMS_SHOWN`]), located by sheet and cell.
    pub problems: Vec<capaian_domain::model::Problem>,
    /// This page's rows, each with what the core computed for it.
    pub rows: Vec<(capaian_domain::model::Row, capaian_domain::e81::RowComputed)>,
    /// 1-based page number and the number of pages.
    pub page: u32,
    pub pages: u32,
}

/// Problems listed on a document page; the counts cover all of them.
pub const PROBLEMS_SHOWN: usize = 200;

/// Rows per page of the read-only document table.
pub const ROWS_PER_PAGE: usize = 100;
