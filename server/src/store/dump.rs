//! The whole database as plain records, out and back in: what `capaian backup` writes and
//! `capaian restore` reads (the file format itself is `crate::backup`'s business).
//!
//! Ids, timestamps and sequence numbers are kept exactly, so a restored folder holds the
//! same documents, events and submissions as the one backed up.

use serde::{Deserialize, Serialize};
use surrealdb::types::{Bytes, SurrealValue};

use super::{db_error, SurrealStore};
use app::ssr::StoreError;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, SurrealValue)]
pub struct WorkspaceRow {
    pub id: String,
    pub nama_pd: String,
    pub kabupaten: String,
    pub tahun: i64,
    pub kepala_nama: String,
    pub kepala_nip: String,
    pub kunci: String,
    pub dibuat: String,
    /// The office's time zone, when someone chose one (backups of older versions have none).
    #[serde(default)]
    pub zona: Option<String>,
    /// The workspace's settings (JSON) and their version (backups of older versions have none).
    #[serde(default)]
    pub pengaturan: Option<String>,
    #[serde(default)]
    pub pengaturan_versi: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, SurrealValue)]
pub struct DocumentRow {
    pub id: String,
    pub workspace: String,
    pub nama_berkas: String,
    pub form: String,
    pub sheet: String,
    pub tahun: Option<i64>,
    pub triwulan: Option<i64>,
    pub baris: i64,
    pub masalah: i64,
    pub isi: String,
    pub masalah_isi: String,
    /// Written as a file of its own in a backup.
    #[serde(skip)]
    pub berkas: Bytes,
    pub diimpor: String,
    pub versi: i64,
    pub kunci: Vec<i64>,
    pub perubahan: Option<i64>,
    #[serde(default)]
    pub diajukan: Vec<i64>,
    #[serde(default)]
    pub disetujui: Vec<i64>,
    /// The latest file merged into the document, its template (backups made before merged
    /// files became templates have none): its name, where each row is in it, since which
    /// version, and (a file of its own in a backup) its bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template_baris: Option<Vec<i64>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template_sejak: Option<i64>,
    #[serde(skip)]
    pub template_isi: Option<Bytes>,
    /// The event that last added rows (merged files' new rows); none in backups made before.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bentuk: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, SurrealValue)]
pub struct EventRow {
    /// The record id is `peristiwa:[document, seq]`.
    pub document: String,
    pub seq: i64,
    pub jenis: String,
    pub waktu: String,
    pub oleh: String,
    pub baris: Option<i64>,
    pub kolom: Option<String>,
    pub lama: Option<String>,
    pub baru: Option<String>,
    pub triwulan: Option<i64>,
    pub alasan: Option<String>,
    pub pengajuan: Option<String>,
    /// The file a merged value came from (absent in backups made before merging existed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sumber: Option<String>,
    /// The rows a `tambah_baris` event added (JSON); none for every other event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub isi: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, SurrealValue)]
pub struct CellRow {
    pub id: String,
    pub document: String,
    pub baris: i64,
    pub kolom: String,
    pub nilai: String,
    pub versi: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, SurrealValue)]
pub struct SubmissionRow {
    pub id: String,
    pub document: String,
    pub triwulan: i64,
    pub revisi: i64,
    pub versi: i64,
    pub waktu: String,
    pub oleh: String,
    pub sha_dokumen: String,
    pub formulir_nama: String,
    pub formulir_sha: String,
    #[serde(skip)]
    pub formulir_isi: Bytes,
    pub formulir_ukuran: i64,
    pub template_nama: Option<String>,
    pub template_sha: Option<String>,
    #[serde(skip)]
    pub template_isi: Option<Bytes>,
    pub template_ukuran: Option<i64>,
    /// The laporan triwulan (absent in backups made before submissions carried it).
    #[serde(default)]
    pub laporan_nama: Option<String>,
    #[serde(default)]
    pub laporan_sha: Option<String>,
    #[serde(skip)]
    pub laporan_isi: Option<Bytes>,
    #[serde(default)]
    pub laporan_ukuran: Option<i64>,
}

/// An account, with its argon2 hash (a restored server keeps its logins).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, SurrealValue)]
pub struct AccountRow {
    pub id: String,
    pub nama: String,
    pub peran: String,
    pub bidang: Option<String>,
    pub hash: String,
    pub aktif: bool,
    pub dibuat: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, SurrealValue)]
pub struct NoteRow {
    pub document: String,
    pub triwulan: i64,
    pub baris: i64,
    pub teks: String,
    pub oleh: String,
    pub waktu: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, SurrealValue)]
pub struct OwnerRow {
    pub document: String,
    pub baris: i64,
    pub bidang: String,
}

/// A column mapping a workspace remembers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, SurrealValue)]
pub struct MappingRow {
    pub id: String,
    pub workspace: String,
    pub tanda: String,
    pub form: String,
    pub sheet: String,
    pub nama_berkas: String,
    pub isi: String,
    pub oleh: String,
    pub waktu: String,
    pub versi: i64,
}

/// A file kept beside a document to compare it against (`dokumen_pembanding`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, SurrealValue)]
pub struct PembandingRow {
    pub document: String,
    pub nama: String,
    pub oleh: String,
    pub waktu: String,
    /// Written as a file of its own in a backup.
    #[serde(skip)]
    pub isi: Bytes,
}

/// Every record of every table (sessions and uploads waiting on their mapping page
/// excepted: a restore asks everyone to log in again).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Dump {
    pub workspaces: Vec<WorkspaceRow>,
    pub documents: Vec<DocumentRow>,
    pub events: Vec<EventRow>,
    pub cells: Vec<CellRow>,
    pub submissions: Vec<SubmissionRow>,
    #[serde(default)]
    pub accounts: Vec<AccountRow>,
    #[serde(default)]
    pub notes: Vec<NoteRow>,
    #[serde(default)]
    pub owners: Vec<OwnerRow>,
    #[serde(default)]
    pub mappings: Vec<MappingRow>,
    /// Backups made before files were kept to compare against have none.
    #[serde(default)]
    pub pembanding: Vec<PembandingRow>,
}

/// Why a restore was refused or failed.
#[derive(Debug, thiserror::Error)]
pub enum DumpError {
    #[error(
        "Folder data tujuan tidak kosong ({0} ruang kerja). Pulihkan ke folder baru yang kosong."
    )]
    NotEmpty(u64),
    #[error("{0}")]
    Store(#[from] StoreError),
}

/// Rows written per transaction on restore.
const CHUNK: usize = 500;

impl SurrealStore {
    /// Reads every record.
    pub async fn dump(&self) -> Result<Dump, StoreError> {
        let mut response = self
            .db
            .query(
                "SELECT record::id(id) AS id, nama_pd, kabupaten, tahun, kepala_nama, kepala_nip, \
                 kunci, <string> dibuat AS dibuat, zona, pengaturan, pengaturan_versi \
                 FROM workspace ORDER BY id;",
            )
            .query(
                "SELECT record::id(id) AS id, record::id(workspace) AS workspace, nama_berkas, form, \
                 sheet, tahun, triwulan, baris, masalah, \
                 (SELECT VALUE isi FROM ONLY type::record('dokumen_isi', record::id($parent.id))) AS isi, \
                 (SELECT VALUE masalah_isi FROM ONLY type::record('dokumen_isi', record::id($parent.id))) AS masalah_isi, \
                 (SELECT VALUE isi FROM ONLY type::record('dokumen_berkas', record::id($parent.id))) AS berkas, \
                 <string> diimpor AS diimpor, versi, kunci, perubahan, diajukan ?? [] AS diajukan, \
                 disetujui ?? [] AS disetujui, template, \
                 (SELECT VALUE isi FROM ONLY type::record('dokumen_template', record::id($parent.id))) AS template_isi, \
                 (SELECT VALUE baris FROM ONLY type::record('dokumen_template', record::id($parent.id))) AS template_baris, \
                 (SELECT VALUE sejak FROM ONLY type::record('dokumen_template', record::id($parent.id))) AS template_sejak, \
                 bentuk FROM document ORDER BY id;",
            )
            .query(
                "SELECT record::id(document) AS document, seq, jenis, \
                 <string> waktu AS waktu, oleh, baris, kolom, lama, baru, triwulan, alasan, \
                 pengajuan, sumber, isi FROM peristiwa ORDER BY document, seq;",
            )
            .query(
                "SELECT record::id(id) AS id, record::id(document) AS document, baris, kolom, \
                 nilai, versi FROM sel ORDER BY id;",
            )
            .query(
                "SELECT record::id(id) AS id, record::id(document) AS document, triwulan, revisi, \
                 versi, <string> waktu AS waktu, oleh, sha_dokumen, formulir_nama, formulir_sha, \
                 (SELECT VALUE isi FROM ONLY type::record('pengajuan_berkas', [record::id($parent.id), 'formulir'])) AS formulir_isi, \
                 formulir_ukuran, template_nama, template_sha, \
                 (SELECT VALUE isi FROM ONLY type::record('pengajuan_berkas', [record::id($parent.id), 'template'])) AS template_isi, \
                 template_ukuran, laporan_nama, laporan_sha, \
                 (SELECT VALUE isi FROM ONLY type::record('pengajuan_berkas', [record::id($parent.id), 'laporan'])) AS laporan_isi, \
                 laporan_ukuran FROM pengajuan ORDER BY id;",
            )
            .query(
                "SELECT record::id(id) AS id, nama, peran, bidang, hash, aktif, \
                 <string> dibuat AS dibuat FROM pengguna ORDER BY id;",
            )
            .query(
                "SELECT record::id(document) AS document, triwulan, baris, teks, oleh, \
                 <string> waktu AS waktu FROM catatan ORDER BY id;",
            )
            .query(
                "SELECT record::id(document) AS document, baris, bidang FROM penugasan ORDER BY id;",
            )
            .query(
                "SELECT record::id(id) AS id, record::id(workspace) AS workspace, tanda, form, \
                 sheet, nama_berkas, isi, oleh, <string> waktu AS waktu, versi FROM pemetaan \
                 ORDER BY id;",
            )
            .query(
                "SELECT record::id(document) AS document, nama, oleh, <string> waktu AS waktu, \
                 isi FROM dokumen_pembanding ORDER BY id;",
            )
            .await
            .map_err(db_error)?;
        Ok(Dump {
            workspaces: response.take(0).map_err(db_error)?,
            documents: response.take(1).map_err(db_error)?,
            events: response.take(2).map_err(db_error)?,
            cells: response.take(3).map_err(db_error)?,
            submissions: response.take(4).map_err(db_error)?,
            accounts: response.take(5).map_err(db_error)?,
            notes: response.take(6).map_err(db_error)?,
            owners: response.take(7).map_err(db_error)?,
            mappings: response.take(8).map_err(db_error)?,
            pembanding: response.take(9).map_err(db_error)?,
        })
    }

    /// Writes every record of `dump` into this (empty) database.
    pub async fn load(&self, dump: Dump) -> Result<(), DumpError> {
        let mut response = self
            .db
            .query("SELECT count() AS n FROM workspace GROUP ALL")
            .query("SELECT count() AS n FROM document GROUP ALL")
            .query("SELECT count() AS n FROM pengguna GROUP ALL")
            .await
            .map_err(db_error)?;
        let workspaces: Option<i64> = response.take((0, "n")).map_err(db_error)?;
        let documents: Option<i64> = response.take((1, "n")).map_err(db_error)?;
        let accounts: Option<i64> = response.take((2, "n")).map_err(db_error)?;
        let present = workspaces.unwrap_or(0) + documents.unwrap_or(0) + accounts.unwrap_or(0);
        if present > 0 {
            return Err(DumpError::NotEmpty(
                u64::try_from(workspaces.unwrap_or(0)).unwrap_or(0),
            ));
        }
        self.load_rows(
            dump.workspaces,
            "CREATE type::record('workspace', $r.id) CONTENT { nama_pd: $r.nama_pd,
                 kabupaten: $r.kabupaten, tahun: $r.tahun, kepala_nama: $r.kepala_nama,
                 kepala_nip: $r.kepala_nip, kunci: $r.kunci, dibuat: <datetime> $r.dibuat,
                 zona: $r.zona, pengaturan: $r.pengaturan, pengaturan_versi: $r.pengaturan_versi };",
        )
        .await?;
        self.load_rows(
            dump.documents,
            "CREATE type::record('document', $r.id) CONTENT {
                 workspace: type::record('workspace', $r.workspace), nama_berkas: $r.nama_berkas,
                 form: $r.form, sheet: $r.sheet, tahun: $r.tahun, triwulan: $r.triwulan,
                 baris: $r.baris, masalah: $r.masalah, diimpor: <datetime> $r.diimpor,
                 versi: $r.versi, kunci: $r.kunci, perubahan: $r.perubahan,
                 diajukan: $r.diajukan, disetujui: $r.disetujui, template: $r.template,
                 bentuk: $r.bentuk };
             CREATE type::record('dokumen_isi', $r.id) CONTENT { isi: $r.isi,
                 masalah_isi: $r.masalah_isi };
             CREATE type::record('dokumen_berkas', $r.id) CONTENT { isi: $r.berkas };
             IF $r.template_isi != NONE {
                 CREATE type::record('dokumen_template', $r.id) CONTENT { isi: $r.template_isi,
                     baris: $r.template_baris ?? [], sejak: $r.template_sejak ?? 0 };
             };",
        )
        .await?;
        self.load_rows(
            dump.events,
            "CREATE type::record('peristiwa', [$r.document, $r.seq]) CONTENT {
                 document: type::record('document', $r.document), seq: $r.seq, jenis: $r.jenis,
                 waktu: <datetime> $r.waktu, oleh: $r.oleh, baris: $r.baris, kolom: $r.kolom,
                 lama: $r.lama, baru: $r.baru, triwulan: $r.triwulan, alasan: $r.alasan,
                 pengajuan: $r.pengajuan, sumber: $r.sumber, isi: $r.isi };",
        )
        .await?;
        self.load_rows(
            dump.cells,
            "CREATE type::record('sel', $r.id) CONTENT {
                 document: type::record('document', $r.document), baris: $r.baris,
                 kolom: $r.kolom, nilai: $r.nilai, versi: $r.versi };",
        )
        .await?;
        self.load_rows(
            dump.submissions,
            "CREATE type::record('pengajuan', $r.id) CONTENT {
                 document: type::record('document', $r.document), triwulan: $r.triwulan,
                 revisi: $r.revisi, versi: $r.versi, waktu: <datetime> $r.waktu, oleh: $r.oleh,
                 sha_dokumen: $r.sha_dokumen, formulir_nama: $r.formulir_nama,
                 formulir_sha: $r.formulir_sha, formulir_ukuran: $r.formulir_ukuran,
                 template_nama: $r.template_nama, template_sha: $r.template_sha,
                 template_ukuran: $r.template_ukuran, laporan_nama: $r.laporan_nama,
                 laporan_sha: $r.laporan_sha, laporan_ukuran: $r.laporan_ukuran };
             CREATE type::record('pengajuan_berkas', [$r.id, 'formulir']) CONTENT { isi: $r.formulir_isi };
             IF $r.template_isi != NONE {
                 CREATE type::record('pengajuan_berkas', [$r.id, 'template']) CONTENT { isi: $r.template_isi };
             };
             IF $r.laporan_isi != NONE {
                 CREATE type::record('pengajuan_berkas', [$r.id, 'laporan']) CONTENT { isi: $r.laporan_isi };
             };",
        )
        .await?;
        self.load_rows(
            dump.accounts,
            "CREATE type::record('pengguna', $r.id) CONTENT { nama: $r.nama, peran: $r.peran,
                 bidang: $r.bidang, hash: $r.hash, aktif: $r.aktif, dibuat: <datetime> $r.dibuat };",
        )
        .await?;
        self.load_rows(
            dump.notes,
            "CREATE type::record('catatan', [$r.document, $r.triwulan, $r.baris]) CONTENT {
                 document: type::record('document', $r.document), triwulan: $r.triwulan,
                 baris: $r.baris, teks: $r.teks, oleh: $r.oleh, waktu: <datetime> $r.waktu };",
        )
        .await?;
        self.load_rows(
            dump.owners,
            "CREATE type::record('penugasan', [$r.document, $r.baris]) CONTENT {
                 document: type::record('document', $r.document), baris: $r.baris,
                 bidang: $r.bidang };",
        )
        .await?;
        self.load_rows(
            dump.mappings,
            "CREATE type::record('pemetaan', $r.id) CONTENT {
                 workspace: type::record('workspace', $r.workspace), tanda: $r.tanda,
                 form: $r.form, sheet: $r.sheet, nama_berkas: $r.nama_berkas, isi: $r.isi,
                 oleh: $r.oleh, waktu: <datetime> $r.waktu, versi: $r.versi };",
        )
        .await?;
        self.load_rows(
            dump.pembanding,
            "CREATE type::record('dokumen_pembanding', [$r.document, $r.nama]) CONTENT {
                 document: type::record('document', $r.document), nama: $r.nama,
                 isi: $r.isi, oleh: $r.oleh, waktu: <datetime> $r.waktu };",
        )
        .await?;
        Ok(())
    }

    /// Runs `create` (which reads `$r`) for every row, a chunk per transaction.
    async fn load_rows<T: SurrealValue + Clone>(
        &self,
        rows: Vec<T>,
        create: &str,
    ) -> Result<(), StoreError> {
        for chunk in rows.chunks(CHUNK) {
            self.db
                .query(format!(
                    "BEGIN TRANSACTION; FOR $r IN $rows {{ {create} }}; COMMIT TRANSACTION;"
                ))
                .bind(("rows", chunk.to_vec()))
                .await
                .map_err(db_error)?
                .check()
                .map_err(db_error)?;
        }
        Ok(())
    }
}
