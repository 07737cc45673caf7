//! The JSON HTTP API for scripts, add-ins and the grid, under `/api/v1` (documented in the
//! README). Errors are [`ApiError`]s (see `super::error` for the statuses).

use app::pages::workspace::MAX_UPLOAD_BYTES;
use app::ssr::AppContext;
use app::types::Point;
use app::types::{
    BarisBerubah, CreateOutcome, EditOutcome, EditRequest, EventFilter, KonflikSel, SelBentrok,
    SelDikirim, SelTerkunci, SelTersimpan, SimpanSel,
};
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Path, Query, State};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use capaian_domain::edit::{self, Cell};
use capaian_domain::workspace::WorkspaceInput;
use serde::Deserialize;
use serde_json::json;

use super::error::ApiError;
use super::gate;
use super::{attachment, Aktor, WebState};
use crate::akun as auth;
use crate::operations;
use app::akses::{Aksi, Langkah};

/// The most cells one PATCH may carry.
pub const MAX_CELLS_PER_PATCH: usize = 25_000;

/// The API's routes, to be merged into the app's router.
pub fn routes() -> Router<WebState> {
    Router::new()
        .route(
            "/api/v1/ruang-kerja",
            get(list_workspaces).post(create_workspace),
        )
        .route("/api/v1/ruang-kerja/{id}", get(get_workspace))
        .route(
            "/api/v1/ruang-kerja/{id}/pengaturan",
            get(get_settings).put(put_settings),
        )
        .route(
            "/api/v1/ruang-kerja/{id}/dokumen",
            post(upload).layer(DefaultBodyLimit::max(MAX_UPLOAD_BYTES)),
        )
        .route("/api/v1/dokumen/{id}", get(get_document))
        .route(&app::grid::grid_data_href("{id}"), get(grid_data))
        .route(
            "/api/v1/dokumen/{id}/sel",
            axum::routing::patch(patch_cells).layer(DefaultBodyLimit::max(32 * 1024 * 1024)),
        )
        .route("/api/v1/dokumen/{id}/aktivitas", get(activity))
        .route(
            "/api/v1/dokumen/{id}/pengajuan",
            get(list_submissions).post(submit),
        )
        .route("/api/v1/dokumen/{id}/buka-kunci", post(unlock))
        .route(
            "/api/v1/dokumen/{id}/perubahan-anggaran",
            post(budget_change),
        )
        .route("/api/v1/dokumen/{id}/anggaran", get(budget))
        .route("/api/v1/dokumen/{id}/perbedaan", get(diff))
        .route("/api/v1/dokumen/{id}/alur", post(workflow))
        .route("/api/v1/dokumen/{id}/catatan", get(list_notes).post(note))
        .route("/api/v1/dokumen/{id}/bidang", get(owners).put(set_owners))
        .route("/api/v1/masuk", post(login))
        .route("/api/v1/keluar", post(logout))
        .route("/api/v1/saya", get(me))
        .route("/api/v1/pengguna", get(list_accounts).post(create_account))
        .route(
            "/api/v1/pengguna/{login}",
            axum::routing::patch(update_account),
        )
        .route("/api/v1/pengajuan/{id}", get(get_submission))
        .route(
            "/api/v1/pengajuan/{id}/berkas/{jenis}",
            get(submission_file),
        )
}

type ApiResult = Result<Response, ApiError>;

fn ok(value: impl serde::Serialize) -> ApiResult {
    Ok(Json(value).into_response())
}

/// A typed answer with a status other than 200 (the wire contract's refusals).
fn answer(status: StatusCode, value: impl serde::Serialize) -> ApiResult {
    Ok((status, Json(value)).into_response())
}

fn created(value: impl serde::Serialize) -> ApiResult {
    Ok((StatusCode::CREATED, Json(value)).into_response())
}

/// A JSON body, or a located Indonesian reason why it is not one.
fn body<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    serde_json::from_slice(bytes).map_err(|e| {
        ApiError::invalid(format!(
            "Isi permintaan bukan JSON yang diharapkan (baris {}, kolom {}): {e}",
            e.line(),
            e.column()
        ))
    })
}

async fn list_workspaces(State(app): State<AppContext>) -> ApiResult {
    ok(app.store.list_workspaces().await?)
}

async fn create_workspace(
    State(app): State<AppContext>,
    Aktor(pelaku): Aktor,
    bytes: Bytes,
) -> ApiResult {
    operations::allow(&pelaku, Aksi::BuatRuangKerja)?;
    let input: WorkspaceInput = body(&bytes)?;
    match app::ssr::create_workspace(app.store.as_ref(), &input).await? {
        CreateOutcome::Created(ws) => created(ws),
        CreateOutcome::Invalid(errors) => Err(ApiError {
            status: StatusCode::UNPROCESSABLE_ENTITY,
            body: json!({
                "galat": "Ruang kerja tidak dibuat.",
                "isian": errors.iter().map(|e| json!({"isian": e.field.name(), "galat": e.message})).collect::<Vec<_>>(),
            }),
        }),
    }
}

async fn get_workspace(
    State(app): State<AppContext>,
    Aktor(pelaku): Aktor,
    Path(id): Path<String>,
) -> ApiResult {
    match app::ssr::workspace_overview(app.store.as_ref(), &id, pelaku).await? {
        Some(o) => ok(json!({ "ruang_kerja": o.workspace, "dokumen": o.documents })),
        None => Err(ApiError::not_found("Ruang kerja")),
    }
}

/// A workspace's computation settings and their version.
async fn get_settings(State(app): State<AppContext>, Path(id): Path<String>) -> ApiResult {
    let ws = app
        .store
        .get_workspace(&id)
        .await?
        .ok_or_else(|| ApiError::not_found("Ruang kerja"))?;
    settings_answer(&ws)
}

/// A workspace's settings as the API answers them.
fn settings_answer(ws: &app::types::Workspace) -> ApiResult {
    ok(json!({ "pengaturan": ws.pengaturan, "versi": ws.pengaturan_versi }))
}

#[derive(Deserialize)]
struct SettingsBody {
    pengaturan: capaian_domain::pengaturan::Pengaturan,
    /// The version the client saw (0 before the first change).
    #[serde(default)]
    versi: u64,
}

/// Replaces a workspace's computation settings if they are still at the version the client
/// saw (else 409). A custom scale with gaps or overlaps is refused (422) as it is read.
async fn put_settings(
    State(app): State<AppContext>,
    Aktor(pelaku): Aktor,
    Path(id): Path<String>,
    bytes: Bytes,
) -> ApiResult {
    operations::allow(&pelaku, Aksi::AturRuangKerja)?;
    let req: SettingsBody = body(&bytes)?;
    let ws = app
        .store
        .set_workspace_settings(&id, &req.pengaturan, req.versi)
        .await?
        .ok_or_else(|| ApiError::not_found("Ruang kerja"))?;
    settings_answer(&ws)
}

#[derive(Deserialize)]
struct UploadQuery {
    nama: Option<String>,
    /// A document of the workspace to merge the file into (its merge page decides what is
    /// accepted); absent: a new document.
    gabung: Option<String>,
}

/// The body is the .xlsx itself; `?nama=` gives its file name, `?gabung=` the document it
/// merges into.
async fn upload(
    State(app): State<AppContext>,
    Aktor(pelaku): Aktor,
    Path(id): Path<String>,
    Query(q): Query<UploadQuery>,
    bytes: Bytes,
) -> ApiResult {
    operations::allow(&pelaku, Aksi::Unggah)?;
    let ws = app
        .store
        .get_workspace(&id)
        .await?
        .ok_or_else(|| ApiError::not_found("Ruang kerja"))?;
    if bytes.is_empty() {
        return Err(ApiError::invalid(
            "Kirim isi berkas .xlsx sebagai badan permintaan.",
        ));
    }
    let nama = q.nama.unwrap_or_else(|| "unggahan.xlsx".into());
    if crate::workbook::workbook_kind(&nama, &bytes).is_none() {
        return Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            crate::workbook::not_a_workbook(&nama),
        ));
    }
    let tujuan = q.gabung.as_deref().filter(|g| !g.is_empty());
    match operations::receive_upload(&app, &ws, nama, bytes.to_vec(), false, tujuan).await? {
        operations::Upload::Imported(outcome) => {
            created(json!({ "dokumen": outcome.summary, "masalah": outcome.problems }))
        }
        // Nothing stored: the person decides on the mapping page (its address is given).
        operations::Upload::NeedsMapping {
            pending_id,
            decisions,
        } => Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            Json(json!({
                "galat": format!(
                    "Workbook ini perlu dipetakan dulu: {}",
                    decisions.join(" ")
                ),
                "keputusan": decisions,
                "pemetaan": app::pages::pemetaan::mapping_href(&id, &pending_id),
            })),
        )
            .into_response()),
        // Nothing stored: the person accepts the values on the merge page (its address), or —
        // a Renja without a document — confirms the E.81 made of it there.
        operations::Upload::NeedsMerge { pending_id } => Ok((
            StatusCode::ACCEPTED,
            Json(json!({
                "pesan": "Berkas terbaca; lanjutkan di halamannya: terima nilai yang berbeda, atau (Renja tanpa dokumen) setujui dokumen E.81 yang dibuat darinya.",
                "gabung": app::pages::gabung::merge_href(&id, &pending_id),
            })),
        )
            .into_response()),
    }
}

/// What the document grid loads (`app::types::GridData`): the current document and its cell versions.
async fn grid_data(
    State(app): State<AppContext>,
    Aktor(pelaku): Aktor,
    Path(id): Path<String>,
) -> ApiResult {
    let stored = app
        .store
        .get_document(&id)
        .await?
        .ok_or_else(|| ApiError::not_found("Dokumen"))?;
    let penugasan = app.store.owners(&id).await?;
    let catatan = app.store.list_notes(&id).await?;
    // Field by field: the big part (the document) is serialised by the optimised domain core.
    let json = format!(
        "{{\"summary\":{},\"document\":{},\"versi_sel\":{},\"pelaku\":{},\"penugasan\":{},\"catatan\":{}}}",
        json_text(&stored.summary)?,
        stored.document.to_json(),
        json_text(&stored.versi_sel)?,
        json_text(&pelaku)?,
        json_text(&penugasan)?,
        json_text(&catatan)?,
    );
    Ok((
        [(
            axum::http::header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        json,
    )
        .into_response())
}

async fn get_document(State(app): State<AppContext>, Path(id): Path<String>) -> ApiResult {
    let stored = app
        .store
        .get_document(&id)
        .await?
        .ok_or_else(|| ApiError::not_found("Dokumen"))?;
    let (hasil, masalah) =
        capaian_domain::e81::compute(&stored.document, &stored.summary.pengaturan.e81());
    ok(json!({
        "ringkasan": stored.summary,
        "dokumen": stored.document,
        "versi_sel": stored.versi_sel,
        "hasil": hasil,
        "masalah": masalah,
        "masalah_impor": stored.problems,
    }))
}

/// A value as JSON text.
fn json_text<T: serde::Serialize>(value: &T) -> Result<String, ApiError> {
    serde_json::to_string(value).map_err(|e| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, e))
}

/// Turns one requested cell into an edit, or says in Indonesian why it cannot be one.
fn edit_request(p: SelDikirim) -> Result<EditRequest, String> {
    let cell = Cell::parse_key(&p.kolom).ok_or_else(|| {
        format!(
            "Baris {}: kolom '{}' tidak dikenal (contoh: target_k, tw2_rp, penghambat_tw3).",
            p.baris, p.kolom
        )
    })?;
    let nilai = edit::parse_input(cell, &p.nilai.teks())
        .map_err(|e| format!("Baris {}, {}: {e}", p.baris, cell.label()))?;
    Ok(EditRequest {
        baris: p.baris,
        kolom: cell,
        nilai,
        versi: p.versi,
    })
}

async fn patch_cells(
    State(app): State<AppContext>,
    Aktor(pelaku): Aktor,
    Path(id): Path<String>,
    bytes: Bytes,
) -> ApiResult {
    operations::allow(&pelaku, Aksi::UbahSel)?;
    let req: SimpanSel = body(&bytes)?;
    let oleh = operations::name_of(&pelaku, &req.oleh)?;
    if req.perubahan.is_empty() {
        return Err(ApiError::invalid("Tidak ada sel yang dikirim."));
    }
    if req.perubahan.len() > MAX_CELLS_PER_PATCH {
        return Err(ApiError::invalid(format!(
            "Terlalu banyak sel dalam satu permintaan ({}); paling banyak {MAX_CELLS_PER_PATCH}.",
            req.perubahan.len()
        )));
    }
    let edits = req
        .perubahan
        .into_iter()
        .map(edit_request)
        .collect::<Result<Vec<_>, _>>()
        .map_err(ApiError::invalid)?;
    operations::check_rows(&app, &pelaku, &id, edits.iter().map(|e| e.baris)).await?;
    let outcome = app
        .store
        // Positions name rows as the client read them (absent: 0, the import's rows).
        .apply_edits(&id, &oleh, Some(req.bentuk), edits)
        .await?
        .ok_or_else(|| ApiError::not_found("Dokumen"))?;
    match outcome {
        EditOutcome::Applied {
            versi,
            sel,
            turunan,
            ..
        } => ok(SelTersimpan {
            versi,
            sel,
            turunan,
        }),
        EditOutcome::Conflict(conflicts) => answer(
            StatusCode::CONFLICT,
            SelBentrok {
                galat: format!(
                    "{} sel sudah diubah orang lain sejak Anda memuatnya; tidak ada yang disimpan. Periksa nilai sekarang lalu kirim lagi.",
                    conflicts.len()
                ),
                konflik: conflicts.into_iter().map(KonflikSel::from).collect(),
            },
        ),
        EditOutcome::Locked {
            baris,
            kolom,
            triwulan,
        } => answer(
            StatusCode::LOCKED,
            SelTerkunci {
                galat: format!(
                    "Baris {baris}, {}: Triwulan {} sudah diajukan dan terkunci. Buka kunci dulu dengan alasan; tidak ada yang disimpan.",
                    kolom.label(),
                    app::format::romawi(triwulan)
                ),
                baris,
                kolom,
                triwulan,
            },
        ),
        EditOutcome::Invalid(message) => Err(ApiError::invalid(message)),
        EditOutcome::RowsChanged { bentuk } => answer(
            StatusCode::CONFLICT,
            BarisBerubah {
                galat: format!(
                    "Baris dokumen ini bertambah (berkas yang digabung menambah baris, peristiwa {bentuk}) sejak posisi baris yang dikirim dibaca; tidak ada yang disimpan. Muat dokumen lagi dan kirim dengan \"bentuk\": {bentuk}."
                ),
                bentuk,
            },
        ),
    }
}

#[derive(Deserialize)]
struct ActivityQuery {
    baris: Option<usize>,
    oleh: Option<String>,
    batas: Option<usize>,
}

async fn activity(
    State(app): State<AppContext>,
    Path(id): Path<String>,
    Query(q): Query<ActivityQuery>,
) -> ApiResult {
    let filter = EventFilter {
        baris: q.baris,
        oleh: q.oleh.filter(|o| !o.trim().is_empty()),
        batas: q.batas,
    };
    match app::ssr::activity(app.store.as_ref(), &id, filter).await? {
        Some(view) => ok(json!({
            "orang": view.orang,
            "peristiwa": view.peristiwa.into_iter().map(|(e, label)| json!({"peristiwa": e, "baris_label": label})).collect::<Vec<_>>(),
        })),
        None => Err(ApiError::not_found("Dokumen")),
    }
}

#[derive(Deserialize)]
struct SubmitBody {
    triwulan: u8,
    #[serde(default)]
    oleh: String,
}

async fn submit(
    State(app): State<AppContext>,
    Aktor(pelaku): Aktor,
    Path(id): Path<String>,
    bytes: Bytes,
) -> ApiResult {
    let req: SubmitBody = body(&bytes)?;
    created(operations::submit_quarter(&app, &pelaku, &id, req.triwulan, &req.oleh).await?)
}

/// 404 unless the document exists (for lists that would otherwise answer an empty list).
async fn document_exists(app: &AppContext, id: &str) -> Result<(), ApiError> {
    match app.store.document_summary(id).await? {
        Some(_) => Ok(()),
        None => Err(ApiError::not_found("Dokumen")),
    }
}

async fn list_submissions(State(app): State<AppContext>, Path(id): Path<String>) -> ApiResult {
    document_exists(&app, &id).await?;
    ok(app.store.list_submissions(&id).await?)
}

async fn get_submission(State(app): State<AppContext>, Path(id): Path<String>) -> ApiResult {
    match app.store.get_submission(&id).await? {
        Some(s) => ok(s),
        None => Err(ApiError::not_found("Pengajuan")),
    }
}

async fn submission_file(
    State(app): State<AppContext>,
    Path((id, jenis)): Path<(String, String)>,
) -> ApiResult {
    let (info, bytes) = app
        .store
        .get_submission_file(&id, &jenis)
        .await?
        .ok_or_else(|| ApiError::not_found("Berkas pengajuan"))?;
    let mut response = attachment(bytes, &info.nama);
    if let Ok(sha) = HeaderValue::from_str(&info.sha256) {
        response.headers_mut().insert("x-capaian-sha256", sha);
    }
    Ok(response)
}

#[derive(Deserialize)]
struct UnlockBody {
    triwulan: u8,
    #[serde(default)]
    oleh: String,
    alasan: String,
}

async fn unlock(
    State(app): State<AppContext>,
    Aktor(pelaku): Aktor,
    Path(id): Path<String>,
    bytes: Bytes,
) -> ApiResult {
    let req: UnlockBody = body(&bytes)?;
    let versi =
        operations::unlock_quarter(&app, &pelaku, &id, req.triwulan, &req.oleh, &req.alasan)
            .await?;
    ok(json!({ "versi": versi, "triwulan": req.triwulan }))
}

#[derive(Deserialize)]
struct BudgetBody {
    #[serde(default)]
    oleh: String,
    alasan: String,
}

async fn budget_change(
    State(app): State<AppContext>,
    Aktor(pelaku): Aktor,
    Path(id): Path<String>,
    bytes: Bytes,
) -> ApiResult {
    let req: BudgetBody = body(&bytes)?;
    let versi = operations::start_budget_change(&app, &pelaku, &id, &req.oleh, &req.alasan).await?;
    ok(json!({ "versi": versi }))
}

async fn budget(State(app): State<AppContext>, Path(id): Path<String>) -> ApiResult {
    match app::ssr::budget_comparison(app.store.as_ref(), &id).await? {
        Some(view) => ok(view),
        None => Err(ApiError::not_found("Dokumen")),
    }
}

#[derive(Deserialize)]
struct DiffQuery {
    dari: Option<String>,
    ke: Option<String>,
    format: Option<String>,
}

async fn diff(
    State(app): State<AppContext>,
    Path(id): Path<String>,
    Query(q): Query<DiffQuery>,
) -> ApiResult {
    let dari = Point::parse(q.dari.as_deref().unwrap_or("awal"));
    let ke = Point::parse(q.ke.as_deref().unwrap_or("sekarang"));
    let view = app::ssr::diff(app.store.as_ref(), &id, &dari, &ke)
        .await?
        .ok_or_else(|| ApiError::not_found("Dokumen"))?;
    if q.format.as_deref() == Some("xlsx") {
        let name = crate::workbook::diff_filename(&view);
        let bytes = crate::workbook::diff_workbook(&view)
            .map_err(|e| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, e))?;
        return Ok(attachment(bytes, &name));
    }
    ok(view)
}

#[derive(Deserialize)]
struct WorkflowBody {
    triwulan: u8,
    /// `ajukan`, `setujui` or `kembalikan`.
    langkah: String,
    #[serde(default)]
    alasan: String,
    /// The name on a single PC (on a LAN the session's account is logged).
    #[serde(default)]
    oleh: String,
}

/// A workflow step: Draf → Diajukan (perencana), Diajukan → Disetujui or back to Draf (kepala).
async fn workflow(
    State(app): State<AppContext>,
    Aktor(pelaku): Aktor,
    Path(id): Path<String>,
    bytes: Bytes,
) -> ApiResult {
    let req: WorkflowBody = body(&bytes)?;
    let langkah = Langkah::from_key(&req.langkah).ok_or_else(|| {
        ApiError::invalid(format!(
            "Langkah '{}' tidak dikenal: pakai ajukan, setujui atau kembalikan (memfinalkan: POST …/pengajuan).",
            req.langkah
        ))
    })?;
    let versi = operations::workflow_step(
        &app,
        &pelaku,
        &id,
        langkah,
        req.triwulan,
        &req.oleh,
        &req.alasan,
    )
    .await?;
    // The step was taken: the quarter is now in the stage it leads to.
    let (_, tahap) = langkah.dari_ke();
    ok(json!({ "versi": versi, "triwulan": req.triwulan, "tahap": tahap }))
}

#[derive(Deserialize)]
struct NoteBody {
    triwulan: u8,
    baris: usize,
    catatan: String,
    #[serde(default)]
    oleh: String,
    /// The rows `baris` was read from (`DocumentSummary::bentuk`; absent: the import's).
    #[serde(default)]
    bentuk: u64,
}

async fn note(
    State(app): State<AppContext>,
    Aktor(pelaku): Aktor,
    Path(id): Path<String>,
    bytes: Bytes,
) -> ApiResult {
    let req: NoteBody = body(&bytes)?;
    let versi = operations::set_note(
        &app,
        &pelaku,
        &id,
        operations::NoteAt {
            triwulan: req.triwulan,
            baris: req.baris,
            bentuk: req.bentuk,
        },
        &req.oleh,
        &req.catatan,
    )
    .await?;
    ok(json!({ "versi": versi }))
}

async fn list_notes(State(app): State<AppContext>, Path(id): Path<String>) -> ApiResult {
    document_exists(&app, &id).await?;
    ok(app.store.list_notes(&id).await?)
}

async fn owners(State(app): State<AppContext>, Path(id): Path<String>) -> ApiResult {
    document_exists(&app, &id).await?;
    let owners = app.store.owners(&id).await?;
    ok(owners
        .into_iter()
        .map(|(baris, bidang)| json!({ "baris": baris, "bidang": bidang }))
        .collect::<Vec<_>>())
}

#[derive(Deserialize)]
struct OwnerBody {
    baris: usize,
    /// null or "" assigns the row to nobody.
    bidang: Option<String>,
}

#[derive(Deserialize)]
struct OlehQuery {
    /// The name on a single PC (on a LAN the session's account is logged).
    #[serde(default)]
    oleh: String,
    /// The rows the positions were read from (`DocumentSummary::bentuk`; absent: the import's).
    #[serde(default)]
    bentuk: u64,
}

async fn set_owners(
    State(app): State<AppContext>,
    Aktor(pelaku): Aktor,
    Path(id): Path<String>,
    Query(q): Query<OlehQuery>,
    bytes: Bytes,
) -> ApiResult {
    let req: Vec<OwnerBody> = body(&bytes)?;
    let changes = req.into_iter().map(|o| (o.baris, o.bidang)).collect();
    let versi = operations::set_owners(&app, &pelaku, &id, &q.oleh, changes, q.bentuk).await?;
    ok(json!({ "versi": versi }))
}

#[derive(Deserialize)]
struct LoginBody {
    nama_pengguna: String,
    kata_sandi: String,
}

/// Logs in: sets the session cookie (HttpOnly, SameSite=Strict) and answers the account.
async fn login(
    State(app): State<AppContext>,
    State(auth): State<std::sync::Arc<auth::Auth>>,
    connect: Option<axum::Extension<axum::extract::ConnectInfo<std::net::SocketAddr>>>,
    bytes: Bytes,
) -> ApiResult {
    if !app.lan {
        return Err(ApiError::invalid(
            "Capaian berjalan tanpa akun (hanya di komputer ini): tidak perlu masuk.",
        ));
    }
    let req: LoginBody = body(&bytes)?;
    let ip = gate::client_ip(connect);
    let (akun, token) = auth::login(&app, &auth, ip, &req.nama_pengguna, &req.kata_sandi).await?;
    Ok(gate::with_cookie(
        Json(akun).into_response(),
        gate::session_cookie(&token),
    ))
}

async fn logout(State(app): State<AppContext>, headers: axum::http::HeaderMap) -> ApiResult {
    auth::logout(&app, gate::session_token(&headers).as_deref()).await?;
    Ok(gate::with_cookie(
        Json(json!({ "keluar": true })).into_response(),
        gate::cleared_cookie(),
    ))
}

async fn me(State(app): State<AppContext>, Aktor(pelaku): Aktor) -> ApiResult {
    ok(json!({ "pelaku": pelaku, "lan": app.lan }))
}

async fn list_accounts(State(app): State<AppContext>, Aktor(pelaku): Aktor) -> ApiResult {
    operations::allow(&pelaku, Aksi::KelolaAkun)?;
    ok(app.store.list_accounts().await?)
}

async fn create_account(
    State(app): State<AppContext>,
    Aktor(pelaku): Aktor,
    bytes: Bytes,
) -> ApiResult {
    operations::allow(&pelaku, Aksi::KelolaAkun)?;
    let form: auth::AccountForm = body(&bytes)?;
    created(auth::create_account(&app, &form, false).await?)
}

async fn update_account(
    State(app): State<AppContext>,
    Aktor(pelaku): Aktor,
    Path(login): Path<String>,
    bytes: Bytes,
) -> ApiResult {
    operations::allow(&pelaku, Aksi::KelolaAkun)?;
    let change: auth::AccountChange = body(&bytes)?;
    ok(auth::update_account(&app, &pelaku, &login, &change).await?)
}
