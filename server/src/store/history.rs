//! Edits, the event log, quarter locks, the budget change and submissions.
//!
//! Every write follows one pattern: take this process's writer lock of the document, read
//! its version, decide in Rust, then run one transaction that first checks the version has
//! not moved (another process on a shared server) and appends events with the next seq
//! numbers. The unique `(document, seq)` index makes a lost race fail, never interleave.

use std::collections::{HashMap, HashSet};

use app::ssr::StoreError;
use app::types::{
    CellConflict, CellVersion, DerivedCell, EditOutcome, EditRequest, Event, EventFilter,
    EventKind, NewSubmission, Submission, SubmissionFile, SubmitOutcome,
};
use capaian_domain::edit::{self, Cell, CellValue};
use capaian_domain::history::CellEdit;
use capaian_domain::rollup::follow_rollups;
use std::ops::Bound;

use surrealdb::types::{Array, Bytes, RecordId, RecordIdKey, RecordIdKeyRange, SurrealValue};

use super::susunan::{Base, Susunan};
use super::{
    cell_from_key, db_error, json_error, to_i64, to_u64, value_from_json, value_json, SurrealStore,
};
use app::akses::Tahap;
use app::ssr::Gabungan;
use capaian_domain::rencana::e81::{angkat, baris_baru, rencana_dokumen, BarisBaru, Tambahan};
use capaian_domain::rencana::Versi;

/// The most events an activity list returns.
pub const EVENTS_MAX: usize = 5_000;

/// A document's write state.
#[derive(Debug, SurrealValue)]
pub(super) struct Head {
    pub versi: i64,
    /// The quarter the document reports.
    triwulan: Option<i64>,
    kunci: Vec<i64>,
    perubahan: Option<i64>,
    diajukan: Vec<i64>,
    disetujui: Vec<i64>,
    /// The last `tambah_baris` event (none: the import's rows).
    pub bentuk: Option<i64>,
}

impl Head {
    /// Where quarter `q` stands in the workflow.
    pub(super) fn tahap(&self, q: u8) -> Tahap {
        let has = |list: &[i64]| list.contains(&i64::from(q));
        Tahap::of(has(&self.kunci), has(&self.disetujui), has(&self.diajukan))
    }
}

/// A document moved to report a later quarter, as the merge's transaction writes it.
#[derive(Clone, Copy, Debug, SurrealValue)]
struct QuarterMove {
    seq: i64,
    triwulan: i64,
}

/// A merged file as the document's template, as the merge's transaction writes it.
#[derive(Debug, SurrealValue)]
struct TemplateRecord {
    nama: String,
    isi: Bytes,
    /// The sheet row of each document row in the file; 0: not in the file.
    baris: Vec<i64>,
}

impl TemplateRecord {
    /// `t.baris` is by position in `susunan`'s rows; kept by row number, with the added rows'
    /// places (`baru`, by number) — `jumlah` numbers in all.
    fn of(
        t: app::ssr::Template,
        susunan: &Susunan,
        baru: &[(usize, u32)],
        jumlah: usize,
    ) -> TemplateRecord {
        let mut baris = vec![0; jumlah];
        for (at, r) in t.baris.unwrap_or_default().into_iter().enumerate() {
            if let (Some(n), Some(r)) = (susunan.nomor(at), r) {
                if let Some(slot) = baris.get_mut(n) {
                    *slot = i64::from(r);
                }
            }
        }
        for &(n, r) in baru {
            if let Some(slot) = baris.get_mut(n) {
                *slot = i64::from(r);
            }
        }
        TemplateRecord {
            nama: t.nama_berkas,
            isi: Bytes::from(t.isi),
            baris,
        }
    }
}

/// Rows a merged file adds, as the merge's transaction writes them.
#[derive(Debug, SurrealValue)]
struct TambahRecord {
    seq: i64,
    /// How many rows, as the log shows it.
    jumlah: String,
    /// The rows (JSON, `rencana::e81::Tambahan`).
    isi: String,
    /// The document's rows after it.
    baris: i64,
}

/// An added-rows event as read back.
#[derive(Debug, SurrealValue)]
struct TambahRead {
    seq: i64,
    isi: Option<String>,
}

/// An edited cell as read for a conflict check.
#[derive(Debug, SurrealValue)]
struct CellNow {
    kunci: String,
    nilai: String,
    versi: i64,
}

/// One edit as the transaction writes it.
#[derive(Debug, SurrealValue)]
struct EditRecord {
    seq: i64,
    baris: i64,
    kolom: String,
    lama: String,
    baru: String,
    kunci: String,
}

/// A cell edit as read back for replays and diffs.
#[derive(Debug, SurrealValue)]
struct EditRead {
    seq: i64,
    waktu: String,
    oleh: String,
    baris: i64,
    kolom: String,
    lama: String,
    baru: String,
}

#[derive(Debug, SurrealValue)]
struct EventRecord {
    seq: i64,
    jenis: String,
    waktu: String,
    oleh: String,
    baris: Option<i64>,
    kolom: Option<String>,
    lama: Option<String>,
    baru: Option<String>,
    triwulan: Option<i64>,
    alasan: Option<String>,
    pengajuan: Option<String>,
    sumber: Option<String>,
}

#[derive(Debug, SurrealValue)]
struct SubmissionRecord {
    id: String,
    document_id: String,
    triwulan: i64,
    revisi: i64,
    versi: i64,
    waktu: String,
    oleh: String,
    sha_dokumen: String,
    formulir_nama: String,
    formulir_sha: String,
    formulir_ukuran: i64,
    template_nama: Option<String>,
    template_sha: Option<String>,
    template_ukuran: Option<i64>,
    laporan_nama: Option<String>,
    laporan_sha: Option<String>,
    laporan_ukuran: Option<i64>,
}

const SELECT_SUBMISSION: &str =
    "SELECT record::id(id) AS id, record::id(document) AS document_id, \
     triwulan, revisi, versi, <string> waktu AS waktu, oleh, sha_dokumen, formulir_nama, \
     formulir_sha, formulir_ukuran, template_nama, template_sha, template_ukuran, \
     laporan_nama, laporan_sha, laporan_ukuran FROM pengajuan";

const SELECT_EVENT: &str = "SELECT seq, jenis, <string> waktu AS waktu, oleh, baris, kolom, lama, \
     baru, triwulan, alasan, pengajuan, sumber FROM $rentang";

/// The events of a document with `dari < seq <= ke`, as a record-id range: an event's id is
/// `peristiwa:[document, seq]`, so a document's log is one contiguous run of keys.
fn event_range(document_id: &str, dari: u64, ke: u64) -> RecordId {
    let key = |seq: u64| {
        RecordIdKey::from(Array::from(vec![
            document_id.to_string().into_value(),
            to_i64(seq).into_value(),
        ]))
    };
    RecordId::new(
        "peristiwa",
        RecordIdKeyRange {
            start: Bound::Excluded(key(dari)),
            end: Bound::Included(key(ke)),
        },
    )
}

/// An event that changes no cell: who, what, why (and which row, for a note).
pub(super) struct Marker<'a> {
    pub jenis: EventKind,
    pub oleh: &'a str,
    pub triwulan: Option<u8>,
    pub baris: Option<usize>,
    pub alasan: &'a str,
}

/// The stable key of an edited cell's record.
fn cell_key(document_id: &str, baris: usize, kolom: &str) -> String {
    format!("{document_id}|{baris}|{kolom}")
}

/// A failed write transaction: a lost race is `Stale`, anything else a database failure.
pub(super) fn tx_error(e: surrealdb::Error) -> StoreError {
    let text = e.to_string();
    if text.contains("capaian:basi")
        || text.contains("peristiwa_urutan")
        || (text.contains("peristiwa") && text.contains("already exists"))
    {
        StoreError::Stale
    } else {
        StoreError::Database(text)
    }
}

impl From<SubmissionRecord> for Submission {
    fn from(r: SubmissionRecord) -> Submission {
        let mut berkas = vec![SubmissionFile {
            jenis: "formulir".into(),
            nama: r.formulir_nama,
            sha256: r.formulir_sha,
            ukuran: to_u64(r.formulir_ukuran),
        }];
        let optional = [
            ("laporan", r.laporan_nama, r.laporan_sha, r.laporan_ukuran),
            (
                "template",
                r.template_nama,
                r.template_sha,
                r.template_ukuran,
            ),
        ];
        for (jenis, nama, sha, ukuran) in optional {
            if let (Some(nama), Some(sha256)) = (nama, sha) {
                berkas.push(SubmissionFile {
                    jenis: jenis.into(),
                    nama,
                    sha256,
                    ukuran: ukuran.map_or(0, to_u64),
                });
            }
        }
        Submission {
            id: r.id,
            document_id: r.document_id,
            triwulan: u8::try_from(r.triwulan).unwrap_or(0),
            revisi: u32::try_from(r.revisi).unwrap_or(0),
            versi: to_u64(r.versi),
            waktu: r.waktu,
            oleh: r.oleh,
            sha_dokumen: r.sha_dokumen,
            berkas,
        }
    }
}

impl EventRecord {
    fn into_event(self) -> Result<Event, StoreError> {
        let jenis = EventKind::from_key(&self.jenis).ok_or_else(|| {
            StoreError::Database(format!("jenis peristiwa tidak dikenal: {}", self.jenis))
        })?;
        Ok(Event {
            seq: to_u64(self.seq),
            jenis,
            waktu: self.waktu,
            oleh: self.oleh,
            baris: self.baris.and_then(|b| usize::try_from(b).ok()),
            kolom: self.kolom.as_deref().map(cell_from_key).transpose()?,
            lama: self.lama.as_deref().map(value_from_json).transpose()?,
            baru: self.baru.as_deref().map(value_from_json).transpose()?,
            triwulan: self.triwulan.and_then(|t| u8::try_from(t).ok()),
            alasan: self.alasan,
            pengajuan: self.pengajuan,
            sumber: self.sumber,
        })
    }
}

/// The rows of a merged file (`file`, named `berkas`) the document lacks, with their values:
/// the document's base as it will stand once they are added (by an event numbered `seq`) and
/// what is added. `Ok(None)`: the file has no such row. `Err`: they cannot be placed among the
/// import's rows (said to the person; nothing is stored).
fn rows_to_add(
    base: &Base,
    file: &capaian_domain::model::Document,
    berkas: &str,
    seq: u64,
) -> Result<Result<Option<(Base, BarisBaru)>, String>, StoreError> {
    let plan = rencana_dokumen(&base.document, &base.tambahan);
    let (lifted, _) = angkat(file, berkas, Versi::Murni);
    let bb = baris_baru(&plan, &lifted);
    if bb.is_empty() {
        return Ok(Ok(None));
    }
    let mut tambah: Vec<(u64, Tambahan)> = base
        .blok
        .iter()
        .map(|b| b.seq)
        .zip(base.tambahan.iter().cloned())
        .collect();
    tambah.push((seq, bb.tambahan.clone()));
    match Base::new(base.document.clone(), base.problems.clone(), tambah) {
        Ok(next) => Ok(Ok(Some((next, bb)))),
        Err(_) => Ok(Err(format!(
            "{} baris baru dari {berkas} tidak dapat ditempatkan di antara baris dokumen ini \
             (urutan baris impornya tidak mengikuti pohon program–kegiatan–sub kegiatan). \
             Hilangkan centang \"tambahkan baris baru\" untuk menerima nilainya saja.",
            bb.len()
        ))),
    }
}

impl SurrealStore {
    /// Takes the writer lock of a document and reads its head (version, locks, budget
    /// change). `None`: no such document.
    pub(super) async fn lock_head(
        &self,
        document_id: &str,
    ) -> Result<Option<(tokio::sync::OwnedMutexGuard<()>, Head)>, StoreError> {
        let guard = self.write_lock(document_id).await;
        let head: Option<Head> = self
            .fetch(
                "SELECT versi, triwulan, kunci, perubahan, diajukan ?? [] AS diajukan, \
                 disetujui ?? [] AS disetujui, bentuk FROM type::record('document', $id)",
                document_id,
            )
            .await?;
        Ok(head.map(|head| (guard, head)))
    }

    /// `bentuk`: the rows the request's positions were read from (None: as they stand).
    /// `sumber`: the file the values came from (a merged upload), recorded on each event, and
    /// the quarter it reports: a later quarter than the document's becomes the document's
    /// (one more event) when values are stored; the file becomes the document's template;
    /// the file's rows the document lacks are added when it asks (`baris_baru`).
    pub(super) async fn apply_edits_impl(
        &self,
        document_id: &str,
        oleh: &str,
        bentuk: Option<u64>,
        sumber: Option<Gabungan>,
        edits: Vec<EditRequest>,
    ) -> Result<Option<EditOutcome>, StoreError> {
        let Some((_guard, head)) = self.lock_head(document_id).await? else {
            return Ok(None);
        };
        let bentuk_now = head.bentuk.map_or(0, to_u64);
        let seen = bentuk.or(sumber.as_ref().map(|m| m.bentuk));
        if seen.is_some_and(|b| b != bentuk_now) {
            return Ok(Some(EditOutcome::RowsChanged { bentuk: bentuk_now }));
        }
        // The head was read under the lock: the document at that version, without another query.
        let current = self.current_at(document_id, to_u64(head.versi)).await?;
        let base = &current.base;
        let rows = &base.asal.rows;
        // Submitted for verification, approved or final: the quarter's cells stay as they are.
        let locked: Vec<u8> = (1..=4).filter(|&q| head.tahap(q).terkunci()).collect();
        // Check the request itself first: rows, value types, duplicates, locks.
        let mut seen = HashSet::new();
        for e in &edits {
            let Some(row) = rows.get(e.baris) else {
                return Ok(Some(EditOutcome::Invalid(format!(
                    "Baris {} tidak ada: dokumen ini punya {} baris (0–{}).",
                    e.baris,
                    rows.len(),
                    rows.len().saturating_sub(1)
                ))));
            };
            if let Err(err) = edit::set(&mut row.clone(), e.kolom, e.nilai.clone()) {
                return Ok(Some(EditOutcome::Invalid(format!(
                    "Baris {}, {}: {err}",
                    e.baris,
                    e.kolom.label()
                ))));
            }
            // A quarter whose realisasi is the sum of its months changes through its months
            // (unless the request writes some of them too: the months' sum then replaces it).
            let months_asked = |q: u8| {
                edits.iter().any(|o| {
                    o.baris == e.baris
                        && matches!(o.kolom, Cell::BulanRp(_))
                        && o.kolom.quarter() == Some(q)
                })
            };
            if let (Some(now), Cell::TwRp(q)) = (current.document.rows.get(e.baris), e.kolom) {
                if let Some(err) = edit::dari_bulan(now, e.kolom).filter(|_| !months_asked(q)) {
                    return Ok(Some(EditOutcome::Invalid(format!(
                        "Baris {}: {err}",
                        e.baris
                    ))));
                }
            }
            if !seen.insert((e.baris, e.kolom)) {
                return Ok(Some(EditOutcome::Invalid(format!(
                    "Baris {}, {} dikirim dua kali dalam satu perubahan.",
                    e.baris,
                    e.kolom.label()
                ))));
            }
            if let Some(q) = e.kolom.quarter().filter(|q| locked.contains(q)) {
                return Ok(Some(EditOutcome::Locked {
                    baris: e.baris,
                    kolom: e.kolom,
                    triwulan: q,
                }));
            }
        }
        // The file's rows the document lacks, with their values: numbered after every row.
        let mut seq = to_u64(head.versi);
        let tambah = match sumber.as_ref().and_then(|m| m.baris_baru.as_ref()) {
            Some(file) => {
                let berkas = sumber.as_ref().map_or("", |m| m.berkas.as_str());
                match rows_to_add(base, file, berkas, seq + 1)? {
                    Ok(t) => t,
                    Err(message) => return Ok(Some(EditOutcome::Invalid(message))),
                }
            }
            None => None,
        };
        if tambah.is_some() {
            seq += 1;
        }
        // Numbers and the values before the edits come from the rows as they will stand.
        let after = tambah.as_ref().map_or(base, |(b, _)| b);
        // Roll-ups that follow: a parent Rp that equalled the sum of its rows gets the new sum.
        // Derived here, under the writer lock, so two people editing sibling rows never collide
        // on their parent's cell.
        let asked: Vec<(usize, Cell, CellValue)> = edits
            .iter()
            .map(|e| (e.baris, e.kolom, e.nilai.clone()))
            .collect();
        let derived = follow_rollups(&current.document.rows, &asked);
        // A quarter the request writes beside its months is the months' sum (derived instead).
        let edits: Vec<EditRequest> = edits
            .into_iter()
            .filter(|e| {
                !derived
                    .iter()
                    .any(|(b, k, _)| *b == e.baris && *k == e.kolom)
            })
            .collect();
        /// Where an edit comes from: asked (with the version the client saw), a roll-up, or a
        /// value of an added row.
        enum Asal {
            Diminta(u64),
            Turunan,
            BarisBaru,
        }
        // Each edit: its position (in the rows the request named), number, cell, value.
        let mut all: Vec<(usize, usize, Cell, CellValue, Asal)> = Vec::new();
        for e in edits {
            let n = base.susunan.nomor(e.baris).unwrap_or(usize::MAX);
            all.push((e.baris, n, e.kolom, e.nilai, Asal::Diminta(e.versi)));
        }
        for (baris, kolom, nilai) in derived {
            let n = base.susunan.nomor(baris).unwrap_or(usize::MAX);
            all.push((baris, n, kolom, nilai, Asal::Turunan));
        }
        if let Some((b, bb)) = &tambah {
            for (n, kolom, nilai) in &bb.nilai {
                let at = b.susunan.baris(*n).unwrap_or(usize::MAX);
                // An added row's value in a locked quarter is refused like any other.
                if let Some(q) = kolom.quarter().filter(|q| locked.contains(q)) {
                    return Ok(Some(EditOutcome::Locked {
                        baris: at,
                        kolom: *kolom,
                        triwulan: q,
                    }));
                }
                all.push((at, *n, *kolom, nilai.clone(), Asal::BarisBaru));
            }
        }
        // The current value and version of every cell asked for.
        let ids: Vec<RecordId> = all
            .iter()
            .map(|(_, n, kolom, _, _)| {
                RecordId::new("sel", cell_key(document_id, *n, &kolom.key()))
            })
            .collect();
        let mut response = self
            .db
            .query("SELECT record::id(id) AS kunci, nilai, versi FROM $ids")
            .bind(("ids", ids))
            .await
            .map_err(db_error)?;
        let now: Vec<CellNow> = response.take(0).map_err(db_error)?;
        let now: HashMap<String, CellNow> = now.into_iter().map(|c| (c.kunci.clone(), c)).collect();
        let mut conflicts = Vec::new();
        let mut writes = Vec::new();
        let mut unchanged = Vec::new();
        let mut turunan = Vec::new();
        for (baris, nomor, kolom, nilai, asal) in all {
            let key = cell_key(document_id, nomor, &kolom.key());
            let (current, versi) = match now.get(&key) {
                Some(c) => (value_from_json(&c.nilai)?, to_u64(c.versi)),
                None => {
                    let row = after
                        .susunan
                        .baris(nomor)
                        .and_then(|at| after.asal.rows.get(at));
                    (row.map_or(CellValue::Empty, |r| edit::get(r, kolom)), 0)
                }
            };
            match asal {
                // A roll-up or an added row's value: no version to check (the client never
                // sent it).
                Asal::Turunan | Asal::BarisBaru if current.same(&nilai) => continue,
                Asal::Turunan | Asal::BarisBaru => {}
                Asal::Diminta(dikirim) if versi != dikirim => {
                    conflicts.push(CellConflict {
                        baris,
                        kolom,
                        versi_dikirim: dikirim,
                        nilai_sekarang: current,
                        versi_sekarang: versi,
                    });
                    continue;
                }
                Asal::Diminta(_) if current.same(&nilai) => {
                    // Typing the same value again changes nothing and logs nothing.
                    unchanged.push(CellVersion {
                        baris,
                        kolom,
                        versi,
                    });
                    continue;
                }
                Asal::Diminta(_) => {}
            }
            seq += 1;
            if matches!(asal, Asal::Turunan) {
                turunan.push(DerivedCell {
                    baris,
                    kolom,
                    nilai: nilai.clone(),
                    versi: seq,
                });
            }
            // The version of a cell the client asked for (roll-ups are answered in `turunan`).
            let asked = matches!(asal, Asal::Diminta(_)).then_some(CellVersion {
                baris,
                kolom,
                versi: seq,
            });
            writes.push((
                EditRecord {
                    seq: to_i64(seq),
                    baris: to_i64(nomor as u64),
                    kolom: kolom.key(),
                    lama: value_json(&current)?,
                    baru: value_json(&nilai)?,
                    kunci: key,
                },
                asked,
                (baris, kolom, nilai, seq),
            ));
        }
        if !conflicts.is_empty() {
            return Ok(Some(EditOutcome::Conflict(conflicts)));
        }
        // A merged file with no value to store still becomes the template and moves the
        // reporting quarter: only plain edits that change nothing store nothing.
        if writes.is_empty() && sumber.is_none() {
            return Ok(Some(EditOutcome::Applied {
                versi: to_u64(head.versi),
                sel: unchanged,
                turunan,
                ditambah: 0,
            }));
        }
        let changes: Vec<super::CellChangeAt> = writes.iter().map(|(_, _, c)| c.clone()).collect();
        let (records, versions): (Vec<EditRecord>, Vec<Option<CellVersion>>) =
            writes.into_iter().map(|(r, v, _)| (r, v)).unzip();
        let mut versions: Vec<CellVersion> = versions.into_iter().flatten().collect();
        // A merged file of a later quarter: the document reports that quarter from now on.
        let laporan = sumber
            .as_ref()
            .and_then(|m| m.triwulan)
            .filter(|&q| i64::from(q) > head.triwulan.unwrap_or(0))
            .map(|q| {
                seq += 1;
                QuarterMove {
                    seq: to_i64(seq),
                    triwulan: i64::from(q),
                }
            });
        let moved_template = sumber.as_ref().is_some_and(|m| m.template.is_some());
        let ditambah = tambah.as_ref().map_or(0, |(_, bb)| bb.len());
        let template = sumber.as_ref().and_then(|m| m.template.clone()).map(|t| {
            let baru = tambah
                .as_ref()
                .map_or(&[][..], |(_, bb)| bb.baris_berkas.as_slice());
            TemplateRecord::of(t, &base.susunan, baru, after.susunan.len())
        });
        let tambah_record = match &tambah {
            Some((b, bb)) => Some(TambahRecord {
                seq: to_i64(b.bentuk),
                jumlah: bb.len().to_string(),
                isi: serde_json::to_string(&bb.tambahan).map_err(json_error)?,
                baris: to_i64(b.susunan.len() as u64),
            }),
            None => None,
        };
        self.db
            .query(
                "BEGIN TRANSACTION;
                 LET $doc = type::record('document', $id);
                 IF (SELECT VALUE versi FROM ONLY $doc) != $dari { THROW 'capaian:basi' };
                 LET $t = time::now();
                 IF $tambah != NONE {
                     CREATE type::record('peristiwa', [$id, $tambah.seq]) CONTENT { document: $doc,
                         seq: $tambah.seq, jenis: 'tambah_baris', waktu: $t, oleh: $oleh,
                         alasan: $tambah.jumlah, isi: $tambah.isi, sumber: $sumber };
                     UPDATE $doc SET bentuk = $tambah.seq, baris = $tambah.baris;
                 };
                 FOR $e IN $edits {
                     CREATE type::record('peristiwa', [$id, $e.seq]) CONTENT { document: $doc, seq: $e.seq, jenis: 'ubah', waktu: $t,
                         oleh: $oleh, baris: $e.baris, kolom: $e.kolom, lama: $e.lama, baru: $e.baru,
                         sumber: $sumber };
                     UPSERT type::record('sel', $e.kunci) CONTENT { document: $doc, baris: $e.baris,
                         kolom: $e.kolom, nilai: $e.baru, versi: $e.seq };
                 };
                 IF $laporan != NONE {
                     CREATE type::record('peristiwa', [$id, $laporan.seq]) CONTENT { document: $doc,
                         seq: $laporan.seq, jenis: 'triwulan_laporan', waktu: $t, oleh: $oleh,
                         triwulan: $laporan.triwulan, sumber: $sumber };
                     UPDATE $doc SET triwulan = $laporan.triwulan;
                 };
                 IF $pembanding != NONE {
                     UPSERT type::record('dokumen_pembanding', [$id, $sumber]) CONTENT {
                         document: $doc, nama: $sumber, isi: $pembanding, oleh: $oleh, waktu: $t };
                 };
                 IF $template != NONE {
                     UPSERT type::record('dokumen_template', $id) CONTENT { isi: $template.isi,
                         baris: $template.baris, sejak: $ke };
                     UPDATE $doc SET template = $template.nama;
                 };
                 UPDATE $doc SET versi = $ke;
                 COMMIT TRANSACTION;",
            )
            .bind(("id", document_id.to_string()))
            .bind(("dari", head.versi))
            .bind(("ke", to_i64(seq)))
            .bind(("oleh", oleh.to_string()))
            .bind(("sumber", sumber.as_ref().map(|m| m.berkas.clone())))
            .bind(("laporan", laporan))
            .bind(("template", template))
            .bind((
                "pembanding",
                sumber
                    .as_ref()
                    .and_then(|m| m.pembanding.clone())
                    .map(Bytes::from),
            ))
            .bind(("tambah", tambah_record))
            .bind(("edits", records))
            .await
            .map_err(tx_error)?
            .check()
            .map_err(tx_error)?;
        if laporan.is_some() || moved_template || tambah.is_some() {
            // The remembered document reports the old quarter, names the old template or
            // lacks the added rows: read it again next time.
            self.forget_current(document_id);
        } else {
            self.advance(document_id, to_u64(head.versi), seq, &changes);
        }
        versions.extend(unchanged);
        versions.sort_by_key(|c| (c.baris, c.kolom));
        Ok(Some(EditOutcome::Applied {
            versi: seq,
            sel: versions,
            turunan,
            ditambah,
        }))
    }

    /// The rows the `tambah_baris` events up to `bentuk` added, in order, with their seqs.
    pub(super) async fn added_rows(
        &self,
        document_id: &str,
        bentuk: u64,
    ) -> Result<Vec<(u64, Tambahan)>, StoreError> {
        let mut response = self
            .db
            .query("SELECT seq, isi FROM $rentang WHERE jenis = 'tambah_baris'")
            .bind(("rentang", event_range(document_id, 0, bentuk)))
            .await
            .map_err(db_error)?;
        let mut records: Vec<TambahRead> = response.take(0).map_err(db_error)?;
        records.sort_by_key(|r| r.seq);
        records
            .into_iter()
            .map(|r| {
                let isi = r.isi.unwrap_or_default();
                let t: Tambahan = serde_json::from_str(&isi).map_err(json_error)?;
                Ok((to_u64(r.seq), t))
            })
            .collect()
    }

    pub(super) async fn cell_edits_impl(
        &self,
        document_id: &str,
        dari: u64,
        ke: u64,
    ) -> Result<Vec<CellEdit>, StoreError> {
        let mut response = self
            .db
            // A key range comes back in key order, which is seq order; replay and diff sort
            // by seq themselves anyway. Only the fields of an edit are read.
            .query(
                "SELECT seq, <string> waktu AS waktu, oleh, baris, kolom, lama, baru \
                 FROM $rentang WHERE jenis = 'ubah'",
            )
            .bind(("rentang", event_range(document_id, dari, ke)))
            .await
            .map_err(db_error)?;
        let records: Vec<EditRead> = response.take(0).map_err(db_error)?;
        let susunan = self.susunan_of(document_id).await?;
        records
            .into_iter()
            .map(|r| {
                let nomor = usize::try_from(r.baris).unwrap_or(usize::MAX);
                Ok(CellEdit {
                    seq: to_u64(r.seq),
                    baris: susunan.baris(nomor).unwrap_or(usize::MAX),
                    cell: cell_from_key(&r.kolom)?,
                    lama: value_from_json(&r.lama)?,
                    baru: value_from_json(&r.baru)?,
                    oleh: r.oleh,
                    waktu: r.waktu,
                })
            })
            .collect()
    }

    pub(super) async fn event_people_impl(
        &self,
        document_id: &str,
    ) -> Result<Vec<String>, StoreError> {
        let mut response = self
            .db
            .query("SELECT VALUE oleh FROM (SELECT oleh FROM $rentang GROUP BY oleh)")
            .bind(("rentang", event_range(document_id, 0, i64::MAX as u64)))
            .await
            .map_err(db_error)?;
        let mut people: Vec<String> = response.take(0).map_err(db_error)?;
        people.sort();
        Ok(people)
    }

    pub(super) async fn list_events_impl(
        &self,
        document_id: &str,
        filter: &EventFilter,
    ) -> Result<Vec<Event>, StoreError> {
        let susunan = self.susunan_of(document_id).await?;
        let mut conditions = vec!["true"];
        if filter.baris.is_some() {
            conditions.push("baris = $baris");
        }
        // Asked by position, kept by number.
        let nomor = filter
            .baris
            .map(|b| susunan.nomor(b).unwrap_or(usize::MAX) as u64);
        if filter.oleh.is_some() {
            conditions.push("oleh = $oleh");
        }
        let limit = filter.batas.unwrap_or(EVENTS_MAX).min(EVENTS_MAX);
        let mut response = self
            .db
            .query(format!(
                "{SELECT_EVENT} WHERE {} ORDER BY seq DESC LIMIT {limit}",
                conditions.join(" AND ")
            ))
            .bind(("rentang", event_range(document_id, 0, i64::MAX as u64)))
            .bind(("baris", nomor.map(to_i64)))
            .bind(("oleh", filter.oleh.clone()))
            .await
            .map_err(db_error)?;
        let records: Vec<EventRecord> = response.take(0).map_err(db_error)?;
        records
            .into_iter()
            .map(|r| {
                let mut e = r.into_event()?;
                e.baris = e.baris.and_then(|n| susunan.baris(n));
                Ok(e)
            })
            .collect()
    }

    pub(super) async fn save_submission_impl(
        &self,
        document_id: &str,
        sub: NewSubmission,
    ) -> Result<Option<SubmitOutcome>, StoreError> {
        let Some((_guard, head)) = self.lock_head(document_id).await? else {
            return Ok(None);
        };
        if let Some(refused) = SubmitOutcome::refusal(head.tahap(sub.triwulan), sub.perlu_disetujui)
        {
            return Ok(Some(refused));
        }
        if to_u64(head.versi) != sub.versi {
            return Ok(Some(SubmitOutcome::Stale));
        }
        let earlier = self
            .list_submissions_impl(document_id)
            .await?
            .iter()
            .filter(|s| s.triwulan == sub.triwulan)
            .count();
        let revisi = earlier as u32 + 1;
        let id = format!("{document_id}-tw{}-r{revisi}", sub.triwulan);
        let file = |jenis: &str| sub.berkas.iter().find(|(f, _)| f.jenis == jenis);
        let Some((formulir, formulir_isi)) = file("formulir") else {
            return Err(StoreError::Database(
                "pengajuan tanpa Formulir E.81 tidak disimpan".into(),
            ));
        };
        let template = file("template");
        let laporan = file("laporan");
        let seq = sub.versi + 1;
        self.db
            .query(
                "BEGIN TRANSACTION;
                 LET $doc = type::record('document', $dokumen);
                 IF (SELECT VALUE versi FROM ONLY $doc) != $dari { THROW 'capaian:basi' };
                 LET $t = time::now();
                 CREATE type::record('pengajuan', $id) CONTENT { document: $doc, triwulan: $q,
                     revisi: $revisi, versi: $dari, waktu: $t, oleh: $oleh, sha_dokumen: $sha,
                     formulir_nama: $f_nama, formulir_sha: $f_sha, formulir_ukuran: $f_ukuran,
                     template_nama: $t_nama, template_sha: $t_sha, template_ukuran: $t_ukuran,
                     laporan_nama: $l_nama, laporan_sha: $l_sha, laporan_ukuran: $l_ukuran };
                 CREATE type::record('pengajuan_berkas', [$id, 'formulir']) CONTENT { isi: $f_isi };
                 IF $t_isi != NONE {
                     CREATE type::record('pengajuan_berkas', [$id, 'template']) CONTENT { isi: $t_isi };
                 };
                 IF $l_isi != NONE {
                     CREATE type::record('pengajuan_berkas', [$id, 'laporan']) CONTENT { isi: $l_isi };
                 };
                 CREATE type::record('peristiwa', [$dokumen, $ke]) CONTENT { document: $doc, seq: $ke, jenis: 'ajukan', waktu: $t,
                     oleh: $oleh, triwulan: $q, pengajuan: $id };
                 UPDATE $doc SET versi = $ke, kunci = array::union(kunci, [$q]),
                     diajukan = array::complement(diajukan ?? [], [$q]),
                     disetujui = array::complement(disetujui ?? [], [$q]);
                 COMMIT TRANSACTION;",
            )
            .bind(("dokumen", document_id.to_string()))
            .bind(("id", id.clone()))
            .bind(("dari", to_i64(sub.versi)))
            .bind(("ke", to_i64(seq)))
            .bind(("q", i64::from(sub.triwulan)))
            .bind(("revisi", i64::from(revisi)))
            .bind(("oleh", sub.oleh.clone()))
            .bind(("sha", sub.sha_dokumen.clone()))
            .bind(("f_nama", formulir.nama.clone()))
            .bind(("f_sha", formulir.sha256.clone()))
            .bind(("f_isi", Bytes::from(formulir_isi.clone())))
            .bind(("f_ukuran", to_i64(formulir_isi.len() as u64)))
            .bind(("t_ukuran", template.map(|(_, b)| to_i64(b.len() as u64))))
            .bind(("t_nama", template.map(|(f, _)| f.nama.clone())))
            .bind(("t_sha", template.map(|(f, _)| f.sha256.clone())))
            .bind(("t_isi", template.map(|(_, b)| Bytes::from(b.clone()))))
            .bind(("l_ukuran", laporan.map(|(_, b)| to_i64(b.len() as u64))))
            .bind(("l_nama", laporan.map(|(f, _)| f.nama.clone())))
            .bind(("l_sha", laporan.map(|(f, _)| f.sha256.clone())))
            .bind(("l_isi", laporan.map(|(_, b)| Bytes::from(b.clone()))))
            .await
            .map_err(tx_error)?
            .check()
            .map_err(tx_error)?;
        self.advance(document_id, sub.versi, seq, &[]);
        let saved = self.get_submission_impl(&id).await?.ok_or_else(|| {
            StoreError::Database(format!("pengajuan {id} tidak terbaca setelah disimpan"))
        })?;
        Ok(Some(SubmitOutcome::Submitted(saved)))
    }

    pub(super) async fn list_submissions_impl(
        &self,
        document_id: &str,
    ) -> Result<Vec<Submission>, StoreError> {
        let sql = format!(
            "{SELECT_SUBMISSION} WHERE document = type::record('document', $id) ORDER BY versi"
        );
        let records: Vec<SubmissionRecord> = self.fetch(&sql, document_id).await?;
        Ok(records.into_iter().map(Submission::from).collect())
    }

    pub(super) async fn get_submission_impl(
        &self,
        id: &str,
    ) -> Result<Option<Submission>, StoreError> {
        let sql = format!("{SELECT_SUBMISSION} WHERE id = type::record('pengajuan', $id)");
        let record: Option<SubmissionRecord> = self.fetch(&sql, id).await?;
        Ok(record.map(Submission::from))
    }

    pub(super) async fn get_submission_file_impl(
        &self,
        id: &str,
        jenis: &str,
    ) -> Result<Option<(SubmissionFile, Vec<u8>)>, StoreError> {
        let Some(submission) = self.get_submission_impl(id).await? else {
            return Ok(None);
        };
        let Some(info) = submission.berkas.into_iter().find(|f| f.jenis == jenis) else {
            return Ok(None);
        };
        let mut response = self
            .db
            .query("SELECT VALUE isi FROM type::record('pengajuan_berkas', [$id, $jenis])")
            .bind(("id", id.to_string()))
            .bind(("jenis", info.jenis.clone()))
            .await
            .map_err(db_error)?;
        let bytes: Option<Bytes> = response.take(0).map_err(db_error)?;
        Ok(bytes.map(|b| (info, b.to_vec())))
    }

    /// Appends one event that changes no cell (`buka_kunci`, `perubahan_anggaran`, the
    /// workflow's steps, notes) when `applies` says the document's head allows it, updates the
    /// head with `update` (SurrealQL `SET` clauses after `versi`) and runs `extra` (statements
    /// that may use `$doc`, `$id`, `$q`, `$baris`, `$alasan`, `$oleh`) in the same transaction.
    /// `Ok(None)`: no such document; `Ok(Some(Err(stage)))`: it does not apply to the quarter's
    /// stage; otherwise the event's seq.
    pub(super) async fn append_marker(
        &self,
        document_id: &str,
        marker: Marker<'_>,
        applies: impl FnOnce(&Head) -> bool,
        update: &str,
        extra: &str,
    ) -> Result<Option<Result<u64, Tahap>>, StoreError> {
        let Some((_guard, head)) = self.lock_head(document_id).await? else {
            return Ok(None);
        };
        if !applies(&head) {
            return Ok(Some(Err(head.tahap(marker.triwulan.unwrap_or(0)))));
        }
        let Marker {
            jenis,
            oleh,
            triwulan,
            baris,
            alasan,
        } = marker;
        let seq = to_u64(head.versi) + 1;
        self.db
            .query(format!(
                "BEGIN TRANSACTION;
                 LET $doc = type::record('document', $id);
                 IF (SELECT VALUE versi FROM ONLY $doc) != $dari {{ THROW 'capaian:basi' }};
                 CREATE type::record('peristiwa', [$id, $ke]) CONTENT {{ document: $doc, seq: $ke, jenis: $jenis, oleh: $oleh,
                     triwulan: $q, baris: $baris, alasan: $alasan }};
                 UPDATE $doc SET versi = $ke{update};
                 {extra}
                 COMMIT TRANSACTION;"
            ))
            .bind(("id", document_id.to_string()))
            .bind(("dari", head.versi))
            .bind(("ke", to_i64(seq)))
            .bind(("jenis", jenis.key()))
            .bind(("oleh", oleh.to_string()))
            .bind(("q", triwulan.map(i64::from)))
            .bind(("baris", baris.map(|b| to_i64(b as u64))))
            .bind(("alasan", alasan.to_string()))
            .await
            .map_err(tx_error)?
            .check()
            .map_err(tx_error)?;
        self.advance(document_id, to_u64(head.versi), seq, &[]);
        Ok(Some(Ok(seq)))
    }

    pub(super) async fn unlock_quarter_impl(
        &self,
        document_id: &str,
        triwulan: u8,
        oleh: &str,
        alasan: &str,
    ) -> Result<Option<Option<u64>>, StoreError> {
        self.append_marker(
            document_id,
            Marker {
                jenis: EventKind::BukaKunci,
                oleh,
                triwulan: Some(triwulan),
                baris: None,
                alasan,
            },
            // Back to Draf from any locked stage.
            |head| head.tahap(triwulan).terkunci(),
            ", kunci = array::complement(kunci, [$q]), \
             diajukan = array::complement(diajukan ?? [], [$q]), \
             disetujui = array::complement(disetujui ?? [], [$q])",
            "",
        )
        .await
        .map(|r| r.map(Result::ok))
    }

    pub(super) async fn start_budget_change_impl(
        &self,
        document_id: &str,
        oleh: &str,
        alasan: &str,
    ) -> Result<Option<Option<u64>>, StoreError> {
        self.append_marker(
            document_id,
            Marker {
                jenis: EventKind::PerubahanAnggaran,
                oleh,
                triwulan: None,
                baris: None,
                alasan,
            },
            |head| head.perubahan.is_none(),
            ", perubahan = $ke",
            "",
        )
        .await
        .map(|r| r.map(Result::ok))
    }
}
