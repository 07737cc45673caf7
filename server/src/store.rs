//! The store: SurrealDB behind the app's repository interface. All SurrealQL lives here.

use app::ssr::{Store, StoreError};
use app::types::{DocumentSummary, NewDocument, StoredDocument, Workspace};
use async_trait::async_trait;
use capaian_domain::workspace::NewWorkspace;
use surrealdb::engine::any::Any;
use surrealdb::types::{Bytes, SurrealValue};
use surrealdb::Surreal;

const NAMESPACE: &str = "capaian";
const DATABASE: &str = "capaian";

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
-- The document's rows and the problems found while reading it, as JSON text.
DEFINE FIELD IF NOT EXISTS isi ON document TYPE string;
DEFINE FIELD IF NOT EXISTS masalah_isi ON document TYPE string;
-- The uploaded workbook, byte for byte (the agency's template).
DEFINE FIELD IF NOT EXISTS berkas ON document TYPE bytes;
DEFINE FIELD IF NOT EXISTS diimpor ON document TYPE datetime DEFAULT time::now();
DEFINE INDEX IF NOT EXISTS document_workspace ON document FIELDS workspace;
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
}

impl From<WorkspaceRecord> for Workspace {
    fn from(r: WorkspaceRecord) -> Self {
        Workspace {
            id: r.id,
            nama_pd: r.nama_pd,
            kabupaten: r.kabupaten,
            tahun: i32::try_from(r.tahun).unwrap_or_default(),
            kepala_nama: r.kepala_nama,
            kepala_nip: r.kepala_nip,
            dibuat: r.dibuat,
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
            baris: u64::try_from(r.baris).unwrap_or(0),
            masalah: u64::try_from(r.masalah).unwrap_or(0),
            diimpor: r.diimpor,
        }
    }
}

/// A document's stored JSON parts.
#[derive(Debug, SurrealValue)]
struct DocumentBody {
    isi: String,
    masalah_isi: String,
}

const SELECT_DOCUMENT: &str = "SELECT record::id(id) AS id, record::id(workspace) AS workspace_id, \
     nama_berkas, form, sheet, tahun, triwulan, baris, masalah, <string> diimpor AS diimpor FROM document";

const SELECT_WORKSPACE: &str = "SELECT record::id(id) AS id, nama_pd, kabupaten, tahun, \
     kepala_nama, kepala_nip, <string> dibuat AS dibuat FROM workspace";

/// The SurrealDB-backed store.
pub struct SurrealStore {
    db: Surreal<Any>,
}

impl SurrealStore {
    /// Connects to `endpoint` (`surrealkv:///path`, `mem://`, …) and applies the schema.
    pub async fn connect(endpoint: &str) -> Result<Self, surrealdb::Error> {
        let db = surrealdb::engine::any::connect(endpoint).await?;
        db.use_ns(NAMESPACE).use_db(DATABASE).await?;
        db.query(SCHEMA).await?.check()?;
        Ok(Self { db })
    }
}

fn db_error(e: surrealdb::Error) -> StoreError {
    StoreError::Database(e.to_string())
}

fn json_error(e: serde_json::Error) -> StoreError {
    StoreError::Database(format!("isi dokumen rusak: {e}"))
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
        Ok(count.map_or(0, |c| u64::try_from(c).unwrap_or(0)))
    }

    async fn get_workspace(&self, id: &str) -> Result<Option<Workspace>, StoreError> {
        let mut response = self
            .db
            .query(format!(
                "{SELECT_WORKSPACE} WHERE id = type::record('workspace', $id)"
            ))
            .bind(("id", id.to_string()))
            .await
            .map_err(db_error)?;
        let record: Option<WorkspaceRecord> = response.take(0).map_err(db_error)?;
        Ok(record.map(Workspace::from))
    }

    async fn save_document(&self, doc: NewDocument) -> Result<DocumentSummary, StoreError> {
        let isi = serde_json::to_string(&doc.document).map_err(json_error)?;
        let masalah_isi = serde_json::to_string(&doc.problems).map_err(json_error)?;
        let mut response = self
            .db
            .query(
                "LET $baru = (CREATE ONLY document SET workspace = type::record('workspace', $ws), \
                 nama_berkas = $nama_berkas, form = $form, sheet = $sheet, tahun = $tahun, \
                 triwulan = $triwulan, baris = $baris, masalah = $masalah, isi = $isi, \
                 masalah_isi = $masalah_isi, berkas = $berkas);",
            )
            .query(format!("{SELECT_DOCUMENT} WHERE id = $baru.id"))
            .bind(("ws", doc.workspace_id.clone()))
            .bind(("nama_berkas", doc.nama_berkas.clone()))
            .bind(("form", doc.document.form.clone()))
            .bind(("sheet", doc.document.sheet.clone()))
            .bind(("tahun", doc.document.year.map(i64::from)))
            .bind(("triwulan", doc.document.quarter.map(i64::from)))
            .bind(("baris", i64::try_from(doc.document.rows.len()).unwrap_or(i64::MAX)))
            .bind(("masalah", i64::try_from(doc.problems.len()).unwrap_or(i64::MAX)))
            .bind(("isi", isi))
            .bind(("masalah_isi", masalah_isi))
            .bind(("berkas", Bytes::from(doc.berkas)))
            .await
            .map_err(db_error)?
            .check()
            .map_err(db_error)?;
        let record: Option<DocumentRecord> = response.take(1).map_err(db_error)?;
        record
            .map(DocumentSummary::from)
            .ok_or_else(|| StoreError::Database("dokumen tidak tersimpan".into()))
    }

    async fn list_documents(&self, workspace_id: &str) -> Result<Vec<DocumentSummary>, StoreError> {
        let mut response = self
            .db
            .query(format!(
                "{SELECT_DOCUMENT} WHERE workspace = type::record('workspace', $ws) ORDER BY diimpor DESC"
            ))
            .bind(("ws", workspace_id.to_string()))
            .await
            .map_err(db_error)?;
        let records: Vec<DocumentRecord> = response.take(0).map_err(db_error)?;
        Ok(records.into_iter().map(DocumentSummary::from).collect())
    }

    async fn get_document_file(&self, id: &str) -> Result<Option<Vec<u8>>, StoreError> {
        let mut response = self
            .db
            .query("SELECT VALUE berkas FROM type::record('document', $id)")
            .bind(("id", id.to_string()))
            .await
            .map_err(db_error)?;
        let file: Option<Bytes> = response.take(0).map_err(db_error)?;
        Ok(file.map(|b| b.to_vec()))
    }

    async fn get_document(&self, id: &str) -> Result<Option<StoredDocument>, StoreError> {
        let mut response = self
            .db
            .query(format!(
                "{SELECT_DOCUMENT} WHERE id = type::record('document', $id)"
            ))
            .query("SELECT isi, masalah_isi FROM type::record('document', $id)")
            .bind(("id", id.to_string()))
            .await
            .map_err(db_error)?;
        let summary: Option<DocumentRecord> = response.take(0).map_err(db_error)?;
        let body: Option<DocumentBody> = response.take(1).map_err(db_error)?;
        let (Some(summary), Some(body)) = (summary, body) else {
            return Ok(None);
        };
        Ok(Some(StoredDocument {
            summary: summary.into(),
            document: serde_json::from_str(&body.isi).map_err(json_error)?,
            problems: serde_json::from_str(&body.masalah_isi).map_err(json_error)?,
        }))
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
