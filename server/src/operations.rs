//! What the server does with workbooks and the store together, for both the pages' plain
//! routes and the JSON API: import an upload (carrying last year's realisation into column
//! 6), and submit a quarter (freeze the document, make its files, store them with SHA-256).

use app::akses::{tidak_berlaku, Aksi, Langkah, Pelaku, Penugasan};
use app::ssr::{AppContext, StoreError, Template};
use app::types::{
    DocumentSummary, NewDocument, NewSubmission, Submission, SubmissionFile, SubmissionFiles,
    SubmitOutcome, Workspace,
};
use capaian_domain::model::{Document, Problem, Severity};
use sha2::{Digest, Sha256};

use crate::workbook;

/// Why an operation was refused or failed, in Indonesian.
#[derive(Debug, thiserror::Error)]
pub enum OperationError {
    #[error("{0} tidak ditemukan.")]
    NotFound(&'static str),
    #[error("{0}")]
    Invalid(String),
    #[error("{0}")]
    Read(#[from] capaian_xlsx::ReadError),
    /// The workbook needs the person's decision on its mapping page before it can be stored.
    #[error("Workbook ini perlu dipetakan dulu di halaman pemetaan kolom: {0}")]
    NeedsMapping(String),
    /// Someone changed the remembered mapping since the person looked at it.
    #[error("Pemetaan tata letak ini baru saja diubah orang lain (kini versi {0}). Periksa lagi pilihan kolomnya, lalu konfirmasi.")]
    MappingChanged(u64),
    #[error("Triwulan {0} sudah diajukan dan terkunci. Buka kunci dulu (dengan alasan) untuk mengajukan ulang.")]
    AlreadySubmitted(String),
    #[error("Dokumen terus diubah selama pengajuan dibuat; coba ajukan lagi.")]
    Busy,
    /// The document's state does not allow it (a quarter not locked, a change already begun).
    #[error("{0}")]
    NotApplicable(String),
    #[error("Berkas pengajuan tidak dapat dibuat: {0}")]
    Files(String),
    /// The account's role or bidang does not allow it.
    #[error("{0}")]
    Forbidden(String),
    #[error("{0}")]
    Store(#[from] StoreError),
}

/// Hex SHA-256.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

fn hex(digest: &[u8]) -> String {
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// The SHA-256 of a document as frozen: of its canonical JSON, hashed as it is written.
pub fn document_sha(doc: &Document) -> Result<String, OperationError> {
    struct Hashing(Sha256);
    impl std::io::Write for Hashing {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.update(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut out = std::io::BufWriter::with_capacity(1 << 16, Hashing(Sha256::new()));
    serde_json::to_writer(&mut out, doc).map_err(|e| OperationError::Files(e.to_string()))?;
    let hashing = out
        .into_inner()
        .map_err(|e| OperationError::Files(e.to_string()))?;
    Ok(hex(&hashing.0.finalize()))
}

/// What importing a workbook came to.
#[derive(Debug)]
pub struct ImportOutcome {
    pub summary: DocumentSummary,
    /// Located at sheet cells; includes what carrying column 6 over found.
    pub problems: Vec<Problem>,
}

/// Reads an uploaded workbook, fills column 6 from last year's final submission when there
/// is one, and stores it as a new document of `workspace`: for scripts and the command line,
/// which have no mapping page (a workbook that needs a decision is refused with the reasons).
pub async fn import_workbook(
    app: &AppContext,
    workspace: &Workspace,
    nama_berkas: String,
    bytes: Vec<u8>,
) -> Result<ImportOutcome, OperationError> {
    match receive_upload(app, workspace, nama_berkas, bytes, false, None).await? {
        Upload::Imported(outcome) => Ok(*outcome),
        Upload::NeedsMapping { decisions, .. } => {
            Err(OperationError::NeedsMapping(decisions.join(" ")))
        }
        // Without a document to merge into there is no merge page.
        Upload::NeedsMerge { .. } => Err(OperationError::NotApplicable(
            "Unggahan ini menunggu penggabungan.".into(),
        )),
    }
}

/// What an upload came to.
#[derive(Debug)]
pub enum Upload {
    /// Stored as a new document.
    Imported(Box<ImportOutcome>),
    /// Waiting on its mapping page (nothing stored but the waiting upload).
    NeedsMapping {
        pending_id: String,
        /// What needs a decision, in Indonesian.
        decisions: Vec<String>,
    },
    /// Read and waiting on its merge page: the values that differ from the document it merges
    /// into, for the person to accept (nothing stored but the waiting upload).
    NeedsMerge { pending_id: String },
}

/// Reads an upload for review. A layout the workspace remembers is read with the mapping the
/// person confirmed and, when nothing is left to decide, imported as a new document or, when
/// it merges into the document `tujuan`, kept for its merge page; a new layout
/// (`ask_new_layout`, the pages) or anything to decide waits on the mapping page first.
pub async fn receive_upload(
    app: &AppContext,
    workspace: &Workspace,
    nama_berkas: String,
    bytes: Vec<u8>,
    ask_new_layout: bool,
    tujuan: Option<&str>,
) -> Result<Upload, OperationError> {
    let mut target = None;
    if let Some(t) = tujuan {
        match app.store.document_summary(t).await? {
            Some(d) if d.workspace_id == workspace.id => target = Some(d),
            _ => return Err(OperationError::NotFound("Dokumen tujuan")),
        }
    }
    let base = crate::pemetaan::base_options(workspace);
    let options = base.clone();
    let tahun = workspace.tahun;
    let (first, bytes) = tokio::task::spawn_blocking(move || {
        workbook::review_any(&bytes, &options, Some(tahun)).map(|read| (read, bytes))
    })
    .await
    .map_err(|e| OperationError::Files(e.to_string()))??;
    let reading = match first {
        workbook::Review::Form(reading) => *reading,
        workbook::Review::Lain(lain) => {
            return receive_other(app, workspace, nama_berkas, bytes, &lain, target).await
        }
    };
    let remembered = remembered_options(app, workspace, &reading.mapping.signature, &base).await?;
    let known_layout = remembered.is_some();
    let (options, versi) = remembered.unwrap_or((base, 0));
    let (reading, bytes) = if known_layout {
        review(bytes, options.clone()).await?
    } else {
        (reading, bytes)
    };
    let settled = !reading.needs_decision() && (known_layout || !ask_new_layout);
    if settled && tujuan.is_none() {
        let outcome = store_import(app, workspace, nama_berkas, bytes, reading.import).await?;
        return Ok(Upload::Imported(Box::new(outcome)));
    }
    let view = crate::pemetaan::view_of(&reading, workspace, &nama_berkas, versi, &options);
    if settled {
        let pending_id = app
            .store
            .save_pending(&workspace.id, &nama_berkas, bytes, &view, tujuan)
            .await?;
        app.store
            .set_pending_reading(&pending_id, &reading.import.document)
            .await?;
        return Ok(Upload::NeedsMerge { pending_id });
    }
    let decisions: Vec<String> = view
        .penghalang
        .iter()
        .chain(&view.keputusan)
        .cloned()
        .collect();
    let pending_id = app
        .store
        .save_pending(&workspace.id, &nama_berkas, bytes, &view, tujuan)
        .await?;
    Ok(Upload::NeedsMapping {
        pending_id,
        decisions,
    })
}

/// Another form's file uploaded (a SIPD export, a Renja): into an E.81 document it waits on the
/// merge page as the document's rows, its values beside the document's; a SIPD export never
/// becomes a document of its own, a Renja without a document waits on its page, which offers to
/// make the year's E.81 of it ([`wait_for_renja_page`]). A SIPD export ([`berkas_anggaran`]) brings its pagu and realisasi:
/// the quarter its realisasi so far reaches is the one its title's period ends with, else the
/// document's reporting quarter (the merge page says which, and lets the person choose
/// another). A Renja ([`berkas_renja`]) brings its targets and pagu (column 7), and its sub
/// kegiatan with their indicators.
async fn receive_other(
    app: &AppContext,
    workspace: &Workspace,
    nama_berkas: String,
    bytes: Vec<u8>,
    lain: &workbook::Lain,
    target: Option<DocumentSummary>,
) -> Result<Upload, OperationError> {
    use capaian_domain::gabung::{berkas_anggaran, berkas_pk, berkas_renja, FORMULIR_ANGGARAN};
    use capaian_domain::pk::FORMULIR_PK;
    use capaian_domain::renja::FORMULIR_RENJA;
    let (jenis, nilai) = match lain {
        workbook::Lain::Sipd(sipd) => (
            format!("ekspor SIPD ({})", sipd.layout.nama()),
            "pagu dan realisasinya",
        ),
        workbook::Lain::Renja(_) => (
            "Renja (rencana program dan kegiatan)".to_string(),
            "target dan pagunya",
        ),
        workbook::Lain::Pk(_) => ("Perjanjian Kinerja".to_string(), "anggarannya"),
        workbook::Lain::Kinerja(_) => (
            "tabel tujuan, sasaran dan IKU Renstra".to_string(),
            "sasaran, IKU dan targetnya",
        ),
        workbook::Lain::Lkjip(_) | workbook::Lain::Tc29(_) => {
            return Err(report_not_merged(&nama_berkas, lain))
        }
    };
    let Some(target) = target else {
        if let workbook::Lain::Renja(renja) = lain {
            // A Renja without a document: its page offers to make the year's E.81 of it.
            return wait_for_renja_page(app, workspace, nama_berkas, bytes, renja).await;
        }
        return Err(OperationError::Invalid(format!(
            "{nama_berkas} adalah {jenis}, bukan formulir E.81: berkas ini tidak menjadi dokumen \
             sendiri. Buka dokumen E.81 ruang kerja ini, lalu unggah berkas ini di \
             \u{201c}Gabungkan berkas\u{201d}: {nilai} dibandingkan dengan dokumen itu sebelum \
             ada yang disimpan."
        )));
    };
    let (rows, form, ringkasan, problems) = match lain {
        workbook::Lain::Sipd(sipd) => (
            berkas_anggaran(&sipd.anggaran, sipd.triwulan(target.triwulan)),
            FORMULIR_ANGGARAN,
            workbook::budget_summary(sipd),
            &sipd.problems,
        ),
        workbook::Lain::Renja(renja) => (
            berkas_renja(&renja.renja),
            FORMULIR_RENJA,
            workbook::renja_summary(renja),
            &renja.problems,
        ),
        workbook::Lain::Pk(pk) => (
            berkas_pk(&pk.pk),
            FORMULIR_PK,
            workbook::pk_summary(pk),
            &pk.problems,
        ),
        workbook::Lain::Lkjip(_) | workbook::Lain::Tc29(_) => {
            return Err(report_not_merged(&nama_berkas, lain))
        }
        workbook::Lain::Kinerja(k) => (
            k.document.clone(),
            capaian_xlsx::FORMULIR_KINERJA,
            workbook::kinerja_summary(k, workspace.tahun),
            &k.problems,
        ),
    };
    if rows.rows.is_empty() {
        return Err(OperationError::Invalid(format!(
            "{nama_berkas} ({jenis}) tidak memuat program, kegiatan, sub kegiatan atau sasaran: \
             tidak ada yang dapat digabung ke dokumen."
        )));
    }
    let view = other_form_view(
        workspace,
        &nama_berkas,
        form,
        &rows.sheet,
        ringkasan,
        problems,
    );
    let pending_id = app
        .store
        .save_pending(&workspace.id, &nama_berkas, bytes, &view, Some(&target.id))
        .await?;
    app.store.set_pending_reading(&pending_id, &rows).await?;
    Ok(Upload::NeedsMerge { pending_id })
}

/// The E.81 documents the T-C.29 of next year's Renja is made of: this year's (targets,
/// column 9), the year before's (n-2 of that Renja) and the year before that's.
pub type Tc29Of = (
    Option<capaian_domain::model::Document>,
    Option<capaian_domain::model::Document>,
    Option<capaian_domain::model::Document>,
);

pub async fn tc29_of(app: &AppContext, ws: &app::types::Workspace) -> Result<Tc29Of, StoreError> {
    let store = app.store.as_ref();
    let n1 = app::ssr::newest_document(store, ws).await?;
    let n2 = app::ssr::document_of_year(store, ws, ws.tahun - 1).await?;
    let n3 = app::ssr::document_of_year(store, ws, ws.tahun - 2).await?;
    Ok((n1.map(|(_, d)| d), n2.map(|(_, d)| d), n3.map(|(_, d)| d)))
}

/// The T-C.29 of next year's Renja the workspace's plan makes ([`workbook::Tc29Data`] of
/// [`tc29_of`]'s documents), or why there is none yet ([`tc29_missing`]).
pub async fn tc29_rencana(
    app: &AppContext,
    ws: &Workspace,
) -> Result<Result<workbook::Tc29Data, String>, OperationError> {
    let (n1, n2, n3) = tc29_of(app, ws).await?;
    let Some(n2) = n2 else {
        return Ok(Err(tc29_missing(ws)));
    };
    let ws = ws.clone();
    tokio::task::spawn_blocking(move || {
        Ok(workbook::Tc29Data::of(
            &workbook::TahunTc29 {
                tahun: ws.tahun + 1,
                n3: n3.as_ref(),
                n2: &n2,
                n1: n1.as_ref(),
            },
            &ws,
        ))
    })
    .await
    .map_err(|e| OperationError::Files(e.to_string()))
}

/// Why there is no T-C.29 yet: the year before has no E.81.
pub fn tc29_missing(ws: &app::types::Workspace) -> String {
    format!(
        "T-C.29 Renja {} disusun dari realisasi tahun {}: belum ada Formulir E.81 tahun itu. Buat ruang kerja {} tahun {} dan impor Formulir E.81 finalnya.",
        ws.tahun + 1,
        ws.tahun - 1,
        ws.nama_pd,
        ws.tahun - 1
    )
}

/// Why a report made from the plan (an LKjIP's tables, a T-C.29) is not merged, and where to
/// check it instead.
fn report_not_merged(nama_berkas: &str, lain: &workbook::Lain) -> OperationError {
    let (jenis, diperiksa) = match lain {
        workbook::Lain::Tc29(_) => (workbook::NAMA_TC29, "terhadap rumusnya sendiri"),
        workbook::Lain::Lkjip(_) => (
            workbook::NAMA_LKJIP,
            "terhadap rumusnya sendiri, antar tabelnya dan terhadap rencana",
        ),
        _ => ("laporan", "terhadap rencana"),
    };
    OperationError::Invalid(format!(
        "{nama_berkas} adalah {jenis}: laporan yang disusun dari rencana, bukan sumber rencana, \
         jadi tidak digabung ke dokumen. Untuk memeriksa angkanya ({diperiksa}), simpan berkas \
         ini sebagai berkas pembanding di halaman Rekonsiliasi ruang kerja ini."
    ))
}

/// What the page of another form's file shows (kept with the waiting upload): what was read,
/// a line each, and the reading's problems.
fn other_form_view(
    workspace: &Workspace,
    nama_berkas: &str,
    form: &str,
    sheet: &str,
    ringkasan: Vec<String>,
    problems: &[capaian_domain::model::Problem],
) -> app::types::PemetaanView {
    let masalah = problems
        .iter()
        .map(|p| {
            (
                app::format::nama_tingkat(p.severity).to_string(),
                workbook::problem_line(p),
            )
        })
        .collect();
    app::types::PemetaanView {
        id: String::new(),
        workspace: workspace.clone(),
        nama_berkas: nama_berkas.to_string(),
        form: form.to_string(),
        sheet: sheet.to_string(),
        tanda: String::new(),
        versi_tersimpan: 0,
        kolom: Vec::new(),
        pilihan: Vec::new(),
        baris: Vec::new(),
        ringkasan,
        keputusan: Vec::new(),
        penghalang: Vec::new(),
        masalah,
        tingkat_dipilih: Vec::new(),
        saran_kode: Vec::new(),
        saran_indikator: Vec::new(),
        kode_dipilih: Vec::new(),
    }
}

/// A Renja uploaded without a document to merge into waits on its page, which offers to make
/// the workspace's E.81 document of it ([`store_renja_document`]): nothing is stored before the
/// person confirms.
async fn wait_for_renja_page(
    app: &AppContext,
    workspace: &Workspace,
    nama_berkas: String,
    bytes: Vec<u8>,
    renja: &capaian_xlsx::renja::RenjaReading,
) -> Result<Upload, OperationError> {
    let rows = capaian_domain::gabung::berkas_renja(&renja.renja);
    if rows.rows.is_empty() {
        return Err(OperationError::Invalid(format!(
            "{nama_berkas} (Renja) tidak memuat program, kegiatan atau sub kegiatan."
        )));
    }
    let view = other_form_view(
        workspace,
        &nama_berkas,
        capaian_domain::renja::FORMULIR_RENJA,
        &rows.sheet,
        workbook::renja_summary(renja),
        &renja.problems,
    );
    let pending_id = app
        .store
        .save_pending(&workspace.id, &nama_berkas, bytes, &view, None)
        .await?;
    app.store.set_pending_reading(&pending_id, &rows).await?;
    Ok(Upload::NeedsMerge { pending_id })
}

/// The year's E.81 document made of an agency's Renja, confirmed on the Renja's page: one row
/// per program, kegiatan and sub kegiatan with its indicators, the Renja's targets and pagu as
/// column 7 ([`workbook::renja_as_e81`]); stored like any import (column 6 from last year's
/// final report, when there is one). The Renja stays the document's file: *Unduh dalam template
/// asli* gives it back filled with column 7.
pub async fn store_renja_document(
    app: &AppContext,
    workspace: &Workspace,
    nama_berkas: String,
    bytes: Vec<u8>,
) -> Result<ImportOutcome, OperationError> {
    let (import, bytes) = tokio::task::spawn_blocking(move || {
        workbook::renja_as_e81(&bytes).map(|import| (import, bytes))
    })
    .await
    .map_err(|e| OperationError::Files(e.to_string()))??;
    store_import(app, workspace, nama_berkas, bytes, import).await
}

/// How a document's template is read when it is filled: with the columns the person confirmed
/// for its layout (the workspace's remembered mapping of the template's header signature), so
/// the fill writes each value into the column it was read from; the reader's own reading when
/// the workspace remembers none (or the template cannot be read: the fill then says why).
pub async fn template_reading(
    app: &AppContext,
    workspace: &Workspace,
    template: &Template,
) -> Result<capaian_xlsx::ReadOptions, OperationError> {
    let base = capaian_xlsx::ReadOptions::default();
    let bytes = template.isi.clone();
    let signature = tokio::task::spawn_blocking(move || {
        workbook::review_bytes(&bytes, &capaian_xlsx::ReadOptions::default())
            .ok()
            .map(|reading| reading.mapping.signature)
    })
    .await
    .map_err(|e| OperationError::Files(e.to_string()))?;
    let Some(signature) = signature else {
        return Ok(base);
    };
    Ok(remembered_options(app, workspace, &signature, &base)
        .await?
        .map_or(base, |(options, _)| options))
}

/// The reader's options for a layout the workspace remembers: the columns the person
/// confirmed for that header signature, over `base`, and the mapping's version. None when the
/// workspace remembers no mapping of that layout.
async fn remembered_options(
    app: &AppContext,
    workspace: &Workspace,
    signature: &str,
    base: &capaian_xlsx::ReadOptions,
) -> Result<Option<(capaian_xlsx::ReadOptions, u64)>, OperationError> {
    Ok(app
        .store
        .get_mapping(&workspace.id, signature)
        .await?
        .map(|m| {
            (
                crate::pemetaan::options_of(base.clone(), &m.kolom, &[], &[]),
                m.versi,
            )
        }))
}

/// Reads a workbook for review with the person's choices, off the async workers; the bytes
/// come back to be stored.
pub async fn review(
    bytes: Vec<u8>,
    options: capaian_xlsx::ReadOptions,
) -> Result<(capaian_xlsx::Reading, Vec<u8>), OperationError> {
    let (reading, bytes) = tokio::task::spawn_blocking(move || {
        workbook::review_bytes(&bytes, &options).map(|reading| (reading, bytes))
    })
    .await
    .map_err(|e| OperationError::Files(e.to_string()))??;
    Ok((reading, bytes))
}

/// Stores a read workbook as a new document of `workspace`, with column 6 carried over from
/// last year's final submission when there is one.
pub async fn store_import(
    app: &AppContext,
    workspace: &Workspace,
    nama_berkas: String,
    bytes: Vec<u8>,
    import: capaian_xlsx::Import,
) -> Result<ImportOutcome, OperationError> {
    let imported = workbook::Imported::from_import(import, &workspace.pengaturan.e81());
    let mut problems = imported.all_problems();
    let mut document = imported.import.document.clone();
    problems.extend(capaian_domain::workspace::check_file(
        workspace.tahun,
        &workspace.nama_pd,
        document.year,
        document.pd.as_deref(),
        &document.sheet,
    ));
    if let Some((label, last)) = last_year_final(app, workspace).await? {
        let carried = capaian_domain::history::carry_over(&last, &mut document);
        let mut located = imported.import.locate(&carried);
        for p in &mut located {
            p.message = format!("{} ({label})", p.message);
        }
        problems.extend(located);
    }
    let summary = app
        .store
        .save_document(NewDocument {
            workspace_id: workspace.id.clone(),
            nama_berkas,
            berkas: bytes,
            document,
            problems: problems.clone(),
        })
        .await?;
    Ok(ImportOutcome { summary, problems })
}

/// Last year's final document of the same PD: the latest submission of the previous year's
/// workspace, as frozen. With a label saying which submission it is.
async fn last_year_final(
    app: &AppContext,
    workspace: &Workspace,
) -> Result<Option<(String, Document)>, OperationError> {
    let store = app.store.as_ref();
    let Some(last_ws) = app::ssr::workspace_of_year(store, workspace, workspace.tahun - 1).await?
    else {
        return Ok(None);
    };
    let Some(sub) = app::ssr::latest_submission(store, &last_ws.id).await? else {
        return Ok(None);
    };
    let Some(doc) = app::ssr::submitted_document(store, &sub).await? else {
        return Ok(None);
    };
    let label = format!(
        "dari pengajuan Triwulan {} tahun {}{}",
        app::format::romawi(sub.triwulan),
        last_ws.tahun,
        if sub.triwulan == 4 {
            ""
        } else {
            ", belum ada pengajuan Triwulan IV"
        }
    );
    Ok(Some((label, doc)))
}

/// Refuses what the person's role does not allow.
pub fn allow(pelaku: &Pelaku, aksi: Aksi) -> Result<(), OperationError> {
    pelaku.periksa(aksi).map_err(OperationError::Forbidden)
}

/// The name written into the log: the account's on a LAN, the name typed on a single PC.
pub fn name_of(pelaku: &Pelaku, typed: &str) -> Result<String, OperationError> {
    if pelaku.is_lokal() {
        actor(typed)
    } else {
        Ok(pelaku.nama.clone())
    }
}

/// Who did it: a name is required, trimmed, at most 100 characters.
pub fn actor(oleh: &str) -> Result<String, OperationError> {
    let oleh = oleh.trim();
    if oleh.is_empty() {
        return Err(OperationError::Invalid(
            "Isi nama Anda: setiap perubahan dicatat dengan nama pelakunya.".into(),
        ));
    }
    if oleh.chars().count() > 100 {
        return Err(OperationError::Invalid(
            "Nama terlalu panjang (paling banyak 100 huruf).".into(),
        ));
    }
    Ok(oleh.to_string())
}

/// The reason of a logged action (unlock, budget change): at least 5 characters.
pub fn reason(alasan: &str) -> Result<String, OperationError> {
    let alasan = alasan.trim();
    if alasan.chars().count() < 5 {
        return Err(OperationError::Invalid(
            "Tulis alasannya (paling sedikit 5 huruf): alasan dicatat di riwayat dokumen.".into(),
        ));
    }
    Ok(alasan.to_string())
}

/// A quarter number 1..=4.
pub fn quarter(triwulan: u8) -> Result<u8, OperationError> {
    if (1..=4).contains(&triwulan) {
        Ok(triwulan)
    } else {
        Err(OperationError::Invalid(format!(
            "Triwulan {triwulan} tidak ada: pilih 1, 2, 3 atau 4."
        )))
    }
}

/// The files of a submission made from `doc`: the official form, and the agency's own
/// workbook filled when there is one that can be filled (otherwise a warning says why not).
pub fn submission_files(
    doc: &Document,
    ws: &Workspace,
    template: Option<(&Template, &capaian_xlsx::ReadOptions)>,
) -> Result<(SubmissionFiles, Vec<Problem>), OperationError> {
    let q = doc.quarter.map(app::format::romawi).unwrap_or_default();
    let tahun = doc.year.unwrap_or(ws.tahun);
    let formulir = capaian_domain::form::nama(&doc.form);
    let meta = workbook::meta_for(doc, ws, workbook::today());
    let settings = ws.pengaturan.e81();
    let meta_report = meta.clone();
    let official = workbook::official_form(doc, meta, &settings)
        .map_err(|e| OperationError::Files(e.to_string()))?;
    let file = |jenis: &str, nama: String, bytes: Vec<u8>| {
        (
            SubmissionFile {
                jenis: jenis.into(),
                nama,
                sha256: sha256_hex(&bytes),
                ukuran: bytes.len() as u64,
            },
            bytes,
        )
    };
    // The quarter's laporan capaian kinerja dan keuangan, from the same values.
    let laporan = capaian_domain::form::laporan::LAPORAN;
    let report = workbook::form_sheet(doc, laporan.key, meta_report, &settings)
        .map_err(|e| OperationError::Files(e.to_string()))?;
    let mut files = vec![
        file(
            "formulir",
            format!("{formulir} TW {q} {tahun} - {}.xlsx", ws.nama_pd),
            official,
        ),
        file(
            "laporan",
            format!("{} TW {q} {tahun} - {}.xlsx", laporan.nama, ws.nama_pd),
            report,
        ),
    ];
    let mut problems = Vec::new();
    let legacy = template.is_some_and(|(t, _)| {
        workbook::workbook_kind(&t.nama_berkas, &t.isi) == Some(workbook::WorkbookKind::Xls)
    });
    if legacy {
        problems.push(Problem {
            severity: Severity::Info,
            code: "template_xls".into(),
            message: format!(
                "Template asli berformat .xls (Excel 97–2003) dan tidak ditulis ulang: \
                 yang diajukan adalah {formulir} resmi dalam .xlsx."
            ),
            at: Default::default(),
        });
    } else if let Some((template, read)) = template {
        match workbook::filled_template(template, doc, read, &settings) {
            Ok((bytes, fill_problems)) => {
                let stem = workbook::file_stem(&template.nama_berkas);
                files.push(file(
                    "template",
                    format!("{stem} - TW {q} {tahun} (diajukan).xlsx"),
                    bytes,
                ));
                problems.extend(fill_problems);
            }
            Err(e) => problems.push(Problem {
                severity: Severity::Warning,
                code: "template_tidak_diisi".into(),
                message: format!(
                    "Template asli tidak dapat diisi, hanya {formulir} yang diajukan: {e}"
                ),
                at: Default::default(),
            }),
        }
    }
    Ok((files, problems))
}

/// *Buka kunci*: unlocks a submitted quarter, logging who and why. The new version.
pub async fn unlock_quarter(
    app: &AppContext,
    pelaku: &Pelaku,
    document_id: &str,
    triwulan: u8,
    oleh: &str,
    alasan: &str,
) -> Result<u64, OperationError> {
    allow(pelaku, Aksi::BukaKunci)?;
    let q = quarter(triwulan)?;
    let oleh = name_of(pelaku, oleh)?;
    let alasan = reason(alasan)?;
    match app
        .store
        .unlock_quarter(document_id, q, &oleh, &alasan)
        .await?
    {
        None => Err(OperationError::NotFound("Dokumen")),
        Some(None) => Err(OperationError::NotApplicable(format!(
            "Triwulan {} tidak sedang terkunci (berstatus Draf).",
            app::format::romawi(q)
        ))),
        Some(Some(versi)) => Ok(versi),
    }
}

/// Starts the budget change (*perubahan*), logging who and on what basis. The new version.
pub async fn start_budget_change(
    app: &AppContext,
    pelaku: &Pelaku,
    document_id: &str,
    oleh: &str,
    alasan: &str,
) -> Result<u64, OperationError> {
    allow(pelaku, Aksi::MulaiPerubahan)?;
    let oleh = name_of(pelaku, oleh)?;
    let alasan = reason(alasan)?;
    match app
        .store
        .start_budget_change(document_id, &oleh, &alasan)
        .await?
    {
        None => Err(OperationError::NotFound("Dokumen")),
        Some(None) => Err(OperationError::NotApplicable(
            "Perubahan anggaran dokumen ini sudah dimulai.".into(),
        )),
        Some(Some(versi)) => Ok(versi),
    }
}

/// How often a submission is retried when edits keep landing while its files are made.
const SUBMIT_ATTEMPTS: usize = 5;

/// *Final*: freezes the document as it is now, makes its files, stores both with their
/// SHA-256 and locks the quarter, all or nothing. On a LAN the Kepala must have approved the
/// quarter first; on a single PC the officer submits directly.
pub async fn submit_quarter(
    app: &AppContext,
    pelaku: &Pelaku,
    document_id: &str,
    triwulan: u8,
    oleh: &str,
) -> Result<Submission, OperationError> {
    allow(pelaku, Aksi::Finalkan)?;
    let triwulan = quarter(triwulan)?;
    let oleh = name_of(pelaku, oleh)?;
    let perlu_disetujui = !pelaku.is_lokal();
    let store = app.store.as_ref();
    for _ in 0..SUBMIT_ATTEMPTS {
        let (summary, current) = store
            .current_document(document_id)
            .await?
            .ok_or(OperationError::NotFound("Dokumen"))?;
        // Checked here first so no files are made for nothing; the store checks again under
        // the document's lock.
        if let Some(refused) = SubmitOutcome::refusal(summary.tahap(triwulan), perlu_disetujui) {
            return Err(not_final(triwulan, refused));
        }
        let ws = store
            .get_workspace(&summary.workspace_id)
            .await?
            .ok_or(OperationError::NotFound("Ruang kerja"))?;
        let template = store.document_template(document_id).await?;
        let read = match &template {
            Some(t) => template_reading(app, &ws, t).await?,
            None => capaian_xlsx::ReadOptions::default(),
        };
        let versi = summary.versi;
        let mut doc = (*current).clone();
        doc.quarter = Some(triwulan);
        let sha_dokumen = document_sha(&doc)?;
        let (berkas, _) = tokio::task::spawn_blocking(move || {
            submission_files(&doc, &ws, template.as_ref().map(|t| (t, &read)))
        })
        .await
        .map_err(|e| OperationError::Files(e.to_string()))??;
        let outcome = store
            .save_submission(
                document_id,
                NewSubmission {
                    triwulan,
                    oleh: oleh.clone(),
                    versi,
                    perlu_disetujui,
                    sha_dokumen,
                    berkas,
                },
            )
            .await;
        match outcome {
            Ok(Some(SubmitOutcome::Submitted(s))) => return Ok(s),
            Ok(Some(refused @ (SubmitOutcome::AlreadyLocked | SubmitOutcome::NotApproved(_)))) => {
                return Err(not_final(triwulan, refused))
            }
            Ok(Some(SubmitOutcome::Stale)) | Err(StoreError::Stale) => continue,
            Ok(None) => return Err(OperationError::NotFound("Dokumen")),
            Err(e) => return Err(e.into()),
        }
    }
    Err(OperationError::Busy)
}

/// Why a quarter could not be made final, from the store's refusal.
fn not_final(triwulan: u8, refused: SubmitOutcome) -> OperationError {
    match refused {
        SubmitOutcome::NotApproved(tahap) => OperationError::NotApplicable(format!(
            "Triwulan {} berstatus {}: hanya triwulan yang sudah disetujui Kepala PD yang dapat difinalkan.",
            app::format::romawi(triwulan),
            tahap.label()
        )),
        _ => OperationError::AlreadySubmitted(app::format::romawi(triwulan)),
    }
}

/// A workflow step of a quarter (*Ajukan*, *Setujui*, *Kembalikan*), logged. Returning needs
/// a reason; the other steps may carry a note. The new version.
pub async fn workflow_step(
    app: &AppContext,
    pelaku: &Pelaku,
    document_id: &str,
    langkah: Langkah,
    triwulan: u8,
    oleh: &str,
    alasan: &str,
) -> Result<u64, OperationError> {
    allow(pelaku, langkah.aksi())?;
    let q = quarter(triwulan)?;
    let oleh = name_of(pelaku, oleh)?;
    let alasan = match langkah {
        Langkah::Kembalikan => reason(alasan)?,
        _ => alasan.trim().chars().take(2000).collect(),
    };
    match app
        .store
        .workflow_step(document_id, langkah, q, &oleh, &alasan)
        .await?
    {
        None => Err(OperationError::NotFound("Dokumen")),
        Some(Err(now)) => Err(OperationError::NotApplicable(tidak_berlaku(
            langkah, q, now,
        ))),
        Some(Ok(versi)) => Ok(versi),
    }
}

/// A verifier's note on a row of a quarter under verification (empty: remove it).
pub async fn set_note(
    app: &AppContext,
    pelaku: &Pelaku,
    document_id: &str,
    letak: NoteAt,
    oleh: &str,
    teks: &str,
) -> Result<u64, OperationError> {
    let NoteAt {
        triwulan,
        baris,
        bentuk,
    } = letak;
    allow(pelaku, Aksi::Catatan)?;
    let q = quarter(triwulan)?;
    let oleh = name_of(pelaku, oleh)?;
    let teks = teks.trim();
    if teks.chars().count() > 2000 {
        return Err(OperationError::Invalid(
            "Catatan terlalu panjang (paling banyak 2000 huruf).".into(),
        ));
    }
    let rows = app
        .store
        .imported_document(document_id)
        .await?
        .ok_or(OperationError::NotFound("Dokumen"))?
        .rows
        .len();
    if baris >= rows {
        return Err(OperationError::Invalid(format!(
            "Baris {baris} tidak ada: dokumen ini punya {rows} baris."
        )));
    }
    match app
        .store
        // Positions name rows as the caller read them (0: the import's rows).
        .set_note(document_id, q, baris, teks, &oleh, Some(bentuk))
        .await?
    {
        None => Err(OperationError::NotFound("Dokumen")),
        Some(Err(now)) => Err(OperationError::NotApplicable(format!(
            "Catatan verifikasi hanya untuk triwulan berstatus Diajukan; Triwulan {} berstatus {}.",
            app::format::romawi(q),
            now.label()
        ))),
        Some(Ok(versi)) => Ok(versi),
    }
}

/// Where a verifier's note goes: a quarter and a row, by its position in the rows the caller
/// saw (`bentuk`: `DocumentSummary::bentuk`; 0: the import's rows).
#[derive(Clone, Copy, Debug)]
pub struct NoteAt {
    pub triwulan: u8,
    pub baris: usize,
    pub bentuk: u64,
}

/// Assigns program/kegiatan rows to bidang (`None`: to nobody), each change logged.
pub async fn set_owners(
    app: &AppContext,
    pelaku: &Pelaku,
    document_id: &str,
    oleh: &str,
    changes: Vec<(usize, Option<String>)>,
    bentuk: u64,
) -> Result<u64, OperationError> {
    allow(pelaku, Aksi::AturBidang)?;
    let oleh = name_of(pelaku, oleh)?;
    let doc = app
        .store
        .imported_document(document_id)
        .await?
        .ok_or(OperationError::NotFound("Dokumen"))?;
    let mut clean = Vec::with_capacity(changes.len());
    for (baris, bidang) in changes {
        let Some(row) = doc.rows.get(baris) else {
            return Err(OperationError::Invalid(format!(
                "Baris {baris} tidak ada: dokumen ini punya {} baris.",
                doc.rows.len()
            )));
        };
        if row.level.rank() > capaian_domain::model::Level::Kegiatan.rank() {
            return Err(OperationError::Invalid(format!(
                "Baris {baris} bukan program atau kegiatan: bidang dibagikan per program/kegiatan."
            )));
        }
        let bidang = bidang
            .map(|b| b.trim().to_string())
            .filter(|b| !b.is_empty());
        if bidang.as_ref().is_some_and(|b| b.chars().count() > 100) {
            return Err(OperationError::Invalid(
                "Nama bidang terlalu panjang (paling banyak 100 huruf).".into(),
            ));
        }
        clean.push((baris, bidang));
    }
    app.store
        .set_owners(document_id, &oleh, clean, Some(bentuk))
        .await?
        .ok_or(OperationError::NotFound("Dokumen"))
}

/// Refuses an edit of rows the person may not change: read-only roles, and for an operator
/// every row outside the programs/kegiatan of their bidang. Checked on the server for every
/// cell of a batch before anything is stored.
pub async fn check_rows(
    app: &AppContext,
    pelaku: &Pelaku,
    document_id: &str,
    rows: impl Iterator<Item = usize>,
) -> Result<(), OperationError> {
    allow(pelaku, Aksi::UbahSel)?;
    if pelaku.peran != Some(app::akses::Peran::Operator) {
        return Ok(());
    }
    let doc = app
        .store
        .imported_document(document_id)
        .await?
        .ok_or(OperationError::NotFound("Dokumen"))?;
    let penugasan: Penugasan = app.store.owners(document_id).await?;
    let owners = app::akses::pemilik(&doc.rows, &penugasan);
    for baris in rows {
        let owner = owners.get(baris).copied().flatten();
        pelaku
            .boleh_baris(owner)
            .map_err(|e| OperationError::Forbidden(format!("Baris {baris}: {e}")))?;
    }
    Ok(())
}
