//! The mapping step of an upload: what the mapping page shows (built from the reader's
//! [`Reading`]), the person's choices read back from its form, and the routes that read the
//! workbook again, confirm (remember the mapping by the layout's signature, then import), or
//! change and forget a remembered mapping. Nothing here knows a form's columns: the roles come
//! from the form's profile (`capaian_xlsx::choices`).

use std::str::FromStr;

use app::akses::{Aksi, Pelaku};
use app::pages::pemetaan::{
    mapping_href, mapping_page_html, saved_mapping_action, saved_mapping_page_html, CODE_FIELD,
    COLUMN_FIELD, LEVEL_FIELD, MAPPING_ERROR_QUERY, SCALES, SCALE_FIELD,
};
use app::ssr::AppContext;
use app::types::{
    BarisPratinjau, Keyakinan, KolomPemetaan, PemetaanPage, PemetaanTersimpan, PemetaanView,
    PilihanPeran, SaranKode, Workspace,
};
use axum::extract::{Path as UrlPath, Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Form, Router};
use capaian_domain::model::{Level, Severity};
use capaian_domain::nomenklatur::JenisPemda;
use capaian_xlsx::choices::{is_money_role, role_choices, role_from_token, role_token};
use capaian_xlsx::mapping::role_label;
use capaian_xlsx::{
    ColumnOverride, Confidence, Decision, FormProfile, KodeOverride, LevelOverride, ReadOptions,
    Reading, RowReading,
};
use leptos::prelude::LeptosOptions;
use rust_decimal::Decimal;

use crate::http::{encode, not_found, refused, server_error, stylesheet, Aktor, WebState};
use crate::operations::{self, OperationError};

/// The routes of the mapping step, merged into the app's router.
pub fn routes() -> Router<WebState> {
    Router::new()
        .route(
            &mapping_href("{id}", "{tid}"),
            get(mapping_page).post(mapping_form),
        )
        .route(
            &saved_mapping_action("{id}", "{mid}"),
            get(saved_mapping_page).post(saved_mapping_form),
        )
}

/// The query of a page that says why its last action was refused.
#[derive(serde::Deserialize)]
pub(crate) struct PageQuery {
    pub galat: Option<String>,
}

/// Back to the workspace, saying the upload no longer waits (on its mapping or merge page).
pub(crate) fn gone(workspace_id: &str) -> Response {
    Redirect::to(&format!(
        "/ruang-kerja/{workspace_id}?{}",
        encode(&[(
            app::pages::workspace::UPLOAD_ERROR_QUERY,
            "Unggahan ini sudah tidak menunggu (sudah diimpor atau digabungkan, dibatalkan, atau lewat seminggu). Unggah lagi bila perlu."
        )])
    ))
    .into_response()
}

/// `GET /ruang-kerja/{id}/pemetaan/{tid}`: the mapping page of a waiting upload.
async fn mapping_page(
    State(app): State<AppContext>,
    State(options): State<LeptosOptions>,
    Aktor(pelaku): Aktor,
    UrlPath((id, tid)): UrlPath<(String, String)>,
    Query(q): Query<PageQuery>,
) -> Response {
    if let Some(r) = refused(&pelaku, Aksi::Unggah) {
        return r;
    }
    match app.store.get_pending(&tid).await {
        Ok(Some(p)) if p.workspace_id == id => Html(mapping_page_html(
            PemetaanPage {
                tampilan: p.tampilan,
                lan: app.lan,
            },
            q.galat,
            &stylesheet(&options),
        ))
        .into_response(),
        Ok(_) => gone(&id),
        Err(e) => server_error(e),
    }
}

/// `GET /ruang-kerja/{id}/pemetaan-tersimpan/{mid}`: a remembered mapping's page.
async fn saved_mapping_page(
    State(app): State<AppContext>,
    State(options): State<LeptosOptions>,
    Aktor(pelaku): Aktor,
    UrlPath((id, mid)): UrlPath<(String, String)>,
    Query(q): Query<PageQuery>,
) -> Response {
    let (ws, saved) = match (
        app.store.get_workspace(&id).await,
        app.store.list_mappings(&id).await,
    ) {
        (Ok(Some(ws)), Ok(list)) => (ws, list.into_iter().find(|m| m.id == mid)),
        (Ok(None), _) => return not_found("Ruang kerja"),
        (Err(e), _) | (_, Err(e)) => return server_error(e),
    };
    let Some(saved) = saved else {
        return not_found("Pemetaan kolom");
    };
    let may_change = pelaku.boleh(Aksi::Unggah);
    Html(saved_mapping_page_html(
        saved,
        ws,
        may_change,
        q.galat,
        &stylesheet(&options),
    ))
    .into_response()
}

fn keyakinan_of(c: Confidence) -> Keyakinan {
    match c {
        Confidence::High => Keyakinan::Tinggi,
        Confidence::Medium => Keyakinan::Sedang,
        Confidence::Low => Keyakinan::Rendah,
    }
}

/// The roles the page offers for `form` (none for a form kind Capaian does not know).
fn choices_of(form: &str) -> Vec<PilihanPeran> {
    FormProfile::of(form)
        .map(|profile| role_choices(&profile))
        .unwrap_or_default()
        .iter()
        .map(|r| PilihanPeran {
            token: role_token(r),
            label: role_label(r),
            uang: is_money_role(r),
        })
        .collect()
}

/// The header's texts over a column, top to bottom, a merged title once.
fn header_text(texts: &[String]) -> String {
    let mut out: Vec<&str> = Vec::new();
    for t in texts.iter().map(|t| t.trim()).filter(|t| !t.is_empty()) {
        if out.last() != Some(&t) {
            out.push(t);
        }
    }
    out.join(" / ")
}

/// A blocking decision: there is nothing to store (no data rows). The others (no money
/// read, zero totals, columns without a role, doubtful roles and levels) are the person's to
/// settle: confirming the page answers them.
fn blocks(d: &Decision) -> bool {
    matches!(d, Decision::TanpaBarisData { .. })
}

/// What the mapping page shows of a reading. `options`: the person's choices in force (their
/// columns and rows are marked as chosen).
pub fn view_of(
    reading: &Reading,
    workspace: &Workspace,
    nama_berkas: &str,
    versi_tersimpan: u64,
    options: &ReadOptions,
) -> PemetaanView {
    let m = &reading.mapping;
    let kolom: Vec<KolomPemetaan> = m
        .columns
        .iter()
        .map(|c| KolomPemetaan {
            col: c.col,
            letter: c.letter.clone(),
            header: header_text(&c.header),
            peran: role_token(&c.role),
            label: c.label.clone(),
            skala: c
                .scale
                .map_or_else(|| "1".to_string(), |s| s.normalize().to_string()),
            keyakinan: if options.columns.iter().any(|o| o.col == c.col) {
                Keyakinan::Dipilih
            } else {
                keyakinan_of(c.confidence)
            },
            bukti: c.evidence.clone(),
            terisi: c.filled,
            angka: c.numbers,
        })
        .collect();
    let baris = reading
        .preview
        .iter()
        .map(|p| {
            let (tingkat, dibaca) = match &p.read_as {
                RowReading::Baris { level, .. } => (
                    Some(level.key().to_string()),
                    app::format::nama_level(*level).to_string(),
                ),
                RowReading::Dilewati => (None, "dilewati".to_string()),
                RowReading::Akhir => (None, "akhir data".to_string()),
            };
            BarisPratinjau {
                baris_sheet: p.sheet_row,
                sel: kolom
                    .iter()
                    .map(|k| {
                        p.cells
                            .iter()
                            .find(|(c, _)| *c == k.col)
                            .map(|(_, t)| t.clone())
                            .unwrap_or_default()
                    })
                    .collect(),
                tingkat,
                dibaca,
                dipilih: options.levels.iter().any(|l| l.sheet_row == p.sheet_row),
            }
        })
        .collect();
    let (penghalang, keputusan): (Vec<&Decision>, Vec<&Decision>) =
        reading.decisions.iter().partition(|d| blocks(d));
    let masalah = reading
        .problem_groups
        .iter()
        .map(|g| {
            (
                app::format::nama_tingkat(g.severity).to_string(),
                g.message.clone(),
            )
        })
        .collect();
    PemetaanView {
        id: String::new(),
        workspace: workspace.clone(),
        nama_berkas: nama_berkas.to_string(),
        form: m.form.clone(),
        sheet: m.sheet.clone(),
        tanda: m.signature.clone(),
        versi_tersimpan,
        kolom,
        pilihan: choices_of(&m.form),
        baris,
        ringkasan: summary_lines(reading, &workspace.pengaturan.e81()),
        keputusan: keputusan.iter().map(|d| d.message().to_string()).collect(),
        penghalang: penghalang.iter().map(|d| d.message().to_string()).collect(),
        masalah,
        tingkat_dipilih: options
            .levels
            .iter()
            .map(|l| (l.sheet_row, l.level.key().to_string()))
            .collect(),
        saran_kode: reading
            .kode_suggestions
            .iter()
            .map(|s| SaranKode {
                baris_sheet: s.sheet_row,
                label: format!(
                    "{} '{}' (baris {}){}",
                    app::format::nama_level(s.level),
                    s.name,
                    s.sheet_row,
                    if s.exact {
                        ": nama ini dipakai beberapa nomenklatur"
                    } else {
                        ": nama mirip dengan nomenklatur"
                    }
                ),
                pilihan: s
                    .candidates
                    .iter()
                    .map(|c| {
                        (
                            c.kode.clone(),
                            format!("{} — {} (kemiripan {}%)", c.kode, c.name, c.score),
                        )
                    })
                    .collect(),
            })
            .collect(),
        saran_indikator: reading
            .indicator_suggestions
            .iter()
            .map(|s| {
                let mut parts = Vec::new();
                if let Some(i) = &s.indicator {
                    parts.push(format!("indikator '{i}'"));
                }
                if let Some(u) = &s.unit {
                    parts.push(format!("satuan '{u}'"));
                }
                format!(
                    "Baris {} (sub kegiatan {}): nomenklatur menyarankan {}. Isi di lembar kerja setelah impor bila sesuai.",
                    s.sheet_row,
                    s.kode,
                    parts.join(" dan ")
                )
            })
            .collect(),
        kode_dipilih: options
            .kodes
            .iter()
            .map(|k| (k.sheet_row, k.kode.clone()))
            .collect(),
    }
}

/// What was read, one line each: rows per level, the totals, the scales.
fn summary_lines(reading: &Reading, settings: &capaian_domain::e81::E81Settings) -> Vec<String> {
    let doc = &reading.import.document;
    let count = |l: Level| doc.rows.iter().filter(|r| r.level == l).count();
    let mut lines = vec![format!(
        "{} baris dibaca: {} program, {} kegiatan, {} sub kegiatan, {} indikator tambahan.",
        doc.rows.len(),
        count(Level::Program),
        count(Level::Kegiatan),
        count(Level::SubKegiatan),
        count(Level::Indikator)
    )];
    let (computed, _) = capaian_domain::e81::compute(doc, settings);
    let t = &computed.totals;
    lines.push(format!(
        "Pagu (Σ program): {} · Realisasi s.d. triwulan terakhir: Rp {} · Capaian rata-rata: {} · Predikat: {}",
        app::format::pagu(t),
        app::format::angka(t.realisasi_rp),
        app::format::persen(t.rata_rata_capaian),
        t.predikat.clone().unwrap_or_else(|| "-".into())
    ));
    let scaled: Vec<String> = reading
        .mapping
        .columns
        .iter()
        .filter(|c| c.scale.is_some_and(|s| s != Decimal::ONE))
        .map(|c| c.letter.clone())
        .collect();
    if !scaled.is_empty() {
        lines.push(format!(
            "Nilai rupiah ditulis dalam ribuan di kolom {}: dikalikan 1.000 saat dibaca.",
            scaled.join(", ")
        ));
    }
    let count_of = |s: Severity| {
        reading
            .import
            .problems
            .iter()
            .filter(|p| p.severity == s)
            .count()
    };
    lines.push(format!(
        "Saat membaca: {} galat, {} peringatan, {} catatan (dari {} sebab, dirinci di bawah).",
        count_of(Severity::Error),
        count_of(Severity::Warning),
        count_of(Severity::Info),
        reading.problem_groups.len()
    ));
    lines
}

/// What every upload of `workspace` is read with: the national nomenclature checks the codes
/// (and finds those a file does not state, by exact name), for the kind of region the
/// workspace's kabupaten/kota says.
pub fn base_options(workspace: &Workspace) -> ReadOptions {
    ReadOptions {
        nomenklatur: true,
        jenis_pemda: JenisPemda::of_region(&workspace.kabupaten),
        ..ReadOptions::default()
    }
}

/// The person's choices as options for the reader, over `base`: every column given, with its
/// scale when it holds rupiah; the rows' levels and codes given.
pub fn options_of(
    base: ReadOptions,
    kolom: &[KolomPemetaan],
    tingkat: &[(u32, String)],
    kodes: &[(u32, String)],
) -> ReadOptions {
    ReadOptions {
        kodes: kodes
            .iter()
            .map(|(sheet_row, kode)| KodeOverride {
                sheet_row: *sheet_row,
                kode: kode.clone(),
            })
            .collect(),
        columns: kolom
            .iter()
            .filter_map(|k| {
                let role = role_from_token(&k.peran)?;
                let scale = if is_money_role(&role) {
                    Decimal::from_str(&k.skala)
                        .ok()
                        .filter(|s| *s > Decimal::ZERO)
                } else {
                    None
                };
                Some(ColumnOverride {
                    col: k.col,
                    role,
                    scale,
                })
            })
            .collect(),
        levels: tingkat
            .iter()
            .filter_map(|(row, key)| {
                Level::parse(key).map(|level| LevelOverride {
                    sheet_row: *row,
                    level,
                })
            })
            .collect(),
        ..base
    }
}

/// The fields of a submitted mapping form.
struct Submitted<'a>(&'a [(String, String)]);

impl Submitted<'_> {
    fn get(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// The columns as the form sent them: a column changed, or chosen before, is the
    /// person's choice; the others stay as read.
    fn columns(&self, shown: &[KolomPemetaan]) -> Result<Vec<KolomPemetaan>, OperationError> {
        shown
            .iter()
            .map(|k| {
                let peran = self
                    .get(&format!("{COLUMN_FIELD}{}", k.col))
                    .unwrap_or(&k.peran);
                if role_from_token(peran).is_none() {
                    return Err(OperationError::Invalid(format!(
                        "Peran kolom {} tidak dikenal; pilih dari daftar.",
                        k.letter
                    )));
                }
                let skala = self
                    .get(&format!("{SCALE_FIELD}{}", k.col))
                    .unwrap_or(&k.skala);
                if !SCALES.iter().any(|(v, _)| *v == skala) {
                    return Err(OperationError::Invalid(format!(
                        "Satuan uang kolom {} tidak dikenal; pilih rupiah, ribuan atau jutaan.",
                        k.letter
                    )));
                }
                let changed = peran != k.peran || skala != k.skala;
                Ok(KolomPemetaan {
                    peran: peran.to_string(),
                    skala: skala.to_string(),
                    keyakinan: if changed || k.keyakinan == Keyakinan::Dipilih {
                        Keyakinan::Dipilih
                    } else {
                        k.keyakinan
                    },
                    ..k.clone()
                })
            })
            .collect()
    }

    /// The codes chosen for rows the nomenclature offered codes for (and those chosen before).
    fn codes(&self, view: &PemetaanView) -> Vec<(u32, String)> {
        let mut out: Vec<(u32, String)> = Vec::new();
        for s in &view.saran_kode {
            let sent = self
                .get(&format!("{CODE_FIELD}{}", s.baris_sheet))
                .unwrap_or_default();
            if s.pilihan.iter().any(|(k, _)| k == sent) {
                out.push((s.baris_sheet, sent.to_string()));
            }
        }
        for (row, kode) in &view.kode_dipilih {
            let offered_again = view.saran_kode.iter().any(|s| s.baris_sheet == *row);
            if !offered_again && !out.iter().any(|(r, _)| r == row) {
                out.push((*row, kode.clone()));
            }
        }
        out
    }

    /// The rows' levels: those changed, and those chosen before.
    fn levels(&self, view: &PemetaanView) -> Result<Vec<(u32, String)>, OperationError> {
        let mut out: Vec<(u32, String)> = Vec::new();
        for b in &view.baris {
            let Some(read) = &b.tingkat else { continue };
            let Some(sent) = self.get(&format!("{LEVEL_FIELD}{}", b.baris_sheet)) else {
                continue;
            };
            if Level::parse(sent).is_none() {
                return Err(OperationError::Invalid(format!(
                    "Tingkat baris {} tidak dikenal.",
                    b.baris_sheet
                )));
            }
            if sent != read || b.dipilih {
                out.push((b.baris_sheet, sent.to_string()));
            }
        }
        // Rows chosen before that are no longer in the preview keep their level.
        for (row, level) in &view.tingkat_dipilih {
            if !out.iter().any(|(r, _)| r == row)
                && !view.baris.iter().any(|b| b.baris_sheet == *row)
            {
                out.push((*row, level.clone()));
            }
        }
        Ok(out)
    }
}

/// The columns chosen by the person (the others as the engine read them).
fn chosen_options(
    base: ReadOptions,
    kolom: &[KolomPemetaan],
    tingkat: &[(u32, String)],
    kodes: &[(u32, String)],
) -> ReadOptions {
    let chosen: Vec<KolomPemetaan> = kolom
        .iter()
        .filter(|k| k.keyakinan == Keyakinan::Dipilih)
        .cloned()
        .collect();
    options_of(base, &chosen, tingkat, kodes)
}

/// `POST /ruang-kerja/{id}/pemetaan/{tid}`: read again with the choices (`aksi=baca`),
/// confirm and import (`impor`), or cancel (`batal`).
async fn mapping_form(
    State(app): State<AppContext>,
    Aktor(pelaku): Aktor,
    UrlPath((id, tid)): UrlPath<(String, String)>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    if let Some(r) = refused(&pelaku, Aksi::Unggah) {
        return r;
    }
    let page = mapping_href(&id, &tid);
    let back = |e: OperationError| {
        let query = encode(&[(MAPPING_ERROR_QUERY, e.to_string().as_str())]);
        Redirect::to(&format!("{page}?{query}")).into_response()
    };
    match confirm(&app, &pelaku, &id, &tid, &Submitted(&fields)).await {
        Ok(Confirmed::Again) => Redirect::to(&page).into_response(),
        Ok(Confirmed::Imported(doc)) => Redirect::to(&format!("/dokumen/{doc}")).into_response(),
        Ok(Confirmed::Merge) => {
            Redirect::to(&app::pages::gabung::merge_href(&id, &tid)).into_response()
        }
        Ok(Confirmed::Cancelled) => Redirect::to(&format!("/ruang-kerja/{id}")).into_response(),
        Ok(Confirmed::Gone) => gone(&id),
        Err(OperationError::Store(e)) => server_error(e),
        Err(e) => back(e),
    }
}

enum Confirmed {
    Again,
    Imported(String),
    /// Read as confirmed; it merges into a document: its merge page next.
    Merge,
    Cancelled,
    Gone,
}

async fn confirm(
    app: &AppContext,
    pelaku: &Pelaku,
    workspace_id: &str,
    tid: &str,
    form: &Submitted<'_>,
) -> Result<Confirmed, OperationError> {
    let Some(pending) = app.store.get_pending(tid).await? else {
        return Ok(Confirmed::Gone);
    };
    if pending.workspace_id != workspace_id {
        return Ok(Confirmed::Gone);
    }
    let aksi = form.get("aksi").unwrap_or("baca");
    if aksi == "batal" {
        app.store.delete_pending(tid).await?;
        return Ok(Confirmed::Cancelled);
    }
    let Some(workspace) = app.store.get_workspace(workspace_id).await? else {
        return Err(OperationError::NotFound("Ruang kerja"));
    };
    let Some(bytes) = app.store.get_pending_file(tid).await? else {
        return Ok(Confirmed::Gone);
    };
    let shown = &pending.tampilan;
    let kolom = form.columns(&shown.kolom)?;
    let tingkat = form.levels(shown)?;
    let kodes = form.codes(shown);
    let options = chosen_options(base_options(&workspace), &kolom, &tingkat, &kodes);
    let (reading, bytes) = operations::review(bytes, options.clone()).await?;
    let mut view = view_of(
        &reading,
        &workspace,
        &pending.nama_berkas,
        shown.versi_tersimpan,
        &options,
    );
    if aksi != "impor" {
        app.store.update_pending(tid, &view).await?;
        return Ok(Confirmed::Again);
    }
    if !view.penghalang.is_empty() {
        app.store.update_pending(tid, &view).await?;
        return Err(OperationError::Invalid(format!(
            "Belum dapat diimpor: {}",
            view.penghalang.join(" ")
        )));
    }
    let oleh = operations::name_of(pelaku, form.get("oleh").unwrap_or_default())?;
    let expected = form
        .get("versi")
        .and_then(|v| v.parse::<u64>().ok())
        .unwrap_or(shown.versi_tersimpan);
    let saved = app
        .store
        .save_mapping(PemetaanTersimpan {
            id: String::new(),
            workspace_id: workspace.id.clone(),
            tanda: view.tanda.clone(),
            form: view.form.clone(),
            sheet: view.sheet.clone(),
            nama_berkas: pending.nama_berkas.clone(),
            kolom: view.kolom.clone(),
            pilihan: view.pilihan.clone(),
            oleh,
            waktu: String::new(),
            versi: expected,
        })
        .await?;
    if let Err(now) = saved {
        view.versi_tersimpan = now;
        app.store.update_pending(tid, &view).await?;
        return Err(OperationError::MappingChanged(now));
    }
    if pending.tujuan.is_some() {
        app.store
            .set_pending_reading(tid, &reading.import.document)
            .await?;
        return Ok(Confirmed::Merge);
    }
    let outcome = operations::store_import(
        app,
        &workspace,
        pending.nama_berkas.clone(),
        bytes,
        reading.import,
    )
    .await?;
    app.store.delete_pending(tid).await?;
    Ok(Confirmed::Imported(outcome.summary.id))
}

/// `POST /ruang-kerja/{id}/pemetaan-tersimpan/{mid}`: change a remembered mapping's roles
/// (`aksi=simpan`, checked against the version seen) or forget it (`hapus`).
async fn saved_mapping_form(
    State(app): State<AppContext>,
    Aktor(pelaku): Aktor,
    UrlPath((id, mid)): UrlPath<(String, String)>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    if let Some(r) = refused(&pelaku, Aksi::Unggah) {
        return r;
    }
    match change_saved(&app, &pelaku, &id, &mid, &Submitted(&fields)).await {
        Ok(notice) => Redirect::to(&format!(
            "/ruang-kerja/{id}?{}#pemetaan-tersimpan",
            encode(&[(
                app::pages::workspace::SETTINGS_NOTICE_QUERY,
                notice.as_str()
            )])
        ))
        .into_response(),
        Err(OperationError::Store(e)) => server_error(e),
        Err(OperationError::NotFound(what)) => not_found(what),
        Err(e) => Redirect::to(&format!(
            "{}?{}",
            saved_mapping_action(&id, &mid),
            encode(&[(MAPPING_ERROR_QUERY, e.to_string().as_str())])
        ))
        .into_response(),
    }
}

async fn change_saved(
    app: &AppContext,
    pelaku: &Pelaku,
    workspace_id: &str,
    mid: &str,
    form: &Submitted<'_>,
) -> Result<String, OperationError> {
    let Some(saved) = app
        .store
        .list_mappings(workspace_id)
        .await?
        .into_iter()
        .find(|m| m.id == mid)
    else {
        return Err(OperationError::NotFound("Pemetaan kolom"));
    };
    if form.get("aksi") == Some("hapus") {
        app.store.delete_mapping(workspace_id, mid).await?;
        return Ok(format!(
            "Pemetaan sheet '{}' dilupakan: berkas bertata letak itu akan ditampilkan lagi untuk diperiksa.",
            saved.sheet
        ));
    }
    let kolom: Vec<KolomPemetaan> = form
        .columns(&saved.kolom)?
        .into_iter()
        .map(|mut k| {
            if let Some(role) = role_from_token(&k.peran) {
                k.label = role_label(&role);
            }
            k
        })
        .collect();
    let versi = form
        .get("versi")
        .and_then(|v| v.parse::<u64>().ok())
        .unwrap_or(saved.versi);
    let oleh = if pelaku.is_lokal() {
        saved.oleh.clone()
    } else {
        pelaku.nama.clone()
    };
    let sheet = saved.sheet.clone();
    match app
        .store
        .save_mapping(PemetaanTersimpan {
            kolom,
            oleh,
            versi,
            ..saved
        })
        .await?
    {
        Ok(m) => Ok(format!(
            "Pemetaan sheet '{sheet}' disimpan (versi {}); berlaku untuk unggahan berikutnya.",
            m.versi
        )),
        Err(now) => Err(OperationError::MappingChanged(now)),
    }
}
