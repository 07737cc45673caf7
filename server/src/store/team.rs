//! The team: accounts, sessions, the quarter workflow, verifiers' notes and which bidang owns
//! which rows.
//!
//! Workflow steps, notes and assignments are events of the document's log (appended under
//! the document's writer lock like every write), so the activity page shows every transition.

use app::akses::{Catatan, Langkah, Penugasan, Tahap};
use app::ssr::StoreError;
use app::types::{Akun, AkunBaru, EventKind, UbahAkun};
use surrealdb::types::SurrealValue;

use super::history::Marker;
use super::susunan::Susunan;
use super::{db_error, to_i64, to_u64, SurrealStore};

/// An account as the database returns it.
#[derive(Debug, SurrealValue)]
struct AkunRecord {
    login: String,
    nama: String,
    peran: String,
    bidang: Option<String>,
    aktif: bool,
    dibuat: String,
    /// Only where it is asked for (a login); lists never read it.
    hash: Option<String>,
}

impl AkunRecord {
    fn into_akun(self) -> Result<Akun, StoreError> {
        let peran = app::akses::Peran::from_key(&self.peran)
            .ok_or_else(|| StoreError::Database(format!("peran tidak dikenal: {}", self.peran)))?;
        Ok(Akun {
            login: self.login,
            nama: self.nama,
            peran,
            bidang: self.bidang,
            aktif: self.aktif,
            dibuat: self.dibuat,
        })
    }
}

#[derive(Debug, SurrealValue)]
struct NoteRecord {
    triwulan: i64,
    baris: i64,
    teks: String,
    oleh: String,
    waktu: String,
}

#[derive(Debug, SurrealValue)]
struct OwnerRecord {
    baris: i64,
    bidang: String,
}

#[derive(Debug, SurrealValue, Clone)]
struct OwnerChange {
    baris: i64,
    bidang: String,
}

const SELECT_AKUN: &str = "SELECT record::id(id) AS login, nama, peran, bidang, aktif, \
     <string> dibuat AS dibuat FROM pengguna";

/// How long a session lasts (a working day and then some).
const SESSION_HOURS: i64 = 12;

impl SurrealStore {
    pub(super) async fn count_accounts_impl(&self) -> Result<u64, StoreError> {
        let mut response = self
            .db
            .query("SELECT count() AS n FROM pengguna GROUP ALL")
            .await
            .map_err(db_error)?;
        let n: Option<i64> = response.take((0, "n")).map_err(db_error)?;
        Ok(n.map_or(0, to_u64))
    }

    pub(super) async fn list_accounts_impl(&self) -> Result<Vec<Akun>, StoreError> {
        let mut response = self
            .db
            .query(format!("{SELECT_AKUN} ORDER BY login"))
            .await
            .map_err(db_error)?;
        let records: Vec<AkunRecord> = response.take(0).map_err(db_error)?;
        records.into_iter().map(AkunRecord::into_akun).collect()
    }

    pub(super) async fn get_account_impl(
        &self,
        login: &str,
    ) -> Result<Option<(Akun, String)>, StoreError> {
        let akun: Option<AkunRecord> = self
            .fetch(
                "SELECT record::id(id) AS login, nama, peran, bidang, aktif, \
                 <string> dibuat AS dibuat, hash FROM type::record('pengguna', $id)",
                login,
            )
            .await?;
        let Some(mut akun) = akun else {
            return Ok(None);
        };
        let hash = akun.hash.take().unwrap_or_default();
        Ok(Some((akun.into_akun()?, hash)))
    }

    pub(super) async fn create_account_impl(
        &self,
        akun: AkunBaru,
        only_first: bool,
    ) -> Result<Akun, StoreError> {
        let guard = if only_first {
            "IF (SELECT count() AS n FROM pengguna GROUP ALL)[0].n > 0 { THROW 'capaian:sudah-ada-akun' };"
        } else {
            ""
        };
        let result = self
            .db
            .query(format!(
                "BEGIN TRANSACTION;
                 {guard}
                 CREATE type::record('pengguna', $login) CONTENT {{ nama: $nama, peran: $peran,
                     bidang: $bidang, hash: $hash, aktif: true }};
                 COMMIT TRANSACTION;"
            ))
            .bind(("login", akun.login.clone()))
            .bind(("nama", akun.nama.clone()))
            .bind(("peran", akun.peran.key()))
            .bind(("bidang", akun.bidang.clone()))
            .bind(("hash", akun.hash.clone()))
            .await
            .map_err(db_error)?
            .check();
        if let Err(e) = result {
            let text = e.to_string();
            if text.contains("capaian:sudah-ada-akun") {
                return Err(StoreError::AccountsExist);
            }
            if text.contains("already exists") {
                return Err(StoreError::AccountExists(akun.login));
            }
            return Err(StoreError::Database(text));
        }
        self.get_account_impl(&akun.login)
            .await?
            .map(|(a, _)| a)
            .ok_or_else(|| StoreError::Database(format!("akun {} tidak terbaca", akun.login)))
    }

    pub(super) async fn update_account_impl(
        &self,
        login: &str,
        ubah: UbahAkun,
    ) -> Result<Option<Akun>, StoreError> {
        let mut sets = Vec::new();
        if ubah.nama.is_some() {
            sets.push("nama = $nama");
        }
        if ubah.peran.is_some() {
            sets.push("peran = $peran");
        }
        if ubah.bidang.is_some() {
            sets.push("bidang = $bidang");
        }
        if ubah.aktif.is_some() {
            sets.push("aktif = $aktif");
        }
        if ubah.hash.is_some() {
            sets.push("hash = $hash");
        }
        // A new password, role or deactivation ends the account's sessions.
        let ends_sessions =
            ubah.hash.is_some() || ubah.aktif == Some(false) || ubah.peran.is_some();
        if !sets.is_empty() {
            let end = if ends_sessions {
                "DELETE sesi WHERE pengguna = $akun;"
            } else {
                ""
            };
            self.db
                .query(format!(
                    "BEGIN TRANSACTION;
                     LET $akun = type::record('pengguna', $login);
                     IF (SELECT VALUE id FROM ONLY $akun) = NONE {{ RETURN NONE }};
                     UPDATE $akun SET {};
                     {end}
                     COMMIT TRANSACTION;",
                    sets.join(", ")
                ))
                .bind(("login", login.to_string()))
                .bind(("nama", ubah.nama))
                .bind(("peran", ubah.peran.map(|p| p.key())))
                .bind(("bidang", ubah.bidang.flatten()))
                .bind(("aktif", ubah.aktif))
                .bind(("hash", ubah.hash))
                .await
                .map_err(db_error)?
                .check()
                .map_err(db_error)?;
        }
        Ok(self.get_account_impl(login).await?.map(|(a, _)| a))
    }

    pub(super) async fn create_session_impl(
        &self,
        token_hash: &str,
        login: &str,
    ) -> Result<(), StoreError> {
        self.db
            .query(format!(
                "DELETE sesi WHERE kedaluwarsa <= time::now();
                 CREATE type::record('sesi', $sesi) CONTENT {{ pengguna: type::record('pengguna', $login),
                     kedaluwarsa: time::now() + {SESSION_HOURS}h }};"
            ))
            .bind(("sesi", token_hash.to_string()))
            .bind(("login", login.to_string()))
            .await
            .map_err(db_error)?
            .check()
            .map_err(db_error)?;
        Ok(())
    }

    pub(super) async fn session_account_impl(
        &self,
        token_hash: &str,
    ) -> Result<Option<Akun>, StoreError> {
        // Asked on every request in LAN mode: one read, through the session's record link.
        let akun: Option<AkunRecord> = self
            .fetch(
                "SELECT record::id(pengguna) AS login, pengguna.nama AS nama, \
                 pengguna.peran AS peran, pengguna.bidang AS bidang, pengguna.aktif AS aktif, \
                 <string> pengguna.dibuat AS dibuat FROM ONLY type::record('sesi', $id) \
                 WHERE kedaluwarsa > time::now()",
                token_hash,
            )
            .await?;
        akun.map(AkunRecord::into_akun)
            .transpose()
            .map(|a| a.filter(|a| a.aktif))
    }

    pub(super) async fn delete_session_impl(&self, token_hash: &str) -> Result<(), StoreError> {
        self.db
            .query(
                "DELETE type::record('sesi', $id); DELETE sesi WHERE kedaluwarsa <= time::now();",
            )
            .bind(("id", token_hash.to_string()))
            .await
            .map_err(db_error)?
            .check()
            .map_err(db_error)?;
        Ok(())
    }

    /// A workflow step of quarter `triwulan`, logged, when its stage allows it.
    pub(super) async fn workflow_step_impl(
        &self,
        document_id: &str,
        langkah: Langkah,
        triwulan: u8,
        oleh: &str,
        alasan: &str,
    ) -> Result<Option<Result<u64, Tahap>>, StoreError> {
        let (dari, _) = langkah.dari_ke();
        let (jenis, update, extra) = match langkah {
            Langkah::Ajukan => (
                EventKind::AjukanVerifikasi,
                ", diajukan = array::union(diajukan ?? [], [$q])",
                // Notes answer a return; a new submission starts the check afresh.
                "DELETE catatan WHERE document = $doc AND triwulan = $q;",
            ),
            Langkah::Setujui => (
                EventKind::Setujui,
                ", diajukan = array::complement(diajukan ?? [], [$q]), \
                 disetujui = array::union(disetujui ?? [], [$q])",
                "",
            ),
            Langkah::Kembalikan => (
                EventKind::Kembalikan,
                ", diajukan = array::complement(diajukan ?? [], [$q])",
                "",
            ),
        };
        self.append_marker(
            document_id,
            Marker {
                jenis,
                oleh,
                triwulan: Some(triwulan),
                baris: None,
                alasan,
            },
            |head| head.tahap(triwulan) == dari,
            update,
            extra,
        )
        .await
    }

    /// A note on a row of a quarter under verification (empty text removes it), logged.
    pub(super) async fn set_note_impl(
        &self,
        document_id: &str,
        triwulan: u8,
        baris: usize,
        teks: &str,
        oleh: &str,
        bentuk: Option<u64>,
    ) -> Result<Option<Result<u64, Tahap>>, StoreError> {
        let Some(summary) = self.summary_of(document_id).await? else {
            return Ok(None);
        };
        // Named by position in the rows the caller saw, kept by number.
        let seen = summary.bentuk;
        if bentuk.is_some_and(|b| b != seen) {
            return Err(StoreError::RowsChanged(seen));
        }
        let Some(base) = self.base_of(&summary).await? else {
            return Ok(None);
        };
        let nomor = base.susunan.nomor(baris).unwrap_or(usize::MAX);
        let outcome = self
            .append_marker(
                document_id,
                Marker {
                    jenis: EventKind::Catatan,
                    oleh,
                    triwulan: Some(triwulan),
                    baris: Some(nomor),
                    alasan: teks,
                },
                |head| {
                    head.tahap(triwulan) == Tahap::Diajukan && head.bentuk.map_or(0, to_u64) == seen
                },
                "",
                "IF $alasan = '' {
                 DELETE type::record('catatan', [$id, $q, $baris]);
             } ELSE {
                 UPSERT type::record('catatan', [$id, $q, $baris]) CONTENT { document: $doc,
                     triwulan: $q, baris: $baris, teks: $alasan, oleh: $oleh, waktu: time::now() };
             };",
            )
            .await?;
        // Rows added between reading them and writing: refused, not the quarter's stage.
        if matches!(outcome, Some(Err(_))) {
            let now = self
                .summary_of(document_id)
                .await?
                .map_or(seen, |s| s.bentuk);
            if now != seen {
                return Err(StoreError::RowsChanged(now));
            }
        }
        Ok(outcome)
    }

    pub(super) async fn list_notes_impl(
        &self,
        document_id: &str,
    ) -> Result<Vec<Catatan>, StoreError> {
        let records: Vec<NoteRecord> = self
            .fetch(
                "SELECT triwulan, baris, teks, oleh, <string> waktu AS waktu FROM catatan \
                 WHERE document = type::record('document', $id) ORDER BY triwulan, baris",
                document_id,
            )
            .await?;
        let susunan = self.susunan_of(document_id).await?;
        let mut notes: Vec<Catatan> = records
            .into_iter()
            .filter_map(|r| {
                Some(Catatan {
                    triwulan: u8::try_from(r.triwulan).unwrap_or(0),
                    baris: susunan.baris(usize::try_from(r.baris).ok()?)?,
                    teks: r.teks,
                    oleh: r.oleh,
                    waktu: r.waktu,
                })
            })
            .collect();
        notes.sort_by_key(|c| (c.triwulan, c.baris));
        Ok(notes)
    }

    pub(super) async fn owners_impl(&self, document_id: &str) -> Result<Penugasan, StoreError> {
        let records: Vec<OwnerRecord> = self
            .fetch(
                "SELECT baris, bidang FROM penugasan WHERE document = type::record('document', $id)",
                document_id,
            )
            .await?;
        let susunan = self.susunan_of(document_id).await?;
        Ok(records
            .into_iter()
            .filter_map(|r| Some((susunan.baris(usize::try_from(r.baris).ok()?)?, r.bidang)))
            .collect())
    }

    /// Assigns rows to bidang (`None`: to nobody), one logged event per row that changes.
    /// `Ok(None)`: no such document; otherwise the document's version after it.
    pub(super) async fn set_owners_impl(
        &self,
        document_id: &str,
        oleh: &str,
        changes: Vec<(usize, Option<String>)>,
        bentuk: Option<u64>,
    ) -> Result<Option<u64>, StoreError> {
        let Some((_guard, head)) = self.lock_head(document_id).await? else {
            return Ok(None);
        };
        // Positions of the rows the caller saw; under the lock, the rows as they stand.
        let now_bentuk = head.bentuk.map_or(0, to_u64);
        if bentuk.is_some_and(|b| b != now_bentuk) {
            return Err(StoreError::RowsChanged(now_bentuk));
        }
        let now = self.owners_impl(document_id).await?;
        // The rows as the head read under the lock has them.
        let susunan = self
            .base(document_id, now_bentuk)
            .await?
            .map_or(Susunan::Impor(0), |b| b.susunan);
        let changes: Vec<OwnerChange> = changes
            .into_iter()
            .filter(|(baris, bidang)| now.get(baris) != bidang.as_ref())
            .map(|(baris, bidang)| OwnerChange {
                // Named by position, kept by number.
                baris: to_i64(susunan.nomor(baris).unwrap_or(usize::MAX) as u64),
                bidang: bidang.unwrap_or_default(),
            })
            .collect();
        let dari = to_u64(head.versi);
        if changes.is_empty() {
            return Ok(Some(dari));
        }
        let ke = dari + changes.len() as u64;
        self.db
            .query(
                "BEGIN TRANSACTION;
                 LET $doc = type::record('document', $id);
                 IF (SELECT VALUE versi FROM ONLY $doc) != $dari { THROW 'capaian:basi' };
                 FOR $i IN 0..array::len($ubah) {
                     LET $c = $ubah[$i];
                     LET $seq = $dari + $i + 1;
                     CREATE type::record('peristiwa', [$id, $seq]) CONTENT { document: $doc, seq: $seq,
                         jenis: 'atur_bidang', oleh: $oleh, baris: $c.baris, alasan: $c.bidang };
                     IF $c.bidang = '' {
                         DELETE type::record('penugasan', [$id, $c.baris]);
                     } ELSE {
                         UPSERT type::record('penugasan', [$id, $c.baris]) CONTENT { document: $doc,
                             baris: $c.baris, bidang: $c.bidang };
                     };
                 };
                 UPDATE $doc SET versi = $ke;
                 COMMIT TRANSACTION;",
            )
            .bind(("id", document_id.to_string()))
            .bind(("dari", head.versi))
            .bind(("ke", to_i64(ke)))
            .bind(("oleh", oleh.to_string()))
            .bind(("ubah", changes))
            .await
            .map_err(super::history::tx_error)?
            .check()
            .map_err(super::history::tx_error)?;
        self.advance(document_id, dari, ke, &[]);
        Ok(Some(ke))
    }
}
