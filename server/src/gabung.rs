//! Merging an upload into one of the workspace's documents: the preview page (how many of the
//! file's rows are the document's, the new ones, every differing value beside the document's)
//! and its form (accept the checked values, whole columns or all; store the file as a new
//! document instead; cancel). Accepted values are one batch of cell edits, checked against the
//! version the preview showed, whose events name the file ([`app::ssr::Store::merge_edits`]).
//! The comparison itself is the domain core's ([`capaian_domain::gabung`]).

use std::collections::{BTreeMap, HashMap, HashSet};

use app::akses::{Aksi, Pelaku};
use app::pages::document::NOTICE_QUERY;
use app::pages::gabung::{
    merge_href, merge_page_html, renja_page_html, BarisSerapan, BuatDariRenja, GabungAnggaran,
    GabungRencana, GabungView, KolomGabung, SelGabung, MERGE_CELL_FIELD, MERGE_COLUMN_FIELD,
    MERGE_ERROR_QUERY, MERGE_NEW_ROWS_FIELD, MERGE_QUARTER_FIELD, MERGE_SHOWN,
};
use app::ssr::{row_label, AppContext, Gabungan, Template};
use app::types::{EditOutcome, EditRequest, StoredDocument, UnggahanTertunda, Workspace};
use axum::extract::{Path as UrlPath, Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Form, Router};
use capaian_domain::edit::{self, Cell, CellValue};
use capaian_domain::gabung::{
    berkas_tambahan, bisa_ditambah, kolom_gabung, per_simpul, pratinjau, Pratinjau,
    FORMULIR_ANGGARAN,
};
use capaian_domain::model::Document;
use capaian_domain::pk::FORMULIR_PK;
use capaian_domain::renja::FORMULIR_RENJA;
use leptos::prelude::LeptosOptions;

use crate::http::stylesheet;
use crate::http::{encode, refused, server_error, Aktor, WebState};
use crate::operations::{self, OperationError, Upload};
use crate::pemetaan::gone;

/// The merge page's routes, merged into the app's router.
pub fn routes() -> Router<WebState> {
    Router::new().route(
        &merge_href("{id}", "{tid}"),
        get(merge_page).post(merge_form),
    )
}

/// The merge page's query: why the last action was refused; a SIPD export's quarter as the
/// person chose it.
#[derive(serde::Deserialize)]
struct MergeQuery {
    galat: Option<String>,
    tw: Option<String>,
}

/// A quarter as a form or query gives it (`1`..`4`), else None.
fn quarter_of(raw: Option<&str>) -> Option<u8> {
    raw?.trim().parse().ok().filter(|q| (1..=4).contains(q))
}

/// A waiting upload ready to merge: the file as read, the document as it stands, the preview.
struct Prepared {
    workspace: Workspace,
    pending: UnggahanTertunda,
    stored: StoredDocument,
    file: Document,
    preview: Pratinjau,
}

/// Where a waiting upload stands.
enum Waiting {
    Ready(Box<Prepared>),
    /// A Renja uploaded without a document to merge into: a new E.81 document can be made of
    /// it once the person confirms (the file as E.81 rows, with the workspace).
    Baru(Box<(Workspace, UnggahanTertunda, Document)>),
    /// Its reading is not settled yet: its mapping page first.
    NeedsMapping,
    /// Not waiting (merged, cancelled, dropped after a week) or not a merge.
    Gone,
}

/// A waiting upload with its preview; a SIPD export's realisasi so far taken to reach the end
/// of quarter `triwulan` when the person chose one.
async fn prepare(
    app: &AppContext,
    workspace_id: &str,
    tid: &str,
    triwulan: Option<u8>,
) -> Result<Waiting, OperationError> {
    let store = app.store.as_ref();
    let Some(pending) = store.get_pending(tid).await? else {
        return Ok(Waiting::Gone);
    };
    if pending.workspace_id != workspace_id {
        return Ok(Waiting::Gone);
    }
    let Some(mut file) = store.get_pending_reading(tid).await? else {
        return Ok(Waiting::NeedsMapping);
    };
    let Some(target) = pending.tujuan.clone() else {
        if file.form != FORMULIR_RENJA {
            return Ok(Waiting::Gone);
        }
        let Some(workspace) = store.get_workspace(workspace_id).await? else {
            return Err(OperationError::NotFound("Ruang kerja"));
        };
        return Ok(Waiting::Baru(Box::new((workspace, pending, file))));
    };
    if file.form == FORMULIR_ANGGARAN && triwulan.is_some() {
        file.quarter = triwulan;
    }
    let Some(workspace) = store.get_workspace(workspace_id).await? else {
        return Err(OperationError::NotFound("Ruang kerja"));
    };
    let Some(stored) = store.get_document(&target).await? else {
        return Err(OperationError::NotFound("Dokumen tujuan"));
    };
    if stored.summary.workspace_id != workspace_id {
        return Ok(Waiting::Gone);
    }
    // Comparing every cell of two 20 000-row documents: off the async workers.
    let (stored, file, preview) = tokio::task::spawn_blocking(move || {
        let preview = pratinjau(&stored.document, &file);
        (stored, file, preview)
    })
    .await
    .map_err(|e| OperationError::Files(e.to_string()))?;
    Ok(Waiting::Ready(Box::new(Prepared {
        workspace,
        pending,
        stored,
        file,
        preview,
    })))
}

/// A SIPD anggaran kas's penyerapan, for its page (not for accepting values): each document
/// row's realisasi per quarter against the kas of its node. The kas is no E.81 column, so it is
/// read from the waiting file itself; empty for any other file.
async fn serapan_of(
    app: &AppContext,
    p: &Prepared,
) -> Result<Vec<capaian_domain::rekonsiliasi::PenyerapanKas>, OperationError> {
    if !is_budget(p) {
        return Ok(Vec::new());
    }
    let Some(bytes) = app.store.get_pending_file(&p.pending.id).await? else {
        return Ok(Vec::new());
    };
    let document = p.stored.document.clone();
    tokio::task::spawn_blocking(move || {
        capaian_xlsx::sipd::read_sipd(&bytes, &capaian_xlsx::Limits::default())
            .map(|r| capaian_domain::rekonsiliasi::penyerapan_kas(&document, &r.anggaran))
            .unwrap_or_default()
    })
    .await
    .map_err(|e| OperationError::Files(e.to_string()))
}

/// A value as the page shows it.
fn shown(v: &CellValue) -> String {
    if v.is_empty() {
        "(kosong)".to_string()
    } else {
        edit::display(v)
    }
}

/// Why a column's values cannot be accepted now: its quarter is past *Draf*.
fn locked_reason(p: &Prepared, cell: Cell) -> Option<String> {
    let q = cell.quarter()?;
    p.stored.summary.tahap(q).terkunci().then(|| {
        format!(
            "Triwulan {} sudah diajukan: nilainya tidak dapat diubah sampai kuncinya dibuka.",
            app::format::romawi(q)
        )
    })
}

fn view_of(
    p: &Prepared,
    serapan: &[capaian_domain::rekonsiliasi::PenyerapanKas],
    lan: bool,
) -> GabungView {
    let order: HashMap<Cell, usize> = kolom_gabung()
        .into_iter()
        .enumerate()
        .map(|(i, c)| (c, i))
        .collect();
    let mut columns: BTreeMap<usize, KolomGabung> = BTreeMap::new();
    for b in &p.preview.beda {
        let column = columns
            .entry(order.get(&b.kolom).copied().unwrap_or(usize::MAX))
            .or_insert_with(|| KolomGabung {
                kunci: b.kolom.key(),
                label: b.kolom.label(),
                terkunci: locked_reason(p, b.kolom),
                jumlah: 0,
                sel: Vec::new(),
            });
        column.jumlah += 1;
        if column.sel.len() < MERGE_SHOWN {
            column.sel.push(SelGabung {
                baris: b.baris,
                label: row_label(&p.stored.document, b.baris),
                sekarang: shown(&b.sekarang),
                berkas: shown(&b.berkas),
            });
        }
    }
    let boleh = bisa_ditambah(&p.file);
    GabungView {
        workspace: p.workspace.clone(),
        unggahan: p.pending.id.clone(),
        nama_berkas: p.pending.nama_berkas.clone(),
        dokumen: p.stored.summary.clone(),
        baris_berkas: p.file.rows.len(),
        cocok: p.preview.cocok,
        baru: p
            .preview
            .baru
            .iter()
            .take(MERGE_SHOWN)
            .map(|&j| row_label(&p.file, j))
            .collect(),
        jumlah_baru: p
            .preview
            .baru
            .iter()
            .filter(|&&j| boleh.get(j).copied().unwrap_or(false))
            .count(),
        baru_simpul: p
            .preview
            .baru
            .iter()
            .filter(|&&j| !boleh.get(j).copied().unwrap_or(false))
            .count(),
        tidak_di_berkas: p.preview.tidak_di_berkas.len(),
        kosong_di_berkas: p.preview.kosong_di_berkas,
        triwulan_berkas: p.file.quarter,
        kolom: columns.into_values().collect(),
        lan,
        anggaran: is_budget(p).then(|| GabungAnggaran {
            ringkasan: p.pending.tampilan.ringkasan.clone(),
            masalah: p.pending.tampilan.masalah.clone(),
            ada_realisasi: p
                .file
                .rows
                .iter()
                .any(|r| r.stated.c12.rp.is_some() || r.tw.iter().any(|t| t.rp.is_some())),
            per_bulan: p
                .file
                .rows
                .iter()
                .any(|r| r.rencana.bulan.iter().any(Option::is_some)),
            tahun: p.file.year,
            triwulan: p.file.quarter,
            melebihi: p
                .preview
                .melebihi
                .iter()
                .map(|&i| row_label(&p.stored.document, i))
                .collect(),
            dari_bulan: p
                .preview
                .dari_bulan
                .iter()
                .map(|&i| row_label(&p.stored.document, i))
                .collect(),
            serapan: serapan
                .iter()
                .map(|s| {
                    BarisSerapan::of(
                        row_label(&p.stored.document, s.baris),
                        &s.triwulan,
                        s.terhadap_pagu,
                    )
                })
                .collect(),
        }),
        rencana: rencana_of(p).map(|nama| GabungRencana {
            nama,
            per_simpul: per_simpul(&p.file.form),
            ringkasan: p.pending.tampilan.ringkasan.clone(),
            masalah: p.pending.tampilan.masalah.clone(),
            tahun: p.file.year,
        }),
    }
}

/// The file is a SIPD export shaped as the document's rows.
fn is_budget(p: &Prepared) -> bool {
    p.file.form == FORMULIR_ANGGARAN
}

/// The file is a Renja shaped as the document's rows.
fn is_renja(p: &Prepared) -> bool {
    p.file.form == FORMULIR_RENJA
}

/// The planning form the file is, shaped as the document's rows: a Renja or a Perjanjian
/// Kinerja, by its form kind's name (`FormKind::nama`), or the Renstra's table of tujuan,
/// sasaran and IKU.
fn rencana_of(p: &Prepared) -> Option<&'static str> {
    if p.file.form == capaian_xlsx::FORMULIR_KINERJA {
        return Some(app::pages::gabung::NAMA_KINERJA);
    }
    (is_renja(p) || p.file.form == FORMULIR_PK)
        .then(|| capaian_domain::form::by_key(&p.file.form).map(|f| f.nama))
        .flatten()
}

/// The file is another form's (a SIPD export, a Renja, a PK): it never becomes the document's
/// template, a document of its own, or another quarter's report.
fn is_other_form(p: &Prepared) -> bool {
    is_budget(p) || rencana_of(p).is_some()
}

/// `GET /ruang-kerja/{id}/gabung/{tid}`: the merge preview of a waiting upload.
async fn merge_page(
    State(app): State<AppContext>,
    State(options): State<LeptosOptions>,
    Aktor(pelaku): Aktor,
    UrlPath((id, tid)): UrlPath<(String, String)>,
    Query(q): Query<MergeQuery>,
) -> Response {
    if let Some(r) = refused(&pelaku, Aksi::Unggah) {
        return r;
    }
    match prepare(&app, &id, &tid, quarter_of(q.tw.as_deref())).await {
        Ok(Waiting::Ready(p)) => match serapan_of(&app, &p).await {
            Ok(serapan) => Html(merge_page_html(
                view_of(&p, &serapan, app.lan),
                q.galat,
                &stylesheet(&options),
            ))
            .into_response(),
            Err(e) => server_error(e),
        },
        Ok(Waiting::Baru(baru)) => Html(renja_page_html(
            renja_view(&baru, app.lan),
            q.galat,
            &stylesheet(&options),
        ))
        .into_response(),
        Ok(Waiting::NeedsMapping) => {
            Redirect::to(&app::pages::pemetaan::mapping_href(&id, &tid)).into_response()
        }
        Ok(Waiting::Gone) => gone(&id),
        Err(e) => server_error(e),
    }
}

/// What the page of a Renja without a document to merge into shows.
fn renja_view(baru: &(Workspace, UnggahanTertunda, Document), lan: bool) -> BuatDariRenja {
    use capaian_domain::model::Level;
    let (workspace, pending, file) = baru;
    let count = |level: Level| file.rows.iter().filter(|r| r.level == level).count();
    BuatDariRenja {
        workspace: workspace.clone(),
        unggahan: pending.id.clone(),
        nama_berkas: pending.nama_berkas.clone(),
        tahun: file.year,
        ringkasan: pending.tampilan.ringkasan.clone(),
        masalah: pending.tampilan.masalah.clone(),
        baris: Level::ALL
            .into_iter()
            .map(|l| (app::format::nama_level(l), count(l)))
            .filter(|(_, n)| *n > 0)
            .map(|(nama, n)| format!("{nama}: {n} baris"))
            .collect(),
        lan,
    }
}

/// What the form's action came to.
enum Merged {
    /// Values stored: back to the document with a notice.
    Accepted {
        document: String,
        notice: String,
    },
    /// Stored as a new document instead, or waiting on its mapping page.
    Elsewhere(String),
    Cancelled,
    Gone,
}

/// `POST /ruang-kerja/{id}/gabung/{tid}`: accept the checked values (`aksi=terima`) or all
/// (`semua`), store the file as a new document (`baru`), or cancel (`batal`).
async fn merge_form(
    State(app): State<AppContext>,
    Aktor(pelaku): Aktor,
    UrlPath((id, tid)): UrlPath<(String, String)>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    if let Some(r) = refused(&pelaku, Aksi::Unggah) {
        return r;
    }
    match merge(&app, &pelaku, &id, &tid, &fields).await {
        Ok(Merged::Accepted { document, notice }) => Redirect::to(&format!(
            "/dokumen/{document}?{}",
            encode(&[(NOTICE_QUERY, notice.as_str())])
        ))
        .into_response(),
        Ok(Merged::Elsewhere(to)) => Redirect::to(&to).into_response(),
        Ok(Merged::Cancelled) => Redirect::to(&format!("/ruang-kerja/{id}")).into_response(),
        Ok(Merged::Gone) => gone(&id),
        Err(OperationError::Store(e)) => server_error(e),
        Err(e) => {
            let query = encode(&[(MERGE_ERROR_QUERY, e.to_string().as_str())]);
            Redirect::to(&format!("{}?{query}", merge_href(&id, &tid))).into_response()
        }
    }
}

fn field<'a>(fields: &'a [(String, String)], key: &str) -> Option<&'a str> {
    fields
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

async fn merge(
    app: &AppContext,
    pelaku: &Pelaku,
    workspace_id: &str,
    tid: &str,
    fields: &[(String, String)],
) -> Result<Merged, OperationError> {
    let aksi = field(fields, "aksi").unwrap_or("terima");
    if aksi == "batal" {
        app.store.delete_pending(tid).await?;
        return Ok(Merged::Cancelled);
    }
    let triwulan = quarter_of(field(fields, MERGE_QUARTER_FIELD));
    let p = match prepare(app, workspace_id, tid, triwulan).await? {
        Waiting::Ready(p) => p,
        Waiting::Baru(baru) => {
            if aksi != "buat" {
                return Err(OperationError::Invalid(
                    "Pilih Buat dokumen E.81, atau Batal.".into(),
                ));
            }
            let (workspace, pending, _) = *baru;
            let Some(bytes) = app.store.get_pending_file(tid).await? else {
                return Ok(Merged::Gone);
            };
            let outcome =
                operations::store_renja_document(app, &workspace, pending.nama_berkas, bytes)
                    .await?;
            app.store.delete_pending(tid).await?;
            return Ok(Merged::Elsewhere(format!(
                "/dokumen/{}",
                outcome.summary.id
            )));
        }
        Waiting::NeedsMapping => {
            return Ok(Merged::Elsewhere(app::pages::pemetaan::mapping_href(
                workspace_id,
                tid,
            )))
        }
        Waiting::Gone => return Ok(Merged::Gone),
    };
    if aksi == "baru" {
        let Some(bytes) = app.store.get_pending_file(tid).await? else {
            return Ok(Merged::Gone);
        };
        let upload = operations::receive_upload(
            app,
            &p.workspace,
            p.pending.nama_berkas.clone(),
            bytes,
            false,
            None,
        )
        .await?;
        app.store.delete_pending(tid).await?;
        return Ok(Merged::Elsewhere(match upload {
            Upload::Imported(outcome) => format!("/dokumen/{}", outcome.summary.id),
            Upload::NeedsMapping { pending_id, .. } => {
                app::pages::pemetaan::mapping_href(workspace_id, &pending_id)
            }
            Upload::NeedsMerge { pending_id } => merge_href(workspace_id, &pending_id),
        }));
    }
    // A file of another form kept beside the document as it is, for the Rekonsiliasi: no
    // value of it is taken (one that agrees with the plan everywhere has none to take).
    if aksi == "pembanding" && is_other_form(&p) {
        let Some(isi) = app.store.get_pending_file(tid).await? else {
            return Ok(Merged::Gone);
        };
        let oleh = operations::name_of(pelaku, field(fields, "oleh").unwrap_or_default())?;
        let document = p.stored.summary.id.clone();
        if !app
            .store
            .keep_comparison_file(&document, &p.pending.nama_berkas, isi, &oleh)
            .await?
        {
            return Err(OperationError::NotFound("Dokumen tujuan"));
        }
        app.store.delete_pending(tid).await?;
        return Ok(Merged::Accepted {
            document,
            notice: format!(
                "{} disimpan sebagai berkas pembanding: Rekonsiliasi membandingkannya dengan rencana.",
                p.pending.nama_berkas
            ),
        });
    }
    let seen = field(fields, "versi").and_then(|v| v.parse::<u64>().ok());
    let now = p.stored.summary.versi;
    if seen != Some(now) {
        return Err(OperationError::Invalid(format!(
            "Dokumen ini diubah sejak pratinjau dibuat (kini versi {now}). Perbedaan di bawah sudah dihitung ulang; periksa lagi, lalu terima."
        )));
    }
    // Nothing differs: the file can still become the document's template (and, a later
    // quarter's file, make the document that quarter's report).
    let only_template = aksi == "template" && p.preview.beda.is_empty() && !is_other_form(&p);
    let all = aksi == "semua";
    let columns: HashSet<&str> = fields
        .iter()
        .filter(|(k, _)| k == MERGE_COLUMN_FIELD)
        .map(|(_, v)| v.as_str())
        .collect();
    let cells: HashSet<(usize, String)> = fields
        .iter()
        .filter(|(k, _)| k == MERGE_CELL_FIELD)
        .filter_map(|(_, v)| {
            let (baris, kolom) = v.split_once(':')?;
            Some((baris.parse().ok()?, kolom.to_string()))
        })
        .collect();
    let versions: HashMap<(usize, Cell), u64> = p
        .stored
        .versi_sel
        .iter()
        .map(|c| ((c.baris, c.kolom), c.versi))
        .collect();
    let mut edits = Vec::new();
    let mut locked = 0usize;
    for b in &p.preview.beda {
        let key = b.kolom.key();
        let chosen =
            all || columns.contains(key.as_str()) || cells.contains(&(b.baris, key.clone()));
        if !chosen {
            continue;
        }
        if locked_reason(&p, b.kolom).is_some() {
            locked += 1;
            continue;
        }
        edits.push(EditRequest {
            baris: b.baris,
            kolom: b.kolom,
            nilai: b.berkas.clone(),
            versi: versions.get(&(b.baris, b.kolom)).copied().unwrap_or(0),
        });
    }
    // The file's rows the document lacks: added (with their values) when the person leaves
    // them checked, or accepts everything. (Not a SIPD export's, nor a PK's programs: an E.81
    // row needs its indicator; a PK's sasaran and IKU are, `gabung::bisa_ditambah`.)
    let boleh = bisa_ditambah(&p.file);
    let tambahan = berkas_tambahan(&p.file).filter(|_| {
        p.preview
            .baru
            .iter()
            .any(|&j| boleh.get(j).copied().unwrap_or(false))
            && (all || field(fields, MERGE_NEW_ROWS_FIELD) == Some("1"))
    });
    let add_rows = tambahan.is_some();
    if edits.is_empty() && !only_template && !add_rows {
        return Err(OperationError::Invalid(if locked > 0 {
            "Nilai yang dipilih ada di triwulan yang sudah diajukan; tidak ada yang diterima."
                .into()
        } else {
            "Belum ada nilai yang dipilih: centang nilai atau kolom yang Anda terima, atau pilih Terima semua.".into()
        }));
    }
    let oleh = operations::name_of(pelaku, field(fields, "oleh").unwrap_or_default())?;
    let accepted = edits.len();
    let document = p.stored.summary.id.clone();
    // The file becomes the document's template: its values are filled into it from now on,
    // each row where the merge found it.
    let Some(isi) = app.store.get_pending_file(tid).await? else {
        return Ok(Merged::Gone);
    };
    let template = Template {
        nama_berkas: p.pending.nama_berkas.clone(),
        isi,
        baris: Some(
            p.preview
                .di_berkas
                .iter()
                .map(|j| j.and_then(|j| p.file.rows.get(j)).map(|r| r.sheet_row))
                .collect(),
        ),
    };
    // A SIPD export, a PK, a Renja or the Renstra's table is no E.81 template, and does not
    // make the document another quarter's report.
    // It is kept beside the document instead, for the Rekonsiliasi to compare against.
    let lain = is_other_form(&p);
    let (template, pembanding) = if lain {
        (None, Some(template.isi))
    } else {
        (Some(template), None)
    };
    let gabungan = Gabungan {
        berkas: p.pending.nama_berkas.clone(),
        triwulan: p.file.quarter.filter(|_| !lain),
        template,
        pembanding,
        baris_baru: tambahan.map(|t| std::sync::Arc::new(t.into_owned())),
        bentuk: p.stored.summary.bentuk,
    };
    let outcome = app
        .store
        .merge_edits(&document, &oleh, gabungan, edits)
        .await?
        .ok_or(OperationError::NotFound("Dokumen tujuan"))?;
    let ditambah = match outcome {
        EditOutcome::Applied { ditambah, .. } => ditambah,
        EditOutcome::RowsChanged { .. } => {
            return Err(OperationError::Invalid(
                "Baris dokumen ini bertambah sejak pratinjau dibuat. Perbedaan di bawah sudah dihitung ulang; periksa lagi, lalu terima.".into(),
            ))
        }
        EditOutcome::Conflict(c) => {
            return Err(OperationError::Invalid(format!(
                "{} sel diubah orang lain sejak pratinjau dibuat. Perbedaan di bawah sudah dihitung ulang; periksa lagi, lalu terima.",
                c.len()
            )))
        }
        EditOutcome::Locked { triwulan, .. } if add_rows => {
            return Err(OperationError::Invalid(format!(
                "Triwulan {} sudah diajukan dan terkunci: nilainya, juga nilai baris baru dari berkas, tidak dapat diubah. Tidak ada yang disimpan; hilangkan centang baris baru, atau buka kunci triwulan itu dulu.",
                app::format::romawi(triwulan)
            )))
        }
        EditOutcome::Locked { triwulan, .. } => {
            return Err(OperationError::Invalid(format!(
                "Triwulan {} baru saja diajukan: nilainya tidak dapat diubah. Tidak ada yang disimpan.",
                app::format::romawi(triwulan)
            )))
        }
        EditOutcome::Invalid(m) => return Err(OperationError::Invalid(m)),
    };
    app.store.delete_pending(tid).await?;
    let added = if ditambah > 0 {
        format!(" {ditambah} baris baru ditambahkan ke dokumen.")
    } else {
        String::new()
    };
    let left = p.preview.beda.len() - accepted;
    if only_template {
        return Ok(Merged::Accepted {
            document,
            notice: format!(
                "{} kini template dokumen ini; tidak ada nilai yang berbeda.{added}",
                p.pending.nama_berkas
            ),
        });
    }
    Ok(Merged::Accepted {
        document,
        notice: format!(
            "{accepted} nilai dari {} diterima{}.{added}",
            p.pending.nama_berkas,
            if left > 0 {
                format!("; {left} nilai berkas tidak diterima, nilai dokumen tetap")
            } else {
                String::new()
            }
        ),
    })
}
