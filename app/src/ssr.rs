//! Server-side pieces of the app: the repository interface the server implements, the shared
//! context, and the use-cases both server functions and plain routes call.

use std::sync::Arc;

use async_trait::async_trait;
use capaian_domain::workspace::{self, FieldError, NewWorkspace, WorkspaceField, WorkspaceInput};

use crate::akses::{Catatan, Langkah, Pelaku, Penugasan, Tahap};
use crate::types::{
    ActivityView, Akun, AkunBaru, AkunView, BidangView, BudgetView, ChangeRow, CreateOutcome,
    DiffView, DocumentSummary, DocumentView, EditOutcome, EditRequest, Event, EventFilter,
    NewDocument, NewSubmission, PemetaanTersimpan, PemetaanView, Point, ResolvedPoint, StatusInfo,
    StoredDocument, Submission, SubmissionFile, SubmitOutcome, UbahAkun, UnggahanTertunda,
    Workspace, WorkspaceOverview, PROBLEMS_SHOWN, ROWS_PER_PAGE,
};
use capaian_domain::e81;
use capaian_domain::history::{self, CellEdit};
use capaian_domain::model::Document;
use capaian_domain::model::{Level, Severity};

/// The workbook a document's values are filled into (*Unduh dalam template asli* and a
/// submission's template file): the agency's own file, as uploaded.
#[derive(Clone, Debug, PartialEq)]
pub struct Template {
    pub nama_berkas: String,
    pub isi: Vec<u8>,
    /// For a file merged into the document: the sheet row of each document row in it (None:
    /// the file does not have that row). None for the file the document was imported from
    /// (each row's own `sheet_row`).
    pub baris: Option<Vec<Option<u32>>>,
}

/// A file merged into a document ([`Store::merge_edits`]).
#[derive(Clone, Debug)]
pub struct Gabungan {
    /// The file's name, recorded on each event.
    pub berkas: String,
    /// The quarter the file reports.
    pub triwulan: Option<u8>,
    /// The file, which becomes the document's template (its `baris` by position in the rows
    /// the merge was decided on).
    pub template: Option<Template>,
    /// The file as read, when the rows it has and the document lacks are to be added (each
    /// under its parent, with every value of it, as events naming the file).
    pub baris_baru: Option<std::sync::Arc<Document>>,
    /// The rows the merge was decided on ([`DocumentSummary::bentuk`]).
    pub bentuk: u64,
    /// The file, kept beside the document to compare it against ([`BerkasPembanding`]) when
    /// it is of another form (a PK, a Renja, a SIPD export, the Renstra's table): it never
    /// becomes the template.
    pub pembanding: Option<Vec<u8>>,
}

/// A file kept beside a document to compare the document against (*berkas pembanding*, the
/// Rekonsiliasi's files): a file of another form merged into it, or one uploaded on the
/// Rekonsiliasi page. One per name: a file of the same name replaces it.
#[derive(Clone, Debug, PartialEq)]
pub struct BerkasPembanding {
    pub nama: String,
    pub isi: Vec<u8>,
    /// Who kept it, and when (RFC 3339, UTC).
    pub oleh: String,
    pub waktu: String,
}

/// Why the store could not do what was asked.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The request named rows by position as they were before a merged file added rows
    /// (the document's rows now: `0`); nothing was stored.
    #[error("Baris dokumen ini bertambah sejak halaman dimuat (berkas yang digabung menambah baris); tidak ada yang disimpan. Muat ulang halaman, lalu ulangi.")]
    RowsChanged(u64),
    /// A workspace for this PD, kabupaten/kota and year already exists.
    #[error("Ruang kerja untuk {nama_pd} ({kabupaten}) tahun {tahun} sudah ada.")]
    Duplicate {
        nama_pd: String,
        kabupaten: String,
        tahun: i32,
    },
    /// Another writer changed the document between reading and writing: try again.
    #[error("Dokumen baru saja diubah oleh proses lain; coba lagi.")]
    Stale,
    /// An account with this login name already exists.
    #[error("Nama pengguna '{0}' sudah dipakai; pilih nama lain.")]
    AccountExists(String),
    /// The first admin account was asked for, but accounts exist already.
    #[error("Akun admin pertama sudah dibuat; masuk dengan akun itu.")]
    AccountsExist,
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
    /// Sets a workspace's settings if they are still at version `versi` (else `Stale`);
    /// None: no such workspace.
    async fn set_workspace_settings(
        &self,
        id: &str,
        pengaturan: &capaian_domain::pengaturan::Pengaturan,
        versi: u64,
    ) -> Result<Option<Workspace>, StoreError>;
    /// Sets the office's time zone of a workspace (None: no such workspace).
    async fn set_workspace_zone(
        &self,
        id: &str,
        zona: capaian_domain::wilayah::ZonaWaktu,
    ) -> Result<Option<Workspace>, StoreError>;
    /// Stores an imported document under its workspace.
    async fn save_document(&self, doc: NewDocument) -> Result<DocumentSummary, StoreError>;
    async fn list_documents(&self, workspace_id: &str) -> Result<Vec<DocumentSummary>, StoreError>;
    /// One document's summary.
    async fn document_summary(&self, id: &str) -> Result<Option<DocumentSummary>, StoreError>;
    /// The document as it stands now: the import with every edit applied.
    async fn get_document(&self, id: &str) -> Result<Option<StoredDocument>, StoreError>;
    /// The document as it stands now, shared (no copy), with its summary: what freezing a
    /// submission needs, without the cell versions and import problems.
    async fn current_document(
        &self,
        id: &str,
    ) -> Result<Option<(DocumentSummary, std::sync::Arc<Document>)>, StoreError>;
    /// The document before any edit: its rows as they stand (the import's, and the rows
    /// merged files added, each at its place in the tree) with the values as imported (added
    /// rows hold none: their values are edits). Positions are the current document's.
    async fn imported_document(
        &self,
        id: &str,
    ) -> Result<Option<std::sync::Arc<Document>>, StoreError>;
    /// The positions (in the rows as they stand) of the rows added after version `versi`:
    /// the document at `versi` is [`Store::imported_document`] with the edits up to `versi`,
    /// without these rows.
    async fn rows_added_after(&self, id: &str, versi: u64) -> Result<Vec<usize>, StoreError>;
    /// The workbook a document was imported from, byte for byte.
    async fn get_document_file(&self, id: &str) -> Result<Option<Vec<u8>>, StoreError>;
    /// The workbook a document's values are filled into: the latest file merged into it (with
    /// where each row is in it), else the one it was imported from.
    async fn document_template(&self, id: &str) -> Result<Option<Template>, StoreError>;
    /// Applies a batch of cell edits whole or not at all, each checked against the version
    /// of the cell the client saw and against the quarter locks. `None`: no such document.
    /// Rows are named by position; `bentuk`: the rows the positions were read from
    /// ([`DocumentSummary::bentuk`]): when rows were added since, nothing is stored
    /// ([`EditOutcome::RowsChanged`]). `None`: positions of the rows as they stand now (a
    /// caller that has just read them).
    async fn apply_edits(
        &self,
        document_id: &str,
        oleh: &str,
        bentuk: Option<u64>,
        edits: Vec<EditRequest>,
    ) -> Result<Option<EditOutcome>, StoreError>;
    /// [`Store::apply_edits`] for values accepted from a merged file: each edit's event names
    /// the file (`sumber`). When the file reports a later quarter (`triwulan`) than the
    /// document, the document reports that quarter from then on (a `triwulan_laporan` event).
    /// The file becomes the document's template in the same transaction; its rows the
    /// document lacks are added with their values when [`Gabungan::baris_baru`] says so.
    async fn merge_edits(
        &self,
        document_id: &str,
        oleh: &str,
        gabungan: Gabungan,
        edits: Vec<EditRequest>,
    ) -> Result<Option<EditOutcome>, StoreError>;
    /// The files kept beside document `document_id` to compare it against, newest first.
    async fn comparison_files(
        &self,
        document_id: &str,
    ) -> Result<Vec<BerkasPembanding>, StoreError>;
    /// Keeps `isi` as `nama` beside document `document_id` (replacing a file of that name);
    /// false: no such document.
    async fn keep_comparison_file(
        &self,
        document_id: &str,
        nama: &str,
        isi: Vec<u8>,
        oleh: &str,
    ) -> Result<bool, StoreError>;
    /// Forgets the kept file `nama` of document `document_id`; false: there was none.
    async fn drop_comparison_file(&self, document_id: &str, nama: &str)
        -> Result<bool, StoreError>;
    /// The cell edits of a document with `dari < seq <= ke`, oldest first (the import plus
    /// the edits up to a version is the document at that version).
    async fn cell_edits(
        &self,
        document_id: &str,
        dari: u64,
        ke: u64,
    ) -> Result<Vec<CellEdit>, StoreError>;
    /// Everyone who appears in a document's log, sorted.
    async fn event_people(&self, document_id: &str) -> Result<Vec<String>, StoreError>;
    /// The document's log, newest first, filtered.
    async fn list_events(
        &self,
        document_id: &str,
        filter: &EventFilter,
    ) -> Result<Vec<Event>, StoreError>;
    /// Stores a submission, its files and its `ajukan` event, and locks the quarter, in one
    /// transaction. `None`: no such document.
    async fn save_submission(
        &self,
        document_id: &str,
        submission: NewSubmission,
    ) -> Result<Option<SubmitOutcome>, StoreError>;
    /// Submissions of a document, oldest first.
    async fn list_submissions(&self, document_id: &str) -> Result<Vec<Submission>, StoreError>;
    async fn get_submission(&self, id: &str) -> Result<Option<Submission>, StoreError>;
    /// A submission's file (`formulir` or `template`), byte for byte as it was stored.
    async fn get_submission_file(
        &self,
        id: &str,
        jenis: &str,
    ) -> Result<Option<(SubmissionFile, Vec<u8>)>, StoreError>;
    /// Unlocks a submitted quarter with a logged reason. `Ok(None)`: no such document;
    /// `Ok(Some(None))`: the quarter was not locked; otherwise the new version.
    async fn unlock_quarter(
        &self,
        document_id: &str,
        triwulan: u8,
        oleh: &str,
        alasan: &str,
    ) -> Result<Option<Option<u64>>, StoreError>;
    /// Starts the budget change: targets edited from here on are the *perubahan* targets.
    /// `Ok(None)`: no such document; `Ok(Some(None))`: it had already started.
    async fn start_budget_change(
        &self,
        document_id: &str,
        oleh: &str,
        alasan: &str,
    ) -> Result<Option<Option<u64>>, StoreError>;

    // The team (LAN mode): accounts, sessions, workflow, notes, bidang.
    async fn count_accounts(&self) -> Result<u64, StoreError>;
    async fn list_accounts(&self) -> Result<Vec<Akun>, StoreError>;
    /// An account and its password hash.
    async fn get_account(&self, login: &str) -> Result<Option<(Akun, String)>, StoreError>;
    /// Creates an account; with `only_first`, only while there is none (the first admin).
    async fn create_account(&self, akun: AkunBaru, only_first: bool) -> Result<Akun, StoreError>;
    /// Changes an account; a new password, a new role or deactivation ends its sessions.
    async fn update_account(&self, login: &str, ubah: UbahAkun)
        -> Result<Option<Akun>, StoreError>;
    /// Stores a session under the SHA-256 of its token (the token itself is never stored).
    async fn create_session(&self, token_hash: &str, login: &str) -> Result<(), StoreError>;
    /// The active account of a live session.
    async fn session_account(&self, token_hash: &str) -> Result<Option<Akun>, StoreError>;
    async fn delete_session(&self, token_hash: &str) -> Result<(), StoreError>;
    /// A workflow step of a quarter. `Ok(None)`: no such document; `Ok(Some(Err(stage)))`:
    /// the quarter's stage does not allow it; otherwise the event's seq.
    async fn workflow_step(
        &self,
        document_id: &str,
        langkah: Langkah,
        triwulan: u8,
        oleh: &str,
        alasan: &str,
    ) -> Result<Option<Result<u64, Tahap>>, StoreError>;
    /// A note on a row of a quarter under verification (empty text removes it).
    /// `bentuk`: the rows `baris` was read from, as for [`Store::apply_edits`]; others are
    /// refused with [`StoreError::RowsChanged`].
    async fn set_note(
        &self,
        document_id: &str,
        triwulan: u8,
        baris: usize,
        teks: &str,
        oleh: &str,
        bentuk: Option<u64>,
    ) -> Result<Option<Result<u64, Tahap>>, StoreError>;
    async fn list_notes(&self, document_id: &str) -> Result<Vec<Catatan>, StoreError>;
    /// Which bidang owns which program/kegiatan rows of a document.
    async fn owners(&self, document_id: &str) -> Result<Penugasan, StoreError>;
    /// Assigns rows to bidang (`None`: nobody), each change logged. `Ok(None)`: no such document.
    /// `bentuk`: as for [`Store::set_note`].
    async fn set_owners(
        &self,
        document_id: &str,
        oleh: &str,
        changes: Vec<(usize, Option<String>)>,
        bentuk: Option<u64>,
    ) -> Result<Option<u64>, StoreError>;

    // Uploads waiting on their mapping page or their merge page, and the mappings a
    // workspace remembers.
    /// Keeps an upload until the person confirms its mapping (and, when it merges into the
    /// document `tujuan`, the values to accept); answers its id. Uploads left waiting for over
    /// a week are dropped at the same time.
    async fn save_pending(
        &self,
        workspace_id: &str,
        nama_berkas: &str,
        berkas: Vec<u8>,
        tampilan: &PemetaanView,
        tujuan: Option<&str>,
    ) -> Result<String, StoreError>;
    /// A waiting upload with its mapping page (without the file).
    async fn get_pending(&self, id: &str) -> Result<Option<UnggahanTertunda>, StoreError>;
    /// The file of a waiting upload.
    async fn get_pending_file(&self, id: &str) -> Result<Option<Vec<u8>>, StoreError>;
    /// Keeps the file as read, once its reading is settled (what the merge page compares).
    /// `false`: the upload no longer waits.
    async fn set_pending_reading(
        &self,
        id: &str,
        bacaan: &capaian_domain::model::Document,
    ) -> Result<bool, StoreError>;
    /// The file of a waiting upload as read, once settled.
    async fn get_pending_reading(
        &self,
        id: &str,
    ) -> Result<Option<capaian_domain::model::Document>, StoreError>;
    /// The mapping page of a waiting upload read again with the person's choices.
    async fn update_pending(&self, id: &str, tampilan: &PemetaanView) -> Result<bool, StoreError>;
    async fn delete_pending(&self, id: &str) -> Result<(), StoreError>;
    /// The mapping a workspace remembers for a layout.
    async fn get_mapping(
        &self,
        workspace_id: &str,
        tanda: &str,
    ) -> Result<Option<PemetaanTersimpan>, StoreError>;
    async fn list_mappings(&self, workspace_id: &str)
        -> Result<Vec<PemetaanTersimpan>, StoreError>;
    /// Remembers a mapping, checked against the version the person saw (`versi` of the
    /// argument; 0 for a layout not yet remembered). `Ok(Err(v))`: someone else changed it
    /// meanwhile, it is at version `v` now.
    async fn save_mapping(
        &self,
        mapping: PemetaanTersimpan,
    ) -> Result<Result<PemetaanTersimpan, u64>, StoreError>;
    /// Forgets a remembered mapping (false: there was none).
    async fn delete_mapping(&self, workspace_id: &str, id: &str) -> Result<bool, StoreError>;
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
    /// Listening on the network: everything needs a login (else a single PC, no login).
    pub lan: bool,
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
        Ok(created) => Ok(CreateOutcome::Created(Box::new(created))),
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
    pelaku: Pelaku,
) -> Result<Option<WorkspaceOverview>, StoreError> {
    let Some(workspace) = store.get_workspace(id).await? else {
        return Ok(None);
    };
    let documents = store.list_documents(id).await?;
    let pemetaan = store
        .list_mappings(id)
        .await?
        .iter()
        .map(crate::types::RingkasanPemetaan::from)
        .collect();
    // Plain cards the server renders alone (none of it in the wasm bundle).
    let earlier = [
        workspace_of_year(store, &workspace, workspace.tahun - 1)
            .await?
            .is_some(),
        workspace_of_year(store, &workspace, workspace.tahun - 2)
            .await?
            .is_some(),
    ];
    // The charts of the newest document, as it stands.
    let grafik_html = match newest_of(&documents) {
        Some(summary) => store.get_document(&summary.id).await?.map(|stored| {
            let svg = capaian_domain::grafik::svg_dokumen(&stored.document, &workspace.pengaturan);
            crate::pages::workspace::grafik_card_html((&summary.id, &summary.nama_berkas), &svg)
        }),
        None => None,
    };
    let pengaturan_html = grafik_html.unwrap_or_default()
        + &crate::pages::periksa::periksa_card_html(&workspace.id)
        + &crate::pages::workspace::derived_card_html(&workspace, earlier)
        + &crate::pages::workspace::calc_settings_html(
            &workspace,
            pelaku.boleh(crate::akses::Aksi::AturRuangKerja),
        );
    Ok(Some(WorkspaceOverview {
        workspace,
        documents,
        pelaku,
        pemetaan,
        pengaturan_html,
    }))
}

/// One page of a stored document, computed by the domain core.
pub async fn document_view(
    store: &dyn Store,
    id: &str,
    page: u32,
    pelaku: Pelaku,
) -> Result<Option<DocumentView>, StoreError> {
    let Some(stored) = store.get_document(id).await? else {
        return Ok(None);
    };
    let Some(workspace) = store.get_workspace(&stored.summary.workspace_id).await? else {
        return Ok(None);
    };
    let (computed, _) = e81::compute(&stored.document, &stored.summary.pengaturan.e81());
    let level_counts = Level::ALL
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
    let pengajuan = store.list_submissions(id).await?;
    let catatan = store
        .list_notes(id)
        .await?
        .into_iter()
        .map(|c| {
            let label = row_label(&stored.document, c.baris);
            (c, label)
        })
        .collect();
    Ok(Some(DocumentView {
        summary: stored.summary,
        pengajuan,
        catatan,
        pelaku,
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

/// The document as it was at version `versi`: the import with the edits up to it replayed.
pub async fn snapshot(
    store: &dyn Store,
    document_id: &str,
    versi: u64,
) -> Result<Option<Document>, StoreError> {
    let Some(base) = store.imported_document(document_id).await? else {
        return Ok(None);
    };
    let edits = store.cell_edits(document_id, 0, versi).await?;
    let (mut doc, problems) = history::replay(&base, &edits, versi);
    if let Some(p) = problems.first() {
        return Err(StoreError::Database(format!(
            "log dokumen {document_id} tidak dapat diputar ulang: {}",
            p.message
        )));
    }
    // Rows a merged file added later were not there yet.
    let later = store.rows_added_after(document_id, versi).await?;
    if !later.is_empty() {
        let later: std::collections::HashSet<usize> = later.into_iter().collect();
        let mut at = 0;
        doc.rows.retain(|_| {
            at += 1;
            !later.contains(&(at - 1))
        });
    }
    Ok(Some(doc))
}

/// The workspace of the same PD (and kabupaten) for `tahun`, when there is one.
pub async fn workspace_of_year(
    store: &dyn Store,
    workspace: &Workspace,
    tahun: i32,
) -> Result<Option<Workspace>, StoreError> {
    let same = |a: &str, b: &str| a.trim().to_lowercase() == b.trim().to_lowercase();
    Ok(store.list_workspaces().await?.into_iter().find(|w| {
        w.tahun == tahun
            && same(&w.nama_pd, &workspace.nama_pd)
            && same(&w.kabupaten, &workspace.kabupaten)
    }))
}

/// A workspace's latest submission over all its documents: the highest quarter, then the
/// latest made.
pub async fn latest_submission(
    store: &dyn Store,
    workspace_id: &str,
) -> Result<Option<Submission>, StoreError> {
    let mut best: Option<Submission> = None;
    for doc in store.list_documents(workspace_id).await? {
        for sub in store.list_submissions(&doc.id).await? {
            let better = best.as_ref().is_none_or(|b| {
                (sub.triwulan, sub.waktu.as_str()) > (b.triwulan, b.waktu.as_str())
            });
            if better {
                best = Some(sub);
            }
        }
    }
    Ok(best)
}

/// [`year_document`] of the same PD's workspace for `tahun` ([`workspace_of_year`]), when there
/// is one: an earlier year as the derived documents (T-C.29, LKjIP) take it.
pub async fn document_of_year(
    store: &dyn Store,
    workspace: &Workspace,
    tahun: i32,
) -> Result<Option<(String, Document)>, StoreError> {
    match workspace_of_year(store, workspace, tahun).await? {
        Some(w) => year_document(store, &w).await,
        None => Ok(None),
    }
}

/// A year's Formulir E.81 as documents derived from the years before take it (T-C.29): the
/// workspace's latest submission as frozen, else — a year imported as history, never submitted
/// here — its newest document as it stands. With a label saying which.
pub async fn year_document(
    store: &dyn Store,
    workspace: &Workspace,
) -> Result<Option<(String, Document)>, StoreError> {
    if let Some(sub) = latest_submission(store, &workspace.id).await? {
        if let Some(doc) = submitted_document(store, &sub).await? {
            let label = format!(
                "pengajuan Triwulan {} tahun {}",
                crate::format::romawi(sub.triwulan),
                workspace.tahun
            );
            return Ok(Some((label, doc)));
        }
    }
    Ok(newest_document(store, workspace).await?.map(|(nama, doc)| {
        (
            format!(
                "{nama} tahun {} sebagaimana tersimpan (belum diajukan)",
                workspace.tahun
            ),
            doc,
        )
    }))
}

/// A workspace's newest document as it stands (its edits applied), with its file's name.
pub async fn newest_document(
    store: &dyn Store,
    workspace: &Workspace,
) -> Result<Option<(String, Document)>, StoreError> {
    let documents = store.list_documents(&workspace.id).await?;
    let Some(summary) = newest_of(&documents) else {
        return Ok(None);
    };
    Ok(store
        .get_document(&summary.id)
        .await?
        .map(|stored| (summary.nama_berkas.clone(), stored.document)))
}

/// The most recently imported of a workspace's documents.
pub fn newest_of(documents: &[DocumentSummary]) -> Option<&DocumentSummary> {
    documents.iter().max_by(|a, b| a.diimpor.cmp(&b.diimpor))
}

/// The document a submission froze, as its files were made from it (titled with its quarter).
pub async fn submitted_document(
    store: &dyn Store,
    submission: &Submission,
) -> Result<Option<Document>, StoreError> {
    let doc = snapshot(store, &submission.document_id, submission.versi).await?;
    Ok(doc.map(|mut d| {
        d.quarter = Some(submission.triwulan);
        d
    }))
}

/// Why a point could not be resolved.
#[derive(Debug, thiserror::Error)]
pub enum PointError {
    #[error("Titik '{0}' tidak dikenal: pakai 'awal', 'sekarang', 'versi-N' atau id pengajuan dokumen ini.")]
    Unknown(String),
    #[error("{0}")]
    Store(#[from] StoreError),
}

async fn resolve(
    store: &dyn Store,
    summary: &DocumentSummary,
    point: &Point,
) -> Result<ResolvedPoint, PointError> {
    let (versi, label) = match point {
        Point::Awal => (0, "Saat diimpor".to_string()),
        Point::Sekarang => (summary.versi, "Saat ini".to_string()),
        Point::Versi(n) if *n <= summary.versi => (*n, format!("Versi {n}")),
        Point::Versi(_) => return Err(PointError::Unknown(point.key())),
        Point::Pengajuan(id) => match store.get_submission(id).await? {
            Some(s) if s.document_id == summary.id => (
                s.versi,
                format!(
                    "Pengajuan Triwulan {} (revisi {}, {})",
                    crate::format::romawi(s.triwulan),
                    s.revisi,
                    crate::format::tanggal(&s.waktu, summary.zona)
                ),
            ),
            _ => return Err(PointError::Unknown(id.clone())),
        },
    };
    Ok(ResolvedPoint {
        titik: point.key(),
        versi,
        label,
    })
}

/// *Perubahan sejak pengajuan*: every cell that differs between `dari` and `ke`, with the
/// old and new value, who changed it last and when. `Ok(None)`: no such document.
pub async fn diff(
    store: &dyn Store,
    document_id: &str,
    dari: &Point,
    ke: &Point,
) -> Result<Option<DiffView>, PointError> {
    let Some(summary) = store.document_summary(document_id).await? else {
        return Ok(None);
    };
    let dari = resolve(store, &summary, dari).await?;
    let ke = resolve(store, &summary, ke).await?;
    let Some(base) = store.imported_document(document_id).await? else {
        return Ok(None);
    };
    // Only the edits between the two points matter.
    let edits = store
        .cell_edits(
            document_id,
            dari.versi.min(ke.versi),
            dari.versi.max(ke.versi),
        )
        .await?;
    let perubahan = history::diff(&edits, dari.versi, ke.versi)
        .into_iter()
        .map(|c| {
            let row = base.rows.get(c.baris);
            ChangeRow {
                kode: row.and_then(|r| r.kode_shown().map(str::to_string)),
                nama: row.map(|r| r.name.clone()).unwrap_or_default(),
                indikator: row.map(|r| r.indicator.clone()).unwrap_or_default(),
                perubahan: c,
            }
        })
        .collect();
    let pengajuan = store.list_submissions(document_id).await?;
    Ok(Some(DiffView {
        dokumen: summary,
        dari,
        ke,
        perubahan,
        pengajuan,
    }))
}

/// *Murni* vs *perubahan*: the targets (column 7) when the budget change started and now.
pub async fn budget_comparison(
    store: &dyn Store,
    document_id: &str,
) -> Result<Option<BudgetView>, StoreError> {
    let Some(current) = store.get_document(document_id).await? else {
        return Ok(None);
    };
    let Some(versi) = current.summary.perubahan else {
        return Ok(Some(BudgetView {
            dokumen: current.summary,
            versi_perubahan: None,
            baris: Vec::new(),
        }));
    };
    let Some(murni) = snapshot(store, document_id, versi).await? else {
        return Ok(None);
    };
    let baris = history::compare_targets(&murni, &current.document)
        .into_iter()
        .map(|c| {
            let row = current.document.rows.get(c.baris);
            (
                row.and_then(|r| r.kode_shown().map(str::to_string)),
                row.map(|r| r.name.clone()).unwrap_or_default(),
                row.map(|r| r.indicator.clone()).unwrap_or_default(),
                c,
            )
        })
        .collect();
    Ok(Some(BudgetView {
        dokumen: current.summary,
        versi_perubahan: Some(versi),
        baris,
    }))
}

/// The activity list of a document: newest first, with each row's label.
pub async fn activity(
    store: &dyn Store,
    document_id: &str,
    filter: EventFilter,
) -> Result<Option<ActivityView>, StoreError> {
    let Some(summary) = store.document_summary(document_id).await? else {
        return Ok(None);
    };
    let Some(base) = store.imported_document(document_id).await? else {
        return Ok(None);
    };
    let events = store.list_events(document_id, &filter).await?;
    let orang = store.event_people(document_id).await?;
    let peristiwa = events
        .into_iter()
        .map(|e| {
            let label = e
                .baris
                .filter(|&b| b < base.rows.len())
                .map(|b| row_label(&base, b));
            (e, label)
        })
        .collect();
    Ok(Some(ActivityView {
        dokumen: summary,
        peristiwa,
        orang,
        filter,
    }))
}

/// The bidang named in operators' accounts, sorted, without repeats.
fn bidang_names(accounts: &[Akun]) -> Vec<String> {
    let mut names: Vec<String> = accounts.iter().filter_map(|a| a.bidang.clone()).collect();
    names.sort();
    names.dedup();
    names
}

/// The accounts page's data.
pub async fn accounts(store: &dyn Store) -> Result<AkunView, StoreError> {
    let akun = store.list_accounts().await?;
    Ok(AkunView {
        bidang: bidang_names(&akun),
        akun,
    })
}

/// The bidang page's data: the program and kegiatan rows of a document and their bidang.
pub async fn owners_view(
    store: &dyn Store,
    document_id: &str,
    pelaku: &Pelaku,
) -> Result<Option<BidangView>, StoreError> {
    let Some(dokumen) = store.document_summary(document_id).await? else {
        return Ok(None);
    };
    let Some(doc) = store.imported_document(document_id).await? else {
        return Ok(None);
    };
    let owners = store.owners(document_id).await?;
    let baris = doc
        .rows
        .iter()
        .enumerate()
        .filter(|(_, r)| r.level.rank() <= Level::Kegiatan.rank())
        .map(|(i, r)| {
            (
                i,
                r.level,
                r.kode_shown().unwrap_or_default().to_string(),
                r.name.clone(),
                owners.get(&i).cloned(),
            )
        })
        .collect();
    Ok(Some(BidangView {
        dokumen,
        baris,
        bidang: bidang_names(&store.list_accounts().await?),
        boleh_ubah: pelaku.boleh(crate::akses::Aksi::AturBidang),
        minta_nama: pelaku.is_lokal(),
    }))
}

/// A row for people: its kode and its name (or its indicator's).
pub fn row_label(doc: &Document, baris: usize) -> String {
    let Some(r) = doc.rows.get(baris) else {
        return format!("Baris {baris}");
    };
    let kode = r.kode_shown().unwrap_or_default();
    let nama = if r.indicator.is_empty() {
        &r.name
    } else {
        &r.indicator
    };
    format!("{kode} {nama}").trim().to_string()
}

/// The person behind the request being served (set by the server's gate). Outside a request
/// (or if the gate did not run) nobody: an error, never the single-PC officer by accident.
pub fn pelaku() -> Result<Pelaku, String> {
    leptos::prelude::use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<Pelaku>().cloned())
        .ok_or_else(|| "Sesi tidak dikenali: muat ulang halaman lalu masuk lagi.".to_string())
}
