//! Server-side pieces of the app: the repository interface the server implements, the shared
//! context, and the use-cases both server functions and plain routes call.

use std::sync::Arc;

use async_trait::async_trait;
use capaian_domain::workspace::{self, FieldError, NewWorkspace, WorkspaceField, WorkspaceInput};

use crate::types::{
    CreateOutcome, DocumentSummary, DocumentView, NewDocument, StatusInfo, StoredDocument,
    Workspace, WorkspaceOverview, PROBLEMS_SHOWN, ROWS_PER_PAGE,
};
use capaian_domain::e81::{self, E81Settings};
use capaian_domain::model::{Level, Severity};

/// Why the store could not do what was asked.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A workspace for this PD, kabupaten/kota and year already exists.
    #[error("Ruang kerja untuk {nama_pd} ({kabupaten}) tahun {tahun} sudah ada.")]
    Duplicate {
        nama_pd: String,
        kabupaten: String,
        tahun: i32,
    },
    #[error("Basis data gagal: {0}")]
    Database(String),
}

/// The repository the app needs. The server implements it over SurrealDB; nothing in the app
/// sees a query language.
#[async_trait]
pub trait Store: Send + Sync + 'static {
    async fn list_workspaces(&self) -> Result<Vec<Workspace>, StoreError>;
    async fn create_workspace(&self, ws: NewWorkspace) -> Result<Workspace, StoreError>;
    async fn count_workspaces(&self) -> Result<u64, StoreError>;
    async fn get_workspace(&self, id: &str) -> Result<Option<Workspace>, StoreError>;
    /// Stores an imported document under its workspace.
    async fn save_document(&self, doc: NewDocument) -> Result<DocumentSummary, StoreError>;
    async fn list_documents(&self, workspace_id: &str) -> Result<Vec<DocumentSummary>, StoreError>;
    async fn get_document(&self, id: &str) -> Result<Option<StoredDocument>, StoreError>;
    /// The workbook a document was imported from, byte for byte.
    async fn get_document_file(&self, id: &str) -> Result<Option<Vec<u8>>, StoreError>;
}

/// Facts about the running server, for the status page.
#[derive(Clone, Debug)]
pub struct ServerInfo {
    pub data_dir: String,
    pub engine: String,
}

/// What every request can reach: provided as Leptos context and as Axum state.
#[derive(Clone)]
pub struct AppContext {
    pub store: Arc<dyn Store>,
    pub info: ServerInfo,
}

/// Validates and stores a new workspace. A duplicate is a refusal on the name field, not a
/// failure.
pub async fn create_workspace(
    store: &dyn Store,
    input: &WorkspaceInput,
) -> Result<CreateOutcome, StoreError> {
    let ws = match workspace::validate(input) {
        Ok(ws) => ws,
        Err(errors) => return Ok(CreateOutcome::Invalid(errors)),
    };
    match store.create_workspace(ws).await {
        Ok(created) => Ok(CreateOutcome::Created(created)),
        Err(dup @ StoreError::Duplicate { .. }) => Ok(CreateOutcome::Invalid(vec![FieldError {
            field: WorkspaceField::NamaPd,
            message: dup.to_string(),
        }])),
        Err(e) => Err(e),
    }
}

/// The status page's facts.
pub async fn status(ctx: &AppContext) -> Result<StatusInfo, StoreError> {
    Ok(StatusInfo {
        version: env!("CARGO_PKG_VERSION").to_string(),
        data_dir: ctx.info.data_dir.clone(),
        engine: ctx.info.engine.clone(),
        workspaces: ctx.store.count_workspaces().await?,
    })
}

/// The workspace page's data.
pub async fn workspace_overview(
    store: &dyn Store,
    id: &str,
) -> Result<Option<WorkspaceOverview>, StoreError> {
    let Some(workspace) = store.get_workspace(id).await? else {
        return Ok(None);
    };
    let documents = store.list_documents(id).await?;
    Ok(Some(WorkspaceOverview {
        workspace,
        documents,
    }))
}

/// One page of a stored document, computed by the domain core.
pub async fn document_view(
    store: &dyn Store,
    id: &str,
    page: u32,
) -> Result<Option<DocumentView>, StoreError> {
    let Some(stored) = store.get_document(id).await? else {
        return Ok(None);
    };
    let Some(workspace) = store.get_workspace(&stored.summary.workspace_id).await? else {
        return Ok(None);
    };
    let (computed, _) = e81::compute(&stored.document, &E81Settings::default());
    let level_counts = [
        Level::Program,
        Level::Kegiatan,
        Level::SubKegiatan,
        Level::Indikator,
    ]
    .into_iter()
    .map(|level| {
        let n = stored
            .document
            .rows
            .iter()
            .filter(|r| r.level == level)
            .count();
        (level, n as u64)
    })
    .collect();
    let count = |s: Severity| stored.problems.iter().filter(|p| p.severity == s).count() as u64;
    let problem_counts = (
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info),
    );
    // Most severe first; within a severity, in the order of the file.
    let mut problems = stored.problems;
    problems.sort_by_key(|p| std::cmp::Reverse(p.severity));
    problems.truncate(PROBLEMS_SHOWN);
    let total_rows = stored.document.rows.len();
    let pages = total_rows.div_ceil(ROWS_PER_PAGE).max(1);
    let page = (page.max(1) as usize).min(pages);
    let first = (page - 1) * ROWS_PER_PAGE;
    let rows = stored
        .document
        .rows
        .iter()
        .zip(computed.rows.iter())
        .skip(first)
        .take(ROWS_PER_PAGE)
        .map(|(r, c)| (r.clone(), c.clone()))
        .collect();
    Ok(Some(DocumentView {
        summary: stored.summary,
        workspace,
        region: stored.document.region,
        pd: stored.document.pd,
        level_counts,
        totals: computed.totals,
        problem_counts,
        problems,
        rows,
        page: page as u32,
        pages: pages as u32,
    }))
}
