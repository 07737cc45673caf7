//! The store: SurrealDB behind the app's repository interface. All SurrealQL lives in this
//! module (`mod.rs` for workspaces and documents, `history.rs` for edits, events and
//! submissions, `dump.rs` for backup and restore).
//!
//! A document is its import (stored once, never changed) plus an append-only log of events
//! (`peristiwa`), numbered per document by `seq`. The current value and version of every
//! edited cell is kept beside the log (`sel`) so the current document is the import with
//! that overlay; `history::replay` over the log gives the same document at any version.

mod dump;
mod history;
mod pembanding;
mod pemetaan;
mod susunan;
mod team;

use susunan::{Base, Susunan};
pub mod wal;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use app::akses::{Catatan, Langkah, Penugasan, Tahap};
use app::ssr::{BerkasPembanding, Gabungan, Store, StoreError, Template};
use app::types::{
    Akun, AkunBaru, CellVersion, DocumentSummary, EditOutcome, EditRequest, Event, EventFilter,
    NewDocument, NewSubmission, PemetaanTersimpan, PemetaanView, StoredDocument, Submission,
    SubmissionFile, SubmitOutcome, UbahAkun, UnggahanTertunda, Workspace,
};
use async_trait::async_trait;
use capaian_domain::edit::{self, Cell};
use capaian_domain::history::CellEdit;
use capaian_domain::model::{Document, Problem};
use capaian_domain::pengaturan::Pengaturan;
use capaian_domain::wilayah::{self, ZonaWaktu};
use capaian_domain::workspace::NewWorkspace;
use surrealdb::engine::any::Any;
use surrealdb::types::{Bytes, SurrealValue};
use surrealdb::Surreal;

pub use dump::{Dump, DumpError};

/// Where the database is and how to sign in.
#[derive(Clone, Debug)]
pub struct Connection {
    /// `surrealkv:///path`, `mem://`, `ws://host:port`, …
    pub endpoint: String,
    pub namespace: String,
    pub database: String,
    /// Root credentials for a server; embedded engines need none.
    pub credentials: Option<(String, String)>,
}

impl Connection {
    /// An embedded database (no sign-in) in the default namespace and database.
    pub fn embedded(endpoint: impl Into<String>) -> Connection {
        Connection {
            endpoint: endpoint.into(),
            namespace: DEFAULT_NAMESPACE.into(),
            database: DEFAULT_DATABASE.into(),
            credentials: None,
        }
    }
}

pub const DEFAULT_NAMESPACE: &str = "capaian";
pub const DEFAULT_DATABASE: &str = "capaian";

/// Tables, fields and indexes. Applied at every start; `IF NOT EXISTS` keeps it idempotent.
const SCHEMA: &str = r#"
DEFINE TABLE IF NOT EXISTS workspace SCHEMAFULL;
DEFINE FIELD IF NOT EXISTS nama_pd ON workspace TYPE string;
DEFINE FIELD IF NOT EXISTS kabupaten ON workspace TYPE string;
DEFINE FIELD IF NOT EXISTS tahun ON workspace TYPE int ASSERT $value >= 2000 AND $value <= 2100;
DEFINE FIELD IF NOT EXISTS kepala_nama ON workspace TYPE string;
DEFINE FIELD IF NOT EXISTS kepala_nip ON workspace TYPE string ASSERT string::len($value) = 18;
DEFINE FIELD IF NOT EXISTS kunci ON workspace TYPE string;
DEFINE FIELD IF NOT EXISTS dibuat ON workspace TYPE datetime DEFAULT time::now();
DEFINE FIELD IF NOT EXISTS zona ON workspace TYPE option<string> ASSERT $value = NONE OR $value IN ['wib', 'wita', 'wit'];
DEFINE FIELD IF NOT EXISTS pengaturan ON workspace TYPE option<string>;
DEFINE FIELD IF NOT EXISTS pengaturan_versi ON workspace TYPE option<int>;
DEFINE INDEX IF NOT EXISTS workspace_kunci ON workspace FIELDS kunci UNIQUE;

DEFINE TABLE IF NOT EXISTS document SCHEMAFULL;
DEFINE FIELD IF NOT EXISTS workspace ON document TYPE record<workspace>;
DEFINE FIELD IF NOT EXISTS nama_berkas ON document TYPE string;
DEFINE FIELD IF NOT EXISTS form ON document TYPE string;
DEFINE FIELD IF NOT EXISTS sheet ON document TYPE string;
DEFINE FIELD IF NOT EXISTS tahun ON document TYPE option<int>;
DEFINE FIELD IF NOT EXISTS triwulan ON document TYPE option<int> ASSERT $value = NONE OR ($value >= 1 AND $value <= 4);
DEFINE FIELD IF NOT EXISTS baris ON document TYPE int;
DEFINE FIELD IF NOT EXISTS masalah ON document TYPE int;
-- Versions before 0.2 kept the import here; `migrate` moves it to `dokumen_isi`.
DEFINE FIELD IF NOT EXISTS isi ON document TYPE option<string>;
DEFINE FIELD IF NOT EXISTS masalah_isi ON document TYPE option<string>;
DEFINE FIELD IF NOT EXISTS berkas ON document TYPE option<bytes>;
DEFINE FIELD IF NOT EXISTS diimpor ON document TYPE datetime DEFAULT time::now();
-- The seq of the latest event, the locked (submitted) quarters, the seq of the budget change.
DEFINE FIELD IF NOT EXISTS versi ON document TYPE int DEFAULT 0;
DEFINE FIELD IF NOT EXISTS kunci ON document TYPE array<int> DEFAULT [];
DEFINE FIELD IF NOT EXISTS perubahan ON document TYPE option<int>;
-- The workflow: quarters submitted for verification, and approved (final ones are in kunci).
DEFINE FIELD IF NOT EXISTS diajukan ON document TYPE array<int> DEFAULT [];
DEFINE FIELD IF NOT EXISTS disetujui ON document TYPE array<int> DEFAULT [];
-- The name of the latest file merged into the document, which its values are filled into
-- (`dokumen_template`); none: the imported file (`dokumen_berkas`).
DEFINE FIELD IF NOT EXISTS template ON document TYPE option<string>;
-- The seq of the event that last added rows to the document (a merged file's new rows,
-- `tambah_baris`); none: its rows are the import's. Stored row addresses (`baris` of cells,
-- events, notes, bidang and template rows) are row numbers: import row i is i, an added row
-- takes the next number, whatever its position among the rows.
DEFINE FIELD IF NOT EXISTS bentuk ON document TYPE option<int>;
DEFINE INDEX IF NOT EXISTS document_workspace ON document FIELDS workspace;

-- The large parts of a document, written once at import and never changed (edits are
-- events), kept apart so the small `document` record can change cheaply. Same id.
DEFINE TABLE IF NOT EXISTS dokumen_isi SCHEMAFULL;
-- The document as imported and the problems found while reading it, as JSON text.
DEFINE FIELD IF NOT EXISTS isi ON dokumen_isi TYPE string;
DEFINE FIELD IF NOT EXISTS masalah_isi ON dokumen_isi TYPE string;
-- The uploaded workbook, byte for byte (the agency's template), read without the JSON.
DEFINE TABLE IF NOT EXISTS dokumen_berkas SCHEMAFULL;
DEFINE FIELD IF NOT EXISTS isi ON dokumen_berkas TYPE bytes;
-- The latest workbook merged into the document (same id), byte for byte: its template from
-- then on. `baris`: the sheet row of each document row in it (0: not in the file); `sejak`:
-- the document's version when it became the template.
DEFINE TABLE IF NOT EXISTS dokumen_template SCHEMAFULL;
DEFINE FIELD IF NOT EXISTS isi ON dokumen_template TYPE bytes;
DEFINE FIELD IF NOT EXISTS baris ON dokumen_template TYPE array<int>;
DEFINE FIELD IF NOT EXISTS sejak ON dokumen_template TYPE int;
-- Files kept beside a document to compare it against (the Rekonsiliasi's): a file of another
-- form merged into it, or one uploaded to compare. Id [document, nama]: one per name.
DEFINE TABLE IF NOT EXISTS dokumen_pembanding SCHEMAFULL;
DEFINE FIELD IF NOT EXISTS document ON dokumen_pembanding TYPE record<document>;
DEFINE FIELD IF NOT EXISTS nama ON dokumen_pembanding TYPE string;
DEFINE FIELD IF NOT EXISTS isi ON dokumen_pembanding TYPE bytes;
DEFINE FIELD IF NOT EXISTS oleh ON dokumen_pembanding TYPE string;
DEFINE FIELD IF NOT EXISTS waktu ON dokumen_pembanding TYPE datetime;
DEFINE INDEX IF NOT EXISTS dokumen_pembanding_document ON dokumen_pembanding FIELDS document;

-- The log: one record per event, numbered per document.
DEFINE TABLE IF NOT EXISTS peristiwa SCHEMAFULL;
DEFINE FIELD IF NOT EXISTS document ON peristiwa TYPE record<document>;
DEFINE FIELD IF NOT EXISTS seq ON peristiwa TYPE int ASSERT $value >= 1;
DEFINE FIELD OVERWRITE jenis ON peristiwa TYPE string ASSERT $value IN ['ubah', 'ajukan', 'buka_kunci',
    'perubahan_anggaran', 'ajukan_verifikasi', 'setujui', 'kembalikan', 'catatan', 'atur_bidang',
    'triwulan_laporan', 'tambah_baris'];
DEFINE FIELD IF NOT EXISTS waktu ON peristiwa TYPE datetime DEFAULT time::now();
DEFINE FIELD IF NOT EXISTS oleh ON peristiwa TYPE string;
DEFINE FIELD IF NOT EXISTS baris ON peristiwa TYPE option<int>;
DEFINE FIELD IF NOT EXISTS kolom ON peristiwa TYPE option<string>;
-- Cell values as JSON text (capaian_domain::edit::CellValue).
DEFINE FIELD IF NOT EXISTS lama ON peristiwa TYPE option<string>;
DEFINE FIELD IF NOT EXISTS baru ON peristiwa TYPE option<string>;
DEFINE FIELD IF NOT EXISTS triwulan ON peristiwa TYPE option<int>;
DEFINE FIELD IF NOT EXISTS alasan ON peristiwa TYPE option<string>;
DEFINE FIELD IF NOT EXISTS pengajuan ON peristiwa TYPE option<string>;
-- The file an edit's value came from (a merged upload), or none: typed.
DEFINE FIELD IF NOT EXISTS sumber ON peristiwa TYPE option<string>;
-- The nodes and indicators a `tambah_baris` event added (JSON, rencana::e81::Tambahan).
DEFINE FIELD IF NOT EXISTS isi ON peristiwa TYPE option<string>;
-- Two writers can never both append the same seq: the loser's transaction fails.
DEFINE INDEX IF NOT EXISTS peristiwa_urutan ON peristiwa FIELDS document, seq UNIQUE;

-- The current value and version of every edited cell (the log's latest word per cell).
DEFINE TABLE IF NOT EXISTS sel SCHEMAFULL;
DEFINE FIELD IF NOT EXISTS document ON sel TYPE record<document>;
DEFINE FIELD IF NOT EXISTS baris ON sel TYPE int;
DEFINE FIELD IF NOT EXISTS kolom ON sel TYPE string;
DEFINE FIELD IF NOT EXISTS nilai ON sel TYPE string;
DEFINE FIELD IF NOT EXISTS versi ON sel TYPE int;
DEFINE INDEX IF NOT EXISTS sel_document ON sel FIELDS document;

-- Submissions: a frozen point of the log and the exact files made from it.
DEFINE TABLE IF NOT EXISTS pengajuan SCHEMAFULL;
DEFINE FIELD IF NOT EXISTS document ON pengajuan TYPE record<document>;
DEFINE FIELD IF NOT EXISTS triwulan ON pengajuan TYPE int ASSERT $value >= 1 AND $value <= 4;
DEFINE FIELD IF NOT EXISTS revisi ON pengajuan TYPE int;
DEFINE FIELD IF NOT EXISTS versi ON pengajuan TYPE int;
DEFINE FIELD IF NOT EXISTS waktu ON pengajuan TYPE datetime DEFAULT time::now();
DEFINE FIELD IF NOT EXISTS oleh ON pengajuan TYPE string;
DEFINE FIELD IF NOT EXISTS sha_dokumen ON pengajuan TYPE string;
DEFINE FIELD IF NOT EXISTS formulir_nama ON pengajuan TYPE string;
DEFINE FIELD IF NOT EXISTS formulir_sha ON pengajuan TYPE string;
DEFINE FIELD IF NOT EXISTS formulir_ukuran ON pengajuan TYPE int;
DEFINE FIELD IF NOT EXISTS template_nama ON pengajuan TYPE option<string>;
DEFINE FIELD IF NOT EXISTS template_sha ON pengajuan TYPE option<string>;
DEFINE FIELD IF NOT EXISTS template_ukuran ON pengajuan TYPE option<int>;
-- The laporan capaian kinerja dan keuangan of the quarter (absent in submissions made before it).
DEFINE FIELD IF NOT EXISTS laporan_nama ON pengajuan TYPE option<string>;
DEFINE FIELD IF NOT EXISTS laporan_sha ON pengajuan TYPE option<string>;
DEFINE FIELD IF NOT EXISTS laporan_ukuran ON pengajuan TYPE option<int>;
-- The bytes of a submission's files, apart so listing submissions never reads them.
-- Id: [pengajuan id, 'formulir' | 'template' | 'laporan'].
DEFINE TABLE IF NOT EXISTS pengajuan_berkas SCHEMAFULL;
DEFINE FIELD IF NOT EXISTS isi ON pengajuan_berkas TYPE bytes;
DEFINE INDEX IF NOT EXISTS pengajuan_document ON pengajuan FIELDS document;

-- The team on a LAN. Accounts: id = login name; the password only as an argon2 hash.
DEFINE TABLE IF NOT EXISTS pengguna SCHEMAFULL;
DEFINE FIELD IF NOT EXISTS nama ON pengguna TYPE string;
DEFINE FIELD IF NOT EXISTS peran ON pengguna TYPE string ASSERT $value IN ['admin', 'perencana', 'operator', 'kepala', 'pemeriksa'];
DEFINE FIELD IF NOT EXISTS bidang ON pengguna TYPE option<string>;
DEFINE FIELD IF NOT EXISTS hash ON pengguna TYPE string;
DEFINE FIELD IF NOT EXISTS aktif ON pengguna TYPE bool DEFAULT true;
DEFINE FIELD IF NOT EXISTS dibuat ON pengguna TYPE datetime DEFAULT time::now();
-- Sessions: id = SHA-256 of the cookie's token (the token itself is never stored).
DEFINE TABLE IF NOT EXISTS sesi SCHEMAFULL;
DEFINE FIELD IF NOT EXISTS pengguna ON sesi TYPE record<pengguna>;
DEFINE FIELD IF NOT EXISTS dibuat ON sesi TYPE datetime DEFAULT time::now();
DEFINE FIELD IF NOT EXISTS kedaluwarsa ON sesi TYPE datetime;
DEFINE INDEX IF NOT EXISTS sesi_pengguna ON sesi FIELDS pengguna;
-- Verifiers' notes on rows: id = [document, triwulan, baris].
DEFINE TABLE IF NOT EXISTS catatan SCHEMAFULL;
DEFINE FIELD IF NOT EXISTS document ON catatan TYPE record<document>;
DEFINE FIELD IF NOT EXISTS triwulan ON catatan TYPE int;
DEFINE FIELD IF NOT EXISTS baris ON catatan TYPE int;
DEFINE FIELD IF NOT EXISTS teks ON catatan TYPE string;
DEFINE FIELD IF NOT EXISTS oleh ON catatan TYPE string;
DEFINE FIELD IF NOT EXISTS waktu ON catatan TYPE datetime DEFAULT time::now();
DEFINE INDEX IF NOT EXISTS catatan_document ON catatan FIELDS document;
-- Which bidang owns a program/kegiatan row: id = [document, baris].
DEFINE TABLE IF NOT EXISTS penugasan SCHEMAFULL;
DEFINE FIELD IF NOT EXISTS document ON penugasan TYPE record<document>;
DEFINE FIELD IF NOT EXISTS baris ON penugasan TYPE int;
DEFINE FIELD IF NOT EXISTS bidang ON penugasan TYPE string;
DEFINE INDEX IF NOT EXISTS penugasan_document ON penugasan FIELDS document;

-- Uploads waiting on their mapping page (dropped after a week), never in a backup.
DEFINE TABLE IF NOT EXISTS unggahan SCHEMAFULL;
DEFINE FIELD IF NOT EXISTS workspace ON unggahan TYPE record<workspace>;
DEFINE FIELD IF NOT EXISTS nama_berkas ON unggahan TYPE string;
DEFINE FIELD IF NOT EXISTS berkas ON unggahan TYPE bytes;
-- The mapping page as last read (app::types::PemetaanView), as JSON text.
DEFINE FIELD IF NOT EXISTS tampilan ON unggahan TYPE string;
DEFINE FIELD IF NOT EXISTS dibuat ON unggahan TYPE datetime DEFAULT time::now();
-- The document an upload merges into (its merge page), or none: a new document.
DEFINE FIELD IF NOT EXISTS tujuan ON unggahan TYPE option<string>;
-- The file as read once its reading is settled (capaian_domain::model::Document, JSON text).
DEFINE FIELD IF NOT EXISTS bacaan ON unggahan TYPE option<string>;

-- The column mappings a workspace remembers, one per layout signature (`tanda`).
DEFINE TABLE IF NOT EXISTS pemetaan SCHEMAFULL;
DEFINE FIELD IF NOT EXISTS workspace ON pemetaan TYPE record<workspace>;
DEFINE FIELD IF NOT EXISTS tanda ON pemetaan TYPE string;
DEFINE FIELD IF NOT EXISTS form ON pemetaan TYPE string;
DEFINE FIELD IF NOT EXISTS sheet ON pemetaan TYPE string;
DEFINE FIELD IF NOT EXISTS nama_berkas ON pemetaan TYPE string;
-- The columns and the roles offered, as JSON text.
DEFINE FIELD IF NOT EXISTS isi ON pemetaan TYPE string;
DEFINE FIELD IF NOT EXISTS oleh ON pemetaan TYPE string;
DEFINE FIELD IF NOT EXISTS waktu ON pemetaan TYPE datetime DEFAULT time::now();
DEFINE FIELD IF NOT EXISTS versi ON pemetaan TYPE int ASSERT $value >= 1;
DEFINE INDEX IF NOT EXISTS pemetaan_tanda ON pemetaan FIELDS workspace, tanda UNIQUE;
"#;

/// Moves imports stored inside `document` (before 0.2) to `dokumen_isi`, once.
const MIGRATE: &str = r#"
BEGIN TRANSACTION;
FOR $d IN (SELECT id, isi, masalah_isi, berkas FROM document WHERE isi != NONE) {
    CREATE type::record('dokumen_isi', record::id($d.id)) CONTENT {
        isi: $d.isi, masalah_isi: $d.masalah_isi
    };
    CREATE type::record('dokumen_berkas', record::id($d.id)) CONTENT {
        isi: $d.berkas ?? <bytes> ""
    };
    UPDATE $d.id UNSET isi, masalah_isi, berkas;
};
COMMIT TRANSACTION;
"#;

/// A workspace as the database returns it.
#[derive(Debug, SurrealValue)]
struct WorkspaceRecord {
    id: String,
    nama_pd: String,
    kabupaten: String,
    tahun: i64,
    kepala_nama: String,
    kepala_nip: String,
    dibuat: String,
    zona: Option<String>,
    pengaturan: Option<String>,
    pengaturan_versi: Option<i64>,
}

/// A workspace's settings as stored (JSON); a workspace without any has the defaults.
fn pengaturan_of(stored: Option<&str>) -> Pengaturan {
    stored
        .and_then(|text| match serde_json::from_str(text) {
            Ok(p) => Some(p),
            Err(e) => {
                tracing::error!("pengaturan ruang kerja tidak terbaca ({e}); memakai bawaan");
                None
            }
        })
        .unwrap_or_default()
}

/// The zone a workspace shows times in: the one chosen, else its kabupaten/kota's province's.
fn zona_of(chosen: Option<&str>, kabupaten: &str) -> (ZonaWaktu, bool) {
    match chosen.and_then(ZonaWaktu::parse) {
        Some(z) => (z, true),
        None => (wilayah::zona_bawaan(kabupaten), false),
    }
}

impl From<WorkspaceRecord> for Workspace {
    fn from(r: WorkspaceRecord) -> Self {
        let (zona, zona_dipilih) = zona_of(r.zona.as_deref(), &r.kabupaten);
        Workspace {
            id: r.id,
            nama_pd: r.nama_pd,
            kabupaten: r.kabupaten,
            tahun: i32::try_from(r.tahun).unwrap_or_default(),
            kepala_nama: r.kepala_nama,
            kepala_nip: r.kepala_nip,
            dibuat: r.dibuat,
            zona,
            zona_dipilih,
            pengaturan: pengaturan_of(r.pengaturan.as_deref()),
            pengaturan_versi: r.pengaturan_versi.map_or(0, to_u64),
        }
    }
}

/// A document's summary as the database returns it.
#[derive(Debug, SurrealValue)]
struct DocumentRecord {
    id: String,
    workspace_id: String,
    nama_berkas: String,
    form: String,
    sheet: String,
    tahun: Option<i64>,
    triwulan: Option<i64>,
    baris: i64,
    masalah: i64,
    diimpor: String,
    versi: i64,
    kunci: Vec<i64>,
    perubahan: Option<i64>,
    diajukan: Vec<i64>,
    disetujui: Vec<i64>,
    /// The workspace's chosen zone and kabupaten/kota (through the record link).
    zona_ws: Option<String>,
    kabupaten_ws: String,
    /// The workspace's settings (JSON), through the record link.
    pengaturan_ws: Option<String>,
    template: Option<String>,
    bentuk: Option<i64>,
}

fn to_u64(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

fn to_i64(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

fn quarters(kunci: &[i64]) -> Vec<u8> {
    let mut q: Vec<u8> = kunci.iter().filter_map(|&q| u8::try_from(q).ok()).collect();
    q.sort_unstable();
    q.dedup();
    q
}

impl From<DocumentRecord> for DocumentSummary {
    fn from(r: DocumentRecord) -> Self {
        DocumentSummary {
            id: r.id,
            workspace_id: r.workspace_id,
            nama_berkas: r.nama_berkas,
            form: r.form,
            sheet: r.sheet,
            tahun: r.tahun.and_then(|t| i32::try_from(t).ok()),
            triwulan: r.triwulan.and_then(|t| u8::try_from(t).ok()),
            baris: to_u64(r.baris),
            masalah: to_u64(r.masalah),
            diimpor: r.diimpor,
            versi: to_u64(r.versi),
            kunci: quarters(&r.kunci),
            perubahan: r.perubahan.map(to_u64),
            diajukan: quarters(&r.diajukan),
            disetujui: quarters(&r.disetujui),
            zona: zona_of(r.zona_ws.as_deref(), &r.kabupaten_ws).0,
            pengaturan: pengaturan_of(r.pengaturan_ws.as_deref()),
            template: r.template,
            bentuk: r.bentuk.map_or(0, to_u64),
        }
    }
}

/// A merged file kept as a document's template.
#[derive(Debug, SurrealValue)]
struct StoredTemplate {
    isi: Bytes,
    baris: Vec<i64>,
}

/// A document's stored JSON parts.
#[derive(Debug, SurrealValue)]
struct DocumentBody {
    isi: String,
    masalah_isi: String,
}

/// An edited cell's current value and version.
#[derive(Debug, SurrealValue)]
struct CellRecord {
    baris: i64,
    kolom: String,
    nilai: String,
    versi: i64,
}

const SELECT_DOCUMENT: &str =
    "SELECT record::id(id) AS id, record::id(workspace) AS workspace_id, \
     nama_berkas, form, sheet, tahun, triwulan, baris, masalah, <string> diimpor AS diimpor, \
     versi, kunci, perubahan, diajukan ?? [] AS diajukan, disetujui ?? [] AS disetujui, \
     workspace.zona AS zona_ws, workspace.kabupaten AS kabupaten_ws, \
     workspace.pengaturan AS pengaturan_ws, template, bentuk FROM document";

const SELECT_WORKSPACE: &str = "SELECT record::id(id) AS id, nama_pd, kabupaten, tahun, \
     kepala_nama, kepala_nip, <string> dibuat AS dibuat, zona, pengaturan, pengaturan_versi \
     FROM workspace";

/// How many documents each [`Memo`] keeps in memory.
const MEMO_SIZE: usize = 8;

/// What the store remembers per document (imports, current documents, uploaded workbooks):
/// at most [`MEMO_SIZE`] documents, all forgotten at once when a new one does not fit.
struct Memo<T>(Mutex<HashMap<String, T>>);

impl<T: Clone> Memo<T> {
    fn new() -> Memo<T> {
        Memo(Mutex::new(HashMap::new()))
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, T>> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn get(&self, id: &str) -> Option<T> {
        self.lock().get(id).cloned()
    }

    fn put(&self, id: &str, value: T) {
        let mut memo = self.lock();
        if memo.len() >= MEMO_SIZE && !memo.contains_key(id) {
            memo.clear();
        }
        memo.insert(id.to_string(), value);
    }
}

/// A document as it stood at version `versi`, kept to answer reads without loading every
/// edited cell again. Valid while the database's version is still `versi`.
#[derive(Clone)]
struct Current {
    versi: u64,
    /// Rows by position (the rows as they stand), values and versions by position too.
    document: Arc<Document>,
    versions: Arc<HashMap<(usize, Cell), u64>>,
    /// The import and the rows added, with the position ↔ number translation.
    base: Base,
}

/// The SurrealDB-backed store.
pub struct SurrealStore {
    db: Surreal<Any>,
    bases: Memo<Base>,
    current: Memo<Current>,
    /// Uploaded workbooks (never changed), kept for the files of submissions.
    templates: Memo<Arc<Vec<u8>>>,
    /// One writer at a time per document in this process; other processes sharing a database
    /// server are kept out by the version check in every write transaction and by event ids
    /// `[document, seq]`, which can be created only once.
    writers: Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>,
}

impl SurrealStore {
    /// Connects to `endpoint` (`surrealkv:///path`, `mem://`, …) and applies the schema.
    pub async fn connect(endpoint: &str) -> Result<Self, surrealdb::Error> {
        Self::open(&Connection::embedded(endpoint)).await
    }

    /// Connects (signing in when credentials are given) and applies the schema.
    pub async fn open(conn: &Connection) -> Result<Self, surrealdb::Error> {
        let db = surrealdb::engine::any::connect(conn.endpoint.as_str()).await?;
        if let Some((username, password)) = &conn.credentials {
            db.signin(surrealdb::opt::auth::Root {
                username: username.clone(),
                password: password.clone(),
            })
            .await?;
        }
        if conn.credentials.is_some() {
            // A fresh server knows only its own namespace: define ours (needs root; a user
            // with fewer rights gets the clearer error of `use_ns` below instead).
            let _ = db
                .query(format!(
                    "DEFINE NAMESPACE IF NOT EXISTS {ns}; USE NS {ns}; DEFINE DATABASE IF NOT EXISTS {db};",
                    ns = identifier(&conn.namespace)?,
                    db = identifier(&conn.database)?,
                ))
                .await
                .and_then(|r| r.check());
        }
        db.use_ns(conn.namespace.as_str())
            .use_db(conn.database.as_str())
            .await?;
        db.query(SCHEMA).await?.check()?;
        db.query(MIGRATE).await?.check()?;
        Ok(Self {
            db,
            bases: Memo::new(),
            current: Memo::new(),
            templates: Memo::new(),
            writers: Mutex::new(HashMap::new()),
        })
    }

    /// Takes this process's writer lock of a document, held until the guard is dropped.
    async fn write_lock(&self, document_id: &str) -> tokio::sync::OwnedMutexGuard<()> {
        let writer = {
            let mut writers = self.writers.lock().unwrap_or_else(|e| e.into_inner());
            writers
                .entry(document_id.to_string())
                .or_insert_with(|| Arc::new(tokio::sync::Mutex::new(())))
                .clone()
        };
        writer.lock_owned().await
    }

    /// The document as imported and its rows as they stand after the rows added up to the
    /// event `bentuk` (the document's, read with whatever asks), from memory or the database.
    async fn base(&self, document_id: &str, bentuk: u64) -> Result<Option<Base>, StoreError> {
        if let Some(base) = self.bases.get(document_id).filter(|b| b.bentuk == bentuk) {
            return Ok(Some(base));
        }
        let (document, problems) = match self.bases.get(document_id) {
            Some(b) => (b.document, b.problems),
            None => {
                let body: Option<DocumentBody> = self
                    .fetch(
                        "SELECT isi, masalah_isi FROM type::record('dokumen_isi', $id)",
                        document_id,
                    )
                    .await?;
                let Some(body) = body else {
                    return Ok(None);
                };
                let document: Arc<Document> =
                    Arc::new(serde_json::from_str(&body.isi).map_err(json_error)?);
                let problems: Arc<Vec<Problem>> =
                    Arc::new(serde_json::from_str(&body.masalah_isi).map_err(json_error)?);
                (document, problems)
            }
        };
        let tambah = if bentuk == 0 {
            Vec::new()
        } else {
            self.added_rows(document_id, bentuk).await?
        };
        let base = Base::new(document, problems, tambah)?;
        self.bases.put(document_id, base.clone());
        Ok(Some(base))
    }

    async fn summary_of(&self, document_id: &str) -> Result<Option<DocumentSummary>, StoreError> {
        let sql = format!("{SELECT_DOCUMENT} WHERE id = type::record('document', $id)");
        let record: Option<DocumentRecord> = self.fetch(&sql, document_id).await?;
        Ok(record.map(DocumentSummary::from))
    }

    /// Every edited cell of a document: current value and version.
    async fn cells(&self, document_id: &str) -> Result<Vec<CellRecord>, StoreError> {
        self.fetch(
            "SELECT baris, kolom, nilai, versi FROM sel WHERE document = type::record('document', $id)",
            document_id,
        )
        .await
    }
}

/// A cell's new value and the seq of the event that set it.
type CellChangeAt = (usize, Cell, edit::CellValue, u64);

impl SurrealStore {
    /// Runs one statement with `$id` bound to `id` and takes its result (`Vec<T>` or
    /// `Option<T>`).
    pub(super) async fn fetch<R: SurrealValue>(&self, sql: &str, id: &str) -> Result<R, StoreError>
    where
        usize: surrealdb::opt::QueryResult<R>,
    {
        let mut response = self
            .db
            .query(sql.to_string())
            .bind(("id", id.to_string()))
            .await
            .map_err(db_error)?;
        response.take(0).map_err(db_error)
    }

    /// Position ↔ number of a document's rows as they stand (none added: the import's).
    async fn susunan_of(&self, document_id: &str) -> Result<Susunan, StoreError> {
        let Some(summary) = self.summary_of(document_id).await? else {
            return Ok(Susunan::Impor(0));
        };
        Ok(self
            .base_of(&summary)
            .await?
            .map_or(Susunan::Impor(0), |b| b.susunan))
    }

    /// The base of the document the summary describes.
    async fn base_of(&self, summary: &DocumentSummary) -> Result<Option<Base>, StoreError> {
        self.base(&summary.id, summary.bentuk).await
    }

    /// The summary and the current document (remembered, or loaded and remembered).
    async fn current_of(&self, id: &str) -> Result<Option<(DocumentSummary, Current)>, StoreError> {
        let Some(summary) = self.summary_of(id).await? else {
            return Ok(None);
        };
        let current = self.current_at(id, summary.versi).await?;
        Ok(Some((summary, current)))
    }

    /// The current document of a document known to be at version `versi` (remembered, or
    /// loaded and remembered).
    async fn current_at(&self, id: &str, versi: u64) -> Result<Current, StoreError> {
        if let Some(current) = self.current.get(id).filter(|c| c.versi == versi) {
            return Ok(current);
        }
        let current = self.load_current(id, versi).await?;
        self.current.put(id, current.clone());
        Ok(current)
    }

    /// After a write moved a document from `from` to `to`: brings the remembered document
    /// along (applying `changes`, each with the seq of its event), or forgets it when it was
    /// not at `from`.
    fn advance(&self, id: &str, from: u64, to: u64, changes: &[CellChangeAt]) {
        let mut current = self.current.lock();
        let Some(entry) = current.get_mut(id) else {
            return;
        };
        if entry.versi != from {
            current.remove(id);
            return;
        }
        let document = Arc::make_mut(&mut entry.document);
        let versions = Arc::make_mut(&mut entry.versions);
        for (baris, cell, value, seq) in changes {
            let applied = document
                .rows
                .get_mut(*baris)
                .map(|row| edit::set(row, *cell, value.clone()));
            if !matches!(applied, Some(Ok(()))) {
                current.remove(id);
                return;
            }
            versions.insert((*baris, *cell), *seq);
        }
        entry.versi = to;
    }

    /// Forgets the remembered current document of `id` (it is read again when next asked).
    pub(super) fn forget_current(&self, id: &str) {
        self.current.lock().remove(id);
    }

    /// The rows as they stand with every edited cell's current value applied, and the quarter
    /// the document reports now (a merged file of a later quarter moves it), read from the
    /// database.
    async fn load_current(&self, id: &str, versi: u64) -> Result<Current, StoreError> {
        let head: Option<ReportedHead> = self
            .fetch(
                "SELECT triwulan, bentuk FROM ONLY type::record('document', $id)",
                id,
            )
            .await?;
        let head = head.ok_or_else(|| StoreError::Database(format!("dokumen {id} tidak ada")))?;
        let base = self
            .base(id, head.bentuk.map_or(0, to_u64))
            .await?
            .ok_or_else(|| StoreError::Database(format!("isi dokumen {id} tidak ada")))?;
        let cells = self.cells(id).await?;
        let mut document = (*base.asal).clone();
        if let Some(q) = head.triwulan.and_then(|q| u8::try_from(q).ok()) {
            document.quarter = Some(q);
        }
        let mut versions = HashMap::with_capacity(cells.len());
        for c in cells {
            let kolom = cell_from_key(&c.kolom)?;
            let nomor = usize::try_from(c.baris).unwrap_or(usize::MAX);
            let value = value_from_json(&c.nilai)?;
            let baris = base.susunan.baris(nomor).ok_or_else(|| {
                StoreError::Database(format!("sel tersimpan di luar dokumen: baris {nomor}"))
            })?;
            let row = &mut document.rows[baris];
            edit::set(row, kolom, value)
                .map_err(|e| StoreError::Database(format!("sel tersimpan rusak: {e}")))?;
            versions.insert((baris, kolom), to_u64(c.versi));
        }
        Ok(Current {
            versi,
            document: Arc::new(document),
            versions: Arc::new(versions),
            base,
        })
    }
}

/// What the current document reads of its record besides the cells.
#[derive(Debug, SurrealValue)]
struct ReportedHead {
    triwulan: Option<i64>,
    bentuk: Option<i64>,
}

/// A namespace or database name as SurrealQL takes it bare: letters, digits, `_`, `-`.
fn identifier(name: &str) -> Result<&str, surrealdb::Error> {
    let ok = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if ok {
        Ok(name)
    } else {
        Err(surrealdb::Error::internal(format!(
            "nama '{name}' tidak sah untuk namespace/database: pakai huruf, angka, _ atau -"
        )))
    }
}

fn db_error(e: surrealdb::Error) -> StoreError {
    StoreError::Database(e.to_string())
}

fn json_error(e: serde_json::Error) -> StoreError {
    StoreError::Database(format!("isi dokumen rusak: {e}"))
}

/// A cell value stored as JSON text.
fn value_json(value: &edit::CellValue) -> Result<String, StoreError> {
    serde_json::to_string(value).map_err(json_error)
}

fn value_from_json(text: &str) -> Result<edit::CellValue, StoreError> {
    serde_json::from_str(text).map_err(json_error)
}

fn cell_from_key(key: &str) -> Result<Cell, StoreError> {
    Cell::parse_key(key).ok_or_else(|| StoreError::Database(format!("kolom tidak dikenal: {key}")))
}

/// What makes two workspaces the same: PD, kabupaten/kota and year, ignoring case and spacing.
fn workspace_key(ws: &NewWorkspace) -> String {
    format!(
        "{}|{}|{}",
        ws.kabupaten.to_lowercase(),
        ws.nama_pd.to_lowercase(),
        ws.tahun
    )
}

#[async_trait]
impl Store for SurrealStore {
    async fn list_workspaces(&self) -> Result<Vec<Workspace>, StoreError> {
        let mut response = self
            .db
            .query(format!(
                "{SELECT_WORKSPACE} ORDER BY tahun DESC, nama_pd ASC"
            ))
            .await
            .map_err(db_error)?;
        let records: Vec<WorkspaceRecord> = response.take(0).map_err(db_error)?;
        Ok(records.into_iter().map(Workspace::from).collect())
    }

    async fn create_workspace(&self, ws: NewWorkspace) -> Result<Workspace, StoreError> {
        let key = workspace_key(&ws);
        let duplicate = || StoreError::Duplicate {
            nama_pd: ws.nama_pd.clone(),
            kabupaten: ws.kabupaten.clone(),
            tahun: ws.tahun,
        };
        let created = self
            .db
            .query(
                "LET $baru = (CREATE ONLY workspace SET nama_pd = $nama_pd, kabupaten = $kabupaten, \
                 tahun = $tahun, kepala_nama = $kepala_nama, kepala_nip = $kepala_nip, kunci = $kunci);",
            )
            .query(format!("{SELECT_WORKSPACE} WHERE id = $baru.id"))
            .bind(("nama_pd", ws.nama_pd.clone()))
            .bind(("kabupaten", ws.kabupaten.clone()))
            .bind(("tahun", i64::from(ws.tahun)))
            .bind(("kepala_nama", ws.kepala_nama.clone()))
            .bind(("kepala_nip", ws.kepala_nip.clone()))
            .bind(("kunci", key.clone()))
            .await
            .map_err(db_error)?;
        let mut response = match created.check() {
            Ok(r) => r,
            Err(e) => {
                // A unique-index refusal: say it as a duplicate, anything else as it is.
                let mut existing = self
                    .db
                    .query("SELECT count() AS n FROM workspace WHERE kunci = $kunci GROUP ALL")
                    .bind(("kunci", key))
                    .await
                    .map_err(db_error)?;
                let count: Option<i64> = existing.take((0, "n")).map_err(db_error)?;
                return Err(if count.unwrap_or(0) > 0 {
                    duplicate()
                } else {
                    db_error(e)
                });
            }
        };
        let record: Option<WorkspaceRecord> = response.take(1).map_err(db_error)?;
        record
            .map(Workspace::from)
            .ok_or_else(|| StoreError::Database("ruang kerja tidak tersimpan".into()))
    }

    async fn count_workspaces(&self) -> Result<u64, StoreError> {
        let mut response = self
            .db
            .query("SELECT count() AS n FROM workspace GROUP ALL")
            .await
            .map_err(db_error)?;
        let count: Option<i64> = response.take((0, "n")).map_err(db_error)?;
        Ok(count.map_or(0, to_u64))
    }

    async fn get_workspace(&self, id: &str) -> Result<Option<Workspace>, StoreError> {
        let sql = format!("{SELECT_WORKSPACE} WHERE id = type::record('workspace', $id)");
        let record: Option<WorkspaceRecord> = self.fetch(&sql, id).await?;
        Ok(record.map(Workspace::from))
    }

    async fn set_workspace_zone(
        &self,
        id: &str,
        zona: ZonaWaktu,
    ) -> Result<Option<Workspace>, StoreError> {
        let mut response = self
            .db
            .query(
                "UPDATE type::record('workspace', $id) SET zona = $zona \
                 WHERE id = type::record('workspace', $id) RETURN NONE;",
            )
            .query(format!(
                "{SELECT_WORKSPACE} WHERE id = type::record('workspace', $id)"
            ))
            .bind(("id", id.to_string()))
            .bind(("zona", zona.key().to_string()))
            .await
            .map_err(db_error)?
            .check()
            .map_err(db_error)?;
        let record: Option<WorkspaceRecord> = response.take(1).map_err(db_error)?;
        Ok(record.map(Workspace::from))
    }

    async fn set_workspace_settings(
        &self,
        id: &str,
        pengaturan: &Pengaturan,
        versi: u64,
    ) -> Result<Option<Workspace>, StoreError> {
        let isi = serde_json::to_string(pengaturan).map_err(json_error)?;
        // Written only if the settings are still the version the person saw.
        let mut response = self
            .db
            .query(
                "UPDATE type::record('workspace', $id) SET pengaturan = $isi, \
                 pengaturan_versi = $versi + 1 \
                 WHERE id = type::record('workspace', $id) AND (pengaturan_versi ?? 0) = $versi \
                 RETURN VALUE pengaturan_versi;",
            )
            .query(format!(
                "{SELECT_WORKSPACE} WHERE id = type::record('workspace', $id)"
            ))
            .bind(("id", id.to_string()))
            .bind(("isi", isi))
            .bind(("versi", to_i64(versi)))
            .await
            .map_err(db_error)?
            .check()
            .map_err(db_error)?;
        let written: Vec<i64> = response.take(0).map_err(db_error)?;
        let record: Option<WorkspaceRecord> = response.take(1).map_err(db_error)?;
        match record {
            None => Ok(None),
            Some(_) if written.is_empty() => Err(StoreError::Stale),
            Some(r) => Ok(Some(Workspace::from(r))),
        }
    }

    async fn save_document(&self, doc: NewDocument) -> Result<DocumentSummary, StoreError> {
        let isi = serde_json::to_string(&doc.document).map_err(json_error)?;
        let masalah_isi = serde_json::to_string(&doc.problems).map_err(json_error)?;
        let mut response = self
            .db
            .query(
                "BEGIN TRANSACTION; \
                 LET $baru = (CREATE ONLY document SET workspace = type::record('workspace', $ws), \
                 nama_berkas = $nama_berkas, form = $form, sheet = $sheet, tahun = $tahun, \
                 triwulan = $triwulan, baris = $baris, masalah = $masalah); \
                 CREATE type::record('dokumen_isi', record::id($baru.id)) CONTENT { isi: $isi, \
                 masalah_isi: $masalah_isi }; \
                 CREATE type::record('dokumen_berkas', record::id($baru.id)) CONTENT { isi: $berkas }; \
                 COMMIT TRANSACTION;",
            )
            .query(format!("{SELECT_DOCUMENT} WHERE id = $baru.id"))
            .bind(("ws", doc.workspace_id.clone()))
            .bind(("nama_berkas", doc.nama_berkas.clone()))
            .bind(("form", doc.document.form.clone()))
            .bind(("sheet", doc.document.sheet.clone()))
            .bind(("tahun", doc.document.year.map(i64::from)))
            .bind(("triwulan", doc.document.quarter.map(i64::from)))
            .bind((
                "baris",
                i64::try_from(doc.document.rows.len()).unwrap_or(i64::MAX),
            ))
            .bind((
                "masalah",
                i64::try_from(doc.problems.len()).unwrap_or(i64::MAX),
            ))
            .bind(("isi", isi))
            .bind(("masalah_isi", masalah_isi))
            .bind(("berkas", Bytes::from(doc.berkas)))
            .await
            .map_err(db_error)?
            .check()
            .map_err(db_error)?;
        let last = response.num_statements().saturating_sub(1);
        let record: Option<DocumentRecord> = response.take(last).map_err(db_error)?;
        record
            .map(DocumentSummary::from)
            .ok_or_else(|| StoreError::Database("dokumen tidak tersimpan".into()))
    }

    async fn list_documents(&self, workspace_id: &str) -> Result<Vec<DocumentSummary>, StoreError> {
        let sql = format!(
            "{SELECT_DOCUMENT} WHERE workspace = type::record('workspace', $id) ORDER BY diimpor DESC"
        );
        let records: Vec<DocumentRecord> = self.fetch(&sql, workspace_id).await?;
        Ok(records.into_iter().map(DocumentSummary::from).collect())
    }

    async fn get_document_file(&self, id: &str) -> Result<Option<Vec<u8>>, StoreError> {
        if let Some(file) = self.templates.get(id) {
            return Ok(Some(file.to_vec()));
        }
        let file: Option<Bytes> = self
            .fetch(
                "SELECT VALUE isi FROM type::record('dokumen_berkas', $id)",
                id,
            )
            .await?;
        let Some(file) = file else {
            return Ok(None);
        };
        let file = file.to_vec();
        self.templates.put(id, Arc::new(file.clone()));
        Ok(Some(file))
    }

    async fn document_template(&self, id: &str) -> Result<Option<Template>, StoreError> {
        let Some(summary) = self.summary_of(id).await? else {
            return Ok(None);
        };
        let Some(nama) = summary.template.clone() else {
            return Ok(self.get_document_file(id).await?.map(|isi| Template {
                nama_berkas: summary.nama_berkas,
                isi,
                baris: None,
            }));
        };
        let mut response = self
            .db
            .query("SELECT isi, baris FROM ONLY type::record('dokumen_template', $id)")
            .bind(("id", id.to_string()))
            .await
            .map_err(db_error)?;
        let record: Option<StoredTemplate> = response.take(0).map_err(db_error)?;
        let Some(record) = record else {
            return Ok(None);
        };
        // Stored by row number; given by position in the rows as they stand.
        let base = self
            .base_of(&summary)
            .await?
            .ok_or_else(|| StoreError::Database(format!("isi dokumen {id} tidak ada")))?;
        let mut baris = vec![None; base.susunan.len()];
        for (nomor, b) in record.baris.into_iter().enumerate() {
            if let Some(at) = base.susunan.baris(nomor) {
                baris[at] = u32::try_from(b).ok().filter(|&b| b > 0);
            }
        }
        Ok(Some(Template {
            nama_berkas: nama,
            isi: record.isi.to_vec(),
            baris: Some(baris),
        }))
    }

    async fn get_document(&self, id: &str) -> Result<Option<StoredDocument>, StoreError> {
        let Some((summary, current)) = self.current_of(id).await? else {
            return Ok(None);
        };
        let problems = current.base.problems.clone();
        let mut versi_sel: Vec<CellVersion> = current
            .versions
            .iter()
            .map(|(&(baris, kolom), &versi)| CellVersion {
                baris,
                kolom,
                versi,
            })
            .collect();
        versi_sel.sort_by_key(|c| (c.baris, c.kolom));
        Ok(Some(StoredDocument {
            summary,
            document: (*current.document).clone(),
            problems: (*problems).clone(),
            versi_sel,
        }))
    }

    async fn document_summary(&self, id: &str) -> Result<Option<DocumentSummary>, StoreError> {
        self.summary_of(id).await
    }

    async fn current_document(
        &self,
        id: &str,
    ) -> Result<Option<(DocumentSummary, Arc<Document>)>, StoreError> {
        Ok(self
            .current_of(id)
            .await?
            .map(|(summary, current)| (summary, current.document)))
    }

    async fn imported_document(&self, id: &str) -> Result<Option<Arc<Document>>, StoreError> {
        let Some(summary) = self.summary_of(id).await? else {
            return Ok(None);
        };
        Ok(self.base_of(&summary).await?.map(|b| b.asal))
    }

    async fn rows_added_after(&self, id: &str, versi: u64) -> Result<Vec<usize>, StoreError> {
        let Some(summary) = self.summary_of(id).await? else {
            return Ok(Vec::new());
        };
        let Some(base) = self.base_of(&summary).await? else {
            return Ok(Vec::new());
        };
        Ok((0..base.susunan.len())
            .filter(|&at| {
                base.susunan
                    .nomor(at)
                    .is_some_and(|n| !base.ada_pada(n, versi))
            })
            .collect())
    }

    async fn apply_edits(
        &self,
        document_id: &str,
        oleh: &str,
        bentuk: Option<u64>,
        edits: Vec<EditRequest>,
    ) -> Result<Option<EditOutcome>, StoreError> {
        self.apply_edits_impl(document_id, oleh, bentuk, None, edits)
            .await
    }

    async fn merge_edits(
        &self,
        document_id: &str,
        oleh: &str,
        gabungan: Gabungan,
        edits: Vec<EditRequest>,
    ) -> Result<Option<EditOutcome>, StoreError> {
        self.apply_edits_impl(document_id, oleh, None, Some(gabungan), edits)
            .await
    }

    async fn comparison_files(
        &self,
        document_id: &str,
    ) -> Result<Vec<BerkasPembanding>, StoreError> {
        self.comparison_files_impl(document_id).await
    }

    async fn keep_comparison_file(
        &self,
        document_id: &str,
        nama: &str,
        isi: Vec<u8>,
        oleh: &str,
    ) -> Result<bool, StoreError> {
        self.keep_comparison_file_impl(document_id, nama, isi, oleh)
            .await
    }

    async fn drop_comparison_file(
        &self,
        document_id: &str,
        nama: &str,
    ) -> Result<bool, StoreError> {
        self.drop_comparison_file_impl(document_id, nama).await
    }

    async fn cell_edits(
        &self,
        document_id: &str,
        dari: u64,
        ke: u64,
    ) -> Result<Vec<CellEdit>, StoreError> {
        self.cell_edits_impl(document_id, dari, ke).await
    }

    async fn event_people(&self, document_id: &str) -> Result<Vec<String>, StoreError> {
        self.event_people_impl(document_id).await
    }

    async fn list_events(
        &self,
        document_id: &str,
        filter: &EventFilter,
    ) -> Result<Vec<Event>, StoreError> {
        self.list_events_impl(document_id, filter).await
    }

    async fn save_submission(
        &self,
        document_id: &str,
        submission: NewSubmission,
    ) -> Result<Option<SubmitOutcome>, StoreError> {
        self.save_submission_impl(document_id, submission).await
    }

    async fn list_submissions(&self, document_id: &str) -> Result<Vec<Submission>, StoreError> {
        self.list_submissions_impl(document_id).await
    }

    async fn get_submission(&self, id: &str) -> Result<Option<Submission>, StoreError> {
        self.get_submission_impl(id).await
    }

    async fn get_submission_file(
        &self,
        id: &str,
        jenis: &str,
    ) -> Result<Option<(SubmissionFile, Vec<u8>)>, StoreError> {
        self.get_submission_file_impl(id, jenis).await
    }

    async fn unlock_quarter(
        &self,
        document_id: &str,
        triwulan: u8,
        oleh: &str,
        alasan: &str,
    ) -> Result<Option<Option<u64>>, StoreError> {
        self.unlock_quarter_impl(document_id, triwulan, oleh, alasan)
            .await
    }

    async fn start_budget_change(
        &self,
        document_id: &str,
        oleh: &str,
        alasan: &str,
    ) -> Result<Option<Option<u64>>, StoreError> {
        self.start_budget_change_impl(document_id, oleh, alasan)
            .await
    }

    async fn count_accounts(&self) -> Result<u64, StoreError> {
        self.count_accounts_impl().await
    }

    async fn list_accounts(&self) -> Result<Vec<Akun>, StoreError> {
        self.list_accounts_impl().await
    }

    async fn get_account(&self, login: &str) -> Result<Option<(Akun, String)>, StoreError> {
        self.get_account_impl(login).await
    }

    async fn create_account(&self, akun: AkunBaru, only_first: bool) -> Result<Akun, StoreError> {
        self.create_account_impl(akun, only_first).await
    }

    async fn update_account(
        &self,
        login: &str,
        ubah: UbahAkun,
    ) -> Result<Option<Akun>, StoreError> {
        self.update_account_impl(login, ubah).await
    }

    async fn create_session(&self, token_hash: &str, login: &str) -> Result<(), StoreError> {
        self.create_session_impl(token_hash, login).await
    }

    async fn session_account(&self, token_hash: &str) -> Result<Option<Akun>, StoreError> {
        self.session_account_impl(token_hash).await
    }

    async fn delete_session(&self, token_hash: &str) -> Result<(), StoreError> {
        self.delete_session_impl(token_hash).await
    }

    async fn workflow_step(
        &self,
        document_id: &str,
        langkah: Langkah,
        triwulan: u8,
        oleh: &str,
        alasan: &str,
    ) -> Result<Option<Result<u64, Tahap>>, StoreError> {
        self.workflow_step_impl(document_id, langkah, triwulan, oleh, alasan)
            .await
    }

    async fn set_note(
        &self,
        document_id: &str,
        triwulan: u8,
        baris: usize,
        teks: &str,
        oleh: &str,
        bentuk: Option<u64>,
    ) -> Result<Option<Result<u64, Tahap>>, StoreError> {
        self.set_note_impl(document_id, triwulan, baris, teks, oleh, bentuk)
            .await
    }

    async fn list_notes(&self, document_id: &str) -> Result<Vec<Catatan>, StoreError> {
        self.list_notes_impl(document_id).await
    }

    async fn owners(&self, document_id: &str) -> Result<Penugasan, StoreError> {
        self.owners_impl(document_id).await
    }

    async fn set_owners(
        &self,
        document_id: &str,
        oleh: &str,
        changes: Vec<(usize, Option<String>)>,
        bentuk: Option<u64>,
    ) -> Result<Option<u64>, StoreError> {
        self.set_owners_impl(document_id, oleh, changes, bentuk)
            .await
    }

    async fn save_pending(
        &self,
        workspace_id: &str,
        nama_berkas: &str,
        berkas: Vec<u8>,
        tampilan: &PemetaanView,
        tujuan: Option<&str>,
    ) -> Result<String, StoreError> {
        self.save_pending_impl(workspace_id, nama_berkas, berkas, tampilan, tujuan)
            .await
    }

    async fn set_pending_reading(&self, id: &str, bacaan: &Document) -> Result<bool, StoreError> {
        self.set_pending_reading_impl(id, bacaan).await
    }

    async fn get_pending_reading(&self, id: &str) -> Result<Option<Document>, StoreError> {
        self.get_pending_reading_impl(id).await
    }

    async fn get_pending(&self, id: &str) -> Result<Option<UnggahanTertunda>, StoreError> {
        self.get_pending_impl(id).await
    }

    async fn get_pending_file(&self, id: &str) -> Result<Option<Vec<u8>>, StoreError> {
        self.get_pending_file_impl(id).await
    }

    async fn update_pending(&self, id: &str, tampilan: &PemetaanView) -> Result<bool, StoreError> {
        self.update_pending_impl(id, tampilan).await
    }

    async fn delete_pending(&self, id: &str) -> Result<(), StoreError> {
        self.delete_pending_impl(id).await
    }

    async fn get_mapping(
        &self,
        workspace_id: &str,
        tanda: &str,
    ) -> Result<Option<PemetaanTersimpan>, StoreError> {
        self.get_mapping_impl(workspace_id, tanda).await
    }

    async fn list_mappings(
        &self,
        workspace_id: &str,
    ) -> Result<Vec<PemetaanTersimpan>, StoreError> {
        self.list_mappings_impl(workspace_id).await
    }

    async fn save_mapping(
        &self,
        mapping: PemetaanTersimpan,
    ) -> Result<Result<PemetaanTersimpan, u64>, StoreError> {
        self.save_mapping_impl(mapping).await
    }

    async fn delete_mapping(&self, workspace_id: &str, id: &str) -> Result<bool, StoreError> {
        self.delete_mapping_impl(workspace_id, id).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::ssr::Store;

    fn sample(nama: &str, tahun: i32) -> NewWorkspace {
        NewWorkspace {
            nama_pd: nama.into(),
            kabupaten: "Kota Tarakan".into(),
            tahun,
            kepala_nama: "Hj. Siti Rahmah".into(),
            kepala_nip: "197007071991072005".into(),
        }
    }

    #[tokio::test]
    async fn creates_lists_counts_and_refuses_duplicates() {
        let dir = tempfile::tempdir().expect("tempdir");
        let endpoint = format!("surrealkv://{}", dir.path().join("db").display());
        let store = SurrealStore::connect(&endpoint).await.expect("connect");
        assert_eq!(store.count_workspaces().await.expect("count"), 0);

        let a = store
            .create_workspace(sample("BKPSDM", 2025))
            .await
            .expect("a");
        let b = store
            .create_workspace(sample("BAPPEDA", 2026))
            .await
            .expect("b");
        assert_ne!(a.id, b.id);
        assert_eq!(a.tahun, 2025);
        assert!(a.dibuat.starts_with("20"), "{}", a.dibuat);

        let dup = store.create_workspace(sample("bkpsdm", 2025)).await;
        assert!(matches!(dup, Err(StoreError::Duplicate { .. })), "{dup:?}");
        // Same PD another year is a different workspace.
        store
            .create_workspace(sample("BKPSDM", 2026))
            .await
            .expect("2026");

        let list = store.list_workspaces().await.expect("list");
        let names: Vec<_> = list.iter().map(|w| (w.tahun, w.nama_pd.as_str())).collect();
        assert_eq!(
            names,
            [(2026, "BAPPEDA"), (2026, "BKPSDM"), (2025, "BKPSDM")]
        );
        assert_eq!(store.count_workspaces().await.expect("count"), 3);
    }
}

#[cfg(test)]
mod document_tests {
    use super::*;
    use app::ssr::Store;
    use capaian_domain::model::{Document, Location, Problem, Severity};

    #[tokio::test]
    async fn a_document_and_its_workbook_come_back_as_stored() {
        let dir = tempfile::tempdir().expect("tempdir");
        let endpoint = format!("surrealkv://{}", dir.path().join("db").display());
        let store = SurrealStore::connect(&endpoint).await.expect("connect");
        let ws = store
            .create_workspace(NewWorkspace {
                nama_pd: "BKPSDM".into(),
                kabupaten: "Kota Tarakan".into(),
                tahun: 2026,
                kepala_nama: "Kepala".into(),
                kepala_nip: "197007071991072005".into(),
            })
            .await
            .expect("workspace");
        let document = Document {
            form: "E.81".into(),
            sheet: "Sheet1".into(),
            year: Some(2026),
            quarter: Some(2),
            ..Document::default()
        };
        let problem = Problem {
            severity: Severity::Error,
            code: "bukan_angka".into(),
            message: "'12,5,0' bukan angka".into(),
            at: Location {
                sheet: Some("Sheet1".into()),
                cell: Some("K14".into()),
                row: None,
                field: None,
            },
        };
        // Every byte value, so nothing is lost to text encoding.
        let berkas: Vec<u8> = (0..=255u8).cycle().take(70_000).collect();
        let saved = store
            .save_document(NewDocument {
                workspace_id: ws.id.clone(),
                nama_berkas: "E81 TW II.xlsx".into(),
                berkas: berkas.clone(),
                document: document.clone(),
                problems: vec![problem.clone()],
            })
            .await
            .expect("save");
        assert_eq!(saved.workspace_id, ws.id);
        assert_eq!(
            (saved.tahun, saved.triwulan, saved.masalah),
            (Some(2026), Some(2), 1)
        );

        let stored = store
            .get_document(&saved.id)
            .await
            .expect("get")
            .expect("found");
        assert_eq!(stored.document, document);
        assert_eq!(stored.problems, vec![problem]);
        assert_eq!(stored.summary, saved);
        let file = store
            .get_document_file(&saved.id)
            .await
            .expect("file")
            .expect("found");
        assert_eq!(file, berkas);
        let listed = store.list_documents(&ws.id).await.expect("list");
        assert_eq!(listed, vec![saved]);
        assert!(store
            .get_document("tidak-ada")
            .await
            .expect("get")
            .is_none());
        assert!(store
            .get_document_file("tidak-ada")
            .await
            .expect("file")
            .is_none());
    }
}

#[cfg(test)]
mod migration_tests {
    use super::*;
    use app::ssr::Store;

    /// A data folder written before 0.2 kept the import inside `document`; opening it moves
    /// the import to `dokumen_isi` and the document reads back whole.
    #[tokio::test]
    async fn imports_stored_inside_documents_are_moved_on_open() {
        let dir = tempfile::tempdir().expect("tempdir");
        let endpoint = format!("surrealkv://{}", dir.path().join("db").display());
        let doc = Document {
            form: "E.81".into(),
            sheet: "Lama".into(),
            year: Some(2025),
            ..Document::default()
        };
        let store = SurrealStore::connect(&endpoint).await.expect("connect");
        store
            .db
            .query(
                "CREATE workspace:w SET nama_pd = 'PD', kabupaten = 'Kab', tahun = 2025, \
                 kepala_nama = 'K', kepala_nip = '197007071991072005', kunci = 'k'; \
                 CREATE document:lama SET workspace = workspace:w, nama_berkas = 'lama.xlsx', \
                 form = 'E.81', sheet = 'Lama', baris = 0, masalah = 0, isi = $isi, \
                 masalah_isi = '[]', berkas = <bytes> 'PK';",
            )
            .bind(("isi", serde_json::to_string(&doc).expect("json")))
            .await
            .expect("old")
            .check()
            .expect("old");
        // What `open` runs at every start; the second run finds nothing left to move.
        for _ in 0..2 {
            store
                .db
                .query(MIGRATE)
                .await
                .expect("migrate")
                .check()
                .expect("migrate");
        }
        let stored = store.get_document("lama").await.expect("get").expect("doc");
        assert_eq!(stored.document, doc);
        assert_eq!(
            store.get_document_file("lama").await.expect("file"),
            Some(b"PK".to_vec())
        );
    }
}
