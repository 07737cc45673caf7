//! The pages' plain form routes (each works without JavaScript: it acts, then redirects back
//! with a notice or the reason it refused) and the workbook downloads.

use std::net::SocketAddr;
use std::sync::Arc;

use super::gate::{self, LOGIN_PATH, SETUP_PATH};
use super::{attachment, encode, forbidden, not_found, refused, server_error, Aktor, WebState};
use crate::akun::{self as auth, Auth, AuthError};
use crate::operations::{OperationError, Upload};
use app::akses::{Aksi, Langkah};
use app::pages::document::{
    download_laporan_href, download_official_href, download_pk_href, download_renja_href,
    download_template_href, ACTION_ERROR_QUERY, NOTICE_QUERY,
};
use app::pages::home::{CREATED_QUERY, ERROR_QUERY_PREFIX, FORM_ACTION};
use app::pages::workspace::{
    calc_settings_action, settings_action, MAX_UPLOAD_BYTES, SETTINGS_ERROR_QUERY,
    SETTINGS_NOTICE_QUERY, UPLOAD_ERROR_QUERY, UPLOAD_FIELD, UPLOAD_TARGET_FIELD,
};
use app::ssr::AppContext;
use app::ssr::StoreError;
use app::types::CreateOutcome;
use axum::extract::ConnectInfo;
use axum::extract::State;
use axum::extract::{DefaultBodyLimit, Multipart, Path as UrlPath};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Extension;
use axum::{Form, Router};
use capaian_domain::form::{e81::E81, laporan::LAPORAN};
use capaian_domain::wilayah::ZonaWaktu;
use capaian_domain::workspace::{WorkspaceField, WorkspaceInput};
use leptos::prelude::LeptosOptions;

/// The pages' form actions (for browsers without JavaScript, and the pages' own plain forms)
/// and the workbook downloads.
pub fn routes() -> Router<WebState> {
    Router::new()
        .route(LOGIN_PATH, post(login_form))
        .route("/keluar", post(logout_form))
        .route(SETUP_PATH, post(setup_form))
        .route("/pengguna", post(create_account_form))
        .route("/pengguna/{login}", post(update_account_form))
        .route("/dokumen/{id}/alur", post(workflow_form))
        .route("/dokumen/{id}/catatan", post(note_form))
        .route("/dokumen/{id}/bidang", post(owners_form))
        .route(FORM_ACTION, post(create_workspace_form))
        .route(&settings_action("{id}"), post(workspace_settings_form))
        .route(&calc_settings_action("{id}"), post(calc_settings_form))
        .route(
            "/ruang-kerja/{id}/unggah",
            // Room for a file somewhat over the limit, so the handler's own check refuses it
            // (and reads the rest, so the browser hears why) before the body limit cuts.
            post(upload_workbook).layer(DefaultBodyLimit::max(2 * MAX_UPLOAD_BYTES)),
        )
        .route("/dokumen/{id}/ajukan", post(submit_form))
        .route("/dokumen/{id}/buka-kunci", post(unlock_form))
        .route("/dokumen/{id}/perubahan-anggaran", post(budget_change_form))
        .route(&download_official_href("{id}"), get(download_official))
        .route(&download_template_href("{id}"), get(download_template))
        .route(&download_renja_href("{id}"), get(download_renja))
        .route(&download_pk_href("{id}"), get(download_pk))
        .route(&download_laporan_href("{id}"), get(download_laporan))
        .route(
            &app::pages::workspace::tc29_href("{id}"),
            get(download_tc29),
        )
        .route(
            &app::pages::rekonsiliasi::rekonsiliasi_href("{id}"),
            get(rekonsiliasi_page),
        )
        .route(
            &app::pages::rekonsiliasi::pembanding_action("{id}"),
            post(keep_comparison_files).layer(DefaultBodyLimit::max(
                MAX_PERIKSA_FILES * MAX_UPLOAD_BYTES + 64 * 1024,
            )),
        )
        .route(
            &app::pages::rekonsiliasi::hapus_pembanding_action("{id}"),
            post(drop_comparison_file),
        )
        .route(&app::pages::turunan::lkjip_href("{id}"), get(lkjip_page))
        .route(
            &app::pages::turunan::download_lkjip_href("{id}"),
            get(download_lkjip),
        )
        .route(&app::pages::turunan::tc29_page_href("{id}"), get(tc29_page))
        .route(
            &app::pages::periksa::periksa_href("{id}"),
            get(periksa_page)
                .post(periksa_files)
                .layer(DefaultBodyLimit::max(
                    MAX_PERIKSA_FILES * MAX_UPLOAD_BYTES + 64 * 1024,
                )),
        )
}

/// The no-JavaScript path of the "buat ruang kerja" form: validate, store, and go back to the
/// list with either a notice or the typed values and the reasons.
async fn create_workspace_form(
    State(app): State<AppContext>,
    Aktor(pelaku): Aktor,
    Form(input): Form<WorkspaceInput>,
) -> Response {
    if let Some(r) = refused(&pelaku, Aksi::BuatRuangKerja) {
        return r;
    }
    match app::ssr::create_workspace(app.store.as_ref(), &input).await {
        Ok(CreateOutcome::Created(ws)) => {
            let query = encode(&[(CREATED_QUERY, ws.nama_pd.as_str())]);
            Redirect::to(&format!("/?{query}")).into_response()
        }
        Ok(CreateOutcome::Invalid(errors)) => {
            // The typed values, then each refused field's reason.
            let values = WorkspaceField::ALL
                .iter()
                .map(|&f| (f.name().to_string(), input.value(f)));
            let reasons = errors.iter().map(|e| {
                (
                    format!("{ERROR_QUERY_PREFIX}{}", e.field.name()),
                    e.message.as_str(),
                )
            });
            let pairs: Vec<(String, &str)> = values.chain(reasons).collect();
            Redirect::to(&format!("/?{}#form-ruang-kerja", encode(&pairs))).into_response()
        }
        Err(e) => {
            tracing::error!("membuat ruang kerja: {e}");
            (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response()
        }
    }
}

/// Why an upload was refused, in Indonesian.
#[derive(Debug, thiserror::Error)]
enum UploadError {
    #[error("Pilih berkas .xlsx atau .xls terlebih dahulu.")]
    NoFile,
    #[error("Berkas terlalu besar: paling besar {} MB.", MAX_UPLOAD_BYTES / (1024 * 1024))]
    TooLarge,
    #[error("Unggahan terputus atau rusak: {0}")]
    Broken(String),
    #[error("{}", crate::workbook::not_a_workbook(.0))]
    NotXlsx(String),
    #[error("{0}")]
    Read(#[from] capaian_xlsx::ReadError),
    #[error("{0}")]
    Other(String),
}

/// What the upload form sent: the file (name and bytes, within the size limit) and the
/// document it merges into, if the person chose one.
struct Uploaded {
    name: String,
    bytes: Vec<u8>,
    tujuan: Option<String>,
}

/// An upload that broke off, or one over the body limit.
fn broken(e: axum::extract::multipart::MultipartError) -> UploadError {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        UploadError::TooLarge
    } else {
        UploadError::Broken(e.body_text())
    }
}

/// A file field's name and bytes, within the upload limit. A file over it is read to its end
/// and dropped, so the sender finishes sending and receives the answer that says why (a
/// connection closed mid-upload would say nothing).
async fn read_file_field(
    mut field: axum::extract::multipart::Field<'_>,
) -> Result<(String, Vec<u8>), UploadError> {
    let name = field.file_name().unwrap_or_default().to_string();
    let mut bytes = Vec::new();
    let mut too_large = false;
    while let Some(chunk) = field.chunk().await.map_err(broken)? {
        if too_large || bytes.len() + chunk.len() > MAX_UPLOAD_BYTES {
            too_large = true;
            bytes = Vec::new();
            continue;
        }
        bytes.extend_from_slice(&chunk);
    }
    if too_large {
        return Err(UploadError::TooLarge);
    }
    Ok((name, bytes))
}

/// Reads the upload form: its file field and its merge target (in either order).
async fn receive_file(multipart: &mut Multipart) -> Result<Uploaded, UploadError> {
    let mut file = None;
    let mut tujuan = None;
    while let Some(field) = multipart.next_field().await.map_err(broken)? {
        if field.name() == Some(UPLOAD_TARGET_FIELD) {
            let text = field.text().await.map_err(broken)?;
            tujuan = Some(text.trim().to_string()).filter(|t| !t.is_empty() && t != "baru");
            continue;
        }
        if field.name() != Some(UPLOAD_FIELD) {
            continue;
        }
        let (name, bytes) = read_file_field(field).await?;
        if name.is_empty() && bytes.is_empty() {
            return Err(UploadError::NoFile);
        }
        file = Some((name, bytes));
    }
    let (name, bytes) = file.ok_or(UploadError::NoFile)?;
    Ok(Uploaded {
        name,
        bytes,
        tujuan,
    })
}

/// Upload of a workbook into a workspace: read, compute, store, and show the import report.
async fn upload_workbook(
    State(app): State<AppContext>,
    Aktor(pelaku): Aktor,
    UrlPath(id): UrlPath<String>,
    mut multipart: Multipart,
) -> Response {
    if let Some(r) = refused(&pelaku, Aksi::Unggah) {
        return r;
    }
    let ws = match app.store.get_workspace(&id).await {
        Ok(Some(ws)) => ws,
        Ok(None) => return (StatusCode::NOT_FOUND, "Ruang kerja tidak ditemukan.").into_response(),
        Err(e) => return (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response(),
    };
    let back = |e: UploadError| {
        let query = encode(&[(UPLOAD_ERROR_QUERY, e.to_string().as_str())]);
        Redirect::to(&format!("/ruang-kerja/{id}?{query}")).into_response()
    };
    let Uploaded {
        name,
        bytes,
        tujuan,
    } = match receive_file(&mut multipart).await {
        Ok(file) => file,
        Err(e) => return back(e),
    };
    // Type check by name and magic here; the reader checks the content (zip container or
    // OLE compound file, limits, XML).
    let display_name = if name.is_empty() {
        "tanpa nama".to_string()
    } else {
        name.clone()
    };
    if crate::workbook::workbook_kind(&name, &bytes).is_none() {
        return back(UploadError::NotXlsx(display_name));
    }
    let received =
        crate::operations::receive_upload(&app, &ws, display_name, bytes, true, tujuan.as_deref())
            .await;
    match received {
        Ok(Upload::Imported(outcome)) => {
            Redirect::to(&format!("/dokumen/{}", outcome.summary.id)).into_response()
        }
        Ok(Upload::NeedsMapping { pending_id, .. }) => {
            Redirect::to(&app::pages::pemetaan::mapping_href(&id, &pending_id)).into_response()
        }
        Ok(Upload::NeedsMerge { pending_id }) => {
            Redirect::to(&app::pages::gabung::merge_href(&id, &pending_id)).into_response()
        }
        Err(OperationError::Read(e)) => back(UploadError::Read(e)),
        Err(OperationError::Store(e)) => server_error(e),
        Err(e) => back(UploadError::Other(e.to_string())),
    }
}

/// How many files one *Periksa kesepakatan berkas* may take at once.
const MAX_PERIKSA_FILES: usize = 10;

/// The workspace's *Periksa kesepakatan berkas* page: the form (`GET`), or the report of the
/// files sent (`POST`, several files): nothing is stored.
async fn periksa_page(
    State(app): State<AppContext>,
    State(options): State<LeptosOptions>,
    UrlPath(id): UrlPath<String>,
) -> Response {
    match app.store.get_workspace(&id).await {
        Ok(Some(ws)) => periksa_html(
            app::pages::periksa::PeriksaView {
                workspace: ws,
                galat: None,
                berkas: Vec::new(),
                pasangan: Vec::new(),
                tidak_sepakat: None,
            },
            &options,
        ),
        Ok(None) => not_found("Ruang kerja"),
        Err(e) => server_error(e),
    }
}

/// The workspace's *Rekonsiliasi* page: its document checked within itself and against the
/// files it keeps (`crate::rekonsiliasi`).
async fn rekonsiliasi_page(
    State(app): State<AppContext>,
    State(options): State<LeptosOptions>,
    Aktor(pelaku): Aktor,
    UrlPath(id): UrlPath<String>,
    axum::extract::Query(q): axum::extract::Query<std::collections::HashMap<String, String>>,
) -> Response {
    use app::pages::rekonsiliasi::{GALAT_QUERY, PESAN_QUERY};
    let ws = match workspace_of(&app, &id).await {
        Ok(ws) => ws,
        Err(r) => return r,
    };
    match crate::rekonsiliasi::view(&app, ws).await {
        Ok(mut v) => {
            v.lan = !pelaku.is_lokal();
            v.pesan = q.get(PESAN_QUERY).cloned();
            v.galat = q.get(GALAT_QUERY).cloned();
            Html(app::pages::rekonsiliasi::rekonsiliasi_page_html(
                v,
                &super::stylesheet(&options),
            ))
            .into_response()
        }
        Err(e) => super::error::ApiError::from(e).into_response(),
    }
}

/// Back to the Rekonsiliasi page with a notice, or the reason the action was refused.
fn back_to_rekonsiliasi(ws: &str, outcome: Result<String, OperationError>) -> Response {
    use app::pages::rekonsiliasi::{rekonsiliasi_href, GALAT_QUERY, PESAN_QUERY};
    back_with(
        &rekonsiliasi_href(ws),
        "",
        (PESAN_QUERY, GALAT_QUERY),
        outcome,
    )
}

/// Back to the page at `path` (then `anchor`) with the action's notice in query key `keys.0`,
/// or the reason it was refused in `keys.1`; a store failure is a server error.
fn back_with(
    path: &str,
    anchor: &str,
    (pesan, galat): (&str, &str),
    outcome: Result<String, OperationError>,
) -> Response {
    let (key, text) = match outcome {
        Ok(notice) => (pesan, notice),
        Err(OperationError::Store(e)) => return server_error(e),
        Err(OperationError::Forbidden(m)) => return forbidden(&m),
        Err(e) => (galat, e.to_string()),
    };
    Redirect::to(&format!(
        "{path}?{}{anchor}",
        encode(&[(key, text.as_str())])
    ))
    .into_response()
}

/// The Rekonsiliasi page's upload: files of the year kept beside the workspace's document to
/// compare against (each must read as a form Capaian knows; nothing of the plan changes).
async fn keep_comparison_files(
    State(app): State<AppContext>,
    Aktor(pelaku): Aktor,
    UrlPath(id): UrlPath<String>,
    mut multipart: Multipart,
) -> Response {
    if let Some(r) = refused(&pelaku, Aksi::Unggah) {
        return r;
    }
    let ws = match workspace_of(&app, &id).await {
        Ok(ws) => ws,
        Err(r) => return r,
    };
    let form = match receive_form(
        &mut multipart,
        app::pages::rekonsiliasi::PEMBANDING_FIELD,
        &["dokumen", "oleh"],
    )
    .await
    {
        Ok(form) => form,
        Err(e) => return back_to_rekonsiliasi(&id, Err(OperationError::Invalid(e.to_string()))),
    };
    let outcome = crate::rekonsiliasi::keep(&app, &pelaku, &ws, form).await;
    back_to_rekonsiliasi(&id, outcome)
}

#[derive(serde::Deserialize)]
struct DropComparison {
    dokumen: String,
    nama: String,
}

/// *Hapus berkas pembanding ini* on the Rekonsiliasi page.
async fn drop_comparison_file(
    State(app): State<AppContext>,
    Aktor(pelaku): Aktor,
    UrlPath(id): UrlPath<String>,
    Form(form): Form<DropComparison>,
) -> Response {
    if let Some(r) = refused(&pelaku, Aksi::Unggah) {
        return r;
    }
    let outcome = crate::rekonsiliasi::forget(&app, &id, &form.dokumen, &form.nama).await;
    back_to_rekonsiliasi(&id, outcome)
}

fn periksa_html(v: app::pages::periksa::PeriksaView, options: &LeptosOptions) -> Response {
    Html(app::pages::periksa::periksa_page_html(
        v,
        &super::stylesheet(options),
    ))
    .into_response()
}

async fn periksa_files(
    State(app): State<AppContext>,
    State(options): State<LeptosOptions>,
    Aktor(pelaku): Aktor,
    UrlPath(id): UrlPath<String>,
    mut multipart: Multipart,
) -> Response {
    if let Some(r) = refused(&pelaku, Aksi::Unggah) {
        return r;
    }
    let ws = match workspace_of(&app, &id).await {
        Ok(ws) => ws,
        Err(r) => return r,
    };
    let mut view = app::pages::periksa::PeriksaView {
        workspace: ws.clone(),
        galat: None,
        berkas: Vec::new(),
        pasangan: Vec::new(),
        tidak_sepakat: None,
    };
    let files = match receive_files(&mut multipart, app::pages::periksa::PERIKSA_FIELD).await {
        Ok(files) if files.len() > MAX_PERIKSA_FILES => Err(UploadError::Other(format!(
            "Paling banyak {MAX_PERIKSA_FILES} berkas sekaligus."
        ))),
        Ok(files) if files.is_empty() => Err(UploadError::NoFile),
        other => other,
    };
    let files = match files {
        Ok(files) => files,
        Err(e) => {
            view.galat = Some(e.to_string());
            return periksa_html(view, &options);
        }
    };
    if let Some((name, _)) = files
        .iter()
        .find(|(name, bytes)| crate::workbook::workbook_kind(name, bytes).is_none())
    {
        view.galat = Some(crate::workbook::not_a_workbook(name));
        return periksa_html(view, &options);
    }
    let settings = ws.pengaturan.e81();
    let read = tokio::task::spawn_blocking(move || {
        let mut read = Vec::new();
        for (name, bytes) in files {
            match crate::periksa::baca(&bytes, &settings) {
                Ok(b) => read.push((name, b)),
                Err(e) => return Err(format!("{name}: {e}")),
            }
        }
        let laporan = crate::periksa::bandingkan(&read, &settings.scale);
        let berkas = read.iter().map(|(n, b)| (n.clone(), b.jenis())).collect();
        Ok((
            berkas,
            crate::periksa::tampilan(&laporan),
            laporan.tidak_sepakat(),
        ))
    })
    .await;
    match read {
        Ok(Ok((berkas, pasangan, n))) => {
            view.berkas = berkas;
            view.pasangan = pasangan;
            view.tidak_sepakat = Some(n);
        }
        Ok(Err(e)) => view.galat = Some(e),
        Err(e) => return server_error(e),
    }
    periksa_html(view, &options)
}

/// Every file of a form's file field `field` (several files): name and bytes, each within the
/// upload limit; empty file inputs are skipped.
async fn receive_files(
    multipart: &mut Multipart,
    field_name: &str,
) -> Result<Vec<(String, Vec<u8>)>, UploadError> {
    Ok(receive_form(multipart, field_name, &[]).await?.berkas)
}

/// Every file of a form's file field `field_name` and the text of its fields `texts`.
async fn receive_form(
    multipart: &mut Multipart,
    field_name: &str,
    texts: &[&str],
) -> Result<crate::rekonsiliasi::Kiriman, UploadError> {
    let mut form = crate::rekonsiliasi::Kiriman::default();
    while let Some(field) = multipart.next_field().await.map_err(broken)? {
        if let Some(&name) = texts.iter().find(|&&t| field.name() == Some(t)) {
            let text = field.text().await.map_err(broken)?;
            form.teks.insert(name.to_string(), text);
            continue;
        }
        if field.name() != Some(field_name) {
            continue;
        }
        let (name, bytes) = read_file_field(field).await?;
        if !(name.is_empty() && bytes.is_empty()) {
            form.berkas.push((name, bytes));
        }
    }
    Ok(form)
}

/// Where a document page's action forms send people back to, with a notice or a reason.
fn back_to_document(id: &str, outcome: Result<String, OperationError>) -> Response {
    back_with(
        &format!("/dokumen/{id}"),
        "#triwulan",
        (NOTICE_QUERY, ACTION_ERROR_QUERY),
        outcome,
    )
}

/// *Ajukan Triwulan n* from the document page (works without JavaScript).
async fn submit_form(
    State(app): State<AppContext>,
    Aktor(pelaku): Aktor,
    UrlPath(id): UrlPath<String>,
    Form(form): Form<QuarterForm>,
) -> Response {
    let lan = !pelaku.is_lokal();
    let outcome = crate::operations::submit_quarter(&app, &pelaku, &id, form.triwulan, &form.oleh)
        .await
        .map(|s| {
            format!(
                "Triwulan {} {} (revisi {}) oleh {}. Dokumen dan berkasnya dibekukan; nilainya kini terkunci.",
                app::format::romawi(s.triwulan),
                if lan { "final" } else { "diajukan" },
                s.revisi,
                s.oleh
            )
        });
    back_to_document(&id, outcome)
}

/// *Buka kunci* of a submitted quarter, with a reason.
async fn unlock_form(
    State(app): State<AppContext>,
    Aktor(pelaku): Aktor,
    UrlPath(id): UrlPath<String>,
    Form(form): Form<QuarterForm>,
) -> Response {
    let who = if pelaku.is_lokal() {
        form.oleh.trim().to_string()
    } else {
        pelaku.nama.clone()
    };
    let outcome = crate::operations::unlock_quarter(
        &app,
        &pelaku,
        &id,
        form.triwulan,
        &form.oleh,
        &form.alasan,
    )
    .await
    .map(|_| {
        format!(
            "Kunci Triwulan {} dibuka oleh {who}: {}. Ajukan ulang setelah diperbaiki.",
            app::format::romawi(form.triwulan),
            form.alasan.trim()
        )
    });
    back_to_document(&id, outcome)
}

/// Starts the budget change (*perubahan*) of a document.
async fn budget_change_form(
    State(app): State<AppContext>,
    Aktor(pelaku): Aktor,
    UrlPath(id): UrlPath<String>,
    Form(form): Form<QuarterForm>,
) -> Response {
    let outcome =
        crate::operations::start_budget_change(&app, &pelaku, &id, &form.oleh, &form.alasan)
        .await
        .map(|_| {
            "Perubahan anggaran dimulai: target murni dibekukan; ubahan target berikutnya menjadi target perubahan.".to_string()
        });
    back_to_document(&id, outcome)
}

/// The settings of a workspace, from its page: the office's time zone.
async fn workspace_settings_form(
    State(app): State<AppContext>,
    Aktor(pelaku): Aktor,
    UrlPath(id): UrlPath<String>,
    Form(form): Form<SettingsForm>,
) -> Response {
    if let Some(r) = refused(&pelaku, Aksi::AturRuangKerja) {
        return r;
    }
    let back = |key: &str, message: &str| back_to_workspace(&id, key, message, None);
    let Some(zona) = ZonaWaktu::parse(&form.zona) else {
        return back(
            SETTINGS_ERROR_QUERY,
            "Zona waktu harus WIB, WITA, atau WIT.",
        );
    };
    match app.store.set_workspace_zone(&id, zona).await {
        Ok(Some(_)) => back(
            SETTINGS_NOTICE_QUERY,
            &format!(
                "Zona waktu kantor disimpan: {}. Semua waktu ditampilkan dalam {}.",
                zona.label(),
                zona.singkatan()
            ),
        ),
        Ok(None) => not_found("Ruang kerja"),
        Err(e) => back(SETTINGS_ERROR_QUERY, &e.to_string()),
    }
}

/// Back to a workspace's page with a notice or a refusal (`key`), at the section `anchor`.
fn back_to_workspace(id: &str, key: &str, message: &str, anchor: Option<&str>) -> Response {
    let query = encode(&[(key, message)]);
    let anchor = anchor.map(|a| format!("#{a}")).unwrap_or_default();
    Redirect::to(&format!("/ruang-kerja/{id}?{query}{anchor}")).into_response()
}

/// The workspace's computation settings from its form: the scale (a custom one validated for
/// gaps and overlaps), the 100 % cap and the low-capaian threshold. Stored only if nobody
/// changed them since the page was loaded.
async fn calc_settings_form(
    State(app): State<AppContext>,
    Aktor(pelaku): Aktor,
    UrlPath(id): UrlPath<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    if let Some(r) = refused(&pelaku, Aksi::AturRuangKerja) {
        return r;
    }
    let back = |key: &str, message: &str| {
        back_to_workspace(&id, key, message, Some("pengaturan-perhitungan"))
    };
    let (pengaturan, versi) = match calc_settings_of(&fields) {
        Ok(chosen) => chosen,
        Err(message) => return back(SETTINGS_ERROR_QUERY, &message),
    };
    match app
        .store
        .set_workspace_settings(&id, &pengaturan, versi)
        .await
    {
        Ok(Some(ws)) => back(
            SETTINGS_NOTICE_QUERY,
            &format!(
                "Pengaturan perhitungan disimpan. {}. Grid, halaman dokumen, formulir resmi dan \
                 template yang diisi memakainya.",
                ws.pengaturan.ringkasan()
            ),
        ),
        Ok(None) => not_found("Ruang kerja"),
        Err(StoreError::Stale) => back(
            SETTINGS_ERROR_QUERY,
            "Pengaturan perhitungan baru saja diubah orang lain; tidak ada yang disimpan. \
             Periksa pengaturan yang kini berlaku, lalu ulangi.",
        ),
        Err(e) => back(SETTINGS_ERROR_QUERY, &e.to_string()),
    }
}

/// The settings a computation settings form asks for, and the version it saw; or the reasons
/// (Indonesian, one sentence each) they cannot be.
fn calc_settings_of(
    fields: &[(String, String)],
) -> Result<(capaian_domain::pengaturan::Pengaturan, u64), String> {
    use app::pages::workspace::{scale_fields, SCALE_ROWS};
    use capaian_domain::pengaturan::{self, BarisSkala, Pengaturan, PilihanSkala};
    let get = |name: &str| {
        fields
            .iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
    };
    let versi = get("versi").trim().parse::<u64>().unwrap_or(0);
    let key = get("skala");
    let skala = match (PilihanSkala::built_in(key), key) {
        (Some(built_in), _) => built_in,
        (None, "kustom") => {
            let rows: Vec<BarisSkala> = (0..SCALE_ROWS)
                .map(|i| {
                    let [dari, sampai, predikat, kode] = scale_fields(i);
                    BarisSkala {
                        dari: get(&dari).to_string(),
                        sampai: get(&sampai).to_string(),
                        predikat: get(&predikat).to_string(),
                        kode: get(&kode).to_string(),
                    }
                })
                .collect();
            let skala = pengaturan::skala_kustom(get("nama-skala"), &rows).map_err(|ps| {
                format!(
                    "Skala sendiri tidak disimpan: {}.",
                    ps.into_iter()
                        .map(|p| p.message)
                        .collect::<Vec<_>>()
                        .join("; ")
                )
            })?;
            PilihanSkala::Kustom { skala }
        }
        (None, other) => {
            return Err(format!(
                "Skala '{other}' tidak dikenal: pilih Permendagri 86, SAKIP atau skala sendiri."
            ))
        }
    };
    let ambang_rendah = pengaturan::ambang(get("ambang"))?;
    Ok((
        Pengaturan {
            skala,
            batas_100: fields.iter().any(|(k, _)| k == "batas-100"),
            ambang_rendah,
        },
        versi,
    ))
}

#[derive(Debug, serde::Deserialize)]
struct SettingsForm {
    #[serde(default)]
    zona: String,
}

/// The fields of the document page's action forms.
#[derive(Debug, serde::Deserialize)]
struct QuarterForm {
    #[serde(default)]
    triwulan: u8,
    #[serde(default)]
    oleh: String,
    #[serde(default)]
    alasan: String,
    /// A workflow step (`ajukan`, `setujui`, `kembalikan`).
    #[serde(default)]
    langkah: String,
    #[serde(default)]
    baris: usize,
    #[serde(default)]
    catatan: String,
    /// The rows `baris` was read from (`DocumentSummary::bentuk`).
    #[serde(default)]
    bentuk: u64,
}

/// *Ajukan* / *Setujui* / *Kembalikan* from the document page.
async fn workflow_form(
    State(app): State<AppContext>,
    Aktor(pelaku): Aktor,
    UrlPath(id): UrlPath<String>,
    Form(form): Form<QuarterForm>,
) -> Response {
    let Some(langkah) = Langkah::from_key(&form.langkah) else {
        return back_to_document(
            &id,
            Err(OperationError::Invalid(format!(
                "Langkah '{}' tidak dikenal.",
                form.langkah
            ))),
        );
    };
    let q = app::format::romawi(form.triwulan);
    let outcome = crate::operations::workflow_step(
        &app,
        &pelaku,
        &id,
        langkah,
        form.triwulan,
        &form.oleh,
        &form.alasan,
    )
    .await
    .map(|_| match langkah {
        Langkah::Ajukan => format!("Triwulan {q} diajukan untuk diverifikasi Kepala PD. Nilainya terkunci selama verifikasi."),
        Langkah::Setujui => format!("Triwulan {q} disetujui. Perencana dapat memfinalkannya."),
        Langkah::Kembalikan => format!("Triwulan {q} dikembalikan ke Draf dengan catatan: {}", form.alasan.trim()),
    });
    back_to_document(&id, outcome)
}

/// A verifier's note on a row (from the grid's row panel without JavaScript, or the API).
async fn note_form(
    State(app): State<AppContext>,
    Aktor(pelaku): Aktor,
    UrlPath(id): UrlPath<String>,
    Form(form): Form<QuarterForm>,
) -> Response {
    let outcome = crate::operations::set_note(
        &app,
        &pelaku,
        &id,
        crate::operations::NoteAt {
            triwulan: form.triwulan,
            baris: form.baris,
            bentuk: form.bentuk,
        },
        &form.oleh,
        &form.catatan,
    )
    .await
    .map(|_| "Catatan disimpan.".to_string());
    back_to_document(&id, outcome)
}

/// The bidang page's form: one `b{row}` field per program/kegiatan row.
async fn owners_form(
    State(app): State<AppContext>,
    Aktor(pelaku): Aktor,
    UrlPath(id): UrlPath<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    if let Some(r) = refused(&pelaku, Aksi::AturBidang) {
        return r;
    }
    let oleh = fields
        .iter()
        .find(|(k, _)| k == "oleh")
        .map(|(_, v)| v.clone())
        .unwrap_or_default();
    let bentuk = fields
        .iter()
        .find(|(k, _)| k == "bentuk")
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let changes: Vec<(usize, Option<String>)> = fields
        .into_iter()
        .filter_map(|(k, v)| Some((k.strip_prefix('b')?.parse().ok()?, Some(v))))
        .collect();
    let (key, text) =
        match crate::operations::set_owners(&app, &pelaku, &id, &oleh, changes, bentuk).await {
            Ok(_) => (NOTICE_QUERY, "Pembagian bidang disimpan.".to_string()),
            Err(OperationError::Store(e)) => return server_error(e),
            Err(OperationError::Forbidden(m)) => return forbidden(&m),
            Err(e) => (ACTION_ERROR_QUERY, e.to_string()),
        };
    Redirect::to(&format!(
        "/dokumen/{id}/bidang?{}",
        encode(&[(key, text.as_str())])
    ))
    .into_response()
}

#[derive(Debug, serde::Deserialize)]
struct LoginForm {
    #[serde(default)]
    nama_pengguna: String,
    #[serde(default)]
    kata_sandi: String,
    #[serde(default)]
    lanjut: String,
}

/// The login form: a session cookie and on to where the person was going.
async fn login_form(
    State(app): State<AppContext>,
    State(auth_state): State<Arc<Auth>>,
    connect: Option<Extension<ConnectInfo<SocketAddr>>>,
    Form(form): Form<LoginForm>,
) -> Response {
    if !app.lan {
        return Redirect::to("/").into_response();
    }
    let ip = gate::client_ip(connect);
    match auth::login(&app, &auth_state, ip, &form.nama_pengguna, &form.kata_sandi).await {
        Ok((_, token)) => gate::with_cookie(
            Redirect::to(&gate::safe_next(&form.lanjut)).into_response(),
            gate::session_cookie(&token),
        ),
        Err(AuthError::Store(e)) => server_error(e),
        Err(e) => {
            let status = if matches!(e, AuthError::RateLimited(_)) {
                "429"
            } else {
                "401"
            };
            let query = encode(&[
                ("galat", e.to_string().as_str()),
                ("kode", status),
                ("nama_pengguna", form.nama_pengguna.trim()),
                ("lanjut", form.lanjut.as_str()),
            ]);
            Redirect::to(&format!("{}?{query}", gate::LOGIN_PATH)).into_response()
        }
    }
}

async fn logout_form(State(app): State<AppContext>, headers: axum::http::HeaderMap) -> Response {
    if let Err(e) = auth::logout(&app, gate::session_token(&headers).as_deref()).await {
        return server_error(e);
    }
    let target = if app.lan { gate::LOGIN_PATH } else { "/" };
    gate::with_cookie(Redirect::to(target).into_response(), gate::cleared_cookie())
}

#[derive(Debug, serde::Deserialize)]
struct SetupForm {
    #[serde(flatten)]
    account: auth::AccountForm,
    #[serde(default)]
    kata_sandi_ulang: String,
}

/// The first run in LAN mode: the admin account, then logged in as it.
async fn setup_form(
    State(app): State<AppContext>,
    State(auth_state): State<Arc<Auth>>,
    connect: Option<Extension<ConnectInfo<SocketAddr>>>,
    Form(form): Form<SetupForm>,
) -> Response {
    if !app.lan {
        return Redirect::to("/").into_response();
    }
    let back = |message: String| {
        let query = encode(&[
            ("galat", message.as_str()),
            ("login", form.account.login.as_str()),
            ("nama", form.account.nama.as_str()),
        ]);
        Redirect::to(&format!("{}?{query}", gate::SETUP_PATH)).into_response()
    };
    if form.account.kata_sandi != form.kata_sandi_ulang {
        return back("Kedua kata sandi tidak sama.".into());
    }
    match auth::create_account(&app, &form.account, true).await {
        Ok(akun) => {
            let ip = gate::client_ip(connect);
            match auth::login(&app, &auth_state, ip, &akun.login, &form.account.kata_sandi).await {
                Ok((_, token)) => gate::with_cookie(
                    Redirect::to("/pengguna").into_response(),
                    gate::session_cookie(&token),
                ),
                Err(e) => server_error(e),
            }
        }
        Err(AuthError::Store(StoreError::AccountsExist)) => {
            Redirect::to(gate::LOGIN_PATH).into_response()
        }
        Err(AuthError::Store(e)) => server_error(e),
        Err(e) => back(e.to_string()),
    }
}

/// The accounts page's forms go back to it with a notice or the reason.
fn back_to_accounts(outcome: Result<String, AuthError>) -> Response {
    let (key, text) = match outcome {
        Ok(notice) => (NOTICE_QUERY, notice),
        Err(AuthError::Store(e @ StoreError::Database(_))) => return server_error(e),
        Err(e) => (ACTION_ERROR_QUERY, e.to_string()),
    };
    Redirect::to(&format!("/pengguna?{}", encode(&[(key, text.as_str())]))).into_response()
}

async fn create_account_form(
    State(app): State<AppContext>,
    Aktor(pelaku): Aktor,
    Form(form): Form<auth::AccountForm>,
) -> Response {
    if let Some(r) = refused(&pelaku, Aksi::KelolaAkun) {
        return r;
    }
    back_to_accounts(
        auth::create_account(&app, &form, false)
            .await
            .map(|a| format!("Akun {} ({}) dibuat.", a.login, a.peran.label())),
    )
}

#[derive(Debug, serde::Deserialize)]
struct AccountChangeForm {
    #[serde(default)]
    nama: String,
    #[serde(default)]
    peran: String,
    #[serde(default)]
    bidang: String,
    #[serde(default)]
    aktif: Option<String>,
    #[serde(default)]
    kata_sandi: String,
}

async fn update_account_form(
    State(app): State<AppContext>,
    Aktor(pelaku): Aktor,
    UrlPath(login): UrlPath<String>,
    Form(form): Form<AccountChangeForm>,
) -> Response {
    if let Some(r) = refused(&pelaku, Aksi::KelolaAkun) {
        return r;
    }
    let change = auth::AccountChange {
        nama: Some(form.nama),
        peran: Some(form.peran),
        bidang: Some(form.bidang),
        // An unticked checkbox sends nothing: the form always means "as ticked".
        aktif: Some(form.aktif.is_some()),
        kata_sandi: Some(form.kata_sandi),
    };
    back_to_accounts(
        auth::update_account(&app, &pelaku, &login, &change)
            .await
            .map(|a| format!("Akun {} disimpan.", a.login)),
    )
}

/// The official Formulir E.81 of a document, generated with live formulas.
async fn download_official(
    State(app): State<AppContext>,
    UrlPath(id): UrlPath<String>,
) -> Response {
    download_form_sheet(&app, &id, &E81).await
}

/// The document printed as the laporan capaian kinerja dan keuangan s.d. its quarter, the
/// official sheet with live formulas (the quarter's submission carries it too).
async fn download_laporan(State(app): State<AppContext>, UrlPath(id): UrlPath<String>) -> Response {
    download_form_sheet(&app, &id, &LAPORAN).await
}

/// The document as it stands printed as the official sheet of `form`, named
/// `<form> TW <q> <tahun> - <PD>.xlsx`.
async fn download_form_sheet(
    app: &AppContext,
    id: &str,
    form: &'static capaian_domain::form::FormKind,
) -> Response {
    let (summary, document) = match app.store.current_document(id).await {
        Ok(Some(current)) => current,
        Ok(None) => return not_found("Dokumen"),
        Err(e) => return server_error(e),
    };
    let ws = match workspace_of(app, &summary.workspace_id).await {
        Ok(ws) => ws,
        Err(r) => return r,
    };
    let filename = format!(
        "{} {}{} - {}.xlsx",
        form.nama,
        summary
            .triwulan
            .map(|q| format!("TW {} ", app::format::romawi(q)))
            .unwrap_or_default(),
        summary.tahun.unwrap_or(ws.tahun),
        ws.nama_pd
    );
    official_attachment(document, &ws, form.key, filename).await
}

/// The document printed as the Renja's rencana program dan kegiatan — after its budget change
/// began, the Renja Perubahan lampiran (murni beside perubahan, with the selisih)
/// ([`crate::workbook::renja_form`]).
async fn download_renja(State(app): State<AppContext>, UrlPath(id): UrlPath<String>) -> Response {
    let (stored, ws) = match stored_and_workspace(&app, &id).await {
        Ok(both) => both,
        Err(r) => return r,
    };
    let murni = match stored.summary.perubahan {
        Some(versi) => match app::ssr::snapshot(app.store.as_ref(), &id, versi).await {
            Ok(m) => m,
            Err(e) => return server_error(e),
        },
        None => None,
    };
    let filename = format!(
        "Renja{} {} - {}.xlsx",
        if murni.is_some() { " Perubahan" } else { "" },
        stored.summary.tahun.unwrap_or(ws.tahun),
        ws.nama_pd
    );
    let document = stored.document;
    made_attachment(filename, move || {
        crate::workbook::renja_form(&document, murni.as_ref(), &ws, crate::workbook::today())
    })
    .await
}

/// The document printed as the Perjanjian Kinerja of its programs — after its budget change
/// began, the PK Perubahan ([`crate::workbook::pk_form`]).
async fn download_pk(State(app): State<AppContext>, UrlPath(id): UrlPath<String>) -> Response {
    let (stored, ws) = match stored_and_workspace(&app, &id).await {
        Ok(both) => both,
        Err(r) => return r,
    };
    let perubahan = stored.summary.perubahan.is_some();
    let filename = format!(
        "Perjanjian Kinerja{} {} - {}.xlsx",
        if perubahan { " Perubahan" } else { "" },
        stored.summary.tahun.unwrap_or(ws.tahun),
        ws.nama_pd
    );
    let document = stored.document;
    made_attachment(filename, move || {
        crate::workbook::pk_form(&document, perubahan, &ws, crate::workbook::today())
    })
    .await
}

/// The T-C.29 of the Renja of the year after the workspace's, from the PD's E.81 of this year
/// (its targets, as they stand) and of the two years before (each year's latest submission,
/// else its newest document as it stands). Without the year before, back to the workspace page
/// saying which year's E.81 to import.
async fn download_tc29(State(app): State<AppContext>, UrlPath(id): UrlPath<String>) -> Response {
    let ws = match workspace_of(&app, &id).await {
        Ok(ws) => ws,
        Err(r) => return r,
    };
    let (n1, n2, n3) = match crate::operations::tc29_of(&app, &ws).await {
        Ok(found) => found,
        Err(e) => return server_error(e),
    };
    let Some(n2) = n2 else {
        return back_to_workspace(
            &id,
            app::pages::workspace::SETTINGS_ERROR_QUERY,
            &crate::operations::tc29_missing(&ws),
            Some("kartu-turunan"),
        );
    };
    let filename = format!("T-C.29 Renja {} - {}.xlsx", ws.tahun + 1, ws.nama_pd);
    made_attachment(filename, move || {
        let years = crate::workbook::TahunTc29 {
            tahun: ws.tahun + 1,
            n3: n3.as_ref(),
            n2: &n2,
            n1: n1.as_ref(),
        };
        crate::workbook::tc29_form(&years, &ws, crate::workbook::today()).map(|(bytes, _)| bytes)
    })
    .await
}

/// A workspace's document (id, file name, as it stands) and its earlier years' documents.
struct LkjipOf {
    doc: capaian_domain::model::Document,
    lalu: Vec<(i32, capaian_domain::model::Document)>,
    /// The newest SIPD export kept beside the document with rekening rows (its name, its
    /// table), for the LRA.
    sipd: Option<(String, capaian_domain::anggaran::Anggaran)>,
}

/// The workspace's document (newest), the documents of its two earlier years (each year's
/// latest submission, else its newest document), and the SIPD export kept beside it, for the
/// LKjIP.
async fn lkjip_of(
    app: &AppContext,
    ws: &app::types::Workspace,
) -> Result<Option<LkjipOf>, StoreError> {
    let store = app.store.as_ref();
    let documents = store.list_documents(&ws.id).await?;
    let Some(summary) = app::ssr::newest_of(&documents).cloned() else {
        return Ok(None);
    };
    let Some(stored) = store.get_document(&summary.id).await? else {
        return Ok(None);
    };
    let mut lalu = Vec::new();
    for tahun in [ws.tahun - 1, ws.tahun - 2] {
        if let Some((_, d)) = app::ssr::document_of_year(store, ws, tahun).await? {
            lalu.push((tahun, d));
        }
    }
    let kept = store.comparison_files(&summary.id).await?;
    let sipd = tokio::task::spawn_blocking(move || {
        kept.into_iter()
            .find_map(|b| crate::workbook::sipd_rekening(&b.isi).map(|a| (b.nama, a)))
    })
    .await
    .map_err(|e| StoreError::Database(e.to_string()))?;
    Ok(Some(LkjipOf {
        doc: stored.document,
        lalu,
        sipd,
    }))
}

/// The derived tables' page (`app::pages::turunan`), whole.
fn turunan_html(v: app::pages::turunan::TurunanView, options: &LeptosOptions) -> Response {
    Html(app::pages::turunan::turunan_page_html(
        v,
        &super::stylesheet(options),
    ))
    .into_response()
}

/// Each table as the page shows it: its Word HTML and its TSV.
fn tampil(tabel: &[capaian_domain::tabel::Tabel]) -> Vec<app::pages::turunan::TabelTampil> {
    tabel
        .iter()
        .map(|t| app::pages::turunan::TabelTampil {
            judul: t.judul.clone(),
            html: capaian_domain::tabel::ke_html(t),
            tsv: capaian_domain::tabel::ke_tsv(t),
        })
        .collect()
}

/// The workspace's *LKjIP Bab III* page: its tables, each with *Salin sebagai tabel*.
async fn lkjip_page(
    State(app): State<AppContext>,
    State(options): State<LeptosOptions>,
    UrlPath(id): UrlPath<String>,
) -> Response {
    use app::pages::turunan::{download_lkjip_href, TurunanView};
    let ws = match workspace_of(&app, &id).await {
        Ok(ws) => ws,
        Err(r) => return r,
    };
    let found = match lkjip_of(&app, &ws).await {
        Ok(found) => found,
        Err(e) => return server_error(e),
    };
    let mut view = TurunanView {
        workspace: ws.clone(),
        judul: format!("LKjIP Bab III — tahun {}", ws.tahun),
        remah: "LKjIP Bab III",
        keterangan: "Tabel Bab III A (capaian IKU) dari sasaran dan IKU dokumen, dan Bab III B (realisasi anggaran) dari program, kegiatan dan sub kegiatannya.".into(),
        catatan: Vec::new(),
        unduh: None,
        tabel: Vec::new(),
    };
    if let Some(LkjipOf { doc, lalu, sipd }) = found {
        let years: Vec<i32> = lalu.iter().map(|(y, _)| *y).collect();
        let lra_dari = sipd.as_ref().map(|(nama, _)| nama.clone());
        let made = tokio::task::spawn_blocking(move || {
            let l = crate::workbook::Lkjip::of(&doc, &lalu, &ws, sipd.as_ref().map(|(_, a)| a));
            (l.iku.baris.len(), l.tabel())
        })
        .await;
        let Ok((iku, tabel)) = made else {
            return server_error("LKjIP tidak dapat disusun");
        };
        if iku == 0 {
            view.catatan.push("Dokumen ini belum mempunyai sasaran dan IKU: gabungkan Perjanjian Kinerja Kepala Perangkat Daerah (sasaran strategis) ke dokumen, atau tabel tujuan dan sasaran Renstra.".into());
        }
        view.catatan.push(if years.is_empty() {
            "Perbandingan dengan tahun lalu memerlukan ruang kerja tahun sebelumnya dengan dokumennya.".into()
        } else {
            format!(
                "Tahun sebelumnya dari ruang kerja: {}.",
                years.iter().map(i32::to_string).collect::<Vec<_>>().join(", ")
            )
        });
        view.catatan.push(match lra_dari {
            Some(nama) => format!("LRA menurut rekening dari {nama} (berkas pembanding)."),
            None => "LRA menurut rekening memerlukan ekspor SIPD dengan baris rekening: simpan di halaman Rekonsiliasi sebagai berkas pembanding, atau gabungkan ke dokumen.".into(),
        });
        view.tabel = tampil(&tabel);
        view.unduh = Some((
            download_lkjip_href(&id),
            "Unduh LKjIP Bab III (xlsx)".into(),
        ));
    } else {
        view.catatan
            .push("Ruang kerja ini belum mempunyai dokumen: impor Formulir E.81 dulu.".into());
    }
    turunan_html(view, &options)
}

/// The workspace's T-C.29 page: the table of next year's Renja, with *Salin sebagai tabel*.
async fn tc29_page(
    State(app): State<AppContext>,
    State(options): State<LeptosOptions>,
    UrlPath(id): UrlPath<String>,
) -> Response {
    use app::pages::turunan::TurunanView;
    let ws = match workspace_of(&app, &id).await {
        Ok(ws) => ws,
        Err(r) => return r,
    };
    let rencana = match crate::operations::tc29_rencana(&app, &ws).await {
        Ok(r) => r,
        Err(e) => return server_error(e),
    };
    let mut view = TurunanView {
        workspace: ws.clone(),
        judul: format!("T-C.29 Renja {}", ws.tahun + 1),
        remah: "T-C.29",
        keterangan: format!(
            "Rekapitulasi evaluasi hasil pelaksanaan Renja dan pencapaian Renstra s.d. {}, dari Formulir E.81 final tahun-tahun sebelumnya dan target tahun ini.",
            ws.tahun
        ),
        catatan: Vec::new(),
        unduh: None,
        tabel: Vec::new(),
    };
    match rencana {
        Err(why) => view.catatan.push(why),
        Ok(data) => {
            view.tabel = tampil(&[data.tabel()]);
            view.unduh = Some((
                app::pages::workspace::tc29_href(&id),
                format!("Unduh T-C.29 Renja {} (xlsx)", ws.tahun + 1),
            ));
        }
    }
    turunan_html(view, &options)
}

/// `/ruang-kerja/{id}/unduh/lkjip`: the LKjIP Bab III workbook, live formulas.
async fn download_lkjip(State(app): State<AppContext>, UrlPath(id): UrlPath<String>) -> Response {
    let ws = match workspace_of(&app, &id).await {
        Ok(ws) => ws,
        Err(r) => return r,
    };
    let Some(LkjipOf { doc, lalu, sipd }) = (match lkjip_of(&app, &ws).await {
        Ok(found) => found,
        Err(e) => return server_error(e),
    }) else {
        return not_found("Dokumen ruang kerja");
    };
    let filename = format!("LKjIP Bab III {} - {}.xlsx", ws.tahun, ws.nama_pd);
    made_attachment(filename, move || {
        crate::workbook::Lkjip::of(&doc, &lalu, &ws, sipd.as_ref().map(|(_, a)| a)).workbook(
            &doc,
            &ws,
            crate::workbook::today(),
        )
    })
    .await
}

/// The workspace `id`, or the response that says why not (404, 500).
async fn workspace_of(app: &AppContext, id: &str) -> Result<app::types::Workspace, Response> {
    match app.store.get_workspace(id).await {
        Ok(Some(ws)) => Ok(ws),
        Ok(None) => Err(not_found("Ruang kerja")),
        Err(e) => Err(server_error(e)),
    }
}

/// The stored document `id` and its workspace, or the response that says why not.
async fn stored_and_workspace(
    app: &AppContext,
    id: &str,
) -> Result<(app::types::StoredDocument, app::types::Workspace), Response> {
    let stored = match app.store.get_document(id).await {
        Ok(Some(stored)) => stored,
        Ok(None) => return Err(not_found("Dokumen")),
        Err(e) => return Err(server_error(e)),
    };
    let ws = workspace_of(app, &stored.summary.workspace_id).await?;
    Ok((stored, ws))
}

/// A workbook made off the async runtime (`make`), as a download named `filename`.
async fn made_attachment<E: std::fmt::Display + Send + 'static>(
    filename: String,
    make: impl FnOnce() -> Result<Vec<u8>, E> + Send + 'static,
) -> Response {
    match tokio::task::spawn_blocking(make).await {
        Ok(Ok(bytes)) => attachment(bytes, &filename),
        Ok(Err(e)) => server_error(e),
        Err(e) => server_error(e),
    }
}

/// The official form of `document` (signed today, titled from `ws`) as a download.
async fn official_attachment(
    document: std::sync::Arc<capaian_domain::model::Document>,
    ws: &app::types::Workspace,
    form: &'static str,
    filename: String,
) -> Response {
    let meta = crate::workbook::meta_for(&document, ws, crate::workbook::today());
    let settings = ws.pengaturan.e81();
    match tokio::task::spawn_blocking(move || {
        crate::workbook::form_sheet(&document, form, meta, &settings)
    })
    .await
    {
        Ok(Ok(bytes)) => attachment(bytes, &filename),
        Ok(Err(e)) => server_error(e),
        Err(e) => server_error(e),
    }
}

/// The workbook the agency uploaded, with the document's values and computed columns written
/// in. A legacy `.xls` cannot be written back: its download is the official form in `.xlsx`
/// (the page says so).
async fn download_template(
    State(app): State<AppContext>,
    UrlPath(id): UrlPath<String>,
) -> Response {
    let ((summary, document), template) = match (
        app.store.current_document(&id).await,
        app.store.document_template(&id).await,
    ) {
        (Ok(Some(current)), Ok(Some(template))) => (current, template),
        (Ok(None), _) | (_, Ok(None)) => return not_found("Dokumen"),
        (Err(e), _) | (_, Err(e)) => return server_error(e),
    };
    let stem = crate::workbook::file_stem(&template.nama_berkas).to_string();
    let ws = match workspace_of(&app, &summary.workspace_id).await {
        Ok(ws) => ws,
        Err(r) => return r,
    };
    if crate::workbook::workbook_kind(&template.nama_berkas, &template.isi)
        == Some(crate::workbook::WorkbookKind::Xls)
    {
        return official_attachment(
            document,
            &ws,
            E81.key,
            format!("{stem} (diisi Capaian).xlsx"),
        )
        .await;
    }
    let read = match crate::operations::template_reading(&app, &ws, &template).await {
        Ok(read) => read,
        Err(e) => return server_error(e),
    };
    let settings = summary.pengaturan.e81();
    let form = summary.form.clone();
    match tokio::task::spawn_blocking(move || {
        crate::workbook::filled_template(&template, &document, &read, &settings)
    })
    .await
    {
        Ok(Ok((bytes, _))) => attachment(bytes, &format!("{stem} (diisi Capaian).xlsx")),
        Ok(Err(e)) => crate::http::template_not_filled(&id, &form, &e.to_string()),
        Err(e) => server_error(e),
    }
}
