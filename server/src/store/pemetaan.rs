//! Uploads waiting on their mapping page (`unggahan`), and the column mappings a workspace
//! remembers per layout (`pemetaan`), each checked against the version the person saw.

use app::ssr::StoreError;
use app::types::{KolomPemetaan, PemetaanTersimpan, PemetaanView, PilihanPeran, UnggahanTertunda};
use capaian_domain::model::Document;
use serde::{Deserialize, Serialize};
use surrealdb::types::{Bytes, SurrealValue};

use super::{db_error, json_error, to_i64, to_u64, SurrealStore};

/// A waiting upload as the database returns it (without the file).
#[derive(Debug, SurrealValue)]
struct PendingRecord {
    id: String,
    workspace: String,
    nama_berkas: String,
    tampilan: String,
    tujuan: Option<String>,
}

/// The JSON text fields of a waiting upload.
enum PendingText {
    /// Its mapping page (`app::types::PemetaanView`).
    Tampilan,
    /// The file as read, once settled (`capaian_domain::model::Document`).
    Bacaan,
}

/// A remembered mapping as the database returns it.
#[derive(Debug, SurrealValue)]
struct MappingRecord {
    id: String,
    workspace: String,
    tanda: String,
    form: String,
    sheet: String,
    nama_berkas: String,
    isi: String,
    oleh: String,
    waktu: String,
    versi: i64,
}

/// What `pemetaan.isi` holds, as JSON text.
#[derive(Serialize, Deserialize)]
struct MappingBody {
    kolom: Vec<KolomPemetaan>,
    pilihan: Vec<PilihanPeran>,
}

impl MappingRecord {
    fn into_mapping(self) -> Result<PemetaanTersimpan, StoreError> {
        let body: MappingBody = serde_json::from_str(&self.isi).map_err(json_error)?;
        Ok(PemetaanTersimpan {
            id: self.id,
            workspace_id: self.workspace,
            tanda: self.tanda,
            form: self.form,
            sheet: self.sheet,
            nama_berkas: self.nama_berkas,
            kolom: body.kolom,
            pilihan: body.pilihan,
            oleh: self.oleh,
            waktu: self.waktu,
            versi: to_u64(self.versi),
        })
    }
}

const SELECT_MAPPING: &str = "SELECT record::id(id) AS id, record::id(workspace) AS workspace, \
     tanda, form, sheet, nama_berkas, isi, oleh, <string> waktu AS waktu, versi FROM pemetaan";

impl SurrealStore {
    pub(super) async fn save_pending_impl(
        &self,
        workspace_id: &str,
        nama_berkas: &str,
        berkas: Vec<u8>,
        tampilan: &PemetaanView,
        tujuan: Option<&str>,
    ) -> Result<String, StoreError> {
        let tampilan = serde_json::to_string(tampilan).map_err(json_error)?;
        let mut response = self
            .db
            .query("DELETE unggahan WHERE dibuat < time::now() - 7d;")
            .query(
                "SELECT VALUE record::id(id) FROM ONLY (CREATE ONLY unggahan SET \
                 workspace = type::record('workspace', $ws), nama_berkas = $nama, \
                 berkas = $berkas, tampilan = $tampilan, tujuan = $tujuan);",
            )
            .bind(("ws", workspace_id.to_string()))
            .bind(("nama", nama_berkas.to_string()))
            .bind(("berkas", Bytes::from(berkas)))
            .bind(("tampilan", tampilan))
            .bind(("tujuan", tujuan.map(str::to_string)))
            .await
            .map_err(db_error)?
            .check()
            .map_err(db_error)?;
        let id: Option<String> = response.take(1).map_err(db_error)?;
        id.ok_or_else(|| StoreError::Database("unggahan tidak tersimpan".into()))
    }

    pub(super) async fn get_pending_impl(
        &self,
        id: &str,
    ) -> Result<Option<UnggahanTertunda>, StoreError> {
        let record: Option<PendingRecord> = self
            .fetch(
                "SELECT record::id(id) AS id, record::id(workspace) AS workspace, nama_berkas, \
                 tampilan, tujuan FROM ONLY type::record('unggahan', $id)",
                id,
            )
            .await?;
        let Some(r) = record else {
            return Ok(None);
        };
        let mut tampilan: PemetaanView = serde_json::from_str(&r.tampilan).map_err(json_error)?;
        tampilan.id.clone_from(&r.id);
        Ok(Some(UnggahanTertunda {
            id: r.id,
            workspace_id: r.workspace,
            nama_berkas: r.nama_berkas,
            tampilan,
            tujuan: r.tujuan,
        }))
    }

    pub(super) async fn set_pending_reading_impl(
        &self,
        id: &str,
        bacaan: &Document,
    ) -> Result<bool, StoreError> {
        self.set_pending_text(id, PendingText::Bacaan, bacaan.to_json())
            .await
    }

    pub(super) async fn get_pending_reading_impl(
        &self,
        id: &str,
    ) -> Result<Option<Document>, StoreError> {
        // No such upload and an upload not read yet are both NONE.
        let bacaan: Option<String> = self
            .fetch(
                "SELECT VALUE bacaan FROM ONLY type::record('unggahan', $id)",
                id,
            )
            .await?;
        bacaan
            .map(|json| serde_json::from_str(&json).map_err(json_error))
            .transpose()
    }

    pub(super) async fn get_pending_file_impl(
        &self,
        id: &str,
    ) -> Result<Option<Vec<u8>>, StoreError> {
        let file: Option<Bytes> = self
            .fetch(
                "SELECT VALUE berkas FROM ONLY type::record('unggahan', $id)",
                id,
            )
            .await?;
        Ok(file.map(|b| b.to_vec()))
    }

    pub(super) async fn update_pending_impl(
        &self,
        id: &str,
        tampilan: &PemetaanView,
    ) -> Result<bool, StoreError> {
        let tampilan = serde_json::to_string(tampilan).map_err(json_error)?;
        self.set_pending_text(id, PendingText::Tampilan, tampilan)
            .await
    }

    /// Sets one JSON text field of a waiting upload; `false`: it no longer waits.
    async fn set_pending_text(
        &self,
        id: &str,
        field: PendingText,
        text: String,
    ) -> Result<bool, StoreError> {
        let field = match field {
            PendingText::Tampilan => "tampilan",
            PendingText::Bacaan => "bacaan",
        };
        let mut response = self
            .db
            .query(format!(
                "UPDATE type::record('unggahan', $id) SET {field} = $text \
                 WHERE id = type::record('unggahan', $id) RETURN VALUE record::id(id);"
            ))
            .bind(("id", id.to_string()))
            .bind(("text", text))
            .await
            .map_err(db_error)?
            .check()
            .map_err(db_error)?;
        let updated: Vec<String> = response.take(0).map_err(db_error)?;
        Ok(!updated.is_empty())
    }

    pub(super) async fn delete_pending_impl(&self, id: &str) -> Result<(), StoreError> {
        self.db
            .query("DELETE type::record('unggahan', $id);")
            .bind(("id", id.to_string()))
            .await
            .map_err(db_error)?
            .check()
            .map_err(db_error)?;
        Ok(())
    }

    pub(super) async fn get_mapping_impl(
        &self,
        workspace_id: &str,
        tanda: &str,
    ) -> Result<Option<PemetaanTersimpan>, StoreError> {
        let mut response = self
            .db
            .query(format!(
                "{SELECT_MAPPING} WHERE workspace = type::record('workspace', $ws) \
                 AND tanda = $tanda LIMIT 1"
            ))
            .bind(("ws", workspace_id.to_string()))
            .bind(("tanda", tanda.to_string()))
            .await
            .map_err(db_error)?;
        let records: Vec<MappingRecord> = response.take(0).map_err(db_error)?;
        records
            .into_iter()
            .next()
            .map(MappingRecord::into_mapping)
            .transpose()
    }

    pub(super) async fn list_mappings_impl(
        &self,
        workspace_id: &str,
    ) -> Result<Vec<PemetaanTersimpan>, StoreError> {
        let records: Vec<MappingRecord> = self
            .fetch(
                &format!(
                    "{SELECT_MAPPING} WHERE workspace = type::record('workspace', $id) \
                     ORDER BY waktu DESC"
                ),
                workspace_id,
            )
            .await?;
        records
            .into_iter()
            .map(MappingRecord::into_mapping)
            .collect()
    }

    pub(super) async fn save_mapping_impl(
        &self,
        m: PemetaanTersimpan,
    ) -> Result<Result<PemetaanTersimpan, u64>, StoreError> {
        let isi = serde_json::to_string(&MappingBody {
            kolom: m.kolom,
            pilihan: m.pilihan,
        })
        .map_err(json_error)?;
        // Written only if the version is still the one the person saw: a new layout (0) is
        // created (the unique index refuses a second one), a known one moves one up.
        let sql = if m.versi == 0 {
            "CREATE pemetaan SET workspace = type::record('workspace', $ws), tanda = $tanda, \
             form = $form, sheet = $sheet, nama_berkas = $nama, isi = $isi, oleh = $oleh, \
             waktu = time::now(), versi = 1 RETURN VALUE versi;"
        } else {
            "UPDATE pemetaan SET form = $form, sheet = $sheet, isi = $isi, oleh = $oleh, \
             waktu = time::now(), versi = versi + 1 \
             WHERE workspace = type::record('workspace', $ws) AND tanda = $tanda \
             AND versi = $versi RETURN VALUE versi;"
        };
        let mut response = self
            .db
            .query(sql)
            .bind(("ws", m.workspace_id.clone()))
            .bind(("tanda", m.tanda.clone()))
            .bind(("form", m.form))
            .bind(("sheet", m.sheet))
            .bind(("nama", m.nama_berkas))
            .bind(("isi", isi))
            .bind(("oleh", m.oleh))
            .bind(("versi", to_i64(m.versi)))
            .await
            .map_err(db_error)?;
        // A stale version updates nothing; a second creation is refused by the unique index
        // (an error of the statement, which is a stale version only when the mapping exists:
        // any other failure is the database's).
        let written: Result<Vec<i64>, _> = response.take(0);
        let current = self.get_mapping_impl(&m.workspace_id, &m.tanda).await?;
        match (written, current) {
            (Ok(w), Some(saved)) if !w.is_empty() => Ok(Ok(saved)),
            (_, Some(saved)) => Ok(Err(saved.versi)),
            (Ok(_), None) => Ok(Err(0)),
            (Err(e), None) => Err(db_error(e)),
        }
    }

    pub(super) async fn delete_mapping_impl(
        &self,
        workspace_id: &str,
        id: &str,
    ) -> Result<bool, StoreError> {
        let mut response = self
            .db
            .query(
                "SELECT VALUE record::id(id) FROM pemetaan WHERE id = type::record('pemetaan', $id) \
                 AND workspace = type::record('workspace', $ws);",
            )
            .query(
                "DELETE type::record('pemetaan', $id) \
                 WHERE workspace = type::record('workspace', $ws);",
            )
            .bind(("id", id.to_string()))
            .bind(("ws", workspace_id.to_string()))
            .await
            .map_err(db_error)?
            .check()
            .map_err(db_error)?;
        let deleted: Vec<String> = response.take(0).map_err(db_error)?;
        Ok(!deleted.is_empty())
    }
}
