//! Files kept beside a document to compare it against (`dokumen_pembanding`, the
//! Rekonsiliasi's): one record per document and file name.

use surrealdb::types::{Bytes, SurrealValue};

use super::{db_error, SurrealStore};
use app::ssr::{BerkasPembanding, StoreError};

#[derive(Debug, SurrealValue)]
struct PembandingRecord {
    nama: String,
    isi: Bytes,
    oleh: String,
    waktu: String,
}

impl SurrealStore {
    pub(super) async fn comparison_files_impl(
        &self,
        document_id: &str,
    ) -> Result<Vec<BerkasPembanding>, StoreError> {
        let records: Vec<PembandingRecord> = self
            .fetch(
                "SELECT nama, isi, oleh, <string> waktu AS waktu FROM dokumen_pembanding \
                 WHERE document = type::record('document', $id) ORDER BY waktu DESC, nama",
                document_id,
            )
            .await?;
        Ok(records
            .into_iter()
            .map(|r| BerkasPembanding {
                nama: r.nama,
                isi: r.isi.to_vec(),
                oleh: r.oleh,
                waktu: r.waktu,
            })
            .collect())
    }

    pub(super) async fn keep_comparison_file_impl(
        &self,
        document_id: &str,
        nama: &str,
        isi: Vec<u8>,
        oleh: &str,
    ) -> Result<bool, StoreError> {
        // Documents are never deleted: one that exists now still does when the file is kept.
        if self.summary_of(document_id).await?.is_none() {
            return Ok(false);
        }
        self.db
            .query(
                "UPSERT type::record('dokumen_pembanding', [$id, $nama]) CONTENT {
                     document: type::record('document', $id), nama: $nama, isi: $isi,
                     oleh: $oleh, waktu: time::now() };",
            )
            .bind(("id", document_id.to_string()))
            .bind(("nama", nama.to_string()))
            .bind(("isi", Bytes::from(isi)))
            .bind(("oleh", oleh.to_string()))
            .await
            .map_err(db_error)?
            .check()
            .map_err(db_error)?;
        Ok(true)
    }

    pub(super) async fn drop_comparison_file_impl(
        &self,
        document_id: &str,
        nama: &str,
    ) -> Result<bool, StoreError> {
        let mut response = self
            .db
            .query("DELETE type::record('dokumen_pembanding', [$id, $nama]) RETURN BEFORE;")
            .bind(("id", document_id.to_string()))
            .bind(("nama", nama.to_string()))
            .await
            .map_err(db_error)?
            .check()
            .map_err(db_error)?;
        let deleted: Vec<surrealdb::types::Value> = response.take(0).map_err(db_error)?;
        Ok(!deleted.is_empty())
    }
}
