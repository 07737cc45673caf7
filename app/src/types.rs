//! Types shared by the server and the browser.

use capaian_domain::edit::{Cell, CellValue};
use capaian_domain::pengaturan::Pengaturan;
use capaian_domain::wilayah::ZonaWaktu;
use capaian_domain::workspace::FieldError;

use crate::akses::{Catatan, Pelaku, Penugasan, Peran, Tahap};
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
    /// The office's time zone: every time is shown in it.
    #[serde(default)]
    pub zona: ZonaWaktu,
    /// Whether someone chose the zone (else it follows the kabupaten/kota's province).
    #[serde(default)]
    pub zona_dipilih: bool,
    /// How capaian is computed and rated in this workspace.
    #[serde(default)]
    pub pengaturan: Pengaturan,
    /// The version of the settings (0: never changed); a change names the version it saw.
    #[serde(default)]
    pub pengaturan_versi: u64,
}

/// What creating a workspace came to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CreateOutcome {
    Created(Box<Workspace>),
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
    /// The sequence number of the document's latest event (0 = as imported).
    pub versi: u64,
    /// Quarters submitted and not unlocked since: their values cannot be edited.
    pub kunci: Vec<u8>,
    /// The event that started the budget change (*perubahan*), if one did.
    pub perubahan: Option<u64>,
    /// Quarters submitted for verification (*Diajukan*), waiting for the Kepala.
    #[serde(default)]
    pub diajukan: Vec<u8>,
    /// Quarters the Kepala approved (*Disetujui*), not yet frozen as final.
    #[serde(default)]
    pub disetujui: Vec<u8>,
    /// The workspace's time zone, for showing the document's times.
    #[serde(default)]
    pub zona: ZonaWaktu,
    /// The workspace's settings: every computation of the document uses them.
    #[serde(default)]
    pub pengaturan: Pengaturan,
    /// The file the document's values are filled into when it is not the imported one: the
    /// latest workbook merged into the document.
    #[serde(default)]
    pub template: Option<String>,
    /// The event that last added rows to the document (a merged file's new rows); 0: its rows
    /// are the import's. A request naming rows by position states the value it saw, so a row
    /// is never taken for another after rows were added.
    #[serde(default)]
    pub bentuk: u64,
}

impl DocumentSummary {
    /// The name of the workbook *Unduh dalam template asli* fills: the latest file merged into
    /// the document, else the imported one.
    pub fn nama_template(&self) -> &str {
        self.template.as_deref().unwrap_or(&self.nama_berkas)
    }

    /// Where quarter `q` stands in the workflow.
    pub fn tahap(&self, q: u8) -> Tahap {
        Tahap::of(
            self.kunci.contains(&q),
            self.disetujui.contains(&q),
            self.diajukan.contains(&q),
        )
    }

    /// Quarters whose values cannot change now (submitted, approved or final).
    pub fn terkunci(&self) -> Vec<u8> {
        (1..=4).filter(|&q| self.tahap(q).terkunci()).collect()
    }
}

/// A document as it stands: the import with every stored edit applied.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoredDocument {
    pub summary: DocumentSummary,
    pub document: capaian_domain::model::Document,
    /// Problems located in the file (sheet and cell), found while reading it.
    pub problems: Vec<capaian_domain::model::Problem>,
    /// The version of every cell edited since the import (cells not listed are at version 0).
    pub versi_sel: Vec<CellVersion>,
}

/// What the grid loads: the current document and the version of every edited cell.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GridData {
    pub summary: DocumentSummary,
    pub document: capaian_domain::model::Document,
    pub versi_sel: Vec<CellVersion>,
    /// Who is looking (what the grid lets them edit; the server checks again).
    #[serde(default = "Pelaku::lokal")]
    pub pelaku: Pelaku,
    /// Which bidang owns which program/kegiatan rows.
    #[serde(default)]
    pub penugasan: Penugasan,
    /// Verifiers' notes on rows.
    #[serde(default)]
    pub catatan: Vec<Catatan>,
}

/// A cell's version: the sequence number of the event that last changed it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CellVersion {
    pub baris: usize,
    pub kolom: Cell,
    pub versi: u64,
}

/// One cell edit as a client asks for it: the value and the version of the cell it saw.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EditRequest {
    pub baris: usize,
    pub kolom: Cell,
    pub nilai: CellValue,
    pub versi: u64,
}

/// A cell the server changed along with an edit (a roll-up that follows its rows).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DerivedCell {
    pub baris: usize,
    pub kolom: Cell,
    pub nilai: CellValue,
    pub versi: u64,
}

/// A refused edit: the cell changed since the client saw it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CellConflict {
    pub baris: usize,
    pub kolom: Cell,
    pub versi_dikirim: u64,
    pub nilai_sekarang: CellValue,
    pub versi_sekarang: u64,
}

/// The grid's save, `PATCH /api/v1/dokumen/{id}/sel`: the one wire contract the browser sends
/// and the server reads. Cells are named by their stable keys (`target_rp`, `tw2_k`, …).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SimpanSel {
    /// The name on a single PC (on a LAN the session's account is logged).
    #[serde(default)]
    pub oleh: String,
    pub perubahan: Vec<SelDikirim>,
    /// The document's rows as the client saw them ([`DocumentSummary::bentuk`]). Required
    /// once a merged file has added rows; absent (0) means the import's rows.
    #[serde(default)]
    pub bentuk: u64,
}

/// One cell of a [`SimpanSel`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SelDikirim {
    pub baris: usize,
    /// The cell's key (`Cell::key`).
    pub kolom: String,
    pub nilai: NilaiDikirim,
    /// The version of the cell the client saw (0 for a cell never edited).
    pub versi: u64,
}

/// A sent value: text as typed (`"1.234,5"`), a JSON number, or null for empty.
#[derive(Clone, Debug, PartialEq)]
pub enum NilaiDikirim {
    Kosong,
    Teks(String),
    Angka(serde_json::Number),
}

impl NilaiDikirim {
    /// The value as text for `edit::parse_input` (empty for null).
    pub fn teks(&self) -> String {
        match self {
            NilaiDikirim::Kosong => String::new(),
            NilaiDikirim::Teks(s) => s.clone(),
            NilaiDikirim::Angka(n) => n.to_string(),
        }
    }
}

impl Serialize for NilaiDikirim {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            NilaiDikirim::Kosong => s.serialize_unit(),
            NilaiDikirim::Teks(t) => s.serialize_str(t),
            NilaiDikirim::Angka(n) => n.serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for NilaiDikirim {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = NilaiDikirim;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("teks, angka atau null")
            }
            fn visit_unit<E: serde::de::Error>(self) -> Result<NilaiDikirim, E> {
                Ok(NilaiDikirim::Kosong)
            }
            fn visit_none<E: serde::de::Error>(self) -> Result<NilaiDikirim, E> {
                Ok(NilaiDikirim::Kosong)
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<NilaiDikirim, E> {
                Ok(NilaiDikirim::Teks(v.to_string()))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<NilaiDikirim, E> {
                Ok(NilaiDikirim::Angka(v.into()))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<NilaiDikirim, E> {
                Ok(NilaiDikirim::Angka(v.into()))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<NilaiDikirim, E> {
                serde_json::Number::from_f64(v)
                    .map(NilaiDikirim::Angka)
                    .ok_or_else(|| E::custom("angka tidak sah"))
            }
        }
        d.deserialize_any(Visitor)
    }
}

/// The answer 200 to a [`SimpanSel`]: stored.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SelTersimpan {
    pub versi: u64,
    pub sel: Vec<CellVersion>,
    #[serde(default)]
    pub turunan: Vec<DerivedCell>,
}

/// The answer 409 to a [`SimpanSel`]: cells changed since the client saw them; nothing stored.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SelBentrok {
    pub galat: String,
    pub konflik: Vec<KonflikSel>,
}

/// One refused cell of a [`SelBentrok`] (a [`CellConflict`]), with the current value as the
/// grid shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KonflikSel {
    pub baris: usize,
    pub kolom: Cell,
    pub versi_dikirim: u64,
    pub nilai_sekarang: CellValue,
    pub versi_sekarang: u64,
    pub tampilan_sekarang: String,
}

impl From<CellConflict> for KonflikSel {
    fn from(c: CellConflict) -> Self {
        KonflikSel {
            tampilan_sekarang: capaian_domain::edit::display(&c.nilai_sekarang),
            baris: c.baris,
            kolom: c.kolom,
            versi_dikirim: c.versi_dikirim,
            nilai_sekarang: c.nilai_sekarang,
            versi_sekarang: c.versi_sekarang,
        }
    }
}

impl From<KonflikSel> for CellConflict {
    fn from(k: KonflikSel) -> Self {
        CellConflict {
            baris: k.baris,
            kolom: k.kolom,
            versi_dikirim: k.versi_dikirim,
            nilai_sekarang: k.nilai_sekarang,
            versi_sekarang: k.versi_sekarang,
        }
    }
}

/// The answer 423 to a [`SimpanSel`]: a cell of a submitted quarter; nothing stored.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SelTerkunci {
    pub galat: String,
    pub baris: usize,
    pub kolom: Cell,
    pub triwulan: u8,
}

/// The answer 409 to a [`SimpanSel`] that named rows as they were before a merged file added
/// rows (`bentuk`: the document's rows now); nothing stored. The client reloads.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BarisBerubah {
    pub galat: String,
    pub bentuk: u64,
}

/// What a batch of edits came to. A batch is applied whole or not at all.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum EditOutcome {
    /// Stored: the document's new version and the new version of each cell; `turunan` are
    /// the roll-ups that followed (a parent Rp that equalled the sum of its rows keeps doing so).
    Applied {
        versi: u64,
        sel: Vec<CellVersion>,
        #[serde(default)]
        turunan: Vec<DerivedCell>,
        /// Rows a merged file added (0 for edits).
        #[serde(default)]
        ditambah: usize,
    },
    /// Some cells changed since the client saw them; nothing was stored.
    Conflict(Vec<CellConflict>),
    /// A cell belongs to a submitted quarter that has not been unlocked; nothing was stored.
    Locked {
        baris: usize,
        kolom: Cell,
        triwulan: u8,
    },
    /// The request itself is wrong (a row that does not exist, a value of the wrong type).
    Invalid(String),
    /// Rows were added to the document since the client saw its rows (`bentuk` is the
    /// document's now): positions may name other rows; nothing was stored.
    RowsChanged { bentuk: u64 },
}

/// The kinds of event in a document's log.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// A cell edit.
    Ubah,
    /// A quarter submitted (*Ajukan Triwulan n*).
    Ajukan,
    /// A submitted quarter unlocked (*buka kunci*), with a reason.
    BukaKunci,
    /// The budget change (*perubahan*) started: targets from here on are the perubahan ones.
    PerubahanAnggaran,
    /// A quarter submitted for verification (Draf → Diajukan).
    AjukanVerifikasi,
    /// The Kepala approved a quarter (Diajukan → Disetujui).
    Setujui,
    /// The Kepala returned a quarter with notes (Diajukan → Draf).
    Kembalikan,
    /// A verifier's note on a row (`alasan` is the text; empty removes it).
    Catatan,
    /// A program/kegiatan row assigned to a bidang (`alasan` is the bidang; empty: none).
    AturBidang,
    /// The document now reports a later quarter (`triwulan`), taken from a merged file
    /// (`sumber`) whose values were accepted.
    TriwulanLaporan,
    /// Rows a merged file (`sumber`) brought were added to the document (`alasan` says how
    /// many); their values are the `ubah` events that follow.
    TambahBaris,
}

impl EventKind {
    pub fn key(self) -> &'static str {
        match self {
            EventKind::Ubah => "ubah",
            EventKind::Ajukan => "ajukan",
            EventKind::BukaKunci => "buka_kunci",
            EventKind::PerubahanAnggaran => "perubahan_anggaran",
            EventKind::AjukanVerifikasi => "ajukan_verifikasi",
            EventKind::Setujui => "setujui",
            EventKind::Kembalikan => "kembalikan",
            EventKind::Catatan => "catatan",
            EventKind::AturBidang => "atur_bidang",
            EventKind::TriwulanLaporan => "triwulan_laporan",
            EventKind::TambahBaris => "tambah_baris",
        }
    }

    pub fn from_key(key: &str) -> Option<EventKind> {
        [
            EventKind::Ubah,
            EventKind::Ajukan,
            EventKind::BukaKunci,
            EventKind::PerubahanAnggaran,
            EventKind::AjukanVerifikasi,
            EventKind::Setujui,
            EventKind::Kembalikan,
            EventKind::Catatan,
            EventKind::AturBidang,
            EventKind::TriwulanLaporan,
            EventKind::TambahBaris,
        ]
        .into_iter()
        .find(|k| k.key() == key)
    }
}

/// One event of a document's log: who did what, when.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub seq: u64,
    pub jenis: EventKind,
    /// RFC 3339 (UTC).
    pub waktu: String,
    pub oleh: String,
    pub baris: Option<usize>,
    pub kolom: Option<Cell>,
    pub lama: Option<CellValue>,
    pub baru: Option<CellValue>,
    pub triwulan: Option<u8>,
    pub alasan: Option<String>,
    /// The submission an `ajukan` event made.
    pub pengajuan: Option<String>,
    /// The file an edit's value came from (accepted when merging an upload); None: typed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sumber: Option<String>,
}

/// Which events an activity list shows.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventFilter {
    pub baris: Option<usize>,
    pub oleh: Option<String>,
    /// At most this many, newest first (the store caps it).
    pub batas: Option<usize>,
}

/// A file produced for a submission, without its bytes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubmissionFile {
    /// `formulir` (the official E.81) or `template` (the agency's own workbook, filled).
    pub jenis: String,
    pub nama: String,
    /// Hex SHA-256 of the bytes.
    pub sha256: String,
    pub ukuran: u64,
}

/// A quarter's submission: a frozen point of the document's log and the files made from it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Submission {
    pub id: String,
    pub document_id: String,
    pub triwulan: u8,
    /// 1 for the first submission of this quarter, 2 after one unlock and resubmission, …
    pub revisi: u32,
    /// The document as of this version is what was submitted.
    pub versi: u64,
    pub waktu: String,
    pub oleh: String,
    /// Hex SHA-256 of the frozen document (its canonical JSON).
    pub sha_dokumen: String,
    pub berkas: Vec<SubmissionFile>,
}

/// A submission's files: `(info, bytes)` per file.
pub type SubmissionFiles = Vec<(SubmissionFile, Vec<u8>)>;

/// A submission ready to store: the point it freezes and the files made from it.
#[derive(Clone, Debug, PartialEq)]
pub struct NewSubmission {
    pub triwulan: u8,
    pub oleh: String,
    /// The document version the files were made from; the store refuses if it moved on.
    pub versi: u64,
    /// The quarter must have been approved first (a team on a LAN; not a single PC).
    pub perlu_disetujui: bool,
    pub sha_dokumen: String,
    pub berkas: SubmissionFiles,
}

/// What submitting a quarter came to.
#[derive(Clone, Debug, PartialEq)]
pub enum SubmitOutcome {
    Submitted(Submission),
    /// The quarter is already submitted and locked.
    AlreadyLocked,
    /// The document changed while the files were being made: try again.
    Stale,
    /// The quarter is not approved (its stage is given).
    NotApproved(Tahap),
}

/// A team member's account, without the password hash.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Akun {
    /// The login name (lower case; the record key).
    pub login: String,
    pub nama: String,
    pub peran: Peran,
    /// An operator's bidang.
    pub bidang: Option<String>,
    pub aktif: bool,
    /// RFC 3339 (UTC).
    pub dibuat: String,
}

/// A new account (or a new password) as the store keeps it: the argon2 hash, never the password.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AkunBaru {
    pub login: String,
    pub nama: String,
    pub peran: Peran,
    pub bidang: Option<String>,
    pub hash: String,
}

/// What changes in an account; `None` leaves a field as it is.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UbahAkun {
    pub nama: Option<String>,
    pub peran: Option<Peran>,
    /// `Some(None)` clears the bidang.
    pub bidang: Option<Option<String>>,
    pub aktif: Option<bool>,
    pub hash: Option<String>,
}

/// The accounts page's data.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AkunView {
    pub akun: Vec<Akun>,
    /// The bidang named in operators' accounts, sorted.
    pub bidang: Vec<String>,
}

/// The bidang page's data: the document's program and kegiatan rows with their bidang.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BidangView {
    pub dokumen: DocumentSummary,
    /// (row, level, kode, name, bidang assigned to the row itself).
    pub baris: Vec<(
        usize,
        capaian_domain::model::Level,
        String,
        String,
        Option<String>,
    )>,
    /// Bidang to choose from (operators' bidang).
    pub bidang: Vec<String>,
    /// The person looking may change the assignment.
    #[serde(default)]
    pub boleh_ubah: bool,
    /// A single PC without accounts: the form asks for the name to log.
    #[serde(default)]
    pub minta_nama: bool,
}

impl SubmitOutcome {
    /// Why a quarter in stage `tahap` cannot be made final, if it cannot: it is final already,
    /// or (`perlu_disetujui`, a team on a LAN) the Kepala has not approved it.
    pub fn refusal(tahap: Tahap, perlu_disetujui: bool) -> Option<SubmitOutcome> {
        match tahap {
            Tahap::Final => Some(SubmitOutcome::AlreadyLocked),
            Tahap::Disetujui => None,
            other if perlu_disetujui => Some(SubmitOutcome::NotApproved(other)),
            _ => None,
        }
    }
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
    /// Who is looking (what the page offers; the server checks again).
    #[serde(default = "Pelaku::lokal")]
    pub pelaku: Pelaku,
    /// The column mappings the workspace remembers, by layout.
    #[serde(default)]
    pub pemetaan: Vec<RingkasanPemetaan>,
    /// The computation settings' section of the page, rendered by the server
    /// (`pages::workspace::calc_settings_html`).
    #[serde(default)]
    pub pengaturan_html: String,
}

/// Who is using Capaian and how it runs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sesi {
    pub pelaku: Pelaku,
    /// On a LAN with accounts (else a single PC without login).
    pub lan: bool,
}

/// One page of a document, with everything the import report shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DocumentView {
    pub summary: DocumentSummary,
    /// The document's submissions, oldest first.
    pub pengajuan: Vec<Submission>,
    /// Verifiers' notes on rows, with each row's label.
    #[serde(default)]
    pub catatan: Vec<(Catatan, String)>,
    /// Who is looking (which workflow buttons the page offers; the server checks again).
    #[serde(default = "Pelaku::lokal")]
    pub pelaku: Pelaku,
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

/// A point of a document's history: the import, a version, a submission, or now.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Point {
    Awal,
    Versi(u64),
    Pengajuan(String),
    Sekarang,
}

impl Point {
    /// `awal`, `sekarang`, `versi-17`, or a submission id.
    pub fn parse(text: &str) -> Point {
        match text.trim() {
            "" | "sekarang" => Point::Sekarang,
            "awal" => Point::Awal,
            t => match t.strip_prefix("versi-").and_then(|n| n.parse().ok()) {
                Some(n) => Point::Versi(n),
                None => Point::Pengajuan(t.to_string()),
            },
        }
    }

    pub fn key(&self) -> String {
        match self {
            Point::Awal => "awal".into(),
            Point::Sekarang => "sekarang".into(),
            Point::Versi(n) => format!("versi-{n}"),
            Point::Pengajuan(id) => id.clone(),
        }
    }
}

/// A point resolved to a version, with how to name it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResolvedPoint {
    pub titik: String,
    pub versi: u64,
    /// In Indonesian: "Pengajuan Triwulan II (revisi 1, 12 Juli 2026)", "Saat ini", …
    pub label: String,
}

/// A changed cell with the row it belongs to, for people.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChangeRow {
    pub kode: Option<String>,
    pub nama: String,
    pub indikator: String,
    pub perubahan: capaian_domain::history::CellChange,
}

/// The cells that differ between two points of a document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DiffView {
    pub dokumen: DocumentSummary,
    pub dari: ResolvedPoint,
    pub ke: ResolvedPoint,
    pub perubahan: Vec<ChangeRow>,
    /// The document's submissions, to choose points from.
    pub pengajuan: Vec<Submission>,
}

/// A page without interaction the server renders whole: its title and its HTML (the bundle
/// only places it; see `pages::history`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HalamanServer {
    pub judul: String,
    pub html: String,
}

/// Targets before and after the budget change, side by side.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BudgetView {
    pub dokumen: DocumentSummary,
    /// The version at which the change started; `None`: there is no change yet.
    pub versi_perubahan: Option<u64>,
    /// One entry per row with its labels.
    pub baris: Vec<(
        Option<String>,
        String,
        String,
        capaian_domain::history::TargetComparison,
    )>,
}

/// A document's activity: its events, filtered, and everyone who appears in its log.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActivityView {
    pub dokumen: DocumentSummary,
    pub peristiwa: Vec<(Event, Option<String>)>,
    pub orang: Vec<String>,
    pub filter: EventFilter,
}

/// A role a column can be given on the mapping page. `token` is what the form sends back
/// (the server's own encoding of the role); `uang`: a money role, which has a scale.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PilihanPeran {
    pub token: String,
    pub label: String,
    pub uang: bool,
}

/// How sure Capaian is of a column's role, or that the person set it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Keyakinan {
    Tinggi,
    Sedang,
    Rendah,
    /// The person set the role (on the mapping page, or in the mapping remembered).
    Dipilih,
}

impl Keyakinan {
    /// Its stable name (`tinggi`, …), as the page's CSS classes carry it.
    pub fn key(self) -> &'static str {
        match self {
            Keyakinan::Tinggi => "tinggi",
            Keyakinan::Sedang => "sedang",
            Keyakinan::Rendah => "rendah",
            Keyakinan::Dipilih => "dipilih",
        }
    }

    /// What the page says of it.
    pub fn label(self) -> &'static str {
        match self {
            Keyakinan::Tinggi => "yakin",
            Keyakinan::Sedang => "cukup yakin",
            Keyakinan::Rendah => "ragu: periksa",
            Keyakinan::Dipilih => "dipilih",
        }
    }
}

/// One column of a sheet as Capaian understood it (or as the person set it).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KolomPemetaan {
    /// 1-based column.
    pub col: u32,
    pub letter: String,
    /// The header's texts over the column, top to bottom, joined with " / ".
    pub header: String,
    /// The role's token (one of the page's [`PilihanPeran`]).
    pub peran: String,
    pub label: String,
    /// Rupiah per unit written: `1`, `1000` (`Rp. (000)`, ribuan) or `1000000` (jutaan).
    pub skala: String,
    pub keyakinan: Keyakinan,
    /// Why the role was chosen, one reason per entry.
    pub bukti: Vec<String>,
    /// Non-empty data cells, and how many of them are numbers.
    pub terisi: u32,
    pub angka: u32,
}

/// One of the first rows of the data area, as the sheet shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BarisPratinjau {
    /// 1-based sheet row.
    pub baris_sheet: u32,
    /// The cells' text, one per [`KolomPemetaan`] of the page, in the same order.
    pub sel: Vec<String>,
    /// The level read (`program`, `kegiatan`, `sub_kegiatan`, `indikator`); `None`: the row
    /// was read past or ends the data.
    pub tingkat: Option<String>,
    /// What the row became, said in Indonesian ("Program", "dilewati", "akhir data").
    pub dibaca: String,
    /// The person set this row's level.
    pub dipilih: bool,
}

/// The mapping page of an upload that waits for the person's confirmation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PemetaanView {
    /// The waiting upload.
    pub id: String,
    pub workspace: Workspace,
    pub nama_berkas: String,
    pub form: String,
    pub sheet: String,
    /// The layout's signature (what a confirmed mapping is remembered by).
    pub tanda: String,
    /// The version of the mapping the workspace remembers for this layout (0: none yet).
    pub versi_tersimpan: u64,
    pub kolom: Vec<KolomPemetaan>,
    pub pilihan: Vec<PilihanPeran>,
    pub baris: Vec<BarisPratinjau>,
    /// What was read, one line each ("12 program, 40 kegiatan …", "Pagu Rp …").
    pub ringkasan: Vec<String>,
    /// Questions to look at; confirming the mapping answers them.
    pub keputusan: Vec<String>,
    /// What stops the import until a column or row is changed (nothing would be read).
    pub penghalang: Vec<String>,
    /// The problems, one line per cause, with severity (`galat`, `peringatan`, `info`).
    pub masalah: Vec<(String, String)>,
    /// Rows whose level the person set: (sheet row, level token).
    pub tingkat_dipilih: Vec<(u32, String)>,
    /// Codes from the national nomenclature to confirm for rows whose name is only close to
    /// one (or carried by several nodes), or whose stated code it does not have or replaced.
    #[serde(default)]
    pub saran_kode: Vec<SaranKode>,
    /// The nomenclature's standard indikator and satuan for sub kegiatan without them.
    #[serde(default)]
    pub saran_indikator: Vec<String>,
    /// Codes the person chose: (sheet row, code).
    #[serde(default)]
    pub kode_dipilih: Vec<(u32, String)>,
}

/// A row's code to confirm from the nomenclature.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SaranKode {
    pub baris_sheet: u32,
    /// "Sub kegiatan 'Penyediaan Gaji …' (baris 12)".
    pub label: String,
    /// (code, "code — name (score %)"), best first.
    pub pilihan: Vec<(String, String)>,
}

/// A column mapping the workspace remembers for a layout, confirmed by a person.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PemetaanTersimpan {
    pub id: String,
    pub workspace_id: String,
    pub tanda: String,
    pub form: String,
    pub sheet: String,
    /// The file it was first confirmed on.
    pub nama_berkas: String,
    pub kolom: Vec<KolomPemetaan>,
    pub pilihan: Vec<PilihanPeran>,
    pub oleh: String,
    /// RFC 3339.
    pub waktu: String,
    /// Starts at 1; every change adds one (a change names the version it saw).
    pub versi: u64,
}

/// An upload waiting on its mapping page, as stored.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UnggahanTertunda {
    pub id: String,
    pub workspace_id: String,
    pub nama_berkas: String,
    pub tampilan: PemetaanView,
    /// The document the upload merges into (its merge page follows the mapping), or None: it
    /// becomes a new document.
    pub tujuan: Option<String>,
}

/// The mapping page's data.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PemetaanPage {
    pub tampilan: PemetaanView,
    /// A team on a LAN (the name comes from the login, not from a field).
    pub lan: bool,
}

/// A remembered mapping as the workspace page lists it (its page has the columns).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RingkasanPemetaan {
    pub id: String,
    pub sheet: String,
    pub nama_berkas: String,
    pub oleh: String,
    pub waktu: String,
    pub versi: u64,
    /// Columns read, and how many of them the person set.
    pub kolom: usize,
}

impl From<&PemetaanTersimpan> for RingkasanPemetaan {
    fn from(m: &PemetaanTersimpan) -> Self {
        RingkasanPemetaan {
            id: m.id.clone(),
            sheet: m.sheet.clone(),
            nama_berkas: m.nama_berkas.clone(),
            oleh: m.oleh.clone(),
            waktu: m.waktu.clone(),
            versi: m.versi,
            kolom: m.kolom.len(),
        }
    }
}
